//! The municipality's partner organisations that residents are referred to — the volunteer
//! centre, welfare, the library (language lessons), providers — kept by the administrator, and
//! the follow-up of a referral: when nothing happened for the partner's number of weeks, the
//! referral is due for a follow-up on the caseload. Referrals themselves are records
//! ([`crate::records::Referral`]).

use crate::records::{Errors, FieldError, Referral};
use crate::text::Text;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

crate::codes! {
    /// What kind of organisation a partner is.
    pub enum PartnerKind {
        Vrijwilligerscentrale = "vrijwilligerscentrale", "vrijwilligerscentrale", "volunteer centre";
        Welzijn = "welzijn", "welzijnsorganisatie", "welfare organisation";
        Bibliotheek = "bibliotheek", "bibliotheek (taal en digitale vaardigheden)", "library (language and digital skills)";
        Aanbieder = "aanbieder", "aanbieder van re-integratie of zorg", "provider of re-integration or care";
        Overig = "overig", "overig", "other";
    }
}

/// Weeks without news after which a referral is followed up, when a partner does not set its
/// own.
pub const DEFAULT_FOLLOW_UP_WEEKS: u8 = 4;

/// A partner organisation as the administrator keeps it (and as every consultant's browser
/// keeps it for referring offline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Given by the server; 0 for a partner not saved yet.
    #[serde(default)]
    pub id: i64,
    pub naam: String,
    pub soort: PartnerKind,
    /// What residents go there for (shown when choosing the partner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omschrijving: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefoon: Option<String>,
    /// Weeks without news before a referral to this partner is due for a follow-up (1–26).
    pub opvolgen_na_weken: u8,
    /// Takes new referrals. A partner is never deleted: old referrals keep pointing at it.
    pub actief: bool,
    /// Optimistic concurrency: the version the change was made on (0 for a new partner).
    #[serde(default)]
    pub versie: i64,
}

impl Partner {
    /// Check a partner as entered; every problem names its field.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.text("naam", &self.naam, 2, 100);
        e.opt_text("omschrijving", &self.omschrijving, 300);
        if let Some(m) = self.email.as_deref() {
            crate::records::check_email(&mut e, "email", m);
        }
        if let Some(t) = self.telefoon.as_deref() {
            if !crate::records::is_phone(t) {
                e.add(
                    "telefoon",
                    "Vul een telefoonnummer in met 10 cijfers, bijvoorbeeld 070 1234567.",
                    "Enter a phone number of 10 digits, for example 070 1234567.",
                );
            }
        }
        if !(1..=26).contains(&self.opvolgen_na_weken) {
            e.add(
                "opvolgen_na_weken",
                "Kies een aantal weken van 1 tot en met 26.",
                "Choose a number of weeks from 1 to 26.",
            );
        }
        if e.0.is_empty() {
            Ok(())
        } else {
            Err(e.0)
        }
    }

    /// The partner's name and kind in one line, for choosing.
    pub fn title(&self) -> Text {
        let k = self.soort.label();
        Text::new(
            format!("{} ({})", self.naam, k.nl),
            format!("{} ({})", self.naam, k.en),
        )
    }
}

/// The partner of a referral in a list (`None` when the list does not hold it).
pub fn find(partners: &[Partner], id: i64) -> Option<&Partner> {
    partners.iter().find(|p| p.id == id)
}

/// The day a referral is due for a follow-up: its last news plus the partner's weeks, while
/// the referral is still open. `None` for a closed referral.
pub fn follow_up_on(r: &Referral, partners: &[Partner]) -> Option<NaiveDate> {
    if !r.status.is_open() {
        return None;
    }
    let weeks =
        find(partners, r.partner_id).map_or(DEFAULT_FOLLOW_UP_WEEKS, |p| p.opvolgen_na_weken);
    r.last_news()
        .checked_add_days(Days::new(u64::from(weeks) * 7))
}

/// Since when a referral waits for a follow-up, when it does on `today`.
pub fn follow_up_due(r: &Referral, partners: &[Partner], today: NaiveDate) -> Option<NaiveDate> {
    follow_up_on(r, partners).filter(|d| *d <= today)
}
