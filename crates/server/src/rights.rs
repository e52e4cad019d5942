//! The rights of residents (issue 18), for the team lead of the resident's team:
//! - `GET /api/inwoners/{id}/inzage`: a subject-access export (AVG art. 15) — every record with
//!   its history fields and labels, the form submissions linked to the resident, the erasure
//!   requests, and every audit entry about them; audited as an export;
//! - `POST /api/inwoners/{id}/verwijderverzoek`: record an erasure request (AVG art. 17) with
//!   the day it was received and what was asked; audited;
//! - `GET /api/verwijderverzoeken`: the team's recorded requests.
//!
//! Other roles get 403; a resident outside the team answers exactly as one that does not exist.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{forbidden, Role, User};
use crate::db;
use crate::error::{bad, ApiError};
use crate::residents::ensure_visible;
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::Datelike;
use meedoen_domain::records::Kind;
use rusqlite::params;
use serde::Deserialize;
use serde_json::{json, Map, Value};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inwoners/{id}/inzage", get(subject_access))
        .route("/inwoners/{id}/verwijderverzoek", post(erasure_request))
        .route("/verwijderverzoeken", get(erasure_requests))
}

fn team_lead(user: &User) -> Result<(), ApiError> {
    if user.rol == Role::Teamleider {
        Ok(())
    } else {
        Err(forbidden())
    }
}

