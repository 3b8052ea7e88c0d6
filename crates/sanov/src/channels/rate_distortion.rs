//! Rate–distortion functions.

use ndarray::{Array1, Array2, ArrayView2};

use crate::error::{Error, Result};
use crate::iterate::{Diagnostics, StoppingRule, Termination};
use crate::sum::{sum, Neumaier};
use crate::units::Base;
use crate::validate::check_probability_vector;

use crate::linalg::solve_psd;

use crate::linalg::dot;
use crate::special::logsumexp_unchecked as logsumexp;
use crate::validate::check_probability;

/// The rate–distortion function of a Bernoulli(`p`) source under Hamming distortion.
///
/// $$ R(D) = \begin{cases} h(p) - h(D) & 0 \le D < \min(p, 1-p) \\ 0 & D \ge \min(p, 1-p)
///    \end{cases} $$
///
/// with `h` the binary entropy in the unit of `base`. `d = +∞` gives 0.
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 ≤ p ≤ 1`, or if `d` is NaN; [`Error::Infeasible`]
/// if `d < 0` (no code has negative Hamming distortion).
///
/// # Examples
/// ```
/// use sanov::{channels::binary_rate_distortion, Base};
/// assert_eq!(binary_rate_distortion(0.5, 0.0, Base::Bits)?, 1.0);
/// assert_eq!(binary_rate_distortion(0.2, 0.3, Base::Bits)?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., Theorem 10.3.1.
pub fn binary_rate_distortion(p: f64, d: f64, base: Base) -> Result<f64> {
    check_probability("p", p)?;
    if d.is_nan() {
        return Err(Error::InvalidParameter {
            name: "d",
            value: d,
            expected: "a distortion >= 0",
        });
    }
    if d < 0.0 {
        return Err(Error::Infeasible {
            reason: "a Hamming distortion below 0 is not achievable",
        });
    }
    if d >= p.min(1.0 - p) {
        return Ok(0.0);
    }
    Ok(base.from_nats(h(p) - h(d)))
}

/// Options of [`rate_distortion`].
///
/// # Examples
/// ```
/// use sanov::channels::RateDistortionParams;
/// let params = RateDistortionParams::default();
/// assert_eq!(params.rule.tolerance, 1e-12);
/// assert_eq!(params.rule.max_iterations, 100_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateDistortionParams {
    /// Stop when the certified gap (upper − lower bound on `R(D)`, in nats) is at most
    /// `rule.tolerance`; [`Error::NotConverged`] after `rule.max_iterations` inner iterations
    /// (Newton or Blahut steps, and bound evaluations) in all. Default: 1e-12 nats, 100 000.
    pub rule: StoppingRule,
    /// The unit of the reported rate. Default: nats.
    pub base: Base,
}

impl Default for RateDistortionParams {
    fn default() -> Self {
        Self {
            rule: StoppingRule {
                max_iterations: 100_000,
                tolerance: 1e-12,
            },
            base: Base::Nats,
        }
    }
}

/// The rate–distortion function at one distortion, with a test channel achieving it; see
/// [`rate_distortion`].
#[derive(Debug, Clone, PartialEq)]
pub struct RateDistortionResult {
    /// The rate in the unit of `params.base`: `I(X; X̂)` of `test_channel`, an upper bound
    /// within `gap` nats of `R(D)`.
    pub rate: f64,
    /// The expected distortion `Σ_x p(x) Σ_x̂ Q(x̂|x) d(x, x̂)` of `test_channel` (`≤ D`, equal up
    /// to rounding unless `R(D) = 0` or the curve is flat there).
    pub distortion: f64,
    /// The test channel `Q(x̂|x)`, rows indexed by source symbols.
    pub test_channel: Array2<f64>,
    /// The reproduction distribution `q(x̂) = Σ_x p(x) Q(x̂|x)`.
    pub output_distribution: Array1<f64>,
    /// `β ≥ 0` with `−β` the slope of `R` at `D` (nats per unit of distortion): the slope whose
    /// dual bound certified the answer (`+∞` at `D = D_min`, `0` where `R(D) = 0`). At a kink of
    /// `R` any value between the one-sided slopes is valid.
    pub slope: f64,
    /// The certified gap in nats: `rate − (a proven lower bound on R(D))`. Rounding can make it
    /// a few ulps negative when the answer is exact.
    pub gap: f64,
    /// Inner iterations, termination and certificate (= `gap`).
    pub diagnostics: Diagnostics,
}

