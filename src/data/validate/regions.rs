//! A comparison of regions: `[[indicator.region]]`, each a yearly series with its quotes.

use toml::Spanned;

use super::Builder;
use super::series::map_entries;
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::{Region, Series, Shape};
use crate::data::schema::RegionSpec;
use crate::data::units::Unit;
use crate::text::Text;

impl Builder {
    pub(super) fn regions(
        &mut self,
        file: &SourceText,
        unit: Option<&Unit>,
        specs: Spanned<Vec<RegionSpec>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Shape> {
        let (span, specs) = (specs.span(), specs.into_inner());
        if specs.len() < 2 {
            problems.push(file.span(&span, "a comparison needs at least two `region`s"));
            return None;
        }
        let homes = specs.iter().filter(|r| r.home).count();
        if homes > 1 {
            problems.push(file.span(
                &span,
                format!("{homes} regions say `home = true`: at most one"),
            ));
        }
        let mut regions: Vec<Region> = Vec::new();
        for spec in specs {
            let id = spec.id.get_ref().clone();
            if regions.iter().any(|r| r.id == id) {
                problems.push(file.span(&spec.id.span(), format!("duplicate region id `{id}`")));
                continue;
            }
            // A region with no figure is listed as such: no `values` at all.
            let entries = match spec.values {
                Some(values) => {
                    let Some(entries) = map_entries(file, values, problems) else {
                        continue;
                    };
                    entries
                }
                None => Vec::new(),
            };
            let mut points = self.points(
                file,
                unit,
                entries,
                super::series::map_quotes(spec.quotes),
                spec.source_by_year,
                problems,
            );
            self.default_source(file, spec.source.as_ref(), &mut points);
            let mut bounds = self.bounds(
                file,
                unit,
                &points,
                &[],
                spec.bound.unwrap_or_default(),
                problems,
            );
            if let Some(source) = &spec.source {
                for bound in bounds.iter_mut().filter(|b| b.source.is_none()) {
                    bound.source = Some(source.get_ref().clone());
                }
            }
            regions.push(Region {
                id,
                name: Text::new(spec.name, spec.name_zh),
                home: spec.home,
                series: Series {
                    points,
                    bounds,
                    ..Series::default()
                },
            });
        }
        Some(Shape::Regions(regions))
    }
}
