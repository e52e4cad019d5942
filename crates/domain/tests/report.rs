//! The council report (issue 13) from registered records: a fixture municipality whose records
//! are the events the two source reports describe gives those figures; where the sources
//! contradict themselves the report shows the fixture's true count (and the test says why);
//! every definition has its boundary cases.

use chrono::NaiveDate;
use meedoen_domain::records::{Kind, Record};
use meedoen_domain::report::{
    report, Ambition, Consultant, Indicator, Input, Period, ResidentFile, Value,
};
use meedoen_domain::{Lang, RuleSet};
use serde_json::{json, Value as Json};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rec(kind: Kind, v: Json) -> Record {
    Record::parse(kind, v.as_object().unwrap().clone()).unwrap()
}

fn intake(on: NaiveDate) -> Record {
    rec(Kind::Intake, json!({"datum": on}))
}

fn activation(kind: &str, on: NaiveDate) -> Record {
    rec(
        Kind::Activering,
        json!({"soort": kind, "start": on, "aanbieder": "Werkplaats Zuid"}),
    )
}

fn placement(on: NaiveDate, sroi: bool) -> Record {
    rec(
        Kind::Plaatsing,
        json!({"start": on, "werkgever": "Bouwbedrijf", "contract": "dienstverband", "uren_per_week": 24, "sroi": sroi}),
    )
}

/// `n` dates spread evenly over the days from `from` up to and including `to`.
fn spread(n: usize, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let days = (to - from).num_days();
    (0..n)
        .map(|i| from + chrono::Days::new((i as i64 * days / n.max(1) as i64) as u64))
        .collect()
}

struct Fixture {
    files: Vec<ResidentFile>,
    consultants: Vec<Consultant>,
}

impl Fixture {
    fn resident(&mut self, records: Vec<Record>) -> &mut ResidentFile {
        let id = self.files.len() as i64 + 1;
        self.files.push(ResidentFile {
            id,
            consultant: None,
            team: "participatie".into(),
            records,
        });
        self.files.last_mut().unwrap()
    }
}

/// The municipality of the source reports, as registered events.
fn seeds() -> Fixture {
    let mut f = Fixture {
        files: vec![],
        consultants: (1..=3)
            .map(|id| Consultant {
                id,
                naam: format!("Consulent {id}"),
                team: "participatie".into(),
            })
            .collect(),
    };
    // Intakes: 443 from September 2022 to December 2023, 100 from January to June 2024 (543
    // "from September 2022 up to June 2024"), 75 more in the second half of 2024 (175 in 2024)
    // and 46 in 2025.
    let mut intakes = spread(443, d(2022, 9, 1), d(2023, 12, 31));
    intakes.extend(spread(100, d(2024, 1, 1), d(2024, 6, 30)));
    intakes.extend(spread(75, d(2024, 7, 1), d(2024, 12, 31)));
    intakes.extend(spread(46, d(2025, 1, 1), d(2025, 12, 31)));
    for on in &intakes {
        f.resident(vec![intake(*on)]);
    }
    // Activations of residents spoken: 160 before 2024; in 2024 mantelzorg 5, volunteering
    // 20, day activities 0, bought trajectory 13, self-searchers 12 (50 residents: 30 in the
    // first half, 20 in the second); 40 in 2025.
    let mut who = 0usize;
    let mut activate = |f: &mut Fixture, kind: &str, on: NaiveDate| {
        f.files[who].records.push(activation(kind, on));
        who += 1;
    };
    for on in spread(160, d(2022, 10, 1), d(2023, 12, 31)) {
        activate(&mut f, "vrijwilligerswerk", on);
    }
    let kinds_2024: Vec<&str> = std::iter::repeat_n("mantelzorg", 5)
        .chain(std::iter::repeat_n("vrijwilligerswerk", 20))
        .chain(std::iter::repeat_n("inzet_traject", 13))
        .chain(std::iter::repeat_n("zelfzoeker", 12))
        .collect();
    let dates_2024: Vec<NaiveDate> = spread(30, d(2024, 1, 1), d(2024, 6, 30))
        .into_iter()
        .chain(spread(20, d(2024, 7, 1), d(2024, 12, 31)))
        .collect();
    for (kind, on) in kinds_2024.iter().zip(dates_2024) {
        activate(&mut f, kind, on);
    }
    for (n, on) in spread(40, d(2025, 1, 1), d(2025, 12, 31))
        .into_iter()
        .enumerate()
    {
        activate(
            &mut f,
            [
                "vrijwilligerswerk",
                "inzet_traject",
                "zelfzoeker",
                "mantelzorg",
            ][n % 4],
            on,
        );
    }
    // 2024: 10 exits through the approach and 10 hand-overs to the WSP.
    for (n, on) in spread(10, d(2024, 2, 1), d(2024, 11, 30))
        .into_iter()
        .enumerate()
    {
        f.files[300 + n].records.push(rec(
            Kind::Uitstroom,
            json!({"datum": on, "reden": "werk", "via_aanpak": true}),
        ));
        f.files[320 + n].records.push(rec(
            Kind::Overdracht,
            json!({"datum": on, "reden": "Klaar voor werk.", "status": "aangemeld"}),
        ));
    }
    // Placements by the WSP: 280 in 2024 (44 through SROI) and 265 in 2025 (66 through SROI).
    for (year, n, sroi) in [(2024, 280, 44), (2025, 265, 66)] {
        for (k, on) in spread(n, d(year, 1, 2), d(year, 12, 31))
            .into_iter()
            .enumerate()
        {
            f.resident(vec![placement(on, k < sroi)]);
        }
    }
    // The caseload: 241 residents with one of 3 consultants.
    for (n, file) in f.files.iter_mut().take(241).enumerate() {
        file.consultant = Some(1 + (n % 3) as i64);
    }
    f
}

