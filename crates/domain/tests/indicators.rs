//! Klant in Beeld: the indicator list reads as data and names each problem of a list file by its
//! line; values are checked against the list; the progress view counts per indicator and step,
//! hides small counts for aggregates and says it in words; an assessor batch is checked and
//! selects as asked.

use chrono::NaiveDate;
use meedoen_domain::indicators::{
    in_force, lists, percent, progress, Filled, List, NewBatch, STEP_NAMES,
};
use meedoen_domain::Lang;
use std::collections::BTreeMap;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const SMALL: &str = "# Test\ngeldig vanaf: 2026-01-01\n\n## taal\nvraag: Taal | Language\nthema: Vaardigheden | Skills\nsoort: keuze\n- a1: A1 | A1\n- b1: B1 | B1\n\n## rijbewijs\nvraag: Rijbewijs | Licence\nthema: Vaardigheden | Skills\nsoort: ja-nee\n\n## uren\nvraag: Uren | Hours\nthema: Meedoen | Taking part\nsoort: getal 0-40 uur | hours\n";

#[test]
fn a_list_file_reads_and_every_problem_names_its_line() {
    let l = List::parse(SMALL).unwrap();
    assert_eq!(l.geldig_vanaf, day("2026-01-01"));
    assert_eq!(
        l.indicatoren
            .iter()
            .map(|i| i.code.as_str())
            .collect::<Vec<_>>(),
        ["taal", "rijbewijs", "uren"]
    );
    let broken = [
        (
            SMALL.replace("soort: ja-nee", "soort: misschien"),
            14,
            "Onbekende soort 'misschien'",
        ),
        (SMALL.replace("## uren", "## taal"), 16, "twee keer"),
        (
            SMALL.replace("- b1: B1 | B1\n", ""),
            7,
            "minstens twee antwoorden",
        ),
        (
            SMALL.replace("vraag: Uren | Hours", "vraag: Uren"),
            17,
            "'Nederlands | Engels'",
        ),
        (SMALL.replace("getal 0-40", "getal 40-0"), 19, "geen bereik"),
        (
            SMALL.replace("geldig vanaf: 2026-01-01", "geldig vanaf: 1 januari"),
            2,
            "geen datum",
        ),
        (
            SMALL.replace("geldig vanaf: 2026-01-01", ""),
            1,
            "geldig vanaf",
        ),
        (
            SMALL.replace("thema: Meedoen | Taking part\n", ""),
            16,
            "mist 'thema:'",
        ),
        (
            SMALL.replace("## rijbewijs", "## Rijbewijs!"),
            11,
            "geen geldige code",
        ),
        (
            SMALL.replace("soort: ja-nee", "soort: ja-nee\n- ja: Ja | Yes"),
            14,
            "Alleen een keuze",
        ),
        (
            SMALL.replace("soort: ja-nee", "soort: ja-nee\nbron: registratie"),
            15,
            "Onbekende regel",
        ),
    ];
    for (text, line, says) in broken {
        let e = List::parse(&text).unwrap_err();
        assert_eq!(e.line, line, "{}", e.message.nl);
        assert!(e.message.nl.contains(says), "{}", e.message.nl);
        assert!(!e.message.en.is_empty());
    }
}

#[test]
fn the_embedded_lists_read_and_the_one_in_force_is_chosen_by_date() {
    let all = lists().unwrap();
    let first = all[0].geldig_vanaf;
    // Before the first list, the first applies; after it, the newest that started.
    assert_eq!(in_force(first.pred_opt().unwrap()).geldig_vanaf, first);
    assert_eq!(
        in_force(day("2099-01-01")).geldig_vanaf,
        all.last().unwrap().geldig_vanaf
    );
    // Every answer code of a choice is unique within its indicator.
    for l in &all {
        for i in &l.indicatoren {
            assert!(!i.vraag.nl.is_empty() && !i.vraag.en.is_empty());
        }
    }
}

