//! The resident's form as an app of its own (`formulier.html`, built by Trunk to
//! `dist/formulier/`): its pages, its checks, its draft storage and nothing of the staff
//! workspace, so a resident on a phone downloads only what the nine questions need.

use crate::components::layout::PlainFrame;
use crate::form::nav::{provide_nav, Page};
use crate::form::provide_form;
use crate::i18n::provide_i18n;
use crate::routes::form::{FormNotFound, FormRoute, StartPage};
use leptos::prelude::*;

/// What the form's footer says.
const FOOTER: (&str, &str) = (
    "Dit formulier gaat naar de afdeling Participatie van uw gemeente. U kunt stoppen en later verder gaan op dit apparaat.",
    "This form goes to your municipality's participation team. You can stop and continue later on this device.",
);

#[component]
pub fn FormApp() -> impl IntoView {
    provide_i18n();
    provide_form();
    crate::update::provide_update("/formulier/sw.js", "/formulier");
    let page = provide_nav();
    view! {
        <PlainFrame home="/formulier" footer=FOOTER>
            {move || match page.get() {
                Page::Start => view! { <StartPage/> }.into_any(),
                Page::Named(slug) => view! { <FormRoute slug=slug/> }.into_any(),
                Page::Unknown => view! { <FormNotFound/> }.into_any(),
            }}
        </PlainFrame>
    }
}

/// Mount the form on the page body.
pub fn start_form() {
    console_error_panic_hook::set_once();
    crate::browser::app_started();
    leptos::mount::mount_to_body(FormApp);
    crate::browser::focus_as_before_start();
}
