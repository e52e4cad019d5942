//! The start page, one per role:
//! - a consultant's "today": check-points overdue and due this week, new forms in the inbox,
//!   changes waiting or refused, the own caseload against the norm and the team's waiting list;
//! - a team lead's team at a glance: caseloads against the norm, the waiting list per segment,
//!   the inbox, check-points overdue, and the report;
//! - policy staff: the report and the scenarios (figures only);
//! - the administrator: users, locked accounts, the audit log and the settings;
//! - someone not signed in: what Meedoen is, the way in, and this installation's state.

use crate::api;
use crate::browser;
use crate::components::shown::{show_if, show_if_else};
use crate::components::welcome::{Installation, Intro};
use crate::i18n::use_i18n;
use crate::routes::admin::UserRow;
use crate::routes::caseload::{caseload_lines, Line};
use crate::routes::waiting::List as WaitingList;
use crate::session::use_session;
use crate::sync::use_sync;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use meedoen_domain::access::{Action, Role};
use meedoen_domain::{order, Lang, RuleSet};

pub use crate::browser::today;

#[component]
pub fn Home() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    Effect::new(move |_| browser::set_title(i.t("Start", "Home")));
    // Only a change of role or password state re-renders the page (not a refreshed session).
    let who = Memo::new(move |_| {
        (
            session.known.get(),
            session
                .user
                .read()
                .as_ref()
                .and_then(|u| u.role().map(|r| (r, u.moet_wachtwoord_wijzigen))),
        )
    });
    move || {
        let (known, who) = who.get();
        match who {
            None if !known => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
            None => view! { <Welcome/> }.into_any(),
            Some((_, true)) => view! {
                <h1 class="utrecht-heading-1">{i.t("Kies eerst een eigen wachtwoord", "Choose your own password first")}</h1>
                <a href="/account" class="utrecht-button utrecht-button--primary-action button-link" data-testid="naar-account">{i.t("Naar Mijn account", "Go to My account")}</a>
            }.into_any(),
            Some((Role::Participatieconsulent | Role::Werkconsulent, _)) => view! { <Today/> }.into_any(),
            Some((Role::Teamleider, _)) => view! { <TeamAtAGlance/> }.into_any(),
            Some((Role::Beleidsmedewerker, _)) => view! { <PolicyStart/> }.into_any(),
            Some((Role::Beheerder, _)) => view! { <AdminStart/> }.into_any(),
            Some((Role::Inkomensconsulent, _)) => view! { <IncomeStart/> }.into_any(),
            Some((Role::Beoordelaar, _)) => view! {
                <h1 class="utrecht-heading-1">{i.t("Klant in Beeld", "Everyone in view")}</h1>
                <p><a href="/beheer/klant-in-beeld" data-testid="naar-klant-in-beeld">{i.t("Naar de inwoners van uw opdracht", "To the residents of your batch")}</a></p>
            }.into_any(),
        }
    }
}

/// The income consultant's start: where signals are recorded.
#[component]
fn IncomeStart() -> impl IntoView {
    let i = use_i18n();
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Afdeling Inkomen", "Income department")}</h1>
        <ul class="start-links">
            <li class="card"><h2 class="utrecht-heading-2"><a href="/beheer/signalen" data-testid="naar-signalen">{i.tr("Signaal bij heronderzoek", "Signal at a re-examination")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("Leg met het BSN vast wat Participatie moet weten; de teamleider ziet het als taak.", "Record with the BSN what Participation should know; the team lead sees it as a task.")}</p></li>
        </ul>
    }
}

/// A figure with its label and, where there is more to see, a link.
#[component]
fn Figure(
    id: &'static str,
    value: Signal<String>,
    label: (&'static str, &'static str),
    #[prop(optional)] href: Option<&'static str>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <li class="figure">
            <span class="figure__value" data-testid=id>{move || value.get()}</span>
            {match href {
                Some(h) => view! { <a href=h class="figure__label utrecht-link">{move || i.t(label.0, label.1)}</a> }.into_any(),
                None => view! { <span class="figure__label">{move || i.t(label.0, label.1)}</span> }.into_any(),
            }}
        </li>
    }
}

