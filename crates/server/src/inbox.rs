//! Self-service submissions: the public endpoint for the resident's form (no sign-in, size and
//! rate limits, schema check by the domain crate, delivered exactly once), the submitter's own
//! receipt, and the consultants' inbox where a submission is linked to a resident.
//!
//! The form keeps a random secret (`sleutel`) from its first answer on. The server stores only
//! its SHA-256: a retried delivery with the same secret is recognised and answered with the
//! same reference, and only the holder of the secret can read the receipt back.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Permission, User};
use crate::error::ApiError;
use crate::residents::{ensure_visible, read_purpose};
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use meedoen_domain::submission::Submission;
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

/// Largest submission body: far above a real form, far below anything abusive.
pub const MAX_SUBMISSION: usize = 16 * 1024;
/// Header that carries the submitter's secret when reading the receipt.
pub const KEY_HEADER: &str = "x-inzending-sleutel";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/inzendingen",
            post(submit)
                .get(inbox)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_SUBMISSION)),
        )
        .route("/inzendingen/ontvangstbewijs", get(receipt))
        .route("/inzendingen/{id}/koppelen", post(link))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Delivery {
    sleutel: String,
    inzending: Submission,
}

fn key_hash(key: &str) -> String {
    crate::token::sha256_hex(key.as_bytes())
}

fn check_key(key: &str) -> Result<(), ApiError> {
    if (32..=128).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(())
    } else {
        Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "sleutel",
            "De sleutel van het formulier klopt niet. Laad het formulier opnieuw; uw antwoorden blijven bewaard.",
            "The form's key is not valid. Reload the form; your answers are kept.",
        ))
    }
}

/// A reference a resident can read out on the phone: no 0/O or 1/I confusion.
fn reference(id: i64, key_hash: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut n = u64::from_str_radix(&key_hash[..10], 16).unwrap_or(0) ^ (id as u64);
    let mut s = String::from("MD-");
    for i in 0..8 {
        if i == 4 {
            s.push('-');
        }
        s.push(ALPHABET[(n % 32) as usize] as char);
        n /= 32;
    }
    s
}

fn answer(reference: &str, received: &str, repeated: bool) -> Value {
    json!({
        "referentie": reference,
        "ontvangen_op": received,
        "herhaald": repeated,
        "wat_nu": {
            "nl": "Een participatieconsulent leest uw antwoorden en neemt binnen 10 werkdagen contact met u op, op de manier die u koos. U hoeft niets te doen. Bewaar uw referentienummer.",
            "en": "A participation consultant reads your answers and contacts you within 10 working days, in the way you chose. You do not need to do anything. Keep your reference number."
        }
    })
}

async fn submit(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    ValidJson(body): ValidJson<Delivery>,
) -> Result<Response, ApiError> {
    check_key(&body.sleutel)?;
    let hash = key_hash(&body.sleutel);
    let now = state.now_text();
    {
        let conn = state.db.lock().map_err(|_| ApiError::internal())?;
        let existing: Option<(String, String)> = conn
            .query_row(
                "SELECT referentie, ontvangen_op FROM inzending WHERE sleutel_hash = ?1",
                [&hash],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(ApiError::db)?;
        // A retried delivery is answered alike and never counted twice (nor rate limited).
        if let Some((reference, received)) = existing {
            return Ok((StatusCode::OK, Json(answer(&reference, &received, true))).into_response());
        }
    }
    // The client's address: behind a trusted proxy the one it forwarded (web::client_address).
    let ip = rid.1;
    if !state.limiter.allow(ip, state.now().timestamp()) {
        return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "Er zijn veel formulieren verstuurd vanaf dit adres. Wacht 10 minuten en probeer het opnieuw; uw antwoorden blijven bewaard.", "Many forms were sent from this address. Wait 10 minutes and try again; your answers are kept."));
    }
    if let Err(errors) = body.inzending.check(state.now().date_naive()) {
        return Err(ApiError::invalid(errors));
    }
    let content = serde_json::to_string(&body.inzending).map_err(|_| ApiError::internal())?;
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    tx.execute(
        "INSERT INTO inzending (referentie, sleutel_hash, inhoud, ontvangen_op) VALUES ('', ?1, ?2, ?3)",
        params![hash, content, now],
    )
    .map_err(ApiError::db)?;
    let id = tx.last_insert_rowid();
    let reference = reference(id, &hash);
    tx.execute(
        "UPDATE inzending SET referentie = ?1 WHERE id = ?2",
        params![reference, id],
    )
    .map_err(ApiError::db)?;
    audit::write(
        &tx,
        &now,
        &[Entry {
            user: None,
            actor: "inwoner (formulier)",
            action: Action::Create,
            object_kind: "inzending",
            object_id: Some(id.to_string()),
            subject: None,
            fields: &["nu", "wil", "moeilijk", "contact"],
            purpose: purpose::INTAKE_FORM,
            request_id: &rid.0,
            client: Some(rid.1),
        }],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok((StatusCode::CREATED, Json(answer(&reference, &now, false))).into_response())
}

