//! Everything registered about a resident, as typed records: the resident, ladder measurements
//! (suggestion, decision, override reason), intakes over life domains (each with its reason for
//! being asked), plans, activations, progress conversations, hand-overs to the WSP, exits and
//! placements (SROI flag, durability check-points), and the resident's own self-service
//! submission. The server stores records as field maps and patches them field by field; after
//! every patch the merged record is checked here, with the same code the browser runs.
//!
//! Every problem names its field (`doelen[1].omschrijving`) and says what to do, in Dutch and
//! English. Dates are arguments ([`Context::today`]): this crate never reads the clock.

use crate::bsn::Bsn;
use crate::facts::{FactError, RawFacts};
use crate::rules::RuleSet;
use crate::schema::{SEGMENT_VALUES, TRAJECTORY_VALUES};
use crate::text::{parse_error, Text};
use crate::vocab::FieldSpec;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A problem with one field of a record.
pub type FieldError = FactError;

/// What a record is checked against: the date of today and the rules in force.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub today: NaiveDate,
    pub rules: &'a RuleSet,
}

crate::codes! {
    /// The kinds of record, with their code (the sync and storage name) and their name.
    pub enum Kind {
        Inwoner = "inwoner", "Inwoner", "Resident";
        Meting = "meting", "Laddermeting", "Ladder measurement";
        Intake = "intake", "Intake", "Intake";
        Plan = "plan", "Plan", "Plan";
        Activering = "activering", "Activering", "Activation";
        Gesprek = "gesprek", "Voortgangsgesprek", "Progress conversation";
        Overdracht = "overdracht", "Overdracht aan het WSP", "Hand-over to the WSP";
        Uitstroom = "uitstroom", "Uitstroom", "Exit";
        Plaatsing = "plaatsing", "Plaatsing in betaald werk", "Placement in paid work";
        Verwijzing = "verwijzing", "Verwijzing naar een partner", "Referral to a partner";
    }
}

impl Kind {
    /// The fields of this kind: name, input, bounds, labels and help. The record forms, the
    /// server's patch check, the audit entries and the command line read this one list.
    pub fn fields(self) -> &'static [FieldSpec] {
        crate::fields::of(self)
    }

    /// A field of this kind by name.
    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.name == name)
    }

    /// The names of this kind's fields (for audit entries).
    pub fn field_names(self) -> Vec<&'static str> {
        self.fields().iter().map(|f| f.name).collect()
    }

    /// The kind of a code from a request or an address; an unknown code is an error that
    /// names the field and lists the kinds.
    pub fn from_code(field: &str, code: &str) -> Result<Kind, FieldError> {
        Kind::parse(code).ok_or_else(|| {
            let known = Kind::ALL
                .iter()
                .map(|k| k.code())
                .collect::<Vec<_>>()
                .join(", ");
            FieldError {
                field: field.into(),
                message: Text::new(
                    format!("'{code}' is geen soort record; kies uit: {known}."),
                    format!("'{code}' is not a kind of record; choose from: {known}."),
                ),
            }
        })
    }
}

/// The resident: identity, the minimum needed to reach them, and the working facts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resident {
    pub naam: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bsn: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub geboortedatum: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub in_bijstand_sinds: Option<NaiveDate>,
    /// Waiting-list segment (codes of the flow table): geen, nu, later, niet_op_korte_termijn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wachtlijst: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefoon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feiten: Option<RawFacts>,
    /// The household as the income system knows it (the assistance norm follows from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub huishouden: Option<Household>,
    /// The end date of the benefit, when the income system has one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub uitkering_einde: Option<NaiveDate>,
    /// Set by an import: the date of the income system's file that no longer lists this
    /// resident ("assistance ended?"). A person confirms; cleared when a later file lists them.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub niet_in_bestand: Option<NaiveDate>,
}

crate::codes! {
    /// The household for the assistance norm (Participatiewet art. 21–22): the income
    /// system's category.
    pub enum Household {
        Alleenstaand = "alleenstaand", "alleenstaand", "single";
        AlleenstaandeOuder = "alleenstaande_ouder", "alleenstaande ouder", "single parent";
        GehuwdSamenwonend = "gehuwd_samenwonend", "gehuwd of samenwonend", "married or cohabiting";
    }
}

crate::codes! {
    /// Why a measurement was taken (the method asks at least at intake, each plan review and the
    /// end of a trajectory).
    pub enum Occasion {
        Intake = "intake", "intake", "intake";
        Planevaluatie = "planevaluatie", "planevaluatie", "plan review";
        EindeTraject = "einde_traject", "einde traject", "end of trajectory";
        Tussentijds = "tussentijds", "tussentijds", "interim";
    }
}

/// What the rules suggested (as shown to the consultant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    pub trede: Option<u8>,
    pub traject: Option<String>,
    #[serde(default)]
    pub wsp: Option<bool>,
    #[serde(default)]
    pub segment: Option<String>,
}

impl From<&crate::engine::Outcome> for Suggestion {
    fn from(out: &crate::engine::Outcome) -> Self {
        Suggestion {
            trede: out.trede,
            traject: out.traject.map(str::to_string),
            wsp: out.wsp,
            segment: out.segment.map(str::to_string),
        }
    }
}

