//! Sign-in, sessions, roles and the audit log over real HTTP against a real SQLite file with
//! the demo municipality. The role × endpoint matrix here is the one in docs/security.md.

mod common;

use common::*;
use meedoen_server::demo;
use serde_json::json;

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_sign_out_needs_csrf() {
    let s = start().await;
    let c = s.demo("pc.ramdin").await;
    let r = http(
        s.addr,
        "POST",
        "/api/sessie",
        &[("Content-Type", "application/json")],
        Some(
            &json!({"gebruikersnaam": "pc.ramdin", "wachtwoord": "demo-participatie-1"})
                .to_string(),
        ),
    )
    .await;
    let cookie = r.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "no Secure flag without TLS");
    let me = s.get(&c, "/api/sessie").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["gebruiker"]["rol"], "participatieconsulent");
    assert_eq!(me.json()["inactief_uitloggen_na_minuten"], 60);
    // Sign-out without the CSRF token is refused and names the header.
    let no_csrf = http(
        s.addr,
        "DELETE",
        "/api/sessie",
        &[("Cookie", &c.cookie)],
        None,
    )
    .await;
    assert_eq!(no_csrf.status, 403);
    assert_eq!(no_csrf.json()["fout"]["veld"], "x-csrf-token");
    let wrong = http(
        s.addr,
        "DELETE",
        "/api/sessie",
        &[("Cookie", &c.cookie), ("X-CSRF-Token", "nep")],
        None,
    )
    .await;
    assert_eq!(wrong.status, 403);
    let out = http(
        s.addr,
        "DELETE",
        "/api/sessie",
        &[("Cookie", &c.cookie), ("X-CSRF-Token", &c.csrf)],
        None,
    )
    .await;
    assert_eq!(out.status, 204);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(s.get(&c, "/api/sessie").await.status, 401);
}

#[tokio::test]
async fn five_failed_sign_ins_lock_the_account_until_an_administrator_unlocks_it() {
    let s = start().await;
    for _ in 0..5 {
        let r = s
            .sign_in("pc.devries", "fout-wachtwoord")
            .await
            .err()
            .unwrap();
        assert_eq!(r.status, 401);
        assert_eq!(
            r.json()["fout"]["nl"],
            "Gebruikersnaam of wachtwoord klopt niet."
        );
    }
    let locked = s
        .sign_in("pc.devries", "demo-participatie-2")
        .await
        .err()
        .unwrap();
    assert_eq!(locked.status, 423);
    assert!(locked.json()["fout"]["nl"]
        .as_str()
        .unwrap()
        .contains("geblokkeerd"));
    let admin = s.demo("beheer").await;
    let users = s.get(&admin, "/api/gebruikers").await.json();
    let id = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["gebruikersnaam"] == "pc.devries")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap()["geblokkeerd"],
        true
    );
    assert_eq!(
        s.post(&admin, &format!("/api/gebruikers/{id}/ontgrendelen"), "")
            .await
            .status,
        204
    );
    assert!(s.sign_in("pc.devries", "demo-participatie-2").await.is_ok());
    // Unknown user names answer exactly like wrong passwords.
    let unknown = s.sign_in("bestaat.niet", "x").await.err().unwrap();
    assert_eq!(
        (unknown.status, unknown.json()["fout"]["nl"].clone()),
        (401, json!("Gebruikersnaam of wachtwoord klopt niet."))
    );
}

#[tokio::test]
async fn a_session_ends_after_sixty_idle_minutes_and_activity_keeps_it_alive() {
    let s = start().await;
    let c = s.demo("pc.ramdin").await;
    s.advance(59);
    assert_eq!(s.get(&c, "/api/sessie").await.status, 200);
    s.advance(59);
    assert_eq!(
        s.get(&c, "/api/sessie").await.status,
        200,
        "activity 59 minutes ago keeps the session"
    );
    s.advance(61);
    let r = s.get(&c, "/api/sessie").await;
    assert_eq!(r.status, 401);
    assert!(r.json()["fout"]["nl"]
        .as_str()
        .unwrap()
        .contains("niet (meer) ingelogd"));
}

