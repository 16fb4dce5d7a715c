//! Dashboard state. [`App::handle_key`] maps a key to an [`Action`] without changing anything;
//! [`App::update`] is the only place state changes.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;
use crate::data::{Dataset, Indicator, Lang};
use crate::ui::format::Numbers;
use crate::ui::theme::Theme;

/// How amounts of money are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Currency {
    #[default]
    Yuan,
    /// Converted at the rate the data implies (the seed: 569 bn yuan = US$78.9 bn in 2023).
    Usd,
}

/// A session's place in `serve --follow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Drives the tab everybody follows.
    Presenter { viewers: usize },
    /// Shows the presenter's tab; switching tabs breaks away.
    Following,
    /// Broke away; `f` follows the presenter again.
    Free,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    pub missed: bool,
}

/// Presentation mode: tabs advance by themselves until a key pauses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    pub seconds: u64,
    pub paused: bool,
}

// Independent on/off states (zoom, help, quit, ASCII, mouse); an enum would not read better.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone)]
pub struct App {
    pub dataset: Dataset,
    pub theme: Theme,
    /// Draw only ASCII glyphs.
    pub ascii: bool,
    pub currency: Currency,
    pub presentation: Option<Presentation>,
    /// The last reload failed: its first problems, shown until a reload succeeds.
    pub reload_error: Option<String>,
    /// Whether mouse clicks on tabs are expected (`--mouse`).
    pub mouse: bool,
    /// Set only in `serve --follow` sessions.
    pub follow: Option<Follow>,
    /// The `/` prompt: what has been typed, and whether the last Enter found nothing.
    pub search: Option<Search>,
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
            theme: Theme::default(),
            ascii: false,
            currency: Currency::Yuan,
            presentation: None,
            reload_error: None,
            mouse: false,
            follow: None,
            search: None,
        }
    }

    /// How numbers are written now (language and currency).
    pub fn numbers(&self) -> Numbers {
        Numbers {
            lang: self.lang,
            usd_rate: self.usd_rate().map(|(_, rate)| rate),
        }
    }

    /// The year and yuan-per-dollar rate used for US$ amounts, when showing dollars.
    pub fn usd_rate(&self) -> Option<(u16, f64)> {
        match self.currency {
            Currency::Yuan => None,
            Currency::Usd => self.dataset.exchange_rate_for(None),
        }
    }

    /// Whether the presentation timer should be running.
    pub fn presenting(&self) -> bool {
        self.presentation.is_some_and(|p| !p.paused)
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
        if self.search.is_some() {
            return Some(match key.code {
                KeyCode::Char('c') if ctrl => Action::Quit,
                KeyCode::Esc => Action::SearchCancel,
                KeyCode::Enter => Action::SearchSubmit,
                KeyCode::Backspace => Action::SearchBackspace,
                KeyCode::Char(c) if !ctrl => Action::SearchInput(c),
                _ => return None,
            });
        }
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
            KeyCode::Char('u') => Action::ToggleCurrency,
            KeyCode::Char('p') if self.presentation.is_some() => Action::TogglePresent,
            KeyCode::Char('r') => Action::Reload,
            KeyCode::Char('/') => Action::SearchStart,
            KeyCode::Char('f') if self.follow == Some(Follow::Free) => Action::Rejoin,
            _ => return None,
        };
        Some(action)
    }

    /// With `--mouse`: a left click on a tab in the header selects it.
    pub fn handle_mouse(&self, mouse: MouseEvent, width: u16) -> Option<Action> {
        if !self.mouse || mouse.kind != MouseEventKind::Down(MouseButton::Left) || mouse.row != 0 {
            return None;
        }
        let tab = crate::ui::tabs::tab_at(self, width, mouse.column)?;
        (tab != self.tab).then_some(Action::SelectTab(tab))
    }

    pub fn update(&mut self, action: Action) {
        let tabs = self.dataset.tabs.len().max(1);
        // A follower who changes tab breaks away from the presenter.
        if matches!(
            action,
            Action::NextTab | Action::PrevTab | Action::SelectTab(_)
        ) && self.follow == Some(Follow::Following)
        {
            self.follow = Some(Follow::Free);
        }
        // Any key the presenter presses takes over from the timer.
        if !matches!(
            action,
            Action::Advance | Action::TogglePresent | Action::Reloaded(_)
        ) && let Some(p) = &mut self.presentation
        {
            p.paused = true;
        }
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
            Action::ToggleCurrency => {
                self.currency = match self.currency {
                    Currency::Yuan if self.dataset.exchange_rate_for(None).is_some() => {
                        Currency::Usd
                    }
                    _ => Currency::Yuan,
                };
            }
            Action::TogglePresent => {
                if let Some(p) = &mut self.presentation {
                    p.paused = !p.paused;
                }
            }
            Action::Advance => {
                if self.presenting() {
                    self.select_tab((self.tab + 1) % tabs);
                }
            }
            Action::Reload => {}
            Action::SearchStart
            | Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchCancel
            | Action::SearchSubmit => self.update_search(&action),
            Action::Rejoin => self.follow = Some(Follow::Following),
            Action::FollowTab(index) => {
                if self.follow == Some(Follow::Following) && index != self.tab {
                    self.select_tab(index.min(tabs - 1));
                }
            }
            Action::Reloaded(result) => match *result {
                Ok(dataset) => self.replace_dataset(dataset),
                Err(error) => {
                    let first: Vec<String> =
                        error.0.iter().take(3).map(ToString::to_string).collect();
                    let more = error.0.len().saturating_sub(first.len());
                    let mut text = first.join("; ");
                    if more > 0 {
                        text = format!("{text} (+{more} more)");
                    }
                    self.reload_error = Some(text);
                }
            },
        }
    }

    /// New data in: keep the tab (by id) and focus where they still exist.
    fn replace_dataset(&mut self, dataset: Dataset) {
        let tab_id = self.dataset.tabs.get(self.tab).map(|t| t.id.clone());
        let old_focus = self.focus.clone();
        self.dataset = dataset;
        self.reload_error = None;
        self.tab = tab_id
            .and_then(|id| self.dataset.tab_index(&id))
            .unwrap_or(0)
            .min(self.dataset.tabs.len().saturating_sub(1));
        self.focus = self
            .dataset
            .tabs
            .iter()
            .enumerate()
            .map(|(i, t)| {
                old_focus
                    .get(i)
                    .copied()
                    .unwrap_or(0)
                    .min(t.indicators.len().saturating_sub(1))
            })
            .collect();
        if self.focused().is_none() {
            self.zoomed = false;
        }
    }

    /// The `/` prompt's actions.
    fn update_search(&mut self, action: &Action) {
        match action {
            Action::SearchStart => self.search = Some(Search::default()),
            Action::SearchInput(c) => {
                if let Some(search) = self
                    .search
                    .as_mut()
                    .filter(|s| s.query.chars().count() < 64)
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
                if let Some(focus) = self.focus.get_mut(tab) {
                    *focus = position;
                }
            }
            _ => search.missed = true,
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

    #[test]
    fn currency_toggles_and_converts_at_the_implied_rate() {
        let mut app = app();
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(app.currency, Currency::Usd);
        let (year, rate) = app.usd_rate().unwrap();
        assert_eq!(year, 2023);
        assert!((rate - 7.21).abs() < 0.01);
        let trade = app.dataset.indicator("foreign-trade").unwrap().clone();
        assert_eq!(
            crate::ui::format::hero(&trade, app.numbers()),
            "US$78.9 billion (2023)"
        );
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(app.currency, Currency::Yuan);
        assert_eq!(
            crate::ui::format::hero(&trade, app.numbers()),
            "569 billion yuan (2023)"
        );
    }

    #[test]
    fn presentation_advances_pauses_on_any_key_and_resumes() {
        let mut app = app();
        assert_eq!(
            app.handle_key(key(KeyCode::Char('p'))),
            None,
            "p means nothing without --present"
        );
        app.presentation = Some(Presentation {
            seconds: 5,
            paused: false,
        });
        app.update(Action::Advance);
        assert_eq!(app.tab, 1);
        press(&mut app, KeyCode::Down);
        assert!(!app.presenting(), "a key pauses");
        app.update(Action::Advance);
        assert_eq!(app.tab, 1, "no advance while paused");
        press(&mut app, KeyCode::Char('p'));
        assert!(app.presenting());
        for _ in 0..4 {
            app.update(Action::Advance);
        }
        assert_eq!(app.tab, 0, "wraps around");
    }

    #[test]
    fn failed_reload_keeps_data_and_shows_the_error_until_fixed() {
        let mut app = app();
        press(&mut app, KeyCode::Char('3'));
        press(&mut app, KeyCode::Down);
        assert_eq!(
            app.handle_key(key(KeyCode::Char('r'))),
            Some(Action::Reload)
        );
        let before = app.dataset.clone();
        let error = crate::data::LoadError(vec![crate::data::Diagnostic {
            path: "data/trade.toml".into(),
            line: 20,
            col: 8,
            message: "value `x` is wrong".into(),
        }]);
        app.update(Action::Reloaded(Box::new(Err(error))));
        assert_eq!(app.dataset, before);
        assert_eq!(
            app.reload_error.as_deref(),
            Some("data/trade.toml:20:8: value `x` is wrong")
        );
        app.update(Action::Reloaded(Box::new(load_embedded())));
        assert!(app.reload_error.is_none());
        assert_eq!(
            (app.tab, app.focus()),
            (2, 1),
            "tab and focus survive a reload"
        );
    }

    #[test]
    fn reload_with_fewer_tabs_clamps_tab_and_focus() {
        let mut app = app();
        press(&mut app, KeyCode::Char('5'));
        let mut smaller = load_embedded().unwrap();
        smaller.tabs.truncate(2);
        app.update(Action::Reloaded(Box::new(Ok(smaller))));
        assert!(app.tab < 2);
        assert!(app.focused().is_some());
    }

    #[test]
    fn mouse_click_on_a_tab_selects_it_only_with_mouse_enabled() {
        use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
        let mut app = app();
        let click = |column| MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row: 0,
            modifiers: KeyModifiers::NONE,
        };
        // " Jiangxi Open Economy " is 22 columns, then " Overview "│" Growth " ...
        assert_eq!(app.handle_mouse(click(35), 80), None, "mouse is opt-in");
        app.mouse = true;
        assert_eq!(app.handle_mouse(click(35), 80), Some(Action::SelectTab(1)));
        assert_eq!(
            app.handle_mouse(click(5), 80),
            None,
            "the title is not a tab"
        );
        assert_eq!(app.handle_mouse(click(25), 80), None, "already on Overview");
    }

    #[test]
    fn slash_jumps_to_an_indicator_by_name() {
        let mut app = app();
        press(&mut app, KeyCode::Char('/'));
        for c in "LITHIUM OX".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        assert_eq!(
            app.handle_key(key(KeyCode::Char('q'))),
            Some(Action::SearchInput('q')),
            "q types, not quits"
        );
        press(&mut app, KeyCode::Enter);
        assert!(app.search.is_none());
        assert_eq!(app.dataset.tabs[app.tab].id, "trade");
        assert_eq!(app.focused().unwrap().id, "lithium-reserves");
        press(&mut app, KeyCode::Char('/'));
        for c in "宜春".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        assert_eq!(
            app.focused().unwrap().id,
            "lithium-reserves",
            "Chinese names match too"
        );
        press(&mut app, KeyCode::Char('/'));
        press(&mut app, KeyCode::Char('z'));
        press(&mut app, KeyCode::Char('z'));
        press(&mut app, KeyCode::Enter);
        assert!(
            app.search.as_ref().is_some_and(|s| s.missed),
            "no match keeps the prompt"
        );
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.search.as_ref().unwrap().query, "z");
        press(&mut app, KeyCode::Esc);
        assert!(app.search.is_none() && !app.quit);
    }
}
