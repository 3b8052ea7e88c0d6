//! Bindings of `sanov::estimators`: entropy estimators from integer labels, NMI, AMI; the k-NN
//! estimators (KSG mutual information, Frenzel-Pompe CMI, Ross MI, Kozachenko-Leonenko).

use std::borrow::Cow;

use ndarray::{ArrayView2, Axis, Ix1, Ix2};
use numpy::{PyReadonlyArray1, PyReadonlyArrayDyn};
use pyo3::prelude::*;
use sanov::estimators::{self, AverageMethod, KsgAlgorithm, KsgOptions, Noise, NsbOptions};
use sanov::multivariate::Labels;
use sanov::{Base, Result};

use crate::cancel::interruptible;
use crate::convert::{self, detach, float, floats64, fmt_shape, Int, Workers};
use crate::error::{domain_error, shape_error, IntoPy};

/// The labels as a slice, copied only when the array is strided.
fn contiguous<'a>(a: &'a PyReadonlyArray1<'_, i64>) -> Cow<'a, [i64]> {
    match a.as_slice() {
        Ok(s) => s.into(),
        Err(_) => a.as_array().iter().copied().collect::<Vec<_>>().into(),
    }
}

/// Runs a one-array estimator with the GIL released for large inputs.
fn single<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    f: fn(&[i64], Base) -> Result<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = samples.py();
    let b = convert::base(base, "base")?;
    let arr = convert::labels(samples, "samples")?;
    let s = contiguous(&arr);
    let v = detach(py, s.len(), || f(&s, b)).py_err()?;
    Ok(float(py, v))
}

/// Plug-in (maximum-likelihood) entropy of integer labels: sum_i (n_i/N) log(N/n_i).
///
/// Equals ``scipy.stats.entropy(np.unique(samples, return_counts=True)[1])``.
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels (any integer values).
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
///
/// Examples
/// --------
/// >>> sanov.plugin_entropy([7, 7, -1, 3], base=2)
/// 1.5
#[pyfunction]
#[pyo3(signature = (samples, base=None))]
fn plugin_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    single(samples, base, estimators::plugin_entropy)
}

/// Miller-Madow entropy: plug-in + (m - 1)/(2N) nats, m distinct observed labels (Miller 1955).
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
///
/// Examples
/// --------
/// >>> sanov.miller_madow_entropy([0, 0, 1, 1])
/// 0.8181471805599453
#[pyfunction]
#[pyo3(signature = (samples, base=None))]
fn miller_madow_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    single(samples, base, estimators::miller_madow_entropy)
}

/// Grassberger (2003) entropy: log N - (1/N) sum_i n_i G(n_i), with
/// G(n) = psi(n) + (1/2)(-1)^n (psi((n+1)/2) - psi(n/2)) (arXiv:physics/0307138).
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
#[pyfunction]
#[pyo3(signature = (samples, base=None))]
fn grassberger_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    single(samples, base, estimators::grassberger_entropy)
}

/// Chao-Shen (2003) coverage-adjusted entropy:
/// -sum_i p_i log p_i / (1 - (1 - p_i)^N), p_i = (1 - f1/N) n_i/N (f1 singletons; f1 = N is
/// replaced by N - 1).
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
#[pyfunction]
#[pyo3(signature = (samples, base=None))]
fn chao_shen_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    single(samples, base, estimators::chao_shen_entropy)
}

/// NSB (Nemenman, Shafee & Bialek 2002) entropy: posterior mean and standard deviation of H
/// under the mixture of symmetric Dirichlet priors flat in the expected entropy.
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels.
/// alphabet_size : int
///     K, the number of possible symbols (>= 2 and >= the number of distinct labels).
#[doc = doc_base!()]
///
/// Returns
/// -------
/// tuple (mean, std) of float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
/// DomainError
///     Invalid alphabet_size.
/// ConvergenceError
///     The quadrature did not reach its tolerance.
#[pyfunction]
#[pyo3(signature = (samples, alphabet_size, base=None))]
fn nsb_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    alphabet_size: Int,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<(f64, f64)> {
    let py = samples.py();
    let b = convert::base(base, "base")?;
    let k = alphabet_size.usize("alphabet_size")?;
    let arr = convert::labels(samples, "samples")?;
    let s = contiguous(&arr);
    let p = NsbOptions {
        alphabet_size: k,
        ..Default::default()
    };
    let est = detach(py, s.len(), || estimators::nsb_entropy(&s, &p, b)).py_err()?;
    Ok((est.mean, est.std))
}

