//! Array-likes in, contiguous `f64`/`f32` data out; results back as Python floats or NumPy
//! arrays. Also the drivers shared by every binding: keyword parsing (`base`, `axis`,
//! `nan_policy`, `workers`), the 1-D / batched dispatch, and GIL release.
//!
//! Conversion rules:
//! - `float64` and `float32` NumPy arrays are borrowed in place (no copy) when contiguous;
//!   `float32` stays `float32` and goes to the core's `f32` path.
//! - Anything else goes through `numpy.asarray`: lists, tuples, scalars, arrays of other real
//!   dtypes (`int*`, `uint*`, `bool`, `float16`, `longdouble`) are converted to `float64`.
//! - Non-real dtypes (strings, complex, object, datetime, structured) raise `TypeError`; inputs
//!   NumPy cannot turn into a rectangular array (ragged lists) raise `ShapeError`.
//! - Non-contiguous (strided, reversed) 1-D views are copied once; 2-D views are passed to the
//!   batched kernels as they are (the core copies strided rows).

/// Docstring fragments shared by the bindings (NumPy docstring style).
macro_rules! doc_base {
    () => {
        "base : None, float or str, optional
    Logarithm base of the result: None or \"nats\" (e, the default), 2 or \"bits\",
    10 or \"hartleys\", or any number b > 0, b != 1."
    };
}

macro_rules! doc_dist {
    ($arg:literal) => {
        concat!(
            $arg,
            " : array_like
    A probability vector (1-D): finite, non-negative, summing to 1 within 1e-9 (float64)
    or 1e-5 (float32). With ``axis``, a 2-D array holding one distribution per row
    (``axis=1``) or per column (``axis=0``). float32 arrays are computed without upcasting;
    other real dtypes (int, bool, lists) are converted to float64. A float32 input paired
    with a float64 one is promoted to float64 (as NumPy does) and validated as such."
        )
    };
}

