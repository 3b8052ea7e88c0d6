//! Mergeable tables of exact label counts.

use crate::multivariate::table::pair_table;
use crate::multivariate::Labels;
use crate::par::Par;
use rayon::slice::ParallelSliceMut;

/// Largest label range counted with a direct lookup table (beyond it: sort).
const MAX_DIRECT_RANGE: u64 = 1 << 24;

/// Exact counts of integer labels: the sufficient statistic of every discrete estimator in
/// [`crate::estimators`].
///
/// Holds the distinct observed labels in increasing order with their `u64` counts, so a table
/// of `K` distinct labels takes `16 K` bytes whatever the label values are. A table is built
/// from a chunk of samples ([`LabelCounts::from_labels`]) and tables of several chunks are
/// combined with [`LabelCounts::merge`]; since the table is canonical (sorted, exact integer
/// counts), a merged table equals — field for field — the table of the concatenated samples,
/// and every estimator evaluated on it gives bit-for-bit the same result.
///
/// Building costs `O(n + range)` with a direct table when the label range `max − min` is below
/// 2^24 and at most `4n + 1024`, otherwise `O(n log n)` by sorting a copy (no `K²` or
/// range-sized memory); merging costs `O(K₁ + K₂)`.
///
/// # Examples
/// ```
/// use sanov::estimators::LabelCounts;
/// let mut a = LabelCounts::from_labels(&[3, 1, 3]);
/// a.merge(&LabelCounts::from_labels(&[7, 3]));
/// assert_eq!(a, LabelCounts::from_labels(&[3, 1, 3, 7, 3]));
/// assert_eq!(a.total(), 5);
/// assert_eq!(a.get(3), 3);
/// assert_eq!(a.iter().collect::<Vec<_>>(), vec![(1, 1), (3, 3), (7, 1)]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelCounts {
    /// Distinct labels, increasing.
    labels: Vec<i64>,
    /// `counts[i]` is the number of samples equal to `labels[i]` (always ≥ 1).
    counts: Vec<u64>,
    /// Sum of `counts`.
    total: u64,
}

impl LabelCounts {
    /// An empty table (no samples).
    pub fn new() -> Self {
        Self::default()
    }

    /// The counts of the labels in `samples`.
    pub fn from_labels(samples: &[i64]) -> Self {
        Self::from_labels_par(samples, Par::Seq)
    }

