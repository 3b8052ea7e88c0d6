//! Capacity of a discrete memoryless channel by the Blahut–Arimoto algorithm, accelerated by
//! squared extrapolation.

use crate::linalg::dot;
use crate::special::logsumexp_unchecked as logsumexp;
use ndarray::{Array1, ArrayView2};

use crate::error::{Error, Result};
use crate::iterate::{Diagnostics, StoppingRule, Termination};
use crate::units::Base;
use crate::validate::check_probability_vector;

/// Floor of the log-weights relative to the largest (`e^{-700} ≈ 1e-304`, a normal `f64`):
/// keeps every weight positive after an extrapolation step, so no output probability
/// underflows to 0 where a channel row is positive.
const LOG_FLOOR: f64 = 700.0;

/// Components more than this far (in log) below the largest do not set the SQUAREM step
/// (tuned on random channels: 3 beats 5, 10 and 30).
const ACTIVE: f64 = 3.0;

/// Growth (and shrink) factor of the largest SQUAREM step length `|α|`, which starts at 1
/// (Varadhan & Roland 2008, §5; the `mstep = 4` of their SQUAREM package).
const STEP_GROWTH: f64 = 4.0;

/// Options of [`channel_capacity`].
///
/// # Examples
/// ```
/// use sanov::channels::CapacityOptions;
/// use sanov::iterate::StoppingRule;
/// let params = CapacityOptions {
///     rule: StoppingRule { tolerance: 1e-9, ..StoppingRule::default() },
///     ..CapacityOptions::default()
/// };
/// assert!(params.accelerate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CapacityOptions {
    /// Stop when the certified gap (upper − lower bound on the capacity, in nats) is at most
    /// `rule.tolerance`; [`Error::NotConverged`] after `rule.max_iterations` evaluations of the
    /// Blahut–Arimoto map. Default: 1e-12 nats, 10 000 iterations.
    pub rule: StoppingRule,
    /// The unit of the reported capacity. Default: nats.
    pub base: Base,
    /// Squared extrapolation (SQUAREM) of the Blahut–Arimoto iterates. Default: `true`;
    /// `false` runs the plain algorithm.
    pub accelerate: bool,
}

impl Default for CapacityOptions {
    fn default() -> Self {
        Self {
            rule: StoppingRule::default(),
            base: Base::Nats,
            accelerate: true,
        }
    }
}

/// The old name of [`CapacityOptions`] (configuration structs are `*Options`, passed by reference).
#[deprecated(since = "0.2.0", note = "renamed to `CapacityOptions`")]
pub type CapacityParams = CapacityOptions;

/// The capacity of a channel with its certificate; see [`channel_capacity`].
#[derive(Debug, Clone, PartialEq)]
pub struct CapacityResult {
    /// The capacity in the unit of `params.base`: the mutual information `I(p; W)` of the
    /// reported input, a lower bound within `gap` of the true capacity.
    pub capacity: f64,
    /// The (approximately) capacity-achieving input distribution `p`.
    pub input_distribution: Array1<f64>,
    /// The certified gap, in nats: `max_x D(W(·|x) ‖ pW) − I(p; W) ≥ C − capacity` for the
    /// reported `p` (so every input satisfies the KKT condition `D(W(·|x) ‖ pW) ≤ C + gap`).
    /// Rounding can make it a few ulps negative when the answer
    /// is exact (symmetric channels).
    pub gap: f64,
    /// Iterations (evaluations of the Blahut–Arimoto map), termination and certificate (= `gap`).
    pub diagnostics: Diagnostics,
}

/// A validated channel, stored row-major without the zero columns.
struct Channel {
    m: usize,
    n: usize,
    w: Vec<f64>,
    /// `Σ_y W_xy ln W_xy` per row.
    neg_h: Vec<f64>,
}

