//! The scenario model (issue 14): expert-readable cases in `tests/scenarios/*.toml`, walked
//! by this one harness natively and as wasm; invariants over random inputs (no negative
//! stocks, people conserved, money adds up); bands; goal seeking; bad input named per field.

use chrono::NaiveDate;
use meedoen_domain::scenario::{
    capacity, consultants_for_budget, consultants_to_clear, simulate, simulate_band, Band,
    Baseline, Levers, Rate,
};
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const CASES: &[(&str, &str)] = &[(
    "01_capaciteit_en_oppak.toml",
    include_str!("scenarios/01_capaciteit_en_oppak.toml"),
)];

/// The standard baseline: the reference municipality (241 guided by 3 consultants, 140 ready
/// now, 300 later, 400 not soon) with rates observed over a year.
fn baseline() -> Value {
    json!({
        "start": "2026-01-01", "begeleid": 241.0, "consulenten_fte": 3.0, "caseload_norm": 80,
        "wacht_nu": 140.0, "wacht_later": 300.0, "wacht_niet": 400.0,
        "instroom": {"events": 240.0, "exposure": 12.0},
        "instroom_laag": {"events": 90.0, "exposure": 240.0},
        "later_naar_nu": {"events": 36.0, "exposure": 3600.0},
        "activering": [
            {"events": 5.0, "exposure": 2892.0}, {"events": 20.0, "exposure": 2892.0},
            {"events": 1.0, "exposure": 2892.0}, {"events": 13.0, "exposure": 2892.0},
            {"events": 12.0, "exposure": 2892.0}
        ],
        "overdracht": {"events": 10.0, "exposure": 2892.0},
        "uitstroom": {"events": 10.0, "exposure": 2892.0},
        "plaatsing": {"events": 8.0, "exposure": 2892.0},
        "einde_begeleiding": {"events": 24.0, "exposure": 2892.0},
        "duurzaam_6": {"events": 82.0, "exposure": 100.0}
    })
}

fn merged(mut base: Value, over: Option<&Value>) -> Value {
    if let (Some(o), Some(b)) = (over.and_then(Value::as_object), base.as_object_mut()) {
        for (k, v) in o {
            b.insert(k.clone(), v.clone());
        }
    }
    base
}

fn levers_of(b: &Baseline, over: Option<&Value>) -> Levers {
    let base = serde_json::to_value(Levers::of_baseline(b)).unwrap();
    serde_json::from_value(merged(base, over)).expect("levers of the case")
}

fn total(
    months: &[meedoen_domain::scenario::Month],
    f: fn(&meedoen_domain::scenario::Month) -> f64,
) -> f64 {
    months.iter().map(f).sum()
}

