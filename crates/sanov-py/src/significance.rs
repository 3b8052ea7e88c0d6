//! Bindings of `sanov::significance`: permutation tests of transfer entropy, mutual and
//! conditional mutual information and active information storage; bootstrap intervals of
//! these and of entropy.

use ndarray::{ArrayView2, Axis};
use numpy::{IntoPyArray, PyReadonlyArrayDyn};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sanov::estimators::{self, DiscreteEstimator};
use sanov::multivariate::mutual_information_from_labels;
use sanov::significance::{
    self, BootstrapInterval, BootstrapParams, PermutationParams, PermutationTest, Surrogate,
};
use sanov::Base;

use crate::convert::{self, detach, floats64, Int, Workers};
use crate::error::{domain_error, IntoPy};
use crate::timeseries::{discrete_estimator, ksg, rows, symbols, te_params};

fn surrogate(name: &str, block_length: Option<usize>) -> PyResult<Surrogate> {
    match (name, block_length) {
        ("shuffle", None) => Ok(Surrogate::Shuffle),
        ("circular", None) => Ok(Surrogate::CircularShift),
        ("block", Some(b)) => Ok(Surrogate::Block { length: b }),
        ("block", None) => Err(domain_error("surrogate='block' needs block_length")),
        (_, Some(_)) => Err(domain_error(
            "block_length is only used with surrogate='block'",
        )),
        (other, None) => Err(domain_error(format!(
            "surrogate = {other:?} is invalid: must be 'shuffle', 'circular' or 'block'"
        ))),
    }
}

fn test_dict(py: Python<'_>, t: PermutationTest) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("observed", t.observed)?;
    d.set_item("p_value", t.p_value)?;
    d.set_item("null_mean", t.null_mean)?;
    d.set_item("null_std", t.null_std)?;
    d.set_item("bias_corrected", t.bias_corrected())?;
    d.set_item("null", t.null.into_pyarray(py))?;
    Ok(d)
}

fn interval_dict(py: Python<'_>, t: BootstrapInterval) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("estimate", t.estimate)?;
    d.set_item("lower", t.lower)?;
    d.set_item("upper", t.upper)?;
    d.set_item("std_error", t.std_error)?;
    d.set_item("resamples", t.resamples.into_pyarray(py))?;
    Ok(d)
}

/// The estimator of a binding: a discrete one on integer symbols, or KSG on real rows.
enum Estimator {
    Discrete(DiscreteEstimator),
    Ksg(estimators::KsgOptions),
}

/// The estimator arguments every binding here shares, converted in one place: `n_neighbors`,
/// `alphabet_size`, `seed`, `base`, then the estimator's name. KSG runs each estimate on one
/// thread (the threads go to the surrogates or resamples); its jitter is seeded by `seed`.
fn estimator_args(
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    seed: Int,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Estimator, u64, Base)> {
    let n_neighbors = n_neighbors.usize("n_neighbors")?;
    let alphabet_size = alphabet_size.usize("alphabet_size")?;
    let seed = seed.u64("seed")?;
    let b = convert::base(base, "base")?;
    let e = match discrete_estimator(estimator, alphabet_size)? {
        Some(e) => Estimator::Discrete(e),
        None => Estimator::Ksg(ksg(n_neighbors, jitter, seed, b, Some(Workers(1)))),
    };
    Ok((e, seed, b))
}

/// How an array-like is converted: [`symbols`] (integer symbols) or [`floats64`] (reals).
type Convert<'py, T> = fn(&Bound<'py, PyAny>, &str) -> PyResult<PyReadonlyArrayDyn<'py, T>>;

/// Calls `f` with the source, target and optional condition of a transfer entropy, each
/// converted by `convert` and viewed as rows (time steps).
fn with_te_rows<'py, T: numpy::Element, R>(
    source: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    condition: Option<&Bound<'py, PyAny>>,
    convert: Convert<'py, T>,
    f: impl FnOnce(ArrayView2<'_, T>, ArrayView2<'_, T>, Option<ArrayView2<'_, T>>) -> R,
) -> PyResult<R> {
    let (s, t) = (convert(source, "source")?, convert(target, "target")?);
    let (sv, tv) = (rows(&s, "source")?, rows(&t, "target")?);
    let z = condition.map(|c| convert(c, "condition")).transpose()?;
    let zv = z.as_ref().map(|z| rows(z, "condition")).transpose()?;
    Ok(f(sv, tv, zv))
}

