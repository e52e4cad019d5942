//! The fields of every kind of record ([`Kind::fields`]): names as stored, Dutch and English
//! labels, input type and the bounds the checks in `records.rs` enforce (a test walks the
//! bounds against the checks, so the two cannot drift apart).

use crate::records::{
    ActivationKind, Consent, ConversationKind, ExitReason, HandoverStatus, Kind, Occasion,
    PlacementContract, PlanStatus, ReferralStatus,
};
use crate::schema::SEGMENT_VALUES;
use crate::vocab::{field, helped, FieldSpec, Input};

const DATE: Input = Input::Date;
const fn text(min: usize, max: usize) -> Input {
    Input::Text { min, max }
}
const fn long(min: usize, max: usize) -> Input {
    Input::Long { min, max }
}
const fn number(min: f64, max: f64) -> Input {
    Input::Number { min, max }
}

/// The programme or pilot an activation or a placement runs in (counted per programme in the
/// report).
const PROGRAMMA: FieldSpec = helped(
    "programma",
    "Programma of pilot",
    "Programme or pilot",
    text(0, 100),
    false,
    "Bijvoorbeeld ‘Snel aan de slag’; de rapportage telt per programma.",
    "For example ‘Snel aan de slag’; the report counts per programme.",
);

const INWONER: &[FieldSpec] = &[
    field("naam", "Naam", "Name", text(1, 100), true),
    helped(
        "bsn",
        "BSN",
        "Citizen service number (BSN)",
        text(8, 11),
        false,
        "8 of 9 cijfers; het nummer moet de elfproef doorstaan.",
        "8 or 9 digits; the number must pass the 11-check.",
    ),
    field(
        "geboortedatum",
        "Geboortedatum",
        "Date of birth",
        DATE,
        false,
    ),
    field(
        "in_bijstand_sinds",
        "In bijstand sinds",
        "On assistance since",
        DATE,
        false,
    ),
    field(
        "wachtlijst",
        "Wachtlijstgroep",
        "Waiting-list group",
        Input::Choice(SEGMENT_VALUES),
        false,
    ),
    field("telefoon", "Telefoon", "Phone", text(0, 20), false),
    field("email", "E-mail", "Email", text(0, 254), false),
    field(
        "huishouden",
        "Huishouden",
        "Household",
        Input::Choice(crate::records::Household::CHOICES),
        false,
    ),
    field(
        "uitkering_einde",
        "Einddatum uitkering",
        "End date of the benefit",
        DATE,
        false,
    ),
    helped(
        "niet_in_bestand",
        "Niet meer in het bestand van Inkomen sinds",
        "No longer in the income department's file since",
        DATE,
        false,
        "Gezet door de import: het bestand van die datum noemde de inwoner niet meer. Is de bijstand beëindigd? Bevestig dat op de importpagina, of maak dit veld leeg als de inwoner nog bijstand heeft.",
        "Set by the import: the file of that date no longer listed the resident. Has assistance ended? Confirm on the import page, or clear this field when the resident still receives assistance.",
    ),
    field("feiten", "Feiten", "Facts", Input::Structured, false),
];

const METING: &[FieldSpec] = &[
    field("datum", "Datum", "Date", DATE, true),
    field(
        "aanleiding",
        "Aanleiding",
        "Occasion",
        Input::Choice(Occasion::CHOICES),
        true,
    ),
    field("feiten", "Feiten", "Facts", Input::Structured, true),
    field(
        "suggestie",
        "Suggestie van de regels",
        "Suggestion of the rules",
        Input::Structured,
        true,
    ),
    field(
        "besluit",
        "Besluit van de consulent",
        "The consultant's decision",
        Input::Structured,
        true,
    ),
    helped(
        "reden_afwijking",
        "Reden van afwijken",
        "Reason for deviating",
        long(0, 2000),
        false,
        "Verplicht als u afwijkt van de suggestie: minstens 10 tekens.",
        "Required when you deviate from the suggestion: at least 10 characters.",
    ),
    field(
        "groeipotentieel_trede",
        "Groeipotentieel: haalbare trede",
        "Growth potential: reachable step",
        Input::Int { min: 1, max: 6 },
        false,
    ),
];

