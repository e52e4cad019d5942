//! The scenario charts: one SVG line per column over the months with its band (low–high) as a
//! shaded area, lines told apart by dash pattern and marker as well as colour; each chart has
//! a sentence written from the data, the data table (central and band per month) and a CSV of
//! every month. A table of yearly totals follows the charts.

use super::{Column, Scenarios};
use crate::browser;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::number::{fixed, plain};
use meedoen_domain::scenario::compare::{csv, euro, month_label, number, waiting_sentence, yearly};
use meedoen_domain::scenario::{Month, Outcome};
use meedoen_domain::Lang;

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 10.0;

/// How each column's line is drawn: dash pattern and marker (never colour alone).
const STYLES: [(&str, &str); 4] = [("", "●"), ("8 4", "■"), ("2 3", "▲"), ("10 3 2 3", "◆")];

/// A figure per month, per band; cumulative figures sum each run first.
fn series(o: &Outcome, f: fn(&Month) -> f64, cumulative: bool) -> Vec<(f64, f64, f64)> {
    if !cumulative {
        return o.band_of(f);
    }
    let run = |m: &[Month]| {
        m.iter()
            .scan(0.0, |acc, x| {
                *acc += f(x);
                Some(*acc)
            })
            .collect::<Vec<f64>>()
    };
    let (lo, mid, hi) = (run(&o.laag), run(&o.centraal), run(&o.hoog));
    mid.iter()
        .enumerate()
        .map(|(k, m)| {
            let (a, b) = (lo[k], hi[k]);
            (a.min(b).min(*m), *m, a.max(b).max(*m))
        })
        .collect()
}

struct Spec {
    id: &'static str,
    nl: &'static str,
    en: &'static str,
    f: fn(&Month) -> f64,
    cumulative: bool,
}

const SPECS: [Spec; 3] = [
    Spec {
        id: "wacht-nu",
        nl: "Wachtlijst 'nu klaar' per maand",
        en: "Waiting list 'ready now' per month",
        f: |m| m.wacht_nu,
        cumulative: false,
    },
    Spec {
        id: "begeleid",
        nl: "Begeleide inwoners per maand",
        en: "Residents guided per month",
        f: |m| m.begeleid,
        cumulative: false,
    },
    Spec {
        id: "uitstroom",
        nl: "Uitstroom uit de uitkering, opgeteld",
        en: "Exits from benefit, cumulative",
        f: |m| m.uitstroom,
        cumulative: true,
    },
];

#[component]
pub fn Charts() -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let download = move |_| {
        let cols = s.columns.get_untracked();
        let pairs: Vec<_> = cols
            .iter()
            .filter_map(|c| c.outcome.as_ref().map(|o| (&c.levers, o)))
            .collect();
        browser::download(
            "scenarios-per-maand.csv",
            "text/csv;charset=utf-8",
            &csv(&pairs, i.lang.get_untracked()),
        );
    };
    view! {
        <section class="card" aria-labelledby="grafieken-kop">
            <h2 class="utrecht-heading-2" id="grafieken-kop">{i.tr("Verloop per maand", "Month by month")}</h2>
            <p class="utrecht-paragraph">{move || i.t(
                "Lijnen zijn de centrale waarde; het gekleurde vlak is de band van 90% uit de onzekerheid van de gemeten kansen. Lijnen verschillen ook in streepjes en markering.",
                "Lines are the central value; the shaded area is the 90% band from the uncertainty of the observed rates. Lines also differ in dashes and markers.")}</p>
            <button type="button" class="utrecht-button utrecht-button--secondary-action no-print" data-testid="scenario-csv" on:click=download>
                {i.tr("Alle maanden (CSV)", "All months (CSV)")}
            </button>
            {SPECS.iter().map(|spec| view! { <LineChart spec=spec/> }).collect_view()}
        </section>
    }
}

