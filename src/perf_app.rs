//! The developers' performance page as an app of its own (`prestatie.html`, built by Trunk to
//! `dist/prestatie/`): the rules over 410,000 synthetic residents and the council report in
//! this browser. Kept out of the staff app and the form, which do not need the synthetic
//! population or the batch path; reached by its address only.

use crate::components::layout::{PlainFrame, STAFF_FOOTER};
use crate::i18n::provide_i18n;
use crate::routes::performance::Performance;
use leptos::prelude::*;

#[component]
pub fn PerformanceApp() -> impl IntoView {
    provide_i18n();
    view! {
        <PlainFrame home="/" footer=STAFF_FOOTER>
            <Performance/>
        </PlainFrame>
    }
}

/// Mount the performance page on the body.
pub fn start_performance() {
    console_error_panic_hook::set_once();
    crate::browser::app_started();
    leptos::mount::mount_to_body(PerformanceApp);
}
