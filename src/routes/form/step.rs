//! One question per page of the resident's form. "Next" checks only this page; problems
//! appear in an error summary that takes the focus, each linked to its input. In change mode
//! (from the check page) "Next" returns to the check page, via any page still to answer.

use super::fields::{Choice, TextInput};
use super::{form_path, progress, question_title};
use crate::browser;
use crate::components::error_summary::{ErrorSummary, FieldError, Item, SUMMARY_ID};
use crate::components::shown::show_if;
use crate::form::use_form;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::form::{Problem, Step};
use meedoen_domain::submission::{Activity, Channel, DayPart, HowOften, Obstacle};
use meedoen_domain::Text;

#[component]
pub fn StepPage(step: Step) -> impl IntoView {
    let i = use_i18n();
    let form = use_form();
    let nav = crate::form::nav::use_nav();
    let change_mode = nav.has_query("terug");
    let today = browser::today();
    let show = RwSignal::new(false);
    let problems = Memo::new(move |_| form.draft.with(|d| d.problems_on(step, today)));
    let shown = Signal::derive(move || if show.get() { problems.get() } else { vec![] });
    let items = Signal::derive(move || {
        shown
            .get()
            .into_iter()
            .map(|p| Item {
                input: p.input,
                page: None,
                message: p.message,
            })
            .collect::<Vec<_>>()
    });
    Effect::new(move |_| {
        let title = question_title(step, i.lang.get());
        let prefix = if shown.read().is_empty() {
            ""
        } else {
            i.t("Fout: ", "Error: ")
        };
        browser::set_title(&format!("{prefix}{title}"));
    });
    // Arriving from an error summary elsewhere: show this page's problems and focus the input.
    if let Some(input) = form.focus_on.get_untracked() {
        form.focus_on.set(None);
        show.set(true);
        browser::after_render(move || browser::focus(&input));
    } else {
        browser::after_render(|| browser::focus("vraag"));
    }
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !problems.get_untracked().is_empty() {
            show.set(true);
            browser::after_render(|| browser::focus(SUMMARY_ID));
            return;
        }
        let draft = form.draft.get_untracked();
        let target = if change_mode {
            match draft.problems(today).first().map(|p| p.step) {
                Some(s) if s != Step::Controleren => format!("{}?terug=controleren", form_path(s)),
                _ => form_path(Step::Controleren),
            }
        } else {
            draft
                .next(step)
                .map_or_else(|| form_path(Step::Controleren), form_path)
        };
        nav.go(&target);
    };
    let back = move || {
        if change_mode {
            form_path(Step::Controleren)
        } else {
            form.draft
                .with(|d| d.previous(step))
                .map_or_else(|| "/formulier".to_string(), form_path)
        }
    };
    view! {
        <a href=back class="back-link">{i.tr("Terug", "Back")}</a>
        {show_if(move || form.outgoing.read().is_some(), move || view! {
            <div class="utrecht-alert utrecht-alert--info" role="status">
                <p class="utrecht-paragraph">{i.tr("Uw formulier is klaar en wordt verstuurd. U kunt niets meer veranderen.", "Your form is ready and is being sent. You can no longer change anything.")}</p>
                <a href="/formulier/controleren">{i.tr("Bekijk hoe het versturen gaat", "See how sending is going")}</a>
            </div>
        }.into_any())}
        <ErrorSummary items=items/>
        <form class="question-form" novalidate on:submit=next data-testid=format!("stap-{}", step.slug())>
            <p class="caption" data-testid="voortgang">{move || form.draft.with(|d| progress(d, step, i.lang.get()))}</p>
            {question(step, shown)}
            <p class="save-note" role="status">{move || match form.saved.get() {
                crate::form::SaveState::Failed => i.t("Let op: uw antwoorden konden niet op dit apparaat bewaard worden.", "Note: your answers could not be kept on this device."),
                _ => i.t("Uw antwoorden worden bewaard op dit apparaat, ook als u de pagina sluit.", "Your answers are kept on this device, even if you close the page."),
            }}</p>
            <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="volgende"
                disabled=move || form.outgoing.read().is_some()>
                {move || if change_mode { i.t("Opslaan en terug", "Save and go back") } else { i.t("Volgende", "Next") }}
            </button>
        </form>
    }
}