#[tokio::test]
async fn every_role_gets_exactly_what_the_matrix_allows() {
    let s = start().await;
    let users = ["pc.ramdin", "wc.bakker", "tl.visser", "beheer"];
    let mut clients = Vec::new();
    for u in users {
        clients.push(s.demo(u).await);
    }
    // A resident of pc.ramdin's caseload (participation team) and one of wc.bakker's (WSP team).
    let own_pc = s.first_resident(&clients[0]).await;
    let own_wc = s.first_resident(&clients[1]).await;
    let new_user = json!({"gebruikersnaam": "nieuw.x", "naam": "Nieuw", "rol": "werkconsulent", "team": "wsp", "wachtwoord": "een-lang-wachtwoord"}).to_string();
    let talk = |kind: &str, resident: i64| {
        let fields = if kind == "plaatsing" {
            json!({"start": "2025-03-03", "werkgever": "Bouwbedrijf Ypenburg", "contract": "dienstverband", "uren_per_week": 32})
        } else {
            json!({"datum": "2025-06-02", "soort": "voortgang", "verslag": "Matrix."})
        };
        let id = format!("mx-{kind}");
        mutation(&id, kind, &id, resident, 0, fields)
    };
    let register = json!({"mutatie_id": "mx-reg", "velden": {"naam": "Matrix Test"}}).to_string();
    let link = json!({"inwoner_id": own_pc}).to_string();
    let unassign = json!({"consulent_id": null}).to_string();
    // (method, path, body, expected status for: participatieconsulent, werkconsulent,
    // teamleider, beheerder). The assignment row comes last: it changes the caseload.
    let matrix: Vec<(&str, String, String, [u16; 4])> = vec![
        (
            "GET",
            "/api/sessie".into(),
            String::new(),
            [200, 200, 200, 200],
        ),
        (
            "GET",
            "/api/inwoners".into(),
            String::new(),
            [200, 200, 200, 403],
        ),
        (
            "GET",
            format!("/api/inwoners/{own_pc}"),
            String::new(),
            [200, 404, 200, 403],
        ),
        (
            "GET",
            format!("/api/inwoners/{own_wc}"),
            String::new(),
            [404, 200, 404, 403],
        ),
        (
            "GET",
            format!("/api/inwoners/{own_pc}/dossier"),
            String::new(),
            [200, 404, 200, 403],
        ),
        (
            "GET",
            format!("/api/inwoners/{own_wc}/dossier"),
            String::new(),
            [404, 200, 404, 403],
        ),
        (
            "GET",
            "/api/wijzigingen".into(),
            String::new(),
            [200, 200, 200, 403],
        ),
        (
            "GET",
            "/api/wachtlijst".into(),
            String::new(),
            [200, 200, 200, 403],
        ),
        (
            "POST",
            "/api/mutaties".into(),
            talk("gesprek", own_pc),
            [201, 404, 403, 403],
        ),
        (
            "POST",
            "/api/mutaties".into(),
            talk("plaatsing", own_wc),
            [403, 201, 403, 403],
        ),
        (
            "POST",
            "/api/inwoners".into(),
            register,
            [201, 201, 201, 403],
        ),
        (
            "GET",
            "/api/inzendingen".into(),
            String::new(),
            [200, 403, 200, 403],
        ),
        (
            "POST",
            "/api/inzendingen/1/koppelen".into(),
            link,
            [404, 403, 404, 403],
        ),
        (
            "GET",
            "/api/audit".into(),
            String::new(),
            [403, 403, 200, 200],
        ),
        (
            "GET",
            "/api/audit/export".into(),
            String::new(),
            [403, 403, 200, 200],
        ),
        (
            "GET",
            "/api/gebruikers".into(),
            String::new(),
            [403, 403, 200, 200],
        ),
        (
            "POST",
            "/api/gebruikers".into(),
            new_user.clone(),
            [403, 403, 403, 201],
        ),
        (
            "POST",
            "/api/gebruikers/1/ontgrendelen".into(),
            new_user.clone(),
            [403, 403, 403, 204],
        ),
        (
            "POST",
            "/api/gemeente/caseload-norm".into(),
            json!({"caseload_norm": 85}).to_string(),
            [403, 403, 403, 200],
        ),
        (
            "POST",
            format!("/api/inwoners/{own_pc}/toewijzing"),
            unassign,
            [403, 404, 200, 403],
        ),
    ];
    for (method, path, body, expected) in &matrix {
        for (i, c) in clients.iter().enumerate() {
            let r = if *method == "GET" {
                s.get(c, path).await
            } else {
                s.post(c, path, body).await
            };
            assert_eq!(
                r.status, expected[i],
                "{} {method} {path}: {}",
                users[i], r.body
            );
        }
        let anonymous = http(
            s.addr,
            method,
            path,
            &[("Content-Type", "application/json")],
            (*method == "POST").then_some(body.as_str()),
        )
        .await;
        assert_eq!(anonymous.status, 401, "anonymous {method} {path}");
    }
}

