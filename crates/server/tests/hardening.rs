//! Hardening (issue 18, first slice) against the real router: one JSON object and nothing after
//! it; paths no file can have answer 404 or 414, never 500; text with no visible character or
//! with a bidirectional override is refused with the field named; a mutation id reused with
//! other content is refused and nothing is saved, the same content still replays.

mod common;

use common::*;
use serde_json::json;

fn talk(text: &str) -> serde_json::Value {
    json!({"datum": "2025-06-02", "soort": "voortgang", "verslag": text})
}

#[tokio::test]
async fn trailing_data_and_arrays_are_refused_and_nothing_is_applied() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let resident = s.first_resident(&pc).await;
    let good = mutation("t-1", "gesprek", "g-t1", resident, 0, talk("Gesprek."));
    let before = s.count("SELECT COUNT(*) FROM dossier");
    for body in [
        format!("{good}}}{{\"extra\":1}}"),
        format!("{good}85"),
        format!("{good}]]garbage"),
    ] {
        let r = s.post(&pc, "/api/mutaties", &body).await;
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        assert!(r.json()["fout"]["en"]
            .as_str()
            .unwrap()
            .contains("exactly one object"));
    }
    assert_eq!(
        s.count("SELECT COUNT(*) FROM dossier"),
        before,
        "nothing stored"
    );
    // An array where an object is expected does not sign in.
    let r = http(
        s.addr,
        "POST",
        "/api/sessie",
        &[("Content-Type", "application/json")],
        Some(r#"["pc.ramdin","demo-participatie-1"]"#),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.header("set-cookie").is_none());
    let r = http(
        s.addr,
        "POST",
        "/api/sessie",
        &[("Content-Type", "application/json")],
        Some(r#"{"gebruikersnaam":"pc.ramdin","wachtwoord":"demo-participatie-1"}]]garbage"#),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    // The administrator's norm with a number after it is not applied.
    let admin = s.demo("beheer").await;
    let r = s
        .post(
            &admin,
            "/api/gemeente/caseload-norm",
            r#"{"caseload_norm":90}90"#,
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(s.count("SELECT caseload_norm FROM gemeente"), 85);
}

#[tokio::test]
async fn long_paths_are_404_or_414_never_500() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>t</title>",
    )
    .unwrap();
    let s = start_serving(Some(dist.path().to_path_buf())).await;
    let addr = s.addr;
    for (path, want) in [
        (format!("/{}.js", "a".repeat(300)), 404),
        (format!("/assets/{}", "b".repeat(256)), 404),
        (format!("/api/{}", "c".repeat(400)), 404),
        (format!("/{}", "d/".repeat(1100)), 414),
    ] {
        let r = http(addr, "GET", &path, &[], None).await;
        assert_eq!(r.status, want, "{} chars: {}", path.len(), r.body);
        assert!(r.json()["fout"]["nl"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
        assert!(
            r.header("x-content-type-options").is_some(),
            "headers on refusals too"
        );
    }
    // A long but possible name is still the app (SPA fallback).
    let r = http(addr, "GET", &format!("/{}", "e".repeat(200)), &[], None).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn invisible_or_direction_reversing_text_is_refused_naming_the_field() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let resident = s.first_resident(&pc).await;
    for (n, text) in [
        "\u{200B}\u{200B}\u{200B}",
        "\u{FEFF}\u{2060}",
        "Goed \u{202E}dravs",
    ]
    .into_iter()
    .enumerate()
    {
        let r = s
            .post(
                &pc,
                "/api/mutaties",
                &mutation(
                    &format!("i-{n}"),
                    "gesprek",
                    &format!("g-i{n}"),
                    resident,
                    0,
                    talk(text),
                ),
            )
            .await;
        assert_eq!(r.status, 422, "{text:?}: {}", r.body);
        assert!(r.body.contains("verslag"), "{}", r.body);
    }
    // A resident's name with an override is refused too.
    let r = s
        .post(
            &pc,
            "/api/inwoners",
            &json!({"mutatie_id": "reg-1", "velden": {"naam": "Jan \u{202E}NAMREH"}}).to_string(),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body.contains("naam") && r.body.contains("leesrichting"),
        "{}",
        r.body
    );
    assert_eq!(
        s.count("SELECT COUNT(*) FROM dossier WHERE id LIKE 'g-i%'"),
        0
    );
}

#[tokio::test]
async fn a_reused_mutation_id_with_other_content_is_refused() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let resident = s.first_resident(&pc).await;
    let first = mutation(
        "r-1",
        "gesprek",
        "g-r1",
        resident,
        0,
        talk("Eerste versie."),
    );
    let r = s.post(&pc, "/api/mutaties", &first).await;
    assert_eq!(r.status, 201, "{}", r.body);
    // The same content again: the first answer (a replay).
    let r = s.post(&pc, "/api/mutaties", &first).await;
    assert_eq!((r.status, r.json()["herhaald"].clone()), (200, json!(true)));
    // The same id with other content: refused, naming the id, nothing changed.
    let other = mutation(
        "r-1",
        "gesprek",
        "g-r1",
        resident,
        0,
        talk("Andere inhoud."),
    );
    let r = s.post(&pc, "/api/mutaties", &other).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["fout"]["veld"], "mutatie_id");
    let stored: String = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row("SELECT velden FROM dossier WHERE id = 'g-r1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(stored.contains("Eerste versie."), "{stored}");
}

#[tokio::test]
async fn assignment_answers_alike_for_invisible_and_missing_residents() {
    let s = start().await;
    // A resident of the WSP team is outside the participation team lead's and consultant's view.
    let outside = s.count("SELECT MIN(id) FROM inwoner WHERE team = 'wsp'");
    let missing = 999_999;
    let tl = s.demo("tl.visser").await;
    let pc = s.demo("pc.ramdin").await;
    let admin = s.demo("beheer").await;
    let bm = s.demo("bm.jansen").await;
    for body in [
        json!({"consulent_id": 999_999}),
        json!({"consulent_id": 1}),
        json!({"consulent_id": null}),
    ] {
        // Team leads and consultants: 404; the administrator and policy staff: 403; each the
        // same answer, byte for byte, for both residents.
        for (c, want) in [(&tl, 404), (&pc, 404), (&admin, 403), (&bm, 403)] {
            let text = body.to_string();
            let path = |resident: i64| format!("/api/inwoners/{resident}/toewijzing");
            let (a, b) = (
                s.post(c, &path(outside), &text).await,
                s.post(c, &path(missing), &text).await,
            );
            assert_eq!(
                (a.status, a.body.clone()),
                (b.status, b.body.clone()),
                "{body}"
            );
            assert_eq!(a.status, want, "{body}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_passwords_at_the_same_moment_are_all_counted_and_lock_the_account() {
    // The hash is checked without the database lock, so attempts overlap; each still counts.
    let s = start().await;
    let addr = s.addr;
    let attempts: Vec<_> = (0..5)
        .map(|_| {
            tokio::spawn(async move {
                let body = json!({"gebruikersnaam": "pc.devries", "wachtwoord": "fout-fout-fout"})
                    .to_string();
                http(
                    addr,
                    "POST",
                    "/api/sessie",
                    &[("Content-Type", "application/json")],
                    Some(&body),
                )
                .await
                .status
            })
        })
        .collect();
    for a in attempts {
        assert_eq!(a.await.unwrap(), 401);
    }
    assert_eq!(
        s.count("SELECT mislukte_pogingen FROM gebruiker WHERE gebruikersnaam = 'pc.devries'"),
        5
    );
    let r = s
        .sign_in("pc.devries", "demo-participatie-2")
        .await
        .err()
        .expect("locked");
    assert_eq!(r.status, 423, "{}", r.body);
    // Another account is untouched and signs in while this one is locked.
    s.demo("pc.ramdin").await;
}

#[tokio::test]
async fn behind_tls_the_session_cookie_is_host_prefixed_and_secure() {
    let s = start_secure().await;
    let body =
        json!({"gebruikersnaam": "pc.ramdin", "wachtwoord": "demo-participatie-1"}).to_string();
    let r = http(
        s.addr,
        "POST",
        "/api/sessie",
        &[("Content-Type", "application/json")],
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 200);
    let set = r.header("set-cookie").unwrap();
    assert!(set.starts_with("__Host-meedoen_sessie="), "{set}");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
        assert!(set.contains(part), "{part}: {set}");
    }
    assert!(!set.contains("Domain"), "{set}");
    let pair = set.split(';').next().unwrap().to_string();
    let token = pair.split_once('=').unwrap().1;
    // The same token under the name without the prefix is not a session here.
    let plain = format!("meedoen_sessie={token}");
    assert_eq!(
        http(s.addr, "GET", "/api/sessie", &[("Cookie", &plain)], None)
            .await
            .status,
        401
    );
    let both = format!("andere=1; {pair}");
    assert_eq!(
        http(s.addr, "GET", "/api/sessie", &[("Cookie", &both)], None)
            .await
            .status,
        200
    );
    let csrf = r.json()["csrf"].as_str().unwrap().to_string();
    let out = http(
        s.addr,
        "DELETE",
        "/api/sessie",
        &[("Cookie", &pair), ("X-CSRF-Token", &csrf)],
        None,
    )
    .await;
    assert_eq!(out.status, 204);
    let cleared = out.header("set-cookie").unwrap();
    assert!(
        cleared.starts_with("__Host-meedoen_sessie=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
}
