//! Multinomial coefficients and type-class probabilities, exact where small and by a
//! cancellation-free Stirling decomposition where large.

use crate::error::{Error, Result};
use crate::special::stirling_correction;
use crate::sum::Neumaier;
use crate::validate::check_probability_vector;

/// `ln(2π)`.
const LN_2PI: f64 = 1.837_877_066_409_345_5;

/// Up to this `n` the coefficient is first tried as an exact `u128` product (it falls back to the
/// Stirling decomposition on overflow); the bound keeps the exact path `O(n)` and cheap.
const EXACT_MAX_N: u64 = 1000;

/// The largest `n` whose counts convert to `f64` exactly.
const MAX_N: u64 = 1 << 53;

/// Validates counts and returns `n = Σ k_i`.
pub(super) fn total(counts: &[u64]) -> Result<u64> {
    if counts.is_empty() {
        return Err(Error::Empty { arg: "counts" });
    }
    let mut n: u64 = 0;
    for &k in counts {
        n = match n.checked_add(k) {
            Some(v) if v <= MAX_N => v,
            _ => {
                return Err(Error::InvalidParameter {
                    name: "n",
                    value: n as f64 + k as f64,
                    expected: "the total count must be <= 2^53",
                })
            }
        };
    }
    if n == 0 {
        return Err(Error::ZeroMass { arg: "counts" });
    }
    Ok(n)
}

/// `δ(k) = ln k! − [k ln k − k + ½ ln(2πk)]` for `k ≥ 1` (the remainder of Stirling's formula,
/// `≈ 1/(12k)`): from the exact factorial below 10, from the Stirling series
/// (`crate::special`, A&S 6.1.40) above, using `ln k! = ln k + ln Γ(k)`.
fn stirling_remainder(k: u64) -> f64 {
    if k >= 10 {
        stirling_correction(k as f64)
    } else {
        let fact: u64 = (1..=k).product();
        let kf = k as f64;
        (fact as f64).ln() - (kf * kf.ln() - kf + 0.5 * (LN_2PI + kf.ln()))
    }
}

/// The pieces of `ln(n!/∏k_i!) = nH + S + C` (zero counts dropped):
/// `nH = Σ k_i ln(n/k_i)` (non-negative terms), `S = ½ ln(2πn / ∏ 2πk_i)` and
/// `C = δ(n) − Σ δ(k_i)`. The `−n + Σ k_i` of Stirling's formula cancels exactly, which is what
/// makes the sum free of the catastrophic cancellation of `ln Γ(n+1) − Σ ln Γ(k_i+1)`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Decomposition {
    pub(super) nh: f64,
    pub(super) half_log: f64,
    pub(super) remainder: f64,
}

pub(super) fn decompose(counts: &[u64], n: u64) -> Decomposition {
    let nf = n as f64;
    let mut nh = Neumaier::default();
    let mut half_log = Neumaier::default();
    let mut remainder = Neumaier::default();
    half_log.add(0.5 * (LN_2PI + nf.ln()));
    remainder.add(stirling_remainder(n));
    for &k in counts.iter().filter(|&&k| k > 0) {
        let kf = k as f64;
        // ln(n/k) = ln(1 + (n−k)/k): one rounding before an accurate log1p.
        nh.add(kf * ((n - k) as f64 / kf).ln_1p());
        half_log.add(-0.5 * (LN_2PI + kf.ln()));
        remainder.add(-stirling_remainder(k));
    }
    Decomposition {
        nh: nh.total(),
        half_log: half_log.total(),
        remainder: remainder.total(),
    }
}

/// `n!/∏k_i!` as an exact integer, if `n ≤ EXACT_MAX_N` and every partial product fits a `u128`.
fn exact_coefficient(counts: &[u64], n: u64) -> Option<u128> {
    if n > EXACT_MAX_N {
        return None;
    }
    let mut c: u128 = 1;
    let mut m: u128 = 0;
    for &k in counts {
        for j in 1..=u128::from(k) {
            m += 1;
            // c · C(m, j) stays an integer at every step.
            c = c.checked_mul(m)? / j;
        }
    }
    Some(c)
}

