//! A ladder measurement: the consultant enters the facts, and as they type the rules of the
//! domain crate (running here, in the browser) suggest the step, trajectory and WSP advice
//! with the explanation beside them. The consultant decides; deviating needs a reason. Facts
//! can come from a self-service form in the inbox (`?inzending=`).

use crate::browser;
use crate::components::error_summary::{message_for, ErrorSummary, Item, SUMMARY_ID};
use crate::i18n::use_i18n;
use crate::routes::inbox::{load_inbox, trajectory_label};
use crate::routes::sign_in::RequireUser;
use crate::sync::{use_sync, Mutation, Saved};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use meedoen_domain::facts::{Contract, DayActivities, PaidWork, Readiness, UnpaidKind, UnpaidWork};
use meedoen_domain::records::{suggest, FieldError};
use meedoen_domain::{RawFacts, RuleSet, Text};

/// The facts as typed: text for numbers and choices, "" = not known.
#[derive(Debug, Clone, Default, PartialEq)]
struct FactsForm {
    werk: String,
    werk_uren: String,
    lks: bool,
    jobcoach: bool,
    beschut: bool,
    aanvullend: bool,
    werkleer: bool,
    onbetaald: String,
    verantwoordelijkheid: bool,
    contactmomenten: String,
    mantelzorg: String,
    dagbesteding: String,
    activiteiten: String,
    contacten: String,
    bijstand_sinds: String,
    gereedheid: String,
    groei: String,
}

/// A number as the consultant would type it (Rust prints 12.0 as "12").
fn num(v: f64) -> String {
    v.to_string()
}

/// A choice's code into its type ("" and unknown codes are None).
fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl FactsForm {
    fn from_facts(f: &RawFacts) -> FactsForm {
        let mut x = FactsForm::default();
        if let Some(w) = &f.betaald_werk {
            x.werk = code(&w.soort);
            x.werk_uren = num(w.uren_per_week);
            (x.lks, x.jobcoach, x.beschut, x.aanvullend, x.werkleer) = (
                w.loonkostensubsidie,
                w.jobcoach,
                w.beschut_werk,
                w.aanvullende_uitkering,
                w.werkleertraject,
            );
        }
        match f.onbetaald_werk.as_deref() {
            Some([]) => x.onbetaald = "geen".into(),
            Some([u, ..]) => {
                x.onbetaald = code(&u.soort);
                x.verantwoordelijkheid = u.verantwoordelijkheid;
                x.contactmomenten = num(u.contactmomenten_per_week);
            }
            None => {}
        }
        let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
        x.mantelzorg = opt(f.mantelzorg_uren_per_week);
        x.dagbesteding = f.dagbesteding.map(|d| code(&d)).unwrap_or_default();
        x.activiteiten = opt(f.georganiseerde_activiteiten_per_week);
        x.contacten = opt(f.sociale_contacten_per_week);
        x.bijstand_sinds = f
            .in_bijstand_sinds
            .map(|d| d.to_string())
            .unwrap_or_default();
        x.gereedheid = f.gereedheid.map(|d| code(&d)).unwrap_or_default();
        x.groei = opt(f.groeipotentieel);
        x
    }

    /// The raw facts, or the inputs that are not numbers or dates.
    fn to_facts(&self) -> Result<RawFacts, Vec<FieldError>> {
        let mut e = vec![];
        let mut number = |id: &str, s: &str| -> Option<f64> {
            let t = s.trim().replace(',', ".");
            if t.is_empty() {
                return None;
            }
            t.parse::<f64>().ok().filter(|v| v.is_finite()).or_else(|| {
                e.push(FieldError { field: id.into(), message: Text::new("Vul een getal in, bijvoorbeeld 2 of 2,5; laat leeg als het niet bekend is.", "Enter a number, for example 2 or 2.5; leave empty if not known.") });
                None
            })
        };
        let werk = (!self.werk.is_empty()).then(|| PaidWork {
            soort: parse(&self.werk).unwrap_or(Contract::Geen),
            uren_per_week: 0.0,
            loonkostensubsidie: self.lks,
            jobcoach: self.jobcoach,
            beschut_werk: self.beschut,
            aanvullende_uitkering: self.aanvullend,
            werkleertraject: self.werkleer,
        });
        let werk_uren = number("betaald_werk.uren_per_week", &self.werk_uren);
        let contact = number(
            "onbetaald_werk[0].contactmomenten_per_week",
            &self.contactmomenten,
        );
        let facts = RawFacts {
            peildatum: None,
            betaald_werk: werk.map(|w| PaidWork {
                uren_per_week: werk_uren.unwrap_or(0.0),
                ..w
            }),
            onbetaald_werk: match self.onbetaald.as_str() {
                "" => None,
                "geen" => Some(vec![]),
                k => Some(vec![UnpaidWork {
                    soort: parse(k).unwrap_or(UnpaidKind::Vrijwilligerswerk),
                    verantwoordelijkheid: self.verantwoordelijkheid,
                    contactmomenten_per_week: contact.unwrap_or(0.0),
                }]),
            },
            mantelzorg_uren_per_week: number("mantelzorg_uren_per_week", &self.mantelzorg),
            dagbesteding: parse::<DayActivities>(&self.dagbesteding),
            georganiseerde_activiteiten_per_week: number(
                "georganiseerde_activiteiten_per_week",
                &self.activiteiten,
            ),
            sociale_contacten_per_week: number("sociale_contacten_per_week", &self.contacten),
            in_bijstand_sinds: None,
            gereedheid: parse::<Readiness>(&self.gereedheid),
            groeipotentieel: number("groeipotentieel", &self.groei),
        };
        let since = self.bijstand_sinds.trim();
        let facts = RawFacts {
            in_bijstand_sinds: if since.is_empty() {
                None
            } else {
                match since.parse() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        e.push(FieldError {
                            field: "in_bijstand_sinds".into(),
                            message: Text::new(
                                "Vul een datum in als jjjj-mm-dd.",
                                "Enter a date as yyyy-mm-dd.",
                            ),
                        });
                        None
                    }
                }
            },
            ..facts
        };
        if e.is_empty() {
            Ok(facts)
        } else {
            Err(e)
        }
    }
}