/// Laws at or below this fraction of the largest, with a gradient pushing them out, are fixed
/// at 0 in a projected Newton step.
const BINDING: f64 = 1e-12;

/// Smallest Levenberg–Marquardt damping of the inner Newton steps, relative to the largest
/// diagonal entry of the Hessian.
const MIN_DAMPING: f64 = 1e-14;

/// Golden-section steps of [`Problem::polish`] (each shrinks the slope interval by 0.618).
const POLISH_STEPS: usize = 60;

/// Relative width of the `ln β` bracket below which a stalled gap is taken for a kink of `G`
/// and the lower bound is polished.
const POLISH_WIDTH: f64 = 1e-6;

/// A validated rate–distortion problem.
struct Problem {
    m: usize,
    n: usize,
    p: Vec<f64>,
    /// Row-major `d(x, x̂)`, `+∞` allowed.
    d: Vec<f64>,
    /// `min_x̂ d(x, x̂)` per row.
    dmin: Vec<f64>,
    /// `Σ_x p(x) dmin(x)`.
    d_min: f64,
    /// `min_x̂ Σ_x p(x) d(x, x̂)` over the rows with `p(x) > 0`, and its argmin.
    d_max: f64,
    arg_max: usize,
}

/// The slope parameter of one Blahut problem.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slope {
    Finite(f64),
    /// `β → ∞`: only the per-row minimal distortions are allowed.
    Infinite,
}

/// Blahut's quantities at one reproduction law `q`.
struct Eval {
    /// `−Σ_x p(x) ln Z_x` with `Z_x = Σ_x̂ q(x̂) K(x, x̂)` and the row-shifted kernel
    /// `K = e^{−β(d − dmin)}`: the objective (smaller is better).
    neg_lnz: f64,
    /// `max_x̂ ln c(x̂) ≥ 0` with `c(x̂) = Σ_x p(x) K(x, x̂) / Z_x` (minus the objective's
    /// gradient): the gap between the upper and lower bounds on `G(β)`.
    gap: f64,
}

/// A solved slope: the bound on `R(D)` it certifies and its test channel.
struct Point {
    beta: Slope,
    /// `β(D_min − D) − Σ p ln Z − max ln c`: a lower bound on `R(D)` (valid for any `q`).
    lower: f64,
    /// Expected distortion of the test channel.
    dist: f64,
    /// `Q(x̂|x)`, row-major.
    channel: Vec<f64>,
    /// `Σ_x p(x) Q(·|x)`.
    out: Vec<f64>,
    /// The reproduction law `q` at which it was computed (a warm start for nearby slopes).
    q: Vec<f64>,
}

