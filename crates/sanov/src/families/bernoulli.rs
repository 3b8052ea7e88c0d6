//! The Bernoulli distribution.

use super::ExponentialFamily;
use crate::error::{Error, Result};
use crate::special::{kl_div, kl_div_step, xlogx};

/// `a ln(a/b)` with `0 ln(0/b) = 0` and `a ln(a/0) = +∞` for `a > 0`.
pub(crate) fn kl_term(a: f64, b: f64) -> f64 {
    if a == 0.0 {
        0.0
    } else if b == 0.0 {
        f64::INFINITY
    } else {
        a * (a / b).ln()
    }
}

/// `KL(Bern(p) ‖ Bern(q))` written as `kl_div(p, q) + kl_div(1 − p, 1 − q)`, the two
/// non-negative parts `p·φ(q/p)` and `(1 − p)·φ((1 − q)/(1 − p))` with `φ(x) = x − 1 − ln x`
/// (their linear parts `q − p` and `p − q` cancel). Never negative, and accurate to a few ulps of
/// the result for `q` next to `p`, where `p ln(p/q) + (1 − p) ln((1 − p)/(1 − q))` is the sum of
/// two terms of opposite sign that cancel to `O((q − p)²)`.
pub(crate) fn bernoulli_kl(p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return -(-q).ln_1p();
    }
    if p == 1.0 {
        return -q.ln();
    }
    // The complements' step is p − q, not (1 − q) − (1 − p) of the rounded complements.
    kl_div(p, q) + kl_div_step(1.0 - p, 1.0 - q, p - q)
}

/// The Bernoulli distribution with `p = P(X = 1)`, `p ∈ [0, 1]`.
///
/// $$ P(X = 1) = p, \quad P(X = 0) = 1 - p $$
///
/// # Examples
/// ```
/// use sanov::families::Bernoulli;
/// assert!((Bernoulli::new(0.5)?.entropy() - 2f64.ln()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bernoulli {
    p: f64,
}

impl Bernoulli {
    /// A Bernoulli distribution with success probability `p`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] (`name = "p"`) unless `0 ≤ p ≤ 1`.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Bernoulli;
    /// assert!(Bernoulli::new(1.5).is_err());
    /// ```
    pub fn new(p: f64) -> Result<Self> {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::InvalidParameter {
                name: "p",
                value: p,
                expected: "must be in [0, 1]",
            });
        }
        Ok(Self { p })
    }

    /// The success probability `p`.
    pub fn p(&self) -> f64 {
        self.p
    }

    /// Shannon entropy in nats, with `0 ln 0 = 0`.
    ///
    /// $$ H(X) = -p\ln p - (1-p)\ln(1-p) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Bernoulli;
    /// assert_eq!(Bernoulli::new(1.0)?.entropy(), 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn entropy(&self) -> f64 {
        let q = 1.0 - self.p;
        -(xlogx(self.p) + if q == 0.0 { 0.0 } else { q * (-self.p).ln_1p() })
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats; `+∞` if `other` gives zero
    /// probability to an outcome `self` gives positive probability.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = p\ln\frac{p}{q} + (1-p)\ln\frac{1-p}{1-q} $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Bernoulli;
    /// let d = Bernoulli::new(0.5)?.kl_divergence(&Bernoulli::new(1.0)?);
    /// assert_eq!(d, f64::INFINITY);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        bernoulli_kl(self.p, other.p)
    }
}

/// `T(x) = x`, `h(x) = 1`, `η = ln(p/(1−p))`, `A(η) = ln(1 + e^η) = −ln(1 − p)`, `μ = p`
/// (`η = ±∞` at `p ∈ {0, 1}`).
impl ExponentialFamily for Bernoulli {
    fn natural_parameters(&self) -> Vec<f64> {
        vec![self.p.ln() - (-self.p).ln_1p()]
    }

    fn log_partition(&self) -> f64 {
        -(-self.p).ln_1p()
    }

    fn mean_parameters(&self) -> Vec<f64> {
        vec![self.p]
    }
}
