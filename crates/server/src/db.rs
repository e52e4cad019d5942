//! SQLite storage: opening with durable settings (WAL, full sync, foreign keys) and applying
//! the embedded migrations in order at start-up.

use rusqlite::Connection;
use std::path::Path;

/// Migrations, in order. Never edit one that has been released; add a new one.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_basis", include_str!("../migrations/0001_basis.sql")),
    (
        "0002_toegang",
        include_str!("../migrations/0002_toegang.sql"),
    ),
    (
        "0003_dossier",
        include_str!("../migrations/0003_dossier.sql"),
    ),
    (
        "0004_rapportage",
        include_str!("../migrations/0004_rapportage.sql"),
    ),
    (
        "0005_scenario",
        include_str!("../migrations/0005_scenario.sql"),
    ),
    (
        "0006_mutatie_inhoud",
        include_str!("../migrations/0006_mutatie_inhoud.sql"),
    ),
    (
        "0007_audit_adres",
        include_str!("../migrations/0007_audit_adres.sql"),
    ),
    (
        "0008_verwijderverzoek",
        include_str!("../migrations/0008_verwijderverzoek.sql"),
    ),
    (
        "0009_account",
        include_str!("../migrations/0009_account.sql"),
    ),
    (
        "0010_toewijzing",
        include_str!("../migrations/0010_toewijzing.sql"),
    ),
    (
        "0011_inlezing",
        include_str!("../migrations/0011_inlezing.sql"),
    ),
    (
        "0012_partner",
        include_str!("../migrations/0012_partner.sql"),
    ),
    ("0013_srg", include_str!("../migrations/0013_srg.sql")),
    (
        "0014_signaal",
        include_str!("../migrations/0014_signaal.sql"),
    ),
    (
        "0015_klant_in_beeld",
        include_str!("../migrations/0015_klant_in_beeld.sql"),
    ),
];

/// Every row of `sql` with `params`, each made by `row` (through the connection's statement
/// cache): the prepare, query and collect that a list read needs.
pub fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, row)?;
    rows.collect()
}

/// Open (or create) the database file and bring its schema up to date.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    migrate(&conn)?;
    Ok(conn)
}

/// Apply every migration not yet applied, each in its own transaction.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_migratie (naam TEXT PRIMARY KEY, toegepast_op TEXT NOT NULL)")?;
    for (name, sql) in MIGRATIONS {
        let done: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM schema_migratie WHERE naam = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !done {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(sql)?;
            if sql.contains("writable_schema") {
                // A rewritten schema text is read again only after the version moves on.
                let v: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
                tx.pragma_update(None, "schema_version", v + 1)?;
                let ok: String = tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
                if ok != "ok" {
                    return Err(rusqlite::Error::InvalidQuery);
                }
            }
            tx.execute(
                "INSERT INTO schema_migratie (naam, toegepast_op) VALUES (?1, datetime('now'))",
                [name],
            )?;
            tx.commit()?;
        }
    }
    Ok(())
}

/// How many migrations are applied.
/// At shutdown: write the WAL back into the database file and empty it, so the file alone is
/// the whole database (a copy taken after a stop needs no `-wal` beside it).
pub fn checkpoint(db: &std::sync::Mutex<Connection>) -> Result<(), String> {
    let conn = db
        .lock()
        .map_err(|_| "de databaseverbinding is onbruikbaar".to_string())?;
    let (busy, _, _): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map_err(|e| e.to_string())?;
    if busy != 0 {
        return Err("de WAL kon niet worden teruggeschreven (bezet)".into());
    }
    Ok(())
}

pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM schema_migratie", [], |r| r.get(0))
}

/// An online backup: a consistent snapshot of a live database (`VACUUM INTO`), safe while the
/// server runs. Refuses to overwrite an existing file.
pub fn backup(conn: &Connection, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!(
            "{} bestaat al; kies een nieuw bestand",
            to.display()
        ));
    }
    let target = to
        .to_str()
        .ok_or("het pad van de back-up is geen geldige tekst")?;
    conn.execute("VACUUM INTO ?1", [target])
        .map_err(|e| format!("back-up mislukt: {e}"))?;
    let copy = Connection::open(to).map_err(|e| e.to_string())?;
    let ok: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if ok != "ok" {
        return Err(format!("de back-up is niet in orde: {ok}"));
    }
    Ok(())
}

/// Export every record as JSON lines (one record per line), for archive or transfer. The
/// export itself is written to the audit log by the caller.
/// Restore a back-up into a new database file: the back-up is checked first (SQLite's
/// integrity check, a Meedoen schema no newer than this program), copied, brought up to this
/// program's schema and checked again. Never overwrites: move a damaged file aside first, with
/// the server stopped. Returns the number of records restored.
pub fn restore(from: &Path, to: &Path) -> Result<i64, String> {
    if !from.is_file() {
        return Err(format!("{} bestaat niet", from.display()));
    }
    for existing in [to.to_path_buf(), with_suffix(to, "-wal")] {
        if existing.exists() {
            return Err(format!(
                "{} bestaat al; zet het oude bestand eerst opzij (met de server gestopt)",
                existing.display()
            ));
        }
    }
    let source = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| format!("{}: {e}", from.display()))?;
    let check = |conn: &Connection, what: &str| -> Result<(), String> {
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| format!("{what} is geen leesbare SQLite-database: {e}"))?;
        if ok != "ok" {
            return Err(format!("{what} is niet in orde: {ok}"));
        }
        Ok(())
    };
    check(&source, "de back-up")?;
    let version = schema_version(&source)
        .map_err(|_| "de back-up is geen Meedoen-database (geen schema_migratie)".to_string())?;
    if version < 1 || version > MIGRATIONS.len() as i64 {
        return Err(format!(
            "de back-up heeft schemaversie {version}; dit programma kent 1 tot en met {}",
            MIGRATIONS.len()
        ));
    }
    let target = to
        .to_str()
        .ok_or("het pad van de database is geen geldige tekst")?;
    source
        .execute("VACUUM INTO ?1", [target])
        .map_err(|e| format!("terugzetten mislukt: {e}"))?;
    drop(source);
    let conn = open(to).map_err(|e| format!("de teruggezette database openen: {e}"))?;
    check(&conn, "de teruggezette database")?;
    conn.query_row("SELECT COUNT(*) FROM dossier", [], |r| r.get(0))
        .map_err(|e| e.to_string())
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

pub fn export(conn: &Connection, out: &mut dyn std::io::Write) -> Result<usize, String> {
    let mut stmt = conn
        .prepare("SELECT soort, id, inwoner_id, versie, velden, gewijzigd_door, gewijzigd_op FROM dossier ORDER BY inwoner_id, volgnummer")
        .map_err(|e| e.to_string())?;
    let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
    let mut n = 0;
    while let Some(r) = rows.next().map_err(|e| e.to_string())? {
        let velden: String = r.get(4).map_err(|e| e.to_string())?;
        let line = serde_json::json!({
            "soort": r.get::<_, String>(0).map_err(|e| e.to_string())?,
            "id": r.get::<_, String>(1).map_err(|e| e.to_string())?,
            "inwoner_id": r.get::<_, i64>(2).map_err(|e| e.to_string())?,
            "versie": r.get::<_, i64>(3).map_err(|e| e.to_string())?,
            "velden": serde_json::from_str::<serde_json::Value>(&velden).map_err(|e| e.to_string())?,
            "gewijzigd_door": r.get::<_, String>(5).map_err(|e| e.to_string())?,
            "gewijzigd_op": r.get::<_, String>(6).map_err(|e| e.to_string())?,
        });
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok(n)
}
