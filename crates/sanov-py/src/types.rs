//! Bindings of `sanov::method_of_types`: the method of types.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;
#[allow(deprecated)] // Figure1Panel: see `figure1_series` below
use sanov::method_of_types::{self as types, Approximation, Figure1Panel};

use crate::convert::{self, detach, Int};
use crate::error::{domain_error, IntoPy};

/// Non-negative integer counts from an int array-like.
pub(crate) fn nonneg_ints(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Vec<u64>> {
    let a = convert::labels(obj, arg)?;
    a.as_array()
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            u64::try_from(v).map_err(|_| domain_error(format!("{arg}[{i}] = {v} is negative")))
        })
        .collect()
}

fn probability(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Vec<f64>> {
    let a = convert::floats64(obj, arg)?;
    Ok(convert::vector(&a, arg)?.into_owned())
}

/// Natural log of the multinomial coefficient n! / prod_i k_i! (nats), n = sum(counts).
///
/// Exact (128-bit integers) for small n; otherwise a cancellation-free Stirling decomposition
/// accurate to ~1e-14 relative for any n.
///
/// Parameters
/// ----------
/// counts : array_like of int
///     Non-negative counts (1-D), not all zero.
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D counts.
/// DomainError
///     Negative or all-zero counts.
///
/// Examples
/// --------
/// >>> round(sanov.log_multinomial_coefficient([2, 1, 1]), 12)  # ln 12
/// 2.484906649788
#[pyfunction]
fn log_multinomial_coefficient(py: Python<'_>, counts: &Bound<'_, PyAny>) -> PyResult<f64> {
    let c = nonneg_ints(counts, "counts")?;
    detach(py, c.len(), || types::log_multinomial_coefficient(&c)).py_err()
}

/// ln P(N = counts) under Multinomial(n, q) (nats); -inf if some q_i = 0 < k_i.
///
/// Parameters
/// ----------
/// counts : array_like of int
///     Non-negative counts (1-D), not all zero.
/// q : array_like
///     A probability vector of the same length.
///
/// Returns
/// -------
/// float
///
/// Examples
/// --------
/// >>> round(sanov.log_multinomial_probability([2, 1], [0.5, 0.5]), 12)  # ln(3/8)
/// -0.980829253012
#[pyfunction]
fn log_multinomial_probability(
    py: Python<'_>,
    counts: &Bound<'_, PyAny>,
    q: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    let c = nonneg_ints(counts, "counts")?;
    let q = probability(q, "q")?;
    detach(py, c.len(), || types::log_multinomial_probability(&c, &q)).py_err()
}

/// Sanov's bounds on a type class (nats): (-nD - |X| ln(n+1), ln Q^n(T(P)), -nD), with
/// P = counts/n and D = KL(P || q) (Cover & Thomas Theorem 11.1.4).
///
/// Parameters
/// ----------
/// counts : array_like of int
///     Non-negative counts (1-D), not all zero; |X| = len(counts).
/// q : array_like
///     A probability vector of the same length.
///
/// Returns
/// -------
/// tuple of float
///     (lower, log_probability, upper).
///
/// Examples
/// --------
/// >>> lo, lp, up = sanov.sanov_type_bounds([30, 10], [0.5, 0.5])
/// >>> lo <= lp <= up
/// True
#[pyfunction]
fn sanov_type_bounds(
    py: Python<'_>,
    counts: &Bound<'_, PyAny>,
    q: &Bound<'_, PyAny>,
) -> PyResult<(f64, f64, f64)> {
    let c = nonneg_ints(counts, "counts")?;
    let q = probability(q, "q")?;
    let b = detach(py, c.len(), || types::sanov_type_bounds(&c, &q)).py_err()?;
    Ok((b.lower, b.log_probability, b.upper))
}

/// An approximation of ln(n!/prod k_i!) (nats).
///
/// Parameters
/// ----------
/// counts : array_like of int
///     Non-negative counts (1-D), not all zero.
/// method : {"nH", "stirling"}, default "nH"
///     "nH": n H(P); "stirling": n H(P) + (1/2) ln(2 pi n / prod_{k_i>0} 2 pi k_i).
///
/// Returns
/// -------
/// float
///
/// Examples
/// --------
/// >>> round(sanov.log_multinomial_coefficient_approx([5, 5], "nH"), 12)  # 10 ln 2
/// 6.931471805599
#[pyfunction]
#[pyo3(signature = (counts, method="nH"))]
fn log_multinomial_coefficient_approx(
    py: Python<'_>,
    counts: &Bound<'_, PyAny>,
    method: &str,
) -> PyResult<f64> {
    let m = match method {
        "nH" | "nh" => Approximation::Nh,
        "stirling" => Approximation::Stirling,
        other => {
            return Err(domain_error(format!(
                "method must be \"nH\" or \"stirling\", got {other:?}"
            )))
        }
    };
    let c = nonneg_ints(counts, "counts")?;
    detach(py, c.len(), || {
        types::log_multinomial_coefficient_approx(&c, m)
    })
    .py_err()
}

/// Figure 1 of the primer *Entropy, concentration, and learning*: relative errors of n H(P) and
/// of the Stirling estimate against the exact ln(n!/prod k_i!), for a type over d symbols.
///
/// Parameters
/// ----------
/// d : int, default 50000
///     Alphabet size.
/// n_values : array_like of int, optional
///     Sequence lengths; None gives d, 2d, ..., 20d.
/// panel : {"dirichlet", "uniform"}, default "dirichlet"
///     "dirichlet": P drawn once from Dirichlet(1) (splitmix64 seeded with ``seed``,
///     exponential variates), rounded to a type of each n by largest remainders. "uniform":
///     the type closest to uniform with every count positive (needs n >= d).
/// seed : int, default 0
///     Seed of the Dirichlet panel.
///
/// Returns
/// -------
/// dict
///     "n" (int64 array), "exact", "relative_error_nh", "relative_error_stirling" (float64
///     arrays); relative errors are (approx - exact) / exact.
///
/// Examples
/// --------
/// >>> s = sanov.figure1_series(d=1000, n_values=[1000, 20000], panel="uniform")
/// >>> bool((s["relative_error_stirling"] < s["relative_error_nh"]).all())
/// True
// The core `figure1_series` is deprecated as Rust API (0.2.0); the Python function keeps
// calling it until the core item is removed in 0.3 (its d/n checks, TooLarge included, apply).
#[allow(deprecated)]
#[pyfunction]
#[pyo3(
    signature = (d=Int::Small(50_000), n_values=None, panel="dirichlet", seed=Int::Small(0)),
    text_signature = "(d=50000, n_values=None, panel='dirichlet', seed=0)"
)]
fn figure1_series<'py>(
    py: Python<'py>,
    d: Int,
    n_values: Option<&Bound<'py, PyAny>>,
    panel: &str,
    seed: Int,
) -> PyResult<Bound<'py, PyDict>> {
    let d = d.usize("d")?;
    let seed = seed.u64("seed")?;
    let kind = match panel {
        "dirichlet" => Figure1Panel::Dirichlet { seed },
        "uniform" => Figure1Panel::UniformOrthant,
        other => {
            return Err(domain_error(format!(
                "panel must be \"dirichlet\" or \"uniform\", got {other:?}"
            )))
        }
    };
    let n = match n_values {
        Some(v) => nonneg_ints(v, "n_values")?,
        None => types::figure1_default_n_values(d),
    };
    let s = py.detach(|| types::figure1_series(d, &n, kind)).py_err()?;
    let out = PyDict::new(py);
    let n: Vec<i64> = s.n.iter().map(|&v| v as i64).collect();
    out.set_item("n", n.into_pyarray(py))?;
    out.set_item("exact", s.exact.into_pyarray(py))?;
    out.set_item("relative_error_nh", s.relative_error_nh.into_pyarray(py))?;
    out.set_item(
        "relative_error_stirling",
        s.relative_error_stirling.into_pyarray(py),
    )?;
    Ok(out)
}

