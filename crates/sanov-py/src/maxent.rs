//! Bindings of `sanov::maxent`.

use ndarray::{Ix1, Ix2};
use numpy::{IntoPyArray, PyUntypedArrayMethods};
use pyo3::prelude::*;
use sanov::iterate::{StoppingRule, Termination};
use sanov::maxent::{self as core, MaxEntOptions};

use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;

use crate::cancel::interruptible;
use crate::convert::{
    detach, floats64, fmt_shape, named_tuple, par, scalar, vector64, Float, Int, Workers,
};
use crate::error::{shape_error, IntoPy};

/// The solution of a maximum-entropy problem (returned by :func:`maxent` and
/// :func:`biased_die`).
///
/// Attributes
/// ----------
/// distribution : ndarray
///     p on the support points (0 where the prior is 0).
/// multipliers : ndarray
///     The multipliers lambda_k in the order of the targets; +-inf for a target at an end of
///     its feature's range (p is then the exact limit on that face).
/// value : float
///     H(p) in nats without a prior; KL(p || prior) in nats with one.
/// iterations : int
///     Newton iterations.
/// certificate : float
///     max_k |E_p[f_k] - t_k| / s_k, s_k = max_i |f_k(x_i) - t_k|: the constraint residual
///     relative to each feature's spread.
/// termination : str
///     "converged", or "exact" when no iteration was needed.
static MAXENT_RESULT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static GIBBS_STATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The named tuple `sanov.MaxEntResult(distribution, multipliers, value, iterations,
/// certificate, termination)`.
fn maxent_result_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    named_tuple(
        py,
        &MAXENT_RESULT,
        "MaxEntResult",
        &[
            "distribution",
            "multipliers",
            "value",
            "iterations",
            "certificate",
            "termination",
        ],
        "The maximum-entropy law, its Lagrange multipliers, its entropy (or KL to the prior, \
         nats), the Newton iterations, the relative constraint residual and how it ended \
         (\"converged\" or \"exact\").",
    )
}

/// The named tuple `sanov.GibbsState(probabilities, free_energy, internal_energy, entropy)`.
fn gibbs_state_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    named_tuple(
        py,
        &GIBBS_STATE,
        "GibbsState",
        &["probabilities", "free_energy", "internal_energy", "entropy"],
        "The Gibbs distribution softmax(-E/T), its free energy -T ln Z, internal energy and \
         entropy (nats, k_B = 1).",
    )
}

