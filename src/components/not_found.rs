//! "Page not found" for an address an app does not have, with a link to that app's start. A
//! plain link: the staff apps' router follows it, and so does the form's own (`form::nav`).

use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage(
    /// Where the link leads: the app's start.
    home: &'static str,
    /// The link's text, Dutch and English.
    link: (&'static str, &'static str),
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Pagina niet gevonden", "Page not found")}</h1>
        <p class="utrecht-paragraph">{i.tr("Dit adres bestaat niet.", "This address does not exist.")}" "
            <a href=home>{move || i.t(link.0, link.1)}</a></p>
    }
}
