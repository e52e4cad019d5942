//! Impact preview: which residents change step or trajectory when one set of rule versions
//! replaces another, with counts per change.

use crate::engine::{assess, Outcome};
use crate::facts::Situation;
use crate::rules::{Rules, Versions};
use serde::Serialize;
use std::collections::BTreeMap;

/// One resident whose outcome changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Position in the population (or the caller's id, mapped by the caller).
    pub index: usize,
    pub trede_van: Option<u8>,
    pub trede_naar: Option<u8>,
    pub traject_van: Option<&'static str>,
    pub traject_naar: Option<&'static str>,
}

/// Counts of changes between two rule selections over one population.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    pub van: Versions,
    pub naar: Versions,
    pub totaal: usize,
    /// Residents the rules cannot assess for lack of facts, under either selection.
    pub onvolledig: usize,
    pub trede_gewijzigd: usize,
    pub traject_gewijzigd: usize,
    /// "3→4" → count.
    pub per_tredewijziging: BTreeMap<String, usize>,
    /// "participatie→werk" → count.
    pub per_trajectwijziging: BTreeMap<String, usize>,
    /// Every resident that changes step or trajectory.
    pub wijzigingen: Vec<Change>,
}

fn show<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "?".to_string(), |v| v.to_string())
}

/// Compare two rule selections over a population.
pub fn impact(population: &[Situation], from: &Rules<'_>, to: &Rules<'_>) -> Impact {
    let mut out = Impact {
        van: from.versions(),
        naar: to.versions(),
        totaal: population.len(),
        onvolledig: 0,
        trede_gewijzigd: 0,
        traject_gewijzigd: 0,
        per_tredewijziging: BTreeMap::new(),
        per_trajectwijziging: BTreeMap::new(),
        wijzigingen: Vec::new(),
    };
    for (index, s) in population.iter().enumerate() {
        let (a, b): (Outcome, Outcome) = (assess(from, s), assess(to, s));
        if a.trede.is_none() || b.trede.is_none() {
            out.onvolledig += 1;
        }
        let step_changed = a.trede != b.trede;
        let traj_changed = a.traject != b.traject;
        if step_changed {
            out.trede_gewijzigd += 1;
            *out.per_tredewijziging
                .entry(format!("{}→{}", show(a.trede), show(b.trede)))
                .or_default() += 1;
        }
        if traj_changed {
            out.traject_gewijzigd += 1;
            *out.per_trajectwijziging
                .entry(format!("{}→{}", show(a.traject), show(b.traject)))
                .or_default() += 1;
        }
        if step_changed || traj_changed {
            out.wijzigingen.push(Change {
                index,
                trede_van: a.trede,
                trede_naar: b.trede,
                traject_van: a.traject,
                traject_naar: b.traject,
            });
        }
    }
    out
}

/// The counts of an impact preview without any resident: what policy staff may see.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    pub van: Versions,
    pub naar: Versions,
    pub totaal: usize,
    pub onvolledig: usize,
    pub trede_gewijzigd: usize,
    pub traject_gewijzigd: usize,
    pub per_tredewijziging: BTreeMap<String, usize>,
    pub per_trajectwijziging: BTreeMap<String, usize>,
}

impl Impact {
    /// The counts only (no list of residents).
    pub fn counts(&self) -> Counts {
        Counts {
            van: self.van.clone(),
            naar: self.naar.clone(),
            totaal: self.totaal,
            onvolledig: self.onvolledig,
            trede_gewijzigd: self.trede_gewijzigd,
            traject_gewijzigd: self.traject_gewijzigd,
            per_tredewijziging: self.per_tredewijziging.clone(),
            per_trajectwijziging: self.per_trajectwijziging.clone(),
        }
    }
}

/// The impact of putting another ladder version in force on `today`, over residents' latest
/// facts (`(id, facts)`); a resident without facts counts as incomplete. Returns the preview
/// and the ids in the order of its positions. An unknown version names the field `ladder`.
pub fn of_ladder_version<'a>(
    residents: impl Iterator<Item = (i64, Option<&'a crate::facts::RawFacts>)>,
    set: &crate::rules::RuleSet,
    today: chrono::NaiveDate,
    ladder: &str,
) -> Result<(Impact, Vec<i64>), crate::facts::FactError> {
    let bad = |e: crate::rules::SelectError| crate::facts::FactError {
        field: "ladder".into(),
        message: e.text(),
    };
    let from = set.at(today).map_err(bad)?;
    let to = set
        .pinned(today, &[("ladder".into(), ladder.into())])
        .map_err(bad)?;
    let mut ids = vec![];
    let mut population = vec![];
    let mut unreadable = 0;
    for (id, facts) in residents {
        let situation = facts.and_then(|f| {
            let mut f = f.clone();
            f.peildatum = Some(today);
            f.validate().ok()
        });
        match situation {
            Some(s) => {
                ids.push(id);
                population.push(s);
            }
            None => unreadable += 1,
        }
    }
    let mut out = impact(&population, &from, &to);
    out.totaal += unreadable;
    out.onvolledig += unreadable;
    Ok((out, ids))
}
