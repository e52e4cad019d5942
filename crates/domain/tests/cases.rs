//! The one harness that walks every expert case file under `tests/cases/` (natively and, with
//! `--target wasm32-unknown-unknown`, in headless Chromium). Each case gives facts, a
//! measurement date and the expected result and explanation points. All outcomes are also
//! compared with `tests/cases/uitkomsten.snapshot`, so native and wasm must agree exactly.
//! Regenerate the snapshot natively with `MEEDOEN_UPDATE_SNAPSHOT=1 cargo test -p meedoen-domain`.

use meedoen_domain::{explain, Lang, RawFacts, RuleSet};
use toml::Value;

include!(concat!(env!("OUT_DIR"), "/case_files.rs"));

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const SNAPSHOT: &str = include_str!("cases/uitkomsten.snapshot");

/// Run one case; returns its snapshot line, or the reasons it failed.
fn check(file: &str, base: &toml::Table, case: &toml::Table) -> Result<String, String> {
    let name = case
        .get("naam")
        .and_then(Value::as_str)
        .ok_or(format!("{file}: geval zonder naam"))?;
    let mut facts = base.clone();
    if let Some(Value::Table(over)) = case.get("feiten") {
        for (k, v) in over {
            facts.insert(k.clone(), v.clone());
        }
    }
    if let Some(Value::Array(drop)) = case.get("weg") {
        for k in drop {
            facts.remove(k.as_str().unwrap_or(""));
        }
    }
    let expected = case
        .get("verwacht")
        .and_then(Value::as_table)
        .ok_or(format!("{file}: {name}: 'verwacht' ontbreekt"))?;
    let raw: RawFacts = Value::Table(facts)
        .try_into()
        .map_err(|e| format!("{file}: {name}: feiten onleesbaar: {e}"))?;
    let mut problems = Vec::new();
    let line = match raw.validate() {
        Err(errors) => {
            let fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            match expected.get("fout") {
                Some(Value::Array(want)) => {
                    for w in want {
                        let w = w.as_str().unwrap_or("");
                        if !fields.iter().any(|f| f == w) {
                            problems.push(format!("fout in veld '{w}' verwacht, kreeg {fields:?}"));
                        }
                    }
                    if want.len() != fields.len() {
                        problems.push(format!("{} fouten verwacht, kreeg {fields:?}", want.len()));
                    }
                }
                _ => problems.push(format!("onverwachte fouten: {errors:?}")),
            }
            let messages: Vec<String> = errors
                .iter()
                .map(|e| format!("{}: {} / {}", e.field, e.message.nl, e.message.en))
                .collect();
            format!("{file} | {name} | fout | {}", messages.join(" ; "))
        }
        Ok(situation) => {
            if expected.contains_key("fout") {
                problems.push("fout verwacht, maar de feiten zijn geldig".to_string());
            }
            let set = RuleSet::embedded();
            let rules = set
                .at(situation.measured_on)
                .map_err(|e| format!("{file}: {name}: {e}"))?;
            let (outcome, explanation) = explain(&rules, &situation);
            let fast = meedoen_domain::assess(&rules, &situation);
            if fast != outcome {
                problems.push(format!(
                    "snelle en uitgelegde route verschillen: {fast:?} / {outcome:?}"
                ));
            }
            let json = serde_json::to_value(&outcome).map_err(|e| e.to_string())?;
            for (k, want) in expected {
                let got = match k.as_str() {
                    "uitleg" | "fout" => continue,
                    "ladder" => json["regels"]["ladder"].clone(),
                    "ontbreekt" => serde_json::Value::Array(
                        outcome
                            .ontbreekt
                            .iter()
                            .map(|m| serde_json::Value::from(m.veld))
                            .collect(),
                    ),
                    other => json.get(other).cloned().unwrap_or(serde_json::Value::Null),
                };
                let want_json: serde_json::Value =
                    serde_json::to_value(want).map_err(|e| e.to_string())?;
                if got != want_json {
                    problems.push(format!("{k}: verwacht {want_json}, kreeg {got}"));
                }
            }
            let atoms = explanation.summary();
            if let Some(Value::Array(points)) = expected.get("uitleg") {
                for p in points {
                    let p = p.as_str().unwrap_or("");
                    if !atoms.iter().any(|a| a == p) {
                        problems.push(format!("uitlegpunt '{p}' ontbreekt; uitleg: {atoms:?}"));
                    }
                }
            }
            format!(
                "{file} | {name} | {json} | {} | {}",
                atoms.join(" "),
                explanation.lines(Lang::Nl).join(" / ")
            )
        }
    };
    if problems.is_empty() {
        Ok(line)
    } else {
        Err(format!("{file}: {name}:\n    {}", problems.join("\n    ")))
    }
}

