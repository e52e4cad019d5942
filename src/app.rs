//! The application shell: language context, router and the page routes.

use crate::components::layout::Layout;
use crate::i18n::provide_i18n;
use crate::nav::{pages, provide_nav, Route};
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

/// What both staff apps (the workspace and the administration pages) provide: language, the
/// browser's copy of the caseload, the session and the queue of changes.
pub fn provide_staff() {
    provide_nav(staff_address);
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

/// Whether a link is followed inside a staff app: every address of the site but the API, the
/// resident's form and the developers' page. The other staff apps' addresses are routes that
/// load that app (`routes::elsewhere`), so Back and Forward cross between them.
fn staff_address(path: &str) -> bool {
    !["/api", "/formulier", "/prestatie"]
        .into_iter()
        .any(|base| crate::nav::under(path, base))
}

/// The app's pages by address (`crate::nav`).
const ROUTES: &[Route] = &[
    Route {
        path: "/",
        view: || view! { <Home/> }.into_any(),
    },
    Route {
        path: "/regels",
        view: || view! { <RulesPage/> }.into_any(),
    },
    Route {
        path: "/inloggen",
        view: || view! { <SignIn/> }.into_any(),
    },
    Route {
        path: "/account",
        view: || view! { <AccountPage/> }.into_any(),
    },
    Route {
        path: "/beheer/*any",
        view: || view! { <OtherApp/> }.into_any(),
    },
    Route {
        path: "/inbox",
        view: || view! { <InboxPage/> }.into_any(),
    },
    Route {
        path: "/werk",
        view: || view! { <CaseloadPage/> }.into_any(),
    },
    Route {
        path: "/wachtlijst",
        view: || view! { <WaitingPage/> }.into_any(),
    },
    Route {
        path: "/wijzigingen",
        view: || view! { <ChangesPage/> }.into_any(),
    },
    Route {
        path: "/rapportage",
        view: || view! { <OtherApp/> }.into_any(),
    },
    Route {
        path: "/rapportage/poster",
        view: || view! { <OtherApp/> }.into_any(),
    },
    Route {
        path: "/scenarios",
        view: || view! { <OtherApp/> }.into_any(),
    },
    Route {
        path: "/inwoners/:id",
        view: || view! { <ResidentPage/> }.into_any(),
    },
    Route {
        path: "/inwoners/:id/meting",
        view: || view! { <MeasurementPage/> }.into_any(),
    },
    Route {
        path: "/inwoners/:id/nieuw/:soort",
        view: || view! { <RecordPage/> }.into_any(),
    },
    Route {
        path: "/inwoners/:id/:soort/:rid",
        view: || view! { <RecordPage/> }.into_any(),
    },
];

#[component]
pub fn App() -> impl IntoView {
    crate::update::provide_update("/sw.js", "/");
    provide_staff();
    view! {
        <Layout>
            {pages(ROUTES, || view! { <NotFound/> }.into_any())}
        </Layout>
    }
}

/// One of the staff apps beside the workspace (the administration pages, Klant in Beeld, the
/// report, the scenarios): the staff frame around the pages of `routes`; every other address
/// is another app's (`routes::elsewhere`).
pub fn staff_pages(routes: &'static [Route]) -> impl IntoView {
    provide_staff();
    view! {
        <Layout>
            {pages(routes, || view! { <OtherApp/> }.into_any())}
        </Layout>
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
    crate::browser::focus_as_before_start();
}
