//! Add or change a record of a resident's file (intake over life domains, plan, activation,
//! progress conversation, hand-over to the WSP, exit, placement). Checked in the browser with
//! the domain crate, sent as a field-level change on top of the version seen; when someone else
//! changed the same field meanwhile, both values are shown side by side and the consultant
//! chooses per field — never a silent overwrite.

use super::records::{fields, kind_name, Input, DOMAINS};
use crate::browser;
use crate::components::error_summary::{message_for, ErrorSummary, Item, SUMMARY_ID};
use crate::i18n::use_i18n;
use crate::routes::sign_in::RequireUser;
use crate::sync::{use_sync, Conflict, Mutation, Saved};
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use meedoen_domain::records::{check, Context, FieldError, Kind};
use meedoen_domain::{RuleSet, Text};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub type Values = BTreeMap<String, String>;

/// Form values from a stored record.
fn values_of(kind: &str, v: &Value) -> Values {
    let mut out = Values::new();
    for f in fields(kind) {
        let x = &v[f.name];
        if f.input == Input::Goals {
            super::goals::to_values(&mut out, x);
            continue;
        }
        let text = match (f.input, x) {
            (_, Value::Null) => String::new(),
            (Input::Bool, Value::Bool(b)) => {
                if *b {
                    "ja".into()
                } else {
                    String::new()
                }
            }
            (Input::YesNo, Value::Bool(b)) => {
                if *b {
                    "ja".into()
                } else {
                    "nee".into()
                }
            }
            (_, Value::String(s)) => s.clone(),
            (_, other) => other.to_string(),
        };
        out.insert(f.name.into(), text);
    }
    if let Some(domains) = v["domeinen"].as_array() {
        for d in domains {
            let code = d["domein"].as_str().unwrap_or_default();
            out.insert(format!("dom.{code}.on"), "ja".into());
            out.insert(
                format!("dom.{code}.reden"),
                d["reden"].as_str().unwrap_or_default().into(),
            );
            out.insert(
                format!("dom.{code}.score"),
                d["score"]
                    .as_u64()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            );
            out.insert(
                format!("dom.{code}.toelichting"),
                d["toelichting"].as_str().unwrap_or_default().into(),
            );
        }
    }
    out
}

