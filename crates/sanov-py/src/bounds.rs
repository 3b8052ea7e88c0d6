//! Bindings of `sanov::bounds`: InfoNCE, NWJ, Donsker–Varadhan and the JS bound from a
//! critic's score matrix, with the gradient from the same pass (`grad=True`).
//!
//! `float32` and `float64` scores are read in place (C-contiguous); the gradient has the
//! scores' dtype and shape. 2-D scores give a float, 3-D `[B, N, M]` one value per matrix.

use ndarray::{Array2, Array3, Ix2, Ix3};
use numpy::{Element, IntoPyArray, PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use sanov::bounds::{self, Bound as Kind, BoundOptions};
use sanov::Real;

use crate::convert::{self, array1, detach, float, floats, fmt_shape, Floats, Int};
use crate::error::{shape_error, IntoPy};

fn run_t<'py, T: Element + Real + Default>(
    py: Python<'py>,
    bound: Kind,
    s: &PyReadonlyArrayDyn<'py, T>,
    grad: bool,
    o: &BoundOptions,
) -> PyResult<Bound<'py, PyAny>> {
    let a = s.as_array();
    let n = a.len();
    match a.ndim() {
        2 => {
            let v2 = a.into_dimensionality::<Ix2>().expect("2-D");
            if grad {
                let mut g = Array2::<T>::default(v2.dim());
                let gv = g.view_mut();
                let val = detach(py, n, || bounds::mi_bound(bound, v2, Some(gv), o)).py_err()?;
                let t = PyTuple::new(py, [float(py, val), g.into_pyarray(py).into_any()])?;
                Ok(t.into_any())
            } else {
                let val = detach(py, n, || bounds::mi_bound(bound, v2, None, o)).py_err()?;
                Ok(float(py, val))
            }
        }
        3 => {
            let v3 = a.into_dimensionality::<Ix3>().expect("3-D");
            if grad {
                let mut g = Array3::<T>::default(v3.dim());
                let gv = g.view_mut();
                let vals =
                    detach(py, n, || bounds::mi_bound_batch(bound, v3, Some(gv), o)).py_err()?;
                let t = PyTuple::new(py, [array1(py, vals), g.into_pyarray(py).into_any()])?;
                Ok(t.into_any())
            } else {
                let vals = detach(py, n, || bounds::mi_bound_batch(bound, v3, None, o)).py_err()?;
                Ok(array1(py, vals))
            }
        }
        _ => Err(shape_error(format!(
            "scores must be 2-D (N, M) or 3-D (B, N, M), got shape {}",
            fmt_shape(s.shape())
        ))),
    }
}

fn run<'py>(
    py: Python<'py>,
    bound: Kind,
    scores: &Bound<'py, PyAny>,
    grad: bool,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let o = BoundOptions::default()
        .base(convert::base(base, "base")?)
        .par(convert::par(workers));
    match floats(scores, "scores")? {
        Floats::F64(s) => run_t(py, bound, &s, grad, &o),
        Floats::F32(s) => run_t(py, bound, &s, grad, &o),
    }
}

macro_rules! doc_scores {
    () => {
        "scores : array_like, shape (N, M) or (B, N, M)
    Critic scores ``S[i, j] = f(x_i, y_j)``: the diagonal holds the N positive pairs, the
    off-diagonal entries samples of the product of marginals. float32 or float64 (read in
    place); other real dtypes are converted to float64. A 3-D array is a batch of matrices.
grad : bool, default False
    Also return the gradient d bound / d scores (same shape and dtype as ``scores``),
    computed in the same pass.
base : None, float or str, optional
    Unit of the value and of the gradient: None or \"nats\" (the default), 2 or \"bits\", ...
workers : int, optional
    Row parallelism on rayon's pool (None or 0: every thread for large inputs; 1: the
    calling thread).

Returns
-------
float, or ndarray of shape (B,) for 3-D scores; with ``grad=True`` a tuple
``(value, gradient)``.

Raises
------
ShapeError
    Wrong dimensions, an empty matrix, or a shape the bound does not allow.
DomainError
    NaN or +-inf scores, or N too small."
    };
}

