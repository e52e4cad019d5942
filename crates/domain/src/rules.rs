//! The rule set: every version of every decision table, loaded from the embedded rule files,
//! validated and statically checked, and the choice of the versions in force on a date.

use crate::analysis::{compile, Compiled};
use crate::schema::{Schema, ALL};
use crate::table::{parse, RuleError, Table};
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

/// The embedded rule files parsed, checked and compiled by `build.rs` ([`RuleSet::encode`]).
pub static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));

/// One checked version of one table.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub table: Table,
    pub compiled: Compiled,
}

/// All versions of all tables, each list sorted by `valid_from`.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Indexed like [`crate::schema::ALL`]: ladder, traject, doorstroom.
    pub tables: [Vec<Loaded>; 3],
}

/// The versions chosen for one assessment.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    pub ladder: &'a Loaded,
    pub trajectory: &'a Loaded,
    pub flow: &'a Loaded,
}

/// Which version of each table was used: part of every result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Versions {
    pub ladder: String,
    pub traject: String,
    pub doorstroom: String,
}

impl std::fmt::Display for Versions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ladder {} · traject {} · doorstroom {}",
            self.ladder, self.traject, self.doorstroom
        )
    }
}

impl Rules<'_> {
    pub fn versions(&self) -> Versions {
        Versions {
            ladder: self.ladder.table.version.clone(),
            traject: self.trajectory.table.version.clone(),
            doorstroom: self.flow.table.version.clone(),
        }
    }
}

/// No version of a table is in force on a date.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SelectError {
    #[error("no version of table '{table}' is in force on {date}")]
    NotInForce {
        table: &'static str,
        date: NaiveDate,
    },
    #[error("table '{table}' has no version '{version}'")]
    UnknownVersion {
        table: &'static str,
        version: String,
    },
}

impl SelectError {
    /// The message for users, in Dutch and English.
    pub fn text(&self) -> crate::Text {
        match self {
            SelectError::NotInForce { table, date } => crate::Text::new(
                format!("geen versie van tabel '{table}' geldt op {date}"),
                format!("no version of table '{table}' is in force on {date}"),
            ),
            SelectError::UnknownVersion { table, version } => crate::Text::new(
                format!("tabel '{table}' heeft geen versie '{version}'"),
                format!("table '{table}' has no version '{version}'"),
            ),
        }
    }
}

