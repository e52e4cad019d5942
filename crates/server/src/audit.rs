//! The audit log: one append-only entry for every read and every change of personal data —
//! who, when, which record, what action, which fields, why, and the request id. The database
//! refuses updates and deletes of entries (triggers); no API changes them.

use crate::auth::User;
use crate::web::ApiError;
use rusqlite::{params, Connection};

/// What was done.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    Read,
    Change,
    Create,
    Export,
    SignIn,
    SignOut,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Read => "lezen",
            Action::Change => "wijzigen",
            Action::Create => "aanmaken",
            Action::Export => "exporteren",
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
}

impl<'a> Entry<'a> {
    /// An entry for what a signed-in user does in a request; add the object, the resident it
    /// is about and the fields with the methods below.
    pub fn by(
        user: &'a User,
        request: &'a crate::web::RequestId,
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
        .prepare_cached("INSERT INTO audit (tijd, gebruiker_id, gebruiker, rol, actie, object_soort, object_id, velden, doel, verzoek_id, inwoner_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
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
            e.subject
        ])
        .map_err(ApiError::db)?;
    }
    Ok(())
}
