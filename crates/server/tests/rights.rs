//! The rights of residents (issue 18): the team lead's subject-access export holds everything
//! recorded about one resident, readable, with the audit entries about them, and is audited
//! itself; an erasure request is recorded with its date and text, refused with the field named
//! when wrong; no other role reaches either.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn the_team_lead_exports_everything_held_about_one_resident() {
    let s = start().await;
    let tl = s.demo("tl.visser").await;
    let pc = s.demo("pc.ramdin").await;
    let id = s.first_resident(&pc).await;
    // The consultant reads the file first: that read is in the export's audit part.
    assert_eq!(
        s.get(&pc, &format!("/api/inwoners/{id}/dossier"))
            .await
            .status,
        200
    );
    let r = s.get(&tl, &format!("/api/inwoners/{id}/inzage")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let records = v["records"].as_array().unwrap();
    assert_eq!(
        records.len() as i64,
        s.count(&format!(
            "SELECT COUNT(*) FROM dossier WHERE inwoner_id = {id}"
        ))
    );
    let person = records.iter().find(|x| x["soort"] == "inwoner").unwrap();
    assert_eq!(person["soort_naam"]["nl"], "Inwoner");
    assert!(person["velden"]["naam"].is_string());
    assert!(
        person["labels"]["naam"]["nl"].is_string(),
        "every field with its meaning"
    );
    // The Klant in Beeld indicators, each with its question and meaning, who and when.
    let filled = v["indicatoren"].as_array().unwrap();
    assert_eq!(
        filled.len() as i64,
        s.count(&format!(
            "SELECT COUNT(*) FROM indicator_waarde WHERE inwoner_id = {id}"
        ))
    );
    if let Some(first) = filled.first() {
        assert!(first["vraag"]["nl"].is_string() && first["betekenis"]["en"].is_string());
        assert!(first["door"].is_string() && first["op"].is_string());
    }
    assert!(v["opdrachten"].is_array() && v["signalen"].is_array());
    let audit = v["audit"].as_array().unwrap();
    assert!(audit
        .iter()
        .any(|e| e["gebruiker"] == "pc.ramdin" && e["actie"] == "lezen"));
    assert!(v["uitleg"]["nl"].as_str().unwrap().contains("auditlog"));
    assert_eq!(
        s.count(&format!(
            "SELECT COUNT(*) FROM audit WHERE actie = 'exporteren' AND object_soort = 'inzage' AND inwoner_id = {id} AND doel LIKE 'inzageverzoek%'"
        )),
        1,
        "the export is audited"
    );
    // No other role; a resident that does not exist answers 404.
    for user in ["pc.ramdin", "beheer", "bm.jansen"] {
        let c = s.demo(user).await;
        assert_eq!(
            s.get(&c, &format!("/api/inwoners/{id}/inzage"))
                .await
                .status,
            403,
            "{user}"
        );
    }
    assert_eq!(s.get(&tl, "/api/inwoners/999999/inzage").await.status, 404);
}

#[tokio::test]
async fn an_erasure_request_is_recorded_or_refused_with_the_field_named() {
    let s = start().await;
    let tl = s.demo("tl.visser").await;
    let pc = s.demo("pc.ramdin").await;
    let id = s.first_resident(&pc).await;
    let path = format!("/api/inwoners/{id}/verwijderverzoek");
    let before = s.count("SELECT COUNT(*) FROM verwijderverzoek");
    for (body, field) in [
        (
            json!({"ontvangen_op": "morgen", "toelichting": "Per brief gevraagd."}),
            "ontvangen_op",
        ),
        (
            json!({"ontvangen_op": "2999-01-01", "toelichting": "Per brief gevraagd."}),
            "ontvangen_op",
        ),
        (
            json!({"ontvangen_op": "2025-01-01", "toelichting": "\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}"}),
            "toelichting",
        ),
        (
            json!({"ontvangen_op": "2025-01-01", "toelichting": "Per brief \u{202E}gevraagd"}),
            "toelichting",
        ),
        (
            json!({"ontvangen_op": "2025-01-01", "toelichting": "x".repeat(1001)}),
            "toelichting",
        ),
    ] {
        let r = s.post(&tl, &path, &body.to_string()).await;
        assert_eq!(r.status, 422, "{body}: {}", r.body);
        assert_eq!(r.json()["fout"]["veld"], field);
        assert!(r.json()["fout"]["en"].is_string());
    }
    let extra = s
        .post(
            &tl,
            &path,
            &json!({"ontvangen_op": "2025-01-01", "toelichting": "Per brief.", "status": "klaar"})
                .to_string(),
        )
        .await;
    assert!(matches!(extra.status, 400 | 422), "{}", extra.body);
    assert_eq!(
        s.count("SELECT COUNT(*) FROM verwijderverzoek"),
        before,
        "nothing saved"
    );
    let c = s
        .post(
            &pc,
            &path,
            &json!({"ontvangen_op": "2025-01-01", "toelichting": "Per brief gevraagd."})
                .to_string(),
        )
        .await;
    assert_eq!(c.status, 403);

    let ok = s
        .post(&tl, &path, &json!({"ontvangen_op": "2025-03-04", "toelichting": "Per brief gevraagd om alles te wissen."}).to_string())
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    let list = s.get(&tl, "/api/verwijderverzoeken").await.json();
    let item = &list["verwijderverzoeken"][0];
    assert_eq!(
        (item["inwoner_id"].as_i64(), item["ontvangen_op"].as_str()),
        (Some(id), Some("2025-03-04"))
    );
    let export = s
        .get(&tl, &format!("/api/inwoners/{id}/inzage"))
        .await
        .json();
    assert_eq!(export["verwijderverzoeken"].as_array().unwrap().len(), 1);
    assert_eq!(
        s.count(&format!("SELECT COUNT(*) FROM audit WHERE object_soort = 'verwijderverzoek' AND inwoner_id = {id}")),
        1
    );
}