/// The suggestion for a measurement on `date` with these facts, with its explanation: what the
/// consultant sees while typing, and exactly what [`check`] expects in the record.
pub fn suggest(
    rules: &RuleSet,
    facts: &RawFacts,
    date: NaiveDate,
) -> Result<
    (
        Suggestion,
        crate::engine::Outcome,
        crate::engine::Explanation,
    ),
    Vec<FieldError>,
> {
    let mut facts = facts.clone();
    facts.peildatum = Some(date);
    let situation = facts.validate()?;
    let rules = rules.at(date).map_err(|err| {
        vec![FieldError {
            field: "datum".into(),
            message: err.text(),
        }]
    })?;
    let (outcome, explanation) = crate::engine::explain(&rules, &situation);
    Ok((Suggestion::from(&outcome), outcome, explanation))
}

/// What the consultant decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub trede: u8,
    pub traject: String,
}

/// A ladder measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    #[serde(deserialize_with = "crate::day::de")]
    pub datum: NaiveDate,
    pub aanleiding: Occasion,
    pub feiten: RawFacts,
    pub suggestie: Suggestion,
    pub besluit: Decision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reden_afwijking: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groeipotentieel_trede: Option<u8>,
}

crate::codes! {
    /// Life domains (names only; scale 1 acute problems … 5 fully self-sufficient).
    pub enum LifeDomain {
        Financien = "financien", "Financiën", "Finances";
        WerkEnOpleiding = "werk_en_opleiding", "Werk en opleiding", "Work and education";
        Tijdsbesteding = "tijdsbesteding", "Tijdsbesteding", "Use of time";
        Huisvesting = "huisvesting", "Huisvesting", "Housing";
        HuiselijkeRelaties = "huiselijke_relaties", "Huiselijke relaties", "Domestic relations";
        GeestelijkeGezondheid = "geestelijke_gezondheid", "Geestelijke gezondheid", "Mental health";
        LichamelijkeGezondheid = "lichamelijke_gezondheid", "Lichamelijke gezondheid", "Physical health";
        Middelengebruik = "middelengebruik", "Middelengebruik", "Substance use";
        BasaleAdl = "basale_adl", "Basale ADL", "Basic daily living";
        InstrumenteleAdl = "instrumentele_adl", "Instrumentele ADL", "Instrumental daily living";
        SociaalNetwerk = "sociaal_netwerk", "Sociaal netwerk", "Social network";
        MaatschappelijkeParticipatie = "maatschappelijke_participatie", "Maatschappelijke participatie", "Participation in society";
        Justitie = "justitie", "Justitie", "Justice";
    }
}

/// One life domain discussed at intake, with the reason it was asked (AP 2018: every domain
/// optional and justified).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainScore {
    pub domein: LifeDomain,
    pub reden: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toelichting: Option<String>,
}

/// An intake conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    #[serde(deserialize_with = "crate::day::de")]
    pub datum: NaiveDate,
    #[serde(default)]
    pub domeinen: Vec<DomainScore>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wensen: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub omschrijving: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub streefdatum: Option<NaiveDate>,
    /// Written only when reached (as the record form always stored goals).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub behaald: bool,
}

crate::codes! {
    pub enum PlanStatus {
        Concept = "concept", "concept", "draft";
        Actief = "actief", "actief", "active";
        Afgerond = "afgerond", "afgerond", "completed";
    }
}

/// A plan with goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(deserialize_with = "crate::day::de")]
    pub datum: NaiveDate,
    pub doelen: Vec<Goal>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub evaluatiedatum: Option<NaiveDate>,
    /// Aftercare (after work or the end of an activation) runs until this target date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub nazorg_tot: Option<NaiveDate>,
    pub status: PlanStatus,
}

crate::codes! {
    /// Kinds of activation, as counted in the reports.
    pub enum ActivationKind {
        Mantelzorg = "mantelzorg", "mantelzorg", "informal care";
        Vrijwilligerswerk = "vrijwilligerswerk", "vrijwilligerswerk", "volunteering";
        Dagbesteding = "dagbesteding", "dagbesteding", "day activities";
        InzetTraject = "inzet_traject", "ingekocht traject", "bought trajectory";
        Zelfzoeker = "zelfzoeker", "zelfzoeker", "self-searcher";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activation {
    pub soort: ActivationKind,
    #[serde(deserialize_with = "crate::day::de")]
    pub start: NaiveDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub einde: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aanbieder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uren_per_week: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kosten_euro: Option<f64>,
    /// The programme or pilot this activation runs in (e.g. "Snel aan de slag").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programma: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toelichting: Option<String>,
}

crate::codes! {
    pub enum ConversationKind {
        Voortgang = "voortgang", "voortgang", "progress";
        Evaluatie = "evaluatie", "evaluatie", "review";
        Nazorg = "nazorg", "nazorg", "aftercare";
    }
}

/// A progress conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conversation {
    #[serde(deserialize_with = "crate::day::de")]
    pub datum: NaiveDate,
    pub soort: ConversationKind,
    pub verslag: String,
}

crate::codes! {
    pub enum HandoverStatus {
        Aangemeld = "aangemeld", "aangemeld", "referred";
        Geaccepteerd = "geaccepteerd", "geaccepteerd", "accepted";
        Teruggemeld = "teruggemeld", "teruggemeld", "returned";
    }
}

/// A hand-over to the employer service point (WSP).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    #[serde(deserialize_with = "crate::day::de")]
    pub datum: NaiveDate,
    pub reden: String,
    pub status: HandoverStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub werkconsulent_id: Option<i64>,
}

