//! The von Mises Fisher–Rao regulariser `d_FR(θ, θ_ref)²` (numeric geodesic): values against the
//! mpmath distances of `tests/data/geometry_distance.txt` (squared), gradients against central
//! differences of the distance and, near the reference, against the Fisher metric's quadratic
//! form `2 G(θ_ref) δ` (G from mpmath, `tests/data/geometry_fisher.txt`).

use sanov::families::VonMises;
use sanov::geometry::{fisher_rao_distance, fisher_rao_regularizer};

/// The numeric geodesic's stated accuracy (relative), as for the distances.
const TOL_NUMERIC: f64 = 1e-8;
/// Central differences with step `H` of the squared distance: truncation `O(H²)` times the
/// third derivative, plus the solver's noise over `H`.
const H: f64 = 1e-4;
const TOL_FD: f64 = 2e-5;

fn vm(m: f64, k: f64) -> VonMises {
    VonMises::new(m, k).unwrap()
}

fn pairs(line: &str) -> Vec<f64> {
    line.split(',').map(|v| v.trim().parse().unwrap()).collect()
}

#[test]
fn values_are_squared_mpmath_distances() {
    let table = include_str!("data/geometry_distance.txt");
    let mut n = 0;
    for line in table
        .lines()
        .filter(|l| l.starts_with("distance von_mises"))
    {
        let f: Vec<&str> = line.split('|').collect();
        let (a, b, d) = (
            pairs(f[1]),
            pairs(f[2]),
            f[3].trim().parse::<f64>().unwrap(),
        );
        let r = fisher_rao_regularizer(&vm(a[0], a[1]), &vm(b[0], b[1])).unwrap();
        assert!(
            (r.value - d * d).abs() <= 2.0 * TOL_NUMERIC * d * d,
            "{line}: {} vs {}",
            r.value,
            d * d
        );
        n += 1;
    }
    assert!(n >= 3);
}

#[test]
fn gradients_match_central_differences() {
    let d2 = |m: f64, k: f64, r: &VonMises| {
        let d = fisher_rao_distance(&vm(m, k), r).unwrap();
        d * d
    };
    for (m, k, mr, kr) in [
        (0.0, 2.0, 2.0, 10.0),
        (0.0, 1.0, 1.0, 0.5),
        (0.5, 5.0, -0.5, 5.0),
        (3.0, 0.7, -3.0, 1.5),
    ] {
        let r = vm(mr, kr);
        let g = fisher_rao_regularizer(&vm(m, k), &r).unwrap().gradient;
        let gm = (d2(m + H, k, &r) - d2(m - H, k, &r)) / (2.0 * H);
        let gk = (d2(m, k + H, &r) - d2(m, k - H, &r)) / (2.0 * H);
        for (got, want) in [(g[0], gm), (g[1], gk)] {
            assert!(
                (got - want).abs() <= TOL_FD * (1.0 + want.abs()),
                "({m},{k})->({mr},{kr}): {got} vs {want}"
            );
        }
    }
}

#[test]
fn near_the_reference_the_gradient_is_twice_the_metric() {
    // G(1, 2) = diag(1.395549315928016, 0.1642231977212077) (mpmath, geometry_fisher.txt).
    let (g11, g22) = (1.395_549_315_928_016, 0.164_223_197_721_207_7);
    let (dm, dk) = (1e-4, -2e-4);
    let r = fisher_rao_regularizer(&vm(1.0 + dm, 2.0 + dk), &vm(1.0, 2.0)).unwrap();
    // R = δᵀGδ + O(δ³), ∇R = 2Gδ + O(δ²).
    assert!((r.value - (g11 * dm * dm + g22 * dk * dk)).abs() < 1e-11);
    assert!(
        (r.gradient[0] - 2.0 * g11 * dm).abs() < 1e-7,
        "{:?}",
        r.gradient
    );
    assert!(
        (r.gradient[1] - 2.0 * g22 * dk).abs() < 1e-7,
        "{:?}",
        r.gradient
    );
    let z = fisher_rao_regularizer(&vm(1.0, 2.0), &vm(1.0, 2.0)).unwrap();
    assert_eq!((z.value, z.gradient), (0.0, vec![0.0, 0.0]));
}
