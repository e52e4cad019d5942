//! The audit log: one append-only entry for every read and every change of personal data —
//! who, when, which record, what action, which fields, why, and the request id. The database
//! refuses updates and deletes of entries (triggers); no API changes them.

use crate::auth::{forbidden, Role, User};
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
struct AuditQuery {
    inwoner: Option<i64>,
    #[serde(default)]
    na: i64,
    limiet: Option<i64>,
}

#[derive(Serialize)]
struct AuditRow {
    id: i64,
    tijd: String,
    gebruiker: String,
    rol: Option<String>,
    actie: String,
    object_soort: String,
    object_id: Option<String>,
    inwoner_id: Option<i64>,
    velden: serde_json::Value,
    doel: String,
    verzoek_id: String,
    /// The client's address, where it was recorded.
    adres: Option<String>,
}

/// Audit entries a team lead may see: about residents of the team, or by users of the team.
fn audit_rows(
    state: &AppState,
    user: &User,
    q: &AuditQuery,
    limit: i64,
) -> Result<Vec<AuditRow>, ApiError> {
    if user.rol != Role::Teamleider {
        return Err(forbidden());
    }
    let conn = state.db.lock().map_err(|_| ApiError::internal())?;
    let mut stmt = conn
        .prepare(
            "SELECT a.id, a.tijd, a.gebruiker, a.rol, a.actie, a.object_soort, a.object_id, a.velden, a.doel, a.verzoek_id, a.inwoner_id, a.adres FROM audit a
             WHERE a.id > ?1 AND (?2 IS NULL OR a.inwoner_id = ?2)
               AND (a.inwoner_id IN (SELECT id FROM inwoner WHERE team = ?3)
                    OR a.gebruiker_id IN (SELECT id FROM gebruiker WHERE team = ?3))
             ORDER BY a.id LIMIT ?4",
        )
        .map_err(ApiError::db)?;
    let rows = stmt
        .query_map(params![q.na, q.inwoner, user.team, limit], |r| {
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
        })
        .map_err(ApiError::db)?;
    rows.collect::<Result<_, _>>().map_err(ApiError::db)
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
    let rows = audit_rows(&state, &user, &q, limit)?;
    let next = rows.last().map(|r| r.id);
    Ok(Json(json!({ "regels": rows, "volgende_na": next })))
}

fn csv_field(s: &str) -> String {
    // Quote every field; neutralise spreadsheet formulas (CSV injection).
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

async fn audit_export(
    State(state): State<AppState>,
    Extension(rid): Extension<RequestId>,
    user: User,
    Query(q): Query<AuditQuery>,
) -> Result<Response, ApiError> {
    let rows = audit_rows(&state, &user, &q, i64::MAX)?;
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
