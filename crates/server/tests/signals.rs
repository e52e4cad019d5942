//! Signals from the income department over real HTTP and SQLite: an income consultant records
//! a signal by the BSN (bad input named, an unknown BSN refused) and sees no case content in
//! any answer; the team lead of the resident's team gets it as a task and marks it handled; a
//! signal of another team is neither listed nor handled; everything audited.

mod common;

use serde_json::{json, Value};

#[tokio::test]
async fn the_income_department_signals_and_the_team_lead_handles() {
    let s = common::start().await;
    let ik = s.demo("ik.dekker").await;
    let tl = s.demo("tl.visser").await;
    // A resident of the team lead's team, with the BSN the income department knows.
    let resident = s.first_resident(&tl).await;
    let file = s
        .get(&tl, &format!("/api/inwoners/{resident}/dossier"))
        .await
        .json();
    let person = file["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["soort"] == "inwoner")
        .unwrap()["velden"]
        .clone();
    let bsn = person["bsn"].as_str().unwrap().to_string();
    let name = person["naam"].as_str().unwrap().to_string();
    let today = s.state.now().date_naive();
    let signal = |bsn: &str, soort: &str, date: String| {
        json!({"bsn": bsn, "soort": soort, "heronderzoek_op": date, "toelichting": "Vertelt graag iets te willen doen."}).to_string()
    };
    // Bad input names the field.
    for (body, field) in [
        (signal("111222334", "wil_meedoen", today.to_string()), "bsn"),
        (signal(&bsn, "weet_niet", today.to_string()), "soort"),
        (
            signal(
                &bsn,
                "wil_meedoen",
                (today + chrono::Days::new(3)).to_string(),
            ),
            "heronderzoek_op",
        ),
    ] {
        let r = s.post(&ik, "/api/signalen", &body).await;
        assert_eq!(
            (r.status, r.json()["fout"]["veld"].as_str()),
            (422, Some(field)),
            "{}",
            r.body
        );
    }
    // A valid BSN Participation does not know.
    let r = s
        .post(
            &ik,
            "/api/signalen",
            &signal("123456782", "wil_meedoen", today.to_string()),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (404, Some("bsn")),
        "{}",
        r.body
    );
    // Recorded: the answer names the team only.
    let r = s
        .post(
            &ik,
            "/api/signalen",
            &signal(&bsn, "wil_meedoen", today.to_string()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(!r.body.contains(&name), "{}", r.body);
    let own = s.get(&ik, "/api/signalen/eigen").await;
    assert_eq!(own.status, 200);
    assert!(
        !own.body.contains(&name) && !own.body.contains(&bsn),
        "{}",
        own.body
    );
    assert_eq!(own.json()[0]["bsn_einde"], bsn[5..].to_string());
    assert_eq!(own.json()[0]["afgehandeld"], false);
    // No case content for the income department.
    for path in [
        "/api/inwoners",
        "/api/wijzigingen?sinds=0",
        "/api/wachtlijst",
        "/api/signalen",
    ] {
        assert_eq!(s.get(&ik, path).await.status, 403, "{path}");
    }
    // The team lead's task, then handled once.
    let tasks: Value = s.get(&tl, "/api/signalen").await.json();
    let task = tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["inwoner_id"] == resident)
        .expect("the task")
        .clone();
    assert_eq!(
        (task["naam"].as_str(), task["soort"].as_str()),
        (Some(name.as_str()), Some("wil_meedoen"))
    );
    let id = task["id"].as_i64().unwrap();
    let r = s
        .post(&tl, &format!("/api/signalen/{id}/afgehandeld"), "")
        .await;
    assert_eq!(r.status, 204, "{}", r.body);
    let r = s
        .post(&tl, &format!("/api/signalen/{id}/afgehandeld"), "")
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(s
        .get(&tl, "/api/signalen")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["id"] != id));
    assert_eq!(
        s.get(&ik, "/api/signalen/eigen").await.json()[0]["afgehandeld"],
        true
    );
    assert_eq!(
        s.count(&format!(
            "SELECT COUNT(*) FROM audit WHERE object_soort = 'signaal' AND object_id = '{id}'"
        )),
        3
    );
    // Another team's signal: not the team lead's task.
    s.state.db.lock().unwrap().execute(
        "INSERT INTO signaal (inwoner_id, team, soort, heronderzoek_op, door, op) VALUES (?1, 'wsp', 'klaar_voor_werk', '2026-01-05', 'ik.dekker', '2026-01-05T09:00:00Z')",
        [resident],
    ).unwrap();
    let other = s.state.db.lock().unwrap().last_insert_rowid();
    assert!(s
        .get(&tl, "/api/signalen")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["id"] != other));
    assert_eq!(
        s.post(&tl, &format!("/api/signalen/{other}/afgehandeld"), "")
            .await
            .status,
        404
    );
}
