//! Validation of probability vectors, and the explicit opt-in to normalise weights.
//!
//! A probability vector is non-empty, finite, non-negative, and sums to 1 within
//! [`Real::NORMALIZATION_TOLERANCE`] (`1e-9` for `f64`, `1e-5` for `f32`): `|Σ p − 1| ≤ tol`,
//! the sum taken in `f64` with compensated (Neumaier) summation. Anything else is an [`Error`].
//! Counts or unnormalised weights are never rescaled silently: pass them through [`normalize`].

use crate::error::{Error, Result};
use crate::real::Real;
use crate::sum::Neumaier;
use ndarray::{ArrayView, Dimension};
use std::borrow::Cow;

/// The default tolerance (docs/definitions.md) on `|Σ p − 1|` for `f64` probability vectors.
pub const DEFAULT_TOLERANCE: f64 = 1e-9;

/// The error for the first element of `x` that is not finite or is negative, if any.
///
/// Scans in order, so the error names the first offending index.
#[inline]
pub(crate) fn first_invalid<T: Real>(arg: &'static str, x: &[T]) -> Option<Error> {
    x.iter().enumerate().find_map(|(index, v)| {
        let value = v.to_f64();
        if !value.is_finite() {
            Some(Error::NonFinite { arg, index, value })
        } else if value < 0.0 {
            Some(Error::NegativeProbability { arg, index, value })
        } else {
            None
        }
    })
}

/// Checks `sum` against the tolerance of `T`.
#[inline]
pub(crate) fn check_sum<T: Real>(arg: &'static str, sum: f64) -> Result<()> {
    let tolerance = T::NORMALIZATION_TOLERANCE;
    if (sum - 1.0).abs() <= tolerance {
        Ok(())
    } else {
        Err(Error::NotNormalized {
            arg,
            sum,
            tolerance,
            row: None,
        })
    }
}

/// Errors for an empty `x`.
#[inline]
pub(crate) fn check_nonempty<T>(arg: &'static str, x: &[T]) -> Result<()> {
    if x.is_empty() {
        Err(Error::Empty { arg })
    } else {
        Ok(())
    }
}

/// Errors unless `p` and `q` have the same length.
#[inline]
pub(crate) fn check_same_len<T>(p: &[T], q: &[T]) -> Result<()> {
    if p.len() == q.len() {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            left_arg: "p",
            left: p.len(),
            right_arg: "q",
            right: q.len(),
        })
    }
}

/// Validates `p` as a probability vector named `arg`.
///
/// # Errors
/// In this order: [`Error::Empty`]; [`Error::NonFinite`] or [`Error::NegativeProbability`] for
/// the first bad element; [`Error::NotNormalized`] if `|Σ p − 1| > T::NORMALIZATION_TOLERANCE`.
///
/// # Examples
/// ```
/// use sanov::validate::check_probability_vector;
/// assert!(check_probability_vector("p", &[0.25, 0.75]).is_ok());
/// assert!(check_probability_vector("p", &[0.25, 0.5]).is_err());
/// ```
pub fn check_probability_vector<T: Real>(arg: &'static str, p: &[T]) -> Result<()> {
    check_nonempty(arg, p)?;
    if let Some(e) = first_invalid(arg, p) {
        return Err(e);
    }
    let mut s = Neumaier::default();
    for &v in p {
        s.add(v.to_f64());
    }
    check_sum::<T>(arg, s.total())
}

/// Validates a pair of probability vectors of equal length (`p` first, then `q`).
pub(crate) fn check_pair<T: Real>(p: &[T], q: &[T]) -> Result<()> {
    check_nonempty("p", p)?;
    check_nonempty("q", q)?;
    check_same_len(p, q)?;
    check_probability_vector("p", p)?;
    check_probability_vector("q", q)
}

