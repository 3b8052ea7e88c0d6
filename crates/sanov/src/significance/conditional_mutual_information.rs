//! Ready-made permutation tests and bootstrap intervals of the conditional mutual information
//! `I(X; Y | Z)` of i.i.d. paired samples (discrete or KSG / Frenzel–Pompe).

use ndarray::ArrayView2;

use super::bootstrap::{bootstrap, BootstrapInterval, BootstrapParams};
use super::permutation::{permutation_test, PermutationParams, PermutationTest};
use super::statistic::{shuffle_only, DiscreteCmi, KsgCmi};
use crate::error::Result;
use crate::estimators::{DiscreteEstimator, KsgOptions};
use crate::timeseries::symbols::{alphabet, row_ids, same_length};
use crate::units::Base;

fn discrete(
    x: ArrayView2<'_, i64>,
    y: ArrayView2<'_, i64>,
    z: ArrayView2<'_, i64>,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<DiscreteCmi> {
    let (a, b, c) = (row_ids(x, "x")?, row_ids(y, "y")?, row_ids(z, "z")?);
    same_length("x", a.seq.len(), "y", b.seq.len())?;
    same_length("z", c.seq.len(), "y", b.seq.len())?;
    Ok(DiscreteCmi {
        a,
        b,
        c: Some(c),
        estimator: *estimator,
        alphabet: alphabet(estimator, &[x, y, z]),
        base,
    })
}

fn continuous(
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    z: ArrayView2<'_, f64>,
    options: &KsgOptions,
) -> Result<KsgCmi> {
    // Validates every input (shapes, lengths, finiteness, k) with the clearest errors.
    crate::estimators::ksg_conditional_mutual_information(x, y, z, options)?;
    Ok(KsgCmi {
        a: x.to_owned(),
        b: y.to_owned(),
        c: Some(z.to_owned()),
        options: *options,
    })
}

/// A permutation test of the discrete conditional mutual information `I(X; Y | Z)` of i.i.d.
/// paired samples (rows of `x`, `y`, `z`; several columns a tuple), estimated from the
/// empirical distribution by `estimator` as
/// [`crate::timeseries::active_information_storage`] and the transfer entropies do
/// (`Ĥ(X,Z) + Ĥ(Y,Z) − Ĥ(Z) − Ĥ(X,Y,Z)`; plug-in by exact count ratios).
///
/// Surrogates shuffle `x` **within the strata of `z`** (the rows sharing one value of `z`):
/// each surrogate keeps the joint distributions of `(X, Z)` and of `(Y, Z)` exactly and
/// breaks only the dependence of `X` and `Y` given `Z`, which is the null hypothesis
/// `X ⊥ Y | Z` (the conditional permutation test; with a single stratum it is the ordinary
/// shuffle). `p = (1 + #{null ≥ observed}) / (1 + n_permutations)`; `bias_corrected` is the
/// observed value minus the null mean.
///
/// # Errors
/// [`crate::Error::Empty`], [`crate::Error::OutOfRange`] (a negative symbol),
/// [`crate::Error::LengthMismatch`]; [`crate::Error::InvalidParameter`] for a surrogate other
/// than [`super::Surrogate::Shuffle`] and the errors of [`permutation_test`]; the estimator's
/// errors.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::significance::{conditional_mutual_information_test, PermutationParams};
/// use sanov::Base;
/// let z = Array2::from_shape_fn((300, 1), |(i, _)| (i % 3) as i64);
/// let x = Array2::from_shape_fn((300, 1), |(i, _)| ((i * 7 / 3) % 2) as i64);
/// let y = x.clone(); // Y = X: strongly dependent given Z
/// let perm = PermutationParams { n_permutations: 99, seed: 1, ..Default::default() };
/// let r = conditional_mutual_information_test(x.view(), y.view(), z.view(), &DiscreteEstimator::PlugIn, Base::Bits, &perm)?;
/// assert_eq!(r.p_value, 0.01);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// B. Phipson & G. K. Smyth, *Stat. Appl. Genet. Mol. Biol.* 9(1), 39 (2010); J. Runge,
/// "Conditional independence testing based on a nearest-neighbor estimator of conditional
/// mutual information", *AISTATS* (2018) (the conditional permutation scheme).
///
/// Python: `sanov.conditional_mutual_information_test`.
pub fn conditional_mutual_information_test(
    x: ArrayView2<'_, i64>,
    y: ArrayView2<'_, i64>,
    z: ArrayView2<'_, i64>,
    estimator: &DiscreteEstimator,
    base: Base,
    perm: &PermutationParams,
) -> Result<PermutationTest> {
    shuffle_only(perm.surrogate)?;
    let s = discrete(x, y, z, estimator, base)?;
    let strata = s.strata();
    permutation_test(s.len(), |o| s.eval(&s.within(&strata, o), None), perm)
}