macro_rules! doc_batch {
    () => {
        "axis : int, optional
    None (the default): the input must be 1-D and the result is a float. For 2-D input,
    the axis along which each distribution lies: 1 gives one value per row, 0 one per
    column; the result is a 1-D array. A 2-D input without ``axis`` raises ShapeError.
normalize : bool, default False
    Divide by the sum first (the explicit opt-in for counts or weights; SciPy normalises
    silently, sanov does not). Rejects negative, non-finite and all-zero weights.
nan_policy : {\"raise\", \"propagate\"}, default \"raise\"
    \"propagate\": a distribution holding NaN gives NaN (other violations still raise).
workers : int, optional
    Threads of the kernel. None (the default) or 0: the default thread count, every core
    (rayon's global pool) unless the environment variable SANOV_NUM_THREADS (then
    RAYON_NUM_THREADS) caps it, for inputs large enough to gain from it (at least 32 768
    elements per task; smaller inputs run on the calling thread); 1 always runs on the
    calling thread; n runs on at most n threads (a pool of n threads, kept for reuse). The summation order, and so the last bits of a sum, depends on the split. The
    GIL is released for large inputs either way."
    };
}

macro_rules! doc_errors {
    () => {
        "Raises
------
ShapeError
    Empty input, mismatched lengths or shapes, wrong number of dimensions.
DomainError
    NaN or infinite entries, negative entries, a sum other than 1, an invalid parameter.
TypeError
    A non-real dtype (strings, complex, object)."
    };
}

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use ndarray::{Array1, Array2, ArrayView2, ArrayViewD, Ix2, IxDyn, Zip};
use numpy::{
    Element, IntoPyArray, PyArrayDescrMethods, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn,
    PyUntypedArray, PyUntypedArrayMethods,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyFloat, PyInt, PyString};
use pyo3::Borrowed;
use sanov::kernels::NanPolicy;
use sanov::{Base, Par, Real};

use crate::error::{domain_error, shape_error, IntoPy, SanovError};

/// Inputs with at least this many elements are processed with the GIL released; below it the
/// release/reacquire round trip would cost more than the computation.
const DETACH_MIN: usize = 1 << 12;

/// Runs `f` with the GIL released when the input (`n` elements) is large enough for that to
/// pay, so that other Python threads run meanwhile.
pub(crate) fn detach<T: Send, F: FnOnce() -> T + Send>(py: Python<'_>, n: usize, f: F) -> T {
    if n >= DETACH_MIN {
        py.detach(f)
    } else {
        f()
    }
}

/// A float array borrowed from Python: `float32` stays `f32`, every other real dtype is `f64`.
pub(crate) enum Floats<'py> {
    /// `float64` data (possibly converted from another dtype).
    F64(PyReadonlyArrayDyn<'py, f64>),
    /// `float32` data, borrowed as it is.
    F32(PyReadonlyArrayDyn<'py, f32>),
}

static ASARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn borrow_error(arg: &str) -> PyErr {
    SanovError::new_err(format!("{arg} is mutably borrowed elsewhere"))
}

/// `obj` as a `float64` or `float32` array borrowed in place, if it is one.
fn borrowed_floats<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> Option<PyResult<Floats<'py>>> {
    if let Ok(a) = obj.cast::<PyArrayDyn<f64>>() {
        return Some(
            a.try_readonly()
                .map(Floats::F64)
                .map_err(|_| borrow_error(arg)),
        );
    }
    if let Ok(a) = obj.cast::<PyArrayDyn<f32>>() {
        return Some(
            a.try_readonly()
                .map(Floats::F32)
                .map_err(|_| borrow_error(arg)),
        );
    }
    None
}

/// `numpy.asarray(obj)`: ragged input is a `ShapeError`, anything else that fails a `TypeError`.
fn asarray<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    ASARRAY
        .import(py, "numpy", "asarray")?
        .call1((obj,))
        .map_err(|e| {
            if e.is_instance_of::<PyValueError>(py) {
                shape_error(format!("{arg} cannot be converted to an array: {e}"))
            } else {
                PyTypeError::new_err(format!("{arg} is not array-like: {e}"))
            }
        })
}

/// Converts an array-like to [`Floats`], borrowing `float64`/`float32` arrays in place.
pub(crate) fn floats<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<Floats<'py>> {
    if let Some(f) = borrowed_floats(obj, arg) {
        return f;
    }
    let arr = asarray(obj, arg)?;
    if let Some(f) = borrowed_floats(&arr, arg) {
        return f;
    }
    let untyped = arr
        .cast::<PyUntypedArray>()
        .map_err(|_| PyTypeError::new_err(format!("{arg} is not array-like")))?;
    let dtype = untyped.dtype();
    if matches!(dtype.kind(), b'f' | b'i' | b'u' | b'b') {
        let converted = arr.call_method1("astype", ("float64",))?;
        let a = converted
            .cast::<PyArrayDyn<f64>>()
            .map_err(|_| PyTypeError::new_err(format!("{arg} cannot be converted to float64")))?;
        return a
            .try_readonly()
            .map(Floats::F64)
            .map_err(|_| borrow_error(arg));
    }
    Err(PyTypeError::new_err(format!(
        "{arg} must hold real numbers (a float, int or bool dtype), got dtype {dtype}"
    )))
}

