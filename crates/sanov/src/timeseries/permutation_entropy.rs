//! Permutation entropy (Bandt & Pompe 2002).

use crate::error::{Error, Result};
use crate::estimators::LabelCounts;
use crate::neighbors::check_finite;
use crate::units::Base;
use ndarray::ArrayView2;

/// Permutation entropy of the real series `x` (Bandt & Pompe 2002): the entropy of the
/// ordinal patterns of order `m` and delay `τ`.
///
/// For `t = 0 … n − 1 − (m−1)τ`, the pattern of `(x_t, x_{t+τ}, …, x_{t+(m−1)τ})` is the
/// permutation that sorts it, ties ranked by position (the earlier of two equal values ranks
/// lower). With `p_π` the relative frequency of pattern `π` over the `n − (m−1)τ` windows,
///
/// $$ H_{\mathrm{PE}} = -\sum_\pi p_\pi \ln p_\pi, \qquad
///    H_{\mathrm{PE}}^{\mathrm{norm}} = H_{\mathrm{PE}} / \ln(m!) \in [0, 1] $$
///
/// (`normalize = true` gives the second, whatever `base`). `x` is one column (`n × 1`).
///
/// # Errors
/// [`crate::Error::Empty`] for no rows; [`crate::Error::ShapeMismatch`] for more than one
/// column; [`crate::Error::NonFinite`] for NaN or ±∞; [`crate::Error::InvalidParameter`] for
/// `m < 2`, `m > 20` (`m!` beyond `u64`), `τ = 0`, or fewer than `(m−1)τ + 1` values.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::timeseries::permutation_entropy;
/// use sanov::Base;
/// // Bandt & Pompe's example (4, 7, 9, 10, 6, 11, 3), m = 2: four "up", two "down".
/// let x = Array2::from_shape_vec((7, 1), vec![4.0, 7.0, 9.0, 10.0, 6.0, 11.0, 3.0])?;
/// let h = permutation_entropy(x.view(), 2, 1, false, Base::Bits)?;
/// assert!((h - 0.918_295_834_054_489_6).abs() < 1e-15);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # References
/// C. Bandt & B. Pompe, "Permutation entropy: a natural complexity measure for time series",
/// *Phys. Rev. Lett.* 88, 174102 (2002).
pub fn permutation_entropy(
    x: ArrayView2<'_, f64>,
    order: usize,
    delay: usize,
    normalize: bool,
    base: Base,
) -> Result<f64> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(Error::Empty { arg: "x" });
    }
    if x.ncols() != 1 {
        return Err(Error::ShapeMismatch {
            arg: "x",
            expected: vec![x.nrows(), 1],
            found: x.shape().to_vec(),
        });
    }
    check_finite(x, "x")?;
    if !(2..=20).contains(&order) {
        return Err(Error::InvalidParameter {
            name: "order",
            value: order as f64,
            expected: "must satisfy 2 <= order <= 20",
        });
    }
    if delay == 0 {
        return Err(Error::InvalidParameter {
            name: "delay",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    let span = (order - 1) * delay;
    let n = x.nrows();
    if n <= span {
        return Err(Error::InvalidParameter {
            name: "series length",
            value: n as f64,
            expected: "the series needs at least (order - 1) * delay + 1 values",
        });
    }
    let v: Vec<f64> = x.column(0).to_vec();
    let mut idx = vec![0usize; order];
    let mut codes = Vec::with_capacity(n - span);
    for t in 0..n - span {
        for (j, slot) in idx.iter_mut().enumerate() {
            *slot = j;
        }
        // Stable sort: ties keep position order.
        idx.sort_by(|&a, &b| v[t + a * delay].total_cmp(&v[t + b * delay]));
        codes.push(lehmer(&idx) as i64);
    }
    let h = LabelCounts::from_labels(&codes).plugin_entropy(Base::Nats)?;
    if normalize {
        let ln_fact: f64 = (2..=order).map(|i| (i as f64).ln()).sum();
        Ok(h / ln_fact)
    } else {
        Ok(base.from_nats(h))
    }
}

/// The Lehmer-code rank of a permutation of `0..m` (`< m! ≤ 20!`).
fn lehmer(p: &[usize]) -> u64 {
    let m = p.len();
    let mut code = 0u64;
    for i in 0..m {
        let smaller = p[i + 1..].iter().filter(|&&q| q < p[i]).count() as u64;
        code = code * (m - i) as u64 + smaller;
    }
    code
}
