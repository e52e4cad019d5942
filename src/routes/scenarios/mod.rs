//! What-if scenarios (`/scenarios`, issue 14) for team leads and policy staff: today's policy
//! and up to three named scenarios side by side, computed here in the browser with the domain
//! crate from the municipality's baseline (aggregates only, from the server). Each change is a
//! sentence, four big numbers come first, the charts carry bands, a sentence, a data table and
//! a CSV. Scenarios are kept in this browser (parameters only), saved per team on the server,
//! exported and imported as JSON and shared as a link that carries parameters only.

mod chart;
mod levers;
mod tools;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::nav::use_query_map;
use crate::routes::sign_in::RequireAction;
use chart::{Charts, YearTable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use levers::LeverPanel;
use meedoen_domain::number::fixed;
use meedoen_domain::records::FieldError;
use meedoen_domain::scenario::compare::{changes, euro, number};
use meedoen_domain::scenario::file::{import, MAX_SCENARIOS};
use meedoen_domain::scenario::{simulate, Baseline, Levers, Outcome, Summary};
use meedoen_domain::{Lang, Text};
use serde::{Deserialize, Serialize};
use tools::{GoalSeeking, RuleImpact, SavedList, ShareAndFiles};

/// One scenario being compared: its levers, and the saved copy it came from (id, version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub key: u32,
    pub levers: Levers,
    pub saved: Option<(i64, i64)>,
}

/// A computed column of the comparison: today's policy first, then the scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub levers: Levers,
    pub outcome: Option<Outcome>,
    pub errors: Vec<FieldError>,
}

/// The page's shared state.
#[derive(Clone, Copy)]
pub struct Scenarios {
    pub baseline: RwSignal<Option<Baseline>>,
    pub drafts: RwSignal<Vec<Draft>>,
    pub years: RwSignal<u32>,
    pub columns: Memo<Vec<Column>>,
    pub notice: RwSignal<Option<Text>>,
    /// Bumped when the team's saved list changed.
    pub saved_changed: RwSignal<u32>,
    next_key: StoredValue<u32>,
}

impl Scenarios {
    /// Today's policy as levers (the horizon of the page).
    pub fn base(&self) -> Option<Levers> {
        self.baseline.with(|b| {
            b.as_ref().map(|b| {
                let mut l = Levers::of_baseline(b);
                l.jaren = self.years.get();
                l
            })
        })
    }

    /// Add a scenario (when there is room); answers whether it was added.
    pub fn add(&self, mut levers: Levers, saved: Option<(i64, i64)>) -> bool {
        if self.drafts.with_untracked(Vec::len) >= MAX_SCENARIOS {
            return false;
        }
        levers.jaren = self.years.get_untracked();
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        self.drafts.update(|d| d.push(Draft { key, levers, saved }));
        true
    }

    /// Replace the scenarios being compared.
    pub fn replace(&self, list: Vec<(Levers, Option<(i64, i64)>)>) {
        self.drafts.set(vec![]);
        if let Some(y) = list.first().map(|(l, _)| l.jaren.clamp(1, 5)) {
            self.years.set(y);
        }
        for (l, s) in list {
            self.add(l, s);
        }
    }
}

const KEPT: &str = "meedoen.scenarios";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[derive(Serialize, Deserialize)]
struct Kept {
    jaren: u32,
    scenarios: Vec<Draft>,
}

#[component]
pub fn ScenariosPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| browser::set_title(i.t("Wat-als-scenario's", "What-if scenarios")));
    view! { <RequireAction action=meedoen_domain::access::Action::Scenarios><ScenariosView/></RequireAction> }
}

