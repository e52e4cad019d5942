//! The life domains of an intake: each optional, scored 1–5 when scored, and recorded only with
//! the reason it is discussed (AP 2018). Kept in the form's values as `dom.<code>.<part>`.

use super::values::{tick, Values};
use crate::components::error_summary::{message_for, Item};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::records::LifeDomain;
use serde_json::{json, Value};

fn key(code: &str, part: &str) -> String {
    format!("dom.{code}.{part}")
}

/// Form values from the stored domains.
pub fn to_values(out: &mut Values, domains: &Value) {
    for d in domains.as_array().map_or(&[][..], |a| a.as_slice()) {
        let code = d["domein"].as_str().unwrap_or_default();
        let text = |p: &str| d[p].as_str().unwrap_or_default().to_string();
        out.insert(key(code, "on"), tick(true));
        out.insert(key(code, "reden"), text("reden"));
        out.insert(
            key(code, "score"),
            d["score"]
                .as_u64()
                .map(|s| s.to_string())
                .unwrap_or_default(),
        );
        out.insert(key(code, "toelichting"), text("toelichting"));
    }
}

fn chosen(v: &Values) -> Vec<&'static str> {
    LifeDomain::ALL
        .iter()
        .map(|d| d.code())
        .filter(|c| v.get(&key(c, "on")).is_some_and(|x| x == "ja"))
        .collect()
}

/// The domains as the record stores them: the ticked ones, in the vocabulary's order.
pub fn from_values(v: &Values) -> Value {
    let get = |c: &str, p: &str| {
        v.get(&key(c, p))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    Value::Array(
        chosen(v)
            .into_iter()
            .map(|code| {
                let mut d = json!({ "domein": code, "reden": get(code, "reden") });
                if let Ok(s) = get(code, "score").parse::<u8>() {
                    d["score"] = s.into();
                }
                let note = get(code, "toelichting");
                if !note.is_empty() {
                    d["toelichting"] = note.into();
                }
                d
            })
            .collect(),
    )
}

/// The input showing an error about `domeinen[<n>].<part>` (n counts the ticked domains).
pub fn input_for(field: &str, v: &Values) -> Option<String> {
    let rest = field.strip_prefix("domeinen[")?;
    let n: usize = rest.split(']').next()?.parse().ok()?;
    let part = rest.split("].").nth(1).unwrap_or("reden");
    let code = chosen(v).get(n).copied()?;
    Some(format!(
        "r-dom-{code}-{}",
        if part == "domein" { "on" } else { part }
    ))
}

#[component]
pub fn DomainsEditor(values: RwSignal<Values>, errors: RwSignal<Vec<Item>>) -> impl IntoView {
    let i = use_i18n();
    let text = move |k: String| move || values.with(|v| v.get(&k).cloned().unwrap_or_default());
    let set = move |k: String| {
        move |x: String| {
            values.update(|v| {
                v.insert(k.clone(), x);
            })
        }
    };
    view! {
        <fieldset class="utrecht-form-fieldset__fieldset domains">
            <legend class="utrecht-heading-2">{i.tr("Leefgebieden (elk optioneel)", "Life domains (each optional)")}</legend>
            <p class="hint">{move || i.t(
                "Bespreek alleen wat nodig is, en leg vast waarom. Score: 1 acute problemen … 5 volledig zelfredzaam.",
                "Discuss only what is needed, and record why. Score: 1 acute problems … 5 fully self-sufficient.")}</p>
            {LifeDomain::ALL.iter().map(|d| {
                let code = d.code();
                let label = d.label();
                let on = { let k = key(code, "on"); move || values.with(|v| v.get(&k).is_some_and(|x| x == "ja")) };
                let set_on = set(key(code, "on"));
                let score = text(key(code, "score"));
                let set_score = set(key(code, "score"));
                let id_r = format!("r-dom-{code}-reden");
                let err = message_for(errors, id_r.clone());
                view! {
                    <div class="domain">
                        <div class="choice choice--small">
                            <input class="choice__input" type="checkbox" id=format!("r-dom-{code}-on") prop:checked=on.clone()
                                on:change=move |ev| set_on(tick(event_target_checked(&ev)))/>
                            <label class="choice__label" for=format!("r-dom-{code}-on")>{move || i.text(label)}</label>
                        </div>
                        {show_if(on.clone(), move || view! {
                            <div class="domain__detail">
                                <label class="utrecht-form-label" for=format!("r-dom-{code}-score")>{i.tr("Score", "Score")}</label>
                                <select class="utrecht-select" id=format!("r-dom-{code}-score") on:change={let s = set_score.clone(); move |ev| s(event_target_value(&ev))}>
                                    <option value="">{i.tr("geen score", "no score")}</option>
                                    {(1..=5).map(|n| { let sc = score.clone(); view! { <option value=n.to_string() selected=move || sc() == n.to_string()>{n}</option> } }).collect_view()}
                                </select>
                                <label class="utrecht-form-label" for=id_r.clone()>{i.tr("Waarom besproken (verplicht)", "Why discussed (required)")}</label>
                                <p class="field-error" id=format!("{id_r}-fout")>{err.clone()}</p>
                                <input class="utrecht-textbox input-width-20" id=id_r.clone() aria-describedby=format!("{id_r}-fout") prop:value=text(key(code, "reden"))
                                    on:input={let s = set(key(code, "reden")); move |ev| s(event_target_value(&ev))}/>
                                <label class="utrecht-form-label" for=format!("r-dom-{code}-toelichting")>{i.tr("Notitie", "Note")}</label>
                                <input class="utrecht-textbox input-width-20" id=format!("r-dom-{code}-toelichting") prop:value=text(key(code, "toelichting"))
                                    on:input={let s = set(key(code, "toelichting")); move |ev| s(event_target_value(&ev))}/>
                            </div>
                        }.into_any())}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
