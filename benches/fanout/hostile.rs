//! `cargo bench --bench fanout -- --hostile [ATTACK...]`: the attacks of issue 14 against a
//! fresh server each, as a hostile client on this machine would make them. During each, a
//! viewer from another address (127.0.0.2) connects and a bystander already watching
//! (127.0.0.5) presses Tab every 200 ms; the table says how long the viewer took to get the
//! dashboard, how fast the bystander's frames came, and what the server spent.
//! `JX_DASH_BIN=/path/to/old/jx-dash` runs the same attacks against another build.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::{Server, Trusting, ends_frame, ms};

pub const ATTACKS: [&str; 6] = [
    "idle-sockets",
    "kex-stall",
    "auth-failures",
    "window-changes",
    "huge-pty",
    "large-paste",
];

async fn tcp_from(source: &str, addr: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source.parse().unwrap(), 0))?;
    timeout(Duration::from_secs(5), socket.connect(addr))
        .await
        .map_err(|_| std::io::Error::other("connect timed out"))?
}

async fn login(
    source: &str,
    addr: SocketAddr,
    key: &PrivateKey,
) -> Result<Handle<Trusting>, String> {
    let tcp = tcp_from(source, addr).await.map_err(|e| e.to_string())?;
    let config = Arc::new(client::Config::default());
    let mut handle = client::connect_stream(config, tcp, Trusting)
        .await
        .map_err(|e| e.to_string())?;
    let key = PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None);
    let auth = handle
        .authenticate_publickey("bench", key)
        .await
        .map_err(|e| e.to_string())?;
    if auth.success() {
        Ok(handle)
    } else {
        Err("authentication refused".into())
    }
}

struct Session {
    _handle: Handle<Trusting>,
    read: ChannelReadHalf,
    write: ChannelWriteHalf<client::Msg>,
    carry: Vec<u8>,
}

impl Session {
    /// A session of `size` from `source`, once its first frame is whole.
    async fn open(
        source: &str,
        addr: SocketAddr,
        key: &PrivateKey,
        size: (u32, u32),
    ) -> Result<Self, String> {
        let handle = login(source, addr, key).await?;
        let channel = handle
            .channel_open_session()
            .await
            .map_err(|e| e.to_string())?;
        channel
            .request_pty(false, "xterm-256color", size.0, size.1, 0, 0, &[])
            .await
            .map_err(|e| e.to_string())?;
        channel
            .request_shell(false)
            .await
            .map_err(|e| e.to_string())?;
        let (read, write) = channel.split();
        let mut session = Self {
            _handle: handle,
            read,
            write,
            carry: Vec::new(),
        };
        session.frame().await.ok_or("no first frame")?;
        Ok(session)
    }

    /// Bytes up to the end of the next whole frame; `None` if the session ended.
    async fn frame(&mut self) -> Option<usize> {
        let mut bytes = 0;
        loop {
            match self.read.wait().await? {
                ChannelMsg::Data { data } => {
                    bytes += data.len();
                    if ends_frame(&mut self.carry, &data) {
                        return Some(bytes);
                    }
                }
                ChannelMsg::Close | ChannelMsg::Eof => return None,
                _ => {}
            }
        }
    }
}

/// How long a viewer from 127.0.0.2 takes to get the dashboard (at most 10 s).
async fn viewer_gets_in(addr: SocketAddr, key: &PrivateKey) -> String {
    let started = Instant::now();
    match timeout(
        Duration::from_secs(10),
        Session::open("127.0.0.2", addr, key, (80, 24)),
    )
    .await
    {
        Ok(Ok(_)) => format!("in {}", ms(started.elapsed())),
        Ok(Err(e)) => format!("refused after {} ({e})", ms(started.elapsed())),
        Err(_) => "nothing within 10 s".into(),
    }
}