/// The input id of a fact's field path.
fn input_id(field: &str) -> String {
    format!("f-{}", field.replace("[0]", "").replace('.', "-"))
}

#[component]
pub fn MeasurementPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Laddermeting", "Ladder measurement")));
    view! { <RequireUser><Measurement/></RequireUser> }
}

#[component]
fn Measurement() -> impl IntoView {
    let i = use_i18n();
    let sync = use_sync();
    let resident_id: i64 = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let from_form: Option<i64> = use_query_map()
        .read_untracked()
        .get("inzending")
        .and_then(|s| s.parse().ok());
    let today = browser::today();
    let form = RwSignal::new(FactsForm::default());
    let source = RwSignal::new(None::<Text>);
    let ws = crate::workspace::use_workspace();
    let resident = Memo::new(move |_| ws.resident(resident_id));
    // Prefill: the resident's form from the inbox, else the latest facts on file.
    let on_file = move || {
        ws.files.with_untracked(|f| {
            let file = f.get(&resident_id)?;
            let latest = file
                .iter()
                .filter(|r| r.soort == "meting")
                .max_by(|a, b| a.velden["datum"].as_str().cmp(&b.velden["datum"].as_str()));
            let facts = latest.map_or_else(
                || {
                    file.iter()
                        .find(|r| r.soort == "inwoner")
                        .map(|r| r.velden["feiten"].clone())
                },
                |m| Some(m.velden["feiten"].clone()),
            )?;
            serde_json::from_value::<RawFacts>(facts).ok()
        })
    };
    // Once the browser's copy is open (straight after a reload it may still be loading).
    Effect::new(move |_| {
        if from_form.is_none() && ws.ready.get() && form.get_untracked() == FactsForm::default() {
            if let Some(f) = on_file() {
                form.set(FactsForm::from_facts(&f));
            }
        }
    });
    spawn_local(async move {
        if let Some(sub) = from_form {
            if let Ok(list) = load_inbox().await {
                if let Some(e) = list.into_iter().find(|e| e.id == sub) {
                    form.set(FactsForm::from_facts(&e.inzending.indicative_facts(today)));
                    source.set(Some(Text::new(format!("Feiten overgenomen uit zelfserviceformulier {}. Controleer ze met de inwoner.", e.referentie), format!("Facts taken from self-service form {}. Check them with the resident.", e.referentie))));
                }
            }
        }
    });
    let date = RwSignal::new(today.to_string());
    let occasion = RwSignal::new(if from_form.is_some() {
        "intake".to_string()
    } else {
        "tussentijds".to_string()
    });
    let step = RwSignal::new(String::new());
    let route = RwSignal::new(String::new());
    let growth = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let last_ms = RwSignal::new(0.0f64);
    // Live classification: runs on every change of the facts.
    let live = Memo::new(move |_| {
        let t0 = browser::now_ms();
        let d = date.get().parse().unwrap_or(today);
        let r = form
            .with(|f| f.to_facts())
            .and_then(|facts| suggest(RuleSet::embedded(), &facts, d).map(|x| (facts, x)));
        last_ms.set(browser::now_ms() - t0);
        r
    });
    let decided_step = move || {
        step.get()
            .parse::<u8>()
            .ok()
            .or_else(|| live.with(|l| l.as_ref().ok().and_then(|(_, (s, _, _))| s.trede)))
    };
    let decided_route = move || {
        if route.get().is_empty() {
            live.with(|l| l.as_ref().ok().and_then(|(_, (s, _, _))| s.traject.clone()))
        } else {
            Some(route.get())
        }
    };
    let deviates = move || {
        live.with(|l| match l {
            Ok((_, (s, _, _))) => {
                s.trede.is_some_and(|t| Some(t) != decided_step())
                    || s.traject
                        .as_ref()
                        .is_some_and(|t| Some(t.clone()) != decided_route())
            }
            Err(_) => false,
        })
    };
    let errors = RwSignal::new(Vec::<Item>::new());
    let saved = RwSignal::new(None::<Saved>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut e: Vec<Item> = vec![];
        let item = |input: &str, message: Text| Item {
            input: input.into(),
            page: None,
            message,
        };
        let Some(d) = date.get_untracked().parse::<chrono::NaiveDate>().ok() else {
            errors.set(vec![item(
                "datum",
                Text::new(
                    "Vul de datum van de meting in als jjjj-mm-dd.",
                    "Enter the measurement date as yyyy-mm-dd.",
                ),
            )]);
            browser::after_render(|| browser::focus(SUMMARY_ID));
            return;
        };
        match live.get_untracked() {
            Err(fe) => e.extend(fe.into_iter().map(|f| item(&input_id(&f.field), f.message))),
            Ok((facts, (sug, _, _))) => {
                let (Some(t), Some(r)) = (decided_step(), decided_route()) else {
                    e.push(item("besluit-trede", Text::new("De regels kunnen nog niet beslissen: kies zelf de trede en het traject.", "The rules cannot decide yet: choose the step and trajectory yourself.")));
                    errors.set(e);
                    browser::after_render(|| browser::focus(SUMMARY_ID));
                    return;
                };
                if deviates() && reason.get_untracked().trim().chars().count() < 10 {
                    e.push(item("reden", Text::new("U wijkt af van de suggestie: schrijf in minstens 10 tekens waarom.", "You deviate from the suggestion: write why, in at least 10 characters.")));
                }
                if e.is_empty() {
                    let mut facts = facts;
                    facts.peildatum = Some(d);
                    let mut velden = serde_json::json!({
                        "datum": d, "aanleiding": occasion.get_untracked(), "feiten": facts, "suggestie": sug,
                        "besluit": { "trede": t, "traject": r },
                    });
                    if deviates() {
                        velden["reden_afwijking"] = reason.get_untracked().trim().into();
                    }
                    if let Ok(g) = growth.get_untracked().parse::<u8>() {
                        velden["groeipotentieel_trede"] = g.into();
                    }
                    let m = Mutation::new("meting", None, resident_id, 0, velden);
                    spawn_local(async move {
                        match sync.submit(m).await {
                            Ok(s) => {
                                errors.set(vec![]);
                                saved.set(Some(s));
                                browser::after_render(|| browser::focus("opgeslagen"));
                            }
                            Err(refusal) => {
                                errors.set(
                                    refusal
                                        .fields
                                        .into_iter()
                                        .map(|f| item(&input_id(&f.field), f.message))
                                        .collect(),
                                );
                                browser::after_render(|| browser::focus(SUMMARY_ID));
                            }
                        }
                    });
                    return;
                }
            }
        }
        errors.set(e);
        browser::after_render(|| browser::focus(SUMMARY_ID));
    };
    let l = move || i.lang.get();
    let t = move |nl: &'static str, en: &'static str| move || i.t(nl, en);
    let sel = move |id: &'static str,
                    label: (&'static str, &'static str),
                    options: &'static [(&'static str, &'static str, &'static str)],
                    get: fn(&FactsForm) -> String,
                    set: fn(&mut FactsForm, String)| {
        view! {
            <div class="form-group">
                <label class="utrecht-form-label" for=id>{t(label.0, label.1)}</label>
                <select class="utrecht-select" id=id prop:value=move || form.with(get) on:change=move |ev| form.update(|f| set(f, event_target_value(&ev)))>
                    {options.iter().map(|(v, nl, en)| view! { <option value=*v selected=move || form.with(get) == *v>{move || i.t(nl, en)}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let number = move |id: &'static str,
                       label: (&'static str, &'static str),
                       get: fn(&FactsForm) -> String,
                       set: fn(&mut FactsForm, String)| {
        let err = message_for(errors, id);
        let (err2, err3) = (err.clone(), err.clone());
        view! {
            <div class="form-group" class:form-group--error=move || err2().is_some()>
                <label class="utrecht-form-label" for=id>{t(label.0, label.1)}</label>
                <p class="field-error" id=format!("{id}-fout")>{err}</p>
                <input class="utrecht-textbox input-width-4" id=id inputmode="decimal" aria-describedby=format!("{id}-fout") aria-invalid=move || err3().map(|_| "true")
                    prop:value=move || form.with(get) on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
            </div>
        }
    };
    let flag = move |id: &'static str,
                     label: (&'static str, &'static str),
                     get: fn(&FactsForm) -> bool,
                     set: fn(&mut FactsForm, bool)| {
        view! {
            <div class="choice choice--small">
                <input class="choice__input" type="checkbox" id=id prop:checked=move || form.with(get) on:change=move |ev| form.update(|f| set(f, event_target_checked(&ev)))/>
                <label class="choice__label" for=id>{t(label.0, label.1)}</label>
            </div>
        }
    };
    const UNKNOWN: (&str, &str, &str) = ("", "onbekend", "unknown");
    view! {
        <ErrorSummary items=errors.into()/>
        <h1 class="utrecht-heading-1">{t("Laddermeting", "Ladder measurement")}</h1>
        <leptos_router::components::A href=format!("/inwoners/{resident_id}") attr:class="back-link">{t("Terug naar het dossier", "Back to the file")}</leptos_router::components::A>
        <p class="utrecht-paragraph utrecht-paragraph--lead" data-testid="inwoner">{move || resident.get().map(|r| format!("{} · {}",
            r.velden["naam"].as_str().unwrap_or(""), r.velden["geboortedatum"].as_str().unwrap_or("")))}</p>
        {move || source.get().map(|s| view! { <div class="utrecht-alert utrecht-alert--info" data-testid="bron"><p class="utrecht-paragraph">{i.text(&s)}</p></div> })}
        <div class="measure">
            <form class="measure__form" novalidate on:submit=save data-testid="meting">
                <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Meting", "Measurement")}</legend>
                    <div class="form-group"><label class="utrecht-form-label" for="datum">{t("Datum (jjjj-mm-dd)", "Date (yyyy-mm-dd)")}</label>
                        <input class="utrecht-textbox input-width-10" id="datum" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/></div>
                    <div class="form-group"><label class="utrecht-form-label" for="aanleiding">{t("Aanleiding", "Occasion")}</label>
                        <select class="utrecht-select" id="aanleiding" on:change=move |ev| occasion.set(event_target_value(&ev))>
                            {[("intake", "intake", "intake"), ("planevaluatie", "planevaluatie", "plan review"), ("einde_traject", "einde traject", "end of trajectory"), ("tussentijds", "tussentijds", "interim")].into_iter()
                                .map(|(v, nl, en)| view! { <option value=v selected=move || occasion.get() == v>{move || i.t(nl, en)}</option> }).collect_view()}
                        </select></div>
                </fieldset>
                <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Betaald werk", "Paid work")}</legend>
                    {sel("f-betaald_werk", ("Betaald werk", "Paid work"), &[UNKNOWN, ("geen", "geen", "none"), ("dienstverband", "dienstverband", "employment"), ("zelfstandig", "zelfstandig", "self-employed")], |f| f.werk.clone(), |f, v| f.werk = v)}
                    {number("f-betaald_werk-uren_per_week", ("Uren per week", "Hours a week"), |f| f.werk_uren.clone(), |f, v| f.werk_uren = v)}
                    {flag("f-lks", ("Met loonkostensubsidie", "With wage subsidy"), |f| f.lks, |f, v| f.lks = v)}
                    {flag("f-jobcoach", ("Met jobcoach", "With job coach"), |f| f.jobcoach, |f, v| f.jobcoach = v)}
                    {flag("f-beschut", ("Beschut werk", "Sheltered work"), |f| f.beschut, |f, v| f.beschut = v)}
                    {flag("f-aanvullend", ("Met aanvullende uitkering", "With supplementary benefit"), |f| f.aanvullend, |f, v| f.aanvullend = v)}
                    {flag("f-werkleer", ("Werkleertraject", "Work-learning trajectory"), |f| f.werkleer, |f, v| f.werkleer = v)}
                </fieldset>
                <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Onbetaald werk en meedoen", "Unpaid work and taking part")}</legend>
                    {sel("f-onbetaald_werk", ("Onbetaald werk", "Unpaid work"), &[UNKNOWN, ("geen", "geen", "none"), ("vrijwilligerswerk", "vrijwilligerswerk", "volunteering"), ("stage", "stage", "internship"), ("werkervaringsplaats", "werkervaringsplaats", "work-experience placement")], |f| f.onbetaald.clone(), |f, v| f.onbetaald = v)}
                    {flag("f-verantwoordelijkheid", ("Met verantwoordelijkheid voor anderen", "With responsibility towards others"), |f| f.verantwoordelijkheid, |f, v| f.verantwoordelijkheid = v)}
                    {number("f-onbetaald_werk-contactmomenten_per_week", ("Contactmomenten per week", "Contact moments a week"), |f| f.contactmomenten.clone(), |f, v| f.contactmomenten = v)}
                    {number("f-mantelzorg_uren_per_week", ("Mantelzorg, uren per week", "Informal care, hours a week"), |f| f.mantelzorg.clone(), |f, v| f.mantelzorg = v)}
                    {sel("f-dagbesteding", ("Dagbesteding", "Day activities"), &[UNKNOWN, ("geen", "geen", "none"), ("belevingsgericht", "belevingsgericht", "experience-oriented"), ("arbeidsmatig", "arbeidsmatig", "work-like")], |f| f.dagbesteding.clone(), |f, v| f.dagbesteding = v)}
                    {number("f-georganiseerde_activiteiten_per_week", ("Georganiseerde activiteiten per week", "Organised activities a week"), |f| f.activiteiten.clone(), |f, v| f.activiteiten = v)}
                    {number("f-sociale_contacten_per_week", ("Sociale contacten per week", "Social contacts a week"), |f| f.contacten.clone(), |f, v| f.contacten = v)}
                </fieldset>
                <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Route", "Route")}</legend>
                    {sel("f-gereedheid", ("Gereedheid (oordeel consulent)", "Readiness (consultant's view)"), &[UNKNOWN, ("werk", "klaar voor werk", "ready for work"), ("nu", "nu begeleiding", "guidance now"), ("later", "later", "later"), ("niet_op_korte_termijn", "niet op korte termijn", "not in the short term")], |f| f.gereedheid.clone(), |f, v| f.gereedheid = v)}
                    {number("f-groeipotentieel", ("Groeipotentieel (trede binnen een jaar)", "Growth potential (step within a year)"), |f| f.groei.clone(), |f, v| f.groei = v)}
                    <div class="form-group"><label class="utrecht-form-label" for="f-in_bijstand_sinds">{t("In bijstand sinds (jjjj-mm-dd)", "On assistance since (yyyy-mm-dd)")}</label>
                        <input class="utrecht-textbox input-width-10" id="f-in_bijstand_sinds" prop:value=move || form.with(|f| f.bijstand_sinds.clone()) on:input=move |ev| form.update(|f| f.bijstand_sinds = event_target_value(&ev))/></div>
                </fieldset>
                <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Besluit van de consulent", "The consultant's decision")}</legend>
                    <div class="form-group"><label class="utrecht-form-label" for="besluit-trede">{t("Trede", "Step")}</label>
                        <select class="utrecht-select" id="besluit-trede" on:change=move |ev| step.set(event_target_value(&ev))>
                            <option value="">{t("volg de suggestie", "follow the suggestion")}</option>
                            {(1..=6).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                        </select></div>
                    <div class="form-group"><label class="utrecht-form-label" for="besluit-traject">{t("Traject", "Trajectory")}</label>
                        <select class="utrecht-select" id="besluit-traject" on:change=move |ev| route.set(event_target_value(&ev))>
                            <option value="">{t("volg de suggestie", "follow the suggestion")}</option>
                            {["zorg", "participatie", "werk"].map(|c| view! { <option value=c>{move || trajectory_label(c, l())}</option> }).collect_view()}
                        </select></div>
                    <div class="form-group"><label class="utrecht-form-label" for="groei-trede">{t("Groeipotentieel: haalbare trede", "Growth potential: reachable step")}</label>
                        <select class="utrecht-select" id="groei-trede" on:change=move |ev| growth.set(event_target_value(&ev))>
                            <option value="">{t("niet vastgelegd", "not recorded")}</option>
                            {(1..=6).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                        </select></div>
                    <Show when=deviates>
                        <div class="form-group" class:form-group--error={let e = message_for(errors, "reden"); move || e().is_some()}>
                            <label class="utrecht-form-label" for="reden">{t("Reden van afwijken (verplicht)", "Reason for deviating (required)")}</label>
                            <p class="field-error" id="reden-fout">{message_for(errors, "reden")}</p>
                            <textarea class="utrecht-textarea" id="reden" rows="3" aria-describedby="reden-fout" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        </div>
                    </Show>
                </fieldset>
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="meting-opslaan">{t("Meting opslaan", "Save measurement")}</button>
            </form>
            <aside class="measure__live card" aria-labelledby="suggestie-kop">
                <h2 class="utrecht-heading-2" id="suggestie-kop">{t("Suggestie van de regels", "Suggestion of the rules")}</h2>
                <div aria-live="polite" data-testid="suggestie" data-ms=move || format!("{:.3}", last_ms.get())>
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
                {move || saved.get().map(|s| view! {
                    <div class="utrecht-alert utrecht-alert--ok" id="opgeslagen" tabindex="-1" role="status" data-testid="opgeslagen">
                        <p class="utrecht-paragraph">{match s {
                            Saved::Server { version } => format!("{} {version}).", i.t("Meting opgeslagen op de server (versie", "Measurement saved on the server (version")),
                            Saved::Queued => i.t("Meting bewaard op dit apparaat; wordt verstuurd zodra er verbinding is.", "Measurement kept on this device; it is sent as soon as there is a connection.").to_string(),
                        }}</p>
                    </div>
                })}
            </aside>
        </div>
    }
}