type Lines = Signal<Vec<Line>>;

/// The caseload lines of the files this browser keeps, and their check-points: overdue, and
/// due in the coming 7 days, each soonest first.
fn check_points(
    ws: crate::workspace::Workspace,
    today: chrono::NaiveDate,
) -> (Memo<Vec<Line>>, Lines, Lines) {
    let lines = caseload_lines(ws, today);
    let week = today + chrono::Days::new(7);
    let pick = move |keep: fn(chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate) -> bool| {
        Signal::derive(move || {
            let mut v: Vec<Line> = lines
                .read()
                .iter()
                .filter(|l| l.next.is_some_and(|n| keep(n.0, today, week)))
                .cloned()
                .collect();
            order::sort_by_key(&mut v, |l| l.next.map(|n| n.0));
            v
        })
    };
    (
        lines,
        pick(|d, today, _| d < today),
        pick(|d, today, week| d >= today && d <= week),
    )
}

/// How many forms in the inbox are not linked to a resident yet (`None` while loading, when
/// the inbox cannot be read, or when the role has no inbox: then it is not asked for).
fn new_forms(has_inbox: bool) -> ReadSignal<Option<Option<usize>>> {
    api::answer(move || async move {
        if !has_inbox {
            return None;
        }
        crate::routes::inbox::load_inbox()
            .await
            .ok()
            .map(|v| v.iter().filter(|e| e.inwoner_id.is_none()).count())
    })
}

/// A short list of residents with their check-point, linking to the file.
#[component]
fn PointList(id: &'static str, lines: Signal<Vec<Line>>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <ul class="point-list" data-testid=id>
            {move || {
                let all = lines.get();
                let more = all.len().saturating_sub(10);
                let nl = i.lang.get() == Lang::Nl;
                let items = all.into_iter().take(10).map(|l| {
                    let (d, what_nl, what_en) = l.next.unwrap_or((today(), "", ""));
                    view! { <li><a href=format!("/inwoners/{}", l.id)>{l.naam.clone()}</a>{format!(": {} {}", if nl { what_nl } else { what_en }, if nl { meedoen_domain::report::date_nl(d) } else { meedoen_domain::report::date_en(d) })}</li> }
                }).collect_view();
                view! {
                    {items}
                    {(more > 0).then(|| view! { <li><a href="/werk?sorteer=volgende">{format!("{more} {}", i.t("meer in de caseload", "more in the caseload"))}</a></li> })}
                }
            }}
        </ul>
    }
}

