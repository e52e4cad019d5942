//! `GET /api/gezondheid`: the version, the schema and the rules in force, for the start page
//! and for monitoring (no personal data; anonymous callers may ask).

use crate::db;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
pub use meedoen_domain::wire::Health;

pub fn router() -> Router<AppState> {
    Router::new().route("/gezondheid", get(health))
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let schema_versie = db::schema_version(&conn).map_err(ApiError::db)?;
    let gemeente: Option<String> = conn
        .query_row("SELECT naam FROM gemeente WHERE id = 1", [], |r| r.get(0))
        .ok();
    let inwoners: i64 = conn
        .query_row("SELECT COUNT(*) FROM inwoner", [], |r| r.get(0))
        .map_err(ApiError::db)?;
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
