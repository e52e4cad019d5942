//! The dossier store: versioned records, field-level patches with conflict detection, and the
//! change feed. Every function runs inside the caller's transaction; the connection mutex makes
//! writes serial, so change-feed sequence numbers are handed out in commit order.

use crate::web::ApiError;
use axum::http::StatusCode;
use meedoen_domain::records::{self, Context, Kind};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The next change-feed sequence number.
pub fn next_seq(tx: &Transaction<'_>) -> Result<i64, ApiError> {
    tx.query_row(
        "UPDATE teller SET waarde = waarde + 1 WHERE naam = 'volgnummer' RETURNING waarde",
        [],
        |r| r.get(0),
    )
    .map_err(ApiError::db)
}

/// One stored record as clients see it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stored {
    pub soort: String,
    pub id: String,
    pub inwoner_id: i64,
    pub versie: i64,
    pub velden: Value,
    pub volgnummer: i64,
    pub gewijzigd_door: String,
    pub gewijzigd_op: String,
}

/// The columns [`stored`] reads, in order.
macro_rules! columns {
    () => {
        "d.soort, d.id, d.inwoner_id, d.versie, d.velden, d.volgnummer, d.gewijzigd_door, d.gewijzigd_op"
    };
}

/// Records as clients see them; read rows with [`stored`].
pub const SELECT: &str = concat!("SELECT ", columns!(), " FROM dossier d");

pub fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    let velden: String = r.get(4)?;
    Ok(Stored {
        soort: r.get(0)?,
        id: r.get(1)?,
        inwoner_id: r.get(2)?,
        versie: r.get(3)?,
        velden: serde_json::from_str(&velden).unwrap_or(Value::Null),
        volgnummer: r.get(5)?,
        gewijzigd_door: r.get(6)?,
        gewijzigd_op: r.get(7)?,
    })
}

/// A field-level patch: the fields to set (null clears an optional field) on top of the
/// version the client last saw (0 for a new record).
#[derive(Debug, Clone)]
pub struct Patch {
    pub kind: Kind,
    pub id: String,
    pub resident: i64,
    pub base: i64,
    pub fields: Map<String, Value>,
}

/// A field the client changed that someone else changed since the client's base version.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub veld: String,
    pub server_waarde: Value,
    pub uw_waarde: Value,
    pub gewijzigd_in_versie: i64,
}

/// What a patch did.
#[derive(Debug)]
pub enum Applied {
    /// The record as it now stands, and the fields that changed.
    Written {
        record: Stored,
        changed: Vec<String>,
        created: bool,
    },
    /// Nothing applied: the conflicting fields, with the server's record.
    Conflict {
        record: Stored,
        conflicts: Vec<Conflict>,
    },
}

/// Errors from the domain check, as a 422 with every field.
pub fn invalid(errors: Vec<records::FieldError>) -> ApiError {
    let first = errors.first().cloned();
    let mut e = ApiError::field(
        StatusCode::UNPROCESSABLE_ENTITY,
        first.as_ref().map_or("", |f| f.field.as_str()),
        &first.as_ref().map_or(String::new(), |f| {
            format!("{}: {}", label(&f.field), f.message.nl)
        }),
        &first.as_ref().map_or(String::new(), |f| {
            format!("{}: {}", label(&f.field), f.message.en)
        }),
    );
    e.details = Some(json!(errors
        .iter()
        .map(|f| json!({"veld": f.field, "nl": f.message.nl, "en": f.message.en}))
        .collect::<Vec<_>>()));
    e
}

fn label(field: &str) -> &str {
    if field.is_empty() {
        "gegevens"
    } else {
        field
    }
}

