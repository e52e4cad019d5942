//! Decision tables as readable text: parsing a rule file into a validated [`Table`].
//!
//! A rule file is Markdown an expert can read: `key: value` header lines, a `## Regels` table
//! whose columns are inputs and, after `=>`, outputs, and a `## Toelichting` table with the
//! Dutch and English explanation of every row. The format is documented in `docs/rules.md`.
//! Every problem is reported with file, line, row id and column.

use crate::schema::{Column, Kind, Schema};
use crate::text::Text;
use chrono::NaiveDate;
use std::fmt;

/// How the rows of a table combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitPolicy {
    /// Rows are tried top to bottom; the first that holds decides (`eerste`).
    First,
    /// Exactly one row may hold for any input (`uniek`).
    Unique,
}

/// A condition on one input column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cond {
    /// `-`: any value.
    Any,
    /// A numeric interval; bounds may be open or closed and infinite.
    Range {
        lo: f32,
        lo_incl: bool,
        hi: f32,
        hi_incl: bool,
    },
    /// One of a set of enumeration values (bit `i` = value index `i`).
    Set(u32),
}

impl Cond {
    /// Does a known value satisfy the condition?
    #[inline]
    pub fn holds(&self, x: f32) -> bool {
        match *self {
            Cond::Any => true,
            Cond::Range {
                lo,
                lo_incl,
                hi,
                hi_incl,
            } => {
                (if lo_incl { x >= lo } else { x > lo }) && (if hi_incl { x <= hi } else { x < hi })
            }
            Cond::Set(mask) => (mask >> (x as u32)) & 1 == 1,
        }
    }
}

/// One row of a decision table.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    /// Line in the rule file, for messages.
    pub line: usize,
    /// One condition per schema input (absent columns are [`Cond::Any`]).
    pub conds: Vec<Cond>,
    /// The cell text as written, per schema input (`-` for absent columns).
    pub cells: Vec<String>,
    /// One value per schema output (enum values as their index).
    pub outputs: Vec<f32>,
    /// The row's explanation, read aloud when the row holds.
    pub text: Text,
}

/// A parsed and validated decision table (one version of one table).
#[derive(Debug, Clone)]
pub struct Table {
    pub schema: &'static Schema,
    pub file: String,
    pub version: String,
    pub valid_from: NaiveDate,
    pub hit_policy: HitPolicy,
    pub source: String,
    pub policy: String,
    /// Schema input indexes in the order the file lists them.
    pub columns: Vec<usize>,
    pub rows: Vec<Row>,
}

/// A problem in a rule file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub row: Option<String>,
    pub column: Option<String>,
    pub problem: Text,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if let Some(row) = &self.row {
            write!(f, ": rij {row}")?;
        }
        if let Some(col) = &self.column {
            write!(f, ", kolom '{col}'")?;
        }
        write!(f, ": {} ({})", self.problem.nl, self.problem.en)
    }
}

impl std::error::Error for RuleError {}

struct Ctx<'a> {
    file: &'a str,
    errors: Vec<RuleError>,
}

impl Ctx<'_> {
    fn err(
        &mut self,
        line: usize,
        row: Option<&str>,
        column: Option<&str>,
        nl: String,
        en: String,
    ) {
        self.errors.push(RuleError {
            file: self.file.to_string(),
            line,
            row: row.map(str::to_string),
            column: column.map(str::to_string),
            problem: Text::new(nl, en),
        });
    }
}

