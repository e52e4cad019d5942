//! A ladder measurement: the consultant enters the facts, and as they type the rules of the
//! domain crate (running here, in the browser) suggest the step, trajectory and WSP advice
//! with the explanation beside them. The consultant decides; deviating needs a reason. The
//! measurement is saved as a typed record through the same domain check as every other form.
//! Facts can come from a self-service form in the inbox (`?inzending=`).

mod facts_form;
mod facts_inputs;
mod suggestion;

use crate::browser;
use crate::components::error_summary::{message_for, ErrorSummary, Item, SUMMARY_ID};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::nav::{use_params_map, use_query_map};
use crate::routes::inbox::{load_inbox, trajectory_label};
use crate::routes::sign_in::RequireAction;
use crate::sync::{mutation, use_sync, Saved};
use crate::workspace::{of_kind, person};
use facts_form::{input_id, FactsForm};
use facts_inputs::FactsInputs;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::records::{suggest, Context, Decision, Kind, Measurement, Occasion, Record};
use meedoen_domain::{RuleSet, Text};
use suggestion::SuggestionPanel;

/// The input that shows an error the domain's record check reports on a field.
fn input_of(field: &str) -> String {
    match field {
        "datum" | "aanleiding" => field.into(),
        "reden_afwijking" => "reden".into(),
        // One growth-potential input: the fact the rules read is also what the decision records.
        "groeipotentieel_trede" => "f-groeipotentieel".into(),
        f if f.starts_with("besluit") => "besluit-trede".into(),
        f => input_id(f.strip_prefix("feiten.").unwrap_or(f)),
    }
}

