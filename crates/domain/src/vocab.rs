//! The vocabulary of records, in one place: coded values with their Dutch and English labels
//! (the [`codes!`](crate::codes) macro) and, per kind of record, its fields with their input
//! type, bounds, labels and help. Forms in the browser, the server's patch check, the sync and
//! the command line all read these tables, so a field is added here once.

use crate::text::Text;

/// One coded value: its code (on the wire, in storage and in rule files) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub code: &'static str,
    pub label: Text,
}

/// Declares a coded enum: each variant with its code and its Dutch/English label. It gets
/// serde under the codes, `ALL`, `CHOICES`, `code()`, `label()` and `parse()`; an unknown code
/// is an error at the edge, never a default.
#[macro_export]
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $code:literal, $nl:literal, $en:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every value, in the order of the vocabulary.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every value with its label, for choice lists.
            pub const CHOICES: &'static [$crate::vocab::Choice] = &[
                $($crate::vocab::Choice { code: $code, label: $crate::text::Text::fixed($nl, $en) }),+
            ];
            /// The code on the wire and in storage.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            /// The label users read.
            pub fn label(self) -> &'static $crate::text::Text {
                let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
                &Self::CHOICES[i].label
            }
            /// The value of a code; `None` for an unknown code.
            pub fn parse(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        impl $crate::vocab::Coded for $name {
            fn all() -> &'static [$name] {
                $name::ALL
            }
            fn code(self) -> &'static str {
                $name::code(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// A coded value (declared with [`codes!`](crate::codes)), for code that reads any vocabulary.
pub trait Coded: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    /// The value of a code; `None` for an unknown code.
    fn from_code(code: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.code() == code)
    }
    /// Every code, for "choose from" messages.
    fn codes() -> Vec<&'static str> {
        Self::all().iter().map(|v| v.code()).collect()
    }
}

/// How a field is entered and what bounds the record check enforces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Input {
    Date,
    /// One line of text, with its length bounds in characters.
    Text {
        min: usize,
        max: usize,
    },
    /// Several lines of text.
    Long {
        min: usize,
        max: usize,
    },
    /// A decimal number within bounds (a comma or a point as decimal separator).
    Number {
        min: f64,
        max: f64,
    },
    /// A whole number within bounds (a step, a user number).
    Int {
        min: i64,
        max: i64,
    },
    /// A tick box: ticked or not.
    Bool,
    /// Yes, no, or not known yet.
    YesNo,
    /// One of a fixed list of codes.
    Choice(&'static [Choice]),
    /// One of the municipality's partner organisations (its number), chosen from the list the
    /// administrator keeps.
    Partner,
    /// A list of goals, edited per row.
    Goals,
    /// The life domains of an intake, each optional with its reason.
    Domains,
    /// Structured content with its own editor (the facts of a measurement, a suggestion, a
    /// decision): not part of the generic record form.
    Structured,
}

/// One field of a kind of record.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// The name on the wire and in storage.
    pub name: &'static str,
    pub label: Text,
    /// Shown under the label when set.
    pub help: Option<Text>,
    pub input: Input,
    /// A record cannot be saved without it.
    pub required: bool,
}

impl FieldSpec {
    /// Whether the generic record form edits this field (structured fields have their own page).
    pub fn in_form(&self) -> bool {
        self.input != Input::Structured
    }
}

/// A field in a `const` table.
pub const fn field(
    name: &'static str,
    nl: &'static str,
    en: &'static str,
    input: Input,
    required: bool,
) -> FieldSpec {
    FieldSpec {
        name,
        label: Text::fixed(nl, en),
        help: None,
        input,
        required,
    }
}

/// A field with help text.
pub const fn helped(
    name: &'static str,
    nl: &'static str,
    en: &'static str,
    input: Input,
    required: bool,
    help_nl: &'static str,
    help_en: &'static str,
) -> FieldSpec {
    FieldSpec {
        name,
        label: Text::fixed(nl, en),
        help: Some(Text::fixed(help_nl, help_en)),
        input,
        required,
    }
}
