//! BROJA unique information by a certified interior-point method.

use super::{Joint, Pid};
use crate::error::{Error, Result};
use crate::iterate::{Diagnostics, StoppingRule, Termination};
use crate::linalg::solve_psd;
use crate::sum::Neumaier;
use crate::units::Base;
use ndarray::{Array3, ArrayView3};

/// The BROJA PID with its optimal distribution and solver diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct BrojaPid {
    /// The four atoms (from the primal value, which is within `diagnostics.certificate` of
    /// the optimum).
    pub pid: Pid,
    /// An optimal `Q(x1, x2, y)`: it has `p`'s `(x1, y)` and `(x2, y)` marginals and minimises
    /// `I_Q(Y; X1 | X2)` to within the certificate.
    pub q: Array3<f64>,
    /// Newton iterations, termination, and the certified duality gap (nats): the primal value
    /// `−H_Q(Y | X1, X2)` minus the value of an explicitly constructed dual-feasible point.
    pub diagnostics: Diagnostics,
}

/// The barrier's growth factor per outer iteration.
const BARRIER_GROWTH: f64 = 16.0;
/// Newton iterations per centring step before moving on.
const MAX_CENTERING: usize = 60;

/// The problem's structure: the support cells and the constraints they enter.
struct Structure {
    /// Flat `[x1][x2][y]` index of each support cell.
    cell: Vec<usize>,
    /// Group `(x1, x2)` of each cell, as ranges into `cell` (cells are sorted by group).
    groups: Vec<(usize, usize)>,
    /// Row constraint `(x1, y)` index of each cell.
    row: Vec<usize>,
    /// Column constraint `(x2, y)` index of each cell (`None` for the dropped one per `y`).
    col: Vec<Option<usize>>,
    /// Right-hand sides of the constraints (rows then columns).
    rhs: Vec<f64>,
    /// Number of row constraints.
    n_rows: usize,
}

fn structure(j: &Joint) -> Structure {
    let (n1, n2, ny) = (j.n1, j.n2, j.ny);
    let mut row_id = vec![usize::MAX; n1 * ny];
    let mut col_id = vec![usize::MAX; n2 * ny];
    let mut rhs = vec![];
    for a in 0..n1 {
        for y in 0..ny {
            if j.p1y[a * ny + y] > 0.0 {
                row_id[a * ny + y] = rhs.len();
                rhs.push(j.p1y[a * ny + y]);
            }
        }
    }
    let n_rows = rhs.len();
    for y in 0..ny {
        // Rows and columns of one y-slice sum to the same P(y): drop the last column.
        let last = (0..n2).rev().find(|&b| j.p2y[b * ny + y] > 0.0);
        for b in 0..n2 {
            if j.p2y[b * ny + y] > 0.0 && Some(b) != last {
                col_id[b * ny + y] = rhs.len() - n_rows;
                rhs.push(j.p2y[b * ny + y]);
            }
        }
    }
    let (mut cell, mut groups, mut row, mut col) = (vec![], vec![], vec![], vec![]);
    for a in 0..n1 {
        for b in 0..n2 {
            let start = cell.len();
            for y in 0..ny {
                if j.p1y[a * ny + y] > 0.0 && j.p2y[b * ny + y] > 0.0 {
                    cell.push((a * n2 + b) * ny + y);
                    row.push(row_id[a * ny + y]);
                    let c = col_id[b * ny + y];
                    col.push((c != usize::MAX).then_some(c));
                }
            }
            if cell.len() > start {
                groups.push((start, cell.len()));
            }
        }
    }
    Structure {
        cell,
        groups,
        row,
        col,
        rhs,
        n_rows,
    }
}

/// `f(Q) = Σ Q ln Q − Σ_g Q_g ln Q_g = −H_Q(Y | X1, X2)` in nats.
fn objective(s: &Structure, q: &[f64]) -> f64 {
    let mut acc = Neumaier::default();
    for &(g0, g1) in &s.groups {
        let qg: f64 = q[g0..g1].iter().sum();
        for &v in &q[g0..g1] {
            if v > 0.0 {
                acc.add(v * (v / qg).ln());
            }
        }
    }
    acc.total()
}

