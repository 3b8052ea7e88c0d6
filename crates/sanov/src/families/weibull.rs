//! The Weibull distribution, SciPy's `weibull_min`.

use super::gumbel::{standard_kl, EULER_GAMMA};
use super::lognormal::ln_ratio;
use super::positive;
use crate::error::Result;

/// The Weibull distribution with shape `c` (often `k`) and scale `λ` (SciPy's
/// `weibull_min(c, scale=λ)`).
///
/// $$ f(x) = \frac{c}{\lambda}\Big(\frac{x}{\lambda}\Big)^{c-1} e^{-(x/\lambda)^c}, \quad x > 0 $$
///
/// # Examples
/// ```
/// use sanov::families::{Exponential, Weibull};
/// // Weibull(1, λ) is Exponential(1/λ).
/// let w = Weibull::new(1.0, 0.5)?.differential_entropy();
/// let e = Exponential::new(2.0)?.differential_entropy();
/// assert!((w - e).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weibull {
    c: f64,
    scale: f64,
}

impl Weibull {
    /// A Weibull distribution with shape `c` and scale `scale`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) (`name = "c"` or `"scale"`)
    /// unless both are finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Weibull;
    /// assert!(Weibull::new(-1.0, 1.0).is_err());
    /// assert!(Weibull::new(2.0, f64::INFINITY).is_err());
    /// ```
    pub fn new(c: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            c: positive("c", c)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The shape `c`.
    pub fn c(&self) -> f64 {
        self.c
    }

    /// The scale `λ`.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \gamma\Big(1 - \frac1c\Big) + \ln\frac{\lambda}{c} + 1 $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Weibull;
    /// // c = 2, λ = 1 (a Rayleigh with σ = 1/√2): h = γ/2 − ln 2 + 1.
    /// let h = Weibull::new(2.0, 1.0)?.differential_entropy();
    /// assert!((h - (0.5772156649015329 / 2.0 - 2f64.ln() + 1.0)).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        EULER_GAMMA * (1.0 - 1.0 / self.c) + self.scale.ln() - self.c.ln() + 1.0
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats, in closed form (Bauckhage 2013).
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{c_p}{c_q} - c_q\ln\frac{\lambda_p}{\lambda_q}
    ///    - \gamma\Big(1 - \frac{c_q}{c_p}\Big) - 1
    ///    + \Big(\frac{\lambda_p}{\lambda_q}\Big)^{c_q}\,\Gamma\Big(1 + \frac{c_q}{c_p}\Big) $$
    ///
    /// `−ln X` of a Weibull `(c, λ)` is a Gumbel `(−ln λ, 1/c)` and KL is invariant under that
    /// bijection, so this is evaluated as the Gumbel divergence (see
    /// [`Gumbel::kl_divergence`](super::Gumbel::kl_divergence)), as a sum of two non-negative
    /// terms that keeps its relative accuracy for near-equal members.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Weibull;
    /// let p = Weibull::new(2.0, 1.5)?;
    /// assert_eq!(p.kl_divergence(&p), 0.0);
    /// // c = 1 on both sides: the exponential KL, λ_p/λ_q − 1 − ln(λ_p/λ_q).
    /// let d = Weibull::new(1.0, 2.0)?.kl_divergence(&Weibull::new(1.0, 1.0)?);
    /// assert!((d - (1.0 - 2f64.ln())).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// C. Bauckhage, "Computing the Kullback–Leibler divergence between two Weibull
    /// distributions", arXiv:1310.3713 (2013).
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        // Gumbel scales 1/c: r = β_p/β_q = c_q/c_p.
        let t = (other.c - self.c) / self.c;
        let d = -other.c * ln_ratio(self.scale, other.scale);
        standard_kl(d, t)
    }
}
