//! Klant in Beeld: the indicators of every resident on assistance, and the external assessor's
//! batches. The list in force comes from the domain crate (`meedoen_domain::indicators`), so
//! the server and the browser check a value alike.
//!
//! - `GET /api/indicatoren/inwoners`: the residents the user fills — a consultant's own
//!   caseload, an assessor's running batches (and the batches, so an ended one can be named),
//!   a team lead's team — fewest filled first, each listed resident an audited read.
//! - `GET` / `PATCH /api/inwoners/{id}/indicatoren`: the list, the values with who and when, and
//!   the changed values checked against the list. A resident out of reach is 404.
//! - `GET /api/indicatoren/voortgang`: per indicator and step how many of the population have
//!   it (the team lead's team; policy staff the whole municipality), small counts hidden as in
//!   the report.
//! - `GET` / `POST /api/beoordeling/opdrachten`, `POST …/{id}/beeindigen`: a team lead selects
//!   residents of the team for an assessor with an end date (`?voorbeeld=ja` counts first), and
//!   ends a batch early. An assessor's access is asked of the batch on every request, so it
//!   ends by itself on the day after the end date.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Permission, Scope, User};
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::NaiveDate;
use meedoen_domain::access::Role;
use meedoen_domain::indicators::{self, List, NewBatch};
use meedoen_domain::report::ResidentFile;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/indicatoren/inwoners", get(residents))
        .route("/indicatoren/voortgang", get(progress))
        .route("/inwoners/{id}/indicatoren", get(read).patch(write))
        .route("/beoordeling/opdrachten", get(batches).post(new_batch))
        .route("/beoordeling/opdrachten/{id}/beeindigen", post(end_batch))
}

/// The condition "the batch is running on ?day": not ended early, end date not passed.
const RUNNING: &str = "o.beeindigd_op IS NULL AND o.eind >= ?";

fn not_found() -> ApiError {
    ApiError::field(
        StatusCode::NOT_FOUND,
        "id",
        "Deze inwoner bestaat niet of valt niet onder uw toegang.",
        "This resident does not exist or is not within your access.",
    )
}

/// A running batch of the assessor `?1` on day `?2` that holds resident `i`.
const IN_RUNNING_BATCH: &str = "FROM opdracht_inwoner oi JOIN opdracht o ON o.id = oi.opdracht_id
     WHERE oi.inwoner_id = i.id AND o.beoordelaar_id = ?1 AND o.beeindigd_op IS NULL AND o.eind >= ?2";

/// The residents (`inwoner i`) the user reaches under `scope` on `today`, as a condition on
/// `?1` (the user's id or team) and `?2` (today), with the value for `?1`. One definition for
/// the list and for the check of a single resident.
fn reach(user: &User, scope: Scope) -> Option<(String, String)> {
    Some(match scope {
        Scope::Own => (
            "i.consulent_id = ?1 AND ?2 <> ''".into(),
            user.id.to_string(),
        ),
        Scope::Team => ("i.team = ?1 AND ?2 <> ''".into(), user.team.clone()),
        Scope::Batch => (
            format!("EXISTS (SELECT 1 {IN_RUNNING_BATCH})"),
            user.id.to_string(),
        ),
        Scope::All | Scope::Aggregates => return None,
    })
}

/// Whether the user reaches the resident under `scope` on `today`.
fn reaches(
    conn: &Connection,
    user: &User,
    scope: Scope,
    resident: i64,
    today: NaiveDate,
) -> Result<bool, ApiError> {
    let Some((cond, who)) = reach(user, scope) else {
        return Ok(false);
    };
    let found = conn
        .query_row(
            &format!("SELECT 1 FROM inwoner i WHERE i.id = ?3 AND {cond}"),
            params![who, today.to_string(), resident],
            |_| Ok(()),
        )
        .optional()
        .map_err(ApiError::db)?;
    Ok(found.is_some())
}

/// The filled codes of every resident (of the list in force).
fn filled_codes(conn: &Connection, list: &List) -> Result<HashMap<i64, Vec<String>>, ApiError> {
    let known: HashSet<&str> = list.indicatoren.iter().map(|i| i.code.as_str()).collect();
    let mut stmt = conn
        .prepare_cached("SELECT inwoner_id, code FROM indicator_waarde")
        .map_err(ApiError::db)?;
    let mut rows = stmt.query([]).map_err(ApiError::db)?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    while let Some(r) = rows.next().map_err(ApiError::db)? {
        let code: String = r.get(1).map_err(ApiError::db)?;
        if known.contains(code.as_str()) {
            out.entry(r.get(0).map_err(ApiError::db)?)
                .or_default()
                .push(code);
        }
    }
    Ok(out)
}

