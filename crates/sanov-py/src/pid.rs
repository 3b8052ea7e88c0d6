//! Bindings of `sanov::pid`: the two-source PIDs of Williams–Beer, BROJA and Ince.

use numpy::{PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sanov::iterate::StoppingRule;
use sanov::pid::{self, Pid};

use crate::convert::{self, floats64, fmt_shape, Int};
use crate::error::{shape_error, IntoPy};

fn joint3<'a>(a: &'a PyReadonlyArrayDyn<'_, f64>) -> PyResult<ndarray::ArrayView3<'a, f64>> {
    a.as_array()
        .into_dimensionality::<ndarray::Ix3>()
        .map_err(|_| {
            shape_error(format!(
                "joint must be 3-D [x1, x2, y], got shape {}",
                fmt_shape(a.shape())
            ))
        })
}

fn to_dict<'py>(py: Python<'py>, p: &Pid) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("redundancy", p.redundancy)?;
    d.set_item("unique_1", p.unique_1)?;
    d.set_item("unique_2", p.unique_2)?;
    d.set_item("synergy", p.synergy)?;
    d.set_item("mi_1", p.mi_1)?;
    d.set_item("mi_2", p.mi_2)?;
    d.set_item("mi_12", p.mi_12)?;
    Ok(d)
}

/// Partial information decomposition of two sources (axes 0, 1) about a target (axis 2).
///
/// Returns a dict with ``redundancy``, ``unique_1``, ``unique_2``, ``synergy`` (adding up to
/// ``mi_1 = I(X1;Y)``, ``mi_2 = I(X2;Y)``, ``mi_12 = I(X1,X2;Y)``, also returned). For
/// ``measure="broja"`` also ``q`` (the optimal distribution), ``gap`` (certified duality gap,
/// nats) and ``iterations``.
///
/// Parameters
/// ----------
/// joint : array_like, shape (n1, n2, ny)
///     ``joint[x1, x2, y]``, a probability array (finite, non-negative, sums to 1).
/// measure : {"williams_beer", "broja", "ccs"}
///     Williams-Beer I_min (dit's ``PID_WB``), BROJA (``PID_BROJA``), Ince's I_ccs
///     (``PID_CCS``).
#[doc = doc_base!()]
/// tolerance : float, default 1e-10
///     BROJA only: the certified duality gap (nats) at which the solver stops.
/// max_iterations : int, default 10000
///     BROJA only: Newton iterations before ConvergenceError.
///
/// Raises
/// ------
/// ShapeError
///     joint not 3-D, or empty.
/// DomainError
///     Not a probability array; unknown measure; invalid tolerance.
/// ConvergenceError
///     The solver did not reach its tolerance.
///
/// Examples
/// --------
/// >>> import numpy as np
/// >>> p = np.zeros((2, 2, 2)); p[0, 0, 0] = p[0, 1, 1] = p[1, 0, 1] = p[1, 1, 0] = 0.25
/// >>> round(sanov.partial_information(p, "williams_beer", base=2).get("synergy"), 12)
/// 1.0
#[pyfunction]
#[pyo3(
    signature = (joint, measure, *, base=None, tolerance=1e-10, max_iterations=Int::Small(10_000)),
    text_signature = "(joint, measure, *, base=None, tolerance=1e-10, max_iterations=10000)"
)]
fn partial_information<'py>(
    py: Python<'py>,
    joint: &Bound<'py, PyAny>,
    measure: &str,
    base: Option<&Bound<'py, PyAny>>,
    tolerance: f64,
    max_iterations: Int,
) -> PyResult<Bound<'py, PyDict>> {
    let max_iterations = max_iterations.usize("max_iterations")?;
    let base = convert::base(base, "base")?;
    let a = floats64(joint, "joint")?;
    let j = joint3(&a)?;
    match measure {
        "williams_beer" => to_dict(py, &pid::pid_williams_beer(j, base).py_err()?),
        "ccs" => to_dict(py, &pid::pid_ccs(j, base).py_err()?),
        "broja" => {
            let rule = StoppingRule {
                max_iterations,
                tolerance,
            };
            let r = py.detach(|| pid::pid_broja(j, base, &rule)).py_err()?;
            let d = to_dict(py, &r.pid)?;
            d.set_item("q", numpy::IntoPyArray::into_pyarray(r.q, py))?;
            d.set_item("gap", r.diagnostics.certificate)?;
            d.set_item("iterations", r.diagnostics.iterations)?;
            Ok(d)
        }
        _ => Err(crate::error::domain_error(format!(
            "measure must be \"williams_beer\", \"broja\" or \"ccs\", got {measure:?}"
        ))),
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(partial_information, m)?)?;
    Ok(())
}
