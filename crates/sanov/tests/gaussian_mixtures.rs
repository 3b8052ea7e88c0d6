//! `families::GaussianMixture` against the mpmath table of
//! `scripts/reference/generate_gaussian_mixtures.py` (entropy by quadrature, Kolchinsky–Tracey
//! bounds, Hershey–Olsen approximation, Monte Carlo KL), its properties and its errors.

use ndarray::{Array2, Array3};
use proptest::prelude::*;
use sanov::families::{GaussianMixture, MultivariateNormal};
use sanov::{Error, Par};

/// The 1-D quadrature entropy against `mpmath.quad` at 50 digits (the rustdoc promises about
/// `1e-13` of `∫ f |ln f|`, which is `|h|` for every row but the narrow one, where it is
/// within a factor 2).
const ENTROPY_REL: f64 = 1e-12;
/// The bounds and the variational KL against mpmath: a few ulps of the `O(1)` terms
/// (entropies, Gaussian KL divergences) that they add, relative to `max(1, |value|)`.
const CLOSED_FORM_TOL: f64 = 1e-12;
/// Monte Carlo against the quadrature KL: within this many standard errors.
const MC_SIGMAS: f64 = 4.0;
/// Draws of the Monte Carlo tests.
const MC_SAMPLES: usize = 200_000;

fn floats(s: &str) -> Vec<f64> {
    s.split(',').map(|x| x.trim().parse().unwrap()).collect()
}

fn num(s: &str) -> f64 {
    s.trim().parse().unwrap()
}

/// A mixture from the table's `d | weights | means | covs` fields.
fn mixture(f: &[&str]) -> GaussianMixture {
    let d: usize = f[0].trim().parse().unwrap();
    let w = floats(f[1]);
    let k = w.len();
    let means = Array2::from_shape_vec((k, d), floats(f[2])).unwrap();
    let covs = Array3::from_shape_vec((k, d, d), floats(f[3])).unwrap();
    GaussianMixture::new(&w, means.view(), covs.view()).unwrap()
}

fn rows(kind: &str) -> Vec<Vec<&'static str>> {
    include_str!("data/gaussian_mixtures.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(" | ").collect::<Vec<_>>())
        .filter(|f| f[0] == kind)
        .map(|f| f[1..].to_vec())
        .collect()
}

fn close(got: f64, want: f64, tol: f64) -> bool {
    (got - want).abs() <= tol * want.abs().max(1.0)
}

#[test]
fn entropy_1d_matches_mpmath_quad() {
    let rows = rows("entropy");
    assert_eq!(rows.len(), 10);
    for (i, f) in rows.iter().enumerate() {
        let g = GaussianMixture::univariate(&floats(f[0]), &floats(f[1]), &floats(f[2])).unwrap();
        let (got, want) = (g.differential_entropy().unwrap(), num(f[3]));
        assert!(
            (got - want).abs() <= ENTROPY_REL * want.abs(),
            "row {i}: {got} vs {want} (rel {:e})",
            (got - want).abs() / want.abs()
        );
    }
}

#[test]
fn bounds_match_mpmath_and_bracket_the_entropy() {
    let rows = rows("bounds");
    assert_eq!(rows.len(), 17);
    for (i, f) in rows.iter().enumerate() {
        let m = mixture(f);
        let b = m.entropy_bounds().unwrap();
        let (lo, hi) = (num(f[4]), num(f[5]));
        assert!(
            close(b.lower, lo, CLOSED_FORM_TOL),
            "row {i}: lower {} vs {lo}",
            b.lower
        );
        assert!(
            close(b.upper, hi, CLOSED_FORM_TOL),
            "row {i}: upper {} vs {hi}",
            b.upper
        );
        if m.dim() == 1 {
            let h = m.differential_entropy().unwrap();
            // Rounding slack: the bounds touch h for single or far-apart components.
            let slack = ENTROPY_REL * h.abs();
            assert!(
                b.lower <= h + slack && h <= b.upper + slack,
                "row {i}: {b:?} vs {h}"
            );
        }
    }
}

#[test]
fn hershey_olsen_matches_mpmath() {
    let rows = rows("kl");
    assert_eq!(rows.len(), 8);
    for (i, f) in rows.iter().enumerate() {
        let (p, q) = (mixture(&f[0..4]), mixture(&[f[0], f[4], f[5], f[6]]));
        let (got, want) = (p.kl_divergence_variational(&q).unwrap(), num(f[7]));
        assert!(
            close(got, want, CLOSED_FORM_TOL),
            "row {i}: {got} vs {want}"
        );
    }
}

