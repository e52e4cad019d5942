//! The signed-in staff member: sign in and out against the server's session, the CSRF token
//! for changes, and the idle rule of the server (a warning five minutes before the session
//! would lapse, with a way to stay signed in).

use crate::api::{self, ApiFailure};
use crate::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::{self, Action, Role};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub gebruikersnaam: String,
    pub naam: String,
    pub rol: String,
    pub team: String,
    /// A password set by an administrator: the user chooses their own before anything else.
    #[serde(default)]
    pub moet_wachtwoord_wijzigen: bool,
}

impl User {
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.rol)
    }
    /// Whether this user may take `action`: the server's own matrix (`meedoen_domain::access`),
    /// so a link or button shows exactly when the server would allow it.
    pub fn may(&self, action: Action) -> bool {
        (!self.moet_wachtwoord_wijzigen || action == Action::OwnAccount)
            && self.role().is_some_and(|r| access::allows(r, action))
    }
    pub fn role_label(&self, nl: bool) -> &'static str {
        let (n, e) = self
            .role()
            .map_or(("onbekende rol", "unknown role"), Role::label);
        if nl {
            n
        } else {
            e
        }
    }
    /// Whether this user may record a record of `kind` (the shared matrix).
    pub fn may_record(&self, kind: meedoen_domain::records::Kind) -> bool {
        self.may(access::write_action(kind))
    }
    pub fn sees_inbox(&self) -> bool {
        self.may(Action::Inbox)
    }
    /// Consultants and team leads work with residents' files (an offline copy is kept).
    pub fn sees_cases(&self) -> bool {
        self.may(Action::ReadCases)
    }
    /// Team leads and policy staff read the council report.
    pub fn sees_report(&self) -> bool {
        self.may(Action::Report)
    }
    /// Where this user starts after signing in: the own account while the password must be
    /// changed, otherwise the role's start page.
    pub fn start_page(&self) -> &'static str {
        if self.moet_wachtwoord_wijzigen {
            "/account"
        } else if self.role() == Some(Role::Inkomensconsulent) {
            // The income department works on one page: the signals.
            "/beheer/signalen"
        } else if self.role() == Some(Role::Beoordelaar) {
            // The external assessor works on one page: the batch's residents.
            "/beheer/klant-in-beeld"
        } else if self.role() == Some(Role::Beleidsmedewerker) {
            // Policy staff work in the report and the scenarios (their own app, with both in
            // its menu), so they do not load the workspace to get there.
            "/rapportage"
        } else {
            "/"
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionInfo {
    gebruiker: User,
    csrf: String,
    inactief_uitloggen_na_minuten: i64,
    #[serde(default)]
    caseload_norm: Option<i64>,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub user: RwSignal<Option<User>>,
    /// The server has been asked who is signed in.
    pub known: RwSignal<bool>,
    /// Minutes left before the idle sign-out, once the warning shows.
    pub warning: RwSignal<Option<i64>>,
    /// Shown on the sign-in page after an idle sign-out.
    pub lapsed: RwSignal<bool>,
    /// Caseload norm of the municipality (residents per consultant).
    pub norm: RwSignal<i64>,
    idle_minutes: StoredValue<i64>,
    last_active: StoredValue<f64>,
    /// The browser's copy of the caseload: started (`true`) when someone who works with
    /// residents' files signs in, emptied (`false`) when the session ends. The sign-in app
    /// keeps no copy and passes none, so none of the copy's code is in it.
    cases: Option<Callback<bool>>,
}

/// The session, for an app that keeps a copy of the caseload (`cases`, see [`Session`]) or not.
pub fn provide_session(cases: Option<Callback<bool>>) {
    let s = Session {
        user: RwSignal::new(None),
        known: RwSignal::new(false),
        warning: RwSignal::new(None),
        lapsed: RwSignal::new(false),
        norm: RwSignal::new(85),
        idle_minutes: StoredValue::new(60),
        last_active: StoredValue::new(js_sys::Date::now()),
        cases,
    };
    provide_context(s);
    // Only ask the server when this browser signed in before: the session cookie itself is
    // out of reach of scripts (HttpOnly), and residents on the public form never need it.
    if let Some(info) = taken_over() {
        // The sign-in app opened this session a moment ago in this tab.
        spawn_local(async move {
            s.start(info).await;
            s.known.set(true);
        });
    } else if remembered() {
        spawn_local(async move {
            match api::get::<SessionInfo>("/api/sessie").await {
                Ok(info) => s.start(info).await,
                // Offline: carry on with what this browser kept; the server decides later.
                Err(ApiFailure::Unreachable) => match remembered_user() {
                    Some(u) => {
                        let cases = u.sees_cases();
                        s.user.set(Some(u));
                        if cases {
                            s.copy(true);
                        }
                    }
                    None => s.end(true),
                },
                Err(_) => s.end(true),
            }
            s.known.set(true);
        });
    } else {
        s.known.set(true);
    }
    s.watch_idle();
}

const FLAG: &str = "meedoen.sessie";

/// The session the sign-in app has just opened, for the app it loads next in the same tab
/// (`sessionStorage`, read once, within a minute): that app starts with it instead of asking
/// the server again (one round trip less on the way to the caseload).
const HANDOFF: &str = "meedoen.sessie.overdracht";
const HANDOFF_MS: f64 = 60_000.0;

#[derive(Serialize, Deserialize)]
struct Handoff {
    at: f64,
    info: SessionInfo,
    /// The workspace will pull the caseload from the beginning (a role that keeps a copy of
    /// case files, and this device keeps none of this user's), so its page asks for the first
    /// page of the change feed while the app loads (`werkplek-voorhalen.js`).
    #[serde(default)]
    voorhalen: bool,
}

fn hand_over(info: &SessionInfo, prefetch: bool) {
    if let (Some(s), Ok(text)) = (
        browser::tab_storage(),
        serde_json::to_string(&Handoff {
            at: js_sys::Date::now(),
            info: info.clone(),
            voorhalen: prefetch,
        }),
    ) {
        let _ = s.set_item(HANDOFF, &text);
    }
}

fn taken_over() -> Option<SessionInfo> {
    let s = browser::tab_storage()?;
    let text = s.get_item(HANDOFF).ok()??;
    let _ = s.remove_item(HANDOFF);
    let h: Handoff = serde_json::from_str(&text).ok()?;
    let age = js_sys::Date::now() - h.at;
    (0.0..HANDOFF_MS).contains(&age).then_some(h.info)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remembered() -> bool {
    storage()
        .and_then(|s| s.get_item(FLAG).ok().flatten())
        .is_some()
}

/// Who was signed in here (name and role only), for working offline after a reload.
fn remembered_user() -> Option<User> {
    serde_json::from_str(&storage()?.get_item(FLAG).ok()??).ok()
}

fn remember(user: Option<&User>) {
    if let Some(s) = storage() {
        let _ = match user {
            Some(u) => s.set_item(FLAG, &serde_json::to_string(u).unwrap_or_default()),
            None => s.remove_item(FLAG),
        };
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    async fn start(self, info: SessionInfo) {
        // The copy of the caseload on this device is that of the last user signed in here.
        // When someone else signs in (a shared device, the previous session not ended), it is
        // removed before anything of it is shown; the previous user's unsent changes stay,
        // kept under their own name (`sync`).
        let previous = self
            .user
            .get_untracked()
            .or_else(remembered_user)
            .map(|u| u.id);
        let other = previous.is_some_and(|id| id != info.gebruiker.id);
        if other {
            self.copy(false);
            let _ = crate::idb::clear_except(crate::idb::WORK, &crate::idb::OWN_WORK).await;
        }
        api::set_csrf(Some(info.csrf));
        remember(Some(&info.gebruiker));
        self.idle_minutes
            .set_value(info.inactief_uitloggen_na_minuten);
        self.touch();
        self.lapsed.set(false);
        if let Some(n) = info.caseload_norm {
            self.norm.set(n);
        }
        // The first time, the first time after the own password was chosen, or another user.
        let first = other
            || self
                .user
                .get_untracked()
                .is_none_or(|u| u.moet_wachtwoord_wijzigen);
        let cases = info.gebruiker.sees_cases();
        self.user.set(Some(info.gebruiker));
        // Policy staff and administrators get no copy of case content.
        if first && cases {
            self.copy(true);
        }
    }

    fn copy(self, start: bool) {
        if let Some(cases) = self.cases {
            cases.run(start);
        }
    }

    /// The server saw activity now (every request resets its idle clock).
    pub fn touch(self) {
        self.last_active.set_value(js_sys::Date::now());
        self.warning.set(None);
    }

    pub async fn sign_in(self, name: String, password: String) -> Result<(), ApiFailure> {
        let body = serde_json::json!({ "gebruikersnaam": name, "wachtwoord": password });
        let (_, info) = api::post::<_, SessionInfo>("/api/sessie", &body).await?;
        // An app without a copy of the caseload (the sign-in app) loads the next page.
        if self.cases.is_none() {
            // This device keeps a copy only of the user signed in here before (`start` removes
            // anyone else's, and signing out or a lapsed session removes it too).
            let same = self
                .user
                .get_untracked()
                .or_else(remembered_user)
                .is_some_and(|u| u.id == info.gebruiker.id);
            hand_over(&info, info.gebruiker.sees_cases() && !same);
            // The service worker may answer the next page from the copy it just kept.
            browser::tell_worker("aangemeld");
            // A role that keeps no copy of case files does not work offline: the workspace
            // the worker may still be downloading for that is not needed, and would take the
            // link from the app this user does need (policy staff's report, on a slow link).
            if !info.gebruiker.sees_cases() {
                browser::tell_installing_worker("geen-werkplek").await;
            }
        }
        self.start(info).await;
        Ok(())
    }

    /// Sign out: the copy of the caseload and any unsent changes leave this device.
    pub async fn sign_out(self) {
        let _ = api::delete("/api/sessie").await;
        self.end(false);
    }

    /// Forget the session and the copy of the caseload kept in this browser. Unsent changes
    /// stay when the session merely lapsed (`keep_queue`): they are the consultant's own work,
    /// and are sent under their name once they sign in again.
    fn end(self, keep_queue: bool) {
        api::set_csrf(None);
        remember(None);
        if let Some(s) = browser::tab_storage() {
            let _ = s.remove_item(HANDOFF);
        }
        self.user.set(None);
        self.warning.set(None);
        self.copy(false);
        spawn_local(async move {
            let _ = if keep_queue {
                crate::idb::clear_except(crate::idb::WORK, &crate::idb::OWN_WORK).await
            } else {
                crate::idb::clear(crate::idb::WORK).await
            };
        });
    }

    /// Ask the server again who is signed in (after the own password or role changed).
    pub async fn refresh(self) {
        self.stay().await;
    }

    /// Keep the session alive (the "stay signed in" button of the warning).
    pub async fn stay(self) {
        match api::get::<SessionInfo>("/api/sessie").await {
            Ok(info) => self.start(info).await,
            Err(ApiFailure::Status { status: 401, .. }) => self.end(true),
            Err(_) => {}
        }
    }

    /// Check every 15 seconds how long the session has been idle.
    fn watch_idle(self) {
        spawn_local(async move {
            loop {
                browser::sleep(15_000).await;
                if self.user.get_untracked().is_none() {
                    continue;
                }
                let last = self.last_active.get_value().max(api::last_contact());
                let idle_min = (js_sys::Date::now() - last) / 60_000.0;
                let limit = self.idle_minutes.get_value() as f64;
                if idle_min >= limit {
                    self.lapsed.set(true);
                    // End it on the server too (best effort; its own clock ends it anyway),
                    // then here, keeping unsent changes.
                    let _ = api::delete("/api/sessie").await;
                    self.end(true);
                } else if idle_min >= limit - 5.0 {
                    self.warning.set(Some((limit - idle_min).ceil() as i64));
                }
            }
        });
    }
}