/// `(Aᵀ w)_k` for every cell.
fn at(s: &Structure, w: &[f64]) -> Vec<f64> {
    (0..s.row.len())
        .map(|k| cons(s, k).map(|a| w[a]).sum())
        .collect()
}

/// The shifted barrier `t Σ_k Q_k (ln Q(y|x1,x2) + (Aᵀŵ)_k) − Σ ln Q`: on the feasible set it
/// differs from `t f(Q) − Σ ln Q` by a constant, and with `ŵ` near the optimal multipliers
/// its terms are small, so that line searches compare numbers without cancellation.
fn barrier(s: &Structure, q: &[f64], t: f64, atw: &[f64]) -> f64 {
    if q.iter().any(|&v| v <= 0.0) {
        return f64::INFINITY;
    }
    let mut acc = Neumaier::default();
    for &(g0, g1) in &s.groups {
        let qg: f64 = q[g0..g1].iter().sum();
        for k in g0..g1 {
            acc.add(t * q[k] * ((q[k] / qg).ln() + atw[k]) - q[k].ln());
        }
    }
    acc.total()
}

/// The constraints of cell `k` (indices into the multiplier vector).
fn cons(s: &Structure, k: usize) -> impl Iterator<Item = usize> {
    core::iter::once(s.row[k]).chain(s.col[k].map(|c| s.n_rows + c))
}

/// The residual `A Q − b` of the constraints.
fn residual(s: &Structure, q: &[f64]) -> Vec<f64> {
    let mut r: Vec<f64> = s.rhs.iter().map(|b| -b).collect();
    for (k, &v) in q.iter().enumerate() {
        for a in cons(s, k) {
            r[a] += v;
        }
    }
    r
}

/// One Newton step of the centring problem from `q` (infeasible-start form: the step also
/// removes the residual `A Q − b`), with the multiplier estimate `ŵ` (`atw = Aᵀŵ`) folded into
/// the gradient so that the large `t ln Q(y|x1,x2)` terms cancel before the solve. Returns the
/// step, the new multipliers `w/t` and the shifted gradient.
fn newton(s: &Structure, q: &[f64], t: f64, w_hat: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let m = q.len();
    let nc = s.rhs.len();
    let atw = at(s, w_hat);
    let mut grad = vec![0.0; m];
    // Per cell: D⁻¹ and, per group, the Sherman–Morrison coefficient.
    let mut dinv = vec![0.0; m];
    let mut coef = vec![0.0; s.groups.len()];
    for (gi, &(g0, g1)) in s.groups.iter().enumerate() {
        let qg: f64 = q[g0..g1].iter().sum();
        let mut denom = 0.0;
        for k in g0..g1 {
            grad[k] = t * ((q[k] / qg).ln() + atw[k]) - 1.0 / q[k];
            dinv[k] = q[k] * q[k] / (t * q[k] + 1.0);
            denom += (q[k] / qg) / (t * q[k] + 1.0);
        }
        coef[gi] = (t / qg) / denom;
    }
    // H⁻¹ v on each group.
    let hinv = |v: &[f64]| -> Vec<f64> {
        let mut out = vec![0.0; m];
        for (gi, &(g0, g1)) in s.groups.iter().enumerate() {
            let dot: f64 = (g0..g1).map(|k| dinv[k] * v[k]).sum();
            for k in g0..g1 {
                out[k] = dinv[k] * v[k] + coef[gi] * dinv[k] * dot;
            }
        }
        out
    };
    let u = hinv(&grad);
    let mut mat = vec![0.0; nc * nc];
    for (gi, &(g0, g1)) in s.groups.iter().enumerate() {
        for k in g0..g1 {
            for l in g0..g1 {
                let h = coef[gi] * dinv[k] * dinv[l] + if k == l { dinv[k] } else { 0.0 };
                for a in cons(s, k) {
                    for b in cons(s, l) {
                        mat[a * nc + b] += h;
                    }
                }
            }
        }
    }
    let mut rhs = residual(s, q);
    for (k, &uk) in u.iter().enumerate() {
        for a in cons(s, k) {
            rhs[a] -= uk;
        }
    }
    let dw = if nc == 0 {
        vec![]
    } else {
        solve_psd(&mat, &rhs)
    };
    let hw = hinv(&at(s, &dw));
    let step: Vec<f64> = (0..m).map(|k| -(u[k] + hw[k])).collect();
    let w_new: Vec<f64> = w_hat.iter().zip(&dw).map(|(a, d)| a + d / t).collect();
    (step, w_new, grad)
}

