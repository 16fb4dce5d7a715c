//! Words for figures: the hero number of a panel and the facts around it, in either language,
//! and text fitted to a width. No ratatui types: the UI, the footer and tests share it.

use unicode_width::UnicodeWidthStr;

use crate::data::derive;
use crate::data::units::{self, Kind, Unit, group, signed_pct};
use crate::data::{Dataset, Fact, Indicator, Part, Qualifier, Shape};
use crate::text::Lang;

/// How numbers are written: the language, and a yuan→US$ rate when amounts show in dollars.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Numbers {
    pub lang: Lang,
    /// Yuan per US dollar; `Some` shows every yuan amount in US dollars.
    pub usd_rate: Option<f64>,
}

impl Numbers {
    /// An amount in `unit`, converted to US dollars when asked: "569 billion yuan" or
    /// "US$78.92 billion".
    pub fn amount(self, unit: &Unit, value: f64) -> String {
        match (self.usd_rate, units::unit("usd-bn")) {
            (Some(rate), Some(usd)) if rate > 0.0 && unit.kind == Kind::Yuan => {
                usd.format(unit.to_base(value) / rate / usd.scale, self.lang)
            }
            _ => unit.format(value, self.lang),
        }
    }
}

/// A value of an indicator with its qualifier: "over 9 million t", "超900万吨".
pub fn value(n: Numbers, indicator: &Indicator, value: f64, qualifier: Qualifier) -> String {
    format!(
        "{}{}",
        qualifier.label(n.lang),
        n.amount(indicator.unit, value)
    )
}

/// "6th of 31" / "第6位（共31）".
pub fn rank(rank: u32, of: Option<u32>, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let suffix = match (rank % 10, rank % 100) {
                (1, r) if r != 11 => "st",
                (2, r) if r != 12 => "nd",
                (3, r) if r != 13 => "rd",
                _ => "th",
            };
            match of {
                Some(of) => format!("{rank}{suffix} of {of}"),
                None => format!("{rank}{suffix}"),
            }
        }
        Lang::Zh => match of {
            Some(of) => format!("第{rank}位（共{of}）"),
            None => format!("第{rank}位"),
        },
    }
}

fn year(year: u16, lang: Lang) -> String {
    match lang {
        Lang::En => year.to_string(),
        Lang::Zh => format!("{year}年"),
    }
}

/// The panel's headline: the figure a presenter reads out.
pub fn hero(indicator: &Indicator, n: Numbers) -> String {
    let lang = n.lang;
    match &indicator.shape {
        Shape::Series(series) => series.headline().map_or_else(String::new, |p| {
            format!(
                "{} ({})",
                value(n, indicator, p.value, Qualifier::Exact),
                year(p.year, lang)
            )
        }),
        Shape::Fact(fact) => fact_hero(indicator, fact, n),
        Shape::Breakdown(parts) => parts
            .iter()
            .map(|p| format!("{} {}", p.name.get(lang), part_value(indicator, p, n)))
            .collect::<Vec<_>>()
            .join(", "),
        Shape::Text(text) => text.get(lang).to_string(),
    }
}

fn fact_hero(indicator: &Indicator, fact: &Fact, n: Numbers) -> String {
    let lang = n.lang;
    if let Some(v) = fact.value {
        value(n, indicator, v, fact.qualifier)
    } else if let Some(change) = fact.change_pct {
        format!(
            "{}{}",
            fact.change_qualifier.label(lang),
            signed_pct(change)
        )
    } else if let Some(r) = fact.rank {
        rank(r, fact.rank_of, lang)
    } else if let Some(share) = fact.share_pct {
        format!("{}%", group(share, 2))
    } else {
        String::new()
    }
}

pub fn part_value(indicator: &Indicator, part: &Part, n: Numbers) -> String {
    value(n, indicator, part.value, part.qualifier)
}

