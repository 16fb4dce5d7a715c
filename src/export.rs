//! Snapshots: the dashboard rendered into a [`Buffer`] without a terminal, then written out.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::App;

/// Renders the app into a fresh buffer of `width`×`height` cells.
pub fn render(app: &App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    buf
}

/// The buffer as plain text: one line per row, trailing spaces trimmed, wide characters
/// counted as two columns.
pub fn to_text(buf: &Buffer) -> String {
    let mut out = String::new();
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Styled exports: ANSI, SVG and HTML share one palette and one row walker.

/// Modifiers the styled exports draw; the rest (blink, hidden, …) are dropped so that a cell
/// carrying only those counts as plain.
const DRAWN_MODIFIERS: Modifier = Modifier::BOLD
    .union(Modifier::DIM)
    .union(Modifier::ITALIC)
    .union(Modifier::UNDERLINED)
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// Modifiers that make a blank cell visible (so trailing blanks in them are kept).
const BLANK_VISIBLE_MODIFIERS: Modifier = Modifier::UNDERLINED
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// SGR parameter of each drawn modifier, in the order they are emitted.
const SGR_MODIFIERS: [(Modifier, &str); 6] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::REVERSED, "7"),
    (Modifier::CROSSED_OUT, "9"),
];

/// Default foreground and background of the SVG and HTML "terminal" (VS Code's dark theme).
const DEFAULT_FG: u32 = 0x00d4_d4d4;
const DEFAULT_BG: u32 = 0x001e_1e1e;

/// The 16 named colors, in ANSI order (black, red, …, white, then the bright variants): VS Code's
/// dark terminal palette, except bright white, which is pure white so that ratatui's `Gray` (ANSI
/// white) and `White` (ANSI bright white) stay distinct. `Indexed(0..16)` uses the same table.
const ANSI_PALETTE: [u32; 16] = [
    0x0000_0000, // Black
    0x00cd_3131, // Red
    0x000d_bc79, // Green
    0x00e5_e510, // Yellow
    0x0024_72c8, // Blue
    0x00bc_3fbc, // Magenta
    0x0011_a8cd, // Cyan
    0x00e5_e5e5, // Gray (ANSI white)
    0x0066_6666, // DarkGray (ANSI bright black)
    0x00f1_4c4c, // LightRed
    0x0023_d18b, // LightGreen
    0x00f5_f543, // LightYellow
    0x003b_8eea, // LightBlue
    0x00d6_70d6, // LightMagenta
    0x0029_b8db, // LightCyan
    0x00ff_ffff, // White (ANSI bright white)
];

/// Monospace stack for SVG and HTML; `DejaVu Sans Mono` first because its metrics match the cell.
const FONT_FAMILY: &str = "DejaVu Sans Mono, Menlo, Consolas, monospace";
/// Font size in px, in SVG and HTML.
const FONT_SIZE: u32 = 14;
/// SVG cell width in px: the advance of `DejaVu Sans Mono` and Menlo (1233/2048 em) at 14 px,
/// 8.4287, so that a long run drifts by less than 0.2 px in viewers that ignore `textLength`.
const CELL_WIDTH: f64 = 8.43;
/// Cell height in px (SVG rows, HTML line height): just under the 16.3 px that box-drawing and block glyphs of
/// `DejaVu Sans Mono` span at 14 px (ascent 0.928 em + descent 0.236 em), so that the glyphs of
/// adjacent rows overlap slightly instead of leaving hairline gaps in vertical borders.
const CELL_HEIGHT: f64 = 16.0;
/// SVG baseline, from the top of a cell in px: centres that 16.3 px glyph box (13 px above the
/// baseline, 3.3 below) in the cell.
const BASELINE: f64 = 12.85;

