//! Signals from the income department: at a periodic re-examination (heronderzoek) an income
//! consultant records a short signal about a resident — "wants to take part", "situation
//! changed", "ready for work?" — that lands with the resident's team lead as a task. The
//! income consultant finds the resident by the BSN and sees no case content.

use crate::bsn::Bsn;
use crate::records::{Errors, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::codes! {
    /// What the income department noticed.
    pub enum SignalKind {
        WilMeedoen = "wil_meedoen", "wil meedoen", "wants to take part";
        SituatieGewijzigd = "situatie_gewijzigd", "situatie gewijzigd", "situation changed";
        KlaarVoorWerk = "klaar_voor_werk", "klaar voor werk?", "ready for work?";
    }
}

/// A signal as the income consultant enters it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSignal {
    pub bsn: String,
    pub soort: SignalKind,
    /// The day of the re-examination.
    #[serde(deserialize_with = "crate::day::de")]
    pub heronderzoek_op: NaiveDate,
    /// A short note (at most 500 characters; no case content is asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toelichting: Option<String>,
}

impl NewSignal {
    /// Check a signal; every problem names its field, in Dutch and English.
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Err(err) = Bsn::parse(&self.bsn) {
            e.push("bsn", err.text());
        }
        e.past_date("heronderzoek_op", self.heronderzoek_op, today);
        e.opt_text("toelichting", &self.toelichting, 500);
        if e.0.is_empty() {
            Ok(())
        } else {
            Err(e.0)
        }
    }
}
