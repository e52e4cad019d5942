//! One field of a record form, as the domain's field table describes it: its label (and help),
//! the input its type asks for, and its error line.

use super::values::{tick, Values};
use crate::components::error_summary::{message_for, Item};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::vocab::{FieldSpec, Input};

#[component]
pub fn FieldInput(
    spec: &'static FieldSpec,
    values: RwSignal<Values>,
    errors: RwSignal<Vec<Item>>,
) -> impl IntoView {
    let i = use_i18n();
    let id = format!("r-{}", spec.name);
    let name = spec.name;
    let err = message_for(errors, id.clone());
    let (err2, err3) = (err.clone(), err.clone());
    let value = move || values.with(|v| v.get(name).cloned().unwrap_or_default());
    let set = move |x: String| {
        values.update(|v| {
            v.insert(name.into(), x);
        })
    };
    let described = format!("{id}-fout");
    let input = match spec.input {
        Input::Long { .. } => view! { <textarea class="utrecht-textarea" id=id.clone() rows="4" aria-describedby=described.clone() prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea> }.into_any(),
        Input::Bool => view! {
            <input class="choice__input" type="checkbox" id=id.clone() prop:checked=move || value() == "ja" on:change=move |ev| set(tick(event_target_checked(&ev)))/>
        }.into_any(),
        Input::Choice(opts) => view! {
            <select class="utrecht-select" id=id.clone() aria-describedby=described.clone() on:change=move |ev| set(event_target_value(&ev))>
                <option value="">{i.tr("kies", "choose")}</option>
                {opts.iter().map(|c| view! { <option value=c.code selected=move || value() == c.code>{move || i.text(&c.label)}</option> }).collect_view()}
            </select>
        }.into_any(),
        // The municipality's partners as this browser keeps them: those that take referrals,
        // and the one already chosen (also when it no longer takes new ones).
        Input::Partner => {
            let ws = crate::workspace::use_workspace();
            view! {
                <select class="utrecht-select" id=id.clone() aria-describedby=described.clone() on:change=move |ev| set(event_target_value(&ev))>
                    <option value="">{i.tr("kies een partner", "choose a partner")}</option>
                    {move || {
                        let chosen = value();
                        ws.partners.get().into_iter().filter(|p| p.actief || p.id.to_string() == chosen).map(|p| {
                            let code = p.id.to_string();
                            let selected = code == chosen;
                            let title = p.title();
                            view! { <option value=code selected=selected>{move || i.text(&title)}</option> }
                        }).collect_view()
                    }}
                </select>
            }.into_any()
        }
        Input::YesNo => view! {
            <select class="utrecht-select" id=id.clone() aria-describedby=described.clone() on:change=move |ev| set(event_target_value(&ev))>
                <option value="" selected=move || value().is_empty()>{i.tr("nog niet bekend", "not known yet")}</option>
                <option value="ja" selected=move || value() == "ja">{i.tr("ja", "yes")}</option>
                <option value="nee" selected=move || value() == "nee">{i.tr("nee", "no")}</option>
            </select>
        }.into_any(),
        other => {
            let (t, mode, width) = match other {
                Input::Date => ("date", "", "input-width-10"),
                Input::Number { .. } => ("text", "decimal", "input-width-4"),
                Input::Int { .. } => ("text", "numeric", "input-width-4"),
                _ => ("text", "", "input-width-20"),
            };
            view! { <input class=format!("utrecht-textbox {width}") type=t id=id.clone() inputmode=(!mode.is_empty()).then_some(mode) aria-describedby=described.clone()
                aria-invalid=move || err2().map(|_| "true") prop:value=value on:input=move |ev| set(event_target_value(&ev))/> }.into_any()
        }
    };
    let is_bool = spec.input == Input::Bool;
    let (before, after) = if is_bool {
        (Some(input), None)
    } else {
        (None, Some(input))
    };
    view! {
        <div class="form-group" class:choice=is_bool class:choice--small=is_bool class:form-group--error=move || err3().is_some()>
            {before}
            <label class=if is_bool { "choice__label" } else { "utrecht-form-label" } for=id.clone()>{move || i.text(&spec.label)}</label>
            {spec.help.as_ref().map(|h| view! { <p class="hint">{move || i.text(h)}</p> })}
            <p class="field-error" id=described.clone()>{err}</p>
            {after}
        </div>
    }
}
