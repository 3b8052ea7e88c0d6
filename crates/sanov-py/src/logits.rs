//! Bindings of the logit functions of `sanov::losses`: softmax cross-entropy (forward, fused
//! gradient, in place), log-softmax, softmax, softmax entropy, KL between the softmaxes of two
//! logit matrices. (Row-wise log-sum-exp is `sanov.logsumexp(x, axis=1)`, bound in
//! `special.rs`.)
//!
//! C-contiguous `float32` (and `float64`) logits are read in place, without a copy; outputs
//! have the logits' dtype.

use ndarray::{ArrayView2, ArrayViewMut2};
use numpy::{
    Element, PyArray2, PyArrayDescrMethods, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn,
    PyUntypedArray, PyUntypedArrayMethods,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use sanov::losses::{self, CrossEntropyOptions, Reduction, Targets};
use sanov::{Base, Par, Real};

use crate::convert::{
    self, array1, detach, float, floats, floats64, fmt_shape, Float, Floats, Int, Workers,
};
use crate::error::{domain_error, shape_error, IntoPy};

/// The 2-D view of a borrowed array (`ShapeError` unless 2-D).
fn matrix<'a, T: Element>(
    a: &'a PyReadonlyArrayDyn<'_, T>,
    arg: &str,
) -> PyResult<ArrayView2<'a, T>> {
    convert::view_dim(a, arg, "2-D [batch, classes]")
}

/// `reduction=`.
enum Red {
    Mean,
    Sum,
    None,
}

fn reduction(s: &str) -> PyResult<Red> {
    match s {
        "mean" => Ok(Red::Mean),
        "sum" => Ok(Red::Sum),
        "none" => Ok(Red::None),
        _ => Err(domain_error(format!(
            "reduction must be \"mean\", \"sum\" or \"none\", got {s:?}"
        ))),
    }
}

/// The target: class indices (an integer array, 1-D) or probabilities (a float array, 2-D).
enum Target<'py> {
    Classes(PyReadonlyArrayDyn<'py, i64>),
    Probs(Floats<'py>),
}

fn target<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Target<'py>> {
    // Float arrays, and nested lists of floats, are probabilities; anything else is read as
    // class indices (only lists are inspected element by element: other array-likes go
    // through the checked front door).
    let is_float = match obj.cast::<PyUntypedArray>() {
        Ok(a) => a.dtype().kind() == b'f',
        Err(_) => {
            obj.is_instance_of::<pyo3::types::PyList>() && obj.extract::<Vec<Vec<f64>>>().is_ok()
        }
    };
    if is_float {
        Ok(Target::Probs(floats(obj, "target")?))
    } else {
        let c = convert::int64s(obj, "target")?;
        if c.ndim() != 1 {
            return Err(convert::not_1d("target", c.shape()));
        }
        Ok(Target::Classes(c))
    }
}

/// The options shared by the cross-entropy functions.
struct Opts {
    reduction: Red,
    ignore_index: Option<i64>,
    label_smoothing: f64,
    weight: Option<Vec<f64>>,
    base: Base,
    par: Par,
}

impl Opts {
    fn core(&self) -> CrossEntropyOptions<'_> {
        let mut o = CrossEntropyOptions::default()
            .label_smoothing(self.label_smoothing)
            .base(self.base)
            .par(self.par)
            .reduction(match self.reduction {
                Red::Sum => Reduction::Sum,
                _ => Reduction::Mean,
            });
        if let Some(i) = self.ignore_index {
            o = o.ignore_index(i);
        }
        if let Some(w) = &self.weight {
            o = o.weight(w);
        }
        o
    }
}

#[allow(clippy::too_many_arguments)]
fn opts(
    reduction_s: &str,
    ignore_index: Option<Int>,
    label_smoothing: f64,
    weight: Option<&Bound<'_, PyAny>>,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Opts> {
    let weight = match weight {
        None => None,
        Some(w) => {
            let a = floats64(w, "weight")?;
            if a.ndim() != 1 {
                return Err(convert::not_1d("weight", a.shape()));
            }
            Some(convert::flat(&a).into_owned())
        }
    };
    Ok(Opts {
        reduction: reduction(reduction_s)?,
        ignore_index: ignore_index.map(|i| i.i64("ignore_index")).transpose()?,
        label_smoothing,
        weight,
        base: convert::base(base, "base")?,
        par: convert::par(workers.map(|w| w.0)),
    })
}

