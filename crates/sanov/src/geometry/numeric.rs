//! A numeric geodesic solver for Riemannian metrics given in a chart, for the Fisher–Rao
//! distances without a closed form (gamma, beta, Dirichlet, von Mises, multivariate normal).
//!
//! # Method
//! The geodesic equation `ẍ^k + Γ^k_ij ẋ^i ẋ^j = 0`, with the Christoffel symbols of the first
//! kind `Γ_k,ij = ½(∂_i G_kj + ∂_j G_ki − ∂_k G_ij)` from central differences of the metric
//! (error `O(h²)`, `h = 10⁻⁵(1 + |x_k|)`), is integrated on `t ∈ [0, 1]` by the classical
//! fourth-order Runge–Kutta method, and the boundary-value problem `x(0) = start`,
//! `x(1) = end` is solved by shooting on the initial velocity: damped Newton with a
//! forward-difference Jacobian (continuation towards `end` in up to 64 stages if the straight
//! line is too poor a first guess). The distance is the length `∫₀¹ √(ẋᵀG(x)ẋ) dt` of the
//! computed path, by Simpson's rule on the Runge–Kutta nodes.
//!
//! # Accuracy
//! The path ends at `end` to `10⁻¹²(1 + max|x|)` in the chart (`10⁻⁹` where the noise of the
//! differenced metric stops Newton earlier), and a path that is `ε` away from
//! the geodesic has a length `O(ε²)` away from the distance (the geodesic is a critical point
//! of the length), so errors in the Christoffel symbols barely reach the distance. The number
//! of steps doubles from [`GeodesicOptions::initial_steps`] until two successive lengths agree
//! to `GeodesicOptions::stopping.tolerance` (relative, default `10⁻⁹`); with a global error
//! `O(h⁴)` the returned length is then typically within `tolerance/15` of the limit. The tests check the solver
//! against every closed form available (normal and Laplace half-planes, multivariate normals of
//! dimension 1, with equal means, or in a product submanifold) and against mpmath references
//! (gamma, beta, von Mises) to `10⁻⁸` relative, the stated accuracy; the observed agreement is
//! `10⁻¹¹` or better on those cases.

use ndarray::Array2;

use crate::error::{Error, Result};
use crate::iterate::StoppingRule;
use crate::linalg::{cholesky, cholesky_solve};

/// Options of [`geodesic`].
///
/// The refinement stops by [`stopping`](Self::stopping), the [`StoppingRule`] shared by
/// sanov's iterative solvers. The fields `rtol` and `max_steps` are deprecated (0.2.0, removed
/// in 0.3) and still honoured: a deprecated field set to anything but its default (`1e-9`,
/// `4096`) takes precedence over the matching field of `stopping`.
///
/// # Examples
/// ```
/// use sanov::geometry::numeric::GeodesicOptions;
/// use sanov::iterate::StoppingRule;
/// let o = GeodesicOptions::default();
/// assert_eq!(o.stopping, StoppingRule { max_iterations: 4096, tolerance: 1e-9 });
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GeodesicOptions {
    /// When the refinement stops: `tolerance` is the relative agreement of two successive
    /// lengths (step counts `m` and `2m`) that ends it (with a global error `O(h⁴)`, the length
    /// of the finer solve is then within about `tolerance/15` of the limit);
    /// `max_iterations` is the most Runge–Kutta steps `m` tried before giving up with
    /// [`Error::NotConverged`] (whose `iterations` is a step count). Default
    /// `{ max_iterations: 4096, tolerance: 1e-9 }`.
    pub stopping: StoppingRule,
    /// Deprecated: use `stopping.tolerance`. Honoured when it differs from its default `1e-9`.
    #[deprecated(
        since = "0.2.0",
        note = "use `stopping.tolerance`; still honoured when it differs from its default 1e-9"
    )]
    pub rtol: f64,
    /// Runge–Kutta steps of the first (coarsest) solve; even. Default 16.
    pub initial_steps: usize,
    /// Deprecated: use `stopping.max_iterations`. Honoured when it differs from its default
    /// 4096.
    #[deprecated(
        since = "0.2.0",
        note = "use `stopping.max_iterations`; still honoured when it differs from its default 4096"
    )]
    pub max_steps: usize,
    /// Newton iterations allowed per solve (not the refinement budget, which is
    /// `stopping.max_iterations`). Default 60.
    pub max_iterations: usize,
}

