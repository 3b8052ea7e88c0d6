//! Channel capacities and rate–distortion against `tests/data/channels.txt`, written by
//! `scripts/reference/generate_channels.py` (mpmath at 50 digits: closed forms, and
//! Blahut–Arimoto run to a certified gap below 1e-25 nats); error variants; properties.

use ndarray::{array, Array2};
use sanov::channels::{
    binary_erasure, binary_rate_distortion, binary_symmetric, channel_capacity, rate_distortion,
    symmetric, typewriter, z_channel, CapacityOptions, RateDistortionOptions,
};
use sanov::iterate::StoppingRule;
use sanov::{Base, Error};

const TABLE: &str = include_str!("data/channels.txt");

/// The solver certifies 1e-12 nats; 1e-10 relative (or absolute below 1) leaves room.
const TOL_CAPACITY: f64 = 1e-10;

fn floats(s: &str) -> Vec<f64> {
    s.split(',').map(|v| v.parse().expect("a float")).collect()
}

fn cases() -> Vec<(String, Array2<f64>, f64)> {
    let mut out = Vec::new();
    let (mut name, mut shape) = (String::new(), Vec::new());
    let mut w = Array2::zeros((0, 0));
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let (k, v) = line.split_once(' ').expect("key value");
        match k {
            "case" => name = v.to_string(),
            "shape" => {
                shape = v
                    .split(',')
                    .map(|s| s.parse().unwrap())
                    .collect::<Vec<usize>>();
            }
            "w" => w = Array2::from_shape_vec((shape[0], shape[1]), floats(v)).unwrap(),
            "c" => out.push((name.clone(), w.clone(), v.parse().unwrap())),
            _ => {}
        }
    }
    out
}

fn kl(row: &[f64], q: &[f64]) -> f64 {
    row.iter()
        .zip(q)
        .filter(|(&w, _)| w > 0.0)
        .map(|(&w, &qy)| w * (w / qy).ln())
        .sum()
}

#[test]
fn capacities_match_reference_table() {
    let cs = cases();
    assert!(cs.len() >= 30, "{} cases", cs.len());
    for (name, w, want) in &cs {
        for accelerate in [true, false] {
            let params = CapacityOptions {
                accelerate,
                rule: StoppingRule {
                    max_iterations: 200_000,
                    ..StoppingRule::default()
                },
                ..CapacityOptions::default()
            };
            let r = channel_capacity(w.view(), &params).unwrap_or_else(|e| panic!("{name}: {e}"));
            let tol = TOL_CAPACITY * want.abs().max(1.0);
            assert!(
                (r.capacity - want).abs() <= tol,
                "{name} (accelerate {accelerate}): got {}, want {want}",
                r.capacity
            );
            assert!(r.gap <= 1e-12, "{name}: gap {}", r.gap);
            assert_eq!(r.diagnostics.certificate, r.gap);
            // KKT: every input's divergence is at most C + gap.
            let p = r.input_distribution.to_vec();
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            let q: Vec<f64> = (0..w.ncols())
                .map(|y| (0..w.nrows()).map(|x| p[x] * w[[x, y]]).sum())
                .collect();
            for x in 0..w.nrows() {
                let d = kl(&w.row(x).to_vec(), &q);
                assert!(d <= r.capacity + r.gap + 1e-12, "{name}: KKT at {x}: {d}");
            }
            // 0 ≤ C ≤ ln min(|X|, |Y|).
            let bound = (w.nrows().min(w.ncols()) as f64).ln();
            assert!(
                r.capacity >= -1e-15 && r.capacity <= bound + 1e-12,
                "{name}"
            );
        }
    }
}

#[test]
fn named_channels_match_closed_forms_in_bits() {
    let bits = CapacityOptions {
        base: Base::Bits,
        ..CapacityOptions::default()
    };
    let c = |w: Array2<f64>| channel_capacity(w.view(), &bits).unwrap().capacity;
    let h = |p: f64| -p * p.log2() - (1.0 - p) * (1.0 - p).log2();
    assert!((c(binary_symmetric(0.11).unwrap()) - (1.0 - h(0.11))).abs() < 1e-11);
    assert!((c(binary_erasure(0.3).unwrap()) - 0.7).abs() < 1e-11);
    assert!((c(typewriter(26).unwrap()) - 13f64.log2()).abs() < 1e-11);
    assert!((c(symmetric(4, 0.0).unwrap()) - 2.0).abs() < 1e-11);
    let zc = (1.0 + 0.5 * 0.5f64.powf(1.0)).log2();
    assert!((c(z_channel(0.5).unwrap()) - zc).abs() < 1e-11);
}

