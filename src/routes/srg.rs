//! The monthly SRG delivery to CBS, for the team lead and the administrator: choose a month,
//! see the checks (who, which provision, what to do) and whether a regular delivery or a
//! correction may be made, make it (the file is downloaded and kept in the log), download an
//! earlier one again, and keep the mapping from our provisions to CBS codes with the
//! municipality's CBS code. The server runs the domain's checks; `docs/srg.md` has the layout.

use crate::api;
use crate::browser;
use crate::components::error_summary::{items_from, show, ErrorSummary, Item};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::Action;
use meedoen_domain::srg::{Check, Code, Kind, MappingRow, Month};
use meedoen_domain::Text;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Logged {
    id: i64,
    maand: String,
    soort: String,
    tijd: String,
    gebruiker: String,
    aantal: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Preview {
    maand: String,
    #[serde(default)]
    soort: Option<Kind>,
    #[serde(default)]
    reden: Option<Text>,
    aantal: usize,
    per_code: Vec<(u8, usize)>,
    #[serde(default)]
    gewijzigd: Option<bool>,
    controles: Vec<Check>,
    controles_totaal: usize,
    leveringen: Vec<Logged>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct RowView {
    #[serde(flatten)]
    rij: MappingRow,
    naam: Text,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Settings {
    gemeentecode: String,
    tekst: String,
    rijen: Vec<RowView>,
    #[serde(default)]
    gewijzigd_door: Option<String>,
    #[serde(default)]
    gewijzigd_op: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct File {
    bestandsnaam: String,
    inhoud: String,
}

#[component]
pub fn SrgPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| {
        browser::set_title(i.t("Levering aan het CBS (SRG)", "Delivery to CBS (SRG)"))
    });
    view! {
        <RequireAction action=Action::SrgDelivery>
            <SrgView/>
        </RequireAction>
    }
}

fn code_text(c: Code, nl: bool) -> String {
    match (c, nl) {
        (Code::Cbs(n), _) => format!("{n:02}"),
        (Code::Niet, true) => "niet leveren".into(),
        (Code::Niet, false) => "not delivered".into(),
        (Code::Onbekend, true) => "nog te bepalen".into(),
        (Code::Onbekend, false) => "to be decided".into(),
    }
}

#[component]
fn SrgView() -> impl IntoView {
    let i = use_i18n();
    let previous = Month::of(browser::today()).minus(1).to_string();
    let month = RwSignal::new(previous);
    let preview = RwSignal::new(None::<Result<Preview, Text>>);
    let errors = RwSignal::new(Vec::<Item>::new());
    let notice = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);
    let check = move || {
        let m = month.get_untracked();
        if let Err(e) = Month::parse(&m) {
            show(
                errors,
                vec![Item {
                    input: "srg-maand".into(),
                    page: None,
                    message: e.message,
                }],
            );
            return;
        }
        errors.set(vec![]);
        preview.set(None);
        spawn_local(async move {
            let r = api::get::<Preview>(&format!("/api/srg?maand={m}")).await;
            preview.set(Some(r.map_err(|f| f.message())));
        });
    };
    check();
    let deliver = move |_| {
        notice.set(None);
        busy.set(true);
        let m = month.get_untracked();
        spawn_local(async move {
            let r = api::post::<_, File>("/api/srg", &serde_json::json!({ "maand": m })).await;
            busy.set(false);
            match r {
                Ok((_, f)) => {
                    browser::download(&f.bestandsnaam, "text/csv", &f.inhoud);
                    notice.set(Some(Text::new(
                        format!(
                            "{} is gemaakt, gedownload en in het logboek gezet.",
                            f.bestandsnaam
                        ),
                        format!(
                            "{} was made, downloaded and put in the log.",
                            f.bestandsnaam
                        ),
                    )));
                    check();
                    browser::after_render(|| browser::focus("srg-melding"));
                }
                Err(f) => show(errors, items_from(&f, |_| Some("srg-maken"), "srg-maken")),
            }
        });
    };
    let again = move |id: i64| {
        spawn_local(async move {
            if let Ok(f) = api::get::<File>(&format!("/api/srg/leveringen/{id}")).await {
                browser::download(&f.bestandsnaam, "text/csv", &f.inhoud);
            }
        });
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Levering aan het CBS (SRG)", "Delivery to CBS (SRG)")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Elke maand levert de gemeente aan het CBS wie welke re-integratievoorziening had: BSN, CBS-code, begin- en einddatum. Kies de maand, los de controles op en maak de levering. Een geleverde maand kunt u tot drie maanden terug corrigeren.",
            "Every month the municipality tells CBS who received which re-integration provision: BSN, CBS code, start and end date. Choose the month, resolve the checks and make the delivery. A delivered month can be corrected up to three months back.")}</p>
        <ErrorSummary items=errors.into()/>
        {show_if(move || notice.read().is_some(), move || view! {
            <div class="utrecht-alert utrecht-alert--info" role="status" tabindex="-1" id="srg-melding" data-testid="srg-melding">
                <p class="utrecht-paragraph">{move || notice.get().map(|t| i.text(&t))}</p>
            </div>
        }.into_any())}
        <form novalidate class="button-row" on:submit=move |ev: web_sys::SubmitEvent| { ev.prevent_default(); check(); }>
            <div class="form-group">
                <label class="utrecht-form-label" for="srg-maand">{i.tr("Verslagmaand", "Reporting month")}</label>
                <p class="field-error" id="srg-maand-fout">{crate::components::error_summary::message_for(errors, "srg-maand")}</p>
                <input class="utrecht-textbox input-width-10" type="month" id="srg-maand" data-testid="srg-maand" aria-describedby="srg-maand-fout"
                    prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="srg-controleren">{i.tr("Controleren", "Check")}</button>
        </form>
        {move || match preview.get() {
            None => view! { <p class="utrecht-paragraph">{i.t("Bezig met controleren…", "Checking…")}</p> }.into_any(),
            Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
            Some(Ok(p)) => {
                let may = p.soort.is_some() && p.controles_totaal == 0 && p.gewijzigd != Some(false);
                let kind = match p.soort { Some(Kind::Regulier) => i.t("een reguliere levering", "a regular delivery"), Some(Kind::Correctie) => i.t("een correctie", "a correction"), None => "" };
                let state = match (&p.reden, p.controles_totaal, p.gewijzigd) {
                    (Some(r), _, _) => i.text(r),
                    (None, n, _) if n > 0 => format!("{n} {}", i.t("controle(s) slaan aan: los ze op in de dossiers of de koppeling; dan kan de levering worden gemaakt.", "check(s) failed: resolve them in the files or the mapping; then the delivery can be made.")),
                    (None, _, Some(false)) => i.t("Sinds de laatste levering is er niets veranderd; een correctie is niet nodig.", "Nothing changed since the last delivery; no correction is needed.").to_string(),
                    _ => format!("{} {} {} {} {}", i.t("Klaar voor", "Ready for"), kind, i.t("met", "with"), p.aantal, i.t("voorzieningen.", "provisions.")),
                };
                view! {
                    <section class="card" aria-labelledby="srg-stand-kop" data-testid="srg-stand">
                        <h2 class="utrecht-heading-2" id="srg-stand-kop">{format!("{} {}", i.t("Maand", "Month"), p.maand)}</h2>
                        <p class="utrecht-paragraph" data-testid="srg-status">{state}</p>
                        {(!p.per_code.is_empty()).then(|| view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="srg-codes-bijschrift">
                                <table class="utrecht-table report-table" data-testid="srg-codes">
                                    <caption id="srg-codes-bijschrift">{i.t("Voorzieningen per CBS-code", "Provisions per CBS code")}</caption>
                                    <thead><tr><th scope="col">{i.t("CBS-code", "CBS code")}</th><th scope="col">{i.t("Aantal", "Number")}</th></tr></thead>
                                    <tbody>{p.per_code.iter().map(|(c, n)| view! { <tr><th scope="row">{format!("{c:02}")}</th><td>{*n}</td></tr> }).collect_view()}</tbody>
                                </table>
                            </div>
                        })}
                        {(p.controles_totaal > 0).then(|| view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="srg-controles-bijschrift">
                                <table class="utrecht-table report-table stack-table" data-testid="srg-controles">
                                    <caption id="srg-controles-bijschrift">{format!("{} {} ({} {})", p.controles_totaal, i.t("controles", "checks"), p.controles.len(), i.t("getoond", "shown"))}</caption>
                                    <thead><tr>
                                        <th scope="col">{i.t("Inwoner", "Resident")}</th><th scope="col">{i.t("Voorziening", "Provision")}</th>
                                        <th scope="col">{i.t("Begin", "Start")}</th><th scope="col">{i.t("Veld", "Field")}</th><th scope="col">{i.t("Wat te doen", "What to do")}</th>
                                    </tr></thead>
                                    <tbody>{p.controles.iter().map(|c| view! { <tr>
                                        <th scope="row">{c.inwoner}</th>
                                        <td data-label=i.t("Voorziening", "Provision")>{c.bron.clone()}</td>
                                        <td data-label=i.t("Begin", "Start")>{c.begin.to_string()}</td>
                                        <td data-label=i.t("Veld", "Field")>{c.veld.clone()}</td>
                                        <td data-label=i.t("Wat te doen", "What to do")>{i.text(&c.melding)}</td>
                                    </tr> }).collect_view()}</tbody>
                                </table>
                            </div>
                        })}
                        {may.then(|| view! {
                            <button type="button" id="srg-maken" class="utrecht-button utrecht-button--primary-action" data-testid="srg-maken"
                                disabled=move || busy.get() on:click=deliver>
                                {move || if p.soort == Some(Kind::Correctie) { i.t("Correctie maken en downloaden", "Make and download the correction") } else { i.t("Levering maken en downloaden", "Make and download the delivery") }}
                            </button>
                        })}
                    </section>
                    <section class="card" aria-labelledby="srg-log-kop">
                        <h2 class="utrecht-heading-2" id="srg-log-kop">{i.t("Geleverd", "Delivered")}</h2>
                        {if p.leveringen.is_empty() {
                            view! { <p class="utrecht-paragraph">{i.t("Nog niets geleverd.", "Nothing delivered yet.")}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="srg-log-bijschrift">
                                    <table class="utrecht-table report-table stack-table" data-testid="srg-log">
                                        <caption id="srg-log-bijschrift">{i.t("Leveringen, nieuwste eerst", "Deliveries, newest first")}</caption>
                                        <thead><tr>
                                            <th scope="col">{i.t("Maand", "Month")}</th><th scope="col">{i.t("Soort", "Kind")}</th><th scope="col">{i.t("Gemaakt", "Made")}</th>
                                            <th scope="col">{i.t("Door", "By")}</th><th scope="col">{i.t("Regels", "Lines")}</th><th scope="col">{i.t("Bestand", "File")}</th>
                                        </tr></thead>
                                        <tbody>{p.leveringen.iter().map(|l| {
                                            let id = l.id;
                                            let label = format!("{} {} {}", i.t("Download de levering van", "Download the delivery of"), l.maand, l.soort);
                                            view! { <tr>
                                                <th scope="row">{l.maand.clone()}</th>
                                                <td data-label=i.t("Soort", "Kind")>{if l.soort == "C" { i.t("correctie", "correction") } else { i.t("regulier", "regular") }}</td>
                                                <td data-label=i.t("Gemaakt", "Made")>{l.tijd.chars().take(16).collect::<String>().replace('T', " ")}</td>
                                                <td data-label=i.t("Door", "By")>{l.gebruiker.clone()}</td>
                                                <td data-label=i.t("Regels", "Lines")>{l.aantal}</td>
                                                <td><button type="button" class="utrecht-button utrecht-button--secondary-action" aria-label=label on:click=move |_| again(id)>{i.t("Download", "Download")}</button></td>
                                            </tr> }
                                        }).collect_view()}</tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    </section>
                }.into_any()
            }
        }}
        <MappingSection on_saved=Callback::new(move |_| check())/>
    }
}

