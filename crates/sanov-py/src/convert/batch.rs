//! The batched forms: one distribution per lane along `axis` of an N-d array (NumPy's
//! conventions: negative axes, `keepdims`, broadcasting of two inputs), one result per lane.
//! Rows are driven by the core's [`sanov::rows::rows_into`]; a 2-D input is read in place
//! (strided rows included), an N-d one is brought to a matrix of lanes first (in place when
//! its layout allows, copied otherwise).

use ndarray::{Array2, ArrayView2, ArrayViewD, CowArray, Ix2, IxDyn};
use numpy::{Element, PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::exceptions::PyMemoryError;
use pyo3::prelude::*;
use sanov::rows::{rows_into, NanPolicy};
use sanov::{Par, Real};

use super::args::{Axis, Nan, Workers};
use super::arrays::{flat, fmt_shape, not_1d_for, upcast, Floats};
use super::results::{array_shaped, float};
use super::workers::{detach, par};
use crate::error::{shape_error, IntoPy};

/// The options of the batched forms.
#[derive(Clone, Copy)]
pub(crate) struct Batch {
    /// `axis=`: `None` for a single 1-D distribution.
    pub axis: Option<isize>,
    /// `keepdims=`.
    pub keepdims: bool,
    /// `nan_policy=`.
    pub nan: NanPolicy,
    /// `normalize=`: each distribution is divided by its sum after broadcasting and NaN
    /// omission, as SciPy does.
    pub normalize: bool,
    /// `workers=`.
    pub par: Par,
}

impl Batch {
    /// Collects the keyword arguments.
    pub(crate) fn new(
        axis: Option<Axis>,
        keepdims: bool,
        normalize: bool,
        nan: Nan,
        workers: Option<Workers>,
    ) -> Self {
        Self {
            axis: axis.map(|a| a.0),
            keepdims,
            normalize,
            nan: nan.0,
            par: par(workers.map(|w| w.0)),
        }
    }
}

/// `axis` of an array of `ndim` dimensions, normalised to `0..ndim`.
pub(crate) fn check_axis(axis: isize, ndim: usize) -> PyResult<usize> {
    let n = ndim as isize;
    if (-n..n).contains(&axis) {
        Ok(axis.rem_euclid(n.max(1)) as usize)
    } else {
        Err(shape_error(format!(
            "axis {axis} is out of bounds for an array of dimension {ndim}"
        )))
    }
}

/// The shape of a result: `shape` without `axis`, or with it set to 1 under `keepdims`.
pub(crate) fn reduced_shape(shape: &[usize], axis: usize, keepdims: bool) -> Vec<usize> {
    let mut s = shape.to_vec();
    if keepdims {
        s[axis] = 1;
    } else {
        s.remove(axis);
    }
    s
}

/// `v` as a matrix with one lane along `axis` per row, rows in C order of the other axes.
/// 2-D views are returned as views (possibly strided); others are reshaped in place when
/// their layout allows, copied otherwise.
pub(crate) fn lanes<'a, T: Element + Copy>(
    v: ArrayViewD<'a, T>,
    axis: usize,
    arg: &'static str,
) -> PyResult<CowArray<'a, T, Ix2>> {
    let nd = v.ndim();
    let cols = v.shape()[axis];
    let rows: usize = v
        .shape()
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != axis)
        .map(|(_, &d)| d)
        .product();
    let mut perm: Vec<usize> = (0..nd).filter(|&i| i != axis).collect();
    perm.push(axis);
    let moved = v.permuted_axes(IxDyn(&perm));
    if nd == 2 {
        let m = moved
            .into_dimensionality::<Ix2>()
            .map_err(|e| shape_error(e.to_string()))?;
        return Ok(m.into());
    }
    if let Some(s) = moved.to_slice() {
        let m = ArrayView2::from_shape((rows, cols), s).map_err(|e| shape_error(e.to_string()))?;
        return Ok(m.into());
    }
    let mut buf = sanov::alloc::vec_with_capacity::<T>(arg, rows.saturating_mul(cols))
        .map_err(|e| PyMemoryError::new_err(e.to_string()))?;
    buf.extend(moved.iter().copied());
    Array2::from_shape_vec((rows, cols), buf)
        .map(Into::into)
        .map_err(|e| shape_error(e.to_string()))
}

/// A quantity of one distribution, with a batched row-wise form.
pub(crate) trait Unary: Sync {
    /// The value for one distribution.
    fn single<T: Real>(&self, x: &[T]) -> sanov::Result<f64>;

