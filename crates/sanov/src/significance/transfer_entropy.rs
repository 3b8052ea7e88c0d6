//! Ready-made permutation tests (source surrogates) and bootstrap intervals of transfer
//! entropy.

use ndarray::{Array2, ArrayView2, Axis};

use super::bootstrap::{bootstrap, BootstrapInterval, BootstrapParams};
use super::permutation::{permutation_test, PermutationParams, PermutationTest};
use super::statistic::{DiscreteCmi, KsgCmi};
use crate::error::Result;
use crate::estimators::{DiscreteEstimator, KsgOptions};
use crate::timeseries::symbols::{alphabet, combine, lagged, present, row_ids};
use crate::timeseries::{
    conditional_transfer_entropy, embed, ksg_conditional_transfer_entropy, ksg_transfer_entropy,
    transfer_entropy, TeParams,
};
use crate::units::Base;

fn reorder<T: Copy>(a: ArrayView2<'_, T>, order: &[usize]) -> Array2<T> {
    a.select(Axis(0), order)
}

/// The discrete statistic of the tests: [`conditional_transfer_entropy`] when `condition` is
/// given, else [`transfer_entropy`] (either validates every input with its clearest errors).
fn discrete_statistic(
    source: ArrayView2<'_, i64>,
    target: ArrayView2<'_, i64>,
    condition: Option<ArrayView2<'_, i64>>,
    params: &TeParams,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<f64> {
    match condition {
        Some(z) => conditional_transfer_entropy(source, target, z, params, estimator, base),
        None => transfer_entropy(source, target, params, estimator, base),
    }
}

/// The KSG statistic of the tests: [`ksg_conditional_transfer_entropy`] when `condition` is
/// given, else [`ksg_transfer_entropy`].
fn ksg_statistic(
    source: ArrayView2<'_, f64>,
    target: ArrayView2<'_, f64>,
    condition: Option<ArrayView2<'_, f64>>,
    params: &TeParams,
    options: &KsgOptions,
) -> Result<f64> {
    match condition {
        Some(z) => ksg_conditional_transfer_entropy(source, target, z, params, options),
        None => ksg_transfer_entropy(source, target, params, options),
    }
}

/// The first embedded time step `t0` of the (conditional) transfer entropy.
fn first_time(params: &TeParams, conditional: bool) -> usize {
    if conditional {
        params.t0_conditional()
    } else {
        params.t0()
    }
}

/// A permutation test of `statistic` with surrogates of the source's rows, after one
/// evaluation on the data as given (which validates it with the clearest errors).
fn source_permutation_test<T: Copy + Sync>(
    source: ArrayView2<'_, T>,
    statistic: impl Fn(ArrayView2<'_, T>) -> Result<f64> + Sync,
    perm: &PermutationParams,
) -> Result<PermutationTest> {
    statistic(source)?;
    permutation_test(
        source.nrows(),
        |order| statistic(reorder(source, order).view()),
        perm,
    )
}

/// A permutation test of the plug-in (or bias-corrected) [`transfer_entropy`] `TE_{Y→X}` of
/// integer series — or of [`conditional_transfer_entropy`] when `condition` is given — with
/// surrogates of the **source** series (its rows reordered by `perm.surrogate`: use
/// [`super::Surrogate::CircularShift`] or [`super::Surrogate::Block`] to keep the source's
/// autocorrelation), the target and condition left as they are.
///
/// # Errors
/// Those of [`transfer_entropy`] / [`conditional_transfer_entropy`] and of
/// [`permutation_test`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::significance::{transfer_entropy_test, PermutationParams, Surrogate};
/// use sanov::timeseries::TeParams;
/// use sanov::Base;
/// let mut s = 7u64;
/// let mut u = move || {
///     s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
///     (s >> 11) as f64 / (1u64 << 53) as f64
/// };
/// let y = Array2::from_shape_fn((300, 1), |_| i64::from(u() < 0.5));
/// let x = Array2::from_shape_fn((300, 1), |(t, _)| if t == 0 { 0 } else { y[[t - 1, 0]] });
/// let perm = PermutationParams { n_permutations: 49, seed: 7, surrogate: Surrogate::CircularShift, ..Default::default() };
/// let r = transfer_entropy_test(y.view(), x.view(), None, &TeParams::default(), &DiscreteEstimator::PlugIn, Base::Nats, &perm)?;
/// assert_eq!(r.p_value, 0.02);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn transfer_entropy_test(
    source: ArrayView2<'_, i64>,
    target: ArrayView2<'_, i64>,
    condition: Option<ArrayView2<'_, i64>>,
    params: &TeParams,
    estimator: &DiscreteEstimator,
    base: Base,
    perm: &PermutationParams,
) -> Result<PermutationTest> {
    source_permutation_test(
        source,
        |s| discrete_statistic(s, target, condition, params, estimator, base),
        perm,
    )
}

/// A permutation test of [`ksg_transfer_entropy`] (or [`ksg_conditional_transfer_entropy`]
/// when `condition` is given), with source surrogates as [`transfer_entropy_test`].
///
/// # Errors
/// Those of [`ksg_transfer_entropy`] / [`ksg_conditional_transfer_entropy`] and of
/// [`permutation_test`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::KsgOptions;
/// use sanov::significance::{ksg_transfer_entropy_test, PermutationParams};
/// use sanov::timeseries::TeParams;
/// let y = Array2::from_shape_fn((200, 1), |(t, _)| ((t as f64) * 0.618_033_988_75).fract());
/// let x = Array2::from_shape_fn((200, 1), |(t, _)| if t == 0 { 0.5 } else { y[[t - 1, 0]] + 0.05 * ((t as f64) * 0.414_213_56).fract() });
/// let perm = PermutationParams { n_permutations: 19, seed: 1, ..Default::default() };
/// let r = ksg_transfer_entropy_test(y.view(), x.view(), None, &TeParams::default(), &KsgOptions::default(), &perm)?;
/// assert_eq!(r.p_value, 0.05);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.transfer_entropy_test(..., estimator="ksg")`.
pub fn ksg_transfer_entropy_test(
    source: ArrayView2<'_, f64>,
    target: ArrayView2<'_, f64>,
    condition: Option<ArrayView2<'_, f64>>,
    params: &TeParams,
    options: &KsgOptions,
    perm: &PermutationParams,
) -> Result<PermutationTest> {
    source_permutation_test(
        source,
        |s| ksg_statistic(s, target, condition, params, options),
        perm,
    )
}

/// The embedded statistic of (conditional) transfer entropy: `a` the source past, `b` the
/// present of the target, `c` the target past (and the condition's past).
fn discrete_te(
    source: ArrayView2<'_, i64>,
    target: ArrayView2<'_, i64>,
    condition: Option<ArrayView2<'_, i64>>,
    params: &TeParams,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<DiscreteCmi> {
    // Validates every input with the errors of the estimators.
    discrete_statistic(source, target, condition, params, estimator, base)?;
    let y = row_ids(source, "source")?;
    let x = row_ids(target, "target")?;
    let t0 = first_time(params, condition.is_some());
    let a = match condition {
        Some(z) => alphabet(estimator, &[source, target, z]),
        None => alphabet(estimator, &[source, target]),
    };
    let xpast = lagged(&x, t0, 1, params.k);
    let cond = match condition {
        Some(z) => combine(&xpast, &lagged(&row_ids(z, "condition")?, t0, 1, params.m)),
        None => xpast,
    };
    Ok(DiscreteCmi {
        a: present(&x, t0),
        b: lagged(&y, t0, params.delay, params.l),
        c: Some(cond),
        estimator: *estimator,
        alphabet: a,
        base,
    })
}

/// A seeded percentile bootstrap interval ([`bootstrap`]) of the discrete (conditional)
/// transfer entropy of [`transfer_entropy_test`]: the `N = n − t0` embedded observations
/// (target present, source past, target past, condition past) drawn with replacement, the same
/// rows of each (the i.i.d. bootstrap of the embedded tuples; it ignores the dependence
/// between neighbouring observations, so for strongly autocorrelated series the interval is
/// too narrow).
///
/// # Errors
/// Those of [`transfer_entropy`] / [`conditional_transfer_entropy`] and of [`bootstrap`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::significance::{transfer_entropy_bootstrap, BootstrapParams};
/// use sanov::timeseries::TeParams;
/// use sanov::Base;
/// let y = Array2::from_shape_fn((300, 1), |(t, _)| ((t * t / 7) % 2) as i64);
/// let x = Array2::from_shape_fn((300, 1), |(t, _)| if t == 0 { 0 } else { y[[t - 1, 0]] });
/// let boot = BootstrapParams { n_resamples: 50, seed: 1, ..Default::default() };
/// let ci = transfer_entropy_bootstrap(y.view(), x.view(), None, &TeParams::default(), &DiscreteEstimator::PlugIn, Base::Bits, &boot)?;
/// assert!(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.transfer_entropy_bootstrap`.
pub fn transfer_entropy_bootstrap(
    source: ArrayView2<'_, i64>,
    target: ArrayView2<'_, i64>,
    condition: Option<ArrayView2<'_, i64>>,
    params: &TeParams,
    estimator: &DiscreteEstimator,
    base: Base,
    boot: &BootstrapParams,
) -> Result<BootstrapInterval> {
    let s = discrete_te(source, target, condition, params, estimator, base)?;
    bootstrap(s.len(), |r| s.eval(r, Some(r)), boot)
}

/// A seeded percentile bootstrap interval of the KSG (conditional) transfer entropy over the
/// embedded observations, as [`transfer_entropy_bootstrap`]; resamples repeat rows, so
/// `options.noise` must add a jitter.
///
/// # Errors
/// Those of [`ksg_transfer_entropy`] / [`ksg_conditional_transfer_entropy`] (on the data and
/// on each resample) and of [`bootstrap`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::{KsgOptions, Noise};
/// use sanov::significance::{ksg_transfer_entropy_bootstrap, BootstrapParams};
/// use sanov::timeseries::TeParams;
/// let y = Array2::from_shape_fn((200, 1), |(t, _)| ((t as f64) * 0.618_033_988_75).fract());
/// let x = Array2::from_shape_fn((200, 1), |(t, _)| if t == 0 { 0.5 } else { y[[t - 1, 0]] + 0.05 * ((t as f64) * 0.414_213_56).fract() });
/// let o = KsgOptions { noise: Noise::Jitter { scale: 1e-10, seed: 0 }, ..Default::default() };
/// let boot = BootstrapParams { n_resamples: 20, seed: 1, ..Default::default() };
/// let ci = ksg_transfer_entropy_bootstrap(y.view(), x.view(), None, &TeParams::default(), &o, &boot)?;
/// assert_eq!(ci.resamples.len(), 20);
/// assert!(ci.lower <= ci.upper);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.transfer_entropy_bootstrap(..., estimator="ksg")`.
pub fn ksg_transfer_entropy_bootstrap(
    source: ArrayView2<'_, f64>,
    target: ArrayView2<'_, f64>,
    condition: Option<ArrayView2<'_, f64>>,
    params: &TeParams,
    options: &KsgOptions,
    boot: &BootstrapParams,
) -> Result<BootstrapInterval> {
    ksg_statistic(source, target, condition, params, options)?;
    let t0 = first_time(params, condition.is_some());
    let xpast = embed(target, t0, 1, params.k);
    let cond = match condition {
        Some(z) => ndarray::concatenate(Axis(1), &[xpast.view(), embed(z, t0, 1, params.m).view()])
            .map_err(|_| crate::Error::Empty { arg: "condition" })?,
        None => xpast,
    };
    let s = KsgCmi {
        a: embed(target, t0, 0, 1),
        b: embed(source, t0, params.delay, params.l),
        c: Some(cond),
        options: *options,
    };
    bootstrap(s.len(), |r| s.eval(r, Some(r)), boot)
}
