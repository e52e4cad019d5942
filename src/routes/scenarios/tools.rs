//! Around the comparison: goal seeking ("how many consultants clear the ready-now list in N
//! months?", "how many consultants fit a budget?"), the impact of another ladder version
//! (counts for policy staff from the server; a team lead's list computed here from the team's
//! own copy), JSON export and import, a share link with parameters only, and the team's saved
//! scenarios.

use super::levers::parse_number;
use super::{fields_text, Scenarios};
use crate::api;
use crate::browser;
use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::workspace::{person, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::impact::{of_ladder_version, Counts};
use meedoen_domain::scenario::compare::{euro, fte, number};
use meedoen_domain::scenario::file::{import, ScenarioFile, MAX_SCENARIOS};
use meedoen_domain::scenario::{capacity, consultants_for_budget, consultants_to_clear};
use meedoen_domain::wire::SavedScenario;
use meedoen_domain::{Lang, RuleSet, Text};

#[component]
pub fn GoalSeeking() -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let lang = move || i.lang.get();
    let months = RwSignal::new("12".to_string());
    let budget = RwSignal::new(String::new());
    let norm = RwSignal::new(String::new());
    let clear = Memo::new(move |_| {
        let m = months
            .get()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=60).contains(m));
        let (Some(m), Some(base)) = (m, s.base()) else {
            return Err(());
        };
        Ok(s.baseline.with(|b| {
            b.as_ref().map(|b| {
                (
                    m,
                    consultants_to_clear(b, &base, m),
                    base.consulenten_fte.first().copied().unwrap_or(0.0),
                )
            })
        }))
    });
    let fits = move || {
        let base = s.base()?;
        let money = budget.with(|b| {
            if b.trim().is_empty() {
                Some(base.kosten_per_fte * base.consulenten_fte[0])
            } else {
                parse_number(b)
            }
        })?;
        let n = norm.with(|n| {
            if n.trim().is_empty() {
                Some(base.caseload_norm)
            } else {
                n.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=500).contains(n))
            }
        })?;
        let f = consultants_for_budget(money, base.kosten_per_fte);
        Some((money, n, f, capacity(f, n, base.aandeel_intake)))
    };
    let add_clearing = move |_| {
        if let (Ok(Some((m, Some(f), _))), Some(mut l)) = (clear.get_untracked(), s.base()) {
            l.consulenten_fte = vec![f];
            l.naam = match i.lang.get_untracked() {
                Lang::Nl => format!("{} fte: lijst leeg in {m} maanden", fte(f, Lang::Nl)),
                Lang::En => format!("{} FTE: list empty in {m} months", fte(f, Lang::En)),
            };
            s.add(l, None);
        }
    };
    view! {
        <section class="card" aria-labelledby="doel-kop" data-testid="doelzoeken">
            <h2 class="utrecht-heading-2" id="doel-kop">{i.tr("Doelzoeken", "Goal seeking")}</h2>
            <div class="form-group">
                <label class="utrecht-form-label" for="doel-maanden">{i.tr("Hoeveel consulenten maken de lijst 'nu klaar' leeg binnen … maanden?", "How many consultants clear the 'ready now' list within … months?")}</label>
                <input type="text" inputmode="numeric" class="utrecht-textbox input-width-6" id="doel-maanden" data-testid="doel-maanden"
                    prop:value=move || months.get() on:input=move |ev| months.set(event_target_value(&ev))/>
            </div>
            <p class="utrecht-paragraph" role="status" data-testid="doel-antwoord">{move || match clear.get() {
                Err(()) => i.t("maanden: vul een geheel getal van 1 tot en met 60 in.", "months: enter a whole number from 1 to 60.").to_string(),
                Ok(None) => String::new(),
                Ok(Some((m, Some(f), now))) => match lang() {
                    Lang::Nl => format!("Met {} fte is de lijst 'nu klaar' binnen {m} maanden leeg (centrale schatting; nu {} fte).", fte(f, Lang::Nl), fte(now, Lang::Nl)),
                    Lang::En => format!("With {} FTE the 'ready now' list is empty within {m} months (central estimate; now {} FTE).", fte(f, Lang::En), fte(now, Lang::En)),
                },
                Ok(Some((m, None, _))) => match lang() {
                    Lang::Nl => format!("Ook 200 fte maken de lijst niet leeg binnen {m} maanden: de instroom of de uitstroom bepaalt het, niet de capaciteit."),
                    Lang::En => format!("Even 200 FTE do not clear the list within {m} months: inflow or outflow decides, not capacity."),
                },
            }}</p>
            <button type="button" class="utrecht-button utrecht-button--secondary-action no-print" data-testid="doel-toevoegen"
                disabled=move || { !matches!(clear.get(), Ok(Some((_, Some(_), _)))) || s.drafts.with(Vec::len) >= MAX_SCENARIOS }
                on:click=add_clearing>{i.tr("Als scenario toevoegen", "Add as a scenario")}</button>
            <div class="period-chooser">
                <div class="form-group">
                    <label class="utrecht-form-label" for="doel-budget">{i.tr("Budget voor consulenten (euro per jaar)", "Budget for consultants (euro a year)")}</label>
                    <input type="text" inputmode="decimal" class="utrecht-textbox input-width-10" id="doel-budget" data-testid="doel-budget"
                        placeholder=move || s.base().map(|b| number(b.kosten_per_fte * b.consulenten_fte[0], 0, lang())).unwrap_or_default()
                        prop:value=move || budget.get() on:input=move |ev| budget.set(event_target_value(&ev))/>
                </div>
                <div class="form-group">
                    <label class="utrecht-form-label" for="doel-norm">{i.tr("bij caseloadnorm", "at caseload norm")}</label>
                    <input type="text" inputmode="numeric" class="utrecht-textbox input-width-6" id="doel-norm" data-testid="doel-norm"
                        placeholder=move || s.base().map(|b| b.caseload_norm.to_string()).unwrap_or_default()
                        prop:value=move || norm.get() on:input=move |ev| norm.set(event_target_value(&ev))/>
                </div>
            </div>
            <p class="utrecht-paragraph" role="status" data-testid="budget-antwoord">{move || match fits() {
                Some((money, n, f, cap)) => match lang() {
                    Lang::Nl => format!("{} per jaar betaalt {} fte; bij norm {n} begeleiden zij samen {} inwoners.", euro(money, Lang::Nl), fte(f, Lang::Nl), number(cap, 0, Lang::Nl)),
                    Lang::En => format!("{} a year pays {} FTE; at norm {n} they guide {} residents together.", euro(money, Lang::En), fte(f, Lang::En), number(cap, 0, Lang::En)),
                },
                None => i.t("budget en norm: vul een bedrag en een norm van 1 tot en met 500 in.", "budget and norm: enter an amount and a norm from 1 to 500.").to_string(),
            }}</p>
        </section>
    }
}

