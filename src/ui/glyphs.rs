//! The non-ASCII symbols the UI draws, and their ASCII stand-ins for `--ascii`.

pub const TAB_DIVIDER: &str = "│";
pub const SEPARATOR: &str = " · ";
pub const BAR_FULL: char = '█';
/// Eighth blocks for the fractional end of a horizontal bar.
pub const BAR_EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
pub const GAP: &str = "·";
pub const MORE_BELOW: &str = "▼ more";
pub const MORE_ABOVE: &str = "▲ more";
pub const ELLIPSIS: char = '…';
pub const PLAYING: &str = "▶";
pub const PAUSED: &str = "⏸";

/// The ASCII stand-in for a symbol the UI or ratatui draws; `None` for text that stays as it
/// is (ASCII already, or letters such as CJK that have no stand-in).
pub fn ascii(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if c.is_ascii() {
        return None;
    }
    Some(match c {
        // Box drawing, block elements and bars, by the shape they most resemble. The focused
        // card's thick border stays distinct: #====#.
        '─' | '═' | '╌' | '┄' | '▎' | '▏' | '▃' | '▂' | '–' | '—' => "-",
        '│' | '┃' | '║' | '╎' | '┆' | '¦' => "|",
        '━' | '▌' | '▍' | '▅' | '▄' | '⏸' => "=",
        '▁' => "_",
        '┏' | '┓' | '┗' | '┛' | '\u{2580}'..='\u{259F}' => "#",
        '\u{2500}'..='\u{257F}' => "+",
        // Braille chart dots: blank stays blank, anything else is a point of the line.
        '\u{2800}' => " ",
        '\u{2801}'..='\u{28FF}' | '•' | '●' => "*",
        '·' => ".",
        '…' => "~",
        '×' => "x",
        '→' | '▶' => ">",
        '←' => "<",
        '↑' | '▲' => "^",
        '↓' | '▼' => "v",
        '“' | '”' => "\"",
        '‘' | '’' => "'",
        // Letters of a script (Chinese labels in --lang zh) are text, not glyphs.
        c if c.is_alphanumeric() => return None,
        _ => "?",
    })
}

#[cfg(test)]
mod tests {
    use super::ascii;

    #[test]
    fn every_ui_glyph_has_an_ascii_stand_in() {
        for s in [
            "│", "┏", "┛", "━", "█", "▏", "▁", "⣿", "·", "…", "×", "→", "←", "↑", "↓", "▼", "▲",
            "⏸", "–", "“",
        ] {
            let a = ascii(s).unwrap_or_else(|| panic!("{s}"));
            assert!(a.is_ascii(), "{s} → {a}");
        }
        assert_eq!(ascii("a"), None);
        assert_eq!(ascii("江"), None);
        assert_eq!(ascii("\u{2800}"), Some(" "));
    }
}
