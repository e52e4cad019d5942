//! Residents: who may see whom (consultants their own caseload, a team lead the team, an
//! administrator no case content; invisible and non-existent answer alike), the caseload list,
//! one resident, a resident's whole file, and registering a new resident. Every read of
//! personal data is audited in the same transaction.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Permission, Role, Scope, User};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{self, Applied, Patch, Stored};
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use meedoen_domain::records::{Context, Kind};
use meedoen_domain::wire::{check_client_id, Dossier, Registration};
use meedoen_domain::RuleSet;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inwoners", get(caseload).post(register))
        .route("/inwoners/{id}", get(resident))
        .route("/inwoners/{id}/dossier", get(file))
}

/// What a record is checked against now: today's date and the embedded rules.
pub fn context(state: &AppState) -> Context<'static> {
    Context {
        today: state.now().date_naive(),
        rules: RuleSet::embedded(),
    }
}

/// Add a record's kind to the kinds read (for the audit entry), once each.
pub fn add_kind(kinds: &mut Vec<&'static str>, r: &Stored) {
    if !kinds.contains(&r.soort.code()) {
        kinds.push(r.soort.code());
    }
}

/// Which residents a user may see: SQL condition on table `inwoner` (alias `i`), with its
/// parameter. Consultants see their own caseload, a team lead the whole team (waiting list
/// included), an administrator no case content.
pub fn visible(user: &User) -> Result<(&'static str, rusqlite::types::Value), ApiError> {
    match user.may(Permission::ReadCases)? {
        Scope::Own => Ok(("i.consulent_id = ?1", user.id.into())),
        _ => Ok(("i.team = ?1", user.team.clone().into())),
    }
}

/// The consultant and team of resident `id` (none when the resident does not exist).
pub fn assignment(
    conn: &rusqlite::Connection,
    id: i64,
) -> Result<Option<(Option<i64>, String)>, ApiError> {
    conn.query_row(
        "SELECT consulent_id, team FROM inwoner WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(ApiError::db)
}

/// Check that `user` may see resident `id`; an invisible resident answers as not existing.
pub fn ensure_visible(conn: &rusqlite::Connection, user: &User, id: i64) -> Result<(), ApiError> {
    let (cond, param) = visible(user)?;
    let mine: bool = conn
        .query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM inwoner i WHERE i.id = ?2 AND {cond})"),
            params![param, id],
            |r| r.get(0),
        )
        .map_err(ApiError::db)?;
    if mine {
        Ok(())
    } else {
        Err(resident_not_found())
    }
}

/// The purpose of a read by this user.
pub fn read_purpose(user: &User) -> &'static str {
    if user.rol == Role::Teamleider {
        purpose::ACCOUNTABILITY
    } else {
        purpose::GUIDANCE
    }
}

#[derive(Serialize)]
struct ResidentRow {
    id: i64,
    versie: i64,
    consulent_id: Option<i64>,
    team: String,
    velden: serde_json::Value,
    gewijzigd_door: String,
    gewijzigd_op: String,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ResidentRow> {
    let velden: String = r.get(4)?;
    Ok(ResidentRow {
        id: r.get(0)?,
        versie: r.get(1)?,
        consulent_id: r.get(2)?,
        team: r.get(3)?,
        velden: serde_json::from_str(&velden).unwrap_or(serde_json::Value::Null),
        gewijzigd_door: r.get(5)?,
        gewijzigd_op: r.get(6)?,
    })
}

const SELECT_RESIDENT: &str =
    "SELECT i.id, d.versie, i.consulent_id, i.team, d.velden, d.gewijzigd_door, d.gewijzigd_op
     FROM inwoner i JOIN dossier d ON d.soort = 'inwoner' AND d.inwoner_id = i.id";

fn resident_fields() -> Vec<&'static str> {
    Kind::Inwoner.field_names()
}

async fn caseload(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (cond, param) = visible(&user)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let rows: Vec<ResidentRow> = {
        let mut stmt = tx
            .prepare(&format!(
                "{SELECT_RESIDENT} WHERE {cond} ORDER BY json_extract(d.velden, '$.naam'), i.id"
            ))
            .map_err(ApiError::db)?;
        let mapped = stmt.query_map([param], row).map_err(ApiError::db)?;
        mapped.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let fields = resident_fields();
    let entries: Vec<Entry<'_>> = rows
        .iter()
        .map(|r| {
            Entry::by(&user, &rid, Action::Read, "inwoner", read_purpose(&user))
                .object(r.id)
                .about(r.id)
                .fields(&fields)
        })
        .collect();
    audit::write(&tx, &now, &entries)?;
    drop(entries);
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(json!({ "inwoners": rows, "aantal": rows.len() })))
}

