//! Accounts and administration over HTTP: a one-time password that must be changed, changing
//! one's own password (other sessions end), seeing and ending one's sessions, role and team
//! changes, deactivation, password resets, the municipality's name, and the audit log's
//! filters and paging. Every refusal names the field; nothing is saved on bad input.

mod common;
use common::*;
use meedoen_domain::access::{allows, Action, Role};
use serde_json::{json, Value};

async fn user_id(s: &Server, admin: &Client, name: &str) -> (i64, i64) {
    let users = s.get(admin, "/api/gebruikers").await.json();
    let u = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["gebruikersnaam"] == name)
        .unwrap_or_else(|| panic!("{name} not listed"))
        .clone();
    (u["id"].as_i64().unwrap(), u["versie"].as_i64().unwrap())
}

fn field(r: &Res) -> Value {
    r.json()["fout"]["veld"].clone()
}

#[tokio::test]
async fn a_new_user_must_choose_their_own_password_before_anything_else() {
    let s = start().await;
    let admin = s.demo("beheer").await;
    let new = json!({"gebruikersnaam": "pc.nieuw", "naam": "Nina Nieuw", "rol": "participatieconsulent", "team": "participatie", "wachtwoord": "eenmalig-start-2026"});
    assert_eq!(
        s.post(&admin, "/api/gebruikers", &new.to_string())
            .await
            .status,
        201
    );
    let listed = s.get(&admin, "/api/gebruikers").await.json();
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["gebruikersnaam"] == "pc.nieuw")
        .unwrap()
        .clone();
    assert_eq!(row["moet_wachtwoord_wijzigen"], true);

    let first = s.sign_in("pc.nieuw", "eenmalig-start-2026").await.unwrap();
    let me = s.get(&first, "/api/sessie").await.json();
    assert_eq!(me["gebruiker"]["moet_wachtwoord_wijzigen"], true);
    // Nothing but the session and the own account until the password is changed.
    let refused = s.get(&first, "/api/inwoners").await;
    assert_eq!(
        (refused.status, field(&refused)),
        (403, json!("wachtwoord"))
    );

    // Bad input names the field and changes nothing.
    let wrong = s
        .post(
            &first,
            "/api/account/wachtwoord",
            &json!({"huidig": "niet-goed-wachtwoord", "nieuw": "paars paard op de dijk"})
                .to_string(),
        )
        .await;
    assert_eq!((wrong.status, field(&wrong)), (422, json!("huidig")));
    let weak = s
        .post(
            &first,
            "/api/account/wachtwoord",
            &json!({"huidig": "eenmalig-start-2026", "nieuw": "kort"}).to_string(),
        )
        .await;
    assert_eq!((weak.status, field(&weak)), (422, json!("nieuw")));
    let name_in = s
        .post(
            &first,
            "/api/account/wachtwoord",
            &json!({"huidig": "eenmalig-start-2026", "nieuw": "pc.nieuw2026!"}).to_string(),
        )
        .await;
    assert_eq!((name_in.status, field(&name_in)), (422, json!("nieuw")));
    let same = s
        .post(
            &first,
            "/api/account/wachtwoord",
            &json!({"huidig": "eenmalig-start-2026", "nieuw": "eenmalig-start-2026"}).to_string(),
        )
        .await;
    assert_eq!((same.status, field(&same)), (422, json!("nieuw")));
    assert!(
        s.sign_in("pc.nieuw", "eenmalig-start-2026").await.is_ok(),
        "nothing was saved"
    );

    let second = s.sign_in("pc.nieuw", "eenmalig-start-2026").await.unwrap();
    let ok = s
        .post(
            &second,
            "/api/account/wachtwoord",
            &json!({"huidig": "eenmalig-start-2026", "nieuw": "paars paard op de dijk"})
                .to_string(),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    // The other sessions ended (three were open: two above, one from the check); this one goes on.
    assert!(ok.json()["andere_sessies_beeindigd"].as_i64().unwrap() >= 2);
    assert_eq!(s.get(&first, "/api/sessie").await.status, 401);
    assert_eq!(s.get(&second, "/api/inwoners").await.status, 200);
    assert_eq!(
        s.get(&second, "/api/sessie").await.json()["gebruiker"]["moet_wachtwoord_wijzigen"],
        false
    );
    assert!(s.sign_in("pc.nieuw", "eenmalig-start-2026").await.is_err());
    assert!(s
        .sign_in("pc.nieuw", "paars paard op de dijk")
        .await
        .is_ok());
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit WHERE actie = 'wijzigen' AND object_soort = 'gebruiker' AND gebruiker = 'pc.nieuw' AND velden LIKE '%wachtwoord%'"),
        1
    );
}

