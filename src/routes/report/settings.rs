//! The team lead's report settings: the publication threshold for small counts and the yearly
//! ambition per indicator. Every problem names its field in the error summary; nothing is
//! saved until the server accepted it.

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::error_summary::{message_for, ErrorSummary, Item, SUMMARY_ID};
use crate::i18n::use_i18n;
use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::report::Indicator;
use meedoen_domain::Text;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
struct Stored {
    drempel: Option<u32>,
    ambities: Vec<meedoen_domain::report::Ambition>,
}

/// The field errors of a refused request, linked to the inputs of this form.
fn items(f: ApiFailure, prefix: &str) -> Vec<Item> {
    match f {
        ApiFailure::Status { message, field, .. } => {
            let field = field.unwrap_or_default();
            vec![Item {
                input: format!("{prefix}{field}"),
                page: None,
                message,
            }]
        }
        other => vec![Item {
            input: format!("{prefix}opslaan"),
            page: None,
            message: other.message(),
        }],
    }
}

#[component]
pub fn Settings() -> impl IntoView {
    let i = use_i18n();
    let stored = RwSignal::new(None::<Stored>);
    let errors = RwSignal::new(Vec::<Item>::new());
    let saved = RwSignal::new(None::<Text>);
    let threshold = RwSignal::new(String::new());
    let year = RwSignal::new(browser::today().year().to_string());
    let indicator = RwSignal::new(Indicator::Plaatsingen.code().to_string());
    let goal = RwSignal::new(String::new());
    spawn_local(async move {
        if let Ok(s) = api::get::<Stored>("/api/rapportage/instellingen").await {
            threshold.set(s.drempel.map(|d| d.to_string()).unwrap_or_default());
            stored.set(Some(s));
        }
    });
    let fail = move |list: Vec<Item>| {
        saved.set(None);
        errors.set(list);
        browser::after_render(|| browser::focus(SUMMARY_ID));
    };
    let save_threshold = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = threshold.get_untracked();
        let value = match t.trim() {
            "" => serde_json::Value::Null,
            x => match x.parse::<i64>() {
                Ok(n) => n.into(),
                Err(_) => {
                    return fail(vec![Item {
                        input: "i-drempel".into(),
                        page: None,
                        message: Text::fixed(
                            "Vul een geheel getal in, of laat leeg.",
                            "Enter a whole number, or leave empty.",
                        ),
                    }])
                }
            },
        };
        spawn_local(async move {
            match api::post::<_, Stored>(
                "/api/rapportage/drempel",
                &serde_json::json!({ "drempel": value }),
            )
            .await
            {
                Ok((_, s)) => {
                    stored.set(Some(s));
                    errors.set(vec![]);
                    saved.set(Some(Text::fixed("Publicatie-instelling opgeslagen. Laad de rapportage opnieuw om het effect te zien.", "Publication setting saved. Reload the report to see its effect.")));
                }
                Err(f) => fail(items(f, "i-")),
            }
        });
    };
    let save_goal = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (y, ind, g) = (
            year.get_untracked(),
            indicator.get_untracked(),
            goal.get_untracked(),
        );
        let mut problems = vec![];
        let jaar = y
            .trim()
            .parse::<i64>()
            .map_err(|_| {
                problems.push(Item {
                    input: "a-jaar".into(),
                    page: None,
                    message: Text::fixed(
                        "Vul een jaartal in, bijvoorbeeld 2025.",
                        "Enter a year, for example 2025.",
                    ),
                })
            })
            .unwrap_or(0);
        let doel = match g.trim() {
            "" => serde_json::Value::Null,
            x => match x.parse::<i64>() {
                Ok(n) => n.into(),
                Err(_) => {
                    problems.push(Item { input: "a-doel".into(), page: None, message: Text::fixed("Vul de ambitie in als geheel getal, bijvoorbeeld 275 (leeg: ambitie weghalen).", "Enter the ambition as a whole number, for example 275 (empty: remove the ambition).") });
                    serde_json::Value::Null
                }
            },
        };
        if !problems.is_empty() {
            return fail(problems);
        }
        spawn_local(async move {
            let body = serde_json::json!({ "jaar": jaar, "indicator": ind, "doel": doel });
            match api::post::<_, Stored>("/api/rapportage/ambities", &body).await {
                Ok((_, s)) => {
                    stored.set(Some(s));
                    errors.set(vec![]);
                    saved.set(Some(Text::fixed(
                        "Ambitie opgeslagen. Laad de rapportage opnieuw om haar te zien.",
                        "Ambition saved. Reload the report to see it.",
                    )));
                }
                Err(f) => fail(items(f, "a-")),
            }
        });
    };
    let field_error = move |id: &'static str| message_for(errors, id);
    view! {
        <section class="card no-print" aria-labelledby="instellingen-kop" data-testid="rapport-instellingen">
            <h2 class="utrecht-heading-2" id="instellingen-kop">{i.tr("Instellingen van de rapportage", "Report settings")}</h2>
            <ErrorSummary items=errors.into()/>
            {move || saved.get().map(|m| view! { <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="instelling-opgeslagen"><p class="utrecht-paragraph">{i.text(&m)}</p></div> })}
            <form novalidate on:submit=save_threshold>
                <div class="form-group">
                    <label class="utrecht-form-label" for="i-drempel">{i.tr("Drempel voor publicatie (aantallen eronder tonen als '< n'; leeg: uit)", "Publication threshold (counts below shown as '< n'; empty: off)")}</label>
                    <p class="field-error" id="i-drempel-fout">{field_error("i-drempel")}</p>
                    <input class="utrecht-textbox input-width-4" id="i-drempel" inputmode="numeric" aria-describedby="i-drempel-fout" prop:value=move || threshold.get() on:input=move |ev| threshold.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="drempel-opslaan">{i.tr("Drempel opslaan", "Save threshold")}</button>
            </form>
            <form novalidate on:submit=save_goal>
                <h3 class="utrecht-heading-3">{i.tr("Ambitie per jaar", "Ambition per year")}</h3>
                <div class="form-group">
                    <label class="utrecht-form-label" for="a-jaar">{i.tr("Jaar", "Year")}</label>
                    <p class="field-error" id="a-jaar-fout">{field_error("a-jaar")}</p>
                    <input class="utrecht-textbox input-width-4" id="a-jaar" inputmode="numeric" aria-describedby="a-jaar-fout" prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev))/>
                </div>
                <div class="form-group">
                    <label class="utrecht-form-label" for="a-indicator">{i.tr("Indicator", "Indicator")}</label>
                    <p class="field-error" id="a-indicator-fout">{field_error("a-indicator")}</p>
                    <select class="utrecht-select" id="a-indicator" aria-describedby="a-indicator-fout" on:change=move |ev| indicator.set(event_target_value(&ev))>
                        {Indicator::CHOICES.iter().map(|c| view! { <option value=c.code selected=move || indicator.get() == c.code>{move || i.text(&c.label)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="utrecht-form-label" for="a-doel">{i.tr("Ambitie (aantal; leeg: weghalen)", "Ambition (number; empty: remove)")}</label>
                    <p class="field-error" id="a-doel-fout">{field_error("a-doel")}</p>
                    <input class="utrecht-textbox input-width-4" id="a-doel" inputmode="numeric" aria-describedby="a-doel-fout" prop:value=move || goal.get() on:input=move |ev| goal.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="ambitie-opslaan">{i.tr("Ambitie opslaan", "Save ambition")}</button>
            </form>
            {move || stored.get().map(|s| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || i.t("Vastgelegde ambities", "Ambitions set")>
                <table class="utrecht-table report-table" data-testid="ambities"><caption>{i.tr("Vastgelegde ambities", "Ambitions set")}</caption>
                    <thead><tr><th scope="col">{i.tr("Jaar", "Year")}</th><th scope="col">{i.tr("Indicator", "Indicator")}</th><th scope="col">{i.tr("Ambitie", "Ambition")}</th></tr></thead>
                    <tbody>{s.ambities.iter().map(|a| { let l = a.indicator.label(); view! { <tr><td>{a.jaar}</td><td>{move || i.text(l)}</td><td>{a.doel}</td></tr> } }).collect_view()}</tbody>
                </table>
                </div>
            })}
        </section>
    }
}
