//! Array-likes in: the one front door every array argument goes through, and the typed views
//! the bindings read.
//!
//! - `float64` and `float32` NumPy arrays are borrowed in place (no copy) when contiguous;
//!   `float32` stays `float32` and goes to the core's `f32` path.
//! - Anything else goes through `numpy.asarray`: lists, tuples, scalars, arrays of other real
//!   dtypes (`int*`, `uint*`, `bool`, `float16`, `longdouble`) are converted to `float64`.
//!   Objects with `__array__` (pandas Series, CPU torch tensors) are read through it, without
//!   a copy where the layout allows; objects with only `__dlpack__` through
//!   `numpy.from_dlpack`. An object on a non-CPU device (its `__dlpack_device__` says so, as
//!   for a CUDA tensor) is a `TypeError` pointing to `sanov.torch`.
//! - NumPy masked arrays are refused (`TypeError`): the mask would be ignored silently.
//! - More than 32 dimensions (rust-numpy's limit) is a `ShapeError`; a broadcast view (a zero
//!   stride) whose copy would exceed [`BROADCAST_COPY_MAX`] elements is a `MemoryError`.
//! - Non-real dtypes (strings, complex, object, datetime, structured) raise `TypeError`; inputs
//!   NumPy cannot turn into a rectangular array (ragged lists) raise `ShapeError`.
//! - Non-contiguous (strided, reversed) views are copied once where a contiguous slice is
//!   needed; 2-D views are passed to the batched kernels as they are.

use std::borrow::Cow;

use ndarray::{Array, ArrayView, ArrayViewD, Dimension};
use numpy::{
    Element, IntoPyArray, PyArrayDescrMethods, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn,
    PyUntypedArray, PyUntypedArrayMethods,
};
use pyo3::exceptions::{PyMemoryError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple, PyType};

use crate::error::{shape_error, SanovError};

/// The most dimensions an array may have (rust-numpy's `IxDyn` views stop at 32).
pub(crate) const MAX_NDIM: usize = 32;

/// The most elements a broadcast view (an array with a zero stride, such as
/// `numpy.broadcast_to(x, n)`) may have: such a view is copied before it is read, and the copy
/// may be far larger than the memory the view occupies. 2^27 elements = 1 GiB of `float64`.
pub(crate) const BROADCAST_COPY_MAX: usize = 1 << 27;

