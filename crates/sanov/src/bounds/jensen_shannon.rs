//! The Jensen–Shannon (f-GAN, Deep InfoMax) bound.

use super::{check_finite, over_rows, put, scores, total, unit, with_grad, BoundOptions};
use crate::error::Result;
use crate::real::Real;
use crate::sum::Neumaier;
use ndarray::{ArrayView2, ArrayViewMut2};

/// `softplus(x) = ln(1 + e^x)`, stable for any `x`.
#[inline]
pub(crate) fn softplus(x: f64) -> f64 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

/// The logistic `σ(x) = 1 / (1 + e^{−x})`, stable for any `x`.
#[inline]
pub(crate) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// The Jensen–Shannon (f-GAN) variational objective from an `N × N` critic score matrix,
/// `N ≥ 2`: the value of the JS bound that Deep InfoMax maximises.
///
/// $$ I_{\mathrm{JS}} = -\frac{1}{N} \sum_i \operatorname{softplus}(-S_{ii})
///    - \frac{1}{N(N-1)} \sum_{i \ne j} \operatorname{softplus}(S_{ij}) $$
///
/// with `softplus(x) = ln(1 + e^x)`, evaluated as `max(x, 0) + ln_1p(e^{−|x|})` (stable for
/// any magnitude). This is the f-GAN lower bound on `2·JS(p(x,y) ‖ p(x)p(y)) − 2 ln 2`, not
/// on `I(X;Y)` itself: it is at most 0 and equals `−2 ln 2` for a constant-zero critic. With
/// `grad`: `∂/∂S_ii = σ(−S_ii)/N`, `∂/∂S_ij = −σ(S_ij)/(N(N−1))` (`i ≠ j`, `σ` the logistic).
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty) for an empty matrix;
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for a non-square matrix or a `grad`
/// of another shape; [`Error::InvalidParameter`](crate::Error::InvalidParameter) for `N < 2`;
/// [`Error::NonFinite`](crate::Error::NonFinite) for a NaN or `±∞` score.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::bounds::{jensen_shannon_bound, BoundOptions};
/// let s = Array2::<f64>::zeros((3, 3));
/// let v = jensen_shannon_bound(s.view(), None, &BoundOptions::default())?;
/// assert!((v + 2.0 * std::f64::consts::LN_2).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Nowozin, Cseke & Tomioka (2016), *f-GAN*, NeurIPS; Hjelm et al. (2019), *Deep InfoMax*,
/// ICLR; Poole et al. (2019), §2.4.
pub fn jensen_shannon_bound<T: Real>(
    scores: ArrayView2<'_, T>,
    grad: Option<ArrayViewMut2<'_, T>>,
    options: &BoundOptions,
) -> Result<f64> {
    let s = self::scores(scores, false, 2)?;
    let n = s.rows;
    let nf = n as f64;
    let u = unit(options.base);
    let (cd, co) = (u / nf, -u / (nf * (nf - 1.0)));
    let parts = with_grad(grad, n, n, |g| {
        over_rows(n, n, options.par, g, |r0, r1, mut g| {
            check_finite(&s.x[r0 * n..r1 * n], r0 * n)?;
            let (mut diag, mut off) = (Neumaier::default(), Neumaier::default());
            for i in r0..r1 {
                for (j, v) in s.row(i).iter().enumerate() {
                    let v = v.to_f64();
                    let d = if i == j {
                        diag.add(softplus(-v));
                        cd * sigmoid(-v)
                    } else {
                        off.add(softplus(v));
                        co * sigmoid(v)
                    };
                    if let Some(g) = g.as_deref_mut() {
                        put(&mut g[(i - r0) * n + j], d);
                    }
                }
            }
            Ok((diag.total(), off.total()))
        })
    })?;
    let diag = total(parts.iter().map(|p| p.0));
    let off = total(parts.iter().map(|p| p.1));
    Ok(options.base.from_nats(-diag / nf - off / (nf * (nf - 1.0))))
}
