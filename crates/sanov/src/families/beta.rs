//! The beta distribution.

use super::{positive, ExponentialFamily};
use crate::error::Result;
use crate::special::{digamma, digamma_tail, ln_beta};

/// The beta distribution with shape parameters `α` and `β`, on `(0, 1)`.
///
/// $$ f(x) = \frac{x^{\alpha-1}(1-x)^{\beta-1}}{B(\alpha, \beta)} $$
///
/// # Examples
/// ```
/// use sanov::families::Beta;
/// // Beta(1, 1) is uniform on (0, 1): h = 0.
/// assert!(Beta::new(1.0, 1.0)?.differential_entropy().abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beta {
    alpha: f64,
    beta: f64,
}

impl Beta {
    /// A beta distribution with parameters `alpha`, `beta`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) (`name = "alpha"` or
    /// `"beta"`) unless both are finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Beta;
    /// assert!(Beta::new(1.0, f64::NAN).is_err());
    /// ```
    pub fn new(alpha: f64, beta: f64) -> Result<Self> {
        Ok(Self {
            alpha: positive("alpha", alpha)?,
            beta: positive("beta", beta)?,
        })
    }

    /// The parameter `α`.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The parameter `β`.
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// Differential entropy in nats (≤ 0, with equality for `Beta(1, 1)`).
    ///
    /// $$ h(X) = \ln B(\alpha,\beta) - (\alpha-1)\psi(\alpha) - (\beta-1)\psi(\beta)
    ///    + (\alpha+\beta-2)\psi(\alpha+\beta) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Beta;
    /// // Beta(2, 1) has density 2x: h = 1/2 − ln 2.
    /// let h = Beta::new(2.0, 1.0)?.differential_entropy();
    /// assert!((h - (0.5 - 2f64.ln())).abs() < 1e-14);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        let (a, b) = (self.alpha, self.beta);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if lo >= 10.0 {
            return super::dirichlet::entropy_large_concentrations(&[a, b]);
        }
        if hi >= 10.0 {
            // (hi − 1)[ψ(s) − ψ(hi)] with ψ(s) − ψ(hi) = ln(1 + lo/hi) + lo/(2 hi s) − R(s) + R(hi),
            // so that the two (hi − 1)ψ terms of size hi·ln hi never meet.
            let s = lo + hi;
            let tail_s = if s.is_finite() { digamma_tail(s) } else { 0.0 };
            let dpsi = (lo / hi).ln_1p() + lo / (2.0 * hi * s) - tail_s + digamma_tail(hi);
            return ln_beta(a, b) + (lo - 1.0) * (digamma(s) - digamma(lo)) + (hi - 1.0) * dpsi;
        }
        ln_beta(a, b) - (a - 1.0) * digamma(a) - (b - 1.0) * digamma(b)
            + (a + b - 2.0) * digamma(a + b)
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{B(\alpha_q,\beta_q)}{B(\alpha_p,\beta_p)}
    ///    + (\alpha_p-\alpha_q)\psi(\alpha_p) + (\beta_p-\beta_q)\psi(\beta_p)
    ///    + (\alpha_q-\alpha_p+\beta_q-\beta_p)\psi(\alpha_p+\beta_p) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Beta;
    /// // KL(Beta(2,1) ‖ Beta(1,1)) = −h(Beta(2,1)) = ln 2 − 1/2.
    /// let d = Beta::new(2.0, 1.0)?.kl_divergence(&Beta::new(1.0, 1.0)?);
    /// assert!((d - (2f64.ln() - 0.5)).abs() < 1e-14);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        let (ap, bp, aq, bq) = (self.alpha, self.beta, other.alpha, other.beta);
        ln_beta(aq, bq) - ln_beta(ap, bp)
            + (ap - aq) * digamma(ap)
            + (bp - bq) * digamma(bp)
            + (aq - ap + bq - bp) * digamma(ap + bp)
    }
}

/// `T(x) = (ln x, ln(1 − x))`, `h(x) = 1/(x(1−x))`, `η = (α, β)`, `A(η) = ln B(α, β)`,
/// `μ = (ψ(α) − ψ(α+β), ψ(β) − ψ(α+β))`.
impl ExponentialFamily for Beta {
    fn natural_parameters(&self) -> Vec<f64> {
        vec![self.alpha, self.beta]
    }

    fn log_partition(&self) -> f64 {
        ln_beta(self.alpha, self.beta)
    }

    fn mean_parameters(&self) -> Vec<f64> {
        let s = digamma(self.alpha + self.beta);
        vec![digamma(self.alpha) - s, digamma(self.beta) - s]
    }
}
