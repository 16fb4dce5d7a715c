//! One way to build and drive an [`App`], used by the local dashboard and by every SSH session
//! alike: [`Options`] → `App`; terminal events → actions; the presentation timer; mouse clicks
//! through the UI's own layout; and one reload policy (debounced, off the UI thread, keeping
//! the last good data). The caller owns the I/O: it feeds events in, sleeps until
//! [`Driver::deadline`], and redraws when told.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::{App, Presentation, TermProfile, ThemeKind};
use crate::data::{self, Dataset, LoadError};
use crate::text::Lang;
use crate::ui::hit::{Hit, hit_test, nav};
use crate::ui::nav::Nav;

/// A reload asked for by a file change waits this long for more changes (an editor's save is
/// several events).
const DEBOUNCE: Duration = Duration::from_millis(200);
/// Reloads start at most this often, however many `r` are pressed.
const MIN_RELOAD_INTERVAL: Duration = Duration::from_secs(1);
/// Two clicks on the same panel within this time zoom it.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);
/// How long a notice stays in the footer.
const NOTICE: Duration = Duration::from_secs(3);

/// How a dashboard starts: the command line's view options, or a server's defaults refined by
/// each client's environment.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub theme: ThemeKind,
    pub color: TermProfile,
    pub ascii: bool,
    pub mouse: bool,
    /// Seconds per slide in presentation mode.
    pub present: Option<u64>,
    /// Start tab: a tab id or a 1-based number.
    pub tab: Option<String>,
    /// The data directory reloads read; `None` for the embedded data.
    pub data_dir: Option<PathBuf>,
    /// `--view`: a view string to start at (after `tab`).
    pub view: Option<String>,
    /// `--agenda`: the steps the clicker walks; the dashboard starts at the first unless
    /// `view` says otherwise.
    pub agenda: Option<Arc<crate::agenda::Agenda>>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            theme: ThemeKind::Dark,
            color: TermProfile::TrueColor,
            ascii: false,
            mouse: false,
            present: None,
            tab: None,
            data_dir: None,
            view: None,
            agenda: None,
        }
    }
}

/// `--tab` names no tab of the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tab `{name}`; expected one of {known} or 1–{count}")]
pub struct UnknownTab {
    pub name: String,
    pub known: String,
    pub count: usize,
}

/// Where a dashboard cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Tab(#[from] UnknownTab),
    #[error("--view `{text}`: {error}")]
    View {
        text: String,
        error: crate::app::PlaceError,
    },
}

/// `--zoom` or `export --indicator` names no indicator of the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown indicator `{id}`; the indicators are: {known}")]
pub struct UnknownIndicator {
    pub id: String,
    pub known: String,
}

impl UnknownIndicator {
    /// Opens the zoom view of `id` on `app`, or says which ids there are.
    pub fn zoom(app: &mut App, id: &str) -> Result<(), Self> {
        if app.zoom_on(id) {
            return Ok(());
        }
        let known: Vec<&str> = app
            .dataset
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        Err(Self {
            id: id.to_string(),
            known: known.join(", "),
        })
    }
}

impl Options {
    /// The app these options describe, on `dataset`.
    pub fn app(&self, dataset: Dataset) -> Result<App, StartError> {
        let mut app = App::new(dataset);
        app.lang = self.lang;
        app.theme = self.theme;
        app.color = self.color;
        app.ascii = self.ascii;
        app.mouse = self.mouse;
        app.presentation = self.present.map(|seconds| Presentation {
            seconds,
            paused: false,
            remaining: seconds,
        });
        if let Some(name) = &self.tab {
            app.tab = app.find_tab(name).ok_or_else(|| {
                let known: Vec<&str> = app.dataset.tabs.iter().map(|t| t.id.as_str()).collect();
                UnknownTab {
                    name: name.clone(),
                    known: known.join(", "),
                    count: known.len(),
                }
            })?;
        }
        if let Some(agenda) = &self.agenda {
            app.agenda = Some(agenda.clone());
            if self.view.is_none() && self.tab.is_none() {
                app.go_step(0);
                app.notice = None;
            }
        }
        if let Some(text) = &self.view {
            let place =
                crate::app::Place::parse(text, &app.dataset).map_err(|error| StartError::View {
                    text: text.clone(),
                    error,
                })?;
            app.go(&place);
        }
        Ok(app)
    }
}

