//! Rule tables: loading errors name file, row and field; the static checks find gaps,
//! disagreeing overlaps and unreachable rows; version selection by date; the fast path and
//! the traced path agree; the impact preview counts the informal-care policy change; BSN.

use chrono::NaiveDate;
use meedoen_domain::bsn::{Bsn, BsnError};
use meedoen_domain::engine::assess_traced;
use meedoen_domain::impact::impact;
use meedoen_domain::synth::population;
use meedoen_domain::table::RuleError;
use meedoen_domain::{assess, RuleSet};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TRAJECT_OK: &str = "tabel: traject\nversie: t1\ngeldig_vanaf: 2022-09-01\nhit_policy: uniek\nbron: test\n\n## Regels\n\n| id | trede | => traject |\n|---|---|---|\n| A | 1..2 | zorg |\n| B | 3 | participatie |\n| C | 4..6 | werk |\n\n## Toelichting\n\n| id | nl | en |\n|---|---|---|\n| A | a | a |\n| B | b | b |\n| C | c | c |\n";

fn load_traject(text: &str) -> Result<RuleSet, Vec<RuleError>> {
    let files: Vec<(&str, &str)> = RuleSet::embedded_files()
        .iter()
        .copied()
        .filter(|(p, _)| !p.starts_with("traject/"))
        .chain([("traject/test.md", text)])
        .collect();
    RuleSet::load(&files)
}

/// Load a variant and return its errors as "line|row|column|dutch problem" strings.
fn errors(text: &str) -> Vec<String> {
    match load_traject(text) {
        Ok(_) => vec![],
        Err(e) => e
            .iter()
            .map(|e| {
                format!(
                    "{}|{}|{}|{}",
                    e.line,
                    e.row.clone().unwrap_or_default(),
                    e.column.clone().unwrap_or_default(),
                    e.problem.nl
                )
            })
            .collect(),
    }
}

#[test]
fn embedded_rules_load_and_pass_every_static_check() {
    let set = RuleSet::load(RuleSet::embedded_files()).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let listed: Vec<String> = set
        .list()
        .iter()
        .map(|(t, v, d)| format!("{t} {v} {d}"))
        .collect();
    assert_eq!(
        listed,
        [
            "ladder 2022-09 2022-09-01",
            "ladder 2025-01 2025-01-01",
            "traject 2022-09 2022-09-01",
            "doorstroom 2022-09 2022-09-01"
        ]
    );
}

#[test]
fn a_valid_variant_loads() {
    assert_eq!(errors(TRAJECT_OK), Vec::<String>::new());
}

#[test]
fn a_gap_is_reported_with_an_example() {
    let text = TRAJECT_OK
        .replace("| B | 3 | participatie |\n", "")
        .replace("| B | b | b |\n", "");
    assert_eq!(errors(&text), ["0|||geen rij dekt de invoer trede=3"]);
}

#[test]
fn disagreeing_overlap_in_a_unique_table_is_reported() {
    let text = TRAJECT_OK.replace("| B | 3 | participatie |", "| B | 2..3 | participatie |");
    assert_eq!(
        errors(&text),
        ["12|B||overlapt met rij A met een andere uitkomst, bijvoorbeeld bij trede=2"]
    );
}

#[test]
fn an_unreachable_row_in_a_first_hit_table_is_reported() {
    let text = TRAJECT_OK
        .replace("hit_policy: uniek", "hit_policy: eerste")
        .replace(
            "| C | 4..6 | werk |",
            "| C | 4..6 | werk |\n| D | 5 | zorg |",
        )
        .replace("| C | c | c |", "| C | c | c |\n| D | d | d |");
    assert_eq!(
        errors(&text),
        ["14|D||rij is onbereikbaar: eerdere rijen beslissen altijd eerst"]
    );
}

