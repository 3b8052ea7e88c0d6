//! Williams–Beer `I_min`.

use super::{Joint, Pid};
use crate::error::Result;
use crate::units::Base;
use ndarray::ArrayView3;

/// The Williams–Beer PID: redundancy `I_min`, the expected minimum specific information.
///
/// $$ I_{\min}(Y; X_1, X_2) = \sum_y p(y) \min_{i} I(Y = y; X_i), \qquad
///    I(Y = y; X_i) = \sum_{x_i} p(x_i \mid y) \ln \frac{p(y \mid x_i)}{p(y)} $$
///
/// and the other atoms from the lattice identities (see the [module docs](super)). Known
/// property: `I_min` counts "the same amount" as the same information, so two independent
/// bits copied into `Y = (X1, X2)` get 1 bit of redundancy.
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty) for an empty axis; [`Error::NonFinite`](crate::Error::NonFinite),
/// [`Error::NegativeProbability`](crate::Error::NegativeProbability) or
/// [`Error::NotNormalized`](crate::Error::NotNormalized) for a joint that is not a
/// probability array.
///
/// # Examples
/// ```
/// use ndarray::Array3;
/// use sanov::{pid::pid_williams_beer, Base};
/// // XOR: Y = X1 ⊕ X2 with uniform inputs carries 1 bit of pure synergy.
/// let mut p = Array3::zeros((2, 2, 2));
/// for a in 0..2 { for b in 0..2 { p[[a, b, a ^ b]] = 0.25; } }
/// let pid = pid_williams_beer(p.view(), Base::Bits)?;
/// assert_eq!((pid.redundancy, pid.unique_1, pid.unique_2), (0.0, 0.0, 0.0));
/// assert!((pid.synergy - 1.0).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Williams & Beer (2010), *Nonnegative decomposition of multivariate information*,
/// arXiv:1004.2515.
pub fn pid_williams_beer(joint: ArrayView3<'_, f64>, base: Base) -> Result<Pid> {
    let j = Joint::new(joint)?;
    let ny = j.ny;
    let specific = |pxy: &[f64], px: &[f64], y: usize| {
        let mut s = crate::sum::Neumaier::default();
        for (x, &pxv) in px.iter().enumerate() {
            let v = pxy[x * ny + y];
            if v > 0.0 {
                s.add(v / j.py[y] * (v / (pxv * j.py[y])).ln());
            }
        }
        s.total()
    };
    let mut r = crate::sum::Neumaier::default();
    for y in 0..ny {
        if j.py[y] > 0.0 {
            let s1 = specific(&j.p1y, &j.p1, y);
            let s2 = specific(&j.p2y, &j.p2, y);
            r.add(j.py[y] * s1.min(s2));
        }
    }
    Ok(Pid::from_redundancy(
        r.total(),
        j.mutual_information_terms(),
        base,
    ))
}