/// The facts around the hero figure, most important first; the panel shows as many as fit.
pub fn details(dataset: &Dataset, indicator: &Indicator, n: Numbers) -> Vec<String> {
    let lang = n.lang;
    let mut out = Vec::new();
    match &indicator.shape {
        Shape::Series(series) => {
            let Some(head) = series.headline() else {
                return out;
            };
            if let Some(usd) =
                usd_twin(dataset, indicator, head.year).filter(|_| n.usd_rate.is_none())
            {
                out.push(usd);
            }
            if let Some((_, share)) = dataset
                .shares(indicator)
                .iter()
                .find(|(y, _)| *y == head.year)
            {
                out.push(match lang {
                    Lang::En => format!("{}% of China", group(*share, 2)),
                    Lang::Zh => format!("占全国{}%", group(*share, 2)),
                });
            }
            // Compare within one comparable stretch: never across a break in the series.
            let comparable_from = series.break_year.filter(|&b| b <= head.year).unwrap_or(0);
            let start = series.points.iter().find(|p| p.year >= comparable_from);
            if let Some(start) = start.filter(|p| p.year < head.year) {
                let first = value(n, indicator, start.value, Qualifier::Exact);
                out.push(match lang {
                    Lang::En => format!("from {first} ({})", start.year),
                    Lang::Zh => format!("{}年{first}", start.year),
                });
                let is_rate = indicator.unit.kind == crate::data::units::Kind::Percent;
                if let Some(m) = derive::multiple(start.value, head.value).filter(|_| !is_rate) {
                    out.push(match lang {
                        Lang::En => format!("×{}", group(m, 2)),
                        Lang::Zh => format!("{}倍", group(m, 2)),
                    });
                }
                if let Some(rate) = derive::cagr(series, start.year, head.year).filter(|_| !is_rate)
                {
                    out.push(match lang {
                        Lang::En => format!("{}/yr", signed_pct(rate)),
                        Lang::Zh => format!("年均{}", signed_pct(rate)),
                    });
                }
            }
            if let Some(last) = series.last().filter(|p| p.year != head.year) {
                out.push(format!(
                    "{}: {}",
                    year(last.year, lang),
                    value(n, indicator, last.value, Qualifier::Exact)
                ));
            }
        }
        Shape::Fact(fact) => {
            if let Some(base) = fact.baseline {
                let from = value(n, indicator, base, fact.baseline_qualifier);
                out.push(match lang {
                    Lang::En => format!("from {from}"),
                    Lang::Zh => format!("原{from}"),
                });
                if let Some(change) = fact.value.and_then(|v| derive::pct_change(base, v)) {
                    out.push(signed_pct(change));
                }
            }
            // Without a value the change is the hero figure already.
            if let (Some(change), Some(_)) = (fact.change_pct, fact.value) {
                out.push(format!(
                    "{}{}",
                    fact.change_qualifier.label(lang),
                    signed_pct(change)
                ));
            }
            if let Some(share) = fact.share_pct {
                out.push(match lang {
                    Lang::En => format!("{}% of national", group(share, 2)),
                    Lang::Zh => format!("占全国{}%", group(share, 2)),
                });
            }
            if let Some(r) = fact
                .rank
                .filter(|_| fact.value.is_some() || fact.change_pct.is_some())
            {
                out.push(rank(r, fact.rank_of, lang));
            }
        }
        Shape::Breakdown(_) | Shape::Text(_) => {}
    }
    if let Some(period) = &indicator.period {
        out.push(period.get(lang).to_string());
    }
    out
}

/// The same amount in US dollars, when the data states it ("US$78.9 billion").
fn usd_twin(dataset: &Dataset, indicator: &Indicator, year: u16) -> Option<String> {
    let twin = dataset
        .indicators
        .iter()
        .find(|i| i.converts.as_deref() == Some(indicator.id.as_str()))?;
    let Shape::Series(series) = &twin.shape else {
        return None;
    };
    let usd = series.get(year)?;
    Some(twin.unit.format(usd, Lang::En))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_read_naturally() {
        assert_eq!(rank(1, Some(31), Lang::En), "1st of 31");
        assert_eq!(rank(2, None, Lang::En), "2nd");
        assert_eq!(rank(3, None, Lang::En), "3rd");
        assert_eq!(rank(11, None, Lang::En), "11th");
        assert_eq!(rank(6, Some(31), Lang::Zh), "第6位（共31）");
    }

    #[test]
    fn packing_and_wrapping_respect_width() {
        let segs = vec![
            "+73%".to_string(),
            "4.3% of national".to_string(),
            "6th of 31".to_string(),
        ];
        assert_eq!(
            pack(&segs, " · ", 24),
            ["+73% · 4.3% of national", "6th of 31"]
        );
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
