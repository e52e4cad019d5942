//! An address of the other staff app (the workspace and the administration pages are two
//! bundles): the page is loaded from the server, which serves that app there. When the server
//! answered with this app anyway (the other one is not built), the page does not exist here.

use crate::i18n::use_i18n;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;

#[component]
pub fn OtherApp() -> impl IntoView {
    let i = use_i18n();
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let query = location.search.get_untracked();
    let query = query.trim_start_matches('?');
    let target = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if crate::browser::load_other_app(target) {
        view! { <p class="utrecht-paragraph" role="status">{move || i.t("Bezig met laden…", "Loading…")}</p> }.into_any()
    } else {
        view! { <NotFound/> }.into_any()
    }
}