/// Soft targets in the logits' element type (converted when the dtypes differ).
fn probs_as<'py, T: Element + Real>(
    p: &Floats<'py>,
    py: Python<'py>,
) -> PyResult<PyReadonlyArrayDyn<'py, T>> {
    let obj: Bound<'py, PyAny> = match p {
        Floats::F64(a) => a.as_any().clone(),
        Floats::F32(a) => a.as_any().clone(),
    };
    let dtype = if core::any::TypeId::of::<T>() == core::any::TypeId::of::<f32>() {
        "float32"
    } else {
        "float64"
    };
    // `copy=False`: probabilities already in the logits' dtype are borrowed, not copied.
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("copy", false)?;
    let a = obj.call_method("astype", (dtype,), Some(&kwargs))?;
    a.cast::<PyArrayDyn<T>>()
        .map_err(|_| PyTypeError::new_err("target cannot be converted to the logits' dtype"))?
        .try_readonly()
        .map_err(|_| PyTypeError::new_err("target is mutably borrowed elsewhere"))
}

/// The forward on one element type.
fn forward_t<'py, T: Element + Real>(
    py: Python<'py>,
    x: &PyReadonlyArrayDyn<'py, T>,
    t: &Target<'py>,
    o: &Opts,
) -> PyResult<Bound<'py, PyAny>> {
    let xv = matrix(x, "logits")?;
    let probs = match t {
        Target::Probs(p) => Some(probs_as::<T>(p, py)?),
        Target::Classes(_) => None,
    };
    let pv = probs.as_ref().map(|p| matrix(p, "target")).transpose()?;
    // Class indices are read in place when contiguous, copied otherwise (strided, reversed).
    let classes = match t {
        Target::Classes(c) => Some(convert::flat(c)),
        Target::Probs(_) => None,
    };
    let targets = match (&classes, pv) {
        (Some(c), _) => Targets::Classes(c),
        (None, Some(pv)) => Targets::Probs(pv),
        (None, None) => return Err(shape_error("target: internal error")),
    };
    let core = o.core();
    let n = xv.len();
    if let Red::None = o.reduction {
        let mut out = vec![0.0; xv.nrows()];
        detach(py, n, || {
            losses::softmax_cross_entropy_into(&mut out, xv, targets, &core)
        })
        .py_err()?;
        return Ok(array1(py, out));
    }
    let v = detach(py, n, || losses::softmax_cross_entropy(xv, targets, &core)).py_err()?;
    Ok(float(py, v))
}

