use crate::error::Result;
use crate::kernels;
use crate::par::Par;
use crate::real::Real;
use crate::units::Base;

/// Cross-entropy of `q` relative to `p`: the expected code length (in `base` units) when data
/// from `p` is coded with a code built for `q`.
///
/// $$ H(p, q) = -\sum_i p_i \log q_i = H(p) + D(p \,\|\, q) $$
///
/// Conventions: terms with `p_i = 0` are 0; any `p_i > 0` with `q_i = 0` makes the result `+∞`.
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty),
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch), then for `p` and then `q`:
/// [`Error::NonFinite`](crate::Error::NonFinite),
/// [`Error::NegativeProbability`](crate::Error::NegativeProbability),
/// [`Error::NotNormalized`](crate::Error::NotNormalized).
///
/// # Examples
/// ```
/// use sanov::{measures::cross_entropy, Base};
/// assert_eq!(cross_entropy(&[1.0, 0.0], &[0.5, 0.5], Base::Bits)?, 1.0);
/// assert_eq!(cross_entropy(&[0.5, 0.5], &[1.0, 0.0], Base::Bits)?, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §5.4.
pub fn cross_entropy<T: Real>(p: &[T], q: &[T], base: Base) -> Result<f64> {
    kernels::cross_entropy(p, q, base, Par::Seq)
}
