//! Assessing a situation: the ladder step, the trajectory, the hand-over to the WSP and the
//! waiting-list segment, each with the rows that decided it. The fast path reads the compiled
//! lookups; the traced path walks the rows, copes with unknown facts and yields the explanation.
//! Both give the same result (a test checks it on every case and a large synthetic population).

use crate::facts::{flow_fact_field, ladder_fact_field, Situation};
use crate::rules::{Loaded, Rules, Versions};
use crate::schema::{flow_in, Column, Kind, SEGMENT_VALUES, STEP_NAMES, TRAJECTORY_VALUES};
use crate::table::{Cond, HitPolicy};
use crate::text::{Lang, Text};
use serde::Serialize;

/// The result of the fast path for a complete situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compact {
    pub step: u8,
    /// Index into [`TRAJECTORY_VALUES`].
    pub trajectory: u8,
    pub wsp: bool,
    /// Index into [`SEGMENT_VALUES`].
    pub segment: u8,
    pub priority: u8,
}

/// Classify and route a complete situation (see [`Situation::is_complete`]).
#[inline]
pub fn assess_fast(rules: &Rules<'_>, s: &Situation) -> Compact {
    let l = rules.ladder;
    let step = l.table.rows[l.compiled.decide(&s.ladder)].outputs[0];
    let t = rules.trajectory;
    let trajectory = t.table.rows[t.compiled.decide(&[step])].outputs[0];
    let f = rules.flow;
    let x = [
        step,
        s.months_in_assistance,
        s.readiness,
        s.growth_potential - step,
    ];
    let o = &f.table.rows[f.compiled.decide(&x)].outputs;
    Compact {
        step: step as u8,
        trajectory: trajectory as u8,
        wsp: o[0] != 0.0,
        segment: o[1] as u8,
        priority: o[2] as u8,
    }
}

/// How one row fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "uitslag", content = "kolommen")]
pub enum RowEval {
    Holds,
    /// Fails on these input columns (schema indexes, file order).
    Fails(Vec<usize>),
    /// Could hold, but these input columns are unknown.
    Unknown(Vec<usize>),
}

/// The walk through one table.
#[derive(Debug, Clone)]
pub struct Trace {
    pub rows: Vec<RowEval>,
    /// The deciding row, or the unknown input columns that keep it open.
    pub decided: Result<usize, Vec<usize>>,
}

/// Walk a table's rows for (possibly partly unknown) inputs.
pub fn trace(loaded: &Loaded, x: &[Option<f32>]) -> Trace {
    let table = &loaded.table;
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut fails = Vec::new();
        let mut unknown = Vec::new();
        for &c in &table.columns {
            if row.conds[c] == Cond::Any {
                continue;
            }
            match x[c] {
                None => unknown.push(c),
                Some(v) if !row.conds[c].holds(v) => fails.push(c),
                Some(_) => {}
            }
        }
        rows.push(if !fails.is_empty() {
            RowEval::Fails(fails)
        } else if !unknown.is_empty() {
            RowEval::Unknown(unknown)
        } else {
            RowEval::Holds
        });
    }
    let holding = rows.iter().position(|r| *r == RowEval::Holds);
    let mut open: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if let RowEval::Unknown(cols) = r {
            let before = holding.is_none_or(|h| i < h || table.hit_policy == HitPolicy::Unique);
            let differs = holding.is_none_or(|h| table.rows[h].outputs != table.rows[i].outputs);
            if before && differs {
                for c in cols {
                    if !open.contains(c) {
                        open.push(*c);
                    }
                }
            }
        }
    }
    let decided = match holding {
        Some(h) if open.is_empty() => Ok(h),
        _ => {
            open.sort_unstable();
            Err(open)
        }
    };
    Trace { rows, decided }
}

/// A fact that must be known before the rules can decide.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    /// The raw fact field to fill in.
    pub veld: &'static str,
    pub label: Text,
}

/// Whether every part of the outcome could be decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Volledig,
    Onvolledig,
}

/// The suggestion for one situation. Parts that depend on missing facts are `None`, and the
/// facts to fill in are listed in `ontbreekt` ("not enough information", never a guess).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub status: Status,
    pub trede: Option<u8>,
    pub traject: Option<&'static str>,
    pub wsp: Option<bool>,
    pub segment: Option<&'static str>,
    pub prioriteit: Option<u8>,
    pub regels: Versions,
    pub ontbreekt: Vec<Missing>,
}

