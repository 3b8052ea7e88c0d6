//! Bindings of `sanov::timeseries`: transfer entropy, conditional transfer entropy, active
//! information storage (plug-in, bias-corrected or KSG), block entropy, entropy rate,
//! Lempel-Ziv complexity, permutation entropy.

use ndarray::{ArrayView2, Axis, Ix1, Ix2};
use numpy::{
    PyArrayDescrMethods, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArray,
    PyUntypedArrayMethods,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use sanov::estimators::{DiscreteEstimator, KsgOptions, Noise, NsbOptions};
use sanov::timeseries::{self, TeParams};
use sanov::Base;

use crate::convert::{self, detach, floats64, fmt_shape, Int, Workers};
use crate::error::{domain_error, shape_error, IntoPy};

/// A 1-D or 2-D array as a 2-D view (rows = time steps).
pub(crate) fn rows<'a, T: numpy::Element>(
    a: &'a PyReadonlyArrayDyn<'_, T>,
    arg: &str,
) -> PyResult<ArrayView2<'a, T>> {
    let v = a.as_array();
    match v.ndim() {
        1 => Ok(v
            .into_dimensionality::<Ix1>()
            .map_err(|_| shape_error(format!("{arg} must be 1-D or 2-D")))?
            .insert_axis(Axis(1))),
        2 => v
            .into_dimensionality::<Ix2>()
            .map_err(|_| shape_error(format!("{arg} must be 1-D or 2-D"))),
        _ => Err(shape_error(format!(
            "{arg} must be 1-D (one variable) or 2-D (rows = time steps), got shape {}",
            fmt_shape(a.as_array().shape())
        ))),
    }
}

/// An array-like of integer symbols as an `int64` array (int, uint and bool dtypes; floats are
/// a `TypeError`, never truncated).
pub(crate) fn symbols<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
) -> PyResult<PyReadonlyArrayDyn<'py, i64>> {
    let py = obj.py();
    let arr = py.import("numpy")?.getattr("asarray")?.call1((obj,))?;
    let untyped = arr
        .cast::<PyUntypedArray>()
        .map_err(|_| PyTypeError::new_err(format!("{arg} is not array-like")))?;
    let kind = untyped.dtype().kind();
    if !matches!(kind, b'i' | b'u' | b'b') {
        return Err(PyTypeError::new_err(format!(
            "{arg} must hold integer symbols (an int, uint or bool dtype), got dtype {}",
            untyped.dtype()
        )));
    }
    let arr = arr.call_method1("astype", ("int64",))?;
    Ok(arr
        .cast::<PyArrayDyn<i64>>()
        .map_err(|_| PyTypeError::new_err(format!("{arg} cannot be converted to int64")))?
        .readonly())
}

/// `estimator=`: `"plug-in"`, `"miller-madow"`, `"grassberger"`, `"chao-shen"`, `"nsb"` (the
/// discrete ones) or `"ksg"` (`None`).
pub(crate) fn discrete_estimator(
    name: &str,
    alphabet_size: usize,
) -> PyResult<Option<DiscreteEstimator>> {
    Ok(Some(match name {
        "plug-in" | "plugin" => DiscreteEstimator::PlugIn,
        "miller-madow" | "mm" => DiscreteEstimator::MillerMadow,
        "grassberger" => DiscreteEstimator::Grassberger,
        "chao-shen" => DiscreteEstimator::ChaoShen,
        "nsb" => DiscreteEstimator::Nsb(NsbOptions {
            alphabet_size,
            ..Default::default()
        }),
        "ksg" => return Ok(None),
        other => {
            return Err(domain_error(format!(
                "estimator = {other:?} is invalid: must be 'plug-in', 'miller-madow', \
                 'grassberger', 'chao-shen', 'nsb' or 'ksg'"
            )))
        }
    }))
}

