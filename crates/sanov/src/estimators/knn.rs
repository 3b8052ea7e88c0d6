//! The machinery shared by the k-NN estimators: validation, standardisation and jitter of the
//! sample matrices, marginal spaces that count neighbours strictly (or inclusively) within a
//! radius, a digamma table for integer arguments, and the duplicate-point error.

use crate::rng::SplitMix64;
use core::ops::Range;

use ndarray::ArrayView2;
use rayon::prelude::*;

use crate::cancel::Checker;
use crate::error::{Error, Result};
use crate::neighbors::{check_finite, KdTree, Metric, GROUP};
pub(crate) use crate::real::{pow2_exponent, scale_pow2};
use crate::special::digamma;
use crate::sum::Neumaier;
use crate::Par;

/// Added noise: none, or sklearn-style jitter.
///
/// `Jitter { scale, seed }` adds `scale · max(1, mean_i |v_ic|) · g_ic` to every entry of
/// every column `c` (after standardisation, if requested), with `g_ic` standard normal draws
/// from a splitmix64 generator seeded by `seed` (Box–Muller, column by column, rows in order).
/// scikit-learn's `mutual_info_regression` adds the same amount with `scale = 1e-10` to break
/// ties between duplicate points; here it is opt-in and reproducible.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Noise {
    /// Use the samples as given: rows with at least `k` exact duplicates are an error.
    #[default]
    None,
    /// Add deterministic Gaussian jitter of relative size `scale`.
    Jitter {
        /// The relative amplitude (scikit-learn: `1e-10`).
        scale: f64,
        /// The seed of the generator.
        seed: u64,
    },
}

/// Rows copied between two cancellation checks in [`Samples::new`].
const COPY_BLOCK: usize = 1 << 16;

/// The samples of several variables, side by side in one row-major matrix.
pub(crate) struct Samples {
    /// `n × dim`, row-major.
    pub data: Vec<f64>,
    pub n: usize,
    pub dim: usize,
    /// The columns of each variable.
    pub blocks: Vec<Range<usize>>,
}

impl Samples {
    /// Validates the variables (same number of rows, at least one column, finite), copies them
    /// side by side, and standardises / jitters the columns.
    pub(crate) fn new(
        parts: &[(ArrayView2<'_, f64>, &'static str)],
        standardize: bool,
        noise: Noise,
    ) -> Result<Self> {
        let (first, first_name) = parts[0];
        let n = first.nrows();
        for &(a, name) in parts {
            if a.nrows() == 0 || a.ncols() == 0 {
                return Err(Error::Empty { arg: name });
            }
            if a.nrows() != n {
                return Err(Error::LengthMismatch {
                    left_arg: first_name,
                    left: n,
                    right_arg: name,
                    right: a.nrows(),
                });
            }
            check_finite(a, name)?;
        }
        if let Noise::Jitter { scale, .. } = noise {
            if !(scale.is_finite() && scale >= 0.0) {
                return Err(Error::InvalidParameter {
                    name: "jitter scale",
                    value: scale,
                    expected: "must be finite and >= 0",
                });
            }
        }
        let dim: usize = parts.iter().map(|p| p.0.ncols()).sum();
        let mut blocks = Vec::with_capacity(parts.len());
        let mut c0 = 0;
        for &(a, _) in parts {
            blocks.push(c0..c0 + a.ncols());
            c0 += a.ncols();
        }
        let mut data = vec![0.0; n * dim];
        // In blocks of rows, checking for cancellation between them (a copy of 1e7 rows
        // takes a good part of a second).
        let cancel = Checker::current();
        for (b, block) in data.chunks_mut(COPY_BLOCK * dim).enumerate() {
            cancel.check()?;
            for (t, row) in block.chunks_exact_mut(dim).enumerate() {
                let i = b * COPY_BLOCK + t;
                let mut c = 0;
                for &(a, _) in parts {
                    for &v in a.row(i) {
                        row[c] = v;
                        c += 1;
                    }
                }
            }
        }
        cancel.check()?;
        let mut s = Self {
            data,
            n,
            dim,
            blocks,
        };
        if standardize {
            s.standardize();
        }
        if let Noise::Jitter { scale, seed } = noise {
            s.jitter(scale, seed);
        }
        Ok(s)
    }

