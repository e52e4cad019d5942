//! Sync for the offline-first app: the change feed (`GET /api/wijzigingen?sinds=`), field-level
//! writes (`POST /api/mutaties`) with conflicts as 409 and replay-safe mutation ids, a
//! resident's whole file (`GET /api/inwoners/{id}/dossier`), registering a resident and
//! caseload assignment. Every read and write of personal data is audited in the same
//! transaction.

use crate::access::{ensure_visible, read_purpose, resident_not_found, visible};
use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{forbidden, Role, User};
use crate::store::{self, Applied, Patch, Stored};
use crate::web::{ApiError, RequestId, ValidJson};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use meedoen_domain::records::{check_id, Context, Kind};
use meedoen_domain::RuleSet;
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/wijzigingen", get(feed))
        .route("/mutaties", post(mutate))
        .route("/inwoners/{id}/dossier", get(file))
        .route("/inwoners/{id}/toewijzing", post(assign))
        .route("/wachtlijst", get(waiting_list))
}

fn bad(field: &str, nl: &str, en: &str) -> ApiError {
    ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, field, nl, en)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedQuery {
    #[serde(default)]
    sinds: i64,
    limiet: Option<i64>,
}

/// Largest page of the change feed.
pub const MAX_PAGE: i64 = 5000;

