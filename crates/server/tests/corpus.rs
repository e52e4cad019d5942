//! A corpus of bad requests: malformed JSON, wrong types, unknown fields, huge bodies, absurd
//! dates, invalid BSNs, injection strings and missing CSRF tokens. Every one must get a 4xx
//! with a bilingual JSON message — never a 5xx, never a panic — and nothing may be stored.

mod common;

use common::*;
use serde_json::{json, Value};

struct Case {
    name: String,
    method: &'static str,
    path: String,
    body: Option<String>,
    csrf: bool,
    content_type: &'static str,
}

fn case(
    name: impl Into<String>,
    method: &'static str,
    path: impl Into<String>,
    body: Option<String>,
) -> Case {
    Case {
        name: name.into(),
        method,
        path: path.into(),
        body,
        csrf: true,
        content_type: "application/json",
    }
}

const INJECTIONS: &[&str] = &[
    "' OR 1=1 --",
    "1; DROP TABLE dossier",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "\u{202e}evil",
    "${jndi:ldap://x}",
    "{{7*7}}",
    "\\x00\\x01",
    "' UNION SELECT wachtwoord_hash FROM gebruiker --",
];

const MALFORMED: &[&str] = &[
    "",
    "{",
    "}",
    "[",
    "nul",
    "{\"a\":}",
    "{'single': 'quotes'}",
    "{\"a\": 1,}",
    "\u{0}",
    "{\"a\": \"unterminated}",
    "12345678901234567890123456789",
    "{\"a\": NaN}",
];

