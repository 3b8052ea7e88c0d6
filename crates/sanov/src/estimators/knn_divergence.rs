//! k-nearest-neighbour estimators of divergences between two samples: the KL divergence of
//! Wang, Kulkarni & Verdú (2009) / Pérez-Cruz (2008) and the Rényi-α divergence of Póczos &
//! Schneider (2011).

use ndarray::ArrayView2;

use super::knn::{duplicate_error, Noise, Samples};
use crate::error::{Error, Result};
use crate::neighbors::{check_k, for_chunks, KdTree, Metric, Neighbor};
use crate::special::{ln_gamma, logsumexp};
use crate::units::Base;
use crate::Par;

/// The log-distances of the two estimators and the sample sizes.
struct LogRadii {
    /// `ln ρ_i`: the Euclidean distance from `x_i` to its k-th nearest other point of `x`.
    rho: Vec<f64>,
    /// `ln ν_i`: to its k-th nearest point of `y`.
    nu: Vec<f64>,
    n: usize,
    m: usize,
    d: usize,
}

/// [`LogRadii`] of the samples (validated).
fn log_radii(
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    k: usize,
    par: Par,
) -> Result<LogRadii> {
    let sx = Samples::new(&[(x, "x")], false, Noise::None)?;
    let sy = Samples::new(&[(y, "y")], false, Noise::None)?;
    if sx.dim != sy.dim {
        return Err(Error::ShapeMismatch {
            arg: "y",
            expected: vec![sy.n, sx.dim],
            found: vec![sy.n, sy.dim],
        });
    }
    let (n, m, d) = (sx.n, sy.n, sx.dim);
    check_k(k, n)?;
    if k > m {
        return Err(Error::InvalidParameter {
            name: "k",
            value: k as f64,
            expected: "must not exceed the number of samples of y",
        });
    }
    let tx = KdTree::from_rows(sx.data, d, par);
    let ty = KdTree::from_rows(sy.data, d, par);
    let mut out = vec![(0.0f64, 0.0f64); n];
    for_chunks(&mut out, par, |start, slots| {
        let mut buf = vec![Neighbor::default(); k];
        for (t, slot) in slots.iter_mut().enumerate() {
            let pos = tx.position_of(start + t);
            tx.knn_at(pos, Metric::Euclidean, &mut buf);
            let rho2 = buf[k - 1].dist;
            ty.knn_query(tx.row(pos), Metric::Euclidean, &mut buf);
            let nu2 = buf[k - 1].dist;
            *slot = (0.5 * rho2.ln(), 0.5 * nu2.ln());
        }
    });
    if let Some(i) = out.iter().position(|p| p.0 == f64::NEG_INFINITY) {
        return Err(duplicate_error("x", i));
    }
    if let Some(i) = out.iter().position(|p| p.1 == f64::NEG_INFINITY) {
        return Err(Error::OutOfRange {
            arg: "x",
            index: i,
            value: 0.0,
            expected: "the distance to the k-th nearest sample of y must be > 0, but this row of \
                       x coincides with at least k samples of y",
        });
    }
    let (rho, nu): (Vec<f64>, Vec<f64>) = out.into_iter().unzip();
    Ok(LogRadii { rho, nu, n, m, d })
}

/// k-NN estimate of the Kullback–Leibler divergence `D(P ‖ Q)` from samples `x ~ P`
/// (`n × d`) and `y ~ Q` (`m × d`), Wang, Kulkarni & Verdú (2009) with a fixed `k` (the same
/// as Pérez-Cruz 2008):
///
/// $$ \hat D(P\|Q) = \frac{d}{n} \sum_{i=1}^{n} \ln \frac{\nu_k(i)}{\rho_k(i)}
///    + \ln \frac{m}{n - 1}, $$
///
/// `ρ_k(i)` the Euclidean distance from `x_i` to its k-th nearest other sample of `x`,
/// `ν_k(i)` to its k-th nearest sample of `y`. Consistent (mean-square) for `n, m → ∞` at fixed
/// `k`; asymptotically unbiased, with a finite-sample bias that grows with `d` and with the
/// mismatch of the two densities' supports — often negative for well-separated distributions
/// and of order `O(n^{-1/d})` otherwise; larger `k` trades bias for variance. It can be
/// negative. The sum is compensated.
///
/// # Errors
/// [`Error::Empty`], [`Error::NonFinite`]; [`Error::ShapeMismatch`] if the column counts
/// differ; [`Error::InvalidParameter`] unless `1 ≤ k < n` and `k ≤ m`; [`Error::OutOfRange`]
/// for a zero `ρ` (at least `k` duplicates in `x`) or a zero `ν`.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::knn_kl_divergence;
/// use sanov::{Base, Par};
/// // Two samples of U(0, 1)²: D ≈ 0.
/// let mut s = 7u64;
/// let mut u = move || {
///     s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
///     (s >> 11) as f64 / (1u64 << 53) as f64
/// };
/// let x = Array2::from_shape_fn((4000, 2), |_| u());
/// let y = Array2::from_shape_fn((3000, 2), |_| u());
/// let d = knn_kl_divergence(x.view(), y.view(), 5, Base::Nats, Par::Seq)?;
/// assert!(d.abs() < 0.05);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Q. Wang, S. R. Kulkarni & S. Verdú, "Divergence estimation for multidimensional densities
/// via k-nearest-neighbor distances", *IEEE Trans. Inf. Theory* 55, 2392–2405 (2009);
/// F. Pérez-Cruz, "Kullback–Leibler divergence estimation of continuous distributions",
/// *Proc. IEEE ISIT* (2008), 1666–1670.
pub fn knn_kl_divergence(
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    k: usize,
    base: Base,
    par: Par,
) -> Result<f64> {
    let LogRadii {
        rho: lr,
        nu: ln,
        n,
        m,
        d,
    } = log_radii(x, y, k, par)?;
    let mut acc = crate::sum::Neumaier::default();
    for (r, v) in lr.iter().zip(&ln) {
        acc.add(v - r);
    }
    let dk = d as f64 * acc.total() / n as f64 + (m as f64 / (n - 1) as f64).ln();
    Ok(base.from_nats(dk))
}