    /// One value per row into `out`. The default drives [`Unary::single`] with the core's
    /// row driver.
    fn batch<T: Real>(
        &self,
        out: &mut [f64],
        m: ArrayView2<'_, T>,
        par: Par,
        nan: NanPolicy,
    ) -> sanov::Result<()> {
        rows_into(out, m, None, par, nan, |x, _| self.single(x))
    }
}

/// A quantity of two distributions, with a batched row-wise form.
pub(crate) trait Binary: Sync {
    /// The value for one pair.
    fn single<T: Real>(&self, p: &[T], q: &[T]) -> sanov::Result<f64>;

    /// One value per pair of rows into `out`. The default drives [`Binary::single`] with the
    /// core's row driver.
    fn batch<T: Real>(
        &self,
        out: &mut [f64],
        p: ArrayView2<'_, T>,
        q: ArrayView2<'_, T>,
        par: Par,
        nan: NanPolicy,
    ) -> sanov::Result<()> {
        rows_into(out, p, Some(q), par, nan, |p, q| {
            self.single(p, q.unwrap_or_default())
        })
    }
}

/// `K` on distributions divided by their sums first (`normalize=True`), with the core's
/// [`sanov::validate::normalize`]: applied per row by the row driver, so after broadcasting
/// and after NaN positions are dropped under `nan_policy="omit"` (SciPy's order).
struct Normalized<'a, K>(&'a K);

impl<K: Unary> Unary for Normalized<'_, K> {
    fn single<T: Real>(&self, x: &[T]) -> sanov::Result<f64> {
        self.0.single(&sanov::validate::normalize(x)?)
    }
}

impl<K: Binary> Binary for Normalized<'_, K> {
    fn single<T: Real>(&self, p: &[T], q: &[T]) -> sanov::Result<f64> {
        let p = sanov::validate::normalize(p)?;
        let q = sanov::validate::normalize(q).map_err(|e| match e {
            sanov::Error::ZeroMass { .. } => sanov::Error::ZeroMass { arg: "q" },
            other => other,
        })?;
        self.0.single(&p, &q)
    }
}

/// A zeroed result buffer of `n` values (`MemoryError` if it cannot be allocated).
fn results(n: usize, arg: &'static str) -> PyResult<Vec<f64>> {
    sanov::alloc::zeros_vec(arg, n).map_err(|e| PyMemoryError::new_err(e.to_string()))
}

/// Runs a [`Unary`] quantity on a 1-D input, or lane-wise along `axis` of an N-d input.
pub(crate) fn run_unary<'py, K: Unary>(
    py: Python<'py>,
    p: &Floats<'py>,
    arg: &'static str,
    opts: Batch,
    k: &K,
) -> PyResult<Bound<'py, PyAny>> {
    match (p, opts.normalize) {
        (Floats::F64(a), false) => unary_t(py, a, arg, opts, k),
        (Floats::F32(a), false) => unary_t(py, a, arg, opts, k),
        (Floats::F64(a), true) => unary_t(py, a, arg, opts, &Normalized(k)),
        (Floats::F32(a), true) => unary_t(py, a, arg, opts, &Normalized(k)),
    }
}

fn unary_t<'py, T: Element + Real, K: Unary>(
    py: Python<'py>,
    a: &PyReadonlyArrayDyn<'py, T>,
    arg: &'static str,
    opts: Batch,
    k: &K,
) -> PyResult<Bound<'py, PyAny>> {
    let Some(ax) = opts.axis else {
        if a.ndim() != 1 {
            return Err(not_1d_for(arg, a.shape(), true));
        }
        let x = flat(a);
        let v = if opts.nan == NanPolicy::Raise {
            detach(py, x.len(), || k.single(&x)).py_err()?
        } else {
            let m = ArrayView2::from_shape((1, x.len()), &x[..])
                .map_err(|e| shape_error(e.to_string()))?;
            let mut out = [0.0];
            detach(py, x.len(), || k.batch(&mut out, m, opts.par, opts.nan)).py_err()?;
            out[0]
        };
        return Ok(float(py, v));
    };
    let ax = check_axis(ax, a.ndim())?;
    let m = lanes(a.as_array(), ax, arg)?;
    let mut out = results(m.nrows(), arg)?;
    detach(py, m.len(), || {
        k.batch(&mut out, m.view(), opts.par, opts.nan)
    })
    .py_err()?;
    array_shaped(py, &reduced_shape(a.shape(), ax, opts.keepdims), out)
}

