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
/// cn.dailyeconomic.com), “title”, 2026-01-23, https://…`; a doubt about it follows.
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
    out.push_str(lang.pick(". ", "。"));
    if let Some((quote, _)) = figure_words(indicator, year) {
        out.push('“');
        out.push_str(quote);
        out.push_str("” ");
    }
    if let Some(source) = source_of_figure(dataset, indicator, year) {
        out.push_str(&page(source, lang));
    }
    if let Some(caveat) = super::details::caveat(indicator, lang) {
        out.push(' ');
        out.push_str(&caveat);
    }
    out
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
