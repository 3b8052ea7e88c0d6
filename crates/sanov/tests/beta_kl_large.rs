//! `Beta::kl_divergence` at large parameters (issue 17: values near 1e300 were wrong) against
//! mpmath at 700 digits (`scripts/reference/generate_beta_kl_large.py`).

use sanov::families::Beta;

/// Relative tolerance (plus an absolute floor for values near 0).
const REL_TOL: f64 = 1e-12;
const ABS_TOL: f64 = 1e-14;

#[test]
fn kl_matches_mpmath_at_large_parameters() {
    let table = include_str!("data/beta_kl_large.txt");
    let mut n = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let v: Vec<f64> = line
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        let p = Beta::new(v[0], v[1]).unwrap();
        let q = Beta::new(v[2], v[3]).unwrap();
        let got = p.kl_divergence(&q);
        assert!(
            (got - v[4]).abs() <= REL_TOL * v[4].abs() + ABS_TOL,
            "{line}: got {got:e}, rel err {:e}",
            (got - v[4]).abs() / v[4].abs()
        );
        n += 1;
    }
    assert_eq!(n, 14);
}
