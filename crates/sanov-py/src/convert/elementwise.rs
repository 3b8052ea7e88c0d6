//! Scalar core functions applied elementwise (special functions, closed forms): a Python
//! number gives a float, an array-like an array of the same (broadcast) shape.

use ndarray::{IxDyn, Zip};
use numpy::{IntoPyArray, PyUntypedArrayMethods};
use pyo3::exceptions::PyMemoryError;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt};

use super::args::scalar;
use super::arrays::{floats64, fmt_shape};
use super::batch::broadcast_shape;
use super::results::{array_shaped, float};
use super::workers::detach;
use crate::error::{shape_error, IntoPy};

fn is_number(o: &Bound<'_, PyAny>) -> bool {
    o.is_instance_of::<PyFloat>() || o.is_instance_of::<PyInt>()
}

/// Applies a scalar core function elementwise: a Python number gives a float, an array-like
/// gives an array of the same shape (`float64`).
pub(crate) fn elementwise<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
    f: impl Fn(f64) -> sanov::Result<f64> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    if is_number(obj) {
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

/// Applies a scalar core function of two arguments elementwise, with NumPy broadcasting.
pub(crate) fn elementwise2<'py>(
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    (xn, yn): (&'static str, &'static str),
    f: impl Fn(f64, f64) -> f64 + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    if is_number(x) && is_number(y) {
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
    if shape.len() > super::arrays::MAX_NDIM {
        return Err(shape_error(format!(
            "{xn} and {yn} broadcast to {} dimensions; at most {} are supported",
            shape.len(),
            super::arrays::MAX_NDIM
        )));
    }
    // The result may be far larger than both inputs: reserve it fallibly first.
    let n = sanov::alloc::elements::<f64>(xn, &shape)
        .and_then(|n| sanov::alloc::vec_with_capacity::<f64>(xn, n))
        .map_err(|e| PyMemoryError::new_err(e.to_string()))?;
    drop(n);
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