/// The parts of a cell's style that the styled exports draw (underline color is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CellStyle {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl CellStyle {
    const PLAIN: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Self {
        Self {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier.intersection(DRAWN_MODIFIERS),
        }
    }

    /// Whether a blank in this style looks like no cell at all, so may be trimmed or skipped.
    fn blank_is_invisible(self) -> bool {
        self.bg == Color::Reset && !self.modifier.intersects(BLANK_VISIBLE_MODIFIERS)
    }

    /// Foreground and background as drawn (after `REVERSED`), as `0xRRGGBB`.
    fn drawn_colors(self) -> (u32, u32) {
        let fg = rgb_of(self.fg).unwrap_or(DEFAULT_FG);
        let bg = rgb_of(self.bg).unwrap_or(DEFAULT_BG);
        if self.modifier.contains(Modifier::REVERSED) {
            (bg, fg)
        } else {
            (fg, bg)
        }
    }

    /// Whether the drawn background differs from the default one.
    fn has_background(self) -> bool {
        self.bg != Color::Reset || self.modifier.contains(Modifier::REVERSED)
    }
}

/// Adjacent cells of one row with the same style.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    /// Column of the first cell.
    col: u16,
    text: String,
    style: CellStyle,
    /// Cells covered, counting the cells hidden behind wide characters.
    width: u16,
    /// When the walk isolates odd widths: the display width of every symbol of the run (1, or a
    /// run of one symbol of another width).
    symbol_width: Option<usize>,
}

/// `0xRRGGBB` of `color`, or `None` for [`Color::Reset`] (the default color).
fn rgb_of(color: Color) -> Option<u32> {
    match color {
        Color::Reset => None,
        Color::Rgb(r, g, b) => Some(u32::from_be_bytes([0, r, g, b])),
        Color::Indexed(n) => Some(xterm_rgb(n)),
        named => ansi_index(named).map(|i| ANSI_PALETTE[usize::from(i)]),
    }
}

/// The ANSI number (0–15) of one of the 16 named colors.
fn ansi_index(color: Color) -> Option<u8> {
    Some(match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Reset | Color::Rgb(..) | Color::Indexed(_) => return None,
    })
}

/// The xterm 256-color palette: the 16 named colors, a 6×6×6 cube, then 24 grays.
fn xterm_rgb(n: u8) -> u32 {
    const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match n {
        0..=15 => ANSI_PALETTE[usize::from(n)],
        16..=231 => {
            let cube = n - 16;
            let [red, green, blue] =
                [cube / 36, cube / 6 % 6, cube % 6].map(|level| CUBE[usize::from(level)]);
            u32::from_be_bytes([0, red, green, blue])
        }
        232..=255 => {
            let v = 8 + 10 * (n - 232);
            u32::from_be_bytes([0, v, v, v])
        }
    }
}

fn hex(rgb: u32) -> String {
    format!("#{rgb:06x}")
}

/// Row `y` of `buf`, or no cells if the buffer's content is shorter than its area says.
fn row(buf: &Buffer, y: u16) -> &[Cell] {
    let width = usize::from(buf.area.width);
    let start = usize::from(y) * width;
    buf.content.get(start..start + width).unwrap_or(&[])
}

/// Splits a row into runs of equal style, reading symbols exactly as [`to_text`] does: a symbol
/// `w` columns wide hides the `w - 1` cells after it. With `isolate_odd_width`, a symbol not one
/// column wide (CJK, zero-width) gets a run of its own, so that it can be placed by column.
fn runs(row: &[Cell], isolate_odd_width: bool) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0;
    while x < row.len() {
        let cell = &row[x];
        let symbol = cell.symbol();
        let symbol_width = symbol.width();
        let cells = symbol_width.clamp(1, row.len() - x);
        let style = CellStyle::of(cell);
        let symbol_width = isolate_odd_width.then_some(symbol_width);
        let joinable = symbol_width.is_none_or(|w| w == 1);
        // Both are below the row width, itself a u16.
        let col = u16::try_from(x).unwrap_or(u16::MAX);
        let cells_u16 = u16::try_from(cells).unwrap_or(u16::MAX);
        match runs.last_mut() {
            Some(last) if joinable && last.style == style && last.symbol_width == symbol_width => {
                last.text.push_str(symbol);
                last.width = last.width.saturating_add(cells_u16);
            }
            _ => runs.push(Run {
                col,
                text: symbol.to_owned(),
                style,
                width: cells_u16,
                symbol_width,
            }),
        }
        x += cells;
    }
    runs
}

