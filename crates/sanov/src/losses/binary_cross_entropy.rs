use super::Reduction;
use crate::error::{Error, Result};
use crate::real::Real;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_nonempty;

fn check_lengths<T>(y: &[T], other_arg: &'static str, other: &[T]) -> Result<()> {
    check_nonempty("y", y)?;
    if y.len() == other.len() {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            left_arg: "y",
            left: y.len(),
            right_arg: other_arg,
            right: other.len(),
        })
    }
}

fn unit_interval(arg: &'static str, index: usize, value: f64) -> Result<()> {
    if value.is_nan() {
        Err(Error::NonFinite { arg, index, value })
    } else if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            arg,
            index,
            value,
            expected: "must lie in [0, 1]",
        })
    }
}

/// One binary cross-entropy term in nats, `0 · log 0 = 0`.
#[inline]
fn bce(y: f64, pi: f64) -> f64 {
    let mut l = 0.0;
    if y > 0.0 {
        l -= y * pi.ln();
    }
    if y < 1.0 {
        l -= (1.0 - y) * (-pi).ln_1p();
    }
    l
}

/// One binary cross-entropy-with-logits term in nats.
#[inline]
fn bce_logits(y: f64, z: f64) -> f64 {
    if z == f64::INFINITY {
        return if y == 1.0 { 0.0 } else { f64::INFINITY };
    }
    if z == f64::NEG_INFINITY {
        return if y == 0.0 { 0.0 } else { f64::INFINITY };
    }
    // max(z, 0) − y z + ln(1 + e^{−|z|}): no overflow for any finite z.
    z.max(0.0) - y * z + (-z.abs()).exp().ln_1p()
}

fn reduce(terms: impl Iterator<Item = f64>, n: usize, reduction: Reduction) -> f64 {
    let mut acc = Neumaier::default();
    for t in terms {
        acc.add(t);
    }
    match reduction {
        Reduction::Sum => acc.total(),
        Reduction::Mean => acc.total() / n as f64,
    }
}

fn validate_probs<T: Real>(y: &[T], pi: &[T]) -> Result<()> {
    check_lengths(y, "pi", pi)?;
    for (i, (&a, &b)) in y.iter().zip(pi).enumerate() {
        unit_interval("y", i, a.to_f64())?;
        unit_interval("pi", i, b.to_f64())?;
    }
    Ok(())
}

fn validate_logits<T: Real>(y: &[T], logits: &[T]) -> Result<()> {
    check_lengths(y, "logits", logits)?;
    for (i, (&a, &z)) in y.iter().zip(logits).enumerate() {
        unit_interval("y", i, a.to_f64())?;
        let z = z.to_f64();
        if z.is_nan() {
            return Err(Error::NonFinite {
                arg: "logits",
                index: i,
                value: z,
            });
        }
    }
    Ok(())
}

/// Binary cross-entropy between targets `y ∈ [0, 1]` (hard or soft labels) and predicted
/// probabilities `pi = P(Y = 1)`, reduced over elements.
///
/// $$ \ell(y, \pi) = -\left[ y \log \pi + (1 - y) \log (1 - \pi) \right] $$
///
/// Conventions: `0 · log 0 = 0`, so `y = 0, π = 0` costs 0; a confident wrong prediction
/// (`y > 0, π = 0`) costs `+∞` (PyTorch instead clamps each log at −100). `log(1 − π)` is computed
/// as `ln1p(−π)`.
///
/// # Errors
/// [`Error::Empty`], [`Error::LengthMismatch`]; [`Error::NonFinite`] for NaN and
/// [`Error::OutOfRange`] for values outside `[0, 1]`, in `y` or `pi`.
///
/// # Examples
/// ```
/// use sanov::{losses::{binary_cross_entropy, Reduction}, Base};
/// let l = binary_cross_entropy(&[1.0, 0.0], &[0.5, 0.5], Reduction::Mean, Base::Bits)?;
/// assert_eq!(l, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn binary_cross_entropy<T: Real>(
    y: &[T],
    pi: &[T],
    reduction: Reduction,
    base: Base,
) -> Result<f64> {
    validate_probs(y, pi)?;
    let terms = y.iter().zip(pi).map(|(&a, &b)| bce(a.to_f64(), b.to_f64()));
    Ok(base.from_nats(reduce(terms, y.len(), reduction)))
}

