//! The council's progress report (voortgangsrapportage): one pure function from registered
//! records to the figures of a period — residents spoken, activated per kind, exits, hand-overs
//! to the WSP, placements (SROI, durability), who is supported now, the waiting list, the
//! ladder — each beside the previous period, since the start of the approach and the yearly
//! ambition, with its definition. True counts only: nothing is tuned to a printed figure.
//! The browser, the server and the command line all call [`report`].

use crate::number::fixed;
use crate::records::{ActivationKind, ExitReason, Kind, Record};
use crate::rules::RuleSet;
use crate::text::{lower_first, Text};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One resident's registered records, with who guides them now.
#[derive(Debug, Clone, PartialEq)]
pub struct ResidentFile {
    pub id: i64,
    pub consultant: Option<i64>,
    /// The team the resident belongs to.
    pub team: String,
    pub records: Vec<Record>,
}

impl ResidentFile {
    /// The resident record of the file.
    pub fn person(&self) -> Option<&crate::records::Resident> {
        self.records.iter().find_map(|r| match r {
            Record::Inwoner(p) => Some(p),
            _ => None,
        })
    }

    /// The waiting-list segment the flow table gives for the resident's facts on `today`.
    pub fn segment_now(
        &self,
        rules: &crate::rules::Rules<'_>,
        today: NaiveDate,
    ) -> Option<&'static str> {
        let mut facts = self.person()?.feiten.clone()?;
        facts.peildatum = Some(today);
        let s = facts.validate().ok()?;
        crate::engine::assess(rules, &s).segment
    }

    /// The step of the latest ladder measurement up to `day` (the consultant's decision).
    pub fn step_on(&self, day: NaiveDate) -> Option<u8> {
        self.records
            .iter()
            .filter_map(|r| match r {
                Record::Meting(m) if m.datum <= day => Some(m),
                _ => None,
            })
            .max_by_key(|m| m.datum)
            .map(|m| m.besluit.trede)
    }
}

/// A consultant of the team, for the caseload figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consultant {
    pub id: i64,
    pub naam: String,
    pub team: String,
}

crate::codes! {
    /// The figures a yearly ambition can be set for.
    pub enum Indicator {
        Gesproken = "gesproken", "Inwoners gesproken (intakes)", "Residents spoken (intakes)";
        Geactiveerd = "geactiveerd", "Inwoners geactiveerd", "Residents activated";
        Uitstroom = "uitstroom", "Uitstroom uit de uitkering via de aanpak", "Exits from assistance through the approach";
        Overdracht = "overdracht", "Overgedragen aan het WSP", "Handed over to the WSP";
        Plaatsingen = "plaatsingen", "Plaatsingen in betaald werk", "Placements in paid work";
        PlaatsingenSroi = "plaatsingen_sroi", "Plaatsingen via SROI", "Placements through SROI";
    }
}

/// A yearly target for an indicator, set by the team lead.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ambition {
    pub jaar: i32,
    pub indicator: Indicator,
    pub doel: u32,
}

/// Everything the report is computed from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub files: &'a [ResidentFile],
    pub consultants: &'a [Consultant],
    /// Residents per consultant (the municipality's caseload norm).
    pub norm: u32,
    /// The first day of the participation approach.
    pub start: NaiveDate,
    /// The reporting date: "now" figures (supported now, waiting list, ladder) are as of it.
    pub today: NaiveDate,
    pub ambitions: &'a [Ambition],
    pub rules: &'a RuleSet,
    /// The caller's team: its residents are listed per figure (drill-down). `None` for
    /// aggregates only.
    pub own_team: Option<&'a str>,
    /// The partner organisations, for the referral figures per partner.
    pub partners: &'a [crate::partners::Partner],
}

/// A period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    #[serde(deserialize_with = "crate::day::de")]
    pub van: NaiveDate,
    #[serde(deserialize_with = "crate::day::de")]
    pub tot: NaiveDate,
}

impl Period {
    /// A calendar year.
    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            van: NaiveDate::from_ymd_opt(year, 1, 1)?,
            tot: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// A period asked for by a user: from on or before to, and not wholly before the start of
    /// the approach (nothing was registered then). Errors name the field.
    pub fn checked(
        van: NaiveDate,
        tot: NaiveDate,
        start: NaiveDate,
    ) -> Result<Period, crate::records::FieldError> {
        let err = |field: &str, nl: String, en: String| crate::records::FieldError {
            field: field.into(),
            message: Text::new(nl, en),
        };
        if van > tot {
            return Err(err(
                "van",
                format!("De begindatum {van} ligt na de einddatum {tot}; kies een begin op of voor het einde."),
                format!("The start date {van} is after the end date {tot}; choose a start on or before the end."),
            ));
        }
        if tot < start {
            return Err(err(
                "tot",
                format!("De periode ligt voor de start van de aanpak ({start}); kies een periode vanaf {start}."),
                format!("The period lies before the start of the approach ({start}); choose a period from {start}."),
            ));
        }
        if (tot - van).num_days() > 366 * 30 {
            return Err(err(
                "van",
                "Kies een periode van hoogstens 30 jaar.".into(),
                "Choose a period of at most 30 years.".into(),
            ));
        }
        Ok(Period { van, tot })
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.van <= d && d <= self.tot
    }

