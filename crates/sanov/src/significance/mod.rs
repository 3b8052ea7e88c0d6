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
//!
//! Both are seeded (draw `i` from its own stream of `(seed, i)`) and parallel over the draws
//! under an explicit [`crate::Par`]; results do not depend on the parallelism.

mod bootstrap;
mod permutation;
mod rng;
mod transfer_entropy;

pub use bootstrap::{bootstrap, BootstrapInterval, BootstrapParams};
pub use permutation::{permutation_test, PermutationParams, PermutationTest, Surrogate};
pub use transfer_entropy::{ksg_transfer_entropy_test, transfer_entropy_test};
