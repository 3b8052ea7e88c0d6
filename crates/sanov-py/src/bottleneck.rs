//! Bindings of `sanov::bottleneck`: encoder evaluation, the iterative IB, the deterministic IB
//! (iterative or exact) and the IB curve.

use numpy::{IntoPyArray, PyReadonlyArrayDyn};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sanov::bottleneck::{self, IbOptions, IbPoint, IbSolution};
use sanov::iterate::StoppingRule;

use crate::convert::{self, floats64, Int};
use crate::error::IntoPy;

fn matrix<'a>(
    a: &'a PyReadonlyArrayDyn<'_, f64>,
    arg: &str,
) -> PyResult<ndarray::ArrayView2<'a, f64>> {
    convert::view_dim(a, arg, "2-D")
}

fn point_dict<'py>(py: Python<'py>, p: &IbPoint) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("i_xt", p.i_xt)?;
    d.set_item("i_ty", p.i_ty)?;
    d.set_item("h_t", p.h_t)?;
    d.set_item("lagrangian_ib", p.lagrangian_ib)?;
    d.set_item("lagrangian_dib", p.lagrangian_dib)?;
    Ok(d)
}

fn solution_dict(py: Python<'_>, s: IbSolution) -> PyResult<Bound<'_, PyDict>> {
    let d = point_dict(py, &s.point)?;
    d.set_item("encoder", s.encoder.into_pyarray(py))?;
    d.set_item("iterations", s.report.iterations)?;
    d.set_item("converged", s.report.converged)?;
    d.set_item("lagrangians", s.report.lagrangians)?;
    d.set_item("best_restart", s.report.best)?;
    d.set_item("final_change", s.report.final_change)?;
    Ok(d)
}

fn options(restarts: usize, seed: u64, tolerance: f64, max_iterations: usize) -> IbOptions {
    IbOptions {
        restarts,
        seed,
        rule: StoppingRule {
            max_iterations,
            tolerance,
        },
    }
}

/// Evaluates an encoder q(t|x) on a joint p(x, y) (T - X - Y).
///
/// Returns a dict with ``i_xt``, ``i_ty``, ``h_t``, ``lagrangian_ib = I(X;T) - beta I(T;Y)`` and
/// ``lagrangian_dib = H(T) - beta I(T;Y)``.
///
/// Parameters
/// ----------
/// joint : array_like, shape (nx, ny)
///     ``joint[x, y]``, a probability matrix.
/// encoder : array_like, shape (nx, nt)
///     Row-stochastic ``encoder[x, t] = q(t|x)``.
/// beta : float
///     Trade-off (>= 0), multiplying the relevance term.
#[doc = doc_base!()]
///
/// Examples
/// --------
/// >>> pt = sanov.ib_evaluate([[0.5, 0.0], [0.0, 0.5]], [[1.0, 0.0], [0.0, 1.0]], 2.0, base=2)
/// >>> pt.get("i_ty")
/// 1.0
#[pyfunction]
#[pyo3(signature = (joint, encoder, beta, *, base=None))]
fn ib_evaluate<'py>(
    py: Python<'py>,
    joint: &Bound<'py, PyAny>,
    encoder: &Bound<'py, PyAny>,
    beta: f64,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let base = convert::base(base, "base")?;
    let j = floats64(joint, "joint")?;
    let e = floats64(encoder, "encoder")?;
    let p = bottleneck::evaluate_encoder(matrix(&j, "joint")?, matrix(&e, "encoder")?, beta, base)
        .py_err()?;
    point_dict(py, &p)
}

