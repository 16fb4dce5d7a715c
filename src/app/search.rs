//! The `/` prompt: type part of an indicator's name (English or Chinese) or id, Enter jumps.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Follow};
use crate::action::Action;

/// What has been typed, and whether the last Enter found nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    pub missed: bool,
}

/// Longest query kept, in characters.
const MAX_QUERY: usize = 64;

/// While the prompt is open every key types, except these.
pub(super) fn key(key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Esc => Action::SearchCancel,
        KeyCode::Enter => Action::SearchSubmit,
        KeyCode::Backspace => Action::SearchBackspace,
        KeyCode::Char(c) if !ctrl => Action::SearchInput(c),
        _ => return None,
    })
}

impl App {
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
                    search.missed = false;
                }
            }
            Action::SearchBackspace => {
                if let Some(search) = &mut self.search {
                    search.query.pop();
                    search.missed = false;
                }
            }
            Action::SearchCancel => self.search = None,
            Action::SearchSubmit => self.jump_to_search(),
            _ => {}
        }
    }

    /// Jumps to the first indicator, tab by tab, whose name (English or Chinese) or id contains
    /// the query, ignoring case; the prompt stays open, marked, when nothing matches.
    fn jump_to_search(&mut self) {
        let Some(search) = &mut self.search else {
            return;
        };
        let query = search.query.trim().to_lowercase();
        let found = self.dataset.tabs.iter().enumerate().find_map(|(t, tab)| {
            tab.indicators
                .iter()
                .position(|&i| {
                    let ind = &self.dataset.indicators[i];
                    [&ind.name.en, &ind.name.zh, &ind.id]
                        .iter()
                        .any(|text| text.to_lowercase().contains(&query))
                })
                .map(|p| (t, p))
        });
        match found {
            Some((tab, position)) if !query.is_empty() => {
                self.search = None;
                if self.follow == Some(Follow::Following) {
                    self.follow = Some(Follow::Free);
                }
                self.select_tab(tab);
                self.set_focus(tab, position);
            }
            _ => search.missed = true,
        }
    }
}
