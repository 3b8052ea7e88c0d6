//! The categorical distribution.

use super::bernoulli::kl_term;
use super::ExponentialFamily;
use crate::error::{Error, Result};
use crate::validate::check_probability_vector;

/// The categorical distribution on `{0, …, K−1}` with probabilities `probs` (`K ≥ 1`).
///
/// $$ P(X = i) = p_i $$
///
/// # Examples
/// ```
/// use sanov::families::Categorical;
/// let h = Categorical::new(&[0.25; 4])?.entropy();
/// assert!((h - 4f64.ln()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Categorical {
    probs: Vec<f64>,
}

impl Categorical {
    /// A categorical distribution with probabilities `probs`.
    ///
    /// # Errors
    /// As [`check_probability_vector`]: [`Error::Empty`], [`Error::NonFinite`],
    /// [`Error::NegativeProbability`], [`Error::NotNormalized`] (`|Σp − 1| > 1e-9`).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Categorical;
    /// assert!(Categorical::new(&[0.5, 0.6]).is_err());
    /// ```
    pub fn new(probs: &[f64]) -> Result<Self> {
        check_probability_vector("probs", probs)?;
        Ok(Self {
            probs: probs.to_vec(),
        })
    }

    /// The probabilities.
    pub fn probs(&self) -> &[f64] {
        &self.probs
    }

    /// Shannon entropy in nats, with `0 ln 0 = 0`.
    ///
    /// $$ H(X) = -\sum_i p_i \ln p_i $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Categorical;
    /// assert_eq!(Categorical::new(&[0.0, 1.0])?.entropy(), 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn entropy(&self) -> f64 {
        crate::measures::entropy(&self.probs, crate::Base::Nats).unwrap_or(f64::NAN)
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats; `+∞` if `q_i = 0 < p_i` for
    /// some `i`.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \sum_i p_i \ln\frac{p_i}{q_i} $$
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] if the numbers of categories differ.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Categorical;
    /// let p = Categorical::new(&[0.5, 0.5])?;
    /// let q = Categorical::new(&[0.25, 0.75])?;
    /// let want = 0.5 * (2f64.ln() + (2.0f64 / 3.0).ln());
    /// assert!((p.kl_divergence(&q)? - want).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> Result<f64> {
        if self.probs.len() != other.probs.len() {
            return Err(Error::LengthMismatch {
                left_arg: "p.probs",
                left: self.probs.len(),
                right_arg: "q.probs",
                right: other.probs.len(),
            });
        }
        Ok(self
            .probs
            .iter()
            .zip(&other.probs)
            .map(|(&a, &b)| kl_term(a, b))
            .sum())
    }
}

/// Minimal parameterisation with the last category as reference: `T(x) = (1[x=0], …,
/// 1[x=K−2])`, `η_i = ln(p_i/p_{K−1})`, `A(η) = ln(1 + Σ e^{η_i}) = −ln p_{K−1}`,
/// `μ = (p_0, …, p_{K−2})`.
impl ExponentialFamily for Categorical {
    fn natural_parameters(&self) -> Vec<f64> {
        let last = self.probs[self.probs.len() - 1].ln();
        self.probs[..self.probs.len() - 1]
            .iter()
            .map(|p| p.ln() - last)
            .collect()
    }

    fn log_partition(&self) -> f64 {
        -self.probs[self.probs.len() - 1].ln()
    }

    fn mean_parameters(&self) -> Vec<f64> {
        self.probs[..self.probs.len() - 1].to_vec()
    }
}
