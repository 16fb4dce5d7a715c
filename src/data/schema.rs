//! The TOML shapes data files are parsed into before validation. Every table denies unknown
//! keys: a typo is an error, not a silent default.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::{PanelKind, Qualifier, View};

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
    /// The tab's story, top to bottom; the tab's own indicators that no panel names follow as
    /// cards. Without panels, everything is cards.
    #[serde(default)]
    pub panel: Vec<PanelSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PanelSpec {
    pub kind: Spanned<PanelKind>,
    pub show: Spanned<Vec<Spanned<String>>>,
    pub title: Option<String>,
    pub title_zh: Option<String>,
    #[serde(default)]
    pub view: View,
}

/// `year = …` tables (`quotes`, `source_by_year`, …); keys stay strings until validated as
/// years.
pub(crate) type YearMap<T> = BTreeMap<Spanned<String>, Spanned<T>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndicatorSpec {
    pub id: Spanned<String>,
    pub name: String,
    pub name_zh: String,
    /// A shorter name for tiles and chart legends (`GDP`, `Trade`).
    pub short: Option<String>,
    pub short_zh: Option<String>,
    /// Required except for text facts.
    pub unit: Option<Spanned<String>>,
    pub source: Spanned<String>,
    pub period: Option<String>,
    pub period_zh: Option<String>,
    pub note: Option<String>,
    pub note_zh: Option<String>,
    pub national: Option<Spanned<String>>,
    pub converts: Option<Spanned<String>>,
    pub growth: Option<Spanned<String>>,
    /// A growth rate at constant prices.
    #[serde(default)]
    pub real: bool,
    /// The year-end population of the same region, for per-resident figures.
    pub population: Option<Spanned<String>>,
    /// The official per-capita series of this total (GDP per capita beside GDP).
    pub per_capita: Option<Spanned<String>>,
    /// Why the figure is in doubt (`caveat_zh` too): shown wherever the figure is.
    pub caveat: Option<String>,
    pub caveat_zh: Option<String>,
    /// The words a fact or a text was read from.
    pub quote: Option<Spanned<String>>,
    // A yearly series. `values` and `quotes` are read straight from the parsed table (see
    // `validate::series`): they are declared here so that an unknown key's message lists them.
    #[allow(dead_code)]
    pub values: Option<serde::de::IgnoredAny>,
    #[allow(dead_code)]
    pub quotes: Option<serde::de::IgnoredAny>,
    pub source_by_year: Option<YearMap<String>>,
    /// The statistical base of every point (`4th-census`), and per-year exceptions: where
    /// two neighbouring years differ, the series must declare a `[[indicator.break]]`.
    pub base: Option<String>,
    pub base_by_year: Option<YearMap<String>>,
    /// The year shown as the series' headline figure (default: the latest).
    pub highlight: Option<Spanned<i64>>,
    #[serde(rename = "break")]
    pub breaks: Option<Vec<BreakSpec>>,
    pub history: Option<Vec<HistorySpec>>,
    pub gaps: Option<YearMap<String>>,
    pub gaps_zh: Option<YearMap<String>>,
    /// Years stated only as a bound ("突破3.6万亿元").
    pub bound: Option<Vec<BoundSpec>>,
    // A single fact.
    pub value: Option<Spanned<f64>>,
    pub qualifier: Option<Qualifier>,
    pub baseline: Option<Spanned<f64>>,
    pub baseline_qualifier: Option<Qualifier>,
    pub rank: Option<Spanned<i64>>,
    pub rank_words: Option<String>,
    pub rank_words_zh: Option<String>,
    pub change_pct: Option<Spanned<f64>>,
    pub change_qualifier: Option<Qualifier>,
    pub change_label: Option<String>,
    pub change_label_zh: Option<String>,
    pub share_pct: Option<Spanned<f64>>,
    pub share_qualifier: Option<Qualifier>,
    /// What the share is of, in words (default: of the national total): "of general budget
    /// spending each year" / "每年占一般公共预算支出".
    pub share_label: Option<String>,
    pub share_label_zh: Option<String>,
    // A breakdown.
    pub part: Option<Spanned<Vec<PartSpec>>>,
    // A text fact.
    pub text: Option<String>,
    pub text_zh: Option<String>,
    // A comparison of regions.
    pub region: Option<Spanned<Vec<RegionSpec>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BreakSpec {
    pub year: Spanned<i64>,
    pub reason: String,
    pub reason_zh: String,
}

/// A year stated only as a bound: `[[indicator.bound]]` (or `[[indicator.region.bound]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BoundSpec {
    pub year: Spanned<i64>,
    pub value: Spanned<f64>,
    /// about | over | under | nearly
    pub qualifier: Spanned<Qualifier>,
    pub source: Option<Spanned<String>>,
    pub quote: Spanned<String>,
}

/// An earlier release of a series' figures.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HistorySpec {
    pub label: String,
    pub label_zh: String,
    /// Default source of its points (default: the indicator's).
    pub source: Option<Spanned<String>>,
    pub values: Spanned<YearMap<f64>>,
    pub quotes: Option<Spanned<YearMap<String>>>,
    pub source_by_year: Option<YearMap<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegionSpec {
    pub id: Spanned<String>,
    pub name: String,
    pub name_zh: String,
    #[serde(default)]
    pub home: bool,
    pub source: Option<Spanned<String>>,
    /// Absent for a region with no figure found: it is listed as such, never left out.
    pub values: Option<Spanned<YearMap<f64>>>,
    pub quotes: Option<Spanned<YearMap<String>>>,
    pub source_by_year: Option<YearMap<String>>,
    pub bound: Option<Vec<BoundSpec>>,
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
    pub source: Option<Spanned<String>>,
    pub quote: Option<Spanned<String>>,
}

/// A date as precise as a page gives it: a TOML date, or `"2020-04"` / `"2020"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum DateSpec {
    Date(toml::value::Datetime),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceSpec {
    pub id: Spanned<String>,
    pub title: String,
    pub publisher: String,
    pub publisher_zh: String,
    pub date: Option<Spanned<DateSpec>>,
    pub url: Option<Spanned<String>>,
    /// The original publisher a reprint or aggregator page reproduces (`cites_zh` too).
    pub cites: Option<String>,
    pub cites_zh: Option<String>,
    pub note: Option<String>,
}

/// A dated event for charts: `[[event]]` in any tab file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventSpec {
    pub date: Spanned<DateSpec>,
    pub label: String,
    pub label_zh: String,
    pub source: Spanned<String>,
    pub quote: Spanned<String>,
    /// Ids of the indicators whose charts mark the event; absent: every chart.
    pub marks: Option<Vec<Spanned<String>>>,
}
