//! The dual of the I-projection and its damped Newton solver (private).
//!
//! With centred features `g_k(x_i) = f_k(x_i) − t_k` the dual objective is
//! `A(λ) = ln Σ_i q_i exp(λ·g_i)`, whose gradient is `E_p[g]` and whose Hessian is `Cov_p[g]`
//! under `p_i = q_i exp(λ·g_i − A)`. One pass over the support evaluates all three.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::iterate::StoppingRule;
use crate::linalg::solve_psd;
use crate::Par;

/// Points per chunk: the chunk's exponents and weights stay in L1.
const CHUNK: usize = 2048;
/// Chunks at or above which the pass is split across threads (for `Par::Rayon`).
const PAR_MIN_CHUNKS: usize = 32;
/// Largest change of a scaled multiplier `λ_k s_k` in one Newton step.
const MAX_STEP: f64 = 1e4;
/// Armijo's sufficient-decrease constant.
const ARMIJO: f64 = 1e-4;

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
    /// `Cov_p[g]`, row-major `K×K`.
    pub hess: Vec<f64>,
    /// `max_i λ·g_i` over the active points (the separation test).
    pub max_lg: f64,
}

/// `e^x` for `x ≤ 0` (NaN-free input), branch-free so that loops over it vectorise.
///
/// Cody–Waite reduction `x = k ln 2 + r`, `|r| ≤ ln 2 / 2`, with `k` rounded by the
/// `1.5·2^52` trick; `e^r` by its Taylor polynomial of degree 13 (truncation below
/// `0.35^14/14! ≈ 4e-18`), Horner; `2^k` applied as two normal factors `2^{⌊k/2⌋} 2^{⌈k/2⌉}`,
/// so that subnormal results are rounded correctly and `x < −745.2` gives 0. Accurate to a few
/// ulps (checked against `f64::exp` in the tests).
#[inline(always)]
fn exp_nonpositive(x: f64) -> f64 {
    const MAGIC: f64 = 6_755_399_441_055_744.0; // 1.5 · 2^52
    const LN2_HI: f64 = 6.931_471_803_691_238_164_9e-1;
    const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
    // Taylor coefficients 1/n!, n = 13 down to 2.
    const C: [f64; 12] = [
        1.0 / 6_227_020_800.0,
        1.0 / 479_001_600.0,
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
    ];
    let x = x.max(-746.0);
    let kf = (x * core::f64::consts::LOG2_E + MAGIC) - MAGIC;
    let r = (x - kf * LN2_HI) - kf * LN2_LO;
    let mut poly = C[0];
    for c in &C[1..] {
        poly = poly * r + c;
    }
    let er = (poly * r + 1.0) * r + 1.0;
    // k = k1 + k2 with k1 = ⌊k/2⌋: both in the normal exponent range for k ≥ −1077.
    let k1 = ((kf * 0.5 - 0.25) + MAGIC) - MAGIC;
    let k2 = kf - k1;
    let pow2 = |j: f64| f64::from_bits(((j + 1023.0 + MAGIC).to_bits() - MAGIC.to_bits()) << 52);
    er * pow2(k1) * pow2(k2)
}

