use crate::error::Result;
use crate::units::Base;
use crate::validate::check_probability;

/// Binary entropy function: the entropy of a coin with `P(heads) = p`.
///
/// $$ h(p) = -p \log p - (1 - p) \log (1 - p) $$
///
/// Computed as `−p·ln p − (1−p)·ln1p(−p)`, accurate for small `p`. `h(0) = h(1) = 0`;
/// `h(1/2) = 1` bit.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) unless `0 ≤ p ≤ 1` (NaN included).
///
/// # Examples
/// ```
/// use sanov::{measures::binary_entropy, Base};
/// assert_eq!(binary_entropy(0.5, Base::Bits)?, 1.0);
/// assert!((binary_entropy(0.2, Base::Bits)? - 0.7219280948873623).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn binary_entropy(p: f64, base: Base) -> Result<f64> {
    check_probability("p", p)?;
    if p == 0.0 || p == 1.0 {
        return Ok(0.0);
    }
    let h = -p * p.ln() - (1.0 - p) * (-p).ln_1p();
    Ok(base.from_nats(h))
}
