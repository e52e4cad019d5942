//! The import of the income department's file over real HTTP on a real SQLite file: preview
//! writes nothing, apply is one transaction, a second import of the same file changes nothing,
//! a file with errors is refused whole, "assistance ended?" flags are confirmed, and a SIGKILL
//! in the middle of applying 50,000 rows leaves the old state.

mod common;

use common::{http, Client, Server};
use serde_json::{json, Value};

const RESIDENTS: &str = "SELECT COUNT(*) FROM dossier WHERE soort = 'inwoner'";

async fn upload(s: &Server, c: &Client, path: &str, body: &str) -> common::Res {
    http(
        s.addr,
        "POST",
        path,
        &[
            ("Cookie", &c.cookie),
            ("X-CSRF-Token", &c.csrf),
            ("Content-Type", "text/csv"),
        ],
        Some(body),
    )
    .await
}

fn file(rows: &[&str]) -> String {
    let mut f = String::from("bsn;naam;geboortedatum;bijstand_sinds;huishouden;telefoon\n");
    for r in rows {
        f.push_str(r);
        f.push('\n');
    }
    f
}

const ANNA: &str = "111222333;Anna de Vries;07-04-1988;2023-01-01;alleenstaand;0612345678";
const PIET: &str = "123456782;Piet Jansen;1970-01-31;2020-02-01;gehuwd/samenwonend;";

#[tokio::test]
async fn preview_then_apply_then_the_same_file_changes_nothing() {
    let s = common::start().await;
    let tl = s.demo("tl.visser").await;
    let before = s.count(RESIDENTS);
    let f = file(&[ANNA, PIET]);
    let p = upload(&s, &tl, "/api/import/voorbeeld", &f).await;
    assert_eq!(p.status, 200, "{}", p.body);
    let p = p.json();
    assert_eq!(
        (
            p["regels"].as_u64(),
            p["toevoegen"].as_u64(),
            p["fouten_totaal"].as_u64()
        ),
        (Some(2), Some(2), Some(0))
    );
    assert_eq!(
        p["lijst_toevoegen"][0]["bsn"], "•••••2333",
        "a preview shows a BSN's last four digits only"
    );
    assert_eq!(s.count(RESIDENTS), before, "a preview writes nothing");
    let key = p["sleutel"].as_str().unwrap();

    // The key must be the previewed file's.
    let r = upload(&s, &tl, "/api/import/toepassen", &f).await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("sleutel"))
    );
    let other = file(&[ANNA]);
    let r = upload(
        &s,
        &tl,
        &format!("/api/import/toepassen?sleutel={key}"),
        &other,
    )
    .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (409, Some("sleutel"))
    );
    let r = upload(
        &s,
        &tl,
        &format!("/api/import/toepassen?sleutel={key}&team=nergens"),
        &f,
    )
    .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("team"))
    );
    assert_eq!(s.count(RESIDENTS), before);

    let r = upload(&s, &tl, &format!("/api/import/toepassen?sleutel={key}"), &f).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["toegevoegd"], 2);
    assert_eq!(s.count(RESIDENTS), before + 2);
    // New residents wait on the team's waiting list, unassigned, with the file's facts.
    let w = s.get(&tl, "/api/wachtlijst").await.json();
    assert!(w.to_string().contains("Anna de Vries"), "{w}");
    assert_eq!(
        s.count("SELECT COUNT(*) FROM dossier WHERE soort = 'inwoner' AND json_extract(velden, '$.huishouden') = 'gehuwd_samenwonend' AND json_extract(velden, '$.bsn') = '123456782'"),
        1
    );
    assert_eq!(s.count("SELECT COUNT(*) FROM audit WHERE doel LIKE 'vaststellen wie bijstand%' AND actie = 'aanmaken' AND object_soort = 'inwoner'"), 2);

    // Again: nothing to add or change, nothing written.
    let versions = s.count("SELECT SUM(versie) FROM dossier WHERE soort = 'inwoner'");
    let p = upload(&s, &tl, "/api/import/voorbeeld", &f).await.json();
    assert_eq!(
        (
            p["toevoegen"].as_u64(),
            p["wijzigen"].as_u64(),
            p["ongewijzigd"].as_u64()
        ),
        (Some(0), Some(0), Some(2))
    );
    let r = upload(
        &s,
        &tl,
        &format!(
            "/api/import/toepassen?sleutel={}",
            p["sleutel"].as_str().unwrap()
        ),
        &f,
    )
    .await;
    assert_eq!(r.status, 201);
    assert_eq!(s.count(RESIDENTS), before + 2);
    assert_eq!(
        s.count("SELECT SUM(versie) FROM dossier WHERE soort = 'inwoner'"),
        versions
    );
    let o = s.get(&tl, "/api/import").await.json();
    assert_eq!(o["historie"].as_array().unwrap().len(), 2);

    // Consultants and policy staff may not import.
    for user in ["pc.ramdin", "bm.jansen"] {
        let c = s.demo(user).await;
        assert_eq!(
            upload(&s, &c, "/api/import/voorbeeld", &f).await.status,
            403,
            "{user}"
        );
    }
}