/// The first shown problem whose input matches.
fn err(
    shown: Signal<Vec<Problem>>,
    f: impl Fn(&str) -> bool + Send + Sync + 'static,
) -> Signal<Option<Text>> {
    Signal::derive(move || {
        shown
            .get()
            .into_iter()
            .find(|p| f(&p.input))
            .map(|p| p.message)
    })
}

/// A group of choices in a fieldset whose legend is the page's question.
fn group(
    question: Text,
    hint: Option<Text>,
    id: &'static str,
    error: Signal<Option<Text>>,
    choices: AnyView,
) -> AnyView {
    let i = use_i18n();
    let has_hint = hint.is_some();
    let described = move || {
        let mut ids = vec![];
        if has_hint {
            ids.push(format!("{id}-uitleg"));
        }
        if error.read().is_some() {
            ids.push(format!("{id}-fout"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.read().is_some()>
            <fieldset class="utrecht-form-fieldset__fieldset" aria-describedby=described>
                <legend class="utrecht-form-fieldset__legend">
                    <h1 class="utrecht-heading-1 question" id="vraag" tabindex="-1">{move || i.text(&question)}</h1>
                </legend>
                {hint.map(|h| view! { <p class="hint" id=format!("{id}-uitleg")>{move || i.text(&h)}</p> })}
                <FieldError id=format!("{id}-fout") message=error/>
                {choices}
            </fieldset>
        </div>
    }
    .into_any()
}

fn activities(
    name: &'static str,
    selected: impl Fn(Activity) -> bool + Copy + Send + Sync + 'static,
    set: impl Fn(Activity, bool) + Copy + 'static,
) -> AnyView {
    Activity::ALL
        .into_iter()
        .map(|a| view! { <Choice id=format!("{name}-{}", a.code()) name=name label=a.label() checked=Signal::derive(move || selected(a)) on_change=move |on| set(a, on)/> })
        .collect_view()
        .into_any()
}

fn question(step: Step, shown: Signal<Vec<Problem>>) -> AnyView {
    let form = use_form();
    let d = form.draft;
    match step {
        Step::Nu => {
            let none = view! {
                <p class="choice-or">{move || use_i18n().t("of", "or")}</p>
                <Choice id="nu-geen".into() name="nu" label=Text::fixed("Geen van deze", "None of these")
                    checked=Signal::derive(move || d.with(|d| d.nu_geen))
                    on_change=move |on| form.edit(|d| { d.nu_geen = on; if on { d.nu.clear(); } })/>
            };
            group(
                Text::new("Wat doet u nu?", "What do you do now?"),
                Some(Text::fixed("Kies alles wat past. Zo weten we wat u al doet en wat bij u past.", "Choose everything that fits. Then we know what you already do and what suits you.")),
                "nu",
                err(shown, |x| x.starts_with("nu-")),
                view! {
                    {activities("nu", move |a| d.with(|d| d.nu.iter().any(|x| x.soort == a)), move |a, on| form.edit(|d| d.set_doing(a, on)))}
                    {none}
                }
                .into_any(),
            )
        }
        Step::Vaak(a) => {
            let often = HowOften::ALL
                .into_iter()
                .map(|h| view! {
                    <Choice id=format!("vaak-{}-{}", a.code(), h.code()) name="hoe_vaak" radio=true label=h.label()
                        checked=Signal::derive(move || d.with(|d| d.nu.iter().any(|x| x.soort == a && x.hoe_vaak == Some(h))))
                        on_change=move |_| form.edit(|d| if let Some(x) = d.doing_mut(a) { x.hoe_vaak = Some(h) })/>
                })
                .collect_view();
            let hours = a.asks_hours().then(|| view! {
                <TextInput id=hours_id(a) label=Text::fixed("Hoeveel uur per week ongeveer?", "About how many hours a week?")
                    hint=Text::fixed("Weet u het niet precies? Schrijf een schatting, bijvoorbeeld 8.", "Not sure? Write a guess, for example 8.")
                    value=Signal::derive(move || d.with(|d| d.nu.iter().find(|x| x.soort == a).map(|x| x.uren.clone()).unwrap_or_default()))
                    on_input=move |v| form.edit(|d| if let Some(x) = d.doing_mut(a) { x.uren = v })
                    error=err(shown, |x| x.starts_with("uren-")) inputmode="decimal" width="input-width-4"/>
            });
            let label = a.short();
            view! {
                {group(
                    Text::new(format!("Hoe vaak doet u {}?", label.nl), format!("How often do you do {}?", label.en)),
                    None,
                    hours_group(a),
                    err(shown, |x| x.starts_with("vaak-")),
                    often.into_any(),
                )}
                {hours}
            }
            .into_any()
        }
        Step::Wil => view! {
            {group(
                Text::new("Wat zou u graag willen doen?", "What would you like to do?"),
                Some(Text::fixed("Kies alles wat u zou willen. U mag ook niets kiezen.", "Choose everything you would like. You may also choose nothing.")),
                "wil",
                err(shown, |x| x.starts_with("wil-")),
                activities("wil", move |a| d.with(|d| d.wil.contains(&a)), move |a, on| form.edit(|d| toggle(&mut d.wil, a, on))),
            )}
            <TextInput id="wil_toelichting" label=Text::fixed("Wilt u er iets over vertellen? (niet verplicht)", "Would you like to tell us more? (optional)")
                value=Signal::derive(move || d.with(|d| d.wil_toelichting.clone()))
                on_input=move |v| form.edit(|d| d.wil_toelichting = v) error=err(shown, |x| x == "wil_toelichting") multiline=true/>
        }
        .into_any(),
        Step::Moeilijk => {
            let choices = Obstacle::ALL
                .into_iter()
                .map(|o| view! {
                    <Choice id=format!("moeilijk-{}", o.code()) name="moeilijk" label=o.label() hint=o.why()
                        checked=Signal::derive(move || d.with(|d| d.moeilijk.contains(&o)))
                        on_change=move |on| form.edit(|d| toggle(&mut d.moeilijk, o, on))/>
                })
                .collect_view();
            view! {
                {group(
                    Text::new("Wat maakt meedoen moeilijk voor u?", "What makes taking part hard for you?"),
                    Some(Text::fixed("Deze vraag is niet verplicht. Bij elke keuze staat waarom we het vragen.", "This question is optional. Each choice says why we ask.")),
                    "moeilijk",
                    err(shown, |x| x.starts_with("moeilijk-")),
                    choices.into_any(),
                )}
                <TextInput id="moeilijk_toelichting" label=Text::fixed("Wilt u er iets over vertellen? (niet verplicht)", "Would you like to tell us more? (optional)")
                    value=Signal::derive(move || d.with(|d| d.moeilijk_toelichting.clone()))
                    on_input=move |v| form.edit(|d| d.moeilijk_toelichting = v) error=err(shown, |x| x == "moeilijk_toelichting") multiline=true/>
            }
            .into_any()
        }
        Step::Naam => view! {
            <TextInput id="naam" heading=true label=Text::fixed("Wat is uw naam?", "What is your name?")
                hint=Text::fixed("Met uw naam en geboortedatum vinden we uw dossier. We vragen niet meer dan nodig is.", "With your name and date of birth we find your file. We ask no more than we need.")
                value=Signal::derive(move || d.with(|d| d.naam.clone()))
                on_input=move |v| form.edit(|d| d.naam = v) error=err(shown, |x| x == "naam") autocomplete="name"/>
        }
        .into_any(),
        Step::Geboortedatum => {
            let part = |id: &'static str, label: Text, get: fn(&meedoen_domain::form::Draft) -> String, set: fn(&mut meedoen_domain::form::Draft, String), auto: &'static str, width: &'static str| {
                let i = use_i18n();
                view! {
                    <div class="date-part">
                        <label class="utrecht-form-label" for=id>{move || i.text(&label)}</label>
                        <input class=format!("utrecht-textbox {width}") id=id name=id type="text" inputmode="numeric" autocomplete=auto
                            aria-invalid=move || shown.read().iter().any(|p| p.input == id).then_some("true")
                            prop:value=move || d.with(get) on:input=move |ev| form.edit(|d| set(d, event_target_value(&ev)))/>
                    </div>
                }
            };
            group(
                Text::new("Wat is uw geboortedatum?", "What is your date of birth?"),
                Some(Text::fixed("Bijvoorbeeld 15 3 1980.", "For example 15 3 1980.")),
                "geboortedatum",
                err(shown, |x| x.starts_with("geboortedatum")),
                view! {
                    <div class="date-input">
                        {part("geboortedatum-dag", Text::fixed("Dag", "Day"), |d| d.dag.clone(), |d, v| d.dag = v, "bday-day", "input-width-2")}
                        {part("geboortedatum-maand", Text::fixed("Maand", "Month"), |d| d.maand.clone(), |d, v| d.maand = v, "bday-month", "input-width-2")}
                        {part("geboortedatum-jaar", Text::fixed("Jaar", "Year"), |d| d.jaar.clone(), |d, v| d.jaar = v, "bday-year", "input-width-4")}
                    </div>
                }
                .into_any(),
            )
        }
        Step::Contact => {
            let choices = Channel::ALL
                .into_iter()
                .map(|c| {
                    let reveal: Option<ChildrenFn> = match c {
                        Channel::Telefoon => Some(std::sync::Arc::new(move || view! {
                            <TextInput id="telefoon" label=Text::fixed("Uw telefoonnummer", "Your phone number") kind="tel" autocomplete="tel" inputmode="tel" width="input-width-10"
                                value=Signal::derive(move || d.with(|d| d.telefoon.clone()))
                                on_input=move |v| form.edit(|d| d.telefoon = v) error=err(shown, |x| x == "telefoon")/>
                        }.into_any())),
                        Channel::Email => Some(std::sync::Arc::new(move || view! {
                            <TextInput id="email" label=Text::fixed("Uw e-mailadres", "Your email address") kind="email" autocomplete="email" width="input-width-20"
                                value=Signal::derive(move || d.with(|d| d.email.clone()))
                                on_input=move |v| form.edit(|d| d.email = v) error=err(shown, |x| x == "email")/>
                        }.into_any())),
                        Channel::Brief => None,
                    };
                    let chosen = Signal::derive(move || d.with(|d| d.manier == Some(c)));
                    view! {
                        <Choice id=format!("manier-{}", c.code()) name="manier" radio=true label=c.label() checked=chosen
                            on_change=move |_| form.edit(|d| d.manier = Some(c))>
                            {move || match (&reveal, chosen.get()) { (Some(r), true) => r().into_any(), _ => ().into_any() }}
                        </Choice>
                    }
                })
                .collect_view();
            group(
                Text::new("Hoe kunnen we u het beste bereiken?", "How can we best reach you?"),
                None,
                "manier",
                err(shown, |x| x.starts_with("manier-")),
                choices.into_any(),
            )
        }
        Step::Wanneer => {
            let choices = DayPart::ALL
                .into_iter()
                .map(|p| view! {
                    <Choice id=format!("wanneer-{}", p.code()) name="wanneer" label=p.label()
                        checked=Signal::derive(move || d.with(|d| d.wanneer.contains(&p)))
                        on_change=move |on| form.edit(|d| toggle(&mut d.wanneer, p, on))/>
                })
                .collect_view();
            group(
                Text::new("Wanneer kunnen we u het beste bereiken?", "When can we best reach you?"),
                Some(Text::fixed("Niet verplicht. Kies alles wat past.", "Optional. Choose everything that fits.")),
                "wanneer",
                err(shown, |_| false),
                choices.into_any(),
            )
        }
        Step::Controleren => ().into_any(),
    }
}

fn hours_id(a: Activity) -> &'static str {
    match a {
        Activity::BetaaldWerk => "uren-betaald_werk",
        _ => "uren-mantelzorg",
    }
}

fn hours_group(a: Activity) -> &'static str {
    match a {
        Activity::BetaaldWerk => "vaak-betaald_werk",
        Activity::Vrijwilligerswerk => "vaak-vrijwilligerswerk",
        Activity::Mantelzorg => "vaak-mantelzorg",
        Activity::Cursus => "vaak-cursus",
        Activity::Club => "vaak-club",
        Activity::Contacten => "vaak-contacten",
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, x: T, on: bool) {
    if on && !list.contains(&x) {
        list.push(x);
    } else if !on {
        list.retain(|y| *y != x);
    }
}
