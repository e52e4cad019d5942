//! One scenario's levers: a name, consultants per year, the caseload norm, time for intakes,
//! pick-up priority, the budget for bought trajectories and the amounts, each as a labelled
//! slider with a number box (keyboard operable, units in the label). A non-number or a value
//! out of range is named at the field, in the current language, and the scenario is not
//! computed until it is right; saving sends the whole scenario or nothing.

use super::{fields_text, Scenarios};
use crate::api;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::number::{parse_decimal, plain};
use meedoen_domain::scenario::Levers;
use meedoen_domain::wire::{SaveScenario, SavedScenario};
use meedoen_domain::{Lang, Text};
use std::collections::BTreeMap;

/// Read a number as people type it: "85.000", "85000", "0,25" or "0.25".
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().replace(['€', ' ', '\u{a0}'], "");
    if t.is_empty() {
        return None;
    }
    // A comma is the decimal sign; dots before it (or several dots) group thousands.
    let normal = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if t.matches('.').count() > 1 || t.split('.').nth(1).is_some_and(|d| d.len() == 3) {
        t.replace('.', "")
    } else {
        t
    };
    parse_decimal(&normal).filter(|v| v.is_finite())
}

#[derive(Clone, Copy)]
struct Lever {
    s: Scenarios,
    key: u32,
}

impl Lever {
    fn get<T: Default>(&self, f: impl Fn(&Levers) -> T) -> T {
        self.s.drafts.with(|d| {
            d.iter()
                .find(|x| x.key == self.key)
                .map(|x| f(&x.levers))
                .unwrap_or_default()
        })
    }
    fn set(&self, f: impl FnOnce(&mut Levers)) {
        self.s.drafts.update(|d| {
            if let Some(x) = d.iter_mut().find(|x| x.key == self.key) {
                f(&mut x.levers);
            }
        });
    }
}

/// A labelled slider with a number box for one lever.
#[component]
fn Slider(
    id: String,
    field: String,
    label: Signal<String>,
    min: f64,
    max: f64,
    step: f64,
    value: Signal<f64>,
    set: Callback<f64>,
    problems: Signal<BTreeMap<String, Text>>,
    typed: RwSignal<BTreeMap<String, Text>>,
) -> impl IntoView {
    let i = use_i18n();
    let error_id = format!("{id}-fout");
    let f1 = field.clone();
    let f2 = field.clone();
    let f3 = field.clone();
    let problem = Signal::derive(move || {
        typed
            .with(|t| t.get(&f1).cloned())
            .or_else(|| problems.with(|p| p.get(&f1).cloned()))
    });
    let shown = move || {
        let v = value.get();
        let l = i.lang.get();
        if step < 1.0 {
            meedoen_domain::scenario::compare::number(v, 1, l)
        } else {
            meedoen_domain::scenario::compare::number(v, 0, l).replace(['.', ','], "")
        }
    };
    let range_id = id.clone();
    let number_id = format!("{id}-getal");
    let eid = error_id.clone();
    view! {
        <div class="form-group scenario-lever" class:form-group--error=move || problem.with(Option::is_some)>
            <label class="utrecht-form-label" for=range_id.clone()>{move || label.get()}</label>
            <div class="scenario-lever__inputs">
                <input type="range" class="scenario-range" id=range_id data-testid=format!("schuif-{id}") min=plain(min, 6) max=plain(max, 6) step=plain(step, 6)
                    prop:value=move || plain(value.get().max(min).min(max), 6)
                    aria-describedby=move || problem.with(Option::is_some).then(|| eid.clone())
                    on:input=move |ev| {
                        if let Some(v) = parse_decimal(&event_target_value(&ev)) {
                            typed.update(|t| { t.remove(&f2); });
                            set.run(v);
                        }
                    }/>
                <input type="text" inputmode="decimal" class="utrecht-textbox input-width-6" id=number_id data-testid=format!("getal-{id}")
                    aria-label=move || format!("{} ({})", label.get(), i.t("getal", "number"))
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    prop:value=shown
                    on:change=move |ev| {
                        match parse_number(&event_target_value(&ev)) {
                            Some(v) => { typed.update(|t| { t.remove(&f3); }); set.run(v) }
                            None => typed.update(|t| { t.insert(f3.clone(), Text::fixed("Vul een getal in, bijvoorbeeld 4 of 85.000.", "Enter a number, for example 4 or 85,000.")); }),
                        }
                    }/>
            </div>
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message" id=error_id.clone() data-testid=format!("fout-{field}")>{format!("{}: {}", field, i.text(&p))}</p> })}
        </div>
    }
}