fn split_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_separator(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// A Markdown table: (line number, cells) for the header and every data row.
type RawTable = Vec<(usize, Vec<String>)>;

/// Parse one rule file for the given schema. All problems are returned, not just the first.
pub fn parse(file: &str, text: &str, schema: &'static Schema) -> Result<Table, Vec<RuleError>> {
    let mut cx = Ctx {
        file,
        errors: Vec::new(),
    };
    let mut header: Vec<(usize, String, String)> = Vec::new();
    let mut section = String::new();
    let mut rules: RawTable = Vec::new();
    let mut notes: RawTable = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if let Some(title) = line.strip_prefix("## ") {
            section = title.trim().to_lowercase();
            if section != "regels" && section != "toelichting" {
                cx.err(
                    line_no,
                    None,
                    None,
                    format!("onbekende sectie '{title}' (verwacht 'Regels' of 'Toelichting')"),
                    format!("unknown section '{title}' (expected 'Regels' or 'Toelichting')"),
                );
            }
            continue;
        }
        if line.is_empty() || line.starts_with('#') || line.starts_with('>') {
            continue;
        }
        if section.is_empty() {
            match line.split_once(':') {
                Some((k, v)) => header.push((line_no, k.trim().to_string(), v.trim().to_string())),
                None => cx.err(
                    line_no,
                    None,
                    None,
                    format!("regel '{line}' is geen 'sleutel: waarde'"),
                    format!("line '{line}' is not 'key: value'"),
                ),
            }
            continue;
        }
        if line.starts_with('|') {
            let cells = split_cells(line);
            if is_separator(&cells) {
                continue;
            }
            match section.as_str() {
                "regels" => rules.push((line_no, cells)),
                "toelichting" => notes.push((line_no, cells)),
                _ => {}
            }
        }
        // Other lines inside a section are prose for the reader.
    }

    let mut version = None;
    let mut valid_from = None;
    let mut hit_policy = None;
    let mut source = String::new();
    let mut policy = String::new();
    let mut table_name = None;
    for (line, key, value) in &header {
        match key.as_str() {
            "tabel" => table_name = Some((*line, value.clone())),
            "versie" => version = Some(value.clone()),
            "geldig_vanaf" => match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(d) => valid_from = Some(d),
                Err(_) => cx.err(
                    *line,
                    None,
                    Some("geldig_vanaf"),
                    format!("'{value}' is geen datum (JJJJ-MM-DD)"),
                    format!("'{value}' is not a date (YYYY-MM-DD)"),
                ),
            },
            "hit_policy" | "hitbeleid" => match value.as_str() {
                "eerste" => hit_policy = Some(HitPolicy::First),
                "uniek" => hit_policy = Some(HitPolicy::Unique),
                _ => cx.err(
                    *line,
                    None,
                    Some(key),
                    format!("'{value}' is geen hitbeleid (verwacht 'eerste' of 'uniek')"),
                    format!("'{value}' is not a hit policy (expected 'eerste' or 'uniek')"),
                ),
            },
            "bron" => source = value.clone(),
            "beleid" => policy = value.clone(),
            _ => cx.err(
                *line,
                None,
                Some(key),
                format!("onbekende sleutel '{key}'"),
                format!("unknown key '{key}'"),
            ),
        }
    }
    match table_name {
        Some((line, name)) if name != schema.table => cx.err(
            line,
            None,
            Some("tabel"),
            format!("tabel '{name}' verwacht, '{}' gevonden", schema.table),
            format!("expected table '{}', found '{name}'", schema.table),
        ),
        Some(_) => {}
        None => cx.err(
            0,
            None,
            Some("tabel"),
            "sleutel 'tabel' ontbreekt".into(),
            "key 'tabel' is missing".into(),
        ),
    }
    for (key, missing) in [
        ("versie", version.is_none()),
        (
            "geldig_vanaf",
            valid_from.is_none() && !header.iter().any(|h| h.1 == "geldig_vanaf"),
        ),
        (
            "hit_policy",
            hit_policy.is_none()
                && !header
                    .iter()
                    .any(|h| h.1 == "hit_policy" || h.1 == "hitbeleid"),
        ),
        ("bron", source.is_empty()),
    ] {
        if missing {
            cx.err(
                0,
                None,
                Some(key),
                format!("sleutel '{key}' ontbreekt"),
                format!("key '{key}' is missing"),
            );
        }
    }

    let (columns, outputs, mut rows) = parse_rules(&mut cx, schema, &rules);
    attach_notes(&mut cx, &mut rows, &notes);
    let _ = outputs;
    if cx.errors.is_empty() {
        Ok(Table {
            schema,
            file: file.to_string(),
            version: version.unwrap_or_default(),
            valid_from: valid_from.unwrap_or(NaiveDate::MIN),
            hit_policy: hit_policy.unwrap_or(HitPolicy::First),
            source,
            policy,
            columns,
            rows,
        })
    } else {
        Err(cx.errors)
    }
}

