//! The demo municipality: a deterministic seed loaded into a fresh database, so the product
//! can be tried at once. Residents' facts come from the domain crate's synthetic generator.

use crate::admin::{insert_user, NewUser};
use crate::auth::Role;
use chrono::{Days, NaiveDate};
use meedoen_domain::facts::{DayActivities, UnpaidKind, UnpaidWork};
use meedoen_domain::records::{self, Context, Kind};
use meedoen_domain::synth::{population, Rng};
use meedoen_domain::{assess, Outcome, RawFacts, RuleSet};
use rusqlite::{params, Connection};
use serde_json::{json, Map, Value};

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
    (
        "bm.jansen",
        "Marloes Jansen",
        Role::Beleidsmedewerker,
        "beleid",
        "demo-beleid-1",
    ),
    (
        "ik.dekker",
        "Joost Dekker",
        Role::Inkomensconsulent,
        "inkomen",
        "demo-inkomen-1",
    ),
    (
        "eb.koen",
        "Bureau Koen (extern)",
        Role::Beoordelaar,
        "extern",
        "demo-beoordelaar-1",
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

/// The date the demo histories run up to (the council letter of early 2026); durability
/// check-points due by then are filled in.
pub fn reference_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).expect("valid date")
}

/// Start of the participation approach in the reference municipality.
fn approach_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 9, 1).expect("valid date")
}

const EMPLOYERS: &[&str] = &[
    "Zorggroep Haaglanden",
    "Bouwbedrijf Ypenburg",
    "Schoonmaak Vlietland",
    "Supermarkt De Bogaard",
    "Gemeente (SROI-bestek groen)",
    "Logistiek Plaspoelpolder",
    "Horeca Oude Kerk",
    "Kinderopvang Het Bolwerk",
];
const PROVIDERS: &[&str] = &[
    "Werkplaats Zuid",
    "Taalhuis Bibliotheek",
    "Stichting Op Weg",
    "Re-integratie Haaglanden",
];
const GOALS: &[&str] = &[
    "Elke week naar het taalcafé in de bibliotheek",
    "Vrijwilligerswerk vinden bij een buurthuis",
    "Schulden in kaart brengen met de schuldhulpverlening",
    "Dagritme opbouwen met vaste tijden",
    "Een cursus computervaardigheden afronden",
    "Meedoen aan een sportgroep in de wijk",
    "Onderzoeken welk werk past bij de gezondheid",
];
const REASONS: &[(&str, &str)] = &[
    (
        "financien",
        "Schulden genoemd bij aanmelding; nodig voor het plan.",
    ),
    (
        "werk_en_opleiding",
        "Wens om te werken; opleiding en ervaring bepalen de route.",
    ),
    (
        "tijdsbesteding",
        "Weinig dagritme genoemd; bepalend voor activering.",
    ),
    (
        "geestelijke_gezondheid",
        "Inwoner noemt somberheid; bepaalt wat haalbaar is.",
    ),
    (
        "lichamelijke_gezondheid",
        "Rugklachten genoemd; bepalend voor passende activiteit.",
    ),
    (
        "sociaal_netwerk",
        "Woont alleen en ziet weinig mensen; nodig voor trede-inschatting.",
    ),
    (
        "huisvesting",
        "Dreigende huisuitzetting genoemd; eerst oplossen.",
    ),
    (
        "maatschappelijke_participatie",
        "Wil graag iets betekenen in de buurt.",
    ),
];

fn day(d: NaiveDate, n: u64) -> NaiveDate {
    d + Days::new(n)
}

/// A BSN that passes the 11-check (demo numbers; they need not exist).
fn bsn(rng: &mut Rng) -> String {
    loop {
        let digits: Vec<u64> = (0..8).map(|_| rng.below(10)).collect();
        let sum: u64 = digits
            .iter()
            .zip([9, 8, 7, 6, 5, 4, 3, 2])
            .map(|(d, w)| d * w)
            .sum();
        let last = sum % 11;
        if last < 10 && digits[0] != 0 {
            return digits.iter().chain([&last]).map(u64::to_string).collect();
        }
    }
}

/// Writes records of the demo histories, each checked by the domain crate first.
struct Writer<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    seq: i64,
    ctx: Context<'static>,
    count: usize,
}

