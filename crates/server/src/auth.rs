//! Sign-in and sessions: argon2id password hashes, a random session token in an HttpOnly,
//! SameSite=Strict cookie (Secure behind TLS), a CSRF token required on every state-changing
//! request, lock-out after 5 failed sign-ins, and expiry after 60 minutes without activity.

use crate::error::ApiError;
use crate::state::AppState;
pub use crate::token::random_token;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::{request::Parts, Method, StatusCode};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "meedoen_sessie";
/// The session cookie's name when served over TLS (`--veilige-cookies`).
pub const SECURE_COOKIE: &str = "__Host-meedoen_sessie";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Failed sign-ins before an account is locked (until an administrator unlocks it).
pub const MAX_FAILURES: i64 = 5;
/// Minutes without activity after which a session ends.
pub const IDLE_MINUTES: i64 = 60;

/// The roles and what each may do: the shared authorisation matrix of the domain crate
/// (`meedoen_domain::access`), which the app reads too.
pub use meedoen_domain::access::{Action as Permission, Role, Scope};

/// The signed-in user of a request.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub gebruikersnaam: String,
    pub naam: String,
    pub rol: Role,
    pub team: String,
    /// A password set by an administrator: until the user chooses their own, only the session
    /// and the own account are served.
    pub moet_wachtwoord_wijzigen: bool,
    #[serde(skip)]
    pub csrf: String,
}

impl User {
    /// What this user may do with `action`, per the shared matrix; refused with 403 otherwise.
    pub fn may(&self, action: Permission) -> Result<Scope, ApiError> {
        meedoen_domain::access::scope(self.rol, action).ok_or_else(forbidden)
    }
}

/// Refused while the user must first change the password an administrator set.
pub fn must_change_password() -> ApiError {
    ApiError::field(
        StatusCode::FORBIDDEN,
        "wachtwoord",
        "Kies eerst een eigen wachtwoord (Mijn account).",
        "Choose your own password first (My account).",
    )
}

/// Paths served while the password must still be changed (as seen inside `/api`).
fn allowed_before_password_change(path: &str) -> bool {
    let path = path.strip_prefix("/api").unwrap_or(path);
    path == "/sessie" || path.starts_with("/account/")
}

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| ApiError::internal())
}

pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

pub(crate) fn token_hash(token: &str) -> String {
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub fn unauthenticated() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "U bent niet (meer) ingelogd. Log opnieuw in.",
        "You are not (or no longer) signed in. Please sign in again.",
    )
}

pub fn forbidden() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "U hebt geen toegang tot deze gegevens.",
        "You have no access to this data.",
    )
}

/// id, name, role, team, password hash, failed attempts, locked at, active, must change.
type AccountRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    Option<String>,
    bool,
    bool,
);
/// id, user name, name, role, team, CSRF token, last active, usable, must change.
type SessionRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    bool,
    bool,
);

/// Where a session was started from, shown to its user under "My account".
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub device: Option<String>,
    pub address: Option<String>,
}

/// Outcome of a sign-in attempt.
pub struct SignedIn {
    pub user: User,
    pub token: String,
}