/// A float array borrowed from Python: `float32` stays `f32`, every other real dtype is `f64`.
pub(crate) enum Floats<'py> {
    /// `float64` data (possibly converted from another dtype).
    F64(PyReadonlyArrayDyn<'py, f64>),
    /// `float32` data, borrowed as it is.
    F32(PyReadonlyArrayDyn<'py, f32>),
}

static ASARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static FROM_DLPACK: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static NDARRAY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MASKED: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn borrow_error(arg: &str) -> PyErr {
    SanovError::new_err(format!(
        "{arg} is being written by another call (an out= or in_place= buffer of a call still \
         running); pass a different array"
    ))
}

/// DLPack's device type of the CPU (`kDLCPU`) and of page-locked host memory
/// (`kDLCUDAHost`), the two NumPy can read.
const DLPACK_CPU: i64 = 1;
const DLPACK_CUDA_HOST: i64 = 3;

/// `TypeError` for an object on a device other than the CPU (a CUDA tensor).
fn check_device(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<()> {
    let Ok(dev) = obj.getattr("__dlpack_device__") else {
        return Ok(());
    };
    let Ok((kind, id)) = dev.call0().and_then(|d| d.extract::<(i64, i64)>()) else {
        return Ok(());
    };
    if kind == DLPACK_CPU || kind == DLPACK_CUDA_HOST {
        return Ok(());
    }
    let device = match kind {
        2 => format!("cuda:{id}"),
        4 => format!("opencl:{id}"),
        7 => format!("vulkan:{id}"),
        8 => "mps".to_owned(),
        10 => format!("rocm:{id}"),
        14 => format!("xpu:{id}"),
        _ => format!("DLPack device type {kind}, id {id}"),
    };
    Err(PyTypeError::new_err(format!(
        "{arg} lives on {device}, but sanov's NumPy API reads CPU memory only: use sanov.torch \
         for tensors on other devices, or move it to the CPU first (e.g. {arg}.cpu())"
    )))
}

/// `numpy.asarray(obj)`: ragged input is a `ShapeError`, anything else that fails a `TypeError`.
fn asarray<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    // An object with only `__dlpack__` would become a 0-d object array under `asarray`.
    if obj.hasattr("__dlpack__")?
        && !obj.hasattr("__array__")?
        && !obj.hasattr("__array_interface__")?
    {
        return FROM_DLPACK
            .import(py, "numpy", "from_dlpack")?
            .call1((obj,))
            .map_err(|e| {
                PyTypeError::new_err(format!("{arg} cannot be read through DLPack: {e}"))
            });
    }
    ASARRAY
        .import(py, "numpy", "asarray")?
        .call1((obj,))
        .map_err(|e| asarray_error(py, e, arg))
}

/// The error of a failed `numpy.asarray`: ragged input is a `ShapeError`, a `MemoryError`
/// stays one, anything else is a `TypeError`.
fn asarray_error(py: Python<'_>, e: PyErr, arg: &str) -> PyErr {
    if e.is_instance_of::<PyValueError>(py) {
        shape_error(format!("{arg} cannot be converted to an array: {e}"))
    } else if e.is_instance_of::<PyMemoryError>(py) {
        e
    } else {
        PyTypeError::new_err(format!("{arg} is not array-like: {e}"))
    }
}

/// The checks every array passes before it is viewed: dimensions, masks, broadcast copies.
fn check_array(a: &Bound<'_, PyUntypedArray>, arg: &str, exact: bool) -> PyResult<()> {
    let py = a.py();
    if !exact && a.is_instance(MASKED.import(py, "numpy.ma", "MaskedArray")?)? {
        return Err(PyTypeError::new_err(format!(
            "{arg} is a masked array, whose mask sanov would ignore: pass {arg}.compressed() \
             (the unmasked values, 1-D) or {arg}.filled(value)"
        )));
    }
    let ndim = a.ndim();
    if ndim > MAX_NDIM {
        return Err(shape_error(format!(
            "{arg} has {ndim} dimensions; at most {MAX_NDIM} are supported"
        )));
    }
    let shape = a.shape();
    if a.strides()
        .iter()
        .zip(shape)
        .any(|(&s, &n)| s == 0 && n > 1)
    {
        let n: u128 = shape.iter().map(|&d| d as u128).product();
        if n > BROADCAST_COPY_MAX as u128 {
            return Err(PyMemoryError::new_err(format!(
                "{arg} is a broadcast view of {n} elements (a zero stride) whose copy would \
                 exceed {BROADCAST_COPY_MAX} elements; pass a smaller array"
            )));
        }
    }
    Ok(())
}

/// The front door: `obj` as a NumPy array, checked (see the module docs). NumPy arrays are
/// returned as they are (no copy).
pub(crate) fn ndarray<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
) -> PyResult<Bound<'py, PyUntypedArray>> {
    let py = obj.py();
    if let Ok(a) = obj.cast::<PyUntypedArray>() {
        let exact = obj.get_type().is(NDARRAY.import(py, "numpy", "ndarray")?);
        check_array(a, arg, exact)?;
        return Ok(a.clone());
    }
    // Lists and tuples (the common small input) have neither a device nor DLPack: straight to
    // `numpy.asarray`, skipping the attribute probes (each a raised AttributeError, ~0.5 µs).
    if obj.is_exact_instance_of::<PyList>() || obj.is_exact_instance_of::<PyTuple>() {
        let a = ASARRAY
            .import(py, "numpy", "asarray")?
            .call1((obj,))
            .map_err(|e| asarray_error(py, e, arg))?
            .cast_into::<PyUntypedArray>()
            .map_err(|_| PyTypeError::new_err(format!("{arg} is not array-like")))?;
        check_array(&a, arg, true)?;
        return Ok(a);
    }
    check_device(obj, arg)?;
    let arr = asarray(obj, arg)?;
    let a = arr
        .cast_into::<PyUntypedArray>()
        .map_err(|_| PyTypeError::new_err(format!("{arg} is not array-like")))?;
    check_array(&a, arg, false)?;
    Ok(a)
}

/// `a` converted to `dtype` (`numpy.ndarray.astype`).
fn astype<'py>(a: &Bound<'py, PyUntypedArray>, dtype: &str) -> PyResult<Bound<'py, PyAny>> {
    a.call_method1("astype", (dtype,))
}

/// Converts an array-like to [`Floats`], borrowing `float64`/`float32` arrays in place.
pub(crate) fn floats<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<Floats<'py>> {
    floats_of(&ndarray(obj, arg)?, arg)
}

