//! Rate–distortion functions: the closed form of the binary source ([`closed_form`]), Blahut's
//! solver at one slope ([`solver`]) and the search on the slope for a target distortion
//! ([`slope`]).

mod closed_form;
mod slope;
mod solver;

pub use closed_form::binary_rate_distortion;
pub use slope::rate_distortion;

use crate::iterate::{Diagnostics, StoppingRule};
use crate::units::Base;
use ndarray::{Array1, Array2};

/// Options of [`rate_distortion`].
///
/// # Examples
/// ```
/// use sanov::channels::RateDistortionOptions;
/// let params = RateDistortionOptions::default();
/// assert_eq!(params.rule.tolerance, 1e-12);
/// assert_eq!(params.rule.max_iterations, 100_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateDistortionOptions {
    /// Stop when the certified gap (upper − lower bound on `R(D)`, in nats) is at most
    /// `rule.tolerance`; [`Error::NotConverged`](crate::Error::NotConverged) after `rule.max_iterations` inner iterations
    /// (Newton or Blahut steps, and bound evaluations) in all. Default: 1e-12 nats, 100 000.
    pub rule: StoppingRule,
    /// The unit of the reported rate. Default: nats.
    pub base: Base,
}

impl Default for RateDistortionOptions {
    fn default() -> Self {
        Self {
            rule: StoppingRule {
                max_iterations: 100_000,
                tolerance: 1e-12,
            },
            base: Base::Nats,
        }
    }
}

/// The old name of [`RateDistortionOptions`] (configuration structs are `*Options`, passed by reference).
#[deprecated(since = "0.2.0", note = "renamed to `RateDistortionOptions`")]
pub type RateDistortionParams = RateDistortionOptions;

/// The rate–distortion function at one distortion, with a test channel achieving it; see
/// [`rate_distortion`].
#[derive(Debug, Clone, PartialEq)]
pub struct RateDistortionResult {
    /// The rate in the unit of `params.base`: `I(X; X̂)` of `test_channel`, an upper bound
    /// within `gap` nats of `R(D)`.
    pub rate: f64,
    /// The expected distortion `Σ_x p(x) Σ_x̂ Q(x̂|x) d(x, x̂)` of `test_channel` (`≤ D`, equal up
    /// to rounding unless `R(D) = 0` or the curve is flat there).
    pub distortion: f64,
    /// The test channel `Q(x̂|x)`, rows indexed by source symbols.
    pub test_channel: Array2<f64>,
    /// The reproduction distribution `q(x̂) = Σ_x p(x) Q(x̂|x)`.
    pub output_distribution: Array1<f64>,
    /// `β ≥ 0` with `−β` the slope of `R` at `D` (nats per unit of distortion): the slope whose
    /// dual bound certified the answer (`+∞` at `D = D_min`, `0` where `R(D) = 0`). At a kink of
    /// `R` any value between the one-sided slopes is valid.
    pub slope: f64,
    /// The certified gap in nats: `rate − (a proven lower bound on R(D))`. Rounding can make it
    /// a few ulps negative when the answer is exact.
    pub gap: f64,
    /// Inner iterations, termination and certificate (= `gap`).
    pub diagnostics: Diagnostics,
}

#[cfg(test)]
mod tests {
    use super::closed_form::binary_rate_distortion;
    use crate::error::Error;
    use crate::units::Base;

    #[test]
    fn closed_form() {
        let r = binary_rate_distortion(0.5, 0.11, Base::Bits).unwrap();
        let hb = -0.11 * 0.11f64.log2() - 0.89 * 0.89f64.log2();
        assert!((r - (1.0 - hb)).abs() < 1e-15);
        assert_eq!(binary_rate_distortion(0.3, 0.3, Base::Nats).unwrap(), 0.0);
        assert!(matches!(
            binary_rate_distortion(0.3, -0.1, Base::Nats),
            Err(Error::Infeasible { .. })
        ));
    }
}
