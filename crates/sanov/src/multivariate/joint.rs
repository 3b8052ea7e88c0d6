//! A validated joint distribution over any number of discrete variables.

use super::codes::{code_table, Alphabet};
use super::counts::MAX_DIRECT_RANGE;
use super::labels::Labels;
use super::table::pair_table;
use crate::error::{Error, Result};
use crate::par::Par;
use crate::sum::Neumaier;
use crate::validate::DEFAULT_TOLERANCE;
use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn};

/// A joint probability mass function `joint[i0, i1, …, ik] = P(X0 = i0, …, Xk = ik)`.
///
/// Each axis is one variable; its length is the variable's alphabet size. Variable sets are
/// lists of axis indices. The array is validated once, at construction: at least one axis,
/// no empty axis, finite, non-negative entries summing to 1 within
/// [`DEFAULT_TOLERANCE`](crate::validate::DEFAULT_TOLERANCE) (use [`Joint::from_counts`] for
/// unnormalised tables).
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::multivariate::{Joint, mutual_information};
/// use sanov::Base;
/// // X = Y, a fair bit: I(X;Y) = 1 bit.
/// let j = Joint::new(array![[0.5, 0.0], [0.0, 0.5]].into_dyn())?;
/// assert_eq!(mutual_information(&j, &[0], &[1], Base::Bits)?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Joint {
    p: ArrayD<f64>,
}

fn check_cells(arg: &'static str, p: &ArrayD<f64>) -> Result<f64> {
    if p.ndim() == 0 || p.is_empty() {
        return Err(Error::Empty { arg });
    }
    if p.ndim() > MAX_VARIABLES {
        return Err(Error::InvalidParameter {
            name: arg,
            value: p.ndim() as f64,
            expected: "at most 64 variables (axes)",
        });
    }
    // One vectorisable pass: 8 partial sums (error ~ n/8 ulps, far below the 1e-9
    // normalisation tolerance) and a flag; the first bad cell is located only if flagged.
    let cells = p.as_slice_memory_order();
    let (mut lanes, mut bad) = ([0.0f64; 8], false);
    if let Some(cells) = cells {
        let mut chunks = cells.chunks_exact(8);
        for c in &mut chunks {
            for (l, &v) in lanes.iter_mut().zip(c) {
                *l += v;
                bad |= !(v >= 0.0) || v == f64::INFINITY;
            }
        }
        for (l, &v) in lanes.iter_mut().zip(chunks.remainder()) {
            *l += v;
            bad |= !(v >= 0.0) || v == f64::INFINITY;
        }
    }
    if bad || cells.is_none() {
        let mut s = Neumaier::default();
        for (index, &value) in p.iter().enumerate() {
            if !value.is_finite() {
                return Err(Error::NonFinite { arg, index, value });
            }
            if value < 0.0 {
                return Err(Error::NegativeProbability { arg, index, value });
            }
            s.add(value);
        }
        return Ok(s.total());
    }
    let mut s = Neumaier::default();
    for l in lanes {
        s.add(l);
    }
    Ok(s.total())
}

impl Joint {
    /// Validates `p` as a joint distribution (any number of axes ≥ 1).
    ///
    /// The array is stored in standard (C) layout.
    ///
    /// # Errors
    /// [`Error::Empty`] for a 0-d array or an empty axis; [`Error::NonFinite`] /
    /// [`Error::NegativeProbability`] for the first bad cell (row-major index);
    /// [`Error::NotNormalized`] if the cells do not sum to 1 within 1e-9.
    pub fn new(p: ArrayD<f64>) -> Result<Self> {
        let sum = check_cells("joint", &p)?;
        if (sum - 1.0).abs() > DEFAULT_TOLERANCE {
            return Err(Error::NotNormalized {
                arg: "joint",
                sum,
                tolerance: DEFAULT_TOLERANCE,
                row: None,
            });
        }
        let p = if p.is_standard_layout() {
            p
        } else {
            p.as_standard_layout().into_owned()
        };
        Ok(Self { p })
    }

