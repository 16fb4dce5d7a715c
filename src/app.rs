//! Dashboard state. [`App::handle_key`] maps a key to an [`Action`] without changing anything;
//! [`App::update`] is the only place state changes. No I/O, no clocks and no drawing here.

mod notice;
mod place;
mod search;
mod views;
mod zoom;

use std::collections::BTreeMap;
use std::time::Duration;

use crossterm::event::{KeyEvent, KeyEventKind};
pub use notice::Notice;
pub use place::{Place, PlaceError, VIEW_WORDS, view_word};
pub use search::{Match, Search};
pub use termprofile::TermProfile;
pub use views::view_name;

use crate::action::{self, Action, Command, Direction, When};
use crate::data::model::{PanelKind, View};
use crate::data::{Dataset, Indicator};
use crate::format::Numbers;
use crate::text::Lang;

/// How amounts of money are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Currency {
    #[default]
    Yuan,
    /// Each year's yuan amounts converted at that year's official average rate.
    Usd,
}

/// The color theme; the UI turns it into styles for the terminal's color depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    #[default]
    Dark,
    Light,
    /// High contrast for washed-out projectors: black background, bright bold text.
    Contrast,
}

/// A session's place in `serve --follow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Drives the tab everybody follows; `viewers` other sessions, `away` of them broke away.
    Presenter { viewers: usize, away: usize },
    /// Shows the presenter's tab; switching tabs breaks away.
    Following,
    /// Broke away; `f` follows the presenter again.
    Free,
}

/// How to join a `serve` session: what the join screen (`J`) shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Join {
    /// `ssh -p PORT HOST`, one per address the server listens on; the QR code carries the
    /// first.
    pub commands: Vec<String>,
    /// The host key's `SHA256:…` fingerprint, as `ssh` prints it.
    pub fingerprint: String,
    /// `serve --http`: the read-only browser view's address (with its token); the QR code
    /// carries it, a phone needs no SSH client.
    pub browser: Option<String>,
}

impl Join {
    /// What the QR code carries: the browser view's address when there is one (a phone needs
    /// no SSH client), else the first command.
    pub fn qr_text(&self) -> Option<&str> {
        self.browser
            .as_deref()
            .or(self.commands.first().map(String::as_str))
    }
}

/// The presenter's console clock, in whole seconds, as the driver last counted them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    /// Since the dashboard (or the presenter's session) started.
    pub elapsed: u64,
    /// Since the current agenda step was reached.
    pub on_step: u64,
}

/// Presentation mode: tabs advance by themselves until a key pauses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    pub seconds: u64,
    pub paused: bool,
    /// Whole seconds until the next slide, as the driver last counted them (the footer
    /// counts down; the app reads no clock).
    pub remaining: u64,
}

// Independent on/off states (zoom, help, quit, ASCII, mouse); an enum would not read better.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone)]
pub struct App {
    pub dataset: Dataset,
    pub theme: ThemeKind,
    /// The color depth the theme is drawn in.
    pub color: TermProfile,
    /// Draw only ASCII glyphs.
    pub ascii: bool,
    pub currency: Currency,
    pub presentation: Option<Presentation>,
    /// The last reload failed: its first problems, shown until a reload succeeds.
    pub reload_error: Option<String>,
    /// Whether mouse clicks are expected (`--mouse`).
    pub mouse: bool,
    /// Set only in `serve --follow` sessions.
    pub follow: Option<Follow>,
    /// The `/` prompt, while it is open.
    pub search: Option<Search>,
    /// Index into `dataset.tabs`.
    pub tab: usize,
    /// Focused panel of each tab (an index into that tab's indicators), kept per tab so
    /// switching back returns to the same panel.
    focus: Vec<usize>,
    pub zoomed: bool,
    /// In the zoom view of a chart or bars panel, which of its series leads (0: the first);
    /// the zoom's arrows step through them before the next panel.
    pub(crate) series: usize,
    pub help: bool,
    pub lang: Lang,
    pub quit: bool,
    /// The view `t` chose for each series, by indicator id (level when absent).
    pub(crate) views: BTreeMap<String, View>,
    /// The year the rankings show; `None` is the latest with data.
    pub year: Option<u16>,
    /// `--agenda`: the steps the clicker walks through.
    pub agenda: Option<std::sync::Arc<crate::agenda::Agenda>>,
    /// The agenda step last gone to (free navigation may have left it since).
    pub step: usize,
    /// `g`: the list of the agenda's steps is open, with this one selected.
    pub steps_list: Option<usize>,
    /// In `serve`: how to join, for the join screen.
    pub join: Option<std::sync::Arc<Join>>,
    /// The join screen is up (`J`; at the presenter's start until the first key).
    pub join_open: bool,
    /// `n`: the presenter's console is open.
    pub console: bool,
    /// The console's clock.
    pub clock: Clock,
    /// The presenter's in `serve --follow`: every other session's window size, for the
    /// console's roster.
    pub audience_sizes: Vec<(u16, u16)>,
    /// Text `c` asked to copy, until the event loop sends it to the terminal (OSC 52).
    pub clipboard: Option<String>,
    /// A short answer to a quiet key (`r`, `u`, `L`, a wrap to the first tab), until the
    /// driver clears it.
    pub notice: Option<Notice>,
}

