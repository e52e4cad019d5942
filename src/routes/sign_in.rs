//! Sign in for staff. Wrong input gets an error summary linked to the field; after signing in
//! the page the user came for opens (`?naar=`, an address of this site only), else the start
//! page of the user's role.

use crate::components::error_summary::{message_for, ErrorSummary, Item, SUMMARY_ID};
use crate::components::shown::show_if;
use crate::components::welcome::{Installation, Intro};
use crate::i18n::use_i18n;
use crate::nav::{use_navigate, use_query_map};
use crate::session::use_session;
use crate::{api::ApiFailure, browser};
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::Text;

/// The sign-in page inside a staff app (after signing out, or when the session lapsed): its
/// router goes on to the next page.
#[component]
pub fn SignIn() -> impl IntoView {
    let navigate = use_navigate();
    // The router's address: the browser's may not show the new page's query yet.
    let target = use_query_map().read_untracked().get("naar");
    sign_in_page(
        target,
        move |to: &str| navigate(to, Default::default()),
        Place::Page,
    )
}

/// The sign-in page of the sign-in app (`sign_in_app.rs`), which has no router: the next page
/// is loaded from the server, in the app that holds it.
#[component]
pub fn SignInAlone() -> impl IntoView {
    sign_in_page(browser::query_param("naar"), load_page, Place::Page)
}

/// The welcome page of the sign-in app: what the server answers at `/` to a visitor without a
/// session cookie (`crates/server/src/web.rs`), with the sign-in form in it, so a staff
/// member's first load is this small app rather than the workspace.
///
/// The session cookie is `SameSite=Strict`: a link from another site to `/` arrives without
/// it even when its user is signed in. The session asked of the server (a request from this
/// site, with the cookie) then shows who it is, and the start page is loaded again, now with
/// the cookie. Once within a few seconds only, so a browser that keeps refusing the cookie
/// sees this page instead of a loop.
#[component]
pub fn WelcomeAlone() -> impl IntoView {
    let session = use_session();
    // Once, when the server has answered who is signed in (not after signing in here: the
    // form goes on by itself).
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || !session.known.get() {
            return asked.unwrap_or(false);
        }
        let start = session
            .user
            .with_untracked(|u| u.as_ref().map(|u| u.start_page()));
        if let Some(start) = start {
            if browser::first_time_within(FORWARDED, 5_000) {
                load_page(start);
            }
        }
        true
    });
    view! {
        <Intro/>
        {sign_in_page(None, load_page, Place::Welcome)}
        <Installation/>
    }
}

/// When the welcome page last loaded the start page again (`sessionStorage`).
const FORWARDED: &str = "meedoen.doorgestuurd";

/// Load `to` from the server, in the app that holds it.
fn load_page(to: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(to);
    }
}

/// Where the form stands: a page of its own (`/inloggen`, and inside the staff apps), or a
/// section of the welcome page below the introduction.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Page,
    Welcome,
}

