//! Which input shows an error the domain reports on a field path (`doelen[1].omschrijving`,
//! `domeinen[0].reden`, `werkgever`): the error summary links to it and the field shows it.

use super::values::Values;
use super::{domains, goals};

/// The id of the input that shows an error about `field`.
pub fn input_for(field: &str, values: &Values) -> String {
    if let Some(id) = goals::input_for(field, values) {
        return id;
    }
    if let Some(id) = domains::input_for(field, values) {
        return id;
    }
    let name = field.split(['.', '[']).next().unwrap_or(field);
    if name.is_empty() {
        "opslaan".into()
    } else {
        format!("r-{name}")
    }
}
