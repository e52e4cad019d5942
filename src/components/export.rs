//! "Export as CSV" for the team lead's lists: the list as shown (filters and sort included),
//! after the purpose is stated. The server audits every resident in the file with that purpose
//! (`POST /api/export`); only when it has, the browser writes the file.

use crate::api;
use crate::browser;
use crate::components::error_summary::{item, items_from, show, ErrorSummary, Item, TextField};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::text::csv_cell;

/// The lines of an export: the residents in it, the header and the rows, as shown.
pub type Lines = (Vec<i64>, Vec<String>, Vec<Vec<String>>);

#[component]
pub fn ExportCsv(
    /// `caseload` or `wachtlijst`.
    kind: &'static str,
    /// What the file is called (without the date and extension).
    file: &'static str,
    /// The list as it is shown now.
    lines: Callback<(), Lines>,
) -> impl IntoView {
    let i = use_i18n();
    let purpose = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<Item>::new());
    let done = RwSignal::new(None::<usize>);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let doel = purpose.get_untracked().trim().to_string();
        if !(5..=200).contains(&doel.chars().count()) {
            show(errors, vec![item("export-doel", (
                "Schrijf waarvoor u de lijst nodig hebt, in 5 tot 200 tekens (bijvoorbeeld ‘werkverdeling teamoverleg’).",
                "Write what you need the list for, in 5 to 200 characters (for example ‘allocation in the team meeting’)."))]);
            return;
        }
        let (ids, head, rows) = lines.run(());
        spawn_local(async move {
            let body = serde_json::json!({ "soort": kind, "doel": doel, "inwoners": ids, "kolommen": head });
            match api::post::<_, serde_json::Value>("/api/export", &body).await {
                Ok(_) => {
                    // UTF-8 with a byte-order mark and `;`: what a Dutch spreadsheet opens as is.
                    let mut text = String::from("\u{feff}");
                    for line in std::iter::once(&head).chain(rows.iter()) {
                        text.push_str(
                            &line
                                .iter()
                                .map(|c| csv_cell(c))
                                .collect::<Vec<_>>()
                                .join(";"),
                        );
                        text.push_str("\r\n");
                    }
                    browser::download(
                        &format!("{file}-{}.csv", browser::today()),
                        "text/csv;charset=utf-8",
                        &text,
                    );
                    errors.set(vec![]);
                    done.set(Some(ids.len()));
                }
                Err(f) => show(
                    errors,
                    items_from(&f, |_| Some("export-doel"), "export-doel"),
                ),
            }
        });
    };
    view! {
        <details class="card export" data-testid="export">
            <summary>{i.tr("Exporteren als CSV", "Export as CSV")}</summary>
            <ErrorSummary items=errors.into()/>
            <form on:submit=submit novalidate>
                <TextField id="export-doel" label=("Waarvoor hebt u deze lijst nodig?", "What do you need this list for?") value=purpose errors=errors maxlength=200
                    hint=("De lijst zoals u die nu ziet (filters en volgorde). Het doel komt bij elke inwoner in de lijst in het auditlog.",
                          "The list as you see it now (filters and order). The purpose goes into the audit log with every resident in the list.")/>
                <button type="submit" class="utrecht-button utrecht-button--secondary-action" data-testid="export-downloaden">{i.tr("CSV downloaden", "Download CSV")}</button>
            </form>
            <p class="utrecht-paragraph" role="status" data-testid="export-klaar">{move || done.get().map(|n| format!("{n} {}", i.t("inwoners geëxporteerd en vastgelegd in het auditlog.", "residents exported and recorded in the audit log.")))}</p>
        </details>
    }
}
