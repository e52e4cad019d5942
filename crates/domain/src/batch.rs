//! Whole populations at once: situations laid out column by column (one vector per input, as
//! a vectorised microsimulation does), classified and routed in chunks through the compiled
//! lookups. Same results as [`crate::assess_fast`] (a test checks it), several times faster,
//! for reports, impact previews and the command line.

use crate::engine::Compact;
use crate::facts::Situation;
use crate::rules::Rules;
use crate::schema::ladder_in;

pub use crate::analysis::CHUNK;

/// Complete situations stored column by column, each column padded with zeros to a multiple
/// of [`CHUNK`] (the padding is classified and thrown away).
#[derive(Debug, Clone, Default)]
pub struct Population {
    len: usize,
    pub ladder: [Column; ladder_in::COUNT],
    pub months_in_assistance: Column,
    pub readiness: Column,
    pub growth_potential: Column,
}

/// One input for the whole population, at the narrowest width that holds every value exactly:
/// yes/no, enumerations and small whole numbers take one byte a resident, other numbers four
/// (as a vectorised microsimulation keeps booleans in byte arrays). The batch path is bound by
/// how many bytes it reads, so this is most of its speed.
#[derive(Debug, Clone)]
pub enum Column {
    Byte(Vec<u8>),
    Number(Vec<f32>),
}

impl Default for Column {
    fn default() -> Self {
        Column::Byte(Vec::new())
    }
}

impl Column {
    /// The narrowest column that holds `values` exactly.
    fn of(values: Vec<f32>) -> Column {
        if values
            .iter()
            .all(|&v| (0.0..=255.0).contains(&v) && v == (v as u8) as f32)
        {
            Column::Byte(values.iter().map(|&v| v as u8).collect())
        } else {
            Column::Number(values)
        }
    }

    /// Bytes a resident in this column.
    pub fn width(&self) -> usize {
        match self {
            Column::Byte(_) => 1,
            Column::Number(_) => 4,
        }
    }

    /// The chunk starting at `start` as numbers: borrowed, or widened into `scratch`. Columns
    /// are padded to whole chunks, so every chunk is a fixed-size array.
    fn chunk<'a>(&'a self, start: usize, scratch: &'a mut [f32; CHUNK]) -> &'a [f32; CHUNK] {
        const PADDED: &str = "columns are padded to whole chunks";
        match self {
            Column::Number(v) => v[start..start + CHUNK].try_into().expect(PADDED),
            Column::Byte(b) => {
                let b: &[u8; CHUNK] = b[start..start + CHUNK].try_into().expect(PADDED);
                for (s, &x) in scratch.iter_mut().zip(b) {
                    *s = x as f32;
                }
                scratch
            }
        }
    }
}

