//! The one API error type: a status and a bilingual message (naming the field when there is
//! one), every field problem of a 422 and the conflict of a 409, sent as the wire module's
//! [`ErrorBody`]. It never carries internals: a database error is logged and answered as 500.
//! Storage errors ([`StoreError`]) map to HTTP here, in one place.

use crate::store::StoreError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use meedoen_domain::records::FieldError;
use meedoen_domain::wire::{Conflict, ErrorBody, ErrorText, RawRecord};
use meedoen_domain::Text;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    /// Boxed: errors travel through every `Result` of the server and should stay small.
    pub body: Box<ErrorBody>,
}

impl ApiError {
    /// An error with this message, about one field or the request as a whole.
    pub fn text(status: StatusCode, field: Option<String>, message: Text) -> ApiError {
        ApiError {
            status,
            body: Box::new(ErrorBody {
                fout: ErrorText {
                    veld: field,
                    nl: message.nl.into_owned(),
                    en: message.en.into_owned(),
                },
                fouten: vec![],
                conflicten: vec![],
                server: None,
            }),
        }
    }

    /// An error about the request as a whole.
    pub fn new(status: StatusCode, nl: &str, en: &str) -> ApiError {
        ApiError::text(status, None, Text::new(nl.to_string(), en.to_string()))
    }

    /// A client error about one field.
    pub fn field(status: StatusCode, field: &str, nl: &str, en: &str) -> ApiError {
        ApiError::text(
            status,
            Some(field.into()),
            Text::new(nl.to_string(), en.to_string()),
        )
    }

    /// A 422 about one field, from the domain's check.
    pub fn invalid_field(e: FieldError) -> ApiError {
        ApiError::text(StatusCode::UNPROCESSABLE_ENTITY, Some(e.field), e.message)
    }

    /// Errors from the domain check, as a 422 with every field; the main message is the
    /// first problem, prefixed with its field.
    pub fn invalid(errors: Vec<FieldError>) -> ApiError {
        let first = errors.first();
        let field = first.map_or("", |f| f.field.as_str());
        let label = if field.is_empty() { "gegevens" } else { field };
        let mut e = ApiError::text(
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field.to_string()),
            Text::new(
                first.map_or(String::new(), |f| format!("{label}: {}", f.message.nl)),
                first.map_or(String::new(), |f| format!("{label}: {}", f.message.en)),
            ),
        );
        e.body.fouten = errors.iter().map(ErrorText::from).collect();
        e
    }

    /// A conflict: someone else changed these fields since the client's base version.
    pub fn conflict(record: RawRecord, conflicts: Vec<Conflict>) -> ApiError {
        let names = conflicts
            .iter()
            .map(|c| c.veld.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut e = ApiError::text(
            StatusCode::CONFLICT,
            conflicts.first().map(|c| c.veld.clone()),
            Text::new(
                format!(
                    "Iemand anders heeft intussen {names} gewijzigd (nu versie {}). Kies per veld welke waarde blijft en sla opnieuw op.",
                    record.versie
                ),
                format!(
                    "Someone else changed {names} in the meantime (now version {}). Choose per field which value stays and save again.",
                    record.versie
                ),
            ),
        );
        e.body.conflicten = conflicts;
        e.body.server = Some(record);
        e
    }

    /// A 500. The cause is logged with where it was raised (`#[track_caller]`), so no 5xx
    /// leaves the server without a logged cause.
    #[track_caller]
    pub fn internal() -> ApiError {
        let at = std::panic::Location::caller();
        tracing::error!(plaats = %at, "interne fout");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Er ging iets mis op de server. Probeer het later opnieuw.",
            "Something went wrong on the server. Please try again later.",
        )
    }

    #[track_caller]
    pub fn db(e: rusqlite::Error) -> ApiError {
        tracing::error!(fout = %e, "databasefout");
        ApiError::internal()
    }
}

/// A 422 about one field: the request was understood, but this field's value cannot be used.
pub fn bad(field: &str, nl: &str, en: &str) -> ApiError {
    ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, field, nl, en)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(*self.body)).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Db(e) => ApiError::db(e),
            StoreError::Invalid(errors) => ApiError::invalid(errors),
            StoreError::Field(e) => ApiError::invalid_field(e),
            StoreError::NotFound => ApiError::field(
                StatusCode::NOT_FOUND,
                "id",
                "Dit record bestaat niet (meer). Maak het opnieuw aan met basis_versie 0.",
                "This record does not exist (any more). Create it again with basis_versie 0.",
            ),
            StoreError::OtherResident => ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "inwoner_id",
                "Dit record hoort bij een andere inwoner.",
                "This record belongs to another resident.",
            ),
            StoreError::NoSuchVersion { base, latest } => ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "basis_versie",
                &format!("Versie {base} bestaat niet; de laatste versie is {latest}."),
                &format!("Version {base} does not exist; the latest version is {latest}."),
            ),
            StoreError::Corrupt(what) => {
                tracing::error!(wat = %what, "opgeslagen gegevens onleesbaar");
                ApiError::internal()
            }
        }
    }
}
