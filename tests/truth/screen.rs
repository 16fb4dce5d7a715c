//! Reading a rendered screen the way a person does: every number with what surrounds it (its
//! unit words on the same line, under it on a tile, or in the header of its column), cell by
//! cell, so that positions are screen columns.

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::explain::Kind;

/// A screen as rows of cells; the second cell of a wide character is `None`.
pub struct Screen {
    pub rows: Vec<Vec<Option<String>>>,
}

/// A number as written on screen.
#[derive(Debug, Clone)]
pub struct Token {
    pub row: usize,
    /// First and one-past-last column.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: f64,
    pub decimals: usize,
}

const VERTICAL: &[&str] = &["│", "┃", "║"];
const HORIZONTAL: &[&str] = &[
    "─", "━", "┌", "┏", "└", "┗", "┐", "┓", "┘", "┛", "╭", "╰", "╮", "╯",
];

impl Screen {
    pub fn new(buf: &Buffer) -> Self {
        let area = buf.area;
        let mut rows = Vec::new();
        for y in area.top()..area.bottom() {
            let mut row = Vec::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                if skip > 0 {
                    skip -= 1;
                    row.push(None);
                    continue;
                }
                let symbol = buf[(x, y)].symbol().to_string();
                skip = symbol.width().saturating_sub(1);
                row.push(Some(symbol));
            }
            rows.push(row);
        }
        Self { rows }
    }

    pub fn text(&self) -> String {
        self.rows
            .iter()
            .map(|r| {
                r.iter()
                    .flatten()
                    .cloned()
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .and_then(|c| c.as_deref())
            .unwrap_or("")
    }

    /// The columns of the panel segment a cell is in: between vertical borders.
    pub fn segment(&self, row: usize, col: usize) -> (usize, usize) {
        let cells = &self.rows[row];
        let is_border = |c: usize| {
            cells
                .get(c)
                .and_then(|s| s.as_deref())
                .is_some_and(|s| VERTICAL.contains(&s))
        };
        let mut start = col;
        while start > 0 && !is_border(start - 1) {
            start -= 1;
        }
        let mut end = col;
        while end < cells.len() && !is_border(end) {
            end += 1;
        }
        (start, end)
    }

    /// The text of columns `[from, to)` of a row (continuation cells skipped).
    pub fn span(&self, row: usize, from: usize, to: usize) -> String {
        (from..to.min(self.rows[row].len()))
            .filter_map(|c| self.rows[row][c].clone())
            .collect()
    }

    /// Whether the cell at `col` of `row` draws a horizontal border.
    pub fn border_at(&self, row: usize, col: usize) -> bool {
        HORIZONTAL.contains(&self.cell(row, col))
    }

    /// Every number of the screen.
    pub fn tokens(&self) -> Vec<Token> {
        let mut out = Vec::new();
        for (row, cells) in self.rows.iter().enumerate() {
            let ch = |c: usize| -> Option<char> {
                let s = cells.get(c)?.as_deref()?;
                let mut chars = s.chars();
                let first = chars.next()?;
                chars.next().is_none().then_some(first)
            };
            let digit = |c: usize| ch(c).is_some_and(|x| x.is_ascii_digit());
            let mut col = 0;
            while col < cells.len() {
                if !digit(col) {
                    col += 1;
                    continue;
                }
                // Part of a word or an address ("R2", "163.com"): not a figure of its own.
                let before = col.checked_sub(1).and_then(ch);
                if before.is_some_and(|b| b.is_ascii_alphabetic() || b == '.' || b == '_') {
                    while digit(col) {
                        col += 1;
                    }
                    continue;
                }
                // A sign, unless it joins two numbers (a date: 2018-12).
                let mut start = col;
                let joined = col >= 2 && ch(col - 2).is_some_and(|c| c.is_ascii_digit());
                if matches!(before, Some('+' | '-')) && !joined {
                    start = col - 1;
                }
                let mut end = col;
                // Digits, a thousands comma before exactly three, a point before one.
                while digit(end)
                    || (ch(end) == Some(',') && (1..=3).all(|k| digit(end + k)) && !digit(end + 4))
                    || (ch(end) == Some('.') && digit(end + 1))
                {
                    end += 1;
                }
                let text: String = (start..end).filter_map(ch).collect();
                let number: String = text.chars().filter(|c| *c != ',' && *c != '+').collect();
                let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
                if let Ok(value) = number.parse::<f64>() {
                    out.push(Token {
                        row,
                        start,
                        end,
                        text,
                        value,
                        decimals,
                    });
                }
                col = end;
            }
        }
        out
    }
}

/// Unit words and the kind and scale they give a number right before them, longest first.
const AFTER: &[(&str, Kind, f64)] = &[
    ("人均（元）", Kind::PerResident, 1.0),
    ("人均（美元）", Kind::PerResidentUsd, 1.0),
    ("人均（≈美元）", Kind::PerResidentUsd, 1.0),
    ("≈US$ per resident", Kind::PerResidentUsd, 1.0),
    ("trillion US$", Kind::Usd, 1e12),
    ("billion US$", Kind::Usd, 1e9),
    ("million US$", Kind::Usd, 1e6),
    ("US$ per resident", Kind::PerResidentUsd, 1.0),
    ("US$/resident", Kind::PerResidentUsd, 1.0),
    ("yuan/resident", Kind::PerResident, 1.0),
    ("元/人", Kind::PerResident, 1.0),
    ("美元/人", Kind::PerResidentUsd, 1.0),
    ("trillion yuan", Kind::Yuan, 1e12),
    ("billion yuan", Kind::Yuan, 1e9),
    ("million yuan", Kind::Yuan, 1e6),
    ("yuan per resident", Kind::PerResident, 1.0),
    ("yuan per US$", Kind::Rate, 1.0),
    ("yuan", Kind::Yuan, 1.0),
    ("billion people", Kind::People, 1e9),
    ("million people", Kind::People, 1e6),
    ("people", Kind::People, 1.0),
    ("million t", Kind::Tonnes, 1e6),
    ("hours", Kind::Hours, 1.0),
    ("% of China", Kind::Share, 1.0),
    ("%", Kind::Percent, 1.0),
    ("pp", Kind::Points, 1.0),
    ("万亿元", Kind::Yuan, 1e12),
    ("亿元", Kind::Yuan, 1e8),
    ("万元", Kind::Yuan, 1e4),
    ("元/美元", Kind::Rate, 1.0),
    ("元", Kind::Yuan, 1.0),
    ("万亿美元", Kind::Usd, 1e12),
    ("亿美元", Kind::Usd, 1e8),
    ("万美元", Kind::Usd, 1e4),
    ("美元", Kind::Usd, 1.0),
    ("亿人", Kind::People, 1e8),
    ("万人", Kind::People, 1e4),
    ("人", Kind::People, 1.0),
    ("万吨", Kind::Tonnes, 1e4),
    ("吨", Kind::Tonnes, 1.0),
    ("小时", Kind::Hours, 1.0),
    ("个百分点", Kind::Points, 1.0),
    ("百分点", Kind::Points, 1.0),
    ("倍", Kind::Times, 1.0),
    ("个有", Kind::Regions, 1.0),
    ("省中", Kind::Regions, 1.0),
];

/// US$ amounts: `US$78.9 billion`.
const USD_AFTER: &[(&str, f64)] = &[(" trillion", 1e12), (" billion", 1e9), (" million", 1e6)];

/// What a number is, as its context on screen says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub kind: Kind,
    pub scale: f64,
    /// A conversion, shown to three significant digits (`≈`).
    pub approx: bool,
}

