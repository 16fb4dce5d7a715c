//! A figure as the screen shows it, with the words it was read from and its page: the footer's
//! source line, the clipboard (`c`) and the handout's appendix all say it the same way.

use super::Numbers;
use crate::data::model::{Dataset, Indicator, Shape, Source, View};
use crate::text::Lang;

/// The words and the source id (the indicator's when `None`) of the figure a panel shows
/// first: the headline year's point (or the bound stated for a later year); for a comparison,
/// the home region's of `year` (the latest when `None`).
pub fn figure_words(indicator: &Indicator, year: Option<u16>) -> Option<(&str, Option<&str>)> {
    match &indicator.shape {
        Shape::Series(s) => match s.headline_bound() {
            Some(b) => Some((&b.quote, b.source.as_deref())),
            None => s
                .headline()
                .map(|p| (p.quote.as_str(), p.source.as_deref())),
        },
        Shape::Breakdown(parts) => parts
            .first()
            .map(|p| (p.quote.as_str(), p.source.as_deref())),
        Shape::Regions(regions) => regions.iter().find(|r| r.home).and_then(|home| {
            let year = year.or_else(|| home.series.last().map(|p| p.year))?;
            match home.series.point(year) {
                Some(p) => Some((p.quote.as_str(), p.source.as_deref())),
                None => home
                    .series
                    .bound(year)
                    .map(|b| (b.quote.as_str(), b.source.as_deref())),
            }
        }),
        Shape::Fact(fact) => Some((&fact.quote, None)),
        Shape::Text(words) => Some((&words.quote, None)),
    }
}

/// The page the figure a panel shows first was read from.
pub fn source_of_figure<'a>(
    dataset: &'a Dataset,
    indicator: &'a Indicator,
    year: Option<u16>,
) -> Option<&'a Source> {
    let own = figure_words(indicator, year).and_then(|(_, source)| source);
    dataset.source(own.unwrap_or(&indicator.source))
}

/// The figure in the view shown (`over 3.6 trillion yuan (2025)`), in the language and
/// currency of `n`.
pub fn figure(
    dataset: &Dataset,
    n: Numbers,
    indicator: &Indicator,
    view: View,
    year: Option<u16>,
) -> String {
    match (&indicator.shape, view) {
        (Shape::Regions(_), _) => super::regions_hero(indicator, n, year),
        (Shape::Series(series), v) if v != View::Level => {
            let derived = dataset.derive(indicator, series, v);
            super::view_hero(n, indicator, series, &derived).0
        }
        _ => super::hero(indicator, n),
    }
}

/// The figure with its words and page, on one line, as a reader would cite it:
/// `GDP: over 3.6 trillion yuan (2025). “…” Jiangxi provincial government website (via
/// cn.dailyeconomic.com), “title”, 2026-01-23, https://…`; a doubt about it follows. A figure
/// of another view says it is computed from the words and page of the figure it comes from.
pub fn citation(
    dataset: &Dataset,
    n: Numbers,
    indicator: &Indicator,
    view: View,
    year: Option<u16>,
) -> String {
    let lang = n.lang;
    let mut out = format!(
        "{}{}{}",
        indicator.name.get(lang),
        lang.pick(": ", "："),
        figure(dataset, n, indicator, view, year)
    );
    match (&indicator.shape, view) {
        (Shape::Series(series), view) if view != View::Level => {
            derived_sources(&mut out, dataset, indicator, series, view, lang);
        }
        _ => {
            out.push_str(lang.pick(". ", "。"));
            if let Some((quote, source)) = figure_words(indicator, year) {
                cite(
                    &mut out,
                    dataset,
                    quote,
                    source.unwrap_or(&indicator.source),
                    lang,
                );
            }
        }
    }
    if let Some(caveat) = super::details::caveat(indicator, lang) {
        out.push(' ');
        out.push_str(&caveat);
    }
    out
}

