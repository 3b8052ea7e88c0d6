//! Discrete measures of one distribution (and cross-entropy of two).
//!
//! All take `&[T]` with `T` = `f64` or `f32`, validate it as a probability vector (see
//! [`crate::validate`]) and return `f64`. Conventions: `0 · log 0 = 0`; logs in the requested
//! [`crate::Base`] (nats by default).

mod binary_entropy;
mod cross_entropy;
mod entropy;
mod renyi;
mod surprisal;
mod tsallis;

pub use binary_entropy::binary_entropy;
pub use cross_entropy::cross_entropy;
pub use entropy::entropy;
pub(crate) use renyi::check_renyi_alpha;
pub use renyi::renyi_entropy;
pub use surprisal::surprisal;
pub(crate) use tsallis::check_tsallis_q;
pub use tsallis::tsallis_entropy;
