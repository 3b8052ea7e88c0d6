//! Bindings of `sanov::families::diag_gaussian_kl` and `sanov::families::GaussianMixture`
//! (issue #22, Gaussian mixtures and the batched diagonal-Gaussian KL).

use ndarray::{Ix2, Ix3};
use numpy::PyUntypedArrayMethods;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple};
use sanov::families::diag_gaussian_kl as core_diag_kl;
use sanov::families::GaussianMixture;

use crate::convert::{self, array64, fmt_shape, named_tuple, vector64, Int, Workers};
use crate::error::{shape_error, to_py, IntoPy};
use crate::families::{reduced, vae_reduction, view2};

/// KL(N(mu1, diag exp(log_var1)) || N(mu2, diag exp(log_var2))) per row of a batch.
///
/// KL_r = 0.5 * sum_j (exp(t) - 1 - t + (mu1 - mu2)**2 * exp(-log_var2)), t = log_var1 - log_var2,
/// in nats, accumulated in float64 (float32 inputs too). Variances are given as log-variances,
/// as in ``vae_kl`` (which is the case mu2 = 0, log_var2 = 0).
///
/// Parameters
/// ----------
/// mu1, log_var1, mu2, log_var2 : array_like, shape (batch, dim)
///     float32 inputs are read as float32; the arithmetic is float64.
/// reduction : {"mean", "sum", "none"}, default "mean"
///     "mean": the mean over rows of the per-row KL (summed over dimensions); "sum": the
///     total; "none": one value per row.
/// workers : int, optional
///     Parallelism over rows (as in ``entropy``); 1 runs on the calling thread.
///
/// Returns
/// -------
/// float, or ndarray of shape (batch,) with ``reduction="none"``
///
/// Raises
/// ------
/// ShapeError
///     Inputs that are not 2-D, of different shapes, or empty.
/// DomainError
///     NaN or infinite entries; an unknown reduction.
///
/// Examples
/// --------
/// >>> sanov.diag_gaussian_kl([[1.0]], [[0.0]], [[0.0]], [[0.0]])
/// 0.5
#[pyfunction]
#[pyo3(signature = (mu1, log_var1, mu2, log_var2, reduction="mean", workers=None))]
#[allow(clippy::too_many_arguments)]
fn diag_gaussian_kl<'py>(
    py: Python<'py>,
    mu1: &Bound<'py, PyAny>,
    log_var1: &Bound<'py, PyAny>,
    mu2: &Bound<'py, PyAny>,
    log_var2: &Bound<'py, PyAny>,
    reduction: &str,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let red = vae_reduction(reduction)?;
    let par = convert::par(workers.map(|w| w.0));
    let names = ["mu1", "log_var1", "mu2", "log_var2"];
    let objs = [mu1, log_var1, mu2, log_var2];
    let mut all32 = true;
    let mut fl = Vec::with_capacity(4);
    for (name, o) in names.iter().zip(objs) {
        let a = convert::floats(o, name)?;
        let shape = match &a {
            convert::Floats::F32(x) => x.shape().to_vec(),
            convert::Floats::F64(x) => {
                all32 = false;
                x.shape().to_vec()
            }
        };
        if shape.len() != 2 {
            return Err(shape_error(format!(
                "{name} must be a 2-D array [batch, dim], got shape {}",
                fmt_shape(&shape)
            )));
        }
        fl.push(a);
    }
    let kl = if all32 {
        let a: Vec<_> = fl
            .into_iter()
            .filter_map(|f| match f {
                convert::Floats::F32(x) => Some(x),
                convert::Floats::F64(_) => None,
            })
            .collect();
        let v: Vec<_> = a.iter().map(view2).collect();
        convert::detach(py, v[0].len(), || core_diag_kl(v[0], v[1], v[2], v[3], par))
    } else {
        drop(fl);
        let mut a = Vec::with_capacity(4);
        for (name, o) in names.iter().zip(objs) {
            a.push(convert::floats64(o, name)?);
        }
        let v: Vec<_> = a.iter().map(view2).collect();
        convert::detach(py, v[0].len(), || core_diag_kl(v[0], v[1], v[2], v[3], par))
    }
    .py_err()?;
    Ok(reduced(py, kl, red))
}