impl RuleSet {
    /// Load and check a set of rule files (`path`, `text`); the path's folder names the table.
    pub fn load(files: &[(&str, &str)]) -> Result<RuleSet, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut tables: [Vec<Loaded>; 3] = Default::default();
        let mut attempted = [false; 3];
        for (path, text) in files {
            let folder = path.split('/').next().unwrap_or("");
            let Some(k) = ALL.iter().position(|s| s.table == folder) else {
                errors.push(RuleError {
                    file: path.to_string(),
                    line: 0,
                    row: None,
                    column: None,
                    problem: crate::text::Text::new(
                        format!(
                            "map '{folder}' hoort bij geen tabel (ladder, traject, doorstroom)"
                        ),
                        format!(
                            "folder '{folder}' belongs to no table (ladder, traject, doorstroom)"
                        ),
                    ),
                });
                continue;
            };
            attempted[k] = true;
            let schema: &'static Schema = ALL[k];
            match parse(path, text, schema) {
                Ok(table) => match compile(&table) {
                    Ok(compiled) => tables[k].push(Loaded { table, compiled }),
                    Err(e) => errors.extend(e),
                },
                Err(e) => errors.extend(e),
            }
        }
        for (k, list) in tables.iter_mut().enumerate() {
            crate::order::sort_by_key(list, |l| l.table.valid_from);
            for pair in list.windows(2) {
                for (clash, nl, en) in [
                    (
                        pair[0].table.valid_from == pair[1].table.valid_from,
                        "geldt vanaf dezelfde datum als",
                        "takes effect on the same date as",
                    ),
                    (
                        pair[0].table.version == pair[1].table.version,
                        "heeft dezelfde versie als",
                        "has the same version as",
                    ),
                ] {
                    if clash {
                        errors.push(RuleError {
                            file: pair[1].table.file.clone(),
                            line: 0,
                            row: None,
                            column: None,
                            problem: crate::text::Text::new(
                                format!("{nl} {}", pair[0].table.file),
                                format!("{en} {}", pair[0].table.file),
                            ),
                        });
                    }
                }
            }
            if list.is_empty() && !attempted[k] {
                errors.push(RuleError {
                    file: format!("{}/", ALL[k].table),
                    line: 0,
                    row: None,
                    column: None,
                    problem: crate::text::Text::new(
                        "geen enkele versie van deze tabel",
                        "no version of this table",
                    ),
                });
            }
        }
        if errors.is_empty() {
            Ok(RuleSet { tables })
        } else {
            Err(errors)
        }
    }

    /// The rule files built into this binary: (path under `rules/`, text).
    pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
        RULE_FILES
    }

    /// The rule set built into this binary. Natively the embedded files are parsed and checked
    /// (the server and command line check them at every start); in the browser the same tables
    /// come from their compiled form, checked by the build script (`build.rs`), so neither the
    /// parser nor the static analysis is part of the app. A test keeps the two identical.
    pub fn embedded() -> &'static RuleSet {
        static SET: OnceLock<RuleSet> = OnceLock::new();
        #[cfg(target_arch = "wasm32")]
        return SET.get_or_init(|| {
            RuleSet::decode(COMPILED).expect("the compiled rule tables of this build are readable")
        });
        #[cfg(not(target_arch = "wasm32"))]
        SET.get_or_init(|| match RuleSet::load(RULE_FILES) {
            Ok(set) => set,
            Err(errors) => panic!(
                "embedded rule files are invalid: {}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        })
    }

    /// The compact binary form of the set (what `build.rs` writes for the browser).
    pub fn encode(&self) -> Vec<u8> {
        crate::analysis::write_set(
            self.tables
                .iter()
                .map(|list| list.iter().map(|l| (&l.table, &l.compiled)).collect()),
        )
    }

    /// Read a set written by [`RuleSet::encode`]; `None` for damaged bytes.
    pub fn decode(bytes: &'static [u8]) -> Option<RuleSet> {
        let mut r = crate::table::bin::Reader(bytes);
        let mut tables: [Vec<Loaded>; 3] = Default::default();
        for list in &mut tables {
            *list = r.list(|r| {
                let table = Table::read(r)?;
                let compiled = Compiled::read(r, &table)?;
                Some(Loaded { table, compiled })
            })?;
        }
        r.0.is_empty().then_some(RuleSet { tables })
    }

    fn in_force(&self, k: usize, date: NaiveDate) -> Result<&Loaded, SelectError> {
        self.tables[k]
            .iter()
            .rev()
            .find(|l| l.table.valid_from <= date)
            .ok_or(SelectError::NotInForce {
                table: ALL[k].table,
                date,
            })
    }

    /// The versions in force on `date`.
    pub fn at(&self, date: NaiveDate) -> Result<Rules<'_>, SelectError> {
        Ok(Rules {
            ladder: self.in_force(0, date)?,
            trajectory: self.in_force(1, date)?,
            flow: self.in_force(2, date)?,
        })
    }

    /// The versions in force on `date`, with some tables pinned to a named version
    /// (`("ladder", "2022-09")`).
    pub fn pinned(
        &self,
        date: NaiveDate,
        pins: &[(String, String)],
    ) -> Result<Rules<'_>, SelectError> {
        let mut rules = self.at(date);
        let mut chosen: [Option<&Loaded>; 3] = [None; 3];
        for (table, version) in pins {
            let Some(k) = ALL.iter().position(|s| s.table == table) else {
                return Err(SelectError::UnknownVersion {
                    table: "?",
                    version: format!("{table}={version}"),
                });
            };
            chosen[k] = Some(
                self.tables[k]
                    .iter()
                    .find(|l| &l.table.version == version)
                    .ok_or(SelectError::UnknownVersion {
                        table: ALL[k].table,
                        version: version.clone(),
                    })?,
            );
        }
        let pick = |k: usize| chosen[k].map_or_else(|| self.in_force(k, date), Ok);
        if chosen.iter().any(Option::is_some) {
            rules = Ok(Rules {
                ladder: pick(0)?,
                trajectory: pick(1)?,
                flow: pick(2)?,
            });
        }
        rules
    }

    /// Every (table, version, valid_from) known, for listings.
    pub fn list(&self) -> Vec<(&'static str, &str, NaiveDate)> {
        self.tables
            .iter()
            .flatten()
            .map(|l| {
                (
                    l.table.schema.table,
                    l.table.version.as_str(),
                    l.table.valid_from,
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod compiled_tests {
    use super::*;

    /// The browser's tables (compiled by `build.rs`) are exactly the tables the server and the
    /// command line parse and check at start-up.
    #[test]
    fn the_compiled_tables_are_the_parsed_tables() {
        let parsed = RuleSet::load(RULE_FILES).unwrap();
        assert_eq!(parsed.encode(), COMPILED, "build.rs wrote other tables");
        let read = RuleSet::decode(COMPILED).unwrap();
        assert_eq!(format!("{read:?}"), format!("{parsed:?}"));
        assert!(RuleSet::decode(&COMPILED[..COMPILED.len() - 1]).is_none());
        println!("compiled rule tables: {} bytes", COMPILED.len());
    }
}
