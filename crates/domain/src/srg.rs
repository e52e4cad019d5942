//! The monthly delivery to CBS for the statistic on re-integration by municipalities (SRG):
//! per resident and re-integration provision that ran in the month, the person (BSN), the
//! provision's CBS code and its start and end date. Which of our records is which provision is
//! a data file the administrator can change ([`Mapping`], default `srg/koppeling.csv`). The
//! checks before a delivery ([`Check`]), the empty delivery when nothing ran, the rule for
//! corrections of the three previous months ([`kind_for`]) and the file layout
//! ([`Delivery::text`]) are here, so the page, the server and the tests agree. The layout is
//! documented in `docs/srg.md`, with what follows the CBS guidelines and what is our
//! assumption.

use crate::bsn::Bsn;
use crate::records::{ActivationKind, Record};
use crate::report::ResidentFile;
use crate::text::Text;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The mapping a new installation starts with.
pub const DEFAULT_MAPPING: &str = include_str!("../srg/koppeling.csv");

/// A provision's CBS code as the mapping gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// Delivered with this code (1–99).
    Cbs(u8),
    /// Not a re-integration provision: never delivered (`-` in the file).
    Niet,
    /// Not decided yet (empty in the file): a provision of this source blocks the delivery.
    Onbekend,
}

/// The sources of provisions in our records, with their names.
pub fn sources() -> Vec<(String, Text)> {
    let mut out: Vec<(String, Text)> = ActivationKind::CHOICES
        .iter()
        .map(|c| {
            (
                format!("activering.{}", c.code),
                Text::new(
                    format!("Activering: {}", c.label.nl),
                    format!("Activation: {}", c.label.en),
                ),
            )
        })
        .collect();
    for (key, nl, en) in [
        (
            "proefplaatsing",
            "proefplaatsing voor een plaatsing",
            "trial placement before a placement",
        ),
        (
            "jobcoach",
            "jobcoach bij een plaatsing",
            "job coach in a placement",
        ),
        (
            "werkplekaanpassing",
            "werkplekaanpassing bij een plaatsing",
            "adapted workplace in a placement",
        ),
        (
            "loonkostensubsidie",
            "loonkostensubsidie bij een plaatsing",
            "wage-cost subsidy in a placement",
        ),
    ] {
        out.push((
            format!("plaatsing.{key}"),
            Text::new(format!("Plaatsing: {nl}"), format!("Placement: {en}")),
        ));
    }
    out
}

/// One line of the mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappingRow {
    pub bron: String,
    pub code: Code,
    pub toelichting: String,
}

/// The mapping from our sources to CBS codes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub rijen: Vec<MappingRow>,
}

/// A problem in the mapping file: its line (1 is the header) and column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappingProblem {
    pub regel: usize,
    pub kolom: String,
    pub melding: Text,
}

