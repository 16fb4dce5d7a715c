//! View strings: every view of the dashboard as a short printable string,
//! `TAB[/INDICATOR][/zoom][/VIEW][/YEAR][/usd]`, e.g. `trade/foreign-trade/zoom/share/2024`.
//! `--view` starts there, `serve` takes one as the SSH command, agenda steps are written in
//! them, and `v` shows the current one. [`App::place`] prints, [`Place::parse`] reads, and
//! [`App::go`] goes there; parsing what was printed gives the same view back.

use std::fmt;

use super::{App, Currency};
use crate::data::Dataset;
use crate::data::model::{PanelKind, View};

/// A view of the dashboard: what followers and agenda steps show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// Index into the dataset's tabs.
    pub tab: usize,
    /// The focus target, within the tab.
    pub focus: usize,
    pub zoomed: bool,
    /// Which series of a chart the zoom leads with.
    pub series: usize,
    /// The view of the focused series, when it is not the panel's own.
    pub view: Option<View>,
    /// The rankings' year, on a tab with rankings.
    pub year: Option<u16>,
    pub currency: Currency,
}

/// Why a view string names no view of the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    #[error("empty view string; expected TAB[/INDICATOR][/zoom][/VIEW][/YEAR][/usd]")]
    Empty,
    #[error("unknown tab `{name}`; the tabs are {known}")]
    Tab { name: String, known: String },
    #[error("`{name}` is not shown on tab `{tab}`; it shows {known}")]
    Indicator {
        name: String,
        tab: String,
        known: String,
    },
    #[error("`{0}` given twice")]
    Twice(String),
    #[error("view `{view}` does not apply to `{indicator}`{why}; it offers {offered}")]
    View {
        view: String,
        indicator: String,
        why: String,
        offered: String,
    },
    #[error("tab `{tab}` has no rankings, so no year `{year}`")]
    NoRankings { tab: String, year: u16 },
    #[error("the rankings of tab `{tab}` have no year {year}; they have {known}")]
    Year {
        tab: String,
        year: u16,
        known: String,
    },
    #[error("the data has no exchange rates, so no `usd`")]
    NoRates,
}

/// The name a view has in a view string.
pub fn view_word(view: View) -> &'static str {
    match view {
        View::Level => "level",
        View::Change => "change",
        View::Index => "index",
        View::Share => "share",
        View::PerCapita => "per-capita",
    }
}

/// The views' names in view strings, in `t` order.
pub const VIEW_WORDS: [&str; 5] = ["level", "change", "index", "share", "per-capita"];

const VIEWS: [View; 5] = [
    View::Level,
    View::Change,
    View::Index,
    View::Share,
    View::PerCapita,
];

impl Place {
    /// Reads a view string against the data.
    pub fn parse(text: &str, dataset: &Dataset) -> Result<Self, PlaceError> {
        let mut parts = text.trim().trim_matches('/').split('/');
        let tab_name = parts
            .next()
            .filter(|s| !s.is_empty())
            .ok_or(PlaceError::Empty)?;
        let tab = find_tab(dataset, tab_name)?;
        let mut place = Place {
            tab,
            focus: 0,
            zoomed: false,
            series: 0,
            view: None,
            year: None,
            currency: Currency::Yuan,
        };
        let mut indicator: Option<usize> = None;
        let mut seen: Vec<&str> = Vec::new();
        for part in parts {
            let kind = if part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()) {
                "year"
            } else if VIEWS.iter().any(|v| view_word(*v) == part) {
                "view"
            } else if matches!(part, "usd" | "yuan") {
                "currency"
            } else if part == "zoom" {
                "zoom"
            } else {
                "indicator"
            };
            if seen.contains(&kind) {
                return Err(PlaceError::Twice(kind.into()));
            }
            seen.push(kind);
            match kind {
                "year" => place.year = part.parse().ok(),
                "view" => place.view = VIEWS.iter().copied().find(|v| view_word(*v) == part),
                "currency" if part == "usd" => place.currency = Currency::Usd,
                "zoom" => place.zoomed = true,
                "indicator" => indicator = Some(locate(dataset, tab, part, &mut place)?),
                _ => {}
            }
        }
        // In a chart's zoom the series leads; outside the zoom the chart is one target.
        if !place.zoomed {
            place.series = 0;
        }
        place.check(dataset, indicator)?;
        // The panel's own view is no view of its own: `trade/foreign-trade/share` is the same
        // place as `trade/foreign-trade` where the panel shows shares.
        if place.view.is_some() && place.view == default_view(dataset, place.tab, place.focus) {
            place.view = None;
        }
        Ok(place)
    }

    /// The view, year and currency apply to the figure and tab.
    fn check(&self, dataset: &Dataset, indicator: Option<usize>) -> Result<(), PlaceError> {
        let tab = &dataset.tabs[self.tab];
        if let Some(view) = self.view {
            let focused = indicator.or_else(|| focused_index(dataset, self));
            if let Some(figure) = focused.and_then(|i| dataset.indicators.get(i)) {
                let offered = dataset.views_of(figure);
                if !offered.contains(&view) {
                    let why = dataset
                        .views_refused(figure)
                        .into_iter()
                        .find(|(v, _)| *v == view)
                        .map(|(_, why)| format!(" ({})", why.en))
                        .unwrap_or_default();
                    let names: Vec<&str> = offered.iter().map(|v| view_word(*v)).collect();
                    return Err(PlaceError::View {
                        view: view_word(view).into(),
                        indicator: figure.id.clone(),
                        why,
                        offered: names.join(", "),
                    });
                }
            }
        }
        if let Some(year) = self.year {
            if !tab.panels.iter().any(|p| p.kind == PanelKind::Ranking) {
                return Err(PlaceError::NoRankings {
                    tab: tab.id.clone(),
                    year,
                });
            }
            let mut app = App::new(dataset.clone());
            app.tab = self.tab;
            let years = app.ranking_years();
            if !years.contains(&year) {
                let known: Vec<String> = years.iter().map(u16::to_string).collect();
                return Err(PlaceError::Year {
                    tab: tab.id.clone(),
                    year,
                    known: known.join(", "),
                });
            }
        }
        if self.currency == Currency::Usd && dataset.usd_rates().is_none() {
            return Err(PlaceError::NoRates);
        }
        Ok(())
    }
}