crate::codes! {
    pub enum ExitReason {
        Werk = "werk", "werk", "work";
        Opleiding = "opleiding", "opleiding", "education";
        Verhuizing = "verhuizing", "verhuizing", "moved away";
        AndereUitkering = "andere_uitkering", "andere uitkering", "other benefit";
        EindeBegeleiding = "einde_begeleiding", "einde begeleiding", "end of guidance";
        Overig = "overig", "overig", "other";
    }
}

/// An exit from assistance or the end of guidance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exit {
    #[serde(deserialize_with = "crate::day::de")]
    pub datum: NaiveDate,
    pub reden: ExitReason,
    #[serde(default)]
    pub via_aanpak: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toelichting: Option<String>,
}

crate::codes! {
    pub enum PlacementContract {
        Dienstverband = "dienstverband", "dienstverband", "employment";
        Zelfstandig = "zelfstandig", "zelfstandig", "self-employed";
    }
}

/// A placement in paid work, with the SROI flag and the durability check-points (CBS: still in
/// work without assistance after 6 and 18 months; the municipality also looks at 12 months).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    #[serde(deserialize_with = "crate::day::de")]
    pub start: NaiveDate,
    pub werkgever: String,
    pub contract: PlacementContract,
    pub uren_per_week: f64,
    #[serde(default)]
    pub sroi: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub uitkering_beeindigd_op: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub werkt_na_6_maanden: Option<bool>,
    /// The municipality's own check-point between the two CBS ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub werkt_na_12_maanden: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub werkt_na_18_maanden: Option<bool>,
    /// The programme or pilot this placement came through (e.g. "Snel aan de slag").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programma: Option<String>,
    /// A trial placement (proefplaatsing) preceded the job: from this day until the start.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub proefplaatsing_van: Option<NaiveDate>,
    /// Support in the job, from its start: a job coach, an adapted workplace, a wage-cost
    /// subsidy (each a provision in the CBS statistic on re-integration).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub jobcoach: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub werkplekaanpassing: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub loonkostensubsidie: bool,
    /// The last day of that support, once it ended.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub ondersteuning_tot: Option<NaiveDate>,
}

crate::codes! {
    /// Where a referral to a partner stands: requested → accepted or declined → started →
    /// completed or stopped.
    pub enum ReferralStatus {
        Aangevraagd = "aangevraagd", "aangevraagd", "requested";
        Geaccepteerd = "geaccepteerd", "geaccepteerd", "accepted";
        Afgewezen = "afgewezen", "afgewezen", "declined";
        Gestart = "gestart", "gestart", "started";
        Afgerond = "afgerond", "afgerond", "completed";
        Gestopt = "gestopt", "gestopt", "stopped";
    }
}

impl ReferralStatus {
    /// Still waiting for the partner or running: followed up when nothing happens.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ReferralStatus::Aangevraagd | ReferralStatus::Geaccepteerd | ReferralStatus::Gestart
        )
    }
}

crate::codes! {
    /// How the resident consented to sharing their details with the partner (AVG art. 6):
    /// a referral is not made without it.
    pub enum Consent {
        Mondeling = "mondeling", "mondeling gegeven (vastgelegd in dit dossier)", "given orally (recorded in this file)";
        Schriftelijk = "schriftelijk", "schriftelijk gegeven", "given in writing";
    }
}

/// A referral of a resident to a partner organisation, with its purpose, the resident's
/// consent and a date for every step it reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// The day of the request.
    #[serde(deserialize_with = "crate::day::de")]
    pub datum: NaiveDate,
    /// The partner (`crate::partners::Partner::id`).
    pub partner_id: i64,
    /// What the resident goes there for.
    pub doel: String,
    pub toestemming: Consent,
    pub status: ReferralStatus,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub geaccepteerd_op: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub afgewezen_op: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub gestart_op: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub afgerond_op: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub gestopt_op: Option<NaiveDate>,
    /// The last time the consultant asked the partner or the resident how it goes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::day::de_opt"
    )]
    pub opgevolgd_op: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toelichting: Option<String>,
}

