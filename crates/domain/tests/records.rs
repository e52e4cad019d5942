//! Record checks: every kind accepts a plausible record, and every kind of mistake is reported
//! on the right field in Dutch and English. Also the resident's self-service submission.

use chrono::NaiveDate;
use meedoen_domain::records::{check, check_id, Context, Kind, Record};
use meedoen_domain::submission::Submission;
use meedoen_domain::RuleSet;
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn run(kind: Kind, v: Value) -> Result<Record, Vec<(String, String)>> {
    let ctx = Context {
        today: today(),
        rules: RuleSet::embedded(),
    };
    check(kind, v, &ctx).map_err(|e| {
        e.into_iter()
            .map(|x| {
                assert!(!x.message.nl.is_empty() && !x.message.en.is_empty());
                (x.field, x.message.nl.into_owned())
            })
            .collect()
    })
}

fn fields(r: Result<Record, Vec<(String, String)>>) -> Vec<String> {
    match r {
        Ok(rec) => panic!("expected errors, got {rec:?}"),
        Err(e) => e.into_iter().map(|(f, _)| f).collect(),
    }
}

fn isolated_facts(date: &str) -> Value {
    json!({
        "peildatum": date, "betaald_werk": {"soort": "geen"}, "onbetaald_werk": [],
        "mantelzorg_uren_per_week": 0, "dagbesteding": "geen",
        "georganiseerde_activiteiten_per_week": 0, "sociale_contacten_per_week": 0,
        "in_bijstand_sinds": "2020-01-01", "gereedheid": "later", "groeipotentieel": 3
    })
}

fn measurement() -> Value {
    json!({
        "datum": "2026-03-02", "aanleiding": "intake", "feiten": isolated_facts("2026-03-02"),
        "suggestie": {"trede": 1, "traject": "zorg", "wsp": false, "segment": "later"},
        "besluit": {"trede": 1, "traject": "zorg"}
    })
}

#[test]
fn every_kind_accepts_a_plausible_record() {
    let good = [
        (
            Kind::Inwoner,
            json!({"naam": "A. de Vries", "bsn": "111222333", "geboortedatum": "1980-05-17", "in_bijstand_sinds": "2021-02-01", "wachtlijst": "later", "telefoon": "06 12345678", "email": "a@voorbeeld.nl"}),
        ),
        (Kind::Meting, measurement()),
        (
            Kind::Intake,
            json!({"datum": "2025-01-10", "domeinen": [{"domein": "financien", "reden": "schulden genoemd bij aanmelding", "score": 2}], "wensen": "vrijwilligerswerk in de buurt"}),
        ),
        (
            Kind::Plan,
            json!({"datum": "2025-01-20", "doelen": [{"omschrijving": "Elke week naar het taalcafé", "streefdatum": "2025-06-01"}], "evaluatiedatum": "2025-07-01", "status": "actief"}),
        ),
        (
            Kind::Activering,
            json!({"soort": "inzet_traject", "start": "2025-02-01", "aanbieder": "Werkplaats Zuid", "kosten_euro": 2400}),
        ),
        (
            Kind::Gesprek,
            json!({"datum": "2025-03-01", "soort": "voortgang", "verslag": "Gaat goed bij het taalcafé."}),
        ),
        (
            Kind::Overdracht,
            json!({"datum": "2025-09-01", "reden": "Klaar voor betaald werk in de zorg.", "status": "aangemeld"}),
        ),
        (
            Kind::Uitstroom,
            json!({"datum": "2025-12-01", "reden": "werk", "via_aanpak": true}),
        ),
        (
            Kind::Plaatsing,
            json!({"start": "2025-01-06", "werkgever": "Bouwbedrijf Ypenburg", "contract": "dienstverband", "uren_per_week": 32, "sroi": true, "werkt_na_6_maanden": true}),
        ),
    ];
    for (kind, v) in good {
        let fields = v.as_object().unwrap().clone();
        let r = run(kind, v).unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        assert_eq!(r.kind(), kind);
        // The light path the browser uses reads the same record, and writes the same fields.
        let light = Record::read(kind, &fields).unwrap();
        assert_eq!(light, r);
        assert_eq!(Record::read(kind, &r.to_fields()).unwrap(), r);
    }
}

