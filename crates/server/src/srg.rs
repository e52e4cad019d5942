//! The monthly SRG delivery to CBS. `GET /api/srg?maand=` runs the domain's checks for a month
//! and says what may be delivered (regular, a correction, or why not); `POST /api/srg` makes the
//! file, keeps it in the delivery log and audits every resident in it; `GET
//! /api/srg/leveringen/{id}` gives a delivered file again. The mapping to CBS codes and the
//! municipality's CBS code are kept per version (`GET`/`POST /api/srg/koppeling`). The rules
//! and the layout are `meedoen_domain::srg`; `docs/srg.md` documents them.

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Permission, User};
use crate::error::{bad, ApiError};
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Extension, Json, Router};
use meedoen_domain::records::FieldError;
use meedoen_domain::srg::{
    self, check_municipality_code, kind_for, Check, Delivery, Mapping, MappingRow, Month,
};
use meedoen_domain::Text;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/srg", get(preview).post(deliver))
        .route("/srg/leveringen/{id}", get(delivered))
        .route("/srg/koppeling", get(mapping).post(set_mapping))
}

/// The mapping in force, with the municipality's code (empty until set).
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub gemeentecode: String,
    pub tekst: String,
    pub rijen: Vec<MappingRowView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gewijzigd_door: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gewijzigd_op: Option<String>,
}

/// A mapping line with the source's name, for the page.
#[derive(Debug, Clone, Serialize)]
pub struct MappingRowView {
    #[serde(flatten)]
    pub rij: MappingRow,
    pub naam: Text,
}

fn settings(conn: &Connection) -> Result<(Settings, Mapping), ApiError> {
    let stored: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT gemeentecode, tekst, gebruiker, tijd FROM srg_koppeling ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    let (code, text, by, at) = match stored {
        Some((c, t, b, a)) => (c, t, Some(b), Some(a)),
        None => (String::new(), srg::DEFAULT_MAPPING.to_string(), None, None),
    };
    // A stored mapping was checked when it was saved; the embedded one by a test.
    let mapping = Mapping::parse(&text).map_err(|_| ApiError::internal())?;
    let names = srg::sources();
    let rijen = mapping
        .rijen
        .iter()
        .map(|r| MappingRowView {
            naam: names.iter().find(|(k, _)| *k == r.bron).map_or_else(
                || Text::new(r.bron.clone(), r.bron.clone()),
                |(_, t)| t.clone(),
            ),
            rij: r.clone(),
        })
        .collect();
    Ok((
        Settings {
            gemeentecode: code,
            tekst: text,
            rijen,
            gewijzigd_door: by,
            gewijzigd_op: at,
        },
        mapping,
    ))
}

async fn mapping(State(state): State<AppState>, user: User) -> Result<Json<Settings>, ApiError> {
    user.may(Permission::SrgDelivery)?;
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    Ok(Json(settings(&conn)?.0))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingChange {
    gemeentecode: String,
    tekst: String,
}

async fn set_mapping(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    body: Result<ValidJson<MappingChange>, ApiError>,
) -> Result<Json<Settings>, ApiError> {
    user.may(Permission::SrgDelivery)?;
    let ValidJson(body) = body?;
    let code = body.gemeentecode.trim().to_string();
    let mut problems: Vec<FieldError> = vec![];
    if let Err(t) = check_municipality_code(&code) {
        problems.push(FieldError {
            field: "gemeentecode".into(),
            message: t,
        });
    }
    if body.tekst.len() > 20_000 {
        problems.push(FieldError {
            field: "tekst".into(),
            message: Text::fixed("De koppeling is te lang.", "The mapping is too long."),
        });
    } else if let Err(list) = Mapping::parse(&body.tekst) {
        for p in list {
            let at = if p.regel == 0 {
                Text::fixed("", "")
            } else {
                Text::new(
                    format!("regel {}: ", p.regel),
                    format!("line {}: ", p.regel),
                )
            };
            problems.push(FieldError {
                field: "tekst".into(),
                message: Text::new(
                    format!("{}{}", at.nl, p.melding.nl),
                    format!("{}{}", at.en, p.melding.en),
                ),
            });
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(problems));
    }
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    conn.execute(
        "INSERT INTO srg_koppeling (tijd, gebruiker, gemeentecode, tekst) VALUES (?1, ?2, ?3, ?4)",
        params![now, user.gebruikersnaam, code, body.tekst],
    )
    .map_err(ApiError::db)?;
    audit::write(
        &conn,
        &now,
        &[Entry::by(
            &user,
            &rid,
            Action::Change,
            "srg_koppeling",
            purpose::SETTINGS,
        )
        .object(conn.last_insert_rowid())
        .fields(&["gemeentecode", "tekst"])],
    )?;
    Ok(Json(settings(&conn)?.0))
}

#[derive(Deserialize)]
pub struct MonthQuery {
    maand: String,
}

/// One delivered file in the log.
#[derive(Debug, Clone, Serialize)]
pub struct Logged {
    pub id: i64,
    pub maand: String,
    pub soort: String,
    pub tijd: String,
    pub gebruiker: String,
    pub aantal: i64,
}

/// What a month would give now.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub maand: String,
    pub gemeentecode: String,
    /// `R` or `C`: what may be delivered; absent with the reason when nothing may.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soort: Option<srg::Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reden: Option<Text>,
    /// Provision lines the file would hold.
    pub aantal: usize,
    /// Lines per CBS code.
    pub per_code: Vec<(u8, usize)>,
    /// For a correction: whether the file differs from the last one delivered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gewijzigd: Option<bool>,
    /// What stops the delivery (at most 500 listed; the total beside it).
    pub controles: Vec<Check>,
    pub controles_totaal: usize,
    pub leveringen: Vec<Logged>,
}

