//! Static checks of a decision table and its compiled form.
//!
//! Every threshold in the table cuts each input's domain into classes; inside a class every
//! condition has one truth value. Walking the product of the classes is therefore an exact
//! check: it finds inputs no row covers (gaps), rows that disagree where they overlap (for
//! `uniek` tables) and rows that can never decide (for `eerste` tables). The same walk fills a
//! lookup array, so classifying a situation is a few comparisons and one array read.

use crate::schema::Kind;
use crate::table::{Cond, HitPolicy, RuleError, Table};
use crate::text::Text;

/// The classes of one input column.
#[derive(Debug, Clone)]
pub(crate) enum Classes {
    /// Enumeration with this many values: class = value index.
    Enum(usize),
    /// Sorted cut points: class = 2·#(points < x) + [x is a point].
    Points(Vec<f32>),
}

/// How the fast path finds a column's class.
#[derive(Debug, Clone, Copy)]
enum Mapper {
    /// Enumeration: class = value index.
    Enum,
    /// Whole numbers: class = `class_of[start + clamp(v - min, 0, len - 1)]`.
    Table { min: i32, start: u32, len: u32 },
    /// Decimals: class from the cut points `points[start..start + n]`.
    Points { start: u32, n: u32 },
}

/// One input column that matters, laid out flat for the fast path.
#[derive(Debug, Clone, Copy)]
struct ColSpec {
    input: u32,
    stride: u32,
    map: Mapper,
}

/// The largest whole-number domain that gets a value→class byte table.
const MAX_TABLE: i64 = 1 << 16;

/// The compiled table: class layout, strides and the first deciding row per class combination.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// Row index for each combination (`u16::MAX`: none, or an empty class).
    pub(crate) lookup: Vec<u16>,
    /// Columns with more than one class, flattened.
    fast: Vec<ColSpec>,
    /// Value→class tables of whole-number columns, back to back.
    class_of: Vec<u8>,
    /// Cut points of decimal columns, back to back.
    points: Vec<f32>,
    /// The batch path: one compare pass per cut point (enumerations cut at k − ½).
    passes: Vec<Pass>,
}

/// One compare pass of the batch path: `idx += [p < v]·lt + [p == v]·eq` for column `input`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    input: u32,
    p: f32,
    lt: u32,
    eq: u32,
}

/// Residents per batch chunk; populations are padded to a multiple of it.
pub const CHUNK: usize = 512;

/// What a static check found. Any finding makes the table invalid.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    Gap {
        example: String,
    },
    Conflict {
        a: String,
        b: String,
        example: String,
    },
    Unreachable {
        row: String,
    },
}

/// The most class combinations a table may have (keeps load time and memory small).
const MAX_COMBINATIONS: usize = 1 << 20;

impl Compiled {
    /// The deciding row for a complete input vector (one value per schema input).
    #[inline]
    pub fn decide(&self, x: &[f32]) -> usize {
        let mut idx = 0usize;
        for c in &self.fast {
            let v = x[c.input as usize];
            let class = match c.map {
                Mapper::Enum => v as usize,
                Mapper::Table { min, start, len } => {
                    let k = (v as i32 - min).clamp(0, len as i32 - 1) as usize;
                    self.class_of[start as usize + k] as usize
                }
                Mapper::Points { start, n } => {
                    let mut k = 0usize;
                    for &p in &self.points[start as usize..(start + n) as usize] {
                        k += (p < v) as usize * 2 + (p == v) as usize;
                    }
                    k
                }
            };
            idx += class * c.stride as usize;
        }
        self.lookup[idx] as usize
    }

    /// How many compare passes the batch path makes over each chunk.
    pub fn pass_count(&self) -> usize {
        self.passes.len()
    }