/// Default relative agreement of successive lengths.
const DEFAULT_RTOL: f64 = 1e-9;
/// Default most Runge–Kutta steps.
const DEFAULT_MAX_STEPS: usize = 4096;

#[allow(deprecated)] // sets the deprecated fields to their defaults
impl Default for GeodesicOptions {
    fn default() -> Self {
        Self {
            stopping: StoppingRule {
                max_iterations: DEFAULT_MAX_STEPS,
                tolerance: DEFAULT_RTOL,
            },
            rtol: DEFAULT_RTOL,
            initial_steps: 16,
            max_steps: DEFAULT_MAX_STEPS,
            max_iterations: 60,
        }
    }
}

impl GeodesicOptions {
    /// The rule in force: `stopping`, overridden field by field by a deprecated field that is
    /// not at its default.
    #[allow(deprecated)] // reads the deprecated fields, to honour them
    fn effective_stopping(&self) -> StoppingRule {
        let mut rule = self.stopping;
        if self.rtol.to_bits() != DEFAULT_RTOL.to_bits() {
            rule.tolerance = self.rtol;
        }
        if self.max_steps != DEFAULT_MAX_STEPS {
            rule.max_iterations = self.max_steps;
        }
        rule
    }
}

/// A geodesic found by [`geodesic`].
#[derive(Debug, Clone, PartialEq)]
pub struct NumericGeodesic {
    /// Its length: the geodesic distance between the end points.
    pub distance: f64,
    /// `|L_m − L_{m/2}|`, the change of the length at the last doubling of the steps (an upper
    /// estimate of the error of `distance`).
    pub error_estimate: f64,
    /// The number of Runge–Kutta steps `m` of the final solve.
    pub steps: usize,
    /// The initial velocity `ẋ(0)` (in chart units per unit of `t ∈ [0, 1]`).
    pub initial_velocity: Vec<f64>,
    /// The points of the path in the chart, at `t = j/m`, `j = 0..=m` (`(m + 1) × dim`).
    pub path: Array2<f64>,
}

/// Central-difference step scale for the metric derivatives (error `O(h²) ≈ 10⁻¹⁰`, rounding
/// `≈ 10⁻¹¹`: enough, as the length is second-order in the path's error).
const FD_STEP: f64 = 1e-5;
/// Forward-difference step scale for the shooting Jacobian.
const JAC_STEP: f64 = 1e-7;
/// Tolerance on the end-point residual, relative to `1 + max |x|`.
const RESIDUAL_TOL: f64 = 1e-12;
/// A residual this many times [`RESIDUAL_TOL`] is accepted when Newton can no longer reduce it
/// (the noise floor of the finite-difference Christoffel symbols).
const NOISE_FLOOR: f64 = 1e3;

