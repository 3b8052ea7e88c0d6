//! InfoNCE (contrastive predictive coding).

use super::{check_finite, over_rows, scores, total, unit, with_grad, BoundOptions};
use crate::error::Result;
use crate::losses::logits::class_cross_entropy_rows;
use crate::real::Real;
use ndarray::{ArrayView2, ArrayViewMut2};

/// The InfoNCE lower bound on `I(X;Y)` from an `N × M` critic score matrix (`M ≥ N`).
///
/// $$ I_{\mathrm{NCE}} = \ln M - \frac{1}{N} \sum_{i=1}^{N}
///    \Big[ \ln \sum_{j=1}^{M} e^{S_{ij}} - S_{ii} \Big] $$
///
/// — `ln M` minus the mean softmax cross-entropy of the rows against their diagonal class
/// (PyTorch's `log(M) - F.cross_entropy(S, arange(N))`). With `grad`, the gradient
///
/// $$ \frac{\partial I_{\mathrm{NCE}}}{\partial S_{ij}} = \frac{1}{N}
///    \big( [i = j] - \operatorname{softmax}(S_i)_j \big) $$
///
/// is written into it from the same pass over the rows (each row is read from memory once).
///
/// Conventions (see the [module docs](super)): the value never exceeds `ln M` (`ln N` for a
/// square matrix) — the bound saturates, whatever the true mutual information; `N = M = 1`
/// gives 0. Rectangular `N × M`, `M > N`: anchor `i`'s positive is column `i`, every other
/// column a negative, and the constant is `ln M`. Stable for scores of any magnitude.
///
/// # Errors
/// [`crate::Error::Empty`] for an empty matrix; [`crate::Error::ShapeMismatch`] for `M < N` or a `grad` of
/// another shape; [`crate::Error::NonFinite`] for a NaN or `±∞` score (index row-major).
///
/// # Examples
/// ```
/// use ndarray::{array, Array2};
/// use sanov::bounds::{info_nce, BoundOptions};
/// // A perfect critic saturates at ln N.
/// let s = array![[1e3f64, -1e3], [-1e3, 1e3]];
/// let mut g = Array2::zeros((2, 2));
/// let v = info_nce(s.view(), Some(g.view_mut()), &BoundOptions::default())?;
/// assert_eq!(v, std::f64::consts::LN_2);
/// assert_eq!(g, Array2::zeros((2, 2)));
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// van den Oord, Li & Vinyals (2018), arXiv:1807.03748; Poole et al. (2019), ICML, eq. (12).
pub fn info_nce<T: Real>(
    scores: ArrayView2<'_, T>,
    grad: Option<ArrayViewMut2<'_, T>>,
    options: &BoundOptions,
) -> Result<f64> {
    let s = self::scores(scores, true, 1)?;
    let (n, m) = (s.rows, s.cols);
    let classes: Vec<i64> = (0..n as i64).collect();
    let u = unit(options.base);
    let scale = -u / n as f64;
    let parts = with_grad(grad, n, m, |g| {
        over_rows(n, m, options.par, g, |r0, r1, g| {
            let x = &s.x[r0 * m..r1 * m];
            check_finite(x, r0 * m)?;
            // Finite scores: the row kernel cannot fail.
            class_cross_entropy_rows(x, m, &classes[r0..r1], scale, g)
        })
    })?;
    let mean_ce = total(parts) / n as f64;
    Ok(options.base.from_nats((m as f64).ln() - mean_ce))
}
