//! Import of the assistance population from the income system's CSV export: a preview that
//! writes nothing, then the same file applied in one transaction (adds, changes, "assistance
//! ended?" flags), every resident touched audited. The reading and the plan are the domain
//! crate's (`meedoen_domain::import`); this module reads the stored residents, writes, and
//! logs. The command `meedoen-server importeer` calls the same functions.

use crate::audit::{self, Action, Entry};
use crate::auth::{Permission, User};
use crate::db;
use crate::error::{bad, ApiError};
use crate::residents::context;
use crate::state::AppState;
use crate::store::{self, Applied, Patch};
use crate::web::RequestId;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use meedoen_domain::import::{self as imp, Encoding, Existing, Parsed, Plan, Problem};
use meedoen_domain::records::{Context, Kind, Resident};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The purpose of the processing, in the audit log.
pub const PURPOSE: &str =
    "vaststellen wie bijstand ontvangt, uit het bestand van de afdeling Inkomen (Participatiewet art. 7)";

/// At most this many rows of each kind are listed in a preview; counts are complete.
const LISTED: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/import", get(overview))
        .route(
            "/import/voorbeeld",
            post(preview).layer(DefaultBodyLimit::max(imp::MAX_BYTES + 1)),
        )
        .route(
            "/import/toepassen",
            post(apply).layer(DefaultBodyLimit::max(imp::MAX_BYTES + 1)),
        )
        .route("/import/signalen/{id}", post(confirm))
}

/// Every stored resident with a BSN.
pub fn existing(conn: &Connection) -> Result<Vec<Existing>, ApiError> {
    let mut stmt = conn
        .prepare("SELECT d.inwoner_id, d.versie, d.velden FROM dossier d WHERE d.soort = 'inwoner' AND json_extract(d.velden, '$.bsn') IS NOT NULL")
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(ApiError::db)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, version, fields) = row.map_err(ApiError::db)?;
        let resident: Resident = serde_json::from_str(&fields).map_err(|e| {
            tracing::error!(inwoner = id, fout = %e, "opgeslagen inwoner onleesbaar");
            ApiError::internal()
        })?;
        out.push(Existing {
            id,
            version,
            resident,
        });
    }
    Ok(out)
}

/// The SHA-256 of the file: the preview's key, which the apply must repeat.
pub fn key(bytes: &[u8]) -> String {
    crate::token::sha256_hex(bytes)
}

/// A BSN as a preview shows it: the last four digits only.
fn masked(bsn: &Option<String>) -> String {
    let b = bsn.as_deref().unwrap_or("");
    format!("•••••{}", &b[b.len().saturating_sub(4)..])
}

/// What a preview answers: counts, every problem (up to the domain's limit), and the first
/// rows of each kind. Names appear; a BSN only by its last four digits.
#[derive(Debug, Serialize)]
pub struct Preview {
    pub sleutel: String,
    pub codering: Encoding,
    pub regels: usize,
    pub fouten_totaal: usize,
    pub fouten: Vec<Problem>,
    pub toevoegen: usize,
    pub wijzigen: usize,
    pub ongewijzigd: usize,
    pub markeren: usize,
    pub lijst_toevoegen: Vec<Value>,
    pub lijst_wijzigen: Vec<Value>,
    pub lijst_markeren: Vec<Value>,
}

/// Read, check and plan a file against the stored residents (read once, and returned for the
/// preview's names).
pub fn prepare(
    conn: &Connection,
    bytes: &[u8],
    ctx: &Context<'_>,
) -> Result<(Parsed, Plan, Vec<Existing>), ApiError> {
    let parsed = imp::read(bytes, ctx);
    if !parsed.problems.is_empty() {
        return Ok((parsed, Plan::default(), Vec::new()));
    }
    let stored = existing(conn)?;
    let plan = imp::plan(&parsed, &stored, ctx.today);
    Ok((parsed, plan, stored))
}