/// One changed resident of the team lead's list: id, step from → to, trajectory from → to.
type Changed = (
    i64,
    Option<u8>,
    Option<u8>,
    Option<&'static str>,
    Option<&'static str>,
);

#[component]
pub fn RuleImpact() -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let ws = use_workspace();
    let lang = move || i.lang.get();
    let versions: Vec<String> = RuleSet::embedded()
        .list()
        .into_iter()
        .filter(|(t, _, _)| *t == "ladder")
        .map(|(_, v, _)| v.to_string())
        .collect();
    let first = versions.first().cloned().unwrap_or_default();
    let chosen = RwSignal::new(first);
    let counts = RwSignal::new(None::<Counts>);
    let list = RwSignal::new(Vec::<Changed>::new());
    let problem = RwSignal::new(None::<Text>);
    let is_lead = move || {
        session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.rol == "teamleider")
    };
    // Each computation is a round; an answer from the server is shown only if no later round
    // started (the team lead's own copy may have answered in between).
    let round = StoredValue::new(0u32);
    // The version the server counted for a team lead whose copy was not read yet: computed
    // again here, with names, once the copy is there.
    let waiting_for_copy = StoredValue::new(None::<String>);
    // The team lead's own copy: computed here, with names; `false` when there is none (yet).
    let with_names = move |version: &str| -> bool {
        if !is_lead() || ws.files.with_untracked(|f| f.is_empty()) {
            return false;
        }
        let today = browser::today();
        let result = ws.files.with_untracked(|files| {
            of_ladder_version(
                files
                    .iter()
                    .map(|(id, f)| (*id, person(f).and_then(|p| p.feiten.as_ref()))),
                RuleSet::embedded(),
                today,
                version,
            )
        });
        match result {
            Ok((impact, ids)) => {
                list.set(
                    impact
                        .wijzigingen
                        .iter()
                        .map(|c| {
                            (
                                ids[c.index],
                                c.trede_van,
                                c.trede_naar,
                                c.traject_van,
                                c.traject_naar,
                            )
                        })
                        .collect(),
                );
                counts.set(Some(impact.counts()));
            }
            Err(e) => problem.set(Some(Text::new(
                format!("{}: {}", e.field, e.message.get(Lang::Nl)),
                format!("{}: {}", e.field, e.message.get(Lang::En)),
            ))),
        }
        true
    };
    let run = move |_| {
        let version = chosen.get_untracked();
        problem.set(None);
        round.update_value(|r| *r += 1);
        let this_round = round.get_value();
        if with_names(&version) {
            waiting_for_copy.set_value(None);
            return;
        }
        waiting_for_copy.set_value(is_lead().then(|| version.clone()));
        spawn_local(async move {
            let answer = api::get::<Counts>(&format!(
                "/api/scenario/regelimpact?ladder={}",
                js_sys::encode_uri_component(&version)
            ))
            .await;
            if round.get_value() != this_round {
                return;
            }
            match answer {
                Ok(c) => {
                    list.set(vec![]);
                    counts.set(Some(c));
                }
                Err(e) => problem.set(Some(e.message())),
            }
        });
    };
    Effect::new(move |_| {
        let copy_here = ws.files.with(|f| !f.is_empty());
        if let (true, Some(version)) = (copy_here, waiting_for_copy.get_value()) {
            waiting_for_copy.set_value(None);
            round.update_value(|r| *r += 1);
            problem.set(None);
            with_names(&version);
        }
    });
    let names = move |id: i64| {
        ws.files
            .with(|f| f.get(&id).and_then(person).map(|p| p.naam.clone()))
            .unwrap_or_else(|| format!("#{id}"))
    };
    view! {
        <section class="card" aria-labelledby="regels-kop" data-testid="regelimpact">
            <h2 class="utrecht-heading-2" id="regels-kop">{i.tr("Andere versie van de ladder", "Another version of the ladder")}</h2>
            <p class="utrecht-paragraph">{move || i.t(
                "Hoeveel inwoners krijgen een andere trede of een ander traject als deze versie vandaag zou gelden? Beleidsmedewerkers zien alleen aantallen.",
                "How many residents get another step or trajectory if this version were in force today? Policy staff see counts only.")}</p>
            <div class="period-chooser">
                <div class="form-group">
                    <label class="utrecht-form-label" for="ladderversie">{i.tr("Versie van de ladder", "Version of the ladder")}</label>
                    <select class="utrecht-select" id="ladderversie" data-testid="ladderversie" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {versions.iter().map(|v| { let w = v.clone(); let label = v.clone(); view! { <option value=v.clone() selected=move || chosen.get() == w>{label}</option> } }).collect_view()}
                    </select>
                </div>
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="impact-berekenen" on:click=run>{i.tr("Doorrekenen", "Compute")}</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message" role="alert">{i.text(&p)}</p> })}
            {move || counts.get().map(|c| {
                let l = lang();
                view! {
                    <p class="utrecht-paragraph report-chart__summary" data-testid="impact-zin">{match l {
                        Lang::Nl => format!("Van {} inwoners krijgen er {} een andere trede en {} een ander traject onder ladder {} (nu {}); {} zijn niet te beoordelen door ontbrekende feiten.", c.totaal, c.trede_gewijzigd, c.traject_gewijzigd, c.naar.ladder, c.van.ladder, c.onvolledig),
                        Lang::En => format!("Of {} residents, {} get another step and {} another trajectory under ladder {} (now {}); {} cannot be assessed for missing facts.", c.totaal, c.trede_gewijzigd, c.traject_gewijzigd, c.naar.ladder, c.van.ladder, c.onvolledig),
                    }}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="regels-kop">
                        <table class="utrecht-table report-table" data-testid="impact-tabel">
                            <thead><tr><th scope="col">{i.t("Verandering", "Change")}</th><th scope="col">{i.t("Inwoners", "Residents")}</th></tr></thead>
                            <tbody>
                                {c.per_tredewijziging.iter().map(|(k, n)| view! { <tr><th scope="row">{format!("{} {k}", i.t("trede", "step"))}</th><td>{*n}</td></tr> }).collect_view()}
                                {c.per_trajectwijziging.iter().map(|(k, n)| view! { <tr><th scope="row">{format!("{} {k}", i.t("traject", "trajectory"))}</th><td>{*n}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
            {move || (!list.with(Vec::is_empty)).then(|| view! {
                <details class="drilldown" data-testid="impact-lijst">
                    <summary>{move || format!("{} ({})", i.t("Wie verandert er in mijn team?", "Who changes in my team?"), list.with(Vec::len))}</summary>
                    <ul>{list.get().into_iter().map(|(id, a, b, ta, tb)| {
                        let show = |v: Option<u8>| v.map_or("?".to_string(), |v| v.to_string());
                        view! { <li><a href=format!("/inwoners/{id}")>{names(id)}</a>{format!(": {} {} → {}, {} {} → {}", i.t("trede", "step"), show(a), show(b), i.t("traject", "trajectory"), ta.unwrap_or("?"), tb.unwrap_or("?"))}</li> }
                    }).collect_view()}</ul>
                </details>
            })}
        </section>
    }
}

/// The comparison's scenarios as a file (parameters only).
fn current_file(s: &Scenarios) -> ScenarioFile {
    ScenarioFile::new(
        s.drafts
            .with_untracked(|d| d.iter().map(|x| x.levers.clone()).collect()),
    )
}

#[component]
pub fn ShareAndFiles() -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let problem = RwSignal::new(None::<Text>);
    let link = move || {
        let file = ScenarioFile::new(
            s.drafts
                .with(|d| d.iter().map(|x| x.levers.clone()).collect()),
        );
        let json = serde_json::to_string(&file).unwrap_or_default();
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!(
            "{origin}/scenarios?deel={}",
            String::from(js_sys::encode_uri_component(&json))
        )
    };
    let export = move |_| {
        browser::download(
            "meedoen-scenarios.json",
            "application/json",
            &current_file(&s).to_json(),
        );
    };
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > meedoen_domain::scenario::file::MAX_FILE as f64 {
            problem.set(Some(Text::fixed(
                "bestand: het bestand is groter dan 64 kB.",
                "file: the file is larger than 64 kB.",
            )));
            return;
        }
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match import(&text) {
                Ok(list) => {
                    problem.set(None);
                    s.replace(list.into_iter().map(|l| (l, None)).collect());
                    s.notice.set(Some(Text::fixed(
                        "De scenario's uit het bestand staan in de vergelijking. Ze zijn nog niet opgeslagen voor uw team.",
                        "The scenarios of the file are in the comparison. They are not saved for your team yet.")));
                }
                Err(e) => problem.set(Some(Text::new(
                    format!(
                        "Niets overgenomen uit het bestand. {}",
                        fields_text(&e, Lang::Nl)
                    ),
                    format!(
                        "Nothing taken over from the file. {}",
                        fields_text(&e, Lang::En)
                    ),
                ))),
            }
        });
    };
    view! {
        <section class="card no-print" aria-labelledby="delen-kop" data-testid="delen">
            <h2 class="utrecht-heading-2" id="delen-kop">{i.tr("Delen, bewaren en inlezen", "Share, keep and read in")}</h2>
            <div class="form-group">
                <label class="utrecht-form-label" for="deel-link">{i.tr("Link naar deze vergelijking (alleen de instellingen, geen cijfers over personen)", "Link to this comparison (settings only, no figures about people)")}</label>
                <input type="text" readonly class="utrecht-textbox" id="deel-link" data-testid="deel-link" prop:value=link/>
            </div>
            <div class="button-row">
                <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="json-export"
                    disabled=move || s.drafts.with(Vec::is_empty) on:click=export>{i.tr("Scenario's downloaden (JSON)", "Download the scenarios (JSON)")}</button>
            </div>
            <div class="form-group">
                <label class="utrecht-form-label" for="json-import">{i.tr("Scenario's inlezen uit een JSON-bestand (vervangt de vergelijking)", "Read scenarios from a JSON file (replaces the comparison)")}</label>
                <input type="file" accept="application/json,.json" class="utrecht-textbox" id="json-import" data-testid="json-import" on:change=on_file/>
            </div>
            {move || problem.get().map(|p| view! { <div class="utrecht-alert utrecht-alert--error" role="alert" data-testid="import-fout"><p class="utrecht-paragraph">{i.text(&p)}</p></div> })}
        </section>
    }
}

#[component]
pub fn SavedList() -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let saved = RwSignal::new(Vec::<SavedScenario>::new());
    let problem = RwSignal::new(None::<Text>);
    Effect::new(move |_| {
        s.saved_changed.track();
        spawn_local(async move {
            match api::get::<Vec<SavedScenario>>("/api/scenarios").await {
                Ok(list) => saved.set(list),
                Err(e) => problem.set(Some(e.message())),
            }
        });
    });
    let compare = move |x: SavedScenario| {
        let open = s
            .drafts
            .with_untracked(|d| d.iter().any(|d| d.saved.is_some_and(|(id, _)| id == x.id)));
        if !open && !s.add(x.hefbomen, Some((x.id, x.versie))) {
            problem.set(Some(Text::fixed(
                "De vergelijking heeft al drie scenario's; haal er eerst een weg.",
                "The comparison already has three scenarios; remove one first.",
            )));
        }
    };
    let remove = move |id: i64| {
        spawn_local(async move {
            match api::delete(&format!("/api/scenarios/{id}")).await {
                Ok(()) => {
                    s.drafts.update(|d| {
                        d.iter_mut()
                            .filter(|x| x.saved.is_some_and(|(k, _)| k == id))
                            .for_each(|x| x.saved = None)
                    });
                    s.saved_changed.update(|n| *n += 1);
                }
                Err(e) => problem.set(Some(e.message())),
            }
        });
    };
    view! {
        <section class="card no-print" aria-labelledby="bewaard-kop" data-testid="bewaard">
            <h2 class="utrecht-heading-2" id="bewaard-kop">{i.tr("Opgeslagen scenario's van uw team", "Your team's saved scenarios")}</h2>
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message" role="alert">{i.text(&p)}</p> })}
            {move || if saved.with(Vec::is_empty) {
                view! { <p class="utrecht-paragraph">{i.t("Uw team heeft nog geen scenario opgeslagen.", "Your team has not saved a scenario yet.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="bewaard-kop">
                    <table class="utrecht-table report-table" data-testid="bewaard-tabel">
                        <thead><tr>
                            <th scope="col">{i.t("Naam", "Name")}</th>
                            <th scope="col">{i.t("Opgeslagen door", "Saved by")}</th>
                            <th scope="col">{i.t("Op", "On")}</th>
                            <th scope="col">{i.t("Versie", "Version")}</th>
                            <th scope="col"><span class="visually-hidden">{i.t("Acties", "Actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {saved.get().into_iter().map(|x| {
                                let (id, name) = (x.id, x.hefbomen.naam.clone());
                                let label_cmp = format!("{} {name}", i.t("Vergelijken:", "Compare:"));
                                let label_del = format!("{} {name}", i.t("Verwijderen:", "Delete:"));
                                view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        <td>{x.gewijzigd_door.clone()}</td>
                                        <td>{x.gewijzigd_op.chars().take(16).collect::<String>().replace('T', " ")}</td>
                                        <td>{x.versie}</td>
                                        <td class="button-row">
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" aria-label=label_cmp on:click=move |_| compare(x.clone())>{i.t("Vergelijken", "Compare")}</button>
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action" aria-label=label_del on:click=move |_| remove(id)>{i.t("Verwijderen", "Delete")}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
