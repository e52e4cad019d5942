//! Scenarios as a file and as a link: parameters only (never a figure of a resident). The
//! same strict reading serves an imported JSON file, a shared link and the server's save:
//! unknown or missing fields, wrong types and values out of range are refused with the field
//! named, in Dutch and English; nothing is taken over from a file that has a problem.

use super::Levers;
use crate::records::FieldError;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The most scenarios a comparison holds besides today's policy.
pub const MAX_SCENARIOS: usize = 3;
/// The largest scenario file read (bytes).
pub const MAX_FILE: usize = 64 * 1024;
/// The format version written into files.
pub const FORMAT: u32 = 1;

/// A file of scenarios (`meedoen-scenarios.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub formaat: u32,
    pub scenarios: Vec<Levers>,
}

impl ScenarioFile {
    pub fn new(scenarios: Vec<Levers>) -> ScenarioFile {
        ScenarioFile {
            formaat: FORMAT,
            scenarios,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn problem(field: impl Into<String>, nl: String, en: String) -> Vec<FieldError> {
    vec![FieldError {
        field: field.into(),
        message: Text::new(nl, en),
    }]
}

/// The field a serde message is about: the name between backticks of "unknown field `x`" or
/// "missing field `x`".
fn named_field(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// Read one value strictly, naming the path of the first problem.
pub fn read_strict<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Vec<FieldError>> {
    if text.len() > MAX_FILE {
        return Err(problem(
            "bestand",
            format!("Het bestand is groter dan {} kB.", MAX_FILE / 1024),
            format!("The file is larger than {} kB.", MAX_FILE / 1024),
        ));
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner();
        let message = inner.to_string();
        let join = |f: &str| {
            if path == "." || path.is_empty() {
                f.to_string()
            } else {
                format!("{path}.{f}")
            }
        };
        let place = if path == "." { String::new() } else { path.clone() };
        if message.starts_with("unknown field") {
            // The path already ends at the unknown key.
            let name = named_field(&message).unwrap_or("?");
            let f = if path.ends_with(name) {
                path.clone()
            } else {
                join(name)
            };
            problem(
                f.clone(),
                format!("Onbekend veld '{f}': dat hoort niet in een scenario."),
                format!("Unknown field '{f}': it does not belong in a scenario."),
            )
        } else if message.starts_with("missing field") {
            let f = join(named_field(&message).unwrap_or("?"));
            problem(
                f.clone(),
                format!("Het veld '{f}' ontbreekt."),
                format!("The field '{f}' is missing."),
            )
        } else if inner.is_syntax() || inner.is_eof() {
            problem(
                "bestand",
                format!(
                    "Dit is geen leesbare JSON (regel {}, kolom {}).",
                    inner.line(),
                    inner.column()
                ),
                format!(
                    "This is not readable JSON (line {}, column {}).",
                    inner.line(),
                    inner.column()
                ),
            )
        } else {
            let f = if place.is_empty() {
                "bestand".to_string()
            } else {
                place
            };
            problem(
                f.clone(),
                format!("Het veld '{f}' heeft een verkeerde waarde of soort (een getal, tekst, ja/nee of lijst verwacht)."),
                format!("The field '{f}' has a wrong value or type (a number, text, yes/no or list expected)."),
            )
        }
    })?;
    de.end().map_err(|_| {
        problem(
            "bestand",
            "Na de scenario's staat nog iets; het bestand is één JSON-object.".into(),
            "There is more after the scenarios; the file is one JSON object.".into(),
        )
    })?;
    Ok(value)
}

/// Check every scenario of a list, naming fields with their position (`scenarios[1].jaren`).
pub fn check_all(scenarios: &[Levers]) -> Result<(), Vec<FieldError>> {
    if scenarios.is_empty() || scenarios.len() > MAX_SCENARIOS {
        return Err(problem(
            "scenarios",
            format!("Een vergelijking heeft 1 tot en met {MAX_SCENARIOS} scenario's."),
            format!("A comparison has 1 to {MAX_SCENARIOS} scenarios."),
        ));
    }
    let mut errors = vec![];
    for (n, s) in scenarios.iter().enumerate() {
        if let Err(e) = s.check() {
            errors.extend(e.into_iter().map(|mut f| {
                f.field = format!("scenarios[{n}].{}", f.field);
                f
            }));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Read an imported file or a shared link: all scenarios or none.
pub fn import(text: &str) -> Result<Vec<Levers>, Vec<FieldError>> {
    let file: ScenarioFile = read_strict(text)?;
    if file.formaat != FORMAT {
        return Err(problem(
            "formaat",
            format!(
                "Formaat {} is onbekend; deze versie leest formaat {FORMAT}.",
                file.formaat
            ),
            format!(
                "Format {} is unknown; this version reads format {FORMAT}.",
                file.formaat
            ),
        ));
    }
    check_all(&file.scenarios)?;
    Ok(file.scenarios)
}
