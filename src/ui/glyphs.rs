//! The non-ASCII symbols the UI draws, and their ASCII stand-ins for `--ascii`.

pub const TAB_DIVIDER: &str = "│";
pub const SEPARATOR: &str = " · ";
pub const GAP: &str = "·";
/// The marker of a scrolled list: "▼ more" below, "▲ more" above, in the screen's language.
pub fn more(above: bool, lang: crate::text::Lang) -> &'static str {
    match (above, lang) {
        (false, crate::text::Lang::En) => "▼ more",
        (true, crate::text::Lang::En) => "▲ more",
        (false, crate::text::Lang::Zh) => "▼ 更多",
        (true, crate::text::Lang::Zh) => "▲ 更多",
    }
}
pub const PLAYING: &str = "▶";
pub const PAUSED: &str = "⏸";
/// Marks the first year of a new stretch (a change of statistical base).
pub const BREAK: &str = "¦";
pub const UP: &str = "▲";
/// A year with a figure but no neighbour to join (a lone point on a chart).
pub const POINT: &str = "●";
/// The figures of a chart's second series (on its dotted line) and of its third.
pub const DOT_MARK: &str = "•";
pub const CROSS_MARK: &str = "×";
pub const DOWN: &str = "▼";

/// The ASCII stand-in of a symbol under `--ascii`: `None` for text that stays as it is (ASCII
/// already, or letters such as Chinese that have no stand-in), `?` for a symbol without one.
pub fn ascii(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if c.is_ascii() || c.is_alphanumeric() {
        return None;
    }
    Some(stand_in(c).unwrap_or("?"))
}

/// Whether a symbol opens a bracket (its ASCII stand-in goes next to what follows).
pub fn opens(symbol: &str) -> bool {
    matches!(symbol, "（" | "【" | "〔" | "《" | "「" | "『")
}

/// The ASCII character a symbol is drawn as, by the shape it most resembles.
pub fn stand_in(c: char) -> Option<&'static str> {
    Some(match c {
        // Box drawing, block elements and bars. The focused card's thick border stays
        // distinct: #====#.
        '─' | '═' | '╌' | '┄' | '▎' | '▏' | '▃' | '▂' | '–' | '—' => "-",
        '│' | '┃' | '║' | '╎' | '┆' | '┊' | '¦' => "|",
        '━' | '▌' | '▍' | '▅' | '▄' | '⏸' => "=",
        // The third bar series' dark shade, apart from the first's partial tops.
        '▓' => "@",
        '▁' => "_",
        // A bar known only as a bound is shaded, and stays distinct from a solid one.
        '░' | '▒' | '：' => ":",
        '┏' | '┓' | '┗' | '┛' | '\u{2580}'..='\u{259F}' => "#",
        '\u{2500}'..='\u{257F}' => "+",
        // Braille chart dots: blank stays blank, anything else is a point of the line.
        '\u{2800}' => " ",
        '\u{2801}'..='\u{28FF}' | '●' => "*",
        '•' => "o",
        '·' | '。' | '．' => ".",
        '…' | '～' | '≈' => "~",
        '【' | '〔' => "[",
        '】' | '〕' => "]",
        '×' => "x",
        '→' | '▶' | '》' => ">",
        '←' | '《' => "<",
        '↑' | '▲' => "^",
        '↓' | '▼' => "v",
        '“' | '”' | '＂' | '「' | '」' | '『' | '』' => "\"",
        '‘' | '’' => "'",
        // Full-width punctuation of Chinese text (the rest is above, with its look-alikes).
        '，' | '、' => ",",
        '；' => ";",
        '（' => "(",
        '）' => ")",
        '！' | '⚠' => "!",
        '？' => "?",
        '％' => "%",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::ascii;

    #[test]
    fn letters_and_ascii_stay_and_unknown_symbols_become_a_question_mark() {
        assert_eq!(ascii("a"), None);
        assert_eq!(ascii("江"), None);
        assert_eq!(ascii("\u{2800}"), Some(" "));
        assert_eq!(ascii("，"), Some(","));
        assert_eq!(ascii("☃"), Some("?"));
    }
}
