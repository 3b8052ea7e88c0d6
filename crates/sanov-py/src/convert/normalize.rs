//! Distributions in: `normalize=True` (per distribution along `axis`), and the precision-aware
//! check of `float16` input.

use ndarray::ArrayD;
use numpy::{IntoPyArray, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::prelude::*;
use sanov::rows::NanPolicy;
use sanov::Real;

use super::arrays::{floats_of, fmt_shape, is_half, ndarray, Floats};
use super::batch::{check_axis, Batch};
use super::workers::detach;
use crate::error::domain_error;

/// How far from 1 the sum of a `float16` probability vector may be: 10 units of float16's
/// roundoff (2^-11), as the float32 tolerance (1e-5) is about 170 of float32's.
pub(crate) const HALF_TOLERANCE: f64 = 5e-3;

/// Converts `obj` for a function of distributions: `float16` input (unless it is to be
/// normalised anyway) checked against [`HALF_TOLERANCE`] per distribution (along `axis`) and
/// divided by its sum; anything else as it is. Normalisation itself (`normalize=True`)
/// happens per row in the batched driver, after broadcasting and NaN omission.
pub(crate) fn distribution<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
    opts: &Batch,
) -> PyResult<Floats<'py>> {
    let a = ndarray(obj, arg)?;
    let f = floats_of(&a, arg)?;
    if opts.normalize || !is_half(&a) {
        return Ok(f);
    }
    lanes_of(f, arg, opts.axis, opts.nan, false)
}

/// `sanov.normalize`: `obj` divided by its sum per distribution along `axis` (the whole
/// 1-D array without one).
pub(crate) fn normalized<'py>(
    obj: &Bound<'py, PyAny>,
    arg: &str,
    axis: Option<isize>,
) -> PyResult<Floats<'py>> {
    lanes_of(
        floats_of(&ndarray(obj, arg)?, arg)?,
        arg,
        axis,
        NanPolicy::Raise,
        true,
    )
}

fn lanes_of<'py>(
    f: Floats<'py>,
    arg: &str,
    axis: Option<isize>,
    nan: NanPolicy,
    normalize: bool,
) -> PyResult<Floats<'py>> {
    let ax = match axis {
        Some(ax) => check_axis(ax, f.ndim())?,
        // Wrong dimensions: the function itself raises the shape error.
        None if f.ndim() == 1 => 0,
        None => return Ok(f),
    };
    let out = match &f {
        Floats::F64(x) => per_lane(x, arg, ax, nan, normalize),
        Floats::F32(x) => per_lane(x, arg, ax, nan, normalize),
    }?;
    let py = match &f {
        Floats::F64(x) => x.py(),
        Floats::F32(x) => x.py(),
    };
    Ok(Floats::F64(out.into_pyarray(py).readonly()))
}

enum LaneError {
    Core(sanov::Error),
    HalfSum(f64),
}

/// Normalises (or, for float16, checks and rescales) each lane along `ax`.
fn per_lane<T: numpy::Element + Real>(
    a: &PyReadonlyArrayDyn<'_, T>,
    arg: &str,
    ax: usize,
    nan: NanPolicy,
    normalize: bool,
) -> PyResult<ArrayD<f64>> {
    let mut out: ArrayD<f64> = a.as_array().mapv(Real::to_f64);
    let shape = a.shape().to_vec();
    detach(a.py(), out.len(), || {
        for mut lane in out.lanes_mut(ndarray::Axis(ax)) {
            let has_nan = lane.iter().any(|v| v.is_nan());
            if has_nan && nan == NanPolicy::Propagate {
                continue;
            }
            let keep: Vec<usize> = (0..lane.len())
                .filter(|&i| !(nan == NanPolicy::Omit && lane[i].is_nan()))
                .collect();
            let vals: Vec<f64> = keep.iter().map(|&i| lane[i]).collect();
            if vals.is_empty() {
                continue;
            }
            let w = if normalize {
                sanov::validate::normalize(&vals).map_err(LaneError::Core)?
            } else {
                let sum: f64 = vals.iter().sum();
                if !sum.is_finite() || vals.iter().any(|&v| v < 0.0) {
                    // Left to the kernel's own (more specific) errors.
                    continue;
                }
                if (sum - 1.0).abs() > HALF_TOLERANCE {
                    return Err(LaneError::HalfSum(sum));
                }
                vals.iter().map(|v| v / sum).collect()
            };
            for (&i, v) in keep.iter().zip(w) {
                lane[i] = v;
            }
        }
        Ok(())
    })
    .map_err(|e| match e {
        LaneError::Core(e) => crate::error::to_py(&e),
        LaneError::HalfSum(sum) => domain_error(format!(
            "{arg} (float16, shape {}) sums to {sum:?}, not 1 (tolerance {HALF_TOLERANCE} for \
             float16); pass normalize=True if it holds counts or weights",
            fmt_shape(&shape)
        )),
    })?;
    Ok(out)
}
