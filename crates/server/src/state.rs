//! The server's shared state: the database connection, where the built app lives, the clock
//! (tests move it), whether cookies get `Secure`, the public form's rate limiter, and the typed
//! population the reports are computed from.

use crate::limits::RateLimiter;
use meedoen_domain::report::ResidentFile;
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The server's clock; tests move it to check idle expiry.
pub type Clock = Arc<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send + Sync>;

/// Shared state: the database connection, where the built app lives, the clock, and whether
/// cookies get the `Secure` flag (behind TLS).
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Mutex<Connection>>,
    pub dist: Option<PathBuf>,
    pub clock: Clock,
    pub secure_cookies: bool,
    pub limiter: RateLimiter,
    /// Failed sign-ins per client address (see `auth`): guessing from one address is slowed
    /// down before it can lock accounts.
    pub sign_in_limiter: RateLimiter,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--vertrouwde-proxy`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Every resident's records read into their typed form, with the change-feed number they
    /// were read at: reports reuse it until something changes.
    pub population: PopulationCache,
}

/// The typed population and the change-feed number it was read at.
pub type PopulationCache = Arc<Mutex<Option<(i64, Vec<ResidentFile>)>>>;

impl AppState {
    pub fn new(conn: Connection, dist: Option<PathBuf>) -> AppState {
        AppState {
            db: Arc::new(Mutex::new(conn)),
            dist,
            clock: Arc::new(chrono::Utc::now),
            secure_cookies: false,
            limiter: RateLimiter::default(),
            sign_in_limiter: RateLimiter::default(),
            trusted_proxies: Vec::new(),
            population: PopulationCache::default(),
        }
    }
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        (self.clock)()
    }
    pub fn now_text(&self) -> String {
        self.now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}