/// Calls `f` with `x`, `y` and `z` of a conditional mutual information, each converted by
/// `convert` and viewed as rows (samples).
fn with_xyz_rows<'py, T: numpy::Element, R>(
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    z: &Bound<'py, PyAny>,
    convert: Convert<'py, T>,
    f: impl FnOnce(ArrayView2<'_, T>, ArrayView2<'_, T>, ArrayView2<'_, T>) -> R,
) -> PyResult<R> {
    let (xa, ya, za) = (convert(x, "x")?, convert(y, "y")?, convert(z, "z")?);
    let (xv, yv, zv) = (rows(&xa, "x")?, rows(&ya, "y")?, rows(&za, "z")?);
    Ok(f(xv, yv, zv))
}

/// Calls `f` with the series `x` converted by `convert` and viewed as rows (time steps).
fn with_rows<'py, T: numpy::Element, R>(
    x: &Bound<'py, PyAny>,
    convert: Convert<'py, T>,
    f: impl FnOnce(ArrayView2<'_, T>) -> R,
) -> PyResult<R> {
    let a = convert(x, "x")?;
    Ok(f(rows(&a, "x")?))
}

fn perm_params(
    n_permutations: Int,
    seed: u64,
    surrogate: Surrogate,
    workers: Option<Workers>,
) -> PyResult<PermutationParams> {
    Ok(PermutationParams {
        n_permutations: n_permutations.usize("n_permutations")?,
        seed,
        surrogate,
        par: convert::par(workers.map(|w| w.0)),
    })
}

fn boot_params(
    n_resamples: Int,
    confidence: f64,
    seed: u64,
    workers: Option<Workers>,
) -> PyResult<BootstrapParams> {
    Ok(BootstrapParams {
        n_resamples: n_resamples.usize("n_resamples")?,
        seed,
        confidence,
        par: convert::par(workers.map(|w| w.0)),
    })
}

/// Permutation test of transfer entropy TE_{Y->X} (or conditional TE with ``condition``) with
/// surrogates of the source: p = (1 + #{null >= observed}) / (1 + n_permutations).
///
/// Parameters
/// ----------
/// source, target, k, l, delay, condition, m, estimator, n_neighbors, alphabet_size, jitter,
/// base
///     As transfer_entropy.
/// n_permutations : int, default 1000
/// seed : int, default 0
///     Surrogate i is drawn from its own stream of (seed, i): results do not depend on workers.
/// surrogate : str, default "shuffle"
///     "shuffle" (i.i.d.), "circular" (a random cyclic shift of the source, keeps its
///     autocorrelation) or "block" (blocks of ``block_length`` steps in random order).
/// block_length : int, optional
/// workers : int, optional
///     Threads over the surrogates.
///
/// Returns
/// -------
/// dict
///     observed, p_value, null_mean, null_std, bias_corrected (observed - null_mean), null
///     (ndarray of the surrogate values).
///
/// Raises
/// ------
/// DomainError
///     n_permutations = 0, a bad surrogate or block length; the errors of transfer_entropy.
#[pyfunction]
#[pyo3(
    signature = (source, target, k=Int::Small(1), l=Int::Small(1), delay=Int::Small(1), *, condition=None, m=Int::Small(1), estimator="plug-in", n_neighbors=Int::Small(4), alphabet_size=Int::Small(0), jitter=None, n_permutations=Int::Small(1000), seed=Int::Small(0), surrogate="shuffle", block_length=None, base=None, workers=None),
    text_signature = "(source, target, k=1, l=1, delay=1, *, condition=None, m=1, estimator='plug-in', n_neighbors=4, alphabet_size=0, jitter=None, n_permutations=1000, seed=0, surrogate='shuffle', block_length=None, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn transfer_entropy_test<'py>(
    source: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    k: Int,
    l: Int,
    delay: Int,
    condition: Option<&Bound<'py, PyAny>>,
    m: Int,
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    n_permutations: Int,
    seed: Int,
    surrogate: &str,
    block_length: Option<Int>,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let params = te_params(
        k.usize("k")?,
        l.usize("l")?,
        delay.usize("delay")?,
        m.usize("m")?,
    );
    let (e, seed, b) = estimator_args(estimator, n_neighbors, alphabet_size, jitter, seed, base)?;
    let block_length = block_length.map(|v| v.usize("block_length")).transpose()?;
    let surrogate = self::surrogate(surrogate, block_length)?;
    let perm = perm_params(n_permutations, seed, surrogate, workers)?;
    let py = source.py();
    let t = match e {
        Estimator::Discrete(e) => with_te_rows(source, target, condition, symbols, |s, t, z| {
            py.detach(|| significance::transfer_entropy_test(s, t, z, &params, &e, b, &perm))
        })?,
        Estimator::Ksg(o) => with_te_rows(source, target, condition, floats64, |s, t, z| {
            py.detach(|| significance::ksg_transfer_entropy_test(s, t, z, &params, &o, &perm))
        })?,
    }
    .py_err()?;
    test_dict(py, t)
}