/// What a resident line shows: who it is and what the conversation needs, and how far the
/// indicators are.
#[derive(Serialize)]
struct Line {
    #[serde(flatten)]
    person: Person,
    ingevuld: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    opdracht: Option<String>,
}

/// An assessor batch as its assessor sees it.
#[derive(Serialize)]
struct OwnBatch {
    naam: String,
    eind: String,
    lopend: bool,
    aantal: i64,
}

#[derive(Serialize)]
struct Residents {
    lijst: String,
    van: usize,
    totaal: usize,
    inwoners: Vec<Line>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opdrachten: Option<Vec<OwnBatch>>,
}

/// At most this many lines are sent; the total is always given.
const MAX_LINES: usize = 500;

async fn residents(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
) -> Result<Json<Residents>, ApiError> {
    let scope = user.may(Permission::ReadIndicators)?;
    let today = state.now().date_naive();
    let now = state.now_text();
    let list = indicators::in_force(today);
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    // (id, fields of the resident record, batch name)
    let (cond, who) = reach(&user, scope).ok_or_else(ApiError::internal)?;
    let batch = if scope == Scope::Batch {
        format!("(SELECT min(o.naam) {IN_RUNNING_BATCH})")
    } else {
        "NULL".into()
    };
    let rows: Vec<(i64, String, Option<String>)> = {
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT i.id, d.velden, {batch} FROM inwoner i JOIN dossier d ON d.soort = 'inwoner' AND d.inwoner_id = i.id WHERE {cond}"
            ))
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map(params![who, today.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let filled = filled_codes(&conn, &list)?;
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(id, velden, batch)| Line {
            person: Person::of(id, &velden, today),
            ingevuld: filled.get(&id).map_or(0, Vec::len),
            opdracht: batch,
        })
        .collect();
    // Who still needs the most first; then by name.
    lines.sort_by(|a, b| {
        a.ingevuld
            .cmp(&b.ingevuld)
            .then_with(|| a.person.naam.cmp(&b.person.naam))
    });
    let total = lines.len();
    lines.truncate(MAX_LINES);
    let own_batches = if scope == Scope::Batch {
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT o.naam, o.eind, ({}) , (SELECT COUNT(*) FROM opdracht_inwoner oi WHERE oi.opdracht_id = o.id)
                 FROM opdracht o WHERE o.beoordelaar_id = ?1 ORDER BY o.eind DESC, o.id DESC LIMIT 20",
                RUNNING.replace('?', "?2")
            ))
            .map_err(ApiError::db)?;
        let mapped = stmt
            .query_map(params![user.id, today.to_string()], |r| {
                Ok(OwnBatch {
                    naam: r.get(0)?,
                    eind: r.get(1)?,
                    lopend: r.get(2)?,
                    aantal: r.get(3)?,
                })
            })
            .map_err(ApiError::db)?;
        Some(
            mapped
                .collect::<Result<Vec<_>, _>>()
                .map_err(ApiError::db)?,
        )
    } else {
        None
    };
    let fields: &[&str] = if scope == Scope::Team {
        &["naam", "geboortedatum", "indicatoren"]
    } else {
        &["naam", "geboortedatum", "telefoon", "indicatoren"]
    };
    if scope == Scope::Team {
        // The team lead works from the figures and the file: no phone numbers in a list.
        lines.iter_mut().for_each(|l| l.person.telefoon = None);
    }
    let entries: Vec<Entry<'_>> = lines
        .iter()
        .map(|l| {
            Entry::by(&user, &rid, Action::Read, "indicatoren", purpose::IN_VIEW)
                .object(l.person.id)
                .about(l.person.id)
                .fields(fields)
        })
        .collect();
    audit::write(&conn, &now, &entries)?;
    Ok(Json(Residents {
        lijst: list.version(),
        van: list.indicatoren.len(),
        totaal: total,
        inwoners: lines,
        opdrachten: own_batches,
    }))
}

/// One filled value, with who filled it and when.
#[derive(Serialize)]
struct Value {
    code: String,
    waarde: String,
    door: String,
    rol: String,
    op: String,
    lijst: String,
}

