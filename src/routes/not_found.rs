//! The page for an unknown address.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <h1 class="utrecht-heading-1">{move || i.t("Pagina niet gevonden", "Page not found")}</h1>
        <p class="utrecht-paragraph">{move || i.t("Dit adres bestaat niet.", "This address does not exist.")}" "
            <A href="/">{move || i.t("Naar de startpagina", "Go to the home page")}</A></p>
    }
}
