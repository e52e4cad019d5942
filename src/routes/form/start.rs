//! The form's start page (what it is for, resume where you were) and the receipt page.

use super::form_path;
use crate::browser;
use crate::form::use_form;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::form::Step;

#[component]
pub fn StartPage() -> impl IntoView {
    let i = use_i18n();
    let form = use_form();
    Effect::new(move |_| {
        browser::set_title(i.t(
            "Vertel wat u doet en wat u wilt",
            "Tell us what you do and what you would like",
        ))
    });
    let resume = move || {
        form.draft
            .with(|d| match d.problems(browser::today()).first() {
                Some(p) if p.step != Step::Controleren => form_path(p.step),
                _ => form_path(Step::Controleren),
            })
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Vertel wat u doet en wat u wilt", "Tell us what you do and what you would like")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{move || i.t(
            "U krijgt een bijstandsuitkering. De gemeente wil samen met u kijken wat bij u past: werk, vrijwilligerswerk of iets anders. Met dit formulier vertelt u wat u nu doet en wat u zou willen.",
            "You receive social assistance. The municipality wants to look with you at what suits you: work, volunteering or something else. With this form you tell us what you do now and what you would like to do.")}</p>
        <ul class="utrecht-unordered-list">
            <li>{i.tr("Het duurt ongeveer 5 minuten. Op elke pagina staat één vraag.", "It takes about 5 minutes. Each page has one question.")}</li>
            <li>{i.tr("Uw antwoorden blijven op dit apparaat tot u ze verstuurt. U kunt stoppen en later verdergaan.", "Your answers stay on this device until you send them. You can stop and continue later.")}</li>
            <li>{i.tr("De computer beslist niets. Een consulent leest uw antwoorden en bespreekt de mogelijkheden met u.", "The computer decides nothing. A consultant reads your answers and discusses the options with you.")}</li>
        </ul>
        <div aria-live="polite" data-testid="formulier-start">
            {move || {
                if !form.loaded.get() {
                    return view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any();
                }
                let receipt = form.receipt.get().map(|r| view! {
                    <div class="utrecht-alert utrecht-alert--info">
                        <p class="utrecht-paragraph">{i.t("U heeft al een formulier verstuurd. Uw referentienummer is ", "You have already sent a form. Your reference number is ")}<strong>{r.referentie.clone()}</strong>"."</p>
                        <a href="/formulier/ontvangen">{i.t("Bekijk uw ontvangstbewijs", "View your receipt")}</a>
                    </div>
                });
                let action = if form.outgoing.get().is_some() {
                    view! {
                        <p class="utrecht-paragraph">{i.t("Uw formulier is klaar en wordt verstuurd.", "Your form is ready and is being sent.")}</p>
                        <a href="/formulier/controleren" class="utrecht-button utrecht-button--primary-action button-link">{i.t("Bekijk hoe het versturen gaat", "See how sending is going")}</a>
                    }.into_any()
                } else if form.draft.with(|d| d.is_empty()) {
                    view! { <a href="/formulier/nu" class="utrecht-button utrecht-button--primary-action button-link" data-testid="begin">{i.t("Beginnen", "Start")}</a> }.into_any()
                } else {
                    view! {
                        <p class="utrecht-paragraph">{i.t("U was al begonnen. Uw antwoorden zijn bewaard.", "You had already started. Your answers are kept.")}</p>
                        <div class="button-row">
                            <a href=resume class="utrecht-button utrecht-button--primary-action button-link" data-testid="verder">{i.t("Verder waar u was", "Continue where you were")}</a>
                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="opnieuw" on:click=move |_| form.restart()>
                                {i.t("Opnieuw beginnen en mijn antwoorden wissen", "Start again and delete my answers")}
                            </button>
                        </div>
                    }.into_any()
                };
                view! { {receipt} {action} }.into_any()
            }}
        </div>
    }
}

/// A received-at time from the server, shown in the browser's local time.
fn local_time(rfc3339: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_string();
    }
    format!(
        "{:02}-{:02}-{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i = use_i18n();
    let form = use_form();
    Effect::new(move |_| browser::set_title(i.t("Formulier verstuurd", "Form sent")));
    browser::after_render(|| browser::focus("vraag"));
    view! {
        {move || match form.receipt.get() {
            Some(r) => {
                let (nl, en) = (r.wat_nu.nl.clone(), r.wat_nu.en.clone());
                view! {
                    <div class="confirmation" data-testid="ontvangstbewijs">
                        <h1 class="utrecht-heading-1" id="vraag" tabindex="-1">{i.t("Formulier verstuurd", "Form sent")}</h1>
                        <p class="confirmation__label">{i.t("Uw referentienummer", "Your reference number")}</p>
                        <p class="confirmation__reference" data-testid="referentie">{r.referentie.clone()}</p>
                    </div>
                    <p class="utrecht-paragraph">{i.t("Ontvangen op ", "Received on ")}{local_time(&r.ontvangen_op)}"."</p>
                    <h2 class="utrecht-heading-2">{i.t("Wat gebeurt er nu?", "What happens next?")}</h2>
                    <p class="utrecht-paragraph" data-testid="wat-nu">{move || if i.lang.get() == meedoen_domain::Lang::Nl { nl.clone() } else { en.clone() }}</p>
                    <p class="utrecht-paragraph">{i.t(
                        "Uw antwoorden staan niet meer op dit apparaat. Alleen dit ontvangstbewijs is bewaard.",
                        "Your answers are no longer on this device. Only this receipt is kept.")}</p>
                    <div class="button-row">
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="bewijs-wissen" on:click=move |_| form.forget_receipt()>
                            {i.t("Ontvangstbewijs van dit apparaat verwijderen", "Remove the receipt from this device")}
                        </button>
                        <a href="/formulier" class="utrecht-button utrecht-button--secondary-action button-link">{i.t("Nieuw formulier invullen", "Fill in a new form")}</a>
                    </div>
                }.into_any()
            }
            None => view! {
                <h1 class="utrecht-heading-1" id="vraag" tabindex="-1">{i.t("Geen ontvangstbewijs", "No receipt")}</h1>
                <p class="utrecht-paragraph">{i.t("Er staat geen ontvangstbewijs op dit apparaat.", "There is no receipt on this device.")}</p>
                <a href="/formulier">{i.t("Naar het formulier", "To the form")}</a>
            }.into_any(),
        }}
    }
}
