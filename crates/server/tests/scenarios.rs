//! What-if scenarios over real HTTP (issue 14): saved per team as parameters only, checked
//! whole before one write (never half-written), guarded by a version, deleted per team; the
//! rule-version impact is counts only; consultants and the administrator get none of it.

mod common;

use common::*;
use meedoen_domain::scenario::{Baseline, Levers};
use serde_json::{json, Value};

async fn levers(s: &Server, c: &Client) -> Value {
    let b: Baseline = serde_json::from_str(&s.get(c, "/api/scenario/basis").await.body).unwrap();
    let mut l = Levers::of_baseline(&b);
    l.naam = "Vier consulenten vanaf 2027".into();
    l.consulenten_fte = vec![3.0, 4.0];
    serde_json::to_value(l).unwrap()
}

async fn delete(s: &Server, c: &Client, path: &str) -> Res {
    http(
        s.addr,
        "DELETE",
        path,
        &[("Cookie", &c.cookie), ("X-CSRF-Token", &c.csrf)],
        None,
    )
    .await
}

#[tokio::test]
async fn a_scenario_is_saved_for_the_team_versioned_and_deleted() {
    let s = start().await;
    let bm = s.demo("bm.jansen").await;
    let l = levers(&s, &bm).await;
    let r = s
        .post(&bm, "/api/scenarios", &json!({"hefbomen": l}).to_string())
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let saved = r.json();
    assert_eq!(saved["versie"], 1);
    assert_eq!(saved["hefbomen"], l);
    let id = saved["id"].as_i64().unwrap();
    // The list holds it; the team lead (another team) does not see it.
    let list = s.get(&bm, "/api/scenarios").await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let tl = s.demo("tl.visser").await;
    assert_eq!(s.get(&tl, "/api/scenarios").await.json(), json!([]));
    // A new version with the version seen; a stale version is a conflict that names it.
    let mut changed = l.clone();
    changed["caseload_norm"] = json!(80);
    let r = s
        .post(
            &bm,
            "/api/scenarios",
            &json!({"id": id, "versie": 1, "hefbomen": changed}).to_string(),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["versie"].clone()),
        (200, json!(2)),
        "{}",
        r.body
    );
    let r = s
        .post(
            &bm,
            "/api/scenarios",
            &json!({"id": id, "versie": 1, "hefbomen": l}).to_string(),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (409, json!("versie"))
    );
    assert_eq!(
        s.get(&bm, "/api/scenarios").await.json()[0]["hefbomen"]["caseload_norm"],
        80
    );
    // A second scenario of the same name is refused, naming the field.
    let r = s
        .post(&bm, "/api/scenarios", &json!({"hefbomen": l}).to_string())
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("hefbomen.naam"))
    );
    // Another team cannot delete it; the own team can, and it is audited.
    assert_eq!(
        delete(&s, &tl, &format!("/api/scenarios/{id}"))
            .await
            .status,
        404
    );
    assert_eq!(
        delete(&s, &bm, &format!("/api/scenarios/{id}"))
            .await
            .status,
        204
    );
    assert_eq!(s.get(&bm, "/api/scenarios").await.json(), json!([]));
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit WHERE object_soort = 'scenario' AND actie IN ('aanmaken', 'wijzigen', 'verwijderen')"),
        3
    );
}

#[tokio::test]
async fn bad_scenarios_name_the_field_and_save_nothing() {
    let s = start().await;
    let bm = s.demo("bm.jansen").await;
    let l = levers(&s, &bm).await;
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"consulenten_fte": [-1.0]}),
            "hefbomen.consulenten_fte[0]",
        ),
        (json!({"caseload_norm": 0}), "hefbomen.caseload_norm"),
        (json!({"caseload_norm": 10000}), "hefbomen.caseload_norm"),
        (json!({"jaren": 99}), "hefbomen.jaren"),
        (json!({"jaren": 0}), "hefbomen.jaren"),
        (json!({"kosten_per_fte": "veel"}), "hefbomen.kosten_per_fte"),
        (json!({"naam": ""}), "hefbomen.naam"),
        (json!({"extra": 1}), "hefbomen.extra"),
    ];
    for (over, field) in cases {
        let mut body = l.clone();
        for (k, v) in over.as_object().unwrap() {
            body[k] = v.clone();
        }
        let r = s
            .post(
                &bm,
                "/api/scenarios",
                &json!({"hefbomen": body}).to_string(),
            )
            .await;
        assert!(
            r.status == 422 || r.status == 400,
            "{field}: {} {}",
            r.status,
            r.body
        );
        let e = r.json();
        let fields: Vec<Value> = std::iter::once(e["fout"]["veld"].clone())
            .chain(
                e["fouten"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|f| f["veld"].clone()),
            )
            .collect();
        assert!(fields.contains(&json!(field)), "{field}: {}", r.body);
        assert!(e["fout"]["en"].as_str().is_some_and(|t| !t.is_empty()));
    }
    let mut missing = l.clone();
    missing.as_object_mut().unwrap().remove("caseload_norm");
    let r = s
        .post(
            &bm,
            "/api/scenarios",
            &json!({"hefbomen": missing}).to_string(),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("caseload_norm"), "{}", r.body);
    assert_eq!(s.count("SELECT COUNT(*) FROM scenario"), 0);
}

#[tokio::test]
async fn the_rule_impact_is_counts_only_and_only_for_leads_and_policy() {
    let s = start().await;
    let bm = s.demo("bm.jansen").await;
    let r = s.get(&bm, "/api/scenario/regelimpact?ladder=2022-09").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let c = r.json();
    let total = s.count("SELECT COUNT(*) FROM inwoner");
    assert_eq!(c["totaal"].as_i64().unwrap(), total);
    assert_eq!(c["naar"]["ladder"], "2022-09");
    assert!(c["trede_gewijzigd"].as_i64().unwrap() <= total);
    assert!(!r.body.contains("wijzigingen") && !r.body.contains("\"index\""));
    let r = s.get(&bm, "/api/scenario/regelimpact?ladder=1999-01").await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("ladder"))
    );
    let tl = s.demo("tl.visser").await;
    let team = s
        .get(&tl, "/api/scenario/regelimpact?ladder=2022-09")
        .await
        .json();
    assert!(team["totaal"].as_i64().unwrap() <= total);
    for user in ["pc.ramdin", "beheer"] {
        let c = s.demo(user).await;
        assert_eq!(
            s.get(&c, "/api/scenario/regelimpact?ladder=2022-09")
                .await
                .status,
            403
        );
        assert_eq!(s.get(&c, "/api/scenarios").await.status, 403);
    }
}