/// Who a resident is, from the resident record's fields: the name, the age on `today` and the
/// phone number (what a conversation needs; never the BSN).
#[derive(Serialize)]
struct Person {
    id: i64,
    naam: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    leeftijd: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telefoon: Option<String>,
}

impl Person {
    fn of(id: i64, velden: &str, today: NaiveDate) -> Person {
        let v: serde_json::Value = serde_json::from_str(velden).unwrap_or_default();
        Person {
            id,
            naam: v["naam"].as_str().unwrap_or_default().to_string(),
            leeftijd: v["geboortedatum"]
                .as_str()
                .and_then(|d| d.parse().ok())
                .map(|b| indicators::age_on(b, today)),
            telefoon: v["telefoon"].as_str().map(str::to_string),
        }
    }
}

/// A resident's indicators.
#[derive(Serialize)]
struct Sheet {
    inwoner: Person,
    lijst: List,
    waarden: Vec<Value>,
    /// Whether this user may change them.
    kan_wijzigen: bool,
}

fn sheet(
    conn: &Connection,
    user: &User,
    id: i64,
    list: List,
    today: NaiveDate,
) -> Result<Sheet, ApiError> {
    let velden: String = conn
        .query_row(
            "SELECT velden FROM dossier WHERE soort = 'inwoner' AND inwoner_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .map_err(ApiError::db)?
        .ok_or_else(not_found)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT w.code, w.waarde, coalesce(g.naam, w.door), w.door_rol, w.op, w.lijst
             FROM indicator_waarde w LEFT JOIN gebruiker g ON g.gebruikersnaam = w.door
             WHERE w.inwoner_id = ?1 ORDER BY w.code",
        )
        .map_err(ApiError::db)?;
    let waarden = stmt
        .query_map([id], |r| {
            Ok(Value {
                code: r.get(0)?,
                waarde: r.get(1)?,
                door: r.get(2)?,
                rol: r.get(3)?,
                op: r.get(4)?,
                lijst: r.get(5)?,
            })
        })
        .map_err(ApiError::db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(ApiError::db)?;
    Ok(Sheet {
        inwoner: Person::of(id, &velden, today),
        lijst: list,
        waarden,
        kan_wijzigen: user.may(Permission::WriteIndicators).is_ok(),
    })
}

async fn read(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<Json<Sheet>, ApiError> {
    let scope = user.may(Permission::ReadIndicators)?;
    let today = state.now().date_naive();
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    if !reaches(&conn, &user, scope, id, today)? {
        return Err(not_found());
    }
    let s = sheet(&conn, &user, id, indicators::in_force(today), today)?;
    audit::write(
        &conn,
        &now,
        &[
            Entry::by(&user, &rid, Action::Read, "indicatoren", purpose::IN_VIEW)
                .object(id)
                .about(id)
                .fields(&["naam", "geboortedatum", "telefoon", "indicatoren"]),
        ],
    )?;
    Ok(Json(s))
}

/// The changed values: `code` → the new value, or `null` to clear it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Changes {
    /// The list version the values were given under (the one in force, or 409).
    lijst: String,
    waarden: BTreeMap<String, Option<String>>,
}

async fn write(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
    body: Result<ValidJson<Changes>, ApiError>,
) -> Result<Json<Sheet>, ApiError> {
    let scope = user.may(Permission::WriteIndicators)?;
    let ValidJson(changes) = body?;
    let today = state.now().date_naive();
    let now = state.now_text();
    let list = indicators::in_force(today);
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    if !reaches(&conn, &user, scope, id, today)? {
        return Err(not_found());
    }
    if changes.lijst != list.version() {
        return Err(ApiError::text(
            StatusCode::CONFLICT,
            Some("lijst".into()),
            meedoen_domain::Text::new(
                format!("De lijst met indicatoren is gewijzigd (nu die van {}); laad de pagina opnieuw. Uw invoer staat nog op het scherm.", list.version()),
                format!("The list of indicators has changed (now the one of {}); reload the page. What you entered is still on the screen.", list.version()),
            ),
        ));
    }
    let values: BTreeMap<String, Option<String>> = changes
        .waarden
        .into_iter()
        .map(|(k, v)| (k, v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())))
        .collect();
    list.check_changes(&values).map_err(ApiError::invalid)?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let mut changed: Vec<&str> = vec![];
    for (code, value) in &values {
        let old: Option<String> = tx
            .query_row(
                "SELECT waarde FROM indicator_waarde WHERE inwoner_id = ?1 AND code = ?2",
                params![id, code],
                |r| r.get(0),
            )
            .optional()
            .map_err(ApiError::db)?;
        if old.as_deref() == value.as_deref() {
            continue;
        }
        match value {
            Some(v) => tx.execute(
                "INSERT INTO indicator_waarde (inwoner_id, code, waarde, lijst, door, door_rol, op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (inwoner_id, code) DO UPDATE SET waarde = excluded.waarde, lijst = excluded.lijst, door = excluded.door, door_rol = excluded.door_rol, op = excluded.op",
                params![id, code, v, list.version(), user.gebruikersnaam, user.rol.code(), now],
            ),
            None => tx.execute(
                "DELETE FROM indicator_waarde WHERE inwoner_id = ?1 AND code = ?2",
                params![id, code],
            ),
        }
        .map_err(ApiError::db)?;
        changed.push(code);
    }
    if !changed.is_empty() {
        audit::write(
            &tx,
            &now,
            &[
                Entry::by(&user, &rid, Action::Change, "indicatoren", purpose::IN_VIEW)
                    .object(id)
                    .about(id)
                    .fields(&changed),
            ],
        )?;
    }
    let s = sheet(&tx, &user, id, list, today)?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(s))
}