/// The indicator a place focuses: the target's, or in a chart's zoom the series it leads with.
fn focused_index(dataset: &Dataset, place: &Place) -> Option<usize> {
    let tab = dataset.tabs.get(place.tab)?;
    match tab.locate(place.focus) {
        Some((p, _)) if place.series > 0 => tab.panels[p].indicators.get(place.series).copied(),
        _ => tab.indicators.get(place.focus).copied(),
    }
}

/// The view a focus target shows when `t` chose none: a chart panel's own, else the level.
fn default_view(dataset: &Dataset, tab: usize, focus: usize) -> Option<View> {
    let tab = dataset.tabs.get(tab)?;
    let (p, _) = tab.locate(focus)?;
    let panel = &tab.panels[p];
    Some(if panel.kind.per_indicator() {
        View::Level
    } else {
        panel.view
    })
}

fn find_tab(dataset: &Dataset, name: &str) -> Result<usize, PlaceError> {
    let by_number = name
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=dataset.tabs.len()).contains(n))
        .map(|n| n - 1);
    by_number
        .or_else(|| dataset.tab_index(&name.to_ascii_lowercase()))
        .ok_or_else(|| {
            let known: Vec<&str> = dataset.tabs.iter().map(|t| t.id.as_str()).collect();
            PlaceError::Tab {
                name: name.into(),
                known: known.join(", "),
            }
        })
}

/// One place a tab shows an indicator: as a focus target, or as a series of a chart.
struct Shown {
    indicator: usize,
    kind: PanelKind,
    focus: usize,
    series: usize,
}

/// Every place tab `tab` shows an indicator, in the order of its panels.
fn shown(dataset: &Dataset, tab: usize) -> Vec<Shown> {
    let t = &dataset.tabs[tab];
    let mut all = Vec::new();
    for (p, panel) in t.panels.iter().enumerate() {
        let first = t.first_target(p);
        for (within, &indicator) in panel.indicators.iter().enumerate() {
            let (focus, series) = if panel.kind.per_indicator() {
                (first + within, 0)
            } else {
                (first, within)
            };
            all.push(Shown {
                indicator,
                kind: panel.kind,
                focus,
                series,
            });
        }
    }
    all
}

/// The focus target (and a chart's series) that `ID[@KIND[N]]` names on tab `tab`: the
/// indicator's first place on the tab, or its N-th in a panel of that kind; returns the
/// indicator's index.
fn locate(
    dataset: &Dataset,
    tab: usize,
    name: &str,
    place: &mut Place,
) -> Result<usize, PlaceError> {
    let (id, qualifier) = name.split_once('@').unwrap_or((name, ""));
    let digits = qualifier.trim_start_matches(|c: char| !c.is_ascii_digit());
    let kind = &qualifier[..qualifier.len() - digits.len()];
    let nth = digits.parse::<usize>().unwrap_or(1).max(1);
    let all = shown(dataset, tab);
    let found = all
        .iter()
        .filter(|s| dataset.indicators[s.indicator].id == id)
        .filter(|s| kind.is_empty() || s.kind.name() == kind)
        .nth(nth - 1);
    let Some(found) = found else {
        let mut known: Vec<&str> = all
            .iter()
            .map(|s| dataset.indicators[s.indicator].id.as_str())
            .collect();
        known.dedup();
        return Err(PlaceError::Indicator {
            name: name.into(),
            tab: dataset.tabs[tab].id.clone(),
            known: known.join(", "),
        });
    };
    place.focus = found.focus;
    place.series = found.series;
    Ok(found.indicator)
}

