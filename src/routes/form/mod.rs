//! The resident's self-service form (public, no sign-in): start page, one question per page,
//! check your answers, and the receipt. Addresses name pages only, never personal data.

mod check;
mod fields;
mod start;
mod step;

use crate::components::not_found::NotFoundPage;
use leptos::prelude::*;
use meedoen_domain::form::{Draft, Step};
use meedoen_domain::Lang;

pub use start::StartPage;

/// The page's address.
pub fn form_path(step: Step) -> String {
    format!("/formulier/{}", step.slug())
}

/// "Question 2 of 9" (the check page is not a question).
pub fn progress(d: &Draft, step: Step, lang: Lang) -> String {
    let steps = d.steps();
    let n = steps.len() - 1;
    match steps.iter().position(|s| *s == step) {
        Some(i) if step != Step::Controleren => match lang {
            Lang::Nl => format!("Vraag {} van {n}", i + 1),
            Lang::En => format!("Question {} of {n}", i + 1),
        },
        _ => match lang {
            Lang::Nl => "Laatste stap".into(),
            Lang::En => "Last step".into(),
        },
    }
}

/// The page title for a step.
pub fn question_title(step: Step, lang: Lang) -> String {
    let (nl, en) = match step {
        Step::Nu => ("Wat doet u nu?", "What do you do now?"),
        Step::Vaak(_) => ("Hoe vaak doet u dit?", "How often do you do this?"),
        Step::Wil => ("Wat zou u graag willen doen?", "What would you like to do?"),
        Step::Moeilijk => (
            "Wat maakt meedoen moeilijk?",
            "What makes taking part hard?",
        ),
        Step::Naam => ("Wat is uw naam?", "What is your name?"),
        Step::Geboortedatum => ("Wat is uw geboortedatum?", "What is your date of birth?"),
        Step::Contact => ("Hoe kunnen we u bereiken?", "How can we reach you?"),
        Step::Wanneer => ("Wanneer kunnen we u bereiken?", "When can we reach you?"),
        Step::Controleren => ("Controleer uw antwoorden", "Check your answers"),
    };
    match lang {
        Lang::Nl => nl.into(),
        Lang::En => en.into(),
    }
}

/// `/formulier/:stap`: a question, the check page or the receipt.
#[component]
pub fn FormRoute(slug: String) -> impl IntoView {
    match Step::from_slug(&slug) {
        Some(Step::Controleren) => view! { <check::CheckPage/> }.into_any(),
        Some(step) => view! { <step::StepPage step=step/> }.into_any(),
        None if slug == "ontvangen" => view! { <start::ReceiptPage/> }.into_any(),
        None => view! { <FormNotFound/> }.into_any(),
    }
}

/// A form address that does not exist.
#[component]
pub fn FormNotFound() -> impl IntoView {
    view! { <NotFoundPage home="/formulier" link=("Naar het begin van het formulier", "Go to the start of the form")/> }
}
