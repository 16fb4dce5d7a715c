//! A series in a derived view (`t`), in words: "+6.2%", "index 104.7 (2024; 2023 = 100)",
//! "1.06% of China", "75,972 yuan per resident"; and the numbers alone for a table column.

use super::{CONVERTED_DIGITS, Numbers, paren, pp, scale, value as level, year};
use crate::data::derive::{self, Derived};
use crate::data::model::View;
use crate::data::units::{self, Kind, group, signed_pct};
use crate::data::{Indicator, Qualifier, Series};
use crate::text::Lang;

/// A value of a derived view: "+6.2%", "+1.0 pp", "index 163.4", "1.06% of China",
/// "75,663 yuan per resident".
pub fn view_value(n: Numbers, indicator: &Indicator, view: View, value: f64, year: u16) -> String {
    let lang = n.lang;
    match view {
        View::Level => level(n, indicator, value, Qualifier::Exact, Some(year)),
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
            let per = per_resident(n, indicator, value, year);
            match lang {
                Lang::En => format!("{per} per resident"),
                Lang::Zh => format!("人均{per}"),
            }
        }
    }
}

/// A per-resident amount (in the indicator's currency's base unit): "75,972 yuan",
/// "≈US$10,800", "US$47.95".
fn per_resident(n: Numbers, indicator: &Indicator, value: f64, year: u16) -> String {
    if indicator.unit.kind == Kind::Usd {
        scale::plain_base(Kind::Usd, value, n.lang, None)
    } else {
        let yuan = units::unit("yuan").unwrap_or(indicator.unit);
        n.amount(yuan, value.round(), Some(year))
    }
}

/// A derived view's number alone, for a table column headed by [`view_unit`]: `+4.7%`,
/// `+0.5 pp`, `104.7`, `1.06%`, `75,972`.
pub fn view_number(n: Numbers, indicator: &Indicator, view: View, value: f64, year: u16) -> String {
    match view {
        View::Level => n
            .column(indicator.unit, &[(value, Some(year))])
            .text(value, Some(year))
            .unwrap_or_default(),
        View::Change if derive::in_points(indicator) => {
            let sign = if value > 0.0 { "+" } else { "" };
            format!("{sign}{}", group(value, 2))
        }
        View::Change => signed_pct(value),
        View::Index => group(value, 1),
        View::Share => format!("{}%", group(value, 2)),
        View::PerCapita => match indicator.unit.kind {
            Kind::Usd => group(value, 2),
            _ if n.converts(indicator.unit) => n.rate(Some(year)).map_or_else(
                || group(value, 0),
                |rate| scale::round_significant(value / rate, CONVERTED_DIGITS),
            ),
            _ => group(value, 0),
        },
    }
}

/// What a column of a derived view is in: "change, pp", "% of China", "yuan per resident".
pub fn view_unit(n: Numbers, indicator: &Indicator, view: View) -> String {
    let lang = n.lang;
    let usd = indicator.unit.kind == Kind::Usd;
    let words = match view {
        // Converted at each year's rate: an estimate, marked as such.
        View::PerCapita if n.converts(indicator.unit) => {
            lang.pick("≈US$ per resident", "人均（≈美元）")
        }
        View::Level => return n.column(indicator.unit, &[]).label().to_string(),
        View::Change if derive::in_points(indicator) => lang.pick("change, pp", "变化（百分点）"),
        View::Change => lang.pick("change, %", "增长（%）"),
        View::Index => lang.pick("index", "指数"),
        View::Share => lang.pick("of China", "占全国"),
        View::PerCapita if usd => lang.pick("US$ per resident", "人均（美元）"),
        View::PerCapita => lang.pick("yuan per resident", "人均（元）"),
    };
    words.to_string()
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
        details.push(format!(
            "{}{}{}",
            year(head, lang),
            lang.pick(": ", "："),
            reason.get(lang)
        ));
    }
    let point = derived.shown(series);
    let hero = point.map_or_else(
        || {
            lang.pick("no figure in this view", "此视图无数据")
                .to_string()
        },
        |(y, v)| {
            let n = n.at_year(indicator.unit, y);
            let shown = view_value(n, indicator, derived.view, v, y);
            let when = match derived.view {
                // An index restarts at 100 with each stretch: say which year is 100.
                View::Index => {
                    let start = series.index_base(y).map_or(y, |p| p.year);
                    match lang {
                        Lang::En => format!("{y}; {start} = 100"),
                        Lang::Zh => format!("{y}年，{start}年=100"),
                    }
                }
                _ => year(y, lang),
            };
            format!("{shown}{}", paren(&when, lang))
        },
    );
    if let (Some((first, _)), Some((last, _))) = (derived.points.first(), derived.points.last()) {
        details.push(format!("{first}–{last}"));
    }
    (hero, details)
}
