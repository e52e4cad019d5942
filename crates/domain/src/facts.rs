//! A resident's situation on a measurement date: raw facts as entered (serde), validated into
//! a [`Situation`] that cannot hold impossible values. Every problem names its field.
//!
//! An absent fact means "not known"; a known "none" is written as zero, `geen` or an empty
//! list. Unknown facts are kept as unknown: the engine asks for them only when they matter.

use crate::number::plain;
use crate::schema::{flow_in, ladder_in, DAY_ACTIVITY_VALUES, READINESS_VALUES};
use crate::text::Text;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Kind of paid work.
    pub enum Contract {
        /// No paid work.
        Geen = "geen", "geen", "none";
        /// Employment contract.
        Dienstverband = "dienstverband", "dienstverband", "employment";
        /// Self-employed.
        Zelfstandig = "zelfstandig", "zelfstandig", "self-employed";
    }
}

/// Paid work and the support around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaidWork {
    pub soort: Contract,
    #[serde(default)]
    pub uren_per_week: f64,
    #[serde(default)]
    pub loonkostensubsidie: bool,
    #[serde(default)]
    pub jobcoach: bool,
    #[serde(default)]
    pub beschut_werk: bool,
    #[serde(default)]
    pub aanvullende_uitkering: bool,
    #[serde(default)]
    pub werkleertraject: bool,
}

crate::codes! {
    /// Kind of unpaid work.
    pub enum UnpaidKind {
        Vrijwilligerswerk = "vrijwilligerswerk", "vrijwilligerswerk", "volunteering";
        Stage = "stage", "stage", "internship";
        Werkervaringsplaats = "werkervaringsplaats", "werkervaringsplaats", "work-experience placement";
    }
}

/// One unpaid activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnpaidWork {
    pub soort: UnpaidKind,
    /// Does the resident carry responsibility towards others?
    pub verantwoordelijkheid: bool,
    /// Physical contact moments a week.
    pub contactmomenten_per_week: f64,
}

crate::codes! {
    /// Day activities.
    pub enum DayActivities {
        Geen = "geen", "geen", "none";
        Belevingsgericht = "belevingsgericht", "belevingsgericht", "experience-oriented";
        Arbeidsmatig = "arbeidsmatig", "arbeidsmatig", "work-like";
    }
}

crate::codes! {
    /// The consultant's view of readiness.
    pub enum Readiness {
        /// Ready for paid work: hand over to the WSP.
        Werk = "werk", "klaar voor werk", "ready for work";
        /// Ready for participation guidance now.
        Nu = "nu", "nu begeleiding", "guidance now";
        /// Expected to be ready later.
        Later = "later", "later", "later";
        /// Not expected to participate in the short term.
        NietOpKorteTermijn = "niet_op_korte_termijn", "niet op korte termijn", "not in the short term";
    }
}

/// Facts as entered by a consultant, a resident form or a file. Absent = not known.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacts {
    /// Measurement date (peildatum).
    #[serde(default, deserialize_with = "crate::day::de_opt")]
    pub peildatum: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub betaald_werk: Option<PaidWork>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onbetaald_werk: Option<Vec<UnpaidWork>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mantelzorg_uren_per_week: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dagbesteding: Option<DayActivities>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub georganiseerde_activiteiten_per_week: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sociale_contacten_per_week: Option<f64>,
    /// Date of entering assistance (for new inflow).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub in_bijstand_sinds: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gereedheid: Option<Readiness>,
    /// Step reachable within about a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groeipotentieel: Option<f64>,
}

/// A fact that is impossible or out of range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactError {
    /// Field path, e.g. `betaald_werk.uren_per_week` or `onbetaald_werk[1].contactmomenten_per_week`.
    pub field: String,
    pub message: Text,
}

impl std::fmt::Display for FactError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message.nl)
    }
}

/// Upper bound for counts a week: more is not credible and is reported as an error.
pub const MAX_PER_WEEK: f64 = 100.0;
/// Hours in a week.
pub const HOURS_IN_WEEK: f64 = 168.0;

/// Bits in [`Situation::unknown`] for each ladder input, and the flow facts after them.
const FLOW_SHIFT: usize = ladder_in::COUNT;

/// A validated situation: the feature values the decision tables read, and which are unknown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Situation {
    pub measured_on: NaiveDate,
    /// One value per ladder input (booleans 0/1, enumerations as index).
    pub ladder: [f32; ladder_in::COUNT],
    /// Whole months on assistance, readiness index, growth potential (step 1–6).
    pub months_in_assistance: f32,
    pub readiness: f32,
    pub growth_potential: f32,
    /// Bit i set: ladder input i unknown; bits 12.. : months, readiness, growth potential.
    pub unknown: u16,
}

