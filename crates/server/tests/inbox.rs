//! The public submission endpoint and the consultants' inbox, over real HTTP.

mod common;

use common::*;
use serde_json::{json, Value};

fn form() -> Value {
    json!({
        "taal": "nl",
        "nu": [{"soort": "contacten", "hoe_vaak": "elke_week"}],
        "wil": ["vrijwilligerswerk"],
        "moeilijk": ["taal"],
        "contact": {"naam": "Fatima B.", "geboortedatum": "1979-04-02", "manier": "telefoon", "telefoon": "06 12345678", "wanneer": ["ochtend"]}
    })
}

fn key(n: u32) -> String {
    format!("{n:0>40}")
}

async fn receipt(s: &Server, key: &str) -> Res {
    http(
        s.addr,
        "GET",
        "/api/inzendingen/ontvangstbewijs",
        &[("x-inzending-sleutel", key)],
        None,
    )
    .await
}

async fn public_post(s: &Server, body: &str) -> Res {
    http(
        s.addr,
        "POST",
        "/api/inzendingen",
        &[("Content-Type", "application/json")],
        Some(body),
    )
    .await
}

#[tokio::test]
async fn a_submission_is_delivered_once_and_only_its_key_reads_it_back() {
    let s = start().await;
    let body = json!({"sleutel": key(1), "inzending": form()}).to_string();
    let r = public_post(&s, &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    let reference = v["referentie"].as_str().unwrap().to_string();
    assert!(
        reference.starts_with("MD-") && reference.len() == 12,
        "{reference}"
    );
    assert!(v["wat_nu"]["nl"].as_str().unwrap().contains("10 werkdagen"));
    // The network failed after delivery and the form retries: same reference, stored once.
    let again = public_post(&s, &body).await;
    assert_eq!(
        (again.status, again.json()["referentie"].as_str()),
        (200, Some(reference.as_str()))
    );
    let n: i64 = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row("SELECT COUNT(*) FROM inzending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    // Receipt: with the key only (in a header, never in the URL).
    let r = receipt(&s, &key(1)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["inzending"]["contact"]["naam"], "Fatima B.");
    assert_eq!(r.json()["status"], "ontvangen");
    let r = receipt(&s, &key(2)).await;
    assert_eq!(r.status, 404);
    let r = http(s.addr, "GET", "/api/inzendingen/ontvangstbewijs", &[], None).await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("sleutel"))
    );
    // Nobody reads the inbox without signing in.
    let r = http(s.addr, "GET", "/api/inzendingen", &[], None).await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn bad_and_oversized_submissions_are_refused_with_clear_messages() {
    let s = start().await;
    let mut f = form();
    f["contact"]["telefoon"] = json!("");
    f["contact"]["geboortedatum"] = json!("2030-01-01");
    let r = public_post(&s, &json!({"sleutel": key(3), "inzending": f}).to_string()).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let fields: Vec<String> = r.json()["fouten"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["veld"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["contact.geboortedatum", "contact.telefoon"]);
    let r = public_post(
        &s,
        &json!({"sleutel": "kort", "inzending": form()}).to_string(),
    )
    .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].clone()),
        (422, json!("sleutel"))
    );
    let mut f = form();
    f["wil_toelichting"] = json!("x".repeat(20_000));
    let r = public_post(&s, &json!({"sleutel": key(4), "inzending": f}).to_string()).await;
    assert_eq!(r.status, 413);
    assert!(r.json()["fout"]["nl"]
        .as_str()
        .unwrap()
        .contains("te groot"));
    let r = public_post(
        &s,
        &json!({"sleutel": key(5), "inzending": form(), "extra": 1}).to_string(),
    )
    .await;
    assert_eq!(r.status, 422);
    let n: i64 = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row("SELECT COUNT(*) FROM inzending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "nothing invalid is stored");
}

#[tokio::test]
async fn submissions_from_one_address_are_rate_limited() {
    let s = start().await;
    let mut statuses = Vec::new();
    for n in 0..12 {
        let r = public_post(
            &s,
            &json!({"sleutel": key(100 + n), "inzending": form()}).to_string(),
        )
        .await;
        statuses.push(r.status);
    }
    assert_eq!(&statuses[..10], &[201; 10]);
    assert_eq!(&statuses[10..], &[429, 429]);
    // A retry of an earlier delivery is still answered.
    let r = public_post(
        &s,
        &json!({"sleutel": key(100), "inzending": form()}).to_string(),
    )
    .await;
    assert_eq!(r.status, 200);
    // After the window, new submissions are accepted again.
    s.advance(11);
    let r = public_post(
        &s,
        &json!({"sleutel": key(200), "inzending": form()}).to_string(),
    )
    .await;
    assert_eq!(r.status, 201);
}

#[tokio::test]
async fn the_inbox_shows_submissions_to_the_team_and_links_them_to_a_resident() {
    let s = start().await;
    let r = public_post(
        &s,
        &json!({"sleutel": key(7), "inzending": form()}).to_string(),
    )
    .await;
    assert_eq!(r.status, 201);
    let pc = s.demo("pc.ramdin").await;
    let inbox = s.get(&pc, "/api/inzendingen").await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    let item = inbox.json()["inzendingen"][0].clone();
    assert_eq!(item["inzending"]["wil"][0], "vrijwilligerswerk");
    assert_eq!(item["inwoner_id"], Value::Null);
    let id = item["id"].as_i64().unwrap();
    let wc = s.demo("wc.bakker").await;
    assert_eq!(s.get(&wc, "/api/inzendingen").await.status, 403);
    let resident = s.first_resident(&pc).await;
    let r = s
        .post(
            &pc,
            &format!("/api/inzendingen/{id}/koppelen"),
            &json!({"inwoner_id": 999_999}).to_string(),
        )
        .await;
    assert_eq!(r.status, 404);
    let r = s
        .post(
            &pc,
            &format!("/api/inzendingen/{id}/koppelen"),
            &json!({"inwoner_id": resident}).to_string(),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.body);
    let r = receipt(&s, &key(7)).await;
    assert_eq!(r.json()["status"], "in_behandeling");
}
