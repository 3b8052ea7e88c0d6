//! The normal (Gaussian) distribution.

use super::{finite, positive, t_minus_ln1p, ExponentialFamily, HALF_LN_2PI};
use crate::error::Result;

/// The normal distribution `N(μ, σ²)`, parameterised by `loc = μ` and `scale = σ` (the standard
/// deviation, as in SciPy and PyTorch, not the variance).
///
/// $$ f(x) = \frac{1}{\sigma\sqrt{2\pi}} \exp\Big(-\frac{(x-\mu)^2}{2\sigma^2}\Big) $$
///
/// # Examples
/// ```
/// use sanov::families::Normal;
/// let p = Normal::new(0.0, 1.0)?;
/// let q = Normal::new(0.0, 2.0)?;
/// // KL(N(0,1) ‖ N(0,σ=2)) = ln 2 − 3/8 = 0.318147 nats; the reverse is 3/2 − ln 2 = 0.806853.
/// assert!((p.kl_divergence(&q) - 0.3181471805599453).abs() < 1e-15);
/// assert!((q.kl_divergence(&p) - 0.8068528194400547).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normal {
    loc: f64,
    scale: f64,
}

impl Normal {
    /// A normal distribution with mean `loc` and standard deviation `scale`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) if `loc` is not finite
    /// (`name = "loc"`) or `scale` is not finite and positive (`name = "scale"`).
    ///
    /// # Examples
    /// ```
    /// use sanov::{families::Normal, Error};
    /// assert!(Normal::new(0.0, 1.0).is_ok());
    /// assert!(matches!(Normal::new(0.0, 0.0), Err(Error::InvalidParameter { name: "scale", .. })));
    /// ```
    pub fn new(loc: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            loc: finite("loc", loc)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The mean `μ`.
    pub fn loc(&self) -> f64 {
        self.loc
    }

    /// The standard deviation `σ`.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \tfrac12 \ln(2\pi e \sigma^2) $$
    ///
    /// Negative for `σ < 1/√(2πe) ≈ 0.242`: differential entropy is not a number of bits.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Normal;
    /// let h = Normal::new(0.0, 1.0)?.differential_entropy();
    /// assert!((h - 1.4189385332046727).abs() < 1e-15);
    /// assert!(Normal::new(0.0, 0.1)?.differential_entropy() < 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// Cover & Thomas, *Elements of Information Theory*, 2nd ed., Example 8.1.2.
    pub fn differential_entropy(&self) -> f64 {
        HALF_LN_2PI + 0.5 + self.scale.ln()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{\sigma_q}{\sigma_p}
    ///    + \frac{\sigma_p^2 + (\mu_p - \mu_q)^2}{2\sigma_q^2} - \frac12 $$
    ///
    /// Evaluated as `½[(Δμ/σ_q)² + t − ln(1 + t)]` with `t = σ_p²/σ_q² − 1`, which keeps full
    /// relative accuracy when `p ≈ q`.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Normal;
    /// let p = Normal::new(1.0, 1.0)?;
    /// let q = Normal::new(0.0, 1.0)?;
    /// assert_eq!(p.kl_divergence(&q), 0.5);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        let d = (self.loc - other.loc) / other.scale;
        let t =
            (self.scale - other.scale) * (self.scale + other.scale) / (other.scale * other.scale);
        0.5 * (d * d + t_minus_ln1p(t))
    }
}

/// `T(x) = (x, x²)`, `h(x) = 1/√(2π)`, `η = (μ/σ², −1/(2σ²))`, `A(η) = μ²/(2σ²) + ln σ`,
/// `μ = (μ, μ² + σ²)`.
impl ExponentialFamily for Normal {
    fn natural_parameters(&self) -> Vec<f64> {
        let v = self.scale * self.scale;
        vec![self.loc / v, -0.5 / v]
    }

    fn log_partition(&self) -> f64 {
        let z = self.loc / self.scale;
        0.5 * z * z + self.scale.ln()
    }

    fn mean_parameters(&self) -> Vec<f64> {
        vec![self.loc, self.loc * self.loc + self.scale * self.scale]
    }
}