/// Drops trailing whitespace that would look like no cell at all (no background, underline,
/// strike-through or reverse video), as [`to_text`] trims its lines.
fn trim_blank_tail(runs: &mut Vec<Run>) {
    while let Some(last) = runs.last_mut() {
        if !last.style.blank_is_invisible() {
            return;
        }
        let kept = last.text.trim_end().len();
        let removed = last.text[kept..].width();
        last.text.truncate(kept);
        last.width = last
            .width
            .saturating_sub(u16::try_from(removed).unwrap_or(u16::MAX));
        if !last.text.is_empty() {
            return;
        }
        runs.pop();
    }
}

/// The SGR sequence selecting `style` from the default state; `None` for the plain style.
fn sgr(style: CellStyle) -> Option<String> {
    if style == CellStyle::PLAIN {
        return None;
    }
    let mut params: Vec<String> = SGR_MODIFIERS
        .iter()
        .filter(|(modifier, _)| style.modifier.contains(*modifier))
        .map(|(_, code)| (*code).to_owned())
        .collect();
    params.extend(sgr_color(style.fg, 30));
    params.extend(sgr_color(style.bg, 40));
    Some(format!("\x1b[{}m", params.join(";")))
}

/// SGR parameters of `color`, `base` being 30 for the foreground and 40 for the background.
fn sgr_color(color: Color, base: u8) -> Option<String> {
    match color {
        Color::Reset => None,
        Color::Indexed(n) => Some(format!("{};5;{n}", base + 8)),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
        // 30–37 for the normal colors, 90–97 for the bright ones (40–47 / 100–107 background).
        named => ansi_index(named).map(|i| (base + if i < 8 { i } else { 60 + i - 8 }).to_string()),
    }
}

