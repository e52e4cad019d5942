//! The waiting list and assignment: the team's residents without a consultant, ordered by the
//! flow table's priority (new inflow at steps 1–2 first); a consultant picks one up within the
//! caseload norm, a team lead allocates to a chosen consultant or back to the list.

use crate::admin::caseload_norm;
use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{forbidden, Permission, Role, User};
use crate::error::{bad, ApiError};
use crate::residents::{assignment, resident_not_found};
use crate::state::AppState;
use crate::store;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use meedoen_domain::wire::{Assigned, Assignment};
use meedoen_domain::RuleSet;
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inwoners/{id}/toewijzing", post(assign))
        .route("/wachtlijst", get(waiting_list))
}

/// Assign a resident: a team lead to any consultant (or back to the waiting list); a
/// consultant picks a waiting resident of their own team up, within the caseload norm.
async fn assign(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
    ValidJson(body): ValidJson<Assignment>,
) -> Result<Json<Assigned>, ApiError> {
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    // Role and visibility first, so a resident outside one's view and one that does not exist
    // get the same answer; only then is the target consultant looked up.
    user.may(Permission::Assign)?;
    let Some((old, old_team)) = assignment(&tx, id)? else {
        return Err(resident_not_found());
    };
    match user.rol {
        Role::Teamleider if old_team == user.team => {}
        Role::Participatieconsulent | Role::Werkconsulent
            if old_team == user.team && (old.is_none() || old == Some(user.id)) =>
        {
            if body.consulent_id != Some(user.id) {
                return Err(forbidden());
            }
        }
        _ => return Err(resident_not_found()),
    }
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
        return Ok(Json(Assigned {
            inwoner_id: id,
            consulent_id: old,
            team: old_team,
        }));
    }
    tx.execute(
        "UPDATE inwoner SET consulent_id = ?1, team = ?2, toegewezen_op = CASE WHEN ?1 IS NULL THEN NULL ELSE ?4 END,
                versie = versie + 1, gewijzigd_door = ?3, gewijzigd_op = ?4 WHERE id = ?5",
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
    Ok(Json(Assigned {
        inwoner_id: id,
        consulent_id: body.consulent_id,
        team: new_team,
    }))
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
    user.may(Permission::WaitingList)?;
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
    // Residents assigned to this consultant in the last 7 days (numbers only: the consultant's
    // own copy holds who they are).
    let since = (state.now() - chrono::Duration::days(7))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let newly: Vec<i64> = {
        let mut stmt = tx
            .prepare_cached(
                "SELECT id FROM inwoner WHERE consulent_id = ?1 AND toegewezen_op >= ?2 ORDER BY toegewezen_op DESC, id",
            )
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map(params![user.id, since], |r| r.get(0))
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    // A team lead allocates: the team's consultants with how full their caseload is, and which
    // residents (numbers only) each has, for the start page and the caseload's filter.
    let mut assigned: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    if user.rol == Role::Teamleider {
        let mut stmt = tx
            .prepare_cached(
                "SELECT consulent_id, id FROM inwoner WHERE team = ?1 AND consulent_id IS NOT NULL ORDER BY id",
            )
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([&user.team], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(ApiError::db)?;
        for row in rows {
            let (c, i) = row.map_err(ApiError::db)?;
            assigned.entry(c).or_default().push(i);
        }
        audit::write(
            &tx,
            &now,
            &[
                Entry::by(&user, &rid, Action::Read, "toewijzing", purpose::ALLOCATION)
                    .fields(&["consulent_id"]),
            ],
        )?;
    }
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
                let id = r.get::<_, i64>(0)?;
                Ok(json!({
                    "id": id,
                    "naam": r.get::<_, String>(1)?,
                    "rol": r.get::<_, String>(2)?,
                    "caseload": r.get::<_, i64>(3)?,
                    "inwoners": assigned.get(&id).cloned().unwrap_or_default(),
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
        "nieuw_toegewezen": newly,
        "consulenten": consultants,
    })))
}