#[component]
fn MappingSection(on_saved: Callback<()>) -> impl IntoView {
    let i = use_i18n();
    let settings = RwSignal::new(None::<Result<Settings, Text>>);
    let code = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<Item>::new());
    let saved = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            let r = api::get::<Settings>("/api/srg/koppeling").await;
            if let Ok(s) = &r {
                code.set(s.gemeentecode.clone());
                text.set(s.tekst.clone());
            }
            settings.set(Some(r.map_err(|f| f.message())));
        })
    };
    load();
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let body = serde_json::json!({ "gemeentecode": code.get_untracked(), "tekst": text.get_untracked() });
        spawn_local(async move {
            match api::post::<_, Settings>("/api/srg/koppeling", &body).await {
                Ok((_, s)) => {
                    errors.set(vec![]);
                    code.set(s.gemeentecode.clone());
                    text.set(s.tekst.clone());
                    settings.set(Some(Ok(s)));
                    saved.set(true);
                    on_saved.run(());
                }
                Err(f) => show(
                    errors,
                    items_from(
                        &f,
                        |field| match field {
                            "gemeentecode" => Some("srg-gemeentecode"),
                            _ => Some("srg-tekst"),
                        },
                        "srg-tekst",
                    ),
                ),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="srg-koppeling-kop">
            <h2 class="utrecht-heading-2" id="srg-koppeling-kop">{i.tr("Koppeling aan CBS-codes", "Mapping to CBS codes")}</h2>
            {move || match settings.get() {
                None => view! { <p class="utrecht-paragraph">{i.t("Bezig met laden…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{i.text(&e)}</p></div> }.into_any(),
                Some(Ok(s)) => {
                    let nl = i.lang.get() == meedoen_domain::Lang::Nl;
                    view! {
                        <p class="utrecht-paragraph" data-testid="srg-gemeentecode-stand">{format!("{} {}", i.t("Gemeentecode:", "Municipality code:"), if s.gemeentecode.is_empty() { i.t("nog niet ingevuld", "not filled in yet").to_string() } else { s.gemeentecode.clone() })}
                            {s.gewijzigd_op.clone().map(|t| format!(" · {} {} {}", i.t("gewijzigd", "changed"), t.chars().take(10).collect::<String>(), s.gewijzigd_door.clone().unwrap_or_default()))}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="srg-koppeling-bijschrift">
                            <table class="utrecht-table report-table stack-table" data-testid="srg-koppeling">
                                <caption id="srg-koppeling-bijschrift">{i.t("Welke voorziening met welke CBS-code wordt geleverd", "Which provision is delivered with which CBS code")}</caption>
                                <thead><tr><th scope="col">{i.t("Voorziening", "Provision")}</th><th scope="col">{i.t("CBS-code", "CBS code")}</th><th scope="col">{i.t("Toelichting", "Note")}</th></tr></thead>
                                <tbody>{s.rijen.iter().map(|r| view! { <tr>
                                    <th scope="row">{i.text(&r.naam)}</th>
                                    <td data-label=i.t("CBS-code", "CBS code")>{code_text(r.rij.code, nl)}</td>
                                    <td data-label=i.t("Toelichting", "Note")>{r.rij.toelichting.clone()}</td>
                                </tr> }).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
            <details class="srg-edit" data-testid="srg-koppeling-wijzigen">
                <summary>{i.tr("Koppeling of gemeentecode wijzigen", "Change the mapping or the municipality code")}</summary>
                <ErrorSummary items=errors.into()/>
                <form novalidate on:submit=save>
                    <crate::components::error_summary::TextField id="srg-gemeentecode" label=("Gemeentecode (CBS, vier cijfers)", "Municipality code (CBS, four digits)") value=code errors=errors maxlength=4/>
                    <div class="form-group" class:form-group--error=move || errors.read().iter().any(|e| e.input == "srg-tekst")>
                        <label class="utrecht-form-label" for="srg-tekst">{i.tr("Koppelingsbestand", "Mapping file")}</label>
                        <p class="hint" id="srg-tekst-hint">{move || i.t(
                            "Per regel: bron;code;toelichting. Code 1 tot en met 99, '-' voor niet leveren, leeg voor nog te bepalen (dan stopt een levering met zo'n voorziening).",
                            "Per line: source;code;note. Code 1 to 99, '-' for not delivered, empty for to be decided (a delivery with such a provision then stops).")}</p>
                        <p class="field-error" id="srg-tekst-fout">{crate::components::error_summary::message_for(errors, "srg-tekst")}</p>
                        <textarea class="utrecht-textarea srg-text" id="srg-tekst" rows="12" aria-describedby="srg-tekst-hint srg-tekst-fout" data-testid="srg-tekst"
                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="srg-koppeling-opslaan">{i.tr("Opslaan", "Save")}</button>
                    <p class="utrecht-paragraph" role="status" data-testid="srg-koppeling-status">{move || saved.get().then(|| i.t("De koppeling is opgeslagen (en staat in het auditlog).", "The mapping was saved (and is in the audit log)."))}</p>
                </form>
            </details>
        </section>
    }
}
