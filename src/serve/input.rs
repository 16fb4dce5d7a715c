//! Decoding the key bytes an SSH client sends into the same events the local terminal gives.

use crossterm::event::Event;

const ESC: u8 = 0x1b;
/// No key sequence is longer than this; a longer unfinished one is garbage (or an attack) and
/// is dropped rather than buffered without end.
const MAX_SEQUENCE: usize = 64;

/// Turns a byte stream into terminal events with terminput's parser. Bytes of an escape
/// sequence may arrive in separate packets, so an unfinished sequence is kept for the next
/// chunk; a lone Esc at the end of a chunk is a key press (what a person typing sends).
#[derive(Debug, Default)]
pub struct KeyDecoder {
    pending: Vec<u8>,
}

impl KeyDecoder {
    pub fn decode(&mut self, chunk: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for (i, &byte) in chunk.iter().enumerate() {
            self.pending.push(byte);
            let more_follows = i + 1 < chunk.len();
            if self.pending == [ESC] && more_follows {
                // Esc followed by more bytes in the same packet starts a sequence.
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        events.push(event);
                    }
                }
                Ok(None) if self.pending.len() < MAX_SEQUENCE => {}
                Ok(None) | Err(_) => self.pending.clear(),
            }
        }
        events
    }
}

/// How many key bytes a session takes in: a burst, then a steady rate. A person typing, or
/// holding a key down, sends a few hundred bytes a second at most; a pasted megabyte would
/// keep a worker thread busy for seconds, so what is over the budget is dropped unread.
#[derive(Debug)]
pub struct InputBudget {
    bytes: f64,
    at: std::time::Instant,
}

impl InputBudget {
    pub const BURST: f64 = 8.0 * 1024.0;
    pub const PER_SECOND: f64 = 2.0 * 1024.0;

    pub fn new(now: std::time::Instant) -> Self {
        Self {
            bytes: Self::BURST,
            at: now,
        }
    }

    /// How many of `len` bytes arriving at `now` may be read.
    pub fn take(&mut self, len: usize, now: std::time::Instant) -> usize {
        let refill = now.saturating_duration_since(self.at).as_secs_f64() * Self::PER_SECOND;
        self.bytes = (self.bytes + refill).min(Self::BURST);
        self.at = now;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let allowed = len.min(self.bytes.max(0.0) as usize);
        #[allow(clippy::cast_precision_loss)]
        let spent = allowed as f64;
        self.bytes -= spent;
        allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn keys(decoder: &mut KeyDecoder, bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        decoder
            .decode(bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_input_budget_allows_a_burst_then_a_steady_rate() {
        let t0 = std::time::Instant::now();
        let mut budget = InputBudget::new(t0);
        assert_eq!(budget.take(3, t0), 3);
        assert_eq!(budget.take(10 * 1024 * 1024, t0), 8 * 1024 - 3);
        assert_eq!(budget.take(100, t0), 0, "spent");
        let later = t0 + std::time::Duration::from_millis(500);
        assert_eq!(budget.take(10_000, later), 1024);
        let much_later = t0 + std::time::Duration::from_hours(1);
        assert_eq!(
            budget.take(usize::MAX, much_later),
            8 * 1024,
            "never above the burst"
        );
    }

    #[test]
    fn decodes_what_clients_send() {
        let mut d = KeyDecoder::default();
        let none = KeyModifiers::NONE;
        assert_eq!(keys(&mut d, b"\x1b[A"), [(KeyCode::Up, none)]);
        assert_eq!(keys(&mut d, b"\x1bOB"), [(KeyCode::Down, none)]);
        assert_eq!(
            keys(&mut d, b"\x1b[Z"),
            [(KeyCode::BackTab, KeyModifiers::SHIFT)]
        );
        assert_eq!(
            keys(&mut d, b"\x1b[5~\x1b[6~"),
            [(KeyCode::PageUp, none), (KeyCode::PageDown, none)]
        );
        assert_eq!(keys(&mut d, b"\t"), [(KeyCode::Tab, none)]);
        assert_eq!(keys(&mut d, b"\r"), [(KeyCode::Enter, none)]);
        assert_eq!(
            keys(&mut d, b"\x03"),
            [(KeyCode::Char('c'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(&mut d, b"q?"),
            [(KeyCode::Char('q'), none), (KeyCode::Char('?'), none)]
        );
        assert_eq!(keys(&mut d, "中".as_bytes()), [(KeyCode::Char('中'), none)]);
    }

    #[test]
    fn a_lone_esc_is_a_key_and_split_sequences_join() {
        let mut d = KeyDecoder::default();
        assert_eq!(keys(&mut d, b"\x1b"), [(KeyCode::Esc, KeyModifiers::NONE)]);
        assert_eq!(keys(&mut d, b"\x1b["), []);
        assert_eq!(keys(&mut d, b"C"), [(KeyCode::Right, KeyModifiers::NONE)]);
    }

    #[test]
    fn an_endless_sequence_is_dropped_not_buffered() {
        let mut d = KeyDecoder::default();
        let mut flood = b"\x1b[200~".to_vec();
        flood.extend(std::iter::repeat_n(b'x', 100_000));
        let _ = d.decode(&flood);
        assert!(d.pending.len() < MAX_SEQUENCE);
        assert_eq!(
            keys(&mut d, b"k"),
            [(KeyCode::Char('k'), KeyModifiers::NONE)]
        );
    }

    #[test]
    fn garbage_never_panics_or_sticks() {
        let mut d = KeyDecoder::default();
        let _ = d.decode(b"\x1b[99999999999999999999;;;;;x\xff\xfe");
        assert_eq!(
            keys(&mut d, b"j"),
            [(KeyCode::Char('j'), KeyModifiers::NONE)]
        );
    }
}
