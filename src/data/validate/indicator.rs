//! An `[[indicator]]` table: its common keys, and which figure it gives.

use std::ops::Range;

use toml::Spanned;

use super::Builder;
use super::checks::Reference;
use super::checks::{bilingual, check_id, require_text};
use super::fact::{fact, text_shape};
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::{Indicator, Shape};
use crate::data::schema::IndicatorSpec;
use crate::data::units::{self, Unit};
use crate::text::Text;

/// The figure an indicator gives, told by the keys it has: exactly one must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figure {
    Series,
    Breakdown,
    Text,
    Fact,
    Regions,
}

impl Figure {
    const ALL: [Figure; 5] = [
        Figure::Series,
        Figure::Breakdown,
        Figure::Text,
        Figure::Fact,
        Figure::Regions,
    ];

    /// The keys that give this figure, as messages name them.
    fn keys(self) -> &'static str {
        match self {
            Figure::Series => "`values`",
            Figure::Breakdown => "`part`",
            Figure::Text => "`text`",
            Figure::Fact => "`value/rank/change_pct/share_pct`",
            Figure::Regions => "`region`",
        }
    }

    /// What a key that needs this figure says it belongs to.
    fn owner(self) -> &'static str {
        match self {
            Figure::Series => "`values`",
            Figure::Breakdown => "`part`",
            Figure::Text => "`text`",
            Figure::Fact => "a single fact",
            Figure::Regions => "`region`",
        }
    }

    fn given_by(self, spec: &IndicatorSpec, has_values: bool) -> bool {
        match self {
            Figure::Series => has_values,
            Figure::Breakdown => spec.part.is_some(),
            Figure::Text => spec.text.is_some(),
            Figure::Regions => spec.region.is_some(),
            Figure::Fact => {
                spec.value.is_some()
                    || spec.rank.is_some()
                    || spec.change_pct.is_some()
                    || spec.share_pct.is_some()
            }
        }
    }
}

/// Keys that only make sense with some figures, and whether `spec` has each.
fn figure_keys(
    spec: &IndicatorSpec,
    has_quotes: bool,
) -> [(&'static str, &'static [Figure], bool); 21] {
    use Figure::{Fact, Series, Text};
    [
        ("quotes", &[Series], has_quotes),
        ("source_by_year", &[Series], spec.source_by_year.is_some()),
        ("base", &[Series], spec.base.is_some()),
        ("base_by_year", &[Series], spec.base_by_year.is_some()),
        ("break", &[Series], spec.breaks.is_some()),
        ("highlight", &[Series], spec.highlight.is_some()),
        ("bound", &[Series], spec.bound.is_some()),
        ("population", &[Series], spec.population.is_some()),
        ("per_capita", &[Series], spec.per_capita.is_some()),
        ("history", &[Series], spec.history.is_some()),
        (
            "gaps",
            &[Series],
            spec.gaps.is_some() || spec.gaps_zh.is_some(),
        ),
        ("text_zh", &[Text], spec.text_zh.is_some()),
        ("quote", &[Fact, Text], spec.quote.is_some()),
        ("qualifier", &[Fact], spec.qualifier.is_some()),
        ("baseline", &[Fact], spec.baseline.is_some()),
        (
            "baseline_qualifier",
            &[Fact],
            spec.baseline_qualifier.is_some(),
        ),
        ("change_qualifier", &[Fact], spec.change_qualifier.is_some()),
        (
            "rank_words",
            &[Fact],
            spec.rank_words.is_some() || spec.rank_words_zh.is_some(),
        ),
        (
            "change_label",
            &[Fact],
            spec.change_label.is_some() || spec.change_label_zh.is_some(),
        ),
        ("share_qualifier", &[Fact], spec.share_qualifier.is_some()),
        (
            "share_label",
            &[Fact],
            spec.share_label.is_some() || spec.share_label_zh.is_some(),
        ),
    ]
}

