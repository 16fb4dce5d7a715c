//! The validated dataset: what the rest of the program reads. No TOML and no UI types here.

use super::units::Unit;
use crate::text::{Lang, Text};

/// A fully validated dataset: tabs in display order, indicators, sources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub tabs: Vec<Tab>,
    pub indicators: Vec<Indicator>,
    pub sources: Vec<Source>,
    /// Number of files the dataset was read from (including `sources.toml`).
    pub files: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    pub id: String,
    pub title: Text,
    pub order: i64,
    /// Indices into [`Dataset::indicators`]: the tab's own indicators in file order, then those
    /// it borrows from other tabs through `show`.
    pub indicators: Vec<usize>,
}

/// A word that qualifies a figure as the source states it ("over 9 million t").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    #[default]
    Exact,
    About,
    Over,
    Under,
    Nearly,
}

impl Qualifier {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Qualifier::Exact, _) => "",
            (Qualifier::About, Lang::En) => "about ",
            (Qualifier::Over, Lang::En) => "over ",
            (Qualifier::Under, Lang::En) => "under ",
            (Qualifier::Nearly, Lang::En) => "nearly ",
            (Qualifier::About, Lang::Zh) => "约",
            (Qualifier::Over, Lang::Zh) => "超",
            (Qualifier::Under, Lang::Zh) => "不到",
            (Qualifier::Nearly, Lang::Zh) => "近",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub name: Text,
    pub unit: &'static Unit,
    /// Id of an entry of [`Dataset::sources`]; per-point overrides live in the series.
    pub source: String,
    pub period: Option<Text>,
    pub note: Option<Text>,
    /// Id of a national total (another indicator) this one is a share of.
    pub share_of: Option<String>,
    /// Id of an indicator holding the same quantity in yuan, when this one is in US dollars.
    pub converts: Option<String>,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Series(Series),
    Breakdown(Vec<Part>),
    Fact(Fact),
    Text(Text),
}

/// A yearly series; missing years are gaps and stay gaps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Sorted by year, no duplicates.
    pub points: Vec<Point>,
    /// The series is not comparable across this year (e.g. a census revision starts here).
    pub break_year: Option<u16>,
    /// The year shown as the headline figure; `None` means the latest point.
    pub highlight: Option<u16>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub year: u16,
    pub value: f64,
    /// Source of this point when it differs from the indicator's.
    pub source: Option<String>,
}

impl Series {
    pub fn get(&self, year: u16) -> Option<f64> {
        self.points.iter().find(|p| p.year == year).map(|p| p.value)
    }

    /// The headline point: the highlighted year, else the latest.
    pub fn headline(&self) -> Option<&Point> {
        self.highlight
            .and_then(|y| self.points.iter().find(|p| p.year == y))
            .or_else(|| self.points.last())
    }

    pub fn first(&self) -> Option<&Point> {
        self.points.first()
    }

    pub fn last(&self) -> Option<&Point> {
        self.points.last()
    }

    /// Every year from the first to the last point, `None` where the series has a gap.
    pub fn with_gaps(&self) -> Vec<(u16, Option<f64>)> {
        let (Some(first), Some(last)) = (self.first(), self.last()) else {
            return Vec::new();
        };
        (first.year..=last.year).map(|y| (y, self.get(y))).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: Text,
    pub value: f64,
    pub qualifier: Qualifier,
    pub change_pct: Option<f64>,
    /// Share of the whole (e.g. of total trade in the same period), as the source states it.
    pub share_pct: Option<f64>,
}

/// A single stated fact: a value, a rank, a change, a share, or several of these.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fact {
    pub value: Option<f64>,
    pub qualifier: Qualifier,
    /// The earlier value the fact is measured against ("from 70 hours").
    pub baseline: Option<f64>,
    pub baseline_qualifier: Qualifier,
    pub rank: Option<u32>,
    pub rank_of: Option<u32>,
    pub change_pct: Option<f64>,
    pub change_qualifier: Qualifier,
    pub share_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// ISO date (`YYYY-MM-DD`), when the source has one.
    pub date: Option<String>,
    pub url: Option<String>,
    pub vintage: Option<String>,
}

impl Dataset {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn tab_index(&self, id: &str) -> Option<usize> {
        self.tabs.iter().position(|t| t.id == id)
    }

    /// What `jx-dash check` says of valid data read from `dir` (the built-in data if `None`).
    pub fn summary(&self, dir: Option<&std::path::Path>, took: std::time::Duration) -> String {
        let origin = dir.map_or_else(|| "built-in data".to_string(), |d| d.display().to_string());
        format!(
            "ok: {origin}: {} files, {} tabs, {} indicators, {} figures, {} sources ({:.1} ms)",
            self.files,
            self.tabs.len(),
            self.indicators.len(),
            self.point_count(),
            self.sources.len(),
            took.as_secs_f64() * 1000.0
        )
    }

    /// Number of figures: series points, breakdown parts and facts.
    pub fn point_count(&self) -> usize {
        self.indicators
            .iter()
            .map(|i| match &i.shape {
                Shape::Series(s) => s.points.len(),
                Shape::Breakdown(parts) => parts.len(),
                Shape::Fact(_) | Shape::Text(_) => 1,
            })
            .sum()
    }
}
