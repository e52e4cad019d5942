//! Performance check in the browser: classify and route 410,000 synthetic residents (the
//! national volume) with the rules compiled to wasm, and show the time. Figures only; the
//! end-to-end benchmark reads them from this page. Also the council report over 2,000 synthetic
//! residents with five years of events.

use crate::browser::today;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use meedoen_domain::batch::{assess_population, Population};
use meedoen_domain::{synth::population, RuleSet, Situation};

const N: usize = 410_000;
const RUNS: usize = 15;

use crate::browser::now_ms;

#[derive(Clone)]
struct Figures {
    prepare_ms: f64,
    best_ms: f64,
    median_ms: f64,
    checksum: u64,
    report_best_ms: f64,
    report_median_ms: f64,
    report_records: usize,
}

fn measure() -> Result<Figures, String> {
    let day = today();
    let rules = RuleSet::embedded().at(day).map_err(|e| e.to_string())?;
    let t = now_ms();
    let sits: Vec<Situation> = population(N, 42, day)
        .iter()
        .filter_map(|r| r.validate().ok())
        .collect();
    let (pop, _) = Population::from_situations(&sits);
    drop(sits);
    let prepare_ms = now_ms() - t;
    let mut runs = Vec::with_capacity(RUNS);
    let mut out = Vec::new();
    for _ in 0..RUNS {
        let t = now_ms();
        assess_population(&rules, &pop, &mut out);
        runs.push(now_ms() - t);
    }
    let checksum = out
        .iter()
        .map(|c| c.step as u64 + c.priority as u64 * 7 + c.wsp as u64 * 13)
        .sum();
    runs.sort_by(f64::total_cmp);
    // The council report over 2,000 residents with 5 years of events.
    let start = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).ok_or("date")?;
    let files = meedoen_domain::synth::report_population(2_000, 7, start, 5);
    let report_records = files.iter().map(|f| f.records.len()).sum();
    let input = meedoen_domain::report::Input {
        files: &files,
        consultants: &[],
        norm: 80,
        start,
        today: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?,
        ambitions: &[],
        rules: RuleSet::embedded(),
        own_team: Some("participatie"),
        partners: &[],
    };
    let period = meedoen_domain::report::Period::year(2025).ok_or("year")?;
    let mut report_runs = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = now_ms();
        let r = meedoen_domain::report::report(&input, period);
        report_runs.push(now_ms() - t);
        std::hint::black_box(r);
    }
    report_runs.sort_by(f64::total_cmp);
    Ok(Figures {
        prepare_ms,
        best_ms: runs[0],
        median_ms: runs[RUNS / 2],
        checksum,
        report_best_ms: report_runs[0],
        report_median_ms: report_runs[RUNS / 2],
        report_records,
    })
}

#[component]
pub fn Performance() -> impl IntoView {
    let i = use_i18n();
    let result = RwSignal::new(None::<Result<Figures, String>>);
    let busy = RwSignal::new(false);
    let run = move |_| {
        busy.set(true);
        // Let the "busy" state paint before the measurement blocks the main thread.
        leptos::task::spawn_local(async move {
            gloo_timers_sleep().await;
            result.set(Some(measure()));
            busy.set(false);
        });
    };
    view! {
        <h1 class="utrecht-heading-1">{i.tr("Prestatie in de browser", "Performance in the browser")}</h1>
        <p class="utrecht-paragraph">{move || i.t(
            "Meet hoe snel deze browser de participatieladder en trajectroutering uitvoert voor 410.000 synthetische inwoners (het landelijke aantal).",
            "Measure how fast this browser runs the participation ladder and trajectory routing for 410,000 synthetic residents (the national number).")}</p>
        <button type="button" class="utrecht-button utrecht-button--primary-action" data-testid="meet" on:click=run disabled=move || busy.get()>
            {move || if busy.get() { i.t("Bezig met meten…", "Measuring…") } else { i.t("Meet", "Measure") }}
        </button>
        <div aria-live="polite">
            {move || result.get().map(|r| match r {
                Err(e) => view! { <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e}</p></div> }.into_any(),
                Ok(f) => view! {
                    <dl class="facts" data-testid="meting">
                        <dt>{i.t("Inwoners", "Residents")}</dt><dd>{N}</dd>
                        <dt>{i.t("Voorbereiden (genereren en controleren)", "Preparing (generate and validate)")}</dt><dd>{format!("{:.0} ms", f.prepare_ms)}</dd>
                        <dt>{i.t("Classificeren en routeren, beste van 15", "Classify and route, best of 15")}</dt><dd data-testid="beste-ms">{format!("{:.1} ms", f.best_ms)}</dd>
                        <dt>{i.t("Mediaan", "Median")}</dt><dd data-testid="mediaan-ms">{format!("{:.1} ms", f.median_ms)}</dd>
                        <dt>{i.t("Controlegetal", "Checksum")}</dt><dd data-testid="controlegetal">{f.checksum}</dd>
                        <dt>{move || format!("{} ({} records)", i.t("Rapportage over 2.000 inwoners, 5 jaar, beste", "Report over 2,000 residents, 5 years, best"), f.report_records)}</dt><dd data-testid="rapport-beste-ms">{format!("{:.1} ms", f.report_best_ms)}</dd>
                        <dt>{i.t("Rapportage, mediaan", "Report, median")}</dt><dd data-testid="rapport-mediaan-ms">{format!("{:.1} ms", f.report_median_ms)}</dd>
                    </dl>
                }.into_any(),
            })}
        </div>
    }
}

/// Yield to the browser once (a zero-delay timeout), so the UI can paint.
async fn gloo_timers_sleep() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
