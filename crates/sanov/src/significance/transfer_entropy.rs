//! Ready-made permutation tests of transfer entropy (source surrogates).

use ndarray::{Array2, ArrayView2, Axis};

use super::permutation::{permutation_test, PermutationParams, PermutationTest};
use crate::error::Result;
use crate::estimators::{DiscreteEstimator, KsgOptions};
use crate::timeseries::{
    conditional_transfer_entropy, ksg_conditional_transfer_entropy, ksg_transfer_entropy,
    transfer_entropy, TeParams,
};
use crate::units::Base;

fn reorder<T: Copy>(a: ArrayView2<'_, T>, order: &[usize]) -> Array2<T> {
    a.select(Axis(0), order)
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
    // Validate once on the data as given (the clearest errors).
    let stat = |s: ArrayView2<'_, i64>| match condition {
        Some(z) => conditional_transfer_entropy(s, target, z, params, estimator, base),
        None => transfer_entropy(s, target, params, estimator, base),
    };
    stat(source)?;
    permutation_test(
        source.nrows(),
        |order| stat(reorder(source, order).view()),
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
    let stat = |s: ArrayView2<'_, f64>| match condition {
        Some(z) => ksg_conditional_transfer_entropy(s, target, z, params, options),
        None => ksg_transfer_entropy(s, target, params, options),
    };
    stat(source)?;
    permutation_test(
        source.nrows(),
        |order| stat(reorder(source, order).view()),
        perm,
    )
}
