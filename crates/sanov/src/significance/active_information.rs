//! Ready-made permutation tests and bootstrap intervals of active information storage.

use ndarray::ArrayView2;

use super::bootstrap::{bootstrap, BootstrapInterval, BootstrapParams};
use super::permutation::{permutation_test, PermutationParams, PermutationTest};
use super::statistic::{DiscreteCmi, KsgCmi};
use crate::error::Result;
use crate::estimators::{DiscreteEstimator, KsgOptions};
use crate::timeseries::symbols::{alphabet, lagged, long_enough, positive, present, row_ids};
use crate::timeseries::{embed, ksg_active_information_storage};
use crate::units::Base;

/// The statistic `I(X_{t−k..t−1} ; X_t)` on the `N = n − k` embedded observations: `a` the
/// past, `b` the present (the order of the estimators, so the observed value is theirs bit for
/// bit). Reordering the pasts against the presents gives the same multiset of pairs as the
/// inverse reordering of the presents against the pasts.
fn discrete(
    x: ArrayView2<'_, i64>,
    k: usize,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<DiscreteCmi> {
    positive("k", k)?;
    let s = row_ids(x, "x")?;
    long_enough(s.seq.len(), k)?;
    Ok(DiscreteCmi {
        a: lagged(&s, k, 1, k),
        b: present(&s, k),
        c: None,
        estimator: *estimator,
        alphabet: alphabet(estimator, &[x]),
        base,
    })
}

fn continuous(x: ArrayView2<'_, f64>, k: usize, options: &KsgOptions) -> Result<KsgCmi> {
    ksg_active_information_storage(x, k, options)?;
    Ok(KsgCmi {
        a: embed(x, k, 1, k),
        b: embed(x, k, 0, 1),
        c: None,
        options: *options,
    })
}

/// A permutation test of the discrete [`crate::timeseries::active_information_storage`]
/// `A_X(k) = I(X_{t−k..t−1} ; X_t)`: the surrogates reorder the **present** values `X_t`
/// (`t = k … n−1`) by `perm.surrogate` against their fixed pasts, which keeps the
/// distribution of the past `k`-blocks and of the present exactly and breaks the memory.
/// [`super::Surrogate::Shuffle`] is the null "no memory at any lag";
/// [`super::Surrogate::CircularShift`] and [`super::Surrogate::Block`] keep the present
/// series' own autocorrelation (a circular shift by `s` pairs `X_{t+s}` with the past of
/// `X_t`: with slowly decaying memory that null still holds information, and the test is
/// conservative). `p = (1 + #{null ≥ observed}) / (1 + n_permutations)`.
///
/// # Errors
/// Those of [`crate::timeseries::active_information_storage`] and of [`permutation_test`]
/// (on the `n − k` embedded observations).
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::significance::{active_information_storage_test, PermutationParams};
/// use sanov::Base;
/// let x = Array2::from_shape_fn((200, 1), |(t, _)| ((t / 3) % 2) as i64);
/// let perm = PermutationParams { n_permutations: 99, seed: 4, ..Default::default() };
/// let r = active_information_storage_test(x.view(), 2, &DiscreteEstimator::PlugIn, Base::Bits, &perm)?;
/// assert_eq!(r.p_value, 0.01);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// J. T. Lizier, M. Prokopenko & A. Y. Zomaya, *Information Sciences* 208, 39–54 (2012);
/// P. Wollstadt et al., *J. Open Source Softw.* 4(34), 1081 (2019).
///
/// Python: `sanov.active_information_storage_test`.
pub fn active_information_storage_test(
    x: ArrayView2<'_, i64>,
    k: usize,
    estimator: &DiscreteEstimator,
    base: Base,
    perm: &PermutationParams,
) -> Result<PermutationTest> {
    let s = discrete(x, k, estimator, base)?;
    permutation_test(s.len(), |o| s.eval(o, None), perm)
}

/// A permutation test of [`crate::timeseries::ksg_active_information_storage`], with the
/// surrogates of [`active_information_storage_test`] (the present reordered against its
/// fixed past).
///
/// # Errors
/// Those of [`crate::timeseries::ksg_active_information_storage`] and of
/// [`permutation_test`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::KsgOptions;
/// use sanov::significance::{ksg_active_information_storage_test, PermutationParams};
/// let x = Array2::from_shape_fn((200, 1), |(t, _)| (t as f64 * 0.1).sin() + 1e-3 * ((t as f64) * 0.618).fract());
/// let perm = PermutationParams { n_permutations: 19, seed: 4, ..Default::default() };
/// let r = ksg_active_information_storage_test(x.view(), 1, &KsgOptions::default(), &perm)?;
/// assert_eq!(r.p_value, 0.05);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.active_information_storage_test(..., estimator="ksg")`.
pub fn ksg_active_information_storage_test(
    x: ArrayView2<'_, f64>,
    k: usize,
    options: &KsgOptions,
    perm: &PermutationParams,
) -> Result<PermutationTest> {
    let s = continuous(x, k, options)?;
    permutation_test(s.len(), |o| s.eval(o, None), perm)
}

/// A seeded percentile bootstrap interval ([`bootstrap`]) of the discrete active information
/// storage: the `n − k` embedded observations `(X_{t−k..t−1}, X_t)` drawn with replacement
/// (the i.i.d. bootstrap of the embedded pairs; it ignores the dependence between
/// neighbouring observations, so for strongly autocorrelated series the interval is too
/// narrow).
///
/// # Errors
/// Those of [`crate::timeseries::active_information_storage`] and of [`bootstrap`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::significance::{active_information_storage_bootstrap, BootstrapParams};
/// use sanov::Base;
/// let x = Array2::from_shape_fn((200, 1), |(t, _)| (t % 2) as i64);
/// let boot = BootstrapParams { n_resamples: 50, seed: 1, ..Default::default() };
/// let ci = active_information_storage_bootstrap(x.view(), 1, &DiscreteEstimator::PlugIn, Base::Bits, &boot)?;
/// assert!(ci.lower > 0.9 && ci.upper <= 1.0 + 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.active_information_storage_bootstrap`.
pub fn active_information_storage_bootstrap(
    x: ArrayView2<'_, i64>,
    k: usize,
    estimator: &DiscreteEstimator,
    base: Base,
    boot: &BootstrapParams,
) -> Result<BootstrapInterval> {
    let s = discrete(x, k, estimator, base)?;
    bootstrap(s.len(), |r| s.eval(r, Some(r)), boot)
}

/// A seeded percentile bootstrap interval of the KSG active information storage over the
/// embedded observations, as [`active_information_storage_bootstrap`]; resamples repeat
/// rows, so `options.noise` must add a jitter.
///
/// # Errors
/// Those of [`crate::timeseries::ksg_active_information_storage`] (on the data and on each
/// resample) and of [`bootstrap`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::{KsgOptions, Noise};
/// use sanov::significance::{ksg_active_information_storage_bootstrap, BootstrapParams};
/// let x = Array2::from_shape_fn((200, 1), |(t, _)| (t as f64 * 0.1).sin() + 1e-3 * ((t as f64) * 0.618).fract());
/// let o = KsgOptions { noise: Noise::Jitter { scale: 1e-10, seed: 0 }, ..Default::default() };
/// let boot = BootstrapParams { n_resamples: 20, seed: 1, ..Default::default() };
/// let ci = ksg_active_information_storage_bootstrap(x.view(), 1, &o, &boot)?;
/// assert!(ci.lower > 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.active_information_storage_bootstrap(..., estimator="ksg")`.
pub fn ksg_active_information_storage_bootstrap(
    x: ArrayView2<'_, f64>,
    k: usize,
    options: &KsgOptions,
    boot: &BootstrapParams,
) -> Result<BootstrapInterval> {
    let s = continuous(x, k, options)?;
    bootstrap(s.len(), |r| s.eval(r, Some(r)), boot)
}