pub(crate) fn ksg(
    n_neighbors: usize,
    jitter: Option<f64>,
    seed: u64,
    base: Base,
    workers: Option<Workers>,
) -> KsgOptions {
    KsgOptions {
        k: n_neighbors,
        noise: jitter.map_or(Noise::None, |scale| Noise::Jitter { scale, seed }),
        base,
        par: convert::par(workers.map(|w| w.0)),
        ..Default::default()
    }
}

pub(crate) fn te_params(k: usize, l: usize, delay: usize, m: usize) -> TeParams {
    TeParams { k, l, delay, m }
}

/// Transfer entropy TE_{Y->X}(k, l, delay) = I(X_t ; Y_{t-delay-l+1..t-delay} | X_{t-k..t-1})
/// (Schreiber 2000), over t = t0 .. n-1, t0 = max(k, delay + l - 1) (0-based), each time step
/// weighted 1/(n - t0). With ``condition`` (Z): conditional TE, conditioned also on
/// Z_{t-m..t-1}, t0 = max(k, delay + l - 1, m).
///
/// Parameters
/// ----------
/// source, target : array_like
///     The series Y and X: 1-D, or 2-D with rows = time steps (columns = a multivariate
///     series); integer symbols >= 0 for the discrete estimators, reals for ``"ksg"``.
/// k, l, delay : int, default 1
///     Target history, source history, source-target delay (all >= 1).
/// condition : array_like, optional
///     The conditioning series Z (conditional transfer entropy).
/// m : int, default 1
///     Conditioning history length.
/// estimator : str, default "plug-in"
///     "plug-in" (exact counts), bias-corrected "miller-madow", "grassberger", "chao-shen",
///     "nsb" (each joint entropy estimated; NSB alphabet ``alphabet_size ** width``), or "ksg"
///     (Frenzel-Pompe conditional MI on the embedded vectors, max-norm).
/// n_neighbors : int, default 4
///     KSG neighbours.
/// alphabet_size : int, default 0
///     NSB's per-symbol alphabet (0: one more than the largest symbol).
/// jitter, seed : KSG jitter (as ksg_mutual_information).
/// base : None, 2, "bits", ...
/// workers : int, optional
///     KSG threads.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty series, series of different lengths.
/// DomainError
///     k, l, delay, m = 0; a series too short for its history; negative symbols; NaN.
/// TypeError
///     Float series with a discrete estimator.
#[pyfunction]
#[pyo3(
    signature = (source, target, k=Int::Small(1), l=Int::Small(1), delay=Int::Small(1), *, condition=None, m=Int::Small(1), estimator="plug-in", n_neighbors=Int::Small(4), alphabet_size=Int::Small(0), jitter=None, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(source, target, k=1, l=1, delay=1, *, condition=None, m=1, estimator='plug-in', n_neighbors=4, alphabet_size=0, jitter=None, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments, clippy::single_match_else)]
fn transfer_entropy(
    source: &Bound<'_, PyAny>,
    target: &Bound<'_, PyAny>,
    k: Int,
    l: Int,
    delay: Int,
    condition: Option<&Bound<'_, PyAny>>,
    m: Int,
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    seed: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let k = k.usize("k")?;
    let l = l.usize("l")?;
    let delay = delay.usize("delay")?;
    let m = m.usize("m")?;
    let n_neighbors = n_neighbors.usize("n_neighbors")?;
    let alphabet_size = alphabet_size.usize("alphabet_size")?;
    let seed = seed.u64("seed")?;
    let b = convert::base(base, "base")?;
    let params = te_params(k, l, delay, m);
    let o = ksg(n_neighbors, jitter, seed, b, workers);
    let py = source.py();
    match discrete_estimator(estimator, alphabet_size)? {
        Some(e) => {
            let (s, t) = (symbols(source, "source")?, symbols(target, "target")?);
            let (sv, tv) = (rows(&s, "source")?, rows(&t, "target")?);
            let z = condition.map(|c| symbols(c, "condition")).transpose()?;
            let zv = z.as_ref().map(|z| rows(z, "condition")).transpose()?;
            detach(py, sv.len(), || match zv {
                Some(zv) => timeseries::conditional_transfer_entropy(sv, tv, zv, &params, &e, b),
                None => timeseries::transfer_entropy(sv, tv, &params, &e, b),
            })
            .py_err()
        }
        None => {
            let (s, t) = (floats64(source, "source")?, floats64(target, "target")?);
            let (sv, tv) = (rows(&s, "source")?, rows(&t, "target")?);
            let z = condition.map(|c| floats64(c, "condition")).transpose()?;
            let zv = z.as_ref().map(|z| rows(z, "condition")).transpose()?;
            detach(py, sv.len(), || match zv {
                Some(zv) => timeseries::ksg_conditional_transfer_entropy(sv, tv, zv, &params, &o),
                None => timeseries::ksg_transfer_entropy(sv, tv, &params, &o),
            })
            .py_err()
        }
    }
}

