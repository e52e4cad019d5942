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
use crate::routes::elsewhere::OtherApp;
use crate::routes::import::ImportPage;
use crate::routes::in_view::{InViewPage, InViewSheetPage};
use crate::routes::partners::PartnersPage;
use crate::routes::signals::SignalsPage;
use crate::routes::srg::SrgPage;
use crate::routes::{admin::SettingsPage, admin::UsersPage, audit::AuditPage};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

#[component]
pub fn AdminApp() -> impl IntoView {
    crate::app::provide_staff();
    view! {
        <Router>
            <Layout>
                <FlatRoutes fallback=|| view! { <OtherApp/> }>
                    <Route path=path!("/beheer/gebruikers") view=UsersPage/>
                    <Route path=path!("/beheer/audit") view=AuditPage/>
                    <Route path=path!("/beheer/instellingen") view=SettingsPage/>
                    <Route path=path!("/beheer/import") view=ImportPage/>
                    <Route path=path!("/beheer/partners") view=PartnersPage/>
                    <Route path=path!("/beheer/srg") view=SrgPage/>
                    <Route path=path!("/beheer/signalen") view=SignalsPage/>
                    <Route path=path!("/beheer/klant-in-beeld") view=InViewPage/>
                    <Route path=path!("/beheer/klant-in-beeld/:id") view=InViewSheetPage/>
                </FlatRoutes>
            </Layout>
        </Router>
    }
}

/// Mount the administration app on the body.
pub fn start_admin() {
    crate::app::mount_staff(AdminApp);
}
