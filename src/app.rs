//! The application shell: language context, router and the page routes.

use crate::components::layout::Layout;
use crate::form::provide_form;
use crate::i18n::provide_i18n;
use crate::routes::form::{FormRoute, StartPage};
use crate::routes::{home::Home, not_found::NotFound, performance::Performance, rules::RulesPage};
use crate::routes::{inbox::InboxPage, measurement::MeasurementPage, sign_in::SignIn};
use crate::session::provide_session;
use crate::sync::provide_sync;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_form();
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
                    <Route path=path!("/inwoners/:id/meting") view=MeasurementPage/>
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
    leptos::mount::mount_to_body(App);
}