/// The submitter's own receipt: only with the secret the form kept.
async fn receipt(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let key = headers
        .get(KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    check_key(key)?;
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let found: Option<(String, String, String, bool)> = conn
        .query_row(
            "SELECT referentie, ontvangen_op, inhoud, inwoner_id IS NOT NULL FROM inzending WHERE sleutel_hash = ?1",
            [key_hash(key)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    let (reference, received, content, handled) = found.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "Er is geen formulier ontvangen met deze sleutel.",
            "No form was received with this key.",
        )
    })?;
    let mut v = answer(&reference, &received, true);
    v["status"] = json!(if handled {
        "in_behandeling"
    } else {
        "ontvangen"
    });
    v["inzending"] = serde_json::from_str(&content).unwrap_or(Value::Null);
    Ok(Json(v))
}

/// id, reference, received, content, linked resident, linked by.
type InboxRow = (i64, String, String, String, Option<i64>, Option<String>);

/// The team's inbox: participation consultants and team leads of the team.
async fn inbox(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
) -> Result<Json<Value>, ApiError> {
    user.may(Permission::Inbox)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let rows: Vec<InboxRow> = {
        let mut stmt = tx
            .prepare("SELECT id, referentie, ontvangen_op, inhoud, inwoner_id, gekoppeld_door FROM inzending WHERE team = ?1 ORDER BY inwoner_id IS NOT NULL, id DESC LIMIT 500")
            .map_err(ApiError::db)?;
        let mapped = stmt
            .query_map([&user.team], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .map_err(ApiError::db)?;
        mapped.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let entries: Vec<Entry<'_>> = rows
        .iter()
        .map(|r| Entry {
            subject: r.4,
            ..Entry::by(&user, &rid, Action::Read, "inzending", read_purpose(&user))
                .object(r.0)
                .fields(&["nu", "wil", "moeilijk", "contact"])
        })
        .collect();
    audit::write(&tx, &now, &entries)?;
    drop(entries);
    tx.commit().map_err(ApiError::db)?;
    let list: Vec<Value> = rows
        .into_iter()
        .map(|(id, reference, received, content, resident, by)| {
            json!({
                "id": id, "referentie": reference, "ontvangen_op": received,
                "inzending": serde_json::from_str::<Value>(&content).unwrap_or(Value::Null),
                "inwoner_id": resident, "gekoppeld_door": by,
            })
        })
        .collect();
    Ok(Json(json!({ "inzendingen": list })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    inwoner_id: i64,
}

/// Link a submission to a resident the user may see.
async fn link(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
    ValidJson(body): ValidJson<Link>,
) -> Result<StatusCode, ApiError> {
    user.may(Permission::Inbox)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    ensure_visible(&tx, &user, body.inwoner_id)?;
    let n = tx
        .execute(
            "UPDATE inzending SET inwoner_id = ?1, gekoppeld_door = ?2, gekoppeld_op = ?3 WHERE id = ?4 AND team = ?5",
            params![body.inwoner_id, user.gebruikersnaam, now, id, user.team],
        )
        .map_err(ApiError::db)?;
    if n == 0 {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "Deze inzending bestaat niet of hoort bij een ander team.",
            "This submission does not exist or belongs to another team.",
        ));
    }
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Change, "inzending", purpose::GUIDANCE)
                .object(id)
                .about(body.inwoner_id)
                .fields(&["inwoner_id"]),
        ],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(StatusCode::NO_CONTENT)
}