/// The form; after signing in, `go` opens `target` (the page asked for, when it is on this
/// site) or the start page.
fn sign_in_page(
    target: Option<String>,
    go: impl Fn(&str) + Clone + 'static,
    place: Place,
) -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let target = target.filter(|p| is_own_path(p));
    // Typed into the page's own fields before the app ran (`aanmelden.html`): taken over; the
    // keyboard focus stays in the field it was in (`browser::focus_as_before_start`).
    let name = RwSignal::new(browser::typed_before_start("gebruikersnaam"));
    let password = RwSignal::new(browser::typed_before_start("wachtwoord"));
    let errors = RwSignal::new(Vec::<Item>::new());
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        browser::set_title(match place {
            Place::Page => i.t("Inloggen", "Sign in"),
            Place::Welcome => i.t("Welkom", "Welcome"),
        })
    });
    let field_error = move |id: &'static str| message_for(errors, id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut e = vec![];
        if name.get_untracked().trim().is_empty() {
            e.push(Item {
                input: "gebruikersnaam".into(),
                page: None,
                message: Text::new("Vul uw gebruikersnaam in.", "Enter your user name."),
            });
        }
        if password.get_untracked().is_empty() {
            e.push(Item {
                input: "wachtwoord".into(),
                page: None,
                message: Text::new("Vul uw wachtwoord in.", "Enter your password."),
            });
        }
        if !e.is_empty() {
            errors.set(e);
            browser::after_render(|| browser::focus(SUMMARY_ID));
            return;
        }
        busy.set(true);
        let go = go.clone();
        let target = target.clone();
        spawn_local(async move {
            let r = session
                .sign_in(
                    name.get_untracked().trim().to_string(),
                    password.get_untracked(),
                )
                .await;
            busy.set(false);
            match r {
                Ok(()) => {
                    // Without an address to return to, each role starts on its own page.
                    let (start, must_change) = session.user.with_untracked(|u| {
                        u.as_ref().map_or(("/".to_string(), false), |u| {
                            (u.start_page().to_string(), u.moet_wachtwoord_wijzigen)
                        })
                    });
                    // A password set by an administrator is changed before anything else.
                    let to = if must_change { None } else { target.as_deref() };
                    go(to.unwrap_or(&start))
                }
                Err(f) => {
                    let input = if matches!(f, ApiFailure::Unreachable) {
                        "gebruikersnaam"
                    } else {
                        "wachtwoord"
                    };
                    password.set(String::new());
                    errors.set(vec![Item {
                        input: input.into(),
                        page: None,
                        message: f.message(),
                    }]);
                    browser::after_render(|| browser::focus(SUMMARY_ID));
                }
            }
        });
    };
    view! {
        <div class="narrow">
            <ErrorSummary items=errors.into()/>
            {match place {
                Place::Page => view! { <h1 class="utrecht-heading-1">{i.tr("Inloggen", "Sign in")}</h1> }.into_any(),
                Place::Welcome => view! { <h2 class="utrecht-heading-2">{i.tr("Inloggen voor medewerkers", "Sign in for staff")}</h2> }.into_any(),
            }}
            <LapsedNotice/>
            <form novalidate on:submit=submit data-testid="inloggen">
                <div class="form-group" class:form-group--error=move || field_error("gebruikersnaam")().is_some()>
                    <label class="utrecht-form-label" for="gebruikersnaam">{i.tr("Gebruikersnaam", "User name")}</label>
                    <p class="field-error" id="gebruikersnaam-fout">{field_error("gebruikersnaam")}</p>
                    <input class="utrecht-textbox input-width-20" id="gebruikersnaam" name="gebruikersnaam" autocomplete="username" spellcheck="false"
                        aria-describedby="gebruikersnaam-fout" aria-invalid=move || field_error("gebruikersnaam")().map(|_| "true")
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="form-group" class:form-group--error=move || field_error("wachtwoord")().is_some()>
                    <label class="utrecht-form-label" for="wachtwoord">{i.tr("Wachtwoord", "Password")}</label>
                    <p class="field-error" id="wachtwoord-fout">{field_error("wachtwoord")}</p>
                    <input class="utrecht-textbox input-width-20" id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password"
                        aria-describedby="wachtwoord-fout" aria-invalid=move || field_error("wachtwoord")().map(|_| "true")
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="inloggen-knop" disabled=move || busy.get()>
                    {i.tr("Inloggen", "Sign in")}
                </button>
            </form>
            // A resident who came here by mistake: the way to the form.
            <p class="utrecht-paragraph">
                <a href="/formulier" class="utrecht-link" data-testid="naar-formulier">{i.tr("Bent u inwoner? Vul het formulier in", "Are you a resident? Fill in the form")}</a>
            </p>
        </div>
    }
}

/// An address of this site to go on to (`/werk`, `/rapportage?jaar=2025`), never another
/// site: the address is read as the browser would read it (`//elders.nl`, `/\elders.nl` and
/// a tab between the slashes all lead elsewhere) and must stay on this origin.
fn is_own_path(p: &str) -> bool {
    let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
        return false;
    };
    p.starts_with('/')
        && web_sys::Url::new_with_base(p, &origin).is_ok_and(|u| u.origin() == origin)
}