fn input<'a>(f: &'a Fixture, ambitions: &'a [Ambition]) -> Input<'a> {
    Input {
        files: &f.files,
        consultants: &f.consultants,
        norm: 80,
        start: d(2022, 9, 1),
        today: d(2026, 1, 15),
        ambitions,
        rules: RuleSet::embedded(),
        own_team: Some("participatie"),
        partners: &[],
    }
}

fn count(r: &meedoen_domain::report::Report, id: &str) -> u32 {
    let f = r.figure(id).unwrap_or_else(|| panic!("no figure {id}"));
    f.waarde
        .count()
        .unwrap_or_else(|| panic!("{id}: {:?}", f.waarde))
}

fn since(r: &meedoen_domain::report::Report, id: &str) -> u32 {
    r.figure(id).unwrap().sinds_start.unwrap().count().unwrap()
}

#[test]
fn the_fixture_reproduces_the_figures_of_the_source_reports() {
    let f = seeds();
    let ambitions = [Ambition {
        jaar: 2025,
        indicator: Indicator::Plaatsingen,
        doel: 275,
    }];
    let inp = input(&f, &ambitions);
    // September 2022 up to June 2024: 543 residents spoken.
    let early = report(
        &inp,
        Period::checked(d(2022, 9, 1), d(2024, 6, 30), inp.start).unwrap(),
    );
    assert_eq!(count(&early, "gesproken"), 543);
    // The progress report says 197 activated over September 2022 – July 2024 while its own
    // table sums to 149; the fixture registered 160 + 30 and the report shows that true count.
    assert_eq!(count(&early, "geactiveerd"), 190);

    let y2024 = report(&inp, Period::year(2024).unwrap());
    assert_eq!(count(&y2024, "gesproken"), 175);
    // "543 + 175 is above 700" counts January–June 2024 twice: the true total since the start
    // is 443 + 175 = 618.
    assert_eq!(since(&y2024, "gesproken"), 618);
    for (kind, n) in [
        ("mantelzorg", 5),
        ("vrijwilligerswerk", 20),
        ("dagbesteding", 0),
        ("inzet_traject", 13),
        ("zelfzoeker", 12),
    ] {
        assert_eq!(count(&y2024, &format!("geactiveerd.{kind}")), n, "{kind}");
    }
    assert_eq!(count(&y2024, "geactiveerd"), 50);
    // "More than 30% activated": 210 of the 618 spoken since the start.
    match y2024.figure("aandeel_geactiveerd").unwrap().waarde {
        Value::Procent { procent, van } => {
            assert_eq!(van, 618);
            assert!((procent - 210.0 * 100.0 / 618.0).abs() < 1e-9 && procent > 30.0);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&y2024, "uitstroom"), 10);
    assert_eq!(count(&y2024, "overdracht"), 10);
    assert_eq!(count(&y2024, "plaatsingen_sroi"), 44);

    let y2025 = report(&inp, Period::year(2025).unwrap());
    assert_eq!(count(&y2025, "gesproken"), 46);
    // The 2026 letter says "almost 750" (543 + 175 + 46 = 764 counts the first half of 2024
    // twice); the true count is 664.
    assert_eq!(since(&y2025, "gesproken"), 664);
    assert_eq!(count(&y2025, "geactiveerd"), 40);
    let placements = y2025.figure("plaatsingen").unwrap();
    assert_eq!(placements.waarde, Value::Aantal(265));
    assert_eq!(placements.ambitie, Some(275));
    assert_eq!(placements.vorige, Value::Aantal(280));
    assert_eq!(count(&y2025, "plaatsingen_sroi"), 66);
    assert_eq!(
        y2025.figure("plaatsingen_sroi").unwrap().vorige,
        Value::Aantal(44)
    );
    // Caseload 241 with 3 consultants.
    assert_eq!(count(&y2025, "actief"), 241);
    assert_eq!(y2025.caseloads.len(), 3);
    assert_eq!(y2025.caseloads.iter().map(|c| c.aantal).sum::<u32>(), 241);
    // Each section has a sentence written from its figures.
    let work = y2025.secties.iter().find(|s| s.id == "werk").unwrap();
    assert_eq!(
        y2025.summary(work, Lang::Nl),
        "2025: plaatsingen in betaald werk 265, 15 minder dan in 2024 (280); 10 onder de ambitie van 275; plaatsingen via SROI 66."
    );
    assert!(y2025.summary(work, Lang::En).starts_with("2025: placements in paid work 265, 15 fewer than in 2024 (280); 10 below the ambition of 275"));
    // The CSV holds every figure, with the ambition.
    let csv = y2025.csv(Lang::Nl);
    assert!(
        csv.lines().any(|l| l.contains("\"plaatsingen\"")
            && l.contains("\"265\"")
            && l.contains("\"275\"")),
        "{csv}"
    );
}

