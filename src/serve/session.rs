//! One client's dashboard: the same `App`, `handle_key`, `update` and rendering as the local
//! terminal, drawn through a ratatui backend that writes to the SSH channel.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{cursor, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::keys::PublicKey;
use russh::server::Handle;
use tokio::sync::{mpsc, watch};
use tokio::time::{Instant, sleep_until};

use super::input::KeyDecoder;
use super::{Shared, keys};
use crate::action::Action;
use crate::app::{App, Follow, Presentation};
use crate::data::{self, Lang};
use crate::ui::theme::{TermProfile, Theme};

/// Frames waiting for a slow client; beyond this, frames are skipped (and the next one redraws
/// the whole screen, so the client never sees a broken diff).
const FRAME_QUEUE: usize = 2;
/// How soon a skipped frame is retried.
const RETRY: Duration = Duration::from_millis(250);

/// What the connection forwards to its session.
pub(super) enum Input {
    Bytes(Vec<u8>),
    Resize((u16, u16)),
}

/// What the client asked for before its shell started.
pub(super) struct Start {
    pub id: u64,
    pub term: String,
    pub env: BTreeMap<String, String>,
    pub size: (u16, u16),
    pub key: Option<PublicKey>,
}

/// Collects what ratatui writes for one frame; the session takes the bytes after each draw.
#[derive(Default, Clone)]
struct FrameSink(Arc<Mutex<Vec<u8>>>);

impl FrameSink {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut b| std::mem::take(&mut *b))
            .unwrap_or_default()
    }

    fn append(&self, bytes: &[u8]) {
        if let Ok(mut b) = self.0.lock() {
            b.extend_from_slice(bytes);
        }
    }
}

impl Write for FrameSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.append(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type SshTerminal = Terminal<CrosstermBackend<FrameSink>>;

/// Counts the session while it lives, and gives up the presenter role when it ends.
struct Registration {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let live = self.shared.sessions.fetch_sub(1, Ordering::SeqCst) - 1;
        self.shared.audience.send_replace(live);
        if let Ok(mut presenter) = self.shared.presenter.lock()
            && *presenter == Some(self.id)
        {
            *presenter = None;
        }
    }
}

/// The color depth this client's terminal supports, from its own TERM and environment.
fn client_profile(term: &str, env: &BTreeMap<String, String>) -> TermProfile {
    let mut vars = termprofile::TermVars::default();
    vars.meta.is_terminal = true;
    vars.meta.term = termprofile::TermVar::new(term);
    if let Some(colorterm) = env.get("COLORTERM") {
        vars.meta.colorterm = termprofile::TermVar::new(colorterm);
    }
    if let Some(no_color) = env.get("NO_COLOR") {
        vars.overrides.no_color = termprofile::TermVar::new(no_color);
    }
    TermProfile::detect_with_vars(vars)
}

fn client_lang(env: &BTreeMap<String, String>, default: Lang) -> Lang {
    let locale = env.get("LC_ALL").or_else(|| env.get("LANG"));
    match locale {
        Some(l) if l.starts_with("zh") => Lang::Zh,
        Some(l) if l.starts_with("en") => Lang::En,
        _ => default,
    }
}

