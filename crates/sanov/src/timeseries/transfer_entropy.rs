//! Transfer entropy and conditional transfer entropy of integer series (plug-in and
//! bias-corrected).

use ndarray::ArrayView2;

use super::params::TeParams;
use super::symbols::{alphabet, cmi, lagged, long_enough, present, row_ids, same_length};
use crate::error::Result;
use crate::estimators::DiscreteEstimator;
use crate::units::Base;

/// Transfer entropy `TE_{Y→X}` from the integer series `source` (`Y`) to `target` (`X`).
///
/// $$ \mathrm{TE}_{Y\to X}(k, l, \delta) = I\big(X_t ;\, Y_{t-\delta-l+1..t-\delta}
///    \,\big|\, X_{t-k..t-1}\big) $$
///
/// over the empirical distribution of the embedded tuples at `t = t0 … n−1`,
/// `t0 = max(k, δ + l − 1)` (0-based time), each time step with weight `1/N_obs`,
/// `N_obs = n − t0` (Schreiber 2000; `δ = 1` is his definition). Rows are time steps; several
/// columns make a multivariate source or target (the row's tuple is one symbol). Symbols are
/// integers `≥ 0`.
///
/// With [`DiscreteEstimator::PlugIn`] the value is
/// `(1/N) Σ_cells n_{abc} ln(n_{abc} n_c / (n_{ac} n_{bc}))` (one logarithm of an exact
/// integer ratio per occupied cell, compensated sum), `≥ 0` up to rounding. Any other estimator
/// gives the bias-corrected form `Ĥ(X_t, X⁻) + Ĥ(Y⁻, X⁻) − Ĥ(X⁻) − Ĥ(X_t, Y⁻, X⁻)`, each joint
/// entropy estimated from its counts (Miller–Madow, NSB, ...); for NSB each term's alphabet is
/// `A^w`, with `w` the number of scalar symbols in the term and `A` the `alphabet_size` of the
/// [`crate::estimators::NsbOptions`] (if 0: one more than the largest symbol seen).
///
/// # Errors
/// [`crate::Error::Empty`] for a series without rows or columns;
/// [`crate::Error::LengthMismatch`] for series of different lengths;
/// [`crate::Error::OutOfRange`] for a negative symbol; [`crate::Error::InvalidParameter`] for
/// `k`, `l` or `delay` equal to 0, or a series not longer than `t0`; the estimator's errors.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::timeseries::{transfer_entropy, TeParams};
/// use sanov::Base;
/// // x copies y with a lag of one step: TE_{Y→X} = H(Y) = 1 bit for a balanced y.
/// let y: Vec<i64> = (0..64).map(|t| (t * 7 / 3 + t / 5) % 2).collect();
/// let x: Vec<i64> = std::iter::once(0).chain(y[..63].iter().copied()).collect();
/// let (y, x) = (Array2::from_shape_vec((64, 1), y)?, Array2::from_shape_vec((64, 1), x)?);
/// let te = transfer_entropy(y.view(), x.view(), &TeParams::default(), &DiscreteEstimator::PlugIn, Base::Bits)?;
/// assert!(te > 0.9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # References
/// T. Schreiber, "Measuring information transfer", *Phys. Rev. Lett.* 85, 461 (2000).
pub fn transfer_entropy(
    source: ArrayView2<'_, i64>,
    target: ArrayView2<'_, i64>,
    params: &TeParams,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<f64> {
    params.check(false)?;
    let y = row_ids(source, "source")?;
    let x = row_ids(target, "target")?;
    let n = x.seq.len();
    same_length("source", y.seq.len(), "target", n)?;
    let t0 = params.t0();
    long_enough(n, t0)?;
    let a = alphabet(estimator, &[source, target]);
    let now = present(&x, t0);
    let ypast = lagged(&y, t0, params.delay, params.l);
    let xpast = lagged(&x, t0, 1, params.k);
    Ok(base.from_nats(cmi(&now, &ypast, Some(&xpast), estimator, a)?))
}

/// Conditional transfer entropy `TE_{Y→X|Z}`: [`transfer_entropy`] conditioned also on the
/// history `Z_{t−m..t−1}` of the integer series `condition`.
///
/// $$ \mathrm{TE}_{Y\to X|Z} = I\big(X_t ;\, Y_{t-\delta-l+1..t-\delta} \,\big|\,
///    X_{t-k..t-1}, Z_{t-m..t-1}\big), \quad t = t_0 … n−1,\ t_0 = \max(k, \delta + l − 1, m). $$
///
/// Conventions and estimators as [`transfer_entropy`] (Lizier, Prokopenko & Zomaya 2008).
///
/// # Errors
/// As [`transfer_entropy`], and [`crate::Error::InvalidParameter`] for `m = 0`.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::timeseries::{conditional_transfer_entropy, TeParams};
/// use sanov::Base;
/// // y and x both copy z one step later: given z's past, y says nothing new about x.
/// let z: Vec<i64> = (0..80).map(|t| (t * 7 / 3 + t / 5) % 2).collect();
/// let lag: Vec<i64> = std::iter::once(0).chain(z[..79].iter().copied()).collect();
/// let z = Array2::from_shape_vec((80, 1), z)?;
/// let x = Array2::from_shape_vec((80, 1), lag.clone())?;
/// let y = Array2::from_shape_vec((80, 1), lag)?;
/// let p = TeParams::default();
/// let te = conditional_transfer_entropy(y.view(), x.view(), z.view(), &p, &DiscreteEstimator::PlugIn, Base::Bits)?;
/// assert!(te.abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # References
/// J. T. Lizier, M. Prokopenko & A. Y. Zomaya, "Local information transfer as a
/// spatiotemporal filter for complex systems", *Phys. Rev. E* 77, 026110 (2008).
///
/// Python: `sanov.transfer_entropy(..., condition=z)`.
pub fn conditional_transfer_entropy(
    source: ArrayView2<'_, i64>,
    target: ArrayView2<'_, i64>,
    condition: ArrayView2<'_, i64>,
    params: &TeParams,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<f64> {
    params.check(true)?;
    let y = row_ids(source, "source")?;
    let x = row_ids(target, "target")?;
    let z = row_ids(condition, "condition")?;
    let n = x.seq.len();
    same_length("source", y.seq.len(), "target", n)?;
    same_length("condition", z.seq.len(), "target", n)?;
    let t0 = params.t0_conditional();
    long_enough(n, t0)?;
    let a = alphabet(estimator, &[source, target, condition]);
    let now = present(&x, t0);
    let ypast = lagged(&y, t0, params.delay, params.l);
    let xpast = lagged(&x, t0, 1, params.k);
    let zpast = lagged(&z, t0, 1, params.m);
    let cond = super::symbols::combine(&xpast, &zpast);
    Ok(base.from_nats(cmi(&now, &ypast, Some(&cond), estimator, a)?))
}