    /// Batch path: add each resident's class index to `idx`, one compare pass at a time.
    /// `columns[i]` holds schema input `i` for the chunk. Fixed-size, branch-free loops that
    /// the compiler vectorises.
    pub fn accumulate(&self, columns: &[&[f32; CHUNK]], idx: &mut [u32; CHUNK]) {
        for pass in &self.passes {
            let col = columns[pass.input as usize];
            let (p, lt, eq) = (pass.p, pass.lt, pass.eq);
            if eq == 0 {
                // Cuts between whole values (enumerations, yes/no) never equal a value.
                for (i, &v) in idx.iter_mut().zip(col.iter()) {
                    *i += if p < v { lt } else { 0 };
                }
            } else {
                for (i, &v) in idx.iter_mut().zip(col.iter()) {
                    *i += if p < v { lt } else { 0 } + if p == v { eq } else { 0 };
                }
            }
        }
    }

    /// The lookup mapped to values: `f(row)` for every class combination (empty classes get
    /// `f(0)`; no real input reaches them). Lets the batch path read an outcome in one load.
    pub fn map_rows<T: Copy>(&self, f: impl Fn(usize) -> T) -> Vec<T> {
        let per_row: Vec<T> = (0..=self
            .lookup
            .iter()
            .filter(|&&r| r != u16::MAX)
            .max()
            .copied()
            .unwrap_or(0) as usize)
            .map(&f)
            .collect();
        self.lookup
            .iter()
            .map(|&r| per_row[if r == u16::MAX { 0 } else { r as usize }])
            .collect()
    }

    /// The deciding row for a class index computed by [`Compiled::accumulate`].
    #[inline]
    pub fn row_at(&self, idx: u32) -> usize {
        self.lookup[idx as usize] as usize
    }
}

/// A representative value for each class of a column (`None`: the class is empty).
fn representatives(kind: &Kind, classes: &Classes) -> Vec<Option<f32>> {
    match classes {
        Classes::Enum(n) => (0..*n).map(|i| Some(i as f32)).collect(),
        Classes::Points(points) => {
            let (min, max, int) = match *kind {
                Kind::Int { min, max } => (min as f32, max as f32, true),
                Kind::Decimal { min, max } => (min, max, false),
                Kind::Enum(_) => unreachable!("enum columns have enum classes"),
            };
            let mut reps = Vec::with_capacity(points.len() * 2 + 1);
            let mut below = min;
            let mut below_open = false;
            for &p in points {
                // The open interval between the previous cut (or the minimum) and p.
                let rep = if int {
                    let first = if below_open { below + 1.0 } else { below };
                    (first < p && first <= max).then_some(first)
                } else if below_open {
                    (below < p).then_some((below + p) / 2.0)
                } else {
                    (below < p).then_some(below)
                };
                reps.push(rep);
                reps.push((p >= min && p <= max).then_some(p));
                below = p;
                below_open = true;
            }
            let last = if int {
                let first = if below_open { below + 1.0 } else { below };
                (first <= max).then_some(first)
            } else if below_open {
                (below < max).then_some(if max.is_finite() {
                    (below + max) / 2.0
                } else {
                    below + 1.0
                })
            } else {
                Some(below)
            };
            reps.push(last);
            reps
        }
    }
}

fn describe(table: &Table, values: &[Option<f32>]) -> String {
    let mut parts = Vec::new();
    for &i in &table.columns {
        let col = &table.schema.inputs[i];
        if let Some(v) = values[i] {
            let shown = match col.kind {
                Kind::Enum(vals) => vals[v as usize].code.to_string(),
                _ => format!("{v}"),
            };
            parts.push(format!("{}={shown}", col.name));
        }
    }
    parts.join(", ")
}