impl App {
    pub fn new(dataset: Dataset) -> Self {
        let focus = vec![0; dataset.tabs.len()];
        Self {
            dataset,
            tab: 0,
            focus,
            zoomed: false,
            series: 0,
            help: false,
            lang: Lang::En,
            quit: false,
            theme: ThemeKind::default(),
            color: TermProfile::TrueColor,
            ascii: false,
            currency: Currency::Yuan,
            presentation: None,
            reload_error: None,
            mouse: false,
            follow: None,
            search: None,
            views: BTreeMap::new(),
            year: None,
            agenda: None,
            step: 0,
            steps_list: None,
            join: None,
            join_open: false,
            console: false,
            clock: Clock::default(),
            audience_sizes: Vec::new(),
            clipboard: None,
            notice: None,
        }
    }

    /// How numbers are written now (language and currency).
    pub fn numbers(&self) -> Numbers<'_> {
        Numbers {
            lang: self.lang,
            usd: match self.currency {
                Currency::Yuan => None,
                Currency::Usd => self.dataset.usd_rates(),
            },
        }
    }

    /// Whether the presentation timer should be running.
    pub fn presenting(&self) -> bool {
        self.presentation.is_some_and(|p| !p.paused)
    }

    /// How long a slide stays up, while presenting.
    pub fn slide_interval(&self) -> Option<Duration> {
        let seconds = self.presentation.filter(|p| !p.paused)?.seconds;
        Some(Duration::from_secs(seconds))
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

    /// The focused figure: the panel's target, or in the zoom view of a chart or bars panel
    /// the series the zoom leads with.
    pub fn focused(&self) -> Option<&Indicator> {
        if self.series > 0
            && let Some(&index) = self.panel_series().get(self.series)
        {
            return self.dataset.indicators.get(index);
        }
        self.indicators().nth(self.focus())
    }

    /// The series of the focused panel when it draws several together (a chart, bars by
    /// year); empty for a panel of one figure a target (cards, tiles, rankings).
    pub fn panel_series(&self) -> &[usize] {
        self.dataset
            .tabs
            .get(self.tab)
            .and_then(|t| t.locate(self.focus()).map(|(p, _)| &t.panels[p]))
            .filter(|p| !p.kind.per_indicator())
            .map_or(&[], |p| p.indicators.as_slice())
    }

    pub(super) fn panel_count(&self) -> usize {
        self.dataset
            .tabs
            .get(self.tab)
            .map_or(0, |t| t.indicators.len())
    }

    /// Whether a line of the key map applies now.
    pub fn applies(&self, when: When) -> bool {
        match when {
            When::Always => true,
            When::Presenting => self.presentation.is_some(),
            When::Following => self.follow.is_some(),
            When::Ranking => self.current_panels().any(|p| p.kind == PanelKind::Ranking),
            When::Agenda => self.agenda.is_some(),
            When::Serving => self.join.is_some(),
            When::Console => self.has_console(),
        }
    }

    /// The action a key asks for, or `None` when the key means nothing here (no redraw).
    pub fn handle_key(&self, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(search) = &self.search {
            return search::key(search, key);
        }
        // The join screen: any key closes it (Ctrl-C still quits).
        if self.join_open {
            let ctrl_c = key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL)
                && key.code == crossterm::event::KeyCode::Char('c');
            return Some(if ctrl_c {
                Action::Quit
            } else {
                Action::JoinScreen
            });
        }
        if let (Some(selected), Some(agenda)) = (self.steps_list, &self.agenda) {
            return steps_key(selected, agenda.steps.len(), key);
        }
        let command = action::command_for(key, |when| self.applies(when))?;
        if self.help && !matches!(command, Command::Quit | Command::Back | Command::Help) {
            return None;
        }
        Some(match command {
            // `q` closes what is open first; at the top it quits (Ctrl-C always quits).
            Command::Quit
                if (self.help || self.zoomed)
                    && key.code == crossterm::event::KeyCode::Char('q') =>
            {
                Action::Back
            }
            Command::Quit => Action::Quit,
            Command::Back => Action::Back,
            Command::Help => Action::ToggleHelp,
            Command::Clicker(forward) | Command::Step(forward) if self.agenda.is_some() => {
                Action::Step(forward)
            }
            Command::Steps => Action::StepsOpen,
            Command::Place => Action::ShowPlace,
            Command::Join => Action::JoinScreen,
            Command::Console => Action::ToggleConsole,
            Command::Theme => Action::NextTheme,
            Command::Color => Action::NextColor,
            Command::Ascii => Action::ToggleAscii,
            Command::Copy if self.zoomed_layer_blocks() => return None,
            Command::Copy => Action::Copy,
            Command::Clicker(forward) if self.zoomed => Action::ZoomStep(forward),
            Command::NextTab | Command::Clicker(true) => Action::NextTab,
            Command::PrevTab | Command::Clicker(false) => Action::PrevTab,
            Command::GoToTab => {
                let crossterm::event::KeyCode::Char(c @ '1'..='9') = key.code else {
                    return None;
                };
                let index = c as usize - '1' as usize;
                if index >= self.dataset.tabs.len() {
                    return Some(Action::NoTab(index + 1));
                }
                if index == self.tab {
                    return None;
                }
                Action::SelectTab(index)
            }
            Command::Move(direction) => Action::Move(direction),
            Command::Zoom => Action::Zoom,
            Command::View => {
                let indicator = self.focused()?;
                if self.zoomed_layer_blocks() {
                    return None;
                }
                if self.dataset.views_of(indicator).len() < 2 {
                    return Some(Action::NoOtherView);
                }
                Action::NextView
            }
            Command::Year => Action::NextYear,
            Command::Lang => Action::ToggleLang,
            Command::Currency => Action::ToggleCurrency,
            Command::Present => Action::TogglePresent,
            Command::Reload => Action::Reload,
            Command::Search => Action::SearchStart,
            Command::Rejoin if self.follow == Some(Follow::Free) => Action::Rejoin,
            Command::Rejoin | Command::Step(_) => return None,
        })
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
        self.pause_for(&action);
        match action {
            Action::Quit => self.quit = true,
            Action::NextTab => self.next_tab(),
            Action::PrevTab => self.select_tab((self.tab + tabs - 1) % tabs),
            Action::SelectTab(index) => self.select_tab(index.min(tabs - 1)),
            Action::FocusNext => self.step_focus(true),
            Action::FocusPrev => self.step_focus(false),
            Action::Focus(panel) => {
                if panel < self.panel_count() {
                    self.set_focus(self.tab, panel);
                }
            }
            // Without a layout (the driver resolves moves on one), a move steps in order.
            Action::Move(direction) => self.update(match direction {
                Direction::Down | Direction::Right => Action::FocusNext,
                Direction::Up | Direction::Left => Action::FocusPrev,
            }),
            Action::NextView => self.next_view(),
            Action::NoOtherView => self.no_other_view(),
            Action::NoTab(n) => self.notice = Some(Notice::NoTab(n)),
            Action::ZoomStep(forward) => self.zoom_step(forward),
            Action::NextYear => self.next_year(),
            Action::ClearNotice => self.notice = None,
            Action::Zoom => self.zoomed = self.panel_count() > 0,
            Action::Back => {
                if self.help {
                    self.help = false;
                } else {
                    self.zoomed = false;
                    self.series = 0;
                }
            }
            Action::ToggleHelp => self.help = !self.help,
            Action::ToggleLang => {
                self.lang = self.lang.toggled();
                self.notice = Some(Notice::Lang);
            }
            Action::ToggleCurrency => self.toggle_currency(),
            Action::TogglePresent => {
                if let Some(p) = &mut self.presentation {
                    p.paused = !p.paused;
                }
            }
            Action::Advance => {
                if self.presenting() {
                    // A new tab starts at its first page.
                    let next = (self.tab + 1) % tabs;
                    self.select_tab(next);
                    self.set_focus(next, 0);
                }
            }
            Action::AdvanceTo(target) => {
                if self.presenting() && target < self.panel_count() {
                    self.set_focus(self.tab, target);
                }
            }
            Action::Countdown(seconds) => {
                if let Some(p) = &mut self.presentation {
                    p.remaining = seconds;
                }
            }
            Action::Pause => {}
            Action::Reload => self.notice = Some(Notice::Reloading),
            Action::SearchStart
            | Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchCancel
            | Action::SearchSelect(_)
            | Action::SearchSubmit => self.update_search(&action),
            Action::Rejoin => self.follow = Some(Follow::Following),
            Action::FollowTab(index) => {
                if self.follow == Some(Follow::Following) && index != self.tab {
                    self.select_tab(index.min(tabs - 1));
                }
            }
            Action::Reloaded(result) => self.reloaded(*result),
            Action::Step(_)
            | Action::StepsOpen
            | Action::StepsSelect(_)
            | Action::StepsClose
            | Action::GoStep(_)
            | Action::ShowPlace
            | Action::JoinScreen
            | Action::ToggleConsole
            | Action::Clock { .. }
            | Action::FollowStep(_) => self.update_meeting(&action),
            Action::NextTheme | Action::NextColor | Action::ToggleAscii => {
                self.update_display(&action);
            }
            Action::Copy => self.copy(),
        }
    }

    /// The presenter's console has something to show: the local dashboard with an agenda, or
    /// the presenter of `serve --follow` (a follower never has one; in `serve` without
    /// `--follow` nobody presents).
    pub fn has_console(&self) -> bool {
        match self.follow {
            Some(Follow::Presenter { .. }) => true,
            None => self.agenda.is_some() && self.join.is_none(),
            Some(_) => false,
        }
    }

    /// The console is open and may be drawn.
    pub fn console_open(&self) -> bool {
        self.console && self.has_console()
    }

    /// `c`: the focused figure as the screen shows it, with its words and page, for the
    /// event loop to put on this viewer's clipboard.
    fn copy(&mut self) {
        let Some(indicator) = self.focused() else {
            return;
        };
        let text = crate::format::citation::citation(
            &self.dataset,
            self.numbers(),
            indicator,
            self.focused_view(),
            self.ranking_year(),
        );
        self.notice = Some(Notice::Copied(indicator.short_name().clone()));
        self.clipboard = Some(text);
    }

    /// `T`, `C`, `A`: how this screen looks, and nobody else's; a follower keeps following.
    fn update_display(&mut self, action: &Action) {
        match action {
            Action::NextTheme => {
                self.theme = match self.theme {
                    ThemeKind::Dark => ThemeKind::Light,
                    ThemeKind::Light => ThemeKind::Contrast,
                    ThemeKind::Contrast => ThemeKind::Dark,
                };
                self.notice = Some(Notice::Theme(self.theme));
            }
            Action::NextColor => {
                self.color = match self.color {
                    TermProfile::TrueColor => TermProfile::Ansi256,
                    TermProfile::Ansi256 => TermProfile::Ansi16,
                    TermProfile::Ansi16 => TermProfile::NoColor,
                    TermProfile::NoColor | TermProfile::NoTty => TermProfile::TrueColor,
                };
                self.notice = Some(Notice::Color(self.color));
            }
            Action::ToggleAscii => {
                self.ascii = !self.ascii;
                self.notice = Some(Notice::Ascii(self.ascii));
            }
            _ => {}
        }
    }

    /// Any key the presenter presses takes over from the slideshow's timer.
    fn pause_for(&mut self, action: &Action) {
        if !matches!(
            action,
            Action::Advance
                | Action::AdvanceTo(_)
                | Action::Countdown(_)
                | Action::TogglePresent
                | Action::Reloaded(_)
                | Action::ClearNotice
                | Action::Clock { .. }
                | Action::FollowStep(_)
        ) && let Some(p) = &mut self.presentation
        {
            p.paused = true;
        }
    }

    /// The agenda, the view string and the join screen.
    fn update_meeting(&mut self, action: &Action) {
        match *action {
            Action::Step(forward) => self.agenda_step(forward),
            Action::StepsOpen => self.steps_list = Some(self.step),
            Action::StepsSelect(selected) => self.steps_list = Some(selected),
            Action::StepsClose => self.steps_list = None,
            Action::GoStep(step) => {
                self.steps_list = None;
                self.go_step(step);
            }
            Action::ShowPlace => self.notice = Some(Notice::Place(self.place_string())),
            Action::JoinScreen => self.join_open = !self.join_open && self.join.is_some(),
            Action::ToggleConsole => self.console = !self.console && self.has_console(),
            Action::Clock { elapsed, on_step } => self.clock = Clock { elapsed, on_step },
            Action::FollowStep(step) if self.follow == Some(Follow::Following) => {
                if let Some(agenda) = &self.agenda
                    && let Some(target) = agenda.steps.get(step)
                {
                    self.step = step;
                    self.notice = Some(Notice::Step {
                        step,
                        count: agenda.steps.len(),
                        title: target.title.clone(),
                    });
                }
            }
            _ => {}
        }
    }

    /// The clicker with an agenda: the next step, or back. After free navigation the next
    /// click goes on with the agenda, and a click back returns to the step left.
    fn agenda_step(&mut self, forward: bool) {
        let Some(count) = self.agenda.as_ref().map(|a| a.steps.len()) else {
            return;
        };
        let on_step = self
            .agenda
            .as_ref()
            .and_then(|a| a.steps.get(self.step))
            .is_some_and(|s| s.place == self.place());
        let next = match (forward, on_step) {
            (true, _) => self.step + 1,
            (false, false) => self.step,
            (false, true) => {
                let Some(previous) = self.step.checked_sub(1) else {
                    self.notice = Some(Notice::AgendaEnd(false));
                    return;
                };
                previous
            }
        };
        if next >= count {
            self.notice = Some(Notice::AgendaEnd(true));
            return;
        }
        self.go_step(next);
    }

    /// Shows step `step` of the agenda.
    pub fn go_step(&mut self, step: usize) {
        let Some(agenda) = self.agenda.clone() else {
            return;
        };
        let Some(target) = agenda.steps.get(step) else {
            return;
        };
        self.step = step;
        self.go(&target.place);
        self.notice = Some(Notice::Step {
            step,
            count: agenda.steps.len(),
            title: target.title.clone(),
        });
    }
}