fn result(py: Python<'_>, r: core::MaxEntResult) -> PyResult<Bound<'_, PyAny>> {
    let termination = match r.diagnostics.termination {
        Termination::Exact => "exact",
        _ => "converged",
    };
    let args = PyTuple::new(
        py,
        [
            r.distribution.into_pyarray(py).into_any(),
            r.multipliers.into_pyarray(py).into_any(),
            r.value.into_pyobject(py)?.into_any(),
            r.diagnostics.iterations.into_pyobject(py)?.into_any(),
            r.diagnostics.certificate.into_pyobject(py)?.into_any(),
            termination.into_pyobject(py)?.into_any(),
        ],
    )?;
    maxent_result_type(py)?.call1(args)
}

/// Maximum-entropy distribution (or I-projection of a prior) under expectation constraints.
///
/// Maximises H(p) (minimises KL(p || prior)) subject to sum_i p_i f_k(x_i) = targets[k]. The
/// solution is p_i = prior_i exp(sum_k lambda_k f_k(x_i)) / Z; the multipliers minimise the
/// convex dual ln Z(lambda) - lambda . targets, solved by damped Newton steps (Jaynes 1957;
/// Cover & Thomas ch. 12; Boyd & Vandenberghe sec. 5.2).
///
/// Parameters
/// ----------
/// support : array_like, shape (N,)
///     The points (validated; the features carry the values).
/// features : array_like, shape (K, N) or (N,)
///     features[k][i] = f_k(x_i); a 1-D array is a single feature.
/// targets : float or array_like, shape (K,)
///     The required expectations.
/// prior : array_like, shape (N,), optional
///     A probability vector (zeros allowed: those points get p = 0). Default uniform.
/// tol : float
///     Stop when the relative constraint residual (``certificate``) is <= tol.
/// max_iter : int
///     Newton iterations allowed.
/// workers : int, optional
///     Threads for the passes over the support (None: all; 1: sequential). The result does
///     not depend on it.
///
/// Returns
/// -------
/// MaxEntResult
///
/// Raises
/// ------
/// InfeasibleError
///     Targets outside the convex hull of the feature vectors (of the points of positive prior).
/// ConvergenceError
///     max_iter reached before tol.
/// ShapeError, DomainError
///     Bad shapes, NaN or infinite values, an invalid prior or tol.
///
/// Examples
/// --------
/// >>> x = [1, 2, 3, 4, 5, 6]
/// >>> r = sanov.maxent(x, x, 4.8)
/// >>> round(float(r.multipliers[0]), 12)
/// 0.514180063693
#[pyfunction]
#[pyo3(
    signature = (support, features, targets, prior=None, *, tol=1e-12, max_iter=Int::Small(10_000), workers=None),
    text_signature = "(support, features, targets, prior=None, *, tol=1e-12, max_iter=10000, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn maxent<'py>(
    py: Python<'py>,
    support: &Bound<'py, PyAny>,
    features: &Bound<'py, PyAny>,
    targets: &Bound<'py, PyAny>,
    prior: Option<&Bound<'py, PyAny>>,
    tol: f64,
    max_iter: Int,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let max_iter = max_iter.usize("max_iter")?;
    let x = vector64(support, "support")?;
    let f = floats64(features, "features")?;
    let fa = f.as_array();
    let f2 = match fa.ndim() {
        1 => fa
            .into_dimensionality::<Ix1>()
            .map_err(|_| shape_error("features: internal shape error"))?
            .insert_axis(ndarray::Axis(0)),
        2 => fa
            .into_dimensionality::<Ix2>()
            .map_err(|_| shape_error("features: internal shape error"))?,
        _ => {
            return Err(shape_error(format!(
                "features must be 1-D or 2-D, got shape {}",
                fmt_shape(fa.shape())
            )))
        }
    };
    let t = floats64(targets, "targets")?;
    let t: Vec<f64> = match t.ndim() {
        0 | 1 => t.as_array().iter().copied().collect(),
        _ => {
            return Err(shape_error(format!(
                "targets must be a scalar or 1-D, got shape {}",
                fmt_shape(t.shape())
            )))
        }
    };
    let q = prior.map(|p| vector64(p, "prior")).transpose()?;
    let params = MaxEntOptions {
        stopping: StoppingRule {
            max_iterations: max_iter,
            tolerance: tol,
        },
        par: par(workers.map(|w| w.0)),
    };
    let r = interruptible(py, f2.len(), || {
        core::maxent(&x, f2, &t, q.as_deref(), &params)
    })?
    .py_err()?;
    result(py, r)
}

/// Maximum entropy (or minimum KL to ``prior``) on the points ``x`` under power-moment
/// constraints: sum_i p_i x_i^k = moments[k-1] for k = 1..K.
///
/// The same problem as :func:`maxent` with the features f_k(x) = x^k.
///
/// Parameters
/// ----------
/// x : array_like
///     The support points (1-D, finite).
/// moments : array_like
///     E[X], E[X^2], ... (1-D, K >= 1).
/// prior : array_like, optional
///     A probability vector on ``x``; None is the uniform prior.
/// tol, max_iter, workers
///     As in :func:`maxent`.
///
/// Returns
/// -------
/// MaxEntResult
///
/// Raises
/// ------
/// InfeasibleError
///     A moment outside the range of x^k on the support.
/// ConvergenceError
///     No convergence within ``max_iter``.
///
/// Examples
/// --------
/// >>> r = sanov.maxent_moments([-1.0, 0.0, 1.0], [0.0, 2.0 / 3.0])
/// >>> [round(v, 12) for v in r.distribution.tolist()]
/// [0.333333333333, 0.333333333333, 0.333333333333]
#[pyfunction]
#[pyo3(
    signature = (x, moments, prior=None, *, tol=1e-12, max_iter=Int::Small(10_000), workers=None),
    text_signature = "(x, moments, prior=None, *, tol=1e-12, max_iter=10000, workers=None)"
)]
#[allow(clippy::too_many_arguments)]
fn maxent_moments<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    moments: &Bound<'py, PyAny>,
    prior: Option<&Bound<'py, PyAny>>,
    tol: f64,
    max_iter: Int,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let max_iter = max_iter.usize("max_iter")?;
    let x = vector64(x, "x")?;
    let m = vector64(moments, "moments")?;
    let q = prior.map(|p| vector64(p, "prior")).transpose()?;
    let params = MaxEntOptions {
        stopping: StoppingRule {
            max_iterations: max_iter,
            tolerance: tol,
        },
        par: par(workers.map(|w| w.0)),
    };
    let r = detach(py, x.len() * m.len(), || {
        core::maxent_moments(&x, &m, q.as_deref(), &params)
    })
    .py_err()?;
    result(py, r)
}