#[test]
fn acceleration_cuts_iterations_on_a_slow_channel() {
    let w = array![
        [0.6, 0.3, 0.1, 0.0],
        [0.1, 0.3, 0.6, 0.0],
        [0.34, 0.33, 0.33, 0.0],
        [0.2, 0.2, 0.2, 0.4]
    ];
    let plain = CapacityOptions {
        accelerate: false,
        ..CapacityOptions::default()
    };
    let a = channel_capacity(w.view(), &CapacityOptions::default()).unwrap();
    let b = channel_capacity(w.view(), &plain).unwrap();
    assert!((a.capacity - b.capacity).abs() <= 2e-12);
    assert!(
        a.diagnostics.iterations < b.diagnostics.iterations,
        "{} vs {}",
        a.diagnostics.iterations,
        b.diagnostics.iterations
    );
}

#[test]
fn not_converged_carries_the_gap() {
    let w = array![[0.6, 0.3, 0.1], [0.1, 0.3, 0.6], [0.34, 0.33, 0.33]];
    let params = CapacityOptions {
        rule: StoppingRule {
            max_iterations: 3,
            tolerance: 1e-12,
        },
        ..CapacityOptions::default()
    };
    match channel_capacity(w.view(), &params) {
        Err(Error::NotConverged {
            iterations: 3,
            residual,
        }) => assert!(residual > 1e-12),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_channels_are_typed_errors() {
    let p = CapacityOptions::default();
    let e = Array2::<f64>::zeros((0, 2));
    assert_eq!(
        channel_capacity(e.view(), &p).unwrap_err(),
        Error::Empty { arg: "channel" }
    );
    let e = Array2::<f64>::zeros((2, 0));
    assert_eq!(
        channel_capacity(e.view(), &p).unwrap_err(),
        Error::Empty { arg: "channel" }
    );
    let w = array![[0.5, 0.5], [0.3, 0.6]];
    assert!(matches!(
        channel_capacity(w.view(), &p),
        Err(Error::NotNormalized { row: Some(1), .. })
    ));
    let w = array![[0.5, 0.5], [f64::NAN, 0.5]];
    assert!(matches!(
        channel_capacity(w.view(), &p),
        Err(Error::NonFinite { index: 2, .. })
    ));
    let w = array![[0.5, 0.5], [1.5, -0.5]];
    assert!(matches!(
        channel_capacity(w.view(), &p),
        Err(Error::NegativeProbability { index: 3, .. })
    ));
    let bad_rule = CapacityOptions {
        rule: StoppingRule {
            tolerance: -1.0,
            ..StoppingRule::default()
        },
        ..p
    };
    let w = array![[1.0]];
    assert!(matches!(
        channel_capacity(w.view(), &bad_rule),
        Err(Error::InvalidParameter {
            name: "tolerance",
            ..
        })
    ));
    assert_eq!(channel_capacity(w.view(), &p).unwrap().capacity, 0.0);
    assert!(matches!(
        binary_symmetric(1.1),
        Err(Error::InvalidParameter { name: "p", .. })
    ));
    assert!(matches!(
        binary_erasure(f64::NAN),
        Err(Error::InvalidParameter { name: "e", .. })
    ));
}

#[test]
fn binary_rate_distortion_matches_reference_table() {
    let mut n = 0;
    for line in TABLE.lines().filter(|l| l.starts_with("rd ")) {
        let v: Vec<f64> = line[3..].split(' ').map(|s| s.parse().unwrap()).collect();
        let got = binary_rate_distortion(v[0], v[1], Base::Nats).unwrap();
        assert!(
            (got - v[2]).abs() <= 1e-14 * v[2].abs().max(1.0),
            "{line}: {got}"
        );
        n += 1;
    }
    assert_eq!(n, 10);
    assert!(matches!(
        binary_rate_distortion(0.5, -1e-3, Base::Nats),
        Err(Error::Infeasible { .. })
    ));
    assert!(matches!(
        binary_rate_distortion(0.5, f64::NAN, Base::Nats),
        Err(Error::InvalidParameter { name: "d", .. })
    ));
    assert!(matches!(
        binary_rate_distortion(-0.5, 0.1, Base::Nats),
        Err(Error::InvalidParameter { name: "p", .. })
    ));
    assert_eq!(
        binary_rate_distortion(0.5, f64::INFINITY, Base::Nats).unwrap(),
        0.0
    );
}

const RD_TABLE: &str = include_str!("data/rate_distortion.txt");

/// The solver certifies a 1e-12-nat gap; the reference is exact to 1e-30. 2e-12 nats absolute
/// leaves room for the rounding of the bounds themselves.
const TOL_RD: f64 = 2e-12;

/// `(name, source, distortion, [(D, R(D))])` from `tests/data/rate_distortion.txt`.
type RdCase = (String, Vec<f64>, Array2<f64>, Vec<(f64, f64)>);

fn rd_cases() -> Vec<RdCase> {
    let mut out: Vec<RdCase> = Vec::new();
    let mut shape = Vec::new();
    for line in RD_TABLE.lines().filter(|l| !l.starts_with('#')) {
        let (k, v) = line.split_once(' ').expect("key value");
        match k {
            "case" => out.push((v.to_string(), Vec::new(), Array2::zeros((0, 0)), Vec::new())),
            "p" => out.last_mut().unwrap().1 = floats(v),
            "shape" => {
                shape = v
                    .split(',')
                    .map(|s| s.parse().unwrap())
                    .collect::<Vec<usize>>();
            }
            "d" => {
                out.last_mut().unwrap().2 =
                    Array2::from_shape_vec((shape[0], shape[1]), floats(v)).unwrap();
            }
            "rd" => {
                let (d, r) = v.split_once(' ').unwrap();
                out.last_mut()
                    .unwrap()
                    .3
                    .push((d.parse().unwrap(), r.parse().unwrap()));
            }
            _ => panic!("unknown key {k}"),
        }
    }
    out
}

#[test]
fn rate_distortion_matches_reference_table() {
    let cases = rd_cases();
    let n: usize = cases.iter().map(|c| c.3.len()).sum();
    assert!(n >= 100, "{n} values");
    for (name, p, dist, points) in &cases {
        for &(d, want) in points {
            {
                let params = RateDistortionOptions::default();
                let r = rate_distortion(p, dist.view(), d, &params)
                    .unwrap_or_else(|e| panic!("{name} D={d}: {e}"));
                assert!(
                    (r.rate - want).abs() <= TOL_RD,
                    "{name} D={d}: {} vs {want} (gap {})",
                    r.rate,
                    r.gap
                );
                // The reported rate is an upper bound and `rate − gap` a lower bound.
                assert!(
                    r.rate >= want - 1e-14 && r.rate - r.gap <= want + 1e-14,
                    "{name}"
                );
                assert!(r.gap <= 1e-12, "{name}: gap {}", r.gap);
                assert!(r.distortion <= d + 1e-14, "{name}: {} > {d}", r.distortion);
                // The test channel is a channel, and its output law is p Q.
                for row in r.test_channel.rows() {
                    assert!((row.sum() - 1.0).abs() < 1e-12 && row.iter().all(|&v| v >= 0.0));
                }
                let out = ndarray::Array1::from(p.clone()).dot(&r.test_channel);
                for (a, b) in out.iter().zip(&r.output_distribution) {
                    assert!((a - b).abs() < 1e-12);
                }
            }
        }
    }
}

#[test]
fn rate_distortion_agrees_with_the_binary_closed_form_and_units() {
    let ham = array![[0.0, 1.0], [1.0, 0.0]];
    for &(p, d) in &[(0.5, 0.11), (0.2, 0.05), (0.3, 0.29)] {
        let want = binary_rate_distortion(p, d, Base::Bits).unwrap();
        let params = RateDistortionOptions {
            base: Base::Bits,
            ..RateDistortionOptions::default()
        };
        let r = rate_distortion(&[p, 1.0 - p], ham.view(), d, &params).unwrap();
        assert!(
            (r.rate - want).abs() < 3e-12,
            "{p} {d}: {} vs {want}",
            r.rate
        );
        // The slope of h(p) − h(D) is −ln((1−D)/D) nats per unit distortion.
        assert!(
            (r.slope - ((1.0 - d) / d).ln()).abs() < 1e-6 * r.slope,
            "{}",
            r.slope
        );
    }
}

#[test]
fn rate_distortion_edges_and_errors() {
    let ham = array![[0.0, 1.0], [1.0, 0.0]];
    let p = [0.3, 0.7];
    let rd = |d: f64| rate_distortion(&p, ham.view(), d, &RateDistortionOptions::default());
    // D ≥ D_max: exactly 0 with the constant reproduction.
    let r = rd(0.3).unwrap();
    assert_eq!(r.rate, 0.0);
    assert_eq!(
        r.diagnostics.termination,
        sanov::iterate::Termination::Exact
    );
    assert_eq!(r.output_distribution.to_vec(), vec![0.0, 1.0]);
    assert_eq!(rd(f64::INFINITY).unwrap().rate, 0.0);
    // D = D_min = 0: the β → ∞ limit, R = H(p).
    let r = rd(0.0).unwrap();
    let h = -0.3 * 0.3f64.ln() - 0.7 * 0.7f64.ln();
    assert!((r.rate - h).abs() < 1e-12 && r.slope.is_infinite());
    assert!(matches!(rd(-0.1), Err(Error::Infeasible { .. })));
    assert!(matches!(
        rd(f64::NAN),
        Err(Error::InvalidParameter { name: "d", .. })
    ));
    let bad = array![[0.0, f64::NAN], [1.0, 0.0]];
    assert!(matches!(
        rate_distortion(&p, bad.view(), 0.1, &RateDistortionOptions::default()),
        Err(Error::NonFinite {
            arg: "distortion",
            index: 1,
            ..
        })
    ));
    let forbidden = array![[f64::INFINITY, f64::INFINITY], [1.0, 0.0]];
    assert!(matches!(
        rate_distortion(&p, forbidden.view(), 0.1, &RateDistortionOptions::default()),
        Err(Error::Infeasible { .. })
    ));
    let three = array![[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    assert!(matches!(
        rate_distortion(&p, three.view(), 0.1, &RateDistortionOptions::default()),
        Err(Error::ShapeMismatch {
            arg: "distortion",
            ..
        })
    ));
    assert!(matches!(
        rate_distortion(
            &[0.5, 0.6],
            ham.view(),
            0.1,
            &RateDistortionOptions::default()
        ),
        Err(Error::NotNormalized { .. })
    ));
    let tight = RateDistortionOptions {
        rule: StoppingRule {
            max_iterations: 3,
            tolerance: 1e-12,
        },
        ..RateDistortionOptions::default()
    };
    assert!(matches!(
        rate_distortion(
            &[0.2, 0.3, 0.5],
            (1.0 - Array2::<f64>::eye(3)).view(),
            0.1,
            &tight
        ),
        Err(Error::NotConverged { .. })
    ));
}

#[test]
fn rate_distortion_with_forbidden_pairs() {
    // Erasure-style distortion: reproduce exactly (0), erase (1), never flip (+∞).
    let inf = f64::INFINITY;
    let d = array![[0.0, 1.0, inf], [inf, 1.0, 0.0]];
    // R(D) = (1 − D) ln 2 nats for the uniform binary source (D = erasure probability).
    for &dd in &[0.0, 0.2, 0.5, 0.9] {
        let r =
            rate_distortion(&[0.5, 0.5], d.view(), dd, &RateDistortionOptions::default()).unwrap();
        assert!(
            (r.rate - (1.0 - dd) * 2f64.ln()).abs() < 2e-12,
            "{dd}: {}",
            r.rate
        );
    }
}
