//! The Pareto distribution, SciPy's `pareto`.

use super::lognormal::ln_ratio;
use super::{positive, t_minus_ln1p};
use crate::error::Result;

/// The Pareto (type I) distribution with shape `b` (the tail index, often `α`) and scale `m`
/// (the lower end of the support): SciPy's `pareto(b, scale=m)`.
///
/// $$ f(x) = \frac{b\,m^b}{x^{b+1}}, \quad x \ge m $$
///
/// # Examples
/// ```
/// use sanov::families::Pareto;
/// // h = ln(m/b) + 1/b + 1.
/// let h = Pareto::new(2.0, 1.0)?.differential_entropy();
/// assert!((h - (1.5 - 2f64.ln())).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pareto {
    b: f64,
    scale: f64,
}

impl Pareto {
    /// A Pareto distribution with shape `b` and scale `scale`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) (`name = "b"` or `"scale"`)
    /// unless both are finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Pareto;
    /// assert!(Pareto::new(0.0, 1.0).is_err());
    /// assert!(Pareto::new(1.0, f64::NAN).is_err());
    /// ```
    pub fn new(b: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            b: positive("b", b)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The shape (tail index) `b`.
    pub fn b(&self) -> f64 {
        self.b
    }

    /// The scale `m`, the lower end of the support.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \ln\frac{m}{b} + \frac1b + 1 $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Pareto;
    /// let h = Pareto::new(1.0, 1.0)?.differential_entropy();
    /// assert!((h - 2.0).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        ln_ratio(self.scale, self.b) + 1.0 / self.b + 1.0
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats, in closed form when the supports
    /// nest (`m_p ≥ m_q`), `+∞` otherwise.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{b_p}{b_q} + b_q\ln\frac{m_p}{m_q}
    ///    + \frac{b_q}{b_p} - 1 $$
    ///
    /// from `E_p[ln X] = ln m_p + 1/b_p`; evaluated as `(r − 1 − ln r) + b_q ln(m_p/m_q)` with
    /// `r = b_q/b_p`, two non-negative terms.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Pareto;
    /// let d = Pareto::new(1.0, 2.0)?.kl_divergence(&Pareto::new(1.0, 1.0)?);
    /// assert!((d - 2f64.ln()).abs() < 1e-15);
    /// assert_eq!(
    ///     Pareto::new(1.0, 1.0)?.kl_divergence(&Pareto::new(1.0, 2.0)?),
    ///     f64::INFINITY
    /// );
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// M. Gil, *On Rényi divergence measures for continuous distributions*, MSc thesis, Queen's
    /// University (2011), table of KL divergences.
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        if self.scale < other.scale {
            return f64::INFINITY;
        }
        t_minus_ln1p((other.b - self.b) / self.b) + other.b * ln_ratio(self.scale, other.scale)
    }
}
