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
];

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
pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM schema_migratie", [], |r| r.get(0))
}