/// Parses scikit-learn's ``average_method``.
fn average_method(s: &str) -> PyResult<AverageMethod> {
    match s {
        "min" => Ok(AverageMethod::Min),
        "geometric" => Ok(AverageMethod::Geometric),
        "arithmetic" => Ok(AverageMethod::Arithmetic),
        "max" => Ok(AverageMethod::Max),
        _ => Err(domain_error(format!(
            "average_method must be 'min', 'geometric', 'arithmetic' or 'max', got {s:?}"
        ))),
    }
}

/// Runs a two-array function with the GIL released for large inputs.
fn pair<T: Send>(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    f: impl FnOnce(Labels<'_>, Labels<'_>) -> Result<T> + Send,
) -> PyResult<T> {
    // Integer arrays of any width are read in place (no int64 copy).
    let (xa, ya) = (convert::label_array(x, "x")?, convert::label_array(y, "y")?);
    let (xs, ys) = (xa.labels(), ya.labels());
    detach(x.py(), xs.len(), || f(xs, ys)).py_err()
}

/// Normalized mutual information I(X;Y) / avg(H(X), H(Y)), as
/// ``sklearn.metrics.normalized_mutual_info_score``.
///
/// Parameters
/// ----------
/// x, y : array_like of int
///     Two labelings of the same samples.
/// average_method : {"arithmetic", "geometric", "min", "max"}, optional
///     How the two entropies are averaged (default "arithmetic").
/// workers : int, optional
///     Threads for counting: None (default) or 0 every thread of the default pool
///     (``SANOV_NUM_THREADS`` caps it), 1 the calling thread, n at most n threads. The counts
///     are exact, so the value does not depend on ``workers``.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or mismatched lengths.
/// DomainError
///     Unknown average_method.
#[pyfunction]
#[pyo3(signature = (x, y, average_method="arithmetic", *, workers=None))]
fn normalized_mutual_information(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    average_method: &str,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let m = self::average_method(average_method)?;
    let par = convert::par(workers.map(|w| w.0));
    pair(x, y, |x, y| {
        estimators::normalized_mutual_information_par(x, y, m, par)
    })
}

/// Adjusted mutual information (I - E[I]) / (avg(H(X), H(Y)) - E[I]) with the exact expected
/// MI under the hypergeometric model, as ``sklearn.metrics.adjusted_mutual_info_score``.
///
/// Parameters
/// ----------
/// x, y : array_like of int
///     Two labelings of the same samples.
/// average_method : {"arithmetic", "geometric", "min", "max"}, optional
///     How the two entropies are averaged (default "arithmetic").
/// workers : int, optional
///     Threads for counting: None (default) or 0 every thread of the default pool
///     (``SANOV_NUM_THREADS`` caps it), 1 the calling thread, n at most n threads. The counts
///     are exact, so the value does not depend on ``workers``.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or mismatched lengths.
/// DomainError
///     Unknown average_method.
#[pyfunction]
#[pyo3(signature = (x, y, average_method="arithmetic", *, workers=None))]
fn adjusted_mutual_information(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    average_method: &str,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let m = self::average_method(average_method)?;
    let par = convert::par(workers.map(|w| w.0));
    pair(x, y, |x, y| {
        estimators::adjusted_mutual_information_par(x, y, m, par)
    })
}

/// Plug-in conditional entropy H(X|Y) = sum_{x,y} (n_xy/N) log(n_y/n_xy) of two labelings.
///
/// Parameters
/// ----------
/// x, y : array_like of int
///     Two labelings of the same samples.
#[doc = doc_base!()]
/// workers : int, optional
///     Threads for counting: None (default) or 0 every thread of the default pool
///     (``SANOV_NUM_THREADS`` caps it), 1 the calling thread, n at most n threads. The counts
///     are exact, so the value does not depend on ``workers``.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or mismatched lengths.
#[pyfunction]
#[pyo3(signature = (x, y, base=None, *, workers=None))]
fn conditional_entropy_from_labels(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    let par = convert::par(workers.map(|w| w.0));
    pair(x, y, |x, y| {
        estimators::conditional_entropy_from_labels_par(x, y, b, par)
    })
}

// ---------------------------------------------------------------------------------------------
// k-NN estimators.

/// Samples as an `N x d` view: a 1-D array is one column (no copy).
fn samples<'a>(a: &'a PyReadonlyArrayDyn<'_, f64>, arg: &str) -> PyResult<ArrayView2<'a, f64>> {
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
            "{arg} must be 1-D (one variable) or 2-D (rows = samples), got shape {}",
            fmt_shape(a.as_array().shape())
        ))),
    }
}

/// `k` as a `usize` (the core rejects 0 and k >= N with the value as given).
fn neighbours(k: &Int) -> PyResult<usize> {
    k.usize("k")
}

