//! Reading scenarios side by side: each change against today's policy as a sentence
//! ("consulenten 3 → 4 fte vanaf 2027"), yearly totals, one-sentence summaries of the charts
//! and the CSV of every month. Pure and bilingual, so the page, the print view and the tests
//! read the same words.

use super::{Levers, Month, Outcome};
use crate::number::fixed;
use crate::text::{Lang, Text};
use chrono::{Datelike, NaiveDate};

/// A number with the thousands separator and decimal sign of the language.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return match lang {
            Lang::Nl => "onbeperkt".into(),
            Lang::En => "unlimited".into(),
        };
    }
    let s = fixed(v.abs(), decimals);
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (sep, dec) = match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
    for (n, c) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(dec);
        out.push_str(frac);
    }
    // "-0" is not a number anyone writes.
    if v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '−');
    }
    out
}

/// An amount in whole euros: "€ 60.000" / "€60,000".
pub fn euro(v: f64, lang: Lang) -> String {
    let n = number(v.abs(), 0, lang);
    let sign = if v < -0.5 { "−" } else { "" };
    match lang {
        Lang::Nl => format!("{sign}€ {n}"),
        Lang::En => format!("{sign}€{n}"),
    }
}

/// FTE with at most one decimal ("3" or "3,5").
pub fn fte(v: f64, lang: Lang) -> String {
    if (v - v.round()).abs() < 0.05 {
        number(v, 0, lang)
    } else {
        number(v, 1, lang)
    }
}

fn on_off(b: bool) -> (&'static str, &'static str) {
    if b {
        ("aan", "on")
    } else {
        ("uit", "off")
    }
}

/// Every lever of `s` that differs from `base`, as a sentence; consultants per year from the
/// year they change ("consulenten 3 → 4 fte vanaf 2027"). `start_year` is the first year
/// simulated.
pub fn changes(base: &Levers, s: &Levers, start_year: i32) -> Vec<Text> {
    let mut out = vec![];
    let years = s.jaren.clamp(1, 5);
    let mut previous: Option<(f64, f64)> = None;
    for y in 0..years {
        let (b, v) = (base.fte_in_year(y), s.fte_in_year(y));
        let differs = (b - v).abs() > 1e-9;
        let moved = previous.is_none_or(|(pb, pv)| (pb - b).abs() > 1e-9 || (pv - v).abs() > 1e-9);
        if differs && moved {
            let year = start_year + y as i32;
            out.push(Text::new(
                format!(
                    "consulenten {} → {} fte vanaf {year}",
                    fte(b, Lang::Nl),
                    fte(v, Lang::Nl)
                ),
                format!(
                    "consultants {} → {} FTE from {year}",
                    fte(b, Lang::En),
                    fte(v, Lang::En)
                ),
            ));
        } else if !differs && previous.is_some_and(|(pb, pv)| (pb - pv).abs() > 1e-9) {
            let year = start_year + y as i32;
            out.push(Text::new(
                format!("vanaf {year} weer {} fte zoals nu", fte(v, Lang::Nl)),
                format!("from {year} back to {} FTE as today", fte(v, Lang::En)),
            ));
        }
        previous = Some((b, v));
    }
    if base.caseload_norm != s.caseload_norm {
        out.push(Text::new(
            format!(
                "caseloadnorm {} → {} inwoners per consulent",
                base.caseload_norm, s.caseload_norm
            ),
            format!(
                "caseload norm {} → {} residents per consultant",
                base.caseload_norm, s.caseload_norm
            ),
        ));
    }
    if (base.aandeel_intake - s.aandeel_intake).abs() > 1e-9 {
        let (a, b) = (base.aandeel_intake * 100.0, s.aandeel_intake * 100.0);
        out.push(Text::new(
            format!(
                "tijd voor eerste intakes {}% → {}%",
                number(a, 0, Lang::Nl),
                number(b, 0, Lang::Nl)
            ),
            format!(
                "time for first intakes {}% → {}%",
                number(a, 0, Lang::En),
                number(b, 0, Lang::En)
            ),
        ));
    }
    if base.voorrang_nieuw != s.voorrang_nieuw {
        let (a, b) = (on_off(base.voorrang_nieuw), on_off(s.voorrang_nieuw));
        out.push(Text::new(
            format!(
                "voorrang voor nieuwe instroom op trede 1–2: {} → {}",
                a.0, b.0
            ),
            format!("priority for new inflow at steps 1–2: {} → {}", a.1, b.1),
        ));
    }
    let money: [(&str, &str, &str, f64, f64); 5] = [
        (
            "budget ingekochte trajecten",
            "budget for bought trajectories",
            " per jaar| a year",
            base.budget_trajecten,
            s.budget_trajecten,
        ),
        (
            "kosten per traject",
            "cost per trajectory",
            "|",
            base.kosten_per_traject,
            s.kosten_per_traject,
        ),
        (
            "kosten per fte",
            "cost per FTE",
            " per jaar| a year",
            base.kosten_per_fte,
            s.kosten_per_fte,
        ),
        (
            "uitkering per persoon",
            "benefit per person",
            " per maand| a month",
            base.uitkering_per_maand,
            s.uitkering_per_maand,
        ),
        (
            "uitvoeringskosten per uitkering",
            "administration cost per benefit",
            " per jaar| a year",
            base.uitvoering_per_jaar,
            s.uitvoering_per_jaar,
        ),
    ];
    for (nl, en, per, a, b) in money {
        if (a - b).abs() >= 0.5 {
            let (pn, pe) = per.split_once('|').unwrap_or(("", ""));
            out.push(Text::new(
                format!("{nl} {} → {}{pn}", euro(a, Lang::Nl), euro(b, Lang::Nl)),
                format!("{en} {} → {}{pe}", euro(a, Lang::En), euro(b, Lang::En)),
            ));
        }
    }
    if base.jaren != s.jaren {
        out.push(Text::new(
            format!(
                "doorgerekend over {} jaar in plaats van {}",
                s.jaren, base.jaren
            ),
            format!("computed over {} years instead of {}", s.jaren, base.jaren),
        ));
    }
    out
}

