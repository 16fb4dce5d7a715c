//! `jx-dash serve` end to end on loopback: the real binary as server, russh (and, where
//! installed, the system `ssh`) as clients.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client::{self, Handle, Msg};
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use tokio::time::timeout;

/// How long any single step of a test may take before the test fails.
const LIMIT: Duration = Duration::from_secs(20);

/// How many tabs the built-in data has, from the header of a snapshot (`1/N`).
fn tabs() -> usize {
    static TABS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *TABS.get_or_init(|| {
        let out = Command::new(env!("CARGO_BIN_EXE_jx-dash"))
            .args(["snapshot", "--format", "text", "--size", "200x24"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let header = text.lines().next().unwrap_or_default();
        let last = header.split_whitespace().last().unwrap_or_default();
        last.strip_prefix("1/")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no tab count in the header {header:?}"))
    })
}

/// The header's position for tab `k`, e.g. `2/5`.
fn tab(k: usize) -> String {
    format!("{k}/{}", tabs())
}

/// Awaits `future` for at most [`LIMIT`]; a step that never finishes fails the test, naming it.
async fn bounded<T>(what: &str, future: impl std::future::Future<Output = T>) -> T {
    timeout(LIMIT, future)
        .await
        .unwrap_or_else(|_elapsed| panic!("{what} did not finish within {LIMIT:?}"))
}

/// A scratch directory with a client key in `authorized_keys`.
struct Scratch {
    dir: PathBuf,
    key: PrivateKey,
}

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("jx-dash-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        let line = key.public_key().to_openssh().unwrap();
        std::fs::write(dir.join("authorized_keys"), format!("{line} tester\n")).unwrap();
        Self { dir, key }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The server process; killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    fingerprint: String,
    /// The server's later lines on stdout.
    lines: std::sync::mpsc::Receiver<String>,
}

impl Server {
    fn start(scratch: &Scratch, extra: &[&str]) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jx-dash"));
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--host-key"])
            .arg(scratch.dir.join("host_key"))
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if !extra.contains(&"--no-auth") {
            cmd.arg("--authorized-keys")
                .arg(scratch.dir.join("authorized_keys"));
        }
        let mut child = cmd.spawn().unwrap();
        // Read the server's first lines on a thread, so that a server that never says where it
        // listens fails the test instead of hanging it.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let line = || {
            rx.recv_timeout(LIMIT)
                .unwrap_or_else(|e| panic!("the server did not start: {e}"))
        };
        let first = line();
        let second = line();
        let addr = first
            .split("serving on ")
            .nth(1)
            .and_then(|rest| rest.split(';').next())
            .unwrap()
            .parse()
            .unwrap();
        let fingerprint = second.split_whitespace().nth(3).unwrap().to_string();
        Self {
            child,
            addr,
            fingerprint,
            lines: rx,
        }
    }

    /// The first line the server prints from now on that contains `needle`.
    fn line_with(&self, needle: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(LIMIT)
                .unwrap_or_else(|e| panic!("the server never printed `{needle}`: {e}"));
            if line.contains(needle) {
                return line;
            }
        }
    }

    fn signal(&self, name: &str) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args([&format!("-{name}"), &pid])
                .status()
                .unwrap()
                .success()
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Trusts any host key. With `stall` set it stops processing the connection altogether, as a
/// frozen laptop would: nothing more is read from the socket.
#[derive(Clone, Default)]
struct Trusting {
    stall: Arc<AtomicBool>,
}

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }

    async fn data(
        &mut self,
        _channel: russh::ChannelId,
        _data: &[u8],
        _session: &mut client::Session,
    ) -> Result<(), Self::Error> {
        if self.stall.load(Ordering::SeqCst) {
            std::future::pending::<()>().await;
        }
        Ok(())
    }
}

/// One SSH session with a parsed screen.
struct Viewer {
    _handle: Handle<Trusting>,
    channel: russh::Channel<Msg>,
    parser: vt100::Parser,
    raw: Vec<u8>,
    exit_status: Option<u32>,
    closed: bool,
}

async fn connect(addr: SocketAddr, key: Option<&PrivateKey>) -> Result<Handle<Trusting>, String> {
    connect_with(addr, key, Trusting::default()).await
}

async fn connect_with(
    addr: SocketAddr,
    key: Option<&PrivateKey>,
    handler: Trusting,
) -> Result<Handle<Trusting>, String> {
    connect_from("127.0.0.1", addr, key, handler).await
}

/// A TCP connection from `source` (any 127.x.y.z is this machine on Linux: each is a source
/// address of its own for the server's limits).
async fn tcp_from(source: &str, addr: SocketAddr) -> std::io::Result<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source.parse().unwrap(), 0))?;
    bounded("a TCP connect", socket.connect(addr)).await
}

/// An authenticated SSH connection from `source`.
async fn connect_from(
    source: &str,
    addr: SocketAddr,
    key: Option<&PrivateKey>,
    handler: Trusting,
) -> Result<Handle<Trusting>, String> {
    let config = Arc::new(client::Config::default());
    let tcp = tcp_from(source, addr).await.map_err(|e| e.to_string())?;
    let mut handle = bounded("connecting", client::connect_stream(config, tcp, handler))
        .await
        .map_err(|e| e.to_string())?;
    let auth = match key {
        Some(key) => {
            let key = PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None);
            bounded("authenticating", handle.authenticate_publickey("demo", key)).await
        }
        None => bounded("authenticating", handle.authenticate_none("demo")).await,
    }
    .map_err(|e| e.to_string())?;
    if auth.success() {
        Ok(handle)
    } else {
        Err("authentication refused".into())
    }
}

impl Viewer {
    async fn open(
        addr: SocketAddr,
        key: Option<&PrivateKey>,
        size: (u16, u16),
    ) -> Result<Self, String> {
        Self::open_with(addr, key, size, Trusting::default()).await
    }

    async fn open_with(
        addr: SocketAddr,
        key: Option<&PrivateKey>,
        size: (u16, u16),
        handler: Trusting,
    ) -> Result<Self, String> {
        Self::open_from("127.0.0.1", addr, key, size, handler).await
    }

    async fn open_from(
        source: &str,
        addr: SocketAddr,
        key: Option<&PrivateKey>,
        size: (u16, u16),
        handler: Trusting,
    ) -> Result<Self, String> {
        Self::start(source, addr, key, size, handler, None).await
    }

    /// `ssh -t HOST VIEW`: a session that starts at a view string.
    async fn open_view(
        addr: SocketAddr,
        key: Option<&PrivateKey>,
        size: (u16, u16),
        view: &str,
    ) -> Result<Self, String> {
        Self::start(
            "127.0.0.1",
            addr,
            key,
            size,
            Trusting::default(),
            Some(view),
        )
        .await
    }