/// Converts an array-like of integer labels to a 1-D `int64` array, borrowing `int64` arrays
/// in place (other integer and bool dtypes are converted; anything else is a `TypeError`, so
/// floats are never truncated silently).
pub(crate) fn labels<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
) -> PyResult<numpy::PyReadonlyArray1<'py, i64>> {
    let arr = if obj.cast::<numpy::PyArray1<i64>>().is_ok() {
        obj.clone()
    } else {
        asarray(obj, arg)?
    };
    let untyped = arr
        .cast::<PyUntypedArray>()
        .map_err(|_| PyTypeError::new_err(format!("{arg} is not array-like")))?;
    if untyped.ndim() != 1 {
        return Err(not_1d(arg, untyped.shape()));
    }
    let dtype = untyped.dtype();
    let arr = if arr.cast::<numpy::PyArray1<i64>>().is_ok() {
        arr
    } else if matches!(dtype.kind(), b'i' | b'u' | b'b') {
        arr.call_method1("astype", ("int64",))?
    } else {
        return Err(PyTypeError::new_err(format!(
            "{arg} must hold integer labels (an int, uint or bool dtype), got dtype {dtype}"
        )));
    };
    arr.cast::<numpy::PyArray1<i64>>()
        .map_err(|_| PyTypeError::new_err(format!("{arg} cannot be converted to int64")))?
        .try_readonly()
        .map_err(|_| borrow_error(arg))
}

/// Converts an array-like to `float64` (for functions whose core takes `f64` only).
pub(crate) fn floats64<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
) -> PyResult<PyReadonlyArrayDyn<'py, f64>> {
    Ok(match floats(obj, arg)? {
        Floats::F64(a) => a,
        Floats::F32(a) => upcast(&a),
    })
}

fn upcast<'py>(a: &PyReadonlyArrayDyn<'py, f32>) -> PyReadonlyArrayDyn<'py, f64> {
    a.as_array().mapv(f64::from).into_pyarray(a.py()).readonly()
}

impl Floats<'_> {
    /// The array's shape.
    pub(crate) fn shape(&self) -> &[usize] {
        match self {
            Floats::F64(a) => a.shape(),
            Floats::F32(a) => a.shape(),
        }
    }

    /// The number of dimensions.
    pub(crate) fn ndim(&self) -> usize {
        self.shape().len()
    }
}

/// The elements of `a` in C order, borrowed when `a` is C-contiguous, copied otherwise.
pub(crate) fn flat<'a, T: Element + Copy>(a: &'a PyReadonlyArrayDyn<'_, T>) -> Cow<'a, [T]> {
    let v: ArrayViewD<'a, T> = a.as_array();
    match v.to_slice() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(v.iter().copied().collect()),
    }
}

/// Formats a shape as Python does: `(3,)`, `(2, 4)`.
pub(crate) fn fmt_shape(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The error for a non-1-D input to a function called without `axis`.
pub(crate) fn not_1d(arg: &str, shape: &[usize]) -> PyErr {
    if shape.len() == 2 {
        shape_error(format!(
            "{arg} must be 1-D, got shape {}; pass axis=1 for one value per row or axis=0 for \
             one value per column",
            fmt_shape(shape)
        ))
    } else {
        shape_error(format!("{arg} must be 1-D, got shape {}", fmt_shape(shape)))
    }
}

/// The 1-D data of `a`, borrowed when contiguous.
pub(crate) fn vector<'a, T: Element + Copy>(
    a: &'a PyReadonlyArrayDyn<'_, T>,
    arg: &str,
) -> PyResult<Cow<'a, [T]>> {
    if a.ndim() != 1 {
        return Err(not_1d(arg, a.shape()));
    }
    Ok(flat(a))
}

/// `axis` of a 2-D array, normalised to 0 or 1.
fn check_axis(axis: isize, ndim: usize) -> PyResult<usize> {
    let n = ndim as isize;
    if (-n..n).contains(&axis) {
        Ok(axis.rem_euclid(n) as usize)
    } else {
        Err(shape_error(format!(
            "axis {axis} is out of bounds for an array of dimension {ndim}"
        )))
    }
}

/// The 2-D view of `a` with one distribution per row: `axis=1` (or -1) reads rows, `axis=0`
/// (or -2) reads columns (a transposed view, no copy).
fn rows_view<'a, T: Element>(
    a: &'a PyReadonlyArrayDyn<'_, T>,
    arg: &str,
    axis: isize,
) -> PyResult<ArrayView2<'a, T>> {
    let v = a.as_array().into_dimensionality::<Ix2>().map_err(|_| {
        shape_error(format!(
            "{arg} must be 2-D, got shape {}",
            fmt_shape(a.shape())
        ))
    })?;
    Ok(if check_axis(axis, 2)? == 0 {
        v.reversed_axes()
    } else {
        v
    })
}