impl Problem {
    fn new(source: &[f64], distortion: ArrayView2<'_, f64>) -> Result<Self> {
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
    fn ln_kernel(&self, beta: Slope, x: usize, j: usize) -> f64 {
        let dd = self.d[x * self.n + j] - self.dmin[x];
        match beta {
            Slope::Finite(b) if dd.is_finite() => -b * dd,
            Slope::Infinite if dd == 0.0 => 0.0,
            Slope::Finite(_) | Slope::Infinite => f64::NEG_INFINITY,
        }
    }

    /// Blahut's quantities at the law `q` (log-domain, so that no `Z_x` underflows).
    fn eval(&self, beta: Slope, q: &[f64]) -> Eval {
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
    fn kernel(&self, beta: Slope) -> Vec<f64> {
        let n = self.n;
        (0..self.m * n)
            .map(|i| self.ln_kernel(beta, i / n, i % n).exp())
            .collect()
    }

    /// `Z_x = Σ_x̂ q K` per row and the objective `−Σ p ln Z` (`+∞` if a needed `Z_x` is 0).
    fn objective(&self, k: &[f64], q: &[f64], z: &mut [f64]) -> f64 {
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
    fn gradient(&self, k: &[f64], z: &[f64]) -> Vec<f64> {
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
    fn solve(
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
    fn lower_at(&self, beta: f64, q: &[f64], target: f64) -> f64 {
        let e = self.eval(Slope::Finite(beta), q);
        beta * (self.d_min - target) + e.neg_lnz - e.gap
    }

    /// The best lower bound over slopes in `[b_lo, b_hi]` for fixed reproduction laws: golden
    /// section on `ln β` for each law. Near a kink of `G` (a straight segment of `R`) every law
    /// on the segment certifies `R(D)` at the kink's slope, which the inner iteration reaches
    /// only slowly; this finds it with `O(mn)` work per trial. Returns the bound, its slope and
    /// the evaluations used.
    fn polish(&self, b_lo: f64, b_hi: f64, laws: &[&[f64]], target: f64) -> (f64, f64, usize) {
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
    fn distortion_of(&self, channel: &[f64]) -> f64 {
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
    fn information(&self, channel: &[f64], out: &[f64]) -> f64 {
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
fn max_ln(c: &[f64]) -> f64 {
    c.iter().map(|&v| v.ln()).fold(f64::NEG_INFINITY, f64::max)
}

/// Counts inner iterations against the stopping rule.
struct Budget {
    used: usize,
    max: usize,
    /// The caller's cancellation token: once cancelled the budget counts as exhausted, and
    /// the outer loop returns [`Error::Cancelled`](crate::Error::Cancelled).
    cancel: crate::cancel::Checker,
}

impl Budget {
    fn spend(&mut self) {
        self.used += 1;
    }
    fn exhausted(&self) -> bool {
        self.used >= self.max || self.cancel.is_cancelled()
    }
}

/// The best certified answer so far: an upper bound with its test channel.
struct Upper {
    rate: f64,
    dist: f64,
    channel: Vec<f64>,
    out: Vec<f64>,
    beta: Slope,
}

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
/// use sanov::channels::{rate_distortion, RateDistortionParams};
/// let hamming = Array2::from_shape_fn((4, 4), |(i, j)| if i == j { 0.0 } else { 1.0 });
/// let r = rate_distortion(&[0.25; 4], hamming.view(), 0.1, RateDistortionParams::default())?;
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
    params: RateDistortionParams,
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
fn place(pt: Point, d: f64, lo: &mut Option<Point>, hi: &mut Option<Point>) {
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
    fn value(self) -> f64 {
        match self {
            Slope::Finite(b) => b,
            Slope::Infinite => f64::INFINITY,
        }
    }

    fn times(self, f: f64) -> Slope {
        match self {
            Slope::Finite(b) => Slope::Finite(b * f),
            Slope::Infinite => Slope::Infinite,
        }
    }
}

/// The upper bound of the mixture of two test channels whose distortion is exactly `d`.
fn mixture(pb: &Problem, lo: &Point, hi: &Point, d: f64) -> Option<Upper> {
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

fn converged(iterations: usize, gap: f64) -> Diagnostics {
    Diagnostics {
        iterations,
        termination: Termination::Converged,
        certificate: gap,
    }
}

fn finish(
    pb: &Problem,
    params: RateDistortionParams,
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

/// Binary entropy in nats, `−x ln x − (1−x) ln1p(−x)`.
fn h(x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        0.0
    } else {
        -x * x.ln() - (1.0 - x) * (-x).ln_1p()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_form() {
        let r = binary_rate_distortion(0.5, 0.11, Base::Bits).unwrap();
        let hb = -0.11 * 0.11f64.log2() - 0.89 * 0.89f64.log2();
        assert!((r - (1.0 - hb)).abs() < 1e-15);
        assert_eq!(binary_rate_distortion(0.3, 0.3, Base::Nats).unwrap(), 0.0);
        assert!(matches!(
            binary_rate_distortion(0.3, -0.1, Base::Nats),
            Err(Error::Infeasible { .. })
        ));
    }
}
