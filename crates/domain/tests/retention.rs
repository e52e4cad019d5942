//! Retention: a file closes with an exit after which nothing is registered, and is due for
//! erasure only once it has been closed longer than the retention period.

use chrono::NaiveDate;
use meedoen_domain::records::{Kind, Record};
use meedoen_domain::report::ResidentFile;
use meedoen_domain::retention::{closed_on, cutoff, due, DEFAULT_YEARS};
use serde_json::json;

fn rec(kind: Kind, fields: serde_json::Value) -> Record {
    let serde_json::Value::Object(map) = fields else {
        unreachable!()
    };
    Record::parse(kind, map).unwrap()
}

fn exit(date: &str) -> Record {
    rec(
        Kind::Uitstroom,
        json!({"datum": date, "reden": "werk", "via_aanpak": true}),
    )
}

fn talk(date: &str) -> Record {
    rec(
        Kind::Gesprek,
        json!({"datum": date, "soort": "voortgang", "verslag": "Gesprek."}),
    )
}

fn file(id: i64, records: Vec<Record>) -> ResidentFile {
    ResidentFile {
        id,
        consultant: Some(3),
        team: "participatie".into(),
        records,
    }
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_file_closes_with_its_last_exit_and_reopens_with_anything_later() {
    assert_eq!(closed_on(&[talk("2014-01-10")]), None, "no exit: open");
    assert_eq!(
        closed_on(&[talk("2014-01-10"), exit("2014-03-01")]),
        Some(d("2014-03-01"))
    );
    assert_eq!(
        closed_on(&[exit("2014-03-01"), talk("2016-05-01")]),
        None,
        "registered after the exit: open again"
    );
    assert_eq!(
        closed_on(&[exit("2014-03-01"), talk("2016-05-01"), exit("2017-01-01")]),
        Some(d("2017-01-01")),
        "the last exit counts"
    );
    assert_eq!(
        closed_on(&[talk("2014-03-01"), exit("2014-03-01")]),
        Some(d("2014-03-01")),
        "the same day as the exit is not later"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn files_closed_11_years_ago_are_due_and_9_years_ago_are_not() {
    let today = d("2026-11-23");
    assert_eq!(cutoff(today, DEFAULT_YEARS), d("2016-11-23"));
    let files = vec![
        file(1, vec![talk("2015-09-01"), exit("2015-11-20")]), // 11 years
        file(2, vec![exit("2017-11-20")]),                     // 9 years
        file(3, vec![talk("2010-01-01")]),                     // never closed
        file(4, vec![exit("2012-02-02"), talk("2020-01-01")]), // reopened
        file(5, vec![exit("2014-06-30")]),                     // 12 years
    ];
    let list = due(&files, today, DEFAULT_YEARS);
    assert_eq!(
        list.iter()
            .map(|x| (x.resident, x.closed_on))
            .collect::<Vec<_>>(),
        vec![(5, d("2014-06-30")), (1, d("2015-11-20"))],
        "oldest first, only files closed before the cutoff"
    );
    assert_eq!(list[1].records, 2);
    assert!(due(&files, today, 12).iter().all(|x| x.resident != 1));
    // A period of 0 years: every closed file is due the day after it closed.
    assert_eq!(due(&files, d("2017-11-21"), 0).len(), 3);
}
