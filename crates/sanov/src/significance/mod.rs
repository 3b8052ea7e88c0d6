//! Significance and uncertainty of information estimates: permutation (surrogate) tests with
//! p-values and null distributions, bias correction by the null mean, and seeded bootstrap
//! confidence intervals — for any statistic, as a closure over an order of the samples.
//!
//! - [`permutation_test`] with [`PermutationParams`] and a [`Surrogate`] kind: i.i.d. shuffles,
//!   or, for time series, circular shifts and block shuffles of the source that keep its
//!   autocorrelation (as IDTxl does) → [`PermutationTest`] (`p_value`, `null_mean`,
//!   `null_std`, [`PermutationTest::bias_corrected`]).
//! - [`bootstrap`] with [`BootstrapParams`] → [`BootstrapInterval`] (percentile interval).
//! - Ready-made tests of transfer entropy with source surrogates: [`transfer_entropy_test`]
//!   (plug-in or bias-corrected, integer series), [`ksg_transfer_entropy_test`] (KSG).
//! - Ready-made tests and intervals of conditional mutual information
//!   ([`conditional_mutual_information_test`]: within-stratum shuffles;
//!   [`ksg_conditional_mutual_information_test`]), of active information storage
//!   ([`active_information_storage_test`], [`ksg_active_information_storage_test`]: the
//!   present reordered against its past), bootstrap intervals of these, of transfer entropy
//!   ([`transfer_entropy_bootstrap`], [`ksg_transfer_entropy_bootstrap`]) and of entropy
//!   ([`entropy_bootstrap`]; no permutation test of an entropy exists).
//!
//! Both are seeded (draw `i` from its own stream of `(seed, i)`) and parallel over the draws
//! under an explicit [`crate::Par`]; results do not depend on the parallelism.

mod active_information;
mod bootstrap;
mod conditional_mutual_information;
mod entropy;
mod permutation;
mod rng;
mod statistic;
mod transfer_entropy;

pub use active_information::{
    active_information_storage_bootstrap, active_information_storage_test,
    ksg_active_information_storage_bootstrap, ksg_active_information_storage_test,
};
pub use bootstrap::{bootstrap, BootstrapInterval, BootstrapParams};
pub use conditional_mutual_information::{
    conditional_mutual_information_bootstrap, conditional_mutual_information_test,
    ksg_conditional_mutual_information_bootstrap, ksg_conditional_mutual_information_test,
};
pub use entropy::entropy_bootstrap;
pub use permutation::{permutation_test, PermutationParams, PermutationTest, Surrogate};
pub use transfer_entropy::{
    ksg_transfer_entropy_bootstrap, ksg_transfer_entropy_test, transfer_entropy_bootstrap,
    transfer_entropy_test,
};
