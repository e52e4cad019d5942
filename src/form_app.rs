//! The resident's form as an app of its own (`formulier.html`, built by Trunk to
//! `dist/formulier/`): its pages, its checks, its draft storage and nothing of the staff
//! workspace, so a resident on a phone downloads only what the nine questions need.

use crate::components::layout::{LangSwitch, MainContent, SkipLink};
use crate::form::nav::{provide_nav, Page};
use crate::form::provide_form;
use crate::i18n::{provide_i18n, use_i18n};
use crate::routes::form::{FormNotFound, FormRoute, StartPage};
use leptos::prelude::*;

/// Skip link, a header with the name and the language switch, the main landmark, a footer.
#[component]
fn FormLayout(children: Children) -> impl IntoView {
    let i = use_i18n();
    view! {
        <SkipLink/>
        <header class="site-header">
            <div class="site-header__inner">
                <a href="/formulier" class="site-header__name">"Meedoen"</a>
                <LangSwitch/>
            </div>
        </header>
        <MainContent>{children()}</MainContent>
        <footer class="site-footer">
            <p class="utrecht-paragraph">{move || i.t(
                "Dit formulier gaat naar de afdeling Participatie van uw gemeente. U kunt stoppen en later verder gaan op dit apparaat.",
                "This form goes to your municipality's participation team. You can stop and continue later on this device.")}</p>
        </footer>
    }
}

#[component]
pub fn FormApp() -> impl IntoView {
    provide_i18n();
    provide_form();
    crate::update::provide_update("/formulier/sw.js", "/formulier");
    let page = provide_nav().page();
    view! {
        <FormLayout>
            {move || match page.get() {
                Page::Start => view! { <StartPage/> }.into_any(),
                Page::Named(slug) => view! { <FormRoute slug=slug/> }.into_any(),
                Page::Unknown => view! { <FormNotFound/> }.into_any(),
            }}
        </FormLayout>
    }
}

/// Mount the form on the page body.
pub fn start_form() {
    console_error_panic_hook::set_once();
    crate::browser::app_started();
    leptos::mount::mount_to_body(FormApp);
}