/// Walk all case files; returns the snapshot text and the number of cases.
fn run_all() -> (String, usize) {
    let mut failures = Vec::new();
    let mut lines = Vec::new();
    for (file, text) in CASE_FILES {
        let doc: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{file}: geen geldige TOML: {e}"));
        let base = doc
            .get("basis")
            .and_then(Value::as_table)
            .cloned()
            .unwrap_or_default();
        let cases = doc
            .get("geval")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{file}: geen [[geval]]"));
        for case in cases {
            match check(file, &base, case.as_table().expect("[[geval]] is a table")) {
                Ok(line) => lines.push(line),
                Err(f) => failures.push(f),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} geval(len) faalden:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let n = lines.len();
    (lines.join("\n") + "\n", n)
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_case_file_holds_and_matches_the_snapshot() {
    let (snapshot, n) = run_all();
    assert!(n >= 60, "at least 60 cases expected, found {n}");
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("MEEDOEN_UPDATE_SNAPSHOT").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cases/uitkomsten.snapshot"
        );
        std::fs::write(path, &snapshot).expect("write snapshot");
        return;
    }
    if snapshot != SNAPSHOT {
        let first = snapshot.lines().zip(SNAPSHOT.lines()).find(|(a, b)| a != b);
        panic!("outcomes differ from tests/cases/uitkomsten.snapshot (first difference: {first:?}); {} vs {} lines", snapshot.lines().count(), SNAPSHOT.lines().count());
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_batch_path_gives_the_same_outcomes_for_every_complete_case() {
    use meedoen_domain::batch::{assess_population, classify_population, Population};
    let set = RuleSet::embedded();
    let mut by_date: std::collections::BTreeMap<chrono::NaiveDate, Vec<meedoen_domain::Situation>> =
        Default::default();
    for (_, text) in CASE_FILES {
        let doc: toml::Table = text.parse().unwrap();
        let base = doc
            .get("basis")
            .and_then(Value::as_table)
            .cloned()
            .unwrap_or_default();
        for case in doc["geval"].as_array().unwrap() {
            let mut facts = base.clone();
            if let Some(Value::Table(over)) = case.get("feiten") {
                facts.extend(over.clone());
            }
            if let Some(Value::Array(drop)) = case.get("weg") {
                for k in drop {
                    facts.remove(k.as_str().unwrap());
                }
            }
            let raw: RawFacts = Value::Table(facts).try_into().unwrap();
            if let Ok(s) = raw.validate() {
                by_date.entry(s.measured_on).or_default().push(s);
            }
        }
    }
    let mut compared = 0;
    for (day, sits) in by_date {
        let rules = set.at(day).unwrap();
        let (pop, left_out) = Population::from_situations(&sits);
        let mut out = Vec::new();
        assess_population(&rules, &pop, &mut out);
        let single: Vec<_> = sits
            .iter()
            .enumerate()
            .filter(|(i, _)| !left_out.contains(i))
            .map(|(_, s)| meedoen_domain::assess_fast(&rules, s))
            .collect();
        assert_eq!(out, single, "batch and single paths differ on {day}");
        let (mut steps, mut trajectories) = (Vec::new(), Vec::new());
        classify_population(&rules, &pop, &mut steps, &mut trajectories);
        let pairs: Vec<(u8, u8)> = single.iter().map(|c| (c.step, c.trajectory)).collect();
        assert_eq!(
            steps.into_iter().zip(trajectories).collect::<Vec<_>>(),
            pairs,
            "step and trajectory batch differs on {day}"
        );
        compared += out.len();
    }
    assert!(compared >= 40, "only {compared} complete cases compared");
}
