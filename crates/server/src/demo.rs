//! The demo municipality: a deterministic seed loaded into a fresh database, so the product
//! can be tried at once. Residents' facts come from the domain crate's synthetic generator.

use crate::access::{insert_user, NewUser};
use crate::auth::Role;
use chrono::NaiveDate;
use meedoen_domain::synth::{population, Rng};
use meedoen_domain::{assess, RuleSet};
use rusqlite::{params, Connection};

/// The demo sign-ins: (user name, name, role, team, password). Printed at start-up; demo only.
pub const USERS: &[(&str, &str, Role, &str, &str)] = &[
    (
        "pc.ramdin",
        "Priya Ramdin",
        Role::Participatieconsulent,
        "participatie",
        "demo-participatie-1",
    ),
    (
        "pc.devries",
        "Sanne de Vries",
        Role::Participatieconsulent,
        "participatie",
        "demo-participatie-2",
    ),
    (
        "pc.elamrani",
        "Youssef El Amrani",
        Role::Participatieconsulent,
        "participatie",
        "demo-participatie-3",
    ),
    (
        "wc.bakker",
        "Kees Bakker",
        Role::Werkconsulent,
        "wsp",
        "demo-werkgevers-1",
    ),
    (
        "wc.yilmaz",
        "Ayşe Yilmaz",
        Role::Werkconsulent,
        "wsp",
        "demo-werkgevers-2",
    ),
    (
        "tl.visser",
        "Esther Visser",
        Role::Teamleider,
        "participatie",
        "demo-teamleider-1",
    ),
    (
        "beheer",
        "Functioneel beheer",
        Role::Beheerder,
        "beheer",
        "demo-beheerder-1",
    ),
];

/// Caseload of the participation consultants together, as in the reference municipality.
pub const PARTICIPATION_CASELOAD: usize = 241;

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
    // Users, then caseloads: care and participation trajectories to the three participation
    // consultants (241 together, as in the report), work trajectories to the WSP.
    let now = "2025-12-01T09:00:00.000Z";
    let mut ids = Vec::new();
    for (username, name, role, team, password) in USERS {
        let user = NewUser {
            gebruikersnaam: username.to_string(),
            naam: name.to_string(),
            rol: *role,
            team: team.to_string(),
            wachtwoord: password.to_string(),
        };
        ids.push((
            *role,
            insert_user(&tx, &user, "demo", now)
                .map_err(|e| rusqlite::Error::InvalidParameterName(e.nl))?,
        ));
    }
    let pcs: Vec<i64> = ids
        .iter()
        .filter(|(r, _)| *r == Role::Participatieconsulent)
        .map(|(_, id)| *id)
        .collect();
    let wcs: Vec<i64> = ids
        .iter()
        .filter(|(r, _)| *r == Role::Werkconsulent)
        .map(|(_, id)| *id)
        .collect();
    let rules = RuleSet::embedded()
        .at(day)
        .expect("rules in force on the demo date");
    let (mut n_pc, mut n_wc) = (0usize, 0usize);
    {
        let mut residents = tx.prepare("SELECT id, feiten FROM inwoner ORDER BY id")?;
        let all: Vec<(i64, String)> = residents
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut assign =
            tx.prepare("UPDATE inwoner SET consulent_id = ?1, team = ?2 WHERE id = ?3")?;
        for (id, facts) in all {
            let raw: meedoen_domain::RawFacts =
                serde_json::from_str(&facts).expect("seeded facts are valid JSON");
            let outcome = assess(&rules, &raw.validate().expect("seeded facts are valid"));
            match outcome.traject {
                Some("werk") => {
                    let who = (n_wc < 160).then(|| wcs[n_wc % wcs.len()]);
                    n_wc += 1;
                    assign.execute(params![who, "wsp", id])?;
                }
                _ if n_pc < PARTICIPATION_CASELOAD
                    && outcome.segment != Some("niet_op_korte_termijn") =>
                {
                    assign.execute(params![pcs[n_pc % pcs.len()], "participatie", id])?;
                    n_pc += 1;
                }
                _ => {}
            }
        }
    }
    tx.commit()?;
    Ok(true)
}