/// Check a table and compile it. Findings are returned as rule errors on the table's file.
/// The classes of each input column: enumeration values, or the cut points of every finite
/// bound a row uses.
fn classes(table: &Table) -> Vec<Classes> {
    let schema = table.schema;
    let mut classes = Vec::with_capacity(schema.inputs.len());
    for (i, col) in schema.inputs.iter().enumerate() {
        classes.push(match col.kind {
            Kind::Enum(values) => Classes::Enum(if table.columns.contains(&i) {
                values.len()
            } else {
                1
            }),
            _ => {
                let mut points: Vec<f32> = Vec::new();
                for row in &table.rows {
                    if let Cond::Range { lo, hi, .. } = row.conds[i] {
                        for p in [lo, hi] {
                            if p.is_finite() && !points.contains(&p) {
                                points.push(p);
                            }
                        }
                    }
                }
                points.sort_by(f32::total_cmp);
                Classes::Points(points)
            }
        });
    }
    classes
}

pub fn compile(table: &Table) -> Result<Compiled, Vec<RuleError>> {
    let schema = table.schema;
    let classes = classes(table);
    let counts: Vec<usize> = classes
        .iter()
        .map(|c| match c {
            Classes::Enum(n) => *n,
            Classes::Points(p) => p.len() * 2 + 1,
        })
        .collect();
    let mut strides = vec![0; counts.len()];
    let mut total = 1usize;
    for (i, &n) in counts.iter().enumerate() {
        if n > 1 {
            strides[i] = total;
            total = total.saturating_mul(n);
        }
    }
    let err = |row: Option<&str>, nl: String, en: String| RuleError {
        file: table.file.clone(),
        line: row
            .and_then(|id| table.rows.iter().find(|r| r.id == id))
            .map_or(0, |r| r.line),
        row: row.map(str::to_string),
        column: None,
        problem: Text::new(nl, en),
    };
    if total > MAX_COMBINATIONS {
        return Err(vec![err(None,
            format!("tabel heeft {total} combinaties van klassen, meer dan {MAX_COMBINATIONS}: vereenvoudig de drempels"),
            format!("table has {total} class combinations, more than {MAX_COMBINATIONS}: simplify the thresholds"))]);
    }
    // Representative per class; for enum columns absent from the table, value 0 stands for all.
    let reps: Vec<Vec<Option<f32>>> = schema
        .inputs
        .iter()
        .zip(&classes)
        .map(|(c, cl)| representatives(&c.kind, cl))
        .collect();
    let mut lookup = vec![u16::MAX; total];
    let mut decided = vec![false; table.rows.len()];
    let mut findings: Vec<Finding> = Vec::new();
    let mut values: Vec<Option<f32>> = vec![None; counts.len()];
    let mut digits = vec![0usize; counts.len()];
    'combos: for (idx, slot) in lookup.iter_mut().enumerate() {
        // Decode idx into class digits.
        for i in 0..counts.len() {
            digits[i] = idx.checked_div(strides[i]).map_or(0, |q| q % counts[i]);
            values[i] = reps[i][digits[i]];
            if values[i].is_none() {
                continue 'combos; // empty class: no real input lands here
            }
        }
        let holds = |r: usize| {
            table.rows[r]
                .conds
                .iter()
                .zip(&values)
                .all(|(c, v)| c.holds(v.unwrap_or(0.0)))
        };
        let mut first: Option<usize> = None;
        for r in 0..table.rows.len() {
            if !holds(r) {
                continue;
            }
            match first {
                None => first = Some(r),
                Some(f) => {
                    if table.hit_policy == HitPolicy::Unique
                        && table.rows[f].outputs != table.rows[r].outputs
                        && findings.len() < 20
                    {
                        let conflict = Finding::Conflict {
                            a: table.rows[f].id.clone(),
                            b: table.rows[r].id.clone(),
                            example: describe(table, &values),
                        };
                        if !findings.iter().any(|g| matches!((g, &conflict), (Finding::Conflict { a, b, .. }, Finding::Conflict { a: a2, b: b2, .. }) if a == a2 && b == b2)) {
                            findings.push(conflict);
                        }
                    }
                    if table.hit_policy == HitPolicy::First {
                        break;
                    }
                }
            }
        }
        match first {
            Some(f) => {
                *slot = f as u16;
                decided[f] = true;
            }
            None => {
                if findings
                    .iter()
                    .filter(|f| matches!(f, Finding::Gap { .. }))
                    .count()
                    < 5
                {
                    findings.push(Finding::Gap {
                        example: describe(table, &values),
                    });
                }
            }
        }
    }
    for (row, decided) in table.rows.iter().zip(&decided) {
        if !decided {
            findings.push(Finding::Unreachable {
                row: row.id.clone(),
            });
        }
    }
    if findings.is_empty() {
        let mut class_of = Vec::new();
        let mut flat_points = Vec::new();
        let mut fast = Vec::new();
        for (i, c) in classes.iter().enumerate() {
            if strides[i] == 0 {
                continue;
            }
            let map = match (c, schema.inputs[i].kind) {
                (Classes::Enum(_), _) => Mapper::Enum,
                (Classes::Points(p), Kind::Int { min, max })
                    if (max as i64 - min as i64) < MAX_TABLE && p.len() < 127 =>
                {
                    let start = class_of.len() as u32;
                    for v in min..=max {
                        let v = v as f32;
                        let k: usize = p
                            .iter()
                            .map(|&q| (q < v) as usize * 2 + (q == v) as usize)
                            .sum();
                        class_of.push(k as u8);
                    }
                    Mapper::Table {
                        min,
                        start,
                        len: (max - min + 1) as u32,
                    }
                }
                (Classes::Points(p), _) => {
                    flat_points.extend_from_slice(p);
                    Mapper::Points {
                        start: (flat_points.len() - p.len()) as u32,
                        n: p.len() as u32,
                    }
                }
            };
            fast.push(ColSpec {
                input: i as u32,
                stride: strides[i] as u32,
                map,
            });
        }
        let mut passes = Vec::new();
        for c in &fast {
            match classes[c.input as usize] {
                Classes::Enum(n) => passes.extend((1..n).map(|k| Pass {
                    input: c.input,
                    p: k as f32 - 0.5,
                    lt: c.stride,
                    eq: 0,
                })),
                Classes::Points(ref p) => passes.extend(p.iter().map(|&p| Pass {
                    input: c.input,
                    p,
                    lt: c.stride * 2,
                    eq: c.stride,
                })),
            }
        }
        return Ok(Compiled {
            lookup,
            fast,
            class_of,
            points: flat_points,
            passes,
        });
    }
    Err(findings
        .into_iter()
        .map(|f| match f {
            Finding::Gap { example } => err(
                None,
                format!("geen rij dekt de invoer {example}"),
                format!("no row covers the input {example}"),
            ),
            Finding::Conflict { a, b, example } => err(
                Some(&b),
                format!("overlapt met rij {a} met een andere uitkomst, bijvoorbeeld bij {example}"),
                format!("overlaps row {a} with a different outcome, e.g. at {example}"),
            ),
            Finding::Unreachable { row } => err(
                Some(&row),
                "rij is onbereikbaar: eerdere rijen beslissen altijd eerst".into(),
                "row is unreachable: earlier rows always decide first".into(),
            ),
        })
        .collect())
}

