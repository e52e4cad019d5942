//! The team lead's part of a resident's file: the rights of the resident under the AVG — a
//! subject-access export of everything held (art. 15) and recording an erasure request
//! (art. 17). Both are audited on the server; nothing here is kept in the browser.

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::error_summary::{ErrorSummary, Item, SUMMARY_ID};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::Text;

#[component]
pub fn RightsSection(id: i64) -> impl IntoView {
    let i = use_i18n();
    let export_state = RwSignal::new(None::<Text>);
    let exporting = RwSignal::new(false);
    let export = move |_| {
        exporting.set(true);
        spawn_local(async move {
            let r = api::get::<serde_json::Value>(&format!("/api/inwoners/{id}/inzage")).await;
            exporting.set(false);
            export_state.set(Some(match r {
                Ok(v) => {
                    let text = serde_json::to_string_pretty(&v).unwrap_or_default();
                    browser::download(
                        &format!("inzage-inwoner-{id}-{}.json", browser::today()),
                        "application/json",
                        &text,
                    );
                    Text::new(
                        "De inzage-export is gedownload. Het downloaden staat in het auditlog.",
                        "The subject-access export was downloaded. The download is in the audit log.",
                    )
                }
                Err(f) => f.message(),
            }));
        });
    };

    let received = RwSignal::new(browser::today().to_string());
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<Item>::new());
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let message = move |field: &'static str| {
        move || {
            errors
                .read()
                .iter()
                .find(|e| e.input == field)
                .map(|e| i.text(&e.message))
        }
    };
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut e = Vec::new();
        if meedoen_domain::day::parse(&received.get_untracked()).is_none() {
            e.push(Item {
                input: "verzoek-ontvangen".into(),
                page: None,
                message: Text::new(
                    "Vul de datum van ontvangst in (dag, maand en jaar).",
                    "Enter the day it was received (day, month and year).",
                ),
            });
        }
        if text.get_untracked().trim().chars().count() < 5 {
            e.push(Item {
                input: "verzoek-toelichting".into(),
                page: None,
                message: Text::new(
                    "Beschrijf in minstens 5 tekens wat er gevraagd is.",
                    "Describe what was asked in at least 5 characters.",
                ),
            });
        }
        if !e.is_empty() {
            errors.set(e);
            browser::after_render(|| browser::focus(SUMMARY_ID));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let body = serde_json::json!({
                "ontvangen_op": received.get_untracked().trim(),
                "toelichting": text.get_untracked().trim(),
            });
            let r = api::post::<_, serde_json::Value>(
                &format!("/api/inwoners/{id}/verwijderverzoek"),
                &body,
            )
            .await;
            busy.set(false);
            match r {
                Ok(_) => {
                    errors.set(vec![]);
                    text.set(String::new());
                    saved.set(true);
                }
                Err(f) => {
                    let items: Vec<Item> = match &f {
                        ApiFailure::Status { fields, .. } if !fields.is_empty() => fields
                            .iter()
                            .map(|fe| Item {
                                input: if fe.field == "ontvangen_op" {
                                    "verzoek-ontvangen".into()
                                } else {
                                    "verzoek-toelichting".into()
                                },
                                page: None,
                                message: fe.message.clone(),
                            })
                            .collect(),
                        _ => vec![Item {
                            input: "verzoek-toelichting".into(),
                            page: None,
                            message: f.message(),
                        }],
                    };
                    errors.set(items);
                    browser::after_render(|| browser::focus(SUMMARY_ID));
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="rechten-kop" data-testid="rechten">
            <h2 class="utrecht-heading-2" id="rechten-kop">{i.tr("Rechten van de inwoner (AVG)", "The resident's rights (GDPR)")}</h2>
            <p class="utrecht-paragraph">{move || i.t(
                "Een inzage-export bevat alles wat over deze inwoner is vastgelegd, met wie wat wanneer heeft bekeken of gewijzigd.",
                "A subject-access export holds everything recorded about this resident, with who viewed or changed what and when.")}</p>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="inzage-export"
                disabled=move || exporting.get() on:click=export>
                {i.tr("Inzage-export downloaden (JSON)", "Download the subject-access export (JSON)")}
            </button>
            <p class="utrecht-paragraph" role="status" data-testid="inzage-status">{move || export_state.get().map(|t| i.text(&t))}</p>
            <h3 class="utrecht-heading-3">{i.tr("Verzoek tot verwijdering vastleggen", "Record an erasure request")}</h3>
            <ErrorSummary items=errors.into()/>
            <form novalidate on:submit=submit data-testid="verwijderverzoek">
                <div class="form-group" class:form-group--error=move || message("verzoek-ontvangen")().is_some()>
                    <label class="utrecht-form-label" for="verzoek-ontvangen">{i.tr("Ontvangen op", "Received on")}</label>
                    <p class="field-error" id="verzoek-ontvangen-fout">{message("verzoek-ontvangen")}</p>
                    <input class="utrecht-textbox input-width-10" id="verzoek-ontvangen" type="date"
                        aria-describedby="verzoek-ontvangen-fout" aria-invalid=move || message("verzoek-ontvangen")().map(|_| "true")
                        prop:value=move || received.get() on:input=move |ev| received.set(event_target_value(&ev))/>
                </div>
                <div class="form-group" class:form-group--error=move || message("verzoek-toelichting")().is_some()>
                    <label class="utrecht-form-label" for="verzoek-toelichting">{i.tr("Wat is er gevraagd, en hoe kwam het verzoek binnen?", "What was asked, and how did the request come in?")}</label>
                    <p class="field-error" id="verzoek-toelichting-fout">{message("verzoek-toelichting")}</p>
                    <textarea class="utrecht-textarea" id="verzoek-toelichting" rows="3" maxlength="1000"
                        aria-describedby="verzoek-toelichting-fout" aria-invalid=move || message("verzoek-toelichting")().map(|_| "true")
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="verwijderverzoek-opslaan" disabled=move || busy.get()>
                    {i.tr("Verzoek vastleggen", "Record the request")}
                </button>
                <p class="utrecht-paragraph" role="status" data-testid="verwijderverzoek-status">{move || saved.get().then(|| i.t(
                    "Het verzoek is vastgelegd. Of en wanneer er gewist wordt, besluit de gemeente; het verzoek staat in het auditlog.",
                    "The request was recorded. Whether and when data is erased is the municipality's decision; the request is in the audit log."))}</p>
            </form>
        </section>
    }
}
