//! Exact joint count tables of integer-label columns.

use std::cmp::Ordering;

use super::wire::{Reader, Writer};
use crate::error::{Error, Result};
use crate::estimators::{AverageMethod, DiscreteEstimator, LabelCounts};
use crate::multivariate::counts::factorize;
use crate::sum::Neumaier;
use crate::units::Base;

/// Magic bytes of the serialised layout.
const MAGIC: [u8; 4] = *b"SNCT";
/// Current layout version.
const VERSION: u8 = 1;
/// Largest composite key range counted in a dense table (beyond it: sort the keys).
const MAX_DENSE: u64 = 1 << 22;

/// Exact joint counts of `d ≥ 1` integer-label columns: the distinct observed rows
/// `(x₁, …, x_d)` in increasing lexicographic order, each with its `u64` count.
///
/// The sufficient statistic of every plug-in discrete measure of the columns and of the
/// entropy estimators of each column (or group of columns). A table is built per chunk of rows
/// ([`CountTable::from_columns`]) and tables of several chunks are combined with
/// [`CountTable::merge`] in any order; the table is canonical (sorted distinct rows, exact
/// counts), so a merged table equals — field for field — the table of the concatenated rows,
/// and every measure evaluated on it is bit-for-bit the single-pass value. Measures of single
/// columns equal the label-array functions of [`crate::estimators`] and
/// [`crate::multivariate::mutual_information_from_labels`] exactly (same terms, same order).
///
/// Storage is `8 (d + 1)` bytes per distinct row; building costs `O(n d)` with a dense table
/// when the product of the columns' distinct counts is at most `max(2^22, n)`, else
/// `O(n log n)` by sorting; merging costs `O(d (K₁ + K₂))`.
///
/// # Examples
/// ```
/// use sanov::{summaries::CountTable, multivariate::mutual_information_from_labels, Base};
/// let (x, y) = ([0, 1, 1, 2, 2, 2], [5, 5, 6, 6, 6, 5]);
/// let mut t = CountTable::from_columns(&[&x[..3], &y[..3]])?;
/// t.merge(&CountTable::from_columns(&[&x[3..], &y[3..]])?)?;
/// assert_eq!(t, CountTable::from_columns(&[&x, &y])?);
/// let bytes = t.to_bytes();
/// assert_eq!(CountTable::from_bytes(&bytes)?, t);
/// assert_eq!(
///     t.mutual_information(&[0], &[1], Base::Nats)?,
///     mutual_information_from_labels(&x, &y, Base::Nats)?
/// );
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountTable {
    /// Number of columns `d`.
    arity: usize,
    /// Distinct rows, row-major (`d` labels each), strictly increasing.
    keys: Vec<i64>,
    /// `counts[r]` ≥ 1 is the number of rows equal to row `r`.
    counts: Vec<u64>,
    /// Sum of `counts`.
    total: u64,
}

impl CountTable {
    /// An empty table of `arity ≥ 1` columns (no rows).
    ///
    /// # Errors
    /// [`Error::Empty`] if `arity` is 0.
    pub fn empty(arity: usize) -> Result<Self> {
        if arity == 0 {
            return Err(Error::Empty { arg: "columns" });
        }
        Ok(Self {
            arity,
            keys: Vec::new(),
            counts: Vec::new(),
            total: 0,
        })
    }