async fn feed(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<FeedQuery>,
) -> Result<Json<Value>, ApiError> {
    let limit = q.limiet.unwrap_or(1000);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(bad(
            "limiet",
            &format!("Kies een limiet van 1 tot en met {MAX_PAGE}."),
            &format!("Choose a limit from 1 to {MAX_PAGE}."),
        ));
    }
    if q.sinds < 0 {
        return Err(bad(
            "sinds",
            "Het volgnummer kan niet negatief zijn; begin bij 0.",
            "The sequence number cannot be negative; start at 0.",
        ));
    }
    let (cond, param) = visible(&user)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let mut records: Vec<Stored> = {
        let mut stmt = tx
            .prepare_cached(&format!(
                "{} JOIN inwoner i ON i.id = d.inwoner_id WHERE d.volgnummer > ?2 AND {cond} ORDER BY d.volgnummer LIMIT ?3",
                store::SELECT
            ))
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map(params![param, q.sinds, limit + 1], store::stored)
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let mut gone: Vec<(i64, i64)> = {
        let mut stmt = tx
            .prepare_cached("SELECT volgnummer, inwoner_id FROM vervallen WHERE volgnummer > ?1 AND (gebruiker_id = ?2 OR team = ?3) ORDER BY volgnummer LIMIT ?4")
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map(
                params![
                    q.sinds,
                    user.id,
                    if user.rol == Role::Teamleider {
                        Some(&user.team)
                    } else {
                        None
                    },
                    limit + 1
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    // Merge both streams by sequence number and cut at the page size.
    let mut seqs: Vec<i64> = records
        .iter()
        .map(|r| r.volgnummer)
        .chain(gone.iter().map(|g| g.0))
        .collect();
    seqs.sort_unstable();
    let more = seqs.len() > limit as usize;
    let upto = if more {
        seqs[limit as usize - 1]
    } else {
        seqs.last().copied().unwrap_or(q.sinds)
    };
    records.retain(|r| r.volgnummer <= upto);
    gone.retain(|g| g.0 <= upto);
    // One audit entry per resident read, naming the kinds of record read.
    let mut per_resident: BTreeMap<i64, Vec<&'static str>> = BTreeMap::new();
    for r in &records {
        add_kind(per_resident.entry(r.inwoner_id).or_default(), r);
    }
    let entries: Vec<Entry<'_>> = per_resident
        .iter()
        .map(|(resident, kinds)| {
            Entry::by(&user, &rid, Action::Read, "dossier", read_purpose(&user))
                .object(resident)
                .about(*resident)
                .fields(kinds)
        })
        .collect();
    audit::write(&tx, &now, &entries)?;
    drop(entries);
    tx.commit().map_err(ApiError::db)?;
    let gone: Vec<Value> = gone
        .iter()
        .map(|(seq, resident)| json!({"volgnummer": seq, "inwoner_id": resident}))
        .collect();
    Ok(Json(json!({
        "wijzigingen": records,
        "vervallen": gone,
        "tot": upto,
        "meer": more,
    })))
}

/// Add a record's kind to the kinds read (for the audit entry), once each.
fn add_kind(kinds: &mut Vec<&'static str>, r: &Stored) {
    if let Some(k) = Kind::parse(&r.soort) {
        if !kinds.contains(&k.code()) {
            kinds.push(k.code());
        }
    }
}

/// One client mutation: set fields of one record on top of the version the client saw.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Mutation {
    mutatie_id: String,
    soort: Kind,
    id: String,
    inwoner_id: i64,
    basis_versie: i64,
    velden: Map<String, Value>,
}

/// Who may write which kind: consultants their own caseload (placements are the WSP's);
/// team leads and administrators no case content.
fn may_write(user: &User, kind: Kind) -> Result<(), ApiError> {
    match (user.rol, kind) {
        (Role::Werkconsulent, _) => Ok(()),
        (Role::Participatieconsulent, Kind::Plaatsing) => Err(forbidden()),
        (Role::Participatieconsulent, _) => Ok(()),
        (Role::Teamleider | Role::Beheerder, _) => Err(forbidden()),
    }
}

fn check_client_id(field: &str, id: &str) -> Result<(), ApiError> {
    check_id(id).map_err(|e| bad(field, &e.message.nl, &e.message.en))
}

fn context(state: &AppState) -> Context<'static> {
    Context {
        today: state.now().date_naive(),
        rules: RuleSet::embedded(),
    }
}

fn replayed(
    tx: &rusqlite::Transaction<'_>,
    user: &User,
    id: &str,
) -> Result<Option<Response>, ApiError> {
    let stored: Option<String> = tx
        .query_row(
            "SELECT antwoord FROM mutatie WHERE gebruiker_id = ?1 AND id = ?2",
            params![user.id, id],
            |r| r.get(0),
        )
        .optional()
        .map_err(ApiError::db)?;
    Ok(stored.map(|text| {
        let mut body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        body["herhaald"] = json!(true);
        (StatusCode::OK, Json(body)).into_response()
    }))
}

/// The answer to an applied mutation, kept under its id so a replay gets it again.
fn remember(
    tx: &rusqlite::Transaction<'_>,
    user: &User,
    mutation: &str,
    now: &str,
    record: &Stored,
    changed: &[String],
) -> Result<Value, ApiError> {
    let answer = json!({"record": record, "gewijzigde_velden": changed, "herhaald": false});
    tx.execute(
        "INSERT INTO mutatie (gebruiker_id, id, tijd, antwoord) VALUES (?1, ?2, ?3, ?4)",
        params![user.id, mutation, now, answer.to_string()],
    )
    .map_err(ApiError::db)?;
    Ok(answer)
}

async fn mutate(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(m): ValidJson<Mutation>,
) -> Result<Response, ApiError> {
    check_client_id("mutatie_id", &m.mutatie_id)?;
    check_client_id("id", &m.id)?;
    may_write(&user, m.soort)?;
    if m.soort == Kind::Inwoner && m.id != m.inwoner_id.to_string() {
        return Err(bad(
            "id",
            "Het id van een inwonerrecord is het inwonernummer.",
            "The id of a resident record is the resident number.",
        ));
    }
    let ctx = context(&state);
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    if let Some(answer) = replayed(&tx, &user, &m.mutatie_id)? {
        return Ok(answer);
    }
    ensure_visible(&tx, &user, m.inwoner_id)?;
    let patch = Patch {
        kind: m.soort,
        id: m.id,
        resident: m.inwoner_id,
        base: m.basis_versie,
        fields: m.velden,
    };
    match store::apply(&tx, &patch, &ctx, &user.gebruikersnaam, &now)? {
        Applied::Conflict { record, conflicts } => {
            let mut e = ApiError::field(
                StatusCode::CONFLICT,
                &conflicts[0].veld,
                &format!(
                    "Iemand anders heeft intussen {} gewijzigd (nu versie {}). Kies per veld welke waarde blijft en sla opnieuw op.",
                    conflicts.iter().map(|c| c.veld.as_str()).collect::<Vec<_>>().join(", "),
                    record.versie
                ),
                &format!(
                    "Someone else changed {} in the meantime (now version {}). Choose per field which value stays and save again.",
                    conflicts.iter().map(|c| c.veld.as_str()).collect::<Vec<_>>().join(", "),
                    record.versie
                ),
            );
            e.details = Some(json!({"conflicten": conflicts, "server": record}));
            Err(e)
        }
        Applied::Written {
            record,
            changed,
            created,
        } => {
            let fields: Vec<&str> = changed.iter().map(String::as_str).collect();
            if !fields.is_empty() {
                audit::write(
                    &tx,
                    &now,
                    &[Entry::by(
                        &user,
                        &rid,
                        if created {
                            Action::Create
                        } else {
                            Action::Change
                        },
                        patch.kind.code(),
                        purpose::GUIDANCE,
                    )
                    .object(patch.id)
                    .about(patch.resident)
                    .fields(&fields)],
                )?;
            }
            let body = remember(&tx, &user, &m.mutatie_id, &now, &record, &changed)?;
            tx.commit().map_err(ApiError::db)?;
            let status = if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Ok((status, Json(body)).into_response())
        }
    }
}

async fn file(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
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
    Ok(Json(json!({
        "inwoner_id": id,
        "consulent_id": consultant,
        "team": team,
        "records": records,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Registration {
    mutatie_id: String,
    velden: Map<String, Value>,
}

/// Register a resident (e.g. new inflow): a consultant takes them into their own caseload,
/// a team lead puts them on the team's waiting list.
pub(crate) async fn register(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(body): ValidJson<Registration>,
) -> Result<Response, ApiError> {
    check_client_id("mutatie_id", &body.mutatie_id)?;
    let consultant = match user.rol {
        Role::Participatieconsulent | Role::Werkconsulent => Some(user.id),
        Role::Teamleider => None,
        Role::Beheerder => return Err(forbidden()),
    };
    // Fields are checked by `store::apply`; on an error the transaction, with the new
    // resident row, is rolled back.
    let ctx = context(&state);
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    if let Some(answer) = replayed(&tx, &user, &body.mutatie_id)? {
        return Ok(answer);
    }
    tx.execute(
        "INSERT INTO inwoner (consulent_id, team, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, ?4)",
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
    let answer = remember(&tx, &user, &body.mutatie_id, &now, &record, &changed)?;
    tx.commit().map_err(ApiError::db)?;
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Assignment {
    consulent_id: Option<i64>,
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

/// Assign a resident: a team lead to any consultant (or back to the waiting list); a
/// consultant picks a waiting resident of their own team up, within the caseload norm.
async fn assign(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
    ValidJson(body): ValidJson<Assignment>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let current: Option<(Option<i64>, String)> = tx
        .query_row(
            "SELECT consulent_id, team FROM inwoner WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    let Some((old, old_team)) = current else {
        return Err(resident_not_found());
    };
    let target: Option<(Role, String)> = match body.consulent_id {
        None => None,
        Some(c) => {
            let found: Option<(String, String)> = tx
                .query_row(
                    "SELECT rol, team FROM gebruiker WHERE id = ?1 AND actief = 1",
                    [c],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(ApiError::db)?;
            let (role, team) = found.ok_or_else(|| {
                bad(
                    "consulent_id",
                    "Deze consulent bestaat niet of is niet actief.",
                    "This consultant does not exist or is not active.",
                )
            })?;
            let role = Role::parse(&role).ok_or_else(ApiError::internal)?;
            if !matches!(role, Role::Participatieconsulent | Role::Werkconsulent) {
                return Err(bad(
                    "consulent_id",
                    "Alleen participatie- en werkconsulenten hebben een caseload.",
                    "Only participation and work consultants have a caseload.",
                ));
            }
            Some((role, team))
        }
    };
    match user.rol {
        Role::Teamleider if old_team == user.team => {}
        Role::Teamleider => return Err(resident_not_found()),
        Role::Participatieconsulent | Role::Werkconsulent => {
            if old_team != user.team || (old.is_some() && old != Some(user.id)) {
                return Err(resident_not_found());
            }
            if body.consulent_id != Some(user.id) {
                return Err(forbidden());
            }
        }
        Role::Beheerder => return Err(forbidden()),
    }
    let new_team = target
        .as_ref()
        .map_or(old_team.clone(), |(_, team)| team.clone());
    if let Some(c) = body.consulent_id.filter(|c| Some(*c) != old) {
        let norm = caseload_norm(&tx)?;
        let load: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM inwoner WHERE consulent_id = ?1",
                [c],
                |r| r.get(0),
            )
            .map_err(ApiError::db)?;
        if load >= norm {
            return Err(ApiError::field(
                StatusCode::CONFLICT,
                "consulent_id",
                &format!("Deze caseload is vol: {load} van de {norm} inwoners (norm)."),
                &format!("This caseload is full: {load} of {norm} residents (norm)."),
            ));
        }
    }
    if body.consulent_id == old && new_team == old_team {
        tx.commit().map_err(ApiError::db)?;
        return Ok(Json(
            json!({"inwoner_id": id, "consulent_id": old, "team": old_team}),
        ));
    }
    tx.execute(
        "UPDATE inwoner SET consulent_id = ?1, team = ?2, versie = versie + 1, gewijzigd_door = ?3, gewijzigd_op = ?4 WHERE id = ?5",
        params![body.consulent_id, new_team, user.gebruikersnaam, now, id],
    )
    .map_err(ApiError::db)?;
    if let Some(o) = old.filter(|o| Some(*o) != body.consulent_id) {
        let seq = store::next_seq(&tx)?;
        tx.execute(
            "INSERT INTO vervallen (volgnummer, gebruiker_id, inwoner_id) VALUES (?1, ?2, ?3)",
            params![seq, o, id],
        )
        .map_err(ApiError::db)?;
    }
    if new_team != old_team {
        let seq = store::next_seq(&tx)?;
        tx.execute(
            "INSERT INTO vervallen (volgnummer, team, inwoner_id) VALUES (?1, ?2, ?3)",
            params![seq, old_team, id],
        )
        .map_err(ApiError::db)?;
    }
    store::touch_resident(&tx, id)?;
    audit::write(
        &tx,
        &now,
        &[Entry::by(
            &user,
            &rid,
            Action::Change,
            "toewijzing",
            purpose::ALLOCATION,
        )
        .object(id)
        .about(id)
        .fields(&["consulent_id", "team"])],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(
        json!({"inwoner_id": id, "consulent_id": body.consulent_id, "team": new_team}),
    ))
}

/// One resident waiting for a consultant, with what the rules suggest for the flow.
#[derive(serde::Serialize)]
struct Waiting {
    id: i64,
    naam: String,
    in_bijstand_sinds: Option<String>,
    trede: Option<u8>,
    segment: Option<&'static str>,
    prioriteit: Option<u8>,
}

/// The team's waiting list: residents without a consultant, ordered by the flow table's
/// priority (new inflow at steps 1–2 first), so a consultant can pick one up within the norm.
/// Only what the choice needs is shown; every resident listed is an audited read.
async fn waiting_list(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
) -> Result<Json<Value>, ApiError> {
    if user.rol == Role::Beheerder {
        return Err(forbidden());
    }
    let today = state.now().date_naive();
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let rows: Vec<(i64, String)> = {
        let mut stmt = tx
            .prepare_cached("SELECT i.id, d.velden FROM inwoner i JOIN dossier d ON d.soort = 'inwoner' AND d.inwoner_id = i.id WHERE i.team = ?1 AND i.consulent_id IS NULL ORDER BY i.id")
            .map_err(ApiError::db)?;
        let mapped = stmt
            .query_map([&user.team], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(ApiError::db)?;
        mapped.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let rules = RuleSet::embedded()
        .at(today)
        .map_err(|_| ApiError::internal())?;
    let mut list: Vec<Waiting> = rows
        .iter()
        .map(|(id, velden)| {
            let v: Value = serde_json::from_str(velden).unwrap_or(Value::Null);
            let outcome = serde_json::from_value::<meedoen_domain::RawFacts>(v["feiten"].clone())
                .ok()
                .map(|mut f| {
                    f.peildatum = Some(today);
                    f
                })
                .and_then(|f| f.validate().ok())
                .map(|s| meedoen_domain::assess(&rules, &s));
            Waiting {
                id: *id,
                naam: v["naam"].as_str().unwrap_or_default().to_string(),
                in_bijstand_sinds: v["in_bijstand_sinds"].as_str().map(str::to_string),
                trede: outcome.as_ref().and_then(|o| o.trede),
                segment: outcome.as_ref().and_then(|o| o.segment),
                prioriteit: outcome.as_ref().and_then(|o| o.prioriteit),
            }
        })
        .collect();
    // Priority 1 first; 0 (not on the waiting list) and unknown last; then longest waiting.
    list.sort_by_key(|w| {
        (
            w.prioriteit.filter(|p| *p > 0).unwrap_or(u8::MAX),
            w.in_bijstand_sinds.is_none(),
            w.in_bijstand_sinds.clone(),
            w.id,
        )
    });
    let entries: Vec<Entry<'_>> = list
        .iter()
        .map(|w| {
            Entry::by(&user, &rid, Action::Read, "wachtlijst", purpose::ALLOCATION)
                .object(w.id)
                .about(w.id)
                .fields(&["naam", "in_bijstand_sinds", "feiten"])
        })
        .collect();
    audit::write(&tx, &now, &entries)?;
    drop(entries);
    let norm = caseload_norm(&tx)?;
    let own: i64 = tx
        .query_row(
            "SELECT COUNT(*) FROM inwoner WHERE consulent_id = ?1",
            [user.id],
            |r| r.get(0),
        )
        .map_err(ApiError::db)?;
    // A team lead allocates: the team's consultants with how full their caseload is.
    let consultants: Vec<Value> = if user.rol == Role::Teamleider {
        let mut stmt = tx
            .prepare_cached(
                "SELECT g.id, g.naam, g.rol, (SELECT COUNT(*) FROM inwoner i WHERE i.consulent_id = g.id)
                 FROM gebruiker g WHERE g.team = ?1 AND g.actief = 1
                 AND g.rol IN ('participatieconsulent', 'werkconsulent') ORDER BY g.naam, g.id",
            )
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([&user.team], |r| {
                Ok(json!({
                    "id": r.get::<_, i64>(0)?,
                    "naam": r.get::<_, String>(1)?,
                    "rol": r.get::<_, String>(2)?,
                    "caseload": r.get::<_, i64>(3)?,
                }))
            })
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    } else {
        vec![]
    };
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(json!({
        "inwoners": list,
        "norm": norm,
        "eigen_caseload": own,
        "consulenten": consultants,
    })))
}
