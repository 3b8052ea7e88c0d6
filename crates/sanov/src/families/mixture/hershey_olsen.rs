//! Hershey & Olsen's variational approximation of the KL divergence between Gaussian mixtures.

use super::GaussianMixture;
use crate::error::Result;

impl GaussianMixture {
    /// The variational approximation of `KL(self ‖ other)` of Hershey & Olsen (2007), in nats.
    ///
    /// With `f = Σ_a π_a f_a` (`self`) and `g = Σ_b ω_b g_b` (`other`),
    ///
    /// $$ D_{\mathrm{var}}(f\,\|\,g) = \sum_a \pi_a \ln
    ///    \frac{\sum_{a'} \pi_{a'}\, e^{-D_{\mathrm{KL}}(f_a\,\|\,f_{a'})}}
    ///         {\sum_b \omega_b\, e^{-D_{\mathrm{KL}}(f_a\,\|\,g_b)}}, $$
    ///
    /// with the closed-form Gaussian KL divergences ([`crate::families::MultivariateNormal::kl_divergence`]).
    /// It is exact for single components (`D_var = D_KL(f_1 ‖ g_1)`), `0` for `f = g`, and
    /// symmetric in neither argument; unlike the true divergence it is not a bound and can be
    /// negative. Numerator and denominator are log-sum-exps (no underflow); terms with `π_a = 0`
    /// are 0. Cost: `K_f (K_f + K_g)` Gaussian KL divergences. For an estimate with an error bar
    /// use [`GaussianMixture::kl_divergence_monte_carlo`].
    ///
    /// # Errors
    /// [`crate::Error::LengthMismatch`] if the dimensions differ.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::GaussianMixture;
    /// let f = GaussianMixture::univariate(&[1.0], &[0.0], &[1.0])?;
    /// let g = GaussianMixture::univariate(&[1.0], &[0.0], &[2.0])?;
    /// // One component each: the Gaussian KL, ln 2 + 1/8 − 1/2.
    /// let want = 2f64.ln() + 0.125 - 0.5;
    /// assert!((f.kl_divergence_variational(&g)? - want).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// J. R. Hershey & P. A. Olsen, "Approximating the Kullback Leibler divergence between
    /// Gaussian mixture models", *Proc. IEEE ICASSP 2007*, vol. 4, pp. 317–320,
    /// doi:10.1109/ICASSP.2007.366913.
    pub fn kl_divergence_variational(&self, other: &Self) -> Result<f64> {
        self.check_same_dim(other)?;
        let (ka, kb) = (self.n_components(), other.n_components());
        let mut own = vec![0.0; ka * ka];
        let mut cross = vec![0.0; ka * kb];
        for (a, fa) in self.components.iter().enumerate() {
            for (a2, fa2) in self.components.iter().enumerate() {
                if a != a2 {
                    own[a * ka + a2] = fa.kl_divergence(fa2)?;
                }
            }
            for (b, gb) in other.components.iter().enumerate() {
                cross[a * kb + b] = fa.kl_divergence(gb)?;
            }
        }
        // Σ_a π_a [ln Σ_a' π_a' e^{−D_aa'} − ln Σ_b ω_b e^{−D_ab}].
        Ok(self.pairwise_term(&self.weights, &own) - self.pairwise_term(&other.weights, &cross))
    }
}
