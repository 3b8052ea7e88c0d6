//! The Fisher–Rao regulariser `d_FR(θ, θ_ref)²` and its gradient.

use super::distance::{sphere_distance, von_mises_metric};
use super::numeric::{geodesic, GeodesicOptions};
use super::FisherRao;
use crate::error::{Error, Result};
use crate::families::{Categorical, Normal, VonMises};

/// A value and its gradient.
#[derive(Debug, Clone, PartialEq)]
pub struct Regularizer {
    /// `d_FR(θ, θ_ref)²`.
    pub value: f64,
    /// `∇_θ d_FR(θ, θ_ref)²`, in the coordinates documented by the implementation.
    pub gradient: Vec<f64>,
}

/// Families with a closed-form Fisher–Rao regulariser `R(θ) = d_FR(θ, θ_ref)²` and gradient.
///
/// Penalising the squared Fisher–Rao distance to a reference is the "thermodynamically
/// optimal" regulariser of the regularisation paper: the geodesic distance of the Fisher
/// metric is the minimal thermodynamic length (Crooks 2007, "Measuring thermodynamic length";
/// Salamon & Berry 1983) between two equilibrium states.
pub trait FisherRaoRegularizer: FisherRao {
    /// `d_FR(self, reference)²` and its gradient in `self`'s parameters.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] for members of different dimensions.
    fn fisher_rao_regularizer(&self, reference: &Self) -> Result<Regularizer>;
}

/// `R(θ) = d_FR(θ, θ_ref)²` and `∇_θ R`: see [`FisherRaoRegularizer`].
///
/// # Errors
/// As [`FisherRaoRegularizer::fisher_rao_regularizer`].
///
/// # Examples
/// ```
/// use sanov::families::Normal;
/// use sanov::geometry::fisher_rao_regularizer;
/// let r = fisher_rao_regularizer(&Normal::new(0.0, 1.0)?, &Normal::new(0.0, 1.0)?)?;
/// assert_eq!((r.value, r.gradient.clone()), (0.0, vec![0.0, 0.0]));
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn fisher_rao_regularizer<F: FisherRaoRegularizer>(
    theta: &F,
    reference: &F,
) -> Result<Regularizer> {
    theta.fisher_rao_regularizer(reference)
}

/// Gradient in `(loc, scale)`. With `s = √((μ−μ_r)²/2 + (σ−σ_r)²)/(2√(σσ_r))`,
/// `δ = 2s²`, `R = 8 asinh²(s)`:
/// `∂R/∂δ = 4 asinh(s)/(s√(1+s²))` (→ 4 at `s = 0`), `∂δ/∂μ = (μ−μ_r)/(2σσ_r)`,
/// `∂δ/∂σ = (σ−σ_r)/(σσ_r) − δ/σ`.
impl FisherRaoRegularizer for Normal {
    fn fisher_rao_regularizer(&self, reference: &Self) -> Result<Regularizer> {
        let (m1, s1, m2, s2) = (self.loc(), self.scale(), reference.loc(), reference.scale());
        let dm = m1 - m2;
        let ds = s1 - s2;
        let s = (dm / core::f64::consts::SQRT_2).hypot(ds) / (2.0 * (s1 * s2).sqrt());
        let ash = s.asinh();
        let value = 8.0 * ash * ash;
        let dr_ddelta = if s == 0.0 {
            4.0
        } else {
            4.0 * (ash / s) / (1.0 + s * s).sqrt()
        };
        let delta = 2.0 * s * s;
        let g_mu = dr_ddelta * dm / (2.0 * s1 * s2);
        let g_sigma = dr_ddelta * (ds / (s1 * s2) - delta / s1);
        Ok(Regularizer {
            value,
            gradient: vec![g_mu, g_sigma],
        })
    }
}

