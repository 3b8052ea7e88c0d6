use crate::error::Result;
use crate::units::Base;
use crate::validate::check_probability;

/// Surprisal (self-information) of an outcome of probability `p`.
///
/// $$ I(p) = -\log p $$
///
/// `I(1) = 0`; `I(0) = +∞` (a value, not an error).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) unless `0 ≤ p ≤ 1`.
///
/// # Examples
/// ```
/// use sanov::{measures::surprisal, Base};
/// assert_eq!(surprisal(0.5, Base::Bits)?, 1.0);
/// assert_eq!(surprisal(0.0, Base::Nats)?, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn surprisal(p: f64, base: Base) -> Result<f64> {
    check_probability("p", p)?;
    Ok(0.0 - base.log(p))
}
