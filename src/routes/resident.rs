//! A resident's file: who they are, the ladder measurements over time (a small chart), and every
//! record — intakes, plans, activations, conversations, hand-overs, exits and placements — with
//! links to add or change them. Read from what this browser keeps, so it opens offline.

use super::records::{
    choice_label, kind_name, ACTIVATION, CONVERSATION, EXIT, HANDOVER, KINDS, PLAN_STATUS,
};
use crate::browser;
use crate::i18n::use_i18n;
use crate::routes::inbox::trajectory_label;
use crate::routes::sign_in::RequireUser;
use crate::workspace::{use_workspace, Rec};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use meedoen_domain::Lang;

#[component]
pub fn ResidentPage() -> impl IntoView {
    let i = use_i18n();
    let id: i64 = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Effect::new(move |_| browser::set_title(i.t("Dossier", "File")));
    view! { <RequireUser><Resident id=id/></RequireUser> }
}

/// Step over time as an SVG line (x: date, y: step 1–6), with a text alternative.
fn chart(points: &[(String, u64)], lang: Lang) -> impl IntoView {
    let n = points.len().max(1);
    let x = |k: usize| {
        if n == 1 {
            150.0
        } else {
            20.0 + 260.0 * k as f64 / (n - 1) as f64
        }
    };
    let y = |t: u64| 110.0 - (t as f64 - 1.0) * 20.0;
    let line: String = points
        .iter()
        .enumerate()
        .map(|(k, (_, t))| format!("{:.1},{:.1}", x(k), y(*t)))
        .collect::<Vec<_>>()
        .join(" ");
    let alt = points
        .iter()
        .map(|(d, t)| {
            format!(
                "{d}: {} {t}",
                if lang == Lang::Nl { "trede" } else { "step" }
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let dots = points.iter().enumerate().map(|(k, (_, t))| view! { <circle cx=format!("{:.1}", x(k)) cy=format!("{:.1}", y(*t)) r="4"></circle> }).collect_view();
    view! {
        <svg class="ladder-chart" viewBox="0 0 300 125" role="img" aria-label=alt data-testid="ladder-grafiek">
            {(1..=6u64).map(|t| view! { <g><line x1="15" x2="295" y1=y(t) y2=y(t) class="grid"></line><text x="2" y=y(t) + 4.0>{t}</text></g> }).collect_view()}
            <polyline points=line></polyline>
            {dots}
        </svg>
    }
}

fn summary(r: &Rec, nl: bool) -> String {
    let v = &r.velden;
    let s = |f: &str| v[f].as_str().unwrap_or("").to_string();
    match r.soort.as_str() {
        "intake" => format!(
            "{} · {} {}",
            s("datum"),
            v["domeinen"].as_array().map_or(0, |d| d.len()),
            if nl { "leefgebieden" } else { "life domains" }
        ),
        "plan" => {
            let goals = v["doelen"].as_array().map_or(&[][..], |d| d.as_slice());
            let reached = goals.iter().filter(|g| g["behaald"] == true).count();
            format!(
                "{} · {} · {} {}, {reached} {}{}",
                s("datum"),
                choice_label(PLAN_STATUS, &s("status"), nl),
                goals.len(),
                match (nl, goals.len()) {
                    (true, 1) => "doel",
                    (true, _) => "doelen",
                    (false, 1) => "goal",
                    (false, _) => "goals",
                },
                if nl { "behaald" } else { "reached" },
                v["nazorg_tot"].as_str().map_or(String::new(), |d| {
                    format!(
                        " · {} {d}",
                        if nl { "nazorg tot" } else { "aftercare until" }
                    )
                })
            )
        }
        "activering" => format!(
            "{} · {}{}",
            s("start"),
            choice_label(ACTIVATION, &s("soort"), nl),
            v["aanbieder"]
                .as_str()
                .map_or(String::new(), |a| format!(" · {a}"))
        ),
        "gesprek" => format!(
            "{} · {}",
            s("datum"),
            choice_label(CONVERSATION, &s("soort"), nl)
        ),
        "overdracht" => format!(
            "{} · {}",
            s("datum"),
            choice_label(HANDOVER, &s("status"), nl)
        ),
        "uitstroom" => format!("{} · {}", s("datum"), choice_label(EXIT, &s("reden"), nl)),
        "plaatsing" => format!(
            "{} · {}{}",
            s("start"),
            s("werkgever"),
            if v["sroi"] == true { " · SROI" } else { "" }
        ),
        _ => String::new(),
    }
}

#[component]
fn Resident(id: i64) -> impl IntoView {
    let i = use_i18n();
    let ws = use_workspace();
    let file = Memo::new(move |_| ws.files.with(|f| f.get(&id).cloned()));
    let nl = move || i.lang.get() == Lang::Nl;
    view! {
        {move || match file.get() {
            None if !ws.ready.get() => view! { <p class="utrecht-paragraph">{i.t("Bezig met ophalen…", "Loading…")}</p> }.into_any(),
            None => view! {
                <h1 class="utrecht-heading-1">{i.t("Dossier niet gevonden", "File not found")}</h1>
                <p class="utrecht-paragraph">{i.t("Deze inwoner bestaat niet of valt buiten uw caseload.", "This resident does not exist or is outside your caseload.")}</p>
            }.into_any(),
            Some(f) => {
                let person = f.iter().find(|r| r.soort == "inwoner").cloned();
                let v = person.as_ref().map(|p| p.velden.clone()).unwrap_or_default();
                let mut ms: Vec<Rec> = f.iter().filter(|r| r.soort == "meting").cloned().collect();
                ms.sort_by(|a, b| a.velden["datum"].as_str().cmp(&b.velden["datum"].as_str()));
                let points: Vec<(String, u64)> = ms.iter().filter_map(|m| Some((m.velden["datum"].as_str()?.to_string(), m.velden["besluit"]["trede"].as_u64()?))).collect();
                let last = ms.last().cloned();
                let text = |k: &str| v[k].as_str().unwrap_or("—").to_string();
                view! {
                    <A href="/werk" attr:class="back-link">{i.t("Caseload", "Caseload")}</A>
                    <h1 class="utrecht-heading-1" data-testid="dossier-naam">{text("naam")}</h1>
                    <dl class="facts">
                        <dt>"BSN"</dt><dd>{text("bsn")}</dd>
                        <dt>{i.t("Geboortedatum", "Date of birth")}</dt><dd>{text("geboortedatum")}</dd>
                        <dt>{i.t("In bijstand sinds", "On assistance since")}</dt><dd>{text("in_bijstand_sinds")}</dd>
                        <dt>{i.t("Telefoon", "Phone")}</dt><dd>{text("telefoon")}</dd>
                        <dt>{i.t("E-mail", "Email")}</dt><dd>{text("email")}</dd>
                        <dt>{i.t("Trede en traject (besluit)", "Step and trajectory (decision)")}</dt>
                        <dd data-testid="huidige-trede">{last.as_ref().map(|m| format!("{} {} · {}{}", i.t("trede", "step"), m.velden["besluit"]["trede"], trajectory_label(m.velden["besluit"]["traject"].as_str().unwrap_or(""), i.lang.get()),
                            m.velden["groeipotentieel_trede"].as_u64().map_or(String::new(), |g| format!(" · {} {g}", i.t("groeipotentieel: trede", "growth potential: step"))))).unwrap_or_else(|| i.t("nog niet gemeten", "not measured yet").to_string())}</dd>
                    </dl>
                    <section class="card" aria-labelledby="metingen-kop">
                        <h2 class="utrecht-heading-2" id="metingen-kop">{i.t("Laddermetingen", "Ladder measurements")}</h2>
                        {(!points.is_empty()).then(|| chart(&points, i.lang.get()))}
                        <ul class="record-list">
                            {ms.iter().rev().map(|m| view! { <li>{format!("{} · {} {} · {}{}", m.velden["datum"].as_str().unwrap_or(""), i.t("trede", "step"), m.velden["besluit"]["trede"],
                                trajectory_label(m.velden["besluit"]["traject"].as_str().unwrap_or(""), i.lang.get()),
                                if m.velden["reden_afwijking"].is_string() { i.t(" · afgeweken van de suggestie", " · deviated from the suggestion") } else { "" })}</li> }).collect_view()}
                        </ul>
                        <A href=format!("/inwoners/{id}/meting") attr:class="utrecht-button utrecht-button--primary-action button-link" attr:data-testid="nieuwe-meting">{i.t("Nieuwe laddermeting", "New ladder measurement")}</A>
                    </section>
                    {KINDS.iter().map(|(kind, _, _)| {
                        let mut recs: Vec<Rec> = f.iter().filter(|r| r.soort == *kind).cloned().collect();
                        recs.sort_by(|a, b| b.gewijzigd_op.cmp(&a.gewijzigd_op));
                        let kid = format!("kop-{kind}");
                        view! {
                            <section class="card" aria-labelledby=kid.clone() data-testid=format!("sectie-{kind}")>
                                <h2 class="utrecht-heading-2" id=kid.clone()>{kind_name(kind, nl())}</h2>
                                <ul class="record-list">
                                    {recs.into_iter().map(|r| {
                                        let (href, label, waiting) = (format!("/inwoners/{id}/{}/{}", r.soort, r.id), summary(&r, nl()), r.wacht);
                                        view! { <li>
                                            <A href=href>{label}</A>
                                            {waiting.then(|| view! { <span class="badge">{i.t("wacht op sync", "waiting to sync")}</span> })}
                                        </li> }
                                    }).collect_view()}
                                </ul>
                                <A href=format!("/inwoners/{id}/nieuw/{kind}") attr:data-testid=format!("nieuw-{kind}")>{format!("{} {}", i.t("Toevoegen:", "Add:"), kind_name(kind, nl()).to_lowercase())}</A>
                            </section>
                        }
                    }).collect_view()}
                }.into_any()
            }
        }}
    }
}