impl Referral {
    /// The step dates with their field names, in the order of the steps.
    pub fn steps(&self) -> [(&'static str, ReferralStatus, Option<NaiveDate>); 5] {
        use ReferralStatus as S;
        [
            ("geaccepteerd_op", S::Geaccepteerd, self.geaccepteerd_op),
            ("afgewezen_op", S::Afgewezen, self.afgewezen_op),
            ("gestart_op", S::Gestart, self.gestart_op),
            ("afgerond_op", S::Afgerond, self.afgerond_op),
            ("gestopt_op", S::Gestopt, self.gestopt_op),
        ]
    }

    /// The date of the latest news: the request, a step or a follow-up.
    pub fn last_news(&self) -> NaiveDate {
        self.steps()
            .iter()
            .filter_map(|s| s.2)
            .chain(self.opgevolgd_op)
            .fold(self.datum, NaiveDate::max)
    }

    fn validate(&self, today: NaiveDate, e: &mut Errors) {
        use ReferralStatus as S;
        e.past_date("datum", self.datum, today);
        if self.partner_id < 1 {
            e.add("partner_id", "Kies een partner.", "Choose a partner.");
        }
        e.text("doel", &self.doel, 5, 500);
        e.opt_text("toelichting", &self.toelichting, 2000);
        // Which step dates each status needs; every other step date must be empty, so a
        // referral cannot be completed before it started or started after it was declined.
        let needs: &[S] = match self.status {
            S::Aangevraagd => &[],
            S::Geaccepteerd => &[S::Geaccepteerd],
            S::Afgewezen => &[S::Afgewezen],
            S::Gestart => &[S::Geaccepteerd, S::Gestart],
            S::Afgerond => &[S::Geaccepteerd, S::Gestart, S::Afgerond],
            // Stopped after acceptance, before or after the start.
            S::Gestopt => &[S::Geaccepteerd, S::Gestopt],
        };
        let status = self.status.label();
        let mut previous = ("datum", self.datum);
        for (field, step, date) in self.steps() {
            let needed = needs.contains(&step);
            let allowed = needed || (self.status == S::Gestopt && step == S::Gestart);
            match date {
                None if needed => e.add(
                    field,
                    format!("Bij de status '{}' hoort deze datum; vul hem in.", status.nl),
                    format!("The status '{}' needs this date; fill it in.", status.en),
                ),
                Some(d) if !allowed => e.add(
                    field,
                    format!(
                        "Bij de status '{}' hoort deze datum niet ({d}); maak hem leeg of kies de status '{}'.",
                        status.nl,
                        step.label().nl
                    ),
                    format!(
                        "The status '{}' does not go with this date ({d}); clear it or choose the status '{}'.",
                        status.en,
                        step.label().en
                    ),
                ),
                Some(d) => {
                    e.past_date(field, d, today);
                    let other = match previous.0 {
                        "datum" => "de aanvraag",
                        "geaccepteerd_op" => "de acceptatie",
                        "afgewezen_op" => "de afwijzing",
                        _ => "de start",
                    };
                    e.not_before(field, d, other, previous.1);
                    if step != S::Afgewezen {
                        previous = (field, d);
                    }
                }
                None => {}
            }
        }
        if let Some(d) = self.opgevolgd_op {
            e.past_date("opgevolgd_op", d, today);
            e.not_before("opgevolgd_op", d, "de aanvraag", self.datum);
        }
    }
}

/// A checked record of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Inwoner(Resident),
    Meting(Measurement),
    Intake(Intake),
    Plan(Plan),
    Activering(Activation),
    Gesprek(Conversation),
    Overdracht(Handover),
    Uitstroom(Exit),
    Plaatsing(Placement),
    Verwijzing(Referral),
}

/// A parse error at `path` as a problem with a field. A missing field is named by the message,
/// not the path: it is named as the field.
pub fn parse_problem(path: String, inner: String) -> Vec<FieldError> {
    let mut field = if path == "." { String::new() } else { path };
    if let Some(name) = inner
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        field = if field.is_empty() {
            name.to_string()
        } else {
            format!("{field}.{name}")
        };
    }
    vec![FieldError {
        field,
        message: parse_error(&inner),
    }]
}

/// Collects errors with their field paths.
#[derive(Default)]
pub(crate) struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, field: impl Into<String>, message: Text) {
        self.0.push(FieldError {
            field: field.into(),
            message,
        });
    }

    pub fn add(
        &mut self,
        field: impl Into<String>,
        nl: impl Into<std::borrow::Cow<'static, str>>,
        en: impl Into<std::borrow::Cow<'static, str>>,
    ) {
        self.0.push(FieldError {
            field: field.into(),
            message: Text::new(nl, en),
        });
    }

    /// A required free text: trimmed length within bounds, at least one visible character when
    /// required, no control characters, no bidirectional override or isolate.
    pub fn text(&mut self, field: &str, value: &str, min: usize, max: usize) {
        let n = value.trim().chars().count();
        let visible = value.chars().any(|c| !c.is_whitespace() && !invisible(c));
        if min >= 1 && n >= min && !visible {
            self.add(
                field,
                "Dit bevat geen zichtbaar teken; vul het in met gewone letters of cijfers.",
                "This has no visible character; fill it in with ordinary letters or digits.",
            );
        } else if value.chars().any(bidi_control) {
            self.add(
                field,
                "Dit bevat een onzichtbaar teken dat de leesrichting omkeert; haal het weg.",
                "This contains an invisible character that reverses the reading direction; remove it.",
            );
        }
        if n < min {
            if min <= 1 {
                self.add(field, "Vul dit veld in.", "Fill in this field.");
            } else {
                self.add(
                    field,
                    format!("Schrijf minstens {min} tekens."),
                    format!("Write at least {min} characters."),
                );
            }
        } else if n > max {
            self.add(
                field,
                format!("Dit is te lang: gebruik hoogstens {max} tekens (nu {n})."),
                format!("This is too long: use at most {max} characters (now {n})."),
            );
        }
        if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            self.add(
                field,
                "Dit bevat onzichtbare stuurtekens; haal ze weg.",
                "This contains invisible control characters; remove them.",
            );
        }
    }

    pub fn opt_text(&mut self, field: &str, value: &Option<String>, max: usize) {
        if let Some(v) = value {
            self.text(field, v, 0, max);
        }
    }

    /// A date of something that happened: from 2000 up to today.
    pub fn past_date(&mut self, field: &str, d: NaiveDate, today: NaiveDate) {
        if d.year() < 2000 {
            self.add(
                field,
                format!("{d} ligt voor 2000; controleer het jaar."),
                format!("{d} is before 2000; check the year."),
            );
        } else if d > today {
            self.add(
                field,
                format!("{d} ligt in de toekomst; vul een datum in tot en met vandaag."),
                format!("{d} is in the future; enter a date up to today."),
            );
        }
    }

    /// A planned date: from 2000 up to five years ahead.
    pub fn plan_date(&mut self, field: &str, d: NaiveDate, today: NaiveDate) {
        let limit = today + Months::new(60);
        if d.year() < 2000 || d > limit {
            self.add(
                field,
                format!("{d} ligt niet tussen 2000 en {limit}; controleer de datum."),
                format!("{d} is not between 2000 and {limit}; check the date."),
            );
        }
    }

    pub fn not_before(&mut self, field: &str, d: NaiveDate, other: &str, start: NaiveDate) {
        if d < start {
            self.add(
                field,
                format!("{d} ligt voor {other} ({start})."),
                format!("{d} is before {other} ({start})."),
            );
        }
    }

    /// A number within whole-number bounds (the message prints the bounds as integers, which
    /// keeps float formatting out of the resident's form).
    pub fn range(&mut self, field: &str, v: f64, lo: u32, hi: u32) {
        if !v.is_finite() || v < f64::from(lo) || v > f64::from(hi) {
            self.add(
                field,
                format!("Vul een getal in van {lo} tot en met {hi}."),
                format!("Enter a number from {lo} to {hi}."),
            );
        }
    }
}

