//! Bindings of `sanov::channels`.

use numpy::PyUntypedArrayMethods;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;
use sanov::channels;
use sanov::iterate::StoppingRule;

use crate::cancel::interruptible;
use crate::convert::{self, elementwise, floats64, fmt_shape, named_tuple, Int};
use crate::error::{shape_error, IntoPy};

static CAPACITY_RESULT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static RATE_DISTORTION_RESULT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The named tuple `sanov.CapacityResult(capacity, input_distribution, gap, iterations)`.
fn capacity_result_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    named_tuple(
        py,
        &CAPACITY_RESULT,
        "CapacityResult",
        &["capacity", "input_distribution", "gap", "iterations"],
        "Channel capacity (in the unit of base), the capacity-achieving input, the certified gap \
         (upper minus lower bound, nats) and the iterations used.",
    )
}

/// The named tuple `sanov.RateDistortionResult(rate, distortion, test_channel,
/// output_distribution, slope, gap, iterations)`.
fn rate_distortion_result_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    named_tuple(
        py,
        &RATE_DISTORTION_RESULT,
        "RateDistortionResult",
        &[
            "rate",
            "distortion",
            "test_channel",
            "output_distribution",
            "slope",
            "gap",
            "iterations",
        ],
        "R(D) (in the unit of base, an upper bound within gap of the true value), the expected \
         distortion of the test channel Q(xhat|x), the test channel, its output law, the slope \
         beta (R has slope -beta at D, nats per unit distortion), the certified gap (nats) and \
         the inner iterations used.",
    )
}

/// A 2-D float64 matrix argument.
fn matrix_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<ndarray::Array2<f64>> {
    convert::array64(obj, name, "a 2-D matrix")
}

/// A matrix as an ndarray.
fn matrix(py: Python<'_>, w: ndarray::Array2<f64>) -> Bound<'_, PyAny> {
    numpy::IntoPyArray::into_pyarray(w, py).into_any()
}

/// Capacity of a discrete memoryless channel by accelerated Blahut-Arimoto.
///
/// C = max_p I(p; W), with ``channel[x][y] = P(Y=y | X=x)``. Stops when the certified gap
/// max_x D(W(.|x) || pW) - I(p; W) is at most ``tol`` nats; the reported capacity is I(p; W),
/// a lower bound within ``gap`` of C. Iterates are extrapolated by SQUAREM in log-space
/// (Varadhan & Roland 2008) unless ``accelerate=False``.
///
/// Parameters
/// ----------
/// channel : array_like, shape (|X|, |Y|)
///     Row-stochastic matrix; each row a probability vector.
#[doc = doc_base!()]
/// tol : float, optional
///     Gap at which to stop, nats (default 1e-12).
/// max_iter : int, optional
///     Evaluations of the Blahut-Arimoto map before ConvergenceError (default 10000).
/// accelerate : bool, optional
///     SQUAREM extrapolation (default True).
///
/// Returns
/// -------
/// CapacityResult
///     Named tuple (capacity, input_distribution, gap, iterations).
///
/// Raises
/// ------
/// ShapeError
///     Not 2-D, or an empty dimension.
/// DomainError
///     A row that is not a probability vector; bad tol or max_iter.
/// ConvergenceError
///     The gap is above tol after max_iter iterations.
///
/// Examples
/// --------
/// >>> r = sanov.channel_capacity(sanov.binary_erasure_channel(0.25), base=2)
/// >>> round(r.capacity, 12)
/// 0.75
///
/// References: Blahut (1972); Arimoto (1972); Cover & Thomas, Elements of Information
/// Theory, 2nd ed., section 10.8.
#[pyfunction]
#[pyo3(
    signature = (channel, base=None, *, tol=1e-12, max_iter=Int::Small(10_000), accelerate=true),
    text_signature = "(channel, base=None, *, tol=1e-12, max_iter=10000, accelerate=True)"
)]
fn channel_capacity<'py>(
    channel: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    tol: f64,
    max_iter: Int,
    accelerate: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let max_iter = max_iter.usize("max_iter")?;
    let py = channel.py();
    let b = convert::base(base, "base")?;
    let w = matrix_arg(channel, "channel")?;
    let params = channels::CapacityOptions {
        rule: StoppingRule {
            max_iterations: max_iter,
            tolerance: tol,
        },
        base: b,
        accelerate,
    };
    let r = interruptible(py, w.len(), || {
        channels::channel_capacity(w.view(), &params)
    })?
    .py_err()?;
    let p = numpy::IntoPyArray::into_pyarray(r.input_distribution, py).into_any();
    let args = PyTuple::new(
        py,
        [
            convert::float(py, r.capacity),
            p,
            convert::float(py, r.gap),
            r.diagnostics.iterations.into_pyobject(py)?.into_any(),
        ],
    )?;
    capacity_result_type(py)?.call1(args)
}