/// Softmax cross-entropy from logits, PyTorch's ``torch.nn.functional.cross_entropy``.
///
/// For each row i: ``-sum_k w_k t_k log softmax(logits_i)_k`` with ``t`` the one-hot target
/// (or the given probabilities) smoothed to ``(1 - label_smoothing) t + label_smoothing / V``.
/// Numerically stable for logits of any magnitude (±1e30) and -inf entries; float32 logits
/// are read in place (no copy for C-contiguous input) and accumulated in float64.
///
/// Parameters
/// ----------
/// logits : array_like, shape (B, V)
///     Unnormalised log-probabilities, float32 or float64. NaN and +inf raise; -inf is a
///     class of probability 0 (a row of -inf only raises).
/// target : array_like
///     Class indices, shape (B,), integers in [0, V) (or ``ignore_index``); or class
///     probabilities, shape (B, V), float, non-negative (rows need not sum to 1; converted
///     to the logits' dtype).
/// reduction : {"mean", "sum", "none"}, default "mean"
///     As PyTorch: "mean" divides by the summed weight of the non-ignored targets (class
///     indices) or by B (probabilities); "none" returns one loss per row (0 when ignored).
/// ignore_index : int, optional
///     Rows whose class equals this are skipped (PyTorch's default is -100; here None).
/// label_smoothing : float, default 0.0
///     In [0, 1], PyTorch's convention.
/// weight : array_like, shape (V,), optional
///     Class weights, finite and non-negative.
#[doc = doc_base!()]
/// workers : int, optional
///     Row parallelism (None or 0: every thread for large inputs; 1: the calling thread).
///
/// Returns
/// -------
/// float, or ndarray of shape (B,) for ``reduction="none"``
///
/// Raises
/// ------
/// ShapeError
///     Wrong dimensions or mismatched shapes.
/// DomainError
///     NaN or +inf logits, an all -inf row, a class outside [0, V), invalid smoothing or
///     weights; and ``reduction="mean"`` when every target is ignored (PyTorch returns NaN
///     there; use ``reduction="sum"``, which gives 0).
///
/// Examples
/// --------
/// >>> import numpy as np
/// >>> round(sanov.softmax_cross_entropy(np.zeros((2, 4), np.float32), [0, 3]), 12)
/// 1.38629436112
#[pyfunction]
#[pyo3(signature = (logits, target, *, reduction="mean", ignore_index=None, label_smoothing=0.0, weight=None, base=None, workers=None))]
#[allow(clippy::too_many_arguments)]
fn softmax_cross_entropy<'py>(
    py: Python<'py>,
    logits: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    reduction: &str,
    ignore_index: Option<Int>,
    label_smoothing: f64,
    weight: Option<&Bound<'py, PyAny>>,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let o = opts(
        reduction,
        ignore_index,
        label_smoothing,
        weight,
        base,
        workers,
    )?;
    let t = self::target(target)?;
    match floats(logits, "logits")? {
        Floats::F64(x) => forward_t(py, &x, &t, &o),
        Floats::F32(x) => forward_t(py, &x, &t, &o),
    }
}

/// The fused forward and backward on one element type; `grad` is the output array.
fn grad_t<'py, T: Element + Real>(
    py: Python<'py>,
    x: Option<&PyReadonlyArrayDyn<'py, T>>,
    grad: &Bound<'py, PyArray2<T>>,
    t: &Target<'py>,
    o: &Opts,
) -> PyResult<f64> {
    let probs = match t {
        Target::Probs(p) => Some(probs_as::<T>(p, py)?),
        Target::Classes(_) => None,
    };
    let pv = probs.as_ref().map(|p| matrix(p, "target")).transpose()?;
    // Class indices are read in place when contiguous, copied otherwise (strided, reversed).
    let classes = match t {
        Target::Classes(c) => Some(convert::flat(c)),
        Target::Probs(_) => None,
    };
    let targets = match (&classes, pv) {
        (Some(c), _) => Targets::Classes(c),
        (None, Some(pv)) => Targets::Probs(pv),
        (None, None) => return Err(shape_error("target: internal error")),
    };
    let core = o.core();
    let mut rw = grad.try_readwrite().map_err(|_| {
        PyTypeError::new_err(
            "the gradient buffer (out=, or logits with in_place=True) is not writable: it is \
                 read-only, or aliases another argument of this call (target, weight)",
        )
    })?;
    let g: ArrayViewMut2<'_, T> = rw.as_array_mut();
    let n = g.len();
    match x {
        Some(x) => {
            let xv = matrix(x, "logits")?;
            detach(py, n, || {
                losses::softmax_cross_entropy_grad(xv, targets, &core, g)
            })
            .py_err()
        }
        None => detach(py, n, || {
            losses::softmax_cross_entropy_grad_in_place(g, targets, &core)
        })
        .py_err(),
    }
}

fn grad_dispatch<'py, T: Element + Real>(
    py: Python<'py>,
    logits: &Bound<'py, PyAny>,
    x: PyReadonlyArrayDyn<'py, T>,
    t: &Target<'py>,
    o: &Opts,
    out: Option<&Bound<'py, PyAny>>,
    in_place: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    if in_place {
        if out.is_some() {
            return Err(PyTypeError::new_err(
                "in_place=True writes the gradient into logits: pass either out= or \
                 in_place=True, not both",
            ));
        }
        drop(x);
        let g = logits.cast::<PyArray2<T>>().map_err(|_| {
            PyTypeError::new_err("in_place=True needs logits as a 2-D float32 or float64 ndarray")
        })?;
        let loss = grad_t(py, None, g, t, o)?;
        return PyTuple::new(py, [float(py, loss), g.clone().into_any()]);
    }
    let g = if let Some(out) = out {
        out.cast::<PyArray2<T>>()
            .map_err(|_| PyTypeError::new_err("out must be a 2-D ndarray of the logits' dtype"))?
            .clone()
    } else {
        let shape = x.shape();
        if shape.len() != 2 {
            return Err(shape_error(format!(
                "logits must be 2-D [batch, classes], got shape {}",
                fmt_shape(shape)
            )));
        }
        PyArray2::<T>::zeros(py, [shape[0], shape[1]], false)
    };
    let loss = grad_t(py, Some(&x), &g, t, o)?;
    PyTuple::new(py, [float(py, loss), g.into_any()])
}