/// Parse the fields of a record of `kind` (a JSON-like map, as stored) and check them.
pub fn check<'de, D>(kind: Kind, fields: D, ctx: &Context<'_>) -> Result<Record, Vec<FieldError>>
where
    D: serde::Deserializer<'de>,
{
    let record = Record::parse_from(kind, fields)?;
    record.check(ctx)?;
    Ok(record)
}

impl Record {
    /// Read the fields of a record of `kind` into its typed form (no checks beyond the types:
    /// see [`Record::check`]). Errors name the field.
    pub fn parse(kind: Kind, fields: crate::wire::Fields) -> Result<Record, Vec<FieldError>> {
        Record::parse_from(kind, serde_json::Value::Object(fields))
    }

    fn parse_from<'de, D: serde::Deserializer<'de>>(
        kind: Kind,
        fields: D,
    ) -> Result<Record, Vec<FieldError>> {
        use serde_path_to_error::deserialize as de;
        let parsed = match kind {
            Kind::Inwoner => de(fields).map(Record::Inwoner),
            Kind::Meting => de(fields).map(Record::Meting),
            Kind::Intake => de(fields).map(Record::Intake),
            Kind::Plan => de(fields).map(Record::Plan),
            Kind::Activering => de(fields).map(Record::Activering),
            Kind::Gesprek => de(fields).map(Record::Gesprek),
            Kind::Overdracht => de(fields).map(Record::Overdracht),
            Kind::Uitstroom => de(fields).map(Record::Uitstroom),
            Kind::Plaatsing => de(fields).map(Record::Plaatsing),
            Kind::Verwijzing => de(fields).map(Record::Verwijzing),
        };
        // One conversion for every kind (kept out of the per-kind code).
        parsed.map_err(|e| parse_problem(e.path().to_string(), e.into_inner().to_string()))
    }

    /// Read fields that were checked before (stored by the server, or shaped by a form from
    /// the field table) into the typed record, by reference (no copy of the fields) and
    /// without tracking the path of a problem: the
    /// light path the browser uses. A problem is reported in serde's words for the record as a
    /// whole; use [`Record::parse`] where input comes from outside and the field must be named.
    pub fn read(kind: Kind, fields: &crate::wire::Fields) -> Result<Record, String> {
        fn de<'a, T: Deserialize<'a>>(f: &'a crate::wire::Fields) -> Result<T, serde_json::Error> {
            T::deserialize(f)
        }
        let f = fields;
        let read = match kind {
            Kind::Inwoner => de(f).map(Record::Inwoner),
            Kind::Meting => de(f).map(Record::Meting),
            Kind::Intake => de(f).map(Record::Intake),
            Kind::Plan => de(f).map(Record::Plan),
            Kind::Activering => de(f).map(Record::Activering),
            Kind::Gesprek => de(f).map(Record::Gesprek),
            Kind::Overdracht => de(f).map(Record::Overdracht),
            Kind::Uitstroom => de(f).map(Record::Uitstroom),
            Kind::Plaatsing => de(f).map(Record::Plaatsing),
            Kind::Verwijzing => de(f).map(Record::Verwijzing),
        };
        read.map_err(|e| e.to_string())
    }

    /// Check a typed record against the rules of its kind; every problem names its field.
    pub fn check(&self, ctx: &Context<'_>) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        self.validate(ctx, &mut e);
        if e.0.is_empty() {
            Ok(())
        } else {
            Err(e.0)
        }
    }

