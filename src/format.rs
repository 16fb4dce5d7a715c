//! Words for figures, one form everywhere: the same figure reads the same on a card, in the
//! zoom view, the footer and a table (`3,420.25 billion yuan`, `34,202.5亿元`), to the digits its
//! source gave. No ratatui types: the UI, the footer and tests share it. [`fit`] fits text to a
//! width.

pub mod fit;

pub use fit::{pack, pad, truncate, wrap};

use crate::data::derive;
use crate::data::units::{Kind, Unit, group, signed_pct};
use crate::data::{Dataset, Fact, Indicator, Qualifier, Series, Shape};
use crate::text::Lang;

/// How numbers are written: the language, and the official yuan-per-dollar rates when amounts
/// show in US dollars (each year at its own rate).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Numbers<'a> {
    pub lang: Lang,
    pub usd: Option<&'a Series>,
}

/// Significant digits of an amount converted to dollars: a conversion is an estimate, not a
/// figure the source gave, so it is shown rounded and marked with `≈`.
const CONVERTED_DIGITS: i32 = 3;

impl Numbers<'_> {
    /// An amount of `year` in `unit`, as its source gave it: "3,420.25 billion yuan", or in US
    /// dollars at that year's official rate: "≈US$480 billion". Only yuan amounts convert, and
    /// only in years with a rate.
    pub fn amount(self, unit: &Unit, value: f64, year: Option<u16>) -> String {
        match self.usd_value(unit, value, year) {
            Some(usd) => format!("≈{}", usd_words(usd, self.lang)),
            None => unit.format(value, self.lang),
        }
    }

    /// The number alone in its unit's display scale (or converted), for table cells and bars.
    pub fn number(self, unit: &Unit, value: f64, year: Option<u16>) -> String {
        match self.usd_value(unit, value, year) {
            Some(usd) => {
                let per_unit = match self.lang {
                    Lang::En => 1e9,
                    Lang::Zh => 1e8,
                };
                round_significant(usd / per_unit)
            }
            None => unit.number(value, self.lang),
        }
    }

    /// The unit of [`Numbers::number`]: "billion yuan", "亿元", or "billion US$".
    pub fn unit_label(self, unit: &Unit) -> &'static str {
        if self.converts(unit) {
            self.lang.pick("billion US$ (converted)", "亿美元（折算）")
        } else {
            unit.label(self.lang)
        }
    }

    /// Whether amounts in `unit` show in dollars now.
    pub fn converts(self, unit: &Unit) -> bool {
        self.usd.is_some() && unit.kind == Kind::Yuan
    }

    /// The amount in US dollars (base units), when it converts.
    fn usd_value(self, unit: &Unit, value: f64, year: Option<u16>) -> Option<f64> {
        if !self.converts(unit) {
            return None;
        }
        let rate = self.usd?.get(year?)?;
        (rate > 0.0).then(|| unit.to_base(value) / rate)
    }
}

/// "US$480 billion" / "4,800亿美元" from US dollars, rounded to [`CONVERTED_DIGITS`].
fn usd_words(usd: f64, lang: Lang) -> String {
    match lang {
        Lang::En => {
            for (limit, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
                if usd.abs() >= limit {
                    return format!("US${} {word}", round_significant(usd / limit));
                }
            }
            format!("US${}", round_significant(usd))
        }
        Lang::Zh => format!("{}亿美元", round_significant(usd / 1e8)),
    }
}

/// A computed number to [`CONVERTED_DIGITS`] significant digits: 480.27 → 480, 6.8242 → 6.82.
fn round_significant(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return group(value, 0);
    }
    // Digits before the point: small whole numbers for any amount.
    #[allow(clippy::cast_possible_truncation)]
    let magnitude = value.abs().log10().floor() as i32 + 1;
    let decimals = usize::try_from((CONVERTED_DIGITS - magnitude).max(0)).unwrap_or(0);
    let factor = 10f64.powi(CONVERTED_DIGITS - magnitude);
    group((value * factor).round() / factor, decimals)
}

/// A value of an indicator with its qualifier: "over 9 million t", "超900万吨".
pub fn value(
    n: Numbers,
    indicator: &Indicator,
    value: f64,
    q: Qualifier,
    year: Option<u16>,
) -> String {
    format!(
        "{}{}",
        q.label(n.lang),
        n.amount(indicator.unit, value, year)
    )
}

/// A year as the language writes it.
pub fn year(year: u16, lang: Lang) -> String {
    match lang {
        Lang::En => year.to_string(),
        Lang::Zh => format!("{year}年"),
    }
}

/// A change in percentage points: "+1.0 pp" / "+1.0个百分点".
pub fn pp(value: f64, lang: Lang) -> String {
    let sign = if value > 0.0 { "+" } else { "" };
    match lang {
        Lang::En => format!("{sign}{} pp", group(value, 1)),
        Lang::Zh => format!("{sign}{}个百分点", group(value, 1)),
    }
}

