//! Deprecated forwarders for the batched `*_into` forms, which moved to [`crate::batch`] in 0.2.
//!
//! This file is the one place in `kernels/` that reaches above the kernels (to `crate::batch`);
//! it exists for one release so that `sanov::kernels::entropy_into` and friends keep compiling,
//! and goes in 0.3. The import-graph check (`scripts/check-imports.py`) names it as the only
//! exception.
#![allow(deprecated)]

use crate::batch;
use crate::error::Result;
use crate::par::Par;
use crate::real::Real;
use crate::units::Base;
use ndarray::ArrayView2;

// `kernels::NanPolicy`: the same enum as `batch::NanPolicy`, re-exported (a re-export cannot
// carry `#[deprecated]`); it goes with the forwarders in 0.3.
pub use crate::batch::NanPolicy;

/// Forwards to [`crate::batch::entropy_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::entropy_into`].
#[deprecated(since = "0.2.0", note = "moved to `sanov::batch::entropy_into`")]
pub fn entropy_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    base: Base,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::entropy_into(out, p, base, par, nan)
}

/// Forwards to [`crate::batch::renyi_entropy_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::renyi_entropy_into`].
#[deprecated(since = "0.2.0", note = "moved to `sanov::batch::renyi_entropy_into`")]
pub fn renyi_entropy_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    alpha: f64,
    base: Base,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::renyi_entropy_into(out, p, alpha, base, par, nan)
}

/// Forwards to [`crate::batch::tsallis_entropy_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::tsallis_entropy_into`].
#[deprecated(
    since = "0.2.0",
    note = "moved to `sanov::batch::tsallis_entropy_into`"
)]
pub fn tsallis_entropy_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: f64,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::tsallis_entropy_into(out, p, q, par, nan)
}

/// Forwards to [`crate::batch::cross_entropy_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::cross_entropy_into`].
#[deprecated(since = "0.2.0", note = "moved to `sanov::batch::cross_entropy_into`")]
pub fn cross_entropy_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: ArrayView2<'_, T>,
    base: Base,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::cross_entropy_into(out, p, q, base, par, nan)
}

/// Forwards to [`crate::batch::kl_divergence_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::kl_divergence_into`].
#[deprecated(since = "0.2.0", note = "moved to `sanov::batch::kl_divergence_into`")]
pub fn kl_divergence_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: ArrayView2<'_, T>,
    base: Base,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::kl_divergence_into(out, p, q, base, par, nan)
}

/// Forwards to [`crate::batch::js_divergence_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::js_divergence_into`].
#[deprecated(since = "0.2.0", note = "moved to `sanov::batch::js_divergence_into`")]
pub fn js_divergence_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: ArrayView2<'_, T>,
    base: Base,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::js_divergence_into(out, p, q, base, par, nan)
}

/// Forwards to [`crate::batch::hellinger_distance_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::hellinger_distance_into`].
#[deprecated(
    since = "0.2.0",
    note = "moved to `sanov::batch::hellinger_distance_into`"
)]
pub fn hellinger_distance_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: ArrayView2<'_, T>,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::hellinger_distance_into(out, p, q, par, nan)
}

/// Forwards to [`crate::batch::total_variation_distance_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::total_variation_distance_into`].
#[deprecated(
    since = "0.2.0",
    note = "moved to `sanov::batch::total_variation_distance_into`"
)]
pub fn total_variation_distance_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: ArrayView2<'_, T>,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::total_variation_distance_into(out, p, q, par, nan)
}

/// Forwards to [`crate::batch::chi2_divergence_into`], where the batched forms live since 0.2.
///
/// # Errors
/// Those of [`crate::batch::chi2_divergence_into`].
#[deprecated(
    since = "0.2.0",
    note = "moved to `sanov::batch::chi2_divergence_into`"
)]
pub fn chi2_divergence_into<T: Real>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: ArrayView2<'_, T>,
    par: Par,
    nan: NanPolicy,
) -> Result<()> {
    batch::chi2_divergence_into(out, p, q, par, nan)
}