/// Fused forward and backward of :func:`softmax_cross_entropy`: the reduced loss and its
/// gradient with respect to the logits, ``c * ((sum_k w_k t_k) softmax - w * t)`` (softmax
/// minus the target for unit weights), with ``c = 1 / denominator`` for "mean" and 1 for
/// "sum"; ignored rows get 0.
///
/// Parameters
/// ----------
/// logits, target, reduction, ignore_index, label_smoothing, weight, base, workers
///     As :func:`softmax_cross_entropy`; ``reduction`` is "mean" or "sum".
/// out : ndarray, optional
///     A writable (B, V) array of the logits' dtype for the gradient.
/// in_place : bool, default False
///     Write the gradient over ``logits`` (which must then be a writable 2-D float32 or
///     float64 ndarray); no second (B, V) buffer is allocated.
///
/// Returns
/// -------
/// (float, ndarray)
///     The loss and the gradient (``out``, ``logits`` when ``in_place``, or a new array).
///
/// Raises
/// ------
/// ShapeError, DomainError
///     As :func:`softmax_cross_entropy`.
///
/// Examples
/// --------
/// >>> loss, g = sanov.softmax_cross_entropy_grad(np.zeros((1, 2)), [0])
/// >>> g.tolist()
/// [[-0.5, 0.5]]
#[pyfunction]
#[pyo3(signature = (logits, target, *, reduction="mean", ignore_index=None, label_smoothing=0.0, weight=None, base=None, workers=None, out=None, in_place=false))]
#[allow(clippy::too_many_arguments)]
fn softmax_cross_entropy_grad<'py>(
    py: Python<'py>,
    logits: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    reduction: &str,
    ignore_index: Option<Int>,
    label_smoothing: f64,
    weight: Option<&Bound<'py, PyAny>>,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
    out: Option<&Bound<'py, PyAny>>,
    in_place: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let o = opts(
        reduction,
        ignore_index,
        label_smoothing,
        weight,
        base,
        workers,
    )?;
    if let Red::None = o.reduction {
        return Err(domain_error(
            "reduction=\"none\" has no scalar loss to differentiate: use \"mean\" or \"sum\"",
        ));
    }
    let t = self::target(target)?;
    match floats(logits, "logits")? {
        Floats::F64(x) => grad_dispatch(py, logits, x, &t, &o, out, in_place),
        Floats::F32(x) => grad_dispatch(py, logits, x, &t, &o, out, in_place),
    }
}

/// A row transform at a temperature, for `f32` or `f64` logits.
type Transform<T> = fn(ArrayViewMut2<'_, T>, ArrayView2<'_, T>, f64, Par) -> sanov::Result<()>;

/// A (B, V) output of the logits' dtype from a row transform at `temperature`.
fn transform<'py>(
    py: Python<'py>,
    logits: &Bound<'py, PyAny>,
    temperature: f64,
    workers: Option<Workers>,
    f32_fn: Transform<f32>,
    f64_fn: Transform<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    fn run<'py, T: Element + Real>(
        py: Python<'py>,
        x: &PyReadonlyArrayDyn<'py, T>,
        temperature: f64,
        par: Par,
        f: Transform<T>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let xv = matrix(x, "logits")?;
        let out = PyArray2::<T>::zeros(py, xv.dim(), false);
        {
            let mut rw = out.readwrite();
            let o = rw.as_array_mut();
            detach(py, xv.len(), || f(o, xv, temperature, par)).py_err()?;
        }
        Ok(out.into_any())
    }
    let par = convert::par(workers.map(|w| w.0));
    match floats(logits, "logits")? {
        Floats::F64(x) => run(py, &x, temperature, par, f64_fn),
        Floats::F32(x) => run(py, &x, temperature, par, f32_fn),
    }
}

