//! The information bottleneck: the encoder evaluation against sanov's multivariate measures on
//! the explicit joint p(x, t, y) (an independent code path), the limits of the issue (β < 1,
//! β → ∞), data-processing bounds on every returned point, the exact DIB solver against the
//! iterative one, the annealed curve, and the error paths.

use ndarray::{Array2, ArrayD, IxDyn};
use proptest::prelude::*;
use sanov::bottleneck::{
    deterministic_bottleneck, deterministic_bottleneck_exact, evaluate_encoder, ib_curve,
    information_bottleneck, IbOptions, IbPoint,
};
use sanov::multivariate::{marginal_entropy, mutual_information, Joint};
use sanov::{Base, Error};

/// Identities between separately computed information quantities: a few ulps of O(1) values.
const TOL_IDENTITY: f64 = 1e-12;
/// The limits reached by the iterative solvers (tolerance 1e-10 on the encoder).
const TOL_LIMIT: f64 = 1e-7;

fn joint(seed: u64, nx: usize, ny: usize) -> Array2<f64> {
    let mut s = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((s >> 11) as f64 / (1u64 << 53) as f64).powi(2) + 0.01
    };
    let p = Array2::from_shape_fn((nx, ny), |_| next());
    let t = p.sum();
    p / t
}

fn check_bounds(pt: &IbPoint, i_xy: f64) {
    let tol = TOL_IDENTITY;
    assert!(pt.i_ty <= i_xy + tol, "I(T;Y) {} > I(X;Y) {i_xy}", pt.i_ty);
    assert!(
        pt.i_ty <= pt.i_xt + tol,
        "I(T;Y) {} > I(X;T) {}",
        pt.i_ty,
        pt.i_xt
    );
    assert!(pt.i_xt <= pt.h_t + tol);
    assert!(pt.i_ty >= -tol && pt.i_xt >= -tol);
}

fn i_xy(p: &Array2<f64>) -> f64 {
    let j = Joint::new(p.clone().into_dyn()).unwrap();
    mutual_information(&j, &[0], &[1], Base::Nats).unwrap()
}

#[test]
fn evaluation_matches_the_multivariate_measures() {
    for seed in 0..5 {
        let p = joint(seed, 5, 3);
        let nt = 4;
        let q = joint(seed + 100, 5, nt);
        let q = &q / &q.sum_axis(ndarray::Axis(1)).insert_axis(ndarray::Axis(1));
        // p(x, t, y) = p(x, y) q(t|x).
        let mut full = ArrayD::<f64>::zeros(IxDyn(&[5, nt, 3]));
        for x in 0..5 {
            for t in 0..nt {
                for y in 0..3 {
                    full[[x, t, y]] = p[[x, y]] * q[[x, t]];
                }
            }
        }
        let j = Joint::new(full).unwrap();
        let ixt = mutual_information(&j, &[0], &[1], Base::Bits).unwrap();
        let ity = mutual_information(&j, &[1], &[2], Base::Bits).unwrap();
        let ht = marginal_entropy(&j, &[1], Base::Bits).unwrap();
        let beta = 2.5;
        let pt = evaluate_encoder(p.view(), q.view(), beta, Base::Bits).unwrap();
        assert!((pt.i_xt - ixt).abs() <= TOL_IDENTITY);
        assert!((pt.i_ty - ity).abs() <= TOL_IDENTITY);
        assert!((pt.h_t - ht).abs() <= TOL_IDENTITY);
        assert!((pt.lagrangian_ib - (ixt - beta * ity)).abs() <= TOL_IDENTITY);
        assert!((pt.lagrangian_dib - (ht - beta * ity)).abs() <= TOL_IDENTITY);
    }
}

const DIT_TABLE: &str = include_str!("data/bottleneck.txt");
/// dit's IB is an SLSQP optimisation of a non-convex objective: sanov must do at least as well
/// (to rounding) and land near it.
const TOL_DIT_CLOSE: f64 = 1e-4;

