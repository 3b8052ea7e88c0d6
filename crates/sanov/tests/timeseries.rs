//! Discrete time-series measures against the exact table of
//! `scripts/reference/generate_timeseries.py` (fractions + mpmath), properties, and the typed
//! errors of every bad input.

use ndarray::{Array2, ArrayView2};
use sanov::estimators::{DiscreteEstimator, KsgOptions, NsbOptions};
use sanov::timeseries::{
    active_information_storage, block_entropy, conditional_transfer_entropy, entropy_rate,
    ksg_active_information_storage, ksg_conditional_transfer_entropy, ksg_transfer_entropy,
    lempel_ziv_complexity, permutation_entropy, transfer_entropy, TeParams,
};
use sanov::{Base, Error};

const TABLE: &str = include_str!("data/timeseries.txt");

/// Absolute tolerance against the exact values: every quantity is a sum of terms
/// `p · ln(ratio)` with `p ≤ 1` and `|ln| ≤ ln N² < 20`, each term within a few ulps, so the
/// rounding of the whole stays below ~50 ulps of 1; 1e-13 catches any convention error (an
/// off-by-one in `t0` changes the values at 1e-3).
const TOL_TS: f64 = 1e-13;

fn col(v: &[i64]) -> Array2<i64> {
    Array2::from_shape_vec((v.len(), 1), v.to_vec()).unwrap()
}

fn ints(s: &str) -> Vec<i64> {
    s.split(',').map(|v| v.parse().unwrap()).collect()
}

fn check(what: &str, got: f64, want: f64) {
    assert!(
        (got - want).abs() <= TOL_TS,
        "{what}: got {got}, want {want} (diff {:e})",
        got - want
    );
}

fn p(k: usize, l: usize, delay: usize, m: usize) -> TeParams {
    TeParams { k, l, delay, m }
}

