//! The validated dataset: what the rest of the program reads. No TOML and no UI types here.
//!
//! Every stored number carries the words it was read from (`quote`) and names its source;
//! a series keeps one statistical base per stretch, and [`Break`]s mark where it changes.

mod series;

pub use series::{Bound, Break, Gap, Point, Series, Vintage};

use super::units::Unit;
use crate::text::{Lang, Text};

/// A fully validated dataset: tabs in display order, indicators, sources, dated events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub tabs: Vec<Tab>,
    pub indicators: Vec<Indicator>,
    pub sources: Vec<Source>,
    /// Dated events charts mark on their time axis, by date.
    pub events: Vec<Event>,
    /// Number of files the dataset was read from (including `sources.toml`).
    pub files: usize,
    /// Things worth saying that do not make the data invalid (a `*.toml` that is not a file).
    pub warnings: Vec<super::Diagnostic>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    pub id: String,
    pub title: Text,
    pub order: i64,
    /// What the keys move between, in order: indices into [`Dataset::indicators`], one per
    /// focus target of the panels (each tile, card and ranking; a chart or bars panel once).
    pub indicators: Vec<usize>,
    /// The tab's story, top to bottom.
    pub panels: Vec<Panel>,
}

/// A part of a tab's screen: a row of tiles, a chart, bars by year, cards, or rankings.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub kind: PanelKind,
    /// A heading for the section, when it needs one ("Earlier partial-year figures").
    pub title: Option<Text>,
    /// Indices into [`Dataset::indicators`].
    pub indicators: Vec<usize>,
    /// What a chart panel draws of its series (a share of China over time, say).
    pub view: View,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PanelKind {
    /// Headline tiles: the figure in large digits, its change and a sparkline.
    Tiles,
    /// One chart of all its series, with a legend and the dated events.
    Chart,
    /// Bars by year, a group per year of all its series.
    Bars,
    /// A grid of cards.
    Cards,
    /// Regions ranked by their figure of one year.
    Ranking,
}

impl PanelKind {
    /// The name the data files give it.
    pub fn name(self) -> &'static str {
        match self {
            PanelKind::Tiles => "tiles",
            PanelKind::Chart => "chart",
            PanelKind::Bars => "bars",
            PanelKind::Cards => "cards",
            PanelKind::Ranking => "ranking",
        }
    }

    /// Whether each indicator is a focus target of its own (else the panel is one).
    pub fn per_indicator(self) -> bool {
        matches!(
            self,
            PanelKind::Tiles | PanelKind::Cards | PanelKind::Ranking
        )
    }
}

/// What a series is shown as, like FRED's units menu. Each is derived in code and never
/// across a break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    #[default]
    Level,
    /// Change on the year before: percent for amounts, percentage points for rates.
    Change,
    /// First year of the stretch = 100.
    Index,
    /// Percent of the national total.
    Share,
    /// Per resident (divided by the year-end population).
    PerCapita,
}

impl Tab {
    /// The panel of a focus index, and the target's place within that panel.
    pub fn locate(&self, focus: usize) -> Option<(usize, usize)> {
        let mut start = 0;
        for (p, panel) in self.panels.iter().enumerate() {
            let targets = if panel.kind.per_indicator() {
                panel.indicators.len()
            } else {
                1
            };
            if focus < start + targets {
                return Some((p, focus - start));
            }
            start += targets;
        }
        None
    }

