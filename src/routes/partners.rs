//! The partner organisations residents are referred to (volunteer centre, welfare, library,
//! providers), for the administrator: the list, add a partner, change one or set it inactive
//! (never deleted: its referrals keep pointing at it). Each partner has the number of weeks
//! without news after which its referrals are followed up on the caseload. The domain checks
//! the partner before it is sent; the server checks it again, audits it and refuses a stale
//! version.

use crate::api;
use crate::browser;
use crate::components::error_summary::{items_from, show, ErrorSummary, Item, TextField};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::Action;
use meedoen_domain::partners::{Partner, PartnerKind, DEFAULT_FOLLOW_UP_WEEKS};
use meedoen_domain::Text;
use serde::Deserialize;

#[derive(Deserialize)]
struct List {
    partners: Vec<Partner>,
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Partnerorganisaties", "Partner organisations")));
    view! {
        <RequireAction action=Action::ManagePartners>
            <PartnersView/>
        </RequireAction>
    }
}

/// The input that shows a field's problem.
fn input_for(field: &str) -> Option<&'static str> {
    Some(match field {
        "naam" => "p-naam",
        "soort" => "p-soort",
        "omschrijving" => "p-omschrijving",
        "email" => "p-email",
        "telefoon" => "p-telefoon",
        "opvolgen_na_weken" => "p-weken",
        _ => return None,
    })
}

