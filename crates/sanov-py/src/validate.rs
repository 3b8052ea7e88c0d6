//! Bindings of `sanov::validate`: checking probability vectors, and the explicit opt-in to
//! normalise weights.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use sanov::validate;

use crate::convert::{detach, floats, normalized, vector, Axis, Floats};
use crate::error::IntoPy;

/// Checks that ``p`` is a probability vector; returns None or raises.
///
/// A probability vector is 1-D, non-empty, finite, non-negative and sums to 1 within 1e-9
/// (float64) or 1e-5 (float32), the sum taken with compensated summation.
///
/// Parameters
/// ----------
/// p : array_like
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D.
/// DomainError
///     The first NaN, infinite or negative entry, or the wrong sum.
///
/// Examples
/// --------
/// >>> sanov.check_probability_vector([0.25, 0.75])
#[pyfunction]
fn check_probability_vector(py: Python<'_>, p: &Bound<'_, PyAny>) -> PyResult<()> {
    match floats(p, "p")? {
        Floats::F64(a) => {
            let x = vector(&a, "p")?;
            detach(py, x.len(), || validate::check_probability_vector("p", &x)).py_err()
        }
        Floats::F32(a) => {
            let x = vector(&a, "p")?;
            detach(py, x.len(), || validate::check_probability_vector("p", &x)).py_err()
        }
    }
}

/// Normalises non-negative weights or counts to a probability vector: w / sum(w).
///
/// The explicit opt-in for inputs that are not already distributions (SciPy normalises
/// silently; sanov does not). Also available as ``normalize=True`` on every function of
/// distributions.
///
/// Parameters
/// ----------
/// weights : array_like
///     1-D weights; with ``axis``, a 2-D array normalised along that axis.
/// axis : int, optional
///     For N-d input, the axis along which each distribution lies (2-D: 1 normalises each
///     row, 0 each column; negative counts from the end).
///
/// Returns
/// -------
/// ndarray of float64, the shape of ``weights``
///
/// Raises
/// ------
/// ShapeError
///     Empty input, wrong number of dimensions.
/// DomainError
///     NaN, infinite or negative weights; all weights zero.
///
/// Examples
/// --------
/// >>> sanov.normalize([1, 3])
/// array([0.25, 0.75])
#[pyfunction]
#[pyo3(signature = (weights, *, axis=None))]
fn normalize<'py>(weights: &Bound<'py, PyAny>, axis: Option<Axis>) -> PyResult<Bound<'py, PyAny>> {
    let axis = axis.map(|v| v.0);
    let w = floats(weights, "weights")?;
    let nd = w.ndim();
    if nd != 1 && axis.is_none() {
        return Err(crate::convert::arrays::not_1d_for(
            "weights",
            w.shape(),
            true,
        ));
    }
    // `distribution` with `normalize` builds a fresh float64 array: hand it back as it is.
    match normalized(weights, "weights", axis)? {
        Floats::F64(a) => Ok(a.as_any().clone()),
        Floats::F32(a) => Ok(a
            .as_array()
            .mapv(f64::from)
            .into_pyarray(weights.py())
            .into_any()),
    }
}

/// The default tolerance on |sum(p) - 1| for float64 probability vectors.
const DEFAULT_TOLERANCE: f64 = validate::DEFAULT_TOLERANCE;

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_probability_vector, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add("DEFAULT_TOLERANCE", DEFAULT_TOLERANCE)?;
    Ok(())
}
