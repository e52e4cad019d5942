//! The council report over HTTP (issue 13): `GET /api/rapportage` computes the figures of a
//! period with the domain crate's [`report`] on the typed population (read once, reused until
//! the change feed moves); team leads get the drill-down of their own team and their
//! consultants' caseloads, policy staff aggregates only — never a name, BSN or record.
//! The publication threshold and the yearly ambitions are the team lead's settings. The
//! what-if scenarios (`scenarios.rs`) read the same typed population.

use crate::admin::{set_municipality, Setting};
use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Permission, User};
use crate::error::{bad, ApiError};
use crate::residents::assignment;
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::{Datelike, NaiveDate};
use meedoen_domain::records::{Kind, Record};
use meedoen_domain::report::{
    report, Ambition, Consultant, Indicator, Input, Period, Report, ResidentFile,
};
use meedoen_domain::RuleSet;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rapportage", get(get_report))
        .route("/rapportage/instellingen", get(settings))
        .route("/rapportage/drempel", post(set_threshold))
        .route("/rapportage/ambities", post(set_ambition))
}

/// Who the report is for: a team lead (drill-down into the own team) or aggregates only.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    Team(String),
    Aggregates,
}

pub(crate) fn scope_of(user: &User) -> Result<Scope, ApiError> {
    match user.may(Permission::Report)? {
        crate::auth::Scope::Aggregates => Ok(Scope::Aggregates),
        _ => Ok(Scope::Team(user.team.clone())),
    }
}

/// The period a request asks for: `jaar`, or `van` and `tot`, or `sinds_start`; the current
/// year when none is given.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodQuery {
    pub jaar: Option<String>,
    pub van: Option<String>,
    pub tot: Option<String>,
    pub sinds_start: Option<String>,
}

fn date(field: &str, v: &str) -> Result<NaiveDate, ApiError> {
    v.parse().map_err(|_| {
        bad(
            field,
            &format!("'{v}' is geen datum; schrijf jjjj-mm-dd, bijvoorbeeld 2025-01-01."),
            &format!("'{v}' is not a date; write yyyy-mm-dd, for example 2025-01-01."),
        )
    })
}

impl PeriodQuery {
    pub fn period(&self, start: NaiveDate, today: NaiveDate) -> Result<Period, ApiError> {
        let checked = |van, tot| Period::checked(van, tot, start).map_err(ApiError::invalid_field);
        if self.sinds_start.is_some() {
            return checked(start, today);
        }
        match (&self.jaar, &self.van, &self.tot) {
            (Some(y), None, None) => {
                let year: i32 = y.trim().parse().map_err(|_| {
                    bad(
                        "jaar",
                        &format!("'{y}' is geen jaartal; schrijf bijvoorbeeld 2025."),
                        &format!("'{y}' is not a year; write for example 2025."),
                    )
                })?;
                let p = Period::year(year)
                    .filter(|_| (2000..=2100).contains(&year))
                    .ok_or_else(|| {
                        bad(
                            "jaar",
                            "Kies een jaar tussen 2000 en 2100.",
                            "Choose a year between 2000 and 2100.",
                        )
                    })?;
                if p.tot < start {
                    return Err(bad(
                        "jaar",
                        &format!("{year} ligt voor de start van de aanpak ({start}); kies {} of later.", start.year()),
                        &format!("{year} is before the start of the approach ({start}); choose {} or later.", start.year()),
                    ));
                }
                checked(p.van, p.tot)
            }
            (None, Some(v), Some(t)) => checked(date("van", v)?, date("tot", t)?),
            (None, None, None) => {
                let p = Period::year(today.year()).ok_or_else(ApiError::internal)?;
                checked(p.van, p.tot)
            }
            (Some(_), _, _) => Err(bad(
                "jaar",
                "Kies een jaar óf een periode van–tot, niet allebei.",
                "Choose a year or a from–to period, not both.",
            )),
            (None, None, Some(_)) => Err(bad(
                "van",
                "Vul ook de begindatum in.",
                "Also fill in the start date.",
            )),
            (None, Some(_), None) => Err(bad(
                "tot",
                "Vul ook de einddatum in.",
                "Also fill in the end date.",
            )),
        }
    }
}