#[test]
#[allow(clippy::too_many_lines)]
fn discrete_measures_match_exact_table() {
    let plug = DiscreteEstimator::PlugIn;
    let nats = Base::Nats;
    let (mut x, mut y, mut z) = (Vec::new(), Vec::new(), Vec::new());
    let mut v: Vec<f64> = Vec::new();
    let mut name = String::new();
    let (mut checked, mut peers) = (0, 0);
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        let num = |i: usize| -> usize { f[i].parse().unwrap() };
        let want = || -> f64 {
            let at = if matches!(f[0], "te" | "te_mm") {
                4
            } else {
                f.len() - 1
            };
            f[at].parse().unwrap()
        };
        // infomeasure's value (delay 1), checked at the same tolerance.
        let peer = || -> f64 { f.get(5).map_or(f64::NAN, |v| v.parse().unwrap()) };
        let what = format!("{name}: {line}");
        let (xa, ya, za) = (col(&x), col(&y), col(&z));
        match f[0] {
            "case" => {
                name = f[1].to_string();
                continue;
            }
            "x" => x = ints(f[1]),
            "y" => y = ints(f[1]),
            "z" => z = ints(f[1]),
            "v" => v = f[1].split(',').map(|s| s.parse().unwrap()).collect(),
            "te" => {
                let got = transfer_entropy(
                    ya.view(),
                    xa.view(),
                    &p(num(1), num(2), num(3), 1),
                    &plug,
                    nats,
                )
                .unwrap();
                check(&what, got, want());
                if !peer().is_nan() {
                    check(&what, got, peer());
                    peers += 1;
                }
                // Bits are nats / ln 2.
                let bits = transfer_entropy(
                    ya.view(),
                    xa.view(),
                    &p(num(1), num(2), num(3), 1),
                    &plug,
                    Base::Bits,
                )
                .unwrap();
                check(&what, bits, want() / core::f64::consts::LN_2);
            }
            "te_mm" => {
                let got = transfer_entropy(
                    ya.view(),
                    xa.view(),
                    &p(num(1), num(2), num(3), 1),
                    &DiscreteEstimator::MillerMadow,
                    nats,
                )
                .unwrap();
                check(&what, got, want());
                if !peer().is_nan() {
                    check(&what, got, peer());
                    peers += 1;
                }
            }
            "cte" => {
                let got = conditional_transfer_entropy(
                    ya.view(),
                    xa.view(),
                    za.view(),
                    &p(num(1), num(2), num(3), num(4)),
                    &plug,
                    nats,
                )
                .unwrap();
                check(&what, got, want());
            }
            "ais" => check(
                &what,
                active_information_storage(xa.view(), num(1), &plug, nats).unwrap(),
                want(),
            ),
            "block" => check(
                &what,
                block_entropy(xa.view(), num(1), &plug, nats).unwrap(),
                want(),
            ),
            "rate" => check(
                &what,
                entropy_rate(xa.view(), num(1), &plug, nats).unwrap(),
                want(),
            ),
            "lz" => {
                let lz = lempel_ziv_complexity(xa.view()).unwrap();
                assert_eq!(lz.phrases, num(1), "{what}");
                check(&what, lz.normalized, want());
            }
            "lzseq" => {
                let s: Vec<i64> = f[1].bytes().map(|b| i64::from(b - b'0')).collect();
                let lz = lempel_ziv_complexity(col(&s).view()).unwrap();
                assert_eq!(lz.phrases, num(2), "{what}");
                check(&what, lz.normalized, want());
            }
            "te_xz_target" => {
                let xz =
                    Array2::from_shape_fn((x.len(), 2), |(t, c)| if c == 0 { x[t] } else { z[t] });
                let got = transfer_entropy(
                    ya.view(),
                    xz.view(),
                    &p(num(1), num(2), num(3), 1),
                    &plug,
                    nats,
                )
                .unwrap();
                check(&what, got, want());
            }
            "block_yz" => {
                let yz =
                    Array2::from_shape_fn((y.len(), 2), |(t, c)| if c == 0 { y[t] } else { z[t] });
                check(
                    &what,
                    block_entropy(yz.view(), num(1), &plug, nats).unwrap(),
                    want(),
                );
            }
            "pe" | "pe_norm" => {
                let va = Array2::from_shape_vec((v.len(), 1), v.clone()).unwrap();
                let got = permutation_entropy(va.view(), num(1), num(2), f[0] == "pe_norm", nats)
                    .unwrap();
                check(&what, got, want());
            }
            tag => panic!("unknown tag {tag}"),
        }
        if !matches!(f[0], "x" | "y" | "z" | "v") {
            checked += 1;
        }
    }
    assert_eq!((checked, peers), (185, 30), "number of reference values");
}

fn lcg_series(n: usize, alphabet: u64, seed: u64) -> Vec<i64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((s >> 33) % alphabet) as i64
        })
        .collect()
}