async fn subject_access(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    team_lead(&user)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    ensure_visible(&tx, &user, id)?;
    let records: Vec<Value> = {
        let mut stmt = tx
            .prepare(
                "SELECT soort, id, versie, velden, aangemaakt_door, aangemaakt_op, gewijzigd_door, gewijzigd_op
                 FROM dossier WHERE inwoner_id = ?1 ORDER BY volgnummer",
            )
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    [r.get::<_, String>(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                ))
            })
            .map_err(ApiError::db)?;
        let mut list = Vec::new();
        for row in rows {
            let (kind, rec, version, fields, [made_by, made_on, changed_by, changed_on]) =
                row.map_err(ApiError::db)?;
            let fields: Value = serde_json::from_str(&fields).unwrap_or(Value::Null);
            let (name, labels) = match Kind::parse(&kind) {
                Some(k) => {
                    let labels: Map<String, Value> = k
                        .fields()
                        .iter()
                        .map(|f| {
                            (
                                f.name.to_string(),
                                json!({"nl": f.label.nl, "en": f.label.en}),
                            )
                        })
                        .collect();
                    (
                        json!({"nl": k.label().nl, "en": k.label().en}),
                        Value::Object(labels),
                    )
                }
                None => (json!({"nl": kind, "en": kind}), json!({})),
            };
            list.push(json!({
                "soort": kind, "soort_naam": name, "id": rec, "versie": version,
                "velden": fields, "labels": labels,
                "aangemaakt_door": made_by, "aangemaakt_op": made_on,
                "gewijzigd_door": changed_by, "gewijzigd_op": changed_on,
            }));
        }
        list
    };
    let submissions: Vec<Value> = db::all(
        &tx,
        "SELECT referentie, ontvangen_op, inhoud, gekoppeld_door, gekoppeld_op FROM inzending WHERE inwoner_id = ?1 ORDER BY id",
        [id],
        |r| {
            let inhoud: String = r.get(2)?;
            Ok(json!({
                "referentie": r.get::<_, String>(0)?, "ontvangen_op": r.get::<_, String>(1)?,
                "inhoud": serde_json::from_str::<Value>(&inhoud).unwrap_or(Value::Null),
                "gekoppeld_door": r.get::<_, Option<String>>(3)?, "gekoppeld_op": r.get::<_, Option<String>>(4)?,
            }))
        },
    )
    .map_err(ApiError::db)?;
    let requests = requests_of(&tx, "inwoner_id = ?1", id)?;
    // Klant in Beeld: each value with its question (the list in force, or the code for a
    // question no longer on it), who and when; the assessor batches the resident was in.
    let list = meedoen_domain::indicators::in_force(state.now().date_naive());
    let indicators: Vec<Value> = db::all(
        &tx,
        "SELECT code, waarde, lijst, door, door_rol, op FROM indicator_waarde WHERE inwoner_id = ?1 ORDER BY code",
        [id],
        |r| {
            let code: String = r.get(0)?;
            let waarde: String = r.get(1)?;
            let ind = list.get(&code);
            Ok(json!({
                "code": code,
                "vraag": ind.map_or_else(|| json!({"nl": code, "en": code}), |i| json!({"nl": i.vraag.nl, "en": i.vraag.en})),
                "waarde": waarde,
                "betekenis": ind.map_or_else(|| json!({"nl": waarde, "en": waarde}), |i| json!({"nl": i.show(&waarde, meedoen_domain::Lang::Nl), "en": i.show(&waarde, meedoen_domain::Lang::En)})),
                "lijst": r.get::<_, String>(2)?, "door": r.get::<_, String>(3)?,
                "rol": r.get::<_, String>(4)?, "op": r.get::<_, String>(5)?,
            }))
        },
    )
    .map_err(ApiError::db)?;
    let batches: Vec<Value> = db::all(
        &tx,
        "SELECT o.naam, coalesce(g.naam, ''), o.eind, o.beeindigd_op FROM opdracht_inwoner oi JOIN opdracht o ON o.id = oi.opdracht_id LEFT JOIN gebruiker g ON g.id = o.beoordelaar_id WHERE oi.inwoner_id = ?1 ORDER BY o.id",
        [id],
        |r| {
            Ok(json!({
                "naam": r.get::<_, String>(0)?, "beoordelaar": r.get::<_, String>(1)?,
                "eind": r.get::<_, String>(2)?, "beeindigd_op": r.get::<_, Option<String>>(3)?,
            }))
        },
    )
    .map_err(ApiError::db)?;
    let signals: Vec<Value> = db::all(
        &tx,
        "SELECT soort, heronderzoek_op, toelichting, door, op, afgehandeld_door, afgehandeld_op FROM signaal WHERE inwoner_id = ?1 ORDER BY id",
        [id],
        |r| {
            Ok(json!({
                "soort": r.get::<_, String>(0)?, "heronderzoek_op": r.get::<_, String>(1)?,
                "toelichting": r.get::<_, Option<String>>(2)?, "door": r.get::<_, String>(3)?,
                "op": r.get::<_, String>(4)?, "afgehandeld_door": r.get::<_, Option<String>>(5)?,
                "afgehandeld_op": r.get::<_, Option<String>>(6)?,
            }))
        },
    )
    .map_err(ApiError::db)?;
    let entries: Vec<Value> = db::all(
        &tx,
        "SELECT tijd, gebruiker, rol, actie, object_soort, object_id, velden, doel FROM audit WHERE inwoner_id = ?1 ORDER BY id",
        [id],
        |r| {
            let fields: Option<String> = r.get(6)?;
            Ok(json!({
                "tijd": r.get::<_, String>(0)?, "gebruiker": r.get::<_, String>(1)?,
                "rol": r.get::<_, Option<String>>(2)?, "actie": r.get::<_, String>(3)?,
                "object_soort": r.get::<_, String>(4)?, "object_id": r.get::<_, Option<String>>(5)?,
                "velden": fields.and_then(|f| serde_json::from_str::<Value>(&f).ok()).unwrap_or(Value::Null),
                "doel": r.get::<_, String>(7)?,
            }))
        },
    )
    .map_err(ApiError::db)?;
    audit::write(
        &tx,
        &now,
        &[Entry::by(
            &user,
            &rid,
            Action::Export,
            "inzage",
            purpose::SUBJECT_ACCESS,
        )
        .object(id)
        .about(id)],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(json!({
        "inwoner_id": id,
        "gemaakt_op": now,
        "gemaakt_door": user.gebruikersnaam,
        "uitleg": {
            "nl": "Alles wat Meedoen over deze inwoner heeft vastgelegd: de records met hun velden (met de betekenis van elk veld), de ingevulde formulieren, de Klant in Beeld-indicatoren (met wie ze invulde en wanneer) en de opdrachten aan een extern bureau, de signalen van de afdeling Inkomen, verzoeken tot verwijdering, en wie wanneer iets heeft bekeken of gewijzigd en waarom (het auditlog). Deze export staat zelf ook in het auditlog.",
            "en": "Everything Meedoen holds about this resident: the records with their fields (with the meaning of each field), the submitted forms, the Klant in Beeld indicators (with who filled them and when) and the batches for an outside bureau, the income department's signals, erasure requests, and who viewed or changed what, when and why (the audit log). This export is itself in the audit log."
        },
        "records": records,
        "inzendingen": submissions,
        "indicatoren": indicators,
        "opdrachten": batches,
        "signalen": signals,
        "verwijderverzoeken": requests,
        "audit": entries,
    })))
}

