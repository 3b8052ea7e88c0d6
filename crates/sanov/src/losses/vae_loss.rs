//! The loss of a variational autoencoder: reconstruction (sum) + β·KL to the standard normal.

use ndarray::ArrayView2;

use super::vae::vae_kl;
use super::{binary_cross_entropy, Reduction};
use crate::error::{Error, Result};
use crate::par::Par;
use crate::sum::Neumaier;
use crate::units::Base;

/// The reconstruction likelihood of [`vae_loss`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VaeLikelihood {
    /// Bernoulli decoder: `F.binary_cross_entropy(recon, target, reduction="sum")`.
    #[default]
    Bernoulli,
    /// Gaussian decoder with unit variance, PyTorch's
    /// `F.gaussian_nll_loss(recon, target, var=1, full=False, reduction="sum")`
    /// `= ½ Σ (target − recon)²` (the constant `½ ln 2π` per element is omitted, as with
    /// `full=False`).
    Gaussian,
}

/// The terms of [`vae_loss`], in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VaeLoss {
    /// `reconstruction + beta · kl`.
    pub total: f64,
    /// The summed reconstruction loss.
    pub reconstruction: f64,
    /// `Σ KL(N(μ, σ²) ‖ N(0, I))` over the batch (not multiplied by β).
    pub kl: f64,
}

/// The β-VAE loss of a batch, as in the PyTorch example of the seeds:
///
/// $$ L = \underbrace{\mathrm{BCE}_{\text{sum}}(\hat x, x)}_{\text{reconstruction}}
///        - \beta \cdot \tfrac12 \sum \big(1 + \ln\sigma^2 - \mu^2 - \sigma^2\big) $$
///
/// i.e. `F.binary_cross_entropy(recon, target, reduction='sum') − 0.5·Σ(1 + log_var − mu² −
/// exp(log_var))` for `beta = 1` (Kingma & Welling 2014, Appendix B; Higgins et al. 2017 for
/// β). `recon` and `target` are flattened and of equal length; `mu` and `log_var` are `[B, d]`.
/// The reconstruction reuses [`binary_cross_entropy`] (or the unit-variance Gaussian NLL of
/// [`VaeLikelihood::Gaussian`]), the KL reuses [`vae_kl`](super::vae::vae_kl).
/// Difference from PyTorch: `F.binary_cross_entropy` clamps `ln` at −100; here `recon = 0`
/// with `target > 0` (or `recon = 1` with `target < 1`) gives `+∞`, never a clamped number.
///
/// Python: `sanov.vae_loss(recon, target, mu, log_var, beta=1.0, likelihood="bernoulli")`.
///
/// # Errors
/// From [`binary_cross_entropy`] (`y` = `target`, `pi` = `recon`: empty, length mismatch,
/// NaN, outside [0, 1]); for the Gaussian likelihood [`Error::Empty`],
/// [`Error::LengthMismatch`], [`Error::NonFinite`] for `recon`/`target`; from
/// [`vae_kl`](super::vae::vae_kl) for `mu`, `log_var`; [`Error::InvalidParameter`]
/// (`name = "beta"`) if `beta` is negative or not finite.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::losses::{vae_loss, VaeLikelihood};
/// let mu = array![[0.0, 1.0]];
/// let lv = array![[0.0, 0.0]];
/// let l = vae_loss(&[0.5], &[1.0], mu.view(), lv.view(), 1.0, VaeLikelihood::Bernoulli)?;
/// assert!((l.reconstruction - 2f64.ln()).abs() < 1e-15);
/// assert!((l.kl - 0.5).abs() < 1e-15);
/// assert!((l.total - (2f64.ln() + 0.5)).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn vae_loss(
    recon: &[f64],
    target: &[f64],
    mu: ArrayView2<'_, f64>,
    log_var: ArrayView2<'_, f64>,
    beta: f64,
    likelihood: VaeLikelihood,
) -> Result<VaeLoss> {
    if !beta.is_finite() || beta < 0.0 {
        return Err(Error::InvalidParameter {
            name: "beta",
            value: beta,
            expected: "must be finite and >= 0",
        });
    }
    let reconstruction = match likelihood {
        VaeLikelihood::Bernoulli => {
            binary_cross_entropy(target, recon, Reduction::Sum, Base::Nats)?
        }
        VaeLikelihood::Gaussian => gaussian_sum(recon, target)?,
    };
    let kl = vae_kl(mu, log_var, Par::Seq)?.sum;
    Ok(VaeLoss {
        total: reconstruction + beta * kl,
        reconstruction,
        kl,
    })
}

