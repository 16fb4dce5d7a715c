//! Does a quote hold a figure? Every stored number must appear in the words it was read from,
//! written as the source wrote it: `34202.5亿元`, `3.22万亿元`, `569 billion yuan`,
//! `4,823.00亿元`, `增长5.1%`, `ranking sixth`. The number is compared after scaling by the
//! unit and by the word after it (亿, 万亿, billion, …), exactly: a quote that says "3.42万亿元"
//! holds 34200亿元, not 34202.5.

use super::units::Unit;

/// Scale words that may follow a number, longest first, with what they multiply by.
const SCALES: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("萬億", 1e12),
    ("trillion", 1e12),
    ("billion", 1e9),
    ("million", 1e6),
    ("thousand", 1e3),
    ("亿", 1e8),
    ("億", 1e8),
    ("千万", 1e7),
    ("万", 1e4),
    ("萬", 1e4),
];

/// Numbers written as words, and what they are.
const WORDS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("doubled", 2.0),
    ("tripled", 3.0),
    ("quadrupled", 4.0),
];

const CHINESE_DIGITS: &str = "〇一二三四五六七八九十";

/// Whether `value` in `unit` is written in `quote` (its sign aside: "下降17.2%" holds -17.2).
pub fn holds(quote: &str, value: f64, unit: &Unit) -> bool {
    let value = value.abs();
    let base = unit.to_base(value);
    // Exchange-rate tables often give yuan per 100 US dollars.
    let per_hundred = unit.kind == super::units::Kind::Rate;
    numbers(quote).into_iter().any(|(n, scale)| {
        same(n, value) || same(n * scale, base) || (per_hundred && same(n, value * 100.0))
    })
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

/// Every number of a text with the scale of the word after it (1 when there is none).
///
/// Checked for every stored figure, so it reads the bytes once and allocates only its result:
/// digits, points and separators are ASCII, and a character of several bytes is never one.
pub fn numbers(text: &str) -> Vec<(f64, f64)> {
    let bytes = text.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    let mut before: Option<char> = None;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            let mut end = i;
            while end < bytes.len() {
                let joins = match bytes[end] {
                    d if d.is_ascii_digit() => true,
                    b'.' => digit(end + 1),
                    // A thousands separator: exactly three digits follow.
                    b',' => (1..=3).all(|k| digit(end + k)) && !digit(end + 4),
                    _ => false,
                };
                if !joins {
                    break;
                }
                end += 1;
            }
            let written = &text[start..end];
            let parsed = if written.contains(',') {
                written.replace(',', "").parse::<f64>()
            } else {
                written.parse::<f64>()
            };
            if let Ok(n) = parsed {
                let scale = scale_after(&text[end..]);
                // 1357億8000万: the 万 part adds to the 億 number right before it.
                match out.last() {
                    // Scales are exact constants from SCALES, so equality is exact.
                    #[allow(clippy::float_cmp)]
                    Some(&(yi, s)) if s == 1e8 && scale == 1e4 && joined_to_yi(text, start) => {
                        out.push((yi + n / 1e4, 1e8));
                    }
                    _ => out.push((n, scale)),
                }
            }
            before = Some('0');
            i = end;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if let Some(n) = CHINESE_DIGITS.chars().position(|d| d == c) {
            // 第六, 三倍: a single Chinese digit counts as a number next to 第/倍/位/名.
            let after = text[i + c.len_utf8()..].chars().next();
            if before == Some('第') || matches!(after, Some('倍' | '位' | '名')) {
                // The position of a digit in a ten-character string is below ten.
                #[allow(clippy::cast_precision_loss)]
                out.push((n as f64, 1.0));
            }
        }
        before = Some(c);
        i += c.len_utf8();
    }
    // Numbers as English words; a text without a Latin letter has none.
    if bytes.iter().any(u8::is_ascii_alphabetic) {
        let lower = text.to_ascii_lowercase();
        for (word, n) in WORDS {
            if lower.contains(word) {
                out.push((*n, 1.0));
            }
        }
    }
    out
}

/// Whether the number at `start` follows a 亿 (or 億) directly: `1357億8000万`.
fn joined_to_yi(text: &str, start: usize) -> bool {
    text[..start].ends_with('亿') || text[..start].ends_with('億')
}

/// The scale word right after a number, if any (spaces allowed before an English one).
fn scale_after(rest: &str) -> f64 {
    let trimmed = rest.trim_start();
    SCALES
        .iter()
        .find(|(word, _)| {
            let text = if word.is_ascii() { trimmed } else { rest };
            text.starts_with(word)
        })
        .map_or(1.0, |&(_, scale)| scale)
}

/// How `value` in `unit` may be written, for messages: `32200亿元 / 3.22万亿元 / 322 billion yuan`.
pub fn writings(value: f64, unit: &Unit) -> String {
    use crate::text::Lang;
    let mut out = vec![format!(
        "{}{}",
        super::units::exact(value, 0),
        unit.zh.label
    )];
    for lang in [Lang::Zh, Lang::En] {
        let text = unit.format(value, lang);
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out.join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::units::unit;

    #[test]
    fn numbers_and_their_scale_words() {
        assert_eq!(
            numbers("全年全省地区生产总值25691.5亿元，比上年增长3.8%"),
            [(25691.5, 1e8), (3.8, 1.0)]
        );
        assert_eq!(numbers("4,823.00亿元"), [(4823.0, 1e8)]);
        assert_eq!(
            numbers("reached 569 billion yuan ($78.9 billion)"),
            [(569.0, 1e9), (78.9, 1e9)]
        );
        assert_eq!(numbers("居全国第六"), [(6.0, 1.0)]);
        assert_eq!(numbers("3.22萬億元"), [(3.22, 1e12)]);
        assert_eq!(numbers("in 2012, 1.5."), [(2012.0, 1.0), (1.5, 1.0)]);
        assert_eq!(numbers("2012,13567"), [(2012.0, 1.0), (13567.0, 1.0)]);
        assert_eq!(numbers("1357億8000万元"), [(1357.0, 1e8), (1357.8, 1e8)]);
    }

    #[test]
    fn a_quote_holds_a_figure_in_any_writing_of_its_unit() {
        let yi = unit("100m-yuan").unwrap();
        assert!(holds("全省地区生产总值34202.5亿元", 34202.5, yi));
        assert!(holds("GDP rose to 3.22 trillion yuan", 32200.0, yi));
        assert!(holds("reached 569 billion yuan", 5690.0, yi));
        assert!(holds("4,823.00亿元", 4823.0, yi));
        assert!(
            !holds("3.42万亿元", 34202.5, yi),
            "a rounded writing is another number"
        );
        assert!(!holds("34202.5亿元", 34205.2, yi));
        let pct = unit("pct").unwrap();
        assert!(holds("同比下降17.2%", -17.2, pct));
        assert!(holds("increased by 73 percent", 73.0, pct));
        assert!(!holds("增长7.3%", 73.0, pct));
        let people = unit("people").unwrap();
        assert!(holds("为48.7万适龄女生免费接种", 487_000.0, people));
        assert!(holds("487,000 eligible girls", 487_000.0, people));
        let count = unit("count").unwrap();
        assert!(holds("ranking sixth nationwide", 6.0, count));
        assert!(holds("RCEP1357億8000万元", 1357.8, yi));
        let rate = unit("yuan-per-usd").unwrap();
        assert!(
            holds("| 2012 | 631.25 |", 6.3125, rate),
            "a table per 100 US$"
        );
        let times = unit("times").unwrap();
        assert!(holds("have nearly tripled", 3.0, times));
    }
}
