//! One section of the report as a chart: horizontal SVG bars for the period (solid) and the
//! previous period (hatched), the ambition as a dashed target line with its number, a sentence
//! written from the data, the data table as the alternative, and a CSV download. Meaning never
//! rests on colour alone: patterns, labels and numbers carry it too.

use crate::browser;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::number::plain;
use meedoen_domain::report::{Figure, Report, Section, Value};
use meedoen_domain::Lang;

/// The number a bar is drawn to (none for hidden or unknown values).
fn magnitude(v: &Value) -> Option<f64> {
    match v {
        Value::Aantal(n) => Some(f64::from(*n)),
        Value::Procent { procent, .. } => Some(*procent),
        Value::MinderDan(_) | Value::Onbekend => None,
    }
}

/// Which figures of a section are drawn (the ladder and the waiting list draw their parts).
fn drawn(section: &Section) -> Vec<&Figure> {
    section
        .figuren
        .iter()
        .filter(|f| {
            !matches!(
                f.id.as_str(),
                "aandeel_geactiveerd" | "capaciteit" | "trede.1-2"
            )
        })
        .collect()
}

const WIDTH: f64 = 360.0;
const LABEL_W: f64 = 0.0;
const ROW: f64 = 46.0;

#[component]
pub fn SectionChart(
    report: Report,
    section: Section,
    /// Names of residents by id (the team lead's own copy), for the drill-down.
    names: Signal<std::collections::BTreeMap<i64, String>>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = move || i.lang.get();
    let id = section.id.clone();
    let bars = drawn(&section);
    let percent = bars
        .iter()
        .all(|f| matches!(f.waarde, Value::Procent { .. } | Value::Onbekend));
    let max = bars
        .iter()
        .flat_map(|f| {
            [
                magnitude(&f.waarde),
                magnitude(&f.vorige),
                f.ambitie.map(f64::from),
            ]
        })
        .flatten()
        .fold(if percent { 100.0 } else { 1.0 }, f64::max);
    let scale = move |v: f64| (WIDTH - LABEL_W - 80.0) * v / max;
    let height = ROW * bars.len() as f64 + 8.0;
    let summary_id = format!("samenvatting-{id}");
    let (r1, r2, r3, s1, s2) = (
        report.clone(),
        report.clone(),
        report.clone(),
        section.clone(),
        section.clone(),
    );
    let summary = move || r1.summary(&s1, lang());
    let period = move || r2.period_label(r2.periode, lang());
    let previous = move || r3.period_label(r3.vorige_periode, lang());
    let rows: Vec<Figure> = bars.iter().map(|f| (*f).clone()).collect();
    let svg_rows = rows.clone();
    let csv_report = report.clone();
    let csv_id = id.clone();
    let download = move |_| {
        let l = lang();
        let name = format!(
            "rapportage-{}-{}.csv",
            csv_id,
            csv_report
                .period_label(csv_report.periode, Lang::Nl)
                .replace(' ', "-")
        );
        browser::download(
            &name,
            "text/csv;charset=utf-8",
            &csv_report.csv_of(Some(&csv_id), l),
        );
    };
    view! {
        <figure class="report-chart" data-testid=format!("grafiek-{id}")>
            <p class="report-chart__summary" id=summary_id.clone() data-testid=format!("samenvatting-{id}")>{summary.clone()}</p>
            <svg class="bars" viewBox=format!("0 0 {} {}", plain(WIDTH, 1), plain(height, 1)) role="img" aria-labelledby=summary_id.clone() preserveAspectRatio="xMinYMin meet">
                <defs>
                    <pattern id=format!("arcering-{id}") patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                        <rect width="6" height="6" class="bar-prev-bg"></rect>
                        <line x1="0" y1="0" x2="0" y2="6" class="bar-prev-line"></line>
                    </pattern>
                </defs>
                {svg_rows.into_iter().enumerate().map(|(n, f)| {
                    let y = 4.0 + ROW * n as f64;
                    let now = magnitude(&f.waarde).map(scale).unwrap_or(0.0);
                    let prev = magnitude(&f.vorige).map(scale).unwrap_or(0.0);
                    let target = f.ambitie.map(|a| scale(f64::from(a)));
                    let reference = f.referentie.as_ref().map(|r| scale(r.procent));
                    let label = f.label.clone();
                    let (vn, vp) = (f.waarde.text(), f.vorige.text());
                    view! {
                        <g class="bar-row">
                            <text x="0" y=plain(y + 11.0, 1) class="bar-label">{move || label.get(lang()).to_string()}</text>
                            <rect x=plain(LABEL_W, 1) y=plain(y + 15.0, 1) width=plain(now.max(1.0), 1) height="12" class="bar-now"></rect>
                            <text x=plain(LABEL_W + now + 4.0, 1) y=plain(y + 25.0, 1) class="bar-value">{move || vn.get(lang()).to_string()}</text>
                            <rect x=plain(LABEL_W, 1) y=plain(y + 29.0, 1) width=plain(prev.max(1.0), 1) height="9" fill=format!("url(#arcering-{id})") class="bar-prev"></rect>
                            <text x=plain(LABEL_W + prev + 4.0, 1) y=plain(y + 37.0, 1) class="bar-value bar-value--prev">{move || vp.get(lang()).to_string()}</text>
                            {target.map(|t| view! {
                                <line x1=plain(LABEL_W + t, 1) x2=plain(LABEL_W + t, 1) y1=plain(y + 13.0, 1) y2=plain(y + 40.0, 1) class="bar-target"></line>
                                <text x=plain(LABEL_W + t + 3.0, 1) y=plain(y + 11.0, 1) class="bar-target-text">{move || format!("{} {}", i.t("ambitie", "ambition"), f.ambitie.unwrap_or(0))}</text>
                            })}
                            {reference.map(|t| view! {
                                <line x1=plain(LABEL_W + t, 1) x2=plain(LABEL_W + t, 1) y1=plain(y + 13.0, 1) y2=plain(y + 40.0, 1) class="bar-target bar-target--reference"></line>
                            })}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <p class="legend" aria-hidden="true">
                <span class="legend__now">{period.clone()}</span>
                <span class="legend__prev">{previous.clone()}</span>
                {rows.iter().any(|f| f.ambitie.is_some()).then(|| view! { <span class="legend__target">{i.tr("ambitie", "ambition")}</span> })}
                {rows.iter().any(|f| f.referentie.is_some()).then(|| view! { <span class="legend__reference">{i.tr("landelijk (CBS)", "national (CBS)")}</span> })}
            </p>
            <FigureTable section=section.clone() period=Signal::derive(period) previous=Signal::derive(previous) names=names/>
            <button type="button" class="utrecht-button utrecht-button--secondary-action no-print" data-testid=format!("csv-{}", s2.id) on:click=download>
                {i.tr("Download CSV", "Download CSV")}
            </button>
        </figure>
    }
}

#[component]
fn FigureTable(
    section: Section,
    period: Signal<String>,
    previous: Signal<String>,
    names: Signal<std::collections::BTreeMap<i64, String>>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = move || i.lang.get();
    let title = section.titel.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || format!("{}: {}", i.t("Tabel", "Table"), title.get(lang()))>
            <table class="utrecht-table report-table" data-testid=format!("tabel-{}", section.id)>
                <caption class="visually-hidden">{let t = section.titel.clone(); move || t.get(lang()).to_string()}</caption>
                <thead><tr>
                    <th scope="col">{i.tr("Cijfer", "Figure")}</th>
                    <th scope="col">{period}</th>
                    <th scope="col">{previous}</th>
                    <th scope="col">{i.tr("Verschil", "Change")}</th>
                    <th scope="col">{i.tr("Sinds de start", "Since the start")}</th>
                    <th scope="col">{i.tr("Ambitie", "Ambition")}</th>
                </tr></thead>
                <tbody>
                    {section.figuren.into_iter().map(|f| {
                        let change = f.waarde.change_since(f.vorige).unwrap_or_else(|| "—".into());
                        let (label, def, v, p) = (f.label.clone(), f.definitie.clone(), f.waarde.text(), f.vorige.text());
                        let since = f.sinds_start.map(|s| s.text());
                        let reference = f.referentie.clone();
                        let who = f.inwoners.clone();
                        let fid = f.id.clone();
                        view! {
                            <tr data-testid=format!("cijfer-{fid}")>
                                <th scope="row">
                                    {move || label.get(lang()).to_string()}
                                    <details class="definition"><summary>{i.tr("Definitie", "Definition")}</summary>
                                        <p>{move || def.get(lang()).to_string()}</p>
                                        {reference.clone().map(|r| view! { <p>{move || r.bron.get(lang()).to_string()}</p> })}
                                    </details>
                                    {(!who.is_empty()).then(|| { let n = who.len(); let who = who.clone(); view! {
                                        <details class="drilldown" data-testid=format!("wie-{fid}")><summary>{move || format!("{} ({n})", i.t("Wie?", "Who?"))}</summary>
                                            <ul>{who.iter().map(|id| { let id = *id; view! {
                                                <li><a href=format!("/inwoners/{id}")>{move || names.with(|n| n.get(&id).cloned()).unwrap_or_else(|| format!("#{id}"))}</a></li>
                                            } }).collect_view()}</ul>
                                        </details>
                                    } })}
                                </th>
                                <td data-testid="waarde">{move || v.get(lang()).to_string()}</td>
                                <td>{move || p.get(lang()).to_string()}</td>
                                <td>{change}</td>
                                <td>{move || since.as_ref().map_or("—".to_string(), |s| s.get(lang()).to_string())}</td>
                                <td>{f.ambitie.map_or("—".to_string(), |a| a.to_string())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
