//! `meedoen-cli`: the rules on the command line. Streams JSON lines (or CSV) of situations
//! through the same domain crate the browser and server use, and prints results as JSON lines;
//! previews the impact of switching rule versions; generates synthetic populations.
//! Formats: `docs/batch.md`.

mod input;

use chrono::NaiveDate;
use meedoen_domain::impact::impact;
use meedoen_domain::{explain, Lang, RuleSet, Rules, Situation};
use serde_json::{json, Value};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "meedoen-cli — participatieladder en trajectroutering in batch

Gebruik:
  meedoen-cli classificeer [BESTAND|-] [--formaat jsonl|csv] [--regels-op DATUM] [--regels tabel=versie,...] [--taal nl|en] [--zonder-uitleg]
  meedoen-cli impact [BESTAND|-] --van SELECTIE --naar SELECTIE [--formaat jsonl|csv] [--lijst]
  meedoen-cli genereer --aantal N [--zaad S] [--peildatum DATUM] [--formaat jsonl|csv]
  meedoen-cli regels

SELECTIE is een datum (de versies die dan gelden) of tabel=versie,... (bijv. ladder=2022-09).
Zonder --regels-op gelden per situatie de regels op haar eigen peildatum.
Engelse namen werken ook: classify, impact, generate, rules.
--help toont dit overzicht, --version de versie. Een onbekende optie is een fout.

Afsluitcodes: 0 klaar (ook als regels in de invoer fouten hadden: die staan per regel in de
uitvoer); 2 de opdrachtregel of de invoer als geheel klopt niet (onbekend commando of optie,
ongeldige waarde, bestand niet te lezen).
";

struct Args {
    positional: Vec<String>,
    flags: Vec<(String, Option<String>)>,
}

impl Args {
    fn parse(raw: Vec<String>) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut flags = Vec::new();
        let mut it = raw.into_iter().peekable();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                let takes_value =
                    !matches!(name, "lijst" | "zonder-uitleg" | "list" | "no-explanation");
                let value = if takes_value {
                    Some(it.next().ok_or(format!("--{name} verwacht een waarde"))?)
                } else {
                    None
                };
                flags.push((name.to_string(), value));
            } else {
                positional.push(a);
            }
        }
        Ok(Args { positional, flags })
    }
    fn get(&self, names: &[&str]) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| names.contains(&n.as_str()))
            .and_then(|(_, v)| v.as_deref())
    }
    fn has(&self, names: &[&str]) -> bool {
        self.flags.iter().any(|(n, _)| names.contains(&n.as_str()))
    }
    fn check_known(&self, known: &[&str]) -> Result<(), String> {
        match self
            .flags
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            Some((n, _)) => Err(format!("onbekende optie --{n}")),
            None => Ok(()),
        }
    }
}

fn parse_date(s: &str, what: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{what}: '{s}' is geen datum (JJJJ-MM-DD)"))
}

/// A rule selection: a date, or pinned versions (`ladder=2022-09,...`).
enum Selection {
    Date(NaiveDate),
    Pins(Vec<(String, String)>),
}

fn parse_selection(s: &str, what: &str) -> Result<Selection, String> {
    if s.contains('=') {
        s.split(',')
            .map(|p| {
                p.split_once('=')
                    .map(|(t, v)| (t.trim().to_string(), v.trim().to_string()))
                    .ok_or(format!("{what}: '{p}' is geen tabel=versie"))
            })
            .collect::<Result<_, _>>()
            .map(Selection::Pins)
    } else {
        parse_date(s, what).map(Selection::Date)
    }
}