/// [`floats`] of an array that passed the front door.
pub(crate) fn floats_of<'py>(a: &Bound<'py, PyUntypedArray>, arg: &str) -> PyResult<Floats<'py>> {
    if let Ok(f) = a.cast::<PyArrayDyn<f64>>() {
        return f
            .try_readonly()
            .map(Floats::F64)
            .map_err(|_| borrow_error(arg));
    }
    if let Ok(f) = a.cast::<PyArrayDyn<f32>>() {
        return f
            .try_readonly()
            .map(Floats::F32)
            .map_err(|_| borrow_error(arg));
    }
    let dtype = a.dtype();
    if matches!(dtype.kind(), b'f' | b'i' | b'u' | b'b') {
        let converted = astype(a, "float64")?;
        let f = converted
            .cast::<PyArrayDyn<f64>>()
            .map_err(|_| PyTypeError::new_err(format!("{arg} cannot be converted to float64")))?;
        return f
            .try_readonly()
            .map(Floats::F64)
            .map_err(|_| borrow_error(arg));
    }
    Err(PyTypeError::new_err(format!(
        "{arg} must hold real numbers (a float, int or bool dtype), got dtype {dtype}"
    )))
}

/// Whether `a` holds `float16` (whose probabilities are checked at float16 precision).
pub(crate) fn is_half(a: &Bound<'_, PyUntypedArray>) -> bool {
    let d = a.dtype();
    d.kind() == b'f' && d.itemsize() == 2
}

/// An array-like of integers converted to an `int64` ndarray of any shape (`int64` arrays
/// as they are). Other integer and bool dtypes are converted, checked: a `uint64` value above
/// `i64::MAX` is a `DomainError`, never a negative number. An empty input of any dtype (`[]`)
/// is an empty array; other floats are a `TypeError`, so that they are never truncated
/// silently.
fn int64_array<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<Bound<'py, PyAny>> {
    let a = ndarray(obj, arg)?;
    if a.cast::<PyArrayDyn<i64>>().is_ok() {
        return Ok(a.into_any());
    }
    let dtype = a.dtype();
    if dtype.kind() == b'u' && dtype.itemsize() == 8 && a.len() > 0 {
        let max: u64 = a.call_method0("max")?.extract()?;
        if i64::try_from(max).is_err() {
            return Err(crate::error::domain_error(format!(
                "{arg} holds {max}, beyond the int64 range of labels and counts"
            )));
        }
    }
    if matches!(dtype.kind(), b'i' | b'u' | b'b') || a.len() == 0 {
        return astype(&a, "int64");
    }
    Err(PyTypeError::new_err(format!(
        "{arg} must hold integers (an int, uint or bool dtype), got dtype {dtype}"
    )))
}

/// [`int64_array`] borrowed as an `int64` array of any shape.
pub(crate) fn int64s<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
) -> PyResult<PyReadonlyArrayDyn<'py, i64>> {
    int64_array(obj, arg)?
        .cast::<PyArrayDyn<i64>>()
        .map_err(|_| PyTypeError::new_err(format!("{arg} cannot be converted to int64")))?
        .try_readonly()
        .map_err(|_| borrow_error(arg))
}

/// [`int64_array`] of a 1-D input (`ShapeError` otherwise), e.g. integer labels.
pub(crate) fn labels<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
) -> PyResult<numpy::PyReadonlyArray1<'py, i64>> {
    let a = int64_array(obj, arg)?;
    let u = a.cast::<PyUntypedArray>()?;
    if u.ndim() != 1 {
        return Err(not_1d(arg, u.shape()));
    }
    a.cast::<numpy::PyArray1<i64>>()
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

pub(crate) fn upcast<'py>(a: &PyReadonlyArrayDyn<'py, f32>) -> PyReadonlyArrayDyn<'py, f64> {
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

/// The error for a non-1-D input to a function called without `axis`; `batched` says whether
/// the function has an `axis=` argument to suggest.
pub(crate) fn not_1d_for(arg: &str, shape: &[usize], batched: bool) -> PyErr {
    if batched && shape.len() >= 2 {
        shape_error(format!(
            "{arg} must be 1-D, got shape {}; pass axis= (e.g. axis=-1: one value per \
             distribution along the last axis)",
            fmt_shape(shape)
        ))
    } else {
        shape_error(format!("{arg} must be 1-D, got shape {}", fmt_shape(shape)))
    }
}

