//! End to end: the real binary in a pseudo-terminal, its screen parsed by vt100.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    /// Set when the reader has seen the end of the output (every byte is in `parser`).
    drained: Arc<std::sync::atomic::AtomicBool>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str]) -> Self {
        Self::start_with_env(args, &[])
    }

    fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jx-dash"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, r, d) = (parser.clone(), raw.clone(), drained.clone());
        std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&chunk[..n]);
                r.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
            d.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Self {
            parser,
            raw,
            writer,
            drained,
            child,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("`{needle}` never appeared; screen:\n{}", self.screen());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn bytes(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn wait_exit(&mut self) -> u32 {
        self.wait_exit_within(Duration::from_secs(10))
    }

    fn wait_exit_within(&mut self, limit: Duration) -> u32 {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The last bytes (the terminal's restore) may still be on their way to the
                // parser: wait, bounded, until the reader has seen the end.
                let drain_deadline = Instant::now() + Duration::from_secs(5);
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst)
                    && Instant::now() < drain_deadline
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
        panic!("jx-dash did not exit; screen:\n{}", self.screen());
    }
}

#[test]
fn starts_switches_every_tab_quits_and_restores_the_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for("Overview");
    s.wait_for("482.3");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    for needle in [
        "GDP: one base per stretch",
        "Exports and imports by year",
        "R&D intensity, % of GDP",
        "Disposable income per capita",
        "Jiangxi among the six central provinces",
    ] {
        s.send("\t");
        s.wait_for(needle);
    }
    s.send("\x1b[D"); // ← past the left edge: back to Livelihood
    s.wait_for("5/6");
    s.send("\x1b"); // a lone Esc never quits
    s.send("?");
    s.wait_for("this help");
    s.send("q"); // closes the help
    s.wait_for("Disposable income per capita");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let parser = s.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "left the alternate screen"
    );
    assert!(!parser.screen().hide_cursor(), "cursor shown again");
}

#[test]
fn idle_dashboard_writes_nothing() {
    let mut s = Session::start(&["--tab", "trade"]);
    s.wait_for("Exports and imports by year");
    std::thread::sleep(Duration::from_millis(300));
    let before = s.bytes();
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(s.bytes(), before, "bytes written while idle");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn ctrl_c_quits_with_status_0() {
    let mut s = Session::start(&["--lang", "zh"]);
    s.wait_for("概览");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn hangup_ends_it_promptly() {
    let mut s = Session::start(&[]);
    s.wait_for("Overview");
    let sent = Instant::now();
    s.signal("HUP");
    assert_eq!(s.wait_exit_within(Duration::from_secs(2)), 129);
    // The budget is 100 ms; allow a loaded CI machine some slack.
    assert!(
        sent.elapsed() < Duration::from_secs(1),
        "{:?}",
        sent.elapsed()
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&["--mouse"]);
    s.wait_for("Overview");
    s.signal("TERM");
    assert_eq!(s.wait_exit(), 143);
    let parser = s.parser.lock().unwrap();
    assert!(!parser.screen().alternate_screen());
    assert!(!parser.screen().hide_cursor());
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
}

/// Color SGR parameters (30–37, 38, 40–47, 48, 90–97, 100–107) in the output.
fn color_codes(output: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for part in output.split("\x1b[").skip(1) {
        let Some(end) = part.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if !part[end..].starts_with('m') {
            continue;
        }
        let params = &part[..end];
        let is_color = params.split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        });
        if is_color {
            codes.push(params.to_string());
        }
    }
    codes
}

#[test]
fn no_color_writes_no_color_codes() {
    let mut s = Session::start_with_env(&[], &[("NO_COLOR", "1"), ("COLORTERM", "truecolor")]);
    s.wait_for("Overview");
    s.send("\t\r");
    s.wait_for("Esc back");
    s.send("qq"); // the first closes the zoom
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(color_codes(&s.output()), Vec::<String>::new());
    // Without NO_COLOR the same run does use color: the check above can fail.
    let mut s = Session::start_with_env(&[], &[("COLORTERM", "truecolor")]);
    s.wait_for("Overview");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!color_codes(&s.output()).is_empty());
}

#[test]
fn ascii_writes_only_ascii() {
    let mut s = Session::start(&["--ascii"]);
    s.wait_for("Overview");
    for keys in ["\t", "\r", "\x1b", "\t", "\r", "?", "\x1b", "\t", "\t"] {
        s.send(keys);
        std::thread::sleep(Duration::from_millis(100));
    }
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    // The data's own text (Chinese quotes, accented names) is letters; every symbol drawn
    // around it is ASCII.
    let output = s.output();
    let other: Vec<char> = output
        .chars()
        .filter(|c| {
            !c.is_ascii()
                && !c.is_alphanumeric()
                && !matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
        })
        .collect();
    assert!(other.is_empty(), "non-ASCII glyphs: {other:?}");
}

#[test]
fn present_mode_advances_by_itself_and_a_key_pauses_it() {
    let mut s = Session::start(&["--present", "1"]);
    s.wait_for("1/6");
    s.wait_for("2/6");
    s.send("k"); // any key pauses
    s.wait_for("⏸");
    let paused_on = s.screen();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(s.screen(), paused_on, "paused: no change");
    s.send("p");
    s.wait_for("▶");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn invalid_edit_shows_a_banner_and_keeps_the_last_good_figures() {
    let dir = std::env::temp_dir().join(format!("jx-dash-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    for entry in std::fs::read_dir(data).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let trade = dir.join("trade.toml");
    let good = std::fs::read_to_string(&trade).unwrap();
    let mut s = Session::start(&["--data", dir.to_str().unwrap()]);
    s.wait_for("482.3");
    // Goods trade 2025, the overview's second tile.
    let line = 1 + good.lines().position(|l| l == "2025 = 4823").unwrap();
    std::fs::write(
        &trade,
        good.replacen("2025 = 4823\n", "2025 = \"oops\"\n", 1),
    )
    .unwrap();
    s.wait_for("reload failed");
    s.wait_for(&format!("trade.toml:{line}:8"));
    assert!(s.screen().contains("482.3"), "last good data stays");
    std::fs::write(&trade, &good).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.screen().contains("reload failed") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        !s.screen().contains("reload failed"),
        "fixed data clears the banner"
    );
    s.send("r");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    std::fs::remove_dir_all(&dir).ok();
}

/// `c` puts the focused figure, with its words and page, on the terminal's clipboard (OSC 52),
/// and says so.
#[test]
fn c_copies_the_figure_with_its_source_by_osc_52() {
    use base64::Engine as _;
    let mut s = Session::start(&[]);
    s.wait_for("482.3");
    s.send("c");
    s.wait_for("copied: GDP with its source");
    let output = s.output();
    let start = output.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + output[start..].find(['\x07', '\x1b']).unwrap();
    let copied = base64::engine::general_purpose::STANDARD
        .decode(&output[start..end])
        .unwrap();
    let copied = String::from_utf8(copied).unwrap();
    assert!(
        copied.starts_with("GDP: over 3.6 trillion yuan (2025). “"),
        "{copied}"
    );
    assert!(copied.contains("突破3.6万亿元"), "the words: {copied}");
    assert!(
        copied.ends_with("2026-01-23, https://cn.dailyeconomic.com/jx/2026/01/23/4001.html"),
        "the page: {copied}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