/// An ordinal: "6th" / "第6".
pub fn ordinal(rank: u32, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let suffix = match (rank % 10, rank % 100) {
                (1, r) if r != 11 => "st",
                (2, r) if r != 12 => "nd",
                (3, r) if r != 13 => "rd",
                _ => "th",
            };
            format!("{rank}{suffix}")
        }
        Lang::Zh => format!("第{rank}"),
    }
}

/// A fact's rank as its source words it, else as an ordinal.
fn rank(fact: &Fact, lang: Lang) -> Option<String> {
    match (&fact.rank_words, fact.rank) {
        (Some(words), _) => Some(words.get(lang).to_string()),
        (None, Some(r)) => Some(ordinal(r, lang)),
        (None, None) => None,
    }
}

/// A rate change is in percentage points, an amount's in percent.
fn is_rate(indicator: &Indicator) -> bool {
    matches!(indicator.unit.kind, Kind::Percent | Kind::Rate)
}

/// The panel's headline: the figure a presenter reads out, with its year.
pub fn hero(indicator: &Indicator, n: Numbers) -> String {
    let lang = n.lang;
    match &indicator.shape {
        Shape::Series(series) => series.headline().map_or_else(String::new, |p| {
            format!(
                "{} ({})",
                value(n, indicator, p.value, Qualifier::Exact, Some(p.year)),
                year(p.year, lang)
            )
        }),
        Shape::Fact(fact) => fact_hero(indicator, fact, n),
        Shape::Breakdown(parts) => parts
            .iter()
            .map(|p| {
                format!(
                    "{} {}",
                    p.name.get(lang),
                    value(n, indicator, p.value, p.qualifier, None)
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
        Shape::Text(words) => words.text.get(lang).to_string(),
        Shape::Regions(regions) => regions
            .iter()
            .find(|r| r.home)
            .and_then(|r| r.series.last().map(|p| (r, p)))
            .map_or_else(String::new, |(r, p)| {
                format!(
                    "{} {} ({})",
                    r.name.get(lang),
                    value(n, indicator, p.value, Qualifier::Exact, Some(p.year)),
                    year(p.year, lang)
                )
            }),
    }
}

fn fact_hero(indicator: &Indicator, fact: &Fact, n: Numbers) -> String {
    let lang = n.lang;
    if let Some(v) = fact.value {
        value(n, indicator, v, fact.qualifier, None)
    } else if let Some(change) = fact.change_pct {
        let label = fact
            .change_label
            .as_ref()
            .map(|l| format!(" {}", l.get(lang)))
            .unwrap_or_default();
        format!(
            "{}{}{label}",
            fact.change_qualifier.label(lang),
            signed_pct(change)
        )
    } else if let Some(r) = rank(fact, lang) {
        r
    } else if let Some(share) = fact.share_pct {
        format!("{}%", group(share, 2))
    } else {
        String::new()
    }
}

/// The facts around the hero figure, most important first; a panel shows as many as fit.
pub fn details(dataset: &Dataset, indicator: &Indicator, n: Numbers) -> Vec<String> {
    let lang = n.lang;
    let mut out = Vec::new();
    match &indicator.shape {
        Shape::Series(series) => series_details(dataset, indicator, series, n, &mut out),
        Shape::Fact(fact) => fact_details(indicator, fact, n, &mut out),
        Shape::Regions(regions) => {
            let home = regions.iter().find(|r| r.home);
            if let Some((r, p)) = home.and_then(|r| r.series.last().map(|p| (r, p))) {
                let mut values: Vec<f64> = regions
                    .iter()
                    .filter_map(|o| o.series.get(p.year))
                    .collect();
                values.sort_by(|a, b| b.total_cmp(a));
                let place = values.iter().position(|v| *v == p.value).unwrap_or(0) + 1;
                let place = u32::try_from(place).unwrap_or(u32::MAX);
                out.push(match lang {
                    Lang::En => format!("{} of {} with data", ordinal(place, lang), values.len()),
                    Lang::Zh => format!("{}（{}个有数据）", ordinal(place, lang), values.len()),
                });
                let _ = r;
            }
        }
        Shape::Breakdown(_) | Shape::Text(_) => {}
    }
    if let Some(period) = &indicator.period {
        out.push(period.get(lang).to_string());
    }
    out
}

fn series_details(
    dataset: &Dataset,
    indicator: &Indicator,
    series: &Series,
    n: Numbers,
    out: &mut Vec<String>,
) {
    let lang = n.lang;
    let Some(head) = series.headline() else {
        return;
    };
    // The official growth rate, else the change on the year before (never across a break).
    let official = indicator
        .growth
        .as_deref()
        .and_then(|id| dataset.indicator(id))
        .and_then(|g| match &g.shape {
            Shape::Series(s) => s.get(head.year),
            _ => None,
        });
    if let Some(rate) = official {
        out.push(match lang {
            Lang::En => format!("{} real", signed_pct(rate)),
            Lang::Zh => format!("实际增长{}", signed_pct(rate)),
        });
    } else if is_rate(indicator) {
        if let Some(change) = derive::pp_change(series, head.year) {
            out.push(match lang {
                Lang::En => format!("{} on {}", pp(change, lang), head.year - 1),
                Lang::Zh => format!("比{}年{}", head.year - 1, pp(change, lang)),
            });
        }
    } else if let Some(change) = derive::yoy(series, head.year) {
        out.push(match lang {
            Lang::En => format!("{} y/y nominal", signed_pct(change)),
            Lang::Zh => format!("名义同比{}", signed_pct(change)),
        });
    }
    if let Some(usd) = usd_twin(dataset, indicator, head.year, lang) {
        out.push(usd);
    }
    if let Some(national) = dataset.national(indicator) {
        if let Some((_, share)) = dataset
            .shares(indicator)
            .iter()
            .find(|(y, _)| *y == head.year)
        {
            out.push(match lang {
                Lang::En => format!("{}% of China", group(*share, 2)),
                Lang::Zh => format!("占全国{}%", group(*share, 2)),
            });
        } else if let (true, Shape::Series(s)) = (is_rate(indicator), &national.shape)
            && let Some(cn) = s.get(head.year)
        {
            out.push(match lang {
                Lang::En => format!("China {}", national.unit.format(cn, lang)),
                Lang::Zh => format!("全国{}", national.unit.format(cn, lang)),
            });
        }
    }
    // "From … to": within the stretch of the headline year, never across a break.
    let stretch = series.stretch_start(head.year);
    if let Some(start) = series
        .points
        .iter()
        .find(|p| p.year >= stretch)
        .filter(|p| p.year < head.year && !is_rate(indicator))
    {
        let first = value(
            n,
            indicator,
            start.value,
            Qualifier::Exact,
            Some(start.year),
        );
        out.push(match lang {
            Lang::En => format!("from {first} ({})", start.year),
            Lang::Zh => format!("{}年{first}", start.year),
        });
        if let Some(m) = derive::multiple(start.value, head.value) {
            out.push(match lang {
                Lang::En => format!("×{} since {}", group(m, 2), start.year),
                Lang::Zh => format!("为{}年的{}倍", start.year, group(m, 2)),
            });
        }
        if let Some(rate) = derive::cagr(series, start.year, head.year) {
            out.push(match lang {
                Lang::En => format!("{}/yr nominal", signed_pct(rate)),
                Lang::Zh => format!("名义年均{}", signed_pct(rate)),
            });
        }
    }
    if let Some(b) = series.breaks.iter().rev().find(|b| b.year <= head.year) {
        out.push(match lang {
            Lang::En => format!("from {}: {}", b.year, b.reason.en),
            Lang::Zh => format!("{}年起：{}", b.year, b.reason.zh),
        });
    }
    if let Some(last) = series.last().filter(|p| p.year != head.year) {
        out.push(format!(
            "{}: {}",
            year(last.year, lang),
            value(n, indicator, last.value, Qualifier::Exact, Some(last.year))
        ));
    }
}

fn fact_details(indicator: &Indicator, fact: &Fact, n: Numbers, out: &mut Vec<String>) {
    let lang = n.lang;
    if let Some(base) = fact.baseline {
        let from = value(n, indicator, base, fact.baseline_qualifier, None);
        out.push(match lang {
            Lang::En => format!("from {from}"),
            Lang::Zh => format!("原{from}"),
        });
    }
    // Without a value the change is the hero figure already.
    if let (Some(change), Some(_)) = (fact.change_pct, fact.value) {
        let label = fact
            .change_label
            .as_ref()
            .map(|l| format!(" {}", l.get(lang)))
            .unwrap_or_default();
        out.push(format!(
            "{}{}{label}",
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
    if fact.value.is_some() || fact.change_pct.is_some() {
        out.extend(rank(fact, lang));
    }
}

/// The same amount in US dollars as the source published it ("US$78.9 billion, as published").
fn usd_twin(dataset: &Dataset, indicator: &Indicator, year: u16, lang: Lang) -> Option<String> {
    let twin = dataset
        .indicators
        .iter()
        .find(|i| i.converts.as_deref() == Some(indicator.id.as_str()))?;
    let Shape::Series(series) = &twin.shape else {
        return None;
    };
    let usd = twin.unit.format(series.get(year)?, lang);
    Some(match lang {
        Lang::En => format!("{usd} as published"),
        Lang::Zh => format!("原文{usd}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_points() {
        assert_eq!(ordinal(1, Lang::En), "1st");
        assert_eq!(ordinal(2, Lang::En), "2nd");
        assert_eq!(ordinal(3, Lang::En), "3rd");
        assert_eq!(ordinal(11, Lang::En), "11th");
        assert_eq!(ordinal(6, Lang::Zh), "第6");
        assert_eq!(pp(5.0, Lang::En), "+5 pp");
        assert_eq!(pp(-0.14, Lang::Zh), "-0.1个百分点");
    }

    #[test]
    fn conversions_are_rounded_and_marked() {
        assert_eq!(round_significant(480.27), "480");
        assert_eq!(round_significant(6.8242), "6.82");
        assert_eq!(round_significant(10_504.24), "10,500");
        assert_eq!(usd_words(4.8027e11, Lang::En), "US$480 billion");
        assert_eq!(usd_words(4.8027e11, Lang::Zh), "4,800亿美元");
    }
}