#[test]
fn parse_errors_name_the_field_in_dutch() {
    let e = run(Kind::Intake, json!({"datum": "2025-13-40"})).unwrap_err();
    assert_eq!(e[0].0, "datum");
    let e = run(
        Kind::Plan,
        json!({"datum": "2025-01-01", "doelen": [], "status": "klaar"}),
    )
    .unwrap_err();
    assert_eq!(e[0].0, "status");
    let e = run(
        Kind::Gesprek,
        json!({"datum": "2025-01-01", "soort": "voortgang", "verslag": "x", "geheim": 1}),
    )
    .unwrap_err();
    assert!(e[0].1.contains("geheim"), "{e:?}");
    let e = run(
        Kind::Activering,
        json!({"soort": "mantelzorg", "start": 20250101}),
    )
    .unwrap_err();
    assert_eq!(e[0].0, "start");
}

#[test]
fn resident_checks() {
    let f = fields(run(
        Kind::Inwoner,
        json!({"naam": " ", "bsn": "123456789", "geboortedatum": "1850-01-01", "wachtlijst": "morgen", "telefoon": "bel me", "email": "geen-adres"}),
    ));
    assert_eq!(
        f,
        [
            "naam",
            "bsn",
            "geboortedatum",
            "wachtlijst",
            "telefoon",
            "email"
        ]
    );
    let f = fields(run(
        Kind::Inwoner,
        json!({"naam": "Kind", "geboortedatum": "2020-01-01"}),
    ));
    assert_eq!(f, ["geboortedatum"]);
    // Eight digits get a leading zero before the 11-check.
    assert!(run(Kind::Inwoner, json!({"naam": "B", "bsn": "10000008"})).is_ok());
    assert_eq!(
        fields(run(Kind::Inwoner, json!({"naam": "B", "bsn": "10000009"}))),
        ["bsn"]
    );
}

#[test]
fn measurement_suggestion_must_match_the_rules_and_overrides_need_a_reason() {
    let mut m = measurement();
    m["suggestie"]["trede"] = json!(3);
    let e = run(Kind::Meting, m).unwrap_err();
    assert_eq!(e[0].0, "suggestie");
    assert!(e[0].1.contains("trede 1"), "{e:?}");

    let mut m = measurement();
    m["besluit"] = json!({"trede": 2, "traject": "zorg"});
    assert_eq!(fields(run(Kind::Meting, m.clone())), ["reden_afwijking"]);
    m["reden_afwijking"] = json!("Gaat wekelijks naar de kerk, dat telt mee.");
    assert!(run(Kind::Meting, m).is_ok());

    let mut m = measurement();
    m["feiten"]["peildatum"] = json!("2026-03-01");
    assert!(fields(run(Kind::Meting, m)).contains(&"feiten.peildatum".to_string()));

    let mut m = measurement();
    m["feiten"]["sociale_contacten_per_week"] = json!(-2);
    m["besluit"]["trede"] = json!(9);
    let f = fields(run(Kind::Meting, m));
    assert!(
        f.contains(&"feiten.sociale_contacten_per_week".to_string()),
        "{f:?}"
    );
    assert!(f.contains(&"besluit.trede".to_string()), "{f:?}");
}