/// Parses `base=`: `None`, a unit name (`"nats"`, `"bits"`, `"hartleys"`) or a number.
pub(crate) fn base(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Base> {
    let Some(obj) = obj else {
        return Ok(Base::Nats);
    };
    if obj.is_none() {
        return Ok(Base::Nats);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return match s.to_ascii_lowercase().as_str() {
            "nats" | "nat" | "e" => Ok(Base::Nats),
            "bits" | "bit" | "shannons" | "shannon" => Ok(Base::Bits),
            "hartleys" | "hartley" | "bans" | "ban" | "dits" | "dit" => Ok(Base::Hartleys),
            _ => Err(domain_error(format!(
                "{name} = {s:?} is invalid: use None, \"nats\", \"bits\", \"hartleys\" or a \
                 number > 0 and != 1"
            ))),
        };
    }
    let b: f64 = obj.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name} must be None, a unit name or a number, got {}",
            obj.get_type()
        ))
    })?;
    Base::new(b).py_err()
}

/// `axis=`: an int; one beyond any machine integer is a `ShapeError`, not an
/// `OverflowError`.
#[derive(Clone, Copy)]
pub(crate) struct Axis(pub isize);

impl<'a, 'py> FromPyObject<'a, 'py> for Axis {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        int_arg(&obj, "axis").and_then(|v| {
            isize::try_from(v)
                .map(Axis)
                .map_err(|_| shape_error(format!("axis {v} is out of bounds")))
        })
    }
}

/// `workers=`: a non-negative int (negative → `DomainError`, not `OverflowError`).
#[derive(Clone, Copy)]
pub(crate) struct Workers(pub usize);

impl<'a, 'py> FromPyObject<'a, 'py> for Workers {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        int_arg(&obj, "workers").and_then(|v| {
            usize::try_from(v).map(Workers).map_err(|_| {
                domain_error(format!(
                    "workers = {v} is invalid: must be None or an int >= 0"
                ))
            })
        })
    }
}

/// A float parameter (`alpha`, `q`, `epsilon`): `TypeError` for non-numbers, `DomainError`
/// for ints beyond the float range (never `OverflowError`).
#[derive(Clone, Copy)]
pub(crate) struct Float(pub f64);

impl<'a, 'py> FromPyObject<'a, 'py> for Float {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        scalar(&obj, "parameter").map(Float)
    }
}

/// A Python number as `f64`: `TypeError` for non-numbers, `DomainError` for ints beyond the
/// float range.
pub(crate) fn scalar(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<f64> {
    obj.extract::<f64>().map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(obj.py()) {
            domain_error(format!("{name} = {obj} is out of the float64 range"))
        } else {
            PyTypeError::new_err(format!(
                "{name} must be a real number, got {}",
                obj.get_type()
            ))
        }
    })
}

/// An integer argument as `i128` (`TypeError` for non-integers, `DomainError` for ints
/// beyond 128 bits).
fn int_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<i128> {
    if !obj.is_instance_of::<PyInt>() && !obj.hasattr("__index__")? {
        return Err(PyTypeError::new_err(format!(
            "{name} must be an int, got {}",
            obj.get_type()
        )));
    }
    obj.extract::<i128>()
        .map_err(|_| domain_error(format!("{name} = {obj} is out of range")))
}

/// Parses `nan_policy=`.
pub(crate) fn nan_policy(s: &str) -> PyResult<NanPolicy> {
    match s {
        "raise" => Ok(NanPolicy::Raise),
        "propagate" => Ok(NanPolicy::Propagate),
        _ => Err(domain_error(format!(
            "nan_policy = {s:?} is invalid: use \"raise\" or \"propagate\""
        ))),
    }
}

