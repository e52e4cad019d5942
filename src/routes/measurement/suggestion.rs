//! The live suggestion beside a measurement: step, trajectory and WSP advice computed by the
//! domain crate in this tab on every edit, what is still needed, and the explanation.

use crate::i18n::use_i18n;
use crate::routes::inbox::trajectory_label;
use leptos::prelude::*;
use meedoen_domain::number::fixed;
use meedoen_domain::records::{FieldError, Suggestion};
use meedoen_domain::{Explanation, Outcome, RawFacts};

/// What the rules make of the facts as typed, or why they cannot yet.
pub type Live = Result<(RawFacts, (Suggestion, Outcome, Explanation)), Vec<FieldError>>;

#[component]
pub fn SuggestionPanel(
    live: Memo<Live>,
    last_ms: RwSignal<f64>,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let l = move || i.lang.get();
    view! {
        <aside class="measure__live card" aria-labelledby="suggestie-kop" tabindex="0">
            <h2 class="utrecht-heading-2" id="suggestie-kop">{i.tr("Suggestie van de regels", "Suggestion of the rules")}</h2>
            <div aria-live="polite" data-testid="suggestie" data-ms=move || fixed(last_ms.get(), 3)>
                {move || match live.get() {
                    Err(e) => view! { <p class="utrecht-paragraph">{e.first().map(|x| i.text(&x.message))}</p> }.into_any(),
                    Ok((_, (sug, out, ex))) => view! {
                        <p class="suggestion" data-testid="suggestie-trede">{match sug.trede { Some(t) => format!("{} {t}", i.t("Trede", "Step")), None => i.t("Trede nog niet te bepalen", "Step not yet known").to_string() }}</p>
                        <p class="utrecht-paragraph" data-testid="suggestie-traject">{sug.traject.as_deref().map(|t| trajectory_label(t, l())).unwrap_or_default()}
                            {sug.wsp.map(|w| if w { i.t(" · overdragen aan het WSP", " · hand over to the WSP") } else { "" })}</p>
                        {(!out.ontbreekt.is_empty()).then(|| view! { <p class="utrecht-paragraph">{i.t("Nog nodig: ", "Still needed: ")}{out.ontbreekt.iter().map(|m| m.label.get(l()).to_string()).collect::<Vec<_>>().join(", ")}</p> })}
                        <h3 class="utrecht-heading-3">{i.t("Uitleg", "Explanation")}</h3>
                        <ul class="explanation" data-testid="uitleg">{ex.lines(l()).into_iter().map(|x| view! { <li>{x.to_string()}</li> }).collect_view()}</ul>
                        <p class="rules-version">{format!("{} {}", i.t("Regels:", "Rules:"), out.regels)}</p>
                    }.into_any(),
                }}
            </div>
            {children()}
        </aside>
    }
}