/// Gradient in all `K` probabilities, of the extension `R(p) = 16 arcsin²(‖√p − √q‖/2)` to the
/// positive orthant (project onto `Σ δp_i = 0` for the gradient along the simplex):
/// `∂R/∂p_i = 8 c(r)/√(1 − r²/4) · (1 − √(q_i/p_i))`, `r = ‖√p − √q‖`,
/// `c(r) = arcsin(r/2)/r` (→ ½ at `r = 0`); `−∞` where `p_i = 0 < q_i`, and the factor
/// `(1 − √(q_i/p_i))` is 1 where `q_i = 0`.
impl FisherRaoRegularizer for Categorical {
    fn fisher_rao_regularizer(&self, reference: &Self) -> Result<Regularizer> {
        let (p, q) = (self.probs(), reference.probs());
        if p.len() != q.len() {
            return Err(Error::LengthMismatch {
                left_arg: "theta.probs",
                left: p.len(),
                right_arg: "reference.probs",
                right: q.len(),
            });
        }
        let d = sphere_distance(p, q);
        let r = 2.0 * (0.25 * d).sin();
        let c = if r == 0.0 { 0.5 } else { (0.25 * d) / r };
        let f = 8.0 * c / (1.0 - 0.25 * r * r).sqrt();
        let gradient = p
            .iter()
            .zip(q)
            .map(|(&a, &b)| {
                if b == 0.0 {
                    f
                } else if a == 0.0 {
                    f64::NEG_INFINITY
                } else {
                    f * (1.0 - (b / a).sqrt())
                }
            })
            .collect();
        Ok(Regularizer {
            value: d * d,
            gradient,
        })
    }
}

/// Von Mises `(μ, κ)`: `R = d_FR(θ, θ_ref)²` by the numeric geodesic of
/// `geometry`'s geodesic solver in the chart `η = (κ cos μ, κ sin μ)` (the chart of
/// [`FisherRao`] for the von Mises family, which handles the wrap-around of `μ` and is regular
/// at `κ = 0`); no closed form exists. With `v` the initial velocity of the geodesic
/// `η(t)`, `t ∈ [0, 1]`, from `η(θ)` to `η(θ_ref)` (constant speed, so `R = vᵀ G_η v`), the
/// first variation of the energy gives `∇_η R = −2 G_η(η(θ)) v`, carried to `(μ, κ)` by
/// `∂η/∂μ = (−κ sin μ, κ cos μ)`, `∂η/∂κ = (cos μ, sin μ)`. Value and gradient are 0 at
/// `θ = θ_ref` (equal `η`). Accuracy: that of the solver (value about `10⁻⁹` relative; the
/// gradient is the solver's shooting velocity, about `10⁻⁸` relative).
impl FisherRaoRegularizer for VonMises {
    fn fisher_rao_regularizer(&self, reference: &Self) -> Result<Regularizer> {
        let (m, k) = (self.loc(), self.concentration());
        let eta = |d: &VonMises| {
            let (k, m) = (d.concentration(), d.loc());
            [k * m.cos(), k * m.sin()]
        };
        let (a, b) = (eta(self), eta(reference));
        if a == b {
            return Ok(Regularizer {
                value: 0.0,
                gradient: vec![0.0, 0.0],
            });
        }
        let g = geodesic(von_mises_metric, &a, &b, &GeodesicOptions::default())?;
        let metric = von_mises_metric(&a).ok_or(Error::NotPositiveDefinite { arg: "metric" })?;
        let v = &g.initial_velocity;
        let ge = [
            -2.0 * (metric[[0, 0]] * v[0] + metric[[0, 1]] * v[1]),
            -2.0 * (metric[[1, 0]] * v[0] + metric[[1, 1]] * v[1]),
        ];
        let (c, s) = (m.cos(), m.sin());
        Ok(Regularizer {
            value: g.distance * g.distance,
            gradient: vec![k * (-s * ge[0] + c * ge[1]), c * ge[0] + s * ge[1]],
        })
    }
}
