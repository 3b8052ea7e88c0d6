use crate::error::{Error, Result};
use crate::real::Real;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_probability_vector;

pub(crate) fn check_target(target: usize, len: usize) -> Result<()> {
    if target < len {
        Ok(())
    } else {
        Err(Error::IndexOutOfRange {
            arg: "target",
            index: target,
            len,
        })
    }
}

/// Cross-entropy loss of a predicted distribution against a class label (log-loss, negative
/// log-likelihood).
///
/// $$ \ell(q, t) = -\log q_t $$
///
/// `target` is 0-based. `q_t = 0` gives `+∞`.
///
/// # Errors
/// The errors of [`crate::measures::entropy`] for `probs`;
/// [`Error::IndexOutOfRange`] if `target ≥ probs.len()`.
///
/// # Examples
/// ```
/// use sanov::{losses::cross_entropy_loss, Base};
/// // The 3-class example: confident and right, unsure, confident and wrong.
/// let l = cross_entropy_loss(&[0.7, 0.2, 0.1], 0, Base::Bits)?;
/// assert!((l - 0.5145731728297583).abs() < 1e-15); // 0.51 bits
/// let l = cross_entropy_loss(&[0.7, 0.2, 0.1], 2, Base::Bits)?;
/// assert!((l - 3.321928094887362).abs() < 1e-15); // 3.32 bits
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn cross_entropy_loss<T: Real>(probs: &[T], target: usize, base: Base) -> Result<f64> {
    check_probability_vector("probs", probs)?;
    check_target(target, probs.len())?;
    Ok(0.0 - base.log(probs[target].to_f64()))
}

/// Cross-entropy against a label-smoothed target (PyTorch's convention).
///
/// $$ \ell(q, t) = -\sum_k \tilde t_k \log q_k, \qquad \tilde t = (1-\varepsilon)\,e_t + \frac{\varepsilon}{K} \mathbf 1 $$
///
/// with `K = probs.len()`: the smoothing mass `ε` is spread over *every* class, the target
/// included, as `torch.nn.functional.cross_entropy(label_smoothing=ε)` does. `ε = 0` is
/// [`cross_entropy_loss`]. Any `q_k = 0` with `t̃_k > 0` gives `+∞`.
///
/// # Errors
/// As [`cross_entropy_loss`]; [`Error::InvalidParameter`] unless `0 ≤ ε ≤ 1`.
///
/// # Examples
/// ```
/// use sanov::{losses::label_smoothed_cross_entropy, Base};
/// let q = [0.7, 0.2, 0.1];
/// let l = label_smoothed_cross_entropy(&q, 0, 0.1, Base::Nats)?;
/// let t = [0.9 + 0.1 / 3.0, 0.1 / 3.0, 0.1 / 3.0];
/// let want: f64 = -t.iter().zip(q).map(|(t, q)| t * f64::ln(q)).sum::<f64>();
/// assert!((l - want).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn label_smoothed_cross_entropy<T: Real>(
    probs: &[T],
    target: usize,
    epsilon: f64,
    base: Base,
) -> Result<f64> {
    if !(0.0..=1.0).contains(&epsilon) {
        return Err(Error::InvalidParameter {
            name: "epsilon",
            value: epsilon,
            expected: "a smoothing mass in [0, 1]",
        });
    }
    check_probability_vector("probs", probs)?;
    check_target(target, probs.len())?;
    let k = probs.len() as f64;
    let off = epsilon / k;
    let mut acc = Neumaier::default();
    for (i, &q) in probs.iter().enumerate() {
        let t = if i == target {
            (1.0 - epsilon) + off
        } else {
            off
        };
        if t == 0.0 {
            continue;
        }
        let q = q.to_f64();
        if q == 0.0 {
            return Ok(f64::INFINITY);
        }
        acc.add(t * q.ln());
    }
    Ok(base.from_nats(0.0 - acc.total()))
}
