//! Property tests (proptest) of the identities and bounds that make information theory testable
//! (STYLE.md §2.6), and of the batched kernels against the single-vector functions.

mod common;

use common::tol::{TOL_IDENTITY, TOL_ULPS};
use common::SplitMix64;
use ndarray::{Array2, ShapeBuilder};
use proptest::prelude::*;
use sanov::batch::{self, NanPolicy};
use sanov::divergences::{
    chi2_divergence, hellinger_distance, js_distance, js_divergence, kl_divergence,
    total_variation_distance,
};
use sanov::kernels;
use sanov::measures::{binary_entropy, cross_entropy, entropy, renyi_entropy, tsallis_entropy};
use sanov::{Base, Par};

/// `|a − b| ≤ TOL_IDENTITY · max(1, |a|, |b|)`.
fn identity(a: f64, b: f64) -> bool {
    (a.is_infinite() && a == b) || (a - b).abs() <= TOL_IDENTITY * 1f64.max(a.abs()).max(b.abs())
}

/// `a ≤ b` up to a few ulps.
fn le(a: f64, b: f64) -> bool {
    a <= b + TOL_ULPS * 1f64.max(b.abs())
}

/// A weight: often 0, sometimes tiny, usually in (0, 1).
fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        1 => 1e-300f64..1e-200,
        6 => 1e-6f64..1.0,
    ]
}

/// A strictly positive weight.
fn positive_weight() -> impl Strategy<Value = f64> {
    prop_oneof![1 => 1e-12f64..1e-6, 6 => 1e-6f64..1.0]
}

fn normalise(w: Vec<f64>) -> Vec<f64> {
    let s: f64 = w.iter().sum();
    w.into_iter().map(|x| x / s).collect()
}

/// A probability vector of length 1..64, with zeros.
fn prob() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(weight(), 1..64)
        .prop_filter("positive mass", |w| w.iter().any(|&x| x > 1e-100))
        .prop_map(normalise)
}

/// Two probability vectors of the same length; `q` strictly positive.
fn pair_q_positive() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (1usize..64).prop_flat_map(|n| {
        (
            prop::collection::vec(weight(), n)
                .prop_filter("positive mass", |w| w.iter().any(|&x| x > 1e-100))
                .prop_map(normalise),
            prop::collection::vec(positive_weight(), n).prop_map(normalise),
        )
    })
}

/// Two probability vectors of the same length, both possibly with zeros and tiny entries.
fn pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    pair_of(weight)
}

/// A weight without tiny entries: 0 or in [1e-6, 1), so that no ratio `p_i / q_i` of positive
/// entries exceeds 1e6.
fn moderate_weight() -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(0.0), 6 => 1e-6f64..1.0]
}

fn pair_of<S: Strategy<Value = f64> + 'static>(
    w: fn() -> S,
) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (1usize..64).prop_flat_map(move |n| {
        let v = move || {
            prop::collection::vec(w(), n)
                .prop_filter("positive mass", |w| w.iter().any(|&x| x > 1e-100))
                .prop_map(normalise)
        };
        (v(), v())
    })
}