/// Validates `channel` (shape at least 1×1, each row a probability vector).
fn validate_channel(channel: ArrayView2<'_, f64>) -> Result<Channel> {
    let (m, cols) = channel.dim();
    if m == 0 || cols == 0 {
        return Err(Error::Empty { arg: "channel" });
    }
    for (r, row) in channel.rows().into_iter().enumerate() {
        let v: Vec<f64> = row.iter().copied().collect();
        check_probability_vector("channel", &v).map_err(|e| e.in_row(r, cols))?;
    }
    let keep: Vec<usize> = (0..cols)
        .filter(|&y| channel.column(y).iter().any(|&v| v > 0.0))
        .collect();
    let n = keep.len();
    let mut w = Vec::with_capacity(m * n);
    let mut neg_h = Vec::with_capacity(m);
    for row in channel.rows() {
        let mut s = 0.0;
        for &y in &keep {
            let v = row[y];
            w.push(v);
            if v > 0.0 {
                s += v * v.ln();
            }
        }
        neg_h.push(s);
    }
    Ok(Channel { m, n, w, neg_h })
}

/// Squared extrapolation of a fixed-point iteration in log-space (Varadhan & Roland 2008,
/// scheme S3): `θ0 − 2α r + α² v` with `r = θ1 − θ0`, `v = θ2 − 2θ1 + θ0`,
/// `α = −‖r‖/‖v‖` clamped to `[−step_max, −1]` (α = −1 gives `θ2`). Log-weights are
/// floored at `max − LOG_FLOOR`. `None` if the step is degenerate.
fn squarem(t0: &[f64], t1: &[f64], t2: &[f64], step_max: f64) -> Option<(Vec<f64>, f64)> {
    // The step length comes from the components that still carry mass: those that have
    // fallen far below the largest only drift down linearly and would swamp the ratio.
    let top = t2.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (mut nr, mut nv) = (0.0, 0.0);
    for i in 0..t0.len() {
        if t2[i] < top - ACTIVE {
            continue;
        }
        let r = t1[i] - t0[i];
        let v = t2[i] - 2.0 * t1[i] + t0[i];
        nr += r * r;
        nv += v * v;
    }
    if !(nv > 0.0 && nr.is_finite() && nv.is_finite()) {
        return None;
    }
    let alpha = (-(nr / nv).sqrt()).clamp(-step_max, -1.0);
    let mut t: Vec<f64> = (0..t0.len())
        .map(|i| {
            let r = t1[i] - t0[i];
            let v = t2[i] - 2.0 * t1[i] + t0[i];
            t0[i] - 2.0 * alpha * r + alpha * alpha * v
        })
        .collect();
    let mx = t.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !mx.is_finite() {
        return None;
    }
    for v in &mut t {
        *v = v.max(mx - LOG_FLOOR);
    }
    Some((t, alpha))
}

/// One evaluation of the Blahut–Arimoto map at log-weights `theta`.
struct Eval {
    p: Vec<f64>,
    /// `D(W(·|x) ‖ pW)` per input.
    d: Vec<f64>,
    /// `ln p_x`.
    lnp: Vec<f64>,
    lower: f64,
    upper: f64,
}

impl Channel {
    fn eval(&self, theta: &[f64]) -> Eval {
        let lse = logsumexp(theta);
        let lnp: Vec<f64> = theta.iter().map(|&t| t - lse).collect();
        let p: Vec<f64> = lnp.iter().map(|&l| l.exp()).collect();
        let mut q = vec![0.0; self.n];
        for (x, &px) in p.iter().enumerate() {
            if px > 0.0 {
                let row = &self.w[x * self.n..(x + 1) * self.n];
                for (qy, &wy) in q.iter_mut().zip(row) {
                    *qy += px * wy;
                }
            }
        }
        // q_y = 0 only by underflow (zero columns were dropped): ln of the smallest subnormal.
        let lnq: Vec<f64> = q
            .iter()
            .map(|&v| if v > 0.0 { v.ln() } else { -745.2 })
            .collect();
        let d: Vec<f64> = (0..self.m)
            .map(|x| self.neg_h[x] - dot(&self.w[x * self.n..(x + 1) * self.n], &lnq))
            .collect();
        let lower = crate::sum::sum(p.iter().zip(&d).map(|(&a, &b)| a * b));
        let upper = d.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Eval {
            p,
            d,
            lnp,
            lower,
            upper,
        }
    }

