//! Permutation (surrogate) tests of an information statistic.

use rayon::prelude::*;

use super::rng::SplitMix64;
use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::Par;

/// How the surrogate data of a permutation test are made from the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Surrogate {
    /// A uniformly random permutation of the `n` samples (i.i.d. data).
    #[default]
    Shuffle,
    /// A cyclic rotation of the series by a uniform shift in `1 … n−1`: keeps the source's
    /// whole autocorrelation, breaks its alignment with the target (time series).
    CircularShift,
    /// The series cut into consecutive blocks of `length` steps (the last one shorter), the
    /// blocks put in a uniformly random order: keeps the autocorrelation within blocks.
    Block {
        /// Block length `≥ 1`.
        length: usize,
    },
}

impl Surrogate {
    /// The surrogate order of `n` samples: `out[i]` is the original index placed at `i`.
    pub(crate) fn draw(self, n: usize, rng: &mut SplitMix64) -> Vec<usize> {
        match self {
            Self::Shuffle => {
                let mut p: Vec<usize> = (0..n).collect();
                rng.shuffle(&mut p);
                p
            }
            Self::CircularShift => {
                let s = 1 + rng.below(n as u64 - 1) as usize;
                (0..n).map(|i| (i + s) % n).collect()
            }
            Self::Block { length } => {
                let mut blocks: Vec<usize> = (0..n.div_ceil(length)).collect();
                rng.shuffle(&mut blocks);
                blocks
                    .iter()
                    .flat_map(|&b| b * length..((b + 1) * length).min(n))
                    .collect()
            }
        }
    }

    fn check(self, n: usize) -> Result<()> {
        match self {
            Self::Shuffle | Self::CircularShift if n < 2 => Err(Error::InvalidParameter {
                name: "number of samples",
                value: n as f64,
                expected: "a surrogate needs at least 2 samples",
            }),
            Self::Block { length } if length == 0 || length >= n => Err(Error::InvalidParameter {
                name: "block length",
                value: length as f64,
                expected: "must satisfy 1 <= length < number of samples",
            }),
            _ => Ok(()),
        }
    }
}

/// Settings of [`permutation_test`].
///
/// `PermutationParams::default()` is 1000 permutations, seed 0, [`Surrogate::Shuffle`],
/// [`Par::Seq`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PermutationParams {
    /// The number of surrogates `≥ 1`.
    pub n_permutations: usize,
    /// The seed: surrogate `i` is drawn from its own stream of `(seed, i)`, so results do not
    /// depend on `par`.
    pub seed: u64,
    /// How surrogates are made.
    pub surrogate: Surrogate,
    /// Parallelism over the surrogates.
    pub par: Par,
}

impl Default for PermutationParams {
    fn default() -> Self {
        Self {
            n_permutations: 1000,
            seed: 0,
            surrogate: Surrogate::Shuffle,
            par: Par::Seq,
        }
    }
}

/// The result of a permutation test.
#[derive(Debug, Clone, PartialEq)]
pub struct PermutationTest {
    /// The statistic on the data as given.
    pub observed: f64,
    /// `(1 + #{null ≥ observed}) / (1 + n_permutations)` (one-sided, upper tail; never 0).
    pub p_value: f64,
    /// The mean of the null distribution (compensated sum).
    pub null_mean: f64,
    /// The standard deviation of the null distribution (`n − 1` denominator; 0 for one
    /// surrogate).
    pub null_std: f64,
    /// The statistic on each surrogate, in draw order.
    pub null: Vec<f64>,
}

impl PermutationTest {
    /// The bias-corrected statistic `observed − null_mean` (common practice for mutual
    /// information and transfer entropy: the null mean estimates the estimator's bias at zero
    /// dependence).
    pub fn bias_corrected(&self) -> f64 {
        self.observed - self.null_mean
    }
}

