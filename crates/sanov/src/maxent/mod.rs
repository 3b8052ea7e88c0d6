//! Maximum entropy and the I-projection: the distribution of largest entropy (smallest KL
//! divergence from a prior) that meets given expectations.
//!
//! $$ \max_p H(p) \quad\text{or}\quad \min_p D(p\,\|\,q) \qquad
//!    \text{s.t.}\quad \sum_i p_i f_k(x_i) = t_k,\; k = 1..K $$
//!
//! The solution is the exponential family member (Jaynes 1957; Cover & Thomas 2006, ch. 12)
//!
//! $$ p_i = \frac{q_i\, e^{\sum_k \lambda_k f_k(x_i)}}{Z(\lambda)}, $$
//!
//! with `q` uniform when there is no prior. The multipliers minimise the convex dual
//! `ln Z(λ) − λ·t` (Boyd & Vandenberghe 2004, §5.2), whose gradient is `E_p[f] − t` and whose
//! Hessian is `Cov_p[f]`; [`maxent`] minimises it by damped Newton steps (L-BFGS steps for
//! more than 16 constraints) with a backtracking line search, log-sum-exp stable (every
//! exponent is shifted by the largest). The pass over the support is a SIMD kernel
//! (AVX2/AVX-512 chosen at run time).
//!
//! - [`maxent`]: general features; [`maxent_moments`]: power moments `E[X^k]`;
//!   [`biased_die`]: the lecture example.
//! - [`gibbs`]: the Boltzmann distribution of given energies at a temperature, with its free
//!   energy, internal energy and entropy ([`GibbsState`]).
//!
//! # References
//! - E. T. Jaynes, "Information theory and statistical mechanics", *Phys. Rev.* 106 (1957).
//! - T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed., ch. 11–12 (2006).
//! - S. Boyd and L. Vandenberghe, *Convex Optimization*, §5 (2004).
//! - I. Csiszár, "I-divergence geometry of probability distributions and minimization
//!   problems", *Ann. Probab.* 3 (1975).

use std::borrow::Cow;

use ndarray::ArrayView2;

use crate::error::{Error, Result};
use crate::iterate::{Diagnostics, StoppingRule, Termination};
use crate::validate::{check_probability_vector, contiguous};
use crate::Par;

mod dual;
mod gibbs;

/// Feature rows, borrowed when contiguous.
type Rows<'a> = Vec<Cow<'a, [f64]>>;

/// Features whose largest magnitude is beyond 2^±this are rescaled by a power of two before
/// the solve (their second moments would leave the range of `f64`).
const FEATURE_EXPONENT_LIMIT: i32 = 200;

pub use gibbs::{gibbs, GibbsState};

/// Options of [`maxent`].
///
/// # Examples
/// ```
/// use sanov::maxent::MaxEntOptions;
/// use sanov::iterate::StoppingRule;
/// let params = MaxEntOptions {
///     stopping: StoppingRule { tolerance: 1e-10, ..StoppingRule::default() },
///     ..MaxEntOptions::default()
/// };
/// assert_eq!(params.stopping.max_iterations, 10_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MaxEntOptions {
    /// Newton (or L-BFGS) iterations allowed, and the tolerance on the certificate (the
    /// relative constraint residual, see [`MaxEntResult::diagnostics`]). Default: 10 000
    /// iterations, `1e-12`.
    pub stopping: StoppingRule,
    /// Parallelism of the passes over the support (each Newton iteration is one pass per
    /// line-search trial). The result does not depend on it: partial sums are merged in a fixed
    /// order. Default [`Par::Seq`].
    pub par: Par,
}

/// The old name of [`MaxEntOptions`] (configuration structs are `*Options`, passed by reference).
#[deprecated(since = "0.2.0", note = "renamed to `MaxEntOptions`")]
pub type MaxEntParams = MaxEntOptions;

