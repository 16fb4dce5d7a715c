//! Words for figures, one plain form everywhere: a figure reads the same on a tile, a card,
//! the zoom view's headline, the footer and a ranking ("3.42 trillion yuan", "3.42万亿元"); the
//! exact figure, as its source wrote it, only in the zoom view's table and the quote. [`scale`]
//! picks the scale, [`details`] the facts around a hero figure, [`fit`] fits text to a width.
//! No ratatui types: the UI, the footer and tests share it.

pub mod citation;
pub mod details;
pub mod fit;
pub mod scale;
mod view;

pub use details::details;
pub use fit::{fit_title, pack, pad, truncate, wrap};
pub use scale::Scale;
pub use view::{view_hero, view_number, view_unit, view_value};

use crate::data::units::{Kind, Unit, group, signed_pct};
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

impl<'a> Numbers<'a> {
    /// Whether yuan amounts are asked for in dollars and `unit` is yuan.
    pub fn converts(self, unit: &Unit) -> bool {
        self.usd.is_some() && unit.kind == Kind::Yuan
    }

    /// The official yuan-per-dollar rate of `year`, when amounts show in dollars.
    pub fn rate(self, year: Option<u16>) -> Option<f64> {
        self.usd?.get(year?).filter(|r| *r > 0.0)
    }

    /// Dollars are asked for, but `year` has no official rate: its yuan stay yuan.
    pub fn no_rate(self, unit: &Unit, year: Option<u16>) -> bool {
        self.converts(unit) && self.rate(year).is_none()
    }

    /// The same numbers in yuan (a figure of a year without a rate, a table of first releases).
    #[must_use]
    pub fn in_yuan(self) -> Self {
        Self { usd: None, ..self }
    }

    /// "no official rate for 2024: in yuan", where dollars are asked for in vain.
    pub fn rate_note(self, unit: &Unit, year: Option<u16>) -> Option<String> {
        if !self.no_rate(unit, year) {
            return None;
        }
        Some(match (self.lang, year) {
            (Lang::En, Some(y)) => format!("no official {y} rate: in yuan"),
            (Lang::Zh, Some(y)) => format!("{y}年无官方汇率，以人民币显示"),
            (Lang::En, None) => "not one year's figure: in yuan".to_string(),
            (Lang::Zh, None) => "非单一年份数据，以人民币显示".to_string(),
        })
    }

    /// The amount in US dollars (base units), when it converts and the year has a rate.
    fn usd_value(self, unit: &Unit, value: f64, year: Option<u16>) -> Option<f64> {
        if !self.converts(unit) {
            return None;
        }
        Some(unit.to_base(value) / self.rate(year)?)
    }

    /// A figure of `year` in its plain form: "3.42 trillion yuan", "45.02 million people", or in
    /// US dollars at that year's official rate: "≈US$480 billion". A year without a rate stays
    /// in yuan, and says so through [`Numbers::rate_note`].
    pub fn amount(self, unit: &Unit, value: f64, year: Option<u16>) -> String {
        match self.usd_value(unit, value, year) {
            Some(usd) => format!(
                "≈{}",
                scale::plain_base(Kind::Usd, usd, self.lang, Some(CONVERTED_DIGITS))
            ),
            None => scale::plain(unit, value, self.lang),
        }
    }

    /// A figure as its source wrote it, never rounded or converted: "3,420.25 billion yuan".
    pub fn exact(self, unit: &Unit, value: f64) -> String {
        unit.format(value, self.lang)
    }

