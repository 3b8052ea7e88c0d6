//! Blahut's alternating minimisation at one slope, with certified bounds on `R(D)`: the
//! problem, its evaluations and the upper bound of a test channel.

use ndarray::ArrayView2;

use crate::error::{Error, Result};
use crate::linalg::{dot, solve_psd};
use crate::special::logsumexp_unchecked as logsumexp;
use crate::sum::{sum, Neumaier};
use crate::validate::check_probability_vector;

/// Laws at or below this fraction of the largest, with a gradient pushing them out, are fixed
/// at 0 in a projected Newton step.
pub(super) const BINDING: f64 = 1e-12;

/// Smallest Levenberg–Marquardt damping of the inner Newton steps, relative to the largest
/// diagonal entry of the Hessian.
pub(super) const MIN_DAMPING: f64 = 1e-14;

/// Golden-section steps of [`Problem::polish`] (each shrinks the slope interval by 0.618).
pub(super) const POLISH_STEPS: usize = 60;

/// Relative width of the `ln β` bracket below which a stalled gap is taken for a kink of `G`
/// and the lower bound is polished.
pub(super) const POLISH_WIDTH: f64 = 1e-6;

/// A validated rate–distortion problem.
pub(super) struct Problem {
    pub(super) m: usize,
    pub(super) n: usize,
    pub(super) p: Vec<f64>,
    /// Row-major `d(x, x̂)`, `+∞` allowed.
    pub(super) d: Vec<f64>,
    /// `min_x̂ d(x, x̂)` per row.
    pub(super) dmin: Vec<f64>,
    /// `Σ_x p(x) dmin(x)`.
    pub(super) d_min: f64,
    /// `min_x̂ Σ_x p(x) d(x, x̂)` over the rows with `p(x) > 0`, and its argmin.
    pub(super) d_max: f64,
    pub(super) arg_max: usize,
}

/// The slope parameter of one Blahut problem.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Slope {
    Finite(f64),
    /// `β → ∞`: only the per-row minimal distortions are allowed.
    Infinite,
}

/// Blahut's quantities at one reproduction law `q`.
pub(super) struct Eval {
    /// `−Σ_x p(x) ln Z_x` with `Z_x = Σ_x̂ q(x̂) K(x, x̂)` and the row-shifted kernel
    /// `K = e^{−β(d − dmin)}`: the objective (smaller is better).
    pub(super) neg_lnz: f64,
    /// `max_x̂ ln c(x̂) ≥ 0` with `c(x̂) = Σ_x p(x) K(x, x̂) / Z_x` (minus the objective's
    /// gradient): the gap between the upper and lower bounds on `G(β)`.
    pub(super) gap: f64,
}

/// A solved slope: the bound on `R(D)` it certifies and its test channel.
pub(super) struct Point {
    pub(super) beta: Slope,
    /// `β(D_min − D) − Σ p ln Z − max ln c`: a lower bound on `R(D)` (valid for any `q`).
    pub(super) lower: f64,
    /// Expected distortion of the test channel.
    pub(super) dist: f64,
    /// `Q(x̂|x)`, row-major.
    pub(super) channel: Vec<f64>,
    /// `Σ_x p(x) Q(·|x)`.
    pub(super) out: Vec<f64>,
    /// The reproduction law `q` at which it was computed (a warm start for nearby slopes).
    pub(super) q: Vec<f64>,
}

impl Problem {
    pub(super) fn new(source: &[f64], distortion: ArrayView2<'_, f64>) -> Result<Self> {
        check_probability_vector("source", source)?;
        let (rows, n) = distortion.dim();
        let m = source.len();
        if rows != m {
            return Err(Error::ShapeMismatch {
                arg: "distortion",
                expected: vec![m, n],
                found: vec![rows, n],
            });
        }
        if n == 0 {
            return Err(Error::Empty { arg: "distortion" });
        }
        let d: Vec<f64> = distortion.iter().copied().collect();
        if let Some((index, &value)) = d
            .iter()
            .enumerate()
            .find(|(_, v)| v.is_nan() || **v == f64::NEG_INFINITY)
        {
            return Err(Error::NonFinite {
                arg: "distortion",
                index,
                value,
            });
        }
        let dmin: Vec<f64> = d
            .chunks_exact(n)
            .map(|row| row.iter().copied().fold(f64::INFINITY, f64::min))
            .collect();
        if dmin.iter().any(|v| v.is_infinite()) {
            return Err(Error::Infeasible {
                reason: "a source symbol has infinite distortion to every reproduction symbol",
            });
        }
        let d_min = sum(source.iter().zip(&dmin).map(|(&p, &v)| p * v));
        let (mut d_max, mut arg_max) = (f64::INFINITY, 0);
        for j in 0..n {
            let col = sum((0..m)
                .filter(|&x| source[x] > 0.0)
                .map(|x| source[x] * d[x * n + j]));
            if col < d_max {
                (d_max, arg_max) = (col, j);
            }
        }
        Ok(Self {
            m,
            n,
            p: source.to_vec(),
            d,
            dmin,
            d_min,
            d_max,
            arg_max,
        })
    }