/// The buffer as text with SGR escape codes: the lines of [`to_text`], with a code wherever the
/// style changes and a reset (`ESC[0m`) before each change and at the end of each styled line.
/// Rows without colors or modifiers carry no escape code at all. Trailing blanks are trimmed
/// unless they are visible (a background, underline, strike-through or reverse video).
pub fn to_ansi(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut runs = runs(row(buf, y), false);
        trim_blank_tail(&mut runs);
        let mut current = CellStyle::PLAIN;
        for run in &runs {
            if run.style != current {
                if current != CellStyle::PLAIN {
                    out.push_str("\x1b[0m");
                }
                out.extend(sgr(run.style));
                current = run.style;
            }
            out.push_str(&run.text);
        }
        if current != CellStyle::PLAIN {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

/// Appends `text` escaped for XML and HTML text or attribute values. Characters XML forbids
/// (control characters, U+FFFE, U+FFFF) become U+FFFD so that the document stays well-formed.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// A pixel coordinate with at most two decimals and no trailing zeros.
fn px(value: f64) -> String {
    let s = format!("{value:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

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
        for run in runs {
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

/// CSS/SVG `text-decoration` value for the modifiers, if any applies.
fn text_decoration(modifier: Modifier) -> Option<&'static str> {
    match (
        modifier.contains(Modifier::UNDERLINED),
        modifier.contains(Modifier::CROSSED_OUT),
    ) {
        (true, true) => Some("underline line-through"),
        (true, false) => Some("underline"),
        (false, true) => Some("line-through"),
        (false, false) => None,
    }
}

/// The buffer as a standalone HTML5 page: a `<pre>` of the [`to_text`] lines, each styled run in a
/// `<span>`. No script and no external resource; the browser's monospace font is used, which
/// draws CJK characters two columns wide.
pub fn to_html(buf: &Buffer) -> String {
    use std::fmt::Write as _;

    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<title>jx-dash</title>\n<style>\n");
    let _ = writeln!(
        out,
        "body {{ margin: 0; background: {}; }}",
        hex(DEFAULT_BG)
    );
    let _ = writeln!(
        out,
        "pre {{ margin: 0; padding: 8px; color: {}; background: {}; font-family: {FONT_FAMILY}; \
         font-size: {FONT_SIZE}px; line-height: {}px; }}",
        hex(DEFAULT_FG),
        hex(DEFAULT_BG),
        px(CELL_HEIGHT)
    );
    out.push_str("</style>\n</head>\n<body>\n");
    // A newline right after `<pre>` would be dropped by the parser, so the first row follows it.
    out.push_str("<pre>");
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
    out.push_str("</pre>\n</body>\n</html>\n");
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

#[cfg(test)]
mod tests {
    use ratatui::style::Style;

    use super::*;

    #[test]
    fn xterm_palette() {
        assert_eq!(xterm_rgb(1), ANSI_PALETTE[1]);
        assert_eq!(xterm_rgb(16), 0x0000_0000);
        assert_eq!(xterm_rgb(196), 0x00ff_0000);
        assert_eq!(xterm_rgb(208), 0x00ff_8700);
        assert_eq!(xterm_rgb(231), 0x00ff_ffff);
        assert_eq!(xterm_rgb(232), 0x0008_0808);
        assert_eq!(xterm_rgb(255), 0x00ee_eeee);
        assert_eq!(rgb_of(Color::Rgb(1, 2, 3)), Some(0x0001_0203));
        assert_eq!(rgb_of(Color::Reset), None);
        assert_eq!(hex(0x0001_0203), "#010203");
    }

    #[test]
    fn runs_skip_cells_behind_wide_symbols() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 7, 1));
        buf.set_string(0, 0, "a江西b", Style::new());
        let merged = runs(row(&buf, 0), false);
        assert_eq!(merged.len(), 1);
        assert_eq!((merged[0].text.as_str(), merged[0].width), ("a江西b ", 7));
        let split: Vec<_> = runs(row(&buf, 0), true)
            .into_iter()
            .map(|r| (r.col, r.text, r.width))
            .collect();
        assert_eq!(
            split,
            [
                (0, "a".into(), 1),
                (1, "江".into(), 2),
                (3, "西".into(), 2),
                (5, "b ".into(), 2)
            ]
        );
    }

    #[test]
    fn only_invisible_blanks_are_trimmed() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "a ", Style::new().fg(Color::Red));
        buf.set_string(2, 0, " ", Style::new().add_modifier(Modifier::UNDERLINED));
        let mut row_runs = runs(row(&buf, 0), false);
        trim_blank_tail(&mut row_runs);
        assert_eq!(row_runs.len(), 2);
        assert_eq!(row_runs[1].text, " ");
        buf[(2, 0)].reset();
        let mut row_runs = runs(row(&buf, 0), false);
        trim_blank_tail(&mut row_runs);
        assert_eq!(row_runs.len(), 1);
        assert_eq!((row_runs[0].text.as_str(), row_runs[0].width), ("a", 1));
    }

    #[test]
    fn named_colors_in_sgr() {
        let style = |fg, bg| CellStyle {
            fg,
            bg,
            modifier: Modifier::empty(),
        };
        assert_eq!(sgr(CellStyle::PLAIN), None);
        assert_eq!(
            sgr(style(Color::Gray, Color::Black)).unwrap(),
            "\x1b[37;40m"
        );
        assert_eq!(
            sgr(style(Color::White, Color::DarkGray)).unwrap(),
            "\x1b[97;100m"
        );
        assert_eq!(
            sgr(style(Color::DarkGray, Color::Reset)).unwrap(),
            "\x1b[90m"
        );
        assert_eq!(
            sgr(style(Color::Indexed(7), Color::Rgb(9, 8, 7))).unwrap(),
            "\x1b[38;5;7;48;2;9;8;7m"
        );
    }

    #[test]
    fn pixel_numbers() {
        assert_eq!(px(0.0), "0");
        assert_eq!(px(16.86), "16.86");
        assert_eq!(px(8.43 * 100.0), "843");
        assert_eq!(px(12.85 + 16.0 * 3.0), "60.85");
    }
}
