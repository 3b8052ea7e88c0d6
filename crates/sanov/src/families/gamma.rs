//! The gamma distribution.

use super::{positive, ExponentialFamily};
use crate::error::Result;
use crate::special::{digamma, ln_gamma};

/// The gamma distribution with shape `a` and rate `b` (SciPy's `gamma(a, scale=1/b)`).
///
/// $$ f(x) = \frac{b^a x^{a-1} e^{-bx}}{\Gamma(a)}, \quad x > 0 $$
///
/// # Examples
/// ```
/// use sanov::families::{Exponential, Gamma};
/// // Gamma(1, λ) is Exponential(λ).
/// let g = Gamma::new(1.0, 2.0)?.differential_entropy();
/// let e = Exponential::new(2.0)?.differential_entropy();
/// assert!((g - e).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gamma {
    shape: f64,
    rate: f64,
}

impl Gamma {
    /// A gamma distribution with shape `shape` and rate `rate`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) (`name = "shape"` or
    /// `"rate"`) unless both are finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Gamma;
    /// assert!(Gamma::new(0.0, 1.0).is_err());
    /// ```
    pub fn new(shape: f64, rate: f64) -> Result<Self> {
        Ok(Self {
            shape: positive("shape", shape)?,
            rate: positive("rate", rate)?,
        })
    }

    /// The shape `a`.
    pub fn shape(&self) -> f64 {
        self.shape
    }

    /// The rate `b`.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = a - \ln b + \ln\Gamma(a) + (1 - a)\,\psi(a) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Gamma;
    /// // a = 2, b = 1: h = 2 + ln Γ(2) − ψ(2) = 1 + γ.
    /// let h = Gamma::new(2.0, 1.0)?.differential_entropy();
    /// assert!((h - 1.5772156649015329).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        let a = self.shape;
        a - self.rate.ln() + ln_gamma(a) + (1.0 - a) * digamma(a)
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = (a_p - a_q)\psi(a_p) - \ln\Gamma(a_p) + \ln\Gamma(a_q)
    ///    + a_q \ln\frac{b_p}{b_q} + a_p\frac{b_q - b_p}{b_p} $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Gamma;
    /// let p = Gamma::new(2.0, 1.0)?;
    /// assert_eq!(p.kl_divergence(&p), 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// W. D. Penny, "KL-divergences of Normal, Gamma, Dirichlet and Wishart densities" (2001).
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        let (ap, bp, aq, bq) = (self.shape, self.rate, other.shape, other.rate);
        (ap - aq) * digamma(ap) - ln_gamma(ap)
            + ln_gamma(aq)
            + aq * (bp / bq).ln()
            + ap * (bq - bp) / bp
    }
}

/// `T(x) = (ln x, x)`, `h(x) = 1` on `(0, ∞)`, `η = (a − 1, −b)`, `A(η) = ln Γ(a) − a ln b`,
/// `μ = (ψ(a) − ln b, a/b)`.
impl ExponentialFamily for Gamma {
    fn natural_parameters(&self) -> Vec<f64> {
        vec![self.shape - 1.0, -self.rate]
    }

    fn log_partition(&self) -> f64 {
        ln_gamma(self.shape) - self.shape * self.rate.ln()
    }

    fn mean_parameters(&self) -> Vec<f64> {
        vec![digamma(self.shape) - self.rate.ln(), self.shape / self.rate]
    }
}
