//! Estimators of information quantities from samples of integer labels.
//!
//! - [`LabelCounts`]: an exact, mergeable table of label counts — build one per chunk of
//!   data, [`LabelCounts::merge`] them, and evaluate any estimator on the result (bit-for-bit
//!   the value of the single-pass table).
//! - Entropy estimators, chosen by [`DiscreteEstimator`] or called directly: plug-in,
//!   Miller–Madow, Grassberger, Chao–Shen, and NSB ([`NsbOptions`] → [`NsbEstimate`], posterior
//!   mean and standard deviation); as free functions over samples ([`plugin_entropy`],
//!   [`miller_madow_entropy`], [`grassberger_entropy`], [`chao_shen_entropy`],
//!   [`nsb_entropy`]) and as methods of [`LabelCounts`].
//! - Label pairs: [`conditional_entropy_from_labels`], [`normalized_mutual_information`] and
//!   [`adjusted_mutual_information`] (scikit-learn's NMI and AMI, with [`AverageMethod`]).
//!   The plug-in mutual information itself is
//!   [`crate::multivariate::mutual_information_from_labels`].
//!
//! - k-nearest-neighbour estimators for continuous samples (rows of an `N × d` array), on the
//!   k-d tree of [`crate::neighbors`]: KSG mutual information ([`ksg_mutual_information`],
//!   algorithms 1 and 2 via [`KsgOptions`]), the Frenzel–Pompe conditional MI
//!   ([`ksg_conditional_mutual_information`]), Ross's MI between continuous samples and labels
//!   ([`ksg_mutual_information_discrete`]), and Kozachenko–Leonenko differential entropy
//!   ([`kozachenko_leonenko_entropy`]). Exact duplicates are an error or broken by opt-in
//!   [`Noise::Jitter`].
//!
//! All results are in nats unless a [`crate::Base`] says otherwise; NMI and AMI are unitless.

mod clustering;
mod counts;
mod entropy;
mod knn;
mod knn_divergence;
mod kozachenko_leonenko;
mod ksg;
mod nsb;
mod ranking;
mod spacing;
mod special;

pub use clustering::{
    adjusted_mutual_information, adjusted_mutual_information_par, conditional_entropy_from_labels,
    conditional_entropy_from_labels_par, normalized_mutual_information,
    normalized_mutual_information_par, AverageMethod,
};
pub(crate) use clustering::{ami_from_parts, nmi_from_parts};
pub use counts::LabelCounts;
pub use entropy::{
    chao_shen_entropy, grassberger_entropy, miller_madow_entropy, nsb_entropy, plugin_entropy,
    DiscreteEstimator,
};
pub use knn::Noise;
pub use knn_divergence::{knn_kl_divergence, knn_renyi_divergence};
pub use kozachenko_leonenko::kozachenko_leonenko_entropy;
pub use ksg::{
    ksg_conditional_mutual_information, ksg_mutual_information, ksg_mutual_information_discrete,
    KsgAlgorithm, KsgOptions,
};
#[allow(deprecated)]
pub use nsb::{NsbEstimate, NsbOptions, NsbParams};
pub use ranking::{mutual_information_per_column, Feature};
pub use spacing::{default_window_length, spacing_entropy, SpacingMethod};