impl Compiled {
    /// Write the compiled form of `table` (see [`crate::table::bin`]). The lookup is not
    /// written (it is large and does not compress in memory): the class representatives of each
    /// column are, and [`Compiled::read`] fills the lookup again with the first row that holds,
    /// as [`compile`] did.
    pub fn write(&self, table: &Table, w: &mut crate::table::bin::Writer) {
        let classes = classes(table);
        w.usize(self.fast.len());
        for c in &self.fast {
            w.u32(c.input);
            w.u32(c.stride);
            match c.map {
                Mapper::Enum => w.u8(0),
                Mapper::Table { min, start, len } => {
                    w.u8(1);
                    w.i32(min);
                    w.u32(start);
                    w.u32(len);
                }
                Mapper::Points { start, n } => {
                    w.u8(2);
                    w.u32(start);
                    w.u32(n);
                }
            }
            let i = c.input as usize;
            let reps = representatives(&table.schema.inputs[i].kind, &classes[i]);
            w.usize(reps.len());
            for r in reps {
                match r {
                    Some(v) => {
                        w.u8(1);
                        w.f32(v);
                    }
                    None => w.u8(0),
                }
            }
        }
        let class_of = runs(&self.class_of);
        w.usize(class_of.len());
        for (v, n) in class_of {
            w.u8(v);
            w.usize(n);
        }
        w.usize(self.points.len());
        for p in &self.points {
            w.f32(*p);
        }
        w.usize(self.passes.len());
        for p in &self.passes {
            w.u32(p.input);
            w.f32(p.p);
            w.u32(p.lt);
            w.u32(p.eq);
        }
    }