#[test]
fn bad_cells_name_line_row_and_column() {
    let text = TRAJECT_OK
        .replace("| A | 1..2 | zorg |", "| A | 2..1 | zorgen |")
        .replace("| C | 4..6 | werk |", "| C | >= 7 | werk |");
    let e = errors(&text);
    assert!(
        e.contains(&"11|A|trede|bereik 2..1 loopt achteruit".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(
            &"11|A|traject|'zorgen' is geen geldige uitkomst (verwacht zorg, participatie, werk)"
                .to_string()
        ),
        "{e:?}"
    );
    assert!(
        e.contains(&"13|C|trede|7 ligt buiten 1..6".to_string()),
        "{e:?}"
    );
}

#[test]
fn header_problems_are_named() {
    let text = TRAJECT_OK
        .replace("geldig_vanaf: 2022-09-01", "geldig_vanaf: 1 september")
        .replace(
            "| id | trede | => traject |",
            "| id | treede | => traject |",
        )
        .replace("bron: test\n", "bron: test\nauteur: x\n");
    let e = errors(&text);
    assert!(
        e.iter()
            .any(|x| x.starts_with("3||geldig_vanaf|'1 september' is geen datum")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.starts_with("6||auteur|onbekende sleutel")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.contains("|treede|onbekende invoerkolom voor tabel 'traject'")),
        "{e:?}"
    );
}

#[test]
fn missing_explanations_and_unknown_ids_are_reported() {
    let text = TRAJECT_OK.replace("| A | a | a |\n", "| Z | z | z |\n");
    let e = errors(&text);
    assert!(
        e.contains(&"19|Z||toelichting voor een rij die niet bestaat".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"11|A||rij heeft geen toelichting in sectie 'Toelichting'".to_string()),
        "{e:?}"
    );
}

#[test]
fn two_versions_on_the_same_date_are_refused() {
    let files: Vec<(&str, &str)> = RuleSet::embedded_files()
        .iter()
        .copied()
        .chain([("traject/dubbel.md", TRAJECT_OK)])
        .collect();
    let e = RuleSet::load(&files).unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(
        e[0].problem
            .nl
            .starts_with("geldt vanaf dezelfde datum als"),
        "{:?}",
        e[0]
    );
}

#[test]
fn the_version_in_force_follows_the_measurement_date() {
    let set = RuleSet::embedded();
    assert_eq!(
        set.at(date("2024-12-31")).unwrap().versions().ladder,
        "2022-09"
    );
    assert_eq!(
        set.at(date("2025-01-01")).unwrap().versions().ladder,
        "2025-01"
    );
    assert!(set.at(date("2022-08-31")).is_err());
    let pinned = set
        .pinned(date("2026-01-01"), &[("ladder".into(), "2022-09".into())])
        .unwrap();
    assert_eq!(pinned.versions().ladder, "2022-09");
    assert!(set
        .pinned(date("2026-01-01"), &[("ladder".into(), "1999".into())])
        .is_err());
}

#[test]
fn fast_and_traced_paths_agree_on_a_large_synthetic_population() {
    let set = RuleSet::embedded();
    for (day, seed) in [("2024-06-01", 1), ("2025-06-01", 2)] {
        let rules = set.at(date(day)).unwrap();
        for raw in population(20_000, seed, date(day)) {
            let s = raw.validate().unwrap();
            assert!(s.is_complete());
            assert_eq!(assess(&rules, &s), assess_traced(&rules, &s).0, "{raw:?}");
        }
    }
}

#[test]
fn the_batch_path_agrees_with_the_single_path() {
    let set = RuleSet::embedded();
    for (day, seed) in [("2024-06-01", 3), ("2025-06-01", 4)] {
        let rules = set.at(date(day)).unwrap();
        let mut sits: Vec<_> = population(3_001, seed, date(day))
            .iter()
            .map(|r| r.validate().unwrap())
            .collect();
        // An incomplete situation is left out of the batch and reported.
        let mut raw = population(1, 9, date(day)).remove(0);
        raw.sociale_contacten_per_week = None;
        sits.insert(17, raw.validate().unwrap());
        let (pop, left_out) = meedoen_domain::batch::Population::from_situations(&sits);
        assert_eq!(left_out, [17]);
        let mut out = Vec::new();
        meedoen_domain::batch::assess_population(&rules, &pop, &mut out);
        let single: Vec<_> = sits
            .iter()
            .filter(|s| s.is_complete())
            .map(|s| meedoen_domain::assess_fast(&rules, s))
            .collect();
        assert_eq!(out, single);
    }
}

#[test]
fn impact_preview_counts_the_informal_care_change() {
    let set = RuleSet::embedded();
    let day = date("2025-06-01");
    let pop: Vec<_> = population(5_000, 7, day)
        .iter()
        .map(|r| r.validate().unwrap())
        .collect();
    let old = set
        .pinned(day, &[("ladder".into(), "2022-09".into())])
        .unwrap();
    let new = set.at(day).unwrap();
    let report = impact(&pop, &old, &new);
    assert_eq!(report.totaal, 5_000);
    assert!(report.trede_gewijzigd > 0);
    // Only the informal-care rule differs, and it can only lift a resident to step 4.
    assert!(
        report.per_tredewijziging.keys().all(|k| k.ends_with("→4")),
        "{:?}",
        report.per_tredewijziging
    );
    assert_eq!(
        report.per_tredewijziging.values().sum::<usize>(),
        report.trede_gewijzigd
    );
    assert_eq!(
        report.wijzigingen.len(),
        report.trede_gewijzigd.max(report.traject_gewijzigd)
    );
    // Every changed resident gives more than 8 hours of informal care.
    for c in &report.wijzigingen {
        assert!(pop[c.index].ladder[meedoen_domain::schema::ladder_in::INFORMAL_CARE_HOURS] > 8.0);
    }
    let same = impact(&pop, &new, &new);
    assert_eq!((same.trede_gewijzigd, same.traject_gewijzigd), (0, 0));
}

#[test]
fn bsn_eleven_check() {
    assert_eq!(
        Bsn::parse("111222333").map(|b| b.to_string()),
        Ok("111222333".to_string())
    );
    assert_eq!(
        Bsn::parse("123456782").map(|b| b.last_digits(4)),
        Ok("6782".to_string())
    );
    assert_eq!(
        Bsn::parse("12345678").map(|b| b.to_string()),
        Err(BsnError::Check)
    );
    assert_eq!(
        Bsn::parse("10000007").map(|b| b.to_string()),
        Ok("010000007".to_string())
            .map_err(|_: ()| BsnError::Check)
            .and(Bsn::parse("010000007").map(|b| b.to_string()))
    );
    assert_eq!(Bsn::parse("123456789"), Err(BsnError::Check));
    assert_eq!(Bsn::parse("12345"), Err(BsnError::Length));
    assert_eq!(Bsn::parse("12345678a"), Err(BsnError::NotDigits));
    assert_eq!(Bsn::parse("000000000"), Err(BsnError::Check));
}