#[tokio::test]
async fn a_user_sees_their_own_sessions_and_ends_one() {
    let s = start().await;
    let a = s.demo("pc.devries").await;
    let b = s.demo("pc.devries").await;
    let other = s.demo("pc.ramdin").await;
    let list = s.get(&b, "/api/account/sessies").await.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.iter().filter(|x| x["deze"] == true).count(), 1);
    assert!(list.iter().all(|x| x["adres"].as_str().is_some()));
    let older = list.iter().find(|x| x["deze"] == false).unwrap()["id"]
        .as_i64()
        .unwrap();
    // Another user's session is not found, not ended.
    let theirs = s
        .send(
            &other,
            "DELETE",
            &format!("/api/account/sessies/{older}"),
            None,
        )
        .await;
    assert_eq!(theirs.status, 404);
    assert_eq!(s.get(&a, "/api/sessie").await.status, 200);
    assert_eq!(
        s.send(&b, "DELETE", &format!("/api/account/sessies/{older}"), None)
            .await
            .status,
        204
    );
    assert_eq!(s.get(&a, "/api/sessie").await.status, 401);
    assert_eq!(s.get(&b, "/api/sessie").await.status, 200);
}

#[tokio::test]
async fn the_administrator_changes_role_and_team_deactivates_and_resets() {
    let s = start().await;
    let admin = s.demo("beheer").await;
    let (lead, v) = user_id(&s, &admin, "tl.visser").await;
    let path = format!("/api/gebruikers/{lead}");

    let unknown = s
        .send(
            &admin,
            "PATCH",
            &path,
            Some(&json!({"rol": "koning", "versie": v}).to_string()),
        )
        .await;
    assert_eq!((unknown.status, field(&unknown)), (422, json!("rol")));
    let empty_team = s
        .send(
            &admin,
            "PATCH",
            &path,
            Some(&json!({"team": " ", "versie": v}).to_string()),
        )
        .await;
    assert_eq!(
        (empty_team.status, field(&empty_team)),
        (422, json!("team"))
    );
    let long_team = s
        .send(
            &admin,
            "PATCH",
            &path,
            Some(&json!({"team": "x".repeat(41), "versie": v}).to_string()),
        )
        .await;
    assert_eq!((long_team.status, field(&long_team)), (422, json!("team")));
    let stale = s
        .send(
            &admin,
            "PATCH",
            &path,
            Some(&json!({"team": "wsp", "versie": v - 1}).to_string()),
        )
        .await;
    assert_eq!((stale.status, field(&stale)), (409, json!("versie")));
    assert_eq!(user_id(&s, &admin, "tl.visser").await.1, v, "nothing saved");

    // A consultant with residents keeps the role until the team lead reassigns them.
    let (pc, pv) = user_id(&s, &admin, "pc.devries").await;
    let busy = s
        .send(
            &admin,
            "PATCH",
            &format!("/api/gebruikers/{pc}"),
            Some(&json!({"actief": false, "versie": pv}).to_string()),
        )
        .await;
    assert_eq!((busy.status, field(&busy)), (409, json!("actief")));
    assert!(busy.json()["fout"]["nl"]
        .as_str()
        .unwrap()
        .contains("inwoners"));

    // The administrator cannot lock themselves out.
    let (me, mv) = user_id(&s, &admin, "beheer").await;
    let own = s
        .send(
            &admin,
            "PATCH",
            &format!("/api/gebruikers/{me}"),
            Some(&json!({"actief": false, "versie": mv}).to_string()),
        )
        .await;
    assert_eq!(own.status, 422);

    // A role change ends the user's sessions at once.
    let lead_session = s.demo("tl.visser").await;
    let ok = s
        .send(
            &admin,
            "PATCH",
            &path,
            Some(&json!({"rol": "beleidsmedewerker", "versie": v}).to_string()),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(s.get(&lead_session, "/api/sessie").await.status, 401);
    let again = s.demo("tl.visser").await;
    assert_eq!(
        s.get(&again, "/api/sessie").await.json()["gebruiker"]["rol"],
        "beleidsmedewerker"
    );
    assert_eq!(s.get(&again, "/api/inwoners").await.status, 403);

    // Deactivated: never deleted (the audit log names the user), no longer signs in.
    let v2 = user_id(&s, &admin, "tl.visser").await.1;
    assert_eq!(
        s.send(
            &admin,
            "PATCH",
            &path,
            Some(&json!({"actief": false, "versie": v2}).to_string())
        )
        .await
        .status,
        200
    );
    assert_eq!(s.get(&again, "/api/sessie").await.status, 401);
    let password = meedoen_server::demo::USERS
        .iter()
        .find(|u| u.0 == "tl.visser")
        .unwrap()
        .4;
    assert_eq!(
        s.sign_in("tl.visser", password)
            .await
            .err()
            .map(|r| r.status),
        Some(401)
    );
    let listed = s.get(&admin, "/api/gebruikers").await.json();
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["gebruikersnaam"] == "tl.visser" && u["actief"] == false));

    // A reset gives a one-time password, unlocks, and must be changed.
    let (wc, _) = user_id(&s, &admin, "wc.bakker").await;
    let wc_session = s.demo("wc.bakker").await;
    let reset = s
        .post(&admin, &format!("/api/gebruikers/{wc}/wachtwoord"), "")
        .await;
    assert_eq!(reset.status, 200);
    let code = reset.json()["eenmalig_wachtwoord"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(code.len(), 19);
    assert_eq!(s.get(&wc_session, "/api/sessie").await.status, 401);
    let fresh = s.sign_in("wc.bakker", &code).await.unwrap();
    assert_eq!(s.get(&fresh, "/api/inwoners").await.status, 403);
    assert_eq!(
        s.send(&admin, "POST", "/api/gebruikers/999999/wachtwoord", None)
            .await
            .status,
        404
    );
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit WHERE gebruiker = 'beheer' AND object_soort = 'gebruiker' AND actie = 'wijzigen'"),
        3
    );
}

