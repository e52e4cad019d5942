//! The record form's values as typed: one text per input (`""` is empty), keyed by field name
//! (`doel.<n>.<part>` for goal rows, `dom.<code>.<part>` for life domains).

use std::collections::BTreeMap;

pub type Values = BTreeMap<String, String>;

/// A tick box's value.
pub fn tick(on: bool) -> String {
    if on {
        "ja".into()
    } else {
        String::new()
    }
}
