//! Special functions of the estimators: `ln Γ`, digamma and trigamma come from
//! [`crate::special`]; this file adds the log rising factorial `ln Γ(x + c) − ln Γ(x)` without
//! cancellation and the NSB prior density (asymptotic series for `x ≥ 10`, A&S 6.1.40, 6.4.12).

pub(crate) use crate::special::ln_gamma_ratio;
pub(crate) use crate::special::{digamma, ln_gamma, trigamma};

/// Threshold above which the asymptotic series are used.
const ASYMPTOTIC: f64 = 10.0;

/// `K ψ₁(Kβ + 1) − ψ₁(β + 1)`, the NSB prior density `dξ/dβ`, for `β > 0`, `K ≥ 2`.
///
/// For `β ≥ 10` the two terms agree to `O(1/β²)`; their difference is then taken from the
/// difference of the asymptotic series term by term,
/// `Σₖ cₖ (1 − K^{1−k}) β^{−k}` with the series `ψ₁(y+1) = 1/y − 1/(2y²) + 1/(6y³) − 1/(30y⁵) + …`.
pub(crate) fn nsb_prior_density(beta: f64, k: f64) -> f64 {
    if beta < ASYMPTOTIC {
        return k * trigamma(k * beta + 1.0) - trigamma(beta + 1.0);
    }
    let r = 1.0 / beta;
    let ik = 1.0 / k;
    let d = |p: i32| 1.0 - ik.powi(p);
    let r2 = r * r;
    r2 * (0.5 * d(1)
        + r * (-d(2) / 6.0
            + r2 * (d(4) / 30.0
                + r2 * (-d(6) / 42.0 + r2 * (d(8) / 30.0 + r2 * (-5.0 * d(10) / 66.0))))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Euler–Mascheroni constant.
    const GAMMA: f64 = 0.577_215_664_901_532_860_606_512_090_082;

    fn rel(a: f64, b: f64) -> f64 {
        (a - b).abs() / b.abs().max(1e-300)
    }

    #[test]
    fn known_values() {
        assert!(rel(digamma(1.0), -GAMMA) < 1e-15);
        assert!(rel(digamma(0.5), -GAMMA - 2.0 * core::f64::consts::LN_2) < 1e-15);
        // ψ(100) (mpmath).
        assert!(rel(digamma(100.0), 4.600161852738087) < 2e-16);
        let pi2_6 = core::f64::consts::PI.powi(2) / 6.0;
        assert!(rel(trigamma(1.0), pi2_6) < 1e-15);
        assert!(rel(trigamma(0.5), 3.0 * pi2_6) < 1e-15);
        // Recurrence from x = 10.5 cancels about one digit here.
        assert!(rel(ln_gamma(0.5), 0.5 * core::f64::consts::PI.ln()) < 1e-14);
        // lnΓ(30.5), lnΓ(1e6) (mpmath).
        assert!(rel(ln_gamma(30.5), 72.95347118416941) < 1e-15);
        assert!(rel(ln_gamma(1e6), 12815504.569147612) < 1e-15);
        assert_eq!(ln_gamma(1.0), 0.0);
        assert_eq!(ln_gamma(2.0), 0.0);
    }

    #[test]
    fn ratio_and_prior_continuous_at_switch() {
        for &c in &[1.0, 3.0, 250.0] {
            let below = ln_gamma_ratio(10.0 - 1e-9, c);
            let above = ln_gamma_ratio(10.0, c);
            assert!((below - above).abs() < 1e-7 * above.abs().max(1.0));
        }
        let k = 7.0;
        let below = nsb_prior_density(10.0 - 1e-9, k);
        let above = nsb_prior_density(10.0, k);
        assert!(rel(below, above) < 1e-8);
    }
}