/// The exact log multinomial coefficient ln(n!/prod k_i!) beside its two approximations
/// (nats), and their relative errors.
///
/// Parameters
/// ----------
/// counts : array_like of int
///     Non-negative counts (1-D), not all zero.
///
/// Returns
/// -------
/// dict
///     ``exact``, ``nh`` (n H(P)), ``stirling`` (n H(P) + (1/2) ln(2 pi n / prod_{k_i>0} 2 pi
///     k_i)), ``relative_error_nh`` and ``relative_error_stirling`` ((approx - exact) / exact).
///
/// Examples
/// --------
/// >>> c = sanov.multinomial_stirling_comparison([500, 300, 200])
/// >>> err_stirling, err_nh = c.get("relative_error_stirling"), c.get("relative_error_nh")
/// >>> err_stirling < 1e-4 < err_nh
/// True
#[pyfunction]
fn multinomial_stirling_comparison<'py>(
    py: Python<'py>,
    counts: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let c = nonneg_ints(counts, "counts")?;
    let s = detach(py, c.len(), || types::multinomial_stirling_comparison(&c)).py_err()?;
    let out = PyDict::new(py);
    out.set_item("exact", s.exact)?;
    out.set_item("nh", s.nh)?;
    out.set_item("stirling", s.stirling)?;
    out.set_item("relative_error_nh", s.relative_error_nh)?;
    out.set_item("relative_error_stirling", s.relative_error_stirling)?;
    Ok(out)
}

