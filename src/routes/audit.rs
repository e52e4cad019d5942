//! The audit log as a page, for the administrator (everything) and the team lead (the own
//! team): filters by user, resident, action and period kept in the address (so a reload or
//! the back button keeps them), newest first, page by page, and the CSV export of the same
//! selection.

use crate::api;
use crate::browser;
use crate::components::error_summary::{items_from, show, ErrorSummary, Item, TextField};
use crate::i18n::use_i18n;
use crate::nav::{use_navigate, use_query_map};
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::Action;
use meedoen_domain::Text;
use serde::Deserialize;

const PAGE: i64 = 50;
const FILTERS: [&str; 5] = ["gebruiker", "inwoner", "actie", "van", "tot"];
const ACTIONS: [(&str, &str, &str); 7] = [
    ("lezen", "lezen", "read"),
    ("wijzigen", "wijzigen", "change"),
    ("aanmaken", "aanmaken", "create"),
    ("verwijderen", "verwijderen", "delete"),
    ("exporteren", "exporteren", "export"),
    ("inloggen", "inloggen", "sign in"),
    ("uitloggen", "uitloggen", "sign out"),
];

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Entry {
    id: i64,
    tijd: String,
    gebruiker: String,
    rol: Option<String>,
    actie: String,
    object_soort: String,
    object_id: Option<String>,
    inwoner_id: Option<i64>,
    velden: serde_json::Value,
    doel: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Page {
    regels: Vec<Entry>,
    volgende_voor: Option<i64>,
    totaal: i64,
}

fn encode(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Auditlog", "Audit log")));
    view! {
        <RequireAction action=Action::AuditLog>
            <AuditView/>
        </RequireAction>
    }
}

#[component]
fn AuditView() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let get = move |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let [user, resident, action, from, until] = FILTERS.map(|k| RwSignal::new(get(k)));
    let errors = RwSignal::new(Vec::<Item>::new());
    let page = RwSignal::new(None::<Result<Page, Text>>);
    // The selection as in the address, without the page position.
    let selection = move || {
        query.with(|q| {
            FILTERS
                .iter()
                .map(|k| (*k, q.get(k).unwrap_or_default()))
                .collect::<Vec<_>>()
        })
    };
    Effect::new(move |_| {
        let filters = selection();
        let before = query.with(|q| q.get("voor"));
        // Keep the form in step with the address (back and forward buttons).
        for (sig, (_, v)) in [user, resident, action, from, until]
            .into_iter()
            .zip(&filters)
        {
            sig.set(v.clone());
        }
        let mut pairs = filters.clone();
        pairs.push(("aflopend", "true".into()));
        pairs.push(("limiet", PAGE.to_string()));
        if let Some(b) = before {
            pairs.push(("voor", b));
        }
        let url = format!("/api/audit?{}", encode(&pairs));
        page.set(None);
        spawn_local(async move {
            match api::get::<Page>(&url).await {
                Ok(p) => {
                    errors.set(vec![]);
                    page.set(Some(Ok(p)));
                }
                Err(f) => {
                    let items = items_from(
                        &f,
                        |field| match field {
                            "gebruiker" => Some("a-gebruiker"),
                            "inwoner" => Some("a-inwoner"),
                            "actie" => Some("a-actie"),
                            "van" => Some("a-van"),
                            "tot" => Some("a-tot"),
                            _ => None,
                        },
                        "a-gebruiker",
                    );
                    page.set(Some(Err(f.message())));
                    show(errors, items);
                }
            }
        });
    });
    let nav = navigate;
    let apply = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let r = resident.get_untracked().trim().to_string();
        if !r.is_empty() && r.parse::<i64>().is_err() {
            show(
                errors,
                vec![Item {
                    input: "a-inwoner".into(),
                    page: None,
                    message: Text::new(
                        "Een inwonernummer bestaat uit cijfers.",
                        "A resident number consists of digits.",
                    ),
                }],
            );
            return;
        }
        let pairs: Vec<(&str, String)> = FILTERS
            .iter()
            .zip([user, resident, action, from, until])
            .map(|(k, s)| (*k, s.get_untracked().trim().to_string()))
            .collect();
        nav(
            &format!("/beheer/audit?{}", encode(&pairs)),
            Default::default(),
        );
    };
    let older = Callback::new(move |before: i64| {
        let mut pairs = selection();
        pairs.push(("voor", before.to_string()));
        navigate(
            &format!("/beheer/audit?{}", encode(&pairs)),
            Default::default(),
        );
    });
    let newest_href = move || format!("/beheer/audit?{}", encode(&selection()));
    let export_href = move || format!("/api/audit/export?{}", encode(&selection()));
    let paged = move || query.with(|q| q.get("voor").is_some());
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Auditlog", "Audit log")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Wie wanneer welke gegevens heeft bekeken of gewijzigd, en waarom. Het log kan niet worden gewijzigd; het bekijken van een export staat er zelf ook in.",
            "Who viewed or changed which data, when and why. The log cannot be changed; an export is itself recorded in it.")}</p>
        <ErrorSummary items=errors.into()/>
        <form novalidate on:submit=apply class="filters" data-testid="audit-filters">
            <TextField id="a-gebruiker" label=("Gebruiker", "User") value=user errors=errors maxlength=100 hint=("Gebruikersnaam, bijvoorbeeld pc.devries.", "User name, for example pc.devries.")/>
            <TextField id="a-inwoner" label=("Inwonernummer", "Resident number") value=resident errors=errors maxlength=12/>
            <div class="form-group">
                <label class="utrecht-form-label" for="a-actie">{i.tr("Actie", "Action")}</label>
                <p class="field-error" id="a-actie-fout">{crate::components::error_summary::message_for(errors, "a-actie")}</p>
                <select class="utrecht-select" id="a-actie" data-testid="a-actie" aria-describedby="a-actie-fout"
                    prop:value=move || action.get() on:change=move |ev| action.set(event_target_value(&ev))>
                    <option value="" selected=move || action.get().is_empty()>{i.tr("Alle acties", "All actions")}</option>
                    {ACTIONS.into_iter().map(|(code, nl, en)| view! {
                        <option value=code selected=move || action.get() == code>{move || i.t(nl, en)}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField id="a-van" label=("Vanaf", "From") value=from errors=errors kind="date"/>
            <TextField id="a-tot" label=("Tot en met", "Up to and including") value=until errors=errors kind="date"/>
            <div class="button-row">
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="filter-toepassen">{i.tr("Filteren", "Filter")}</button>
                <a class="utrecht-link" href="/beheer/audit">{i.tr("Filters wissen", "Clear filters")}</a>
            </div>
        </form>
        <p class="utrecht-paragraph"><a class="utrecht-link" href=export_href data-testid="audit-export" download="auditlog.csv">{i.tr("Deze selectie downloaden (CSV)", "Download this selection (CSV)")}</a></p>
        {move || match page.get() {
            None => view! { <p class="utrecht-paragraph" role="status">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
            Some(Ok(p)) => {
                let next = p.volgende_voor;
                let shown = p.regels.len();
                view! {
                    <p class="utrecht-paragraph" role="status" data-testid="audit-aantal">{format!("{} {} · {} {shown}", p.totaal, i.t("regels in deze selectie", "entries in this selection"), i.t("op deze pagina", "on this page"))}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="audit-bijschrift">
                        <table class="utrecht-table report-table" data-testid="audit-regels">
                            <caption id="audit-bijschrift">{i.t("Auditlog, nieuwste eerst", "Audit log, newest first")}</caption>
                            <thead><tr>
                                <th scope="col">{i.t("Tijd (UTC)", "Time (UTC)")}</th>
                                <th scope="col">{i.t("Gebruiker", "User")}</th>
                                <th scope="col">{i.t("Actie", "Action")}</th>
                                <th scope="col">{i.t("Wat", "What")}</th>
                                <th scope="col">{i.t("Inwoner", "Resident")}</th>
                                <th scope="col">{i.t("Velden", "Fields")}</th>
                                <th scope="col">{i.t("Doel", "Purpose")}</th>
                            </tr></thead>
                            <tbody>
                                {p.regels.into_iter().map(|e| {
                                    let fields = e.velden.as_array().map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>().join(", ")).unwrap_or_default();
                                    view! {
                                        <tr data-testid="audit-regel">
                                            <td>{e.tijd.get(..19).unwrap_or(&e.tijd).replace('T', " ")}</td>
                                            <td>{format!("{}{}", e.gebruiker, e.rol.map(|r| format!(" ({r})")).unwrap_or_default())}</td>
                                            <td data-testid="actie">{e.actie}</td>
                                            <td>{format!("{}{}", e.object_soort, e.object_id.map(|o| format!(" {o}")).unwrap_or_default())}</td>
                                            <td>{e.inwoner_id.map(|n| n.to_string())}</td>
                                            <td>{fields}</td>
                                            <td>{e.doel}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <nav class="button-row" aria-label=i.t("Pagina's van het auditlog", "Pages of the audit log")>
                        {paged().then(|| view! { <a class="utrecht-link" href=newest_href data-testid="audit-nieuwste">{i.t("Naar de nieuwste", "To the newest")}</a> })}
                        {next.map(|b| view! {
                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="audit-ouder" on:click=move |_| older.run(b)>{i.t("Oudere regels", "Older entries")}</button>
                        })}
                    </nav>
                }.into_any()
            }
        }}
    }
}