#[component]
fn Today() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let ws = use_workspace();
    let sync = use_sync();
    let day = today();
    let (lines, overdue, due) = check_points(ws, day);
    let may_inbox = move || {
        session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.may(Action::Inbox))
    };
    let inbox = new_forms(may_inbox());
    let waiting = api::answer(|| async { api::get::<WaitingList>("/api/wachtlijst").await.ok() });
    let name = move || session.user.get().map(|u| u.naam).unwrap_or_default();
    view! {
        <h1 class="utrecht-heading-1">{move || format!("{} {}", i.t("Vandaag voor", "Today for"), name())}</h1>
        {show_if(move || ws.stale.get(), move || view! {
            <div class="utrecht-alert utrecht-alert--warning" role="status"><p class="utrecht-paragraph">{move || i.t(
                "Geen verbinding: dit is wat deze browser bewaarde.", "No connection: this is what this browser kept.")}</p></div>
        }.into_any())}
        <ul class="figures" data-testid="vandaag">
            <Figure id="te-laat" value=Signal::derive(move || overdue.get().len().to_string()) label=("controlemomenten te laat", "check-points overdue") href="/werk?sorteer=volgende"/>
            <Figure id="deze-week" value=Signal::derive(move || due.get().len().to_string()) label=("controlemomenten deze week", "check-points this week") href="/werk?sorteer=volgende"/>
            {show_if(may_inbox, move || view! {
                <Figure id="nieuw-inbox" value=Signal::derive(move || inbox.get().flatten().map_or("…".into(), |n| n.to_string())) label=("nieuwe formulieren in de inbox", "new forms in the inbox") href="/inbox"/>
            }.into_any())}
            <Figure id="nieuw-toegewezen" value=Signal::derive(move || waiting.get().flatten().map_or("…".into(), |w| w.nieuw_toegewezen.len().to_string())) label=("nieuw toegewezen (7 dagen)", "newly assigned (7 days)")/>
            <Figure id="wachtend" value=Signal::derive(move || sync.pending.get().to_string()) label=("wijzigingen wachten op verbinding", "changes waiting for a connection")/>
            <Figure id="geweigerd" value=Signal::derive(move || sync.refused.read().len().to_string()) label=("wijzigingen niet verwerkt", "changes not processed") href="/wijzigingen"/>
            <Figure id="eigen-caseload" value=Signal::derive(move || waiting.get().flatten().map_or("…".into(), |w| format!("{} / {}", w.eigen_caseload, w.norm))) label=("in mijn caseload (norm)", "in my caseload (norm)") href="/werk"/>
            <Figure id="wachtlijst-aantal" value=Signal::derive(move || waiting.get().flatten().map_or("…".into(), |w| w.inwoners.len().to_string())) label=("op de wachtlijst van het team", "on the team's waiting list") href="/wachtlijst"/>
        </ul>
        {move || {
            let newly = waiting.get().flatten().map(|w| w.nieuw_toegewezen).unwrap_or_default();
            (!newly.is_empty()).then(|| {
                let known = lines.get();
                view! {
                    <section class="card" aria-labelledby="nieuw-kop">
                        <h2 class="utrecht-heading-2" id="nieuw-kop">{i.t("Nieuw in uw caseload", "New in your caseload")}</h2>
                        <ul class="point-list" data-testid="lijst-nieuw-toegewezen">
                            {newly.into_iter().map(|id| {
                                let name = known.iter().find(|l| l.id == id).map_or_else(|| format!("{} {id}", i.t("inwoner", "resident")), |l| l.naam.clone());
                                view! { <li><a href=format!("/inwoners/{id}")>{name}</a></li> }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })
        }}
        <section class="card" aria-labelledby="te-laat-kop">
            <h2 class="utrecht-heading-2" id="te-laat-kop">{i.tr("Te laat", "Overdue")}</h2>
            {show_if_else(move || !overdue.read().is_empty(), move || view! {
                <PointList id="lijst-te-laat" lines=overdue/>
            }.into_any(), move || view! { <p class="utrecht-paragraph">{i.t("Niets te laat.", "Nothing overdue.")}</p> }.into_any())}
        </section>
        <section class="card" aria-labelledby="week-kop">
            <h2 class="utrecht-heading-2" id="week-kop">{i.tr("De komende 7 dagen", "The coming 7 days")}</h2>
            {show_if_else(move || !due.read().is_empty(), move || view! {
                <PointList id="lijst-deze-week" lines=due/>
            }.into_any(), move || view! { <p class="utrecht-paragraph">{i.t("Geen controlemomenten deze week.", "No check-points this week.")}</p> }.into_any())}
        </section>
    }
}

#[component]
fn TeamAtAGlance() -> impl IntoView {
    let i = use_i18n();
    let ws = use_workspace();
    let day = today();
    let (lines, overdue, _) = check_points(ws, day);
    let inbox = new_forms(true);
    let signals = api::answer(|| async {
        #[derive(serde::Deserialize)]
        struct Open {
            open: usize,
        }
        api::get::<Open>("/api/signalen/aantal")
            .await
            .ok()
            .map(|o| o.open)
    });
    let waiting = api::answer(|| async {
        api::get::<WaitingList>("/api/wachtlijst")
            .await
            .map_err(|f| f.message())
    });
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Het team in één oogopslag", "The team at a glance")}</h1>
        <ul class="figures" data-testid="team-overzicht">
            <Figure id="team-residents" value=Signal::derive(move || lines.read().len().to_string()) label=("inwoners in het team", "residents in the team") href="/werk"/>
            <Figure id="wachtlijst-aantal" value=Signal::derive(move || waiting.get().and_then(Result::ok).map_or("…".into(), |w| w.inwoners.len().to_string())) label=("op de wachtlijst", "on the waiting list") href="/wachtlijst"/>
            <Figure id="nieuw-inbox" value=Signal::derive(move || inbox.get().flatten().map_or("…".into(), |n| n.to_string())) label=("nieuwe formulieren in de inbox", "new forms in the inbox") href="/inbox"/>
            <Figure id="te-laat" value=Signal::derive(move || overdue.get().len().to_string()) label=("controlemomenten te laat", "check-points overdue") href="/werk?sorteer=volgende"/>
            <Figure id="signalen-open" value=Signal::derive(move || signals.get().flatten().map_or("…".into(), |n| n.to_string())) label=("open signalen van Inkomen", "open signals from the income department") href="/beheer/signalen"/>
        </ul>
        {move || match waiting.get() {
            None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
            Some(Ok(w)) => {
                let nl = i.lang.get() == Lang::Nl;
                let mut segments: Vec<(String, usize)> = Vec::new();
                for r in &w.inwoners {
                    let code = r.segment.clone().unwrap_or_default();
                    match segments.iter_mut().find(|(c, _)| *c == code) {
                        Some((_, n)) => *n += 1,
                        None => segments.push((code, 1)),
                    }
                }
                order::sort(&mut segments);
                let norm = w.norm;
                let late_ids: std::collections::BTreeSet<i64> = overdue.get().iter().map(|l| l.id).collect();
                view! {
                    <section class="card" aria-labelledby="caseloads-kop">
                        <h2 class="utrecht-heading-2" id="caseloads-kop">{i.t("Caseloads tegen de norm", "Caseloads against the norm")}</h2>
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="caseloads-kop">
                            <table class="utrecht-table report-table" data-testid="caseloads">
                                <thead><tr><th scope="col">{i.t("Consulent", "Consultant")}</th><th scope="col">{i.t("Inwoners", "Residents")}</th><th scope="col">{i.t("Norm", "Norm")}</th><th scope="col">{i.t("Ruimte", "Room")}</th><th scope="col">{i.t("Controlemomenten te laat", "Check-points overdue")}</th></tr></thead>
                                <tbody>
                                    {w.consulenten.into_iter().map(|c| {
                                        let late = c.inwoners.iter().filter(|id| late_ids.contains(id)).count();
                                        view! {
                                        <tr data-testid=format!("consulent-{}", c.id)>
                                            <th scope="row">{c.naam}</th>
                                            <td data-testid="caseload">{c.caseload}</td>
                                            <td>{norm}</td>
                                            <td class:over=(c.caseload > norm)>{if c.caseload > norm { format!("{} {}", c.caseload - norm, if nl { "boven de norm" } else { "over the norm" }) } else { (norm - c.caseload).to_string() }}</td>
                                            <td data-testid="te-laat"><a href=format!("/werk?consulent={}&sorteer=volgende", c.id)>{late}</a></td>
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                    <section class="card" aria-labelledby="segment-kop">
                        <h2 class="utrecht-heading-2" id="segment-kop">{i.t("Wachtlijst per segment", "Waiting list per segment")}</h2>
                        <ul data-testid="wachtlijst-segmenten">
                            {segments.into_iter().map(|(code, n)| {
                                let label = if code.is_empty() { i.t("nog geen segment", "no segment yet").to_string() } else { crate::routes::caseload::segment_label(&code, i.lang.get()) };
                                view! { <li>{format!("{label}: {n}")}</li> }
                            }).collect_view()}
                        </ul>
                        <a href="/wachtlijst" class="utrecht-link">{i.t("Naar de wachtlijst", "To the waiting list")}</a>
                    </section>
                }.into_any()
            }
        }}
        <section class="card" aria-labelledby="team-te-laat-kop">
            <h2 class="utrecht-heading-2" id="team-te-laat-kop">{i.tr("Controlemomenten te laat", "Check-points overdue")}</h2>
            {show_if_else(move || !overdue.read().is_empty(), move || view! {
                <PointList id="lijst-te-laat" lines=overdue/>
            }.into_any(), move || view! { <p class="utrecht-paragraph">{i.t("Niets te laat.", "Nothing overdue.")}</p> }.into_any())}
        </section>
        <section class="card" aria-labelledby="verantwoording-kop">
            <h2 class="utrecht-heading-2" id="verantwoording-kop">{i.tr("Verantwoording", "Accountability")}</h2>
            <ul>
                <li><a href="/rapportage">{i.tr("Jaarrapportage voor de raad", "Yearly report to the council")}</a></li>
                <li><a href="/scenarios">{i.tr("Scenario's voor het budget", "Budget scenarios")}</a></li>
                <li><a href="/beheer/audit">{i.tr("Auditlog van het team", "The team's audit log")}</a></li>
                <li><a href="/beheer/import">{i.tr("Bestand van Inkomen inlezen", "Import the income department's file")}</a></li>
                <li><a href="/beheer/srg">{i.tr("Maandelijkse levering aan het CBS (SRG)", "Monthly delivery to CBS (SRG)")}</a></li>
            </ul>
        </section>
    }
}

#[component]
fn PolicyStart() -> impl IntoView {
    let i = use_i18n();
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Rapportage en scenario's", "Reports and scenarios")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "U ziet cijfers van de gemeente, nooit een inwoner: de server telt, uw browser rekent de scenario's door.",
            "You see the municipality's figures, never a resident: the server counts, your browser works out the scenarios.")}</p>
        <ul class="start-links" data-testid="beleid-start">
            <li class="card"><h2 class="utrecht-heading-2"><a href="/rapportage">{i.tr("Jaarrapportage", "Yearly report")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("De verantwoording aan de raad: instroom, ladder, trajecten, uitstroom en duurzaamheid, met infographic.", "Accountability to the council: inflow, ladder, trajectories, outflow and durability, with an infographic.")}</p></li>
            <li class="card"><h2 class="utrecht-heading-2"><a href="/scenarios">{i.tr("Scenario's", "Scenarios")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("Wat als het budget krimpt of anders wordt verdeeld: uitstroom, uitkeringslasten en wachtlijst.", "What if the budget shrinks or is spent differently: outflow, benefit costs and waiting list.")}</p></li>
        </ul>
    }
}

#[component]
fn AdminStart() -> impl IntoView {
    let i = use_i18n();
    let users = api::answer(|| async {
        api::get::<Vec<UserRow>>("/api/gebruikers")
            .await
            .map_err(|f| f.message())
    });
    let count = move |f: fn(&UserRow) -> bool| {
        Signal::derive(move || {
            users.get().and_then(Result::ok).map_or("…".into(), |u| {
                u.iter().filter(|x| f(x)).count().to_string()
            })
        })
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Beheer", "Administration")}</h1>
        <ul class="figures" data-testid="beheer-overzicht">
            <Figure id="actieve-gebruikers" value=count(|u| u.actief) label=("actieve gebruikers", "active users") href="/beheer/gebruikers"/>
            <Figure id="geblokkeerd" value=count(|u| u.geblokkeerd) label=("geblokkeerde accounts", "locked accounts") href="/beheer/gebruikers"/>
            <Figure id="wachtwoord-kiezen" value=count(|u| u.moet_wachtwoord_wijzigen) label=("moeten nog een wachtwoord kiezen", "still have to choose a password") href="/beheer/gebruikers"/>
            <Figure id="uitgezet" value=count(|u| !u.actief) label=("uitgezette accounts", "deactivated accounts") href="/beheer/gebruikers"/>
        </ul>
        {move || users.get().and_then(Result::ok).map(|u| {
            let locked: Vec<UserRow> = u.into_iter().filter(|x| x.geblokkeerd).collect();
            (!locked.is_empty()).then(|| view! {
                <div class="utrecht-alert utrecht-alert--warning" role="status" data-testid="geblokkeerde-accounts">
                    <p class="utrecht-paragraph">{i.t("Geblokkeerd na 5 mislukte pogingen:", "Locked after 5 failed attempts:")}</p>
                    <ul>{locked.into_iter().map(|x| view! { <li>{format!("{} ({})", x.naam, x.gebruikersnaam)}</li> }).collect_view()}</ul>
                    <a href="/beheer/gebruikers" class="utrecht-link">{i.t("Deblokkeren bij Gebruikers", "Unlock under Users")}</a>
                </div>
            })
        })}
        <ul class="start-links">
            <li class="card"><h2 class="utrecht-heading-2"><a href="/beheer/gebruikers">{i.tr("Gebruikers", "Users")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("Toevoegen, rol en team wijzigen, uitzetten, deblokkeren, een nieuw wachtwoord geven.", "Add, change role and team, deactivate, unlock, give a new password.")}</p></li>
            <li class="card"><h2 class="utrecht-heading-2"><a href="/beheer/audit">{i.tr("Auditlog", "Audit log")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("Wie wat wanneer deed, te filteren en te downloaden.", "Who did what when, to filter and download.")}</p></li>
            <li class="card"><h2 class="utrecht-heading-2"><a href="/beheer/instellingen">{i.tr("Instellingen", "Settings")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("De naam van de gemeente en de caseloadnorm.", "The municipality's name and the caseload norm.")}</p></li>
            <li class="card"><h2 class="utrecht-heading-2"><a href="/beheer/import">{i.tr("Import", "Import")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("Het bestand van de afdeling Inkomen: iedereen met bijstand.", "The income department's file: everyone receiving assistance.")}</p></li>
            <li class="card"><h2 class="utrecht-heading-2"><a href="/beheer/srg">{i.tr("Levering aan het CBS", "Delivery to CBS")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("De maandelijkse SRG-levering, de controles ervoor en de koppeling aan CBS-codes.", "The monthly SRG delivery, its checks and the mapping to CBS codes.")}</p></li>
            <li class="card"><h2 class="utrecht-heading-2"><a href="/beheer/partners">{i.tr("Partners", "Partners")}</a></h2>
                <p class="utrecht-paragraph">{i.tr("De organisaties waar consulenten inwoners naar verwijzen, en wanneer een verwijzing wordt opgevolgd.", "The organisations consultants refer residents to, and when a referral is followed up.")}</p></li>
        </ul>
    }
}

/// Not signed in: what this is, the way in, and the installation's state.
#[component]
fn Welcome() -> impl IntoView {
    let i = use_i18n();
    let day = today();
    let versions = RuleSet::embedded()
        .at(day)
        .map(|r| r.versions().to_string());
    let browser_rules = Signal::derive(move || match &versions {
        Ok(v) => format!("{} {day}: {v}", i.t("geldig op", "in force on")),
        Err(e) => e.to_string(),
    });
    view! {
        <Intro/>
        <div class="button-row">
            <a href="/inloggen" class="utrecht-button utrecht-button--primary-action button-link">{i.tr("Inloggen voor medewerkers", "Sign in for staff")}</a>
            <a href="/formulier" class="utrecht-link">{i.tr("Bent u inwoner? Vul het formulier in", "Are you a resident? Fill in the form")}</a>
        </div>
        <Installation browser_rules=browser_rules/>
    }
}
