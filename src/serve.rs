//! `jx-dash serve`: the dashboard over SSH, one independent session per client.
//!
//! Each connection gets a [`Connection`] handler that only forwards what the client sends to
//! its session task ([`session`]), which owns an [`App`](crate::app::App) and renders through a
//! ratatui backend writing to the SSH channel, sized by the client's pty request. Frames leave
//! through a small bounded queue per session, so a slow or vanished client never stalls the
//! others or the presenter.

pub mod input;
pub mod keys;
mod screen;
mod session;

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Session};
use russh::{Channel, ChannelId, ChannelOpenFailure, MethodKind, MethodSet};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, mpsc, watch};

use crate::data::Dataset;
use crate::driver;

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
    pub follow: bool,
    /// What every session starts with; a client's own TERM, `NO_COLOR`, `COLORTERM` and
    /// `LANG` refine it unless the command line set them.
    pub options: driver::Options,
    /// `--lang` was given: it wins over the client's `LANG`.
    pub lang_forced: bool,
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
    #[error("cannot wait for signals")]
    Signals(#[source] std::io::Error),
}

/// State shared by all sessions.
struct Shared {
    config: ServeConfig,
    dataset: Mutex<Dataset>,
    /// Session slots taken (reserved when a session channel opens).
    sessions: AtomicUsize,
    /// Open TCP connections, authenticated or not.
    connections: AtomicUsize,
    next_id: AtomicU64,
    /// The session that drives `--follow`, once one has claimed it.
    presenter: Mutex<Option<u64>>,
    presenter_tab: watch::Sender<usize>,
    /// Number of live sessions, for the presenter's header.
    audience: watch::Sender<usize>,
    shutdown: broadcast::Sender<()>,
}

