//! The council's progress report (`/rapportage`): the figures of a year, a from–to period or
//! everything since the start of the approach, computed by the server with the domain crate
//! from registered records. A headline figure per section, a chart with a sentence and a data
//! table, CSV and JSON of all figures, a printable report and an A4 infographic
//! (`/rapportage/poster`). Team leads drill down into their own team; policy staff see
//! aggregates only. The period is kept in the address (never personal data).

mod chart;
mod poster;
mod settings;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::nav::{use_navigate, use_query_map};
use crate::routes::sign_in::RequireAction;
use crate::session::use_session;
use crate::workspace::{person, use_workspace};
use chart::SectionChart;
use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::report::Report;
use meedoen_domain::{Lang, Text};
pub use poster::PosterPage;
use settings::Settings;

/// The query string of the period in the address (`jaar=2025`, `van=…&tot=…`, `sinds_start=ja`).
pub fn period_query() -> Memo<String> {
    let q = use_query_map();
    Memo::new(move |_| {
        let q = q.read();
        let get = |k: &str| {
            q.get(k).map(|v| {
                v.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect::<String>()
            })
        };
        if q.get("sinds_start").is_some() {
            "sinds_start=ja".into()
        } else if let (Some(v), Some(t)) = (get("van"), get("tot")) {
            format!("van={v}&tot={t}")
        } else {
            format!(
                "jaar={}",
                get("jaar").unwrap_or_else(|| browser::today().year().to_string())
            )
        }
    })
}

/// Load the report of the period in the address; a refusal is "no access", never "offline".
pub fn load_report() -> (RwSignal<Option<Report>>, RwSignal<Option<Text>>) {
    let report = RwSignal::new(None::<Report>);
    let problem = RwSignal::new(None::<Text>);
    let query = period_query();
    Effect::new(move |_| {
        let q = query.get();
        spawn_local(async move {
            match api::get::<Report>(&format!("/api/rapportage?{q}")).await {
                Ok(r) => {
                    problem.set(None);
                    report.set(Some(r));
                }
                Err(ApiFailure::Status { status: 401 | 403, .. }) => problem.set(Some(Text::fixed(
                    "U hebt geen toegang tot de rapportage. Die is er voor teamleiders en beleidsmedewerkers.",
                    "You have no access to the report. It is for team leads and policy staff.",
                ))),
                Err(e) => problem.set(Some(e.message())),
            }
        });
    });
    (report, problem)
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Voortgangsrapportage", "Progress report")));
    view! { <RequireAction action=meedoen_domain::access::Action::Report><ReportView/></RequireAction> }
}

