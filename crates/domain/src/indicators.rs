//! Klant in Beeld: the indicators the municipality wants known of every resident on assistance
//! (education, skills, obstacles and the like), so everyone is in view. The list is data — a
//! dated, expert-readable file per version in `indicatoren/` — like the rule tables: a new
//! version is a new file, and a code never changes its meaning. Consultants fill the indicators
//! of their own residents; an external assessor those of the residents in their batch. Who
//! filled a value and when is kept beside it. The team lead's progress view (how many of the
//! population have each indicator, per step) is [`progress`].

use crate::records::FieldError;
use crate::text::{Lang, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The lists, oldest first, as the files in `indicatoren/` (named by the day they apply from).
const FILES: [(&str, &str); 1] = [(
    "indicatoren/2025-01-01.md",
    include_str!("../indicatoren/2025-01-01.md"),
)];

/// A label in Dutch and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub nl: String,
    pub en: String,
}

impl Label {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// One answer of a choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub label: Label,
}

/// What kind of answer an indicator takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// One of the listed answers.
    Keuze { antwoorden: Vec<Choice> },
    /// Yes (`ja`) or no (`nee`).
    JaNee,
    /// A whole number from `min` to `max`, in `eenheid`.
    Getal { min: i64, max: i64, eenheid: Label },
}

/// One indicator of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub vraag: Label,
    pub thema: Label,
    pub antwoord: Answer,
}

impl Indicator {
    /// Check a value given for this indicator; the problem in Dutch and English.
    pub fn check(&self, value: &str) -> Result<(), Text> {
        match &self.antwoord {
            Answer::Keuze { antwoorden } => {
                if antwoorden.iter().any(|c| c.code == value) {
                    Ok(())
                } else {
                    Err(Text::new(
                        format!("'{value}' is geen antwoord op deze vraag; kies een van de antwoorden."),
                        format!("'{value}' is not an answer to this question; choose one of the answers."),
                    ))
                }
            }
            Answer::JaNee => match value {
                "ja" | "nee" => Ok(()),
                _ => Err(Text::fixed("Kies ja of nee.", "Choose yes or no.")),
            },
            Answer::Getal { min, max, eenheid } => match value.trim().parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => Ok(()),
                _ => Err(Text::new(
                    format!(
                        "Vul een heel getal van {min} tot en met {max} in ({}).",
                        eenheid.nl
                    ),
                    format!("Enter a whole number from {min} to {max} ({}).", eenheid.en),
                )),
            },
        }
    }

    /// A value as people read it ("Ja", "B1", "12 uur").
    pub fn show(&self, value: &str, lang: Lang) -> String {
        match &self.antwoord {
            Answer::Keuze { antwoorden } => antwoorden
                .iter()
                .find(|c| c.code == value)
                .map(|c| c.label.get(lang).to_string())
                .unwrap_or_else(|| value.to_string()),
            Answer::JaNee => match (value, lang) {
                ("ja", Lang::Nl) => "Ja".into(),
                ("ja", Lang::En) => "Yes".into(),
                ("nee", Lang::Nl) => "Nee".into(),
                ("nee", Lang::En) => "No".into(),
                _ => value.to_string(),
            },
            Answer::Getal { eenheid, .. } => format!("{value} {}", eenheid.get(lang)),
        }
    }
}

/// A version of the list: the indicators that apply from a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct List {
    #[serde(deserialize_with = "crate::day::de")]
    pub geldig_vanaf: NaiveDate,
    pub indicatoren: Vec<Indicator>,
}

/// A problem in a list file, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListError {
    pub line: usize,
    pub message: Text,
}

impl std::fmt::Display for ListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "regel {} (line {}): {}",
            self.line,
            self.line,
            self.message.both()
        )
    }
}

fn code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn label(line: usize, text: &str, what: (&str, &str)) -> Result<Label, ListError> {
    match text.split_once('|') {
        Some((nl, en)) if !nl.trim().is_empty() && !en.trim().is_empty() => Ok(Label {
            nl: nl.trim().to_string(),
            en: en.trim().to_string(),
        }),
        _ => Err(ListError {
            line,
            message: Text::new(
                format!("Schrijf {} als 'Nederlands | Engels'.", what.0),
                format!("Write {} as 'Dutch | English'.", what.1),
            ),
        }),
    }
}

