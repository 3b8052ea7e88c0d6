//! Bindings of `sanov::multivariate`: Gaussian mutual information.

use ndarray::Ix2;
use numpy::PyUntypedArrayMethods;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use sanov::multivariate;

use crate::convert::{self, detach, elementwise, float, floats64, fmt_shape};
use crate::error::{domain_error, shape_error, IntoPy};

/// Mutual information of a bivariate normal with correlation rho: -(1/2) log(1 - rho^2).
///
/// Parameters
/// ----------
/// rho : float or array_like
///     Correlation in [-1, 1] (|rho| = 1 gives +inf); arrays are computed elementwise.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float, or ndarray of the shape of ``rho``
///
/// Raises
/// ------
/// DomainError
///     rho outside [-1, 1] or NaN.
///
/// Examples
/// --------
/// >>> sanov.gaussian_mutual_information(0.6)
/// 0.22314355131420976
#[pyfunction]
#[pyo3(signature = (rho, base=None))]
fn gaussian_mutual_information<'py>(
    rho: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    elementwise(rho, "rho", |x| {
        multivariate::gaussian_mutual_information(x, b)
    })
}

/// Variable indices from a sequence of ints (negative → `DomainError`).
fn indices(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Vec<usize>> {
    let v: Vec<i64> = obj.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "{arg} must be a sequence of integer variable indices"
        ))
    })?;
    v.into_iter()
        .enumerate()
        .map(|(i, k)| {
            usize::try_from(k)
                .map_err(|_| domain_error(format!("{arg}[{i}] = {k} is not a valid index")))
        })
        .collect()
}

/// Mutual information between two groups of jointly Gaussian variables:
/// (1/2) log(det S_XX det S_YY / det S_(X,Y)).
///
/// Parameters
/// ----------
/// cov : array_like
///     The covariance matrix of all variables (square, symmetric, positive definite on the
///     selected variables).
/// x, y : sequence of int
///     Disjoint, non-empty lists of variable indices into ``cov``.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     cov not square, or empty.
/// DomainError
///     Non-finite or asymmetric cov, invalid or overlapping indices, not positive definite.
///
/// Examples
/// --------
/// >>> sanov.gaussian_mutual_information_cov([[1.0, 0.6], [0.6, 1.0]], [0], [1])
/// 0.22314355131420976
#[pyfunction]
#[pyo3(signature = (cov, x, y, base=None))]
fn gaussian_mutual_information_cov<'py>(
    py: Python<'py>,
    cov: &Bound<'py, PyAny>,
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    let c = floats64(cov, "cov")?;
    let shape = c.shape().to_vec();
    let m = c
        .as_array()
        .into_dimensionality::<Ix2>()
        .map_err(|_| shape_error(format!("cov must be 2-D, got shape {}", fmt_shape(&shape))))?;
    let (x, y) = (indices(x, "x")?, indices(y, "y")?);
    let v = detach(py, m.len(), || {
        multivariate::gaussian_mutual_information_cov(m, &x, &y, b)
    })
    .py_err()?;
    Ok(float(py, v))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(gaussian_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(gaussian_mutual_information_cov, m)?)?;
    Ok(())
}
