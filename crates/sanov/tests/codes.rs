//! sanov::coding MDL functions against `tests/data/codes.txt`, written by
//! `scripts/reference/generate_codes.py` (C(K, n) as exact rationals over all compositions for
//! small K, n; mpmath at 50 digits beyond; Fano and kl-inverse roots by mpmath findroot),
//! properties (C increasing in K and n, kl(p̂‖kl⁻¹) = c, Fano monotone) and errors.

use proptest::prelude::*;
use sanov::bounds::{fano_error_lower_bound, kelly_growth_rate, kl_inverse, pac_bayes_kl_bound};
use sanov::coding::{
    bits_per_byte, bits_per_character, nml_code_length, nml_parametric_complexity,
    two_part_code_length, NML_MAX_N,
};
use sanov::divergences::{gan_optimal_value, js_divergence};
use sanov::{Base, Error};

/// `ln C(K, n)` for `n ≤ 1000`: `ln Γ` of arguments ≤ 1001 carries ~1e-13 absolute error.
const TOL_SMALL: f64 = 1e-12;
/// `ln C(K, n)` for `n ≤ 10⁴`: `n ln n · ε` through `ln Γ`.
const TOL_LARGE: f64 = 1e-10;

/// Fano and kl-inverse roots: bisection to 1e-15 plus rounding of the function near a root
/// with derivative of order 1 (the table's cases keep away from flat ends).
const TOL_ROOT: f64 = 1e-13;

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

fn kl_bern(p: f64, q: f64) -> f64 {
    let a = if p > 0.0 { p * (p / q).ln() } else { 0.0 };
    a + (1.0 - p) * ((1.0 - p) / (1.0 - q)).ln()
}

#[test]
fn fano_and_kl_inverse_match_reference() {
    let (mut nf, mut nk) = (0, 0);
    for line in TABLE.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        match f[0] {
            "fano" => {
                let h: f64 = f[1].parse().unwrap();
                let m: usize = f[2].parse().unwrap();
                let want: f64 = f[3].parse().unwrap();
                let got = fano_error_lower_bound(h, m, Base::Nats).unwrap();
                assert!(
                    (got - want).abs() <= TOL_ROOT,
                    "fano {h} {m}: {got} vs {want}"
                );
                nf += 1;
            }
            "klinv" => {
                let p: f64 = f[1].parse().unwrap();
                let c: f64 = f[2].parse().unwrap();
                let want: f64 = f[3].parse().unwrap();
                let got = kl_inverse(p, c).unwrap();
                assert!(
                    (got - want).abs() <= TOL_ROOT,
                    "klinv {p} {c}: {got} vs {want}"
                );
                nk += 1;
            }
            _ => {}
        }
    }
    assert_eq!((nf, nk), (7, 6));
}

#[test]
fn bounds_edges_and_errors() {
    assert_eq!(fano_error_lower_bound(0.0, 5, Base::Nats).unwrap(), 0.0);
    assert_eq!(fano_error_lower_bound(0.0, 1, Base::Nats).unwrap(), 0.0);
    let top = fano_error_lower_bound(3f64.ln(), 3, Base::Nats).unwrap();
    assert!((top - 2.0 / 3.0).abs() < 1e-7);
    assert!((fano_error_lower_bound(1.0, 2, Base::Bits).unwrap() - 0.5).abs() < 1e-7);
    assert_eq!(kl_inverse(1.0, 0.3).unwrap(), 1.0);
    assert_eq!(kl_inverse(0.3, 0.0).unwrap(), 0.3);
    assert_eq!(kl_inverse(0.3, f64::INFINITY).unwrap(), 1.0);
    let c = (2.0 + (2.0 * 100f64.sqrt() / 0.1).ln()) / 100.0;
    assert_eq!(
        pac_bayes_kl_bound(0.2, 2.0, 100, 0.1).unwrap(),
        kl_inverse(0.2, c).unwrap()
    );
    for (h, m) in [
        (-0.1, 2),
        (f64::NAN, 2),
        (f64::INFINITY, 2),
        (0.1, 0),
        (0.1, 1),
        (0.8, 2),
    ] {
        assert!(matches!(
            fano_error_lower_bound(h, m, Base::Nats),
            Err(Error::InvalidParameter { .. })
        ));
    }
    for (p, c) in [
        (-0.1, 0.1),
        (1.1, 0.1),
        (f64::NAN, 0.1),
        (0.5, -1.0),
        (0.5, f64::NAN),
    ] {
        assert!(matches!(
            kl_inverse(p, c),
            Err(Error::InvalidParameter { .. })
        ));
    }
    for (r, kl, n, d) in [
        (1.5, 1.0, 10, 0.1),
        (0.5, -1.0, 10, 0.1),
        (0.5, f64::NAN, 10, 0.1),
        (0.5, 1.0, 0, 0.1),
        (0.5, 1.0, 10, 0.0),
        (0.5, 1.0, 10, 1.0),
        (0.5, 1.0, 10, f64::NAN),
    ] {
        assert!(matches!(
            pac_bayes_kl_bound(r, kl, n, d),
            Err(Error::InvalidParameter { .. })
        ));
    }
}