/// Row-wise log-softmax at a temperature, ``y - logsumexp(y, axis=1)`` with
/// ``y = logits / temperature``, stable for any magnitude.
///
/// Parameters
/// ----------
/// logits : array_like, shape (B, V)
///     float32 or float64 (kept); NaN and +inf raise, -inf gives -inf.
/// temperature : float, default 1.0
///     T > 0 and finite; the rows are divided by T (formed as (x - max x) / T, so a small T
///     does not overflow). T = 1 is the plain log-softmax.
/// workers : int, optional
///     Row parallelism.
///
/// Returns
/// -------
/// ndarray, shape (B, V), the logits' dtype
///
/// Raises
/// ------
/// DomainError
///     temperature <= 0 or not finite; NaN or +inf logits; a row of -inf only.
/// ShapeError
///     logits not 2-D, or without columns.
///
/// Examples
/// --------
/// >>> sanov.log_softmax([[0.0, 0.0]]).tolist()
/// [[-0.6931471805599453, -0.6931471805599453]]
#[pyfunction]
#[pyo3(
    signature = (logits, *, temperature=Float(1.0), workers=None),
    text_signature = "(logits, *, temperature=1.0, workers=None)"
)]
fn log_softmax<'py>(
    py: Python<'py>,
    logits: &Bound<'py, PyAny>,
    temperature: Float,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    transform(
        py,
        logits,
        temperature.0,
        workers,
        losses::log_softmax_into::<f32>,
        losses::log_softmax_into::<f64>,
    )
}

/// Row-wise softmax at a temperature, ``softmax(logits / temperature)`` =
/// ``exp(y - logsumexp(y, axis=1))`` with ``y = logits / temperature``.
///
/// Small T sharpens the distribution towards the arg-max, large T flattens it towards the
/// uniform distribution over the finite logits; ``sanov.gibbs(E, T).probabilities`` is
/// ``softmax(-E, temperature=T)``.
///
/// Parameters
/// ----------
/// logits : array_like, shape (B, V)
///     float32 or float64 (kept).
/// temperature : float, default 1.0
///     T > 0 and finite; the rows are divided by T (formed as (x - max x) / T, so a small T
///     does not overflow).
/// workers : int, optional
///     Row parallelism.
///
/// Returns
/// -------
/// ndarray, shape (B, V), the logits' dtype; each row sums to 1 within rounding.
///
/// Raises
/// ------
/// DomainError
///     temperature <= 0 or not finite; NaN or +inf logits; a row of -inf only.
/// ShapeError
///     logits not 2-D, or without columns.
///
/// Examples
/// --------
/// >>> sanov.softmax([[1e30, 1e30, -np.inf]]).tolist()
/// [[0.5, 0.5, 0.0]]
/// >>> sanov.softmax([[0.0, np.log(3.0)]], temperature=0.5).round(12).tolist()
/// [[0.1, 0.9]]
#[pyfunction]
#[pyo3(
    signature = (logits, *, temperature=Float(1.0), workers=None),
    text_signature = "(logits, *, temperature=1.0, workers=None)"
)]
fn softmax<'py>(
    py: Python<'py>,
    logits: &Bound<'py, PyAny>,
    temperature: Float,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    transform(
        py,
        logits,
        temperature.0,
        workers,
        losses::softmax_into::<f32>,
        losses::softmax_into::<f64>,
    )
}

