//! The variational MI bounds against mpmath (`scripts/reference/generate_bounds.py`, 200 bits):
//! values and gradients in f64 and f32, the batched form, bases, threads, layouts, the
//! rectangular InfoNCE convention, and every error path.

use ndarray::{Array2, Array3, ArrayView2};
use proptest::prelude::*;
use sanov::bounds::{
    donsker_varadhan, info_nce, jensen_shannon_bound, mi_bound, mi_bound_batch, nwj, Bound,
    BoundOptions,
};
use sanov::{Base, Error, Par};

const TABLE: &str = include_str!("data/bounds.txt");

/// f64 scores: the value to 1e-12 of the largest score magnitude plus its own (the bounds
/// subtract numbers of the scores' size), each gradient entry to 1e-12 relative plus a few ulps of the largest entry
/// (`1 − softmax` cancels).
const TOL_VALUE_F64: f64 = 1e-12;
const TOL_GRAD_F64: f64 = 1e-12;
/// f32 scores: the value is still formed in f64, but InfoNCE's AVX-512 path evaluates the
/// exponentials in f32 (1.2e-7 relative per term); the gradient is rounded to f32 once.
const TOL_VALUE_F32: f64 = 1e-6;
const TOL_GRAD_F32: f64 = 1e-6;

struct Case {
    bound: Bound,
    name: String,
    n: usize,
    m: usize,
    scores: Vec<f64>,
    value: f64,
    grad: Vec<f64>,
}

fn floats(s: &str) -> Vec<f64> {
    s.split(',').map(|v| v.parse().expect("float")).collect()
}

fn cases() -> Vec<Case> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split(" | ").collect();
            Case {
                bound: match f[0] {
                    "info_nce" => Bound::InfoNce,
                    "nwj" => Bound::Nwj,
                    "dv" => Bound::DonskerVaradhan,
                    "js" => Bound::JensenShannon,
                    b => panic!("unknown bound {b}"),
                },
                name: f[1].to_string(),
                n: f[2].parse().unwrap(),
                m: f[3].parse().unwrap(),
                scores: floats(f[4]),
                value: f[5].parse().unwrap(),
                grad: floats(f[6]),
            }
        })
        .collect()
}

fn close(got: f64, want: f64, tol: f64, what: &str) {
    if want.is_infinite() || got.is_infinite() {
        assert_eq!(got, want, "{what}");
    } else {
        assert!(
            (got - want).abs() <= tol,
            "{what}: got {got:e}, want {want:e}, |diff| {:e} > {tol:e}",
            (got - want).abs()
        );
    }
}

fn check_case(c: &Case, par: Par) {
    let o = BoundOptions::default().par(par);
    let smax = c.scores.iter().fold(1.0f64, |a, v| a.max(v.abs()));
    let gmax = c
        .grad
        .iter()
        .filter(|g| g.is_finite())
        .fold(0.0f64, |a, v| a.max(v.abs()));
    // f64
    let s = Array2::from_shape_vec((c.n, c.m), c.scores.clone()).unwrap();
    let mut g = Array2::<f64>::zeros((c.n, c.m));
    let v = mi_bound(c.bound, s.view(), Some(g.view_mut()), &o).unwrap();
    let what = format!("{:?} {} f64", c.bound, c.name);
    let scale = smax + c.value.abs();
    close(v, c.value, TOL_VALUE_F64 * scale, &what);
    let v_only = mi_bound(c.bound, s.view(), None, &o).unwrap();
    close(v_only, c.value, TOL_VALUE_F64 * scale, &what);
    for (k, (&got, &want)) in g.iter().zip(&c.grad).enumerate() {
        let tol = TOL_GRAD_F64 * want.abs() + 4.0 * f64::EPSILON * gmax + 1e-300;
        close(got, want, tol, &format!("{what} grad[{k}]"));
    }
    // f32 (the scores are exact f32 numbers)
    let s32 = s.mapv(|v| v as f32);
    let mut g32 = Array2::<f32>::zeros((c.n, c.m));
    let v = mi_bound(c.bound, s32.view(), Some(g32.view_mut()), &o).unwrap();
    let what = format!("{:?} {} f32", c.bound, c.name);
    close(v, c.value, TOL_VALUE_F32 * scale, &what);
    for (k, (&got, &want)) in g32.iter().zip(&c.grad).enumerate() {
        let want = f64::from(want as f32);
        let tol = TOL_GRAD_F32 * want.abs() + 1e-7 * gmax + 1e-44;
        close(f64::from(got), want, tol, &format!("{what} grad[{k}]"));
    }
}