    async fn start(
        source: &str,
        addr: SocketAddr,
        key: Option<&PrivateKey>,
        (cols, rows): (u16, u16),
        handler: Trusting,
        command: Option<&str>,
    ) -> Result<Self, String> {
        let handle = connect_from(source, addr, key, handler).await?;
        let channel = bounded("opening a session", handle.channel_open_session())
            .await
            .map_err(|e| e.to_string())?;
        let pty = channel.request_pty(false, "xterm-256color", cols.into(), rows.into(), 0, 0, &[]);
        bounded("asking for a pty", pty)
            .await
            .map_err(|e| e.to_string())?;
        match command {
            None => bounded("asking for a shell", channel.request_shell(false)).await,
            Some(view) => bounded("asking to exec", channel.exec(false, view)).await,
        }
        .map_err(|e| e.to_string())?;
        let size = |n: u16| NonZeroU16::new(n).unwrap();
        Ok(Self {
            _handle: handle,
            channel,
            parser: vt100::Parser::new(size(rows), size(cols), 0),
            raw: Vec::new(),
            exit_status: None,
            closed: false,
        })
    }

    /// The first session of `--follow`: it presents, and its first key closes the join card.
    async fn presenter(addr: SocketAddr, key: &PrivateKey, size: (u16, u16)) -> Self {
        let mut presenter = Self::open(addr, Some(key), size).await.unwrap();
        presenter.wait_for("Join this dashboard").await;
        presenter.send("J").await;
        presenter
            .wait_until("the join card closed", |s| {
                !s.contents().contains("Join this dashboard")
            })
            .await;
        presenter
    }

    /// An 80×24 session, authenticated with `key`, once the dashboard is on its screen.
    async fn ready(addr: SocketAddr, key: &PrivateKey) -> Self {
        let mut viewer = Self::open(addr, Some(key), (80, 24)).await.unwrap();
        viewer.wait_for(&tab(1)).await;
        viewer
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads until the screen shows `needle` (or the channel closes).
    async fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.screen().contains(needle) {
            assert!(
                Instant::now() < deadline && !self.closed,
                "`{needle}` never appeared:\n{}",
                self.screen()
            );
            self.read_once(Duration::from_millis(200)).await;
        }
    }

    /// Reads until the screen satisfies `ok` (or the channel closes).
    async fn wait_until(&mut self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !ok(self.parser.screen()) {
            assert!(
                Instant::now() < deadline && !self.closed,
                "never saw {what}:\n{}",
                self.screen()
            );
            self.read_once(Duration::from_millis(200)).await;
        }
    }

    async fn read_once(&mut self, limit: Duration) {
        match timeout(limit, self.channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => {
                self.parser.process(&data);
                self.raw.extend_from_slice(&data);
            }
            Ok(Some(ChannelMsg::ExitStatus { exit_status })) => {
                self.exit_status = Some(exit_status);
            }
            Ok(Some(ChannelMsg::Close) | None) => self.closed = true,
            _ => {}
        }
    }

    async fn wait_closed(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.closed {
            assert!(
                Instant::now() < deadline,
                "session did not end:\n{}",
                self.screen()
            );
            self.read_once(Duration::from_millis(200)).await;
        }
    }

    /// Sends keys; a send that cannot finish (the server stopped reading) fails the test with
    /// what the screen showed.
    async fn send(&self, keys: &str) {
        let sent = timeout(LIMIT, self.channel.data_bytes(keys.as_bytes().to_vec())).await;
        assert!(
            matches!(sent, Ok(Ok(()))),
            "sending {keys:?} failed or stalled ({sent:?}); the screen showed:\n{}",
            self.screen()
        );
    }

    /// Sends keys from a client that has stopped reading: its window may be spent and the
    /// send never finish, which is expected; give up after a moment.
    async fn send_stalled(&self, keys: &str) {
        let _ = timeout(
            Duration::from_millis(200),
            self.channel.data_bytes(keys.as_bytes().to_vec()),
        )
        .await;
    }
}

/// Runs a test's client side, which must finish within two minutes in all.
fn block_on(test: impl std::future::Future<Output = ()>) {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            timeout(Duration::from_mins(2), test)
                .await
                .expect("the test did not finish within 120 s");
        });
}

#[test]
fn a_session_sees_the_dashboard_switches_tabs_resizes_and_quits() {
    let scratch = Scratch::new("session");
    let server = Server::start(&scratch, &[]);
    block_on(async {
        let mut v = Viewer::ready(server.addr, &scratch.key).await;
        v.wait_for("482.3").await;
        assert!(v.parser.screen().alternate_screen());
        v.send("\t").await;
        v.wait_for(&tab(2)).await;
        v.send("\x1b[Z").await; // Shift-Tab
        v.wait_for(&tab(1)).await;
        v.send("\x1b[6~").await; // PgDn
        v.wait_for(&tab(2)).await;
        v.send("\x1b").await; // a lone Esc does not end the session
        bounded("resizing", v.channel.window_change(120, 40, 0, 0))
            .await
            .unwrap();
        v.parser
            .screen_mut()
            .set_size(NonZeroU16::new(40).unwrap(), NonZeroU16::new(120).unwrap());
        // The header spans the new width, its tab position at the right end.
        v.wait_until("a 120-column header", |screen| {
            let header = screen.rows(0, 120).next().unwrap_or_default();
            header.len() > 100 && header.trim_end().ends_with(&tab(2))
        })
        .await;
        v.send("q").await;
        v.wait_closed().await;
        assert_eq!(v.exit_status, Some(0));
        assert!(
            !v.parser.screen().alternate_screen(),
            "client terminal restored"
        );
        assert!(!v.parser.screen().hide_cursor());
    });
}

#[test]
fn ctrl_c_ends_only_that_session() {
    let scratch = Scratch::new("ctrlc");
    let server = Server::start(&scratch, &[]);
    block_on(async {
        let mut a = Viewer::ready(server.addr, &scratch.key).await;
        let mut b = Viewer::ready(server.addr, &scratch.key).await;
        a.send("\x03").await;
        a.wait_closed().await;
        b.send("3").await;
        b.wait_for(&tab(3)).await;
    });
}

