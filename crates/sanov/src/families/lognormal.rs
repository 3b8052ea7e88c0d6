//! The log-normal distribution, SciPy's `lognorm`.

use super::{positive, t_minus_ln1p, HALF_LN_2PI};
use crate::error::Result;

/// The log-normal distribution with shape `s` (the standard deviation of `ln X`) and scale
/// `e^μ` (the median): SciPy's `lognorm(s, scale=exp(mu))`.
///
/// $$ f(x) = \frac{1}{s x \sqrt{2\pi}} \exp\Big(-\frac{(\ln x - \mu)^2}{2 s^2}\Big),
///    \quad x > 0, \ \mu = \ln(\mathrm{scale}) $$
///
/// # Examples
/// ```
/// use sanov::families::{LogNormal, Normal};
/// // KL is invariant under x ↦ ln x: the log-normals' KL is the normals' KL.
/// let (p, q) = (LogNormal::new(0.5, 2.0)?, LogNormal::new(1.0, 1.0)?);
/// let n = Normal::new(2f64.ln(), 0.5)?.kl_divergence(&Normal::new(0.0, 1.0)?);
/// assert!((p.kl_divergence(&q) - n).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogNormal {
    s: f64,
    scale: f64,
}

impl LogNormal {
    /// A log-normal distribution with shape `s` and scale `scale = e^μ`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) (`name = "s"` or `"scale"`)
    /// unless both are finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::LogNormal;
    /// assert!(LogNormal::new(0.0, 1.0).is_err());
    /// assert!(LogNormal::new(1.0, -1.0).is_err());
    /// ```
    pub fn new(s: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            s: positive("s", s)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The shape `s` (standard deviation of `ln X`).
    pub fn s(&self) -> f64 {
        self.s
    }

    /// The scale `e^μ` (the median).
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \mu + \tfrac12 + \ln\big(s\sqrt{2\pi}\big) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::LogNormal;
    /// let h = LogNormal::new(1.0, 1.0)?.differential_entropy();
    /// assert!((h - 1.4189385332046727).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        self.scale.ln() + 0.5 + HALF_LN_2PI + self.s.ln()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats: that of the normals `N(μ, s)` of
    /// `ln X` (KL is invariant under a bijection).
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{s_q}{s_p} + \frac{s_p^2 + (\mu_p - \mu_q)^2}{2 s_q^2}
    ///    - \frac12 $$
    ///
    /// `μ_p − μ_q = ln(scale_p/scale_q)` is taken from the ratio, not as a difference of logs.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::LogNormal;
    /// let d = LogNormal::new(1.0, 1.0)?.kl_divergence(&LogNormal::new(2.0, 1.0)?);
    /// assert!((d - (2f64.ln() + 0.125 - 0.5)).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        let d = ln_ratio(self.scale, other.scale) / other.s;
        let t = (self.s - other.s) * (self.s + other.s) / (other.s * other.s);
        0.5 * (d * d + t_minus_ln1p(t))
    }
}

/// `ln(a/b)` for `a, b > 0` finite: from the ratio when it is a normal number (one rounding, so
/// `a ≈ b` gives a small result with its relative accuracy), else as `ln a − ln b`.
pub(super) fn ln_ratio(a: f64, b: f64) -> f64 {
    let r = a / b;
    if r.is_normal() {
        r.ln()
    } else {
        a.ln() - b.ln()
    }
}