/// The geodesic of the metric `metric` between `start` and `end`, and its length.
///
/// `metric(x)` returns the (symmetric positive definite) metric tensor at the chart point `x`,
/// or `None` outside the chart's domain.
///
/// # Errors
/// [`Error::Empty`] if `start` is empty; [`Error::LengthMismatch`] if `end` has another length;
/// [`Error::NonFinite`] for a NaN or infinite coordinate; [`Error::NotPositiveDefinite`]
/// (`arg = "metric"`) if the metric is undefined or not positive definite at an end point;
/// [`Error::InvalidParameter`] for options out of range (`stopping.tolerance ≤ 0`, reported as
/// `rtol`; `initial_steps` odd or `< 2`); [`Error::NotConverged`] if shooting fails or the
/// lengths do not settle within `stopping.max_iterations` steps.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::geometry::numeric::{geodesic, GeodesicOptions};
/// // The Poincaré half-plane (dx² + dy²)/y²: d((0, 1), (0, e)) = 1 along the y-axis.
/// let g = geodesic(
///     |x: &[f64]| (x[1] > 0.0).then(|| array![[1.0, 0.0], [0.0, 1.0]] / (x[1] * x[1])),
///     &[0.0, 1.0],
///     &[0.0, std::f64::consts::E],
///     &GeodesicOptions::default(),
/// )?;
/// assert!((g.distance - 1.0).abs() < 1e-10);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn geodesic<M>(
    metric: M,
    start: &[f64],
    end: &[f64],
    options: &GeodesicOptions,
) -> Result<NumericGeodesic>
where
    M: Fn(&[f64]) -> Option<Array2<f64>>,
{
    let n = start.len();
    if n == 0 {
        return Err(Error::Empty { arg: "start" });
    }
    if end.len() != n {
        return Err(Error::LengthMismatch {
            left_arg: "start",
            left: n,
            right_arg: "end",
            right: end.len(),
        });
    }
    for (arg, x) in [("start", start), ("end", end)] {
        for (index, &value) in x.iter().enumerate() {
            if !value.is_finite() {
                return Err(Error::NonFinite { arg, index, value });
            }
        }
        if metric(x)
            .as_ref()
            .and_then(|m| cholesky(m.view()))
            .is_none()
        {
            return Err(Error::NotPositiveDefinite { arg: "metric" });
        }
    }
    let rule = options.effective_stopping();
    if !(rule.tolerance > 0.0) {
        return Err(Error::InvalidParameter {
            name: "rtol",
            value: rule.tolerance,
            expected: "must be > 0",
        });
    }
    if options.initial_steps < 2 || options.initial_steps % 2 == 1 {
        return Err(Error::InvalidParameter {
            name: "initial_steps",
            value: options.initial_steps as f64,
            expected: "must be even and >= 2",
        });
    }
    let solver = Shooter {
        metric: &metric,
        start,
        tol: RESIDUAL_TOL * (1.0 + start.iter().chain(end).fold(0.0f64, |m, v| m.max(v.abs()))),
        max_iterations: options.max_iterations,
    };
    if start == end {
        return Ok(NumericGeodesic {
            distance: 0.0,
            error_estimate: 0.0,
            steps: 0,
            initial_velocity: vec![0.0; n],
            path: Array2::from_shape_vec((1, n), start.to_vec()).unwrap_or_else(|_| unreachable!()),
        });
    }
    let mut m = options.initial_steps;
    let mut jac = None;
    let straight: Vec<f64> = start.iter().zip(end).map(|(a, b)| b - a).collect();
    let mut v = match solver.solve(end, straight.clone(), m, &mut jac) {
        Ok(v) => v,
        Err(e) => solver.continuation(end, &straight, m, &mut jac).ok_or(e)?,
    };
    let mut prev = solver.length(&v, m).ok_or(not_converged(0, f64::NAN))?;
    loop {
        m *= 2;
        if m > rule.max_iterations {
            return Err(not_converged(m / 2, f64::NAN));
        }
        v = solver.solve(end, v, m, &mut jac)?;
        let (len, path) = solver
            .length_and_path(&v, m)
            .ok_or(not_converged(m, f64::NAN))?;
        let err = (len - prev).abs();
        if err <= rule.tolerance * len {
            return Ok(NumericGeodesic {
                distance: len,
                error_estimate: err,
                steps: m,
                initial_velocity: v,
                path,
            });
        }
        prev = len;
    }
}

fn not_converged(iterations: usize, residual: f64) -> Error {
    Error::NotConverged {
        iterations,
        residual,
    }
}

/// Positions and velocities at the Runge–Kutta nodes.
type Nodes = (Vec<Vec<f64>>, Vec<Vec<f64>>);

struct Shooter<'a, M> {
    metric: &'a M,
    start: &'a [f64],
    tol: f64,
    max_iterations: usize,
}

