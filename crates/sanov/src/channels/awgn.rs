use crate::error::{Error, Result};
use crate::units::Base;

/// Capacity of the additive white Gaussian noise channel per real channel use.
///
/// $$ C = \tfrac12 \log(1 + \mathrm{SNR}) $$
///
/// `snr` is the linear signal-to-noise power ratio (not dB). Computed with `ln1p`, accurate for
/// small SNR. `snr = +∞` gives `+∞`.
///
/// # Errors
/// [`Error::InvalidParameter`] if `snr` is negative or NaN.
///
/// # Examples
/// ```
/// use sanov::{channels::awgn_capacity, Base};
/// // SNR = 3 (4.77 dB): exactly 1 bit per use.
/// assert_eq!(awgn_capacity(3.0, Base::Bits)?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §9.1.
pub fn awgn_capacity(snr: f64, base: Base) -> Result<f64> {
    if !(snr >= 0.0) {
        return Err(Error::InvalidParameter {
            name: "snr",
            value: snr,
            expected: "a linear signal-to-noise ratio >= 0",
        });
    }
    Ok(base.from_nats(0.5 * snr.ln_1p()))
}