impl Writer<'_> {
    fn put(
        &mut self,
        kind: Kind,
        id: &str,
        resident: i64,
        fields: Value,
        when: NaiveDate,
    ) -> rusqlite::Result<()> {
        if let Err(e) = records::check(kind, fields.clone(), &self.ctx) {
            panic!("demo record {} {id} is invalid: {e:?}", kind.code());
        }
        let versions: Map<String, Value> = fields
            .as_object()
            .map(|o| o.keys().map(|k| (k.clone(), json!(1))).collect())
            .unwrap_or_default();
        self.seq += 1;
        let at = format!("{when}T09:00:00.000Z");
        self.tx
            .prepare_cached("INSERT INTO dossier (soort, id, inwoner_id, versie, velden, veldversies, volgnummer, aangemaakt_door, aangemaakt_op, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, 'demo', ?7, 'demo', ?7)")?
            .execute(params![kind.code(), id, resident, fields.to_string(), Value::Object(versions).to_string(), self.seq, at])?;
        self.count += 1;
        Ok(())
    }
}

/// The referral that led to an activation (volunteering through the volunteer centre, informal
/// care support through welfare, language lessons at the library for self-searchers), with
/// its steps. Deterministic from the resident and the dates: it draws no random number, so the
/// rest of the demo data stays as the reports describe it. Partner numbers follow
/// `partners::seed_demo`.
fn demo_referral(
    kind: &str,
    rid: i64,
    plan_day: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) -> Option<Value> {
    let (partner, purpose) = match kind {
        "vrijwilligerswerk" => (
            1,
            "Vrijwilligerswerk in de buurt zoeken via de vacaturebank.",
        ),
        "mantelzorg" => (
            2,
            "Ondersteuning als mantelzorger en contact met lotgenoten.",
        ),
        "zelfzoeker" => (3, "Taallessen in het Taalhuis, zelf een plek zoeken."),
        _ => return None,
    };
    let asked = (start - chrono::Days::new(14)).max(plan_day);
    let accepted = day(asked, 7).min(start);
    let mut r = json!({
        "datum": asked, "partner_id": partner, "doel": purpose,
        "toestemming": if rid % 3 == 0 { "schriftelijk" } else { "mondeling" },
        "status": "gestart", "geaccepteerd_op": accepted, "gestart_op": start,
    });
    let done = day(start, 182);
    if rid % 7 == 0 && day(start, 60) <= end {
        r["status"] = json!("gestopt");
        r["gestopt_op"] = json!(day(start, 60));
    } else if done <= end {
        r["status"] = json!("afgerond");
        r["afgerond_op"] = json!(done);
    } else {
        r["opgevolgd_op"] = json!(day(start, 28).min(end));
    }
    Some(r)
}

fn suggestion(facts: &RawFacts) -> (Value, Outcome) {
    let date = facts.peildatum.expect("demo facts have a date");
    let rules = RuleSet::embedded().at(date).expect("rules in force");
    let out = assess(&rules, &facts.validate().expect("demo facts are valid"));
    (
        json!({"trede": out.trede, "traject": out.traject, "wsp": out.wsp, "segment": out.segment}),
        out,
    )
}

fn measurement(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    id: String,
    resident: i64,
    facts: &RawFacts,
    occasion: &str,
) -> rusqlite::Result<()> {
    let date = facts.peildatum.expect("dated");
    let (suggested, out) = suggestion(facts);
    let step = out.trede.expect("complete demo facts");
    let traject = out.traject.expect("complete demo facts");
    let mut fields = json!({
        "datum": date, "aanleiding": occasion, "feiten": facts, "suggestie": suggested,
        "besluit": {"trede": step, "traject": traject},
        "groeipotentieel_trede": (step + 1).min(6),
    });
    // Now and then a consultant decides otherwise, with a reason.
    if rng.chance(7) && step < 6 {
        fields["besluit"]["trede"] = json!(step + 1);
        fields["reden_afwijking"] = json!(
            "Gaat wekelijks naar een inloop in de wijk die de regels niet kennen; overlegd met inwoner."
        );
    }
    w.put(Kind::Meting, &id, resident, fields, date)
}