    /// One scale and one number of decimals for figures shown side by side (a ranking, bars, an
    /// axis): `values` are the figures with their years.
    pub fn column(self, unit: &'static Unit, values: &[(f64, Option<u16>)]) -> Column<'a> {
        let rates = self.usd.filter(|_| self.converts(unit));
        let lang = self.lang;
        let largest_base = values
            .iter()
            .filter_map(|&(v, year)| match rates {
                Some(_) => self.usd_value(unit, v, year),
                None => Some(unit.to_base(v)),
            })
            .map(f64::abs)
            .fold(0.0, f64::max);
        let (scale, decimals) = if rates.is_some() {
            let scale = scale::scale_of_kind(Kind::Usd, largest_base, lang)
                .unwrap_or_else(|| scale::smallest(Kind::Usd, lang));
            let largest = largest_base / scale.factor;
            let decimals = usize::try_from(
                (CONVERTED_DIGITS - i32::try_from(whole_digits(largest)).unwrap_or(1)).clamp(0, 2),
            )
            .unwrap_or(0);
            (scale, decimals)
        } else if scale::rescaled(unit) {
            let scale = scale::scale(unit, largest_base / unit.scale, lang);
            let decimals = scale::column_decimals(&scale, largest_base / scale.factor);
            (scale, decimals)
        } else {
            let scale = scale::scale(unit, 0.0, lang);
            let decimals = values
                .iter()
                .map(|&(v, _)| scale::stored_decimals(unit, v, lang))
                .max()
                .unwrap_or(0)
                .min(4);
            (scale, decimals)
        };
        Column {
            unit,
            rates,
            scale,
            decimals,
        }
    }
}

fn whole_digits(n: f64) -> usize {
    group(n.abs().trunc(), 0)
        .chars()
        .filter(char::is_ascii_digit)
        .count()
}

/// Figures side by side in one scale, with a fixed number of decimals: a ranking, bars by
/// year, a chart's axis. In US dollars, a year without a rate has no number.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    unit: &'static Unit,
    rates: Option<&'a Series>,
    pub scale: Scale,
    pub decimals: usize,
}

impl Column<'_> {
    /// "trillion yuan", "亿元", "billion US$".
    pub fn label(&self) -> &'static str {
        self.scale.label
    }

    /// The figures are yuan converted at each year's official rate.
    pub fn converted(&self) -> bool {
        self.rates.is_some()
    }

    /// A figure in the column's scale; `None` for a year without a rate.
    pub fn value(&self, value: f64, year: Option<u16>) -> Option<f64> {
        let base = self.unit.to_base(value);
        let base = match self.rates {
            Some(rates) => base / rates.get(year?).filter(|r| *r > 0.0)?,
            None => base,
        };
        Some(base / self.scale.factor)
    }

    /// A figure as the column writes it: `6.36`, `4,707.5`.
    pub fn text(&self, value: f64, year: Option<u16>) -> Option<String> {
        self.value(value, year)
            .map(|v| scale::fixed(v, self.decimals))
    }
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

/// A figure of a series' year, in its plain form at that year's rate (if any).
pub fn point_figure(n: Numbers, indicator: &Indicator, point: &crate::data::Point) -> String {
    value(
        n.at_year(indicator.unit, point.year),
        indicator,
        point.value,
        Qualifier::Exact,
        Some(point.year),
    )
}

/// A year as the language writes it.
pub fn year(year: u16, lang: Lang) -> String {
    match lang {
        Lang::En => year.to_string(),
        Lang::Zh => format!("{year}年"),
    }
}

/// Words in parentheses, half-width in English and full-width in Chinese: " (2024)", "（2024年）".
pub fn paren(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" ({text})"),
        Lang::Zh => format!("（{text}）"),
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

/// Whether a change rounds to nothing at the digits it is shown with.
fn unchanged(value: f64, decimals: usize) -> bool {
    group(value, decimals).trim_start_matches('-') == "0"
}

/// A change in points against a year, in words: "up 0.14 pp from 2022", "unchanged from 2024",
/// "比2024年提高24.3个百分点", "与2024年持平".
pub fn pp_from(change: f64, from: u16, lang: Lang) -> String {
    let points = group(change.abs(), 2);
    match lang {
        Lang::En if unchanged(change, 2) => format!("unchanged from {from}"),
        Lang::En if change > 0.0 => format!("up {points} pp from {from}"),
        Lang::En => format!("down {points} pp from {from}"),
        Lang::Zh if unchanged(change, 2) => format!("与{from}年持平"),
        Lang::Zh if change > 0.0 => format!("比{from}年提高{points}个百分点"),
        Lang::Zh => format!("比{from}年下降{points}个百分点"),
    }
}

