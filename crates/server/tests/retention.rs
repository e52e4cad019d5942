//! Retention (issue 18): files closed 11 years ago are listed, and erased only when asked, in one
//! audited transaction that offline copies hear of; files closed 9 years ago stay. Run through
//! the real binary on the running server's database file.

mod common;

use common::*;
use serde_json::json;

async fn register(s: &Server, c: &Client, n: u32, name: &str) -> i64 {
    let body = json!({"mutatie_id": format!("bew-reg-{n}"), "velden": {"naam": name, "in_bijstand_sinds": "2013-01-01"}}).to_string();
    let r = s.post(c, "/api/inwoners", &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["record"]["inwoner_id"].as_i64().unwrap()
}

async fn add(
    s: &Server,
    c: &Client,
    id: &str,
    kind: &str,
    resident: i64,
    fields: serde_json::Value,
) {
    let r = s
        .post(
            c,
            "/api/mutaties",
            &mutation(&format!("m-{id}"), kind, id, resident, 0, fields),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
}

fn run(db: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_meedoen-server"))
        .args(["bewaartermijn", "--db"])
        .arg(db)
        .args(["--peildatum", "2026-11-23"])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_closed_11_years_ago_are_listed_then_erased_and_9_years_ago_are_kept() {
    let s = start().await;
    let pc = s.demo("pc.ramdin").await;
    let old = register(&s, &pc, 1, "Elf Jaar Geleden").await;
    let recent = register(&s, &pc, 2, "Negen Jaar Geleden").await;
    add(
        &s,
        &pc,
        "g-old",
        "gesprek",
        old,
        json!({"datum": "2015-09-01", "soort": "voortgang", "verslag": "Laatste gesprek."}),
    )
    .await;
    add(
        &s,
        &pc,
        "u-old",
        "uitstroom",
        old,
        json!({"datum": "2015-11-20", "reden": "werk", "via_aanpak": true}),
    )
    .await;
    add(
        &s,
        &pc,
        "u-recent",
        "uitstroom",
        recent,
        json!({"datum": "2017-11-20", "reden": "verhuizing"}),
    )
    .await;
    // A Klant in Beeld indicator goes with the file.
    let r = s
        .send(
            &pc,
            "PATCH",
            &format!("/api/inwoners/{old}/indicatoren"),
            Some(&json!({"lijst": "2025-01-01", "waarden": {"rijbewijs": "ja"}}).to_string()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let feed_before: i64 = s.count("SELECT waarde FROM teller WHERE naam = 'volgnummer'");

    // Listed, nothing erased.
    let (code, out) = run(&s.db_path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("inwoner {old:>6}  afgesloten op 2015-11-20")),
        "{out}"
    );
    assert!(!out.contains(&format!("inwoner {recent:>6}")), "{out}");
    assert!(out.contains("1 dossier(s) zouden worden gewist"), "{out}");
    assert_eq!(
        s.count(&format!(
            "SELECT COUNT(*) FROM dossier WHERE inwoner_id = {old}"
        )),
        3
    );

    // Erased when asked: records, resident and remembered answers gone; audited; the feed says so.
    let (code, out) = run(&s.db_path(), &["--uitvoeren"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 dossier(s) gewist (3 records)"), "{out}");
    for sql in [
        format!("SELECT COUNT(*) FROM dossier WHERE inwoner_id = {old}"),
        format!("SELECT COUNT(*) FROM inwoner WHERE id = {old}"),
        format!("SELECT COUNT(*) FROM mutatie WHERE json_extract(antwoord, '$.record.inwoner_id') = {old}"),
        format!("SELECT COUNT(*) FROM indicator_waarde WHERE inwoner_id = {old}"),
    ] {
        assert_eq!(s.count(&sql), 0, "{sql}");
    }
    assert_eq!(
        s.count(&format!(
            "SELECT COUNT(*) FROM dossier WHERE inwoner_id = {recent}"
        )),
        2
    );
    assert_eq!(
        s.count(&format!("SELECT COUNT(*) FROM audit WHERE actie = 'verwijderen' AND inwoner_id = {old} AND doel LIKE 'bewaartermijn verstreken%'")),
        1
    );
    let r = s
        .get(&pc, &format!("/api/wijzigingen?sinds={feed_before}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let gone: Vec<i64> = r.json()["vervallen"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["inwoner_id"].as_i64().or_else(|| v.as_i64()))
        .collect();
    assert!(
        gone.contains(&old),
        "offline copies drop the erased file: {}",
        r.body
    );
    let list = s.get(&pc, "/api/inwoners").await.json();
    assert!(list["inwoners"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["id"].as_i64() != Some(old)));
    assert_eq!(
        s.get(&pc, &format!("/api/inwoners/{old}/dossier"))
            .await
            .status,
        404
    );

    // Run again: nothing more is due.
    let (_, out) = run(&s.db_path(), &[]);
    assert!(out.contains("0 dossier(s) zouden worden gewist"), "{out}");
    // A retention period that is not a number of years is refused.
    let (code, _) = run(&s.db_path(), &["--jaren", "0"]);
    assert_eq!(code, 2);
}