    /// The Blahut–Arimoto update `p_x ← p_x e^{D_x} / Σ`, in log-space.
    fn step(e: &Eval) -> Vec<f64> {
        let t: Vec<f64> = e.lnp.iter().zip(&e.d).map(|(&l, &d)| l + d).collect();
        let lse = logsumexp(&t);
        t.iter().map(|&v| v - lse).collect()
    }
}

/// Capacity of a discrete memoryless channel by the Blahut–Arimoto algorithm.
///
/// $$ C = \max_p I(p; W) = \max_p \sum_x p_x\, D\big(W(\cdot|x)\,\|\,pW\big) $$
///
/// `channel[[x, y]] = P(Y = y | X = x)`. The Blahut–Arimoto map is
/// `p_x ← p_x exp D(W(·|x) ‖ pW) / Σ`, from the uniform input. Every iterate certifies
///
/// $$ I(p; W) \le C \le \max_x D\big(W(\cdot|x)\,\|\,q\big) \quad\text{for every } q, $$
///
/// and the solver stops when, for some iterate `p`, the upper bound at `q = pW` minus the
/// lower bound `I(p; W)` is at most `params.rule.tolerance` nats (default 1e-12). The reported
/// capacity is that `I(p; W)`, with its input `p`; `gap` is the certificate.
///
/// With `params.accelerate` (the default) the iterates are extrapolated by SQUAREM (Varadhan &
/// Roland 2008, scheme S3) in log-space, `θ = ln p`, where the Blahut–Arimoto map is nearly
/// affine (inputs outside the optimal support decay geometrically). The step length is set by
/// the inputs within `e^3` of the most probable one and capped by an adaptive `|α| ≤ α_max`
/// (α_max starts at 1, ×4 after an accepted step at the cap, ÷4 after a rejection); an
/// extrapolated point is kept only if its `I(p; W)` is at least that of the cycle's start,
/// else the second plain iterate is used. On a random 256×256 channel (rows Dirichlet(0.3))
/// this cuts the iterations to a 1e-12 gap from about 15 000 to about 650. The bounds hold at any input, so
/// acceleration never weakens the certificate. Each evaluation of the map counts as one
/// iteration (a SQUAREM cycle is three). Sums of `p_x D_x` are compensated (Neumaier);
/// `0 · ln 0 = 0`; outputs that no input reaches are ignored.
///
/// # Errors
/// [`Error::Empty`] for a shape with a zero dimension; [`Error::NonFinite`],
/// [`Error::NegativeProbability`] (row-major index) or [`Error::NotNormalized`] (with `row`)
/// for a row that is not a probability vector; [`Error::InvalidParameter`] for a bad
/// stopping rule; [`Error::NotConverged`] if the gap is still above the tolerance after
/// `max_iterations`; [`Error::Cancelled`] when the [`CancelToken`](crate::cancel::CancelToken)
/// of the calling scope is cancelled (checked after every evaluation of the map).
///
/// # Examples
/// ```
/// use sanov::channels::{binary_symmetric, channel_capacity, CapacityOptions};
/// use sanov::Base;
/// let w = binary_symmetric(0.11)?;
/// let params = CapacityOptions { base: Base::Bits, ..CapacityOptions::default() };
/// let r = channel_capacity(w.view(), &params)?;
/// let h = -0.11 * 0.11f64.log2() - 0.89 * 0.89f64.log2();
/// assert!((r.capacity - (1.0 - h)).abs() < 1e-12);
/// assert!(r.gap <= 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// - R. Blahut, "Computation of channel capacity and rate-distortion functions", *IEEE Trans.
///   Inf. Theory* 18(4) (1972) 460–473.
/// - S. Arimoto, "An algorithm for computing the capacity of arbitrary discrete memoryless
///   channels", *IEEE Trans. Inf. Theory* 18(1) (1972) 14–20.
/// - Cover & Thomas, *Elements of Information Theory*, 2nd ed., §10.8.
/// - R. Varadhan, C. Roland, "Simple and globally convergent methods for accelerating the
///   convergence of any EM algorithm", *Scand. J. Statist.* 35 (2008) 335–353.
pub fn channel_capacity(
    channel: ArrayView2<'_, f64>,
    params: &CapacityOptions,
) -> Result<CapacityResult> {
    params.rule.validate()?;
    let ch = validate_channel(channel)?;
    let m = ch.m;
    // The evaluation with the smallest own gap `max_x D_x − I(p; W)`: its input is reported,
    // so the certificate (and the KKT conditions within it) hold for that input itself.
    let mut best_lower = 0.0;
    let mut best_gap = f64::INFINITY;
    let mut best_p = vec![1.0 / m as f64; m];
    let mut it = 0usize;
    let cancel = crate::cancel::Checker::current();
    // Records an evaluation; `Ok(true)` once converged.
    let mut track = |e: &Eval| -> Result<bool> {
        cancel.check()?;
        it += 1;
        let g = e.upper - e.lower;
        if g < best_gap {
            best_gap = g;
            best_lower = e.lower;
            best_p.clone_from(&e.p);
        }
        params.rule.check(it, best_gap)
    };
    let mut t0 = vec![-(m as f64).ln(); m];
    let mut step_max = 1.0;
    let mut e0 = ch.eval(&t0);
    let mut done = track(&e0)?;
    while !done {
        let t1 = Channel::step(&e0);
        let e1 = ch.eval(&t1);
        done = track(&e1)?;
        if done {
            break;
        }
        if !params.accelerate {
            (t0, e0) = (t1, e1);
            continue;
        }
        let t2 = Channel::step(&e1);
        if let Some((t, alpha)) = squarem(&t0, &t1, &t2, step_max) {
            let e = ch.eval(&t);
            done = track(&e)?;
            if done {
                break;
            }
            if e.lower >= e0.lower {
                if alpha <= -step_max {
                    step_max *= STEP_GROWTH;
                }
                (t0, e0) = (t, e);
                continue;
            }
            step_max = (step_max / STEP_GROWTH).max(1.0);
        }
        e0 = ch.eval(&t2);
        t0 = t2;
        done = track(&e0)?;
    }
    let gap = best_gap;
    Ok(CapacityResult {
        capacity: params.base.from_nats(best_lower),
        input_distribution: Array1::from(best_p),
        gap,
        diagnostics: Diagnostics {
            iterations: it,
            termination: Termination::Converged,
            certificate: gap,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn bsc_capacity() {
        let p: f64 = 0.1;
        let w = array![[1.0 - p, p], [p, 1.0 - p]];
        let r = channel_capacity(w.view(), &CapacityOptions::default()).unwrap();
        let h = -p * p.ln() - (1.0 - p) * (1.0 - p).ln();
        assert!((r.capacity - (2f64.ln() - h)).abs() < 1e-13);
    }

    #[test]
    fn acceleration_cuts_iterations() {
        // A channel whose optimal input leaves out a nearly useful input.
        let w = array![[0.6, 0.3, 0.1], [0.1, 0.3, 0.6], [0.34, 0.33, 0.33]];
        let slow = CapacityOptions {
            accelerate: false,
            ..CapacityOptions::default()
        };
        let a = channel_capacity(w.view(), &CapacityOptions::default()).unwrap();
        let b = channel_capacity(w.view(), &slow).unwrap();
        assert!((a.capacity - b.capacity).abs() < 2e-12);
        assert!(a.diagnostics.iterations < b.diagnostics.iterations);
    }
}