/// A permutation test of the KSG / Frenzel–Pompe
/// [`crate::estimators::ksg_conditional_mutual_information`] `I(X; Y | Z)` of i.i.d. real
/// samples, the rows of `x` reordered by `perm.surrogate` (normally
/// [`super::Surrogate::Shuffle`]), `y` and `z` left as they are.
///
/// A full shuffle of `x` draws from the null `X ⊥ (Y, Z)`, which implies `X ⊥ Y | Z` but is
/// narrower: when `X` depends on `Z`, the surrogates also lose that dependence and the test is
/// approximate for conditional independence (the estimator's bias at `I = 0` can differ
/// between the two). The discrete [`conditional_mutual_information_test`] shuffles within the
/// strata of `z` and is exact.
///
/// # Errors
/// Those of [`crate::estimators::ksg_conditional_mutual_information`] and of
/// [`permutation_test`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::KsgOptions;
/// use sanov::significance::{ksg_conditional_mutual_information_test, PermutationParams};
/// let z = Array2::from_shape_fn((200, 1), |(i, _)| ((i as f64) * 0.754_877_666).fract());
/// let x = Array2::from_shape_fn((200, 1), |(i, _)| ((i as f64) * 0.569_840_29).fract());
/// let y = Array2::from_shape_fn((200, 1), |(i, _)| x[[i, 0]] + 0.01 * z[[i, 0]]);
/// let perm = PermutationParams { n_permutations: 19, seed: 2, ..Default::default() };
/// let r = ksg_conditional_mutual_information_test(x.view(), y.view(), z.view(), &KsgOptions::default(), &perm)?;
/// assert_eq!(r.p_value, 0.05);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.conditional_mutual_information_test(..., estimator="ksg")`.
pub fn ksg_conditional_mutual_information_test(
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    z: ArrayView2<'_, f64>,
    options: &KsgOptions,
    perm: &PermutationParams,
) -> Result<PermutationTest> {
    let s = continuous(x, y, z, options)?;
    permutation_test(s.len(), |o| s.eval(o, None), perm)
}

/// A seeded percentile bootstrap interval ([`bootstrap`]) of the discrete conditional mutual
/// information of [`conditional_mutual_information_test`]: rows drawn with replacement, the
/// same rows of `x`, `y` and `z`.
///
/// # Errors
/// As [`conditional_mutual_information_test`] (any surrogate aside), and those of
/// [`bootstrap`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::significance::{conditional_mutual_information_bootstrap, BootstrapParams};
/// use sanov::Base;
/// let z = Array2::from_shape_fn((300, 1), |(i, _)| (i % 3) as i64);
/// let x = Array2::from_shape_fn((300, 1), |(i, _)| ((i * 7 / 3) % 2) as i64);
/// let boot = BootstrapParams { n_resamples: 50, seed: 1, ..Default::default() };
/// let ci = conditional_mutual_information_bootstrap(x.view(), x.view(), z.view(), &DiscreteEstimator::PlugIn, Base::Bits, &boot)?;
/// assert!(ci.lower > 0.9 && ci.upper <= 1.0 + 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.conditional_mutual_information_bootstrap`.
pub fn conditional_mutual_information_bootstrap(
    x: ArrayView2<'_, i64>,
    y: ArrayView2<'_, i64>,
    z: ArrayView2<'_, i64>,
    estimator: &DiscreteEstimator,
    base: Base,
    boot: &BootstrapParams,
) -> Result<BootstrapInterval> {
    let s = discrete(x, y, z, estimator, base)?;
    bootstrap(s.len(), |r| s.eval(r, Some(r)), boot)
}

/// A seeded percentile bootstrap interval of the KSG / Frenzel–Pompe conditional mutual
/// information, rows drawn with replacement. Resamples repeat rows, which the k-NN estimator
/// rejects unless `options.noise` adds a jitter (see [`crate::estimators::Noise`]).
///
/// # Errors
/// Those of [`crate::estimators::ksg_conditional_mutual_information`] (on the data and on
/// each resample) and of [`bootstrap`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::{KsgOptions, Noise};
/// use sanov::significance::{ksg_conditional_mutual_information_bootstrap, BootstrapParams};
/// let z = Array2::from_shape_fn((200, 1), |(i, _)| ((i as f64) * 0.754_877_666).fract());
/// let x = Array2::from_shape_fn((200, 1), |(i, _)| ((i as f64) * 0.569_840_29).fract());
/// let o = KsgOptions { noise: Noise::Jitter { scale: 1e-10, seed: 0 }, ..Default::default() };
/// let boot = BootstrapParams { n_resamples: 20, seed: 1, ..Default::default() };
/// let ci = ksg_conditional_mutual_information_bootstrap(x.view(), x.view(), z.view(), &o, &boot)?;
/// assert!(ci.lower > 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.conditional_mutual_information_bootstrap(..., estimator="ksg")`.
pub fn ksg_conditional_mutual_information_bootstrap(
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    z: ArrayView2<'_, f64>,
    options: &KsgOptions,
    boot: &BootstrapParams,
) -> Result<BootstrapInterval> {
    let s = continuous(x, y, z, options)?;
    bootstrap(s.len(), |r| s.eval(r, Some(r)), boot)
}