/// The municipality's report settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    pub start_aanpak: NaiveDate,
    /// Counts below this are shown as "< n" (publication); `None`: all counts exact.
    pub drempel: Option<u32>,
    pub ambities: Vec<Ambition>,
    pub caseload_norm: u32,
}

pub fn load_settings(conn: &Connection) -> Result<Settings, ApiError> {
    let (start, threshold, norm): (String, Option<u32>, u32) = conn
        .query_row(
            "SELECT start_aanpak, rapport_drempel, caseload_norm FROM gemeente WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(ApiError::db)?;
    let mut stmt = conn
        .prepare_cached("SELECT jaar, indicator, doel FROM ambitie ORDER BY jaar, indicator")
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })
        .map_err(ApiError::db)?;
    let mut ambities = vec![];
    for row in rows {
        let (jaar, code, doel) = row.map_err(ApiError::db)?;
        if let Some(indicator) = Indicator::parse(&code) {
            ambities.push(Ambition {
                jaar,
                indicator,
                doel,
            });
        }
    }
    Ok(Settings {
        start_aanpak: start.parse().map_err(|_| ApiError::internal())?,
        drempel: threshold,
        ambities,
        caseload_norm: norm,
    })
}

/// Bring the typed population up to date with the change feed: only the files of residents
/// with records changed since it was read are read again (all of them after a large change).
pub(crate) fn refresh(
    conn: &Connection,
    cache: &mut Option<(i64, Vec<ResidentFile>)>,
) -> Result<(), ApiError> {
    let seq: i64 = conn
        .query_row(
            "SELECT waarde FROM teller WHERE naam = 'volgnummer'",
            [],
            |r| r.get(0),
        )
        .map_err(ApiError::db)?;
    if let Some((at, files)) = cache.as_mut() {
        if *at == seq {
            return Ok(());
        }
        let changed: Vec<i64> = {
            let mut stmt = conn
                // Changed records, and residents that left a view or were erased (the feed's
                // `vervallen`): an erased resident has no records left to notice it by.
                .prepare_cached(
                    "SELECT inwoner_id FROM dossier WHERE volgnummer > ?1 \
                     UNION SELECT inwoner_id FROM vervallen WHERE volgnummer > ?1",
                )
                .map_err(ApiError::db)?;
            let rows = stmt.query_map([*at], |r| r.get(0)).map_err(ApiError::db)?;
            rows.collect::<Result<_, _>>().map_err(ApiError::db)?
        };
        if changed.len() <= 500 {
            for id in changed {
                let file = read_file(conn, id)?;
                match files.binary_search_by_key(&id, |f| f.id) {
                    Ok(i) => match file {
                        Some(f) => files[i] = f,
                        None => {
                            files.remove(i);
                        }
                    },
                    Err(i) => {
                        if let Some(f) = file {
                            files.insert(i, f);
                        }
                    }
                }
            }
            *at = seq;
            return Ok(());
        }
    }
    *cache = Some((seq, read_population(conn)?));
    Ok(())
}

fn parse_row(resident: i64, kind: &str, text: &str) -> Option<Record> {
    let record = Kind::parse(kind)
        .zip(serde_json::from_str(text).ok())
        .and_then(|(k, fields)| Record::parse(k, fields).ok());
    if record.is_none() {
        tracing::warn!(inwoner = resident, soort = %kind, "rapportage: record onleesbaar, weggelaten");
    }
    record
}

/// One resident's file (none when the resident no longer exists).
pub(crate) fn read_file(conn: &Connection, id: i64) -> Result<Option<ResidentFile>, ApiError> {
    let Some((consultant, team)) = assignment(conn, id)? else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT soort, velden FROM dossier WHERE inwoner_id = ?1 ORDER BY volgnummer",
        )
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .map_err(ApiError::db)?;
    let mut records = vec![];
    for row in rows {
        let (kind, text) = row.map_err(ApiError::db)?;
        records.extend(parse_row(id, &kind, &text));
    }
    Ok(Some(ResidentFile {
        id,
        consultant,
        team,
        records,
    }))
}

