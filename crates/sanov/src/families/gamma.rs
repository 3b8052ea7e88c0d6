//! The gamma distribution.

use super::{positive, ExponentialFamily};
use crate::error::Result;
use crate::special::{
    digamma, digamma_tail, kronrod15, ln_gamma, ln_gamma_ratio, r_minus_ln_1p, stirling_correction,
    trigamma,
};

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
    /// For `a ≥ 10` the large terms cancel analytically: with the Stirling series of `ln Γ`
    /// (correction `c(a)`) and the asymptotic series `ψ(a) = ln a − 1/(2a) − R(a)`,
    /// `h = ½ + ½ ln(2πa) − ln b + c(a) − 1/(2a) + (a − 1) R(a)`; so `a = 1e10` keeps all its
    /// digits and `a = 1e300` gives `346.8067…`, not 0.
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
        if a >= 10.0 {
            let tail = if a.is_finite() {
                (a - 1.0) * digamma_tail(a)
            } else {
                0.0
            };
            return 0.5 + 0.5 * (LN_2PI + a.ln()) - self.rate.ln() + stirling_correction(a)
                - 0.5 / a
                + tail;
        }
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
        // With r = (b_q − b_p)/b_p: a_q ln(b_p/b_q) + a_p r
        //   = a_p (r − ln(1 + r)) − (a_q − a_p) ln(1 + r), no cancellation for b_q ≈ b_p.
        let r = (bq - bp) / bp;
        let rate_part = ap * r_minus_ln_1p(r) - (aq - ap) * r.ln_1p();
        rate_part + shape_part(ap, aq)
    }
}

/// `ln Γ(a + c) − ln Γ(a) − c ψ(a)` for `|c| ≤ NEAR_DIAGONAL · min(a, a + c)`, from `a` and
/// the step `c` itself (callers that know `c` more exactly than `(a + c) − a` pass it).
pub(super) fn shape_part_near(ap: f64, c: f64) -> f64 {
    // Taylor's theorem with integral remainder for ln Γ about a_p:
    //   ln Γ(a_q) − ln Γ(a_p) − c ψ(a_p) = c² ∫₀¹ (1 − s) ψ′(a_p + c s) ds,
    // an integral of positive terms (ψ′ > 0): no cancellation, never negative. ψ′ is analytic
    // away from its pole at 0, which lies ≥ 2/NEAR_DIAGONAL + 1 = 9 half-widths from the
    // centre of the interval: K15's error is below 18^-23 relative. Written as c·(c·I) so that
    // c² cannot overflow (c·I ≈ c/a ≤ NEAR_DIAGONAL for large a).
    let i = kronrod15(|s| (1.0 - s) * trigamma(ap + c * s), 0.0, 1.0);
    c * (c * i)
}

/// Whether `|a_q − a_p| ≤ NEAR_DIAGONAL · min(a_p, a_q)` (both finite), where [`shape_part`]
/// integrates `ψ′` instead of subtracting the closed form's terms.
pub(super) fn near_diagonal(ap: f64, aq: f64) -> bool {
    (aq - ap).abs() <= NEAR_DIAGONAL * ap.min(aq) && ap.is_finite() && aq.is_finite()
}

/// Shape pairs with `|a_q − a_p| ≤ NEAR_DIAGONAL · min(a_p, a_q)` take the integral form of
/// the shape part (see [`shape_part`]); outside it the closed form loses at most a few ulps of
/// a result that is then ≥ `c²ψ′/2`.
const NEAR_DIAGONAL: f64 = 0.25;

/// `ln(2π)`.
const LN_2PI: f64 = 1.837_877_066_409_345_483_560_659_472_811;

/// `(a_p − a_q) ψ(a_p) − ln Γ(a_p) + ln Γ(a_q)` (the shape part of the Gamma KL divergence).
///
/// For `a_p, a_q ≥ 10` the `c ln a` parts (`c = |a_q − a_p|`) of `c ψ(a_p)` and of the
/// log-gamma difference cancel analytically (Stirling series for `ln Γ`, asymptotic series
/// `ψ(a) = ln a − 1/(2a) − R(a)`), leaving terms of the size of the result (`≈ c²/(2a)`).
fn shape_part(ap: f64, aq: f64) -> f64 {
    let c = aq - ap;
    if c == 0.0 {
        return 0.0;
    }
    if near_diagonal(ap, aq) {
        return shape_part_near(ap, c);
    }
    if ap < 10.0 || aq < 10.0 || !(ap.is_finite() && aq.is_finite()) {
        let ln_gamma_diff = if aq >= ap {
            ln_gamma_ratio(ap, aq - ap)
        } else {
            -ln_gamma_ratio(aq, ap - aq)
        };
        return (ap - aq) * digamma(ap) + ln_gamma_diff;
    }
    if aq < ap {
        // c ψ(a_p) − ln[Γ(a_p)/Γ(a_q)], u = c/a_q.
        let c = ap - aq;
        let u = c / aq;
        -c / (2.0 * ap) - c * digamma_tail(ap) + aq * r_minus_ln_1p(u) + 0.5 * u.ln_1p()
            - (stirling_correction(ap) - stirling_correction(aq))
    } else {
        // −c ψ(a_p) + ln[Γ(a_q)/Γ(a_p)], u = c/a_p.
        let c = aq - ap;
        let u = c / ap;
        c / (2.0 * ap) + c * digamma_tail(ap) - 0.5 * u.ln_1p() - ap * r_minus_ln_1p(u)
            + c * u.ln_1p()
            + (stirling_correction(aq) - stirling_correction(ap))
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
