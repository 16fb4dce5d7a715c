//! What the styled exports share: a buffer row split into runs of one style, the colors
//! those styles draw, and the font metrics of the SVG and HTML "terminal".

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Modifiers the styled exports draw; the rest (blink, hidden, …) are dropped so that a cell
/// carrying only those counts as plain.
pub(super) const DRAWN_MODIFIERS: Modifier = Modifier::BOLD
    .union(Modifier::DIM)
    .union(Modifier::ITALIC)
    .union(Modifier::UNDERLINED)
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// Modifiers that make a blank cell visible (so trailing blanks in them are kept).
pub(super) const BLANK_VISIBLE_MODIFIERS: Modifier = Modifier::UNDERLINED
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// Default foreground and background of the SVG and HTML "terminal" (VS Code's dark theme).
pub(super) const DEFAULT_FG: u32 = 0x00d4_d4d4;
pub(super) const DEFAULT_BG: u32 = 0x001e_1e1e;

/// The 16 named colors, in ANSI order (black, red, …, white, then the bright variants): VS Code's
/// dark terminal palette, except bright white, which is pure white so that ratatui's `Gray` (ANSI
/// white) and `White` (ANSI bright white) stay distinct. `Indexed(0..16)` uses the same table.
pub(super) const ANSI_PALETTE: [u32; 16] = [
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

/// Monospace stack for SVG and HTML; `DejaVu Sans Mono` first because its metrics match the
/// cell. It has no Chinese, so the viewer falls back glyph by glyph to the CJK fonts next
/// (each wide glyph is centred on its two cells, so their metrics need not match).
pub(super) const FONT_FAMILY: &str = "'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans Mono CJK SC', \
     'Sarasa Mono SC', 'PingFang SC', 'Microsoft YaHei', monospace";
/// Font size in px, in SVG and HTML.
pub(super) const FONT_SIZE: u32 = 14;
/// SVG cell width in px: the advance of `DejaVu Sans Mono` and Menlo (1233/2048 em) at 14 px,
/// 8.4287, so that a long run drifts by less than 0.2 px in viewers that ignore `textLength`.
pub(super) const CELL_WIDTH: f64 = 8.43;
/// Cell height in px (SVG rows, HTML line height): just under the 16.3 px that box-drawing and block glyphs of
/// `DejaVu Sans Mono` span at 14 px (ascent 0.928 em + descent 0.236 em), so that the glyphs of
/// adjacent rows overlap slightly instead of leaving hairline gaps in vertical borders.
pub(super) const CELL_HEIGHT: f64 = 16.0;
/// SVG baseline, from the top of a cell in px: centres that 16.3 px glyph box (13 px above the
/// baseline, 3.3 below) in the cell.
pub(super) const BASELINE: f64 = 12.85;

/// The parts of a cell's style that the styled exports draw (underline color is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CellStyle {
    pub(super) fg: Color,
    pub(super) bg: Color,
    pub(super) modifier: Modifier,
}

impl CellStyle {
    pub(super) const PLAIN: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub(super) fn of(cell: &Cell) -> Self {
        Self {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier.intersection(DRAWN_MODIFIERS),
        }
    }

    /// Whether a blank in this style looks like no cell at all, so may be trimmed or skipped.
    pub(super) fn blank_is_invisible(self) -> bool {
        self.bg == Color::Reset && !self.modifier.intersects(BLANK_VISIBLE_MODIFIERS)
    }

    /// Foreground and background as drawn (after `REVERSED`), as `0xRRGGBB`.
    pub(super) fn drawn_colors(self) -> (u32, u32) {
        let fg = rgb_of(self.fg).unwrap_or(DEFAULT_FG);
        let bg = rgb_of(self.bg).unwrap_or(DEFAULT_BG);
        if self.modifier.contains(Modifier::REVERSED) {
            (bg, fg)
        } else {
            (fg, bg)
        }
    }

    /// Whether the drawn background differs from the default one.
    pub(super) fn has_background(self) -> bool {
        self.bg != Color::Reset || self.modifier.contains(Modifier::REVERSED)
    }
}

/// Adjacent cells of one row with the same style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    /// Column of the first cell.
    pub(super) col: u16,
    pub(super) text: String,
    pub(super) style: CellStyle,
    /// Cells covered, counting the cells hidden behind wide characters.
    pub(super) width: u16,
    /// When the walk isolates odd widths: the display width of every symbol of the run (1, or a
    /// run of one symbol of another width).
    pub(super) symbol_width: Option<usize>,
}

/// `0xRRGGBB` of `color`, or `None` for [`Color::Reset`] (the default color).
pub(super) fn rgb_of(color: Color) -> Option<u32> {
    match color {
        Color::Reset => None,
        Color::Rgb(r, g, b) => Some(u32::from_be_bytes([0, r, g, b])),
        Color::Indexed(n) => Some(xterm_rgb(n)),
        named => ansi_index(named).map(|i| ANSI_PALETTE[usize::from(i)]),
    }
}

/// The ANSI number (0–15) of one of the 16 named colors.
pub(super) fn ansi_index(color: Color) -> Option<u8> {
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
pub(super) fn xterm_rgb(n: u8) -> u32 {
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

pub(super) fn hex(rgb: u32) -> String {
    format!("#{rgb:06x}")
}

/// Row `y` of `buf`, or no cells if the buffer's content is shorter than its area says.
pub(super) fn row(buf: &Buffer, y: u16) -> &[Cell] {
    let width = usize::from(buf.area.width);
    let start = usize::from(y) * width;
    buf.content.get(start..start + width).unwrap_or(&[])
}

/// Splits a row into runs of equal style, reading symbols exactly as [`to_text`] does: a symbol
/// `w` columns wide hides the `w - 1` cells after it. With `isolate_odd_width`, a symbol not one
/// column wide (CJK, zero-width) gets a run of its own, so that it can be placed by column.
pub(super) fn runs(row: &[Cell], isolate_odd_width: bool) -> Vec<Run> {
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
pub(super) fn trim_blank_tail(runs: &mut Vec<Run>) {
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

/// Appends `text` escaped for XML and HTML text or attribute values. Characters XML forbids
/// (control characters, U+FFFE, U+FFFF) become U+FFFD so that the document stays well-formed.
pub(super) fn push_escaped(out: &mut String, text: &str) {
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
pub(super) fn px(value: f64) -> String {
    let s = format!("{value:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

/// CSS/SVG `text-decoration` value for the modifiers, if any applies.
pub(super) fn text_decoration(modifier: Modifier) -> Option<&'static str> {
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

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
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
    fn pixel_numbers() {
        assert_eq!(px(0.0), "0");
        assert_eq!(px(16.86), "16.86");
        assert_eq!(px(8.43 * 100.0), "843");
        assert_eq!(px(12.85 + 16.0 * 3.0), "60.85");
    }
}