/// `ln(n!/∏k_i!)` and, for the Stirling path, its decomposition.
fn ln_coefficient(counts: &[u64], n: u64) -> (f64, Option<Decomposition>) {
    if let Some(c) = exact_coefficient(counts, n) {
        return ((c as f64).ln(), None);
    }
    let d = decompose(counts, n);
    let mut s = Neumaier::default();
    s.add(d.nh);
    s.add(d.half_log);
    s.add(d.remainder);
    (s.total(), Some(d))
}

/// Natural log of the multinomial coefficient: the size of the type class of `counts`.
///
/// $$ \ln \binom{n}{k_1, \dots, k_m} = \ln \frac{n!}{\prod_i k_i!}, \qquad n = \sum_i k_i $$
///
/// Up to `n = 1000` the coefficient is computed as an exact 128-bit integer when it fits (one
/// rounding, then `ln`). Otherwise it is evaluated as `nH + ½ ln(2πn/∏2πk_i) + δ(n) − Σδ(k_i)`,
/// with `nH = Σ k_i ln(n/k_i)` (via `ln_1p`), `δ` the Stirling remainder (exact factorials
/// below 10, the Stirling series of [`crate::special`] above) and compensated sums; unlike
/// `ln Γ(n+1) − Σ ln Γ(k_i+1)` this has no cancellation, and the result is accurate to about
/// `1e-14` relative for any `n` (`tests/types.rs` checks 1e-12 against mpmath up to `n = 10⁶`).
/// Zero counts contribute nothing. In nats.
///
/// # Errors
/// [`Error::Empty`] for no counts, [`Error::ZeroMass`] if every count is 0,
/// [`Error::InvalidParameter`] (`"n"`) if `Σ k_i > 2^53`.
///
/// # Examples
/// ```
/// use sanov::method_of_types::log_multinomial_coefficient;
/// // 4!/(2!·1!·1!) = 12 sequences of type (2, 1, 1).
/// let v = log_multinomial_coefficient(&[2, 1, 1])?;
/// assert!((v - 12f64.ln()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §11.1 (Theorem 11.1.3).
pub fn log_multinomial_coefficient(counts: &[u64]) -> Result<f64> {
    let n = total(counts)?;
    Ok(ln_coefficient(counts, n).0)
}

/// Validates `q` against `counts` and returns `n·D(P‖q)` (`P = counts/n`), or `None` if some
/// `q_i = 0 < k_i` (then `D = +∞`).
fn n_kl(counts: &[u64], n: u64, q: &[f64]) -> Result<Option<f64>> {
    if q.len() != counts.len() {
        return Err(Error::LengthMismatch {
            left_arg: "counts",
            left: counts.len(),
            right_arg: "q",
            right: q.len(),
        });
    }
    check_probability_vector("q", q)?;
    let nf = n as f64;
    let mut s = Neumaier::default();
    for (&k, &qi) in counts.iter().zip(q) {
        if k == 0 {
            continue;
        }
        if qi == 0.0 {
            return Ok(None);
        }
        let kf = k as f64;
        s.add(kf * (kf / (nf * qi)).ln());
    }
    Ok(Some(s.total()))
}

/// `ln(n!/∏k_i!) − nH(P)` (the part of the log coefficient that is not `nH`).
fn coefficient_minus_nh(counts: &[u64], n: u64) -> f64 {
    match ln_coefficient(counts, n) {
        (_, Some(d)) => d.half_log + d.remainder,
        (v, None) => v - decompose(counts, n).nh,
    }
}

