//! Administration: users (list, add with a one-time password, change role and team,
//! deactivate or reactivate — never delete, since the audit log names them —, unlock, reset a
//! password) and the municipality's settings (name, caseload norm). Every change is audited;
//! only the functional administrator changes anything (the shared matrix, `Permission`).

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Permission, Role, Scope, User};
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use meedoen_domain::access;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/gebruikers", get(users).post(create_user))
        .route("/gebruikers/{id}", axum::routing::patch(change_user))
        .route("/gebruikers/{id}/ontgrendelen", post(unlock_user))
        .route("/gebruikers/{id}/wachtwoord", post(reset_password))
        .route("/gemeente", get(municipality).post(set_municipality_name))
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
    versie: i64,
    moet_wachtwoord_wijzigen: bool,
}

async fn users(State(state): State<AppState>, user: User) -> Result<Json<Vec<UserRow>>, ApiError> {
    let filter = match user.may(Permission::ListUsers)? {
        Scope::All => None,
        _ => Some(user.team.clone()),
    };
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let mut stmt = conn.prepare("SELECT id, gebruikersnaam, naam, rol, team, geblokkeerd_op IS NOT NULL, actief, versie, wachtwoord_wijzigen FROM gebruiker WHERE ?1 IS NULL OR team = ?1 ORDER BY gebruikersnaam").map_err(ApiError::db)?;
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
                versie: r.get(7)?,
                moet_wachtwoord_wijzigen: r.get(8)?,
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
    if let Err((nl, en)) = access::check_user_name(&u.gebruikersnaam) {
        return bad("gebruikersnaam", nl, en);
    }
    if let Err((nl, en)) = access::check_person_name(&u.naam) {
        return bad("naam", nl, en);
    }
    if let Err((nl, en)) = access::check_team(&u.team) {
        return bad("team", nl, en);
    }
    if let Err((nl, en)) = meedoen_domain::access::check_password(&u.wachtwoord, &u.gebruikersnaam)
    {
        return bad("wachtwoord", nl, en);
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
    user.may(Permission::ManageUsers)?;
    validate_new_user(&body)?;
    // The slow hash on a blocking thread, before the database lock is taken.
    let password = body.wachtwoord.clone();
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
        .await
        .map_err(|_| ApiError::internal())??;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let id = insert_user_with_hash(&conn, &body, &hash, &user.gebruikersnaam, &now)?;
    // The administrator knows this password: the user chooses their own at first sign-in.
    conn.execute(
        "UPDATE gebruiker SET wachtwoord_wijzigen = 1 WHERE id = ?1",
        [id],
    )
    .map_err(ApiError::db)?;
    audit_user(
        &conn,
        &now,
        &user,
        &rid,
        Action::Create,
        id,
        &["gebruikersnaam", "naam", "rol", "team", "wachtwoord"],
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
    user.may(Permission::MunicipalitySettings)?;
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
    user.may(Permission::ManageUsers)?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let n = conn.execute("UPDATE gebruiker SET mislukte_pogingen = 0, geblokkeerd_op = NULL, versie = versie + 1, gewijzigd_door = ?1, gewijzigd_op = ?2 WHERE id = ?3", params![user.gebruikersnaam, now, id]).map_err(ApiError::db)?;
    if n == 0 {
        return Err(no_such_user());
    }
    audit_user(
        &conn,
        &now,
        &user,
        &rid,
        Action::Change,
        id,
        &["geblokkeerd_op", "mislukte_pogingen"],
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// Audit a change of user `id` by the administrator: which fields changed.
fn audit_user(
    conn: &rusqlite::Connection,
    now: &str,
    user: &User,
    rid: &RequestId,
    action: Action,
    id: i64,
    fields: &[&str],
) -> Result<(), ApiError> {
    audit::write(
        conn,
        now,
        &[
            Entry::by(user, rid, action, "gebruiker", purpose::USER_ADMIN)
                .object(id)
                .fields(fields),
        ],
    )
}

fn no_such_user() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "Deze gebruiker bestaat niet.",
        "This user does not exist.",
    )
}

/// A change of a user: any of role, team and whether the account is active.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserChange {
    rol: Option<String>,
    team: Option<String>,
    actief: Option<bool>,
    /// The version the administrator saw, so two administrators do not overwrite each other.
    versie: i64,
}

async fn change_user(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
    ValidJson(body): ValidJson<UserChange>,
) -> Result<Json<serde_json::Value>, ApiError> {
    user.may(Permission::ManageUsers)?;
    let unprocessable = |field: &str, nl: &str, en: &str| {
        ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, field, nl, en)
    };
    let rol = match body.rol.as_deref() {
        None => None,
        Some(code) => Some(Role::parse(code).ok_or_else(|| {
            unprocessable(
                "rol",
                "Deze rol bestaat niet. Kies participatieconsulent, werkconsulent, teamleider, beheerder of beleidsmedewerker.",
                "This role does not exist. Choose participatieconsulent, werkconsulent, teamleider, beheerder or beleidsmedewerker.",
            )
        })?),
    };
    let team = body.team.as_deref().map(str::trim);
    if let Some(Err((nl, en))) = team.map(access::check_team) {
        return Err(unprocessable("team", nl, en));
    }
    if id == user.id && (body.actief == Some(false) || rol.is_some_and(|r| r != user.rol)) {
        return Err(unprocessable(
            "rol",
            "U kunt uw eigen rol niet wijzigen en uw eigen account niet uitzetten; vraag een andere beheerder.",
            "You cannot change your own role or deactivate your own account; ask another administrator.",
        ));
    }
    let mut fields: Vec<&str> = Vec::new();
    if rol.is_some() {
        fields.push("rol");
    }
    if team.is_some() {
        fields.push("team");
    }
    if body.actief.is_some() {
        fields.push("actief");
    }
    if fields.is_empty() {
        return Err(unprocessable(
            "rol",
            "Geef aan wat er verandert: rol, team of actief.",
            "Say what changes: role, team or active.",
        ));
    }
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let current: Option<(i64, String)> = tx
        .query_row(
            "SELECT versie, rol FROM gebruiker WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    let Some((version, old_role)) = current else {
        return Err(no_such_user());
    };
    if version != body.versie {
        return Err(ApiError::field(
            StatusCode::CONFLICT,
            "versie",
            "Deze gebruiker is intussen door iemand anders gewijzigd. Laad de lijst opnieuw.",
            "This user was changed by someone else in the meantime. Reload the list.",
        ));
    }
    // A consultant who stops being one must not leave residents without anyone who can see
    // them: the team lead assigns them first (waiting list), then the role or account changes.
    let was_consultant = matches!(
        Role::parse(&old_role),
        Some(Role::Participatieconsulent | Role::Werkconsulent)
    );
    let stays_consultant = match rol {
        Some(r) => matches!(r, Role::Participatieconsulent | Role::Werkconsulent),
        None => was_consultant,
    } && body.actief != Some(false);
    if was_consultant && (!stays_consultant || team.is_some()) {
        let caseload: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM inwoner WHERE consulent_id = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(ApiError::db)?;
        if caseload > 0 {
            let field = if body.actief == Some(false) {
                "actief"
            } else if rol.is_some() {
                "rol"
            } else {
                "team"
            };
            return Err(ApiError::field(
                StatusCode::CONFLICT,
                field,
                &format!("Deze consulent heeft nog {caseload} inwoners in de caseload. Laat de teamleider hen eerst aan een ander toewijzen of op de wachtlijst zetten."),
                &format!("This consultant still has {caseload} residents in their caseload. Have the team lead assign them to someone else or to the waiting list first."),
            ));
        }
    }
    tx.execute(
        "UPDATE gebruiker SET rol = COALESCE(?1, rol), team = COALESCE(?2, team), actief = COALESCE(?3, actief),
                versie = versie + 1, gewijzigd_door = ?4, gewijzigd_op = ?5 WHERE id = ?6",
        params![rol.map(|r| r.code()), team, body.actief, user.gebruikersnaam, now, id],
    )
    .map_err(ApiError::db)?;
    // A new role or an account turned off takes effect now, not at the next sign-in.
    if rol.is_some() || body.actief == Some(false) {
        crate::account::end_sessions(&tx, id, None)?;
    }
    audit_user(&tx, &now, &user, &rid, Action::Change, id, &fields)?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(json!({ "id": id, "versie": version + 1 })))
}