#[tokio::test]
async fn the_municipality_name_is_checked_and_audited() {
    let s = start().await;
    let admin = s.demo("beheer").await;
    let before = s.get(&admin, "/api/gemeente").await.json();
    assert!(before["caseload_norm"].as_i64().is_some());
    for bad in [
        json!({"naam": ""}),
        json!({"naam": "x".repeat(81)}),
        json!({"naam": "a\u{0007}b"}),
    ] {
        let r = s.post(&admin, "/api/gemeente", &bad.to_string()).await;
        assert_eq!((r.status, field(&r)), (422, json!("naam")));
    }
    let zero = s
        .post(
            &admin,
            "/api/gemeente/caseload-norm",
            &json!({"caseload_norm": 0}).to_string(),
        )
        .await;
    assert_eq!((zero.status, field(&zero)), (422, json!("caseload_norm")));
    assert_eq!(
        s.get(&admin, "/api/gemeente").await.json(),
        before,
        "nothing saved"
    );
    assert_eq!(
        s.post(
            &admin,
            "/api/gemeente",
            &json!({"naam": "  Gemeente Rivierstad "}).to_string()
        )
        .await
        .status,
        200
    );
    assert_eq!(
        s.get(&admin, "/api/gemeente").await.json()["naam"],
        "Gemeente Rivierstad"
    );
    assert_eq!(
        s.count(
            "SELECT COUNT(*) FROM audit WHERE object_soort = 'gemeente' AND velden LIKE '%naam%'"
        ),
        1
    );
    let lead = s.demo("tl.visser").await;
    assert_eq!(s.get(&lead, "/api/gemeente").await.status, 403);
}

#[tokio::test]
async fn the_audit_log_filters_and_pages_newest_first() {
    let s = start().await;
    let admin = s.demo("beheer").await;
    let lead = s.demo("tl.visser").await;
    for _ in 0..3 {
        s.get(
            &lead,
            &format!("/api/inwoners/{}", s.first_resident(&lead).await),
        )
        .await;
    }
    let all = s
        .get(&admin, "/api/audit?aflopend=true&limiet=2")
        .await
        .json();
    let total = all["totaal"].as_i64().unwrap();
    assert!(total > 4);
    let page = all["regels"].as_array().unwrap();
    assert_eq!(page.len(), 2);
    assert!(
        page[0]["id"].as_i64() > page[1]["id"].as_i64(),
        "newest first"
    );
    let before = all["volgende_voor"].as_i64().unwrap();
    let next = s
        .get(
            &admin,
            &format!("/api/audit?aflopend=true&limiet=2&voor={before}"),
        )
        .await
        .json();
    assert!(next["regels"][0]["id"].as_i64().unwrap() < before);

    let by_lead = s
        .get(&admin, "/api/audit?gebruiker=tl.visser&actie=lezen")
        .await
        .json();
    let rows = by_lead["regels"].as_array().unwrap();
    assert!(rows.len() >= 3);
    assert!(rows
        .iter()
        .all(|r| r["gebruiker"] == "tl.visser" && r["actie"] == "lezen"));
    assert_eq!(
        rows.len() as i64,
        by_lead["totaal"].as_i64().unwrap().min(500)
    );
    let not_lead = s
        .get(&admin, "/api/audit?gebruiker=tl.visser&actie=inloggen")
        .await
        .json();
    assert!(not_lead["regels"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["actie"] == "inloggen"));
    assert!(not_lead["totaal"].as_i64().unwrap() < by_lead["totaal"].as_i64().unwrap());

    let today = s.state.now().date_naive();
    let in_period = s
        .get(&admin, &format!("/api/audit?van={today}&tot={today}"))
        .await
        .json();
    assert_eq!(in_period["totaal"], all["totaal"]);
    let tomorrow = today.succ_opt().unwrap();
    let none = s
        .get(&admin, &format!("/api/audit?van={tomorrow}"))
        .await
        .json();
    assert_eq!(none["totaal"], 0);

    for (query, name) in [
        ("van=1-2-2026", "van"),
        ("tot=morgen", "tot"),
        ("actie=slopen", "actie"),
        (&format!("van={tomorrow}&tot={today}") as &str, "tot"),
        (
            &format!("gebruiker={}", "x".repeat(101)) as &str,
            "gebruiker",
        ),
    ] {
        let r = s.get(&admin, &format!("/api/audit?{query}")).await;
        assert_eq!((r.status, field(&r)), (422, json!(name)), "{query}");
    }
    // The team lead's view stays within the team.
    let admin_rows = s.get(&lead, "/api/audit?gebruiker=beheer").await.json();
    assert_eq!(admin_rows["totaal"], 0);
}

