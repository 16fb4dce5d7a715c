//! Words for figures, one form everywhere: the same figure reads the same on a card, in the
//! zoom view, the footer and a table (`3,420.25 billion yuan`, `34,202.5亿元`), to the digits its
//! source gave. No ratatui types: the UI, the footer and tests share it. [`fit`] fits text to a
//! width.

mod details;
pub mod fit;

pub use details::details;
pub use fit::{fit_title, pack, pad, truncate, wrap};

use crate::data::derive::{self, Derived};
use crate::data::model::View;
use crate::data::units::{self, Kind, Unit, group, signed_pct};
use crate::data::{Fact, Indicator, Qualifier, Series, Shape};
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

    /// The value as [`Numbers::number`] shows it, as a number (for chart axes).
    pub fn scaled(self, unit: &Unit, value: f64, year: Option<u16>) -> f64 {
        match self.usd_value(unit, value, year) {
            Some(usd) => match self.lang {
                Lang::En => usd / 1e9,
                Lang::Zh => usd / 1e8,
            },
            None => unit.scaled(value, self.lang),
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

/// An amount in its unit's own digits, never converted (history tables keep the source's form).
pub fn exact_amount(n: Numbers, unit: &Unit, value: f64) -> String {
    unit.format(value, n.lang)
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
        Lang::En => format!("{sign}{} pp", group(value, 2)),
        Lang::Zh => format!("{sign}{}个百分点", group(value, 2)),
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
/// A percentage: its change is in points.
fn is_rate(indicator: &Indicator) -> bool {
    indicator.unit.kind == Kind::Percent
}

/// "+4.8% y/y", "nominal" said for money (at current prices); "名义同比+4.8%".
pub fn yoy_words(indicator: &Indicator, change: f64, lang: Lang) -> String {
    let money = matches!(indicator.unit.kind, Kind::Yuan | Kind::Usd);
    match (lang, money) {
        (Lang::En, true) => format!("{} y/y nominal", signed_pct(change)),
        (Lang::En, false) => format!("{} y/y", signed_pct(change)),
        (Lang::Zh, true) => format!("名义同比{}", signed_pct(change)),
        (Lang::Zh, false) => format!("同比{}", signed_pct(change)),
    }
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
        format!("{}{}%", fact.share_qualifier.label(lang), group(share, 2))
    } else {
        String::new()
    }
}

/// A value of a derived view: "+6.2%", "+1.0 pp", "index 163.4", "1.06% of China",
/// "75,663 yuan per resident".
pub fn view_value(n: Numbers, indicator: &Indicator, view: View, value: f64, year: u16) -> String {
    let lang = n.lang;
    match view {
        View::Level => self::value(n, indicator, value, Qualifier::Exact, Some(year)),
        View::Change if derive::in_points(indicator) => pp(value, lang),
        View::Change => signed_pct(value),
        View::Index => match lang {
            Lang::En => format!("index {}", group(value, 1)),
            Lang::Zh => format!("指数{}", group(value, 1)),
        },
        View::Share => match lang {
            Lang::En => format!("{}% of China", group(value, 2)),
            Lang::Zh => format!("占全国{}%", group(value, 2)),
        },
        View::PerCapita => {
            let yuan = units::unit("yuan").unwrap_or(indicator.unit);
            let per = if indicator.unit.kind == Kind::Usd {
                units::unit("usd-bn")
                    .map_or_else(|| group(value, 0), |_| format!("US${}", group(value, 0)))
            } else {
                n.amount(yuan, value.round(), Some(year))
            };
            match lang {
                Lang::En => format!("{per} per resident"),
                Lang::Zh => format!("人均{per}"),
            }
        }
    }
}

/// The headline of a derived view: its value at the series' headline year (or the latest it
/// has), and why the headline year is blank when it is.
pub fn view_hero(
    n: Numbers,
    indicator: &Indicator,
    series: &Series,
    derived: &Derived,
) -> (String, Vec<String>) {
    let lang = n.lang;
    let head = series.headline().map_or(0, |p| p.year);
    let mut details = Vec::new();
    if let Some((_, reason)) = derived.blanks.iter().find(|(y, _)| *y == head) {
        details.push(format!("{}: {}", year(head, lang), reason.get(lang)));
    }
    let point = derived
        .get(head)
        .map(|v| (head, v))
        .or_else(|| derived.points.last().copied());
    let hero = point.map_or_else(
        || {
            lang.pick("no figure in this view", "此视图无数据")
                .to_string()
        },
        |(y, v)| {
            format!(
                "{} ({})",
                view_value(n, indicator, derived.view, v, y),
                year(y, lang)
            )
        },
    );
    if let (Some((first, _)), Some((last, _))) = (derived.points.first(), derived.points.last()) {
        details.push(format!("{first}–{last}"));
    }
    (hero, details)
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
        assert_eq!(pp(-0.14, Lang::Zh), "-0.14个百分点");
        assert_eq!(pp(1.88 - 1.74, Lang::En), "+0.14 pp", "no float noise");
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
