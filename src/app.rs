//! The application shell: language context, router and the page routes.

use crate::components::layout::Layout;
use crate::i18n::provide_i18n;
use crate::routes::{home::Home, not_found::NotFound, performance::Performance, rules::RulesPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/regels") view=RulesPage/>
                    <Route path=path!("/prestatie") view=Performance/>
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
