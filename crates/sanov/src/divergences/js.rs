use crate::error::{Error, Result};
use crate::real::Real;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_pair;

/// Jensen–Shannon divergence (the divergence itself, not its square root).
///
/// $$ \mathrm{JS}(p, q) = \tfrac12 D(p \,\|\, m) + \tfrac12 D(q \,\|\, m), \qquad m = \tfrac12 (p + q) $$
///
/// Symmetric, finite, `0 ≤ JS ≤ log 2` (1 bit). Each term `½[p ln(2p/(p+q)) + q ln(2q/(p+q))]` is
/// computed non-negative, from a series in `a = (p − q)/(p + q)` when `p ≈ q` (no cancellation).
/// SciPy's `jensenshannon` returns the square root: see [`js_distance`].
///
/// # Errors
/// As [`crate::divergences::kl_divergence`].
///
/// # Examples
/// ```
/// use sanov::{divergences::js_divergence, Base};
/// // the definitions page's corrected worked example (often misprinted as 0.278).
/// let d = js_divergence(&[0.5, 0.5], &[0.9, 0.1], Base::Nats)?;
/// assert!((d - 0.101749).abs() < 5e-7);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// J. Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37 (1991).
pub fn js_divergence<T: Real>(p: &[T], q: &[T], base: Base) -> Result<f64> {
    check_pair(p, q)?;
    let mut acc = Neumaier::default();
    for (&x, &y) in p.iter().zip(q) {
        acc.add(js_term(x.to_f64(), y.to_f64()));
    }
    Ok(base.from_nats(acc.total()))
}

/// Below this `|a|`, [`js_term`] sums the series of `g(a)`.
const SERIES_BELOW: f64 = 0.1;

/// `½[x ln(2x/(x+y)) + y ln(2y/(x+y))]`, never negative.
///
/// With `s = x + y` and `a = (x − y)/s` the term is `(s/4)·g(a)`, where
/// `g(a) = (1+a)ln(1+a) + (1−a)ln(1−a) = Σ_{k≥1} a^{2k}/(k(2k−1))`. For small `|a|` the series
/// (all terms positive) avoids the cancellation of the two logarithms.
#[inline]
fn js_term(x: f64, y: f64) -> f64 {
    let s = x + y;
    if s == 0.0 {
        return 0.0;
    }
    let a = (x - y) / s;
    if a.abs() < SERIES_BELOW {
        let a2 = a * a;
        let mut pow = a2;
        let mut g = 0.0;
        // |a| < 0.1: a^(2k) < 1e-20 after k = 10.
        for k in 1..=10 {
            let k = f64::from(k);
            g += pow / (k * (2.0 * k - 1.0));
            pow *= a2;
        }
        return 0.25 * s * g;
    }
    // Far from p = q: the logarithms of 2x/s and 2y/s directly (a itself may round to ±1 when
    // one mass is negligible next to the other, and ln1p(−1) = −∞).
    let mut t = 0.0;
    if x > 0.0 {
        t += x * (2.0 * x / s).ln();
    }
    if y > 0.0 {
        t += y * (2.0 * y / s).ln();
    }
    0.5 * t
}

/// Jensen–Shannon distance: the square root of [`js_divergence`] (in `base`), a metric.
///
/// $$ d_{\mathrm{JS}}(p, q) = \sqrt{\mathrm{JS}(p, q)} $$
///
/// This is what SciPy's `scipy.spatial.distance.jensenshannon(p, q, base)` returns.
///
/// # Errors
/// As [`js_divergence`]; [`Error::InvalidParameter`] for a base below 1 (where the divergence
/// is negative and has no square root).
///
/// # Examples
/// ```
/// use sanov::{divergences::js_distance, Base};
/// assert_eq!(js_distance(&[1.0, 0.0], &[0.0, 1.0], Base::Bits)?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn js_distance<T: Real>(p: &[T], q: &[T], base: Base) -> Result<f64> {
    // In a base below 1 every information quantity is ≤ 0, and a distance cannot be.
    if base.ln() < 0.0 {
        return Err(Error::InvalidParameter {
            name: "base",
            value: base.value(),
            expected: "a base > 1 for a distance (logarithms in bases below 1 are negative)",
        });
    }
    // Every term of the divergence is computed non-negative (see `js_term`), so the square
    // root is always defined.
    Ok(js_divergence(p, q, base)?.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negligible_mass_next_to_a_large_one_is_finite() {
        // a = (x − y)/(x + y) rounds to −1 for the second coordinate; its term must stay finite.
        let js = js_divergence(&[1.0, 1e-20], &[0.5, 0.5], Base::Nats).unwrap();
        let m = [0.75, 0.25 + 0.5e-20];
        let want = 0.5 * ((1.0f64 / m[0]).ln() + 1e-20 * (1e-20 / m[1]).ln())
            + 0.5 * (0.5 * (0.5 / m[0]).ln() + 0.5 * (0.5 / m[1]).ln());
        assert!((js - want).abs() <= 1e-15 * want, "{js} vs {want}");
    }
}