    /// `v ← (v − mean) / std` per column (population std, Neumaier sums); a constant column is
    /// only centred. Each column is first multiplied by the power of two that brings its
    /// largest magnitude into `[1, 2)` (exact, so for ordinary data the result is bit for bit
    /// what it was without it), so that the squares of 1e200-sized values cannot overflow and
    /// those of 1e-200-sized ones cannot underflow: standardisation is scale-invariant.
    fn standardize(&mut self) {
        let (n, d) = (self.n, self.dim);
        for c in 0..d {
            let m = (0..n).fold(0.0f64, |m, i| m.max(self.data[i * d + c].abs()));
            let e = pow2_exponent(m);
            if e != 0 {
                for i in 0..n {
                    self.data[i * d + c] = scale_pow2(self.data[i * d + c], -e);
                }
            }
            let mut s = Neumaier::default();
            for i in 0..n {
                s.add(self.data[i * d + c]);
            }
            let mean = s.total() / n as f64;
            let mut v = Neumaier::default();
            for i in 0..n {
                let e = self.data[i * d + c] - mean;
                v.add(e * e);
            }
            let std = (v.total() / n as f64).sqrt();
            for i in 0..n {
                let e = self.data[i * d + c] - mean;
                self.data[i * d + c] = if std > 0.0 { e / std } else { e };
            }
        }
    }

    fn jitter(&mut self, scale: f64, seed: u64) {
        let (n, d) = (self.n, self.dim);
        let mut rng = SplitMix64(seed);
        for c in 0..d {
            let mut s = Neumaier::default();
            for i in 0..n {
                s.add(self.data[i * d + c].abs());
            }
            let amp = scale * (s.total() / n as f64).max(1.0);
            let mut i = 0;
            while i < n {
                let (g0, g1) = rng.normal_pair();
                self.data[i * d + c] += amp * g0;
                if i + 1 < n {
                    self.data[(i + 1) * d + c] += amp * g1;
                }
                i += 2;
            }
        }
    }

    /// The columns `cols` of every row, row-major.
    pub(crate) fn columns(&self, cols: &[usize]) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.n * cols.len());
        for row in self.data.chunks_exact(self.dim) {
            out.extend(cols.iter().map(|&c| row[c]));
        }
        out
    }
}

/// A space in which neighbours of the sample points are counted: a sorted copy for one
/// column (the points are visited in sorted order, each count found by two exponential
/// searches from the point's own rank, starting from the previous point's run lengths), a
/// k-d tree otherwise (visited in tree order).
pub(crate) enum Space {
    /// `sorted[j]` is the value of row `order[j]`.
    Sorted {
        sorted: Vec<f64>,
        order: Vec<usize>,
    },
    Tree(KdTree),
}

impl Space {
    /// The space of the columns `cols` of `s`.
    pub(crate) fn new(s: &Samples, cols: &[usize], par: Par) -> Self {
        let v = s.columns(cols);
        if cols.len() == 1 {
            Self::sorted(v, par)
        } else {
            Self::Tree(KdTree::from_rows_checked(
                v,
                cols.len(),
                par,
                &Checker::current(),
            ))
        }
    }

    /// The one-column space of the values `v` (row `i` has value `v[i]`).
    pub(crate) fn sorted(v: Vec<f64>, par: Par) -> Self {
        let (sorted, order) = sort_with_rows(v, par);
        Self::Sorted { sorted, order }
    }

    /// The number of points.
    pub(crate) fn len(&self) -> usize {
        match self {
            Self::Sorted { order, .. } => order.len(),
            Self::Tree(t) => t.len(),
        }
    }

