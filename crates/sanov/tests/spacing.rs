//! Spacing estimators of differential entropy against `scipy.stats.differential_entropy`
//! (table from `scripts/reference/generate_spacing.py`), and their typed errors.

use sanov::estimators::{default_window_length, spacing_entropy, SpacingMethod};
use sanov::{Base, Error, Par};

const TABLE: &str = include_str!("data/spacing.txt");

/// SciPy evaluates each logarithm separately and sums pairwise; sanov sums logarithms of
/// mantissa products with compensation: both within a few ulps of the mean; 1e-12 relative
/// (the bound) with an absolute floor of 1e-12 for estimates near 0.
const TOL_SCIPY: f64 = 1e-12;

#[test]
fn matches_scipy() {
    let mut x: Vec<f64> = Vec::new();
    let mut name = String::new();
    let mut checked = 0;
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f[0] {
            "case" => name = f[1].to_string(),
            "x" => x = f[1].split(',').map(|s| s.parse().unwrap()).collect(),
            tag => {
                let method = match tag {
                    "vasicek" => SpacingMethod::Vasicek,
                    "van_es" => SpacingMethod::VanEs,
                    "ebrahimi" => SpacingMethod::Ebrahimi,
                    "correa" => SpacingMethod::Correa,
                    "auto" => SpacingMethod::Auto,
                    _ => panic!("unknown tag {tag}"),
                };
                let m: usize = f[1].parse().unwrap();
                let window = (m > 0).then_some(m);
                let want: f64 = f[2].parse().unwrap();
                for par in [Par::Seq, Par::rayon(3)] {
                    let got = spacing_entropy(&x, method, window, Base::Nats, par).unwrap();
                    assert!(
                        (got - want).abs() <= TOL_SCIPY * want.abs().max(1.0),
                        "{name} {tag} m={m} {par:?}: got {got}, want {want}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 110, "number of reference values");
}

#[test]
fn conventions_and_errors() {
    assert_eq!(default_window_length(100), 10);
    assert_eq!(default_window_length(1000), 32);
    let x: Vec<f64> = (0..50).map(|i| (f64::from(i) * 0.618).fract()).collect();
    let nats = spacing_entropy(&x, SpacingMethod::Vasicek, None, Base::Nats, Par::Seq).unwrap();
    let bits = spacing_entropy(&x, SpacingMethod::Vasicek, None, Base::Bits, Par::Seq).unwrap();
    assert!((bits - nats / core::f64::consts::LN_2).abs() < 1e-15);
    // Ties: −∞ for Vasicek, an error for a flat Correa window.
    let mut t = x.clone();
    t.extend([0.5; 30]);
    assert_eq!(
        spacing_entropy(&t, SpacingMethod::Vasicek, Some(3), Base::Nats, Par::Seq).unwrap(),
        f64::NEG_INFINITY
    );
    assert!(matches!(
        spacing_entropy(&t, SpacingMethod::Correa, Some(3), Base::Nats, Par::Seq),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        spacing_entropy(&[], SpacingMethod::Auto, None, Base::Nats, Par::Seq),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        spacing_entropy(
            &[1.0, f64::NAN, 2.0, 3.0, 4.0],
            SpacingMethod::Auto,
            Some(1),
            Base::Nats,
            Par::Seq
        ),
        Err(Error::NonFinite { index: 1, .. })
    ));
    for m in [0, 25, 30] {
        assert!(matches!(
            spacing_entropy(&x, SpacingMethod::Auto, Some(m), Base::Nats, Par::Seq),
            Err(Error::InvalidParameter {
                name: "window_length",
                ..
            })
        ));
    }
    assert!(spacing_entropy(&x, SpacingMethod::Auto, Some(24), Base::Nats, Par::Seq).is_ok());
}