/// Runs the server until SIGTERM or SIGINT. `ready` is told the bound address and the host key
/// fingerprint once clients can connect.
pub async fn run(
    config: ServeConfig,
    dataset: Dataset,
    ready: impl FnOnce(SocketAddr, &str, bool),
) -> Result<(), Error> {
    let (host_key, created) = keys::load_or_create_host_key(&config.host_key)?;
    let listen_error = |source| Error::Listen {
        addr: config.listen,
        source,
    };
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(listen_error)?;
    let addr = listener.local_addr().map_err(listen_error)?;
    ready(addr, &keys::fingerprint(&host_key), created);

    let methods: &[MethodKind] = if config.authorized_keys.is_some() {
        &[MethodKind::PublicKey]
    } else {
        &[MethodKind::None]
    };
    let russh_config = russh::server::Config {
        keys: vec![host_key],
        methods: MethodSet::from(methods),
        // The session says goodbye at the idle timeout itself; this only ends connections that
        // never open one.
        inactivity_timeout: Some(config.idle_timeout + Duration::from_secs(5)),
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 3,
        keepalive_interval: Some(Duration::from_secs(15)),
        nodelay: true,
        ..Default::default()
    };
    let (shutdown, _) = broadcast::channel(1);
    let shared = Arc::new(Shared {
        config,
        dataset: Mutex::new(dataset),
        sessions: AtomicUsize::new(0),
        connections: AtomicUsize::new(0),
        next_id: AtomicU64::new(1),
        presenter: Mutex::new(None),
        presenter_tab: watch::channel(0).0,
        audience: watch::channel(0).0,
        shutdown,
    });
    let russh_config = Arc::new(russh_config);
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(Error::Signals)?;
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((socket, _peer)) => accept(&shared, &russh_config, socket),
                // Out of file descriptors and the like: wait instead of giving up on everyone.
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            },
            _ = term.recv() => break,
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    // Tell every session to restore its client's screen and say goodbye; dropping the runtime
    // then closes the connections.
    let _ = shared.shutdown.send(());
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while shared.sessions.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// Runs one connection, unless too many are open (a flood of unauthenticated sockets must not
/// take the server down).
fn accept(
    shared: &Arc<Shared>,
    config: &Arc<russh::server::Config>,
    socket: tokio::net::TcpStream,
) {
    let limit = shared.config.max_sessions * 2 + 8;
    if shared.connections.fetch_add(1, Ordering::SeqCst) >= limit {
        shared.connections.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    let _ = socket.set_nodelay(true);
    let handler = Connection {
        shared: shared.clone(),
        key: None,
        channels: HashMap::new(),
    };
    let shared = shared.clone();
    let config = config.clone();
    tokio::spawn(async move {
        if let Ok(session) = russh::server::run_stream(config, socket, handler).await {
            let _ = session.await;
        }
        shared.connections.fetch_sub(1, Ordering::SeqCst);
    });
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

/// What a client asked for on a channel before its shell starts.
#[derive(Default)]
struct ChannelSetup {
    term: Option<String>,
    size: (u16, u16),
    env: BTreeMap<String, String>,
    /// The session slot, held from channel open until the session ends.
    slot: Option<Slot>,
    /// Set once the session task runs: where the client's input goes.
    inbox: Option<mpsc::Sender<session::Input>>,
}

/// One SSH connection. It forwards input to session tasks and refuses everything but a
/// shell on a pty.
pub struct Connection {
    shared: Arc<Shared>,
    /// The key the client authenticated with.
    key: Option<PublicKey>,
    channels: HashMap<ChannelId, ChannelSetup>,
}

/// Environment variables a client may set for its session.
const ACCEPTED_ENV: [&str; 4] = ["NO_COLOR", "COLORTERM", "LANG", "LC_ALL"];

/// A client's window size, within what is worth drawing (and allocating) for one session.
fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    let clamp = |n: u32, max: u16| u16::try_from(n).unwrap_or(max).min(max);
    (clamp(cols, 400), clamp(rows, 200))
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(if self.shared.config.authorized_keys.is_none() {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(match &self.shared.config.authorized_keys {
            Some(allowed) if keys::contains(allowed, offer.public_key) => Auth::Accept,
            _ => Auth::reject(),
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        match &self.shared.config.authorized_keys {
            Some(allowed) if keys::contains(allowed, key.public_key) => {
                self.key = Some(key.public_key.clone());
                Ok(Auth::Accept)
            }
            _ => Ok(Auth::reject()),
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One session per connection, and at most --max-sessions in all.
        let slot = if self.channels.is_empty() {
            Slot::reserve(&self.shared)
        } else {
            None
        };
        let Some(slot) = slot else {
            reply.reject(ChannelOpenFailure::ResourceShortage).await;
            return Ok(());
        };
        self.channels.insert(
            channel.id(),
            ChannelSetup {
                slot: Some(slot),
                ..ChannelSetup::default()
            },
        );
        reply.accept().await;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)] // russh's signature
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channels.get_mut(&channel) {
            Some(setup) if setup.inbox.is_none() => {
                setup.term = Some(term.to_string());
                setup.size = clamp_size(cols, rows);
                session.channel_success(channel)
            }
            _ => session.channel_failure(channel),
        }
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channels.get_mut(&channel) {
            Some(setup) if ACCEPTED_ENV.contains(&name) => {
                setup.env.insert(name.to_string(), value.to_string());
                session.channel_success(channel)
            }
            _ => session.channel_failure(channel),
        }
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(setup) = self
            .channels
            .get_mut(&channel)
            .filter(|s| s.inbox.is_none())
        else {
            // Unknown channel, or a second shell on the same one.
            return session.channel_failure(channel);
        };
        let Some(term) = setup.term.clone() else {
            // No pty: there is nothing to draw on. Say why and end.
            session.channel_success(channel)?;
            session.data(
                channel,
                "jx-dash needs a terminal: connect with `ssh -t`.\r\n"
                    .as_bytes()
                    .to_vec(),
            )?;
            session.exit_status_request(channel, 2)?;
            session.eof(channel)?;
            return session.close(channel);
        };
        // Bounded: a client that sends faster than its session reads is slowed down, alone.
        let (tx, rx) = mpsc::channel(64);
        setup.inbox = Some(tx);
        let start = session::Start {
            slot: setup.slot.take(),
            id: self.shared.next_id.fetch_add(1, Ordering::SeqCst),
            term,
            env: std::mem::take(&mut setup.env),
            size: setup.size,
            key: self.key.clone(),
        };
        session.channel_success(channel)?;
        tokio::spawn(session::run(
            self.shared.clone(),
            session.handle(),
            channel,
            start,
            rx,
        ));
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(inbox) = self.channels.get(&channel).and_then(|c| c.inbox.clone()) {
            let _ = inbox.send(session::Input::Bytes(data.to_vec())).await;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)] // russh's signature
    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(setup) = self.channels.get_mut(&channel) {
            setup.size = clamp_size(cols, rows);
            if let Some(inbox) = setup.inbox.clone() {
                let _ = inbox.send(session::Input::Resize(setup.size)).await;
            }
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Dropping the inbox ends the session task.
        self.channels.remove(&channel);
        Ok(())
    }
}
