use crate::error::Result;
use crate::real::Real;
use crate::sum::Neumaier;
use crate::validate::check_pair;

/// Total variation distance.
///
/// $$ \delta(p, q) = \tfrac12 \sum_i |p_i - q_i| = \max_A |p(A) - q(A)| $$
///
/// In `[0, 1]`; no unit.
///
/// # Errors
/// As [`crate::divergences::kl_divergence`].
///
/// # Examples
/// ```
/// use sanov::divergences::total_variation_distance;
/// assert_eq!(total_variation_distance(&[0.5, 0.5], &[0.75, 0.25])?, 0.25);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn total_variation_distance<T: Real>(p: &[T], q: &[T]) -> Result<f64> {
    check_pair(p, q)?;
    let mut acc = Neumaier::default();
    for (&x, &y) in p.iter().zip(q) {
        acc.add((x.to_f64() - y.to_f64()).abs());
    }
    Ok(0.5 * acc.total())
}