/// A bystander presses Tab every 200 ms until `stop`; returns its key-to-frame latencies.
fn bystander(
    mut session: Session,
    stop: Arc<tokio::sync::Notify>,
) -> tokio::task::JoinHandle<Vec<Duration>> {
    tokio::spawn(async move {
        let mut latencies = Vec::new();
        loop {
            let sent = Instant::now();
            if session.write.data_bytes(&b"\t"[..]).await.is_err() {
                break;
            }
            match timeout(Duration::from_secs(5), session.frame()).await {
                Ok(Some(_)) => latencies.push(sent.elapsed()),
                Ok(None) => break,
                Err(_) => latencies.push(Duration::from_secs(5)),
            }
            tokio::select! {
                () = stop.notified() => break,
                () = tokio::time::sleep(Duration::from_millis(200)) => {}
            }
        }
        latencies
    })
}

fn summary(mut latencies: Vec<Duration>) -> String {
    if latencies.is_empty() {
        return "no frames".into();
    }
    latencies.sort();
    format!(
        "p50 {} / max {} ({} keys)",
        ms(latencies[latencies.len() / 2]),
        ms(*latencies.last().unwrap()),
        latencies.len()
    )
}

/// Raw sockets from 127.0.0.1: silent, or stalled after the SSH banners.
async fn sockets(addr: SocketAddr, n: usize, stall: bool) -> (Vec<TcpStream>, usize) {
    let mut held = Vec::new();
    let mut stalled = 0;
    for _ in 0..n {
        let Ok(tcp) = tcp_from("127.0.0.1", addr).await else {
            continue;
        };
        if !stall {
            held.push(tcp);
            continue;
        }
        let mut reader = tokio::io::BufReader::new(tcp);
        let mut banner = String::new();
        let got = timeout(Duration::from_millis(500), reader.read_line(&mut banner)).await;
        let mut tcp = reader.into_inner();
        if matches!(got, Ok(Ok(n)) if n > 0) && tcp.write_all(b"SSH-2.0-stall\r\n").await.is_ok() {
            stalled += 1;
        }
        held.push(tcp);
    }
    (held, stalled)
}

/// How many of `held` the server has closed by `after`.
async fn closed_by(held: Vec<TcpStream>, after: Duration) -> usize {
    let deadline = tokio::time::Instant::now() + after;
    let mut tasks = Vec::new();
    for mut tcp in held {
        tasks.push(tokio::spawn(async move {
            let mut buf = [0u8; 4096];
            loop {
                match tokio::time::timeout_at(deadline, tcp.read(&mut buf)).await {
                    Ok(Ok(0) | Err(_)) => return true,
                    Ok(Ok(_)) => {}
                    Err(_) => return false,
                }
            }
        }));
    }
    let mut closed = 0;
    for task in tasks {
        closed += usize::from(task.await.unwrap_or(false));
    }
    closed
}

/// What one attack did: the viewer's result if measured during it, notes, and sessions to
/// keep open until the end.
struct Done {
    viewer: Option<String>,
    notes: String,
    keep: Vec<Session>,
}

const PASTE_KEYS: &[u8] = b"abc\tjkl xyz/\r\x1b";

