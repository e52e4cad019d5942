//! The team's inbox of self-service forms: what the resident wrote, an indicative step and
//! trajectory computed by the same rules (for the consultant only; the resident never sees a
//! verdict), linking to a resident of the caseload, and with one action the start of a ladder
//! measurement with the form's facts filled in.

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::number::plain;
use meedoen_domain::records::suggest;
use meedoen_domain::schema::TRAJECTORY_VALUES;
use meedoen_domain::submission::{Channel, Submission};
use meedoen_domain::text::lowercase;
use meedoen_domain::{Lang, RuleSet};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct InboxEntry {
    pub id: i64,
    pub referentie: String,
    pub ontvangen_op: String,
    pub inzending: Submission,
    pub inwoner_id: Option<i64>,
    pub gekoppeld_door: Option<String>,
}

#[derive(Deserialize)]
struct InboxList {
    inzendingen: Vec<InboxEntry>,
}

/// A resident as the caseload endpoint lists them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ResidentRow {
    pub id: i64,
    pub versie: i64,
    pub consulent_id: Option<i64>,
    pub velden: Identity,
}

/// What the inbox needs of a resident record to link a submission: who it is.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Identity {
    pub naam: String,
    #[serde(default, deserialize_with = "meedoen_domain::day::de_opt")]
    pub geboortedatum: Option<chrono::NaiveDate>,
}

impl ResidentRow {
    pub fn name(&self) -> String {
        self.velden.naam.clone()
    }
    pub fn birth(&self) -> String {
        self.velden
            .geboortedatum
            .map(|d| d.to_string())
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct Caseload {
    inwoners: Vec<ResidentRow>,
}

pub async fn load_inbox() -> Result<Vec<InboxEntry>, ApiFailure> {
    api::get::<InboxList>("/api/inzendingen")
        .await
        .map(|l| l.inzendingen)
}

pub fn trajectory_label(code: &str, lang: Lang) -> String {
    TRAJECTORY_VALUES
        .iter()
        .find(|v| v.code == code)
        .map_or(code.to_string(), |v| v.label.get(lang).to_string())
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Inbox zelfservice", "Self-service inbox")));
    view! { <RequireAction action=meedoen_domain::access::Action::Inbox><Inbox/></RequireAction> }
}

#[component]
fn Inbox() -> impl IntoView {
    let i = use_i18n();
    let version = RwSignal::new(0u32);
    let entries = api::answer(move || {
        version.get();
        load_inbox()
    });
    let caseload = api::answer(|| async {
        api::get::<Caseload>("/api/inwoners")
            .await
            .map(|c| c.inwoners)
    });
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Inbox zelfservice", "Self-service inbox")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Formulieren die inwoners zelf invulden. De indicatie komt van de regels en is alleen voor u: de inwoner ziet mogelijkheden, geen besluit.",
            "Forms residents filled in themselves. The indication comes from the rules and is for you only: the resident sees options, not a decision.")}</p>
        <div data-testid="inbox">
            {move || match entries.get() {
                None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e.message())}</p></div> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="utrecht-paragraph">{i.t("Er zijn geen formulieren.", "There are no forms.")}</p> }.into_any(),
                Some(Ok(list)) => list.into_iter().map(|e| view! { <Entry entry=e caseload=caseload version=version/> }).collect_view().into_any(),
            }}
        </div>
    }
}

