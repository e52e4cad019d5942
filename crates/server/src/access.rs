//! Endpoints for sign-in, the caseload, the audit log and user administration. Every endpoint
//! checks the role matrix of `docs/security.md`; every read or change of personal data writes
//! audit entries in the same transaction as the read or change.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{self, forbidden, Role, User};
use crate::web::{ApiError, RequestId, ValidJson};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessie", post(sign_in).get(current).delete(sign_out))
        .route("/inwoners", get(caseload).post(crate::sync::register))
        .route("/inwoners/{id}", get(resident))
        .route("/audit", get(audit_list))
        .route("/audit/export", get(audit_export))
        .route("/gebruikers", get(users).post(create_user))
        .route("/gebruikers/{id}/ontgrendelen", post(unlock_user))
        .route("/gemeente/caseload-norm", post(set_caseload_norm))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignIn {
    gebruikersnaam: String,
    wachtwoord: String,
}

#[derive(Serialize)]
struct SessionInfo {
    gebruiker: User,
    csrf: String,
    inactief_uitloggen_na_minuten: i64,
    /// Residents per consultant (the municipality's norm), for the caseload's capacity bar.
    caseload_norm: i64,
}

async fn sign_in(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    ValidJson(body): ValidJson<SignIn>,
) -> Result<Response, ApiError> {
    if body.gebruikersnaam.len() > 100 || body.wachtwoord.len() > 1000 {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "gebruikersnaam",
            "Gebruikersnaam of wachtwoord is te lang.",
            "User name or password is too long.",
        ));
    }
    let state2 = state.clone();
    let (name, password) = (body.gebruikersnaam.clone(), body.wachtwoord);
    let result = tokio::task::spawn_blocking(move || auth::sign_in(&state2, &name, &password))
        .await
        .map_err(|_| ApiError::internal())?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let ok = result.is_ok();
    audit::write(
        &conn,
        &now,
        &[Entry {
            user: result.as_ref().ok().map(|s| &s.user),
            actor: &body.gebruikersnaam,
            action: Action::SignIn,
            object_kind: "sessie",
            object_id: Some(if ok { "gelukt" } else { "mislukt" }.into()),
            subject: None,
            fields: &[],
            purpose: purpose::SECURITY,
            request_id: &rid.0,
        }],
    )?;
    drop(conn);
    let signed = result?;
    let cookie = auth::session_cookie(Some(&signed.token), state.secure_cookies);
    let norm = {
        let conn = state.db.lock().map_err(|_| ApiError::internal())?;
        crate::sync::caseload_norm(&conn)?
    };
    let info = SessionInfo {
        csrf: signed.user.csrf.clone(),
        gebruiker: signed.user,
        inactief_uitloggen_na_minuten: auth::IDLE_MINUTES,
        caseload_norm: norm,
    };
    Ok(([(header::SET_COOKIE, cookie)], Json(info)).into_response())
}

async fn current(State(state): State<AppState>, user: User) -> Result<Json<SessionInfo>, ApiError> {
    let norm = {
        let conn = state.db.lock().map_err(|_| ApiError::internal())?;
        crate::sync::caseload_norm(&conn)?
    };
    Ok(Json(SessionInfo {
        csrf: user.csrf.clone(),
        gebruiker: user,
        inactief_uitloggen_na_minuten: auth::IDLE_MINUTES,
        caseload_norm: norm,
    }))
}

async fn sign_out(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    headers: HeaderMap,
    user: User,
) -> Result<Response, ApiError> {
    let mut parts = axum::http::Request::new(()).into_parts().0;
    parts.headers = headers;
    if let Some(token) = auth::cookie_token(&parts) {
        auth::sign_out(&state, &token)?;
    }
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    audit::write(
        &conn,
        &state.now_text(),
        &[Entry::by(
            &user,
            &rid,
            Action::SignOut,
            "sessie",
            purpose::SECURITY,
        )],
    )?;
    Ok((
        [(
            header::SET_COOKIE,
            auth::session_cookie(None, state.secure_cookies),
        )],
        StatusCode::NO_CONTENT,
    )
        .into_response())
}

/// Which residents a user may see: SQL condition on table `inwoner` (alias `i`), with its
/// parameter. Consultants see their own caseload, a team lead the whole team (waiting list
/// included), an administrator no case content.
pub fn visible(user: &User) -> Result<(&'static str, rusqlite::types::Value), ApiError> {
    match user.rol {
        Role::Participatieconsulent | Role::Werkconsulent => {
            Ok(("i.consulent_id = ?1", user.id.into()))
        }
        Role::Teamleider => Ok(("i.team = ?1", user.team.clone().into())),
        Role::Beheerder => Err(forbidden()),
    }
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

fn resident_fields() -> &'static [&'static str] {
    meedoen_domain::records::Kind::Inwoner.fields()
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
    let entries: Vec<Entry<'_>> = rows
        .iter()
        .map(|r| {
            Entry::by(&user, &rid, Action::Read, "inwoner", read_purpose(&user))
                .object(r.id)
                .about(r.id)
                .fields(resident_fields())
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
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Read, "inwoner", read_purpose(&user))
                .object(id)
                .about(id)
                .fields(resident_fields()),
        ],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(found))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditQuery {
    inwoner: Option<i64>,
    #[serde(default)]
    na: i64,
    limiet: Option<i64>,
}