#[test]
fn values_and_gradients_match_mpmath() {
    let cases = cases();
    assert!(cases.len() >= 40, "table has {} rows", cases.len());
    for c in &cases {
        check_case(c, Par::Seq);
        check_case(c, Par::rayon(3));
    }
}

#[test]
fn each_function_matches_the_dispatcher() {
    let o = BoundOptions::default();
    for c in cases().iter().filter(|c| c.n == c.m && c.n >= 2) {
        let s = Array2::from_shape_vec((c.n, c.m), c.scores.clone()).unwrap();
        let via = mi_bound(c.bound, s.view(), None, &o).unwrap();
        let direct = match c.bound {
            Bound::InfoNce => info_nce(s.view(), None, &o),
            Bound::Nwj => nwj(s.view(), None, &o),
            Bound::DonskerVaradhan => donsker_varadhan(s.view(), None, &o),
            Bound::JensenShannon => jensen_shannon_bound(s.view(), None, &o),
            _ => unreachable!(),
        }
        .unwrap();
        assert_eq!(via.to_bits(), direct.to_bits());
    }
}

#[test]
fn bits_divide_value_and_gradient_by_ln2() {
    let ln2 = std::f64::consts::LN_2;
    for c in cases().iter().filter(|c| c.value.is_finite()) {
        let s = Array2::from_shape_vec((c.n, c.m), c.scores.clone()).unwrap();
        let (mut gn, mut gb) = (Array2::zeros((c.n, c.m)), Array2::zeros((c.n, c.m)));
        let vn = mi_bound(
            c.bound,
            s.view(),
            Some(gn.view_mut()),
            &BoundOptions::default(),
        )
        .unwrap();
        let o = BoundOptions::default().base(Base::Bits);
        let vb = mi_bound(c.bound, s.view(), Some(gb.view_mut()), &o).unwrap();
        assert!(
            (vb * ln2 - vn).abs() <= 1e-14 * vn.abs().max(1.0),
            "{}",
            c.name
        );
        // Entries like `(1 − softmax)/N` cancel: a few ulps of the largest entry.
        let gmax = gn
            .iter()
            .filter(|g| g.is_finite())
            .fold(0.0f64, |a, v| a.max(v.abs()));
        for (a, b) in gn.iter().zip(gb.iter()) {
            if a.is_finite() {
                let tol = 1e-15 * a.abs() + 4.0 * f64::EPSILON * gmax + 1e-322;
                assert!((b * ln2 - a).abs() <= tol, "{} {a:e} {b:e}", c.name);
            }
        }
    }
}