/// Every type (count vector) of length ``n`` over an alphabet of ``alphabet_size`` symbols, in
/// lexicographic order, with the log size ln(n!/prod k_i!) of its type class (nats).
///
/// Parameters
/// ----------
/// n : int
///     The sequence length (>= 0).
/// alphabet_size : int
///     The number of symbols (>= 1); at most 10**6 types in all.
///
/// Returns
/// -------
/// tuple
///     (counts: int64 ndarray of shape (number of types, alphabet_size), log_size: float64
///     ndarray).
///
/// Examples
/// --------
/// >>> counts, log_size = sanov.type_classes(2, 2)
/// >>> counts.tolist(), [round(v, 12) for v in log_size.tolist()]
/// ([[0, 2], [1, 1], [2, 0]], [0.0, 0.69314718056, 0.0])
#[pyfunction]
fn type_classes(
    py: Python<'_>,
    n: Int,
    alphabet_size: Int,
) -> PyResult<(Bound<'_, PyAny>, Bound<'_, PyAny>)> {
    let n = n.u64("n")?;
    let alphabet_size = alphabet_size.usize("alphabet_size")?;
    let t = py
        .detach(|| types::type_classes(n, alphabet_size))
        .py_err()?;
    let mut counts = Vec::with_capacity(t.len() * alphabet_size);
    let mut log_size = Vec::with_capacity(t.len());
    for c in &t {
        counts.extend(c.counts.iter().map(|&k| k as i64));
        log_size.push(c.log_size);
    }
    let counts = ndarray::Array2::from_shape_vec((t.len(), alphabet_size), counts)
        .map_err(|e| crate::error::shape_error(e.to_string()))?;
    Ok((
        counts.into_pyarray(py).into_any(),
        log_size.into_pyarray(py).into_any(),
    ))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(log_multinomial_coefficient, m)?)?;
    m.add_function(wrap_pyfunction!(log_multinomial_probability, m)?)?;
    m.add_function(wrap_pyfunction!(sanov_type_bounds, m)?)?;
    m.add_function(wrap_pyfunction!(log_multinomial_coefficient_approx, m)?)?;
    m.add_function(wrap_pyfunction!(figure1_series, m)?)?;
    m.add_function(wrap_pyfunction!(multinomial_stirling_comparison, m)?)?;
    m.add_function(wrap_pyfunction!(type_classes, m)?)?;
    Ok(())
}
