//! The wire contract: every body that crosses HTTP between the browser app and the storage
//! endpoint, (de)serialised by both sides from these types — field-level mutations and their
//! answers, the typed 409 conflict, the change feed, a resident's file, registration and
//! assignment, the health answer and the error body. Raw types carry a record's fields as a
//! map (as stored); [`Stored`] is the same record read into its typed form at the client's edge.

use crate::records::{check_id, FieldError, Kind, Record};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A record's fields as stored and sent: name → value.
pub type Fields = Map<String, Value>;

/// One client change: set fields of one record on top of the version the client saw (0 for a
/// new record); `null` clears an optional field. The mutation id makes a retry safe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    pub mutatie_id: String,
    pub soort: Kind,
    pub id: String,
    pub inwoner_id: i64,
    pub basis_versie: i64,
    pub velden: Fields,
}

impl Mutation {
    /// What can be checked without the stored record: the client's ids, a non-empty change,
    /// and only fields the kind has. The merged record is checked by [`crate::records::check`].
    pub fn check(&self) -> Result<(), FieldError> {
        check_client_id("mutatie_id", &self.mutatie_id)?;
        check_client_id("id", &self.id)?;
        check_fields(self.soort, &self.velden)
    }
}

/// Check a client-chosen id; the error names the field.
pub fn check_client_id(field: &str, id: &str) -> Result<(), FieldError> {
    check_id(id).map_err(|e| FieldError {
        field: field.into(),
        message: e.message,
    })
}

/// A change must set at least one field, and only fields of its kind.
pub fn check_fields(kind: Kind, fields: &Fields) -> Result<(), FieldError> {
    if fields.is_empty() {
        return Err(FieldError {
            field: "velden".into(),
            message: Text::fixed(
                "Er zijn geen velden om op te slaan.",
                "There are no fields to save.",
            ),
        });
    }
    if let Some(unknown) = fields.keys().find(|k| kind.field(k).is_none()) {
        let allowed = kind.field_names().join(", ");
        return Err(FieldError {
            field: format!("velden.{unknown}"),
            message: Text::new(
                format!(
                    "Onbekend veld '{unknown}' voor een {}; toegestaan: {allowed}.",
                    kind.code()
                ),
                format!(
                    "Unknown field '{unknown}' for a {}; allowed: {allowed}.",
                    kind.code()
                ),
            ),
        });
    }
    Ok(())
}

/// A record as the server keeps and sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawRecord {
    pub soort: Kind,
    pub id: String,
    pub inwoner_id: i64,
    pub versie: i64,
    pub velden: Fields,
    pub volgnummer: i64,
    pub gewijzigd_door: String,
    pub gewijzigd_op: String,
    /// Only in a browser's own copy: a change made there that the server has not confirmed
    /// yet. The server never sets it (and never sends it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wacht: bool,
}

/// A stored record read into its typed form: what the app's offline copy and pages hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawRecord", into = "RawRecord")]
pub struct Stored {
    pub id: String,
    pub inwoner_id: i64,
    pub versie: i64,
    pub record: Record,
    /// The same record's fields as stored (what a change is compared with and what is kept
    /// on the device), so the browser never has to write a typed record back to fields.
    pub velden: Fields,
    pub volgnummer: i64,
    pub gewijzigd_door: String,
    pub gewijzigd_op: String,
    /// Made on this device and not yet confirmed by the server.
    pub wacht: bool,
}

impl Stored {
    pub fn kind(&self) -> Kind {
        self.record.kind()
    }
}

impl TryFrom<RawRecord> for Stored {
    type Error = String;
    fn try_from(r: RawRecord) -> Result<Stored, String> {
        // Stored records passed the server's check: the light path suffices.
        let record = Record::read(r.soort, &r.velden).map_err(|e| format!("{}: {e}", r.soort))?;
        Ok(Stored {
            id: r.id,
            inwoner_id: r.inwoner_id,
            versie: r.versie,
            record,
            velden: r.velden,
            volgnummer: r.volgnummer,
            gewijzigd_door: r.gewijzigd_door,
            gewijzigd_op: r.gewijzigd_op,
            wacht: r.wacht,
        })
    }
}

impl From<Stored> for RawRecord {
    fn from(s: Stored) -> RawRecord {
        RawRecord {
            soort: s.record.kind(),
            velden: s.velden,
            id: s.id,
            inwoner_id: s.inwoner_id,
            versie: s.versie,
            volgnummer: s.volgnummer,
            gewijzigd_door: s.gewijzigd_door,
            gewijzigd_op: s.gewijzigd_op,
            wacht: s.wacht,
        }
    }
}

/// The answer to an applied mutation (and, again, to a replay of its id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MutationAnswer {
    pub record: RawRecord,
    pub gewijzigde_velden: Vec<String>,
    /// This mutation id was applied before; this is its first answer.
    pub herhaald: bool,
}

/// A field the client changed that someone else changed since the client's base version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub veld: String,
    pub server_waarde: Value,
    pub uw_waarde: Value,
    pub gewijzigd_in_versie: i64,
}

/// One page of the change feed: records changed after `sinds`, residents that left the
/// caller's view (tombstones), where the page ends and whether more follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub wijzigingen: Vec<RawRecord>,
    pub vervallen: Vec<Gone>,
    pub tot: i64,
    pub meer: bool,
}

/// A resident who left the caller's view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gone {
    pub volgnummer: i64,
    pub inwoner_id: i64,
}

/// A resident's whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    pub inwoner_id: i64,
    pub consulent_id: Option<i64>,
    pub team: String,
    pub records: Vec<RawRecord>,
}

/// Register a resident (the fields of the resident record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub mutatie_id: String,
    pub velden: Fields,
}

/// Assign a resident to a consultant, or back to the waiting list (`null`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub consulent_id: Option<i64>,
}

/// Where a resident stands after an assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assigned {
    pub inwoner_id: i64,
    pub consulent_id: Option<i64>,
    pub team: String,
}

/// What `/api/gezondheid` answers (no personal data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub versie: String,
    pub database: String,
    pub schema_versie: i64,
    pub gemeente: Option<String>,
    pub inwoners: i64,
    pub regels: Vec<String>,
}

/// A message of an error answer, naming its field when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorText {
    pub veld: Option<String>,
    pub nl: String,
    pub en: String,
}

impl ErrorText {
    pub fn text(&self) -> Text {
        Text::new(self.nl.clone(), self.en.clone())
    }
    pub fn field_error(&self) -> FieldError {
        FieldError {
            field: self.veld.clone().unwrap_or_default(),
            message: self.text(),
        }
    }
}

impl From<&FieldError> for ErrorText {
    fn from(f: &FieldError) -> ErrorText {
        ErrorText {
            veld: Some(f.field.clone()),
            nl: f.message.nl.to_string(),
            en: f.message.en.to_string(),
        }
    }
}

/// The body of every error answer: the main message, every field problem (422), and for a
/// conflict (409) the conflicting fields with the record as the server has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub fout: ErrorText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fouten: Vec<ErrorText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicten: Vec<Conflict>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<RawRecord>,
}

/// A what-if scenario saved for a team: its parameters only, with who saved it and when; the
/// version guards against overwriting a colleague's later save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedScenario {
    pub id: i64,
    pub versie: i64,
    pub gewijzigd_door: String,
    pub gewijzigd_op: String,
    pub hefbomen: crate::scenario::Levers,
}

/// Save a scenario: a new one (no id) or a new version of a saved one (id and the version
/// the browser had).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveScenario {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub versie: Option<i64>,
    pub hefbomen: crate::scenario::Levers,
}