    /// `f(row, count)` for the points at the visiting positions `range` (sorted order or tree
    /// order), with `count = #{j : ‖v_j − v_row‖_∞ < radius(at, row)}` (`≤` when
    /// `inclusive`), the point itself included; `at` is the visiting position.
    #[inline]
    pub(crate) fn for_counts(
        &self,
        range: core::ops::Range<usize>,
        inclusive: bool,
        radius: impl Fn(usize, usize) -> f64,
        mut f: impl FnMut(usize, usize),
        cancel: &Checker,
    ) {
        match self {
            Self::Sorted { sorted, order } => {
                let s = sorted.as_slice();
                // The previous point's run lengths, scaled by the ratio of the radii (the
                // local density changes slowly along the sorted order).
                let (mut prev, mut prev_r) = ([0usize; 2], 0.0f64);
                for at in range {
                    if cancel.is_cancelled() {
                        return;
                    }
                    let row = order[at];
                    let (x, r) = (s[at], radius(at, row));
                    let scale = if prev_r > 0.0 { r / prev_r } else { 1.0 };
                    let guess = [
                        (prev[0] as f64 * scale) as usize,
                        (prev[1] as f64 * scale) as usize,
                    ];
                    let (up, down) = if inclusive {
                        (
                            run_len(s.len() - 1 - at, guess[0], |t| s[at + t] - x <= r),
                            run_len(at, guess[1], |t| x - s[at - t] <= r),
                        )
                    } else {
                        (
                            run_len(s.len() - 1 - at, guess[0], |t| s[at + t] - x < r),
                            run_len(at, guess[1], |t| x - s[at - t] < r),
                        )
                    };
                    (prev, prev_r) = ([up, down], r);
                    f(row, 1 + up + down);
                }
            }
            Self::Tree(t) => {
                // Groups of consecutive tree positions, counted by one walk of the tree each.
                let (mut radii, mut counts) = ([0.0; GROUP], [0usize; GROUP]);
                let mut start = range.start;
                while start < range.end {
                    if cancel.is_cancelled() {
                        return;
                    }
                    let end = range.end.min(start + GROUP);
                    let g = end - start;
                    for (pos, r) in (start..end).zip(&mut radii[..g]) {
                        *r = radius(pos, t.index_of(pos));
                    }
                    t.count_group(
                        start..end,
                        &radii[..g],
                        Metric::Chebyshev,
                        inclusive,
                        &mut counts[..g],
                    );
                    for (pos, &c) in (start..end).zip(&counts[..g]) {
                        f(t.index_of(pos), c);
                    }
                    start = end;
                }
            }
        }
    }
}

/// The values `v` in ascending order (`total_cmp`), and the row of each.
pub(crate) fn sort_with_rows(v: Vec<f64>, par: Par) -> (Vec<f64>, Vec<usize>) {
    let mut pairs: Vec<(f64, usize)> = v.into_iter().zip(0..).collect();
    let cmp = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0);
    match par {
        Par::Seq => pairs.sort_unstable_by(cmp),
        Par::Rayon(_) => par.install(|| pairs.par_sort_unstable_by(cmp)),
    }
    pairs.into_iter().unzip()
}

/// The `k`-th smallest of `|s_j − s_at|` over `j ≠ at` in the ascending slice `s`
/// (`1 ≤ k < s.len()`): a merge of the two sides, each computed as the max-norm distance of
/// a k-d tree (`|q − p|`, exact in either order), so that it equals the tree's value bit for
/// bit.
#[inline]
pub(crate) fn kth_distance_sorted(s: &[f64], at: usize, k: usize) -> f64 {
    let x = s[at];
    let (mut left, mut right) = (at, at + 1);
    let mut d = 0.0;
    for _ in 0..k {
        let dl = if left > 0 {
            x - s[left - 1]
        } else {
            f64::INFINITY
        };
        let dr = if right < s.len() {
            s[right] - x
        } else {
            f64::INFINITY
        };
        if dl <= dr {
            d = dl;
            left -= 1;
        } else {
            d = dr;
            right += 1;
        }
    }
    d
}

/// The largest `m ≤ avail` with `pred(t)` for all `1 ≤ t ≤ m`, `pred` monotone (true, then
/// false): an exponential search outward from the hint `guess`, then bisection.
#[inline]
fn run_len(avail: usize, guess: usize, pred: impl Fn(usize) -> bool) -> usize {
    if avail == 0 {
        return 0;
    }
    let g = guess.clamp(1, avail);
    // Invariant: pred(lo) (lo = 0 stands for "none"), !pred(hi) (hi = avail + 1: past the end).
    let (mut lo, mut hi);
    if pred(g) {
        lo = g;
        let mut step = g;
        loop {
            let p = lo + step;
            if p > avail {
                hi = avail + 1;
                break;
            }
            if !pred(p) {
                hi = p;
                break;
            }
            lo = p;
            step *= 2;
        }
    } else {
        hi = g;
        let mut step = 1;
        loop {
            if hi <= step {
                lo = 0;
                break;
            }
            let p = hi - step;
            if pred(p) {
                lo = p;
                break;
            }
            hi = p;
            step *= 2;
        }
    }
    // Branch-free bisection of (lo, hi): the last t with pred(t) (a conditional move per step).
    let mut size = hi - lo;
    while size > 1 {
        let half = size / 2;
        let mid = lo + half;
        lo = if pred(mid) { mid } else { lo };
        size -= half;
    }
    lo
}

