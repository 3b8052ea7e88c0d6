//! Fisher–Rao distances ([`FisherRao`] implementations): closed forms, and the numeric geodesic
//! solver for the families without one.

use ndarray::Array2;

use super::numeric::{self, GeodesicOptions};
use super::{FisherMetric, FisherRao};
use crate::error::{Error, Result};
use crate::families::{
    Bernoulli, Beta, Categorical, Dirichlet, Exponential, Gamma, Geometric, Laplace,
    MultivariateNormal, Normal, Poisson, VonMises,
};

/// `4 arcsin(‖√p − √q‖/2) = 2 arccos Σ √(p_i q_i)`, the great-circle distance on the sphere of
/// radius 2 that `p ↦ 2√p` maps the simplex onto. The arcsine form, with
/// `√p_i − √q_i = (p_i − q_i)/(√p_i + √q_i)`, keeps full relative accuracy for `p ≈ q`, where the
/// arccosine of a Bhattacharyya coefficient `≈ 1` loses half the digits.
pub(crate) fn sphere_distance(p: &[f64], q: &[f64]) -> f64 {
    let r2: f64 = p
        .iter()
        .zip(q)
        .map(|(&a, &b)| {
            // √a − √b = (a − b)/(√a + √b): no cancellation for a ≈ b.
            let s = a.sqrt() + b.sqrt();
            let d = if s == 0.0 { 0.0 } else { (a - b) / s };
            d * d
        })
        .sum();
    4.0 * (0.5 * r2.sqrt()).asin()
}

/// `2 asinh(‖(Δx, Δy)‖ / (2√(y₁y₂)))`, the distance of the Poincaré half-plane
/// `(dx² + dy²)/y²` (`= arccosh(1 + (Δx² + Δy²)/(2y₁y₂))`, without its cancellation near 0).
pub(crate) fn half_plane_distance(x1: f64, y1: f64, x2: f64, y2: f64) -> f64 {
    2.0 * ((x1 - x2).hypot(y1 - y2) / (2.0 * (y1 * y2).sqrt())).asinh()
}

/// `2 arccos Σ√(p_i q_i)`, evaluated as `4 arcsin(‖√p − √q‖/2)`; at most `π`.
impl FisherRao for Categorical {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let (p, q) = (self.probs(), other.probs());
        if p.len() != q.len() {
            return Err(Error::LengthMismatch {
                left_arg: "p.probs",
                left: p.len(),
                right_arg: "q.probs",
                right: q.len(),
            });
        }
        Ok(sphere_distance(p, q))
    }
}

/// `2 arccos(√(pq) + √((1−p)(1−q)))`, the categorical distance on `{0, 1}`.
impl FisherRao for Bernoulli {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let (p, q) = (self.p(), other.p());
        Ok(sphere_distance(&[p, 1.0 - p], &[q, 1.0 - q]))
    }
}

/// `√2 arccosh(1 + ((μ₁−μ₂)²/2 + (σ₁−σ₂)²)/(2σ₁σ₂))`: the metric `(dμ² + 2dσ²)/σ²` is twice the
/// Poincaré half-plane in `(μ/√2, σ)` (Atkinson & Mitchell 1981). Evaluated as
/// `2√2 asinh(√((μ₁−μ₂)²/2 + (σ₁−σ₂)²)/(2√(σ₁σ₂)))`, accurate near `p = q`.
impl FisherRao for Normal {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let s = core::f64::consts::SQRT_2;
        Ok(s * half_plane_distance(self.loc() / s, self.scale(), other.loc() / s, other.scale()))
    }
}

/// `arccosh(1 + ((μ₁−μ₂)² + (b₁−b₂)²)/(2b₁b₂))`: the metric `(dμ² + db²)/b²` is the Poincaré
/// half-plane itself.
impl FisherRao for Laplace {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        Ok(half_plane_distance(
            self.loc(),
            self.scale(),
            other.loc(),
            other.scale(),
        ))
    }
}

/// `2|√λ₁ − √λ₂|` (the metric `dλ²/λ` is flat in `2√λ`), evaluated as
/// `2|λ₁ − λ₂|/(√λ₁ + √λ₂)`.
impl FisherRao for Poisson {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let (a, b) = (self.rate(), other.rate());
        Ok(2.0 * (a - b).abs() / (a.sqrt() + b.sqrt()))
    }
}

/// `|ln(λ₁/λ₂)|` (the metric `dλ²/λ²` is flat in `ln λ`).
impl FisherRao for Exponential {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        Ok(abs_log_ratio(self.rate(), other.rate()))
    }
}

/// `|ln(a/b)|`: `ln(1 + (a − b)/b)` near `a = b` (`a − b` is exact there, so the result keeps
/// full relative accuracy), the log of the ratio when it is a normal number, else the
/// difference of logarithms.
fn abs_log_ratio(a: f64, b: f64) -> f64 {
    let r = a / b;
    if (0.5..=2.0).contains(&r) {
        ((a - b) / b).ln_1p().abs()
    } else if r.is_normal() {
        r.ln().abs()
    } else {
        (a.ln() - b.ln()).abs()
    }
}

