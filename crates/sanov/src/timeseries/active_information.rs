//! Active information storage of an integer series.

use ndarray::ArrayView2;

use super::symbols::{alphabet, cmi, lagged, long_enough, positive, present, row_ids};
use crate::error::Result;
use crate::estimators::DiscreteEstimator;
use crate::units::Base;

/// Active information storage `A_X(k) = I(X_{t−k..t−1} ; X_t)` of the integer series `x`,
/// over `t = k … n−1` (0-based), each step with weight `1/(n − k)`.
///
/// $$ A_X(k) = \frac{1}{N} \sum_{\text{cells}} n_{ab} \ln \frac{n_{ab}\, N}{n_a n_b} $$
///
/// (plug-in; other estimators: `Ĥ(X⁻) + Ĥ(X_t) − Ĥ(X⁻, X_t)`, see
/// [`super::transfer_entropy`]). Rows are time steps, several columns a multivariate series.
///
/// # Errors
/// [`crate::Error::Empty`], [`crate::Error::OutOfRange`] (a negative symbol),
/// [`crate::Error::InvalidParameter`] for `k = 0` or `n ≤ k`; the estimator's errors.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::DiscreteEstimator;
/// use sanov::timeseries::active_information_storage;
/// use sanov::Base;
/// // A period-2 series: its past determines its present, A = H(X_t) = 1 bit.
/// let x = Array2::from_shape_fn((11, 1), |(t, _)| (t % 2) as i64);
/// let a = active_information_storage(x.view(), 1, &DiscreteEstimator::PlugIn, Base::Bits)?;
/// assert!((a - 1.0).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// J. T. Lizier, M. Prokopenko & A. Y. Zomaya, "Local measures of information storage in
/// complex distributed computation", *Information Sciences* 208, 39–54 (2012).
pub fn active_information_storage(
    x: ArrayView2<'_, i64>,
    k: usize,
    estimator: &DiscreteEstimator,
    base: Base,
) -> Result<f64> {
    positive("k", k)?;
    let s = row_ids(x, "x")?;
    long_enough(s.seq.len(), k)?;
    let a = alphabet(estimator, &[x]);
    let past = lagged(&s, k, 1, k);
    let now = present(&s, k);
    Ok(base.from_nats(cmi(&past, &now, None, estimator, a)?))
}