/// Normalises non-negative weights or counts to a probability vector: `w_i / Σ w`.
///
/// This is the explicit opt-in for inputs that are not already distributions (SciPy's
/// `entropy` normalises silently; sanov does not).
///
/// # Errors
/// [`Error::Empty`]; [`Error::NonFinite`] / [`Error::NegativeProbability`] for the first bad
/// element; [`Error::ZeroMass`] if every weight is 0.
///
/// # Examples
/// ```
/// use sanov::validate::normalize;
/// assert_eq!(normalize(&[1.0, 3.0])?, vec![0.25, 0.75]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn normalize<T: Real>(weights: &[T]) -> Result<Vec<f64>> {
    const ARG: &str = "weights";
    check_nonempty(ARG, weights)?;
    if let Some(e) = first_invalid(ARG, weights) {
        return Err(e);
    }
    let mut s = Neumaier::default();
    for &v in weights {
        s.add(v.to_f64());
    }
    let total = s.total();
    if total == 0.0 {
        return Err(Error::ZeroMass { arg: ARG });
    }
    if !total.is_finite() {
        // Finite weights whose sum overflows: rescale before dividing.
        let m = weights.iter().map(|v| v.to_f64()).fold(0.0, f64::max);
        let mut s = Neumaier::default();
        for &v in weights {
            s.add(v.to_f64() / m);
        }
        let t = s.total();
        return Ok(weights.iter().map(|v| (v.to_f64() / m) / t).collect());
    }
    Ok(weights.iter().map(|v| v.to_f64() / total).collect())
}

/// The elements of `a` in logical (row-major) order: borrowed when `a` is in standard layout,
/// copied otherwise.
pub(crate) fn contiguous<'a, T: Copy, D: Dimension>(a: &ArrayView<'a, T, D>) -> Cow<'a, [T]> {
    match a.to_slice() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(a.iter().copied().collect()),
    }
}

/// Validates a probability given as a scalar parameter: `p ∈ [0, 1]` (NaN fails).
pub(crate) fn check_probability(name: &'static str, p: f64) -> Result<()> {
    if (0.0..=1.0).contains(&p) {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name,
            value: p,
            expected: "a probability in [0, 1]",
        })
    }
}

/// Validates a temperature (`gibbs`, the tempered softmax): finite and `> 0` (NaN fails).
pub(crate) fn check_temperature(temperature: f64) -> Result<()> {
    if temperature > 0.0 && temperature.is_finite() {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "temperature",
            value: temperature,
            expected: "a finite temperature > 0",
        })
    }
}

/// Checks two label arrays `x`, `y`: non-empty, equal lengths.
pub(crate) fn check_label_pair(x: usize, y: usize) -> Result<()> {
    if x == 0 {
        return Err(Error::Empty { arg: "x" });
    }
    if x != y {
        return Err(Error::LengthMismatch {
            left_arg: "x",
            left: x,
            right_arg: "y",
            right: y,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_in_order() {
        let e: &[f64] = &[];
        assert_eq!(
            check_probability_vector("p", e),
            Err(Error::Empty { arg: "p" })
        );
        assert!(matches!(
            check_probability_vector("p", &[0.5, f64::NAN, -1.0]),
            Err(Error::NonFinite { index: 1, .. })
        ));
        assert!(matches!(
            check_probability_vector("q", &[0.5, -0.1, 0.6]),
            Err(Error::NegativeProbability {
                arg: "q",
                index: 1,
                ..
            })
        ));
        assert!(matches!(
            check_probability_vector("p", &[0.5, 0.6]),
            Err(Error::NotNormalized { .. })
        ));
        assert!(check_probability_vector("p", &[0.5f32, 0.5000001]).is_ok());
    }

    #[test]
    fn normalize_handles_overflowing_sums() {
        let w = normalize(&[f64::MAX, f64::MAX]).unwrap();
        assert_eq!(w, vec![0.5, 0.5]);
        assert_eq!(
            normalize(&[0.0, 0.0]),
            Err(Error::ZeroMass { arg: "weights" })
        );
    }
}
