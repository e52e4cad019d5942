//! The error summary at the top of a page (GOV.UK pattern): it takes the focus when it
//! appears, and each message is a link that moves the focus to the input to fix.

use crate::browser;
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

#[component]
pub fn ErrorSummary(
    items: Signal<Vec<Item>>,
    /// Called for a message whose input is on another page.
    #[prop(optional, into)]
    on_other_page: Option<Callback<Item>>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Show when=move || !items.read().is_empty()>
            <div class="error-summary" id=SUMMARY_ID tabindex="-1" role="alert" aria-labelledby="foutoverzicht-kop" data-testid="foutoverzicht">
                <h2 class="utrecht-heading-2" id="foutoverzicht-kop">{move || i.t("Er is een probleem", "There is a problem")}</h2>
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
        </Show>
    }
}

/// The message shown beside an input, if any.
#[component]
pub fn FieldError(id: String, message: Signal<Option<meedoen_domain::Text>>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Show when=move || message.read().is_some()>
            <p class="field-error" id=id.clone()>
                <span class="visually-hidden">{move || i.t("Fout: ", "Error: ")}</span>
                {move || message.get().map(|m| i.text(&m))}
            </p>
        </Show>
    }
}