pub(super) async fn run(
    shared: Arc<Shared>,
    handle: Handle,
    channel: ChannelId,
    start: Start,
    mut inbox: mpsc::UnboundedReceiver<Input>,
) {
    let live = shared.sessions.fetch_add(1, Ordering::SeqCst) + 1;
    shared.audience.send_replace(live);
    let _registration = Registration {
        shared: shared.clone(),
        id: start.id,
    };
    let mut app = new_app(&shared, &start);

    let (frames, writer) = spawn_writer(handle.clone(), channel);
    let Ok(mut screen) = Screen::new(start.size) else {
        return;
    };
    screen.enter();
    let mut dirty = true;
    let mut retry_at: Option<Instant> = None;
    let mut next_slide = slide_deadline(&app);
    let mut presenter_tab = shared.presenter_tab.subscribe();
    let mut audience = shared.audience.subscribe();
    let mut shutdown = shared.shutdown.subscribe();
    let mut decoder = KeyDecoder::default();
    let goodbye: Option<&str> = loop {
        if dirty {
            dirty = false;
            match screen.send_frame(&app, &frames) {
                Sent::Yes => retry_at = None,
                Sent::Skipped => retry_at = Some(Instant::now() + RETRY),
                Sent::Gone => break None,
            }
        }
        let far = Instant::now() + Duration::from_hours(24);
        let mut actions = Vec::new();
        tokio::select! {
            input = inbox.recv() => match input {
                None => break None,
                Some(Input::Resize(size)) => {
                    screen.resize(size);
                    dirty = true;
                }
                Some(Input::Bytes(bytes)) => {
                    for event in decoder.decode(&bytes) {
                        if let Event::Key(key) = event
                            && key.kind != KeyEventKind::Release
                            && let Some(action) = app.handle_key(key)
                        {
                            actions.push(action);
                        }
                    }
                }
            },
            Ok(()) = presenter_tab.changed(), if app.follow == Some(Follow::Following) => {
                actions.push(Action::FollowTab(*presenter_tab.borrow_and_update()));
            }
            Ok(()) = audience.changed(), if matches!(app.follow, Some(Follow::Presenter { .. })) => {
                let viewers = audience.borrow_and_update().saturating_sub(1);
                app.follow = Some(Follow::Presenter { viewers });
                dirty = true;
            }
            () = sleep_until(next_slide.unwrap_or(far)), if next_slide.is_some() => {
                actions.push(Action::Advance);
            }
            () = sleep_until(retry_at.unwrap_or(far)), if retry_at.is_some() => {
                retry_at = None;
                dirty = true;
            }
            _ = shutdown.recv() => break Some("jx-dash: the server is shutting down.\r\n"),
        }
        let was_presenting = app.presenting();
        if !actions.is_empty() {
            apply(&shared, &mut app, actions, &presenter_tab);
            dirty = true;
        }
        if app.quit {
            break Some("");
        }
        if app.presenting() != was_presenting || next_slide.is_some_and(|t| t <= Instant::now()) {
            next_slide = slide_deadline(&app);
        }
        if matches!(app.follow, Some(Follow::Presenter { .. })) {
            shared.presenter_tab.send_if_modified(|tab| {
                let changed = *tab != app.tab;
                *tab = app.tab;
                changed
            });
        }
    };
    finish(&handle, channel, &mut screen, frames, writer, goodbye).await;
}

/// The writer task owns the channel's output, so the session never waits on the network.
fn spawn_writer(
    handle: Handle,
    channel: ChannelId,
) -> (mpsc::Sender<Vec<u8>>, tokio::task::JoinHandle<()>) {
    let (frames, mut outbox) = mpsc::channel::<Vec<u8>>(FRAME_QUEUE);
    let writer = tokio::spawn(async move {
        while let Some(bytes) = outbox.recv().await {
            if handle.data(channel, bytes).await.is_err() {
                break;
            }
        }
    });
    (frames, writer)
}

/// Restores the client's terminal (with a last word, if any), then ends the channel.
async fn finish(
    handle: &Handle,
    channel: ChannelId,
    screen: &mut Screen,
    frames: mpsc::Sender<Vec<u8>>,
    writer: tokio::task::JoinHandle<()>,
    goodbye: Option<&str>,
) {
    if let Some(goodbye) = goodbye {
        let mut bye = screen.leave();
        bye.extend_from_slice(goodbye.as_bytes());
        let _ = tokio::time::timeout(Duration::from_millis(500), frames.send(bye)).await;
    }
    drop(frames);
    let _ = tokio::time::timeout(Duration::from_secs(1), writer).await;
    let _ = handle.exit_status_request(channel, 0).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
}

/// Carries out a session's actions; reloading the data is the one with I/O.
fn apply(
    shared: &Shared,
    app: &mut App,
    actions: Vec<Action>,
    presenter_tab: &watch::Receiver<usize>,
) {
    for action in actions {
        let rejoin = action == Action::Rejoin;
        let reload = action == Action::Reload;
        app.update(action);
        if reload {
            let result = data::load(shared.config.data_dir.as_deref());
            if let Ok(dataset) = &result
                && let Ok(mut shared_data) = shared.dataset.lock()
            {
                shared_data.clone_from(dataset);
            }
            app.update(Action::Reloaded(Box::new(result)));
        }
        if rejoin {
            app.update(Action::FollowTab(*presenter_tab.borrow()));
        }
    }
}