/// ψ at the integers `0..len` (ψ(0) unused), falling back to [`digamma`] above.
pub(crate) struct PsiTable(Vec<f64>);

impl PsiTable {
    /// The table for arguments up to `max` (capped at 4096 entries).
    pub(crate) fn new(max: usize) -> Self {
        let len = (max + 1).min(4096);
        Self((0..len).map(|m| digamma(m as f64)).collect())
    }

    #[inline]
    pub(crate) fn get(&self, m: usize) -> f64 {
        if m < self.0.len() {
            self.0[m]
        } else {
            digamma(m as f64)
        }
    }
}

/// The error for a point whose k-th neighbour distance is 0 (it has at least `k` exact
/// duplicates).
pub(crate) fn duplicate_error(arg: &'static str, row: usize) -> Error {
    Error::Duplicates { arg, row }
}

/// The per-chunk result of a sum over points: the compensated sum, and the smallest row
/// whose k-th neighbour distance was 0.
#[derive(Default, Clone, Copy)]
pub(crate) struct Partial {
    pub sum: Neumaier,
    pub duplicate: Option<usize>,
}

impl Partial {
    pub(crate) fn flag(&mut self, row: usize) {
        self.duplicate = Some(self.duplicate.map_or(row, |d| d.min(row)));
    }
}

/// Runs `f(range)` over `par.degree()` contiguous ranges of `0..n` and combines the partial
/// sums in order; `Err(duplicate_error(arg, row))` for the smallest flagged row, and
/// [`Error::Cancelled`] first if `cancel` was cancelled (`f` is expected to stop early then).
pub(crate) fn sum_over(
    n: usize,
    par: Par,
    arg: &'static str,
    cancel: &Checker,
    f: impl Fn(Range<usize>) -> Partial + Sync,
) -> Result<f64> {
    let parts = par.degree().min(n).max(1);
    let chunk = n.div_ceil(parts);
    let ranges: Vec<Range<usize>> = (0..parts)
        .map(|c| c * chunk..((c + 1) * chunk).min(n))
        .collect();
    let partials: Vec<Partial> = match par {
        Par::Seq => ranges.into_iter().map(&f).collect(),
        Par::Rayon(_) => par.install(|| ranges.into_par_iter().map(&f).collect()),
    };
    cancel.check()?;
    let mut total = Partial::default();
    for p in partials {
        total.sum.merge(p.sum);
        if let Some(r) = p.duplicate {
            total.flag(r);
        }
    }
    match total.duplicate {
        Some(row) => Err(duplicate_error(arg, row)),
        None => Ok(total.sum.total()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_counts_match_scan() {
        let s = [0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 3.0, 3.5, 4.0, 4.0, 7.0];
        // Rows stored in reverse order.
        let space = Space::Sorted {
            sorted: s.to_vec(),
            order: (0..s.len()).rev().collect(),
        };
        let n = s.len();
        for r in [0.5, 1.0, 1.5, 3.0, 10.0] {
            for incl in [false, true] {
                for start in [0, 3] {
                    let mut seen = 0;
                    space.for_counts(
                        start..n,
                        incl,
                        |_, _| r,
                        |row, c| {
                            let x = s[n - 1 - row];
                            let want = s
                                .iter()
                                .filter(|&&v| {
                                    if incl {
                                        (v - x).abs() <= r
                                    } else {
                                        (v - x).abs() < r
                                    }
                                })
                                .count();
                            assert_eq!(c, want, "row {row} r {r} incl {incl}");
                            seen += 1;
                        },
                        &Checker::default(),
                    );
                    assert_eq!(seen, n - start);
                }
            }
        }
    }

    #[test]
    fn psi_table() {
        let t = PsiTable::new(10_000);
        for m in [1, 2, 17, 4095, 4096, 9999] {
            assert_eq!(t.get(m), digamma(m as f64));
        }
    }
}
