//! Dashboard state. [`App::handle_key`] maps a key to an [`Action`] without changing anything;
//! [`App::update`] is the only place state changes.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::data::{Dataset, Indicator, Lang};

#[derive(Debug, Clone)]
pub struct App {
    pub dataset: Dataset,
    /// Index into `dataset.tabs`.
    pub tab: usize,
    /// Focused panel of each tab (an index into that tab's indicators), kept per tab so
    /// switching back returns to the same panel.
    focus: Vec<usize>,
    pub zoomed: bool,
    pub help: bool,
    pub lang: Lang,
    pub quit: bool,
}

impl App {
    pub fn new(dataset: Dataset) -> Self {
        let focus = vec![0; dataset.tabs.len()];
        Self {
            dataset,
            tab: 0,
            focus,
            zoomed: false,
            help: false,
            lang: Lang::En,
            quit: false,
        }
    }

    /// Finds a tab by id (`trade`) or 1-based number (`3`).
    pub fn find_tab(&self, name: &str) -> Option<usize> {
        if let Ok(n) = name.parse::<usize>() {
            return (1..=self.dataset.tabs.len()).contains(&n).then(|| n - 1);
        }
        self.dataset.tab_index(&name.to_ascii_lowercase())
    }

    /// Index of the focused panel within the current tab.
    pub fn focus(&self) -> usize {
        self.focus.get(self.tab).copied().unwrap_or(0)
    }

