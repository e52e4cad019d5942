//! What-if budget scenarios (issue 14): a monthly simulation over 1–5 years of the
//! participation approach on aggregates only — the guided caseload, the waiting list per
//! segment, inflow, pick-ups within capacity, activations, hand-overs, exits, placements,
//! benefit months saved, costs and the net result — with low/central/high bands from the
//! uncertainty of the observed rates, and goal seeking. Pure: the baseline is an argument (the
//! server computes it from registered data); the same code runs in the browser and natively.
//! The model and its assumptions: `docs/scenarios.md`.

pub mod compare;
pub mod file;

use crate::number::plain;
use crate::records::FieldError;
use crate::text::Text;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// An observed monthly rate: `events` over `exposure` (resident-months, or months for inflow).
/// Its uncertainty follows from the count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub events: f64,
    pub exposure: f64,
}

impl Rate {
    pub fn new(events: f64, exposure: f64) -> Rate {
        Rate { events, exposure }
    }

    /// The central estimate per unit of exposure.
    pub fn central(&self) -> f64 {
        if self.exposure > 0.0 {
            self.events / self.exposure
        } else {
            0.0
        }
    }

    /// A 90% interval for a Poisson count (Wilson–Hilferty style approximation on the count,
    /// z = 1.645), divided by the exposure: low, central, high. Fewer events, wider interval.
    pub fn band(&self) -> (f64, f64, f64) {
        if self.exposure <= 0.0 {
            return (0.0, 0.0, 0.0);
        }
        let k = self.events.max(0.0);
        let z = 1.645;
        let low = if k == 0.0 {
            0.0
        } else {
            k * (1.0 - 1.0 / (9.0 * k) - z / (3.0 * k.sqrt())).powi(3)
        };
        let k1 = k + 1.0;
        let high = k1 * (1.0 - 1.0 / (9.0 * k1) + z / (3.0 * k1.sqrt())).powi(3);
        (
            low.max(0.0) / self.exposure,
            k / self.exposure,
            high / self.exposure,
        )
    }
}

/// The starting point, from the municipality's registered data (aggregates only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The first month simulated.
    #[serde(deserialize_with = "crate::day::de")]
    pub start: NaiveDate,
    /// Residents guided now (with a consultant).
    pub begeleid: f64,
    /// Consultants (FTE) now.
    pub consulenten_fte: f64,
    pub caseload_norm: u32,
    /// Waiting list: ready now, ready later, not in the short term.
    pub wacht_nu: f64,
    pub wacht_later: f64,
    pub wacht_niet: f64,
    /// New residents on assistance per month (exposure in months).
    pub instroom: Rate,
    /// Of the inflow, the share at steps 1–2 (events of exposure).
    pub instroom_laag: Rate,
    /// Per waiting resident-month: "ready later" becomes "ready now".
    pub later_naar_nu: Rate,
    /// Per guided resident-month.
    pub activering: [Rate; 5],
    pub overdracht: Rate,
    pub uitstroom: Rate,
    pub plaatsing: Rate,
    pub einde_begeleiding: Rate,
    /// Of placements: still in work without assistance after 6 months (events of exposure).
    pub duurzaam_6: Rate,
}

/// The levers of a scenario (parameters only; what is saved and shared).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levers {
    pub naam: String,
    /// Years simulated, 1–5.
    pub jaren: u32,
    /// Consultants (FTE) per calendar year, from the year of the first simulated month (the last
    /// applies to later years).
    pub consulenten_fte: Vec<f64>,
    /// Cost of one FTE per year (euro).
    pub kosten_per_fte: f64,
    pub caseload_norm: u32,
    /// Share of a consultant's time spent on first intakes rather than guidance (0–0.9).
    pub aandeel_intake: f64,
    /// New inflow at steps 1–2 is picked up first (the flow table's priority).
    pub voorrang_nieuw: bool,
    /// Budget for bought trajectories per year (euro), and the cost of one.
    pub budget_trajecten: f64,
    pub kosten_per_traject: f64,
    /// Benefit per person per month and administration cost per benefit per year (euro).
    pub uitkering_per_maand: f64,
    pub uitvoering_per_jaar: f64,
}

