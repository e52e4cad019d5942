//! What each kind of record asks, for the record forms and the resident's file: label, input
//! type and choices per field. The checks themselves are the domain crate's (`records::check`),
//! run here before sending and again by the server.

use meedoen_domain::records::LifeDomain;

/// The input a field gets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Input {
    Date,
    Text,
    Long,
    Number,
    Int,
    Bool,
    /// Yes / no / not known yet.
    YesNo,
    Choice(&'static [(&'static str, &'static str, &'static str)]),
    /// One goal per line.
    Goals,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
    pub input: Input,
}

const fn f(name: &'static str, nl: &'static str, en: &'static str, input: Input) -> Field {
    Field {
        name,
        nl,
        en,
        input,
    }
}

pub const PLAN_STATUS: &[(&str, &str, &str)] = &[
    ("concept", "concept", "draft"),
    ("actief", "actief", "active"),
    ("afgerond", "afgerond", "completed"),
];
pub const ACTIVATION: &[(&str, &str, &str)] = &[
    ("mantelzorg", "mantelzorg", "informal care"),
    ("vrijwilligerswerk", "vrijwilligerswerk", "volunteering"),
    ("dagbesteding", "dagbesteding", "day activities"),
    ("inzet_traject", "ingekocht traject", "bought trajectory"),
    ("zelfzoeker", "zelfzoeker", "self-searcher"),
];
pub const CONVERSATION: &[(&str, &str, &str)] = &[
    ("voortgang", "voortgang", "progress"),
    ("evaluatie", "evaluatie", "review"),
    ("nazorg", "nazorg", "aftercare"),
];
pub const HANDOVER: &[(&str, &str, &str)] = &[
    ("aangemeld", "aangemeld", "referred"),
    ("geaccepteerd", "geaccepteerd", "accepted"),
    ("teruggemeld", "teruggemeld", "returned"),
];
pub const EXIT: &[(&str, &str, &str)] = &[
    ("werk", "werk", "work"),
    ("opleiding", "opleiding", "education"),
    ("verhuizing", "verhuizing", "moved away"),
    ("andere_uitkering", "andere uitkering", "other benefit"),
    ("einde_begeleiding", "einde begeleiding", "end of guidance"),
    ("overig", "overig", "other"),
];
pub const CONTRACT: &[(&str, &str, &str)] = &[
    ("dienstverband", "dienstverband", "employment"),
    ("zelfstandig", "zelfstandig", "self-employed"),
];

/// Kinds a consultant adds from the resident's file, with their names.
pub const KINDS: &[(&str, &str, &str)] = &[
    ("intake", "Intake", "Intake"),
    ("plan", "Plan", "Plan"),
    ("activering", "Activering", "Activation"),
    ("gesprek", "Voortgangsgesprek", "Progress conversation"),
    (
        "overdracht",
        "Overdracht aan het WSP",
        "Hand-over to the WSP",
    ),
    ("uitstroom", "Uitstroom", "Exit"),
    (
        "plaatsing",
        "Plaatsing in betaald werk",
        "Placement in paid work",
    ),
];

pub fn kind_name(kind: &str, nl: bool) -> &'static str {
    KINDS
        .iter()
        .find(|k| k.0 == kind)
        .map_or("?", |k| if nl { k.1 } else { k.2 })
}

