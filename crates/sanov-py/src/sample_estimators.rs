//! Bindings of the sample estimators added with the time-series work: k-NN KL and Rényi
//! divergences between two samples, and the 1-D spacing estimators of differential entropy.

use pyo3::prelude::*;
use sanov::estimators::{self, SpacingMethod};

use crate::convert::{self, detach, floats64, Int, Workers};
use crate::error::{domain_error, IntoPy};
use crate::timeseries::rows;

/// k-NN estimate of the KL divergence D(P || Q) from samples x ~ P (n x d) and y ~ Q (m x d),
/// Wang, Kulkarni & Verdu (2009) / Perez-Cruz (2008):
/// (d/n) sum_i ln(nu_k(i) / rho_k(i)) + ln(m / (n - 1)), Euclidean distances.
///
/// Parameters
/// ----------
/// x, y : array_like
///     Samples, 1-D or 2-D with one sample per row; the same number of columns.
/// k : int, default 1
///     1 <= k < n, k <= m.
/// base : None, 2, "bits", ...
/// workers : int, optional
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty input, different numbers of columns.
/// DomainError
///     NaN, k out of range, duplicate points (zero distances).
#[pyfunction]
#[pyo3(
    signature = (x, y, k=Int::Small(1), *, base=None, workers=None),
    text_signature = "(x, y, k=1, *, base=None, workers=None)"
)]
fn knn_kl_divergence(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    k: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let k = k.usize("k")?;
    let b = convert::base(base, "base")?;
    let par = convert::par(workers.map(|w| w.0));
    let (xa, ya) = (floats64(x, "x")?, floats64(y, "y")?);
    let (xv, yv) = (rows(&xa, "x")?, rows(&ya, "y")?);
    detach(x.py(), xv.len(), || {
        estimators::knn_kl_divergence(xv, yv, k, b, par)
    })
    .py_err()
}

/// k-NN estimate of the Renyi divergence of order alpha (Poczos & Schneider 2011):
/// 1/(alpha-1) ln( B/n sum_i ((n-1) rho_k(i)^d / (m nu_k(i)^d))^(1-alpha) ),
/// B = Gamma(k)^2 / (Gamma(k-alpha+1) Gamma(k+alpha-1)).
///
/// Parameters
/// ----------
/// x, y : array_like
///     As knn_kl_divergence.
/// alpha : float
///     > 0, != 1.
/// k : int, default 3
///     k > |alpha - 1|.
/// base, workers
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// DomainError
///     alpha or k out of range; as knn_kl_divergence.
#[pyfunction]
#[pyo3(
    signature = (x, y, alpha, k=Int::Small(3), *, base=None, workers=None),
    text_signature = "(x, y, alpha, k=3, *, base=None, workers=None)"
)]
fn knn_renyi_divergence(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    alpha: f64,
    k: Int,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let k = k.usize("k")?;
    let b = convert::base(base, "base")?;
    let par = convert::par(workers.map(|w| w.0));
    let (xa, ya) = (floats64(x, "x")?, floats64(y, "y")?);
    let (xv, yv) = (rows(&xa, "x")?, rows(&ya, "y")?);
    detach(x.py(), xv.len(), || {
        estimators::knn_renyi_divergence(xv, yv, alpha, k, b, par)
    })
    .py_err()
}

/// Spacing estimate of the differential entropy of a 1-D sample, as
/// ``scipy.stats.differential_entropy`` (same methods, window_length default
/// floor(sqrt(n) + 0.5), same 'auto' rule).
///
/// Parameters
/// ----------
/// x : array_like
///     A real 1-D sample.
/// method : str, default "auto"
///     "vasicek", "van es", "ebrahimi", "correa" or "auto".
/// window_length : int, optional
///     2 <= 2 window_length < n.
/// base : None, 2, "bits", ...
/// workers : int, optional
///
/// Returns
/// -------
/// float
///     -inf when tied values make a spacing zero (Vasicek, van Es, Ebrahimi), as SciPy.
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D input.
/// DomainError
///     NaN, a bad window_length or method, a flat Correa window.
#[pyfunction]
#[pyo3(signature = (x, *, method="auto", window_length=None, base=None, workers=None))]
fn spacing_entropy(
    x: &Bound<'_, PyAny>,
    method: &str,
    window_length: Option<Int>,
    base: Option<&Bound<'_, PyAny>>,
    workers: Option<Workers>,
) -> PyResult<f64> {
    let window_length = window_length
        .map(|v| v.usize("window_length"))
        .transpose()?;
    let b = convert::base(base, "base")?;
    let par = convert::par(workers.map(|w| w.0));
    let m = match method.to_lowercase().as_str() {
        "auto" => SpacingMethod::Auto,
        "vasicek" => SpacingMethod::Vasicek,
        "van es" | "van_es" => SpacingMethod::VanEs,
        "ebrahimi" => SpacingMethod::Ebrahimi,
        "correa" => SpacingMethod::Correa,
        other => {
            return Err(domain_error(format!(
                "method = {other:?} is invalid: must be 'vasicek', 'van es', 'ebrahimi', \
                 'correa' or 'auto'"
            )))
        }
    };
    let a = floats64(x, "x")?;
    let v = convert::vector(&a, "x")?;
    detach(x.py(), v.len(), || {
        estimators::spacing_entropy(&v, m, window_length, b, par)
    })
    .py_err()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(knn_kl_divergence, m)?)?;
    m.add_function(wrap_pyfunction!(knn_renyi_divergence, m)?)?;
    m.add_function(wrap_pyfunction!(spacing_entropy, m)?)?;
    Ok(())
}
