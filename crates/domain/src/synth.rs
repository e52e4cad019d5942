//! Deterministic synthetic residents, for benchmarks, the impact preview and demo data.
//! The mix follows the reference municipality: about 37% at steps 1–2 (700 of 1,900).

use crate::facts::{
    Contract, DayActivities, PaidWork, RawFacts, Readiness, UnpaidKind, UnpaidWork,
};
use chrono::{Days, NaiveDate};

/// A small, fast, deterministic pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

/// One synthetic resident's facts on `date`.
pub fn resident(rng: &mut Rng, date: NaiveDate) -> RawFacts {
    let band = rng.below(100);
    let mut f = RawFacts {
        peildatum: Some(date),
        betaald_werk: Some(PaidWork {
            soort: Contract::Geen,
            uren_per_week: 0.0,
            loonkostensubsidie: false,
            jobcoach: false,
            beschut_werk: false,
            aanvullende_uitkering: false,
            werkleertraject: false,
        }),
        onbetaald_werk: Some(vec![]),
        mantelzorg_uren_per_week: Some(if rng.chance(12) {
            (2 + rng.below(20)) as f64
        } else {
            0.0
        }),
        dagbesteding: Some(DayActivities::Geen),
        georganiseerde_activiteiten_per_week: Some(0.0),
        sociale_contacten_per_week: Some(0.0),
        in_bijstand_sinds: date.checked_sub_days(Days::new(rng.below(365 * 8))),
        gereedheid: Some(match rng.below(10) {
            0 => Readiness::Werk,
            1..=2 => Readiness::Nu,
            3..=6 => Readiness::Later,
            _ => Readiness::NietOpKorteTermijn,
        }),
        groeipotentieel: None,
    };
    match band {
        0..=7 => {} // isolated
        8..=36 => f.sociale_contacten_per_week = Some((1 + rng.below(6)) as f64),
        37..=60 => {
            f.sociale_contacten_per_week = Some(rng.below(5) as f64);
            if rng.chance(25) {
                f.dagbesteding = Some(DayActivities::Belevingsgericht);
            } else {
                f.georganiseerde_activiteiten_per_week = Some((1 + rng.below(3)) as f64);
            }
        }
        61..=85 => {
            f.sociale_contacten_per_week = Some((1 + rng.below(5)) as f64);
            if rng.chance(20) {
                f.dagbesteding = Some(DayActivities::Arbeidsmatig);
            } else {
                f.onbetaald_werk = Some(vec![UnpaidWork {
                    soort: [
                        UnpaidKind::Vrijwilligerswerk,
                        UnpaidKind::Stage,
                        UnpaidKind::Werkervaringsplaats,
                    ][rng.below(3) as usize],
                    verantwoordelijkheid: rng.chance(85),
                    contactmomenten_per_week: rng.below(5) as f64,
                }]);
            }
        }
        _ => {
            let w = f.betaald_werk.as_mut().expect("set above");
            w.soort = if rng.chance(85) {
                Contract::Dienstverband
            } else {
                Contract::Zelfstandig
            };
            w.uren_per_week = (4 + rng.below(32)) as f64;
            if band < 97 {
                match rng.below(5) {
                    0 => w.loonkostensubsidie = true,
                    1 => w.jobcoach = true,
                    2 => w.beschut_werk = true,
                    3 => w.aanvullende_uitkering = true,
                    _ => w.werkleertraject = true,
                }
            }
        }
    }
    f.groeipotentieel = Some((1 + rng.below(6)) as f64);
    f
}

/// `n` synthetic residents measured on `date`, the same for the same seed everywhere.
pub fn population(n: usize, seed: u64, date: NaiveDate) -> Vec<RawFacts> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| resident(&mut rng, date)).collect()
}