/// A percent change in Chinese word order: "同比增长73%", "名义增长4.8%", "比2021年下降16%".
pub fn zh_change(prefix: &str, change: f64, qualifier: &str) -> String {
    let pct = group(change.abs(), 1);
    if unchanged(change, 1) {
        format!("{prefix}持平")
    } else if change > 0.0 {
        format!("{prefix}增长{qualifier}{pct}%")
    } else {
        format!("{prefix}下降{qualifier}{pct}%")
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

/// A percentage: its change is in points.
fn is_rate(indicator: &Indicator) -> bool {
    indicator.unit.kind == Kind::Percent
}

/// "+4.8% y/y nominal", nominal said for money (at current prices); "名义同比增长4.8%". In
/// dollars, a change computed from yuan figures says it is in yuan.
pub fn yoy_words(indicator: &Indicator, change: f64, n: Numbers) -> String {
    let money = indicator.unit.is_money();
    if indicator.unit.kind == Kind::Rate {
        return rate_change(change, n.lang);
    }
    let words = match (n.lang, money) {
        (Lang::En, true) => format!("{} y/y nominal", signed_pct(change)),
        (Lang::En, false) => format!("{} y/y", signed_pct(change)),
        (Lang::Zh, true) => zh_change("名义同比", change, ""),
        (Lang::Zh, false) => zh_change("同比", change, ""),
    };
    words + in_yuan(n, indicator.unit)
}

/// A change of yuan per dollar says which way the yuan went: more yuan a dollar is a weaker
/// yuan. "+4.8% y/y (yuan weaker)", "同比上升4.8%（人民币贬值）".
fn rate_change(change: f64, lang: Lang) -> String {
    if unchanged(change, 1) {
        return lang.pick("unchanged y/y", "同比持平").to_string();
    }
    let pct = group(change.abs(), 1);
    match (lang, change > 0.0) {
        (Lang::En, true) => format!("{} y/y (yuan weaker)", signed_pct(change)),
        (Lang::En, false) => format!("{} y/y (yuan stronger)", signed_pct(change)),
        (Lang::Zh, true) => format!("同比上升{pct}%（人民币贬值）"),
        (Lang::Zh, false) => format!("同比下降{pct}%（人民币升值）"),
    }
}

/// In dollars, a change or multiple of yuan figures is one in yuan: " in yuan", "（按人民币计）".
pub fn in_yuan(n: Numbers, unit: &Unit) -> &'static str {
    if n.converts(unit) {
        n.lang.pick(" in yuan", "（按人民币计）")
    } else {
        ""
    }
}

/// A fact's change with what it is measured against: "+73% y/y", "同比增长73%".
fn fact_change(fact: &Fact, change: f64, lang: Lang) -> String {
    let label = fact.change_label.as_ref().map(|l| l.get(lang));
    let qualifier = fact.change_qualifier.label(lang);
    match lang {
        Lang::En => {
            let label = label.map(|l| format!(" {l}")).unwrap_or_default();
            format!("{qualifier}{}{label}", signed_pct(change))
        }
        Lang::Zh => zh_change(label.unwrap_or(""), change, qualifier),
    }
}

/// The panel's headline: the figure a presenter reads out, with its year.
pub fn hero(indicator: &Indicator, n: Numbers) -> String {
    let lang = n.lang;
    match &indicator.shape {
        Shape::Series(series) => series_hero(indicator, series, n),
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
            .join(lang.pick(", ", "，")),
        Shape::Text(words) => words.text.get(lang).to_string(),
        Shape::Regions(_) => regions_hero(indicator, n, None),
    }
}

/// A series' headline figure: a bound stated for a later year than any figure ("over 3.6
/// trillion yuan (2025)"), else the headline point.
fn series_hero(indicator: &Indicator, series: &Series, n: Numbers) -> String {
    let lang = n.lang;
    if let Some(bound) = series.headline_bound() {
        let figure = value(
            n.at_year(indicator.unit, bound.year),
            indicator,
            bound.value,
            bound.qualifier,
            Some(bound.year),
        );
        return format!("{figure}{}", paren(&year(bound.year, lang), lang));
    }
    series.headline().map_or_else(String::new, |p| {
        let figure = point_figure(n, indicator, p);
        format!("{figure}{}", paren(&year(p.year, lang), lang))
    })
}

impl Numbers<'_> {
    /// These numbers for a figure of `year` of `unit`: in yuan when the year has no rate.
    #[must_use]
    pub fn at_year(self, unit: &Unit, year: u16) -> Self {
        if self.no_rate(unit, Some(year)) {
            self.in_yuan()
        } else {
            self
        }
    }
}