#[test]
fn a_wrong_key_is_refused_and_exec_takes_only_a_view_string() {
    let scratch = Scratch::new("auth");
    let server = Server::start(&scratch, &[]);
    block_on(async {
        let stranger = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        let refused = connect(server.addr, Some(&stranger)).await;
        assert_eq!(refused.err().as_deref(), Some("authentication refused"));
        assert!(
            connect(server.addr, None).await.is_err(),
            "no auth without --no-auth"
        );

        let handle = connect(server.addr, Some(&scratch.key)).await.unwrap();
        let mut channel = bounded("opening a session", handle.channel_open_session())
            .await
            .unwrap();
        bounded("asking to exec", channel.exec(true, "cat /etc/passwd"))
            .await
            .unwrap();
        // A command is a view string (`ssh -t HOST trade/zoom`); anything else is refused
        // with what is wrong, and no shell runs.
        let (mut said, mut status) = (String::new(), None);
        while let Ok(Some(message)) = timeout(Duration::from_secs(5), channel.wait()).await {
            match message {
                ChannelMsg::Data { data } => said.push_str(&String::from_utf8_lossy(&data)),
                ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                ChannelMsg::Close => break,
                _ => {}
            }
        }
        assert!(
            said.starts_with("jx-dash: view `cat /etc/passwd`: unknown tab `cat `"),
            "{said:?}"
        );
        assert_eq!(status, Some(2));
    });
}

#[test]
fn no_auth_admits_anyone() {
    let scratch = Scratch::new("noauth");
    let server = Server::start(&scratch, &["--no-auth"]);
    block_on(async {
        let mut v = Viewer::open(server.addr, None, (80, 24)).await.unwrap();
        v.wait_for(&tab(1)).await;
    });
}

#[test]
fn twenty_concurrent_sessions_all_render() {
    let scratch = Scratch::new("twenty");
    // Twenty logins at the very same moment from one address: more than one source may start
    // by default (10), and past the random early drop's start.
    let limits = ["--per-source-startups", "20", "--max-startups", "20:30:100"];
    let server = Server::start(&scratch, &limits);
    block_on(async {
        let mut tasks = Vec::new();
        for i in 0..20u16 {
            let key = scratch.key.clone();
            let addr = server.addr;
            tasks.push(tokio::spawn(async move {
                let mut v = Viewer::open(addr, Some(&key), (80 + i, 24)).await.unwrap();
                v.wait_for("482.3").await;
                v
            }));
        }
        let mut viewers = Vec::new();
        for task in tasks {
            viewers.push(bounded("a session", task).await.unwrap());
        }
        assert_eq!(viewers.len(), 20);
    });
}

