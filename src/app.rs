//! The application shell: language context, router and the page routes.

use crate::components::layout::Layout;
use crate::form::provide_form;
use crate::i18n::provide_i18n;
use crate::routes::form::{FormRoute, StartPage};
use crate::routes::{
    caseload::CaseloadPage, changes::ChangesPage, inbox::InboxPage, measurement::MeasurementPage,
    record_form::RecordPage, report::PosterPage, report::ReportPage, resident::ResidentPage,
    scenarios::ScenariosPage, sign_in::SignIn, waiting::WaitingPage,
};
use crate::routes::{home::Home, not_found::NotFound, performance::Performance, rules::RulesPage};
use crate::session::provide_session;
use crate::sync::provide_sync;
use crate::workspace::provide_workspace;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_form();
    provide_workspace();
    provide_session();
    provide_sync();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/regels") view=RulesPage/>
                    <Route path=path!("/prestatie") view=Performance/>
                    <Route path=path!("/inloggen") view=SignIn/>
                    <Route path=path!("/inbox") view=InboxPage/>
                    <Route path=path!("/werk") view=CaseloadPage/>
                    <Route path=path!("/wachtlijst") view=WaitingPage/>
                    <Route path=path!("/wijzigingen") view=ChangesPage/>
                    <Route path=path!("/rapportage") view=ReportPage/>
                    <Route path=path!("/rapportage/poster") view=PosterPage/>
                    <Route path=path!("/scenarios") view=ScenariosPage/>
                    <Route path=path!("/inwoners/:id") view=ResidentPage/>
                    <Route path=path!("/inwoners/:id/meting") view=MeasurementPage/>
                    <Route path=path!("/inwoners/:id/nieuw/:soort") view=RecordPage/>
                    <Route path=path!("/inwoners/:id/:soort/:rid") view=RecordPage/>
                    <Route path=path!("/formulier") view=StartPage/>
                    <Route path=path!("/formulier/:stap") view=FormRoute/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Mount the app on the page body.
pub fn start() {
    console_error_panic_hook::set_once();
    // The app shell for offline use (public/sw.js); the data itself is in IndexedDB.
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().service_worker().register("/sw.js");
    }
    leptos::mount::mount_to_body(App);
}