/// The preview of a file (nothing is written).
pub fn preview_of(conn: &Connection, bytes: &[u8], ctx: &Context<'_>) -> Result<Preview, ApiError> {
    let (parsed, plan, stored) = prepare(conn, bytes, ctx)?;
    let names: std::collections::HashMap<i64, &str> = stored
        .iter()
        .map(|e| (e.id, e.resident.naam.as_str()))
        .collect();
    Ok(Preview {
        sleutel: key(bytes),
        codering: parsed.encoding,
        regels: parsed.rows_total,
        fouten_totaal: parsed.problems.len(),
        fouten: parsed
            .problems
            .iter()
            .take(imp::MAX_LISTED)
            .cloned()
            .collect(),
        toevoegen: plan.add.len(),
        wijzigen: plan.update.len(),
        ongewijzigd: plan.unchanged,
        markeren: plan.flag.len(),
        lijst_toevoegen: plan
            .add
            .iter()
            .take(LISTED)
            .map(|&i| {
                let r = &parsed.rows[i];
                json!({"regel": r.line, "naam": r.resident.naam, "bsn": masked(&r.resident.bsn)})
            })
            .collect(),
        lijst_wijzigen: plan
            .update
            .iter()
            .take(LISTED)
            .map(|u| {
                let row = &parsed.rows[u.row];
                json!({"regel": row.line, "id": u.id, "naam": row.resident.naam,
                       "velden": u.velden.keys().collect::<Vec<_>>()})
            })
            .collect(),
        lijst_markeren: plan
            .flag
            .iter()
            .take(LISTED)
            .map(|f| json!({"id": f.id, "naam": names.get(&f.id)}))
            .collect(),
    })
}

/// What an applied import did.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Summary {
    pub id: i64,
    pub regels: usize,
    pub toegevoegd: usize,
    pub gewijzigd: usize,
    pub ongewijzigd: usize,
    pub gemarkeerd: usize,
}

/// Who applies an import: a signed-in user, or the command line.
pub struct Actor<'a> {
    pub user: Option<&'a User>,
    pub name: &'a str,
    pub request: &'a str,
    pub client: Option<std::net::IpAddr>,
}

