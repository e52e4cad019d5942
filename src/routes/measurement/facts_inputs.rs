//! The inputs of a measurement's facts: paid work and its support, unpaid work and taking part,
//! and the route (readiness, growth, time on assistance). Choices come from the domain's
//! vocabularies; "unknown" is always a choice, since an unknown fact is never guessed.

use super::facts_form::FactsForm;
use crate::components::error_summary::{message_for, Item};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::facts::{Contract, DayActivities, Readiness, UnpaidKind};
use meedoen_domain::vocab::Choice;
use meedoen_domain::Text;

static UNKNOWN: Choice = Choice {
    code: "",
    label: Text::fixed("onbekend", "unknown"),
};
static NONE: Choice = Choice {
    code: "geen",
    label: Text::fixed("geen", "none"),
};

type Get<T> = fn(&FactsForm) -> T;
type Set<T> = fn(&mut FactsForm, T);

#[component]
pub fn FactsInputs(form: RwSignal<FactsForm>, errors: RwSignal<Vec<Item>>) -> impl IntoView {
    let i = use_i18n();
    let t = move |nl: &'static str, en: &'static str| move || i.t(nl, en);
    let sel = move |id: &'static str,
                    label: (&'static str, &'static str),
                    options: Vec<&'static Choice>,
                    get: Get<String>,
                    set: Set<String>| {
        view! {
            <div class="form-group">
                <label class="utrecht-form-label" for=id>{t(label.0, label.1)}</label>
                <select class="utrecht-select" id=id prop:value=move || form.with(get) on:change=move |ev| form.update(|f| set(f, event_target_value(&ev)))>
                    {options.into_iter().map(|c| view! { <option value=c.code selected=move || form.with(get) == c.code>{move || i.text(&c.label)}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let number = move |id: &'static str,
                       label: (&'static str, &'static str),
                       get: Get<String>,
                       set: Set<String>| {
        let err = message_for(errors, id);
        let (err2, err3) = (err.clone(), err.clone());
        view! {
            <div class="form-group" class:form-group--error=move || err2().is_some()>
                <label class="utrecht-form-label" for=id>{t(label.0, label.1)}</label>
                <p class="field-error" id=format!("{id}-fout")>{err}</p>
                <input class="utrecht-textbox input-width-4" id=id inputmode="decimal" aria-describedby=format!("{id}-fout") aria-invalid=move || err3().map(|_| "true")
                    prop:value=move || form.with(get) on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
            </div>
        }
    };
    let flag = move |id: &'static str,
                     label: (&'static str, &'static str),
                     get: Get<bool>,
                     set: Set<bool>| {
        view! {
            <div class="choice choice--small">
                <input class="choice__input" type="checkbox" id=id prop:checked=move || form.with(get) on:change=move |ev| form.update(|f| set(f, event_target_checked(&ev)))/>
                <label class="choice__label" for=id>{t(label.0, label.1)}</label>
            </div>
        }
    };
    let with_unknown =
        |list: &'static [Choice]| std::iter::once(&UNKNOWN).chain(list).collect::<Vec<_>>();
    let unpaid = std::iter::once(&UNKNOWN)
        .chain(std::iter::once(&NONE))
        .chain(UnpaidKind::CHOICES)
        .collect::<Vec<_>>();
    view! {
        <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Betaald werk", "Paid work")}</legend>
            {sel("f-betaald_werk", ("Betaald werk", "Paid work"), with_unknown(Contract::CHOICES), |f| f.werk.clone(), |f, v| f.werk = v)}
            {number("f-betaald_werk-uren_per_week", ("Uren per week", "Hours a week"), |f| f.werk_uren.clone(), |f, v| f.werk_uren = v)}
            {flag("f-lks", ("Met loonkostensubsidie", "With wage subsidy"), |f| f.lks, |f, v| f.lks = v)}
            {flag("f-jobcoach", ("Met jobcoach", "With job coach"), |f| f.jobcoach, |f, v| f.jobcoach = v)}
            {flag("f-beschut", ("Beschut werk", "Sheltered work"), |f| f.beschut, |f, v| f.beschut = v)}
            {flag("f-aanvullend", ("Met aanvullende uitkering", "With supplementary benefit"), |f| f.aanvullend, |f, v| f.aanvullend = v)}
            {flag("f-werkleer", ("Werkleertraject", "Work-learning trajectory"), |f| f.werkleer, |f, v| f.werkleer = v)}
        </fieldset>
        <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Onbetaald werk en meedoen", "Unpaid work and taking part")}</legend>
            {sel("f-onbetaald_werk", ("Onbetaald werk", "Unpaid work"), unpaid, |f| f.onbetaald.clone(), |f, v| f.onbetaald = v)}
            {flag("f-verantwoordelijkheid", ("Met verantwoordelijkheid voor anderen", "With responsibility towards others"), |f| f.verantwoordelijkheid, |f, v| f.verantwoordelijkheid = v)}
            {number("f-onbetaald_werk-contactmomenten_per_week", ("Contactmomenten per week", "Contact moments a week"), |f| f.contactmomenten.clone(), |f, v| f.contactmomenten = v)}
            {number("f-mantelzorg_uren_per_week", ("Mantelzorg, uren per week", "Informal care, hours a week"), |f| f.mantelzorg.clone(), |f, v| f.mantelzorg = v)}
            {sel("f-dagbesteding", ("Dagbesteding", "Day activities"), with_unknown(DayActivities::CHOICES), |f| f.dagbesteding.clone(), |f, v| f.dagbesteding = v)}
            {number("f-georganiseerde_activiteiten_per_week", ("Georganiseerde activiteiten per week", "Organised activities a week"), |f| f.activiteiten.clone(), |f, v| f.activiteiten = v)}
            {number("f-sociale_contacten_per_week", ("Sociale contacten per week", "Social contacts a week"), |f| f.contacten.clone(), |f, v| f.contacten = v)}
        </fieldset>
        <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Route", "Route")}</legend>
            {sel("f-gereedheid", ("Gereedheid (oordeel consulent)", "Readiness (consultant's view)"), with_unknown(Readiness::CHOICES), |f| f.gereedheid.clone(), |f, v| f.gereedheid = v)}
            {number("f-groeipotentieel", ("Groeipotentieel (trede binnen een jaar)", "Growth potential (step within a year)"), |f| f.groei.clone(), |f, v| f.groei = v)}
            <div class="form-group"><label class="utrecht-form-label" for="f-in_bijstand_sinds">{t("In bijstand sinds (jjjj-mm-dd)", "On assistance since (yyyy-mm-dd)")}</label>
                <input class="utrecht-textbox input-width-10" id="f-in_bijstand_sinds" prop:value=move || form.with(|f| f.bijstand_sinds.clone()) on:input=move |ev| form.update(|f| f.bijstand_sinds = event_target_value(&ev))/></div>
        </fieldset>
    }
}
