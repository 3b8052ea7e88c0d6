//! Bindings of `sanov::estimators`: entropy estimators from integer labels, NMI, AMI.

use std::borrow::Cow;

use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use sanov::estimators::{self, AverageMethod, NsbParams};
use sanov::{Base, Result};

use crate::convert::{self, detach, float};
use crate::error::{domain_error, IntoPy};

/// The labels as a slice, copied only when the array is strided.
fn contiguous<'a>(a: &'a PyReadonlyArray1<'_, i64>) -> Cow<'a, [i64]> {
    match a.as_slice() {
        Ok(s) => s.into(),
        Err(_) => a.as_array().iter().copied().collect::<Vec<_>>().into(),
    }
}

/// Runs a one-array estimator with the GIL released for large inputs.
fn single<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
    f: fn(&[i64], Base) -> Result<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = samples.py();
    let b = convert::base(base, "base")?;
    let arr = convert::labels(samples, "samples")?;
    let s = contiguous(&arr);
    let v = detach(py, s.len(), || f(&s, b)).py_err()?;
    Ok(float(py, v))
}

/// Plug-in (maximum-likelihood) entropy of integer labels: sum_i (n_i/N) log(N/n_i).
///
/// Equals ``scipy.stats.entropy(np.unique(samples, return_counts=True)[1])``.
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels (any integer values).
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
///
/// Examples
/// --------
/// >>> sanov.plugin_entropy([7, 7, -1, 3], base=2)
/// 1.5
#[pyfunction]
#[pyo3(signature = (samples, base=None))]
fn plugin_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    single(samples, base, estimators::plugin_entropy)
}

/// Miller-Madow entropy: plug-in + (m - 1)/(2N) nats, m distinct observed labels (Miller 1955).
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
///
/// Examples
/// --------
/// >>> sanov.miller_madow_entropy([0, 0, 1, 1])
/// 0.8181471805599453
#[pyfunction]
#[pyo3(signature = (samples, base=None))]
fn miller_madow_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    single(samples, base, estimators::miller_madow_entropy)
}

/// Grassberger (2003) entropy: log N - (1/N) sum_i n_i G(n_i), with
/// G(n) = psi(n) + (1/2)(-1)^n (psi((n+1)/2) - psi(n/2)) (arXiv:physics/0307138).
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
#[pyfunction]
#[pyo3(signature = (samples, base=None))]
fn grassberger_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    single(samples, base, estimators::grassberger_entropy)
}

/// Chao-Shen (2003) coverage-adjusted entropy:
/// -sum_i p_i log p_i / (1 - (1 - p_i)^N), p_i = (1 - f1/N) n_i/N (f1 singletons; f1 = N is
/// replaced by N - 1).
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
#[pyfunction]
#[pyo3(signature = (samples, base=None))]
fn chao_shen_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    single(samples, base, estimators::chao_shen_entropy)
}

/// NSB (Nemenman, Shafee & Bialek 2002) entropy: posterior mean and standard deviation of H
/// under the mixture of symmetric Dirichlet priors flat in the expected entropy.
///
/// Parameters
/// ----------
/// samples : array_like of int
///     The observed labels.
/// alphabet_size : int
///     K, the number of possible symbols (>= 2 and >= the number of distinct labels).
#[doc = doc_base!()]
///
/// Returns
/// -------
/// tuple (mean, std) of float
///
/// Raises
/// ------
/// ShapeError
///     Empty or not 1-D samples.
/// DomainError
///     Invalid alphabet_size.
/// ConvergenceError
///     The quadrature did not reach its tolerance.
#[pyfunction]
#[pyo3(signature = (samples, alphabet_size, base=None))]
fn nsb_entropy<'py>(
    samples: &Bound<'py, PyAny>,
    alphabet_size: i64,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<(f64, f64)> {
    let py = samples.py();
    let b = convert::base(base, "base")?;
    let k = usize::try_from(alphabet_size).unwrap_or(0);
    let arr = convert::labels(samples, "samples")?;
    let s = contiguous(&arr);
    let p = NsbParams {
        alphabet_size: k,
        ..Default::default()
    };
    let est = detach(py, s.len(), || estimators::nsb_entropy(&s, &p, b)).py_err()?;
    Ok((est.mean, est.std))
}

