//! The binary kl-inverse and the PAC-Bayes-kl bound.

use crate::error::{Error, Result};
use crate::special::bisection::bisect_monotone;

/// Bisection stops when the bracket is this narrow (absolute).
pub const KL_INVERSE_TOLERANCE: f64 = 1e-15;

/// `kl(p‖q)` between Bernoulli(p) and Bernoulli(q), nats, `0 log 0 = 0`.
fn kl_bernoulli(p: f64, q: f64) -> f64 {
    let a = if p > 0.0 { p * (p / q).ln() } else { 0.0 };
    let b = if p < 1.0 {
        (1.0 - p) * ((1.0 - p) / (1.0 - q)).ln()
    } else {
        0.0
    };
    a + b
}

/// The upper kl-inverse: the largest `q ∈ [p̂, 1]` with `kl(p̂‖q) ≤ c` (nats).
///
/// $$ \mathrm{kl}^{-1}(\hat p, c) = \max\{q \in [\hat p, 1] : \hat p\ln\tfrac{\hat p}{q} +
///   (1-\hat p)\ln\tfrac{1-\hat p}{1-q} \le c\} $$
///
/// `kl(p̂‖·)` increases on `[p̂, 1]`, so bisection to an absolute bracket of
/// [`KL_INVERSE_TOLERANCE`] finds it; the lower end of the bracket (which satisfies the
/// constraint) is returned. `p̂ = 1` or `c = ∞` gives 1; `c = 0` gives `p̂`. Near `q = p̂` the
/// divergence is flat (`kl ≈ (q − p̂)²/(2p̂(1 − p̂))`), so for very small `c` the rounding of
/// `kl` (~1e-16) limits `q` to about `√(1e-16 · 2p̂(1 − p̂))`; for `c ≥ 1e-3` the result is
/// within ~1e-13 of the exact root.
///
/// # Errors
/// [`Error::InvalidParameter`] for `p_hat` outside `[0, 1]` or NaN, or `c` negative or NaN.
///
/// # Examples
/// ```
/// use sanov::bounds::kl_inverse;
/// let q = kl_inverse(0.0, 2f64.ln())?; // kl(0‖q) = −ln(1 − q) = ln 2
/// assert!((q - 0.5).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// M. Seeger, "PAC-Bayesian generalisation error bounds for Gaussian process classification",
/// JMLR 3 (2002); A. Maurer, "A note on the PAC Bayesian theorem" (2004).
pub fn kl_inverse(p_hat: f64, c: f64) -> Result<f64> {
    if !(0.0..=1.0).contains(&p_hat) {
        return Err(Error::InvalidParameter {
            name: "p_hat",
            value: p_hat,
            expected: "must be in [0, 1]",
        });
    }
    if c.is_nan() || c < 0.0 {
        return Err(Error::InvalidParameter {
            name: "c",
            value: c,
            expected: "must be >= 0",
        });
    }
    if p_hat == 1.0 || c == f64::INFINITY {
        return Ok(1.0);
    }
    if c == 0.0 {
        return Ok(p_hat);
    }
    let (lo, _) = bisect_monotone(p_hat, 1.0, KL_INVERSE_TOLERANCE, |q| {
        kl_bernoulli(p_hat, q) <= c
    });
    Ok(lo)
}

/// The PAC-Bayes-kl bound on the true risk of a posterior `Q` (Seeger 2002, Maurer 2004):
/// with probability at least `1 − δ` over an i.i.d. sample of size `n`, for all `Q`,
///
/// $$ R(Q) \le \mathrm{kl}^{-1}\!\left(\hat R(Q),\;
///   \frac{\mathrm{KL}(Q\|P) + \ln(2\sqrt n/\delta)}{n}\right) $$
///
/// for a loss in `[0, 1]`; `empirical_risk` is `R̂(Q)`, `kl_qp` is `KL(Q‖P)` **in nats**.
///
/// # Errors
/// [`Error::InvalidParameter`] for `empirical_risk ∉ [0, 1]`, `kl_qp` negative or non-finite,
/// `n = 0` or `delta ∉ (0, 1)`.
///
/// # Examples
/// ```
/// use sanov::bounds::{kl_inverse, pac_bayes_kl_bound};
/// let b = pac_bayes_kl_bound(0.1, 5.0, 1000, 0.05)?;
/// let c = (5.0 + (2.0 * 1000f64.sqrt() / 0.05).ln()) / 1000.0;
/// assert_eq!(b, kl_inverse(0.1, c)?);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Seeger (2002), Theorem 1; Maurer (2004), Theorem 5.
pub fn pac_bayes_kl_bound(empirical_risk: f64, kl_qp: f64, n: u64, delta: f64) -> Result<f64> {
    if !(0.0..=1.0).contains(&empirical_risk) {
        return Err(Error::InvalidParameter {
            name: "empirical_risk",
            value: empirical_risk,
            expected: "must be in [0, 1]",
        });
    }
    if !kl_qp.is_finite() || kl_qp < 0.0 {
        return Err(Error::InvalidParameter {
            name: "kl_qp",
            value: kl_qp,
            expected: "must be finite and >= 0",
        });
    }
    if n == 0 {
        return Err(Error::InvalidParameter {
            name: "n",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    if !(delta > 0.0 && delta < 1.0) {
        return Err(Error::InvalidParameter {
            name: "delta",
            value: delta,
            expected: "must be in (0, 1)",
        });
    }
    let nf = n as f64;
    let c = (kl_qp + (2.0 * nf.sqrt() / delta).ln()) / nf;
    kl_inverse(empirical_risk, c)
}
