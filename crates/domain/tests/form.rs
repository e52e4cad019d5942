//! The resident's form draft: which pages it asks, and that every mistake is reported on the
//! page and input where the resident can fix it (issue 6).

use chrono::NaiveDate;
use meedoen_domain::form::{Draft, Step};
use meedoen_domain::submission::{Activity, Channel, HowOften, Obstacle};
use meedoen_domain::Lang;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn complete() -> Draft {
    let mut d = Draft::default();
    d.set_doing(Activity::Mantelzorg, true);
    d.set_doing(Activity::Club, true);
    let m = d.doing_mut(Activity::Mantelzorg).unwrap();
    m.hoe_vaak = Some(HowOften::ElkeDag);
    m.uren = "12,5".into();
    d.doing_mut(Activity::Club).unwrap().hoe_vaak = Some(HowOften::ElkeWeek);
    d.wil = vec![Activity::Vrijwilligerswerk];
    d.moeilijk = vec![Obstacle::Taal];
    d.naam = " Fatima Yilmaz ".into();
    d.dag = "3".into();
    d.maand = "11".into();
    d.jaar = "1984".into();
    d.manier = Some(Channel::Telefoon);
    d.telefoon = "06 12345678".into();
    d.email = "not sent@example".into();
    d
}

/// (page, input) of every problem.
fn problems(d: &Draft) -> Vec<(String, String)> {
    d.problems(today())
        .into_iter()
        .map(|p| {
            assert!(!p.message.nl.is_empty() && !p.message.en.is_empty());
            (p.step.slug(), p.input)
        })
        .collect()
}

#[test]
fn pages_follow_the_answers_one_question_each() {
    let d = complete();
    let slugs: Vec<String> = d.steps().into_iter().map(Step::slug).collect();
    assert_eq!(
        slugs,
        [
            "nu",
            "hoe-vaak-mantelzorg",
            "hoe-vaak-club",
            "wil",
            "moeilijk",
            "naam",
            "geboortedatum",
            "contact",
            "wanneer",
            "controleren"
        ]
    );
    for s in d.steps() {
        assert_eq!(Step::from_slug(&s.slug()), Some(s));
    }
    assert_eq!(Step::from_slug("hoe-vaak-onzin"), None);
    assert_eq!(d.next(Step::Nu), Some(Step::Vaak(Activity::Mantelzorg)));
    assert_eq!(d.previous(Step::Wil), Some(Step::Vaak(Activity::Club)));
    assert_eq!(d.next(Step::Controleren), None);
}

#[test]
fn a_complete_draft_becomes_a_checked_submission_with_only_the_chosen_channel() {
    let s = complete().to_submission(Lang::En, today()).unwrap();
    assert_eq!(s.taal, Lang::En);
    assert_eq!(s.nu.len(), 2);
    assert_eq!(s.nu[0].uren_per_week, Some(12.5));
    assert_eq!(s.nu[1].uren_per_week, None);
    assert_eq!(s.contact.naam, "Fatima Yilmaz");
    assert_eq!(
        s.contact.geboortedatum,
        NaiveDate::from_ymd_opt(1984, 11, 3).unwrap()
    );
    assert_eq!(s.contact.telefoon.as_deref(), Some("06 12345678"));
    assert_eq!(
        s.contact.email, None,
        "an email typed but not chosen is not sent"
    );
    assert!(s.check(today()).is_ok());
}

#[test]
fn an_empty_draft_names_every_required_page() {
    assert_eq!(
        problems(&Draft::default()),
        [
            ("nu".into(), "nu-betaald_werk".into()),
            ("naam".into(), "naam".into()),
            ("geboortedatum".into(), "geboortedatum-dag".into()),
            ("contact".into(), "manier-telefoon".into()),
        ]
    );
    let d = Draft {
        nu_geen: true,
        ..Draft::default()
    };
    assert!(!problems(&d).iter().any(|(s, _)| s == "nu"));
}