#[component]
pub fn LeverPanel(key: u32) -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let lever = Lever { s, key };
    let typed = RwSignal::new(BTreeMap::<String, Text>::new());
    let problems = Signal::derive(move || {
        lever.get(|l| {
            l.check()
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| (e.field, e.message))
                .collect::<BTreeMap<_, _>>()
        })
    });
    let saving = RwSignal::new(None::<Text>);
    let saved_text = move || {
        s.drafts.with(|d| {
            d.iter()
                .find(|x| x.key == key)
                .and_then(|x| x.saved)
                .map(|(_, v)| v)
        })
    };
    let year0 = super::start_year(&s);
    let slider = move |id: &str,
                       field: &str,
                       nl: &'static str,
                       en: &'static str,
                       (min, max, step): (f64, f64, f64),
                       get: fn(&Levers) -> f64,
                       put: fn(&mut Levers, f64)| {
        view! {
            <Slider id=format!("{id}-{key}") field=field.to_string()
                label=Signal::derive(move || i.t(nl, en).to_string())
                min=min max=max step=step
                value=Signal::derive(move || lever.get(get))
                set=Callback::new(move |v: f64| lever.set(|l| put(l, v)))
                problems=problems typed=typed/>
        }
    };
    let save = move |_| {
        let Some(d) = s
            .drafts
            .with_untracked(|d| d.iter().find(|x| x.key == key).cloned())
        else {
            return;
        };
        if let Err(e) = d.levers.check() {
            saving.set(Some(Text::new(
                format!("Niet opgeslagen. {}", fields_text(&e, Lang::Nl)),
                format!("Not saved. {}", fields_text(&e, Lang::En)),
            )));
            return;
        }
        let body = SaveScenario {
            id: d.saved.map(|x| x.0),
            versie: d.saved.map(|x| x.1),
            hefbomen: d.levers,
        };
        spawn_local(async move {
            match api::post::<_, SavedScenario>("/api/scenarios", &body).await {
                Ok((_, saved)) => {
                    s.drafts.update(|d| {
                        if let Some(x) = d.iter_mut().find(|x| x.key == key) {
                            x.saved = Some((saved.id, saved.versie));
                        }
                    });
                    saving.set(Some(Text::new(
                        format!("Opgeslagen voor uw team (versie {}).", saved.versie),
                        format!("Saved for your team (version {}).", saved.versie),
                    )));
                    s.saved_changed.update(|n| *n += 1);
                }
                Err(e) => {
                    let fields = match &e {
                        api::ApiFailure::Status { fields, .. } => fields.clone(),
                        _ => vec![],
                    };
                    let m = e.message();
                    saving.set(Some(Text::new(
                        format!(
                            "Niet opgeslagen. {} {}",
                            m.get(Lang::Nl),
                            fields_text(&fields, Lang::Nl)
                        ),
                        format!(
                            "Not saved. {} {}",
                            m.get(Lang::En),
                            fields_text(&fields, Lang::En)
                        ),
                    )));
                }
            }
        });
    };
    let remove = move |_| {
        s.drafts.update(|d| d.retain(|x| x.key != key));
        crate::browser::after_render(|| crate::browser::focus("scenario-kop"));
    };
    let heading = format!("scenario-kop-{key}");
    let labelled = heading.clone();
    view! {
        <section class="card scenario-column" aria-labelledby=labelled data-testid=format!("scenario-{key}")>
            <h2 class="utrecht-heading-2" id=heading>{move || lever.get(|l| l.naam.clone())}</h2>
            <div class="form-group" class:form-group--error=move || problems.with(|p| p.contains_key("naam"))>
                <label class="utrecht-form-label" for=format!("naam-{key}")>{i.tr("Naam van het scenario", "Name of the scenario")}</label>
                <input type="text" class="utrecht-textbox" id=format!("naam-{key}") data-testid="scenario-naam" maxlength="80"
                    prop:value=move || lever.get(|l| l.naam.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); lever.set(|l| l.naam = v) }/>
                {move || problems.with(|p| p.get("naam").cloned()).map(|p| view! { <p class="utrecht-form-field-error-message" data-testid="fout-naam">{format!("naam: {}", i.text(&p))}</p> })}
            </div>
            <fieldset class="scenario-fieldset">
                <legend>{i.tr("Consulenten (fte) per jaar", "Consultants (FTE) per year")}</legend>
                {move || (0..s.years.get()).map(|y| {
                    let year = year0 + y as i32;
                    view! {
                        <Slider id=format!("fte{y}-{key}") field=format!("consulenten_fte[{y}]")
                            label=Signal::derive(move || format!("{} {year} (fte)", i.t("Consulenten in", "Consultants in")))
                            min=0.0 max=20.0 step=0.1
                            value=Signal::derive(move || lever.get(|l| l.fte_in_year(y)))
                            set=Callback::new(move |v: f64| lever.set(|l| l.set_fte(y, (v * 10.0).round() / 10.0)))
                            problems=problems typed=typed/>
                    }
                }).collect_view()}
            </fieldset>
            {slider("norm", "caseload_norm", "Caseloadnorm (inwoners per consulent)", "Caseload norm (residents per consultant)", (20.0, 200.0, 1.0),
                |l| f64::from(l.caseload_norm), |l, v| l.caseload_norm = if v.is_finite() && (0.0..=u32::MAX as f64).contains(&v.round()) { v.round() as u32 } else { 0 })}
            {slider("intake", "aandeel_intake", "Tijd voor eerste intakes (% van de tijd)", "Time for first intakes (% of the time)", (0.0, 50.0, 1.0),
                |l| (l.aandeel_intake * 100.0).round(), |l, v| l.aandeel_intake = v / 100.0)}
            <div class="form-group">
                <div class="utrecht-form-field utrecht-form-field--checkbox">
                    <input type="checkbox" class="utrecht-checkbox" id=format!("voorrang-{key}") data-testid="voorrang"
                        prop:checked=move || lever.get(|l| l.voorrang_nieuw)
                        on:change=move |ev| { let on = event_target_checked(&ev); lever.set(|l| l.voorrang_nieuw = on) }/>
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for=format!("voorrang-{key}")>
                        {i.tr("Nieuwe instroom op trede 1–2 eerst oppakken (zoals de doorstroomtabel)", "Pick up new inflow at steps 1–2 first (as the flow table does)")}
                    </label>
                </div>
            </div>
            {slider("budget", "budget_trajecten", "Budget ingekochte trajecten (euro per jaar)", "Budget for bought trajectories (euro a year)", (0.0, 500_000.0, 5_000.0),
                |l| l.budget_trajecten, |l, v| l.budget_trajecten = v)}
            <details class="scenario-amounts">
                <summary>{i.tr("Bedragen (standaard uit docs/scenarios.md)", "Amounts (defaults from docs/scenarios.md)")}</summary>
                {slider("traject", "kosten_per_traject", "Kosten per traject (euro)", "Cost per trajectory (euro)", (0.0, 20_000.0, 100.0),
                    |l| l.kosten_per_traject, |l, v| l.kosten_per_traject = v)}
                {slider("fte-kosten", "kosten_per_fte", "Kosten per fte (euro per jaar)", "Cost per FTE (euro a year)", (40_000.0, 150_000.0, 1_000.0),
                    |l| l.kosten_per_fte, |l, v| l.kosten_per_fte = v)}
                {slider("uitkering", "uitkering_per_maand", "Uitkering per persoon (euro per maand)", "Benefit per person (euro a month)", (0.0, 3_000.0, 10.0),
                    |l| l.uitkering_per_maand, |l, v| l.uitkering_per_maand = v)}
                {slider("uitvoering", "uitvoering_per_jaar", "Uitvoeringskosten per uitkering (euro per jaar)", "Administration cost per benefit (euro a year)", (0.0, 10_000.0, 50.0),
                    |l| l.uitvoering_per_jaar, |l, v| l.uitvoering_per_jaar = v)}
            </details>
            <div class="button-row no-print">
                <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="opslaan" on:click=save>{i.tr("Opslaan voor mijn team", "Save for my team")}</button>
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="weghalen" on:click=remove>{i.tr("Uit de vergelijking halen", "Remove from the comparison")}</button>
            </div>
            <p class="utrecht-paragraph" role="status" data-testid="opslag-status">
                {move || saving.get().map(|t| i.text(&t)).or_else(|| saved_text().map(|v| format!("{} {v}", i.t("Opgeslagen, versie", "Saved, version"))))}
            </p>
        </section>
    }
}
