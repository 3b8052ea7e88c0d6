//! Parametric families with validated parameters, closed-form entropies and KL divergences.
//!
//! Each family is a struct with a validating constructor (`Normal::new(loc, scale)?`, as in
//! statrs), [`differential_entropy`](Normal::differential_entropy) (continuous families) or
//! `entropy` (discrete families) in nats, and `kl_divergence(&self, other)` in nats, in closed
//! form. Every invalid parameter is an [`Error`] (`σ ≤ 0`, NaN, `p ∉ [0, 1]`,
//! a covariance that is not positive definite, ...); a KL divergence that the supports make
//! infinite is `+∞`, never an error.
//!
//! | family | parameters | support |
//! |---|---|---|
//! | [`Normal`] | `loc`, `scale` (standard deviation) | ℝ |
//! | [`MultivariateNormal`] | `mean`, `cov` | ℝᵏ |
//! | [`GaussianMixture`] | `weights`, `means`, `covs` (or `locs`, `scales` in 1-D) | ℝᵈ |
//! | [`Exponential`] | `rate` | `[0, ∞)` |
//! | [`Gamma`] | `shape`, `rate` | `(0, ∞)` |
//! | [`Beta`] | `alpha`, `beta` | `(0, 1)` |
//! | [`Dirichlet`] | `alpha` | the simplex |
//! | [`Laplace`] | `loc`, `scale` | ℝ |
//! | [`Uniform`] | `low`, `high` | `[low, high]` |
//! | [`VonMises`] | `loc`, `concentration` | the circle `[−π, π)` |
//! | [`Bernoulli`] | `p = P(X = 1)` | `{0, 1}` |
//! | [`Categorical`] | `probs` | `{0, …, K−1}` |
//! | [`Poisson`] | `rate` | `{0, 1, …}` |
//! | [`Geometric`] | `p` (trials: `P(k) = (1−p)^{k−1} p`) | `{1, 2, …}` |
//! | [`Binomial`] | `n`, `p` (SciPy `binom(n, p)`) | `{0, …, n}` |
//! | [`Multinomial`] | `n`, `p` (SciPy `multinomial(n, p)`) | `{x ∈ ℕᴷ : Σx = n}` |
//! | [`NegativeBinomial`] | `n > 0` real, `p` (SciPy `nbinom(n, p)`: failures before the `n`-th success) | `{0, 1, …}` |
//!
//! The families below carry SciPy's names and parameters (`scipy.stats.<name>(...)`, with
//! SciPy's `loc` fixed at 0 where the table has no `loc`); Python names them by the SciPy name.
//!
//! | family | SciPy / Python name | parameters | support | KL divergence |
//! |---|---|---|---|---|
//! | [`StudentT`] | `t` | `df`, `loc`, `scale` | ℝ | adaptive quadrature, ≤ 1e-12 relative (see [`StudentT::kl_divergence`]) |
//! | [`LogNormal`] | `lognorm` | `s` (sd of `ln X`), `scale = e^μ` | `(0, ∞)` | closed form (the normals' KL) |
//! | [`Gumbel`] | `gumbel_r` | `loc`, `scale` | ℝ | closed form |
//! | [`Cauchy`] | `cauchy` | `loc`, `scale` | ℝ | closed form (Chyzak & Nielsen 2019) |
//! | [`HalfNormal`] | `halfnorm` | `loc`, `scale` | `[loc, ∞)` | closed form, `+∞` if `loc_p < loc_q` |
//! | [`Pareto`] | `pareto` | `b`, `scale` | `[scale, ∞)` | closed form, `+∞` if `scale_p < scale_q` |
//! | [`Weibull`] | `weibull_min` | `c`, `scale` | `(0, ∞)` | closed form (Bauckhage 2013) |
//! | [`ChiSquared`] | `chi2` | `df` | `(0, ∞)` | closed form (`Gamma(df/2, rate ½)`) |
//!
//! Cross-family divergences with a closed form are free functions in [`cross`].
//! Families that are exponential families implement [`ExponentialFamily`]. The batched KL term of a
//! variational autoencoder, `KL(N(μ, diag σ²) ‖ N(0, I))` with gradients, is a loss, in [`crate::losses::vae`]; the
//! Fisher information and Fisher–Rao distances of the families are in [`crate::geometry`].

