//! The Kozachenko–Leonenko k-NN estimator of differential entropy.

use ndarray::ArrayView2;

use super::knn::{pow2_exponent, scale_pow2, sum_over, Noise, Partial, PsiTable, Samples};
use crate::cancel::Checker;
use crate::error::Result;
use crate::neighbors::{check_k, KdTree, Metric, Neighbor};
use crate::special::ln_gamma;
use crate::units::Base;
use crate::Par;

/// Kozachenko–Leonenko estimate of the differential entropy of the distribution of the rows
/// of `x` (`N × d`, one sample per row):
///
/// $$ \hat H = \psi(N) - \psi(k) + \ln V_d + \frac{d}{N} \sum_{i=1}^{N} \ln r_i,
///    \qquad V_d = \frac{\pi^{d/2}}{\Gamma(1 + d/2)}, $$
///
/// with `r_i` the Euclidean distance from `x_i` to its k-th nearest other sample and `V_d`
/// the volume of the unit ball. `ln r_i` is `½ ln(Σ_c (x_{ic} − x_{jc})²)`, the squares summed
/// in column order, after an exact rescaling of `x` by a power of two (so any finite scale
/// `s` gives `Ĥ(s·x) = Ĥ(x) + d ln s` up to rounding); when that sum underflows (distances below about `1e-154`) the distance is
/// recomputed with scaling, so only exact duplicates give `r_i = 0`. The sum over samples is
/// compensated (Neumaier). Differential entropy can be negative.
///
/// Cost `O(N log N)` (a k-d tree and one k-NN query per sample), memory `O(N·d)`; queries in
/// parallel under `par` (the result then differs only in the last bits of the sum).
///
/// # Duplicate points
/// A sample with at least `k` exact duplicates has `r_i = 0` and `ln r_i = −∞`: this is an
/// error, never a silent `−∞`. Remove the duplicates or add noise (the KSG estimators offer
/// [`Noise::Jitter`](super::Noise::Jitter)).
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty) for no rows or no columns;
/// [`Error::NonFinite`](crate::Error::NonFinite) for a NaN or infinite entry;
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) unless `1 ≤ k < N`;
/// [`Error::OutOfRange`](crate::Error::OutOfRange) naming the first row with `r_i = 0`;
/// [`Error::Cancelled`](crate::Error::Cancelled) when the calling scope's
/// [`CancelToken`](crate::cancel::CancelToken) is cancelled (checked before every query).
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::kozachenko_leonenko_entropy;
/// use sanov::{Base, Par};
/// // A pseudo-random sample of U(0, 1) (splitmix64 finaliser): H = 0.
/// let u = |i: u64| {
///     let mut z = (i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
///     z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
///     z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
///     ((z ^ (z >> 31)) >> 11) as f64 / 9_007_199_254_740_992.0
/// };
/// let x = Array2::from_shape_fn((1000, 1), |(i, _)| u(i as u64));
/// let h = kozachenko_leonenko_entropy(x.view(), 3, Base::Nats, Par::Seq)?;
/// assert!(h.abs() < 0.1);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// L. F. Kozachenko & N. N. Leonenko, "Sample estimate of the entropy of a random vector",
/// *Problems Inform. Transmission* 23 (1987) 95–101; A. Kraskov, H. Stögbauer &
/// P. Grassberger, *Phys. Rev. E* 69, 066138 (2004), eq. 20.
pub fn kozachenko_leonenko_entropy(
    x: ArrayView2<'_, f64>,
    k: usize,
    base: Base,
    par: Par,
) -> Result<f64> {
    let mut samples = Samples::new(&[(x, "x")], false, Noise::None)?;
    let (n, d) = (samples.n, samples.dim);
    // Rescale by the power of two 2^−e that brings the largest |entry| into [1, 2): exact, so
    // the neighbours and their distances are those of x times 2^−e, and squared distances
    // can neither overflow (x·1e200) nor underflow (x·1e-200); h(x) = h(2^−e x) + d·e·ln 2.
    let e = pow2_exponent(samples.data.iter().fold(0.0f64, |m, v| m.max(v.abs())));
    if e != 0 {
        for v in &mut samples.data {
            *v = scale_pow2(*v, -e);
        }
    }
    check_k(k, n)?;
    let cancel = Checker::current();
    let tree = KdTree::from_rows_checked(samples.data, d, par, &cancel);
    let sum_ln_r = sum_over(n, par, "x", &cancel, |range| {
        let mut part = Partial::default();
        let mut buf = vec![Neighbor::default(); k];
        for pos in range {
            if cancel.is_cancelled() {
                break;
            }
            tree.knn_at(pos, Metric::Euclidean, &mut buf);
            let nb = buf[k - 1];
            if nb.dist >= f64::MIN_POSITIVE {
                part.sum.add(0.5 * nb.dist.ln());
                continue;
            }
            // Underflowed (or zero) square: recompute with scaling.
            let (a, b) = (tree.row(pos), tree.row(nb.pos));
            let m = a
                .iter()
                .zip(b)
                .fold(0.0f64, |m, (u, v)| m.max((u - v).abs()));
            if m == 0.0 {
                part.flag(tree.index_of(pos));
                continue;
            }
            let s: f64 = a.iter().zip(b).map(|(u, v)| ((u - v) / m).powi(2)).sum();
            part.sum.add(m.ln() + 0.5 * s.ln());
        }
        part
    })?;
    let psi = PsiTable::new(n);
    let half_d = d as f64 / 2.0;
    let ln_vd = half_d * core::f64::consts::PI.ln() - ln_gamma(1.0 + half_d);
    let ln_scale = f64::from(e) * core::f64::consts::LN_2;
    let h = psi.get(n) - psi.get(k) + ln_vd + d as f64 * (sum_ln_r / n as f64 + ln_scale);
    Ok(base.from_nats(h))
}