/// Per-row `f(out, x)` into a float64 vector.
fn per_row_values<'py>(
    py: Python<'py>,
    logits: &Bound<'py, PyAny>,
    f32_fn: impl Fn(&mut [f64], ArrayView2<'_, f32>) -> sanov::Result<()> + Send + Sync,
    f64_fn: impl Fn(&mut [f64], ArrayView2<'_, f64>) -> sanov::Result<()> + Send + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let out = match floats(logits, "logits")? {
        Floats::F64(x) => {
            let xv = matrix(&x, "logits")?;
            let mut out = vec![0.0; xv.nrows()];
            detach(py, xv.len(), || f64_fn(&mut out, xv)).py_err()?;
            out
        }
        Floats::F32(x) => {
            let xv = matrix(&x, "logits")?;
            let mut out = vec![0.0; xv.nrows()];
            detach(py, xv.len(), || f32_fn(&mut out, xv)).py_err()?;
            out
        }
    };
    Ok(array1(py, out))
}

/// Row-wise entropy of the softmax of the logits, ``H(softmax(logits_i))``.
///
/// Parameters
/// ----------
/// logits : array_like, shape (B, V)
#[doc = doc_base!()]
/// workers : int, optional
///
/// Returns
/// -------
/// ndarray, shape (B,), float64
///
/// Examples
/// --------
/// >>> sanov.softmax_entropy([[3.0, 3.0, 3.0, 3.0]], base=2).tolist()
/// [2.0]
#[pyfunction]
#[pyo3(signature = (logits, base=None, *, workers=None))]
fn softmax_entropy<'py>(
    py: Python<'py>,
    logits: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let (b, par) = (
        convert::base(base, "base")?,
        convert::par(workers.map(|w| w.0)),
    );
    per_row_values(
        py,
        logits,
        |o, x| losses::softmax_entropy_into(o, x, b, par),
        |o, x| losses::softmax_entropy_into(o, x, b, par),
    )
}

/// Row-wise KL divergence between the softmaxes of two logit matrices (distillation):
/// ``D(softmax(p_logits_i) || softmax(q_logits_i))``. Reverse KL: swap the arguments.
///
/// Equals ``torch.nn.functional.kl_div(log_softmax(q), log_softmax(p), log_target=True,
/// reduction="none").sum(1)``; +inf where q has -inf under p's support.
///
/// Parameters
/// ----------
/// p_logits, q_logits : array_like, shape (B, V)
///     The same shape; float32 with float64 is promoted to float64.
#[doc = doc_base!()]
/// workers : int, optional
///
/// Returns
/// -------
/// ndarray, shape (B,), float64
///
/// Examples
/// --------
/// >>> sanov.kl_divergence_logits([[0.0, 0.0]], [[5.0, 5.0]]).tolist()
/// [0.0]
#[pyfunction]
#[pyo3(signature = (p_logits, q_logits, base=None, *, workers=None))]
fn kl_divergence_logits<'py>(
    py: Python<'py>,
    p_logits: &Bound<'py, PyAny>,
    q_logits: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    fn run<'py, T: Element + Real>(
        py: Python<'py>,
        p: &PyReadonlyArrayDyn<'py, T>,
        q: &PyReadonlyArrayDyn<'py, T>,
        b: Base,
        par: Par,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (pv, qv) = (matrix(p, "p_logits")?, matrix(q, "q_logits")?);
        let mut out = vec![0.0; pv.nrows()];
        detach(py, pv.len(), || {
            losses::kl_divergence_logits_into(&mut out, pv, qv, b, par)
        })
        .py_err()?;
        Ok(array1(py, out))
    }
    let (b, par) = (
        convert::base(base, "base")?,
        convert::par(workers.map(|w| w.0)),
    );
    let (p, q) = (floats(p_logits, "p_logits")?, floats(q_logits, "q_logits")?);
    match (p, q) {
        (Floats::F32(p), Floats::F32(q)) => run(py, &p, &q, b, par),
        (p, q) => {
            let up = |f: Floats<'py>| -> PyResult<PyReadonlyArrayDyn<'py, f64>> {
                Ok(match f {
                    Floats::F64(a) => a,
                    Floats::F32(a) => floats64(a.as_any(), "logits")?,
                })
            };
            run(py, &up(p)?, &up(q)?, b, par)
        }
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(softmax_cross_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(softmax_cross_entropy_grad, m)?)?;
    m.add_function(wrap_pyfunction!(log_softmax, m)?)?;
    m.add_function(wrap_pyfunction!(softmax, m)?)?;
    m.add_function(wrap_pyfunction!(softmax_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(kl_divergence_logits, m)?)?;
    Ok(())
}
