//! Signals from the income department (`/beheer/signalen`, in the administration app). For the
//! income consultant: record a signal at a re-examination by the BSN (the domain's check
//! before it is sent; the server names the team it went to, never case content) and the own
//! signals of the last 90 days. For the team lead: the open signals of the team as tasks, each
//! marked handled once (the start page shows how many are open).

use crate::api;
use crate::browser;
use crate::components::error_summary::{
    items_from, message_for, show, ErrorSummary, Item, TextField,
};
use crate::components::shown::{show_if, show_if_else};
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::Action;
use meedoen_domain::signals::{NewSignal, SignalKind};
use meedoen_domain::Text;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct OwnSignal {
    id: i64,
    bsn_einde: String,
    soort: SignalKind,
    heronderzoek_op: String,
    team: String,
    afgehandeld: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Recorded {
    team: String,
}

fn input_for(field: &str) -> Option<&'static str> {
    Some(match field {
        "bsn" => "s-bsn",
        "soort" => "s-soort",
        "heronderzoek_op" => "s-datum",
        "toelichting" => "s-toelichting",
        _ => return None,
    })
}

/// The signals page: the income consultant records, the team lead handles.
#[component]
pub fn SignalsPage() -> impl IntoView {
    let i = use_i18n();
    let session = crate::session::use_session();
    Effect::new(move |_| {
        browser::set_title(i.t("Signalen van Inkomen", "Signals from the income department"))
    });
    let records = move || {
        session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.may(Action::RecordSignal))
    };
    view! {
        {show_if_else(records, move || view! {
            <IncomeStart/>
        }.into_any(), || view! {
            <RequireAction action=Action::HandleSignals><TeamSignals/></RequireAction>
        }.into_any())}
    }
}

