//! Reading data files: the embedded default dataset or a directory, and the TOML shapes
//! they are parsed into before validation.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::model::{Qualifier, View};
use super::validate::Diagnostic;

/// The name of the file that lists sources; every other `*.toml` file is one tab.
pub const SOURCES_FILE: &str = "sources.toml";

/// One data file's name and raw bytes (not yet known to be UTF-8).
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

impl DataFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Cow<'static, [u8]>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $name)))),*]
    };
}

/// The default dataset, compiled into the binary so `jx-dash` works from any directory.
const EMBEDDED: &[(&str, &[u8])] = embedded!(
    "sources.toml",
    "overview.toml",
    "growth.toml",
    "trade.toml",
    "innovation.toml",
    "livelihood.toml",
);

pub fn embedded_files() -> Vec<DataFile> {
    EMBEDDED
        .iter()
        .map(|&(name, bytes)| DataFile::new(format!("data/{name}"), bytes))
        .collect()
}

/// Reads every `*.toml` file of a directory, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<DataFile>, Vec<Diagnostic>> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![Diagnostic::file(
            &shown,
            format!("cannot read data directory: {e}"),
        )]
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml") && p.is_file())
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => files.push(DataFile::new(shown, bytes)),
            Err(e) => problems.push(Diagnostic::file(&shown, format!("cannot read file: {e}"))),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

// The TOML shapes. Every table denies unknown keys: a typo is an error, not a silent default.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TabSpec {
    pub id: Spanned<String>,
    pub title: String,
    pub title_zh: String,
    pub order: i64,
    /// Indicators defined in other files that this tab shows too.
    #[serde(default)]
    pub show: Vec<Spanned<String>>,
}

pub(super) type YearMap<T> = BTreeMap<Spanned<String>, Spanned<T>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IndicatorSpec {
    pub id: Spanned<String>,
    pub name: String,
    pub name_zh: String,
    /// Required except for text facts.
    pub unit: Option<Spanned<String>>,
    pub source: Spanned<String>,
    pub view: Option<View>,
    pub period: Option<String>,
    pub period_zh: Option<String>,
    pub note: Option<String>,
    pub note_zh: Option<String>,
    pub share_of: Option<Spanned<String>>,
    pub converts: Option<Spanned<String>>,
    // A yearly series. `values` is read straight from the parsed table (see `validate::series`);
    // it is declared here so that an unknown key's message lists it.
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
pub(super) struct PartSpec {
    pub name: String,
    pub name_zh: String,
    pub value: Spanned<f64>,
    pub qualifier: Option<Qualifier>,
    pub change_pct: Option<Spanned<f64>>,
    pub share_pct: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceSpec {
    pub id: Spanned<String>,
    pub title: String,
    pub publisher: String,
    pub date: Option<Spanned<toml::value::Datetime>>,
    pub url: Option<String>,
    pub vintage: Option<String>,
}
