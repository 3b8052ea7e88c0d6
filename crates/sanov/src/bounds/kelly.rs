//! Kelly gambling on a horse race: the doubling rate and its optimum.

use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_probability_vector;

/// The doubling (growth) rate of betting fractions `b` on a horse race with win probabilities
/// `p` and `odds`-for-1 payoffs, and the optimal rate, as `(W(b, p), W*)`:
///
/// $$ W(b, p) = \sum_i p_i \log(b_i o_i), \qquad
///    W^* = \max_b W(b, p) = \sum_i p_i \log o_i - H(p) \ \ (\text{at } b = p) $$
///
/// Terms with `p_i = 0` are 0; `b_i = 0` where `p_i > 0` gives `W = −∞` (ruin). In `base`
/// (bits give the doubling rate of Cover & Thomas).
///
/// # Errors
/// [`Error::LengthMismatch`] unless `p`, `b` and `odds` have one length; `p` and `b` must be
/// probability vectors (errors of [`check_probability_vector`]); [`Error::OutOfRange`] for an
/// odds entry that is not finite and `> 0`.
///
/// # Examples
/// ```
/// use sanov::bounds::kelly_growth_rate;
/// use sanov::Base;
/// // Fair odds 2-for-1 on a fair coin: W* = 1 − 1 = 0 bits.
/// let (w, w_star) = kelly_growth_rate(&[0.5, 0.5], &[0.5, 0.5], &[2.0, 2.0], Base::Bits)?;
/// assert!(w.abs() < 1e-15 && w_star.abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// J. L. Kelly, "A new interpretation of information rate", Bell Syst. Tech. J. 35 (1956);
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §6.1 (Theorem 6.1.2).
pub fn kelly_growth_rate(p: &[f64], b: &[f64], odds: &[f64], base: Base) -> Result<(f64, f64)> {
    check_probability_vector("p", p)?;
    check_probability_vector("b", b)?;
    for (arg, len) in [("b", b.len()), ("odds", odds.len())] {
        if len != p.len() {
            return Err(Error::LengthMismatch {
                left_arg: "p",
                left: p.len(),
                right_arg: arg,
                right: len,
            });
        }
    }
    if let Some((i, &o)) = odds
        .iter()
        .enumerate()
        .find(|(_, o)| !(o.is_finite() && **o > 0.0))
    {
        return Err(Error::OutOfRange {
            arg: "odds",
            index: i,
            value: o,
            expected: "must be finite and > 0",
        });
    }
    let (mut w, mut w_star) = (Neumaier::default(), Neumaier::default());
    let mut ruin = false;
    for ((&pi, &bi), &oi) in p.iter().zip(b).zip(odds) {
        if pi > 0.0 {
            if bi == 0.0 {
                ruin = true;
            } else {
                w.add(pi * (bi * oi).ln());
            }
            w_star.add(pi * (pi * oi).ln());
        }
    }
    let w = if ruin { f64::NEG_INFINITY } else { w.total() };
    Ok((base.from_nats(w), base.from_nats(w_star.total())))
}
