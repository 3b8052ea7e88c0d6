//! The k-nearest-neighbour mutual information of `sanov mi`: KSG (algorithm 1) between two
//! continuous columns, Ross's estimator between a continuous and a discrete column, both from
//! `sanov::estimators`, as scikit-learn's `mutual_info_regression` / `mutual_info_classif` do
//! it: columns standardised, ties broken by a relative jitter of 1e-10 (seeded, so results are
//! reproducible), negative estimates clipped to 0.

use ndarray::ArrayView2;
use sanov::estimators::{
    ksg_mutual_information, ksg_mutual_information_discrete, KsgOptions, Noise,
};
use sanov::{Base, Par};

fn options(k: usize, base: Base) -> KsgOptions {
    KsgOptions {
        k,
        standardize: true,
        clip_negative: true,
        noise: Noise::Jitter {
            scale: 1e-10,
            seed: 0,
        },
        base,
        par: Par::rayon(0),
        ..KsgOptions::default()
    }
}

fn column(v: &[f64]) -> ArrayView2<'_, f64> {
    ArrayView2::from_shape((v.len(), 1), v).expect("a slice is one column of its own length")
}

/// KSG estimate of I(X; Y) for two continuous columns.
pub fn continuous(x: &[f64], y: &[f64], k: usize, base: Base) -> sanov::Result<f64> {
    ksg_mutual_information(column(x), column(y), &options(k, base))
}

/// Ross's estimate of I(X; Y) for a continuous `x` and discrete `labels`.
pub fn mixed(x: &[f64], labels: &[i64], k: usize, base: Base) -> sanov::Result<f64> {
    ksg_mutual_information_discrete(column(x), labels, &options(k, base))
}