impl Population {
    /// Lay out complete situations by column; incomplete ones are left out and their
    /// positions returned (they need the traced path, which asks for the missing facts).
    pub fn from_situations(situations: &[Situation]) -> (Population, Vec<usize>) {
        let mut ladder: [Vec<f32>; ladder_in::COUNT] = Default::default();
        let (mut months, mut readiness, mut growth) = (Vec::new(), Vec::new(), Vec::new());
        let mut left_out = Vec::new();
        for (n, s) in situations.iter().enumerate() {
            if !s.is_complete() {
                left_out.push(n);
                continue;
            }
            for (col, &v) in ladder.iter_mut().zip(&s.ladder) {
                col.push(v);
            }
            months.push(s.months_in_assistance);
            readiness.push(s.readiness);
            growth.push(s.growth_potential);
        }
        let len = readiness.len();
        let padded = len.div_ceil(CHUNK) * CHUNK;
        let column = |mut values: Vec<f32>| {
            values.resize(padded, 0.0);
            Column::of(values)
        };
        let p = Population {
            len,
            ladder: ladder.map(column),
            months_in_assistance: column(months),
            readiness: column(readiness),
            growth_potential: column(growth),
        };
        (p, left_out)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes a resident over all columns (the batch path reads each once).
    pub fn bytes_per_resident(&self) -> usize {
        self.ladder
            .iter()
            .chain([
                &self.months_in_assistance,
                &self.readiness,
                &self.growth_potential,
            ])
            .map(Column::width)
            .sum()
    }
}

/// The ladder's class index mapped straight to the step and the trajectory: the trajectory
/// table reads only the step, so its passes are run once over the ladder's outcomes here
/// instead of once per resident.
fn step_and_trajectory(rules: &Rules<'_>) -> Vec<(f32, u8)> {
    let (l, t) = (rules.ladder, rules.trajectory);
    let step_of: Vec<f32> = l.compiled.map_rows(|r| l.table.rows[r].outputs[0]);
    let traj_of: Vec<u8> = t.compiled.map_rows(|r| t.table.rows[r].outputs[0] as u8);
    let mut fused = Vec::with_capacity(step_of.len());
    let mut chunk = [0f32; CHUNK];
    let mut idx = [0u32; CHUNK];
    for part in step_of.chunks(CHUNK) {
        chunk[..part.len()].copy_from_slice(part);
        idx.fill(0);
        t.compiled.accumulate(&[&chunk], &mut idx);
        fused.extend(
            part.iter()
                .zip(idx.iter())
                .map(|(&s, &i)| (s, traj_of[i as usize])),
        );
    }
    fused
}

/// Room to widen one chunk of every ladder input to numbers.
type Scratch = [[f32; CHUNK]; ladder_in::COUNT];

/// The ladder's class index of every resident in the chunk starting at `start`.
fn ladder_chunk(
    rules: &Rules<'_>,
    pop: &Population,
    start: usize,
    idx: &mut [u32; CHUNK],
    scratch: &mut Scratch,
) {
    idx.fill(0);
    let mut room = scratch.iter_mut();
    let cols: [&[f32; CHUNK]; ladder_in::COUNT] = std::array::from_fn(|i| {
        pop.ladder[i].chunk(start, room.next().expect("one scratch row per input"))
    });
    rules.ladder.compiled.accumulate(&cols, idx);
}

/// Step and trajectory only (what a ladder microsimulation computes), in population order.
pub fn classify_population(
    rules: &Rules<'_>,
    pop: &Population,
    steps: &mut Vec<u8>,
    trajectories: &mut Vec<u8>,
) {
    steps.clear();
    trajectories.clear();
    steps.resize(pop.len(), 0);
    trajectories.resize(pop.len(), 0);
    let fused: Vec<(u8, u8)> = step_and_trajectory(rules)
        .into_iter()
        .map(|(s, t)| (s as u8, t))
        .collect();
    let mut idx = [0u32; CHUNK];
    let mut scratch = Box::new([[0f32; CHUNK]; ladder_in::COUNT]);
    for (n, (s_out, t_out)) in steps
        .chunks_mut(CHUNK)
        .zip(trajectories.chunks_mut(CHUNK))
        .enumerate()
    {
        ladder_chunk(rules, pop, n * CHUNK, &mut idx, &mut scratch);
        for ((s, t), &i) in s_out.iter_mut().zip(t_out.iter_mut()).zip(&idx) {
            (*s, *t) = fused[i as usize];
        }
    }
}

/// Classify and route a whole population; `out` is cleared and filled in population order.
pub fn assess_population(rules: &Rules<'_>, pop: &Population, out: &mut Vec<Compact>) {
    out.clear();
    out.resize(
        pop.len(),
        Compact {
            step: 0,
            trajectory: 0,
            wsp: false,
            segment: 0,
            priority: 0,
        },
    );
    let f = rules.flow;
    // Each table's lookup mapped straight to its outputs: one load a resident a table.
    let fused = step_and_trajectory(rules);
    let flow_of: Vec<(bool, u8, u8)> = f.compiled.map_rows(|r| {
        let o = &f.table.rows[r].outputs;
        (o[0] != 0.0, o[1] as u8, o[2] as u8)
    });
    let mut idx = [0u32; CHUNK];
    let mut step = [0f32; CHUNK];
    let mut growth = [0f32; CHUNK];
    let mut traj = [0u8; CHUNK];
    let mut scratch = Box::new([[0f32; CHUNK]; ladder_in::COUNT]);
    let (mut m, mut r, mut g) = ([0f32; CHUNK], [0f32; CHUNK], [0f32; CHUNK]);
    let mut start = 0;
    while start < pop.len() {
        let n = CHUNK.min(pop.len() - start);
        // Ladder, and with it the trajectory.
        ladder_chunk(rules, pop, start, &mut idx, &mut scratch);
        for ((s, tr), &i) in step.iter_mut().zip(traj.iter_mut()).zip(idx.iter()) {
            (*s, *tr) = fused[i as usize];
        }
        // Hand-over and waiting list.
        let months = pop.months_in_assistance.chunk(start, &mut m);
        let readiness = pop.readiness.chunk(start, &mut r);
        let gp = pop.growth_potential.chunk(start, &mut g);
        for ((g, &gp), &s) in growth.iter_mut().zip(gp.iter()).zip(step.iter()) {
            *g = gp - s;
        }
        idx.fill(0);
        f.compiled
            .accumulate(&[&step, months, readiness, &growth], &mut idx);
        for (j, o) in out[start..start + n].iter_mut().enumerate() {
            let (wsp, segment, priority) = flow_of[idx[j] as usize];
            *o = Compact {
                step: step[j] as u8,
                trajectory: traj[j],
                wsp,
                segment,
                priority,
            };
        }
        start += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_a_byte_wide_only_when_every_value_fits_exactly() {
        assert!(matches!(Column::of(vec![0.0, 1.0, 255.0]), Column::Byte(_)));
        for odd in [2.5, 256.0, -1.0, f32::NAN, 0.1] {
            assert!(
                matches!(Column::of(vec![0.0, odd]), Column::Number(_)),
                "{odd} needs four bytes"
            );
        }
        let mut scratch = [0f32; CHUNK];
        let mut values = vec![0.0; CHUNK];
        values[7] = 200.0;
        let col = Column::of(values.clone());
        assert_eq!(col.width(), 1);
        assert_eq!(&col.chunk(0, &mut scratch)[..], &values[..]);
    }
}