/// The solution of a maximum-entropy problem.
#[derive(Debug, Clone, PartialEq)]
pub struct MaxEntResult {
    /// `p_i` on the support points, in their order; 0 where the prior is 0.
    pub distribution: Vec<f64>,
    /// The multipliers `λ_k`, in the order of the targets. A target at the end of its
    /// feature's range (`t_k = max f_k` or `min f_k` over the points of positive prior) is met
    /// only in the limit `λ_k → ±∞`: its multiplier is `+∞` or `−∞` and `p` is the exact
    /// limit, supported on the points where `f_k = t_k`. A feature constant on the support
    /// (and equal to its target) has multiplier 0.
    pub multipliers: Vec<f64>,
    /// `H(p)` in nats without a prior; `D(p‖q)` in nats with a prior `q`. Computed as
    /// `λ·(E_p[f] − t) − ln Z` (plus `ln N` for the entropy) and returned as computed: a KL
    /// divergence of `p ≈ q` may come out at `−1e-17`.
    pub value: f64,
    /// Iterations, termination reason and the certificate
    /// `ρ = max_k |E_p[f_k] − t_k| / s_k`, where `s_k = max_i |f_k(x_i) − t_k|` over the
    /// points of positive prior: the constraint residual relative to each feature's spread
    /// (dimensionless, not nats). `p` is the *exact* I-projection for the targets
    /// `t'_k = E_p[f_k]`, `|t'_k − t_k| ≤ ρ s_k`, and its value differs from the optimum by
    /// about `|λ·(t' − t)| ≤ ρ Σ_k |λ_k| s_k` (first order). [`Termination::Exact`] when no
    /// Newton step was needed (every constraint settled by the boundary and constancy rules).
    pub diagnostics: Diagnostics,
}

/// Maximum-entropy distribution on `N` points meeting `K` expectation constraints, or the
/// I-projection of a prior onto them.
///
/// $$ p^\star = \arg\min_p D(p\,\|\,q) \;\text{s.t.}\; \textstyle\sum_i p_i f_k(x_i) = t_k,
///    \qquad p^\star_i = q_i\, e^{\lambda\cdot f(x_i)} / Z(\lambda) $$
///
/// `features[[k, i]] = f_k(x_i)` (shape `K×N`), `targets[k] = t_k`, `support` the `N` points
/// (validated and used for the shape; the features carry the values). Without a prior, `q` is
/// uniform and the value is the entropy `H(p)` in nats; with a prior, the value is
/// `D(p‖q)` in nats, and points of zero prior get `p_i = 0`.
///
/// The multipliers minimise the convex dual `ln Z(λ) − λ·t` (Boyd & Vandenberghe §5.2) by
/// damped Newton steps: exact Hessian `Cov_p[f]`, Armijo backtracking, exponents shifted by
/// their maximum (log-sum-exp), variables scaled by each feature's spread, a tiny ridge when
/// the Hessian is singular (affinely dependent features: then `p` is unique but `λ` is not,
/// and one minimiser is returned). Each iteration is one pass over the support per
/// line-search trial. With more than 16 constraints the exact Hessian (`O(NK²)` per pass) gives
/// way to L-BFGS steps (`O(NK)` per pass, memory 12; Nocedal & Wright, *Numerical
/// Optimization*, 2nd ed., Algorithm 7.4), with the same line search and certificate.
///
/// Feasibility (the targets must lie in the convex hull of the vectors `f(x_i)` of the points
/// of positive prior):
/// - up front, each target is checked against its feature's range: outside it,
///   [`Error::Infeasible`]; at an end of it, the constraint is met exactly on the face where
///   `f_k = t_k` (multiplier `±∞`, see [`MaxEntResult::multipliers`]), repeated until no target
///   is at an end of its range;
/// - targets inside every range but outside the hull (`K ≥ 2`) are certified infeasible during
///   the iteration: the dual is unbounded below and the iterates `λ` soon satisfy
///   `λ·f(x_i) < λ·t` for every point — a separating hyperplane — and the solver stops with
///   [`Error::Infeasible`].
///
/// Limit: targets on the boundary of the hull but at no end of a feature's range (a face not
/// aligned with a coordinate, `K ≥ 2`) have no finite multipliers. The iteration then drives
/// `|λ| → ∞` while the residual falls geometrically; it returns finite, large multipliers
/// once the certificate meets the tolerance, with `p` within the certificate of the face's
/// solution.
///
/// # Errors
/// - [`Error::Empty`]: `support` empty.
/// - [`Error::NonFinite`]: NaN or ±∞ in `support`, `features` (row-major index) or `targets`.
/// - [`Error::ShapeMismatch`]: `features` not `targets.len() × support.len()`.
/// - [`Error::LengthMismatch`]: `prior` and `support` of different lengths.
/// - The errors of [`check_probability_vector`] for `prior` (negative, not normalised, ...).
/// - [`Error::InvalidParameter`]: an invalid [`StoppingRule`].
/// - [`Error::Infeasible`]: targets outside the hull, as above.
/// - [`Error::NotConverged`]: the iterations ran out, or the line search stalled.
///
/// # Examples
/// A die with mean 4.8 (no prior, one feature `f(x) = x`):
/// ```
/// use ndarray::arr2;
/// use sanov::maxent::{maxent, MaxEntOptions};
/// let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/// let f = arr2(&[x]);
/// let r = maxent(&x, f.view(), &[4.8], None, &MaxEntOptions::default())?;
/// assert!((r.multipliers[0] - 0.514180063692712).abs() < 1e-13);
/// let mean: f64 = r.distribution.iter().zip(&x).map(|(p, x)| p * x).sum();
/// assert!((mean - 4.8).abs() < 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Jaynes (1957); Cover & Thomas (2006), §12.1–12.2; Csiszár (1975); Boyd & Vandenberghe
/// (2004), §5.2 and §9.5 (damped Newton).
pub fn maxent(
    support: &[f64],
    features: ArrayView2<'_, f64>,
    targets: &[f64],
    prior: Option<&[f64]>,
    params: &MaxEntOptions,
) -> Result<MaxEntResult> {
    params.stopping.validate()?;
    let n = support.len();
    if n == 0 {
        return Err(Error::Empty { arg: "support" });
    }
    first_non_finite("support", support.iter().copied())?;
    let k = targets.len();
    if features.dim() != (k, n) {
        return Err(Error::ShapeMismatch {
            arg: "features",
            expected: vec![k, n],
            found: vec![features.nrows(), features.ncols()],
        });
    }
    first_non_finite("targets", targets.iter().copied())?;
    first_non_finite("features", features.iter().copied())?;
    if let Some(q) = prior {
        if q.len() != n {
            return Err(Error::LengthMismatch {
                left_arg: "prior",
                left: q.len(),
                right_arg: "support",
                right: n,
            });
        }
        check_probability_vector("prior", q)?;
    }
    let rows: Vec<Cow<'_, [f64]>> = features
        .rows()
        .into_iter()
        .map(|r| contiguous(&r))
        .collect();
    solve(n, rows, targets, prior, params)
}