fn log(conn: &Connection, month: Option<&str>) -> Result<Vec<Logged>, ApiError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, maand, soort, tijd, gebruiker, aantal FROM srg_levering
             WHERE ?1 IS NULL OR maand = ?1 ORDER BY id DESC LIMIT 100",
        )
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map([month], |r| {
            Ok(Logged {
                id: r.get(0)?,
                maand: r.get(1)?,
                soort: r.get(2)?,
                tijd: r.get(3)?,
                gebruiker: r.get(4)?,
                aantal: r.get(5)?,
            })
        })
        .map_err(ApiError::db)?;
    rows.collect::<Result<_, _>>().map_err(ApiError::db)
}

/// The file a month gives now, or the checks that stop it, with what may be delivered.
struct Made {
    kind: Result<srg::Kind, Text>,
    lines: Result<Vec<srg::Line>, Vec<Check>>,
    code: String,
    last: Option<String>,
}

fn make(state: &AppState, conn: &Connection, month: Month) -> Result<Made, ApiError> {
    let (s, mapping) = settings(conn)?;
    let last: Option<String> = conn
        .query_row(
            "SELECT inhoud FROM srg_levering WHERE maand = ?1 ORDER BY id DESC LIMIT 1",
            [month.to_string()],
            |r| r.get(0),
        )
        .optional()
        .map_err(ApiError::db)?;
    let today = state.now().date_naive();
    let kind = kind_for(month, today, last.is_some());
    let mut cache = state.population.lock().map_err(|_| ApiError::internal())?;
    crate::report::refresh(conn, &mut cache)?;
    let files = cache.as_ref().map_or(&[][..], |(_, f)| f.as_slice());
    let lines = srg::lines(&srg::provisions(files), &mapping, month);
    Ok(Made {
        kind,
        lines,
        code: s.gemeentecode,
        last,
    })
}

fn month_of(q: &str) -> Result<Month, ApiError> {
    Month::parse(q).map_err(ApiError::invalid_field)
}

fn no_code() -> Text {
    Text::fixed(
        "De gemeentecode van het CBS is nog niet ingevuld; vul die in bij de koppeling.",
        "The municipality's CBS code is not filled in yet; fill it in with the mapping.",
    )
}

async fn preview(
    State(state): State<AppState>,
    user: User,
    Query(q): Query<MonthQuery>,
) -> Result<Json<Preview>, ApiError> {
    user.may(Permission::SrgDelivery)?;
    let month = month_of(&q.maand)?;
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let made = make(&state, &conn, month)?;
    let (count, per_code, checks, differs) = match &made.lines {
        Ok(lines) => {
            let mut per: Vec<(u8, usize)> = vec![];
            for l in lines {
                match per.iter_mut().find(|(c, _)| *c == l.code) {
                    Some(x) => x.1 += 1,
                    None => per.push((l.code, 1)),
                }
            }
            per.sort();
            let differs = match (&made.kind, &made.last) {
                (Ok(srg::Kind::Correctie), Some(last)) => {
                    let d = Delivery {
                        gemeentecode: made.code.clone(),
                        maand: month,
                        soort: srg::Kind::Correctie,
                        regels: lines.clone(),
                    };
                    Some(body_of(&d.text()) != body_of(last))
                }
                _ => None,
            };
            (lines.len(), per, vec![], differs)
        }
        Err(c) => (0, vec![], c.clone(), None),
    };
    let reason = match &made.kind {
        Err(t) => Some(t.clone()),
        Ok(_) if made.code.is_empty() => Some(no_code()),
        Ok(_) => None,
    };
    Ok(Json(Preview {
        maand: month.to_string(),
        gemeentecode: made.code.clone(),
        soort: made
            .kind
            .as_ref()
            .ok()
            .copied()
            .filter(|_| reason.is_none()),
        reden: reason,
        aantal: count,
        per_code,
        gewijzigd: differs,
        controles_totaal: checks.len(),
        controles: checks.into_iter().take(500).collect(),
        leveringen: log(&conn, None)?,
    }))
}