fn select<'a>(
    set: &'a RuleSet,
    sel: &Option<Selection>,
    measured_on: NaiveDate,
) -> Result<Rules<'a>, String> {
    match sel {
        None => set.at(measured_on),
        Some(Selection::Date(d)) => set.at(*d),
        Some(Selection::Pins(p)) => set.pinned(measured_on, p),
    }
    .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let mut raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.len() == 1 && (raw[0] == "--version" || raw[0] == "-V") {
        println!("meedoen-cli {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    if raw.is_empty() || raw.iter().any(|a| a == "--help" || a == "-h") {
        print!("{USAGE}");
        return if raw.is_empty() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let command = raw.remove(0);
    let result = Args::parse(raw).and_then(|args| match command.as_str() {
        "classificeer" | "classify" => classify(&args),
        "impact" => run_impact(&args),
        "genereer" | "generate" => generate(&args),
        "regels" | "rules" => list_rules(),
        other => Err(format!("onbekend commando '{other}'\n\n{USAGE}")),
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fout: {e}");
            ExitCode::from(2)
        }
    }
}

fn open_input(args: &Args) -> Result<input::Reader, String> {
    let path = args.positional.first().map(String::as_str).unwrap_or("-");
    let format = match args.get(&["formaat", "format"]) {
        Some(f) => f.to_string(),
        None if path.ends_with(".csv") => "csv".into(),
        None => "jsonl".into(),
    };
    input::Reader::open(path, &format)
}

fn classify(args: &Args) -> Result<ExitCode, String> {
    args.check_known(&[
        "formaat",
        "format",
        "regels-op",
        "rules-on",
        "regels",
        "rules",
        "taal",
        "lang",
        "zonder-uitleg",
        "no-explanation",
    ])?;
    let sel = match (
        args.get(&["regels-op", "rules-on"]),
        args.get(&["regels", "rules"]),
    ) {
        (Some(_), Some(_)) => return Err("kies --regels-op of --regels, niet allebei".into()),
        (Some(d), None) => Some(parse_selection(d, "--regels-op")?),
        (None, Some(p)) => Some(parse_selection(p, "--regels")?),
        (None, None) => None,
    };
    let lang = match args.get(&["taal", "lang"]).unwrap_or("nl") {
        "nl" => Lang::Nl,
        "en" => Lang::En,
        other => return Err(format!("--taal: '{other}' (kies nl of en)")),
    };
    let with_explanation = !args.has(&["zonder-uitleg", "no-explanation"]);
    let set = RuleSet::embedded();
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let (mut ok, mut bad) = (0usize, 0usize);
    for record in open_input(args)? {
        let record = record?;
        let mut line = json!({ "regel": record.line });
        if let Some(id) = &record.id {
            line["id"] = id.clone();
        }
        match record.facts.and_then(|f| {
            f.validate().map_err(|errors| {
                errors
                    .iter()
                    .map(|e| json!({"veld": e.field, "melding": e.message}))
                    .collect()
            })
        }) {
            Err(errors) => {
                bad += 1;
                line["fouten"] = Value::Array(errors);
            }
            Ok(s) => {
                ok += 1;
                let rules = select(set, &sel, s.measured_on)?;
                let (outcome, explanation) = explain(&rules, &s);
                let Value::Object(map) =
                    serde_json::to_value(&outcome).map_err(|e| e.to_string())?
                else {
                    unreachable!()
                };
                for (k, v) in map {
                    line[k] = v;
                }
                if with_explanation {
                    line["uitleg"] = json!(explanation.lines(lang));
                }
            }
        }
        serde_json::to_writer(&mut out, &line).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!("{ok} situaties beoordeeld, {bad} met fouten");
    Ok(ExitCode::SUCCESS)
}

fn run_impact(args: &Args) -> Result<ExitCode, String> {
    args.check_known(&[
        "formaat", "format", "van", "from", "naar", "to", "lijst", "list",
    ])?;
    let from = parse_selection(
        args.get(&["van", "from"]).ok_or("--van ontbreekt")?,
        "--van",
    )?;
    let to = parse_selection(
        args.get(&["naar", "to"]).ok_or("--naar ontbreekt")?,
        "--naar",
    )?;
    let mut sits: Vec<Situation> = Vec::new();
    let mut ids: Vec<Value> = Vec::new();
    let mut bad = 0usize;
    for record in open_input(args)? {
        let record = record?;
        match record.facts.ok().and_then(|f| f.validate().ok()) {
            Some(s) => {
                sits.push(s);
                ids.push(record.id.unwrap_or(json!(record.line)));
            }
            None => bad += 1,
        }
    }
    let Some(first) = sits.first() else {
        return Err("geen geldige situaties in de invoer".into());
    };
    // One selection per side; dates in the selection decide; pins apply on the first date.
    let set = RuleSet::embedded();
    let a = select(set, &Some(from), first.measured_on)?;
    let b = select(set, &Some(to), first.measured_on)?;
    let report = impact(&sits, &a, &b);
    let mut v = serde_json::to_value(&report).map_err(|e| e.to_string())?;
    v["met_fouten"] = json!(bad);
    if args.has(&["lijst", "list"]) {
        for (c, out) in report
            .wijzigingen
            .iter()
            .zip(v["wijzigingen"].as_array_mut().into_iter().flatten())
        {
            out["id"] = ids[c.index].clone();
        }
    } else {
        v.as_object_mut().map(|o| o.remove("wijzigingen"));
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
    );
    eprintln!(
        "{} van {} inwoners wisselen van trede, {} van traject ({} → {})",
        report.trede_gewijzigd, report.totaal, report.traject_gewijzigd, report.van, report.naar
    );
    Ok(ExitCode::SUCCESS)
}

fn generate(args: &Args) -> Result<ExitCode, String> {
    args.check_known(&[
        "aantal",
        "count",
        "zaad",
        "seed",
        "peildatum",
        "date",
        "formaat",
        "format",
    ])?;
    let n: usize = args
        .get(&["aantal", "count"])
        .ok_or("--aantal ontbreekt")?
        .parse()
        .map_err(|_| "--aantal: geen heel getal")?;
    let seed: u64 = args
        .get(&["zaad", "seed"])
        .unwrap_or("1")
        .parse()
        .map_err(|_| "--zaad: geen heel getal")?;
    let day = parse_date(
        args.get(&["peildatum", "date"]).unwrap_or("2025-06-01"),
        "--peildatum",
    )?;
    let csv = matches!(args.get(&["formaat", "format"]), Some("csv"));
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let pop = meedoen_domain::synth::population(n, seed, day);
    if csv {
        input::write_csv(&mut out, &pop)?;
    } else {
        for (i, f) in pop.iter().enumerate() {
            let mut v = serde_json::to_value(f).map_err(|e| e.to_string())?;
            v["id"] = json!(format!("syn-{}", i + 1));
            serde_json::to_writer(&mut out, &v).map_err(|e| e.to_string())?;
            out.write_all(b"\n").map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

fn list_rules() -> Result<ExitCode, String> {
    let set = RuleSet::embedded();
    for kind in &set.tables {
        for l in kind {
            println!(
                "{:<10} {:<8} geldig vanaf {}  {} rijen, hitbeleid {:?}  ({})",
                l.table.schema.table,
                l.table.version,
                l.table.valid_from,
                l.table.rows.len(),
                l.table.hit_policy,
                l.table.file
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
