//! Bindings of the MDL part of `sanov::coding`: NML parametric complexity, NML and two-part
//! code lengths, bits per byte and per character.

use pyo3::prelude::*;
use sanov::coding;

use crate::convert::{self, Int};
use crate::error::IntoPy;
use crate::types::nonneg_ints;

/// log C(k, n), the NML parametric complexity of the k-category multinomial at sample size n
/// (Kontkanen & Myllymäki 2007 linear-time recurrence), in ``base`` (nats by default).
///
/// Parameters
/// ----------
/// k : int
///     Number of categories, >= 1.
/// n : int
///     Sample size, 0 <= n <= 1e8.
/// base : float or str, optional
///     Logarithm base (default nats).
///
/// Returns
/// -------
/// float
///
/// Examples
/// --------
/// >>> import math
/// >>> round(math.exp(sanov.nml_parametric_complexity(2, 2)), 12)
/// 2.5
#[pyfunction]
#[pyo3(signature = (k, n, base=None))]
fn nml_parametric_complexity(
    py: Python<'_>,
    k: Int,
    n: Int,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let base = convert::base(base, "base")?;
    let k = k.usize("k")?;
    let n = n.u64("n")?;
    py.detach(|| coding::nml_parametric_complexity(k, n, base))
        .py_err()
}

/// NML code length of a sample with category counts ``counts``:
/// -log P_ML(x^n) + log C(k, n), in ``base`` (nats by default).
///
/// Parameters
/// ----------
/// counts : array_like of int
///     Non-negative category counts (k = len(counts) >= 1).
/// base : float or str, optional
///
/// Returns
/// -------
/// float
///
/// Examples
/// --------
/// >>> import math
/// >>> round(sanov.nml_code_length([1, 1], base=2), 12) == round(2 + math.log2(2.5), 12)
/// True
#[pyfunction]
#[pyo3(signature = (counts, base=None))]
fn nml_code_length(
    py: Python<'_>,
    counts: &Bound<'_, PyAny>,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let base = convert::base(base, "base")?;
    let c = nonneg_ints(counts, "counts")?;
    py.detach(|| coding::nml_code_length(&c, base)).py_err()
}

/// Two-part (Rissanen 1978) code length: neg_log_likelihood + (k/2) ln n, with
/// ``neg_log_likelihood`` in nats; the result in ``base`` (nats by default).
///
/// Examples
/// --------
/// >>> import math
/// >>> sanov.two_part_code_length(10.0, 2, 100) == 10.0 + math.log(100)
/// True
#[pyfunction]
#[pyo3(signature = (neg_log_likelihood, k, n, base=None))]
fn two_part_code_length(
    neg_log_likelihood: &Bound<'_, PyAny>,
    k: Int,
    n: Int,
    base: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let base = convert::base(base, "base")?;
    let nll = convert::scalar(neg_log_likelihood, "neg_log_likelihood")?;
    coding::two_part_code_length(nll, k.usize("k")?, n.u64("n")?, base).py_err()
}

/// Bits per byte: total_nats / (ln 2 * n_bytes).
///
/// Examples
/// --------
/// >>> import math
/// >>> sanov.bits_per_byte(8 * math.log(2), 4)
/// 2.0
#[pyfunction]
fn bits_per_byte(total_nats: &Bound<'_, PyAny>, n_bytes: Int) -> PyResult<f64> {
    let t = convert::scalar(total_nats, "total_nats")?;
    coding::bits_per_byte(t, n_bytes.u64("n_bytes")?).py_err()
}

/// Bits per character: total_nats / (ln 2 * n_chars).
///
/// Examples
/// --------
/// >>> import math
/// >>> sanov.bits_per_character(3 * math.log(2), 3)
/// 1.0
#[pyfunction]
fn bits_per_character(total_nats: &Bound<'_, PyAny>, n_chars: Int) -> PyResult<f64> {
    let t = convert::scalar(total_nats, "total_nats")?;
    coding::bits_per_character(t, n_chars.u64("n_chars")?).py_err()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(nml_parametric_complexity, m)?)?;
    m.add_function(wrap_pyfunction!(nml_code_length, m)?)?;
    m.add_function(wrap_pyfunction!(two_part_code_length, m)?)?;
    m.add_function(wrap_pyfunction!(bits_per_byte, m)?)?;
    m.add_function(wrap_pyfunction!(bits_per_character, m)?)?;
    Ok(())
}
