//! The `/` prompt: type part of an indicator's name (English or Chinese) or id; the matches
//! are listed as you type, ↑/↓ pick one, Enter jumps, Esc closes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Follow, Notice};
use crate::action::Action;
use crate::data::Dataset;

/// What has been typed and which match is picked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    pub selected: usize,
}

/// An indicator that matches, where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub tab: usize,
    /// Its place in the tab's focus order.
    pub position: usize,
    /// Index into the dataset's indicators.
    pub indicator: usize,
}

/// Longest query kept, in characters.
const MAX_QUERY: usize = 64;

/// While the prompt is open every key types, except these. `q` closes an empty prompt.
pub(super) fn key(search: &Search, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Esc => Action::SearchCancel,
        KeyCode::Char('q') if search.query.is_empty() => Action::SearchCancel,
        KeyCode::Enter => Action::SearchSubmit,
        KeyCode::Backspace => Action::SearchBackspace,
        KeyCode::Up => Action::SearchSelect(-1),
        KeyCode::Down | KeyCode::Tab => Action::SearchSelect(1),
        KeyCode::Char(c) if !ctrl => Action::SearchInput(c),
        _ => return None,
    })
}

/// Every indicator, tab by tab, whose name (English or Chinese) or id contains the query,
/// ignoring case; each once, where it first appears.
pub fn matches(dataset: &Dataset, query: &str) -> Vec<Match> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Match> = Vec::new();
    for (tab, t) in dataset.tabs.iter().enumerate() {
        // Every indicator a panel shows, a chart's every series too; a series of a chart
        // is found at the chart.
        for (p, panel) in t.panels.iter().enumerate() {
            for (k, &indicator) in panel.indicators.iter().enumerate() {
                let ind = &dataset.indicators[indicator];
                let hit = [&ind.name.en, &ind.name.zh, &ind.id]
                    .iter()
                    .any(|text| text.to_lowercase().contains(&query));
                let within = if panel.kind.per_indicator() { k } else { 0 };
                if hit && found.iter().all(|m| m.indicator != indicator) {
                    found.push(Match {
                        tab,
                        position: t.first_target(p) + within,
                        indicator,
                    });
                }
            }
        }
    }
    found
}

impl App {
    /// The prompt's matches now.
    pub fn search_matches(&self) -> Vec<Match> {
        self.search
            .as_ref()
            .map_or_else(Vec::new, |s| matches(&self.dataset, &s.query))
    }

    pub(super) fn update_search(&mut self, action: &Action) {
        match action {
            Action::SearchStart => self.search = Some(Search::default()),
            Action::SearchInput(c) => {
                if let Some(search) = self
                    .search
                    .as_mut()
                    .filter(|s| s.query.chars().count() < MAX_QUERY)
                {
                    search.query.push(*c);
                    search.selected = 0;
                }
            }
            Action::SearchBackspace => {
                if let Some(search) = &mut self.search {
                    search.query.pop();
                    search.selected = 0;
                }
            }
            Action::SearchSelect(step) => {
                let count = self.search_matches().len();
                if let Some(search) = self.search.as_mut().filter(|_| count > 0) {
                    let next = i64::try_from(search.selected).unwrap_or(0) + i64::from(*step);
                    let count = i64::try_from(count).unwrap_or(1);
                    search.selected = usize::try_from(next.rem_euclid(count)).unwrap_or(0);
                }
            }
            Action::SearchCancel => self.search = None,
            Action::SearchSubmit => self.jump_to_search(),
            _ => {}
        }
    }

    /// Jumps to the picked match and closes the prompt; with no match it closes too, saying
    /// so, so that the next keys work as usual.
    fn jump_to_search(&mut self) {
        let Some(search) = self.search.take() else {
            return;
        };
        let found = matches(&self.dataset, &search.query);
        let Some(m) = found.get(search.selected).or(found.first()).copied() else {
            if !search.query.trim().is_empty() {
                self.notice = Some(Notice::NoMatch(search.query));
            }
            return;
        };
        if self.follow == Some(Follow::Following) {
            self.follow = Some(Follow::Free);
        }
        self.select_tab(m.tab);
        self.set_focus(m.tab, m.position);
    }
}