impl Levers {
    /// Today's situation as a scenario (the defaults of docs/scenarios.md for money).
    pub fn of_baseline(b: &Baseline) -> Levers {
        Levers {
            naam: "Huidig beleid".into(),
            jaren: 3,
            consulenten_fte: vec![b.consulenten_fte],
            kosten_per_fte: 85_000.0,
            caseload_norm: b.caseload_norm,
            aandeel_intake: 0.0,
            voorrang_nieuw: true,
            budget_trajecten: 60_000.0,
            kosten_per_traject: 3_000.0,
            uitkering_per_maand: 14_000.0 / 12.0,
            uitvoering_per_jaar: 2_883.0,
        }
    }

    /// Check the levers; every problem names its field, in Dutch and English.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = vec![];
        let mut bad = |field: &str, nl: String, en: String| {
            e.push(FieldError {
                field: field.into(),
                message: Text::new(nl, en),
            })
        };
        if !(1..=5).contains(&self.jaren) {
            bad(
                "jaren",
                format!("Kies 1 tot en met 5 jaar (nu {}).", self.jaren),
                format!("Choose 1 to 5 years (now {}).", self.jaren),
            );
        }
        if self.consulenten_fte.is_empty() || self.consulenten_fte.len() > 5 {
            bad(
                "consulenten_fte",
                "Geef voor 1 tot en met 5 jaren het aantal consulenten (fte).".into(),
                "Give the consultants (FTE) for 1 to 5 years.".into(),
            );
        }
        for (n, f) in self.consulenten_fte.iter().enumerate() {
            if !f.is_finite() || *f < 0.0 || *f > 200.0 {
                bad(
                    &format!("consulenten_fte[{n}]"),
                    "Het aantal consulenten is een getal van 0 tot en met 200 fte.".into(),
                    "The number of consultants is a number from 0 to 200 FTE.".into(),
                );
            }
        }
        if !(1..=500).contains(&self.caseload_norm) {
            bad(
                "caseload_norm",
                format!(
                    "De caseloadnorm is 1 tot en met 500 inwoners per consulent (nu {}).",
                    self.caseload_norm
                ),
                format!(
                    "The caseload norm is 1 to 500 residents per consultant (now {}).",
                    self.caseload_norm
                ),
            );
        }
        if !(0.0..=0.9).contains(&self.aandeel_intake) {
            bad(
                "aandeel_intake",
                "Het aandeel tijd voor intakes ligt tussen 0 en 0,9.".into(),
                "The share of time for intakes lies between 0 and 0.9.".into(),
            );
        }
        for (field, v, max) in [
            ("kosten_per_fte", self.kosten_per_fte, 1e6),
            ("budget_trajecten", self.budget_trajecten, 1e8),
            ("kosten_per_traject", self.kosten_per_traject, 1e6),
            ("uitkering_per_maand", self.uitkering_per_maand, 1e5),
            ("uitvoering_per_jaar", self.uitvoering_per_jaar, 1e6),
        ] {
            if !v.is_finite() || v < 0.0 || v > max {
                bad(
                    field,
                    format!("Vul een bedrag in van 0 tot en met {} euro.", plain(max, 0)),
                    format!("Enter an amount from 0 to {} euro.", plain(max, 0)),
                );
            }
        }
        let visible = self
            .naam
            .chars()
            .any(|c| !c.is_whitespace() && !crate::records::invisible(c));
        if !visible
            || self.naam.chars().count() > 80
            || self
                .naam
                .chars()
                .any(|c| c.is_control() || crate::records::bidi_control(c))
        {
            bad(
                "naam",
                "Geef het scenario een naam van 1 tot 80 zichtbare tekens, zonder stuurtekens.".into(),
                "Give the scenario a name of 1 to 80 visible characters, without control characters.".into(),
            );
        }
        if e.is_empty() {
            Ok(())
        } else {
            Err(e)
        }
    }

    /// Consultants (FTE) in calendar year `year` of the simulation (0 is the year of its first
    /// month; the last given applies to later years).
    pub fn fte_in_year(&self, year: u32) -> f64 {
        self.consulenten_fte
            .get(year as usize)
            .or(self.consulenten_fte.last())
            .copied()
            .unwrap_or(0.0)
    }

    /// Set the consultants of simulated year `year` (0–4), keeping earlier years and carrying
    /// the last value forward where the list was shorter.
    pub fn set_fte(&mut self, year: u32, value: f64) {
        let y = year.min(4) as usize;
        let last = self.consulenten_fte.last().copied().unwrap_or(0.0);
        while self.consulenten_fte.len() <= y {
            self.consulenten_fte.push(last);
        }
        self.consulenten_fte[y] = value;
    }
}

/// Which side of the rates' intervals a run takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Laag,
    Centraal,
    Hoog,
}