#[tokio::test]
async fn a_file_with_errors_names_each_cell_and_nothing_is_written() {
    let s = common::start().await;
    let admin = s.demo("beheer").await;
    let before = s.count(RESIDENTS);
    let f = file(&[
        ANNA,
        "111222334;Fout BSN;07-04-1988;2023-01-01;alleenstaand;",
        "111222333;Dubbel;07-04-1988;2023-01-01;alleenstaand;",
        "123456782;Toekomst;1970-01-31;2099-01-01;alleenstaand;",
        "987654305;Huishouden;1970-01-31;2020-01-01;student;",
    ]);
    let p = upload(&s, &admin, "/api/import/voorbeeld", &f).await.json();
    let got: Vec<(u64, &str)> = p["fouten"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["regel"].as_u64().unwrap(), e["kolom"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "bsn"),
            (4, "bsn"),
            (5, "bijstand_sinds"),
            (6, "huishouden")
        ]
    );
    assert!(p["fouten"][0]["melding"]["en"]
        .as_str()
        .unwrap()
        .contains("11-check"));
    let r = upload(
        &s,
        &admin,
        &format!(
            "/api/import/toepassen?sleutel={}",
            p["sleutel"].as_str().unwrap()
        ),
        &f,
    )
    .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("bestand"))
    );
    assert!(
        r.json()["fout"]["nl"].as_str().unwrap().contains("4 fout"),
        "{}",
        r.body
    );
    assert_eq!(s.count(RESIDENTS), before);
    assert_eq!(s.count("SELECT COUNT(*) FROM inlezing"), 0);
    // A header without the required columns, and a file over the limit.
    let p = upload(
        &s,
        &admin,
        "/api/import/voorbeeld",
        "naam;postcode\nA;1234AB\n",
    )
    .await
    .json();
    assert_eq!(p["fouten"][0]["kolom"], "postcode");
    let big = "a".repeat(meedoen_domain::import::MAX_BYTES + 10);
    assert_eq!(
        upload(&s, &admin, "/api/import/voorbeeld", &big)
            .await
            .status,
        413
    );
}

