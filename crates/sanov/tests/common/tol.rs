//! Named tolerances for the integration tests (STYLE.md §2.6: no ad-hoc `1e-12` literals).
//!
//! All relative tolerances apply as `|got − want| ≤ tol · |want|`; see
//! [`super::check_close`] for the treatment of infinities and of results below the normal range.

/// Values that are exact rationals or a single correctly rounded operation away from one
/// (`log2(4) = 2`, `h(1/2) = 1 bit`, `C(snr = 3) = 1 bit`): two ulps.
pub const TOL_EXACT: f64 = 2.0 * f64::EPSILON;

/// Reference values from `scripts/reference/generate_discrete.py` (mpmath, 50 digits, rounded
/// to the nearest `f64`). sanov promises results "correct to the last few ulps" with compensated
/// sums; 1e-12 leaves room for the conditioning of `Σ p log p` and of base conversions while still
/// catching any algorithmic error (a wrong convention shows up at 1e-10 or worse).
pub const TOL_REL: f64 = 1e-12;

/// Absolute floor for results that are themselves subnormal or nearly so (for example
/// `H([5e-324, 1]) ≈ 3.7e-321`): such numbers carry an absolute, not relative, rounding error of
/// about 5e-324 per operation, so relative comparisons are meaningless below ~1e-290.
pub const TOL_TINY_ABS: f64 = 1e-300;

/// Absolute tolerance for the reference rows listed as known *inaccuracies* of the library
/// (`KNOWN_ISSUES` in `reference.rs`): results much smaller than 1 (near-degenerate or
/// near-equal distributions, `ρ → 0`) that sanov computes with a small absolute but a large
/// relative error. Every such quantity is a sum of terms of order `p_i |log p_i| ≤ 1`, so an
/// absolute error of a few ulps of 1 is what a naive float evaluation gives; the main tests hold
/// these rows to that (so that regressions still fail) and an ignored test holds them to
/// [`TOL_REL`].
pub const TOL_ABS_KNOWN_INACCURATE: f64 = 1e-15;

/// Identities between separately computed quantities (`CE = H + KL`, base conversions):
/// each side carries a few ulps of its own magnitude, so the check is
/// `|a − b| ≤ TOL_IDENTITY · max(1, |a|, |b|)`.
pub const TOL_IDENTITY: f64 = 1e-12;

/// Monotonicity and range checks (`H_α` non-increasing in α, `JS ≤ ln 2`, `H ≤ ln n`): the
/// inequality may be violated by a few ulps of rounding, never by more. Used as
/// `a ≤ b + TOL_ULPS · max(1, |b|)`.
pub const TOL_ULPS: f64 = 16.0 * f64::EPSILON;

/// Values printed in docs/definitions.md or a textbook with `d` decimals are checked to half a unit in the
/// last printed place: `|got − printed| ≤ 0.5 · 10^−d` (see `assert_printed`).
pub fn tol_printed(decimals: i32) -> f64 {
    0.5 * 10f64.powi(-decimals)
}