#[test]
fn monte_carlo_within_four_standard_errors_of_the_quadrature_kl() {
    for (i, f) in rows("kl").iter().enumerate() {
        let truth = num(f[8]);
        if truth.is_nan() {
            continue;
        }
        let (p, q) = (mixture(&f[0..4]), mixture(&[f[0], f[4], f[5], f[6]]));
        let mc = p
            .kl_divergence_monte_carlo(&q, MC_SAMPLES, 22 + i as u64, Par::rayon(2))
            .unwrap();
        assert_eq!(mc.n_samples, MC_SAMPLES);
        if truth == 0.0 {
            // f = g: every draw gives exactly ln f − ln f = 0.
            assert_eq!((mc.estimate, mc.std_error), (0.0, 0.0), "row {i}");
            continue;
        }
        assert!(mc.std_error > 0.0);
        assert!(
            (mc.estimate - truth).abs() <= MC_SIGMAS * mc.std_error,
            "row {i}: {} ± {} vs {truth}",
            mc.estimate,
            mc.std_error
        );
    }
}

#[test]
fn monte_carlo_is_reproducible_and_independent_of_threads() {
    let f = GaussianMixture::univariate(&[0.3, 0.7], &[0.0, 2.0], &[1.0, 0.5]).unwrap();
    let g = GaussianMixture::univariate(&[0.6, 0.4], &[0.5, 1.5], &[1.5, 1.0]).unwrap();
    // 3 chunks of 4096 and a partial one.
    let n = 3 * 4096 + 17;
    let a = f.kl_divergence_monte_carlo(&g, n, 5, Par::Seq).unwrap();
    for par in [Par::Seq, Par::rayon(1), Par::rayon(2), Par::rayon(3)] {
        assert_eq!(f.kl_divergence_monte_carlo(&g, n, 5, par).unwrap(), a);
    }
    assert_ne!(f.kl_divergence_monte_carlo(&g, n, 6, Par::Seq).unwrap(), a);
}

#[test]
fn monte_carlo_of_single_gaussians_matches_their_closed_form() {
    // Two components of one 3-D mixture against a single Gaussian: the estimate is unbiased
    // for the mixture KL; here f is itself a single Gaussian, so KL has a closed form.
    let cov = Array3::from_shape_vec(
        (1, 3, 3),
        vec![2.0, 0.3, 0.1, 0.3, 1.0, -0.2, 0.1, -0.2, 0.5],
    )
    .unwrap();
    let cov_g =
        Array3::from_shape_vec((1, 3, 3), vec![1.0, 0.0, 0.0, 0.0, 1.5, 0.4, 0.0, 0.4, 1.0])
            .unwrap();
    let mf = Array2::from_shape_vec((1, 3), vec![0.5, -0.5, 1.0]).unwrap();
    let mg = Array2::from_shape_vec((1, 3), vec![0.0, 0.0, 0.0]).unwrap();
    let f = GaussianMixture::new(&[1.0], mf.view(), cov.view()).unwrap();
    let g = GaussianMixture::new(&[1.0], mg.view(), cov_g.view()).unwrap();
    let exact = f.components()[0].kl_divergence(&g.components()[0]).unwrap();
    let mc = f
        .kl_divergence_monte_carlo(&g, MC_SAMPLES, 3, Par::rayon(2))
        .unwrap();
    assert!(
        (mc.estimate - exact).abs() <= MC_SIGMAS * mc.std_error,
        "{mc:?} vs {exact}"
    );
    assert_eq!(f.kl_divergence_variational(&g).unwrap(), exact);
}

#[test]
fn single_component_bounds_equal_the_mvn_entropy_exactly() {
    let means = Array2::from_shape_vec((1, 2), vec![0.3, -1.0]).unwrap();
    let covs = Array3::from_shape_vec((1, 2, 2), vec![1.5, 0.4, 0.4, 0.7]).unwrap();
    let f = GaussianMixture::new(&[1.0], means.view(), covs.view()).unwrap();
    let mvn = MultivariateNormal::new(means.row(0), covs.index_axis(ndarray::Axis(0), 0)).unwrap();
    let b = f.entropy_bounds().unwrap();
    assert_eq!(b.lower, mvn.differential_entropy());
    assert_eq!(b.upper, mvn.differential_entropy());
}

#[test]
fn variational_kl_of_a_mixture_with_itself_is_zero() {
    let f =
        GaussianMixture::univariate(&[0.2, 0.3, 0.5], &[-1.0, 0.0, 4.0], &[1.0, 0.2, 3.0]).unwrap();
    assert_eq!(f.kl_divergence_variational(&f).unwrap(), 0.0);
}