static MIXTURE_ENTROPY_BOUNDS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static MONTE_CARLO_KL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The named tuple `sanov.MixtureEntropyBounds(lower, upper)`.
fn bounds_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    named_tuple(
        py,
        &MIXTURE_ENTROPY_BOUNDS,
        "MixtureEntropyBounds",
        &["lower", "upper"],
        "Lower and upper bounds on the differential entropy of a Gaussian mixture (in the unit \
         of base): the Kolchinsky-Tracey pairwise estimators with the Bhattacharyya distance \
         and with the KL divergence.",
    )
}

/// The named tuple `sanov.MonteCarloKl(estimate, std_error)`.
fn monte_carlo_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    named_tuple(
        py,
        &MONTE_CARLO_KL,
        "MonteCarloKl",
        &["estimate", "std_error"],
        "A Monte Carlo estimate of a KL divergence and its standard error (in the unit of base).",
    )
}

/// A mixture from `weights` (K,), `means` (K, d) and `covs` (K, d, d); core errors name `arg`
/// when it is not empty (`"p"`, `"q"`).
fn mixture(
    py: Python<'_>,
    arg: &str,
    weights: &Bound<'_, PyAny>,
    means: &Bound<'_, PyAny>,
    covs: &Bound<'_, PyAny>,
) -> PyResult<GaussianMixture> {
    let (w, m, c) = (
        vector64(weights, "weights")?,
        array64::<Ix2>(means, "means", "a 2-D array (K, d)")?,
        array64::<Ix3>(covs, "covs", "a 3-D array (K, d, d)")?,
    );
    GaussianMixture::new(&w, m.view(), c.view()).map_err(|e| {
        let err = to_py(&e);
        if arg.is_empty() {
            err
        } else {
            PyErr::from_type(err.get_type(py), format!("{arg}: {e}"))
        }
    })
}

/// A mixture argument `p` or `q`: a tuple or list `(weights, means, covs)`.
fn mixture_arg(py: Python<'_>, obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<GaussianMixture> {
    let items: Vec<Bound<'_, PyAny>> = if let Ok(t) = obj.cast::<PyTuple>() {
        t.iter().collect()
    } else if let Ok(l) = obj.cast::<PyList>() {
        l.iter().collect()
    } else {
        Vec::new()
    };
    if items.len() != 3 {
        return Err(PyTypeError::new_err(format!(
            "{arg} must be a tuple (weights, means, covs), got {}",
            obj.get_type()
        )));
    }
    mixture(py, arg, &items[0], &items[1], &items[2])
}

/// Differential entropy of a one-dimensional Gaussian mixture, by adaptive quadrature.
///
/// h = -integral f(x) ln f(x) dx over the real line, f(x) = sum_k w_k N(x; loc_k, scale_k**2).
/// ln f is a log-sum-exp over the components (no underflow in the tails); the line is cut at
/// every loc_k and loc_k +- 8 scale_k and each piece integrated by adaptive Gauss-Kronrod
/// (G7-K15) to about 1e-13 of integral f |ln f| dx, which is 1e-13 relative unless f > 1
/// somewhere and h is near 0.
///
/// Parameters
/// ----------
/// weights : array_like, shape (K,)
///     Non-negative, summing to 1 within 1e-9 (used as given, never rescaled).
/// locs : array_like, shape (K,)
///     The component means.
/// scales : array_like, shape (K,)
///     The component standard deviations (as in ``scipy.stats.norm``), > 0.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///     The differential entropy, which may be negative.
///
/// Raises
/// ------
/// ShapeError
///     Inputs that are not 1-D, of different lengths, or empty.
/// DomainError
///     Weights negative, NaN or not summing to 1; a NaN or infinite loc; a scale <= 0.
/// ConvergenceError
///     The quadrature did not converge (scales many orders of magnitude apart).
///
/// See Also
/// --------
/// gmm_entropy_bounds : Bounds in any dimension.
///
/// Examples
/// --------
/// >>> round(sanov.gmm_entropy([0.5, 0.5], [-50.0, 50.0], [1.0, 1.0]), 12)  # ln 2 + 0.5 ln(2 pi e)
/// 2.112085713765
#[pyfunction]
#[pyo3(signature = (weights, locs, scales, base=None))]
fn gmm_entropy(
    py: Python<'_>,
    weights: &Bound<'_, PyAny>,
    locs: &Bound<'_, PyAny>,
    scales: &Bound<'_, PyAny>,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    let (w, l, s) = (
        vector64(weights, "weights")?,
        vector64(locs, "locs")?,
        vector64(scales, "scales")?,
    );
    let f = GaussianMixture::univariate(&w, &l, &s).py_err()?;
    let h = py.detach(|| f.differential_entropy()).py_err()?;
    Ok(b.from_nats(h))
}

