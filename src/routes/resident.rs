//! A resident's file: who they are, the ladder measurements over time (a small chart), and every
//! record — intakes, plans, activations, conversations, hand-overs, exits and placements — with
//! links to add or change them. Read from what this browser keeps, so it opens offline.

use super::record_form::FILE_KINDS;
use crate::browser;
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::nav::use_params_map;
use crate::routes::inbox::trajectory_label;
use crate::routes::sign_in::RequireAction;
use crate::workspace::{of_kind, person, use_workspace, Rec};
use leptos::prelude::*;
use meedoen_domain::number::fixed;
use meedoen_domain::partners::{self, Partner};
use meedoen_domain::records::{Measurement, Record};
use meedoen_domain::text::lower_first;
use meedoen_domain::{order, Lang};

#[component]
pub fn ResidentPage() -> impl IntoView {
    let i = use_i18n();
    let id: i64 = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Effect::new(move |_| browser::set_title(i.t("Dossier", "File")));
    view! { <RequireAction action=meedoen_domain::access::Action::ReadCases><Resident id=id/></RequireAction> }
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
        .map(|(k, (_, t))| format!("{},{}", fixed(x(k), 1), fixed(y(*t), 1)))
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
    let dots = points
        .iter()
        .enumerate()
        .map(|(k, (_, t))| view! { <circle cx=fixed(x(k), 1) cy=fixed(y(*t), 1) r="4"></circle> })
        .collect_view();
    view! {
        <svg class="ladder-chart" viewBox="0 0 300 125" role="img" aria-label=alt data-testid="ladder-grafiek">
            {(1..=6u64).map(|t| view! { <g><line x1="15" x2="295" y1=fixed(y(t), 1) y2=fixed(y(t), 1) class="grid"></line><text x="2" y=fixed(y(t) + 4.0, 1)>{t}</text></g> }).collect_view()}
            <polyline points=line></polyline>
            {dots}
        </svg>
    }
}

/// One line about a record in the file (a referral names its partner from the kept list).
fn summary(r: &Rec, nl: bool, partners: &[Partner]) -> String {
    let lang = if nl { Lang::Nl } else { Lang::En };
    match &r.record {
        Record::Verwijzing(v) => format!(
            "{} · {} · {}",
            v.datum,
            partners::find(partners, v.partner_id)
                .map_or_else(|| format!("partner {}", v.partner_id), |p| p.naam.clone()),
            v.status.label().get(lang)
        ),
        Record::Intake(x) => format!(
            "{} · {} {}",
            x.datum,
            x.domeinen.len(),
            if nl { "leefgebieden" } else { "life domains" }
        ),
        Record::Plan(p) => {
            let reached = p.doelen.iter().filter(|g| g.behaald).count();
            format!(
                "{} · {} · {} {}, {reached} {}{}",
                p.datum,
                p.status.label().get(lang),
                p.doelen.len(),
                match (nl, p.doelen.len()) {
                    (true, 1) => "doel",
                    (true, _) => "doelen",
                    (false, 1) => "goal",
                    (false, _) => "goals",
                },
                if nl { "behaald" } else { "reached" },
                p.nazorg_tot.map_or(String::new(), |d| {
                    format!(
                        " · {} {d}",
                        if nl { "nazorg tot" } else { "aftercare until" }
                    )
                })
            )
        }
        Record::Activering(a) => format!(
            "{} · {}{}",
            a.start,
            a.soort.label().get(lang),
            a.aanbieder
                .as_deref()
                .map_or(String::new(), |p| format!(" · {p}"))
        ),
        Record::Gesprek(g) => format!("{} · {}", g.datum, g.soort.label().get(lang)),
        Record::Overdracht(o) => format!("{} · {}", o.datum, o.status.label().get(lang)),
        Record::Uitstroom(x) => format!("{} · {}", x.datum, x.reden.label().get(lang)),
        Record::Plaatsing(p) => format!(
            "{} · {}{}",
            p.start,
            p.werkgever,
            if p.sroi { " · SROI" } else { "" }
        ),
        Record::Inwoner(_) | Record::Meting(_) => String::new(),
    }
}