/// What reaches the dashboard from outside.
#[derive(Debug)]
pub enum Event {
    Key(crossterm::event::KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A data file changed on disk.
    DataChanged,
    /// A reload this driver started has finished.
    Reloaded(Result<Dataset, LoadError>),
    /// An action from the caller itself (a `serve --follow` presenter's tab, say).
    Action(Action),
}

/// Where reload results go: the caller's own event queue.
pub type Deliver = Arc<dyn Fn(Result<Dataset, LoadError>) + Send + Sync>;

/// The reload policy's state.
#[derive(Default)]
struct Reload {
    /// A reload is due at this time.
    due: Option<Instant>,
    running: bool,
    /// Asked for again while one was running.
    again: bool,
    last_start: Option<Instant>,
}

pub struct Driver {
    pub app: App,
    size: Rect,
    data_dir: Option<PathBuf>,
    deliver: Deliver,
    next_slide: Option<Instant>,
    /// When the slideshow's countdown next changes.
    next_tick: Option<Instant>,
    reload: Reload,
    last_click: Option<(Instant, usize)>,
    /// When the footer's notice goes.
    notice_until: Option<Instant>,
    /// The console's clock: when the dashboard started, which agenda step it is on and since
    /// when, and when the shown seconds next change (only while the console is open).
    started: Instant,
    step_since: (usize, Instant),
    next_clock: Option<Instant>,
    /// Reloads read only the files that changed; `serve`'s sessions share one.
    loader: Arc<std::sync::Mutex<data::validate::Loader>>,
}

impl Driver {
    /// Drives `app` on a screen of `(width, height)`; reload results are handed to `deliver`,
    /// whose caller feeds them back as [`Event::Reloaded`].
    pub fn new(app: App, data_dir: Option<PathBuf>, size: (u16, u16), deliver: Deliver) -> Self {
        let mut driver = Self {
            app,
            size: Rect::new(0, 0, size.0, size.1),
            data_dir,
            deliver,
            next_slide: None,
            next_tick: None,
            reload: Reload::default(),
            last_click: None,
            notice_until: None,
            started: Instant::now(),
            step_since: (0, Instant::now()),
            next_clock: None,
            loader: Arc::default(),
        };
        let now = Instant::now();
        driver.started = now;
        driver.step_since = (driver.app.step, now);
        driver.next_slide = driver.app.slide_interval().map(|i| now + i);
        driver.count_down(now);
        driver
    }

    pub fn size(&self) -> Rect {
        self.size
    }

    /// Reloads through `loader`, shared with other drivers of the same data.
    pub fn share_loader(&mut self, loader: Arc<std::sync::Mutex<data::validate::Loader>>) {
        self.loader = loader;
    }

    /// Handles one event; returns whether the screen must be drawn again.
    pub fn handle(&mut self, event: Event, now: Instant) -> bool {
        let action = match event {
            // Any key pauses a slideshow, one that does nothing else too.
            Event::Key(key) if key.kind != KeyEventKind::Release => self
                .app
                .handle_key(key)
                .or_else(|| self.app.presenting().then_some(Action::Pause)),
            Event::Key(_) => None,
            Event::Mouse(mouse) => self.mouse(mouse, now),
            Event::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                return true;
            }
            Event::DataChanged => {
                self.request_reload(now, DEBOUNCE);
                return false;
            }
            Event::Reloaded(result) => {
                self.reload.running = false;
                if std::mem::take(&mut self.reload.again) {
                    self.request_reload(now, Duration::ZERO);
                }
                Some(Action::Reloaded(Box::new(result)))
            }
            Event::Action(action) => Some(action),
        };
        let Some(action) = action else {
            return false;
        };
        // A move is resolved on the layout the screen shows.
        let action = match action {
            Action::Move(direction) if !self.app.zoomed => {
                match nav(&self.app, self.size, direction) {
                    Nav::Focus(target) => Action::Focus(target),
                    Nav::PrevTab => Action::PrevTab,
                    Nav::NextTab => Action::NextTab,
                    // Nowhere to go; the key still pauses a slideshow.
                    Nav::Stay if self.app.presenting() => action,
                    Nav::Stay => return false,
                }
            }
            // In the zoom view the arrows step through the tab's panels, zoomed.
            Action::Move(direction) => Action::ZoomStep(matches!(
                direction,
                crate::action::Direction::Right | crate::action::Direction::Down
            )),
            other => other,
        };
        if action == Action::Reload {
            self.request_reload(now, Duration::ZERO);
        }
        self.apply(action, now);
        // A new notice, or a notice said again, shows for its full time.
        if self.app.notice.is_some() {
            self.notice_until = Some(now + NOTICE);
        }
        self.wake(now);
        true
    }

