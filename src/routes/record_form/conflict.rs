//! The conflict chooser: when someone else changed a field since the version a change started
//! from, both values stand side by side and the consultant chooses per field which stays —
//! nothing is overwritten without that choice.

use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::wire::Conflict;
use serde_json::Value;

/// A value as the chooser shows it.
fn shown(v: &Value) -> String {
    match v {
        Value::Null => "—".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The conflicting fields, each with "keep the server's" (false) or "mine" (true).
#[component]
pub fn ConflictChooser(
    conflicts: RwSignal<Vec<(Conflict, bool)>>,
    on_resolve: Callback<()>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        {show_if(move || !conflicts.read().is_empty(), move || view! {
            <section class="conflict card" id="conflict" tabindex="-1" aria-labelledby="conflict-kop" data-testid="conflict">
                <h2 class="utrecht-heading-2" id="conflict-kop">{i.tr("Iemand anders wijzigde dit intussen", "Someone else changed this meanwhile")}</h2>
                <p class="utrecht-paragraph">{i.tr("Kies per veld welke waarde blijft. Er wordt niets overschreven zonder uw keuze.", "Choose per field which value stays. Nothing is overwritten without your choice.")}</p>
                {move || conflicts.get().into_iter().enumerate().map(|(n, (c, mine))| view! {
                    <fieldset class="utrecht-form-fieldset__fieldset conflict__field">
                        <legend class="utrecht-form-label">{c.veld.clone()}</legend>
                        <div class="conflict__options">
                            <div class="choice choice--small">
                                <input class="choice__input" type="radio" name=format!("c-{n}") id=format!("c-{n}-server") prop:checked=!mine on:change=move |_| conflicts.update(|l| l[n].1 = false)/>
                                <label class="choice__label" for=format!("c-{n}-server")>{i.tr("Op de server: ", "On the server: ")}<strong>{shown(&c.server_waarde)}</strong></label>
                            </div>
                            <div class="choice choice--small">
                                <input class="choice__input" type="radio" name=format!("c-{n}") id=format!("c-{n}-eigen") prop:checked=mine on:change=move |_| conflicts.update(|l| l[n].1 = true)/>
                                <label class="choice__label" for=format!("c-{n}-eigen")>{i.tr("Uw waarde: ", "Your value: ")}<strong>{shown(&c.uw_waarde)}</strong></label>
                            </div>
                        </div>
                    </fieldset>
                }).collect_view()}
                <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="conflict-oplossen" on:click=move |_| on_resolve.run(())>{i.tr("Opslaan met deze keuzes", "Save with these choices")}</button>
            </section>
        }.into_any())}
    }
}
