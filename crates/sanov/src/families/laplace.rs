//! The Laplace distribution.

use super::{finite, positive, ExponentialFamily};
use crate::error::Result;

/// The Laplace (double exponential) distribution with location `μ` and scale `b`.
///
/// $$ f(x) = \frac{1}{2b} \exp\Big(-\frac{|x-\mu|}{b}\Big) $$
///
/// # Examples
/// ```
/// use sanov::families::Laplace;
/// let h = Laplace::new(0.0, 1.0)?.differential_entropy();
/// assert!((h - (1.0 + 2f64.ln())).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Laplace {
    loc: f64,
    scale: f64,
}

impl Laplace {
    /// A Laplace distribution with location `loc` and scale `scale`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) if `loc` is not finite
    /// (`name = "loc"`) or `scale` is not finite and positive (`name = "scale"`).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Laplace;
    /// assert!(Laplace::new(0.0, -1.0).is_err());
    /// ```
    pub fn new(loc: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            loc: finite("loc", loc)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The location `μ`.
    pub fn loc(&self) -> f64 {
        self.loc
    }

    /// The scale `b`.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats, `h = 1 + ln(2b)`.
    ///
    /// $$ h(X) = 1 + \ln(2b) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Laplace;
    /// assert!((Laplace::new(3.0, 0.5)?.differential_entropy() - 1.0).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        // ln 2 + ln b, not ln(2b), which overflows for b > 9e307.
        1.0 + core::f64::consts::LN_2 + self.scale.ln()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{b_q}{b_p} + \frac{|\mu_p-\mu_q|}{b_q}
    ///    + \frac{b_p}{b_q}\exp\Big(-\frac{|\mu_p-\mu_q|}{b_p}\Big) - 1 $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Laplace;
    /// // Equal scales, shift d: KL = d + e^{−d} − 1.
    /// let d = Laplace::new(1.0, 1.0)?.kl_divergence(&Laplace::new(0.0, 1.0)?);
    /// assert!((d - (-1f64).exp()).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        let d = (self.loc - other.loc).abs();
        let r = self.scale / other.scale;
        // ln(1/r) + r − 1 + r (d/b_p + e^{−d/b_p} − 1) (using d/b_q = r·d/b_p): two parts ≥ 0,
        // t − ln(1 + t) with t = (b_p − b_q)/b_q and e^{−e} − 1 + e with e = d/b_p, each by its
        // series near 0, so that nothing cancels for members next to each other.
        let t = (self.scale - other.scale) / other.scale;
        super::t_minus_ln1p(t) + r * super::gumbel::exp_m1_minus(-d / self.scale)
    }
}

/// For a FIXED location `μ` (the scale family `{Laplace(μ, b) : b > 0}`; with `μ` free the
/// Laplace family is not exponential, `|x − μ|` does not factor): `T(x) = |x − μ|`, `h(x) = 1`,
/// `η = −1/b`, `A(η) = ln(2b) = ln(−2/η)`, `μ_T = E|X − μ| = b`. The Bregman identity for KL
/// holds between members with the same `loc`.
impl ExponentialFamily for Laplace {
    fn natural_parameters(&self) -> Vec<f64> {
        vec![-1.0 / self.scale]
    }

    fn log_partition(&self) -> f64 {
        (2.0 * self.scale).ln()
    }

    fn mean_parameters(&self) -> Vec<f64> {
        vec![self.scale]
    }
}
