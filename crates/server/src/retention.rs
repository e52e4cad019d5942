//! Retention and the rights of residents (issue 18). The rule of what is due is the domain's
//! (`meedoen_domain::retention`); here the files are read, listed, and erased in one
//! transaction with an audit entry each. Offline copies drop an erased resident through the
//! change feed (`vervallen`), like a resident that leaves someone's view.

use crate::audit::{self, Action, Entry};
use crate::error::ApiError;
use crate::store;
use meedoen_domain::retention::{self, Due};
use rusqlite::{params, Connection};

/// Why files are erased, in the audit log.
pub fn purpose(years: u32) -> String {
    format!(
        "bewaartermijn verstreken: dossier langer dan {years} jaar afgesloten (AVG art. 5 lid 1 e)"
    )
}

/// The files due for erasure on `today` with a retention period of `years`.
pub fn plan(conn: &Connection, today: chrono::NaiveDate, years: u32) -> Result<Vec<Due>, ApiError> {
    let files = crate::report::read_population(conn)?;
    Ok(retention::due(&files, today, years))
}

/// Erase these files in one transaction: every record, the form submissions linked to them,
/// the remembered mutation answers that hold their content, and the resident; the feed tells
/// offline copies to drop them; one audit entry each (the audit log itself is kept: it holds
/// ids and field names, no content). A file that changed since it was listed is left alone.
/// Returns the number of files and of records erased.
pub fn erase(
    conn: &mut Connection,
    list: &[Due],
    now: &str,
    years: u32,
    by: &str,
) -> Result<(usize, usize), ApiError> {
    let why = purpose(years);
    let tx = conn.transaction().map_err(ApiError::db)?;
    let (mut files_erased, mut records) = (0, 0);
    for d in list {
        // Still due inside the transaction: nothing was added to the file since it was listed.
        let files = crate::report::read_file(&tx, d.resident)?;
        let still = files
            .as_ref()
            .and_then(|f| retention::closed_on(&f.records))
            .is_some_and(|c| c == d.closed_on);
        if !still {
            continue;
        }
        if let Some(c) = d.consultant {
            let seq = store::next_seq(&tx).map_err(ApiError::from)?;
            tx.execute(
                "INSERT INTO vervallen (volgnummer, gebruiker_id, inwoner_id) VALUES (?1, ?2, ?3)",
                params![seq, c, d.resident],
            )
            .map_err(ApiError::db)?;
        }
        let seq = store::next_seq(&tx).map_err(ApiError::from)?;
        tx.execute(
            "INSERT INTO vervallen (volgnummer, team, inwoner_id) VALUES (?1, ?2, ?3)",
            params![seq, d.team, d.resident],
        )
        .map_err(ApiError::db)?;
        tx.execute(
            "DELETE FROM mutatie WHERE json_extract(antwoord, '$.record.inwoner_id') = ?1",
            [d.resident],
        )
        .map_err(ApiError::db)?;
        tx.execute("DELETE FROM signaal WHERE inwoner_id = ?1", [d.resident])
            .map_err(ApiError::db)?;
        tx.execute(
            "DELETE FROM indicator_waarde WHERE inwoner_id = ?1",
            [d.resident],
        )
        .map_err(ApiError::db)?;
        tx.execute(
            "DELETE FROM opdracht_inwoner WHERE inwoner_id = ?1",
            [d.resident],
        )
        .map_err(ApiError::db)?;
        tx.execute("DELETE FROM inzending WHERE inwoner_id = ?1", [d.resident])
            .map_err(ApiError::db)?;
        records += tx
            .execute("DELETE FROM dossier WHERE inwoner_id = ?1", [d.resident])
            .map_err(ApiError::db)?;
        tx.execute("DELETE FROM inwoner WHERE id = ?1", [d.resident])
            .map_err(ApiError::db)?;
        files_erased += 1;
        audit::write(
            &tx,
            now,
            &[Entry {
                user: None,
                actor: by,
                action: Action::Delete,
                object_kind: "inwoner",
                object_id: Some(d.resident.to_string()),
                subject: Some(d.resident),
                fields: &[],
                purpose: &why,
                request_id: "opdrachtregel",
                client: None,
            }],
        )?;
    }
    tx.commit().map_err(ApiError::db)?;
    Ok((files_erased, records))
}
