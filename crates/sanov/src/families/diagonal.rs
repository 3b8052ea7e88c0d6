//! The KL divergence between two batches of diagonal Gaussians, row by row.

use ndarray::ArrayView2;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::losses::vae::VaeKl;
use crate::par::Par;
use crate::real::Real;
use crate::sum::Neumaier;
use crate::validate::contiguous;

/// `KL(N(μ₁, diag e^{lv₁}) ‖ N(μ₂, diag e^{lv₂}))` for each row of four `B × d` arrays, in nats.
///
/// The variances are given as log-variances `lv = ln σ²`, as in [`crate::losses::vae::vae_kl`]
/// (its `N(0, I)` case is `mu2 = 0`, `log_var2 = 0`):
///
/// $$ \mathrm{KL}_r = \tfrac12 \sum_{j=1}^d \Big( e^{t_{rj}} - 1 - t_{rj}
///    + (\mu_{1,rj} - \mu_{2,rj})^2 e^{-lv_{2,rj}} \Big), \qquad t = lv_1 - lv_2, $$
///
/// with `e^t − 1` evaluated by `expm1`, so every term is `≥ 0` and accurate near `t = 0`
/// (Kullback 1959; e.g. Murphy 2012, §2.8.2). Terms are accumulated in `f64` for `f32` input;
/// the result carries the per-row values, their compensated sum and their mean (reductions
/// none / sum / mean). Rows are computed in parallel under `par`.
///
/// # Errors
/// [`Error::ShapeMismatch`] if the four shapes differ; [`Error::Empty`] if `B` or `d` is 0;
/// [`Error::NonFinite`] (`arg` = the array's name, row-major index) for a NaN or infinite input.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::families::diag_gaussian_kl;
/// use sanov::Par;
/// let mu1 = array![[1.0f64, 0.0]];
/// let lv1 = array![[0.0f64, 2f64.ln()]];
/// let mu2 = array![[0.0f64, 0.0]];
/// let lv2 = array![[0.0f64, 0.0]];
/// let kl = diag_gaussian_kl(mu1.view(), lv1.view(), mu2.view(), lv2.view(), Par::Seq)?;
/// // ½·1² + ½(2 − 1 − ln 2)
/// assert!((kl.per_row[0] - (0.5 + 0.5 * (1.0 - 2f64.ln()))).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.diag_gaussian_kl(mu1, log_var1, mu2, log_var2, reduction="mean", workers=None)`.
pub fn diag_gaussian_kl<T: Real>(
    mu1: ArrayView2<'_, T>,
    log_var1: ArrayView2<'_, T>,
    mu2: ArrayView2<'_, T>,
    log_var2: ArrayView2<'_, T>,
    par: Par,
) -> Result<VaeKl> {
    for (arg, a) in [
        ("log_var1", &log_var1),
        ("mu2", &mu2),
        ("log_var2", &log_var2),
    ] {
        if a.dim() != mu1.dim() {
            return Err(Error::ShapeMismatch {
                arg,
                expected: mu1.shape().to_vec(),
                found: a.shape().to_vec(),
            });
        }
    }
    let (b, d) = mu1.dim();
    if b == 0 || d == 0 {
        return Err(Error::Empty { arg: "mu1" });
    }
    let arrays = [
        ("mu1", contiguous(&mu1)),
        ("log_var1", contiguous(&log_var1)),
        ("mu2", contiguous(&mu2)),
        ("log_var2", contiguous(&log_var2)),
    ];
    for (arg, x) in &arrays {
        if let Some((index, v)) = x.iter().enumerate().find(|(_, v)| !v.to_f64().is_finite()) {
            return Err(Error::NonFinite {
                arg,
                index,
                value: v.to_f64(),
            });
        }
    }
    let (m1, l1, m2, l2) = (&arrays[0].1, &arrays[1].1, &arrays[2].1, &arrays[3].1);
    let row = |r: usize| -> f64 {
        let mut s = Neumaier::default();
        for j in r * d..(r + 1) * d {
            let t = l1[j].to_f64() - l2[j].to_f64();
            let dm = m1[j].to_f64() - m2[j].to_f64();
            s.add(t.exp_m1() - t + dm * dm * (-l2[j].to_f64()).exp());
        }
        0.5 * s.total()
    };
    let mut per_row = vec![0.0; b];
    match par {
        Par::Seq => per_row
            .iter_mut()
            .enumerate()
            .for_each(|(r, v)| *v = row(r)),
        Par::Rayon(_) => par.install(|| {
            per_row
                .par_iter_mut()
                .enumerate()
                .for_each(|(r, v)| *v = row(r));
        }),
    }
    let mut s = Neumaier::default();
    for &v in &per_row {
        s.add(v);
    }
    let sum = s.total();
    Ok(VaeKl {
        mean: sum / b as f64,
        sum,
        per_row,
    })
}