/// Read every resident and record (a record that cannot be read is logged and left out).
pub fn read_population(conn: &Connection) -> Result<Vec<ResidentFile>, ApiError> {
    let mut files: Vec<ResidentFile> = {
        let mut stmt = conn
            .prepare_cached("SELECT id, consulent_id, team FROM inwoner ORDER BY id")
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ResidentFile {
                    id: r.get(0)?,
                    consultant: r.get(1)?,
                    team: r.get(2)?,
                    records: vec![],
                })
            })
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    let index: std::collections::HashMap<i64, usize> =
        files.iter().enumerate().map(|(n, f)| (f.id, n)).collect();
    let mut stmt = conn
        .prepare_cached(
            "SELECT inwoner_id, soort, velden FROM dossier ORDER BY inwoner_id, volgnummer",
        )
        .map_err(ApiError::db)?;
    let mut rows = stmt.query([]).map_err(ApiError::db)?;
    while let Some(row) = rows.next().map_err(ApiError::db)? {
        let (resident, kind, text): (i64, String, String) = (
            row.get(0).map_err(ApiError::db)?,
            row.get(1).map_err(ApiError::db)?,
            row.get(2).map_err(ApiError::db)?,
        );
        if let (Some(r), Some(n)) = (parse_row(resident, &kind, &text), index.get(&resident)) {
            files[*n].records.push(r);
        }
    }
    Ok(files)
}

pub(crate) fn consultants(conn: &Connection) -> Result<Vec<Consultant>, ApiError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, naam, team FROM gebruiker WHERE actief = 1
             AND rol IN ('participatieconsulent', 'werkconsulent') ORDER BY naam, id",
        )
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Consultant {
                id: r.get(0)?,
                naam: r.get(1)?,
                team: r.get(2)?,
            })
        })
        .map_err(ApiError::db)?;
    rows.collect::<Result<_, _>>().map_err(ApiError::db)
}

/// The report of a period for a scope: the figures, with small counts hidden when the
/// publication threshold is set, and aggregates only outside a team lead's own team.
pub fn compute(
    conn: &Connection,
    files: &[ResidentFile],
    q: &PeriodQuery,
    today: NaiveDate,
    scope: &Scope,
) -> Result<Report, ApiError> {
    let settings = load_settings(conn)?;
    let period = q.period(settings.start_aanpak, today)?;
    let consultants = consultants(conn)?;
    let partners = crate::partners::all(conn).map_err(ApiError::db)?;
    let own_team = match scope {
        Scope::Team(t) => Some(t.as_str()),
        Scope::Aggregates => None,
    };
    let input = Input {
        files,
        consultants: &consultants,
        norm: settings.caseload_norm,
        start: settings.start_aanpak,
        today,
        ambitions: &settings.ambities,
        rules: RuleSet::embedded(),
        own_team,
        partners: &partners,
    };
    let mut r = report(&input, period);
    if let Some(t) = settings.drempel {
        r.suppress(t);
    }
    if *scope == Scope::Aggregates {
        r.aggregates_only();
    }
    Ok(r)
}

/// For the command line: the aggregates-only report from a database file.
pub fn from_file(conn: &Connection, q: &PeriodQuery, today: NaiveDate) -> Result<Report, ApiError> {
    let files = read_population(conn)?;
    compute(conn, &files, q, today, &Scope::Aggregates)
}

async fn get_report(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<PeriodQuery>,
) -> Result<Json<Report>, ApiError> {
    let scope = scope_of(&user)?;
    let today = state.now().date_naive();
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let mut cache = state.population.lock().map_err(|_| ApiError::internal())?;
    refresh(&conn, &mut cache)?;
    let files = cache.as_ref().map_or(&[][..], |(_, f)| f.as_slice());
    let report = compute(&conn, files, &q, today, &scope)?;
    drop(cache);
    let (why, fields): (&str, &[&str]) = match scope {
        Scope::Team(_) => (purpose::ACCOUNTABILITY, &["cijfers", "inwoners"]),
        Scope::Aggregates => (purpose::POLICY, &["cijfers"]),
    };
    audit::write(
        &conn,
        &now,
        &[Entry::by(&user, &rid, Action::Read, "rapportage", why)
            .object(format!("{}/{}", report.periode.van, report.periode.tot))
            .fields(fields)],
    )?;
    Ok(Json(report))
}