#[test]
fn measurement_uses_the_rules_in_force_on_its_date() {
    // 10 hours of informal care: not counted before 2025, step 4 from 2025 on. The flow part
    // (WSP, waiting list) is taken from the engine; step and trajectory are the point here.
    for (date, step, traject) in [("2024-06-03", 1, "zorg"), ("2025-06-02", 4, "werk")] {
        let mut m = measurement();
        m["datum"] = json!(date);
        m["feiten"] = isolated_facts(date);
        m["feiten"]["mantelzorg_uren_per_week"] = json!(10);
        let facts: meedoen_domain::RawFacts = serde_json::from_value(m["feiten"].clone()).unwrap();
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        let out = meedoen_domain::assess(
            &RuleSet::embedded().at(d).unwrap(),
            &facts.validate().unwrap(),
        );
        m["suggestie"] =
            json!({"trede": step, "traject": traject, "wsp": out.wsp, "segment": out.segment});
        m["besluit"] = json!({"trede": step, "traject": traject});
        run(Kind::Meting, m.clone()).unwrap_or_else(|e| panic!("{date}: {e:?}"));
        // The other date's answer is refused as a suggestion.
        let (other_step, other_traject) = if step == 1 { (4, "werk") } else { (1, "zorg") };
        m["suggestie"]["trede"] = json!(other_step);
        m["suggestie"]["traject"] = json!(other_traject);
        assert_eq!(fields(run(Kind::Meting, m)), ["suggestie"], "{date}");
    }
}

#[test]
fn intake_domains_each_need_a_reason_and_appear_once() {
    let f = fields(run(
        Kind::Intake,
        json!({"datum": "2025-01-10", "domeinen": [
            {"domein": "justitie", "reden": ""},
            {"domein": "financien", "reden": "schulden", "score": 7},
            {"domein": "financien", "reden": "nogmaals"}
        ]}),
    ));
    assert_eq!(
        f,
        [
            "domeinen[0].reden",
            "domeinen[1].score",
            "domeinen[2].domein"
        ]
    );
}

#[test]
fn dates_must_be_plausible() {
    let f = fields(run(
        Kind::Gesprek,
        json!({"datum": "2027-01-01", "soort": "nazorg", "verslag": "x"}),
    ));
    assert_eq!(f, ["datum"]);
    let f = fields(run(
        Kind::Plan,
        json!({"datum": "2025-01-20", "doelen": [{"omschrijving": "Taalles", "streefdatum": "2024-01-01"}], "evaluatiedatum": "2099-01-01", "nazorg_tot": "2024-12-31", "status": "concept"}),
    ));
    assert_eq!(f, ["doelen[0].streefdatum", "evaluatiedatum", "nazorg_tot"]);
    let f = fields(run(
        Kind::Activering,
        json!({"soort": "vrijwilligerswerk", "start": "1999-12-31", "uren_per_week": 400}),
    ));
    assert_eq!(f, ["start", "uren_per_week"]);
    let f = fields(run(
        Kind::Plaatsing,
        json!({"start": "2026-09-01", "werkgever": "X BV", "contract": "dienstverband", "uren_per_week": 20, "werkt_na_6_maanden": true}),
    ));
    assert_eq!(f, ["werkt_na_6_maanden"]);
    // Eight months in: the 6-month check-point may be filled in, the 12-month one not yet.
    let f = fields(run(
        Kind::Plaatsing,
        json!({"start": "2026-03-15", "werkgever": "X BV", "contract": "dienstverband", "uren_per_week": 20, "werkt_na_6_maanden": true, "werkt_na_12_maanden": true}),
    ));
    assert_eq!(f, ["werkt_na_12_maanden"]);
}

#[test]
fn inzet_traject_needs_a_provider_and_text_has_no_control_characters() {
    let f = fields(run(
        Kind::Activering,
        json!({"soort": "inzet_traject", "start": "2025-02-01", "toelichting": "a\u{0007}b"}),
    ));
    assert_eq!(f, ["aanbieder", "toelichting"]);
}

#[test]
fn record_ids() {
    assert!(check_id("0b7c-44_x").is_ok());
    for bad in ["", "a b", "../x", "<script>", &"x".repeat(65)] {
        assert!(check_id(bad).is_err(), "{bad}");
    }
}