fn corpus(resident: i64) -> Vec<Case> {
    let mut v = Vec::new();
    let posts = [
        "/api/mutaties".to_string(),
        "/api/inwoners".to_string(),
        "/api/inzendingen".to_string(),
        "/api/sessie".to_string(),
        format!("/api/inwoners/{resident}/toewijzing"),
        "/api/inzendingen/1/koppelen".to_string(),
        "/api/gebruikers".to_string(),
    ];
    // Malformed JSON on every JSON endpoint.
    for p in &posts {
        for (i, m) in MALFORMED.iter().enumerate() {
            v.push(case(
                format!("malformed {i} {p}"),
                "POST",
                p.clone(),
                Some(m.to_string()),
            ));
        }
    }
    // Huge bodies, wrong content type, missing CSRF token.
    for p in &posts {
        v.push(case(
            format!("huge {p}"),
            "POST",
            p.clone(),
            Some(format!("{{\"x\": \"{}\"}}", "a".repeat(70_000))),
        ));
        let mut c = case(
            format!("form-encoded {p}"),
            "POST",
            p.clone(),
            Some("a=b".into()),
        );
        c.content_type = "application/x-www-form-urlencoded";
        v.push(c);
        if (!p.contains("inzendingen") || p.contains("koppelen")) && p != "/api/sessie" {
            let mut c = case(format!("no csrf {p}"), "POST", p.clone(), Some("{}".into()));
            c.csrf = false;
            v.push(c);
        }
    }
    let m = |f: Value| {
        let mut base = json!({"mutatie_id": "c-1", "soort": "gesprek", "id": "g-c", "inwoner_id": resident, "basis_versie": 0, "velden": {"datum": "2025-01-01", "soort": "voortgang", "verslag": "x"}});
        for (k, val) in f.as_object().unwrap() {
            base[k] = val.clone();
        }
        base.to_string()
    };
    // Wrong types and unknown fields in a mutation.
    for (field, bad) in [
        ("mutatie_id", json!(1)),
        ("mutatie_id", json!(null)),
        ("soort", json!("wachtwoord")),
        ("soort", json!(3)),
        ("id", json!([])),
        ("id", json!("")),
        ("inwoner_id", json!("x")),
        ("inwoner_id", json!(1.5)),
        ("basis_versie", json!(-1)),
        ("basis_versie", json!("0")),
        ("basis_versie", json!(99)),
        ("velden", json!([])),
        ("velden", json!("x")),
        ("velden", json!({})),
        ("extra", json!(true)),
        ("inwoner_id", json!(i64::MAX)),
    ] {
        v.push(case(
            format!("mutation {field}={bad}"),
            "POST",
            "/api/mutaties",
            Some(m(json!({field: bad}))),
        ));
    }
    // Absurd dates and values in every kind of record.
    let records: Vec<(&str, Value)> = vec![
        (
            "gesprek",
            json!({"datum": "0001-01-01", "soort": "voortgang", "verslag": "x"}),
        ),
        (
            "gesprek",
            json!({"datum": "9999-12-31", "soort": "voortgang", "verslag": "x"}),
        ),
        (
            "gesprek",
            json!({"datum": "2025-02-30", "soort": "voortgang", "verslag": "x"}),
        ),
        (
            "gesprek",
            json!({"datum": "gisteren", "soort": "voortgang", "verslag": "x"}),
        ),
        (
            "gesprek",
            json!({"datum": "2025-01-01", "soort": "voortgang", "verslag": ""}),
        ),
        (
            "gesprek",
            json!({"datum": "2025-01-01", "soort": "voortgang", "verslag": "x".repeat(6000)}),
        ),
        ("intake", json!({"datum": "1900-01-01"})),
        (
            "intake",
            json!({"datum": "2025-01-01", "domeinen": [{"domein": "geheim", "reden": "waarom niet"}]}),
        ),
        (
            "intake",
            json!({"datum": "2025-01-01", "domeinen": [{"domein": "justitie", "reden": ""}]}),
        ),
        (
            "intake",
            json!({"datum": "2025-01-01", "domeinen": [{"domein": "justitie", "reden": "nodig voor plan", "score": 0}]}),
        ),
        (
            "plan",
            json!({"datum": "2025-01-01", "doelen": [], "status": "actief"}),
        ),
        (
            "plan",
            json!({"datum": "2025-01-01", "doelen": [{"omschrijving": "Taalles"}], "status": "actief", "evaluatiedatum": "2200-01-01"}),
        ),
        (
            "activering",
            json!({"soort": "inzet_traject", "start": "2025-01-01"}),
        ),
        (
            "activering",
            json!({"soort": "mantelzorg", "start": "2025-01-01", "einde": "2024-01-01"}),
        ),
        (
            "activering",
            json!({"soort": "mantelzorg", "start": "2025-01-01", "uren_per_week": -3}),
        ),
        (
            "activering",
            json!({"soort": "mantelzorg", "start": "2025-01-01", "kosten_euro": 1e12}),
        ),
        (
            "overdracht",
            json!({"datum": "2025-01-01", "reden": "", "status": "aangemeld"}),
        ),
        (
            "overdracht",
            json!({"datum": "2025-01-01", "reden": "klaar", "status": "misschien"}),
        ),
        (
            "uitstroom",
            json!({"datum": "2025-01-01", "reden": "loterij"}),
        ),
        ("uitstroom", json!({"datum": "3025-01-01", "reden": "werk"})),
        ("meting", json!({"datum": "2025-01-01"})),
        (
            "meting",
            json!({"datum": "2025-01-01", "aanleiding": "intake", "feiten": {"peildatum": "2025-01-01", "sociale_contacten_per_week": -1}, "suggestie": {"trede": null, "traject": null}, "besluit": {"trede": 7, "traject": "zorg"}}),
        ),
        (
            "meting",
            json!({"datum": "2025-01-01", "aanleiding": "intake", "feiten": {"peildatum": "2025-01-01"}, "suggestie": {"trede": 1, "traject": "zorg"}, "besluit": {"trede": 300, "traject": "zorg"}}),
        ),
    ];
    for (i, (kind, fields)) in records.into_iter().enumerate() {
        let body = json!({"mutatie_id": format!("r-{i}"), "soort": kind, "id": format!("x-{i}"), "inwoner_id": resident, "basis_versie": 0, "velden": fields});
        v.push(case(
            format!("record {kind} {i}"),
            "POST",
            "/api/mutaties",
            Some(body.to_string()),
        ));
    }
    // Invalid BSNs and impossible resident data.
    for (i, bsn) in [
        "123456789",
        "12345678",
        "1234567890",
        "abcdefghi",
        "",
        "000000000x",
        "11122233",
        "999999999",
        "1 2 3",
        "-11222333",
    ]
    .iter()
    .enumerate()
    {
        let body = json!({"mutatie_id": format!("b-{i}"), "velden": {"naam": "Test", "bsn": bsn}});
        v.push(case(
            format!("bsn {bsn:?} register"),
            "POST",
            "/api/inwoners",
            Some(body.to_string()),
        ));
        let body = json!({"mutatie_id": format!("bp-{i}"), "soort": "inwoner", "id": resident.to_string(), "inwoner_id": resident, "basis_versie": 1, "velden": {"bsn": bsn}});
        v.push(case(
            format!("bsn {bsn:?} patch"),
            "POST",
            "/api/mutaties",
            Some(body.to_string()),
        ));
    }
    for (i, (field, val)) in [
        ("geboortedatum", json!("1800-01-01")),
        ("geboortedatum", json!("2030-01-01")),
        ("email", json!("geen adres")),
        ("telefoon", json!("bel maar")),
        ("wachtlijst", json!("morgen")),
        ("naam", json!("")),
        ("naam", json!("x".repeat(500))),
    ]
    .into_iter()
    .enumerate()
    {
        let body = json!({"mutatie_id": format!("rv-{i}"), "velden": {"naam": "Test", field: val}});
        v.push(case(
            format!("resident {field}"),
            "POST",
            "/api/inwoners",
            Some(body.to_string()),
        ));
    }
    // Injection strings where ids, keys and numbers go.
    for (i, s) in INJECTIONS.iter().enumerate() {
        v.push(case(
            format!("injection id {i}"),
            "POST",
            "/api/mutaties",
            Some(m(json!({"id": s, "mutatie_id": format!("i-{i}")}))),
        ));
        v.push(case(
            format!("injection mutation id {i}"),
            "POST",
            "/api/mutaties",
            Some(m(json!({"mutatie_id": s}))),
        ));
        v.push(case(
            format!("injection kind {i}"),
            "POST",
            "/api/mutaties",
            Some(m(json!({"soort": s}))),
        ));
        v.push(case(
            format!("injection key {i}"),
            "POST",
            "/api/inzendingen",
            Some(json!({"sleutel": s, "inzending": {}}).to_string()),
        ));
        let q: String = s.bytes().map(|b| format!("%{b:02X}")).collect();
        v.push(case(
            format!("injection cursor {i}"),
            "GET",
            format!("/api/wijzigingen?sinds={q}"),
            None,
        ));
        v.push(case(
            format!("injection path {i}"),
            "GET",
            format!("/api/inwoners/{q}"),
            None,
        ));
    }
    // Bad query strings and paths.
    for q in [
        "sinds=abc",
        "limiet=-5",
        "limiet=100000000",
        "sinds=1e9999",
        "onbekend=1",
        "sinds=99999999999999999999",
    ] {
        v.push(case(
            format!("feed {q}"),
            "GET",
            format!("/api/wijzigingen?{q}"),
            None,
        ));
    }
    for q in ["limiet=0", "na=x", "inwoner=abc", "limiet=99999"] {
        v.push(case(
            format!("audit {q}"),
            "GET",
            format!("/api/audit?{q}"),
            None,
        ));
    }
    for p in [
        "/api/inwoners/abc",
        "/api/inwoners/-1",
        "/api/inwoners/99999999",
        "/api/inwoners/1.5/dossier",
        "/api/bestaat-niet",
        "/api/inzendingen/x/koppelen",
    ] {
        v.push(case(format!("path {p}"), "GET", p, None));
    }
    v.push(case(
        "wrong method",
        "PUT",
        "/api/mutaties",
        Some("{}".into()),
    ));
    v.push(case(
        "wrong method delete",
        "DELETE",
        "/api/wijzigingen",
        None,
    ));
    // Submissions with wrong types.
    for (i, f) in [json!({"taal": "fr"}), json!({"taal": "nl", "contact": 1}), json!({"taal": "nl", "nu": "alles"}), json!({"taal": "nl", "nu": [{"soort": "slapen", "hoe_vaak": "elke_dag"}]}), json!({"taal": "nl", "contact": {"naam": "A", "geboortedatum": "1-1-1980", "manier": "telefoon"}})].into_iter().enumerate() {
        v.push(case(format!("submission {i}"), "POST", "/api/inzendingen", Some(json!({"sleutel": format!("{i:0>40}"), "inzending": f}).to_string())));
    }
    // Sign-in with wrong types.
    for (i, b) in [
        json!({"gebruikersnaam": 1, "wachtwoord": "x"}),
        json!({"gebruikersnaam": "a"}),
        json!({"gebruikersnaam": "a".repeat(500), "wachtwoord": "x"}),
        json!([]),
    ]
    .into_iter()
    .enumerate()
    {
        v.push(case(
            format!("sign-in {i}"),
            "POST",
            "/api/sessie",
            Some(b.to_string()),
        ));
    }
    v
}

