//! Bindings of `sanov::families::diag_gaussian_kl` (issue #22, Gaussian mixtures and the
//! batched diagonal-Gaussian KL).

use numpy::PyUntypedArrayMethods;
use pyo3::prelude::*;
use sanov::families::diag_gaussian_kl as core_diag_kl;

use crate::convert::{self, fmt_shape, Workers};
use crate::error::{shape_error, IntoPy};
use crate::families::{reduced, vae_reduction, view2};

/// KL(N(mu1, diag exp(log_var1)) || N(mu2, diag exp(log_var2))) per row of a batch.
///
/// KL_r = 0.5 * sum_j (exp(t) - 1 - t + (mu1 - mu2)**2 * exp(-log_var2)), t = log_var1 - log_var2,
/// in nats, accumulated in float64 (float32 inputs too). Variances are given as log-variances,
/// as in ``vae_kl`` (which is the case mu2 = 0, log_var2 = 0).
///
/// Parameters
/// ----------
/// mu1, log_var1, mu2, log_var2 : array_like, shape (batch, dim)
///     float32 inputs are read as float32; the arithmetic is float64.
/// reduction : {"mean", "sum", "none"}, default "mean"
///     "mean": the mean over rows of the per-row KL (summed over dimensions); "sum": the
///     total; "none": one value per row.
/// workers : int, optional
///     Parallelism over rows (as in ``entropy``); 1 runs on the calling thread.
///
/// Returns
/// -------
/// float, or ndarray of shape (batch,) with ``reduction="none"``
///
/// Raises
/// ------
/// ShapeError
///     Inputs that are not 2-D, of different shapes, or empty.
/// DomainError
///     NaN or infinite entries; an unknown reduction.
///
/// Examples
/// --------
/// >>> sanov.diag_gaussian_kl([[1.0]], [[0.0]], [[0.0]], [[0.0]])
/// 0.5
#[pyfunction]
#[pyo3(signature = (mu1, log_var1, mu2, log_var2, reduction="mean", workers=None))]
#[allow(clippy::too_many_arguments)]
fn diag_gaussian_kl<'py>(
    py: Python<'py>,
    mu1: &Bound<'py, PyAny>,
    log_var1: &Bound<'py, PyAny>,
    mu2: &Bound<'py, PyAny>,
    log_var2: &Bound<'py, PyAny>,
    reduction: &str,
    workers: Option<Workers>,
) -> PyResult<Bound<'py, PyAny>> {
    let red = vae_reduction(reduction)?;
    let par = convert::par(workers.map(|w| w.0));
    let names = ["mu1", "log_var1", "mu2", "log_var2"];
    let objs = [mu1, log_var1, mu2, log_var2];
    let mut all32 = true;
    let mut fl = Vec::with_capacity(4);
    for (name, o) in names.iter().zip(objs) {
        let a = convert::floats(o, name)?;
        let shape = match &a {
            convert::Floats::F32(x) => x.shape().to_vec(),
            convert::Floats::F64(x) => {
                all32 = false;
                x.shape().to_vec()
            }
        };
        if shape.len() != 2 {
            return Err(shape_error(format!(
                "{name} must be a 2-D array [batch, dim], got shape {}",
                fmt_shape(&shape)
            )));
        }
        fl.push(a);
    }
    let kl = if all32 {
        let a: Vec<_> = fl
            .into_iter()
            .filter_map(|f| match f {
                convert::Floats::F32(x) => Some(x),
                convert::Floats::F64(_) => None,
            })
            .collect();
        let v: Vec<_> = a.iter().map(view2).collect();
        convert::detach(py, v[0].len(), || core_diag_kl(v[0], v[1], v[2], v[3], par))
    } else {
        drop(fl);
        let mut a = Vec::with_capacity(4);
        for (name, o) in names.iter().zip(objs) {
            a.push(convert::floats64(o, name)?);
        }
        let v: Vec<_> = a.iter().map(view2).collect();
        convert::detach(py, v[0].len(), || core_diag_kl(v[0], v[1], v[2], v[3], par))
    }
    .py_err()?;
    Ok(reduced(py, kl, red))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(diag_gaussian_kl, m)?)?;
    Ok(())
}
