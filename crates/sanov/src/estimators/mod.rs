//! Estimators of information quantities from samples of integer labels.
//!
//! - [`LabelCounts`]: an exact, mergeable table of label counts — build one per chunk of
//!   data, [`LabelCounts::merge`] them, and evaluate any estimator on the result (bit-for-bit
//!   the value of the single-pass table).
//! - Entropy estimators, chosen by [`DiscreteEstimator`] or called directly: plug-in,
//!   Miller–Madow, Grassberger, Chao–Shen, and NSB ([`NsbParams`] → [`NsbEstimate`], posterior
//!   mean and standard deviation); as free functions over samples ([`plugin_entropy`],
//!   [`miller_madow_entropy`], [`grassberger_entropy`], [`chao_shen_entropy`],
//!   [`nsb_entropy`]) and as methods of [`LabelCounts`].
//! - Label pairs: [`conditional_entropy_from_labels`], [`normalized_mutual_information`] and
//!   [`adjusted_mutual_information`] (scikit-learn's NMI and AMI, with [`AverageMethod`]).
//!   The plug-in mutual information itself is
//!   [`crate::multivariate::mutual_information_from_labels`].
//!
//! All results are in nats unless a [`crate::Base`] says otherwise; NMI and AMI are unitless.

mod clustering;
mod counts;
mod entropy;
mod nsb;
mod special;

pub use clustering::{
    adjusted_mutual_information, conditional_entropy_from_labels, normalized_mutual_information,
    AverageMethod,
};
pub use counts::LabelCounts;
pub use entropy::{
    chao_shen_entropy, grassberger_entropy, miller_madow_entropy, nsb_entropy, plugin_entropy,
    DiscreteEstimator,
};
pub use nsb::{NsbEstimate, NsbParams};
