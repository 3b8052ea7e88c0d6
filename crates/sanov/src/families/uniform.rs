//! The continuous uniform distribution.

use super::finite;
use crate::error::{Error, Result};

/// The continuous uniform distribution on `[low, high]`.
///
/// $$ f(x) = \frac{1}{b - a}, \quad a \le x \le b $$
///
/// # Examples
/// ```
/// use sanov::families::Uniform;
/// assert_eq!(Uniform::new(0.0, 1.0)?.differential_entropy(), 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Not an [`ExponentialFamily`](super::ExponentialFamily): its support `[low, high]` moves with
/// the parameters, while an exponential family `h(x) exp(⟨η, T(x)⟩ − A(η))` has one support for
/// every member. For the same reason it is not a regular family and has no Fisher information
/// ([`crate::geometry`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uniform {
    low: f64,
    high: f64,
}

impl Uniform {
    /// The uniform distribution on `[low, high]`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if either bound is not finite (`name = "low"`/`"high"`), or if
    /// `high ≤ low` or the width `high − low` overflows (`name = "high"`).
    ///
    /// # Examples
    /// ```
    /// use sanov::{families::Uniform, Error};
    /// assert!(matches!(Uniform::new(1.0, 1.0), Err(Error::InvalidParameter { name: "high", .. })));
    /// ```
    pub fn new(low: f64, high: f64) -> Result<Self> {
        finite("low", low)?;
        finite("high", high)?;
        if !(high > low) || !(high - low).is_finite() {
            return Err(Error::InvalidParameter {
                name: "high",
                value: high,
                expected: "must be > low (with a finite width high - low)",
            });
        }
        Ok(Self { low, high })
    }

    /// The lower bound `a`.
    pub fn low(&self) -> f64 {
        self.low
    }

    /// The upper bound `b`.
    pub fn high(&self) -> f64 {
        self.high
    }

    /// Differential entropy in nats, `h = ln(b − a)` (negative for widths below 1).
    ///
    /// $$ h(X) = \ln(b - a) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Uniform;
    /// assert!((Uniform::new(0.0, 0.5)?.differential_entropy() + 2f64.ln()).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        (self.high - self.low).ln()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \begin{cases}
    ///    \ln\dfrac{b_q - a_q}{b_p - a_p} & [a_p, b_p] \subseteq [a_q, b_q] \\
    ///    +\infty & \text{otherwise} \end{cases} $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Uniform;
    /// let p = Uniform::new(0.0, 1.0)?;
    /// let q = Uniform::new(-1.0, 1.0)?;
    /// assert!((p.kl_divergence(&q) - 2f64.ln()).abs() < 1e-15);
    /// assert_eq!(q.kl_divergence(&p), f64::INFINITY);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        if self.low >= other.low && self.high <= other.high {
            ((other.high - other.low) / (self.high - self.low)).ln()
        } else {
            f64::INFINITY
        }
    }
}
