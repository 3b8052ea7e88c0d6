//! Special functions used across sanov.
//!
//! Each lives in its own file and cites its source. Later modules add `ln_gamma`, `digamma`, ...

mod bessel;
pub(crate) mod bisection;
mod digamma;
mod erf;
mod kl_div;
mod ln_beta;
mod ln_gamma;
mod logsumexp;
mod quadrature;
mod trigamma;
mod xlogy;

pub(crate) use bessel::ln_i0_minus_x_ratio;
pub use bessel::{bessel_i1_i0_ratio, ln_bessel_i0};
pub use digamma::digamma;
pub(crate) use digamma::digamma_tail;
pub(crate) use erf::erf;
pub(crate) use kl_div::{kl_div, kl_div_step, r_minus_ln_1p};
pub use ln_beta::ln_beta;
pub use ln_gamma::ln_gamma;
pub(crate) use ln_gamma::{ln_gamma_ratio, stirling_correction};
pub use logsumexp::logsumexp;
pub(crate) use logsumexp::logsumexp_unchecked;
pub(crate) use quadrature::{integrate, kronrod15, QUAD_MAX_SUBDIVISIONS};
pub use trigamma::trigamma;
pub use xlogy::{xlogx, xlogy};
