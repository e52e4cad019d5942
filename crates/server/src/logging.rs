//! Logs (the `tracing` ecosystem), on standard error: one line per request with its id, the
//! route template (never the address as typed, never a query string, a body, a cookie or a
//! token), the status and the duration; errors with their cause. The level is an option of
//! `serve` (`--log-niveau`).

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;
use tracing::Level;

/// Read a level name (Dutch or English).
pub fn parse_level(text: &str) -> Result<Level, String> {
    match text.to_ascii_lowercase().as_str() {
        "fout" | "error" => Ok(Level::ERROR),
        "waarschuwing" | "warn" => Ok(Level::WARN),
        "info" => Ok(Level::INFO),
        "debug" => Ok(Level::DEBUG),
        "alles" | "trace" => Ok(Level::TRACE),
        other => Err(format!(
            "--log-niveau: '{other}' bestaat niet; kies fout, waarschuwing, info, debug of alles"
        )),
    }
}

/// Start logging at `level` (once per process; later calls do nothing).
pub fn init(level: Level) {
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_target(false)
        .with_ansi(false)
        .with_writer(std::io::stderr)
        .try_init();
}

/// One line per request: id, method, route template, status, duration.
pub async fn log_request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let route = req.extensions().get::<MatchedPath>().map_or_else(
        || {
            if req.uri().path().starts_with("/api/") {
                "(onbekende api-route)".to_string()
            } else {
                "(app)".to_string()
            }
        },
        |m| m.as_str().to_string(),
    );
    let res = next.run(req).await;
    let id = res
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let status = res.status().as_u16();
    let ms = start.elapsed().as_secs_f64() * 1e3;
    if status >= 500 {
        tracing::error!(verzoek = %id, methode = %method, route = %route, status, ms = format!("{ms:.1}"), "verzoek");
    } else {
        tracing::info!(verzoek = %id, methode = %method, route = %route, status, ms = format!("{ms:.1}"), "verzoek");
    }
    res
}