#[derive(Serialize)]
struct AuditRow {
    id: i64,
    tijd: String,
    gebruiker: String,
    rol: Option<String>,
    actie: String,
    object_soort: String,
    object_id: Option<String>,
    inwoner_id: Option<i64>,
    velden: serde_json::Value,
    doel: String,
    verzoek_id: String,
}

/// Audit entries a team lead may see: about residents of the team, or by users of the team.
fn audit_rows(
    state: &AppState,
    user: &User,
    q: &AuditQuery,
    limit: i64,
) -> Result<Vec<AuditRow>, ApiError> {
    if user.rol != Role::Teamleider {
        return Err(forbidden());
    }
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let mut stmt = conn
        .prepare(
            "SELECT a.id, a.tijd, a.gebruiker, a.rol, a.actie, a.object_soort, a.object_id, a.velden, a.doel, a.verzoek_id, a.inwoner_id FROM audit a
             WHERE a.id > ?1 AND (?2 IS NULL OR a.inwoner_id = ?2)
               AND (a.inwoner_id IN (SELECT id FROM inwoner WHERE team = ?3)
                    OR a.gebruiker_id IN (SELECT id FROM gebruiker WHERE team = ?3))
             ORDER BY a.id LIMIT ?4",
        )
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map(params![q.na, q.inwoner, user.team, limit], |r| {
            let velden: Option<String> = r.get(7)?;
            Ok(AuditRow {
                id: r.get(0)?,
                tijd: r.get(1)?,
                gebruiker: r.get(2)?,
                rol: r.get(3)?,
                actie: r.get(4)?,
                object_soort: r.get(5)?,
                object_id: r.get(6)?,
                velden: velden
                    .and_then(|v| serde_json::from_str(&v).ok())
                    .unwrap_or(serde_json::Value::Null),
                doel: r.get(8)?,
                verzoek_id: r.get(9)?,
                inwoner_id: r.get(10)?,
            })
        })
        .map_err(ApiError::db)?;
    rows.collect::<Result<_, _>>().map_err(ApiError::db)
}

async fn audit_list(
    State(state): State<AppState>,
    user: User,
    Query(q): Query<AuditQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let limit = q.limiet.unwrap_or(500);
    if !(1..=5000).contains(&limit) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "limiet",
            "Kies een limiet van 1 tot en met 5000.",
            "Choose a limit from 1 to 5000.",
        ));
    }
    let rows = audit_rows(&state, &user, &q, limit)?;
    let next = rows.last().map(|r| r.id);
    Ok(Json(json!({ "regels": rows, "volgende_na": next })))
}