fn submission() -> Value {
    json!({
        "taal": "nl",
        "nu": [{"soort": "mantelzorg", "hoe_vaak": "elke_dag", "uren_per_week": 12},
               {"soort": "contacten", "hoe_vaak": "elke_week"}],
        "wil": ["vrijwilligerswerk"],
        "moeilijk": ["gezondheid"],
        "contact": {"naam": "Fatima B.", "geboortedatum": "1979-04-02", "manier": "telefoon", "telefoon": "06-12345678", "wanneer": ["ochtend"]}
    })
}

#[test]
fn submission_checks_and_indicative_facts() {
    let s: Submission = serde_json::from_value(submission()).unwrap();
    s.check(today()).unwrap();
    let facts = s.indicative_facts(today());
    let situation = facts.validate().unwrap();
    let rules = RuleSet::embedded().at(today()).unwrap();
    let out = meedoen_domain::assess(&rules, &situation);
    // 12 hours of informal care counts as step 4 under the 2025 rules.
    assert_eq!(out.trede, Some(4));

    let mut bad = submission();
    bad["contact"]["telefoon"] = json!("");
    bad["contact"]["geboortedatum"] = json!("2024-01-01");
    bad["nu"][1]["soort"] = json!("mantelzorg");
    let s: Submission = serde_json::from_value(bad).unwrap();
    let e: Vec<String> = s
        .check(today())
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        e,
        ["nu[1].soort", "contact.geboortedatum", "contact.telefoon"]
    );
}

#[test]
fn the_live_suggestion_is_exactly_what_a_measurement_record_must_carry() {
    use meedoen_domain::records::suggest;
    use meedoen_domain::submission::Submission;
    let s: Submission = serde_json::from_value(json!({
        "taal": "nl",
        "nu": [{"soort": "vrijwilligerswerk", "hoe_vaak": "paar_keer_per_week"}],
        "contact": {"naam": "Ab Cd", "geboortedatum": "1980-01-01", "manier": "brief"}
    }))
    .unwrap();
    let mut facts = s.indicative_facts(today());
    facts.dagbesteding = Some(meedoen_domain::facts::DayActivities::Geen);
    facts.gereedheid = Some(meedoen_domain::facts::Readiness::Nu);
    let (sug, outcome, explanation) = suggest(RuleSet::embedded(), &facts, today()).unwrap();
    assert!(sug.trede.is_some() && !explanation.punten.is_empty());
    assert_eq!(sug.trede, outcome.trede);
    let record = json!({
        "datum": today(), "aanleiding": "intake", "feiten": facts, "suggestie": sug,
        "besluit": {"trede": sug.trede.unwrap(), "traject": sug.traject.clone().unwrap()}
    });
    assert!(run(Kind::Meting, record).is_ok());
    // Bad facts are reported per field instead of a suggestion.
    facts.mantelzorg_uren_per_week = Some(-1.0);
    let errors = suggest(RuleSet::embedded(), &facts, today()).unwrap_err();
    assert_eq!(errors[0].field, "mantelzorg_uren_per_week");
}

