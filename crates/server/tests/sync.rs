//! Sync over real HTTP against a real SQLite file: change feed, field-level writes, conflicts,
//! merges, replayed mutations, visibility after reassignment, audit entries for writes, and
//! domain validation as 422 with every field.

mod common;

use common::*;
use serde_json::{json, Value};

async fn feed_all(s: &Server, c: &Client, since: i64, page: i64) -> (Vec<Value>, Vec<Value>, i64) {
    let (mut records, mut gone, mut cursor) = (Vec::new(), Vec::new(), since);
    loop {
        let r = s
            .get(c, &format!("/api/wijzigingen?sinds={cursor}&limiet={page}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        records.extend(v["wijzigingen"].as_array().unwrap().iter().cloned());
        gone.extend(v["vervallen"].as_array().unwrap().iter().cloned());
        let tot = v["tot"].as_i64().unwrap();
        assert!(tot >= cursor, "the cursor never goes back");
        cursor = tot;
        if !v["meer"].as_bool().unwrap() {
            return (records, gone, cursor);
        }
    }
}

fn talk(text: &str) -> Value {
    json!({"datum": "2025-06-02", "soort": "voortgang", "verslag": text})
}

#[tokio::test]
async fn first_sync_pages_through_exactly_the_callers_caseload_and_is_audited() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let caseload: Vec<i64> = s.get(&pc, "/api/inwoners").await.json()["inwoners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    let (records, gone, cursor) = feed_all(&s, &pc, 0, 97).await;
    assert!(gone.is_empty());
    assert!(records.len() > caseload.len(), "histories come along");
    let seqs: Vec<i64> = records
        .iter()
        .map(|r| r["volgnummer"].as_i64().unwrap())
        .collect();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "ordered, no duplicates across pages"
    );
    for r in &records {
        assert!(caseload.contains(&r["inwoner_id"].as_i64().unwrap()), "{r}");
    }
    let residents: std::collections::BTreeSet<i64> = records
        .iter()
        .filter(|r| r["soort"] == "inwoner")
        .map(|r| r["inwoner_id"].as_i64().unwrap())
        .collect();
    assert_eq!(residents.len(), caseload.len());
    // Nothing new: an empty page at the same cursor.
    let (again, _, same) = feed_all(&s, &pc, cursor, 500).await;
    assert!(again.is_empty());
    assert_eq!(same, cursor);
    // Each resident read through the feed has an audit entry.
    let audited: i64 = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row(
            "SELECT COUNT(DISTINCT inwoner_id) FROM audit WHERE gebruiker = 'pc.ramdin' AND object_soort = 'dossier' AND actie = 'lezen'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited as usize, caseload.len());
    // Administrators see no case content; bad cursors are named.
    let admin = s.demo("beheer").await;
    assert_eq!(s.get(&admin, "/api/wijzigingen").await.status, 403);
    let r = s.get(&pc, "/api/wijzigingen?sinds=-1").await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("sinds"))
    );
    let r = s.get(&pc, "/api/wijzigingen?limiet=0").await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("limiet"))
    );
}

