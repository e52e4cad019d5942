//! Inputs of the resident's form: checkboxes and radio buttons with large touch targets and
//! optional hints, and text inputs with their label, hint and error wired up for assistive
//! technology (`aria-describedby`, `aria-invalid`).

use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::Text;

/// A checkbox or radio button with its label and optional hint.
#[component]
pub fn Choice(
    id: String,
    name: &'static str,
    #[prop(default = false)] radio: bool,
    label: Text,
    #[prop(optional)] hint: Option<Text>,
    #[prop(into)] checked: Signal<bool>,
    on_change: impl Fn(bool) + 'static,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i = use_i18n();
    let hint_id = format!("{id}-uitleg");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="choice">
            <input class="choice__input" id=id.clone() name=name type=if radio { "radio" } else { "checkbox" }
                prop:checked=move || checked.get()
                aria-describedby=described
                on:change=move |ev| on_change(event_target_checked(&ev))/>
            <label class="choice__label" for=id.clone()>{move || i.text(&label)}</label>
            {hint.map(|h| view! { <p class="choice__hint" id=hint_id.clone()>{move || i.text(&h)}</p> })}
            {children.map(|c| view! { <div class="choice__reveal">{c()}</div> })}
        </div>
    }
}

/// A text input with label, hint and error.
#[component]
pub fn TextInput(
    id: &'static str,
    label: Text,
    #[prop(optional)] hint: Option<Text>,
    #[prop(into)] value: Signal<String>,
    on_input: impl Fn(String) + 'static,
    #[prop(into)] error: Signal<Option<meedoen_domain::Text>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = "")] inputmode: &'static str,
    #[prop(default = "")] width: &'static str,
    /// Render the label as the page's heading (one question per page).
    #[prop(default = false)]
    heading: bool,
    #[prop(default = false)] multiline: bool,
) -> impl IntoView {
    let i = use_i18n();
    let hint_id = format!("{id}-uitleg");
    let error_id = format!("{id}-fout");
    let has_hint = hint.is_some();
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-uitleg"));
        }
        if error.read().is_some() {
            ids.push(format!("{id}-fout"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = move || error.read().is_some().then_some("true");
    let label_view =
        view! { <label class="utrecht-form-label" for=id>{move || i.text(&label)}</label> };
    let input = if multiline {
        view! {
            <textarea class="utrecht-textarea" id=id name=id rows="4" aria-describedby=described aria-invalid=invalid
                prop:value=move || value.get() on:input=move |ev| on_input(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input class=format!("utrecht-textbox {width}") id=id name=id type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                spellcheck="false" aria-describedby=described aria-invalid=invalid
                prop:value=move || value.get() on:input=move |ev| on_input(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.read().is_some()>
            {if heading {
                view! { <h1 class="utrecht-heading-1 question" id="vraag" tabindex="-1">{label_view}</h1> }.into_any()
            } else {
                label_view.into_any()
            }}
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || i.text(&h)}</p> })}
            <crate::components::error_summary::FieldError id=error_id message=error/>
            {input}
        </div>
    }
}