impl Builder {
    pub(super) fn indicator(
        &mut self,
        file: &SourceText,
        span: &Range<usize>,
        mut spec: IndicatorSpec,
        raw: super::series::Raw<'_>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Indicator> {
        let before = problems.len();
        let at = &file.span(span, "");
        let id = spec.id.get_ref().clone();
        check_id(
            file,
            &spec.id,
            "indicator",
            &mut self.indicator_ids,
            problems,
        );
        require_text(at, "name", &spec.name, problems);
        require_text(at, "name_zh", &spec.name_zh, problems);
        let unit = unit(file, at, &spec, problems);
        self.source_ref(file, &spec.source);
        let period = bilingual(
            at,
            "period",
            spec.period.take(),
            spec.period_zh.take(),
            problems,
        );
        let short = bilingual(
            at,
            "short",
            spec.short.take(),
            spec.short_zh.take(),
            problems,
        );
        let note = spec.note.take().map(|en| {
            let zh = spec.note_zh.take().unwrap_or_else(|| en.clone());
            Text::new(en, zh)
        });
        let caveat = bilingual(
            at,
            "caveat",
            spec.caveat.take(),
            spec.caveat_zh.take(),
            problems,
        );
        let (national, growth, per_capita) = self.links(file, &id, &spec);

        let given: Vec<Figure> = Figure::ALL
            .into_iter()
            .filter(|f| f.given_by(&spec, raw.values.is_some()))
            .collect();
        let shape = match given.as_slice() {
            [] => {
                problems.push(file.span(
                    span,
                    format!(
                        "indicator `{id}` has no figure: give `values`, `part`, `text`, or a `value`, `rank`, `change_pct` or `share_pct`"
                    ),
                ));
                None
            }
            &[figure] => {
                for (key, owners, present) in figure_keys(&spec, raw.quotes.is_some()) {
                    if present && !owners.contains(&figure) {
                        let owners: Vec<&str> = owners.iter().map(|o| o.owner()).collect();
                        problems.push(at.with(format!(
                            "`{key}` only applies to {}, which indicator `{id}` does not have",
                            owners.join(" or ")
                        )));
                    }
                }
                self.shape(file, at, unit, figure, &mut spec, raw, problems)
            }
            several => {
                let keys: Vec<&str> = several.iter().map(|f| f.keys()).collect();
                problems.push(file.span(
                    span,
                    format!(
                        "indicator `{id}` mixes {}: an indicator is one series, breakdown, fact or text",
                        keys.join(" and ")
                    ),
                ));
                None
            }
        };
        if problems.len() > before {
            return None;
        }
        Some(Indicator {
            id,
            name: Text::new(spec.name, spec.name_zh),
            short,
            unit: unit?,
            source: spec.source.into_inner(),
            period,
            note,
            national,
            converts: spec.converts.map(Spanned::into_inner),
            growth,
            real: spec.real,
            population: spec.population.map(Spanned::into_inner),
            per_capita,
            caveat,
            shape: shape?,
        })
    }

    /// The ids an indicator names (`national`, `growth`, `per_capita`, `population`,
    /// `converts`), resolved once every file is read; the first three are kept as they are.
    fn links(
        &mut self,
        file: &SourceText,
        id: &str,
        spec: &IndicatorSpec,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let national = spec.national.as_ref().map(|r| self.indicator_ref(file, r));
        let growth = spec.growth.as_ref().map(|r| self.indicator_ref(file, r));
        let per_capita = spec
            .per_capita
            .as_ref()
            .map(|r| self.indicator_ref(file, r));
        if let Some(population) = &spec.population {
            let reference = Reference::new("indicator", file, population);
            self.populations.push((id.to_string(), reference));
        }
        if let Some(converts) = &spec.converts {
            let reference = Reference::new("indicator", file, converts);
            self.conversions.push((id.to_string(), reference));
        }
        (national, growth, per_capita)
    }

    #[allow(clippy::too_many_arguments)] // the pieces an indicator's figure is built from
    fn shape(
        &mut self,
        file: &SourceText,
        at: &Diagnostic,
        unit: Option<&'static Unit>,
        figure: Figure,
        spec: &mut IndicatorSpec,
        raw: super::series::Raw<'_>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Shape> {
        match figure {
            Figure::Series => {
                let values = raw.values?;
                let quotes = super::series::raw_quotes(file, raw.quotes, problems);
                self.series(file, unit, values, quotes, spec, problems)
                    .map(Shape::Series)
            }
            Figure::Breakdown => self.parts_shape(file, unit, spec.part.take()?, problems),
            Figure::Text => text_shape(file, at, spec, problems),
            Figure::Fact => Some(Shape::Fact(fact(file, at, unit, spec, problems))),
            Figure::Regions => self.regions(file, unit, spec.region.take()?, problems),
        }
    }
}

/// The indicator's unit; a text fact needs none.
fn unit(
    file: &SourceText,
    at: &Diagnostic,
    spec: &IndicatorSpec,
    problems: &mut Vec<Diagnostic>,
) -> Option<&'static Unit> {
    match &spec.unit {
        Some(name) => {
            let unit = units::unit(name.get_ref());
            if unit.is_none() {
                problems.push(file.span(
                    &name.span(),
                    format!(
                        "unknown unit `{}`, expected one of: {}",
                        name.get_ref(),
                        units::unit_ids()
                    ),
                ));
            }
            unit
        }
        None if spec.text.is_some() => units::unit("count"),
        None => {
            problems.push(at.with(format!("indicator `{}` needs a `unit`", spec.id.get_ref())));
            None
        }
    }
}