/// Active information storage I(X_{t-k..t-1} ; X_t) over t = k .. n-1 (Lizier et al. 2012).
///
/// Parameters
/// ----------
/// x : array_like
///     The series (1-D, or 2-D rows = time steps); integers >= 0, or reals for "ksg".
/// k : int, default 1
///     History length >= 1.
/// estimator, n_neighbors, alphabet_size, jitter, seed, base, workers
///     As transfer_entropy.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// DomainError
///     k = 0, n <= k, negative symbols, NaN.
#[pyfunction]
#[pyo3(
    signature = (x, k=Int::Small(1), *, estimator="plug-in", n_neighbors=Int::Small(4), alphabet_size=Int::Small(0), jitter=None, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, k=1, *, estimator='plug-in', n_neighbors=4, alphabet_size=0, jitter=None, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments, clippy::single_match_else)]
fn active_information_storage(
    x: &Bound<'_, PyAny>,
    k: Int,
    estimator: &str,
    n_neighbors: Int,
    alphabet_size: Int,
    jitter: Option<f64>,
    seed: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let k = k.usize("k")?;
    let n_neighbors = n_neighbors.usize("n_neighbors")?;
    let alphabet_size = alphabet_size.usize("alphabet_size")?;
    let seed = seed.u64("seed")?;
    let b = convert::base(base, "base")?;
    let py = x.py();
    match discrete_estimator(estimator, alphabet_size)? {
        Some(e) => {
            let a = symbols(x, "x")?;
            let v = rows(&a, "x")?;
            detach(py, v.len(), || {
                timeseries::active_information_storage(v, k, &e, b)
            })
            .py_err()
        }
        None => {
            let o = ksg(n_neighbors, jitter, seed, b, workers);
            let a = floats64(x, "x")?;
            let v = rows(&a, "x")?;
            detach(py, v.len(), || {
                timeseries::ksg_active_information_storage(v, k, &o)
            })
            .py_err()
        }
    }
}

fn blocks(
    x: &Bound<'_, PyAny>,
    block: usize,
    estimator: &str,
    alphabet_size: usize,
    base: Option<&Bound<'_, PyAny>>,
    rate: bool,
) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    let Some(e) = discrete_estimator(estimator, alphabet_size)? else {
        return Err(domain_error(
            "estimator = 'ksg' is not defined for block entropy",
        ));
    };
    let a = symbols(x, "x")?;
    let v = rows(&a, "x")?;
    let f = if rate {
        timeseries::entropy_rate
    } else {
        timeseries::block_entropy
    };
    detach(x.py(), v.len(), || f(v, block, &e, b)).py_err()
}

