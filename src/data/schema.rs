//! The TOML shapes data files are parsed into before validation. Every table denies unknown
//! keys: a typo is an error, not a silent default.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::Qualifier;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TabSpec {
    pub id: Spanned<String>,
    pub title: String,
    pub title_zh: String,
    pub order: i64,
    /// Indicators defined in other files that this tab shows too.
    #[serde(default)]
    pub show: Vec<Spanned<String>>,
}

/// `year = value` tables (`source_by_year`); keys stay strings until validated as years.
pub(crate) type YearMap<T> = BTreeMap<Spanned<String>, Spanned<T>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndicatorSpec {
    pub id: Spanned<String>,
    pub name: String,
    pub name_zh: String,
    /// Required except for text facts.
    pub unit: Option<Spanned<String>>,
    pub source: Spanned<String>,
    pub period: Option<String>,
    pub period_zh: Option<String>,
    pub note: Option<String>,
    pub note_zh: Option<String>,
    pub share_of: Option<Spanned<String>>,
    pub converts: Option<Spanned<String>>,
    // A yearly series. `values` is read straight from the parsed table (see
    // `validate::series`); it is declared here so that an unknown key's message lists it.
    #[allow(dead_code)]
    pub values: Option<serde::de::IgnoredAny>,
    pub source_by_year: Option<YearMap<String>>,
    pub break_year: Option<Spanned<i64>>,
    /// The year shown as the series' headline figure (default: the latest).
    pub highlight: Option<Spanned<i64>>,
    // A single fact.
    pub value: Option<Spanned<f64>>,
    pub qualifier: Option<Qualifier>,
    pub baseline: Option<Spanned<f64>>,
    pub baseline_qualifier: Option<Qualifier>,
    pub rank: Option<Spanned<i64>>,
    pub rank_of: Option<Spanned<i64>>,
    pub change_pct: Option<Spanned<f64>>,
    pub change_qualifier: Option<Qualifier>,
    pub share_pct: Option<Spanned<f64>>,
    // A breakdown.
    pub part: Option<Spanned<Vec<PartSpec>>>,
    // A text fact.
    pub text: Option<String>,
    pub text_zh: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartSpec {
    pub name: String,
    pub name_zh: String,
    pub value: Spanned<f64>,
    pub qualifier: Option<Qualifier>,
    pub change_pct: Option<Spanned<f64>>,
    pub share_pct: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceSpec {
    pub id: Spanned<String>,
    pub title: String,
    pub publisher: String,
    pub date: Option<Spanned<toml::value::Datetime>>,
    pub url: Option<String>,
    pub vintage: Option<String>,
}