#[test]
fn at_least_as_good_as_dit() {
    let mut n = 0;
    for line in DIT_TABLE.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split(" | ").collect();
        let (nx, ny, nt): (usize, usize, usize) = (
            f[1].parse().unwrap(),
            f[2].parse().unwrap(),
            f[3].parse().unwrap(),
        );
        let beta: f64 = f[4].parse().unwrap();
        let p: Vec<f64> = f[5].split(',').map(|v| v.parse().unwrap()).collect();
        let want: f64 = f[8].parse().unwrap();
        let p = Array2::from_shape_vec((nx, ny), p).unwrap();
        let s =
            information_bottleneck(p.view(), nt, beta, Base::Nats, &IbOptions::default()).unwrap();
        let got = s.point.lagrangian_ib;
        assert!(got <= want + 1e-9, "{}: sanov {got} > dit {want}", f[0]);
        assert!(
            (got - want).abs() <= TOL_DIT_CLOSE,
            "{}: sanov {got}, dit {want}",
            f[0]
        );
        n += 1;
    }
    assert_eq!(n, 3);
}

#[test]
fn beta_below_one_compresses_everything() {
    for seed in 0..3 {
        let p = joint(seed, 6, 4);
        for beta in [0.0, 0.5, 0.99] {
            let s = information_bottleneck(p.view(), 4, beta, Base::Nats, &IbOptions::default())
                .unwrap();
            assert!(
                s.point.i_xt <= TOL_LIMIT,
                "β {beta}: I(X;T) = {}",
                s.point.i_xt
            );
            assert!(s.point.lagrangian_ib.abs() <= TOL_LIMIT);
            check_bounds(&s.point, i_xy(&p));
            // DIB: one cluster, H(T) = 0.
            let d = deterministic_bottleneck_exact(p.view(), 3, beta, Base::Nats).unwrap();
            assert!(d.point.h_t.abs() <= TOL_IDENTITY, "β {beta}");
        }
    }
}

#[test]
fn large_beta_keeps_all_relevant_information() {
    for seed in 0..3 {
        let p = joint(seed, 5, 3);
        let ixy = i_xy(&p);
        let s =
            information_bottleneck(p.view(), 5, 1e4, Base::Nats, &IbOptions::default()).unwrap();
        assert!(
            (s.point.i_ty - ixy).abs() <= TOL_LIMIT,
            "{} vs {ixy} {:?}",
            s.point.i_ty,
            s.report
        );
        check_bounds(&s.point, ixy);
        let d = deterministic_bottleneck_exact(p.view(), 5, 1e4, Base::Nats).unwrap();
        assert!((d.point.i_ty - ixy).abs() <= TOL_IDENTITY);
        // The report is complete.
        assert_eq!(s.report.iterations.len(), IbOptions::default().restarts);
        assert!(s.report.converged[s.report.best]);
        assert!(s.report.final_change <= IbOptions::default().rule.tolerance);
    }
}

#[test]
fn exact_dib_is_never_beaten_by_the_iterative_one() {
    for seed in 0..6 {
        let p = joint(seed, 6, 3);
        for beta in [1.5, 3.0, 8.0] {
            let exact = deterministic_bottleneck_exact(p.view(), 3, beta, Base::Bits).unwrap();
            let it = deterministic_bottleneck(p.view(), 3, beta, Base::Bits, &IbOptions::default())
                .unwrap();
            assert!(exact.point.lagrangian_dib <= it.point.lagrangian_dib + TOL_IDENTITY);
            assert_eq!(exact.report.iterations, vec![729]);
            // The exact encoder evaluates to the reported point.
            let pt = evaluate_encoder(p.view(), exact.encoder.view(), beta, Base::Bits).unwrap();
            assert_eq!(pt, exact.point);
            check_bounds(&exact.point, i_xy(&p) / std::f64::consts::LN_2);
            check_bounds(&it.point, i_xy(&p) / std::f64::consts::LN_2);
        }
    }
}

