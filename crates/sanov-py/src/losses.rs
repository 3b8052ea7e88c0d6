//! Bindings of `sanov::losses`: cross-entropy loss, label smoothing, binary cross-entropy
//! (from probabilities and from logits), perplexity.

use numpy::{Element, PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use sanov::losses::{self, Reduction};
use sanov::{Base, Real};

use crate::convert::{
    self, align, array1, array_shaped, detach, float, floats, fmt_shape, vector, Aligned, Axis,
    Float, Floats, Int,
};
use crate::error::{domain_error, shape_error, IntoPy};

/// A class index from a Python int (negative → `DomainError`, non-integer → `TypeError`).
fn class_index(t: i64, k: usize) -> PyResult<usize> {
    usize::try_from(t)
        .map_err(|_| domain_error(format!("target = {t} is out of range for {k} classes")))
}

/// The targets: one int, or (with `axis`) a sequence of ints.
fn targets(obj: &Bound<'_, PyAny>, batched: bool) -> PyResult<Vec<i64>> {
    if batched {
        return Ok(convert::labels(obj, "target")?.as_array().to_vec());
    }
    let t: Int = obj.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "target must be an integer class index, got {}",
            obj.get_type()
        ))
    })?;
    Ok(vec![t.i64("target")?])
}

/// `f(probs, target)` on one distribution or, with `axis`, on each row with its own target.
fn per_row<'py>(
    py: Python<'py>,
    probs: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    axis: Option<isize>,
    f: impl Fn(Slice<'_>, usize) -> sanov::Result<f64> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let probs = floats(probs, "probs")?;
    match &probs {
        Floats::F64(a) => per_row_t(py, a, target, axis, |x, t| f(Slice::F64(x), t)),
        Floats::F32(a) => per_row_t(py, a, target, axis, |x, t| f(Slice::F32(x), t)),
    }
}

/// A row of either element type.
enum Slice<'a> {
    F64(&'a [f64]),
    F32(&'a [f32]),
}

macro_rules! with_slice {
    ($s:expr, |$x:ident| $body:expr) => {
        match $s {
            Slice::F64($x) => $body,
            Slice::F32($x) => $body,
        }
    };
}

fn per_row_t<'py, T: Element + Real>(
    py: Python<'py>,
    a: &PyReadonlyArrayDyn<'py, T>,
    target: &Bound<'py, PyAny>,
    axis: Option<isize>,
    f: impl Fn(&[T], usize) -> sanov::Result<f64> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    if axis.is_none() || a.ndim() == 1 {
        let x = vector(a, "probs")?;
        let t = class_index(targets(target, false)?[0], x.len())?;
        return Ok(float(py, f(&x, t).py_err()?));
    }
    let m = a.as_array();
    if m.ndim() != 2 {
        return Err(shape_error(format!(
            "probs must be 1-D or 2-D, got shape {}",
            fmt_shape(a.shape())
        )));
    }
    let m = m
        .into_dimensionality::<ndarray::Ix2>()
        .map_err(|e| shape_error(e.to_string()))?;
    let m = match axis.map(|ax| ax.rem_euclid(2)) {
        Some(0) => m.reversed_axes(),
        _ => m,
    };
    if let Some(ax) = axis {
        if !(-2..2).contains(&ax) {
            return Err(shape_error(format!(
                "axis {ax} is out of bounds for an array of dimension 2"
            )));
        }
    }
    let ts = targets(target, true)?;
    if ts.len() != m.nrows() {
        return Err(shape_error(format!(
            "target has length {} but probs holds {} distributions",
            ts.len(),
            m.nrows()
        )));
    }
    let ts = ts
        .into_iter()
        .map(|t| class_index(t, m.ncols()))
        .collect::<PyResult<Vec<usize>>>()?;
    let out = detach(py, m.len(), || {
        m.outer_iter()
            .zip(&ts)
            .map(|(row, &t)| {
                let r: std::borrow::Cow<'_, [T]> = match row.to_slice() {
                    Some(s) => s.into(),
                    None => row.iter().copied().collect::<Vec<T>>().into(),
                };
                f(&r, t)
            })
            .collect::<sanov::Result<Vec<f64>>>()
    })
    .py_err()?;
    Ok(array1(py, out))
}

/// Cross-entropy loss (log-loss, negative log-likelihood) -log probs[target].
///
/// ``target`` is a 0-based class index; probs[target] = 0 gives +inf.
///
/// Parameters
/// ----------
#[doc = doc_dist!("probs")]
/// target : int, or sequence of int with ``axis``
///     The true class of each distribution.
#[doc = doc_base!()]
/// axis : int, optional
///     For 2-D ``probs``: the axis along which each distribution lies; one loss per
///     distribution is returned (take ``.mean()`` for PyTorch's default reduction).
///
/// Returns
/// -------
/// float, or 1-D ndarray with ``axis``
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.cross_entropy_loss([0.7, 0.2, 0.1], 2, base=2)
/// 3.321928094887362
#[pyfunction]
#[pyo3(signature = (probs, target, base=None, *, axis=None))]
fn cross_entropy_loss<'py>(
    py: Python<'py>,
    probs: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    axis: Option<Axis>,
) -> PyResult<Bound<'py, PyAny>> {
    let axis = axis.map(|v| v.0);
    let b = convert::base(base, "base")?;
    per_row(py, probs, target, axis, |x, t| {
        with_slice!(x, |x| losses::cross_entropy_loss(x, t, b))
    })
}

