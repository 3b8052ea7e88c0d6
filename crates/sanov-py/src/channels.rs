//! Bindings of `sanov::channels`.

use pyo3::prelude::*;
use sanov::channels;

use crate::convert::{self, elementwise};

/// Capacity of the additive white Gaussian noise channel, (1/2) log(1 + snr) per real
/// channel use.
///
/// Parameters
/// ----------
/// snr : float or array_like
///     Signal-to-noise ratio, linear (not dB), >= 0; arrays are computed elementwise.
#[doc = doc_base!()]
///
/// Returns
/// -------
/// float, or ndarray of the shape of ``snr``
///
/// Raises
/// ------
/// DomainError
///     snr negative or NaN.
///
/// Examples
/// --------
/// >>> sanov.awgn_capacity(3.0, base=2)
/// 1.0
#[pyfunction]
#[pyo3(signature = (snr, base=None))]
fn awgn_capacity<'py>(
    snr: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = convert::base(base, "base")?;
    elementwise(snr, "snr", |x| channels::awgn_capacity(x, b))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(awgn_capacity, m)?)?;
    Ok(())
}
