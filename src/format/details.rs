//! The facts around a hero figure, most important first: the change (official or derived,
//! never across a break), the US$ or yuan twin, the share of China, "from … to" within the
//! stretch, the last figure on an earlier base, the base change, a fact's baseline, change,
//! share and rank.

use super::{Numbers, is_rate, ordinal, pp, rank, value, year, yoy_words};
use crate::data::derive;
use crate::data::units::{Kind, group, signed_pct};
use crate::data::{Dataset, Fact, Indicator, Qualifier, Series, Shape};
use crate::text::Lang;

/// The facts around the hero figure, most important first; a panel shows as many as fit.
pub fn details(dataset: &Dataset, indicator: &Indicator, n: Numbers) -> Vec<String> {
    let lang = n.lang;
    let mut out = Vec::new();
    match &indicator.shape {
        Shape::Series(series) => series_details(dataset, indicator, series, n, &mut out),
        Shape::Fact(fact) => fact_details(indicator, fact, n, &mut out),
        Shape::Regions(regions) => {
            let latest = regions
                .iter()
                .find(|r| r.home)
                .and_then(|r| r.series.last());
            if let Some(derive::Rank { place, of, tied }) =
                latest.and_then(|p| derive::rank(indicator, p.year))
            {
                let tie = if tied {
                    lang.pick(" (tied)", "（并列）")
                } else {
                    ""
                };
                out.push(match lang {
                    Lang::En => format!("{}{tie} of {of} with data", ordinal(place, lang)),
                    Lang::Zh => format!("{}{tie}（{of}个有数据）", ordinal(place, lang)),
                });
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
    out.extend(change_words(dataset, indicator, series, head, lang));
    if let Some(usd) = usd_twin(dataset, indicator, head.year, lang) {
        out.push(usd);
    }
    if let Some(yuan) = yuan_twin(dataset, indicator, head.year, n) {
        out.push(yuan);
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
    let stretch = series.stretch_start(head.year);
    stretch_words(indicator, series, head, stretch, n, out);
    // The last figure before the stretch, on its own base, with no change drawn from it.
    if let Some(before) = series.points.iter().rev().find(|p| p.year < stretch) {
        let figure = value(
            n,
            indicator,
            before.value,
            Qualifier::Exact,
            Some(before.year),
        );
        out.push(match lang {
            Lang::En => format!("{}, earlier base: {figure}", before.year),
            Lang::Zh => format!("{}年（原基数）{figure}", before.year),
        });
    }
    if let Some(b) = series.breaks.iter().rev().find(|b| b.year <= head.year) {
        out.push(match lang {
            Lang::En => format!("new base in {}: {}", b.year, b.reason.en),
            Lang::Zh => format!("{}年起口径变化：{}", b.year, b.reason.zh),
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

/// The headline year's change: the official growth rate, else the change on the year before
/// (in points for a percentage), never across a break.
fn change_words(
    dataset: &Dataset,
    indicator: &Indicator,
    series: &Series,
    head: &crate::data::Point,
    lang: Lang,
) -> Option<String> {
    let official = indicator
        .growth
        .as_deref()
        .and_then(|id| dataset.indicator(id))
        .and_then(|g| match &g.shape {
            Shape::Series(s) => s.get(head.year).map(|rate| (rate, g.real)),
            _ => None,
        });
    if let Some((rate, real)) = official {
        return Some(match (lang, real) {
            (Lang::En, true) => format!("{} real", signed_pct(rate)),
            (Lang::En, false) => format!("{} nominal", signed_pct(rate)),
            (Lang::Zh, true) => format!("实际增长{}", signed_pct(rate)),
            (Lang::Zh, false) => format!("名义增长{}", signed_pct(rate)),
        });
    }
    if is_rate(indicator) {
        let change = derive::pp_change(series, head.year)?;
        Some(match lang {
            Lang::En => format!("{} on {}", pp(change, lang), head.year - 1),
            Lang::Zh => format!("比{}年{}", head.year - 1, pp(change, lang)),
        })
    } else {
        derive::yoy(series, head.year).map(|change| yoy_words(indicator, change, lang))
    }
}

/// "From … to" within the stretch of the headline year (never across a break): the first
/// figure, and over several years the multiple and the yearly rate.
fn stretch_words(
    indicator: &Indicator,
    series: &Series,
    head: &crate::data::Point,
    stretch: u16,
    n: Numbers,
    out: &mut Vec<String>,
) {
    let lang = n.lang;
    let money = matches!(indicator.unit.kind, Kind::Yuan | Kind::Usd);
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
        // Over a year or two the change on the year before says it all.
        let several_years = head.year - start.year >= 3;
        if let Some(m) = derive::multiple(start.value, head.value).filter(|_| several_years) {
            out.push(match lang {
                Lang::En => format!("×{} since {}", group(m, 2), start.year),
                Lang::Zh => format!("为{}年的{}倍", start.year, group(m, 2)),
            });
        }
        if let Some(rate) = derive::cagr(series, start.year, head.year).filter(|_| several_years) {
            out.push(match lang {
                Lang::En if money => format!("{}/yr nominal", signed_pct(rate)),
                Lang::En => format!("{}/yr", signed_pct(rate)),
                Lang::Zh if money => format!("名义年均{}", signed_pct(rate)),
                Lang::Zh => format!("年均{}", signed_pct(rate)),
            });
        }
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
        out.push(share_words(fact, share, lang));
    }
    if fact.value.is_some() || fact.change_pct.is_some() {
        out.extend(rank(fact, lang));
    }
}

/// "4.3% of national", "about 80% of general budget spending each year", "每年占…约80%".
fn share_words(fact: &Fact, share: f64, lang: Lang) -> String {
    let qualifier = fact.share_qualifier.label(lang);
    let share = group(share, 2);
    match (lang, &fact.share_label) {
        (Lang::En, Some(label)) => format!("{qualifier}{share}% {}", label.en),
        (Lang::En, None) => format!("{qualifier}{share}% of national"),
        (Lang::Zh, Some(label)) => format!("{}{qualifier}{share}%", label.zh),
        (Lang::Zh, None) => format!("占全国{qualifier}{share}%"),
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

/// The yuan figure a US$ indicator was converted from, for the same year (569 billion yuan
/// beside the article's US$78.9 billion).
fn yuan_twin(dataset: &Dataset, indicator: &Indicator, year: u16, n: Numbers) -> Option<String> {
    let twin = dataset.indicator(indicator.converts.as_deref()?)?;
    let Shape::Series(series) = &twin.shape else {
        return None;
    };
    let yuan = twin.unit.format(series.get(year)?, n.lang);
    Some(match n.lang {
        Lang::En => format!("from {yuan}"),
        Lang::Zh => format!("折自{yuan}"),
    })
}
