//! The closed form: a Bernoulli source under Hamming distortion.

use crate::error::{Error, Result};
use crate::units::Base;
use crate::validate::check_probability;

/// The rate–distortion function of a Bernoulli(`p`) source under Hamming distortion.
///
/// $$ R(D) = \begin{cases} h(p) - h(D) & 0 \le D < \min(p, 1-p) \\ 0 & D \ge \min(p, 1-p)
///    \end{cases} $$
///
/// with `h` the binary entropy in the unit of `base`. `d = +∞` gives 0.
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 ≤ p ≤ 1`, or if `d` is NaN; [`Error::Infeasible`]
/// if `d < 0` (no code has negative Hamming distortion).
///
/// # Examples
/// ```
/// use sanov::{channels::binary_rate_distortion, Base};
/// assert_eq!(binary_rate_distortion(0.5, 0.0, Base::Bits)?, 1.0);
/// assert_eq!(binary_rate_distortion(0.2, 0.3, Base::Bits)?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., Theorem 10.3.1.
pub fn binary_rate_distortion(p: f64, d: f64, base: Base) -> Result<f64> {
    check_probability("p", p)?;
    if d.is_nan() {
        return Err(Error::InvalidParameter {
            name: "d",
            value: d,
            expected: "a distortion >= 0",
        });
    }
    if d < 0.0 {
        return Err(Error::Infeasible {
            reason: "a Hamming distortion below 0 is not achievable",
        });
    }
    if d >= p.min(1.0 - p) {
        return Ok(0.0);
    }
    Ok(base.from_nats(h(p) - h(d)))
}

/// Binary entropy in nats, `−x ln x − (1−x) ln1p(−x)`.
pub(super) fn h(x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        0.0
    } else {
        -x * x.ln() - (1.0 - x) * (-x).ln_1p()
    }
}
