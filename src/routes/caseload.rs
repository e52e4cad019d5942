//! The caseload: my residents (a team lead: the team's) from what this browser keeps, with
//! step, trajectory, status, waiting-list segment and the next appointment or check-point;
//! search by name (case and accents left out) or the last digits of the BSN, filter and sort;
//! capacity against the norm.

use crate::browser;
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::nav::NavigateOptions;
use crate::nav::{use_navigate, use_query_map};
use crate::routes::inbox::trajectory_label;
use crate::routes::sign_in::RequireAction;
use crate::session::use_session;
use crate::workspace::{of_kind, person, use_workspace, File};
use chrono::{Months, NaiveDate};
use leptos::prelude::*;
use meedoen_domain::partners::{follow_up_on, Partner};
use meedoen_domain::records::{HandoverStatus, Kind, PlanStatus, Record};
use meedoen_domain::text::fold;
use meedoen_domain::{order, Lang};

/// One line of the caseload.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub id: i64,
    pub naam: String,
    pub bsn_end: String,
    pub trede: Option<u64>,
    pub traject: Option<String>,
    pub status: (&'static str, &'static str),
    pub segment: Option<String>,
    /// Next appointment or check-point, and what it is.
    pub next: Option<(NaiveDate, &'static str, &'static str)>,
    pub waiting: bool,
    /// The income department's latest file no longer lists the resident ("assistance ended?").
    pub flagged: bool,
    /// A referral to a partner has had no news for the partner's weeks.
    pub follow_up: bool,
}

/// The latest record of a kind, by its own date.
fn latest(file: &File, kind: Kind) -> Option<&Record> {
    of_kind(file, kind)
        .map(|r| &r.record)
        .max_by_key(|r| r.date())
}

pub fn line(id: i64, file: &File, today: NaiveDate, partners: &[Partner]) -> Option<Line> {
    let v = person(file)?;
    let m = match latest(file, Kind::Meting) {
        Some(Record::Meting(m)) => Some(m),
        _ => None,
    };
    let plan = match latest(file, Kind::Plan) {
        Some(Record::Plan(p)) => Some(p),
        _ => None,
    };
    let handover = match latest(file, Kind::Overdracht) {
        Some(Record::Overdracht(h)) => Some(h),
        _ => None,
    };
    let status = if latest(file, Kind::Plaatsing).is_some() {
        ("aan het werk", "in work")
    } else if latest(file, Kind::Uitstroom).is_some() {
        ("uitgestroomd", "exited")
    } else if handover.is_some_and(|h| h.status != HandoverStatus::Teruggemeld) {
        ("bij het WSP", "with the WSP")
    } else if plan.is_some_and(|p| p.status == PlanStatus::Actief) {
        ("plan actief", "plan active")
    } else if latest(file, Kind::Intake).is_some() {
        ("na intake", "after intake")
    } else {
        ("nieuw", "new")
    };
    let mut next: Vec<(NaiveDate, &'static str, &'static str)> = vec![];
    let mut follow_up = false;
    if let Some(p) = plan.filter(|p| p.status != PlanStatus::Afgerond) {
        if let Some(d) = p.evaluatiedatum {
            next.push((d, "evaluatie plan", "plan review"));
        }
    }
    if let Some(d) = plan.and_then(|p| p.nazorg_tot).filter(|d| *d >= today) {
        next.push((d, "einde nazorg", "end of aftercare"));
    }
    for r in file.iter() {
        match &r.record {
            Record::Plaatsing(p) => {
                for (months, filled, nl, en) in [
                    (
                        6,
                        p.werkt_na_6_maanden,
                        "duurzaamheid 6 maanden",
                        "durability 6 months",
                    ),
                    (
                        12,
                        p.werkt_na_12_maanden,
                        "duurzaamheid 12 maanden",
                        "durability 12 months",
                    ),
                    (
                        18,
                        p.werkt_na_18_maanden,
                        "duurzaamheid 18 maanden",
                        "durability 18 months",
                    ),
                ] {
                    if filled.is_none() {
                        if let Some(d) = p.start.checked_add_months(Months::new(months)) {
                            next.push((d, nl, en));
                        }
                    }
                }
            }
            Record::Activering(a) => {
                if let Some(d) = a.einde.filter(|d| *d >= today) {
                    next.push((d, "einde activering", "end of activation"));
                }
            }
            Record::Verwijzing(v) => {
                if let Some(d) = follow_up_on(v, partners) {
                    next.push((d, "verwijzing opvolgen", "follow up referral"));
                    follow_up |= d <= today;
                }
            }
            _ => {}
        }
    }
    order::sort(&mut next);
    Some(Line {
        id,
        naam: v.naam.clone(),
        bsn_end: v
            .bsn
            .as_deref()
            .map(|b| b[b.len().saturating_sub(4)..].to_string())
            .unwrap_or_default(),
        trede: m.map(|m| u64::from(m.besluit.trede)),
        traject: m.map(|m| m.besluit.traject.clone()),
        status,
        segment: v.wachtlijst.clone(),
        next: next.into_iter().next(),
        waiting: file.iter().any(|r| r.wacht),
        flagged: v.niet_in_bestand.is_some(),
        follow_up,
    })
}

