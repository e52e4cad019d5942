//! My account, for every signed-in user: change the own password (the current one asked, the
//! rules shown, the other sessions ended) and see and end the own sessions. A user whose
//! password was set by an administrator lands here first.

use crate::api;
use crate::browser;
use crate::components::error_summary::{item, items_from, show, ErrorSummary, Item, TextField};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::{check_password, Action, PASSWORD_RULES};
use meedoen_domain::Text;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct SessionRow {
    id: i64,
    aangemaakt: String,
    laatst_actief: String,
    apparaat: Option<String>,
    adres: Option<String>,
    deze: bool,
}

/// "2026-11-23T16:05:12.345Z" as "2026-11-23 16:05" (UTC, as stored).
fn minute(ts: &str) -> String {
    ts.get(..16).unwrap_or(ts).replace('T', " ")
}

/// A short name for a browser from its user-agent text.
fn device(ua: Option<&str>) -> &'static str {
    let ua = ua.unwrap_or("");
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "?"
    };
    match (browser, ua.contains("Mobile")) {
        ("Edge", _) => "Edge",
        ("Firefox", true) => "Firefox (mobiel)",
        ("Firefox", false) => "Firefox",
        ("Chrome", true) => "Chrome (mobiel)",
        ("Chrome", false) => "Chrome",
        ("Safari", true) => "Safari (mobiel)",
        ("Safari", false) => "Safari",
        _ => "—",
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Mijn account", "My account")));
    view! {
        <RequireAction action=Action::OwnAccount>
            <AccountView/>
        </RequireAction>
    }
}

