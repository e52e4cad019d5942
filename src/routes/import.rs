//! Import of the income department's file (`/beheer/import`), for the team lead and the
//! administrator: choose the CSV, see per row what will be added, changed or is wrong (each
//! problem with its line and column), then import it in one step. Below: the residents the
//! latest files no longer list ("assistance ended?") for a person to confirm, and the imports
//! so far. The reading and the checks are the domain crate's, run by the server.

use crate::api;
use crate::browser;
use crate::components::error_summary::{item, items_from, show, ErrorSummary, Item};
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireAction;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::Action;
use meedoen_domain::import::MAX_BYTES;
use meedoen_domain::Text;
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Problem {
    regel: usize,
    kolom: String,
    melding: Text,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Preview {
    sleutel: String,
    codering: String,
    regels: usize,
    fouten_totaal: usize,
    fouten: Vec<Problem>,
    toevoegen: usize,
    wijzigen: usize,
    ongewijzigd: usize,
    markeren: usize,
    lijst_toevoegen: Vec<Value>,
    lijst_wijzigen: Vec<Value>,
    lijst_markeren: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Overview {
    historie: Vec<Value>,
    teams: Vec<String>,
    signalen: Vec<Value>,
    signalen_totaal: usize,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i = use_i18n();
    Effect::new(move |_| {
        browser::set_title(i.t(
            "Bestand van Inkomen inlezen",
            "Import the income department's file",
        ))
    });
    view! {
        <RequireAction action=Action::ImportPopulation>
            <ImportView/>
        </RequireAction>
    }
}

fn text(v: &Value, k: &str) -> String {
    match &v[k] {
        Value::String(s) => s.clone(),
        Value::Null => "—".into(),
        other => other.to_string(),
    }
}

#[component]
fn ImportView() -> impl IntoView {
    let i = use_i18n();
    let overview = RwSignal::new(None::<Result<Overview, Text>>);
    let reload = move || {
        spawn_local(async move {
            overview.set(Some(
                api::get::<Overview>("/api/import")
                    .await
                    .map_err(|f| f.message()),
            ))
        })
    };
    reload();
    let bytes = RwSignal::new(None::<Vec<u8>>);
    let team = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<Preview>);
    let done = RwSignal::new(None::<Value>);
    let busy = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<Item>::new());

    let choose = move |ev: web_sys::Event| {
        preview.set(None);
        done.set(None);
        bytes.set(None);
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|list| list.get(0));
        if let Some(file) = file {
            if file.size() > MAX_BYTES as f64 {
                show(
                    errors,
                    vec![item(
                        "bestand",
                        (
                            "Het bestand is groter dan 25 MB. Splits het bestand.",
                            "The file is larger than 25 MB. Split the file.",
                        ),
                    )],
                );
                return;
            }
            spawn_local(async move {
                if let Ok(buf) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    bytes.set(Some(js_sys::Uint8Array::new(&buf).to_vec()));
                    errors.set(vec![]);
                }
            });
        }
    };
    let fail = move |f: api::ApiFailure| {
        show(
            errors,
            items_from(
                &f,
                |field| match field {
                    "team" => Some("team"),
                    _ => Some("bestand"),
                },
                "bestand",
            ),
        )
    };
    let look = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let Some(b) = bytes.get_untracked() else {
            show(
                errors,
                vec![item(
                    "bestand",
                    (
                        "Kies het CSV-bestand van de afdeling Inkomen.",
                        "Choose the income department's CSV file.",
                    ),
                )],
            );
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::post_bytes::<Preview>("/api/import/voorbeeld", "text/csv", &b).await {
                Ok((_, p)) => {
                    errors.set(vec![]);
                    preview.set(Some(p));
                    browser::after_render(|| browser::focus("voorbeeld-kop"));
                }
                Err(f) => fail(f),
            }
            busy.set(false);
        });
    };
    let apply = move |_| {
        let (Some(b), Some(p)) = (bytes.get_untracked(), preview.get_untracked()) else {
            return;
        };
        let t = team.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let url = format!(
                "/api/import/toepassen?sleutel={}&team={}",
                p.sleutel,
                js_sys::encode_uri_component(&t)
            );
            match api::post_bytes::<Value>(&url, "text/csv", &b).await {
                Ok((_, summary)) => {
                    preview.set(None);
                    done.set(Some(summary));
                    reload();
                    browser::after_render(|| browser::focus("ingelezen"));
                }
                Err(f) => fail(f),
            }
            busy.set(false);
        });
    };

    view! {
        <h1 class="utrecht-heading-1">{i.tr("Bestand van Inkomen inlezen", "Import the income department's file")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Lees de export van het inkomenssysteem in: iedereen met bijstand. Meedoen herkent inwoners aan het BSN. U ziet eerst per regel wat er verandert en wat fout is; pas daarna leest u in, in één keer. Nieuwe inwoners komen op de wachtlijst van het gekozen team. Niemand wordt verwijderd: wie niet meer in het bestand staat, krijgt het signaal ‘bijstand beëindigd?’.",
            "Import the income system's export: everyone receiving assistance. Meedoen recognises residents by their BSN. You first see per row what changes and what is wrong; only then do you import, all at once. New residents join the chosen team's waiting list. Nobody is deleted: whoever is no longer in the file gets the flag ‘assistance ended?’.")}</p>
        <p class="utrecht-paragraph">{i.tr("Kolommen (kopregel, gescheiden door ; of ,): ", "Columns (header line, separated by ; or ,): ")}
            <code>"bsn;naam;geboortedatum;bijstand_sinds;huishouden;telefoon;email;einddatum"</code>
            {i.tr(" — de laatste drie mogen ontbreken. Data als 2024-03-01 of 01-03-2024.", " — the last three are optional. Dates as 2024-03-01 or 01-03-2024.")}</p>
        <ErrorSummary items=errors.into()/>
        <form class="card" on:submit=look novalidate>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="bestand">{i.tr("CSV-bestand (hoogstens 25 MB)", "CSV file (at most 25 MB)")}</label>
                <input class="utrecht-textbox" type="file" id="bestand" accept=".csv,text/csv" data-testid="bestand" on:change=choose/>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="team">{i.tr("Nieuwe inwoners op de wachtlijst van team", "New residents join the waiting list of team")}</label>
                <select class="utrecht-select" id="team" data-testid="team" on:change=move |ev| team.set(event_target_value(&ev))>
                    {move || overview.get().and_then(Result::ok).map(|o| o.teams.into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view())}
                </select>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action" data-testid="bekijken" disabled=move || busy.get()>
                {i.tr("Bekijken", "Preview")}</button>
        </form>
        {move || done.get().map(|s| view! {
            <div class="utrecht-alert utrecht-alert--ok" role="status" id="ingelezen" tabindex="-1" data-testid="ingelezen">
                <p class="utrecht-paragraph">{i.t("Ingelezen:", "Imported:")}" "{text(&s, "toegevoegd")}" "{i.t("toegevoegd", "added")}", "
                    {text(&s, "gewijzigd")}" "{i.t("gewijzigd", "changed")}", "{text(&s, "ongewijzigd")}" "{i.t("ongewijzigd", "unchanged")}", "
                    {text(&s, "gemarkeerd")}" "{i.t("gemarkeerd als ‘bijstand beëindigd?’.", "flagged ‘assistance ended?’.")}</p>
            </div>
        })}
        {move || preview.get().map(|p| {
            let ok = p.fouten_totaal == 0;
            view! {
                <section class="card" aria-labelledby="voorbeeld-kop" data-testid="voorbeeld">
                    <h2 class="utrecht-heading-2" id="voorbeeld-kop" tabindex="-1">{i.t("Voorbeeld", "Preview")}</h2>
                    {(p.codering == "windows1252").then(|| view! {
                        <p class="utrecht-paragraph" data-testid="codering">{i.t("Het bestand is geen UTF-8; het is gelezen als Windows-1252. Controleer of namen met accenten goed staan.", "The file is not UTF-8; it was read as Windows-1252. Check that names with accents are right.")}</p>
                    })}
                    <dl class="facts" data-testid="voorbeeld-aantallen">
                        <dt>{i.t("Regels", "Rows")}</dt><dd>{p.regels}</dd>
                        <dt>{i.t("Fouten", "Problems")}</dt><dd data-testid="aantal-fouten">{p.fouten_totaal}</dd>
                        <dt>{i.t("Toevoegen", "To add")}</dt><dd data-testid="aantal-toevoegen">{p.toevoegen}</dd>
                        <dt>{i.t("Wijzigen", "To change")}</dt><dd data-testid="aantal-wijzigen">{p.wijzigen}</dd>
                        <dt>{i.t("Ongewijzigd", "Unchanged")}</dt><dd>{p.ongewijzigd}</dd>
                        <dt>{i.t("Markeren: bijstand beëindigd?", "To flag: assistance ended?")}</dt><dd>{p.markeren}</dd>
                    </dl>
                    {(!ok).then(|| view! {
                        <p class="utrecht-paragraph">{i.t("Er is niets ingelezen. Herstel deze regels in het bestand, kies het opnieuw en bekijk het nog eens.", "Nothing was imported. Fix these rows in the file, choose it again and preview it once more.")}
                            {(p.fouten_totaal > p.fouten.len()).then(|| format!(" {} {}.", i.t("De eerste", "The first"), p.fouten.len()))}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("Fouten per regel", "Problems per row")>
                            <table class="utrecht-table" data-testid="fouten">
                                <caption class="utrecht-table__caption">{i.t("Fouten per regel en kolom", "Problems per row and column")}</caption>
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    <th scope="col" class="utrecht-table__header-cell">{i.t("Regel", "Row")}</th>
                                    <th scope="col" class="utrecht-table__header-cell">{i.t("Kolom", "Column")}</th>
                                    <th scope="col" class="utrecht-table__header-cell">{i.t("Probleem", "Problem")}</th>
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {p.fouten.iter().map(|f| view! {
                                        <tr class="utrecht-table__row"><td class="utrecht-table__cell">{f.regel}</td><td class="utrecht-table__cell">{f.kolom.clone()}</td><td class="utrecht-table__cell">{i.text(&f.melding)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    })}
                    {ok.then(|| {
                        let rows = |list: &[Value], cols: &[&'static str]| list.iter().map(|r| {
                            let cells = cols.iter().map(|c| {
                                let v = if *c == "velden" { r[*c].as_array().map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")).unwrap_or_default() } else { text(r, c) };
                                view! { <td class="utrecht-table__cell">{v}</td> }
                            }).collect_view();
                            view! { <tr class="utrecht-table__row">{cells}</tr> }
                        }).collect_view();
                        let table = |caption: &'static str, test: &'static str, heads: Vec<&'static str>, body: AnyView| view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
                                <table class="utrecht-table" data-testid=test>
                                    <caption class="utrecht-table__caption">{caption}</caption>
                                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                        {heads.into_iter().map(|h| view! { <th scope="col" class="utrecht-table__header-cell">{h}</th> }).collect_view()}
                                    </tr></thead>
                                    <tbody class="utrecht-table__body">{body}</tbody>
                                </table>
                            </div>
                        };
                        view! {
                            {(!p.lijst_toevoegen.is_empty()).then(|| table(i.t("Toe te voegen (de eerste 100)", "To add (the first 100)"), "lijst-toevoegen",
                                vec![i.t("Regel", "Row"), i.t("Naam", "Name"), "BSN"], rows(&p.lijst_toevoegen, &["regel", "naam", "bsn"]).into_any()))}
                            {(!p.lijst_wijzigen.is_empty()).then(|| table(i.t("Te wijzigen (de eerste 100)", "To change (the first 100)"), "lijst-wijzigen",
                                vec![i.t("Regel", "Row"), i.t("Naam", "Name"), i.t("Velden", "Fields")], rows(&p.lijst_wijzigen, &["regel", "naam", "velden"]).into_any()))}
                            {(!p.lijst_markeren.is_empty()).then(|| table(i.t("Niet meer in het bestand (de eerste 100)", "No longer in the file (the first 100)"), "lijst-markeren",
                                vec!["id", i.t("Naam", "Name")], rows(&p.lijst_markeren, &["id", "naam"]).into_any()))}
                            <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="inlezen" on:click=apply disabled=move || busy.get()>
                                {i.t("Inlezen", "Import")}</button>
                        }
                    })}
                </section>
            }
        })}
        <Flags overview=overview reload=Callback::new(move |_| reload())/>
        <section class="card" aria-labelledby="historie-kop">
            <h2 class="utrecht-heading-2" id="historie-kop">{i.tr("Eerdere imports", "Earlier imports")}</h2>
            {move || match overview.get() {
                None => view! { <p class="utrecht-paragraph">{i.t("Bezig met ophalen…", "Loading…")}</p> }.into_any(),
                Some(Err(t)) => view! { <p class="utrecht-paragraph">{i.text(&t)}</p> }.into_any(),
                Some(Ok(o)) if o.historie.is_empty() => view! { <p class="utrecht-paragraph">{i.t("Nog geen imports.", "No imports yet.")}</p> }.into_any(),
                Some(Ok(o)) => view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="historie-kop">
                        <table class="utrecht-table" data-testid="historie">
                            <caption class="utrecht-table__caption">{i.t("Imports, nieuwste eerst", "Imports, newest first")}</caption>
                            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                {[i.t("Tijd", "Time"), i.t("Door", "By"), i.t("Regels", "Rows"), i.t("Toegevoegd", "Added"), i.t("Gewijzigd", "Changed"), i.t("Gemarkeerd", "Flagged"), "Team"]
                                    .into_iter().map(|h| view! { <th scope="col" class="utrecht-table__header-cell">{h}</th> }).collect_view()}
                            </tr></thead>
                            <tbody class="utrecht-table__body">
                                {o.historie.iter().map(|h| {
                                    let when = text(h, "tijd").get(..16).unwrap_or("").replace('T', " ");
                                    view! { <tr class="utrecht-table__row">
                                        <td class="utrecht-table__cell">{when}</td>
                                        {["gebruiker", "regels", "toegevoegd", "gewijzigd", "gemarkeerd", "team"].into_iter().map(|k| view! { <td class="utrecht-table__cell">{text(h, k)}</td> }).collect_view()}
                                    </tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// The residents flagged "assistance ended?": a person confirms each.
#[component]
fn Flags(
    overview: RwSignal<Option<Result<Overview, Text>>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i = use_i18n();
    let message = RwSignal::new(None::<Text>);
    let decide = move |id: i64, versie: i64, besluit: &'static str| {
        spawn_local(async move {
            let r = api::post::<_, Value>(
                &format!("/api/import/signalen/{id}"),
                &serde_json::json!({ "besluit": besluit, "versie": versie }),
            )
            .await;
            message.set(Some(match r {
                Ok(_) => Text::new("Vastgelegd.", "Recorded."),
                Err(f) => f.message(),
            }));
            reload.run(());
        });
    };
    view! {
        <section class="card" aria-labelledby="signalen-kop" data-testid="signalen">
            <h2 class="utrecht-heading-2" id="signalen-kop">{i.tr("Bijstand beëindigd?", "Assistance ended?")}</h2>
            <p class="utrecht-paragraph" role="status">{move || message.get().map(|m| i.text(&m))}</p>
            {move || overview.get().and_then(Result::ok).map(|o| if o.signalen.is_empty() {
                view! { <p class="utrecht-paragraph">{i.t("Geen signalen.", "No flags.")}</p> }.into_any()
            } else {
                view! {
                    <p class="utrecht-paragraph" data-testid="signalen-aantal">{format!("{} {}", o.signalen_totaal, i.t(
                        "inwoners staan niet meer in het laatste bestand. Bevestig per inwoner: is de bijstand beëindigd (de einddatum wordt de datum van het bestand), of loopt die door?",
                        "residents are no longer in the latest file. Confirm per resident: has assistance ended (the end date becomes the file's date), or does it continue?"))}
                        {(o.signalen_totaal > o.signalen.len()).then(|| format!(" {} {}.", i.t("Hieronder de nieuwste", "Below the newest"), o.signalen.len()))}</p>
                    <ul class="record-list">
                        {o.signalen.into_iter().map(|s| {
                            let id = s["id"].as_i64().unwrap_or(0);
                            let versie = s["versie"].as_i64().unwrap_or(0);
                            let name = text(&s, "naam");
                            let label_end = format!("{}: {}", name, i.t("bijstand beëindigd", "assistance ended"));
                            let label_on = format!("{}: {}", name, i.t("loopt door", "continues"));
                            view! {
                                <li data-testid="signaal">
                                    <span><strong>{name.clone()}</strong>" · "{i.t("team", "team")}" "{text(&s, "team")}" · "{i.t("niet in bestand van", "not in file of")}" "{text(&s, "niet_in_bestand")}</span>
                                    <span class="button-row button-row--tight">
                                        <button type="button" class="utrecht-button utrecht-button--secondary-action" aria-label=label_end data-testid="beeindigd" on:click=move |_| decide(id, versie, "beeindigd")>{i.t("Beëindigd", "Ended")}</button>
                                        <button type="button" class="utrecht-button utrecht-button--secondary-action" aria-label=label_on data-testid="loopt-door" on:click=move |_| decide(id, versie, "loopt_door")>{i.t("Loopt door", "Continues")}</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