/// Natural log of the probability of the type class `counts` under `Multinomial(n, q)`.
///
/// $$ \ln Q^n(T(P)) = \ln \frac{n!}{\prod_i k_i!} + \sum_i k_i \ln q_i
///   = \Big(\ln \frac{n!}{\prod_i k_i!} - nH(P)\Big) - n D(P \,\|\, q) $$
///
/// evaluated in the second form (`nH` and `Σ k_i ln q_i` never cancel). `−∞` if some
/// `q_i = 0 < k_i`. In nats.
///
/// # Errors
/// As [`log_multinomial_coefficient`] for `counts`; [`Error::LengthMismatch`] if
/// `q.len() != counts.len()`; [`Error::NonFinite`], [`Error::NegativeProbability`] or
/// [`Error::NotNormalized`] for `q`.
///
/// # Examples
/// ```
/// use sanov::method_of_types::log_multinomial_probability;
/// // Two heads in three fair tosses: 3/8.
/// let v = log_multinomial_probability(&[2, 1], &[0.5, 0.5])?;
/// assert!((v - (3.0f64 / 8.0).ln()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §11.1 (Theorem 11.1.2).
pub fn log_multinomial_probability(counts: &[u64], q: &[f64]) -> Result<f64> {
    let n = total(counts)?;
    let Some(nd) = n_kl(counts, n, q)? else {
        return Ok(f64::NEG_INFINITY);
    };
    Ok(coefficient_minus_nh(counts, n) - nd)
}

/// Sanov's bounds on the probability of a type class, with the exact value between them (nats).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SanovTypeBounds {
    /// `−n D(P‖Q) − |X| ln(n + 1)`.
    pub lower: f64,
    /// `ln Qⁿ(T(P))`, as [`log_multinomial_probability`].
    pub log_probability: f64,
    /// `−n D(P‖Q)`.
    pub upper: f64,
}

impl SanovTypeBounds {
    /// `[lower, log_probability, upper]`.
    pub fn to_array(self) -> [f64; 3] {
        [self.lower, self.log_probability, self.upper]
    }
}

/// The bounds of Cover & Thomas Theorem 11.1.4 on the probability of the type class of `counts`
/// under `q`, and the exact value.
///
/// $$ -nD(P\|Q) - |\mathcal X| \ln(n+1) \;\le\; \ln Q^n(T(P)) \;\le\; -nD(P\|Q),
///    \qquad P = k/n $$
///
/// `|X|` is `counts.len()` (zero counts included). All three are `−∞` if some `q_i = 0 < k_i`.
/// The upper bound is attained only when `P` is a point mass.
///
/// # Errors
/// As [`log_multinomial_probability`].
///
/// # Examples
/// ```
/// use sanov::method_of_types::sanov_type_bounds;
/// let b = sanov_type_bounds(&[30, 10], &[0.5, 0.5])?;
/// assert!(b.lower <= b.log_probability && b.log_probability <= b.upper);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §11.1 (Theorem 11.1.4) and §11.4;
/// I. N. Sanov, "On the probability of large deviations of random variables", Mat. Sbornik 42
/// (1957).
pub fn sanov_type_bounds(counts: &[u64], q: &[f64]) -> Result<SanovTypeBounds> {
    let n = total(counts)?;
    let Some(nd) = n_kl(counts, n, q)? else {
        return Ok(SanovTypeBounds {
            lower: f64::NEG_INFINITY,
            log_probability: f64::NEG_INFINITY,
            upper: f64::NEG_INFINITY,
        });
    };
    let alphabet = counts.len() as f64;
    Ok(SanovTypeBounds {
        lower: -nd - alphabet * ((n + 1) as f64).ln(),
        log_probability: coefficient_minus_nh(counts, n) - nd,
        upper: -nd,
    })
}

/// An approximation of the log multinomial coefficient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Approximation {
    /// `n·H(P)` (nats), the exponent of Cover & Thomas Theorem 11.1.3; never below the exact
    /// value. Python: `"nH"`.
    Nh,
    /// `n·H(P) + ½ ln(2πn / ∏_{k_i>0} 2πk_i)`: Stirling's formula applied to every factorial.
    /// Python: `"stirling"`.
    Stirling,
}

