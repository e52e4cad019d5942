//! The team lead's exports of the caseload and the waiting list: a purpose is required, every
//! resident in the file is audited with it, and a list cannot carry anyone outside the team.

mod common;

use serde_json::json;

#[tokio::test]
async fn an_export_states_its_purpose_and_audits_every_resident() {
    let s = common::start().await;
    let tl = s.demo("tl.visser").await;
    let waiting: Vec<i64> = s.get(&tl, "/api/wachtlijst").await.json()["inwoners"]
        .as_array()
        .unwrap()
        .iter()
        .take(5)
        .map(|w| w["id"].as_i64().unwrap())
        .collect();
    assert_eq!(waiting.len(), 5);
    let body = |doel: &str, soort: &str, ids: &[i64]| {
        json!({"soort": soort, "doel": doel, "inwoners": ids, "kolommen": ["naam", "wachtlijst"]})
            .to_string()
    };
    let audited = "SELECT COUNT(*) FROM audit WHERE actie = 'exporteren'";
    // Bad input names the field and audits nothing.
    for (b, field) in [
        (body("kort", "wachtlijst", &waiting), "doel"),
        (
            body("werkverdeling teamoverleg", "alles", &waiting),
            "soort",
        ),
    ] {
        let r = s.post(&tl, "/api/export", &b).await;
        assert_eq!(
            (r.status, r.json()["fout"]["veld"].as_str()),
            (422, Some(field)),
            "{}",
            r.body
        );
    }
    // A resident of another team (the WSP's) cannot be in the team lead's list.
    let other: i64 = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row(
            "SELECT id FROM inwoner WHERE team = 'wsp' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut with_other = waiting.clone();
    with_other.push(other);
    let r = s
        .post(
            &tl,
            "/api/export",
            &body("werkverdeling teamoverleg", "wachtlijst", &with_other),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("inwoners"))
    );
    assert_eq!(s.count(audited), 0);

    let r = s
        .post(
            &tl,
            "/api/export",
            &body("werkverdeling teamoverleg", "wachtlijst", &waiting),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["aantal"], 5);
    assert_eq!(s.count("SELECT COUNT(*) FROM audit WHERE actie = 'exporteren' AND object_soort = 'inwoner' AND doel = 'werkverdeling teamoverleg' AND velden = '[\"naam\",\"wachtlijst\"]'"), 5);
    assert_eq!(
        s.count(
            "SELECT COUNT(*) FROM audit WHERE actie = 'exporteren' AND object_soort = 'wachtlijst'"
        ),
        1
    );
    // Consultants do not export lists.
    let pc = s.demo("pc.ramdin").await;
    assert_eq!(
        s.post(
            &pc,
            "/api/export",
            &body("werkverdeling teamoverleg", "caseload", &[])
        )
        .await
        .status,
        403
    );
}
