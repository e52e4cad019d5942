//! Sign-in and sessions over HTTP: `POST /api/sessie` signs in (audited, success or not),
//! `GET` says who is signed in (with the CSRF token and the municipality's caseload norm),
//! `DELETE` signs out. Passwords, tokens and lock-out are `auth.rs`.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{self, User};
use crate::error::ApiError;
use crate::limits;
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new().route("/sessie", post(sign_in).get(current).delete(sign_out))
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
    headers: HeaderMap,
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
    // Too many failed sign-ins from this address: refused before any password is checked, so
    // guessing from one address cannot go on locking accounts (each account still locks after
    // auth::MAX_FAILURES wrong passwords).
    let at = state.now().timestamp();
    if state.sign_in_limiter.current(rid.1, at) >= limits::SIGN_IN_FAILURES_PER_WINDOW {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Te veel mislukte inlogpogingen vanaf dit adres. Probeer het over tien minuten opnieuw.",
            "Too many failed sign-in attempts from this address. Try again in ten minutes.",
        ));
    }
    let state2 = state.clone();
    let (name, password) = (body.gebruikersnaam.clone(), body.wachtwoord);
    let origin = auth::Origin {
        device: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(200).collect()),
        address: Some(rid.1.to_string()),
    };
    let result =
        tokio::task::spawn_blocking(move || auth::sign_in(&state2, &name, &password, &origin))
            .await
            .map_err(|_| ApiError::internal())?;
    let ok = result.is_ok();
    if result
        .as_ref()
        .is_err_and(|e| e.status == StatusCode::UNAUTHORIZED)
    {
        state.sign_in_limiter.count(rid.1, at);
    }
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
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
            client: Some(rid.1),
        }],
    )?;
    drop(conn);
    let signed = result?;
    let cookie = auth::session_cookie(Some(&signed.token), state.secure_cookies);
    let norm = {
        let conn = state.db.lock().map_err(|_| ApiError::internal())?;
        crate::admin::caseload_norm(&conn)?
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
        crate::admin::caseload_norm(&conn)?
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
    if let Some(token) = auth::cookie_token(&headers, state.secure_cookies) {
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