impl Outcome {
    fn from_compact(c: Compact, regels: Versions) -> Outcome {
        Outcome {
            status: Status::Volledig,
            trede: Some(c.step),
            traject: Some(TRAJECTORY_VALUES[c.trajectory as usize].code),
            wsp: Some(c.wsp),
            segment: Some(SEGMENT_VALUES[c.segment as usize].code),
            prioriteit: Some(c.priority),
            regels,
            ontbreekt: vec![],
        }
    }
}

/// The three traces of one assessment.
#[derive(Debug, Clone)]
pub struct Traces {
    pub ladder: Trace,
    pub trajectory: Option<Trace>,
    pub flow: Option<Trace>,
}

/// Assess a situation through the traced path (handles unknown facts).
pub fn assess_traced(rules: &Rules<'_>, s: &Situation) -> (Outcome, Traces) {
    let lx: Vec<Option<f32>> = (0..s.ladder.len()).map(|i| s.ladder_value(i)).collect();
    let ladder = trace(rules.ladder, &lx);
    let mut missing: Vec<Missing> = Vec::new();
    let mut add = |veld: &'static str, col: &Column| {
        if !missing.iter().any(|m| m.veld == veld) {
            missing.push(Missing {
                veld,
                label: col.label.clone(),
            });
        }
    };
    let step = match &ladder.decided {
        Ok(r) => Some(rules.ladder.table.rows[*r].outputs[0] as u8),
        Err(cols) => {
            for &c in cols {
                add(ladder_fact_field(c), &rules.ladder.table.schema.inputs[c]);
            }
            None
        }
    };
    let mut out = Outcome {
        status: Status::Volledig,
        trede: step,
        traject: None,
        wsp: None,
        segment: None,
        prioriteit: None,
        regels: rules.versions(),
        ontbreekt: vec![],
    };
    let mut tt = None;
    if let Some(step) = step {
        let t = trace(rules.trajectory, &[Some(step as f32)]);
        if let Ok(r) = t.decided {
            out.traject =
                Some(TRAJECTORY_VALUES[rules.trajectory.table.rows[r].outputs[0] as usize].code);
        }
        tt = Some(t);
    }
    let fx = s.flow_values(step);
    let f = trace(rules.flow, &fx);
    match &f.decided {
        Ok(r) => {
            let o = &rules.flow.table.rows[*r].outputs;
            out.wsp = Some(o[0] != 0.0);
            out.segment = Some(SEGMENT_VALUES[o[1] as usize].code);
            out.prioriteit = Some(o[2] as u8);
        }
        Err(cols) => {
            for &c in cols {
                if c != flow_in::STEP {
                    add(flow_fact_field(c), &rules.flow.table.schema.inputs[c]);
                }
            }
        }
    }
    let ft = Some(f);
    out.ontbreekt = missing;
    if out.trede.is_none() || out.traject.is_none() || out.wsp.is_none() {
        out.status = Status::Onvolledig;
    }
    (
        out,
        Traces {
            ladder,
            trajectory: tt,
            flow: ft,
        },
    )
}

/// Assess a situation: the fast path when every fact is known, the traced path otherwise.
pub fn assess(rules: &Rules<'_>, s: &Situation) -> Outcome {
    if s.is_complete() {
        Outcome::from_compact(assess_fast(rules, s), rules.versions())
    } else {
        assess_traced(rules, s).0
    }
}

/// One line of an explanation, ready to be read aloud.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// Stable code for tests and screen readers' landmarks: `trede6`, `traject`, `doorstroom`.
    pub code: String,
    /// For ladder steps: did this step's criteria hold?
    pub voldaan: Option<bool>,
    /// The rows that decided or failed, by id.
    pub rijen: Vec<String>,
    pub tekst: Text,
}

/// The explanation of an assessment, from step 6 down to the step that holds, then the route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub punten: Vec<Point>,
}

impl Explanation {
    /// The lines in one language.
    pub fn lines(&self, lang: Lang) -> Vec<&str> {
        self.punten.iter().map(|p| p.tekst.get(lang)).collect()
    }