#[component]
pub fn MeasurementPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Laddermeting", "Ladder measurement")));
    view! { <RequireAction action=meedoen_domain::access::Action::WriteRecords><Measurement/></RequireAction> }
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
            let latest = of_kind(file, Kind::Meting)
                .filter_map(|r| match &r.record {
                    Record::Meting(m) => Some(m),
                    _ => None,
                })
                .max_by_key(|m| m.datum);
            match latest {
                Some(m) => Some(m.feiten.clone()),
                None => person(file)?.feiten.clone(),
            }
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
    let reason = RwSignal::new(String::new());
    let last_ms = RwSignal::new(0.0f64);
    // Live classification: runs on every change of the facts.
    let live = Memo::new(move |_| {
        let t0 = browser::now_ms();
        let d = date
            .with(|d| meedoen_domain::day::parse(d))
            .unwrap_or(today);
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
    let fail = move |list: Vec<Item>| {
        errors.set(list);
        browser::after_render(|| browser::focus(SUMMARY_ID));
    };
    let item = |input: String, message: Text| Item {
        input,
        page: None,
        message,
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = meedoen_domain::day::parse(&date.get_untracked()) else {
            return fail(vec![item(
                "datum".into(),
                Text::fixed(
                    "Vul de datum van de meting in als jjjj-mm-dd.",
                    "Enter the measurement date as yyyy-mm-dd.",
                ),
            )]);
        };
        let (facts, sug) = match live.get_untracked() {
            Err(fe) => {
                return fail(
                    fe.into_iter()
                        .map(|f| item(input_id(&f.field), f.message))
                        .collect(),
                )
            }
            Ok((facts, (sug, _, _))) => (facts, sug),
        };
        let (Some(trede), Some(traject)) = (decided_step(), decided_route()) else {
            return fail(vec![item(
                "besluit-trede".into(),
                Text::fixed(
                    "De regels kunnen nog niet beslissen: kies zelf de trede en het traject.",
                    "The rules cannot decide yet: choose the step and trajectory yourself.",
                ),
            )]);
        };
        let mut feiten = facts;
        feiten.peildatum = Some(d);
        // The measurement as a typed record, checked like every other record.
        let record = Record::Meting(Measurement {
            datum: d,
            aanleiding: Occasion::parse(&occasion.get_untracked()).unwrap_or(Occasion::Tussentijds),
            feiten,
            suggestie: sug,
            besluit: Decision { trede, traject },
            reden_afwijking: deviates().then(|| reason.get_untracked().trim().to_string()),
            groeipotentieel_trede: form.with_untracked(|f| f.groei.trim().parse::<u8>().ok()),
        });
        let ctx = Context {
            today,
            rules: RuleSet::embedded(),
        };
        if let Err(e) = record.check(&ctx) {
            return fail(
                e.into_iter()
                    .map(|f| item(input_of(&f.field), f.message))
                    .collect(),
            );
        }
        let Record::Meting(measured) = &record else {
            return;
        };
        let fields = match serde_json::to_value(measured) {
            Ok(serde_json::Value::Object(f)) => f,
            _ => return,
        };
        let m = mutation(Kind::Meting, None, resident_id, 0, fields);
        spawn_local(async move {
            match sync.submit(m).await {
                Ok(s) => {
                    errors.set(vec![]);
                    saved.set(Some(s));
                    browser::after_render(|| browser::focus("opgeslagen"));
                }
                Err(refusal) => fail(
                    refusal
                        .fields
                        .into_iter()
                        .map(|f| item(input_of(&f.field), f.message))
                        .collect(),
                ),
            }
        });
    };
    let l = move || i.lang.get();
    let t = move |nl: &'static str, en: &'static str| move || i.t(nl, en);
    view! {
        <ErrorSummary items=errors.into()/>
        <a href=format!("/inwoners/{resident_id}") class="back-link">{t("Terug naar het dossier", "Back to the file")}</a>
        <h1 class="utrecht-heading-1">{t("Laddermeting", "Ladder measurement")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead" data-testid="inwoner">{move || resident.get().map(|r| format!("{} · {}",
            r.naam, r.geboortedatum.map(|d| d.to_string()).unwrap_or_default()))}</p>
        {move || source.get().map(|s| view! { <div class="utrecht-alert utrecht-alert--info" data-testid="bron"><p class="utrecht-paragraph">{i.text(&s)}</p></div> })}
        <div class="measure">
            <form class="measure__form" novalidate on:submit=save data-testid="meting">
                <fieldset class="utrecht-form-fieldset__fieldset"><legend class="utrecht-heading-2">{t("Meting", "Measurement")}</legend>
                    <div class="form-group"><label class="utrecht-form-label" for="datum">{t("Datum (jjjj-mm-dd)", "Date (yyyy-mm-dd)")}</label>
                        <input class="utrecht-textbox input-width-10" id="datum" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/></div>
                    <div class="form-group"><label class="utrecht-form-label" for="aanleiding">{t("Aanleiding", "Occasion")}</label>
                        <select class="utrecht-select" id="aanleiding" on:change=move |ev| occasion.set(event_target_value(&ev))>
                            {Occasion::CHOICES.iter().map(|c| view! { <option value=c.code selected=move || occasion.get() == c.code>{move || i.text(&c.label)}</option> }).collect_view()}
                        </select></div>
                </fieldset>
                <FactsInputs form=form errors=errors/>
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
                    {show_if(deviates, move || view! {
                        <div class="form-group" class:form-group--error={let e = message_for(errors, "reden"); move || e().is_some()}>
                            <label class="utrecht-form-label" for="reden">{t("Reden van afwijken (verplicht)", "Reason for deviating (required)")}</label>
                            <p class="field-error" id="reden-fout">{message_for(errors, "reden")}</p>
                            <textarea class="utrecht-textarea" id="reden" rows="3" aria-describedby="reden-fout" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        </div>
                    }.into_any())}
                </fieldset>
                <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="meting-opslaan">{t("Meting opslaan", "Save measurement")}</button>
            </form>
            <SuggestionPanel live=live last_ms=last_ms>
                {move || saved.get().map(|s| view! {
                    <div class="utrecht-alert utrecht-alert--ok" id="opgeslagen" tabindex="-1" role="status" data-testid="opgeslagen">
                        <p class="utrecht-paragraph">{match s {
                            Saved::Server { version } => format!("{} {version}).", i.t("Meting opgeslagen op de server (versie", "Measurement saved on the server (version")),
                            Saved::Queued => i.t("Meting bewaard op dit apparaat; wordt verstuurd zodra er verbinding is.", "Measurement kept on this device; it is sent as soon as there is a connection.").to_string(),
                        }}</p>
                    </div>
                })}
            </SuggestionPanel>
        </div>
    }
}