/// Whether rayon's pool was used in this process (for the fork guard).
static POOL_USED: AtomicBool = AtomicBool::new(false);
/// Whether this process is a fork of one that used the pool: rayon's threads did not survive
/// the fork, so every call runs sequentially.
static FORKED_AFTER_POOL: AtomicBool = AtomicBool::new(false);

/// Parses `workers=`: `None` or `0` → every thread of the pool (the kernels themselves keep
/// small inputs on the calling thread), `1` → sequential, `n` → at most `n` tasks.
pub(crate) fn par(workers: Option<usize>) -> Par {
    match workers {
        Some(1) => Par::Seq,
        _ if FORKED_AFTER_POOL.load(Ordering::Relaxed) => Par::Seq,
        n => {
            POOL_USED.store(true, Ordering::Relaxed);
            Par::rayon(n.unwrap_or(0))
        }
    }
}

/// Fork guard (as in tokenizers): registered with `os.register_at_fork(after_in_child=...)`.
#[pyfunction]
fn _after_fork_in_child() {
    if POOL_USED.load(Ordering::Relaxed) {
        FORKED_AFTER_POOL.store(true, Ordering::Relaxed);
    }
}

/// The options of the batched forms.
#[derive(Clone, Copy)]
pub(crate) struct Batch {
    /// `axis=`: `None` for a single 1-D distribution.
    pub axis: Option<isize>,
    /// `nan_policy=`.
    pub nan: NanPolicy,
    /// `workers=`.
    pub par: Par,
}

impl Batch {
    /// Parses the keyword arguments.
    pub(crate) fn new(axis: Option<isize>, nan: &str, workers: Option<usize>) -> PyResult<Self> {
        Ok(Self {
            axis,
            nan: nan_policy(nan)?,
            par: par(workers),
        })
    }
}

/// A Python float.
pub(crate) fn float(py: Python<'_>, v: f64) -> Bound<'_, PyAny> {
    PyFloat::new(py, v).into_any()
}

/// A 1-D NumPy array.
pub(crate) fn array1(py: Python<'_>, v: Vec<f64>) -> Bound<'_, PyAny> {
    Array1::from(v).into_pyarray(py).into_any()
}

/// A NumPy array of the given shape from C-ordered data; a 0-d result is a Python float.
pub(crate) fn array_shaped<'py>(
    py: Python<'py>,
    shape: &[usize],
    v: Vec<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    if shape.is_empty() {
        return Ok(float(py, v.first().copied().unwrap_or(f64::NAN)));
    }
    let a = ndarray::ArrayD::from_shape_vec(IxDyn(shape), v)
        .map_err(|e| shape_error(format!("internal shape error: {e}")))?;
    Ok(a.into_pyarray(py).into_any())
}

/// Normalises `obj` with the core's [`sanov::validate::normalize`] when `normalize` is set
/// (per distribution along `axis` for 2-D input); otherwise converts it as it is.
pub(crate) fn distribution<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
    normalize: bool,
    axis: Option<isize>,
) -> PyResult<Floats<'py>> {
    let f = floats(obj, arg)?;
    if !normalize {
        return Ok(f);
    }
    match &f {
        Floats::F64(a) => normalized(a, arg, axis),
        Floats::F32(a) => normalized(a, arg, axis),
    }
    .map(|o| o.unwrap_or(f))
}

