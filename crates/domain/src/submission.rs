//! The resident's self-service participation form: what I do now, what I would like to do,
//! what makes it hard (optional), and how to reach me — the identifying minimum only. The
//! public endpoint checks a submission with [`Submission::check`]; the consultant turns it into
//! indicative facts for a ladder measurement with [`Submission::indicative_facts`]. The
//! resident is never shown a step: options, not a verdict (GDPR art. 22).

use crate::facts::{Contract, PaidWork, RawFacts, UnpaidKind, UnpaidWork};
use crate::records::{check_email, is_phone, Errors, FieldError};
use crate::text::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Things a resident may be doing now (and may like to do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    BetaaldWerk,
    Vrijwilligerswerk,
    Mantelzorg,
    Cursus,
    Club,
    Contacten,
}

impl Activity {
    pub const ALL: [Activity; 6] = [
        Activity::BetaaldWerk,
        Activity::Vrijwilligerswerk,
        Activity::Mantelzorg,
        Activity::Cursus,
        Activity::Club,
        Activity::Contacten,
    ];
}

/// How often, in words a resident can answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HowOften {
    /// (Almost) every day.
    ElkeDag,
    /// A few times a week.
    PaarKeerPerWeek,
    /// Once a week.
    ElkeWeek,
    /// Less than once a week.
    Minder,
}

impl HowOften {
    /// Times a week, as the ladder facts count them.
    pub fn per_week(self) -> f64 {
        match self {
            HowOften::ElkeDag => 5.0,
            HowOften::PaarKeerPerWeek => 2.0,
            HowOften::ElkeWeek => 1.0,
            HowOften::Minder => 0.25,
        }
    }
}

/// One thing the resident does now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doing {
    pub soort: Activity,
    pub hoe_vaak: HowOften,
    /// Hours a week, asked for paid work and informal care only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uren_per_week: Option<f64>,
}

/// What can make participating hard; each is optional and the form says why it is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Obstacle {
    Gezondheid,
    ZorgVoorAnderen,
    Taal,
    Vervoer,
    Geld,
    Kinderopvang,
    Anders,
}

/// How the resident wants to be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Telefoon,
    Email,
    Brief,
}

/// Parts of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    Ochtend,
    Middag,
    Avond,
}

/// How and when to reach the resident, and who they are (the minimum to find their file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub naam: String,
    #[serde(deserialize_with = "crate::day::de")]
    pub geboortedatum: NaiveDate,
    pub manier: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefoon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default)]
    pub wanneer: Vec<DayPart>,
}

/// A complete submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub taal: Lang,
    #[serde(default)]
    pub nu: Vec<Doing>,
    #[serde(default)]
    pub wil: Vec<Activity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wil_toelichting: Option<String>,
    #[serde(default)]
    pub moeilijk: Vec<Obstacle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moeilijk_toelichting: Option<String>,
    pub contact: Contact,
}

impl Submission {
    /// Check every answer; errors name the field and say how to fix it, at language level B1.
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        for (i, d) in self.nu.iter().enumerate() {
            if self.nu[..i].iter().any(|o| o.soort == d.soort) {
                e.add(
                    format!("nu[{i}].soort"),
                    "Dit heeft u al gekozen. Kies alles maar één keer.",
                    "You chose this already. Choose each thing once.",
                );
            }
            if let Some(h) = d.uren_per_week {
                e.range(&format!("nu[{i}].uren_per_week"), h, 0, 80);
            }
        }
        for (i, w) in self.wil.iter().enumerate() {
            if self.wil[..i].contains(w) {
                e.add(
                    format!("wil[{i}]"),
                    "Dit heeft u al gekozen. Kies alles maar één keer.",
                    "You chose this already. Choose each thing once.",
                );
            }
        }
        e.opt_text("wil_toelichting", &self.wil_toelichting, 1000);
        e.opt_text("moeilijk_toelichting", &self.moeilijk_toelichting, 1000);
        let c = &self.contact;
        e.text("contact.naam", &c.naam, 2, 100);
        let age = today.years_since(c.geboortedatum);
        if age.is_none_or(|a| !(15..=110).contains(&a)) {
            e.add(
                "contact.geboortedatum",
                "Deze geboortedatum klopt niet. Schrijf de dag, de maand en het jaar, bijvoorbeeld 15 3 1980.",
                "This date of birth is not right. Write the day, month and year, for example 15 3 1980.",
            );
        }
        match c.manier {
            Channel::Telefoon if c.telefoon.as_deref().is_none_or(|t| t.trim().is_empty()) => e
                .add(
                    "contact.telefoon",
                    "U wilt gebeld worden. Schrijf uw telefoonnummer op.",
                    "You want a phone call. Write down your phone number.",
                ),
            Channel::Email if c.email.as_deref().is_none_or(|t| t.trim().is_empty()) => e.add(
                "contact.email",
                "U wilt een e-mail. Schrijf uw e-mailadres op.",
                "You want an email. Write down your email address.",
            ),
            _ => {}
        }
        if let Some(t) = c.telefoon.as_deref().filter(|t| !t.trim().is_empty()) {
            if !is_phone(t) {
                e.add(
                    "contact.telefoon",
                    "Dit telefoonnummer klopt niet. Schrijf 10 cijfers, bijvoorbeeld 06 12345678.",
                    "This phone number is not right. Write 10 digits, for example 06 12345678.",
                );
            }
        }
        if let Some(m) = c.email.as_deref().filter(|t| !t.trim().is_empty()) {
            check_email(&mut e, "contact.email", m.trim());
        }
        if e.0.is_empty() {
            Ok(())
        } else {
            Err(e.0)
        }
    }

    /// Indicative facts for a ladder measurement on `date`: what the resident said they do,
    /// in the ladder's terms. What the form does not ask (support at work, responsibility in
    /// volunteering) is left unknown, so the rules ask the consultant rather than guess.
    pub fn indicative_facts(&self, date: NaiveDate) -> RawFacts {
        let find = |a: Activity| self.nu.iter().find(|d| d.soort == a);
        let per_week = |a: Activity| find(a).map_or(0.0, |d| d.hoe_vaak.per_week());
        RawFacts {
            peildatum: Some(date),
            betaald_werk: match find(Activity::BetaaldWerk) {
                None => Some(PaidWork {
                    soort: Contract::Geen,
                    uren_per_week: 0.0,
                    loonkostensubsidie: false,
                    jobcoach: false,
                    beschut_werk: false,
                    aanvullende_uitkering: false,
                    werkleertraject: false,
                }),
                Some(_) => None,
            },
            onbetaald_werk: match find(Activity::Vrijwilligerswerk) {
                None => Some(vec![]),
                Some(d) => Some(vec![UnpaidWork {
                    soort: UnpaidKind::Vrijwilligerswerk,
                    // Volunteering is, by the ladder's definition, work with responsibility
                    // towards others; the consultant checks it in the measurement.
                    verantwoordelijkheid: true,
                    contactmomenten_per_week: d.hoe_vaak.per_week(),
                }]),
            },
            mantelzorg_uren_per_week: Some(
                find(Activity::Mantelzorg).map_or(0.0, |d| d.uren_per_week.unwrap_or(0.0)),
            ),
            dagbesteding: None,
            georganiseerde_activiteiten_per_week: Some(
                per_week(Activity::Cursus) + per_week(Activity::Club),
            ),
            sociale_contacten_per_week: Some(per_week(Activity::Contacten)),
            in_bijstand_sinds: None,
            gereedheid: None,
            groeipotentieel: None,
        }
    }
}
