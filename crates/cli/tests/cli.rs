//! The command line end to end: the real binary on JSON lines and CSV, bad input reported per
//! line with the field named, the impact preview between rule versions, and usage errors.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meedoen-cli"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start meedoen-cli");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("run meedoen-cli")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

const GOOD: &str = r#"{"id":"a","peildatum":"2025-06-01","betaald_werk":{"soort":"dienstverband","uren_per_week":20,"jobcoach":true},"onbetaald_werk":[],"mantelzorg_uren_per_week":0,"dagbesteding":"geen","georganiseerde_activiteiten_per_week":0,"sociale_contacten_per_week":2,"in_bijstand_sinds":"2023-01-01","gereedheid":"werk","groeipotentieel":6}"#;

#[test]
fn classifies_json_lines_with_explanation_and_reports_bad_lines() {
    let input = format!(
        "{GOOD}\n\n{}\n{}\nnot json\n{}\n",
        r#"{"id":"b","peildatum":"2025-06-01","betaald_werk":{"soort":"dienstverband","uren_per_week":-3}}"#,
        r#"{"id":"c","peildatum":"2025-06-01","betaald_werk":{"soort":"dienstverband","uren_per_week":"veel"}}"#,
        r#"{"id":"d","peildatum":"2025-06-01","betaald_werk":{"soort":"geen"},"onbetaald_werk":[]}"#,
    );
    let out = run(&["classificeer", "-"], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = lines(&out);
    assert_eq!(l.len(), 5);
    assert_eq!(
        (
            l[0]["id"].as_str(),
            l[0]["trede"].as_u64(),
            l[0]["traject"].as_str(),
            l[0]["wsp"].as_bool()
        ),
        (Some("a"), Some(5), Some("werk"), Some(true))
    );
    assert_eq!(l[0]["regel"], 1);
    assert!(
        l[0]["uitleg"][0]
            .as_str()
            .unwrap()
            .starts_with("Trede 6 – Betaald werk: nee. Krijgt een jobcoach"),
        "{}",
        l[0]["uitleg"]
    );
    assert_eq!(l[1]["fouten"][0]["veld"], "betaald_werk.uren_per_week");
    assert_eq!(l[1]["regel"], 3);
    assert_eq!(l[2]["fouten"][0]["veld"], "betaald_werk.uren_per_week");
    assert!(
        l[2]["fouten"][0]["melding"]["nl"]
            .as_str()
            .unwrap()
            .contains("getal"),
        "{}",
        l[2]
    );
    assert_eq!(l[3]["fouten"][0]["veld"], "");
    assert_eq!(l[4]["status"], "onvolledig");
    let missing: Vec<&str> = l[4]["ontbreekt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["veld"].as_str().unwrap())
        .collect();
    // With the step still open every flow row is open too, so the inflow date and the growth
    // potential can still matter and are asked for as well.
    assert_eq!(
        missing,
        [
            "mantelzorg_uren_per_week",
            "dagbesteding",
            "georganiseerde_activiteiten_per_week",
            "sociale_contacten_per_week",
            "in_bijstand_sinds",
            "gereedheid",
            "groeipotentieel",
        ]
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 situaties beoordeeld, 3 met fouten"));
}

#[test]
fn english_explanations_and_pinned_versions() {
    let informal_care = r#"{"peildatum":"2025-06-01","betaald_werk":{"soort":"geen"},"onbetaald_werk":[],"mantelzorg_uren_per_week":20,"dagbesteding":"geen","georganiseerde_activiteiten_per_week":0,"sociale_contacten_per_week":0,"in_bijstand_sinds":"2020-01-01","gereedheid":"later","groeipotentieel":2}"#;
    let now = lines(&run(&["classify", "-", "--taal", "en"], informal_care));
    assert_eq!(now[0]["trede"], 4);
    assert!(
        now[0]["uitleg"][2]
            .as_str()
            .unwrap()
            .starts_with("Step 4 – Unpaid work: yes. Gives intensive informal care"),
        "{}",
        now[0]["uitleg"]
    );
    let before = lines(&run(
        &[
            "classify",
            "-",
            "--regels",
            "ladder=2022-09",
            "--zonder-uitleg",
        ],
        informal_care,
    ));
    assert_eq!(
        (
            before[0]["trede"].as_u64(),
            before[0]["regels"]["ladder"].as_str()
        ),
        (Some(1), Some("2022-09"))
    );
    assert!(before[0].get("uitleg").is_none());
    let on_date = lines(&run(
        &["classify", "-", "--regels-op", "2024-12-31"],
        informal_care,
    ));
    assert_eq!(on_date[0]["trede"], 1);
}

#[test]
fn classifies_csv_and_names_bad_cells() {
    let generated = run(
        &[
            "genereer",
            "--aantal",
            "50",
            "--formaat",
            "csv",
            "--zaad",
            "5",
        ],
        "",
    );
    assert!(generated.status.success());
    let csv = String::from_utf8(generated.stdout).unwrap();
    let mut bad = csv.lines().take(2).collect::<Vec<_>>().join("\n");
    bad.push('\n');
    bad.push_str(&csv.lines().nth(1).unwrap().replacen("geen", "misschien", 1));
    bad.push('\n');
    let csv_out = lines(&run(
        &["classificeer", "-", "--formaat", "csv", "--zonder-uitleg"],
        &csv,
    ));
    assert_eq!(csv_out.len(), 50);
    assert!(csv_out.iter().all(|l| l["status"] == "volledig"));
    // The same population as JSON lines gives the same outcomes.
    let json = run(&["genereer", "--aantal", "50", "--zaad", "5"], "");
    let json_out = lines(&run(
        &["classificeer", "-", "--zonder-uitleg"],
        &String::from_utf8(json.stdout).unwrap(),
    ));
    for (a, b) in csv_out.iter().zip(&json_out) {
        assert_eq!(
            (&a["trede"], &a["segment"], &a["id"]),
            (&b["trede"], &b["segment"], &b["id"])
        );
    }
    let bad_out = lines(&run(&["classificeer", "-", "--formaat", "csv"], &bad));
    assert_eq!(bad_out[1]["fouten"][0]["veld"], "betaald_werk_soort");
    assert_eq!(bad_out[1]["regel"], 3);
}

#[test]
fn impact_between_two_ladder_versions() {
    let pop = run(&["genereer", "--aantal", "2000", "--zaad", "11"], "");
    let out = run(
        &[
            "impact",
            "-",
            "--van",
            "ladder=2022-09",
            "--naar",
            "2025-06-01",
            "--lijst",
        ],
        &String::from_utf8(pop.stdout).unwrap(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["totaal"], 2000);
    assert_eq!(report["van"]["ladder"], "2022-09");
    assert_eq!(report["naar"]["ladder"], "2025-01");
    let changed = report["trede_gewijzigd"].as_u64().unwrap();
    assert!(changed > 0);
    assert_eq!(
        report["wijzigingen"].as_array().unwrap().len() as u64,
        changed
    );
    assert!(report["wijzigingen"][0]["id"]
        .as_str()
        .unwrap()
        .starts_with("syn-"));
}

#[test]
fn usage_errors_are_clear() {
    for (args, needle) in [
        (vec!["vertaal"], "onbekend commando 'vertaal'"),
        (
            vec!["classificeer", "-", "--regels-op", "gisteren"],
            "--regels-op: 'gisteren' is geen datum",
        ),
        (
            vec!["classificeer", "-", "--kleur", "rood"],
            "onbekende optie --kleur",
        ),
        (
            vec!["impact", "-", "--van", "2024-01-01"],
            "--naar ontbreekt",
        ),
        (
            vec!["classificeer", "bestaat-niet.jsonl"],
            "bestaat-niet.jsonl",
        ),
        (
            vec!["genereer", "--aantal", "veel"],
            "--aantal: geen heel getal",
        ),
    ] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