/// The field tables (`Kind::fields`) that forms and the server read agree with the checks:
/// every bound, choice and required field they state is enforced on that field (issue 12).
#[test]
fn field_specs_agree_with_the_checks() {
    use meedoen_domain::vocab::Input;
    let good = [
        (Kind::Meting, measurement()),
        (Kind::Intake, json!({"datum": "2025-01-10"})),
        (
            Kind::Plan,
            json!({"datum": "2025-01-20", "doelen": [{"omschrijving": "Elke week naar het taalcafé"}], "status": "actief"}),
        ),
        (
            Kind::Activering,
            json!({"soort": "mantelzorg", "start": "2025-02-01"}),
        ),
        (
            Kind::Gesprek,
            json!({"datum": "2025-03-01", "soort": "voortgang", "verslag": "Gaat goed."}),
        ),
        (
            Kind::Overdracht,
            json!({"datum": "2025-09-01", "reden": "Klaar voor werk.", "status": "aangemeld"}),
        ),
        (
            Kind::Uitstroom,
            json!({"datum": "2025-12-01", "reden": "werk"}),
        ),
        (
            Kind::Plaatsing,
            json!({"start": "2025-01-06", "werkgever": "Bouwbedrijf", "contract": "dienstverband", "uren_per_week": 32}),
        ),
        (
            Kind::Verwijzing,
            json!({"datum": "2025-02-01", "partner_id": 1, "doel": "Vrijwilligerswerk zoeken.", "toestemming": "mondeling", "status": "aangevraagd"}),
        ),
        (Kind::Inwoner, json!({"naam": "A. de Vries"})),
    ];
    assert_eq!(good.len(), Kind::ALL.len());
    let refused_on = |kind: Kind, v: &Value, name: &str, what: &str| {
        let e = run(kind, v.clone()).expect_err(&format!("{kind:?}.{name}: {what} accepted"));
        assert!(
            e.iter()
                .any(|(f, _)| f == name || f.starts_with(&format!("{name}."))),
            "{kind:?}.{name}: {what} refused on other fields: {e:?}"
        );
    };
    for (kind, base) in good {
        run(kind, base.clone()).unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        for f in kind.fields() {
            assert!(
                !f.label.nl.is_empty() && !f.label.en.is_empty(),
                "{kind:?}.{}",
                f.name
            );
            let with = |x: Value| {
                let mut v = base.clone();
                v[f.name] = x;
                v
            };
            if f.required {
                let mut v = base.clone();
                v.as_object_mut().unwrap().remove(f.name);
                refused_on(kind, &v, f.name, "missing");
            }
            match f.input {
                Input::Text { min, max } | Input::Long { min, max } => {
                    refused_on(kind, &with(json!("x".repeat(max + 1))), f.name, "too long");
                    if min > 1 {
                        refused_on(kind, &with(json!("x".repeat(min - 1))), f.name, "too short");
                    }
                }
                Input::Number { min, max } => {
                    refused_on(kind, &with(json!(max + 1.0)), f.name, "above max");
                    refused_on(kind, &with(json!(min - 1.0)), f.name, "below min");
                }
                Input::Int { min, max } => {
                    refused_on(kind, &with(json!(min - 1)), f.name, "below min");
                    if max < i64::MAX {
                        refused_on(kind, &with(json!(max + 1)), f.name, "above max");
                    }
                }
                Input::Choice(choices) => {
                    for c in choices {
                        assert!(!c.label.nl.is_empty() && !c.label.en.is_empty());
                    }
                    refused_on(
                        kind,
                        &with(json!("geen-bestaande-code")),
                        f.name,
                        "unknown code",
                    );
                }
                Input::Date => refused_on(kind, &with(json!("2025-13-40")), f.name, "no date"),
                Input::Partner => {
                    refused_on(kind, &with(json!(0)), f.name, "no partner");
                    refused_on(kind, &with(json!("Rijswijk Doet")), f.name, "a name");
                }
                _ => {}
            }
        }
    }
}

/// The rule tables' value lists and the typed facts use the same codes in the same order, so a
/// fact's code is written once for the rules, the forms and the command line (issue 12).
#[test]
fn rule_vocabulary_codes_are_the_typed_codes() {
    use meedoen_domain::facts::{DayActivities, Readiness};
    use meedoen_domain::schema::{DAY_ACTIVITY_VALUES, READINESS_VALUES};
    let codes = |v: &[meedoen_domain::vocab::Choice]| v.iter().map(|c| c.code).collect::<Vec<_>>();
    assert_eq!(codes(DAY_ACTIVITY_VALUES), codes(DayActivities::CHOICES));
    assert_eq!(codes(READINESS_VALUES), codes(Readiness::CHOICES));
}
