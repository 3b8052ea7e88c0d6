//! The GAN value at the optimal discriminator.

use crate::error::Result;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_pair;

/// The GAN objective at the optimal discriminator `D* = p/(p + q)`, computed directly:
///
/// $$ V(D^*, G) = \sum_i p_i \log\frac{p_i}{p_i + q_i} + \sum_i q_i \log\frac{q_i}{p_i + q_i}
///    = 2\,\mathrm{JSD}(p \,\|\, q) - \log 4 $$
///
/// `p` is the data distribution, `q` the generator's; terms with zero weight are 0. The value
/// lies in `[−log 4, 0]`: `−log 4` iff `p = q`, 0 iff the supports are disjoint. Compensated
/// sum; in `base` (nats in Rust).
///
/// # Errors
/// As [`crate::divergences::js_divergence`]: [`crate::Error::Empty`],
/// [`crate::Error::LengthMismatch`], [`crate::Error::NonFinite`],
/// [`crate::Error::NegativeProbability`] or [`crate::Error::NotNormalized`].
///
/// # Examples
/// ```
/// use sanov::divergences::{gan_optimal_value, js_divergence};
/// use sanov::Base;
/// let (p, q) = ([0.5, 0.5], [0.9, 0.1]);
/// let v = gan_optimal_value(&p, &q, Base::Nats)?;
/// let js = js_divergence(&p, &q, Base::Nats)?;
/// assert!((v - (2.0 * js - 4f64.ln())).abs() < 1e-15);
/// assert!((gan_optimal_value(&p, &p, Base::Nats)? + 4f64.ln()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// I. Goodfellow et al., "Generative adversarial nets", NeurIPS (2014), Proposition 1 and
/// Theorem 1.
pub fn gan_optimal_value(p: &[f64], q: &[f64], base: Base) -> Result<f64> {
    check_pair(p, q)?;
    let mut s = Neumaier::default();
    for (&x, &y) in p.iter().zip(q) {
        let m = x + y;
        if x > 0.0 {
            s.add(x * (x / m).ln());
        }
        if y > 0.0 {
            s.add(y * (y / m).ln());
        }
    }
    Ok(base.from_nats(s.total()))
}