impl<'a> Actor<'a> {
    fn entry(&self, action: Action, kind: &'a str) -> Entry<'a> {
        Entry {
            user: self.user,
            actor: self.name,
            action,
            object_kind: kind,
            object_id: None,
            subject: None,
            fields: &[],
            purpose: PURPOSE,
            request_id: self.request,
            client: self.client,
        }
    }
}

fn written(a: Applied) -> Result<Vec<String>, ApiError> {
    match a {
        Applied::Written { changed, .. } => Ok(changed),
        // The base is the version read in this transaction: a conflict cannot happen.
        Applied::Conflict { .. } => Err(ApiError::internal()),
    }
}

/// Apply a file in the caller's transaction: refused while the file has problems. New
/// residents join `team`'s waiting list.
pub fn apply_in(
    tx: &Transaction<'_>,
    bytes: &[u8],
    ctx: &Context<'_>,
    team: &str,
    actor: &Actor<'_>,
    now: &str,
) -> Result<Summary, ApiError> {
    let (parsed, plan, _) = prepare(tx, bytes, ctx)?;
    if let Some(first) = parsed.problems.first() {
        return Err(bad(
            "bestand",
            &format!("Het bestand heeft {} fout(en); er is niets ingelezen. Herstel het bestand en bekijk het opnieuw. Eerste: regel {}, kolom {}: {}", parsed.problems.len(), first.regel, first.kolom, first.melding.nl),
            &format!("The file has {} problem(s); nothing was imported. Fix the file and preview it again. First: line {}, column {}: {}", parsed.problems.len(), first.regel, first.kolom, first.melding.en),
        ));
    }
    let mut summary = Summary {
        id: 0,
        regels: parsed.rows_total,
        toegevoegd: plan.add.len(),
        gewijzigd: plan.update.len(),
        ongewijzigd: plan.unchanged,
        gemarkeerd: plan.flag.len(),
    };
    let mut entries: Vec<(Action, i64, Vec<String>)> = Vec::with_capacity(parsed.rows.len());
    {
        let mut insert = tx
            .prepare_cached("INSERT INTO inwoner (consulent_id, team, gewijzigd_door, gewijzigd_op) VALUES (NULL, ?1, ?2, ?3)")
            .map_err(ApiError::db)?;
        for &i in &plan.add {
            insert
                .execute(params![team, actor.name, now])
                .map_err(ApiError::db)?;
            let id = tx.last_insert_rowid();
            let patch = Patch {
                kind: Kind::Inwoner,
                id: id.to_string(),
                resident: id,
                base: 0,
                fields: imp::new_fields(&parsed.rows[i]),
            };
            let changed = written(store::apply(tx, &patch, ctx, actor.name, now)?)?;
            entries.push((Action::Create, id, changed));
        }
    }
    let flag_date = serde_json::to_value(ctx.today).unwrap_or(Value::Null);
    let changes = plan
        .update
        .into_iter()
        .map(|u| (u.id, u.versie, u.velden))
        .chain(plan.flag.into_iter().map(|f| {
            let mut m = Map::new();
            m.insert("niet_in_bestand".into(), flag_date.clone());
            (f.id, f.versie, m)
        }));
    for (id, version, fields) in changes {
        let patch = Patch {
            kind: Kind::Inwoner,
            id: id.to_string(),
            resident: id,
            base: version,
            fields,
        };
        let changed = written(store::apply(tx, &patch, ctx, actor.name, now)?)?;
        entries.push((Action::Change, id, changed));
    }
    tx.execute(
        "INSERT INTO inlezing (tijd, gebruiker, sleutel, codering, regels, toegevoegd, gewijzigd, ongewijzigd, gemarkeerd, team) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            now,
            actor.name,
            key(bytes),
            parsed.encoding.code(),
            summary.regels as i64,
            summary.toegevoegd as i64,
            summary.gewijzigd as i64,
            summary.ongewijzigd as i64,
            summary.gemarkeerd as i64,
            team
        ],
    )
    .map_err(ApiError::db)?;
    summary.id = tx.last_insert_rowid();
    // One entry per resident touched (what was created or changed), and one for the import.
    let names: Vec<Vec<&str>> = entries
        .iter()
        .map(|(_, _, f)| f.iter().map(String::as_str).collect())
        .collect();
    let mut list: Vec<Entry<'_>> = entries
        .iter()
        .zip(&names)
        .map(|((action, id, _), fields)| {
            actor
                .entry(*action, "inwoner")
                .object(id)
                .about(*id)
                .fields(fields)
        })
        .collect();
    list.push(actor.entry(Action::Create, "import").object(summary.id));
    audit::write(tx, now, &list)?;
    Ok(summary)
}

/// The teams residents can be placed in: those with consultants.
fn teams(conn: &Connection) -> Result<Vec<String>, ApiError> {
    let mut stmt = conn
        .prepare_cached("SELECT DISTINCT team FROM gebruiker WHERE rol IN ('participatieconsulent', 'werkconsulent') AND actief = 1 ORDER BY team")
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map([], |r| r.get(0))
        .map_err(ApiError::db)?
        .collect::<Result<Vec<String>, _>>()
        .map_err(ApiError::db);
    rows
}

/// The team new residents join: the one asked for (it must have consultants), else the user's
/// own team when it has consultants, else the first that does.
pub fn choose_team(conn: &Connection, asked: Option<&str>, own: &str) -> Result<String, ApiError> {
    let known = teams(conn)?;
    match asked.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if known.iter().any(|k| k == t) => Ok(t.to_string()),
        Some(t) => Err(bad(
            "team",
            &format!(
                "Team '{t}' heeft geen consulenten; kies uit: {}.",
                known.join(", ")
            ),
            &format!(
                "Team '{t}' has no consultants; choose from: {}.",
                known.join(", ")
            ),
        )),
        None if known.iter().any(|k| k == own) => Ok(own.to_string()),
        None => known.into_iter().next().ok_or_else(|| {
            bad(
                "team",
                "Er is nog geen team met consulenten; voeg eerst consulenten toe.",
                "There is no team with consultants yet; add consultants first.",
            )
        }),
    }
}

