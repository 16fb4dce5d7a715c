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

/// Punctuation a line may not start with (Chinese line breaking, 避头尾): it stays at the
/// end of the line before.
const NO_LINE_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '】', '》', '」', '』', '”', '’', '%', '％',
    ',', '.', ';', ':', ')', '…',
];

/// Word-wraps text to `width` columns (CJK may break anywhere, but no line starts with a
/// comma, a full stop or a closing bracket: it hangs at the end of the line before).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = wrap_plain(text, width);
    let mut i = 1;
    while i < lines.len() {
        // A line that starts with a mark takes the last character of the line before with it;
        // what it then has too much goes down to the next line.
        let starts_badly = |line: &str| {
            line.chars()
                .next()
                .is_some_and(|c| NO_LINE_START.contains(&c))
        };
        if starts_badly(&lines[i]) && lines[i - 1].chars().count() > 1 {
            let Some(last) = lines[i - 1].pop() else {
                break;
            };
            lines[i].insert(0, last);
            continue;
        }
        while lines[i].width() > width && lines[i].chars().count() > 1 {
            let Some(last) = lines[i].pop() else {
                break;
            };
            if i + 1 == lines.len() {
                lines.push(String::new());
            }
            lines[i + 1].insert(0, last);
        }
        i += 1;
    }
    for line in &mut lines {
        let trimmed = line.trim_end().len();
        line.truncate(trimmed);
    }
    lines.retain(|l| !l.is_empty());
    lines
}

fn wrap_plain(text: &str, width: usize) -> Vec<String> {
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
                    // Never inside a number: "34202.5" moves down whole.
                    let numeric = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
                    let run = line.len() - line.trim_end_matches(numeric).len();
                    let carried = if (numeric(c) || c == '%') && run > 0 && run < line.len() {
                        line.split_off(line.len() - run)
                    } else {
                        String::new()
                    };
                    lines.push(std::mem::replace(&mut line, carried));
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
        for width in 4..30 {
            let quote =
                "根据地区生产总值统一核算结果，2024年全省地区生产总值34202.5亿元，同比增长5.1%。";
            let lines = wrap(quote, width);
            for line in &lines {
                assert!(line.width() <= width, "{line} at {width}");
                assert!(!line.starts_with(['，', '。']), "{line} at {width}");
            }
            if width >= 8 {
                assert!(lines.iter().any(|l| l.contains("34202.5")), "{lines:?}");
            }
        }
        assert_eq!(truncate("Foreign trade", 8), "Foreign…");
        assert_eq!(truncate("江西开放", 5), "江西…");
        assert_eq!(pad("江西", 6), "江西  ");
    }
}