#[component]
fn PartnersView() -> impl IntoView {
    let i = use_i18n();
    let list = RwSignal::new(None::<Result<Vec<Partner>, Text>>);
    let load = move || {
        spawn_local(async move {
            let r = api::get::<List>("/api/partners").await;
            list.set(Some(r.map(|l| l.partners).map_err(|f| f.message())));
        })
    };
    load();
    // The form: a new partner (id 0) or the one being changed.
    let editing = RwSignal::new(None::<Partner>);
    let (name, kind, about, email, phone, weeks, active) = (
        RwSignal::new(String::new()),
        RwSignal::new(PartnerKind::Vrijwilligerscentrale.code().to_string()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(DEFAULT_FOLLOW_UP_WEEKS.to_string()),
        RwSignal::new(true),
    );
    let errors = RwSignal::new(Vec::<Item>::new());
    let notice = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);
    let fill = move |p: Option<Partner>| {
        let q = p.clone().unwrap_or(Partner {
            id: 0,
            naam: String::new(),
            soort: PartnerKind::Vrijwilligerscentrale,
            omschrijving: None,
            email: None,
            telefoon: None,
            opvolgen_na_weken: DEFAULT_FOLLOW_UP_WEEKS,
            actief: true,
            versie: 0,
        });
        name.set(q.naam.clone());
        kind.set(q.soort.code().to_string());
        about.set(q.omschrijving.clone().unwrap_or_default());
        email.set(q.email.clone().unwrap_or_default());
        phone.set(q.telefoon.clone().unwrap_or_default());
        weeks.set(q.opvolgen_na_weken.to_string());
        active.set(q.actief);
        errors.set(vec![]);
        editing.set(p);
    };
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let opt = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let Some(weeks_n) = weeks.get_untracked().trim().parse::<u8>().ok() else {
            show(
                errors,
                vec![crate::components::error_summary::item(
                    "p-weken",
                    (
                        "Vul een geheel aantal weken in, van 1 tot en met 26.",
                        "Enter a whole number of weeks, from 1 to 26.",
                    ),
                )],
            );
            return;
        };
        let current = editing.get_untracked();
        let p = Partner {
            id: current.as_ref().map_or(0, |c| c.id),
            naam: name.get_untracked().trim().to_string(),
            soort: PartnerKind::parse(&kind.get_untracked()).unwrap_or(PartnerKind::Overig),
            omschrijving: opt(about.get_untracked()),
            email: opt(email.get_untracked()),
            telefoon: opt(phone.get_untracked()),
            opvolgen_na_weken: weeks_n,
            actief: active.get_untracked(),
            versie: current.as_ref().map_or(0, |c| c.versie),
        };
        // The same check the server makes, before anything is sent.
        if let Err(list) = p.check() {
            show(
                errors,
                list.into_iter()
                    .map(|e| Item {
                        input: input_for(&e.field).unwrap_or("p-naam").into(),
                        page: None,
                        message: e.message,
                    })
                    .collect(),
            );
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let r = if p.id == 0 {
                api::post::<_, Partner>("/api/partners", &p)
                    .await
                    .map(|(_, x)| x)
            } else {
                api::patch::<_, Partner>(&format!("/api/partners/{}", p.id), &p).await
            };
            busy.set(false);
            match r {
                Ok(saved) => {
                    notice.set(Some(Text::new(
                        format!("{} is opgeslagen (en staat in het auditlog).", saved.naam),
                        format!("{} was saved (and is in the audit log).", saved.naam),
                    )));
                    fill(None);
                    load();
                    browser::after_render(|| browser::focus("partner-melding"));
                }
                Err(f) => show(errors, items_from(&f, input_for, "p-naam")),
            }
        });
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Partnerorganisaties", "Partner organisations")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Consulenten verwijzen inwoners naar deze partners vanuit het dossier. Een partner wordt nooit verwijderd: zet hem op inactief, dan neemt hij geen nieuwe verwijzingen meer aan en blijven de bestaande zichtbaar.",
            "Consultants refer residents to these partners from the file. A partner is never deleted: set it inactive, then it takes no new referrals and the existing ones stay visible.")}</p>
        {show_if(move || notice.read().is_some(), move || view! {
            <div class="utrecht-alert utrecht-alert--info" role="status" tabindex="-1" id="partner-melding" data-testid="partner-melding">
                <p class="utrecht-paragraph">{move || notice.get().map(|t| i.text(&t))}</p>
            </div>
        }.into_any())}
        {move || match list.get() {
            None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
            Some(Ok(rows)) => view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="partners-bijschrift">
                    <table class="utrecht-table report-table stack-table" data-testid="partners">
                        <caption id="partners-bijschrift">{format!("{} {}", rows.len(), i.t("partners", "partners"))}</caption>
                        <thead><tr>
                            <th scope="col">{i.t("Naam", "Name")}</th>
                            <th scope="col">{i.t("Soort", "Kind")}</th>
                            <th scope="col">{i.t("Opvolgen na", "Follow up after")}</th>
                            <th scope="col">{i.t("Status", "Status")}</th>
                            <th scope="col">{i.t("Acties", "Actions")}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|p| {
                                let label = format!("{} {}", i.t("Wijzigen:", "Change:"), p.naam);
                                let row = p.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{p.naam.clone()}</th>
                                        <td data-label=i.t("Soort", "Kind")>{i.text(p.soort.label())}</td>
                                        <td data-label=i.t("Opvolgen na", "Follow up after")>{format!("{} {}", p.opvolgen_na_weken, i.t("weken", "weeks"))}</td>
                                        <td data-label=i.t("Status", "Status")>{if p.actief { i.t("actief", "active") } else { i.t("inactief", "inactive") }}</td>
                                        <td><button type="button" class="utrecht-button utrecht-button--secondary-action" aria-label=label
                                            data-testid="partner-wijzigen"
                                            on:click=move |_| { fill(Some(row.clone())); browser::after_render(|| browser::focus("p-naam")); }>{i.t("Wijzigen", "Change")}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any(),
        }}
        <section class="card" aria-labelledby="partner-form-kop">
            <h2 class="utrecht-heading-2" id="partner-form-kop">{move || match editing.get() {
                Some(p) => format!("{} {}", i.t("Partner wijzigen:", "Change partner:"), p.naam),
                None => i.t("Partner toevoegen", "Add a partner").to_string(),
            }}</h2>
            <ErrorSummary items=errors.into()/>
            <form novalidate on:submit=submit data-testid="partner-form">
                <TextField id="p-naam" label=("Naam", "Name") value=name errors=errors maxlength=100/>
                <div class="form-group" class:form-group--error=move || errors.read().iter().any(|e| e.input == "p-soort")>
                    <label class="utrecht-form-label" for="p-soort">{i.tr("Soort organisatie", "Kind of organisation")}</label>
                    <p class="field-error" id="p-soort-fout">{crate::components::error_summary::message_for(errors, "p-soort")}</p>
                    <select class="utrecht-select" id="p-soort" data-testid="p-soort" aria-describedby="p-soort-fout"
                        on:change=move |ev| kind.set(event_target_value(&ev)) prop:value=move || kind.get()>
                        {PartnerKind::ALL.iter().map(|k| {
                            let code = k.code();
                            view! { <option value=code selected=move || kind.get() == code>{move || i.text(k.label())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextField id="p-omschrijving" label=("Waarvoor verwijst u hierheen", "What residents are referred here for") value=about errors=errors maxlength=300/>
                <TextField id="p-email" label=("E-mail (optioneel)", "Email (optional)") value=email errors=errors kind="email"/>
                <TextField id="p-telefoon" label=("Telefoon (optioneel)", "Phone (optional)") value=phone errors=errors kind="tel"/>
                <TextField id="p-weken" label=("Opvolgen na (weken zonder nieuws)", "Follow up after (weeks without news)") value=weeks errors=errors maxlength=2
                    hint=("1 tot en met 26. Zo lang na het laatste nieuws verschijnt ‘verwijzing opvolgen’ op de caseload.", "1 to 26. This long after the latest news, ‘follow up referral’ appears on the caseload.")/>
                <div class="form-group choice choice--small">
                    <input class="choice__input" type="checkbox" id="p-actief" data-testid="p-actief" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev))/>
                    <label class="choice__label" for="p-actief">{i.tr("Neemt nieuwe verwijzingen aan (actief)", "Takes new referrals (active)")}</label>
                </div>
                <div class="button-row">
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="partner-opslaan" disabled=move || busy.get()>{i.tr("Opslaan", "Save")}</button>
                    {show_if(move || editing.read().is_some(), move || view! {
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| fill(None)>{i.tr("Annuleren", "Cancel")}</button>
                    }.into_any())}
                </div>
            </form>
        </section>
    }
}
