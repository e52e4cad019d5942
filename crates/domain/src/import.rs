//! The assistance population from the income system: reading its CSV export, checking every
//! cell, and planning what an import adds, changes and flags. Pure: the server (upload and
//! `meedoen-server importeer`) reads the file and the stored residents, calls [`read`] and
//! [`plan`], shows the plan and applies it in one transaction. The layout is in
//! `docs/import.md`.
//!
//! A resident is matched on the BSN. An import never deletes: a resident with assistance whom
//! a newer file no longer lists gets `niet_in_bestand` (the file's date) for a person to
//! confirm. Re-importing the same file plans nothing.

use crate::bsn::Bsn;
use crate::records::{Context, Household, Record, Resident};
use crate::text::Text;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The largest file accepted (about 25 MB: 50,000 rows take some 4 MB).
pub const MAX_BYTES: usize = 25 * 1024 * 1024;
/// The most data rows accepted.
pub const MAX_ROWS: usize = 250_000;
/// At most this many problems are listed; the count is always complete.
pub const MAX_LISTED: usize = 1_000;

/// A problem with the file, a row or a cell: line (1 is the header; 0 the file as a whole),
/// the column as the file names it, and the message in Dutch and English.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub regel: usize,
    pub kolom: String,
    pub melding: Text,
}

impl Problem {
    fn new(regel: usize, kolom: &str, nl: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            regel,
            kolom: kolom.to_string(),
            melding: Text::new(nl.into(), en.into()),
        }
    }
}

/// How the file's text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    /// Not UTF-8: read as Windows-1252 (what older Excel and income systems write).
    Windows1252,
}

impl Encoding {
    /// The code on the wire and in the import log (as serialised).
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf8",
            Encoding::Windows1252 => "windows1252",
        }
    }
}

/// The columns: the name in the layout, other names accepted in a header, and whether the
/// column must be there.
const COLUMNS: [(&str, &[&str], bool); 8] = [
    ("bsn", &["burgerservicenummer"], true),
    ("naam", &["volledige_naam", "naam_inwoner"], true),
    ("geboortedatum", &["geboorte_datum"], true),
    (
        "bijstand_sinds",
        &[
            "in_bijstand_sinds",
            "startdatum_uitkering",
            "ingangsdatum_uitkering",
            "ingangsdatum",
        ],
        true,
    ),
    (
        "huishouden",
        &["leefvorm", "huishoudtype", "leefsituatie"],
        true,
    ),
    ("telefoon", &["telefoonnummer"], false),
    ("email", &["e_mail", "emailadres", "e_mailadres"], false),
    (
        "einddatum",
        &["einddatum_uitkering", "uitkering_tot", "einde_uitkering"],
        false,
    ),
];
const C_BSN: usize = 0;
const C_NAAM: usize = 1;
const C_GEBOORTE: usize = 2;
const C_SINDS: usize = 3;
const C_HUISHOUDEN: usize = 4;
const C_TELEFOON: usize = 5;
const C_EMAIL: usize = 6;
const C_EINDE: usize = 7;

/// The record field each column fills.
const FIELD: [&str; 8] = [
    "bsn",
    "naam",
    "geboortedatum",
    "in_bijstand_sinds",
    "huishouden",
    "telefoon",
    "email",
    "uitkering_einde",
];

/// One good data row: the line it starts on and the resident it describes.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub bsn: Bsn,
    pub resident: Resident,
}

/// A file read and checked.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub encoding: Encoding,
    /// Data rows in the file (good and bad).
    pub rows_total: usize,
    pub rows: Vec<Row>,
    /// Every problem found, file-level first, then by line.
    pub problems: Vec<Problem>,
    /// Which optional columns the file has (telefoon, email, einddatum): a column that is
    /// absent changes nothing stored.
    pub has_phone: bool,
    pub has_email: bool,
    pub has_end: bool,
}

