//! Information geometry of the parametric families: Fisher information, Fisher–Rao distances
//! (closed form or by a numeric geodesic solver), geodesic paths, the natural gradient and the
//! Fisher–Rao regulariser.
//!
//! The Fisher information of a family with parameters `θ` is, per observation,
//!
//! $$ I(\theta) = \mathbb{E}_\theta\big[\nabla_\theta \ln f(X;\theta)\,
//!    \nabla_\theta \ln f(X;\theta)^\top\big], $$
//!
//! the Riemannian metric of the statistical manifold (Rao 1945; Amari & Nagaoka, *Methods of
//! Information Geometry*, 2000). Its geodesic distance is the Fisher–Rao distance, which does not
//! depend on the parameterisation.
//!
//! Every family type of [`crate::families`] except [`Uniform`](crate::families::Uniform)
//! implements [`FisherMetric`] (the uniform family is not regular: its support moves with the
//! parameters, the log-density is not differentiable in them on the boundary, and the
//! Cramér–Rao theory that gives `I(θ)` its meaning does not apply). The coordinates of each
//! family are named by [`FisherMetric::parameterization`]:
//!
//! | family | parameterization | `I(θ)` |
//! |---|---|---|
//! | [`Bernoulli`](crate::families::Bernoulli) | `p` | `1/(p(1−p))` |
//! | [`Categorical`](crate::families::Categorical) | `first_k_minus_1` | `diag(1/p_i) + (1/p_K) 11ᵀ` |
//! | [`Normal`](crate::families::Normal) | `loc_scale` | `diag(1/σ², 2/σ²)` |
//! | [`Normal`](crate::families::Normal) | `loc_variance` ([`Normal::fisher_information_loc_variance`](crate::families::Normal::fisher_information_loc_variance)) | `diag(1/σ², 1/(2σ⁴))` |
//! | [`Poisson`](crate::families::Poisson) | `rate` | `1/λ` |
//! | [`Exponential`](crate::families::Exponential) | `rate` | `1/λ²` |
//! | [`Gamma`](crate::families::Gamma) | `shape_rate` | `[[ψ′(a), −1/b], [−1/b, a/b²]]` |
//! | [`Beta`](crate::families::Beta) | `alpha_beta` | `[[ψ′(α)−ψ′(α+β), −ψ′(α+β)], [−ψ′(α+β), ψ′(β)−ψ′(α+β)]]` |
//! | [`Dirichlet`](crate::families::Dirichlet) | `alpha` | `diag(ψ′(α_i)) − ψ′(α₀) 11ᵀ` |
//! | [`Laplace`](crate::families::Laplace) | `loc_scale` | `diag(1/b², 1/b²)` |
//! | [`VonMises`](crate::families::VonMises) | `loc_concentration` | `diag(κA(κ), A′(κ))`, `A = I₁/I₀` |
//! | [`Geometric`](crate::families::Geometric) | `p` | `1/(p²(1−p))` |
//! | [`MultivariateNormal`](crate::families::MultivariateNormal) | `mean_cov` | `Σ⁻¹ ⊕ ½ tr(Σ⁻¹ ∂Σ Σ⁻¹ ∂Σ)` |
//!
//! Fisher–Rao distances ([`FisherRao`]) are closed forms for the categorical, Bernoulli, normal,
//! Laplace, Poisson, exponential and geometric families, and come from the numeric geodesic
//! solver of [`numeric`] for the gamma, beta, Dirichlet, von Mises and multivariate normal
//! families (accuracy stated there).

mod cramer_rao;
mod distance;
mod fisher;
mod kl_hessian;
pub mod numeric;
mod path;
mod regularizer;

use ndarray::Array2;

use crate::error::{Error, Result};
use crate::linalg::{cholesky, cholesky_solve};

pub use cramer_rao::cramer_rao_bound;
pub use kl_hessian::{kl_hessian, KlCurvature, KL_HESSIAN_STEP};
pub use path::{categorical_geodesic, normal_geodesic};
pub use regularizer::{fisher_rao_regularizer, FisherRaoRegularizer, Regularizer};

/// A parametric family with its Fisher information metric in a named coordinate system.
///
/// # Examples
/// ```
/// use sanov::families::Normal;
/// use sanov::geometry::FisherMetric;
/// let n = Normal::new(0.0, 2.0)?;
/// assert_eq!(n.parameterization(), "loc_scale");
/// assert_eq!(n.coordinates(), vec![0.0, 2.0]);
/// let i = n.fisher_information();
/// assert_eq!((i[[0, 0]], i[[1, 1]]), (0.25, 0.5));
/// # Ok::<(), sanov::Error>(())
/// ```
pub trait FisherMetric {
    /// The name of the coordinate system of [`coordinates`](Self::coordinates) and
    /// [`fisher_information`](Self::fisher_information) (`"loc_scale"`, `"shape_rate"`, ...).
    fn parameterization(&self) -> &'static str;

    /// This member's coordinates `θ` in that system.
    fn coordinates(&self) -> Vec<f64>;

