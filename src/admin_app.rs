//! The administration pages as an app of their own (`beheer.html`, built by Trunk to
//! `dist/beheer/`, served at `/beheer/…`): users, audit log, settings, the income
//! department's import, partner organisations, the SRG delivery to CBS and the income
//! department's signals, Klant in Beeld (the indicators, the progress, the assessor's batches).
//! They are used by
//! the team lead and the administrator now and then, so the workspace a consultant opens on a
//! home visit does not carry them. Same frame, session and language as the workspace; a link
//! to a workspace page loads that app (`routes::elsewhere`). No service worker keeps these
//! pages: they work with the server.

use crate::components::layout::Layout;
use crate::nav::{pages, Route};
use crate::routes::elsewhere::OtherApp;
use crate::routes::import::ImportPage;
use crate::routes::in_view::{InViewPage, InViewSheetPage};
use crate::routes::partners::PartnersPage;
use crate::routes::signals::SignalsPage;
use crate::routes::srg::SrgPage;
use crate::routes::{admin::SettingsPage, admin::UsersPage, audit::AuditPage};
use leptos::prelude::*;

/// The app's pages by address (`crate::nav`).
const ROUTES: &[Route] = &[
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
    Route {
        path: "/beheer/klant-in-beeld",
        view: || view! { <InViewPage/> }.into_any(),
    },
    Route {
        path: "/beheer/klant-in-beeld/:id",
        view: || view! { <InViewSheetPage/> }.into_any(),
    },
];

#[component]
pub fn AdminApp() -> impl IntoView {
    crate::app::provide_staff();
    view! {
        <Layout>
            {pages(ROUTES, || view! { <OtherApp/> }.into_any())}
        </Layout>
    }
}

/// Mount the administration app on the body.
pub fn start_admin() {
    crate::app::mount_staff(AdminApp);
}