/// Read the text of the file: UTF-8 (a byte-order mark is skipped), else Windows-1252.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::new(
            0,
            "bestand",
            format!("Het bestand is te groot: {} MB; het maximum is {} MB. Splits het bestand of neem contact op met de beheerder.", bytes.len() / (1024 * 1024), MAX_BYTES / (1024 * 1024)),
            format!("The file is too large: {} MB; the maximum is {} MB. Split the file or contact the administrator.", bytes.len() / (1024 * 1024), MAX_BYTES / (1024 * 1024)),
        ));
    }
    if bytes.contains(&0) {
        return Err(Problem::new(
            0,
            "bestand",
            "Dit is geen tekstbestand (CSV). Exporteer het bestand uit het inkomenssysteem als CSV.",
            "This is not a text (CSV) file. Export the file from the income system as CSV.",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 16);
            for &b in bytes {
                match windows_1252(b) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(Problem::new(
                            0,
                            "bestand",
                            format!("Het bestand is geen UTF-8 en ook geen Windows-1252 (byte 0x{b:02X} komt in geen van beide voor). Sla het op als CSV UTF-8."),
                            format!("The file is neither UTF-8 nor Windows-1252 (byte 0x{b:02X} occurs in neither). Save it as CSV UTF-8."),
                        ))
                    }
                }
            }
            Ok((out, Encoding::Windows1252))
        }
    }
}

/// A Windows-1252 byte as a character; `None` for the five bytes the code page leaves out.
fn windows_1252(b: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => match HIGH[(b - 0x80) as usize] {
            0 => None,
            c => char::from_u32(c.into()),
        },
        _ => Some(char::from(b)),
    }
}

/// Split CSV text into records: each with the line it starts on and its fields. Fields may be
/// quoted ("…", with "" for a quote) and then hold the delimiter or a line break.
fn records(text: &str, delim: char) -> Result<Vec<(usize, Vec<String>)>, Problem> {
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() && !was_quoted => {
                field.clear();
                quoted = true;
                was_quoted = true;
                any = true;
            }
            c if c == delim => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
                any = true;
            }
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                if any || fields.iter().any(|f| !f.trim().is_empty()) {
                    out.push((start, std::mem::take(&mut fields)));
                } else {
                    fields.clear();
                }
                was_quoted = false;
                any = false;
                line += 1;
                start = line;
            }
            _ => {
                field.push(c);
                any = true;
            }
        }
    }
    if quoted {
        return Err(Problem::new(
            start,
            "—",
            format!(
                "Regel {start}: een aanhalingsteken (\") wordt niet gesloten. Controleer de regel."
            ),
            format!("Line {start}: a quotation mark (\") is not closed. Check the line."),
        ));
    }
    if any || !field.is_empty() {
        fields.push(field);
        if fields.iter().any(|f| !f.trim().is_empty()) {
            out.push((start, fields));
        }
    }
    Ok(out)
}

/// A header name as compared: lower case, spaces and hyphens as underscores.
fn normal(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' | '/' => '_',
            c => crate::text::lowercase_char(c),
        })
        .collect()
}

/// A date as income systems write it: 2024-03-01, 01-03-2024 or 1/3/2024.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() == 3 && parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        let (d, m, y) = (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        );
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

/// The household from the income system's words: the codes, the labels, or the usual
/// abbreviations.
pub fn parse_household(s: &str) -> Option<Household> {
    let n = normal(s);
    match n.as_str() {
        "alleenstaand" | "alleenstaande" | "as" | "single" => Some(Household::Alleenstaand),
        "alleenstaande_ouder" | "alleenstaand_ouder" | "aso" | "single_parent" => {
            Some(Household::AlleenstaandeOuder)
        }
        "gehuwd_samenwonend"
        | "gehuwd_of_samenwonend"
        | "gehuwd"
        | "samenwonend"
        | "gehuwden"
        | "echtpaar"
        | "gh"
        | "married_or_cohabiting" => Some(Household::GehuwdSamenwonend),
        _ => None,
    }
}