fn csv_field(s: &str) -> String {
    // Quote every field; neutralise spreadsheet formulas (CSV injection).
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

async fn audit_export(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<AuditQuery>,
) -> Result<Response, ApiError> {
    let rows = audit_rows(&state, &user, &q, i64::MAX)?;
    let mut out = String::from(
        "id,tijd,gebruiker,rol,actie,object_soort,object_id,inwoner_id,velden,doel,verzoek_id\n",
    );
    for r in &rows {
        let cells = [
            r.id.to_string(),
            r.tijd.clone(),
            r.gebruiker.clone(),
            r.rol.clone().unwrap_or_default(),
            r.actie.clone(),
            r.object_soort.clone(),
            r.object_id.clone().unwrap_or_default(),
            r.inwoner_id.map(|i| i.to_string()).unwrap_or_default(),
            r.velden.to_string(),
            r.doel.clone(),
            r.verzoek_id.clone(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    audit::write(
        &conn,
        &state.now_text(),
        &[Entry::by(
            &user,
            &rid,
            Action::Export,
            "audit",
            purpose::ACCOUNTABILITY,
        )],
    )?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"auditlog.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

#[derive(Serialize)]
struct UserRow {
    id: i64,
    gebruikersnaam: String,
    naam: String,
    rol: String,
    team: String,
    geblokkeerd: bool,
    actief: bool,
}

async fn users(State(state): State<AppState>, user: User) -> Result<Json<Vec<UserRow>>, ApiError> {
    let filter = match user.rol {
        Role::Beheerder => None,
        Role::Teamleider => Some(user.team.clone()),
        _ => return Err(forbidden()),
    };
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let mut stmt = conn.prepare("SELECT id, gebruikersnaam, naam, rol, team, geblokkeerd_op IS NOT NULL, actief FROM gebruiker WHERE ?1 IS NULL OR team = ?1 ORDER BY gebruikersnaam").map_err(ApiError::db)?;
    let rows = stmt
        .query_map([filter], |r| {
            Ok(UserRow {
                id: r.get(0)?,
                gebruikersnaam: r.get(1)?,
                naam: r.get(2)?,
                rol: r.get(3)?,
                team: r.get(4)?,
                geblokkeerd: r.get(5)?,
                actief: r.get(6)?,
            })
        })
        .map_err(ApiError::db)?;
    Ok(Json(rows.collect::<Result<_, _>>().map_err(ApiError::db)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub gebruikersnaam: String,
    pub naam: String,
    pub rol: Role,
    pub team: String,
    pub wachtwoord: String,
}

/// Check a new user's fields; errors name the field.
pub fn validate_new_user(u: &NewUser) -> Result<(), ApiError> {
    let bad = |field: &str, nl: &str, en: &str| {
        Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            field,
            nl,
            en,
        ))
    };
    if !(3..=40).contains(&u.gebruikersnaam.len())
        || !u
            .gebruikersnaam
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
    {
        return bad(
            "gebruikersnaam",
            "Gebruik 3 tot 40 kleine letters, cijfers, punten, streepjes of liggende streepjes.",
            "Use 3 to 40 lower-case letters, digits, dots, hyphens or underscores.",
        );
    }
    if u.naam.trim().is_empty() || u.naam.chars().count() > 100 {
        return bad(
            "naam",
            "Vul een naam in van hoogstens 100 tekens.",
            "Enter a name of at most 100 characters.",
        );
    }
    if u.team.trim().is_empty() || u.team.chars().count() > 40 {
        return bad(
            "team",
            "Vul een team in van hoogstens 40 tekens.",
            "Enter a team of at most 40 characters.",
        );
    }
    if u.wachtwoord.chars().count() < 12 || u.wachtwoord.len() > 1000 {
        return bad(
            "wachtwoord",
            "Kies een wachtwoord van minstens 12 tekens.",
            "Choose a password of at least 12 characters.",
        );
    }
    Ok(())
}

/// Create a user (also used by the command line and the demo seed).
pub fn insert_user(
    conn: &rusqlite::Connection,
    u: &NewUser,
    by: &str,
    now: &str,
) -> Result<i64, ApiError> {
    validate_new_user(u)?;
    let hash = auth::hash_password(&u.wachtwoord)?;
    match conn.execute(
        "INSERT INTO gebruiker (gebruikersnaam, naam, rol, team, wachtwoord_hash, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![u.gebruikersnaam, u.naam.trim(), u.rol.code(), u.team.trim(), hash, by, now],
    ) {
        Ok(_) => Ok(conn.last_insert_rowid()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => Err(ApiError::field(StatusCode::CONFLICT, "gebruikersnaam", "Deze gebruikersnaam bestaat al.", "This user name already exists.")),
        Err(e) => Err(ApiError::db(e)),
    }
}

async fn create_user(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(body): ValidJson<NewUser>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    if user.rol != Role::Beheerder {
        return Err(forbidden());
    }
    validate_new_user(&body)?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let id = insert_user(&conn, &body, &user.gebruikersnaam, &now)?;
    audit::write(
        &conn,
        &now,
        &[Entry::by(
            &user,
            &rid,
            Action::Create,
            "gebruiker",
            purpose::USER_ADMIN,
        )
        .object(id)
        .fields(&["gebruikersnaam", "naam", "rol", "team", "wachtwoord"])],
    )?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Norm {
    caseload_norm: i64,
}

/// The municipality's caseload norm (residents per consultant), set by the functional
/// administrator. Caseloads above a new, lower norm stay; no new residents are added to them.
async fn set_caseload_norm(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(body): ValidJson<Norm>,
) -> Result<Json<serde_json::Value>, ApiError> {
    if user.rol != Role::Beheerder {
        return Err(forbidden());
    }
    if !(1..=500).contains(&body.caseload_norm) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "caseload_norm",
            "De caseloadnorm is een geheel getal van 1 tot en met 500 inwoners per consulent.",
            "The caseload norm is a whole number from 1 to 500 residents per consultant.",
        ));
    }
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    tx.execute(
        "UPDATE gemeente SET caseload_norm = ?1 WHERE id = 1",
        [body.caseload_norm],
    )
    .map_err(ApiError::db)?;
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Change, "gemeente", purpose::SETTINGS)
                .object(1)
                .fields(&["caseload_norm"]),
        ],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(json!({ "caseload_norm": body.caseload_norm })))
}

async fn unlock_user(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    if user.rol != Role::Beheerder {
        return Err(forbidden());
    }
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let n = conn.execute("UPDATE gebruiker SET mislukte_pogingen = 0, geblokkeerd_op = NULL, versie = versie + 1, gewijzigd_door = ?1, gewijzigd_op = ?2 WHERE id = ?3", params![user.gebruikersnaam, now, id]).map_err(ApiError::db)?;
    if n == 0 {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "Deze gebruiker bestaat niet.",
            "This user does not exist.",
        ));
    }
    audit::write(
        &conn,
        &now,
        &[Entry::by(
            &user,
            &rid,
            Action::Change,
            "gebruiker",
            purpose::USER_ADMIN,
        )
        .object(id)
        .fields(&["geblokkeerd_op", "mislukte_pogingen"])],
    )?;
    Ok(StatusCode::NO_CONTENT)
}