#[test]
fn boundaries_of_the_definitions() {
    let mut f = Fixture {
        files: vec![],
        consultants: vec![],
    };
    // An intake on 31 December counts in that year, one on 1 January in the next.
    f.resident(vec![intake(d(2024, 12, 31))]);
    f.resident(vec![intake(d(2025, 1, 1))]);
    // Activated twice in one year: once per kind, once in the total.
    f.resident(vec![
        intake(d(2025, 2, 1)),
        activation("vrijwilligerswerk", d(2025, 3, 1)),
        activation("vrijwilligerswerk", d(2025, 9, 1)),
        activation("mantelzorg", d(2025, 10, 1)),
    ]);
    // A placement that ended after 5 months is not in work at 6 months.
    let mut short = placement(d(2025, 1, 6), false);
    if let Record::Plaatsing(p) = &mut short {
        p.werkt_na_6_maanden = Some(false);
    }
    let mut lasting = placement(d(2025, 1, 6), false);
    if let Record::Plaatsing(p) = &mut lasting {
        p.werkt_na_6_maanden = Some(true);
    }
    f.resident(vec![short, lasting]);
    // The end of guidance is no exit from assistance.
    f.resident(vec![rec(
        Kind::Uitstroom,
        json!({"datum": "2025-05-01", "reden": "einde_begeleiding", "via_aanpak": true}),
    )]);
    let inp = input(&f, &[]);
    let y2024 = report(&inp, Period::year(2024).unwrap());
    let y2025 = report(&inp, Period::year(2025).unwrap());
    assert_eq!(count(&y2024, "gesproken"), 1);
    assert_eq!(count(&y2025, "gesproken"), 2);
    assert_eq!(y2025.figure("gesproken").unwrap().vorige, Value::Aantal(1));
    assert_eq!(count(&y2025, "geactiveerd"), 1);
    assert_eq!(count(&y2025, "geactiveerd.vrijwilligerswerk"), 1);
    assert_eq!(count(&y2025, "geactiveerd.mantelzorg"), 1);
    assert_eq!(count(&y2025, "plaatsingen"), 2, "each placement counts");
    assert_eq!(
        y2025.figure("duurzaam_6").unwrap().waarde,
        Value::Procent {
            procent: 50.0,
            van: 2
        }
    );
    assert_eq!(count(&y2025, "uitstroom"), 0);
    // The drill-down lists the residents a figure counts.
    assert_eq!(y2025.figure("geactiveerd").unwrap().inwoners, vec![3]);
}