/// Keys while the `g` list of agenda steps is open.
fn steps_key(selected: usize, count: usize, key: KeyEvent) -> Option<Action> {
    use crossterm::event::KeyCode;
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Action::StepsSelect(selected.saturating_sub(1)),
        KeyCode::Down | KeyCode::Char('j') => {
            Action::StepsSelect((selected + 1).min(count.saturating_sub(1)))
        }
        KeyCode::Enter => Action::GoStep(selected),
        KeyCode::Esc | KeyCode::Char('g' | 'q') => Action::StepsClose,
        KeyCode::Char('c')
            if key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL) =>
        {
            Action::Quit
        }
        _ => return None,
    })
}

impl App {
    /// The next or previous panel, in order, wrapping.
    fn step_focus(&mut self, forward: bool) {
        let count = self.panel_count();
        if count > 0 {
            let step = if forward { 1 } else { count - 1 };
            let focus = (self.focus() + step) % count;
            self.set_focus(self.tab, focus);
        }
    }

    /// Yuan ⇄ US dollars, when the data has the exchange rates.
    fn toggle_currency(&mut self) {
        self.currency = match self.currency {
            Currency::Yuan if self.dataset.usd_rates().is_some() => Currency::Usd,
            _ => Currency::Yuan,
        };
        self.notice = Some(Notice::Currency(self.currency));
    }

