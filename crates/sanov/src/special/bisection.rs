//! Bisection of a monotone predicate on an interval, shared by the root-finders of
//! [`crate::bounds`] (kl-inverse, Fano).

/// Bisects `[lo, hi]` on a monotone predicate and returns the final bracket `(lo, hi)`.
///
/// `go_right(t)` must be monotone on the bracket: `true` on `[lo, r)` and `false` on
/// `(r, hi]` for some boundary `r` (the predicate is evaluated only strictly inside the
/// bracket, never at its ends). Each step evaluates the midpoint `mid = ½(lo + hi)` and keeps
/// `[mid, hi]` where `go_right(mid)` holds, `[lo, mid]` otherwise, so the invariant "`r` lies in
/// the bracket" is kept; the loop stops when `hi − lo ≤ tolerance` (absolute) or when the
/// midpoint no longer falls strictly between two adjacent floats (the bracket cannot shrink
/// further). Which end to report (the one satisfying the caller's constraint) is the caller's
/// choice.
///
/// A tolerance of `0` runs to adjacent floats; a NaN `tolerance`, or a bracket with `lo ≥ hi`,
/// returns the bracket unchanged.
pub(crate) fn bisect_monotone(
    mut lo: f64,
    mut hi: f64,
    tolerance: f64,
    mut go_right: impl FnMut(f64) -> bool,
) -> (f64, f64) {
    while hi - lo > tolerance {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if go_right(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::bisect_monotone;

    #[test]
    fn brackets_the_square_root_of_two() {
        let (lo, hi) = bisect_monotone(1.0, 2.0, 1e-15, |t| t * t <= 2.0);
        assert!(lo * lo <= 2.0 && hi * hi > 2.0);
        assert!(hi - lo <= 1e-15);
        assert!((lo - std::f64::consts::SQRT_2).abs() < 1e-15);
    }

    #[test]
    fn zero_tolerance_stops_at_adjacent_floats() {
        let (lo, hi) = bisect_monotone(0.0, 1.0, 0.0, |t| t < 0.3);
        assert!(lo < 0.3 && hi >= 0.3);
        assert_eq!(hi, f64::from_bits(lo.to_bits() + 1));
    }

    #[test]
    fn predicate_never_evaluated_at_the_ends() {
        let mut seen = Vec::new();
        let _ = bisect_monotone(0.0, 1.0, 1e-3, |t| {
            seen.push(t);
            t < 0.7
        });
        assert!(!seen.is_empty());
        assert!(seen.iter().all(|&t| t > 0.0 && t < 1.0));
    }

    #[test]
    fn constant_predicates_move_one_end_only() {
        assert_eq!(bisect_monotone(0.0, 1.0, 0.25, |_| true), (0.75, 1.0));
        assert_eq!(bisect_monotone(0.0, 1.0, 0.25, |_| false), (0.0, 0.25));
    }

    #[test]
    fn empty_or_nan_brackets_are_returned_unchanged() {
        assert_eq!(bisect_monotone(1.0, 1.0, 1e-15, |_| true), (1.0, 1.0));
        assert_eq!(bisect_monotone(2.0, 1.0, 1e-15, |_| true), (2.0, 1.0));
        let (lo, hi) = bisect_monotone(0.0, 1.0, f64::NAN, |_| true);
        assert_eq!((lo, hi), (0.0, 1.0));
    }
}
