//! Referrals to partner organisations: the status rules (each status with its dates, steps in
//! order, never "completed" before "started"), the resident's consent, the follow-up reminder
//! when nothing happened for the partner's weeks, and the referral figures of the report.

use chrono::NaiveDate;
use meedoen_domain::partners::{follow_up_due, follow_up_on, Partner, PartnerKind};
use meedoen_domain::records::{check, Context, Kind, Record, Referral};
use meedoen_domain::report::{report, Input, Period, ResidentFile, Value as Figure};
use meedoen_domain::RuleSet;
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-03-01")
}

fn ctx() -> Context<'static> {
    Context {
        today: today(),
        rules: RuleSet::embedded(),
    }
}

fn base() -> Value {
    json!({"datum": "2026-01-05", "partner_id": 1, "doel": "Vrijwilligerswerk in de buurt.", "toestemming": "mondeling", "status": "aangevraagd"})
}

fn with(pairs: &[(&str, Value)]) -> Value {
    let mut v = base();
    for (k, x) in pairs {
        v[*k] = x.clone();
    }
    v
}

/// The fields a referral is refused on (empty when accepted).
fn refused(v: Value) -> Vec<String> {
    match check(Kind::Verwijzing, v, &ctx()) {
        Ok(_) => vec![],
        Err(e) => {
            for x in &e {
                assert!(!x.message.nl.is_empty() && !x.message.en.is_empty());
            }
            e.into_iter().map(|x| x.field).collect()
        }
    }
}