async fn settings(State(state): State<AppState>, user: User) -> Result<Json<Settings>, ApiError> {
    user.may(Permission::ReportSettings)?;
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    Ok(Json(load_settings(&conn)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Threshold {
    drempel: Option<i64>,
}

/// The publication threshold: counts from 1 below it are shown as "< n"; `null` turns it off.
async fn set_threshold(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(body): ValidJson<Threshold>,
) -> Result<Json<Settings>, ApiError> {
    user.may(Permission::ChangeReportSettings)?;
    if body.drempel.is_some_and(|t| !(2..=50).contains(&t)) {
        return Err(bad(
            "drempel",
            "De drempel is een geheel getal van 2 tot en met 50 (of leeg: alle aantallen precies).",
            "The threshold is a whole number from 2 to 50 (or empty: all counts exact).",
        ));
    }
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    set_municipality(
        &tx,
        &state,
        &user,
        &rid,
        Setting::ReportThreshold,
        body.drempel,
    )?;
    let s = load_settings(&tx)?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(s))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AmbitionBody {
    jaar: i64,
    indicator: String,
    /// `null` removes the ambition.
    doel: Option<i64>,
}

/// Set (or remove) the yearly ambition of an indicator.
async fn set_ambition(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    ValidJson(body): ValidJson<AmbitionBody>,
) -> Result<Json<Settings>, ApiError> {
    user.may(Permission::ChangeReportSettings)?;
    let today = state.now().date_naive();
    let indicator = Indicator::parse(&body.indicator).ok_or_else(|| {
        let known = Indicator::ALL
            .iter()
            .map(|i| i.code())
            .collect::<Vec<_>>()
            .join(", ");
        bad(
            "indicator",
            &format!("'{}' is geen indicator; kies uit: {known}.", body.indicator),
            &format!(
                "'{}' is not an indicator; choose from: {known}.",
                body.indicator
            ),
        )
    })?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let start = load_settings(&conn)?.start_aanpak;
    let (first, last) = (i64::from(start.year()), i64::from(today.year()) + 5);
    if !(first..=last).contains(&body.jaar) {
        return Err(bad(
            "jaar",
            &format!("Kies een jaar van {first} (start van de aanpak) tot en met {last}."),
            &format!("Choose a year from {first} (start of the approach) to {last}."),
        ));
    }
    if body.doel.is_some_and(|d| !(0..=1_000_000).contains(&d)) {
        return Err(bad(
            "doel",
            "Een ambitie is een geheel getal van 0 tot en met 1.000.000.",
            "An ambition is a whole number from 0 to 1,000,000.",
        ));
    }
    let tx = conn.transaction().map_err(ApiError::db)?;
    match body.doel {
        Some(doel) => tx.execute(
            "INSERT INTO ambitie (jaar, indicator, doel, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (jaar, indicator) DO UPDATE SET doel = excluded.doel, gewijzigd_door = excluded.gewijzigd_door, gewijzigd_op = excluded.gewijzigd_op",
            params![body.jaar, indicator.code(), doel, user.gebruikersnaam, now],
        ),
        None => tx.execute(
            "DELETE FROM ambitie WHERE jaar = ?1 AND indicator = ?2",
            params![body.jaar, indicator.code()],
        ),
    }
    .map_err(ApiError::db)?;
    audit::write(
        &tx,
        &now,
        &[
            Entry::by(&user, &rid, Action::Change, "ambitie", purpose::SETTINGS)
                .object(format!("{}/{}", body.jaar, indicator.code()))
                .fields(&["doel"]),
        ],
    )?;
    let s = load_settings(&tx)?;
    tx.commit().map_err(ApiError::db)?;
    Ok(Json(s))
}
