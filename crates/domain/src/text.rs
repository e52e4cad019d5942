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

/// One letter in lower case, for the scripts names and labels here are written in: Latin
/// (with Latin-1, Latin Extended-A, and Romanian `Ș` and `Ț`), Greek and Cyrillic. Any other character is returned
/// as it is. The same as `char::to_lowercase` for every character it changes (a test compares
/// them), without the standard library's table of every cased letter in Unicode, which weighed
/// 10.5 KB gzip in each app that lowered a text. `İ` becomes `i`.
pub fn lowercase_char(c: char) -> char {
    let n = c as u32;
    let lower = match n {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x391..=0x3a1 | 0x3a3..=0x3ab | 0x410..=0x42f => {
            n + 0x20
        }
        0x130 => 0x69,
        0x100..=0x137 | 0x14a..=0x177 if n.is_multiple_of(2) => n + 1,
        0x139..=0x148 | 0x179..=0x17e if !n.is_multiple_of(2) => n + 1,
        0x178 => 0xff,
        0x218 | 0x21a => n + 1,
        0x386 => 0x3ac,
        0x388..=0x38a => n + 0x25,
        0x38c => 0x3cc,
        0x38e | 0x38f => n + 0x3f,
        0x400..=0x40f => n + 0x50,
        _ => n,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// A letter in upper case: the inverse of [`lowercase_char`] for the letters it knows (Latin
/// with Latin-1, Extended-A, `ș` and `ț`, Greek and Cyrillic), and `ı`, `ς` and `ÿ`; other
/// characters stay as they are (`ß`, which the standard library writes as `SS`, too). The same as
/// `char::to_uppercase` for every character it changes (a test compares them), without the
/// standard library's table of every cased letter in Unicode.
pub fn uppercase_char(c: char) -> char {
    let n = c as u32;
    let upper = match n {
        0x61..=0x7a | 0xe0..=0xf6 | 0xf8..=0xfe | 0x3b1..=0x3c1 | 0x3c3..=0x3cb | 0x430..=0x44f => {
            n - 0x20
        }
        0xff => 0x178,
        0x131 => 0x49,
        0x101..=0x137 | 0x14b..=0x177 if !n.is_multiple_of(2) => n - 1,
        0x13a..=0x148 | 0x17a..=0x17e if n.is_multiple_of(2) => n - 1,
        0x219 | 0x21b => n - 1,
        0x3ac => 0x386,
        0x3ad..=0x3af => n - 0x25,
        0x3c2 => 0x3a3,
        0x3cc => 0x38c,
        0x3cd | 0x3ce => n - 0x3f,
        0x450..=0x45f => n - 0x50,
        _ => n,
    };
    char::from_u32(upper).unwrap_or(c)
}

/// The first letter in upper case ([`uppercase_char`]): a sentence made of labels.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => {
            let mut out = String::with_capacity(s.len() + 1);
            out.push(uppercase_char(first));
            out.push_str(c.as_str());
            out
        }
        None => String::new(),
    }
}

/// A text in lower case, letter by letter ([`lowercase_char`]).
pub fn lowercase(s: &str) -> String {
    s.chars().map(lowercase_char).collect()
}

/// A label inside a sentence: the first letter in lower case, abbreviations (WSP, SROI) kept.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(first), Some(second)) if lowercase_char(second) == second => {
            let mut out = String::with_capacity(s.len());
            out.push(lowercase_char(first));
            out.push_str(&s[first.len_utf8()..]);
            out
        }
        _ => s.to_string(),
    }
}

/// A text as a search compares it: lower case and without accents, so `ozturk` finds
/// `Öztürk`, `celik` finds `ÇELİK` and `ijssel` finds `Ĳssel`; ligatures and `ß` are written
/// out (`ae`, `oe`, `ij`, `ss`) and combining accents (a name typed as `e` + `¨`) are left out.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = lowercase_char(c);
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
            continue;
        }
        match n {
            0x300..=0x36f => {}
            0xdf => out.push_str("ss"),
            0xe6 => out.push_str("ae"),
            0xfe => out.push_str("th"),
            0x133 => out.push_str("ij"),
            0x153 => out.push_str("oe"),
            0x219 => out.push('s'),
            0x21b => out.push('t'),
            0xe0..=0x17f => match LATIN_BASE.as_bytes()[(n - 0xe0) as usize] {
                b'.' => out.push(c),
                b => out.push(b as char),
            },
            _ => out.push(c),
        }
    }
    out
}

/// The letter without its accent for U+00E0 to U+017F after [`lowercase_char`]; `.` keeps the
/// character (`÷`, the upper-case letters, the ligatures and `ß`, which [`fold`] writes out).
const LATIN_BASE: &str = concat!(
    "aaaaaa.ceeeeiiii", // à á â ã ä å æ ç è é ê ë ì í î ï
    "dnooooo.ouuuuy.y", // ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    ".a.a.a.c.c.c.c.d", // Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    ".d.e.e.e.e.e.g.g", // Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    ".g.g.h.h.i.i.i.i", // Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "ii...j.kk.l.l.l.", // İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "l.l.n.n.nn.n.o.o", // ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    ".o...r.r.r.s.s.s", // Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    ".s.t.t.t.u.u.u.u", // Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    ".u.u.w.yy.z.z.zs", // Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
);