    /// New data replaces the old; invalid data leaves it and says where the first problems are.
    fn reloaded(&mut self, result: Result<Dataset, crate::data::LoadError>) {
        match result {
            Ok(dataset) => {
                self.replace_dataset(dataset);
                self.notice = Some(Notice::Reloaded);
            }
            Err(error) => {
                let first: Vec<String> = error.0.iter().take(3).map(ToString::to_string).collect();
                let more = error.0.len().saturating_sub(first.len());
                let mut text = first.join("; ");
                if more > 0 {
                    text = format!("{text} (+{more} more)");
                }
                self.reload_error = Some(text);
            }
        }
    }

    /// The panels of the current tab.
    pub fn current_panels(&self) -> impl Iterator<Item = &crate::data::model::Panel> {
        self.dataset
            .tabs
            .get(self.tab)
            .into_iter()
            .flat_map(|t| t.panels.iter())
    }

    /// The help overlay or the prompt is open: keys about panels wait.
    fn zoomed_layer_blocks(&self) -> bool {
        self.help || self.search.is_some()
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

    pub(super) fn set_focus(&mut self, tab: usize, focus: usize) {
        if let Some(f) = self.focus.get_mut(tab) {
            *f = focus;
        }
        self.series = 0;
    }

    /// The next tab; from the last to the first says so.
    fn next_tab(&mut self) {
        let tabs = self.dataset.tabs.len().max(1);
        let wraps = self.tab + 1 == tabs;
        self.select_tab((self.tab + 1) % tabs);
        if wraps {
            self.notice = Some(Notice::FirstTab);
        }
    }

    /// A new tab: out of the zoom, and without the notice about the last one's figure.
    pub(super) fn select_tab(&mut self, index: usize) {
        self.tab = index;
        self.zoomed = false;
        self.series = 0;
        self.notice = None;
    }
}

#[cfg(test)]
mod tests;