fn first_non_finite(arg: &'static str, x: impl Iterator<Item = f64>) -> Result<()> {
    for (index, value) in x.enumerate() {
        if !value.is_finite() {
            return Err(Error::NonFinite { arg, index, value });
        }
    }
    Ok(())
}

/// Constraint `k` over the active points: its range, or the reduction it forces.
fn range_of(row: &[f64], active: Option<&[usize]>) -> (f64, f64) {
    let fold = |(lo, hi): (f64, f64), v: f64| (lo.min(v), hi.max(v));
    let init = (f64::INFINITY, f64::NEG_INFINITY);
    match active {
        None => row.iter().copied().fold(init, fold),
        Some(a) => a.iter().map(|&i| row[i]).fold(init, fold),
    }
}

fn solve(
    n: usize,
    rows: Vec<Cow<'_, [f64]>>,
    targets: &[f64],
    prior: Option<&[f64]>,
    params: &MaxEntOptions,
) -> Result<MaxEntResult> {
    let k = targets.len();
    // Points of positive prior (`None`: all of them).
    let mut active: Option<Vec<usize>> = prior.and_then(|q| {
        q.contains(&0.0)
            .then(|| (0..n).filter(|&i| q[i] > 0.0).collect())
    });
    // Multipliers settled up front; `None` = still to solve.
    let mut fixed: Vec<Option<f64>> = vec![None; k];
    loop {
        let mut changed = false;
        for j in 0..k {
            if fixed[j].is_some() {
                continue;
            }
            let t = targets[j];
            let (lo, hi) = range_of(&rows[j], active.as_deref());
            if t < lo || t > hi {
                return Err(Error::Infeasible {
                    reason: "a target lies outside the range of its feature over the support \
                             (points of zero prior excluded), so outside the convex hull",
                });
            }
            if lo == hi {
                fixed[j] = Some(0.0);
            } else if t == hi || t == lo {
                fixed[j] = Some(if t == hi {
                    f64::INFINITY
                } else {
                    f64::NEG_INFINITY
                });
                let row = &rows[j];
                active = Some(match active.take() {
                    None => (0..n).filter(|&i| row[i] == t).collect(),
                    Some(a) => a.into_iter().filter(|&i| row[i] == t).collect(),
                });
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let free: Vec<usize> = (0..k).filter(|&j| fixed[j].is_none()).collect();
    let ln_q_full: Option<Vec<f64>> = prior.map(|q| q.iter().map(|v| v.ln()).collect());
    // Without a prior every point has ln q = −ln N, added after the passes.
    let c0 = if prior.is_none() {
        -(n as f64).ln()
    } else {
        0.0
    };
    let (free_rows, ln_q): (Rows<'_>, Option<Cow<'_, [f64]>>) = match &active {
        None => (
            free.iter().map(|&j| rows[j].clone()).collect(),
            ln_q_full.as_deref().map(Cow::Borrowed),
        ),
        Some(a) => (
            free.iter()
                .map(|&j| Cow::Owned(a.iter().map(|&i| rows[j][i]).collect()))
                .collect(),
            ln_q_full
                .as_deref()
                .map(|l| Cow::Owned(a.iter().map(|&i| l[i]).collect())),
        ),
    };
    let mut free_targets: Vec<f64> = free.iter().map(|&j| targets[j]).collect();
    // Features of extreme magnitude (1e200, 1e-200) are rescaled by an exact power of two
    // 2^−e so that their covariances (squares) neither overflow nor underflow; the multiplier
    // of the rescaled feature is λ·2^e. `exps[i]` is e for free constraint i.
    let mut free_rows = free_rows;
    let exps: Vec<i32> = free_rows
        .iter_mut()
        .zip(&mut free_targets)
        .map(|(row, t)| {
            let m = row.iter().fold(t.abs(), |m, v| m.max(v.abs()));
            let e = crate::real::pow2_exponent(m);
            if e.abs() > FEATURE_EXPONENT_LIMIT {
                let scaled: Vec<f64> = row
                    .iter()
                    .map(|&v| crate::real::scale_pow2(v, -e))
                    .collect();
                *row = Cow::Owned(scaled);
                *t = crate::real::scale_pow2(*t, -e);
                e
            } else {
                0
            }
        })
        .collect();
    let m = active.as_ref().map_or(n, Vec::len);
    let (lam, a, grad, p_active, iterations, residual, termination) = if free.is_empty() {
        // p = q restricted to the active points and renormalised: p_i = q_i / Q, A = ln Q.
        let (p, a) = match prior {
            Some(q) => {
                let qa: Vec<f64> = match &active {
                    None => q.to_vec(),
                    Some(idx) => idx.iter().map(|&i| q[i]).collect(),
                };
                let mut s = crate::sum::Neumaier::default();
                for &v in &qa {
                    s.add(v);
                }
                let s = s.total();
                (qa.iter().map(|v| v / s).collect(), s.ln())
            }
            None => (vec![1.0 / m as f64; m], (m as f64).ln()),
        };
        (
            Vec::new(),
            a + c0,
            Vec::new(),
            p,
            0,
            0.0,
            Termination::Exact,
        )
    } else {
        let d = dual::Dual {
            rows: free_rows,
            targets: free_targets,
            ln_q,
            par: params.par,
        };
        let scales: Vec<f64> = d
            .rows
            .iter()
            .zip(&d.targets)
            .map(|(r, t)| r.iter().fold(0.0, |s: f64, f| s.max((f - t).abs())))
            .collect();
        let sol = dual::newton(&d, &scales, &params.stopping)?;
        let p = d.distribution(&sol.lam, sol.eval.a);
        (
            sol.lam,
            sol.eval.a + c0,
            sol.eval.grad,
            p,
            sol.iterations,
            sol.residual,
            Termination::Converged,
        )
    };
    // D(p‖q) = Σ p (λ·g − A) = λ·E_p[g] − A.
    let kl = lam.iter().zip(&grad).map(|(l, g)| l * g).sum::<f64>() - a;
    let value = if prior.is_none() {
        (n as f64).ln() - kl
    } else {
        kl
    };
    let mut multipliers: Vec<f64> = fixed.iter().map(|v| v.unwrap_or(0.0)).collect();
    for ((&j, l), &e) in free.iter().zip(&lam).zip(&exps) {
        multipliers[j] = crate::real::scale_pow2(*l, -e);
    }
    let distribution = match &active {
        None => p_active,
        Some(idx) => {
            let mut p = vec![0.0; n];
            for (&i, v) in idx.iter().zip(p_active) {
                p[i] = v;
            }
            p
        }
    };
    Ok(MaxEntResult {
        distribution,
        multipliers,
        value,
        diagnostics: Diagnostics {
            iterations,
            termination,
            certificate: residual,
        },
    })
}

/// Maximum-entropy distribution on `support` with given power moments
/// `E[X^k] = moments[k − 1]`, `k = 1..K` (optionally the I-projection of `prior`).
///
/// [`maxent`] with `features[[k − 1, i]] = support[i]^k`; the multipliers are in the order of
/// `moments`, so `p_i ∝ q_i exp(Σ_k λ_k x_i^k)`.
///
/// # Errors
/// As [`maxent`]; a moment outside the range of `x^k` is [`Error::Infeasible`].
///
/// # Examples
/// A mean and a second moment on `{−1, 0, 1}`: `E[X] = 0`, `E[X²] = 2/3` is the uniform law.
/// ```
/// use sanov::maxent::{maxent_moments, MaxEntOptions};
/// let r = maxent_moments(&[-1.0, 0.0, 1.0], &[0.0, 2.0 / 3.0], None, &MaxEntOptions::default())?;
/// assert!(r.distribution.iter().all(|p| (p - 1.0 / 3.0).abs() < 1e-14));
/// assert!((r.value - 3f64.ln()).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn maxent_moments(
    support: &[f64],
    moments: &[f64],
    prior: Option<&[f64]>,
    params: &MaxEntOptions,
) -> Result<MaxEntResult> {
    first_non_finite("support", support.iter().copied())?;
    let k = moments.len();
    let n = support.len();
    let mut f = ndarray::Array2::zeros((k, n));
    for (j, mut row) in f.rows_mut().into_iter().enumerate() {
        let e = i32::try_from(j + 1).map_err(|_| Error::InvalidParameter {
            name: "moments",
            value: k as f64,
            expected: "fewer than 2^31 moments",
        })?;
        for (o, &x) in row.iter_mut().zip(support) {
            *o = x.powi(e);
        }
    }
    maxent(support, f.view(), moments, prior, params)
}

/// The lecture example: the maximum-entropy law of a die (faces `1..=6`) with a given mean,
/// `p_x ∝ e^{λx}` (Jaynes' Brandeis dice problem; Cover & Thomas, Example 12.2.1 style).
///
/// A mean of 3.5 gives the uniform law (`λ = 0`); a mean of 1 or 6 the point mass (`λ = ∓∞`,
/// [`Termination::Exact`]).
///
/// # Errors
/// [`Error::InvalidParameter`] for a non-finite `mean`; [`Error::Infeasible`] outside `[1, 6]`.
///
/// # Examples
/// ```
/// use sanov::maxent::biased_die;
/// let r = biased_die(4.8)?;
/// assert!((r.multipliers[0] - 0.514180063692712).abs() <= 1e-12 * 0.514180063692712);
/// let mean: f64 = r.distribution.iter().zip(1..=6).map(|(p, x)| p * x as f64).sum();
/// assert!((mean - 4.8).abs() < 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn biased_die(mean: f64) -> Result<MaxEntResult> {
    if !mean.is_finite() {
        return Err(Error::InvalidParameter {
            name: "mean",
            value: mean,
            expected: "a finite mean in [1, 6]",
        });
    }
    maxent_moments(
        &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        &[mean],
        None,
        &MaxEntOptions::default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr2;

    #[test]
    fn uniform_when_target_is_the_uniform_mean() {
        let r = biased_die(3.5).unwrap();
        assert_eq!(r.multipliers, vec![0.0]);
        assert_eq!(r.diagnostics.iterations, 0);
        assert!((r.value - 6f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn ends_of_range_are_exact_point_masses() {
        let r = biased_die(6.0).unwrap();
        assert_eq!(r.multipliers, vec![f64::INFINITY]);
        assert_eq!(r.distribution, vec![0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
        assert_eq!(r.diagnostics.termination, Termination::Exact);
        assert_eq!(r.value, 0.0);
        let r = biased_die(1.0).unwrap();
        assert_eq!(r.multipliers, vec![f64::NEG_INFINITY]);
        assert_eq!(r.distribution[0], 1.0);
    }

    #[test]
    fn non_aligned_hull_exterior_is_certified() {
        // Triangle (0,0), (1,0), (0,1); (0.6, 0.6) is inside the box but outside the hull.
        let f = arr2(&[[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
        let e = maxent(
            &[0.0, 1.0, 2.0],
            f.view(),
            &[0.6, 0.6],
            None,
            &MaxEntOptions::default(),
        );
        assert!(matches!(e, Err(Error::Infeasible { .. })), "{e:?}");
    }

    #[test]
    fn parallel_passes_match_sequential() {
        let n = 200_000;
        let x: Vec<f64> = (0..n).map(|i| i as f64 / n as f64).collect();
        let seq = maxent_moments(&x, &[0.3, 0.15], None, &MaxEntOptions::default()).unwrap();
        let par = MaxEntOptions {
            par: Par::rayon(2),
            ..MaxEntOptions::default()
        };
        let p = maxent_moments(&x, &[0.3, 0.15], None, &par).unwrap();
        assert_eq!(seq, p);
    }
}