/// One simulated month (stocks at the end of the month, flows during it).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Month {
    #[serde(deserialize_with = "crate::day::de")]
    pub maand: NaiveDate,
    pub begeleid: f64,
    pub wacht_nu: f64,
    pub wacht_later: f64,
    pub wacht_niet: f64,
    pub instroom: f64,
    pub opgepakt: f64,
    pub activeringen: [f64; 5],
    pub trajecten_ingekocht: f64,
    pub overdrachten: f64,
    pub uitstroom: f64,
    pub plaatsingen: f64,
    pub einde_begeleiding: f64,
    /// Benefit months saved this month (exits so far that stayed out of assistance).
    pub uitkeringsmaanden_bespaard: f64,
    pub besparing: f64,
    pub kosten: f64,
}

/// A scenario's result: every month, per band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub laag: Vec<Month>,
    pub centraal: Vec<Month>,
    pub hoog: Vec<Month>,
}

/// The four big numbers of a scenario over its whole horizon: [lowest, central, highest].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub kosten: [f64; 3],
    pub uitstroom: [f64; 3],
    /// Expected waiting time for "ready now" at the end, in months (waiting / pick-ups).
    pub wachttijd_maanden: [f64; 3],
    pub netto: [f64; 3],
}

fn pick(rate: &Rate, band: Band, good_is_high: bool) -> f64 {
    let (lo, mid, hi) = rate.band();
    match (band, good_is_high) {
        (Band::Centraal, _) => mid,
        (Band::Laag, true) | (Band::Hoog, false) => lo,
        (Band::Laag, false) | (Band::Hoog, true) => hi,
    }
}

