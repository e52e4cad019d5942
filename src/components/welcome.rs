//! What someone who is not signed in sees at `/`: what Meedoen is, and the state of this
//! installation. The sign-in app shows it with the sign-in form below the introduction (a
//! visitor without a session gets that app at `/`); the workspace shows it with a link to sign
//! in and the rules this browser runs (offline from its kept copy, or after a lapsed session).

use crate::api;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The product's name and what it is for.
#[component]
pub fn Intro() -> impl IntoView {
    let i = use_i18n();
    view! {
        <h1 class="utrecht-heading-1">"Meedoen"</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{move || i.t(
            "Begeleiding naar werk en meedoen onder de Participatiewet: participatieladder, trajecten, activering en rapportage.",
            "Guidance towards work and participation under the Participation Act: participation ladder, trajectories, activation and reporting.")}</p>
    }
}

/// What the welcome shows of the server's health answer (`meedoen_domain::wire::Health`); the
/// rest is not read, which keeps the sign-in app smaller.
#[derive(serde::Deserialize)]
struct State {
    status: String,
    versie: String,
    gemeente: Option<String>,
    inwoners: i64,
}

/// This installation's state from the server (`/api/gezondheid`, public), and the rule
/// versions this browser holds when the app has them.
#[component]
pub fn Installation(#[prop(optional)] browser_rules: Option<Signal<String>>) -> impl IntoView {
    let i = use_i18n();
    // A signal filled once (not a resource: the sign-in app holds no resource machinery).
    let health = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let state = api::get::<State>("/api/gezondheid").await;
        health.set(Some(state.map_err(|e| e.message())));
    });
    view! {
        <section aria-labelledby="status-kop" class="card">
            <h2 id="status-kop" class="utrecht-heading-2">{i.tr("Over deze installatie", "About this installation")}</h2>
            <div aria-live="polite" data-testid="server-status">
                {move || match health.read().as_ref() {
                    None => view! { <p class="utrecht-paragraph">{i.t("Bezig met ophalen…", "Loading…")}</p> }.into_any(),
                    Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(e)}</p></div> }.into_any(),
                    Some(Ok(h)) => view! {
                        <dl class="facts">
                            <dt>{i.t("Status", "Status")}</dt><dd data-testid="status">{h.status.clone()}</dd>
                            <dt>{i.t("Serverversie", "Server version")}</dt><dd data-testid="versie">{h.versie.clone()}</dd>
                            <dt>{i.t("Gemeente", "Municipality")}</dt><dd data-testid="gemeente">{h.gemeente.clone().unwrap_or_else(|| i.t("(nog geen)", "(none yet)").to_string())}</dd>
                            <dt>{i.t("Inwoners in de database", "Residents in the database")}</dt><dd data-testid="inwoners">{h.inwoners}</dd>
                            {browser_rules.map(|rules| view! {
                                <dt>{i.t("Regels in deze browser", "Rules in this browser")}</dt>
                                <dd data-testid="browser-regels">{move || rules.get()}</dd>
                            })}
                        </dl>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}
