//! sanov's k-NN estimators against the committed brute-force table
//! `tests/data/knn_reference.txt`, written by `scripts/reference/generate_knn.py` (all `N²`
//! pairwise distances in plain floats, digamma sums in mpmath at 30 digits). Also: the
//! duplicate rule, errors, parallel/sequential agreement, the public neighbour queries.

use ndarray::{Array2, ArrayView2};
use sanov::estimators::{
    kozachenko_leonenko_entropy, ksg_conditional_mutual_information, ksg_mutual_information,
    ksg_mutual_information_discrete, KsgAlgorithm, KsgOptions, Noise,
};
use sanov::neighbors::{count_within, kth_neighbor_distances, KdTree, Metric};
use sanov::{Base, Error, Par};

/// The counts and k-th distances are exact (the table is brute force on the same floats), so
/// the only differences are the rounding of `ψ` (≤ 1e-14 relative, see `special::digamma`) and
/// of a compensated sum of `N` terms of size up to `ψ(N)`; the tolerance is absolute,
/// `TOL_KNN · max(1, ψ(N))`, because the estimates are small differences of such terms.
const TOL_KNN: f64 = 1e-12;
/// Sequential and parallel sums differ in summation order only (compensated sums).
const TOL_PAR: f64 = 1e-13;

const TABLE: &str = include_str!("data/knn_reference.txt");

struct Case {
    name: String,
    x: Option<Array2<f64>>,
    y: Option<Array2<f64>>,
    z: Option<Array2<f64>>,
    labels: Vec<i64>,
}

fn matrix(dim: &str, values: &str) -> Array2<f64> {
    let d: usize = dim.parse().unwrap();
    let v: Vec<f64> = values.split(',').map(|s| s.parse().unwrap()).collect();
    Array2::from_shape_vec((v.len() / d, d), v).unwrap()
}

fn close(what: &str, got: f64, want: f64, n: usize) {
    let tol = TOL_KNN * sanov::special::digamma(n as f64).max(1.0);
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, want {want} (diff {:e}, tol {tol:e})",
        got - want
    );
}

fn options(k: usize, std: bool, algorithm: KsgAlgorithm, par: Par) -> KsgOptions {
    KsgOptions {
        k,
        algorithm,
        standardize: std,
        par,
        ..Default::default()
    }
}

fn view(a: Option<&Array2<f64>>) -> ArrayView2<'_, f64> {
    a.expect("table case lacks a matrix").view()
}