#[test]
fn batched_equals_one_by_one_and_names_the_batch_index() {
    for c in cases().iter().filter(|c| c.n == c.m && c.n == 3) {
        let s = Array2::from_shape_vec((3, 3), c.scores.clone()).unwrap();
        let mut batch = Array3::<f64>::zeros((4, 3, 3));
        for k in 0..4 {
            batch
                .index_axis_mut(ndarray::Axis(0), k)
                .assign(&(&s + k as f64 * 0.25));
        }
        let mut g = Array3::<f64>::zeros((4, 3, 3));
        let o = BoundOptions::default();
        let v = mi_bound_batch(c.bound, batch.view(), Some(g.view_mut()), &o).unwrap();
        for (k, vk) in v.iter().enumerate() {
            let mut gk = Array2::zeros((3, 3));
            let sk = batch.index_axis(ndarray::Axis(0), k);
            let want = mi_bound(c.bound, sk, Some(gk.view_mut()), &o).unwrap();
            assert_eq!(vk.to_bits(), want.to_bits());
            assert_eq!(g.index_axis(ndarray::Axis(0), k), gk);
        }
        batch[[2, 1, 0]] = f64::NAN;
        let e = mi_bound_batch(c.bound, batch.view(), None, &o).unwrap_err();
        assert!(matches!(e, Error::NonFinite { index: 21, .. }), "{e:?}");
        let mut bad = Array3::<f64>::zeros((4, 3, 2));
        let e = mi_bound_batch(c.bound, batch.view(), Some(bad.view_mut()), &o).unwrap_err();
        assert!(matches!(e, Error::ShapeMismatch { arg: "grad", .. }));
    }
    let empty = Array3::<f32>::zeros((0, 2, 2));
    let v = mi_bound_batch(Bound::Nwj, empty.view(), None, &BoundOptions::default()).unwrap();
    assert!(v.is_empty());
}

#[test]
fn transposed_views_and_large_matrices_agree_across_threads() {
    // 300 x 300 crosses the row-splitting threshold.
    let n = 300;
    let s = Array2::from_shape_fn((n, n), |(i, j)| {
        ((i * 7919 + j * 104_729) % 1000) as f64 / 100.0 - 5.0 + if i == j { 3.0 } else { 0.0 }
    });
    let t = s.t().to_owned();
    for bound in [
        Bound::InfoNce,
        Bound::Nwj,
        Bound::DonskerVaradhan,
        Bound::JensenShannon,
    ] {
        let mut g1 = Array2::zeros((n, n));
        let mut g2 = Array2::zeros((n, n));
        let v1 = mi_bound(
            bound,
            s.view(),
            Some(g1.view_mut()),
            &BoundOptions::default(),
        )
        .unwrap();
        let o = BoundOptions::default().par(Par::rayon(4));
        // `t.t()` is `s` in Fortran order: the strided path; the gradient buffer is strided too.
        let mut g2t = g2.view_mut().reversed_axes();
        g2t.swap_axes(0, 1);
        let v2 = mi_bound(bound, t.t(), Some(g2t), &o).unwrap();
        assert!((v1 - v2).abs() <= 1e-13 * v1.abs().max(1.0), "{bound:?}");
        let d = (&g1 - &g2).iter().fold(0.0f64, |a, v| a.max(v.abs()));
        assert!(d <= 1e-17, "{bound:?} {d:e}");
        let _ = g1.view();
    }
}

fn err(bound: Bound, s: ArrayView2<'_, f64>) -> Error {
    mi_bound(bound, s, None, &BoundOptions::default()).unwrap_err()
}

