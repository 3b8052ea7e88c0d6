//! Information geometry against the committed tables `tests/data/geometry_fisher.txt` and
//! `tests/data/geometry_distance.txt`, written by `scripts/reference/generate_geometry.py`
//! (mpmath: Fisher information as E[score scoreᵀ] by quadrature / summation, or the Hessian of
//! the KL divergence; distances from alternative closed forms, length integrals, or an mpmath
//! geodesic shooting solver), plus the numeric solver against closed forms, geodesic paths,
//! the natural gradient, the regulariser's gradient, and the errors.

use ndarray::{array, Array1, Array2};
use sanov::families::{
    Bernoulli, Beta, Categorical, Dirichlet, Exponential, Gamma, Geometric, Laplace,
    MultivariateNormal, Normal, Poisson, Uniform, VonMises,
};
use sanov::geometry::numeric::{geodesic, GeodesicOptions};
use sanov::geometry::{
    categorical_geodesic, fisher_information, fisher_rao_distance, fisher_rao_regularizer,
    natural_gradient, normal_geodesic, FisherMetric,
};
use sanov::iterate::StoppingRule;
use sanov::Error;

mod common;

use common::pipe_table::pipe_rows;

/// Closed-form Fisher information and distances: a few correctly rounded operations (the
/// special functions ψ′, I₁/I₀ to ≤ 1e-14), so 1e-12 relative catches any formula error.
const TOL_CLOSED: f64 = 1e-12;

/// Numeric geodesic distances: the solver's stated accuracy.
const TOL_NUMERIC: f64 = 1e-8;

/// The von Mises A′(κ) = 1 − A/κ − A² loses ~log10(2κ²) digits to cancellation below κ = 30
/// (~1e-13 at κ = 10 to 30; the Hankel form takes over above 30).
const TOL_VON_MISES: f64 = 1e-11;

/// Finite-difference gradient checks: central differences with h = 1e-6 (error ~1e-10).
const TOL_FD: f64 = 1e-7;

const FISHER: &str = include_str!("data/geometry_fisher.txt");
const DISTANCE: &str = include_str!("data/geometry_distance.txt");

fn mvn(mean: &[f64], cov: &[f64]) -> MultivariateNormal {
    let k = mean.len();
    MultivariateNormal::new(
        Array1::from(mean.to_vec()).view(),
        Array2::from_shape_vec((k, k), cov.to_vec()).unwrap().view(),
    )
    .unwrap()
}

fn rel(got: f64, want: f64) -> f64 {
    if got == want {
        0.0
    } else {
        ((got - want) / want).abs()
    }
}

/// The Fisher information of `family` at `p` in `param`.
fn fisher_of(family: &str, param: &str, p: &[Vec<f64>]) -> Array2<f64> {
    let a = &p[0];
    match (family, param) {
        ("normal", "loc_scale") => fisher_information(&Normal::new(a[0], a[1]).unwrap()),
        ("normal", "loc_variance") => Normal::new(a[0], a[1])
            .unwrap()
            .fisher_information_loc_variance(),
        ("exponential", "rate") => fisher_information(&Exponential::new(a[0]).unwrap()),
        ("gamma", "shape_rate") => fisher_information(&Gamma::new(a[0], a[1]).unwrap()),
        ("beta", "alpha_beta") => fisher_information(&Beta::new(a[0], a[1]).unwrap()),
        ("laplace", "loc_scale") => fisher_information(&Laplace::new(a[0], a[1]).unwrap()),
        ("von_mises", "loc_concentration") => {
            fisher_information(&VonMises::new(a[0], a[1]).unwrap())
        }
        ("bernoulli", "p") => fisher_information(&Bernoulli::new(a[0]).unwrap()),
        ("categorical", "first_k_minus_1") => fisher_information(&Categorical::new(a).unwrap()),
        ("poisson", "rate") => fisher_information(&Poisson::new(a[0]).unwrap()),
        ("geometric", "p") => fisher_information(&Geometric::new(a[0]).unwrap()),
        ("dirichlet", "alpha") => fisher_information(&Dirichlet::new(a).unwrap()),
        ("mvn", "mean_cov") => fisher_information(&mvn(&p[0], &p[1])),
        _ => panic!("unknown {family} {param}"),
    }
}

