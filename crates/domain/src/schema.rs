//! The vocabulary of the decision tables: which inputs and outputs each table may use, with
//! their types, domains and bilingual labels. Rule files choose rows and thresholds; this file
//! fixes what the words in their column headers mean.

use crate::text::Text as T;

/// One value of an enumerated (or yes/no) column: its code in rule files and its label (the
/// same shape as every coded value of the records).
pub use crate::vocab::Choice as EnumValue;

/// The type and domain of a column. Booleans are enumerations `nee`/`ja` (index 0/1).
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Enum(&'static [EnumValue]),
    /// Whole numbers within `min..=max`.
    Int {
        min: i32,
        max: i32,
    },
    /// Decimal numbers within `min..=max`.
    Decimal {
        min: f32,
        max: f32,
    },
}

/// A column a table may name in its header.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// What the column means, e.g. "contactmomenten per week".
    pub label: T,
    /// Unit read after a number, e.g. "per week".
    pub unit: T,
}

/// The columns one kind of table may use.
#[derive(Debug)]
pub struct Schema {
    pub table: &'static str,
    pub title: T,
    pub inputs: &'static [Column],
    pub outputs: &'static [Column],
}

impl Schema {
    pub fn input_index(&self, name: &str) -> Option<usize> {
        self.inputs.iter().position(|c| c.name == name)
    }
    pub fn output_index(&self, name: &str) -> Option<usize> {
        self.outputs.iter().position(|c| c.name == name)
    }
}

const fn yes_no(no: T, yes: T) -> [EnumValue; 2] {
    [
        EnumValue {
            code: "nee",
            label: no,
        },
        EnumValue {
            code: "ja",
            label: yes,
        },
    ]
}

const NO_UNIT: T = T::fixed("", "");
const PER_WEEK: T = T::fixed("per week", "a week");
const HOURS_PER_WEEK: T = T::fixed("uur per week", "hours a week");

macro_rules! bool_col {
    ($name:literal, $label:expr, $no:expr, $yes:expr) => {
        Column {
            name: $name,
            kind: Kind::Enum(&yes_no($no, $yes)),
            label: $label,
            unit: NO_UNIT,
        }
    };
}

/// Index of each ladder input in [`LADDER`]'s inputs (and in a situation's feature vector).
pub mod ladder_in {
    pub const PAID_WORK: usize = 0;
    pub const WAGE_COST_SUBSIDY: usize = 1;
    pub const JOB_COACH: usize = 2;
    pub const SHELTERED_WORK: usize = 3;
    pub const SUPPLEMENTARY_BENEFIT: usize = 4;
    pub const WORK_BASED_TRAINING: usize = 5;
    pub const UNPAID_WORK: usize = 6;
    pub const UNPAID_CONTACTS: usize = 7;
    pub const INFORMAL_CARE_HOURS: usize = 8;
    pub const DAY_ACTIVITIES: usize = 9;
    pub const ORGANISED_ACTIVITIES: usize = 10;
    pub const SOCIAL_CONTACTS: usize = 11;
    pub const COUNT: usize = 12;
}

/// Day activity values, in the order of the `dagbesteding` column.
pub const DAY_ACTIVITY_VALUES: &[EnumValue] = &[
    EnumValue {
        code: "geen",
        label: T::fixed("geen dagbesteding", "no day activities"),
    },
    EnumValue {
        code: "belevingsgericht",
        label: T::fixed(
            "belevingsgerichte dagbesteding",
            "experience-oriented day activities",
        ),
    },
    EnumValue {
        code: "arbeidsmatig",
        label: T::fixed("arbeidsmatige dagbesteding", "work-oriented day activities"),
    },
];

