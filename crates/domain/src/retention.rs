//! Retention: how long a resident's file is kept. A file closes with an exit (uitstroom) after
//! which nothing else was registered; it is erased once it has been closed for longer than the
//! retention period (the municipality's setting, by default [`DEFAULT_YEARS`] years). A file
//! with anything dated after its last exit (a new intake, a placement that started later) is
//! open again. Pure: the caller gives today's date.

use crate::records::Record;
use crate::report::ResidentFile;
use chrono::{Months, NaiveDate};

/// The retention period in years when the municipality has not chosen one.
pub const DEFAULT_YEARS: u32 = 10;

/// The day the file closed: its last exit, when nothing is dated after it; `None` while open.
pub fn closed_on(records: &[Record]) -> Option<NaiveDate> {
    let last_exit = records
        .iter()
        .filter_map(|r| match r {
            Record::Uitstroom(x) => Some(x.datum),
            _ => None,
        })
        .max()?;
    let later = records
        .iter()
        .filter_map(Record::date)
        .any(|d| d > last_exit);
    (!later).then_some(last_exit)
}

/// Files closed before this day are due for erasure (`today` minus `years`).
pub fn cutoff(today: NaiveDate, years: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MIN)
}

/// A file due for erasure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub resident: i64,
    pub team: String,
    pub consultant: Option<i64>,
    pub closed_on: NaiveDate,
    pub records: usize,
}

/// The files closed more than `years` years before `today`, oldest first.
pub fn due(files: &[ResidentFile], today: NaiveDate, years: u32) -> Vec<Due> {
    let before = cutoff(today, years);
    let mut list: Vec<Due> = files
        .iter()
        .filter_map(|f| {
            let closed = closed_on(&f.records)?;
            (closed < before).then(|| Due {
                resident: f.id,
                team: f.team.clone(),
                consultant: f.consultant,
                closed_on: closed,
                records: f.records.len(),
            })
        })
        .collect();
    list.sort_by_key(|d| (d.closed_on, d.resident));
    list
}
