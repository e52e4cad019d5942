//! The SRG delivery over real HTTP and SQLite: the checks and what may be delivered per month,
//! a regular delivery kept in the log and audited per resident, no correction without a change,
//! a correction after one, none for a month more than three months back, the empty delivery,
//! and the mapping file checked by line before it is saved.

mod common;

use chrono::{Datelike, Months, NaiveDate};
use common::mutation;
use serde_json::{json, Value};

fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

#[tokio::test]
async fn monthly_deliveries_corrections_and_the_empty_delivery() {
    let s = common::start().await;
    let tl = s.demo("tl.visser").await;
    let today = s.state.now().date_naive();
    let first = today.with_day(1).unwrap();
    let last_month = month(first - Months::new(1));
    // Bad and unfinished months.
    let r = s.get(&tl, "/api/srg?maand=2025-13").await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("maand"))
    );
    let now = s
        .get(&tl, &format!("/api/srg?maand={}", month(today)))
        .await
        .json();
    assert!(
        now["soort"].is_null()
            && now["reden"]["nl"]
                .as_str()
                .unwrap()
                .contains("nog niet voorbij"),
        "{now}"
    );
    let r = s
        .post(&tl, "/api/srg", &json!({"maand": month(today)}).to_string())
        .await;
    assert_eq!(r.status, 409, "{}", r.body);

    // Last month: a regular delivery of the demo's provisions.
    let p = s
        .get(&tl, &format!("/api/srg?maand={last_month}"))
        .await
        .json();
    assert_eq!(p["soort"], "R", "{p}");
    assert_eq!(p["controles_totaal"], 0, "{p}");
    let count = p["aantal"].as_u64().unwrap();
    assert!(count > 50, "{p}");
    let r = s
        .post(&tl, "/api/srg", &json!({"maand": last_month}).to_string())
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let file: Value = r.json();
    let text = file["inhoud"].as_str().unwrap();
    let compact = last_month.replace('-', "");
    assert!(
        text.starts_with(&format!("SRG;1;0603;{compact};R;{count}\r\n")),
        "{}",
        &text[..60]
    );
    assert_eq!(text.lines().count() as u64, count + 1);
    assert!(text
        .lines()
        .skip(1)
        .all(|l| l.starts_with("VZ;") && l.split(';').count() == 5));
    assert_eq!(file["bestandsnaam"], format!("SRG_0603_{compact}_R.csv"));
    let residents = s.count(
        "SELECT COUNT(*) FROM audit WHERE actie = 'exporteren' AND object_soort = 'inwoner'",
    );
    assert!(residents > 0 && residents as u64 <= count);
    // The log gives the same file again.
    let again = s
        .get(&tl, &format!("/api/srg/leveringen/{}", file["id"]))
        .await
        .json();
    assert_eq!(again["inhoud"], file["inhoud"]);
    assert_eq!(again["bestandsnaam"], file["bestandsnaam"]);

    // Again without a change: no correction needed.
    let p = s
        .get(&tl, &format!("/api/srg?maand={last_month}"))
        .await
        .json();
    assert_eq!(
        (p["soort"].as_str(), p["gewijzigd"].as_bool()),
        (Some("C"), Some(false)),
        "{p}"
    );
    let r = s
        .post(&tl, "/api/srg", &json!({"maand": last_month}).to_string())
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    // A bought trajectory recorded afterwards for last month: the correction holds it.
    let pc = s.demo("pc.devries").await;
    let resident = s.first_resident(&pc).await;
    let start = first - Months::new(1);
    let act = json!({"soort": "inzet_traject", "start": start, "aanbieder": "Stichting Op Weg"});
    let r = s
        .post(
            &pc,
            "/api/mutaties",
            &mutation("m-srg", "activering", "srg-act", resident, 0, act),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let p = s
        .get(&tl, &format!("/api/srg?maand={last_month}"))
        .await
        .json();
    assert_eq!(p["gewijzigd"], true, "{p}");
    let r = s
        .post(&tl, "/api/srg", &json!({"maand": last_month}).to_string())
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(r.json()["inhoud"]
        .as_str()
        .unwrap()
        .starts_with(&format!("SRG;1;0603;{compact};C;")));

    // Five months back: delivered once regularly (it was missed), never corrected.
    let old = month(first - Months::new(5));
    assert_eq!(
        s.post(&tl, "/api/srg", &json!({"maand": old}).to_string())
            .await
            .status,
        201
    );
    let p = s.get(&tl, &format!("/api/srg?maand={old}")).await.json();
    assert!(
        p["soort"].is_null()
            && p["reden"]["en"]
                .as_str()
                .unwrap()
                .contains("corrections are possible only"),
        "{p}"
    );

    // Before anything was registered: the empty delivery.
    let r = s
        .post(&tl, "/api/srg", &json!({"maand": "2021-01"}).to_string())
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["inhoud"], "SRG;1;0603;202101;R;0\r\n");
    let log = s.get(&tl, "/api/srg?maand=2021-02").await.json()["leveringen"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(log, 4);
}

#[tokio::test]
async fn the_mapping_is_checked_before_it_is_saved_and_a_missing_code_stops_a_delivery() {
    let s = common::start().await;
    let admin = s.demo("beheer").await;
    let pc = s.demo("pc.devries").await;
    assert_eq!(s.get(&pc, "/api/srg/koppeling").await.status, 403);
    let current = s.get(&admin, "/api/srg/koppeling").await.json();
    assert_eq!(current["gemeentecode"], "0603");
    let text = current["tekst"].as_str().unwrap().to_string();
    assert_eq!(current["rijen"].as_array().unwrap().len(), 9);
    // A bad code and a bad municipality code: both named, nothing saved.
    let bad = text.replace("plaatsing.jobcoach;30", "plaatsing.jobcoach;3x");
    let r = s
        .post(
            &admin,
            "/api/srg/koppeling",
            &json!({"gemeentecode": "603", "tekst": bad}).to_string(),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let fields: Vec<String> = r.json()["fouten"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["veld"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["gemeentecode", "tekst"]);
    assert!(r.body.contains("regel 8"), "{}", r.body);
    assert_eq!(s.count("SELECT COUNT(*) FROM srg_koppeling"), 1);
    // Self-searchers not decided: a running self-searcher activation stops last month's delivery.
    let undecided = text.replace("activering.zelfzoeker;-", "activering.zelfzoeker;");
    let r = s
        .post(
            &admin,
            "/api/srg/koppeling",
            &json!({"gemeentecode": "0603", "tekst": undecided}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let today = s.state.now().date_naive();
    let last = month(today.with_day(1).unwrap() - Months::new(1));
    let p = s
        .get(&admin, &format!("/api/srg?maand={last}"))
        .await
        .json();
    assert!(p["controles_totaal"].as_u64().unwrap() > 0, "{p}");
    assert_eq!(p["controles"][0]["veld"], "code");
    assert_eq!(p["controles"][0]["bron"], "activering.zelfzoeker");
    let r = s
        .post(&admin, "/api/srg", &json!({"maand": last}).to_string())
        .await;
    assert_eq!(
        (r.status, r.json()["fout"]["veld"].as_str()),
        (422, Some("controles"))
    );
    assert_eq!(s.count("SELECT COUNT(*) FROM srg_levering"), 0);
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit WHERE object_soort = 'srg_koppeling'"),
        1
    );
}