/// A one-time password of 4 groups of 4 letters and digits (no look-alikes), about 79 bits.
fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    let mut out = String::with_capacity(19);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        // 256 = 8 * 31 + 8: the small bias is irrelevant for a password that must be changed.
        out.push(ALPHABET[usize::from(*b) % ALPHABET.len()] as char);
    }
    out
}

/// Reset a user's password: a one-time password, shown once to the administrator, which the
/// user must change at the next sign-in. The account is unlocked and its sessions ended.
async fn reset_password(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    user.may(Permission::ManageUsers)?;
    let password = one_time_password();
    let p = password.clone();
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&p))
        .await
        .map_err(|_| ApiError::internal())??;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let n = tx
        .execute(
            "UPDATE gebruiker SET wachtwoord_hash = ?1, wachtwoord_wijzigen = 1, mislukte_pogingen = 0, geblokkeerd_op = NULL,
                    versie = versie + 1, gewijzigd_door = ?2, gewijzigd_op = ?3 WHERE id = ?4",
            params![hash, user.gebruikersnaam, now, id],
        )
        .map_err(ApiError::db)?;
    if n == 0 {
        return Err(no_such_user());
    }
    crate::account::end_sessions(&tx, id, None)?;
    audit_user(
        &tx,
        &now,
        &user,
        &rid,
        Action::Change,
        id,
        &["wachtwoord", "geblokkeerd_op", "mislukte_pogingen"],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(json!({ "eenmalig_wachtwoord": password })))
}