/// The home region's figure of `year` (default: its latest) in a comparison: "Jiangxi 3.42
/// trillion yuan (2024)", or as stated when only a bound is ("over 3.6 trillion yuan").
pub fn regions_hero(indicator: &Indicator, n: Numbers, year_shown: Option<u16>) -> String {
    let lang = n.lang;
    let Shape::Regions(regions) = &indicator.shape else {
        return String::new();
    };
    let Some(home) = regions.iter().find(|r| r.home) else {
        return String::new();
    };
    let figure = match year_shown {
        Some(y) => home
            .series
            .point(y)
            .map(|p| (p.value, Qualifier::Exact, y))
            .or_else(|| home.series.bound(y).map(|b| (b.value, b.qualifier, y))),
        None => home
            .series
            .last()
            .map(|p| (p.value, Qualifier::Exact, p.year)),
    };
    match figure {
        Some((v, q, y)) => format!(
            "{} {}{}",
            home.name.get(lang),
            value(n.at_year(indicator.unit, y), indicator, v, q, Some(y)),
            paren(&year(y, lang), lang)
        ),
        None => match (lang, year_shown) {
            (Lang::En, Some(y)) => format!("{}: no figure for {y}", home.name.en),
            (Lang::Zh, Some(y)) => format!("{}：{y}年无数据", home.name.zh),
            (Lang::En, None) => format!("{}: no figure", home.name.en),
            (Lang::Zh, None) => format!("{}：无数据", home.name.zh),
        },
    }
}

/// The calendar year a fact is of, when its period is one ("2023"): it converts at that year's
/// rate; a span ("2012–2023") or a date does not.
pub fn fact_year(indicator: &Indicator) -> Option<u16> {
    indicator.period.as_ref()?.en.parse::<u16>().ok()
}

fn fact_hero(indicator: &Indicator, fact: &Fact, n: Numbers) -> String {
    let lang = n.lang;
    if let Some(v) = fact.value {
        let year = fact_year(indicator);
        value(
            n.at_year(indicator.unit, year.unwrap_or(0)),
            indicator,
            v,
            fact.qualifier,
            year,
        )
    } else if let Some(change) = fact.change_pct {
        fact_change(fact, change, lang)
    } else if let Some(r) = rank(fact, lang) {
        r
    } else if let Some(share) = fact.share_pct {
        details::share_words(fact, share, lang)
    } else {
        String::new()
    }
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
    fn changes_in_words() {
        assert_eq!(pp_from(0.0, 2024, Lang::En), "unchanged from 2024");
        assert_eq!(pp_from(0.0, 2024, Lang::Zh), "与2024年持平");
        assert_eq!(pp_from(24.3, 2024, Lang::Zh), "比2024年提高24.3个百分点");
        assert_eq!(pp_from(-0.9, 2024, Lang::En), "down 0.9 pp from 2024");
        assert_eq!(zh_change("同比", 73.0, ""), "同比增长73%");
        assert_eq!(zh_change("比2021年", -16.04, ""), "比2021年下降16%");
        assert_eq!(zh_change("同比", 0.01, ""), "同比持平");
    }
}