    /// The record's own date: the day it happened or started (none for the resident). Reports
    /// count a record in the period of this date; files list records by it.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Record::Inwoner(_) => None,
            Record::Meting(m) => Some(m.datum),
            Record::Intake(x) => Some(x.datum),
            Record::Plan(x) => Some(x.datum),
            Record::Activering(x) => Some(x.start),
            Record::Gesprek(x) => Some(x.datum),
            Record::Overdracht(x) => Some(x.datum),
            Record::Uitstroom(x) => Some(x.datum),
            Record::Plaatsing(x) => Some(x.start),
            Record::Verwijzing(x) => Some(x.datum),
        }
    }

    /// The record's fields as stored and sent.
    pub fn to_fields(&self) -> crate::wire::Fields {
        let value = match self {
            Record::Inwoner(r) => serde_json::to_value(r),
            Record::Meting(r) => serde_json::to_value(r),
            Record::Intake(r) => serde_json::to_value(r),
            Record::Plan(r) => serde_json::to_value(r),
            Record::Activering(r) => serde_json::to_value(r),
            Record::Gesprek(r) => serde_json::to_value(r),
            Record::Overdracht(r) => serde_json::to_value(r),
            Record::Uitstroom(r) => serde_json::to_value(r),
            Record::Plaatsing(r) => serde_json::to_value(r),
            Record::Verwijzing(r) => serde_json::to_value(r),
        };
        match value {
            Ok(serde_json::Value::Object(m)) => m,
            _ => crate::wire::Fields::new(),
        }
    }
}

fn facts(e: &mut Errors, prefix: &str, f: &RawFacts) {
    if let Err(list) = f.validate() {
        for x in list {
            e.0.push(FieldError {
                field: format!("{prefix}.{}", x.field),
                message: x.message,
            });
        }
    }
}

