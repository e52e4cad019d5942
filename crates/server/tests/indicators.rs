//! Klant in Beeld over real HTTP and SQLite: a consultant fills the indicators of an own
//! resident (bad values named per field, who and when kept, audited) and reaches no one else's;
//! the external assessor reaches only the residents of a running batch, sees nothing but the
//! indicators and what the conversation needs, and loses access by itself after the end date
//! or when the team lead ends the batch; the team lead makes a batch (bad input named) and sees
//! the progress per step; policy staff get figures only.

mod common;

use serde_json::{json, Value};

fn fields_of(r: &common::Res) -> Vec<String> {
    r.json()["fouten"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["veld"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_consultant_fills_the_indicators_of_an_own_resident() {
    let s = common::start().await;
    let pc = s.demo("pc.devries").await;
    let other = s.demo("pc.ramdin").await;
    let list = s.get(&pc, "/api/indicatoren/inwoners").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let list = list.json();
    let own = s.count("SELECT COUNT(*) FROM inwoner WHERE consulent_id = (SELECT id FROM gebruiker WHERE gebruikersnaam = 'pc.devries')");
    assert_eq!(list["totaal"].as_i64(), Some(own), "the own caseload");
    assert_eq!(list["van"], 16);
    let id = list["inwoners"][0]["id"].as_i64().unwrap();
    let sheet = s.get(&pc, &format!("/api/inwoners/{id}/indicatoren")).await;
    assert_eq!(sheet.status, 200, "{}", sheet.body);
    let sheet = sheet.json();
    assert_eq!(sheet["kan_wijzigen"], true);
    let version = sheet["lijst"]["geldig_vanaf"].as_str().unwrap().to_string();
    let path = format!("/api/inwoners/{id}/indicatoren");
    // Bad values, each named by its field; nothing is written.
    let before = s.count(&format!(
        "SELECT COUNT(*) FROM indicator_waarde WHERE inwoner_id = {id}"
    ));
    let r = s
        .send(&pc, "PATCH", &path, Some(&json!({"lijst": version, "waarden": {"opleiding": "promotie", "uren": "41", "rijbewijs": "misschien", "schoenmaat": "44"}}).to_string()))
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut named = fields_of(&r);
    named.sort();
    assert_eq!(
        named,
        [
            "waarden.opleiding",
            "waarden.rijbewijs",
            "waarden.schoenmaat",
            "waarden.uren"
        ]
    );
    assert!(r.body.contains("Vul een heel getal van 0 tot en met 40 in"));
    assert!(r.body.contains("Enter a whole number from 0 to 40"));
    assert_eq!(
        before,
        s.count(&format!(
            "SELECT COUNT(*) FROM indicator_waarde WHERE inwoner_id = {id}"
        ))
    );
    // An old list version is refused with 409.
    let r = s
        .send(
            &pc,
            "PATCH",
            &path,
            Some(&json!({"lijst": "2020-01-01", "waarden": {"rijbewijs": "ja"}}).to_string()),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (409, Some("lijst"))
    );
    // Good values are kept with who and when.
    let r = s
        .send(&pc, "PATCH", &path, Some(&json!({"lijst": version, "waarden": {"opleiding": "mbo", "uren": " 16 ", "rijbewijs": "nee"}}).to_string()))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let value = |code: &str| {
        v["waarden"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["code"] == code)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(value("uren")["waarde"], "16");
    assert_eq!(value("opleiding")["door"], "Sanne de Vries");
    assert_eq!(value("opleiding")["rol"], "participatieconsulent");
    assert!(value("opleiding")["op"]
        .as_str()
        .unwrap()
        .starts_with(&s.state.now().date_naive().to_string()));
    // Clearing a value removes it.
    let r = s
        .send(
            &pc,
            "PATCH",
            &path,
            Some(&json!({"lijst": version, "waarden": {"rijbewijs": null}}).to_string()),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(!r.json()["waarden"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "rijbewijs"));
    // Audited: the reads and the changes, with the purpose.
    assert!(
        s.count(&format!("SELECT COUNT(*) FROM audit WHERE inwoner_id = {id} AND object_soort = 'indicatoren' AND actie = 'wijzigen' AND gebruiker = 'pc.devries'")) >= 2
    );
    assert!(
        s.count(&format!("SELECT COUNT(*) FROM audit WHERE inwoner_id = {id} AND object_soort = 'indicatoren' AND actie = 'lezen' AND doel LIKE 'Klant in Beeld%'")) >= 1
    );
    // Another consultant reaches neither the sheet nor the write.
    assert_eq!(s.get(&other, &path).await.status, 404);
    let r = s
        .send(
            &other,
            "PATCH",
            &path,
            Some(&json!({"lijst": version, "waarden": {"rijbewijs": "ja"}}).to_string()),
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn the_assessor_reaches_only_the_running_batch_and_access_ends_by_itself() {
    let s = common::start().await;
    let eb = s.demo("eb.koen").await;
    let r = s.get(&eb, "/api/indicatoren/inwoners").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let list = r.json();
    let running = s.count(
        "SELECT COUNT(*) FROM opdracht_inwoner oi JOIN opdracht o ON o.id = oi.opdracht_id WHERE o.eind >= date('now')",
    );
    assert!(running > 0, "the demo has a running batch");
    assert_eq!(list["totaal"].as_i64(), Some(running));
    let batches = list["opdrachten"].as_array().unwrap();
    assert_eq!(batches.len(), 2, "the running and the ended batch");
    assert_eq!(batches.iter().filter(|b| b["lopend"] == true).count(), 1);
    // Nothing but what the conversation needs: no BSN, no facts, no records.
    for key in ["bsn", "feiten", "records", "consulent", "wachtlijst"] {
        assert!(!r.body.contains(&format!("\"{key}\"")), "{key} on the wire");
    }
    let id = list["inwoners"][0]["id"].as_i64().unwrap();
    let path = format!("/api/inwoners/{id}/indicatoren");
    let sheet = s.get(&eb, &path).await;
    assert_eq!(sheet.status, 200);
    for key in ["bsn", "feiten", "records"] {
        assert!(
            !sheet.body.contains(&format!("\"{key}\"")),
            "{key} on the wire"
        );
    }
    let version = sheet.json()["lijst"]["geldig_vanaf"]
        .as_str()
        .unwrap()
        .to_string();
    let r = s
        .send(
            &eb,
            "PATCH",
            &path,
            Some(
                &json!({"lijst": version, "waarden": {"taal": "b1", "schulden": "ja"}}).to_string(),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("\"rol\":\"beoordelaar\""));
    // Not the file, not the caseload, not another resident.
    assert_eq!(s.get(&eb, &format!("/api/inwoners/{id}")).await.status, 403);
    assert_eq!(
        s.get(&eb, &format!("/api/inwoners/{id}/dossier"))
            .await
            .status,
        403
    );
    assert_eq!(s.get(&eb, "/api/inwoners").await.status, 403);
    let outside: i64 = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row(
            "SELECT id FROM inwoner WHERE id NOT IN (SELECT oi.inwoner_id FROM opdracht_inwoner oi JOIN opdracht o ON o.id = oi.opdracht_id WHERE o.eind >= date('now')) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        s.get(&eb, &format!("/api/inwoners/{outside}/indicatoren"))
            .await
            .status,
        404
    );
    // Every read and write is audited for the assessor.
    assert!(
        s.count(&format!("SELECT COUNT(*) FROM audit WHERE gebruiker = 'eb.koen' AND inwoner_id = {id} AND actie = 'wijzigen'")) == 1
    );
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit WHERE gebruiker = 'eb.koen' AND actie = 'lezen' AND object_soort = 'indicatoren'"),
        running + 1
    );
    // The day after the end date, access has ended by itself.
    // (The session has timed out meanwhile: the assessor signs in again, which still works.)
    s.advance(91 * 24 * 60);
    let eb = s.demo("eb.koen").await;
    let r = s.get(&eb, "/api/indicatoren/inwoners").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["totaal"], 0);
    assert!(r.json()["opdrachten"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["lopend"] == false));
    assert_eq!(s.get(&eb, &path).await.status, 404);
    let r = s
        .send(
            &eb,
            "PATCH",
            &path,
            Some(&json!({"lijst": version, "waarden": {"taal": "b2"}}).to_string()),
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn the_team_lead_makes_and_ends_a_batch_and_sees_the_progress() {
    let s = common::start().await;
    let tl = s.demo("tl.visser").await;
    let eb = s.demo("eb.koen").await;
    let r = s.get(&tl, "/api/beoordeling/opdrachten").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = r.json();
    let koen = b["beoordelaars"][0]["id"].as_i64().unwrap();
    assert_eq!(b["opdrachten"].as_array().unwrap().len(), 2);
    let today = s.state.now().date_naive();
    let batch = |name: &str, who: i64, end: chrono::NaiveDate, steps: Value| {
        json!({"naam": name, "beoordelaar_id": who, "eind": end, "tredes": steps, "zonder_consulent": false, "alleen_onvolledig": true, "max": 25}).to_string()
    };
    // Bad input: each problem named.
    let r = s
        .post(
            &tl,
            "/api/beoordeling/opdrachten",
            &batch("x", koen, today, json!([])),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut named = fields_of(&r);
    named.sort();
    assert_eq!(named, ["eind", "naam", "tredes"]);
    let tl_id: i64 = s.count("SELECT id FROM gebruiker WHERE gebruikersnaam = 'tl.visser'");
    let r = s
        .post(
            &tl,
            "/api/beoordeling/opdrachten",
            &batch(
                "Extra gesprekken",
                tl_id,
                today + chrono::Days::new(30),
                json!([3, 4]),
            ),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("beoordelaar_id"))
    );
    // A preview counts without writing; making the batch writes and audits per resident.
    let good = batch(
        "Extra gesprekken trede 3",
        koen,
        today + chrono::Days::new(30),
        json!([3]),
    );
    let batches_before = s.count("SELECT COUNT(*) FROM opdracht");
    let p = s
        .post(&tl, "/api/beoordeling/opdrachten?voorbeeld=ja", &good)
        .await;
    assert_eq!(p.status, 200, "{}", p.body);
    let n = p.json()["aantal"].as_i64().unwrap();
    assert!(n > 0 && n <= 25, "{n}");
    assert_eq!(p.json()["per_trede"][3].as_i64(), Some(n));
    assert_eq!(s.count("SELECT COUNT(*) FROM opdracht"), batches_before);
    let made = s.post(&tl, "/api/beoordeling/opdrachten", &good).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.json()["id"].as_i64().unwrap();
    assert_eq!(
        s.count(&format!(
            "SELECT COUNT(*) FROM opdracht_inwoner WHERE opdracht_id = {id}"
        )),
        n
    );
    assert_eq!(
        s.count(&format!("SELECT COUNT(*) FROM audit WHERE object_soort = 'opdracht' AND object_id = '{id}' AND actie = 'aanmaken'")),
        n
    );
    // The same residents are not picked twice while the batch runs.
    let again = s
        .post(&tl, "/api/beoordeling/opdrachten?voorbeeld=ja", &good)
        .await
        .json();
    let member: i64 = s.count(&format!(
        "SELECT min(inwoner_id) FROM opdracht_inwoner WHERE opdracht_id = {id}"
    ));
    assert!(again["aantal"].as_i64().unwrap() <= 25);
    let assessor_list = s.get(&eb, "/api/indicatoren/inwoners").await;
    assert!(
        assessor_list.json()["inwoners"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["id"] == member)
            || assessor_list.json()["totaal"].as_i64().unwrap() > 500
    );
    let path = format!("/api/inwoners/{member}/indicatoren");
    assert_eq!(s.get(&eb, &path).await.status, 200);
    // Ending the batch ends the access at once; a second time is 409.
    let end = format!("/api/beoordeling/opdrachten/{id}/beeindigen");
    assert_eq!(s.post(&tl, &end, "{}").await.status, 204);
    assert_eq!(s.get(&eb, &path).await.status, 404);
    assert_eq!(s.post(&tl, &end, "{}").await.status, 409);
    // Another team's lead neither sees nor ends it.
    let pc = s.demo("pc.devries").await;
    assert_eq!(s.post(&pc, &end, "{}").await.status, 403);

    // Progress: the team's population per step; a newly filled indicator counts.
    let p = s.get(&tl, "/api/indicatoren/voortgang").await;
    assert_eq!(p.status, 200, "{}", p.body);
    let p = p.json();
    let population = p["populatie_totaal"].as_i64().unwrap();
    let steps: i64 = p["populatie"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_i64().unwrap())
        .sum();
    assert_eq!(population, steps);
    let team_size = s.count("SELECT COUNT(*) FROM inwoner WHERE team = 'participatie'");
    assert!(population > 0 && population <= team_size);
    assert_eq!(p["rijen"].as_array().unwrap().len(), 16);
    let row = |p: &Value, code: &str| {
        p["rijen"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()["totaal"]
            .as_i64()
            .unwrap()
    };
    let before = row(&p, "laatst_gewerkt");
    let own = s.get(&pc, "/api/indicatoren/inwoners").await.json();
    let empty = own["inwoners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["ingevuld"].as_i64() < Some(16))
        .map(|l| l["id"].as_i64().unwrap());
    if let Some(r) = empty {
        let sheet = s
            .get(&pc, &format!("/api/inwoners/{r}/indicatoren"))
            .await
            .json();
        let has = sheet["waarden"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "laatst_gewerkt");
        let put = s
            .send(&pc, "PATCH", &format!("/api/inwoners/{r}/indicatoren"), Some(&json!({"lijst": sheet["lijst"]["geldig_vanaf"], "waarden": {"laatst_gewerkt": if has { Value::Null } else { json!("3") }}}).to_string()))
            .await;
        assert_eq!(put.status, 200, "{}", put.body);
        let after = row(
            &s.get(&tl, "/api/indicatoren/voortgang").await.json(),
            "laatst_gewerkt",
        );
        assert_eq!(after, if has { before - 1 } else { before + 1 });
    }
}

#[tokio::test]
async fn policy_staff_get_the_progress_as_figures_only() {
    let s = common::start().await;
    let bm = s.demo("bm.jansen").await;
    let tl = s.demo("tl.visser").await;
    let r = s.get(&bm, "/api/indicatoren/voortgang").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let municipality = r.json()["populatie_totaal"].as_i64().unwrap();
    let team = s.get(&tl, "/api/indicatoren/voortgang").await.json()["populatie_totaal"]
        .as_i64()
        .unwrap();
    assert!(municipality > team, "{municipality} against {team}");
    for key in ["\"id\"", "naam", "inwoner", "telefoon"] {
        assert!(!r.body.contains(key), "{key} on the wire");
    }
    for path in [
        "/api/indicatoren/inwoners",
        "/api/beoordeling/opdrachten",
        "/api/inwoners/1/indicatoren",
    ] {
        assert_eq!(s.get(&bm, path).await.status, 403, "{path}");
    }
}