const INTAKE: &[FieldSpec] = &[
    field("datum", "Datum", "Date", DATE, true),
    field(
        "domeinen",
        "Leefgebieden (elk optioneel)",
        "Life domains (each optional)",
        Input::Domains,
        false,
    ),
    field(
        "wensen",
        "Wensen van de inwoner",
        "The resident's wishes",
        long(0, 2000),
        false,
    ),
];

const PLAN: &[FieldSpec] = &[
    field("datum", "Datum", "Date", DATE, true),
    field(
        "doelen",
        "Doelen (één per regel)",
        "Goals (one per line)",
        Input::Goals,
        true,
    ),
    field(
        "evaluatiedatum",
        "Evaluatiedatum",
        "Review date",
        DATE,
        false,
    ),
    field(
        "nazorg_tot",
        "Nazorg tot (streefdatum)",
        "Aftercare until (target date)",
        DATE,
        false,
    ),
    field(
        "status",
        "Status",
        "Status",
        Input::Choice(PlanStatus::CHOICES),
        true,
    ),
];

const ACTIVERING: &[FieldSpec] = &[
    field(
        "soort",
        "Soort",
        "Kind",
        Input::Choice(ActivationKind::CHOICES),
        true,
    ),
    field("start", "Start", "Start", DATE, true),
    field("einde", "Einde (gepland)", "End (planned)", DATE, false),
    helped(
        "aanbieder",
        "Aanbieder",
        "Provider",
        text(0, 200),
        false,
        "Verplicht bij een ingekocht traject.",
        "Required for a bought trajectory.",
    ),
    field(
        "uren_per_week",
        "Uren per week",
        "Hours a week",
        number(0.0, 100.0),
        false,
    ),
    field(
        "kosten_euro",
        "Kosten (euro, ingekocht traject)",
        "Cost (euro, bought trajectory)",
        number(0.0, 1_000_000.0),
        false,
    ),
    PROGRAMMA,
    field("toelichting", "Toelichting", "Notes", long(0, 2000), false),
];

const GESPREK: &[FieldSpec] = &[
    field("datum", "Datum", "Date", DATE, true),
    field(
        "soort",
        "Soort",
        "Kind",
        Input::Choice(ConversationKind::CHOICES),
        true,
    ),
    field("verslag", "Verslag", "Report", long(1, 5000), true),
];

const OVERDRACHT: &[FieldSpec] = &[
    field("datum", "Datum", "Date", DATE, true),
    field("reden", "Reden", "Reason", long(3, 2000), true),
    field(
        "status",
        "Status",
        "Status",
        Input::Choice(HandoverStatus::CHOICES),
        true,
    ),
    field(
        "werkconsulent_id",
        "Werkconsulent (nummer)",
        "Work consultant (number)",
        Input::Int {
            min: 1,
            max: i64::MAX,
        },
        false,
    ),
];

const UITSTROOM: &[FieldSpec] = &[
    field("datum", "Datum", "Date", DATE, true),
    field(
        "reden",
        "Reden",
        "Reason",
        Input::Choice(ExitReason::CHOICES),
        true,
    ),
    field(
        "via_aanpak",
        "Via deze aanpak",
        "Through this approach",
        Input::Bool,
        false,
    ),
    field("toelichting", "Toelichting", "Notes", long(0, 2000), false),
];

