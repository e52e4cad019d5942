//! The error summary at the top of a page (GOV.UK pattern): it takes the focus when it
//! appears, and each message is a link that moves the focus to the input to fix.

use crate::browser;
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// One message in the summary: the input it is about (an id on this page, or on another page
/// when `page` is set) and the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub input: String,
    pub page: Option<String>,
    pub message: meedoen_domain::Text,
}

pub const SUMMARY_ID: &str = "foutoverzicht";

/// The message about input `id`, in the current language: what the field's error line and its
/// error styling show.
pub fn message_for(
    errors: RwSignal<Vec<Item>>,
    id: impl Into<String>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let i = use_i18n();
    let id = id.into();
    move || {
        errors
            .read()
            .iter()
            .find(|e| e.input == id)
            .map(|e| i.text(&e.message))
    }
}

/// The messages of a refused request, each on the input of the field the server named
/// (`input_for` maps a field to an input id); anything else on `fallback`.
pub fn items_from(
    f: &crate::api::ApiFailure,
    input_for: impl Fn(&str) -> Option<&'static str>,
    fallback: &'static str,
) -> Vec<Item> {
    match f {
        crate::api::ApiFailure::Status { fields, .. } if !fields.is_empty() => fields
            .iter()
            .map(|fe| Item {
                input: input_for(&fe.field).unwrap_or(fallback).into(),
                page: None,
                message: fe.message.clone(),
            })
            .collect(),
        // One problem, about the field the answer names.
        crate::api::ApiFailure::Status {
            field: Some(field),
            message,
            ..
        } => vec![Item {
            input: input_for(field).unwrap_or(fallback).into(),
            page: None,
            message: message.clone(),
        }],
        _ => vec![Item {
            input: fallback.into(),
            page: None,
            message: f.message(),
        }],
    }
}

/// One message about input `input`.
pub fn item(input: &str, (nl, en): (&'static str, &'static str)) -> Item {
    Item {
        input: input.into(),
        page: None,
        message: meedoen_domain::Text::new(nl, en),
    }
}

/// Show `items` in the summary and move the focus to it.
pub fn show(errors: RwSignal<Vec<Item>>, items: Vec<Item>) {
    errors.set(items);
    browser::after_render(|| browser::focus(SUMMARY_ID));
}

/// A labelled text input with its hint and error line, as the NL Design System shows them.
#[component]
pub fn TextField(
    id: &'static str,
    label: (&'static str, &'static str),
    value: RwSignal<String>,
    errors: RwSignal<Vec<Item>>,
    #[prop(optional)] hint: Option<(&'static str, &'static str)>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = 1000)] maxlength: u32,
) -> impl IntoView {
    let i = use_i18n();
    let message = message_for(errors, id);
    let m2 = message.clone();
    let m3 = message.clone();
    let described = if hint.is_some() {
        format!("{id}-hint {id}-fout")
    } else {
        format!("{id}-fout")
    };
    view! {
        <div class="form-group" class:form-group--error=move || m2().is_some()>
            <label class="utrecht-form-label" for=id>{move || i.t(label.0, label.1)}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{move || i.t(h.0, h.1)}</p> })}
            <p class="field-error" id=format!("{id}-fout")>{message}</p>
            <input class="utrecht-textbox" id=id name=id type=kind autocomplete=autocomplete maxlength=maxlength
                data-testid=id aria-describedby=described aria-invalid=move || m3().map(|_| "true")
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

#[component]
pub fn ErrorSummary(
    items: Signal<Vec<Item>>,
    /// Called for a message whose input is on another page.
    #[prop(optional, into)]
    on_other_page: Option<Callback<Item>>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        {show_if(move || !items.read().is_empty(), move || view! {
            <div class="error-summary" id=SUMMARY_ID tabindex="-1" role="alert" aria-labelledby="foutoverzicht-kop" data-testid="foutoverzicht">
                <h2 class="utrecht-heading-2" id="foutoverzicht-kop">{i.tr("Er is een probleem", "There is a problem")}</h2>
                <ul class="error-summary__list">
                    <For each=move || items.get() key=|x| (x.input.clone(), x.message.nl.clone()) let:item>
                        {
                            let href = match &item.page {
                                Some(p) => p.clone(),
                                None => format!("#{}", item.input),
                            };
                            let it = item.clone();
                            let go = move |ev: web_sys::MouseEvent| {
                                ev.prevent_default();
                                match (&it.page, on_other_page) {
                                    (Some(_), Some(cb)) => cb.run(it.clone()),
                                    _ => browser::focus(&it.input),
                                }
                            };
                            let msg = item.message.clone();
                            view! { <li><a href=href on:click=go>{move || i.text(&msg)}</a></li> }
                        }
                    </For>
                </ul>
            </div>
        }.into_any())}
    }
}

/// The message shown beside an input, if any.
#[component]
pub fn FieldError(id: String, message: Signal<Option<meedoen_domain::Text>>) -> impl IntoView {
    let i = use_i18n();
    view! {
        {show_if(move || message.read().is_some(), move || view! {
            <p class="field-error" id=id.clone()>
                <span class="visually-hidden">{i.tr("Fout: ", "Error: ")}</span>
                {move || message.get().map(|m| i.text(&m))}
            </p>
        }.into_any())}
    }
}
