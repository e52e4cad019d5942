//! Start page: who we are talking to (server, database, municipality) and which rules the
//! browser itself runs today.

use crate::api;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::RuleSet;

pub use crate::browser::today;

#[component]
pub fn Home() -> impl IntoView {
    let i = use_i18n();
    let health = LocalResource::new(api::health);
    let day = today();
    let browser_rules = RuleSet::embedded()
        .at(day)
        .map(|r| r.versions().to_string());
    view! {
        <h1 class="utrecht-heading-1">"Meedoen"</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{move || i.t(
            "Begeleiding naar werk en meedoen onder de Participatiewet: participatieladder, trajecten, activering en rapportage.",
            "Guidance towards work and participation under the Participation Act: participation ladder, trajectories, activation and reporting.")}</p>
        <section aria-labelledby="status-kop" class="card">
            <h2 id="status-kop" class="utrecht-heading-2">{move || i.t("Verbinding met de server", "Connection to the server")}</h2>
            <div aria-live="polite" data-testid="server-status">
                {move || match health.get() {
                    None => view! { <p class="utrecht-paragraph">{i.t("Bezig met ophalen…", "Loading…")}</p> }.into_any(),
                    Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
                    Some(Ok(h)) => view! {
                        <dl class="facts">
                            <dt>{i.t("Status", "Status")}</dt><dd data-testid="status">{h.status.clone()}</dd>
                            <dt>{i.t("Serverversie", "Server version")}</dt><dd data-testid="versie">{h.versie.clone()}</dd>
                            <dt>{i.t("Gemeente", "Municipality")}</dt><dd data-testid="gemeente">{h.gemeente.clone().unwrap_or_else(|| i.t("(nog geen)", "(none yet)").to_string())}</dd>
                            <dt>{i.t("Inwoners in de database", "Residents in the database")}</dt><dd data-testid="inwoners">{h.inwoners}</dd>
                            <dt>{i.t("Databaseschema", "Database schema")}</dt><dd>{format!("{} v{}", h.database, h.schema_versie)}</dd>
                        </dl>
                    }.into_any(),
                }}
            </div>
        </section>
        <section aria-labelledby="regels-kop" class="card">
            <h2 id="regels-kop" class="utrecht-heading-2">{move || i.t("Regels in deze browser", "Rules in this browser")}</h2>
            <p class="utrecht-paragraph" data-testid="browser-regels">
                {move || match &browser_rules {
                    Ok(v) => format!("{} {day}: {v}", i.t("Geldig op", "In force on")),
                    Err(e) => e.to_string(),
                }}
            </p>
        </section>
    }
}