/// The unit words in `text` starting at its beginning (spaces skipped), if any.
pub fn unit_after(text: &str) -> Option<(Kind, f64)> {
    let text = text.trim_start();
    AFTER
        .iter()
        .find(|(w, ..)| text.starts_with(w))
        .map(|&(_, k, s)| (k, s))
}

/// The number's unit from its own line: words after it, a currency or a word before it.
pub fn inline_unit(left: &str, right: &str) -> Option<Unit> {
    let approx = left.ends_with('≈') || left.ends_with("≈US$");
    let left = left.strip_suffix('≈').unwrap_or(left);
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| right.starts_with(s));
    if ordinal || left.ends_with('第') {
        return Some(Unit {
            kind: Kind::Rank,
            scale: 1.0,
            approx,
        });
    }
    if left.ends_with("US$") {
        let scale = USD_AFTER
            .iter()
            .find(|(w, _)| right.starts_with(w))
            .map_or(1.0, |(_, s)| *s);
        let rest = USD_AFTER
            .iter()
            .find(|(w, _)| right.starts_with(w))
            .map_or(right, |(w, _)| &right[w.len()..]);
        let kind = if rest.trim_start().starts_with("per resident") {
            Kind::PerResidentUsd
        } else {
            Kind::Usd
        };
        return Some(Unit {
            kind,
            scale,
            approx,
        });
    }
    if left.ends_with('×') {
        return Some(Unit {
            kind: Kind::Times,
            scale: 1.0,
            approx,
        });
    }
    let word_before = |w: &str| left.trim_end().ends_with(w);
    if word_before("index") || left.ends_with("指数") {
        return Some(Unit {
            kind: Kind::Index,
            scale: 1.0,
            approx,
        });
    }
    if left.ends_with("人均") {
        let (unit, scale) = unit_after(right).unwrap_or((Kind::Yuan, 1.0));
        let kind = if unit == Kind::Usd {
            Kind::PerResidentUsd
        } else {
            Kind::PerResident
        };
        return Some(Unit {
            kind,
            scale,
            approx,
        });
    }
    if left.ends_with("占全国") {
        return Some(Unit {
            kind: Kind::Share,
            scale: 1.0,
            approx,
        });
    }
    if (word_before("of the") || word_before("of"))
        && (right.trim_start().starts_with("with")
            || right.trim().is_empty()
            || right.starts_with(' '))
    {
        return Some(Unit {
            kind: Kind::Regions,
            scale: 1.0,
            approx,
        });
    }
    let (kind, scale) = unit_after(right)?;
    Some(Unit {
        kind,
        scale,
        approx,
    })
}

