//! The iterative (Blahut–Arimoto-like) information bottleneck with seeded restarts.

use super::evaluate::{point, IbPoint};
use super::{check_beta, check_clusters, Joint, SplitMix64};
use crate::error::{Error, Result};
use crate::iterate::StoppingRule;
use crate::units::Base;
use ndarray::{Array2, ArrayView2};

/// The options of [`information_bottleneck`] and [`super::deterministic_bottleneck`].
///
/// # Examples
/// ```
/// use sanov::bottleneck::IbOptions;
/// let o = IbOptions { restarts: 4, seed: 7, ..IbOptions::default() };
/// assert_eq!(o.rule.max_iterations, 10_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IbOptions {
    /// Random initial encoders tried (at least 1); the best result is returned.
    pub restarts: usize,
    /// Seed of the initial encoders (splitmix64): the result is reproducible.
    pub seed: u64,
    /// Stopping rule of each run: it stops when no encoder entry changes by more than
    /// `tolerance` in a sweep.
    pub rule: StoppingRule,
}

impl Default for IbOptions {
    /// 16 restarts, seed 0, at most 10 000 sweeps, tolerance 1e-10.
    fn default() -> Self {
        Self {
            restarts: 16,
            seed: 0,
            rule: StoppingRule {
                max_iterations: 10_000,
                tolerance: 1e-10,
            },
        }
    }
}

impl IbOptions {
    pub(crate) fn validate(&self) -> Result<()> {
        self.rule.validate()?;
        if self.restarts == 0 {
            return Err(Error::InvalidParameter {
                name: "restarts",
                value: 0.0,
                expected: "at least 1 restart",
            });
        }
        Ok(())
    }
}

/// The convergence report of a run with restarts.
#[derive(Debug, Clone, PartialEq)]
pub struct IbReport {
    /// Sweeps used by each restart (for the exact DIB solver: the encoders enumerated).
    pub iterations: Vec<usize>,
    /// Whether each restart met the tolerance.
    pub converged: Vec<bool>,
    /// The Lagrangian reached by each restart (in the result's base).
    pub lagrangians: Vec<f64>,
    /// The restart whose result is returned.
    pub best: usize,
    /// The last encoder change of the returned run (0 for hard assignments that repeat).
    pub final_change: f64,
}

/// A bottleneck solution: the encoder, its point and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct IbSolution {
    /// `q(t|x)`, `[|X|, |T|]` (0/1 entries for the deterministic bottleneck).
    pub encoder: Array2<f64>,
    /// Its coordinates and Lagrangians.
    pub point: IbPoint,
    /// How the runs went.
    pub report: IbReport,
}

/// Runs the self-consistent IB equations on `q` (flat `[nx][nt]`) until the rule's tolerance;
/// returns (sweeps, last change, converged).
pub(crate) fn iterate_ib(
    j: &Joint,
    q: &mut [f64],
    nt: usize,
    beta: f64,
    rule: &StoppingRule,
) -> (usize, f64, bool) {
    let (nx, ny) = (j.nx, j.ny);
    let mut qt = vec![0.0; nt];
    let mut qty = vec![0.0; nt * ny];
    let mut logit = vec![0.0; nt];
    let mut ln_qyt = vec![0.0; nt * ny];
    // p(y|x) and Σ_y p ln p per x (rows with p(x) = 0 are all 0: they never matter).
    let mut cond = vec![0.0; nx * ny];
    let mut neg_h = vec![0.0; nx];
    for x in 0..nx {
        if j.px[x] > 0.0 {
            for y in 0..ny {
                let p = j.pxy[x * ny + y] / j.px[x];
                cond[x * ny + y] = p;
                if p > 0.0 {
                    neg_h[x] += p * p.ln();
                }
            }
        }
    }
    let mut change = f64::INFINITY;
    for it in 1..=rule.max_iterations {
        qt.fill(0.0);
        qty.fill(0.0);
        for x in 0..nx {
            for t in 0..nt {
                let w = q[x * nt + t];
                qt[t] += j.px[x] * w;
                for y in 0..ny {
                    qty[t * ny + y] += w * j.pxy[x * ny + y];
                }
            }
        }
        // ln q(y|t) once per sweep; KL(p(y|x) ‖ q(y|t)) = Σ p ln p − Σ p ln q(y|t).
        for t in 0..nt {
            for y in 0..ny {
                ln_qyt[t * ny + y] = if qt[t] > 0.0 {
                    (qty[t * ny + y] / qt[t]).ln()
                } else {
                    f64::NEG_INFINITY
                };
            }
        }
        change = 0.0;
        for x in 0..nx {
            let pyx = &cond[x * ny..(x + 1) * ny];
            for t in 0..nt {
                logit[t] = if qt[t] > 0.0 {
                    let mut d = neg_h[x];
                    if beta > 0.0 {
                        let lq = &ln_qyt[t * ny..(t + 1) * ny];
                        for (p, l) in pyx.iter().zip(lq) {
                            if *p > 0.0 {
                                d -= p * l;
                            }
                        }
                    }
                    let v = qt[t].ln() - beta * d;
                    if v.is_nan() {
                        f64::NEG_INFINITY
                    } else {
                        v
                    }
                } else {
                    f64::NEG_INFINITY
                };
            }
            let m = logit.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let z: f64 = logit.iter().map(|v| (v - m).exp()).sum();
            for t in 0..nt {
                let new = (logit[t] - m).exp() / z;
                change = change.max((new - q[x * nt + t]).abs());
                q[x * nt + t] = new;
            }
        }
        if change <= rule.tolerance {
            return (it, change, true);
        }
    }
    (rule.max_iterations, change, false)
}

