//! Rate limits: counts per client address in fixed windows (the public form allows
//! [`RATE_PER_WINDOW`] submissions per address per [`RATE_WINDOW_SECONDS`]).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Submissions per address per window, and the window.
pub const RATE_PER_WINDOW: u32 = 10;
pub const RATE_WINDOW_SECONDS: i64 = 600;
/// Failed sign-ins per address per window: past this, that address is refused (429) before
/// any password is checked, so its guesses no longer count towards locking accounts.
pub const SIGN_IN_FAILURES_PER_WINDOW: u32 = 10;

/// Counts per client address (fixed windows of [`RATE_WINDOW_SECONDS`]).
#[derive(Default, Clone)]
pub struct RateLimiter(Arc<Mutex<HashMap<IpAddr, (i64, u32)>>>);

impl RateLimiter {
    /// Whether one more submission from `ip` at `now` (seconds) is allowed (and count it).
    pub fn allow(&self, ip: IpAddr, now: i64) -> bool {
        self.count(ip, now) <= RATE_PER_WINDOW
    }

    /// Count one event from `ip` at `now`; returns the count in the current window.
    pub fn count(&self, ip: IpAddr, now: i64) -> u32 {
        let Ok(mut map) = self.0.lock() else {
            return u32::MAX;
        };
        if map.len() > 100_000 {
            map.retain(|_, (start, _)| now - *start < RATE_WINDOW_SECONDS);
        }
        let entry = map.entry(ip).or_insert((now, 0));
        if now - entry.0 >= RATE_WINDOW_SECONDS {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        entry.1
    }

    /// The count from `ip` in the current window, without counting.
    pub fn current(&self, ip: IpAddr, now: i64) -> u32 {
        let Ok(map) = self.0.lock() else {
            return u32::MAX;
        };
        map.get(&ip)
            .filter(|(start, _)| now - *start < RATE_WINDOW_SECONDS)
            .map_or(0, |(_, n)| *n)
    }
}