/// The server and the app read one matrix: for every role, each action's endpoint is refused
/// (403) exactly when `meedoen_domain::access` says so.
#[tokio::test]
async fn every_endpoint_refuses_exactly_what_the_shared_matrix_refuses() {
    let s = start().await;
    let logins = [
        ("pc.devries", Role::Participatieconsulent),
        ("wc.bakker", Role::Werkconsulent),
        ("tl.visser", Role::Teamleider),
        ("beheer", Role::Beheerder),
        ("bm.jansen", Role::Beleidsmedewerker),
        ("ik.dekker", Role::Inkomensconsulent),
        ("eb.koen", Role::Beoordelaar),
    ];
    let probes: [(Action, &str, &str, Option<Value>); 24] = [
        (Action::ReadCases, "GET", "/api/inwoners", None),
        (Action::ReadCases, "GET", "/api/wijzigingen?sinds=0", None),
        (Action::WaitingList, "GET", "/api/wachtlijst", None),
        (Action::Inbox, "GET", "/api/inzendingen", None),
        (Action::AuditLog, "GET", "/api/audit", None),
        (Action::ListUsers, "GET", "/api/gebruikers", None),
        (
            Action::ManageUsers,
            "POST",
            "/api/gebruikers/999999/ontgrendelen",
            None,
        ),
        (Action::MunicipalitySettings, "GET", "/api/gemeente", None),
        (Action::Report, "GET", "/api/rapportage?jaar=2025", None),
        (
            Action::ReportSettings,
            "GET",
            "/api/rapportage/instellingen",
            None,
        ),
        (Action::ScenarioBaseline, "GET", "/api/scenario/basis", None),
        (Action::Scenarios, "GET", "/api/scenarios", None),
        (
            Action::ErasureRequests,
            "GET",
            "/api/verwijderverzoeken",
            None,
        ),
        (Action::OwnAccount, "GET", "/api/account/sessies", None),
        (Action::ImportPopulation, "GET", "/api/import", None),
        (Action::ExportLists, "POST", "/api/export", Some(json!({}))),
        (
            Action::ManagePartners,
            "POST",
            "/api/partners",
            Some(json!({})),
        ),
        (Action::SrgDelivery, "GET", "/api/srg/koppeling", None),
        (Action::RecordSignal, "GET", "/api/signalen/eigen", None),
        (Action::HandleSignals, "GET", "/api/signalen", None),
        (
            Action::ReadIndicators,
            "GET",
            "/api/indicatoren/inwoners",
            None,
        ),
        (
            Action::WriteIndicators,
            "PATCH",
            "/api/inwoners/999999/indicatoren",
            Some(json!({"lijst": "2025-01-01", "waarden": {"rijbewijs": "ja"}})),
        ),
        (
            Action::IndicatorProgress,
            "GET",
            "/api/indicatoren/voortgang",
            None,
        ),
        (
            Action::AssessorBatches,
            "GET",
            "/api/beoordeling/opdrachten",
            None,
        ),
    ];
    for (user, role) in logins {
        let c = s.demo(user).await;
        for (action, method, path, body) in &probes {
            let body = body.as_ref().map(Value::to_string);
            let r = s.send(&c, method, path, body.as_deref()).await;
            assert_eq!(
                r.status == 403,
                !allows(role, *action),
                "{user} {method} {path} answered {}: {}",
                r.status,
                r.body
            );
        }
    }
}