/// `2|artanh √(1−p₁) − artanh √(1−p₂)|` (the metric `dp²/(p²(1−p))` integrates to
/// `−2 artanh √(1−p)`), evaluated as `2 artanh(|u₁ − u₂|/(1 − u₁u₂))` with `u = √(1−p)` and
/// `u₁ − u₂ = (p₂ − p₁)/(u₁ + u₂)`, accurate near `p₁ = p₂`.
impl FisherRao for Geometric {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let (p1, p2) = (self.p(), other.p());
        let (u1, u2) = ((1.0 - p1).sqrt(), (1.0 - p2).sqrt());
        if u1 + u2 == 0.0 {
            return Ok(0.0);
        }
        let du = (p2 - p1) / (u1 + u2);
        Ok(2.0 * (du.abs() / (1.0 - u1 * u2)).atanh())
    }
}

/// Numeric ([`numeric::geodesic`] in the chart `(ln a, ln b)`): the gamma family has no closed
/// form distance.
impl FisherRao for Gamma {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let start = [self.shape().ln(), self.rate().ln()];
        let end = [other.shape().ln(), other.rate().ln()];
        Ok(numeric::geodesic(
            log_chart(gamma_metric),
            &start,
            &end,
            &GeodesicOptions::default(),
        )?
        .distance)
    }
}

/// Numeric ([`numeric::geodesic`] in the chart `(ln α, ln β)`).
impl FisherRao for Beta {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let start = [self.alpha().ln(), self.beta().ln()];
        let end = [other.alpha().ln(), other.beta().ln()];
        Ok(numeric::geodesic(
            log_chart(beta_metric),
            &start,
            &end,
            &GeodesicOptions::default(),
        )?
        .distance)
    }
}

/// Numeric ([`numeric::geodesic`] in the chart `ln α`).
impl FisherRao for Dirichlet {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let (a, b) = (self.alpha(), other.alpha());
        if a.len() != b.len() {
            return Err(Error::LengthMismatch {
                left_arg: "p.alpha",
                left: a.len(),
                right_arg: "q.alpha",
                right: b.len(),
            });
        }
        let start: Vec<f64> = a.iter().map(|v| v.ln()).collect();
        let end: Vec<f64> = b.iter().map(|v| v.ln()).collect();
        Ok(numeric::geodesic(
            log_chart(dirichlet_metric),
            &start,
            &end,
            &GeodesicOptions::default(),
        )?
        .distance)
    }
}

/// Numeric ([`numeric::geodesic`] in the natural coordinates `η = (κ cos μ, κ sin μ)`, a global
/// chart in which the metric is the Hessian of `ln I₀(|η|)`, smooth through `κ = 0`).
impl FisherRao for VonMises {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        let eta = |d: &VonMises| {
            let (k, m) = (d.concentration(), d.loc());
            [k * m.cos(), k * m.sin()]
        };
        Ok(numeric::geodesic(
            von_mises_metric,
            &eta(self),
            &eta(other),
            &GeodesicOptions::default(),
        )?
        .distance)
    }
}

/// Numeric ([`numeric::geodesic`] in the chart `(μ, L)` with `Σ = LLᵀ`, `L` lower triangular
/// with log-diagonal). Only special cases have closed forms (equal means:
/// `√(½ Σ ln² λ_i(Σ₁⁻¹Σ₂))`; dimension 1: the normal's); the tests check the solver against
/// them.
impl FisherRao for MultivariateNormal {
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64> {
        if self.dim() != other.dim() {
            return Err(Error::LengthMismatch {
                left_arg: "p.mean",
                left: self.dim(),
                right_arg: "q.mean",
                right: other.dim(),
            });
        }
        let k = self.dim();
        let metric = move |u: &[f64]| mvn_chart_metric(k, u);
        Ok(numeric::geodesic(
            metric,
            &mvn_chart(self),
            &mvn_chart(other),
            &GeodesicOptions::default(),
        )?
        .distance)
    }
}

/// The metric in the chart `u = ln θ` of a family with positive parameters:
/// `G_u = D G(θ) D`, `D = diag(θ)`.
pub(crate) fn log_chart(
    metric: impl Fn(&[f64]) -> Option<Array2<f64>>,
) -> impl Fn(&[f64]) -> Option<Array2<f64>> {
    move |u: &[f64]| {
        let t: Vec<f64> = u.iter().map(|v| v.exp()).collect();
        if t.iter().any(|v| !(v.is_normal() && v.is_finite())) {
            return None;
        }
        let mut g = metric(&t)?;
        for i in 0..t.len() {
            for j in 0..t.len() {
                g[[i, j]] *= t[i] * t[j];
            }
        }
        Some(g)
    }
}

pub(crate) fn gamma_metric(t: &[f64]) -> Option<Array2<f64>> {
    Some(Gamma::new(t[0], t[1]).ok()?.fisher_information())
}

