//! A new release while the app is open. The service worker of a new build installs, removes the
//! old release's cache and takes over the page (`controllerchange`); the page then says a new
//! version is available and reloads only when the user asks. Queued changes and the form's draft
//! live in IndexedDB, so the reload loses neither.

use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[derive(Clone, Copy)]
pub struct Update {
    pub available: RwSignal<bool>,
}

/// Register the app's service worker (`url`, controlling `scope`) and listen for a newer one.
pub fn provide_update(url: &str, scope: &str) {
    let update = Update {
        available: RwSignal::new(false),
    };
    provide_context(update);
    let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) else {
        return;
    };
    let opts = web_sys::RegistrationOptions::new();
    opts.set_scope(scope);
    let _ = container.register_with_options(url, &opts);
    // The first worker to take over a page that had none is not an update; every later one is.
    let mut first_claim = container.controller().is_none();
    if first_claim {
        ask_to_be_claimed(&container);
    }
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if std::mem::take(&mut first_claim) {
            return;
        }
        update.available.set(true);
    });
    let _ = container
        .add_event_listener_with_callback("controllerchange", on_change.as_ref().unchecked_ref());
    on_change.forget();
}

/// A page that loaded while its worker was being activated (the workspace right after the
/// sign-in app installed it) is not controlled by it, and the worker's `clients.claim()` has
/// already run: once the worker is ready, the page asks it to claim it (`public/sw.js`), so it
/// works offline without a reload.
fn ask_to_be_claimed(container: &web_sys::ServiceWorkerContainer) {
    let Ok(ready) = container.ready() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else {
            return;
        };
        if let Some(active) = registration
            .dyn_into::<web_sys::ServiceWorkerRegistration>()
            .ok()
            .and_then(|r| r.active())
        {
            let _ = active.post_message(&JsValue::from_str("claim"));
        }
    });
}

/// "A new version is available" with a reload button, while one is.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let i = use_i18n();
    // An app without a service worker (the administration pages) has no updates to announce.
    let update = use_context::<Update>()?;
    let reload = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    Some(view! {
        {show_if(move || update.available.get(), move || view! {
            <div class="update-notice utrecht-alert utrecht-alert--info" role="status" data-testid="nieuwe-versie">
                <p class="utrecht-paragraph">{move || i.t(
                    "Er is een nieuwe versie van Meedoen. Wat u hebt ingevuld of nog moet versturen blijft bewaard.",
                    "A new version of Meedoen is available. What you entered or still have to send is kept.")}</p>
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="nieuwe-versie-laden" on:click=reload>
                    {i.tr("Nieuwe versie laden", "Load the new version")}
                </button>
            </div>
        }.into_any())}
    })
}
