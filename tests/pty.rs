//! End to end: the real binary in a pseudo-terminal, its screen parsed by vt100.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<usize>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str]) -> Self {
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
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let bytes = Arc::new(Mutex::new(0));
        let (p, b) = (parser.clone(), bytes.clone());
        std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&chunk[..n]);
                *b.lock().unwrap() += n;
            }
        });
        Self {
            parser,
            bytes,
            writer,
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

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
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
    s.wait_for("Jiangxi Open Economy");
    s.wait_for("3.22 trillion yuan");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    for needle in [
        "1.28 trillion yuan",
        "over 9 million t",
        "+73.8%",
        "487,000 people",
    ] {
        s.send("\t");
        s.wait_for(needle);
    }
    s.send("\x1b[D"); // ← back to Innovation
    s.wait_for("4/5");
    s.send("\x1b"); // a lone Esc never quits
    s.send("?");
    s.wait_for("this help");
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
    s.wait_for("over 9 million t");
    std::thread::sleep(Duration::from_millis(300));
    let before = *s.bytes.lock().unwrap();
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(*s.bytes.lock().unwrap(), before, "bytes written while idle");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn ctrl_c_quits_with_status_0() {
    let mut s = Session::start(&["--lang", "zh"]);
    s.wait_for("江西开放型经济");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
}
