//! Administration: users (list, add, unlock) and the municipality's settings (the caseload
//! norm). Every change is audited; only the functional administrator changes anything.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{forbidden, Role, User};
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/gebruikers", get(users).post(create_user))
        .route("/gebruikers/{id}/ontgrendelen", post(unlock_user))
        .route("/gemeente/caseload-norm", post(set_caseload_norm))
}

/// A setting of the municipality (a column of `gemeente`).
#[derive(Debug, Clone, Copy)]
pub enum Setting {
    CaseloadNorm,
    ReportThreshold,
}

/// Change a setting of the municipality, audited, inside the caller's transaction.
pub fn set_municipality(
    tx: &rusqlite::Transaction<'_>,
    state: &AppState,
    user: &User,
    rid: &RequestId,
    setting: Setting,
    value: Option<i64>,
) -> Result<(), ApiError> {
    let column = match setting {
        Setting::CaseloadNorm => "caseload_norm",
        Setting::ReportThreshold => "rapport_drempel",
    };
    tx.execute(
        &format!("UPDATE gemeente SET {column} = ?1 WHERE id = 1"),
        [value],
    )
    .map_err(ApiError::db)?;
    audit::write(
        tx,
        &state.now_text(),
        &[
            Entry::by(user, rid, Action::Change, "gemeente", purpose::SETTINGS)
                .object(1)
                .fields(&[column]),
        ],
    )
}

/// The caseload norm of the municipality (residents per consultant).
pub fn caseload_norm(conn: &rusqlite::Connection) -> Result<i64, ApiError> {
    conn.query_row(
        "SELECT COALESCE((SELECT caseload_norm FROM gemeente WHERE id = 1), 85)",
        [],
        |r| r.get(0),
    )
    .map_err(ApiError::db)
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

/// Create a user (the command line and the demo seed; the hash is computed here).
pub fn insert_user(
    conn: &rusqlite::Connection,
    u: &NewUser,
    by: &str,
    now: &str,
) -> Result<i64, ApiError> {
    validate_new_user(u)?;
    let hash = crate::auth::hash_password(&u.wachtwoord)?;
    insert_user_with_hash(conn, u, &hash, by, now)
}

/// Create a user whose password hash was computed beforehand (off the database lock).
pub fn insert_user_with_hash(
    conn: &rusqlite::Connection,
    u: &NewUser,
    hash: &str,
    by: &str,
    now: &str,
) -> Result<i64, ApiError> {
    validate_new_user(u)?;
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
    // The slow hash on a blocking thread, before the database lock is taken.
    let password = body.wachtwoord.clone();
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
        .await
        .map_err(|_| ApiError::internal())??;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let id = insert_user_with_hash(&conn, &body, &hash, &user.gebruikersnaam, &now)?;
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
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    set_municipality(
        &tx,
        &state,
        &user,
        &rid,
        Setting::CaseloadNorm,
        Some(body.caseload_norm),
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