#[derive(Serialize)]
struct Municipality {
    naam: String,
    caseload_norm: i64,
    demo: bool,
}

async fn municipality(
    State(state): State<AppState>,
    user: User,
) -> Result<Json<Municipality>, ApiError> {
    user.may(Permission::MunicipalitySettings)?;
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let row = conn
        .query_row(
            "SELECT naam, caseload_norm, demo FROM gemeente WHERE id = 1",
            [],
            |r| {
                Ok(Municipality {
                    naam: r.get(0)?,
                    caseload_norm: r.get(1)?,
                    demo: r.get(2)?,
                })
            },
        )
        .optional()
        .map_err(ApiError::db)?;
    row.map(Json).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "Er is nog geen gemeente ingericht.",
            "No municipality has been set up yet.",
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MunicipalityName {
    naam: String,
}

async fn set_municipality_name(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(body): ValidJson<MunicipalityName>,
) -> Result<Json<serde_json::Value>, ApiError> {
    user.may(Permission::MunicipalitySettings)?;
    let name = body.naam.trim();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "naam",
            "Vul de naam van de gemeente in, hoogstens 80 tekens.",
            "Enter the municipality's name, at most 80 characters.",
        ));
    }
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let n = conn
        .execute("UPDATE gemeente SET naam = ?1 WHERE id = 1", [name])
        .map_err(ApiError::db)?;
    if n == 0 {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "Er is nog geen gemeente ingericht.",
            "No municipality has been set up yet.",
        ));
    }
    audit::write(
        &conn,
        &now,
        &[
            Entry::by(&user, &rid, Action::Change, "gemeente", purpose::SETTINGS)
                .object(1)
                .fields(&["naam"]),
        ],
    )?;
    Ok(Json(json!({ "naam": name })))
}