async fn act(name: &str, server: &Server, key: &PrivateKey, started: Instant) -> Done {
    let addr = server.addr;
    let mut done = Done {
        viewer: None,
        notes: String::new(),
        keep: Vec::new(),
    };
    match name {
        "idle-sockets" | "kex-stall" => {
            let stall = name == "kex-stall";
            let (held, stalled) = sockets(addr, 300, stall).await;
            done.viewer = Some(viewer_gets_in(addr, key).await);
            let from_attacker = Session::open("127.0.0.1", addr, key, (80, 24))
                .await
                .is_ok();
            let n = held.len();
            let closed = closed_by(held, Duration::from_secs(25)).await;
            let stalled = if stall {
                format!(" ({stalled} stalled mid key exchange)")
            } else {
                String::new()
            };
            done.notes = format!(
                "{n} sockets{stalled}; closed by the server within 25 s: {closed}; the attacker's own address gets a session: {from_attacker}"
            );
        }
        "auth-failures" => {
            let stranger = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
            let (mut refused_auth, mut refused_early) = (0, 0);
            for _ in 0..40 {
                match login("127.0.0.1", addr, &stranger).await {
                    Err(e) if e == "authentication refused" => refused_auth += 1,
                    _ => refused_early += 1,
                }
            }
            done.viewer = Some(viewer_gets_in(addr, key).await);
            let back = Session::open("127.0.0.1", addr, key, (80, 24))
                .await
                .is_ok();
            done.notes = format!(
                "40 logins with a wrong key: {refused_auth} failed authentication, {refused_early} refused before it; the right key from the same address right after: {}",
                if back { "admitted" } else { "refused" }
            );
        }
        "window-changes" => {
            let flood = Session::open("127.0.0.3", addr, key, (80, 24))
                .await
                .unwrap();
            for i in 0..20_000u32 {
                let (cols, rows) = if i % 2 == 0 { (400, 200) } else { (399, 199) };
                if flood.write.window_change(cols, rows, 0, 0).await.is_err() {
                    break;
                }
            }
            done.notes = format!(
                "20,000 window changes (400x200 / 399x199) sent in {}",
                ms(started.elapsed())
            );
            done.keep.push(flood);
        }
        "huge-pty" => {
            let rss_before = server.rss_kib();
            let mut bytes = Vec::new();
            for _ in 0..20 {
                let mut s = Session::open("127.0.0.3", addr, key, (65_535, 65_535))
                    .await
                    .unwrap();
                s.write.data_bytes(&b"\t"[..]).await.unwrap();
                bytes.push(s.frame().await.unwrap_or(0));
                done.keep.push(s);
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
            done.notes = format!(
                "20 sessions asking for 65535x65535: server RSS +{} KB per session; a tab's frame {} bytes",
                server.rss_kib().saturating_sub(rss_before) / 20,
                bytes.iter().sum::<usize>() / bytes.len().max(1)
            );
        }
        "large-paste" => {
            let paste = Session::open("127.0.0.3", addr, key, (200, 60))
                .await
                .unwrap();
            let text: Vec<u8> = (0..10 * 1024 * 1024usize)
                .map(|i| PASTE_KEYS[i * 7919 % PASTE_KEYS.len()])
                .collect();
            for chunk in text.chunks(32 * 1024) {
                if paste.write.data_bytes(chunk.to_vec()).await.is_err() {
                    break;
                }
            }
            done.notes = format!(
                "10 MB pasted (tabs, Esc, letters) and taken by the server in {}",
                ms(started.elapsed())
            );
            done.keep.push(paste);
        }
        _ => panic!("unknown attack `{name}`; expected one of {ATTACKS:?}"),
    }
    done
}

async fn attack(name: &str) {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
    let line = format!("{}\n", key.public_key().to_openssh().unwrap());
    let server = Server::start(&[], Some(&line));
    let watcher = Session::open("127.0.0.5", server.addr, &key, (80, 24))
        .await
        .unwrap();
    let stop = Arc::new(tokio::sync::Notify::new());
    let watching = bystander(watcher, stop.clone());
    let cpu_before = server.cpu();
    let started = Instant::now();
    let done = act(name, &server, &key, started).await;
    let viewer = match done.viewer {
        Some(viewer) => viewer,
        None => viewer_gets_in(server.addr, &key).await,
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.notify_one();
    let latencies = watching.await.unwrap_or_default();
    let cpu = server.cpu().saturating_sub(cpu_before);
    println!(
        "| {name} | {viewer} | {} | {} CPU over {:.1} s | {} |",
        summary(latencies),
        ms(cpu),
        started.elapsed().as_secs_f64(),
        done.notes
    );
    drop(done.keep);
}

pub fn run(names: &[String]) {
    let names: Vec<&str> = if names.is_empty() {
        ATTACKS.to_vec()
    } else {
        names.iter().map(String::as_str).collect()
    };
    println!(
        "| attack | a viewer from another address | a bystander's Tab-to-frame | server | notes |"
    );
    println!("|---|---|---|---|---|");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for name in names {
        runtime.block_on(attack(name));
    }
}
