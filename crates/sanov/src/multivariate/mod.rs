//! Multivariate measures on joint distributions (dit's conventions, docs/definitions.md): joint,
//! marginal and conditional entropy, mutual information and its conditional form, total
//! correlation, dual total correlation, co-information, interaction information,
//! O-information, chain rules, the data processing inequality; plug-in mutual information from
//! integer labels; and the mutual information of jointly Gaussian variables.
//!
//! A [`Joint`] holds an n-d array `joint[i0, …, ik] = P(X0 = i0, …, Xk = ik)`; variable sets are
//! lists of axis indices.

mod codes;
pub(crate) mod counts;
mod data_processing;
mod gaussian;
mod information;
mod joint;
mod labels;
pub(crate) mod table;

pub use counts::{mutual_information_from_labels, mutual_information_from_labels_par};
pub use data_processing::{data_processing_check, DataProcessing, DPI_TOLERANCE};
pub use gaussian::{gaussian_mutual_information, gaussian_mutual_information_cov};
pub use information::{
    chain_rule_entropy, chain_rule_mutual_information, co_information, conditional_entropy,
    conditional_mutual_information, dual_total_correlation, interaction_information, joint_entropy,
    marginal_entropy, mutual_information, o_information, total_correlation,
};
pub use joint::Joint;
pub use labels::Labels;