#[component]
fn AccountView() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let must_change = move || {
        session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.moet_wachtwoord_wijzigen)
    };
    let user_name = move || {
        session
            .user
            .read()
            .as_ref()
            .map(|u| u.gebruikersnaam.clone())
            .unwrap_or_default()
    };
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<Item>::new());
    let done = RwSignal::new(None::<i64>);
    let busy = RwSignal::new(false);
    let sessions = RwSignal::new(None::<Result<Vec<SessionRow>, Text>>);
    let load = move || {
        spawn_local(async move {
            let r = api::get::<Vec<SessionRow>>("/api/account/sessies").await;
            sessions.set(Some(r.map_err(|f| f.message())));
        })
    };
    load();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let mut e = Vec::new();
        if current.get_untracked().is_empty() {
            e.push(item(
                "huidig",
                (
                    "Vul uw huidige wachtwoord in.",
                    "Enter your current password.",
                ),
            ));
        }
        if let Err(m) = check_password(&new.get_untracked(), &user_name()) {
            e.push(item("nieuw", m));
        } else if new.get_untracked() != again.get_untracked() {
            e.push(item(
                "nieuw-herhaling",
                (
                    "De herhaling is niet gelijk aan het nieuwe wachtwoord.",
                    "The repetition does not match the new password.",
                ),
            ));
        }
        if !e.is_empty() {
            show(errors, e);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let body = serde_json::json!({ "huidig": current.get_untracked(), "nieuw": new.get_untracked() });
            let r = api::post::<_, serde_json::Value>("/api/account/wachtwoord", &body).await;
            busy.set(false);
            match r {
                Ok((_, v)) => {
                    errors.set(vec![]);
                    for s in [current, new, again] {
                        s.set(String::new());
                    }
                    done.set(Some(v["andere_sessies_beeindigd"].as_i64().unwrap_or(0)));
                    session.refresh().await;
                    load();
                    browser::after_render(|| browser::focus("wachtwoord-gewijzigd"));
                }
                Err(f) => {
                    current.set(String::new());
                    show(
                        errors,
                        items_from(
                            &f,
                            |field| match field {
                                "huidig" => Some("huidig"),
                                "nieuw" => Some("nieuw"),
                                _ => None,
                            },
                            "huidig",
                        ),
                    );
                }
            }
        });
    };
    let end = move |id: i64| {
        spawn_local(async move {
            match api::delete(&format!("/api/account/sessies/{id}")).await {
                Ok(()) => load(),
                Err(f) => sessions.set(Some(Err(f.message()))),
            }
        })
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Mijn account", "My account")}</h1>
        {show_if(must_change, move || view! {
            <div class="utrecht-alert utrecht-alert--warning" role="status" data-testid="wachtwoord-verplicht">
                <p class="utrecht-paragraph">{move || i.t(
                    "Uw wachtwoord is door een beheerder ingesteld. Kies nu een eigen wachtwoord; daarna kunt u met Meedoen werken.",
                    "Your password was set by an administrator. Choose your own password now; then you can work with Meedoen.")}</p>
            </div>
        }.into_any())}
        <dl class="facts">
            <dt>{i.tr("Naam", "Name")}</dt><dd>{move || session.user.get().map(|u| u.naam)}</dd>
            <dt>{i.tr("Gebruikersnaam", "User name")}</dt><dd>{user_name}</dd>
            <dt>{i.tr("Rol", "Role")}</dt><dd>{move || session.user.get().map(|u| u.role_label(i.lang.get() == meedoen_domain::Lang::Nl).to_string())}</dd>
            <dt>{i.tr("Team", "Team")}</dt><dd>{move || session.user.get().map(|u| u.team)}</dd>
        </dl>
        <section class="card" aria-labelledby="wachtwoord-kop">
            <h2 class="utrecht-heading-2" id="wachtwoord-kop">{i.tr("Wachtwoord wijzigen", "Change password")}</h2>
            <ErrorSummary items=errors.into()/>
            {show_if(move || done.get().is_some(), move || view! {
                <div class="utrecht-alert utrecht-alert--ok" role="status" tabindex="-1" id="wachtwoord-gewijzigd" data-testid="wachtwoord-gewijzigd">
                    <p class="utrecht-paragraph">{move || format!("{} {}", i.t(
                        "Uw wachtwoord is gewijzigd. Andere sessies beëindigd:",
                        "Your password was changed. Other sessions ended:"), done.get().unwrap_or(0))}</p>
                </div>
            }.into_any())}
            <form novalidate on:submit=submit data-testid="wachtwoord-form">
                <TextField id="huidig" label=("Huidig wachtwoord", "Current password") value=current errors=errors kind="password" autocomplete="current-password" maxlength=1000/>
                <TextField id="nieuw" label=("Nieuw wachtwoord", "New password") value=new errors=errors kind="password" autocomplete="new-password" maxlength=128 hint=PASSWORD_RULES/>
                <TextField id="nieuw-herhaling" label=("Herhaal het nieuwe wachtwoord", "Repeat the new password") value=again errors=errors kind="password" autocomplete="new-password" maxlength=128/>
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="wachtwoord-opslaan" disabled=move || busy.get()>
                    {i.tr("Wachtwoord wijzigen", "Change password")}
                </button>
            </form>
        </section>
        <section class="card" aria-labelledby="sessies-kop">
            <h2 class="utrecht-heading-2" id="sessies-kop">{i.tr("Waar u bent ingelogd", "Where you are signed in")}</h2>
            <p class="utrecht-paragraph">{move || i.t(
                "Herkent u een sessie niet, beëindig hem dan en wijzig uw wachtwoord.",
                "If you do not recognise a session, end it and change your password.")}</p>
            {move || match sessions.get() {
                None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
                Some(Ok(rows)) => view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="sessies-kop">
                        <table class="utrecht-table report-table" data-testid="sessies">
                            <thead><tr>
                                <th scope="col">{i.t("Browser", "Browser")}</th>
                                <th scope="col">{i.t("Adres", "Address")}</th>
                                <th scope="col">{i.t("Ingelogd (UTC)", "Signed in (UTC)")}</th>
                                <th scope="col">{i.t("Laatst actief (UTC)", "Last active (UTC)")}</th>
                                <th scope="col"><span class="visually-hidden">{i.t("Actie", "Action")}</span></th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let id = r.id;
                                    view! {
                                        <tr data-testid="sessie">
                                            <td>{device(r.apparaat.as_deref())}</td>
                                            <td>{r.adres.clone().unwrap_or_default()}</td>
                                            <td>{minute(&r.aangemaakt)}</td>
                                            <td>{minute(&r.laatst_actief)}</td>
                                            <td>{if r.deze {
                                                view! { <strong>{i.t("Deze sessie", "This session")}</strong> }.into_any()
                                            } else {
                                                view! { <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="sessie-beeindigen" on:click=move |_| end(id)>{i.t("Beëindigen", "End")}</button> }.into_any()
                                            }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