#[tokio::test]
async fn caseloads_follow_assignment_and_team() {
    let s = start().await;
    let mut total = 0;
    for u in ["pc.ramdin", "pc.devries", "pc.elamrani"] {
        let c = s.demo(u).await;
        let n = s.get(&c, "/api/inwoners").await.json()["aantal"]
            .as_i64()
            .unwrap();
        assert!((70..=90).contains(&n), "{u}: {n}");
        total += n;
    }
    assert_eq!(total, demo::PARTICIPATION_CASELOAD as i64);
    let lead = s.demo("tl.visser").await;
    // The team lead sees the whole team: the consultants' caseloads and the team's waiting list.
    let team: i64 = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM inwoner WHERE team = 'participatie'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let unassigned: i64 = s
        .state
        .db
        .lock()
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM inwoner WHERE team = 'participatie' AND consulent_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(team, total + unassigned);
    assert_eq!(s.get(&lead, "/api/inwoners").await.json()["aantal"], team);
}

#[tokio::test]
async fn reads_are_audited_with_request_id_and_the_log_is_append_only() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let list = s.get(&pc, "/api/inwoners").await;
    let rid = list.header("x-request-id").unwrap();
    let n = list.json()["aantal"].as_i64().unwrap();
    let one = list.json()["inwoners"][0]["id"].as_i64().unwrap();
    let lead = s.demo("tl.visser").await;
    let log = s
        .get(&lead, &format!("/api/audit?inwoner={one}"))
        .await
        .json();
    let entries = log["regels"].as_array().unwrap();
    let read = entries
        .iter()
        .find(|e| e["verzoek_id"] == rid.as_str())
        .expect("entry for the caseload read");
    assert_eq!(
        (
            read["gebruiker"].as_str(),
            read["actie"].as_str(),
            read["object_soort"].as_str()
        ),
        (Some("pc.ramdin"), Some("lezen"), Some("inwoner"))
    );
    assert_eq!(read["velden"][0], "naam");
    assert_eq!(
        read["inwoner_id"],
        read["object_id"].as_str().unwrap().parse::<i64>().unwrap()
    );
    assert!(read["doel"].as_str().unwrap().starts_with("begeleiding"));
    {
        let conn = s.state.db.lock().unwrap();
        let by_request: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE verzoek_id = ?1",
                [&rid],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(by_request, n, "one entry per resident read");
        assert!(conn
            .execute("UPDATE audit SET gebruiker = 'x'", [])
            .is_err());
        assert!(conn.execute("DELETE FROM audit", []).is_err());
    }
    let csv = s.get(&lead, "/api/audit/export").await;
    assert_eq!(
        csv.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(csv.body.starts_with(
        "id,tijd,gebruiker,rol,actie,object_soort,object_id,inwoner_id,velden,doel,verzoek_id,adres\n"
    ));
    assert!(csv.body.contains(&rid));
    let sign_ins: i64 = s.count("SELECT COUNT(*) FROM audit WHERE actie = 'inloggen'");
    assert_eq!(sign_ins, 2);
}

