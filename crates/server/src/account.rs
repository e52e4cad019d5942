//! My account: every signed-in user changes their own password (the current one asked, the
//! rules of `meedoen_domain::access` applied, the other sessions ended) and sees and ends their
//! own sessions. Every change is audited.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{self, Permission, User};
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{delete, get, post};
use axum::{Extension, Json, Router};
use rusqlite::params;
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/wachtwoord", post(change_password))
        .route("/account/sessies", get(sessions))
        .route("/account/sessies/{id}", delete(end_session))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordChange {
    huidig: String,
    nieuw: String,
}

/// End the user's sessions, all of them or all but the one of `keep` (a token).
pub fn end_sessions(
    conn: &rusqlite::Connection,
    user_id: i64,
    keep: Option<&str>,
) -> Result<usize, ApiError> {
    conn.execute(
        "DELETE FROM sessie WHERE gebruiker_id = ?1 AND (?2 IS NULL OR token_hash <> ?2)",
        params![user_id, keep.map(auth::token_hash)],
    )
    .map_err(ApiError::db)
}

fn unprocessable(field: &str, (nl, en): (&str, &str)) -> ApiError {
    ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, field, nl, en)
}

async fn change_password(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    headers: HeaderMap,
    user: User,
    ValidJson(body): ValidJson<PasswordChange>,
) -> Result<Json<serde_json::Value>, ApiError> {
    user.may(Permission::OwnAccount)?;
    if body.huidig.is_empty() || body.huidig.len() > 1000 {
        return Err(unprocessable(
            "huidig",
            (
                "Vul uw huidige wachtwoord in.",
                "Enter your current password.",
            ),
        ));
    }
    meedoen_domain::access::check_password(&body.nieuw, &user.gebruikersnaam)
        .map_err(|m| unprocessable("nieuw", m))?;
    if body.nieuw == body.huidig {
        return Err(unprocessable(
            "nieuw",
            (
                "Het nieuwe wachtwoord is gelijk aan het huidige; kies een ander.",
                "The new password is the same as the current one; choose another.",
            ),
        ));
    }
    let stored: String = {
        let conn = state.db.lock().map_err(|_| ApiError::internal())?;
        conn.query_row(
            "SELECT wachtwoord_hash FROM gebruiker WHERE id = ?1",
            [user.id],
            |r| r.get(0),
        )
        .map_err(ApiError::db)?
    };
    // Both slow hashes off the runtime's workers and outside the database lock.
    let (current, new) = (body.huidig, body.nieuw);
    let hash = tokio::task::spawn_blocking(move || {
        if auth::verify_password(&current, &stored) {
            auth::hash_password(&new).map(Some)
        } else {
            Ok(None)
        }
    })
    .await
    .map_err(|_| ApiError::internal())??;
    let Some(hash) = hash else {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "huidig",
            "Het huidige wachtwoord klopt niet.",
            "The current password is incorrect.",
        ));
    };
    let now = state.now_text();
    let token = auth::cookie_token(&headers, state.secure_cookies);
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    tx.execute(
        "UPDATE gebruiker SET wachtwoord_hash = ?1, wachtwoord_wijzigen = 0, versie = versie + 1, gewijzigd_door = ?2, gewijzigd_op = ?3 WHERE id = ?4",
        params![hash, user.gebruikersnaam, now, user.id],
    )
    .map_err(ApiError::db)?;
    let ended = end_sessions(&tx, user.id, token.as_deref())?;
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Change, "gebruiker", purpose::SECURITY)
                .object(user.id)
                .fields(&["wachtwoord"]),
        ],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(
        serde_json::json!({ "andere_sessies_beeindigd": ended }),
    ))
}

#[derive(Serialize)]
struct SessionRow {
    id: i64,
    aangemaakt: String,
    laatst_actief: String,
    apparaat: Option<String>,
    adres: Option<String>,
    /// The session of this request.
    deze: bool,
}

async fn sessions(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: User,
) -> Result<Json<Vec<SessionRow>>, ApiError> {
    user.may(Permission::OwnAccount)?;
    let mine = auth::cookie_token(&headers, state.secure_cookies).map(|t| auth::token_hash(&t));
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let mut stmt = conn
        .prepare(
            "SELECT rowid, aangemaakt, laatst_actief, apparaat, adres, token_hash = ?2 FROM sessie
             WHERE gebruiker_id = ?1 ORDER BY laatst_actief DESC",
        )
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map(params![user.id, mine], |r| {
            Ok(SessionRow {
                id: r.get(0)?,
                aangemaakt: r.get(1)?,
                laatst_actief: r.get(2)?,
                apparaat: r.get(3)?,
                adres: r.get(4)?,
                deze: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
            })
        })
        .map_err(ApiError::db)?;
    Ok(Json(rows.collect::<Result<_, _>>().map_err(ApiError::db)?))
}

async fn end_session(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    user.may(Permission::OwnAccount)?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    // Only the user's own sessions: another user's id is "not found", not "forbidden".
    let n = conn
        .execute(
            "DELETE FROM sessie WHERE rowid = ?1 AND gebruiker_id = ?2",
            params![id, user.id],
        )
        .map_err(ApiError::db)?;
    if n == 0 {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "Deze sessie bestaat niet (meer).",
            "This session does not exist (any more).",
        ));
    }
    audit::write(
        &conn,
        &now,
        &[Entry::by(&user, &rid, Action::Delete, "sessie", purpose::SECURITY).object(id)],
    )?;
    Ok(StatusCode::NO_CONTENT)
}