/// A measurement line: date, step, trajectory, and whether the consultant deviated.
fn measured(m: &Measurement, i: crate::i18n::I18n) -> String {
    format!(
        "{} · {} {} · {}{}",
        m.datum,
        i.t("trede", "step"),
        m.besluit.trede,
        trajectory_label(&m.besluit.traject, i.lang.get()),
        if m.reden_afwijking.is_some() {
            i.t(
                " · afgeweken van de suggestie",
                " · deviated from the suggestion",
            )
        } else {
            ""
        }
    )
}

#[component]
fn Resident(id: i64) -> impl IntoView {
    let i = use_i18n();
    let session = crate::session::use_session();
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
                let p = person(&f).cloned().unwrap_or_else(|| meedoen_domain::records::Resident {
                    naam: "?".into(), ..Default::default()
                });
                let mut ms: Vec<Measurement> = of_kind(&f, meedoen_domain::records::Kind::Meting)
                    .filter_map(|r| match &r.record { Record::Meting(m) => Some(m.clone()), _ => None })
                    .collect();
                order::sort_by_key(&mut ms, |m| m.datum);
                let points: Vec<(String, u64)> = ms.iter().map(|m| (m.datum.to_string(), u64::from(m.besluit.trede))).collect();
                let last = ms.last().cloned();
                let opt = |v: Option<String>| v.unwrap_or_else(|| "—".to_string());
                // The partner list as this browser keeps it, read once for the whole file.
                let kept = ws.partners.get();
                let today = crate::browser::today();
                view! {
                    <a href="/werk" class="back-link">{i.t("Caseload", "Caseload")}</a>
                    <h1 class="utrecht-heading-1" data-testid="dossier-naam">{p.naam.clone()}</h1>
                    {p.niet_in_bestand.map(|d| view! {
                        <div class="utrecht-alert utrecht-alert--warning" role="status" data-testid="niet-in-bestand">
                            <p class="utrecht-paragraph">{i.t("Bijstand beëindigd? Het bestand van de afdeling Inkomen van", "Assistance ended? The income department's file of")}" "{d.to_string()}" "
                                {i.t("noemt deze inwoner niet meer. De teamleider of beheerder bevestigt dit op de importpagina.", "no longer lists this resident. The team lead or administrator confirms this on the import page.")}</p>
                        </div>
                    })}
                    <dl class="facts">
                        <dt>"BSN"</dt><dd>{opt(p.bsn.clone())}</dd>
                        <dt>{i.t("Geboortedatum", "Date of birth")}</dt><dd>{opt(p.geboortedatum.map(|d| d.to_string()))}</dd>
                        <dt>{i.t("In bijstand sinds", "On assistance since")}</dt><dd>{opt(p.in_bijstand_sinds.map(|d| d.to_string()))}</dd>
                        <dt>{i.t("Huishouden", "Household")}</dt><dd>{opt(p.huishouden.map(|h| i.text(h.label())))}</dd>
                        <dt>{i.t("Einddatum uitkering", "End date of the benefit")}</dt><dd>{opt(p.uitkering_einde.map(|d| d.to_string()))}</dd>
                        <dt>{i.t("Telefoon", "Phone")}</dt><dd>{opt(p.telefoon.clone())}</dd>
                        <dt>{i.t("E-mail", "Email")}</dt><dd>{opt(p.email.clone())}</dd>
                        <dt>{i.t("Trede en traject (besluit)", "Step and trajectory (decision)")}</dt>
                        <dd data-testid="huidige-trede">{last.as_ref().map(|m| format!("{} {} · {}{}", i.t("trede", "step"), m.besluit.trede, trajectory_label(&m.besluit.traject, i.lang.get()),
                            m.groeipotentieel_trede.map_or(String::new(), |g| format!(" · {} {g}", i.t("groeipotentieel: trede", "growth potential: step"))))).unwrap_or_else(|| i.t("nog niet gemeten", "not measured yet").to_string())}</dd>
                    </dl>
                    {session.user.read_untracked().as_ref().is_some_and(|u| u.may(meedoen_domain::access::Action::ReadIndicators)).then(|| view! {
                        <p><a href=format!("/beheer/klant-in-beeld/{id}") class="utrecht-link" data-testid="naar-indicatoren">{i.t("Klant in Beeld: indicatoren", "Everyone in view: indicators")}</a></p>
                    })}
                    <section class="card" aria-labelledby="metingen-kop">
                        <h2 class="utrecht-heading-2" id="metingen-kop">{i.t("Laddermetingen", "Ladder measurements")}</h2>
                        {(!points.is_empty()).then(|| chart(&points, i.lang.get()))}
                        <ul class="record-list">
                            {ms.iter().rev().map(|m| view! { <li>{measured(m, i)}</li> }).collect_view()}
                        </ul>
                        {session.user.read_untracked().as_ref().is_some_and(|u| u.may_record(meedoen_domain::records::Kind::Meting)).then(|| view! {
                            <a href=format!("/inwoners/{id}/meting") class="utrecht-button utrecht-button--primary-action button-link" data-testid="nieuwe-meting">{i.t("Nieuwe laddermeting", "New ladder measurement")}</a>
                        })}
                    </section>
                    {FILE_KINDS.iter().map(|kind| {
                        let kind = *kind;
                        // Newest first by the record's own date (a change waiting offline stays in
                        // its place); the last change decides between records of the same day.
                        let mut recs: Vec<Rec> = of_kind(&f, kind).cloned().collect();
                        order::sort_by(&mut recs, |a, b| {
                            b.record.date().cmp(&a.record.date()).then_with(|| b.gewijzigd_op.cmp(&a.gewijzigd_op))
                        });
                        let kid = format!("kop-{kind}");
                        view! {
                            <section class="card" aria-labelledby=kid.clone() data-testid=format!("sectie-{kind}")>
                                <h2 class="utrecht-heading-2" id=kid.clone()>{i.text(kind.label())}</h2>
                                <ul class="record-list">
                                    {recs.into_iter().map(|r| {
                                        let (href, label, waiting) = (format!("/inwoners/{id}/{kind}/{}", r.id), summary(&r, nl(), &kept), r.wacht);
                                        let follow_up = match &r.record {
                                            Record::Verwijzing(v) => partners::follow_up_due(v, &kept, today),
                                            _ => None,
                                        };
                                        view! { <li>
                                            <a href=href>{label}</a>
                                            {waiting.then(|| view! { <span class="badge">{i.t("wacht op sync", "waiting to sync")}</span> })}
                                            {follow_up.map(|d| view! { <span class="badge" data-testid="verwijzing-opvolgen">{format!("{} {d}", i.t("opvolgen sinds", "follow up since"))}</span> })}
                                        </li> }
                                    }).collect_view()}
                                </ul>
                                {session.user.read_untracked().as_ref().is_some_and(|u| u.may_record(kind)).then(|| view! {
                                    <a href=format!("/inwoners/{id}/nieuw/{kind}") data-testid=format!("nieuw-{kind}")>{format!("{} {}", i.t("Toevoegen:", "Add:"), lower_first(&i.text(kind.label())))}</a>
                                })}
                            </section>
                        }
                    }).collect_view()}
                    {show_if(move || session.user.read().as_ref().is_some_and(|u| u.may(meedoen_domain::access::Action::SubjectAccess)), move || view! {
                        <crate::routes::rights::RightsSection id=id/>
                    }.into_any())}
                }.into_any()
            }
        }}
    }
}
