//! sanov::coding MDL functions against `tests/data/codes.txt`, written by
//! `scripts/reference/generate_codes.py` (C(K, n) as exact rationals over all compositions for
//! small K, n; mpmath at 50 digits beyond), properties (C increasing in K and n) and errors.

use proptest::prelude::*;
use sanov::coding::{
    bits_per_byte, bits_per_character, nml_code_length, nml_parametric_complexity,
    two_part_code_length, NML_MAX_N,
};
use sanov::{Base, Error};

/// `ln C(K, n)` for `n ≤ 1000`: `ln Γ` of arguments ≤ 1001 carries ~1e-13 absolute error.
const TOL_SMALL: f64 = 1e-12;
/// `ln C(K, n)` for `n ≤ 10⁴`: `n ln n · ε` through `ln Γ`.
const TOL_LARGE: f64 = 1e-10;

const TABLE: &str = include_str!("data/codes.txt");

fn tol(n: u64) -> f64 {
    if n <= 1000 {
        TOL_SMALL
    } else {
        TOL_LARGE
    }
}

#[test]
fn complexity_matches_reference() {
    let mut seen = 0;
    for line in TABLE.lines().filter(|l| l.starts_with("complexity ")) {
        let f: Vec<&str> = line.split(' ').collect();
        let k: usize = f[1].parse().unwrap();
        let n: u64 = f[2].parse().unwrap();
        let want: f64 = f[3].parse().unwrap();
        let got = nml_parametric_complexity(k, n, Base::Nats).unwrap();
        assert!((got - want).abs() <= tol(n), "K={k} n={n}: {got} vs {want}");
        let bits = nml_parametric_complexity(k, n, Base::Bits).unwrap();
        assert!((bits - want / 2f64.ln()).abs() <= 2.0 * tol(n));
        seen += 1;
    }
    assert!(seen > 50);
}

#[test]
fn nml_code_length_matches_reference() {
    let mut seen = 0;
    for line in TABLE.lines().filter(|l| l.starts_with("nml ")) {
        let f: Vec<&str> = line.split(' ').collect();
        let counts: Vec<u64> = f[1].split(',').map(|v| v.parse().unwrap()).collect();
        let want: f64 = f[2].parse().unwrap();
        let got = nml_code_length(&counts, Base::Nats).unwrap();
        let n: u64 = counts.iter().sum();
        assert!(
            (got - want).abs() <= tol(n) * want.abs().max(1.0),
            "{counts:?}: {got} vs {want}"
        );
        seen += 1;
    }
    assert_eq!(seen, 6);
}

#[test]
fn large_n_is_finite_and_ordered() {
    let a = nml_parametric_complexity(2, 1_000_000, Base::Nats).unwrap();
    // Rissanen's asymptotics: ln C(2, n) ≈ ½ ln(n/2) + ln Γ(1/2)^2/Γ(1) = ½ ln(nπ/2).
    let asym = 0.5 * (1e6 * core::f64::consts::PI / 2.0).ln();
    assert!((a - asym).abs() < 1e-3, "{a} vs {asym}");
    let b = nml_parametric_complexity(1000, 1_000_000, Base::Nats).unwrap();
    assert!(b.is_finite() && b > a);
}

#[test]
fn two_part_and_per_unit_bits() {
    let l = two_part_code_length(5.0, 3, 64, Base::Bits).unwrap();
    assert!((l - (5.0 / 2f64.ln() + 1.5 * 6.0)).abs() < 1e-14);
    assert!((bits_per_byte(8.0 * 2f64.ln(), 8).unwrap() - 1.0).abs() < 1e-15);
    assert!((bits_per_character(0.0, 1).unwrap()).abs() == 0.0);
}

#[test]
fn errors() {
    assert!(matches!(
        nml_parametric_complexity(0, 5, Base::Nats),
        Err(Error::InvalidParameter { name: "k", .. })
    ));
    assert!(matches!(
        nml_parametric_complexity(2, NML_MAX_N + 1, Base::Nats),
        Err(Error::InvalidParameter { name: "n", .. })
    ));
    assert!(matches!(
        nml_code_length(&[], Base::Nats),
        Err(Error::Empty { arg: "counts" })
    ));
    assert!(matches!(
        nml_code_length(&[u64::MAX, 1], Base::Nats),
        Err(Error::InvalidParameter { name: "n", .. })
    ));
    for bad in [f64::NAN, f64::INFINITY, -1.0] {
        assert!(matches!(
            two_part_code_length(bad, 1, 10, Base::Nats),
            Err(Error::InvalidParameter {
                name: "neg_log_likelihood",
                ..
            })
        ));
        assert!(matches!(
            bits_per_byte(bad, 10),
            Err(Error::InvalidParameter {
                name: "total_nats",
                ..
            })
        ));
        assert!(matches!(
            bits_per_character(bad, 10),
            Err(Error::InvalidParameter {
                name: "total_nats",
                ..
            })
        ));
    }
    assert!(matches!(
        two_part_code_length(1.0, 1, 0, Base::Nats),
        Err(Error::InvalidParameter { name: "n", .. })
    ));
    assert!(matches!(
        bits_per_byte(1.0, 0),
        Err(Error::InvalidParameter {
            name: "n_bytes",
            ..
        })
    ));
    assert!(matches!(
        bits_per_character(1.0, 0),
        Err(Error::InvalidParameter {
            name: "n_chars",
            ..
        })
    ));
}

proptest! {
    #[test]
    fn complexity_increases_in_k_and_n(k in 1usize..40, n in 1u64..400) {
        let c = nml_parametric_complexity(k, n, Base::Nats).unwrap();
        let ck = nml_parametric_complexity(k + 1, n, Base::Nats).unwrap();
        let cn = nml_parametric_complexity(k, n + 1, Base::Nats).unwrap();
        if k == 1 {
            prop_assert_eq!(c, 0.0);
            prop_assert_eq!(cn, 0.0);
        } else {
            prop_assert!(cn > c);
        }
        prop_assert!(ck > c);
    }
}