    /// Normalises a table of non-negative counts or weights to a joint distribution.
    ///
    /// # Errors
    /// As [`Joint::new`] for the cells, and [`Error::ZeroMass`] if all are 0.
    ///
    /// # Examples
    /// ```
    /// use ndarray::array;
    /// use sanov::multivariate::Joint;
    /// let j = Joint::from_counts(array![[1.0, 1.0], [0.0, 2.0]].into_dyn())?;
    /// assert_eq!(j.probabilities()[[1, 1]], 0.5);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn from_counts(counts: ArrayD<f64>) -> Result<Self> {
        let sum = check_cells("counts", &counts)?;
        if sum == 0.0 {
            return Err(Error::ZeroMass { arg: "counts" });
        }
        Ok(Self {
            p: counts.as_standard_layout().mapv(|c| c / sum),
        })
    }

    /// Builds a joint distribution of the given `shape` from a sparse list of
    /// `(outcome, probability)` pairs; outcomes not listed have probability 0, and repeated
    /// outcomes add up.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] for an outcome with the wrong number of coordinates;
    /// [`Error::IndexOutOfRange`] for a coordinate outside its alphabet; [`Error::TooLarge`]
    /// (`shape`) if the dense table cannot be allocated; then as [`Joint::new`].
    ///
    /// # Examples
    /// ```
    /// use sanov::multivariate::{Joint, joint_entropy};
    /// use sanov::Base;
    /// // XOR: Z = X ⊕ Y with X, Y fair and independent.
    /// let xor = Joint::from_sparse(&[2, 2, 2], &[
    ///     (vec![0, 0, 0], 0.25), (vec![0, 1, 1], 0.25), (vec![1, 0, 1], 0.25), (vec![1, 1, 0], 0.25),
    /// ])?;
    /// assert_eq!(joint_entropy(&xor, Base::Bits)?, 2.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn from_sparse(shape: &[usize], entries: &[(Vec<usize>, f64)]) -> Result<Self> {
        let mut p = crate::alloc::zeros_dyn("shape", shape)?;
        for (outcome, prob) in entries {
            if outcome.len() != shape.len() {
                return Err(Error::ShapeMismatch {
                    arg: "outcome",
                    expected: vec![shape.len()],
                    found: vec![outcome.len()],
                });
            }
            for (&i, &n) in outcome.iter().zip(shape) {
                if i >= n {
                    return Err(Error::IndexOutOfRange {
                        arg: "outcome",
                        index: i,
                        len: n,
                    });
                }
            }
            p[IxDyn(outcome)] += prob;
        }
        Self::new(p)
    }

    /// The plug-in (empirical) joint distribution of integer-labelled sample columns: one
    /// column per variable, one row per sample. Each variable's alphabet is its set of distinct
    /// labels, in increasing order; the labels themselves are returned alongside.
    ///
    /// The joint table is dense (`Π K_i` cells): for two high-cardinality label arrays use
    /// [`mutual_information_from_labels`](crate::multivariate::mutual_information_from_labels),
    /// which never builds a dense `K_x × K_y` table. Runs on the calling thread;
    /// [`Joint::from_samples_par`] counts on several threads and reads narrower integer labels
    /// in place.
    ///
    /// # Errors
    /// [`Error::Empty`] for no columns or no samples; [`Error::ShapeMismatch`] for columns of
    /// different lengths; [`Error::InvalidParameter`] if the dense table would exceed 2^28 cells.
    ///
    /// # Examples
    /// ```
    /// use sanov::multivariate::Joint;
    /// let (j, labels) = Joint::from_samples(&[&[0, 0, 1, 1], &[5, 7, 7, 7]])?;
    /// assert_eq!(labels[1], vec![5, 7]);
    /// assert_eq!(j.probabilities()[[1, 1]], 0.5);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn from_samples(columns: &[&[i64]]) -> Result<(Self, Vec<Vec<i64>>)> {
        Self::from_samples_par(columns, Par::Seq)
    }

    /// [`Joint::from_samples`] on at most `par.degree()` threads, for label columns of any
    /// integer type ([`Labels`]: `i8` … `u64` slices, read in place, never copied to `i64`;
    /// columns may differ in type).
    ///
    /// Each column's alphabet is found in parallel (per-thread counts over the label range,
    /// added; sorting for wide ranges), then each thread counts its share of the samples into
    /// its own dense table and the tables are added. For one or two columns with small label
    /// ranges both steps are one pass over memory: the samples are counted over the label
    /// ranges, and the alphabets are the rows and columns with a non-zero count. The counts are
    /// exact integers and each probability is `count / N`, so the joint and the labels are the
    /// same bit for bit for every `par` and every label type holding the same values.
    ///
    /// # Errors
    /// As [`Joint::from_samples`].
    ///
    /// # Examples
    /// ```
    /// use sanov::multivariate::{Joint, Labels};
    /// use sanov::Par;
    /// let x: Vec<u8> = (0..1_000_000).map(|i| (i % 7) as u8).collect();
    /// let y: Vec<i32> = (0..1_000_000).map(|i| i % 5 - 2).collect();
    /// let columns = [Labels::from(&x), Labels::from(&y)];
    /// let (j, labels) = Joint::from_samples_par(&columns, Par::rayon(2))?;
    /// assert_eq!(labels[1], vec![-2, -1, 0, 1, 2]);
    /// assert_eq!(j.shape(), &[7, 5]);
    /// assert_eq!((j.clone(), labels), Joint::from_samples_par(&columns, Par::Seq)?);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// Python: `sanov.joint_from_samples(*columns, workers=n)`.
    pub fn from_samples_par<'a, L>(columns: &[L], par: Par) -> Result<(Self, Vec<Vec<i64>>)>
    where
        L: Into<Labels<'a>> + Copy,
    {
        let columns: Vec<Labels<'a>> = columns.iter().map(|&c| c.into()).collect();
        let first = columns.first().ok_or(Error::Empty { arg: "columns" })?;
        let n = first.len();
        if n == 0 {
            return Err(Error::Empty { arg: "columns" });
        }
        if columns.iter().any(|c| c.len() != n) {
            return Err(Error::ShapeMismatch {
                arg: "columns (their lengths)",
                expected: vec![n; columns.len()],
                found: columns.iter().map(Labels::len).collect(),
            });
        }
        let (labels, counts) = if let Some(lc) = ranged_counts(&columns, par) {
            lc
        } else {
            let alphabets: Vec<Alphabet> = columns.iter().map(|&c| Alphabet::of(c, par)).collect();
            let shape: Vec<usize> = alphabets.iter().map(|a| a.labels.len()).collect();
            let cells = dense_cells(&shape)?;
            let counts = code_table(&columns, &alphabets, cells, par);
            (alphabets.into_iter().map(|a| a.labels).collect(), counts)
        };
        let shape: Vec<usize> = labels.iter().map(Vec::len).collect();
        let total = n as f64;
        let p = ArrayD::from_shape_vec(
            IxDyn(&shape),
            counts.into_iter().map(|c| c as f64 / total).collect(),
        )
        .map_err(|_| Error::Empty { arg: "columns" })?;
        Ok((Self { p }, labels))
    }

    /// The probabilities, one axis per variable.
    pub fn probabilities(&self) -> ArrayViewD<'_, f64> {
        self.p.view()
    }

    /// The number of variables (axes).
    pub fn ndim(&self) -> usize {
        self.p.ndim()
    }

    /// The alphabet sizes.
    pub fn shape(&self) -> &[usize] {
        self.p.shape()
    }

    /// The marginal distribution of the variables `rvs`, with axes in the order of `rvs`.
    ///
    /// # Errors
    /// [`Error::Empty`] if `rvs` is empty; [`Error::IndexOutOfRange`] or
    /// [`Error::InvalidIndexSet`] (a repeated index).
    ///
    /// # Examples
    /// ```
    /// use ndarray::array;
    /// use sanov::multivariate::Joint;
    /// let j = Joint::new(array![[0.1, 0.2], [0.3, 0.4]].into_dyn())?;
    /// let m = j.marginal(&[1])?;
    /// assert!((m.probabilities()[[1]] - 0.6).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn marginal(&self, rvs: &[usize]) -> Result<Joint> {
        check_set("rvs", rvs, self.ndim())?;
        if rvs.is_empty() {
            return Err(Error::Empty { arg: "rvs" });
        }
        let m = self.marginal_array(mask_of(rvs));
        // Axes of `m` are the kept axes in increasing order; permute to the order of `rvs`.
        let mut sorted: Vec<usize> = rvs.to_vec();
        sorted.sort_unstable();
        let perm: Vec<usize> = rvs
            .iter()
            .map(|r| sorted.iter().position(|s| s == r).unwrap_or(0))
            .collect();
        let p = m
            .permuted_axes(IxDyn(&perm))
            .as_standard_layout()
            .into_owned();
        Ok(Joint { p })
    }

    /// The conditional distribution of the other variables given `X_axis = value`: the slice of
    /// the joint at that value, renormalised, with that axis removed.
    ///
    /// # Errors
    /// [`Error::IndexOutOfRange`] for a bad axis or value; [`Error::ZeroMass`] if
    /// `P(X_axis = value) = 0`; [`Error::InvalidIndexSet`] if the joint has only one variable.
    ///
    /// # Examples
    /// ```
    /// use ndarray::array;
    /// use sanov::multivariate::Joint;
    /// let j = Joint::new(array![[0.1, 0.3], [0.2, 0.4]].into_dyn())?;
    /// let c = j.condition(0, 0)?; // P(X1 | X0 = 0) = [0.25, 0.75]
    /// assert!((c.probabilities()[[1]] - 0.75).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn condition(&self, axis: usize, value: usize) -> Result<Joint> {
        if axis >= self.ndim() {
            return Err(Error::IndexOutOfRange {
                arg: "axis",
                index: axis,
                len: self.ndim(),
            });
        }
        if self.ndim() == 1 {
            return Err(Error::InvalidIndexSet {
                arg: "axis",
                reason: "conditioning needs at least two variables",
            });
        }
        let len = self.shape()[axis];
        if value >= len {
            return Err(Error::IndexOutOfRange {
                arg: "value",
                index: value,
                len,
            });
        }
        let slice = self.p.index_axis(Axis(axis), value);
        let mut s = Neumaier::default();
        for &v in &slice {
            s.add(v);
        }
        let total = s.total();
        if total == 0.0 {
            return Err(Error::ZeroMass { arg: "joint" });
        }
        Ok(Joint {
            p: slice.mapv(|v| v / total),
        })
    }

    /// The marginal over the axes in `mask` (bit `i` = axis `i`), axes in increasing order.
    pub(crate) fn marginal_array(&self, mask: u64) -> ArrayD<f64> {
        sum_out(self.p.view(), |axis| mask & (1 << axis) != 0)
    }
}