/// A file without its header line: what a correction compares.
fn body_of(text: &str) -> &str {
    text.split_once("\r\n").map_or("", |(_, rest)| rest)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliverRequest {
    maand: String,
}

/// A delivered file.
#[derive(Debug, Clone, Serialize)]
pub struct File {
    pub id: i64,
    pub bestandsnaam: String,
    pub inhoud: String,
}

async fn deliver(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    body: Result<ValidJson<DeliverRequest>, ApiError>,
) -> Result<(StatusCode, Json<File>), ApiError> {
    user.may(Permission::SrgDelivery)?;
    let ValidJson(body) = body?;
    let month = month_of(&body.maand)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let made = make(&state, &conn, month)?;
    let kind = made
        .kind
        .map_err(|t| ApiError::text(StatusCode::CONFLICT, Some("maand".into()), t))?;
    if made.code.is_empty() {
        return Err(ApiError::text(
            StatusCode::CONFLICT,
            Some("gemeentecode".into()),
            no_code(),
        ));
    }
    let lines = match made.lines {
        Ok(l) => l,
        Err(checks) => {
            let n = checks.len();
            return Err(bad(
                "controles",
                &format!("De levering is niet gemaakt: {n} controle(s) slaan aan. Los ze op en probeer het opnieuw."),
                &format!("The delivery was not made: {n} check(s) failed. Resolve them and try again."),
            ));
        }
    };
    let d = Delivery {
        gemeentecode: made.code,
        maand: month,
        soort: kind,
        regels: lines,
    };
    let text = d.text();
    if let (srg::Kind::Correctie, Some(last)) = (kind, &made.last) {
        if body_of(&text) == body_of(last) {
            return Err(ApiError::text(
                StatusCode::CONFLICT,
                Some("maand".into()),
                Text::new(
                    format!("Voor {month} is sinds de laatste levering niets veranderd; een correctie is niet nodig."),
                    format!("Nothing changed for {month} since the last delivery; no correction is needed."),
                ),
            ));
        }
    }
    let key = crate::token::sha256_hex(text.as_bytes());
    let tx = conn.transaction().map_err(ApiError::db)?;
    tx.execute(
        "INSERT INTO srg_levering (maand, soort, tijd, gebruiker, aantal, sleutel, inhoud) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![month.to_string(), kind.letter(), now, user.gebruikersnaam, d.regels.len() as i64, key, text],
    )
    .map_err(ApiError::db)?;
    let id = tx.last_insert_rowid();
    let mut residents: Vec<i64> = d.regels.iter().map(|l| l.inwoner).collect();
    residents.sort_unstable();
    residents.dedup();
    const FIELDS: [&str; 4] = ["bsn", "voorziening", "begindatum", "einddatum"];
    let mut entries: Vec<Entry<'_>> = residents
        .iter()
        .map(|r| {
            Entry::by(&user, &rid, Action::Export, "inwoner", purpose::STATISTICS)
                .object(r)
                .about(*r)
                .fields(&FIELDS)
        })
        .collect();
    entries.push(
        Entry::by(
            &user,
            &rid,
            Action::Export,
            "srg_levering",
            purpose::STATISTICS,
        )
        .object(id),
    );
    audit::write(&tx, &now, &entries)?;
    tx.commit().map_err(ApiError::db)?;
    Ok((
        StatusCode::CREATED,
        Json(File {
            id,
            bestandsnaam: d.file_name(),
            inhoud: text,
        }),
    ))
}

async fn delivered(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
) -> Result<Json<File>, ApiError> {
    user.may(Permission::SrgDelivery)?;
    let now = state.now_text();
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT maand, soort, inhoud FROM srg_levering WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(ApiError::db)?;
    let Some((month, kind, text)) = row else {
        return Err(ApiError::field(
            StatusCode::NOT_FOUND,
            "id",
            "Deze levering bestaat niet.",
            "This delivery does not exist.",
        ));
    };
    audit::write(
        &conn,
        &now,
        &[Entry::by(
            &user,
            &rid,
            Action::Export,
            "srg_levering",
            purpose::STATISTICS,
        )
        .object(id)
        .fields(&["inhoud"])],
    )?;
    // The municipality code as it stands in the file's header line (`SRG;1;<code>;…`).
    let code = text.split(';').nth(2).unwrap_or("");
    let kind = if kind == "C" {
        srg::Kind::Correctie
    } else {
        srg::Kind::Regulier
    };
    let bestandsnaam = srg::file_name(code, month_of(&month)?, kind);
    Ok(Json(File {
        id,
        bestandsnaam,
        inhoud: text,
    }))
}

/// The demo municipality's mapping: the default, with Rijswijk's CBS code.
pub fn seed_demo(conn: &Connection, now: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO srg_koppeling (tijd, gebruiker, gemeentecode, tekst) VALUES (?1, 'demo', '0603', ?2)",
        params![now, srg::DEFAULT_MAPPING],
    )?;
    Ok(())
}
