//! The dual of the I-projection and its damped Newton solver (private).
//!
//! With centred features `g_k(x_i) = f_k(x_i) − t_k` the dual objective is
//! `A(λ) = ln Σ_i q_i exp(λ·g_i)`, whose gradient is `E_p[g]` and whose Hessian is `Cov_p[g]`
//! under `p_i = q_i exp(λ·g_i − A)`. One pass over the support evaluates all three.

use crate::linalg::dot;
use std::borrow::Cow;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::iterate::StoppingRule;
use crate::kernels::exp_in_place;
use crate::kernels::maxent::{moment_sums, MomentSums, CHUNK};
use crate::linalg::solve_psd;
use crate::Par;

/// Chunks at or above which the pass is split across threads (for `Par::Rayon`).
const PAR_MIN_CHUNKS: usize = 32;
/// Largest change of a scaled multiplier `λ_k s_k` in the first Newton step. The cap grows
/// ×[`STEP_GROWTH`] after every full capped step that the line search accepts as it is, and
/// falls back towards this value after a backtracking one, so that the distance to a far
/// optimum (`λ s ≈ 2e7` for a mean of 5 on the support `1..1e8`) is covered in a number of
/// steps logarithmic, not linear, in it.
const MAX_STEP: f64 = 1e4;
/// Growth of the step cap after an accepted full capped step.
const STEP_GROWTH: f64 = 4.0;
/// Armijo's sufficient-decrease constant.
const ARMIJO: f64 = 1e-4;
/// Above this many constraints the solver takes L-BFGS steps instead of exact Newton steps.
pub(super) const QUASI_NEWTON_MIN: usize = 16;
/// Pairs kept by L-BFGS.
const MEMORY: usize = 12;

/// The reduced problem: the features of the constraints still to solve, restricted to the
/// points still active, and `ln q` on those points (`None`: constant, added by the caller).
pub(super) struct Dual<'a> {
    pub rows: Vec<Cow<'a, [f64]>>,
    pub targets: Vec<f64>,
    pub ln_q: Option<Cow<'a, [f64]>>,
    pub par: Par,
}

/// One evaluation of the dual at `λ`.
pub(super) struct Eval {
    /// `ln Σ_i q_i exp(λ·g_i)` without the constant of a `None` `ln_q`.
    pub a: f64,
    /// `E_p[g_k]`: the constraint residuals.
    pub grad: Vec<f64>,
    /// `Cov_p[g]`, row-major `K×K` (empty when not asked for).
    pub hess: Vec<f64>,
    /// `max_i λ·g_i` over the active points (the separation test).
    pub max_lg: f64,
}