    /// Read a compiled form written by [`Compiled::write`] for `table`, filling the lookup:
    /// for every class combination the first row whose conditions hold for its representatives
    /// (`u16::MAX` where a class is empty). The tables were checked when they were written.
    pub fn read(r: &mut crate::table::bin::Reader<'_>, table: &Table) -> Option<Compiled> {
        let mut reps: Vec<Vec<Option<f32>>> = Vec::new();
        let fast = r.list(|r| {
            let spec = ColSpec {
                input: r.u32()?,
                stride: r.u32()?,
                map: match r.u8()? {
                    0 => Mapper::Enum,
                    1 => Mapper::Table {
                        min: r.i32()?,
                        start: r.u32()?,
                        len: r.u32()?,
                    },
                    _ => Mapper::Points {
                        start: r.u32()?,
                        n: r.u32()?,
                    },
                },
            };
            reps.push(r.list(|r| match r.u8()? {
                0 => Some(None),
                _ => Some(Some(r.f32()?)),
            })?);
            Some(spec)
        })?;
        let total = reps.iter().map(Vec::len).product::<usize>();
        let mut values = vec![0.0f32; table.schema.inputs.len()];
        let mut lookup = vec![u16::MAX; total];
        'combos: for (idx, slot) in lookup.iter_mut().enumerate() {
            for (c, k) in fast.iter().zip(&reps) {
                match k[(idx / c.stride as usize) % k.len()] {
                    Some(v) => values[c.input as usize] = v,
                    None => continue 'combos,
                }
            }
            if let Some(row) = table
                .rows
                .iter()
                .position(|row| row.conds.iter().zip(&values).all(|(c, v)| c.holds(*v)))
            {
                *slot = row as u16;
            }
        }
        Some(Compiled {
            lookup,
            fast,
            class_of: expand(r.list(|r| Some((r.u8()?, r.usize()?)))?),
            points: r.list(|r| r.f32())?,
            passes: r.list(|r| {
                Some(Pass {
                    input: r.u32()?,
                    p: r.f32()?,
                    lt: r.u32()?,
                    eq: r.u32()?,
                })
            })?,
        })
    }
}

/// The compiled set: per table (in [`crate::schema::ALL`] order) its versions, each written as
/// the table and its compiled form. `build.rs` and [`crate::RuleSet::encode`] both call this.
pub fn write_set<'a>(tables: impl IntoIterator<Item = Vec<(&'a Table, &'a Compiled)>>) -> Vec<u8> {
    let mut w = crate::table::bin::Writer::default();
    for list in tables {
        w.usize(list.len());
        for (t, c) in list {
            t.write(&mut w);
            c.write(t, &mut w);
        }
    }
    w.0
}

/// A list as runs of equal values.
fn runs<T: Copy + PartialEq>(list: &[T]) -> Vec<(T, usize)> {
    let mut out: Vec<(T, usize)> = Vec::new();
    for &v in list {
        match out.last_mut() {
            Some((last, n)) if *last == v => *n += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

/// The list that [`runs`] made.
fn expand<T: Copy>(runs: Vec<(T, usize)>) -> Vec<T> {
    runs.into_iter()
        .flat_map(|(v, n)| std::iter::repeat_n(v, n))
        .collect()
}