/// The population of a scope with each resident's step and filled codes.
fn population<'a>(
    files: &'a [ResidentFile],
    filled: &'a HashMap<i64, Vec<String>>,
    team: Option<&'a str>,
    today: NaiveDate,
) -> impl Iterator<Item = (&'a ResidentFile, indicators::Filled<'a>)> + 'a {
    files
        .iter()
        .filter(move |f| team.is_none_or(|t| f.team == t))
        .filter(move |f| indicators::on_assistance(f, today))
        .map(move |f| {
            (
                f,
                indicators::Filled {
                    step: f.step_on(today),
                    codes: filled
                        .get(&f.id)
                        .map(|v| v.iter().map(String::as_str).collect())
                        .unwrap_or_default(),
                },
            )
        })
}

async fn progress(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
) -> Result<Json<indicators::Progress>, ApiError> {
    let scope = user.may(Permission::IndicatorProgress)?;
    let team = match scope {
        Scope::Aggregates | Scope::All => None,
        _ => Some(user.team.clone()),
    };
    let today = state.now().date_naive();
    let now = state.now_text();
    let list = indicators::in_force(today);
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let filled = filled_codes(&conn, &list)?;
    let settings = crate::report::load_settings(&conn)?;
    let mut cache = state.population.lock().map_err(|_| ApiError::internal())?;
    crate::report::refresh(&conn, &mut cache)?;
    let files = cache.as_ref().map_or(&[][..], |(_, f)| f.as_slice());
    let pop: Vec<indicators::Filled<'_>> = population(files, &filled, team.as_deref(), today)
        .map(|(_, f)| f)
        .collect();
    let mut p = indicators::progress(&list, &pop);
    drop(pop);
    drop(cache);
    if let Some(t) = settings.drempel {
        p.suppress(t);
    }
    let why = if team.is_some() {
        purpose::ACCOUNTABILITY
    } else {
        purpose::POLICY
    };
    audit::write(
        &conn,
        &now,
        &[
            Entry::by(&user, &rid, Action::Read, "indicatoren-voortgang", why)
                .object(team.unwrap_or_else(|| "gemeente".into()))
                .fields(&["cijfers"]),
        ],
    )?;
    Ok(Json(p))
}

/// A batch as the team lead sees it.
#[derive(Serialize)]
struct Batch {
    id: i64,
    naam: String,
    beoordelaar: String,
    eind: String,
    lopend: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    beeindigd_op: Option<String>,
    aantal: i64,
    /// Residents of the batch with every indicator filled.
    volledig: usize,
}

#[derive(Serialize)]
struct Assessor {
    id: i64,
    naam: String,
}

#[derive(Serialize)]
struct Batches {
    opdrachten: Vec<Batch>,
    /// The active external assessors a batch can go to.
    beoordelaars: Vec<Assessor>,
}