/// Cross-entropy against a label-smoothed target (PyTorch's convention):
/// -sum_k t_k log probs_k with t = (1 - epsilon) onehot(target) + epsilon / K on every class.
///
/// Equals ``torch.nn.functional.cross_entropy(log(probs), target, label_smoothing=epsilon)``.
///
/// Parameters
/// ----------
#[doc = doc_dist!("probs")]
/// target : int, or sequence of int with ``axis``
///     The true class of each distribution (0-based).
/// epsilon : float
///     The smoothing mass, in [0, 1]. ``label_smoothing=`` is an alias (give one of them).
#[doc = doc_base!()]
/// axis : int, optional
///     For 2-D ``probs``: the axis along which each distribution lies; one loss per
///     distribution is returned.
///
/// Returns
/// -------
/// float, or 1-D ndarray with ``axis``
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.label_smoothed_cross_entropy([0.7, 0.2, 0.1], 0, 0.0)
/// 0.35667494393873245
#[pyfunction]
#[pyo3(signature = (probs, target, epsilon=None, base=None, *, label_smoothing=None, axis=None))]
fn label_smoothed_cross_entropy<'py>(
    py: Python<'py>,
    probs: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    epsilon: Option<Float>,
    base: Option<&Bound<'py, PyAny>>,
    label_smoothing: Option<Float>,
    axis: Option<Axis>,
) -> PyResult<Bound<'py, PyAny>> {
    let axis = axis.map(|v| v.0);
    let eps = match (epsilon, label_smoothing) {
        (Some(e), None) | (None, Some(e)) => e.0,
        (None, None) => {
            return Err(PyTypeError::new_err(
                "missing the smoothing mass: pass epsilon (or label_smoothing)",
            ))
        }
        (Some(_), Some(_)) => {
            return Err(PyTypeError::new_err(
                "pass epsilon or label_smoothing, not both",
            ))
        }
    };
    let b = convert::base(base, "base")?;
    per_row(py, probs, target, axis, |x, t| {
        with_slice!(x, |x| losses::label_smoothed_cross_entropy(x, t, eps, b))
    })
}

/// `reduction=`: `Some` for "mean"/"sum", `None` for "none".
fn reduction(s: &str) -> PyResult<Option<Reduction>> {
    match s {
        "mean" => Ok(Some(Reduction::Mean)),
        "sum" => Ok(Some(Reduction::Sum)),
        "none" => Ok(None),
        _ => Err(domain_error(format!(
            "reduction = {s:?} is invalid: use \"mean\", \"sum\" or \"none\""
        ))),
    }
}

type Reduce<T> = fn(&[T], &[T], Reduction, Base) -> sanov::Result<f64>;
type Elementwise<T> = fn(&mut [f64], &[T], &[T], Base) -> sanov::Result<()>;

/// Common body of the two binary cross-entropies: `y` and the second input have the same
/// shape (any number of dimensions); the loss is reduced or returned elementwise.
#[allow(
    clippy::too_many_arguments,
    reason = "one core function per element type"
)]
fn bce<'py>(
    py: Python<'py>,
    y: &Bound<'py, PyAny>,
    x: &Bound<'py, PyAny>,
    xn: &str,
    base: Option<&Bound<'py, PyAny>>,
    red: &str,
    f64s: (Reduce<f64>, Elementwise<f64>),
    f32s: (Reduce<f32>, Elementwise<f32>),
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    let red = reduction(red)?;
    let y = floats(y, "y")?;
    let x = floats(x, xn)?;
    match align(y, x) {
        Aligned::F64(y, x) => bce_t(py, &y, &x, xn, b, red, f64s),
        Aligned::F32(y, x) => bce_t(py, &y, &x, xn, b, red, f32s),
    }
}

fn bce_t<'py, T: Element + Real>(
    py: Python<'py>,
    y: &PyReadonlyArrayDyn<'py, T>,
    x: &PyReadonlyArrayDyn<'py, T>,
    xn: &str,
    b: Base,
    red: Option<Reduction>,
    (reduce, into): (Reduce<T>, Elementwise<T>),
) -> PyResult<Bound<'py, PyAny>> {
    if y.shape() != x.shape() {
        return Err(shape_error(format!(
            "y has shape {} but {xn} has shape {}",
            fmt_shape(y.shape()),
            fmt_shape(x.shape())
        )));
    }
    let (ys, xs) = (convert::flat(y), convert::flat(x));
    let n = ys.len();
    if let Some(r) = red {
        Ok(float(
            py,
            detach(py, n, || reduce(&ys, &xs, r, b)).py_err()?,
        ))
    } else {
        let mut out = vec![0.0; n];
        detach(py, n, || into(&mut out, &ys, &xs, b)).py_err()?;
        array_shaped(py, y.shape(), out)
    }
}

