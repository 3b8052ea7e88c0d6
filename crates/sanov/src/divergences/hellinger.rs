use crate::error::Result;
use crate::real::Real;
use crate::sum::{sum, Neumaier};
use crate::validate::check_pair;

/// Hellinger distance between two distributions.
///
/// $$ H(p, q) = \sqrt{1 - \sum_i \sqrt{p_i q_i}} = \sqrt{\tfrac12 \sum_i \left(\sqrt{p_i} - \sqrt{q_i}\right)^2} $$
///
/// In `[0, 1]`; no unit. The two forms are equal for normalised `p`, `q`; sanov evaluates the
/// second on `p/Σp` and `q/Σq`, with `√a − √b = (a − b)/(√a + √b)`: no cancellation when
/// `p ≈ q`, and never negative.
///
/// # Errors
/// As [`crate::divergences::kl_divergence`].
///
/// # Examples
/// ```
/// use sanov::divergences::hellinger_distance;
/// assert_eq!(hellinger_distance(&[1.0, 0.0], &[0.0, 1.0])?, 1.0);
/// assert_eq!(hellinger_distance(&[0.3, 0.7], &[0.3, 0.7])?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// E. Hellinger, J. reine angew. Math. 136 (1909) 210–271.
pub fn hellinger_distance<T: Real>(p: &[T], q: &[T]) -> Result<f64> {
    check_pair(p, q)?;
    let sp = sum(p.iter().map(|x| x.to_f64()));
    let sq = sum(q.iter().map(|x| x.to_f64()));
    let mut acc = Neumaier::default();
    for (&x, &y) in p.iter().zip(q) {
        let (a, b) = (x.to_f64() / sp, y.to_f64() / sq);
        let root_sum = a.sqrt() + b.sqrt();
        if root_sum > 0.0 {
            // √a − √b = (a − b)/(√a + √b): no cancellation when a ≈ b.
            let d = (a - b) / root_sum;
            acc.add(d * d);
        }
    }
    Ok((0.5 * acc.total()).sqrt())
}