    /// `ln K(x, x̂)` for the row-shifted kernel.
    #[inline]
    pub(super) fn ln_kernel(&self, beta: Slope, x: usize, j: usize) -> f64 {
        let dd = self.d[x * self.n + j] - self.dmin[x];
        match beta {
            Slope::Finite(b) if dd.is_finite() => -b * dd,
            Slope::Infinite if dd == 0.0 => 0.0,
            Slope::Finite(_) | Slope::Infinite => f64::NEG_INFINITY,
        }
    }

    /// Blahut's quantities at the law `q` (log-domain, so that no `Z_x` underflows).
    pub(super) fn eval(&self, beta: Slope, q: &[f64]) -> Eval {
        let (m, n) = (self.m, self.n);
        let lnq: Vec<f64> = q.iter().map(|&v| v.ln()).collect();
        let mut a = vec![0.0; n];
        let mut c = vec![0.0; n];
        let mut neg_lnz = Neumaier::default();
        let mut lnk = vec![0.0; n];
        for x in (0..m).filter(|&x| self.p[x] > 0.0) {
            for (j, (aj, kj)) in a.iter_mut().zip(&mut lnk).enumerate() {
                *kj = self.ln_kernel(beta, x, j);
                *aj = lnq[j] + *kj;
            }
            let z = logsumexp(&a);
            neg_lnz.add(-self.p[x] * z);
            for (cj, &kj) in c.iter_mut().zip(&lnk) {
                *cj += self.p[x] * (kj - z).exp();
            }
        }
        let gap = max_ln(&c);
        Eval {
            neg_lnz: neg_lnz.total(),
            gap,
        }
    }

    /// The row-shifted kernel `K(x, x̂) = e^{−β(d − dmin_x)}`, row-major (`0` where forbidden).
    pub(super) fn kernel(&self, beta: Slope) -> Vec<f64> {
        let n = self.n;
        (0..self.m * n)
            .map(|i| self.ln_kernel(beta, i / n, i % n).exp())
            .collect()
    }

    /// `Z_x = Σ_x̂ q K` per row and the objective `−Σ p ln Z` (`+∞` if a needed `Z_x` is 0).
    pub(super) fn objective(&self, k: &[f64], q: &[f64], z: &mut [f64]) -> f64 {
        let n = self.n;
        let mut f = Neumaier::default();
        for (x, zx) in z.iter_mut().enumerate() {
            *zx = dot(&k[x * n..(x + 1) * n], q);
            if self.p[x] > 0.0 {
                f.add(-self.p[x] * zx.ln());
            }
        }
        f.total()
    }

    /// `c = Σ_x p(x) K(x, ·) / Z_x`.
    pub(super) fn gradient(&self, k: &[f64], z: &[f64]) -> Vec<f64> {
        let n = self.n;
        let mut c = vec![0.0; n];
        for x in (0..self.m).filter(|&x| self.p[x] > 0.0) {
            let w = self.p[x] / z[x];
            for (cj, &kj) in c.iter_mut().zip(&k[x * n..(x + 1) * n]) {
                *cj += w * kj;
            }
        }
        c
    }

