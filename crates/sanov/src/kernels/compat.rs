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

/// One deprecated forwarder `kernels::$name` to `batch::$name`, with the same arguments.
macro_rules! forward {
    ($name:ident($($arg:ident: $ty:ty),*)) => {
        #[doc = concat!("Forwards to [`crate::batch::", stringify!($name), "`], where the batched forms live since 0.2.")]
        ///
        /// # Errors
        #[doc = concat!("Those of [`crate::batch::", stringify!($name), "`].")]
        #[deprecated(since = "0.2.0", note = "moved to `sanov::batch`")]
        pub fn $name<T: Real>(out: &mut [f64], $($arg: $ty),*) -> Result<()> {
            batch::$name(out, $($arg),*)
        }
    };
}

forward!(entropy_into(p: ArrayView2<'_, T>, base: Base, par: Par, nan: NanPolicy));
forward!(renyi_entropy_into(p: ArrayView2<'_, T>, alpha: f64, base: Base, par: Par, nan: NanPolicy));
forward!(tsallis_entropy_into(p: ArrayView2<'_, T>, q: f64, par: Par, nan: NanPolicy));
forward!(cross_entropy_into(p: ArrayView2<'_, T>, q: ArrayView2<'_, T>, base: Base, par: Par, nan: NanPolicy));
forward!(kl_divergence_into(p: ArrayView2<'_, T>, q: ArrayView2<'_, T>, base: Base, par: Par, nan: NanPolicy));
forward!(js_divergence_into(p: ArrayView2<'_, T>, q: ArrayView2<'_, T>, base: Base, par: Par, nan: NanPolicy));
forward!(hellinger_distance_into(p: ArrayView2<'_, T>, q: ArrayView2<'_, T>, par: Par, nan: NanPolicy));
forward!(total_variation_distance_into(p: ArrayView2<'_, T>, q: ArrayView2<'_, T>, par: Par, nan: NanPolicy));
forward!(chi2_divergence_into(p: ArrayView2<'_, T>, q: ArrayView2<'_, T>, par: Par, nan: NanPolicy));
