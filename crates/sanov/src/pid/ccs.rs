//! Ince's `I_ccs` (pointwise common change in surprisal).

use super::{Joint, Pid};
use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::units::Base;
use ndarray::ArrayView3;

/// Iterations of iterative proportional fitting before [`Error::NotConverged`].
const IPF_MAX_ITERATIONS: usize = 1_000_000;
/// IPF stops when every pairwise marginal of the fit is within this of the joint's.
const IPF_TOLERANCE: f64 = 1e-15;
/// dit's rule: pointwise values within `1e-8` bits of 0 (`numpy.isclose(v, 0)`) have sign 0.
const SIGN_ZERO_BITS: f64 = 1e-8;

/// The maximum-entropy joint with the pairwise marginals `P(x1,x2)`, `P(x1,y)`, `P(x2,y)` of
/// `j`, by iterative proportional fitting from the uniform distribution (Csiszár 1975: IPF
/// converges to the I-projection, here the maximum-entropy distribution). Returns it and the
/// iterations used.
fn maxent_pairwise(j: &Joint) -> Result<(Vec<f64>, usize)> {
    let (n1, n2, ny) = (j.n1, j.n2, j.ny);
    let n = n1 * n2 * ny;
    let idx = |a: usize, b: usize, y: usize| (a * n2 + b) * ny + y;
    let q0 = support(j);
    let k = q0.iter().filter(|&&v| v).count() as f64;
    let mut q: Vec<f64> = q0.iter().map(|&v| if v { 1.0 / k } else { 0.0 }).collect();
    let _ = n;
    let mut m12 = vec![0.0; n1 * n2];
    let mut m1y = vec![0.0; n1 * ny];
    let mut m2y = vec![0.0; n2 * ny];
    let ratio = |want: f64, have: f64| if want > 0.0 { want / have } else { 0.0 };
    for it in 1..=IPF_MAX_ITERATIONS {
        // P(x1, x2)
        for a in 0..n1 {
            for b in 0..n2 {
                m12[a * n2 + b] = (0..ny).map(|y| q[idx(a, b, y)]).sum();
            }
        }
        for a in 0..n1 {
            for b in 0..n2 {
                let r = ratio(j.p12[a * n2 + b], m12[a * n2 + b]);
                for y in 0..ny {
                    q[idx(a, b, y)] *= r;
                }
            }
        }
        // P(x1, y)
        m1y.fill(0.0);
        for a in 0..n1 {
            for b in 0..n2 {
                for y in 0..ny {
                    m1y[a * ny + y] += q[idx(a, b, y)];
                }
            }
        }
        for a in 0..n1 {
            for b in 0..n2 {
                for y in 0..ny {
                    q[idx(a, b, y)] *= ratio(j.p1y[a * ny + y], m1y[a * ny + y]);
                }
            }
        }
        // P(x2, y)
        m2y.fill(0.0);
        for a in 0..n1 {
            for b in 0..n2 {
                for y in 0..ny {
                    m2y[b * ny + y] += q[idx(a, b, y)];
                }
            }
        }
        for a in 0..n1 {
            for b in 0..n2 {
                for y in 0..ny {
                    q[idx(a, b, y)] *= ratio(j.p2y[b * ny + y], m2y[b * ny + y]);
                }
            }
        }
        // Residual: the first two marginals after the last scaling.
        let fit = Joint::from_flat(q.clone(), n1, n2, ny);
        let dev = fit
            .p12
            .iter()
            .zip(&j.p12)
            .chain(fit.p1y.iter().zip(&j.p1y))
            .fold(0.0f64, |d, (a, b)| d.max((a - b).abs()));
        if dev <= IPF_TOLERANCE {
            return Ok((q, it));
        }
        if it == IPF_MAX_ITERATIONS {
            return Err(Error::NotConverged {
                iterations: it,
                residual: dev,
            });
        }
    }
    unreachable!("the loop returns")
}