#[test]
fn fisher_information_matches_mpmath() {
    let table = pipe_rows(FISHER);
    assert!(table.len() >= 35, "{} rows", table.len());
    let mut families = std::collections::BTreeSet::new();
    for r in &table {
        let (family, param) = (r.family(), r.word(2));
        families.insert(family.to_string());
        let got = fisher_of(family, param, &r.p);
        assert_eq!(got.len(), r.values.len(), "{family} {param} {:?}", r.p);
        let scale = r.values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let tol = if family == "von_mises" {
            TOL_VON_MISES
        } else {
            TOL_CLOSED
        };
        for (g, w) in got.iter().zip(&r.values) {
            assert!(
                (g - w).abs() <= tol * w.abs().max(1e-3 * scale),
                "{family} {param} {:?}: {got} vs {:?}",
                r.p,
                r.values
            );
        }
        // Symmetric.
        assert_eq!(got, got.t());
    }
    assert_eq!(families.len(), 12, "{families:?}");
}

fn distance_of(family: &str, p: &[Vec<f64>], q: &[Vec<f64>]) -> sanov::Result<f64> {
    let (a, b) = (&p[0], &q[0]);
    match family {
        "categorical" => {
            fisher_rao_distance(&Categorical::new(a).unwrap(), &Categorical::new(b).unwrap())
        }
        "bernoulli" => fisher_rao_distance(
            &Bernoulli::new(a[0]).unwrap(),
            &Bernoulli::new(b[0]).unwrap(),
        ),
        "normal" => fisher_rao_distance(
            &Normal::new(a[0], a[1]).unwrap(),
            &Normal::new(b[0], b[1]).unwrap(),
        ),
        "laplace" => fisher_rao_distance(
            &Laplace::new(a[0], a[1]).unwrap(),
            &Laplace::new(b[0], b[1]).unwrap(),
        ),
        "poisson" => {
            fisher_rao_distance(&Poisson::new(a[0]).unwrap(), &Poisson::new(b[0]).unwrap())
        }
        "exponential" => fisher_rao_distance(
            &Exponential::new(a[0]).unwrap(),
            &Exponential::new(b[0]).unwrap(),
        ),
        "geometric" => fisher_rao_distance(
            &Geometric::new(a[0]).unwrap(),
            &Geometric::new(b[0]).unwrap(),
        ),
        "gamma" => fisher_rao_distance(
            &Gamma::new(a[0], a[1]).unwrap(),
            &Gamma::new(b[0], b[1]).unwrap(),
        ),
        "beta" => fisher_rao_distance(
            &Beta::new(a[0], a[1]).unwrap(),
            &Beta::new(b[0], b[1]).unwrap(),
        ),
        "von_mises" => fisher_rao_distance(
            &VonMises::new(a[0], a[1]).unwrap(),
            &VonMises::new(b[0], b[1]).unwrap(),
        ),
        "mvn" => fisher_rao_distance(&mvn(&p[0], &p[1]), &mvn(&q[0], &q[1])),
        _ => panic!("unknown family {family}"),
    }
}

#[test]
fn distances_match_mpmath() {
    let table = pipe_rows(DISTANCE);
    assert!(table.len() >= 30, "{} rows", table.len());
    for r in &table {
        let family = r.family();
        let want = r.values[0];
        let got = distance_of(family, &r.p, &r.q).unwrap();
        let tol = match family {
            "gamma" | "beta" | "von_mises" | "mvn" => TOL_NUMERIC,
            _ => TOL_CLOSED,
        };
        assert!(
            rel(got, want) <= tol,
            "{family} {:?} {:?}: {got} vs {want} (rel {:e})",
            r.p,
            r.q,
            rel(got, want)
        );
        // Symmetric, and zero on the diagonal.
        let back = distance_of(family, &r.q, &r.p).unwrap();
        assert!(
            rel(back, want) <= tol,
            "{family} reversed: {back} vs {want}"
        );
        assert_eq!(distance_of(family, &r.p, &r.p).unwrap(), 0.0);
    }
}