#[test]
fn estimators_match_brute_force_table() {
    let mut case = Case {
        name: String::new(),
        x: None,
        y: None,
        z: None,
        labels: Vec::new(),
    };
    let mut checked = 0;
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f[0] {
            "case" => {
                case = Case {
                    name: f[1].to_string(),
                    x: None,
                    y: None,
                    z: None,
                    labels: Vec::new(),
                };
            }
            "x" => case.x = Some(matrix(f[1], f[2])),
            "y" => case.y = Some(matrix(f[1], f[2])),
            "z" => case.z = Some(matrix(f[1], f[2])),
            "labels" => case.labels = f[1].split(',').map(|s| s.parse().unwrap()).collect(),
            tag => {
                let k: usize = f[1].parse().unwrap();
                let std = f[2] == "1";
                let want: f64 = f[3].parse().unwrap();
                let x = view(case.x.as_ref());
                let n = x.nrows();
                let what = format!("{} {tag} k={k} std={std}", case.name);
                for par in [Par::Seq, Par::rayon(3)] {
                    let got = match tag {
                        "ksg1" | "ksg2" => {
                            let alg = if tag == "ksg1" {
                                KsgAlgorithm::One
                            } else {
                                KsgAlgorithm::Two
                            };
                            ksg_mutual_information(
                                x,
                                view(case.y.as_ref()),
                                &options(k, std, alg, par),
                            )
                            .unwrap()
                        }
                        "kl" => kozachenko_leonenko_entropy(x, k, Base::Nats, par).unwrap(),
                        "ross" => ksg_mutual_information_discrete(
                            x,
                            &case.labels,
                            &options(k, std, KsgAlgorithm::One, par),
                        )
                        .unwrap(),
                        "cmi" => ksg_conditional_mutual_information(
                            x,
                            view(case.y.as_ref()),
                            view(case.z.as_ref()),
                            &options(k, std, KsgAlgorithm::One, par),
                        )
                        .unwrap(),
                        _ => panic!("unknown tag {tag}"),
                    };
                    close(&format!("{what} {par:?}"), got, want, n);
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 61, "number of reference values");
}

/// A small correlated sample (splitmix64 + Box–Muller).
fn gaussian_pair(n: usize, rho: f64, seed: u64) -> (Array2<f64>, Array2<f64>) {
    let mut s = seed;
    let mut u = move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / 9_007_199_254_740_992.0
    };
    let mut x = Array2::zeros((n, 1));
    let mut y = Array2::zeros((n, 1));
    for i in 0..n {
        let r = (-2.0 * (1.0 - u()).ln()).sqrt();
        let t = core::f64::consts::TAU * u();
        let (a, b) = (r * t.cos(), r * t.sin());
        x[[i, 0]] = a;
        y[[i, 0]] = rho * a + (1.0 - rho * rho).sqrt() * b;
    }
    (x, y)
}

#[test]
fn duplicates_are_an_error_or_jittered() {
    // Row 2 repeated 3 times: with k = 3 rows 2, 4, 6, 8 have 3 duplicates each.
    let (mut x, mut y) = gaussian_pair(50, 0.5, 1);
    for r in [4, 6, 8] {
        x[[r, 0]] = x[[2, 0]];
        y[[r, 0]] = y[[2, 0]];
    }
    let o = KsgOptions::default();
    let e = ksg_mutual_information(x.view(), y.view(), &o).unwrap_err();
    assert!(
        matches!(e, Error::Duplicates { row: 2, .. }),
        "smallest duplicate row: {e:?}"
    );
    for par in [Par::Seq, Par::rayon(4)] {
        let e = ksg_mutual_information(x.view(), y.view(), &KsgOptions { par, ..o }).unwrap_err();
        assert!(matches!(e, Error::Duplicates { row: 2, .. }));
    }
    // k = 4 > 3 duplicates: fine.
    let v = ksg_mutual_information(x.view(), y.view(), &KsgOptions { k: 4, ..o }).unwrap();
    assert!(v.is_finite());
    // Jitter breaks the ties, reproducibly.
    let j = KsgOptions {
        noise: Noise::Jitter {
            scale: 1e-10,
            seed: 0,
        },
        ..o
    };
    let a = ksg_mutual_information(x.view(), y.view(), &j).unwrap();
    let b = ksg_mutual_information(x.view(), y.view(), &j).unwrap();
    assert!(a.is_finite());
    assert_eq!(a, b);
    // Kozachenko–Leonenko, CMI and Ross: same rule.
    assert!(matches!(
        kozachenko_leonenko_entropy(x.view(), 3, Base::Nats, Par::Seq),
        Err(Error::Duplicates { row: 2, .. })
    ));
    assert!(matches!(
        ksg_conditional_mutual_information(x.view(), y.view(), x.view(), &o),
        Err(Error::Duplicates { row: 2, .. })
    ));
    let labels = vec![0i64; 50];
    assert!(matches!(
        ksg_mutual_information_discrete(x.view(), &labels, &o),
        Err(Error::Duplicates { row: 2, .. })
    ));
}

#[test]
fn invalid_input_is_a_typed_error() {
    let (x, y) = gaussian_pair(20, 0.5, 2);
    let o = KsgOptions::default();
    let short = x.slice(ndarray::s![..10, ..]);
    assert!(matches!(
        ksg_mutual_information(short, y.view(), &o),
        Err(Error::LengthMismatch {
            left: 10,
            right: 20,
            ..
        })
    ));
    let empty = Array2::<f64>::zeros((0, 1));
    assert!(matches!(
        ksg_mutual_information(empty.view(), empty.view(), &o),
        Err(Error::Empty { arg: "x" })
    ));
    let mut bad = x.clone();
    bad[[7, 0]] = f64::NAN;
    assert!(matches!(
        ksg_mutual_information(x.view(), bad.view(), &o),
        Err(Error::NonFinite {
            arg: "y",
            index: 7,
            ..
        })
    ));
    for k in [0, 20, 21] {
        assert!(matches!(
            ksg_mutual_information(x.view(), y.view(), &KsgOptions { k, ..o }),
            Err(Error::InvalidParameter { name: "k", .. })
        ));
        assert!(matches!(
            kozachenko_leonenko_entropy(x.view(), k, Base::Nats, Par::Seq),
            Err(Error::InvalidParameter { name: "k", .. })
        ));
    }
    // k = N − 1 is allowed.
    assert!(ksg_mutual_information(x.view(), y.view(), &KsgOptions { k: 19, ..o }).is_ok());
    let two = KsgOptions {
        algorithm: KsgAlgorithm::Two,
        ..o
    };
    assert!(matches!(
        ksg_conditional_mutual_information(x.view(), y.view(), x.view(), &two),
        Err(Error::InvalidParameter {
            name: "algorithm",
            ..
        })
    ));
    let labels: Vec<i64> = (0..20).collect();
    assert!(matches!(
        ksg_mutual_information_discrete(x.view(), &labels, &o),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        ksg_mutual_information_discrete(x.view(), &labels[..5], &o),
        Err(Error::LengthMismatch { .. })
    ));
    let j = KsgOptions {
        noise: Noise::Jitter {
            scale: -1.0,
            seed: 0,
        },
        ..o
    };
    assert!(matches!(
        ksg_mutual_information(x.view(), y.view(), &j),
        Err(Error::InvalidParameter { .. })
    ));
}

#[test]
fn clip_and_base() {
    // Independent: the raw estimate of this sample is negative.
    let (x, _) = gaussian_pair(400, 0.0, 3);
    let (y, _) = gaussian_pair(400, 0.0, 4);
    let o = KsgOptions::default();
    let raw = ksg_mutual_information(x.view(), y.view(), &o).unwrap();
    let clipped = ksg_mutual_information(
        x.view(),
        y.view(),
        &KsgOptions {
            clip_negative: true,
            ..o
        },
    )
    .unwrap();
    assert_eq!(clipped, raw.max(0.0));
    let (x, y) = gaussian_pair(400, 0.8, 5);
    let nats = ksg_mutual_information(x.view(), y.view(), &o).unwrap();
    let bits = ksg_mutual_information(
        x.view(),
        y.view(),
        &KsgOptions {
            base: Base::Bits,
            ..o
        },
    )
    .unwrap();
    assert!((bits - nats / core::f64::consts::LN_2).abs() <= 1e-15 * nats.abs().max(1.0));
}

#[test]
fn parallel_matches_sequential_on_larger_samples() {
    let (x, y) = gaussian_pair(20_000, 0.6, 6);
    for alg in [KsgAlgorithm::One, KsgAlgorithm::Two] {
        let a =
            ksg_mutual_information(x.view(), y.view(), &options(3, false, alg, Par::Seq)).unwrap();
        let b = ksg_mutual_information(x.view(), y.view(), &options(3, false, alg, Par::rayon(4)))
            .unwrap();
        assert!((a - b).abs() <= TOL_PAR, "{alg:?}: {a} vs {b}");
        // ρ = 0.6: I = −½ ln(1 − ρ²) = 0.2231; KSG at N = 2e4 is within a few hundredths.
        assert!((a - 0.223_143_551_314_209_7).abs() < 0.03, "{alg:?}: {a}");
    }
}

#[test]
fn neighbor_queries() {
    let p = ndarray::array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [2.0, 2.0], [1.0, 1.0]];
    let d = kth_neighbor_distances(p.view(), 2, Metric::Euclidean, Par::Seq).unwrap();
    assert_eq!(d, vec![1.0, 1.0, 1.0, 5f64.sqrt(), 1.0]);
    let d = kth_neighbor_distances(p.view(), 4, Metric::Chebyshev, Par::rayon(2)).unwrap();
    assert_eq!(d, vec![2.0, 2.0, 2.0, 2.0, 1.0]);
    let c = count_within(
        p.view(),
        p.view(),
        &[1.0, 1.5, 0.0, 2.0, 1.0],
        Metric::Chebyshev,
        Par::Seq,
    )
    .unwrap();
    assert_eq!(c, vec![1, 4, 0, 2, 1]);
    let t = KdTree::new(p.view()).unwrap();
    assert_eq!(
        t.k_nearest(4, 4, Metric::Chebyshev).unwrap(),
        vec![(0, 1.0), (1, 1.0), (2, 1.0), (3, 1.0)]
    );
    assert!(matches!(
        t.k_nearest(5, 1, Metric::Chebyshev),
        Err(Error::IndexOutOfRange { .. })
    ));
    assert!(matches!(
        t.count_strictly_within(&[0.0], 1.0, Metric::Chebyshev),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        count_within(p.view(), p.view(), &[1.0], Metric::Chebyshev, Par::Seq),
        Err(Error::LengthMismatch { .. })
    ));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Identities between separately computed estimates: same counts, summation order
    /// possibly different (compensated sums of terms up to ψ(N) ≈ 4).
    const TOL_IDENTITY: f64 = 1e-13;

    fn sample() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
        (8usize..60).prop_flat_map(|n| {
            (
                proptest::collection::vec(-10.0f64..10.0, n * 2),
                proptest::collection::vec(-10.0f64..10.0, n),
            )
                .prop_map(move |(a, b)| {
                    (
                        Array2::from_shape_vec((n, 2), a).unwrap(),
                        Array2::from_shape_vec((n, 1), b).unwrap(),
                    )
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// I(X;Y) = I(Y;X) and the estimate does not depend on the order of the rows.
        #[test]
        fn ksg_symmetric_and_permutation_invariant((x, y) in sample(), k in 1usize..5, two in any::<bool>()) {
            let alg = if two { KsgAlgorithm::Two } else { KsgAlgorithm::One };
            let o = options(k.min(x.nrows() - 1), false, alg, Par::Seq);
            let a = ksg_mutual_information(x.view(), y.view(), &o);
            let b = ksg_mutual_information(y.view(), x.view(), &o);
            let n = x.nrows();
            let perm: Vec<usize> = (0..n).map(|i| (2 * n - 1 - i + 3) % n).collect();
            let (xp, yp) = (x.select(ndarray::Axis(0), &perm), y.select(ndarray::Axis(0), &perm));
            let c = ksg_mutual_information(xp.view(), yp.view(), &o);
            match (a, b, c) {
                (Ok(a), Ok(b), Ok(c)) => {
                    prop_assert!((a - b).abs() <= TOL_IDENTITY, "{} vs {}", a, b);
                    // Algorithm 2 breaks distance ties by row index, which a permutation
                    // changes; with continuous data ties have probability 0.
                    prop_assert!((a - c).abs() <= TOL_IDENTITY, "{} vs {}", a, c);
                }
                (Err(_), Err(_), Err(_)) => {}
                other => prop_assert!(false, "inconsistent results {:?}", other),
            }
        }

        /// Scaling both variables by a power of two is exact in floating point: KSG is unchanged
        /// bit for bit
        /// and Kozachenko–Leonenko shifts by exactly d·m·ln 2 (up to the final additions).
        #[test]
        fn power_of_two_scaling((x, y) in sample(), m in -20i32..20, k in 1usize..4) {
            let k = k.min(x.nrows() - 1);
            let s = 2f64.powi(m);
            let o = options(k, false, KsgAlgorithm::One, Par::Seq);
            let a = ksg_mutual_information(x.view(), y.view(), &o);
            let b = ksg_mutual_information((&x * s).view(), (&y * s).view(), &o);
            prop_assert_eq!(a, b);
            let h = kozachenko_leonenko_entropy(x.view(), k, Base::Nats, Par::Seq);
            let hs = kozachenko_leonenko_entropy((&x * s).view(), k, Base::Nats, Par::Seq);
            if let (Ok(h), Ok(hs)) = (h, hs) {
                let want = h + 2.0 * f64::from(m) * core::f64::consts::LN_2;
                prop_assert!((hs - want).abs() <= TOL_IDENTITY * want.abs().max(1.0), "{} vs {}", hs, want);
            }
        }
    }
}

/// Values on a lattice (ties in each coordinate, a few exact duplicate pairs), from
/// splitmix64.
fn lattice(n: usize, levels: f64, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let u = ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64;
            (u * levels).floor() * 0.125 - 1.0
        })
        .collect()
}

/// The one-dimensional fast paths (the planar grid of KSG with 1-D `x` and `y`, the sorted
/// path of Ross's estimator with 1-D `x`) against the same estimators assembled from the
/// public k-d tree queries (`kth_neighbor_distances`, `count_within`), on tied data: the
/// counts and distances are equal, so the estimates agree to the rounding of the sums.
#[test]
fn one_dimensional_fast_paths_match_the_tree() {
    use sanov::special::digamma;
    let n = 3000;
    let x = lattice(n, 1000.0, 5);
    let y: Vec<f64> = lattice(n, 800.0, 9)
        .iter()
        .zip(&x)
        .map(|(e, a)| 0.5 * a + e)
        .collect();
    let xa = Array2::from_shape_vec((n, 1), x.clone()).unwrap();
    let ya = Array2::from_shape_vec((n, 1), y.clone()).unwrap();
    let xy = Array2::from_shape_fn((n, 2), |(i, c)| if c == 0 { x[i] } else { y[i] });
    for k in [2, 3, 6] {
        // KSG algorithm 1.
        let eps = kth_neighbor_distances(xy.view(), k, Metric::Chebyshev, Par::Seq).unwrap();
        assert!(
            eps.iter().all(|&e| e > 0.0),
            "the lattice has no k-fold duplicates"
        );
        let nx = count_within(xa.view(), xa.view(), &eps, Metric::Chebyshev, Par::Seq).unwrap();
        let ny = count_within(ya.view(), ya.view(), &eps, Metric::Chebyshev, Par::Seq).unwrap();
        // count_within counts the point itself: n_x + 1 = nx.
        let mean: f64 = (0..n)
            .map(|i| digamma(nx[i] as f64) + digamma(ny[i] as f64))
            .sum::<f64>()
            / n as f64;
        let want = digamma(k as f64) + digamma(n as f64) - mean;
        for par in [Par::Seq, Par::rayon(2)] {
            let got = ksg_mutual_information(
                xa.view(),
                ya.view(),
                &options(k, false, KsgAlgorithm::One, par),
            )
            .unwrap();
            close(&format!("ksg k={k}"), got, want, n);
        }
        // Ross's estimator with three labels of unequal frequency, on a finer lattice (no
        // value thrice in a class).
        let x = lattice(n, 1e5, 13);
        let xa = Array2::from_shape_vec((n, 1), x.clone()).unwrap();
        let labels: Vec<i64> = (0..n).map(|i| [0, 0, 0, 1, 1, 2][i % 6]).collect();
        let mut d = vec![0.0; n];
        let mut n_c = vec![0usize; n];
        for c in 0..3 {
            let rows: Vec<usize> = (0..n).filter(|&i| labels[i] == c).collect();
            let pts = Array2::from_shape_fn((rows.len(), 1), |(t, _)| x[rows[t]]);
            let kc = k.min(rows.len() - 1);
            let dc = kth_neighbor_distances(pts.view(), kc, Metric::Chebyshev, Par::Seq).unwrap();
            for (t, &i) in rows.iter().enumerate() {
                d[i] = dc[t];
                n_c[i] = rows.len();
            }
        }
        let m = count_within(xa.view(), xa.view(), &d, Metric::Chebyshev, Par::Seq).unwrap();
        let mean: f64 = (0..n)
            .map(|i| digamma(k as f64) - digamma(n_c[i] as f64) - digamma(m[i] as f64))
            .sum::<f64>()
            / n as f64;
        let want = digamma(n as f64) + mean;
        for par in [Par::Seq, Par::rayon(2)] {
            let got = ksg_mutual_information_discrete(
                xa.view(),
                &labels,
                &options(k, false, KsgAlgorithm::One, par),
            )
            .unwrap();
            close(&format!("ross k={k}"), got, want, n);
        }
    }
}
