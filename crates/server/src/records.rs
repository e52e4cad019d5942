//! Records and sync for the offline-first app: the change feed (`GET /api/wijzigingen?sinds=`,
//! paged, only what the caller may see, tombstones when a resident leaves one's view) and
//! field-level writes (`POST /api/mutaties`) with conflicts as a typed 409 and replay-safe
//! mutation ids. Every read and write of personal data is audited in the same transaction.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Role, User};
use crate::error::{bad, ApiError};
use crate::residents::{add_kind, context, ensure_visible, read_purpose, visible};
use crate::state::AppState;
use crate::store::{self, Applied, Patch, Stored};
use crate::web::{RequestId, ValidJson};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use meedoen_domain::records::{Kind, Record};
use meedoen_domain::wire::{check_client_id, Feed, Gone, Mutation};
use rusqlite::params;
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/wijzigingen", get(feed))
        .route("/mutaties", post(mutate))
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
) -> Result<Json<Feed>, ApiError> {
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
    Ok(Json(Feed {
        wijzigingen: records,
        vervallen: gone
            .into_iter()
            .map(|(volgnummer, inwoner_id)| Gone {
                volgnummer,
                inwoner_id,
            })
            .collect(),
        tot: upto,
        meer: more,
    }))
}

/// Who may write which kind: consultants their own caseload (placements are the WSP's);
/// team leads and administrators no case content.
fn may_write(user: &User, kind: Kind) -> Result<(), ApiError> {
    user.may(meedoen_domain::access::write_action(kind))
        .map(drop)
}

async fn mutate(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(m): ValidJson<Mutation>,
) -> Result<Response, ApiError> {
    check_client_id("mutatie_id", &m.mutatie_id).map_err(ApiError::invalid_field)?;
    check_client_id("id", &m.id).map_err(ApiError::invalid_field)?;
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
    let print = store::fingerprint(&m);
    if let Some(answer) = store::replayed(&tx, user.id, &m.mutatie_id, &print)? {
        return Ok((StatusCode::OK, Json(answer)).into_response());
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
        Applied::Conflict { record, conflicts } => Err(ApiError::conflict(record, conflicts)),
        Applied::Written {
            record,
            changed,
            created,
        } => {
            if let Ok(Record::Verwijzing(r)) = Record::read(patch.kind, &record.velden) {
                let moved = changed.iter().any(|f| f == "partner_id");
                crate::partners::check_referral(&tx, &r, moved)?;
            }
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
            let body =
                store::remember(&tx, user.id, &m.mutatie_id, &print, &now, &record, &changed)?;
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
