//! Check your answers: every answer with a link to change it, then send. Problems (found here
//! or by the server) are listed at the top, each leading to the page and input to fix. While
//! the form is being delivered the page says so plainly, and keeps trying.

use super::form_path;
use crate::browser;
use crate::components::error_summary::{ErrorSummary, Item, SUMMARY_ID};
use crate::form::{use_form, SaveState, Sending};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::form::{Draft, Problem, Step};
use meedoen_domain::Lang;

/// Rows of the summary: (page, question, answer lines).
fn rows(d: &Draft, lang: Lang) -> Vec<(Step, String, Vec<String>)> {
    let t = |nl: &str, en: &str| {
        if lang == Lang::Nl {
            nl.to_string()
        } else {
            en.to_string()
        }
    };
    let none = t("Niets gekozen", "Nothing chosen");
    let list = |v: Vec<String>| if v.is_empty() { vec![none.clone()] } else { v };
    let mut r = vec![(
        Step::Nu,
        t("Wat doet u nu?", "What do you do now?"),
        if d.nu_geen {
            vec![t("Geen van deze", "None of these")]
        } else {
            list(
                d.nu.iter()
                    .map(|x| x.soort.label().get(lang).to_string())
                    .collect(),
            )
        },
    )];
    for x in &d.nu {
        let mut a = vec![x.hoe_vaak.map_or_else(
            || t("Nog niet beantwoord", "Not answered yet"),
            |h| h.label().get(lang).to_string(),
        )];
        if x.soort.asks_hours() && !x.uren.trim().is_empty() {
            a.push(format!(
                "{} {}",
                x.uren.trim(),
                t("uur per week", "hours a week")
            ));
        }
        let s = x.soort.short();
        r.push((
            Step::Vaak(x.soort),
            t(
                &format!("Hoe vaak: {}", s.nl),
                &format!("How often: {}", s.en),
            ),
            a,
        ));
    }
    let mut wil = list(
        d.wil
            .iter()
            .map(|a| a.label().get(lang).to_string())
            .collect(),
    );
    if !d.wil_toelichting.trim().is_empty() {
        wil.push(d.wil_toelichting.trim().to_string());
    }
    r.push((
        Step::Wil,
        t("Wat zou u graag willen doen?", "What would you like to do?"),
        wil,
    ));
    let mut hard = list(
        d.moeilijk
            .iter()
            .map(|o| o.label().get(lang).to_string())
            .collect(),
    );
    if !d.moeilijk_toelichting.trim().is_empty() {
        hard.push(d.moeilijk_toelichting.trim().to_string());
    }
    r.push((
        Step::Moeilijk,
        t(
            "Wat maakt meedoen moeilijk?",
            "What makes taking part hard?",
        ),
        hard,
    ));
    r.push((
        Step::Naam,
        t("Naam", "Name"),
        vec![d.naam.trim().to_string()],
    ));
    r.push((
        Step::Geboortedatum,
        t("Geboortedatum", "Date of birth"),
        vec![d.birth_date_text(lang)],
    ));
    let mut how = vec![d.manier.map_or_else(
        || t("Nog niet beantwoord", "Not answered yet"),
        |c| c.label().get(lang).to_string(),
    )];
    match d.manier {
        Some(meedoen_domain::submission::Channel::Telefoon) => {
            how.push(d.telefoon.trim().to_string())
        }
        Some(meedoen_domain::submission::Channel::Email) => how.push(d.email.trim().to_string()),
        _ => {}
    }
    r.push((
        Step::Contact,
        t("Hoe we u bereiken", "How we reach you"),
        how,
    ));
    r.push((
        Step::Wanneer,
        t("Wanneer", "When"),
        list(
            d.wanneer
                .iter()
                .map(|p| p.label().get(lang).to_string())
                .collect(),
        ),
    ));
    r
}

