//! The Cauchy distribution, SciPy's `cauchy`.

use super::{finite, positive};
use crate::error::Result;

/// `ln(4π)`.
const LN_4PI: f64 = 2.531_024_246_969_290_604_799_553_125_734;

/// The Cauchy (Lorentz) distribution with location `x₀` and scale `γ` (SciPy's
/// `cauchy(loc, scale)`).
///
/// $$ f(x) = \frac{1}{\pi\gamma\,\big(1 + ((x - x_0)/\gamma)^2\big)} $$
///
/// # Examples
/// ```
/// use sanov::families::Cauchy;
/// let h = Cauchy::new(0.0, 1.0)?.differential_entropy();
/// assert!((h - (4.0 * std::f64::consts::PI).ln()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cauchy {
    loc: f64,
    scale: f64,
}

impl Cauchy {
    /// A Cauchy distribution with location `loc` and scale `scale`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) if `loc` is not finite
    /// (`name = "loc"`) or `scale` is not finite and positive (`name = "scale"`).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Cauchy;
    /// assert!(Cauchy::new(0.0, -2.0).is_err());
    /// assert!(Cauchy::new(f64::INFINITY, 1.0).is_err());
    /// ```
    pub fn new(loc: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            loc: finite("loc", loc)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The location `x₀` (the median).
    pub fn loc(&self) -> f64 {
        self.loc
    }

    /// The scale `γ` (the half width at half maximum).
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \ln(4\pi\gamma) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Cauchy;
    /// let h = Cauchy::new(5.0, 0.25)?.differential_entropy();
    /// assert!((h - std::f64::consts::PI.ln()).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        LN_4PI + self.scale.ln()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats, in closed form (Chyzak & Nielsen
    /// 2019); it is symmetric.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{(\gamma_p + \gamma_q)^2 + (x_p - x_q)^2}
    ///    {4\gamma_p\gamma_q} $$
    ///
    /// Evaluated as `ln(1 + u)` with `u = ((γ_p − γ_q)² + (x_p − x_q)²)/(4γ_pγ_q)` (no
    /// cancellation for near-equal members), and as `2 ln √u` from halved, scaled differences
    /// when `u` would overflow, so every pair of valid members has a finite divergence.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Cauchy;
    /// let (p, q) = (Cauchy::new(0.0, 1.0)?, Cauchy::new(2.0, 1.0)?);
    /// assert!((p.kl_divergence(&q) - 2f64.ln()).abs() < 1e-15);
    /// assert_eq!(p.kl_divergence(&q), q.kl_divergence(&p));
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// F. Chyzak & F. Nielsen, "A closed-form formula for the Kullback–Leibler divergence
    /// between Cauchy distributions", arXiv:1905.10965 (2019).
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        // Symmetric by construction: |a − b| and √γ_p √γ_q do not depend on the order.
        let dg = (0.5 * self.scale - 0.5 * other.scale).abs();
        let dx = (0.5 * self.loc - 0.5 * other.loc).abs();
        let root = self.scale.sqrt() * other.scale.sqrt();
        // √u = hypot(dg, dx)/root (the halves make the 4 of the denominator).
        let h = dg.hypot(dx) / root;
        if h < 1e150 {
            (h * h).ln_1p()
        } else {
            2.0 * (dg.hypot(dx).ln() - 0.5 * self.scale.ln() - 0.5 * other.scale.ln())
        }
    }
}