    /// Atomic facts of the explanation, for case files: `trede6:niet:betaald_werk`,
    /// `trede5:wel:T5-lks`, `traject:TR-zorg`, `doorstroom:D2`, `ontbreekt:gereedheid`.
    pub fn summary(&self) -> Vec<String> {
        let mut atoms = Vec::new();
        for p in &self.punten {
            for r in &p.rijen {
                let atom = match p.voldaan {
                    Some(true) => format!("{}:wel:{r}", p.code),
                    Some(false) => format!(
                        "{}:niet:{}",
                        p.code,
                        r.split_once(':').map_or(r.as_str(), |x| x.1)
                    ),
                    None if p.code.starts_with("trede") => format!("{}:onbekend", p.code),
                    None => format!("{}:{r}", p.code),
                };
                if !atoms.contains(&atom) {
                    atoms.push(atom);
                }
            }
        }
        atoms
    }
}

/// A table's number in a condition: "1", "1,5" (`plain` writes a whole number without a point).
fn fmt_num(v: f32) -> String {
    crate::number::plain(f64::from(v), 4).replace('.', ",")
}

/// Plain words for a condition: "minstens 1", "at least 1".
pub fn cond_words(col: &Column, c: &Cond) -> Text {
    match *c {
        Cond::Any => Text::new("maakt niet uit", "any"),
        Cond::Set(mask) => {
            let Kind::Enum(values) = col.kind else {
                return Text::new("?", "?");
            };
            let chosen: Vec<_> = values
                .iter()
                .enumerate()
                .filter(|(i, _)| mask >> i & 1 == 1)
                .map(|(_, v)| &v.label)
                .collect();
            Text::new(
                chosen
                    .iter()
                    .map(|t| t.nl.as_ref())
                    .collect::<Vec<_>>()
                    .join(" of "),
                chosen
                    .iter()
                    .map(|t| t.en.as_ref())
                    .collect::<Vec<_>>()
                    .join(" or "),
            )
        }
        Cond::Range {
            lo,
            lo_incl,
            hi,
            hi_incl,
        } => {
            let (l, h) = (fmt_num(lo), fmt_num(hi));
            match (lo.is_finite(), hi.is_finite()) {
                (true, false) if lo_incl => {
                    Text::new(format!("minstens {l}"), format!("at least {l}"))
                }
                (true, false) => Text::new(format!("meer dan {l}"), format!("more than {l}")),
                (false, true) if hi_incl => {
                    Text::new(format!("hoogstens {h}"), format!("at most {h}"))
                }
                (false, true) => Text::new(format!("minder dan {h}"), format!("less than {h}")),
                _ if lo == hi => Text::new(format!("precies {l}"), format!("exactly {l}")),
                _ => Text::new(
                    format!("van {l} tot en met {h}"),
                    format!("from {l} to {h}"),
                ),
            }
        }
    }
}

/// Why a condition failed, in words: the actual value, and what was needed when not obvious.
fn reason(col: &Column, actual: f32, cond: &Cond) -> Text {
    match col.kind {
        Kind::Enum(values) if values.len() == 2 => values[actual as usize].label.clone(),
        Kind::Enum(values) => {
            let need = cond_words(col, cond);
            let v = &values[actual as usize].label;
            Text::new(
                format!("{} (nodig: {})", v.nl, need.nl),
                format!("{} (needed: {})", v.en, need.en),
            )
        }
        _ => {
            let need = cond_words(col, cond);
            let a = fmt_num(actual);
            Text::new(
                format!("{}: {a} {} (nodig: {})", col.label.nl, col.unit.nl, need.nl),
                format!(
                    "{}: {a} {} (needed: {})",
                    col.label.en, col.unit.en, need.en
                ),
            )
        }
    }
}