fn referral(v: Value) -> Referral {
    match check(Kind::Verwijzing, v, &ctx()).expect("valid") {
        Record::Verwijzing(r) => r,
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_status_goes_with_its_own_dates() {
    let accepted = json!("2026-01-12");
    let started = json!("2026-01-19");
    // The loop as it should run.
    for ok in [
        base(),
        with(&[
            ("status", json!("geaccepteerd")),
            ("geaccepteerd_op", accepted.clone()),
        ]),
        with(&[
            ("status", json!("afgewezen")),
            ("afgewezen_op", json!("2026-01-08")),
        ]),
        with(&[
            ("status", json!("gestart")),
            ("geaccepteerd_op", accepted.clone()),
            ("gestart_op", started.clone()),
        ]),
        with(&[
            ("status", json!("afgerond")),
            ("geaccepteerd_op", accepted.clone()),
            ("gestart_op", started.clone()),
            ("afgerond_op", json!("2026-02-20")),
        ]),
        // Stopped before or after the start.
        with(&[
            ("status", json!("gestopt")),
            ("geaccepteerd_op", accepted.clone()),
            ("gestopt_op", json!("2026-01-15")),
        ]),
        with(&[
            ("status", json!("gestopt")),
            ("geaccepteerd_op", accepted.clone()),
            ("gestart_op", started.clone()),
            ("gestopt_op", json!("2026-02-01")),
        ]),
    ] {
        assert_eq!(refused(ok.clone()), Vec::<String>::new(), "{ok}");
    }
    // No "completed" before "started": completed without a start date is refused on the start.
    assert_eq!(
        refused(with(&[
            ("status", json!("afgerond")),
            ("geaccepteerd_op", accepted.clone()),
            ("afgerond_op", json!("2026-02-20"))
        ])),
        ["gestart_op"]
    );
    // A status without its date names the date.
    assert_eq!(
        refused(with(&[("status", json!("geaccepteerd"))])),
        ["geaccepteerd_op"]
    );
    // A date that does not go with the status: started while still only requested, or
    // started after a decline.
    assert_eq!(
        refused(with(&[("gestart_op", started.clone())])),
        ["gestart_op"]
    );
    assert_eq!(
        refused(with(&[
            ("status", json!("afgewezen")),
            ("afgewezen_op", json!("2026-01-08")),
            ("gestart_op", started.clone())
        ])),
        ["gestart_op"]
    );
    // Steps in order: completed before the start, accepted before the request.
    assert_eq!(
        refused(with(&[
            ("status", json!("afgerond")),
            ("geaccepteerd_op", accepted.clone()),
            ("gestart_op", started.clone()),
            ("afgerond_op", json!("2026-01-18"))
        ])),
        ["afgerond_op"]
    );
    assert_eq!(
        refused(with(&[
            ("status", json!("geaccepteerd")),
            ("geaccepteerd_op", json!("2026-01-01"))
        ])),
        ["geaccepteerd_op"]
    );
    // Not in the future.
    assert_eq!(
        refused(with(&[
            ("status", json!("geaccepteerd")),
            ("geaccepteerd_op", json!("2026-03-02"))
        ])),
        ["geaccepteerd_op"]
    );
    // An unknown status names the field.
    assert_eq!(refused(with(&[("status", json!("klaar"))])), ["status"]);
}

#[test]
fn consent_purpose_and_partner_are_required() {
    let mut v = base();
    v.as_object_mut().unwrap().remove("toestemming");
    assert_eq!(refused(v), ["toestemming"]);
    assert_eq!(
        refused(with(&[("toestemming", json!("nee"))])),
        ["toestemming"]
    );
    assert_eq!(refused(with(&[("doel", json!("werk"))])), ["doel"]);
    assert_eq!(refused(with(&[("partner_id", json!(0))])), ["partner_id"]);
    assert_eq!(
        refused(with(&[("opgevolgd_op", json!("2026-01-01"))])),
        ["opgevolgd_op"]
    );
}

fn partner(id: i64, weeks: u8) -> Partner {
    Partner {
        id,
        naam: format!("Partner {id}"),
        soort: PartnerKind::Vrijwilligerscentrale,
        omschrijving: None,
        email: None,
        telefoon: None,
        opvolgen_na_weken: weeks,
        actief: true,
        versie: 1,
    }
}

#[test]
fn a_referral_without_news_for_the_partners_weeks_is_due_for_a_follow_up() {
    let partners = [partner(1, 2)];
    let r = referral(base());
    // Requested on 5 January; two weeks without news: due on 19 January.
    assert_eq!(follow_up_on(&r, &partners), Some(d("2026-01-19")));
    assert_eq!(follow_up_due(&r, &partners, d("2026-01-18")), None);
    assert_eq!(
        follow_up_due(&r, &partners, d("2026-01-19")),
        Some(d("2026-01-19"))
    );
    // Every step and every follow-up is news: the clock starts again.
    let r = referral(with(&[
        ("status", json!("geaccepteerd")),
        ("geaccepteerd_op", json!("2026-01-12")),
        ("opgevolgd_op", json!("2026-02-01")),
    ]));
    assert_eq!(follow_up_on(&r, &partners), Some(d("2026-02-15")));
    // An unknown partner: the default of four weeks.
    assert_eq!(follow_up_on(&r, &[]), Some(d("2026-03-01")));
    // Closed referrals are not followed up.
    for closed in [
        with(&[
            ("status", json!("afgewezen")),
            ("afgewezen_op", json!("2026-01-08")),
        ]),
        with(&[
            ("status", json!("afgerond")),
            ("geaccepteerd_op", json!("2026-01-12")),
            ("gestart_op", json!("2026-01-19")),
            ("afgerond_op", json!("2026-02-20")),
        ]),
    ] {
        assert_eq!(follow_up_on(&referral(closed), &partners), None);
    }
}

#[test]
fn partners_are_checked_field_by_field() {
    assert!(partner(1, 4).check().is_ok());
    let fields = |p: Partner| -> Vec<String> {
        p.check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect()
    };
    assert_eq!(fields(partner(1, 0)), ["opvolgen_na_weken"]);
    assert_eq!(fields(partner(1, 27)), ["opvolgen_na_weken"]);
    let mut p = partner(1, 4);
    p.naam = " ".into();
    p.email = Some("geen-adres".into());
    p.telefoon = Some("12".into());
    assert_eq!(fields(p), ["naam", "email", "telefoon"]);
}

#[test]
fn the_report_counts_referrals_per_step_and_per_partner() {
    let partners = [partner(1, 4), partner(2, 6)];
    let rec = |v: Value| Record::Verwijzing(referral(v));
    let files = vec![
        ResidentFile {
            id: 1,
            consultant: Some(10),
            team: "participatie".into(),
            records: vec![
                rec(with(&[
                    ("status", json!("gestart")),
                    ("geaccepteerd_op", json!("2026-01-12")),
                    ("gestart_op", json!("2026-01-19")),
                ])),
                rec(with(&[
                    ("partner_id", json!(2)),
                    ("datum", json!("2025-12-01")),
                    ("status", json!("afgewezen")),
                    ("afgewezen_op", json!("2026-01-02")),
                ])),
            ],
        },
        ResidentFile {
            id: 2,
            consultant: Some(10),
            team: "participatie".into(),
            records: vec![rec(base())],
        },
    ];
    let input = Input {
        files: &files,
        consultants: &[],
        norm: 85,
        start: d("2022-09-01"),
        today: today(),
        ambitions: &[],
        rules: RuleSet::embedded(),
        own_team: Some("participatie"),
        partners: &partners,
    };
    let r = report(
        &input,
        Period {
            van: d("2026-01-01"),
            tot: d("2026-01-31"),
        },
    );
    let value = |id: &str| r.figure(id).unwrap_or_else(|| panic!("{id}")).waarde;
    assert_eq!(value("verwijzingen"), Figure::Aantal(2));
    assert_eq!(value("verwijzingen.geaccepteerd"), Figure::Aantal(1));
    assert_eq!(value("verwijzingen.gestart"), Figure::Aantal(1));
    // Declined in January, though requested in December.
    assert_eq!(value("verwijzingen.afgewezen"), Figure::Aantal(1));
    assert_eq!(value("verwijzingen.afgerond"), Figure::Aantal(0));
    assert_eq!(value("verwijzingen.partner.1"), Figure::Aantal(2));
    assert_eq!(value("verwijzingen.partner.2"), Figure::Aantal(0));
    assert_eq!(
        r.figure("verwijzingen.partner.2").unwrap().vorige,
        Figure::Aantal(1)
    );
    assert_eq!(r.figure("verwijzingen").unwrap().inwoners, vec![1, 2]);
    let s = r.secties.iter().find(|s| s.id == "verwijzingen").unwrap();
    assert!(r
        .summary(s, meedoen_domain::Lang::Nl)
        .contains("verwijzingen naar partners 2"));
}
