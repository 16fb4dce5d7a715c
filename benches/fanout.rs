//! Fan-out of `jx-dash serve --follow`: N followers (russh clients, no terminal emulation)
//! watch one presenter, who presses Tab; how long until every follower has its whole frame,
//! how many bytes each follower gets, and what the server spends per session and per key.
//!
//! ```sh
//! cargo bench --bench fanout                 # N = 10, 100, 500
//! cargo bench --bench fanout -- 10 50        # other N
//! JX_DASH_BIN=/path/to/jx-dash cargo bench --bench fanout   # another build of the server
//! cargo bench --bench fanout -- --hostile    # the attacks of issue 14 (see hostile.rs)
//! cargo bench --bench fanout -- --browsers   # browser views over SSE (see browsers.rs)
//! ```
//!
//! A frame is whole when its end-of-synchronized-update sequence (`ESC [ ? 2026 l`) arrives.
//! The clients run in this process on the same machine, so their CPU time competes with the
//! server's: latencies are an upper bound of what the server alone would give.

// Measurements: counts and times go to and from floating point for percentages and means.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client::{self, Handle};
use russh::keys::PublicKeyOrCertificate;
use tokio::sync::{Notify, Semaphore};

#[path = "fanout/browsers.rs"]
mod browsers;
#[path = "fanout/hostile.rs"]
mod hostile;

/// Numbers the servers' scratch directories.
static NEXT: AtomicUsize = AtomicUsize::new(0);

const END_OF_FRAME: &[u8] = b"\x1b[?2026l";
/// Presenter keys per N.
const KEYS: usize = 40;
/// Logins at once (below the server's per-source limit of 10).
const CONNECTING: usize = 8;
const SIZE: (u32, u32) = (80, 24);

struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// What the followers report for the key being measured.
#[derive(Default)]
struct Round {
    /// Key number being measured (0: none).
    key: AtomicU64,
    /// Nanoseconds from `epoch` at which the key was sent.
    sent: AtomicU64,
    /// Followers that have the key's whole frame.
    done: AtomicUsize,
    /// Nanoseconds from `epoch` at which the last follower got it.
    last: AtomicU64,
    bytes: AtomicU64,
    all_done: Notify,
}

struct Server {
    child: Child,
    addr: SocketAddr,
    /// With `--http`: the browser view's address.
    browser: Option<String>,
    _dir: tempdir::Dir,
}

mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Server {
    /// `jx-dash serve` on a free loopback port with `args`; `--no-auth` unless `keys` gives an
    /// `authorized_keys` file's lines.
    fn start(args: &[&str], keys: Option<&str>) -> Self {
        let bin = std::env::var("JX_DASH_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_jx-dash").to_string());
        let dir = std::env::temp_dir().join(format!(
            "jx-dash-bench-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let mut cmd = Command::new(bin);
        cmd.args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .arg("--host-key")
            .arg(dir.join("host_key"));
        match keys {
            Some(lines) => {
                std::fs::write(dir.join("authorized_keys"), lines).unwrap();
                cmd.arg("--authorized-keys")
                    .arg(dir.join("authorized_keys"));
            }
            None => {
                cmd.arg("--no-auth");
            }
        }
        if let Ok(path) = std::env::var("FANOUT_LOG") {
            cmd.arg("--log").arg(path);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Read its lines for as long as it runs: a closed pipe would fail its next print.
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        // The host key, then the other addresses and the browser view's, before the QR code.
        let browser = lines.by_ref().take(4).map_while(Result::ok).find_map(|l| {
            l.split("in a browser (read-only): ")
                .nth(1)
                .map(str::to_string)
        });
        std::thread::spawn(move || lines.for_each(drop));
        let addr = first
            .split("serving on ")
            .nth(1)
            .and_then(|rest| rest.split(';').next())
            .unwrap()
            .parse()
            .unwrap();
        Self {
            child,
            addr,
            browser,
            _dir: tempdir::Dir(dir),
        }
    }

    fn proc_field(&self, file: &str) -> String {
        std::fs::read_to_string(format!("/proc/{}/{file}", self.child.id())).unwrap()
    }

    /// Resident memory, in KiB.
    fn rss_kib(&self) -> u64 {
        let status = self.proc_field("status");
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    /// User + system CPU time.
    fn cpu(&self) -> Duration {
        let stat = self.proc_field("stat");
        let after_name = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        // Fields 14 and 15 of /proc/PID/stat (utime, stime), counted from `state` (3).
        let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        Duration::from_secs_f64(ticks as f64 / clock_ticks())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// Whether `data` (after `carry`, the end of the previous chunk) holds an end of frame; keeps
/// the end of `data` in `carry` for the next chunk.
fn ends_frame(carry: &mut Vec<u8>, data: &[u8]) -> bool {
    carry.extend_from_slice(data);
    let found = carry.windows(END_OF_FRAME.len()).any(|w| w == END_OF_FRAME);
    let keep = carry.len().saturating_sub(END_OF_FRAME.len() - 1);
    carry.drain(..keep);
    found
}

/// One viewer: connects, asks for a pty and a shell, waits for its first whole frame, and
/// then reports every frame to `round`.
async fn viewer(
    addr: SocketAddr,
    round: Option<Arc<Round>>,
    epoch: Instant,
) -> (Handle<Trusting>, russh::ChannelWriteHalf<client::Msg>) {
    let config = Arc::new(client::Config::default());
    let mut handle = client::connect(config, addr, Trusting).await.unwrap();
    assert!(handle.authenticate_none("bench").await.unwrap().success());
    let channel = handle.channel_open_session().await.unwrap();
    channel
        .request_pty(false, "xterm-256color", SIZE.0, SIZE.1, 0, 0, &[])
        .await
        .unwrap();
    channel.request_shell(false).await.unwrap();
    let (mut read, write) = channel.split();
    let mut carry = Vec::new();
    // The first frame.
    loop {
        match read.wait().await {
            Some(ChannelMsg::Data { data }) if ends_frame(&mut carry, &data) => break,
            Some(_) => {}
            None => panic!("a viewer's session ended before its first frame"),
        }
    }
    tokio::spawn(async move {
        let mut seen = 0;
        while let Some(msg) = read.wait().await {
            let (Some(round), ChannelMsg::Data { data }) = (&round, msg) else {
                continue;
            };
            let key = round.key.load(Ordering::SeqCst);
            round.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
            if ends_frame(&mut carry, &data) && key > seen {
                seen = key;
                let now = u64::try_from(epoch.elapsed().as_nanos()).unwrap();
                round.last.fetch_max(now, Ordering::SeqCst);
                round.done.fetch_add(1, Ordering::SeqCst);
                round.all_done.notify_one();
            }
        }
    });
    (handle, write)
}

/// The presenter presses Tab [`KEYS`] times, each once all `n` clients have the last frame
/// (or a minute has passed: then the bench fails); returns how long each key took to reach
/// the last client, and the bytes they received.
async fn press_keys(
    keys: &russh::ChannelWriteHalf<client::Msg>,
    round: &Round,
    n: usize,
    epoch: Instant,
    who: &str,
) -> (Vec<Duration>, u64) {
    let mut all = Vec::new();
    let mut bytes = 0;
    for key in 1..=KEYS as u64 {
        round.done.store(0, Ordering::SeqCst);
        round.last.store(0, Ordering::SeqCst);
        round.bytes.store(0, Ordering::SeqCst);
        let sent = u64::try_from(epoch.elapsed().as_nanos()).unwrap();
        round.sent.store(sent, Ordering::SeqCst);
        round.key.store(key, Ordering::SeqCst);
        keys.data_bytes(&b"\t"[..]).await.unwrap();
        let waited = tokio::time::timeout(Duration::from_mins(1), async {
            while round.done.load(Ordering::SeqCst) < n {
                round.all_done.notified().await;
            }
        })
        .await;
        assert!(
            waited.is_ok(),
            "only {} of {n} {who} got key {key}'s frame within 60 s",
            round.done.load(Ordering::SeqCst)
        );
        all.push(Duration::from_nanos(
            round.last.load(Ordering::SeqCst) - sent,
        ));
        // Quiet before the next key, so that frames are not merged.
        tokio::time::sleep(Duration::from_millis(30)).await;
        bytes += round.bytes.load(Ordering::SeqCst);
    }
    (all, bytes)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn measure(n: usize) {
    let sessions = (n + 1).to_string();
    let args = [
        "--follow",
        "--max-sessions",
        &sessions,
        "--idle-timeout",
        "3600",
    ];
    let server = Server::start(&args, None);
    let epoch = Instant::now();
    let (_presenter, keys) = viewer(server.addr, None, epoch).await;
    // The presenter starts on the join screen; a first key closes it.
    keys.data_bytes(&b"J"[..]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_before = server.rss_kib();
    let round = Arc::new(Round::default());
    let gate = Arc::new(Semaphore::new(CONNECTING));
    let connecting = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (gate, round) = (gate.clone(), round.clone());
        let addr = server.addr;
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            viewer(addr, Some(round), epoch).await
        }));
    }
    let mut followers = Vec::new();
    for task in tasks {
        followers.push(task.await.unwrap());
    }
    let connect_time = connecting.elapsed();
    // Let the presenter's header ("presenting to N") settle.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_after = server.rss_kib();

    let cpu_before = server.cpu();
    let measuring = Instant::now();
    let (mut all, bytes) = press_keys(&keys, &round, n, epoch, "followers").await;
    let elapsed = measuring.elapsed();
    let cpu = server.cpu().saturating_sub(cpu_before);
    all.sort();
    let per_key_cpu = cpu / KEYS as u32;
    let sessions = n as u64;
    println!(
        "| {n} | {} | {} | {} | {} KB | {} | {:.0}% | {:.1} s |",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        bytes / (sessions * KEYS as u64),
        (rss_after.saturating_sub(rss_before)) / sessions,
        ms(per_key_cpu),
        cpu.as_secs_f64() / elapsed.as_secs_f64() * 100.0,
        connect_time.as_secs_f64(),
    );
    drop(followers);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--hostile") {
        let names: Vec<String> = args
            .iter()
            .filter(|a| hostile::ATTACKS.contains(&a.as_str()))
            .cloned()
            .collect();
        hostile::run(&names);
        return;
    }
    let ns: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let ns = if ns.is_empty() {
        vec![10, 100, 500]
    } else {
        ns
    };
    if args.iter().any(|a| a == "--browsers") {
        browsers::run(&ns);
        return;
    }
    println!(
        "{KEYS} Tab keys from the presenter; followers at {}x{}, xterm-256color\n",
        SIZE.0, SIZE.1
    );
    println!(
        "| followers | p50 until all have the frame | p99 | bytes per follower per key | server RSS per session | server CPU per key | server CPU while measuring | connecting all |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for n in ns {
        runtime.block_on(measure(n));
    }
}
