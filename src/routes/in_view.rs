//! Klant in Beeld (`/beheer/klant-in-beeld`, an app of its own: `admin_app.rs`). The team lead sees how
//! far the population is in view — per indicator and step, as a chart with its sentence and its
//! data table — and assigns residents to an external assessor's batch with an end date (a
//! preview counts first), or ends one. A consultant lists the own residents, an assessor the
//! residents of the running batch (or is told the batch has ended), fewest filled first.
//! `/beheer/klant-in-beeld/{id}` fills one resident's indicators: the list comes with the
//! values from the server, each value is checked with the domain's own check before it is sent
//! (every problem named at once), and who filled what and when stands beside each answer.

use crate::api;
use crate::browser;
use crate::components::error_summary::{message_for, show, ErrorSummary, Item, TextField};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::nav::use_params_map;
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::Action;
use meedoen_domain::indicators::{percent, Answer, Indicator, List, Progress, STEP_NAMES};
use meedoen_domain::number::fixed;
use meedoen_domain::{order, Lang, Text};
use serde::Deserialize;
use std::collections::BTreeMap;

fn may(a: Action) -> bool {
    crate::session::use_session()
        .user
        .read_untracked()
        .as_ref()
        .is_some_and(|u| u.may(a))
}

/// The overview page: what each role does with Klant in Beeld. Policy staff come for the
/// figures (the progress), everyone else who may read indicators for the residents.
#[component]
pub fn InViewPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Klant in Beeld", "Everyone in view")));
    let session = crate::session::use_session();
    // Only a change of the gate re-renders the page (not a refreshed session).
    let gate = Memo::new(move |_| {
        if session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.may(Action::IndicatorProgress))
        {
            Action::IndicatorProgress
        } else {
            Action::ReadIndicators
        }
    });
    move || {
        view! {
            <RequireAction action=gate.get()>
                <h1 class="utrecht-heading-1">{i.tr("Klant in Beeld", "Everyone in view (Klant in Beeld)")}</h1>
                <p class="utrecht-paragraph">{move || i.t(
                    "Van iedere inwoner met bijstand willen we een aantal indicatoren kennen, zoals opleiding, taal en belemmeringen. Zo is iedereen in beeld en past de dienstverlening bij de inwoner.",
                    "For every resident on assistance we want to know a set of indicators, such as education, language and obstacles. That way everyone is in view and the service fits the resident.")}</p>
                {may(Action::IndicatorProgress).then(|| view! { <ProgressView/> })}
                {may(Action::AssessorBatches).then(|| view! { <BatchesView/> })}
                {(!may(Action::IndicatorProgress)).then(|| view! { <ResidentsView/> })}
            </RequireAction>
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Line {
    id: i64,
    naam: String,
    #[serde(default)]
    leeftijd: Option<u32>,
    #[serde(default)]
    telefoon: Option<String>,
    ingevuld: usize,
    #[serde(default)]
    opdracht: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct OwnBatch {
    naam: String,
    eind: String,
    lopend: bool,
    aantal: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Residents {
    van: usize,
    totaal: usize,
    inwoners: Vec<Line>,
    #[serde(default)]
    opdrachten: Option<Vec<OwnBatch>>,
}

/// A consultant's own residents, or an assessor's batch.
#[component]
fn ResidentsView() -> impl IntoView {
    let i = use_i18n();
    let data = RwSignal::new(None::<Result<Residents, Text>>);
    spawn_local(async move {
        let r = api::get::<Residents>("/api/indicatoren/inwoners").await;
        data.set(Some(r.map_err(|f| f.message())));
    });
    view! {
        {move || match data.get() {
            None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
            Some(Ok(r)) => {
                let batches = r.opdrachten.clone().map(|list| {
                    let running: Vec<OwnBatch> = list.iter().filter(|b| b.lopend).cloned().collect();
                    let last_end = list.first().map(|b| b.eind.clone()).unwrap_or_default();
                    if running.is_empty() {
                        view! {
                            <div class="utrecht-alert utrecht-alert--warning" role="status" data-testid="opdracht-afgelopen">
                                <p class="utrecht-paragraph">{if last_end.is_empty() {
                                    i.t("U heeft (nog) geen opdracht; u ziet daarom geen inwoners.", "You have no batch (yet), so you see no residents.").to_string()
                                } else {
                                    format!("{} {last_end}{}", i.t("Uw opdracht is afgelopen op", "Your batch ended on"), i.t("; u heeft geen toegang meer tot inwoners.", "; you no longer have access to residents."))
                                }}</p>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <ul class="card" data-testid="eigen-opdrachten">
                                {running.into_iter().map(|b| view! {
                                    <li>{format!("{}: {} {} · {} {}", b.naam, b.aantal, i.t("inwoners", "residents"), i.t("toegang tot en met", "access up to and including"), b.eind)}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                });
                let van = r.van;
                let shown = r.inwoners.len();
                view! {
                    {batches}
                    <section aria-labelledby="kib-inwoners-kop">
                        <h2 class="utrecht-heading-2" id="kib-inwoners-kop">{i.tr("Inwoners", "Residents")}</h2>
                        <p class="utrecht-paragraph" data-testid="kib-aantal">{move || if shown < r.totaal {
                            format!("{shown} {} {} {}", i.t("van de", "of the"), r.totaal, i.t("inwoners, wie het minst is ingevuld eerst.", "residents, the least filled first."))
                        } else {
                            format!("{} {}", r.totaal, i.t("inwoners, wie het minst is ingevuld eerst.", "residents, the least filled first."))
                        }}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="kib-inwoners-kop">
                            <table class="utrecht-table" data-testid="kib-inwoners">
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="col">{i.tr("Naam", "Name")}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{i.tr("Leeftijd", "Age")}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{i.tr("Telefoon", "Phone")}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{i.tr("Ingevuld", "Filled")}</th>
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {r.inwoners.into_iter().map(|l| view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row"><a href=format!("/beheer/klant-in-beeld/{}", l.id) data-testid="kib-inwoner">{l.naam.clone()}</a>
                                                {l.opdracht.clone().map(|o| view! { <span class="hint">{format!(" ({o})")}</span> })}</th>
                                            <td class="utrecht-table__cell">{l.leeftijd.map(|a| a.to_string()).unwrap_or_default()}</td>
                                            <td class="utrecht-table__cell">{l.telefoon.clone().unwrap_or_default()}</td>
                                            <td class="utrecht-table__cell">{format!("{} / {van}", l.ingevuld)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }.into_any()
            }
        }}
    }
}

fn count(c: Option<u32>, lang: Lang) -> String {
    match (c, lang) {
        (Some(n), _) => n.to_string(),
        (None, Lang::Nl) => "verborgen".into(),
        (None, Lang::En) => "hidden".into(),
    }
}

/// The team lead's progress: a bar per indicator (share of the population that has it), the
/// sentence, and the table per step.
#[component]
fn ProgressView() -> impl IntoView {
    let i = use_i18n();
    let data = RwSignal::new(None::<Result<Progress, Text>>);
    spawn_local(async move {
        let r = api::get::<Progress>("/api/indicatoren/voortgang").await;
        data.set(Some(r.map_err(|f| f.message())));
    });
    let lang = move || i.lang.get();
    view! {
        <section aria-labelledby="kib-voortgang-kop" data-testid="kib-voortgang">
            <h2 class="utrecht-heading-2" id="kib-voortgang-kop">{i.tr("Hoe ver is iedereen in beeld?", "How far is everyone in view?")}</h2>
            {move || match data.get() {
                None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
                Some(Ok(p)) => {
                    let row_h = 34.0;
                    let height = row_h * p.rijen.len() as f64 + 8.0;
                    let (p1, p2, p3) = (p.clone(), p.clone(), p.clone());
                    let download = move |_| {
                        let lang = i.lang.get_untracked();
                        browser::download(&format!("klant-in-beeld-{}.csv", browser::today()), "text/csv;charset=utf-8", &p3.csv(lang));
                    };
                    view! {
                        <figure class="report-chart">
                            <p class="report-chart__summary" id="kib-samenvatting" data-testid="kib-samenvatting">{move || p1.summary(lang())}</p>
                            <svg class="bars" viewBox=format!("0 0 360 {}", fixed(height, 1)) role="img" aria-labelledby="kib-samenvatting" preserveAspectRatio="xMinYMin meet">
                                {p.rijen.iter().enumerate().map(|(n, r)| {
                                    let y = 4.0 + row_h * n as f64;
                                    let share = percent(r.totaal, p.populatie_totaal);
                                    let w = 280.0 * f64::from(share.unwrap_or(0)) / 100.0;
                                    let label = r.vraag.clone();
                                    view! {
                                        <g class="bar-row">
                                            <text x="0" y=fixed(y + 11.0, 1) class="bar-label">{move || label.get(lang()).to_string()}</text>
                                            <rect x="0" y=fixed(y + 15.0, 1) width=fixed(w.max(1.0), 1) height="12" class="bar-now"></rect>
                                            <text x=fixed(w + 4.0, 1) y=fixed(y + 25.0, 1) class="bar-value">{share.map(|s| format!("{s}%")).unwrap_or_else(|| "?".into())}</text>
                                        </g>
                                    }
                                }).collect_view()}
                            </svg>
                        </figure>
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="kib-tabel-kop">
                            <table class="utrecht-table" data-testid="kib-tabel">
                                <caption class="utrecht-table__caption" id="kib-tabel-kop">{move || format!("{} {}", i.t("Ingevuld per indicator en trede; lijst van", "Filled per indicator and step; list of"), p2.lijst)}</caption>
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="col">{i.tr("Indicator", "Indicator")}</th>
                                    {STEP_NAMES.iter().map(|(nl, en)| view! { <th class="utrecht-table__header-cell" scope="col">{move || i.t(nl, en)}</th> }).collect_view()}
                                    <th class="utrecht-table__header-cell" scope="col">{i.tr("Totaal", "Total")}</th>
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="row">{i.tr("Inwoners met bijstand", "Residents on assistance")}</th>
                                        {p.populatie.iter().map(|c| { let c = *c; view! { <td class="utrecht-table__cell">{move || count(c, lang())}</td> } }).collect_view()}
                                        <td class="utrecht-table__cell">{move || count(p.populatie_totaal, lang())}</td>
                                    </tr>
                                    {p.rijen.iter().map(|r| {
                                        let r = r.clone();
                                        let label = r.vraag.clone();
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <th class="utrecht-table__header-cell" scope="row">{move || label.get(lang()).to_string()}</th>
                                                {r.per_trede.iter().map(|c| { let c = *c; view! { <td class="utrecht-table__cell">{move || count(c, lang())}</td> } }).collect_view()}
                                                <td class="utrecht-table__cell">{move || count(r.totaal, lang())}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="row">{i.tr("Alles ingevuld", "All filled")}</th>
                                        {p.volledig.iter().map(|c| { let c = *c; view! { <td class="utrecht-table__cell">{move || count(c, lang())}</td> } }).collect_view()}
                                        <td class="utrecht-table__cell" data-testid="kib-volledig">{move || count(p.volledig_totaal, lang())}</td>
                                    </tr>
                                </tbody>
                            </table>
                        </div>
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="kib-csv" on:click=download>{i.tr("Download CSV", "Download CSV")}</button>
                        {p.drempel.map(|d| view! { <p class="hint">{move || format!("{} {d} {}", i.t("Aantallen onder de", "Counts below the"), i.t("zijn verborgen (publicatiedrempel).", "are hidden (publication threshold)."))}</p> })}
                    }.into_any()
                }
            }}
        </section>
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Batch {
    id: i64,
    naam: String,
    beoordelaar: String,
    eind: String,
    lopend: bool,
    #[serde(default)]
    beeindigd_op: Option<String>,
    aantal: i64,
    volledig: usize,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Assessor {
    id: i64,
    naam: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Batches {
    opdrachten: Vec<Batch>,
    beoordelaars: Vec<Assessor>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Selected {
    aantal: usize,
    per_trede: [u32; 7],
}

fn batch_input(field: &str) -> &'static str {
    match field {
        "naam" => "b-naam",
        "beoordelaar_id" => "b-beoordelaar",
        "eind" => "b-eind",
        "max" => "b-max",
        _ => "b-trede-0",
    }
}

/// The team lead's assessor batches: the list, ending one, and a new one.
#[component]
fn BatchesView() -> impl IntoView {
    let i = use_i18n();
    let data = RwSignal::new(None::<Result<Batches, Text>>);
    let load = move || {
        spawn_local(async move {
            let r = api::get::<Batches>("/api/beoordeling/opdrachten").await;
            data.set(Some(r.map_err(|f| f.message())));
        })
    };
    load();
    let name = RwSignal::new(String::new());
    let assessor = RwSignal::new(String::new());
    let end = RwSignal::new((browser::today() + chrono::Days::new(90)).to_string());
    let steps = RwSignal::new(vec![1u8, 2]);
    let without = RwSignal::new(true);
    let incomplete = RwSignal::new(true);
    let max = RwSignal::new("100".to_string());
    let errors = RwSignal::new(Vec::<Item>::new());
    let preview = RwSignal::new(None::<Selected>);
    let notice = RwSignal::new(None::<Text>);
    let body = move || {
        let mut e = vec![];
        let who = assessor.get_untracked().parse::<i64>();
        if who.is_err() {
            e.push(Item {
                input: "b-beoordelaar".into(),
                page: None,
                message: Text::fixed(
                    "Kies de externe beoordelaar.",
                    "Choose the external assessor.",
                ),
            });
        }
        let day = meedoen_domain::day::parse(&end.get_untracked());
        if day.is_none() {
            e.push(Item {
                input: "b-eind".into(),
                page: None,
                message: Text::fixed(
                    "Vul de laatste dag van de toegang in.",
                    "Enter the last day of access.",
                ),
            });
        }
        let n = max.get_untracked().trim().parse::<u32>().unwrap_or(0);
        let b = meedoen_domain::indicators::NewBatch {
            naam: name.get_untracked().trim().to_string(),
            beoordelaar_id: who.unwrap_or(0),
            eind: day.unwrap_or_else(browser::today),
            tredes: steps.get_untracked(),
            zonder_consulent: without.get_untracked(),
            alleen_onvolledig: incomplete.get_untracked(),
            max: n,
        };
        if let Err(list) = b.check(browser::today()) {
            let bad_day = e.iter().any(|x: &Item| x.input == "b-eind");
            e.extend(
                list.into_iter()
                    .filter(|f| !(f.field == "eind" && bad_day))
                    .map(|f| Item {
                        input: batch_input(&f.field).into(),
                        page: None,
                        message: f.message,
                    }),
            );
        }
        if e.is_empty() {
            Ok(b)
        } else {
            Err(e)
        }
    };
    let send = move |make: bool| {
        notice.set(None);
        let b = match body() {
            Ok(b) => b,
            Err(e) => return show(errors, e),
        };
        spawn_local(async move {
            let url = if make {
                "/api/beoordeling/opdrachten"
            } else {
                "/api/beoordeling/opdrachten?voorbeeld=ja"
            };
            match api::post::<_, Selected>(url, &b).await {
                Ok((_, s)) => {
                    errors.set(vec![]);
                    if make {
                        preview.set(None);
                        notice.set(Some(Text::new(
                            format!("De opdracht is gemaakt met {} inwoners; de beoordelaar ziet ze tot en met {}.", s.aantal, b.eind),
                            format!("The batch was made with {} residents; the assessor sees them up to and including {}.", s.aantal, b.eind),
                        )));
                        name.set(String::new());
                        load();
                        browser::after_render(|| browser::focus("opdracht-melding"));
                    } else {
                        preview.set(Some(s));
                        browser::after_render(|| browser::focus("opdracht-voorbeeld"));
                    }
                }
                Err(f) => {
                    let items = match &f {
                        api::ApiFailure::Status { fields, .. } if !fields.is_empty() => fields
                            .iter()
                            .map(|fe| Item {
                                input: batch_input(&fe.field).into(),
                                page: None,
                                message: fe.message.clone(),
                            })
                            .collect(),
                        api::ApiFailure::Status {
                            text: Some(_),
                            field,
                            message,
                            ..
                        } => vec![Item {
                            input: batch_input(field.as_deref().unwrap_or("")).into(),
                            page: None,
                            message: message.clone(),
                        }],
                        _ => vec![Item {
                            input: "b-naam".into(),
                            page: None,
                            message: f.message(),
                        }],
                    };
                    show(errors, items);
                }
            }
        });
    };
    let end_batch = move |id: i64| {
        spawn_local(async move {
            if let Err(f) = api::post::<_, serde_json::Value>(
                &format!("/api/beoordeling/opdrachten/{id}/beeindigen"),
                &(),
            )
            .await
            {
                notice.set(Some(f.message()));
            }
            load();
        })
    };
    view! {
        <section aria-labelledby="kib-opdrachten-kop" class="card">
            <h2 class="utrecht-heading-2" id="kib-opdrachten-kop">{i.tr("Opdrachten voor een extern bureau", "Batches for an outside bureau")}</h2>
            <p class="utrecht-paragraph">{move || i.t(
                "Een externe beoordelaar ziet alleen de inwoners van een lopende opdracht, en van hen alleen naam, leeftijd, telefoon en de indicatoren. Na de einddatum vervalt de toegang vanzelf.",
                "An external assessor sees only the residents of a running batch, and of those only name, age, phone and the indicators. After the end date access ends by itself.")}</p>
            {move || match data.get() {
                None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
                Some(Ok(b)) if b.opdrachten.is_empty() => view! { <p class="utrecht-paragraph">{i.t("Nog geen opdrachten.", "No batches yet.")}</p> }.into_any(),
                Some(Ok(b)) => view! {
                    <ul class="task-list" data-testid="kib-opdrachten">
                        {b.opdrachten.into_iter().map(|o| {
                            let id = o.id;
                            let label = format!("{} {}", i.t("Beëindigen:", "End:"), o.naam);
                            let state = match (o.lopend, &o.beeindigd_op) {
                                (true, _) => format!("{} {}", i.t("loopt tot en met", "runs up to and including"), o.eind),
                                (false, Some(d)) => format!("{} {}", i.t("beëindigd op", "ended on"), &d[..10.min(d.len())]),
                                (false, None) => format!("{} {}", i.t("afgelopen op", "ended on"), o.eind),
                            };
                            view! { <li data-testid="kib-opdracht">
                                {format!("{} · {} · {} {} ({} {}) · {}", o.naam, o.beoordelaar, o.aantal, i.t("inwoners", "residents"), o.volledig, i.t("volledig", "complete"), state)}
                                {o.lopend.then(|| view! { " " <button type="button" class="utrecht-button utrecht-button--secondary-action" aria-label=label data-testid="kib-beeindigen" on:click=move |_| end_batch(id)>{i.t("Beëindigen", "End")}</button> })}
                            </li> }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            {show_if(move || notice.read().is_some(), move || view! {
                <div class="utrecht-alert utrecht-alert--info" role="status" tabindex="-1" id="opdracht-melding" data-testid="opdracht-melding">
                    <p class="utrecht-paragraph">{move || notice.get().map(|t| i.text(&t))}</p>
                </div>
            }.into_any())}
            <h3 class="utrecht-heading-3">{i.tr("Nieuwe opdracht", "New batch")}</h3>
            <ErrorSummary items=errors.into()/>
            <form novalidate id="kib-opdracht-form" data-testid="kib-opdracht-form" on:submit=move |ev: web_sys::SubmitEvent| { ev.prevent_default(); send(true) }>
                <TextField id="b-naam" label=("Naam van de opdracht", "Name of the batch") value=name errors=errors maxlength=80/>
                <div class="form-group" class:form-group--error=move || errors.read().iter().any(|e| e.input == "b-beoordelaar")>
                    <label class="utrecht-form-label" for="b-beoordelaar">{i.tr("Externe beoordelaar", "External assessor")}</label>
                    <p class="field-error" id="b-beoordelaar-fout">{message_for(errors, "b-beoordelaar")}</p>
                    <select class="utrecht-select" id="b-beoordelaar" data-testid="b-beoordelaar" aria-describedby="b-beoordelaar-fout"
                        on:change=move |ev| assessor.set(event_target_value(&ev)) prop:value=move || assessor.get()>
                        <option value="">{i.tr("kies", "choose")}</option>
                        {move || data.get().and_then(Result::ok).map(|b| b.beoordelaars).unwrap_or_default().into_iter().map(|a| {
                            let v = a.id.to_string();
                            let v2 = v.clone();
                            view! { <option value=v selected=move || assessor.get() == v2>{a.naam}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextField id="b-eind" label=("Laatste dag van de toegang", "Last day of access") value=end errors=errors kind="date"
                    hint=("Hoogstens een jaar vooruit. Daarna vervalt de toegang vanzelf.", "At most a year ahead. After it access ends by itself.")/>
                <fieldset class="form-group" class:form-group--error=move || errors.read().iter().any(|e| e.input == "b-trede-0")>
                    <legend class="utrecht-form-label">{i.tr("Welke inwoners van uw team", "Which residents of your team")}</legend>
                    <p class="field-error" id="b-tredes-fout">{message_for(errors, "b-trede-0")}</p>
                    {STEP_NAMES.iter().enumerate().map(|(n, (nl, en))| {
                        let n = n as u8;
                        let id = format!("b-trede-{n}");
                        view! {
                            <div class="checkbox-row">
                                <input type="checkbox" id=id.clone() data-testid=id.clone() aria-describedby="b-tredes-fout"
                                    prop:checked=move || steps.read().contains(&n)
                                    on:change=move |ev| { let on = event_target_checked(&ev); steps.update(|s| { s.retain(|x| *x != n); if on { s.push(n); order::sort(s); } }); }/>
                                <label for=id>{move || i.t(nl, en)}</label>
                            </div>
                        }
                    }).collect_view()}
                    <div class="checkbox-row">
                        <input type="checkbox" id="b-zonder" prop:checked=move || without.get() on:change=move |ev| without.set(event_target_checked(&ev))/>
                        <label for="b-zonder">{i.tr("alleen wie geen consulent heeft", "only those without a consultant")}</label>
                    </div>
                    <div class="checkbox-row">
                        <input type="checkbox" id="b-onvolledig" prop:checked=move || incomplete.get() on:change=move |ev| incomplete.set(event_target_checked(&ev))/>
                        <label for="b-onvolledig">{i.tr("alleen wie nog niet alles ingevuld heeft", "only those not fully filled yet")}</label>
                    </div>
                </fieldset>
                <TextField id="b-max" label=("Hoogstens zoveel inwoners", "At most this many residents") value=max errors=errors maxlength=4
                    hint=("Laagste treden eerst, dan wie het langst bijstand heeft.", "Lowest steps first, then who has been on assistance longest.")/>
                <div class="button-row">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="kib-voorbeeld" on:click=move |_| send(false)>{i.tr("Tel eerst", "Count first")}</button>
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="kib-maken">{i.tr("Opdracht maken", "Make the batch")}</button>
                </div>
            </form>
            {show_if(move || preview.read().is_some(), move || view! {
                <p class="utrecht-paragraph" id="opdracht-voorbeeld" tabindex="-1" role="status" data-testid="kib-voorbeeld-uitkomst">{move || preview.get().map(|s| {
                    let parts: Vec<String> = s.per_trede.iter().enumerate().filter(|(_, n)| **n > 0).map(|(k, n)| format!("{} {n}", i.t(STEP_NAMES[k].0, STEP_NAMES[k].1))).collect();
                    format!("{} {} {}{}", s.aantal, i.t("inwoners passen bij deze keuze", "residents fit this choice"), if parts.is_empty() { String::new() } else { format!("({})", parts.join(", ")) }, ".")
                })}</p>
            }.into_any())}
        </section>
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Filled {
    code: String,
    waarde: String,
    door: String,
    rol: String,
    op: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Person {
    naam: String,
    #[serde(default)]
    leeftijd: Option<u32>,
    #[serde(default)]
    telefoon: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Sheet {
    inwoner: Person,
    lijst: List,
    waarden: Vec<Filled>,
    kan_wijzigen: bool,
}

fn input_of(code: &str) -> String {
    format!("kib-{code}")
}

/// One resident's indicators.
#[component]
pub fn InViewSheetPage() -> impl IntoView {
    view! { <RequireAction action=Action::ReadIndicators><SheetView/></RequireAction> }
}

#[component]
fn SheetView() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let data = RwSignal::new(None::<Result<Sheet, Text>>);
    // What is on the screen: code → value ("" = not filled).
    let values = RwSignal::new(BTreeMap::<String, String>::new());
    let errors = RwSignal::new(Vec::<Item>::new());
    let notice = RwSignal::new(None::<Text>);
    let take = move |s: Sheet| {
        values.set(
            s.waarden
                .iter()
                .map(|w| (w.code.clone(), w.waarde.clone()))
                .collect(),
        );
        browser::set_title(&format!(
            "{} — {}",
            i.t("Klant in Beeld", "Everyone in view"),
            s.inwoner.naam
        ));
        data.set(Some(Ok(s)));
    };
    Effect::new(move |_| {
        let id = id();
        spawn_local(async move {
            match api::get::<Sheet>(&format!("/api/inwoners/{id}/indicatoren")).await {
                Ok(s) => take(s),
                Err(f) => data.set(Some(Err(f.message()))),
            }
        });
    });
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let Some(Ok(sheet)) = data.get_untracked() else {
            return;
        };
        let on_screen = values.get_untracked();
        let mut changes = BTreeMap::<String, Option<String>>::new();
        let mut e = vec![];
        for ind in &sheet.lijst.indicatoren {
            let now = on_screen
                .get(&ind.code)
                .map(|v| v.trim().to_string())
                .unwrap_or_default();
            let before = sheet
                .waarden
                .iter()
                .find(|w| w.code == ind.code)
                .map(|w| w.waarde.clone())
                .unwrap_or_default();
            if now == before {
                continue;
            }
            if !now.is_empty() {
                if let Err(m) = ind.check(&now) {
                    e.push(Item {
                        input: input_of(&ind.code),
                        page: None,
                        message: m,
                    });
                }
            }
            changes.insert(ind.code.clone(), (!now.is_empty()).then_some(now));
        }
        if changes.is_empty() && e.is_empty() {
            notice.set(Some(Text::fixed(
                "Er is niets gewijzigd.",
                "Nothing was changed.",
            )));
            return;
        }
        if !e.is_empty() {
            return show(errors, e);
        }
        let body = serde_json::json!({ "lijst": sheet.lijst.version(), "waarden": changes });
        let n = changes.len();
        let id = id();
        spawn_local(async move {
            match api::patch::<_, Sheet>(&format!("/api/inwoners/{id}/indicatoren"), &body).await {
                Ok(s) => {
                    errors.set(vec![]);
                    take(s);
                    notice.set(Some(Text::new(
                        format!("Opgeslagen: {n} indicator(en)."),
                        format!("Saved: {n} indicator(s)."),
                    )));
                    browser::after_render(|| browser::focus("kib-melding"));
                }
                Err(f) => {
                    let items = match &f {
                        api::ApiFailure::Status { fields, .. } if !fields.is_empty() => fields
                            .iter()
                            .map(|fe| Item {
                                input: input_of(
                                    fe.field.strip_prefix("waarden.").unwrap_or(&fe.field),
                                ),
                                page: None,
                                message: fe.message.clone(),
                            })
                            .collect(),
                        _ => vec![Item {
                            input: "kib-opslaan".into(),
                            page: None,
                            message: f.message(),
                        }],
                    };
                    show(errors, items);
                }
            }
        });
    };
    view! {
        <p><a href="/beheer/klant-in-beeld" class="utrecht-link">{i.tr("← Klant in Beeld", "← Everyone in view")}</a></p>
        {move || match data.get() {
            None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! {
                <h1 class="utrecht-heading-1">{i.t("Klant in Beeld", "Everyone in view")}</h1>
                <div class="utrecht-alert utrecht-alert--error" role="alert" data-testid="kib-fout"><p class="utrecht-paragraph">{i.text(&e)}</p></div>
            }.into_any(),
            Some(Ok(s)) => {
                let editable = s.kan_wijzigen;
                let mut themes: Vec<(String, Vec<Indicator>)> = vec![];
                for ind in &s.lijst.indicatoren {
                    match themes.iter_mut().find(|(t, _)| *t == ind.thema.nl) {
                        Some((_, v)) => v.push(ind.clone()),
                        None => themes.push((ind.thema.nl.clone(), vec![ind.clone()])),
                    }
                }
                let filled = s.waarden.clone();
                let total = s.lijst.indicatoren.len();
                let person = s.inwoner.clone();
                view! {
                    <h1 class="utrecht-heading-1">{format!("{} — {}", i.t("Klant in Beeld", "Everyone in view"), person.naam)}</h1>
                    <p class="utrecht-paragraph" data-testid="kib-persoon">{move || {
                        let mut parts = vec![];
                        if let Some(a) = person.leeftijd { parts.push(format!("{a} {}", i.t("jaar", "years"))); }
                        if let Some(t) = &person.telefoon { parts.push(format!("{} {t}", i.t("telefoon", "phone"))); }
                        parts.push(format!("{} {} / {total}", i.t("ingevuld", "filled"), values.read().values().filter(|v| !v.trim().is_empty()).count()));
                        parts.join(" · ")
                    }}</p>
                    {show_if(move || notice.read().is_some(), move || view! {
                        <div class="utrecht-alert utrecht-alert--info" role="status" tabindex="-1" id="kib-melding" data-testid="kib-melding">
                            <p class="utrecht-paragraph">{move || notice.get().map(|t| i.text(&t))}</p>
                        </div>
                    }.into_any())}
                    <ErrorSummary items=errors.into()/>
                    <form novalidate on:submit=save data-testid="kib-form">
                        {themes.into_iter().map(|(_, list)| {
                            let theme = list[0].thema.clone();
                            view! {
                                <fieldset class="card kib-theme">
                                    <legend class="utrecht-heading-3">{move || theme.get(i.lang.get()).to_string()}</legend>
                                    {list.into_iter().map(|ind| {
                                        let who = filled.iter().find(|w| w.code == ind.code).cloned();
                                        view! { <Field ind=ind who=who values=values errors=errors editable=editable/> }
                                    }).collect_view()}
                                </fieldset>
                            }
                        }).collect_view()}
                        {editable.then(|| view! {
                            <button type="submit" id="kib-opslaan" class="utrecht-button utrecht-button--primary-action" data-testid="kib-opslaan">{i.tr("Opslaan", "Save")}</button>
                        })}
                    </form>
                }.into_any()
            }
        }}
    }
}

/// One indicator's input, with who filled it and when.
#[component]
fn Field(
    ind: Indicator,
    who: Option<Filled>,
    values: RwSignal<BTreeMap<String, String>>,
    errors: RwSignal<Vec<Item>>,
    editable: bool,
) -> impl IntoView {
    let i = use_i18n();
    let id = input_of(&ind.code);
    let code = ind.code.clone();
    let (c1, c2) = (code.clone(), code.clone());
    let current = move || values.read().get(&c1).cloned().unwrap_or_default();
    let set = move |v: String| {
        values.update(|m| {
            m.insert(c2.clone(), v);
        })
    };
    let message = message_for(errors, id.clone());
    let m2 = message.clone();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-fout");
    let described = format!("{hint_id} {error_id}");
    let label = ind.vraag.clone();
    let by = who.map(|w| {
        let role = meedoen_domain::access::Role::parse(&w.rol).map(|r| r.label());
        (w.door, role, w.op.get(..10).unwrap_or("").to_string())
    });
    let input = match ind.antwoord.clone() {
        Answer::Keuze { antwoorden } => {
            let cur = current.clone();
            view! {
                <select class="utrecht-select" id=id.clone() data-testid=id.clone() aria-describedby=described.clone() disabled=!editable
                    on:change=move |ev| set(event_target_value(&ev)) prop:value=current>
                    <option value="">{i.tr("niet ingevuld", "not filled")}</option>
                    {antwoorden.into_iter().map(|c| {
                        let (code, l) = (c.code.clone(), c.label.clone());
                        let cur = cur.clone();
                        view! { <option value=c.code selected=move || cur() == code>{move || l.get(i.lang.get()).to_string()}</option> }
                    }).collect_view()}
                </select>
            }.into_any()
        }
        Answer::JaNee => {
            let cur = current.clone();
            view! {
                <select class="utrecht-select" id=id.clone() data-testid=id.clone() aria-describedby=described.clone() disabled=!editable
                    on:change=move |ev| set(event_target_value(&ev)) prop:value=current>
                    <option value="">{i.tr("niet ingevuld", "not filled")}</option>
                    {[("ja", "Ja", "Yes"), ("nee", "Nee", "No")].into_iter().map(|(v, nl, en)| {
                        let cur = cur.clone();
                        view! { <option value=v selected=move || cur() == v>{move || i.t(nl, en)}</option> }
                    }).collect_view()}
                </select>
            }.into_any()
        }
        Answer::Getal { min, max, eenheid } => view! {
            <span class="number-unit">
                <input class="utrecht-textbox utrecht-textbox--numeric" type="text" inputmode="numeric" id=id.clone() data-testid=id.clone() maxlength="4"
                    aria-describedby=described.clone() aria-invalid=move || m2().map(|_| "true") disabled=!editable
                    prop:value=current on:input=move |ev| set(event_target_value(&ev))/>
                " " {move || format!("{} ({min}–{max})", eenheid.get(i.lang.get()))}
            </span>
        }.into_any(),
    };
    view! {
        <div class="form-group" class:form-group--error=move || message().is_some()>
            <label class="utrecht-form-label" for=id.clone()>{move || label.get(i.lang.get()).to_string()}</label>
            <p class="hint" id=hint_id>{move || match &by {
                Some((door, role, op)) => format!("{} {door}{} {} {op}", i.t("Ingevuld door", "Filled by"),
                    role.map(|r| format!(" ({})", if i.lang.get() == Lang::Nl { r.0 } else { r.1 })).unwrap_or_default(),
                    i.t("op", "on")),
                None => i.t("Nog niet ingevuld.", "Not filled yet.").to_string(),
            }}</p>
            <p class="field-error" id=error_id>{message_for(errors, id.clone())}</p>
            {input}
        </div>
    }
}