pub(crate) fn beta_metric(t: &[f64]) -> Option<Array2<f64>> {
    Some(Beta::new(t[0], t[1]).ok()?.fisher_information())
}

pub(crate) fn dirichlet_metric(t: &[f64]) -> Option<Array2<f64>> {
    Some(Dirichlet::new(t).ok()?.fisher_information())
}

/// The von Mises metric in natural coordinates: the Hessian of `ln I₀(r)`, `r = |η|`,
/// `A′(r) r̂r̂ᵀ + (A(r)/r)(I − r̂r̂ᵀ)` (`½ I` at `η = 0`).
pub(crate) fn von_mises_metric(eta: &[f64]) -> Option<Array2<f64>> {
    let r = eta[0].hypot(eta[1]);
    if !r.is_finite() {
        return None;
    }
    if r == 0.0 {
        return Some(ndarray::array![[0.5, 0.0], [0.0, 0.5]]);
    }
    let a_over_r = crate::special::bessel_i1_i0_ratio(r) / r;
    let ad = super::fisher::bessel_ratio_derivative(r);
    let (c, s) = (eta[0] / r, eta[1] / r);
    let m = ad - a_over_r;
    Some(ndarray::array![
        [a_over_r + m * c * c, m * c * s],
        [m * c * s, a_over_r + m * s * s]
    ])
}

/// The chart `(μ, L_00, L_10, L_11, L_20, …)` of a multivariate normal, diagonal entries of the
/// Cholesky factor as logarithms.
pub(crate) fn mvn_chart(d: &MultivariateNormal) -> Vec<f64> {
    let k = d.dim();
    let l = d.chol();
    let mut u = d.mean().to_vec();
    for i in 0..k {
        for j in 0..=i {
            u.push(if i == j { l[[i, i]].ln() } else { l[[i, j]] });
        }
    }
    u
}

/// The Fisher metric `dμᵀΣ⁻¹dμ + ½ tr(Σ⁻¹dΣ Σ⁻¹dΣ)` in the chart of [`mvn_chart`].
///
/// With `Σ = LLᵀ`, `L⁻¹ dΣ L⁻ᵀ = M + Mᵀ` for `M = L⁻¹ dL`. The slot `a = (i, j)` of `L` has
/// `∂L = s_a e_i e_jᵀ` (`s_a = L_ii` for a log-diagonal entry, else 1), so `M_a = u_a e_jᵀ` with
/// `u_a = s_a L⁻¹ e_i`, and for `b = (k, l)`:
/// `½ tr(S_a S_b) = (u_a)_l (u_b)_j + δ_jl ⟨u_a, u_b⟩`. The mean block is
/// `Σ⁻¹ = L⁻ᵀL⁻¹`; the cross block is 0.
pub(crate) fn mvn_chart_metric(k: usize, u: &[f64]) -> Option<Array2<f64>> {
    let mut l = Array2::<f64>::zeros((k, k));
    let mut slots = Vec::with_capacity(u.len() - k);
    let mut idx = k;
    for i in 0..k {
        for j in 0..=i {
            let v = u[idx];
            l[[i, j]] = if i == j { v.exp() } else { v };
            if !l[[i, j]].is_finite() || (i == j && l[[i, i]] == 0.0) {
                return None;
            }
            slots.push((i, j));
            idx += 1;
        }
    }
    let linv = lower_inverse(&l);
    let n = u.len();
    let mut g = Array2::<f64>::zeros((n, n));
    for p in 0..k {
        for q in 0..k {
            g[[p, q]] = (0..k).map(|r| linv[[r, p]] * linv[[r, q]]).sum();
        }
    }
    let us: Vec<Vec<f64>> = slots
        .iter()
        .map(|&(i, j)| {
            let scale = if i == j { l[[i, i]] } else { 1.0 };
            (0..k).map(|r| scale * linv[[r, i]]).collect()
        })
        .collect();
    for (a, &(_, j)) in slots.iter().enumerate() {
        for (b, &(_, lb)) in slots.iter().enumerate().take(a + 1) {
            let mut v = us[a][lb] * us[b][j];
            if j == lb {
                v += us[a].iter().zip(&us[b]).map(|(x, y)| x * y).sum::<f64>();
            }
            g[[k + a, k + b]] = v;
            g[[k + b, k + a]] = v;
        }
    }
    g.iter().all(|v| v.is_finite()).then_some(g)
}

/// The inverse of a lower-triangular matrix with non-zero diagonal.
fn lower_inverse(l: &Array2<f64>) -> Array2<f64> {
    let k = l.nrows();
    let mut inv = Array2::<f64>::zeros((k, k));
    for c in 0..k {
        for r in c..k {
            let mut s = if r == c { 1.0 } else { 0.0 };
            for p in c..r {
                s -= l[[r, p]] * inv[[p, c]];
            }
            inv[[r, c]] = s / l[[r, r]];
        }
    }
    inv
}