/// The participation ladder table: situation facts in, step (trede) out.
pub static LADDER: Schema = Schema {
    table: "ladder",
    title: T::fixed("Participatieladder", "Participation ladder"),
    inputs: &[
        bool_col!(
            "betaald_werk",
            T::fixed("betaald werk", "paid work"),
            T::fixed(
                "heeft geen betaald werk (geen arbeidscontract, niet zelfstandig)",
                "has no paid work (no employment contract, not self-employed)"
            ),
            T::fixed(
                "heeft betaald werk (arbeidscontract of zelfstandig)",
                "has paid work (employment contract or self-employed)"
            )
        ),
        bool_col!(
            "loonkostensubsidie",
            T::fixed("loonkostensubsidie", "wage-cost subsidy"),
            T::fixed("geen loonkostensubsidie", "no wage-cost subsidy"),
            T::fixed(
                "werkt met loonkostensubsidie",
                "works with a wage-cost subsidy"
            )
        ),
        bool_col!(
            "jobcoach",
            T::fixed("jobcoach", "job coach"),
            T::fixed("geen jobcoach", "no job coach"),
            T::fixed("krijgt een jobcoach", "has a job coach")
        ),
        bool_col!(
            "beschut_werk",
            T::fixed("beschut werk of Wsw", "sheltered work"),
            T::fixed("geen beschut werk", "no sheltered work"),
            T::fixed(
                "werkt in beschut werk of de Wsw",
                "works in sheltered employment"
            )
        ),
        bool_col!(
            "aanvullende_uitkering",
            T::fixed("aanvullende uitkering", "supplementary benefit"),
            T::fixed("geen aanvullende uitkering", "no supplementary benefit"),
            T::fixed(
                "krijgt een aanvullende bijstandsuitkering naast het werk",
                "receives supplementary assistance besides the work"
            )
        ),
        bool_col!(
            "werkleertraject",
            T::fixed("werkleertraject", "work-based training"),
            T::fixed("geen werkleertraject", "no work-based training"),
            T::fixed(
                "volgt een werkleertraject onder startkwalificatie",
                "follows work-based training below starting qualification"
            )
        ),
        bool_col!(
            "onbetaald_werk",
            T::fixed(
                "onbetaald werk met verantwoordelijkheid",
                "unpaid work with responsibility"
            ),
            T::fixed(
                "geen onbetaald werk met verantwoordelijkheid voor anderen",
                "no unpaid work with responsibility towards others"
            ),
            T::fixed(
                "doet onbetaald werk met verantwoordelijkheid voor anderen",
                "does unpaid work with responsibility towards others"
            )
        ),
        Column {
            name: "contactmomenten",
            kind: Kind::Int { min: 0, max: 100 },
            label: T::fixed(
                "fysieke contactmomenten bij onbetaald werk",
                "physical contact moments in unpaid work",
            ),
            unit: PER_WEEK,
        },
        Column {
            name: "mantelzorg_uren",
            kind: Kind::Decimal {
                min: 0.0,
                max: 168.0,
            },
            label: T::fixed("mantelzorg", "informal care"),
            unit: HOURS_PER_WEEK,
        },
        Column {
            name: "dagbesteding",
            kind: Kind::Enum(DAY_ACTIVITY_VALUES),
            label: T::fixed("dagbesteding", "day activities"),
            unit: NO_UNIT,
        },
        Column {
            name: "georganiseerde_activiteiten",
            kind: Kind::Int { min: 0, max: 100 },
            label: T::fixed(
                "georganiseerde activiteiten (cursus, club, inburgering)",
                "organised activities (course, club, civic integration)",
            ),
            unit: PER_WEEK,
        },
        Column {
            name: "sociale_contacten",
            kind: Kind::Int { min: 0, max: 100 },
            label: T::fixed(
                "sociale contacten buitenshuis",
                "social contacts outside the home",
            ),
            unit: PER_WEEK,
        },
    ],
    outputs: &[Column {
        name: "trede",
        kind: Kind::Int { min: 1, max: 6 },
        label: T::fixed("trede", "step"),
        unit: NO_UNIT,
    }],
};

/// Trajectory values, in the order of the `traject` column.
pub const TRAJECTORY_VALUES: &[EnumValue] = &[
    EnumValue {
        code: "zorg",
        label: T::fixed("zorgtraject", "care trajectory"),
    },
    EnumValue {
        code: "participatie",
        label: T::fixed("participatietraject", "participation trajectory"),
    },
    EnumValue {
        code: "werk",
        label: T::fixed("werktraject", "work trajectory"),
    },
];

const STEP_COLUMN: Column = Column {
    name: "trede",
    kind: Kind::Int { min: 1, max: 6 },
    label: T::fixed(
        "trede op de participatieladder",
        "step on the participation ladder",
    ),
    unit: NO_UNIT,
};

/// The trajectory table: step in, trajectory out (local policy).
pub static TRAJECTORY: Schema = Schema {
    table: "traject",
    title: T::fixed("Trajectindeling", "Trajectory routing"),
    inputs: &[STEP_COLUMN],
    outputs: &[Column {
        name: "traject",
        kind: Kind::Enum(TRAJECTORY_VALUES),
        label: T::fixed("traject", "trajectory"),
        unit: NO_UNIT,
    }],
};

