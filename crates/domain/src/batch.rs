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
    pub ladder: [Vec<f32>; ladder_in::COUNT],
    pub months_in_assistance: Vec<f32>,
    pub readiness: Vec<f32>,
    pub growth_potential: Vec<f32>,
}

impl Population {
    /// Lay out complete situations by column; incomplete ones are left out and their
    /// positions returned (they need the traced path, which asks for the missing facts).
    pub fn from_situations(situations: &[Situation]) -> (Population, Vec<usize>) {
        let mut p = Population::default();
        let mut left_out = Vec::new();
        for (n, s) in situations.iter().enumerate() {
            if !s.is_complete() {
                left_out.push(n);
                continue;
            }
            for (col, &v) in p.ladder.iter_mut().zip(&s.ladder) {
                col.push(v);
            }
            p.months_in_assistance.push(s.months_in_assistance);
            p.readiness.push(s.readiness);
            p.growth_potential.push(s.growth_potential);
        }
        p.len = p.readiness.len();
        let padded = p.len.div_ceil(CHUNK) * CHUNK;
        for col in p.ladder.iter_mut().chain([
            &mut p.months_in_assistance,
            &mut p.readiness,
            &mut p.growth_potential,
        ]) {
            col.resize(padded, 0.0);
        }
        (p, left_out)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
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

/// Columns are padded to whole chunks, so every chunk borrows as a fixed-size array.
fn chunk(col: &[f32], start: usize) -> &[f32; CHUNK] {
    col[start..start + CHUNK]
        .try_into()
        .expect("columns are padded to whole chunks")
}

/// The ladder's class index of every resident in the chunk starting at `start`.
fn ladder_chunk(rules: &Rules<'_>, pop: &Population, start: usize, idx: &mut [u32; CHUNK]) {
    idx.fill(0);
    let cols: [&[f32; CHUNK]; ladder_in::COUNT] =
        std::array::from_fn(|i| chunk(&pop.ladder[i], start));
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
    for (n, (s_out, t_out)) in steps
        .chunks_mut(CHUNK)
        .zip(trajectories.chunks_mut(CHUNK))
        .enumerate()
    {
        ladder_chunk(rules, pop, n * CHUNK, &mut idx);
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
    let mut start = 0;
    while start < pop.len() {
        let n = CHUNK.min(pop.len() - start);
        // Ladder, and with it the trajectory.
        ladder_chunk(rules, pop, start, &mut idx);
        for ((s, tr), &i) in step.iter_mut().zip(traj.iter_mut()).zip(idx.iter()) {
            (*s, *tr) = fused[i as usize];
        }
        // Hand-over and waiting list.
        let months = chunk(&pop.months_in_assistance, start);
        let readiness = chunk(&pop.readiness, start);
        let gp = chunk(&pop.growth_potential, start);
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