/// Apply a patch after the domain check of the merged record.
pub fn apply(
    tx: &Transaction<'_>,
    patch: &Patch,
    ctx: &Context<'_>,
    by: &str,
    now: &str,
) -> Result<Applied, ApiError> {
    if patch.fields.is_empty() {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "velden",
            "Er zijn geen velden om op te slaan.",
            "There are no fields to save.",
        ));
    }
    let allowed = patch.kind.fields();
    if let Some(unknown) = patch.fields.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("velden.{unknown}"),
            &format!(
                "Onbekend veld '{unknown}' voor een {}; toegestaan: {}.",
                patch.kind.code(),
                allowed.join(", ")
            ),
            &format!(
                "Unknown field '{unknown}' for a {}; allowed: {}.",
                patch.kind.code(),
                allowed.join(", ")
            ),
        ));
    }
    let existing = tx
        .query_row(
            concat!(
                "SELECT ",
                columns!(),
                ", d.veldversies FROM dossier d WHERE d.soort = ?1 AND d.id = ?2"
            ),
            params![patch.kind.code(), patch.id],
            |r| {
                let versions: String = r.get(8)?;
                let versions: Map<String, Value> =
                    serde_json::from_str(&versions).unwrap_or_default();
                Ok((stored(r)?, versions))
            },
        )
        .optional()
        .map_err(ApiError::db)?;
    let (mut fields, mut versions, version, created) = match &existing {
        None if patch.base != 0 => {
            return Err(ApiError::field(
                StatusCode::NOT_FOUND,
                "id",
                "Dit record bestaat niet (meer). Maak het opnieuw aan met basis_versie 0.",
                "This record does not exist (any more). Create it again with basis_versie 0.",
            ))
        }
        None => (Map::new(), Map::new(), 0, true),
        Some((rec, versions)) => {
            if rec.inwoner_id != patch.resident {
                return Err(ApiError::field(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "inwoner_id",
                    "Dit record hoort bij een andere inwoner.",
                    "This record belongs to another resident.",
                ));
            }
            if patch.base > rec.versie || patch.base < 0 {
                return Err(ApiError::field(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "basis_versie",
                    &format!(
                        "Versie {} bestaat niet; de laatste versie is {}.",
                        patch.base, rec.versie
                    ),
                    &format!(
                        "Version {} does not exist; the latest version is {}.",
                        patch.base, rec.versie
                    ),
                ));
            }
            (
                rec.velden.as_object().cloned().unwrap_or_default(),
                versions.clone(),
                rec.versie,
                false,
            )
        }
    };
    // Conflicts: fields this patch sets that changed after the client's base version to a
    // different value. Equal values converge and are no conflict.
    let mut conflicts = Vec::new();
    let mut changed = Vec::new();
    for (name, value) in &patch.fields {
        let current = fields.get(name).cloned().unwrap_or(Value::Null);
        if &current == value {
            continue;
        }
        let changed_in = versions.get(name).and_then(Value::as_i64).unwrap_or(0);
        if changed_in > patch.base {
            conflicts.push(Conflict {
                veld: name.clone(),
                server_waarde: current,
                uw_waarde: value.clone(),
                gewijzigd_in_versie: changed_in,
            });
        } else {
            changed.push(name.clone());
        }
    }
    if !conflicts.is_empty() {
        let record = existing.map(|(r, _)| r).ok_or_else(ApiError::internal)?;
        return Ok(Applied::Conflict { record, conflicts });
    }
    if changed.is_empty() {
        if let Some((record, _)) = existing {
            return Ok(Applied::Written {
                record,
                changed,
                created: false,
            });
        }
    }
    for name in &changed {
        match patch.fields.get(name) {
            Some(Value::Null) | None => {
                fields.remove(name);
            }
            Some(v) => {
                fields.insert(name.clone(), v.clone());
            }
        }
    }
    records::check(patch.kind, Value::Object(fields.clone()), ctx).map_err(invalid)?;
    let new_version = version + 1;
    for name in &changed {
        versions.insert(name.clone(), json!(new_version));
    }
    let seq = next_seq(tx)?;
    let velden = Value::Object(fields);
    let text = velden.to_string();
    let vtext = Value::Object(versions).to_string();
    if created {
        tx.execute(
            "INSERT INTO dossier (soort, id, inwoner_id, versie, velden, veldversies, volgnummer, aangemaakt_door, aangemaakt_op, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
            params![patch.kind.code(), patch.id, patch.resident, new_version, text, vtext, seq, by, now],
        )
        .map_err(ApiError::db)?;
    } else {
        tx.execute(
            "UPDATE dossier SET versie = ?3, velden = ?4, veldversies = ?5, volgnummer = ?6, gewijzigd_door = ?7, gewijzigd_op = ?8 WHERE soort = ?1 AND id = ?2",
            params![patch.kind.code(), patch.id, new_version, text, vtext, seq, by, now],
        )
        .map_err(ApiError::db)?;
    }
    Ok(Applied::Written {
        record: Stored {
            soort: patch.kind.code().into(),
            id: patch.id.clone(),
            inwoner_id: patch.resident,
            versie: new_version,
            velden,
            volgnummer: seq,
            gewijzigd_door: by.into(),
            gewijzigd_op: now.into(),
        },
        changed,
        created,
    })
}

/// Give every record of a resident a new sequence number, so that a user who can newly see
/// the resident receives the whole file through the change feed.
pub fn touch_resident(tx: &Transaction<'_>, resident: i64) -> Result<(), ApiError> {
    let keys: Vec<(String, String)> = {
        let mut stmt = tx
            .prepare_cached(
                "SELECT soort, id FROM dossier WHERE inwoner_id = ?1 ORDER BY volgnummer",
            )
            .map_err(ApiError::db)?;
        let rows = stmt
            .query_map([resident], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(ApiError::db)?;
        rows.collect::<Result<_, _>>().map_err(ApiError::db)?
    };
    for (kind, id) in keys {
        let seq = next_seq(tx)?;
        tx.execute(
            "UPDATE dossier SET volgnummer = ?1 WHERE soort = ?2 AND id = ?3",
            params![seq, kind, id],
        )
        .map_err(ApiError::db)?;
    }
    Ok(())
}
