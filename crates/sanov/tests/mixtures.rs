//! `families::diag_gaussian_kl` against the mpmath table of
//! `scripts/reference/generate_mixtures.py`, and its errors.

use ndarray::Array2;
use sanov::families::diag_gaussian_kl;
use sanov::{Error, Par};

/// Relative tolerance against the 50-digit reference (f64 input): a few ulps of the row's
/// positive terms.
const REL_F64: f64 = 1e-13;
/// The same for f32 input (the inputs are exact f32, the arithmetic is f64).
const REL_F32: f64 = 1e-13;
/// Absolute floor for rows whose KL is 0 or tiny.
const ABS: f64 = 1e-18;

struct Row {
    d: usize,
    a: [Vec<f64>; 4],
    kl: f64,
}

fn table() -> Vec<Row> {
    let text = include_str!("data/diag_gaussian_kl.txt");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(" | ").collect();
            let v = |s: &str| -> Vec<f64> { s.split(',').map(|x| x.parse().unwrap()).collect() };
            Row {
                d: f[0].parse().unwrap(),
                a: [v(f[1]), v(f[2]), v(f[3]), v(f[4])],
                kl: f[5].parse().unwrap(),
            }
        })
        .collect()
}

fn arr<T: Copy>(d: usize, x: &[T]) -> Array2<T> {
    Array2::from_shape_vec((1, d), x.to_vec()).unwrap()
}

#[test]
fn matches_mpmath_table_f64_and_f32() {
    let rows = table();
    assert!(rows.len() >= 19);
    for (i, r) in rows.iter().enumerate() {
        let a: Vec<Array2<f64>> = r.a.iter().map(|x| arr(r.d, x)).collect();
        let got = diag_gaussian_kl(a[0].view(), a[1].view(), a[2].view(), a[3].view(), Par::Seq)
            .unwrap()
            .per_row[0];
        assert!(
            (got - r.kl).abs() <= REL_F64 * r.kl.abs() + ABS,
            "row {i}: {got} vs {}",
            r.kl
        );
        let b: Vec<Array2<f32>> =
            r.a.iter()
                .map(|x| arr(r.d, &x.iter().map(|&v| v as f32).collect::<Vec<_>>()))
                .collect();
        let got = diag_gaussian_kl(b[0].view(), b[1].view(), b[2].view(), b[3].view(), Par::Seq)
            .unwrap()
            .per_row[0];
        assert!(
            (got - r.kl).abs() <= REL_F32 * r.kl.abs() + ABS,
            "f32 row {i}: {got} vs {}",
            r.kl
        );
    }
}

#[test]
fn batch_reductions_and_parallel_agree_with_rows() {
    let rows: Vec<Row> = table().into_iter().filter(|r| r.d == 17).collect();
    let b = rows.len();
    let stack = |k: usize| -> Array2<f64> {
        Array2::from_shape_vec((b, 17), rows.iter().flat_map(|r| r.a[k].clone()).collect()).unwrap()
    };
    let a: Vec<Array2<f64>> = (0..4).map(stack).collect();
    let seq =
        diag_gaussian_kl(a[0].view(), a[1].view(), a[2].view(), a[3].view(), Par::Seq).unwrap();
    let par = diag_gaussian_kl(
        a[0].view(),
        a[1].view(),
        a[2].view(),
        a[3].view(),
        Par::rayon(2),
    )
    .unwrap();
    assert_eq!(seq, par);
    let want: f64 = rows.iter().map(|r| r.kl).sum();
    for (r, v) in rows.iter().zip(&seq.per_row) {
        assert!((v - r.kl).abs() <= REL_F64 * r.kl);
    }
    assert!((seq.sum - want).abs() <= REL_F64 * want);
    assert!((seq.mean - want / b as f64).abs() <= REL_F64 * want / b as f64);
}

#[test]
fn reduces_to_vae_kl_against_standard_normal() {
    let mu = ndarray::array![[0.3f64, -1.2, 2.0], [0.0, 0.5, -0.5]];
    let lv = ndarray::array![[0.1f64, -2.0, 1.5], [0.0, 3.0, -0.7]];
    let z = Array2::<f64>::zeros((2, 3));
    let got = diag_gaussian_kl(mu.view(), lv.view(), z.view(), z.view(), Par::Seq).unwrap();
    let vae = sanov::losses::vae::vae_kl(mu.view(), lv.view(), Par::Seq).unwrap();
    for (g, v) in got.per_row.iter().zip(&vae.per_row) {
        assert!((g - v).abs() <= 1e-14 * v.abs());
    }
}

#[test]
fn errors() {
    let x = Array2::<f64>::zeros((2, 3));
    let y = Array2::<f64>::zeros((2, 4));
    let e = diag_gaussian_kl(x.view(), x.view(), y.view(), x.view(), Par::Seq).unwrap_err();
    assert!(
        matches!(e, Error::ShapeMismatch { arg: "mu2", .. }),
        "{e:?}"
    );
    let empty = Array2::<f64>::zeros((0, 3));
    let e = diag_gaussian_kl(
        empty.view(),
        empty.view(),
        empty.view(),
        empty.view(),
        Par::Seq,
    )
    .unwrap_err();
    assert!(matches!(e, Error::Empty { .. }), "{e:?}");
    let mut n = x.clone();
    n[[1, 2]] = f64::NAN;
    let e = diag_gaussian_kl(x.view(), x.view(), x.view(), n.view(), Par::Seq).unwrap_err();
    assert!(
        matches!(
            e,
            Error::NonFinite {
                arg: "log_var2",
                index: 5,
                ..
            }
        ),
        "{e:?}"
    );
    n[[1, 2]] = f64::INFINITY;
    let e = diag_gaussian_kl(n.view(), x.view(), x.view(), x.view(), Par::Seq).unwrap_err();
    assert!(matches!(e, Error::NonFinite { arg: "mu1", .. }), "{e:?}");
}