    /// Minimises Blahut's objective `F(q) = −Σ_x p(x) ln Σ_x̂ q(x̂) K(x, x̂)` over the simplex
    /// at slope `beta`, from `q`, until its gap `max ln c` is at most `tol` (or the budget runs
    /// out), and returns the certified point at distortion `target`.
    ///
    /// Projected Newton (Bertsekas 1982): laws at rounding level whose gradient pushes them
    /// out are fixed at 0; on the rest, the Newton step of `F` with `Σ dq = 0` (Hessian
    /// `Σ_x p K Kᵀ / Z²`, nearly singular when kernels overlap, so damped à la
    /// Levenberg–Marquardt: `ν` ×10 after a rejected step, ÷10 after an accepted one) is
    /// projected on `q ≥ 0` and kept if `F` decreases; a Blahut step `q ← q c` (which never
    /// increases `F`) replaces a failed one.
    /// Convergence is quadratic near the optimum where Blahut's own iteration is linear and
    /// slow for overlapping kernels.
    pub(super) fn solve(
        &self,
        beta: Slope,
        mut q: Vec<f64>,
        target: f64,
        tol: f64,
        budget: &mut Budget,
    ) -> Point {
        let (m, n) = (self.m, self.n);
        let k = self.kernel(beta);
        let mut z = vec![0.0; m];
        let mut f = self.objective(&k, &q, &mut z);
        let mut trial = vec![0.0; n];
        let mut zt = vec![0.0; m];
        let mut damping = 1e-3;
        loop {
            let c = self.gradient(&k, &z);
            let gap = max_ln(&c);
            if gap <= tol || budget.exhausted() {
                break;
            }
            budget.spend();
            let top = q.iter().copied().fold(0.0, f64::max);
            let free: Vec<usize> = (0..n)
                .filter(|&j| !(q[j] <= BINDING * top && c[j] <= 1.0))
                .collect();
            let s = free.len();
            let mut hess = vec![0.0; s * s];
            for x in (0..m).filter(|&x| self.p[x] > 0.0) {
                let w = self.p[x] / (z[x] * z[x]);
                let row = &k[x * n..(x + 1) * n];
                for (a, &ja) in free.iter().enumerate() {
                    let wa = w * row[ja];
                    if wa == 0.0 {
                        continue;
                    }
                    for (b, &jb) in free.iter().enumerate().take(a + 1) {
                        hess[a * s + b] += wa * row[jb];
                    }
                }
            }
            for a in 0..s {
                for b in 0..a {
                    hess[b * s + a] = hess[a * s + b];
                }
            }
            // Levenberg–Marquardt-damped Newton on the free laws with Σ dq_free = Σ q_bound
            // (the bound ones go to 0): the Hessian is nearly singular when kernels overlap.
            let mut bound = vec![true; n];
            for &j in &free {
                bound[j] = false;
            }
            let released: f64 = (0..n).filter(|&j| bound[j]).map(|j| q[j]).sum();
            let rhs: Vec<f64> = free.iter().map(|&j| c[j]).collect();
            let scale = (0..s).map(|a| hess[a * s + a]).fold(0.0, f64::max);
            let mut accepted = false;
            for _ in 0..12 {
                let mut h = hess.clone();
                for a in 0..s {
                    h[a * s + a] += damping * scale;
                }
                let u = solve_psd(&h, &rhs);
                let v = solve_psd(&h, &vec![1.0; s]);
                let mu = (u.iter().sum::<f64>() - released) / v.iter().sum::<f64>();
                trial.fill(0.0);
                // The step dq = (H + νI)⁻¹(c − μ1), projected on q ≥ 0 (`max` is the
                // projection).
                for (a, &j) in free.iter().enumerate() {
                    trial[j] = (q[j] + u[a] - mu * v[a]).max(0.0);
                }
                let total: f64 = trial.iter().sum();
                if total > 0.0 && total.is_finite() {
                    for v in &mut trial {
                        *v /= total;
                    }
                    let ft = self.objective(&k, &trial, &mut zt);
                    // Near the optimum F's decrease (second order) falls below its rounding
                    // while the gap (first order) is still above the tolerance: there, a step
                    // is kept if it shrinks the gap.
                    let flat = ft <= f + 8.0 * f64::EPSILON * f.abs() && {
                        let ct = self.gradient(&k, &zt);
                        max_ln(&ct) < gap
                    };
                    if ft < f || flat {
                        accepted = true;
                        damping = (damping * 0.1).max(MIN_DAMPING);
                        break;
                    }
                }
                damping *= 10.0;
            }
            if accepted {
                std::mem::swap(&mut q, &mut trial);
                std::mem::swap(&mut z, &mut zt);
                f = self.objective(&k, &q, &mut z);
            } else {
                // Blahut's step, a monotone fallback.
                for j in 0..n {
                    q[j] *= c[j];
                }
                let total: f64 = q.iter().sum();
                for v in &mut q {
                    *v /= total;
                }
                let fb = self.objective(&k, &q, &mut z);
                let c_new = self.gradient(&k, &z);
                let gap_new = max_ln(&c_new);
                if !(fb < f || gap_new < gap) {
                    break; // at rounding level: nothing more to gain
                }
                f = fb;
            }
        }
        let e = self.eval(beta, &q);
        let mut channel = vec![0.0; m * n];
        let mut out = vec![0.0; n];
        for x in 0..m {
            let zx = dot(&k[x * n..(x + 1) * n], &q);
            for j in 0..n {
                let v = q[j] * k[x * n + j] / zx;
                channel[x * n + j] = v;
                out[j] += self.p[x] * v;
            }
        }
        let dist = self.distortion_of(&channel);
        let shift = match beta {
            Slope::Finite(b) => b * (self.d_min - target),
            Slope::Infinite => 0.0,
        };
        Point {
            beta,
            lower: shift + e.neg_lnz - e.gap,
            dist,
            channel,
            out,
            q,
        }
    }

