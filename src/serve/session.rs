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

/// What the connection forwards to its session.
pub(super) enum Input {
    Bytes(Vec<u8>),
    Resize((u16, u16)),
}

/// What the client asked for before its shell started.
pub(super) struct Start {
    /// Frees the session's slot when the session ends.
    pub slot: Option<super::Slot>,
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

/// Gives up the presenter role when the session ends.
struct Registration {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
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
    mut start: Start,
    mut inbox: mpsc::Receiver<Input>,
) {
    let _registration = Registration {
        shared: shared.clone(),
        id: start.id,
    };
    let _slot = start.slot.take();
    let mut app = new_app(&shared, &start);
    let (frames, writer) = spawn_writer(handle.clone(), channel);
    let Ok(mut screen) = Screen::new(start.size) else {
        return;
    };
    screen.enter();
    let mut state = LoopState {
        dirty: true,
        behind: false,
        next_slide: slide_deadline(&app),
        last_input: Instant::now(),
        last_reload: None,
    };
    let idle = shared.config.idle_timeout;
    let mut presenter_tab = shared.presenter_tab.subscribe();
    let mut audience = shared.audience.subscribe();
    let mut shutdown = shared.shutdown.subscribe();
    let mut decoder = KeyDecoder::default();
    let goodbye: Option<String> = loop {
        if state.dirty {
            state.dirty = false;
            match screen.send_frame(&app, &frames) {
                Sent::Yes => state.behind = false,
                Sent::Skipped => state.behind = true,
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
                    state.dirty = true;
                }
                Some(Input::Bytes(bytes)) => {
                    state.last_input = Instant::now();
                    actions = key_actions(&app, &mut decoder, &bytes);
                }
            },
            // The client caught up after skipped frames: send a complete one.
            Ok(permit) = frames.reserve(), if state.behind => {
                drop(permit);
                state.behind = false;
                state.dirty = true;
            }
            Ok(()) = presenter_tab.changed(), if app.follow == Some(Follow::Following) => {
                actions.push(Action::FollowTab(*presenter_tab.borrow_and_update()));
            }
            Ok(()) = audience.changed(), if app.follow.is_some() => {
                let viewers = audience.borrow_and_update().saturating_sub(1);
                state.dirty |= audience_changed(&shared, &start, &mut app, viewers);
            }
            () = sleep_until(state.next_slide.unwrap_or(far)), if state.next_slide.is_some() => {
                actions.push(Action::Advance);
            }
            () = sleep_until(state.last_input + idle) => {
                break Some(format!(
                    "jx-dash: disconnected after {} s without a key.\r\n",
                    idle.as_secs()
                ));
            }
            _ = shutdown.recv() => break Some("jx-dash: the server is shutting down.\r\n".into()),
        }
        if actions.is_empty() {
            continue;
        }
        let was_presenting = app.presenting();
        state
            .apply(&shared, &mut app, actions, &presenter_tab)
            .await;
        if app.quit {
            break Some(String::new());
        }
        if app.presenting() != was_presenting
            || state.next_slide.is_some_and(|t| t <= Instant::now())
        {
            state.next_slide = slide_deadline(&app);
        }
        publish_tab(&shared, &app);
    };
    finish(
        &handle,
        channel,
        &mut screen,
        frames,
        writer,
        goodbye.as_deref(),
    )
    .await;
}

/// The actions the keys in `bytes` ask for.
fn key_actions(app: &App, decoder: &mut KeyDecoder, bytes: &[u8]) -> Vec<Action> {
    decoder
        .decode(bytes)
        .into_iter()
        .filter_map(|event| match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(key),
            _ => None,
        })
        .collect()
}

/// The session loop's bookkeeping.
struct LoopState {
    dirty: bool,
    /// A frame was skipped; the next one must wait until the client has room.
    behind: bool,
    next_slide: Option<Instant>,
    last_input: Instant,
    last_reload: Option<Instant>,
}