/// Read and check a file. `ctx.today` is the day of the import: no date of birth or start of
/// assistance may lie after it. File-level problems (no header, a missing or unknown column)
/// stop the reading; row and cell problems are collected for every row.
pub fn read(bytes: &[u8], ctx: &Context<'_>) -> Parsed {
    let mut parsed = Parsed {
        encoding: Encoding::Utf8,
        rows_total: 0,
        rows: Vec::new(),
        problems: Vec::new(),
        has_phone: false,
        has_email: false,
        has_end: false,
    };
    let (text, encoding) = match decode(bytes) {
        Ok(t) => t,
        Err(p) => {
            parsed.problems.push(p);
            return parsed;
        }
    };
    parsed.encoding = encoding;
    // The delimiter: Dutch spreadsheets write ';', others ',' or a tab.
    let head = text.lines().next().unwrap_or("");
    let delim = [';', ',', '\t']
        .into_iter()
        .max_by_key(|d| head.matches(*d).count())
        .unwrap_or(';');
    let recs = match records(&text, delim) {
        Ok(r) => r,
        Err(p) => {
            parsed.problems.push(p);
            return parsed;
        }
    };
    let Some(((_, header), body)) = recs.split_first() else {
        parsed.problems.push(Problem::new(
            0,
            "bestand",
            "Het bestand is leeg. De eerste regel noemt de kolommen: bsn;naam;geboortedatum;bijstand_sinds;huishouden.",
            "The file is empty. The first line names the columns: bsn;naam;geboortedatum;bijstand_sinds;huishouden.",
        ));
        return parsed;
    };
    // Which file column holds which of ours, and the name the file uses for it.
    let mut at: [Option<usize>; 8] = [None; 8];
    let mut names: [String; 8] = Default::default();
    for (i, h) in header.iter().enumerate() {
        let n = normal(h);
        if n.is_empty() {
            continue;
        }
        match COLUMNS
            .iter()
            .position(|(name, aliases, _)| *name == n || aliases.contains(&n.as_str()))
        {
            Some(c) if at[c].is_some() => parsed.problems.push(Problem::new(
                1,
                h.trim(),
                format!("De kolom '{}' staat twee keer in de kopregel.", h.trim()),
                format!("The column '{}' occurs twice in the header.", h.trim()),
            )),
            Some(c) => {
                at[c] = Some(i);
                names[c] = h.trim().to_string();
            }
            None => parsed.problems.push(Problem::new(
                1,
                h.trim(),
                format!(
                    "De kolom '{}' kent Meedoen niet. Kolommen: {}.",
                    h.trim(),
                    column_list()
                ),
                format!(
                    "Meedoen does not know the column '{}'. Columns: {}.",
                    h.trim(),
                    column_list()
                ),
            )),
        }
    }
    for (c, (name, _, required)) in COLUMNS.iter().enumerate() {
        if *required && at[c].is_none() {
            parsed.problems.push(Problem::new(
                1,
                name,
                format!("De kolom '{name}' ontbreekt in de kopregel (de eerste regel)."),
                format!("The column '{name}' is missing from the header (the first line)."),
            ));
        }
    }
    if !parsed.problems.is_empty() {
        return parsed;
    }
    parsed.has_phone = at[C_TELEFOON].is_some();
    parsed.has_email = at[C_EMAIL].is_some();
    parsed.has_end = at[C_EINDE].is_some();
    parsed.rows_total = body.len();
    if body.len() > MAX_ROWS {
        parsed.problems.push(Problem::new(
            0,
            "bestand",
            format!(
                "Het bestand heeft {} regels; het maximum is {MAX_ROWS}. Splits het bestand.",
                body.len()
            ),
            format!(
                "The file has {} rows; the maximum is {MAX_ROWS}. Split the file.",
                body.len()
            ),
        ));
        return parsed;
    }
    let mut seen: HashMap<Bsn, usize> = HashMap::with_capacity(body.len());
    for (line, fields) in body {
        let line = *line;
        if fields.len() != header.len() {
            parsed.problems.push(Problem::new(
                line,
                "—",
                format!("Regel {line} heeft {} kolommen; de kopregel {}. Staat er een scheidingsteken te veel of te weinig?", fields.len(), header.len()),
                format!("Line {line} has {} columns; the header {}. Is there one delimiter too many or too few?", fields.len(), header.len()),
            ));
            continue;
        }
        let cell = |c: usize| at[c].map(|i| fields[i].trim()).unwrap_or("");
        let before = parsed.problems.len();
        let mut bad = |c: usize, nl: String, en: String| {
            parsed.problems.push(Problem {
                regel: line,
                kolom: names[c].clone(),
                melding: Text::new(nl, en),
            });
        };
        let bsn = match Bsn::parse(cell(C_BSN)) {
            Ok(b) => Some(b),
            Err(e) => {
                let t = e.text();
                bad(C_BSN, t.nl.into_owned(), t.en.into_owned());
                None
            }
        };
        if let Some(b) = bsn {
            if let Some(first) = seen.get(&b) {
                bad(
                    C_BSN,
                    format!("Dit BSN staat ook op regel {first}; elk BSN hoort één keer in het bestand."),
                    format!("This BSN is also on line {first}; each BSN belongs in the file once."),
                );
            } else {
                seen.insert(b, line);
            }
        }
        let mut date = |c: usize, required: bool| -> Option<NaiveDate> {
            let v = cell(c);
            if v.is_empty() {
                if required {
                    bad(
                        c,
                        "Vul een datum in, bijvoorbeeld 2024-03-01 of 01-03-2024.".into(),
                        "Enter a date, for example 2024-03-01 or 01-03-2024.".into(),
                    );
                }
                return None;
            }
            let d = parse_date(v);
            if d.is_none() {
                bad(
                    c,
                    format!("'{v}' is geen datum; schrijf bijvoorbeeld 2024-03-01 of 01-03-2024."),
                    format!("'{v}' is not a date; write for example 2024-03-01 or 01-03-2024."),
                );
            }
            d
        };
        let birth = date(C_GEBOORTE, true);
        let since = date(C_SINDS, true);
        let end = date(C_EINDE, false);
        let household = {
            let v = cell(C_HUISHOUDEN);
            let h = parse_household(v);
            if h.is_none() {
                bad(
                    C_HUISHOUDEN,
                    format!("'{v}' is geen huishouden; gebruik alleenstaand, alleenstaande_ouder of gehuwd_samenwonend."),
                    format!("'{v}' is not a household; use alleenstaand, alleenstaande_ouder or gehuwd_samenwonend."),
                );
            }
            h
        };
        let opt = |c: usize| Some(cell(c).to_string()).filter(|v| !v.is_empty());
        if parsed.problems.len() > before {
            continue;
        }
        let (Some(bsn), Some(household)) = (bsn, household) else {
            continue;
        };
        let resident = Resident {
            naam: cell(C_NAAM).to_string(),
            bsn: Some(bsn.to_string()),
            geboortedatum: birth,
            in_bijstand_sinds: since,
            huishouden: Some(household),
            telefoon: opt(C_TELEFOON),
            email: opt(C_EMAIL),
            uitkering_einde: end,
            ..Resident::default()
        };
        // The record's own checks (name, dates in the future, end before start, phone, email)
        // are the ones every resident meets, named by the file's column.
        let record = Record::Inwoner(resident);
        if let Err(list) = record.check(ctx) {
            for e in list {
                let c = FIELD.iter().position(|f| *f == e.field).unwrap_or(C_NAAM);
                parsed.problems.push(Problem {
                    regel: line,
                    kolom: names[c].clone(),
                    melding: e.message,
                });
            }
            continue;
        }
        if let Record::Inwoner(resident) = record {
            parsed.rows.push(Row {
                line,
                bsn,
                resident,
            });
        }
    }
    parsed
}