enum Slot {
    In(usize),
    Out(usize),
    Skip,
}

fn parse_rules(
    cx: &mut Ctx<'_>,
    schema: &'static Schema,
    rules: &RawTable,
) -> (Vec<usize>, Vec<usize>, Vec<Row>) {
    let Some((head_line, head)) = rules.first() else {
        cx.err(
            0,
            None,
            None,
            "sectie 'Regels' met een tabel ontbreekt".into(),
            "section 'Regels' with a table is missing".into(),
        );
        return (vec![], vec![], vec![]);
    };
    if head.first().map(String::as_str) != Some("id") {
        cx.err(
            *head_line,
            None,
            None,
            "de eerste kolom moet 'id' heten".into(),
            "the first column must be 'id'".into(),
        );
    }
    let mut slots = Vec::new();
    let mut columns = Vec::new();
    let mut outputs = Vec::new();
    let mut after_arrow = false;
    for name in head.iter().skip(1) {
        let (is_out, bare) = match name.strip_prefix("=>") {
            Some(rest) => (true, rest.trim()),
            None => (after_arrow, name.as_str()),
        };
        after_arrow |= is_out;
        let found = if is_out {
            schema.output_index(bare).map(Slot::Out)
        } else {
            schema.input_index(bare).map(Slot::In)
        };
        match found {
            Some(Slot::In(i)) if columns.contains(&i) => {
                cx.err(
                    *head_line,
                    None,
                    Some(bare),
                    "kolom staat er twee keer".into(),
                    "column appears twice".into(),
                );
                slots.push(Slot::Skip);
            }
            Some(Slot::Out(i)) if outputs.contains(&i) => {
                cx.err(
                    *head_line,
                    None,
                    Some(bare),
                    "kolom staat er twee keer".into(),
                    "column appears twice".into(),
                );
                slots.push(Slot::Skip);
            }
            Some(Slot::In(i)) => {
                columns.push(i);
                slots.push(Slot::In(i));
            }
            Some(Slot::Out(i)) => {
                outputs.push(i);
                slots.push(Slot::Out(i));
            }
            _ => {
                let known: Vec<&str> = if is_out {
                    schema.outputs.iter().map(|c| c.name).collect()
                } else {
                    schema.inputs.iter().map(|c| c.name).collect()
                };
                let what = if is_out {
                    ("uitkomst", "output")
                } else {
                    ("invoer", "input")
                };
                cx.err(
                    *head_line,
                    None,
                    Some(bare),
                    format!(
                        "onbekende {}kolom voor tabel '{}' (bekend: {})",
                        what.0,
                        schema.table,
                        known.join(", ")
                    ),
                    format!(
                        "unknown {} column for table '{}' (known: {})",
                        what.1,
                        schema.table,
                        known.join(", ")
                    ),
                );
                slots.push(Slot::Skip);
            }
        }
    }
    for (i, col) in schema.outputs.iter().enumerate() {
        if !outputs.contains(&i) {
            cx.err(
                *head_line,
                None,
                Some(col.name),
                "uitkomstkolom ontbreekt (zet '=>' voor de eerste uitkomst)".into(),
                "output column is missing (put '=>' before the first output)".into(),
            );
        }
    }
    let mut rows: Vec<Row> = Vec::new();
    for (line, cells) in rules.iter().skip(1) {
        let id = cells.first().cloned().unwrap_or_default();
        if id.is_empty() {
            cx.err(
                *line,
                None,
                Some("id"),
                "rij zonder id".into(),
                "row without an id".into(),
            );
            continue;
        }
        if rows.iter().any(|r| r.id == id) {
            cx.err(
                *line,
                Some(&id),
                Some("id"),
                "id komt al eerder voor".into(),
                "id is used before".into(),
            );
        }
        if cells.len() != head.len() {
            cx.err(
                *line,
                Some(&id),
                None,
                format!("{} cellen, de kop heeft er {}", cells.len(), head.len()),
                format!("{} cells, the header has {}", cells.len(), head.len()),
            );
            continue;
        }
        let mut conds = vec![Cond::Any; schema.inputs.len()];
        let mut texts = vec!["-".to_string(); schema.inputs.len()];
        let mut outs = vec![f32::NAN; schema.outputs.len()];
        for (slot, cell) in slots.iter().zip(cells.iter().skip(1)) {
            match slot {
                Slot::In(i) => {
                    let col = &schema.inputs[*i];
                    match parse_cond(col, cell) {
                        Ok(c) => {
                            conds[*i] = c;
                            texts[*i] = cell.clone();
                        }
                        Err((nl, en)) => cx.err(*line, Some(&id), Some(col.name), nl, en),
                    }
                }
                Slot::Out(i) => {
                    let col = &schema.outputs[*i];
                    match parse_value(col, cell) {
                        Ok(v) => outs[*i] = v,
                        Err((nl, en)) => cx.err(*line, Some(&id), Some(col.name), nl, en),
                    }
                }
                Slot::Skip => {}
            }
        }
        rows.push(Row {
            id,
            line: *line,
            conds,
            cells: texts,
            outputs: outs,
            text: Text::new("", ""),
        });
    }
    if rules.len() < 2 {
        cx.err(
            *head_line,
            None,
            None,
            "de tabel heeft geen rijen".into(),
            "the table has no rows".into(),
        );
    }
    (columns, outputs, rows)
}