/// The cells the fit may use: those of `supp p`, and those outside it that a 2×2×2 move
/// (+1 on one parity class of a sub-cube, −1 on the other, which keeps every pairwise marginal)
/// can make positive while its −1 cells stay in `supp p`. Cells that no distribution with
/// `p`'s pairwise marginals can use are removed before the fit, so that IPF converges
/// geometrically instead of creeping towards zeros (AND's maximum-entropy fit has such zeros).
fn support(j: &Joint) -> Vec<bool> {
    let (n1, n2, ny) = (j.n1, j.n2, j.ny);
    let idx = |a: usize, b: usize, y: usize| (a * n2 + b) * ny + y;
    let pos = |a: usize, b: usize, y: usize| j.p[idx(a, b, y)] > 0.0;
    let mut out = vec![false; n1 * n2 * ny];
    for a in 0..n1 {
        for b in 0..n2 {
            for y in 0..ny {
                if pos(a, b, y) {
                    out[idx(a, b, y)] = true;
                    continue;
                }
                if !(j.p12[a * n2 + b] > 0.0 && j.p1y[a * ny + y] > 0.0 && j.p2y[b * ny + y] > 0.0)
                {
                    continue;
                }
                'search: for a2 in (0..n1).filter(|&v| v != a) {
                    for b2 in (0..n2).filter(|&v| v != b) {
                        for y2 in (0..ny).filter(|&v| v != y) {
                            if pos(a2, b, y) && pos(a, b2, y) && pos(a, b, y2) && pos(a2, b2, y2) {
                                out[idx(a, b, y)] = true;
                                break 'search;
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// `v` with values within [`SIGN_ZERO_BITS`] of 0 set to 0 (bits).
fn snap(v: f64) -> f64 {
    if v.abs() <= SIGN_ZERO_BITS {
        0.0
    } else {
        v
    }
}

/// The `I_ccs` PID (Ince 2017): redundancy as the expected pointwise co-information over the
/// events where it agrees in sign with every pointwise mutual information, under the
/// maximum-entropy distribution `q̂` with the pairwise marginals of `p`.
///
/// $$ I_{\mathrm{ccs}} = \sum_{x_1, x_2, y} \hat q(x_1, x_2, y)\, c(x_1; x_2; y)\,
///    \big[\operatorname{sgn} c = \operatorname{sgn} i(x_1; y) = \operatorname{sgn} i(x_2; y)
///    = \operatorname{sgn} i(x_1 x_2; y)\big] $$
///
/// with `c = ln[q̂(x1,x2) q̂(x1,y) q̂(x2,y) / (q̂(x1) q̂(x2) q̂(y) q̂(x1,x2,y))]` the pointwise
/// co-information and `i` the pointwise mutual-information values of `q̂`. As in dit's `PID_CCS`,
/// `c`, `i(x1;y)` and `i(x2;y)` within 1e-8 bits of 0 count as sign 0. `q̂` comes from
/// iterative proportional fitting to a marginal residual of 1e-15. The atoms may be negative.
///
/// # Errors
/// As [`pid_williams_beer`](super::pid_williams_beer); [`Error::NotConverged`] if the fit does
/// not reach its tolerance in 10⁶ sweeps.
///
/// # Examples
/// ```
/// use ndarray::Array3;
/// use sanov::{pid::pid_ccs, Base};
/// // RDN: X1 = X2 = Y, a uniform bit: 1 bit of redundancy.
/// let mut p = Array3::zeros((2, 2, 2));
/// p[[0, 0, 0]] = 0.5;
/// p[[1, 1, 1]] = 0.5;
/// let pid = pid_ccs(p.view(), Base::Bits)?;
/// assert!((pid.redundancy - 1.0).abs() < 1e-12);
/// assert!(pid.synergy.abs() < 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Ince (2017), Entropy 19(7), 318; dit's `PID_CCS` (James, Ellison & Crutchfield 2018).
pub fn pid_ccs(joint: ArrayView3<'_, f64>, base: Base) -> Result<Pid> {
    let j = Joint::new(joint)?;
    let (q, _) = maxent_pairwise(&j)?;
    let m = Joint::from_flat(q, j.n1, j.n2, j.ny);
    let (n2, ny) = (m.n2, m.ny);
    let ln2 = std::f64::consts::LN_2;
    let mut r = Neumaier::default();
    for a in 0..m.n1 {
        for b in 0..n2 {
            for y in 0..ny {
                let v = m.p[(a * n2 + b) * ny + y];
                if v <= 0.0 {
                    continue;
                }
                let (p1y, p2y, p12) = (m.p1y[a * ny + y], m.p2y[b * ny + y], m.p12[a * n2 + b]);
                let (p1, p2, py) = (m.p1[a], m.p2[b], m.py[y]);
                let i1 = snap((p1y / (p1 * py)).log2());
                let i2 = snap((p2y / (p2 * py)).log2());
                let i12 = (v / (p12 * py)).log2();
                let c = snap(((p12 * p1y * p2y) / (p1 * p2 * py * v)).log2());
                let s = c.signum_or_zero();
                if s == i1.signum_or_zero() && s == i2.signum_or_zero() && s == i12.signum_or_zero()
                {
                    r.add(v * c * ln2);
                }
            }
        }
    }
    Ok(Pid::from_redundancy(
        r.total(),
        j.mutual_information_terms(),
        base,
    ))
}

/// `numpy.sign`: −1, 0 or 1.
trait Sign {
    fn signum_or_zero(self) -> f64;
}

impl Sign for f64 {
    fn signum_or_zero(self) -> f64 {
        if self > 0.0 {
            1.0
        } else if self < 0.0 {
            -1.0
        } else {
            0.0
        }
    }
}
