//! Multivariate measures. For now: the mutual information of jointly Gaussian variables.

mod gaussian;

pub use gaussian::{gaussian_mutual_information, gaussian_mutual_information_cov};
