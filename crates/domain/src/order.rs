//! Sorting lists for the screens without a copy of the standard library's sort for each of them.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call site with its
//! own closure links its own copy of the sort (about 4 KB of code each before compression). The
//! browser apps sort a dozen lists (the caseload three ways, the points to check, the records,
//! the measurements, the report's caseloads). Here the standard library sorts positions
//! (`usize`) once, through one comparison behind a reference, and each list is then put in that
//! order by swapping: one copy of the sort for all of them. The order is the same as
//! `sort_by`'s, equal elements included (stable).
//!
//! For the lists people look at (hundreds to a few thousand items). The rules' batch paths keep
//! the standard library's sorts.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` stably by `key`, as `v.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably, as `v.sort()` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` gives them (stable). Never inlined: this is the one
/// copy of the standard library's sort that every list shares.
#[inline(never)]
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    p.sort_by(|&a, &b| cmp(a, b));
    p
}

/// Puts `v` in `order` (`v[k]` becomes the old `v[order[k]]`), one cycle of the permutation at
/// a time, by swapping.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != DONE {
            let from = order[k];
            order[k] = DONE;
            if from == start {
                break;
            }
            v.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small generator of lists with many equal keys, so stability is tested too.
    fn lists() -> Vec<Vec<(u8, u32)>> {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u32
        };
        let mut out = vec![vec![], vec![(1, 0)]];
        for len in [2, 3, 5, 8, 13, 20, 21, 33, 64, 100, 257, 1000] {
            for spread in [1, 3, 10, 255] {
                out.push((0..len).map(|i| ((next() % spread) as u8, i)).collect());
            }
        }
        // Already sorted, and the other way round.
        out.push((0..50).map(|i| (i as u8, i)).collect());
        out.push((0..50).rev().map(|i| (i as u8, i)).collect());
        out
    }

    #[test]
    #[allow(clippy::unnecessary_sort_by)] // `sort_by` itself is what ours is compared with
    fn the_same_order_as_the_standard_librarys_stable_sorts() {
        for list in lists() {
            let mut ours = list.clone();
            let mut std = list.clone();
            sort_by_key(&mut ours, |x| x.0);
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "sort_by_key {list:?}");

            let mut ours = list.clone();
            let mut std = list.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std.sort_by(|a, b| b.0.cmp(&a.0));
            assert_eq!(ours, std, "sort_by, descending {list:?}");

            let mut ours = list.clone();
            let mut std = list.clone();
            sort(&mut ours);
            std.sort();
            assert_eq!(ours, std, "sort {list:?}");
        }
    }

    #[test]
    fn elements_that_own_memory_are_moved_not_copied() {
        let mut names: Vec<String> = ["Visser", "de Vries", "Bakker", "Jansen", "Bakker"]
            .map(String::from)
            .to_vec();
        sort(&mut names);
        assert_eq!(names, ["Bakker", "Bakker", "Jansen", "Visser", "de Vries"]);
    }
}