impl Mapping {
    /// Read a mapping file: a header `bron;code;toelichting`, then one line per source. Every
    /// source appears exactly once; the code is 1–99, `-` (not delivered) or empty (not
    /// decided). Every problem names its line and column.
    pub fn parse(text: &str) -> Result<Mapping, Vec<MappingProblem>> {
        let known = sources();
        let mut problems = vec![];
        let mut rows: Vec<MappingRow> = vec![];
        // Sources named on a line, also a line with a problem (then it is not also missing).
        let mut seen: Vec<String> = vec![];
        let mut lines = text.trim_start_matches('\u{feff}').lines().enumerate();
        let problem = |regel: usize, kolom: &str, nl: String, en: String| MappingProblem {
            regel,
            kolom: kolom.into(),
            melding: Text::new(nl, en),
        };
        match lines.next() {
            Some((_, h)) if h.trim().eq_ignore_ascii_case("bron;code;toelichting") => {}
            _ => problems.push(problem(
                1,
                "",
                "De eerste regel moet de kop zijn: bron;code;toelichting.".into(),
                "The first line must be the header: bron;code;toelichting.".into(),
            )),
        }
        for (n, line) in lines {
            let regel = n + 1;
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.splitn(3, ';').map(str::trim).collect();
            let bron = cells[0];
            if !known.iter().any(|(k, _)| k == bron) {
                let list = known
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                problems.push(problem(
                    regel,
                    "bron",
                    format!("'{bron}' is geen bron; kies uit: {list}."),
                    format!("'{bron}' is not a source; choose from: {list}."),
                ));
                continue;
            }
            if seen.iter().any(|r| r == bron) {
                problems.push(problem(
                    regel,
                    "bron",
                    format!("{bron} staat er al; noem elke bron één keer."),
                    format!("{bron} is listed already; list each source once."),
                ));
                continue;
            }
            seen.push(bron.to_string());
            let raw = cells.get(1).copied().unwrap_or("");
            let code = match raw {
                "" => Code::Onbekend,
                "-" => Code::Niet,
                c => match c.parse::<u8>() {
                    Ok(v) if (1..=99).contains(&v) && c.len() <= 2 => Code::Cbs(v),
                    _ => {
                        problems.push(problem(
                            regel,
                            "code",
                            format!("'{c}' is geen CBS-code; vul een getal van 1 tot en met 99 in, '-' (niet leveren) of laat het leeg (nog te bepalen)."),
                            format!("'{c}' is not a CBS code; enter a number from 1 to 99, '-' (not delivered) or leave it empty (to be decided)."),
                        ));
                        continue;
                    }
                },
            };
            let toelichting = cells.get(2).copied().unwrap_or("").to_string();
            if toelichting.chars().count() > 300 || toelichting.chars().any(char::is_control) {
                problems.push(problem(
                    regel,
                    "toelichting",
                    "Een toelichting is hoogstens 300 tekens, zonder stuurtekens.".into(),
                    "A note is at most 300 characters, without control characters.".into(),
                ));
                continue;
            }
            rows.push(MappingRow {
                bron: bron.to_string(),
                code,
                toelichting,
            });
        }
        for (k, _) in &known {
            if !seen.iter().any(|r| r == k) {
                problems.push(problem(
                    0,
                    "bron",
                    format!("De bron {k} ontbreekt; voeg een regel toe (met '-' als die niet geleverd wordt)."),
                    format!("The source {k} is missing; add a line (with '-' when it is not delivered)."),
                ));
            }
        }
        if problems.is_empty() {
            Ok(Mapping { rijen: rows })
        } else {
            Err(problems)
        }
    }

    /// The code of a source (a source the mapping lacks is not decided).
    pub fn code(&self, source: &str) -> Code {
        self.rijen
            .iter()
            .find(|r| r.bron == source)
            .map_or(Code::Onbekend, |r| r.code)
    }
}

/// A reporting month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    pub jaar: i32,
    pub maand: u32,
}

impl Month {
    /// A month written as `2025-11`; an error names the field `maand`.
    pub fn parse(s: &str) -> Result<Month, crate::records::FieldError> {
        let bad = || crate::records::FieldError {
            field: "maand".into(),
            message: Text::new(
                format!("'{s}' is geen maand; schrijf jjjj-mm, bijvoorbeeld 2025-11."),
                format!("'{s}' is not a month; write yyyy-mm, for example 2025-11."),
            ),
        };
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        let (jaar, maand) = (
            y.parse::<i32>().map_err(|_| bad())?,
            m.parse::<u32>().map_err(|_| bad())?,
        );
        if y.len() != 4 || !(2000..=2100).contains(&jaar) || !(1..=12).contains(&maand) {
            return Err(bad());
        }
        Ok(Month { jaar, maand })
    }

    /// The month of a day.
    pub fn of(d: NaiveDate) -> Month {
        Month {
            jaar: d.year(),
            maand: d.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.jaar, self.maand, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        (self.first_day() + Months::new(1))
            .pred_opt()
            .unwrap_or_default()
    }

    /// The month `n` months earlier.
    pub fn minus(self, n: u32) -> Month {
        Month::of(self.first_day() - Months::new(n))
    }

    /// `202511`, as in the file.
    pub fn compact(self) -> String {
        format!("{:04}{:02}", self.jaar, self.maand)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.jaar, self.maand)
    }
}

