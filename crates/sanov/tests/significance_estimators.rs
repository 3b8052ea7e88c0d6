//! The ready-made permutation tests and bootstrap intervals of conditional mutual information,
//! active information storage, transfer entropy (bootstrap) and entropy (bootstrap): observed
//! values equal to the estimators' bit for bit, tiny p under strong dependence, p not small
//! under the null, reproducibility and independence of the parallelism, typed errors; and an
//! ignored statistical test of p-value uniformity of the conditional permutation test.

use ndarray::Array2;
use sanov::estimators::{
    ksg_conditional_mutual_information, plugin_entropy, DiscreteEstimator, KsgOptions, Noise,
};
use sanov::significance::{
    active_information_storage_bootstrap, active_information_storage_test,
    conditional_mutual_information_bootstrap, conditional_mutual_information_test,
    entropy_bootstrap, ksg_active_information_storage_bootstrap,
    ksg_active_information_storage_test, ksg_conditional_mutual_information_bootstrap,
    ksg_conditional_mutual_information_test, ksg_transfer_entropy_bootstrap,
    transfer_entropy_bootstrap, BootstrapParams, PermutationParams, Surrogate,
};
use sanov::timeseries::{
    active_information_storage, conditional_transfer_entropy, ksg_active_information_storage,
    ksg_conditional_transfer_entropy, ksg_transfer_entropy, transfer_entropy, TeParams,
};
use sanov::{Base, Error, Par};

/// Agreement of a plug-in CMI with the entropy decomposition (different summation order).
const DECOMPOSITION_TOL: f64 = 1e-12;

