//! The goals of a plan, edited one row per goal: what, by when, and whether it was reached.
//! Kept in the record form's values as `doel.aantal` and `doel.<n>.<part>`; rows left fully
//! empty are not sent.

use super::values::{tick, Values};
use crate::components::error_summary::{message_for, Item};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use serde_json::{Map, Value};

const COUNT: &str = "doel.aantal";
/// The domain allows at most this many goals in a plan.
const MAX: usize = 20;

fn key(n: usize, part: &str) -> String {
    format!("doel.{n}.{part}")
}

pub fn is_goal_key(k: &str) -> bool {
    k.starts_with("doel.")
}

fn count(v: &Values) -> usize {
    v.get(COUNT).and_then(|c| c.parse().ok()).unwrap_or(0)
}

type Row = (String, String, bool);

fn rows(v: &Values) -> Vec<Row> {
    (0..count(v))
        .map(|n| {
            let get = |p: &str| v.get(&key(n, p)).cloned().unwrap_or_default();
            (
                get("omschrijving"),
                get("streefdatum"),
                get("behaald") == "ja",
            )
        })
        .collect()
}

fn set_rows(v: &mut Values, rows: &[Row]) {
    v.retain(|k, _| !is_goal_key(k));
    for (n, (what, when, done)) in rows.iter().enumerate() {
        v.insert(key(n, "omschrijving"), what.clone());
        v.insert(key(n, "streefdatum"), when.clone());
        v.insert(key(n, "behaald"), tick(*done));
    }
    v.insert(COUNT.into(), rows.len().to_string());
}