impl Situation {
    pub fn ladder_known(&self) -> bool {
        self.unknown & ((1 << ladder_in::COUNT) - 1) == 0
    }
    pub fn is_complete(&self) -> bool {
        self.unknown == 0
    }
    pub fn ladder_value(&self, i: usize) -> Option<f32> {
        (self.unknown & (1 << i) == 0).then(|| self.ladder[i])
    }
    /// Flow input values given the step (unknown as `None`).
    pub fn flow_values(&self, step: Option<u8>) -> [Option<f32>; flow_in::COUNT] {
        let bit = |k: usize| self.unknown & (1 << (FLOW_SHIFT + k)) == 0;
        let growth = match (step, bit(2)) {
            (Some(s), true) => Some(self.growth_potential - s as f32),
            _ => None,
        };
        [
            step.map(f32::from),
            bit(0).then_some(self.months_in_assistance),
            bit(1).then_some(self.readiness),
            growth,
        ]
    }
}

fn err(
    errors: &mut Vec<FactError>,
    field: impl Into<String>,
    nl: impl Into<std::borrow::Cow<'static, str>>,
    en: impl Into<std::borrow::Cow<'static, str>>,
) {
    errors.push(FactError {
        field: field.into(),
        message: Text::new(nl, en),
    });
}

fn check_count(errors: &mut Vec<FactError>, field: &str, v: f64, max: f64, whole: bool) -> f32 {
    if !v.is_finite() || v < 0.0 {
        err(
            errors,
            field,
            "mag niet negatief zijn",
            "must not be negative",
        );
    } else if v > max {
        err(
            errors,
            field,
            format!(
                "{} is meer dan kan ({} per week)",
                plain(v, 6),
                plain(max, 6)
            ),
            format!(
                "{} is more than possible ({} a week)",
                plain(v, 6),
                plain(max, 6)
            ),
        );
    } else if whole && v.fract() != 0.0 {
        err(
            errors,
            field,
            "moet een heel getal zijn",
            "must be a whole number",
        );
    }
    v as f32
}

/// Whole months from `from` to `to` (`to` >= `from`).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        m -= 1;
    }
    m.max(0)
}