    /// The period of the same length just before this one (the previous year for a year).
    pub fn previous(&self) -> Period {
        if self.calendar_year().is_some() {
            return Period {
                van: self.van - Months::new(12),
                tot: self.tot - Months::new(12),
            };
        }
        let days = (self.tot - self.van).num_days() + 1;
        Period {
            van: self.van - chrono::Days::new(days as u64),
            tot: self.van - chrono::Days::new(1),
        }
    }

    /// The year, when the period is exactly one calendar year.
    pub fn calendar_year(&self) -> Option<i32> {
        (Period::year(self.van.year()) == Some(*self)).then_some(self.van.year())
    }
}

/// A figure's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// A number of residents, placements, …
    Aantal(u32),
    /// Fewer than this (small counts hidden for publication).
    MinderDan(u32),
    /// A share in percent of a number (`van`).
    Procent { procent: f64, van: u32 },
    /// Not known (a share of nothing, or hidden with a small count).
    Onbekend,
}

impl Value {
    /// The count, when it is shown exactly.
    pub fn count(&self) -> Option<u32> {
        match self {
            Value::Aantal(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as text, e.g. "265", "< 5", "36,3% (van 543)".
    pub fn text(&self) -> Text {
        match self {
            Value::Aantal(n) => Text::new(n.to_string(), n.to_string()),
            Value::MinderDan(t) => Text::new(format!("< {t}"), format!("< {t}")),
            Value::Procent { procent, van } => Text::new(
                format!("{}% (van {van})", fixed(*procent, 1).replace('.', ",")),
                format!("{}% (of {van})", fixed(*procent, 1)),
            ),
            Value::Onbekend => Text::fixed("onbekend", "unknown"),
        }
    }

    /// The change from `before` to this value, with its sign: "+12", "-3" for counts,
    /// "+1.5", "-0.4" percentage points for shares (a point, as in the CSV); `None` when the
    /// two are not both counts or both shares.
    pub fn change_since(self, before: Value) -> Option<String> {
        match (self, before) {
            (Value::Aantal(a), Value::Aantal(b)) => Some(format!("{:+}", a as i64 - b as i64)),
            (Value::Procent { procent: a, .. }, Value::Procent { procent: b, .. }) => {
                let d = fixed(a - b, 1);
                Some(if d.starts_with('-') {
                    d
                } else {
                    format!("+{d}")
                })
            }
            _ => None,
        }
    }

    /// The value in few characters, for a poster: "265", "< 5", "36%".
    pub fn short(&self) -> String {
        match self {
            Value::Procent { procent, .. } => format!("{}%", fixed(*procent, 0)),
            other => other.text().nl.to_string(),
        }
    }

    fn share(part: usize, of: usize) -> Value {
        if of == 0 {
            Value::Onbekend
        } else {
            Value::Procent {
                procent: part as f64 * 100.0 / of as f64,
                van: of as u32,
            }
        }
    }
}

/// A national figure to compare with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub procent: f64,
    pub bron: Text,
}

/// One figure of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Stable id, e.g. `gesproken`, `geactiveerd.mantelzorg`.
    pub id: String,
    pub label: Text,
    /// What counts and which date decides the period.
    pub definitie: Text,
    /// In the period.
    pub waarde: Value,
    /// In the previous period of the same length.
    pub vorige: Value,
    /// From the start of the approach up to the end of the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sinds_start: Option<Value>,
    /// The yearly ambition (only for a calendar year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambitie: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referentie: Option<Reference>,
    /// The residents of the caller's own team this figure counts (drill-down; team leads only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inwoners: Vec<i64>,
}

/// A section: a heading and its figures (the first is the headline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub titel: Text,
    pub figuren: Vec<Figure>,
}

/// A consultant's caseload against the norm (team leads only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseloadRow {
    pub naam: String,
    pub aantal: u32,
    pub norm: u32,
}

/// The report of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub periode: Period,
    pub vorige_periode: Period,
    #[serde(deserialize_with = "crate::day::de")]
    pub start_aanpak: NaiveDate,
    #[serde(deserialize_with = "crate::day::de")]
    pub peildatum: NaiveDate,
    /// Counts below this are shown as "< n" (publication setting), when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drempel: Option<u32>,
    pub secties: Vec<Section>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caseloads: Vec<CaseloadRow>,
}