/// Form rows from the stored goals (one empty row when there are none yet).
pub fn to_values(out: &mut Values, goals: &Value) {
    let mut list: Vec<Row> = goals
        .as_array()
        .map(|a| {
            a.iter()
                .map(|g| {
                    (
                        g["omschrijving"].as_str().unwrap_or_default().to_string(),
                        g["streefdatum"].as_str().unwrap_or_default().to_string(),
                        g["behaald"].as_bool().unwrap_or(false),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if list.is_empty() {
        list.push(Default::default());
    }
    set_rows(out, &list);
}

fn filled(r: &Row) -> bool {
    !r.0.trim().is_empty() || !r.1.trim().is_empty()
}

/// The goals as the record stores them.
pub fn from_values(v: &Values) -> Value {
    Value::Array(
        rows(v)
            .iter()
            .filter(|r| filled(r))
            .map(|(what, when, done)| {
                let mut g = Map::new();
                g.insert("omschrijving".into(), what.trim().into());
                if !when.trim().is_empty() {
                    g.insert("streefdatum".into(), when.trim().into());
                }
                if *done {
                    g.insert("behaald".into(), true.into());
                }
                Value::Object(g)
            })
            .collect(),
    )
}

/// The input showing an error about `doelen[<n>].<part>` (n counts the rows that are sent).
pub fn input_for(field: &str, v: &Values) -> Option<String> {
    let rest = field.strip_prefix("doelen")?;
    let Some(rest) = rest.strip_prefix('[') else {
        return Some("r-doelen".into());
    };
    let n: usize = rest.split(']').next()?.parse().ok()?;
    let part = rest.split("].").nth(1).unwrap_or("omschrijving");
    let row = rows(v)
        .iter()
        .enumerate()
        .filter(|(_, r)| filled(r))
        .nth(n)
        .map_or(0, |(k, _)| k);
    Some(format!("r-doel-{row}-{part}"))
}

#[component]
pub fn GoalsEditor(values: RwSignal<Values>, errors: RwSignal<Vec<Item>>) -> impl IntoView {
    let i = use_i18n();
    // Re-render the rows only when their number changes, so typing keeps the focus.
    let n = Memo::new(move |_| values.with(count));
    let err = move |id: String| message_for(errors, id);
    let text = move |k: String| move || values.with(|v| v.get(&k).cloned().unwrap_or_default());
    let set = move |k: String| {
        move |x: String| {
            values.update(|v| {
                v.insert(k.clone(), x);
            })
        }
    };
    let add = move |_| {
        values.update(|v| {
            let mut r = rows(v);
            r.push(Default::default());
            set_rows(v, &r);
        });
        let next = n.get_untracked().saturating_sub(1);
        crate::browser::after_render(move || {
            crate::browser::focus(&format!("r-doel-{next}-omschrijving"))
        });
    };
    let remove = move |k: usize| {
        values.update(|v| {
            let mut r = rows(v);
            if k < r.len() {
                r.remove(k);
            }
            if r.is_empty() {
                r.push(Default::default());
            }
            set_rows(v, &r);
        });
        crate::browser::after_render(|| crate::browser::focus("r-doelen"));
    };
    view! {
        <fieldset class="utrecht-form-fieldset__fieldset goals" id="r-doelen" tabindex="-1" aria-describedby="r-doelen-fout"
            class:form-group--error=move || err("r-doelen".into())().is_some()>
            <legend class="utrecht-heading-2">{i.tr("Doelen", "Goals")}</legend>
            <p class="hint">{i.tr("Eén doel per regel, met een streefdatum als die er is. Vink aan wat behaald is.", "One goal per row, with a target date if there is one. Tick what has been reached.")}</p>
            <p class="field-error" id="r-doelen-fout">{err("r-doelen".into())}</p>
            {move || (0..n.get()).map(|k| {
                let (id_w, id_d, id_b) = (format!("r-doel-{k}-omschrijving"), format!("r-doel-{k}-streefdatum"), format!("r-doel-{k}-behaald"));
                let (ew, ed) = (err(id_w.clone()), err(id_d.clone()));
                let (ew2, ed2) = (ew.clone(), ed.clone());
                let done = text(key(k, "behaald"));
                let set_done = set(key(k, "behaald"));
                view! {
                    <div class="goal" data-testid="doel">
                        <div class="form-group" class:form-group--error=move || ew2().is_some()>
                            <label class="utrecht-form-label" for=id_w.clone()>{move || format!("{} {}", i.t("Doel", "Goal"), k + 1)}</label>
                            <p class="field-error" id=format!("{id_w}-fout")>{ew.clone()}</p>
                            <input class="utrecht-textbox input-width-20" id=id_w.clone() aria-describedby=format!("{id_w}-fout") prop:value=text(key(k, "omschrijving"))
                                on:input={let s = set(key(k, "omschrijving")); move |ev| s(event_target_value(&ev))}/>
                        </div>
                        <div class="goal__row">
                            <div class="form-group" class:form-group--error=move || ed2().is_some()>
                                <label class="utrecht-form-label" for=id_d.clone()>{i.tr("Streefdatum", "Target date")}</label>
                                <p class="field-error" id=format!("{id_d}-fout")>{ed.clone()}</p>
                                <input class="utrecht-textbox input-width-10" type="date" id=id_d.clone() aria-describedby=format!("{id_d}-fout") prop:value=text(key(k, "streefdatum"))
                                    on:input={let s = set(key(k, "streefdatum")); move |ev| s(event_target_value(&ev))}/>
                            </div>
                            <div class="choice choice--small">
                                <input class="choice__input" type="checkbox" id=id_b.clone() prop:checked=move || done() == "ja"
                                    on:change=move |ev| set_done(tick(event_target_checked(&ev)))/>
                                <label class="choice__label" for=id_b.clone()>{i.tr("Behaald", "Reached")}</label>
                            </div>
                            <button type="button" class="utrecht-button utrecht-button--subtle" data-testid="doel-verwijderen" on:click=move |_| remove(k)>
                                {move || format!("{} {}", i.t("Verwijder doel", "Remove goal"), k + 1)}
                            </button>
                        </div>
                    </div>
                }
            }).collect_view()}
            {show_if(move || { n.get() < MAX }, move || view! {
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="doel-toevoegen" on:click=add>
                    {i.tr("Doel toevoegen", "Add a goal")}
                </button>
            }.into_any())}
        </fieldset>
    }
}