/// The information bottleneck (Tishby, Pereira & Bialek 1999) or, with
/// ``deterministic=True``, the deterministic IB (Strouse & Schwab 2017).
///
/// Minimises ``I(X;T) - beta I(T;Y)`` (or ``H(T) - beta I(T;Y)``) over encoders with
/// ``n_clusters`` values of T: the self-consistent equations from ``restarts`` seeded starts
/// (the best converged run is returned), or for the deterministic IB with ``exact=True`` an
/// enumeration of every hard assignment (``n_clusters ** nx <= 1e6``).
///
/// Returns a dict: the point (``i_xt``, ``i_ty``, ``h_t``, both Lagrangians), ``encoder``, and
/// the convergence report (``iterations``, ``converged``, ``lagrangians`` per restart,
/// ``best_restart``, ``final_change``).
///
/// Parameters
/// ----------
/// joint : array_like, shape (nx, ny)
/// n_clusters : int
/// beta : float
/// deterministic : bool, default False
/// exact : bool, default False
///     Deterministic IB only: enumerate instead of iterating.
/// restarts : int, default 16
/// seed : int, default 0
/// tolerance : float, default 1e-10
///     Largest encoder change in a sweep at which a run has converged.
/// max_iterations : int, default 10000
#[doc = doc_base!()]
///
/// Examples
/// --------
/// >>> r = sanov.information_bottleneck([[0.25, 0.0], [0.25, 0.0], [0.0, 0.5]], 2, 50.0, base=2)
/// >>> round(r.get("i_ty"), 9)
/// 1.0
#[pyfunction]
#[pyo3(
    signature = (joint, n_clusters, beta, *, deterministic=false, exact=false, restarts=Int::Small(16), seed=Int::Small(0), tolerance=1e-10, max_iterations=Int::Small(10_000), base=None),
    text_signature = "(joint, n_clusters, beta, *, deterministic=False, exact=False, restarts=16, seed=0, tolerance=1e-10, max_iterations=10000, base=None)"
)]
#[allow(clippy::too_many_arguments)]
fn information_bottleneck<'py>(
    py: Python<'py>,
    joint: &Bound<'py, PyAny>,
    n_clusters: Int,
    beta: f64,
    deterministic: bool,
    exact: bool,
    restarts: Int,
    seed: Int,
    tolerance: f64,
    max_iterations: Int,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let n_clusters = n_clusters.usize("n_clusters")?;
    let restarts = restarts.usize("restarts")?;
    let seed = seed.u64("seed")?;
    let max_iterations = max_iterations.usize("max_iterations")?;
    let base = convert::base(base, "base")?;
    let j = floats64(joint, "joint")?;
    let jv = matrix(&j, "joint")?;
    let o = options(restarts, seed, tolerance, max_iterations);
    let s = py
        .detach(|| match (deterministic, exact) {
            (false, _) => bottleneck::information_bottleneck(jv, n_clusters, beta, base, &o),
            (true, false) => bottleneck::deterministic_bottleneck(jv, n_clusters, beta, base, &o),
            (true, true) => bottleneck::deterministic_bottleneck_exact(jv, n_clusters, beta, base),
        })
        .py_err()?;
    solution_dict(py, s)
}

/// The IB curve by annealing in beta over the increasing grid ``betas``.
///
/// Returns a dict with arrays ``beta``, ``i_xt``, ``i_ty``, ``h_t``, ``clusters`` (effective
/// clusters per point), the list ``critical_betas`` (grid values where the cluster count
/// changes) and ``i_xy`` (the ceiling).
///
/// Parameters
/// ----------
/// joint : array_like, shape (nx, ny)
/// n_clusters : int
/// betas : sequence of float, strictly increasing, >= 0
/// seed : int, default 0
/// tolerance : float, default 1e-10
/// max_iterations : int, default 10000
#[doc = doc_base!()]
#[pyfunction]
#[pyo3(
    signature = (joint, n_clusters, betas, *, seed=Int::Small(0), tolerance=1e-10, max_iterations=Int::Small(10_000), base=None),
    text_signature = "(joint, n_clusters, betas, *, seed=0, tolerance=1e-10, max_iterations=10000, base=None)"
)]
#[allow(clippy::too_many_arguments)]
fn ib_curve<'py>(
    py: Python<'py>,
    joint: &Bound<'py, PyAny>,
    n_clusters: Int,
    betas: &Bound<'py, PyAny>,
    seed: Int,
    tolerance: f64,
    max_iterations: Int,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let n_clusters = n_clusters.usize("n_clusters")?;
    let seed = seed.u64("seed")?;
    let max_iterations = max_iterations.usize("max_iterations")?;
    // Through the checked front door (a broadcast view of 2^33 betas is refused by size).
    let betas: Vec<f64> = convert::vector64(betas, "betas")?;
    let base = convert::base(base, "base")?;
    let j = floats64(joint, "joint")?;
    let jv = matrix(&j, "joint")?;
    let o = options(1, seed, tolerance, max_iterations);
    let c = py
        .detach(|| bottleneck::ib_curve(jv, n_clusters, &betas, base, &o))
        .py_err()?;
    let d = PyDict::new(py);
    let col = |f: &dyn Fn(&bottleneck::IbCurvePoint) -> f64| -> Vec<f64> {
        c.points.iter().map(f).collect()
    };
    d.set_item("beta", col(&|p| p.beta).into_pyarray(py))?;
    d.set_item("i_xt", col(&|p| p.point.i_xt).into_pyarray(py))?;
    d.set_item("i_ty", col(&|p| p.point.i_ty).into_pyarray(py))?;
    d.set_item("h_t", col(&|p| p.point.h_t).into_pyarray(py))?;
    d.set_item(
        "clusters",
        c.points.iter().map(|p| p.clusters).collect::<Vec<_>>(),
    )?;
    d.set_item("critical_betas", c.critical_betas.clone())?;
    d.set_item("i_xy", c.i_xy)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ib_evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(information_bottleneck, m)?)?;
    m.add_function(wrap_pyfunction!(ib_curve, m)?)?;
    Ok(())
}