/// k-NN estimate of the Rényi divergence of order `α` (Póczos & Schneider 2011),
/// `D_α(P‖Q) = 1/(α−1) ln ∫ p^α q^{1−α}`, from samples `x ~ P` (`n × d`) and `y ~ Q`
/// (`m × d`):
///
/// $$ \hat D_\alpha = \frac{1}{\alpha - 1} \ln\Big( \frac{B_{k,\alpha}}{n} \sum_{i=1}^n
///    \Big(\frac{(n-1)\,\rho_k(i)^d}{m\,\nu_k(i)^d}\Big)^{1-\alpha} \Big), \qquad
///    B_{k,\alpha} = \frac{\Gamma(k)^2}{\Gamma(k - \alpha + 1)\,\Gamma(k + \alpha - 1)}, $$
///
/// distances as [`knn_kl_divergence`]. `B` makes the inner mean asymptotically unbiased for
/// `∫ p^α q^{1−α}`; the logarithm then leaves an `O(1/n)` bias (Jensen), and the estimator
/// is consistent as `n, m → ∞` (`L2`-consistent for bounded densities bounded away from 0 on
/// their support). The mean is evaluated by log-sum-exp.
///
/// # Errors
/// As [`knn_kl_divergence`], and [`Error::InvalidParameter`] for `α` not finite, `α ≤ 0`,
/// `α = 1` (use [`knn_kl_divergence`]), or `k ≤ |α − 1|` (`B` undefined).
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::knn_renyi_divergence;
/// use sanov::{Base, Par};
/// let mut s = 7u64;
/// let mut u = move || {
///     s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
///     (s >> 11) as f64 / (1u64 << 53) as f64
/// };
/// let x = Array2::from_shape_fn((4000, 2), |_| u());
/// let y = Array2::from_shape_fn((3000, 2), |_| u());
/// let d = knn_renyi_divergence(x.view(), y.view(), 0.5, 5, Base::Nats, Par::Seq)?;
/// assert!(d.abs() < 0.05);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// B. Póczos & J. Schneider, "On the estimation of α-divergences", *Proc. AISTATS* (2011),
/// JMLR W&CP 15, 609–617.
pub fn knn_renyi_divergence(
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    alpha: f64,
    k: usize,
    base: Base,
    par: Par,
) -> Result<f64> {
    if !(alpha.is_finite() && alpha > 0.0 && alpha != 1.0) {
        return Err(Error::InvalidParameter {
            name: "alpha",
            value: alpha,
            expected: "must be finite, > 0 and != 1",
        });
    }
    if !((k as f64) > (alpha - 1.0).abs()) {
        return Err(Error::InvalidParameter {
            name: "k",
            value: k as f64,
            expected: "must exceed |alpha - 1| (the bias factor B needs Gamma(k - alpha + 1) \
                       and Gamma(k + alpha - 1))",
        });
    }
    let LogRadii {
        rho: lr,
        nu: ln,
        n,
        m,
        d,
    } = log_radii(x, y, k, par)?;
    let c = ((n - 1) as f64).ln() - (m as f64).ln();
    let df = d as f64;
    let terms: Vec<f64> = lr
        .iter()
        .zip(&ln)
        .map(|(r, v)| (1.0 - alpha) * (c + df * (r - v)))
        .collect();
    let ln_mean = logsumexp(&terms)? - (n as f64).ln();
    let kf = k as f64;
    let ln_b = 2.0 * ln_gamma(kf) - ln_gamma(kf - alpha + 1.0) - ln_gamma(kf + alpha - 1.0);
    Ok(base.from_nats((ln_b + ln_mean) / (alpha - 1.0)))
}
