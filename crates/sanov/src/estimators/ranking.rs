//! Mutual information of every feature column with one target column.

use ndarray::ArrayView2;
use rayon::prelude::*;

use super::ksg::{ksg_mutual_information, ksg_mutual_information_discrete, KsgOptions};
use crate::error::{Error, Result};
use crate::multivariate::mutual_information_from_labels;
use crate::Par;

/// One column of a feature table: integer labels or continuous values.
#[derive(Debug, Clone, Copy)]
pub enum Feature<'a> {
    /// A discrete column (integer labels).
    Discrete(&'a [i64]),
    /// A continuous column.
    Continuous(&'a [f64]),
}

impl Feature<'_> {
    fn len(&self) -> usize {
        match self {
            Self::Discrete(v) => v.len(),
            Self::Continuous(v) => v.len(),
        }
    }
}

fn column(v: &[f64]) -> ArrayView2<'_, f64> {
    ArrayView2::from_shape((v.len(), 1), v).expect("a slice is one column of its own length")
}

/// `I(feature; target)` by the estimator that fits the pair's kinds, as scikit-learn's
/// `mutual_info_classif` / `mutual_info_regression` and `sanov mi` choose it:
/// discrete–discrete, the plug-in estimate
/// ([`crate::multivariate::mutual_information_from_labels`]); continuous–continuous, KSG
/// algorithm 1 ([`ksg_mutual_information`]); mixed, Ross's estimator
/// ([`ksg_mutual_information_discrete`]). `options` (k, standardisation, jitter, clipping,
/// unit) apply to the k-NN pairs; the plug-in estimate is returned as computed (it can be
/// `−1e−17` for independent columns), in `options.base`.
///
/// The columns are spread over `options.par`'s threads (each estimate then runs on one
/// thread), so every value is the same whatever the number of threads.
///
/// # Errors
/// [`Error::LengthMismatch`] for a feature whose length differs from the target's; the
/// estimators' errors (the first column's in column order).
///
/// # Examples
/// ```
/// use sanov::estimators::{mutual_information_per_column, Feature, KsgOptions};
/// let y = [0, 0, 1, 1];
/// let mi = mutual_information_per_column(
///     &[Feature::Discrete(&[0, 0, 1, 1]), Feature::Discrete(&[0, 1, 0, 1])],
///     Feature::Discrete(&y),
///     &KsgOptions::default(),
/// )?;
/// assert_eq!(mi, vec![std::f64::consts::LN_2, 0.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn mutual_information_per_column(
    features: &[Feature<'_>],
    target: Feature<'_>,
    options: &KsgOptions,
) -> Result<Vec<f64>> {
    let inner = KsgOptions {
        par: Par::Seq,
        ..*options
    };
    let one = |f: &Feature<'_>| -> Result<f64> {
        if f.len() != target.len() {
            return Err(Error::LengthMismatch {
                left_arg: "feature",
                left: f.len(),
                right_arg: "target",
                right: target.len(),
            });
        }
        match (*f, target) {
            (Feature::Discrete(x), Feature::Discrete(y)) => {
                mutual_information_from_labels(x, y, options.base)
            }
            (Feature::Continuous(x), Feature::Continuous(y)) => {
                ksg_mutual_information(column(x), column(y), &inner)
            }
            (Feature::Continuous(x), Feature::Discrete(y))
            | (Feature::Discrete(y), Feature::Continuous(x)) => {
                ksg_mutual_information_discrete(column(x), y, &inner)
            }
        }
    };
    if options.par.degree() > 1 && features.len() > 1 {
        features.par_iter().map(one).collect()
    } else {
        features.iter().map(one).collect()
    }
}
