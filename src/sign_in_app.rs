//! The sign-in page as an app of its own (`aanmelden.html`, built by Trunk to
//! `dist/aanmelden/`, its page served at `/inloggen`, and at `/` to a visitor without a
//! session cookie, where it is the welcome page with the form in it): a staff member who opens
//! the sign-in address no longer waits for the whole consultants' workspace before typing. After signing
//! in, the page of the user's role (or the page they came for) is loaded from the server, in
//! the app that holds it: policy staff (the report), the income department (the administration
//! app) and the assessor (Klant in Beeld) do not load the workspace to get there.
//!
//! While the user types, the staff service worker is registered here: its installation keeps
//! the workspace (page, script, wasm, styles), so a consultant's caseload opens from that copy
//! after signing in. Same sign-in page, session and language as the other staff apps; it keeps
//! no copy of the caseload (`provide_session(None)`) and has no router: it has one page.
//! Signing in again from inside the workspace (after signing out, or when the session lapsed)
//! stays in the workspace.
use crate::components::layout::{PlainFrame, STAFF_FOOTER};
use crate::i18n::provide_i18n;
use crate::routes::sign_in::{SignInAlone, WelcomeAlone};
use crate::session::provide_session;
use leptos::prelude::*;

#[component]
pub fn SignInApp() -> impl IntoView {
    crate::update::provide_update("/sw.js", "/");
    provide_i18n();
    provide_session(None);
    view! {
        <PlainFrame home="/" footer=STAFF_FOOTER>
            {if crate::browser::pathname() == "/" {
                view! { <WelcomeAlone/> }.into_any()
            } else {
                view! { <SignInAlone/> }.into_any()
            }}
        </PlainFrame>
    }
}

/// Mount the sign-in app on the body.
pub fn start_sign_in() {
    crate::app::mount_staff(SignInApp);
}
