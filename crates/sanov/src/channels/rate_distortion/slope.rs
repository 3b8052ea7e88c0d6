//! The search on the slope `β` for the target distortion: brackets, mixtures of the two
//! bracketing test channels, and the certified stopping rule.

use ndarray::{Array1, Array2, ArrayView2};

use super::solver::{Budget, Point, Problem, Slope, Upper, POLISH_WIDTH};
use super::{RateDistortionOptions, RateDistortionResult};
use crate::error::{Error, Result};
use crate::iterate::{Diagnostics, Termination};

/// The rate–distortion function `R(D)` of a discrete memoryless source, by Blahut's
/// parametric method with a certified gap.
///
/// $$ R(D) = \min_{Q(\hat x|x):\ \sum_x p(x) \sum_{\hat x} Q(\hat x|x)\, d(x,\hat x) \le D}
///    I(X; \hat X) $$
///
/// `source[x] = p(x)`, `distortion[[x, x̂]] = d(x, x̂)` (any real, `+∞` forbids the pair). Write
/// `D_min = Σ_x p(x) min_x̂ d(x, x̂)` and `D_max = min_x̂ Σ_x p(x) d(x, x̂)`:
/// - `D < D_min` is [`Error::Infeasible`]; `D ≥ D_max` gives `R(D) = 0` exactly (the constant
///   reproduction `argmin_x̂ Σ_x p(x) d(x, x̂)`).
/// - In between, `R(D) = max_{β ≥ 0} [G(β) − βD]` with `G(β) = min_Q I + β E d` (Cover & Thomas
///   §10.8), and `G(β) = min_q F(q)`, `F(q) = −Σ_x p(x) ln Σ_x̂ q(x̂) e^{−βd(x,x̂)}` over
///   reproduction laws `q` (Blahut 1972). With
///   `c(x̂) = Σ_x p(x) e^{−βd(x,x̂)} / Σ_{x̂'} q(x̂') e^{−βd(x,x̂')}`, every `q` certifies
///   `R(D) ≥ −βD − Σ_x p(x) ln Σ_x̂ q(x̂) e^{−βd(x,x̂)} − max_x̂ ln c(x̂)`.
///   The slope is located by safeguarded regula falsi on `ln β` (the test channel's distortion
///   decreases in `β`); the upper bound is `I` of the mixture `θQ_1 + (1−θ)Q_2` of the test
///   channels at the bracketing slopes whose distortion is exactly `D` (`I` is convex in `Q`),
///   which is also exact on the straight segments of the curve.
/// - `D = D_min` is the limit `β → ∞`: only per-row minimal distortions are allowed.
///
/// The solver stops when upper minus lower bound is at most `params.rule.tolerance` nats; the
/// reported rate is the upper bound, `I` of the reported test channel. Each slope's `F` is
/// minimised by projected Newton steps on the simplex (Bertsekas 1982), with Blahut's
/// multiplicative step `q ← q c` as a monotone fallback: Blahut's iteration alone converges
/// linearly, and very slowly when the kernels `e^{−βd(x,·)}` overlap. Near a kink of `G` (a
/// straight segment of `R`) the lower bound is maximised over the slope for fixed `q` by golden
/// section. Kernels are shifted per row (`d − min_x̂ d`) so no exponential underflows wholesale
/// at large `β`. Sums are compensated (Neumaier); `0 · ln 0 = 0`, `0 · ∞ = 0`.
///
/// # Errors
/// [`Error::Empty`], [`Error::NonFinite`], [`Error::NegativeProbability`] or
/// [`Error::NotNormalized`] for a bad `source`; [`Error::ShapeMismatch`] unless `distortion` has
/// one row per source symbol; [`Error::Empty`] for no columns; [`Error::NonFinite`] for a NaN or
/// `−∞` distortion; [`Error::InvalidParameter`] for a NaN `d` or a bad stopping rule;
/// [`Error::Infeasible`] if `d < D_min` or a row is `+∞` everywhere; [`Error::NotConverged`] if
/// the gap is above the tolerance after `max_iterations` inner iterations.
///
/// # Examples
/// A uniform source on 4 symbols under Hamming distortion has
/// `R(D) = ln 4 − h(D) − D ln 3` for `D ≤ 3/4` (the equiprobable `m`-ary source has
/// `ln m − h(D) − D ln(m−1)`):
/// ```
/// use ndarray::Array2;
/// use sanov::channels::{rate_distortion, RateDistortionOptions};
/// let hamming = Array2::from_shape_fn((4, 4), |(i, j)| if i == j { 0.0 } else { 1.0 });
/// let r = rate_distortion(&[0.25; 4], hamming.view(), 0.1, &RateDistortionOptions::default())?;
/// let h = -0.1 * 0.1f64.ln() - 0.9 * 0.9f64.ln();
/// assert!((r.rate - (4f64.ln() - h - 0.1 * 3f64.ln())).abs() < 1e-11);
/// assert!(r.gap <= 1e-12 && (r.distortion - 0.1).abs() < 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// - R. Blahut, "Computation of channel capacity and rate-distortion functions", *IEEE Trans.
///   Inf. Theory* 18(4) (1972) 460–473.
/// - Cover & Thomas, *Elements of Information Theory*, 2nd ed., §10.8 and Theorem 10.3.1.
/// - D. P. Bertsekas, "Projected Newton methods for optimization problems with simple
///   constraints", *SIAM J. Control Optim.* 20(2) (1982) 221–246.
pub fn rate_distortion(
    source: &[f64],
    distortion: ArrayView2<'_, f64>,
    d: f64,
    params: &RateDistortionOptions,
) -> Result<RateDistortionResult> {
    params.rule.validate()?;
    let pb = Problem::new(source, distortion)?;
    if d.is_nan() {
        return Err(Error::InvalidParameter {
            name: "d",
            value: d,
            expected: "a distortion, not NaN",
        });
    }
    if d < pb.d_min {
        return Err(Error::Infeasible {
            reason: "the distortion is below D_min = sum_x p(x) min_xhat d(x, xhat)",
        });
    }
    let (m, n) = (pb.m, pb.n);
    let tol = params.rule.tolerance;
    if d >= pb.d_max {
        let mut channel = vec![0.0; m * n];
        for x in 0..m {
            channel[x * n + pb.arg_max] = 1.0;
        }
        let mut out = vec![0.0; n];
        out[pb.arg_max] = 1.0;
        return Ok(finish(
            &pb,
            params,
            Upper {
                rate: 0.0,
                dist: pb.d_max,
                channel,
                out,
                beta: Slope::Finite(0.0),
            },
            0.0,
            Diagnostics {
                iterations: 0,
                termination: Termination::Exact,
                certificate: 0.0,
            },
        ));
    }
    let mut budget = Budget {
        used: 0,
        max: params.rule.max_iterations,
        cancel: crate::cancel::Checker::current(),
    };
    let uniform = vec![1.0 / n as f64; n];
    let solve =
        |beta: Slope, q: Vec<f64>, budget: &mut Budget| pb.solve(beta, q, d, tol / 4.0, budget);
    let upper_of = |pt: &Point| Upper {
        rate: pb.information(&pt.channel, &pt.out),
        dist: pt.dist,
        channel: pt.channel.clone(),
        out: pt.out.clone(),
        beta: pt.beta,
    };
    if d == pb.d_min {
        let pt = solve(Slope::Infinite, uniform, &mut budget);
        let up = upper_of(&pt);
        let gap = up.rate - pt.lower;
        // (the slope reported is +∞, from `pt.beta`)
        budget.cancel.check()?;
        params.rule.check(budget.used, gap)?;
        return Ok(finish(&pb, params, up, gap, converged(budget.used, gap)));
    }
    let mut lower = f64::NEG_INFINITY;
    let mut slope = Slope::Finite(0.0);
    let mut best: Option<Upper> = None;
    let record = |pt: &Point, lower: &mut f64, slope: &mut Slope, best: &mut Option<Upper>| {
        if pt.lower > *lower {
            (*lower, *slope) = (pt.lower, pt.beta);
        }
        if pt.dist <= d {
            let up = upper_of(pt);
            if best.as_ref().is_none_or(|b| up.rate < b.rate) {
                *best = Some(up);
            }
        }
    };
    // Bracket the slope: `lo` with distortion > D (smaller β), `hi` with distortion ≤ D;
    // then regula falsi (Illinois) on ln β between them, with mixtures as upper bounds.
    let spread = pb.d_max - pb.d_min;
    let beta0 = if spread.is_finite() && spread > 0.0 {
        1.0 / spread
    } else {
        1.0
    };
    let (mut lo, mut hi): (Option<Point>, Option<Point>) = (None, None);
    let (mut wlo, mut whi, mut side) = (1.0, 1.0, 0i8);
    let (mut grow, mut verified) = (0u32, false);
    let mut gap = f64::INFINITY;
    loop {
        let (beta, start) = match (&lo, &hi) {
            (None, None) => (Slope::Finite(beta0), uniform.clone()),
            // Growing β by 4 from β0 forty times reaches distortions within e^{-4^40 β0 Δ} of
            // D_min; past that only the limit β → ∞ gets below D.
            (Some(l), None) if grow < 40 => (l.beta.times(4.0), l.q.clone()),
            (Some(l), None) => (Slope::Infinite, l.q.clone()),
            (None, Some(h)) if grow < 40 => (h.beta.times(0.25), h.q.clone()),
            (None, Some(_)) => {
                // Only smaller slopes were tried, down to 4^-40 β0: the curve is flat here.
                return Err(Error::NotConverged {
                    iterations: budget.used,
                    residual: gap,
                });
            }
            (Some(l), Some(h)) => {
                let collapsed = match (l.beta, h.beta) {
                    (Slope::Finite(bl), Slope::Finite(bh)) => {
                        (bh.ln() - bl.ln()).abs() <= 64.0 * f64::EPSILON * bh.ln().abs().max(1.0)
                    }
                    _ => false,
                };
                if collapsed {
                    if verified {
                        return Err(Error::NotConverged {
                            iterations: budget.used,
                            residual: gap,
                        });
                    }
                    // A loose inner solve may have put an end on the wrong side of D: re-solve
                    // both ends tightly and re-bracket from them.
                    verified = true;
                    let l = lo.take().expect("bracketed");
                    let h = hi.take().expect("bracketed");
                    for end in [l, h] {
                        let pt = solve(end.beta, end.q, &mut budget);
                        record(&pt, &mut lower, &mut slope, &mut best);
                        place(pt, d, &mut lo, &mut hi);
                    }
                    (grow, side, wlo, whi) = (0, 0, 1.0, 1.0);
                    continue;
                }
                let next = match (l.beta, h.beta) {
                    (Slope::Finite(bl), Slope::Finite(bh)) => {
                        let (ul, uh) = (bl.ln(), bh.ln());
                        let (fl, fh) = (wlo * (l.dist - d), whi * (h.dist - d));
                        let mut u = ul + fl / (fl - fh) * (uh - ul);
                        if !(u > ul && u < uh) {
                            u = 0.5 * (ul + uh);
                        }
                        Slope::Finite(u.exp())
                    }
                    (Slope::Finite(bl), Slope::Infinite) => Slope::Finite(bl * 4.0),
                    _ => unreachable!("lo has a finite slope"),
                };
                let near = if l.dist - d < d - h.dist { l } else { h };
                (next, near.q.clone())
            }
        };
        if lo.is_none() || hi.is_none() {
            grow += 1;
        }
        let pt = solve(beta, start, &mut budget);
        record(&pt, &mut lower, &mut slope, &mut best);
        let was_bracketed = lo.is_some() && hi.is_some();
        let went_low = pt.dist > d;
        place(pt, d, &mut lo, &mut hi);
        if was_bracketed {
            // Illinois: halve the weight of an end that stays put twice in a row.
            if went_low {
                if side == -1 {
                    whi *= 0.5;
                }
                (side, wlo) = (-1, 1.0);
            } else {
                if side == 1 {
                    wlo *= 0.5;
                }
                (side, whi) = (1, 1.0);
            }
        }
        if let (Some(l), Some(h)) = (&lo, &hi) {
            if let Some(up) = mixture(&pb, l, h, d) {
                if best.as_ref().is_none_or(|b| up.rate < b.rate) {
                    best = Some(up);
                }
            }
        }
        let previous = gap;
        gap = best.as_ref().map_or(f64::INFINITY, |b| b.rate - lower);
        if let (Some(l), Some(h)) = (&lo, &hi) {
            if let (Slope::Finite(bl), Slope::Finite(bh)) = (l.beta, h.beta) {
                // A kink: the slope is pinned but the gap stalls.
                let narrow = bh.ln() - bl.ln() <= POLISH_WIDTH * bh.ln().abs().max(1.0);
                if narrow && gap > tol && gap > 0.5 * previous && previous.is_finite() {
                    let mid: Vec<f64> =
                        l.q.iter().zip(&h.q).map(|(&a, &b)| 0.5 * (a + b)).collect();
                    let (bound, beta, used) = pb.polish(bl, bh, &[&l.q, &h.q, &mid], d);
                    budget.used += used;
                    if bound > lower {
                        (lower, slope) = (bound, Slope::Finite(beta));
                        gap = best.as_ref().map_or(f64::INFINITY, |b| b.rate - lower);
                    }
                }
            }
        }
        budget.cancel.check()?;
        if params.rule.check(budget.used, gap)? {
            let mut up = best.expect("a finite gap has an upper bound");
            up.beta = slope;
            return Ok(finish(&pb, params, up, gap, converged(budget.used, gap)));
        }
        if budget.exhausted() {
            return Err(Error::NotConverged {
                iterations: budget.used,
                residual: gap,
            });
        }
    }
}

