use crate::error::Result;
use crate::real::Real;
use crate::sum::Neumaier;
use crate::validate::check_pair;

/// Pearson χ² divergence of `p` from `q`.
///
/// $$ \chi^2(p \,\|\, q) = \sum_i \frac{(p_i - q_i)^2}{q_i} $$
///
/// Terms with `p_i = q_i = 0` are 0; `p_i > 0 = q_i` gives `+∞`. No unit. Not symmetric.
///
/// # Errors
/// As [`crate::divergences::kl_divergence`].
///
/// # Examples
/// ```
/// use sanov::divergences::chi2_divergence;
/// assert!((chi2_divergence(&[0.5, 0.5], &[0.25, 0.75])? - 1.0 / 3.0).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// K. Pearson, Philosophical Magazine 50 (1900) 157–175.
pub fn chi2_divergence<T: Real>(p: &[T], q: &[T]) -> Result<f64> {
    check_pair(p, q)?;
    let mut acc = Neumaier::default();
    for (&x, &y) in p.iter().zip(q) {
        let (x, y) = (x.to_f64(), y.to_f64());
        if y == 0.0 {
            if x > 0.0 {
                return Ok(f64::INFINITY);
            }
            continue;
        }
        let d = x - y;
        // d·(d/q) rather than d²/q: d² underflows for tiny differences over tiny q.
        acc.add(d * (d / y));
    }
    Ok(acc.total())
}
