//! The Nguyen–Wainwright–Jordan bound (f-divergence / MINE-f).

use super::{check_finite, over_rows, put, scores, total, unit, with_grad, BoundOptions};
use crate::error::Result;
use crate::real::Real;
use crate::sum::Neumaier;
use ndarray::{ArrayView2, ArrayViewMut2};

/// The NWJ lower bound on `I(X;Y)` (also called MINE-f or `f`-MINE) from an `N × N` critic
/// score matrix, `N ≥ 2`.
///
/// $$ I_{\mathrm{NWJ}} = \frac{1}{N} \sum_i S_{ii}
///    - \frac{e^{-1}}{N(N-1)} \sum_{i \ne j} e^{S_{ij}} $$
///
/// The second term is formed as `exp(m − 1 + ln Σ e^{S−m} − ln N(N−1))` (`m` the off-diagonal
/// maximum), so no intermediate overflows; it is `+∞` (the value `−∞`) only when the exact
/// term exceeds the `f64` range, i.e. for off-diagonal scores above about 710. With `grad`:
/// `∂/∂S_ii = 1/N`, `∂/∂S_ij = −e^{S_ij − 1} / (N(N−1))` (`i ≠ j`).
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty) for an empty matrix;
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for a non-square matrix or a `grad`
/// of another shape; [`Error::InvalidParameter`](crate::Error::InvalidParameter) for `N < 2`;
/// [`Error::NonFinite`](crate::Error::NonFinite) for a NaN or `±∞` score.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::bounds::{nwj, BoundOptions};
/// // The optimal NWJ critic is 1 + ln(p(x,y)/p(x)p(y)); a critic of 1 everywhere gives 0.
/// let s = array![[1.0f64, 1.0], [1.0, 1.0]];
/// assert_eq!(nwj(s.view(), None, &BoundOptions::default())?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Nguyen, Wainwright & Jordan (2010), IEEE Trans. Inf. Theory 56(11); Poole et al. (2019),
/// eq. (7) (`I_NWJ` with the `e^{-1}` normalisation of the critic).
pub fn nwj<T: Real>(
    scores: ArrayView2<'_, T>,
    grad: Option<ArrayViewMut2<'_, T>>,
    options: &BoundOptions,
) -> Result<f64> {
    let s = self::scores(scores, false, 2)?;
    let n = s.rows;
    let par = options.par;
    let parts = over_rows::<T, _>(n, n, par, None, |r0, r1, _| {
        check_finite(&s.x[r0 * n..r1 * n], r0 * n)?;
        let (mut diag, mut mx) = (0.0, f64::NEG_INFINITY);
        for i in r0..r1 {
            for (j, v) in s.row(i).iter().enumerate() {
                let v = v.to_f64();
                if i == j {
                    diag += v;
                } else {
                    mx = mx.max(v);
                }
            }
        }
        Ok((diag, mx))
    })?;
    let diag = total(parts.iter().map(|p| p.0));
    let mx = parts.iter().fold(f64::NEG_INFINITY, |a, p| a.max(p.1));
    let sums = over_rows::<T, _>(n, n, par, None, |r0, r1, _| {
        let mut acc = Neumaier::default();
        for i in r0..r1 {
            for (j, v) in s.row(i).iter().enumerate() {
                if i != j {
                    acc.add((v.to_f64() - mx).exp());
                }
            }
        }
        Ok(acc.total())
    })?;
    let nf = n as f64;
    let ln_pairs = (nf * (nf - 1.0)).ln();
    let second = (mx - 1.0 + total(sums).ln() - ln_pairs).exp();
    let u = unit(options.base);
    with_grad(grad, n, n, |g| {
        if g.is_none() {
            return Ok(());
        }
        over_rows(n, n, par, g, |r0, r1, g| {
            let g = g.expect("gradient");
            for i in r0..r1 {
                let gr = &mut g[(i - r0) * n..(i - r0 + 1) * n];
                for (j, (d, v)) in gr.iter_mut().zip(s.row(i)).enumerate() {
                    let e = if i == j {
                        u / nf
                    } else {
                        -u * (v.to_f64() - 1.0 - ln_pairs).exp()
                    };
                    put(d, e);
                }
            }
            Ok(())
        })
        .map(|_| ())
    })?;
    Ok(options.base.from_nats(diag / nf - second))
}