    /// The first focus index of panel `p`.
    pub fn first_target(&self, p: usize) -> usize {
        self.panels[..p]
            .iter()
            .map(|panel| {
                if panel.kind.per_indicator() {
                    panel.indicators.len()
                } else {
                    1
                }
            })
            .sum()
    }
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
    /// A shorter name where space is tight (tiles, legends); falls back to `name`.
    pub short: Option<Text>,
    pub unit: &'static Unit,
    /// Id of an entry of [`Dataset::sources`]; per-point overrides live in the series.
    pub source: String,
    pub period: Option<Text>,
    pub note: Option<Text>,
    /// Id of the national counterpart (China's GDP for Jiangxi's GDP): an amount's share of it
    /// is derived; a rate is shown beside it.
    pub national: Option<String>,
    /// Id of an indicator holding the same quantity in yuan, when this one is in US dollars.
    pub converts: Option<String>,
    /// Id of the series that states this one's official growth rate (real GDP growth for GDP).
    pub growth: Option<String>,
    /// A growth rate at constant prices (real), not at current prices (nominal).
    pub real: bool,
    /// Id of the year-end population of the same region: a total per resident is derived
    /// from it. Without it (China's totals, say) no per-resident view is offered.
    pub population: Option<String>,
    /// Id of the official per-capita series of this total (GDP per capita, on the average
    /// population): a per-resident view divided by the year-end population would contradict
    /// it, so none is offered.
    pub per_capita: Option<String>,
    /// Why the figure is in doubt, shown wherever the figure is ("would be 81% of all trade").
    pub caveat: Option<Text>,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Series(Series),
    Breakdown(Vec<Part>),
    Fact(Fact),
    Text(Words),
    /// The same quantity for several regions (the six central provinces), to rank by year.
    Regions(Vec<Region>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: Text,
    pub value: f64,
    pub qualifier: Qualifier,
    pub change_pct: Option<f64>,
    /// Share of the whole (e.g. of total trade in the same period), as the source states it.
    pub share_pct: Option<f64>,
    pub source: Option<String>,
    pub quote: String,
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
    /// The rank as the source words it ("6th nationwide", "列全国第17位").
    pub rank_words: Option<Text>,
    pub change_pct: Option<f64>,
    pub change_qualifier: Qualifier,
    /// What the change is measured against, in words: "y/y" / "同比".
    pub change_label: Option<Text>,
    pub share_pct: Option<f64>,
    pub share_qualifier: Qualifier,
    /// What the share is of, in words; `None`: of the national total. English follows the
    /// number ("80% of …"), Chinese leads it ("占…80%").
    pub share_label: Option<Text>,
    pub quote: String,
}

/// A fact in words (the pilot zone approved in April 2020), with the words it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    pub text: Text,
    pub quote: String,
}

/// One region's series in a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub id: String,
    pub name: Text,
    /// The region the dashboard is about (Jiangxi), highlighted in rankings.
    pub home: bool,
    pub series: Series,
}

/// A dated event to mark on charts.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub year: u16,
    /// 1–12 when the source gives the month.
    pub month: Option<u8>,
    pub label: Text,
    pub source: String,
    pub quote: String,
    /// The indicators whose charts mark it; empty: every chart.
    pub marks: Vec<String>,
}

impl Event {
    /// Whether a chart of these indicators marks the event.
    pub fn marks_any<'a>(&self, mut ids: impl Iterator<Item = &'a str>) -> bool {
        self.marks.is_empty() || ids.any(|id| self.marks.iter().any(|m| m == id))
    }

    /// The event's place on a yearly axis (April 2020 is 2020.25).
    pub fn position(&self) -> f64 {
        f64::from(self.year)
            + self
                .month
                .map_or(0.0, |m| f64::from(m.saturating_sub(1)) / 12.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: Text,
    /// The page's date as precise as the page gives it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// The original publisher the page reproduces, when the page is a reprint or an
    /// aggregator ("Jiangxi Provincial Bureau of Statistics"): named before the page.
    pub cites: Option<Text>,
    /// The address of the page the figures were read from.
    pub url: String,
    pub note: Option<String>,
}

impl Indicator {
    /// The short name if there is one, else the full name.
    pub fn short_name(&self) -> &Text {
        self.short.as_ref().unwrap_or(&self.name)
    }
}

impl Dataset {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The events a chart of these indicators marks.
    pub fn events_marking(&self, ids: &[&str]) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|e| e.marks_any(ids.iter().copied()))
            .collect()
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
        let (figures, quoted) = self.figure_count();
        format!(
            "ok: {origin}: {} files, {} tabs, {} indicators, {figures} figures ({quoted} quoted), {} sources, {} events ({:.1} ms)",
            self.files,
            self.tabs.len(),
            self.indicators.len(),
            self.sources.len(),
            self.events.len(),
            took.as_secs_f64() * 1000.0
        )
    }

    /// Number of figures (series points of every vintage, parts, facts, texts), and how many
    /// of them carry a quote.
    pub fn figure_count(&self) -> (usize, usize) {
        let mut figures = 0;
        let mut quoted = 0;
        let mut count = |quote: &str| {
            figures += 1;
            quoted += usize::from(!quote.trim().is_empty());
        };
        for indicator in &self.indicators {
            match &indicator.shape {
                Shape::Series(s) => {
                    s.all_points().for_each(|p| count(&p.quote));
                    s.bounds.iter().for_each(|b| count(&b.quote));
                }
                Shape::Regions(regions) => regions.iter().for_each(|r| {
                    r.series.all_points().for_each(|p| count(&p.quote));
                    r.series.bounds.iter().for_each(|b| count(&b.quote));
                }),
                Shape::Breakdown(parts) => parts.iter().for_each(|p| count(&p.quote)),
                Shape::Fact(f) => count(&f.quote),
                Shape::Text(w) => count(&w.quote),
            }
        }
        (figures, quoted)
    }
}