/// Not visible and not existing answer alike, so ids cannot be probed.
pub fn resident_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "Deze inwoner bestaat niet of valt buiten uw caseload.",
        "This resident does not exist or is outside your caseload.",
    )
}

async fn resident(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<Json<ResidentRow>, ApiError> {
    let (cond, param) = visible(&user)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let found = tx
        .query_row(
            &format!("{SELECT_RESIDENT} WHERE i.id = ?2 AND {cond}"),
            params![param, id],
            row,
        )
        .optional()
        .map_err(ApiError::db)?;
    let found = found.ok_or_else(resident_not_found)?;
    let fields = resident_fields();
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Read, "inwoner", read_purpose(&user))
                .object(id)
                .about(id)
                .fields(&fields),
        ],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(found))
}

async fn file(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<Json<Dossier>, ApiError> {
    let (cond, param) = visible(&user)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let found: Option<(Option<i64>, String)> = tx
        .query_row(
            &format!("SELECT i.consulent_id, i.team FROM inwoner i WHERE i.id = ?2 AND {cond}"),
            params![param, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    let (consultant, team) = found.ok_or_else(resident_not_found)?;
    let records: Vec<Stored> = {
        let mut stmt = tx
            .prepare_cached(&format!(
                "{} WHERE d.inwoner_id = ?1 ORDER BY d.soort <> 'inwoner', d.volgnummer",
                store::SELECT
            ))
            .map_err(ApiError::db)?;
        let rows = stmt.query_map([id], store::stored).map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let mut kinds = Vec::new();
    for r in &records {
        add_kind(&mut kinds, r);
    }
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Read, "dossier", read_purpose(&user))
                .object(id)
                .about(id)
                .fields(&kinds),
        ],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(Dossier {
        inwoner_id: id,
        consulent_id: consultant,
        team,
        records,
    }))
}

/// Register a resident (e.g. new inflow): a consultant takes them into their own caseload,
/// a team lead puts them on the team's waiting list.
async fn register(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(body): ValidJson<Registration>,
) -> Result<Response, ApiError> {
    check_client_id("mutatie_id", &body.mutatie_id).map_err(ApiError::invalid_field)?;
    // Into the own caseload, or (a team lead) onto the team's waiting list.
    let consultant = match user.may(Permission::RegisterResident)? {
        Scope::Own => Some(user.id),
        _ => None,
    };
    // Fields are checked by `store::apply`; on an error the transaction, with the new
    // resident row, is rolled back.
    let ctx = context(&state);
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let print = store::fingerprint(&body);
    if let Some(answer) = store::replayed(&tx, user.id, &body.mutatie_id, &print)? {
        return Ok((StatusCode::OK, Json(answer)).into_response());
    }
    tx.execute(
        "INSERT INTO inwoner (consulent_id, team, gewijzigd_door, gewijzigd_op, toegewezen_op) VALUES (?1, ?2, ?3, ?4, CASE WHEN ?1 IS NULL THEN NULL ELSE ?4 END)",
        params![consultant, user.team, user.gebruikersnaam, now],
    )
    .map_err(ApiError::db)?;
    let id = tx.last_insert_rowid();
    let patch = Patch {
        kind: Kind::Inwoner,
        id: id.to_string(),
        resident: id,
        base: 0,
        fields: body.velden,
    };
    let Applied::Written {
        record, changed, ..
    } = store::apply(&tx, &patch, &ctx, &user.gebruikersnaam, &now)?
    else {
        return Err(ApiError::internal());
    };
    let fields: Vec<&str> = changed.iter().map(String::as_str).collect();
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Create, "inwoner", purpose::GUIDANCE)
                .object(id)
                .about(id)
                .fields(&fields),
        ],
    )?;
    let answer = store::remember(
        &tx,
        user.id,
        &body.mutatie_id,
        &print,
        &now,
        &record,
        &changed,
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}
