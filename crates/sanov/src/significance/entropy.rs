//! Bootstrap intervals of entropy estimates (no permutation test: see [`entropy_bootstrap`]).

use super::bootstrap::{bootstrap, BootstrapInterval, BootstrapParams};
use crate::error::Result;
use crate::estimators::{DiscreteEstimator, LabelCounts};
use crate::units::Base;

/// A seeded percentile bootstrap interval ([`bootstrap`]) of the entropy of i.i.d. integer
/// labels under `estimator` (plug-in, Miller–Madow, Grassberger, Chao–Shen or the NSB
/// posterior mean, as [`LabelCounts::entropy`]): labels drawn with replacement.
///
/// There is no permutation test of an entropy: an entropy is a property of one variable, and
/// reordering its samples leaves every estimate unchanged, so there is no null hypothesis of
/// "no dependence" to test; the uncertainty of the estimate is what the bootstrap describes.
/// Note that the plug-in estimate is biased downwards and its bootstrap resamples more so
/// (each resample holds fewer distinct labels): the interval describes sampling variability,
/// not the bias.
///
/// # Errors
/// [`crate::Error::Empty`] for no labels; the estimator's errors; those of [`bootstrap`].
///
/// # Examples
/// ```
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::significance::{entropy_bootstrap, BootstrapParams};
/// use sanov::Base;
/// let x: Vec<i64> = (0..1000).map(|i| i % 4).collect();
/// let boot = BootstrapParams { n_resamples: 100, seed: 1, ..Default::default() };
/// let ci = entropy_bootstrap(&x, &DiscreteEstimator::PlugIn, Base::Bits, &boot)?;
/// assert_eq!(ci.estimate, 2.0);
/// assert!(ci.lower > 1.99 && ci.upper <= 2.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.entropy_bootstrap`.
pub fn entropy_bootstrap(
    samples: &[i64],
    estimator: &DiscreteEstimator,
    base: Base,
    boot: &BootstrapParams,
) -> Result<BootstrapInterval> {
    LabelCounts::from_labels(samples).entropy(estimator, base)?;
    bootstrap(
        samples.len(),
        |rows| {
            let xs: Vec<i64> = rows.iter().map(|&i| samples[i]).collect();
            LabelCounts::from_labels(&xs).entropy(estimator, base)
        },
        boot,
    )
}
