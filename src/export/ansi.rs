//! The ANSI export: text with SGR escape codes.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::cells::{CellStyle, ansi_index, row, runs, trim_blank_tail};

/// SGR parameter of each drawn modifier, in the order they are emitted.
const SGR_MODIFIERS: [(Modifier, &str); 6] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::REVERSED, "7"),
    (Modifier::CROSSED_OUT, "9"),
];

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
