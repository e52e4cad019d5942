//! The rules as policy staff read them: every version of every decision table, with its
//! valid-from date, source, policy note and rows with their explanation. The same data the
//! browser evaluates.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::number::plain;
use meedoen_domain::rules::Loaded;
use meedoen_domain::schema::Kind;
use meedoen_domain::RuleSet;

fn output_text(l: &Loaded, row: usize) -> String {
    let t = &l.table;
    t.schema
        .outputs
        .iter()
        .zip(&t.rows[row].outputs)
        .map(|(c, v)| match c.kind {
            Kind::Enum(vals) => format!("{}: {}", c.name, vals[*v as usize].code),
            // A table's numbers are small (steps, months, hours): four decimals show them as written.
            _ => format!("{}: {}", c.name, plain(f64::from(*v), 4)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn TableView(loaded: &'static Loaded) -> impl IntoView {
    let i = use_i18n();
    let t = &loaded.table;
    let cols: Vec<usize> = t.columns.clone();
    let caption = format!("{} {}", t.schema.title.nl, t.version);
    let label = caption.clone();
    view! {
        <section class="card" data-testid=format!("tabel-{}-{}", t.schema.table, t.version)>
            <h3 class="utrecht-heading-3">{move || format!("{} — {} {}", i.text(&t.schema.title), i.t("versie", "version"), t.version)}</h3>
            <dl class="facts">
                <dt>{i.tr("Geldig vanaf", "In force from")}</dt><dd>{t.valid_from.to_string()}</dd>
                <dt>{i.tr("Hitbeleid", "Hit policy")}</dt><dd>{move || match t.hit_policy {
                    meedoen_domain::table::HitPolicy::First => i.t("eerste rij die klopt", "first matching row"),
                    meedoen_domain::table::HitPolicy::Unique => i.t("precies één rij klopt", "exactly one row matches"),
                }}</dd>
                <dt>{i.tr("Bron", "Source")}</dt><dd>{t.source.clone()}</dd>
                <dt>{i.tr("Beleid", "Policy")}</dt><dd>{t.policy.clone()}</dd>
            </dl>
            <div class="table-scroll" tabindex="0" role="region" aria-label=label>
                <table class="utrecht-table rules-table">
                    <caption class="utrecht-table__caption">{caption}</caption>
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        <th scope="col" class="utrecht-table__header-cell">"id"</th>
                        {cols.iter().map(|&c| view! { <th scope="col" class="utrecht-table__header-cell">{t.schema.inputs[c].name}</th> }).collect_view()}
                        <th scope="col" class="utrecht-table__header-cell">{i.tr("uitkomst", "outcome")}</th>
                        <th scope="col" class="utrecht-table__header-cell">{i.tr("toelichting", "explanation")}</th>
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {t.rows.iter().enumerate().map(|(r, row)| {
                            let cells = cols.iter().map(|&c| view! { <td class="utrecht-table__cell">{row.cells[c].clone()}</td> }).collect_view();
                            view! {
                                <tr class="utrecht-table__row">
                                    <th scope="row" class="utrecht-table__header-cell">{row.id.clone()}</th>
                                    {cells}
                                    <td class="utrecht-table__cell">{output_text(loaded, r)}</td>
                                    <td class="utrecht-table__cell">{move || i.text(&row.text)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
pub fn RulesPage() -> impl IntoView {
    let i = use_i18n();
    let set: &'static RuleSet = RuleSet::embedded();
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Regels", "Rules")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "De beslistabellen waarmee Meedoen een trede, traject en vervolgstap voorstelt. Elke versie geldt vanaf een datum; de consulent beslist altijd zelf.",
            "The decision tables Meedoen uses to suggest a step, trajectory and next step. Each version is in force from a date; the consultant always decides.")}</p>
        {set.tables.iter().flatten().map(|l| view! { <TableView loaded=l/> }).collect_view()}
    }
}
