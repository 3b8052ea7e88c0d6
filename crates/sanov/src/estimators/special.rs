//! Private special functions of the estimators: `ln Γ`, its differences, digamma, trigamma.
//!
//! All use the asymptotic (Stirling / Bernoulli-number) series for arguments `x ≥ 10`, whose
//! truncation error there is below `1e-17` relative, and the recurrences
//! `Γ(x+1) = xΓ(x)`, `ψ(x+1) = ψ(x) + 1/x`, `ψ₁(x+1) = ψ₁(x) − 1/x²` to reach `x ≥ 10` from
//! below (Abramowitz & Stegun 6.1.40, 6.3.18, 6.4.12; DLMF 5.11.1, 5.15.8). Arguments must
//! be positive (the estimators never evaluate elsewhere).

/// `½ ln(2π)`.
const HALF_LN_2PI: f64 = 0.918_938_533_204_672_741_780_329_736_406;

/// Threshold above which the asymptotic series are used.
const ASYMPTOTIC: f64 = 10.0;

/// Stirling's correction `lnΓ(x) − [(x−½)ln x − x + ½ln 2π]` for `x ≥ 10` (A&S 6.1.40:
/// `Σ B₂ₖ / (2k(2k−1) x^{2k−1})`, seven terms).
fn stirling_tail(x: f64) -> f64 {
    let r = 1.0 / x;
    let r2 = r * r;
    r * (1.0 / 12.0
        + r2 * (-1.0 / 360.0
            + r2 * (1.0 / 1260.0
                + r2 * (-1.0 / 1680.0
                    + r2 * (1.0 / 1188.0 + r2 * (-691.0 / 360360.0 + r2 * (1.0 / 156.0)))))))
}

/// `ln Γ(x)` for `x > 0`.
pub(crate) fn ln_gamma(x: f64) -> f64 {
    if x == x.floor() && x <= 21.0 {
        // (x−1)! is exact in u64 for x ≤ 21: one rounding to f64, one ln.
        let mut f = 1u64;
        for k in 2..(x as u64) {
            f *= k;
        }
        return (f as f64).ln();
    }
    if x >= ASYMPTOTIC {
        return (x - 0.5) * x.ln() - x + HALF_LN_2PI + stirling_tail(x);
    }
    let (mut y, mut p) = (x, 1.0);
    while y < ASYMPTOTIC {
        p *= y;
        y += 1.0;
    }
    ln_gamma(y) - p.ln()
}

/// `ln Γ(x + c) − ln Γ(x)` (the log of the rising factorial) for `x > 0`, `c ≥ 0`, without the
/// cancellation of the two large log-gammas when `x` is large.
pub(crate) fn ln_gamma_ratio(x: f64, c: f64) -> f64 {
    if c == 0.0 {
        return 0.0;
    }
    if x < ASYMPTOTIC {
        return ln_gamma(x + c) - ln_gamma(x);
    }
    // (x+c−½)ln(x+c) − (x−½)ln x − c = (x−½) ln(1 + c/x) + c ln(x+c) − c.
    (x - 0.5) * (c / x).ln_1p() + c * (x + c).ln() - c + (stirling_tail(x + c) - stirling_tail(x))
}

/// Digamma `ψ(x) = Γ'(x)/Γ(x)` for `x > 0` (A&S 6.3.18: `ln x − 1/(2x) − Σ B₂ₖ/(2k x^{2k})`).
pub(crate) fn digamma(x: f64) -> f64 {
    let (mut y, mut acc) = (x, 0.0);
    while y < ASYMPTOTIC {
        acc -= 1.0 / y;
        y += 1.0;
    }
    let r2 = 1.0 / (y * y);
    let series = r2
        * (1.0 / 12.0
            + r2 * (-1.0 / 120.0
                + r2 * (1.0 / 252.0
                    + r2 * (-1.0 / 240.0
                        + r2 * (1.0 / 132.0 + r2 * (-691.0 / 32760.0 + r2 * (1.0 / 12.0)))))));
    acc + y.ln() - 0.5 / y - series
}

/// Trigamma `ψ₁(x) = ψ'(x)` for `x > 0` (A&S 6.4.12: `1/x + 1/(2x²) + Σ B₂ₖ/x^{2k+1}`).
pub(crate) fn trigamma(x: f64) -> f64 {
    let (mut y, mut acc) = (x, 0.0);
    while y < ASYMPTOTIC {
        acc += 1.0 / (y * y);
        y += 1.0;
    }
    let r = 1.0 / y;
    let r2 = r * r;
    acc + r
        + 0.5 * r2
        + r * r2
            * (1.0 / 6.0
                + r2 * (-1.0 / 30.0
                    + r2 * (1.0 / 42.0
                        + r2 * (-1.0 / 30.0 + r2 * (5.0 / 66.0 + r2 * (-691.0 / 2730.0))))))
}

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