#[test]
fn periods_are_checked_and_small_counts_can_be_hidden() {
    let start = d(2022, 9, 1);
    let e = Period::checked(d(2025, 6, 1), d(2025, 1, 1), start).unwrap_err();
    assert_eq!(e.field, "van");
    assert!(!e.message.nl.is_empty() && !e.message.en.is_empty());
    let e = Period::checked(d(2021, 1, 1), d(2021, 12, 31), start).unwrap_err();
    assert_eq!(e.field, "tot");
    assert_eq!(
        Period::year(2025).unwrap().previous(),
        Period::year(2024).unwrap()
    );
    let custom = Period::checked(d(2025, 3, 1), d(2025, 3, 31), start).unwrap();
    assert_eq!(
        custom.previous(),
        Period {
            van: d(2025, 1, 29),
            tot: d(2025, 2, 28)
        }
    );

    let f = seeds();
    let inp = input(&f, &[]);
    let mut r = report(&inp, Period::year(2024).unwrap());
    r.suppress(15);
    assert_eq!(r.drempel, Some(15));
    assert_eq!(
        r.figure("geactiveerd.mantelzorg").unwrap().waarde,
        Value::MinderDan(15)
    );
    assert_eq!(
        r.figure("geactiveerd.dagbesteding").unwrap().waarde,
        Value::Aantal(0)
    );
    assert_eq!(
        r.figure("geactiveerd.vrijwilligerswerk").unwrap().waarde,
        Value::Aantal(20)
    );
    r.aggregates_only();
    assert!(r.caseloads.is_empty());
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        !json.contains("\"inwoners\""),
        "no resident ids for aggregates"
    );
}

#[test]
fn dates_are_written_as_chrono_writes_them() {
    for (y, m, d) in [(1988, 4, 7), (2026, 12, 31), (2000, 1, 1), (999, 10, 5)] {
        let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            meedoen_domain::report::date_numeric(day),
            day.format("%d-%m-%Y").to_string()
        );
        assert_eq!(
            meedoen_domain::report::date_en(day),
            day.format("%-d %B %Y").to_string()
        );
    }
}

#[test]
fn values_are_written_as_rusts_float_formatter_writes_them() {
    let share = |procent: f64| Value::Procent { procent, van: 543 };
    for p in [36.25, 36.35, 0.05, 99.95, 100.0, 0.0, 1.0 / 3.0 * 100.0] {
        let t = share(p).text();
        assert_eq!(t.en, format!("{p:.1}% (of 543)"));
        assert_eq!(
            t.nl,
            format!("{}% (van 543)", format!("{p:.1}").replace('.', ","))
        );
        assert_eq!(share(p).short(), format!("{p:.0}%"));
    }
    for (now, before) in [
        (36.3, 34.8),
        (34.8, 36.3),
        (12.0, 12.04),
        (12.04, 12.0),
        (50.0, 50.0),
    ] {
        assert_eq!(
            share(now).change_since(share(before)),
            Some(format!("{:+.1}", now - before)),
            "{now} after {before}"
        );
    }
    assert_eq!(
        Value::Aantal(265).change_since(Value::Aantal(270)),
        Some("-5".into())
    );
    assert_eq!(
        Value::Aantal(270).change_since(Value::Aantal(265)),
        Some("+5".into())
    );
    assert_eq!(Value::Aantal(3).change_since(share(1.0)), None);
}