/// Block entropy H_L of the n - L + 1 overlapping blocks of an integer series.
///
/// Parameters
/// ----------
/// x : array_like of int
///     The series (1-D, or 2-D rows = time steps), symbols >= 0.
/// block : int
///     Block length L >= 1, L <= n.
/// estimator : str, default "plug-in"
///     A discrete estimator (see transfer_entropy).
/// alphabet_size : int, default 0
/// base : None, 2, "bits", ...
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// DomainError
///     L = 0, n < L, negative symbols.
#[pyfunction]
#[pyo3(
    signature = (x, block, *, estimator="plug-in", alphabet_size=Int::Small(0), base=None),
    text_signature = "(x, block, *, estimator='plug-in', alphabet_size=0, base=None)"
)]
fn block_entropy(
    x: &Bound<'_, PyAny>,
    block: Int,
    estimator: &str,
    alphabet_size: Int,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let block = block.usize("block")?;
    let alphabet_size = alphabet_size.usize("alphabet_size")?;
    blocks(x, block, estimator, alphabet_size, base, false)
}

/// Entropy-rate estimate H_L - H_{L-1} (H_0 = 0) from block entropies.
///
/// Parameters and errors as block_entropy.
#[pyfunction]
#[pyo3(
    signature = (x, block, *, estimator="plug-in", alphabet_size=Int::Small(0), base=None),
    text_signature = "(x, block, *, estimator='plug-in', alphabet_size=0, base=None)"
)]
fn entropy_rate(
    x: &Bound<'_, PyAny>,
    block: Int,
    estimator: &str,
    alphabet_size: Int,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let block = block.usize("block")?;
    let alphabet_size = alphabet_size.usize("alphabet_size")?;
    blocks(x, block, estimator, alphabet_size, base, true)
}

/// Lempel-Ziv complexity LZ76 (Kaspar-Schuster phrase count, the last incomplete phrase
/// counted) and its normalisation c(n) log_b(n) / n, b = max(2, number of distinct symbols).
///
/// Parameters
/// ----------
/// x : array_like of int
///     The sequence (1-D, or 2-D rows = tuple symbols), symbols >= 0.
///
/// Returns
/// -------
/// (int, float)
///     The phrase count c(n) and the normalised complexity.
///
/// Raises
/// ------
/// ShapeError
///     Empty sequence.
/// DomainError
///     Negative symbols.
#[pyfunction]
fn lempel_ziv_complexity(x: &Bound<'_, PyAny>) -> PyResult<(usize, f64)> {
    let a = symbols(x, "x")?;
    let v = rows(&a, "x")?;
    let r = detach(x.py(), v.len(), || timeseries::lempel_ziv_complexity(v)).py_err()?;
    Ok((r.phrases, r.normalized))
}

/// Permutation entropy (Bandt & Pompe 2002): the entropy of the ordinal patterns of order m
/// and delay tau, ties ranked by position; ``normalize=True`` divides by ln(m!).
///
/// Parameters
/// ----------
/// x : array_like
///     A real 1-D series.
/// order : int, default 3
///     2 <= m <= 20.
/// delay : int, default 1
/// normalize : bool, default False
/// base : None, 2, "bits", ... (ignored when normalize=True)
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// DomainError
///     order, delay out of range, NaN, a series shorter than (m - 1) delay + 1.
#[pyfunction]
#[pyo3(
    signature = (x, order=Int::Small(3), delay=Int::Small(1), *, normalize=false, base=None),
    text_signature = "(x, order=3, delay=1, *, normalize=False, base=None)"
)]
fn permutation_entropy(
    x: &Bound<'_, PyAny>,
    order: Int,
    delay: Int,
    normalize: bool,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let order = order.usize("order")?;
    let delay = delay.usize("delay")?;
    let b = convert::base(base, "base")?;
    let a = floats64(x, "x")?;
    let v = rows(&a, "x")?;
    detach(x.py(), v.len(), || {
        timeseries::permutation_entropy(v, order, delay, normalize, b)
    })
    .py_err()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(transfer_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(active_information_storage, m)?)?;
    m.add_function(wrap_pyfunction!(block_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(entropy_rate, m)?)?;
    m.add_function(wrap_pyfunction!(lempel_ziv_complexity, m)?)?;
    m.add_function(wrap_pyfunction!(permutation_entropy, m)?)?;
    Ok(())
}
