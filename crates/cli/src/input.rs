//! Reading situations from JSON lines or CSV, with errors that name the line and the field.

use meedoen_domain::facts::{
    Contract, DayActivities, PaidWork, RawFacts, Readiness, UnpaidKind, UnpaidWork,
};
use meedoen_domain::vocab::Coded;
use serde_json::{json, Value};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};

/// One input record: its line, its id if given, and its facts or the reasons they are unreadable.
pub struct Record {
    pub line: usize,
    pub id: Option<Value>,
    pub facts: Result<RawFacts, Vec<Value>>,
}

pub enum Reader {
    Jsonl {
        lines: io::Lines<Box<dyn BufRead>>,
        n: usize,
    },
    Csv {
        rows: csv::StringRecordsIntoIter<Box<dyn BufRead>>,
        header: Vec<String>,
        n: usize,
    },
}

fn field_error(field: &str, nl: String, en: String) -> Vec<Value> {
    vec![json!({"veld": field, "melding": {"nl": nl, "en": en}})]
}

pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "peildatum",
    "betaald_werk_soort",
    "uren_per_week",
    "loonkostensubsidie",
    "jobcoach",
    "beschut_werk",
    "aanvullende_uitkering",
    "werkleertraject",
    "onbetaald_werk_soort",
    "verantwoordelijkheid",
    "contactmomenten_per_week",
    "mantelzorg_uren_per_week",
    "dagbesteding",
    "georganiseerde_activiteiten_per_week",
    "sociale_contacten_per_week",
    "in_bijstand_sinds",
    "gereedheid",
    "groeipotentieel",
];

impl Reader {
    pub fn open(path: &str, format: &str) -> Result<Reader, String> {
        let input: Box<dyn BufRead> = if path == "-" {
            Box::new(BufReader::with_capacity(1 << 16, io::stdin()))
        } else {
            Box::new(BufReader::with_capacity(
                1 << 16,
                File::open(path).map_err(|e| format!("{path}: {e}"))?,
            ))
        };
        match format {
            "jsonl" | "json" => Ok(Reader::Jsonl {
                lines: input.lines(),
                n: 0,
            }),
            "csv" => {
                let mut rows = csv::ReaderBuilder::new().flexible(false).from_reader(input);
                let header: Vec<String> = rows
                    .headers()
                    .map_err(|e| format!("{path}: CSV-kop onleesbaar: {e}"))?
                    .iter()
                    .map(|h| h.trim().to_string())
                    .collect();
                if let Some(bad) = header.iter().find(|h| !CSV_COLUMNS.contains(&h.as_str())) {
                    return Err(format!(
                        "{path}: onbekende CSV-kolom '{bad}' (bekend: {})",
                        CSV_COLUMNS.join(", ")
                    ));
                }
                Ok(Reader::Csv {
                    rows: rows.into_records(),
                    header,
                    n: 1,
                })
            }
            other => Err(format!("--formaat: '{other}' (kies jsonl of csv)")),
        }
    }
}

impl Iterator for Reader {
    type Item = Result<Record, String>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Reader::Jsonl { lines, n } => loop {
                let line = match lines.next()? {
                    Ok(l) => l,
                    Err(e) => return Some(Err(format!("invoer onleesbaar: {e}"))),
                };
                *n += 1;
                if line.trim().is_empty() {
                    continue;
                }
                return Some(Ok(parse_json_line(*n, &line)));
            },
            Reader::Csv { rows, header, n } => {
                let row = rows.next()?;
                *n += 1;
                Some(match row {
                    Ok(r) => Ok(parse_csv_row(*n, header, &r)),
                    Err(e) => Ok(Record {
                        line: *n,
                        id: None,
                        facts: Err(field_error(
                            "",
                            format!("CSV-regel onleesbaar: {e}"),
                            format!("unreadable CSV line: {e}"),
                        )),
                    }),
                })
            }
        }
    }
}

fn parse_json_line(line: usize, text: &str) -> Record {
    let mut value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let t = meedoen_domain::text::parse_error(&e.to_string());
            return Record {
                line,
                id: None,
                facts: Err(field_error("", t.nl.into_owned(), t.en.into_owned())),
            };
        }
    };
    let id = value.as_object_mut().and_then(|o| o.remove("id"));
    let facts = serde_path_to_error::deserialize::<_, RawFacts>(value).map_err(|e| {
        let path = e.path().to_string();
        let t = meedoen_domain::text::parse_error(&e.into_inner().to_string());
        field_error(
            if path == "." { "" } else { &path },
            t.nl.into_owned(),
            t.en.into_owned(),
        )
    });
    Record { line, id, facts }
}