async fn batches(State(state): State<AppState>, user: User) -> Result<Json<Batches>, ApiError> {
    user.may(Permission::AssessorBatches)?;
    let today = state.now().date_naive();
    let list = indicators::in_force(today);
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let filled = filled_codes(&conn, &list)?;
    let all = list.indicatoren.len();
    let members: Vec<(i64, i64)> = {
        let mut stmt = conn
            .prepare_cached("SELECT oi.opdracht_id, oi.inwoner_id FROM opdracht_inwoner oi JOIN opdracht o ON o.id = oi.opdracht_id WHERE o.team = ?1")
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([&user.team], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let mut complete: HashMap<i64, usize> = HashMap::new();
    for (b, r) in members {
        if filled.get(&r).is_some_and(|c| c.len() == all) {
            *complete.entry(b).or_default() += 1;
        }
    }
    let opdrachten = {
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT o.id, o.naam, coalesce(g.naam, ''), o.eind, ({}), o.beeindigd_op,
                        (SELECT COUNT(*) FROM opdracht_inwoner oi WHERE oi.opdracht_id = o.id)
                 FROM opdracht o LEFT JOIN gebruiker g ON g.id = o.beoordelaar_id
                 WHERE o.team = ?1 ORDER BY o.id DESC LIMIT 100",
                RUNNING.replace('?', "?2")
            ))
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map(params![user.team, today.to_string()], |r| {
                let id: i64 = r.get(0)?;
                Ok(Batch {
                    id,
                    naam: r.get(1)?,
                    beoordelaar: r.get(2)?,
                    eind: r.get(3)?,
                    lopend: r.get(4)?,
                    beeindigd_op: r.get(5)?,
                    aantal: r.get(6)?,
                    volledig: complete.get(&id).copied().unwrap_or(0),
                })
            })
            .map_err(ApiError::db)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(ApiError::db)?
    };
    let beoordelaars = {
        let mut stmt = conn
            .prepare_cached(
                "SELECT id, naam FROM gebruiker WHERE rol = ?1 AND actief = 1 ORDER BY naam",
            )
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([Role::Beoordelaar.code()], |r| {
                Ok(Assessor {
                    id: r.get(0)?,
                    naam: r.get(1)?,
                })
            })
            .map_err(ApiError::db)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(ApiError::db)?
    };
    Ok(Json(Batches {
        opdrachten,
        beoordelaars,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchQuery {
    voorbeeld: Option<String>,
}

/// What a new batch selects (or selected).
#[derive(Serialize)]
struct Selected {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    aantal: usize,
    /// Per step slot (0: not measured yet; 1–6).
    per_trede: [u32; 7],
}

/// Select the residents of the team for a batch: on assistance, not in another running batch,
/// fitting the team lead's choice; lowest steps first, then the longest on assistance.
pub(crate) fn select(
    conn: &Connection,
    files: &[ResidentFile],
    team: &str,
    b: &NewBatch,
    today: NaiveDate,
) -> Result<Vec<(i64, Option<u8>)>, ApiError> {
    let list = indicators::in_force(today);
    let filled = filled_codes(conn, &list)?;
    let busy: HashSet<i64> = {
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT oi.inwoner_id FROM opdracht_inwoner oi JOIN opdracht o ON o.id = oi.opdracht_id WHERE {}",
                RUNNING.replace('?', "?1")
            ))
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([today.to_string()], |r| r.get(0))
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let all = list.indicatoren.len();
    let mut picked: Vec<(Option<u8>, Option<NaiveDate>, i64)> =
        population(files, &filled, Some(team), today)
            .filter(|(f, _)| !busy.contains(&f.id))
            .filter(|(f, fl)| b.selects(fl.step, f.consultant.is_some(), fl.codes.len() == all))
            .map(|(f, fl)| (fl.step, f.person().and_then(|p| p.in_bijstand_sinds), f.id))
            .collect();
    picked.sort_by_key(|(step, since, id)| (step.unwrap_or(0), since.is_none(), *since, *id));
    picked.truncate(b.max as usize);
    Ok(picked.into_iter().map(|(s, _, id)| (id, s)).collect())
}

async fn new_batch(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<BatchQuery>,
    body: Result<ValidJson<NewBatch>, ApiError>,
) -> Result<(StatusCode, Json<Selected>), ApiError> {
    user.may(Permission::AssessorBatches)?;
    let ValidJson(mut b) = body?;
    b.naam = b.naam.trim().to_string();
    let today = state.now().date_naive();
    let now = state.now_text();
    b.check(today).map_err(ApiError::invalid)?;
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let assessor: Option<(String, bool)> = conn
        .query_row(
            "SELECT rol, actief FROM gebruiker WHERE id = ?1",
            [b.beoordelaar_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    if !assessor.is_some_and(|(rol, actief)| actief && rol == Role::Beoordelaar.code()) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "beoordelaar_id",
            "Kies een actieve externe beoordelaar; vraag de functioneel beheerder er een account voor aan te maken.",
            "Choose an active external assessor; ask the administrator to create an account for them.",
        ));
    }
    let picked = {
        let mut cache = state.population.lock().map_err(|_| ApiError::internal())?;
        crate::report::refresh(&conn, &mut cache)?;
        let files = cache.as_ref().map_or(&[][..], |(_, f)| f.as_slice());
        select(&conn, files, &user.team, &b, today)?
    };
    let mut per_trede = [0u32; 7];
    for (_, s) in &picked {
        per_trede[s.filter(|s| (1..=6).contains(s)).unwrap_or(0) as usize] += 1;
    }
    if q.voorbeeld.as_deref() == Some("ja") {
        return Ok((
            StatusCode::OK,
            Json(Selected {
                id: None,
                aantal: picked.len(),
                per_trede,
            }),
        ));
    }
    if picked.is_empty() {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "tredes",
            "Geen inwoner van uw team past bij deze keuze (of ze zitten al in een lopende opdracht); kies andere tredes of minder voorwaarden.",
            "No resident of your team fits this choice (or they are in a running batch already); choose other steps or fewer conditions.",
        ));
    }
    let tx = conn.transaction().map_err(ApiError::db)?;
    tx.execute(
        "INSERT INTO opdracht (naam, team, beoordelaar_id, eind, door, op) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![b.naam, user.team, b.beoordelaar_id, b.eind.to_string(), user.gebruikersnaam, now],
    )
    .map_err(ApiError::db)?;
    let id = tx.last_insert_rowid();
    {
        let mut ins = tx
            .prepare_cached(
                "INSERT INTO opdracht_inwoner (opdracht_id, inwoner_id) VALUES (?1, ?2)",
            )
            .map_err(ApiError::db)?;
        for (r, _) in &picked {
            ins.execute(params![id, r]).map_err(ApiError::db)?;
        }
    }
    let entries: Vec<Entry<'_>> = picked
        .iter()
        .map(|(r, _)| {
            Entry::by(&user, &rid, Action::Create, "opdracht", purpose::IN_VIEW)
                .object(id)
                .about(*r)
                .fields(&["beoordelaar_id", "eind"])
        })
        .collect();
    audit::write(&tx, &now, &entries)?;
    drop(entries);
    tx.commit().map_err(ApiError::db)?;
    Ok((
        StatusCode::CREATED,
        Json(Selected {
            id: Some(id),
            aantal: picked.len(),
            per_trede,
        }),
    ))
}

