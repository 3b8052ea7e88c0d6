use crate::error::{Error, Result};
use crate::real::Real;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_nonempty;

/// Perplexity of a model from the log-probabilities it gave the observed tokens.
///
/// $$ \mathrm{PPL} = b^{-\frac1N \sum_t \log_b q(x_t)} = e^{-\frac1N \sum_t \ln q(x_t)} $$
///
/// `log_probs` are in `log_base` (natural logs for [`Base::Nats`], as `torch.log_softmax`
/// gives); the result does not depend on the base once the logs are read correctly. A `−∞`
/// log-probability gives `+∞`.
///
/// # Errors
/// [`Error::Empty`]; [`Error::NonFinite`] for NaN or `+∞`; [`Error::OutOfRange`] for a
/// positive log-probability (a probability above 1).
///
/// # Examples
/// ```
/// use sanov::{losses::perplexity, Base};
/// // A uniform guess over 4 tokens has perplexity 4.
/// let lp = [0.25f64.ln(); 10];
/// assert!((perplexity(&lp, Base::Nats)? - 4.0).abs() < 1e-14);
/// assert_eq!(perplexity(&[-2.0, -2.0], Base::Bits)?, 4.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn perplexity<T: Real>(log_probs: &[T], log_base: Base) -> Result<f64> {
    const ARG: &str = "log_probs";
    check_nonempty(ARG, log_probs)?;
    let mut acc = Neumaier::default();
    for (index, &v) in log_probs.iter().enumerate() {
        let value = v.to_f64();
        if value.is_nan() || value == f64::INFINITY {
            return Err(Error::NonFinite {
                arg: ARG,
                index,
                value,
            });
        }
        if value > 0.0 {
            return Err(Error::OutOfRange {
                arg: ARG,
                index,
                value,
                expected: "a log-probability must be <= 0",
            });
        }
        acc.add(value);
    }
    let mean = acc.total() / log_probs.len() as f64;
    Ok(match log_base {
        Base::Bits => (-mean).exp2(),
        Base::Nats => (-mean).exp(),
        _ => (-log_base.to_nats(mean)).exp(),
    })
}
