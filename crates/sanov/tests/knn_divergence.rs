//! k-NN divergence estimators: equal to a brute-force evaluation of their formulas on small
//! samples, consistent with the Gaussian closed forms on large seeded samples, typed errors.

use ndarray::Array2;
use sanov::estimators::{knn_kl_divergence, knn_renyi_divergence};
use sanov::special::ln_gamma;
use sanov::{Base, Error, Par};

/// splitmix64 + Box–Muller: `n` rows of independent N(mu_c, sd_c²) columns.
fn gaussian(n: usize, mu: &[f64], sd: &[f64], seed: u64) -> Array2<f64> {
    let mut s = seed;
    let mut u = move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    Array2::from_shape_fn((n, mu.len()), |(_, c)| {
        let (u1, u2) = (1.0 - u(), u());
        mu[c] + sd[c] * (-2.0 * u1.ln()).sqrt() * (core::f64::consts::TAU * u2).cos()
    })
}

/// The k-th smallest Euclidean distance from row i of `x` to the rows of `pts` (skipping row
/// `skip`), by sorting all distances.
fn kth(x: &Array2<f64>, i: usize, pts: &Array2<f64>, skip: Option<usize>, k: usize) -> f64 {
    let mut d: Vec<f64> = (0..pts.nrows())
        .filter(|&j| Some(j) != skip)
        .map(|j| {
            x.row(i)
                .iter()
                .zip(pts.row(j).iter())
                .map(|(a, b)| (a - b) * (a - b))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    d.sort_by(f64::total_cmp);
    d[k - 1]
}

/// Relative-to-1 tolerance of the brute-force comparison: both sides sum the same `n` terms
/// in different orders and forms (`½ ln r²` vs `ln r`).
const TOL_BRUTE: f64 = 1e-12;

#[test]
fn equal_to_brute_force_formulas() {
    let x = gaussian(120, &[0.0, 0.0, 0.0], &[1.0, 1.0, 1.0], 1);
    let y = gaussian(90, &[0.5, 0.0, -0.3], &[1.5, 0.7, 1.0], 2);
    let (n, m, d) = (120.0f64, 90.0f64, 3.0f64);
    for k in [1usize, 3, 6] {
        let (mut kl, mut terms) = (0.0, Vec::new());
        let alpha = 0.7;
        for i in 0..120 {
            let rho = kth(&x, i, &x, Some(i), k);
            let nu = kth(&x, i, &y, None, k);
            kl += (nu / rho).ln();
            terms.push(((n - 1.0) * rho.powf(d) / (m * nu.powf(d))).powf(1.0 - alpha));
        }
        let want_kl = d * kl / n + (m / (n - 1.0)).ln();
        let kf = k as f64;
        let b =
            (2.0 * ln_gamma(kf) - ln_gamma(kf - alpha + 1.0) - ln_gamma(kf + alpha - 1.0)).exp();
        let want_renyi = (b * terms.iter().sum::<f64>() / n).ln() / (alpha - 1.0);
        for par in [Par::Seq, Par::rayon(3)] {
            let got = knn_kl_divergence(x.view(), y.view(), k, Base::Nats, par).unwrap();
            assert!(
                (got - want_kl).abs() < TOL_BRUTE * want_kl.abs().max(1.0),
                "k={k}: {got} {want_kl}"
            );
            let got = knn_renyi_divergence(x.view(), y.view(), alpha, k, Base::Nats, par).unwrap();
            assert!(
                (got - want_renyi).abs() < TOL_BRUTE * want_renyi.abs().max(1.0),
                "k={k}: {got} {want_renyi}"
            );
        }
    }
}

/// Closed forms for diagonal Gaussians (sums over independent coordinates).
fn kl_closed(mu1: &[f64], s1: &[f64], mu2: &[f64], s2: &[f64]) -> f64 {
    (0..mu1.len())
        .map(|c| {
            (s2[c] / s1[c]).ln()
                + (s1[c].powi(2) + (mu1[c] - mu2[c]).powi(2)) / (2.0 * s2[c].powi(2))
                - 0.5
        })
        .sum()
}

fn renyi_closed(alpha: f64, mu1: &[f64], s1: &[f64], mu2: &[f64], s2: &[f64]) -> f64 {
    (0..mu1.len())
        .map(|c| {
            let (v1, v2) = (s1[c].powi(2), s2[c].powi(2));
            let va = alpha * v2 + (1.0 - alpha) * v1;
            alpha * (mu1[c] - mu2[c]).powi(2) / (2.0 * va)
                - (va / (v1.powf(1.0 - alpha) * v2.powf(alpha))).ln() / (2.0 * (alpha - 1.0))
        })
        .sum()
}

/// Tolerance of the consistency checks at n = m = 20 000, d = 2: the estimators' standard
/// deviation there is about 0.01 nat and their bias a few 0.001; 0.04 nat is four sigma.
const TOL_CONSISTENCY: f64 = 0.04;

#[test]
fn consistent_with_gaussian_closed_forms() {
    let (mu1, s1) = ([0.0, 0.0], [1.0, 1.0]);
    let (mu2, s2) = ([1.0, 0.5], [2f64.sqrt(), 1.2]);
    let x = gaussian(20_000, &mu1, &s1, 11);
    let y = gaussian(20_000, &mu2, &s2, 12);
    let par = Par::rayon(0);
    let kl = knn_kl_divergence(x.view(), y.view(), 5, Base::Nats, par).unwrap();
    let want = kl_closed(&mu1, &s1, &mu2, &s2);
    assert!((kl - want).abs() < TOL_CONSISTENCY, "KL {kl} vs {want}");
    for alpha in [0.5, 0.9, 2.0] {
        let r = knn_renyi_divergence(x.view(), y.view(), alpha, 5, Base::Nats, par).unwrap();
        let want = renyi_closed(alpha, &mu1, &s1, &mu2, &s2);
        assert!(
            (r - want).abs() < TOL_CONSISTENCY,
            "alpha {alpha}: {r} vs {want}"
        );
    }
    // Same distribution: ≈ 0.
    let z = gaussian(20_000, &mu1, &s1, 13);
    let kl0 = knn_kl_divergence(x.view(), z.view(), 5, Base::Nats, par).unwrap();
    assert!(kl0.abs() < TOL_CONSISTENCY / 2.0, "{kl0}");
}

#[test]
fn bad_input_is_a_typed_error() {
    let x = gaussian(10, &[0.0, 0.0], &[1.0, 1.0], 1);
    let y = gaussian(5, &[0.0, 0.0], &[1.0, 1.0], 2);
    let y3 = gaussian(5, &[0.0, 0.0, 0.0], &[1.0, 1.0, 1.0], 2);
    let b = Base::Nats;
    let s = Par::Seq;
    assert!(matches!(
        knn_kl_divergence(x.view(), y3.view(), 1, b, s),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        knn_kl_divergence(x.view(), y.view(), 0, b, s),
        Err(Error::InvalidParameter { name: "k", .. })
    ));
    assert!(matches!(
        knn_kl_divergence(x.view(), y.view(), 6, b, s),
        Err(Error::InvalidParameter { name: "k", .. })
    ));
    assert!(matches!(
        knn_kl_divergence(x.view(), y.view(), 10, b, s),
        Err(Error::InvalidParameter { name: "k", .. })
    ));
    let mut bad = x.clone();
    bad[[3, 1]] = f64::NAN;
    assert!(matches!(
        knn_kl_divergence(bad.view(), y.view(), 1, b, s),
        Err(Error::NonFinite { index: 7, .. })
    ));
    let empty = Array2::<f64>::zeros((0, 2));
    assert!(matches!(
        knn_kl_divergence(empty.view(), y.view(), 1, b, s),
        Err(Error::Empty { .. })
    ));
    // Duplicates: x has a repeated row; y holds x's first row.
    let mut dup = x.clone();
    let r0 = dup.row(0).to_owned();
    dup.row_mut(1).assign(&r0);
    assert!(matches!(
        knn_kl_divergence(dup.view(), y.view(), 1, b, s),
        Err(Error::Duplicates { arg: "x", .. })
    ));
    let mut yy = y.clone();
    yy.row_mut(2).assign(&x.row(4));
    assert!(matches!(
        knn_kl_divergence(x.view(), yy.view(), 1, b, s),
        Err(Error::OutOfRange { index: 4, .. })
    ));
    for alpha in [0.0, 1.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            knn_renyi_divergence(x.view(), y.view(), alpha, 3, b, s),
            Err(Error::InvalidParameter { name: "alpha", .. })
        ));
    }
    assert!(matches!(
        knn_renyi_divergence(x.view(), y.view(), 3.0, 2, b, s),
        Err(Error::InvalidParameter { name: "k", .. })
    ));
}
