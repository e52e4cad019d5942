//! Benchmark: classify + route 410,000 synthetic residents (the national volume), facts
//! already in memory, on one core. Prints figures; asserts nothing about time.

use chrono::NaiveDate;
use meedoen_domain::{assess_fast, explain, synth::population, RuleSet, Situation};
use std::hint::black_box;
use std::time::Instant;

const N: usize = 410_000;

fn main() {
    let day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let t = Instant::now();
    let set = RuleSet::embedded();
    let load = t.elapsed();
    let rules = set.at(day).unwrap();
    let t = Instant::now();
    let raw = population(N, 42, day);
    let gen = t.elapsed();
    let t = Instant::now();
    let sits: Vec<Situation> = raw.iter().map(|r| r.validate().unwrap()).collect();
    let validate = t.elapsed();
    drop(raw);

    let mut runs = Vec::new();
    let mut checksum = 0u64;
    for _ in 0..30 {
        let t = Instant::now();
        for s in &sits {
            let c = assess_fast(&rules, black_box(s));
            checksum =
                checksum.wrapping_add(c.step as u64 + c.priority as u64 * 7 + c.wsp as u64 * 13);
        }
        runs.push(t.elapsed().as_secs_f64() * 1e3);
    }
    runs.sort_by(f64::total_cmp);
    let (best, median) = (runs[0], runs[runs.len() / 2]);

    let (pop, left_out) = meedoen_domain::batch::Population::from_situations(&sits);
    assert!(left_out.is_empty());
    let mut out = Vec::new();
    let mut batch_runs = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        meedoen_domain::batch::assess_population(&rules, black_box(&pop), &mut out);
        batch_runs.push(t.elapsed().as_secs_f64() * 1e3);
    }
    batch_runs.sort_by(f64::total_cmp);
    let batch_sum: u64 = out
        .iter()
        .map(|c| c.step as u64 + c.priority as u64 * 7 + c.wsp as u64 * 13)
        .sum();

    // Step and trajectory only: the same work as the OpenFisca peer (../shared/peers).
    let (mut steps, mut trajs) = (Vec::new(), Vec::new());
    let mut st_runs = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        meedoen_domain::batch::classify_population(&rules, black_box(&pop), &mut steps, &mut trajs);
        st_runs.push(t.elapsed().as_secs_f64() * 1e3);
    }
    st_runs.sort_by(f64::total_cmp);
    assert!(out
        .iter()
        .zip(steps.iter().zip(&trajs))
        .all(|(c, (&s, &t))| c.step == s && c.trajectory == t));

    let t = Instant::now();
    let mut lines = 0;
    for s in sits.iter().take(10_000) {
        lines += explain(&rules, black_box(s)).1.punten.len();
    }
    let explain_us = t.elapsed().as_secs_f64() * 1e6 / 10_000.0;

    println!("bench classify+route (native, 1 core): {N} residents");
    println!(
        "  compare passes per chunk: ladder {}, trajectory {}, flow {}",
        rules.ladder.compiled.pass_count(),
        rules.trajectory.compiled.pass_count(),
        rules.flow.compiled.pass_count()
    );
    println!(
        "  rules load + static checks: {:.2} ms",
        load.as_secs_f64() * 1e3
    );
    println!(
        "  generate: {:.0} ms, validate facts: {:.0} ms ({:.0} ns/resident)",
        gen.as_secs_f64() * 1e3,
        validate.as_secs_f64() * 1e3,
        validate.as_secs_f64() * 1e9 / N as f64
    );
    println!("  classify+route, population in columns (batch): best {:.2} ms, median {:.2} ms, {:.1} ns/resident (target < 6 ms)", batch_runs[0], batch_runs[15], batch_runs[0] * 1e6 / N as f64);
    println!("  step+trajectory, population in columns (batch, the peer's work): best {:.2} ms, median {:.2} ms, {:.1} ns/resident", st_runs[0], st_runs[15], st_runs[0] * 1e6 / N as f64);
    println!("  classify+route, one situation at a time: best {best:.2} ms, median {median:.2} ms, {:.1} ns/resident", best * 1e6 / N as f64);
    println!(
        "  population in columns: {} bytes a resident ({:.1} MB; {} as four-byte numbers throughout)",
        pop.bytes_per_resident(),
        (pop.len() * pop.bytes_per_resident()) as f64 / 1e6,
        4 * (meedoen_domain::schema::ladder_in::COUNT + 3)
    );
    println!(
        "  situations in memory: {:.1} MB ({} bytes each)",
        (N * std::mem::size_of::<Situation>()) as f64 / 1e6,
        std::mem::size_of::<Situation>()
    );
    println!("  explanation on demand: {explain_us:.2} µs/resident ({lines} lines for 10,000)");
    println!(
        "  checksum {} (single) = {batch_sum} (batch)",
        checksum / 30
    );

    // The council report over 2,000 residents with 5 years of events (issue 13: < 5 ms).
    let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let files = meedoen_domain::synth::report_population(2_000, 7, start, 5);
    let records: usize = files.iter().map(|f| f.records.len()).sum();
    let consultants: Vec<meedoen_domain::report::Consultant> = (1..=3)
        .map(|id| meedoen_domain::report::Consultant {
            id,
            naam: format!("c{id}"),
            team: "participatie".into(),
        })
        .collect();
    let input = meedoen_domain::report::Input {
        files: &files,
        consultants: &consultants,
        norm: 80,
        start,
        today: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        ambitions: &[],
        rules: set,
        own_team: Some("participatie"),
        partners: &[],
    };
    let period = meedoen_domain::report::Period::year(2025).unwrap();
    let mut report_runs = Vec::new();
    let mut sections = 0;
    for _ in 0..50 {
        let t = Instant::now();
        let r = meedoen_domain::report::report(black_box(&input), period);
        report_runs.push(t.elapsed().as_secs_f64() * 1e3);
        sections += r.secties.len();
    }
    report_runs.sort_by(f64::total_cmp);
    println!(
        "bench report native (2000 residents, {records} records over 5 years, year 2025 with the previous year): best {:.2} ms, median {:.2} ms (target < 5 ms) [{sections}]",
        report_runs[0],
        report_runs[report_runs.len() / 2]
    );

    // A 5-year monthly scenario with its bands, recomputed as after a slider move (issue 14).
    let baseline = meedoen_domain::scenario::Baseline {
        start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        begeleid: 241.0,
        consulenten_fte: 3.0,
        caseload_norm: 80,
        wacht_nu: 140.0,
        wacht_later: 300.0,
        wacht_niet: 400.0,
        instroom: meedoen_domain::scenario::Rate::new(240.0, 12.0),
        instroom_laag: meedoen_domain::scenario::Rate::new(90.0, 240.0),
        later_naar_nu: meedoen_domain::scenario::Rate::new(36.0, 3600.0),
        activering: [meedoen_domain::scenario::Rate::new(10.0, 2892.0); 5],
        overdracht: meedoen_domain::scenario::Rate::new(10.0, 2892.0),
        uitstroom: meedoen_domain::scenario::Rate::new(10.0, 2892.0),
        plaatsing: meedoen_domain::scenario::Rate::new(8.0, 2892.0),
        einde_begeleiding: meedoen_domain::scenario::Rate::new(24.0, 2892.0),
        duurzaam_6: meedoen_domain::scenario::Rate::new(82.0, 100.0),
    };
    let mut levers = meedoen_domain::scenario::Levers::of_baseline(&baseline);
    levers.jaren = 5;
    let mut scenario_runs = Vec::new();
    for n in 0..200 {
        levers.consulenten_fte = vec![3.0 + (n % 20) as f64 * 0.1];
        let t = Instant::now();
        let out = meedoen_domain::scenario::simulate(black_box(&baseline), &levers);
        let s = out.summary();
        scenario_runs.push(t.elapsed().as_secs_f64() * 1e3);
        black_box(s);
    }
    scenario_runs.sort_by(f64::total_cmp);
    println!(
        "bench scenario native (5 years monthly, 3 bands, summary): best {:.3} ms, median {:.3} ms (browser target < 4 ms)",
        scenario_runs[0],
        scenario_runs[scenario_runs.len() / 2]
    );
}