/// The maximum-entropy law of a die (faces 1..6) with a given mean: p_x proportional to
/// exp(lambda x).
///
/// Parameters
/// ----------
/// mean : float
///     In [1, 6]; at 1 or 6 the law is a point mass (multiplier -inf or +inf).
///
/// Returns
/// -------
/// MaxEntResult
///
/// Raises
/// ------
/// InfeasibleError
///     mean outside [1, 6].
/// DomainError
///     mean NaN or infinite.
///
/// Examples
/// --------
/// >>> round(float(sanov.biased_die(4.8).multipliers[0]), 12)
/// 0.514180063693
#[pyfunction]
fn biased_die<'py>(py: Python<'py>, mean: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let m = scalar(mean, "mean")?;
    result(py, core::biased_die(m).py_err()?)
}

/// The Gibbs state of energy levels at a temperature (nats, k_B = 1).
///
/// Attributes
/// ----------
/// probabilities : ndarray
///     softmax(-E / T).
/// free_energy : float
///     F = -T ln Z.
/// internal_energy : float
///     U = sum_i p_i E_i.
/// entropy : float
///     S = (U - F) / T, in nats.
/// The Gibbs (Boltzmann) distribution p = softmax(-E/T) with its free energy, internal energy
/// and entropy (nats, k_B = 1): the maximum-entropy law with mean energy U (Jaynes 1957).
///
/// Parameters
/// ----------
/// energies : array_like, shape (N,)
///     Finite energy levels.
/// temperature : float, default 1.0
///     T > 0 and finite (k_B = 1); p = softmax(-E / T), ``sanov.softmax(-E,
///     temperature=T)``.
///
/// Returns
/// -------
/// GibbsState
///     The named tuple (probabilities, free_energy, internal_energy, entropy), with
///     F = U - T S.
///
/// Raises
/// ------
/// DomainError
///     T <= 0 or not finite; NaN or infinite energies.
/// ShapeError
///     No energies, or not 1-D.
///
/// Examples
/// --------
/// >>> g = sanov.gibbs([0.0, 1.0], 1.0)
/// >>> round(g.free_energy, 12)
/// -0.313261687518
#[pyfunction]
#[pyo3(
    signature = (energies, temperature=Float(1.0)),
    text_signature = "(energies, temperature=1.0)"
)]
fn gibbs<'py>(
    py: Python<'py>,
    energies: &Bound<'py, PyAny>,
    temperature: Float,
) -> PyResult<Bound<'py, PyAny>> {
    let e = vector64(energies, "energies")?;
    let t = temperature.0;
    let g = detach(py, e.len(), || core::gibbs(&e, t)).py_err()?;
    let args = PyTuple::new(
        py,
        [
            g.probabilities.into_pyarray(py).into_any(),
            g.free_energy.into_pyobject(py)?.into_any(),
            g.internal_energy.into_pyobject(py)?.into_any(),
            g.entropy.into_pyobject(py)?.into_any(),
        ],
    )?;
    gibbs_state_type(py)?.call1(args)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("MaxEntResult", maxent_result_type(m.py())?)?;
    m.add("GibbsState", gibbs_state_type(m.py())?)?;
    m.add_function(wrap_pyfunction!(maxent, m)?)?;
    m.add_function(wrap_pyfunction!(biased_die, m)?)?;
    m.add_function(wrap_pyfunction!(maxent_moments, m)?)?;
    m.add_function(wrap_pyfunction!(gibbs, m)?)?;
    Ok(())
}
