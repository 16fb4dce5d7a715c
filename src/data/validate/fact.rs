//! Single facts (`value`, `rank`, `change_pct`, `share_pct`, …) and breakdowns (`[[part]]`).

use toml::Spanned;

use super::checks::finite;
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::{Fact, Part, Qualifier, Shape};
use crate::data::schema::{IndicatorSpec, PartSpec};
use crate::text::Text;

pub(super) fn parts_shape(
    file: &SourceText,
    parts: Spanned<Vec<PartSpec>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Shape> {
    let (span, parts) = (parts.span(), parts.into_inner());
    if parts.is_empty() {
        problems.push(file.span(&span, "empty breakdown: `part` has no entries"));
        return None;
    }
    let before = problems.len();
    let parts: Vec<Part> = parts
        .into_iter()
        .map(|p| {
            let value = finite(file, &p.value, problems).unwrap_or_default();
            let change_pct = p
                .change_pct
                .as_ref()
                .and_then(|c| finite(file, c, problems));
            let share_pct = p.share_pct.as_ref().and_then(|c| finite(file, c, problems));
            Part {
                name: Text::new(p.name, p.name_zh),
                value,
                qualifier: p.qualifier.unwrap_or_default(),
                change_pct,
                share_pct,
            }
        })
        .collect();
    (problems.len() == before).then_some(Shape::Breakdown(parts))
}

pub(super) fn fact(
    file: &SourceText,
    spec: &IndicatorSpec,
    problems: &mut Vec<Diagnostic>,
) -> Fact {
    let num = |v: &Option<Spanned<f64>>, problems: &mut Vec<Diagnostic>| {
        v.as_ref().and_then(|v| finite(file, v, problems))
    };
    let rank = |v: &Option<Spanned<i64>>, key: &str, problems: &mut Vec<Diagnostic>| {
        v.as_ref().and_then(|r| match u32::try_from(*r.get_ref()) {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                problems.push(file.span(
                    &r.span(),
                    format!(
                        "`{key}` must be a positive whole number, not {}",
                        r.get_ref()
                    ),
                ));
                None
            }
        })
    };
    let fact = Fact {
        value: num(&spec.value, problems),
        qualifier: spec.qualifier.unwrap_or_default(),
        baseline: num(&spec.baseline, problems),
        baseline_qualifier: spec.baseline_qualifier.unwrap_or(Qualifier::Exact),
        rank: rank(&spec.rank, "rank", problems),
        rank_of: rank(&spec.rank_of, "rank_of", problems),
        change_pct: num(&spec.change_pct, problems),
        change_qualifier: spec.change_qualifier.unwrap_or_default(),
        share_pct: num(&spec.share_pct, problems),
    };
    if let (Some(rank), Some(of), Some(span)) = (fact.rank, fact.rank_of, &spec.rank)
        && rank > of
    {
        problems.push(file.span(
            &span.span(),
            format!("`rank` {rank} is greater than `rank_of` {of}"),
        ));
    }
    if let (Some(share), Some(span)) = (fact.share_pct, &spec.share_pct)
        && !(0.0..=100.0).contains(&share)
    {
        problems.push(file.span(
            &span.span(),
            format!("`share_pct` {share} is not between 0 and 100"),
        ));
    }
    if let (Some(r), None) = (&spec.rank_of, &spec.rank) {
        problems.push(file.span(&r.span(), "`rank_of` without `rank`"));
    }
    fact
}