fn attach_notes(cx: &mut Ctx<'_>, rows: &mut [Row], notes: &RawTable) {
    let mut seen = vec![false; rows.len()];
    for (line, cells) in notes.iter().skip(1) {
        let Some(id) = cells.first() else { continue };
        if cells.len() != 3 {
            cx.err(
                *line,
                Some(id),
                None,
                "toelichting heeft drie kolommen: id | nl | en".into(),
                "an explanation has three columns: id | nl | en".into(),
            );
            continue;
        }
        match rows.iter().position(|r| &r.id == id) {
            Some(i) => {
                if seen[i] {
                    cx.err(
                        *line,
                        Some(id),
                        None,
                        "toelichting staat er twee keer".into(),
                        "explanation appears twice".into(),
                    );
                }
                seen[i] = true;
                for (lang, text) in [("nl", &cells[1]), ("en", &cells[2])] {
                    if text.is_empty() {
                        cx.err(
                            *line,
                            Some(id),
                            Some(lang),
                            "toelichting is leeg".into(),
                            "explanation is empty".into(),
                        );
                    }
                }
                rows[i].text = Text::new(cells[1].clone(), cells[2].clone());
            }
            None => cx.err(
                *line,
                Some(id),
                None,
                "toelichting voor een rij die niet bestaat".into(),
                "explanation for a row that does not exist".into(),
            ),
        }
    }
    for (row, seen) in rows.iter().zip(seen) {
        if !seen {
            cx.err(
                row.line,
                Some(&row.id),
                None,
                "rij heeft geen toelichting in sectie 'Toelichting'".into(),
                "row has no explanation in section 'Toelichting'".into(),
            );
        }
    }
}

type CellError = (String, String);

fn parse_number(col: &Column, s: &str) -> Result<f32, CellError> {
    let s = s.trim();
    let v: f32 = s.replace(',', ".").parse().map_err(|_| {
        (
            format!("'{s}' is geen getal"),
            format!("'{s}' is not a number"),
        )
    })?;
    match col.kind {
        Kind::Int { min, max } => {
            if v.fract() != 0.0 {
                return Err((
                    format!("'{s}' moet een heel getal zijn"),
                    format!("'{s}' must be a whole number"),
                ));
            }
            if v < min as f32 || v > max as f32 {
                return Err((
                    format!("{s} ligt buiten {min}..{max}"),
                    format!("{s} is outside {min}..{max}"),
                ));
            }
        }
        Kind::Decimal { min, max } => {
            if !(min..=max).contains(&v) {
                return Err((
                    format!("{s} ligt buiten {min}..{max}"),
                    format!("{s} is outside {min}..{max}"),
                ));
            }
        }
        Kind::Enum(_) => unreachable!("numbers are only parsed for numeric columns"),
    }
    Ok(v)
}