fn column_list() -> String {
    COLUMNS
        .iter()
        .map(|(n, _, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A stored resident with a BSN, as the plan compares it.
#[derive(Debug, Clone)]
pub struct Existing {
    pub id: i64,
    pub version: i64,
    pub resident: Resident,
}

/// A change to a stored resident: the fields to set (`null` clears) at its version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Update {
    /// The row in [`Parsed::rows`].
    pub row: usize,
    pub id: i64,
    pub versie: i64,
    pub velden: Map<String, Value>,
}

/// A stored resident the file no longer lists: flag "assistance ended?".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub id: i64,
    pub versie: i64,
}

/// What an import does: rows to add (indexes into `Parsed::rows`), residents to change,
/// residents to flag, and how many rows match what is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Plan {
    pub add: Vec<usize>,
    pub update: Vec<Update>,
    pub flag: Vec<Flag>,
    pub unchanged: usize,
}

fn set<T: Serialize + PartialEq>(m: &mut Map<String, Value>, name: &str, old: &T, new: &T) {
    if old != new {
        m.insert(
            name.to_string(),
            serde_json::to_value(new).unwrap_or(Value::Null),
        );
    }
}

/// Plan an import of `parsed` against the stored residents with a BSN. The file is the income
/// system's word on identity, household, start and end of assistance; phone and email are
/// taken only when the file has them (a consultant's contact details are not wiped by an empty
/// cell). A resident with assistance (a start, no end before the file's date) whom the file
/// does not list is flagged with the file's date, once.
pub fn plan(parsed: &Parsed, existing: &[Existing], file_date: NaiveDate) -> Plan {
    let by_bsn: HashMap<Bsn, &Existing> = existing
        .iter()
        .filter_map(|e| {
            let b = Bsn::parse(e.resident.bsn.as_deref()?).ok()?;
            Some((b, e))
        })
        .collect();
    let mut plan = Plan::default();
    let mut listed = std::collections::HashSet::with_capacity(parsed.rows.len());
    for (i, row) in parsed.rows.iter().enumerate() {
        listed.insert(row.bsn);
        let Some(e) = by_bsn.get(&row.bsn) else {
            plan.add.push(i);
            continue;
        };
        let (old, new) = (&e.resident, &row.resident);
        let mut m = Map::new();
        set(&mut m, "naam", &old.naam, &new.naam);
        set(&mut m, "bsn", &old.bsn, &new.bsn);
        set(
            &mut m,
            "geboortedatum",
            &old.geboortedatum,
            &new.geboortedatum,
        );
        set(
            &mut m,
            "in_bijstand_sinds",
            &old.in_bijstand_sinds,
            &new.in_bijstand_sinds,
        );
        set(&mut m, "huishouden", &old.huishouden, &new.huishouden);
        if parsed.has_end {
            set(
                &mut m,
                "uitkering_einde",
                &old.uitkering_einde,
                &new.uitkering_einde,
            );
        }
        if parsed.has_phone && new.telefoon.is_some() {
            set(&mut m, "telefoon", &old.telefoon, &new.telefoon);
        }
        if parsed.has_email && new.email.is_some() {
            set(&mut m, "email", &old.email, &new.email);
        }
        set(&mut m, "niet_in_bestand", &old.niet_in_bestand, &None);
        if m.is_empty() {
            plan.unchanged += 1;
        } else {
            plan.update.push(Update {
                row: i,
                id: e.id,
                versie: e.version,
                velden: m,
            });
        }
    }
    for (b, e) in &by_bsn {
        let r = &e.resident;
        let on_assistance =
            r.in_bijstand_sinds.is_some() && r.uitkering_einde.is_none_or(|d| d >= file_date);
        if !listed.contains(b) && on_assistance && r.niet_in_bestand.is_none() {
            plan.flag.push(Flag {
                id: e.id,
                versie: e.version,
            });
        }
    }
    plan.flag.sort_by_key(|f| f.id);
    plan
}

