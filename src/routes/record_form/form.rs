//! The record form itself: values from the stored record (or a refused change), the field
//! table's inputs, the domain check before sending, the field-level change and the conflict
//! chooser when someone else changed the same field.

use super::codec::{changes, fields_of, merged, values_of};
use super::conflict::ConflictChooser;
use super::field_input::FieldInput;
use super::{domains, field_errors, goals};
use crate::browser;
use crate::components::error_summary::{ErrorSummary, Item, SUMMARY_ID};
use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::sync::{mutation, use_sync, RefusedChange, Saved};
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::records::{parse_problem, Context, FieldError, Kind, Record};
use meedoen_domain::vocab::Input;
use meedoen_domain::wire::{Conflict, Fields};
use meedoen_domain::RuleSet;

#[component]
pub fn RecordForm(
    resident: i64,
    kind: Kind,
    rid: Option<String>,
    again: Option<RefusedChange>,
) -> impl IntoView {
    let i = use_i18n();
    let ws = use_workspace();
    let sync = use_sync();
    let session = crate::session::use_session();
    let may_write = move || {
        session
            .user
            .read()
            .as_ref()
            .is_some_and(|u| u.may_record(kind))
    };
    let today = browser::today();
    let existing = rid.as_ref().and_then(|id| {
        ws.files.with_untracked(|f| {
            f.get(&resident)?
                .iter()
                .find(|r| r.kind() == kind && &r.id == id)
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
    let original: Fields = existing
        .as_ref()
        .map(|r| r.velden.clone())
        .unwrap_or_default();
    let start = if let Some(c) = &again {
        let mut typed = original.clone();
        typed.extend(c.mutatie.velden.clone());
        values_of(kind, &typed)
    } else if existing.is_some() {
        values_of(kind, &original)
    } else {
        let mut v = values_of(kind, &Fields::new());
        for f in kind.fields() {
            if f.input == Input::Date && matches!(f.name, "datum" | "start") {
                v.insert(f.name.into(), today.to_string());
            }
        }
        // A new referral starts as requested.
        if kind == Kind::Verwijzing {
            v.insert(
                "status".into(),
                meedoen_domain::records::ReferralStatus::Aangevraagd
                    .code()
                    .into(),
            );
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
    let show_errors = move |list: Vec<FieldError>| {
        let v = values.get_untracked();
        errors.set(
            list.into_iter()
                .map(|f| Item {
                    input: field_errors::input_for(&f.field, &v),
                    page: None,
                    message: f.message,
                })
                .collect(),
        );
        browser::after_render(|| browser::focus(SUMMARY_ID));
    };
    let send = move |velden: Fields| {
        let m = mutation(
            kind,
            record_id.get_value(),
            resident,
            base.get_untracked(),
            velden,
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
                    let now = ws.files.with_untracked(|f| {
                        f.get(&resident).and_then(|f| {
                            f.iter()
                                .find(|r| Some(&r.id) == record_id.get_value().as_ref())
                                .map(|r| r.velden.clone())
                        })
                    });
                    original.set_value(now.unwrap_or_default());
                    browser::after_render(|| browser::focus("opgeslagen"));
                }
                Err(r) => {
                    if let Some((server, list)) = r.conflict {
                        base.set(server.versie);
                        original.set_value(server.velden.clone());
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
        let form = match fields_of(kind, &values.get_untracked()) {
            Ok(v) => v,
            Err(e) => return show_errors(e),
        };
        // The record as it will stand, typed and checked with the same rules as the server.
        let stored = original.get_value();
        let ctx = Context {
            today,
            rules: RuleSet::embedded(),
        };
        // The codec shaped every input by the field table (dates and numbers checked), so
        // reading the record is the light path; a problem left is shown at the save button.
        let after = merged(kind, &stored, form);
        let record = match Record::read(kind, &after) {
            Ok(r) => r,
            Err(e) => return show_errors(parse_problem(".".into(), e)),
        };
        if let Err(e) = record.check(&ctx) {
            return show_errors(e);
        }
        // Only what changed is sent; a cleared field is sent as empty.
        let changed = changes(&stored, &after);
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
        let mut mine = Fields::new();
        for (c, own) in conflicts.get_untracked() {
            if own {
                mine.insert(c.veld.clone(), c.uw_waarde.clone());
            }
        }
        let mut shown = original.get_value();
        shown.extend(mine.clone());
        values.set(values_of(kind, &shown));
        if mine.is_empty() {
            forget_again();
            conflicts.set(vec![]);
            saved.set(Some(Saved::Server {
                version: base.get_untracked(),
            }));
        } else {
            send(mine);
        }
    };
    let title = move || {
        format!(
            "{}{}",
            i.text(kind.label()),
            if record_id.get_value().is_some() && base.get() > 0 {
                i.t(" wijzigen", " — change")
            } else {
                ""
            }
        )
    };
    let name = ws.resident(resident).map(|r| r.naam).unwrap_or_default();
    let code = kind.code();
    view! {
        <a href=format!("/inwoners/{resident}") class="back-link">{i.tr("Terug naar het dossier", "Back to the file")}</a>
        <ErrorSummary items=errors.into()/>
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{name}</p>
        {again_note.map(|(reden, op)| view! {
            <div class="utrecht-alert utrecht-alert--warning" data-testid="wijziging-opnieuw">
                <p class="utrecht-paragraph">
                    {i.tr("Deze wijziging maakte u zonder verbinding; de server nam haar om ", "You made this change without a connection; the server did not take it at ")}{op.clone()}
                    {i.tr(" niet over: ", ": ")}{move || i.text(&reden)}
                </p>
                <p class="utrecht-paragraph">{move || i.t(
                    "Wat u typte staat hieronder. Controleer het en sla opnieuw op; als iemand anders hetzelfde veld wijzigde, kiest u daarna per veld.",
                    "What you typed is below. Check it and save again; if someone else changed the same field, you then choose per field.")}</p>
            </div>
        })}
        <ConflictChooser conflicts=conflicts on_resolve=Callback::new(resolve)/>
        {show_if(move || !may_write(), move || view! {
            <div class="utrecht-alert utrecht-alert--info" role="status" data-testid="alleen-lezen"><p class="utrecht-paragraph">{move || i.t(
                "Alleen lezen: uw rol legt dit soort records niet vast.",
                "Read only: your role does not record this kind of record.")}</p></div>
        }.into_any())}
        <form class="record-form" novalidate on:submit=save data-testid=format!("formulier-{code}")>
            <fieldset class="plain-fieldset" disabled=move || !may_write()>
            <legend class="visually-hidden">{move || i.text(kind.label())}</legend>
            {kind.fields().iter().filter(|f| f.in_form()).map(|f| match f.input {
                Input::Goals => view! { <goals::GoalsEditor values=values errors=errors/> }.into_any(),
                Input::Domains => view! { <domains::DomainsEditor values=values errors=errors/> }.into_any(),
                _ => view! { <FieldInput spec=f values=values errors=errors/> }.into_any(),
            }).collect_view()}
            </fieldset>
            {show_if(may_write, move || view! {
                <button type="submit" id="opslaan" class="utrecht-button utrecht-button--primary-action" data-testid="opslaan">{i.tr("Opslaan", "Save")}</button>
            }.into_any())}
        </form>
        {move || saved.get().map(|s| view! {
            <div class="utrecht-alert utrecht-alert--ok" id="opgeslagen" tabindex="-1" role="status" data-testid="opgeslagen">
                <p class="utrecht-paragraph">{match s {
                    Saved::Server { version } => format!("{} {version}).", i.t("Opgeslagen op de server (versie", "Saved on the server (version")),
                    Saved::Queued => i.t("Bewaard op dit apparaat; wordt verstuurd zodra er verbinding is.", "Kept on this device; sent as soon as there is a connection.").to_string(),
                }}</p>
                <a href=format!("/inwoners/{resident}")>{i.tr("Terug naar het dossier", "Back to the file")}</a>
            </div>
        })}
    }
}
