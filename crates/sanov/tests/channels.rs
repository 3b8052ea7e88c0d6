//! Channel capacities and rate–distortion against `tests/data/channels.txt`, written by
//! `scripts/reference/generate_channels.py` (mpmath at 50 digits: closed forms, and
//! Blahut–Arimoto run to a certified gap below 1e-25 nats); error variants; properties.

use ndarray::{array, Array2};
use sanov::channels::{
    binary_erasure, binary_rate_distortion, binary_symmetric, channel_capacity, symmetric,
    typewriter, z_channel, CapacityParams,
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
            let params = CapacityParams {
                accelerate,
                rule: StoppingRule {
                    max_iterations: 200_000,
                    ..StoppingRule::default()
                },
                ..CapacityParams::default()
            };
            let r = channel_capacity(w.view(), params).unwrap_or_else(|e| panic!("{name}: {e}"));
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
    let bits = CapacityParams {
        base: Base::Bits,
        ..CapacityParams::default()
    };
    let c = |w: Array2<f64>| channel_capacity(w.view(), bits).unwrap().capacity;
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
    let plain = CapacityParams {
        accelerate: false,
        ..CapacityParams::default()
    };
    let a = channel_capacity(w.view(), CapacityParams::default()).unwrap();
    let b = channel_capacity(w.view(), plain).unwrap();
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
    let params = CapacityParams {
        rule: StoppingRule {
            max_iterations: 3,
            tolerance: 1e-12,
        },
        ..CapacityParams::default()
    };
    match channel_capacity(w.view(), params) {
        Err(Error::NotConverged {
            iterations: 3,
            residual,
        }) => assert!(residual > 1e-12),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_channels_are_typed_errors() {
    let p = CapacityParams::default();
    let e = Array2::<f64>::zeros((0, 2));
    assert_eq!(
        channel_capacity(e.view(), p).unwrap_err(),
        Error::Empty { arg: "channel" }
    );
    let e = Array2::<f64>::zeros((2, 0));
    assert_eq!(
        channel_capacity(e.view(), p).unwrap_err(),
        Error::Empty { arg: "channel" }
    );
    let w = array![[0.5, 0.5], [0.3, 0.6]];
    assert!(matches!(
        channel_capacity(w.view(), p),
        Err(Error::NotNormalized { row: Some(1), .. })
    ));
    let w = array![[0.5, 0.5], [f64::NAN, 0.5]];
    assert!(matches!(
        channel_capacity(w.view(), p),
        Err(Error::NonFinite { index: 2, .. })
    ));
    let w = array![[0.5, 0.5], [1.5, -0.5]];
    assert!(matches!(
        channel_capacity(w.view(), p),
        Err(Error::NegativeProbability { index: 3, .. })
    ));
    let bad_rule = CapacityParams {
        rule: StoppingRule {
            tolerance: -1.0,
            ..StoppingRule::default()
        },
        ..p
    };
    let w = array![[1.0]];
    assert!(matches!(
        channel_capacity(w.view(), bad_rule),
        Err(Error::InvalidParameter {
            name: "tolerance",
            ..
        })
    ));
    assert_eq!(channel_capacity(w.view(), p).unwrap().capacity, 0.0);
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
