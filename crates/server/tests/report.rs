//! The council report over real HTTP (issue 13): a team lead gets the figures of a year with
//! the drill-down of the own team; policy staff get the same aggregates and nothing personal
//! (checked on the wire against the names and BSNs in the database); policy staff see no case
//! content anywhere; bad periods and ambitions name the field and save nothing.

mod common;

use common::*;
use serde_json::{json, Value};

fn figure<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["secties"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["figuren"].as_array().unwrap())
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
}

#[tokio::test]
async fn a_team_lead_and_policy_staff_get_the_same_figures_policy_staff_nothing_personal() {
    let s = start().await;
    let tl = s.demo("tl.visser").await;
    let bm = s.demo("bm.jansen").await;
    let lead = s.get(&tl, "/api/rapportage?jaar=2025").await;
    assert_eq!(lead.status, 200, "{}", lead.body);
    let policy = s.get(&bm, "/api/rapportage?jaar=2025").await;
    assert_eq!(policy.status, 200, "{}", policy.body);
    let (l, p) = (lead.json(), policy.json());
    for id in [
        "gesproken",
        "geactiveerd",
        "plaatsingen",
        "plaatsingen_sroi",
        "uitstroom",
        "overdracht",
        "actief",
    ] {
        assert_eq!(figure(&l, id)["waarde"], figure(&p, id)["waarde"], "{id}");
        assert_eq!(figure(&l, id)["vorige"], figure(&p, id)["vorige"], "{id}");
    }
    // The demo's ambition for 2025, and true counts from the registered records.
    assert_eq!(figure(&l, "plaatsingen")["ambitie"], 275);
    let placements_2025 = s.count(
        "SELECT COUNT(*) FROM dossier WHERE soort = 'plaatsing' AND json_extract(velden, '$.start') LIKE '2025-%'",
    );
    assert_eq!(
        figure(&l, "plaatsingen")["waarde"]["aantal"],
        placements_2025
    );
    // The team lead can drill down into the own team; policy staff cannot.
    assert!(!figure(&l, "gesproken")["inwoners"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(!l["caseloads"].as_array().unwrap().is_empty());
    assert!(p.get("caseloads").is_none());
    assert!(
        !policy.body.contains("\"inwoners\""),
        "no resident ids for policy staff"
    );
    // Nothing personal on the wire: no name, no BSN of any resident, no consultant's name.
    let conn = s.state.db.lock().unwrap();
    let mut stmt = conn
        .prepare("SELECT json_extract(velden, '$.naam'), json_extract(velden, '$.bsn') FROM dossier WHERE soort = 'inwoner'")
        .unwrap();
    let people: Vec<(String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, bsn) in &people {
        assert!(
            !policy.body.contains(name.as_str()),
            "name {name} on the wire"
        );
        if let Some(b) = bsn {
            assert!(!policy.body.contains(b.as_str()), "BSN on the wire");
        }
    }
    for consultant in ["Priya Ramdin", "Sanne de Vries", "Kees Bakker"] {
        assert!(!policy.body.contains(consultant));
    }
    drop(stmt);
    drop(conn);
    // Reading the report is audited.
    assert!(s.count("SELECT COUNT(*) FROM audit WHERE object_soort = 'rapportage'") >= 2);
}

#[tokio::test]
async fn policy_staff_see_no_case_content_anywhere() {
    let s = start().await;
    let bm = s.demo("bm.jansen").await;
    let tl = s.demo("tl.visser").await;
    let resident = s.first_resident(&tl).await;
    for path in [
        "/api/inwoners".to_string(),
        format!("/api/inwoners/{resident}"),
        format!("/api/inwoners/{resident}/dossier"),
        "/api/wijzigingen?sinds=0".into(),
        "/api/wachtlijst".into(),
        "/api/inzendingen".into(),
        "/api/audit".into(),
    ] {
        let r = s.get(&bm, &path).await;
        assert_eq!(r.status, 403, "{path}: {}", r.body);
    }
    for (path, body) in [
        (
            "/api/mutaties",
            mutation(
                "b1",
                "gesprek",
                "g-b1",
                resident,
                0,
                json!({"datum": "2025-01-02", "soort": "voortgang", "verslag": "x"}),
            ),
        ),
        (
            "/api/inwoners",
            json!({"mutatie_id": "b2", "velden": {"naam": "X"}}).to_string(),
        ),
        ("/api/rapportage/drempel", json!({"drempel": 5}).to_string()),
        (
            "/api/rapportage/ambities",
            json!({"jaar": 2025, "indicator": "plaatsingen", "doel": 1}).to_string(),
        ),
    ] {
        let r = s.post(&bm, path, &body).await;
        assert_eq!(r.status, 403, "{path}: {}", r.body);
    }
    // Consultants and the administrator do not get the report.
    for user in ["pc.ramdin", "wc.bakker", "beheer"] {
        let c = s.demo(user).await;
        assert_eq!(
            s.get(&c, "/api/rapportage?jaar=2025").await.status,
            403,
            "{user}"
        );
    }
}

#[tokio::test]
async fn periods_thresholds_and_ambitions_are_checked_and_saved() {
    let s = start().await;
    let tl = s.demo("tl.visser").await;
    for (query, field) in [
        ("van=2025-06-01&tot=2025-01-01", "van"),
        ("jaar=2019", "jaar"),
        ("jaar=twintig", "jaar"),
        ("van=2025-13-01&tot=2025-12-31", "van"),
        ("van=2025-01-01", "tot"),
    ] {
        let r = s.get(&tl, &format!("/api/rapportage?{query}")).await;
        assert_eq!(
            (r.status, r.json()["fout"]["veld"].clone()),
            (422, json!(field)),
            "{query}: {}",
            r.body
        );
        assert!(!r.json()["fout"]["nl"].as_str().unwrap().is_empty());
        assert!(!r.json()["fout"]["en"].as_str().unwrap().is_empty());
    }
    let since = s.get(&tl, "/api/rapportage?sinds_start=ja").await;
    assert_eq!(since.status, 200);
    assert_eq!(since.json()["periode"]["van"], "2022-09-01");
    let custom = s
        .get(&tl, "/api/rapportage?van=2024-01-01&tot=2024-06-30")
        .await;
    assert_eq!(
        custom.json()["vorige_periode"],
        json!({"van": "2023-07-03", "tot": "2023-12-31"})
    );

    // Ambitions: negative, not a number, unknown indicator, a year out of range: refused.
    let before = s.count("SELECT COUNT(*) FROM ambitie");
    for (body, field) in [
        (
            json!({"jaar": 2025, "indicator": "plaatsingen", "doel": -1}),
            "doel",
        ),
        (
            json!({"jaar": 2025, "indicator": "plaatsingen", "doel": "veel"}),
            "doel",
        ),
        (
            json!({"jaar": 2025, "indicator": "geluk", "doel": 3}),
            "indicator",
        ),
        (
            json!({"jaar": 2019, "indicator": "plaatsingen", "doel": 3}),
            "jaar",
        ),
    ] {
        let r = s
            .post(&tl, "/api/rapportage/ambities", &body.to_string())
            .await;
        assert_eq!(
            (r.status, r.json()["fout"]["veld"].clone()),
            (422, json!(field)),
            "{body}: {}",
            r.body
        );
    }
    assert_eq!(
        s.count("SELECT COUNT(*) FROM ambitie"),
        before,
        "nothing saved"
    );
    let r = s
        .post(
            &tl,
            "/api/rapportage/ambities",
            &json!({"jaar": 2025, "indicator": "gesproken", "doel": 60}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rep = s.get(&tl, "/api/rapportage?jaar=2025").await.json();
    assert_eq!(figure(&rep, "gesproken")["ambitie"], 60);

    // The publication threshold hides small counts for both roles, and the report says so.
    let r = s
        .post(
            &tl,
            "/api/rapportage/drempel",
            &json!({"drempel": 1}).to_string(),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("drempel"))
    );
    let r = s
        .post(
            &tl,
            "/api/rapportage/drempel",
            &json!({"drempel": 10000}).to_string(),
        )
        .await;
    assert_eq!(r.status, 422);
    let r = s
        .post(
            &tl,
            "/api/rapportage/drempel",
            &json!({"drempel": 5}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let bm = s.demo("bm.jansen").await;
    let rep = s.get(&bm, "/api/rapportage?jaar=2025").await.json();
    assert_eq!(rep["drempel"], 5);
    for f in rep["secties"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["figuren"].as_array().unwrap())
    {
        if let Some(n) = f["waarde"]["aantal"].as_u64() {
            assert!(n == 0 || n >= 5, "{f}");
        }
    }
    assert!(
        s.count("SELECT COUNT(*) FROM audit WHERE object_soort IN ('ambitie', 'gemeente')") >= 2
    );
}

#[tokio::test]
async fn the_command_line_writes_the_same_figures_as_the_app() {
    let s = start().await;
    let bm = s.demo("bm.jansen").await;
    let today = s.state.now().date_naive().to_string();
    let api = s.get(&bm, "/api/rapportage?jaar=2025").await.json();
    let db = s.db_path();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_meedoen-server"))
            .args([
                "rapport",
                "--db",
                db.to_str().unwrap(),
                "--peildatum",
                &today,
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&["--jaar", "2025"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cli["secties"], api["secties"]);
    let csv = run(&["--jaar", "2025", "--formaat", "csv"]);
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("sectie;id;cijfer;"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("\"plaatsingen\"") && l.contains("\"275\"")),
        "{text}"
    );
    let bad = run(&["--jaar", "2019"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("jaar"));
}

/// The report reads the population once and then only what changed: after a write it shows
/// the new count (the same as counting in the database).
#[tokio::test]
async fn the_report_follows_every_change() {
    let s = start().await;
    let tl = s.demo("tl.visser").await;
    let pc = s.demo("pc.ramdin").await;
    let spoken = |s: &Server| {
        s.count("SELECT COUNT(DISTINCT inwoner_id) FROM dossier WHERE soort = 'intake' AND json_extract(velden, '$.datum') LIKE '2025-%'")
    };
    let first = s.get(&tl, "/api/rapportage?jaar=2025").await.json();
    assert_eq!(figure(&first, "gesproken")["waarde"]["aantal"], spoken(&s));
    let ids: Vec<i64> = s.get(&pc, "/api/inwoners").await.json()["inwoners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    for (n, id) in ids.iter().take(3).enumerate() {
        let r = s
            .post(
                &pc,
                "/api/mutaties",
                &mutation(
                    &format!("rf-{n}"),
                    "intake",
                    &format!("in-rf-{n}"),
                    *id,
                    0,
                    json!({"datum": "2025-06-02"}),
                ),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let now = s.get(&tl, "/api/rapportage?jaar=2025").await.json();
        assert_eq!(figure(&now, "gesproken")["waarde"]["aantal"], spoken(&s));
    }
}

/// Issue 14: the scenario baseline comes from registered data as aggregates only, and a
/// scenario runs on it.
#[tokio::test]
async fn the_scenario_baseline_is_aggregates_from_registered_data() {
    let s = start().await;
    let bm = s.demo("bm.jansen").await;
    let r = s.get(&bm, "/api/scenario/basis?maanden=12").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b: meedoen_domain::scenario::Baseline = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        b.begeleid as i64,
        s.count(
            "SELECT COUNT(*) FROM inwoner WHERE consulent_id IS NOT NULL AND team = 'participatie'"
        )
    );
    let waiting = s
        .count("SELECT COUNT(*) FROM inwoner WHERE consulent_id IS NULL AND team = 'participatie'")
        as f64;
    assert!(b.wacht_nu + b.wacht_later + b.wacht_niet <= waiting);
    assert!(b.wacht_nu > 0.0 && b.consulenten_fte == 3.0 && b.caseload_norm == 85);
    assert!(b.uitstroom.exposure > 0.0 && b.overdracht.events >= 0.0);
    assert!(
        !r.body.contains("\"naam\"")
            && !r.body.contains("\"bsn\"")
            && !r.body.contains("\"inwoners\"")
    );
    // A scenario runs on it: four consultants from next year, with bands.
    let mut levers = meedoen_domain::scenario::Levers::of_baseline(&b);
    levers.consulenten_fte = vec![b.consulenten_fte, 4.0, 4.0];
    levers.check().unwrap();
    let summary = meedoen_domain::scenario::simulate(&b, &levers).summary();
    assert!(summary.kosten[0] <= summary.kosten[1] && summary.kosten[1] <= summary.kosten[2]);
    // Team leads too; consultants and the administrator not; a bad window names the field.
    let tl = s.demo("tl.visser").await;
    assert_eq!(s.get(&tl, "/api/scenario/basis").await.status, 200);
    for user in ["pc.ramdin", "beheer"] {
        let c = s.demo(user).await;
        assert_eq!(s.get(&c, "/api/scenario/basis").await.status, 403, "{user}");
    }
    let r = s.get(&bm, "/api/scenario/basis?maanden=0").await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("maanden"))
    );
}