fn any_base() -> impl Strategy<Value = Base> {
    prop_oneof![
        Just(Base::Nats),
        Just(Base::Bits),
        Just(Base::Hartleys),
        (1.01f64..100.0).prop_map(|b| Base::new(b).unwrap()),
        (0.01f64..0.99).prop_map(|b| Base::new(b).unwrap()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn cross_entropy_is_entropy_plus_kl((p, q) in pair_q_positive(), base in any_base()) {
        let ce = cross_entropy(&p, &q, base).unwrap();
        let h = entropy(&p, base).unwrap();
        let d = kl_divergence(&p, &q, base).unwrap();
        prop_assert!(identity(ce, h + d), "CE {ce} != H {h} + KL {d}");
    }

    #[test]
    fn kl_is_non_negative_and_zero_on_the_diagonal((p, q) in pair()) {
        let d = kl_divergence(&p, &q, Base::Nats).unwrap();
        prop_assert!(d >= -TOL_ULPS, "KL = {d}");
        prop_assert_eq!(kl_divergence(&p, &p, Base::Nats).unwrap(), 0.0);
        prop_assert_eq!(chi2_divergence(&p, &p).unwrap(), 0.0);
        prop_assert_eq!(total_variation_distance(&p, &p).unwrap(), 0.0);
        prop_assert_eq!(hellinger_distance(&p, &p).unwrap(), 0.0);
        prop_assert_eq!(js_divergence(&p, &p, Base::Nats).unwrap(), 0.0);
        // Infinite exactly when some p_i > 0 = q_i.
        let inf = p.iter().zip(&q).any(|(&a, &b)| a > 0.0 && b == 0.0);
        prop_assert_eq!(d.is_infinite(), inf);
        prop_assert_eq!(cross_entropy(&p, &q, Base::Nats).unwrap().is_infinite(), inf);
        prop_assert_eq!(chi2_divergence(&p, &q).unwrap().is_infinite(), inf);
    }

    #[test]
    fn js_is_bounded_and_symmetric((p, q) in pair_of(moderate_weight), base in any_base()) {
        check_js(&p, &q, base)?;
    }

    /// Regression test for js_divergence = −inf when 0 < p_i < 2^-53·q_i (fixed in f70f062).
    #[test]
    fn js_is_bounded_and_symmetric_with_extreme_ratios((p, q) in pair(), base in any_base()) {
        check_js(&p, &q, base)?;
    }

    #[test]
    fn renyi_is_non_increasing_in_alpha(p in prob()) {
        let alphas = [0.0, 0.1, 0.5, 0.9, 0.999, 1.0, 1.001, 1.5, 2.0, 5.0, 20.0, 1e3,
                      f64::INFINITY];
        let h: Vec<f64> = alphas.iter()
            .map(|&a| renyi_entropy(&p, a, Base::Nats).unwrap())
            .collect();
        for (i, w) in h.windows(2).enumerate() {
            prop_assert!(le(w[1], w[0]), "H_{} = {} > H_{} = {}", alphas[i + 1], w[1],
                         alphas[i], w[0]);
        }
        // H_1 is Shannon's; H_0 ≥ H ≥ H_∞ ≥ 0.
        let hs = entropy(&p, Base::Nats).unwrap();
        prop_assert!(identity(h[5], hs));
        prop_assert!(h[alphas.len() - 1] >= 0.0);
        // Tsallis at q = 1 is Shannon too.
        prop_assert!(identity(tsallis_entropy(&p, 1.0).unwrap(), hs));
    }

    #[test]
    fn binary_entropy_is_symmetric(x in 0.5f64..=1.0, base in any_base()) {
        // For x in [0.5, 1], 1 − x is exact (Sterbenz).
        let y = 1.0 - x;
        let a = binary_entropy(x, base).unwrap();
        let b = binary_entropy(y, base).unwrap();
        prop_assert!((a - b).abs() <= TOL_IDENTITY * a.abs().max(b.abs()), "h({x}) = {a}, h({y}) = {b}");
        prop_assert!(identity(a, entropy(&[x, y], base).unwrap()));
    }

    #[test]
    fn entropy_lies_between_zero_and_log_n(p in prob()) {
        let h = entropy(&p, Base::Nats).unwrap();
        prop_assert!(h >= 0.0, "H = {h}");
        prop_assert!(le(h, (p.len() as f64).ln()), "H = {h} > ln {}", p.len());
        let support = p.iter().filter(|&&x| x > 0.0).count();
        prop_assert!(le(h, (support as f64).ln()), "H = {h} > ln |supp| = ln {support}");
    }

    #[test]
    fn hellinger_and_total_variation_lie_in_unit_interval((p, q) in pair()) {
        let h = hellinger_distance(&p, &q).unwrap();
        let t = total_variation_distance(&p, &q).unwrap();
        prop_assert!((0.0..=1.0 + TOL_ULPS).contains(&h), "Hellinger = {h}");
        prop_assert!((0.0..=1.0 + TOL_ULPS).contains(&t), "TV = {t}");
        // Le Cam: H² ≤ TV ≤ H·sqrt(2).
        prop_assert!(le(h * h, t) && le(t, h * std::f64::consts::SQRT_2));
        prop_assert!(identity(h, hellinger_distance(&q, &p).unwrap()));
        prop_assert!(identity(t, total_variation_distance(&q, &p).unwrap()));
    }

    #[test]
    fn base_conversion_is_consistent((p, q) in pair_q_positive(), base in any_base()) {
        let ln_b = base.ln();
        let checks = [
            (entropy(&p, Base::Nats), entropy(&p, base)),
            (cross_entropy(&p, &q, Base::Nats), cross_entropy(&p, &q, base)),
            (kl_divergence(&p, &q, Base::Nats), kl_divergence(&p, &q, base)),
            (js_divergence(&p, &q, Base::Nats), js_divergence(&p, &q, base)),
            (renyi_entropy(&p, 2.0, Base::Nats), renyi_entropy(&p, 2.0, base)),
            (renyi_entropy(&p, 0.5, Base::Nats), renyi_entropy(&p, 0.5, base)),
        ];
        for (i, (nats, b)) in checks.into_iter().enumerate() {
            let (nats, b) = (nats.unwrap(), b.unwrap());
            prop_assert!(identity(b * ln_b, nats), "check {i}: {b} · ln b != {nats}");
            prop_assert!(identity(Base::Nats.convert(nats, base), b), "check {i}");
            prop_assert!(identity(base.convert(b, Base::Bits), Base::Bits.from_nats(nats)));
        }
    }

    #[test]
    fn batched_kernels_equal_single_vectors(
        rows in 1usize..12,
        cols in 1usize..40,
        seed in any::<u64>(),
        fortran in any::<bool>(),
    ) {
        let (p, q) = random_matrices(rows, cols, seed, fortran);
        check_batched(&p, &q);
    }
}

/// JS ∈ [0, ln 2], symmetric, and its square root is `js_distance`.
fn check_js(p: &[f64], q: &[f64], base: Base) -> Result<(), TestCaseError> {
    let a = js_divergence(p, q, Base::Nats).unwrap();
    let b = js_divergence(q, p, Base::Nats).unwrap();
    prop_assert!(a >= 0.0, "JS = {a} < 0");
    prop_assert!(le(a, std::f64::consts::LN_2), "JS = {a} > ln 2");
    prop_assert!(identity(a, b), "JS(p,q) = {a} != JS(q,p) = {b}");
    // For bases below 1 the divergence is negative and has no square root: see
    // `js_distance_rejects_bases_below_one`.
    if base.value() > 1.0 {
        let db = js_distance(p, q, base).unwrap();
        prop_assert!(
            identity(db * db, base.from_nats(a)),
            "js_distance² = {} != JS = {a}",
            db * db
        );
    }
    Ok(())
}

/// `Base::new(0.5)` is a valid base, in which every information quantity is negative; the JS
/// distance (a square root) is then undefined, and an error.
#[test]
fn js_distance_rejects_bases_below_one() {
    let b = Base::new(0.5).unwrap();
    let r = js_distance(&[0.0, 1.0], &[1.0, 0.0], b);
    assert!(
        matches!(r, Err(sanov::Error::InvalidParameter { name: "base", .. })),
        "js_distance in base 0.5 = {r:?}"
    );
}

/// Two `rows × cols` matrices of probability vectors (with zeros), C- or F-ordered.
fn random_matrices(
    rows: usize,
    cols: usize,
    seed: u64,
    fortran: bool,
) -> (Array2<f64>, Array2<f64>) {
    let mut rng = SplitMix64::new(seed);
    let mut make = || {
        let mut m = if fortran {
            Array2::<f64>::zeros((rows, cols).f())
        } else {
            Array2::<f64>::zeros((rows, cols))
        };
        for mut row in m.rows_mut() {
            for x in &mut row {
                let u = rng.next_f64();
                *x = if u < 0.2 { 0.0 } else { u };
            }
            let k = rng.below(cols);
            row[k] += 0.5;
            let s: f64 = row.sum();
            row.mapv_inplace(|x| x / s);
        }
        m
    };
    let p = make();
    let q = make();
    (p, q)
}

/// Every `batch::*_into` against the single-vector function, with `Par::Seq` and
/// `Par::rayon(2)`: bit-identical results.
fn check_batched(p: &Array2<f64>, q: &Array2<f64>) {
    let rows = p.nrows();
    let row = |m: &Array2<f64>, r: usize| m.row(r).to_vec();
    for par in [Par::Seq, Par::rayon(2)] {
        let mut out = vec![f64::NAN; rows];
        let same = |name: &str, out: &[f64], single: &dyn Fn(usize) -> f64| {
            for (r, &o) in out.iter().enumerate() {
                let s = single(r);
                assert!(
                    o.to_bits() == s.to_bits(),
                    "{name} ({par:?}) row {r}: batched {o} != single {s}"
                );
            }
        };
        let base = Base::Bits;
        batch::entropy_into(&mut out, p.view(), base, par, NanPolicy::Raise).unwrap();
        same("entropy_into", &out, &|r| {
            entropy(&row(p, r), base).unwrap()
        });
        for alpha in [0.0, 0.5, 1.0, 2.0, f64::INFINITY] {
            batch::renyi_entropy_into(&mut out, p.view(), alpha, base, par, NanPolicy::Raise)
                .unwrap();
            same("renyi_entropy_into", &out, &|r| {
                renyi_entropy(&row(p, r), alpha, base).unwrap()
            });
        }
        batch::tsallis_entropy_into(&mut out, p.view(), 2.0, par, NanPolicy::Raise).unwrap();
        same("tsallis_entropy_into", &out, &|r| {
            tsallis_entropy(&row(p, r), 2.0).unwrap()
        });
        batch::cross_entropy_into(&mut out, p.view(), q.view(), base, par, NanPolicy::Raise)
            .unwrap();
        same("cross_entropy_into", &out, &|r| {
            cross_entropy(&row(p, r), &row(q, r), base).unwrap()
        });
        batch::kl_divergence_into(&mut out, p.view(), q.view(), base, par, NanPolicy::Raise)
            .unwrap();
        same("kl_divergence_into", &out, &|r| {
            kl_divergence(&row(p, r), &row(q, r), base).unwrap()
        });
        batch::js_divergence_into(&mut out, p.view(), q.view(), base, par, NanPolicy::Raise)
            .unwrap();
        same("js_divergence_into", &out, &|r| {
            js_divergence(&row(p, r), &row(q, r), base).unwrap()
        });
        batch::hellinger_distance_into(&mut out, p.view(), q.view(), par, NanPolicy::Raise)
            .unwrap();
        same("hellinger_distance_into", &out, &|r| {
            hellinger_distance(&row(p, r), &row(q, r)).unwrap()
        });
        batch::total_variation_distance_into(&mut out, p.view(), q.view(), par, NanPolicy::Raise)
            .unwrap();
        same("total_variation_distance_into", &out, &|r| {
            total_variation_distance(&row(p, r), &row(q, r)).unwrap()
        });
        batch::chi2_divergence_into(&mut out, p.view(), q.view(), par, NanPolicy::Raise).unwrap();
        same("chi2_divergence_into", &out, &|r| {
            chi2_divergence(&row(p, r), &row(q, r)).unwrap()
        });
    }
}

/// Large enough for `Par::rayon(2)` to split the rows between tasks (≥ 2 · 2^14 elements),
/// C- and F-ordered.
#[test]
fn batched_kernels_equal_single_vectors_when_split() {
    for (rows, cols, fortran) in [(700, 64, false), (300, 129, true), (3, 20_000, false)] {
        let (p, q) = random_matrices(rows, cols, 42 + rows as u64, fortran);
        check_batched(&p, &q);
    }
}

/// The parallel single-vector kernels agree with the sequential ones (up to the order of the
/// compensated sum) on long vectors.
#[test]
fn parallel_single_vector_kernels_agree_with_sequential() {
    for n in [1usize, 7, 1000, 100_000, 300_001] {
        let p = common::generate("u3", n as u64, n);
        let q = common::generate("u1", n as u64 + 1, n);
        for par in [Par::rayon(2), Par::rayon(3), Par::rayon(0)] {
            let pairs = [
                (
                    kernels::entropy(&p, Base::Nats, Par::Seq).unwrap(),
                    kernels::entropy(&p, Base::Nats, par).unwrap(),
                ),
                (
                    kernels::cross_entropy(&p, &q, Base::Nats, Par::Seq).unwrap(),
                    kernels::cross_entropy(&p, &q, Base::Nats, par).unwrap(),
                ),
                (
                    kernels::kl_divergence(&p, &q, Base::Nats, Par::Seq).unwrap(),
                    kernels::kl_divergence(&p, &q, Base::Nats, par).unwrap(),
                ),
            ];
            for (i, (s, t)) in pairs.into_iter().enumerate() {
                assert!(identity(s, t), "n={n} {par:?} kernel {i}: {s} vs {t}");
            }
        }
    }
}
