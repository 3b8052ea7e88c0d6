//! Bootstrap confidence intervals of an information statistic.

use rayon::prelude::*;

use super::permutation::mean_std;
use super::rng::SplitMix64;
use crate::error::{Error, Result};
use crate::Par;

/// Settings of [`bootstrap`].
///
/// `BootstrapParams::default()` is 1000 resamples, seed 0, confidence 0.95, [`Par::Seq`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapParams {
    /// The number of resamples `≥ 1`.
    pub n_resamples: usize,
    /// The seed (resample `i` has its own stream of `(seed, i)`).
    pub seed: u64,
    /// The two-sided coverage of the percentile interval, in `(0, 1)`.
    pub confidence: f64,
    /// Parallelism over the resamples.
    pub par: Par,
}

impl Default for BootstrapParams {
    fn default() -> Self {
        Self {
            n_resamples: 1000,
            seed: 0,
            confidence: 0.95,
            par: Par::Seq,
        }
    }
}

/// A percentile bootstrap confidence interval.
#[derive(Debug, Clone, PartialEq)]
pub struct BootstrapInterval {
    /// The statistic on the data as given.
    pub estimate: f64,
    /// The `(1 − confidence)/2` quantile of the resampled statistics.
    pub lower: f64,
    /// The `(1 + confidence)/2` quantile of the resampled statistics.
    pub upper: f64,
    /// The standard deviation of the resampled statistics (the bootstrap standard error).
    pub std_error: f64,
    /// The resampled statistics, in draw order.
    pub resamples: Vec<f64>,
}

/// A seeded percentile bootstrap of `statistic`: `statistic(rows)` evaluates it on the samples
/// `rows` (indices into `0..n`, with repetitions; the same rows of every variable). The
/// estimate is the statistic on `0..n`; each resample draws `n` rows uniformly with
/// replacement, and the interval is `[q_{(1−c)/2}, q_{(1+c)/2}]` of the resampled values, the
/// quantiles by linear interpolation between order statistics (NumPy's default `linear`
/// method). For time series, resample the embedded observations (rows of the embedded
/// matrices), not the raw series. Note that plug-in and k-NN information estimators are biased
/// on resamples with repeated rows (duplicates); the interval describes sampling variability
/// of the estimator, not its bias.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_resamples = 0`, `n = 0`, a confidence outside `(0, 1)`;
/// the first error (in draw order) of `statistic`.
///
/// # Examples
/// ```
/// use sanov::significance::{bootstrap, BootstrapParams};
/// use sanov::estimators::plugin_entropy;
/// use sanov::Base;
/// let x: Vec<i64> = (0..400).map(|i| (i * 7 % 11) as i64 % 4).collect();
/// let ci = bootstrap(400, |rows: &[usize]| {
///     let xs: Vec<i64> = rows.iter().map(|&i| x[i]).collect();
///     plugin_entropy(&xs, Base::Bits)
/// }, &BootstrapParams { n_resamples: 200, seed: 3, ..Default::default() })?;
/// assert!(ci.lower <= ci.estimate && ci.estimate <= ci.upper + 0.01);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// B. Efron & R. J. Tibshirani, *An Introduction to the Bootstrap*, Chapman & Hall (1993),
/// ch. 13.
///
/// Python: `sanov.mutual_information_bootstrap` for MI; Rust-only for other statistics, since it takes a Rust closure.
pub fn bootstrap<F>(n: usize, statistic: F, params: &BootstrapParams) -> Result<BootstrapInterval>
where
    F: Fn(&[usize]) -> Result<f64> + Sync,
{
    if params.n_resamples == 0 {
        return Err(Error::InvalidParameter {
            name: "n_resamples",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    if n == 0 {
        return Err(Error::Empty { arg: "samples" });
    }
    let c = params.confidence;
    if !(c > 0.0 && c < 1.0) {
        return Err(Error::InvalidParameter {
            name: "confidence",
            value: c,
            expected: "must lie in (0, 1)",
        });
    }
    let all: Vec<usize> = (0..n).collect();
    let estimate = statistic(&all)?;
    let one = |i: usize| {
        let mut rng = SplitMix64::stream(params.seed, i as u64);
        let rows: Vec<usize> = (0..n).map(|_| rng.below(n as u64) as usize).collect();
        statistic(&rows)
    };
    let results: Vec<Result<f64>> = match params.par {
        Par::Seq => (0..params.n_resamples).map(one).collect(),
        Par::Rayon(_) => params
            .par
            .install(|| (0..params.n_resamples).into_par_iter().map(one).collect()),
    };
    let resamples = results.into_iter().collect::<Result<Vec<f64>>>()?;
    let mut sorted = resamples.clone();
    sorted.sort_by(f64::total_cmp);
    let (_, std_error) = mean_std(&resamples);
    Ok(BootstrapInterval {
        estimate,
        lower: quantile(&sorted, (1.0 - c) / 2.0),
        upper: quantile(&sorted, f64::midpoint(1.0, c)),
        std_error,
        resamples,
    })
}

/// NumPy's `linear` quantile of ascending `s`: position `q (n − 1)`, interpolated.
fn quantile(s: &[f64], q: f64) -> f64 {
    let pos = q * (s.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(s.len() - 1);
    let frac = pos - lo as f64;
    s[lo] + frac * (s[hi] - s[lo])
}
