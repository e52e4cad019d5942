//! Bilingual user-facing text: every message the domain produces exists in Dutch and English.

use serde::Serialize;

/// A language the product speaks. Dutch is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// One piece of text in Dutch and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// Static bilingual text, for vocabularies compiled into the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaticText {
    pub nl: &'static str,
    pub en: &'static str,
}

impl StaticText {
    pub const fn new(nl: &'static str, en: &'static str) -> Self {
        StaticText { nl, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.nl,
            Lang::En => self.en,
        }
    }

    pub fn to_text(self) -> Text {
        Text::new(self.nl, self.en)
    }
}
