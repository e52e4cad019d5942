//! The SRG delivery to CBS: a fixture month with known provisions gives the expected file byte
//! for byte; an empty month gives the empty delivery; the checks (missing code, end before
//! start, BSN) stop a delivery and name the resident; corrections only for the three previous
//! months; the mapping file's problems are named by line and column.

use chrono::NaiveDate;
use meedoen_domain::records::{Kind, Record};
use meedoen_domain::report::ResidentFile;
use meedoen_domain::srg::{
    kind_for, lines, provisions, Code, Delivery, Kind as DeliveryKind, Mapping, Month,
    DEFAULT_MAPPING,
};
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn rec(kind: Kind, v: Value) -> Record {
    Record::parse(kind, v.as_object().unwrap().clone()).unwrap()
}

fn file(id: i64, bsn: Option<&str>, records: Vec<Record>) -> ResidentFile {
    let mut person = json!({"naam": format!("Inwoner {id}")});
    if let Some(b) = bsn {
        person["bsn"] = json!(b);
    }
    let mut all = vec![rec(Kind::Inwoner, person)];
    all.extend(records);
    ResidentFile {
        id,
        consultant: Some(1),
        team: "participatie".into(),
        records: all,
    }
}

fn activation(kind: &str, start: &str, end: Option<&str>) -> Record {
    let mut v = json!({"soort": kind, "start": start});
    if kind == "inzet_traject" {
        v["aanbieder"] = json!("Stichting Op Weg");
    }
    if let Some(e) = end {
        v["einde"] = json!(e);
    }
    rec(Kind::Activering, v)
}

fn fixture() -> Vec<ResidentFile> {
    vec![
        file(
            1,
            Some("111222333"),
            vec![
                activation("vrijwilligerswerk", "2025-09-15", Some("2025-11-20")),
                activation("mantelzorg", "2025-01-01", None),
            ],
        ),
        file(
            2,
            Some("123456782"),
            vec![rec(
                Kind::Plaatsing,
                json!({"start": "2025-10-01", "werkgever": "Bouwbedrijf", "contract": "dienstverband", "uren_per_week": 24,
                       "proefplaatsing_van": "2025-08-01", "jobcoach": true, "werkplekaanpassing": true, "ondersteuning_tot": "2026-03-31"}),
            )],
        ),
        file(
            3,
            Some("987654305"),
            vec![activation("inzet_traject", "2025-11-30", None)],
        ),
        file(
            4,
            Some("111222333"),
            vec![activation(
                "inzet_traject",
                "2025-06-02",
                Some("2025-10-31"),
            )],
        ),
    ]
}

fn month(s: &str) -> Month {
    Month::parse(s).unwrap()
}

fn delivery(files: &[ResidentFile], m: &str) -> Result<Delivery, Vec<meedoen_domain::srg::Check>> {
    let mapping = Mapping::parse(DEFAULT_MAPPING).unwrap();
    let regels = lines(&provisions(files), &mapping, month(m))?;
    Ok(Delivery {
        gemeentecode: "0603".into(),
        maand: month(m),
        soort: DeliveryKind::Regulier,
        regels,
    })
}

#[test]
fn a_fixture_month_gives_the_expected_file_byte_for_byte() {
    let d = delivery(&fixture(), "2025-11").unwrap();
    assert_eq!(
        d.text(),
        "SRG;1;0603;202511;R;4\r\n\
         VZ;111222333;29;20250915;20251120\r\n\
         VZ;123456782;30;20251001;\r\n\
         VZ;123456782;31;20251001;\r\n\
         VZ;987654305;59;20251130;\r\n"
    );
    assert_eq!(d.file_name(), "SRG_0603_202511_R.csv");
    // September: the trial placement (up to the day before the job) and the volunteering.
    let sep = delivery(&fixture(), "2025-09").unwrap().text();
    assert_eq!(
        sep,
        "SRG;1;0603;202509;R;3\r\n\
         VZ;111222333;29;20250915;\r\n\
         VZ;111222333;59;20250602;\r\n\
         VZ;123456782;23;20250801;20250930\r\n"
    );
}

#[test]
fn a_month_without_provisions_gives_the_empty_delivery() {
    let d = delivery(&fixture(), "2024-03").unwrap();
    assert!(d.regels.is_empty());
    assert_eq!(d.text(), "SRG;1;0603;202403;R;0\r\n");
    assert_eq!(
        delivery(&[], "2025-11").unwrap().text(),
        "SRG;1;0603;202511;R;0\r\n"
    );
}

