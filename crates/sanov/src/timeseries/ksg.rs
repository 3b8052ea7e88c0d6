//! Transfer entropy, conditional transfer entropy and active information storage of
//! continuous series by the KSG / Frenzel–Pompe k-nearest-neighbour estimators.

use ndarray::{Array2, ArrayView2};

use super::params::TeParams;
use super::symbols::{long_enough, positive, same_length};
use crate::error::{Error, Result};
use crate::estimators::{ksg_conditional_mutual_information, ksg_mutual_information, KsgOptions};
use crate::neighbors::check_finite;

/// Validates a real series (rows are time steps).
fn series(x: ArrayView2<'_, f64>, arg: &'static str) -> Result<usize> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(Error::Empty { arg });
    }
    check_finite(x, arg)?;
    Ok(x.nrows())
}

/// The embedded rows `(s_{t−lo}, …, s_{t−lo−len+1})` (most recent first, each `d` columns)
/// for `t = t0 … n−1`.
pub(crate) fn embed(s: ArrayView2<'_, f64>, t0: usize, lo: usize, len: usize) -> Array2<f64> {
    let (n, d) = (s.nrows(), s.ncols());
    Array2::from_shape_fn((n - t0, len * d), |(r, c)| s[[t0 + r - lo - c / d, c % d]])
}

/// KSG transfer entropy `TE_{Y→X}(k, l, δ)`: the Frenzel–Pompe estimate
/// ([`ksg_conditional_mutual_information`]) of `I(X_t ; Y_{t−δ−l+1..t−δ} | X_{t−k..t−1})` on
/// the `N = n − t0` embedded vectors, `t0 = max(k, δ + l − 1)`, max-norm, `options.k`
/// neighbours:
///
/// $$ \widehat{\mathrm{TE}} = \psi(K) - \frac1N \sum_t \big[\psi(n_{x_t x^-} + 1)
///    + \psi(n_{y^- x^-} + 1) - \psi(n_{x^-} + 1)\big]. $$
///
/// Equal, bit for bit, to [`ksg_conditional_mutual_information`] of the embedded matrices
/// (present, source past, target past). Rows are time steps; several columns a multivariate
/// series. All options of [`KsgOptions`] apply to the embedded vectors (standardisation,
/// jitter, `par`); the algorithm must be 1.
///
/// # Errors
/// [`Error::Empty`], [`Error::LengthMismatch`], [`Error::NonFinite`] (naming the series);
/// [`Error::InvalidParameter`] for `k`, `l`, `delay` = 0, a series not longer than `t0`, or a
/// neighbour count `options.k` not below `N`; [`Error::OutOfRange`] for duplicate embedded
/// points (see [`crate::estimators::Noise`]).
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::KsgOptions;
/// use sanov::timeseries::{ksg_transfer_entropy, TeParams};
/// // x_t = y_{t−1} + small noise, y i.i.d.: strong transfer from y to x, none the other way.
/// let mut s = 7u64;
/// let mut u = move || {
///     s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
///     (s >> 11) as f64 / (1u64 << 53) as f64
/// };
/// let y = Array2::from_shape_fn((500, 1), |_| u());
/// let e = Array2::from_shape_fn((500, 1), |_| u());
/// let x = Array2::from_shape_fn((500, 1), |(t, _)| {
///     if t == 0 { 0.5 } else { y[[t - 1, 0]] + 0.01 * e[[t, 0]] }
/// });
/// let o = KsgOptions { k: 4, ..Default::default() };
/// let te_yx = ksg_transfer_entropy(y.view(), x.view(), &TeParams::default(), &o)?;
/// let te_xy = ksg_transfer_entropy(x.view(), y.view(), &TeParams::default(), &o)?;
/// assert!(te_yx > te_xy + 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// T. Schreiber (2000); A. Kraskov, H. Stögbauer & P. Grassberger, *Phys. Rev. E* 69,
/// 066138 (2004); S. Frenzel & B. Pompe, *Phys. Rev. Lett.* 99, 204101 (2007).
///
/// Python: `sanov.transfer_entropy(..., estimator="ksg")`.
pub fn ksg_transfer_entropy(
    source: ArrayView2<'_, f64>,
    target: ArrayView2<'_, f64>,
    params: &TeParams,
    options: &KsgOptions,
) -> Result<f64> {
    params.check(false)?;
    let ny = series(source, "source")?;
    let n = series(target, "target")?;
    same_length("source", ny, "target", n)?;
    let t0 = params.t0();
    long_enough(n, t0)?;
    let now = embed(target, t0, 0, 1);
    let ypast = embed(source, t0, params.delay, params.l);
    let xpast = embed(target, t0, 1, params.k);
    ksg_conditional_mutual_information(now.view(), ypast.view(), xpast.view(), options)
}