/// The record's fields from the form, or the inputs that are not numbers.
fn velden_of(kind: &str, values: &Values) -> Result<Map<String, Value>, Vec<FieldError>> {
    let mut m = Map::new();
    let mut e = vec![];
    let get = |k: &str| {
        values
            .get(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    for f in fields(kind) {
        let t = get(f.name);
        let v = match f.input {
            Input::Goals => super::goals::from_values(values),
            Input::Bool => Value::Bool(t == "ja"),
            _ if t.is_empty() => continue,
            Input::YesNo => Value::Bool(t == "ja"),
            Input::Number => match t.replace(',', ".").parse::<f64>() {
                Ok(n) if n.is_finite() => serde_json::json!(n),
                _ => {
                    e.push(FieldError {
                        field: f.name.into(),
                        message: Text::new(
                            "Vul een getal in, bijvoorbeeld 8 of 12,5.",
                            "Enter a number, for example 8 or 12.5.",
                        ),
                    });
                    continue;
                }
            },
            Input::Int => match t.parse::<i64>() {
                Ok(n) => n.into(),
                _ => {
                    e.push(FieldError {
                        field: f.name.into(),
                        message: Text::new("Vul een geheel getal in.", "Enter a whole number."),
                    });
                    continue;
                }
            },
            _ => Value::String(t),
        };
        m.insert(f.name.into(), v);
    }
    if kind == "intake" {
        let mut list = vec![];
        for (_, code, _, _) in DOMAINS {
            if get(&format!("dom.{code}.on")) != "ja" {
                continue;
            }
            let mut d =
                serde_json::json!({ "domein": code, "reden": get(&format!("dom.{code}.reden")) });
            if let Ok(s) = get(&format!("dom.{code}.score")).parse::<u8>() {
                d["score"] = s.into();
            }
            let note = get(&format!("dom.{code}.toelichting"));
            if !note.is_empty() {
                d["toelichting"] = note.into();
            }
            list.push(d);
        }
        m.insert("domeinen".into(), Value::Array(list));
    }
    if e.is_empty() {
        Ok(m)
    } else {
        Err(e)
    }
}

/// The input that shows a field error.
fn input_for(field: &str, values: &Values) -> String {
    if let Some(id) = super::goals::input_for(field, values) {
        return id;
    }
    if let Some(rest) = field.strip_prefix("domeinen[") {
        let n: usize = rest
            .split(']')
            .next()
            .and_then(|x| x.parse().ok())
            .unwrap_or(0);
        let part = rest.split("].").nth(1).unwrap_or("reden");
        let chosen: Vec<&str> = DOMAINS
            .iter()
            .map(|d| d.1)
            .filter(|c| {
                values
                    .get(&format!("dom.{c}.on"))
                    .is_some_and(|v| v == "ja")
            })
            .collect();
        if let Some(code) = chosen.get(n) {
            return format!(
                "r-dom-{code}-{}",
                if part == "domein" { "on" } else { part }
            );
        }
    }
    let name = field.split(['.', '[']).next().unwrap_or(field);
    if name.is_empty() {
        "opslaan".into()
    } else {
        format!("r-{name}")
    }
}

#[component]
pub fn RecordPage() -> impl IntoView {
    let i = use_i18n();
    let p = use_params_map();
    let resident: i64 = p
        .read_untracked()
        .get("id")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let kind = p.read_untracked().get("soort").unwrap_or_default();
    let rid = p.read_untracked().get("rid");
    let k2 = kind.clone();
    Effect::new(move |_| {
        browser::set_title(kind_name(&k2, i.lang.get() == meedoen_domain::Lang::Nl))
    });
    let ws = use_workspace();
    let sync = use_sync();
    // A refused change opened again from the list of changes not processed.
    let again = use_query_map().read_untracked().get("wijziging");
    let waiting_for_refused = again.is_some();
    view! {
        <RequireUser>
            {let (kind, rid, again) = (kind.clone(), rid.clone(), again.clone());
            // Wait for this browser's copy: a change starts from the version it holds.
            move || if ws.ready.get() && (!waiting_for_refused || sync.refused_loaded.get()) {
                let again = again.as_deref().and_then(|m| sync.refused_change(m));
                view! { <RecordForm resident=resident kind=kind.clone() rid=rid.clone() again=again/> }.into_any()
            } else {
                view! { <p class="utrecht-paragraph">{i.t("Bezig met ophalen…", "Loading…")}</p> }.into_any()
            }}
        </RequireUser>
    }
}

#[component]
fn RecordForm(
    resident: i64,
    kind: String,
    rid: Option<String>,
    again: Option<crate::sync::RefusedChange>,
) -> impl IntoView {
    let i = use_i18n();
    let ws = use_workspace();
    let sync = use_sync();
    let kind: &'static str = super::records::KINDS
        .iter()
        .find(|k| k.0 == kind)
        .map_or("gesprek", |k| k.0);
    let today = browser::today();
    let existing = rid.as_ref().and_then(|id| {
        ws.files.with_untracked(|f| {
            f.get(&resident)?
                .iter()
                .find(|r| r.soort == kind && &r.id == id)
                .cloned()
        })
    });
    let again = again.filter(|c| {
        c.mutatie.inwoner_id == resident
            && c.mutatie.soort == kind
            && Some(&c.mutatie.id) == rid.as_ref()
    });
    // A refused change starts again from the version it was made on, so the server shows
    // what someone else changed since, field by field.
    let base = RwSignal::new(again.as_ref().map_or_else(
        || existing.as_ref().map_or(0, |r| r.versie),
        |c| c.mutatie.basis_versie,
    ));
    let original = existing
        .as_ref()
        .map(|r| r.velden.clone())
        .unwrap_or(Value::Object(Map::new()));
    let start = if let Some(c) = &again {
        let mut typed = original.as_object().cloned().unwrap_or_default();
        if let Some(m) = c.mutatie.velden.as_object() {
            typed.extend(m.clone());
        }
        values_of(kind, &Value::Object(typed))
    } else if existing.is_some() {
        values_of(kind, &original)
    } else {
        let mut v = Values::new();
        for f in fields(kind) {
            if f.input == Input::Date && matches!(f.name, "datum" | "start") {
                v.insert(f.name.into(), today.to_string());
            }
            if f.input == Input::Goals {
                super::goals::to_values(&mut v, &Value::Null);
            }
        }
        v
    };
    let values = RwSignal::new(start);
    let original = StoredValue::new(original);
    let errors = RwSignal::new(Vec::<Item>::new());
    let conflicts = RwSignal::new(Vec::<(Conflict, bool)>::new());
    let saved = RwSignal::new(None::<Saved>);
    let record_id = StoredValue::new(rid.clone());
    let again_id = StoredValue::new(again.as_ref().map(|c| c.mutatie.mutatie_id.clone()));
    let again_note = again.map(|c| (c.reden, c.op));
    // Nothing left to send: the server's values were kept.
    let forget_again = move || {
        if let Some(id) = again_id.get_value() {
            again_id.set_value(None);
            spawn_local(async move { sync.forget(&id).await });
        }
    };
    let nl = move || i.lang.get() == meedoen_domain::Lang::Nl;
    let show_errors = move |list: Vec<FieldError>| {
        let v = values.get_untracked();
        errors.set(
            list.into_iter()
                .map(|f| Item {
                    input: input_for(&f.field, &v),
                    page: None,
                    message: f.message,
                })
                .collect(),
        );
        browser::after_render(|| browser::focus(SUMMARY_ID));
    };
    let send = move |velden: Map<String, Value>| {
        let m = Mutation::new(
            kind,
            record_id.get_value(),
            resident,
            base.get_untracked(),
            Value::Object(velden),
        );
        record_id.set_value(Some(m.id.clone()));
        spawn_local(async move {
            match sync.submit(m).await {
                Ok(s) => {
                    // The refused change this form reopened is now saved (or queued anew).
                    if let Some(id) = again_id.get_value() {
                        sync.forget(&id).await;
                        again_id.set_value(None);
                    }
                    errors.set(vec![]);
                    conflicts.set(vec![]);
                    if let Saved::Server { version } = s {
                        base.set(version);
                    }
                    saved.set(Some(s));
                    original.set_value(
                        ws.files
                            .with_untracked(|f| {
                                f.get(&resident).and_then(|f| {
                                    f.iter()
                                        .find(|r| Some(&r.id) == record_id.get_value().as_ref())
                                        .map(|r| r.velden.clone())
                                })
                            })
                            .unwrap_or(Value::Null),
                    );
                    browser::after_render(|| browser::focus("opgeslagen"));
                }
                Err(r) => {
                    if let Some((server, list)) = r.conflict {
                        base.set(server.versie);
                        original.set_value(server.velden);
                        conflicts.set(list.into_iter().map(|c| (c, false)).collect());
                        browser::after_render(|| browser::focus("conflict"));
                    } else {
                        show_errors(r.fields);
                    }
                }
            }
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let velden = match velden_of(kind, &values.get_untracked()) {
            Ok(v) => v,
            Err(e) => return show_errors(e),
        };
        // Check the record as it will stand, with the same rules as the server.
        let mut full = original
            .get_value()
            .as_object()
            .cloned()
            .unwrap_or_default();
        full.extend(velden.clone());
        let ctx = Context {
            today,
            rules: RuleSet::embedded(),
        };
        if let Some(k) = Kind::parse(kind) {
            if let Err(e) = check(k, Value::Object(full), &ctx) {
                return show_errors(e);
            }
        }
        // Only what changed is sent.
        let orig = original.get_value();
        let changed: Map<String, Value> = velden
            .into_iter()
            .filter(|(k, v)| orig.get(k) != Some(v))
            .collect();
        if changed.is_empty() && base.get_untracked() > 0 {
            forget_again();
            saved.set(Some(Saved::Server {
                version: base.get_untracked(),
            }));
            return;
        }
        send(changed);
    };
    let resolve = move |_| {
        // Per field: keep the server's value, or send one's own on top of the server's version.
        let mut velden = Map::new();
        for (c, mine) in conflicts.get_untracked() {
            if mine {
                velden.insert(c.veld.clone(), c.uw_waarde.clone());
            }
        }
        let mut v = values_of(kind, &original.get_value());
        for (k, x) in &velden {
            let mut obj = Map::new();
            obj.insert(k.clone(), x.clone());
            let goals = k == "doelen";
            if goals {
                v.retain(|kk, _| !super::goals::is_goal_key(kk));
            }
            for (kk, vv) in values_of(kind, &Value::Object(obj)) {
                if &kk == k || (goals && super::goals::is_goal_key(&kk)) {
                    v.insert(kk, vv);
                }
            }
        }
        values.set(v);
        if velden.is_empty() {
            forget_again();
            conflicts.set(vec![]);
            saved.set(Some(Saved::Server {
                version: base.get_untracked(),
            }));
        } else {
            send(velden);
        }
    };
    let show = |v: &Value| match v {
        Value::Null => "—".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let field_view = move |f: super::records::Field| {
        let id = format!("r-{}", f.name);
        let name = f.name;
        let err = message_for(errors, id.clone());
        let err2 = err.clone();
        let err3 = err.clone();
        let value = move || values.with(|v| v.get(name).cloned().unwrap_or_default());
        let set = move |x: String| {
            values.update(|v| {
                v.insert(name.into(), x);
            })
        };
        let input = match f.input {
            Input::Goals => return view! { <super::goals::GoalsEditor values=values errors=errors/> }.into_any(),
            Input::Long => view! { <textarea class="utrecht-textarea" id=id.clone() rows="4" aria-describedby=format!("{id}-fout") prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea> }.into_any(),
            Input::Bool => view! {
                <input class="choice__input" type="checkbox" id=id.clone() prop:checked=move || value() == "ja" on:change=move |ev| set(if event_target_checked(&ev) { "ja".into() } else { String::new() })/>
            }.into_any(),
            Input::Choice(opts) => view! {
                <select class="utrecht-select" id=id.clone() aria-describedby=format!("{id}-fout") on:change=move |ev| set(event_target_value(&ev))>
                    <option value="">{move || i.t("kies", "choose")}</option>
                    {opts.iter().map(|(c, n, e)| view! { <option value=*c selected=move || value() == *c>{move || if nl() { *n } else { *e }}</option> }).collect_view()}
                </select>
            }.into_any(),
            Input::YesNo => view! {
                <select class="utrecht-select" id=id.clone() on:change=move |ev| set(event_target_value(&ev))>
                    <option value="" selected=move || value().is_empty()>{move || i.t("nog niet bekend", "not known yet")}</option>
                    <option value="ja" selected=move || value() == "ja">{move || i.t("ja", "yes")}</option>
                    <option value="nee" selected=move || value() == "nee">{move || i.t("nee", "no")}</option>
                </select>
            }.into_any(),
            kind_ => {
                let (t, mode, width) = match kind_ {
                    Input::Date => ("date", "", "input-width-10"),
                    Input::Number => ("text", "decimal", "input-width-4"),
                    Input::Int => ("text", "numeric", "input-width-4"),
                    _ => ("text", "", "input-width-20"),
                };
                view! { <input class=format!("utrecht-textbox {width}") type=t id=id.clone() inputmode=(!mode.is_empty()).then_some(mode) aria-describedby=format!("{id}-fout")
                    aria-invalid=move || err2().map(|_| "true") prop:value=value on:input=move |ev| set(event_target_value(&ev))/> }.into_any()
            }
        };
        let is_bool = f.input == Input::Bool;
        let (before, after) = if is_bool {
            (Some(input), None)
        } else {
            (None, Some(input))
        };
        view! {
            <div class="form-group" class:choice=is_bool class:choice--small=is_bool class:form-group--error=move || err3().is_some()>
                {before}
                <label class=if is_bool { "choice__label" } else { "utrecht-form-label" } for=id.clone()>{move || if nl() { f.nl } else { f.en }}</label>
                <p class="field-error" id=format!("{id}-fout")>{err}</p>
                {after}
            </div>
        }
        .into_any()
    };
    let domain_rows = move || {
        (kind == "intake").then(|| view! {
        <fieldset class="utrecht-form-fieldset__fieldset domains">
            <legend class="utrecht-heading-2">{move || i.t("Leefgebieden (elk optioneel)", "Life domains (each optional)")}</legend>
            <p class="hint">{move || i.t(
                "Bespreek alleen wat nodig is, en leg vast waarom. Score: 1 acute problemen … 5 volledig zelfredzaam.",
                "Discuss only what is needed, and record why. Score: 1 acute problems … 5 fully self-sufficient.")}</p>
            {DOMAINS.iter().map(|(_, code, dnl, den)| {
                let key = |p: &str| format!("dom.{code}.{p}");
                let on = { let k = key("on"); move || values.with(|v| v.get(&k).is_some_and(|x| x == "ja")) };
                let k_on = key("on");
                let (k_s, k_r, k_t) = (key("score"), key("reden"), key("toelichting"));
                let (k_s2, k_r2, k_t2) = (k_s.clone(), k_r.clone(), k_t.clone());
                let rid_ = format!("r-dom-{code}-reden");
                let rid2 = rid_.clone();
                let err = message_for(errors, rid2);
                view! {
                    <div class="domain">
                        <div class="choice choice--small">
                            <input class="choice__input" type="checkbox" id=format!("r-dom-{code}-on") prop:checked=on.clone()
                                on:change=move |ev| { let k = k_on.clone(); values.update(|v| { v.insert(k, if event_target_checked(&ev) { "ja".into() } else { String::new() }); }) }/>
                            <label class="choice__label" for=format!("r-dom-{code}-on")>{move || if nl() { *dnl } else { *den }}</label>
                        </div>
                        <Show when=on.clone()>
                            <div class="domain__detail">
                                <label class="utrecht-form-label" for=format!("r-dom-{code}-score")>{move || i.t("Score", "Score")}</label>
                                <select class="utrecht-select" id=format!("r-dom-{code}-score") on:change={let k = k_s.clone(); move |ev| { let k = k.clone(); values.update(|v| { v.insert(k, event_target_value(&ev)); }) }}>
                                    <option value="">{move || i.t("geen score", "no score")}</option>
                                    {(1..=5).map(|n| { let k = k_s2.clone(); view! { <option value=n.to_string() selected=move || values.with(|v| v.get(&k).is_some_and(|x| *x == n.to_string()))>{n}</option> } }).collect_view()}
                                </select>
                                <label class="utrecht-form-label" for=rid_.clone()>{move || i.t("Waarom besproken (verplicht)", "Why discussed (required)")}</label>
                                <p class="field-error" id=format!("{rid_}-fout")>{err.clone()}</p>
                                <input class="utrecht-textbox input-width-20" id=rid_.clone() aria-describedby=format!("{rid_}-fout") prop:value={let k = k_r.clone(); move || values.with(|v| v.get(&k).cloned().unwrap_or_default())}
                                    on:input={let k = k_r2.clone(); move |ev| { let k = k.clone(); values.update(|v| { v.insert(k, event_target_value(&ev)); }) }}/>
                                <label class="utrecht-form-label" for=format!("r-dom-{code}-toelichting")>{move || i.t("Notitie", "Note")}</label>
                                <input class="utrecht-textbox input-width-20" id=format!("r-dom-{code}-toelichting") prop:value={let k = k_t.clone(); move || values.with(|v| v.get(&k).cloned().unwrap_or_default())}
                                    on:input={let k = k_t2.clone(); move |ev| { let k = k.clone(); values.update(|v| { v.insert(k, event_target_value(&ev)); }) }}/>
                            </div>
                        </Show>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    })
    };
    let title = move || {
        format!(
            "{}{}",
            kind_name(kind, nl()),
            if record_id.get_value().is_some() && base.get() > 0 {
                i.t(" wijzigen", " — change")
            } else {
                ""
            }
        )
    };
    let name = ws
        .resident(resident)
        .and_then(|r| r.velden["naam"].as_str().map(str::to_string))
        .unwrap_or_default();
    view! {
        <A href=format!("/inwoners/{resident}") attr:class="back-link">{move || i.t("Terug naar het dossier", "Back to the file")}</A>
        <ErrorSummary items=errors.into()/>
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{name}</p>
        {again_note.map(|(reden, op)| view! {
            <div class="utrecht-alert utrecht-alert--warning" data-testid="wijziging-opnieuw">
                <p class="utrecht-paragraph">
                    {move || i.t("Deze wijziging maakte u zonder verbinding; de server nam haar om ", "You made this change without a connection; the server did not take it at ")}{op.clone()}
                    {move || i.t(" niet over: ", ": ")}{move || i.text(&reden)}
                </p>
                <p class="utrecht-paragraph">{move || i.t(
                    "Wat u typte staat hieronder. Controleer het en sla opnieuw op; als iemand anders hetzelfde veld wijzigde, kiest u daarna per veld.",
                    "What you typed is below. Check it and save again; if someone else changed the same field, you then choose per field.")}</p>
            </div>
        })}
        <Show when=move || !conflicts.read().is_empty()>
            <section class="conflict card" id="conflict" tabindex="-1" aria-labelledby="conflict-kop" data-testid="conflict">
                <h2 class="utrecht-heading-2" id="conflict-kop">{move || i.t("Iemand anders wijzigde dit intussen", "Someone else changed this meanwhile")}</h2>
                <p class="utrecht-paragraph">{move || i.t("Kies per veld welke waarde blijft. Er wordt niets overschreven zonder uw keuze.", "Choose per field which value stays. Nothing is overwritten without your choice.")}</p>
                {move || conflicts.get().into_iter().enumerate().map(|(n, (c, mine))| view! {
                    <fieldset class="utrecht-form-fieldset__fieldset conflict__field">
                        <legend class="utrecht-form-label">{c.veld.clone()}</legend>
                        <div class="conflict__options">
                            <div class="choice choice--small">
                                <input class="choice__input" type="radio" name=format!("c-{n}") id=format!("c-{n}-server") prop:checked=!mine on:change=move |_| conflicts.update(|l| l[n].1 = false)/>
                                <label class="choice__label" for=format!("c-{n}-server")>{move || i.t("Op de server: ", "On the server: ")}<strong>{show(&c.server_waarde)}</strong></label>
                            </div>
                            <div class="choice choice--small">
                                <input class="choice__input" type="radio" name=format!("c-{n}") id=format!("c-{n}-eigen") prop:checked=mine on:change=move |_| conflicts.update(|l| l[n].1 = true)/>
                                <label class="choice__label" for=format!("c-{n}-eigen")>{move || i.t("Uw waarde: ", "Your value: ")}<strong>{show(&c.uw_waarde)}</strong></label>
                            </div>
                        </div>
                    </fieldset>
                }).collect_view()}
                <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="conflict-oplossen" on:click=resolve>{move || i.t("Opslaan met deze keuzes", "Save with these choices")}</button>
            </section>
        </Show>
        <form class="record-form" novalidate on:submit=save data-testid=format!("formulier-{kind}")>
            {fields(kind).iter().copied().map(field_view).collect_view()}
            {domain_rows}
            <button type="submit" id="opslaan" class="utrecht-button utrecht-button--primary-action" data-testid="opslaan">{move || i.t("Opslaan", "Save")}</button>
        </form>
        {move || saved.get().map(|s| view! {
            <div class="utrecht-alert utrecht-alert--ok" id="opgeslagen" tabindex="-1" role="status" data-testid="opgeslagen">
                <p class="utrecht-paragraph">{match s {
                    Saved::Server { version } => format!("{} {version}).", i.t("Opgeslagen op de server (versie", "Saved on the server (version")),
                    Saved::Queued => i.t("Bewaard op dit apparaat; wordt verstuurd zodra er verbinding is.", "Kept on this device; sent as soon as there is a connection.").to_string(),
                }}</p>
                <A href=format!("/inwoners/{resident}")>{move || i.t("Terug naar het dossier", "Back to the file")}</A>
            </div>
        })}
    }
}