    /// The Fisher information matrix `I(θ)` (symmetric, `dim × dim`), per observation.
    ///
    /// On the boundary of a family's parameter space (a probability `p_i = 0` of a categorical,
    /// `p ∈ {0, 1}` of a Bernoulli) the information is unbounded and the matching entries are
    /// `+∞`.
    fn fisher_information(&self) -> Array2<f64>;
}

/// A family whose members have a Fisher–Rao (geodesic) distance.
pub trait FisherRao: FisherMetric + Sized {
    /// The Fisher–Rao distance `d_FR(self, other)`, the length of the shortest path between
    /// the two members in the Fisher metric (unitless).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] for members of different dimensions (categorical, Dirichlet,
    /// multivariate normal); [`Error::NotConverged`] if the numeric geodesic solver (families
    /// without a closed form) fails to meet its accuracy.
    fn fisher_rao_distance(&self, other: &Self) -> Result<f64>;
}

/// The Fisher information `I(θ)` of `dist` in its coordinates
/// ([`FisherMetric::parameterization`]); see the [module table](self).
///
/// # Examples
/// ```
/// use sanov::families::Gamma;
/// use sanov::geometry::fisher_information;
/// let i = fisher_information(&Gamma::new(2.0, 4.0)?);
/// // [[ψ′(2), −1/4], [−1/4, 2/16]], ψ′(2) = π²/6 − 1.
/// assert!((i[[0, 0]] - (std::f64::consts::PI.powi(2) / 6.0 - 1.0)).abs() < 1e-15);
/// assert_eq!((i[[0, 1]], i[[1, 1]]), (-0.25, 0.125));
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn fisher_information<F: FisherMetric + ?Sized>(dist: &F) -> Array2<f64> {
    dist.fisher_information()
}

/// The Fisher–Rao distance between two members of one family.
///
/// Closed forms: categorical and Bernoulli `2 arccos Σ√(p_i q_i)` (evaluated as
/// `4 arcsin(‖√p − √q‖/2)`), normal `√2 arccosh(1 + ((μ₁−μ₂)²/2 + (σ₁−σ₂)²)/(2σ₁σ₂))`, Poisson
/// `2|√λ₁ − √λ₂|`, exponential `|ln(λ₁/λ₂)|`; see each family's implementation of
/// [`FisherRao`] for the others.
///
/// # Errors
/// As [`FisherRao::fisher_rao_distance`].
///
/// # Examples
/// ```
/// use sanov::families::{Categorical, Poisson};
/// use sanov::geometry::fisher_rao_distance;
/// let d = fisher_rao_distance(&Poisson::new(1.0)?, &Poisson::new(4.0)?)?;
/// assert_eq!(d, 2.0);
/// let p = Categorical::new(&[1.0, 0.0])?;
/// let q = Categorical::new(&[0.0, 1.0])?;
/// assert!((fisher_rao_distance(&p, &q)? - std::f64::consts::PI).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn fisher_rao_distance<F: FisherRao>(p: &F, q: &F) -> Result<f64> {
    p.fisher_rao_distance(q)
}

/// The natural gradient `I(θ)⁻¹ g` of a loss with Euclidean gradient `g = ∇_θ L` in the
/// coordinates of `dist` (Amari 1998, "Natural gradient works efficiently in learning").
///
/// Solved by Cholesky factorisation of `I(θ)` (no inverse is formed).
///
/// # Errors
/// [`Error::LengthMismatch`] if `grad` does not have one entry per coordinate;
/// [`Error::NonFinite`] for a NaN or infinite gradient entry;
/// [`Error::NotPositiveDefinite`] (`arg = "fisher_information"`) if `I(θ)` is singular or
/// unbounded (a member on the boundary of its family, e.g. a categorical with a zero
/// probability).
///
/// # Examples
/// ```
/// use sanov::families::Normal;
/// use sanov::geometry::natural_gradient;
/// // I = diag(1/σ², 2/σ²): the natural gradient rescales by σ² and σ²/2.
/// let g = natural_gradient(&Normal::new(0.0, 2.0)?, &[1.0, 1.0])?;
/// assert!((g[0] - 4.0).abs() < 1e-15 && (g[1] - 2.0).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn natural_gradient<F: FisherMetric + ?Sized>(dist: &F, grad: &[f64]) -> Result<Vec<f64>> {
    let i = dist.fisher_information();
    let n = i.nrows();
    if grad.len() != n {
        return Err(Error::LengthMismatch {
            left_arg: "grad",
            left: grad.len(),
            right_arg: "coordinates",
            right: n,
        });
    }
    for (index, &value) in grad.iter().enumerate() {
        if !value.is_finite() {
            return Err(Error::NonFinite {
                arg: "grad",
                index,
                value,
            });
        }
    }
    let chol = cholesky(i.view()).ok_or(Error::NotPositiveDefinite {
        arg: "fisher_information",
    })?;
    Ok(cholesky_solve(&chol, grad))
}
