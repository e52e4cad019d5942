//! The audit log: one append-only entry for every read and every change of personal data —
//! who, when, which record, what action, which fields, why, and the request id. The database
//! refuses updates and deletes of entries (triggers); no API changes them.

use crate::auth::{Permission, Scope, User};
use crate::error::ApiError;
use crate::state::AppState;
use crate::web::RequestId;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The audit log views of a team lead: `GET /api/audit` (paged) and `/api/audit/export` (CSV).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/audit", get(audit_list))
        .route("/audit/export", get(audit_export))
}

/// What was done.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    Read,
    Change,
    Create,
    Export,
    SignIn,
    SignOut,
    Delete,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Read => "lezen",
            Action::Change => "wijzigen",
            Action::Create => "aanmaken",
            Action::Export => "exporteren",
            Action::Delete => "verwijderen",
            Action::SignIn => "inloggen",
            Action::SignOut => "uitloggen",
        }
    }
}

/// Purposes (doelbinding) of the processing, one per kind of use.
pub mod purpose {
    pub const GUIDANCE: &str =
        "begeleiding naar participatie en werk (Participatiewet art. 7 en 10)";
    pub const ACCOUNTABILITY: &str = "verantwoording en toezicht door de teamleider";
    pub const USER_ADMIN: &str = "beheer van gebruikers en toegang";
    pub const SECURITY: &str = "beveiliging: aanmelden en afmelden";
    pub const ALLOCATION: &str = "verdeling van de caseload";
    pub const SETTINGS: &str = "beheer van de instellingen van de gemeente";
    pub const POLICY: &str = "beleid en verantwoording aan de gemeenteraad (geaggregeerd)";
    pub const INCOME_SIGNAL: &str =
        "signaal van de afdeling Inkomen bij heronderzoek, voor de begeleiding (Participatiewet art. 7)";
    pub const STATISTICS: &str =
        "statistiek re-integratie door gemeenten (SRG) voor het CBS (Regeling statistiek Participatiewet, IOAW en IOAZ 2015, art. 5)";
    pub const IN_VIEW: &str =
        "Klant in Beeld: alle inwoners met bijstand in beeld voor passende dienstverlening (Participatiewet art. 7)";
    pub const SUBJECT_ACCESS: &str =
        "inzageverzoek van de betrokkene (AVG art. 15): alles wat over de inwoner is vastgelegd";
    pub const ERASURE_REQUEST: &str = "verzoek tot verwijdering van de betrokkene (AVG art. 17)";
    pub const INTAKE_FORM: &str =
        "aanmelding door de inwoner zelf (maatschappelijke participatie, Participatiewet in balans)";
}

/// One entry to write.
pub struct Entry<'a> {
    pub user: Option<&'a User>,
    pub actor: &'a str,
    pub action: Action,
    pub object_kind: &'a str,
    pub object_id: Option<String>,
    /// The resident the data is about (the data subject), if any.
    pub subject: Option<i64>,
    pub fields: &'a [&'a str],
    pub purpose: &'a str,
    pub request_id: &'a str,
    /// The client's address (behind a trusted proxy the forwarded one).
    pub client: Option<std::net::IpAddr>,
}

impl<'a> Entry<'a> {
    /// An entry for what a signed-in user does in a request; add the object, the resident it
    /// is about and the fields with the methods below.
    pub fn by(
        user: &'a User,
        request: &'a RequestId,
        action: Action,
        object_kind: &'a str,
        purpose: &'a str,
    ) -> Entry<'a> {
        Entry {
            user: Some(user),
            actor: &user.gebruikersnaam,
            action,
            object_kind,
            object_id: None,
            subject: None,
            fields: &[],
            purpose,
            request_id: &request.0,
            client: Some(request.1),
        }
    }
    pub fn object(mut self, id: impl ToString) -> Entry<'a> {
        self.object_id = Some(id.to_string());
        self
    }
    /// The resident (data subject) the entry is about.
    pub fn about(mut self, resident: i64) -> Entry<'a> {
        self.subject = Some(resident);
        self
    }
    pub fn fields(mut self, fields: &'a [&'a str]) -> Entry<'a> {
        self.fields = fields;
        self
    }
}

