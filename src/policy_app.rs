//! The council report (with its poster) and the budget scenarios as an app of their own
//! (`beleid.html`, built by Trunk to `dist/beleid/`, served at `/rapportage…` and `/scenarios`).
//! Team leads and policy staff read them; with their charts, tables and the scenario maths
//! they weighed 155 KB gzip in the workspace that every consultant loads on a home visit
//! (docs/first-load.md). Same frame, session and language as the other staff apps; a link to
//! another staff page loads that app (`routes::elsewhere`). No service worker keeps these
//! pages: their figures come from the server.

use crate::components::layout::Layout;
use crate::nav::{pages, Route};
use crate::routes::elsewhere::OtherApp;
use crate::routes::report::{PosterPage, ReportPage};
use crate::routes::scenarios::ScenariosPage;
use leptos::prelude::*;

/// The app's pages by address (`crate::nav`).
const ROUTES: &[Route] = &[
    Route {
        path: "/rapportage",
        view: || view! { <ReportPage/> }.into_any(),
    },
    Route {
        path: "/rapportage/poster",
        view: || view! { <PosterPage/> }.into_any(),
    },
    Route {
        path: "/scenarios",
        view: || view! { <ScenariosPage/> }.into_any(),
    },
];

#[component]
pub fn PolicyApp() -> impl IntoView {
    crate::app::provide_staff();
    view! {
        <Layout>
            {pages(ROUTES, || view! { <OtherApp/> }.into_any())}
        </Layout>
    }
}

/// Mount the report and scenarios app on the body.
pub fn start_policy() {
    crate::app::mount_staff(PolicyApp);
}
