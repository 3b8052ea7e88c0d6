//! Variational lower bounds on mutual information from a critic's score matrix: InfoNCE, NWJ,
//! Donsker–Varadhan (MINE) and the Jensen–Shannon (f-GAN) bound, each returning its value and,
//! from the same pass, its gradient with respect to the scores.
//!
//! # Conventions
//! `scores[i][j] = f(x_i, y_j)` for a critic `f`: the diagonal holds the `N` positive pairs
//! `(x_i, y_i)` drawn from the joint, the `N(N − 1)` off-diagonal entries are samples of the
//! product of the marginals. Values are in nats unless [`BoundOptions::base`] says otherwise,
//! and the gradient is that of the value in the same unit. Scores must be finite: NaN and
//! `±∞` are [`Error::NonFinite`]. Every sum is formed in `f64` from max-shifted exponentials
//! (log-sum-exp, softplus via `ln_1p`), so scores of any magnitude (±1e3, ±1e30) are fine; a
//! value or gradient entry is infinite only where the exact number lies outside the `f64`
//! range (NWJ at scores above ~710). `f32` scores give an `f32` gradient, rounded once.
//!
//! **Rectangular scores (InfoNCE only).** As CLIP uses it, `scores` may be `N × M` with
//! `M ≥ N`: `N` anchors against `M` candidates, anchor `i`'s positive at column `i` (the
//! diagonal of the leading `N × N` block), the other `M − 1` candidates its negatives. The
//! bound is then `ln M − (1/N) Σ_i [LSE_j S_ij − S_ii]`, bounded above by `ln M` (the number
//! of candidates each anchor is scored against). `M < N` leaves anchors without a positive and
//! is an [`Error::ShapeMismatch`]. The other bounds need square matrices. CLIP's symmetric
//! loss is the mean of `info_nce(S)` and `info_nce(Sᵀ)` for a square `S`.
//!
//! # References
//! Poole, Ozair, van den Oord, Alemi & Tucker (2019), *On variational bounds of mutual
//! information*, ICML. van den Oord, Li & Vinyals (2018), *Representation learning with
//! contrastive predictive coding*. Nguyen, Wainwright & Jordan (2010). Belghazi et al. (2018),
//! *MINE*. Nowozin, Cseke & Tomioka (2016), *f-GAN*; Hjelm et al. (2019), *Deep InfoMax*.

mod donsker_varadhan;
mod fano;
mod info_nce;
mod jensen_shannon;
mod kelly;
mod kl_inverse;
mod nwj;

pub use donsker_varadhan::donsker_varadhan;
pub use fano::{fano_error_lower_bound, FANO_TOLERANCE};
pub use info_nce::info_nce;
pub use jensen_shannon::jensen_shannon_bound;
pub use kelly::kelly_growth_rate;
pub use kl_inverse::{kl_inverse, pac_bayes_kl_bound, KL_INVERSE_TOLERANCE};
pub use nwj::nwj;

use crate::error::{Error, Result};
use crate::kernels::softmax::store_one;
use crate::par::Par;
use crate::real::Real;
use crate::units::Base;
use ndarray::{Array2, ArrayView2, ArrayView3, ArrayViewMut2, ArrayViewMut3, Axis};
use rayon::prelude::*;
use std::borrow::Cow;

/// Which variational bound (for [`mi_bound`] and [`mi_bound_batch`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Bound {
    /// [`info_nce`].
    InfoNce,
    /// [`nwj`].
    Nwj,
    /// [`donsker_varadhan`].
    DonskerVaradhan,
    /// [`jensen_shannon_bound`].
    JensenShannon,
}

/// The options of the bounds.
///
/// # Examples
/// ```
/// use sanov::{bounds::BoundOptions, Base, Par};
/// let o = BoundOptions::default().base(Base::Bits).par(Par::rayon(2));
/// assert_eq!(o.base, Base::Bits);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BoundOptions {
    /// The unit of the value (and of the gradient); nats by default.
    pub base: Base,
    /// Parallelism over rows.
    pub par: Par,
}

impl BoundOptions {
    /// Sets [`Self::base`].
    #[must_use]
    pub fn base(mut self, base: Base) -> Self {
        self.base = base;
        self
    }
    /// Sets [`Self::par`].
    #[must_use]
    pub fn par(mut self, par: Par) -> Self {
        self.par = par;
        self
    }
}