fn normalized<'py, T: Element + Real>(
    a: &PyReadonlyArrayDyn<'py, T>,
    arg: &str,
    axis: Option<isize>,
) -> PyResult<Option<Floats<'py>>> {
    let py = a.py();
    match (a.ndim(), axis) {
        (1, _) => {
            let x = flat(a);
            let w = detach(py, x.len(), || sanov::validate::normalize(&x)).py_err()?;
            Ok(Some(Floats::F64(
                Array1::from(w).into_dyn().into_pyarray(py).readonly(),
            )))
        }
        (2, Some(ax)) => {
            let rows = rows_view(a, arg, ax)?;
            let mut out = Array2::<f64>::zeros(rows.dim());
            detach(py, rows.len(), || {
                for (src, mut dst) in rows.outer_iter().zip(out.outer_iter_mut()) {
                    let s: Cow<'_, [T]> = match src.to_slice() {
                        Some(s) => Cow::Borrowed(s),
                        None => Cow::Owned(src.iter().copied().collect()),
                    };
                    let w = sanov::validate::normalize(&s)?;
                    dst.assign(&ndarray::ArrayView1::from(&w[..]));
                }
                Ok(())
            })
            .py_err()?;
            // Back to the caller's orientation, so that `rows_view` reads it the same way.
            let out = if check_axis(ax, 2)? == 0 {
                out.reversed_axes()
            } else {
                out
            };
            Ok(Some(Floats::F64(
                out.into_dyn().into_pyarray(py).readonly(),
            )))
        }
        // Wrong dimensions: the function itself raises the shape error.
        _ => Ok(None),
    }
}

/// A quantity of one distribution, with a batched row-wise form.
pub(crate) trait Unary: Sync {
    /// The value for one distribution.
    fn single<T: Real>(&self, x: &[T]) -> sanov::Result<f64>;

    /// One value per row into `out`. The default calls [`Unary::single`] on each row.
    fn batch<T: Real>(
        &self,
        out: &mut [f64],
        m: ArrayView2<'_, T>,
        _par: Par,
        nan: NanPolicy,
    ) -> sanov::Result<()> {
        rows_loop(out, m, nan, |x| self.single(x))
    }
}

/// A quantity of two distributions, with a batched row-wise form.
pub(crate) trait Binary: Sync {
    /// The value for one pair.
    fn single<T: Real>(&self, p: &[T], q: &[T]) -> sanov::Result<f64>;

    /// One value per pair of rows into `out`. The default calls [`Binary::single`] per row.
    fn batch<T: Real>(
        &self,
        out: &mut [f64],
        p: ArrayView2<'_, T>,
        q: ArrayView2<'_, T>,
        _par: Par,
        nan: NanPolicy,
    ) -> sanov::Result<()> {
        if p.dim() != q.dim() {
            return Err(sanov::Error::ShapeMismatch {
                arg: "q",
                expected: p.shape().to_vec(),
                found: q.shape().to_vec(),
            });
        }
        if p.ncols() == 0 {
            return Err(sanov::Error::Empty { arg: "p" });
        }
        for (o, (pr, qr)) in out.iter_mut().zip(p.outer_iter().zip(q.outer_iter())) {
            let (pr, qr) = (contiguous(pr), contiguous(qr));
            *o = if nan == NanPolicy::Propagate && (has_nan(&pr) || has_nan(&qr)) {
                f64::NAN
            } else {
                self.single(&pr, &qr)?
            };
        }
        Ok(())
    }
}

fn has_nan<T: Real>(x: &[T]) -> bool {
    x.iter().any(|v| v.to_f64().is_nan())
}

fn contiguous<T: Real>(row: ndarray::ArrayView1<'_, T>) -> Cow<'_, [T]> {
    match row.to_slice() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(row.iter().copied().collect()),
    }
}

/// Calls `f` on each row of `m` in order (for quantities without a batched kernel in the
/// core); a row holding NaN gives NaN under [`NanPolicy::Propagate`].
fn rows_loop<T: Real>(
    out: &mut [f64],
    m: ArrayView2<'_, T>,
    nan: NanPolicy,
    mut f: impl FnMut(&[T]) -> sanov::Result<f64>,
) -> sanov::Result<()> {
    if m.ncols() == 0 {
        return Err(sanov::Error::Empty { arg: "p" });
    }
    for (o, row) in out.iter_mut().zip(m.outer_iter()) {
        let r = contiguous(row);
        *o = if nan == NanPolicy::Propagate && has_nan(&r) {
            f64::NAN
        } else {
            f(&r)?
        };
    }
    Ok(())
}