/// Index of each flow input in [`FLOW`]'s inputs.
pub mod flow_in {
    pub const STEP: usize = 0;
    pub const MONTHS_IN_ASSISTANCE: usize = 1;
    pub const READINESS: usize = 2;
    pub const GROWTH: usize = 3;
    pub const COUNT: usize = 4;
}

/// The consultant's view of readiness, in the order of the `gereedheid` column.
pub const READINESS_VALUES: &[EnumValue] = &[
    EnumValue {
        code: "werk",
        label: T::fixed("klaar voor werk", "ready for work"),
    },
    EnumValue {
        code: "nu",
        label: T::fixed("nu klaar voor begeleiding", "ready for guidance now"),
    },
    EnumValue {
        code: "later",
        label: T::fixed("later klaar voor begeleiding", "ready for guidance later"),
    },
    EnumValue {
        code: "niet_op_korte_termijn",
        label: T::fixed("niet op korte termijn klaar", "not ready in the short term"),
    },
];

/// Waiting-list segments, in the order of the `segment` column.
pub const SEGMENT_VALUES: &[EnumValue] = &[
    EnumValue {
        code: "geen",
        label: T::fixed("niet op de wachtlijst", "not on the waiting list"),
    },
    EnumValue {
        code: "nu",
        label: T::fixed("nu klaar voor begeleiding", "ready for guidance now"),
    },
    EnumValue {
        code: "later",
        label: T::fixed("naar verwachting later klaar", "expected to be ready later"),
    },
    EnumValue {
        code: "niet_op_korte_termijn",
        label: T::fixed("niet op korte termijn", "not in the short term"),
    },
];

/// The flow table: hand-over to the WSP, waiting-list segment and priority.
pub static FLOW: Schema = Schema {
    table: "doorstroom",
    title: T::fixed("Doorstroom en wachtlijst", "Hand-over and waiting list"),
    inputs: &[
        STEP_COLUMN,
        Column {
            name: "maanden_in_bijstand",
            kind: Kind::Int { min: 0, max: 1200 },
            label: T::fixed(
                "hele maanden in de bijstand op de peildatum",
                "whole months on assistance at the measurement date",
            ),
            unit: T::fixed("maanden", "months"),
        },
        Column {
            name: "gereedheid",
            kind: Kind::Enum(READINESS_VALUES),
            label: T::fixed("inschatting van de consulent", "the consultant's view"),
            unit: NO_UNIT,
        },
        Column {
            name: "groei",
            kind: Kind::Int { min: -5, max: 5 },
            label: T::fixed(
                "groeipotentieel boven de huidige trede",
                "growth potential above the current step",
            ),
            unit: T::fixed("treden", "steps"),
        },
    ],
    outputs: &[
        bool_col!(
            "wsp",
            T::fixed("overdracht aan het WSP", "hand-over to the WSP"),
            T::fixed("geen overdracht aan het WSP", "no hand-over to the WSP"),
            T::fixed(
                "overdragen aan het Werkgeversservicepunt",
                "hand over to the employer service point"
            )
        ),
        Column {
            name: "segment",
            kind: Kind::Enum(SEGMENT_VALUES),
            label: T::fixed("wachtlijstsegment", "waiting-list segment"),
            unit: NO_UNIT,
        },
        Column {
            name: "prioriteit",
            kind: Kind::Int { min: 0, max: 9 },
            label: T::fixed("prioriteit (1 = eerst)", "priority (1 = first)"),
            unit: NO_UNIT,
        },
    ],
};

/// All table kinds, for loading and listing.
pub static ALL: [&Schema; 3] = [&LADDER, &TRAJECTORY, &FLOW];

/// Names of the ladder steps, index 0 = step 1.
pub const STEP_NAMES: [T; 6] = [
    T::fixed("Geïsoleerd", "Isolated"),
    T::fixed(
        "Sociale contacten buitenshuis",
        "Social contacts outside the home",
    ),
    T::fixed(
        "Deelname georganiseerde activiteiten",
        "Taking part in organised activities",
    ),
    T::fixed("Onbetaald werk", "Unpaid work"),
    T::fixed("Betaald werk met ondersteuning", "Paid work with support"),
    T::fixed("Betaald werk", "Paid work"),
];
