//! Bindings of `sanov::special`: `xlogy`, `xlogx`, `logsumexp`, `ln_gamma`, `digamma`,
//! `trigamma`, `ln_beta`, `ln_bessel_i0`, `bessel_i1_i0_ratio`.

use numpy::PyUntypedArrayMethods;
use pyo3::prelude::*;
use sanov::special;

use crate::convert::{self, array1, detach, elementwise, elementwise2, float, floats64, Axis};
use crate::error::{shape_error, IntoPy};

/// x * log(y) with 0 * log(y) = 0 for every y (including 0), as ``scipy.special.xlogy``.
///
/// NaN in either argument gives NaN. Arrays broadcast as in NumPy.
///
/// Parameters
/// ----------
/// x, y : float or array_like
///
/// Returns
/// -------
/// float, or ndarray of the broadcast shape
///
/// Raises
/// ------
/// ShapeError
///     Shapes that do not broadcast.
///
/// Examples
/// --------
/// >>> sanov.xlogy(0.0, 0.0)
/// 0.0
#[pyfunction]
fn xlogy<'py>(x: &Bound<'py, PyAny>, y: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    elementwise2(x, y, ("x", "y"), special::xlogy)
}

/// x * log(x) with 0 * log(0) = 0, elementwise.
///
/// Parameters
/// ----------
/// x : float or array_like
///
/// Returns
/// -------
/// float, or ndarray of the shape of ``x``
///
/// Examples
/// --------
/// >>> sanov.xlogx(1.0)
/// 0.0
#[pyfunction]
fn xlogx<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    elementwise(x, "x", |v| Ok(special::xlogx(v)))
}

/// log(sum_i exp(x_i)), stable for inputs of any magnitude (max-shifted).
///
/// -inf entries contribute nothing; all -inf gives -inf; any +inf gives +inf.
///
/// Parameters
/// ----------
/// x : array_like
///     1-D values; with ``axis``, a 2-D array reduced along that axis (unlike SciPy,
///     ``axis=None`` does not flatten a 2-D input: it raises ShapeError).
/// axis : int, optional
///     For 2-D ``x``: 1 gives one value per row, 0 one per column.
///
/// Returns
/// -------
/// float, or 1-D ndarray with ``axis``
///
/// Raises
/// ------
/// ShapeError
///     Empty input, wrong number of dimensions.
/// DomainError
///     NaN.
///
/// Examples
/// --------
/// >>> sanov.logsumexp([1000.0, 1000.0])
/// 1000.6931471805599
#[pyfunction]
#[pyo3(signature = (x, *, axis=None))]
fn logsumexp<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    axis: Option<Axis>,
) -> PyResult<Bound<'py, PyAny>> {
    let axis = axis.map(|v| v.0);
    let a = floats64(x, "x")?;
    if a.ndim() == 1 || axis.is_none() {
        if let Some(ax) = axis {
            if !(-1..1).contains(&ax) {
                return Err(shape_error(format!(
                    "axis {ax} is out of bounds for an array of dimension 1"
                )));
            }
        }
        let v = convert::vector(&a, "x")?;
        return Ok(float(
            py,
            detach(py, v.len(), || special::logsumexp(&v)).py_err()?,
        ));
    }
    let Some(ax) = axis.filter(|ax| (-2..2).contains(ax)) else {
        return Err(shape_error(
            "axis is out of bounds for an array of dimension 2",
        ));
    };
    let m = a
        .as_array()
        .into_dimensionality::<ndarray::Ix2>()
        .map_err(|_| shape_error(format!("x must be 1-D or 2-D, got shape {:?}", a.shape())))?;
    let m = if ax.rem_euclid(2) == 0 {
        m.reversed_axes()
    } else {
        m
    };
    let out = detach(py, m.len(), || {
        m.outer_iter()
            .map(|row| match row.to_slice() {
                Some(s) => special::logsumexp(s),
                None => special::logsumexp(&row.to_vec()),
            })
            .collect::<sanov::Result<Vec<f64>>>()
    })
    .py_err()?;
    Ok(array1(py, out))
}

