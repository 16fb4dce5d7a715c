//! Single facts (`value`, `rank`, `change_pct`, `share_pct`, …), texts and breakdowns
//! (`[[part]]`), each with the quote its figures were read from.

use std::ops::Range;

use toml::Spanned;

use super::Builder;
use super::checks::{bilingual, finite};
use super::series::short;
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::{Fact, Part, Qualifier, Shape, Words};
use crate::data::quote;
use crate::data::schema::{IndicatorSpec, PartSpec};
use crate::data::units::{self, Unit};
use crate::text::Text;

/// The quote of a fact or text: required and not blank.
pub(super) fn required_quote(
    file: &SourceText,
    at: &Diagnostic,
    quote: Option<Spanned<String>>,
    problems: &mut Vec<Diagnostic>,
) -> String {
    match quote {
        Some(q) if !q.get_ref().trim().is_empty() => q.into_inner(),
        Some(q) => {
            problems.push(file.span(
                &q.span(),
                "`quote` is empty: give the words the figure was read from",
            ));
            String::new()
        }
        None => {
            problems.push(
                at.with("needs a `quote`: the sentence or table row its figures were read from"),
            );
            String::new()
        }
    }
}

/// Each number of a fact must be in its quote.
fn check_numbers(
    file: &SourceText,
    quote: &str,
    numbers: &[(&str, f64, &Unit, Range<usize>)],
    problems: &mut Vec<Diagnostic>,
) {
    if quote.is_empty() {
        return;
    }
    for (key, value, unit, span) in numbers {
        if !quote::holds(quote, *value, unit) {
            problems.push(file.span(
                span,
                format!(
                    "`{key}` {value} is not in the quote (as {}): \"{}\"",
                    quote::writings(*value, unit),
                    short(quote)
                ),
            ));
        }
    }
}

impl Builder {
    pub(super) fn parts_shape(
        &mut self,
        file: &SourceText,
        unit: Option<&Unit>,
        parts: Spanned<Vec<PartSpec>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Shape> {
        let (span, parts) = (parts.span(), parts.into_inner());
        if parts.is_empty() {
            problems.push(file.span(&span, "empty breakdown: `part` has no entries"));
            return None;
        }
        let before = problems.len();
        let pct = units::unit("pct")?;
        let parts: Vec<Part> = parts
            .into_iter()
            .map(|p| {
                let finite_value = finite(file, &p.value, problems);
                let value = finite_value.unwrap_or_default();
                let change_pct = p
                    .change_pct
                    .as_ref()
                    .and_then(|c| finite(file, c, problems));
                let share_pct = p.share_pct.as_ref().and_then(|c| finite(file, c, problems));
                let at = file.span(&p.value.span(), "");
                let quote = required_quote(file, &at, p.quote, problems);
                if let (Some(unit), Some(value)) = (unit, finite_value) {
                    let mut numbers = vec![("value", value, unit, p.value.span())];
                    if let (Some(c), Some(s)) = (change_pct, &p.change_pct) {
                        numbers.push(("change_pct", c, pct, s.span()));
                    }
                    if let (Some(c), Some(s)) = (share_pct, &p.share_pct) {
                        numbers.push(("share_pct", c, pct, s.span()));
                    }
                    check_numbers(file, &quote, &numbers, problems);
                }
                let source = p.source.map(|s| {
                    self.source_ref(file, &s);
                    s.into_inner()
                });
                Part {
                    name: Text::new(p.name, p.name_zh),
                    value,
                    qualifier: p.qualifier.unwrap_or_default(),
                    change_pct,
                    share_pct,
                    source,
                    quote,
                }
            })
            .collect();
        (problems.len() == before).then_some(Shape::Breakdown(parts))
    }
}

pub(super) fn text_shape(
    file: &SourceText,
    at: &Diagnostic,
    spec: &mut IndicatorSpec,
    problems: &mut Vec<Diagnostic>,
) -> Option<Shape> {
    let text = bilingual(at, "text", spec.text.take(), spec.text_zh.take(), problems)?;
    let quote = required_quote(file, at, spec.quote.take(), problems);
    Some(Shape::Text(Words { text, quote }))
}

pub(super) fn fact(
    file: &SourceText,
    at: &Diagnostic,
    unit: Option<&Unit>,
    spec: &mut IndicatorSpec,
    problems: &mut Vec<Diagnostic>,
) -> Fact {
    let num = |v: &Option<Spanned<f64>>, problems: &mut Vec<Diagnostic>| {
        v.as_ref().and_then(|v| finite(file, v, problems))
    };
    let rank = spec
        .rank
        .as_ref()
        .and_then(|r| match u32::try_from(*r.get_ref()) {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                problems.push(file.span(
                    &r.span(),
                    format!(
                        "`rank` must be a positive whole number, not {}",
                        r.get_ref()
                    ),
                ));
                None
            }
        });
    let rank_words = bilingual(
        at,
        "rank_words",
        spec.rank_words.take(),
        spec.rank_words_zh.take(),
        problems,
    );
    let change_label = bilingual(
        at,
        "change_label",
        spec.change_label.take(),
        spec.change_label_zh.take(),
        problems,
    );
    let share_label = bilingual(
        at,
        "share_label",
        spec.share_label.take(),
        spec.share_label_zh.take(),
        problems,
    );
    let quote = required_quote(file, at, spec.quote.take(), problems);
    let fact = Fact {
        value: num(&spec.value, problems),
        qualifier: spec.qualifier.unwrap_or_default(),
        baseline: num(&spec.baseline, problems),
        baseline_qualifier: spec.baseline_qualifier.unwrap_or(Qualifier::Exact),
        rank,
        rank_words,
        change_pct: num(&spec.change_pct, problems),
        change_qualifier: spec.change_qualifier.unwrap_or_default(),
        change_label,
        share_pct: num(&spec.share_pct, problems),
        share_qualifier: spec.share_qualifier.unwrap_or_default(),
        share_label,
        quote,
    };
    if let (Some(share), Some(span)) = (fact.share_pct, &spec.share_pct)
        && !(0.0..=100.0).contains(&share)
    {
        problems.push(file.span(
            &span.span(),
            format!("`share_pct` {share} is not between 0 and 100"),
        ));
    }
    if let (Some(unit), Some(pct), Some(count)) = (unit, units::unit("pct"), units::unit("count")) {
        let mut numbers = Vec::new();
        for (key, value, spanned, unit) in [
            ("value", fact.value, &spec.value, unit),
            ("baseline", fact.baseline, &spec.baseline, unit),
            ("change_pct", fact.change_pct, &spec.change_pct, pct),
            ("share_pct", fact.share_pct, &spec.share_pct, pct),
        ] {
            if let (Some(v), Some(s)) = (value, spanned) {
                numbers.push((key, v, unit, s.span()));
            }
        }
        if let (Some(r), Some(s)) = (fact.rank, &spec.rank) {
            numbers.push(("rank", f64::from(r), count, s.span()));
        }
        check_numbers(file, &fact.quote, &numbers, problems);
    }
    fact
}
