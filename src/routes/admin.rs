//! Administration, for the functional administrator: users (add with a one-time password,
//! change role and team, deactivate or reactivate — never delete —, unlock, reset a password)
//! and the municipality's settings (name, caseload norm). The server audits every change and
//! refuses what the matrix does not allow; these pages show only what the administrator may do.

use crate::api;
use crate::browser;
use crate::components::error_summary::{item, items_from, show, ErrorSummary, Item, TextField};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::{
    check_password, check_person_name, check_team, check_user_name, Action, Role, PASSWORD_RULES,
};
use meedoen_domain::Text;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub gebruikersnaam: String,
    pub naam: String,
    pub rol: String,
    pub team: String,
    pub geblokkeerd: bool,
    pub actief: bool,
    pub versie: i64,
    pub moet_wachtwoord_wijzigen: bool,
}

fn role_name(code: &str, nl: bool) -> String {
    Role::parse(code).map_or(code.to_string(), |r| {
        let (n, e) = r.label();
        if nl { n } else { e }.to_string()
    })
}

/// A role chooser with every role of the matrix.
#[component]
fn RoleSelect(
    id: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<Item>>,
) -> impl IntoView {
    let i = use_i18n();
    let message = crate::components::error_summary::message_for(errors, id);
    let m2 = message.clone();
    view! {
        <div class="form-group" class:form-group--error=move || m2().is_some()>
            <label class="utrecht-form-label" for=id>{i.tr("Rol", "Role")}</label>
            <p class="field-error" id=format!("{id}-fout")>{message}</p>
            <select class="utrecht-select" id=id data-testid=id aria-describedby=format!("{id}-fout")
                on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                {Role::ALL.into_iter().map(|r| {
                    let code = r.code();
                    view! { <option value=code selected=move || value.get() == code>{move || role_name(code, i.lang.get() == meedoen_domain::Lang::Nl)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Gebruikers", "Users")));
    view! {
        <RequireAction action=Action::ManageUsers>
            <UsersView/>
        </RequireAction>
    }
}

#[component]
fn UsersView() -> impl IntoView {
    let i = use_i18n();
    let users = RwSignal::new(None::<Result<Vec<UserRow>, Text>>);
    let load = move || {
        spawn_local(async move {
            let r = api::get::<Vec<UserRow>>("/api/gebruikers").await;
            users.set(Some(r.map_err(|f| f.message())));
        })
    };
    load();
    // What happened last, announced once: an unlock, a reset with its one-time password, a save.
    let notice = RwSignal::new(None::<(Text, Option<String>)>);
    let announce = move |t: Text, code: Option<String>| {
        notice.set(Some((t, code)));
        browser::after_render(|| browser::focus("beheer-melding"));
    };

    let unlock = move |u: UserRow| {
        spawn_local(async move {
            match api::post::<_, serde_json::Value>(
                &format!("/api/gebruikers/{}/ontgrendelen", u.id),
                &serde_json::json!({}),
            )
            .await
            {
                Ok(_) => announce(
                    Text::new(
                        format!("{} is gedeblokkeerd.", u.gebruikersnaam),
                        format!("{} was unlocked.", u.gebruikersnaam),
                    ),
                    None,
                ),
                Err(f) => announce(f.message(), None),
            }
            load();
        })
    };
    let reset = move |u: UserRow| {
        spawn_local(async move {
            match api::post::<_, serde_json::Value>(&format!("/api/gebruikers/{}/wachtwoord", u.id), &serde_json::json!({})).await {
                Ok((_, v)) => announce(
                    Text::new(
                        format!("Nieuw eenmalig wachtwoord voor {}. Geef het persoonlijk door; het wordt maar één keer getoond en moet bij de eerste keer inloggen worden gewijzigd. Lopende sessies zijn beëindigd.", u.gebruikersnaam),
                        format!("New one-time password for {}. Hand it over in person; it is shown only once and must be changed at the first sign-in. Open sessions were ended.", u.gebruikersnaam),
                    ),
                    v["eenmalig_wachtwoord"].as_str().map(str::to_string),
                ),
                Err(f) => announce(f.message(), None),
            }
            load();
        })
    };

    // Editing one user: role, team, active.
    let editing = RwSignal::new(None::<UserRow>);
    let e_role = RwSignal::new(String::new());
    let e_team = RwSignal::new(String::new());
    let e_active = RwSignal::new(true);
    let e_errors = RwSignal::new(Vec::<Item>::new());
    let edit = move |u: UserRow| {
        e_role.set(u.rol.clone());
        e_team.set(u.team.clone());
        e_active.set(u.actief);
        e_errors.set(vec![]);
        editing.set(Some(u));
        browser::after_render(|| browser::focus("wijzig-kop"));
    };
    let save_edit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(u) = editing.get_untracked() else {
            return;
        };
        let team = e_team.get_untracked().trim().to_string();
        if let Err(m) = check_team(&team) {
            show(e_errors, vec![item("w-team", m)]);
            return;
        }
        let mut body = serde_json::json!({ "versie": u.versie });
        if e_role.get_untracked() != u.rol {
            body["rol"] = e_role.get_untracked().into();
        }
        if team != u.team {
            body["team"] = team.into();
        }
        if e_active.get_untracked() != u.actief {
            body["actief"] = e_active.get_untracked().into();
        }
        if body.as_object().is_some_and(|o| o.len() == 1) {
            editing.set(None);
            return;
        }
        spawn_local(async move {
            match api::patch::<_, serde_json::Value>(&format!("/api/gebruikers/{}", u.id), &body)
                .await
            {
                Ok(_) => {
                    editing.set(None);
                    announce(
                        Text::new(
                            format!("{} is gewijzigd.", u.gebruikersnaam),
                            format!("{} was changed.", u.gebruikersnaam),
                        ),
                        None,
                    );
                    load();
                }
                Err(f) => show(
                    e_errors,
                    items_from(
                        &f,
                        |field| match field {
                            "rol" => Some("w-rol"),
                            "team" => Some("w-team"),
                            "actief" => Some("w-actief"),
                            _ => None,
                        },
                        "w-rol",
                    ),
                ),
            }
        });
    };

    // Adding a user.
    let n_user = RwSignal::new(String::new());
    let n_name = RwSignal::new(String::new());
    let n_role = RwSignal::new("participatieconsulent".to_string());
    let n_team = RwSignal::new(String::new());
    let n_password = RwSignal::new(String::new());
    let n_errors = RwSignal::new(Vec::<Item>::new());
    let busy = RwSignal::new(false);
    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let user = n_user.get_untracked().trim().to_string();
        let mut e = Vec::new();
        if let Err(m) = check_user_name(&user) {
            e.push(item("n-gebruikersnaam", m));
        }
        let name = n_name.get_untracked().trim().to_string();
        if let Err(m) = check_person_name(&name) {
            e.push(item("n-naam", m));
        }
        let team = n_team.get_untracked().trim().to_string();
        if let Err(m) = check_team(&team) {
            e.push(item("n-team", m));
        }
        if let Err(m) = check_password(&n_password.get_untracked(), &user) {
            e.push(item("n-wachtwoord", m));
        }
        if !e.is_empty() {
            show(n_errors, e);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let body = serde_json::json!({
                "gebruikersnaam": user, "naam": name, "rol": n_role.get_untracked(),
                "team": team, "wachtwoord": n_password.get_untracked(),
            });
            let r = api::post::<_, serde_json::Value>("/api/gebruikers", &body).await;
            busy.set(false);
            match r {
                Ok(_) => {
                    n_errors.set(vec![]);
                    for s in [n_user, n_name, n_team, n_password] {
                        s.set(String::new());
                    }
                    announce(Text::new(
                        format!("{user} is toegevoegd. Geef het eerste wachtwoord persoonlijk door; bij de eerste keer inloggen kiest {user} een eigen wachtwoord."),
                        format!("{user} was added. Hand over the first password in person; at the first sign-in {user} chooses their own password."),
                    ), None);
                    load();
                }
                Err(f) => show(
                    n_errors,
                    items_from(
                        &f,
                        |field| match field {
                            "gebruikersnaam" => Some("n-gebruikersnaam"),
                            "naam" => Some("n-naam"),
                            "rol" => Some("n-rol"),
                            "team" => Some("n-team"),
                            "wachtwoord" => Some("n-wachtwoord"),
                            _ => None,
                        },
                        "n-gebruikersnaam",
                    ),
                ),
            }
        });
    };

    view! {
        <h1 class="utrecht-heading-1">{i.tr("Gebruikers", "Users")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Gebruikers worden nooit verwijderd: het auditlog noemt hen. Zet een account uit als iemand vertrekt.",
            "Users are never deleted: the audit log names them. Deactivate an account when someone leaves.")}</p>
        {show_if(move || notice.read().is_some(), move || view! {
            <div class="utrecht-alert utrecht-alert--info" role="status" tabindex="-1" id="beheer-melding" data-testid="beheer-melding">
                <p class="utrecht-paragraph">{move || notice.get().map(|(t, _)| i.text(&t))}</p>
                {move || notice.get().and_then(|(_, c)| c).map(|c| view! { <p class="utrecht-paragraph"><code class="one-time" data-testid="eenmalig-wachtwoord">{c}</code></p> })}
            </div>
        }.into_any())}
        {move || match users.get() {
            None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
            Some(Ok(rows)) => {
                let nl = i.lang.get() == meedoen_domain::Lang::Nl;
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="gebruikers-bijschrift">
                        <table class="utrecht-table report-table stack-table" data-testid="gebruikers">
                            <caption id="gebruikers-bijschrift">{format!("{} {}", rows.len(), i.t("gebruikers", "users"))}</caption>
                            <thead><tr>
                                <th scope="col">{i.t("Gebruikersnaam", "User name")}</th>
                                <th scope="col">{i.t("Naam", "Name")}</th>
                                <th scope="col">{i.t("Rol", "Role")}</th>
                                <th scope="col">{i.t("Team", "Team")}</th>
                                <th scope="col">{i.t("Status", "Status")}</th>
                                <th scope="col">{i.t("Acties", "Actions")}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|u| {
                                    let mut status = vec![if u.actief { i.t("actief", "active") } else { i.t("uitgezet", "deactivated") }];
                                    if u.geblokkeerd { status.push(i.t("geblokkeerd", "locked")); }
                                    if u.moet_wachtwoord_wijzigen { status.push(i.t("moet wachtwoord kiezen", "must choose a password")); }
                                    let (u1, u2, u3) = (u.clone(), u.clone(), u.clone());
                                    let locked = u.geblokkeerd;
                                    view! {
                                        <tr data-testid=format!("gebruiker-{}", u.gebruikersnaam)>
                                            <th scope="row">{u.gebruikersnaam.clone()}</th>
                                            <td data-label=i.t("Naam", "Name")>{u.naam.clone()}</td>
                                            <td data-label=i.t("Rol", "Role")>{role_name(&u.rol, nl)}</td>
                                            <td data-label=i.t("Team", "Team")>{u.team.clone()}</td>
                                            <td data-label=i.t("Status", "Status") data-testid="status">{status.join(", ")}</td>
                                            <td><div class="button-row button-row--tight">
                                                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="wijzigen"
                                                    aria-label=format!("{} {}", i.t("Wijzigen:", "Change:"), u.gebruikersnaam)
                                                    on:click=move |_| edit(u1.clone())>{i.t("Wijzigen", "Change")}</button>
                                                {locked.then(|| view! {
                                                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="deblokkeren"
                                                        aria-label=format!("{} {}", i.t("Deblokkeren:", "Unlock:"), u2.gebruikersnaam)
                                                        on:click=move |_| unlock(u2.clone())>{i.t("Deblokkeren", "Unlock")}</button>
                                                })}
                                                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="wachtwoord-resetten"
                                                    aria-label=format!("{} {}", i.t("Nieuw wachtwoord:", "New password:"), u3.gebruikersnaam)
                                                    on:click=move |_| reset(u3.clone())>{i.t("Nieuw wachtwoord", "New password")}</button>
                                            </div></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }
        }}
        {show_if(move || editing.read().is_some(), move || view! {
            <section class="card" aria-labelledby="wijzig-kop" data-testid="gebruiker-wijzigen">
                <h2 class="utrecht-heading-2" id="wijzig-kop" tabindex="-1">{move || format!("{} {}", i.t("Wijzigen:", "Change:"), editing.get().map(|u| u.gebruikersnaam).unwrap_or_default())}</h2>
                <ErrorSummary items=e_errors.into()/>
                <form novalidate on:submit=save_edit>
                    <RoleSelect id="w-rol" value=e_role errors=e_errors/>
                    <TextField id="w-team" label=("Team", "Team") value=e_team errors=e_errors/>
                    <div class="form-group">
                        <p class="field-error" id="w-actief-fout">{crate::components::error_summary::message_for(e_errors, "w-actief")}</p>
                        <label class="checkbox-label" for="w-actief">
                            <input type="checkbox" id="w-actief" data-testid="w-actief" aria-describedby="w-actief-fout"
                                prop:checked=move || e_active.get() on:change=move |ev| e_active.set(event_target_checked(&ev))/>
                            {i.tr(" Account actief (uitzetten beëindigt de sessies)", " Account active (deactivating ends the sessions)")}
                        </label>
                    </div>
                    <div class="button-row">
                        <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="wijziging-opslaan">{i.tr("Opslaan", "Save")}</button>
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| editing.set(None)>{i.tr("Annuleren", "Cancel")}</button>
                    </div>
                </form>
            </section>
        }.into_any())}
        <section class="card" aria-labelledby="nieuw-kop">
            <h2 class="utrecht-heading-2" id="nieuw-kop">{i.tr("Gebruiker toevoegen", "Add a user")}</h2>
            <ErrorSummary items=n_errors.into()/>
            <form novalidate on:submit=add data-testid="gebruiker-toevoegen">
                <TextField id="n-gebruikersnaam" label=("Gebruikersnaam", "User name") value=n_user errors=n_errors
                    hint=("3 tot 40 kleine letters, cijfers, punten of streepjes, bijvoorbeeld pc.jansen.", "3 to 40 lower-case letters, digits, dots or hyphens, for example pc.jansen.")/>
                <TextField id="n-naam" label=("Naam", "Name") value=n_name errors=n_errors autocomplete="off"/>
                <RoleSelect id="n-rol" value=n_role errors=n_errors/>
                <TextField id="n-team" label=("Team", "Team") value=n_team errors=n_errors
                    hint=("Bijvoorbeeld participatie of wsp.", "For example participatie or wsp.")/>
                <TextField id="n-wachtwoord" label=("Eerste wachtwoord (eenmalig)", "First password (one-time)") value=n_password errors=n_errors kind="password" autocomplete="new-password" maxlength=128
                    hint=PASSWORD_RULES/>
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="toevoegen" disabled=move || busy.get()>{i.tr("Gebruiker toevoegen", "Add user")}</button>
            </form>
        </section>
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Municipality {
    naam: String,
    caseload_norm: i64,
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| {
        browser::set_title(i.t("Instellingen van de gemeente", "Municipality settings"))
    });
    view! {
        <RequireAction action=Action::MunicipalitySettings>
            <SettingsView/>
        </RequireAction>
    }
}

#[component]
fn SettingsView() -> impl IntoView {
    let i = use_i18n();
    let name = RwSignal::new(String::new());
    let norm = RwSignal::new(String::new());
    let loaded = RwSignal::new(None::<Result<Municipality, Text>>);
    spawn_local(async move {
        let r = api::get::<Municipality>("/api/gemeente").await;
        if let Ok(m) = &r {
            name.set(m.naam.clone());
            norm.set(m.caseload_norm.to_string());
        }
        loaded.set(Some(r.map_err(|f| f.message())));
    });
    let errors = RwSignal::new(Vec::<Item>::new());
    let saved = RwSignal::new(false);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut e = Vec::new();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() || n.chars().count() > 80 {
            e.push(item(
                "g-naam",
                (
                    "Vul de naam van de gemeente in, hoogstens 80 tekens.",
                    "Enter the municipality's name, at most 80 characters.",
                ),
            ));
        }
        let value = norm
            .get_untracked()
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|v| (1..=500).contains(v));
        if value.is_none() {
            e.push(item("g-norm", ("De caseloadnorm is een geheel getal van 1 tot en met 500 inwoners per consulent.", "The caseload norm is a whole number from 1 to 500 residents per consultant.")));
        }
        if !e.is_empty() {
            show(errors, e);
            return;
        }
        spawn_local(async move {
            let r = api::post::<_, serde_json::Value>(
                "/api/gemeente",
                &serde_json::json!({ "naam": n }),
            )
            .await;
            let r = match r {
                Ok(_) => {
                    api::post::<_, serde_json::Value>(
                        "/api/gemeente/caseload-norm",
                        &serde_json::json!({ "caseload_norm": value }),
                    )
                    .await
                }
                Err(f) => Err(f),
            };
            match r {
                Ok(_) => {
                    errors.set(vec![]);
                    saved.set(true);
                }
                Err(f) => show(
                    errors,
                    items_from(
                        &f,
                        |field| match field {
                            "naam" => Some("g-naam"),
                            "caseload_norm" => Some("g-norm"),
                            _ => None,
                        },
                        "g-naam",
                    ),
                ),
            }
        });
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Instellingen van de gemeente", "Municipality settings")}</h1>
        {move || match loaded.get() {
            None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
            Some(Ok(_)) => view! {
                <ErrorSummary items=errors.into()/>
                <form novalidate on:submit=submit data-testid="instellingen">
                    <TextField id="g-naam" label=("Naam van de gemeente", "Name of the municipality") value=name errors=errors/>
                    <TextField id="g-norm" label=("Caseloadnorm (inwoners per consulent)", "Caseload norm (residents per consultant)") value=norm errors=errors kind="number" maxlength=3
                        hint=("1 tot en met 500. Een lagere norm haalt niemand uit een caseload; er komen alleen geen nieuwe inwoners bij.", "1 to 500. A lower norm takes nobody out of a caseload; only no new residents are added.")/>
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="instellingen-opslaan">{i.t("Opslaan", "Save")}</button>
                    <p class="utrecht-paragraph" role="status" data-testid="instellingen-status">{move || saved.get().then(|| i.t("De instellingen zijn opgeslagen (en staan in het auditlog).", "The settings were saved (and are in the audit log)."))}</p>
                </form>
            }.into_any(),
        }}
    }
}
