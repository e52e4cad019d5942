//! The partner organisations residents are referred to: every signed-in user reads the list
//! (it holds no personal data, and consultants keep it for referring offline); the
//! administrator adds and changes partners, with a version check, audited. A partner is never
//! deleted — it is set inactive and takes no new referrals. A referral's partner is checked
//! here when a consultant's change names one ([`check_referral`]).

use crate::audit::{self, purpose, Action, Entry};
use crate::auth::{Permission, User};
use crate::error::{bad, ApiError};
use crate::state::AppState;
use crate::web::{RequestId, ValidJson};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Extension, Json, Router};
use meedoen_domain::partners::{Partner, PartnerKind};
use meedoen_domain::records::Referral;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/partners", get(list).post(create))
        .route("/partners/{id}", patch(change))
}

/// The list as sent: every partner, active ones first, by name.
#[derive(Serialize)]
pub struct Partners {
    pub partners: Vec<Partner>,
}

const COLUMNS: &str =
    "id, naam, soort, omschrijving, email, telefoon, opvolgen_na_weken, actief, versie";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Partner> {
    let kind: String = r.get(2)?;
    Ok(Partner {
        id: r.get(0)?,
        naam: r.get(1)?,
        soort: PartnerKind::parse(&kind).unwrap_or(PartnerKind::Overig),
        omschrijving: r.get(3)?,
        email: r.get(4)?,
        telefoon: r.get(5)?,
        opvolgen_na_weken: r.get(6)?,
        actief: r.get(7)?,
        versie: r.get(8)?,
    })
}

/// Every partner, active ones first, then by name.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Partner>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM partner ORDER BY actief DESC, naam COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], row)?;
    rows.collect()
}

fn one(conn: &Connection, id: i64) -> rusqlite::Result<Option<Partner>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM partner WHERE id = ?1"),
        [id],
        row,
    )
    .optional()
}

async fn list(State(state): State<AppState>, _user: User) -> Result<Json<Partners>, ApiError> {
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    Ok(Json(Partners {
        partners: all(&conn).map_err(ApiError::db)?,
    }))
}

/// A partner as entered, trimmed, checked by the domain (every problem named).
fn checked(mut p: Partner) -> Result<Partner, ApiError> {
    let trim = |o: Option<String>| o.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    p.naam = p.naam.trim().to_string();
    p.omschrijving = trim(p.omschrijving);
    p.email = trim(p.email);
    p.telefoon = trim(p.telefoon);
    p.check().map_err(ApiError::invalid)?;
    Ok(p)
}

fn name_taken(conn: &Connection, name: &str, except: i64) -> Result<(), ApiError> {
    let other: Option<i64> = conn
        .query_row(
            "SELECT id FROM partner WHERE lower(naam) = lower(?1) AND id != ?2",
            params![name, except],
            |r| r.get(0),
        )
        .optional()
        .map_err(ApiError::db)?;
    match other {
        Some(_) => Err(ApiError::field(
            StatusCode::CONFLICT,
            "naam",
            "Er is al een partner met deze naam; pas die aan of kies een andere naam.",
            "There is a partner with this name already; change that one or choose another name.",
        )),
        None => Ok(()),
    }
}

const FIELDS: [&str; 7] = [
    "naam",
    "soort",
    "omschrijving",
    "email",
    "telefoon",
    "opvolgen_na_weken",
    "actief",
];