/// The certified gap at `q` with the scaled multipliers `w`: primal value, dual value.
fn certificate(s: &Structure, q: &[f64], w: &[f64]) -> (f64, f64) {
    let primal = objective(s, q);
    // λ(x1, y) + μ(x2, y) = −(Aᵀ w)_k on the support; −∞ off it (zero right-hand sides).
    let nu = |k: usize| -cons(s, k).map(|a| w[a]).sum::<f64>();
    let mut shift = 0.0f64;
    for &(g0, g1) in &s.groups {
        let mx = (g0..g1).map(nu).fold(f64::NEG_INFINITY, f64::max);
        let lse = mx + (g0..g1).map(|k| (nu(k) - mx).exp()).sum::<f64>().ln();
        shift = shift.max(lse);
    }
    let mut dual = Neumaier::default();
    for (a, &b) in s.rhs.iter().enumerate() {
        dual.add(-w[a] * b);
    }
    dual.add(-shift);
    (primal, dual.total())
}

/// The BROJA PID (Bertschinger, Rauh, Olbrich, Jost & Ay 2014): the unique information of
/// `X1` is the least conditional mutual information over the distributions `Q` that keep
/// `p`'s source–target marginals,
///
/// $$ \widetilde{UI}(Y; X_1 \setminus X_2) = \min_{Q \in \Delta_p} I_Q(Y; X_1 \mid X_2),
///    \qquad \Delta_p = \{Q : Q(x_1, y) = p(x_1, y),\ Q(x_2, y) = p(x_2, y)\}, $$
///
/// then `R = I(X1;Y) − U_1`, `U_2 = I(X2;Y) − R`, `S = I(X1,X2;Y) − R − U_1 − U_2`.
///
/// **Solver.** Minimising `I_Q(Y; X1 | X2)` over `Δ_p` is minimising the convex
/// `f(Q) = −H_Q(Y | X1, X2)` under linear constraints. A primal barrier method solves it:
/// Newton steps on `t f(Q) − Σ ln Q` restricted to the affine set (each step a Schur
/// complement over the constraints, the Hessian inverted blockwise by Sherman–Morrison), from
/// the strictly feasible `Q₀ = p(x1,y) p(x2,y) / p(y)`, with `t` growing 16-fold per round.
/// After each round a dual point of the exponential-cone dual
/// `max Σ λ(x1,y) p(x1,y) + Σ μ(x2,y) p(x2,y)` s.t. `LSE_y(λ(x1,y) + μ(x2,y)) ≤ 0` for all
/// `(x1, x2)` is built from the Newton multipliers and shifted to feasibility; the solver
/// stops when `f(Q) − dual ≤ rule.tolerance`, a proven bound on the error of the value
/// (Makkeh, Theis & Vicente 2018 give this dual). Cells that the constraints force to zero
/// are removed first, so degenerate joints (the canonical gates) are exact or nearly so.
///
/// # Errors
/// As [`pid_williams_beer`](super::pid_williams_beer);
/// [`Error::InvalidParameter`] for an invalid `rule`; [`Error::NotConverged`] with the best
/// certified gap if `rule.max_iterations` Newton steps do not reach `rule.tolerance`.
///
/// # Examples
/// ```
/// use ndarray::Array3;
/// use sanov::{iterate::StoppingRule, pid::pid_broja, Base};
/// // AND: R = I(X1;Y) = 0.311278… bits, S = 1/2 bit, no unique information.
/// let mut p = Array3::zeros((2, 2, 2));
/// for a in 0..2 { for b in 0..2 { p[[a, b, a & b]] = 0.25; } }
/// let rule = StoppingRule { tolerance: 1e-10, ..StoppingRule::default() };
/// let r = pid_broja(p.view(), Base::Bits, &rule)?;
/// assert!((r.pid.synergy - 0.5).abs() < 1e-9);
/// assert!(r.pid.unique_1.abs() < 1e-9);
/// assert!(r.diagnostics.certificate <= 1e-10);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Bertschinger et al. (2014), Entropy 16(4), 2161–2183; Makkeh, Theis & Vicente (2018),
/// *BROJA-2PID*, Entropy 20(4), 271; Boyd & Vandenberghe (2004), §11.3 (barrier method).
pub fn pid_broja(joint: ArrayView3<'_, f64>, base: Base, rule: &StoppingRule) -> Result<BrojaPid> {
    rule.validate()?;
    let j = Joint::new(joint)?;
    let s = structure(&j);
    let (n1, n2, ny) = (j.n1, j.n2, j.ny);
    let mut q: Vec<f64> = s
        .cell
        .iter()
        .map(|&c| {
            let (a, b, y) = (c / (n2 * ny), (c / ny) % n2, c % ny);
            j.p1y[a * ny + y] * j.p2y[b * ny + y] / j.py[y]
        })
        .collect();
    let m = q.len() as f64;
    let mut t = 1.0;
    let mut iterations = 0;
    let mut best_gap = f64::INFINITY;
    let mut best = (q.clone(), f64::NAN);
    let mut w = vec![0.0; s.rhs.len()];
    loop {
        // Centre for this t.
        for _ in 0..MAX_CENTERING {
            let (step, w_new, grad) = newton(&s, &q, t, &w);
            iterations += 1;
            let dec: f64 = -grad.iter().zip(&step).map(|(g, d)| g * d).sum::<f64>();
            let atw = at(&s, &w);
            let phi = barrier(&s, &q, t, &atw);
            w = w_new;
            if !(dec > 1e-14) {
                break;
            }
            let mut alpha = 1.0;
            let mut moved = false;
            for _ in 0..60 {
                let cand: Vec<f64> = q.iter().zip(&step).map(|(v, d)| v + alpha * d).collect();
                if barrier(&s, &cand, t, &atw) <= phi - 0.25 * alpha * dec {
                    q = cand;
                    moved = true;
                    break;
                }
                alpha *= 0.5;
            }
            if !moved || iterations >= rule.max_iterations {
                break;
            }
        }
        let (primal, dual) = certificate(&s, &q, &w);
        let gap = (primal - dual).max(0.0);
        if gap < best_gap {
            best_gap = gap;
            best = (q.clone(), primal);
        }
        if best_gap <= rule.tolerance || s.rhs.is_empty() || q.is_empty() {
            break;
        }
        if iterations >= rule.max_iterations || m / t < 1e-3 * rule.tolerance {
            return Err(Error::NotConverged {
                iterations,
                residual: best_gap,
            });
        }
        t *= BARRIER_GROWTH;
    }
    let (qbest, primal) = best;
    let mut full = Array3::zeros((n1, n2, ny));
    let flat = full.as_slice_mut().expect("standard layout");
    for (&c, &v) in s.cell.iter().zip(&qbest) {
        flat[c] = v;
    }
    // I_Q(Y; X1 X2) = H(Y) + f(Q); U_1 = I_Q(Y; X1 | X2) = I_Q(Y; X1 X2) − I(Y; X2).
    let mi = j.mutual_information_terms();
    let hy: f64 = -j
        .py
        .iter()
        .filter(|&&v| v > 0.0)
        .map(|v| v * v.ln())
        .sum::<f64>();
    let primal = if primal.is_nan() {
        objective(&s, &qbest)
    } else {
        primal
    };
    let u1 = hy + primal - mi[1];
    let r = mi[0] - u1;
    Ok(BrojaPid {
        pid: Pid::from_unique(r, u1, mi, base),
        q: full,
        diagnostics: Diagnostics {
            iterations,
            termination: Termination::Converged,
            certificate: best_gap,
        },
    })
}