/// The shared keyword arguments of the KSG-type estimators.
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn ksg_options(
    k: Int,
    algorithm: Int,
    standardize: bool,
    clip_negative: bool,
    jitter: Option<f64>,
    seed: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<KsgOptions> {
    let seed = seed.u64("seed")?;
    let algorithm = match algorithm.get::<i64>("algorithm", "must be 1 or 2")? {
        1 => KsgAlgorithm::One,
        2 => KsgAlgorithm::Two,
        _ => {
            return Err(domain_error(format!(
                "algorithm = {algorithm} is invalid: must be 1 or 2"
            )))
        }
    };
    Ok(KsgOptions {
        k: neighbours(&k)?,
        algorithm,
        standardize,
        clip_negative,
        noise: jitter.map_or(Noise::None, |scale| Noise::Jitter { scale, seed }),
        base: convert::base(base, "base")?,
        par: convert::par(workers.map(|w| w.0)),
    })
}

macro_rules! doc_ksg_options {
    () => {
        "k : int, default 3
    The number of neighbours (sklearn's ``n_neighbors``), 1 <= k < N.
standardize : bool, default False
    Scale every column to zero mean and unit variance first (sklearn always scales).
clip_negative : bool, default False
    Return max(0, I) as sklearn does, instead of the raw (possibly slightly negative) estimate.
jitter : float, optional
    Add reproducible Gaussian noise of relative size ``jitter`` (sklearn uses 1e-10):
    ``jitter * max(1, mean|column|) * N(0, 1)`` to every entry, after standardisation.
    Without it, a sample with at least k exact duplicates raises DomainError.
seed : int, default 0
    Seed of the jitter.
base : None, float or str, optional
    Logarithm base of the result: None or \"nats\" (e, the default), 2 or \"bits\",
    10 or \"hartleys\", or any number b > 0, b != 1.
workers : int, optional
    Threads of the neighbour queries: None or 0 the default thread count (every core unless
    SANOV_NUM_THREADS caps it), 1 the calling thread, n at most n threads. The GIL is released."
    };
}

/// KSG (Kraskov-Stoegbauer-Grassberger 2004) mutual information I(X; Y) from paired samples.
///
/// Algorithm 1: psi(k) + psi(N) - <psi(n_x + 1) + psi(n_y + 1)>, with eps_i the max-norm
/// distance from (x_i, y_i) to its k-th nearest neighbour in the joint space and n_x the number
/// of other samples with ||x_j - x_i||_inf < eps_i (strictly), likewise n_y. Algorithm 2:
/// psi(k) - 1/k + psi(N) - <psi(n_x) + psi(n_y)>, counts <= the marginal extents of the k
/// nearest joint neighbours. With ``standardize=True, clip_negative=True, jitter=1e-10`` this
/// is sklearn's ``mutual_info_regression``.
///
/// Parameters
/// ----------
/// x, y : array_like
///     Samples: 1-D (one variable) or 2-D with one sample per row; the same number of rows.
/// algorithm : {1, 2}, default 1
///     KSG algorithm 1 or 2.
#[doc = doc_ksg_options!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty input, different numbers of rows, more than 2 dimensions.
/// DomainError
///     NaN or infinite samples, k out of range, an invalid algorithm or jitter, or a sample
///     with at least k exact duplicates (without jitter).
///
/// Examples
/// --------
/// >>> rng = np.random.default_rng(0)
/// >>> x = rng.standard_normal(2000); y = x + rng.standard_normal(2000)
/// >>> round(sanov.ksg_mutual_information(x, y), 1)  # exact: 0.5 ln 2 = 0.35
/// 0.3
#[pyfunction]
#[pyo3(
    signature = (x, y, k=Int::Small(3), *, algorithm=Int::Small(1), standardize=false, clip_negative=false, jitter=None, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, y, k=3, *, algorithm=1, standardize=False, clip_negative=False, jitter=None, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn ksg_mutual_information(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    k: Int,
    algorithm: Int,
    standardize: bool,
    clip_negative: bool,
    jitter: Option<f64>,
    seed: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let o = ksg_options(
        k,
        algorithm,
        standardize,
        clip_negative,
        jitter,
        seed,
        base,
        workers,
    )?;
    let (xa, ya) = (floats64(x, "x")?, floats64(y, "y")?);
    let (xv, yv) = (samples(&xa, "x")?, samples(&ya, "y")?);
    interruptible(x.py(), xv.len(), || {
        estimators::ksg_mutual_information(xv, yv, &o)
    })?
    .py_err()
}

/// Frenzel-Pompe (2007) conditional mutual information I(X; Y | Z), the KSG algorithm-1
/// construction: psi(k) - <psi(n_xz + 1) + psi(n_yz + 1) - psi(n_z + 1)>, counts strictly
/// within the max-norm k-th neighbour distance of (x, y, z).
///
/// Parameters
/// ----------
/// x, y, z : array_like
///     Samples: 1-D or 2-D with one sample per row; the same number of rows.
#[doc = doc_ksg_options!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty input, different numbers of rows, more than 2 dimensions.
/// DomainError
///     As ksg_mutual_information.
#[pyfunction]
#[pyo3(
    signature = (x, y, z, k=Int::Small(3), *, standardize=false, clip_negative=false, jitter=None, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, y, z, k=3, *, standardize=False, clip_negative=False, jitter=None, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn ksg_conditional_mutual_information(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    z: &Bound<'_, PyAny>,
    k: Int,
    standardize: bool,
    clip_negative: bool,
    jitter: Option<f64>,
    seed: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let o = ksg_options(
        k,
        Int::Small(1),
        standardize,
        clip_negative,
        jitter,
        seed,
        base,
        workers,
    )?;
    let (xa, ya, za) = (floats64(x, "x")?, floats64(y, "y")?, floats64(z, "z")?);
    let (xv, yv, zv) = (samples(&xa, "x")?, samples(&ya, "y")?, samples(&za, "z")?);
    interruptible(x.py(), xv.len(), || {
        estimators::ksg_conditional_mutual_information(xv, yv, zv, &o)
    })?
    .py_err()
}

/// Mutual information between continuous samples x and integer labels (Ross 2014), as
/// sklearn's ``mutual_info_classif``: psi(N) + <psi(k_i)> - <psi(N_c)> - <psi(m_i)>, with
/// k_i = min(k, N_c - 1), d_i the max-norm distance to the k_i-th neighbour of the same label
/// and m_i the number of samples (i included) strictly within d_i. Labels seen once are
/// dropped.
///
/// Parameters
/// ----------
/// x : array_like
///     Samples: 1-D or 2-D with one sample per row.
/// labels : array_like of int
///     One label per sample.
#[doc = doc_ksg_options!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty input, mismatched lengths, no label occurring twice.
/// DomainError
///     As ksg_mutual_information.
#[pyfunction]
#[pyo3(
    signature = (x, labels, k=Int::Small(3), *, standardize=false, clip_negative=false, jitter=None, seed=Int::Small(0), base=None, workers=None),
    text_signature = "(x, labels, k=3, *, standardize=False, clip_negative=False, jitter=None, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn ksg_mutual_information_discrete(
    x: &Bound<'_, PyAny>,
    labels: &Bound<'_, PyAny>,
    k: Int,
    standardize: bool,
    clip_negative: bool,
    jitter: Option<f64>,
    seed: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let o = ksg_options(
        k,
        Int::Small(1),
        standardize,
        clip_negative,
        jitter,
        seed,
        base,
        workers,
    )?;
    let xa = floats64(x, "x")?;
    let xv = samples(&xa, "x")?;
    let la = convert::labels(labels, "labels")?;
    let ls = contiguous(&la);
    interruptible(x.py(), xv.len(), || {
        estimators::ksg_mutual_information_discrete(xv, &ls, &o)
    })?
    .py_err()
}

/// Kozachenko-Leonenko k-NN estimate of differential entropy:
/// psi(N) - psi(k) + ln V_d + (d/N) sum_i ln r_i, r_i the Euclidean distance to the k-th
/// nearest other sample, V_d = pi^(d/2) / Gamma(1 + d/2).
///
/// Parameters
/// ----------
/// x : array_like
///     Samples: 1-D (scalar samples) or 2-D with one sample per row.
/// k : int, default 3
///     The neighbour used, 1 <= k < N.
#[doc = doc_base!()]
/// workers : int, optional
///     Parallelism of the neighbour queries: None or 0 every thread, 1 the calling thread.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty input or more than 2 dimensions.
/// DomainError
///     NaN or infinite samples, k out of range, or a sample with at least k exact duplicates
///     (r_i = 0).
#[pyfunction]
#[pyo3(
    signature = (x, k=Int::Small(3), base=None, *, workers=None),
    text_signature = "(x, k=3, base=None, *, workers=None)"
)]
fn kozachenko_leonenko_entropy(
    x: &Bound<'_, PyAny>,
    k: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    let k = neighbours(&k)?;
    let par = convert::par(workers.map(|w| w.0));
    let xa = floats64(x, "x")?;
    let xv = samples(&xa, "x")?;
    interruptible(x.py(), xv.len(), || {
        estimators::kozachenko_leonenko_entropy(xv, k, b, par)
    })?
    .py_err()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(plugin_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(miller_madow_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(grassberger_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(chao_shen_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(nsb_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(normalized_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(adjusted_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(conditional_entropy_from_labels, m)?)?;
    m.add_function(wrap_pyfunction!(ksg_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(ksg_conditional_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(ksg_mutual_information_discrete, m)?)?;
    m.add_function(wrap_pyfunction!(kozachenko_leonenko_entropy, m)?)?;
    Ok(())
}
