//! Add or change a record of a resident's file (intake over life domains, plan, activation,
//! progress conversation, hand-over to the WSP, exit, placement, referral to a partner). The fields come from the
//! domain's field table; the record is read into its typed form and checked with the domain
//! crate before it is sent, as a field-level change on top of the version seen. When someone
//! else changed the same field meanwhile, the conflict chooser shows both values.

mod codec;
mod conflict;
mod domains;
mod field_errors;
mod field_input;
mod form;
mod goals;
mod values;

use crate::browser;
use crate::i18n::use_i18n;
use crate::nav::{use_params_map, use_query_map};
use crate::routes::not_found::NotFound;
use crate::routes::sign_in::RequireAction;
use crate::sync::use_sync;
use crate::workspace::use_workspace;
use form::RecordForm;
use leptos::prelude::*;
use meedoen_domain::records::Kind;

/// The kinds a consultant adds from a resident's file, in the file's order.
pub const FILE_KINDS: [Kind; 8] = [
    Kind::Intake,
    Kind::Plan,
    Kind::Activering,
    Kind::Gesprek,
    Kind::Overdracht,
    Kind::Uitstroom,
    Kind::Plaatsing,
    Kind::Verwijzing,
];

#[component]
pub fn RecordPage() -> impl IntoView {
    let i = use_i18n();
    let p = use_params_map();
    let resident: i64 = p
        .read_untracked()
        .get("id")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    // An unknown kind in the address is a page that does not exist, never a default form.
    let Some(kind) = p
        .read_untracked()
        .get("soort")
        .and_then(|s| Kind::parse(&s))
        .filter(|k| FILE_KINDS.contains(k))
    else {
        return view! { <NotFound/> }.into_any();
    };
    let rid = p.read_untracked().get("rid");
    Effect::new(move |_| browser::set_title(&i.text(kind.label())));
    let ws = use_workspace();
    let sync = use_sync();
    // A refused change opened again from the list of changes not processed.
    let again = use_query_map().read_untracked().get("wijziging");
    let waiting_for_refused = again.is_some();
    view! {
        <RequireAction action=meedoen_domain::access::Action::ReadCases>
            {let (rid, again) = (rid.clone(), again.clone());
            // Wait for this browser's copy: a change starts from the version it holds.
            move || if ws.ready.get() && (!waiting_for_refused || sync.refused_loaded.get()) {
                let again = again.as_deref().and_then(|m| sync.refused_change(m));
                view! { <RecordForm resident=resident kind=kind rid=rid.clone() again=again/> }.into_any()
            } else {
                view! { <p class="utrecht-paragraph">{i.t("Bezig met ophalen…", "Loading…")}</p> }.into_any()
            }}
        </RequireAction>
    }
    .into_any()
}