/// Kolchinsky-Tracey lower and upper bounds on the entropy of a Gaussian mixture.
///
/// H_D = sum_i w_i h(p_i) - sum_i w_i ln sum_j w_j exp(-D(p_i, p_j)), with D the Bhattacharyya
/// distance for the lower bound and the KL divergence for the upper bound (closed forms for
/// Gaussian components); lower <= h(f) <= upper. Both lie between sum_i w_i h(p_i) and that
/// plus the entropy of the weights; a single component gives its own entropy for both.
///
/// Parameters
/// ----------
/// weights : array_like, shape (K,)
///     Non-negative, summing to 1 within 1e-9.
/// means : array_like, shape (K, d)
/// covs : array_like, shape (K, d, d)
///     Symmetric positive definite covariances.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// MixtureEntropyBounds
///     Named tuple (lower, upper).
///
/// Raises
/// ------
/// ShapeError
///     Wrong dimensions, mismatched shapes, K = 0 or d = 0.
/// DomainError
///     Bad weights; NaN or infinite entries; a covariance that is not positive definite.
///
/// See Also
/// --------
/// gmm_entropy : The 1-D entropy itself, by quadrature.
///
/// Notes
/// -----
/// A. Kolchinsky and B. D. Tracey, "Estimating mixture entropy with pairwise distances",
/// Entropy 19(7):361, 2017.
///
/// Examples
/// --------
/// >>> lower, upper = sanov.gmm_entropy_bounds([1.0], [[0.0]], [[[1.0]]])
/// >>> lower == upper == sanov.differential_entropy("normal", loc=0.0, scale=1.0)
/// True
#[pyfunction]
#[pyo3(signature = (weights, means, covs, base=None))]
fn gmm_entropy_bounds<'py>(
    py: Python<'py>,
    weights: &Bound<'py, PyAny>,
    means: &Bound<'py, PyAny>,
    covs: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    let f = mixture(py, "", weights, means, covs)?;
    let r = py.detach(|| f.entropy_bounds()).py_err()?;
    bounds_type(py)?.call1((b.from_nats(r.lower), b.from_nats(r.upper)))
}

