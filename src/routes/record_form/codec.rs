//! From a record's fields to the form's values and back, driven by the domain's field table
//! (`Kind::fields`): what a field is (date, text, number, choice, yes/no, goals, life domains)
//! decides how it is shown and read. Numbers that are not numbers are reported per input; all
//! other checks are the domain's.

use super::values::{tick, Values};
use super::{domains, goals};
use meedoen_domain::number::parse_decimal;
use meedoen_domain::records::{FieldError, Kind};
use meedoen_domain::vocab::Input;
use meedoen_domain::wire::Fields;
use meedoen_domain::Text;
use serde_json::Value;

/// Form values from a record's fields.
pub fn values_of(kind: Kind, v: &Fields) -> Values {
    let mut out = Values::new();
    for f in kind.fields().iter().filter(|f| f.in_form()) {
        let x = v.get(f.name).unwrap_or(&Value::Null);
        let text = match (f.input, x) {
            (Input::Goals, _) => {
                goals::to_values(&mut out, x);
                continue;
            }
            (Input::Domains, _) => {
                domains::to_values(&mut out, x);
                continue;
            }
            (_, Value::Null) => String::new(),
            (Input::Bool, Value::Bool(b)) => tick(*b),
            (Input::YesNo, Value::Bool(b)) => if *b { "ja" } else { "nee" }.into(),
            (_, Value::String(s)) => s.clone(),
            (_, other) => other.to_string(),
        };
        out.insert(f.name.into(), text);
    }
    out
}

/// The record's form fields from the values (an empty input is an absent field), or the
/// inputs that are not numbers or dates.
pub fn fields_of(kind: Kind, values: &Values) -> Result<Fields, Vec<FieldError>> {
    let mut m = Fields::new();
    let mut e = vec![];
    let get = |k: &str| {
        values
            .get(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    for f in kind.fields().iter().filter(|f| f.in_form()) {
        let t = get(f.name);
        let unreadable = |message: Text| FieldError {
            field: f.name.into(),
            message,
        };
        let v = match f.input {
            Input::Goals => goals::from_values(values),
            Input::Domains => domains::from_values(values),
            Input::Bool => Value::Bool(t == "ja"),
            // Every empty required field is named at once (reading the record would stop at
            // the first).
            _ if t.is_empty() => {
                if f.required {
                    e.push(unreadable(match f.input {
                        Input::Choice(_) | Input::Partner | Input::YesNo => {
                            Text::fixed("Maak een keuze.", "Make a choice.")
                        }
                        _ => Text::fixed("Vul dit veld in.", "Fill in this field."),
                    }));
                }
                continue;
            }
            Input::YesNo => Value::Bool(t == "ja"),
            Input::Number { .. } => match parse_decimal(&t.replace(',', ".")) {
                Some(n) if n.is_finite() => serde_json::json!(n),
                _ => {
                    e.push(unreadable(Text::fixed(
                        "Vul een getal in, bijvoorbeeld 8 of 12,5.",
                        "Enter a number, for example 8 or 12.5.",
                    )));
                    continue;
                }
            },
            Input::Date => match meedoen_domain::day::parse(&t) {
                Some(d) => Value::String(d.to_string()),
                None => {
                    e.push(unreadable(Text::fixed(
                        "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2025-03-01.",
                        "Enter a date as yyyy-mm-dd, for example 2025-03-01.",
                    )));
                    continue;
                }
            },
            Input::Int { .. } | Input::Partner => match t.parse::<i64>() {
                Ok(n) => n.into(),
                _ => {
                    e.push(unreadable(Text::fixed(
                        "Vul een geheel getal in.",
                        "Enter a whole number.",
                    )));
                    continue;
                }
            },
            _ => Value::String(t),
        };
        m.insert(f.name.into(), v);
    }
    if e.is_empty() {
        Ok(m)
    } else {
        Err(e)
    }
}

/// The form's fields on top of the stored ones: the record as it will stand.
pub fn merged(kind: Kind, stored: &Fields, form: Fields) -> Fields {
    let mut all = stored.clone();
    for f in kind.fields().iter().filter(|f| f.in_form()) {
        all.remove(f.name);
    }
    all.extend(form);
    all
}

/// Equal as values: numbers by their value (a stored 32 equals a typed 32.0), lists and
/// objects element by element.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// The fields that differ between the stored record and the record as it will stand; a field
/// that was removed is sent as `null` (cleared).
pub fn changes(before: &Fields, after: &Fields) -> Fields {
    let mut out = Fields::new();
    for (k, v) in after {
        if !before.get(k).is_some_and(|b| same(b, v)) {
            out.insert(k.clone(), v.clone());
        }
    }
    for k in before.keys() {
        if !after.contains_key(k) {
            out.insert(k.clone(), Value::Null);
        }
    }
    out
}