/// Elementwise [`binary_cross_entropy`] (no reduction): `out[i] = ℓ(y[i], pi[i])`.
///
/// # Errors
/// As [`binary_cross_entropy`]; [`Error::ShapeMismatch`] if `out.len() != y.len()`.
///
/// # Examples
/// ```
/// use sanov::{losses::binary_cross_entropy_into, Base};
/// let mut out = [0.0; 2];
/// binary_cross_entropy_into(&mut out, &[1.0, 0.0], &[0.5, 0.0], Base::Bits)?;
/// assert_eq!(out, [1.0, 0.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn binary_cross_entropy_into<T: Real>(
    out: &mut [f64],
    y: &[T],
    pi: &[T],
    base: Base,
) -> Result<()> {
    validate_probs(y, pi)?;
    check_out(out, y.len())?;
    for (o, (&a, &b)) in out.iter_mut().zip(y.iter().zip(pi)) {
        *o = base.from_nats(bce(a.to_f64(), b.to_f64()));
    }
    Ok(())
}

fn check_out(out: &[f64], n: usize) -> Result<()> {
    if out.len() == n {
        Ok(())
    } else {
        Err(Error::ShapeMismatch {
            arg: "out",
            expected: vec![n],
            found: vec![out.len()],
        })
    }
}

/// Binary cross-entropy from logits `z` (`π = σ(z)`), numerically stable for any `z`.
///
/// $$ \ell(y, z) = \max(z, 0) - y z + \log\left(1 + e^{-|z|}\right) $$
///
/// which equals `−[y log σ(z) + (1−y) log(1 − σ(z))]` without overflow or cancellation.
/// `z = ±∞` is allowed: the loss is 0 when the label agrees and `+∞` otherwise.
///
/// # Errors
/// [`Error::Empty`], [`Error::LengthMismatch`]; [`Error::NonFinite`] for NaN in `y` or
/// `logits`; [`Error::OutOfRange`] for `y` outside `[0, 1]`.
///
/// # Examples
/// ```
/// use sanov::{losses::{binary_cross_entropy_with_logits, Reduction}, Base};
/// let l = binary_cross_entropy_with_logits(&[1.0], &[0.0], Reduction::Sum, Base::Nats)?;
/// assert_eq!(l, std::f64::consts::LN_2);
/// // Large logits do not overflow.
/// let l = binary_cross_entropy_with_logits(&[0.0], &[1000.0], Reduction::Sum, Base::Nats)?;
/// assert_eq!(l, 1000.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn binary_cross_entropy_with_logits<T: Real>(
    y: &[T],
    logits: &[T],
    reduction: Reduction,
    base: Base,
) -> Result<f64> {
    validate_logits(y, logits)?;
    let terms = y
        .iter()
        .zip(logits)
        .map(|(&a, &z)| bce_logits(a.to_f64(), z.to_f64()));
    Ok(base.from_nats(reduce(terms, y.len(), reduction)))
}

/// Elementwise [`binary_cross_entropy_with_logits`] (no reduction).
///
/// # Errors
/// As [`binary_cross_entropy_with_logits`]; [`Error::ShapeMismatch`] if
/// `out.len() != y.len()`.
///
/// # Examples
/// ```
/// use sanov::{losses::binary_cross_entropy_with_logits_into, Base};
/// let mut out = [0.0; 1];
/// binary_cross_entropy_with_logits_into(&mut out, &[1.0], &[0.0], Base::Bits)?;
/// assert_eq!(out, [1.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn binary_cross_entropy_with_logits_into<T: Real>(
    out: &mut [f64],
    y: &[T],
    logits: &[T],
    base: Base,
) -> Result<()> {
    validate_logits(y, logits)?;
    check_out(out, y.len())?;
    for (o, (&a, &z)) in out.iter_mut().zip(y.iter().zip(logits)) {
        *o = base.from_nats(bce_logits(a.to_f64(), z.to_f64()));
    }
    Ok(())
}