/// KL divergence between two Gaussian mixtures by seeded Monte Carlo, with its standard error.
///
/// The mean of ln f(X_i) - ln g(X_i) over n_samples draws X_i ~ f (log-densities by
/// log-sum-exp), and its standard error s / sqrt(n). Draw i comes from stream i // 4096 of the
/// seed (splitmix64), so the result depends on seed and n_samples only: the same bits for
/// every workers. The estimate is unbiased and may be slightly negative when f and g are close.
///
/// Parameters
/// ----------
/// p, q : tuple of array_like
///     The mixtures f and g, each ``(weights, means, covs)`` with shapes (K,), (K, d) and
///     (K, d, d) (K may differ between them, d may not).
/// n_samples : int, default 100000
///     Number of draws, >= 2.
/// seed : int, default 0
#[doc = doc_base!()]
/// workers : int, optional
///     Parallelism over blocks of draws; 1 runs on the calling thread.
///
/// Returns
/// -------
/// MonteCarloKl
///     Named tuple (estimate, std_error).
///
/// Raises
/// ------
/// TypeError
///     p or q not a tuple of three arrays.
/// ShapeError
///     Wrong dimensions or mismatched shapes (within p or q, or their dimensions d).
/// DomainError
///     Bad weights or covariances; n_samples < 2.
///
/// See Also
/// --------
/// gmm_kl_variational : A deterministic approximation.
///
/// Examples
/// --------
/// >>> p = ([0.5, 0.5], [[-1.0], [1.0]], [[[1.0]], [[1.0]]])
/// >>> q = ([1.0], [[0.0]], [[[4.0]]])
/// >>> est, se = sanov.gmm_kl_monte_carlo(p, q, n_samples=100_000, seed=1)
/// >>> abs(est - 0.1063163602) < 4 * se
/// True
#[pyfunction]
#[pyo3(
    signature = (p, q, n_samples=Int::Small(100_000), seed=Int::Small(0), base=None, workers=None),
    text_signature = "(p, q, n_samples=100000, seed=0, base=None, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn gmm_kl_monte_carlo<'py>(
    py: Python<'py>,
    p: &Bound<'py, PyAny>,
    q: &Bound<'py, PyAny>,
    n_samples: Int,
    seed: Int,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    let (f, g) = (mixture_arg(py, p, "p")?, mixture_arg(py, q, "q")?);
    let n = n_samples.usize("n_samples")?;
    let seed = seed.u64("seed")?;
    let par = convert::par(workers.map(|w| w.0));
    let r = py
        .detach(|| f.kl_divergence_monte_carlo(&g, n, seed, par))
        .py_err()?;
    monte_carlo_type(py)?.call1((b.from_nats(r.estimate), b.from_nats(r.std_error)))
}

/// Hershey-Olsen variational approximation of the KL divergence between Gaussian mixtures.
///
/// D_var(f || g) = sum_a pi_a ln( sum_a' pi_a' exp(-KL(f_a || f_a')) / sum_b w_b exp(-KL(f_a || g_b)) )
/// with the closed-form Gaussian KL divergences of the components. Exact for single
/// components and 0 for f = g; it is an approximation, not a bound, and can be negative.
///
/// Parameters
/// ----------
/// p, q : tuple of array_like
///     The mixtures f and g, each ``(weights, means, covs)`` as in ``gmm_kl_monte_carlo``.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// TypeError
///     p or q not a tuple of three arrays.
/// ShapeError
///     Wrong dimensions or mismatched shapes (within p or q, or their dimensions d).
/// DomainError
///     Bad weights or covariances.
///
/// See Also
/// --------
/// gmm_kl_monte_carlo : An unbiased estimate with a standard error.
///
/// Notes
/// -----
/// J. R. Hershey and P. A. Olsen, "Approximating the Kullback Leibler divergence between
/// Gaussian mixture models", Proc. IEEE ICASSP 2007, vol. 4, pp. 317-320.
///
/// Examples
/// --------
/// >>> p = ([1.0], [[0.0]], [[[1.0]]])
/// >>> q = ([1.0], [[0.0]], [[[4.0]]])
/// >>> sanov.gmm_kl_variational(p, q)  # ln 2 + 1/8 - 1/2
/// 0.3181471805599453
#[pyfunction]
#[pyo3(signature = (p, q, base=None))]
fn gmm_kl_variational(
    py: Python<'_>,
    p: &Bound<'_, PyAny>,
    q: &Bound<'_, PyAny>,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    let (f, g) = (mixture_arg(py, p, "p")?, mixture_arg(py, q, "q")?);
    let d = py.detach(|| f.kl_divergence_variational(&g)).py_err()?;
    Ok(b.from_nats(d))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(diag_gaussian_kl, m)?)?;
    m.add_function(wrap_pyfunction!(gmm_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(gmm_entropy_bounds, m)?)?;
    m.add_function(wrap_pyfunction!(gmm_kl_monte_carlo, m)?)?;
    m.add_function(wrap_pyfunction!(gmm_kl_variational, m)?)?;
    m.add("MixtureEntropyBounds", bounds_type(m.py())?)?;
    m.add("MonteCarloKl", monte_carlo_type(m.py())?)?;
    Ok(())
}