impl RawFacts {
    /// Validate into a [`Situation`]; every impossible fact is reported with its field.
    pub fn validate(&self) -> Result<Situation, Vec<FactError>> {
        use ladder_in::*;
        let mut e = Vec::new();
        let mut x = [0f32; COUNT];
        let mut unknown: u16 = 0;
        let Some(date) = self.peildatum else {
            err(
                &mut e,
                "peildatum",
                "ontbreekt: zonder peildatum is geen meting mogelijk",
                "missing: a measurement needs a date",
            );
            return Err(e);
        };
        if date.year() < 2000 || date.year() > 2100 {
            err(
                &mut e,
                "peildatum",
                format!("{date} ligt niet tussen 2000 en 2100"),
                format!("{date} is not between 2000 and 2100"),
            );
        }
        let mut paid_hours = 0.0;
        match &self.betaald_werk {
            None => unknown |= 0b11_1111,
            Some(w) => {
                let has = w.soort != Contract::Geen;
                if !w.uren_per_week.is_finite() || w.uren_per_week < 0.0 {
                    err(
                        &mut e,
                        "betaald_werk.uren_per_week",
                        "mag niet negatief zijn",
                        "must not be negative",
                    );
                } else if w.uren_per_week > HOURS_IN_WEEK {
                    err(
                        &mut e,
                        "betaald_werk.uren_per_week",
                        "meer dan 168 uur per week kan niet",
                        "more than 168 hours a week is impossible",
                    );
                } else if has && w.uren_per_week == 0.0 {
                    err(
                        &mut e,
                        "betaald_werk.uren_per_week",
                        "vul de uren per week in (meer dan 0) bij betaald werk",
                        "enter the hours a week (more than 0) for paid work",
                    );
                } else if !has && w.uren_per_week > 0.0 {
                    err(
                        &mut e,
                        "betaald_werk.uren_per_week",
                        "uren ingevuld terwijl soort 'geen' is",
                        "hours given while kind is 'geen' (none)",
                    );
                }
                if (0.0..=HOURS_IN_WEEK).contains(&w.uren_per_week) {
                    paid_hours = w.uren_per_week;
                }
                let support = [
                    (
                        WAGE_COST_SUBSIDY,
                        "loonkostensubsidie",
                        w.loonkostensubsidie,
                    ),
                    (JOB_COACH, "jobcoach", w.jobcoach),
                    (SHELTERED_WORK, "beschut_werk", w.beschut_werk),
                    (
                        SUPPLEMENTARY_BENEFIT,
                        "aanvullende_uitkering",
                        w.aanvullende_uitkering,
                    ),
                    (WORK_BASED_TRAINING, "werkleertraject", w.werkleertraject),
                ];
                for (i, name, on) in support {
                    if on && !has {
                        err(
                            &mut e,
                            format!("betaald_werk.{name}"),
                            "ondersteuning bij werk kan alleen met betaald werk",
                            "support at work needs paid work",
                        );
                    }
                    x[i] = on as u8 as f32;
                }
                x[PAID_WORK] = has as u8 as f32;
            }
        }
        match &self.onbetaald_werk {
            None => unknown |= (1 << UNPAID_WORK) | (1 << UNPAID_CONTACTS),
            Some(list) => {
                let mut contacts = 0f32;
                let mut responsible = false;
                for (n, u) in list.iter().enumerate() {
                    let c = check_count(
                        &mut e,
                        &format!("onbetaald_werk[{n}].contactmomenten_per_week"),
                        u.contactmomenten_per_week,
                        MAX_PER_WEEK,
                        true,
                    );
                    if u.verantwoordelijkheid {
                        responsible = true;
                        contacts = contacts.max(c);
                    }
                }
                x[UNPAID_WORK] = responsible as u8 as f32;
                x[UNPAID_CONTACTS] = contacts;
            }
        }
        match self.mantelzorg_uren_per_week {
            None => unknown |= 1 << INFORMAL_CARE_HOURS,
            Some(h) => {
                x[INFORMAL_CARE_HOURS] =
                    check_count(&mut e, "mantelzorg_uren_per_week", h, HOURS_IN_WEEK, false);
                if h.is_finite() && h >= 0.0 && h + paid_hours > HOURS_IN_WEEK {
                    err(
                        &mut e,
                        "mantelzorg_uren_per_week",
                        "samen met het betaalde werk meer dan 168 uur per week",
                        "together with paid work more than 168 hours a week",
                    );
                }
            }
        }
        match self.dagbesteding {
            None => unknown |= 1 << DAY_ACTIVITIES,
            Some(d) => {
                let code = match d {
                    DayActivities::Geen => "geen",
                    DayActivities::Belevingsgericht => "belevingsgericht",
                    DayActivities::Arbeidsmatig => "arbeidsmatig",
                };
                x[DAY_ACTIVITIES] = DAY_ACTIVITY_VALUES
                    .iter()
                    .position(|v| v.code == code)
                    .unwrap_or(0) as f32;
            }
        }
        for (i, name, v) in [
            (
                ORGANISED_ACTIVITIES,
                "georganiseerde_activiteiten_per_week",
                self.georganiseerde_activiteiten_per_week,
            ),
            (
                SOCIAL_CONTACTS,
                "sociale_contacten_per_week",
                self.sociale_contacten_per_week,
            ),
        ] {
            match v {
                None => unknown |= 1 << i,
                Some(v) => x[i] = check_count(&mut e, name, v, MAX_PER_WEEK, true),
            }
        }
        let mut months = 0.0;
        match self.in_bijstand_sinds {
            None => unknown |= 1 << FLOW_SHIFT,
            Some(since) if since > date => err(
                &mut e,
                "in_bijstand_sinds",
                format!("{since} ligt na de peildatum {date}"),
                format!("{since} is after the measurement date {date}"),
            ),
            Some(since) if since.year() < 1965 => err(
                &mut e,
                "in_bijstand_sinds",
                format!("{since} ligt voor 1965 (de Bijstandswet)"),
                format!("{since} is before 1965 (the Assistance Act)"),
            ),
            Some(since) => months = whole_months(since, date).min(1200) as f32,
        }
        let readiness = match self.gereedheid {
            None => {
                unknown |= 1 << (FLOW_SHIFT + 1);
                0.0
            }
            Some(r) => {
                let code = match r {
                    Readiness::Werk => "werk",
                    Readiness::Nu => "nu",
                    Readiness::Later => "later",
                    Readiness::NietOpKorteTermijn => "niet_op_korte_termijn",
                };
                READINESS_VALUES
                    .iter()
                    .position(|v| v.code == code)
                    .unwrap_or(0) as f32
            }
        };
        let growth = match self.groeipotentieel {
            None => {
                unknown |= 1 << (FLOW_SHIFT + 2);
                0.0
            }
            Some(g) if !(1.0..=6.0).contains(&g) || g.fract() != 0.0 => {
                err(
                    &mut e,
                    "groeipotentieel",
                    "moet een trede van 1 tot en met 6 zijn",
                    "must be a step from 1 to 6",
                );
                0.0
            }
            Some(g) => g as f32,
        };
        if e.is_empty() {
            Ok(Situation {
                measured_on: date,
                ladder: x,
                months_in_assistance: months,
                readiness,
                growth_potential: growth,
                unknown,
            })
        } else {
            Err(e)
        }
    }
}

/// The raw fact field(s) behind a ladder input, for "not enough information" messages.
pub fn ladder_fact_field(input: usize) -> &'static str {
    use ladder_in::*;
    match input {
        PAID_WORK..=WORK_BASED_TRAINING => "betaald_werk",
        UNPAID_WORK | UNPAID_CONTACTS => "onbetaald_werk",
        INFORMAL_CARE_HOURS => "mantelzorg_uren_per_week",
        DAY_ACTIVITIES => "dagbesteding",
        ORGANISED_ACTIVITIES => "georganiseerde_activiteiten_per_week",
        _ => "sociale_contacten_per_week",
    }
}

/// The raw fact field behind a flow input.
pub fn flow_fact_field(input: usize) -> &'static str {
    match input {
        flow_in::STEP => "trede",
        flow_in::MONTHS_IN_ASSISTANCE => "in_bijstand_sinds",
        flow_in::READINESS => "gereedheid",
        _ => "groeipotentieel",
    }
}