/// `Σ_{i<n} term(i)` with four interleaved accumulators, so that the loop vectorises.
#[inline(always)]
fn sum4(n: usize, term: impl Fn(usize) -> f64) -> f64 {
    let mut acc = [0.0; 4];
    let full = n - n % 4;
    let mut i = 0;
    while i < full {
        for (j, a) in acc.iter_mut().enumerate() {
            *a += term(i + j);
        }
        i += 4;
    }
    let mut tail = 0.0;
    for j in full..n {
        tail += term(j);
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// The largest element (`−∞` for none), four lanes at a time.
#[inline(always)]
fn max4(x: &[f64]) -> f64 {
    let mut acc = [f64::NEG_INFINITY; 4];
    let mut it = x.chunks_exact(4);
    for c in &mut it {
        for (a, &v) in acc.iter_mut().zip(c) {
            *a = if v > *a { v } else { *a };
        }
    }
    let m = it
        .remainder()
        .iter()
        .fold(f64::NEG_INFINITY, |a, &v| if v > a { v } else { a });
    acc.iter().fold(m, |a, &v| if v > a { v } else { a })
}

/// Per-chunk sums, relative to the chunk's own maximal exponent `m`.
struct Partial {
    m: f64,
    max_lg: f64,
    s0: f64,
    s1: Vec<f64>,
    s2: Vec<f64>,
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

    fn chunk(&self, lam: &[f64], lo: usize, hi: usize) -> Partial {
        let k = self.k();
        let len = hi - lo;
        let mut lg = [0.0; CHUNK];
        let mut e = [0.0; CHUNK];
        let (lg, e) = (&mut lg[..len], &mut e[..len]);
        self.exponents(lam, lo, lg, e);
        let max_lg = max4(lg);
        let m = max4(e);
        // Weights, in place of the exponents.
        for v in e.iter_mut() {
            *v = exp_nonpositive(*v - m);
        }
        let w = &*e;
        let s0 = sum4(w.len(), |i| w[i]);
        let mut s1 = vec![0.0; k];
        let mut s2 = vec![0.0; k * k];
        for a in 0..k {
            let (ra, ta) = (&self.rows[a][lo..hi], self.targets[a]);
            s1[a] = sum4(len, |i| w[i] * (ra[i] - ta));
            for b in 0..=a {
                let (rb, tb) = (&self.rows[b][lo..hi], self.targets[b]);
                let v = sum4(len, |i| w[i] * (ra[i] - ta) * (rb[i] - tb));
                s2[a * k + b] = v;
                s2[b * k + a] = v;
            }
        }
        Partial {
            m,
            max_lg,
            s0,
            s1,
            s2,
        }
    }

    /// `A`, its gradient and Hessian at `λ`. Chunks are merged in order, so the result does
    /// not depend on the number of threads.
    pub(super) fn eval(&self, lam: &[f64]) -> Eval {
        let (n, k) = (self.n(), self.k());
        let chunks = n.div_ceil(CHUNK);
        let run = |c: usize| self.chunk(lam, c * CHUNK, ((c + 1) * CHUNK).min(n));
        let parts: Vec<Partial> = match self.par {
            Par::Rayon(t) if t.get() > 1 && chunks >= PAR_MIN_CHUNKS => (0..chunks)
                .into_par_iter()
                .with_min_len(chunks.div_ceil(t.get()))
                .map(run)
                .collect(),
            _ => (0..chunks).map(run).collect(),
        };
        let m = parts.iter().map(|p| p.m).fold(f64::NEG_INFINITY, f64::max);
        let mut s0 = 0.0;
        let mut s1 = vec![0.0; k];
        let mut s2 = vec![0.0; k * k];
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
        let mut hess = vec![0.0; k * k];
        for a in 0..k {
            for b in 0..k {
                hess[a * k + b] = s2[a * k + b] / s0 - grad[a] * grad[b];
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
                *v = exp_nonpositive((*v - a).min(0.0));
            }
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
/// (`s_k = max_i |g_k(x_i)|`), with an Armijo backtracking line search.
///
/// Stops when `max_k |E_p[g_k]| / s_k ≤ tolerance`. Fails with [`Error::Infeasible`] as soon as
/// an iterate separates the targets from every active point (`max_i λ·g_i < 0`), and with
/// [`Error::NotConverged`] when the iterations run out or the line search stalls.
pub(super) fn newton(dual: &Dual<'_>, scales: &[f64], stopping: &StoppingRule) -> Result<Solution> {
    let k = dual.k();
    let mut lam = vec![0.0; k];
    let mut ev = dual.eval(&lam);
    let residual = |ev: &Eval| {
        ev.grad
            .iter()
            .zip(scales)
            .map(|(g, s)| (g / s).abs())
            .fold(0.0, f64::max)
    };
    let mut it = 0;
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
        if stopping.check(it, rho)? {
            return Ok(Solution {
                lam,
                eval: ev,
                iterations: it,
                residual: rho,
            });
        }
        it += 1;
        // Newton direction in the scaled variables.
        let mut hs = vec![0.0; k * k];
        for a in 0..k {
            for b in 0..k {
                hs[a * k + b] = ev.hess[a * k + b] / (scales[a] * scales[b]);
            }
        }
        let gs: Vec<f64> = ev.grad.iter().zip(scales).map(|(g, s)| -g / s).collect();
        let mut ds = solve_psd(&hs, &gs);
        let big = ds.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if big > MAX_STEP {
            for v in &mut ds {
                *v *= MAX_STEP / big;
            }
        }
        let d: Vec<f64> = ds.iter().zip(scales).map(|(v, s)| v / s).collect();
        let slope: f64 = ev.grad.iter().zip(&d).map(|(g, d)| g * d).sum();
        let mut t = 1.0;
        loop {
            let trial: Vec<f64> = lam.iter().zip(&d).map(|(l, d)| l + t * d).collect();
            let tv = dual.eval(&trial);
            let armijo = tv.a <= ev.a + ARMIJO * t * slope;
            // At rounding level A no longer resolves the decrease: accept a step that does
            // not raise A beyond rounding and reduces the residual.
            let flat =
                (tv.a - ev.a).abs() <= 1e-14 * ev.a.abs().max(1.0) && residual(&tv) < residual(&ev);
            if armijo || flat {
                lam = trial;
                ev = tv;
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

#[cfg(test)]
mod tests {
    use super::exp_nonpositive;

    #[test]
    fn fast_exp_matches_std() {
        let mut worst = 0.0f64;
        let mut x = 0.0;
        while x > -745.0 {
            let (a, b) = (exp_nonpositive(x), x.exp());
            if b > f64::MIN_POSITIVE {
                worst = worst.max(((a - b) / b).abs());
            } else {
                assert!((a - b).abs() <= 2.0 * 5e-324, "x = {x}: {a} vs {b}");
            }
            x -= 0.0137;
        }
        assert!(
            worst <= 4.0 * f64::EPSILON,
            "worst relative error {worst:e}"
        );
        assert_eq!(exp_nonpositive(0.0), 1.0);
        assert_eq!(exp_nonpositive(-1e300), 0.0);
        assert_eq!(exp_nonpositive(f64::NEG_INFINITY), 0.0);
    }
}
