//! Fano's inequality, inverted: the smallest error probability compatible with `H(X|Y)`.

use crate::error::{Error, Result};
use crate::special::bisection::bisect_monotone;
use crate::units::Base;

/// Bisection stops when the bracket is this narrow (absolute, in probability).
pub const FANO_TOLERANCE: f64 = 1e-15;

fn fano_rhs(pe: f64, ln_m1: f64) -> f64 {
    let h = if pe <= 0.0 || pe >= 1.0 {
        0.0
    } else {
        -pe * pe.ln() - (1.0 - pe) * (-pe).ln_1p()
    };
    h + pe * ln_m1
}

/// The Fano lower bound on the error probability of any estimator of `X` from `Y`: the
/// smallest `Pe ∈ [0, 1 − 1/|X|]` with
///
/// $$ h(P_e) + P_e \log(|X| - 1) \ge H(X \mid Y) $$
///
/// (`h` the binary entropy, same base as `conditional_entropy`). The left side increases on
/// `[0, 1 − 1/|X|]` from 0 to `log |X|`, so the root is found by bisection to an absolute
/// bracket of [`FANO_TOLERANCE`]; the upper end of the final bracket is returned (it satisfies
/// the inequality). `H(X|Y) ≤ 0` gives 0; `|X| = 1` requires `H(X|Y) = 0`.
///
/// # Errors
/// [`Error::InvalidParameter`] for `alphabet_size = 0`, a negative or non-finite
/// `conditional_entropy`, or `conditional_entropy > log |X|` (by more than `1e-12` relative;
/// no distribution on `|X|` symbols has it).
///
/// # Examples
/// ```
/// use sanov::bounds::fano_error_lower_bound;
/// use sanov::Base;
/// // Binary X with H(X|Y) = 1 bit: Pe ≥ 1/2.
/// let pe = fano_error_lower_bound(1.0, 2, Base::Bits)?;
/// assert!((pe - 0.5).abs() < 1e-12);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// R. M. Fano (1961); Cover & Thomas, *Elements of Information Theory*, 2nd ed., §2.10
/// (Theorem 2.10.1).
pub fn fano_error_lower_bound(
    conditional_entropy: f64,
    alphabet_size: usize,
    base: Base,
) -> Result<f64> {
    if alphabet_size == 0 {
        return Err(Error::InvalidParameter {
            name: "alphabet_size",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    if !conditional_entropy.is_finite() || conditional_entropy < 0.0 {
        return Err(Error::InvalidParameter {
            name: "conditional_entropy",
            value: conditional_entropy,
            expected: "must be finite and >= 0",
        });
    }
    let h = base.to_nats(conditional_entropy);
    let m = alphabet_size as f64;
    let ln_m = m.ln();
    if h > ln_m * (1.0 + 1e-12) {
        return Err(Error::InvalidParameter {
            name: "conditional_entropy",
            value: conditional_entropy,
            expected: "must be <= log |X|",
        });
    }
    if h == 0.0 {
        return Ok(0.0);
    }
    let ln_m1 = (m - 1.0).ln();
    let hi = 1.0 - 1.0 / m;
    if fano_rhs(hi, ln_m1) <= h {
        return Ok(hi);
    }
    // Inside (0, 1 − 1/|X|) the left side is finite, so `< h` is the negation of `≥ h`.
    let (_, hi) = bisect_monotone(0.0, hi, FANO_TOLERANCE, |pe| fano_rhs(pe, ln_m1) < h);
    Ok(hi)
}