#[test]
fn values_are_checked_against_the_list_and_each_problem_names_its_field() {
    let l = List::parse(SMALL).unwrap();
    let changes: BTreeMap<String, Option<String>> = [
        ("taal", Some("c2")),
        ("rijbewijs", Some("wel")),
        ("uren", Some("41")),
        ("schoenmaat", Some("44")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
    .collect();
    let e = l.check_changes(&changes).unwrap_err();
    let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "waarden.rijbewijs",
            "waarden.schoenmaat",
            "waarden.taal",
            "waarden.uren"
        ]
    );
    let good: BTreeMap<String, Option<String>> = [
        ("taal", Some("b1")),
        ("rijbewijs", Some("ja")),
        ("uren", Some("40")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
    .collect();
    assert!(l.check_changes(&good).is_ok());
    // Clearing is a change too; nothing at all is refused.
    let clear: BTreeMap<String, Option<String>> = [("uren".to_string(), None)].into();
    assert!(l.check_changes(&clear).is_ok());
    assert_eq!(
        l.check_changes(&BTreeMap::new()).unwrap_err()[0].field,
        "waarden"
    );
    let uren = l.get("uren").unwrap();
    assert!(uren.check("-1").is_err() && uren.check("1.5").is_err() && uren.check("0").is_ok());
    assert_eq!(uren.show("12", Lang::Nl), "12 uur");
    assert_eq!(l.get("taal").unwrap().show("b1", Lang::En), "B1");
    assert_eq!(l.get("rijbewijs").unwrap().show("nee", Lang::En), "No");
}

#[test]
fn progress_counts_per_indicator_and_step_and_hides_small_counts() {
    let l = List::parse(SMALL).unwrap();
    let all = ["taal", "rijbewijs", "uren"];
    let population = vec![
        Filled {
            step: Some(1),
            codes: all.to_vec(),
        },
        Filled {
            step: Some(1),
            codes: vec!["taal"],
        },
        Filled {
            step: Some(2),
            codes: vec![],
        },
        Filled {
            step: None,
            codes: vec!["taal", "uren"],
        },
        Filled {
            step: Some(4),
            codes: all.to_vec(),
        },
        Filled {
            step: Some(9),
            codes: vec!["rijbewijs"],
        },
    ];
    let p = progress(&l, &population);
    assert_eq!(
        p.populatie,
        [
            Some(2),
            Some(2),
            Some(1),
            Some(0),
            Some(1),
            Some(0),
            Some(0)
        ]
    );
    assert_eq!(p.populatie_totaal, Some(6));
    assert_eq!(p.volledig_totaal, Some(2));
    assert_eq!(p.volledig[1], Some(1));
    let taal = &p.rijen[0];
    assert_eq!(taal.code, "taal");
    assert_eq!(
        taal.per_trede,
        [
            Some(1),
            Some(2),
            Some(0),
            Some(0),
            Some(1),
            Some(0),
            Some(0)
        ]
    );
    assert_eq!(taal.totaal, Some(4));
    assert_eq!(percent(taal.totaal, p.populatie_totaal), Some(67));
    let nl = p.summary(Lang::Nl);
    assert!(
        nl.starts_with(
            "Van de 6 inwoners met bijstand hebben er 2 (33%) alle 3 indicatoren ingevuld."
        ),
        "{nl}"
    );
    assert!(nl.contains("Het meest ingevuld is 'Taal' (67%)"), "{nl}");
    assert!(
        nl.contains("Op trede 1 en 2 staan 3 inwoners; van hen is 1 volledig in beeld."),
        "{nl}"
    );
    assert!(p
        .summary(Lang::En)
        .starts_with("Of the 6 residents on assistance, 2 (33%)"));
    let csv = p.csv(Lang::Nl);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.len(),
        1 + 1 + 3 + 1,
        "head, population, 3 indicators, all filled"
    );
    assert_eq!(
        lines[0],
        "\"indicator\";\"code\";\"nog niet vastgesteld\";\"trede 1\";\"trede 2\";\"trede 3\";\"trede 4\";\"trede 5\";\"trede 6\";\"totaal\""
    );
    assert_eq!(
        lines[2],
        "\"Taal\";\"taal\";\"1\";\"2\";\"0\";\"0\";\"1\";\"0\";\"0\";\"4\""
    );
    assert!(p
        .csv(Lang::En)
        .starts_with("\"indicator\";\"code\";\"not measured yet\""));
    let mut hidden = p.clone();
    hidden.suppress(2);
    assert_eq!(hidden.populatie[2], None, "1 is below 2");
    assert_eq!(hidden.populatie[1], Some(2));
    assert_eq!(hidden.populatie[3], Some(0), "0 is shown");
    assert_eq!(hidden.drempel, Some(2));
    let population_row: Vec<String> = hidden
        .csv(Lang::Nl)
        .lines()
        .nth(1)
        .unwrap()
        .split(';')
        .map(str::to_string)
        .collect();
    assert_eq!(
        population_row[4], "\"\"",
        "the hidden count at step 2 is empty"
    );
    assert_eq!(population_row[3], "\"2\"", "step 1 is shown");
    assert_eq!(STEP_NAMES.len(), p.populatie.len());
    let empty = progress(&l, &[]);
    assert!(empty.summary(Lang::Nl).contains("geen inwoners"));
}

#[test]
fn a_batch_is_checked_and_selects_as_asked() {
    let today = day("2026-11-24");
    let good = NewBatch {
        naam: "Klant in Beeld trede 1 en 2".into(),
        beoordelaar_id: 9,
        eind: day("2027-02-28"),
        tredes: vec![0, 1, 2],
        zonder_consulent: true,
        alleen_onvolledig: true,
        max: 700,
    };
    assert!(good.check(today).is_ok());
    let bad = NewBatch {
        naam: " ".into(),
        eind: today,
        tredes: vec![7],
        max: 0,
        ..good.clone()
    };
    let fields: Vec<String> = bad
        .check(today)
        .unwrap_err()
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert_eq!(fields, ["naam", "eind", "tredes", "max"]);
    let too_long = NewBatch {
        eind: day("2028-01-01"),
        ..good.clone()
    };
    assert!(too_long.check(today).unwrap_err()[0]
        .message
        .nl
        .contains("hoogstens een jaar"));
    assert!(good.selects(None, false, false));
    assert!(good.selects(Some(2), false, false));
    assert!(!good.selects(Some(3), false, false), "step 3 not asked");
    assert!(!good.selects(Some(1), true, false), "has a consultant");
    assert!(!good.selects(Some(1), false, true), "already complete");
}
