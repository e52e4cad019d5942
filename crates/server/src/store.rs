//! The dossier store: versioned records, field-level patches with conflict detection, the
//! change feed's sequence numbers and the remembered answers that make mutation ids
//! replay-safe. Every function runs inside the caller's transaction; the connection mutex makes
//! writes serial, so change-feed sequence numbers are handed out in commit order. Errors are
//! this layer's own ([`StoreError`]); `error.rs` maps them to HTTP.

use meedoen_domain::records::{self, Context, FieldError, Kind};
use meedoen_domain::wire::{check_fields, Conflict, Fields, MutationAnswer, RawRecord};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{json, Map, Value};

/// Why the store did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    /// The merged record fails the domain check (every field problem).
    #[error("record fails its check")]
    Invalid(Vec<FieldError>),
    /// One field of the request is wrong (unknown field, no fields).
    #[error("field {}", .0.field)]
    Field(FieldError),
    /// A change of a record that does not exist (any more).
    #[error("record not found")]
    NotFound,
    /// The record exists under another resident.
    #[error("record belongs to another resident")]
    OtherResident,
    /// The client's base version is newer than the record or negative.
    #[error("version {base} does not exist (latest {latest})")]
    NoSuchVersion { base: i64, latest: i64 },
    /// Stored data that cannot be read back (a bug or a damaged file).
    #[error("stored data unreadable: {0}")]
    Corrupt(String),
}

type Result<T> = std::result::Result<T, StoreError>;

/// The next change-feed sequence number.
pub fn next_seq(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "UPDATE teller SET waarde = waarde + 1 WHERE naam = 'volgnummer' RETURNING waarde",
        )?
        .query_row([], |r| r.get(0))?)
}

/// One stored record as clients see it (the wire's raw record).
pub type Stored = RawRecord;

/// The columns [`stored`] reads, in order.
macro_rules! columns {
    () => {
        "d.soort, d.id, d.inwoner_id, d.versie, d.velden, d.volgnummer, d.gewijzigd_door, d.gewijzigd_op"
    };
}

/// Records as clients see them; read rows with [`stored`].
pub const SELECT: &str = concat!("SELECT ", columns!(), " FROM dossier d");