fn parse_cond(col: &Column, cell: &str) -> Result<Cond, CellError> {
    let cell = cell.trim();
    if cell == "-" {
        return Ok(Cond::Any);
    }
    if cell.is_empty() {
        return Err((
            "lege cel (gebruik '-' voor 'maakt niet uit')".into(),
            "empty cell (use '-' for 'any value')".into(),
        ));
    }
    match col.kind {
        Kind::Enum(values) => {
            let mut mask = 0u32;
            for part in cell.split(',') {
                let part = part.trim();
                match values.iter().position(|v| v.code == part) {
                    Some(i) => mask |= 1 << i,
                    None => {
                        let known: Vec<&str> = values.iter().map(|v| v.code).collect();
                        return Err((
                            format!(
                                "'{part}' is geen geldige waarde (verwacht {} of -)",
                                known.join(", ")
                            ),
                            format!(
                                "'{part}' is not a valid value (expected {} or -)",
                                known.join(", ")
                            ),
                        ));
                    }
                }
            }
            Ok(Cond::Set(mask))
        }
        Kind::Int { .. } | Kind::Decimal { .. } => {
            let inf = f32::INFINITY;
            for (op, lo_incl_or_hi) in [(">=", 0), ("<=", 1), (">", 2), ("<", 3)] {
                if let Some(rest) = cell.strip_prefix(op) {
                    let v = parse_number(col, rest)?;
                    return Ok(match lo_incl_or_hi {
                        0 => Cond::Range {
                            lo: v,
                            lo_incl: true,
                            hi: inf,
                            hi_incl: false,
                        },
                        1 => Cond::Range {
                            lo: -inf,
                            lo_incl: false,
                            hi: v,
                            hi_incl: true,
                        },
                        2 => Cond::Range {
                            lo: v,
                            lo_incl: false,
                            hi: inf,
                            hi_incl: false,
                        },
                        _ => Cond::Range {
                            lo: -inf,
                            lo_incl: false,
                            hi: v,
                            hi_incl: false,
                        },
                    });
                }
            }
            if let Some((a, b)) = cell.split_once("..") {
                let lo = parse_number(col, a)?;
                let hi = parse_number(col, b)?;
                if lo > hi {
                    return Err((
                        format!("bereik {cell} loopt achteruit"),
                        format!("range {cell} runs backwards"),
                    ));
                }
                return Ok(Cond::Range {
                    lo,
                    lo_incl: true,
                    hi,
                    hi_incl: true,
                });
            }
            let v = parse_number(col, cell)?;
            Ok(Cond::Range {
                lo: v,
                lo_incl: true,
                hi: v,
                hi_incl: true,
            })
        }
    }
}

fn parse_value(col: &Column, cell: &str) -> Result<f32, CellError> {
    let cell = cell.trim();
    match col.kind {
        Kind::Enum(values) => values
            .iter()
            .position(|v| v.code == cell)
            .map(|i| i as f32)
            .ok_or_else(|| {
                let known: Vec<&str> = values.iter().map(|v| v.code).collect();
                (
                    format!(
                        "'{cell}' is geen geldige uitkomst (verwacht {})",
                        known.join(", ")
                    ),
                    format!(
                        "'{cell}' is not a valid output (expected {})",
                        known.join(", ")
                    ),
                )
            }),
        _ => parse_number(col, cell),
    }
}

/// The compact binary form of checked tables: written by the build script after parsing and
/// checking every rule file, read by the browser instead of parsing (see `rules.rs`). Numbers
/// are little-endian, floats by their bits, so a table reads back exactly as it was checked.
pub mod bin {
    /// Appends values.
    #[derive(Default)]
    pub struct Writer(pub Vec<u8>);

    impl Writer {
        pub fn u8(&mut self, v: u8) {
            self.0.push(v);
        }
        pub fn u32(&mut self, v: u32) {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
        pub fn i32(&mut self, v: i32) {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
        pub fn f32(&mut self, v: f32) {
            self.0.extend_from_slice(&v.to_bits().to_le_bytes());
        }
        pub fn usize(&mut self, v: usize) {
            self.u32(u32::try_from(v).unwrap_or(u32::MAX));
        }
        pub fn str(&mut self, s: &str) {
            self.usize(s.len());
            self.0.extend_from_slice(s.as_bytes());
        }
    }

    /// Reads what [`Writer`] wrote; `None` when the bytes run out or a string is not UTF-8.
    pub struct Reader<'a>(pub &'a [u8]);

