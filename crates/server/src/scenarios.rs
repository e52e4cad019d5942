//! What-if scenarios over HTTP (issue 14), for team leads and policy staff, aggregates only:
//! - `GET /api/scenario/basis?maanden=` — the baseline from registered data (stocks now, rates
//!   over a window, each with its count), computed with the domain crate;
//! - `GET /api/scenario/regelimpact?ladder=` — how many residents change step or trajectory
//!   if another ladder version were in force today (counts only; a team lead's list of names
//!   is computed in the browser from the team's own copy);
//! - `GET|POST /api/scenarios`, `DELETE /api/scenarios/{id}` — scenarios saved per team:
//!   parameters only, checked whole by the domain crate before one write, never half-written.
//!
//! The simulation itself runs in the browser (and natively in tests and the benchmark).

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Role, User};
use crate::error::{bad, ApiError};
use crate::report::{consultants, load_settings, refresh, scope_of, Scope};
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Extension, Json, Router};
use meedoen_domain::impact::{of_ladder_version, Counts};
use meedoen_domain::scenario::{baseline_from, Baseline, Levers};
use meedoen_domain::wire::{SaveScenario, SavedScenario};
use meedoen_domain::RuleSet;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

/// The team whose consultants the scenario levers fund (the participation consultants).
pub const PARTICIPATION: &str = "participatie";

/// The most scenarios a team keeps.
pub const MAX_PER_TEAM: i64 = 30;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/scenario/basis", get(baseline))
        .route("/scenario/regelimpact", get(rule_impact))
        .route("/scenarios", get(list).post(save))
        .route("/scenarios/{id}", delete(remove))
}

