use crate::error::{Error, Result};
use crate::sum::Neumaier;

/// `ln Σ exp(x_i)`, stable for inputs of any magnitude (max-shifted).
///
/// $$ \operatorname{LSE}(x) = m + \ln \sum_i e^{x_i - m}, \qquad m = \max_i x_i $$
///
/// `−∞` entries contribute nothing; all `−∞` gives `−∞`; any `+∞` gives `+∞`.
///
/// # Errors
/// [`Error::Empty`] for an empty slice; [`Error::NonFinite`] for NaN.
///
/// # Examples
/// ```
/// use sanov::special::logsumexp;
/// assert_eq!(logsumexp(&[0.0, 0.0])?, std::f64::consts::LN_2);
/// assert_eq!(logsumexp(&[1000.0, 1000.0])?, 1000.0 + std::f64::consts::LN_2);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn logsumexp(x: &[f64]) -> Result<f64> {
    if x.is_empty() {
        return Err(Error::Empty { arg: "x" });
    }
    if let Some((index, &value)) = x.iter().enumerate().find(|(_, v)| v.is_nan()) {
        return Err(Error::NonFinite {
            arg: "x",
            index,
            value,
        });
    }
    let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !m.is_finite() {
        return Ok(m);
    }
    let mut s = Neumaier::default();
    for &v in x {
        s.add((v - m).exp());
    }
    Ok(m + s.total().ln())
}

/// `ln Σ e^{t_i}` with max-shift, unchecked (no validation, plain summation): the inner loop of
/// the channel solvers, whose inputs are finite by construction. [`logsumexp`] is the public,
/// validated form.
#[inline]
pub(crate) fn logsumexp_unchecked(t: &[f64]) -> f64 {
    let mx = t.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !mx.is_finite() {
        return mx;
    }
    mx + t.iter().map(|&v| (v - mx).exp()).sum::<f64>().ln()
}