fn mixture_1d() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>)> {
    (1usize..5).prop_flat_map(|k| {
        (
            proptest::collection::vec(0.05f64..1.0, k),
            proptest::collection::vec(-10.0f64..10.0, k),
            proptest::collection::vec(0.1f64..5.0, k),
        )
            .prop_map(|(w, m, s)| {
                let t: f64 = w.iter().sum();
                (w.iter().map(|v| v / t).collect(), m, s)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Kolchinsky–Tracey: Ĥ_BD ≤ h ≤ Ĥ_KL, and both within [Σ w h_i, Σ w h_i + H(w)].
    #[test]
    fn bounds_bracket_the_quadrature_entropy((w, m, s) in mixture_1d()) {
        let f = GaussianMixture::univariate(&w, &m, &s).unwrap();
        let b = f.entropy_bounds().unwrap();
        let h = f.differential_entropy().unwrap();
        let slack = ENTROPY_REL * h.abs().max(1.0);
        prop_assert!(b.lower <= h + slack, "{:?} vs {}", b, h);
        prop_assert!(h <= b.upper + slack, "{:?} vs {}", b, h);
        let cond: f64 = f.components().iter().zip(&w).map(|(c, wi)| wi * c.differential_entropy()).sum();
        let hw: f64 = w.iter().map(|v| -v * v.ln()).sum();
        prop_assert!(b.lower >= cond - slack && b.upper <= cond + hw + slack);
    }
}

#[test]
fn errors() {
    let m1 = Array2::<f64>::zeros((1, 1));
    let c1 = Array3::<f64>::ones((1, 1, 1));
    let gm =
        |w: &[f64], m: &Array2<f64>, c: &Array3<f64>| GaussianMixture::new(w, m.view(), c.view());
    assert!(matches!(
        gm(&[], &Array2::zeros((0, 1)), &Array3::zeros((0, 1, 1))),
        Err(Error::Empty { arg: "weights" })
    ));
    assert!(matches!(
        gm(
            &[-0.5, 1.5],
            &Array2::zeros((2, 1)),
            &Array3::ones((2, 1, 1))
        ),
        Err(Error::NegativeProbability {
            arg: "weights",
            index: 0,
            ..
        })
    ));
    assert!(matches!(
        gm(
            &[0.5, 0.6],
            &Array2::zeros((2, 1)),
            &Array3::ones((2, 1, 1))
        ),
        Err(Error::NotNormalized { arg: "weights", .. })
    ));
    assert!(matches!(
        gm(&[f64::NAN], &m1, &c1),
        Err(Error::NonFinite { arg: "weights", .. })
    ));
    assert!(matches!(
        gm(&[0.5, 0.5], &m1, &c1),
        Err(Error::ShapeMismatch { arg: "means", .. })
    ));
    assert!(matches!(
        gm(&[1.0], &Array2::zeros((1, 0)), &Array3::zeros((1, 0, 0))),
        Err(Error::Empty { arg: "means" })
    ));
    assert!(matches!(
        gm(&[1.0], &Array2::zeros((1, 2)), &c1),
        Err(Error::ShapeMismatch { arg: "covs", .. })
    ));
    assert!(matches!(
        gm(&[1.0], &Array2::from_elem((1, 1), f64::INFINITY), &c1),
        Err(Error::NonFinite {
            arg: "means",
            index: 0,
            ..
        })
    ));
    assert!(matches!(
        gm(&[1.0], &m1, &Array3::from_elem((1, 1, 1), f64::NAN)),
        Err(Error::NonFinite { arg: "covs", .. })
    ));
    assert!(matches!(
        gm(&[1.0], &m1, &Array3::from_elem((1, 1, 1), -1.0)),
        Err(Error::NotPositiveDefinite { arg: "covs" })
    ));
    let asym = Array3::from_shape_vec((1, 2, 2), vec![1.0, 0.5, 0.4, 1.0]).unwrap();
    assert!(matches!(
        gm(&[1.0], &Array2::zeros((1, 2)), &asym),
        Err(Error::NotPositiveDefinite { arg: "covs" })
    ));

    let uni = GaussianMixture::univariate;
    assert!(matches!(
        uni(&[0.5, 0.5], &[0.0], &[1.0, 1.0]),
        Err(Error::LengthMismatch {
            right_arg: "locs",
            ..
        })
    ));
    assert!(matches!(
        uni(&[0.5, 0.5], &[0.0, 1.0], &[1.0]),
        Err(Error::LengthMismatch {
            right_arg: "scales",
            ..
        })
    ));
    assert!(matches!(
        uni(&[1.0], &[f64::NAN], &[1.0]),
        Err(Error::NonFinite { arg: "locs", .. })
    ));
    for s in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e200, 1e-200] {
        assert!(
            matches!(
                uni(&[1.0], &[0.0], &[s]),
                Err(Error::InvalidParameter { name: "scales", .. })
            ),
            "{s}"
        );
    }

    let f = uni(&[1.0], &[0.0], &[1.0]).unwrap();
    let two_d = gm(
        &[1.0],
        &Array2::zeros((1, 2)),
        &Array3::from_shape_vec((1, 2, 2), vec![1.0, 0.0, 0.0, 1.0]).unwrap(),
    )
    .unwrap();
    assert!(matches!(
        two_d.differential_entropy(),
        Err(Error::InvalidParameter { name: "dim", .. })
    ));
    assert!(matches!(
        f.kl_divergence_variational(&two_d),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        f.kl_divergence_monte_carlo(&two_d, 10, 0, Par::Seq),
        Err(Error::LengthMismatch { .. })
    ));
    for n in [0, 1] {
        assert!(matches!(
            f.kl_divergence_monte_carlo(&f, n, 0, Par::Seq),
            Err(Error::InvalidParameter {
                name: "n_samples",
                ..
            })
        ));
    }
}
