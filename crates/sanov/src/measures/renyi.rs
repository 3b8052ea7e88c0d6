use crate::error::{Error, Result};
use crate::real::Real;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_probability_vector;

/// Below this distance from 1, orders near the Shannon limit use the `expm1`/`ln1p` form.
const NEAR_ONE: f64 = 0.5;

pub(crate) fn check_renyi_alpha(alpha: f64) -> Result<()> {
    if alpha >= 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "alpha",
            value: alpha,
            expected: "an order alpha >= 0 (+inf allowed)",
        })
    }
}

/// Rényi entropy of order `alpha`.
///
/// $$ H_\alpha(p) = \frac{1}{1-\alpha} \log \sum_i p_i^\alpha $$
///
/// with the limits `α = 0`: `log |supp p|` (Hartley entropy); `α = 1`: Shannon entropy;
/// `α = +∞`: `−log max p` (min-entropy). Non-increasing in `α`.
///
/// Numerics: the sum is evaluated on `p / Σp` (which differs from `p` by at most the validation
/// tolerance), because for `α` near 1 the formula amplifies `Σp − 1` by `1/(1−α)`. Near `α = 1`
/// (`|α − 1| < 0.5`) it is evaluated as `ln1p(Σ p·expm1((α−1) ln p))/(1−α)`, which is exact to
/// rounding as `α → 1`; for `α > 1` the largest term is factored out, so no `p^α` underflows.
///
/// # Errors
/// [`Error::InvalidParameter`] if `alpha` is negative or NaN; the errors of
/// [`crate::measures::entropy`] for `p`.
///
/// # Examples
/// ```
/// use sanov::{measures::renyi_entropy, Base};
/// let p = [0.5, 0.25, 0.25];
/// assert!((renyi_entropy(&p, 0.0, Base::Bits)? - 3f64.log2()).abs() < 1e-15);
/// assert_eq!(renyi_entropy(&p, f64::INFINITY, Base::Bits)?, 1.0);
/// assert!((renyi_entropy(&p, 2.0, Base::Bits)? - (8.0f64 / 3.0).log2()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// A. Rényi, "On measures of entropy and information", Proc. 4th Berkeley Symp. (1961) 547–561.
pub fn renyi_entropy<T: Real>(p: &[T], alpha: f64, base: Base) -> Result<f64> {
    check_renyi_alpha(alpha)?;
    check_probability_vector("p", p)?;
    Ok(base.from_nats(renyi_nats(p, alpha)))
}

fn renyi_nats<T: Real>(p: &[T], alpha: f64) -> f64 {
    let xs = || p.iter().map(|x| x.to_f64()).filter(|&x| x > 0.0);
    let mut s = Neumaier::default();
    for x in xs() {
        s.add(x);
    }
    let total = s.total();
    if alpha == 1.0 {
        let mut acc = Neumaier::default();
        for x in xs() {
            acc.add(x / total * (x / total).ln());
        }
        return 0.0 - acc.total();
    }
    if alpha == 0.0 {
        return (xs().count() as f64).ln();
    }
    let max = xs().fold(0.0, f64::max);
    if alpha == f64::INFINITY {
        return -(max / total).ln();
    }
    let beta = alpha - 1.0;
    if beta.abs() < NEAR_ONE {
        // Σ (x/S)^α = Σ (x/S)·(1 + expm1(β ln(x/S))) = 1 + Σ (x/S)·expm1(β ln(x/S)).
        let mut acc = Neumaier::default();
        for x in xs() {
            let y = x / total;
            acc.add(y * (beta * y.ln()).exp_m1());
        }
        return acc.total().ln_1p() / -beta;
    }
    if alpha > 1.0 {
        // ln Σ y^α = α ln m + ln Σ (y/m)^α with m = max y, every ratio ≤ 1 and one = 1.
        let m = max / total;
        let mut acc = Neumaier::default();
        for x in xs() {
            acc.add((x / max).powf(alpha));
        }
        return (alpha * m.ln() + acc.total().ln()) / -beta;
    }
    let mut acc = Neumaier::default();
    for x in xs() {
        acc.add((x / total).powf(alpha));
    }
    acc.total().ln() / -beta
}