/// Append entries in the caller's transaction or connection.
pub fn write(conn: &Connection, now: &str, entries: &[Entry<'_>]) -> Result<(), ApiError> {
    let mut stmt = conn
        .prepare_cached("INSERT INTO audit (tijd, gebruiker_id, gebruiker, rol, actie, object_soort, object_id, velden, doel, verzoek_id, inwoner_id, adres) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
        .map_err(ApiError::db)?;
    for e in entries {
        let fields = serde_json::to_string(e.fields).map_err(|_| ApiError::internal())?;
        stmt.execute(params![
            now,
            e.user.map(|u| u.id),
            e.actor,
            e.user.map(|u| u.rol.code()),
            e.action.code(),
            e.object_kind,
            e.object_id,
            fields,
            e.purpose,
            e.request_id,
            e.subject,
            e.client.map(|a| a.to_string())
        ])
        .map_err(ApiError::db)?;
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// About this resident.
    inwoner: Option<i64>,
    /// By this user (user name).
    gebruiker: Option<String>,
    /// This action (`lezen`, `wijzigen`, …).
    actie: Option<String>,
    /// From this day on (inclusive, `JJJJ-MM-DD`).
    van: Option<String>,
    /// Up to and including this day.
    tot: Option<String>,
    /// Oldest first, after this entry id (the export and older clients).
    #[serde(default)]
    na: i64,
    /// Newest first, before this entry id (`aflopend=true`; no `voor`: from the newest).
    voor: Option<i64>,
    #[serde(default)]
    aflopend: bool,
    limiet: Option<i64>,
}

const ACTIONS: [Action; 7] = [
    Action::Read,
    Action::Change,
    Action::Create,
    Action::Export,
    Action::SignIn,
    Action::SignOut,
    Action::Delete,
];

#[derive(Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub tijd: String,
    pub gebruiker: String,
    pub rol: Option<String>,
    pub actie: String,
    pub object_soort: String,
    pub object_id: Option<String>,
    pub inwoner_id: Option<i64>,
    pub velden: serde_json::Value,
    pub doel: String,
    pub verzoek_id: String,
    /// The client's address, where it was recorded.
    pub adres: Option<String>,
}

/// The columns [`audit_row`] reads, in its order.
pub const AUDIT_COLUMNS: &str = "a.id, a.tijd, a.gebruiker, a.rol, a.actie, a.object_soort, a.object_id, a.velden, a.doel, a.verzoek_id, a.inwoner_id, a.adres";

/// One entry from a row of [`AUDIT_COLUMNS`].
pub fn audit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    let velden: Option<String> = r.get(7)?;
    Ok(AuditRow {
        id: r.get(0)?,
        tijd: r.get(1)?,
        gebruiker: r.get(2)?,
        rol: r.get(3)?,
        actie: r.get(4)?,
        object_soort: r.get(5)?,
        object_id: r.get(6)?,
        velden: velden
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or(serde_json::Value::Null),
        doel: r.get(8)?,
        verzoek_id: r.get(9)?,
        inwoner_id: r.get(10)?,
        adres: r.get(11)?,
    })
}

fn bad_filter(field: &str, nl: &str, en: &str) -> ApiError {
    ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, field, nl, en)
}

fn day(field: &str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                bad_filter(
                    field,
                    "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-01.",
                    "Give a date as YYYY-MM-DD, for example 2026-03-01.",
                )
            }),
    }
}

/// The filters checked; errors name the field.
struct Filter {
    resident: Option<i64>,
    user: Option<String>,
    action: Option<&'static str>,
    from: Option<String>,
    until: Option<String>,
}

fn filter(q: &AuditQuery) -> Result<Filter, ApiError> {
    let user = q
        .gebruiker
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if user.is_some_and(|u| u.len() > 100) {
        return Err(bad_filter(
            "gebruiker",
            "Een gebruikersnaam heeft hoogstens 100 tekens.",
            "A user name has at most 100 characters.",
        ));
    }
    let action = match q.actie.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        None => None,
        Some(code) => Some(
            ACTIONS
                .iter()
                .map(|a| a.code())
                .find(|c| *c == code)
                .ok_or_else(|| {
                    bad_filter(
                        "actie",
                        "Deze actie bestaat niet. Kies lezen, wijzigen, aanmaken, exporteren, verwijderen, inloggen of uitloggen.",
                        "This action does not exist. Choose lezen, wijzigen, aanmaken, exporteren, verwijderen, inloggen or uitloggen.",
                    )
                })?,
        ),
    };
    let from = day("van", q.van.as_deref())?;
    let until = day("tot", q.tot.as_deref())?;
    if let (Some(f), Some(u)) = (from, until) {
        if f > u {
            return Err(bad_filter(
                "tot",
                "De einddatum ligt vóór de begindatum.",
                "The end date is before the start date.",
            ));
        }
    }
    Ok(Filter {
        resident: q.inwoner,
        user: user.map(str::to_string),
        action,
        from: from.map(|d| d.format("%Y-%m-%d").to_string()),
        // Entries are stamped with a full time: before the next day.
        until: until
            .and_then(|d| d.succ_opt())
            .map(|d| d.format("%Y-%m-%d").to_string()),
    })
}