/// Check a user name and password; on success start a session. The password hash (slow on
/// purpose) is checked with the database lock released, so other requests do not wait for it;
/// call this from a blocking thread, never on the async runtime's workers.
pub fn sign_in(
    state: &AppState,
    username: &str,
    password: &str,
    origin: &Origin,
) -> Result<SignedIn, ApiError> {
    let row: Option<AccountRow> = {
        let conn = state.db.lock().map_err(|_| ApiError::internal())?;
        conn.query_row(
            "SELECT id, naam, rol, team, wachtwoord_hash, mislukte_pogingen, geblokkeerd_op, actief, wachtwoord_wijzigen FROM gebruiker WHERE gebruikersnaam = ?1",
            [username],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)),
        )
        .optional()
        .map_err(ApiError::db)?
    };
    let wrong = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "Gebruikersnaam of wachtwoord klopt niet.",
            "User name or password is incorrect.",
        )
    };
    // Unknown users cost a hash too, so timing does not reveal which names exist.
    let Some((id, naam, rol, team, hash, _failures, locked, active, must_change)) = row else {
        let _ = verify_password(password, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$3Cjx0zBZPtyK1Yq0d1gdbF1h0QA8GJq5t2i3YSYx3oQ");
        return Err(wrong());
    };
    if locked.is_some() {
        return Err(ApiError::new(StatusCode::LOCKED, "Dit account is geblokkeerd na 5 mislukte pogingen. Vraag een beheerder om het te deblokkeren.", "This account is locked after 5 failed attempts. Ask an administrator to unlock it."));
    }
    if !active {
        return Err(wrong());
    }
    let good = verify_password(password, &hash);
    let now = state.now();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    if !good {
        // Counted in one statement, so attempts at the same moment are all counted.
        conn.execute(
            "UPDATE gebruiker SET mislukte_pogingen = mislukte_pogingen + 1, \
             geblokkeerd_op = CASE WHEN mislukte_pogingen + 1 >= ?1 THEN ?2 ELSE geblokkeerd_op END \
             WHERE id = ?3",
            params![MAX_FAILURES, ts(now), id],
        )
        .map_err(ApiError::db)?;
        return Err(wrong());
    }
    // Locked by other attempts while this hash was being checked: still locked.
    let locked_now: Option<String> = conn
        .query_row(
            "SELECT geblokkeerd_op FROM gebruiker WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .map_err(ApiError::db)?;
    if locked_now.is_some() {
        return Err(ApiError::new(StatusCode::LOCKED, "Dit account is geblokkeerd na 5 mislukte pogingen. Vraag een beheerder om het te deblokkeren.", "This account is locked after 5 failed attempts. Ask an administrator to unlock it."));
    }
    conn.execute(
        "UPDATE gebruiker SET mislukte_pogingen = 0 WHERE id = ?1",
        [id],
    )
    .map_err(ApiError::db)?;
    let token = random_token();
    let csrf = random_token();
    conn.execute(
        "INSERT INTO sessie (token_hash, gebruiker_id, csrf, aangemaakt, laatst_actief, apparaat, adres) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
        params![token_hash(&token), id, csrf, ts(now), origin.device, origin.address],
    )
    .map_err(ApiError::db)?;
    let rol = Role::parse(&rol).ok_or_else(ApiError::internal)?;
    Ok(SignedIn {
        user: User {
            id,
            gebruikersnaam: username.into(),
            naam,
            rol,
            team,
            moet_wachtwoord_wijzigen: must_change,
            csrf,
        },
        token,
    })
}

/// End the session of this token.
pub fn sign_out(state: &AppState, token: &str) -> Result<(), ApiError> {
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    conn.execute(
        "DELETE FROM sessie WHERE token_hash = ?1",
        [token_hash(token)],
    )
    .map_err(ApiError::db)?;
    Ok(())
}

/// The session cookie's name: with `Secure` (behind TLS) the `__Host-` prefix, which browsers
/// accept only from a secure origin, for the whole host (`Path=/`, no `Domain`), so no other
/// site or subdomain can set or shadow it.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

/// The session cookie's value from the request's headers, if any (parsed by the `cookie` crate).
pub fn cookie_token(headers: &axum::http::HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name && !c.value().is_empty())
        .map(|c| c.value().to_string())
}

/// `Set-Cookie` for a new session, or to clear it: `HttpOnly`, `SameSite=Strict`, `Path=/`,
/// and behind TLS `Secure` with the `__Host-` name.
pub fn session_cookie(token: Option<&str>, secure: bool) -> String {
    let mut c = cookie::Cookie::build((cookie_name(secure), token.unwrap_or("")))
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .path("/")
        .secure(secure);
    if token.is_none() {
        c = c.max_age(cookie::time::Duration::ZERO);
    }
    c.build().to_string()
}

/// The signed-in user; rejects missing or idle sessions and, on state-changing requests,
/// a missing or wrong CSRF token.
impl FromRequestParts<AppState> for User {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<User, ApiError> {
        let token =
            cookie_token(&parts.headers, state.secure_cookies).ok_or_else(unauthenticated)?;
        let now = state.now();
        let conn = state.db.lock().map_err(|_| ApiError::internal())?;
        let row: Option<SessionRow> = conn
            .query_row(
                "SELECT g.id, g.gebruikersnaam, g.naam, g.rol, g.team, s.csrf, s.laatst_actief, g.actief AND g.geblokkeerd_op IS NULL, g.wachtwoord_wijzigen
                 FROM sessie s JOIN gebruiker g ON g.id = s.gebruiker_id WHERE s.token_hash = ?1",
                [token_hash(&token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)),
            )
            .optional()
            .map_err(ApiError::db)?;
        let Some((id, gebruikersnaam, naam, rol, team, csrf, last, usable, must_change)) = row
        else {
            return Err(unauthenticated());
        };
        let last = DateTime::parse_from_rfc3339(&last)
            .map_err(|_| ApiError::internal())?
            .with_timezone(&Utc);
        if !usable || now - last > Duration::minutes(IDLE_MINUTES) {
            conn.execute(
                "DELETE FROM sessie WHERE token_hash = ?1",
                [token_hash(&token)],
            )
            .map_err(ApiError::db)?;
            return Err(unauthenticated());
        }
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(csrf.as_str()) {
                return Err(ApiError::field(
                    StatusCode::FORBIDDEN,
                    CSRF_HEADER,
                    "Het beveiligingstoken (CSRF) ontbreekt of klopt niet. Laad de pagina opnieuw.",
                    "The security (CSRF) token is missing or wrong. Reload the page.",
                ));
            }
        }
        conn.execute(
            "UPDATE sessie SET laatst_actief = ?1 WHERE token_hash = ?2",
            params![ts(now), token_hash(&token)],
        )
        .map_err(ApiError::db)?;
        if must_change && !allowed_before_password_change(parts.uri.path()) {
            return Err(must_change_password());
        }
        let rol = Role::parse(&rol).ok_or_else(ApiError::internal)?;
        Ok(User {
            id,
            gebruikersnaam,
            naam,
            rol,
            team,
            moet_wachtwoord_wijzigen: must_change,
            csrf,
        })
    }
}
