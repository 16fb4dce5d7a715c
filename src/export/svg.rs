//! The SVG export: a picture of a dark terminal.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::cells::{
    BASELINE, CELL_HEIGHT, CELL_WIDTH, DEFAULT_BG, DEFAULT_FG, FONT_FAMILY, FONT_SIZE, Run, hex,
    push_escaped, px, row, runs, text_decoration,
};

/// The buffer as a standalone SVG 1.1 picture of a dark terminal: a
/// [`CELL_WIDTH`]×[`CELL_HEIGHT`] px cell per buffer cell, a rectangle per run with a background,
/// and a `<text>` per run of narrow characters or per wide character.
///
/// Each `<text>` starts at its own column and has a `textLength` of its cells, so viewers that
/// honour `textLength` (browsers) keep the grid whatever monospace font they substitute. Some
/// (librsvg) ignore it; for them the cell width is `DejaVu Sans Mono`'s own advance, and each
/// wide character is centred on its two cells, as CJK fonts are rarely exactly two columns wide.
pub fn to_svg(buf: &Buffer) -> String {
    use std::fmt::Write as _;

    let width = px(f64::from(buf.area.width) * CELL_WIDTH);
    let height = px(f64::from(buf.area.height) * CELL_HEIGHT);
    let rows: Vec<Vec<Run>> = (0..buf.area.height)
        .map(|y| runs(row(buf, y), true))
        .collect();

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // `write!` to a String cannot fail.
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"{}\"/>",
        hex(DEFAULT_BG)
    );

    // Backgrounds first, so that no rectangle covers a neighbour's overhanging glyph.
    out.push_str("<g shape-rendering=\"crispEdges\">\n");
    for (y, runs) in (0u16..).zip(&rows) {
        for run in runs.iter().filter(|r| r.style.has_background()) {
            let (_, bg) = run.style.drawn_colors();
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                px(f64::from(run.col) * CELL_WIDTH),
                px(f64::from(y) * CELL_HEIGHT),
                px(f64::from(run.width) * CELL_WIDTH),
                px(CELL_HEIGHT),
                hex(bg)
            );
        }
    }
    out.push_str("</g>\n");

    let _ = writeln!(
        out,
        "<g font-family=\"{FONT_FAMILY}\" font-size=\"{FONT_SIZE}\" fill=\"{}\">",
        hex(DEFAULT_FG)
    );
    for (y, runs) in (0u16..).zip(&rows) {
        for run in runs.iter().flat_map(by_glyph_family) {
            let run = &run;
            let blank = run.text.trim().is_empty();
            if run.text.is_empty() || (blank && run.style.blank_is_invisible()) {
                continue;
            }
            let left = f64::from(run.col) * CELL_WIDTH;
            let length = f64::from(run.width) * CELL_WIDTH;
            let y = px(f64::from(y) * CELL_HEIGHT + BASELINE);
            if run.symbol_width.is_some_and(|w| w >= 2) {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{y}\" text-anchor=\"middle\"",
                    px(left + length / 2.0)
                );
            } else {
                let _ = write!(out, "<text x=\"{}\" y=\"{y}\"", px(left));
            }
            let (fg, _) = run.style.drawn_colors();
            if fg != DEFAULT_FG {
                let _ = write!(out, " fill=\"{}\"", hex(fg));
            }
            for (attribute, modifier, value) in [
                ("font-weight", Modifier::BOLD, "bold"),
                ("font-style", Modifier::ITALIC, "italic"),
                ("opacity", Modifier::DIM, "0.6"),
            ] {
                if run.style.modifier.contains(modifier) {
                    let _ = write!(out, " {attribute}=\"{value}\"");
                }
            }
            if let Some(decoration) = text_decoration(run.style.modifier) {
                let _ = write!(out, " text-decoration=\"{decoration}\"");
            }
            // A zero-width symbol keeps its natural size.
            if run.symbol_width != Some(0) {
                let _ = write!(
                    out,
                    " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
                    px(length)
                );
            }
            out.push_str(" xml:space=\"preserve\">");
            push_escaped(&mut out, &run.text);
            out.push_str("</text>\n");
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// Which font a glyph is likely drawn from: ASCII (spaces too), box drawing and blocks,
/// braille, or other.
fn glyph_family(c: char) -> u8 {
    match c {
        c if c.is_ascii() => 1,
        '\u{2500}'..='\u{259F}' => 2,
        '\u{2800}'..='\u{28FF}' => 3,
        _ => 4,
    }
}

/// A run cut where the glyph family changes, so that each piece is
/// placed at its own column: `textLength` scales a piece evenly, and a piece that mixed a
/// fallback font's braille with the main font's spaces would drift inside the run.
fn by_glyph_family(run: &Run) -> Vec<Run> {
    if run.symbol_width.is_some_and(|w| w != 1) {
        return vec![run.clone()];
    }
    let mut pieces: Vec<Run> = Vec::new();
    let mut col = run.col;
    for c in run.text.chars() {
        let width =
            u16::try_from(unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).unwrap_or(0);
        // Braille and other symbols may come from a fallback font whose advance is not the
        // cell's, and some viewers ignore `textLength`: each is placed on its own.
        let joins = matches!(glyph_family(c), 1 | 2);
        match pieces.last_mut() {
            Some(last)
                if joins && last.text.chars().last().map(glyph_family) == Some(glyph_family(c)) =>
            {
                last.text.push(c);
                last.width += width;
            }
            _ => pieces.push(Run {
                col,
                text: c.to_string(),
                width,
                ..run.clone()
            }),
        }
        col += width;
    }
    pieces
}