/// Runs a [`Unary`] quantity on a 1-D input, or row-wise on a 2-D input with `axis`.
pub(crate) fn run_unary<'py, K: Unary>(
    py: Python<'py>,
    p: &Floats<'py>,
    arg: &str,
    opts: Batch,
    k: &K,
) -> PyResult<Bound<'py, PyAny>> {
    match p {
        Floats::F64(a) => unary_t(py, a, arg, opts, k),
        Floats::F32(a) => unary_t(py, a, arg, opts, k),
    }
}

fn unary_t<'py, T: Element + Real, K: Unary>(
    py: Python<'py>,
    a: &PyReadonlyArrayDyn<'py, T>,
    arg: &str,
    opts: Batch,
    k: &K,
) -> PyResult<Bound<'py, PyAny>> {
    let shape = a.shape();
    match (opts.axis, shape.len()) {
        (axis, 1) => {
            if let Some(ax) = axis {
                check_axis(ax, 1)?;
            }
            let x = flat(a);
            let v = if opts.nan == NanPolicy::Propagate {
                let m = ArrayView2::from_shape((1, x.len()), &x[..])
                    .map_err(|e| shape_error(e.to_string()))?;
                let mut out = [0.0];
                detach(py, x.len(), || k.batch(&mut out, m, opts.par, opts.nan)).py_err()?;
                out[0]
            } else {
                detach(py, x.len(), || k.single(&x)).py_err()?
            };
            Ok(float(py, v))
        }
        (None, _) => Err(not_1d(arg, shape)),
        (Some(ax), 2) => {
            let m = rows_view(a, arg, ax)?;
            let mut out = vec![0.0; m.nrows()];
            detach(py, m.len(), || k.batch(&mut out, m, opts.par, opts.nan)).py_err()?;
            Ok(array1(py, out))
        }
        (Some(_), _) => Err(shape_error(format!(
            "{arg} must be 1-D or 2-D, got shape {}",
            fmt_shape(shape)
        ))),
    }
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

/// Runs a [`Binary`] quantity on 1-D inputs, or row-wise with `axis` (a 1-D input is then
/// paired with every row of the 2-D one).
pub(crate) fn run_binary<'py, K: Binary>(
    py: Python<'py>,
    p: Floats<'py>,
    q: Floats<'py>,
    names: (&str, &str),
    opts: Batch,
    k: &K,
) -> PyResult<Bound<'py, PyAny>> {
    match align(p, q) {
        Aligned::F64(p, q) => binary_t(py, &p, &q, names, opts, k),
        Aligned::F32(p, q) => binary_t(py, &p, &q, names, opts, k),
    }
}

fn binary_t<'py, T: Element + Real, K: Binary>(
    py: Python<'py>,
    p: &PyReadonlyArrayDyn<'py, T>,
    q: &PyReadonlyArrayDyn<'py, T>,
    (pn, qn): (&str, &str),
    opts: Batch,
    k: &K,
) -> PyResult<Bound<'py, PyAny>> {
    let (pd, qd) = (p.ndim(), q.ndim());
    let Some(ax) = opts.axis.filter(|_| pd == 2 || qd == 2) else {
        if let Some(ax) = opts.axis {
            check_axis(ax, 1)?;
        }
        let x = vector(p, pn)?;
        let y = vector(q, qn)?;
        let v = if opts.nan == NanPolicy::Propagate {
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
        } else {
            detach(py, x.len(), || k.single(&x, &y)).py_err()?
        };
        return Ok(float(py, v));
    };
    for (a, n) in [(p, pn), (q, qn)] {
        if a.ndim() > 2 {
            return Err(shape_error(format!(
                "{n} must be 1-D or 2-D, got shape {}",
                fmt_shape(a.shape())
            )));
        }
    }
    // A 1-D side is one distribution, paired with every row of the other side.
    let pm = if pd == 2 {
        rows_view(p, pn, ax)?
    } else {
        one_row(p, pn)?
    };
    let qm = if qd == 2 {
        rows_view(q, qn, ax)?
    } else {
        one_row(q, qn)?
    };
    let dim = if pd == 2 { pm.dim() } else { qm.dim() };
    let bp = pm
        .broadcast(dim)
        .ok_or_else(|| broadcast_error(p, pn, q, qn))?;
    let bq = qm
        .broadcast(dim)
        .ok_or_else(|| broadcast_error(p, pn, q, qn))?;
    let mut out = vec![0.0; dim.0];
    detach(py, dim.0 * dim.1, || {
        k.batch(&mut out, bp, bq, opts.par, opts.nan)
    })
    .py_err()?;
    Ok(array1(py, out))
}