/// KSG conditional transfer entropy `TE_{Y→X|Z}`: [`ksg_transfer_entropy`] with the
/// conditioning set extended by `Z_{t−m..t−1}`, `t0 = max(k, δ + l − 1, m)`.
///
/// # Errors
/// As [`ksg_transfer_entropy`], and [`Error::InvalidParameter`] for `m = 0`.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::KsgOptions;
/// use sanov::timeseries::{ksg_conditional_transfer_entropy, TeParams};
/// let z = Array2::from_shape_fn((400, 1), |(t, _)| ((t as f64) * 0.618_033_988_75).fract());
/// let x = Array2::from_shape_fn((400, 1), |(t, _)| ((t as f64) * 0.414_213_562).fract());
/// let y = Array2::from_shape_fn((400, 1), |(t, _)| ((t as f64) * 0.732_050_807).fract());
/// let te = ksg_conditional_transfer_entropy(y.view(), x.view(), z.view(), &TeParams::default(), &KsgOptions::default())?;
/// assert!(te.is_finite());
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.transfer_entropy(..., estimator="ksg", condition=z)`.
pub fn ksg_conditional_transfer_entropy(
    source: ArrayView2<'_, f64>,
    target: ArrayView2<'_, f64>,
    condition: ArrayView2<'_, f64>,
    params: &TeParams,
    options: &KsgOptions,
) -> Result<f64> {
    params.check(true)?;
    let ny = series(source, "source")?;
    let n = series(target, "target")?;
    let nz = series(condition, "condition")?;
    same_length("source", ny, "target", n)?;
    same_length("condition", nz, "target", n)?;
    let t0 = params.t0_conditional();
    long_enough(n, t0)?;
    let now = embed(target, t0, 0, 1);
    let ypast = embed(source, t0, params.delay, params.l);
    let xpast = embed(target, t0, 1, params.k);
    let zpast = embed(condition, t0, 1, params.m);
    let cond = ndarray::concatenate(ndarray::Axis(1), &[xpast.view(), zpast.view()])
        .map_err(|_| Error::Empty { arg: "condition" })?;
    ksg_conditional_mutual_information(now.view(), ypast.view(), cond.view(), options)
}

/// KSG active information storage `A_X(k) = I(X_{t−k..t−1} ; X_t)`, `t = k … n−1`:
/// [`ksg_mutual_information`] of the embedded past and present (algorithm 1 or 2 as
/// `options.algorithm` says).
///
/// # Errors
/// [`Error::Empty`], [`Error::NonFinite`], [`Error::InvalidParameter`] (`k = 0`, `n ≤ k`,
/// `options.k` too large), [`Error::OutOfRange`] (duplicate embedded points).
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::KsgOptions;
/// use sanov::timeseries::ksg_active_information_storage;
/// // A slowly varying series stores much information in its past.
/// let x = Array2::from_shape_fn((300, 1), |(t, _)| (t as f64 * 0.05).sin() + 1e-3 * ((t as f64) * 0.618).fract());
/// let a = ksg_active_information_storage(x.view(), 1, &KsgOptions::default())?;
/// assert!(a > 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// J. T. Lizier, M. Prokopenko & A. Y. Zomaya, *Information Sciences* 208, 39–54 (2012).
///
/// Python: `sanov.active_information_storage(..., estimator="ksg")`.
pub fn ksg_active_information_storage(
    x: ArrayView2<'_, f64>,
    k: usize,
    options: &KsgOptions,
) -> Result<f64> {
    positive("k", k)?;
    let n = series(x, "x")?;
    long_enough(n, k)?;
    let past = embed(x, k, 1, k);
    let now = embed(x, k, 0, 1);
    ksg_mutual_information(past.view(), now.view(), options)
}
