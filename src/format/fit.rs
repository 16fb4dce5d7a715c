//! Text fitted to a width in screen columns (CJK characters take two): wrapping, packing,
//! truncating, padding.

use unicode_width::UnicodeWidthStr;

/// Greedily packs segments into lines of at most `width` columns joined by `sep`.
pub fn pack(segments: &[String], sep: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for seg in segments {
        match lines.last_mut() {
            Some(line) if line.width() + sep.width() + seg.width() <= width => {
                line.push_str(sep);
                line.push_str(seg);
            }
            _ => lines.push(seg.clone()),
        }
    }
    lines
}

/// Word-wraps text to `width` columns (CJK may break anywhere).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_inclusive([' ', '；', '，', '、']) {
        if line.width() + word.trim_end().width() > width && !line.is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        if word.trim_end().width() > width {
            for c in word.chars() {
                if line.width() + c.to_string().width() > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        } else {
            line.push_str(word);
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Cuts text to `width` columns, ending with an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` followed by spaces up to `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(text.width())));
    out
}

/// A title fitted to `width` columns: cut at a word (never inside a number or unit), with an
/// ellipsis.
pub fn fit_title(title: &str, width: usize) -> String {
    if title.width() <= width {
        return title.to_string();
    }
    let cut = truncate(title, width);
    match cut.trim_end_matches('…').rfind([' ', '·', '，', '、']) {
        Some(i) if i > 2 => format!("{} …", cut[..i].trim_end()),
        _ => cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_and_wrapping_respect_width() {
        let segs = vec![
            "+73%".to_string(),
            "4.3% of national".to_string(),
            "6th".to_string(),
        ];
        assert_eq!(pack(&segs, " · ", 24), ["+73% · 4.3% of national", "6th"]);
        assert_eq!(
            wrap("Large civilian helicopters; semiconductor", 20),
            ["Large civilian", "helicopters;", "semiconductor"]
        );
        for line in wrap("大型民用直升机；半导体发光器件", 6) {
            assert!(line.width() <= 6, "{line}");
        }
        assert_eq!(truncate("Foreign trade", 8), "Foreign…");
        assert_eq!(truncate("江西开放", 5), "江西…");
        assert_eq!(pad("江西", 6), "江西  ");
    }
}