#[cfg(test)]
mod case_tests {
    use super::*;

    /// Every character in the ranges `lowercase_char` knows, and the first 0x3000 beside
    /// them: what it changes is what the standard library changes, and it changes nothing the
    /// standard library would leave.
    #[test]
    fn lowercase_char_agrees_with_the_standard_library() {
        let mut changed = 0;
        for n in 0..0x3000u32 {
            let Some(c) = char::from_u32(n) else { continue };
            let ours = lowercase_char(c);
            let std: Vec<char> = c.to_lowercase().collect();
            if ours != c {
                changed += 1;
                if c == 'İ' {
                    assert_eq!(std[0], 'i');
                } else {
                    assert_eq!(std, vec![ours], "{c} (U+{n:04X})");
                }
            } else if std != vec![c] {
                let known = matches!(n, 0x41..=0x5a | 0xc0..=0x17f | 0x218 | 0x21a | 0x386..=0x3ab | 0x400..=0x42f);
                assert!(!known || n == 0x130, "{c} (U+{n:04X}) is not lowered");
            }
        }
        // A..Z, 30 of Latin-1, 63 of Extended-A, Ș and Ț, 33 Greek and 48 Cyrillic capitals.
        assert_eq!(changed, 26 + 30 + 63 + 2 + 33 + 48);
    }

    /// The same for upper case: what `uppercase_char` changes, the standard library changes
    /// the same way, and every small letter of the ranges it knows is changed.
    #[test]
    fn uppercase_char_agrees_with_the_standard_library() {
        let mut changed = 0;
        for n in 0..0x3000u32 {
            let Some(c) = char::from_u32(n) else { continue };
            let ours = uppercase_char(c);
            let std: Vec<char> = c.to_uppercase().collect();
            if ours != c {
                changed += 1;
                assert_eq!(std, vec![ours], "{c} (U+{n:04X})");
            } else if std.len() == 1 && std != vec![c] {
                let known = matches!(n, 0x61..=0x7a | 0xe0..=0xfe | 0x100..=0x17e | 0x219 | 0x21b | 0x3ac..=0x3ce | 0x430..=0x45f);
                assert!(!known, "{c} (U+{n:04X}) is not raised");
            }
        }
        // a..z, 30 of Latin-1 and ÿ, 62 of Extended-A (ı among them), ș and ț, 34 Greek (ς
        // among them) and 48 Cyrillic small letters.
        assert_eq!(changed, 26 + 31 + 62 + 2 + 34 + 48);
        assert_eq!(upper_first("ontbreekt; leeftijd"), "Ontbreekt; leeftijd");
        assert_eq!(upper_first("école"), "École");
        assert_eq!(upper_first(""), "");
    }

    #[test]
    fn every_capital_of_latin_greek_and_cyrillic_is_lowered() {
        for n in (0x41..=0x5a)
            .chain(0xc0..=0x17f)
            .chain(0x386..=0x3ab)
            .chain(0x400..=0x42f)
        {
            let Some(c) = char::from_u32(n) else { continue };
            if c.is_uppercase() {
                assert_ne!(lowercase_char(c), c, "{c} (U+{n:04X})");
            }
        }
    }

    #[test]
    fn lowercase_and_lower_first() {
        assert_eq!(
            lowercase("ÖZTÜRK, Élodie ΣΟΦΙΑ ИВАН"),
            "öztürk, élodie σοφια иван"
        );
        assert_eq!(
            lower_first("Overdracht aan het WSP"),
            "overdracht aan het WSP"
        );
        assert_eq!(lower_first("WSP-traject"), "WSP-traject");
        assert_eq!(lower_first("Één keer"), "één keer");
        assert_eq!(lower_first("X"), "X");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn fold_leaves_out_case_and_accents() {
        assert_eq!(fold("Öztürk"), "ozturk");
        assert_eq!(fold("ÇELİK"), "celik");
        assert_eq!(fold("Ĳsselmeer"), "ijsselmeer");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Łukasz Wąsik"), "lukasz wasik");
        assert_eq!(fold("Ștefan Țurcanu"), "stefan turcanu");
        assert_eq!(fold("Zoe\u{308} de Ruyter"), "zoe de ruyter");
        assert_eq!(fold("Æbeltoft Œuvre Þór"), "aebeltoft oeuvre thor");
        assert_eq!(fold("Σοφία"), "σοφία");
        assert_eq!(fold("12 × 3 ÷ 4"), "12 × 3 ÷ 4");
        // Every letter of Latin-1 and Extended-A folds to ASCII.
        for n in 0xc0..=0x17fu32 {
            let c = char::from_u32(n).unwrap();
            if c.is_alphabetic() {
                assert!(
                    fold(&c.to_string()).is_ascii(),
                    "{c} (U+{n:04X}) → {}",
                    fold(&c.to_string())
                );
            }
        }
    }
}
