//! The conversion layer shared by every binding, one file per concern:
//!
//! - [`docs`]: docstring fragments (macros, so first);
//! - [`arrays`]: the front door of array arguments (array-likes, DLPack, masked arrays,
//!   dimension and size limits) and the typed views the bindings read;
//! - [`args`]: scalar keyword arguments (`base`, `axis`, `workers`, `nan_policy`, ints of any
//!   size);
//! - [`workers`]: `workers=`, the fork guard, GIL release;
//! - [`normalize`]: `normalize=True` and the float16 check;
//! - [`batch`]: the batched (`axis=`) forms over the core's row driver, with broadcasting;
//! - [`elementwise`]: scalar functions applied elementwise;
//! - [`results`]: Python floats and NumPy arrays out.

#[macro_use]
mod docs;
pub(crate) mod args;
pub(crate) mod arrays;
pub(crate) mod batch;
pub(crate) mod elementwise;
pub(crate) mod normalize;
pub(crate) mod results;
pub(crate) mod workers;

pub(crate) use args::{base, scalar, usizes, Axis, Float, Int, Nan, Workers};
pub(crate) use arrays::{
    array64, flat, floats, floats64, fmt_shape, int64s, label_array, labels, not_1d, vector,
    vector64, view_dim, Floats,
};
pub(crate) use batch::{align, run_binary, run_unary, Aligned, Batch, Binary, Unary};
pub(crate) use elementwise::{elementwise, elementwise2};
pub(crate) use normalize::{distribution, normalized};
pub(crate) use results::{array1, array_shaped, float, named_tuple};
pub(crate) use workers::{detach, par};

pub(crate) fn register(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
    workers::register(m)
}