    /// The next time [`Driver::wake`] has something to do.
    pub fn deadline(&self) -> Option<Instant> {
        let reload = self.reload.due.filter(|_| !self.reload.running);
        [
            self.next_slide,
            self.next_tick,
            reload,
            self.notice_until,
            self.next_clock,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// While a slideshow runs: the seconds left to the footer, and when they next change.
    fn count_down(&mut self, now: Instant) -> bool {
        let Some(at) = self.next_slide.filter(|_| self.app.presenting()) else {
            self.next_tick = None;
            return false;
        };
        let left = at.saturating_duration_since(now);
        let seconds = left.as_millis().div_ceil(1000);
        let seconds = u64::try_from(seconds).unwrap_or(u64::MAX);
        self.next_tick = (seconds > 1)
            .then(|| at.checked_sub(Duration::from_secs(seconds - 1)))
            .flatten();
        let changed = self
            .app
            .presentation
            .is_some_and(|p| p.remaining != seconds);
        if changed {
            self.app.update(Action::Countdown(seconds));
        }
        changed
    }

    /// Does what is due at `now`: the next slide, a reload. Returns whether to redraw.
    pub fn wake(&mut self, now: Instant) -> bool {
        let mut redraw = false;
        if self.notice_until.is_some_and(|at| at <= now) {
            self.notice_until = None;
            self.app.update(Action::ClearNotice);
            redraw = true;
        }
        if self.next_slide.is_some_and(|at| at <= now) {
            // The tab's next page first, then the next tab.
            let action = match crate::ui::hit::next_page(&self.app, self.size) {
                Some(target) => Action::AdvanceTo(target),
                None => Action::Advance,
            };
            self.apply(action, now);
            redraw = true;
        }
        redraw |= self.count_down(now);
        redraw |= self.tick_clock(now);
        if !self.reload.running && self.reload.due.is_some_and(|at| at <= now) {
            self.reload.due = None;
            self.reload.running = true;
            self.reload.last_start = Some(now);
            let (dir, deliver) = (self.data_dir.clone(), self.deliver.clone());
            let loader = self.loader.clone();
            std::thread::spawn(move || {
                let mut loader = loader
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                deliver(data::reload(&mut loader, dir.as_deref()));
            });
        }
        redraw
    }

    fn apply(&mut self, action: Action, now: Instant) {
        let was_presenting = self.app.presenting();
        let advance = matches!(action, Action::Advance | Action::AdvanceTo(_));
        self.app.update(action);
        if advance || self.app.presenting() != was_presenting {
            self.next_slide = self.app.slide_interval().map(|i| now + i);
        }
        if self.app.step != self.step_since.0 {
            self.step_since = (self.app.step, now);
        }
    }

    /// While the console is open: its clock's seconds, and when they next change. Returns
    /// whether they changed. A closed console costs no wake-ups.
    fn tick_clock(&mut self, now: Instant) -> bool {
        if !self.app.console_open() {
            self.next_clock = None;
            return false;
        }
        let since = now.saturating_duration_since(self.started);
        let on_step = now.saturating_duration_since(self.step_since.1);
        let clock = crate::app::Clock {
            elapsed: since.as_secs(),
            on_step: on_step.as_secs(),
        };
        // The next whole second of either count.
        let to_next = |d: Duration| Duration::from_secs(d.as_secs() + 1).saturating_sub(d);
        self.next_clock = Some(now + to_next(since).min(to_next(on_step)));
        let changed = self.app.clock != clock;
        if changed {
            self.app.update(Action::Clock {
                elapsed: clock.elapsed,
                on_step: clock.on_step,
            });
        }
        changed
    }

    /// Asks for a reload in `delay`, no sooner than [`MIN_RELOAD_INTERVAL`] after the last.
    fn request_reload(&mut self, now: Instant, delay: Duration) {
        if self.reload.running {
            self.reload.again = true;
            return;
        }
        let earliest = self
            .reload
            .last_start
            .map_or(now, |last| last + MIN_RELOAD_INTERVAL);
        self.reload.due = Some((now + delay).max(earliest));
    }

    /// With `--mouse`: a click picks a tab or a panel, a second click on the same panel zooms
    /// it, the wheel moves the focus.
    fn mouse(&mut self, mouse: MouseEvent, now: Instant) -> Option<Action> {
        if !self.app.mouse {
            return None;
        }
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                match hit_test(&self.app, self.size, mouse.column, mouse.row)? {
                    Hit::Tab(tab) => (tab != self.app.tab).then_some(Action::SelectTab(tab)),
                    Hit::Panel(panel) => {
                        let double = self.last_click.is_some_and(|(at, p)| {
                            p == panel && now.duration_since(at) <= DOUBLE_CLICK
                        });
                        self.last_click = Some((now, panel));
                        Some(if double {
                            Action::Zoom
                        } else {
                            Action::Focus(panel)
                        })
                    }
                }
            }
            MouseEventKind::ScrollDown if !self.app.help => Some(Action::FocusNext),
            MouseEventKind::ScrollUp if !self.app.help => Some(Action::FocusPrev),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::sync::Mutex;

    fn driver() -> (Driver, Arc<Mutex<usize>>) {
        let loads = Arc::new(Mutex::new(0));
        let counter = loads.clone();
        let deliver: Deliver = Arc::new(move |_| *counter.lock().unwrap() += 1);
        let app = App::new(data::load_embedded().unwrap());
        (Driver::new(app, None, (120, 40), deliver), loads)
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn file_changes_are_debounced_and_keys_rate_limited() {
        let (mut d, _) = driver();
        let t0 = Instant::now();
        assert!(!d.handle(Event::DataChanged, t0));
        assert!(!d.handle(Event::DataChanged, t0 + Duration::from_millis(50)));
        assert_eq!(
            d.deadline(),
            Some(t0 + Duration::from_millis(250)),
            "debounced"
        );
        d.wake(t0 + Duration::from_millis(250));
        assert!(d.reload.running && d.deadline().is_none());
        d.handle(key('r'), t0 + Duration::from_millis(300));
        assert!(d.reload.again, "asked again while running");
        d.handle(
            Event::Reloaded(data::load_embedded()),
            t0 + Duration::from_millis(400),
        );
        assert_eq!(
            d.deadline(),
            Some(t0 + Duration::from_millis(1250)),
            "no sooner than a second after the last"
        );
    }

    #[test]
    fn a_saved_file_does_not_pause_the_slideshow_but_a_key_does() {
        let (mut d, _) = driver();
        d.app.presentation = Some(Presentation {
            seconds: 5,
            paused: false,
            remaining: 5,
        });
        let t0 = Instant::now();
        d.handle(Event::DataChanged, t0);
        d.handle(Event::Reloaded(data::load_embedded()), t0);
        assert!(d.app.presenting());
        d.handle(key('j'), t0);
        assert!(!d.app.presenting());
    }

    #[test]
    fn a_click_focuses_and_a_second_click_zooms() {
        let (mut d, _) = driver();
        d.app.mouse = true;
        let click = |column, row| {
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        };
        let t0 = Instant::now();
        d.handle(click(30, 2), t0);
        assert_eq!((d.app.focus(), d.app.zoomed), (1, false));
        d.handle(click(30, 2), t0 + Duration::from_millis(200));
        assert!(d.app.zoomed);
        d.app.zoomed = false;
        d.handle(click(30, 2), t0 + Duration::from_secs(2));
        assert!(!d.app.zoomed, "too slow for a double click");
    }

    #[test]
    fn options_name_an_unknown_tab() {
        let options = Options {
            tab: Some("nope".into()),
            ..Options::default()
        };
        let error = options.app(data::load_embedded().unwrap()).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("unknown tab `nope`; expected one of overview")
        );
    }
}
