//! Exports of what a team lead sees: the caseload or the waiting list as shown (filters and
//! sort included), as CSV. The browser already holds these lines (it keeps the team's files
//! for offline work) and writes the file; before it does, it states the purpose here, and every
//! resident in the export is audited with that purpose. Without this answer no file is written.

use crate::audit::{self, Action, Entry};
use crate::auth::{Permission, User};
use crate::error::{bad, ApiError};
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Extension, Json, Router};
use rusqlite::OptionalExtension;
use serde::Deserialize;
use serde_json::{json, Value};

pub fn router() -> Router<AppState> {
    Router::new().route("/export", post(export))
}

/// The most residents one export may hold.
const MAX: usize = 100_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// `caseload` or `wachtlijst`.
    soort: String,
    /// Why the list leaves the application (5–200 characters).
    doel: String,
    /// The residents in the file.
    inwoners: Vec<i64>,
    /// The columns in the file (as audited fields).
    kolommen: Vec<String>,
}

async fn export(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    body: Result<ValidJson<ExportRequest>, ApiError>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    // The role first: a role that may not export learns nothing about the request's shape.
    user.may(Permission::ExportLists)?;
    let ValidJson(body) = body?;
    let kind = match body.soort.as_str() {
        "caseload" => "caseload",
        "wachtlijst" => "wachtlijst",
        _ => {
            return Err(bad(
                "soort",
                "Kies wat u exporteert: caseload of wachtlijst.",
                "Choose what you export: caseload or wachtlijst.",
            ))
        }
    };
    let purpose = body.doel.trim();
    let n = purpose.chars().count();
    if !(5..=200).contains(&n) || purpose.chars().any(char::is_control) {
        return Err(bad(
            "doel",
            "Schrijf waarvoor u de lijst nodig hebt, in 5 tot 200 tekens (bijvoorbeeld ‘werkverdeling teamoverleg’).",
            "Write what you need the list for, in 5 to 200 characters (for example ‘allocation in the team meeting’).",
        ));
    }
    if body.inwoners.len() > MAX || body.kolommen.len() > 40 {
        return Err(bad(
            "inwoners",
            "Deze export is te groot.",
            "This export is too large.",
        ));
    }
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    // Only residents of the own team: a list cannot carry anyone the team lead may not see.
    {
        let mut stmt = conn
            .prepare_cached("SELECT team FROM inwoner WHERE id = ?1")
            .map_err(ApiError::db)?;
        for id in &body.inwoners {
            let team: Option<String> = stmt
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(ApiError::db)?;
            if team.as_deref() != Some(user.team.as_str()) {
                return Err(bad(
                    "inwoners",
                    &format!("Inwoner {id} valt buiten uw team; de export is niet gemaakt."),
                    &format!("Resident {id} is outside your team; the export was not made."),
                ));
            }
        }
    }
    let columns: Vec<&str> = body.kolommen.iter().map(String::as_str).collect();
    let mut entries: Vec<Entry<'_>> = body
        .inwoners
        .iter()
        .map(|id| {
            Entry::by(&user, &rid, Action::Export, "inwoner", purpose)
                .object(id)
                .about(*id)
                .fields(&columns)
        })
        .collect();
    entries.push(Entry::by(&user, &rid, Action::Export, kind, purpose).fields(&columns));
    audit::write(&conn, &now, &entries)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "aantal": body.inwoners.len() })),
    ))
}
