//! Signals from the income department. `POST /api/signalen`: an income consultant records, at a
//! re-examination, a short signal about a resident found by the BSN; the answer names only the
//! team it went to, never case content. `GET /api/signalen/eigen`: the consultant's own signals
//! of the last 90 days (the BSN by its last four digits). `GET /api/signalen`: the team lead's
//! open signals of the own team, as tasks (`GET /api/signalen/aantal`: how many, for the start
//! page); `POST /api/signalen/{id}/afgehandeld` marks one handled. Everything with a resident
//! in it is audited.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Permission, User};
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use meedoen_domain::bsn::Bsn;
use meedoen_domain::signals::{NewSignal, SignalKind};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signalen", get(open).post(record))
        .route("/signalen/eigen", get(own))
        .route("/signalen/aantal", get(count))
        .route("/signalen/{id}/afgehandeld", post(handled))
}

const FIELDS: [&str; 4] = ["bsn", "soort", "heronderzoek_op", "toelichting"];

async fn record(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    body: Result<ValidJson<NewSignal>, ApiError>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    user.may(Permission::RecordSignal)?;
    let ValidJson(mut s) = body?;
    s.toelichting = s
        .toelichting
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    s.check(state.now().date_naive())
        .map_err(ApiError::invalid)?;
    let bsn = Bsn::parse(&s.bsn)
        .map_err(|_| ApiError::internal())?
        .to_string();
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let found: Option<(i64, String)> = conn
        .query_row(
            "SELECT d.inwoner_id, i.team FROM dossier d JOIN inwoner i ON i.id = d.inwoner_id
             WHERE d.soort = 'inwoner' AND json_extract(d.velden, '$.bsn') = ?1",
            [&bsn],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    let Some((resident, team)) = found else {
        return Err(ApiError::field(
            StatusCode::NOT_FOUND,
            "bsn",
            "Participatie kent geen inwoner met dit BSN; controleer het nummer. Staat het goed, dan hoort de inwoner (nog) niet bij Participatie.",
            "Participation knows no resident with this BSN; check the number. If it is right, the resident does not belong to Participation (yet).",
        ));
    };
    conn.execute(
        "INSERT INTO signaal (inwoner_id, team, soort, heronderzoek_op, toelichting, door, op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![resident, team, s.soort.code(), s.heronderzoek_op.to_string(), s.toelichting, user.gebruikersnaam, now],
    )
    .map_err(ApiError::db)?;
    let id = conn.last_insert_rowid();
    audit::write(
        &conn,
        &now,
        &[Entry::by(
            &user,
            &rid,
            Action::Create,
            "signaal",
            purpose::INCOME_SIGNAL,
        )
        .object(id)
        .about(resident)
        .fields(&FIELDS)],
    )?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "id": id, "team": team })),
    ))
}

/// One of the income consultant's own signals.
#[derive(Serialize)]
struct OwnSignal {
    id: i64,
    /// The last four digits of the BSN.
    bsn_einde: String,
    soort: SignalKind,
    heronderzoek_op: String,
    op: String,
    team: String,
    afgehandeld: bool,
}

async fn own(State(state): State<AppState>, user: User) -> Result<Json<Vec<OwnSignal>>, ApiError> {
    user.may(Permission::RecordSignal)?;
    let since = (state.now() - chrono::Duration::days(90)).to_rfc3339();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT s.id, json_extract(d.velden, '$.bsn'), s.soort, s.heronderzoek_op, s.op, s.team, s.afgehandeld_op IS NOT NULL
             FROM signaal s LEFT JOIN dossier d ON d.soort = 'inwoner' AND d.inwoner_id = s.inwoner_id
             WHERE s.door = ?1 AND s.op >= ?2 ORDER BY s.id DESC LIMIT 200",
        )
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map(params![user.gebruikersnaam, since], |r| {
            let bsn: Option<String> = r.get(1)?;
            let kind: String = r.get(2)?;
            Ok(OwnSignal {
                id: r.get(0)?,
                bsn_einde: bsn
                    .map(|b| b[b.len().saturating_sub(4)..].to_string())
                    .unwrap_or_default(),
                soort: SignalKind::parse(&kind).unwrap_or(SignalKind::SituatieGewijzigd),
                heronderzoek_op: r.get(3)?,
                op: r.get(4)?,
                team: r.get(5)?,
                afgehandeld: r.get(6)?,
            })
        })
        .map_err(ApiError::db)?;
    Ok(Json(rows.collect::<Result<_, _>>().map_err(ApiError::db)?))
}

