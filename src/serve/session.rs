//! One client's dashboard: the same [`Driver`] as the local terminal, drawn on a [`Screen`]
//! whose frames go down the SSH channel.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::Event;
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

use super::follow::{self, Registration};
use super::input::{InputBudget, KeyDecoder};
use super::room;
use super::screen::{Screen, Sent};
use super::{Shared, Start};
use crate::app::{Follow, TermProfile};
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

impl Input {
    /// Key bytes it carries.
    fn len(&self) -> usize {
        match self {
            Input::Bytes(bytes) => bytes.len(),
            Input::Resize(_) => 0,
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
    // Only the presenter's session is given the notes (see `follow::present`).
    options.agenda.clone_from(&shared.public_agenda);
    if start.view.is_some() {
        options.view.clone_from(&start.view);
    }
    options
}

/// A session's state between events.
struct Session {
    start: Start,
    driver: Driver,
    screen: Screen,
    frames: mpsc::Sender<Vec<u8>>,
    /// Sends the frames down the channel.
    writer: tokio::task::JoinHandle<()>,
    decoder: KeyDecoder,
    /// The screen must be drawn again.
    dirty: bool,
    /// A frame was skipped; the next one must wait until the client has room.
    behind: bool,
    /// The client's latest window size, applied before the next frame (a flood of window
    /// changes costs one redraw, not one each).
    resized: Option<(u16, u16)>,
    /// No new size is applied before then (each is a new screen and a full frame).
    next_resize: Instant,
    budget: InputBudget,
    last_input: Instant,
}

impl Session {
    /// Sends a frame if the screen changed; `false` when the client is gone.
    fn draw(&mut self, shared: &Shared) -> bool {
        let now = Instant::now();
        if self.resized.is_some() && now >= self.next_resize {
            let size = self.resized.take().unwrap_or_default();
            self.next_resize = now + RESIZE_INTERVAL;
            self.screen.resize(size);
            self.handle(driver::Event::Resize(size.0, size.1));
            follow::sized(shared, self.start.id, Some(size));
            self.dirty = true;
        }
        if let Some(text) = self.driver.app.clipboard.take() {
            self.screen.copy(text);
        }
        if !std::mem::take(&mut self.dirty) {
            return true;
        }
        match self.screen.send_frame(&self.driver.app, &self.frames) {
            Sent::Yes => self.behind = false,
            Sent::Skipped => self.behind = true,
            Sent::Gone => return false,
        }
        if follow::presenting(&self.driver.app) {
            self.room(shared);
        }
        true
    }

    /// The presenter's frame as the room sees it, to the recording and the browsers.
    fn room(&mut self, shared: &Shared) {
        let size = self.screen.size();
        if let Some(http) = &shared.http {
            let buffer = room::with_room_view(&mut self.driver.app, |app| {
                crate::export::render(app, size.0, size.1)
            });
            http.publish(super::http::Frame {
                cols: size.0,
                rows: size.1,
                html: crate::export::rows_html(&buffer),
            });
        }
        if let Some(handout) = &shared.handout
            && let Ok(mut handout) = handout.lock()
        {
            room::with_room_view(&mut self.driver.app, |app| {
                handout.add(app, size, &crate::export::handout::view_title(app));
            });
        }
        let Some(recorder) = &shared.recorder else {
            return;
        };
        let Ok(mut recorder) = recorder.lock() else {
            return;
        };
        if let Some(r) = recorder.as_mut()
            && let Err(e) = room::with_room_view(&mut self.driver.app, |app| r.frame(app, size))
        {
            shared.log.line(format_args!(
                "recording to {} stopped: {e}",
                r.path().display()
            ));
            *recorder = None;
        }
    }

    fn handle(&mut self, event: driver::Event) {
        self.dirty |= self.driver.handle(event, std::time::Instant::now());
    }

    fn following(&self) -> bool {
        self.driver.app.follow == Some(Follow::Following)
    }

    /// What the client sent: keys or a new size.
    fn input(&mut self, shared: &Shared, input: Input) {
        match input {
            Input::Resize(size) => self.resized = Some(size),
            Input::Bytes(bytes) => {
                self.last_input = Instant::now();
                let allowed = self.budget.take(bytes.len(), std::time::Instant::now());
                let was = (self.driver.app.follow, follow::view_of(&self.driver.app));
                self.keys(shared, &bytes[..allowed], was);
                follow::moved(shared, was.0, self.driver.app.follow);
            }
        }
    }

    /// The client's keys, and what they do to following the presenter.
    fn keys(&mut self, shared: &Shared, bytes: &[u8], was: (Option<Follow>, super::View)) {
        for event in self.decoder.decode(bytes) {
            if let Event::Key(key) = event {
                self.handle(driver::Event::Key(key));
            }
        }
        if follow::presenting(&self.driver.app) {
            follow::active(shared);
        } else if was.0 == Some(Follow::Following)
            && self.following()
            && follow::view_of(&self.driver.app) != was.1
        {
            // A follower who moves the focus, zooms, or changes the view, year or currency
            // on its own breaks away, as one who changes tab does.
            self.driver.app.follow = Some(Follow::Free);
            self.dirty = true;
        } else if was.0 == Some(Follow::Free) && self.following() {
            // `f` rejoins the presenter where the presenter is.
            let view = *shared.presenter_view.borrow();
            self.dirty |= follow::apply(&mut self.driver, view);
        }
    }

    /// When the session counts as idle: no key of its own, nor (while following) of the
    /// presenter's, for the idle timeout.
    fn idle_at(&self, shared: &Shared) -> Instant {
        let last = if self.following() {
            self.last_input.max(follow::active_at(shared))
        } else {
            self.last_input
        };
        last + shared.config.idle_timeout
    }
}

/// At most this often a session takes a new window size: a flood of window changes costs
/// a few full frames a second, not one each.
const RESIZE_INTERVAL: Duration = Duration::from_millis(50);

/// Window changes and short key chunks already waiting are handled together, before the next
/// frame (a flood of window changes costs one redraw); past this many bytes of keys the
/// session draws and waits again, so it never holds a worker thread for long.
const INPUT_BATCH: usize = 4096;

impl Session {
    /// The session's dashboard on its own screen, ready for its first frame, and where its
    /// reloads arrive; `None` if it cannot be built.
    fn new(
        shared: &Shared,
        handle: &Handle,
        channel: ChannelId,
        start: Start,
    ) -> Option<(Self, Reloads)> {
        let options = client_options(shared, &start);
        let dataset = shared.dataset.lock().map(|d| d.clone()).unwrap_or_default();
        let mut app = options.app(dataset).ok()?;
        app.join = Some(shared.join.clone());
        follow::sized(shared, start.id, Some(start.size));
        follow::join(shared, &start, &mut app);
        // The presenter starts on the join screen, for the room to join, until a key.
        app.join_open = follow::presenting(&app) && start.view.is_none();
        let (reloaded, reloads) = mpsc::channel(1);
        let deliver: driver::Deliver = Arc::new(move |result| {
            let _ = reloaded.blocking_send(result);
        });
        let mut driver = Driver::new(app, options.data_dir.clone(), start.size, deliver);
        driver.share_loader(shared.loader.clone());
        follow::apply(&mut driver, *shared.presenter_view.borrow());
        let mut screen = Screen::new(start.size).ok()?;
        screen.enter();
        let (frames, writer) = spawn_writer(handle.clone(), channel);
        let session = Self {
            start,
            driver,
            screen,
            frames,
            writer,
            decoder: KeyDecoder::default(),
            dirty: true,
            behind: false,
            resized: None,
            next_resize: Instant::now(),
            budget: InputBudget::new(std::time::Instant::now()),
            last_input: Instant::now(),
        };
        Some((session, reloads))
    }
}

type Reloads = mpsc::Receiver<Result<crate::data::Dataset, crate::data::LoadError>>;

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
    let Some((mut s, mut reloads)) = Session::new(&shared, &handle, channel, start) else {
        return;
    };
    let frames = s.frames.clone();
    let idle = shared.config.idle_timeout;
    let mut view = shared.presenter_view.subscribe();
    let mut seat = shared.presenter.subscribe();
    let mut audience = shared.audience.subscribe();
    let mut shutdown = shared.shutdown.subscribe();
    let goodbye: Option<String> = loop {
        if !s.draw(&shared) {
            break None;
        }
        let deadline = s.driver.deadline().map(Instant::from_std);
        let far = Instant::now() + Duration::from_hours(24);
        let presenting = follow::presenting(&s.driver.app);
        let may_present = s.driver.app.follow.is_some() && !presenting;
        tokio::select! {
            input = inbox.recv() => match input {
                None => break None,
                Some(input) => {
                    let mut bytes = input.len();
                    s.input(&shared, input);
                    while bytes < INPUT_BATCH {
                        let Ok(input) = inbox.try_recv() else { break };
                        bytes += input.len();
                        s.input(&shared, input);
                    }
                }
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
            Ok(()) = view.changed(), if s.following() => {
                let presenter = *view.borrow_and_update();
                s.dirty |= follow::apply(&mut s.driver, presenter);
            }
            // The presenter left: the first eligible session takes over.
            Ok(()) = seat.changed(), if may_present => {
                let free = seat.borrow_and_update().is_none();
                if free && follow::claim(&shared, &s.start) {
                    follow::present(&shared, s.start.id, &mut s.driver.app);
                    s.dirty = true;
                }
            }
            Ok(()) = audience.changed(), if presenting => {
                audience.borrow_and_update();
                follow::roster(&shared, s.start.id, &mut s.driver.app);
                s.dirty = true;
            }
            () = sleep_until(deadline.unwrap_or(far)), if deadline.is_some() => {
                s.dirty |= s.driver.wake(std::time::Instant::now());
            }
            // A window change waiting for its turn (drawn at the top of the loop).
            () = sleep_until(s.next_resize), if s.resized.is_some() => {}
            // A follower may have been kept awake by the presenter meanwhile: look again.
            () = sleep_until(s.idle_at(&shared)) => if s.idle_at(&shared) <= Instant::now() {
                break Some(format!(
                    "jx-dash: disconnected after {} s without a key.\r\n",
                    idle.as_secs()
                ));
            },
            _ = shutdown.recv() => break Some("jx-dash: the server is shutting down.\r\n".into()),
        }
        if s.driver.app.quit {
            break Some(String::new());
        }
        follow::publish(&shared, &s.driver.app);
    };
    drop(frames);
    follow::moved(&shared, s.driver.app.follow, None);
    follow::sized(&shared, s.start.id, None);
    // The last viewer left: the meeting is over, for now.
    if shared.sessions.load(std::sync::atomic::Ordering::SeqCst) <= 1 {
        super::write_handout(&shared);
    }
    let why = match goodbye.as_deref() {
        None => "the client left",
        Some("") => "quit",
        Some(text) if text.contains("shutting down") => "server shutting down",
        Some(_) => "idle timeout",
    };
    shared
        .log
        .line(format_args!("session {} ended: {why}", s.start.id));
    finish(&handle, channel, s, goodbye.as_deref()).await;
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
async fn finish(handle: &Handle, channel: ChannelId, s: Session, goodbye: Option<&str>) {
    let Session {
        mut screen,
        frames,
        writer,
        ..
    } = s;
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
    // One session per connection: with it over, so is the connection. A client hangs up by
    // itself (and `ssh` would report a disconnect sent at once as an error); one that keeps
    // the connection open would hold it for nothing, so it is closed a little later.
    let handle = handle.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(5)).await;
        let reason = russh::Disconnect::ByApplication;
        let _ = handle.disconnect(reason, String::new(), "en".into()).await;
    });
}
