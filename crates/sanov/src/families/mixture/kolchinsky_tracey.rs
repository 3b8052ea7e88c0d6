//! Kolchinsky & Tracey's pairwise-distance bounds on the entropy of a Gaussian mixture.

use super::GaussianMixture;
use crate::error::{Error, Result};
use crate::families::mvn::MultivariateNormal;
use crate::linalg::{cholesky, forward_substitute};
use crate::sum::Neumaier;

/// Lower and upper bounds on the differential entropy of a mixture, in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MixtureEntropyBounds {
    /// The pairwise estimator with the Bhattacharyya distance, `Ĥ_BD ≤ h(f)`.
    pub lower: f64,
    /// The pairwise estimator with the KL divergence, `Ĥ_KL ≥ h(f)`.
    pub upper: f64,
}

impl GaussianMixture {
    /// Lower and upper bounds on the differential entropy of the mixture, in nats, by the
    /// pairwise-distance estimators of Kolchinsky & Tracey (2017):
    ///
    /// $$ \hat H_D = \sum_i w_i\, h(p_i) - \sum_i w_i \ln \sum_j w_j\, e^{-D(p_i\,\|\,p_j)}, $$
    ///
    /// with `D` the Bhattacharyya distance for the lower bound and the KL divergence for the
    /// upper bound (`Ĥ_BD ≤ h(f) ≤ Ĥ_KL`). For Gaussian components, with `δ = μ_j − μ_i` and
    /// `Σ̄ = (Σ_i + Σ_j)/2`,
    ///
    /// $$ D_{\mathrm{B}}(p_i, p_j) = \tfrac18\, \delta^\top \bar\Sigma^{-1} \delta
    ///    + \tfrac12 \ln\det\bar\Sigma - \tfrac14 \ln\det\Sigma_i - \tfrac14 \ln\det\Sigma_j, $$
    ///
    /// and `D_KL(p_i ‖ p_j)` is [`MultivariateNormal::kl_divergence`]. Both bounds lie in
    /// `[Σ w_i h(p_i), Σ w_i h(p_i) + H(w)]`, the entropy of the mixture given the component
    /// and that plus the entropy of the weights, and both become exact as the components
    /// coincide (equal to the common component's entropy) or separate (tending to
    /// `Σ w_i h(p_i) + H(w)`). A single component gives its own entropy for both bounds,
    /// exactly. The inner sums are log-sum-exps, so no `e^{−D}` underflows; terms with `w_i = 0`
    /// are 0. Cost: `K²` Cholesky factorisations of `d × d` matrices.
    ///
    /// # Errors
    /// [`Error::NotPositiveDefinite`] (`arg = "covs"`) if an average `Σ̄` of two covariances
    /// fails its Cholesky factorisation in `f64` (possible only for covariances near
    /// singularity).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::GaussianMixture;
    /// let f = GaussianMixture::univariate(&[0.5, 0.5], &[-1.0, 1.0], &[1.0, 1.0])?;
    /// let b = f.entropy_bounds()?;
    /// let h = f.differential_entropy()?;
    /// assert!(b.lower <= h && h <= b.upper);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// A. Kolchinsky & B. D. Tracey, "Estimating mixture entropy with pairwise distances",
    /// *Entropy* 19(7):361 (2017), doi:10.3390/e19070361.
    pub fn entropy_bounds(&self) -> Result<MixtureEntropyBounds> {
        let k = self.n_components();
        let mut conditional = Neumaier::default();
        for (c, &w) in self.components.iter().zip(&self.weights) {
            conditional.add(w * c.differential_entropy());
        }
        let mut bd = vec![0.0; k * k];
        let mut kl = vec![0.0; k * k];
        for i in 0..k {
            for j in 0..k {
                if i != j {
                    let (p, q) = (&self.components[i], &self.components[j]);
                    kl[i * k + j] = p.kl_divergence(q)?;
                    if j > i {
                        let b = bhattacharyya(p, q)?;
                        bd[i * k + j] = b;
                        bd[j * k + i] = b;
                    }
                }
            }
        }
        let h = conditional.total();
        Ok(MixtureEntropyBounds {
            lower: h - self.pairwise_term(&self.weights, &bd),
            upper: h - self.pairwise_term(&self.weights, &kl),
        })
    }
}

/// The Bhattacharyya distance `−ln ∫ √(p q)` between two normals of the same dimension.
fn bhattacharyya(p: &MultivariateNormal, q: &MultivariateNormal) -> Result<f64> {
    let avg = (&p.cov() + &q.cov()) * 0.5;
    let l = cholesky(avg.view()).ok_or(Error::NotPositiveDefinite { arg: "covs" })?;
    let delta: Vec<f64> = (0..p.dim()).map(|i| q.mean()[i] - p.mean()[i]).collect();
    let z = forward_substitute(&l, &delta);
    let maha: f64 = z.iter().map(|v| v * v).sum();
    // ½ ln det Σ̄ − ¼ ln det Σ_p − ¼ ln det Σ_q, each ½ ln det = Σ ln L_ii.
    let half_ln_det = |l: &ndarray::Array2<f64>| l.diag().iter().map(|v| v.ln()).sum::<f64>();
    Ok(0.125 * maha + half_ln_det(&l) - 0.5 * (half_ln_det(p.chol()) + half_ln_det(q.chol())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn bhattacharyya_of_equal_covariances_is_an_eighth_of_the_mahalanobis() {
        let cov = array![[2.0, 0.3], [0.3, 1.0]];
        let p = MultivariateNormal::new(array![0.0, 0.0].view(), cov.view()).unwrap();
        let q = MultivariateNormal::new(array![1.0, -1.0].view(), cov.view()).unwrap();
        // δᵀΣ⁻¹δ with Σ⁻¹ = [[1, −0.3], [−0.3, 2]] / 1.91: (1 + 0.6 + 2) / 1.91.
        let want = 3.6 / 1.91 / 8.0;
        assert!((bhattacharyya(&p, &q).unwrap() - want).abs() < 1e-15);
        assert_eq!(bhattacharyya(&p, &p).unwrap(), 0.0);
    }
}
