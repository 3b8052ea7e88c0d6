//! Block entropy and the entropy-rate estimate of an integer series.

use ndarray::ArrayView2;

use super::symbols::{alphabet, entropy, lagged, long_enough, positive, row_ids};
use crate::error::Result;
use crate::estimators::DiscreteEstimator;
use crate::units::Base;

/// Block entropy `H_L`: the entropy of the empirical distribution of the `n − L + 1`
/// overlapping blocks `(x_t, …, x_{t+L−1})`, `t = 0 … n−L`, of the integer series `x`.
///
/// $$ H_L = -\sum_{b} \frac{n_b}{n - L + 1} \ln \frac{n_b}{n - L + 1} $$
///
/// (plug-in; [`DiscreteEstimator`] picks a bias-corrected estimate of the same entropy; NSB's
/// alphabet is `A^{L·d}`). Rows are time steps, several columns a multivariate series.
///
/// # Errors
/// [`crate::Error::Empty`], [`crate::Error::OutOfRange`] (negative symbol),
/// [`crate::Error::InvalidParameter`] for `L = 0` or `n < L`; the estimator's errors.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::timeseries::block_entropy;
/// use sanov::Base;
/// let x = Array2::from_shape_vec((6, 1), vec![0, 1, 0, 1, 0, 1])?;
/// // Blocks of 2: 01, 10, 01, 10, 01 -> H = h(2/5) bits.
/// let h = block_entropy(x.view(), 2, &DiscreteEstimator::PlugIn, Base::Bits)?;
/// assert!((h - 0.970_950_594_454_668_5).abs() < 1e-15);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # References
/// J. P. Crutchfield & D. P. Feldman, "Regularities unseen, randomness observed: levels of
/// entropy convergence", *Chaos* 13, 25 (2003).
pub fn block_entropy(
    x: ArrayView2<'_, i64>,
    block: usize,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<f64> {
    positive("block length", block)?;
    let s = row_ids(x, "x")?;
    long_enough(s.seq.len() + 1, block)?;
    let a = alphabet(estimator, &[x]);
    // Blocks ending at t = L−1 … n−1: lags 0 … L−1 from t.
    let blocks = lagged(&s, block - 1, 0, block);
    Ok(base.from_nats(entropy(&blocks, estimator, a)?))
}

/// The entropy-rate estimate `h_L = H_L − H_{L−1}` (with `H_0 = 0`) from block entropies
/// ([`block_entropy`]; each over its own `n − L + 1` or `n − L + 2` blocks).
///
/// $$ h_L = H_L - H_{L-1} $$
///
/// # Errors
/// As [`block_entropy`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::timeseries::entropy_rate;
/// use sanov::Base;
/// // A period-2 series has (almost) no entropy rate once L ≥ 2 (the block counts differ by
/// // one at the ends).
/// let x = Array2::from_shape_fn((100, 1), |(t, _)| (t % 2) as i64);
/// let h = entropy_rate(x.view(), 3, &DiscreteEstimator::PlugIn, Base::Bits)?;
/// assert!(h.abs() < 1e-3);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn entropy_rate(
    x: ArrayView2<'_, i64>,
    block: usize,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<f64> {
    let hl = block_entropy(x, block, estimator, base)?;
    let prev = if block > 1 {
        block_entropy(x, block - 1, estimator, base)?
    } else {
        0.0
    };
    Ok(hl - prev)
}
