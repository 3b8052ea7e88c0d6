//! Gaussian mixtures `f(x) = Σ_k w_k N(x; μ_k, Σ_k)`.
//!
//! The entropy of a mixture and the KL divergence between two mixtures have no closed form.
//! This module gives the validated type [`GaussianMixture`] and four ways at them:
//!
//! | quantity | method | file |
//! |---|---|---|
//! | `h(f)`, 1-D | adaptive Gauss–Kronrod quadrature of `−f ln f` ([`GaussianMixture::differential_entropy`]) | `entropy_1d.rs` |
//! | bounds on `h(f)`, any `d` | Kolchinsky & Tracey's pairwise estimators ([`GaussianMixture::entropy_bounds`]) | `kolchinsky_tracey.rs` |
//! | `KL(f ‖ g)` | seeded Monte Carlo with its standard error ([`GaussianMixture::kl_divergence_monte_carlo`]) | `kl_monte_carlo.rs` |
//! | `KL(f ‖ g)` | Hershey & Olsen's variational approximation ([`GaussianMixture::kl_divergence_variational`]) | `hershey_olsen.rs` |

mod entropy_1d;
mod hershey_olsen;
mod kl_monte_carlo;
mod kolchinsky_tracey;

pub use kl_monte_carlo::MonteCarloKl;
pub use kolchinsky_tracey::MixtureEntropyBounds;

use ndarray::{Array2, Array3, ArrayView2, ArrayView3, Axis};

use super::mvn::MultivariateNormal;
use super::HALF_LN_2PI;
use crate::error::{Error, Result};
use crate::special::logsumexp_unchecked;
use crate::sum::Neumaier;
use crate::validate::check_probability_vector;

/// A mixture of `K ≥ 1` multivariate normal components in `d ≥ 1` dimensions,
///
/// $$ f(x) = \sum_{k=1}^{K} w_k\, \mathcal N(x;\ \mu_k, \Sigma_k), $$
///
/// with weights `w_k ≥ 0` that sum to 1 within [`crate::validate::DEFAULT_TOLERANCE`]
/// (`|Σ w − 1| ≤ 1e-9`; the weights are used as given, never rescaled), means `μ_k ∈ ℝᵈ` and
/// symmetric positive definite covariances `Σ_k` (each validated as a [`MultivariateNormal`]).
/// Components of weight 0 are allowed and contribute nothing.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::families::GaussianMixture;
/// let f = GaussianMixture::new(
///     &[0.3, 0.7],
///     array![[0.0, 0.0], [1.0, 2.0]].view(),
///     array![[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.5], [0.5, 1.0]]].view(),
/// )?;
/// assert_eq!((f.n_components(), f.dim()), (2, 2));
/// // The same 1-D mixture, from weights, locations and scales (standard deviations):
/// let g = GaussianMixture::univariate(&[0.5, 0.5], &[-1.0, 1.0], &[1.0, 2.0])?;
/// assert_eq!(g.components()[1].cov()[[0, 0]], 4.0);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GaussianMixture {
    weights: Vec<f64>,
    components: Vec<MultivariateNormal>,
    /// `ln w_k − ½ ln det Σ_k − (d/2) ln 2π`, the log of each term's factor in front of its
    /// exponential (`−∞` for `w_k = 0`).
    ln_coef: Vec<f64>,
}