/// InfoNCE: ``log M - mean_i [logsumexp_j S[i, j] - S[i, i]]`` (van den Oord et al. 2018).
///
/// Equal to ``log(M) - torch.nn.functional.cross_entropy(S, arange(N))``. It can never exceed
/// ``log M`` (``log N`` for square scores), whatever the true mutual information. Rectangular
/// scores (N anchors x M >= N candidates, as in CLIP) are allowed: anchor i's positive is
/// column i; the constant is ``log M``. For N = M = 1 the value is 0.
///
/// Parameters
/// ----------
#[doc = doc_scores!()]
///
/// Examples
/// --------
/// >>> import numpy as np
/// >>> round(sanov.info_nce(np.eye(4) * 1e3), 12) == round(np.log(4), 12)
/// True
#[pyfunction]
#[pyo3(signature = (scores, *, grad=false, base=None, workers=None))]
fn info_nce<'py>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    grad: bool,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Int>,
) -> PyResult<Bound<'py, PyAny>> {
    let workers = workers.map(|v| v.usize("workers")).transpose()?;
    run(py, Kind::InfoNce, scores, grad, base, workers)
}

/// NWJ (Nguyen-Wainwright-Jordan, MINE-f): ``mean_i S[i, i] - e^-1 mean_{i != j} e^S[i, j]``.
///
/// Square scores, N >= 2. The value is -inf only when the exact value lies below the float64
/// range (off-diagonal scores above about 710).
///
/// Parameters
/// ----------
#[doc = doc_scores!()]
///
/// Examples
/// --------
/// >>> sanov.nwj([[1.0, 1.0], [1.0, 1.0]])
/// 0.0
#[pyfunction]
#[pyo3(signature = (scores, *, grad=false, base=None, workers=None))]
fn nwj<'py>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    grad: bool,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Int>,
) -> PyResult<Bound<'py, PyAny>> {
    let workers = workers.map(|v| v.usize("workers")).transpose()?;
    run(py, Kind::Nwj, scores, grad, base, workers)
}

/// Donsker-Varadhan (MINE): ``mean_i S[i, i] - log mean_{i != j} e^S[i, j]``.
///
/// Square scores, N >= 2; a log-sum-exp over the off-diagonal entries (stable for any
/// magnitude).
///
/// Parameters
/// ----------
#[doc = doc_scores!()]
///
/// Examples
/// --------
/// >>> sanov.donsker_varadhan([[2.0, 0.0], [0.0, 2.0]])
/// 2.0
#[pyfunction]
#[pyo3(signature = (scores, *, grad=false, base=None, workers=None))]
fn donsker_varadhan<'py>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    grad: bool,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Int>,
) -> PyResult<Bound<'py, PyAny>> {
    let workers = workers.map(|v| v.usize("workers")).transpose()?;
    run(py, Kind::DonskerVaradhan, scores, grad, base, workers)
}

/// The Jensen-Shannon (f-GAN, Deep InfoMax) objective:
/// ``-mean_i softplus(-S[i, i]) - mean_{i != j} softplus(S[i, j])``.
///
/// Square scores, N >= 2. A lower bound on ``2 JS(p(x,y) || p(x)p(y)) - 2 log 2`` (at most 0;
/// ``-2 log 2`` for an all-zero critic).
///
/// Parameters
/// ----------
#[doc = doc_scores!()]
///
/// Examples
/// --------
/// >>> round(sanov.jensen_shannon_bound([[0.0, 0.0], [0.0, 0.0]]), 12)
/// -1.386294361120
#[pyfunction]
#[pyo3(signature = (scores, *, grad=false, base=None, workers=None))]
fn jensen_shannon_bound<'py>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    grad: bool,
    base: Option<&Bound<'py, PyAny>>,
    workers: Option<Int>,
) -> PyResult<Bound<'py, PyAny>> {
    let workers = workers.map(|v| v.usize("workers")).transpose()?;
    run(py, Kind::JensenShannon, scores, grad, base, workers)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(info_nce, m)?)?;
    m.add_function(wrap_pyfunction!(nwj, m)?)?;
    m.add_function(wrap_pyfunction!(donsker_varadhan, m)?)?;
    m.add_function(wrap_pyfunction!(jensen_shannon_bound, m)?)?;
    Ok(())
}
