//! The presenter's log (`--log FILE`): one line per accepted viewer, per refusal and per
//! penalty, with a UTC time. Lines go to a writer thread through a bounded queue, so a slow
//! disk never stalls a connection (past the queue, lines are counted and dropped). Refusals
//! that a source can provoke as fast as it connects (at accept, or a hang-up before
//! authenticating) are logged at the 1st, 2nd, 4th, 8th… time per kind and source, so a flood
//! of connections writes a few lines, not one per socket.

use std::collections::HashMap;
use std::fmt::Display;
use std::io::Write;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::time::{SystemTime, UNIX_EPOCH};

/// Lines waiting for the writer; past this they are dropped and counted.
const QUEUE: usize = 1024;
/// Most (source, kind) refusal counters kept; past it they start again.
const MAX_COUNTERS: usize = 4096;

pub struct Log {
    lines: Option<SyncSender<String>>,
    refusals: Mutex<HashMap<(IpAddr, &'static str), u64>>,
    dropped: AtomicU64,
}

impl Log {
    /// No log at all (the default: the server's own terminal stays quiet).
    pub fn off() -> Self {
        Self {
            lines: None,
            refusals: Mutex::new(HashMap::new()),
            dropped: AtomicU64::new(0),
        }
    }

    /// Appends to `path`, or writes to stderr for `-`.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let mut out: Box<dyn Write + Send> = if path == Path::new("-") {
            Box::new(std::io::stderr())
        } else {
            Box::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?,
            )
        };
        let (tx, rx) = sync_channel::<String>(QUEUE);
        std::thread::Builder::new()
            .name("jx-dash-log".into())
            .spawn(move || {
                for line in rx {
                    // One write per line, so lines never interleave in an appended file.
                    if out.write_all(line.as_bytes()).is_err() {
                        break;
                    }
                    let _ = out.flush();
                }
            })?;
        Ok(Self {
            lines: Some(tx),
            ..Self::off()
        })
    }

    /// Writes `what` as one line, with the time in front.
    pub fn line(&self, what: impl Display) {
        let Some(lines) = &self.lines else {
            return;
        };
        let dropped = self.dropped.swap(0, Ordering::Relaxed);
        let note = if dropped > 0 {
            format!(" ({dropped} earlier lines dropped: the log could not keep up)")
        } else {
            String::new()
        };
        let line = format!("{} {what}{note}\n", utc(SystemTime::now()));
        if let Err(TrySendError::Full(_)) = lines.try_send(line) {
            self.dropped.fetch_add(dropped + 1, Ordering::Relaxed);
        }
    }

    /// Logs a refusal of `kind` from `source`, at the 1st, 2nd, 4th, 8th… time.
    pub fn refusal(&self, source: IpAddr, kind: &'static str, what: impl Display) {
        if self.lines.is_none() {
            return;
        }
        let count = {
            let mut counts = self
                .refusals
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if counts.len() >= MAX_COUNTERS && !counts.contains_key(&(source, kind)) {
                counts.clear();
            }
            let n = counts.entry((source, kind)).or_insert(0);
            *n += 1;
            *n
        };
        if count.is_power_of_two() {
            if count == 1 {
                self.line(what);
            } else {
                self.line(format_args!("{what} ({count} times so far from {source})"));
            }
        }
    }
}

/// `2026-11-28T19:20:01Z`.
pub fn utc(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn utc_times() {
        assert_eq!(utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_795_893_601);
        assert_eq!(utc(t), "2026-11-28T19:20:01Z");
        let leap = UNIX_EPOCH + Duration::from_hours(264_384);
        assert_eq!(utc(leap), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn refusals_are_logged_at_powers_of_two() {
        let dir = std::env::temp_dir().join(format!("jx-dash-log-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("log");
        let _ = std::fs::remove_file(&path);
        {
            let log = Log::open(&path).unwrap();
            let source: IpAddr = "10.0.0.1".parse().unwrap();
            for _ in 0..100 {
                log.refusal(source, "per-source", "refused 10.0.0.1");
            }
            log.line("done");
            drop(log);
        }
        // The writer thread ends when the log is dropped; wait for it to get there.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        let text = loop {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if text.contains("done") || std::time::Instant::now() > deadline {
                break text;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let _ = std::fs::remove_dir_all(&dir);
        let refusals = text.lines().filter(|l| l.contains("refused")).count();
        assert_eq!(refusals, 7, "1, 2, 4, 8, 16, 32, 64:\n{text}");
        assert!(text.contains("(64 times so far from 10.0.0.1)"), "{text}");
    }
}