pub fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    let soort: String = r.get(0)?;
    let velden: String = r.get(4)?;
    let bad = |e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    };
    Ok(Stored {
        soort: Kind::parse(&soort).ok_or_else(|| bad(format!("unknown kind {soort}")))?,
        id: r.get(1)?,
        inwoner_id: r.get(2)?,
        versie: r.get(3)?,
        velden: serde_json::from_str(&velden).map_err(|e| bad(e.to_string()))?,
        volgnummer: r.get(5)?,
        gewijzigd_door: r.get(6)?,
        gewijzigd_op: r.get(7)?,
        wacht: false,
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
    pub fields: Fields,
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

/// Apply a patch after the domain check of the merged record.
pub fn apply(
    tx: &Transaction<'_>,
    patch: &Patch,
    ctx: &Context<'_>,
    by: &str,
    now: &str,
) -> Result<Applied> {
    check_fields(patch.kind, &patch.fields).map_err(StoreError::Field)?;
    let existing = tx
        .prepare_cached(concat!(
            "SELECT ",
            columns!(),
            ", d.veldversies FROM dossier d WHERE d.soort = ?1 AND d.id = ?2"
        ))?
        .query_row(params![patch.kind.code(), patch.id], |r| {
            let versions: String = r.get(8)?;
            let versions: Map<String, Value> = serde_json::from_str(&versions).unwrap_or_default();
            Ok((stored(r)?, versions))
        })
        .optional()?;
    let (mut fields, mut versions, version, created) = match &existing {
        None if patch.base != 0 => return Err(StoreError::NotFound),
        None => (Map::new(), Map::new(), 0, true),
        Some((rec, versions)) => {
            if rec.inwoner_id != patch.resident {
                return Err(StoreError::OtherResident);
            }
            if patch.base > rec.versie || patch.base < 0 {
                return Err(StoreError::NoSuchVersion {
                    base: patch.base,
                    latest: rec.versie,
                });
            }
            (rec.velden.clone(), versions.clone(), rec.versie, false)
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
        let record = existing
            .map(|(r, _)| r)
            .ok_or_else(|| StoreError::Corrupt("conflict without a record".into()))?;
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
    records::check(patch.kind, Value::Object(fields.clone()), ctx).map_err(StoreError::Invalid)?;
    let new_version = version + 1;
    for name in &changed {
        versions.insert(name.clone(), json!(new_version));
    }
    let seq = next_seq(tx)?;
    let text = Value::Object(fields.clone()).to_string();
    let vtext = Value::Object(versions).to_string();
    if created {
        tx.prepare_cached(
            "INSERT INTO dossier (soort, id, inwoner_id, versie, velden, veldversies, volgnummer, aangemaakt_door, aangemaakt_op, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
        )?
        .execute(params![patch.kind.code(), patch.id, patch.resident, new_version, text, vtext, seq, by, now],
        )?;
    } else {
        tx.prepare_cached(
            "UPDATE dossier SET versie = ?3, velden = ?4, veldversies = ?5, volgnummer = ?6, gewijzigd_door = ?7, gewijzigd_op = ?8 WHERE soort = ?1 AND id = ?2",
        )?
        .execute(params![patch.kind.code(), patch.id, new_version, text, vtext, seq, by, now],
        )?;
    }
    Ok(Applied::Written {
        record: Stored {
            soort: patch.kind,
            id: patch.id.clone(),
            inwoner_id: patch.resident,
            versie: new_version,
            velden: fields,
            volgnummer: seq,
            gewijzigd_door: by.into(),
            gewijzigd_op: now.into(),
            wacht: false,
        },
        changed,
        created,
    })
}

/// Give every record of a resident a new sequence number, so that a user who can newly see
/// the resident receives the whole file through the change feed.
pub fn touch_resident(tx: &Transaction<'_>, resident: i64) -> Result<()> {
    let keys: Vec<(String, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT soort, id FROM dossier WHERE inwoner_id = ?1 ORDER BY volgnummer",
        )?;
        let rows = stmt.query_map([resident], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    for (kind, id) in keys {
        let seq = next_seq(tx)?;
        tx.execute(
            "UPDATE dossier SET volgnummer = ?1 WHERE soort = ?2 AND id = ?3",
            params![seq, kind, id],
        )?;
    }
    Ok(())
}

/// The fingerprint of a request's content: SHA-256 of its JSON (fields in a fixed order).
pub fn fingerprint<T: serde::Serialize>(body: &T) -> String {
    let text = serde_json::to_string(body).unwrap_or_default();
    crate::token::sha256_hex(text.as_bytes())
}

/// The first answer to a mutation id of this user, when it was applied before (a replay). The
/// same id with other content is refused, naming `mutatie_id`: a client that reuses an id
/// would otherwise lose its new change without a word.
pub fn replayed(
    tx: &Transaction<'_>,
    user: i64,
    id: &str,
    print: &str,
) -> Result<Option<MutationAnswer>> {
    let stored: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT antwoord, inhoud FROM mutatie WHERE gebruiker_id = ?1 AND id = ?2",
            params![user, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((_, Some(first))) = &stored {
        if first != print {
            return Err(StoreError::Field(FieldError {
                field: "mutatie_id".into(),
                message: meedoen_domain::Text::new(
                    "Deze mutatie-id is al gebruikt voor een andere wijziging; maak een nieuwe id. Er is niets opgeslagen.",
                    "This mutation id was already used for another change; make a new id. Nothing was saved.",
                ),
            }));
        }
    }
    stored
        .map(|(text, _)| {
            serde_json::from_str::<MutationAnswer>(&text)
                .map(|a| MutationAnswer {
                    herhaald: true,
                    ..a
                })
                .map_err(|e| StoreError::Corrupt(format!("mutation answer: {e}")))
        })
        .transpose()
}

/// Keep the answer to an applied mutation under its id, so a replay gets it again.
pub fn remember(
    tx: &Transaction<'_>,
    user: i64,
    mutation: &str,
    print: &str,
    now: &str,
    record: &Stored,
    changed: &[String],
) -> Result<MutationAnswer> {
    let answer = MutationAnswer {
        record: record.clone(),
        gewijzigde_velden: changed.to_vec(),
        herhaald: false,
    };
    let text = serde_json::to_string(&answer)
        .map_err(|e| StoreError::Corrupt(format!("mutation answer: {e}")))?;
    tx.execute(
        "INSERT INTO mutatie (gebruiker_id, id, tijd, antwoord, inhoud) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![user, mutation, now, text, print],
    )?;
    Ok(answer)
}
