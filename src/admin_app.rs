//! The administration pages and Klant in Beeld, two apps of their own:
//! - the administration (`beheer.html`, built by Trunk to `dist/beheer/`, served at
//!   `/beheer/…`): users, audit log, settings, the income department's import, partner
//!   organisations, the SRG delivery to CBS and the income department's signals;
//! - Klant in Beeld (`inbeeld.html`, built to `dist/inbeeld/`, served at
//!   `/beheer/klant-in-beeld…`): the indicators, the progress, the assessor's batches.
//!
//! They are used by the team lead, the administrator, the income department and the assessor
//! now and then, so the workspace a consultant opens on a home visit does not carry them; and
//! together they weighed 399 KB gzip, over the staff budget of 350 KB: the administration
//! alone is 333 KB, Klant in Beeld 287 KB (docs/first-load.md). Same frame, session and
//! language as the workspace; a link to a page of another staff app loads that app
//! (`routes::elsewhere`). No service worker keeps these pages: they work with the server.

use crate::app::{mount_staff, staff_pages};
use crate::nav::Route;
use crate::routes::import::ImportPage;
use crate::routes::in_view::{InViewPage, InViewSheetPage};
use crate::routes::partners::PartnersPage;
use crate::routes::signals::SignalsPage;
use crate::routes::srg::SrgPage;
use crate::routes::{admin::SettingsPage, admin::UsersPage, audit::AuditPage};
use leptos::prelude::*;

/// The administration's pages by address (`crate::nav`).
const ADMIN: &[Route] = &[
    Route {
        path: "/beheer/gebruikers",
        view: || view! { <UsersPage/> }.into_any(),
    },
    Route {
        path: "/beheer/audit",
        view: || view! { <AuditPage/> }.into_any(),
    },
    Route {
        path: "/beheer/instellingen",
        view: || view! { <SettingsPage/> }.into_any(),
    },
    Route {
        path: "/beheer/import",
        view: || view! { <ImportPage/> }.into_any(),
    },
    Route {
        path: "/beheer/partners",
        view: || view! { <PartnersPage/> }.into_any(),
    },
    Route {
        path: "/beheer/srg",
        view: || view! { <SrgPage/> }.into_any(),
    },
    Route {
        path: "/beheer/signalen",
        view: || view! { <SignalsPage/> }.into_any(),
    },
];

/// Klant in Beeld's pages.
const IN_VIEW: &[Route] = &[
    Route {
        path: "/beheer/klant-in-beeld",
        view: || view! { <InViewPage/> }.into_any(),
    },
    Route {
        path: "/beheer/klant-in-beeld/:id",
        view: || view! { <InViewSheetPage/> }.into_any(),
    },
];

/// Mount the administration app on the body.
pub fn start_admin() {
    mount_staff(|| staff_pages(ADMIN));
}

/// Mount Klant in Beeld on the body.
pub fn start_in_view() {
    mount_staff(|| staff_pages(IN_VIEW));
}
