//! Years stated only as a bound (`[[indicator.bound]]`, `[[indicator.region.bound]]`): "突破3.6万亿元"
//! is over 36,000亿元. A bound is a year of its own, with a qualifier, and its words hold the
//! number; it is never a point, so no derived figure uses it.

use toml::Spanned;

use super::Builder;
use super::checks::finite;
use super::series::check_holds;
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::{Bound, Gap, Point, Qualifier};
use crate::data::schema::BoundSpec;
use crate::data::units::Unit;

impl Builder {
    /// Years stated only as a bound: each a year of its own (not a point, not a gap), with a
    /// qualifier, and its words holding the number.
    pub(super) fn bounds(
        &mut self,
        file: &SourceText,
        unit: Option<&Unit>,
        points: &[Point],
        gaps: &[Gap],
        specs: Vec<BoundSpec>,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<Bound> {
        let mut bounds: Vec<Bound> = Vec::new();
        for spec in specs {
            let span = spec.year.span();
            let Some(year) = u16::try_from(*spec.year.get_ref())
                .ok()
                .filter(|y| super::YEARS.contains(y))
            else {
                problems.push(file.span(
                    &span,
                    format!("`bound` year {} is not a year", spec.year.get_ref()),
                ));
                continue;
            };
            let taken = if points.iter().any(|p| p.year == year) {
                Some("`values` has it")
            } else if gaps.iter().any(|g| g.year == year) {
                Some("`gaps` lists it as missing")
            } else if bounds.iter().any(|b| b.year == year) {
                Some("another `bound` has it")
            } else {
                None
            };
            if let Some(taken) = taken {
                problems.push(file.span(
                    &span,
                    format!("`bound` year {year}: {taken}; a year is a figure, a bound or a gap"),
                ));
                continue;
            }
            let qualifier = *spec.qualifier.get_ref();
            if qualifier == Qualifier::Exact {
                problems.push(file.span(
                    &spec.qualifier.span(),
                    "a `bound` is about, over, under or nearly its value, not exact: put an exact figure in `values`",
                ));
                continue;
            }
            let Some(value) = finite(file, &spec.value, problems) else {
                continue;
            };
            let quote = spec.quote.get_ref().clone();
            check_holds(file, &span, year, value, unit, &quote, problems);
            if let Some(source) = &spec.source {
                self.source_ref(file, source);
            }
            bounds.push(Bound {
                year,
                value,
                qualifier,
                source: spec.source.map(Spanned::into_inner),
                quote,
            });
        }
        bounds.sort_by_key(|b| b.year);
        bounds
    }
}
