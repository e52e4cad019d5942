//! The application shell: language context, router and the page routes.

use crate::components::layout::Layout;
use crate::i18n::provide_i18n;
use crate::routes::account::AccountPage;
use crate::routes::elsewhere::OtherApp;
use crate::routes::{
    caseload::CaseloadPage, changes::ChangesPage, inbox::InboxPage, measurement::MeasurementPage,
    record_form::RecordPage, resident::ResidentPage, sign_in::SignIn, waiting::WaitingPage,
};
use crate::routes::{home::Home, not_found::NotFound, rules::RulesPage};
use crate::session::provide_session;
use crate::sync::provide_sync;
use crate::workspace::provide_workspace;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

/// What both staff apps (the workspace and the administration pages) provide: language, the
/// browser's copy of the caseload, the session and the queue of changes.
pub fn provide_staff() {
    provide_i18n();
    provide_workspace();
    let cases = crate::workspace::use_workspace();
    provide_session(Some(Callback::new(move |start: bool| {
        if start {
            cases.start()
        } else {
            cases.clear()
        }
    })));
    provide_sync();
}

#[component]
pub fn App() -> impl IntoView {
    crate::update::provide_update("/sw.js", "/");
    provide_staff();
    view! {
        <Router>
            <Layout>
                <FlatRoutes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/regels") view=RulesPage/>
                    <Route path=path!("/inloggen") view=SignIn/>
                    <Route path=path!("/account") view=AccountPage/>
                    // The administration pages are an app of their own (`admin_app.rs`).
                    <Route path=path!("/beheer/*any") view=OtherApp/>
                    <Route path=path!("/inbox") view=InboxPage/>
                    <Route path=path!("/werk") view=CaseloadPage/>
                    <Route path=path!("/wachtlijst") view=WaitingPage/>
                    <Route path=path!("/wijzigingen") view=ChangesPage/>
                    // The report and the scenarios are an app of their own (policy_app.rs).
                    <Route path=path!("/rapportage") view=OtherApp/>
                    <Route path=path!("/rapportage/poster") view=OtherApp/>
                    <Route path=path!("/scenarios") view=OtherApp/>
                    <Route path=path!("/inwoners/:id") view=ResidentPage/>
                    <Route path=path!("/inwoners/:id/meting") view=MeasurementPage/>
                    <Route path=path!("/inwoners/:id/nieuw/:soort") view=RecordPage/>
                    <Route path=path!("/inwoners/:id/:soort/:rid") view=RecordPage/>
                </FlatRoutes>
            </Layout>
        </Router>
    }
}

/// Mount the app on the page body. The app shell is kept for offline use by the service worker
/// (public/sw.js, see `update`); the data itself is in IndexedDB.
pub fn start() {
    mount_staff(App);
}

/// Mount one of the staff apps (the workspace, the administration pages, the report and
/// scenarios) on the body, remembering the address it was loaded for (`routes::elsewhere`).
pub fn mount_staff<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    console_error_panic_hook::set_once();
    crate::browser::remember_start();
    crate::browser::app_started();
    leptos::mount::mount_to_body(app);
}
