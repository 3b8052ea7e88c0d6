//! `ln B(a, b)`.

use super::ln_gamma;

/// Natural logarithm of the beta function, for `a, b > 0`.
///
/// $$ \ln B(a, b) = \ln\Gamma(a) + \ln\Gamma(b) - \ln\Gamma(a + b) $$
///
/// Evaluated as written with [`ln_gamma`]; its absolute error is a few ulps of
/// `max(|ln Γ(a)|, |ln Γ(b)|, |ln Γ(a + b)|)`, which is ≤ 1e-14 relative for the moderate
/// arguments (≤ 1e3) of the parametric families. Non-positive or NaN arguments give NaN.
///
/// # Examples
/// ```
/// use sanov::special::ln_beta;
/// // B(2, 3) = 1/12.
/// assert!((ln_beta(2.0, 3.0) + 12f64.ln()).abs() < 1e-15);
/// ```
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}