    /// The indicators of the current tab, in display order.
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.dataset
            .tabs
            .get(self.tab)
            .into_iter()
            .flat_map(|t| t.indicators.iter())
            .filter_map(|&i| self.dataset.indicators.get(i))
    }

    pub fn focused(&self) -> Option<&Indicator> {
        self.indicators().nth(self.focus())
    }

    fn panel_count(&self) -> usize {
        self.dataset
            .tabs
            .get(self.tab)
            .map_or(0, |t| t.indicators.len())
    }

    /// The action a key asks for, or `None` when the key means nothing here (no redraw).
    pub fn handle_key(&self, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let action = match key.code {
            KeyCode::Char('c') if ctrl => Action::Quit,
            KeyCode::Char('q') => Action::Quit,
            KeyCode::Esc => Action::Back,
            KeyCode::Char('?') => Action::ToggleHelp,
            _ if self.help => return None,
            KeyCode::Tab | KeyCode::Right | KeyCode::PageDown | KeyCode::Char('l' | ' ') => {
                Action::NextTab
            }
            KeyCode::BackTab | KeyCode::Left | KeyCode::PageUp | KeyCode::Char('h') => {
                Action::PrevTab
            }
            KeyCode::Char(c @ '1'..='9') => {
                let index = c as usize - '1' as usize;
                if index >= self.dataset.tabs.len() || index == self.tab {
                    return None;
                }
                Action::SelectTab(index)
            }
            KeyCode::Down | KeyCode::Char('j') => Action::FocusNext,
            KeyCode::Up | KeyCode::Char('k') => Action::FocusPrev,
            KeyCode::Enter => Action::Zoom,
            KeyCode::Char('L') => Action::ToggleLang,
            _ => return None,
        };
        Some(action)
    }

    pub fn update(&mut self, action: Action) {
        let tabs = self.dataset.tabs.len().max(1);
        match action {
            Action::Quit => self.quit = true,
            Action::NextTab => self.select_tab((self.tab + 1) % tabs),
            Action::PrevTab => self.select_tab((self.tab + tabs - 1) % tabs),
            Action::SelectTab(index) => self.select_tab(index.min(tabs - 1)),
            Action::FocusNext | Action::FocusPrev => {
                let count = self.panel_count();
                if count > 0 {
                    let step = if action == Action::FocusNext {
                        1
                    } else {
                        count - 1
                    };
                    let focus = (self.focus() + step) % count;
                    if let Some(f) = self.focus.get_mut(self.tab) {
                        *f = focus;
                    }
                }
            }
            Action::Zoom => self.zoomed = self.panel_count() > 0,
            Action::Back => {
                if self.help {
                    self.help = false;
                } else {
                    self.zoomed = false;
                }
            }
            Action::ToggleHelp => self.help = !self.help,
            Action::ToggleLang => self.lang = self.lang.toggled(),
        }
    }

    fn select_tab(&mut self, index: usize) {
        self.tab = index;
        self.zoomed = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    fn app() -> App {
        App::new(load_embedded().unwrap())
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn press(app: &mut App, code: KeyCode) {
        if let Some(action) = app.handle_key(key(code)) {
            app.update(action);
        }
    }

    #[test]
    fn every_tab_key_switches_tabs() {
        let app = app();
        for code in [
            KeyCode::Tab,
            KeyCode::Right,
            KeyCode::Char('l'),
            KeyCode::PageDown,
            KeyCode::Char(' '),
        ] {
            assert_eq!(app.handle_key(key(code)), Some(Action::NextTab), "{code:?}");
        }
        for code in [
            KeyCode::BackTab,
            KeyCode::Left,
            KeyCode::Char('h'),
            KeyCode::PageUp,
        ] {
            assert_eq!(app.handle_key(key(code)), Some(Action::PrevTab), "{code:?}");
        }
        assert_eq!(
            app.handle_key(key(KeyCode::Char('3'))),
            Some(Action::SelectTab(2))
        );
        assert_eq!(
            app.handle_key(key(KeyCode::Char('1'))),
            None,
            "already there"
        );
        assert_eq!(
            app.handle_key(key(KeyCode::Char('9'))),
            None,
            "no ninth tab"
        );
    }

    #[test]
    fn tabs_wrap_around() {
        let mut app = app();
        press(&mut app, KeyCode::Left);
        assert_eq!(app.tab, 4);
        press(&mut app, KeyCode::Right);
        assert_eq!(app.tab, 0);
    }

    #[test]
    fn quit_keys_and_esc_never_quits() {
        let mut app = app();
        assert_eq!(app.handle_key(key(KeyCode::Char('q'))), Some(Action::Quit));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(app.handle_key(ctrl_c), Some(Action::Quit));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        assert!(!app.quit);
        press(&mut app, KeyCode::Char('q'));
        assert!(app.quit);
    }

    #[test]
    fn focus_moves_wraps_and_is_kept_per_tab() {
        let mut app = app();
        let count = app.indicators().count();
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.focus(), 2);
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.focus(), 0);
        press(&mut app, KeyCode::Up);
        assert_eq!(app.focus(), app.indicators().count() - 1, "wraps backwards");
        press(&mut app, KeyCode::BackTab);
        assert_eq!(app.focus(), 2);
        for _ in 0..count {
            press(&mut app, KeyCode::Char('k'));
        }
        assert_eq!(app.focus(), 2, "a full cycle returns");
    }

    #[test]
    fn zoom_and_help_and_back() {
        let mut app = app();
        press(&mut app, KeyCode::Enter);
        assert!(app.zoomed);
        press(&mut app, KeyCode::Char('?'));
        assert!(app.help && app.zoomed);
        assert_eq!(
            app.handle_key(key(KeyCode::Tab)),
            None,
            "help swallows navigation"
        );
        press(&mut app, KeyCode::Esc);
        assert!(!app.help && app.zoomed, "Esc closes help first");
        press(&mut app, KeyCode::Esc);
        assert!(!app.zoomed);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Tab);
        assert!(!app.zoomed, "switching tabs leaves zoom");
    }

    #[test]
    fn language_toggles() {
        let mut app = app();
        press(&mut app, KeyCode::Char('L'));
        assert_eq!(app.lang, Lang::Zh);
        press(&mut app, KeyCode::Char('L'));
        assert_eq!(app.lang, Lang::En);
    }

    #[test]
    fn key_release_and_unknown_keys_do_nothing() {
        let app = app();
        let mut release = key(KeyCode::Tab);
        release.kind = KeyEventKind::Release;
        assert_eq!(app.handle_key(release), None);
        assert_eq!(app.handle_key(key(KeyCode::Char('z'))), None);
        assert_eq!(app.handle_key(key(KeyCode::F(5))), None);
    }

    #[test]
    fn find_tab_by_name_or_number() {
        let app = app();
        assert_eq!(app.find_tab("trade"), Some(2));
        assert_eq!(app.find_tab("Trade"), Some(2));
        assert_eq!(app.find_tab("5"), Some(4));
        assert_eq!(app.find_tab("0"), None);
        assert_eq!(app.find_tab("6"), None);
        assert_eq!(app.find_tab("nope"), None);
    }
}