/// The income consultant's page.
#[component]
fn IncomeStart() -> impl IntoView {
    let i = use_i18n();
    let bsn = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let date = RwSignal::new(browser::today().to_string());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<Item>::new());
    let notice = RwSignal::new(None::<Text>);
    let own = RwSignal::new(None::<Result<Vec<OwnSignal>, Text>>);
    let load = move || {
        spawn_local(async move {
            let r = api::get::<Vec<OwnSignal>>("/api/signalen/eigen").await;
            own.set(Some(r.map_err(|f| f.message())));
        })
    };
    load();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let mut e = vec![];
        let soort = SignalKind::parse(&kind.get_untracked());
        if soort.is_none() {
            e.push(Item {
                input: "s-soort".into(),
                page: None,
                message: Text::fixed("Kies wat u opviel.", "Choose what you noticed."),
            });
        }
        let day = meedoen_domain::day::parse(&date.get_untracked());
        if day.is_none() {
            e.push(Item {
                input: "s-datum".into(),
                page: None,
                message: Text::fixed(
                    "Vul de datum van het heronderzoek in.",
                    "Enter the date of the re-examination.",
                ),
            });
        }
        let text = note.get_untracked().trim().to_string();
        // The domain's check of the BSN, the date and the note, also while the kind or the
        // date is still missing (each problem is named at once).
        let signal = NewSignal {
            bsn: bsn.get_untracked().trim().to_string(),
            soort: soort.unwrap_or(SignalKind::WilMeedoen),
            heronderzoek_op: day.unwrap_or_else(browser::today),
            toelichting: (!text.is_empty()).then_some(text),
        };
        if let Err(list) = signal.check(browser::today()) {
            e.extend(list.into_iter().map(|f| Item {
                input: input_for(&f.field).unwrap_or("s-bsn").into(),
                page: None,
                message: f.message,
            }));
        }
        if !e.is_empty() {
            show(errors, e);
            return;
        }
        spawn_local(async move {
            match api::post::<_, Recorded>("/api/signalen", &signal).await {
                Ok((_, r)) => {
                    errors.set(vec![]);
                    notice.set(Some(Text::new(
                        format!("Het signaal is vastgelegd; de teamleider van team {} ziet het als taak.", r.team),
                        format!("The signal was recorded; the team lead of team {} sees it as a task.", r.team),
                    )));
                    bsn.set(String::new());
                    kind.set(String::new());
                    note.set(String::new());
                    load();
                    browser::after_render(|| browser::focus("signaal-melding"));
                }
                Err(f) => show(errors, items_from(&f, input_for, "s-bsn")),
            }
        });
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Signaal bij heronderzoek", "Signal at a re-examination")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Viel u bij een heronderzoek iets op dat Participatie moet weten? Leg het hier vast met het BSN. De teamleider van de inwoner ziet het als taak. U ziet zelf geen dossier.",
            "Did you notice something at a re-examination that Participation should know? Record it here with the BSN. The resident's team lead sees it as a task. You do not see a file yourself.")}</p>
        {show_if(move || notice.read().is_some(), move || view! {
            <div class="utrecht-alert utrecht-alert--info" role="status" tabindex="-1" id="signaal-melding" data-testid="signaal-melding">
                <p class="utrecht-paragraph">{move || notice.get().map(|t| i.text(&t))}</p>
            </div>
        }.into_any())}
        <ErrorSummary items=errors.into()/>
        <form novalidate on:submit=submit data-testid="signaal-form">
            <TextField id="s-bsn" label=("BSN van de inwoner", "The resident's BSN") value=bsn errors=errors maxlength=11/>
            <div class="form-group" class:form-group--error=move || errors.read().iter().any(|e| e.input == "s-soort")>
                <label class="utrecht-form-label" for="s-soort">{i.tr("Wat viel op", "What you noticed")}</label>
                <p class="field-error" id="s-soort-fout">{message_for(errors, "s-soort")}</p>
                <select class="utrecht-select" id="s-soort" data-testid="s-soort" aria-describedby="s-soort-fout"
                    on:change=move |ev| kind.set(event_target_value(&ev)) prop:value=move || kind.get()>
                    <option value="">{i.tr("kies", "choose")}</option>
                    {SignalKind::ALL.iter().map(|k| {
                        let code = k.code();
                        view! { <option value=code selected=move || kind.get() == code>{move || i.text(k.label())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextField id="s-datum" label=("Datum van het heronderzoek", "Date of the re-examination") value=date errors=errors kind="date"/>
            <div class="form-group" class:form-group--error=move || errors.read().iter().any(|e| e.input == "s-toelichting")>
                <label class="utrecht-form-label" for="s-toelichting">{i.tr("Toelichting (optioneel, hoogstens 500 tekens)", "Note (optional, at most 500 characters)")}</label>
                <p class="hint" id="s-toelichting-hint">{i.tr("Kort en zakelijk; geen medische gegevens.", "Short and factual; no medical details.")}</p>
                <p class="field-error" id="s-toelichting-fout">{message_for(errors, "s-toelichting")}</p>
                <textarea class="utrecht-textarea" id="s-toelichting" rows="3" maxlength="500" aria-describedby="s-toelichting-hint s-toelichting-fout"
                    prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="signaal-opslaan">{i.tr("Signaal vastleggen", "Record the signal")}</button>
        </form>
        <section class="card" aria-labelledby="eigen-signalen-kop">
            <h2 class="utrecht-heading-2" id="eigen-signalen-kop">{i.tr("Uw signalen van de laatste 90 dagen", "Your signals of the last 90 days")}</h2>
            {move || match own.get() {
                None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="utrecht-paragraph">{i.t("Nog geen signalen.", "No signals yet.")}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul data-testid="eigen-signalen">
                        {list.into_iter().map(|s| view! {
                            <li data-id=s.id>{format!("{} · BSN …{} · {} · {} {} · {}", s.heronderzoek_op, s.bsn_einde, i.text(s.soort.label()), i.t("team", "team"), s.team,
                                if s.afgehandeld { i.t("afgehandeld", "handled") } else { i.t("open", "open") })}</li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Task {
    id: i64,
    inwoner_id: i64,
    naam: String,
    soort: SignalKind,
    heronderzoek_op: String,
    #[serde(default)]
    toelichting: Option<String>,
}

/// The team lead's open signals of the team, as tasks.
#[component]
fn TeamSignals() -> impl IntoView {
    let i = use_i18n();
    let tasks = RwSignal::new(None::<Result<Vec<Task>, Text>>);
    let load = move || {
        spawn_local(async move {
            let r = api::get::<Vec<Task>>("/api/signalen").await;
            tasks.set(Some(r.map_err(|f| f.message())));
        })
    };
    load();
    let done = move |id: i64| {
        spawn_local(async move {
            let _ =
                api::post::<_, serde_json::Value>(&format!("/api/signalen/{id}/afgehandeld"), &())
                    .await;
            load();
        })
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Signalen van Inkomen", "Signals from the income department")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Wat de afdeling Inkomen bij een heronderzoek opviel over inwoners van uw team. Bespreek het met de consulent of pak het op van de wachtlijst, en zet het dan op afgehandeld.",
            "What the income department noticed at a re-examination about residents of your team. Discuss it with the consultant or pick it up from the waiting list, then mark it handled.")}</p>
        <section class="card" aria-labelledby="signalen-kop" data-testid="signalen">
            <h2 class="utrecht-heading-2" id="signalen-kop">{i.tr("Open signalen", "Open signals")}</h2>
            {move || match tasks.get() {
                None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="utrecht-paragraph">{i.t("Geen open signalen.", "No open signals.")}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="task-list">
                        {list.into_iter().map(|t| {
                            let id = t.id;
                            let label = format!("{} {}", i.t("Afgehandeld:", "Handled:"), t.naam);
                            view! { <li data-testid="signaal-taak">
                                <a href=format!("/inwoners/{}", t.inwoner_id)>{t.naam.clone()}</a>
                                {format!(": {} ({} {})", i.text(t.soort.label()), i.t("heronderzoek", "re-examination"), t.heronderzoek_op)}
                                {t.toelichting.clone().map(|n| view! { <span class="task-note">{format!(" — {n}")}</span> })}
                                " "
                                <button type="button" class="utrecht-button utrecht-button--secondary-action" aria-label=label data-testid="signaal-afgehandeld" on:click=move |_| done(id)>{i.t("Afgehandeld", "Handled")}</button>
                            </li> }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