/// Two inputs of the same element type (`f32` with `f64` is computed in `f64`).
pub(crate) enum Aligned<'py> {
    /// Both `f64`.
    F64(PyReadonlyArrayDyn<'py, f64>, PyReadonlyArrayDyn<'py, f64>),
    /// Both `f32`.
    F32(PyReadonlyArrayDyn<'py, f32>, PyReadonlyArrayDyn<'py, f32>),
}

/// Brings two inputs to a common element type.
pub(crate) fn align<'py>(p: Floats<'py>, q: Floats<'py>) -> Aligned<'py> {
    match (p, q) {
        (Floats::F64(p), Floats::F64(q)) => Aligned::F64(p, q),
        (Floats::F32(p), Floats::F32(q)) => Aligned::F32(p, q),
        (Floats::F64(p), Floats::F32(q)) => Aligned::F64(p, upcast(&q)),
        (Floats::F32(p), Floats::F64(q)) => Aligned::F64(upcast(&p), q),
    }
}

/// Runs a [`Binary`] quantity on 1-D inputs, or lane-wise along `axis` of the two inputs
/// broadcast against each other.
pub(crate) fn run_binary<'py, K: Binary>(
    py: Python<'py>,
    p: Floats<'py>,
    q: Floats<'py>,
    names: (&'static str, &'static str),
    opts: Batch,
    k: &K,
) -> PyResult<Bound<'py, PyAny>> {
    match (align(p, q), opts.normalize) {
        (Aligned::F64(p, q), false) => binary_t(py, &p, &q, names, opts, k),
        (Aligned::F32(p, q), false) => binary_t(py, &p, &q, names, opts, k),
        (Aligned::F64(p, q), true) => binary_t(py, &p, &q, names, opts, &Normalized(k)),
        (Aligned::F32(p, q), true) => binary_t(py, &p, &q, names, opts, &Normalized(k)),
    }
}

fn binary_t<'py, T: Element + Real, K: Binary>(
    py: Python<'py>,
    p: &PyReadonlyArrayDyn<'py, T>,
    q: &PyReadonlyArrayDyn<'py, T>,
    (pn, qn): (&'static str, &'static str),
    opts: Batch,
    k: &K,
) -> PyResult<Bound<'py, PyAny>> {
    let Some(ax) = opts.axis else {
        for (a, n) in [(p, pn), (q, qn)] {
            if a.ndim() != 1 {
                return Err(not_1d_for(n, a.shape(), true));
            }
        }
        let (x, y) = (flat(p), flat(q));
        let v = if opts.nan == NanPolicy::Raise || x.len() != y.len() {
            detach(py, x.len(), || k.single(&x, &y)).py_err()?
        } else {
            let mx = ArrayView2::from_shape((1, x.len()), &x[..])
                .map_err(|e| shape_error(e.to_string()))?;
            let my = ArrayView2::from_shape((1, y.len()), &y[..])
                .map_err(|e| shape_error(e.to_string()))?;
            let mut out = [0.0];
            detach(py, x.len(), || {
                k.batch(&mut out, mx, my, opts.par, opts.nan)
            })
            .py_err()?;
            out[0]
        };
        return Ok(float(py, v));
    };
    let shape = broadcast_shape(p.shape(), q.shape()).ok_or_else(|| {
        shape_error(format!(
            "Array shapes are incompatible for broadcasting: {pn} has shape {}, {qn} has \
             shape {}",
            fmt_shape(p.shape()),
            fmt_shape(q.shape())
        ))
    })?;
    let ax = check_axis(ax, shape.len())?;
    let (pv, qv) = (p.as_array(), q.as_array());
    let (Some(pb), Some(qb)) = (pv.broadcast(IxDyn(&shape)), qv.broadcast(IxDyn(&shape))) else {
        return Err(shape_error("inputs do not broadcast"));
    };
    let pm = lanes(pb, ax, pn)?;
    let qm = lanes(qb, ax, qn)?;
    let mut out = results(pm.nrows(), pn)?;
    detach(py, pm.len(), || {
        k.batch(&mut out, pm.view(), qm.view(), opts.par, opts.nan)
    })
    .py_err()?;
    array_shaped(py, &reduced_shape(&shape, ax, opts.keepdims), out)
}

/// NumPy's broadcast shape of two shapes.
pub(crate) fn broadcast_shape(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| {
            let x = if i + a.len() >= n {
                a[i + a.len() - n]
            } else {
                1
            };
            let y = if i + b.len() >= n {
                b[i + b.len() - n]
            } else {
                1
            };
            match (x, y) {
                _ if x == y => Some(x),
                (1, _) => Some(y),
                (_, 1) => Some(x),
                _ => None,
            }
        })
        .collect()
}