    impl<'a> Reader<'a> {
        fn take(&mut self, n: usize) -> Option<&'a [u8]> {
            if self.0.len() < n {
                return None;
            }
            let (head, rest) = self.0.split_at(n);
            self.0 = rest;
            Some(head)
        }
        pub fn u8(&mut self) -> Option<u8> {
            Some(self.take(1)?[0])
        }
        pub fn u32(&mut self) -> Option<u32> {
            Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
        }
        pub fn i32(&mut self) -> Option<i32> {
            Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
        }
        pub fn f32(&mut self) -> Option<f32> {
            Some(f32::from_bits(self.u32()?))
        }
        pub fn usize(&mut self) -> Option<usize> {
            Some(self.u32()? as usize)
        }
        pub fn str(&mut self) -> Option<&'a str> {
            let n = self.usize()?;
            std::str::from_utf8(self.take(n)?).ok()
        }
        /// `n` items read by `f`.
        pub fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
            let n = self.usize()?;
            (0..n).map(|_| f(self)).collect()
        }
    }
}

impl Table {
    /// Write the table (its schema by position in [`crate::schema::ALL`]).
    pub fn write(&self, w: &mut bin::Writer) {
        let schema = crate::schema::ALL
            .iter()
            .position(|s| std::ptr::eq(*s, self.schema))
            .unwrap_or(usize::MAX);
        w.usize(schema);
        w.str(&self.file);
        w.str(&self.version);
        w.i32(chrono::Datelike::num_days_from_ce(&self.valid_from));
        w.u8(match self.hit_policy {
            HitPolicy::First => 0,
            HitPolicy::Unique => 1,
        });
        w.str(&self.source);
        w.str(&self.policy);
        w.usize(self.columns.len());
        for c in &self.columns {
            w.usize(*c);
        }
        w.usize(self.rows.len());
        for r in &self.rows {
            w.str(&r.id);
            w.usize(r.line);
            w.usize(r.conds.len());
            for c in &r.conds {
                match *c {
                    Cond::Any => w.u8(0),
                    Cond::Range {
                        lo,
                        lo_incl,
                        hi,
                        hi_incl,
                    } => {
                        w.u8(1);
                        w.f32(lo);
                        w.u8(lo_incl.into());
                        w.f32(hi);
                        w.u8(hi_incl.into());
                    }
                    Cond::Set(m) => {
                        w.u8(2);
                        w.u32(m);
                    }
                }
            }
            w.usize(r.cells.len());
            for c in &r.cells {
                w.str(c);
            }
            w.usize(r.outputs.len());
            for o in &r.outputs {
                w.f32(*o);
            }
            w.str(&r.text.nl);
            w.str(&r.text.en);
        }
    }

    /// Read a table written by [`Table::write`].
    pub fn read(r: &mut bin::Reader<'static>) -> Option<Table> {
        let schema: &'static Schema = crate::schema::ALL.get(r.usize()?)?;
        let file = r.str()?.to_string();
        let version = r.str()?.to_string();
        let valid_from = NaiveDate::from_num_days_from_ce_opt(r.i32()?)?;
        let hit_policy = match r.u8()? {
            0 => HitPolicy::First,
            _ => HitPolicy::Unique,
        };
        let source = r.str()?.to_string();
        let policy = r.str()?.to_string();
        let columns = r.list(|r| r.usize())?;
        let rows = r.list(|r| {
            Some(Row {
                id: r.str()?.to_string(),
                line: r.usize()?,
                conds: r.list(|r| {
                    Some(match r.u8()? {
                        0 => Cond::Any,
                        1 => Cond::Range {
                            lo: r.f32()?,
                            lo_incl: r.u8()? == 1,
                            hi: r.f32()?,
                            hi_incl: r.u8()? == 1,
                        },
                        _ => Cond::Set(r.u32()?),
                    })
                })?,
                cells: r.list(|r| r.str().map(str::to_string))?,
                outputs: r.list(|r| r.f32())?,
                text: Text::new(r.str()?, r.str()?),
            })
        })?;
        Some(Table {
            schema,
            file,
            version,
            valid_from,
            hit_policy,
            source,
            policy,
            columns,
            rows,
        })
    }
}