#[tokio::test]
async fn a_resident_missing_from_a_newer_file_is_flagged_for_a_person() {
    let s = common::start().await;
    let tl = s.demo("tl.visser").await;
    async fn import(s: &Server, c: &Client, f: &str) -> Value {
        let p = upload(s, c, "/api/import/voorbeeld", f).await.json();
        let r = upload(
            s,
            c,
            &format!(
                "/api/import/toepassen?sleutel={}",
                p["sleutel"].as_str().unwrap()
            ),
            f,
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.body);
        r.json()
    }
    import(&s, &tl, &file(&[ANNA, PIET])).await;
    // The demo residents with a BSN are not in this file either; Piet is the one to follow.
    let r = import(&s, &tl, &file(&[ANNA])).await;
    assert!(r["gemarkeerd"].as_u64().unwrap() >= 1, "{r}");
    let o = s.get(&tl, "/api/import").await.json();
    let piet = o["signalen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["naam"] == "Piet Jansen")
        .cloned()
        .unwrap();
    let id = piet["id"].as_i64().unwrap();
    // A second import of the same file does not flag again.
    assert_eq!(import(&s, &tl, &file(&[ANNA])).await["gemarkeerd"], 0);
    // Bad decision, old version: named; then confirmed.
    let r = s
        .post(
            &tl,
            &format!("/api/import/signalen/{id}"),
            &json!({"besluit": "weg", "versie": piet["versie"]}).to_string(),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("besluit"))
    );
    let r = s
        .post(
            &tl,
            &format!("/api/import/signalen/{id}"),
            &json!({"besluit": "beeindigd", "versie": piet["versie"]}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        s.count(&format!("SELECT COUNT(*) FROM dossier WHERE soort = 'inwoner' AND inwoner_id = {id} AND json_extract(velden, '$.uitkering_einde') IS NOT NULL AND json_extract(velden, '$.niet_in_bestand') IS NULL")),
        1
    );
    let r = s
        .post(
            &tl,
            &format!("/api/import/signalen/{id}"),
            &json!({"besluit": "loopt_door", "versie": 1}).to_string(),
        )
        .await;
    assert_eq!(r.status, 404, "no flag any more");
    // Listed again in a later file: a flag is cleared by the import itself.
    let o = s.get(&tl, "/api/import").await.json();
    let other = o["signalen"][0]["id"].as_i64();
    if let Some(other) = other {
        let (bsn, naam): (String, String) = s.state.db.lock().unwrap().query_row(
            "SELECT json_extract(velden, '$.bsn'), json_extract(velden, '$.naam') FROM dossier WHERE soort = 'inwoner' AND inwoner_id = ?1",
            [other], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        let row = format!("{bsn};{naam};01-01-1980;2021-01-01;alleenstaand;");
        import(&s, &tl, &file(&[ANNA, &row])).await;
        assert_eq!(
            s.count(&format!("SELECT COUNT(*) FROM dossier WHERE soort = 'inwoner' AND inwoner_id = {other} AND json_extract(velden, '$.niet_in_bestand') IS NULL")),
            1
        );
    }
}

/// SIGKILL while 50,000 rows are being applied: after a restart the import is either wholly
/// there or wholly absent, never half.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_during_apply_leaves_the_old_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kill.sqlite3");
    let (mut child, addr) = common::launch_binary(&db, &[], std::process::Stdio::null());
    let c = common::sign_in_at(addr, "tl.visser", "demo-teamleider-1").await;
    let f = meedoen_domain::import::synthetic(50_000, 7);
    let headers = [
        ("Cookie", c.cookie.as_str()),
        ("X-CSRF-Token", c.csrf.as_str()),
        ("Content-Type", "text/csv"),
    ];
    let p = http(addr, "POST", "/api/import/voorbeeld", &headers, Some(&f)).await;
    assert_eq!(p.status, 200);
    let key = p.json()["sleutel"].as_str().unwrap().to_string();
    let adds = p.json()["toevoegen"].as_i64().unwrap();
    assert!(adds > 49_000, "{adds}");
    let before: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(RESIDENTS, [], |r| r.get(0))
        .unwrap();
    let (cookie, csrf) = (c.cookie.clone(), c.csrf.clone());
    let path = format!("/api/import/toepassen?sleutel={key}");
    let apply = tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let req = format!("POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\nContent-Type: text/csv\r\nContent-Length: {}\r\n\r\n", f.len());
        s.write_all(req.as_bytes()).await.unwrap();
        s.write_all(f.as_bytes()).await.unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf).await;
        String::from_utf8_lossy(&buf).get(9..12).map(str::to_string)
    });
    // Kill once the server is busy writing: the WAL grows while the transaction runs.
    let wal = dir.path().join("kill.sqlite3-wal");
    let start = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    for _ in 0..3000 {
        if std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > start + 4_000_000 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let answered = apply.await.unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let after: i64 = conn.query_row(RESIDENTS, [], |r| r.get(0)).unwrap();
    let logged: i64 = conn
        .query_row("SELECT COUNT(*) FROM inlezing", [], |r| r.get(0))
        .unwrap();
    let whole = after == before + adds && logged == 1;
    let none = after == before && logged == 0;
    assert!(
        whole || none,
        "half an import: {before} → {after} residents, {logged} logged"
    );
    assert!(
        answered.as_deref() != Some("201") || whole,
        "an acknowledged import is there"
    );
    println!(
        "SIGKILL during apply: {} ({before} → {after} residents)",
        if none {
            "nothing applied"
        } else {
            "applied whole before the kill"
        }
    );
}
