//! Meedoen storage endpoint: a thin axum server over one SQLite file. It keeps data safe and
//! serves the browser app; the thinking (rules, explanations) happens in the domain crate, in
//! the browser. `app(state)` builds the whole router so tests can run it in-process.

pub mod access;
pub mod audit;
pub mod auth;
pub mod db;
pub mod demo;
pub mod inbox;
pub mod store;
pub mod sync;
pub mod web;

use axum::{extract::State, routing::get, Json, Router};
use rusqlite::Connection;
use serde::Serialize;
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
    pub limiter: inbox::RateLimiter,
}

impl AppState {
    pub fn new(conn: Connection, dist: Option<PathBuf>) -> AppState {
        AppState {
            db: Arc::new(Mutex::new(conn)),
            dist,
            clock: Arc::new(chrono::Utc::now),
            secure_cookies: false,
            limiter: inbox::RateLimiter::default(),
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

/// Largest API request body.
pub const MAX_BODY: usize = 64 * 1024;

/// The health/version answer: what the app shows on its start page.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Health {
    pub status: String,
    pub versie: String,
    pub database: String,
    pub schema_versie: i64,
    pub gemeente: Option<String>,
    pub inwoners: i64,
    pub regels: Vec<String>,
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, web::ApiError> {
    let conn = state.db.lock().map_err(|_| web::ApiError::internal())?;
    let schema_versie = db::schema_version(&conn).map_err(web::ApiError::db)?;
    let gemeente: Option<String> = conn
        .query_row("SELECT naam FROM gemeente WHERE id = 1", [], |r| r.get(0))
        .ok();
    let inwoners: i64 = conn
        .query_row("SELECT COUNT(*) FROM inwoner", [], |r| r.get(0))
        .map_err(web::ApiError::db)?;
    let regels = meedoen_domain::RuleSet::embedded()
        .list()
        .iter()
        .map(|(t, v, d)| format!("{t} {v} (vanaf {d})"))
        .collect();
    Ok(Json(Health {
        status: "ok".into(),
        versie: meedoen_domain::VERSION.into(),
        database: "sqlite".into(),
        schema_versie,
        gemeente,
        inwoners,
        regels,
    }))
}

/// The API routes, under `/api`.
fn api() -> Router<AppState> {
    Router::new()
        .route("/gezondheid", get(health))
        .merge(access::router())
        .merge(sync::router())
        .merge(inbox::router())
        .fallback(web::api_not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(web::json_errors))
}

/// The whole application: API plus the static app with its security headers.
pub fn app(state: AppState) -> Router {
    let dist = state.dist.clone();
    let router = Router::new()
        .nest("/api", api())
        .with_state(state)
        .layer(axum::middleware::from_fn(web::request_id));
    web::with_static_and_headers(router, dist.as_deref())
}