fn one_row<'a, T: Element>(
    a: &'a PyReadonlyArrayDyn<'_, T>,
    arg: &str,
) -> PyResult<ArrayView2<'a, T>> {
    let n = a.len();
    a.as_array()
        .into_shape_with_order((1, n))
        .map_err(|_| shape_error(format!("{arg} must be 1-D or 2-D")))
}

fn broadcast_error<T: Element>(
    p: &PyReadonlyArrayDyn<'_, T>,
    pn: &str,
    q: &PyReadonlyArrayDyn<'_, T>,
    qn: &str,
) -> PyErr {
    shape_error(format!(
        "{pn} has shape {} but {qn} has shape {}: they must be equal, or one of them 1-D with \
         the length of the other's distributions",
        fmt_shape(p.shape()),
        fmt_shape(q.shape())
    ))
}

/// Applies a scalar core function elementwise: a Python number gives a float, an array-like
/// gives an array of the same shape (`float64`).
pub(crate) fn elementwise<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
    f: impl Fn(f64) -> sanov::Result<f64> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    if obj.is_instance_of::<PyFloat>() || obj.is_instance_of::<PyInt>() {
        let x = scalar(obj, arg)?;
        return Ok(float(py, f(x).py_err()?));
    }
    let a = floats64(obj, arg)?;
    let v = a.as_array();
    let out = detach(py, v.len(), || {
        v.iter().map(|&x| f(x)).collect::<sanov::Result<Vec<f64>>>()
    })
    .py_err()?;
    array_shaped(py, v.shape(), out)
}

/// NumPy's broadcast shape of two shapes.
fn broadcast_shape(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
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

/// Applies a scalar core function of two arguments elementwise, with NumPy broadcasting.
pub(crate) fn elementwise2<'py>(
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    (xn, yn): (&str, &str),
    f: impl Fn(f64, f64) -> f64 + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let is_num =
        |o: &Bound<'py, PyAny>| o.is_instance_of::<PyFloat>() || o.is_instance_of::<PyInt>();
    if is_num(x) && is_num(y) {
        return Ok(float(py, f(scalar(x, xn)?, scalar(y, yn)?)));
    }
    let a = floats64(x, xn)?;
    let b = floats64(y, yn)?;
    let shape = broadcast_shape(a.shape(), b.shape()).ok_or_else(|| {
        shape_error(format!(
            "{xn} has shape {} and {yn} has shape {}, which do not broadcast",
            fmt_shape(a.shape()),
            fmt_shape(b.shape())
        ))
    })?;
    let (av, bv) = (a.as_array(), b.as_array());
    let (Some(ab), Some(bb)) = (av.broadcast(IxDyn(&shape)), bv.broadcast(IxDyn(&shape))) else {
        return Err(shape_error("inputs do not broadcast"));
    };
    let out = detach(py, ab.len(), || {
        Zip::from(&ab).and(&bb).map_collect(|&u, &v| f(u, v))
    });
    if out.ndim() == 0 {
        return Ok(float(py, out.iter().copied().next().unwrap_or(f64::NAN)));
    }
    Ok(out.into_pyarray(py).into_any())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_after_fork_in_child, m)?)?;
    Ok(())
}
