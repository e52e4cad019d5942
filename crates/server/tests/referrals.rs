//! Partner organisations and referrals over real HTTP and SQLite: the administrator keeps the
//! list (checked per field, names unique, version check, audited, never deleted); every
//! signed-in user reads it; a consultant refers a resident with purpose and consent and
//! records each step; the server refuses an unknown partner, a new referral to an inactive
//! one, and steps out of order; the report counts referrals per step and partner.

mod common;

use common::mutation;
use serde_json::{json, Value};

fn partner(naam: &str) -> Value {
    json!({"naam": naam, "soort": "vrijwilligerscentrale", "opvolgen_na_weken": 3, "actief": true})
}

#[tokio::test]
async fn the_administrator_keeps_the_partner_list() {
    let s = common::start().await;
    let admin = s.demo("beheer").await;
    let pc = s.demo("pc.devries").await;
    // The demo municipality's partners, readable by a consultant.
    let list = s.get(&pc, "/api/partners").await.json();
    let names: Vec<&str> = list["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["naam"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Rijswijk Doet"), "{names:?}");
    // Consultants may not change it.
    assert_eq!(
        s.post(
            &pc,
            "/api/partners",
            &partner("Buurthuis De Stek").to_string()
        )
        .await
        .status,
        403
    );
    // Bad input names the field.
    for (body, field) in [
        (
            json!({"naam": "B", "soort": "welzijn", "opvolgen_na_weken": 4, "actief": true}),
            "naam",
        ),
        (
            json!({"naam": "Buurthuis", "soort": "kerk", "opvolgen_na_weken": 4, "actief": true}),
            "soort",
        ),
        (
            json!({"naam": "Buurthuis", "soort": "welzijn", "opvolgen_na_weken": 40, "actief": true}),
            "opvolgen_na_weken",
        ),
        (
            json!({"naam": "Buurthuis", "soort": "welzijn", "opvolgen_na_weken": 4, "actief": true, "email": "geen"}),
            "email",
        ),
    ] {
        let r = s.post(&admin, "/api/partners", &body.to_string()).await;
        assert_eq!(
            (r.status, r.json()["fout"]["veld"].as_str()),
            (422, Some(field)),
            "{}",
            r.body
        );
    }
    let r = s
        .post(
            &admin,
            "/api/partners",
            &partner("  Buurthuis De Stek ").to_string(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let made = r.json();
    assert_eq!(made["naam"], "Buurthuis De Stek");
    assert_eq!(made["versie"], 1);
    let id = made["id"].as_i64().unwrap();
    // Names are unique, whatever the case.
    let r = s
        .post(
            &admin,
            "/api/partners",
            &partner("buurthuis de stek").to_string(),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (409, Some("naam"))
    );
    // A change on the version seen; a stale version is a conflict.
    let mut change = made.clone();
    change["actief"] = json!(false);
    let r = s
        .send(
            &admin,
            "PATCH",
            &format!("/api/partners/{id}"),
            Some(&change.to_string()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["versie"], 2);
    let r = s
        .send(
            &admin,
            "PATCH",
            &format!("/api/partners/{id}"),
            Some(&change.to_string()),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (409, Some("versie"))
    );
    let r = s
        .send(
            &admin,
            "PATCH",
            "/api/partners/999999",
            Some(&change.to_string()),
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit WHERE object_soort = 'partner'"),
        2
    );
}

#[tokio::test]
async fn a_consultant_refers_a_resident_and_records_each_step() {
    let s = common::start().await;
    let admin = s.demo("beheer").await;
    let pc = s.demo("pc.devries").await;
    let resident = s.first_resident(&pc).await;
    let partners = s.get(&pc, "/api/partners").await.json();
    let doet = partners["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["naam"] == "Rijswijk Doet")
        .unwrap()
        .clone();
    let doet_id = doet["id"].as_i64().unwrap();
    let today = s.state.now().date_naive();
    // A change to a referral of this resident, as the consultant's browser sends it.
    let send = |m: &str, id: &str, base: i64, fields: Value| {
        let body = mutation(m, "verwijzing", id, resident, base, fields);
        let (s, pc) = (&s, &pc);
        async move { s.post(pc, "/api/mutaties", &body).await }
    };
    let referral = json!({"datum": today, "partner_id": doet_id, "doel": "Vrijwilligerswerk in de buurt.", "toestemming": "mondeling", "status": "aangevraagd"});
    // Unknown partner.
    let mut bad = referral.clone();
    bad["partner_id"] = json!(999);
    let r = send("m-v0", "v-test", 0, bad).await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("partner_id")),
        "{}",
        r.body
    );
    // No consent, no referral.
    let mut bad = referral.clone();
    bad.as_object_mut().unwrap().remove("toestemming");
    let r = send("m-v1", "v-test", 0, bad).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("toestemming"), "{}", r.body);
    assert_eq!(
        s.count("SELECT COUNT(*) FROM dossier WHERE soort = 'verwijzing' AND id = 'v-test'"),
        0
    );
    // The referral, then acceptance.
    let r = send("m-v2", "v-test", 0, referral).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let accepted = json!({"status": "geaccepteerd", "geaccepteerd_op": today});
    let r = send("m-v3", "v-test", 1, accepted).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Completed without a start: refused on the start date, nothing changes.
    let done = json!({"status": "afgerond", "afgerond_op": today});
    let r = send("m-v4", "v-test", 2, done).await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("gestart_op")),
        "{}",
        r.body
    );
    let stored: String = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row(
            "SELECT velden FROM dossier WHERE soort = 'verwijzing' AND id = 'v-test'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(stored.contains("\"geaccepteerd\""), "{stored}");
    // An inactive partner keeps its referrals (they can still be updated), but takes no new ones.
    let mut off = doet.clone();
    off["actief"] = json!(false);
    let r = s
        .send(
            &admin,
            "PATCH",
            &format!("/api/partners/{doet_id}"),
            Some(&off.to_string()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let started = json!({"status": "gestart", "gestart_op": today});
    let r = send("m-v5", "v-test", 2, started).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let new = json!({"datum": today, "partner_id": doet_id, "doel": "Nog een keer proberen.", "toestemming": "schriftelijk", "status": "aangevraagd"});
    let r = send("m-v6", "v-test-2", 0, new).await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("partner_id")),
        "{}",
        r.body
    );
    // Every change audited with the fields.
    assert_eq!(
        s.count(
            "SELECT COUNT(*) FROM audit WHERE object_soort = 'verwijzing' AND object_id = 'v-test'"
        ),
        3
    );
    // The report counts the demo's referrals per step and per partner; policy staff get
    // figures only.
    let bm = s.demo("bm.jansen").await;
    let report = s.get(&bm, "/api/rapportage?jaar=2025").await.json();
    let section = report["secties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "verwijzingen")
        .expect("a referral section")
        .clone();
    let figure = |id: &str| {
        section["figuren"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    let requested = figure("verwijzingen")["waarde"]["aantal"].as_u64().unwrap();
    assert!(requested > 20, "{section}");
    assert!(
        figure(&format!("verwijzingen.partner.{doet_id}"))["waarde"]["aantal"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert!(!section.to_string().contains("\"inwoners\""), "{section}");
}
