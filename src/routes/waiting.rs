//! The team's waiting list: residents without a consultant, grouped by segment (ready now,
//! ready later, not in the short term) and ordered by the flow table's priority, new inflow at
//! steps 1–2 first. A consultant picks a resident up into their caseload within the norm.

use crate::api;
use crate::browser;
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use crate::session::use_session;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::{Lang, Text};
use serde::Deserialize;

/// A resident on the team's waiting list (`GET /api/wachtlijst`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Waiting {
    pub id: i64,
    pub naam: String,
    pub in_bijstand_sinds: Option<String>,
    pub trede: Option<u8>,
    pub segment: Option<String>,
    pub prioriteit: Option<u8>,
}

/// A consultant of the team, for a team lead's allocation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Consultant {
    pub id: i64,
    pub naam: String,
    pub caseload: i64,
    /// The residents assigned to this consultant (numbers only; the team lead's view).
    #[serde(default)]
    pub inwoners: Vec<i64>,
}

/// The waiting list with the norm, the own caseload and, for a team lead, the consultants.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct List {
    pub inwoners: Vec<Waiting>,
    pub norm: i64,
    pub eigen_caseload: i64,
    /// Residents assigned to me in the last 7 days, newest first.
    #[serde(default)]
    pub nieuw_toegewezen: Vec<i64>,
    #[serde(default)]
    pub consulenten: Vec<Consultant>,
}

const SEGMENTS: [(&str, &str, &str); 4] = [
    ("nu", "Klaar voor begeleiding nu", "Ready for guidance now"),
    (
        "later",
        "Later klaar voor begeleiding",
        "Ready for guidance later",
    ),
    (
        "niet_op_korte_termijn",
        "Niet op korte termijn",
        "Not in the short term",
    ),
    ("", "Nog niet te bepalen", "Not yet known"),
];

/// Whether a waiting resident belongs in the segment with `code` ("" also holds `geen`: not
/// yet known).
fn in_segment(w: &Waiting, code: &str) -> bool {
    let s = w.segment.as_deref().unwrap_or("");
    s == code || (code.is_empty() && s == "geen")
}

/// Rows shown per segment before "show more".
const PAGE: usize = 25;

#[component]
pub fn WaitingPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Wachtlijst", "Waiting list")));
    view! { <RequireAction action=meedoen_domain::access::Action::WaitingList><WaitingList/></RequireAction> }
}