impl Record {
    fn validate(&self, ctx: &Context<'_>, e: &mut Errors) {
        let today = ctx.today;
        match self {
            Record::Inwoner(r) => {
                e.text("naam", &r.naam, 1, 100);
                if let Some(b) = &r.bsn {
                    if let Err(err) = Bsn::parse(b) {
                        e.push("bsn", err.text());
                    }
                }
                if let Some(d) = r.geboortedatum {
                    let age = today.years_since(d);
                    if d.year() < 1900 || d > today {
                        e.add(
                            "geboortedatum",
                            format!("{d} kan geen geboortedatum zijn; controleer het jaar."),
                            format!("{d} cannot be a date of birth; check the year."),
                        );
                    } else if age.is_none_or(|a| !(15..=110).contains(&a)) {
                        e.add(
                            "geboortedatum",
                            "Met deze geboortedatum is de inwoner jonger dan 15 jaar; controleer de datum.",
                            "This date of birth makes the resident younger than 15; check the date.",
                        );
                    }
                }
                if let Some(d) = r.in_bijstand_sinds {
                    e.past_date("in_bijstand_sinds", d, today);
                }
                if let Some(d) = r.uitkering_einde {
                    e.plan_date("uitkering_einde", d, today);
                }
                if let (Some(end), Some(start)) = (r.uitkering_einde, r.in_bijstand_sinds) {
                    e.not_before("uitkering_einde", end, "in_bijstand_sinds", start);
                }
                if let Some(d) = r.niet_in_bestand {
                    e.past_date("niet_in_bestand", d, today);
                }
                if let Some(s) = &r.wachtlijst {
                    if !SEGMENT_VALUES.iter().any(|v| v.code == s) {
                        e.add(
                            "wachtlijst",
                            format!("'{s}' is geen wachtlijstgroep; kies geen, nu, later of niet_op_korte_termijn."),
                            format!("'{s}' is not a waiting-list group; choose geen, nu, later or niet_op_korte_termijn."),
                        );
                    }
                }
                if let Some(t) = &r.telefoon {
                    if !is_phone(t) {
                        e.add(
                            "telefoon",
                            "Vul een telefoonnummer in met 10 cijfers, bijvoorbeeld 06 12345678.",
                            "Enter a phone number of 10 digits, for example 06 12345678.",
                        );
                    }
                }
                if let Some(m) = &r.email {
                    check_email(e, "email", m);
                }
                if let Some(f) = &r.feiten {
                    facts(e, "feiten", f);
                }
            }
            Record::Meting(m) => {
                e.past_date("datum", m.datum, today);
                if m.feiten.peildatum != Some(m.datum) {
                    e.add(
                        "feiten.peildatum",
                        "De peildatum van de feiten moet gelijk zijn aan de datum van de meting.",
                        "The date of the facts must equal the date of the measurement.",
                    );
                }
                facts(e, "feiten", &m.feiten);
                if !(1..=6).contains(&m.besluit.trede) {
                    e.add(
                        "besluit.trede",
                        "Kies een trede van 1 tot en met 6.",
                        "Choose a step from 1 to 6.",
                    );
                }
                if !TRAJECTORY_VALUES
                    .iter()
                    .any(|v| v.code == m.besluit.traject)
                {
                    e.add(
                        "besluit.traject",
                        "Kies zorg, participatie of werk.",
                        "Choose zorg, participatie or werk.",
                    );
                }
                if let Some(g) = m.groeipotentieel_trede {
                    if !(1..=6).contains(&g) {
                        e.add(
                            "groeipotentieel_trede",
                            "Kies een trede van 1 tot en met 6.",
                            "Choose a step from 1 to 6.",
                        );
                    }
                }
                e.opt_text("reden_afwijking", &m.reden_afwijking, 2000);
                if !e.0.is_empty() {
                    return;
                }
                // The suggestion must be what the rules in force on that date give.
                let Ok(situation) = m.feiten.validate() else {
                    return;
                };
                let rules = match ctx.rules.at(m.datum) {
                    Ok(r) => r,
                    Err(err) => {
                        e.push("datum", err.text());
                        return;
                    }
                };
                let expected = Suggestion::from(&crate::engine::assess(&rules, &situation));
                if m.suggestie != expected {
                    e.add(
                        "suggestie",
                        format!(
                            "De suggestie komt niet overeen met de regels ({}): die geven trede {} en traject {}. Laat de suggestie opnieuw berekenen.",
                            rules.versions(),
                            expected.trede.map_or("onbekend".into(), |t| t.to_string()),
                            expected.traject.as_deref().unwrap_or("onbekend")
                        ),
                        format!(
                            "The suggestion does not match the rules ({}): they give step {} and trajectory {}. Recompute the suggestion.",
                            rules.versions(),
                            expected.trede.map_or("unknown".into(), |t| t.to_string()),
                            expected.traject.as_deref().unwrap_or("unknown")
                        ),
                    );
                    return;
                }
                if m.is_override()
                    && m.reden_afwijking
                        .as_deref()
                        .is_none_or(|r| r.trim().chars().count() < 10)
                {
                    e.add(
                        "reden_afwijking",
                        "U wijkt af van de suggestie: schrijf in minstens 10 tekens waarom.",
                        "You deviate from the suggestion: write why, in at least 10 characters.",
                    );
                }
            }
            Record::Intake(i) => {
                e.past_date("datum", i.datum, today);
                for (n, d) in i.domeinen.iter().enumerate() {
                    let f = format!("domeinen[{n}]");
                    if i.domeinen[..n].iter().any(|o| o.domein == d.domein) {
                        e.add(
                            format!("{f}.domein"),
                            "Dit leefgebied staat er al; noem elk leefgebied één keer.",
                            "This life domain is listed already; list each domain once.",
                        );
                    }
                    if d.reden.trim().chars().count() < 5 {
                        e.add(
                            format!("{f}.reden"),
                            "Schrijf waarom dit leefgebied besproken wordt (minstens 5 tekens); zonder reden wordt het niet vastgelegd.",
                            "Write why this life domain is discussed (at least 5 characters); without a reason it is not recorded.",
                        );
                    } else {
                        e.text(&format!("{f}.reden"), &d.reden, 5, 500);
                    }
                    if let Some(s) = d.score {
                        if !(1..=5).contains(&s) {
                            e.add(
                                format!("{f}.score"),
                                "Kies een score van 1 (acute problemen) tot en met 5 (volledig zelfredzaam).",
                                "Choose a score from 1 (acute problems) to 5 (fully self-sufficient).",
                            );
                        }
                    }
                    e.opt_text(&format!("{f}.toelichting"), &d.toelichting, 2000);
                }
                e.opt_text("wensen", &i.wensen, 2000);
            }
            Record::Plan(p) => {
                e.past_date("datum", p.datum, today);
                if p.doelen.is_empty() {
                    e.add(
                        "doelen",
                        "Een plan heeft minstens één doel.",
                        "A plan has at least one goal.",
                    );
                }
                if p.doelen.len() > 20 {
                    e.add(
                        "doelen",
                        "Een plan heeft hoogstens 20 doelen.",
                        "A plan has at most 20 goals.",
                    );
                }
                for (n, g) in p.doelen.iter().enumerate() {
                    e.text(
                        &format!("doelen[{n}].omschrijving"),
                        &g.omschrijving,
                        3,
                        500,
                    );
                    if let Some(d) = g.streefdatum {
                        e.plan_date(&format!("doelen[{n}].streefdatum"), d, today);
                        e.not_before(
                            &format!("doelen[{n}].streefdatum"),
                            d,
                            "de plandatum",
                            p.datum,
                        );
                    }
                }
                if let Some(d) = p.evaluatiedatum {
                    e.plan_date("evaluatiedatum", d, today);
                    e.not_before("evaluatiedatum", d, "de plandatum", p.datum);
                }
                if let Some(d) = p.nazorg_tot {
                    e.plan_date("nazorg_tot", d, today);
                    e.not_before("nazorg_tot", d, "de plandatum", p.datum);
                }
            }
            Record::Activering(a) => {
                e.past_date("start", a.start, today);
                if let Some(d) = a.einde {
                    e.plan_date("einde", d, today);
                    e.not_before("einde", d, "de start", a.start);
                }
                if a.soort == ActivationKind::InzetTraject
                    && a.aanbieder.as_deref().is_none_or(|s| s.trim().is_empty())
                {
                    e.add(
                        "aanbieder",
                        "Vul de aanbieder in van het ingekochte traject.",
                        "Enter the provider of the bought trajectory.",
                    );
                }
                e.opt_text("aanbieder", &a.aanbieder, 200);
                if let Some(h) = a.uren_per_week {
                    e.range("uren_per_week", h, 0, 100);
                }
                if let Some(k) = a.kosten_euro {
                    e.range("kosten_euro", k, 0, 1_000_000);
                }
                e.opt_text("programma", &a.programma, 100);
                e.opt_text("toelichting", &a.toelichting, 2000);
            }
            Record::Gesprek(g) => {
                e.past_date("datum", g.datum, today);
                e.text("verslag", &g.verslag, 1, 5000);
            }
            Record::Overdracht(o) => {
                e.past_date("datum", o.datum, today);
                e.text("reden", &o.reden, 3, 2000);
                if o.werkconsulent_id.is_some_and(|w| w < 1) {
                    e.add(
                        "werkconsulent_id",
                        "Een gebruikersnummer is 1 of hoger.",
                        "A user number is 1 or higher.",
                    );
                }
            }
            Record::Uitstroom(x) => {
                e.past_date("datum", x.datum, today);
                e.opt_text("toelichting", &x.toelichting, 2000);
            }
            Record::Plaatsing(p) => {
                e.past_date("start", p.start, today);
                e.text("werkgever", &p.werkgever, 2, 200);
                e.range("uren_per_week", p.uren_per_week, 1, 60);
                e.opt_text("programma", &p.programma, 100);
                if let Some(d) = p.uitkering_beeindigd_op {
                    e.plan_date("uitkering_beeindigd_op", d, today);
                    e.not_before(
                        "uitkering_beeindigd_op",
                        d,
                        "de start van het werk",
                        p.start - Months::new(1),
                    );
                }
                if let Some(d) = p.proefplaatsing_van {
                    e.past_date("proefplaatsing_van", d, today);
                    if d >= p.start || d < p.start - Months::new(6) {
                        e.add(
                            "proefplaatsing_van",
                            format!("Een proefplaatsing gaat aan de start van het werk ({}) vooraf en duurt hoogstens 6 maanden; kies een datum daarvoor.", p.start),
                            format!("A trial placement precedes the start of the job ({}) and lasts at most 6 months; choose a date before it.", p.start),
                        );
                    }
                }
                if let Some(d) = p.ondersteuning_tot {
                    e.plan_date("ondersteuning_tot", d, today);
                    e.not_before("ondersteuning_tot", d, "de start van het werk", p.start);
                    if !(p.jobcoach || p.werkplekaanpassing || p.loonkostensubsidie) {
                        e.add(
                            "ondersteuning_tot",
                            "Er is geen ondersteuning aangevinkt (jobcoach, werkplekaanpassing of loonkostensubsidie); vink die aan of maak deze datum leeg.",
                            "No support is ticked (job coach, workplace adaptation or wage-cost subsidy); tick it or clear this date.",
                        );
                    }
                }
                for (field, months, filled) in [
                    ("werkt_na_6_maanden", 6, p.werkt_na_6_maanden),
                    ("werkt_na_12_maanden", 12, p.werkt_na_12_maanden),
                    ("werkt_na_18_maanden", 18, p.werkt_na_18_maanden),
                ] {
                    let due = p.start + Months::new(months);
                    if filled.is_some() && due > today {
                        e.add(
                            field,
                            format!("Dit controlemoment is pas op {due}; vul het dan in."),
                            format!("This check-point is only due on {due}; fill it in then."),
                        );
                    }
                }
            }
            Record::Verwijzing(r) => r.validate(today, e),
        }
    }