#[tokio::test]
async fn round_trip_conflict_merge_and_replay() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let resident = s.first_resident(&pc).await;
    let (_, _, cursor) = feed_all(&s, &pc, 0, 5000).await;

    // Create: 201, then it comes back through the feed.
    let r = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation("m1", "gesprek", "g-1", resident, 0, talk("Eerste gesprek.")),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["record"]["versie"], 1);
    let (new, _, cursor2) = feed_all(&s, &pc, cursor, 100).await;
    assert_eq!(new.len(), 1);
    assert_eq!(new[0]["velden"]["verslag"], "Eerste gesprek.");

    // Replayed offline queue: the same mutation id is applied once and answered alike.
    let again = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation("m1", "gesprek", "g-1", resident, 0, talk("Eerste gesprek.")),
        )
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["herhaald"], true);
    assert_eq!(again.json()["record"], r.json()["record"]);
    let (none, _, _) = feed_all(&s, &pc, cursor2, 100).await;
    assert!(none.is_empty(), "a replay writes nothing");

    // Two devices edit version 1: different fields merge...
    let a = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation(
                "m2",
                "gesprek",
                "g-1",
                resident,
                1,
                json!({"verslag": "Verslag aangevuld op de laptop."}),
            ),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let b = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation(
                "m3",
                "gesprek",
                "g-1",
                resident,
                1,
                json!({"soort": "evaluatie"}),
            ),
        )
        .await;
    assert_eq!(b.status, 200, "{}", b.body);
    let merged = &b.json()["record"];
    assert_eq!(merged["versie"], 3);
    assert_eq!(
        merged["velden"]["verslag"],
        "Verslag aangevuld op de laptop."
    );
    assert_eq!(merged["velden"]["soort"], "evaluatie");

    // ...the same field on a stale base is a 409 with the server's value, and nothing changes.
    let c = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation(
                "m4",
                "gesprek",
                "g-1",
                resident,
                1,
                json!({"verslag": "Verslag van de telefoon."}),
            ),
        )
        .await;
    assert_eq!(c.status, 409, "{}", c.body);
    let v = c.json();
    assert_eq!(v["conflicten"][0]["veld"], "verslag");
    assert_eq!(
        v["conflicten"][0]["server_waarde"],
        "Verslag aangevuld op de laptop."
    );
    assert_eq!(v["conflicten"][0]["uw_waarde"], "Verslag van de telefoon.");
    assert_eq!(v["server"]["versie"], 3);
    assert!(v["fout"]["nl"].as_str().unwrap().contains("verslag"));
    // The same value as the server's is no conflict (devices converge).
    let d = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation(
                "m5",
                "gesprek",
                "g-1",
                resident,
                1,
                json!({"verslag": "Verslag aangevuld op de laptop."}),
            ),
        )
        .await;
    assert_eq!(d.status, 200, "{}", d.body);
    assert_eq!(d.json()["record"]["versie"], 3);
    // After resolving, on the current base, it is accepted.
    let e = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation(
                "m6",
                "gesprek",
                "g-1",
                resident,
                3,
                json!({"verslag": "Verslag van de telefoon."}),
            ),
        )
        .await;
    assert_eq!(e.status, 200);
    assert_eq!(e.json()["record"]["versie"], 4);

    // Writes are audited with the changed fields and the data subject.
    let conn = s.state.db.lock().unwrap();
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT actie, velden FROM audit WHERE object_soort = 'gesprek' AND object_id = 'g-1' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            ("aanmaken".into(), r#"["datum","soort","verslag"]"#.into()),
            ("wijzigen".into(), r#"["verslag"]"#.into()),
            ("wijzigen".into(), r#"["soort"]"#.into()),
            ("wijzigen".into(), r#"["verslag"]"#.into()),
        ]
    );
}

#[tokio::test]
async fn writes_are_checked_by_the_domain_rules() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let resident = s.first_resident(&pc).await;
    // Every problem of the merged record is listed with its field, in Dutch and English.
    let r = s
        .post(&pc, "/api/mutaties", &mutation("v1", "plan", "p-1", resident, 0, json!({"datum": "2099-01-01", "doelen": [{"omschrijving": ""}], "status": "actief"})))
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let fields: Vec<String> = r.json()["fouten"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["veld"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["datum", "doelen[0].omschrijving"]);
    // A measurement whose suggestion is not what the rules say is refused.
    let facts = json!({"peildatum": "2025-06-02", "betaald_werk": {"soort": "geen"}, "onbetaald_werk": [], "mantelzorg_uren_per_week": 0, "dagbesteding": "geen", "georganiseerde_activiteiten_per_week": 0, "sociale_contacten_per_week": 0, "in_bijstand_sinds": "2020-01-01", "gereedheid": "later"});
    let r = s
        .post(&pc, "/api/mutaties", &mutation("v2", "meting", "me-1", resident, 0, json!({"datum": "2025-06-02", "aanleiding": "tussentijds", "feiten": facts, "suggestie": {"trede": 6, "traject": "werk"}, "besluit": {"trede": 6, "traject": "werk"}})))
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("suggestie"))
    );
    // BSN with the 11-check on the resident record; unknown fields are named.
    let r = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation(
                "v3",
                "inwoner",
                &resident.to_string(),
                resident,
                1,
                json!({"bsn": "123456789"}),
            ),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let r = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation(
                "v4",
                "gesprek",
                "g-9",
                resident,
                0,
                json!({"datum": "2025-01-01", "wachtwoord": "x"}),
            ),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("velden.wachtwoord"))
    );
    // Placements belong to the WSP; someone else's resident is not found.
    let r = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation("v5", "plaatsing", "pl-1", resident, 0, json!({})),
        )
        .await;
    assert_eq!(r.status, 403);
    let other = s.demo("pc.devries").await;
    let r = s
        .post(
            &other,
            "/api/mutaties",
            &mutation("v6", "gesprek", "g-8", resident, 0, talk("x")),
        )
        .await;
    assert_eq!(r.status, 404);
    // Nothing invalid was stored.
    let conn = s.state.db.lock().unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM dossier WHERE id IN ('p-1', 'me-1', 'g-9', 'pl-1', 'g-8')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn reassignment_moves_the_file_through_the_feed() {
    let s = start().await;
    let lead = s.demo("tl.visser").await;
    let (a, b) = (s.demo("pc.ramdin").await, s.demo("pc.devries").await);
    let resident = s.first_resident(&a).await;
    let (_, _, ca) = feed_all(&s, &a, 0, 5000).await;
    let (_, _, cb) = feed_all(&s, &b, 0, 5000).await;
    let users = s.get(&lead, "/api/gebruikers").await.json();
    let b_id = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["gebruikersnaam"] == "pc.devries")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    // A consultant cannot move someone else's resident; the team lead can.
    let body = json!({"consulent_id": b_id}).to_string();
    assert_eq!(
        s.post(&b, &format!("/api/inwoners/{resident}/toewijzing"), &body)
            .await
            .status,
        404
    );
    let r = s
        .post(
            &lead,
            &format!("/api/inwoners/{resident}/toewijzing"),
            &body,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The new consultant receives the whole file; the old one is told to drop it.
    let (got, _, _) = feed_all(&s, &b, cb, 1000).await;
    assert!(got
        .iter()
        .any(|r| r["soort"] == "inwoner" && r["inwoner_id"] == resident));
    assert!(got.iter().all(|r| r["inwoner_id"] == resident));
    let (rest, gone, _) = feed_all(&s, &a, ca, 1000).await;
    assert!(rest.is_empty());
    assert_eq!(
        gone,
        [json!({"volgnummer": gone[0]["volgnummer"], "inwoner_id": resident})]
    );
    // Back to the waiting list, then a consultant picks them up within the norm.
    let r = s
        .post(
            &lead,
            &format!("/api/inwoners/{resident}/toewijzing"),
            &json!({"consulent_id": null}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200);
    let me = s.get(&a, "/api/sessie").await.json()["gebruiker"]["id"]
        .as_i64()
        .unwrap();
    let r = s
        .post(
            &a,
            &format!("/api/inwoners/{resident}/toewijzing"),
            &json!({"consulent_id": me}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The norm is enforced.
    s.state
        .db
        .lock()
        .unwrap()
        .execute("UPDATE gemeente SET caseload_norm = 1", [])
        .unwrap();
    let waiting: i64 = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row(
            "SELECT id FROM inwoner WHERE consulent_id IS NULL AND team = 'participatie' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let r = s
        .post(
            &b,
            &format!("/api/inwoners/{waiting}/toewijzing"),
            &json!({"consulent_id": b_id}).to_string(),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (409, json!("consulent_id"))
    );
    assert!(r.json()["fout"]["nl"].as_str().unwrap().contains("vol"));
}

#[tokio::test]
async fn registering_a_resident() {
    let s = start().await;
    let pc = s.demo("pc.elamrani").await;
    let body = json!({"mutatie_id": "reg-1", "velden": {"naam": "Nieuwe Instroom", "bsn": "10000008", "in_bijstand_sinds": "2025-10-01"}}).to_string();
    let r = s.post(&pc, "/api/inwoners", &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["record"]["inwoner_id"].as_i64().unwrap();
    let again = s.post(&pc, "/api/inwoners", &body).await;
    assert_eq!(again.json()["record"]["inwoner_id"], id, "registered once");
    let r = s.get(&pc, &format!("/api/inwoners/{id}/dossier")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["records"][0]["velden"]["bsn"], "10000008");
    let bad =
        json!({"mutatie_id": "reg-2", "velden": {"naam": "X", "bsn": "12345678a"}}).to_string();
    let r = s.post(&pc, "/api/inwoners", &bad).await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("bsn"))
    );
}

#[tokio::test]
async fn placements_are_written_by_the_wsp_and_team_leads_only_read() {
    let s = start().await;
    let wc = s.demo("wc.bakker").await;
    let resident = s.first_resident(&wc).await;
    let placement = json!({"start": "2025-03-03", "werkgever": "Bouwbedrijf Ypenburg", "contract": "dienstverband", "uren_per_week": 32, "sroi": true});
    let r = s
        .post(
            &wc,
            "/api/mutaties",
            &mutation("w1", "plaatsing", "pl-9", resident, 0, placement.clone()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let lead = s.demo("tl.visser").await;
    let r = s
        .post(
            &lead,
            "/api/mutaties",
            &mutation("t1", "gesprek", "g-t", resident, 0, talk("x")),
        )
        .await;
    assert_eq!(r.status, 403);
    let admin = s.demo("beheer").await;
    let r = s
        .post(
            &admin,
            "/api/mutaties",
            &mutation("a1", "gesprek", "g-a", resident, 0, talk("x")),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = s
        .get(&admin, &format!("/api/inwoners/{resident}/dossier"))
        .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn the_waiting_list_puts_new_inflow_at_low_steps_first_and_a_pick_up_moves_the_resident() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let r = s.get(&pc, "/api/wachtlijst").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let list = v["inwoners"].as_array().unwrap();
    assert!(!list.is_empty(), "the demo team has residents waiting");
    assert_eq!(v["norm"], 85);
    // Ordered by the flow table's priority (1 first; 0 and unknown last).
    let prio: Vec<u64> = list
        .iter()
        .map(|w| match w["prioriteit"].as_u64() {
            Some(0) | None => u64::MAX,
            Some(p) => p,
        })
        .collect();
    assert!(prio.windows(2).all(|w| w[0] <= w[1]), "{prio:?}");
    // Only what the choice needs: no BSN, no contact details.
    assert!(list[0].get("bsn").is_none() && list[0].get("telefoon").is_none());
    // Picking the first one up moves them out of the list and into the caseload's feed.
    let first = list[0]["id"].as_i64().unwrap();
    let me = s.get(&pc, "/api/sessie").await.json()["gebruiker"]["id"].clone();
    let r = s
        .post(
            &pc,
            &format!("/api/inwoners/{first}/toewijzing"),
            &json!({"consulent_id": me}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let after = s.get(&pc, "/api/wachtlijst").await.json();
    assert!(!after["inwoners"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["id"] == first));
    assert_eq!(
        after["eigen_caseload"].as_i64().unwrap(),
        v["eigen_caseload"].as_i64().unwrap() + 1
    );
    // The reads were audited for allocation.
    let n: i64 = s.count("SELECT COUNT(*) FROM audit WHERE object_soort = 'wachtlijst'");
    assert!(n >= list.len() as i64);
    // A consultant sees no colleagues' loads; the team lead does, to allocate within the norm.
    assert_eq!(v["consulenten"], json!([]));
    let lead = s.demo("tl.visser").await;
    let t = s.get(&lead, "/api/wachtlijst").await.json();
    let team = t["consulenten"].as_array().unwrap();
    let ramdin = team
        .iter()
        .find(|c| c["id"] == me)
        .expect("the consultant is in the lead's team");
    assert_eq!(ramdin["caseload"], after["eigen_caseload"]);
    assert!(team
        .iter()
        .all(|c| c["rol"] == "participatieconsulent" || c["rol"] == "werkconsulent"));
    let next = t["inwoners"][0]["id"].as_i64().unwrap();
    let r = s
        .post(
            &lead,
            &format!("/api/inwoners/{next}/toewijzing"),
            &json!({"consulent_id": me}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let t2 = s.get(&lead, "/api/wachtlijst").await.json();
    let ramdin = t2["consulenten"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == me)
        .unwrap()
        .clone();
    assert_eq!(
        ramdin["caseload"].as_i64().unwrap(),
        after["eigen_caseload"].as_i64().unwrap() + 1
    );
}

/// Issue 12: a field added to a record kind in the domain crate (the programme or pilot of an
/// activation) is accepted, checked and sent back by the server with no server change.
#[tokio::test]
async fn a_field_added_in_the_domain_is_stored_checked_and_synced() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let resident = s.first_resident(&pc).await;
    let activation = json!({"soort": "vrijwilligerswerk", "start": "2025-03-03", "programma": "Snel aan de slag"});
    let r = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation("pg-1", "activering", "ac-pg", resident, 0, activation),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.json()["record"]["velden"]["programma"],
        "Snel aan de slag"
    );
    let (records, _, _) = feed_all(&s, &pc, 0, 5000).await;
    let synced = records.iter().find(|x| x["id"] == "ac-pg").unwrap();
    assert_eq!(synced["velden"]["programma"], "Snel aan de slag");
    // Its bound (the field table says at most 100 characters) is enforced on the field.
    let r = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation(
                "pg-2",
                "activering",
                "ac-pg",
                resident,
                1,
                json!({"programma": "x".repeat(101)}),
            ),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("programma"))
    );
}