#[component]
fn ScenariosView() -> impl IntoView {
    let i = use_i18n();
    let baseline = RwSignal::new(None::<Baseline>);
    let problem = RwSignal::new(None::<Text>);
    let window = RwSignal::new(12u32);
    let drafts = RwSignal::new(Vec::<Draft>::new());
    let years = RwSignal::new(3u32);
    let last_ms = StoredValue::new(0.0);
    let columns = Memo::new(move |_| {
        let t0 = browser::now_ms();
        let out = baseline.with(|b| {
            let Some(b) = b else { return vec![] };
            let mut base = Levers::of_baseline(b);
            base.jaren = years.get();
            let mut all = vec![base];
            drafts.with(|d| all.extend(d.iter().map(|d| d.levers.clone())));
            all.into_iter()
                .map(|levers| match levers.check() {
                    Ok(()) => Column {
                        outcome: Some(simulate(b, &levers)),
                        levers,
                        errors: vec![],
                    },
                    Err(errors) => Column {
                        levers,
                        outcome: None,
                        errors,
                    },
                })
                .collect()
        });
        last_ms.set_value(browser::now_ms() - t0);
        out
    });
    let state = Scenarios {
        baseline,
        drafts,
        years,
        columns,
        notice: RwSignal::new(None),
        saved_changed: RwSignal::new(0),
        next_key: StoredValue::new(1),
    };
    provide_context(state);

    // The baseline from registered data, for the chosen window.
    Effect::new(move |_| {
        let months = window.get();
        spawn_local(async move {
            match api::get::<Baseline>(&format!("/api/scenario/basis?maanden={months}")).await {
                Ok(b) => {
                    problem.set(None);
                    baseline.set(Some(b));
                }
                Err(ApiFailure::Status { status: 401 | 403, .. }) => problem.set(Some(Text::fixed(
                    "U hebt geen toegang tot de scenario's. Die zijn er voor teamleiders en beleidsmedewerkers.",
                    "You have no access to the scenarios. They are for team leads and policy staff.",
                ))),
                Err(e) => problem.set(Some(e.message())),
            }
        });
    });

    // A shared link opens its scenarios; otherwise this browser's own comparison comes back.
    let query = use_query_map();
    let shared = query.read_untracked().get("deel");
    match shared {
        Some(text) => match import(&text) {
            Ok(list) => {
                state.replace(list.into_iter().map(|l| (l, None)).collect());
                state.notice.set(Some(Text::fixed(
                    "U ziet de scenario's uit een gedeelde link. Ze zijn nog niet opgeslagen voor uw team.",
                    "You are looking at the scenarios of a shared link. They are not saved for your team yet.",
                )));
            }
            Err(e) => state.notice.set(Some(Text::new(
                format!(
                    "De gedeelde link is niet te lezen: {}",
                    fields_text(&e, Lang::Nl)
                ),
                format!(
                    "The shared link cannot be read: {}",
                    fields_text(&e, Lang::En)
                ),
            ))),
        },
        None => {
            if let Some(k) = storage()
                .and_then(|s| s.get_item(KEPT).ok().flatten())
                .and_then(|t| serde_json::from_str::<Kept>(&t).ok())
            {
                years.set(k.jaren.clamp(1, 5));
                let list = k
                    .scenarios
                    .into_iter()
                    .filter(|d| d.levers.check().is_ok())
                    .map(|d| (d.levers, d.saved))
                    .collect();
                state.replace(list);
            }
        }
    }
    // Keep the comparison in this browser (parameters only) at every change.
    Effect::new(move |_| {
        let kept = Kept {
            jaren: years.get(),
            scenarios: drafts.get(),
        };
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&kept)) {
            let _ = s.set_item(KEPT, &text);
        }
    });
    // Every scenario follows the page's horizon.
    Effect::new(move |_| {
        let y = years.get();
        drafts.update(|d| {
            for x in d.iter_mut() {
                x.levers.jaren = y;
            }
        });
    });

    let add = move |_| {
        if let Some(mut l) = state.base() {
            let n = drafts.with_untracked(Vec::len) + 1;
            l.naam = match i.lang.get_untracked() {
                Lang::Nl => format!("Scenario {n}"),
                Lang::En => format!("Scenario {n}"),
            };
            // A name the team has not used yet in this comparison.
            while drafts.with_untracked(|d| d.iter().any(|x| x.levers.naam == l.naam)) {
                l.naam.push('\'');
            }
            if state.add(l, None) {
                let key = state.next_key.get_value() - 1;
                browser::after_render(move || browser::focus(&format!("naam-{key}")));
            }
        }
    };

    view! {
        <h1 class="utrecht-heading-1" data-testid="scenario-kop">{i.tr("Wat-als-scenario's", "What-if scenarios")}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{move || i.t(
            "Wat gebeurt er als we meer of minder consulenten inzetten, de caseloadnorm veranderen of trajecten inkopen? Het model rekent per maand vanuit de geregistreerde cijfers van nu. Alleen totalen: er gaat hier geen persoonsgegeven over de lijn.",
            "What happens if we fund more or fewer consultants, change the caseload norm or buy trajectories? The model computes month by month from today's registered figures. Totals only: no personal data crosses the wire here.")}</p>
        {move || problem.get().map(|p| view! { <div class="utrecht-alert utrecht-alert--error" role="alert" data-testid="scenario-fout"><p class="utrecht-paragraph">{i.text(&p)}</p></div> })}
        {move || state.notice.get().map(|p| view! { <div class="utrecht-alert" role="status" data-testid="scenario-melding"><p class="utrecht-paragraph">{i.text(&p)}</p></div> })}
        {show_if(move || baseline.with(Option::is_some), move || view! {
            <div class="period-chooser no-print">
                <div class="form-group">
                    <label class="utrecht-form-label" for="horizon">{i.tr("Doorrekenen over", "Compute over")}</label>
                    <select class="utrecht-select" id="horizon" data-testid="horizon" on:change=move |ev| { if let Ok(y) = event_target_value(&ev).parse() { years.set(y) } }>
                        {(1..=5u32).map(|y| view! { <option value=y.to_string() selected=move || years.get() == y>{move || format!("{y} {}", if y == 1 { i.t("jaar", "year") } else { i.t("jaar", "years") })}</option> }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="utrecht-form-label" for="venster">{i.tr("Kansen gemeten over de afgelopen", "Rates observed over the past")}</label>
                    <select class="utrecht-select" id="venster" data-testid="venster" on:change=move |ev| { if let Ok(m) = event_target_value(&ev).parse() { window.set(m) } }>
                        {[6u32, 12, 24, 36].into_iter().map(|m| view! { <option value=m.to_string() selected=move || window.get() == m>{move || format!("{m} {}", i.t("maanden", "months"))}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="scenario-toevoegen"
                    disabled=move || { drafts.with(Vec::len) >= MAX_SCENARIOS } on:click=add>
                    {i.tr("Scenario toevoegen", "Add a scenario")}
                </button>
                <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| browser::print()>{i.tr("Afdrukken", "Print")}</button>
            </div>
            <BigNumbers/>
            <div class="scenario-columns">
                <BaselinePanel/>
                <For each=move || drafts.get() key=|d| d.key let:d>
                    <LeverPanel key=d.key/>
                </For>
            </div>
            <Charts/>
            <YearTable/>
            <GoalSeeking/>
            <RuleImpact/>
            <ShareAndFiles/>
            <SavedList/>
            <p class="visually-hidden" data-testid="reken-ms" data-ms=move || { columns.track(); fixed(last_ms.get_value(), 3) }>{move || { columns.track(); format!("{} ms", fixed(last_ms.get_value(), 2)) }}</p>
        }.into_any())}
        {move || (baseline.with(Option::is_none) && problem.with(Option::is_none)).then(|| view! {
            <p class="utrecht-paragraph" role="status">{i.tr("De uitgangssituatie wordt geladen…", "Loading the starting point…")}</p>
        })}
    }
}

/// Field problems as one sentence: "jaren: Kies 1 tot en met 5 jaar. …".
pub fn fields_text(errors: &[FieldError], lang: Lang) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message.get(lang)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first simulated year (for the change sentences).
pub fn start_year(state: &Scenarios) -> i32 {
    use chrono::Datelike;
    state
        .baseline
        .with(|b| b.as_ref().map_or(2026, |b| b.start.year()))
}

fn big(v: [f64; 3], money: bool, decimals: usize, lang: Lang) -> (String, String) {
    let f = |x: f64| {
        if money {
            euro(x, lang)
        } else {
            number(x, decimals, lang)
        }
    };
    (f(v[1]), format!("{} – {}", f(v[0]), f(v[2])))
}

/// The four big numbers of every column, with the difference from today's policy, before any
/// detail; each scenario's changes as sentences.
#[component]
fn BigNumbers() -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let lang = move || i.lang.get();
    type Pick = fn(&Summary) -> [f64; 3];
    let rows: [(&'static str, &'static str, Pick, bool, usize, bool); 4] = [
        ("Kosten", "Cost", |x| x.kosten, true, 0, false),
        (
            "Uitstroom uit de uitkering",
            "Exits from benefit",
            |x| x.uitstroom,
            false,
            0,
            true,
        ),
        (
            "Wachttijd 'nu klaar' aan het eind (maanden)",
            "Waiting time 'ready now' at the end (months)",
            |x| x.wachttijd_maanden,
            false,
            1,
            false,
        ),
        ("Netto resultaat", "Net result", |x| x.netto, true, 0, true),
    ];
    view! {
        <section class="card" aria-labelledby="vergelijking-kop" data-testid="vergelijking">
            <h2 class="utrecht-heading-2" id="vergelijking-kop">{i.tr("Vergelijking in vier getallen", "The comparison in four numbers")}</h2>
            <p class="utrecht-paragraph">{move || i.t(
                "Centrale waarde, met daaronder de band (90%) en het verschil met het huidige beleid. Over de hele periode.",
                "Central value, with the band (90%) and the difference from today's policy below it. Over the whole period.")}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="vergelijking-kop">
            <table class="utrecht-table report-table scenario-table">
                <thead><tr>
                    <th scope="col">{i.tr("Getal", "Figure")}</th>
                    {move || s.columns.get().into_iter().enumerate().map(|(n, c)| view! {
                        <th scope="col" data-testid=format!("kolom-{n}")>{c.levers.naam.clone()}</th>
                    }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(nl, en, pick, money, dec, more_is_better)| view! {
                        <tr>
                            <th scope="row">{move || i.t(nl, en)}</th>
                            {move || {
                                let cols = s.columns.get();
                                let base = cols.first().and_then(|c| c.outcome.as_ref()).map(|o| pick(&o.summary()));
                                cols.into_iter().enumerate().map(|(n, c)| match c.outcome {
                                    Some(o) => {
                                        let v = pick(&o.summary());
                                        let (mid, band) = big(v, money, dec, lang());
                                        let diff = base.filter(|_| n > 0).map(|b| {
                                            match (v[1].is_finite(), b[1].is_finite()) {
                                                (false, false) => return "±0".to_string(),
                                                (false, true) => return i.t("de lijst loopt niet meer leeg (ongunstiger)", "the list no longer empties (worse)").to_string(),
                                                (true, false) => return i.t("de lijst loopt weer leeg (gunstiger)", "the list empties again (better)").to_string(),
                                                (true, true) => {}
                                            }
                                            let d = v[1] - b[1];
                                            let d = if d.abs() < 0.5 * 10f64.powi(-(dec as i32)) { 0.0 } else { d };
                                            let better = if more_is_better { d > 0.0 } else { d < 0.0 };
                                            let shown = if money { euro(d.abs(), lang()) } else { number(d.abs(), dec, lang()) };
                                            let sign = if d == 0.0 { "±" } else if d > 0.0 { "+" } else { "−" };
                                            let word = if d == 0.0 { "" } else if better { i.t(" (gunstiger)", " (better)") } else { i.t(" (ongunstiger)", " (worse)") };
                                            format!("{sign}{shown}{word}")
                                        });
                                        view! {
                                            <td data-testid=format!("getal-{n}")>
                                                <span class="scenario-big">{mid}</span>
                                                <span class="scenario-band">{band}</span>
                                                {diff.map(|d| view! { <span class="scenario-diff">{format!("{} {d}", i.t("verschil", "difference"))}</span> })}
                                            </td>
                                        }.into_any()
                                    }
                                    None => view! { <td>{i.t("Eerst de invoer verbeteren", "Correct the input first")}</td> }.into_any(),
                                }).collect_view()
                            }}
                        </tr>
                    }).collect_view()}
                    <tr>
                        <th scope="row">{i.tr("Veranderingen", "Changes")}</th>
                        {move || {
                            let cols = s.columns.get();
                            let base = cols.first().map(|c| c.levers.clone());
                            let year = start_year(&s);
                            cols.into_iter().enumerate().map(|(n, c)| {
                                let list = base.as_ref().filter(|_| n > 0).map(|b| changes(b, &c.levers, year)).unwrap_or_default();
                                view! {
                                    <td data-testid=format!("veranderingen-{n}")>
                                        {if n == 0 {
                                            i.t("uitgangspunt", "starting point").into_any()
                                        } else if list.is_empty() {
                                            i.t("nog geen verandering", "no change yet").into_any()
                                        } else {
                                            view! { <ul class="scenario-changes">{list.into_iter().map(|t| view! { <li>{t.get(lang()).to_string()}</li> }).collect_view()}</ul> }.into_any()
                                        }}
                                    </td>
                                }
                            }).collect_view()
                        }}
                    </tr>
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// Today's situation from registered data: stocks and rates, each rate with its count.
#[component]
fn BaselinePanel() -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let lang = move || i.lang.get();
    view! {
        <section class="card scenario-column" aria-labelledby="basis-kop" data-testid="basis">
            <h2 class="utrecht-heading-2" id="basis-kop">{i.tr("Huidig beleid", "Today's policy")}</h2>
            {move || s.baseline.get().map(|b| {
                let l = lang();
                let per100 = |r: &meedoen_domain::scenario::Rate| format!("{} ({} {})", number(r.central() * 100.0, 2, l), number(r.events, 0, l), if l == Lang::Nl { "keer gezien" } else { "times seen" });
                let cap = meedoen_domain::scenario::capacity(b.consulenten_fte, b.caseload_norm, 0.1);
                view! {
                    <dl class="scenario-facts" data-testid="basis-cijfers">
                        <dt>{i.t("Begeleid nu", "Guided now")}</dt><dd data-testid="basis-begeleid">{number(b.begeleid, 0, l)}</dd>
                        <dt>{i.t("Consulenten", "Consultants")}</dt><dd>{format!("{} fte", number(b.consulenten_fte, 1, l))}</dd>
                        <dt>{i.t("Caseloadnorm", "Caseload norm")}</dt><dd>{b.caseload_norm}</dd>
                        <dt>{i.t("Capaciteit (90% begeleiding)", "Capacity (90% guidance)")}</dt><dd>{number(cap, 0, l)}</dd>
                        <dt>{i.t("Wachtlijst: nu klaar", "Waiting: ready now")}</dt><dd data-testid="basis-wacht-nu">{number(b.wacht_nu, 0, l)}</dd>
                        <dt>{i.t("Wachtlijst: later", "Waiting: later")}</dt><dd>{number(b.wacht_later, 0, l)}</dd>
                        <dt>{i.t("Wachtlijst: niet op korte termijn", "Waiting: not in the short term")}</dt><dd>{number(b.wacht_niet, 0, l)}</dd>
                        <dt>{i.t("Nieuwe instroom per maand", "New inflow per month")}</dt><dd>{format!("{} ({} {})", number(b.instroom.central(), 1, l), number(b.instroom.events, 0, l), i.t("in het venster", "in the window"))}</dd>
                        <dt>{i.t("Uitstroom per 100 begeleiden per maand", "Exits per 100 guided per month")}</dt><dd>{per100(&b.uitstroom)}</dd>
                        <dt>{i.t("Plaatsingen per 100 begeleiden per maand", "Placements per 100 guided per month")}</dt><dd>{per100(&b.plaatsing)}</dd>
                        <dt>{i.t("Overdrachten aan het WSP per 100 per maand", "Hand-overs to the WSP per 100 per month")}</dt><dd>{per100(&b.overdracht)}</dd>
                        <dt>{i.t("Einde begeleiding per 100 per maand", "End of guidance per 100 per month")}</dt><dd>{per100(&b.einde_begeleiding)}</dd>
                    </dl>
                    <p class="utrecht-paragraph scenario-note">{i.t(
                        "Minder keer gezien betekent een bredere band. Bedragen en aannames: docs/scenarios.md.",
                        "Fewer times seen means a wider band. Amounts and assumptions: docs/scenarios.md.")}</p>
                }
            })}
        </section>
    }
}