proptest! {
    #[test]
    fn kl_of_kl_inverse_is_c(p in 0.0f64..0.99, c in 1e-3f64..2.0) {
        let q = kl_inverse(p, c).unwrap();
        prop_assert!(q >= p && q < 1.0);
        // kl(p̂‖q) = c at the root: q satisfies the constraint and a step of twice the
        // bisection bracket past it breaks it (unless that step leaves [0, 1): the root then
        // lies within 2e-15 of 1, closer than f64 resolves).
        prop_assert!(kl_bern(p, q) <= c + 1e-12);
        let q2 = q + 2e-15;
        if q2 < 1.0 {
            prop_assert!(kl_bern(p, q2) >= c - 1e-12, "kl at q + 2e-15 below c");
        }
    }

    #[test]
    fn fano_monotone_in_h(m in 2usize..50, a in 0.0f64..1.0, b in 0.0f64..1.0) {
        let ln_m = (m as f64).ln();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let pl = fano_error_lower_bound(lo * ln_m, m, Base::Nats).unwrap();
        let ph = fano_error_lower_bound(hi * ln_m, m, Base::Nats).unwrap();
        prop_assert!(pl <= ph);
        prop_assert!(ph <= 1.0 - 1.0 / m as f64);
    }
}

fn floats(s: &str) -> Vec<f64> {
    s.split(',').map(|v| v.parse().unwrap()).collect()
}

/// Kelly and GAN values: compensated sums of a few logarithms.
const TOL_SUM: f64 = 1e-14;

#[test]
fn kelly_and_gan_match_reference() {
    let (mut nk, mut ng) = (0, 0);
    for line in TABLE.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        match f[0] {
            "kelly" => {
                let (p, b, o) = (floats(f[1]), floats(f[2]), floats(f[3]));
                let (w, ws): (f64, f64) = (f[4].parse().unwrap(), f[5].parse().unwrap());
                let (gw, gws) = kelly_growth_rate(&p, &b, &o, Base::Nats).unwrap();
                assert!(
                    (gw - w).abs() <= TOL_SUM && (gws - ws).abs() <= TOL_SUM,
                    "{line}"
                );
                // W* is attained at b = p and is the maximum.
                let (at_p, _) = kelly_growth_rate(&p, &p, &o, Base::Nats).unwrap();
                assert!((at_p - gws).abs() <= TOL_SUM && gw <= gws + TOL_SUM);
                nk += 1;
            }
            "gan" => {
                let (p, q) = (floats(f[1]), floats(f[2]));
                let v: f64 = f[3].parse().unwrap();
                let g = gan_optimal_value(&p, &q, Base::Nats).unwrap();
                assert!((g - v).abs() <= TOL_SUM, "{line}");
                let js = js_divergence(&p, &q, Base::Nats).unwrap();
                assert!((g - (2.0 * js - 4f64.ln())).abs() <= TOL_SUM);
                ng += 1;
            }
            _ => {}
        }
    }
    assert_eq!((nk, ng), (3, 4));
}

#[test]
fn kelly_and_gan_errors() {
    let (w, _) = kelly_growth_rate(&[0.5, 0.5], &[1.0, 0.0], &[2.0, 2.0], Base::Nats).unwrap();
    assert_eq!(w, f64::NEG_INFINITY);
    assert!(matches!(
        kelly_growth_rate(&[0.5, 0.5], &[1.0], &[2.0, 2.0], Base::Nats),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        kelly_growth_rate(&[0.5, 0.5], &[0.5, 0.5], &[2.0], Base::Nats),
        Err(Error::LengthMismatch { .. })
    ));
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            kelly_growth_rate(&[0.5, 0.5], &[0.5, 0.5], &[2.0, bad], Base::Nats),
            Err(Error::OutOfRange {
                arg: "odds",
                index: 1,
                ..
            })
        ));
    }
    assert!(kelly_growth_rate(&[0.5, 0.6], &[0.5, 0.5], &[2.0, 2.0], Base::Nats).is_err());
    assert!(kelly_growth_rate(&[], &[], &[], Base::Nats).is_err());
    assert!(gan_optimal_value(&[0.5, 0.5], &[1.0], Base::Nats).is_err());
    assert!(gan_optimal_value(&[0.5, 0.6], &[0.5, 0.5], Base::Nats).is_err());
    assert!(gan_optimal_value(&[], &[], Base::Nats).is_err());
    assert!(gan_optimal_value(&[f64::NAN, 1.0], &[0.5, 0.5], Base::Nats).is_err());
}
