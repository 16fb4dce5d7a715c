//! The facts around a hero figure, most important first: a doubt about the figure, a missing
//! exchange rate, the change (official or derived, never across a break), the US$ or yuan
//! twin, the share of China, "from … to" within the stretch, the last exact figure after a
//! stated bound, the last figure on an earlier base; for a fact its baseline, change, share
//! and rank. Why a base changed is said in the zoom view, whole.

use super::{
    Numbers, fact_change, in_yuan, is_rate, paren, point_figure, pp_from, rank, value, year,
    yoy_words, zh_change,
};
use crate::data::derive;
use crate::data::units::{group, signed_pct};
use crate::data::{Dataset, Fact, Indicator, Series, Shape};
use crate::text::Lang;

/// "⚠ in doubt: …" / "⚠ 存疑：…": a figure its own data doubts says so wherever it shows.
pub fn caveat(indicator: &Indicator, lang: Lang) -> Option<String> {
    let words = indicator.caveat.as_ref()?.get(lang);
    Some(match lang {
        Lang::En => format!("⚠ in doubt: {words}"),
        Lang::Zh => format!("⚠ 存疑：{words}"),
    })
}

/// The facts around the hero figure, most important first; a panel shows as many as fit.
pub fn details(dataset: &Dataset, indicator: &Indicator, n: Numbers) -> Vec<String> {
    let lang = n.lang;
    let mut out: Vec<String> = caveat(indicator, lang).into_iter().collect();
    match &indicator.shape {
        Shape::Series(series) => series_details(dataset, indicator, series, n, &mut out),
        Shape::Fact(fact) => fact_details(indicator, fact, n, &mut out),
        Shape::Regions(_) | Shape::Breakdown(_) | Shape::Text(_) => {}
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
    let bound = series.headline_bound();
    let Some(head) = series.headline() else {
        return;
    };
    let head_year = bound.map_or(head.year, |b| b.year);
    out.extend(n.rate_note(indicator.unit, Some(head_year)));
    let n = n.at_year(indicator.unit, head_year);
    out.extend(change_words(dataset, indicator, series, head_year, n));
    if bound.is_some() {
        // After a stated bound, the last exact figure.
        out.push(format!(
            "{}{}{}",
            year(head.year, lang),
            lang.pick(": ", "："),
            point_figure(n, indicator, head)
        ));
        return;
    }
    if let Some(usd) = usd_twin(dataset, indicator, head.year, n) {
        out.push(usd);
    }
    if let Some(yuan) = yuan_twin(dataset, indicator, head.year, n) {
        out.extend(yuan);
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
            let cn = n.amount(national.unit, cn, Some(head.year));
            out.push(match lang {
                Lang::En => format!("China {cn}"),
                Lang::Zh => format!("全国{cn}"),
            });
        }
    }
    let stretch = series.stretch_start(head.year);
    stretch_words(indicator, series, head, stretch, n, out);
    if let Some(last) = series.last().filter(|p| p.year != head.year) {
        out.push(format!(
            "{}{}{}",
            year(last.year, lang),
            lang.pick(": ", "："),
            point_figure(n, indicator, last)
        ));
    }
    // The last figure before the stretch, on its own base, with no change drawn from it.
    if let Some(before) = series.points.iter().rev().find(|p| p.year < stretch) {
        let figure = point_figure(n, indicator, before);
        out.push(match lang {
            Lang::En => format!("{} (old base): {figure}", before.year),
            Lang::Zh => format!("{}年（原基数）{figure}", before.year),
        });
    }
}

/// The official growth of `head_year` when the series names one, else the change on the
/// year before (in points for a percentage), never across a break.
fn change_words(
    dataset: &Dataset,
    indicator: &Indicator,
    series: &Series,
    head_year: u16,
    n: Numbers,
) -> Option<String> {
    let lang = n.lang;
    let official = indicator
        .growth
        .as_deref()
        .and_then(|id| dataset.indicator(id))
        .and_then(|g| match &g.shape {
            Shape::Series(s) => s.get(head_year).map(|rate| (rate, g.real)),
            _ => None,
        });
    if let Some((rate, real)) = official {
        return Some(match (lang, real) {
            (Lang::En, true) => format!("{} real", signed_pct(rate)),
            // A stated nominal rate is measured on the revised year before: it can differ from
            // the change of the two levels shown, so it says where it comes from.
            (Lang::En, false) => {
                format!("{} nominal, stated", signed_pct(rate)) + in_yuan(n, indicator.unit)
            }
            (Lang::Zh, true) => zh_change("实际", rate, ""),
            (Lang::Zh, false) => {
                zh_change("名义", rate, "") + "（公布数）" + in_yuan(n, indicator.unit)
            }
        });
    }
    if is_rate(indicator) {
        let change = derive::pp_change(series, head_year)?;
        Some(pp_from(change, head_year - 1, lang))
    } else {
        derive::yoy(series, head_year).map(|change| yoy_words(indicator, change, n))
    }
}

