//! Special functions and family entropies / KL at extreme parameters (issue 17 item 3: values
//! that used to come out silently wrong, e.g. `h(Beta(1e300, 1e300)) = 0`), against the table
//! `tests/data/extreme.txt` written by `scripts/reference/generate_extreme.py` (closed forms in
//! mpmath at 800 digits).

use sanov::families::{Beta, Dirichlet, Gamma, Laplace, Normal, Poisson, Uniform};
use sanov::special::{ln_beta, ln_gamma};

/// Every value here is a sum of terms of the size of the result once the large parts are
/// cancelled analytically; a few ulps of each term, so 1e-13 relative.
const TOL_EXTREME: f64 = 1e-13;

/// Absolute floor near the zeros of ln |Γ| on the negative axis and for KL values of ~1e-10,
/// whose terms are of order `ψ(a) ≈ ln a ≤ 25` (a few ulps of that).
const TOL_EXTREME_ABS: f64 = 1e-14;

const TABLE: &str = include_str!("data/extreme.txt");

fn floats(s: &str) -> Vec<f64> {
    s.split([',', ';'])
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.trim().parse().expect("a float"))
        .collect()
}

fn compute(kind: &str, family: &str, p: &[f64], q: &[f64]) -> f64 {
    match (kind, family) {
        ("special", "lngamma") => ln_gamma(p[0]),
        ("special", "lnbeta") => ln_beta(p[0], p[1]),
        ("entropy", "beta") => Beta::new(p[0], p[1]).unwrap().differential_entropy(),
        ("entropy", "dirichlet") => Dirichlet::new(p).unwrap().differential_entropy(),
        ("entropy", "gamma") => Gamma::new(p[0], p[1]).unwrap().differential_entropy(),
        ("entropy", "uniform") => Uniform::new(p[0], p[1]).unwrap().differential_entropy(),
        ("entropy", "laplace") => Laplace::new(p[0], p[1]).unwrap().differential_entropy(),
        ("entropy", "normal") => Normal::new(p[0], p[1]).unwrap().differential_entropy(),
        ("entropy", "poisson") => Poisson::new(p[0]).unwrap().entropy(),
        ("kl", "gamma") => Gamma::new(p[0], p[1])
            .unwrap()
            .kl_divergence(&Gamma::new(q[0], q[1]).unwrap()),
        other => panic!("unknown row kind {other:?}"),
    }
}

#[test]
fn extreme_parameters_match_mpmath() {
    let mut n = 0;
    let mut failures = Vec::new();
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('|').collect();
        let mut head = f[0].split_whitespace();
        let (kind, family) = (head.next().unwrap(), head.next().unwrap());
        let (p, q) = (floats(f[1]), floats(f[2]));
        let want: f64 = f[3].trim().parse().unwrap();
        let got = compute(kind, family, &p, &q);
        let ok = (got - want).abs() <= TOL_EXTREME * want.abs() + TOL_EXTREME_ABS;
        if !ok {
            failures.push(format!("{line}: got {got:?}"));
        }
        n += 1;
    }
    assert!(n >= 50, "the table has {n} rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `scipy.special.gammaln`: +∞ at the poles 0, −1, −2, … and at +∞, −∞ at −∞; NaN only for
/// NaN.
#[test]
fn ln_gamma_poles_and_infinities() {
    for x in [0.0, -0.0, -1.0, -2.0, -170.0, -1e10, -1e300, f64::INFINITY] {
        assert_eq!(ln_gamma(x), f64::INFINITY, "x = {x}");
    }
    assert_eq!(ln_gamma(f64::NEG_INFINITY), f64::NEG_INFINITY);
    assert!(ln_gamma(f64::NAN).is_nan());
}