#[tokio::test]
async fn every_bad_request_gets_a_clear_4xx_and_nothing_is_stored() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let resident = s.first_resident(&pc).await;
    let count = |s: &Server| -> (i64, i64, i64) {
        s.state.db.lock().unwrap().query_row(
            "SELECT (SELECT COUNT(*) FROM dossier), (SELECT COUNT(*) FROM inzending), (SELECT COUNT(*) FROM inwoner)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        ).unwrap()
    };
    let before = count(&s);
    let cases = corpus(resident);
    assert!(cases.len() >= 200, "corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let mut headers: Vec<(&str, &str)> =
            vec![("Cookie", &pc.cookie), ("Content-Type", c.content_type)];
        if c.csrf {
            headers.push(("X-CSRF-Token", &pc.csrf));
        }
        let r = http(s.addr, c.method, &c.path, &headers, c.body.as_deref()).await;
        let message = serde_json::from_str::<Value>(&r.body)
            .ok()
            .and_then(|v| v["fout"]["nl"].as_str().map(str::to_string))
            .filter(|m| !m.is_empty());
        if !(400..500).contains(&r.status) || message.is_none() {
            failures.push(format!(
                "{}: {} {}",
                c.name,
                r.status,
                r.body.chars().take(200).collect::<String>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert_eq!(count(&s), before, "no bad request stored anything");
    println!(
        "corpus: {} bad requests, all 4xx with a Dutch message",
        cases.len()
    );
    // The server is still healthy.
    assert_eq!(s.get(&pc, "/api/gezondheid").await.status, 200);
}