fn requests_of(
    conn: &rusqlite::Connection,
    cond: &str,
    param: impl rusqlite::ToSql,
) -> Result<Vec<Value>, ApiError> {
    let mut stmt = conn
        .prepare(&format!("SELECT id, inwoner_id, ontvangen_op, toelichting, vastgelegd_door, vastgelegd_op FROM verwijderverzoek WHERE {cond} ORDER BY id"))
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map([param], |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?, "inwoner_id": r.get::<_, i64>(1)?,
                "ontvangen_op": r.get::<_, String>(2)?, "toelichting": r.get::<_, String>(3)?,
                "vastgelegd_door": r.get::<_, String>(4)?, "vastgelegd_op": r.get::<_, String>(5)?,
            }))
        })
        .map_err(ApiError::db)?;
    rows.collect::<Result<_, _>>().map_err(ApiError::db)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErasureRequest {
    /// The day the request reached the municipality.
    ontvangen_op: String,
    /// What was asked, and how it reached us.
    toelichting: String,
}

async fn erasure_request(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
    ValidJson(body): ValidJson<ErasureRequest>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    team_lead(&user)?;
    let today = state.now().date_naive();
    let received: chrono::NaiveDate = body.ontvangen_op.parse().map_err(|_| {
        bad(
            "ontvangen_op",
            "Vul de datum van ontvangst in als jjjj-mm-dd.",
            "Enter the day it was received as yyyy-mm-dd.",
        )
    })?;
    if received > today || received.year() < 2000 {
        return Err(bad(
            "ontvangen_op",
            "De datum van ontvangst ligt niet in de toekomst en niet vóór 2000.",
            "The day it was received is not in the future and not before 2000.",
        ));
    }
    let text = body.toelichting.trim();
    let visible = text
        .chars()
        .filter(|c| !c.is_whitespace() && !meedoen_domain::records::invisible(*c))
        .count();
    if visible < 5
        || text.chars().count() > 1000
        || text.chars().any(meedoen_domain::records::bidi_control)
    {
        return Err(bad(
            "toelichting",
            "Beschrijf in 5 tot 1000 zichtbare tekens wat er gevraagd is en hoe het verzoek binnenkwam (zonder tekens die de leesrichting omdraaien).",
            "Describe in 5 to 1000 visible characters what was asked and how the request came in (without characters that reverse the reading direction).",
        ));
    }
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    ensure_visible(&tx, &user, id)?;
    tx.execute(
        "INSERT INTO verwijderverzoek (inwoner_id, team, ontvangen_op, toelichting, vastgelegd_door, vastgelegd_op) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, user.team, received.to_string(), text, user.gebruikersnaam, now],
    )
    .map_err(ApiError::db)?;
    let request = tx.last_insert_rowid();
    audit::write(
        &tx,
        &now,
        &[Entry::by(
            &user,
            &rid,
            Action::Create,
            "verwijderverzoek",
            purpose::ERASURE_REQUEST,
        )
        .object(request)
        .about(id)
        .fields(&["ontvangen_op", "toelichting"])],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": request, "inwoner_id": id})),
    ))
}

async fn erasure_requests(
    State(state): State<AppState>,
    user: User,
) -> Result<Json<Value>, ApiError> {
    team_lead(&user)?;
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let list = requests_of(&conn, "team = ?1", user.team.clone())?;
    Ok(Json(json!({ "verwijderverzoeken": list })))
}
