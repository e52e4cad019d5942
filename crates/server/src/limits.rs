//! Rate limits: counts per client address in fixed windows (the public form allows
//! [`RATE_PER_WINDOW`] submissions per address per [`RATE_WINDOW_SECONDS`]).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Submissions per address per window, and the window.
pub const RATE_PER_WINDOW: u32 = 10;
pub const RATE_WINDOW_SECONDS: i64 = 600;
/// Counts per client address (fixed windows).
#[derive(Default, Clone)]
pub struct RateLimiter(Arc<Mutex<HashMap<IpAddr, (i64, u32)>>>);

impl RateLimiter {
    /// Whether one more submission from `ip` at `now` (seconds) is allowed.
    pub fn allow(&self, ip: IpAddr, now: i64) -> bool {
        let Ok(mut map) = self.0.lock() else {
            return false;
        };
        if map.len() > 100_000 {
            map.retain(|_, (start, _)| now - *start < RATE_WINDOW_SECONDS);
        }
        let entry = map.entry(ip).or_insert((now, 0));
        if now - entry.0 >= RATE_WINDOW_SECONDS {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= RATE_PER_WINDOW
    }
}