impl Dual<'_> {
    fn k(&self) -> usize {
        self.targets.len()
    }

    fn n(&self) -> usize {
        self.rows.first().map_or(0, |r| r.len())
    }

    /// The exponents `λ·g_i` (into `lg`) and `ln q_i + λ·g_i` (into `e`) of points `lo..lo+len`.
    fn exponents(&self, lam: &[f64], lo: usize, lg: &mut [f64], e: &mut [f64]) {
        let len = lg.len();
        lg.fill(0.0);
        for (k, row) in self.rows.iter().enumerate() {
            let (l, t) = (lam[k], self.targets[k]);
            for (o, &f) in lg.iter_mut().zip(&row[lo..lo + len]) {
                *o += l * (f - t);
            }
        }
        match &self.ln_q {
            Some(q) => {
                for ((o, &x), &lq) in e.iter_mut().zip(lg.iter()).zip(&q[lo..lo + len]) {
                    *o = x + lq;
                }
            }
            None => e.copy_from_slice(lg),
        }
    }

    fn chunk(&self, lam: &[f64], lo: usize, hi: usize, second: bool) -> MomentSums {
        let rows: Vec<&[f64]> = self.rows.iter().map(|r| &r[lo..hi]).collect();
        let ln_q = self.ln_q.as_ref().map(|q| &q[lo..hi]);
        moment_sums(&rows, &self.targets, lam, ln_q, second)
    }

    /// `A`, its gradient and Hessian at `λ`. Chunks are merged in order, so the result does
    /// not depend on the number of threads.
    /// The Hessian is left empty unless `second`.
    pub(super) fn eval(&self, lam: &[f64], second: bool) -> Eval {
        let (n, k) = (self.n(), self.k());
        let chunks = n.div_ceil(CHUNK);
        let run = |c: usize| self.chunk(lam, c * CHUNK, ((c + 1) * CHUNK).min(n), second);
        let parts: Vec<MomentSums> = match self.par {
            Par::Rayon(t) if t.get() > 1 && chunks >= PAR_MIN_CHUNKS => self.par.install(|| {
                (0..chunks)
                    .into_par_iter()
                    // About four pieces per thread (rayon splits a range only while both
                    // halves keep `min_len` items).
                    .with_min_len((chunks / (4 * t.get())).max(1))
                    .map(run)
                    .collect()
            }),
            _ => (0..chunks).map(run).collect(),
        };
        let m = parts.iter().map(|p| p.m).fold(f64::NEG_INFINITY, f64::max);
        let mut s0 = 0.0;
        let mut s1 = vec![0.0; k];
        let kk = if second { k * k } else { 0 };
        let mut s2 = vec![0.0; kk];
        let mut max_lg = f64::NEG_INFINITY;
        for p in &parts {
            let c = (p.m - m).exp();
            s0 += c * p.s0;
            for (o, v) in s1.iter_mut().zip(&p.s1) {
                *o += c * v;
            }
            for (o, v) in s2.iter_mut().zip(&p.s2) {
                *o += c * v;
            }
            max_lg = max_lg.max(p.max_lg);
        }
        let grad: Vec<f64> = s1.iter().map(|v| v / s0).collect();
        let mut hess = vec![0.0; kk];
        if second {
            for a in 0..k {
                for b in 0..k {
                    hess[a * k + b] = s2[a * k + b] / s0 - grad[a] * grad[b];
                }
            }
        }
        Eval {
            a: m + s0.ln(),
            grad,
            hess,
            max_lg,
        }
    }

    /// `p_i = exp(ln q_i + λ·g_i − a)` on the active points (`a` as in [`Eval::a`]).
    pub(super) fn distribution(&self, lam: &[f64], a: f64) -> Vec<f64> {
        let n = self.n();
        let mut p = vec![0.0; n];
        let mut lg = [0.0; CHUNK];
        for (c, out) in p.chunks_mut(CHUNK).enumerate() {
            let lg = &mut lg[..out.len()];
            self.exponents(lam, c * CHUNK, lg, out);
            // p_i ≤ 1, so v − a ≤ 0 up to the rounding of a, which the clamp removes.
            for v in out.iter_mut() {
                *v = (*v - a).min(0.0);
            }
            exp_in_place(out, Par::Seq);
        }
        p
    }
}

/// The converged multipliers and the dual's last evaluation.
pub(super) struct Solution {
    pub lam: Vec<f64>,
    pub eval: Eval,
    pub iterations: usize,
    pub residual: f64,
}

