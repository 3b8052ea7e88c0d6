//! The exponential distribution.

use super::{positive, t_minus_ln1p, ExponentialFamily};
use crate::error::Result;

/// The exponential distribution with rate `λ` (mean `1/λ`; SciPy's `expon(scale=1/λ)`).
///
/// $$ f(x) = \lambda e^{-\lambda x}, \quad x \ge 0 $$
///
/// It is [`Gamma`](super::Gamma)`(1, λ)`; see [`cross`](super::cross) for KL divergences
/// between the two families.
///
/// # Examples
/// ```
/// use sanov::families::Exponential;
/// let h = Exponential::new(2.0)?.differential_entropy();
/// assert!((h - (1.0 - 2f64.ln())).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exponential {
    rate: f64,
}

impl Exponential {
    /// An exponential distribution with rate `rate`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) (`name = "rate"`) unless
    /// `rate` is finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Exponential;
    /// assert!(Exponential::new(-1.0).is_err());
    /// ```
    pub fn new(rate: f64) -> Result<Self> {
        Ok(Self {
            rate: positive("rate", rate)?,
        })
    }

    /// The rate `λ`.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// Differential entropy in nats, `h = 1 − ln λ`.
    ///
    /// $$ h(X) = 1 - \ln\lambda $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Exponential;
    /// assert_eq!(Exponential::new(1.0)?.differential_entropy(), 1.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        1.0 - self.rate.ln()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{\lambda_p}{\lambda_q} + \frac{\lambda_q}{\lambda_p} - 1 $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Exponential;
    /// let d = Exponential::new(1.0)?.kl_divergence(&Exponential::new(2.0)?);
    /// assert!((d - (1.0 - 2f64.ln())).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        t_minus_ln1p((other.rate - self.rate) / self.rate)
    }
}

/// `T(x) = x`, `h(x) = 1` on `[0, ∞)`, `η = −λ`, `A(η) = −ln λ`, `μ = 1/λ`.
impl ExponentialFamily for Exponential {
    fn natural_parameters(&self) -> Vec<f64> {
        vec![-self.rate]
    }

    fn log_partition(&self) -> f64 {
        -self.rate.ln()
    }

    fn mean_parameters(&self) -> Vec<f64> {
        vec![1.0 / self.rate]
    }
}
