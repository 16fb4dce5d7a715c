//! One SSH connection's handler: authentication, and a shell on a pty handed to its session
//! task. Everything else is refused.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Session};
use russh::{Channel, ChannelId, ChannelOpenFailure};
use tokio::sync::mpsc;

use super::login::Login;
use super::{Shared, Slot, keys, session};

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
    login: Arc<Login>,
    /// The key the client authenticated with.
    key: Option<PublicKey>,
    channels: HashMap<ChannelId, ChannelSetup>,
}

impl Connection {
    pub(super) fn new(shared: Arc<Shared>, login: Arc<Login>) -> Self {
        Self {
            shared,
            login,
            key: None,
            channels: HashMap::new(),
        }
    }

    fn refused(&self, key: Option<&PublicKey>) -> Auth {
        self.login.tried(key.map(keys::public_fingerprint));
        Auth::reject()
    }
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
            // OpenSSH clients ask with "none" first to learn the methods: not a failure by
            // itself, but a connection that never gets further failed authentication.
            self.refused(None)
        })
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(match &self.shared.config.authorized_keys {
            Some(allowed) if keys::contains(allowed, offer.public_key) => Auth::Accept,
            _ => self.refused(Some(offer.public_key)),
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
            _ => Ok(self.refused(Some(key.public_key))),
        }
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        self.login.authenticated();
        Ok(())
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
            if self.channels.is_empty() {
                self.shared.log.refusal(
                    self.login.peer.ip(),
                    "sessions",
                    format_args!(
                        "refused {}: all {} sessions taken (--max-sessions)",
                        self.login.peer, self.shared.config.max_sessions
                    ),
                );
            }
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
                // A terminal name is a short word; do not keep whatever a client sends.
                setup.term = Some(term.chars().take(64).collect());
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
                setup
                    .env
                    .insert(name.to_string(), value.chars().take(64).collect());
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
        self.start_shell(channel, session, None)
    }

    /// `ssh -t HOST VIEW`: the dashboard starting at a view string.
    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let text = String::from_utf8_lossy(data).trim().to_string();
        let problem = match self.shared.dataset.lock() {
            Ok(dataset) => crate::app::Place::parse(&text, &dataset).err(),
            Err(_) => None,
        };
        if let Some(problem) = problem {
            session.channel_success(channel)?;
            let text: String = text.chars().filter(|c| !c.is_control()).take(80).collect();
            session.data(
                channel,
                format!("jx-dash: view `{text}`: {problem}\r\n").into_bytes(),
            )?;
            session.exit_status_request(channel, 2)?;
            session.eof(channel)?;
            return session.close(channel);
        }
        self.start_shell(channel, session, Some(text))
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

impl Connection {
    /// Starts the dashboard on a channel with a pty (at `view`, a checked view string).
    fn start_shell(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
        view: Option<String>,
    ) -> Result<(), russh::Error> {
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
                "jx-dash needs a terminal: connect with `ssh -t` (with a view: `ssh -t -p PORT HOST VIEW`).\r\n"
                    .as_bytes()
                    .to_vec(),
            )?;
            session.exit_status_request(channel, 2)?;
            session.eof(channel)?;
            return session.close(channel);
        };
        self.login.started();
        // Bounded: a client that sends faster than its session reads is slowed down, alone.
        let (tx, rx) = mpsc::channel(64);
        setup.inbox = Some(tx);
        let start = super::Start {
            slot: setup.slot.take(),
            id: self.shared.next_id.fetch_add(1, Ordering::SeqCst),
            term,
            env: std::mem::take(&mut setup.env),
            size: setup.size,
            key: self.key.clone(),
            view,
        };
        let key = self
            .key
            .as_ref()
            .map_or_else(|| "no key (--no-auth)".into(), keys::public_fingerprint);
        self.shared.log.line(format_args!(
            "accepted {} {key} {}x{} {} (session {})",
            self.login.peer, start.size.0, start.size.1, start.term, start.id
        ));
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
}