/// The totals of one calendar year of a run.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Year {
    pub jaar: i32,
    pub opgepakt: f64,
    pub uitstroom: f64,
    pub plaatsingen: f64,
    pub overdrachten: f64,
    pub trajecten: f64,
    pub kosten: f64,
    pub besparing: f64,
    /// Stocks at the end of the year.
    pub begeleid: f64,
    pub wacht_nu: f64,
}

impl Year {
    pub fn netto(&self) -> f64 {
        self.besparing - self.kosten
    }
}

/// Totals per calendar year of one run.
pub fn yearly(months: &[Month]) -> Vec<Year> {
    let mut out: Vec<Year> = vec![];
    for m in months {
        let y = m.maand.year();
        if out.last().is_none_or(|l| l.jaar != y) {
            out.push(Year {
                jaar: y,
                ..Year::default()
            });
        }
        if let Some(t) = out.last_mut() {
            t.opgepakt += m.opgepakt;
            t.uitstroom += m.uitstroom;
            t.plaatsingen += m.plaatsingen;
            t.overdrachten += m.overdrachten;
            t.trajecten += m.trajecten_ingekocht;
            t.kosten += m.kosten;
            t.besparing += m.besparing;
            t.begeleid = m.begeleid;
            t.wacht_nu = m.wacht_nu;
        }
    }
    out
}

/// The month in words: "maart 2027" / "March 2027".
pub fn month_label(d: NaiveDate, lang: Lang) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::Nl => format!("{} {}", crate::report::MONTHS_NL[m], d.year()),
        Lang::En => format!("{} {}", crate::report::MONTHS_EN[m], d.year()),
    }
}