const PLAATSING: &[FieldSpec] = &[
    field("start", "Startdatum", "Start date", DATE, true),
    field("werkgever", "Werkgever", "Employer", text(2, 200), true),
    field(
        "contract",
        "Contract",
        "Contract",
        Input::Choice(PlacementContract::CHOICES),
        true,
    ),
    field(
        "uren_per_week",
        "Uren per week",
        "Hours a week",
        number(1.0, 60.0),
        true,
    ),
    field(
        "sroi",
        "Via social return (SROI)",
        "Through social return (SROI)",
        Input::Bool,
        false,
    ),
    field(
        "uitkering_beeindigd_op",
        "Uitkering beëindigd op",
        "Benefit ended on",
        DATE,
        false,
    ),
    helped(
        "werkt_na_6_maanden",
        "Werkt na 6 maanden nog",
        "Still working after 6 months",
        Input::YesNo,
        false,
        "In te vullen vanaf 6 maanden na de start.",
        "To fill in from 6 months after the start.",
    ),
    helped(
        "werkt_na_12_maanden",
        "Werkt na 12 maanden nog",
        "Still working after 12 months",
        Input::YesNo,
        false,
        "In te vullen vanaf 12 maanden na de start.",
        "To fill in from 12 months after the start.",
    ),
    helped(
        "werkt_na_18_maanden",
        "Werkt na 18 maanden nog",
        "Still working after 18 months",
        Input::YesNo,
        false,
        "In te vullen vanaf 18 maanden na de start.",
        "To fill in from 18 months after the start.",
    ),
    PROGRAMMA,
    helped(
        "proefplaatsing_van",
        "Proefplaatsing vooraf, vanaf",
        "Trial placement before, from",
        DATE,
        false,
        "Alleen als er een proefplaatsing aan het werk voorafging: de eerste dag ervan.",
        "Only when a trial placement preceded the job: its first day.",
    ),
    field("jobcoach", "Met jobcoach", "With a job coach", Input::Bool, false),
    field(
        "werkplekaanpassing",
        "Met werkplekaanpassing",
        "With an adapted workplace",
        Input::Bool,
        false,
    ),
    field(
        "loonkostensubsidie",
        "Met loonkostensubsidie",
        "With a wage-cost subsidy",
        Input::Bool,
        false,
    ),
    helped(
        "ondersteuning_tot",
        "Ondersteuning tot en met",
        "Support until",
        DATE,
        false,
        "De laatste dag van jobcoach, werkplekaanpassing of loonkostensubsidie, als die voorbij is.",
        "The last day of the job coach, adapted workplace or wage-cost subsidy, once it ended.",
    ),
];

const VERWIJZING: &[FieldSpec] = &[
    field("datum", "Datum van de aanvraag", "Date of the request", DATE, true),
    field("partner_id", "Partner", "Partner", Input::Partner, true),
    helped(
        "doel",
        "Doel van de verwijzing",
        "Purpose of the referral",
        long(5, 500),
        true,
        "Waarvoor gaat de inwoner erheen? Bijvoorbeeld ‘vrijwilligerswerk in de buurt, twee ochtenden per week’.",
        "What does the resident go there for? For example ‘volunteering nearby, two mornings a week’.",
    ),
    helped(
        "toestemming",
        "Toestemming van de inwoner",
        "The resident's consent",
        Input::Choice(Consent::CHOICES),
        true,
        "De inwoner stemt ermee in dat naam en contactgegevens aan de partner worden doorgegeven. Zonder toestemming geen verwijzing.",
        "The resident agrees that their name and contact details are passed to the partner. No consent, no referral.",
    ),
    field(
        "status",
        "Status",
        "Status",
        Input::Choice(ReferralStatus::CHOICES),
        true,
    ),
    field("geaccepteerd_op", "Geaccepteerd op", "Accepted on", DATE, false),
    field("afgewezen_op", "Afgewezen op", "Declined on", DATE, false),
    field("gestart_op", "Gestart op", "Started on", DATE, false),
    field("afgerond_op", "Afgerond op", "Completed on", DATE, false),
    field("gestopt_op", "Gestopt op", "Stopped on", DATE, false),
    helped(
        "opgevolgd_op",
        "Laatst opgevolgd op",
        "Last followed up on",
        DATE,
        false,
        "Vul de datum in waarop u bij de partner of de inwoner navroeg hoe het gaat; de herinnering op de caseload telt vanaf het laatste nieuws.",
        "Enter the day you asked the partner or the resident how it goes; the reminder on the caseload counts from the latest news.",
    ),
    field("toelichting", "Toelichting", "Notes", long(0, 2000), false),
];

pub(crate) fn of(kind: Kind) -> &'static [FieldSpec] {
    match kind {
        Kind::Inwoner => INWONER,
        Kind::Meting => METING,
        Kind::Intake => INTAKE,
        Kind::Plan => PLAN,
        Kind::Activering => ACTIVERING,
        Kind::Gesprek => GESPREK,
        Kind::Overdracht => OVERDRACHT,
        Kind::Uitstroom => UITSTROOM,
        Kind::Plaatsing => PLAATSING,
        Kind::Verwijzing => VERWIJZING,
    }
}