impl<M: Fn(&[f64]) -> Option<Array2<f64>>> Shooter<'_, M> {
    /// `ẍ = −G⁻¹ Γ[ẋ, ẋ]`, `Γ[v, v]_k = Σ_i v_i (∂_i G v)_k − ½ vᵀ(∂_k G)v`.
    fn accel(&self, x: &[f64], v: &[f64]) -> Option<Vec<f64>> {
        let n = x.len();
        let g = (self.metric)(x)?;
        let l = cholesky(g.view())?;
        let mut rhs = vec![0.0; n];
        let mut xs = x.to_vec();
        for k in 0..n {
            let h = FD_STEP * (1.0 + x[k].abs());
            let mut eval = |s: f64| {
                xs[k] = x[k] + s * h;
                let r = (self.metric)(&xs);
                xs[k] = x[k];
                r
            };
            let (p1, m1) = (eval(1.0)?, eval(-1.0)?);
            let dg = (&p1 - &m1) / (2.0 * h);
            // v_k (∂_k G v) + (−½ vᵀ ∂_k G v) e_k
            let dgv = dg.dot(&ndarray::ArrayView1::from(v));
            let q: f64 = v.iter().zip(dgv.iter()).map(|(a, b)| a * b).sum();
            for (r, d) in rhs.iter_mut().zip(dgv.iter()) {
                *r += v[k] * d;
            }
            rhs[k] -= 0.5 * q;
        }
        let a = cholesky_solve(&l, &rhs);
        let out: Vec<f64> = a.into_iter().map(|z| -z).collect();
        out.iter().all(|z| z.is_finite()).then_some(out)
    }

    /// RK4 on `[0, 1]` with `m` steps; the nodes `(x_j, v_j)`.
    fn integrate(&self, v0: &[f64], m: usize) -> Option<Nodes> {
        let h = 1.0 / m as f64;
        let mut x = self.start.to_vec();
        let mut v = v0.to_vec();
        let mut xs = vec![x.clone()];
        let mut vs = vec![v.clone()];
        let axpy = |a: &[f64], s: f64, b: &[f64]| -> Vec<f64> {
            a.iter().zip(b).map(|(p, q)| p + s * q).collect()
        };
        for _ in 0..m {
            let k1x = v.clone();
            let k1v = self.accel(&x, &v)?;
            let k2x = axpy(&v, 0.5 * h, &k1v);
            let k2v = self.accel(&axpy(&x, 0.5 * h, &k1x), &k2x)?;
            let k3x = axpy(&v, 0.5 * h, &k2v);
            let k3v = self.accel(&axpy(&x, 0.5 * h, &k2x), &k3x)?;
            let k4x = axpy(&v, h, &k3v);
            let k4v = self.accel(&axpy(&x, h, &k3x), &k4x)?;
            for i in 0..x.len() {
                x[i] += h / 6.0 * (k1x[i] + 2.0 * k2x[i] + 2.0 * k3x[i] + k4x[i]);
                v[i] += h / 6.0 * (k1v[i] + 2.0 * k2v[i] + 2.0 * k3v[i] + k4v[i]);
            }
            if x.iter().chain(&v).any(|z| !z.is_finite()) {
                return None;
            }
            xs.push(x.clone());
            vs.push(v.clone());
        }
        Some((xs, vs))
    }

    fn residual(&self, v0: &[f64], target: &[f64], m: usize) -> Option<Vec<f64>> {
        let (xs, _) = self.integrate(v0, m)?;
        Some(xs[m].iter().zip(target).map(|(a, b)| a - b).collect())
    }

    fn jacobian(&self, v0: &[f64], r0: &[f64], target: &[f64], m: usize) -> Option<Array2<f64>> {
        let n = v0.len();
        let mut j = Array2::<f64>::zeros((n, n));
        for c in 0..n {
            let mut v = v0.to_vec();
            let e = JAC_STEP * (1.0 + v0[c].abs());
            v[c] += e;
            let r = self.residual(&v, target, m)?;
            for row in 0..n {
                j[[row, c]] = (r[row] - r0[row]) / e;
            }
        }
        Some(j)
    }

    /// Damped Newton on `v ↦ x(1; v) − target` from `v`; `jac` is reused while it works.
    fn solve(
        &self,
        target: &[f64],
        mut v: Vec<f64>,
        m: usize,
        jac: &mut Option<Array2<f64>>,
    ) -> Result<Vec<f64>> {
        let norm = |r: &[f64]| r.iter().fold(0.0f64, |a, b| a.max(b.abs()));
        let mut r = self
            .residual(&v, target, m)
            .ok_or(not_converged(0, f64::NAN))?;
        let mut fresh = false;
        for it in 0..self.max_iterations {
            let rn = norm(&r);
            if rn <= self.tol {
                return Ok(v);
            }
            if jac.is_none() {
                *jac = self.jacobian(&v, &r, target, m);
                fresh = true;
            }
            let Some(dv) = jac.as_ref().and_then(|j| lu_solve(j, &r)) else {
                if fresh && rn <= NOISE_FLOOR * self.tol {
                    return Ok(v);
                }
                if fresh {
                    return Err(not_converged(it, rn));
                }
                *jac = None;
                continue;
            };
            let mut t = 1.0;
            let mut accepted = None;
            for _ in 0..40 {
                let cand: Vec<f64> = v.iter().zip(&dv).map(|(a, d)| a - t * d).collect();
                if let Some(rc) = self.residual(&cand, target, m) {
                    if norm(&rc) < rn {
                        accepted = Some((cand, rc));
                        break;
                    }
                }
                t *= 0.5;
            }
            match accepted {
                Some((cand, rc)) => {
                    let ratio = norm(&rc) / rn;
                    v = cand;
                    r = rc;
                    if ratio > 0.25 {
                        *jac = None;
                    }
                    fresh = false;
                }
                None if !fresh => *jac = None,
                None if rn <= NOISE_FLOOR * self.tol => return Ok(v),
                None => return Err(not_converged(it, rn)),
            }
        }
        Err(not_converged(self.max_iterations, norm(&r)))
    }

    /// Solves for targets moving from `start` to `end` in `k` stages, `k = 4, 16, 64`.
    fn continuation(
        &self,
        end: &[f64],
        straight: &[f64],
        m: usize,
        jac: &mut Option<Array2<f64>>,
    ) -> Option<Vec<f64>> {
        'stages: for k in [4usize, 16, 64] {
            let mut v: Vec<f64> = straight.iter().map(|d| d / k as f64).collect();
            *jac = None;
            for s in 1..=k {
                let f = s as f64 / k as f64;
                let target: Vec<f64> = self
                    .start
                    .iter()
                    .zip(end)
                    .map(|(a, b)| a + f * (b - a))
                    .collect();
                match self.solve(&target, v.clone(), m, jac) {
                    Ok(w) => v = w.iter().map(|z| z * (s + 1) as f64 / s as f64).collect(),
                    Err(_) => continue 'stages,
                }
                if s == k {
                    return Some(v.iter().map(|z| z * s as f64 / (s + 1) as f64).collect());
                }
            }
        }
        None
    }

    fn length(&self, v0: &[f64], m: usize) -> Option<f64> {
        self.length_and_path(v0, m).map(|(l, _)| l)
    }

    /// Simpson's rule on the speeds `√(vᵀGv)` at the `m + 1` nodes, and the nodes.
    fn length_and_path(&self, v0: &[f64], m: usize) -> Option<(f64, Array2<f64>)> {
        let (xs, vs) = self.integrate(v0, m)?;
        let mut sum = 0.0;
        for j in 0..=m {
            let g = (self.metric)(&xs[j])?;
            let v = ndarray::ArrayView1::from(&vs[j]);
            let s = v.dot(&g.dot(&v)).max(0.0).sqrt();
            let w = if j == 0 || j == m {
                1.0
            } else if j % 2 == 1 {
                4.0
            } else {
                2.0
            };
            sum += w * s;
        }
        let n = self.start.len();
        let flat: Vec<f64> = xs.into_iter().flatten().collect();
        let path = Array2::from_shape_vec((m + 1, n), flat).ok()?;
        Some((sum / (3.0 * m as f64), path))
    }
}

/// Solves `A x = b` by Gaussian elimination with partial pivoting; `None` if singular.
fn lu_solve(a: &Array2<f64>, b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    let mut m = a.clone();
    let mut x = b.to_vec();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| m[[i, c]].abs().total_cmp(&m[[j, c]].abs()))?;
        if !(m[[p, c]].abs() > 0.0) || !m[[p, c]].is_finite() {
            return None;
        }
        if p != c {
            for k in 0..n {
                m.swap([p, k], [c, k]);
            }
            x.swap(p, c);
        }
        for r in c + 1..n {
            let f = m[[r, c]] / m[[c, c]];
            for k in c..n {
                m[[r, k]] -= f * m[[c, k]];
            }
            x[r] -= f * x[c];
        }
    }
    for c in (0..n).rev() {
        let mut s = x[c];
        for k in c + 1..n {
            s -= m[[c, k]] * x[k];
        }
        x[c] = s / m[[c, c]];
    }
    x.iter().all(|z| z.is_finite()).then_some(x)
}