/// Binary cross-entropy -[y log pi + (1 - y) log(1 - pi)] between targets y in [0, 1]
/// (hard or soft labels) and predicted probabilities pi = P(Y = 1).
///
/// 0 log 0 = 0; a confident wrong prediction (y > 0, pi = 0) costs +inf (PyTorch clamps
/// each log at -100 instead).
///
/// Parameters
/// ----------
/// y : array_like
///     Targets in [0, 1], any shape.
/// pi : array_like
///     Predicted probabilities in [0, 1], the shape of ``y``.
#[doc = doc_base!()]
/// reduction : {"mean", "sum", "none"}, default "mean"
///     "none" returns the elementwise losses, shaped like ``y``.
///
/// Returns
/// -------
/// float, or ndarray with ``reduction="none"``
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.binary_cross_entropy([1.0, 0.0], [0.5, 0.5], base=2)
/// 1.0
#[pyfunction]
#[pyo3(signature = (y, pi, base=None, *, reduction="mean"))]
fn binary_cross_entropy<'py>(
    py: Python<'py>,
    y: &Bound<'py, PyAny>,
    pi: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    reduction: &str,
) -> PyResult<Bound<'py, PyAny>> {
    bce(
        py,
        y,
        pi,
        "pi",
        base,
        reduction,
        (
            losses::binary_cross_entropy,
            losses::binary_cross_entropy_into,
        ),
        (
            losses::binary_cross_entropy,
            losses::binary_cross_entropy_into,
        ),
    )
}

/// Binary cross-entropy from logits z (pi = sigmoid(z)), computed stably as
/// max(z, 0) - y z + log(1 + exp(-|z|)); z = +-inf is allowed.
///
/// Equals ``torch.nn.functional.binary_cross_entropy_with_logits``.
///
/// Parameters
/// ----------
/// y : array_like
///     Targets in [0, 1], any shape.
/// logits : array_like
///     Logits (not NaN), the shape of ``y``.
#[doc = doc_base!()]
/// reduction : {"mean", "sum", "none"}, default "mean"
///     "none" returns the elementwise losses, shaped like ``y``.
///
/// Returns
/// -------
/// float, or ndarray with ``reduction="none"``
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.binary_cross_entropy_with_logits([0.0], [1000.0], reduction="sum")
/// 1000.0
#[pyfunction]
#[pyo3(signature = (y, logits, base=None, *, reduction="mean"))]
fn binary_cross_entropy_with_logits<'py>(
    py: Python<'py>,
    y: &Bound<'py, PyAny>,
    logits: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    reduction: &str,
) -> PyResult<Bound<'py, PyAny>> {
    bce(
        py,
        y,
        logits,
        "logits",
        base,
        reduction,
        (
            losses::binary_cross_entropy_with_logits,
            losses::binary_cross_entropy_with_logits_into,
        ),
        (
            losses::binary_cross_entropy_with_logits,
            losses::binary_cross_entropy_with_logits_into,
        ),
    )
}

/// Perplexity b^(-mean(log_b q(x_t))) = exp(-mean(ln q(x_t))) from the log-probabilities a
/// model gave the observed tokens.
///
/// Parameters
/// ----------
/// log_probs : array_like
///     1-D log-probabilities (<= 0; -inf allowed and gives +inf).
/// log_base : None, float or str, optional
///     The base of the logarithms in ``log_probs`` (None = natural logs, as
///     ``torch.log_softmax`` gives). The result itself has no unit.
///
/// Returns
/// -------
/// float
///
#[doc = doc_errors!()]
///
/// Examples
/// --------
/// >>> sanov.perplexity([-2.0, -2.0], log_base=2)
/// 4.0
#[pyfunction]
#[pyo3(signature = (log_probs, log_base=None))]
fn perplexity<'py>(
    py: Python<'py>,
    log_probs: &Bound<'py, PyAny>,
    log_base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(log_base, "log_base")?;
    let v = match floats(log_probs, "log_probs")? {
        Floats::F64(a) => {
            let x = vector(&a, "log_probs")?;
            detach(py, x.len(), || losses::perplexity(&x, b))
        }
        Floats::F32(a) => {
            let x = vector(&a, "log_probs")?;
            detach(py, x.len(), || losses::perplexity(&x, b))
        }
    };
    Ok(float(py, v.py_err()?))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(cross_entropy_loss, m)?)?;
    m.add_function(wrap_pyfunction!(label_smoothed_cross_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(binary_cross_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(binary_cross_entropy_with_logits, m)?)?;
    m.add_function(wrap_pyfunction!(perplexity, m)?)?;
    Ok(())
}
