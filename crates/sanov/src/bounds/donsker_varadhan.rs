//! The Donsker–Varadhan bound (MINE).

use super::{check_finite, over_rows, put, scores, total, unit, with_grad, BoundOptions};
use crate::error::Result;
use crate::real::Real;
use crate::sum::Neumaier;
use ndarray::{ArrayView2, ArrayViewMut2};

/// The Donsker–Varadhan lower bound on `I(X;Y)` (MINE's objective) from an `N × N` critic
/// score matrix, `N ≥ 2`.
///
/// $$ I_{\mathrm{DV}} = \frac{1}{N} \sum_i S_{ii}
///    - \ln \frac{1}{N(N-1)} \sum_{i \ne j} e^{S_{ij}} $$
///
/// The second term is a log-sum-exp over the off-diagonal entries (max-shifted, `f64`), so
/// scores of any magnitude are fine. With `grad`:
/// `∂/∂S_ii = 1/N`, `∂/∂S_ij = −e^{S_ij} / Σ_{k≠l} e^{S_kl}` (`i ≠ j`), a softmax over the
/// off-diagonal entries. The bound is invariant under adding a constant to every score.
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
/// use sanov::bounds::{donsker_varadhan, BoundOptions};
/// let s = array![[2.0f64, 0.0], [0.0, 2.0]];
/// // mean diagonal 2, off-diagonal mean of e^0 = 1: 2 − ln 1 = 2.
/// assert_eq!(donsker_varadhan(s.view(), None, &BoundOptions::default())?, 2.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Donsker & Varadhan (1983); Belghazi et al. (2018), *MINE*, ICML; Poole et al. (2019), eq. (4).
pub fn donsker_varadhan<T: Real>(
    scores: ArrayView2<'_, T>,
    grad: Option<ArrayViewMut2<'_, T>>,
    options: &BoundOptions,
) -> Result<f64> {
    let s = self::scores(scores, false, 2)?;
    let n = s.rows;
    let par = options.par;
    // Sweep 1: validity, diagonal sum, off-diagonal maximum.
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
    // Sweep 2: Σ e^{S − max} over the off-diagonal.
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
    let z = total(sums);
    let nf = n as f64;
    let lme = mx + z.ln() - (nf * (nf - 1.0)).ln();
    let u = unit(options.base);
    // Sweep 3: the gradient, each entry rounded once.
    with_grad(grad, n, n, |g| {
        over_rows(n, n, par, g, |r0, r1, g| {
            if let Some(g) = g {
                for i in r0..r1 {
                    let gr = &mut g[(i - r0) * n..(i - r0 + 1) * n];
                    for (j, (d, v)) in gr.iter_mut().zip(s.row(i)).enumerate() {
                        let e = if i == j {
                            u / nf
                        } else {
                            -u * (v.to_f64() - mx).exp() / z
                        };
                        put(d, e);
                    }
                }
            }
            Ok(())
        })
    })?;
    Ok(options.base.from_nats(diag / nf - lme))
}
