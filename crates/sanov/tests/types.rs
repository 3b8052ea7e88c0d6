//! sanov::method_of_types against `tests/data/types.txt`, written by
//! `scripts/reference/generate_types.py` (exact big-integer factorials for n ≤ 3000, mpmath
//! `loggamma` at 50 digits above, up to n = 10⁶ and the Figure-1 regime d = 50 000); plus
//! properties (Sanov bounds ordered, class sizes summing to |X|ⁿ) and error variants.
//!
//! `figure1_series` is deprecated (0.2.0; the CLI builds Figure 1 now) but still public until
//! 0.3, so its reference checks stay.
#![allow(deprecated)]

use sanov::method_of_types::{
    figure1_default_n_values, figure1_series, log_multinomial_coefficient,
    log_multinomial_coefficient_approx, log_multinomial_probability,
    multinomial_stirling_comparison, sanov_type_bounds, type_classes, Approximation, Figure1Panel,
};
use sanov::Error;

/// Log multinomial coefficients and the approximations: relative. The Stirling decomposition
/// sums non-negative `k ln(n/k)` terms and small corrections with compensated sums, so the
/// error is a few ulps of the result (measured ≤ 3e-15).
const TOL_LMC: f64 = 1e-12;
/// Relative errors of Figure 1: `(approx − exact)/exact` with both sides accurate to
/// `TOL_LMC`; for the Stirling estimate the difference is ~1e-5 of `exact`, so the relative
/// error carries `TOL_LMC / 1e-5` of its own size.
const TOL_FIG1_REL_ERR: f64 = 1e-6;
/// Type-class probabilities and Sanov bounds: relative `TOL_LMC`, plus the conditioning of
/// `n D(P‖q) = Σ k_i ln(k_i/(n q_i))`: the ratio is rounded twice, so each count unit carries an
/// absolute error of ~2 ulps of 1, i.e. `8 n ε` in all.
const TOL_PROB_PER_COUNT: f64 = 8.0 * f64::EPSILON;

const TABLE: &str = include_str!("data/types.txt");

fn counts(s: &str) -> Vec<u64> {
    s.split(',').map(|v| v.parse().expect("a count")).collect()
}

fn floats(s: &str) -> Vec<f64> {
    s.split(',').map(|v| v.parse().expect("a float")).collect()
}

fn hist(s: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for item in s.split(',') {
        let (v, m) = item.split_once(':').expect("value:mult");
        let (v, m): (u64, usize) = (v.parse().unwrap(), m.parse().unwrap());
        out.extend(std::iter::repeat_n(v, m));
    }
    out
}

fn close(case: &str, got: f64, want: f64, abs: f64, rel: f64) {
    let t = abs + rel * want.abs();
    assert!(
        (got - want).abs() <= t || got == want,
        "{case}: got {got}, want {want} (diff {:e}, tol {t:e})",
        got - want
    );
}

fn rows(kind: &str) -> impl Iterator<Item = Vec<&'static str>> + '_ {
    TABLE
        .lines()
        .map(|l| l.split(' ').collect::<Vec<_>>())
        .filter(move |f| f[0] == kind)
}

#[test]
fn log_multinomial_coefficient_matches_reference() {
    let mut seen = 0;
    for f in rows("lmc").chain(rows("hist")) {
        let c = if f[0] == "lmc" {
            counts(f[2])
        } else {
            hist(f[2])
        };
        let want: f64 = f[3].parse().unwrap();
        close(
            f[1],
            log_multinomial_coefficient(&c).unwrap(),
            want,
            0.0,
            TOL_LMC,
        );
        let cmp = multinomial_stirling_comparison(&c).unwrap();
        close(f[1], cmp.exact, want, 0.0, TOL_LMC);
        seen += 1;
    }
    assert!(seen >= 20);
}

#[test]
fn approximations_match_reference() {
    for f in rows("approx") {
        let c = counts(f[2]);
        let (nh, st): (f64, f64) = (f[3].parse().unwrap(), f[4].parse().unwrap());
        let got_nh = log_multinomial_coefficient_approx(&c, Approximation::Nh).unwrap();
        let got_st = log_multinomial_coefficient_approx(&c, Approximation::Stirling).unwrap();
        close(f[1], got_nh, nh, 0.0, TOL_LMC);
        close(f[1], got_st, st, 0.0, TOL_LMC);
        let exact = log_multinomial_coefficient(&c).unwrap();
        assert!(exact <= got_st && got_st <= got_nh, "{}: ordering", f[1]);
    }
}

#[test]
fn probability_and_sanov_bounds_match_reference() {
    for f in rows("prob") {
        let c = counts(f[2]);
        let q = floats(f[3]);
        let want: Vec<f64> = f[4..7].iter().map(|v| v.parse().unwrap()).collect();
        let n: u64 = c.iter().sum();
        let abs = TOL_PROB_PER_COUNT * n as f64;
        let lp = log_multinomial_probability(&c, &q).unwrap();
        close(f[1], lp, want[0], abs, TOL_LMC);
        let b = sanov_type_bounds(&c, &q).unwrap();
        close(f[1], b.log_probability, want[0], abs, TOL_LMC);
        close(f[1], b.lower, want[1], abs, TOL_LMC);
        close(f[1], b.upper, want[2], abs, TOL_LMC);
        assert!(b.lower <= b.log_probability && b.log_probability <= b.upper + abs);
        assert_eq!(b.to_array(), [b.lower, b.log_probability, b.upper]);
    }
}