/// Files a solved point as the low-slope end (distortion above `d`) or the high-slope end,
/// keeping for each end the slope nearest the other.
pub(super) fn place(pt: Point, d: f64, lo: &mut Option<Point>, hi: &mut Option<Point>) {
    if pt.dist > d {
        if lo
            .as_ref()
            .is_none_or(|l| pt.beta.value() >= l.beta.value())
        {
            *lo = Some(pt);
        }
    } else if hi
        .as_ref()
        .is_none_or(|h| pt.beta.value() <= h.beta.value())
    {
        *hi = Some(pt);
    }
}

impl Slope {
    pub(super) fn value(self) -> f64 {
        match self {
            Slope::Finite(b) => b,
            Slope::Infinite => f64::INFINITY,
        }
    }

    pub(super) fn times(self, f: f64) -> Slope {
        match self {
            Slope::Finite(b) => Slope::Finite(b * f),
            Slope::Infinite => Slope::Infinite,
        }
    }
}

/// The upper bound of the mixture of two test channels whose distortion is exactly `d`.
pub(super) fn mixture(pb: &Problem, lo: &Point, hi: &Point, d: f64) -> Option<Upper> {
    if !(lo.dist > d && hi.dist <= d) {
        return None;
    }
    let theta = (lo.dist - d) / (lo.dist - hi.dist);
    let channel: Vec<f64> = lo
        .channel
        .iter()
        .zip(&hi.channel)
        .map(|(&a, &b)| (1.0 - theta) * a + theta * b)
        .collect();
    let out: Vec<f64> = lo
        .out
        .iter()
        .zip(&hi.out)
        .map(|(&a, &b)| (1.0 - theta) * a + theta * b)
        .collect();
    Some(Upper {
        rate: pb.information(&channel, &out),
        dist: pb.distortion_of(&channel),
        channel,
        out,
        beta: if theta < 0.5 { lo.beta } else { hi.beta }, // replaced by the certifying slope
    })
}

pub(super) fn converged(iterations: usize, gap: f64) -> Diagnostics {
    Diagnostics {
        iterations,
        termination: Termination::Converged,
        certificate: gap,
    }
}

pub(super) fn finish(
    pb: &Problem,
    params: &RateDistortionOptions,
    up: Upper,
    gap: f64,
    diagnostics: Diagnostics,
) -> RateDistortionResult {
    RateDistortionResult {
        rate: params.base.from_nats(up.rate),
        distortion: up.dist,
        test_channel: Array2::from_shape_vec((pb.m, pb.n), up.channel).expect("m × n entries"),
        output_distribution: Array1::from(up.out),
        slope: up.beta.value(),
        gap,
        diagnostics,
    }
}