    /// [`LabelCounts::from_labels`] on at most `par.degree()` threads, for labels of any
    /// integer type ([`Labels`], read in place): for a label range that fits the direct
    /// table, each thread counts its share in one pass over memory and the tables are added;
    /// the table is the same for every `par`.
    ///
    /// # Examples
    /// ```
    /// use sanov::{estimators::LabelCounts, Par};
    /// let x: Vec<i64> = (0..1_000_000).map(|i| i % 10).collect();
    /// let t = LabelCounts::from_labels_par(&x, Par::rayon(2));
    /// assert_eq!(t, LabelCounts::from_labels(&x));
    /// assert_eq!(t.get(3), 100_000);
    /// ```
    pub fn from_labels_par<'a>(samples: impl Into<Labels<'a>>, par: Par) -> Self {
        let samples = samples.into();
        if samples.is_empty() {
            return Self::new();
        }
        let (mut labels, mut counts) = (Vec::new(), Vec::new());
        let max_cells = usize::try_from(4 * samples.len() as u64 + 1025).unwrap_or(usize::MAX);
        if let Some(t) = pair_table(samples, None, MAX_DIRECT_RANGE, max_cells, par) {
            for (off, &c) in t.cells.iter().enumerate() {
                if c > 0 {
                    labels.push(t.lo_x.wrapping_add(off as i64));
                    counts.push(c);
                }
            }
        } else {
            let mut sorted = samples.to_i64().into_owned();
            match par {
                Par::Seq => sorted.sort_unstable(),
                Par::Rayon(_) => par.install(|| sorted.par_sort_unstable()),
            }
            for run in sorted.chunk_by(|a, b| a == b) {
                labels.push(run[0]);
                counts.push(run.len() as u64);
            }
        }
        Self {
            labels,
            counts,
            total: samples.len() as u64,
        }
    }

    /// A table from its parts: distinct increasing `labels`, their counts (each ≥ 1) and
    /// their sum (the caller's invariants).
    pub(crate) fn from_parts(labels: Vec<i64>, counts: Vec<u64>, total: u64) -> Self {
        debug_assert!(labels.windows(2).all(|w| w[0] < w[1]));
        debug_assert_eq!(counts.iter().sum::<u64>(), total);
        Self {
            labels,
            counts,
            total,
        }
    }

    /// Adds the counts of `other` to this table (the table of both sample sets).
    pub fn merge(&mut self, other: &LabelCounts) {
        if other.labels.is_empty() {
            return;
        }
        let n = self.labels.len() + other.labels.len();
        let (mut labels, mut counts) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut i, mut j) = (0, 0);
        while i < self.labels.len() || j < other.labels.len() {
            let take_self = j == other.labels.len()
                || (i < self.labels.len() && self.labels[i] <= other.labels[j]);
            let take_other = i == self.labels.len()
                || (j < other.labels.len() && other.labels[j] <= self.labels[i]);
            let label = if take_self {
                self.labels[i]
            } else {
                other.labels[j]
            };
            let mut c = 0;
            if take_self {
                c += self.counts[i];
                i += 1;
            }
            if take_other {
                c += other.counts[j];
                j += 1;
            }
            labels.push(label);
            counts.push(c);
        }
        self.labels = labels;
        self.counts = counts;
        self.total += other.total;
    }

    /// Adds the labels of another chunk of samples.
    pub fn update(&mut self, samples: &[i64]) {
        self.merge(&Self::from_labels(samples));
    }

    /// The number of samples `N`.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The number `m` of distinct observed labels.
    pub fn distinct(&self) -> usize {
        self.labels.len()
    }

    /// Whether the table holds no samples.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The count of one label (0 if unobserved).
    pub fn get(&self, label: i64) -> u64 {
        self.labels
            .binary_search(&label)
            .map_or(0, |i| self.counts[i])
    }

    /// The distinct labels, increasing.
    pub fn labels(&self) -> &[i64] {
        &self.labels
    }

    /// The counts, in the order of [`LabelCounts::labels`] (all ≥ 1).
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// `(label, count)` pairs in increasing label order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, u64)> + '_ {
        self.labels.iter().copied().zip(self.counts.iter().copied())
    }

    /// The count profile: `(c, number of labels seen exactly c times)` for increasing `c`.
    pub(crate) fn profile(&self) -> Vec<(u64, u64)> {
        let mut c = self.counts.clone();
        c.sort_unstable();
        c.chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len() as u64))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_and_sorted_paths_agree() {
        let x = [5, -3, 5, i64::MAX, -3, 7, i64::MIN];
        let t = LabelCounts::from_labels(&x);
        assert_eq!(t.labels(), &[i64::MIN, -3, 5, 7, i64::MAX]);
        assert_eq!(t.counts(), &[1, 2, 2, 1, 1]);
        let y = [5, -3, 5, -3, 7];
        let u = LabelCounts::from_labels(&y);
        assert_eq!(u.labels(), &[-3, 5, 7]);
        assert_eq!(u.counts(), &[2, 2, 1]);
        assert_eq!(u.profile(), vec![(1, 1), (2, 2)]);
    }

    #[test]
    fn merge_with_empty_and_disjoint() {
        let mut a = LabelCounts::new();
        a.merge(&LabelCounts::from_labels(&[2, 2]));
        a.merge(&LabelCounts::new());
        a.update(&[1, 9]);
        assert_eq!(a, LabelCounts::from_labels(&[2, 2, 1, 9]));
    }
}