    /// The joint counts of the rows of `columns` (equal lengths; zero rows give an empty table).
    ///
    /// # Errors
    /// [`Error::Empty`] for no columns; [`Error::LengthMismatch`] for columns of different
    /// lengths.
    pub fn from_columns(columns: &[&[i64]]) -> Result<Self> {
        let mut table = Self::empty(columns.len())?;
        let n = columns[0].len();
        for c in &columns[1..] {
            if c.len() != n {
                return Err(Error::LengthMismatch {
                    left_arg: "columns[0]",
                    left: n,
                    right_arg: "columns[j]",
                    right: c.len(),
                });
            }
        }
        if n == 0 {
            return Ok(table);
        }
        let d = columns.len();
        let f: Vec<_> = columns.iter().map(|c| factorize(c)).collect();
        // Mixed-radix composite key (first column most significant): increasing in the
        // lexicographic order of the rows' labels, since codes increase with labels.
        let mut radix: u128 = 1;
        for fj in &f {
            radix = radix.saturating_mul(fj.labels.len() as u128);
        }
        let decode = |key: u64, keys: &mut Vec<i64>| {
            let start = keys.len();
            keys.resize(start + d, 0);
            let mut k = key;
            for j in (0..d).rev() {
                let kj = f[j].labels.len() as u64;
                keys[start + j] = f[j].labels[(k % kj) as usize];
                k /= kj;
            }
        };
        if radix <= u128::from(u64::MAX) {
            let composite: Vec<u64> = (0..n)
                .map(|s| {
                    f.iter().fold(0u64, |acc, fj| {
                        acc * fj.labels.len() as u64 + u64::from(fj.codes[s])
                    })
                })
                .collect();
            if radix as u64 <= MAX_DENSE.max(n as u64) {
                let mut dense = vec![0u64; radix as usize];
                for &k in &composite {
                    dense[k as usize] += 1;
                }
                for (k, &c) in dense.iter().enumerate() {
                    if c > 0 {
                        decode(k as u64, &mut table.keys);
                        table.counts.push(c);
                    }
                }
            } else {
                let mut sorted = composite;
                sorted.sort_unstable();
                for run in sorted.chunk_by(|a, b| a == b) {
                    decode(run[0], &mut table.keys);
                    table.counts.push(run.len() as u64);
                }
            }
        } else {
            let mut order: Vec<usize> = (0..n).collect();
            let cmp = |a: usize, b: usize| {
                f.iter()
                    .map(|fj| fj.codes[a].cmp(&fj.codes[b]))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            };
            order.sort_unstable_by(|&a, &b| cmp(a, b));
            for run in order.chunk_by(|&a, &b| cmp(a, b).is_eq()) {
                table.keys.extend(columns.iter().map(|c| c[run[0]]));
                table.counts.push(run.len() as u64);
            }
        }
        table.total = n as u64;
        Ok(table)
    }

