//! The vocabulary of the decision tables: which inputs and outputs each table may use, with
//! their types, domains and bilingual labels. Rule files choose rows and thresholds; this file
//! fixes what the words in their column headers mean.

use crate::text::StaticText as T;

/// One value of an enumerated (or yes/no) column: its code in rule files and its label.
#[derive(Debug, Clone, Copy)]
pub struct EnumValue {
    pub code: &'static str,
    pub label: T,
}

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
#[derive(Debug, Clone, Copy)]
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

const NO_UNIT: T = T::new("", "");
const PER_WEEK: T = T::new("per week", "a week");
const HOURS_PER_WEEK: T = T::new("uur per week", "hours a week");

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
        label: T::new("geen dagbesteding", "no day activities"),
    },
    EnumValue {
        code: "belevingsgericht",
        label: T::new(
            "belevingsgerichte dagbesteding",
            "experience-oriented day activities",
        ),
    },
    EnumValue {
        code: "arbeidsmatig",
        label: T::new("arbeidsmatige dagbesteding", "work-oriented day activities"),
    },
];

/// The participation ladder table: situation facts in, step (trede) out.
pub static LADDER: Schema = Schema {
    table: "ladder",
    title: T::new("Participatieladder", "Participation ladder"),
    inputs: &[
        bool_col!(
            "betaald_werk",
            T::new("betaald werk", "paid work"),
            T::new(
                "heeft geen betaald werk (geen arbeidscontract, niet zelfstandig)",
                "has no paid work (no employment contract, not self-employed)"
            ),
            T::new(
                "heeft betaald werk (arbeidscontract of zelfstandig)",
                "has paid work (employment contract or self-employed)"
            )
        ),
        bool_col!(
            "loonkostensubsidie",
            T::new("loonkostensubsidie", "wage-cost subsidy"),
            T::new("geen loonkostensubsidie", "no wage-cost subsidy"),
            T::new(
                "werkt met loonkostensubsidie",
                "works with a wage-cost subsidy"
            )
        ),
        bool_col!(
            "jobcoach",
            T::new("jobcoach", "job coach"),
            T::new("geen jobcoach", "no job coach"),
            T::new("krijgt een jobcoach", "has a job coach")
        ),
        bool_col!(
            "beschut_werk",
            T::new("beschut werk of Wsw", "sheltered work"),
            T::new("geen beschut werk", "no sheltered work"),
            T::new(
                "werkt in beschut werk of de Wsw",
                "works in sheltered employment"
            )
        ),
        bool_col!(
            "aanvullende_uitkering",
            T::new("aanvullende uitkering", "supplementary benefit"),
            T::new("geen aanvullende uitkering", "no supplementary benefit"),
            T::new(
                "krijgt een aanvullende bijstandsuitkering naast het werk",
                "receives supplementary assistance besides the work"
            )
        ),
        bool_col!(
            "werkleertraject",
            T::new("werkleertraject", "work-based training"),
            T::new("geen werkleertraject", "no work-based training"),
            T::new(
                "volgt een werkleertraject onder startkwalificatie",
                "follows work-based training below starting qualification"
            )
        ),
        bool_col!(
            "onbetaald_werk",
            T::new(
                "onbetaald werk met verantwoordelijkheid",
                "unpaid work with responsibility"
            ),
            T::new(
                "geen onbetaald werk met verantwoordelijkheid voor anderen",
                "no unpaid work with responsibility towards others"
            ),
            T::new(
                "doet onbetaald werk met verantwoordelijkheid voor anderen",
                "does unpaid work with responsibility towards others"
            )
        ),
        Column {
            name: "contactmomenten",
            kind: Kind::Int { min: 0, max: 100 },
            label: T::new(
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
            label: T::new("mantelzorg", "informal care"),
            unit: HOURS_PER_WEEK,
        },
        Column {
            name: "dagbesteding",
            kind: Kind::Enum(DAY_ACTIVITY_VALUES),
            label: T::new("dagbesteding", "day activities"),
            unit: NO_UNIT,
        },
        Column {
            name: "georganiseerde_activiteiten",
            kind: Kind::Int { min: 0, max: 100 },
            label: T::new(
                "georganiseerde activiteiten (cursus, club, inburgering)",
                "organised activities (course, club, civic integration)",
            ),
            unit: PER_WEEK,
        },
        Column {
            name: "sociale_contacten",
            kind: Kind::Int { min: 0, max: 100 },
            label: T::new(
                "sociale contacten buitenshuis",
                "social contacts outside the home",
            ),
            unit: PER_WEEK,
        },
    ],
    outputs: &[Column {
        name: "trede",
        kind: Kind::Int { min: 1, max: 6 },
        label: T::new("trede", "step"),
        unit: NO_UNIT,
    }],
};

/// Trajectory values, in the order of the `traject` column.
pub const TRAJECTORY_VALUES: &[EnumValue] = &[
    EnumValue {
        code: "zorg",
        label: T::new("zorgtraject", "care trajectory"),
    },
    EnumValue {
        code: "participatie",
        label: T::new("participatietraject", "participation trajectory"),
    },
    EnumValue {
        code: "werk",
        label: T::new("werktraject", "work trajectory"),
    },
];

const STEP_COLUMN: Column = Column {
    name: "trede",
    kind: Kind::Int { min: 1, max: 6 },
    label: T::new(
        "trede op de participatieladder",
        "step on the participation ladder",
    ),
    unit: NO_UNIT,
};

/// The trajectory table: step in, trajectory out (local policy).
pub static TRAJECTORY: Schema = Schema {
    table: "traject",
    title: T::new("Trajectindeling", "Trajectory routing"),
    inputs: &[STEP_COLUMN],
    outputs: &[Column {
        name: "traject",
        kind: Kind::Enum(TRAJECTORY_VALUES),
        label: T::new("traject", "trajectory"),
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
        label: T::new("klaar voor werk", "ready for work"),
    },
    EnumValue {
        code: "nu",
        label: T::new("nu klaar voor begeleiding", "ready for guidance now"),
    },
    EnumValue {
        code: "later",
        label: T::new("later klaar voor begeleiding", "ready for guidance later"),
    },
    EnumValue {
        code: "niet_op_korte_termijn",
        label: T::new("niet op korte termijn klaar", "not ready in the short term"),
    },
];

/// Waiting-list segments, in the order of the `segment` column.
pub const SEGMENT_VALUES: &[EnumValue] = &[
    EnumValue {
        code: "geen",
        label: T::new("niet op de wachtlijst", "not on the waiting list"),
    },
    EnumValue {
        code: "nu",
        label: T::new("nu klaar voor begeleiding", "ready for guidance now"),
    },
    EnumValue {
        code: "later",
        label: T::new("naar verwachting later klaar", "expected to be ready later"),
    },
    EnumValue {
        code: "niet_op_korte_termijn",
        label: T::new("niet op korte termijn", "not in the short term"),
    },
];

/// The flow table: hand-over to the WSP, waiting-list segment and priority.
pub static FLOW: Schema = Schema {
    table: "doorstroom",
    title: T::new("Doorstroom en wachtlijst", "Hand-over and waiting list"),
    inputs: &[
        STEP_COLUMN,
        Column {
            name: "maanden_in_bijstand",
            kind: Kind::Int { min: 0, max: 1200 },
            label: T::new(
                "hele maanden in de bijstand op de peildatum",
                "whole months on assistance at the measurement date",
            ),
            unit: T::new("maanden", "months"),
        },
        Column {
            name: "gereedheid",
            kind: Kind::Enum(READINESS_VALUES),
            label: T::new("inschatting van de consulent", "the consultant's view"),
            unit: NO_UNIT,
        },
        Column {
            name: "groei",
            kind: Kind::Int { min: -5, max: 5 },
            label: T::new(
                "groeipotentieel boven de huidige trede",
                "growth potential above the current step",
            ),
            unit: T::new("treden", "steps"),
        },
    ],
    outputs: &[
        bool_col!(
            "wsp",
            T::new("overdracht aan het WSP", "hand-over to the WSP"),
            T::new("geen overdracht aan het WSP", "no hand-over to the WSP"),
            T::new(
                "overdragen aan het Werkgeversservicepunt",
                "hand over to the employer service point"
            )
        ),
        Column {
            name: "segment",
            kind: Kind::Enum(SEGMENT_VALUES),
            label: T::new("wachtlijstsegment", "waiting-list segment"),
            unit: NO_UNIT,
        },
        Column {
            name: "prioriteit",
            kind: Kind::Int { min: 0, max: 9 },
            label: T::new("prioriteit (1 = eerst)", "priority (1 = first)"),
            unit: NO_UNIT,
        },
    ],
};

/// All table kinds, for loading and listing.
pub static ALL: [&Schema; 3] = [&LADDER, &TRAJECTORY, &FLOW];

/// Names of the ladder steps, index 0 = step 1.
pub const STEP_NAMES: [T; 6] = [
    T::new("Geïsoleerd", "Isolated"),
    T::new(
        "Sociale contacten buitenshuis",
        "Social contacts outside the home",
    ),
    T::new(
        "Deelname georganiseerde activiteiten",
        "Taking part in organised activities",
    ),
    T::new("Onbetaald werk", "Unpaid work"),
    T::new("Betaald werk met ondersteuning", "Paid work with support"),
    T::new("Betaald werk", "Paid work"),
];