    /// The kind of this record.
    pub fn kind(&self) -> Kind {
        match self {
            Record::Inwoner(_) => Kind::Inwoner,
            Record::Meting(_) => Kind::Meting,
            Record::Intake(_) => Kind::Intake,
            Record::Plan(_) => Kind::Plan,
            Record::Activering(_) => Kind::Activering,
            Record::Gesprek(_) => Kind::Gesprek,
            Record::Overdracht(_) => Kind::Overdracht,
            Record::Uitstroom(_) => Kind::Uitstroom,
            Record::Plaatsing(_) => Kind::Plaatsing,
            Record::Verwijzing(_) => Kind::Verwijzing,
        }
    }
}

impl Measurement {
    /// Whether the decision differs from a suggested step or trajectory.
    pub fn is_override(&self) -> bool {
        self.suggestie
            .trede
            .is_some_and(|t| t != self.besluit.trede)
            || self
                .suggestie
                .traject
                .as_deref()
                .is_some_and(|t| t != self.besluit.traject)
    }
}

/// A plausible phone number: 9 to 15 digits, with spaces, `+`, `-` or brackets between.
pub(crate) fn is_phone(t: &str) -> bool {
    let digits = t.chars().filter(char::is_ascii_digit).count();
    (9..=15).contains(&digits) && t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
}

pub(crate) fn check_email(e: &mut Errors, field: &str, m: &str) {
    let ok = m.len() <= 254
        && m.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !m.chars().any(|c| c.is_whitespace() || c.is_control())
                && !host.contains('@')
        });
    if !ok {
        e.add(
            field,
            "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
            "Enter an email address like name@example.nl.",
        );
    }
}

/// Check a record's id as chosen by a client (offline-created records need one before the
/// server has seen them): 1–64 letters, digits, hyphens or underscores.
pub fn check_id(id: &str) -> Result<(), FieldError> {
    if (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(())
    } else {
        Err(FieldError {
            field: "id".into(),
            message: Text::new(
                "Een id bestaat uit 1 tot 64 letters, cijfers, streepjes of liggende streepjes.",
                "An id is 1 to 64 letters, digits, hyphens or underscores.",
            ),
        })
    }
}

/// Characters that take no room on screen: zero-width spaces and joiners, the word joiner, the
/// byte-order mark, the soft hyphen, and bidirectional marks, overrides and isolates.
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
        || bidi_control(c)
}

/// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they can
/// make a name read differently from what is stored.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