/// The binary symmetric channel [[1-p, p], [p, 1-p]] (capacity ln 2 - h(p)).
///
/// Raises
/// ------
/// DomainError
///     p outside [0, 1].
///
/// Examples
/// --------
/// >>> sanov.binary_symmetric_channel(0.25).tolist()
/// [[0.75, 0.25], [0.25, 0.75]]
#[pyfunction]
fn binary_symmetric_channel(py: Python<'_>, p: f64) -> PyResult<Bound<'_, PyAny>> {
    Ok(matrix(py, channels::binary_symmetric(p).py_err()?))
}

/// The binary erasure channel [[1-e, e, 0], [0, e, 1-e]], outputs (0, erasure, 1)
/// (capacity (1 - e) ln 2).
///
/// Raises
/// ------
/// DomainError
///     e outside [0, 1].
///
/// Examples
/// --------
/// >>> sanov.binary_erasure_channel(0.5).tolist()
/// [[0.5, 0.5, 0.0], [0.0, 0.5, 0.5]]
#[pyfunction]
fn binary_erasure_channel(py: Python<'_>, e: f64) -> PyResult<Bound<'_, PyAny>> {
    Ok(matrix(py, channels::binary_erasure(e).py_err()?))
}

/// The Z-channel [[1, 0], [p, 1-p]] (capacity ln(1 + (1-p) p^(p/(1-p)))).
///
/// Raises
/// ------
/// DomainError
///     p outside [0, 1].
///
/// Examples
/// --------
/// >>> sanov.z_channel(0.5).tolist()
/// [[1.0, 0.0], [0.5, 0.5]]
#[pyfunction]
fn z_channel(py: Python<'_>, p: f64) -> PyResult<Bound<'_, PyAny>> {
    Ok(matrix(py, channels::z_channel(p).py_err()?))
}

/// The k-ary symmetric channel: 1-p on the diagonal, p/(k-1) elsewhere
/// (capacity ln k - h(p) - p ln(k-1)).
///
/// Raises
/// ------
/// DomainError
///     p outside [0, 1], or k < 2.
///
/// Examples
/// --------
/// >>> sanov.symmetric_channel(3, 0.5).tolist()
/// [[0.5, 0.25, 0.25], [0.25, 0.5, 0.25], [0.25, 0.25, 0.5]]
#[pyfunction]
fn symmetric_channel(py: Python<'_>, k: Int, p: f64) -> PyResult<Bound<'_, PyAny>> {
    let k = k.usize("k")?;
    Ok(matrix(py, channels::symmetric(k, p).py_err()?))
}

/// The noisy typewriter with k letters: each letter is received as itself or the next one
/// (cyclically) with probability 1/2 (capacity ln(k/2)).
///
/// Raises
/// ------
/// DomainError
///     k < 2.
///
/// Examples
/// --------
/// >>> sanov.typewriter_channel(3).tolist()
/// [[0.5, 0.5, 0.0], [0.0, 0.5, 0.5], [0.5, 0.0, 0.5]]
#[pyfunction]
fn typewriter_channel(py: Python<'_>, k: Int) -> PyResult<Bound<'_, PyAny>> {
    let k = k.usize("k")?;
    Ok(matrix(py, channels::typewriter(k).py_err()?))
}

/// Rate-distortion function of a Bernoulli(p) source under Hamming distortion:
/// h(p) - h(d) for d < min(p, 1-p), else 0.
///
/// Parameters
/// ----------
/// p : float
///     P(X = 1), in [0, 1].
/// d : float
///     Allowed expected Hamming distortion, >= 0.
#[doc = doc_base!()]
///
/// Raises
/// ------
/// DomainError
///     p outside [0, 1]; d NaN.
/// InfeasibleError
///     d < 0.
///
/// Examples
/// --------
/// >>> sanov.binary_rate_distortion(0.5, 0.0, base=2)
/// 1.0
///
/// References: Cover & Thomas, Elements of Information Theory, 2nd ed., Theorem 10.3.1.
#[pyfunction]
#[pyo3(signature = (p, d, base=None))]
fn binary_rate_distortion(p: f64, d: f64, base: Option<&Bound<'_, PyAny>>) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    channels::binary_rate_distortion(p, d, b).py_err()
}

/// The rate-distortion function R(D) of a discrete source, by Blahut's parametric method with
/// a certified gap.
///
/// R(D) = min I(X; Xhat) over test channels Q(xhat|x) with expected distortion
/// sum_x p(x) sum_xhat Q(xhat|x) d(x, xhat) <= D. ``D < D_min = sum_x p(x) min_xhat d`` is
/// infeasible; ``D >= D_max = min_xhat sum_x p(x) d(x, xhat)`` gives exactly 0. In between, the
/// slope is located by regula falsi on ln(beta), each slope's Blahut problem is solved by
/// projected (damped) Newton steps, and the answer is certified by Blahut's dual lower bound
/// and the mutual information of a mixture of test channels with distortion exactly D. Stops when the upper
/// minus lower bound is at most ``tol`` nats.
///
/// Parameters
/// ----------
/// source : array_like, shape (|X|,)
///     Source distribution p(x).
/// distortion : array_like, shape (|X|, |Xhat|)
///     d(x, xhat): real; +inf forbids a pair.
/// d : float
///     The allowed expected distortion D.
#[doc = doc_base!()]
/// tol : float, optional
///     Gap at which to stop, nats (default 1e-12).
/// max_iter : int, optional
///     Inner iterations in all before ConvergenceError (default 100000).
///
/// Returns
/// -------
/// RateDistortionResult
///     Named tuple (rate, distortion, test_channel, output_distribution, slope, gap,
///     iterations); ``rate`` is I of ``test_channel``, an upper bound within ``gap`` nats.
///
/// Raises
/// ------
/// ShapeError
///     ``distortion`` not 2-D, or not one row per source symbol.
/// DomainError
///     ``source`` not a probability vector; NaN or -inf distortion; NaN ``d``; bad tol/max_iter.
/// InfeasibleError
///     ``d < D_min``, or a source symbol with +inf distortion everywhere.
/// ConvergenceError
///     The gap is above tol after max_iter evaluations.
///
/// Examples
/// --------
/// >>> import numpy as np
/// >>> r = sanov.rate_distortion([0.5, 0.5], 1 - np.eye(2), 0.11, base=2)
/// >>> round(r.rate, 10)  # 1 - h(0.11)
/// 0.5000840418
///
/// References: Blahut (1972); Cover & Thomas, Elements of Information Theory, 2nd ed.,
/// section 10.8.
#[pyfunction]
#[pyo3(
    signature = (source, distortion, d, base=None, *, tol=1e-12, max_iter=Int::Small(100_000)),
    text_signature = "(source, distortion, d, base=None, *, tol=1e-12, max_iter=100000)"
)]
fn rate_distortion<'py>(
    source: &Bound<'py, PyAny>,
    distortion: &Bound<'py, PyAny>,
    d: f64,
    base: Option<&Bound<'py, PyAny>>,
    tol: f64,
    max_iter: Int,
) -> PyResult<Bound<'py, PyAny>> {
    let max_iter = max_iter.usize("max_iter")?;
    let py = source.py();
    let b = convert::base(base, "base")?;
    let p = floats64(source, "source")?;
    if p.ndim() != 1 {
        return Err(shape_error(format!(
            "source must be 1-D, got shape {}",
            fmt_shape(p.shape())
        )));
    }
    let p: Vec<f64> = p.as_array().iter().copied().collect();
    let dist = matrix_arg(distortion, "distortion")?;
    let params = channels::RateDistortionOptions {
        rule: StoppingRule {
            max_iterations: max_iter,
            tolerance: tol,
        },
        base: b,
    };
    let r = interruptible(py, dist.len(), || {
        channels::rate_distortion(&p, dist.view(), d, &params)
    })?
    .py_err()?;
    let args = PyTuple::new(
        py,
        [
            convert::float(py, r.rate),
            convert::float(py, r.distortion),
            matrix(py, r.test_channel),
            numpy::IntoPyArray::into_pyarray(r.output_distribution, py).into_any(),
            convert::float(py, r.slope),
            convert::float(py, r.gap),
            r.diagnostics.iterations.into_pyobject(py)?.into_any(),
        ],
    )?;
    rate_distortion_result_type(py)?.call1(args)
}

/// Capacity of the additive white Gaussian noise channel, (1/2) log(1 + snr) per real
/// channel use.
///
/// Parameters
/// ----------
/// snr : float or array_like
///     Signal-to-noise ratio, linear (not dB), >= 0; arrays are computed elementwise.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float, or ndarray of the shape of ``snr``
///
/// Raises
/// ------
/// DomainError
///     snr negative or NaN.
///
/// Examples
/// --------
/// >>> sanov.awgn_capacity(3.0, base=2)
/// 1.0
#[pyfunction]
#[pyo3(signature = (snr, base=None))]
fn awgn_capacity<'py>(
    snr: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    elementwise(snr, "snr", |x| channels::awgn_capacity(x, b))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(awgn_capacity, m)?)?;
    m.add_function(wrap_pyfunction!(channel_capacity, m)?)?;
    m.add_function(wrap_pyfunction!(binary_symmetric_channel, m)?)?;
    m.add_function(wrap_pyfunction!(binary_erasure_channel, m)?)?;
    m.add_function(wrap_pyfunction!(z_channel, m)?)?;
    m.add_function(wrap_pyfunction!(symmetric_channel, m)?)?;
    m.add_function(wrap_pyfunction!(typewriter_channel, m)?)?;
    m.add_function(wrap_pyfunction!(binary_rate_distortion, m)?)?;
    m.add_function(wrap_pyfunction!(rate_distortion, m)?)?;
    m.add("CapacityResult", capacity_result_type(m.py())?)?;
    m.add("RateDistortionResult", rate_distortion_result_type(m.py())?)?;
    Ok(())
}
