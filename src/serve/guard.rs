//! Who may start a login: the checks made before a connection gets to the SSH handshake, in the
//! manner of OpenSSH's `MaxStartups` and `PerSourcePenalties`.
//!
//! A *startup* is a connection that is not yet a running session (handshake, authentication,
//! opening the shell). Startups are limited apart from sessions: at most `per_source` from one
//! source, and past `startups.start` of them new ones are dropped at random, with a chance that
//! grows from `startups.rate` % to 100 % at `startups.full`. Unlike OpenSSH, the random drop
//! only hits a source that already has a login in progress: a viewer's one connection is not
//! dropped because someone else flooded the port, unless the startups are full. A source that misbehaves (fails
//! authentication, hangs up before trying, runs out the login grace time) collects penalty
//! time; once it has `min` of it, its connections are refused for a time that doubles each
//! time it is blocked again (up to `max`). Sources are addresses, or /64 networks for IPv6 (a
//! host gets a whole /64). Nothing about one source ever refuses another, except the global
//! random early drop that protects the server itself.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv6Addr};
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `--max-startups START:RATE:FULL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Startups {
    pub start: usize,
    /// Percent dropped at `start`.
    pub rate: u32,
    pub full: usize,
}

impl Default for Startups {
    fn default() -> Self {
        Self {
            start: 10,
            rate: 30,
            full: 100,
        }
    }
}

impl FromStr for Startups {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split(':').collect();
        let number = |p: &str| {
            p.parse::<usize>()
                .map_err(|_| format!("`{p}` is not a number"))
        };
        let startups = match parts.as_slice() {
            [full] => {
                let full = number(full)?;
                Self {
                    start: full,
                    rate: 100,
                    full,
                }
            }
            [start, rate, full] => Self {
                start: number(start)?,
                rate: u32::try_from(number(rate)?).unwrap_or(u32::MAX),
                full: number(full)?,
            },
            _ => return Err("expected START:RATE:FULL, e.g. 10:30:100".into()),
        };
        if startups.start == 0 || startups.start > startups.full || startups.rate > 100 {
            return Err("need 1 <= START <= FULL and RATE <= 100".into());
        }
        Ok(startups)
    }
}

/// Penalty time per kind of misbehaviour, and when it turns into a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Penalties {
    /// Closed after failing authentication.
    pub authfail: Duration,
    /// Closed before trying to authenticate (scanners, dropped handshakes).
    pub noauth: Duration,
    /// Ran out the login grace time (a silent socket, a stalled key exchange).
    pub grace: Duration,
    /// Penalty time a source must collect before it is refused.
    pub min: Duration,
    /// The longest a source is refused.
    pub max: Duration,
}

impl Default for Penalties {
    /// OpenSSH 9.8's defaults, with `grace` at its later 20 s.
    fn default() -> Self {
        Self {
            authfail: Duration::from_secs(5),
            noauth: Duration::from_secs(1),
            grace: Duration::from_secs(20),
            min: Duration::from_secs(15),
            max: Duration::from_mins(10),
        }
    }
}

impl FromStr for Penalties {
    type Err = String;

    /// `authfail:5,noauth:1,grace:20,min:15,max:600` (seconds; any subset), or `off`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "off" {
            return Ok(Self {
                authfail: Duration::ZERO,
                noauth: Duration::ZERO,
                grace: Duration::ZERO,
                ..Self::default()
            });
        }
        let mut penalties = Self::default();
        for item in s.split(',').filter(|i| !i.is_empty()) {
            let (key, value) = item
                .split_once(':')
                .ok_or_else(|| format!("`{item}`: expected KEY:SECONDS"))?;
            let seconds: f64 = value
                .trim_end_matches('s')
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0 && *v <= 86_400.0)
                .ok_or_else(|| format!("`{value}` is not a number of seconds"))?;
            let value = Duration::from_secs_f64(seconds);
            match key {
                "authfail" => penalties.authfail = value,
                "noauth" => penalties.noauth = value,
                "grace" | "grace-exceeded" => penalties.grace = value,
                "min" => penalties.min = value,
                "max" => penalties.max = value,
                _ => {
                    return Err(format!(
                        "unknown `{key}`; expected authfail, noauth, grace, min or max"
                    ));
                }
            }
        }
        Ok(penalties)
    }
}

/// `--penalty-exempt ADDR/NET`: an address or network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Net {
    addr: IpAddr,
    prefix: u8,
}

impl Net {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for Net {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (addr, prefix) = s.split_once('/').map_or((s, None), |(a, p)| (a, Some(p)));
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("`{addr}` is not an IP address"))?;
        let addr = addr.to_canonical();
        let bits = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => bits,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= bits)
                .ok_or_else(|| format!("`/{p}`: expected a prefix length of 0 to {bits}"))?,
        };
        Ok(Self { addr, prefix })
    }
}

/// Everything the guard is configured with.
#[derive(Debug, Clone, Default)]
pub struct GuardConfig {
    pub startups: Startups,
    /// Most startups from one source at a time.
    pub per_source: usize,
    pub penalties: Penalties,
    pub exempt: Vec<Net>,
}

/// The source a connection is counted under: its address, or its /64 for IPv6.
pub fn source_of(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & (u128::MAX << 64))),
        v4 @ IpAddr::V4(_) => v4,
    }
}

/// Why a connection was not let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The source is serving a penalty for this much longer.
    Penalized(Duration),
    /// The source already has this many startups.
    PerSource(usize),
    /// Random early drop with this many startups in progress.
    Startups(usize),
}

impl Refusal {
    /// A short name, for grouping log lines.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Penalized(_) => "penalized",
            Self::PerSource(_) => "per-source",
            Self::Startups(_) => "startups",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Penalized(left) => {
                write!(f, "source penalized for {} s more", left.as_secs().max(1))
            }
            Self::PerSource(n) => write!(f, "{n} logins already in progress from this source"),
            Self::Startups(n) => write!(f, "{n} logins in progress (random early drop)"),
        }
    }
}

/// How a connection that never became a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misdeed {
    AuthFailed,
    NoAuth,
    GraceExceeded,
}

impl fmt::Display for Misdeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::AuthFailed => "failed authentication",
            Self::NoAuth => "closed before authenticating",
            Self::GraceExceeded => "ran out the login grace time",
        })
    }
}

/// A source's record of penalties.
#[derive(Debug, Clone, Copy)]
struct Record {
    /// Penalty time collected: it runs out at this instant.
    score: Instant,
    /// Refused until then.
    blocked: Option<Instant>,
    /// Times blocked; each block lasts twice the last.
    strikes: u32,
}

/// A source was just blocked: what the log says, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    pub source: IpAddr,
    pub duration: Duration,
    pub strikes: u32,
}

/// Most sources with a penalty record; past it, a new source is not recorded (a flood from
/// many addresses cannot grow memory).
const MAX_RECORDS: usize = 4096;

#[derive(Default)]
struct State {
    startups: usize,
    per_source: HashMap<IpAddr, usize>,
    records: HashMap<IpAddr, Record>,
}

/// The counts and records behind admission; shared by all connections.
pub struct Guard {
    config: GuardConfig,
    state: Mutex<State>,
}

impl Guard {
    pub fn new(config: GuardConfig) -> Self {
        Self {
            config,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Lets a connection from `ip` start a login (and counts it until [`Guard::release`]), or
    /// says why not. `roll` is a random number in 0..100 for the early drop.
    pub fn admit(&self, ip: IpAddr, now: Instant, roll: u32) -> Result<(), Refusal> {
        let source = source_of(ip);
        let mut state = self.state();
        if let Some(until) = state.records.get(&source).and_then(|r| r.blocked)
            && until > now
        {
            return Err(Refusal::Penalized(until - now));
        }
        let from_source = state.per_source.get(&source).copied().unwrap_or(0);
        if from_source >= self.config.per_source {
            return Err(Refusal::PerSource(from_source));
        }
        let Startups { start, rate, full } = self.config.startups;
        let n = state.startups;
        if n >= full {
            return Err(Refusal::Startups(n));
        }
        if n >= start && from_source > 0 {
            // OpenSSH's drop chance: `rate` % at `start`, rising linearly to 100 % at `full`.
            let span = (full - start).max(1);
            let above = n - start;
            let chance = u64::from(rate) + u64::from(100 - rate) * above as u64 / span as u64;
            if u64::from(roll) < chance {
                return Err(Refusal::Startups(n));
            }
        }
        state.startups += 1;
        *state.per_source.entry(source).or_insert(0) += 1;
        Ok(())
    }

    /// A startup ended: it became a session, or the connection closed.
    pub fn release(&self, ip: IpAddr) {
        let source = source_of(ip);
        let mut state = self.state();
        state.startups = state.startups.saturating_sub(1);
        if let Some(n) = state.per_source.get_mut(&source) {
            *n -= 1;
            if *n == 0 {
                state.per_source.remove(&source);
            }
        }
    }

    /// Adds the penalty for `misdeed` to `ip`'s source; returns the block this starts, if any.
    pub fn penalize(&self, ip: IpAddr, misdeed: Misdeed, now: Instant) -> Option<Blocked> {
        let p = self.config.penalties;
        let amount = match misdeed {
            Misdeed::AuthFailed => p.authfail,
            Misdeed::NoAuth => p.noauth,
            Misdeed::GraceExceeded => p.grace,
        };
        if amount.is_zero() || self.config.exempt.iter().any(|net| net.contains(ip)) {
            return None;
        }
        let source = source_of(ip);
        let mut state = self.state();
        if !state.records.contains_key(&source) && state.records.len() >= MAX_RECORDS {
            state
                .records
                .retain(|_, r| r.score > now || r.blocked.is_some_and(|b| b > now));
            if state.records.len() >= MAX_RECORDS {
                return None;
            }
        }
        let record = state.records.entry(source).or_insert(Record {
            score: now,
            blocked: None,
            strikes: 0,
        });
        let blocked_now = record.blocked.is_some_and(|b| b > now);
        record.score = (record.score.max(now) + amount).min(now + p.max);
        if blocked_now || record.score - now < p.min {
            return None;
        }
        // Each block is twice the last (a source that comes back to misbehave waits longer),
        // and at least the penalty time collected.
        let doubled = p.min.saturating_mul(1 << record.strikes.min(16)).min(p.max);
        let duration = doubled.max(record.score - now).min(p.max);
        record.strikes += 1;
        record.blocked = Some(now + duration);
        record.score = now;
        Some(Blocked {
            source,
            duration,
            strikes: record.strikes,
        })
    }
}

#[cfg(test)]
mod tests;