/// A synthetic municipality for report benchmarks: `n` residents with `years` years of events
/// from `start` (resident record, intake, measurement, plan, activations, conversations, and
/// now and then a hand-over, an exit or a placement), spread over 3 consultants and a waiting
/// list. Deterministic for a seed.
pub fn report_population(
    n: usize,
    seed: u64,
    start: NaiveDate,
    years: u32,
) -> Vec<crate::report::ResidentFile> {
    use crate::records::*;
    let mut rng = Rng::new(seed);
    let days = u64::from(years) * 365;
    let at = |rng: &mut Rng| start + chrono::Days::new(rng.below(days));
    let rules = crate::RuleSet::embedded();
    (0..n)
        .map(|i| {
            let intake_day = at(&mut rng);
            let mut facts = resident(&mut rng, intake_day);
            facts.peildatum = Some(intake_day);
            let mut records = vec![Record::Inwoner(Resident {
                naam: format!("Inwoner {i}"),
                bsn: None,
                geboortedatum: None,
                in_bijstand_sinds: facts.in_bijstand_sinds,
                wachtlijst: None,
                telefoon: None,
                email: None,
                feiten: Some(facts.clone()),
                ..Resident::default()
            })];
            if rng.chance(70) {
                records.push(Record::Intake(Intake {
                    datum: intake_day,
                    domeinen: vec![],
                    wensen: None,
                }));
                if let Ok((suggestie, out, _)) = suggest(rules, &facts, intake_day) {
                    records.push(Record::Meting(Measurement {
                        datum: intake_day,
                        aanleiding: Occasion::Intake,
                        feiten: facts.clone(),
                        besluit: Decision {
                            trede: out.trede.unwrap_or(1),
                            traject: out.traject.unwrap_or("zorg").to_string(),
                        },
                        suggestie,
                        reden_afwijking: None,
                        groeipotentieel_trede: None,
                    }));
                }
                for _ in 0..rng.below(3) {
                    records.push(Record::Activering(Activation {
                        soort: ActivationKind::ALL[rng.below(5) as usize],
                        start: at(&mut rng),
                        einde: None,
                        aanbieder: Some("Werkplaats Zuid".into()),
                        uren_per_week: None,
                        kosten_euro: None,
                        programma: rng.chance(20).then(|| "Snel aan de slag".to_string()),
                        toelichting: None,
                    }));
                }
                for _ in 0..rng.below(6) {
                    records.push(Record::Gesprek(Conversation {
                        datum: at(&mut rng),
                        soort: ConversationKind::Voortgang,
                        verslag: "Voortgang besproken.".into(),
                    }));
                }
                if rng.chance(8) {
                    records.push(Record::Overdracht(Handover {
                        datum: at(&mut rng),
                        reden: "Klaar voor werk.".into(),
                        status: HandoverStatus::Aangemeld,
                        werkconsulent_id: None,
                    }));
                }
                if rng.chance(6) {
                    records.push(Record::Uitstroom(Exit {
                        datum: at(&mut rng),
                        reden: ExitReason::Werk,
                        via_aanpak: true,
                        toelichting: None,
                    }));
                }
            }
            if rng.chance(15) {
                records.push(Record::Plaatsing(Placement {
                    start: at(&mut rng),
                    werkgever: "Bouwbedrijf".into(),
                    contract: PlacementContract::Dienstverband,
                    uren_per_week: 24.0,
                    sroi: rng.chance(20),
                    uitkering_beeindigd_op: None,
                    werkt_na_6_maanden: Some(rng.chance(82)),
                    werkt_na_12_maanden: Some(rng.chance(75)),
                    werkt_na_18_maanden: None,
                    programma: None,
                    proefplaatsing_van: None,
                    jobcoach: false,
                    werkplekaanpassing: false,
                    loonkostensubsidie: false,
                    ondersteuning_tot: None,
                }));
            }
            crate::report::ResidentFile {
                id: i as i64 + 1,
                consultant: (i % 8 < 5).then_some(1 + (i % 3) as i64),
                team: "participatie".into(),
                records,
            }
        })
        .collect()
}