async fn preview(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    body: Bytes,
) -> Result<Json<Preview>, ApiError> {
    user.may(Permission::ImportPopulation)?;
    tokio::task::spawn_blocking(move || {
        let ctx = context(&state);
        let now = state.now_text();
        let conn = state.db.lock().map_err(|_| ApiError::internal())?;
        let p = preview_of(&conn, &body, &ctx)?;
        // The preview reads the stored residents' identity to compare; it is audited as such.
        audit::write(
            &conn,
            &now,
            &[Entry::by(&user, &rid, Action::Read, "import", PURPOSE).object(&p.sleutel[..16])],
        )?;
        Ok(Json(p))
    })
    .await
    .map_err(|_| ApiError::internal())?
}

#[derive(Deserialize)]
pub struct ApplyQuery {
    sleutel: Option<String>,
    team: Option<String>,
}

async fn apply(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<ApplyQuery>,
    body: Bytes,
) -> Result<(StatusCode, Json<Summary>), ApiError> {
    user.may(Permission::ImportPopulation)?;
    let Some(asked) = q.sleutel.filter(|k| !k.is_empty()) else {
        return Err(bad(
            "sleutel",
            "Bekijk het bestand eerst (voorbeeld); de sleutel van het voorbeeld ontbreekt.",
            "Preview the file first; the preview's key is missing.",
        ));
    };
    if asked != key(&body) {
        return Err(ApiError::field(
            StatusCode::CONFLICT,
            "sleutel",
            "Dit bestand is niet het bestand van het voorbeeld. Bekijk het opnieuw voordat u het inleest.",
            "This file is not the file that was previewed. Preview it again before importing.",
        ));
    }
    tokio::task::spawn_blocking(move || {
        let ctx = context(&state);
        let now = state.now_text();
        let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
        let team = choose_team(&conn, q.team.as_deref(), &user.team)?;
        let tx = conn.transaction().map_err(ApiError::db)?;
        let actor = Actor {
            user: Some(&user),
            name: &user.gebruikersnaam,
            request: &rid.0,
            client: Some(rid.1),
        };
        let summary = apply_in(&tx, &body, &ctx, &team, &actor, &now)?;
        tx.commit().map_err(ApiError::db)?;
        tracing::info!(
            toegevoegd = summary.toegevoegd,
            gewijzigd = summary.gewijzigd,
            gemarkeerd = summary.gemarkeerd,
            "bestand van Inkomen ingelezen"
        );
        Ok((StatusCode::CREATED, Json(summary)))
    })
    .await
    .map_err(|_| ApiError::internal())?
}

