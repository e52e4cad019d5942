//! Bilingual user-facing text: every message the domain produces exists in Dutch and English.

use serde::Serialize;
use std::borrow::Cow;

/// A language the product speaks. Dutch is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// One piece of user-facing text in Dutch and English: the one shape every message of the
/// product has, whether compiled in ([`Text::fixed`], usable in `const` tables) or made at run
/// time ([`Text::new`]). A translator finds both languages side by side where the text is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Text {
    pub nl: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(nl: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// Text compiled into the program (vocabularies, labels, fixed messages).
    pub const fn fixed(nl: &'static str, en: &'static str) -> Self {
        Text {
            nl: Cow::Borrowed(nl),
            en: Cow::Borrowed(en),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }

    /// Both languages in one line, for logs and the command line ("nl (en)").
    pub fn both(&self) -> String {
        if self.nl == self.en {
            self.nl.to_string()
        } else {
            format!("{} ({})", self.nl, self.en)
        }
    }
}

fn kind_nl(expected: &str) -> String {
    match expected {
        "f64" | "f32" | "i64" | "u64" | "u32" | "u8" | "i32" | "a number" => "een getal".into(),
        "a boolean" => "ja of nee (true/false)".into(),
        "a string" => "tekst".into(),
        "a sequence" => "een lijst".into(),
        e if e.starts_with("struct ") || e == "a map" => "een object".into(),
        e => e.replace("a valid date", "een datum (JJJJ-MM-DD)"),
    }
}

fn found_nl(found: &str) -> String {
    for (en, nl) in [
        ("string ", "tekst "),
        ("integer ", "het getal "),
        ("floating point ", "het getal "),
        ("boolean ", "de waarde "),
        ("sequence", "een lijst"),
        ("map", "een object"),
        ("null", "leeg (null)"),
    ] {
        if let Some(rest) = found.strip_prefix(en) {
            return format!("{nl}{rest}");
        }
    }
    found.to_string()
}

/// A parse error from serde (JSON, TOML) in Dutch and English, so a user reading the Dutch
/// message never meets serde's English. Unknown messages keep their English text.
pub fn parse_error(message: &str) -> Text {
    // serde_json appends " at line L column C"; keep that position for both languages.
    let (msg, at) = match message.rfind(" at line ") {
        Some(i) => (&message[..i], &message[i..]),
        None => (message, ""),
    };
    let at_nl = at
        .replace(" at line ", " op regel ")
        .replace(" column ", " kolom ");
    let tick = |s: &str| s.replace('`', "'");
    let nl = if let Some(rest) = msg.strip_prefix("invalid type: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => format!(
                "verkeerd type: {}, verwacht {}",
                found_nl(found),
                kind_nl(expected)
            ),
            None => format!("verkeerd type: {rest}"),
        }
    } else if let Some(rest) = msg.strip_prefix("invalid value: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => format!(
                "ongeldige waarde: {}, verwacht {}",
                found_nl(found),
                kind_nl(expected)
            ),
            None => format!("ongeldige waarde: {rest}"),
        }
    } else if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, known) = rest.split_once(", expected one of ").unwrap_or((rest, ""));
        if known.is_empty() {
            format!("onbekend veld {}", tick(field))
        } else {
            format!(
                "onbekend veld {}; bekende velden: {}",
                tick(field),
                tick(known)
            )
        }
    } else if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, known) = rest
            .split_once(", expected one of ")
            .or_else(|| rest.split_once(", expected "))
            .unwrap_or((rest, ""));
        format!(
            "onbekende waarde {}; kies uit: {}",
            tick(value),
            tick(known)
        )
    } else if let Some(rest) = msg.strip_prefix("missing field ") {
        format!("veld {} ontbreekt", tick(rest))
    } else if msg.starts_with("input contains invalid characters")
        || msg.starts_with("premature end of input")
        || msg.starts_with("input is out of range")
        || msg.starts_with("trailing input")
    {
        "geen geldige datum (JJJJ-MM-DD)".into()
    } else if msg.starts_with("EOF while parsing") {
        "de invoer houdt halverwege op".into()
    } else if msg.starts_with("expected value")
        || msg.starts_with("expected ident")
        || msg.starts_with("key must be a string")
        || msg.starts_with("trailing characters")
    {
        "geen geldige JSON".into()
    } else {
        msg.to_string()
    };
    Text::new(format!("{nl}{at_nl}"), message.to_string())
}

#[cfg(test)]
mod tests {
    use super::parse_error;

    #[test]
    fn serde_messages_become_dutch() {
        for (en, nl) in [
            (
                "invalid type: string \"veel\", expected f64",
                "verkeerd type: tekst \"veel\", verwacht een getal",
            ),
            (
                "unknown field `kleur`, expected one of `a`, `b`",
                "onbekend veld 'kleur'; bekende velden: 'a', 'b'",
            ),
            (
                "unknown variant `soms`, expected one of `geen`, `dienstverband`",
                "onbekende waarde 'soms'; kies uit: 'geen', 'dienstverband'",
            ),
            ("missing field `soort`", "veld 'soort' ontbreekt"),
            (
                "input contains invalid characters",
                "geen geldige datum (JJJJ-MM-DD)",
            ),
            (
                "expected value at line 1 column 2",
                "geen geldige JSON op regel 1 kolom 2",
            ),
            (
                "invalid type: integer `3`, expected a boolean",
                "verkeerd type: het getal `3`, verwacht ja of nee (true/false)",
            ),
        ] {
            let t = parse_error(en);
            assert_eq!(t.nl, *nl);
            assert_eq!(t.en, *en);
        }
    }
}

/// One CSV cell as every export writes it: quoted (a quote doubled), and neutralised when a
/// spreadsheet would run it as a formula (`=`, `@`, or `+`/`-` not followed by a digit, and a
/// tab or carriage return at the start get a leading apostrophe; plain negative numbers stay).
pub fn csv_cell(s: &str) -> String {
    let risky = s.starts_with(['=', '@', '\t', '\r'])
        || (s.starts_with(['+', '-']) && !s[1..].starts_with(|c: char| c.is_ascii_digit()));
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// One CSV line as the exports write it: every cell by [`csv_cell`], `;` between them, and the
/// line's end.
pub fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| csv_cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(";");
    line.push('\n');
    line
}

#[cfg(test)]
mod csv_tests {
    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        use super::csv_cell;
        assert_eq!(
            csv_cell("Jansen; P. \"Piet\""),
            "\"Jansen; P. \"\"Piet\"\"\""
        );
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-3"), "\"-3\"");
        assert_eq!(csv_cell("-cmd"), "\"'-cmd\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
    }
}
