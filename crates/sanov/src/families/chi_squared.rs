//! The chi-squared distribution, SciPy's `chi2`.

use super::{positive, Gamma};
use crate::error::Result;

/// The chi-squared distribution with `df` degrees of freedom (SciPy's `chi2(df)`): the gamma
/// distribution with shape `df/2` and rate `½`.
///
/// $$ f(x) = \frac{x^{k/2-1} e^{-x/2}}{2^{k/2}\,\Gamma(k/2)}, \quad x > 0, \ k = \mathrm{df} $$
///
/// # Examples
/// ```
/// use sanov::families::ChiSquared;
/// // χ²(2) is Exponential(½): h = 1 + ln 2.
/// let h = ChiSquared::new(2.0)?.differential_entropy();
/// assert!((h - (1.0 + 2f64.ln())).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChiSquared {
    df: f64,
    gamma: Gamma,
}

impl ChiSquared {
    /// A chi-squared distribution with `df > 0` degrees of freedom (not necessarily an integer).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) (`name = "df"`) unless `df`
    /// is finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::ChiSquared;
    /// assert!(ChiSquared::new(0.0).is_err());
    /// assert!(ChiSquared::new(f64::NAN).is_err());
    /// ```
    pub fn new(df: f64) -> Result<Self> {
        let df = positive("df", df)?;
        // df/2 of a positive finite df is positive (or subnormal-positive) and finite.
        let gamma = Gamma::new(0.5 * df, 0.5).map_err(|_| crate::Error::InvalidParameter {
            name: "df",
            value: df,
            expected: "must be finite and > 0 (df/2 must be a valid gamma shape)",
        })?;
        Ok(Self { df, gamma })
    }

    /// The degrees of freedom.
    pub fn df(&self) -> f64 {
        self.df
    }

    /// The same distribution as a [`Gamma`] (shape `df/2`, rate `½`).
    ///
    /// Rust-only: a conversion between Rust types; Python names the family (`"chi2"`) and pairs
    /// it with `"gamma"` members directly.
    pub fn as_gamma(&self) -> Gamma {
        self.gamma
    }

    /// Differential entropy in nats, that of `Gamma(df/2, rate ½)`.
    ///
    /// $$ h(X) = \frac k2 + \ln 2 + \ln\Gamma\Big(\frac k2\Big)
    ///    + \Big(1 - \frac k2\Big)\psi\Big(\frac k2\Big) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::{ChiSquared, Gamma};
    /// let h = ChiSquared::new(5.0)?.differential_entropy();
    /// assert_eq!(h, Gamma::new(2.5, 0.5)?.differential_entropy());
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        self.gamma.differential_entropy()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats, the gamma divergence with equal
    /// rates:
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \Big(\frac{k_p - k_q}{2}\Big)\psi\Big(\frac{k_p}2\Big)
    ///    - \ln\Gamma\Big(\frac{k_p}2\Big) + \ln\Gamma\Big(\frac{k_q}2\Big) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::ChiSquared;
    /// let p = ChiSquared::new(3.0)?;
    /// assert_eq!(p.kl_divergence(&p), 0.0);
    /// assert!(p.kl_divergence(&ChiSquared::new(4.0)?) > 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        self.gamma.kl_divergence(&other.gamma)
    }
}