/// Load the demo municipality into an empty database; does nothing if a municipality exists.
/// Residents get plausible histories since September 2022: intakes over life domains, ladder
/// measurements, plans, activations, progress conversations, hand-overs, exits and placements.
pub fn seed(conn: &mut Connection) -> rusqlite::Result<bool> {
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM gemeente)", [], |r| r.get(0))?;
    if exists {
        return Ok(false);
    }
    let tx = conn.transaction()?;
    tx.execute("INSERT INTO gemeente (id, naam, demo, aangemaakt, caseload_norm) VALUES (1, 'Demogemeente Meedoen', 1, '2022-09-01', 85)", [])?;
    let now = "2026-01-15T09:00:00.000Z";
    crate::partners::seed_demo(&tx, now)?;
    crate::srg::seed_demo(&tx, now)?;
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
                .map_err(|e| rusqlite::Error::InvalidParameterName(e.body.fout.nl))?,
        ));
    }
    let of_role = |role: Role| -> Vec<i64> {
        ids.iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, id)| *id)
            .collect()
    };
    let (pcs, wcs) = (
        of_role(Role::Participatieconsulent),
        of_role(Role::Werkconsulent),
    );
    let current_day = NaiveDate::from_ymd_opt(2025, 12, 1).expect("valid date");
    let end = NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date");
    let mut rng = Rng::new(2022);
    let mut w = Writer {
        tx: &tx,
        seq: 0,
        ctx: Context {
            today: reference_date(),
            rules: RuleSet::embedded(),
        },
        count: 0,
    };
    // Intake months: the approach started in September 2022 with a large backlog, and slowed
    // once the caseload was full (mid 2024).
    let months: Vec<(NaiveDate, u64)> = (0..40)
        .map(|m| {
            let d = approach_start() + chrono::Months::new(m);
            let weight = match m {
                0..=15 => 20,
                16..=21 => 18,
                22..=27 => 4,
                _ => 3,
            };
            (d, weight)
        })
        .collect();
    let total_weight: u64 = months.iter().map(|(_, w)| w).sum();
    let (mut n_pc, mut n_wc) = (0usize, 0usize);
    for (i, base) in population(RESIDENTS, 2022, current_day)
        .into_iter()
        .enumerate()
    {
        let rid = i as i64 + 1;
        let (_, out) = suggestion(&base);
        let traject = out.traject.unwrap_or("zorg");
        let (consultant, team) = match traject {
            "werk" => {
                let who = (n_wc < 160).then(|| wcs[n_wc % wcs.len()]);
                n_wc += 1;
                (who, "wsp")
            }
            _ if n_pc < PARTICIPATION_CASELOAD && out.segment != Some("niet_op_korte_termijn") => {
                n_pc += 1;
                (Some(pcs[n_pc % pcs.len()]), "participatie")
            }
            _ => (None, "participatie"),
        };
        tx.prepare_cached("INSERT INTO inwoner (id, consulent_id, team, gewijzigd_door, gewijzigd_op) VALUES (?1, ?2, ?3, 'demo', ?4)")?
            .execute(params![rid, consultant, team, now])?;
        let name = format!(
            "{} {}",
            FIRST[rng.below(FIRST.len() as u64) as usize],
            LAST[rng.below(LAST.len() as u64) as usize]
        );
        let since = base.in_bijstand_sinds.unwrap_or(approach_start());
        let born = NaiveDate::from_ymd_opt(
            1959 + rng.below(47) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        )
        .expect("valid date");
        let mut current = base.clone();
        let guided = team == "participatie" && (consultant.is_some() || rng.chance(45));
        // History of the participation approach.
        let mut records_of: Vec<(Kind, String, Value, NaiveDate)> = Vec::new();
        if guided {
            let mut pick = rng.below(total_weight);
            let mut month = months[0].0;
            for (d, wgt) in &months {
                if pick < *wgt {
                    month = *d;
                    break;
                }
                pick -= wgt;
            }
            let intake = day(month.max(since), rng.below(27));
            if intake <= end {
                let mut facts = base.clone();
                facts.peildatum = Some(intake);
                let domains: Vec<Value> = (0..2 + rng.below(3))
                    .map(|k| REASONS[((rid as u64 + k * 3) % REASONS.len() as u64) as usize])
                    .fold(Vec::new(), |mut acc: Vec<(&str, &str)>, r| {
                        if !acc.contains(&r) {
                            acc.push(r);
                        }
                        acc
                    })
                    .into_iter()
                    .map(|(d, reason)| json!({"domein": d, "reden": reason, "score": 1 + rng.below(5)}))
                    .collect();
                records_of.push((Kind::Intake, format!("demo-intake-{rid}"), json!({"datum": intake, "domeinen": domains, "wensen": "Iets doen met mensen, dicht bij huis."}), intake));
                measurement(
                    &mut w,
                    &mut rng,
                    format!("demo-meting-{rid}-1"),
                    rid,
                    &facts,
                    "intake",
                )?;
                let plan_day = day(intake, 14 + rng.below(14)).min(end);
                let goals: Vec<Value> = (0..1 + rng.below(3))
                    .map(|k| json!({"omschrijving": GOALS[((rid as u64 + k) % GOALS.len() as u64) as usize], "streefdatum": day(plan_day, 180)}))
                    .collect();
                let done = day(plan_day, 365) < end;
                records_of.push((Kind::Plan, format!("demo-plan-{rid}"), json!({"datum": plan_day, "doelen": goals, "evaluatiedatum": day(plan_day, 182), "status": if done {"afgerond"} else {"actief"}}), plan_day));
                let mut last = plan_day;
                if rng.chance(40) {
                    let start = day(plan_day, rng.below(60)).min(end);
                    let kind = match rng.below(100) {
                        0..=39 => "vrijwilligerswerk",
                        40..=63 => "inzet_traject",
                        64..=87 => "zelfzoeker",
                        88..=97 => "mantelzorg",
                        _ => "dagbesteding",
                    };
                    let mut act = json!({"soort": kind, "start": start});
                    match kind {
                        "inzet_traject" => {
                            act["aanbieder"] =
                                json!(PROVIDERS[rng.below(PROVIDERS.len() as u64) as usize]);
                            act["kosten_euro"] = json!(1500 + 100 * rng.below(30));
                        }
                        "zelfzoeker" => {
                            act["toelichting"] =
                                json!("Doorverwezen naar de bibliotheek voor taalles.")
                        }
                        _ => act["uren_per_week"] = json!(2 + rng.below(10)),
                    }
                    // The activation shows in today's facts: that is what lifts the ladder.
                    match kind {
                        "vrijwilligerswerk" => {
                            current.onbetaald_werk = Some(vec![UnpaidWork {
                                soort: UnpaidKind::Vrijwilligerswerk,
                                verantwoordelijkheid: true,
                                contactmomenten_per_week: 1.0,
                            }])
                        }
                        "mantelzorg" => current.mantelzorg_uren_per_week = Some(10.0),
                        "dagbesteding" => current.dagbesteding = Some(DayActivities::Arbeidsmatig),
                        _ => {
                            current.georganiseerde_activiteiten_per_week = Some(
                                current
                                    .georganiseerde_activiteiten_per_week
                                    .unwrap_or(0.0)
                                    .max(1.0),
                            )
                        }
                    }
                    if let Some(r) = demo_referral(kind, rid, plan_day, start, end) {
                        records_of.push((
                            Kind::Verwijzing,
                            format!("demo-verwijzing-{rid}"),
                            r,
                            start,
                        ));
                    }
                    records_of.push((
                        Kind::Activering,
                        format!("demo-activering-{rid}"),
                        act,
                        start,
                    ));
                    last = start;
                    let eval = day(start, 182);
                    if eval <= current_day {
                        let mut f = current.clone();
                        f.peildatum = Some(eval);
                        measurement(
                            &mut w,
                            &mut rng,
                            format!("demo-meting-{rid}-2"),
                            rid,
                            &f,
                            "planevaluatie",
                        )?;
                    }
                }
                let mut talk = day(plan_day, 90);
                let mut n = 0;
                while talk <= end && n < 6 {
                    n += 1;
                    records_of.push((Kind::Gesprek, format!("demo-gesprek-{rid}-{n}"), json!({"datum": talk, "soort": "voortgang", "verslag": "Voortgang besproken; afspraken uit het plan lopen."}), talk));
                    talk = day(talk, 80 + rng.below(40));
                }
                if rng.chance(6) {
                    let d = day(last, 120).min(end);
                    records_of.push((Kind::Overdracht, format!("demo-overdracht-{rid}"), json!({"datum": d, "reden": "Verwacht klaar voor betaald werk; aangemeld bij het WSP.", "status": "geaccepteerd", "werkconsulent_id": wcs[rid as usize % wcs.len()]}), d));
                } else if rng.chance(5) {
                    let d = day(last, 150).min(end);
                    let reason = ["werk", "opleiding", "verhuizing", "andere_uitkering"]
                        [rng.below(4) as usize];
                    records_of.push((
                        Kind::Uitstroom,
                        format!("demo-uitstroom-{rid}"),
                        json!({"datum": d, "reden": reason, "via_aanpak": true}),
                        d,
                    ));
                }
            }
        }
        // Placements by the WSP.
        if team == "wsp" && rng.chance(45) {
            let start = day(
                NaiveDate::from_ymd_opt(2023, 1, 2).expect("valid"),
                rng.below(1090),
            )
            .min(end);
            let mut p = json!({
                "start": start,
                "werkgever": EMPLOYERS[rng.below(EMPLOYERS.len() as u64) as usize],
                "contract": "dienstverband",
                "uren_per_week": 12 + 4 * rng.below(7),
                "sroi": rng.chance(20),
            });
            if rng.chance(60) {
                let ended = day(start, 31);
                p["uitkering_beeindigd_op"] = json!(ended);
                if ended <= end {
                    records_of.push((
                        Kind::Uitstroom,
                        format!("demo-uitstroom-{rid}"),
                        json!({"datum": ended, "reden": "werk", "via_aanpak": false}),
                        ended,
                    ));
                }
            }
            for (field, months, keep) in [
                ("werkt_na_6_maanden", 6, 82),
                ("werkt_na_18_maanden", 18, 72),
            ] {
                if start + chrono::Months::new(months) <= reference_date() {
                    p[field] = json!(rng.chance(keep));
                }
            }
            // The municipality's own 12-month check-point follows from the CBS ones (no extra
            // random draw, so the rest of the demo data stays as the reports describe it).
            if start + chrono::Months::new(12) <= reference_date() {
                p["werkt_na_12_maanden"] = json!(match (
                    p["werkt_na_6_maanden"].as_bool(),
                    p["werkt_na_18_maanden"].as_bool()
                ) {
                    (_, Some(true)) => true,
                    (Some(false), _) => false,
                    _ => rid % 16 != 0,
                });
            }
            records_of.push((Kind::Plaatsing, format!("demo-plaatsing-{rid}"), p, start));
        }
        current.peildatum = Some(current_day);
        let (_, now_out) = suggestion(&current);
        let resident = json!({
            "naam": name, "bsn": bsn(&mut rng), "geboortedatum": born, "in_bijstand_sinds": since,
            "wachtlijst": now_out.segment, "feiten": current,
        });
        w.put(
            Kind::Inwoner,
            &rid.to_string(),
            rid,
            resident,
            since.max(approach_start()),
        )?;
        for (kind, id, fields, when) in records_of {
            w.put(kind, &id, rid, fields, when)?;
        }
    }
    tx.execute(
        "UPDATE teller SET waarde = ?1 WHERE naam = 'volgnummer'",
        [w.seq],
    )?;
    seed_in_view(&tx, chrono::Utc::now().date_naive())?;
    // The ambition the council letter of early 2026 names: 275 placements in 2025.
    tx.execute(
        "INSERT INTO ambitie (jaar, indicator, doel, gewijzigd_door, gewijzigd_op) VALUES (2025, 'plaatsingen', 275, 'demo', ?1)",
        [now],
    )?;
    tx.commit()?;
    Ok(true)
}