/// Explain an assessment in words: for each step from 6 down, the criterion that held or
/// failed; then the trajectory and the hand-over/waiting-list decision.
pub fn explain(rules: &Rules<'_>, s: &Situation) -> (Outcome, Explanation) {
    let (outcome, traces) = assess_traced(rules, s);
    let lt = &rules.ladder.table;
    let lx: Vec<Option<f32>> = (0..s.ladder.len()).map(|i| s.ladder_value(i)).collect();
    let mut punten = Vec::new();
    let lowest = outcome.trede.unwrap_or(1);
    for step in (lowest..=6).rev() {
        let name = &STEP_NAMES[step as usize - 1];
        let rows: Vec<usize> = (0..lt.rows.len())
            .filter(|&r| lt.rows[r].outputs[0] as u8 == step)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let decided_here =
            matches!(traces.ladder.decided, Ok(r) if lt.rows[r].outputs[0] as u8 == step);
        if decided_here {
            let r = *traces.ladder.decided.as_ref().ok().unwrap_or(&0);
            let row = &lt.rows[r];
            punten.push(Point {
                code: format!("trede{step}"),
                voldaan: Some(true),
                rijen: vec![row.id.clone()],
                tekst: Text::new(
                    format!("Trede {step} – {}: ja. {}", name.nl, row.text.nl),
                    format!("Step {step} – {}: yes. {}", name.en, row.text.en),
                ),
            });
            break;
        }
        // Collect distinct reasons over this step's rows.
        let mut ids = Vec::new();
        let mut why_nl: Vec<String> = Vec::new();
        let mut why_en: Vec<String> = Vec::new();
        let mut unknown = false;
        for &r in &rows {
            match &traces.ladder.rows[r] {
                RowEval::Fails(cols) => {
                    let c = cols[0];
                    let t = reason(
                        &lt.schema.inputs[c],
                        lx[c].unwrap_or(0.0),
                        &lt.rows[r].conds[c],
                    );
                    ids.push(format!("{}:{}", lt.rows[r].id, lt.schema.inputs[c].name));
                    if !why_nl.iter().any(|w| *w == t.nl) {
                        why_nl.push(t.nl.into_owned());
                        why_en.push(t.en.into_owned());
                    }
                }
                RowEval::Unknown(_) => unknown = true,
                RowEval::Holds => {}
            }
        }
        if unknown && outcome.trede.is_none() {
            punten.push(Point {
                code: format!("trede{step}"),
                voldaan: None,
                rijen: ids,
                tekst: Text::new(
                    format!(
                        "Trede {step} – {}: nog niet te beoordelen, er ontbreken gegevens.",
                        name.nl
                    ),
                    format!(
                        "Step {step} – {}: cannot be judged yet, facts are missing.",
                        name.en
                    ),
                ),
            });
            continue;
        }
        punten.push(Point {
            code: format!("trede{step}"),
            voldaan: Some(false),
            rijen: ids,
            tekst: Text::new(
                format!(
                    "Trede {step} – {}: nee. {}.",
                    name.nl,
                    crate::text::upper_first(&why_nl.join("; "))
                ),
                format!(
                    "Step {step} – {}: no. {}.",
                    name.en,
                    crate::text::upper_first(&why_en.join("; "))
                ),
            ),
        });
    }
    for (code, loaded, tr, nl, en) in [
        (
            "traject",
            rules.trajectory,
            &traces.trajectory,
            "Traject",
            "Trajectory",
        ),
        (
            "doorstroom",
            rules.flow,
            &traces.flow,
            "Doorstroom",
            "Next step",
        ),
    ] {
        if let Some(Trace { decided: Ok(r), .. }) = tr {
            let row = &loaded.table.rows[*r];
            punten.push(Point {
                code: code.into(),
                voldaan: None,
                rijen: vec![row.id.clone()],
                tekst: Text::new(
                    format!("{nl}: {}", row.text.nl),
                    format!("{en}: {}", row.text.en),
                ),
            });
        }
    }
    if !outcome.ontbreekt.is_empty() {
        let nl: Vec<&str> = outcome
            .ontbreekt
            .iter()
            .map(|m| m.label.nl.as_ref())
            .collect();
        let en: Vec<&str> = outcome
            .ontbreekt
            .iter()
            .map(|m| m.label.en.as_ref())
            .collect();
        punten.push(Point {
            code: "ontbreekt".into(),
            voldaan: None,
            rijen: outcome
                .ontbreekt
                .iter()
                .map(|m| m.veld.to_string())
                .collect(),
            tekst: Text::new(
                format!("Niet genoeg informatie. Vul nog in: {}.", nl.join(", ")),
                format!(
                    "Not enough information. Still to fill in: {}.",
                    en.join(", ")
                ),
            ),
        });
    }
    (outcome, Explanation { punten })
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn a_tables_numbers_are_written_as_in_dutch() {
        for (v, text) in [
            (1.0, "1"),
            (40.0, "40"),
            (0.0, "0"),
            (1.5, "1,5"),
            (0.25, "0,25"),
            (-2.0, "-2"),
        ] {
            assert_eq!(fmt_num(v), text, "{v}");
        }
    }
}