fn uniform(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

fn labels(n: usize, alphabet: u64, seed: u64) -> Vec<i64> {
    uniform(n, seed)
        .into_iter()
        .map(|u| (u * alphabet as f64) as i64)
        .collect()
}

fn col<T: Clone>(v: &[T]) -> Array2<T> {
    Array2::from_shape_vec((v.len(), 1), v.to_vec()).unwrap()
}

fn perm(n_permutations: usize, seed: u64, par: Par) -> PermutationParams {
    PermutationParams {
        n_permutations,
        seed,
        par,
        ..Default::default()
    }
}

fn boot(n_resamples: usize, seed: u64, par: Par) -> BootstrapParams {
    BootstrapParams {
        n_resamples,
        seed,
        par,
        ..Default::default()
    }
}

/// X and Y both copy Z with independent noise: dependent, but independent given Z.
fn conditional_null(n: usize, seed: u64) -> (Vec<i64>, Vec<i64>, Vec<i64>) {
    let z = labels(n, 3, seed);
    let (ux, uy) = (uniform(n, seed + 1), uniform(n, seed + 2));
    let x = z
        .iter()
        .zip(&ux)
        .map(|(&z, &u)| if u < 0.8 { z } else { (z + 1) % 3 })
        .collect();
    let y = z
        .iter()
        .zip(&uy)
        .map(|(&z, &u)| if u < 0.8 { z } else { (z + 2) % 3 })
        .collect();
    (x, y, z)
}

fn pair(a: &[i64], b: &[i64]) -> Vec<i64> {
    a.iter().zip(b).map(|(&a, &b)| a * 16 + b).collect()
}

#[test]
fn discrete_cmi_test() {
    let (x, y, z) = conditional_null(600, 11);
    let (xa, ya, za) = (col(&x), col(&y), col(&z));
    let pe = DiscreteEstimator::PlugIn;
    let r = conditional_mutual_information_test(
        xa.view(),
        ya.view(),
        za.view(),
        &pe,
        Base::Nats,
        &perm(199, 3, Par::Seq),
    )
    .unwrap();
    // The observed value is the plug-in I(X;Y|Z) = H(X,Z) + H(Y,Z) − H(Z) − H(X,Y,Z).
    let h = |v: &[i64]| plugin_entropy(v, Base::Nats).unwrap();
    let expect = h(&pair(&x, &z)) + h(&pair(&y, &z)) - h(&z) - h(&pair(&pair(&x, &y), &z));
    assert!((r.observed - expect).abs() < DECOMPOSITION_TOL);
    // Conditionally independent (though X and Y are strongly dependent): p not small.
    assert!(r.p_value > 0.01, "p = {}", r.p_value);
    // Within-stratum shuffles keep the (X, Z) distribution: every surrogate's H(X,Z) is the
    // data's, so the null is a null of I(X;Y|Z), not of I(X;Y).
    assert_eq!(r.null.len(), 199);
    // Dependence given Z: Y = X.
    let d = conditional_mutual_information_test(
        xa.view(),
        xa.view(),
        za.view(),
        &pe,
        Base::Nats,
        &perm(199, 3, Par::Seq),
    )
    .unwrap();
    assert_eq!(d.p_value, 0.005);
    // Reproducible, independent of the parallelism.
    let r2 = conditional_mutual_information_test(
        xa.view(),
        ya.view(),
        za.view(),
        &pe,
        Base::Nats,
        &perm(199, 3, Par::rayon(2)),
    )
    .unwrap();
    assert_eq!(r, r2);
    // An ordinary shuffle of X (one stratum) would reject: I(X;Y) is large here.
    let one = vec![0i64; x.len()];
    let u = conditional_mutual_information_test(
        xa.view(),
        ya.view(),
        col(&one).view(),
        &pe,
        Base::Nats,
        &perm(99, 3, Par::Seq),
    )
    .unwrap();
    assert_eq!(u.p_value, 0.01);
    // Bias-corrected estimators run too.
    let mm = conditional_mutual_information_test(
        xa.view(),
        ya.view(),
        za.view(),
        &DiscreteEstimator::MillerMadow,
        Base::Bits,
        &perm(49, 1, Par::Seq),
    )
    .unwrap();
    assert!(mm.p_value > 0.01);
}

#[test]
fn discrete_cmi_bootstrap() {
    let (x, y, z) = conditional_null(400, 5);
    let (xa, ya, za) = (col(&x), col(&y), col(&z));
    let b = |par| {
        conditional_mutual_information_bootstrap(
            xa.view(),
            ya.view(),
            za.view(),
            &DiscreteEstimator::PlugIn,
            Base::Bits,
            &boot(200, 9, par),
        )
        .unwrap()
    };
    let ci = b(Par::Seq);
    assert_eq!(ci, b(Par::rayon(2)));
    assert!(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
    assert!(ci.lower >= 0.0 && ci.upper < 0.1, "{ci:?}");
    assert_eq!(ci.resamples.len(), 200);
}

#[test]
fn ksg_cmi_test_and_bootstrap() {
    let n = 300;
    let z = uniform(n, 21);
    let e = uniform(n, 22);
    let x: Vec<f64> = z.iter().zip(&e).map(|(z, e)| z + 0.3 * e).collect();
    let y: Vec<f64> = x
        .iter()
        .zip(uniform(n, 23))
        .map(|(x, u)| x + 0.05 * u)
        .collect();
    let (xa, ya, za) = (col(&x), col(&y), col(&z));
    let o = KsgOptions::default();
    let r = ksg_conditional_mutual_information_test(
        xa.view(),
        ya.view(),
        za.view(),
        &o,
        &perm(49, 1, Par::Seq),
    )
    .unwrap();
    let direct = ksg_conditional_mutual_information(xa.view(), ya.view(), za.view(), &o).unwrap();
    assert_eq!(r.observed.to_bits(), direct.to_bits());
    assert_eq!(r.p_value, 0.02);
    let r2 = ksg_conditional_mutual_information_test(
        xa.view(),
        ya.view(),
        za.view(),
        &o,
        &perm(49, 1, Par::rayon(2)),
    )
    .unwrap();
    assert_eq!(r, r2);
    // Independent X: p not small.
    let w = col(&uniform(n, 40));
    let i = ksg_conditional_mutual_information_test(
        w.view(),
        ya.view(),
        za.view(),
        &o,
        &perm(49, 1, Par::Seq),
    )
    .unwrap();
    assert!(i.p_value > 0.01, "p = {}", i.p_value);
    // Bootstrap: resamples repeat rows, so a jitter is needed; without it, a typed error.
    let oj = KsgOptions {
        noise: Noise::Jitter {
            scale: 1e-10,
            seed: 0,
        },
        ..o
    };
    let ci = ksg_conditional_mutual_information_bootstrap(
        xa.view(),
        ya.view(),
        za.view(),
        &oj,
        &boot(30, 2, Par::Seq),
    )
    .unwrap();
    assert!(ci.lower > 0.5 && ci.lower <= ci.upper, "{ci:?}");
    let ci2 = ksg_conditional_mutual_information_bootstrap(
        xa.view(),
        ya.view(),
        za.view(),
        &oj,
        &boot(30, 2, Par::rayon(2)),
    )
    .unwrap();
    assert_eq!(ci, ci2);
    assert!(ksg_conditional_mutual_information_bootstrap(
        xa.view(),
        ya.view(),
        za.view(),
        &o,
        &boot(30, 2, Par::Seq),
    )
    .is_err());
}

/// A binary Markov chain that stays with probability `stay`.
fn markov(n: usize, stay: f64, seed: u64) -> Vec<i64> {
    let u = uniform(n, seed);
    let mut x = vec![0i64; n];
    for t in 1..n {
        x[t] = if u[t] < stay { x[t - 1] } else { 1 - x[t - 1] };
    }
    x
}

#[test]
fn ais_tests() {
    let pe = DiscreteEstimator::PlugIn;
    let mem = col(&markov(500, 0.9, 3));
    let r = active_information_storage_test(mem.view(), 2, &pe, Base::Bits, &perm(99, 1, Par::Seq))
        .unwrap();
    let direct = active_information_storage(mem.view(), 2, &pe, Base::Bits).unwrap();
    assert_eq!(r.observed.to_bits(), direct.to_bits());
    assert_eq!(r.p_value, 0.01);
    let r2 = active_information_storage_test(
        mem.view(),
        2,
        &pe,
        Base::Bits,
        &perm(99, 1, Par::rayon(2)),
    )
    .unwrap();
    assert_eq!(r, r2);
    for s in [Surrogate::CircularShift, Surrogate::Block { length: 20 }] {
        let p = PermutationParams {
            surrogate: s,
            ..perm(99, 1, Par::Seq)
        };
        let c = active_information_storage_test(mem.view(), 2, &pe, Base::Bits, &p).unwrap();
        assert_eq!(c.p_value, 0.01, "{s:?}");
    }
    // No memory: p not small.
    let iid = col(&labels(500, 2, 8));
    let i = active_information_storage_test(iid.view(), 2, &pe, Base::Bits, &perm(99, 1, Par::Seq))
        .unwrap();
    assert!(i.p_value > 0.01, "p = {}", i.p_value);
    // KSG: a smooth series has memory, white noise none.
    let o = KsgOptions::default();
    let sm = col(&(0..300)
        .map(|t| (f64::from(t) * 0.1).sin())
        .zip(uniform(300, 4))
        .map(|(s, u)| s + 1e-3 * u)
        .collect::<Vec<_>>());
    let k = ksg_active_information_storage_test(sm.view(), 1, &o, &perm(19, 1, Par::Seq)).unwrap();
    let kd = ksg_active_information_storage(sm.view(), 1, &o).unwrap();
    assert_eq!(k.observed.to_bits(), kd.to_bits());
    assert_eq!(k.p_value, 0.05);
    let wn = col(&uniform(300, 5));
    let kw = ksg_active_information_storage_test(wn.view(), 1, &o, &perm(99, 1, Par::Seq)).unwrap();
    assert!(kw.p_value > 0.01, "p = {}", kw.p_value);
    assert_eq!(
        kw,
        ksg_active_information_storage_test(wn.view(), 1, &o, &perm(99, 1, Par::rayon(2))).unwrap()
    );
}

#[test]
fn ais_bootstrap() {
    let pe = DiscreteEstimator::PlugIn;
    let mem = col(&markov(500, 0.9, 3));
    let ci = active_information_storage_bootstrap(
        mem.view(),
        1,
        &pe,
        Base::Bits,
        &boot(100, 2, Par::Seq),
    )
    .unwrap();
    let direct = active_information_storage(mem.view(), 1, &pe, Base::Bits).unwrap();
    assert_eq!(ci.estimate.to_bits(), direct.to_bits());
    assert!(ci.lower < direct && direct < ci.upper, "{ci:?}");
    assert_eq!(
        ci,
        active_information_storage_bootstrap(
            mem.view(),
            1,
            &pe,
            Base::Bits,
            &boot(100, 2, Par::rayon(2))
        )
        .unwrap()
    );
    let o = KsgOptions {
        noise: Noise::Jitter {
            scale: 1e-10,
            seed: 0,
        },
        ..Default::default()
    };
    let sm = col(&(0..200)
        .map(|t| (f64::from(t) * 0.1).sin())
        .collect::<Vec<_>>());
    let k =
        ksg_active_information_storage_bootstrap(sm.view(), 1, &o, &boot(20, 2, Par::Seq)).unwrap();
    assert_eq!(
        k.estimate.to_bits(),
        ksg_active_information_storage(sm.view(), 1, &o)
            .unwrap()
            .to_bits()
    );
    assert!(k.lower > 1.0);
}

#[test]
fn te_bootstrap() {
    let pe = DiscreteEstimator::PlugIn;
    let n = 400;
    let y = labels(n, 2, 31);
    let u = uniform(n, 32);
    let x: Vec<i64> = (0..n)
        .map(|t| {
            if t == 0 {
                0
            } else if u[t] < 0.9 {
                y[t - 1]
            } else {
                1 - y[t - 1]
            }
        })
        .collect();
    let z = labels(n, 2, 33);
    let (ya, xa, za) = (col(&y), col(&x), col(&z));
    let tp = TeParams {
        k: 1,
        l: 1,
        delay: 1,
        m: 1,
    };
    let ci = transfer_entropy_bootstrap(
        ya.view(),
        xa.view(),
        None,
        &tp,
        &pe,
        Base::Bits,
        &boot(100, 1, Par::Seq),
    )
    .unwrap();
    let direct = transfer_entropy(ya.view(), xa.view(), &tp, &pe, Base::Bits).unwrap();
    assert_eq!(ci.estimate.to_bits(), direct.to_bits());
    assert!(
        ci.lower < direct && direct < ci.upper && ci.lower > 0.3,
        "{ci:?}"
    );
    assert_eq!(
        ci,
        transfer_entropy_bootstrap(
            ya.view(),
            xa.view(),
            None,
            &tp,
            &pe,
            Base::Bits,
            &boot(100, 1, Par::rayon(2))
        )
        .unwrap()
    );
    let cc = transfer_entropy_bootstrap(
        ya.view(),
        xa.view(),
        Some(za.view()),
        &tp,
        &pe,
        Base::Bits,
        &boot(50, 1, Par::Seq),
    )
    .unwrap();
    let cd = conditional_transfer_entropy(ya.view(), xa.view(), za.view(), &tp, &pe, Base::Bits)
        .unwrap();
    assert_eq!(cc.estimate.to_bits(), cd.to_bits());
    // KSG with a jitter.
    let o = KsgOptions {
        noise: Noise::Jitter {
            scale: 1e-10,
            seed: 0,
        },
        ..Default::default()
    };
    let yr = col(&uniform(300, 41));
    let e = uniform(300, 42);
    let xr = col(&(0..300)
        .map(|t| {
            if t == 0 {
                0.5
            } else {
                yr[[t - 1, 0]] + 0.05 * e[t]
            }
        })
        .collect::<Vec<_>>());
    let zr = col(&uniform(300, 43));
    let k =
        ksg_transfer_entropy_bootstrap(yr.view(), xr.view(), None, &tp, &o, &boot(20, 1, Par::Seq))
            .unwrap();
    assert_eq!(
        k.estimate.to_bits(),
        ksg_transfer_entropy(yr.view(), xr.view(), &tp, &o)
            .unwrap()
            .to_bits()
    );
    assert!(k.lower > 1.0, "{k:?}");
    let kc = ksg_transfer_entropy_bootstrap(
        yr.view(),
        xr.view(),
        Some(zr.view()),
        &tp,
        &o,
        &boot(10, 1, Par::rayon(2)),
    )
    .unwrap();
    assert_eq!(
        kc.estimate.to_bits(),
        ksg_conditional_transfer_entropy(yr.view(), xr.view(), zr.view(), &tp, &o)
            .unwrap()
            .to_bits()
    );
}

#[test]
fn entropy_bootstrap_interval() {
    let x = labels(2000, 4, 50);
    let ci = entropy_bootstrap(
        &x,
        &DiscreteEstimator::MillerMadow,
        Base::Bits,
        &boot(200, 1, Par::Seq),
    )
    .unwrap();
    assert!(
        ci.lower < 2.0 && ci.upper > 1.99 && ci.upper <= 2.01,
        "{ci:?}"
    );
    assert_eq!(
        ci,
        entropy_bootstrap(
            &x,
            &DiscreteEstimator::MillerMadow,
            Base::Bits,
            &boot(200, 1, Par::rayon(2))
        )
        .unwrap()
    );
    assert!(matches!(
        entropy_bootstrap(
            &[],
            &DiscreteEstimator::PlugIn,
            Base::Bits,
            &boot(10, 1, Par::Seq)
        ),
        Err(Error::Empty { .. })
    ));
}

#[test]
fn bad_input_is_a_typed_error() {
    let pe = DiscreteEstimator::PlugIn;
    let x = col(&labels(50, 2, 1));
    let short = col(&labels(49, 2, 1));
    let p0 = perm(0, 1, Par::Seq);
    let bad = |e: Error, name: &str| {
        assert!(
            matches!(e, Error::InvalidParameter { name: n, .. } if n == name),
            "{e:?}"
        );
    };
    bad(
        conditional_mutual_information_test(x.view(), x.view(), x.view(), &pe, Base::Nats, &p0)
            .unwrap_err(),
        "n_permutations",
    );
    bad(
        conditional_mutual_information_test(
            x.view(),
            x.view(),
            x.view(),
            &pe,
            Base::Nats,
            &PermutationParams {
                surrogate: Surrogate::CircularShift,
                ..perm(9, 1, Par::Seq)
            },
        )
        .unwrap_err(),
        "surrogate",
    );
    assert!(matches!(
        conditional_mutual_information_test(
            x.view(),
            short.view(),
            x.view(),
            &pe,
            Base::Nats,
            &perm(9, 1, Par::Seq)
        ),
        Err(Error::LengthMismatch { .. })
    ));
    bad(
        active_information_storage_test(x.view(), 1, &pe, Base::Nats, &p0).unwrap_err(),
        "n_permutations",
    );
    bad(
        active_information_storage_test(x.view(), 0, &pe, Base::Nats, &perm(9, 1, Par::Seq))
            .unwrap_err(),
        "k",
    );
    bad(
        active_information_storage_bootstrap(x.view(), 1, &pe, Base::Nats, &boot(0, 1, Par::Seq))
            .unwrap_err(),
        "n_resamples",
    );
    let neg = col(&[0i64, 1, -1, 0, 1]);
    assert!(matches!(
        active_information_storage_test(neg.view(), 1, &pe, Base::Nats, &perm(9, 1, Par::Seq)),
        Err(Error::OutOfRange { .. })
    ));
    let r = col(&uniform(50, 3));
    let mut nan = r.clone();
    nan[[4, 0]] = f64::NAN;
    assert!(matches!(
        ksg_conditional_mutual_information_test(
            nan.view(),
            r.view(),
            r.view(),
            &KsgOptions::default(),
            &perm(9, 1, Par::Seq)
        ),
        Err(Error::NonFinite { .. })
    ));
    bad(
        ksg_active_information_storage_test(r.view(), 1, &KsgOptions::default(), &p0).unwrap_err(),
        "n_permutations",
    );
    bad(
        transfer_entropy_bootstrap(
            x.view(),
            x.view(),
            None,
            &TeParams::default(),
            &pe,
            Base::Nats,
            &BootstrapParams {
                confidence: 1.0,
                ..boot(9, 1, Par::Seq)
            },
        )
        .unwrap_err(),
        "confidence",
    );
}

/// Under the conditional null (X ⊥ Y | Z, X and Y dependent through Z), the within-stratum
/// permutation p-values are uniform: KS distance of 300 p-values (99 permutations each) to
/// U(0, 1) below 0.113 + 0.01 (the 1e-3 critical value 1.95/√300; the grid of 1/100 adds at
/// most 0.01). Slow: `cargo test --release --test significance_estimators -- --ignored`.
#[test]
#[ignore = "statistical test: 300 data sets x 99 permutations"]
fn conditional_p_values_uniform_under_the_null() {
    let reps = 300;
    let mut ps: Vec<f64> = (0..reps)
        .map(|r| {
            let (x, y, z) = conditional_null(200, 1000 + 3 * r as u64);
            conditional_mutual_information_test(
                col(&x).view(),
                col(&y).view(),
                col(&z).view(),
                &DiscreteEstimator::PlugIn,
                Base::Nats,
                &perm(99, r as u64, Par::rayon(0)),
            )
            .unwrap()
            .p_value
        })
        .collect();
    ps.sort_by(f64::total_cmp);
    let n = ps.len() as f64;
    let d = ps
        .iter()
        .enumerate()
        .map(|(i, &p)| (p - i as f64 / n).abs().max(((i + 1) as f64 / n - p).abs()))
        .fold(0.0, f64::max);
    assert!(d < 1.95 / n.sqrt() + 0.01, "KS distance {d}");
}
