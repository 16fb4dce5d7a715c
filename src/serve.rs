//! `jx-dash serve`: the dashboard over SSH, one independent session per client.
//!
//! Each accepted socket first passes the [`guard`] (per-source and global limits on logins in
//! progress, penalties for misbehaving sources) and then has the login grace time to become a
//! session ([`login`]). Its [`connection`] handler only forwards what the client sends to its
//! session task ([`session`]), which owns an [`App`](crate::app::App) and renders through a
//! ratatui backend writing to the SSH channel, sized by the client's pty request. Frames leave
//! through a small bounded queue per session, so a slow or vanished client never stalls the
//! others or the presenter. What happens is written to the presenter's [`log`].

mod connection;
mod follow;
pub mod guard;
pub mod http;
pub mod input;
pub mod join;
pub mod keys;
pub mod log;
mod login;
pub mod room;
mod screen;
mod session;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::keys::PublicKey;
use russh::{MethodKind, MethodSet};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, watch};

use crate::data::Dataset;
use crate::driver;
use guard::{Guard, GuardConfig};
use login::{Graced, Login};

/// Everything `serve` is configured with.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    pub host_key: PathBuf,
    /// `None` admits anyone (`--no-auth`).
    pub authorized_keys: Option<Vec<PublicKey>>,
    /// Keys whose sessions drive `--follow`; empty means "the first session".
    pub presenter_keys: Vec<PublicKey>,
    pub max_sessions: usize,
    pub idle_timeout: Duration,
    /// Time from accept to a running session (handshake, authentication, shell).
    pub login_grace: Duration,
    pub guard: GuardConfig,
    /// `--log FILE` (`-` for stderr); `None` logs nothing.
    pub log: Option<PathBuf>,
    pub follow: bool,
    /// What every session starts with; a client's own TERM, `NO_COLOR`, `COLORTERM` and
    /// `LANG` refine it unless the command line set them.
    pub options: driver::Options,
    /// `--lang` was given: it wins over the client's `LANG`.
    pub lang_forced: bool,
    /// `--record FILE.cast`: the room's view of the presenter, as an asciicast.
    pub record: Option<PathBuf>,
    /// `--handout FILE.html`: the views the room saw, written when the meeting ends.
    pub handout: Option<PathBuf>,
    /// `--http ADDR`: the room's view of the presenter, read-only, in a browser.
    pub http: Option<http::HttpConfig>,
    /// `--color` was given: it wins over the client's TERM.
    pub color_forced: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    HostKey(#[from] keys::KeyError),
    #[error("cannot listen on {addr}")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the log {}", path.display())]
    Log {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot wait for signals")]
    Signals(#[source] std::io::Error),
    #[error("cannot listen for browsers on {addr}")]
    HttpListen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the recording {}", path.display())]
    Record {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What followers show of the presenter's screen: the view (tab, focus, zoom, series, `t`
/// view, rankings' year, currency) and the agenda step last gone to. Each viewer keeps its
/// own language, theme, colours and glyphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct View {
    pub place: crate::app::Place,
    pub step: Option<usize>,
}

/// State shared by all sessions.
struct Shared {
    config: ServeConfig,
    dataset: Mutex<Dataset>,
    guard: Arc<Guard>,
    log: Arc<log::Log>,
    /// Session slots taken (reserved when a session channel opens).
    sessions: AtomicUsize,
    /// Open TCP connections, authenticated or not.
    connections: AtomicUsize,
    next_id: AtomicU64,
    /// The session that drives `--follow`, once one has claimed it. Sessions that could take
    /// over wait for it to change, so a viewer joining wakes only the presenter.
    presenter: watch::Sender<Option<u64>>,
    /// The presenter's tab, focus and zoom.
    presenter_view: watch::Sender<View>,
    /// When the presenter last pressed a key, in ms since `epoch`: followers of an active
    /// presenter are not idle.
    presenter_active: AtomicU64,
    epoch: tokio::time::Instant,
    /// Number of live sessions, for the presenter's header.
    audience: watch::Sender<usize>,
    /// Sessions that broke away from the presenter (`f` rejoins): the presenter's header
    /// counts them apart. A change wakes the presenter through `audience`.
    away: AtomicUsize,
    shutdown: broadcast::Sender<()>,
    /// How to join, for the join screen.
    join: Arc<crate::app::Join>,
    /// `--agenda` without its speaker notes: what every session but the presenter's holds.
    public_agenda: Option<Arc<crate::agenda::Agenda>>,
    /// Each running session's window size, by session id, for the presenter's roster; a
    /// change wakes the presenter through `audience`.
    sizes: Mutex<std::collections::BTreeMap<u64, (u16, u16)>>,
    /// `--record`: the presenter's session writes the room's view to it after each frame;
    /// `None` inside once a write failed (the log says so).
    recorder: Option<Mutex<Option<room::Recorder>>>,
    /// `--http`: the presenter's session publishes the room's view to it after each frame.
    http: Option<Arc<http::Http>>,
    /// Reloads of the data directory, shared: a file read once for every session.
    loader: Arc<Mutex<crate::data::validate::Loader>>,
    /// `--handout`: the views the room saw, each added as the presenter reaches it.
    handout: Option<Mutex<crate::export::handout::Handout>>,
}

/// Runs the server until SIGTERM or SIGINT. `ready` is told the bound address and the host key
/// fingerprint (with the join commands) once clients can connect.
pub async fn run(
    config: ServeConfig,
    dataset: Dataset,
    ready: impl FnOnce(SocketAddr, &crate::app::Join, bool),
) -> Result<(), Error> {
    let (host_key, created) = keys::load_or_create_host_key(&config.host_key)?;
    let log = match &config.log {
        None => log::Log::off(),
        Some(path) => log::Log::open(path).map_err(|source| Error::Log {
            path: path.clone(),
            source,
        })?,
    };
    let listen_error = |source| Error::Listen {
        addr: config.listen,
        source,
    };
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(listen_error)?;
    let addr = listener.local_addr().map_err(listen_error)?;
    let fingerprint = keys::fingerprint(&host_key);
    let browsers = bind_browsers(config.http.as_ref()).await?;
    let browser = browsers.as_ref().map(|(_, addr, _)| *addr);
    let token = config.http.as_ref().and_then(|h| h.token.as_deref());
    let join = Arc::new(join::join(addr, &fingerprint, browser, token));
    ready(addr, &join, created);

    let russh_config = russh_config(&config, host_key);
    let recorder = open_recording(config.record.as_deref())?;
    let handout = config.handout.as_ref().map(|_| handout_of(&config.options));
    let (shutdown, _) = broadcast::channel(1);
    let public_agenda = config
        .options
        .agenda
        .as_ref()
        .map(|a| Arc::new(a.without_notes()));
    let shared = Arc::new(Shared {
        guard: Arc::new(Guard::new(config.guard.clone())),
        log: Arc::new(log),
        config,
        dataset: Mutex::new(dataset),
        sessions: AtomicUsize::new(0),
        connections: AtomicUsize::new(0),
        next_id: AtomicU64::new(1),
        presenter: watch::channel(None).0,
        presenter_view: watch::channel(View::default()).0,
        presenter_active: AtomicU64::new(0),
        epoch: tokio::time::Instant::now(),
        audience: watch::channel(0).0,
        away: AtomicUsize::new(0),
        shutdown,
        join,
        public_agenda,
        sizes: Mutex::default(),
        recorder,
        http: browsers.as_ref().map(|(_, _, http)| http.clone()),
        handout: handout.map(Mutex::new),
        loader: Arc::default(),
    });
    if let Some((listener, _, http)) = browsers {
        tokio::spawn(http::run(listener, http, shared.shutdown.subscribe()));
    }
    let russh_config = Arc::new(russh_config);
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(Error::Signals)?;
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((socket, peer)) => accept(&shared, &russh_config, socket, peer),
                // Out of file descriptors and the like: wait instead of giving up on everyone.
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            },
            _ = term.recv() => break,
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    // Tell every session to restore its client's screen and say goodbye; dropping the runtime
    // then closes the connections.
    let open = shared.sessions.load(Ordering::SeqCst);
    shared
        .log
        .line(format_args!("shutting down: {open} sessions told to close"));
    let _ = shared.shutdown.send(());
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while shared.sessions.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let left = shared.sessions.load(Ordering::SeqCst);
    write_handout(&shared);
    shared
        .log
        .line(format_args!("stopped ({left} sessions still closing)"));
    Ok(())
}

/// `--handout`: the views so far, written whole (a temporary file, then a rename); the log
/// says where, or why not.
fn write_handout(shared: &Shared) {
    let (Some(handout), Some(path)) = (&shared.handout, &shared.config.handout) else {
        return;
    };
    let Ok(handout) = handout.lock() else {
        return;
    };
    if handout.is_empty() {
        return;
    }
    match crate::export::handout::write_atomic(path, &handout.to_html()) {
        Ok(()) => shared.log.line(format_args!(
            "handout written to {}: {} views",
            path.display(),
            handout.len()
        )),
        Err(e) => shared.log.line(format_args!(
            "cannot write the handout {}: {e}",
            path.display()
        )),
    }
}

/// Runs one connection, if the guard lets its source start a login and the server has room.
fn accept(
    shared: &Arc<Shared>,
    config: &Arc<russh::server::Config>,
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
) {
    let ip = peer.ip();
    let now = std::time::Instant::now();
    if let Err(refusal) = shared.guard.admit(ip, now, rand::random_range(0..100)) {
        shared.log.refusal(
            guard::source_of(ip),
            refusal.kind(),
            format_args!("refused {peer}: {refusal}"),
        );
        return;
    }
    // A last bound on sockets, sessions and logins together (each already has its own).
    let limit = shared.config.max_sessions * 2 + shared.config.guard.startups.full + 8;
    let login = Arc::new(Login::new(
        shared.guard.clone(),
        shared.log.clone(),
        peer,
        shared.config.login_grace,
    ));
    if shared.connections.fetch_add(1, Ordering::SeqCst) >= limit {
        shared.connections.fetch_sub(1, Ordering::SeqCst);
        login.started();
        login.authenticated(); // not the source's fault: no penalty
        shared.log.refusal(
            guard::source_of(ip),
            "connections",
            format_args!("refused {peer}: {limit} connections open"),
        );
        return;
    }
    let _ = socket.set_nodelay(true);
    let handler = connection::Connection::new(shared.clone(), login.clone());
    let stream = Graced::new(socket, login);
    let shared = shared.clone();
    let config = config.clone();
    tokio::spawn(async move {
        if let Ok(session) = russh::server::run_stream(config, stream, handler).await {
            let _ = session.await;
        }
        shared.connections.fetch_sub(1, Ordering::SeqCst);
    });
}

/// What the client asked for before its shell started.
pub(super) struct Start {
    /// Frees the session's slot when the session ends.
    pub slot: Option<Slot>,
    pub id: u64,
    pub term: String,
    pub env: std::collections::BTreeMap<String, String>,
    pub size: (u16, u16),
    pub key: Option<PublicKey>,
    /// The view string the client gave as its command (`ssh -t HOST trade/zoom`).
    pub view: Option<String>,
}

/// The SSH side's settings: the host key, the one authentication method, the timeouts.
fn russh_config(config: &ServeConfig, host_key: russh::keys::PrivateKey) -> russh::server::Config {
    let methods: &[MethodKind] = if config.authorized_keys.is_some() {
        &[MethodKind::PublicKey]
    } else {
        &[MethodKind::None]
    };
    russh::server::Config {
        keys: vec![host_key],
        methods: MethodSet::from(methods),
        // Logins are timed by the grace time ([`login::Graced`]) and sessions by their own idle
        // timeout; this only ends a connection that stopped answering, even keepalives (a live
        // client answers one every 15 s), or whose writes block for this long.
        inactivity_timeout: Some(Duration::from_mins(1)),
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 3,
        keepalive_interval: Some(Duration::from_secs(15)),
        nodelay: true,
        ..Default::default()
    }
}

/// `--handout`: an empty handout, titled as the agenda is.
fn handout_of(options: &driver::Options) -> crate::export::handout::Handout {
    let title = options
        .agenda
        .as_ref()
        .and_then(|a| a.title.as_ref())
        .map_or("jx-dash", |t| t.get(options.lang));
    crate::export::handout::Handout::new(title, options.lang)
}

/// `--record`: the recording, created (or emptied) before anyone connects.
fn open_recording(
    path: Option<&std::path::Path>,
) -> Result<Option<Mutex<Option<room::Recorder>>>, Error> {
    let Some(path) = path else {
        return Ok(None);
    };
    let recorder = room::Recorder::create(path).map_err(|source| Error::Record {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Some(Mutex::new(Some(recorder))))
}

/// `--http`: the browsers' listener, its address and what the sessions publish to.
async fn bind_browsers(
    config: Option<&http::HttpConfig>,
) -> Result<Option<(TcpListener, SocketAddr, Arc<http::Http>)>, Error> {
    let Some(config) = config else {
        return Ok(None);
    };
    let error = |source| Error::HttpListen {
        addr: config.listen,
        source,
    };
    let listener = TcpListener::bind(config.listen).await.map_err(error)?;
    let addr = listener.local_addr().map_err(error)?;
    Ok(Some((
        listener,
        addr,
        Arc::new(http::Http::new(config.clone())),
    )))
}

/// A reserved session slot; dropping it frees the slot.
pub(crate) struct Slot(Arc<Shared>);

impl Slot {
    fn reserve(shared: &Arc<Shared>) -> Option<Self> {
        let max = shared.config.max_sessions;
        shared
            .sessions
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()?;
        shared
            .audience
            .send_replace(shared.sessions.load(Ordering::SeqCst));
        Some(Self(shared.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let live = self
            .0
            .sessions
            .fetch_sub(1, Ordering::SeqCst)
            .saturating_sub(1);
        self.0.audience.send_replace(live);
    }
}