/// Largest dense table built from samples.
const MAX_SAMPLE_CELLS: usize = 1 << 28;

/// Largest label-range table of the one-pass count of one or two columns.
const MAX_RANGE_CELLS: usize = 1 << 22;

/// The number of cells of a dense table of `shape`.
///
/// # Errors
/// [`Error::InvalidParameter`] beyond [`MAX_SAMPLE_CELLS`].
fn dense_cells(shape: &[usize]) -> Result<usize> {
    shape
        .iter()
        .try_fold(1usize, |a, &k| a.checked_mul(k))
        .filter(|&c| c <= MAX_SAMPLE_CELLS)
        .ok_or(Error::InvalidParameter {
            name: "columns",
            value: shape.iter().map(|&k| k as f64).product(),
            expected: "at most 2^28 cells in the dense joint table",
        })
}

/// Each axis's labels and the dense row-major joint counts.
type LabelledCounts = (Vec<Vec<i64>>, Vec<u64>);

/// The labels and the dense joint counts of one or two columns, counted in one pass over
/// their label ranges; `None` for more columns or label ranges whose table would exceed
/// [`MAX_RANGE_CELLS`] (the caller then finds the alphabets first). The observed alphabets
/// are the rows and columns with a non-zero count, so the table has at most
/// [`MAX_RANGE_CELLS`] < [`MAX_SAMPLE_CELLS`] cells.
fn ranged_counts(columns: &[Labels<'_>], par: Par) -> Option<LabelledCounts> {
    let (x, y) = match columns {
        [x] => (*x, None),
        [x, y] => (*x, Some(*y)),
        _ => return None,
    };
    let t = pair_table(x, y, MAX_DIRECT_RANGE, MAX_RANGE_CELLS, par)?;
    let mut ny = vec![0u64; t.ky];
    let nx: Vec<u64> = t
        .cells
        .chunks_exact(t.ky)
        .map(|row| {
            for (b, &c) in ny.iter_mut().zip(row) {
                *b += c;
            }
            row.iter().sum()
        })
        .collect();
    let rows: Vec<usize> = (0..t.kx).filter(|&r| nx[r] > 0).collect();
    let cols: Vec<usize> = (0..t.ky).filter(|&c| ny[c] > 0).collect();
    let mut counts = Vec::with_capacity(rows.len() * cols.len());
    for &r in &rows {
        let row = &t.cells[r * t.ky..(r + 1) * t.ky];
        counts.extend(cols.iter().map(|&c| row[c]));
    }
    let mut labels = vec![rows
        .iter()
        .map(|&r| t.lo_x.wrapping_add(r as i64))
        .collect()];
    if y.is_some() {
        labels.push(
            cols.iter()
                .map(|&c| t.lo_y.wrapping_add(c as i64))
                .collect(),
        );
    }
    Some((labels, counts))
}

/// Sums `a` over every axis for which `keep(axis)` is false (axes of the result in order).
pub(crate) fn sum_out(a: ArrayViewD<'_, f64>, keep: impl Fn(usize) -> bool) -> ArrayD<f64> {
    let mut m: Option<ArrayD<f64>> = None;
    for axis in (0..a.ndim()).rev() {
        if !keep(axis) {
            m = Some(match m {
                None => a.sum_axis(Axis(axis)),
                Some(b) => b.sum_axis(Axis(axis)),
            });
        }
    }
    m.unwrap_or_else(|| a.to_owned())
}

/// Bit mask of a validated axis list.
pub(crate) fn mask_of(rvs: &[usize]) -> u64 {
    rvs.iter().fold(0, |m, &r| m | (1 << r))
}

/// Largest number of variables a [`Joint`] may have (axis sets are 64-bit masks).
pub(crate) const MAX_VARIABLES: usize = 64;

/// Validates a list of axis indices: in range, no repeats.
pub(crate) fn check_set(arg: &'static str, rvs: &[usize], ndim: usize) -> Result<()> {
    for (k, &r) in rvs.iter().enumerate() {
        if r >= ndim.min(MAX_VARIABLES) {
            return Err(Error::IndexOutOfRange {
                arg,
                index: r,
                len: ndim,
            });
        }
        if rvs[..k].contains(&r) {
            return Err(Error::InvalidIndexSet {
                arg,
                reason: "repeats a variable",
            });
        }
    }
    Ok(())
}