#[test]
fn a_client_that_stops_reading_does_not_delay_another() {
    let scratch = Scratch::new("slow");
    let server = Server::start(&scratch, &[]);
    block_on(async {
        let stall = Trusting::default();
        let mut slow = Viewer::open_with(server.addr, Some(&scratch.key), (200, 60), stall.clone())
            .await
            .unwrap();
        slow.wait_for(&tab(1)).await;
        let mut fast = Viewer::ready(server.addr, &scratch.key).await;
        // The slow client freezes (reads nothing more from its socket) and asks for thousands
        // of full 200x60 frames: megabytes that can never be delivered.
        stall.stall.store(true, Ordering::SeqCst);
        for _ in 0..40 {
            slow.send_stalled(&"\tL".repeat(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let count = tabs();
        for k in (2..=count).chain([1]) {
            fast.send("\t").await;
            fast.wait_for(&tab(k)).await;
        }
    });
}

#[test]
fn the_session_cap_refuses_extra_sessions() {
    let scratch = Scratch::new("cap");
    let server = Server::start(&scratch, &["--max-sessions", "2"]);
    block_on(async {
        let mut a = Viewer::ready(server.addr, &scratch.key).await;
        let _b = Viewer::ready(server.addr, &scratch.key).await; // holds the second slot
        let third = connect(server.addr, Some(&scratch.key)).await.unwrap();
        assert!(
            bounded("opening a third session", third.channel_open_session())
                .await
                .is_err(),
            "a third session is refused"
        );
        a.send("q").await;
        a.wait_closed().await;
        // The slot is free again.
        let _c = Viewer::ready(server.addr, &scratch.key).await;
    });
}

#[test]
fn without_a_pty_the_client_is_told_to_use_ssh_t() {
    let scratch = Scratch::new("nopty");
    let server = Server::start(&scratch, &[]);
    block_on(async {
        let handle = connect(server.addr, Some(&scratch.key)).await.unwrap();
        let mut channel = bounded("opening a session", handle.channel_open_session())
            .await
            .unwrap();
        bounded("asking for a shell", channel.request_shell(false))
            .await
            .unwrap();
        let mut said = Vec::new();
        while let Ok(Some(msg)) = timeout(Duration::from_secs(5), channel.wait()).await {
            if let ChannelMsg::Data { data } = msg {
                said.extend_from_slice(&data);
            }
        }
        assert!(
            String::from_utf8_lossy(&said).contains("ssh -t"),
            "{said:?}"
        );
    });
}

#[test]
fn an_idle_client_is_disconnected_and_restored() {
    let scratch = Scratch::new("idle");
    let server = Server::start(&scratch, &["--idle-timeout", "1"]);
    block_on(async {
        let mut v = Viewer::ready(server.addr, &scratch.key).await;
        v.wait_closed().await;
        assert!(!v.parser.screen().alternate_screen());
        assert!(String::from_utf8_lossy(&v.raw).contains("without a key"));
    });
}

#[test]
fn follow_mode_viewers_follow_the_presenter_and_can_break_away() {
    let scratch = Scratch::new("follow");
    let server = Server::start(&scratch, &["--follow"]);
    block_on(async {
        let mut presenter = Viewer::presenter(server.addr, &scratch.key, (100, 30)).await;
        presenter.wait_for("presenting to 0").await;
        let mut viewer = Viewer::open(server.addr, Some(&scratch.key), (100, 30))
            .await
            .unwrap();
        viewer.wait_for("following presenter").await;
        presenter.wait_for("presenting to 1").await;
        presenter.send("3").await;
        viewer.wait_for(&tab(3)).await;
        viewer.send("\t").await; // breaks away
        viewer.wait_for("f: follow presenter").await;
        presenter.send("5").await;
        presenter.wait_for(&tab(5)).await;
        for _ in 0..5 {
            viewer.read_once(Duration::from_millis(100)).await;
        }
        assert!(
            viewer.screen().contains(&tab(4)),
            "broke away: stays on its own tab"
        );
        viewer.send("f").await; // rejoins on the presenter's tab
        viewer.wait_for(&tab(5)).await;
        viewer.wait_for("following presenter").await;
        presenter.send("q").await; // the presenter leaves: the viewer takes over
        presenter.wait_closed().await;
        viewer.wait_for("presenting to 0").await;
    });
}

#[test]
fn host_key_persists_across_restarts() {
    let scratch = Scratch::new("hostkey");
    let first = Server::start(&scratch, &[]).fingerprint.clone();
    let second = Server::start(&scratch, &[]).fingerprint.clone();
    assert!(first.starts_with("SHA256:"), "{first}");
    assert_eq!(first, second);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(scratch.dir.join("host_key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn sigterm_restores_every_client_and_says_goodbye() {
    let scratch = Scratch::new("sigterm");
    let mut server = Server::start(&scratch, &[]);
    block_on(async {
        let mut a = Viewer::ready(server.addr, &scratch.key).await;
        let mut b = Viewer::ready(server.addr, &scratch.key).await;
        server.signal("TERM");
        for v in [&mut a, &mut b] {
            v.wait_closed().await;
            assert!(!v.parser.screen().alternate_screen());
            assert!(String::from_utf8_lossy(&v.raw).contains("server is shutting down"));
        }
    });
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

fn system_ssh() -> Option<PathBuf> {
    let path = Path::new("/usr/bin/ssh");
    path.exists().then(|| path.to_path_buf())
}

#[test]
fn system_ssh_client_sees_the_dashboard() {
    let Some(ssh) = system_ssh() else {
        eprintln!("skipped: no /usr/bin/ssh (install openssh-client)");
        return;
    };
    let scratch = Scratch::new("openssh");
    let server = Server::start(&scratch, &[]);
    let key_file = scratch.dir.join("id_ed25519");
    scratch
        .key
        .write_openssh_file(&key_file, russh::keys::ssh_key::LineEnding::LF)
        .unwrap();
    let pty = portable_pty::native_pty_system()
        .openpty(portable_pty::PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = portable_pty::CommandBuilder::new(ssh);
    let port = server.addr.port().to_string();
    cmd.args(["-p", &port, "-i"]);
    cmd.arg(&key_file);
    cmd.args([
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
        "-t",
        "demo@127.0.0.1",
    ]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let parser = Arc::new(std::sync::Mutex::new(vt100::Parser::new(
        NonZeroU16::new(24).unwrap(),
        NonZeroU16::new(80).unwrap(),
        0,
    )));
    let p = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = std::io::Read::read(&mut reader, &mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let wait_for = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !parser.lock().unwrap().screen().contents().contains(needle) {
            assert!(Instant::now() < deadline, "`{needle}` never appeared");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("482.3");
    std::io::Write::write_all(&mut writer, b"\t").unwrap();
    wait_for(&tab(2));
    std::io::Write::write_all(&mut writer, b"q").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "ssh did not exit");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.exit_code(), 0);
    assert!(!parser.lock().unwrap().screen().alternate_screen());
}

/// The server's `--log` file so far.
fn log_text(scratch: &Scratch) -> String {
    std::fs::read_to_string(scratch.dir.join("log")).unwrap_or_default()
}

/// Waits (bounded) until the log has a line containing every one of `needles`.
async fn wait_for_log(scratch: &Scratch, needles: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = log_text(scratch);
        if let Some(line) = text
            .lines()
            .find(|line| needles.iter().all(|n| line.contains(n)))
        {
            return line.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "no log line with {needles:?}; the log:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn lines_with(text: &str, needles: &[&str]) -> usize {
    text.lines()
        .filter(|line| needles.iter().all(|n| line.contains(n)))
        .count()
}

/// Reads from a raw socket until the server closes it; returns how long that took.
async fn time_until_closed(mut socket: tokio::net::TcpStream) -> Duration {
    use tokio::io::AsyncReadExt;
    let started = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        match timeout(LIMIT, socket.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
            Err(elapsed) => panic!("the socket was still open: {elapsed}"),
        }
    }
}

#[test]
fn idle_sockets_from_one_address_do_not_keep_a_viewer_out() {
    let scratch = Scratch::new("flood");
    let log = scratch.dir.join("log");
    let server = Server::start(&scratch, &["--log", log.to_str().unwrap()]);
    block_on(async {
        // 300 sockets from 127.0.0.1 that say nothing and stay open (those the server refuses
        // are closed by it; the test keeps its ends open all the same).
        let mut flood = Vec::new();
        for _ in 0..300 {
            flood.push(tcp_from("127.0.0.1", server.addr).await.unwrap());
        }
        let started = Instant::now();
        let mut viewer = Viewer::open_from(
            "127.0.0.2",
            server.addr,
            Some(&scratch.key),
            (80, 24),
            Trusting::default(),
        )
        .await
        .unwrap();
        viewer.wait_for(&tab(1)).await;
        let waited = started.elapsed();
        assert!(
            waited < Duration::from_secs(2),
            "the viewer waited {waited:?}"
        );
        let refused = wait_for_log(
            &scratch,
            &["refused 127.0.0.1:", "in progress from this source"],
        )
        .await;
        assert!(refused.contains("10 logins"), "{refused}");
        let text = log_text(&scratch);
        // 290 refusals, logged at the 1st, 2nd, 4th... time: a flood writes a few lines.
        let logged = lines_with(&text, &["refused 127.0.0.1:"]);
        assert!((1..=9).contains(&logged), "{logged} refusal lines:\n{text}");
        drop(flood);
    });
}

#[test]
fn a_kex_stall_and_a_silent_socket_are_closed_after_the_grace_time() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
    let scratch = Scratch::new("grace");
    let log = scratch.dir.join("log");
    let server = Server::start(
        &scratch,
        &["--login-grace", "1", "--log", log.to_str().unwrap()],
    );
    block_on(async {
        // A session outlives the grace time: it applies only until the shell starts.
        let mut viewer = Viewer::ready(server.addr, &scratch.key).await;

        let silent = tcp_from("127.0.0.3", server.addr).await.unwrap();
        let mut stall =
            tokio::io::BufReader::new(tcp_from("127.0.0.4", server.addr).await.unwrap());
        // The stalled client reads the server's banner, sends its own and stops there, in the
        // middle of the key exchange.
        let mut banner = String::new();
        bounded("the server's banner", stall.read_line(&mut banner))
            .await
            .unwrap();
        assert!(banner.starts_with("SSH-2.0-"), "{banner:?}");
        stall
            .get_mut()
            .write_all(b"SSH-2.0-OpenSSH_9.6 stall\r\n")
            .await
            .unwrap();
        let (silent, stalled) = tokio::join!(
            time_until_closed(silent),
            time_until_closed(stall.into_inner())
        );
        for (what, took) in [("silent socket", silent), ("stalled key exchange", stalled)] {
            assert!(
                took >= Duration::from_millis(700) && took < Duration::from_secs(4),
                "the {what} was closed after {took:?}, not after the 1 s grace time"
            );
        }
        wait_for_log(
            &scratch,
            &["closed 127.0.0.3:", "grace time of 1 s", "sent nothing"],
        )
        .await;
        wait_for_log(&scratch, &["closed 127.0.0.4:", "during the key exchange"]).await;

        tokio::time::sleep(Duration::from_millis(300)).await;
        viewer.send("\t").await;
        viewer.wait_for(&tab(2)).await;
    });
}

#[test]
fn a_source_that_fails_authentication_is_refused_for_a_while_and_others_are_not() {
    let scratch = Scratch::new("penalty");
    let log = scratch.dir.join("log");
    // Two failures make a block of two seconds (OpenSSH's defaults are 5 s a failure and a
    // block from 15 s; this keeps the test short). Penalty time runs out as time passes, so
    // two failures half a second apart count 2.5 s; the block is capped at 2 s.
    let args = [
        "--penalties",
        "authfail:1.5,min:2,max:2",
        "--log",
        log.to_str().unwrap(),
    ];
    let server = Server::start(&scratch, &args);
    block_on(async {
        let stranger = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        for _ in 0..2 {
            let refused = connect_from(
                "127.0.0.1",
                server.addr,
                Some(&stranger),
                Trusting::default(),
            );
            assert_eq!(
                refused.await.err().as_deref(),
                Some("authentication refused")
            );
        }
        let penalty = wait_for_log(&scratch, &["penalty 127.0.0.1:", "refused for 2 s"]).await;
        let blocked_at = Instant::now();
        assert!(penalty.contains("failed authentication"), "{penalty}");

        // The right key from the penalized address is refused...
        let refused = connect_from(
            "127.0.0.1",
            server.addr,
            Some(&scratch.key),
            Trusting::default(),
        )
        .await;
        assert!(refused.is_err(), "a penalized source got in");
        // ...and from another address gets the dashboard.
        let mut other = Viewer::open_from(
            "127.0.0.2",
            server.addr,
            Some(&scratch.key),
            (80, 24),
            Trusting::default(),
        )
        .await
        .unwrap();
        other.wait_for(&tab(1)).await;

        // For a while: once the block is over, the source is let in again.
        tokio::time::sleep(Duration::from_millis(2300).saturating_sub(blocked_at.elapsed())).await;
        let mut back = Viewer::open_from(
            "127.0.0.1",
            server.addr,
            Some(&scratch.key),
            (80, 24),
            Trusting::default(),
        )
        .await
        .unwrap();
        back.wait_for(&tab(1)).await;

        // The log: a line per failure, one penalty, one refusal, one line per viewer with its
        // address, key and size.
        let fingerprint = scratch
            .key
            .public_key()
            .fingerprint(russh::keys::HashAlg::Sha256)
            .to_string();
        let accepted = wait_for_log(&scratch, &["accepted 127.0.0.1:"]).await;
        assert!(
            accepted.contains(&fingerprint) && accepted.contains(" 80x24 "),
            "{accepted}"
        );
        let text = log_text(&scratch);
        let stranger_fp = stranger
            .public_key()
            .fingerprint(russh::keys::HashAlg::Sha256)
            .to_string();
        assert_eq!(
            lines_with(
                &text,
                &["refused 127.0.0.1:", "authentication failed", &stranger_fp]
            ),
            2,
            "{text}"
        );
        assert_eq!(lines_with(&text, &["penalty "]), 1, "{text}");
        assert_eq!(
            lines_with(&text, &["refused 127.0.0.1:", "source penalized"]),
            1,
            "{text}"
        );
        assert_eq!(
            lines_with(&text, &["accepted 127.0.0.2:", &fingerprint, " 80x24 "]),
            1,
            "{text}"
        );
        assert_eq!(lines_with(&text, &["accepted "]), 2, "{text}");
    });
}

#[test]
fn a_follower_outlives_the_idle_timeout_while_the_presenter_types_and_sees_the_zoom() {
    let scratch = Scratch::new("followzoom");
    let server = Server::start(&scratch, &["--follow", "--idle-timeout", "2"]);
    block_on(async {
        let mut presenter = Viewer::presenter(server.addr, &scratch.key, (100, 30)).await;
        presenter.wait_for("presenting to 0").await;
        let mut follower = Viewer::open(server.addr, Some(&scratch.key), (100, 30))
            .await
            .unwrap();
        follower.wait_for("following presenter").await;
        // The presenter types for twice the idle timeout; the follower sends nothing.
        let started = Instant::now();
        for keys in [
            "3", "j", "j", "k", "4", "3", "j", "\t", "\x1b[Z", "j", "k", "j",
        ] {
            presenter.send(keys).await;
            tokio::time::sleep(Duration::from_millis(350)).await;
        }
        presenter.send("\r").await; // zoom
        presenter.wait_for("Esc back").await;
        assert!(
            started.elapsed() > Duration::from_secs(4),
            "{:?}",
            started.elapsed()
        );
        follower.wait_for("Esc back").await;
        assert!(!follower.closed, "the follower was dropped as idle");
        let title = |v: &Viewer| v.parser.screen().rows(0, 100).nth(1).unwrap();
        assert_eq!(
            title(&follower),
            title(&presenter),
            "the same panel is zoomed"
        );
        assert!(follower.screen().contains("following presenter"));

        // Esc on the follower's own leaves the zoom and breaks away.
        follower.send("\x1b").await;
        follower.wait_for("f: follow presenter").await;
        // Nobody presses a key now: both go after the idle timeout.
        follower.wait_closed().await;
        presenter.wait_closed().await;
        assert!(String::from_utf8_lossy(&follower.raw).contains("without a key"));
    });
}

/// Followers show the presenter's whole view: the focused series' view (`t`), the rankings'
/// year (`y`) and the currency (`u`), not only tab, focus and zoom. The presenter's header
/// counts who broke away, and the log says when a session ends and when the server stops.
#[test]
fn followers_follow_view_year_and_currency_and_the_log_says_who_left() {
    let scratch = Scratch::new("follow-view");
    let log = scratch.dir.join("log");
    let server = Server::start(&scratch, &["--follow", "--log", log.to_str().unwrap()]);
    block_on(async {
        let mut presenter = Viewer::presenter(server.addr, &scratch.key, (120, 40)).await;
        presenter.wait_for("presenting to 0").await;
        let mut viewer = Viewer::open(server.addr, Some(&scratch.key), (120, 40))
            .await
            .unwrap();
        viewer.wait_for("following presenter").await;
        presenter.send("u").await;
        viewer.wait_for("US$ ·").await;
        presenter.send("t").await;
        viewer.wait_for("Δ y/y %").await;
        presenter.send("6").await;
        viewer.wait_for("in 2024").await;
        presenter.send("y").await;
        viewer.wait_for("in 2025").await;
        assert!(
            viewer.screen().contains("following presenter"),
            "{}",
            viewer.screen()
        );
        let mut other = Viewer::open(server.addr, Some(&scratch.key), (120, 40))
            .await
            .unwrap();
        other.wait_for("following presenter").await;
        other.send("u").await; // its own currency: it breaks away
        other.wait_for("f: follow presenter").await;
        presenter.wait_for("1 following, 1 away").await;
        other.send("q").await;
        other.wait_closed().await;
        wait_for_log(&scratch, &["ended: quit"]).await;
        presenter.wait_for("presenting to 1").await;
    });
    server.signal("TERM");
    block_on(async {
        wait_for_log(&scratch, &["shutting down"]).await;
    });
}

/// The cell's background colour at the top left of a session's screen: which theme it draws.
fn ground(viewer: &Viewer) -> vt100::Color {
    viewer.parser.screen().cell(0, 0).unwrap().bgcolor()
}

/// A meeting from an agenda: the clicker walks the steps and every follower sees each one
/// (titled in its own language), the presenter's console shows the notes and a roster of the
/// viewers' windows, no follower's frame ever holds a note, a follower's own theme and
/// language survive the presenter's steps.
#[test]
fn a_meeting_runs_from_an_agenda_with_notes_only_on_the_presenters_console() {
    let scratch = Scratch::new("meeting");
    let agenda = Path::new(env!("CARGO_MANIFEST_DIR")).join("agenda/talk.toml");
    let server = Server::start(
        &scratch,
        &["--follow", "--agenda", agenda.to_str().unwrap()],
    );
    let key = &scratch.key;
    block_on(async {
        let mut presenter = Viewer::open(server.addr, Some(key), (120, 40))
            .await
            .unwrap();
        presenter.wait_for("Join this dashboard").await;
        presenter.wait_for(&server.fingerprint).await;
        presenter.send("n").await; // closes the join card, and nothing else
        presenter.wait_for("presenting to 0").await;
        assert!(!presenter.screen().contains("only you see this"));
        let mut small = Viewer::open(server.addr, Some(key), (80, 24))
            .await
            .unwrap();
        let mut middle = Viewer::open(server.addr, Some(key), (100, 30))
            .await
            .unwrap();
        let mut large = Viewer::open(server.addr, Some(key), (200, 60))
            .await
            .unwrap();
        for viewer in [&mut small, &mut middle, &mut large] {
            viewer.wait_for("following presenter").await;
        }
        // The small screen's viewer reads Chinese on a light theme, and still follows.
        let dark = ground(&small);
        small.send("LT").await;
        small.wait_for("跟随演示者").await;
        small
            .wait_until("a light theme", |s| s.cell(0, 0).unwrap().bgcolor() != dark)
            .await;
        let light = ground(&small);

        presenter.send("n").await;
        presenter.wait_for("Presenter · only you see this").await;
        presenter.wait_for("3 viewers: 3 following, 0 away").await;
        presenter
            .wait_for("2 smaller than yours: 80×24, 100×30")
            .await;
        presenter
            .wait_for("Step 1 of 11: The province at a glance")
            .await;

        // The clicker: each follower shows the step, titled in its own language.
        presenter.send("\x1b[6~").await; // PgDn
        presenter
            .wait_for("The figure as the article gives it")
            .await;
        small
            .wait_for("第2步（共11步）：报道中的地区生产总值")
            .await;
        large
            .wait_for("step 2 of 11: The article's GDP figure")
            .await;
        presenter.send(" ").await;
        presenter.wait_for("Step 3 of 11: A decade of growth").await;
        middle.wait_for("step 3 of 11").await;
        large.wait_for("step 3 of 11: A decade of growth").await;
        for viewer in [&mut small, &mut middle, &mut large] {
            viewer
                .wait_until("the zoom", |s| {
                    s.contents().contains("Esc back") || s.contents().contains("Esc 返回")
                })
                .await;
        }
        assert_eq!(
            ground(&small),
            light,
            "the presenter's steps keep its theme"
        );
        assert!(small.screen().contains("跟随演示者"), "{}", small.screen());

        // A window change and a viewer breaking away reach the roster.
        middle.channel.window_change(200, 60, 0, 0).await.unwrap();
        presenter.wait_for("1 smaller than yours: 80×24").await;
        large.send("5").await;
        large.wait_for("f: follow presenter").await;
        presenter.wait_for("2 following, 1 away").await;

        // No follower's frame ever carried a note, in either language.
        for viewer in [&small, &middle, &large] {
            let seen = String::from_utf8_lossy(&viewer.raw);
            for note in [
                "only you see this",
                "read from",
                "Each figure names",
                "线条中断",
                "原文语句",
            ] {
                assert!(!seen.contains(note), "a follower was sent `{note}`");
            }
        }
    });
}

/// `ssh -t HOST VIEW` in `--follow`: the session starts at that view, counted away from the
/// presenter, and `f` follows.
#[test]
fn a_view_string_as_the_ssh_command_starts_there_away_from_the_presenter() {
    let scratch = Scratch::new("view-command");
    let server = Server::start(&scratch, &["--follow"]);
    let key = &scratch.key;
    block_on(async {
        let mut presenter = Viewer::presenter(server.addr, key, (120, 40)).await;
        let mut viewer = Viewer::open(server.addr, Some(key), (120, 40))
            .await
            .unwrap();
        viewer.wait_for("following presenter").await;
        // `ssh -t HOST VIEW`: a view of one's own, away from the presenter until `f`.
        let mut own = Viewer::open_view(
            server.addr,
            Some(key),
            (120, 40),
            "trade/foreign-trade/zoom/usd",
        )
        .await
        .unwrap();
        own.wait_for("f: follow presenter").await;
        own.wait_for("US$").await;
        presenter.wait_for("1 following, 1 away").await;
        own.send("f").await;
        own.wait_for("following presenter").await;
        presenter.wait_for("presenting to 2").await;
    });
}

/// `c` copies to the clipboard of the viewer who pressed it (OSC 52 down its own channel),
/// and a follower who copies keeps following.
#[test]
fn each_viewer_copies_to_its_own_clipboard() {
    let scratch = Scratch::new("copy");
    let server = Server::start(&scratch, &["--follow"]);
    let key = &scratch.key;
    block_on(async {
        let mut presenter = Viewer::open(server.addr, Some(key), (120, 40))
            .await
            .unwrap();
        presenter.wait_for("Join this dashboard").await;
        presenter.send("J3").await; // the first key closes the join card
        presenter.wait_for("presenting to 0").await;
        let mut viewer = Viewer::open(server.addr, Some(key), (120, 40))
            .await
            .unwrap();
        viewer.wait_for("following presenter").await;
        viewer.wait_for("Exports and imports by year").await;
        viewer.send("c").await;
        viewer.wait_for("copied:").await;
        let seen = String::from_utf8_lossy(&viewer.raw).into_owned();
        assert!(seen.contains("\x1b]52;c;"), "no OSC 52 sent to the viewer");
        assert!(viewer.screen().contains("following presenter"));
        presenter.send("4").await;
        viewer.wait_for("R&D intensity").await;
        let presenter_saw = String::from_utf8_lossy(&presenter.raw).into_owned();
        assert!(
            !presenter_saw.contains("\x1b]52;"),
            "the presenter's clipboard was set"
        );
    });
}

/// `--record`: an asciicast v2 of what the room saw, written as the meeting goes: the header,
/// frames that replay to the presenter's screen without the console or the join card, and a
/// marker at each agenda step, tab and zoom.
#[test]
fn the_recording_is_an_asciicast_of_what_the_room_saw() {
    let scratch = Scratch::new("record");
    let cast = scratch.dir.join("talk.cast");
    let agenda = Path::new(env!("CARGO_MANIFEST_DIR")).join("agenda/talk.toml");
    let server = Server::start(
        &scratch,
        &[
            "--follow",
            "--agenda",
            agenda.to_str().unwrap(),
            "--record",
            cast.to_str().unwrap(),
        ],
    );
    let key = &scratch.key;
    block_on(async {
        let mut presenter = Viewer::open(server.addr, Some(key), (100, 30))
            .await
            .unwrap();
        presenter.wait_for("Join this dashboard").await;
        presenter.send("n").await; // closes the join card
        presenter.send("n").await; // the console: never in the recording
        presenter.wait_for("only you see this").await;
        presenter.send("\x1b[6~").await; // step 2: zoom on the article's GDP
        presenter.wait_for("Step 2 of 11").await;
        presenter.send("\x1b").await; // out of the zoom
        presenter
            .wait_until("the zoom closed", |s| !s.contents().contains("Esc back"))
            .await;
        presenter.send("\t").await; // the next tab
        presenter.wait_for("2/6").await;
        presenter.send("3").await;
        presenter.wait_for("Exports and imports by year").await;
    });
    // Written as it goes: complete before the server stops.
    let text = std::fs::read_to_string(&cast).unwrap();
    let mut lines = text.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(
        (
            header["version"].as_u64(),
            header["width"].as_u64(),
            header["height"].as_u64()
        ),
        (Some(2), Some(100), Some(30))
    );
    let mut parser = vt100::Parser::new(
        NonZeroU16::new(30).unwrap(),
        NonZeroU16::new(100).unwrap(),
        0,
    );
    let (mut last, mut markers, mut frames) = (0.0, Vec::new(), 0);
    for line in lines {
        let event: (f64, String, String) = serde_json::from_str(line).unwrap();
        assert!(event.0 >= last, "times go forward: {line}");
        last = event.0;
        match event.1.as_str() {
            "o" => {
                frames += 1;
                assert!(
                    !event.2.contains("only you see this"),
                    "the console was recorded"
                );
                assert!(
                    !event.2.contains("Join this dashboard"),
                    "the join card was recorded"
                );
                parser.process(event.2.as_bytes());
            }
            "m" => markers.push(event.2),
            other => panic!("unexpected event {other}: {line}"),
        }
    }
    assert!(frames >= 4, "{frames} frames");
    assert_eq!(
        markers,
        [
            "step 1: The province at a glance",
            "tab Overview",
            "step 2: The article's GDP figure",
            "zoom GDP, as stated in May 2024",
            "tab Growth",
            "tab Trade",
        ]
    );
    let screen = parser.screen().contents();
    assert!(screen.contains("Exports and imports by year"), "{screen}");
    server.signal("TERM");
}

mod browser {
    pub mod cdp;
}

/// A real browser follows the presenter: headless Chromium opens the read-only view (with its
/// token), the presenter presses a key over SSH, and the page's text changes to the new tab.
/// Skipped without Chromium, unless `JX_DASH_REQUIRE_CHROMIUM` is set (as `.ci/run` does).
#[test]
fn a_browser_follows_the_presenter_live() {
    let Some(chromium) = browser::cdp::find() else {
        assert!(
            std::env::var_os("JX_DASH_REQUIRE_CHROMIUM").is_none(),
            "no chromium, and JX_DASH_REQUIRE_CHROMIUM is set"
        );
        eprintln!("skipped: no chromium (apt-get install chromium)");
        return;
    };
    let scratch = Scratch::new("browser");
    let server = Server::start(
        &scratch,
        &["--follow", "--http", "127.0.0.1:0", "--http-token", "t0k3n"],
    );
    let line = server.line_with("in a browser");
    let url = line.rsplit(' ').next().unwrap().to_string();
    assert!(url.ends_with("/?token=t0k3n"), "{line}");
    let profile = scratch.dir.join("chromium");
    let screen_text = "document.getElementById('screen').innerText";
    block_on(async {
        let mut presenter = Viewer::presenter(server.addr, &scratch.key, (100, 30)).await;
        presenter.wait_for("presenting to 0").await;
        let (chromium, text) = tokio::task::spawn_blocking(move || {
            let mut browser = browser::cdp::Chromium::launch(&chromium, &profile);
            browser.open(&url);
            let text = browser.wait_for_text(screen_text, "Real GDP growth", LIMIT);
            (browser, text)
        })
        .await
        .unwrap();
        assert!(text.contains("Overview"), "{text}");
        assert!(
            !text.contains("presenting"),
            "the room's view has no presenter's count"
        );
        let started = Instant::now();
        presenter.send("3").await;
        presenter.wait_for("Exports and imports by year").await;
        let (mut chromium, text) = tokio::task::spawn_blocking(move || {
            let mut browser = chromium;
            let text = browser.wait_for_text(screen_text, "Exports and imports by year", LIMIT);
            (browser, text)
        })
        .await
        .unwrap();
        eprintln!(
            "the browser showed the presenter's key within {} ms",
            started.elapsed().as_millis()
        );
        assert!(text.contains("3/6"), "{text}");
        // Without the token, nothing.
        let refused = tokio::task::spawn_blocking(move || {
            let status = chromium.eval("fetch('/events').then(r => r.status)");
            (chromium, status)
        })
        .await
        .unwrap()
        .1;
        assert_eq!(refused, 403, "the events without the token");
    });
}

/// An HTTP/1.1 GET written by hand on a socket from `source` (a test client, to hold the
/// connection as a browser or an attacker would).
async fn http_get(source: &str, addr: SocketAddr, path: &str) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let mut socket = tcp_from(source, addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    socket.write_all(request.as_bytes()).await.unwrap();
    socket
}

/// What the server sends on `socket` within `limit`, as text (empty if it closed at once).
async fn read_some(socket: &mut tokio::net::TcpStream, limit: Duration) -> String {
    use tokio::io::AsyncReadExt;
    let mut buf = vec![0; 64 * 1024];
    match timeout(limit, socket.read(&mut buf)).await {
        Ok(Ok(n)) => String::from_utf8_lossy(&buf[..n]).into_owned(),
        Ok(Err(_)) => String::new(),
        Err(_) => "(nothing yet)".into(),
    }
}

/// The browser view's limits: live views are capped (503 past the cap), connections from one
/// address are capped (others still get in), a request whose headers never end is closed
/// after the timeout, and a view that stopped reading never delays another.
#[test]
fn the_browser_view_holds_its_limits() {
    let scratch = Scratch::new("http-limits");
    let server = Server::start(
        &scratch,
        &[
            "--follow",
            "--http",
            "127.0.0.1:0",
            "--http-max-clients",
            "3",
            "--http-per-address",
            "4",
            "--http-timeout",
            "3",
        ],
    );
    let line = server.line_with("in a browser");
    let http: SocketAddr = line
        .rsplit("http://")
        .next()
        .unwrap()
        .trim_end_matches('/')
        .parse()
        .unwrap();
    block_on(async {
        let mut presenter = Viewer::presenter(server.addr, &scratch.key, (100, 30)).await;
        presenter.wait_for("presenting to 0").await;
        // Three views: the third from another address; a fourth is refused.
        let mut views = Vec::new();
        for source in ["127.0.0.1", "127.0.0.1", "127.0.0.7"] {
            let mut view = http_get(source, http, "/events").await;
            let first = read_some(&mut view, LIMIT).await;
            assert!(first.starts_with("HTTP/1.1 200"), "{first}");
            views.push(view);
        }
        let mut fourth = http_get("127.0.0.8", http, "/events").await;
        let refused = read_some(&mut fourth, LIMIT).await;
        assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
        // 127.0.0.1 holds two views; two more connections fill its share, a fifth is closed
        // unanswered, while another address is still served.
        let _idle = [
            tcp_from("127.0.0.1", http).await.unwrap(),
            tcp_from("127.0.0.1", http).await.unwrap(),
        ];
        let mut over = http_get("127.0.0.1", http, "/").await;
        assert_eq!(
            read_some(&mut over, LIMIT).await,
            "",
            "a fifth from one address"
        );
        let mut page = http_get("127.0.0.9", http, "/").await;
        assert!(
            read_some(&mut page, LIMIT)
                .await
                .starts_with("HTTP/1.1 200")
        );
        // Headers that never end: closed after the 3 s timeout.
        let started = Instant::now();
        let mut slow = tcp_from("127.0.0.10", http).await.unwrap();
        tokio::io::AsyncWriteExt::write_all(&mut slow, b"GET / HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        let closed = read_some(&mut slow, Duration::from_secs(10)).await;
        assert!(!closed.contains("(nothing yet)"), "still open after 10 s");
        assert!(started.elapsed() >= Duration::from_millis(2500), "{closed}");
        // The first view stops reading; the second still gets every frame at once.
        let mut reader = views.remove(1);
        for key in ["2", "3", "4", "5", "1"] {
            presenter.send(key).await;
            let frame = read_some(&mut reader, LIMIT).await;
            assert!(frame.contains("event: frame"), "{frame}");
        }
    });
}

/// `--handout`: the views the room saw, in order and without the presenter's notes, written
/// when the last viewer leaves and again, with what came since, at SIGTERM.
#[test]
fn the_handout_is_written_when_the_meeting_ends() {
    let scratch = Scratch::new("handout");
    let file = scratch.dir.join("handout.html");
    let agenda = Path::new(env!("CARGO_MANIFEST_DIR")).join("agenda/talk.toml");
    let log = scratch.dir.join("log");
    let server = Server::start(
        &scratch,
        &[
            "--follow",
            "--agenda",
            agenda.to_str().unwrap(),
            "--handout",
            file.to_str().unwrap(),
            "--log",
            log.to_str().unwrap(),
        ],
    );
    block_on(async {
        let mut presenter = Viewer::open(server.addr, Some(&scratch.key), (100, 30))
            .await
            .unwrap();
        presenter.wait_for("Join this dashboard").await;
        presenter.send("n").await;
        presenter.send("n").await; // the console: its notes never reach the handout
        presenter.wait_for("only you see this").await;
        for step in 2..=3 {
            presenter.send("\x1b[6~").await;
            presenter.wait_for(&format!("Step {step} of 11")).await;
        }
        assert!(!file.exists(), "nothing written while the meeting goes on");
        presenter.send("qq").await; // out of the zoom, then quit
        presenter.wait_closed().await;
        wait_for_log(&scratch, &["handout written"]).await;
    });
    let html = std::fs::read_to_string(&file).unwrap();
    let titles: Vec<&str> = html
        .split("<section class=\"view\"")
        .skip(1)
        .map(|s| {
            s.split("<h2>")
                .nth(1)
                .unwrap()
                .split(" <code>")
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        titles,
        [
            "1. The province at a glance",
            "2. The article&#39;s GDP figure",
            "3. A decade of growth"
        ]
    );
    assert!(!html.contains("only you see this") && !html.contains("The figure as the article"));
    // Someone joins again and shows a fourth view; SIGTERM writes it all.
    block_on(async {
        let mut again = Viewer::open(server.addr, Some(&scratch.key), (100, 30))
            .await
            .unwrap();
        again.wait_for("Join this dashboard").await;
        again.send("J").await;
        again.send("5").await;
        again.wait_for("5/6").await;
    });
    server.signal("TERM");
    block_on(async {
        wait_for_log(&scratch, &["stopped"]).await;
    });
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(
        html.contains("Livelihood <code>livelihood</code>"),
        "{html}"
    );
}