#[test]
fn how_often_and_hours_are_asked_and_checked_on_their_own_page() {
    let mut d = complete();
    d.doing_mut(Activity::Club).unwrap().hoe_vaak = None;
    d.doing_mut(Activity::Mantelzorg).unwrap().uren = "veel".into();
    assert_eq!(
        problems(&d),
        [
            ("hoe-vaak-mantelzorg".into(), "uren-mantelzorg".into()),
            ("hoe-vaak-club".into(), "vaak-club-elke_dag".into()),
        ]
    );
    for (uren, ok) in [
        ("", false),
        ("81", false),
        ("-1", false),
        ("0", true),
        ("80", true),
        ("7.5", true),
    ] {
        let mut d = complete();
        d.doing_mut(Activity::Mantelzorg).unwrap().uren = uren.into();
        assert_eq!(problems(&d).is_empty(), ok, "hours {uren:?}");
    }
}

#[test]
fn unticking_keeps_other_answers_and_ticking_again_asks_again() {
    let mut d = complete();
    d.set_doing(Activity::Mantelzorg, false);
    assert_eq!(d.nu.len(), 1);
    assert_eq!(d.nu[0].hoe_vaak, Some(HowOften::ElkeWeek));
    d.set_doing(Activity::BetaaldWerk, true);
    assert_eq!(
        d.nu[0].soort,
        Activity::BetaaldWerk,
        "kept in the order of the form"
    );
    assert_eq!(problems(&d)[0].0, "hoe-vaak-betaald_werk");
}

#[test]
fn a_birth_date_is_three_boxes_each_with_its_own_message() {
    for ((dag, maand, jaar), input) in [
        (("", "", ""), "geboortedatum-dag"),
        (("32", "1", "1980"), "geboortedatum-dag"),
        (("1", "13", "1980"), "geboortedatum-maand"),
        (("1", "1", "80"), "geboortedatum-jaar"),
        (("31", "2", "1980"), "geboortedatum-dag"),
        (("1", "1", "2020"), "geboortedatum-dag"),
        (("1", "1", "1900"), "geboortedatum-dag"),
    ] {
        let mut d = complete();
        (d.dag, d.maand, d.jaar) = (dag.into(), maand.into(), jaar.into());
        assert_eq!(
            problems(&d),
            [("geboortedatum".into(), input.into())],
            "{dag}-{maand}-{jaar}"
        );
    }
}

#[test]
fn the_chosen_channel_needs_its_address_and_it_must_be_right() {
    let mut d = complete();
    d.telefoon = " ".into();
    assert_eq!(problems(&d), [("contact".into(), "telefoon".into())]);
    d.telefoon = "12345".into();
    assert_eq!(problems(&d), [("contact".into(), "telefoon".into())]);
    d.manier = Some(Channel::Email);
    assert_eq!(problems(&d), [("contact".into(), "email".into())]);
    d.email = "iemand@voorbeeld.nl".into();
    assert!(problems(&d).is_empty());
    d.manier = Some(Channel::Brief);
    assert!(problems(&d).is_empty());
}

#[test]
fn long_explanations_are_reported_on_their_page() {
    let mut d = complete();
    d.wil_toelichting = "x".repeat(1001);
    d.moeilijk_toelichting = "ok".into();
    assert_eq!(problems(&d), [("wil".into(), "wil_toelichting".into())]);
    assert!(d.problems_on(Step::Moeilijk, today()).is_empty());
}

#[test]
fn a_saved_draft_round_trips_and_an_old_one_still_loads() {
    let d = complete();
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<Draft>(&text).unwrap(), d);
    let old: Draft = serde_json::from_str(r#"{"naam":"Jan"}"#).unwrap();
    assert_eq!(old.naam, "Jan");
    assert!(Draft::default().is_empty() && !old.is_empty());
}

#[test]
fn the_check_page_shows_the_date_of_birth_as_a_date() {
    let mut d = complete();
    (d.dag, d.maand, d.jaar) = ("7".into(), "4".into(), "1988".into());
    assert_eq!(d.birth_date_text(Lang::Nl), "7 april 1988");
    assert_eq!(d.birth_date_text(Lang::En), "7 April 1988");
    // Not a date yet: shown as typed (the page's error says what to fix).
    (d.dag, d.maand, d.jaar) = (" 31".into(), "2".into(), "1988 ".into());
    assert_eq!(d.birth_date_text(Lang::Nl), "31 2 1988");
}