/// How many signals of the own team are open (a number only: nothing to audit).
async fn count(
    State(state): State<AppState>,
    user: User,
) -> Result<Json<serde_json::Value>, ApiError> {
    user.may(Permission::HandleSignals)?;
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let n: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM signaal WHERE team = ?1 AND afgehandeld_op IS NULL",
            [&user.team],
            |r| r.get(0),
        )
        .map_err(ApiError::db)?;
    Ok(Json(serde_json::json!({ "open": n })))
}

/// An open signal, as a task for the team lead.
#[derive(Serialize)]
struct Task {
    id: i64,
    inwoner_id: i64,
    naam: String,
    soort: SignalKind,
    heronderzoek_op: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    toelichting: Option<String>,
    door: String,
    op: String,
}

async fn open(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
) -> Result<Json<Vec<Task>>, ApiError> {
    user.may(Permission::HandleSignals)?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tasks: Vec<Task> = {
        let mut stmt = conn
            .prepare_cached(
                "SELECT s.id, s.inwoner_id, coalesce(json_extract(d.velden, '$.naam'), ''), s.soort, s.heronderzoek_op, s.toelichting, s.door, s.op
                 FROM signaal s LEFT JOIN dossier d ON d.soort = 'inwoner' AND d.inwoner_id = s.inwoner_id
                 WHERE s.team = ?1 AND s.afgehandeld_op IS NULL ORDER BY s.id LIMIT 500",
            )
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([&user.team], |r| {
                let kind: String = r.get(3)?;
                Ok(Task {
                    id: r.get(0)?,
                    inwoner_id: r.get(1)?,
                    naam: r.get(2)?,
                    soort: SignalKind::parse(&kind).unwrap_or(SignalKind::SituatieGewijzigd),
                    heronderzoek_op: r.get(4)?,
                    toelichting: r.get(5)?,
                    door: r.get(6)?,
                    op: r.get(7)?,
                })
            })
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let entries: Vec<Entry<'_>> = tasks
        .iter()
        .map(|t| {
            Entry::by(&user, &rid, Action::Read, "signaal", purpose::GUIDANCE)
                .object(t.id)
                .about(t.inwoner_id)
                .fields(&["naam", "soort", "toelichting"])
        })
        .collect();
    audit::write(&conn, &now, &entries)?;
    Ok(Json(tasks))
}

async fn handled(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    user.may(Permission::HandleSignals)?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let found: Option<(i64, String, bool)> = conn
        .query_row(
            "SELECT inwoner_id, team, afgehandeld_op IS NOT NULL FROM signaal WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    let resident = match found {
        None => return Err(not_found()),
        Some((_, team, _)) if team != user.team => return Err(not_found()),
        Some((_, _, true)) => {
            return Err(ApiError::field(
                StatusCode::CONFLICT,
                "id",
                "Dit signaal is al afgehandeld.",
                "This signal was handled already.",
            ))
        }
        Some((r, _, false)) => r,
    };
    conn.execute(
        "UPDATE signaal SET afgehandeld_door = ?2, afgehandeld_op = ?3 WHERE id = ?1",
        params![id, user.gebruikersnaam, now],
    )
    .map_err(ApiError::db)?;
    audit::write(
        &conn,
        &now,
        &[
            Entry::by(&user, &rid, Action::Change, "signaal", purpose::GUIDANCE)
                .object(id)
                .about(resident)
                .fields(&["afgehandeld"]),
        ],
    )?;
    Ok(StatusCode::NO_CONTENT)
}

fn not_found() -> ApiError {
    ApiError::field(
        StatusCode::NOT_FOUND,
        "id",
        "Dit signaal bestaat niet of hoort bij een ander team.",
        "This signal does not exist or belongs to another team.",
    )
}