#[test]
fn curve_is_below_its_ceiling_with_transitions() {
    let p =
        Array2::from_shape_vec((4, 2), vec![0.3, 0.02, 0.02, 0.3, 0.16, 0.04, 0.04, 0.12]).unwrap();
    let betas: Vec<f64> = (0..60).map(|k| 0.5 * 1.12f64.powi(k)).collect();
    let c = ib_curve(p.view(), 4, &betas, Base::Nats, &IbOptions::default()).unwrap();
    assert!((c.i_xy - i_xy(&p)).abs() <= TOL_IDENTITY);
    assert_eq!(c.points[0].clusters, 1);
    assert!(c.points.last().unwrap().clusters >= 2);
    assert!(!c.critical_betas.is_empty());
    // The first transition is at β > 1 (no compression pays below it).
    assert!(c.critical_betas[0] > 1.0);
    for pt in &c.points {
        check_bounds(&pt.point, c.i_xy);
    }
    // At the largest β the curve nearly reaches I(X;Y).
    assert!(c.points.last().unwrap().point.i_ty >= 0.99 * c.i_xy);
}

#[test]
fn error_paths() {
    let p = joint(1, 3, 2);
    let o = IbOptions::default();
    assert!(matches!(
        information_bottleneck(p.view(), 2, -1.0, Base::Nats, &o),
        Err(Error::InvalidParameter { name: "beta", .. })
    ));
    assert!(matches!(
        information_bottleneck(p.view(), 2, f64::NAN, Base::Nats, &o),
        Err(Error::InvalidParameter { name: "beta", .. })
    ));
    assert!(matches!(
        deterministic_bottleneck(p.view(), 0, 1.0, Base::Nats, &o),
        Err(Error::InvalidParameter {
            name: "n_clusters",
            ..
        })
    ));
    let bad = IbOptions { restarts: 0, ..o };
    assert!(matches!(
        information_bottleneck(p.view(), 2, 1.0, Base::Nats, &bad),
        Err(Error::InvalidParameter {
            name: "restarts",
            ..
        })
    ));
    let mut q = p.clone();
    q[[1, 1]] = f64::NAN;
    assert!(matches!(
        information_bottleneck(q.view(), 2, 1.0, Base::Nats, &o),
        Err(Error::NonFinite { index: 3, .. })
    ));
    q[[1, 1]] = 0.9;
    assert!(matches!(
        evaluate_encoder(
            q.view(),
            Array2::from_elem((3, 2), 0.5).view(),
            1.0,
            Base::Nats
        ),
        Err(Error::NotNormalized { .. })
    ));
    assert!(matches!(
        evaluate_encoder(
            p.view(),
            Array2::from_elem((2, 2), 0.5).view(),
            1.0,
            Base::Nats
        ),
        Err(Error::ShapeMismatch { arg: "encoder", .. })
    ));
    assert!(matches!(
        evaluate_encoder(
            p.view(),
            Array2::from_elem((3, 2), 0.6).view(),
            1.0,
            Base::Nats
        ),
        Err(Error::NotNormalized { row: Some(0), .. })
    ));
    let big = joint(2, 21, 2);
    assert!(matches!(
        deterministic_bottleneck_exact(big.view(), 2, 1.0, Base::Nats),
        Err(Error::InvalidParameter {
            name: "n_clusters",
            ..
        })
    ));
    assert!(matches!(
        ib_curve(p.view(), 2, &[2.0, 1.0], Base::Nats, &o),
        Err(Error::InvalidParameter { name: "betas", .. })
    ));
    assert!(matches!(
        ib_curve(p.view(), 2, &[], Base::Nats, &o),
        Err(Error::Empty { arg: "betas" })
    ));
    let short = IbOptions {
        restarts: 2,
        rule: sanov::iterate::StoppingRule {
            max_iterations: 1,
            tolerance: 1e-15,
        },
        ..o
    };
    assert!(matches!(
        information_bottleneck(p.view(), 3, 5.0, Base::Nats, &short),
        Err(Error::NotConverged { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Every solver's point lies under the ceiling and on the right side of the diagonal.
    #[test]
    fn points_respect_data_processing(seed in 0u64..1000, beta in 0.0f64..30.0, nt in 1usize..5) {
        let p = joint(seed, 4, 3);
        let ixy = i_xy(&p);
        let o = IbOptions { restarts: 3, seed, ..IbOptions::default() };
        if let Ok(s) = information_bottleneck(p.view(), nt, beta, Base::Nats, &o) {
            check_bounds(&s.point, ixy);
        }
        let d = deterministic_bottleneck_exact(p.view(), nt, beta, Base::Nats).unwrap();
        check_bounds(&d.point, ixy);
    }
}
