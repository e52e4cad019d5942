//! Dates as the product writes them, `YYYY-MM-DD`, read without chrono's parser.
//!
//! chrono reads a date through its general format machinery (every kind of field a format
//! string can name, time zones and weekdays included): about 4 KB gzip in each app that read a
//! date from the wire or from a date field. Every date the product reads is written as
//! `YYYY-MM-DD` (chrono writes them so, and so does `<input type="date">`), so this reads that
//! shape and nothing else. The typed records and wire types read their dates through [`de`] and
//! [`de_opt`] (`#[serde(deserialize_with = …)]`); writing stays chrono's.

use chrono::NaiveDate;
use serde::de::{self, Deserializer, Unexpected, Visitor};
use std::fmt;

/// `2024-03-01`: a year of four digits, a month and a day of one or two, spaces around it
/// left out. `None` for anything else and for a day that does not exist (`2023-02-29`).
///
/// Stricter than chrono's `str::parse`, which also takes `24-01-01` as the year 24 and spaces
/// inside (`2024- 01-01`); no date the product writes looks like that.
pub fn parse(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || !matches!(m.len(), 1 | 2)
        || !matches!(d.len(), 1 | 2)
    {
        return None;
    }
    let number = |p: &str| {
        p.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?)
}

struct Day;

impl<'de> Visitor<'de> for Day {
    type Value = NaiveDate;

    // `text::parse_error` turns "a valid date" into "een datum (JJJJ-MM-DD)".
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a valid date")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<NaiveDate, E> {
        parse(s).ok_or_else(|| E::invalid_value(Unexpected::Str(s), &self))
    }
}

struct MaybeDay;

impl<'de> Visitor<'de> for MaybeDay {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a valid date or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        de(d).map(Some)
    }
}

/// A date field: `#[serde(deserialize_with = "crate::day::de")]`.
pub fn de<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(Day)
}

/// An optional date field (`null` or left out is `None`):
/// `#[serde(default, deserialize_with = "crate::day::de_opt")]`.
pub fn de_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(MaybeDay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn every_day_reads_as_chrono_reads_it() {
        let mut d = NaiveDate::from_ymd_opt(1890, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2110, 12, 31).unwrap();
        while d <= end {
            let s = d.to_string();
            assert_eq!(parse(&s), Some(d), "{s}");
            assert_eq!(parse(&s), s.parse().ok());
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn what_is_not_a_date_is_refused_as_chrono_refuses_it() {
        for s in [
            "",
            "2024",
            "2024-01",
            "2024-01-",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-01-32",
            "2023-02-29",
            "2024-02-30",
            "2024-01-01T00:00",
            "2024-01-01-01",
            "02024-01-01",
            "2024-001-01",
            "2024-01-001",
            "2024/01/01",
            "01-01-2024",
            "abcd-ef-gh",
            "2024-0x-01",
            "２０２４-01-01",
        ] {
            assert_eq!(parse(s), None, "{s}");
            assert_eq!(s.parse::<NaiveDate>().ok(), None, "{s}");
        }
        // What chrono also reads: the short forms and spaces around the date.
        assert_eq!(parse("2024-3-1"), NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(parse(" 2024-03-01\n"), NaiveDate::from_ymd_opt(2024, 3, 1));
        // What only chrono reads: no date the product writes looks like this.
        for s in [
            "24-01-01",
            "+2024-01-01",
            "2024 -01-01",
            "2024- 01-01",
            "-0001-01-01",
        ] {
            assert_eq!(parse(s), None, "{s}");
            assert!(s.parse::<NaiveDate>().is_ok(), "{s}");
        }
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Example {
        #[serde(deserialize_with = "de")]
        datum: NaiveDate,
        #[serde(default, deserialize_with = "de_opt")]
        einde: Option<NaiveDate>,
    }

    #[test]
    fn fields_read_and_refuse_with_a_message_in_both_languages() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let read = |s: &str| serde_json::from_str::<Example>(s);
        assert_eq!(
            read(r#"{"datum": "2024-03-01", "einde": "2024-12-31"}"#).unwrap(),
            Example {
                datum: day(2024, 3, 1),
                einde: Some(day(2024, 12, 31))
            }
        );
        assert_eq!(
            read(r#"{"datum": "2024-03-01", "einde": null}"#)
                .unwrap()
                .einde,
            None
        );
        assert_eq!(read(r#"{"datum": "2024-03-01"}"#).unwrap().einde, None);
        let from_value: Example =
            serde_json::from_value(serde_json::json!({"datum": "2024-03-01", "einde": null}))
                .unwrap();
        assert_eq!(from_value.datum, day(2024, 3, 1));
        let e = read(r#"{"datum": "2024-13-01"}"#).unwrap_err().to_string();
        let t = crate::text::parse_error(&e);
        assert_eq!(
            t.en,
            r#"invalid value: string "2024-13-01", expected a valid date at line 1 column 22"#
        );
        assert_eq!(
            t.nl,
            r#"ongeldige waarde: tekst "2024-13-01", verwacht een datum (JJJJ-MM-DD) op regel 1 kolom 22"#
        );
        assert!(read(r#"{"datum": 20240301}"#).is_err());
        assert!(read(r#"{"datum": "2024-03-01", "einde": "morgen"}"#).is_err());
    }
}