/// Shows its children to a signed-in user; otherwise a link to sign in and come back.
/// Why the consultant is looking at a sign-in: the session lapsed after an hour idle.
#[component]
fn LapsedNotice() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    view! {
        {show_if(move || session.lapsed.get(), move || view! {
            <div class="utrecht-alert utrecht-alert--info" role="status" data-testid="sessie-verlopen"><p class="utrecht-paragraph">{move || i.t(
                "U bent uitgelogd omdat u een uur niets deed. De kopie van de caseload is van dit apparaat gewist; wijzigingen die nog niet verstuurd waren, blijven bewaard en gaan mee zodra u weer inlogt.",
                "You were signed out after an hour without activity. The copy of the caseload has been removed from this device; changes not yet sent are kept and go out once you sign in again.")}</p></div>
        }.into_any())}
    }
}

/// A page for those who may take `action` (the shared matrix): someone not signed in is asked
/// to sign in (and comes back here), others see "no access" and where to go instead, and a user
/// who must still choose a password is sent to "My account".
#[component]
pub fn RequireAction(
    action: meedoen_domain::access::Action,
    children: ChildrenFn,
) -> impl IntoView {
    require(Some(action), children)
}

/// What a guarded page shows: only a change of this re-renders the page, so a refreshed
/// session (same user, same rights) keeps what the page holds.
#[derive(Clone, Copy, PartialEq)]
enum Gate {
    Loading,
    SignIn,
    ChoosePassword,
    Denied,
    Open,
}

fn require(action: Option<meedoen_domain::access::Action>, children: ChildrenFn) -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let nav = crate::nav::use_nav();
    let gate = Memo::new(move |_| {
        if !session.known.get() {
            return Gate::Loading;
        }
        match session.user.read().as_ref() {
            None => Gate::SignIn,
            Some(u) => match action {
                Some(a) if !u.may(a) && u.moet_wachtwoord_wijzigen => Gate::ChoosePassword,
                Some(a) if !u.may(a) => Gate::Denied,
                _ => Gate::Open,
            },
        }
    });
    move || {
        match gate.get() {
        Gate::Loading => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }
            .into_any(),
        Gate::SignIn => {
            // The page with its query (a period, a record number; never personal data).
            let here = nav.here_untracked();
            let href = format!("/inloggen?naar={}", js_sys::encode_uri_component(&here));
            view! {
                <h1 class="utrecht-heading-1">{i.t("Inloggen nodig", "Sign-in needed")}</h1>
                <LapsedNotice/>
                <p class="utrecht-paragraph">{i.t("Deze pagina is voor medewerkers van de gemeente.", "This page is for municipal staff.")}</p>
                <a href=href class="utrecht-button utrecht-button--primary-action button-link" data-testid="naar-inloggen">{i.t("Inloggen", "Sign in")}</a>
            }.into_any()
        }
        Gate::ChoosePassword => view! {
            <h1 class="utrecht-heading-1">{i.t("Kies eerst een eigen wachtwoord", "Choose your own password first")}</h1>
            <p class="utrecht-paragraph">{i.t("Uw wachtwoord is door een beheerder ingesteld. Kies een eigen wachtwoord; daarna kunt u verder.", "Your password was set by an administrator. Choose your own password; then you can go on.")}</p>
            <a href="/account" class="utrecht-button utrecht-button--primary-action button-link" data-testid="naar-account">{i.t("Naar Mijn account", "Go to My account")}</a>
        }.into_any(),
        Gate::Denied => view! {
            <h1 class="utrecht-heading-1" data-testid="geen-toegang">{i.t("Geen toegang", "No access")}</h1>
            <p class="utrecht-paragraph">{i.t("Deze pagina hoort niet bij uw rol. Vraag de functioneel beheerder als u denkt dat dit niet klopt.", "This page is not part of your role. Ask the administrator if you think this is wrong.")}</p>
            <a href="/" class="utrecht-link">{i.t("Naar uw startpagina", "To your start page")}</a>
        }.into_any(),
        Gate::Open => children().into_any(),
    }
    }
}