/// Audit entries this user may see (a team lead: about residents of the team or by users of
/// the team; an administrator: all), filtered, one page of them, and how many match in all.
fn audit_rows(
    state: &AppState,
    user: &User,
    q: &AuditQuery,
    limit: i64,
) -> Result<(Vec<AuditRow>, i64), ApiError> {
    let team = match user.may(Permission::AuditLog)? {
        Scope::All => None,
        _ => Some(user.team.clone()),
    };
    let f = filter(q)?;
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let conditions = "(?1 IS NULL OR a.inwoner_id = ?1)
               AND (?2 IS NULL OR a.gebruiker = ?2)
               AND (?3 IS NULL OR a.actie = ?3)
               AND (?4 IS NULL OR a.tijd >= ?4)
               AND (?5 IS NULL OR a.tijd < ?5)
               AND (?6 IS NULL OR a.inwoner_id IN (SELECT id FROM inwoner WHERE team = ?6)
                    OR a.gebruiker_id IN (SELECT id FROM gebruiker WHERE team = ?6))";
    let base = params![f.resident, f.user, f.action, f.from, f.until, team];
    let total: i64 = conn
        .query_row(
            &format!("SELECT COUNT(*) FROM audit a WHERE {conditions}"),
            base,
            |r| r.get(0),
        )
        .map_err(ApiError::db)?;
    let (order, keyset) = if q.aflopend || q.voor.is_some() {
        ("DESC", "a.id < ?7")
    } else {
        ("ASC", "a.id > ?7")
    };
    let from_id = if q.aflopend || q.voor.is_some() {
        q.voor.unwrap_or(i64::MAX)
    } else {
        q.na
    };
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit a WHERE {conditions} AND {keyset} ORDER BY a.id {order} LIMIT ?8"
        ))
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map(
            params![f.resident, f.user, f.action, f.from, f.until, team, from_id, limit],
            audit_row,
        )
        .map_err(ApiError::db)?;
    let rows = rows.collect::<Result<_, _>>().map_err(ApiError::db)?;
    Ok((rows, total))
}

async fn audit_list(
    State(state): State<AppState>,
    user: User,
    Query(q): Query<AuditQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let limit = q.limiet.unwrap_or(500);
    if !(1..=5000).contains(&limit) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "limiet",
            "Kies een limiet van 1 tot en met 5000.",
            "Choose a limit from 1 to 5000.",
        ));
    }
    let (rows, total) = audit_rows(&state, &user, &q, limit)?;
    // A full page may have more behind it; the next page starts after its last entry.
    let next = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    let key = if q.aflopend || q.voor.is_some() {
        "volgende_voor"
    } else {
        "volgende_na"
    };
    Ok(Json(json!({ "regels": rows, key: next, "totaal": total })))
}

/// Every field quoted, spreadsheet formulas neutralised (CSV injection).
use meedoen_domain::text::csv_cell as csv_field;

async fn audit_export(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<AuditQuery>,
) -> Result<Response, ApiError> {
    let (rows, _) = audit_rows(&state, &user, &q, i64::MAX)?;
    let mut out = String::from(
        "id,tijd,gebruiker,rol,actie,object_soort,object_id,inwoner_id,velden,doel,verzoek_id,adres\n",
    );
    for r in &rows {
        let cells = [
            r.id.to_string(),
            r.tijd.clone(),
            r.gebruiker.clone(),
            r.rol.clone().unwrap_or_default(),
            r.actie.clone(),
            r.object_soort.clone(),
            r.object_id.clone().unwrap_or_default(),
            r.inwoner_id.map(|i| i.to_string()).unwrap_or_default(),
            r.velden.to_string(),
            r.doel.clone(),
            r.verzoek_id.clone(),
            r.adres.clone().unwrap_or_default(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    write(
        &conn,
        &state.now_text(),
        &[Entry::by(
            &user,
            &rid,
            Action::Export,
            "audit",
            purpose::ACCOUNTABILITY,
        )],
    )?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"auditlog.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}