/// The bound `bound` of `scores` (and its gradient into `grad` when given).
///
/// # Errors
/// As the bound's own function.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::bounds::{mi_bound, Bound, BoundOptions};
/// let s = Array2::<f64>::zeros((4, 4));
/// // A constant critic carries no information: InfoNCE = ln 4 − ln 4 = 0.
/// assert!(mi_bound(Bound::InfoNce, s.view(), None, &BoundOptions::default())?.abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.info_nce`, `sanov.nwj`, `sanov.donsker_varadhan`, `sanov.jensen_shannon_bound`.
pub fn mi_bound<T: Real>(
    bound: Bound,
    scores: ArrayView2<'_, T>,
    grad: Option<ArrayViewMut2<'_, T>>,
    options: &BoundOptions,
) -> Result<f64> {
    match bound {
        Bound::InfoNce => info_nce(scores, grad, options),
        Bound::Nwj => nwj(scores, grad, options),
        Bound::DonskerVaradhan => donsker_varadhan(scores, grad, options),
        Bound::JensenShannon => jensen_shannon_bound(scores, grad, options),
    }
}

/// The bound of each matrix of a batch `scores[b]` (`[B, N, M]`), with the gradients into
/// `grad[b]` when given. Matrices are taken in turn, each split over rows by `options.par`.
///
/// # Errors
/// As the bound's own function, for the first failing matrix, with element indices counted
/// row-major over the whole `[B, N, M]` array; [`Error::ShapeMismatch`] if `grad` is not
/// `[B, N, M]`.
///
/// # Examples
/// ```
/// use ndarray::Array3;
/// use sanov::bounds::{mi_bound_batch, Bound, BoundOptions};
/// let s = Array3::<f32>::zeros((3, 2, 2));
/// let mut g = Array3::<f32>::zeros((3, 2, 2));
/// let v = mi_bound_batch(Bound::DonskerVaradhan, s.view(), Some(g.view_mut()), &BoundOptions::default())?;
/// assert_eq!(v, vec![0.0; 3]);
/// assert_eq!(g[[0, 0, 0]], 0.5);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: the same four functions on a `[B, N, M]` array.
pub fn mi_bound_batch<T: Real>(
    bound: Bound,
    scores: ArrayView3<'_, T>,
    mut grad: Option<ArrayViewMut3<'_, T>>,
    options: &BoundOptions,
) -> Result<Vec<f64>> {
    let (b, n, m) = scores.dim();
    if let Some(g) = &grad {
        if g.dim() != (b, n, m) {
            return Err(Error::ShapeMismatch {
                arg: "grad",
                expected: vec![b, n, m],
                found: g.shape().to_vec(),
            });
        }
    }
    let mut out = Vec::with_capacity(b);
    for k in 0..b {
        let s = scores.index_axis(Axis(0), k);
        let g = grad.as_mut().map(|g| g.index_axis_mut(Axis(0), k));
        let v = mi_bound(bound, s, g, options).map_err(|e| match e {
            Error::NonFinite { arg, index, value } => Error::NonFinite {
                arg,
                index: k * n * m + index,
                value,
            },
            e => e,
        })?;
        out.push(v);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Shared machinery.

/// Validated scores: contiguous row-major data and the shape.
pub(crate) struct Scores<'a, T: Real> {
    pub x: Cow<'a, [T]>,
    pub rows: usize,
    pub cols: usize,
}

impl<T: Real> Scores<'_, T> {
    /// Row `r`.
    pub fn row(&self, r: usize) -> &[T] {
        &self.x[r * self.cols..(r + 1) * self.cols]
    }
}

/// Shape checks: non-empty; square unless `rectangular` (then `cols ≥ rows`); at least
/// `min_n` rows.
fn check_shape<T: Real>(scores: &ArrayView2<'_, T>, rectangular: bool, min_n: usize) -> Result<()> {
    let (n, m) = scores.dim();
    if n == 0 || m == 0 {
        return Err(Error::Empty { arg: "scores" });
    }
    if (rectangular && m < n) || (!rectangular && m != n) {
        return Err(Error::ShapeMismatch {
            arg: "scores",
            expected: vec![n, if rectangular { n.max(m) } else { n }],
            found: vec![n, m],
        });
    }
    if n < min_n {
        return Err(Error::InvalidParameter {
            name: "N",
            value: n as f64,
            expected: "at least 2 samples: the bound averages over the N(N - 1) off-diagonal pairs",
        });
    }
    Ok(())
}