impl LoopState {
    /// Carries out a batch of actions. Reloading reads files, so it runs off the async workers,
    /// at most once per batch and once a second, however many `r` a client sends.
    async fn apply(
        &mut self,
        shared: &Shared,
        app: &mut App,
        actions: Vec<Action>,
        presenter_tab: &watch::Receiver<usize>,
    ) {
        let mut reload = false;
        for action in actions {
            reload |= action == Action::Reload;
            let rejoin = action == Action::Rejoin;
            app.update(action);
            if rejoin {
                app.update(Action::FollowTab(*presenter_tab.borrow()));
            }
        }
        self.dirty = true;
        let recent = self
            .last_reload
            .is_some_and(|t| t.elapsed() < Duration::from_secs(1));
        if reload && !recent {
            self.last_reload = Some(Instant::now());
            let dir = shared.config.data_dir.clone();
            let Ok(result) = tokio::task::spawn_blocking(move || data::load(dir.as_deref())).await
            else {
                return;
            };
            if let Ok(dataset) = &result
                && let Ok(mut shared_data) = shared.dataset.lock()
            {
                shared_data.clone_from(dataset);
            }
            app.update(Action::Reloaded(Box::new(result)));
        }
    }
}

/// Sessions came or went: the presenter's header counts viewers, and a presenter who left is
/// replaced by the next eligible session. Returns whether the screen changes.
fn audience_changed(shared: &Shared, start: &Start, app: &mut App, viewers: usize) -> bool {
    let presenting = matches!(app.follow, Some(Follow::Presenter { .. }));
    if presenting || claim_presenter(shared, start) {
        app.follow = Some(Follow::Presenter { viewers });
        publish_tab(shared, app);
        return true;
    }
    false
}

/// The presenter's tab is what followers show.
fn publish_tab(shared: &Shared, app: &App) {
    if matches!(app.follow, Some(Follow::Presenter { .. })) {
        shared.presenter_tab.send_if_modified(|tab| {
            let changed = *tab != app.tab;
            *tab = app.tab;
            changed
        });
    }
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
    let limit = Duration::from_secs(1);
    let _ = tokio::time::timeout(limit, writer).await;
    // A client that stopped reading must not keep the session (and its slot) alive.
    let _ = tokio::time::timeout(limit, async {
        let _ = handle.exit_status_request(channel, 0).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
    })
    .await;
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
    if let Some(tab) = view.tab {
        app.tab = tab.min(app.dataset.tabs.len().saturating_sub(1));
    }
    if shared.config.follow {
        if claim_presenter(shared, start) {
            app.follow = Some(Follow::Presenter {
                viewers: shared.sessions.load(Ordering::SeqCst).saturating_sub(1),
            });
            shared.presenter_tab.send_replace(app.tab);
        } else {
            // Followers show the presenter's slides, not a timer of their own.
            app.presentation = None;
            app.tab = *shared.presenter_tab.borrow();
            app.follow = Some(Follow::Following);
        }
    }
    app
}

/// The presenter is the session whose key is in `--presenter-keys`, or else the first one.
fn claim_presenter(shared: &Shared, start: &Start) -> bool {
    let Ok(mut presenter) = shared.presenter.lock() else {
        return false;
    };
    // One presenter at a time: the first session, or the first with a presenter key.
    let eligible = presenter.is_none()
        && (shared.config.presenter_keys.is_empty()
            || start
                .key
                .as_ref()
                .is_some_and(|k| keys::contains(&shared.config.presenter_keys, k)));
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

    /// A new size, or a forced full redraw: a fresh terminal (ratatui's own `resize` would ask
    /// the server's tty for its size) and a cleared screen, so the next frame is complete.
    fn resize(&mut self, (width, height): (u16, u16)) {
        self.area = Rect::new(0, 0, width, height);
        if let Ok(terminal) = Terminal::with_options(
            CrosstermBackend::new(self.sink.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(self.area),
            },
        ) {
            self.terminal = terminal;
        }
        let _ = crossterm::queue!(self.sink, terminal::Clear(terminal::ClearType::All));
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