#[component]
fn LineChart(spec: &'static Spec) -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let lang = move || i.lang.get();
    let data = Memo::new(move |_| {
        s.columns
            .get()
            .into_iter()
            .filter_map(|c: Column| {
                let o = c.outcome?;
                let months: Vec<_> = o.centraal.iter().map(|m| m.maand).collect();
                Some((
                    c.levers.naam,
                    months,
                    series(&o, spec.f, spec.cumulative),
                    o,
                ))
            })
            .collect::<Vec<_>>()
    });
    let summary = move || {
        let l = lang();
        let start = s.baseline.with(|b| b.as_ref().map_or(0.0, |b| b.wacht_nu));
        data.with(|d| {
            d.iter()
                .map(|(name, _, band, o)| {
                    if spec.id == "wacht-nu" {
                        waiting_sentence(name, start, o, l)
                    } else {
                        let (lo, mid, hi) = band.last().copied().unwrap_or_default();
                        let first = band.first().map_or(0.0, |x| x.1);
                        match l {
                            Lang::Nl => format!(
                                "{name}: van {} naar {} aan het eind (band {} tot {}).",
                                number(first, 0, l),
                                number(mid, 0, l),
                                number(lo, 0, l),
                                number(hi, 0, l)
                            ),
                            Lang::En => format!(
                                "{name}: from {} to {} at the end (band {} to {}).",
                                number(first, 0, l),
                                number(mid, 0, l),
                                number(lo, 0, l),
                                number(hi, 0, l)
                            ),
                        }
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let open = RwSignal::new(false);
    let title_id = format!("grafiek-{}-kop", spec.id);
    let summary_id = format!("grafiek-{}-zin", spec.id);
    let svg = move || {
        data.with(|d| {
            let n = d.first().map_or(0, |x| x.2.len()).max(1);
            let max = d
                .iter()
                .flat_map(|x| x.2.iter().map(|v| v.2))
                .fold(1.0_f64, f64::max)
                * 1.05;
            let x = move |k: usize| LEFT + (W - LEFT - 8.0) * k as f64 / (n.max(2) - 1) as f64;
            let y = move |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / max);
            let years: Vec<(usize, String)> = d
                .first()
                .map(|x| {
                    x.1.iter()
                        .enumerate()
                        // Each January, and the first month unless a January follows within a quarter.
                        .filter(|(k, m)| {
                            chrono::Datelike::month(*m) == 1
                                || (*k == 0 && chrono::Datelike::month(*m) <= 10)
                        })
                        .map(|(k, m)| (k, chrono::Datelike::year(m).to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let grid = [0.0, 0.5, 1.0].map(|f| (y(max / 1.05 * f), number(max / 1.05 * f, 0, lang())));
            view! {
                <svg class="scenario-chart" viewBox=format!("0 0 {} {}", plain(W, 1), plain(H, 1)) role="img" aria-labelledby=format!("grafiek-{}-kop grafiek-{}-zin", spec.id, spec.id)>
                    {grid.into_iter().map(|(gy, label)| view! {
                        <line x1=plain(LEFT, 1) x2=plain(W - 8.0, 1) y1=plain(gy, 1) y2=plain(gy, 1) class="grid"></line>
                        <text x=plain(LEFT - 4.0, 1) y=plain(gy + 4.0, 1) class="axis" text-anchor="end">{label}</text>
                    }).collect_view()}
                    {years.into_iter().map(|(k, label)| view! {
                        <line x1=plain(x(k), 1) x2=plain(x(k), 1) y1=plain(TOP, 1) y2=plain(H - BOTTOM, 1) class="grid"></line>
                        <text x=plain(x(k) + 2.0, 1) y=plain(H - 6.0, 1) class="axis">{label}</text>
                    }).collect_view()}
                    {d.iter().enumerate().map(|(c, (_, _, band, _))| {
                        let upper: Vec<String> = band.iter().enumerate().map(|(k, v)| format!("{},{}", fixed(x(k), 1), fixed(y(v.2), 1))).collect();
                        let lower: Vec<String> = band.iter().enumerate().rev().map(|(k, v)| format!("{},{}", fixed(x(k), 1), fixed(y(v.0), 1))).collect();
                        let line: Vec<String> = band.iter().enumerate().map(|(k, v)| format!("{},{}", fixed(x(k), 1), fixed(y(v.1), 1))).collect();
                        let (dash, mark) = STYLES[c % STYLES.len()];
                        let last = band.len().saturating_sub(1);
                        let (lx, ly) = (x(last), y(band.last().map_or(0.0, |v| v.1)));
                        view! {
                            <g class=format!("scenario-series scenario-series--{c}")>
                                <polygon points=format!("{} {}", upper.join(" "), lower.join(" ")) class="band"></polygon>
                                <polyline points=line.join(" ") class="line" stroke-dasharray=dash></polyline>
                                <text x=plain(lx - 4.0, 1) y=plain(ly - 4.0, 1) class="mark" text-anchor="end">{mark}</text>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <ul class="scenario-legend" aria-hidden="true">
                    {d.iter().enumerate().map(|(c, (name, ..))| {
                        let (dash, mark) = STYLES[c % STYLES.len()];
                        view! { <li class=format!("scenario-series--{c}")><svg width="32" height="10" class="legend-line"><line x1="0" x2="32" y1="5" y2="5" class="line" stroke-dasharray=dash></line></svg>{format!("{mark} {name}")}</li> }
                    }).collect_view()}
                </ul>
            }
        })
    };
    let table = move || {
        data.with(|d| {
            let l = lang();
            let months = d.first().map(|x| x.1.clone()).unwrap_or_default();
            view! {
                <table class="utrecht-table report-table" data-testid=format!("tabel-{}", spec.id)>
                    <caption class="visually-hidden">{i.t(spec.nl, spec.en)}</caption>
                    <thead><tr>
                        <th scope="col">{i.t("Maand", "Month")}</th>
                        {d.iter().map(|(name, ..)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {months.iter().enumerate().map(|(k, m)| view! {
                            <tr>
                                <th scope="row">{month_label(*m, l)}</th>
                                {d.iter().map(|(_, _, band, _)| {
                                    let (lo, mid, hi) = band.get(k).copied().unwrap_or_default();
                                    view! { <td>{format!("{} ({}–{})", number(mid, 0, l), number(lo, 0, l), number(hi, 0, l))}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
    };
    view! {
        <figure class="report-chart scenario-figure" data-testid=format!("grafiek-{}", spec.id)>
            <h3 class="utrecht-heading-3" id=title_id>{move || i.t(spec.nl, spec.en)}</h3>
            <p class="report-chart__summary" id=summary_id data-testid=format!("zin-{}", spec.id)>{summary}</p>
            {svg}
            // The month table is built only while it is open: a slider move redraws the lines,
            // not hundreds of hidden cells.
            <details class="definition" on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
                <summary>{i.tr("Tabel met de cijfers per maand (centraal en band)", "Table of the figures per month (central and band)")}</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || format!("{}: {}", i.t("Tabel", "Table"), i.t(spec.nl, spec.en))>
                    {move || open.get().then(table)}
                </div>
            </details>
        </figure>
    }
}

/// Yearly totals of every column: pick-ups, exits, placements, bought trajectories, cost,
/// saving and net result; the waiting list at the end of the year.
#[component]
pub fn YearTable() -> impl IntoView {
    let i = use_i18n();
    let s = expect_context::<Scenarios>();
    let lang = move || i.lang.get();
    view! {
        <section class="card" aria-labelledby="jaren-kop" data-testid="jaartabel">
            <h2 class="utrecht-heading-2" id="jaren-kop">{i.tr("Per jaar", "Per year")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="jaren-kop">
                <table class="utrecht-table report-table">
                    <thead><tr>
                        <th scope="col">{i.tr("Scenario", "Scenario")}</th>
                        <th scope="col">{i.tr("Jaar", "Year")}</th>
                        <th scope="col">{i.tr("Opgepakt", "Picked up")}</th>
                        <th scope="col">{i.tr("Uitstroom", "Exits")}</th>
                        <th scope="col">{i.tr("Plaatsingen", "Placements")}</th>
                        <th scope="col">{i.tr("Trajecten ingekocht", "Trajectories bought")}</th>
                        <th scope="col">{i.tr("Kosten", "Cost")}</th>
                        <th scope="col">{i.tr("Besparing uitkeringen", "Benefit saving")}</th>
                        <th scope="col">{i.tr("Netto", "Net")}</th>
                        <th scope="col">{i.tr("Wachtlijst 'nu klaar' eind", "Ready now at year end")}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let l = lang();
                            s.columns.get().into_iter().filter_map(|c| c.outcome.map(|o| (c.levers.naam, o))).flat_map(|(name, o)| {
                                yearly(&o.centraal).into_iter().map(move |y| {
                                    let name = name.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{name}</th>
                                            <td>{y.jaar}</td>
                                            <td>{number(y.opgepakt, 0, l)}</td>
                                            <td>{number(y.uitstroom, 0, l)}</td>
                                            <td>{number(y.plaatsingen, 0, l)}</td>
                                            <td>{number(y.trajecten, 0, l)}</td>
                                            <td>{euro(y.kosten, l)}</td>
                                            <td>{euro(y.besparing, l)}</td>
                                            <td>{euro(y.netto(), l)}</td>
                                            <td>{number(y.wacht_nu, 0, l)}</td>
                                        </tr>
                                    }
                                }).collect::<Vec<_>>()
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