async fn end_batch(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    user.may(Permission::AssessorBatches)?;
    let today = state.now().date_naive();
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let found: Option<(String, String, bool)> = conn
        .query_row(
            "SELECT team, eind, beeindigd_op IS NOT NULL FROM opdracht WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    match found {
        Some((team, _, _)) if team != user.team => return Err(batch_not_found()),
        None => return Err(batch_not_found()),
        Some((_, eind, ended)) if ended || eind < today.to_string() => {
            return Err(ApiError::field(
                StatusCode::CONFLICT,
                "id",
                "Deze opdracht is al afgelopen.",
                "This batch has ended already.",
            ))
        }
        Some(_) => {}
    }
    conn.execute(
        "UPDATE opdracht SET beeindigd_door = ?2, beeindigd_op = ?3 WHERE id = ?1",
        params![id, user.gebruikersnaam, now],
    )
    .map_err(ApiError::db)?;
    audit::write(
        &conn,
        &now,
        &[
            Entry::by(&user, &rid, Action::Change, "opdracht", purpose::IN_VIEW)
                .object(id)
                .fields(&["beeindigd_op"]),
        ],
    )?;
    Ok(StatusCode::NO_CONTENT)
}

fn batch_not_found() -> ApiError {
    ApiError::field(
        StatusCode::NOT_FOUND,
        "id",
        "Deze opdracht bestaat niet of hoort bij een ander team.",
        "This batch does not exist or belongs to another team.",
    )
}
