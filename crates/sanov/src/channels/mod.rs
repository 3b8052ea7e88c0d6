//! Channels and their capacities; rate–distortion functions.
//!
//! - [`awgn_capacity`]: the Gaussian channel in closed form.
//! - [`channel_capacity`]: any discrete memoryless channel, by accelerated Blahut–Arimoto with a
//!   certified upper/lower bound gap.
//! - Named channels as matrices: [`binary_symmetric`], [`binary_erasure`], [`z_channel`],
//!   [`symmetric`], [`typewriter`].
//! - [`binary_rate_distortion`]: the Bernoulli source under Hamming distortion.
//! - [`rate_distortion`]: any discrete source and distortion matrix, by Blahut's algorithm with a
//!   certified gap.

mod awgn;
mod capacity;
mod named;
mod rate_distortion;

pub use awgn::awgn_capacity;
#[allow(deprecated)]
pub use capacity::{channel_capacity, CapacityOptions, CapacityParams, CapacityResult};
pub use named::{binary_erasure, binary_symmetric, symmetric, typewriter, z_channel};
#[allow(deprecated)]
pub use rate_distortion::{
    binary_rate_distortion, rate_distortion, RateDistortionOptions, RateDistortionParams,
    RateDistortionResult,
};
