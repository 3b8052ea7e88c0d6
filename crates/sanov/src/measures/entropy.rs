use crate::error::Result;
use crate::kernels;
use crate::par::Par;
use crate::real::Real;
use crate::units::Base;

/// Shannon entropy of a discrete distribution.
///
/// $$ H(p) = -\sum_i p_i \log p_i $$
///
/// Conventions: `0 · log 0 = 0`; the result is in `base` (nats for [`Base::Nats`]); it lies in
/// `[0, log n]`. One SIMD pass over `p` computes the value and validates `p`; the sum is
/// compensated, so accuracy does not degrade with `n`. For multi-threaded evaluation of very long
/// vectors use [`kernels::entropy`].
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty) if `p` is empty;
/// [`Error::NonFinite`](crate::Error::NonFinite) /
/// [`Error::NegativeProbability`](crate::Error::NegativeProbability) for the first bad element;
/// [`Error::NotNormalized`](crate::Error::NotNormalized) if `|Σp − 1|` exceeds the tolerance
/// ([`Real::NORMALIZATION_TOLERANCE`]); use [`crate::validate::normalize`] for counts.
///
/// # Examples
/// ```
/// use sanov::{measures::entropy, Base};
/// // A biased coin: h(0.1) = 0.469 bits.
/// let h = entropy(&[0.1, 0.9], Base::Bits)?;
/// assert!((h - 0.4689955935892812).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// C. E. Shannon, "A Mathematical Theory of Communication", Bell Syst. Tech. J. 27 (1948);
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §2.1.
pub fn entropy<T: Real>(p: &[T], base: Base) -> Result<f64> {
    kernels::entropy(p, base, Par::Seq)
}