/// The caseload lines of every file this browser keeps, kept up to date.
pub fn caseload_lines(ws: crate::workspace::Workspace, today: NaiveDate) -> Memo<Vec<Line>> {
    Memo::new(move |_| {
        ws.partners.with(|partners| {
            ws.files.with(|files| {
                files
                    .iter()
                    .filter_map(|(id, f)| line(*id, f, today, partners))
                    .collect::<Vec<_>>()
            })
        })
    })
}

pub fn segment_label(code: &str, lang: Lang) -> String {
    meedoen_domain::schema::SEGMENT_VALUES
        .iter()
        .find(|v| v.code == code)
        .map_or(code.to_string(), |v| v.label.get(lang).to_string())
}

#[component]
pub fn CaseloadPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Caseload", "Caseload")));
    view! { <RequireAction action=meedoen_domain::access::Action::ReadCases><Caseload/></RequireAction> }
}

#[component]
fn Caseload() -> impl IntoView {
    let i = use_i18n();
    let ws = use_workspace();
    let session = use_session();
    let today = browser::today();
    let search = RwSignal::new(String::new());
    // Filters, sort and page live in the address, so a reload or the back button keeps them.
    // No personal data goes there: the name search stays on the page.
    let query = use_query_map();
    let navigate = use_navigate();
    let q = move |k: &str| query.with(|m| m.get(k).unwrap_or_default());
    let route = Memo::new(move |_| q("traject"));
    let step = Memo::new(move |_| q("trede"));
    let state = Memo::new(move |_| q("status"));
    let consultant = Memo::new(move |_| q("consulent"));
    // The team lead filters by consultant: who has which residents comes with the waiting list.
    let lead = session
        .user
        .read_untracked()
        .as_ref()
        .is_some_and(|u| u.rol == "teamleider");
    let team = crate::api::answer(move || async move {
        if lead {
            crate::api::get::<crate::routes::waiting::List>("/api/wachtlijst")
                .await
                .map(|w| w.consulenten)
                .unwrap_or_default()
        } else {
            vec![]
        }
    });
    let of_consultant = Memo::new(move |_| {
        let c = consultant.get();
        if c.is_empty() {
            return None;
        }
        let all = team.get().unwrap_or_default();
        Some(if c == "geen" {
            // On the waiting list: assigned to nobody.
            (
                false,
                all.iter()
                    .flat_map(|x| x.inwoners.iter().copied())
                    .collect::<std::collections::BTreeSet<i64>>(),
            )
        } else {
            (
                true,
                all.iter()
                    .filter(|x| x.id.to_string() == c)
                    .flat_map(|x| x.inwoners.iter().copied())
                    .collect(),
            )
        })
    });
    let sort = Memo::new(move |_| match q("sorteer") {
        s if s.is_empty() => "naam".to_string(),
        s => s,
    });
    let page = Memo::new(move |_| {
        q("pagina")
            .parse::<usize>()
            .ok()
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    let set = Callback::new(move |(key, value): (&'static str, String)| {
        let mut pairs: Vec<(String, String)> =
            ["traject", "trede", "status", "consulent", "sorteer"]
                .into_iter()
                .filter(|k| *k != key)
                .map(|k| (k.to_string(), q(k)))
                .collect();
        pairs.push((key.to_string(), value));
        let text = pairs
            .into_iter()
            .filter(|(k, v)| {
                let default = (k == "pagina" && v == "1") || (k == "sorteer" && v == "naam");
                !v.is_empty() && !default
            })
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&v)))
            .collect::<Vec<_>>()
            .join("&");
        let url = if text.is_empty() {
            "/werk".to_string()
        } else {
            format!("/werk?{text}")
        };
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let lines = caseload_lines(ws, today);
    let shown = Memo::new(move |_| {
        let q = fold(search.get().trim());
        let r = route.get();
        let t = step.get().parse::<u64>().ok();
        let st = state.get();
        let who = of_consultant.get();
        let mut v: Vec<Line> = lines
            .get()
            .into_iter()
            .filter(|l| {
                (q.is_empty()
                    || fold(&l.naam).contains(&q)
                    || (q.chars().all(|c| c.is_ascii_digit()) && l.bsn_end.ends_with(&q)))
                    && (r.is_empty() || l.traject.as_deref() == Some(r.as_str()))
                    && (t.is_none() || l.trede == t)
                    && (st.is_empty() || status_code(l.status.0) == st)
                    && who
                        .as_ref()
                        .is_none_or(|(inside, ids)| ids.contains(&l.id) == *inside)
            })
            .collect();
        match sort.get().as_str() {
            "trede" => order::sort_by_key(&mut v, |l| (l.trede.unwrap_or(9), l.naam.clone())),
            "volgende" => order::sort_by_key(&mut v, |l| {
                (l.next.map_or(NaiveDate::MAX, |n| n.0), l.naam.clone())
            }),
            _ => order::sort_by(&mut v, |a, b| a.naam.cmp(&b.naam)),
        }
        v
    });
    let pages = Memo::new(move |_| shown.read().len().div_ceil(PAGE_SIZE).max(1));
    let current = Memo::new(move |_| page.get().min(pages.get()));
    let on_page = Memo::new(move |_| {
        let start = (current.get() - 1) * PAGE_SIZE;
        shown.with(|v| {
            v.iter()
                .skip(start)
                .take(PAGE_SIZE)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let l = move || i.lang.get();
    let is_lead = move || {
        session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.rol == "teamleider")
    };
    view! {
        <h1 class="utrecht-heading-1">{move || if is_lead() { i.t("Caseload van het team", "The team's caseload") } else { i.t("Mijn caseload", "My caseload") }}</h1>
        {show_if(move || ws.denied.get() || session.user.read().as_ref().is_some_and(|u| !u.sees_cases()), move || view! {
            <div class="utrecht-alert utrecht-alert--info" role="status" data-testid="geen-toegang"><p class="utrecht-paragraph">{move || i.t(
                "Geen toegang: uw rol werkt niet met dossiers van inwoners, dus hier staat niets voor u.",
                "No access: your role does not work with residents' files, so there is nothing here for you.")}</p></div>
        }.into_any())}
        {show_if(move || ws.stale.get(), move || view! {
            <div class="utrecht-alert utrecht-alert--warning" role="status"><p class="utrecht-paragraph">{move || i.t(
                "Geen verbinding: u ziet wat dit apparaat bewaarde. Wijzigingen worden bewaard en later verstuurd.",
                "No connection: you see what this device kept. Changes are kept and sent later.")}</p></div>
        }.into_any())}
        {show_if(move || !is_lead(), move || view! {
            <p class="capacity" data-testid="capaciteit">
                <label for="capaciteit-meter">{move || format!("{} {} {} {} ({})", i.t("Capaciteit:", "Capacity:"), lines.read().len(), i.t("van", "of"), session.norm.get(), i.t("norm", "norm"))}</label>
                <meter id="capaciteit-meter" min="0" max=move || session.norm.get() high=move || session.norm.get() - 5 value=move || lines.read().len()></meter>
            </p>
        }.into_any())}
        <div class="filters" role="search">
            <div class="form-group"><label class="utrecht-form-label" for="zoek">{i.tr("Zoek op naam of laatste cijfers BSN", "Search by name or last digits of BSN")}</label>
                <input class="utrecht-textbox input-width-20" id="zoek" type="search" data-testid="zoek" prop:value=move || search.get() on:input=move |ev| {
                    search.set(event_target_value(&ev));
                    if page.get_untracked() != 1 {
                        set.run(("pagina", "1".into()));
                    }
                }/></div>
            <div class="form-group"><label class="utrecht-form-label" for="filter-trede">{i.tr("Trede", "Step")}</label>
                <select class="utrecht-select" id="filter-trede" data-testid="filter-trede" prop:value=move || step.get() on:change=move |ev| set.run(("trede", event_target_value(&ev)))>
                    <option value="" selected=move || step.get().is_empty()>{i.tr("alle", "all")}</option>
                    {["1", "2", "3", "4", "5", "6"].map(|c| view! { <option value=c selected=move || step.get() == c>{c}</option> }).collect_view()}
                </select></div>
            <div class="form-group"><label class="utrecht-form-label" for="filter-traject">{i.tr("Traject", "Trajectory")}</label>
                <select class="utrecht-select" id="filter-traject" data-testid="filter-traject" prop:value=move || route.get() on:change=move |ev| set.run(("traject", event_target_value(&ev)))>
                    <option value="" selected=move || route.get().is_empty()>{i.tr("alle", "all")}</option>
                    {["zorg", "participatie", "werk"].map(|c| view! { <option value=c selected=move || route.get() == c>{move || trajectory_label(c, l())}</option> }).collect_view()}
                </select></div>
            <div class="form-group"><label class="utrecht-form-label" for="filter-status">{i.tr("Status", "Status")}</label>
                <select class="utrecht-select" id="filter-status" data-testid="filter-status" prop:value=move || state.get() on:change=move |ev| set.run(("status", event_target_value(&ev)))>
                    <option value="" selected=move || state.get().is_empty()>{i.tr("alle", "all")}</option>
                    {STATUSES.map(|(code, nl, en)| view! { <option value=code selected=move || state.get() == code>{move || if l() == Lang::Nl { nl } else { en }}</option> }).collect_view()}
                </select></div>
            {show_if(move || lead, move || view! {
                <div class="form-group"><label class="utrecht-form-label" for="filter-consulent">{i.tr("Consulent", "Consultant")}</label>
                    <select class="utrecht-select" id="filter-consulent" data-testid="filter-consulent" prop:value=move || consultant.get() on:change=move |ev| set.run(("consulent", event_target_value(&ev)))>
                        <option value="" selected=move || consultant.get().is_empty()>{i.tr("alle", "all")}</option>
                        {move || team.get().unwrap_or_default().into_iter().map(|c| {
                            let v = c.id.to_string();
                            let v2 = v.clone();
                            view! { <option value=v selected=move || consultant.get() == v2>{c.naam}</option> }
                        }).collect_view()}
                        <option value="geen" selected=move || consultant.get() == "geen">{i.tr("geen (wachtlijst)", "none (waiting list)")}</option>
                    </select></div>
            }.into_any())}
            <div class="form-group"><label class="utrecht-form-label" for="sorteer">{i.tr("Sorteren op", "Sort by")}</label>
                <select class="utrecht-select" id="sorteer" data-testid="sorteer" prop:value=move || sort.get() on:change=move |ev| set.run(("sorteer", event_target_value(&ev)))>
                    <option value="naam" selected=move || sort.get() == "naam">{i.tr("naam", "name")}</option>
                    <option value="trede" selected=move || sort.get() == "trede">{i.tr("trede", "step")}</option>
                    <option value="volgende" selected=move || sort.get() == "volgende">{i.tr("eerstvolgende afspraak", "next appointment")}</option>
                </select></div>
        </div>
        <p class="utrecht-paragraph" role="status" data-testid="aantal">{move || format!("{} {}", shown.read().len(), i.t("inwoners", "residents"))}</p>
        {show_if(is_lead, move || view! {
            <crate::components::export::ExportCsv kind="caseload" file="caseload" lines=Callback::new(move |_| {
                let lang = l();
                let t = |nl, en| i.t(nl, en).to_string();
                let head = vec![t("Naam", "Name"), t("BSN (laatste 4 cijfers)", "BSN (last 4 digits)"), t("Trede", "Step"), t("Traject", "Trajectory"),
                    t("Status", "Status"), t("Wachtlijst", "Waiting list"), t("Eerstvolgende", "Next")];
                let rows = shown.with_untracked(|v| v.iter().map(|x| vec![
                    x.naam.clone(),
                    x.bsn_end.clone(),
                    x.trede.map(|t| t.to_string()).unwrap_or_default(),
                    x.traject.as_deref().map(|t| trajectory_label(t, lang)).unwrap_or_default(),
                    t(x.status.0, x.status.1),
                    x.segment.as_deref().map(|s| segment_label(s, lang)).unwrap_or_default(),
                    x.next.map(|(d, nl, en)| format!("{} {}", meedoen_domain::report::date_numeric(d), t(nl, en))).unwrap_or_default(),
                ]).collect::<Vec<_>>());
                let ids = shown.with_untracked(|v| v.iter().map(|x| x.id).collect());
                (ids, head, rows)
            })/>
        }.into_any())}
        {move || if !ws.ready.get() {
            view! { <p class="utrecht-paragraph">{i.t("Bezig met ophalen…", "Loading…")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="caseload" data-testid="caseload">
                        <caption class="visually-hidden">{i.t("Inwoners", "Residents")}</caption>
                        <thead><tr>
                            <th scope="col">{i.t("Naam", "Name")}</th><th scope="col">"BSN"</th><th scope="col">{i.t("Trede", "Step")}</th>
                            <th scope="col">{i.t("Traject", "Trajectory")}</th><th scope="col">{i.t("Status", "Status")}</th>
                            <th scope="col">{i.t("Wachtlijst", "Waiting list")}</th><th scope="col">{i.t("Eerstvolgende", "Next")}</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || on_page.get() key=|x| (x.id, x.trede, x.status.0, x.next, x.waiting, x.flagged, x.follow_up) let:x>
                                <tr class:due=x.next.is_some_and(|n| n.0 <= today)>
                                    <th scope="row"><a href=format!("/inwoners/{}", x.id)>{x.naam.clone()}</a>{x.waiting.then(|| view! { <span class="badge">{i.tr("wacht op sync", "waiting to sync")}</span> })}
                                        {x.flagged.then(|| view! { <span class="badge" data-testid="signaal-bijstand">{i.tr("bijstand beëindigd?", "assistance ended?")}</span> })}
                                        {x.follow_up.then(|| view! { <span class="badge" data-testid="signaal-verwijzing">{i.tr("verwijzing opvolgen", "follow up referral")}</span> })}</th>
                                    <td>{if x.bsn_end.is_empty() { String::new() } else { format!("…{}", x.bsn_end) }}</td>
                                    <td>{x.trede.map(|t| t.to_string()).unwrap_or_default()}</td>
                                    <td>{let t = x.traject.clone(); move || t.as_deref().map(|t| trajectory_label(t, l())).unwrap_or_default()}</td>
                                    <td>{move || if l() == Lang::Nl { x.status.0 } else { x.status.1 }}</td>
                                    <td>{let s = x.segment.clone(); move || s.as_deref().map(|s| segment_label(s, l())).unwrap_or_default()}</td>
                                    <td>{move || x.next.map(|(d, nl, en)| format!("{} {}", meedoen_domain::report::date_numeric(d), if l() == Lang::Nl { nl } else { en })).unwrap_or_default()}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
                {show_if(move || { pages.get() > 1 }, move || view! {
                    <nav class="pager button-row" aria-label=move || i.t("Pagina's van de caseload", "Pages of the caseload") data-testid="pagina-navigatie">
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="vorige-pagina"
                            disabled=move || current.get() <= 1 on:click=move |_| set.run(("pagina", (current.get_untracked() - 1).to_string()))>{i.tr("Vorige", "Previous")}</button>
                        <span data-testid="pagina" aria-live="polite">{move || format!("{} {} {} {}", i.t("Pagina", "Page"), current.get(), i.t("van", "of"), pages.get())}</span>
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="volgende-pagina"
                            disabled=move || { current.get() >= pages.get() } on:click=move |_| set.run(("pagina", (current.get_untracked() + 1).to_string()))>{i.tr("Volgende", "Next")}</button>
                    </nav>
                }.into_any())}
            }.into_any()
        }}
    }
}

/// Residents a page: enough to scan, few enough to render at once on a phone.
const PAGE_SIZE: usize = 50;

/// The statuses of a caseload line, with the short code the address uses.
const STATUSES: [(&str, &str, &str); 6] = [
    ("nieuw", "nieuw", "new"),
    ("intake", "na intake", "after intake"),
    ("plan", "plan actief", "plan active"),
    ("wsp", "bij het WSP", "with the WSP"),
    ("werk", "aan het werk", "in work"),
    ("uit", "uitgestroomd", "exited"),
];

fn status_code(dutch: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|(_, nl, _)| *nl == dutch)
        .map_or("", |(code, _, _)| code)
}