#[component]
fn Entry(
    entry: InboxEntry,
    caseload: ReadSignal<Option<Result<Vec<ResidentRow>, ApiFailure>>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i = use_i18n();
    let today = browser::today();
    let s = entry.inzending.clone();
    let facts = s.indicative_facts(today);
    let indication = suggest(RuleSet::embedded(), &facts, today);
    let heading_id = format!("inzending-{}", entry.id);
    let name = s.contact.naam.clone();
    let l = move || i.lang.get();
    let doing = s.nu.clone();
    let wants = s.wil.clone();
    let hard = s.moeilijk.clone();
    let contact = s.contact.clone();
    let (wil_t, moeilijk_t) = (s.wil_toelichting.clone(), s.moeilijk_toelichting.clone());
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<meedoen_domain::Text>);
    let entry_id = entry.id;
    let link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(resident) = chosen.get_untracked().parse::<i64>() else {
            error.set(Some(meedoen_domain::Text::new(
                "Kies een inwoner uit uw caseload.",
                "Choose a resident from your caseload.",
            )));
            browser::after_render(move || browser::focus(&format!("koppel-{entry_id}")));
            return;
        };
        spawn_local(async move {
            match api::post::<_, serde_json::Value>(
                &format!("/api/inzendingen/{entry_id}/koppelen"),
                &serde_json::json!({ "inwoner_id": resident }),
            )
            .await
            {
                Ok(_) => version.update(|v| *v += 1),
                Err(f) => error.set(Some(f.message())),
            }
        });
    };
    let birth = contact.geboortedatum.to_string();
    let resident_name = move |id: i64| {
        caseload
            .get()
            .and_then(|r| r.ok())
            .and_then(|rows| rows.into_iter().find(|r| r.id == id))
            .map_or(format!("#{id}"), |r| r.name())
    };
    view! {
        <article class="card inbox-entry" aria-labelledby=heading_id.clone() data-testid=format!("inzending-{}", entry.referentie)>
            <h2 class="utrecht-heading-2" id=heading_id.clone()>{format!("{} · {}", entry.referentie, name)}</h2>
            <dl class="facts">
                <dt>{i.tr("Ontvangen", "Received")}</dt><dd>{entry.ontvangen_op.get(..16).unwrap_or_default().replace('T', " ")}</dd>
                <dt>{i.tr("Geboortedatum", "Date of birth")}</dt><dd>{meedoen_domain::report::date_numeric(contact.geboortedatum)}</dd>
                <dt>{i.tr("Contact", "Contact")}</dt>
                <dd>{move || {
                    let how = match contact.manier { Channel::Telefoon => contact.telefoon.clone().unwrap_or_default(), Channel::Email => contact.email.clone().unwrap_or_default(), Channel::Brief => String::new() };
                    let when: Vec<String> = contact.wanneer.iter().map(|d| d.label().get(l()).to_string()).collect();
                    format!("{} {how} {}", contact.manier.label().get(l()), if when.is_empty() { String::new() } else { format!("({})", when.join(", ")) })
                }}</dd>
                <dt>{i.tr("Doet nu", "Does now")}</dt>
                <dd>{move || if doing.is_empty() { i.t("niets van de lijst", "nothing on the list").to_string() } else {
                    doing.iter().map(|d| format!("{} ({}{})", d.soort.label().get(l()), lowercase(d.hoe_vaak.label().get(l())),
                        d.uren_per_week.map_or(String::new(), |h| format!(", {} {}", plain(h, 6), i.t("uur per week", "hours a week"))))).collect::<Vec<_>>().join("; ")
                }}</dd>
                <dt>{i.tr("Wil graag", "Would like")}</dt>
                <dd>{move || { let mut v: Vec<String> = wants.iter().map(|a| a.label().get(l()).to_string()).collect(); v.extend(wil_t.clone()); v.join("; ") }}</dd>
                <dt>{i.tr("Maakt het moeilijk", "Makes it hard")}</dt>
                <dd>{move || { let mut v: Vec<String> = hard.iter().map(|o| o.label().get(l()).to_string()).collect(); v.extend(moeilijk_t.clone()); v.join("; ") }}</dd>
                <dt>{i.tr("Indicatie (regels)", "Indication (rules)")}</dt>
                <dd data-testid="indicatie">{
                    let indication = indication.clone();
                    move || match &indication {
                        Ok((sug, out, _)) => {
                            let step = sug.trede.map_or(i.t("trede nog niet te bepalen", "step not yet known").to_string(), |t| format!("{} {t}", i.t("trede", "step")));
                            let route = sug.traject.as_deref().map_or(String::new(), |t| format!(", {}", trajectory_label(t, l())));
                            let missing: Vec<&str> = out.ontbreekt.iter().map(|m| m.label.get(l())).collect();
                            let ask = if missing.is_empty() { String::new() } else { format!(" — {} {}", i.t("vraag nog naar:", "still ask about:"), missing.join(", ")) };
                            format!("{step}{route}{ask}")
                        }
                        Err(e) => e.first().map(|x| x.message.get(l()).to_string()).unwrap_or_default(),
                    }
                }</dd>
            </dl>
            {match &indication {
                Ok((_, _, ex)) => {
                    let ex = ex.clone();
                    Some(view! { <details class="explanation"><summary>{i.tr("Uitleg van de indicatie", "Explanation of the indication")}</summary>
                        <ul>{move || ex.lines(l()).into_iter().map(|t| view! { <li>{t.to_string()}</li> }).collect_view()}</ul></details> })
                }
                Err(_) => None,
            }}
            {match entry.inwoner_id {
                Some(id) => view! {
                    <p class="utrecht-paragraph">{i.tr("Gekoppeld aan ", "Linked to ")}<strong>{move || resident_name(id)}</strong></p>
                    <a href=format!("/inwoners/{id}/meting?inzending={}", entry.id) class="utrecht-button utrecht-button--primary-action button-link" data-testid="naar-meting">
                        {i.tr("Gebruik als feiten voor een laddermeting", "Use as facts for a ladder measurement")}
                    </a>
                }.into_any(),
                None => view! {
                    <form class="link-form" novalidate on:submit=link>
                        <label class="utrecht-form-label" for=format!("koppel-{}", entry.id)>{i.tr("Koppelen aan inwoner", "Link to resident")}</label>
                        <p class="field-error" id=format!("koppel-{}-fout", entry.id) role="alert">{move || error.get().map(|e| i.text(&e))}</p>
                        <div class="button-row">
                            <select class="utrecht-select" id=format!("koppel-{}", entry.id) aria-describedby=format!("koppel-{}-fout", entry.id)
                                on:change=move |ev| chosen.set(event_target_value(&ev))>
                                <option value="">{i.tr("Kies een inwoner", "Choose a resident")}</option>
                                {move || {
                                    let rows = caseload.get().and_then(|r| r.ok()).unwrap_or_default();
                                    let (same, other): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.birth() == birth);
                                    view! {
                                        <optgroup label=i.t("Zelfde geboortedatum", "Same date of birth")>
                                            {same.into_iter().map(|r| view! { <option value=r.id.to_string()>{format!("{} ({})", r.name(), r.birth())}</option> }).collect_view()}
                                        </optgroup>
                                        <optgroup label=i.t("Anderen in uw caseload", "Others in your caseload")>
                                            {other.into_iter().map(|r| view! { <option value=r.id.to_string()>{format!("{} ({})", r.name(), r.birth())}</option> }).collect_view()}
                                        </optgroup>
                                    }
                                }}
                            </select>
                            <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="koppelen">{i.tr("Koppelen", "Link")}</button>
                        </div>
                    </form>
                }.into_any(),
            }}
        </article>
    }
}
