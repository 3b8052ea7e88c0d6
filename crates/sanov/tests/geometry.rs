//! Information geometry: Fisher information, Fisher–Rao distances (closed forms and the
//! numeric geodesic solver), geodesic paths, the natural gradient and the Fisher–Rao
//! regulariser.

use ndarray::{array, Array1, Array2};
use sanov::families::{MultivariateNormal, Normal};
use sanov::geometry::numeric::{geodesic, GeodesicOptions};
use sanov::geometry::{fisher_rao_distance, FisherRao};

/// Numeric geodesic distances against closed forms: the solver's stated accuracy is 1e-8
/// relative (it refines until successive lengths agree to 1e-10).
const TOL_NUMERIC: f64 = 1e-8;

fn mvn(mean: &[f64], cov: &[f64]) -> MultivariateNormal {
    let k = mean.len();
    MultivariateNormal::new(
        Array1::from(mean.to_vec()).view(),
        Array2::from_shape_vec((k, k), cov.to_vec()).unwrap().view(),
    )
    .unwrap()
}

fn rel(got: f64, want: f64) -> f64 {
    ((got - want) / want).abs()
}

#[test]
fn numeric_solver_reproduces_the_normal_half_plane() {
    // Chart (μ, ln σ): G = diag(e^{−2u}, 2).
    let metric = |u: &[f64]| Some(array![[(-2.0 * u[1]).exp(), 0.0], [0.0, 2.0]]);
    for (a, b) in [
        ((0.0, 1.0), (3.0, 0.5)),
        ((-1.0, 2.0), (1.0, 2.0)),
        ((0.0, 1.0), (0.0, 5.0)),
    ] {
        let g = geodesic(
            metric,
            &[a.0, f64::ln(a.1)],
            &[b.0, f64::ln(b.1)],
            &GeodesicOptions::default(),
        )
        .unwrap();
        let want = Normal::new(a.0, a.1)
            .unwrap()
            .fisher_rao_distance(&Normal::new(b.0, b.1).unwrap())
            .unwrap();
        assert!(
            rel(g.distance, want) < TOL_NUMERIC,
            "{a:?} {b:?}: {} vs {want}",
            g.distance
        );
    }
}

#[test]
fn mvn_numeric_matches_closed_forms() {
    // Dimension 1: the normal distance.
    let d = fisher_rao_distance(&mvn(&[0.0], &[1.0]), &mvn(&[2.0], &[0.25])).unwrap();
    let want = fisher_rao_distance(
        &Normal::new(0.0, 1.0).unwrap(),
        &Normal::new(2.0, 0.5).unwrap(),
    )
    .unwrap();
    assert!(rel(d, want) < TOL_NUMERIC, "{d} vs {want}");
    // Equal means: √(½ Σ ln² λ_i(Σ₁⁻¹Σ₂)); Σ₁ = I so λ are the eigenvalues of Σ₂.
    let (a, b, c) = (2.0f64, 0.5f64, 1.0f64);
    let tr = a + c;
    let det = a * c - b * b;
    let disc = (tr * tr / 4.0 - det).sqrt();
    let (l1, l2) = (tr / 2.0 + disc, tr / 2.0 - disc);
    let want = (0.5 * (l1.ln().powi(2) + l2.ln().powi(2))).sqrt();
    let d = fisher_rao_distance(
        &mvn(&[0.3, -0.2], &[1.0, 0.0, 0.0, 1.0]),
        &mvn(&[0.3, -0.2], &[a, b, b, c]),
    )
    .unwrap();
    assert!(rel(d, want) < TOL_NUMERIC, "{d} vs {want}");
    // Product submanifold (fixed by the reflection x₁ ↦ −x₁): first coordinate zero-mean,
    // diagonal covariance; d² = 2 ln²(σ₁'/σ₁) + d_normal².
    let d = fisher_rao_distance(
        &mvn(&[0.0, 1.0], &[1.0, 0.0, 0.0, 4.0]),
        &mvn(&[0.0, -1.0], &[9.0, 0.0, 0.0, 1.0]),
    )
    .unwrap();
    let dn = fisher_rao_distance(
        &Normal::new(1.0, 2.0).unwrap(),
        &Normal::new(-1.0, 1.0).unwrap(),
    )
    .unwrap();
    let want = (2.0 * 3f64.ln().powi(2) + dn * dn).sqrt();
    assert!(rel(d, want) < TOL_NUMERIC, "{d} vs {want}");
}