#[test]
fn error_paths() {
    let all = [
        Bound::InfoNce,
        Bound::Nwj,
        Bound::DonskerVaradhan,
        Bound::JensenShannon,
    ];
    for b in all {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut s = Array2::<f64>::zeros((3, 3));
            s[[1, 2]] = bad;
            let e = err(b, s.view());
            assert!(
                matches!(
                    e,
                    Error::NonFinite {
                        arg: "scores",
                        index: 5,
                        ..
                    }
                ),
                "{b:?} {e:?}"
            );
            // A non-finite diagonal entry too.
            let mut s = Array2::<f32>::zeros((3, 3));
            s[[2, 2]] = bad as f32;
            let e = mi_bound(b, s.view(), None, &BoundOptions::default()).unwrap_err();
            assert!(
                matches!(e, Error::NonFinite { index: 8, .. }),
                "{b:?} {e:?}"
            );
        }
        assert_eq!(
            err(b, Array2::zeros((0, 0)).view()),
            Error::Empty { arg: "scores" }
        );
        assert_eq!(
            err(b, Array2::zeros((2, 0)).view()),
            Error::Empty { arg: "scores" }
        );
        // More candidates than anchors: InfoNCE only.
        let wide = Array2::<f64>::zeros((2, 3));
        if b == Bound::InfoNce {
            assert!(mi_bound(b, wide.view(), None, &BoundOptions::default()).is_ok());
        } else {
            assert!(matches!(
                err(b, wide.view()),
                Error::ShapeMismatch { arg: "scores", .. }
            ));
        }
        // Fewer candidates than anchors: nobody allows it.
        assert!(matches!(
            err(b, Array2::zeros((3, 2)).view()),
            Error::ShapeMismatch { arg: "scores", .. }
        ));
        // N = 1.
        let one = Array2::<f64>::zeros((1, 1));
        if b == Bound::InfoNce {
            assert_eq!(
                mi_bound(b, one.view(), None, &BoundOptions::default()),
                Ok(0.0)
            );
        } else {
            assert!(matches!(
                err(b, one.view()),
                Error::InvalidParameter { name: "N", .. }
            ));
        }
        // A gradient buffer of the wrong shape.
        let s = Array2::<f64>::zeros((2, 2));
        let mut g = Array2::<f64>::zeros((2, 3));
        let e = mi_bound(b, s.view(), Some(g.view_mut()), &BoundOptions::default()).unwrap_err();
        assert!(
            matches!(e, Error::ShapeMismatch { arg: "grad", .. }),
            "{e:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// InfoNCE never exceeds ln M; it is invariant under adding a constant to a row; DV under
    /// adding a constant to every score; the gradients of InfoNCE rows sum to 0, DV's and NWJ's
    /// diagonals are 1/N, DV's gradient sums to 0.
    #[test]
    fn identities(
        n in 2usize..7,
        extra in 0usize..4,
        seed in prop::collection::vec(-50.0f64..50.0, 100),
        c in -100.0f64..100.0,
    ) {
        let m = n + extra;
        let s = Array2::from_shape_fn((n, m), |(i, j)| seed[(i * m + j) % 100] + (i as f64) * 0.1);
        let o = BoundOptions::default();
        let mut g = Array2::zeros((n, m));
        let v = info_nce(s.view(), Some(g.view_mut()), &o).unwrap();
        prop_assert!(v <= (m as f64).ln() + 1e-12);
        for row in g.rows() {
            prop_assert!(row.sum().abs() <= 1e-15);
        }
        let mut shifted = s.clone();
        shifted.row_mut(n - 1).mapv_inplace(|x| x + c);
        let v2 = info_nce(shifted.view(), None, &o).unwrap();
        prop_assert!((v - v2).abs() <= 1e-12 * (1.0 + c.abs()));

        let sq = s.slice(ndarray::s![.., ..n]).to_owned();
        let mut g = Array2::zeros((n, n));
        let dv = donsker_varadhan(sq.view(), Some(g.view_mut()), &o).unwrap();
        prop_assert!(g.sum().abs() <= 1e-14);
        for i in 0..n {
            prop_assert!((g[[i, i]] - 1.0 / n as f64).abs() <= 1e-16);
        }
        let dv2 = donsker_varadhan((&sq + c).view(), None, &o).unwrap();
        prop_assert!((dv - dv2).abs() <= 1e-12 * (1.0 + c.abs()));
        // NWJ ≤ DV (Poole et al. 2019: I_NWJ ≤ I_DV for the same critic).
        let w = nwj(sq.view(), None, &o).unwrap();
        prop_assert!(w <= dv + 1e-12 * dv.abs().max(1.0));
        // The JS objective is at most 0... and at least −∞ only for infinite scores.
        let js = jensen_shannon_bound(sq.view(), None, &o).unwrap();
        prop_assert!(js < 0.0 && js.is_finite());
    }
}