#[test]
fn figure1_matches_reference() {
    let mut seen = 0;
    for f in rows("fig1") {
        let d: usize = f[2].parse().unwrap();
        let seed: u64 = f[3].parse().unwrap();
        let n: u64 = f[4].parse().unwrap();
        let panel = match f[1] {
            "uniform" => Figure1Panel::UniformOrthant,
            "dirichlet" => Figure1Panel::Dirichlet { seed },
            other => panel_error(other),
        };
        let s = figure1_series(d, &[n], panel).unwrap();
        let want: Vec<f64> = f[5..8].iter().map(|v| v.parse().unwrap()).collect();
        let case = format!("fig1 {} n={n}", f[1]);
        close(&case, s.exact[0], want[0], 0.0, TOL_LMC);
        close(
            &case,
            s.relative_error_nh[0],
            want[1],
            0.0,
            TOL_FIG1_REL_ERR,
        );
        close(
            &case,
            s.relative_error_stirling[0],
            want[2],
            0.0,
            TOL_FIG1_REL_ERR,
        );
        seen += 1;
    }
    assert_eq!(seen, 6);
}

fn panel_error(name: &str) -> Figure1Panel {
    panic!("unknown panel {name}")
}

#[test]
fn figure1_full_series_shapes() {
    let n = figure1_default_n_values(50_000);
    for panel in [
        Figure1Panel::UniformOrthant,
        Figure1Panel::Dirichlet { seed: 0 },
    ] {
        let s = figure1_series(50_000, &n, panel).unwrap();
        assert_eq!(s.n, n);
        for ((&a, &b), &ni) in s
            .relative_error_nh
            .iter()
            .zip(&s.relative_error_stirling)
            .zip(&n)
        {
            assert!(0.0 < b && b < a, "{panel:?} n={ni}: {a} {b}");
        }
        // nH's relative error shrinks as n grows.
        assert!(s.relative_error_nh[19] < s.relative_error_nh[0]);
    }
}

#[test]
fn type_classes_cover_all_sequences() {
    for (n, m) in [(1u64, 1usize), (6, 3), (10, 4), (4, 7)] {
        let t = type_classes(n, m).unwrap();
        let total: f64 = t.iter().map(|c| c.log_size.exp()).sum();
        let want = (m as f64).powi(n as i32);
        assert!((total - want).abs() <= 1e-12 * want, "n={n} m={m}");
        for c in &t {
            assert_eq!(c.counts.iter().sum::<u64>(), n);
            assert_eq!(c.log_size, log_multinomial_coefficient(&c.counts).unwrap());
        }
        // Cover & Thomas Theorem 11.1.1: at most (n+1)^|X| types.
        assert!(t.len() as f64 <= ((n + 1) as f64).powi(m as i32));
    }
}

#[test]
fn sanov_bounds_ordered_on_all_types() {
    let q = [0.5, 0.3, 0.2];
    for c in type_classes(12, 3).unwrap() {
        let b = sanov_type_bounds(&c.counts, &q).unwrap();
        assert!(b.lower <= b.log_probability && b.log_probability <= b.upper + 1e-12);
    }
    let b = sanov_type_bounds(&[3, 1], &[1.0, 0.0]).unwrap();
    assert_eq!(b.to_array(), [f64::NEG_INFINITY; 3]);
    assert_eq!(
        log_multinomial_probability(&[3, 0], &[1.0, 0.0]).unwrap(),
        0.0
    );
}

#[test]
fn error_variants() {
    assert_eq!(
        log_multinomial_coefficient(&[]),
        Err(Error::Empty { arg: "counts" })
    );
    assert_eq!(
        log_multinomial_coefficient(&[0, 0]),
        Err(Error::ZeroMass { arg: "counts" })
    );
    assert!(matches!(
        log_multinomial_coefficient(&[u64::MAX, 1]),
        Err(Error::InvalidParameter { name: "n", .. })
    ));
    assert_eq!(
        log_multinomial_probability(&[1, 2], &[1.0]),
        Err(Error::LengthMismatch {
            left_arg: "counts",
            left: 2,
            right_arg: "q",
            right: 1
        })
    );
    assert!(matches!(
        sanov_type_bounds(&[1, 2], &[0.5, 0.6]),
        Err(Error::NotNormalized { arg: "q", .. })
    ));
    assert!(matches!(
        log_multinomial_probability(&[1, 2], &[1.5, -0.5]),
        Err(Error::NegativeProbability {
            arg: "q",
            index: 1,
            ..
        })
    ));
    assert_eq!(
        log_multinomial_coefficient_approx(&[0], Approximation::Stirling),
        Err(Error::ZeroMass { arg: "counts" })
    );
    assert!(matches!(
        type_classes(0, 3),
        Err(Error::InvalidParameter { name: "n", .. })
    ));
    assert!(matches!(
        type_classes(100, 0),
        Err(Error::InvalidParameter {
            name: "alphabet_size",
            ..
        })
    ));
    assert!(matches!(
        type_classes(1000, 20),
        Err(Error::InvalidParameter { name: "n", .. })
    ));
    assert!(matches!(
        figure1_series(10, &[5], Figure1Panel::UniformOrthant),
        Err(Error::InvalidParameter { name: "n", .. })
    ));
    assert_eq!(
        figure1_series(10, &[], Figure1Panel::UniformOrthant),
        Err(Error::Empty { arg: "n_values" })
    );
    assert!(matches!(
        figure1_series(0, &[5], Figure1Panel::UniformOrthant),
        Err(Error::InvalidParameter { name: "d", .. })
    ));
}