/// A provision a resident received, from our records.
#[derive(Debug, Clone, PartialEq)]
pub struct Provision {
    pub resident: i64,
    pub bsn: Option<String>,
    pub source: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

impl Provision {
    /// Whether it ran on at least one day of the month.
    pub fn runs_in(&self, m: Month) -> bool {
        self.start <= m.last_day() && self.end.is_none_or(|e| e >= m.first_day())
    }
}

/// Every provision in the files: activations by kind, and a placement's trial placement
/// (before the start), job coach, adapted workplace and wage-cost subsidy (from the start to
/// the end of the support).
pub fn provisions(files: &[ResidentFile]) -> Vec<Provision> {
    let mut out = vec![];
    for f in files {
        let bsn = f.person().and_then(|p| p.bsn.clone());
        let mut add = |source: String, start: NaiveDate, end: Option<NaiveDate>| {
            out.push(Provision {
                resident: f.id,
                bsn: bsn.clone(),
                source,
                start,
                end,
            })
        };
        for r in &f.records {
            match r {
                Record::Activering(a) => {
                    add(format!("activering.{}", a.soort.code()), a.start, a.einde)
                }
                Record::Plaatsing(p) => {
                    if let Some(from) = p.proefplaatsing_van {
                        add("plaatsing.proefplaatsing".into(), from, p.start.pred_opt());
                    }
                    for (on, key) in [
                        (p.jobcoach, "jobcoach"),
                        (p.werkplekaanpassing, "werkplekaanpassing"),
                        (p.loonkostensubsidie, "loonkostensubsidie"),
                    ] {
                        if on {
                            add(format!("plaatsing.{key}"), p.start, p.ondersteuning_tot);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// A problem that stops a delivery: the resident, the provision and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub inwoner: i64,
    pub bron: String,
    #[serde(deserialize_with = "crate::day::de")]
    pub begin: NaiveDate,
    pub veld: String,
    pub melding: Text,
}

/// A regular delivery or a correction of a month delivered before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    #[serde(rename = "R")]
    Regulier,
    #[serde(rename = "C")]
    Correctie,
}

impl Kind {
    pub fn letter(self) -> &'static str {
        match self {
            Kind::Regulier => "R",
            Kind::Correctie => "C",
        }
    }
}

/// How many months back a delivered month may be corrected.
pub const CORRECTION_MONTHS: u32 = 3;

/// What may be delivered for `month` on `today`: a month that is over, delivered regularly
/// once; after that a correction, for the three months before the current one. Otherwise the
/// reason, in Dutch and English.
pub fn kind_for(month: Month, today: NaiveDate, delivered: bool) -> Result<Kind, Text> {
    let now = Month::of(today);
    if month >= now {
        return Err(Text::new(
            format!("{month} is nog niet voorbij; lever na afloop van de maand."),
            format!("{month} is not over yet; deliver after the month has ended."),
        ));
    }
    if !delivered {
        return Ok(Kind::Regulier);
    }
    if month < now.minus(CORRECTION_MONTHS) {
        return Err(Text::new(
            format!(
                "{month} is al geleverd en ligt meer dan {CORRECTION_MONTHS} maanden terug; correcties kunnen alleen voor {} tot en met {}.",
                now.minus(CORRECTION_MONTHS),
                now.minus(1)
            ),
            format!(
                "{month} was delivered and lies more than {CORRECTION_MONTHS} months back; corrections are possible only for {} to {}.",
                now.minus(CORRECTION_MONTHS),
                now.minus(1)
            ),
        ));
    }
    Ok(Kind::Correctie)
}

/// One provision line of the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Line {
    pub bsn: String,
    pub code: u8,
    pub begin: NaiveDate,
    /// The end, when it falls in or before the month; empty while it runs on.
    pub einde: Option<NaiveDate>,
    pub inwoner: i64,
}

/// The lines of a month, or the checks that stop it.
pub fn lines(all: &[Provision], mapping: &Mapping, month: Month) -> Result<Vec<Line>, Vec<Check>> {
    let mut out = vec![];
    let mut checks = vec![];
    for p in all.iter().filter(|p| p.runs_in(month)) {
        let check = |veld: &str, nl: String, en: String| Check {
            inwoner: p.resident,
            bron: p.source.clone(),
            begin: p.start,
            veld: veld.into(),
            melding: Text::new(nl, en),
        };
        let code = match mapping.code(&p.source) {
            Code::Niet => continue,
            Code::Onbekend => {
                checks.push(check(
                    "code",
                    format!(
                        "Voor {} is nog geen CBS-code vastgelegd; vul die in de koppeling in.",
                        p.source
                    ),
                    format!(
                        "No CBS code is set for {} yet; fill it in in the mapping.",
                        p.source
                    ),
                ));
                continue;
            }
            Code::Cbs(c) => c,
        };
        if let Some(e) = p.end.filter(|e| *e < p.start) {
            checks.push(check(
                "einde",
                format!(
                    "De einddatum {e} ligt voor de begindatum {}; verbeter het record.",
                    p.start
                ),
                format!(
                    "The end date {e} is before the start date {}; correct the record.",
                    p.start
                ),
            ));
            continue;
        }
        let bsn = match p.bsn.as_deref().map(Bsn::parse) {
            Some(Ok(b)) => b.to_string(),
            Some(Err(e)) => {
                checks.push(check(
                    "bsn",
                    e.text().nl.into_owned(),
                    e.text().en.into_owned(),
                ));
                continue;
            }
            None => {
                checks.push(check(
                    "bsn",
                    "Deze inwoner heeft geen BSN; vul het in bij de inwoner.".into(),
                    "This resident has no BSN; fill it in on the resident.".into(),
                ));
                continue;
            }
        };
        out.push(Line {
            bsn,
            code,
            begin: p.start,
            einde: p.end.filter(|e| *e <= month.last_day()),
            inwoner: p.resident,
        });
    }
    if !checks.is_empty() {
        checks.sort_by(|a, b| (a.inwoner, &a.bron, a.begin).cmp(&(b.inwoner, &b.bron, b.begin)));
        return Err(checks);
    }
    out.sort();
    out.dedup_by(|a, b| {
        (a.bsn.as_str(), a.code, a.begin, a.einde) == (b.bsn.as_str(), b.code, b.begin, b.einde)
    });
    Ok(out)
}

/// A delivery: the month, regular or correction, and its lines (none: the empty delivery).
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub gemeentecode: String,
    pub maand: Month,
    pub soort: Kind,
    pub regels: Vec<Line>,
}

/// A municipality's CBS code: four digits (e.g. `0603`).
pub fn check_municipality_code(code: &str) -> Result<(), Text> {
    if code.len() == 4 && code.chars().all(|c| c.is_ascii_digit()) && code != "0000" {
        Ok(())
    } else {
        Err(Text::new(
            format!("'{code}' is geen gemeentecode; vul de vier cijfers van het CBS in, bijvoorbeeld 0603."),
            format!("'{code}' is not a municipality code; enter CBS's four digits, for example 0603."),
        ))
    }
}

/// A delivery's file name: `SRG_<municipality>_<yyyymm>_<R|C>.csv`.
pub fn file_name(municipality: &str, month: Month, kind: Kind) -> String {
    format!(
        "SRG_{municipality}_{}_{}.csv",
        month.compact(),
        kind.letter()
    )
}

/// `yyyymmdd` (as chrono's `%Y%m%d`, without its format machinery in the browser apps).
fn day(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

impl Delivery {
    /// The file: a header line `SRG;1;<municipality>;<yyyymm>;<R|C>;<count>`, then one line
    /// per provision `VZ;<bsn>;<code>;<start yyyymmdd>;<end yyyymmdd or empty>`, sorted by
    /// BSN, code and start; lines end with CR LF; ASCII only.
    pub fn text(&self) -> String {
        let mut out = format!(
            "SRG;1;{};{};{};{}\r\n",
            self.gemeentecode,
            self.maand.compact(),
            self.soort.letter(),
            self.regels.len()
        );
        for l in &self.regels {
            out.push_str(&format!(
                "VZ;{};{:02};{};{}\r\n",
                l.bsn,
                l.code,
                day(l.begin),
                l.einde.map(day).unwrap_or_default()
            ));
        }
        out
    }

    /// The file's name.
    pub fn file_name(&self) -> String {
        file_name(&self.gemeentecode, self.maand, self.soort)
    }
}
