//! The demo municipality: a deterministic seed loaded into a fresh database, so the product
//! can be tried at once. Residents' facts come from the domain crate's synthetic generator.

use chrono::NaiveDate;
use meedoen_domain::synth::{population, Rng};
use rusqlite::{params, Connection};

/// Number of residents on assistance in the demo municipality (as in the reference municipality).
pub const RESIDENTS: usize = 1_900;

const FIRST: &[&str] = &[
    "Anna", "Mohamed", "Fatima", "Jan", "Sanne", "Youssef", "Priya", "Kees", "Ayşe", "Daan",
    "Lotte", "Rachid", "Noura", "Pieter", "Esther", "Emre", "Samira", "Bram", "Ingrid", "Tariq",
];
const LAST: &[&str] = &[
    "de Vries",
    "Jansen",
    "El Amrani",
    "Bakker",
    "Yilmaz",
    "Visser",
    "Smit",
    "Boukhari",
    "Meijer",
    "de Boer",
    "Kaya",
    "Mulder",
    "Hoekstra",
    "Ramdin",
    "Dijkstra",
    "Öztürk",
    "Vermeulen",
    "van Dam",
    "Bouali",
    "Peters",
];

/// Load the demo municipality into an empty database; does nothing if a municipality exists.
pub fn seed(conn: &mut Connection) -> rusqlite::Result<bool> {
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM gemeente)", [], |r| r.get(0))?;
    if exists {
        return Ok(false);
    }
    let tx = conn.transaction()?;
    tx.execute("INSERT INTO gemeente (id, naam, demo, aangemaakt) VALUES (1, 'Demogemeente Meedoen', 1, '2022-09-01')", [])?;
    let day = NaiveDate::from_ymd_opt(2025, 12, 1).expect("valid date");
    let mut rng = Rng::new(2022);
    {
        let mut insert = tx.prepare("INSERT INTO inwoner (id, naam, feiten, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, 'demo', '2025-12-01T09:00:00Z')")?;
        for (i, facts) in population(RESIDENTS, 2022, day).iter().enumerate() {
            let name = format!(
                "{} {}",
                FIRST[rng.below(FIRST.len() as u64) as usize],
                LAST[rng.below(LAST.len() as u64) as usize]
            );
            let json = serde_json::to_string(facts).expect("facts serialise");
            insert.execute(params![i as i64 + 1, name, json])?;
        }
    }
    tx.commit()?;
    Ok(true)
}
