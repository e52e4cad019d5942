//! The yearly infographic: the headline figures of the report on one A4 page, in the style of a
//! municipality's yearly poster. Big numbers with their words and the comparison with the
//! previous period; printing (to PDF) gives the council attachment.

use super::load_report;
use crate::browser;
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use meedoen_domain::report::Value;
use meedoen_domain::text::lower_first;

/// The figures on the poster, in reading order.
const POSTER: [&str; 9] = [
    "gesproken",
    "geactiveerd",
    "aandeel_geactiveerd",
    "uitstroom",
    "overdracht",
    "plaatsingen",
    "plaatsingen_sroi",
    "actief",
    "wachtlijst.nu",
];

#[component]
pub fn PosterPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Infographic", "Infographic")));
    view! { <RequireAction action=meedoen_domain::access::Action::Report><Poster/></RequireAction> }
}

#[component]
fn Poster() -> impl IntoView {
    let i = use_i18n();
    let lang = move || i.lang.get();
    let (report, problem) = load_report();
    view! {
        <div class="button-row no-print">
            <a href="/rapportage" class="back-link">{i.tr("Terug naar de rapportage", "Back to the report")}</a>
            <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="poster-afdrukken" on:click=move |_| browser::print()>{i.tr("Afdrukken of opslaan als PDF", "Print or save as PDF")}</button>
        </div>
        {move || problem.get().map(|p| view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&p)}</p></div> })}
        {move || report.get().map(|r| {
            let period = r.period_label(r.periode, lang());
            let before = r.period_label(r.vorige_periode, lang());
            view! {
                <article class="poster" data-testid="poster">
                    <header class="poster__head">
                        <p class="poster__kicker">{i.t("Maatschappelijke participatie en werk", "Social participation and work")}</p>
                        <h1 class="poster__title">{format!("{} {period}", i.t("Resultaten", "Results"))}</h1>
                    </header>
                    <ul class="poster__grid">
                        {POSTER.iter().filter_map(|id| r.figure(id)).map(|f| {
                            let (value, previous) = (f.waarde.text(), f.vorige.text());
                            let note = match (f.waarde, f.vorige, f.ambitie) {
                                (Value::Aantal(n), _, Some(goal)) => format!("{} {goal} · {}%", i.t("ambitie", "ambition"), u64::from(n) * 100 / u64::from(goal.max(1))),
                                (Value::Procent { van, .. }, _, _) => format!("{} {van} · {} {before}: {}", i.t("van", "of"), i.t("in", "in"), previous.get(lang())),
                                (_, Value::Onbekend, _) => format!("{} {}", i.t("op", "on"), r.peildatum),
                                _ => format!("{} {before}: {}", i.t("in", "in"), previous.get(lang())),
                            };
                            view! {
                                <li class="poster__item" data-testid=format!("poster-{}", f.id)>
                                    <span class="poster__number" title=value.get(lang()).to_string()>{f.waarde.short()}</span>
                                    <span class="poster__label">{lower_first(f.label.get(lang()))}</span>
                                    <span class="poster__note">{note}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <footer class="poster__foot">
                        <p>{format!("{} {}{}", i.t("Bron: geregistreerde gegevens in Meedoen, peildatum", "Source: registered data in Meedoen, reporting date"), r.peildatum,
                            r.drempel.map_or(String::new(), |t| format!(" · {} {t} {}", i.t("aantallen onder", "counts below"), i.t("getoond als '< n'", "shown as '< n'"))))}</p>
                    </footer>
                </article>
            }
        })}
    }
}