/// Simulate one band. "Low" is the pessimistic side: fewer exits and pick-ups, more inflow.
pub fn simulate_band(b: &Baseline, l: &Levers, band: Band) -> Vec<Month> {
    let months = l.jaren.clamp(1, 5) * 12;
    let inflow = pick(&b.instroom, band, false);
    let low_share = b.instroom_laag.central().min(1.0);
    let later_now = pick(&b.later_naar_nu, band, true).min(1.0);
    let act: Vec<f64> = b.activering.iter().map(|r| pick(r, band, true)).collect();
    let handover = pick(&b.overdracht, band, true);
    let exit = pick(&b.uitstroom, band, true);
    let placement = pick(&b.plaatsing, band, true);
    let end = pick(&b.einde_begeleiding, band, false);
    let durable = b.duurzaam_6.central().clamp(0.0, 1.0);
    let (mut guided, mut now, mut later, mut never) =
        (b.begeleid, b.wacht_nu, b.wacht_later, b.wacht_niet);
    let mut exits_so_far = 0.0;
    let mut out = Vec::with_capacity(months as usize);
    for m in 0..months {
        // Consultants are funded per calendar year (the first is the year of the first month).
        let month = first_of_month(b.start) + Months::new(m);
        let fte = l.fte_in_year((month.year() - b.start.year()).max(0) as u32);
        let capacity = fte * f64::from(l.caseload_norm) * (1.0 - l.aandeel_intake);
        // Outflow from guidance first (a share of the guided, never more than there are).
        let raw = handover + exit + end;
        let leaving = guided * raw.min(1.0);
        let (handovers, exits, ends) = if raw > 0.0 {
            (
                leaving * handover / raw,
                leaving * exit / raw,
                leaving * end / raw,
            )
        } else {
            (0.0, 0.0, 0.0)
        };
        guided -= leaving;
        // New inflow: steps 1–2 join "ready now" (first in line with priority), others later.
        let new = inflow;
        let new_low = new * low_share;
        let to_later = (new - new_low) * 0.4;
        let to_never = new - new_low - to_later;
        later += to_later;
        never += to_never;
        let moved = later * later_now;
        later -= moved;
        now += moved;
        // Pick-ups within capacity; with priority the new low-step inflow goes first.
        let free = (capacity - guided).max(0.0);
        let (first, rest) = if l.voorrang_nieuw {
            (new_low.min(free), now)
        } else {
            (0.0, now + new_low)
        };
        let picked_rest = rest.min(free - first);
        let picked = first + picked_rest;
        if l.voorrang_nieuw {
            now = now - picked_rest + (new_low - first);
        } else {
            now = rest - picked_rest;
        }
        guided += picked;
        // Activities of the guided (bought trajectories within the budget).
        let mut acts = [0.0; 5];
        for (k, a) in acts.iter_mut().enumerate() {
            *a = guided * act[k];
        }
        let affordable = if l.kosten_per_traject > 0.0 {
            l.budget_trajecten / 12.0 / l.kosten_per_traject
        } else if l.budget_trajecten > 0.0 {
            f64::INFINITY
        } else {
            0.0
        };
        acts[3] = acts[3].min(affordable);
        let placements = guided * placement;
        exits_so_far += exits * durable;
        let saved = exits_so_far;
        let saving = saved * (l.uitkering_per_maand + l.uitvoering_per_jaar / 12.0);
        let cost = fte * l.kosten_per_fte / 12.0 + acts[3] * l.kosten_per_traject;
        out.push(Month {
            maand: first_of_month(b.start) + Months::new(m),
            begeleid: guided,
            wacht_nu: now,
            wacht_later: later,
            wacht_niet: never,
            instroom: new,
            opgepakt: picked,
            activeringen: acts,
            trajecten_ingekocht: acts[3],
            overdrachten: handovers,
            uitstroom: exits,
            plaatsingen: placements,
            einde_begeleiding: ends,
            uitkeringsmaanden_bespaard: saved,
            besparing: saving,
            kosten: cost,
        });
    }
    out
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Simulate a scenario with its bands.
pub fn simulate(b: &Baseline, l: &Levers) -> Outcome {
    Outcome {
        laag: simulate_band(b, l, Band::Laag),
        centraal: simulate_band(b, l, Band::Centraal),
        hoog: simulate_band(b, l, Band::Hoog),
    }
}

impl Outcome {
    /// A figure per month as a band: (lowest, central, highest) over the pessimistic, central
    /// and optimistic runs, so the band always contains the central value.
    pub fn band_of(&self, f: impl Fn(&Month) -> f64) -> Vec<(f64, f64, f64)> {
        self.centraal
            .iter()
            .zip(&self.laag)
            .zip(&self.hoog)
            .map(|((c, lo), hi)| {
                let (a, b, m) = (f(lo), f(hi), f(c));
                (a.min(b).min(m), m, a.max(b).max(m))
            })
            .collect()
    }

    /// The four big numbers over the whole horizon, each as [lowest, central, highest].
    pub fn summary(&self) -> Summary {
        let total = |m: &[Month], f: fn(&Month) -> f64| m.iter().map(f).sum::<f64>();
        let wait = |m: &[Month]| {
            let last = m.last().copied().unwrap_or_default();
            let pace = m.iter().rev().take(3).map(|x| x.opgepakt).sum::<f64>() / 3.0;
            if last.wacht_nu <= 0.5 {
                0.0
            } else if pace > 0.0 {
                last.wacht_nu / pace
            } else {
                f64::INFINITY
            }
        };
        let three = |f: &dyn Fn(&[Month]) -> f64| {
            let (a, m, b) = (f(&self.laag), f(&self.centraal), f(&self.hoog));
            [a.min(b).min(m), m, a.max(b).max(m)]
        };
        Summary {
            kosten: three(&|m| total(m, |x| x.kosten)),
            uitstroom: three(&|m| total(m, |x| x.uitstroom)),
            wachttijd_maanden: three(&wait),
            netto: three(&|m| total(m, |x| x.besparing - x.kosten)),
        }
    }
}

/// Goal seeking: the fewest consultants (in steps of 0.1 FTE, up to 200) with which the
/// "ready now" list is empty within `months` (central band); `None` when even 200 do not.
pub fn consultants_to_clear(b: &Baseline, l: &Levers, months: u32) -> Option<f64> {
    let clears = |fte: f64| {
        let mut s = l.clone();
        s.consulenten_fte = vec![fte];
        s.jaren = months.div_ceil(12).clamp(1, 5);
        simulate_band(b, &s, Band::Centraal)
            .get(months.saturating_sub(1) as usize)
            .is_some_and(|m| m.wacht_nu < 0.5)
    };
    if !clears(200.0) {
        return None;
    }
    let (mut lo, mut hi) = (0i32, 2000i32);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if clears(f64::from(mid) / 10.0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(f64::from(lo) / 10.0)
}

/// Goal seeking: how many consultants (FTE) a yearly budget pays at a cost per FTE.
pub fn consultants_for_budget(budget: f64, cost_per_fte: f64) -> f64 {
    if cost_per_fte <= 0.0 {
        0.0
    } else {
        (budget / cost_per_fte * 10.0).floor() / 10.0
    }
}

/// Capacity in residents: consultants × norm × the share of time for guidance.
pub fn capacity(fte: f64, norm: u32, intake_share: f64) -> f64 {
    fte * f64::from(norm) * (1.0 - intake_share)
}

/// The year of a month, for yearly totals.
pub fn year_of(m: &Month) -> i32 {
    m.maand.year()
}

/// Of the inflow not at steps 1–2 and of the "ready later" list: the monthly rate at which
/// "ready later" becomes "ready now" is not registered (segment changes have no history yet);
/// until it is, the baseline assumes 1% a month, with the weight of 3 events (a wide band).
pub const LATER_TO_NOW_ASSUMED: Rate = Rate {
    events: 3.0,
    exposure: 300.0,
};

/// The baseline from registered records (aggregates only): the stocks on `today` and the rates
/// observed over the `months` before it, for the participation team `team` (the consultants
/// the levers fund): its guided residents, its waiting list and inflow, the events in its
/// files, and every hand-over to the employer service point (after which a file moves to that
/// team). Exposure for rates of the guided is the current caseload × the window (residents
/// guided per month are not registered per month yet).
#[allow(clippy::too_many_arguments)]
pub fn baseline_from(
    files: &[crate::report::ResidentFile],
    team: &str,
    consultants_fte: f64,
    norm: u32,
    today: NaiveDate,
    months: u32,
    rules: &crate::RuleSet,
) -> Baseline {
    use crate::records::{ExitReason, Record};
    let from = today - Months::new(months);
    let window = |d: NaiveDate| from <= d && d < today;
    let rules_now = rules.at(today).ok();
    let guided = files
        .iter()
        .filter(|f| f.team == team && f.consultant.is_some())
        .count() as f64;
    let exposure = (guided * f64::from(months)).max(1.0);
    let (mut now, mut later, mut never) = (0.0, 0.0, 0.0);
    let (mut inflow, mut inflow_low) = (0.0, 0.0);
    let mut acts = [0.0; 5];
    let (mut handovers, mut exits, mut placements, mut ends) = (0.0, 0.0, 0.0, 0.0);
    let (mut durable, mut checked) = (0.0, 0.0);
    for f in files {
        let own = f.team == team;
        if own && f.consultant.is_none() {
            match rules_now.as_ref().and_then(|r| f.segment_now(r, today)) {
                Some("nu") => now += 1.0,
                Some("later") => later += 1.0,
                Some("niet_op_korte_termijn") => never += 1.0,
                _ => {}
            }
        }
        if own
            && f.person()
                .and_then(|p| p.in_bijstand_sinds)
                .is_some_and(window)
        {
            inflow += 1.0;
            if f.step_on(today).is_some_and(|s| s <= 2) {
                inflow_low += 1.0;
            }
        }
        for r in &f.records {
            if !r.date().is_some_and(window) || (!own && !matches!(r, Record::Overdracht(_))) {
                continue;
            }
            match r {
                Record::Activering(a) => {
                    let k = crate::records::ActivationKind::ALL
                        .iter()
                        .position(|x| *x == a.soort)
                        .unwrap_or(0);
                    acts[k] += 1.0;
                }
                Record::Overdracht(_) => handovers += 1.0,
                Record::Uitstroom(x) if x.reden == ExitReason::EindeBegeleiding => ends += 1.0,
                Record::Uitstroom(x) if x.via_aanpak => exits += 1.0,
                Record::Plaatsing(p) => {
                    placements += 1.0;
                    if let Some(w) = p.werkt_na_6_maanden {
                        checked += 1.0;
                        durable += f64::from(u8::from(w));
                    }
                }
                _ => {}
            }
        }
    }
    let per_guided = |events: f64| Rate::new(events, exposure);
    Baseline {
        start: first_of_month(today) + Months::new(1),
        begeleid: guided,
        consulenten_fte: consultants_fte,
        caseload_norm: norm,
        wacht_nu: now,
        wacht_later: later,
        wacht_niet: never,
        instroom: Rate::new(inflow, f64::from(months.max(1))),
        instroom_laag: Rate::new(inflow_low, inflow.max(1.0)),
        later_naar_nu: LATER_TO_NOW_ASSUMED,
        activering: acts.map(per_guided),
        overdracht: per_guided(handovers),
        uitstroom: per_guided(exits),
        plaatsing: per_guided(placements),
        einde_begeleiding: per_guided(ends),
        duurzaam_6: if checked > 0.0 {
            Rate::new(durable, checked)
        } else {
            Rate::new(82.0, 100.0)
        },
    }
}
