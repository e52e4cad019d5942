//! The page for an unknown address.

use crate::components::not_found::NotFoundPage;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <NotFoundPage home="/" link=("Naar de startpagina", "Go to the home page")/> }
}