use Input::*;
const F_INTAKE: &[Field] = &[
    f("datum", "Datum", "Date", Date),
    f(
        "wensen",
        "Wensen van de inwoner",
        "The resident's wishes",
        Long,
    ),
];
const F_PLAN: &[Field] = &[
    f("datum", "Datum", "Date", Date),
    f(
        "doelen",
        "Doelen (één per regel)",
        "Goals (one per line)",
        Goals,
    ),
    f("evaluatiedatum", "Evaluatiedatum", "Review date", Date),
    f(
        "nazorg_tot",
        "Nazorg tot (streefdatum)",
        "Aftercare until (target date)",
        Date,
    ),
    f("status", "Status", "Status", Choice(PLAN_STATUS)),
];
const F_ACTIVERING: &[Field] = &[
    f("soort", "Soort", "Kind", Choice(ACTIVATION)),
    f("start", "Start", "Start", Date),
    f("einde", "Einde (gepland)", "End (planned)", Date),
    f("aanbieder", "Aanbieder", "Provider", Text),
    f("uren_per_week", "Uren per week", "Hours a week", Number),
    f(
        "kosten_euro",
        "Kosten (euro, ingekocht traject)",
        "Cost (euro, bought trajectory)",
        Number,
    ),
    f("toelichting", "Toelichting", "Notes", Long),
];
const F_GESPREK: &[Field] = &[
    f("datum", "Datum", "Date", Date),
    f("soort", "Soort", "Kind", Choice(CONVERSATION)),
    f("verslag", "Verslag", "Report", Long),
];
const F_OVERDRACHT: &[Field] = &[
    f("datum", "Datum", "Date", Date),
    f("reden", "Reden", "Reason", Long),
    f("status", "Status", "Status", Choice(HANDOVER)),
    f(
        "werkconsulent_id",
        "Werkconsulent (nummer)",
        "Work consultant (number)",
        Int,
    ),
];
const F_UITSTROOM: &[Field] = &[
    f("datum", "Datum", "Date", Date),
    f("reden", "Reden", "Reason", Choice(EXIT)),
    f(
        "via_aanpak",
        "Via deze aanpak",
        "Through this approach",
        Bool,
    ),
    f("toelichting", "Toelichting", "Notes", Long),
];
const F_PLAATSING: &[Field] = &[
    f("start", "Startdatum", "Start date", Date),
    f("werkgever", "Werkgever", "Employer", Text),
    f("contract", "Contract", "Contract", Choice(CONTRACT)),
    f("uren_per_week", "Uren per week", "Hours a week", Number),
    f(
        "sroi",
        "Via social return (SROI)",
        "Through social return (SROI)",
        Bool,
    ),
    f(
        "uitkering_beeindigd_op",
        "Uitkering beëindigd op",
        "Benefit ended on",
        Date,
    ),
    f(
        "werkt_na_6_maanden",
        "Werkt na 6 maanden nog",
        "Still working after 6 months",
        YesNo,
    ),
    f(
        "werkt_na_12_maanden",
        "Werkt na 12 maanden nog",
        "Still working after 12 months",
        YesNo,
    ),
    f(
        "werkt_na_18_maanden",
        "Werkt na 18 maanden nog",
        "Still working after 18 months",
        YesNo,
    ),
];

pub fn fields(kind: &str) -> &'static [Field] {
    match kind {
        "intake" => F_INTAKE,
        "plan" => F_PLAN,
        "activering" => F_ACTIVERING,
        "gesprek" => F_GESPREK,
        "overdracht" => F_OVERDRACHT,
        "uitstroom" => F_UITSTROOM,
        "plaatsing" => F_PLAATSING,
        _ => &[],
    }
}

/// The life domains of the intake, with the label and the question's purpose.
pub const DOMAINS: &[(LifeDomain, &str, &str, &str)] = &[
    (LifeDomain::Financien, "financien", "Financiën", "Finances"),
    (
        LifeDomain::WerkEnOpleiding,
        "werk_en_opleiding",
        "Werk en opleiding",
        "Work and education",
    ),
    (
        LifeDomain::Tijdsbesteding,
        "tijdsbesteding",
        "Tijdsbesteding",
        "Use of time",
    ),
    (
        LifeDomain::Huisvesting,
        "huisvesting",
        "Huisvesting",
        "Housing",
    ),
    (
        LifeDomain::HuiselijkeRelaties,
        "huiselijke_relaties",
        "Huiselijke relaties",
        "Domestic relations",
    ),
    (
        LifeDomain::GeestelijkeGezondheid,
        "geestelijke_gezondheid",
        "Geestelijke gezondheid",
        "Mental health",
    ),
    (
        LifeDomain::LichamelijkeGezondheid,
        "lichamelijke_gezondheid",
        "Lichamelijke gezondheid",
        "Physical health",
    ),
    (
        LifeDomain::Middelengebruik,
        "middelengebruik",
        "Middelengebruik",
        "Substance use",
    ),
    (
        LifeDomain::BasaleAdl,
        "basale_adl",
        "Basale ADL",
        "Basic daily living",
    ),
    (
        LifeDomain::InstrumenteleAdl,
        "instrumentele_adl",
        "Instrumentele ADL",
        "Instrumental daily living",
    ),
    (
        LifeDomain::SociaalNetwerk,
        "sociaal_netwerk",
        "Sociaal netwerk",
        "Social network",
    ),
    (
        LifeDomain::MaatschappelijkeParticipatie,
        "maatschappelijke_participatie",
        "Maatschappelijke participatie",
        "Participation in society",
    ),
    (LifeDomain::Justitie, "justitie", "Justitie", "Justice"),
];

pub fn choice_label(options: &[(&str, &str, &str)], code: &str, nl: bool) -> String {
    options
        .iter()
        .find(|o| o.0 == code)
        .map_or(code.to_string(), |o| if nl { o.1 } else { o.2 }.to_string())
}
