//! The shared vocabulary of sanov's iterative solvers (MaxEnt, Blahut–Arimoto, ...): a stopping
//! rule, the reason a solver stopped, and the diagnostics every result carries.
//!
//! A solver stops when its *certificate* — a bound on the distance to the optimum that the
//! solver proves, such as a duality gap or the gap between an upper and a lower bound — falls to
//! the tolerance. Running out of iterations first is an error, [`Error::NotConverged`], which
//! carries the iteration count and the best certificate reached; a solver never returns an
//! uncertified answer silently.

use crate::error::{Error, Result};

/// When an iterative solver stops.
///
/// # Examples
/// ```
/// use sanov::iterate::StoppingRule;
/// let rule = StoppingRule { tolerance: 1e-9, ..StoppingRule::default() };
/// assert_eq!(rule.max_iterations, 10_000);
/// assert!(rule.validate().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoppingRule {
    /// The most iterations allowed before [`Error::NotConverged`].
    pub max_iterations: usize,
    /// The certificate (gap) at or below which the solver has converged, in nats.
    pub tolerance: f64,
}

impl Default for StoppingRule {
    /// 10 000 iterations, tolerance 1e-12 nats.
    fn default() -> Self {
        Self {
            max_iterations: 10_000,
            tolerance: 1e-12,
        }
    }
}

impl StoppingRule {
    /// Checks the rule's own values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if `tolerance` is not finite and positive, or
    /// `max_iterations` is 0.
    pub fn validate(&self) -> Result<()> {
        if !(self.tolerance > 0.0 && self.tolerance.is_finite()) {
            return Err(Error::InvalidParameter {
                name: "tolerance",
                value: self.tolerance,
                expected: "a finite tolerance > 0",
            });
        }
        if self.max_iterations == 0 {
            return Err(Error::InvalidParameter {
                name: "max_iterations",
                value: 0.0,
                expected: "at least 1 iteration",
            });
        }
        Ok(())
    }

    /// The outcome after an iteration: `Ok(true)` when `certificate ≤ tolerance` (converged),
    /// `Ok(false)` to go on, and [`Error::NotConverged`] when `iteration` reaches
    /// `max_iterations` without converging.
    ///
    /// # Errors
    /// [`Error::NotConverged`] with the iteration count and the certificate.
    ///
    /// # Examples
    /// ```
    /// use sanov::iterate::StoppingRule;
    /// let rule = StoppingRule { max_iterations: 3, tolerance: 1e-6 };
    /// assert_eq!(rule.check(1, 1e-3), Ok(false));
    /// assert_eq!(rule.check(2, 1e-7), Ok(true));
    /// assert!(rule.check(3, 1e-3).is_err());
    /// ```
    pub fn check(&self, iteration: usize, certificate: f64) -> Result<bool> {
        if certificate <= self.tolerance {
            Ok(true)
        } else if iteration >= self.max_iterations || certificate.is_nan() {
            Err(Error::NotConverged {
                iterations: iteration,
                residual: certificate,
            })
        } else {
            Ok(false)
        }
    }
}

/// Why a solver stopped successfully.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Termination {
    /// The certificate reached the tolerance.
    Converged,
    /// The answer is exact by construction (a closed form, or a degenerate problem).
    Exact,
}

/// Diagnostics carried by every solver result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Diagnostics {
    /// Iterations performed.
    pub iterations: usize,
    /// Why the solver stopped.
    pub termination: Termination,
    /// The final certificate: a proven bound on the distance of the reported value from the
    /// optimum (duality gap, or upper minus lower bound), in nats.
    pub certificate: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_rules() {
        let bad = StoppingRule {
            tolerance: 0.0,
            ..StoppingRule::default()
        };
        assert!(matches!(
            bad.validate(),
            Err(Error::InvalidParameter {
                name: "tolerance",
                ..
            })
        ));
        let bad = StoppingRule {
            max_iterations: 0,
            ..StoppingRule::default()
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn nan_certificate_is_not_converged() {
        let rule = StoppingRule::default();
        assert!(matches!(
            rule.check(5, f64::NAN),
            Err(Error::NotConverged { iterations: 5, .. })
        ));
    }
}
