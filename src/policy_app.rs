//! The council report (with its poster) and the budget scenarios, two apps of their own:
//! - the report (`beleid.html`, built by Trunk to `dist/beleid/`, served at `/rapportage…`);
//! - the scenarios (`scenarios.html`, built to `dist/scenarios/`, served at `/scenarios`).
//!
//! Team leads and policy staff read them; with their charts, tables and the scenario maths
//! they weighed 155 KB gzip in the workspace that every consultant loads on a home visit, and
//! together 391 KB gzip, over the staff budget of 350 KB: the report alone is 270 KB, the
//! scenarios 335 KB (docs/first-load.md). Same frame, session and language as the other staff
//! apps; a link to another staff page, the report's to the scenarios too, loads that app
//! (`routes::elsewhere`). No service worker keeps these pages: their figures come from the
//! server.

use crate::app::{mount_staff, staff_pages};
use crate::nav::Route;
use crate::routes::report::{PosterPage, ReportPage};
use crate::routes::scenarios::ScenariosPage;
use leptos::prelude::*;

/// The report's pages by address (`crate::nav`).
const REPORT: &[Route] = &[
    Route {
        path: "/rapportage",
        view: || view! { <ReportPage/> }.into_any(),
    },
    Route {
        path: "/rapportage/poster",
        view: || view! { <PosterPage/> }.into_any(),
    },
];

/// The scenarios' page.
const SCENARIOS: &[Route] = &[Route {
    path: "/scenarios",
    view: || view! { <ScenariosPage/> }.into_any(),
}];

/// Mount the council report on the body.
pub fn start_policy() {
    mount_staff(|| staff_pages(REPORT));
}

/// Mount the budget scenarios on the body.
pub fn start_scenarios() {
    mount_staff(|| staff_pages(SCENARIOS));
}