#[tokio::test]
async fn bad_bodies_get_clear_bilingual_errors() {
    let s = start().await;
    let cases: Vec<(&str, &str, u16, Option<&str>, &str)> = vec![
        (
            "application/json",
            "{\"gebruikersnaam\": ",
            400,
            None,
            "de invoer houdt halverwege op",
        ),
        (
            "application/json",
            "{\"gebruikersnaam\": 3, \"wachtwoord\": \"x\"}",
            422,
            Some("gebruikersnaam"),
            "verkeerd type",
        ),
        (
            "application/json",
            "{\"gebruikersnaam\": \"a\", \"wachtwoord\": \"b\", \"rol\": \"x\"}",
            422,
            Some("rol"),
            "onbekend veld 'rol'",
        ),
        (
            "application/json",
            "{\"gebruikersnaam\": \"a\"}",
            422,
            Some("."),
            "veld 'wachtwoord' ontbreekt",
        ),
        (
            "text/plain",
            "gebruikersnaam=a",
            415,
            None,
            "Stuur de gegevens als JSON",
        ),
    ];
    for (ct, body, status, field, nl) in cases {
        let r = http(
            s.addr,
            "POST",
            "/api/sessie",
            &[("Content-Type", ct)],
            Some(body),
        )
        .await;
        assert_eq!(r.status, status, "{body}: {}", r.body);
        let f = r.json()["fout"].clone();
        assert!(f["nl"].as_str().unwrap().contains(nl), "{body}: {f}");
        assert!(!f["en"].as_str().unwrap().is_empty());
        if let Some(field) = field {
            if field != "." {
                assert_eq!(f["veld"], field, "{body}");
            }
        }
    }
    let huge = format!(
        "{{\"gebruikersnaam\": \"{}\", \"wachtwoord\": \"x\"}}",
        "a".repeat(100_000)
    );
    assert_eq!(
        http(
            s.addr,
            "POST",
            "/api/sessie",
            &[("Content-Type", "application/json")],
            Some(&huge)
        )
        .await
        .status,
        413
    );
}

#[tokio::test]
async fn the_administrator_sets_the_caseload_norm_and_bad_values_name_the_field() {
    let s = start().await;
    let admin = s.demo("beheer").await;
    for bad in [
        json!({"caseload_norm": 0}),
        json!({"caseload_norm": 501}),
        json!({"caseload_norm": "veel"}),
    ] {
        let r = s
            .post(&admin, "/api/gemeente/caseload-norm", &bad.to_string())
            .await;
        assert_eq!(r.status, 422, "{bad}: {}", r.body);
        assert!(r.body.contains("caseload_norm"), "{}", r.body);
    }
    let pc = s.demo("pc.ramdin").await;
    assert_eq!(
        s.get(&pc, "/api/wachtlijst").await.json()["norm"],
        json!(85),
        "bad values changed nothing"
    );
    let r = s
        .post(
            &admin,
            "/api/gemeente/caseload-norm",
            &json!({"caseload_norm": 250}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        s.get(&pc, "/api/wachtlijst").await.json()["norm"],
        json!(250)
    );
    assert_eq!(
        s.get(&pc, "/api/sessie").await.json()["caseload_norm"],
        json!(250)
    );
    let n: i64 = s.count("SELECT COUNT(*) FROM audit WHERE object_soort = 'gemeente'");
    assert_eq!(n, 1, "the change is audited");
}