/// The months in Dutch, January first.
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The months in English, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in figures, day first: "07-04-1988" (as chrono's `%d-%m-%Y`, without its format
/// machinery, which the browser apps then need not hold).
pub fn date_numeric(d: NaiveDate) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

/// A date in Dutch words: "7 april 1988".
pub fn date_nl(d: NaiveDate) -> String {
    format!(
        "{} {} {:04}",
        d.day(),
        MONTHS_NL[d.month0() as usize],
        d.year()
    )
}

/// A date in English words: "7 April 1988".
pub fn date_en(d: NaiveDate) -> String {
    format!(
        "{} {} {:04}",
        d.day(),
        MONTHS_EN[d.month0() as usize],
        d.year()
    )
}

/// What one period counts, per figure: the residents (or records) counted, own-team residents
/// for the drill-down.
#[derive(Default)]
struct Tally {
    /// figure id → counted ids (residents; placements are counted per record).
    sets: BTreeMap<String, BTreeSet<(i64, u32)>>,
    /// Durability: figure id → (checked, still working).
    durable: BTreeMap<&'static str, (usize, usize)>,
}

impl Tally {
    fn add(&mut self, id: &str, resident: i64, n: u32) {
        self.sets
            .entry(id.to_string())
            .or_default()
            .insert((resident, n));
    }
    fn count(&self, id: &str) -> u32 {
        self.sets.get(id).map_or(0, |s| s.len() as u32)
    }
    fn residents(&self, id: &str, own: &BTreeSet<i64>) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .sets
            .get(id)
            .into_iter()
            .flatten()
            .map(|(r, _)| *r)
            .filter(|r| own.contains(r))
            .collect();
        v.dedup();
        v
    }
}

/// An exit that leaves assistance (not merely the end of guidance).
fn leaves_assistance(r: ExitReason) -> bool {
    r != ExitReason::EindeBegeleiding
}

