//! Divergences and distances between two discrete distributions on the same alphabet.
//!
//! Argument order is always `(p, q)`. Both are validated as probability vectors of equal length
//! (see [`crate::validate`]). Conventions: `0 · log(0/q) = 0`; any `p_i > 0` with `q_i = 0`
//! makes KL and χ² `+∞` (a value, not an error).

mod chi2;
mod gan;
mod hellinger;
mod js;
mod kl;
mod kl_chain_rule;
mod total_variation;

pub use chi2::chi2_divergence;
pub use gan::gan_optimal_value;
pub use hellinger::hellinger_distance;
pub use js::{js_distance, js_divergence};
pub use kl::kl_divergence;
pub use kl_chain_rule::{kl_chain_rule, KlChainRule};
pub use total_variation::total_variation_distance;