impl GaussianMixture {
    /// The mixture with weights `weights` (length `K`), means `means` (`K × d`) and
    /// covariances `covs` (`K × d × d`, each symmetric positive definite).
    ///
    /// # Errors
    /// In this order: for `weights`, [`Error::Empty`] (`K = 0`), [`Error::NonFinite`],
    /// [`Error::NegativeProbability`] or [`Error::NotNormalized`] (`|Σ w − 1| > 1e-9`);
    /// [`Error::ShapeMismatch`] if `means` does not have `K` rows; [`Error::Empty`] if `d = 0`;
    /// [`Error::ShapeMismatch`] if `covs` is not `K × d × d`; [`Error::NonFinite`] for a NaN or
    /// infinite entry of `means` or `covs` (the index is the flat, row-major one);
    /// [`Error::NotPositiveDefinite`] (`arg = "covs"`) if a covariance is not symmetric (to a
    /// relative `1e-12`) or not positive definite.
    ///
    /// # Examples
    /// ```
    /// use ndarray::array;
    /// use sanov::{families::GaussianMixture, Error};
    /// let bad = GaussianMixture::new(&[1.0], array![[0.0, 0.0]].view(),
    ///                                array![[[1.0, 2.0], [2.0, 1.0]]].view());
    /// assert!(matches!(bad, Err(Error::NotPositiveDefinite { arg: "covs" })));
    /// ```
    pub fn new(
        weights: &[f64],
        means: ArrayView2<'_, f64>,
        covs: ArrayView3<'_, f64>,
    ) -> Result<Self> {
        check_probability_vector("weights", weights)?;
        let k = weights.len();
        let d = means.ncols();
        if means.nrows() != k {
            return Err(Error::ShapeMismatch {
                arg: "means",
                expected: vec![k, d],
                found: means.shape().to_vec(),
            });
        }
        if d == 0 {
            return Err(Error::Empty { arg: "means" });
        }
        if covs.dim() != (k, d, d) {
            return Err(Error::ShapeMismatch {
                arg: "covs",
                expected: vec![k, d, d],
                found: covs.shape().to_vec(),
            });
        }
        first_non_finite("means", means.iter())?;
        first_non_finite("covs", covs.iter())?;
        let mut components = Vec::with_capacity(k);
        let mut ln_coef = Vec::with_capacity(k);
        for (i, &w) in weights.iter().enumerate() {
            let c = MultivariateNormal::new(means.row(i), covs.index_axis(Axis(0), i)).map_err(
                |e| match e {
                    Error::NotPositiveDefinite { .. } => Error::NotPositiveDefinite { arg: "covs" },
                    other => other,
                },
            )?;
            let half_ln_det: f64 = c.chol().diag().iter().map(|v| v.ln()).sum();
            ln_coef.push(w.ln() - half_ln_det - d as f64 * HALF_LN_2PI);
            components.push(c);
        }
        Ok(Self {
            weights: weights.to_vec(),
            components,
            ln_coef,
        })
    }

    /// The one-dimensional mixture `Σ_k w_k N(loc_k, scale_k²)`, with `scale` the standard
    /// deviation (as in `scipy.stats.norm`).
    ///
    /// # Errors
    /// The weights' errors of [`GaussianMixture::new`]; [`Error::LengthMismatch`] if `locs` or
    /// `scales` does not have one entry per weight; [`Error::NonFinite`] for a NaN or infinite
    /// location; [`Error::InvalidParameter`] (`name = "scales"`) for a scale that is not finite
    /// and `> 0`, or whose square (the variance) overflows or underflows to 0.
    ///
    /// # Examples
    /// ```
    /// use sanov::{families::GaussianMixture, Error};
    /// let r = GaussianMixture::univariate(&[0.5, 0.5], &[0.0, 1.0], &[1.0, -1.0]);
    /// assert!(matches!(r, Err(Error::InvalidParameter { name: "scales", .. })));
    /// ```
    pub fn univariate(weights: &[f64], locs: &[f64], scales: &[f64]) -> Result<Self> {
        check_probability_vector("weights", weights)?;
        let k = weights.len();
        for (arg, v) in [("locs", locs), ("scales", scales)] {
            if v.len() != k {
                return Err(Error::LengthMismatch {
                    left_arg: "weights",
                    left: k,
                    right_arg: arg,
                    right: v.len(),
                });
            }
        }
        first_non_finite("locs", locs.iter())?;
        for &s in scales {
            let var = s * s;
            if !(s > 0.0 && var.is_finite() && var > 0.0) {
                return Err(Error::InvalidParameter {
                    name: "scales",
                    value: s,
                    expected: "must be finite and > 0, with a finite, non-zero square",
                });
            }
        }
        let means = Array2::from_shape_fn((k, 1), |(i, _)| locs[i]);
        let covs = Array3::from_shape_fn((k, 1, 1), |(i, _, _)| scales[i] * scales[i]);
        Self::new(weights, means.view(), covs.view())
    }

    /// The number of components `K`.
    pub fn n_components(&self) -> usize {
        self.weights.len()
    }