#[test]
fn checks_stop_a_delivery_and_name_the_resident() {
    let mut files = fixture();
    // No BSN, a BSN that fails the 11-check, and a wage-cost subsidy without a decided code.
    files.push(file(
        5,
        None,
        vec![activation("inzet_traject", "2025-11-03", None)],
    ));
    files.push(file(
        6,
        Some("111222334"),
        vec![activation("vrijwilligerswerk", "2025-11-03", None)],
    ));
    files.push(file(
        7,
        Some("123456782"),
        vec![rec(
            Kind::Plaatsing,
            json!({"start": "2025-11-01", "werkgever": "Zorg BV", "contract": "dienstverband", "uren_per_week": 20, "loonkostensubsidie": true}),
        )],
    ));
    let checks = delivery(&files, "2025-11").unwrap_err();
    let seen: Vec<(i64, &str)> = checks
        .iter()
        .map(|c| (c.inwoner, c.veld.as_str()))
        .collect();
    assert_eq!(seen, [(5, "bsn"), (6, "bsn"), (7, "code")]);
    for c in &checks {
        assert!(!c.melding.nl.is_empty() && !c.melding.en.is_empty());
    }
    // An end before the start (a provision read from an unchecked record) is named on the end.
    let mapping = Mapping::parse(DEFAULT_MAPPING).unwrap();
    let p = meedoen_domain::srg::Provision {
        resident: 9,
        bsn: Some("111222333".into()),
        source: "activering.inzet_traject".into(),
        start: NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
        end: Some(NaiveDate::from_ymd_opt(2025, 11, 10).unwrap()),
    };
    let checks = lines(&[p], &mapping, month("2025-11")).unwrap_err();
    assert_eq!(checks[0].veld, "einde");
}

#[test]
fn corrections_only_for_the_three_previous_months() {
    let today = NaiveDate::from_ymd_opt(2026, 2, 10).unwrap();
    assert_eq!(
        kind_for(month("2026-01"), today, false),
        Ok(DeliveryKind::Regulier)
    );
    assert_eq!(
        kind_for(month("2025-06"), today, false),
        Ok(DeliveryKind::Regulier)
    );
    assert!(
        kind_for(month("2026-02"), today, false).is_err(),
        "the month is not over"
    );
    assert!(kind_for(month("2026-03"), today, false).is_err());
    assert_eq!(
        kind_for(month("2026-01"), today, true),
        Ok(DeliveryKind::Correctie)
    );
    assert_eq!(
        kind_for(month("2025-11"), today, true),
        Ok(DeliveryKind::Correctie)
    );
    let too_old = kind_for(month("2025-10"), today, true).unwrap_err();
    assert!(
        too_old.nl.contains("2025-11 tot en met 2026-01"),
        "{}",
        too_old.nl
    );
}

#[test]
fn the_mapping_file_is_checked_by_line_and_column() {
    let m = Mapping::parse(DEFAULT_MAPPING).unwrap();
    assert_eq!(m.code("activering.inzet_traject"), Code::Cbs(59));
    assert_eq!(m.code("activering.mantelzorg"), Code::Niet);
    assert_eq!(m.code("plaatsing.loonkostensubsidie"), Code::Onbekend);
    let bad = DEFAULT_MAPPING
        .replace("activering.zelfzoeker;-", "activering.zelfzoekr;-")
        .replace("plaatsing.jobcoach;30", "plaatsing.jobcoach;300")
        + "plaatsing.jobcoach;30;nog een keer\n";
    let problems = Mapping::parse(&bad).unwrap_err();
    let seen: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.regel, p.kolom.as_str()))
        .collect();
    // The misspelt source, the bad code, the job coach named twice, and the source now
    // missing (a source on a line with a problem is not also missing).
    assert_eq!(seen, [(6, "bron"), (8, "code"), (11, "bron"), (0, "bron")]);
    assert!(problems[3].melding.nl.contains("activering.zelfzoeker"));
    let twice = format!("{DEFAULT_MAPPING}plaatsing.werkplekaanpassing;31;\n");
    let problems = Mapping::parse(&twice).unwrap_err();
    assert_eq!(
        (problems[0].regel, problems[0].kolom.as_str()),
        (11, "bron")
    );
    let no_header = Mapping::parse("activering.mantelzorg;-;x\n").unwrap_err();
    assert_eq!((no_header[0].regel, no_header[0].kolom.as_str()), (1, ""));
    assert!(Month::parse("2025-13").is_err() && Month::parse("nov").is_err());
}
