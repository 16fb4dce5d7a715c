//! The HTML export: a page with the screen in a `<pre>`.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::cells::{
    CELL_HEIGHT, CellStyle, DEFAULT_BG, DEFAULT_FG, FONT_FAMILY, FONT_SIZE, hex, push_escaped, px,
    row, runs, text_decoration, trim_blank_tail,
};

/// The buffer as a standalone HTML5 page: a `<pre>` of the [`to_text`] lines, each styled run in a
/// `<span>`. No script and no external resource; the browser's monospace font is used, which
/// draws CJK characters two columns wide.
pub fn to_html(buf: &Buffer) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<title>jx-dash</title>\n<style>\n");
    out.push_str(&page_style());
    out.push_str("</style>\n</head>\n<body>\n");
    // A newline right after `<pre>` would be dropped by the parser, so the first row follows it.
    out.push_str("<pre>");
    out.push_str(&rows_html(buf));
    out.push_str("</pre>\n</body>\n</html>\n");
    out
}

/// The stylesheet of a page of screens: the terminal's ground, font and line height.
pub fn page_style() -> String {
    format!(
        "body {{ margin: 0; background: {bg}; }}\n\
         pre {{ margin: 0; padding: 8px; color: {fg}; background: {bg}; font-family: {FONT_FAMILY}; \
         font-size: {FONT_SIZE}px; line-height: {}px; }}\n",
        px(CELL_HEIGHT),
        bg = hex(DEFAULT_BG),
        fg = hex(DEFAULT_FG),
    )
}

/// The screen's rows as the inside of a `<pre>`: a line a row, each styled run in a `<span>`.
pub fn rows_html(buf: &Buffer) -> String {
    use std::fmt::Write as _;

    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut runs = runs(row(buf, y), true);
        trim_blank_tail(&mut runs);
        for run in &runs {
            let mut css = span_css(run.style);
            if run.symbol_width.is_some_and(|w| w > 1) {
                // A CJK fallback font is rarely exactly two columns wide: pin each wide
                // character to its two cells so borders after it stay aligned.
                let pin = format!(
                    "display: inline-block; width: {}ch; text-align: center",
                    run.width
                );
                css = if css.is_empty() {
                    pin
                } else {
                    format!("{css}; {pin}")
                };
            }
            if css.is_empty() {
                push_escaped(&mut out, &run.text);
            } else {
                let _ = write!(out, "<span style=\"{css}\">");
                push_escaped(&mut out, &run.text);
                out.push_str("</span>");
            }
        }
        out.push('\n');
    }
    out
}

/// Inline CSS of a run's `<span>`; empty for the plain style.
fn span_css(style: CellStyle) -> String {
    let mut css = Vec::new();
    let (fg, bg) = style.drawn_colors();
    if fg != DEFAULT_FG || style.modifier.contains(Modifier::REVERSED) {
        css.push(format!("color: {}", hex(fg)));
    }
    if style.has_background() {
        css.push(format!("background-color: {}", hex(bg)));
    }
    if style.modifier.contains(Modifier::BOLD) {
        css.push("font-weight: bold".to_owned());
    }
    if style.modifier.contains(Modifier::ITALIC) {
        css.push("font-style: italic".to_owned());
    }
    if style.modifier.contains(Modifier::DIM) {
        css.push("opacity: 0.6".to_owned());
    }
    if let Some(decoration) = text_decoration(style.modifier) {
        css.push(format!("text-decoration: {decoration}"));
    }
    css.join("; ")
}