/// Defines an elementwise binding of a one-argument special function.
macro_rules! unary {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[pyfunction]
        fn $name<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
            elementwise(x, "x", |v| Ok(special::$name(v)))
        }
    };
}

unary!(
    /// ln |Gamma(x)|, elementwise (Stirling series with the recurrence, Taylor series near 1
    /// and 2; relative error <= 3e-15 against mpmath on the tested range). As
    /// ``scipy.special.gammaln``: negative non-integers give ln |Gamma(x)| (reflection),
    /// the poles 0, -1, -2, ... and +inf give +inf, -inf gives -inf.
    ///
    /// Parameters
    /// ----------
    /// x : float or array_like
    ///
    /// Returns
    /// -------
    /// float, or ndarray of the shape of ``x``
    ///
    /// Examples
    /// --------
    /// >>> sanov.ln_gamma(5.0)  # ln 24
    /// 3.1780538303479458
    ln_gamma
);

unary!(
    /// The digamma function psi(x) = d/dx ln Gamma(x) for x > 0, elementwise (NaN elsewhere).
    ///
    /// Parameters
    /// ----------
    /// x : float or array_like
    ///
    /// Returns
    /// -------
    /// float, or ndarray of the shape of ``x``
    ///
    /// Examples
    /// --------
    /// >>> round(sanov.digamma(1.0), 15)  # -Euler's gamma
    /// -0.577215664901533
    digamma
);

unary!(
    /// The trigamma function psi'(x) for x > 0, elementwise (NaN elsewhere).
    ///
    /// Parameters
    /// ----------
    /// x : float or array_like
    ///
    /// Returns
    /// -------
    /// float, or ndarray of the shape of ``x``
    ///
    /// Examples
    /// --------
    /// >>> sanov.trigamma(1.0)  # pi^2 / 6
    /// 1.6449340668482264
    trigamma
);

unary!(
    /// ln I0(x), the log of the modified Bessel function of the first kind of order 0,
    /// without overflow for large x, elementwise.
    ///
    /// Parameters
    /// ----------
    /// x : float or array_like
    ///
    /// Returns
    /// -------
    /// float, or ndarray of the shape of ``x``
    ///
    /// Examples
    /// --------
    /// >>> sanov.ln_bessel_i0(0.0)
    /// 0.0
    ln_bessel_i0
);

unary!(
    /// The ratio I1(x) / I0(x) of modified Bessel functions (the mean resultant length of a
    /// von Mises distribution of concentration x), stable for large x, elementwise.
    ///
    /// Parameters
    /// ----------
    /// x : float or array_like
    ///
    /// Returns
    /// -------
    /// float, or ndarray of the shape of ``x``
    ///
    /// Examples
    /// --------
    /// >>> sanov.bessel_i1_i0_ratio(0.0)
    /// 0.0
    bessel_i1_i0_ratio
);

/// ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b), elementwise with NumPy
/// broadcasting.
///
/// Parameters
/// ----------
/// a, b : float or array_like
///
/// Returns
/// -------
/// float, or ndarray of the broadcast shape
///
/// Examples
/// --------
/// >>> sanov.ln_beta(1.0, 1.0)
/// 0.0
#[pyfunction]
fn ln_beta<'py>(a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    elementwise2(a, b, ("a", "b"), special::ln_beta)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(xlogy, m)?)?;
    m.add_function(wrap_pyfunction!(xlogx, m)?)?;
    m.add_function(wrap_pyfunction!(logsumexp, m)?)?;
    m.add_function(wrap_pyfunction!(ln_gamma, m)?)?;
    m.add_function(wrap_pyfunction!(digamma, m)?)?;
    m.add_function(wrap_pyfunction!(trigamma, m)?)?;
    m.add_function(wrap_pyfunction!(ln_beta, m)?)?;
    m.add_function(wrap_pyfunction!(ln_bessel_i0, m)?)?;
    m.add_function(wrap_pyfunction!(bessel_i1_i0_ratio, m)?)?;
    Ok(())
}
