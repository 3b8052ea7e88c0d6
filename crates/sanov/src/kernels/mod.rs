//! Fast kernels: one-pass SIMD reductions over long vectors.
//!
//! The only module allowed `unsafe` (for `std::arch` intrinsics behind runtime CPU
//! feature detection), and only in the files that hold intrinsics: `vector`, `exp_f32`,
//! `softmax_f32`, `vae`, and the `dispatched!` macro of `dispatch`. The high-level functions in
//! [`crate::measures`] and [`crate::divergences`] call into it with [`Par::Seq`]; call these
//! directly to choose the parallelism. The row-wise batched forms are in [`crate::batch`].
//!
//! `kernels` is a leaf: it imports only [`crate::error`], `crate::real`, `crate::par`,
//! [`crate::sum`], [`crate::units`] and [`crate::validate`] (itself built on `error`, `real`
//! and `sum`), plus the deprecated forwarders of `compat` (to `crate::batch`) for one release.
//! Inside, `dispatch` (levels, lanes, the dispatch macro) is the floor, `vector` (eight-lane
//! values, their loads and horizontal sums) sits on it, and `ln`, `exp`, the passes and the
//! softmax kernels on those.
//!
//! Every kernel reads its input once: the sums needed to validate a probability vector are
//! accumulated in the same pass as the quantity itself, and a pass that meets an invalid
//! element rescans to name the first one in the error.
//!
//! # Summation
//! Terms are accumulated in `f64` with compensated (Neumaier) summation of block partial sums,
//! so the error does not grow with `n`.
//!
//! Rust-only as functions: Python reaches [`entropy`], [`cross_entropy`] and [`kl_divergence`]
//! through the `workers=` argument of `sanov.entropy` and friends; [`exp_into`] and
//! [`exp_in_place`] are building blocks for Rust code (NumPy has `np.exp`).

mod compat;
mod dispatch;
mod exp;
mod exp_f32;
mod ln;
pub(crate) mod maxent;
pub(crate) mod pass;
pub(crate) mod scalar;
mod simd;
pub(crate) mod softmax;
mod softmax_f32;
/// Compensated summation, now at [`crate::sum`].
#[deprecated(since = "0.2.0", note = "moved to `sanov::sum`; this path goes in 0.3")]
pub mod sum {
    pub use crate::sum::*;
}
#[cfg(test)]
mod testutil;
pub(crate) mod vae;
mod vector;

#[allow(deprecated)]
pub use compat::{
    chi2_divergence_into, cross_entropy_into, entropy_into, hellinger_distance_into,
    js_divergence_into, kl_divergence_into, renyi_entropy_into, total_variation_distance_into,
    tsallis_entropy_into, NanPolicy,
};
pub use exp::{exp_in_place, exp_into};

use crate::error::{Error, Result};
use crate::par::Par;
use crate::real::Real;
use crate::units::Base;
use crate::validate::{check_nonempty, check_same_len, check_sum, first_invalid};

/// The error for the first invalid element of `x`, after a pass flagged one.
fn locate<T: Real>(arg: &'static str, x: &[T]) -> Option<Error> {
    first_invalid(arg, x)
}

/// Validates the outcome of a two-input pass: first bad element of `p`, then of `q`, then sums.
fn check_pair_pass<T: Real>(p: &[T], q: &[T], r: &scalar::Pass) -> Result<()> {
    if r.bad {
        if let Some(e) = locate("p", p).or_else(|| locate("q", q)) {
            return Err(e);
        }
    }
    check_sum::<T>("p", r.sum_p)?;
    check_sum::<T>("q", r.sum_q)
}

/// Shannon entropy `H(p) = −Σ p_i log p_i` with explicit parallelism.
///
/// Same value and errors as [`crate::measures::entropy`], which calls this with [`Par::Seq`].
///
/// # Errors
/// [`Error::Empty`], [`Error::NonFinite`], [`Error::NegativeProbability`],
/// [`Error::NotNormalized`].
///
/// # Examples
/// ```
/// use sanov::{kernels, Base, Par};
/// let p = vec![0.25; 4];
/// assert_eq!(kernels::entropy(&p, Base::Bits, Par::rayon(2))?, 2.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn entropy<T: Real>(p: &[T], base: Base, par: Par) -> Result<f64> {
    check_nonempty("p", p)?;
    let r = pass::entropy(p, par);
    if r.bad {
        if let Some(e) = locate("p", p) {
            return Err(e);
        }
    }
    check_sum::<T>("p", r.sum_p)?;
    Ok(base.from_nats(0.0 - r.acc))
}

/// Cross-entropy `H(p, q) = −Σ p_i log q_i` with explicit parallelism; `+∞` where some
/// `p_i > 0 = q_i`.
///
/// Same value and errors as [`crate::measures::cross_entropy`].
///
/// # Errors
/// [`Error::Empty`], [`Error::LengthMismatch`], [`Error::NonFinite`],
/// [`Error::NegativeProbability`], [`Error::NotNormalized`].
///
/// # Examples
/// ```
/// use sanov::{kernels, Base, Par};
/// assert_eq!(kernels::cross_entropy(&[0.5, 0.5], &[0.25, 0.75], Base::Bits, Par::Seq)?.is_finite(), true);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn cross_entropy<T: Real>(p: &[T], q: &[T], base: Base, par: Par) -> Result<f64> {
    check_nonempty("p", p)?;
    check_nonempty("q", q)?;
    check_same_len(p, q)?;
    let r = pass::cross_entropy(p, q, par);
    check_pair_pass(p, q, &r)?;
    if r.inf {
        return Ok(f64::INFINITY);
    }
    Ok(base.from_nats(0.0 - r.acc))
}

/// Kullback–Leibler divergence `D(p‖q) = Σ p_i log(p_i/q_i)` with explicit parallelism;
/// `+∞` where some `p_i > 0 = q_i`.
///
/// Same value and errors as [`crate::divergences::kl_divergence`].
///
/// # Errors
/// [`Error::Empty`], [`Error::LengthMismatch`], [`Error::NonFinite`],
/// [`Error::NegativeProbability`], [`Error::NotNormalized`].
///
/// # Examples
/// ```
/// use sanov::{kernels, Base, Par};
/// assert_eq!(kernels::kl_divergence(&[0.5, 0.5], &[0.5, 0.5], Base::Nats, Par::Seq)?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_divergence<T: Real>(p: &[T], q: &[T], base: Base, par: Par) -> Result<f64> {
    check_nonempty("p", p)?;
    check_nonempty("q", q)?;
    check_same_len(p, q)?;
    let r = pass::kl(p, q, par);
    check_pair_pass(p, q, &r)?;
    if r.inf {
        return Ok(f64::INFINITY);
    }
    Ok(base.from_nats(r.acc))
}