fn parse_csv_row(line: usize, header: &[String], row: &csv::StringRecord) -> Record {
    let get = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .and_then(|i| row.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let id = get("id").map(|v| json!(v));
    let mut errors = Vec::new();
    let mut num = |name: &str| -> Option<f64> {
        let v = get(name)?;
        match v.replace(',', ".").parse::<f64>() {
            Ok(x) => Some(x),
            Err(_) => {
                errors.extend(field_error(
                    name,
                    format!("'{v}' is geen getal"),
                    format!("'{v}' is not a number"),
                ));
                None
            }
        }
    };
    let nums: Vec<Option<f64>> = [
        "uren_per_week",
        "contactmomenten_per_week",
        "mantelzorg_uren_per_week",
        "georganiseerde_activiteiten_per_week",
        "sociale_contacten_per_week",
        "groeipotentieel",
    ]
    .iter()
    .map(|n| num(n))
    .collect();
    let boolean = |errors: &mut Vec<Value>, name: &str| -> bool {
        match get(name) {
            None | Some("nee" | "false" | "0" | "no") => false,
            Some("ja" | "true" | "1" | "yes") => true,
            Some(v) => {
                errors.extend(field_error(
                    name,
                    format!("'{v}' is geen ja of nee"),
                    format!("'{v}' is not yes or no"),
                ));
                false
            }
        }
    };
    fn pick<T: Coded>(errors: &mut Vec<Value>, name: &str, v: Option<&str>) -> Option<T> {
        let v = v?;
        match T::from_code(v) {
            Some(t) => Some(t),
            None => {
                let known = T::codes();
                errors.extend(field_error(
                    name,
                    format!("'{v}' is geen geldige waarde ({})", known.join(", ")),
                    format!("'{v}' is not a valid value ({})", known.join(", ")),
                ));
                None
            }
        }
    }
    let date = |errors: &mut Vec<Value>, name: &str| {
        get(name).and_then(|v| match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.extend(field_error(
                    name,
                    format!("'{v}' is geen datum (JJJJ-MM-DD)"),
                    format!("'{v}' is not a date (YYYY-MM-DD)"),
                ));
                None
            }
        })
    };
    let peildatum = date(&mut errors, "peildatum");
    let in_bijstand_sinds = date(&mut errors, "in_bijstand_sinds");
    let soort = pick::<Contract>(&mut errors, "betaald_werk_soort", get("betaald_werk_soort"));
    let betaald_werk = soort.map(|soort| PaidWork {
        soort,
        uren_per_week: nums[0].unwrap_or(0.0),
        loonkostensubsidie: boolean(&mut errors, "loonkostensubsidie"),
        jobcoach: boolean(&mut errors, "jobcoach"),
        beschut_werk: boolean(&mut errors, "beschut_werk"),
        aanvullende_uitkering: boolean(&mut errors, "aanvullende_uitkering"),
        werkleertraject: boolean(&mut errors, "werkleertraject"),
    });
    let onbetaald_werk = match get("onbetaald_werk_soort") {
        None => None,
        Some("geen") => Some(vec![]),
        kind => pick::<UnpaidKind>(&mut errors, "onbetaald_werk_soort", kind).map(|soort| {
            vec![UnpaidWork {
                soort,
                verantwoordelijkheid: boolean(&mut errors, "verantwoordelijkheid"),
                contactmomenten_per_week: nums[1].unwrap_or(0.0),
            }]
        }),
    };
    let dagbesteding = pick::<DayActivities>(&mut errors, "dagbesteding", get("dagbesteding"));
    let gereedheid = pick::<Readiness>(&mut errors, "gereedheid", get("gereedheid"));
    let facts = RawFacts {
        peildatum,
        betaald_werk,
        onbetaald_werk,
        mantelzorg_uren_per_week: nums[2],
        dagbesteding,
        georganiseerde_activiteiten_per_week: nums[3],
        sociale_contacten_per_week: nums[4],
        in_bijstand_sinds,
        gereedheid,
        groeipotentieel: nums[5],
    };
    Record {
        line,
        id,
        facts: if errors.is_empty() {
            Ok(facts)
        } else {
            Err(errors)
        },
    }
}

/// Write a population as CSV (one unpaid activity per row; see docs/batch.md).
pub fn write_csv(out: &mut impl Write, pop: &[RawFacts]) -> Result<(), String> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS).map_err(|e| e.to_string())?;
    let b = |v: bool| if v { "ja" } else { "nee" }.to_string();
    let n = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for (i, f) in pop.iter().enumerate() {
        let w0 = f.betaald_werk.as_ref();
        let u0 = f.onbetaald_werk.as_ref().and_then(|l| l.first());
        let rec = vec![
            format!("syn-{}", i + 1),
            f.peildatum.map(|d| d.to_string()).unwrap_or_default(),
            w0.map(|w| w.soort.code().to_string()).unwrap_or_default(),
            w0.map(|w| w.uren_per_week.to_string()).unwrap_or_default(),
            w0.map(|w| b(w.loonkostensubsidie)).unwrap_or_default(),
            w0.map(|w| b(w.jobcoach)).unwrap_or_default(),
            w0.map(|w| b(w.beschut_werk)).unwrap_or_default(),
            w0.map(|w| b(w.aanvullende_uitkering)).unwrap_or_default(),
            w0.map(|w| b(w.werkleertraject)).unwrap_or_default(),
            match (&f.onbetaald_werk, u0) {
                (None, _) => String::new(),
                (Some(_), None) => "geen".into(),
                (_, Some(u)) => u.soort.code().into(),
            },
            u0.map(|u| b(u.verantwoordelijkheid)).unwrap_or_default(),
            u0.map(|u| u.contactmomenten_per_week.to_string())
                .unwrap_or_default(),
            n(f.mantelzorg_uren_per_week),
            f.dagbesteding
                .map(|d| d.code().to_string())
                .unwrap_or_default(),
            n(f.georganiseerde_activiteiten_per_week),
            n(f.sociale_contacten_per_week),
            f.in_bijstand_sinds
                .map(|d| d.to_string())
                .unwrap_or_default(),
            f.gereedheid
                .map(|g| g.code().to_string())
                .unwrap_or_default(),
            n(f.groeipotentieel),
        ];
        w.write_record(&rec).map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())
}
