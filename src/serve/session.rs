//! One client's dashboard: the same [`Driver`] as the local terminal, drawn on a [`Screen`]
//! whose frames go down the SSH channel.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event::Event;
use russh::ChannelId;
use russh::keys::PublicKey;
use russh::server::Handle;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

use super::input::KeyDecoder;
use super::screen::{Screen, Sent};
use super::{Shared, keys};
use crate::action::Action;
use crate::app::{App, Follow, TermProfile};
use crate::driver::{self, Driver};
use crate::text::Lang;

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

/// The server's options refined by what this client's environment says.
fn client_options(shared: &Shared, start: &Start) -> driver::Options {
    let config = &shared.config;
    let mut options = config.options.clone();
    if !config.color_forced {
        options.color = client_profile(&start.term, &start.env);
    }
    if !config.lang_forced {
        options.lang = client_lang(&start.env, options.lang);
    }
    // Clicks need the client's own mouse reports; a server session never asks for them.
    options.mouse = false;
    options
}

/// A session's state between events.
struct Session {
    start: Start,
    driver: Driver,
    screen: Screen,
    frames: mpsc::Sender<Vec<u8>>,
    decoder: KeyDecoder,
    /// The screen must be drawn again.
    dirty: bool,
    /// A frame was skipped; the next one must wait until the client has room.
    behind: bool,
    last_input: Instant,
}

impl Session {
    /// Sends a frame if the screen changed; `false` when the client is gone.
    fn draw(&mut self) -> bool {
        if !std::mem::take(&mut self.dirty) {
            return true;
        }
        match self.screen.send_frame(&self.driver.app, &self.frames) {
            Sent::Yes => self.behind = false,
            Sent::Skipped => self.behind = true,
            Sent::Gone => return false,
        }
        true
    }

    fn handle(&mut self, event: driver::Event) {
        self.dirty |= self.driver.handle(event, std::time::Instant::now());
    }

    /// What the client sent: keys or a new size.
    fn input(&mut self, input: Input, presenter_tab: usize) {
        match input {
            Input::Resize(size) => {
                self.screen.resize(size);
                self.handle(driver::Event::Resize(size.0, size.1));
                self.dirty = true;
            }
            Input::Bytes(bytes) => {
                self.last_input = Instant::now();
                let was_free = self.driver.app.follow == Some(Follow::Free);
                for event in self.decoder.decode(&bytes) {
                    if let Event::Key(key) = event {
                        self.handle(driver::Event::Key(key));
                    }
                }
                // `f` rejoins the presenter on the presenter's tab.
                if was_free && self.driver.app.follow == Some(Follow::Following) {
                    self.handle(driver::Event::Action(Action::FollowTab(presenter_tab)));
                }
            }
        }
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
    let options = client_options(&shared, &start);
    let dataset = shared.dataset.lock().map(|d| d.clone()).unwrap_or_default();
    let Ok(mut app) = options.app(dataset) else {
        return;
    };
    join_follow(&shared, &start, &mut app);
    let (reloaded, mut reloads) = mpsc::channel(1);
    let deliver: driver::Deliver = Arc::new(move |result| {
        let _ = reloaded.blocking_send(result);
    });
    let driver = Driver::new(app, options.data_dir.clone(), start.size, deliver);
    let (frames, writer) = spawn_writer(handle.clone(), channel);
    let Ok(mut screen) = Screen::new(start.size) else {
        return;
    };
    screen.enter();
    let idle = shared.config.idle_timeout;
    let mut presenter_tab = shared.presenter_tab.subscribe();
    let mut audience = shared.audience.subscribe();
    let mut shutdown = shared.shutdown.subscribe();
    let mut s = Session {
        start,
        driver,
        screen,
        frames: frames.clone(),
        decoder: KeyDecoder::default(),
        dirty: true,
        behind: false,
        last_input: Instant::now(),
    };
    let goodbye: Option<String> = loop {
        if !s.draw() {
            break None;
        }
        let deadline = s.driver.deadline().map(Instant::from_std);
        let far = Instant::now() + Duration::from_hours(24);
        let following = s.driver.app.follow == Some(Follow::Following);
        tokio::select! {
            input = inbox.recv() => match input {
                None => break None,
                Some(input) => s.input(input, *presenter_tab.borrow()),
            },
            Some(result) = reloads.recv() => {
                if let (Ok(dataset), Ok(mut shared_data)) = (&result, shared.dataset.lock()) {
                    shared_data.clone_from(dataset);
                }
                s.handle(driver::Event::Reloaded(result));
            }
            // The client caught up after skipped frames: send a complete one.
            Ok(permit) = frames.reserve(), if s.behind => {
                drop(permit);
                s.behind = false;
                s.dirty = true;
            }
            Ok(()) = presenter_tab.changed(), if following => {
                let tab = *presenter_tab.borrow_and_update();
                s.handle(driver::Event::Action(Action::FollowTab(tab)));
            }
            Ok(()) = audience.changed(), if s.driver.app.follow.is_some() => {
                let viewers = audience.borrow_and_update().saturating_sub(1);
                s.dirty |= audience_changed(&shared, &s.start, &mut s.driver.app, viewers);
            }
            () = sleep_until(deadline.unwrap_or(far)), if deadline.is_some() => {
                s.dirty |= s.driver.wake(std::time::Instant::now());
            }
            () = sleep_until(s.last_input + idle) => {
                break Some(format!(
                    "jx-dash: disconnected after {} s without a key.\r\n",
                    idle.as_secs()
                ));
            }
            _ = shutdown.recv() => break Some("jx-dash: the server is shutting down.\r\n".into()),
        }
        if s.driver.app.quit {
            break Some(String::new());
        }
        publish_tab(&shared, &s.driver.app);
    };
    finish(
        &handle,
        channel,
        &mut s.screen,
        frames,
        writer,
        goodbye.as_deref(),
    )
    .await;
}

/// In `--follow`, the first eligible session presents and the others follow its tab.
fn join_follow(shared: &Shared, start: &Start, app: &mut App) {
    if !shared.config.follow {
        return;
    }
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