/// The error for a non-1-D input to a function without `axis=`.
pub(crate) fn not_1d(arg: &str, shape: &[usize]) -> PyErr {
    not_1d_for(arg, shape, false)
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

/// A 1-D `float64` argument as an owned vector (`ShapeError` unless 1-D).
pub(crate) fn vector64(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Vec<f64>> {
    let a = floats64(obj, arg)?;
    Ok(vector(&a, arg)?.into_owned())
}

/// `a` as a `D`-dimensional view, or a `ShapeError` "`{arg} must be {what}, got shape (…)`".
pub(crate) fn view_dim<'a, T: Element, D: Dimension>(
    a: &'a PyReadonlyArrayDyn<'_, T>,
    arg: &str,
    what: &str,
) -> PyResult<ArrayView<'a, T, D>> {
    a.as_array().into_dimensionality::<D>().map_err(|_| {
        shape_error(format!(
            "{arg} must be {what}, got shape {}",
            fmt_shape(a.shape())
        ))
    })
}

/// A `D`-dimensional `float64` argument, copied (`ShapeError` "`{arg} must be {what}, got
/// shape (…)`" otherwise).
pub(crate) fn array64<D: Dimension>(
    obj: &Bound<'_, PyAny>,
    arg: &str,
    what: &str,
) -> PyResult<Array<f64, D>> {
    let a = floats64(obj, arg)?;
    Ok(view_dim::<f64, D>(&a, arg, what)?.to_owned())
}

/// A 1-D integer label array read at its own width: `int8` … `uint64` NumPy arrays that are
/// C-contiguous are borrowed in place (no copy); anything else goes through [`labels`] (the
/// `int64` conversion, with its errors) and is held as a contiguous `int64` vector.
pub(crate) enum LabelArray<'py> {
    I8(numpy::PyReadonlyArray1<'py, i8>),
    I16(numpy::PyReadonlyArray1<'py, i16>),
    I32(numpy::PyReadonlyArray1<'py, i32>),
    I64(numpy::PyReadonlyArray1<'py, i64>),
    U8(numpy::PyReadonlyArray1<'py, u8>),
    U16(numpy::PyReadonlyArray1<'py, u16>),
    U32(numpy::PyReadonlyArray1<'py, u32>),
    U64(numpy::PyReadonlyArray1<'py, u64>),
    Owned(Vec<i64>),
}

/// `obj` as a [`LabelArray`] (see there); errors as [`labels`] (a `uint64` value above
/// `i64::MAX` is a `DomainError`).
pub(crate) fn label_array<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<LabelArray<'py>> {
    let a = ndarray(obj, arg)?;
    if a.ndim() == 1 && a.is_c_contiguous() {
        macro_rules! borrow {
            ($t:ty, $v:ident) => {
                if let Ok(f) = a.cast::<numpy::PyArray1<$t>>() {
                    return f
                        .try_readonly()
                        .map(LabelArray::$v)
                        .map_err(|_| borrow_error(arg));
                }
            };
        }
        borrow!(i64, I64);
        borrow!(i32, I32);
        borrow!(i16, I16);
        borrow!(i8, I8);
        borrow!(u8, U8);
        borrow!(u16, U16);
        borrow!(u32, U32);
        if let Ok(f) = a.cast::<numpy::PyArray1<u64>>() {
            let r = f.try_readonly().map_err(|_| borrow_error(arg))?;
            if let Some(&max) = r.as_slice()?.iter().max() {
                if i64::try_from(max).is_err() {
                    return Err(crate::error::domain_error(format!(
                        "{arg} holds {max}, beyond the int64 range of labels and counts"
                    )));
                }
            }
            return Ok(LabelArray::U64(r));
        }
    }
    let l = labels(a.as_any(), arg)?;
    let v = match l.as_slice() {
        Ok(s) => s.to_vec(),
        Err(_) => l.as_array().iter().copied().collect(),
    };
    Ok(LabelArray::Owned(v))
}

impl LabelArray<'_> {
    /// The labels, borrowed for the core.
    pub(crate) fn labels(&self) -> sanov::multivariate::Labels<'_> {
        use sanov::multivariate::Labels;
        // Every borrowed variant was checked C-contiguous, so `as_slice` succeeds.
        match self {
            LabelArray::I8(a) => Labels::from(a.as_slice().unwrap_or_default()),
            LabelArray::I16(a) => Labels::from(a.as_slice().unwrap_or_default()),
            LabelArray::I32(a) => Labels::from(a.as_slice().unwrap_or_default()),
            LabelArray::I64(a) => Labels::from(a.as_slice().unwrap_or_default()),
            LabelArray::U8(a) => Labels::from(a.as_slice().unwrap_or_default()),
            LabelArray::U16(a) => Labels::from(a.as_slice().unwrap_or_default()),
            LabelArray::U32(a) => Labels::from(a.as_slice().unwrap_or_default()),
            LabelArray::U64(a) => Labels::from(a.as_slice().unwrap_or_default()),
            LabelArray::Owned(v) => Labels::from(v.as_slice()),
        }
    }
}