/// A random encoder: each row uniform on the simplex (normalised uniforms).
pub(crate) fn random_encoder(rng: &mut SplitMix64, nx: usize, nt: usize) -> Vec<f64> {
    let mut q = vec![0.0; nx * nt];
    for x in 0..nx {
        let row = &mut q[x * nt..(x + 1) * nt];
        for v in row.iter_mut() {
            *v = -(1.0 - rng.next_f64()).ln();
        }
        let s: f64 = row.iter().sum();
        for v in row.iter_mut() {
            *v /= s;
        }
    }
    q
}

/// The first restart's encoder: `x ↦ x mod |T|` with weight `1 − 10⁻³`, the rest spread
/// uniformly (it reaches the `β → ∞` optimum, which random starts at large β can miss).
pub(crate) fn spread_encoder(nx: usize, nt: usize) -> Vec<f64> {
    let eps = 1e-3;
    let mut q = vec![eps / nt as f64; nx * nt];
    for x in 0..nx {
        q[x * nt + x % nt] += 1.0 - eps;
    }
    q
}

/// The information bottleneck: the encoder `q(t|x)` with `n_clusters` values of `T` that
/// minimises `L_IB = I(X;T) − β I(T;Y)`, by the self-consistent equations of Tishby, Pereira &
/// Bialek (1999),
///
/// $$ q(t|x) \propto q(t)\, e^{-\beta\, D_{\mathrm{KL}}(p(y|x) \,\|\, q(y|t))}, \quad
///    q(t) = \sum_x p(x) q(t|x), \quad q(y|t) = \frac{1}{q(t)} \sum_x p(x,y) q(t|x), $$
///
/// iterated (each sweep does not increase `L_IB`) from `options.restarts` random encoders
/// (seeded; the first starts from `x ↦ x mod |T|` blended with 10⁻³ of the uniform
/// encoder). The iteration finds a local minimum; the restarts make the global one likely, not
/// certain. Returns the restart with the lowest `L_IB` among those that converged.
///
/// # Errors
/// As [`super::evaluate_encoder`] for the joint and `beta`; [`Error::InvalidParameter`] for
/// `n_clusters = 0` or invalid options; [`Error::NotConverged`] if no restart converged.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{bottleneck::{information_bottleneck, IbOptions}, Base};
/// let p = array![[0.25, 0.0], [0.25, 0.0], [0.0, 0.5]];
/// // Large β with 2 clusters: T keeps all of I(X;Y) = 1 bit.
/// let s = information_bottleneck(p.view(), 2, 50.0, Base::Bits, &IbOptions::default())?;
/// assert!((s.point.i_ty - 1.0).abs() < 1e-9);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn information_bottleneck(
    joint: ArrayView2<'_, f64>,
    n_clusters: usize,
    beta: f64,
    base: Base,
    options: &IbOptions,
) -> Result<IbSolution> {
    check_beta(beta)?;
    check_clusters(n_clusters)?;
    options.validate()?;
    let j = Joint::new(joint)?;
    let nt = n_clusters;
    let mut rng = SplitMix64(options.seed);
    let mut report = IbReport {
        iterations: vec![],
        converged: vec![],
        lagrangians: vec![],
        best: 0,
        final_change: f64::NAN,
    };
    let mut best: Option<(Vec<f64>, IbPoint, f64)> = None;
    let mut least_change = f64::INFINITY;
    for r in 0..options.restarts {
        let mut q = if r == 0 {
            spread_encoder(j.nx, nt)
        } else {
            random_encoder(&mut rng, j.nx, nt)
        };
        let (it, change, ok) = iterate_ib(&j, &mut q, nt, beta, &options.rule);
        let pt = point(&j, &q, nt, beta);
        least_change = least_change.min(change);
        report.iterations.push(it);
        report.converged.push(ok);
        report.lagrangians.push(base.from_nats(pt.lagrangian_ib));
        if ok
            && best
                .as_ref()
                .is_none_or(|b| pt.lagrangian_ib < b.1.lagrangian_ib)
        {
            report.best = r;
            best = Some((q, pt, change));
        }
    }
    let Some((q, pt, change)) = best else {
        return Err(Error::NotConverged {
            iterations: options.rule.max_iterations,
            residual: least_change,
        });
    };
    report.final_change = change;
    Ok(IbSolution {
        encoder: Array2::from_shape_vec((j.nx, nt), q).expect("shape"),
        point: pt.in_base(base),
        report,
    })
}