/// Mutual information I(X;Y) of paired samples (plug-in on integer labels, or KSG on reals):
/// the statistic for [`mutual_information_test`] and [`mutual_information_bootstrap`].
enum Mi<'a> {
    Labels(Vec<i64>, Vec<i64>, Base),
    Ksg(
        ndarray::ArrayView2<'a, f64>,
        ndarray::ArrayView2<'a, f64>,
        estimators::KsgOptions,
    ),
}

impl Mi<'_> {
    fn len(&self) -> usize {
        match self {
            Mi::Labels(x, ..) => x.len(),
            Mi::Ksg(x, ..) => x.nrows(),
        }
    }

    /// The statistic with x's rows taken in `order_x` and y's in `order_y`.
    fn eval(&self, order_x: &[usize], order_y: Option<&[usize]>) -> sanov::Result<f64> {
        match self {
            Mi::Labels(x, y, b) => {
                let xs: Vec<i64> = order_x.iter().map(|&i| x[i]).collect();
                match order_y {
                    Some(o) => {
                        let ys: Vec<i64> = o.iter().map(|&i| y[i]).collect();
                        mutual_information_from_labels(&xs, &ys, *b)
                    }
                    None => mutual_information_from_labels(&xs, y, *b),
                }
            }
            Mi::Ksg(x, y, o) => {
                let xs = x.select(Axis(0), order_x);
                match order_y {
                    Some(oy) => {
                        let ys = y.select(Axis(0), oy);
                        estimators::ksg_mutual_information(xs.view(), ys.view(), o)
                    }
                    None => estimators::ksg_mutual_information(xs.view(), *y, o),
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn mi_args<'py, R>(
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    estimator: &str,
    n_neighbors: usize,
    jitter: Option<f64>,
    seed: u64,
    base: Option<&Bound<'py, PyAny>>,
    f: impl FnOnce(&Mi<'_>) -> R,
) -> PyResult<R> {
    let b = convert::base(base, "base")?;
    match estimator {
        "plug-in" | "plugin" => {
            let (xa, ya) = (convert::labels(x, "x")?, convert::labels(y, "y")?);
            let mi = Mi::Labels(xa.as_array().to_vec(), ya.as_array().to_vec(), b);
            Ok(f(&mi))
        }
        "ksg" => {
            let (xa, ya) = (floats64(x, "x")?, floats64(y, "y")?);
            let (xv, yv) = (rows(&xa, "x")?, rows(&ya, "y")?);
            let mi = Mi::Ksg(xv, yv, ksg(n_neighbors, jitter, seed, b, Some(Workers(1))));
            Ok(f(&mi))
        }
        other => Err(domain_error(format!(
            "estimator = {other:?} is invalid: must be 'plug-in' or 'ksg'"
        ))),
    }
}

/// Permutation test of the mutual information I(X;Y) of i.i.d. paired samples: x shuffled,
/// p = (1 + #{null >= observed}) / (1 + n_permutations); the null mean is the estimator's
/// bias at independence (``bias_corrected`` = observed - null_mean).
///
/// Parameters
/// ----------
/// x, y : array_like
///     Integer labels (1-D) for "plug-in"; real samples (1-D or 2-D rows) for "ksg".
/// estimator : str, default "plug-in"
/// n_neighbors : int, default 3
/// jitter : float, optional
/// n_permutations : int, default 1000
/// seed : int, default 0
/// base : None, 2, "bits", ...
/// workers : int, optional
///     Threads over the permutations.
///
/// Returns
/// -------
/// dict
///     As transfer_entropy_test.
#[pyfunction]
#[pyo3(
    signature = (x, y, *, estimator="plug-in", n_neighbors=Int::Small(3), jitter=None, n_permutations=Int::Small(1000), seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, y, *, estimator='plug-in', n_neighbors=3, jitter=None, n_permutations=1000, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn mutual_information_test<'py>(
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    estimator: &str,
    n_neighbors: Int,
    jitter: Option<f64>,
    n_permutations: Int,
    seed: Int,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let n_neighbors = n_neighbors.usize("n_neighbors")?;
    let seed = seed.u64("seed")?;
    let perm = perm_params(n_permutations, seed, Surrogate::Shuffle, workers)?;
    let py = x.py();
    let t = mi_args(x, y, estimator, n_neighbors, jitter, seed, base, |mi| {
        py.detach(|| significance::permutation_test(mi.len(), |o| mi.eval(o, None), &perm))
    })?
    .py_err()?;
    test_dict(py, t)
}

/// Seeded percentile bootstrap interval of the mutual information I(X;Y) of i.i.d. paired
/// samples (rows resampled with replacement, the same rows of x and y).
///
/// Parameters
/// ----------
/// x, y, estimator, n_neighbors, jitter, seed, base, workers
///     As mutual_information_test. KSG on resamples needs ``jitter`` (resamples repeat rows).
/// n_resamples : int, default 1000
/// confidence : float, default 0.95
///
/// Returns
/// -------
/// dict
///     estimate, lower, upper, std_error, resamples.
#[pyfunction]
#[pyo3(
    signature = (x, y, *, estimator="plug-in", n_neighbors=Int::Small(3), jitter=None, n_resamples=Int::Small(1000), confidence=0.95, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, y, *, estimator='plug-in', n_neighbors=3, jitter=None, n_resamples=1000, confidence=0.95, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn mutual_information_bootstrap<'py>(
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    estimator: &str,
    n_neighbors: Int,
    jitter: Option<f64>,
    n_resamples: Int,
    confidence: f64,
    seed: Int,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let n_neighbors = n_neighbors.usize("n_neighbors")?;
    let seed = seed.u64("seed")?;
    let params = boot_params(n_resamples, confidence, seed, workers)?;
    let py = x.py();
    let t = mi_args(x, y, estimator, n_neighbors, jitter, seed, base, |mi| {
        detach(py, mi.len(), || {
            significance::bootstrap(mi.len(), |rows| mi.eval(rows, Some(rows)), &params)
        })
    })?
    .py_err()?;
    interval_dict(py, t)
}

/// Permutation test of the conditional mutual information I(X;Y|Z) of i.i.d. paired samples,
/// p = (1 + #{null >= observed}) / (1 + n_permutations).
///
/// Discrete estimators shuffle x within the strata of z (the rows sharing one value of z):
/// the exact null X independent of Y given Z. "ksg" (Frenzel-Pompe) shuffles x entirely: the
/// null X independent of (Y, Z), approximate for conditional independence when X depends on Z.
///
/// Parameters
/// ----------
/// x, y, z : array_like
///     Integer symbols (1-D, or 2-D rows of tuples) for the discrete estimators; real samples
///     (1-D or 2-D rows) for "ksg".
/// estimator : str, default "plug-in"
///     "plug-in", "miller-madow", "grassberger", "chao-shen", "nsb" or "ksg".
/// n_neighbors : int, default 3
/// alphabet_size : int, default 0
///     NSB alphabet size per symbol (0: one more than the largest symbol).
/// jitter : float, optional
///     KSG only.
/// n_permutations : int, default 1000
/// seed : int, default 0
/// base : None, 2, "bits", ...
/// workers : int, optional
///     Threads over the permutations; results do not depend on it.
///
/// Returns
/// -------
/// dict
///     As transfer_entropy_test.
#[pyfunction]
#[pyo3(
    signature = (x, y, z, *, estimator="plug-in", n_neighbors=Int::Small(3), alphabet_size=Int::Small(0), jitter=None, n_permutations=Int::Small(1000), seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, y, z, *, estimator='plug-in', n_neighbors=3, alphabet_size=0, jitter=None, n_permutations=1000, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn conditional_mutual_information_test<'py>(
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    z: &Bound<'py, PyAny>,
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    n_permutations: Int,
    seed: Int,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let (e, seed, b) = estimator_args(estimator, n_neighbors, alphabet_size, jitter, seed, base)?;
    let perm = perm_params(n_permutations, seed, Surrogate::Shuffle, workers)?;
    let py = x.py();
    let t = match e {
        Estimator::Discrete(e) => with_xyz_rows(x, y, z, symbols, |x, y, z| {
            py.detach(|| significance::conditional_mutual_information_test(x, y, z, &e, b, &perm))
        })?,
        Estimator::Ksg(o) => with_xyz_rows(x, y, z, floats64, |x, y, z| {
            py.detach(|| significance::ksg_conditional_mutual_information_test(x, y, z, &o, &perm))
        })?,
    }
    .py_err()?;
    test_dict(py, t)
}

/// Seeded percentile bootstrap interval of the conditional mutual information I(X;Y|Z) of
/// i.i.d. paired samples (the same rows of x, y and z drawn with replacement).
///
/// Parameters
/// ----------
/// x, y, z, estimator, n_neighbors, alphabet_size, jitter, seed, base, workers
///     As conditional_mutual_information_test. KSG on resamples needs ``jitter`` (resamples
///     repeat rows).
/// n_resamples : int, default 1000
/// confidence : float, default 0.95
///
/// Returns
/// -------
/// dict
///     estimate, lower, upper, std_error, resamples.
#[pyfunction]
#[pyo3(
    signature = (x, y, z, *, estimator="plug-in", n_neighbors=Int::Small(3), alphabet_size=Int::Small(0), jitter=None, n_resamples=Int::Small(1000), confidence=0.95, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, y, z, *, estimator='plug-in', n_neighbors=3, alphabet_size=0, jitter=None, n_resamples=1000, confidence=0.95, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn conditional_mutual_information_bootstrap<'py>(
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    z: &Bound<'py, PyAny>,
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    n_resamples: Int,
    confidence: f64,
    seed: Int,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let (e, seed, b) = estimator_args(estimator, n_neighbors, alphabet_size, jitter, seed, base)?;
    let boot = boot_params(n_resamples, confidence, seed, workers)?;
    let py = x.py();
    let t = match e {
        Estimator::Discrete(e) => with_xyz_rows(x, y, z, symbols, |x, y, z| {
            py.detach(|| {
                significance::conditional_mutual_information_bootstrap(x, y, z, &e, b, &boot)
            })
        })?,
        Estimator::Ksg(o) => with_xyz_rows(x, y, z, floats64, |x, y, z| {
            py.detach(|| {
                significance::ksg_conditional_mutual_information_bootstrap(x, y, z, &o, &boot)
            })
        })?,
    }
    .py_err()?;
    interval_dict(py, t)
}

/// Permutation test of the active information storage I(X_{t-k..t-1} ; X_t): the present
/// values reordered by the surrogate against their fixed pasts (the memory broken, the
/// distributions of the past k-blocks and of the present kept).
///
/// Parameters
/// ----------
/// x, k, estimator, n_neighbors, alphabet_size, jitter, base
///     As active_information_storage.
/// n_permutations : int, default 1000
/// seed : int, default 0
/// surrogate : str, default "shuffle"
///     "shuffle" (the null "no memory"), "circular" or "block" (keep the present series'
///     autocorrelation; conservative under slowly decaying memory).
/// block_length : int, optional
/// workers : int, optional
///     Threads over the surrogates; results do not depend on it.
///
/// Returns
/// -------
/// dict
///     As transfer_entropy_test.
#[pyfunction]
#[pyo3(
    signature = (x, k=Int::Small(1), *, estimator="plug-in", n_neighbors=Int::Small(4), alphabet_size=Int::Small(0), jitter=None, n_permutations=Int::Small(1000), seed=Int::Small(0), surrogate="shuffle", block_length=None, base=None, workers=None),
    text_signature = "(x, k=1, *, estimator='plug-in', n_neighbors=4, alphabet_size=0, jitter=None, n_permutations=1000, seed=0, surrogate='shuffle', block_length=None, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn active_information_storage_test<'py>(
    x: &Bound<'py, PyAny>,
    k: Int,
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    n_permutations: Int,
    seed: Int,
    surrogate: &str,
    block_length: Option<Int>,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let k = k.usize("k")?;
    let (e, seed, b) = estimator_args(estimator, n_neighbors, alphabet_size, jitter, seed, base)?;
    let block_length = block_length.map(|v| v.usize("block_length")).transpose()?;
    let surrogate = self::surrogate(surrogate, block_length)?;
    let perm = perm_params(n_permutations, seed, surrogate, workers)?;
    let py = x.py();
    let t = match e {
        Estimator::Discrete(e) => with_rows(x, symbols, |v| {
            py.detach(|| significance::active_information_storage_test(v, k, &e, b, &perm))
        })?,
        Estimator::Ksg(o) => with_rows(x, floats64, |v| {
            py.detach(|| significance::ksg_active_information_storage_test(v, k, &o, &perm))
        })?,
    }
    .py_err()?;
    test_dict(py, t)
}

/// Seeded percentile bootstrap interval of the active information storage: the n - k
/// embedded observations (past k-block, present) drawn with replacement (the i.i.d.
/// bootstrap of the embedded pairs: too narrow for strongly autocorrelated series).
///
/// Parameters
/// ----------
/// x, k, estimator, n_neighbors, alphabet_size, jitter, seed, base, workers
///     As active_information_storage_test. KSG on resamples needs ``jitter``.
/// n_resamples : int, default 1000
/// confidence : float, default 0.95
///
/// Returns
/// -------
/// dict
///     estimate, lower, upper, std_error, resamples.
#[pyfunction]
#[pyo3(
    signature = (x, k=Int::Small(1), *, estimator="plug-in", n_neighbors=Int::Small(4), alphabet_size=Int::Small(0), jitter=None, n_resamples=Int::Small(1000), confidence=0.95, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, k=1, *, estimator='plug-in', n_neighbors=4, alphabet_size=0, jitter=None, n_resamples=1000, confidence=0.95, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn active_information_storage_bootstrap<'py>(
    x: &Bound<'py, PyAny>,
    k: Int,
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    n_resamples: Int,
    confidence: f64,
    seed: Int,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let k = k.usize("k")?;
    let (e, seed, b) = estimator_args(estimator, n_neighbors, alphabet_size, jitter, seed, base)?;
    let boot = boot_params(n_resamples, confidence, seed, workers)?;
    let py = x.py();
    let t = match e {
        Estimator::Discrete(e) => with_rows(x, symbols, |v| {
            py.detach(|| significance::active_information_storage_bootstrap(v, k, &e, b, &boot))
        })?,
        Estimator::Ksg(o) => with_rows(x, floats64, |v| {
            py.detach(|| significance::ksg_active_information_storage_bootstrap(v, k, &o, &boot))
        })?,
    }
    .py_err()?;
    interval_dict(py, t)
}

/// Seeded percentile bootstrap interval of transfer entropy TE_{Y->X} (or conditional TE with
/// ``condition``): the n - t0 embedded observations (target present, source past, target past,
/// condition past) drawn with replacement (the i.i.d. bootstrap of the embedded tuples: too
/// narrow for strongly autocorrelated series).
///
/// Parameters
/// ----------
/// source, target, k, l, delay, condition, m, estimator, n_neighbors, alphabet_size, jitter,
/// base
///     As transfer_entropy. KSG on resamples needs ``jitter``.
/// n_resamples : int, default 1000
/// confidence : float, default 0.95
/// seed : int, default 0
/// workers : int, optional
///     Threads over the resamples; results do not depend on it.
///
/// Returns
/// -------
/// dict
///     estimate, lower, upper, std_error, resamples.
#[pyfunction]
#[pyo3(
    signature = (source, target, k=Int::Small(1), l=Int::Small(1), delay=Int::Small(1), *, condition=None, m=Int::Small(1), estimator="plug-in", n_neighbors=Int::Small(4), alphabet_size=Int::Small(0), jitter=None, n_resamples=Int::Small(1000), confidence=0.95, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(source, target, k=1, l=1, delay=1, *, condition=None, m=1, estimator='plug-in', n_neighbors=4, alphabet_size=0, jitter=None, n_resamples=1000, confidence=0.95, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn transfer_entropy_bootstrap<'py>(
    source: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    k: Int,
    l: Int,
    delay: Int,
    condition: Option<&Bound<'py, PyAny>>,
    m: Int,
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    n_resamples: Int,
    confidence: f64,
    seed: Int,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let params = te_params(
        k.usize("k")?,
        l.usize("l")?,
        delay.usize("delay")?,
        m.usize("m")?,
    );
    let (e, seed, b) = estimator_args(estimator, n_neighbors, alphabet_size, jitter, seed, base)?;
    let boot = boot_params(n_resamples, confidence, seed, workers)?;
    let py = source.py();
    let t = match e {
        Estimator::Discrete(e) => with_te_rows(source, target, condition, symbols, |s, t, z| {
            py.detach(|| significance::transfer_entropy_bootstrap(s, t, z, &params, &e, b, &boot))
        })?,
        Estimator::Ksg(o) => with_te_rows(source, target, condition, floats64, |s, t, z| {
            py.detach(|| significance::ksg_transfer_entropy_bootstrap(s, t, z, &params, &o, &boot))
        })?,
    }
    .py_err()?;
    interval_dict(py, t)
}

/// Seeded percentile bootstrap interval of the entropy of i.i.d. integer labels under a
/// discrete estimator (labels drawn with replacement). There is no permutation test of an
/// entropy: reordering one variable's samples leaves its entropy unchanged, so there is no
/// null to test.
///
/// Parameters
/// ----------
/// samples : array_like
///     1-D integer labels (any integers; they are categories).
/// estimator : str, default "plug-in"
///     "plug-in", "miller-madow", "grassberger", "chao-shen" or "nsb" (the posterior mean).
/// alphabet_size : int, default 0
///     The NSB alphabet size (required for "nsb": >= 2 and >= the number of distinct labels).
/// n_resamples : int, default 1000
/// confidence : float, default 0.95
/// seed : int, default 0
/// base : None, 2, "bits", ...
/// workers : int, optional
///
/// Returns
/// -------
/// dict
///     estimate, lower, upper, std_error, resamples.
#[pyfunction]
#[pyo3(
    signature = (samples, *, estimator="plug-in", alphabet_size=Int::Small(0), n_resamples=Int::Small(1000), confidence=0.95, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(samples, *, estimator='plug-in', alphabet_size=0, n_resamples=1000, confidence=0.95, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn entropy_bootstrap<'py>(
    samples: &Bound<'py, PyAny>,
    estimator: &str,
    alphabet_size: Int,
    n_resamples: Int,
    confidence: f64,
    seed: Int,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyDict>> {
    let alphabet_size = alphabet_size.usize("alphabet_size")?;
    let seed = seed.u64("seed")?;
    let b = convert::base(base, "base")?;
    let boot = boot_params(n_resamples, confidence, seed, workers)?;
    let Some(e) = discrete_estimator(estimator, alphabet_size)? else {
        return Err(domain_error(
            "estimator = 'ksg' is invalid here: must be 'plug-in', 'miller-madow', \
             'grassberger', 'chao-shen' or 'nsb'",
        ));
    };
    let a = convert::labels(samples, "samples")?;
    let v = a.as_array().to_vec();
    let py = samples.py();
    let t = py
        .detach(|| significance::entropy_bootstrap(&v, &e, b, &boot))
        .py_err()?;
    interval_dict(py, t)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(transfer_entropy_test, m)?)?;
    m.add_function(wrap_pyfunction!(mutual_information_test, m)?)?;
    m.add_function(wrap_pyfunction!(mutual_information_bootstrap, m)?)?;
    m.add_function(wrap_pyfunction!(conditional_mutual_information_test, m)?)?;
    m.add_function(wrap_pyfunction!(
        conditional_mutual_information_bootstrap,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(active_information_storage_test, m)?)?;
    m.add_function(wrap_pyfunction!(active_information_storage_bootstrap, m)?)?;
    m.add_function(wrap_pyfunction!(transfer_entropy_bootstrap, m)?)?;
    m.add_function(wrap_pyfunction!(entropy_bootstrap, m)?)?;
    Ok(())
}