#[test]
fn identities_and_estimators() {
    let y = lcg_series(500, 3, 1);
    let x: Vec<i64> = (0..500)
        .map(|t| if t == 0 { 0 } else { y[t - 1] })
        .collect();
    let (xa, ya) = (col(&x), col(&y));
    let plug = DiscreteEstimator::PlugIn;
    // A noiseless copy: TE = H(Y_{t-1} | X_{t-1}) = H(Y_{t-1} | Y_{t-2}) ≈ ln 3.
    let te = transfer_entropy(
        ya.view(),
        xa.view(),
        &TeParams::default(),
        &plug,
        Base::Nats,
    )
    .unwrap();
    assert!((te - 3f64.ln()).abs() < 0.05, "{te}");
    // TE_{Y→X} with k history equals CTE conditioned on a constant series.
    let zeros = col(&vec![0; 500]);
    let cte = conditional_transfer_entropy(
        ya.view(),
        xa.view(),
        zeros.view(),
        &TeParams::default(),
        &plug,
        Base::Nats,
    )
    .unwrap();
    assert!((te - cte).abs() < TOL_TS);
    // Bias-corrected forms run and differ from the plug-in by their corrections.
    let mm = transfer_entropy(
        ya.view(),
        xa.view(),
        &TeParams::default(),
        &DiscreteEstimator::MillerMadow,
        Base::Nats,
    )
    .unwrap();
    assert!((mm - te).abs() < 0.05);
    let nsb = transfer_entropy(
        ya.view(),
        xa.view(),
        &TeParams::default(),
        &DiscreteEstimator::Nsb(NsbOptions {
            alphabet_size: 3,
            ..Default::default()
        }),
        Base::Nats,
    )
    .unwrap();
    assert!((nsb - te).abs() < 0.1, "nsb {nsb} plug-in {te}");
    // Entropy rate of an i.i.d. series ≈ H_1; AIS ≈ 0.
    let h1 = block_entropy(ya.view(), 1, &plug, Base::Nats).unwrap();
    let h3 = entropy_rate(ya.view(), 2, &plug, Base::Nats).unwrap();
    assert!((h1 - h3).abs() < 0.05);
    let a = active_information_storage(ya.view(), 1, &plug, Base::Nats).unwrap();
    assert!((0.0..0.05).contains(&a));
}

#[test]
fn ksg_measures_are_conditional_mi_of_the_embedding() {
    use sanov::estimators::{ksg_conditional_mutual_information, ksg_mutual_information};
    let n = 300;
    let y: Vec<f64> = lcg_series(n, 1 << 20, 5)
        .iter()
        .map(|&v| v as f64 / 1e6)
        .collect();
    let z: Vec<f64> = lcg_series(n, 1 << 20, 9)
        .iter()
        .map(|&v| v as f64 / 1e6)
        .collect();
    let x: Vec<f64> = (0..n)
        .map(|t| {
            if t < 2 {
                0.3 + t as f64 * 0.1
            } else {
                y[t - 2] + 0.3 * z[t - 1] + 0.01 * y[t]
            }
        })
        .collect();
    let (xa, ya, za) = (
        Array2::from_shape_vec((n, 1), x.clone()).unwrap(),
        Array2::from_shape_vec((n, 1), y.clone()).unwrap(),
        Array2::from_shape_vec((n, 1), z.clone()).unwrap(),
    );
    let o = KsgOptions {
        k: 4,
        ..Default::default()
    };
    let params = TeParams {
        k: 2,
        l: 2,
        delay: 2,
        m: 1,
    };
    let t0 = 3;
    let emb = |s: &[f64], lo: usize, len: usize| {
        Array2::from_shape_fn((n - t0, len), |(r, c)| s[t0 + r - lo - c])
    };
    let te = ksg_transfer_entropy(ya.view(), xa.view(), &params, &o).unwrap();
    let want = ksg_conditional_mutual_information(
        emb(&x, 0, 1).view(),
        emb(&y, 2, 2).view(),
        emb(&x, 1, 2).view(),
        &o,
    )
    .unwrap();
    assert_eq!(te.to_bits(), want.to_bits());
    assert!(te > 0.5, "{te}");
    let cte =
        ksg_conditional_transfer_entropy(ya.view(), xa.view(), za.view(), &params, &o).unwrap();
    let mut cond = emb(&x, 1, 2);
    cond.push_column(emb(&z, 1, 1).column(0)).unwrap();
    let want = ksg_conditional_mutual_information(
        emb(&x, 0, 1).view(),
        emb(&y, 2, 2).view(),
        cond.view(),
        &o,
    )
    .unwrap();
    assert_eq!(cte.to_bits(), want.to_bits());
    let ais = ksg_active_information_storage(xa.view(), 2, &o).unwrap();
    let t0 = 2;
    let emb2 =
        |lo: usize, len: usize| Array2::from_shape_fn((n - t0, len), |(r, c)| x[t0 + r - lo - c]);
    let want = ksg_mutual_information(emb2(1, 2).view(), emb2(0, 1).view(), &o).unwrap();
    assert_eq!(ais.to_bits(), want.to_bits());
}