fn items(problems: Vec<Problem>) -> Vec<Item> {
    problems
        .into_iter()
        .map(|p| Item {
            page: (p.step != Step::Controleren).then(|| form_path(p.step)),
            input: p.input,
            message: p.message,
        })
        .collect()
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let i = use_i18n();
    let form = use_form();
    let nav = crate::form::nav::use_nav();
    let problems = RwSignal::new(Vec::<Problem>::new());
    let summary = Signal::derive(move || {
        let mut p = problems.get();
        if let Sending::Refused(r) = form.sending.get() {
            p.extend(r);
        }
        items(p)
    });
    Effect::new(move |_| {
        let prefix = if summary.read().is_empty() {
            ""
        } else {
            i.t("Fout: ", "Error: ")
        };
        browser::set_title(&format!(
            "{prefix}{}",
            i.t("Controleer uw antwoorden", "Check your answers")
        ));
    });
    Effect::new(move |_| {
        if form.sending.get() == Sending::Delivered {
            form.sending.set(Sending::Idle);
            nav.go("/formulier/ontvangen");
        }
    });
    let go_fix = Callback::new(move |item: Item| {
        form.focus_on.set(Some(item.input.clone()));
        nav.go(&format!(
            "{}?terug=controleren",
            item.page.unwrap_or_default()
        ));
    });
    browser::after_render(|| browser::focus("vraag"));
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form
            .draft
            .with_untracked(|d| d.to_submission(i.lang.get_untracked(), browser::today()))
        {
            Ok(s) => {
                problems.set(vec![]);
                form.send(s);
            }
            Err(p) => {
                problems.set(p);
                browser::after_render(|| browser::focus(SUMMARY_ID));
            }
        }
    };
    view! {
        <ErrorSummary items=summary on_other_page=go_fix/>
        <p class="caption">{i.tr("Laatste stap", "Last step")}</p>
        <h1 class="utrecht-heading-1" id="vraag" tabindex="-1">{i.tr("Controleer uw antwoorden", "Check your answers")}</h1>
        <dl class="summary-list" data-testid="antwoorden">
            {move || form.draft.with(|d| rows(d, i.lang.get())).into_iter().map(|(step, q, answer)| {
                let locked = form.outgoing.read().is_some();
                view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{q.clone()}</dt>
                        <dd class="summary-list__value">{answer.into_iter().map(|a| view! { <span class="summary-list__line">{a}</span> }).collect_view()}</dd>
                        <dd class="summary-list__action">
                            {(!locked).then(|| view! {
                                <a href=format!("{}?terug=controleren", form_path(step))>{i.t("Wijzigen", "Change")}<span class="visually-hidden">{format!(": {q}")}</span></a>
                            })}
                        </dd>
                    </div>
                }
            }).collect_view()}
        </dl>
        <h2 class="utrecht-heading-2">{i.tr("Wat gebeurt er met uw antwoorden?", "What happens to your answers?")}</h2>
        <p class="utrecht-paragraph">{move || i.t(
            "Een participatieconsulent van de gemeente leest uw antwoorden. Samen met u kijkt de consulent welke mogelijkheden er zijn. De computer neemt geen besluit over u.",
            "A participation consultant of the municipality reads your answers. Together with you, the consultant looks at the options. The computer makes no decision about you.")}</p>
        <div role="status" aria-live="polite" data-testid="verzendstatus" class="send-status">
            {move || match form.sending.get() {
                Sending::Busy => view! { <p class="utrecht-paragraph">{i.t("Bezig met versturen…", "Sending…")}</p> }.into_any(),
                Sending::Waiting { attempts, reason } => view! {
                    <div class="utrecht-alert utrecht-alert--warning">
                        <p class="utrecht-paragraph"><strong>{i.t("Nog niet verstuurd.", "Not sent yet.")}</strong>" "{i.text(&reason)}</p>
                        <p class="utrecht-paragraph">{if form.saved.get() == SaveState::Failed {
                            // Not kept on this device: closing the page would lose the answers.
                            i.t(
                                "Uw antwoorden konden niet op dit apparaat bewaard worden. Laat deze pagina open: we proberen het vanzelf opnieuw.",
                                "Your answers could not be kept on this device. Keep this page open: we try again by ourselves.")
                        } else {
                            i.t(
                                "Uw antwoorden zijn bewaard. We proberen het vanzelf opnieuw, ook als u de pagina later weer opent. U hoeft niets te doen.",
                                "Your answers are kept. We try again by ourselves, also when you open the page again later. You do not need to do anything.")
                        }}
                            {format!(" ({} {attempts})", i.t("pogingen:", "attempts:"))}</p>
                    </div>
                }.into_any(),
                _ => ().into_any(),
            }}
        </div>
        <form novalidate on:submit=send>
            <button type="submit" id="versturen" class="utrecht-button utrecht-button--primary-action" data-testid="versturen"
                disabled=move || form.outgoing.read().is_some()>
                {i.tr("Versturen", "Send")}
            </button>
        </form>
    }
}