    /// Adds the counts of `other` (a table of the same columns over other rows).
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] if the tables have different numbers of columns.
    pub fn merge(&mut self, other: &CountTable) -> Result<()> {
        if other.arity != self.arity {
            return Err(Error::ShapeMismatch {
                arg: "other",
                expected: vec![self.arity],
                found: vec![other.arity],
            });
        }
        if other.counts.is_empty() {
            return Ok(());
        }
        let d = self.arity;
        let (ra, rb) = (self.rows(), other.rows());
        let mut keys = Vec::with_capacity((ra + rb) * d);
        let mut counts = Vec::with_capacity(ra + rb);
        let (mut i, mut j) = (0, 0);
        while i < ra || j < rb {
            let ord = if i == ra {
                Ordering::Greater
            } else if j == rb {
                Ordering::Less
            } else {
                self.row(i).cmp(other.row(j))
            };
            match ord {
                Ordering::Less => {
                    keys.extend_from_slice(self.row(i));
                    counts.push(self.counts[i]);
                    i += 1;
                }
                Ordering::Greater => {
                    keys.extend_from_slice(other.row(j));
                    counts.push(other.counts[j]);
                    j += 1;
                }
                Ordering::Equal => {
                    keys.extend_from_slice(self.row(i));
                    counts.push(self.counts[i] + other.counts[j]);
                    i += 1;
                    j += 1;
                }
            }
        }
        self.keys = keys;
        self.counts = counts;
        self.total += other.total;
        Ok(())
    }

    /// The number of columns `d`.
    pub fn arity(&self) -> usize {
        self.arity
    }

    /// The number of rows counted, `N`.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The number of distinct rows `K`.
    pub fn rows(&self) -> usize {
        self.counts.len()
    }

    /// Distinct row `r` (its `d` labels).
    pub fn row(&self, r: usize) -> &[i64] {
        &self.keys[r * self.arity..(r + 1) * self.arity]
    }

    /// The count of distinct row `r`.
    pub fn count(&self, r: usize) -> u64 {
        self.counts[r]
    }

    /// The joint counts of the columns `cols` (in that order): the table of those columns
    /// over the same rows.
    ///
    /// # Errors
    /// [`Error::Empty`] for no columns; [`Error::IndexOutOfRange`] or
    /// [`Error::InvalidIndexSet`] (a repeated column).
    pub fn marginal(&self, cols: &[usize]) -> Result<CountTable> {
        self.check_cols("cols", cols)?;
        if cols.iter().copied().eq(0..self.arity) {
            return Ok(self.clone());
        }
        let m = cols.len();
        let projected: Vec<i64> = (0..self.rows())
            .flat_map(|r| cols.iter().map(move |&c| self.keys[r * self.arity + c]))
            .collect();
        let key = |r: usize| &projected[r * m..(r + 1) * m];
        let mut order: Vec<usize> = (0..self.rows()).collect();
        order.sort_unstable_by(|&a, &b| key(a).cmp(key(b)));
        let mut out = Self::empty(m)?;
        for run in order.chunk_by(|&a, &b| key(a) == key(b)) {
            out.keys.extend_from_slice(key(run[0]));
            out.counts.push(run.iter().map(|&r| self.counts[r]).sum());
        }
        out.total = self.total;
        Ok(out)
    }

    /// The label counts of one column.
    ///
    /// # Errors
    /// [`Error::IndexOutOfRange`].
    pub fn label_counts(&self, col: usize) -> Result<LabelCounts> {
        let t = self.marginal(&[col])?;
        Ok(LabelCounts::from_parts(t.keys, t.counts, t.total))
    }

    /// The estimate of the (joint) entropy of the columns `cols` by `estimator`. For one
    /// column this is [`LabelCounts::entropy`] of its counts, bit-for-bit the value of the
    /// label-array estimators; for several, the distinct joint rows are the outcomes.
    ///
    /// # Errors
    /// Those of [`CountTable::marginal`]; [`Error::Empty`] for an empty table; the estimator's.
    pub fn entropy(
        &self,
        cols: &[usize],
        estimator: &DiscreteEstimator,
        base: Base,
    ) -> Result<f64> {
        let t = self.marginal(cols)?;
        let labels = if t.arity == 1 {
            t.keys
        } else {
            (0..t.counts.len() as i64).collect()
        };
        LabelCounts::from_parts(labels, t.counts, t.total).entropy(estimator, base)
    }

    /// Plug-in mutual information `I(X; Y)` between the column groups `x` and `y` (disjoint).
    ///
    /// $$ \hat I(X; Y) = \sum_{x,y} \frac{n_{xy}}{N} \ln \frac{N\, n_{xy}}{n_x\, n_y} $$
    ///
    /// For single columns, bit-for-bit
    /// [`crate::multivariate::mutual_information_from_labels`] of the rows.
    ///
    /// # Errors
    /// [`Error::Empty`] for an empty table; [`Error::InvalidIndexSet`] for overlapping groups;
    /// those of [`CountTable::marginal`].
    pub fn mutual_information(&self, x: &[usize], y: &[usize], base: Base) -> Result<f64> {
        let n = self.nonempty()?;
        let xy = self.joined(&[x, y])?;
        let (tx, ty) = (self.marginal(x)?, self.marginal(y)?);
        let mut acc = Neumaier::default();
        for r in 0..xy.rows() {
            let row = xy.row(r);
            let c = xy.counts[r] as f64;
            let a = tx.count_of(&row[..x.len()]) as f64;
            let b = ty.count_of(&row[x.len()..]) as f64;
            acc.add(c * ((n * c) / (a * b)).ln());
        }
        Ok(base.from_nats(acc.total() / n))
    }

    /// Plug-in conditional entropy `H(X | Y)` of the column groups `x` given `y` (disjoint).
    ///
    /// $$ \hat H(X \mid Y) = \sum_{x,y} \frac{n_{xy}}{N} \ln \frac{n_y}{n_{xy}} $$
    ///
    /// For single columns, bit-for-bit
    /// [`crate::estimators::conditional_entropy_from_labels`].
    ///
    /// # Errors
    /// As [`CountTable::mutual_information`].
    pub fn conditional_entropy(&self, x: &[usize], y: &[usize], base: Base) -> Result<f64> {
        let n = self.nonempty()?;
        let yx = self.joined(&[y, x])?;
        let ty = self.marginal(y)?;
        let mut acc = Neumaier::default();
        for r in 0..yx.rows() {
            let c = yx.counts[r] as f64;
            let ny = ty.count_of(&yx.row(r)[..y.len()]) as f64;
            acc.add(c * (ny / c).ln());
        }
        Ok(base.from_nats(acc.total() / n))
    }

    /// Plug-in conditional mutual information `I(X; Y | Z)` of three disjoint column groups
    /// (`z` may be empty: then `I(X; Y)`).
    ///
    /// $$ \hat I(X; Y \mid Z) = \sum_{x,y,z} \frac{n_{xyz}}{N}
    ///    \ln \frac{n_z\, n_{xyz}}{n_{xz}\, n_{yz}} $$
    ///
    /// # Errors
    /// As [`CountTable::mutual_information`].
    pub fn conditional_mutual_information(
        &self,
        x: &[usize],
        y: &[usize],
        z: &[usize],
        base: Base,
    ) -> Result<f64> {
        if z.is_empty() {
            return self.mutual_information(x, y, base);
        }
        let n = self.nonempty()?;
        let zxy = self.joined(&[z, x, y])?;
        let zx = self.joined(&[z, x])?;
        let zy = self.joined(&[z, y])?;
        let tz = self.marginal(z)?;
        let (lz, lx) = (z.len(), x.len());
        let mut acc = Neumaier::default();
        let mut key = Vec::with_capacity(lz + y.len());
        for r in 0..zxy.rows() {
            let row = zxy.row(r);
            let c = zxy.counts[r] as f64;
            let nz = tz.count_of(&row[..lz]) as f64;
            let nzx = zx.count_of(&row[..lz + lx]) as f64;
            key.clear();
            key.extend_from_slice(&row[..lz]);
            key.extend_from_slice(&row[lz + lx..]);
            let nzy = zy.count_of(&key) as f64;
            acc.add(c * ((nz * c) / (nzx * nzy)).ln());
        }
        Ok(base.from_nats(acc.total() / n))
    }

    /// Normalised mutual information of columns `x` and `y`: bit-for-bit
    /// [`crate::estimators::normalized_mutual_information`] of the rows.
    ///
    /// # Errors
    /// As [`CountTable::mutual_information`].
    pub fn normalized_mutual_information(
        &self,
        x: usize,
        y: usize,
        average: AverageMethod,
    ) -> Result<f64> {
        let mi = self.mutual_information(&[x], &[y], Base::Nats)?;
        crate::estimators::nmi_from_parts(
            &self.label_counts(x)?,
            &self.label_counts(y)?,
            mi,
            average,
        )
    }

    /// Adjusted mutual information of columns `x` and `y`: bit-for-bit
    /// [`crate::estimators::adjusted_mutual_information`] of the rows.
    ///
    /// # Errors
    /// As [`CountTable::mutual_information`].
    pub fn adjusted_mutual_information(
        &self,
        x: usize,
        y: usize,
        average: AverageMethod,
    ) -> Result<f64> {
        let mi = self.mutual_information(&[x], &[y], Base::Nats)?;
        crate::estimators::ami_from_parts(
            &self.label_counts(x)?,
            &self.label_counts(y)?,
            mi,
            average,
        )
    }

    /// The serialised table, layout version 1 (little-endian):
    /// `b"SNCT"`, version `u8 = 1`, `d: u32`, `K: u64`, `N: u64`, then the `K·d` labels
    /// (`i64`, row-major, rows strictly increasing) and the `K` counts (`u64`, each ≥ 1,
    /// summing to `N`). `25 + 8K(d + 1)` bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(
            25 + 8 * self.keys.len() + 8 * self.counts.len(),
        ));
        w.0.extend_from_slice(&MAGIC);
        w.u8(VERSION);
        w.u32(self.arity as u32);
        w.u64(self.rows() as u64);
        w.u64(self.total);
        for &k in &self.keys {
            w.i64(k);
        }
        for &c in &self.counts {
            w.u64(c);
        }
        w.0
    }

    /// Reads a table written by [`CountTable::to_bytes`], validating every invariant.
    ///
    /// # Errors
    /// [`Error::Malformed`]: wrong magic or version, truncated or trailing bytes, zero columns,
    /// rows out of order or repeated, a zero count, counts not summing to `N`.
    pub fn from_bytes(bytes: &[u8]) -> Result<CountTable> {
        let mut r = Reader::new(bytes, "count table", MAGIC, VERSION)?;
        let arity = r.u32()? as usize;
        if arity == 0 {
            return Err(r.bad("zero columns"));
        }
        let rows = r.u64()?;
        let total = r.u64()?;
        let nk = r.expect(rows.saturating_mul(arity as u64), 8)?;
        let keys = (0..nk).map(|_| r.i64()).collect::<Result<Vec<_>>>()?;
        let nc = r.expect(rows, 8)?;
        let counts = (0..nc).map(|_| r.u64()).collect::<Result<Vec<_>>>()?;
        let t = CountTable {
            arity,
            keys,
            counts,
            total,
        };
        if (1..t.rows()).any(|i| t.row(i - 1) >= t.row(i)) {
            return Err(r.bad("rows not strictly increasing"));
        }
        if t.counts.contains(&0) {
            return Err(r.bad("a zero count"));
        }
        let sum = t.counts.iter().try_fold(0u64, |a, &c| a.checked_add(c));
        if sum != Some(total) {
            return Err(r.bad("counts do not sum to the total"));
        }
        r.finish()?;
        Ok(t)
    }

    /// `N` as `f64`, or [`Error::Empty`].
    fn nonempty(&self) -> Result<f64> {
        if self.total == 0 {
            Err(Error::Empty { arg: "table" })
        } else {
            Ok(self.total as f64)
        }
    }

    /// The count of the row equal to `key` (0 if absent).
    fn count_of(&self, key: &[i64]) -> u64 {
        let (mut lo, mut hi) = (0, self.rows());
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            match self.row(mid).cmp(key) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return self.counts[mid],
            }
        }
        0
    }

    /// The marginal over the concatenation of disjoint, non-empty groups.
    fn joined(&self, groups: &[&[usize]]) -> Result<CountTable> {
        let all: Vec<usize> = groups.iter().flat_map(|g| g.iter().copied()).collect();
        for g in groups {
            if g.is_empty() {
                return Err(Error::Empty { arg: "cols" });
            }
        }
        self.marginal(&all)
    }

    fn check_cols(&self, arg: &'static str, cols: &[usize]) -> Result<()> {
        if cols.is_empty() {
            return Err(Error::Empty { arg });
        }
        for (i, &c) in cols.iter().enumerate() {
            if c >= self.arity {
                return Err(Error::IndexOutOfRange {
                    arg,
                    index: c,
                    len: self.arity,
                });
            }
            if cols[..i].contains(&c) {
                return Err(Error::InvalidIndexSet {
                    arg,
                    reason: "repeated or overlapping columns",
                });
            }
        }
        Ok(())
    }
}