fn is_param(e: &Error, want: &str) -> bool {
    matches!(e, Error::InvalidParameter { name, .. } if *name == want)
}

#[test]
fn bad_input_is_a_typed_error() {
    let plug = DiscreteEstimator::PlugIn;
    let b = Base::Nats;
    let x = col(&[0, 1, 0, 1, 1]);
    let y = col(&[1, 1, 0, 0, 1]);
    let short = col(&[0, 1, 0]);
    let neg = col(&[0, 1, -2, 1, 1]);
    let empty = Array2::<i64>::zeros((0, 1));
    let te = |s: ArrayView2<'_, i64>, t: ArrayView2<'_, i64>, p: TeParams| {
        transfer_entropy(s, t, &p, &plug, b).unwrap_err()
    };
    assert!(is_param(&te(y.view(), x.view(), p(0, 1, 1, 1)), "k"));
    assert!(is_param(&te(y.view(), x.view(), p(1, 0, 1, 1)), "l"));
    assert!(is_param(&te(y.view(), x.view(), p(1, 1, 0, 1)), "delay"));
    assert!(is_param(
        &te(y.view(), x.view(), p(5, 1, 1, 1)),
        "series length"
    ));
    assert!(is_param(
        &te(y.view(), x.view(), p(1, 3, 3, 1)),
        "series length"
    ));
    assert!(matches!(
        te(short.view(), x.view(), p(1, 1, 1, 1)),
        Error::LengthMismatch {
            left: 3,
            right: 5,
            ..
        }
    ));
    assert!(matches!(
        te(neg.view(), x.view(), p(1, 1, 1, 1)),
        Error::OutOfRange {
            arg: "source",
            index: 2,
            ..
        }
    ));
    assert!(matches!(
        te(empty.view(), x.view(), p(1, 1, 1, 1)),
        Error::Empty { .. }
    ));
    let cte =
        conditional_transfer_entropy(y.view(), x.view(), short.view(), &p(1, 1, 1, 1), &plug, b);
    assert!(matches!(cte, Err(Error::LengthMismatch { .. })));
    let cte = conditional_transfer_entropy(y.view(), x.view(), x.view(), &p(1, 1, 1, 0), &plug, b);
    assert!(is_param(&cte.unwrap_err(), "m"));
    assert!(is_param(
        &active_information_storage(x.view(), 0, &plug, b).unwrap_err(),
        "k"
    ));
    assert!(is_param(
        &active_information_storage(x.view(), 5, &plug, b).unwrap_err(),
        "series length"
    ));
    assert!(is_param(
        &block_entropy(x.view(), 0, &plug, b).unwrap_err(),
        "block length"
    ));
    assert!(is_param(
        &block_entropy(x.view(), 6, &plug, b).unwrap_err(),
        "series length"
    ));
    assert!(block_entropy(x.view(), 5, &plug, b).is_ok());
    assert!(matches!(
        lempel_ziv_complexity(neg.view()),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        lempel_ziv_complexity(empty.view()),
        Err(Error::Empty { .. })
    ));
    // Real series: NaN, order, delay, length, shape.
    let v = Array2::from_shape_vec((5, 1), vec![0.0, 1.0, f64::NAN, 2.0, 3.0]).unwrap();
    assert!(matches!(
        permutation_entropy(v.view(), 3, 1, false, b),
        Err(Error::NonFinite { index: 2, .. })
    ));
    let w = Array2::from_shape_vec((5, 1), vec![0.0, 1.0, 0.5, 2.0, 3.0]).unwrap();
    assert!(is_param(
        &permutation_entropy(w.view(), 1, 1, false, b).unwrap_err(),
        "order"
    ));
    assert!(is_param(
        &permutation_entropy(w.view(), 3, 0, false, b).unwrap_err(),
        "delay"
    ));
    assert!(is_param(
        &permutation_entropy(w.view(), 3, 3, false, b).unwrap_err(),
        "series length"
    ));
    let two = Array2::<f64>::zeros((5, 2));
    assert!(matches!(
        permutation_entropy(two.view(), 2, 1, false, b),
        Err(Error::ShapeMismatch { .. })
    ));
    let o = KsgOptions::default();
    let tp = TeParams::default();
    assert!(matches!(
        ksg_transfer_entropy(v.view(), w.view(), &tp, &o),
        Err(Error::NonFinite {
            arg: "source",
            index: 2,
            ..
        })
    ));
    let w4 = Array2::<f64>::zeros((4, 1));
    assert!(matches!(
        ksg_transfer_entropy(w4.view(), w.view(), &tp, &o),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(is_param(
        &ksg_transfer_entropy(w.view(), w.view(), &p(0, 1, 1, 1), &o).unwrap_err(),
        "k"
    ));
    assert!(is_param(
        &ksg_conditional_transfer_entropy(w.view(), w.view(), w.view(), &p(1, 1, 1, 9), &o)
            .unwrap_err(),
        "series length"
    ));
    assert!(is_param(
        &ksg_active_information_storage(w.view(), 0, &o).unwrap_err(),
        "k"
    ));
}

const KNN_TABLE: &str = include_str!("data/timeseries_knn.txt");

/// KSG values against the brute-force mpmath table: the counts are exact, the digamma sums
/// carry a few ulps of `ψ(N)` (as `TOL_KNN` in estimators_knn.rs). The infomeasure column
/// (SciPy digamma, NumPy mean) agrees to the same order.
const TOL_KSG_TS: f64 = 1e-13;

#[test]
fn ksg_measures_match_brute_force_and_infomeasure() {
    let f64s = |s: &str| -> Array2<f64> {
        let v: Vec<f64> = s.split(',').map(|t| t.parse().unwrap()).collect();
        Array2::from_shape_vec((v.len(), 1), v).unwrap()
    };
    let (mut x, mut y, mut z) = (
        Array2::zeros((0, 1)),
        Array2::zeros((0, 1)),
        Array2::zeros((0, 1)),
    );
    let (mut checked, mut peers) = (0, 0);
    for line in KNN_TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        let u = |i: usize| -> usize { f[i].parse().unwrap() };
        let close = |got: f64, want: f64| {
            assert!(
                (got - want).abs() <= TOL_KSG_TS,
                "{line}: got {got}, want {want}"
            );
        };
        match f[0] {
            "case" => {}
            "x" => x = f64s(f[1]),
            "y" => y = f64s(f[1]),
            "z" => z = f64s(f[1]),
            "te" => {
                let o = KsgOptions {
                    k: u(1),
                    par: sanov::Par::rayon(2),
                    ..Default::default()
                };
                let got =
                    ksg_transfer_entropy(y.view(), x.view(), &p(u(2), u(3), u(4), 1), &o).unwrap();
                close(got, f[5].parse().unwrap());
                let peer: f64 = f[6].parse().unwrap();
                if !peer.is_nan() {
                    close(got, peer);
                    peers += 1;
                }
                checked += 1;
            }
            "cte" => {
                let o = KsgOptions {
                    k: u(1),
                    ..Default::default()
                };
                let got = ksg_conditional_transfer_entropy(
                    y.view(),
                    x.view(),
                    z.view(),
                    &p(u(2), u(3), u(4), u(5)),
                    &o,
                )
                .unwrap();
                close(got, f[6].parse().unwrap());
                checked += 1;
            }
            "ais" => {
                let o = KsgOptions {
                    k: u(1),
                    ..Default::default()
                };
                close(
                    ksg_active_information_storage(x.view(), u(2), &o).unwrap(),
                    f[3].parse().unwrap(),
                );
                checked += 1;
            }
            tag => panic!("unknown tag {tag}"),
        }
    }
    assert_eq!((checked, peers), (32, 12));
}