/// "From … to" within the stretch of the headline year (never across a break): the first
/// figure, and over several years the change since then and the yearly rate.
fn stretch_words(
    indicator: &Indicator,
    series: &Series,
    head: &crate::data::Point,
    stretch: u16,
    n: Numbers,
    out: &mut Vec<String>,
) {
    let lang = n.lang;
    let money = indicator.unit.is_money();
    let Some(start) = series
        .points
        .iter()
        .find(|p| p.year >= stretch)
        .filter(|p| p.year < head.year && !is_rate(indicator))
    else {
        return;
    };
    let first = point_figure(n, indicator, start);
    out.push(match lang {
        Lang::En => format!("from {first}{}", paren(&start.year.to_string(), lang)),
        Lang::Zh => format!("{}年为{first}", start.year),
    });
    // Over a year or two the change on the year before says it all.
    if head.year - start.year < 3 {
        return;
    }
    let yuan = in_yuan(n, indicator.unit);
    if let Some(m) = derive::multiple(start.value, head.value) {
        let words = if m >= 2.0 {
            match lang {
                Lang::En => format!("×{} since {}", group(m, 2), start.year),
                Lang::Zh => format!("为{}年的{}倍", start.year, group(m, 2)),
            }
        } else {
            let change = (m - 1.0) * 100.0;
            let pct = group(change.abs(), 1);
            match lang {
                Lang::En if change >= 0.0 => format!("up {pct}% since {}", start.year),
                Lang::En => format!("down {pct}% since {}", start.year),
                Lang::Zh => zh_change(&format!("比{}年", start.year), change, ""),
            }
        };
        out.push(words + yuan);
    }
    if let Some(rate) = derive::cagr(series, start.year, head.year) {
        out.push(
            match lang {
                Lang::En if money => format!("{}/yr nominal", signed_pct(rate)),
                Lang::En => format!("{}/yr", signed_pct(rate)),
                Lang::Zh if money => zh_change("名义年均", rate, ""),
                Lang::Zh => zh_change("年均", rate, ""),
            } + yuan,
        );
    }
}

fn fact_details(indicator: &Indicator, fact: &Fact, n: Numbers, out: &mut Vec<String>) {
    let lang = n.lang;
    if fact.value.is_some() {
        out.extend(n.rate_note(indicator.unit, super::fact_year(indicator)));
    }
    if let Some(base) = fact.baseline {
        let from = value(n, indicator, base, fact.baseline_qualifier, None);
        out.push(match lang {
            Lang::En => format!("from {from}"),
            Lang::Zh => format!("原{from}"),
        });
    }
    // Without a value the change is the hero figure already.
    if let (Some(change), Some(_)) = (fact.change_pct, fact.value) {
        out.push(fact_change(fact, change, lang));
    }
    // Without a value, change or rank the share is the hero figure already.
    if let (Some(share), true) = (
        fact.share_pct,
        fact.value.is_some() || fact.change_pct.is_some() || fact.rank.is_some(),
    ) {
        out.push(share_words(fact, share, lang));
    }
    if fact.value.is_some() || fact.change_pct.is_some() {
        out.extend(rank(fact, lang));
    }
}

/// "4.3% of national", "about 80% of general budget spending each year", "每年占…约80%".
pub fn share_words(fact: &Fact, share: f64, lang: Lang) -> String {
    let qualifier = fact.share_qualifier.label(lang);
    let share = group(share, 2);
    match (lang, &fact.share_label) {
        (Lang::En, Some(label)) => format!("{qualifier}{share}% {}", label.en),
        (Lang::En, None) => format!("{qualifier}{share}% of national"),
        (Lang::Zh, Some(label)) => format!("{}{qualifier}{share}%", label.zh),
        (Lang::Zh, None) => format!("占全国{qualifier}{share}%"),
    }
}

/// The same amount in US dollars as the source published it ("US$78.9 billion as published").
fn usd_twin(dataset: &Dataset, indicator: &Indicator, year: u16, n: Numbers) -> Option<String> {
    let twin = dataset
        .indicators
        .iter()
        .find(|i| i.converts.as_deref() == Some(indicator.id.as_str()))?;
    let Shape::Series(series) = &twin.shape else {
        return None;
    };
    let usd = n.amount(twin.unit, series.get(year)?, Some(year));
    Some(match n.lang {
        Lang::En => format!("{usd} as published"),
        Lang::Zh => format!("原文{usd}"),
    })
}

/// The yuan figure a US$ indicator was converted from, for the same year ("= 569 billion
/// yuan" beside the article's US$78.9 billion).
fn yuan_twin(
    dataset: &Dataset,
    indicator: &Indicator,
    year: u16,
    n: Numbers,
) -> Option<Vec<String>> {
    let twin = dataset.indicator(indicator.converts.as_deref()?)?;
    let Shape::Series(series) = &twin.shape else {
        return None;
    };
    let value = series.get(year)?;
    let yuan = n.in_yuan().amount(twin.unit, value, Some(year));
    let mut words = vec![match n.lang {
        Lang::En => format!("= {yuan}"),
        Lang::Zh => format!("折自{yuan}"),
    }];
    // In dollars, the same yuan at the year's official rate, so that the published conversion
    // is not taken for it.
    if n.converts(twin.unit) && n.rate(Some(year)).is_some() {
        let official = n.amount(twin.unit, value, Some(year));
        words.push(match n.lang {
            Lang::En => format!("official rate: {official}"),
            Lang::Zh => format!("按官方汇率{official}"),
        });
    }
    Some(words)
}