/// Every unit phrase of `text` with its column span (cells from `from`), for column headers.
/// Each with whether it marks an estimate (`≈billion US$`).
pub fn units_in(
    screen: &Screen,
    row: usize,
    from: usize,
    to: usize,
) -> Vec<(usize, usize, Kind, f64, bool)> {
    let mut out = Vec::new();
    let cols: Vec<(usize, String)> = (from..to.min(screen.rows[row].len()))
        .filter_map(|c| screen.rows[row][c].clone().map(|s| (c, s)))
        .collect();
    let text: String = cols.iter().map(|(_, s)| s.as_str()).collect();
    let starts: Vec<usize> = {
        let mut acc = Vec::new();
        let mut byte = 0;
        for (_, s) in &cols {
            acc.push(byte);
            byte += s.len();
        }
        acc
    };
    let col_of = |b: usize| {
        starts
            .iter()
            .rposition(|&s| s <= b)
            .map_or(from, |i| cols[i].0)
    };
    let mut b = 0;
    while b < text.len() {
        if let Some(&(w, k, s)) = AFTER.iter().find(|(w, ..)| text[b..].starts_with(w)) {
            // A whole word: not the "yuan" of "trillion yuan" read again.
            let approx = w.contains('≈') || text[..b].ends_with('≈');
            out.push((col_of(b), col_of(b + w.len() - 1) + 1, k, s, approx));
            b += w.len();
        } else if text[b..].starts_with("US$") {
            // A bare currency: its scale is the word before it, if any (set below).
            out.push((
                col_of(b),
                col_of(b + 2) + 1,
                Kind::Usd,
                f64::NAN,
                text[..b].ends_with('≈'),
            ));
            b += 3;
        } else if text[b..].starts_with("index") {
            out.push((col_of(b), col_of(b + 4) + 1, Kind::Index, 1.0, false));
            b += 5;
        } else {
            b += text[b..].chars().next().map_or(1, char::len_utf8);
        }
    }
    // "billion US$": the scale word before the currency.
    for u in &mut out {
        if u.2 == Kind::Usd && u.3.is_nan() {
            let before = screen.span(row, u.0.saturating_sub(9), u.0);
            u.3 = if before.ends_with("trillion ") {
                1e12
            } else if before.ends_with("billion ") {
                1e9
            } else if before.ends_with("million ") {
                1e6
            } else {
                1.0
            };
        }
    }
    out
}