#[test]
fn expert_cases() {
    let mut failures = vec![];
    for (file, text) in CASES {
        let doc: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let doc: Value = serde_json::to_value(doc).unwrap();
        for case in doc["geval"].as_array().unwrap() {
            let name = case["naam"].as_str().unwrap();
            let b: Baseline = serde_json::from_value(merged(baseline(), case.get("basis")))
                .unwrap_or_else(|e| panic!("{file}: {name}: basis: {e}"));
            let l = levers_of(&b, case.get("hefbomen"));
            l.check()
                .unwrap_or_else(|e| panic!("{file}: {name}: {e:?}"));
            let out = simulate(&b, &l);
            let want = case["verwacht"].as_object().unwrap();
            for (what, v) in want {
                let ok = match what.as_str() {
                    "capaciteit" => {
                        (capacity(l.consulenten_fte[0], l.caseload_norm, l.aandeel_intake)
                            - v.as_f64().unwrap())
                        .abs()
                            < 1e-9
                    }
                    "opgepakt_totaal" => {
                        (total(&out.centraal, |m| m.opgepakt) - v.as_f64().unwrap()).abs() < 0.5
                    }
                    "trajecten_ingekocht_totaal" => {
                        (total(&out.centraal, |m| m.trajecten_ingekocht) - v.as_f64().unwrap())
                            .abs()
                            < 0.5
                    }
                    "verdubbelen_verdubbelt_oppak" => {
                        let mut twice = l.clone();
                        twice.consulenten_fte = l.consulenten_fte.iter().map(|f| f * 2.0).collect();
                        let one = simulate_band(&b, &l, Band::Centraal)[0].opgepakt;
                        let two = simulate_band(&b, &twice, Band::Centraal)[0].opgepakt;
                        one > 0.0 && (two - 2.0 * one).abs() < 1e-6
                    }
                    "banden_omvatten_centraal" => {
                        let inside =
                            |v: &[(f64, f64, f64)]| v.iter().all(|(lo, c, hi)| lo <= c && c <= hi);
                        let s = out.summary();
                        inside(&out.band_of(|m| m.uitstroom))
                            && inside(&out.band_of(|m| m.wacht_nu))
                            && [s.kosten, s.uitstroom, s.netto].iter().all(|x| x[0] <= x[1] && x[1] <= x[2])
                            // and the band is a real band: the rates are uncertain
                            && s.uitstroom[2] > s.uitstroom[0]
                    }
                    other => panic!("{file}: {name}: unknown expectation {other}"),
                };
                if !ok {
                    failures.push(format!("{file}: {name}: {what}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn bands_widen_as_counts_shrink() {
    // The same rates observed over a tenth of the exposure give a wider band of outcomes.
    let big: Baseline = serde_json::from_value(baseline()).unwrap();
    let mut small = big.clone();
    for r in small.activering.iter_mut().chain([
        &mut small.overdracht,
        &mut small.uitstroom,
        &mut small.plaatsing,
        &mut small.einde_begeleiding,
    ]) {
        *r = Rate::new(r.events / 10.0, r.exposure / 10.0);
    }
    let width = |b: &Baseline| {
        let s = simulate(b, &Levers::of_baseline(b)).summary();
        s.uitstroom[2] - s.uitstroom[0]
    };
    assert!(
        width(&small) > width(&big),
        "{} vs {}",
        width(&small),
        width(&big)
    );
    let (lo_big, mid_big, hi_big) = Rate::new(100.0, 1000.0).band();
    let (lo_small, mid_small, hi_small) = Rate::new(10.0, 100.0).band();
    assert!((mid_big - mid_small).abs() < 1e-12, "same central rate");
    assert!(lo_big <= mid_big && mid_big <= hi_big);
    assert!(
        hi_small - lo_small > hi_big - lo_big,
        "fewer events, wider band"
    );
    assert_eq!(Rate::new(0.0, 0.0).band(), (0.0, 0.0, 0.0));
}

/// A small deterministic generator for the invariants.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn invariants_over_random_inputs() {
    let mut r = Lcg(42);
    for _ in 0..300 {
        let rate = |r: &mut Lcg, max: f64| json!({"events": (r.next() * max).floor(), "exposure": 1.0 + r.next() * 3000.0});
        let b: Baseline = serde_json::from_value(json!({
            "start": "2026-03-01", "begeleid": (r.next() * 400.0).floor(), "consulenten_fte": 3.0, "caseload_norm": 80,
            "wacht_nu": (r.next() * 300.0).floor(), "wacht_later": (r.next() * 300.0).floor(), "wacht_niet": (r.next() * 300.0).floor(),
            "instroom": {"events": (r.next() * 400.0).floor(), "exposure": 12.0},
            "instroom_laag": {"events": (r.next() * 100.0).floor(), "exposure": 100.0},
            "later_naar_nu": rate(&mut r, 300.0),
            "activering": [rate(&mut r, 300.0), rate(&mut r, 300.0), rate(&mut r, 300.0), rate(&mut r, 300.0), rate(&mut r, 300.0)],
            "overdracht": rate(&mut r, 500.0), "uitstroom": rate(&mut r, 500.0), "plaatsing": rate(&mut r, 500.0),
            "einde_begeleiding": rate(&mut r, 500.0), "duurzaam_6": {"events": (r.next() * 100.0).floor(), "exposure": 100.0}
        })).unwrap();
        let mut l = Levers::of_baseline(&b);
        l.jaren = 1 + (r.next() * 5.0) as u32;
        l.consulenten_fte = (0..l.jaren)
            .map(|_| (r.next() * 80.0).floor() / 10.0)
            .collect();
        l.caseload_norm = 1 + (r.next() * 200.0) as u32;
        l.aandeel_intake = (r.next() * 9.0).floor() / 10.0;
        l.voorrang_nieuw = r.next() < 0.5;
        l.check().unwrap();
        let out = simulate(&b, &l);
        for months in [&out.laag, &out.centraal, &out.hoog] {
            let mut people = b.begeleid + b.wacht_nu + b.wacht_later + b.wacht_niet;
            for m in months.iter() {
                for stock in [m.begeleid, m.wacht_nu, m.wacht_later, m.wacht_niet] {
                    assert!(stock >= -1e-6, "no negative stocks: {m:?}");
                }
                // People are conserved: inflow − outflow = change in the stocks.
                people += m.instroom - m.overdrachten - m.uitstroom - m.einde_begeleiding;
                let now = m.begeleid + m.wacht_nu + m.wacht_later + m.wacht_niet;
                assert!(
                    (now - people).abs() < 1e-6 * people.max(1.0),
                    "{now} vs {people}"
                );
                // Money adds up: saving is the months saved times the monthly value.
                let value = l.uitkering_per_maand + l.uitvoering_per_jaar / 12.0;
                assert!(
                    (m.besparing - m.uitkeringsmaanden_bespaard * value).abs()
                        < 1e-6 * m.besparing.max(1.0)
                );
                assert!(
                    m.kosten >= 0.0
                        && m.trajecten_ingekocht
                            <= l.budget_trajecten / 12.0 / l.kosten_per_traject + 1e-9
                );
            }
        }
    }
}

#[test]
fn goal_seeking() {
    let b: Baseline = serde_json::from_value(baseline()).unwrap();
    let l = Levers::of_baseline(&b);
    let need =
        consultants_to_clear(&b, &l, 12).expect("some number of consultants clears the list");
    let mut with = l.clone();
    with.consulenten_fte = vec![need];
    with.jaren = 1;
    assert!(simulate_band(&b, &with, Band::Centraal)[11].wacht_nu < 0.5);
    with.consulenten_fte = vec![need - 0.1];
    assert!(
        simulate_band(&b, &with, Band::Centraal)[11].wacht_nu >= 0.5,
        "the fewest"
    );
    assert_eq!(consultants_for_budget(340_000.0, 85_000.0), 4.0);
    assert_eq!(consultants_for_budget(100.0, 0.0), 0.0);
}

#[test]
fn bad_levers_name_the_field() {
    let b: Baseline = serde_json::from_value(baseline()).unwrap();
    for (change, field) in [
        (json!({"consulenten_fte": [-1.0]}), "consulenten_fte[0]"),
        (json!({"caseload_norm": 0}), "caseload_norm"),
        (json!({"caseload_norm": 10000}), "caseload_norm"),
        (json!({"jaren": 0}), "jaren"),
        (json!({"jaren": 99}), "jaren"),
        (json!({"naam": " "}), "naam"),
    ] {
        let l = levers_of(&b, Some(&change));
        let e = l.check().unwrap_err();
        assert!(e.iter().any(|x| x.field == field), "{change}: {e:?}");
        assert!(e
            .iter()
            .all(|x| !x.message.nl.is_empty() && !x.message.en.is_empty()));
    }
    // An imported scenario with an extra or a missing field, or a non-number, is refused.
    let good = serde_json::to_value(Levers::of_baseline(&b)).unwrap();
    let mut extra = good.clone();
    extra["geheim"] = json!(1);
    assert!(serde_json::from_value::<Levers>(extra)
        .unwrap_err()
        .to_string()
        .contains("geheim"));
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("caseload_norm");
    assert!(serde_json::from_value::<Levers>(missing)
        .unwrap_err()
        .to_string()
        .contains("caseload_norm"));
    let mut text = good;
    text["kosten_per_fte"] = json!("veel");
    assert!(serde_json::from_value::<Levers>(text).is_err());
    let _ = NaiveDate::from_ymd_opt(2026, 1, 1);
}

#[test]
fn a_baseline_from_registered_records() {
    let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let files = meedoen_domain::synth::report_population(600, 3, start, 5);
    let team = files[0].team.clone();
    let b = meedoen_domain::scenario::baseline_from(
        &files,
        &team,
        3.0,
        80,
        today,
        12,
        meedoen_domain::RuleSet::embedded(),
    );
    assert_eq!(
        b.begeleid as usize,
        files
            .iter()
            .filter(|f| f.team == team && f.consultant.is_some())
            .count()
    );
    assert_eq!(b.instroom.exposure, 12.0);
    assert_eq!(b.uitstroom.exposure, b.begeleid * 12.0);
    assert!(
        b.activering.iter().any(|r| r.events > 0.0),
        "activations in the window are counted"
    );
    assert_eq!(b.start, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    let out = simulate(&b, &Levers::of_baseline(&b));
    assert_eq!(out.centraal.len(), 36);
}

fn standard() -> (Baseline, Levers) {
    let b: Baseline = serde_json::from_value(baseline()).unwrap();
    let l = Levers::of_baseline(&b);
    (b, l)
}

#[test]
fn each_change_is_written_as_a_sentence() {
    use meedoen_domain::scenario::compare::changes;
    use meedoen_domain::Lang;
    let (_, base) = standard();
    assert!(
        changes(&base, &base, 2026).is_empty(),
        "today's policy has no changes"
    );
    let mut s = base.clone();
    s.consulenten_fte = vec![3.0, 4.0];
    s.caseload_norm = 100;
    s.voorrang_nieuw = false;
    s.budget_trajecten = 90_000.0;
    let text: Vec<String> = changes(&base, &s, 2026)
        .iter()
        .map(|t| t.get(Lang::Nl).to_string())
        .collect();
    assert_eq!(
        text,
        [
            "consulenten 3 → 4 fte vanaf 2027",
            "caseloadnorm 80 → 100 inwoners per consulent",
            "voorrang voor nieuwe instroom op trede 1–2: aan → uit",
            "budget ingekochte trajecten € 60.000 → € 90.000 per jaar",
        ]
    );
    let en = changes(&base, &s, 2026)[0].get(Lang::En).to_string();
    assert_eq!(en, "consultants 3 → 4 FTE from 2027");
    // A temporary change says when it ends.
    s.consulenten_fte = vec![3.5, 3.0];
    let text: Vec<String> = changes(&base, &s, 2026)
        .iter()
        .map(|t| t.get(Lang::Nl).to_string())
        .collect();
    assert_eq!(
        text[..2],
        [
            "consulenten 3 → 3,5 fte vanaf 2026",
            "vanaf 2027 weer 3 fte zoals nu"
        ]
    );
}

#[test]
fn yearly_totals_and_the_csv_add_up_to_the_months() {
    use meedoen_domain::scenario::compare::{csv, yearly};
    use meedoen_domain::Lang;
    let (b, l) = standard();
    let o = simulate(&b, &l);
    let years = yearly(&o.centraal);
    assert_eq!(years.len(), 3);
    let exits: f64 = o.centraal.iter().map(|m| m.uitstroom).sum();
    let by_year: f64 = years.iter().map(|y| y.uitstroom).sum();
    assert!((exits - by_year).abs() < 1e-6);
    let cost: f64 = years.iter().map(|y| y.kosten).sum();
    assert!((cost - o.summary().kosten[1]).abs() < 1e-6);
    let text = csv(&[(&l, &o)], Lang::Nl);
    assert_eq!(text.lines().count(), 1 + 36);
    assert!(text.starts_with("scenario;maand;begeleid;"));
    assert!(text
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("Huidig beleid;2026-01;"));
    let en = csv(&[(&l, &o), (&l, &o)], Lang::En);
    assert_eq!(en.lines().count(), 1 + 72);
    assert!(en.starts_with("scenario,month,guided,"));
}

#[test]
fn an_imported_or_shared_scenario_is_read_whole_or_refused_with_the_field() {
    use meedoen_domain::scenario::file::{import, ScenarioFile};
    let (_, l) = standard();
    let good = ScenarioFile::new(vec![l.clone()]).to_json();
    assert_eq!(import(&good).unwrap(), vec![l.clone()]);
    let mut v: Value = serde_json::from_str(&good).unwrap();
    let field = |text: &str| import(text).unwrap_err()[0].field.clone();
    v["scenarios"][0]["extra"] = json!(1);
    assert_eq!(field(&v.to_string()), "scenarios[0].extra");
    v["scenarios"][0].as_object_mut().unwrap().remove("extra");
    v["scenarios"][0]
        .as_object_mut()
        .unwrap()
        .remove("caseload_norm");
    assert_eq!(field(&v.to_string()), "scenarios[0].caseload_norm");
    v["scenarios"][0]["caseload_norm"] = json!("tachtig");
    assert_eq!(field(&v.to_string()), "scenarios[0].caseload_norm");
    v["scenarios"][0]["caseload_norm"] = json!(0);
    assert_eq!(field(&v.to_string()), "scenarios[0].caseload_norm");
    v["scenarios"][0]["caseload_norm"] = json!(80);
    v["scenarios"][0]["jaren"] = json!(99);
    assert_eq!(field(&v.to_string()), "scenarios[0].jaren");
    v["scenarios"][0]["jaren"] = json!(3);
    v["formaat"] = json!(2);
    assert_eq!(field(&v.to_string()), "formaat");
    v["formaat"] = json!(1);
    v["scenarios"] = json!([l, l, l, l]);
    assert_eq!(field(&v.to_string()), "scenarios");
    assert_eq!(field("{\"formaat\": 1, "), "bestand");
    assert_eq!(field(&format!("{good}{{\"extra\": 1}}")), "bestand");
    let mut hidden = l.clone();
    hidden.naam = "\u{200B}\u{200B}".into();
    assert_eq!(
        field(&ScenarioFile::new(vec![hidden]).to_json()),
        "scenarios[0].naam"
    );
    assert_eq!(field("[]"), "bestand");
    let e = import("{\"formaat\": 1}").unwrap_err();
    assert_eq!(e[0].field, "scenarios");
    assert!(e[0]
        .message
        .get(meedoen_domain::Lang::En)
        .contains("missing"));
}

#[test]
fn numbers_and_amounts_are_written_the_dutch_and_the_english_way() {
    use meedoen_domain::scenario::compare::{euro, number};
    use meedoen_domain::Lang;
    assert_eq!(euro(1_234_567.4, Lang::Nl), "€ 1.234.567");
    assert_eq!(euro(-60_000.0, Lang::En), "−€60,000");
    assert_eq!(number(2.25, 1, Lang::Nl), "2,2");
    assert_eq!(number(12_345.75, 1, Lang::En), "12,345.8");
    assert_eq!(number(-0.01, 0, Lang::Nl), "0");
    assert_eq!(number(f64::INFINITY, 0, Lang::En), "unlimited");
}

#[test]
fn consultants_are_funded_per_calendar_year() {
    let (mut b, mut l) = standard();
    b.start = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    l.consulenten_fte = vec![3.0, 4.0];
    let o = simulate_band(&b, &l, Band::Centraal);
    let fte_cost = |m: &meedoen_domain::scenario::Month| {
        m.kosten - m.trajecten_ingekocht * l.kosten_per_traject
    };
    assert!(
        (fte_cost(&o[0]) - 3.0 * l.kosten_per_fte / 12.0).abs() < 1e-6,
        "December 2026: 3 FTE"
    );
    assert!(
        (fte_cost(&o[1]) - 4.0 * l.kosten_per_fte / 12.0).abs() < 1e-6,
        "January 2027: 4 FTE"
    );
    assert_eq!(o[1].maand, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
}
