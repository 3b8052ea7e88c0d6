use crate::error::Result;
use crate::kernels;
use crate::par::Par;
use crate::real::Real;
use crate::units::Base;

/// Kullback–Leibler divergence (relative entropy) of `p` from `q`.
///
/// $$ D(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i} $$
///
/// Conventions: terms with `p_i = 0` are 0; `p_i > 0 = q_i` gives `+∞`. Each term is computed
/// as `p·ln(p/q)` (one rounding in the ratio, instead of the cancellation of `ln p − ln q`), and
/// the sum is compensated. `D ≥ 0`, with equality iff `p = q`; not symmetric. The value is that
/// of the given numbers, which sum to 1 only within the tolerance: for two vectors equal up to a
/// common factor `1 + e` it is `−e`. Results of order `−1e−16` can therefore be the exact value
/// for the given floats; they are returned as computed, never clamped.
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
/// use sanov::{divergences::kl_divergence, Base};
/// // the definitions page's corrected worked example (often misprinted as 0.0268).
/// let d = kl_divergence(&[0.4, 0.4, 0.2], &[0.33, 0.33, 0.34], Base::Nats)?;
/// assert!((d - 0.0477719).abs() < 5e-8);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// S. Kullback and R. A. Leibler, "On information and sufficiency", Ann. Math. Stat. 22 (1951).
pub fn kl_divergence<T: Real>(p: &[T], q: &[T], base: Base) -> Result<f64> {
    kernels::kl_divergence(p, q, base, Par::Seq)
}
