//! One connection's way from TCP accept to a running session, and the login grace time.
//!
//! [`Login`] is shared by the connection's handler and its socket ([`Graced`]); when the last of
//! them is dropped (the connection is over) it frees the startup slot and, for a connection
//! that never authenticated, gives its source the penalty for how it ended. [`Graced`] wraps the
//! socket: until the session's shell starts, every read and write fails once the login grace
//! time has run out, whatever state russh's handshake is in, so a silent socket or a stalled
//! key exchange is closed on time.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

use super::guard::{Guard, Misdeed};
use super::log::Log;

/// What happened on the way to a session.
#[derive(Default)]
struct Progress {
    /// Bytes came from the client.
    spoke: bool,
    /// An authentication request came.
    tried: bool,
    /// The last key refused, as a fingerprint.
    refused_key: Option<String>,
}

pub struct Login {
    guard: Arc<Guard>,
    log: Arc<Log>,
    pub peer: SocketAddr,
    grace: Duration,
    authenticated: AtomicBool,
    /// The shell started (or the connection ended): the grace time no longer applies.
    started: AtomicBool,
    expired: AtomicBool,
    progress: Mutex<Progress>,
}

impl Login {
    /// A connection the guard admitted.
    pub fn new(guard: Arc<Guard>, log: Arc<Log>, peer: SocketAddr, grace: Duration) -> Self {
        Self {
            guard,
            log,
            peer,
            grace,
            authenticated: AtomicBool::new(false),
            started: AtomicBool::new(false),
            expired: AtomicBool::new(false),
            progress: Mutex::new(Progress::default()),
        }
    }

    fn progress(&self) -> std::sync::MutexGuard<'_, Progress> {
        self.progress
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn tried(&self, refused_key: Option<String>) {
        let mut progress = self.progress();
        progress.tried = true;
        if refused_key.is_some() {
            progress.refused_key = refused_key;
        }
    }

    pub fn authenticated(&self) {
        self.authenticated.store(true, Ordering::SeqCst);
    }

    pub fn is_authenticated(&self) -> bool {
        self.authenticated.load(Ordering::SeqCst)
    }

    /// The session runs: its startup slot is free and the grace time no longer applies.
    pub fn started(&self) {
        if !self.started.swap(true, Ordering::SeqCst) {
            self.guard.release(self.peer.ip());
        }
    }

    fn running(&self) -> bool {
        self.started.load(Ordering::SeqCst)
    }

    /// The grace time ran out before the session started.
    fn expire(&self) {
        if !self.expired.swap(true, Ordering::SeqCst) {
            let progress = self.progress();
            let stage = if !progress.spoke {
                "the client sent nothing"
            } else if !progress.tried {
                "during the key exchange"
            } else if self.is_authenticated() {
                "after authenticating, before a shell"
            } else {
                "during authentication"
            };
            // At most --per-source-startups a grace time from one source: every one is logged.
            self.log.line(format_args!(
                "closed {}: login grace time of {} s ran out ({stage})",
                self.peer,
                self.grace.as_secs_f64()
            ));
        }
    }

    fn spoke(&self) {
        self.progress().spoke = true;
    }
}

impl Drop for Login {
    fn drop(&mut self) {
        self.started();
        let progress = self.progress();
        let misdeed = if self.is_authenticated() {
            None
        } else if self.expired.load(Ordering::SeqCst) {
            Some(Misdeed::GraceExceeded)
        } else if progress.tried {
            let key = progress
                .refused_key
                .as_deref()
                .map_or(String::new(), |k| format!(" (key {k})"));
            // Each failure takes the rejection time, and a few block the source: every one is
            // logged.
            self.log.line(format_args!(
                "refused {}: authentication failed{key}",
                self.peer
            ));
            Some(Misdeed::AuthFailed)
        } else {
            self.log.refusal(
                self.peer.ip(),
                "noauth",
                format_args!("closed {}: hung up before authenticating", self.peer),
            );
            Some(Misdeed::NoAuth)
        };
        if let Some(misdeed) = misdeed
            && let Some(block) = self.guard.penalize(self.peer.ip(), misdeed, Instant::now())
        {
            self.log.line(format_args!(
                "penalty {}: refused for {} s ({misdeed}; block {} for this source)",
                block.source,
                block.duration.as_secs(),
                block.strikes
            ));
        }
    }
}

/// A socket whose reads and writes fail once the login grace time is over, until the session
/// starts. Reads and writes have a timer each: russh polls them from different tasks' contexts
/// and a timer wakes only the last one that polled it.
pub struct Graced<S> {
    inner: S,
    login: Arc<Login>,
    read_timer: Pin<Box<Sleep>>,
    write_timer: Pin<Box<Sleep>>,
}

impl<S> Graced<S> {
    pub fn new(inner: S, login: Arc<Login>) -> Self {
        let deadline = tokio::time::Instant::now() + login.grace;
        Self {
            inner,
            login,
            read_timer: Box::pin(tokio::time::sleep_until(deadline)),
            write_timer: Box::pin(tokio::time::sleep_until(deadline)),
        }
    }

    /// `Err` once the grace time is over and the session has not started.
    fn check(
        login: &Login,
        timer: &mut Pin<Box<Sleep>>,
        cx: &mut Context<'_>,
    ) -> std::io::Result<()> {
        if login.running() || timer.as_mut().poll(cx).is_pending() {
            return Ok(());
        }
        login.expire();
        Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "login grace time exceeded",
        ))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Graced<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        Self::check(&this.login, &mut this.read_timer, cx)?;
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before && !this.login.running() {
            this.login.spoke();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Graced<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        Self::check(&this.login, &mut this.write_timer, cx)?;
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        Self::check(&this.login, &mut this.write_timer, cx)?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