#[component]
fn WaitingList() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let ws = use_workspace();
    let version = RwSignal::new(0u32);
    let list = api::answer(move || {
        version.get();
        async { api::get::<List>("/api/wachtlijst").await }
    });
    let message = RwSignal::new(None::<(bool, Text, Option<i64>)>);
    // A team lead allocates to a chosen consultant; a consultant picks up for themselves.
    let may_allocate = move || {
        session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.rol == "teamleider")
    };
    // `to`: a colleague chosen by the team lead; none means the signed-in consultant.
    let assign = move |id: i64, name: String, to: Option<(i64, String)>| {
        let Some(me) = session.user.get_untracked().map(|u| u.id) else {
            return;
        };
        spawn_local(async move {
            let target = to.as_ref().map_or(me, |c| c.0);
            let r = api::post::<_, serde_json::Value>(
                &format!("/api/inwoners/{id}/toewijzing"),
                &serde_json::json!({ "consulent_id": target }),
            )
            .await;
            match r {
                Ok(_) => {
                    message.set(Some((
                        true,
                        match &to {
                            None => Text::new(
                                format!("{name} staat nu in uw caseload."),
                                format!("{name} is now in your caseload."),
                            ),
                            Some((_, c)) => Text::new(
                                format!("{name} is toegewezen aan {c}."),
                                format!("{name} is assigned to {c}."),
                            ),
                        },
                        Some(id),
                    )));
                    version.update(|v| *v += 1);
                    ws.pull().await;
                }
                Err(e) => message.set(Some((false, e.message(), None))),
            }
            browser::after_render(|| browser::focus("wachtlijst-melding"));
        });
    };
    let pick = move |id: i64, name: String| assign(id, name, None);
    let l = move || i.lang.get();
    // Long lists are shown a page at a time per segment; the order is the priority order, so
    // the rows a consultant should look at first are always on screen.
    let shown = RwSignal::new(std::collections::HashMap::<&'static str, usize>::new());
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Wachtlijst van het team", "The team's waiting list")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Inwoners zonder consulent. De volgorde komt uit de doorstroomtabel: nieuwe instroom op trede 1 en 2 eerst. De consulent beslist.",
            "Residents without a consultant. The order comes from the flow table: new inflow at steps 1 and 2 first. The consultant decides.")}</p>
        {show_if(may_allocate, move || view! {
            <crate::components::export::ExportCsv kind="wachtlijst" file="wachtlijst" lines=Callback::new(move |_| {
                let t = |nl, en| i.t(nl, en).to_string();
                let head = vec![t("Groep", "Group"), t("Naam", "Name"), t("Trede", "Step"), t("In bijstand sinds", "On assistance since"), t("Prioriteit", "Priority")];
                let data = list.get_untracked().and_then(Result::ok).map(|d| d.inwoners).unwrap_or_default();
                let mut ids = Vec::new();
                let mut rows = Vec::new();
                for (code, nl, en) in SEGMENTS {
                    for w in data.iter().filter(|w| in_segment(w, code)) {
                        ids.push(w.id);
                        rows.push(vec![t(nl, en), w.naam.clone(), w.trede.map(|t| t.to_string()).unwrap_or_default(),
                            w.in_bijstand_sinds.clone().unwrap_or_default(), w.prioriteit.filter(|p| *p > 0).map(|p| p.to_string()).unwrap_or_default()]);
                    }
                }
                (ids, head, rows)
            })/>
        }.into_any())}
        {move || message.get().map(|(ok, text, id)| view! {
            <div class=if ok { "utrecht-alert utrecht-alert--ok" } else { "utrecht-alert utrecht-alert--error" } id="wachtlijst-melding" tabindex="-1" role="status" data-testid="wachtlijst-melding">
                <p class="utrecht-paragraph">{i.text(&text)}" "{id.map(|id| view! { <a href=format!("/inwoners/{id}")>{i.t("Open het dossier", "Open the file")}</a> })}</p>
            </div>
        })}
        {move || match list.get() {
            None => view! { <p class="utrecht-paragraph">{i.t("Bezig met ophalen…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e.message())}</p></div> }.into_any(),
            Some(Ok(data)) => view! {
                {(!may_allocate()).then(|| view! {
                    <p class="utrecht-paragraph" data-testid="wachtlijst-capaciteit">{format!("{} {} {} {} ({})", i.t("Uw caseload:", "Your caseload:"), data.eigen_caseload, i.t("van", "of"), data.norm, i.t("norm", "norm"))}</p>
                })}
                {may_allocate().then(|| view! {
                    <section class="card" aria-labelledby="team-capaciteit" data-testid="team-capaciteit">
                        <h2 class="utrecht-heading-2" id="team-capaciteit">{i.t("Caseloads van het team", "The team's caseloads")}</h2>
                        <table class="caseload">
                            <thead><tr><th scope="col">{i.t("Consulent", "Consultant")}</th><th scope="col">{i.t("Caseload", "Caseload")}</th><th scope="col">{i.t("Ruimte", "Room")}</th></tr></thead>
                            <tbody>{data.consulenten.iter().map(|c| view! {
                                <tr><th scope="row">{c.naam.clone()}</th><td>{format!("{} / {}", c.caseload, data.norm)}</td><td>{(data.norm - c.caseload).max(0)}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                    </section>
                })}
                {(!may_allocate() && data.eigen_caseload >= data.norm).then(|| view! {
                    <div class="utrecht-alert" role="status" data-testid="wachtlijst-vol"><p class="utrecht-paragraph">{i.t(
                        "Uw caseload is vol. Oppakken kan weer als er een inwoner uitstroomt of naar een collega gaat; overleg met uw teamleider.",
                        "Your caseload is full. You can pick up again when a resident leaves or moves to a colleague; talk to your team lead.")}</p></div>
                })}
                {SEGMENTS.iter().map(|(code, nl, en)| {
                    let full = data.eigen_caseload >= data.norm;
                    let team = data.consulenten.clone();
                    let norm = data.norm;
                    let rows: Vec<Waiting> = data.inwoners.iter().filter(|w| in_segment(w, code)).cloned().collect();
                    let hid = format!("segment-{}", if code.is_empty() { "onbekend" } else { code });
                    let count = rows.len();
                    let code: &'static str = code;
                    let limit = move || shown.with(|m| m.get(code).copied().unwrap_or(PAGE));
                    (!rows.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby=hid.clone() data-testid=hid.clone()>
                            <h2 class="utrecht-heading-2" id=hid.clone()>{move || format!("{} ({})", if l() == Lang::Nl { *nl } else { *en }, count)}</h2>
                            <div class="table-scroll"><table class="caseload">
                                <thead><tr><th scope="col">{i.t("Naam", "Name")}</th><th scope="col">{i.t("Trede", "Step")}</th><th scope="col">{i.t("In bijstand sinds", "On assistance since")}</th><th scope="col">{i.t("Prioriteit", "Priority")}</th><th scope="col"><span class="visually-hidden">{i.t("Actie", "Action")}</span></th></tr></thead>
                                <tbody>{move || rows.iter().take(limit()).map(|w| {
                                    let (id, name) = (w.id, w.naam.clone());
                                    view! { <tr>
                                        <th scope="row">{w.naam.clone()}</th>
                                        <td>{w.trede.map(|t| t.to_string()).unwrap_or_default()}</td>
                                        <td>{w.in_bijstand_sinds.clone().unwrap_or_default()}</td>
                                        <td>{w.prioriteit.filter(|p| *p > 0).map(|p| p.to_string()).unwrap_or_default()}</td>
                                        <td>{(!may_allocate() && !full).then(|| { let name = name.clone(); view! {
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="oppakken" on:click=move |_| pick(id, name.clone())>
                                                {i.t("Oppakken", "Pick up")}<span class="visually-hidden">{format!(": {}", w.naam)}</span>
                                            </button>
                                        }})}
                                        {may_allocate().then(|| {
                                            let chosen = RwSignal::new(String::new());
                                            let sel = format!("toewijzen-{id}");
                                            let team = team.clone();
                                            let team2 = team.clone();
                                            let name = name.clone();
                                            let go = move |_| {
                                                let to = chosen.get_untracked().parse::<i64>().ok()
                                                    .and_then(|c| team2.iter().find(|x| x.id == c).map(|x| (x.id, x.naam.clone())));
                                                match to {
                                                    Some(to) => assign(id, name.clone(), Some(to)),
                                                    None => {
                                                        message.set(Some((false, Text::new(format!("Kies een consulent voor {name}."), format!("Choose a consultant for {name}.")), None)));
                                                        browser::focus(&format!("toewijzen-{id}"));
                                                    }
                                                }
                                            };
                                            view! {
                                                <div class="allocate">
                                                    <label class="visually-hidden" for=sel.clone()>{format!("{} {}", i.t("Consulent voor", "Consultant for"), w.naam)}</label>
                                                    <select class="utrecht-select" id=sel.clone() data-testid="toewijzen-aan" on:change=move |ev| chosen.set(event_target_value(&ev))>
                                                        <option value="">{i.t("kies een consulent", "choose a consultant")}</option>
                                                        {team.iter().map(|c| view! {
                                                            <option value=c.id.to_string() disabled={c.caseload >= norm}>{format!("{} ({}/{}){}", c.naam, c.caseload, norm, if c.caseload >= norm { i.t(", vol", ", full") } else { "" })}</option>
                                                        }).collect_view()}
                                                    </select>
                                                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="toewijzen" on:click=go>
                                                        {i.t("Toewijzen", "Assign")}<span class="visually-hidden">{format!(": {}", w.naam)}</span>
                                                    </button>
                                                </div>
                                            }
                                        })}</td>
                                    </tr> }
                                }).collect_view()}</tbody>
                            </table></div>
                            {move || (count > limit()).then(|| view! {
                                <p class="utrecht-paragraph">
                                    {format!("{} {} {} {}. ", i.t("U ziet", "Showing"), limit(), i.t("van", "of"), count)}
                                    <button type="button" class="utrecht-button utrecht-button--subtle" data-testid=format!("meer-{code}")
                                        on:click=move |_| shown.update(|m| { *m.entry(code).or_insert(PAGE) += PAGE; })>
                                        {format!("{} {}", i.t("Toon", "Show"), PAGE.min(count - limit()))}{i.t(" meer", " more")}
                                    </button>
                                </p>
                            })}
                        </section>
                    })
                }).collect_view()}
            }.into_any(),
        }}
    }
}