/// The history of imports, the teams to choose from, and the residents flagged "assistance
/// ended?" still waiting for a person.
async fn overview(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
) -> Result<Json<Value>, ApiError> {
    user.may(Permission::ImportPopulation)?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let history: Vec<Value> = db::all(
        &conn,
        "SELECT id, tijd, gebruiker, codering, regels, toegevoegd, gewijzigd, ongewijzigd, gemarkeerd, team FROM inlezing ORDER BY id DESC LIMIT 20",
        [],
        |r| {
            Ok(json!({"id": r.get::<_, i64>(0)?, "tijd": r.get::<_, String>(1)?, "gebruiker": r.get::<_, String>(2)?,
                "codering": r.get::<_, String>(3)?, "regels": r.get::<_, i64>(4)?, "toegevoegd": r.get::<_, i64>(5)?,
                "gewijzigd": r.get::<_, i64>(6)?, "ongewijzigd": r.get::<_, i64>(7)?, "gemarkeerd": r.get::<_, i64>(8)?,
                "team": r.get::<_, String>(9)?}))
        },
    )
    .map_err(ApiError::db)?;
    let flagged: Vec<Value> = db::all(
        &conn,
        "SELECT d.inwoner_id, d.versie, json_extract(d.velden, '$.naam'), json_extract(d.velden, '$.niet_in_bestand'), i.team FROM dossier d JOIN inwoner i ON i.id = d.inwoner_id WHERE d.soort = 'inwoner' AND json_extract(d.velden, '$.niet_in_bestand') IS NOT NULL ORDER BY json_extract(d.velden, '$.niet_in_bestand') DESC, d.inwoner_id DESC LIMIT 500",
        [],
        |r| {
            Ok(json!({"id": r.get::<_, i64>(0)?, "versie": r.get::<_, i64>(1)?, "naam": r.get::<_, String>(2)?,
                "niet_in_bestand": r.get::<_, String>(3)?, "team": r.get::<_, String>(4)?}))
        },
    )
    .map_err(ApiError::db)?;
    let total: i64 = conn
        .query_row("SELECT COUNT(*) FROM dossier WHERE soort = 'inwoner' AND json_extract(velden, '$.niet_in_bestand') IS NOT NULL", [], |r| r.get(0))
        .map_err(ApiError::db)?;
    let ids: Vec<i64> = flagged.iter().filter_map(|f| f["id"].as_i64()).collect();
    let mut list: Vec<Entry<'_>> = ids
        .iter()
        .map(|id| {
            Entry::by(&user, &rid, Action::Read, "inwoner", PURPOSE)
                .object(id)
                .about(*id)
                .fields(&["naam", "niet_in_bestand"])
        })
        .collect();
    list.push(Entry::by(&user, &rid, Action::Read, "import", PURPOSE));
    audit::write(&conn, &now, &list)?;
    Ok(Json(json!({
        "historie": history,
        "teams": teams(&conn)?,
        "signalen": flagged,
        "signalen_totaal": total,
    })))
}

#[derive(Deserialize)]
pub struct Decision {
    /// `beeindigd` (assistance ended: the benefit's end date becomes the file's date) or
    /// `loopt_door` (still on assistance: the flag is cleared).
    besluit: String,
    versie: i64,
}

async fn confirm(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
    d: Result<crate::web::ValidJson<Decision>, ApiError>,
) -> Result<Json<Value>, ApiError> {
    user.may(Permission::ImportPopulation)?;
    let crate::web::ValidJson(d) = d?;
    let ctx = context(&state);
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let flagged: Option<Option<String>> = tx
        .query_row(
            "SELECT json_extract(velden, '$.niet_in_bestand') FROM dossier WHERE soort = 'inwoner' AND inwoner_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .map_err(ApiError::db)?;
    let Some(Some(date)) = flagged else {
        return Err(ApiError::field(
            StatusCode::NOT_FOUND,
            "id",
            "Deze inwoner heeft geen signaal 'bijstand beëindigd?' (meer).",
            "This resident has no 'assistance ended?' flag (any more).",
        ));
    };
    let mut fields = Map::new();
    fields.insert("niet_in_bestand".into(), Value::Null);
    match d.besluit.as_str() {
        "beeindigd" => {
            fields.insert("uitkering_einde".into(), Value::String(date));
        }
        "loopt_door" => {}
        other => {
            return Err(bad(
                "besluit",
                &format!("'{other}' is geen besluit; kies beeindigd of loopt_door."),
                &format!("'{other}' is not a decision; choose beeindigd or loopt_door."),
            ))
        }
    }
    let patch = Patch {
        kind: Kind::Inwoner,
        id: id.to_string(),
        resident: id,
        base: d.versie,
        fields,
    };
    let (record, changed) = match store::apply(&tx, &patch, &ctx, &user.gebruikersnaam, &now)? {
        Applied::Written {
            record, changed, ..
        } => (record, changed),
        Applied::Conflict { record, conflicts } => {
            return Err(ApiError::conflict(record, conflicts))
        }
    };
    let names: Vec<&str> = changed.iter().map(String::as_str).collect();
    audit::write(
        &tx,
        &now,
        &[Entry::by(&user, &rid, Action::Change, "inwoner", PURPOSE)
            .object(id)
            .about(id)
            .fields(&names)],
    )?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(json!({"id": id, "versie": record.versie})))
}