/// An approximation of `ln(n!/∏k_i!)` from the type `P = k/n` (nats).
///
/// $$ \text{nH: } nH(P) = \sum_i k_i \ln\frac{n}{k_i}, \qquad
///    \text{Stirling: } nH(P) + \tfrac12 \ln \frac{2\pi n}{\prod_{k_i>0} 2\pi k_i} $$
///
/// Both over-estimate the exact value: `nH` by `O(|X| ln n)`, Stirling by
/// `Σ δ(k_i) − δ(n) ≈ Σ 1/(12 k_i)`.
///
/// # Errors
/// As [`log_multinomial_coefficient`].
///
/// # Examples
/// ```
/// use sanov::method_of_types::{log_multinomial_coefficient_approx, Approximation};
/// let nh = log_multinomial_coefficient_approx(&[5, 5], Approximation::Nh)?;
/// assert!((nh - 10.0 * 2f64.ln()).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §11.1 and (Stirling) §17.5.
pub fn log_multinomial_coefficient_approx(counts: &[u64], method: Approximation) -> Result<f64> {
    let n = total(counts)?;
    let d = decompose(counts, n);
    Ok(match method {
        Approximation::Nh => d.nh,
        Approximation::Stirling => d.nh + d.half_log,
    })
}

/// The exact log multinomial coefficient next to its `nH` and Stirling approximations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StirlingComparison {
    /// `ln(n!/∏k_i!)`.
    pub exact: f64,
    /// `n·H(P)`.
    pub nh: f64,
    /// `n·H(P) + ½ ln(2πn/∏2πk_i)`.
    pub stirling: f64,
    /// `(nh − exact)/exact` (≥ 0; 0 when both are 0, for a one-symbol type).
    pub relative_error_nh: f64,
    /// `(stirling − exact)/exact` (≥ 0 up to rounding).
    pub relative_error_stirling: f64,
}

fn relative_error(approx: f64, exact: f64) -> f64 {
    if exact == 0.0 {
        if approx == 0.0 {
            0.0
        } else {
            f64::INFINITY
        }
    } else {
        (approx - exact) / exact
    }
}

/// [`log_multinomial_coefficient`] and both [`Approximation`]s with their relative errors.
///
/// # Errors
/// As [`log_multinomial_coefficient`].
///
/// # Examples
/// ```
/// use sanov::method_of_types::multinomial_stirling_comparison;
/// let c = multinomial_stirling_comparison(&[500, 300, 200])?;
/// assert!(c.relative_error_stirling < 1e-4 && c.relative_error_nh > c.relative_error_stirling);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §11.1.
pub fn multinomial_stirling_comparison(counts: &[u64]) -> Result<StirlingComparison> {
    let n = total(counts)?;
    let exact = ln_coefficient(counts, n).0;
    let d = decompose(counts, n);
    let stirling = d.nh + d.half_log;
    Ok(StirlingComparison {
        exact,
        nh: d.nh,
        stirling,
        relative_error_nh: relative_error(d.nh, exact),
        relative_error_stirling: relative_error(stirling, exact),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_stirling_paths_agree() {
        // n = 1000 with a coefficient too large for u128 forces the Stirling path just above.
        let counts = [400u64, 350, 250];
        let n = 1000;
        let d = decompose(&counts, n);
        let stirling_path = d.nh + d.half_log + d.remainder;
        let small = [20u64, 7, 3];
        let exact = (exact_coefficient(&small, 30).unwrap() as f64).ln();
        let d = decompose(&small, 30);
        assert!((exact - (d.nh + d.half_log + d.remainder)).abs() < 1e-13 * exact);
        assert!(stirling_path > 0.0);
    }

    #[test]
    fn point_mass_is_zero() {
        assert_eq!(
            log_multinomial_coefficient(&[0, 5_000_000, 0]).unwrap(),
            0.0
        );
        assert_eq!(log_multinomial_coefficient(&[7]).unwrap(), 0.0);
    }
}