/// `½ Σ (target − recon)²`.
fn gaussian_sum(recon: &[f64], target: &[f64]) -> Result<f64> {
    if target.is_empty() {
        return Err(Error::Empty { arg: "target" });
    }
    if recon.len() != target.len() {
        return Err(Error::LengthMismatch {
            left_arg: "target",
            left: target.len(),
            right_arg: "recon",
            right: recon.len(),
        });
    }
    let mut s = Neumaier::default();
    for (index, (&r, &t)) in recon.iter().zip(target).enumerate() {
        for (arg, value) in [("recon", r), ("target", t)] {
            if !value.is_finite() {
                return Err(Error::NonFinite { arg, index, value });
            }
        }
        s.add(0.5 * (t - r) * (t - r));
    }
    Ok(s.total())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// torch float64 values `[BCE_sum, Gaussian NLL_sum (var = 1, full=False), KL]` of the batch
    /// below, from `scripts/reference/generate_seeds.py`.
    const TORCH: [f64; 3] = include!("../../tests/data/seeds_vae_loss.in");
    /// Absolute tolerance against torch (terms of order 1).
    const TORCH_TOL: f64 = 1e-14;

    #[test]
    fn matches_torch_snippet() {
        let recon = [0.2, 0.7, 0.9, 0.4];
        let target = [0.0, 1.0, 1.0, 0.5];
        let mu = array![[0.1, -0.3], [0.5, 0.0]];
        let lv = array![[0.0, -1.0], [0.2, 0.3]];
        let l = vae_loss(
            &recon,
            &target,
            mu.view(),
            lv.view(),
            2.0,
            VaeLikelihood::Bernoulli,
        )
        .unwrap();
        assert!((l.reconstruction - TORCH[0]).abs() < TORCH_TOL);
        assert!((l.kl - TORCH[2]).abs() < TORCH_TOL);
        assert!((l.total - (TORCH[0] + 2.0 * TORCH[2])).abs() < TORCH_TOL);
        let g = vae_loss(
            &recon,
            &target,
            mu.view(),
            lv.view(),
            1.0,
            VaeLikelihood::Gaussian,
        )
        .unwrap();
        assert!((g.reconstruction - TORCH[1]).abs() < TORCH_TOL);
        assert!((g.total - (TORCH[1] + TORCH[2])).abs() < TORCH_TOL);
    }

    #[test]
    fn errors() {
        let mu = array![[0.0]];
        let b = VaeLikelihood::Bernoulli;
        let g = VaeLikelihood::Gaussian;
        assert!(matches!(
            vae_loss(&[0.5], &[1.0], mu.view(), mu.view(), -1.0, b),
            Err(Error::InvalidParameter { name: "beta", .. })
        ));
        assert!(matches!(
            vae_loss(&[0.5], &[1.0], mu.view(), mu.view(), f64::NAN, b),
            Err(Error::InvalidParameter { name: "beta", .. })
        ));
        assert!(vae_loss(&[1.5], &[1.0], mu.view(), mu.view(), 1.0, b).is_err());
        assert!(vae_loss(&[0.5, 0.5], &[1.0], mu.view(), mu.view(), 1.0, b).is_err());
        assert!(matches!(
            vae_loss(&[0.5, 0.5], &[1.0], mu.view(), mu.view(), 1.0, g),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            vae_loss(&[], &[], mu.view(), mu.view(), 1.0, g),
            Err(Error::Empty { arg: "target" })
        ));
        assert!(matches!(
            vae_loss(&[f64::NAN], &[1.0], mu.view(), mu.view(), 1.0, g),
            Err(Error::NonFinite { arg: "recon", .. })
        ));
        let lv2 = array![[0.0, 0.0]];
        assert!(matches!(
            vae_loss(&[0.5], &[1.0], mu.view(), lv2.view(), 1.0, b),
            Err(Error::ShapeMismatch { .. })
        ));
    }
}