/// `“words” page` after a figure.
fn cite(out: &mut String, dataset: &Dataset, quote: &str, source: &str, lang: Lang) {
    out.push('“');
    out.push_str(quote);
    out.push_str("” ");
    if let Some(source) = dataset.source(source) {
        out.push_str(&page(source, lang));
    }
}

/// Where a figure of another view comes from: a published growth rate is cited as stated;
/// a computed one names the words and page of each figure it is computed from, of its own
/// year (the series' own, and China's total or the population where it divides by them).
fn derived_sources(
    out: &mut String,
    dataset: &Dataset,
    indicator: &Indicator,
    series: &crate::data::model::Series,
    view: View,
    lang: Lang,
) {
    let derived = dataset.derive(indicator, series, view);
    let Some((year, _)) = derived.shown(series) else {
        out.push_str(lang.pick(".", "。"));
        return;
    };
    let point_of = |id: Option<&String>| {
        let other = dataset.indicator(id?)?;
        match &other.shape {
            Shape::Series(s) => s.point(year).map(|p| {
                (
                    p.quote.as_str(),
                    p.source.as_deref().unwrap_or(&other.source),
                )
            }),
            _ => None,
        }
    };
    if derived.published.contains(&year)
        && let Some((quote, source)) = point_of(indicator.growth.as_ref())
    {
        out.push_str(lang.pick(". ", "。"));
        cite(out, dataset, quote, source, lang);
        return;
    }
    out.push_str(lang.pick(", computed from ", "，据此计算："));
    if let Some(p) = series.point(year) {
        cite(
            out,
            dataset,
            &p.quote,
            p.source.as_deref().unwrap_or(&indicator.source),
            lang,
        );
    }
    let other = match view {
        View::Share => point_of(indicator.national.as_ref()),
        View::PerCapita => point_of(indicator.population.as_ref()),
        View::Change if !indicator.real => series.point(year.saturating_sub(1)).map(|p| {
            (
                p.quote.as_str(),
                p.source.as_deref().unwrap_or(&indicator.source),
            )
        }),
        _ => None,
    };
    if let Some((quote, source)) = other {
        out.push_str(lang.pick("; and ", "；及"));
        cite(out, dataset, quote, source, lang);
    }
}

/// A page as a reference: publisher (the original a reprint cites, then the publisher),
/// title, date and address.
pub fn page(source: &Source, lang: Lang) -> String {
    let publisher = source.publisher.get(lang);
    let who = match (&source.cites, lang) {
        (Some(original), Lang::En) => format!("{} (via {publisher})", original.get(lang)),
        (Some(original), Lang::Zh) => format!("{}（转引自{publisher}）", original.get(lang)),
        (None, _) => publisher.to_string(),
    };
    let comma = lang.pick(", ", "，");
    format!(
        "{who}{comma}“{}”{comma}{}{comma}{}",
        source.title, source.date, source.url
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_computed_figure_says_what_it_is_computed_from() {
        let app = crate::app::App::new(crate::data::load_embedded().unwrap());
        let gdp = app.dataset.indicator("gdp").unwrap();
        let stated = citation(&app.dataset, app.numbers(), gdp, View::Level, None);
        assert!(
            stated.starts_with("GDP: over 3.6 trillion yuan (2025). “"),
            "{stated}"
        );
        let share = citation(&app.dataset, app.numbers(), gdp, View::Share, None);
        assert!(share.contains(", computed from “"), "{share}");
        // Its own year's words (2024, not the 2025 bound), and China's total of that year.
        assert!(
            share.starts_with("GDP: 2.54% of China (2024), computed from “"),
            "{share}"
        );
        assert!(
            !share.contains("突破3.6万亿元") && share.contains("; and “"),
            "{share}"
        );
        // A change the source states is cited as stated, with its own words.
        let trade = app.dataset.indicator("foreign-trade").unwrap();
        let change = citation(&app.dataset, app.numbers(), trade, View::Change, None);
        assert!(
            change.starts_with("Goods trade (exports + imports): +2.7% (2025). “"),
            "{change}"
        );
        assert!(
            change.contains("增长2.7%") && !change.contains("computed"),
            "{change}"
        );
    }
}
