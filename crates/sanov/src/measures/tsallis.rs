use crate::error::{Error, Result};
use crate::real::Real;
use crate::sum::Neumaier;
use crate::validate::check_probability_vector;

/// Below this distance from 1, indices near the Shannon limit use the `expm1` form.
const NEAR_ONE: f64 = 0.5;

pub(crate) fn check_tsallis_q(q: f64) -> Result<()> {
    if q.is_finite() {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "q",
            value: q,
            expected: "a finite entropic index q",
        })
    }
}

/// Tsallis entropy of index `q` (with Boltzmann constant k = 1).
///
/// $$ S_q(p) = \frac{1 - \sum_{i: p_i > 0} p_i^q}{q - 1} $$
///
/// `q = 1` gives the Shannon entropy in nats. The quantity has no unit: no `base` argument.
/// Evaluated on `p / Σp`; for `|q − 1| < 0.5` as `−Σ p·expm1((q−1) ln p)/(q−1)`, exact to
/// rounding as `q → 1`.
///
/// # Errors
/// [`Error::InvalidParameter`] if `q` is not finite; the errors of
/// [`crate::measures::entropy`] for `p`.
///
/// # Examples
/// ```
/// use sanov::measures::tsallis_entropy;
/// // q = 2: 1 − Σ p² (the Gini–Simpson index).
/// assert_eq!(tsallis_entropy(&[0.5, 0.5], 2.0)?, 0.5);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// C. Tsallis, "Possible generalization of Boltzmann–Gibbs statistics", J. Stat. Phys. 52 (1988).
pub fn tsallis_entropy<T: Real>(p: &[T], q: f64) -> Result<f64> {
    check_tsallis_q(q)?;
    check_probability_vector("p", p)?;
    let xs = || p.iter().map(|x| x.to_f64()).filter(|&x| x > 0.0);
    let mut s = Neumaier::default();
    for x in xs() {
        s.add(x);
    }
    let total = s.total();
    let beta = q - 1.0;
    let mut acc = Neumaier::default();
    if q == 1.0 {
        for x in xs() {
            let y = x / total;
            acc.add(y * y.ln());
        }
        return Ok(0.0 - acc.total());
    }
    if beta.abs() < NEAR_ONE {
        for x in xs() {
            let y = x / total;
            acc.add(y * (beta * y.ln()).exp_m1());
        }
        return Ok(acc.total() / -beta);
    }
    for x in xs() {
        acc.add((x / total).powf(q));
    }
    Ok((1.0 - acc.total()) / beta)
}
