//! Information dynamics of time series: transfer entropy, conditional transfer entropy,
//! active information storage, block entropy and entropy rate, Lempel–Ziv complexity and
//! permutation entropy.
//!
//! - Discrete (plug-in, or bias-corrected with a [`crate::estimators::DiscreteEstimator`]) on
//!   integer series, rows = time steps (several columns = a multivariate series, each row's
//!   tuple one symbol), symbols `≥ 0`: [`transfer_entropy`], [`conditional_transfer_entropy`],
//!   [`active_information_storage`], [`block_entropy`], [`entropy_rate`],
//!   [`lempel_ziv_complexity`].
//! - Continuous, k-nearest-neighbour (KSG / Frenzel–Pompe on the embedded vectors):
//!   [`ksg_transfer_entropy`], [`ksg_conditional_transfer_entropy`],
//!   [`ksg_active_information_storage`].
//! - Ordinal: [`permutation_entropy`] of a real series.
//!
//! ## Conventions
//! Time is 0-based. A measure with histories sums over `t = t0 … n−1`, `t0` the longest
//! look-back ([`TeParams::t0`]), each time step with weight `1/(n − t0)`. Histories are
//! embedded most recent first. Results are in nats unless a [`crate::Base`] says otherwise.
//! Significance (p-values by surrogates) is in [`crate::significance`].

mod active_information;
mod block_entropy;
mod ksg;
mod lempel_ziv;
mod params;
mod permutation_entropy;
pub(crate) mod symbols;
mod transfer_entropy;

pub use active_information::active_information_storage;
pub use block_entropy::{block_entropy, entropy_rate};
pub(crate) use ksg::embed;
pub use ksg::{
    ksg_active_information_storage, ksg_conditional_transfer_entropy, ksg_transfer_entropy,
};
pub use lempel_ziv::{lempel_ziv_complexity, LempelZiv};
pub use params::TeParams;
pub use permutation_entropy::permutation_entropy;
pub use transfer_entropy::{conditional_transfer_entropy, transfer_entropy};