/// The fields of a new resident from a row, as stored.
pub fn new_fields(row: &Row) -> Map<String, Value> {
    match serde_json::to_value(&row.resident) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// A synthetic income-system export of `n` residents (valid BSNs, Dutch-style dates, `;`),
/// for benchmarks and tests; deterministic for a seed.
pub fn synthetic(n: usize, seed: u64) -> String {
    let mut out = String::with_capacity(n * 90 + 100);
    out.push_str("bsn;naam;geboortedatum;bijstand_sinds;huishouden;telefoon;email;einddatum\n");
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let households = ["alleenstaand", "alleenstaande ouder", "gehuwd/samenwonend"];
    let first = [
        "Anna", "Mohamed", "Fatima", "Jan", "Priya", "Sven", "Yara", "Kees", "Noor", "Ali",
    ];
    let last = [
        "de Vries",
        "Jansen",
        "El Amrani",
        "Bakker",
        "Yılmaz",
        "Visser",
        "Smit",
        "Öztürk",
        "Mulder",
        "de Boer",
    ];
    let mut i = 0u32;
    let mut written = 0;
    while written < n {
        i += 1;
        // 100,000,000 + i, made to pass the 11-check by choosing the last digit.
        let base = 100_000_000u32 + i * 10;
        let digits: Vec<i32> = format!("{base:09}")
            .bytes()
            .map(|b| (b - b'0') as i32)
            .collect();
        let sum: i32 = digits[..8]
            .iter()
            .zip([9, 8, 7, 6, 5, 4, 3, 2])
            .map(|(d, w)| d * w)
            .sum();
        let last_digit = sum % 11;
        if last_digit > 9 {
            continue;
        }
        let bsn = base + last_digit as u32;
        let r = next();
        let birth_y = 1960 + (r % 45) as i32;
        let since_y = 2010 + ((r >> 8) % 15) as i32;
        let (m, d) = (1 + (r >> 16) % 12, 1 + (r >> 24) % 28);
        out.push_str(&format!(
            "{bsn:09};{} {};{d:02}-{m:02}-{birth_y};{since_y}-{m:02}-{d:02};{};06{:08};;\n",
            first[(r >> 32) as usize % first.len()],
            last[(r >> 40) as usize % last.len()],
            households[(r >> 48) as usize % households.len()],
            (r >> 20) % 100_000_000,
        ));
        written += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    fn ctx() -> Context<'static> {
        Context {
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            rules: RuleSet::embedded(),
        }
    }
    const HEAD: &str = "bsn;naam;geboortedatum;bijstand_sinds;huishouden\n";

    #[test]
    fn a_good_file_reads_every_row() {
        let f = format!("{HEAD}111222333;Anna de Vries;07-04-1988;2023-01-01;alleenstaand\n\"123456782\";\"Jansen; P.\";1970-01-31;01/02/2020;ASO\n");
        let p = read(f.as_bytes(), &ctx());
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[1].resident.naam, "Jansen; P.");
        assert_eq!(p.rows[1].line, 3);
        assert_eq!(
            p.rows[1].resident.huishouden,
            Some(Household::AlleenstaandeOuder)
        );
        assert_eq!(
            p.rows[1].resident.in_bijstand_sinds,
            NaiveDate::from_ymd_opt(2020, 2, 1)
        );
    }

    #[test]
    fn each_bad_cell_is_named_by_line_and_column() {
        let f = format!(
            "{HEAD}111222334;A;07-04-1988;2023-01-01;alleenstaand\n\
             111222333;B;31-02-1988;2023-01-01;alleenstaand\n\
             111222333;C;1988-01-01;2023-01-01;alleenstaand\n\
             123456782;D;1988-01-01;2030-01-01;alleenstaand\n\
             987654305;E;1988-01-01;2023-01-01;student\n\
             ;F;1988-01-01;2023-01-01\n\
             192837461;;1988-01-01;2023-01-01;alleenstaand\n"
        );
        let p = read(f.as_bytes(), &ctx());
        let got: Vec<(usize, &str)> = p
            .problems
            .iter()
            .map(|x| (x.regel, x.kolom.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "bsn"),
                (3, "geboortedatum"),
                (4, "bsn"),
                (5, "bijstand_sinds"),
                (6, "huishouden"),
                (7, "—"),
                (8, "naam")
            ]
        );
        assert!(
            p.problems[2].melding.nl.contains("regel 3"),
            "{:?}",
            p.problems[2]
        );
        assert!(
            p.problems[3].melding.en.contains("future"),
            "{:?}",
            p.problems[3]
        );
        // The duplicate on line 4 is kept out; the first (line 3) has a bad date.
        assert_eq!(p.rows.len(), 0);
    }

    #[test]
    fn header_problems_stop_the_reading() {
        let p = read(b"bsn;naam;geboortedatum;huishouden;postcode\n", &ctx());
        let got: Vec<(usize, &str)> = p
            .problems
            .iter()
            .map(|x| (x.regel, x.kolom.as_str()))
            .collect();
        assert_eq!(got, vec![(1, "postcode"), (1, "bijstand_sinds")]);
        assert_eq!(read(b"", &ctx()).problems[0].kolom, "bestand");
        assert_eq!(read(b"bsn\0", &ctx()).problems[0].kolom, "bestand");
        let p = read(format!("{HEAD}\"111222333;A").as_bytes(), &ctx());
        assert_eq!(p.problems[0].regel, 2);
    }

    #[test]
    fn windows_1252_is_read_with_a_notice() {
        let mut f = HEAD.as_bytes().to_vec();
        f.extend_from_slice(b"111222333;Jos\xE9 M\xFCller;07-04-1988;2023-01-01;alleenstaand\r\n");
        let p = read(&f, &ctx());
        assert_eq!(p.encoding, Encoding::Windows1252);
        assert_eq!(p.rows[0].resident.naam, "José Müller");
        assert!(decode(b"a\x81b").is_err());
        let mut big = vec![b'a'; MAX_BYTES + 1];
        big[0] = b'b';
        assert_eq!(decode(&big).unwrap_err().kolom, "bestand");
    }

    #[test]
    fn the_plan_adds_changes_flags_and_is_idempotent() {
        let f = "bsn;naam;geboortedatum;bijstand_sinds;huishouden;telefoon\n\
             111222333;Anna de Vries;07-04-1988;2023-01-01;alleenstaand;\n\
             123456782;Piet Jansen;1970-01-31;2020-02-01;gehuwd;0612345678\n"
            .to_string();
        let p = read(f.as_bytes(), &ctx());
        let date = ctx().today;
        let mut stored = vec![
            Existing {
                id: 7,
                version: 3,
                resident: Resident {
                    naam: "P. Jansen".into(),
                    bsn: Some("123456782".into()),
                    telefoon: Some("0687654321".into()),
                    in_bijstand_sinds: NaiveDate::from_ymd_opt(2020, 2, 1),
                    ..Resident::default()
                },
            },
            Existing {
                id: 9,
                version: 1,
                resident: Resident {
                    naam: "Gone".into(),
                    bsn: Some("192837461".into()),
                    in_bijstand_sinds: NaiveDate::from_ymd_opt(2019, 1, 1),
                    ..Resident::default()
                },
            },
        ];
        let plan1 = plan(&p, &stored, date);
        assert_eq!(plan1.add, vec![0]);
        assert_eq!(plan1.update.len(), 1);
        let keys: Vec<&str> = plan1.update[0].velden.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            vec!["geboortedatum", "huishouden", "naam", "telefoon"]
        );
        assert_eq!(plan1.flag, vec![Flag { id: 9, versie: 1 }]);
        // Applied: the stored state now equals the file; a second import plans nothing.
        let mut added = p.rows[0].resident.clone();
        added.bsn = Some("111222333".into());
        stored.push(Existing {
            id: 10,
            version: 1,
            resident: added,
        });
        stored[0].resident = Resident {
            telefoon: Some("0612345678".into()),
            ..p.rows[1].resident.clone()
        };
        stored[1].resident.niet_in_bestand = Some(date);
        let plan2 = plan(&p, &stored, date);
        assert_eq!(
            plan2,
            Plan {
                unchanged: 2,
                ..Plan::default()
            }
        );
        // Listed again: the flag is cleared.
        let back = format!("{}192837461;Gone;1980-01-01;2019-01-01;alleenstaand;\n", f);
        let plan3 = plan(&read(back.as_bytes(), &ctx()), &stored, date);
        assert!(plan3
            .update
            .iter()
            .any(|u| u.id == 9 && u.velden.get("niet_in_bestand") == Some(&Value::Null)));
    }

    #[test]
    fn the_synthetic_file_reads_clean() {
        let text = synthetic(2_000, 1);
        let p = read(text.as_bytes(), &ctx());
        assert!(p.problems.is_empty(), "{:?}", p.problems.first());
        assert_eq!(p.rows.len(), 2_000);
    }
}
