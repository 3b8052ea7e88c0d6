//! The half-normal distribution, SciPy's `halfnorm`.

use super::{finite, positive, t_minus_ln1p, HALF_LN_2PI};
use crate::error::Result;

/// `√(2/π)`.
const SQRT_2_OVER_PI: f64 = 0.797_884_560_802_865_355_879_892_119_868_763;
/// `ln 2`.
const LN_2: f64 = core::f64::consts::LN_2;

/// The half-normal distribution with location `loc` (the lower end of the support) and scale
/// `σ` (SciPy's `halfnorm(loc, scale)`): `|Z|σ + loc` for a standard normal `Z`.
///
/// $$ f(x) = \frac{\sqrt{2/\pi}}{\sigma} \exp\Big(-\frac{(x - \mathrm{loc})^2}{2\sigma^2}\Big),
///    \quad x \ge \mathrm{loc} $$
///
/// # Examples
/// ```
/// use sanov::families::{HalfNormal, Normal};
/// // Folding halves the support: h = h(normal) − ln 2.
/// let h = HalfNormal::new(0.0, 2.0)?.differential_entropy();
/// let n = Normal::new(0.0, 2.0)?.differential_entropy();
/// assert!((h - (n - 2f64.ln())).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HalfNormal {
    loc: f64,
    scale: f64,
}

impl HalfNormal {
    /// A half-normal distribution with lower end `loc` and scale `scale`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) if `loc` is not finite
    /// (`name = "loc"`) or `scale` is not finite and positive (`name = "scale"`).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::HalfNormal;
    /// assert!(HalfNormal::new(0.0, 0.0).is_err());
    /// ```
    pub fn new(loc: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            loc: finite("loc", loc)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The lower end of the support.
    pub fn loc(&self) -> f64 {
        self.loc
    }

    /// The scale `σ`.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \tfrac12 \ln\frac{\pi e \sigma^2}{2} $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::HalfNormal;
    /// let h = HalfNormal::new(0.0, 1.0)?.differential_entropy();
    /// assert!((h - 0.7257913526447274).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        HALF_LN_2PI + 0.5 - LN_2 + self.scale.ln()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats, in closed form; `+∞` if
    /// `loc_p < loc_q` (the support of `p` is not inside that of `q`).
    ///
    /// With `d = loc_p − loc_q ≥ 0` and `E_p[(X − loc_q)²] = σ_p² + 2dσ_p√(2/π) + d²`,
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{\sigma_q}{\sigma_p}
    ///    + \frac{\sigma_p^2 + 2d\sigma_p\sqrt{2/\pi} + d^2}{2\sigma_q^2} - \frac12 , $$
    ///
    /// which at `d = 0` is the KL divergence of the normals `N(0, σ_p)` and `N(0, σ_q)` (as in
    /// PyTorch's `HalfNormal`, whose location is 0).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::HalfNormal;
    /// let d = HalfNormal::new(0.0, 1.0)?.kl_divergence(&HalfNormal::new(0.0, 2.0)?);
    /// assert!((d - (2f64.ln() + 0.125 - 0.5)).abs() < 1e-15);
    /// assert_eq!(
    ///     HalfNormal::new(0.0, 1.0)?.kl_divergence(&HalfNormal::new(0.1, 1.0)?),
    ///     f64::INFINITY
    /// );
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        if self.loc < other.loc {
            return f64::INFINITY;
        }
        let (sp, sq) = (self.scale, other.scale);
        let t = (sp - sq) * (sp + sq) / (sq * sq);
        let d = (self.loc - other.loc) / sq;
        let shift = d * (2.0 * (sp / sq) * SQRT_2_OVER_PI + d);
        0.5 * (t_minus_ln1p(t) + shift)
    }
}
