//! A yearly series: `values`, with `source_by_year`, `break_year` and `highlight`.

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

use super::Builder;
use super::checks::{finite, with_article, year, year_at};
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::{Point, Series};
use crate::data::schema::YearMap;

impl Builder {
    /// A series from the parsed `values` table, read directly: going through serde would
    /// allocate a `String` and a map entry per year, half of the time a large dataset takes.
    pub(super) fn series(
        &mut self,
        file: &SourceText,
        values: Spanned<DeValue>,
        sources: Option<YearMap<String>>,
        (break_year, highlight): (Option<Spanned<i64>>, Option<Spanned<i64>>),
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Series> {
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
        let mut points = Vec::with_capacity(values.len());
        for (key, value) in values {
            let year = year_at(file, key.get_ref(), &key.span(), problems);
            let value_span = value.span();
            let value = match f64::deserialize(ValueDeserializer::from(value)) {
                Ok(v) => finite(file, &Spanned::new(value_span, v), problems),
                Err(e) => {
                    problems.push(file.toml_error(&e, &value_span));
                    None
                }
            };
            if let (Some(year), Some(value)) = (year, value) {
                points.push(Point {
                    year,
                    value,
                    source: None,
                });
            }
        }
        points.sort_by_key(|p| p.year);
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
        let break_year = break_year.and_then(|b| {
            let inside = points
                .first()
                .is_some_and(|p| i64::from(p.year) < *b.get_ref())
                && points
                    .last()
                    .is_some_and(|p| i64::from(p.year) >= *b.get_ref());
            if inside {
                u16::try_from(*b.get_ref()).ok()
            } else {
                problems.push(file.span(
                    &b.span(),
                    format!("`break_year` {} is not inside the series", b.get_ref()),
                ));
                None
            }
        });
        let highlight = highlight.and_then(|h| {
            let found = points.iter().find(|p| i64::from(p.year) == *h.get_ref());
            if found.is_none() {
                problems.push(file.span(
                    &h.span(),
                    format!("`highlight` {} is not a year of `values`", h.get_ref()),
                ));
            }
            found.map(|p| p.year)
        });
        Some(Series {
            points,
            break_year,
            highlight,
        })
    }
}