/// Klant in Beeld in the demo: consultants filled the indicators of most of their residents;
/// the external bureau (`eb.koen`) filled those of about half the residents at steps 1–2
/// without a consultant in a batch of 2025 that has ended, and has a running batch, until 90
/// days after the database was made, for the rest of them. Values are drawn from a generator
/// of their own, so the rest of the demo stays as the reports describe it.
fn seed_in_view(tx: &Connection, today: NaiveDate) -> rusqlite::Result<()> {
    use meedoen_domain::indicators::{self, Answer, NewBatch};
    let list = indicators::in_force(today);
    let files = crate::report::read_population(tx).map_err(|_| rusqlite::Error::InvalidQuery)?;
    let user = |name: &str| -> rusqlite::Result<i64> {
        tx.query_row(
            "SELECT id FROM gebruiker WHERE gebruikersnaam = ?1",
            [name],
            |r| r.get(0),
        )
    };
    let names: std::collections::HashMap<i64, String> = USERS
        .iter()
        .filter_map(|(u, ..)| Some((user(u).ok()?, u.to_string())))
        .collect();
    let koen = user("eb.koen")?;
    tx.execute(
        "INSERT INTO opdracht (naam, team, beoordelaar_id, eind, door, op) VALUES ('Klant in Beeld 2025: trede 1 en 2', 'participatie', ?1, '2025-12-31', 'tl.visser', '2025-03-03T09:00:00.000Z')",
        [koen],
    )?;
    let earlier = tx.last_insert_rowid();
    let mut rng = Rng::new(1900);
    let mut put = tx.prepare(
        "INSERT INTO indicator_waarde (inwoner_id, code, waarde, lijst, door, door_rol, op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for f in files.iter().filter(|f| indicators::on_assistance(f, today)) {
        let (who, role, how_many) = match f.consultant {
            Some(c) => {
                let n = if rng.chance(85) {
                    list.indicatoren.len()
                } else {
                    rng.below(list.indicatoren.len() as u64) as usize
                };
                let role = if f.team == "wsp" {
                    Role::Werkconsulent
                } else {
                    Role::Participatieconsulent
                };
                (names.get(&c).cloned().unwrap_or_default(), role, n)
            }
            None if f.team == "participatie"
                && f.step_on(today).unwrap_or(0) <= 2
                && rng.chance(50) =>
            {
                tx.execute(
                    "INSERT INTO opdracht_inwoner (opdracht_id, inwoner_id) VALUES (?1, ?2)",
                    params![earlier, f.id],
                )?;
                (
                    "eb.koen".to_string(),
                    Role::Beoordelaar,
                    list.indicatoren.len(),
                )
            }
            None => continue,
        };
        let day = reference_date() - Days::new(rng.below(300));
        let at = format!("{day}T10:00:00.000Z");
        for i in list.indicatoren.iter().take(how_many) {
            let value = match &i.antwoord {
                Answer::Keuze { antwoorden } => antwoorden
                    [rng.below(antwoorden.len() as u64) as usize]
                    .code
                    .clone(),
                Answer::JaNee => if rng.chance(30) { "ja" } else { "nee" }.to_string(),
                Answer::Getal { min, max, .. } => {
                    (min + rng.below((max - min + 1) as u64) as i64).to_string()
                }
            };
            put.execute(params![
                f.id,
                i.code,
                value,
                list.version(),
                who,
                role.code(),
                at
            ])?;
        }
    }
    drop(put);
    // The running batch: the rest of steps 1–2 without a consultant.
    let batch = NewBatch {
        naam: "Klant in Beeld 2026: trede 1 en 2".into(),
        beoordelaar_id: koen,
        eind: today + Days::new(90),
        tredes: vec![0, 1, 2],
        zonder_consulent: true,
        alleen_onvolledig: true,
        max: 400,
    };
    let picked = crate::indicators::select(tx, &files, "participatie", &batch, today)
        .map_err(|_| rusqlite::Error::InvalidQuery)?;
    tx.execute(
        "INSERT INTO opdracht (naam, team, beoordelaar_id, eind, door, op) VALUES (?1, 'participatie', ?2, ?3, 'tl.visser', ?4)",
        params![batch.naam, koen, batch.eind.to_string(), format!("{today}T09:00:00.000Z")],
    )?;
    let running = tx.last_insert_rowid();
    for (r, _) in picked {
        tx.execute(
            "INSERT INTO opdracht_inwoner (opdracht_id, inwoner_id) VALUES (?1, ?2)",
            params![running, r],
        )?;
    }
    Ok(())
}
