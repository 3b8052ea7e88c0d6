//! The geometric distribution (number of trials up to and including the first success).

use super::bernoulli::bernoulli_kl;
use super::ExponentialFamily;
use crate::error::{Error, Result};

/// The geometric distribution on `{1, 2, …}` with success probability `p ∈ (0, 1]`: the number
/// of Bernoulli(p) trials up to and including the first success (SciPy's `geom(p)`).
///
/// $$ P(X = k) = (1-p)^{k-1}\,p, \quad k = 1, 2, \dots $$
///
/// # Examples
/// ```
/// use sanov::families::Geometric;
/// // p = 1/2: H = 2 ln 2.
/// assert!((Geometric::new(0.5)?.entropy() - 2.0 * 2f64.ln()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometric {
    p: f64,
}

impl Geometric {
    /// A geometric distribution with success probability `p`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] (`name = "p"`) unless `0 < p ≤ 1`.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Geometric;
    /// assert!(Geometric::new(0.0).is_err());
    /// ```
    pub fn new(p: f64) -> Result<Self> {
        if !(p > 0.0 && p <= 1.0) {
            return Err(Error::InvalidParameter {
                name: "p",
                value: p,
                expected: "must be in (0, 1]",
            });
        }
        Ok(Self { p })
    }

    /// The success probability `p`.
    pub fn p(&self) -> f64 {
        self.p
    }

    /// Shannon entropy in nats, in closed form.
    ///
    /// $$ H(X) = \frac{-(1-p)\ln(1-p) - p\ln p}{p} $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Geometric;
    /// assert_eq!(Geometric::new(1.0)?.entropy(), 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn entropy(&self) -> f64 {
        let p = self.p;
        if p == 1.0 {
            return 0.0;
        }
        (-(1.0 - p) * (-p).ln_1p() - p * p.ln()) / p
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats; `+∞` if `other` has `p = 1`
    /// and `self` does not.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{p}{q} + \frac{1-p}{p}\ln\frac{1-p}{1-q} $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Geometric;
    /// let d = Geometric::new(0.5)?.kl_divergence(&Geometric::new(0.25)?);
    /// let want = 2f64.ln() + (2.0f64 / 3.0).ln();
    /// assert!((d - want).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        // ln(p/q) + (1 − p)/p · ln((1 − p)/(1 − q)) = KL(Bern(p) ‖ Bern(q)) / p, whose
        // non-negative form keeps q next to p from cancelling to a negative rounding error.
        bernoulli_kl(self.p, other.p) / self.p
    }
}

/// `T(k) = k − 1`, `h(k) = 1`, `η = ln(1 − p)`, `A(η) = −ln(1 − e^η) = −ln p`,
/// `μ = (1 − p)/p`.
impl ExponentialFamily for Geometric {
    fn natural_parameters(&self) -> Vec<f64> {
        vec![(-self.p).ln_1p()]
    }

    fn log_partition(&self) -> f64 {
        -self.p.ln()
    }

    fn mean_parameters(&self) -> Vec<f64> {
        vec![(1.0 - self.p) / self.p]
    }
}