/// One sentence about the "ready now" list of a scenario: when it is empty, or how long it is
/// at the end, with the band.
pub fn waiting_sentence(name: &str, start: f64, o: &Outcome, lang: Lang) -> String {
    let band = o.band_of(|m| m.wacht_nu);
    let empty = o
        .centraal
        .iter()
        .find(|m| m.wacht_nu < 0.5)
        .map(|m| m.maand);
    let (lo, mid, hi) = band.last().copied().unwrap_or_default();
    let n = |v: f64| number(v, 0, lang);
    match (empty, lang) {
        (Some(d), Lang::Nl) => format!(
            "{name}: de lijst 'nu klaar' gaat van {} naar 0 in {} (centraal).",
            n(start),
            month_label(d, lang)
        ),
        (Some(d), Lang::En) => format!(
            "{name}: the 'ready now' list goes from {} to 0 in {} (central).",
            n(start),
            month_label(d, lang)
        ),
        (None, Lang::Nl) => format!(
            "{name}: de lijst 'nu klaar' gaat van {} naar {} (band {} tot {}).",
            n(start),
            n(mid),
            n(lo),
            n(hi)
        ),
        (None, Lang::En) => format!(
            "{name}: the 'ready now' list goes from {} to {} (band {} to {}).",
            n(start),
            n(mid),
            n(lo),
            n(hi)
        ),
    }
}

/// The CSV of every month of every scenario (central with the band where it has one);
/// semicolons and decimal commas in Dutch, commas and points in English.
pub fn csv(scenarios: &[(&Levers, &Outcome)], lang: Lang) -> String {
    let (sep, nl) = match lang {
        Lang::Nl => (';', true),
        Lang::En => (',', false),
    };
    let head: &[&str] = if nl {
        &[
            "scenario",
            "maand",
            "begeleid",
            "begeleid_laag",
            "begeleid_hoog",
            "wacht_nu",
            "wacht_nu_laag",
            "wacht_nu_hoog",
            "wacht_later",
            "wacht_niet",
            "instroom",
            "opgepakt",
            "trajecten_ingekocht",
            "overdrachten",
            "uitstroom",
            "uitstroom_laag",
            "uitstroom_hoog",
            "plaatsingen",
            "uitkeringsmaanden_bespaard",
            "besparing_euro",
            "kosten_euro",
            "netto_euro",
        ]
    } else {
        &[
            "scenario",
            "month",
            "guided",
            "guided_low",
            "guided_high",
            "ready_now",
            "ready_now_low",
            "ready_now_high",
            "ready_later",
            "not_soon",
            "inflow",
            "picked_up",
            "trajectories_bought",
            "hand_overs",
            "exits",
            "exits_low",
            "exits_high",
            "placements",
            "benefit_months_saved",
            "saving_euro",
            "cost_euro",
            "net_euro",
        ]
    };
    let mut out = head.join(&sep.to_string());
    out.push('\n');
    let num = |v: f64| {
        let s = fixed(v, 1);
        if nl {
            s.replace('.', ",")
        } else {
            s
        }
    };
    for (levers, o) in scenarios {
        let guided = o.band_of(|m| m.begeleid);
        let now = o.band_of(|m| m.wacht_nu);
        let exits = o.band_of(|m| m.uitstroom);
        let name = if levers.naam.contains([sep, '"', '\n']) {
            format!("\"{}\"", levers.naam.replace('"', "\"\""))
        } else {
            levers.naam.clone()
        };
        for (k, m) in o.centraal.iter().enumerate() {
            let cells = [
                name.clone(),
                format!("{:04}-{:02}", m.maand.year(), m.maand.month()),
                num(m.begeleid),
                num(guided[k].0),
                num(guided[k].2),
                num(m.wacht_nu),
                num(now[k].0),
                num(now[k].2),
                num(m.wacht_later),
                num(m.wacht_niet),
                num(m.instroom),
                num(m.opgepakt),
                num(m.trajecten_ingekocht),
                num(m.overdrachten),
                num(m.uitstroom),
                num(exits[k].0),
                num(exits[k].2),
                num(m.plaatsingen),
                num(m.uitkeringsmaanden_bespaard),
                num(m.besparing),
                num(m.kosten),
                num(m.besparing - m.kosten),
            ];
            out.push_str(&cells.join(&sep.to_string()));
            out.push('\n');
        }
    }
    out
}