/// How a place names its indicator: the id, and where the tab shows it more than once, in
/// which kind of panel (and which of them) it is meant.
fn indicator_name(dataset: &Dataset, place: &Place, index: usize) -> String {
    let id = &dataset.indicators[index].id;
    let all = shown(dataset, place.tab);
    let same: Vec<&Shown> = all.iter().filter(|s| s.indicator == index).collect();
    let Some(mine) = same
        .iter()
        .find(|s| s.focus == place.focus && s.series == place.series)
        .or_else(|| same.iter().find(|s| s.focus == place.focus))
    else {
        return id.clone();
    };
    if same.first().is_some_and(|s| std::ptr::eq(*s, *mine)) {
        return id.clone();
    }
    let of_kind: Vec<&&Shown> = same.iter().filter(|s| s.kind == mine.kind).collect();
    let n = of_kind
        .iter()
        .position(|s| std::ptr::eq(**s, *mine))
        .unwrap_or(0)
        + 1;
    if n == 1 {
        format!("{id}@{}", mine.kind.name())
    } else {
        format!("{id}@{}{n}", mine.kind.name())
    }
}

impl App {
    /// Where the dashboard is now.
    pub fn place(&self) -> Place {
        let view = self.focused().and_then(|i| self.views.get(&i.id).copied());
        let ranks = self.current_panels().any(|p| p.kind == PanelKind::Ranking);
        Place {
            tab: self.tab,
            focus: self.focus(),
            zoomed: self.zoomed,
            series: if self.zoomed { self.series } else { 0 },
            view: view.filter(|v| Some(*v) != self.panel_view()),
            year: self.year.filter(|_| ranks),
            currency: self.currency,
        }
    }

    /// The view the focused figure shows when `t` chose none.
    fn panel_view(&self) -> Option<View> {
        default_view(&self.dataset, self.tab, self.focus())
    }

    /// Goes to `place`: its tab, focus, zoom, series, view, year and currency.
    pub fn go(&mut self, place: &Place) {
        let tabs = self.dataset.tabs.len();
        if place.tab >= tabs {
            return;
        }
        self.select_tab(place.tab);
        if place.focus < self.panel_count() {
            self.set_focus(place.tab, place.focus);
        }
        self.zoomed = place.zoomed && self.panel_count() > 0;
        self.set_series(if self.zoomed { place.series } else { 0 });
        if let Some(id) = self.focused().map(|i| i.id.clone()) {
            match place.view {
                Some(view) => {
                    self.views.insert(id, view);
                }
                None => {
                    self.views.remove(&id);
                }
            }
        }
        // On a tab with rankings the year is part of the view (none: the latest).
        if self.current_panels().any(|p| p.kind == PanelKind::Ranking) {
            self.year = place.year;
        }
        self.currency = place.currency;
    }

    /// The view string of where the dashboard is now.
    pub fn place_string(&self) -> String {
        PlaceString(self, &self.place()).to_string()
    }

    /// The view string of `place` on this app's data.
    pub fn place_string_of(&self, place: &Place) -> String {
        PlaceString(self, place).to_string()
    }
}

/// A place written out on an app's data.
struct PlaceString<'a>(&'a App, &'a Place);

impl fmt::Display for PlaceString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PlaceString(app, place) = *self;
        let Some(tab) = app.dataset.tabs.get(place.tab) else {
            return Ok(());
        };
        write!(f, "{}", tab.id)?;
        let indicator = focused_index(&app.dataset, place);
        if (place.focus > 0 || place.series > 0)
            && let Some(i) = indicator.filter(|&i| i < app.dataset.indicators.len())
        {
            write!(f, "/{}", indicator_name(&app.dataset, place, i))?;
        }
        if place.zoomed {
            f.write_str("/zoom")?;
        }
        if let Some(view) = place.view {
            write!(f, "/{}", view_word(view))?;
        }
        if let Some(year) = place.year {
            write!(f, "/{year}")?;
        }
        if place.currency == Currency::Usd {
            f.write_str("/usd")?;
        }
        Ok(())
    }
}