mod bernoulli;
mod beta;
mod binomial;
mod categorical;
pub mod cross;
mod diagonal;
mod differential_entropy_rules;
mod dirichlet;
mod exponential;
mod gamma;
mod geometric;
mod laplace;
mod lattice;
mod mixture;
mod multinomial;
mod mvn;
mod negative_binomial;
mod normal;
mod poisson;
mod uniform;
/// The VAE KL term, now at [`crate::losses::vae`] (it is a loss).
#[deprecated(
    since = "0.2.0",
    note = "moved to `sanov::losses::vae`; this path goes in 0.3"
)]
pub mod vae {
    pub use crate::losses::vae::*;
}
mod von_mises;
// Continuous families with SciPy names (issue #22).
mod cauchy;
mod chi_squared;
mod gumbel;
mod half_normal;
mod lognormal;
mod pareto;
mod student_t;
mod weibull;

pub use bernoulli::Bernoulli;
pub use beta::Beta;
pub use binomial::Binomial;
pub use categorical::Categorical;
pub use diagonal::diag_gaussian_kl;
pub use differential_entropy_rules::{entropic_clt, entropy_affine, ENTROPIC_CLT_MAX_N};
pub use dirichlet::Dirichlet;
pub use exponential::Exponential;
pub use gamma::Gamma;
pub use geometric::Geometric;
pub use laplace::Laplace;
pub use mixture::{GaussianMixture, MixtureEntropyBounds, MonteCarloKl};
pub use multinomial::Multinomial;
pub use mvn::MultivariateNormal;
pub use negative_binomial::NegativeBinomial;
pub use normal::Normal;
pub use poisson::Poisson;
pub use uniform::Uniform;
pub use von_mises::VonMises;
// Continuous families with SciPy names (issue #22).
pub use cauchy::Cauchy;
pub use chi_squared::ChiSquared;
pub use gumbel::Gumbel;
pub use half_normal::HalfNormal;
pub use lognormal::LogNormal;
pub use pareto::Pareto;
pub use student_t::StudentT;
pub use weibull::Weibull;

use crate::error::{Error, Result};

/// An exponential family in canonical form,
///
/// $$ f(x; \eta) = h(x) \exp\big(\langle \eta, T(x) \rangle - A(\eta)\big), $$
///
/// with natural parameters `η`, sufficient statistics `T`, log-partition function `A` and mean
/// parameters `μ = E[T(X)] = ∇A(η)`. Each implementation documents its `T` and `h`.
///
/// The KL divergence of two members is the Bregman divergence of `A`,
/// `KL(p‖q) = A(η_q) − A(η_p) − ⟨η_q − η_p, μ_p⟩`, which the tests check against the
/// closed forms.
///
/// Rust-only: a trait over the Rust family types; Python names families by string, and the
/// quantities built on this trait (`kl_divergence_parametric`, entropies) are bound there.
///
/// # Examples
/// ```
/// use sanov::families::{ExponentialFamily, Poisson};
/// let p = Poisson::new(2.0)?;
/// assert_eq!(p.natural_parameters(), vec![2f64.ln()]);
/// assert_eq!(p.log_partition(), 2.0);
/// assert_eq!(p.mean_parameters(), vec![2.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub trait ExponentialFamily {
    /// The natural parameters `η`.
    fn natural_parameters(&self) -> Vec<f64>;
    /// The log-partition function `A(η)` at this member's `η`.
    fn log_partition(&self) -> f64;
    /// The mean parameters `μ = E[T(X)] = ∇A(η)`.
    fn mean_parameters(&self) -> Vec<f64>;
}

/// `½ ln(2π)`.
pub(crate) const HALF_LN_2PI: f64 = 0.918_938_533_204_672_741_780_329_736_406;

/// `x` if finite, else [`Error::InvalidParameter`].
pub(crate) fn finite(name: &'static str, x: f64) -> Result<f64> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(Error::InvalidParameter {
            name,
            value: x,
            expected: "must be finite",
        })
    }
}

/// `x` if finite and `> 0`, else [`Error::InvalidParameter`].
pub(crate) fn positive(name: &'static str, x: f64) -> Result<f64> {
    if x > 0.0 && x.is_finite() {
        Ok(x)
    } else {
        Err(Error::InvalidParameter {
            name,
            value: x,
            expected: "must be finite and > 0",
        })
    }
}

/// `t − ln(1 + t)`: the common core of the scale families' KL divergences (`r − 1 − ln r`, `t = r − 1`).
pub(crate) use crate::special::r_minus_ln_1p as t_minus_ln1p;
