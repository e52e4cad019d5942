//! Changes made on this device that the server refused when they were sent after a time
//! offline: someone else changed the same field meanwhile, or a rule said no. Each is shown
//! with its reason and everything that was typed; the consultant opens it in its form to save it
//! again (a conflict then shows both values side by side) or lets it go. Nothing disappears
//! without the consultant's choice.

use super::record_form::FILE_KINDS;
use crate::browser;
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use crate::sync::{use_sync, RefusedChange};
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::Lang;
use serde_json::Value;

#[component]
pub fn ChangesPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| {
        browser::set_title(i.t("Niet verwerkte wijzigingen", "Changes not processed"))
    });
    view! { <RequireAction action=meedoen_domain::access::Action::ReadCases><Changes/></RequireAction> }
}

/// A field value as the consultant typed it.
fn shown(v: &Value, nl: bool) -> String {
    match v {
        Value::Null => "—".into(),
        Value::Bool(true) => if nl { "ja" } else { "yes" }.into(),
        Value::Bool(false) => if nl { "nee" } else { "no" }.into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|x| {
                x.get("omschrijving")
                    .and_then(Value::as_str)
                    .or_else(|| x.get("domein").and_then(Value::as_str))
                    .map_or_else(|| x.to_string(), str::to_string)
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

#[component]
fn Changes() -> impl IntoView {
    let i = use_i18n();
    let sync = use_sync();
    let ws = use_workspace();
    let asking = RwSignal::new(None::<String>);
    let nl = move || i.lang.get() == Lang::Nl;
    let let_go = move |id: String| {
        spawn_local(async move {
            sync.forget(&id).await;
            asking.set(None);
            browser::after_render(|| browser::focus("wijzigingen-kop"));
        });
    };
    let card = move |c: RefusedChange| {
        let m = c.mutatie.clone();
        let name = ws
            .resident(m.inwoner_id)
            .map(|r| r.naam)
            .unwrap_or_else(|| format!("#{}", m.inwoner_id));
        let kind = m.soort;
        let known = FILE_KINDS.contains(&kind);
        let href = if known {
            format!(
                "/inwoners/{}/{}/{}?wijziging={}",
                m.inwoner_id, m.soort, m.id, m.mutatie_id
            )
        } else {
            format!("/inwoners/{}", m.inwoner_id)
        };
        let rows: Vec<(String, Value)> = m
            .velden
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let heading = format!("wijziging-{}", m.mutatie_id);
        let (id1, id2, id3) = (
            m.mutatie_id.clone(),
            m.mutatie_id.clone(),
            m.mutatie_id.clone(),
        );
        view! {
            <section class="card" aria-labelledby=heading.clone() data-testid="geweigerde-wijziging">
                <h2 class="utrecht-heading-2" id=heading.clone()>{move || format!("{} — {name}", i.text(kind.label()))}</h2>
                <p class="utrecht-paragraph" data-testid="reden">
                    <strong>{i.tr("Niet verwerkt om ", "Not processed at ")}{c.op.clone()}": "</strong>{move || i.text(&c.reden)}
                </p>
                <dl class="facts">
                    {rows.into_iter().map(|(k, v)| {
                        let label = kind.field(&k);
                        let key = k.clone();
                        view! {
                            <dt>{move || label.map_or_else(|| key.clone(), |f| i.text(&f.label))}</dt>
                            <dd>{move || shown(&v, nl())}</dd>
                        }
                    }).collect_view()}
                </dl>
                <div class="button-row">
                    {if known {
                        view! { <a href=href class="utrecht-button utrecht-button--primary-action" data-testid="wijziging-openen">
                            {move || if c.conflict { i.t("Vergelijken en kiezen", "Compare and choose") } else { i.t("Openen en opnieuw opslaan", "Open and save again") }}
                        </a> }.into_any()
                    } else {
                        view! { <a href=href class="utrecht-button utrecht-button--primary-action">{i.tr("Naar het dossier", "To the file")}</a> }.into_any()
                    }}
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="wijziging-vervallen"
                        on:click=move |_| { asking.set(Some(id1.clone())); }>
                        {i.tr("Laten vervallen", "Let it go")}
                    </button>
                </div>
                {show_if(move || asking.get().as_deref() == Some(id2.as_str()), move || view! {
                    <div class="utrecht-alert utrecht-alert--warning" role="alert">
                        <p class="utrecht-paragraph">{move || i.t(
                            "Deze wijziging wordt van dit apparaat gewist en niet meer verstuurd. Weet u het zeker?",
                            "This change is removed from this device and will not be sent. Are you sure?")}</p>
                        <div class="button-row">
                            <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| asking.set(None)>{i.tr("Nee, bewaren", "No, keep it")}</button>
                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="vervallen-bevestigen" on:click={let id = id3.clone(); move |_| let_go(id.clone())}>{i.tr("Ja, laten vervallen", "Yes, let it go")}</button>
                        </div>
                    </div>
                }.into_any())}
            </section>
        }
    };
    view! {
        <h1 class="utrecht-heading-1" id="wijzigingen-kop" tabindex="-1">{i.tr("Niet verwerkte wijzigingen", "Changes not processed")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Wijzigingen die u zonder verbinding maakte en die de server bij het versturen niet overnam. Ze blijven op dit apparaat tot u ze opnieuw opslaat of laat vervallen.",
            "Changes you made without a connection that the server did not take when they were sent. They stay on this device until you save them again or let them go.")}</p>
        {move || {
            let list = sync.refused.get();
            if list.is_empty() {
                view! { <p class="utrecht-paragraph" data-testid="geen-wijzigingen">{i.t("Er zijn geen niet verwerkte wijzigingen.", "There are no unprocessed changes.")}</p> }.into_any()
            } else {
                list.into_iter().map(card).collect_view().into_any()
            }
        }}
    }
}