/// An indicator while its lines are read.
struct Open {
    line: usize,
    code: String,
    vraag: Option<Label>,
    thema: Option<Label>,
    soort: Option<(usize, String)>,
    antwoorden: Vec<Choice>,
}

impl Open {
    fn close(self) -> Result<Indicator, ListError> {
        let missing = |nl: &str, en: &str| ListError {
            line: self.line,
            message: Text::new(
                format!("Indicator '{}' mist '{nl}:'.", self.code),
                format!("Indicator '{}' lacks '{en}:'.", self.code),
            ),
        };
        let vraag = self
            .vraag
            .clone()
            .ok_or_else(|| missing("vraag", "vraag"))?;
        let thema = self
            .thema
            .clone()
            .ok_or_else(|| missing("thema", "thema"))?;
        let (soort_line, soort) = self
            .soort
            .clone()
            .ok_or_else(|| missing("soort", "soort"))?;
        let bad = |nl: String, en: String| ListError {
            line: soort_line,
            message: Text::new(nl, en),
        };
        let first = soort.split_whitespace().next().unwrap_or("");
        if first != "keuze" && !self.antwoorden.is_empty() {
            return Err(bad(
                format!(
                    "Alleen een keuze heeft antwoorden ('- …'); '{}' is {soort}.",
                    self.code
                ),
                format!(
                    "Only a choice has answers ('- …'); '{}' is {soort}.",
                    self.code
                ),
            ));
        }
        let antwoord = match first {
            "keuze" => {
                if self.antwoorden.len() < 2 {
                    return Err(bad(
                        format!("Keuze '{}' heeft minstens twee antwoorden nodig ('- code: Nederlands | Engels').", self.code),
                        format!("Choice '{}' needs at least two answers ('- code: Dutch | English').", self.code),
                    ));
                }
                Answer::Keuze {
                    antwoorden: self.antwoorden,
                }
            }
            "ja-nee" => Answer::JaNee,
            "getal" => {
                // getal 0-40 uur | hours
                let rest = soort["getal".len()..].trim();
                let (range, unit) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                let bounds = range
                    .split_once('-')
                    .and_then(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?)));
                let Some((min, max)) = bounds.filter(|(a, b)| a <= b) else {
                    return Err(bad(
                        format!("Schrijf een getal als 'getal min-max eenheid | unit', bijvoorbeeld 'getal 0-40 uur | hours'; '{range}' is geen bereik."),
                        format!("Write a number as 'getal min-max eenheid | unit', for example 'getal 0-40 uur | hours'; '{range}' is not a range."),
                    ));
                };
                Answer::Getal {
                    min,
                    max,
                    eenheid: label(soort_line, unit, ("de eenheid", "the unit"))?,
                }
            }
            other => {
                return Err(bad(
                    format!("Onbekende soort '{other}'; kies keuze, ja-nee of getal."),
                    format!("Unknown kind '{other}'; choose keuze, ja-nee or getal."),
                ))
            }
        };
        Ok(Indicator {
            code: self.code,
            vraag,
            thema,
            antwoord,
        })
    }
}