fn tally(files: &[ResidentFile], p: Period) -> Tally {
    let mut t = Tally::default();
    for f in files {
        for (n, r) in f.records.iter().enumerate() {
            let n = n as u32;
            if let Record::Verwijzing(v) = r {
                // Every referral counts, each step in the period of its own date.
                if p.contains(v.datum) {
                    t.add("verwijzingen", f.id, n);
                    t.add(&format!("verwijzingen.partner.{}", v.partner_id), f.id, n);
                }
                for (field, _, date) in v.steps() {
                    if date.is_some_and(|d| p.contains(d)) {
                        t.add(
                            &format!("verwijzingen.{}", field.trim_end_matches("_op")),
                            f.id,
                            n,
                        );
                    }
                }
                continue;
            }
            let Some(d) = r.date() else { continue };
            if !p.contains(d) {
                continue;
            }
            match r {
                Record::Intake(_) => t.add("gesproken", f.id, 0),
                Record::Activering(a) => {
                    t.add("geactiveerd", f.id, 0);
                    t.add(&format!("geactiveerd.{}", a.soort.code()), f.id, 0);
                    if let Some(prog) = a.programma.as_deref().map(str::trim) {
                        t.add(&format!("programma.{prog}.activeringen"), f.id, 0);
                    }
                }
                Record::Uitstroom(x) if x.via_aanpak && leaves_assistance(x.reden) => {
                    t.add("uitstroom", f.id, 0)
                }
                Record::Overdracht(_) => t.add("overdracht", f.id, 0),
                Record::Plaatsing(pl) => {
                    t.add("plaatsingen", f.id, n);
                    if pl.sroi {
                        t.add("plaatsingen_sroi", f.id, n);
                    }
                    if let Some(prog) = pl.programma.as_deref().map(str::trim) {
                        t.add(&format!("programma.{prog}.plaatsingen"), f.id, n);
                    }
                    for (id, checked) in [
                        ("duurzaam_6", pl.werkt_na_6_maanden),
                        ("duurzaam_12", pl.werkt_na_12_maanden),
                    ] {
                        if let Some(works) = checked {
                            let e = t.durable.entry(id).or_default();
                            e.0 += 1;
                            e.1 += usize::from(works);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    t
}

/// The share of residents spoken since the start (up to `end`) who were activated since then.
fn activated_share(files: &[ResidentFile], start: NaiveDate, end: NaiveDate) -> Value {
    let upto = Period {
        van: start,
        tot: end,
    };
    let (mut spoken, mut activated) = (0, 0);
    for f in files {
        let has = |k: Kind| {
            f.records
                .iter()
                .any(|r| r.kind() == k && r.date().is_some_and(|d| upto.contains(d)))
        };
        if has(Kind::Intake) {
            spoken += 1;
            if has(Kind::Activering) {
                activated += 1;
            }
        }
    }
    Value::share(activated, spoken)
}

struct Labels {
    id: String,
    label: Text,
    definitie: Text,
}

fn labels(id: &str) -> Labels {
    let (label, definitie) = match id {
        "gesproken" => (
            Indicator::Gesproken.label().clone(),
            Text::fixed(
                "Inwoners met een intakegesprek met een datum in de periode; wie vaker een intake had, telt één keer.",
                "Residents with an intake conversation dated in the period; a resident with more intakes counts once.",
            ),
        ),
        "geactiveerd" => (
            Indicator::Geactiveerd.label().clone(),
            Text::fixed(
                "Inwoners met een activering die start in de periode; een inwoner telt in het totaal één keer, ook bij meer activeringen.",
                "Residents with an activation starting in the period; a resident counts once in the total, even with more activations.",
            ),
        ),
        "aandeel_geactiveerd" => (
            Text::fixed("Aandeel gesproken inwoners dat geactiveerd is", "Share of spoken residents activated"),
            Text::fixed(
                "Van de inwoners met een intake sinds de start van de aanpak (tot het einde van de periode): het deel met een activering in die tijd.",
                "Of the residents with an intake since the start of the approach (up to the end of the period): the share with an activation in that time.",
            ),
        ),
        "uitstroom" => (
            Indicator::Uitstroom.label().clone(),
            Text::fixed(
                "Inwoners met een uitstroom 'via deze aanpak' uit de uitkering (werk, opleiding, verhuizing, andere uitkering of overig; niet alleen einde begeleiding), gedateerd in de periode.",
                "Residents with an exit 'through this approach' from assistance (work, education, moving, another benefit or other; not merely the end of guidance), dated in the period.",
            ),
        ),
        "overdracht" => (
            Indicator::Overdracht.label().clone(),
            Text::fixed(
                "Inwoners met een overdracht aan het werkgeversservicepunt, gedateerd in de periode.",
                "Residents with a hand-over to the employer service point, dated in the period.",
            ),
        ),
        "plaatsingen" => (
            Indicator::Plaatsingen.label().clone(),
            Text::fixed(
                "Plaatsingen in betaald werk die starten in de periode (elke plaatsing telt).",
                "Placements in paid work starting in the period (every placement counts).",
            ),
        ),
        "plaatsingen_sroi" => (
            Indicator::PlaatsingenSroi.label().clone(),
            Text::fixed(
                "Plaatsingen die starten in de periode en tot stand kwamen via social return (SROI).",
                "Placements starting in the period that came about through social return (SROI).",
            ),
        ),
        "duurzaam_6" => (
            Text::fixed("Werkt na 6 maanden nog, zonder uitkering", "Still in work after 6 months, without assistance"),
            Text::fixed(
                "Van de plaatsingen die startten in de periode en waarvan het controlemoment na 6 maanden is ingevuld: het deel dat dan nog werkt zonder uitkering.",
                "Of the placements starting in the period whose 6-month check-point is filled in: the share still in work without assistance.",
            ),
        ),
        "duurzaam_12" => (
            Text::fixed("Werkt na 12 maanden nog, zonder uitkering", "Still in work after 12 months, without assistance"),
            Text::fixed(
                "Van de plaatsingen die startten in de periode en waarvan het controlemoment na 12 maanden is ingevuld: het deel dat dan nog werkt zonder uitkering.",
                "Of the placements starting in the period whose 12-month check-point is filled in: the share still in work without assistance.",
            ),
        ),
        _ => (Text::new(id.to_string(), id.to_string()), Text::fixed("", "")),
    };
    Labels {
        id: id.to_string(),
        label,
        definitie,
    }
}

fn kind_labels(kind: ActivationKind) -> Labels {
    Labels {
        id: format!("geactiveerd.{}", kind.code()),
        label: kind.label().clone(),
        definitie: Text::new(
            format!(
                "Inwoners met een activering '{}' die start in de periode; elke inwoner telt per soort één keer.",
                kind.label().nl
            ),
            format!(
                "Residents with an activation '{}' starting in the period; each resident counts once per kind.",
                kind.label().en
            ),
        ),
    }
}

fn figure(
    l: Labels,
    now: &Tally,
    before: &Tally,
    since: Option<&Tally>,
    own: &BTreeSet<i64>,
) -> Figure {
    Figure {
        waarde: Value::Aantal(now.count(&l.id)),
        vorige: Value::Aantal(before.count(&l.id)),
        sinds_start: since.map(|s| Value::Aantal(s.count(&l.id))),
        ambitie: None,
        referentie: None,
        inwoners: now.residents(&l.id, own),
        id: l.id,
        label: l.label,
        definitie: l.definitie,
    }
}

fn durability(
    id: &'static str,
    now: &Tally,
    before: &Tally,
    reference: Option<Reference>,
) -> Figure {
    let share = |t: &Tally| {
        let (checked, works) = t.durable.get(id).copied().unwrap_or_default();
        Value::share(works, checked)
    };
    let l = labels(id);
    Figure {
        id: l.id,
        label: l.label,
        definitie: l.definitie,
        waarde: share(now),
        vorige: share(before),
        sinds_start: None,
        ambitie: None,
        referentie: reference,
        inwoners: vec![],
    }
}

fn plain(id: &str, label: Text, definitie: Text, now: u32, before: Option<u32>) -> Figure {
    Figure {
        id: id.into(),
        label,
        definitie,
        waarde: Value::Aantal(now),
        vorige: before.map_or(Value::Onbekend, Value::Aantal),
        sinds_start: None,
        ambitie: None,
        referentie: None,
        inwoners: vec![],
    }
}

/// The report of `period` (and, beside it, the period before), from the registered records.
pub fn report(input: &Input<'_>, period: Period) -> Report {
    let previous = period.previous();
    let since = Period {
        van: input.start.min(period.van),
        tot: period.tot,
    };
    let now = tally(input.files, period);
    let before = tally(input.files, previous);
    let total = tally(input.files, since);
    let own: BTreeSet<i64> = input
        .files
        .iter()
        .filter(|f| Some(f.team.as_str()) == input.own_team)
        .map(|f| f.id)
        .collect();
    let fig = |id: &str| figure(labels(id), &now, &before, Some(&total), &own);

    let spoken = vec![fig("gesproken")];
    let mut activated = vec![fig("geactiveerd")];
    for k in ActivationKind::ALL {
        activated.push(figure(kind_labels(*k), &now, &before, Some(&total), &own));
    }
    let share = labels("aandeel_geactiveerd");
    activated.push(Figure {
        id: share.id,
        label: share.label,
        definitie: share.definitie,
        waarde: activated_share(input.files, input.start, period.tot),
        vorige: activated_share(input.files, input.start, previous.tot),
        sinds_start: None,
        ambitie: None,
        referentie: None,
        inwoners: vec![],
    });
    let outflow = vec![fig("uitstroom"), fig("overdracht")];
    let work = vec![
        fig("plaatsingen"),
        fig("plaatsingen_sroi"),
        durability(
            "duurzaam_6",
            &now,
            &before,
            Some(Reference {
                procent: 82.0,
                bron: Text::fixed(
                    "CBS, cohort 2021: 82% werkt na 6 maanden nog zonder bijstand",
                    "CBS, 2021 cohort: 82% still in work without assistance after 6 months",
                ),
            }),
        ),
        durability(
            "duurzaam_12",
            &now,
            &before,
            Some(Reference {
                procent: 72.0,
                bron: Text::fixed(
                    "CBS, cohort 2021: 72% werkt na 18 maanden nog zonder bijstand (geen landelijk cijfer voor 12 maanden)",
                    "CBS, 2021 cohort: 72% still in work without assistance after 18 months (no national figure for 12 months)",
                ),
            }),
        ),
    ];
    // Ambitions of the calendar year.
    let year = period.calendar_year();
    let mut sections = vec![
        section(
            "gesprekken",
            Text::fixed("Gesprekken", "Conversations"),
            spoken,
        ),
        section(
            "activering",
            Text::fixed("Activering", "Activation"),
            activated,
        ),
        section(
            "uitstroom",
            Text::fixed("Uitstroom en overdracht", "Exits and hand-overs"),
            outflow,
        ),
        section("werk", Text::fixed("Betaald werk", "Paid work"), work),
        now_section(input),
    ];
    sections.push(referral_section(
        input.partners,
        &now,
        &before,
        &total,
        &own,
    ));
    let programmes = programme_section(&now, &before);
    if !programmes.figuren.is_empty() {
        sections.push(programmes);
    }
    for s in &mut sections {
        for f in &mut s.figuren {
            if let (Some(y), Some(ind)) = (year, Indicator::parse(&f.id)) {
                f.ambitie = input
                    .ambitions
                    .iter()
                    .find(|a| a.jaar == y && a.indicator == ind)
                    .map(|a| a.doel);
            }
        }
    }
    let mut caseloads: Vec<CaseloadRow> = input
        .consultants
        .iter()
        .filter(|c| Some(c.team.as_str()) == input.own_team)
        .map(|c| CaseloadRow {
            naam: c.naam.clone(),
            aantal: input
                .files
                .iter()
                .filter(|f| f.consultant == Some(c.id))
                .count() as u32,
            norm: input.norm,
        })
        .collect();
    crate::order::sort_by(&mut caseloads, |a, b| a.naam.cmp(&b.naam));
    Report {
        periode: period,
        vorige_periode: previous,
        start_aanpak: input.start,
        peildatum: input.today,
        drempel: None,
        secties: sections,
        caseloads,
    }
}

fn section(id: &str, titel: Text, figuren: Vec<Figure>) -> Section {
    Section {
        id: id.into(),
        titel,
        figuren,
    }
}

/// Figures as of the reporting date: supported now, the waiting list, the ladder.
fn now_section(input: &Input<'_>) -> Section {
    let today = input.today;
    let rules = input.rules.at(today).ok();
    let mut supported = 0u32;
    let mut waiting: BTreeMap<&'static str, u32> = BTreeMap::new();
    let mut steps = [0u32; 7];
    for f in input.files {
        if f.consultant.is_some() {
            supported += 1;
        }
        if f.consultant.is_none() {
            let segment = rules.as_ref().and_then(|r| f.segment_now(r, today));
            *waiting.entry(segment.unwrap_or("onbekend")).or_default() += 1;
        }
        let step = f.step_on(today).map_or(0, usize::from);
        steps[step.min(6)] += 1;
    }
    let consultants = input.consultants.len() as u32;
    let mut figures = vec![
        plain(
            "actief",
            Text::fixed("Nu actief begeleid", "Actively supported now"),
            Text::new(
                format!("Inwoners die op de peildatum ({today}) een consulent hebben."),
                format!("Residents who have a consultant on the reporting date ({today})."),
            ),
            supported,
            None,
        ),
        plain(
            "capaciteit",
            Text::fixed("Capaciteit volgens de norm", "Capacity by the norm"),
            Text::new(
                format!("{consultants} consulenten × caseloadnorm {}.", input.norm),
                format!("{consultants} consultants × caseload norm {}.", input.norm),
            ),
            consultants * input.norm,
            None,
        ),
    ];
    for (code, nl, en) in [
        (
            "nu",
            "Wachtlijst: nu klaar voor begeleiding",
            "Waiting list: ready for guidance now",
        ),
        (
            "later",
            "Wachtlijst: later klaar",
            "Waiting list: ready later",
        ),
        (
            "niet_op_korte_termijn",
            "Wachtlijst: niet op korte termijn",
            "Waiting list: not in the short term",
        ),
        (
            "onbekend",
            "Wachtlijst: nog niet bekend",
            "Waiting list: not known yet",
        ),
    ] {
        figures.push(plain(
            &format!("wachtlijst.{code}"),
            Text::fixed(nl, en),
            Text::fixed(
                "Inwoners zonder consulent op de peildatum, naar wat de regels nu voorstellen (doorstroomtabel).",
                "Residents without a consultant on the reporting date, by what the rules suggest now (flow table).",
            ),
            waiting.get(code).copied().unwrap_or(0),
            None,
        ));
    }
    figures.push(plain(
        "trede.1-2",
        Text::fixed("In beeld op trede 1–2", "In view at steps 1–2"),
        Text::fixed(
            "Inwoners van wie de laatste laddermeting (besluit van de consulent) trede 1 of 2 is.",
            "Residents whose latest ladder measurement (the consultant's decision) is step 1 or 2.",
        ),
        steps[1] + steps[2],
        None,
    ));
    for (step, count) in steps.iter().enumerate().skip(1) {
        figures.push(plain(
            &format!("trede.{step}"),
            Text::new(format!("Trede {step}"), format!("Step {step}")),
            Text::fixed(
                "Inwoners naar de trede van hun laatste laddermeting (besluit van de consulent).",
                "Residents by the step of their latest ladder measurement (the consultant's decision).",
            ),
            *count,
            None,
        ));
    }
    figures.push(plain(
        "trede.onbekend",
        Text::fixed("Nog niet gemeten", "Not measured yet"),
        Text::fixed(
            "Inwoners zonder laddermeting tot de peildatum.",
            "Residents without a ladder measurement up to the reporting date.",
        ),
        steps[0],
        None,
    ));
    section("nu", Text::fixed("Nu in beeld", "In view now"), figures)
}

/// Referrals to partner organisations: requested, each later step, and per partner.
fn referral_section(
    partners: &[crate::partners::Partner],
    now: &Tally,
    before: &Tally,
    total: &Tally,
    own: &BTreeSet<i64>,
) -> Section {
    let steps: [(&str, &str, &str, &str, &str); 6] = [
        (
            "verwijzingen",
            "Verwijzingen naar partners",
            "Referrals to partners",
            "aangevraagd",
            "requested",
        ),
        (
            "verwijzingen.geaccepteerd",
            "Verwijzingen geaccepteerd",
            "Referrals accepted",
            "geaccepteerd",
            "accepted",
        ),
        (
            "verwijzingen.afgewezen",
            "Verwijzingen afgewezen",
            "Referrals declined",
            "afgewezen",
            "declined",
        ),
        (
            "verwijzingen.gestart",
            "Verwijzingen gestart",
            "Referrals started",
            "gestart",
            "started",
        ),
        (
            "verwijzingen.afgerond",
            "Verwijzingen afgerond",
            "Referrals completed",
            "afgerond",
            "completed",
        ),
        (
            "verwijzingen.gestopt",
            "Verwijzingen gestopt",
            "Referrals stopped",
            "gestopt",
            "stopped",
        ),
    ];
    let mut figures: Vec<Figure> = steps
        .iter()
        .map(|(id, nl, en, step_nl, step_en)| {
            let l = Labels {
                id: id.to_string(),
                label: Text::fixed(nl, en),
                definitie: Text::new(
                    format!("Verwijzingen van inwoners naar een partnerorganisatie die in de periode {step_nl} zijn (de datum van die stap telt); elke verwijzing telt."),
                    format!("Referrals of residents to a partner organisation {step_en} in the period (the date of that step counts); every referral counts."),
                ),
            };
            figure(l, now, before, Some(total), own)
        })
        .collect();
    // Per partner, in the order of the list; a partner that no referral names is left out.
    for p in partners {
        let id = format!("verwijzingen.partner.{}", p.id);
        if total.count(&id) + before.count(&id) == 0 {
            continue;
        }
        let l = Labels {
            id,
            label: Text::new(
                format!("Verwezen naar {}", p.naam),
                format!("Referred to {}", p.naam),
            ),
            definitie: Text::new(
                format!(
                    "Verwijzingen naar {} ({}) aangevraagd in de periode.",
                    p.naam,
                    p.soort.label().nl
                ),
                format!(
                    "Referrals to {} ({}) requested in the period.",
                    p.naam,
                    p.soort.label().en
                ),
            ),
        };
        figures.push(figure(l, now, before, Some(total), own));
    }
    section(
        "verwijzingen",
        Text::fixed("Verwijzingen naar partners", "Referrals to partners"),
        figures,
    )
}

/// Figures per programme or pilot tag on activations and placements.
fn programme_section(now: &Tally, before: &Tally) -> Section {
    let names: BTreeSet<&str> = now
        .sets
        .keys()
        .chain(before.sets.keys())
        .filter_map(|k| k.strip_prefix("programma."))
        .filter_map(|k| k.rsplit_once('.').map(|(name, _)| name))
        .collect();
    let mut figures = vec![];
    for name in names {
        for (what, nl, en) in [
            ("activeringen", "activeringen", "activations"),
            ("plaatsingen", "plaatsingen", "placements"),
        ] {
            let id = format!("programma.{name}.{what}");
            figures.push(plain(
                &id,
                Text::new(format!("{name}: {nl}"), format!("{name}: {en}")),
                Text::new(
                    format!("Inwoners met {nl} in de periode met het label '{name}'."),
                    format!("Residents with {en} in the period tagged '{name}'."),
                ),
                now.count(&id),
                Some(before.count(&id)),
            ));
        }
    }
    section(
        "programmas",
        Text::fixed("Programma's en pilots", "Programmes and pilots"),
        figures,
    )
}

impl Report {
    /// Hide small counts for publication: every count from 1 up to `threshold - 1` becomes
    /// "fewer than threshold", and a share of fewer than `threshold` becomes unknown.
    pub fn suppress(&mut self, threshold: u32) {
        let hide = |v: &mut Value| match *v {
            Value::Aantal(n) if n > 0 && n < threshold => *v = Value::MinderDan(threshold),
            Value::Procent { van, .. } if van < threshold => *v = Value::Onbekend,
            _ => {}
        };
        for f in self.secties.iter_mut().flat_map(|s| s.figuren.iter_mut()) {
            hide(&mut f.waarde);
            hide(&mut f.vorige);
            if let Some(s) = f.sinds_start.as_mut() {
                hide(s);
            }
        }
        for c in &mut self.caseloads {
            if c.aantal > 0 && c.aantal < threshold {
                c.aantal = 0;
            }
        }
        self.drempel = Some(threshold);
    }

    /// Aggregates only: no resident ids, no per-consultant rows (what policy staff receive).
    pub fn aggregates_only(&mut self) {
        for f in self.secties.iter_mut().flat_map(|s| s.figuren.iter_mut()) {
            f.inwoners.clear();
        }
        self.caseloads.clear();
    }

    /// Every figure as CSV: section, id, label, period value, previous, change, since start,
    /// ambition, definition (Dutch or English).
    pub fn csv(&self, lang: crate::Lang) -> String {
        self.csv_of(None, lang)
    }

    /// The CSV of one section (what a chart's download holds), or of all when `None`.
    pub fn csv_of(&self, section: Option<&str>, lang: crate::Lang) -> String {
        let mut out = String::from(match lang {
            crate::Lang::Nl => {
                "sectie;id;cijfer;periode;vorige periode;verschil;sinds start;ambitie;definitie\n"
            }
            crate::Lang::En => {
                "section;id;figure;period;previous period;change;since start;ambition;definition\n"
            }
        });
        for s in self
            .secties
            .iter()
            .filter(|s| section.is_none_or(|id| s.id == id))
        {
            for f in &s.figuren {
                let change = f.waarde.change_since(f.vorige).unwrap_or_default();
                let row = [
                    s.titel.get(lang).to_string(),
                    f.id.clone(),
                    f.label.get(lang).to_string(),
                    f.waarde.text().get(lang).to_string(),
                    f.vorige.text().get(lang).to_string(),
                    change,
                    f.sinds_start
                        .map(|v| v.text().get(lang).to_string())
                        .unwrap_or_default(),
                    f.ambitie.map(|a| a.to_string()).unwrap_or_default(),
                    f.definitie.get(lang).to_string(),
                ];
                out.push_str(&crate::text::csv_line(&row));
            }
        }
        out
    }

    /// The period in words: "2025", or "1 maart 2025 t/m 31 maart 2025".
    pub fn period_label(&self, p: Period, lang: crate::Lang) -> String {
        match p.calendar_year() {
            Some(y) => y.to_string(),
            None => match lang {
                crate::Lang::Nl => format!("{} t/m {}", date_nl(p.van), date_nl(p.tot)),
                crate::Lang::En => format!("{} to {}", date_en(p.van), date_en(p.tot)),
            },
        }
    }

    /// One sentence about a section, written from its figures: the headline figure in the
    /// period, the change against the previous period, and the ambition when there is one.
    pub fn summary(&self, section: &Section, lang: crate::Lang) -> String {
        let nl = lang == crate::Lang::Nl;
        let Some(f) = section.figuren.first() else {
            return String::new();
        };
        if section.id == "nu" {
            let get = |id: &str| {
                self.figure(id)
                    .map(|f| f.waarde.text().get(lang).to_string())
                    .unwrap_or_default()
            };
            return if nl {
                format!(
                    "Op {}: {} inwoners actief begeleid bij een capaciteit van {}; {} wachten klaar voor begeleiding en {} staan op trede 1–2.",
                    date_nl(self.peildatum), get("actief"), get("capaciteit"), get("wachtlijst.nu"), get("trede.1-2")
                )
            } else {
                format!(
                    "On {}: {} residents actively supported at a capacity of {}; {} wait ready for guidance and {} are at steps 1–2.",
                    date_en(self.peildatum), get("actief"), get("capaciteit"), get("wachtlijst.nu"), get("trede.1-2")
                )
            };
        }
        let period = self.period_label(self.periode, lang);
        let before = self.period_label(self.vorige_periode, lang);
        let label = lower_first(f.label.get(lang));
        let value = f.waarde.text().get(lang).to_string();
        let mut out = format!("{period}: {label} {value}");
        match (f.waarde, f.vorige) {
            (Value::Aantal(a), Value::Aantal(b)) => {
                let diff = a as i64 - b as i64;
                out.push_str(&match (nl, diff.signum()) {
                    (true, 1) => format!(", {diff} meer dan in {before} ({b})"),
                    (true, -1) => format!(", {} minder dan in {before} ({b})", -diff),
                    (true, _) => format!(", evenveel als in {before}"),
                    (false, 1) => format!(", {diff} more than in {before} ({b})"),
                    (false, -1) => format!(", {} fewer than in {before} ({b})", -diff),
                    (false, _) => format!(", as many as in {before}"),
                });
            }
            (_, prev) => out.push_str(&if nl {
                format!(" (in {before}: {})", prev.text().nl)
            } else {
                format!(" (in {before}: {})", prev.text().en)
            }),
        }
        if let (Some(goal), Some(n)) = (f.ambitie, f.waarde.count()) {
            let reached = n >= goal;
            out.push_str(&match (nl, reached) {
                (true, true) => format!("; de ambitie van {goal} is gehaald"),
                (true, false) => format!("; {} onder de ambitie van {goal}", goal - n),
                (false, true) => format!("; the ambition of {goal} was reached"),
                (false, false) => format!("; {} below the ambition of {goal}", goal - n),
            });
        }
        if let Some(second) = section
            .figuren
            .get(1)
            .filter(|_| section.id != "gesprekken")
        {
            out.push_str(&format!(
                "; {} {}",
                lower_first(second.label.get(lang)),
                second.waarde.text().get(lang)
            ));
        }
        out.push('.');
        out
    }

    /// A figure by id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.secties
            .iter()
            .flat_map(|s| s.figuren.iter())
            .find(|f| f.id == id)
    }
}
