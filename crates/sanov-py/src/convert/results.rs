//! Results out: Python floats and NumPy arrays.

use ndarray::{Array1, IxDyn};
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyFloat;

use crate::error::shape_error;

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

/// Every structured result of sanov is one of these: a `collections.namedtuple` type of
/// module `sanov` (a tuple that unpacks, with named fields and a docstring), made once per
/// interpreter in `cell`.
pub(crate) fn named_tuple<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyAny>>,
    name: &str,
    fields: &[&str],
    doc: &str,
) -> PyResult<&'py Bound<'py, PyAny>> {
    cell.get_or_try_init(py, || {
        let nt = py.import("collections")?.getattr("namedtuple")?;
        let kw = pyo3::types::PyDict::new(py);
        kw.set_item("module", "sanov")?;
        let t = nt.call((name, fields.to_vec()), Some(&kw))?;
        t.setattr("__doc__", doc)?;
        Ok::<_, PyErr>(t.unbind())
    })
    .map(|t| t.bind(py))
}