async fn create(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    body: Result<ValidJson<Partner>, ApiError>,
) -> Result<(StatusCode, Json<Partner>), ApiError> {
    user.may(Permission::ManagePartners)?;
    let ValidJson(body) = body?;
    let p = checked(body)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    name_taken(&tx, &p.naam, 0)?;
    tx.execute(
        "INSERT INTO partner (naam, soort, omschrijving, email, telefoon, opvolgen_na_weken, actief, versie, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9)",
        params![p.naam, p.soort.code(), p.omschrijving, p.email, p.telefoon, p.opvolgen_na_weken, p.actief, user.gebruikersnaam, now],
    )
    .map_err(ApiError::db)?;
    let id = tx.last_insert_rowid();
    let saved = finish(
        tx,
        &now,
        Entry::by(&user, &rid, Action::Create, "partner", purpose::SETTINGS)
            .object(id)
            .fields(&FIELDS),
        id,
    )?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Audit the change, read the partner as saved and commit.
fn finish(
    tx: rusqlite::Transaction<'_>,
    now: &str,
    entry: Entry<'_>,
    id: i64,
) -> Result<Partner, ApiError> {
    audit::write(&tx, now, &[entry])?;
    let saved = one(&tx, id)
        .map_err(ApiError::db)?
        .ok_or_else(ApiError::internal)?;
    tx.commit().map_err(ApiError::db)?;
    Ok(saved)
}

async fn change(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Path(id): Path<i64>,
    body: Result<ValidJson<Partner>, ApiError>,
) -> Result<Json<Partner>, ApiError> {
    user.may(Permission::ManagePartners)?;
    let ValidJson(body) = body?;
    let p = checked(body)?;
    let now = state.now_text();
    let mut conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let tx = conn.transaction().map_err(ApiError::db)?;
    let Some(old) = one(&tx, id).map_err(ApiError::db)? else {
        return Err(ApiError::field(
            StatusCode::NOT_FOUND,
            "id",
            "Deze partner bestaat niet.",
            "This partner does not exist.",
        ));
    };
    if old.versie != p.versie {
        return Err(ApiError::field(
            StatusCode::CONFLICT,
            "versie",
            "Deze partner is intussen door iemand anders gewijzigd. Laad de lijst opnieuw.",
            "This partner was changed by someone else in the meantime. Reload the list.",
        ));
    }
    name_taken(&tx, &p.naam, id)?;
    let changed: Vec<&str> = FIELDS
        .into_iter()
        .filter(|f| match *f {
            "naam" => old.naam != p.naam,
            "soort" => old.soort != p.soort,
            "omschrijving" => old.omschrijving != p.omschrijving,
            "email" => old.email != p.email,
            "telefoon" => old.telefoon != p.telefoon,
            "opvolgen_na_weken" => old.opvolgen_na_weken != p.opvolgen_na_weken,
            _ => old.actief != p.actief,
        })
        .collect();
    if changed.is_empty() {
        return Ok(Json(old));
    }
    tx.execute(
        "UPDATE partner SET naam = ?2, soort = ?3, omschrijving = ?4, email = ?5, telefoon = ?6, opvolgen_na_weken = ?7, actief = ?8, versie = versie + 1, gewijzigd_door = ?9, gewijzigd_op = ?10 WHERE id = ?1",
        params![id, p.naam, p.soort.code(), p.omschrijving, p.email, p.telefoon, p.opvolgen_na_weken, p.actief, user.gebruikersnaam, now],
    )
    .map_err(ApiError::db)?;
    let entry = Entry::by(&user, &rid, Action::Change, "partner", purpose::SETTINGS)
        .object(id)
        .fields(&changed);
    Ok(Json(finish(tx, &now, entry, id)?))
}

/// A referral names a partner that exists; a referral made or moved to a partner must be to
/// one that takes referrals (an inactive partner keeps the referrals it has).
pub fn check_referral(
    conn: &Connection,
    referral: &Referral,
    partner_changed: bool,
) -> Result<(), ApiError> {
    let active: Option<bool> = conn
        .query_row(
            "SELECT actief FROM partner WHERE id = ?1",
            [referral.partner_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(ApiError::db)?;
    match active {
        None => Err(bad(
            "partner_id",
            &format!(
                "Partner {} bestaat niet; kies een partner uit de lijst.",
                referral.partner_id
            ),
            &format!(
                "Partner {} does not exist; choose a partner from the list.",
                referral.partner_id
            ),
        )),
        Some(false) if partner_changed => Err(bad(
            "partner_id",
            "Deze partner neemt geen nieuwe verwijzingen meer aan; kies een andere partner.",
            "This partner no longer takes new referrals; choose another partner.",
        )),
        Some(_) => Ok(()),
    }
}

/// The partners of the demo municipality (the seeds name them).
pub fn seed_demo(conn: &Connection, now: &str) -> rusqlite::Result<()> {
    for (naam, soort, omschrijving, weken) in [
        (
            "Rijswijk Doet",
            "vrijwilligerscentrale",
            "Vrijwilligerswerk: vacaturebank en matching.",
            4,
        ),
        (
            "Welzijn Rijswijk",
            "welzijn",
            "Ondersteuning van mantelzorgers, buurtactiviteiten, sociaal werk.",
            4,
        ),
        (
            "Bibliotheek Rijswijk",
            "bibliotheek",
            "Taalhuis: taallessen en digitale vaardigheden voor zelfzoekers.",
            6,
        ),
        (
            "Re-integratie Haaglanden",
            "aanbieder",
            "Ingekochte re-integratietrajecten.",
            3,
        ),
    ] {
        conn.execute(
            "INSERT INTO partner (naam, soort, omschrijving, opvolgen_na_weken, actief, versie, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, ?4, 1, 1, 'demo', ?5)",
            params![naam, soort, omschrijving, weken, now],
        )?;
    }
    Ok(())
}