    /// The dimension `d`.
    pub fn dim(&self) -> usize {
        self.components[0].dim()
    }

    /// The weights `w`.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The components `N(μ_k, Σ_k)`.
    pub fn components(&self) -> &[MultivariateNormal] {
        &self.components
    }

    /// `ln f(x)` for `x` of length `d`, by log-sum-exp over the components (no underflow far
    /// from the means). `scratch` holds `d + K` numbers between calls.
    pub(crate) fn ln_pdf_with(&self, x: &[f64], scratch: &mut Scratch) -> f64 {
        let d = x.len();
        scratch.z.resize(d, 0.0);
        scratch.terms.clear();
        for (c, &lc) in self.components.iter().zip(&self.ln_coef) {
            // z = L⁻¹ (x − μ) by forward substitution; the exponent is −½‖z‖².
            let (l, mean) = (c.chol(), c.mean());
            let mut maha = 0.0;
            for i in 0..d {
                let mut s = x[i] - mean[i];
                for p in 0..i {
                    s -= l[[i, p]] * scratch.z[p];
                }
                let zi = s / l[[i, i]];
                scratch.z[i] = zi;
                maha += zi * zi;
            }
            scratch.terms.push(lc - 0.5 * maha);
        }
        logsumexp_unchecked(&scratch.terms)
    }

    /// `Σ_i w_i ln Σ_j v_j e^{−D_ij}` with `w` these weights, `v` = `weights_j` and `D` the
    /// row-major `K × len(v)` matrix `dist`, as log-sum-exps (no `e^{−D}` underflows); terms with
    /// `w_i = 0` are 0.
    pub(super) fn pairwise_term(&self, weights_j: &[f64], dist: &[f64]) -> f64 {
        let kj = weights_j.len();
        let mut terms = vec![0.0; kj];
        let mut total = Neumaier::default();
        for (i, &wi) in self.weights.iter().enumerate() {
            if wi == 0.0 {
                continue;
            }
            for (j, t) in terms.iter_mut().enumerate() {
                *t = weights_j[j].ln() - dist[i * kj + j];
            }
            total.add(wi * logsumexp_unchecked(&terms));
        }
        total.total()
    }

    /// [`Error::LengthMismatch`] unless `self` and `other` have the same dimension.
    pub(crate) fn check_same_dim(&self, other: &Self) -> Result<()> {
        if self.dim() == other.dim() {
            Ok(())
        } else {
            Err(Error::LengthMismatch {
                left_arg: "p.means[k]",
                left: self.dim(),
                right_arg: "q.means[k]",
                right: other.dim(),
            })
        }
    }
}

/// Work space of [`GaussianMixture::ln_pdf_with`].
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    z: Vec<f64>,
    terms: Vec<f64>,
}

/// [`Error::NonFinite`] for the first NaN or infinite value, with its flat index.
fn first_non_finite<'a>(arg: &'static str, x: impl Iterator<Item = &'a f64>) -> Result<()> {
    for (index, &value) in x.enumerate() {
        if !value.is_finite() {
            return Err(Error::NonFinite { arg, index, value });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn ln_pdf_of_a_standard_normal() {
        let f = GaussianMixture::univariate(&[1.0], &[0.0], &[1.0]).unwrap();
        let mut s = Scratch::default();
        assert_eq!(f.ln_pdf_with(&[0.0], &mut s), -HALF_LN_2PI);
        // Far in the tail the density underflows but its logarithm does not.
        let far = f.ln_pdf_with(&[1e3], &mut s);
        assert!((far - (-HALF_LN_2PI - 5e5)).abs() < 1e-9);
    }

    #[test]
    fn zero_weight_component_contributes_nothing() {
        let f = GaussianMixture::new(
            &[1.0, 0.0],
            array![[0.0], [5.0]].view(),
            array![[[1.0]], [[1.0]]].view(),
        )
        .unwrap();
        let g = GaussianMixture::univariate(&[1.0], &[0.0], &[1.0]).unwrap();
        let mut s = Scratch::default();
        for x in [-3.0, 0.0, 2.5, 5.0] {
            assert_eq!(f.ln_pdf_with(&[x], &mut s), g.ln_pdf_with(&[x], &mut s));
        }
    }
}