#[test]
fn numeric_solver_reproduces_the_half_planes() {
    // Normal in the chart (μ, ln σ): G = diag(e^{−2u}, 2); Laplace in (μ, ln b): e^{−2u} I... the
    // Laplace metric (dμ² + db²)/b² is diag(e^{−2u}, 1) in (μ, ln b).
    let normal = |u: &[f64]| Some(array![[(-2.0 * u[1]).exp(), 0.0], [0.0, 2.0]]);
    let laplace = |u: &[f64]| Some(array![[(-2.0 * u[1]).exp(), 0.0], [0.0, 1.0]]);
    for (a, b) in [
        ((0.0, 1.0), (3.0, 0.5)),
        ((-1.0, 2.0), (1.0, 2.0)),
        ((0.0, 1.0), (0.0, 5.0)),
        ((0.0, 1.0), (20.0, 1.0)),
    ] {
        let (x0, x1) = ([a.0, f64::ln(a.1)], [b.0, f64::ln(b.1)]);
        let g = geodesic(normal, &x0, &x1, &GeodesicOptions::default()).unwrap();
        let want = fisher_rao_distance(
            &Normal::new(a.0, a.1).unwrap(),
            &Normal::new(b.0, b.1).unwrap(),
        )
        .unwrap();
        assert!(
            rel(g.distance, want) < TOL_NUMERIC,
            "{a:?} {b:?}: {} vs {want}",
            g.distance
        );
        assert!(g.error_estimate <= 1e-9 * g.distance);
        assert_eq!(g.path.nrows(), g.steps + 1);
        assert_eq!(g.path.row(0).to_vec(), x0.to_vec());
        assert!((g.path[[g.steps, 0]] - x1[0]).abs() < 1e-9);
        let g = geodesic(laplace, &x0, &x1, &GeodesicOptions::default()).unwrap();
        let want = fisher_rao_distance(
            &Laplace::new(a.0, a.1).unwrap(),
            &Laplace::new(b.0, b.1).unwrap(),
        )
        .unwrap();
        assert!(
            rel(g.distance, want) < TOL_NUMERIC,
            "laplace {a:?} {b:?}: {} vs {want}",
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
    // Product submanifold (fixed by the isometry x₁ ↦ −x₁, hence totally geodesic): first
    // coordinate zero-mean, diagonal covariances; d² = 2 ln²(σ₁'/σ₁) + d_normal².
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
    // A general pair: symmetric.
    let (a, b) = (
        mvn(&[0.0, 0.0], &[1.0, 0.3, 0.3, 2.0]),
        mvn(&[1.0, -1.0], &[0.5, -0.2, -0.2, 1.0]),
    );
    let ab = fisher_rao_distance(&a, &b).unwrap();
    assert!(rel(fisher_rao_distance(&b, &a).unwrap(), ab) < TOL_NUMERIC);
    // Nearby members: d² ≈ 2 KL.
    let near = mvn(&[1e-4, -2e-4], &[1.0 + 1e-4, 0.3, 0.3, 2.0 - 1e-4]);
    let d = fisher_rao_distance(&a, &near).unwrap();
    let kl = a.kl_divergence(&near).unwrap();
    assert!(rel(d * d, 2.0 * kl) < 1e-3, "{} vs {}", d * d, 2.0 * kl);
}

#[test]
fn dirichlet_of_two_components_is_the_beta() {
    // Same metric, so the same distance (the beta is checked against mpmath).
    let d = fisher_rao_distance(
        &Dirichlet::new(&[2.0, 1.0]).unwrap(),
        &Dirichlet::new(&[0.5, 3.0]).unwrap(),
    )
    .unwrap();
    let b =
        fisher_rao_distance(&Beta::new(2.0, 1.0).unwrap(), &Beta::new(0.5, 3.0).unwrap()).unwrap();
    assert!(rel(d, b) < TOL_NUMERIC, "{d} vs {b}");
}

#[test]
fn fisher_information_cross_checks() {
    // mvn in dimension 1, coordinates (μ, σ²), is the normal's loc_variance information.
    let m = fisher_information(&mvn(&[0.7], &[2.25]));
    let n = Normal::new(0.7, 1.5)
        .unwrap()
        .fisher_information_loc_variance();
    assert!((&m - &n).iter().all(|d| d.abs() <= 1e-15 * 1.0));
    // Dirichlet with two components is the beta.
    let d = fisher_information(&Dirichlet::new(&[2.5, 0.7]).unwrap());
    let b = fisher_information(&Beta::new(2.5, 0.7).unwrap());
    assert_eq!(d, b);
    // Bernoulli = categorical of two outcomes in the coordinate p_1... (P(X=0) first).
    let c = fisher_information(&Categorical::new(&[0.3, 0.7]).unwrap());
    let be = fisher_information(&Bernoulli::new(0.3).unwrap());
    assert!((c[[0, 0]] - be[[0, 0]]).abs() <= 1e-14 * be[[0, 0]]);
    // Boundary members: unbounded information.
    assert_eq!(
        fisher_information(&Bernoulli::new(0.0).unwrap())[[0, 0]],
        f64::INFINITY
    );
    assert_eq!(
        fisher_information(&Geometric::new(1.0).unwrap())[[0, 0]],
        f64::INFINITY
    );
    // Coordinates and names.
    let g = Gamma::new(2.0, 3.0).unwrap();
    assert_eq!(
        (g.parameterization(), g.coordinates()),
        ("shape_rate", vec![2.0, 3.0])
    );
    let c = mvn(&[1.0, 2.0], &[2.0, 0.5, 0.5, 3.0]);
    assert_eq!(c.coordinates(), vec![1.0, 2.0, 2.0, 0.5, 3.0]);
}

#[test]
fn natural_gradient_solves_the_fisher_system() {
    let grad2 = [0.3, -1.2];
    let cases: Vec<(Array2<f64>, Vec<f64>)> = vec![
        (
            fisher_information(&Gamma::new(2.0, 3.0).unwrap()),
            natural_gradient(&Gamma::new(2.0, 3.0).unwrap(), &grad2).unwrap(),
        ),
        (
            fisher_information(&Beta::new(0.5, 4.0).unwrap()),
            natural_gradient(&Beta::new(0.5, 4.0).unwrap(), &grad2).unwrap(),
        ),
        (
            fisher_information(&Categorical::new(&[0.2, 0.5, 0.3]).unwrap()),
            natural_gradient(&Categorical::new(&[0.2, 0.5, 0.3]).unwrap(), &grad2).unwrap(),
        ),
    ];
    for (i, ng) in cases {
        let back = i.dot(&Array1::from(ng));
        for (b, g) in back.iter().zip(&grad2) {
            assert!(
                (b - g).abs() <= 1e-13 * (1.0 + g.abs()),
                "{back} vs {grad2:?}"
            );
        }
    }
    // Errors, one by one.
    let n = Normal::new(0.0, 1.0).unwrap();
    assert!(matches!(
        natural_gradient(&n, &[1.0]),
        Err(Error::LengthMismatch {
            left_arg: "grad",
            left: 1,
            right: 2,
            ..
        })
    ));
    assert!(matches!(
        natural_gradient(&n, &[1.0, f64::NAN]),
        Err(Error::NonFinite {
            arg: "grad",
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        natural_gradient(&Categorical::new(&[0.0, 0.5, 0.5]).unwrap(), &[1.0, 1.0]),
        Err(Error::NotPositiveDefinite {
            arg: "fisher_information"
        })
    ));
    // κ = 0: μ is not identified, I is singular.
    assert!(matches!(
        natural_gradient(&VonMises::new(0.0, 0.0).unwrap(), &[1.0, 1.0]),
        Err(Error::NotPositiveDefinite { .. })
    ));
}

#[test]
fn geodesic_paths_are_geodesics() {
    let cases = [
        ((0.0, 1.0), (3.0, 0.5)),
        ((0.0, 1.0), (0.0, 4.0)),
        ((-2.0, 0.1), (5.0, 3.0)),
    ];
    for (a, b) in cases {
        let (p, q) = (
            Normal::new(a.0, a.1).unwrap(),
            Normal::new(b.0, b.1).unwrap(),
        );
        let d = fisher_rao_distance(&p, &q).unwrap();
        let n = 9;
        let path = normal_geodesic(&p, &q, n).unwrap();
        assert_eq!(path.row(0).to_vec(), vec![a.0, a.1]);
        assert_eq!(path.row(n - 1).to_vec(), vec![b.0, b.1]);
        // Equal steps of d/(n − 1) that add up to d: only a geodesic does that.
        for j in 1..n {
            let x = Normal::new(path[[j - 1, 0]], path[[j - 1, 1]]).unwrap();
            let y = Normal::new(path[[j, 0]], path[[j, 1]]).unwrap();
            let s = fisher_rao_distance(&x, &y).unwrap();
            assert!(
                rel(s, d / (n - 1) as f64) < 1e-12,
                "{a:?} {b:?} step {j}: {s}"
            );
        }
    }
    let p = Categorical::new(&[0.7, 0.2, 0.1, 0.0]).unwrap();
    let q = Categorical::new(&[0.1, 0.1, 0.3, 0.5]).unwrap();
    let d = fisher_rao_distance(&p, &q).unwrap();
    let n = 7;
    let path = categorical_geodesic(&p, &q, n).unwrap();
    for j in 0..n {
        assert!((path.row(j).sum() - 1.0).abs() < 1e-15);
    }
    for j in 1..n {
        let x = Categorical::new(path.row(j - 1).as_slice().unwrap()).unwrap();
        let y = Categorical::new(path.row(j).as_slice().unwrap()).unwrap();
        let s = fisher_rao_distance(&x, &y).unwrap();
        assert!(rel(s, d / (n - 1) as f64) < 1e-12, "step {j}: {s}");
    }
    // Errors.
    assert!(matches!(
        normal_geodesic(
            &Normal::new(0.0, 1.0).unwrap(),
            &Normal::new(0.0, 1.0).unwrap(),
            1
        ),
        Err(Error::InvalidParameter {
            name: "n_points",
            ..
        })
    ));
    assert!(matches!(
        categorical_geodesic(&p, &Categorical::new(&[0.5, 0.5]).unwrap(), 3),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn regularizer_value_and_gradient() {
    // Normal: value = d², gradient = central differences of d².
    let h = 1e-6;
    for (t, r) in [
        ((0.3, 1.5), (-1.0, 0.7)),
        ((0.0, 1.0), (0.0, 1.0 + 1e-3)),
        ((2.0, 0.2), (2.0, 0.2)),
    ] {
        let th = Normal::new(t.0, t.1).unwrap();
        let re = Normal::new(r.0, r.1).unwrap();
        let reg = fisher_rao_regularizer(&th, &re).unwrap();
        let d = fisher_rao_distance(&th, &re).unwrap();
        assert!((reg.value - d * d).abs() <= 1e-14 * (1.0 + d * d));
        let f = |m: f64, s: f64| {
            let x = Normal::new(m, s).unwrap();
            fisher_rao_distance(&x, &re).unwrap().powi(2)
        };
        let gm = (f(t.0 + h, t.1) - f(t.0 - h, t.1)) / (2.0 * h);
        let gs = (f(t.0, t.1 + h) - f(t.0, t.1 - h)) / (2.0 * h);
        assert!(
            (reg.gradient[0] - gm).abs() <= TOL_FD * (1.0 + gm.abs()),
            "{reg:?} {gm}"
        );
        assert!(
            (reg.gradient[1] - gs).abs() <= TOL_FD * (1.0 + gs.abs()),
            "{reg:?} {gs}"
        );
    }
    // Categorical: gradient of the orthant extension 16 arcsin²(‖√p − √q‖/2).
    let p = [0.2, 0.5, 0.3];
    let q = [0.3, 0.3, 0.4];
    let reg = fisher_rao_regularizer(
        &Categorical::new(&p).unwrap(),
        &Categorical::new(&q).unwrap(),
    )
    .unwrap();
    let ext = |x: &[f64]| {
        let r2: f64 = x
            .iter()
            .zip(&q)
            .map(|(a, b)| (a.sqrt() - b.sqrt()).powi(2))
            .sum();
        16.0 * (0.5 * r2.sqrt()).asin().powi(2)
    };
    assert!((reg.value - ext(&p)).abs() <= 1e-14);
    for i in 0..3 {
        let (mut a, mut b) = (p, p);
        a[i] += h;
        b[i] -= h;
        let g = (ext(&a) - ext(&b)) / (2.0 * h);
        assert!(
            (reg.gradient[i] - g).abs() <= TOL_FD * (1.0 + g.abs()),
            "{i}: {reg:?} {g}"
        );
    }
    // At the reference: zero value and gradient.
    let z = fisher_rao_regularizer(
        &Categorical::new(&q).unwrap(),
        &Categorical::new(&q).unwrap(),
    )
    .unwrap();
    assert_eq!(z.value, 0.0);
    assert!(z.gradient.iter().all(|g| *g == 0.0));
    // A zero probability where the reference has mass: −∞ (the distance is not differentiable
    // there), and mismatched lengths are an error.
    let e = fisher_rao_regularizer(
        &Categorical::new(&[0.0, 1.0]).unwrap(),
        &Categorical::new(&[0.5, 0.5]).unwrap(),
    )
    .unwrap();
    assert_eq!(e.gradient[0], f64::NEG_INFINITY);
    assert!(matches!(
        fisher_rao_regularizer(
            &Categorical::new(&[0.5, 0.5]).unwrap(),
            &Categorical::new(&[0.2, 0.3, 0.5]).unwrap()
        ),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn invalid_input_is_a_typed_error() {
    // Parameters, one by one.
    assert!(matches!(
        Normal::new(0.0, 0.0),
        Err(Error::InvalidParameter { name: "scale", .. })
    ));
    assert!(matches!(
        Normal::new(0.0, -1.0),
        Err(Error::InvalidParameter { name: "scale", .. })
    ));
    assert!(matches!(
        Laplace::new(0.0, 0.0),
        Err(Error::InvalidParameter { name: "scale", .. })
    ));
    assert!(matches!(
        Bernoulli::new(1.5),
        Err(Error::InvalidParameter { name: "p", .. })
    ));
    assert!(matches!(
        Bernoulli::new(-0.1),
        Err(Error::InvalidParameter { name: "p", .. })
    ));
    assert!(matches!(
        Geometric::new(0.0),
        Err(Error::InvalidParameter { name: "p", .. })
    ));
    assert!(matches!(
        VonMises::new(0.0, -1.0),
        Err(Error::InvalidParameter {
            name: "concentration",
            ..
        })
    ));
    assert!(matches!(
        Gamma::new(0.0, 1.0),
        Err(Error::InvalidParameter { name: "shape", .. })
    ));
    assert!(matches!(
        Gamma::new(1.0, -1.0),
        Err(Error::InvalidParameter { name: "rate", .. })
    ));
    assert!(matches!(
        Beta::new(-1.0, 1.0),
        Err(Error::InvalidParameter { name: "alpha", .. })
    ));
    assert!(matches!(
        Dirichlet::new(&[1.0, 0.0]),
        Err(Error::InvalidParameter { name: "alpha", .. })
    ));
    assert!(matches!(
        Uniform::new(1.0, 1.0),
        Err(Error::InvalidParameter { name: "high", .. })
    ));
    assert!(matches!(
        Poisson::new(0.0),
        Err(Error::InvalidParameter { name: "rate", .. })
    ));
    assert!(matches!(
        Exponential::new(f64::NAN),
        Err(Error::InvalidParameter { name: "rate", .. })
    ));
    assert!(matches!(
        Categorical::new(&[0.5, 0.6]),
        Err(Error::NotNormalized { .. })
    ));
    assert!(matches!(
        MultivariateNormal::new(
            array![0.0, 0.0].view(),
            array![[1.0, 2.0], [2.0, 1.0]].view()
        ),
        Err(Error::NotPositiveDefinite { arg: "cov" })
    ));
    assert!(matches!(
        MultivariateNormal::new(array![0.0, 0.0].view(), array![[1.0]].view()),
        Err(Error::ShapeMismatch { arg: "cov", .. })
    ));
    // Mismatched dimensions.
    assert!(matches!(
        fisher_rao_distance(
            &Categorical::new(&[0.5, 0.5]).unwrap(),
            &Categorical::new(&[0.2, 0.3, 0.5]).unwrap()
        ),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        fisher_rao_distance(
            &Dirichlet::new(&[1.0, 2.0]).unwrap(),
            &Dirichlet::new(&[1.0, 2.0, 3.0]).unwrap()
        ),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        fisher_rao_distance(
            &mvn(&[0.0], &[1.0]),
            &mvn(&[0.0, 0.0], &[1.0, 0.0, 0.0, 1.0])
        ),
        Err(Error::LengthMismatch { .. })
    ));
    // The numeric solver's own input.
    let flat = |_: &[f64]| Some(array![[1.0, 0.0], [0.0, 1.0]]);
    let o = GeodesicOptions::default();
    assert!(matches!(
        geodesic(flat, &[], &[], &o),
        Err(Error::Empty { arg: "start" })
    ));
    assert!(matches!(
        geodesic(flat, &[0.0, 0.0], &[1.0], &o),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        geodesic(flat, &[0.0, f64::NAN], &[1.0, 1.0], &o),
        Err(Error::NonFinite {
            arg: "start",
            index: 1,
            ..
        })
    ));
    let half = |x: &[f64]| (x[1] > 0.0).then(|| array![[1.0, 0.0], [0.0, 1.0]] / (x[1] * x[1]));
    assert!(matches!(
        geodesic(half, &[0.0, 1.0], &[0.0, -1.0], &o),
        Err(Error::NotPositiveDefinite { arg: "metric" })
    ));
    let bad = GeodesicOptions {
        initial_steps: 3,
        ..GeodesicOptions::default()
    };
    assert!(matches!(
        geodesic(flat, &[0.0, 0.0], &[1.0, 1.0], &bad),
        Err(Error::InvalidParameter {
            name: "initial_steps",
            ..
        })
    ));
    // The stopping rule, and the deprecated fields (0.2.0) it replaces, still honoured when set
    // off their defaults: the same results either way.
    let bad = GeodesicOptions {
        stopping: StoppingRule {
            tolerance: 0.0,
            ..o.stopping
        },
        ..GeodesicOptions::default()
    };
    assert!(matches!(
        geodesic(flat, &[0.0, 0.0], &[1.0, 1.0], &bad),
        Err(Error::InvalidParameter { name: "rtol", .. })
    ));
    let new = GeodesicOptions {
        stopping: StoppingRule {
            max_iterations: 2048,
            tolerance: 1e-6,
        },
        ..GeodesicOptions::default()
    };
    #[allow(deprecated)]
    let old = GeodesicOptions {
        rtol: 1e-6,
        max_steps: 2048,
        ..GeodesicOptions::default()
    };
    let (x0, x1) = ([0.0, 1.0], [2.0, 3.0]);
    let g = geodesic(half, &x0, &x1, &new).unwrap();
    assert_eq!(g, geodesic(half, &x0, &x1, &old).unwrap());
    #[allow(deprecated)]
    let starved = GeodesicOptions {
        rtol: 1e-300,
        max_steps: 16,
        ..GeodesicOptions::default()
    };
    assert!(matches!(
        geodesic(half, &x0, &x1, &starved),
        Err(Error::NotConverged { iterations: 16, .. })
    ));
    #[allow(deprecated)]
    let bad_old = GeodesicOptions {
        rtol: -1.0,
        ..GeodesicOptions::default()
    };
    assert!(matches!(
        geodesic(flat, &[0.0, 0.0], &[1.0, 1.0], &bad_old),
        Err(Error::InvalidParameter { name: "rtol", .. })
    ));
    // A flat metric: the straight line, exactly.
    let g = geodesic(flat, &[0.0, 0.0], &[3.0, 4.0], &o).unwrap();
    assert!((g.distance - 5.0).abs() < 1e-13);
}