fn why(user: &User) -> &'static str {
    if user.rol == Role::Teamleider {
        purpose::ACCOUNTABILITY
    } else {
        purpose::POLICY
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineQuery {
    maanden: Option<String>,
}

/// The scenario baseline from registered data: stocks now and rates over the last `maanden`
/// months (default 12), each rate with its count.
async fn baseline(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<BaselineQuery>,
) -> Result<Json<Baseline>, ApiError> {
    scope_of(&user)?;
    let months: u32 = match q.maanden.as_deref() {
        None => 12,
        Some(m) => m
            .trim()
            .parse()
            .ok()
            .filter(|m| (1..=60).contains(m))
            .ok_or_else(|| {
                bad(
                    "maanden",
                    "Kies een venster van 1 tot en met 60 maanden.",
                    "Choose a window of 1 to 60 months.",
                )
            })?,
    };
    let today = state.now().date_naive();
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let settings = load_settings(&conn)?;
    let fte = consultants(&conn)?
        .iter()
        .filter(|c| c.team == PARTICIPATION)
        .count() as f64;
    let mut cache = state.population.lock().map_err(|_| ApiError::internal())?;
    refresh(&conn, &mut cache)?;
    let files = cache.as_ref().map_or(&[][..], |(_, f)| f.as_slice());
    let baseline = baseline_from(
        files,
        PARTICIPATION,
        fte,
        settings.caseload_norm,
        today,
        months,
        RuleSet::embedded(),
    );
    drop(cache);
    audit::write(
        &conn,
        &now,
        &[
            Entry::by(&user, &rid, Action::Read, "scenario_basis", why(&user))
                .object(months)
                .fields(&["cijfers"]),
        ],
    )?;
    Ok(Json(baseline))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImpactQuery {
    ladder: Option<String>,
}

/// Counts of residents whose step or trajectory would change under another ladder version
/// (today's facts, today's other tables). A team lead counts the own team; policy staff the
/// whole municipality. Never a list.
async fn rule_impact(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<ImpactQuery>,
) -> Result<Json<Counts>, ApiError> {
    let scope = scope_of(&user)?;
    let version = q.ladder.as_deref().map(str::trim).unwrap_or_default();
    if version.is_empty() || version.len() > 40 {
        return Err(bad(
            "ladder",
            "Kies een versie van de ladder, bijvoorbeeld 2022-09.",
            "Choose a version of the ladder, for example 2022-09.",
        ));
    }
    let today = state.now().date_naive();
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let mut cache = state.population.lock().map_err(|_| ApiError::internal())?;
    refresh(&conn, &mut cache)?;
    let files = cache.as_ref().map_or(&[][..], |(_, f)| f.as_slice());
    let residents = files
        .iter()
        .filter(|f| match &scope {
            Scope::Team(t) => &f.team == t,
            Scope::Aggregates => true,
        })
        .map(|f| (f.id, f.person().and_then(|p| p.feiten.as_ref())));
    let (impact, _) = of_ladder_version(residents, RuleSet::embedded(), today, version)
        .map_err(ApiError::invalid_field)?;
    drop(cache);
    audit::write(
        &conn,
        &now,
        &[
            Entry::by(&user, &rid, Action::Read, "regelimpact", why(&user))
                .object(version)
                .fields(&["aantallen"]),
        ],
    )?;
    Ok(Json(impact.counts()))
}

fn read_saved(conn: &Connection, team: &str) -> Result<Vec<SavedScenario>, ApiError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, versie, gewijzigd_door, gewijzigd_op, parameters FROM scenario WHERE team = ?1 ORDER BY naam")
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map([team], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .map_err(ApiError::db)?;
    let mut out = vec![];
    for row in rows {
        let (id, versie, by, at, text) = row.map_err(ApiError::db)?;
        // Saved rows were checked on the way in; a row a newer version wrote is skipped.
        if let Ok(hefbomen) = serde_json::from_str::<Levers>(&text) {
            out.push(SavedScenario {
                id,
                versie,
                gewijzigd_door: by,
                gewijzigd_op: at,
                hefbomen,
            });
        }
    }
    Ok(out)
}

/// The team's saved scenarios.
async fn list(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
) -> Result<Json<Vec<SavedScenario>>, ApiError> {
    scope_of(&user)?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let out = read_saved(&conn, &user.team)?;
    audit::write(
        &conn,
        &now,
        &[Entry::by(&user, &rid, Action::Read, "scenario", why(&user))
            .object(&user.team)
            .fields(&["parameters"])],
    )?;
    Ok(Json(out))
}

/// Save a scenario for the team: checked whole first, then one write; a stale version is a
/// 409 with the saved copy's version named, a second scenario of the same name a 422.
async fn save(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(body): ValidJson<SaveScenario>,
) -> Result<(StatusCode, Json<SavedScenario>), ApiError> {
    scope_of(&user)?;
    body.hefbomen.check().map_err(|e| {
        ApiError::invalid(
            e.into_iter()
                .map(|mut f| {
                    f.field = format!("hefbomen.{}", f.field);
                    f
                })
                .collect(),
        )
    })?;
    let mut levers = body.hefbomen;
    levers.naam = levers.naam.trim().to_string();
    let text = serde_json::to_string(&levers).map_err(|_| ApiError::internal())?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let same_name: Option<i64> = tx
        .query_row(
            "SELECT id FROM scenario WHERE team = ?1 AND naam = ?2",
            params![user.team, levers.naam],
            |r| r.get(0),
        )
        .optional()
        .map_err(ApiError::db)?;
    if same_name.is_some_and(|other| Some(other) != body.id) {
        return Err(bad(
            "hefbomen.naam",
            "Uw team heeft al een scenario met deze naam; kies een andere naam.",
            "Your team already has a scenario with this name; choose another name.",
        ));
    }
    let (id, status, action) = match body.id {
        None => {
            let count: i64 = tx
                .query_row(
                    "SELECT count(*) FROM scenario WHERE team = ?1",
                    [&user.team],
                    |r| r.get(0),
                )
                .map_err(ApiError::db)?;
            if count >= MAX_PER_TEAM {
                return Err(bad(
                    "hefbomen",
                    &format!(
                        "Uw team bewaart al {MAX_PER_TEAM} scenario's; verwijder er eerst een."
                    ),
                    &format!("Your team already keeps {MAX_PER_TEAM} scenarios; delete one first."),
                ));
            }
            tx.execute(
                "INSERT INTO scenario (team, naam, parameters, versie, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, 1, ?4, ?5)",
                params![user.team, levers.naam, text, user.gebruikersnaam, now],
            )
            .map_err(ApiError::db)?;
            (tx.last_insert_rowid(), StatusCode::CREATED, Action::Create)
        }
        Some(id) => {
            let current: Option<i64> = tx
                .query_row(
                    "SELECT versie FROM scenario WHERE id = ?1 AND team = ?2",
                    params![id, user.team],
                    |r| r.get(0),
                )
                .optional()
                .map_err(ApiError::db)?;
            let Some(current) = current else {
                return Err(ApiError::field(
                    StatusCode::NOT_FOUND,
                    "id",
                    "Dit scenario bestaat niet (meer) voor uw team.",
                    "This scenario does not exist (any more) for your team.",
                ));
            };
            if body.versie != Some(current) {
                return Err(ApiError::field(
                    StatusCode::CONFLICT,
                    "versie",
                    &format!("Een collega heeft dit scenario intussen opgeslagen (versie {current}). Laad de scenario's opnieuw of sla het op onder een andere naam."),
                    &format!("A colleague saved this scenario in the meantime (version {current}). Reload the scenarios or save it under another name."),
                ));
            }
            tx.execute(
                "UPDATE scenario SET naam = ?1, parameters = ?2, versie = versie + 1, gewijzigd_door = ?3, gewijzigd_op = ?4 WHERE id = ?5",
                params![levers.naam, text, user.gebruikersnaam, now, id],
            )
            .map_err(ApiError::db)?;
            (id, StatusCode::OK, Action::Change)
        }
    };
    audit::write(
        &tx,
        &now,
        &[Entry::by(&user, &rid, action, "scenario", why(&user))
            .object(id)
            .fields(&["parameters"])],
    )?;
    tx.commit().map_err(ApiError::db)?;
    let saved = read_saved(&conn, &user.team)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(ApiError::internal)?;
    Ok((status, Json(saved)))
}

/// Delete a saved scenario of the own team.
async fn remove(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    scope_of(&user)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let n = tx
        .execute(
            "DELETE FROM scenario WHERE id = ?1 AND team = ?2",
            params![id, user.team],
        )
        .map_err(ApiError::db)?;
    if n == 0 {
        return Err(ApiError::field(
            StatusCode::NOT_FOUND,
            "id",
            "Dit scenario bestaat niet (meer) voor uw team.",
            "This scenario does not exist (any more) for your team.",
        ));
    }
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Delete, "scenario", why(&user))
                .object(id)
                .fields(&["parameters"]),
        ],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(StatusCode::NO_CONTENT)
}