fn new_app(shared: &Shared, start: &Start) -> App {
    let view = shared.config.view;
    let dataset = shared.dataset.lock().map(|d| d.clone()).unwrap_or_default();
    let mut app = App::new(dataset);
    let profile = view
        .color
        .unwrap_or_else(|| client_profile(&start.term, &start.env));
    app.theme = Theme::new(view.theme, profile);
    app.ascii = view.ascii;
    app.lang = if view.lang_forced {
        view.lang
    } else {
        client_lang(&start.env, view.lang)
    };
    app.presentation = view.present.map(|seconds| Presentation {
        seconds,
        paused: false,
    });
    if shared.config.follow {
        app.follow = Some(if claim_presenter(shared, start) {
            Follow::Presenter {
                viewers: shared.sessions.load(Ordering::SeqCst).saturating_sub(1),
            }
        } else {
            app.tab = *shared.presenter_tab.borrow();
            Follow::Following
        });
    }
    app
}

/// The presenter is the session whose key is in `--presenter-keys`, or else the first one.
fn claim_presenter(shared: &Shared, start: &Start) -> bool {
    let Ok(mut presenter) = shared.presenter.lock() else {
        return false;
    };
    let eligible = if shared.config.presenter_keys.is_empty() {
        presenter.is_none()
    } else {
        start
            .key
            .as_ref()
            .is_some_and(|k| keys::contains(&shared.config.presenter_keys, k))
    };
    if eligible {
        *presenter = Some(start.id);
    }
    eligible
}

fn slide_deadline(app: &App) -> Option<Instant> {
    let seconds = app.presentation.filter(|_| app.presenting())?.seconds;
    Some(Instant::now() + Duration::from_secs(seconds))
}

enum Sent {
    Yes,
    /// The client is behind: the frame was dropped and the next one redraws everything.
    Skipped,
    Gone,
}

/// A ratatui terminal whose output is collected per frame.
struct Screen {
    terminal: SshTerminal,
    sink: FrameSink,
    area: Rect,
}

impl Screen {
    fn new((width, height): (u16, u16)) -> std::io::Result<Self> {
        let area = Rect::new(0, 0, width, height);
        let sink = FrameSink::default();
        let terminal = Terminal::with_options(
            CrosstermBackend::new(sink.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )?;
        Ok(Self {
            terminal,
            sink,
            area,
        })
    }

    /// The alternate screen, a hidden cursor and a clear screen, queued before the first frame.
    fn enter(&mut self) {
        let _ = crossterm::queue!(
            self.sink,
            terminal::EnterAlternateScreen,
            cursor::Hide,
            terminal::Clear(terminal::ClearType::All)
        );
    }

    /// The bytes that give the client its terminal back.
    fn leave(&mut self) -> Vec<u8> {
        let mut bytes = self.sink.take();
        let _ = crossterm::queue!(bytes, cursor::Show, terminal::LeaveAlternateScreen);
        bytes
    }

    fn resize(&mut self, (width, height): (u16, u16)) {
        self.area = Rect::new(0, 0, width, height);
        // Resizing also clears and forgets the previous frame: the next one is complete.
        let _ = self.terminal.resize(self.area);
    }

    fn send_frame(&mut self, app: &App, frames: &mpsc::Sender<Vec<u8>>) -> Sent {
        let _ = crossterm::queue!(self.sink, BeginSynchronizedUpdate);
        if self
            .terminal
            .draw(|frame| frame.render_widget(app, frame.area()))
            .is_err()
        {
            return Sent::Gone;
        }
        let _ = crossterm::queue!(self.sink, EndSynchronizedUpdate);
        let bytes = self.sink.take();
        match frames.try_send(bytes) {
            Ok(()) => Sent::Yes,
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.resize((self.area.width, self.area.height));
                Sent::Skipped
            }
            Err(mpsc::error::TrySendError::Closed(_)) => Sent::Gone,
        }
    }
}