/// Minimises the dual by damped Newton steps in the scaled variables `λ_k s_k`
/// (`s_k = max_i |g_k(x_i)|`), with an Armijo backtracking line search; with more than
/// [`QUASI_NEWTON_MIN`] constraints, by L-BFGS steps instead (the exact Hessian costs
/// `O(nK²)` per pass, L-BFGS `O(nK)`; Nocedal & Wright, *Numerical Optimization*, 2nd ed.,
/// Algorithm 7.4, memory [`MEMORY`]).
///
/// Stops when `max_k |E_p[g_k]| / s_k ≤ tolerance`. Fails with [`Error::Infeasible`] as soon as
/// an iterate separates the targets from every active point (`max_i λ·g_i < 0`), and with
/// [`Error::NotConverged`] when the iterations run out or the line search stalls.
pub(super) fn newton(dual: &Dual<'_>, scales: &[f64], stopping: &StoppingRule) -> Result<Solution> {
    let k = dual.k();
    let cancel = crate::cancel::Checker::current();
    let quasi = k > QUASI_NEWTON_MIN;
    let mut lam = vec![0.0; k];
    let mut ev = dual.eval(&lam, !quasi);
    let residual = |ev: &Eval| {
        ev.grad
            .iter()
            .zip(scales)
            .map(|(g, s)| (g / s).abs())
            .fold(0.0, f64::max)
    };
    // L-BFGS memory of scaled steps and gradient changes.
    let mut history: std::collections::VecDeque<(Vec<f64>, Vec<f64>)> =
        std::collections::VecDeque::with_capacity(MEMORY);
    let mut it = 0;
    let mut max_step = MAX_STEP;
    loop {
        let rho = residual(&ev);
        // Separation: λ·f_i < λ·t for every active point proves t outside their convex hull.
        // The margin covers the rounding of λ·g_i (at most a few ulps of Σ|λ_k| s_k).
        let l1: f64 = lam.iter().zip(scales).map(|(l, s)| (l * s).abs()).sum();
        if ev.max_lg < -(64.0 * f64::EPSILON * (k as f64) * l1) {
            return Err(Error::Infeasible {
                reason: "the targets lie outside the convex hull of the feature vectors \
                         (the multipliers define a separating hyperplane)",
            });
        }
        cancel.check()?;
        if stopping.check(it, rho)? {
            return Ok(Solution {
                lam,
                eval: ev,
                iterations: it,
                residual: rho,
            });
        }
        it += 1;
        let gs: Vec<f64> = ev.grad.iter().zip(scales).map(|(g, s)| -g / s).collect();
        let mut ds = if quasi {
            lbfgs_direction(&history, &gs)
        } else {
            // Newton direction in the scaled variables.
            let mut hs = vec![0.0; k * k];
            for a in 0..k {
                for b in 0..k {
                    hs[a * k + b] = ev.hess[a * k + b] / (scales[a] * scales[b]);
                }
            }
            solve_psd(&hs, &gs)
        };
        let big = ds.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let capped = big > max_step;
        if capped {
            for v in &mut ds {
                *v *= max_step / big;
            }
        }
        let d: Vec<f64> = ds.iter().zip(scales).map(|(v, s)| v / s).collect();
        let slope: f64 = ev.grad.iter().zip(&d).map(|(g, d)| g * d).sum();
        let mut t = 1.0;
        loop {
            let trial: Vec<f64> = lam.iter().zip(&d).map(|(l, d)| l + t * d).collect();
            let tv = dual.eval(&trial, !quasi);
            cancel.check()?;
            let armijo = tv.a <= ev.a + ARMIJO * t * slope;
            // At rounding level A no longer resolves the decrease: accept a step that does
            // not raise A beyond rounding and reduces the residual.
            let flat =
                (tv.a - ev.a).abs() <= 1e-14 * ev.a.abs().max(1.0) && residual(&tv) < residual(&ev);
            if armijo || flat {
                if quasi {
                    // s = t ds and y = ∇A_new − ∇A_old, both scaled.
                    let s: Vec<f64> = ds.iter().map(|v| t * v).collect();
                    let y: Vec<f64> = tv
                        .grad
                        .iter()
                        .zip(&ev.grad)
                        .zip(scales)
                        .map(|((a, b), sc)| (a - b) / sc)
                        .collect();
                    if dot(&s, &y) > 0.0 {
                        if history.len() == MEMORY {
                            history.pop_front();
                        }
                        history.push_back((s, y));
                    }
                }
                lam = trial;
                ev = tv;
                if capped && t == 1.0 {
                    max_step *= STEP_GROWTH;
                } else if t < 1.0 {
                    max_step = (max_step / STEP_GROWTH).max(MAX_STEP);
                }
                break;
            }
            t *= 0.5;
            if t < 1e-20 {
                return Err(Error::NotConverged {
                    iterations: it,
                    residual: rho,
                });
            }
        }
    }
}

/// The L-BFGS direction `−H g` from the two-loop recursion over `(s, y)` pairs (oldest first),
/// with the initial Hessian `γ I`, `γ = sᵀy / yᵀy` of the newest pair; `neg_grad = −g`. With no
/// pair yet, the steepest-descent direction scaled to a unit largest component.
fn lbfgs_direction(
    history: &std::collections::VecDeque<(Vec<f64>, Vec<f64>)>,
    neg_grad: &[f64],
) -> Vec<f64> {
    let mut q = neg_grad.to_vec();
    let Some((s_new, y_new)) = history.back() else {
        let big = q.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if big > 0.0 {
            for v in &mut q {
                *v /= big;
            }
        }
        return q;
    };
    let mut alpha = Vec::with_capacity(history.len());
    for (s, y) in history.iter().rev() {
        let a = dot(s, &q) / dot(y, s);
        for (qi, yi) in q.iter_mut().zip(y) {
            *qi -= a * yi;
        }
        alpha.push(a);
    }
    let gamma = dot(s_new, y_new) / dot(y_new, y_new);
    for v in &mut q {
        *v *= gamma;
    }
    for ((s, y), a) in history.iter().zip(alpha.iter().rev()) {
        let b = dot(y, &q) / dot(y, s);
        for (qi, si) in q.iter_mut().zip(s) {
            *qi += (a - b) * si;
        }
    }
    q
}
