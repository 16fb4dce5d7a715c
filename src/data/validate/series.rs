//! Yearly series: `values` with `quotes` (the words each year was read from), `source_by_year`,
//! statistical bases and `[[indicator.break]]`s, `highlight`, `gaps` and `[[indicator.history]]`;
//! also the series of each region of a comparison.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

use super::Builder;
use super::checks::{finite, with_article, year, year_at};
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::{Break, Gap, Point, Series, Vintage};
use crate::data::quote;
use crate::data::schema::{BreakSpec, HistorySpec, IndicatorSpec, YearMap};
use crate::data::units::Unit;
use crate::text::Text;

/// An indicator's `values` and `quotes` as parsed, read without serde.
#[derive(Default)]
pub(super) struct Raw<'i> {
    pub values: Option<Spanned<DeValue<'i>>>,
    pub quotes: Option<Spanned<DeValue<'i>>>,
}

/// One `year = "words"` of a `quotes` table, located.
pub(super) struct Quote {
    year: u16,
    key: Range<usize>,
    text: String,
}

/// The raw `quotes` table: a year's words by year. A key that is not a year is left to the
/// message `values` gives for it (or the missing quote's).
pub(super) fn raw_quotes(
    file: &SourceText,
    quotes: Option<Spanned<DeValue>>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Quote> {
    let Some(quotes) = quotes else {
        return Vec::new();
    };
    let (span, quotes) = (quotes.span(), quotes.into_inner());
    let DeValue::Table(quotes) = quotes else {
        problems.push(file.span(
            &span,
            format!(
                "`quotes` must be a table of year = \"words\", not {}",
                with_article(quotes.type_str())
            ),
        ));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(quotes.len());
    for (key, value) in quotes {
        let value_span = value.span();
        let text = match value.into_inner() {
            DeValue::String(text) => text.into_owned(),
            other => {
                problems.push(file.span(
                    &value_span,
                    format!(
                        "a quote must be a string of words, not {}",
                        with_article(other.type_str())
                    ),
                ));
                continue;
            }
        };
        if let Some(year) = quoted_year(key.get_ref()) {
            out.push(Quote {
                year,
                key: key.span(),
                text,
            });
        }
    }
    out
}

/// The year a `quotes` key names; a key that is not one is left to the message `values` gives
/// for it (or the missing quote's).
fn quoted_year(key: &str) -> Option<u16> {
    key.parse::<u16>().ok().filter(|y| super::YEARS.contains(y))
}

/// A `quotes` table read through serde (a release's, a region's: small tables).
pub(super) fn map_quotes(quotes: Option<Spanned<YearMap<String>>>) -> Vec<Quote> {
    quotes
        .map(Spanned::into_inner)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(key, text)| {
            let year = quoted_year(key.get_ref())?;
            Some(Quote {
                year,
                key: key.span(),
                text: text.into_inner(),
            })
        })
        .collect()
}

/// One `year = value`, located.
pub(super) struct Entry {
    year: u16,
    value: f64,
    span: Range<usize>,
}

/// The entries of the raw `values` table, read directly: going through serde would allocate a
/// `String` and a map entry per year, half of the time a large dataset takes.
pub(super) fn raw_entries(
    file: &SourceText,
    values: Spanned<DeValue>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<Entry>> {
    let (span, values) = (values.span(), values.into_inner());
    let DeValue::Table(values) = values else {
        problems.push(file.span(
            &span,
            format!(
                "`values` must be a table of year = number, not {}",
                with_article(values.type_str())
            ),
        ));
        return None;
    };
    if values.is_empty() {
        problems.push(file.span(&span, "empty series: `values` has no years"));
        return None;
    }
    let mut entries = Vec::with_capacity(values.len());
    for (key, value) in values {
        let year = year_at(file, key.get_ref(), &key.span(), problems);
        let value_span = value.span();
        let value = match f64::deserialize(ValueDeserializer::from(value)) {
            Ok(v) => finite(file, &Spanned::new(value_span.clone(), v), problems),
            Err(e) => {
                problems.push(file.toml_error(&e, &value_span));
                None
            }
        };
        if let (Some(year), Some(value)) = (year, value) {
            entries.push(Entry {
                year,
                value,
                span: key.span(),
            });
        }
    }
    Some(sorted_without_duplicates(file, entries, problems))
}

/// The entries of a `values` table read through serde (history and regions: small tables).
pub(super) fn map_entries(
    file: &SourceText,
    values: Spanned<YearMap<f64>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<Entry>> {
    let (span, values) = (values.span(), values.into_inner());
    if values.is_empty() {
        problems.push(file.span(&span, "empty series: `values` has no years"));
        return None;
    }
    let entries = values
        .into_iter()
        .filter_map(|(key, value)| {
            let year = year(file, &key, problems)?;
            let value = finite(file, &value, problems)?;
            Some(Entry {
                year,
                value,
                span: key.span(),
            })
        })
        .collect();
    Some(sorted_without_duplicates(file, entries, problems))
}

/// Sorted by year; `2023` and `02023` are one year written twice, an error.
fn sorted_without_duplicates(
    file: &SourceText,
    mut entries: Vec<Entry>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    entries.sort_by_key(|e| (e.year, e.span.start));
    entries.dedup_by(|later, first| {
        let duplicate = later.year == first.year;
        if duplicate {
            let written = file.text.get(later.span.clone()).unwrap_or("?");
            problems.push(file.span(
                &later.span,
                format!("year `{written}` is {} again: each year once", first.year),
            ));
        }
        duplicate
    });
    entries
}

impl Builder {
    /// A table's own `source`, for its points that name none (a release, a region).
    pub(super) fn default_source(
        &mut self,
        file: &SourceText,
        source: Option<&Spanned<String>>,
        points: &mut [Point],
    ) {
        if let Some(source) = source {
            self.source_ref(file, source);
            for point in points.iter_mut().filter(|p| p.source.is_none()) {
                point.source = Some(source.get_ref().clone());
            }
        }
    }

    /// Points from entries, each with its quote (required, and holding the value) and source.
    pub(super) fn points(
        &mut self,
        file: &SourceText,
        unit: Option<&Unit>,
        entries: Vec<Entry>,
        mut quotes: Vec<Quote>,
        sources: Option<YearMap<String>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<Point> {
        // Entries are sorted by year: each quote finds its year by a binary search, and each
        // year its quote by another.
        quotes.sort_by_key(|q| q.year);
        for quote in &quotes {
            if entries
                .binary_search_by_key(&quote.year, |e| e.year)
                .is_err()
            {
                problems.push(file.span(
                    &quote.key,
                    format!(
                        "`quotes` names year `{}`, which `values` does not have",
                        quote.year
                    ),
                ));
            }
        }
        let mut points: Vec<Point> = entries
            .into_iter()
            .map(|entry| {
                let quote = quotes
                    .binary_search_by_key(&entry.year, |q| q.year)
                    .ok()
                    .map(|i| std::mem::take(&mut quotes[i].text));
                let quote = match quote {
                    Some(q) if !q.trim().is_empty() => {
                        check_holds(file, &entry.span, entry.year, entry.value, unit, &q, problems);
                        q
                    }
                    _ => {
                        problems.push(file.span(
                            &entry.span,
                            format!(
                                "{} has no quote: add the sentence or table row it was read from to `quotes`",
                                entry.year
                            ),
                        ));
                        String::new()
                    }
                };
                Point {
                    year: entry.year,
                    value: entry.value,
                    source: None,
                    quote,
                    base: None,
                }
            })
            .collect();
        for (key, source) in sources.unwrap_or_default() {
            let Some(year) = year(file, &key, problems) else {
                continue;
            };
            match points.iter_mut().find(|p| p.year == year) {
                Some(point) => {
                    self.source_ref(file, &source);
                    point.source = Some(source.into_inner());
                }
                None => problems.push(file.span(
                    &key.span(),
                    format!("`source_by_year` names year `{year}`, which `values` does not have"),
                )),
            }
        }
        points
    }

    /// The indicator's series: its points, bases and breaks, headline, gaps and history.
    pub(super) fn series(
        &mut self,
        file: &SourceText,
        unit: Option<&Unit>,
        values: Spanned<DeValue>,
        quotes: Vec<Quote>,
        spec: &mut IndicatorSpec,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Series> {
        let entries = raw_entries(file, values, problems)?;
        let bases = spec.base_by_year.take();
        let default_base = spec.base.take();
        let sources = spec.source_by_year.take();
        let mut points = self.points(file, unit, entries, quotes, sources, problems);
        let breaks = breaks(
            file,
            &points,
            spec.breaks.take().unwrap_or_default(),
            problems,
        );
        check_bases(
            file,
            &mut points,
            &breaks,
            default_base.as_deref(),
            bases,
            problems,
        );
        let highlight = spec.highlight.take().and_then(|h| {
            let found = points.iter().find(|p| i64::from(p.year) == *h.get_ref());
            if found.is_none() {
                problems.push(file.span(
                    &h.span(),
                    format!("`highlight` {} is not a year of `values`", h.get_ref()),
                ));
            }
            found.map(|p| p.year)
        });
        let gaps = gaps(
            file,
            &points,
            spec.gaps.take(),
            spec.gaps_zh.take(),
            problems,
        );
        let history = spec
            .history
            .take()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|h| self.vintage(file, unit, h, problems))
            .collect();
        let bounds = self.bounds(
            file,
            unit,
            &points,
            &gaps,
            spec.bound.take().unwrap_or_default(),
            problems,
        );
        Some(Series {
            points,
            breaks,
            highlight,
            history,
            gaps,
            bounds,
        })
    }

    fn vintage(
        &mut self,
        file: &SourceText,
        unit: Option<&Unit>,
        spec: HistorySpec,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Vintage> {
        let entries = map_entries(file, spec.values, problems)?;
        let mut points = self.points(
            file,
            unit,
            entries,
            map_quotes(spec.quotes),
            spec.source_by_year,
            problems,
        );
        self.default_source(file, spec.source.as_ref(), &mut points);
        Some(Vintage {
            label: Text::new(spec.label, spec.label_zh),
            points,
        })
    }
}

/// A value must be in its quote, in some writing of its unit.
pub(super) fn check_holds(
    file: &SourceText,
    span: &Range<usize>,
    year: u16,
    value: f64,
    unit: Option<&Unit>,
    quote: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(unit) = unit else { return };
    if !quote::holds(quote, value, unit) {
        problems.push(file.span(
            span,
            format!(
                "{year} = {value}: the number is not in its quote (as {}): \"{}\"",
                quote::writings(value, unit),
                short(quote)
            ),
        ));
    }
}

/// A quote cut for a message.
pub(super) fn short(quote: &str) -> String {
    const MAX: usize = 80;
    if quote.chars().count() <= MAX {
        quote.to_string()
    } else {
        let cut: String = quote.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

fn breaks(
    file: &SourceText,
    points: &[Point],
    specs: Vec<BreakSpec>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Break> {
    let mut breaks: Vec<Break> = specs
        .into_iter()
        .filter_map(|b| {
            let year = *b.year.get_ref();
            let inside = points.first().is_some_and(|p| i64::from(p.year) < year)
                && points.last().is_some_and(|p| i64::from(p.year) >= year);
            if !inside {
                problems.push(file.span(
                    &b.year.span(),
                    format!("`break` year {year} is not inside the series"),
                ));
                return None;
            }
            Some(Break {
                year: u16::try_from(year).ok()?,
                reason: Text::new(b.reason, b.reason_zh),
            })
        })
        .collect();
    breaks.sort_by_key(|b| b.year);
    breaks
}

/// Each point's base, as the data names it; neighbouring points on different bases need a break
/// between them, or a y/y change, a multiple or a growth rate would cross the change of base.
fn check_bases(
    file: &SourceText,
    points: &mut [Point],
    breaks: &[Break],
    default: Option<&str>,
    by_year: Option<YearMap<String>>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut named: Vec<(u16, Spanned<String>)> = Vec::new();
    for (key, base) in by_year.unwrap_or_default() {
        let Some(year) = year(file, &key, problems) else {
            continue;
        };
        if points.iter().any(|p| p.year == year) {
            named.push((year, base));
        } else {
            problems.push(file.span(
                &key.span(),
                format!("`base_by_year` names year `{year}`, which `values` does not have"),
            ));
        }
    }
    let base_of = |year: u16| {
        named
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, b)| b.get_ref().as_str())
            .or(default)
    };
    for point in points.iter_mut() {
        point.base = base_of(point.year).map(str::to_string);
    }
    for pair in points.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let (a, b) = (base_of(before.year), base_of(after.year));
        let broken = breaks
            .iter()
            .any(|k| before.year < k.year && k.year <= after.year);
        if a != b && !broken {
            let at = named
                .iter()
                .find(|(y, _)| *y == after.year || *y == before.year)
                .map_or(0..0, |(_, s)| s.span());
            problems.push(file.span(
                &at,
                format!(
                    "{} is on base `{}` but {} on `{}`: declare an [[indicator.break]] between them, or a derived figure would cross the change",
                    after.year,
                    b.unwrap_or("(none)"),
                    before.year,
                    a.unwrap_or("(none)")
                ),
            ));
        }
    }
}

fn gaps(
    file: &SourceText,
    points: &[Point],
    en: Option<YearMap<String>>,
    zh: Option<YearMap<String>>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Gap> {
    let mut zh: Vec<(u16, Spanned<String>)> = zh
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(key, reason)| Some((year(file, &key, problems)?, reason)))
        .collect();
    let mut gaps = Vec::new();
    for (key, reason) in en.unwrap_or_default() {
        let Some(year) = year(file, &key, problems) else {
            continue;
        };
        if points.iter().any(|p| p.year == year) {
            problems.push(file.span(
                &key.span(),
                format!("`gaps` names year `{year}`, which `values` has"),
            ));
            continue;
        }
        let Some(i) = zh.iter().position(|(y, _)| *y == year) else {
            problems.push(file.span(
                &key.span(),
                format!("`gaps` year `{year}` needs its reason in `gaps_zh` too"),
            ));
            continue;
        };
        let (_, reason_zh) = zh.swap_remove(i);
        gaps.push(Gap {
            year,
            reason: Text::new(reason.into_inner(), reason_zh.into_inner()),
        });
    }
    for (year, reason) in zh {
        problems.push(file.span(
            &reason.span(),
            format!("`gaps_zh` year `{year}` is not in `gaps`"),
        ));
    }
    gaps.sort_by_key(|g| g.year);
    gaps
}
