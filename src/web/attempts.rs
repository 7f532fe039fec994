//! Wrong admin passwords, counted per source (issue #11, item 6: 26,611 wrong passwords a
//! second were answered without slowing down).
//!
//! A source is an IPv4 address, or an IPv6 `/64` (one phone or machine can pick any
//! address of its network's /64). Each source may get [`FREE_FAILURES`] wrong passwords
//! in a [`WINDOW`]; past them `/new` answers 429 with `Retry-After` until the window ends,
//! even to the right password. This slows guessing to a few passwords a minute per
//! source without locking the organiser out for long. The map of sources is bounded
//! ([`MAX_SOURCES`]); when it is full of live windows, unknown sources are refused too,
//! so memory cannot grow without bound.
//!
//! Not a room-wide lock by address: only the admin password is counted here, never a
//! participant's posts (every phone of a venue can share one public address).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Wrong passwords a source may send in one [`WINDOW`].
pub const FREE_FAILURES: u32 = 5;

/// How long a source's failures are remembered.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Most sources remembered at once (a few hundred kilobytes).
pub const MAX_SOURCES: usize = 10_000;

/// Where attempts come from: an IPv4 address or an IPv6 network's first 64 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Source {
    V4(u32),
    V6(u64),
}

impl From<IpAddr> for Source {
    fn from(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => Self::V4(u32::from(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self::V4(u32::from(v4)),
                None => Self::V6((u128::from(v6) >> 64) as u64),
            },
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

/// The wrong passwords of each source in its current window.
#[derive(Debug, Default)]
pub struct PasswordAttempts {
    sources: Mutex<HashMap<Source, Window>>,
}

impl PasswordAttempts {
    /// No failures yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Source, Window>> {
        self.sources
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `Err(seconds)` when `ip` has used its free failures and must wait that many
    /// seconds (at least 1) before trying again, at `now`; `Ok` otherwise.
    ///
    /// # Errors
    /// The seconds to wait, for the `Retry-After` header.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let mut sources = self.lock();
        let source = Source::from(ip);
        match sources.get(&source).copied() {
            Some(w) if now.duration_since(w.started) >= WINDOW => {
                sources.remove(&source);
                Ok(())
            }
            Some(w) if w.failures >= FREE_FAILURES => Err(seconds_left(w, now)),
            Some(_) => Ok(()),
            None if sources.len() >= MAX_SOURCES => {
                sources.retain(|_, w| now.duration_since(w.started) < WINDOW);
                if sources.len() >= MAX_SOURCES {
                    Err(WINDOW.as_secs())
                } else {
                    Ok(())
                }
            }
            None => Ok(()),
        }
    }

    /// Counts one wrong password from `ip` at `now`.
    pub fn failed(&self, ip: IpAddr, now: Instant) {
        let mut sources = self.lock();
        let source = Source::from(ip);
        if sources.len() >= MAX_SOURCES && !sources.contains_key(&source) {
            sources.retain(|_, w| now.duration_since(w.started) < WINDOW);
            if sources.len() >= MAX_SOURCES {
                return;
            }
        }
        let window = sources.entry(source).or_insert(Window {
            started: now,
            failures: 0,
        });
        if now.duration_since(window.started) >= WINDOW {
            *window = Window {
                started: now,
                failures: 0,
            };
        }
        window.failures = window.failures.saturating_add(1);
    }

    /// Sources remembered now.
    pub fn sources(&self) -> usize {
        self.lock().len()
    }
}

fn seconds_left(w: Window, now: Instant) -> u64 {
    let left = WINDOW.saturating_sub(now.duration_since(w.started));
    left.as_secs() + u64::from(left.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn five_wrong_passwords_then_a_wait_until_the_window_ends() {
        let attempts = PasswordAttempts::new();
        let t0 = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert_eq!(attempts.check(ip("192.0.2.7"), t0), Ok(()));
            attempts.failed(ip("192.0.2.7"), t0);
        }
        assert_eq!(attempts.check(ip("192.0.2.7"), t0), Err(60));
        assert_eq!(
            attempts.check(ip("192.0.2.7"), t0 + Duration::from_millis(59_500)),
            Err(1)
        );
        // Another address is not slowed by it.
        assert_eq!(attempts.check(ip("192.0.2.8"), t0), Ok(()));
        assert_eq!(attempts.check(ip("192.0.2.7"), t0 + WINDOW), Ok(()));
    }

    #[test]
    fn addresses_of_one_ipv6_network_count_together() {
        let attempts = PasswordAttempts::new();
        let t0 = Instant::now();
        for i in 0..FREE_FAILURES {
            attempts.failed(ip(&format!("2001:db8:1:2::{i:x}")), t0);
        }
        assert!(attempts.check(ip("2001:db8:1:2:ffff::1"), t0).is_err());
        assert_eq!(attempts.check(ip("2001:db8:1:3::1"), t0), Ok(()));
        assert_eq!(
            Source::from(ip("::ffff:192.0.2.1")),
            Source::from(ip("192.0.2.1"))
        );
    }

    #[test]
    fn the_map_of_sources_stays_bounded() {
        let attempts = PasswordAttempts::new();
        let t0 = Instant::now();
        for n in 0..(MAX_SOURCES as u32 + 50) {
            attempts.failed(IpAddr::V4(n.into()), t0);
        }
        assert_eq!(attempts.sources(), MAX_SOURCES);
        // While full of live windows, an unknown source waits; once they expire, it may try.
        let newcomer = ip("203.0.113.9");
        assert_eq!(attempts.check(newcomer, t0), Err(60));
        assert_eq!(attempts.check(newcomer, t0 + WINDOW), Ok(()));
        assert_eq!(attempts.sources(), 0);
    }
}
