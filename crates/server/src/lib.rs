//! Meedoen storage endpoint: a thin axum server over one SQLite file. It keeps data safe and
//! serves the browser app; the thinking (rules, explanations) happens in the domain crate, in
//! the browser. `app(state)` builds the whole router so tests can run it in-process; each
//! resource module owns its routes (sessions, residents, records, waiting list, inbox, audit,
//! administration, the council report, the what-if scenarios, health).

pub mod account;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod db;
pub mod demo;
pub mod error;
pub mod exports;
pub mod health;
pub mod import;
pub mod inbox;
pub mod indicators;
pub mod limits;
pub mod logging;
pub mod partners;
pub mod precompress;
pub mod records;
pub mod report;
pub mod residents;
pub mod retention;
pub mod rights;
pub mod scenarios;
pub mod sessions;
pub mod signals;
pub mod srg;
pub mod state;
pub mod store;
pub mod token;
pub mod waiting;
pub mod web;

use axum::Router;
pub use health::Health;
pub use state::{AppState, Clock};

/// Largest API request body.
pub const MAX_BODY: usize = 64 * 1024;

/// The API routes, under `/api`.
fn api() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(sessions::router())
        .merge(residents::router())
        .merge(records::router())
        .merge(waiting::router())
        .merge(inbox::router())
        .merge(audit::router())
        .merge(admin::router())
        .merge(account::router())
        .merge(report::router())
        .merge(scenarios::router())
        .merge(rights::router())
        .merge(import::router())
        .merge(exports::router())
        .merge(partners::router())
        .merge(srg::router())
        .merge(signals::router())
        .merge(indicators::router())
        .fallback(web::api_not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(web::json_errors))
}

/// The whole application: API plus the static app with its security headers.
pub fn app(state: AppState) -> Router {
    let dist = state.dist.clone();
    let trusted = std::sync::Arc::new(state.trusted_proxies.clone());
    let router = Router::new().nest("/api", api()).with_state(state).layer(
        axum::middleware::from_fn_with_state(trusted, web::request_id),
    );
    web::with_static_and_headers(router, dist.as_deref())
}