/// A permutation test of `statistic`: `statistic(order)` evaluates it with the source's
/// samples reordered so that position `i` holds original sample `order[i]` (the target, and any
/// conditioning data, left as they are). The observed value is the statistic under the identity
/// order; each of the `n_permutations` surrogates is an order drawn by `params.surrogate` from
/// its own seeded stream, and
///
/// $$ p = \frac{1 + \#\{i : T_i^{\mathrm{null}} \ge T^{\mathrm{obs}}\}}{1 + N_{\mathrm{perm}}} $$
///
/// (Phipson & Smyth 2010: never 0, valid at any number of permutations). Surrogates run in
/// parallel under `params.par`; the result does not depend on it.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_permutations = 0`, `n < 2`, a block length not in
/// `1 … n−1`; [`Error::NonFinite`] (`arg = "observed"`) for a NaN observed statistic; the
/// first error (in draw order) of `statistic`.
///
/// # Examples
/// ```
/// use sanov::significance::{permutation_test, PermutationParams};
/// use sanov::multivariate::mutual_information_from_labels;
/// use sanov::Base;
/// let x: Vec<i64> = (0..200).map(|i| i % 3).collect();
/// let y: Vec<i64> = x.iter().map(|&v| (v + 1) % 3).collect();
/// let test = permutation_test(200, |order: &[usize]| {
///     let xs: Vec<i64> = order.iter().map(|&i| x[i]).collect();
///     mutual_information_from_labels(&xs, &y, Base::Nats)
/// }, &PermutationParams { n_permutations: 99, seed: 1, ..Default::default() })?;
/// assert_eq!(test.p_value, 0.01);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// B. Phipson & G. K. Smyth, "Permutation p-values should never be zero", *Stat. Appl.
/// Genet. Mol. Biol.* 9(1), 39 (2010); P. Wollstadt et al., "IDTxl: the Information Dynamics
/// Toolkit xl", *J. Open Source Softw.* 4(34), 1081 (2019).
pub fn permutation_test<F>(
    n: usize,
    statistic: F,
    params: &PermutationParams,
) -> Result<PermutationTest>
where
    F: Fn(&[usize]) -> Result<f64> + Sync,
{
    if params.n_permutations == 0 {
        return Err(Error::InvalidParameter {
            name: "n_permutations",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    params.surrogate.check(n)?;
    let identity: Vec<usize> = (0..n).collect();
    let observed = statistic(&identity)?;
    if observed.is_nan() {
        return Err(Error::NonFinite {
            arg: "observed",
            index: 0,
            value: observed,
        });
    }
    let one = |i: usize| {
        let mut rng = SplitMix64::stream(params.seed, i as u64);
        statistic(&params.surrogate.draw(n, &mut rng))
    };
    let results: Vec<Result<f64>> = match params.par {
        Par::Seq => (0..params.n_permutations).map(one).collect(),
        Par::Rayon(_) => params.par.install(|| {
            (0..params.n_permutations)
                .into_par_iter()
                .map(one)
                .collect()
        }),
    };
    let null = results.into_iter().collect::<Result<Vec<f64>>>()?;
    let exceed = null.iter().filter(|&&v| v >= observed).count();
    let (null_mean, null_std) = mean_std(&null);
    Ok(PermutationTest {
        observed,
        p_value: (1 + exceed) as f64 / (1 + params.n_permutations) as f64,
        null_mean,
        null_std,
        null,
    })
}

/// Mean and standard deviation (`n − 1` denominator; 0 for one value), compensated sums.
pub(crate) fn mean_std(v: &[f64]) -> (f64, f64) {
    let mut s = Neumaier::default();
    for &x in v {
        s.add(x);
    }
    let mean = s.total() / v.len() as f64;
    if v.len() < 2 {
        return (mean, 0.0);
    }
    let mut q = Neumaier::default();
    for &x in v {
        q.add((x - mean) * (x - mean));
    }
    (mean, (q.total() / (v.len() - 1) as f64).sqrt())
}