#[component]
fn ReportView() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let ws = use_workspace();
    let lang = move || i.lang.get();
    let (report, problem) = load_report();
    let query = period_query();
    let is_lead = move || {
        session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.rol == "teamleider")
    };
    // Names for the drill-down come from the team lead's own copy of the team's files.
    let names = Signal::derive(move || {
        ws.files.with(|f| {
            f.iter()
                .filter_map(|(id, file)| Some((*id, person(file)?.naam.clone())))
                .collect()
        })
    });
    let download_all = move |json: bool| {
        if let Some(r) = report.get_untracked() {
            let label = r.period_label(r.periode, Lang::Nl).replace(' ', "-");
            if json {
                let text = serde_json::to_string_pretty(&r).unwrap_or_default();
                browser::download(
                    &format!("rapportage-{label}.json"),
                    "application/json",
                    &text,
                );
            } else {
                browser::download(
                    &format!("rapportage-{label}.csv"),
                    "text/csv;charset=utf-8",
                    &r.csv(lang()),
                );
            }
        }
    };
    view! {
        <h1 class="utrecht-heading-1" data-testid="rapport-kop">{i.tr("Voortgangsrapportage", "Progress report")}</h1>
        <PeriodChooser/>
        {move || problem.get().map(|p| view! { <div class="utrecht-alert utrecht-alert--error" role="alert" data-testid="rapport-fout"><p class="utrecht-paragraph">{i.text(&p)}</p></div> })}
        {move || report.get().map(|r| {
            let secties = r.secties.clone();
            view! {
                <p class="utrecht-paragraph utrecht-paragraph--lead" data-testid="rapport-periode">
                    {let r = r.clone(); move || format!("{} {} · {} {} · {} {}",
                        i.t("Periode:", "Period:"), r.period_label(r.periode, lang()),
                        i.t("vergeleken met", "compared with"), r.period_label(r.vorige_periode, lang()),
                        i.t("peildatum", "reporting date"), r.peildatum)}
                </p>
                {r.drempel.map(|t| view! { <p class="utrecht-paragraph" data-testid="drempel-aan">{move || format!("{} {t} {}",
                    i.t("Publicatie-instelling staat aan: aantallen onder de", "Publication setting is on: counts below"),
                    i.t("worden getoond als '< n'.", "are shown as '< n'."))}</p> })}
                <div class="button-row no-print">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="download-csv" on:click=move |_| download_all(false)>{i.tr("Alle cijfers (CSV)", "All figures (CSV)")}</button>
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="download-json" on:click=move |_| download_all(true)>{i.tr("Alle cijfers (JSON)", "All figures (JSON)")}</button>
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| browser::print()>{i.tr("Rapport afdrukken", "Print the report")}</button>
                    <a href=move || format!("/rapportage/poster?{}", query.get()) class="utrecht-button utrecht-button--secondary-action button-link" data-testid="infographic">{i.tr("Infographic (A4)", "Infographic (A4)")}</a>
                </div>
                <ul class="headlines" data-testid="kerncijfers">
                    {secties.iter().filter_map(|s| s.figuren.first().map(|f| (s.titel.clone(), f.clone()))).map(|(t, f)| view! {
                        <li class="headline"><span class="headline__value">{let v = f.waarde.text(); move || v.get(lang()).to_string()}</span>
                            <span class="headline__label">{let l = f.label.clone(); move || l.get(lang()).to_string()}</span>
                            <span class="headline__section">{move || t.get(lang()).to_string()}</span></li>
                    }).collect_view()}
                </ul>
                {secties.into_iter().map(|s| {
                    let title = s.titel.clone();
                    let sid = s.id.clone();
                    view! {
                        <section class="card report-section" aria-labelledby=format!("sectie-{sid}") data-testid=format!("sectie-{sid}")>
                            <h2 class="utrecht-heading-2" id=format!("sectie-{sid}")>{move || title.get(lang()).to_string()}</h2>
                            <SectionChart report=r.clone() section=s names=names/>
                        </section>
                    }
                }).collect_view()}
                {(!r.caseloads.is_empty()).then(|| view! {
                    <section class="card report-section" aria-labelledby="sectie-caseloads" data-testid="sectie-caseloads">
                        <h2 class="utrecht-heading-2" id="sectie-caseloads">{i.tr("Caseload per consulent", "Caseload per consultant")}</h2>
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="sectie-caseloads">
                        <table class="utrecht-table report-table"><thead><tr>
                            <th scope="col">{i.tr("Consulent", "Consultant")}</th><th scope="col">{i.tr("Inwoners", "Residents")}</th><th scope="col">{i.tr("Norm", "Norm")}</th>
                        </tr></thead><tbody>
                            {r.caseloads.iter().map(|c| view! { <tr><th scope="row">{c.naam.clone()}</th><td>{c.aantal}</td><td>{c.norm}</td></tr> }).collect_view()}
                        </tbody></table>
                        </div>
                    </section>
                })}
            }
        })}
        {show_if(is_lead, move || view! {<Settings/>}.into_any())}
    }
}

/// Year, from–to or since the start; the choice goes into the address.
#[component]
fn PeriodChooser() -> impl IntoView {
    let i = use_i18n();
    let navigate = use_navigate();
    let q = use_query_map();
    let this_year = browser::today().year();
    let year = RwSignal::new(
        q.read_untracked()
            .get("jaar")
            .unwrap_or_else(|| this_year.to_string()),
    );
    let from = RwSignal::new(q.read_untracked().get("van").unwrap_or_default());
    let to = RwSignal::new(q.read_untracked().get("tot").unwrap_or_default());
    let go = move |query: String| navigate(&format!("/rapportage?{query}"), Default::default());
    let (g1, g2, g3) = (go, go, go);
    view! {
        <form class="period-chooser no-print" on:submit=move |ev| { ev.prevent_default(); g1(format!("jaar={}", year.get_untracked())) }>
            <div class="form-group">
                <label class="utrecht-form-label" for="jaar">{i.tr("Jaar", "Year")}</label>
                <select class="utrecht-select" id="jaar" data-testid="jaar" on:change=move |ev| { year.set(event_target_value(&ev)); g2(format!("jaar={}", year.get_untracked())) }>
                    {(2022..=this_year).rev().map(|y| view! { <option value=y.to_string() selected=move || year.get() == y.to_string()>{y}</option> }).collect_view()}
                </select>
            </div>
        </form>
        <form class="period-chooser no-print" on:submit=move |ev| { ev.prevent_default(); g3(format!("van={}&tot={}", from.get_untracked(), to.get_untracked())) }>
            <div class="form-group">
                <label class="utrecht-form-label" for="van">{i.tr("Van", "From")}</label>
                <input class="utrecht-textbox input-width-10" type="date" id="van" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
            </div>
            <div class="form-group">
                <label class="utrecht-form-label" for="tot">{i.tr("Tot en met", "Up to and including")}</label>
                <input class="utrecht-textbox input-width-10" type="date" id="tot" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="periode-tonen">{i.tr("Periode tonen", "Show period")}</button>
            <a href="/rapportage?sinds_start=ja" class="button-link" data-testid="sinds-start">{i.tr("Sinds de start van de aanpak", "Since the start of the approach")}</a>
        </form>
    }
}