impl List {
    /// Read a list file. Every problem names its line; the first one stops the reading.
    pub fn parse(text: &str) -> Result<List, ListError> {
        let mut from = None;
        let mut done: Vec<Indicator> = vec![];
        let mut open: Option<Open> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            let l = raw.trim();
            let err = |nl: String, en: String| ListError {
                line,
                message: Text::new(nl, en),
            };
            if let Some(code) = l.strip_prefix("## ") {
                let code = code.trim();
                if !code_ok(code) {
                    return Err(err(
                        format!("'{code}' is geen geldige code: kleine letters, cijfers en _, hoogstens 40."),
                        format!("'{code}' is not a valid code: lower-case letters, digits and _, at most 40."),
                    ));
                }
                if done.iter().any(|i| i.code == code) {
                    return Err(err(
                        format!("De code '{code}' staat twee keer in de lijst."),
                        format!("The code '{code}' is in the list twice."),
                    ));
                }
                if let Some(o) = open.take() {
                    done.push(o.close()?);
                }
                open = Some(Open {
                    line,
                    code: code.to_string(),
                    vraag: None,
                    thema: None,
                    soort: None,
                    antwoorden: vec![],
                });
                continue;
            }
            if let Some(day) = l.strip_prefix("geldig vanaf:") {
                from = Some(crate::day::parse(day).ok_or_else(|| {
                    err(
                        format!("'{}' is geen datum; schrijf jjjj-mm-dd.", day.trim()),
                        format!("'{}' is not a date; write yyyy-mm-dd.", day.trim()),
                    )
                })?);
                continue;
            }
            let Some(o) = open.as_mut() else {
                continue; // the introduction, for people
            };
            if l.is_empty() {
                continue;
            }
            if let Some(answer) = l.strip_prefix("- ") {
                let Some((code, text)) = answer.split_once(':') else {
                    return Err(err(
                        "Schrijf een antwoord als '- code: Nederlands | Engels'.".into(),
                        "Write an answer as '- code: Dutch | English'.".into(),
                    ));
                };
                let code = code.trim();
                if !code_ok(code) || o.antwoorden.iter().any(|c| c.code == code) {
                    return Err(err(
                        format!(
                            "Het antwoord '{code}' is geen geldige code of staat er twee keer."
                        ),
                        format!("The answer '{code}' is not a valid code or is there twice."),
                    ));
                }
                o.antwoorden.push(Choice {
                    code: code.to_string(),
                    label: label(line, text, ("het antwoord", "the answer"))?,
                });
                continue;
            }
            match l.split_once(':') {
                Some(("vraag", v)) => o.vraag = Some(label(line, v, ("de vraag", "the question"))?),
                Some(("thema", v)) => o.thema = Some(label(line, v, ("het thema", "the theme"))?),
                Some(("soort", v)) => o.soort = Some((line, v.trim().to_string())),
                _ => {
                    return Err(err(
                        format!(
                        "Onbekende regel '{l}'; verwacht vraag:, thema:, soort: of '- antwoord'."
                    ),
                        format!(
                            "Unknown line '{l}'; expected vraag:, thema:, soort: or '- answer'."
                        ),
                    ))
                }
            }
        }
        if let Some(o) = open.take() {
            done.push(o.close()?);
        }
        let geldig_vanaf = from.ok_or(ListError {
            line: 1,
            message: Text::fixed(
                "De lijst mist 'geldig vanaf: jjjj-mm-dd'.",
                "The list lacks 'geldig vanaf: yyyy-mm-dd'.",
            ),
        })?;
        if done.is_empty() {
            return Err(ListError {
                line: 1,
                message: Text::fixed(
                    "De lijst heeft geen indicatoren ('## code').",
                    "The list has no indicators ('## code').",
                ),
            });
        }
        Ok(List {
            geldig_vanaf,
            indicatoren: done,
        })
    }

    /// The indicator with `code`.
    pub fn get(&self, code: &str) -> Option<&Indicator> {
        self.indicatoren.iter().find(|i| i.code == code)
    }

    /// The version's name: the day it applies from.
    pub fn version(&self) -> String {
        self.geldig_vanaf.to_string()
    }

    /// Check a set of changes (`code` → the new value, `None` to clear it). Every problem names
    /// its field as `waarden.<code>`, in Dutch and English.
    pub fn check_changes(
        &self,
        changes: &BTreeMap<String, Option<String>>,
    ) -> Result<(), Vec<FieldError>> {
        let mut errors = vec![];
        if changes.is_empty() {
            errors.push(FieldError {
                field: "waarden".into(),
                message: Text::fixed(
                    "Er is niets gewijzigd om op te slaan.",
                    "Nothing was changed to save.",
                ),
            });
        }
        for (code, value) in changes {
            let field = format!("waarden.{code}");
            match (self.get(code), value) {
                (None, _) => errors.push(FieldError {
                    field,
                    message: Text::new(
                        format!(
                            "'{code}' is geen indicator van de lijst van {}.",
                            self.geldig_vanaf
                        ),
                        format!(
                            "'{code}' is not an indicator of the list of {}.",
                            self.geldig_vanaf
                        ),
                    ),
                }),
                (Some(_), None) => {}
                (Some(i), Some(v)) => {
                    if let Err(message) = i.check(v) {
                        errors.push(FieldError { field, message });
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Every list of `indicatoren/`, oldest first; a file that cannot be read is named with its
/// problem (a test reads them all).
pub fn lists() -> Result<Vec<List>, String> {
    FILES
        .iter()
        .map(|(name, text)| List::parse(text).map_err(|e| format!("{name}: {e}")))
        .collect()
}

/// The list that applies on `day`: the newest version that started on or before it (the
/// oldest before the first).
pub fn in_force(day: NaiveDate) -> List {
    // Read once per process (the server asks on every request), not once per call.
    static LISTS: std::sync::OnceLock<Vec<List>> = std::sync::OnceLock::new();
    let all = LISTS.get_or_init(|| lists().expect("the indicator lists are checked by a test"));
    let n = all.iter().rposition(|l| l.geldig_vanaf <= day).unwrap_or(0);
    all[n].clone()
}

/// One resident in the progress view: the step of the latest measurement (`None`: not
/// measured yet) and the codes of the indicators that have a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled<'a> {
    pub step: Option<u8>,
    pub codes: Vec<&'a str>,
}

/// A count, or hidden because it is below the threshold for aggregates.
pub type Count = Option<u32>;

/// One row of the progress view: for each step (index 0: no step measured yet; 1–6) and in
/// total, how many residents have the indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub code: String,
    pub vraag: Label,
    pub per_trede: [Count; 7],
    pub totaal: Count,
}

/// How far the population is in view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    #[serde(deserialize_with = "crate::day::de")]
    pub lijst: NaiveDate,
    /// The residents on assistance, per step and in total.
    pub populatie: [Count; 7],
    pub populatie_totaal: Count,
    /// One row per indicator.
    pub rijen: Vec<Row>,
    /// Residents with every indicator filled.
    pub volledig: [Count; 7],
    pub volledig_totaal: Count,
    /// Counts below this were hidden (aggregates for policy staff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drempel: Option<u32>,
}

fn slot(step: Option<u8>) -> usize {
    match step {
        Some(s @ 1..=6) => s as usize,
        _ => 0,
    }
}

/// The progress view of a population against a list.
pub fn progress(list: &List, population: &[Filled<'_>]) -> Progress {
    let mut pop = [0u32; 7];
    let mut complete = [0u32; 7];
    let mut rows: Vec<[u32; 7]> = vec![[0; 7]; list.indicatoren.len()];
    for r in population {
        let s = slot(r.step);
        pop[s] += 1;
        let mut all = true;
        for (n, i) in list.indicatoren.iter().enumerate() {
            if r.codes.contains(&i.code.as_str()) {
                rows[n][s] += 1;
            } else {
                all = false;
            }
        }
        if all {
            complete[s] += 1;
        }
    }
    let some = |a: [u32; 7]| a.map(Some);
    let sum = |a: &[u32; 7]| Some(a.iter().sum::<u32>());
    Progress {
        lijst: list.geldig_vanaf,
        populatie_totaal: sum(&pop),
        populatie: some(pop),
        rijen: list
            .indicatoren
            .iter()
            .zip(rows)
            .map(|(i, r)| Row {
                code: i.code.clone(),
                vraag: i.vraag.clone(),
                totaal: sum(&r),
                per_trede: some(r),
            })
            .collect(),
        volledig_totaal: sum(&complete),
        volledig: some(complete),
        drempel: None,
    }
}

/// A share in whole per cent, when both counts are known and the whole is not zero.
pub fn percent(part: Count, whole: Count) -> Option<u32> {
    match (part, whole) {
        (Some(p), Some(w)) if w > 0 => Some(((p as u64 * 100 + w as u64 / 2) / w as u64) as u32),
        _ => None,
    }
}

impl Progress {
    /// Hide every count from 1 to below `threshold` (what policy staff receive).
    pub fn suppress(&mut self, threshold: u32) {
        let hide = |c: &mut Count| {
            if c.is_some_and(|n| n > 0 && n < threshold) {
                *c = None;
            }
        };
        for c in self
            .populatie
            .iter_mut()
            .chain(self.volledig.iter_mut())
            .chain([&mut self.populatie_totaal, &mut self.volledig_totaal])
        {
            hide(c);
        }
        for r in &mut self.rijen {
            r.per_trede.iter_mut().for_each(hide);
            hide(&mut r.totaal);
        }
        self.drempel = Some(threshold);
    }

    /// The table as CSV ([`crate::text::csv_line`]): a row for the population,
    /// one per indicator and one for "all filled", a column per step and the total. A hidden
    /// count is left empty.
    pub fn csv(&self, lang: Lang) -> String {
        let name = |(nl, en): (&str, &str)| match lang {
            Lang::Nl => nl.to_string(),
            Lang::En => en.to_string(),
        };
        let mut head = vec![name(("indicator", "indicator")), name(("code", "code"))];
        head.extend(STEP_NAMES.iter().map(|s| name(*s)));
        head.push(name(("totaal", "total")));
        let mut out = String::new();
        let mut line = |cells: Vec<String>| out.push_str(&crate::text::csv_line(&cells));
        line(head);
        let row = |label: String, code: &str, per: &[Count; 7], total: Count| {
            let mut cells = vec![label, code.to_string()];
            cells.extend(
                per.iter()
                    .chain([&total])
                    .map(|c| c.map(|n| n.to_string()).unwrap_or_default()),
            );
            cells
        };
        line(row(
            name(("Inwoners met bijstand", "Residents on assistance")),
            "",
            &self.populatie,
            self.populatie_totaal,
        ));
        for r in &self.rijen {
            line(row(
                r.vraag.get(lang).to_string(),
                &r.code,
                &r.per_trede,
                r.totaal,
            ));
        }
        line(row(
            name(("Alles ingevuld", "All filled")),
            "",
            &self.volledig,
            self.volledig_totaal,
        ));
        out
    }

    /// The view in words, for the text summary beside the chart.
    pub fn summary(&self, lang: Lang) -> String {
        let total = self.populatie_totaal.unwrap_or(0);
        if total == 0 {
            return match lang {
                Lang::Nl => "Er zijn geen inwoners met bijstand in deze populatie.".into(),
                Lang::En => "There are no residents on assistance in this population.".into(),
            };
        }
        let done = self.volledig_totaal;
        let share = |c: Count| percent(c, self.populatie_totaal);
        let least = self
            .rijen
            .iter()
            .min_by_key(|r| (r.totaal.unwrap_or(0), r.code.clone()));
        let most = self
            .rijen
            .iter()
            .max_by_key(|r| (r.totaal.unwrap_or(0), std::cmp::Reverse(r.code.clone())));
        let n = self.rijen.len();
        let shown = |c: Count| c.map_or_else(|| "?".to_string(), |n| n.to_string());
        let pct = |c: Count| share(c).map_or_else(|| "?".to_string(), |p| p.to_string());
        let mut s = match lang {
            Lang::Nl => format!(
                "Van de {total} inwoners met bijstand hebben er {} ({}%) alle {n} indicatoren ingevuld.",
                shown(done),
                pct(done)
            ),
            Lang::En => format!(
                "Of the {total} residents on assistance, {} ({}%) have all {n} indicators filled.",
                shown(done),
                pct(done)
            ),
        };
        if let (Some(lo), Some(hi)) = (least, most) {
            s.push_str(&match lang {
                Lang::Nl => format!(
                    " Het meest ingevuld is '{}' ({}%), het minst '{}' ({}%).",
                    hi.vraag.nl,
                    pct(hi.totaal),
                    lo.vraag.nl,
                    pct(lo.totaal)
                ),
                Lang::En => format!(
                    " The most filled is '{}' ({}%), the least '{}' ({}%).",
                    hi.vraag.en,
                    pct(hi.totaal),
                    lo.vraag.en,
                    pct(lo.totaal)
                ),
            });
        }
        let low = self.populatie[1..=2]
            .iter()
            .map(|c| c.unwrap_or(0))
            .sum::<u32>();
        let low_done = self.volledig[1..=2]
            .iter()
            .map(|c| c.unwrap_or(0))
            .sum::<u32>();
        if low > 0 {
            s.push_str(&match lang {
                Lang::Nl => format!(" Op trede 1 en 2 staan {low} inwoners; van hen is {low_done} volledig in beeld."),
                Lang::En => format!(" {low} residents are at steps 1 and 2; {low_done} of them are fully in view."),
            });
        }
        s
    }
}

/// Whether a resident belongs to the Klant in Beeld population on `day`: on assistance, that
/// is the benefit has not ended.
pub fn on_assistance(file: &crate::report::ResidentFile, day: NaiveDate) -> bool {
    file.person()
        .is_some_and(|p| p.uitkering_einde.is_none_or(|e| e > day))
}

/// Age in whole years on `day`.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    day.years_since(birth).unwrap_or(0)
}

/// The step slots' names, in the order of [`Row::per_trede`].
pub const STEP_NAMES: [(&str, &str); 7] = [
    ("nog niet vastgesteld", "not measured yet"),
    ("trede 1", "step 1"),
    ("trede 2", "step 2"),
    ("trede 3", "step 3"),
    ("trede 4", "step 4"),
    ("trede 5", "step 5"),
    ("trede 6", "step 6"),
];

/// What a team lead asks of a new assessor batch, checked before it is made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewBatch {
    pub naam: String,
    pub beoordelaar_id: i64,
    /// The last day the assessor has access (inclusive).
    #[serde(deserialize_with = "crate::day::de")]
    pub eind: NaiveDate,
    /// Steps to select (0: not measured yet).
    pub tredes: Vec<u8>,
    /// Only residents without a consultant.
    #[serde(default)]
    pub zonder_consulent: bool,
    /// Only residents whose indicators are not all filled.
    #[serde(default)]
    pub alleen_onvolledig: bool,
    /// At most this many residents.
    pub max: u32,
}

/// The longest a batch may run: a year.
pub const MAX_BATCH_DAYS: i64 = 366;

impl NewBatch {
    /// Check a batch; every problem names its field, in Dutch and English.
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = crate::records::Errors::default();
        e.text("naam", &self.naam, 3, 80);
        if self.eind <= today {
            e.add(
                "eind",
                "De einddatum moet na vandaag liggen.",
                "The end date must be after today.",
            );
        } else if (self.eind - today).num_days() > MAX_BATCH_DAYS {
            e.add(
                "eind",
                "Een opdracht loopt hoogstens een jaar; kies een eerdere einddatum.",
                "A batch runs at most a year; choose an earlier end date.",
            );
        }
        if self.tredes.is_empty() || self.tredes.iter().any(|t| *t > 6) {
            e.add(
                "tredes",
                "Kies minstens één trede (of 'nog niet vastgesteld').",
                "Choose at least one step (or 'not measured yet').",
            );
        }
        if !(1..=5000).contains(&self.max) {
            e.add(
                "max",
                "Kies een aantal van 1 tot en met 5000 inwoners.",
                "Choose a number from 1 to 5000 residents.",
            );
        }
        if e.0.is_empty() {
            Ok(())
        } else {
            Err(e.0)
        }
    }

    /// Whether a resident with this step, consultant and fill state fits the selection.
    pub fn selects(&self, step: Option<u8>, has_consultant: bool, complete: bool) -> bool {
        self.tredes.contains(&(slot(step) as u8))
            && !(self.zonder_consulent && has_consultant)
            && !(self.alleen_onvolledig && complete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_embedded_list_reads() {
        let all = lists().unwrap();
        assert!(!all.is_empty());
        for w in all.windows(2) {
            assert!(w[0].geldig_vanaf < w[1].geldig_vanaf, "lists oldest first");
        }
        let l = in_force(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(l.indicatoren.len(), 16);
        assert!(l.get("opleiding").is_some());
    }
}