/// The contiguous scores after the shape checks (values are checked by the bounds).
pub(crate) fn scores<T: Real>(
    scores: ArrayView2<'_, T>,
    rectangular: bool,
    min_n: usize,
) -> Result<Scores<'_, T>> {
    check_shape(&scores, rectangular, min_n)?;
    let (rows, cols) = scores.dim();
    let x = match scores.to_slice() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(scores.iter().copied().collect()),
    };
    Ok(Scores { x, rows, cols })
}

/// The first NaN or `±∞` of `x` (row-major index offset by `offset`) as an error.
pub(crate) fn check_finite<T: Real>(x: &[T], offset: usize) -> Result<()> {
    // A branch-free scan first (vectorised), the locating pass only on failure.
    let all = x.iter().fold(true, |ok, v| ok & v.to_f64().is_finite());
    if all {
        return Ok(());
    }
    let (index, value) = x
        .iter()
        .enumerate()
        .map(|(i, v)| (i, v.to_f64()))
        .find(|(_, v)| !v.is_finite())
        .expect("a non-finite element");
    Err(Error::NonFinite {
        arg: "scores",
        index: offset + index,
        value,
    })
}

/// Elements per task below which splitting rows is not worth it.
const MIN_TASK_ELEMENTS: usize = 1 << 15;

/// Rows per task for `rows × cols` elements under `par`.
pub(crate) fn rows_per_task(rows: usize, cols: usize, par: Par) -> usize {
    let tasks = par
        .degree()
        .min(rows.saturating_mul(cols) / MIN_TASK_ELEMENTS)
        .clamp(1, rows.max(1));
    rows.div_ceil(tasks).max(1)
}

/// Runs `f(first_row, end_row, grad_rows)` over consecutive row blocks (in parallel under
/// `par`) and returns the results in row order; the first error (lowest row) wins.
pub(crate) fn over_rows<T: Real, R: Send>(
    rows: usize,
    cols: usize,
    par: Par,
    grad: Option<&mut [T]>,
    f: impl Fn(usize, usize, Option<&mut [T]>) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let per = rows_per_task(rows, cols, par);
    let results: Vec<Result<R>> = match grad {
        Some(g) if per < rows => g
            .par_chunks_mut(per * cols)
            .enumerate()
            .map(|(i, gr)| f(i * per, (i * per + per).min(rows), Some(gr)))
            .collect(),
        Some(g) => vec![f(0, rows, Some(g))],
        None if per < rows => (0..rows)
            .step_by(per)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|r0| f(r0, (r0 + per).min(rows), None))
            .collect(),
        None => vec![f(0, rows, None)],
    };
    results.into_iter().collect()
}

/// Runs `f` on a contiguous row-major slice of `out` (through a copy when `out` is not in
/// standard layout), after checking its shape.
pub(crate) fn with_grad<T: Real, R>(
    grad: Option<ArrayViewMut2<'_, T>>,
    rows: usize,
    cols: usize,
    f: impl FnOnce(Option<&mut [T]>) -> Result<R>,
) -> Result<R> {
    let Some(mut out) = grad else {
        return f(None);
    };
    if out.dim() != (rows, cols) {
        return Err(Error::ShapeMismatch {
            arg: "grad",
            expected: vec![rows, cols],
            found: out.shape().to_vec(),
        });
    }
    if let Some(s) = out.as_slice_mut() {
        return f(Some(s));
    }
    let mut tmp: Array2<T> = out.as_standard_layout().into_owned();
    let r = f(Some(tmp.as_slice_mut().expect("standard layout")))?;
    out.assign(&tmp);
    Ok(r)
}

/// Writes `v` rounded to `T`.
#[inline]
pub(crate) fn put<T: Real>(d: &mut T, v: f64) {
    store_one(d, v);
}

/// `1 / ln b` (1 in nats): the factor from a derivative in nats to one in base `b`.
pub(crate) fn unit(base: Base) -> f64 {
    base.from_nats(1.0)
}

/// Σ over blocks of a pair of sums (diagonal, off-diagonal), compensated.
pub(crate) fn total(parts: impl IntoIterator<Item = f64>) -> f64 {
    let mut acc = crate::sum::Neumaier::default();
    for p in parts {
        acc.add(p);
    }
    acc.total()
}
