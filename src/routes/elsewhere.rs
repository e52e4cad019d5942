//! An address of another staff app (the workspace, the administration pages and the report
//! with the scenarios are three bundles): the page is loaded from the server, which serves
//! that app there. When the server answered with this app anyway (the other one is not built),
//! the page does not exist here.
//! Offline (the workspace on a home visit) the other app cannot load: that is said, with a
//! button to try again, instead of the browser's own error page.

use crate::i18n::use_i18n;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;

#[component]
pub fn OtherApp() -> impl IntoView {
    let i = use_i18n();
    let target = crate::nav::use_nav().here_untracked();
    if !crate::browser::online() {
        let again = target.clone();
        return view! {
            <h1 class="utrecht-heading-1">{i.tr("Geen verbinding", "No connection")}</h1>
            <div class="utrecht-alert utrecht-alert--warning" role="status" data-testid="andere-app-offline">
                <p class="utrecht-paragraph">{move || i.t(
                    "Deze pagina werkt alleen met een verbinding; u bent nu offline. Uw werk in de werkplek blijft bewaard.",
                    "This page works with a connection only; you are offline now. Your work in the workspace is kept.")}</p>
            </div>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| {
                if crate::browser::online() { crate::browser::load_other_app(again.clone()); }
            }>{i.tr("Opnieuw proberen", "Try again")}</button>
        }
        .into_any();
    }
    if crate::browser::load_other_app(target) {
        view! { <p class="utrecht-paragraph" role="status">{i.tr("Bezig met laden…", "Loading…")}</p> }.into_any()
    } else {
        view! { <NotFound/> }.into_any()
    }
}