    /// The lower bound on `R(target)` that the law `q` certifies at the finite slope `beta`.
    pub(super) fn lower_at(&self, beta: f64, q: &[f64], target: f64) -> f64 {
        let e = self.eval(Slope::Finite(beta), q);
        beta * (self.d_min - target) + e.neg_lnz - e.gap
    }

    /// The best lower bound over slopes in `[b_lo, b_hi]` for fixed reproduction laws: golden
    /// section on `ln β` for each law. Near a kink of `G` (a straight segment of `R`) every law
    /// on the segment certifies `R(D)` at the kink's slope, which the inner iteration reaches
    /// only slowly; this finds it with `O(mn)` work per trial. Returns the bound, its slope and
    /// the evaluations used.
    pub(super) fn polish(
        &self,
        b_lo: f64,
        b_hi: f64,
        laws: &[&[f64]],
        target: f64,
    ) -> (f64, f64, usize) {
        const INV_PHI: f64 = 0.618_033_988_749_894_9;
        let (mut best, mut best_beta, mut used) = (f64::NEG_INFINITY, b_lo, 0);
        for q in laws {
            let (mut a, mut b) = (b_lo.ln(), b_hi.ln());
            let mut c = b - INV_PHI * (b - a);
            let mut e = a + INV_PHI * (b - a);
            let mut fc = self.lower_at(c.exp(), q, target);
            let mut fe = self.lower_at(e.exp(), q, target);
            used += 2;
            for _ in 0..POLISH_STEPS {
                if fc >= fe {
                    (b, e, fe) = (e, c, fc);
                    c = b - INV_PHI * (b - a);
                    fc = self.lower_at(c.exp(), q, target);
                } else {
                    (a, c, fc) = (c, e, fe);
                    e = a + INV_PHI * (b - a);
                    fe = self.lower_at(e.exp(), q, target);
                }
                used += 1;
            }
            for (f, u) in [(fc, c), (fe, e)] {
                if f > best {
                    (best, best_beta) = (f, u.exp());
                }
            }
        }
        (best, best_beta, used)
    }

    /// `Σ_x p(x) Σ_x̂ Q(x̂|x) d(x, x̂)`, with `0 · ∞ = 0`.
    pub(super) fn distortion_of(&self, channel: &[f64]) -> f64 {
        let n = self.n;
        sum((0..self.m).filter(|&x| self.p[x] > 0.0).map(|x| {
            let row = &channel[x * n..(x + 1) * n];
            let drow = &self.d[x * n..(x + 1) * n];
            self.p[x]
                * row
                    .iter()
                    .zip(drow)
                    .filter(|(&q, _)| q > 0.0)
                    .map(|(&q, &d)| q * d)
                    .sum::<f64>()
        }))
    }

    /// `I(X; X̂) = Σ_x p(x) Σ_x̂ Q ln(Q / q)` of a test channel with output law `out`.
    pub(super) fn information(&self, channel: &[f64], out: &[f64]) -> f64 {
        let n = self.n;
        sum((0..self.m).filter(|&x| self.p[x] > 0.0).map(|x| {
            let row = &channel[x * n..(x + 1) * n];
            self.p[x]
                * row
                    .iter()
                    .zip(out)
                    .filter(|(&q, _)| q > 0.0)
                    .map(|(&q, &o)| q * (q / o).ln())
                    .sum::<f64>()
        }))
    }
}

/// `max_x̂ ln c(x̂)`: the gap between the upper and lower bounds on `G(β)` certified by `c`.
pub(super) fn max_ln(c: &[f64]) -> f64 {
    c.iter().map(|&v| v.ln()).fold(f64::NEG_INFINITY, f64::max)
}

/// Counts inner iterations against the stopping rule.
pub(super) struct Budget {
    pub(super) used: usize,
    pub(super) max: usize,
    /// The caller's cancellation token: once cancelled the budget counts as exhausted, and
    /// the outer loop returns [`Error::Cancelled`](crate::Error::Cancelled).
    pub(super) cancel: crate::cancel::Checker,
}

impl Budget {
    pub(super) fn spend(&mut self) {
        self.used += 1;
    }
    pub(super) fn exhausted(&self) -> bool {
        self.used >= self.max || self.cancel.is_cancelled()
    }
}

/// The best certified answer so far: an upper bound with its test channel.
pub(super) struct Upper {
    pub(super) rate: f64,
    pub(super) dist: f64,
    pub(super) channel: Vec<f64>,
    pub(super) out: Vec<f64>,
    pub(super) beta: Slope,
}
