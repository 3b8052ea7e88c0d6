//! Shared machinery of the binomial-type families: Loader's log-pmf and series over the
//! integers summed outward from the mode with certified tail bounds.

use super::poisson::{bd0, stirlerr};
use crate::error::{Error, Result};
use crate::sum::Neumaier;

/// `ln(2π)`.
const LN_2PI: f64 = 1.837_877_066_409_345_483_560_659_472_811;

/// A series stops in one direction once the certified bound on the rest of it is at most this
/// fraction of the partial sum (so the truncation error is below `1e-17` relative).
pub(super) const SERIES_REL: f64 = 1e-17;

/// The most terms a series may take before it reports [`Error::NotConverged`] (about a second
/// of work): the number of terms grows like the standard deviation of the distribution.
pub(super) const MAX_TERMS: usize = 20_000_000;

/// Refuses up front a series whose estimated number of terms exceeds [`MAX_TERMS`]:
/// [`Error::NotConverged`] with 0 iterations and an infinite residual.
pub(super) fn check_work(estimated_terms: f64) -> Result<()> {
    if estimated_terms > MAX_TERMS as f64 {
        return Err(Error::NotConverged {
            iterations: 0,
            residual: f64::INFINITY,
        });
    }
    Ok(())
}

/// `ln[C(x + y, x) pˣ qʸ]` for real `x, y ≥ 0` (not both 0), `0 < p < 1`, `q = 1 − p` given
/// separately (so that `q` keeps its digits when `p ≈ 1`): Loader's `dbinom_raw` in log form,
/// `stirlerr(n) − stirlerr(x) − stirlerr(y) − bd0(x, np) − bd0(y, nq) − ½ ln(2π x y / n)`
/// with `n = x + y`, which has no cancellation of large terms.
///
/// Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
pub(super) fn ln_binom_raw(x: f64, y: f64, p: f64, q: f64) -> f64 {
    let n = x + y;
    if n == 0.0 {
        return 0.0;
    }
    if x == 0.0 {
        return if p < 0.1 {
            -bd0(n, n * q) - n * p
        } else {
            n * q.ln()
        };
    }
    if y == 0.0 {
        return if q < 0.1 {
            -bd0(n, n * p) - n * q
        } else {
            n * p.ln()
        };
    }
    let lc = stirlerr(n) - stirlerr(x) - stirlerr(y) - bd0(x, n * p) - bd0(y, n * q);
    lc - 0.5 * (LN_2PI + x.ln() + y.ln() - n.ln())
}

/// `ln P(k)` of `Binomial(n, p)` for an integer `0 ≤ k ≤ n` (`−∞` off the support of a
/// degenerate `p ∈ {0, 1}`).
pub(super) fn binomial_ln_pmf(k: f64, n: f64, p: f64) -> f64 {
    if p == 0.0 {
        return if k == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if p == 1.0 {
        return if k == n { 0.0 } else { f64::NEG_INFINITY };
    }
    ln_binom_raw(k, n - k, p, 1.0 - p)
}

/// `ln P(k)` of the negative binomial `NB(n, p)` (failures before the `n`-th success) for
/// `0 < p < 1`: `P(k) = n/(n + k) · C(n + k, n) pⁿ (1 − p)ᵏ` (R's `dnbinom`).
pub(super) fn nbinom_ln_pmf(k: f64, n: f64, p: f64) -> f64 {
    let lb = ln_binom_raw(n, k, p, 1.0 - p);
    if k == 0.0 {
        lb
    } else {
        lb + (n / (n + k)).ln()
    }
}

/// A certified bound on `Σ_{m ≥ 1} −P(k+m) ln P(k+m)` when `P(k) = pk` and every later ratio
/// `P(j+1)/P(j)` is at most `rho < 1`: then `P(k+m) ≤ pk ρᵐ`, and as `−x ln x` increases on
/// `[0, 1/e]`, the tail is at most
/// `Σ pk ρᵐ (−ln pk − m ln ρ) = pk ρ/(1−ρ) · (−ln pk − ln ρ/(1−ρ))`. `+∞` when it does not
/// apply (`pk ≥ 1/e` or `ρ ≥ 1`).
pub(super) fn entropy_tail(pk: f64, rho: f64) -> f64 {
    if pk == 0.0 || rho <= 0.0 {
        return 0.0;
    }
    if pk >= (-1f64).exp() || rho >= 1.0 {
        return f64::INFINITY;
    }
    let g = rho / (1.0 - rho);
    pk * g * (-pk.ln() - rho.ln() / (1.0 - rho))
}

/// A certified bound on `Σ_{m ≥ 1} P(k+m) |ℓ(k+m)|` when `P(k) = pk`, every later ratio of
/// probabilities is at most `rho < 1` and `|ℓ(k+m)| ≤ |ℓ(k)| + m·slope`:
/// `pk ρ/(1−ρ) · (|ℓ(k)| + slope/(1−ρ))`; `+∞` when `ρ ≥ 1`.
pub(super) fn linear_tail(pk: f64, rho: f64, abs_l: f64, slope: f64) -> f64 {
    if pk == 0.0 || rho <= 0.0 {
        return 0.0;
    }
    if rho >= 1.0 {
        return f64::INFINITY;
    }
    pk * rho / (1.0 - rho) * (abs_l + slope / (1.0 - rho))
}

/// `Σ_{k=lo}^{hi} t(k)` over the integers, summed outward from `start ∈ [lo, hi]` (first up,
/// then down). `term(k, up)` returns the term at `k` and a certified bound on the absolute sum
/// of the terms beyond `k` in the direction of travel (`up`: `k+1, k+2, …`; down: `k−1, …`);
/// a direction stops at its end of the range or once that bound is at most
/// [`SERIES_REL`]` · |partial sum|`. The sum is compensated (Neumaier), so that the 10⁵ and
/// more terms of a wide distribution do not accumulate rounding.
///
/// # Errors
/// [`Error::NotConverged`] after [`MAX_TERMS`] terms, with the last bounds as residual.
pub(super) fn outward_sum(
    start: f64,
    lo: f64,
    hi: f64,
    mut term: impl FnMut(f64, bool) -> (f64, f64),
) -> Result<f64> {
    let mut sum = Neumaier::default();
    let mut count = 0usize;
    for up in [true, false] {
        let mut k = if up { start } else { start - 1.0 };
        while (lo..=hi).contains(&k) {
            let (t, tail) = term(k, up);
            sum.add(t);
            count += 1;
            if tail <= SERIES_REL * sum.total().abs() {
                break;
            }
            if count >= MAX_TERMS {
                return Err(Error::NotConverged {
                    iterations: count,
                    residual: tail,
                });
            }
            k += if up { 1.0 } else { -1.0 };
        }
    }
    Ok(sum.total())
}