/// Parses scikit-learn's ``average_method``.
fn average_method(s: &str) -> PyResult<AverageMethod> {
    match s {
        "min" => Ok(AverageMethod::Min),
        "geometric" => Ok(AverageMethod::Geometric),
        "arithmetic" => Ok(AverageMethod::Arithmetic),
        "max" => Ok(AverageMethod::Max),
        _ => Err(domain_error(format!(
            "average_method must be 'min', 'geometric', 'arithmetic' or 'max', got {s:?}"
        ))),
    }
}

/// Runs a two-array function with the GIL released for large inputs.
fn pair<T: Send>(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    f: impl FnOnce(&[i64], &[i64]) -> Result<T> + Send,
) -> PyResult<T> {
    let (xa, ya) = (convert::labels(x, "x")?, convert::labels(y, "y")?);
    let (xs, ys) = (contiguous(&xa), contiguous(&ya));
    detach(x.py(), xs.len(), || f(&xs, &ys)).py_err()
}

/// Normalized mutual information I(X;Y) / avg(H(X), H(Y)), as
/// ``sklearn.metrics.normalized_mutual_info_score``.
///
/// Parameters
/// ----------
/// x, y : array_like of int
///     Two labelings of the same samples.
/// average_method : {"arithmetic", "geometric", "min", "max"}, optional
///     How the two entropies are averaged (default "arithmetic").
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or mismatched lengths.
/// DomainError
///     Unknown average_method.
#[pyfunction]
#[pyo3(signature = (x, y, average_method="arithmetic"))]
fn normalized_mutual_information(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    average_method: &str,
) -> PyResult<f64> {
    let m = self::average_method(average_method)?;
    pair(x, y, |x, y| {
        estimators::normalized_mutual_information(x, y, m)
    })
}

/// Adjusted mutual information (I - E[I]) / (avg(H(X), H(Y)) - E[I]) with the exact expected
/// MI under the hypergeometric model, as ``sklearn.metrics.adjusted_mutual_info_score``.
///
/// Parameters
/// ----------
/// x, y : array_like of int
///     Two labelings of the same samples.
/// average_method : {"arithmetic", "geometric", "min", "max"}, optional
///     How the two entropies are averaged (default "arithmetic").
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or mismatched lengths.
/// DomainError
///     Unknown average_method.
#[pyfunction]
#[pyo3(signature = (x, y, average_method="arithmetic"))]
fn adjusted_mutual_information(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    average_method: &str,
) -> PyResult<f64> {
    let m = self::average_method(average_method)?;
    pair(x, y, |x, y| {
        estimators::adjusted_mutual_information(x, y, m)
    })
}

/// Plug-in conditional entropy H(X|Y) = sum_{x,y} (n_xy/N) log(n_y/n_xy) of two labelings.
///
/// Parameters
/// ----------
/// x, y : array_like of int
///     Two labelings of the same samples.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float
///
/// Raises
/// ------
/// ShapeError
///     Empty or mismatched lengths.
#[pyfunction]
#[pyo3(signature = (x, y, base=None))]
fn conditional_entropy_from_labels(
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let b = convert::base(base, "base")?;
    pair(x, y, |x, y| {
        estimators::conditional_entropy_from_labels(x, y, b)
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(plugin_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(miller_madow_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(grassberger_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(chao_shen_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(nsb_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(normalized_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(adjusted_mutual_information, m)?)?;
    m.add_function(wrap_pyfunction!(conditional_entropy_from_labels, m)?)?;
    Ok(())
}
