//! The parametric families and their special functions against the committed table
//! `tests/data/families.txt`, written by `scripts/reference/generate_families.py` (mpmath at 40
//! digits: quadrature / summation of the definitions of entropy and KL), plus the constructors'
//! errors and the identities KL ≥ 0, KL(p, p) = 0 and KL = Bregman divergence of A.

use ndarray::{Array1, Array2};
use proptest::prelude::*;
use sanov::families::{
    cross, Bernoulli, Beta, Categorical, Dirichlet, Exponential, ExponentialFamily, Gamma,
    Geometric, Laplace, MultivariateNormal, Normal, Poisson, Uniform, VonMises,
};
use sanov::special::{bessel_i1_i0_ratio, digamma, ln_bessel_i0, ln_beta, ln_gamma, trigamma};
use sanov::Error;

mod common;

use common::pipe_table::pipe_rows;
use common::{check_close_abs, close_abs, Failures};

/// Closed-form entropies and KL divergences: a handful of correctly rounded operations on
/// values of order 1, so a few ulps; 1e-12 relative catches any formula error.
const TOL_FAMILY: f64 = 1e-12;

/// Absolute floor for values that are themselves ~0 (KL between near-equal members, entropies
/// near 0): every formula is a sum of terms of order max(1, |parameters|), whose rounding is
/// absolute, so relative accuracy below ~1e-15 absolute is not meaningful.
const TOL_FAMILY_ABS: f64 = 1e-14;

/// Special functions: the implementations are accurate to a few ulps (≤ 1e-14 relative) away
/// from the zeros of ln Γ (x = 1, 2) and ψ, where [`TOL_SPECIAL_ABS`] applies.
const TOL_SPECIAL: f64 = 1e-14;

/// Absolute tolerance for special-function values near their zeros.
const TOL_SPECIAL_ABS: f64 = 1e-15;

const TABLE: &str = include_str!("data/families.txt");

fn mvn(g: &[Vec<f64>]) -> MultivariateNormal {
    let k = g[0].len();
    let mean = Array1::from(g[0].clone());
    let cov = Array2::from_shape_vec((k, k), g[1].clone()).expect("k x k");
    MultivariateNormal::new(mean.view(), cov.view()).expect("valid mvn")
}

/// The entropy of family `fam` with parameters `p`.
fn entropy_of(fam: &str, p: &[Vec<f64>]) -> f64 {
    let a = &p[0];
    match fam {
        "normal" => Normal::new(a[0], a[1]).unwrap().differential_entropy(),
        "exponential" => Exponential::new(a[0]).unwrap().differential_entropy(),
        "gamma" => Gamma::new(a[0], a[1]).unwrap().differential_entropy(),
        "beta" => Beta::new(a[0], a[1]).unwrap().differential_entropy(),
        "laplace" => Laplace::new(a[0], a[1]).unwrap().differential_entropy(),
        "von_mises" => VonMises::new(a[0], a[1]).unwrap().differential_entropy(),
        "uniform" => Uniform::new(a[0], a[1]).unwrap().differential_entropy(),
        "dirichlet" => Dirichlet::new(a).unwrap().differential_entropy(),
        "mvn" => mvn(p).differential_entropy(),
        "bernoulli" => Bernoulli::new(a[0]).unwrap().entropy(),
        "categorical" => Categorical::new(a).unwrap().entropy(),
        "poisson" => Poisson::new(a[0]).unwrap().entropy(),
        "geometric" => Geometric::new(a[0]).unwrap().entropy(),
        _ => panic!("unknown family {fam}"),
    }
}

/// `KL(p ‖ q)` for family `fam`.
fn kl_of(fam: &str, p: &[Vec<f64>], q: &[Vec<f64>]) -> f64 {
    let (a, b) = (&p[0], &q[0]);
    match fam {
        "normal" => Normal::new(a[0], a[1])
            .unwrap()
            .kl_divergence(&Normal::new(b[0], b[1]).unwrap()),
        "exponential" => Exponential::new(a[0])
            .unwrap()
            .kl_divergence(&Exponential::new(b[0]).unwrap()),
        "gamma" => Gamma::new(a[0], a[1])
            .unwrap()
            .kl_divergence(&Gamma::new(b[0], b[1]).unwrap()),
        "beta" => Beta::new(a[0], a[1])
            .unwrap()
            .kl_divergence(&Beta::new(b[0], b[1]).unwrap()),
        "laplace" => Laplace::new(a[0], a[1])
            .unwrap()
            .kl_divergence(&Laplace::new(b[0], b[1]).unwrap()),
        "von_mises" => VonMises::new(a[0], a[1])
            .unwrap()
            .kl_divergence(&VonMises::new(b[0], b[1]).unwrap()),
        "uniform" => Uniform::new(a[0], a[1])
            .unwrap()
            .kl_divergence(&Uniform::new(b[0], b[1]).unwrap()),
        "dirichlet" => Dirichlet::new(a)
            .unwrap()
            .kl_divergence(&Dirichlet::new(b).unwrap())
            .unwrap(),
        "mvn" => mvn(p).kl_divergence(&mvn(q)).unwrap(),
        "bernoulli" => Bernoulli::new(a[0])
            .unwrap()
            .kl_divergence(&Bernoulli::new(b[0]).unwrap()),
        "categorical" => Categorical::new(a)
            .unwrap()
            .kl_divergence(&Categorical::new(b).unwrap())
            .unwrap(),
        "poisson" => Poisson::new(a[0])
            .unwrap()
            .kl_divergence(&Poisson::new(b[0]).unwrap()),
        "geometric" => Geometric::new(a[0])
            .unwrap()
            .kl_divergence(&Geometric::new(b[0]).unwrap()),
        "uniform_normal" => cross::kl_uniform_normal(
            &Uniform::new(a[0], a[1]).unwrap(),
            &Normal::new(b[0], b[1]).unwrap(),
        ),
        "exponential_gamma" => cross::kl_exponential_gamma(
            &Exponential::new(a[0]).unwrap(),
            &Gamma::new(b[0], b[1]).unwrap(),
        ),
        "gamma_exponential" => cross::kl_gamma_exponential(
            &Gamma::new(a[0], a[1]).unwrap(),
            &Exponential::new(b[0]).unwrap(),
        ),
        _ => panic!("unknown family {fam}"),
    }
}

fn special_of(name: &str, p: &[f64]) -> f64 {
    match name {
        "ln_gamma" => ln_gamma(p[0]),
        "digamma" => digamma(p[0]),
        "trigamma" => trigamma(p[0]),
        "ln_bessel_i0" => ln_bessel_i0(p[0]),
        "bessel_i1_i0_ratio" => bessel_i1_i0_ratio(p[0]),
        "ln_beta" => ln_beta(p[0], p[1]),
        _ => panic!("unknown special function {name}"),
    }
}

#[test]
fn families_match_mpmath_table() {
    let mut failures = Failures::default();
    for r in pipe_rows(TABLE).iter().filter(|r| r.kind() != "special") {
        let got = if r.kind() == "entropy" {
            entropy_of(r.family(), &r.p)
        } else {
            kl_of(r.family(), &r.p, &r.q)
        };
        failures.record(check_close_abs(
            &r.label(),
            got,
            r.value(),
            TOL_FAMILY,
            TOL_FAMILY_ABS,
        ));
    }
    let n = failures.checked;
    assert!(n > 200, "only {n} rows");
    failures.finish("families.txt");
}

#[test]
fn special_functions_match_mpmath_table() {
    let mut failures = Vec::new();
    let mut worst = 0.0f64;
    for r in pipe_rows(TABLE).iter().filter(|r| r.kind() == "special") {
        let (got, want) = (special_of(r.family(), &r.p[0]), r.value());
        let rel = ((got - want) / want).abs();
        if (got - want).abs() > TOL_SPECIAL_ABS {
            worst = worst.max(rel);
        }
        if !close_abs(got, want, TOL_SPECIAL, TOL_SPECIAL_ABS) {
            failures.push(format!(
                "{}({:?}): got {got:e}, want {want:e} (rel {rel:e})",
                r.family(),
                r.p[0]
            ));
        }
    }
    eprintln!("worst relative error of the special functions: {worst:e}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn worked_examples() {
    let n1 = Normal::new(0.0, 1.0).unwrap();
    let n2 = Normal::new(0.0, 2.0).unwrap();
    assert!((n1.kl_divergence(&n2) - 0.318_147_180_559_945_3).abs() < 1e-15);
    assert!((n2.kl_divergence(&n1) - 0.806_852_819_440_054_7).abs() < 1e-15);
    let s = 0.1;
    let h = Normal::new(0.0, s).unwrap().differential_entropy();
    let want = 0.5 * (2.0 * std::f64::consts::PI * std::f64::consts::E * s * s).ln();
    assert!((h - want).abs() < 1e-15 && h < 0.0);
}

fn invalid(r: Result<impl std::fmt::Debug, Error>, want: &'static str) {
    match r {
        Err(Error::InvalidParameter { name, .. }) => assert_eq!(name, want),
        other => panic!("expected InvalidParameter {{ name: {want} }}, got {other:?}"),
    }
}

#[test]
fn invalid_parameters_are_typed_errors() {
    invalid(Normal::new(0.0, 0.0), "scale");
    invalid(Normal::new(0.0, -1.0), "scale");
    invalid(Normal::new(f64::NAN, 1.0), "loc");
    invalid(Normal::new(0.0, f64::INFINITY), "scale");
    invalid(Exponential::new(0.0), "rate");
    invalid(Exponential::new(f64::NAN), "rate");
    invalid(Gamma::new(0.0, 1.0), "shape");
    invalid(Gamma::new(1.0, -2.0), "rate");
    invalid(Beta::new(-1.0, 1.0), "alpha");
    invalid(Beta::new(1.0, 0.0), "beta");
    invalid(Laplace::new(0.0, 0.0), "scale");
    invalid(Laplace::new(f64::INFINITY, 1.0), "loc");
    invalid(Uniform::new(1.0, 1.0), "high");
    invalid(Uniform::new(2.0, 1.0), "high");
    invalid(Uniform::new(f64::NAN, 1.0), "low");
    invalid(Uniform::new(-f64::MAX, f64::MAX), "high");
    invalid(VonMises::new(0.0, -0.5), "concentration");
    invalid(VonMises::new(f64::NAN, 1.0), "loc");
    invalid(Bernoulli::new(-0.1), "p");
    invalid(Bernoulli::new(1.1), "p");
    invalid(Bernoulli::new(f64::NAN), "p");
    invalid(Poisson::new(0.0), "rate");
    invalid(Geometric::new(0.0), "p");
    invalid(Geometric::new(1.5), "p");
    invalid(Dirichlet::new(&[1.0, 0.0]), "alpha");
    invalid(Dirichlet::new(&[1.0]), "alpha.len()");
    assert!(matches!(
        Dirichlet::new(&[]),
        Err(Error::Empty { arg: "alpha" })
    ));
    assert!(matches!(
        Categorical::new(&[0.5, 0.6]),
        Err(Error::NotNormalized { .. })
    ));
    assert!(matches!(
        Categorical::new(&[1.5, -0.5]),
        Err(Error::NegativeProbability { .. })
    ));
    let p = Dirichlet::new(&[1.0, 2.0]).unwrap();
    let q = Dirichlet::new(&[1.0, 2.0, 3.0]).unwrap();
    assert!(matches!(
        p.kl_divergence(&q),
        Err(Error::LengthMismatch { .. })
    ));
    let c2 = Categorical::new(&[0.5, 0.5]).unwrap();
    let c3 = Categorical::new(&[0.2, 0.3, 0.5]).unwrap();
    assert!(matches!(
        c2.kl_divergence(&c3),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn mvn_errors() {
    let m2 = ndarray::array![0.0, 0.0];
    let i2 = ndarray::array![[1.0, 0.0], [0.0, 1.0]];
    let i3 = Array2::<f64>::eye(3);
    assert!(matches!(
        MultivariateNormal::new(m2.view(), i3.view()),
        Err(Error::ShapeMismatch { arg: "cov", .. })
    ));
    assert!(matches!(
        MultivariateNormal::new(ndarray::array![].view(), Array2::zeros((0, 0)).view()),
        Err(Error::Empty { arg: "mean" })
    ));
    let not_pd = ndarray::array![[1.0, 2.0], [2.0, 1.0]];
    assert!(matches!(
        MultivariateNormal::new(m2.view(), not_pd.view()),
        Err(Error::NotPositiveDefinite { arg: "cov" })
    ));
    let asym = ndarray::array![[1.0, 0.1], [0.0, 1.0]];
    assert!(matches!(
        MultivariateNormal::new(m2.view(), asym.view()),
        Err(Error::NotPositiveDefinite { arg: "cov" })
    ));
    let nan = ndarray::array![[1.0, f64::NAN], [f64::NAN, 1.0]];
    assert!(matches!(
        MultivariateNormal::new(m2.view(), nan.view()),
        Err(Error::NonFinite { arg: "cov", .. })
    ));
    let p = MultivariateNormal::new(m2.view(), i2.view()).unwrap();
    let q = MultivariateNormal::new(ndarray::array![0.0, 0.0, 0.0].view(), i3.view()).unwrap();
    assert!(matches!(
        p.kl_divergence(&q),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn infinite_kl_where_supports_demand() {
    let b0 = Bernoulli::new(0.0).unwrap();
    let bh = Bernoulli::new(0.5).unwrap();
    assert_eq!(bh.kl_divergence(&b0), f64::INFINITY);
    assert!(b0.kl_divergence(&bh).is_finite());
    let u = Uniform::new(0.0, 2.0).unwrap();
    let v = Uniform::new(1.0, 3.0).unwrap();
    assert_eq!(u.kl_divergence(&v), f64::INFINITY);
    assert_eq!(
        cross::kl_normal_uniform(&Normal::new(0.0, 1.0).unwrap(), &u),
        f64::INFINITY
    );
    assert_eq!(
        cross::kl_beta_uniform(&Beta::new(2.0, 2.0).unwrap(), &v),
        f64::INFINITY
    );
    assert_eq!(
        cross::kl_uniform_exponential(
            &Uniform::new(-1.0, 1.0).unwrap(),
            &Exponential::new(1.0).unwrap()
        ),
        f64::INFINITY
    );
    let g1 = Geometric::new(1.0).unwrap();
    assert_eq!(
        Geometric::new(0.5).unwrap().kl_divergence(&g1),
        f64::INFINITY
    );
}

/// `KL(p‖q) = A(η_q) − A(η_p) − ⟨η_q − η_p, μ_p⟩`.
fn bregman<F: ExponentialFamily>(p: &F, q: &F) -> f64 {
    let (ep, eq, mp) = (
        p.natural_parameters(),
        q.natural_parameters(),
        p.mean_parameters(),
    );
    let inner: f64 = ep
        .iter()
        .zip(&eq)
        .zip(&mp)
        .map(|((a, b), m)| (b - a) * m)
        .sum();
    q.log_partition() - p.log_partition() - inner
}

/// Bregman identities: differences of O(1) terms, so an absolute tolerance scaled by their size.
const TOL_BREGMAN: f64 = 1e-12;

fn pos() -> impl Strategy<Value = f64> {
    (-3.0f64..3.0).prop_map(f64::exp)
}

fn prob() -> impl Strategy<Value = f64> {
    0.01f64..0.99
}

proptest! {
    #[test]
    fn kl_nonnegative_and_zero_on_self(
        m1 in -5.0f64..5.0, m2 in -5.0f64..5.0, s1 in pos(), s2 in pos(),
        a1 in pos(), a2 in pos(), p1 in prob(), p2 in prob(),
    ) {
        let vals = [
            Normal::new(m1, s1).unwrap().kl_divergence(&Normal::new(m2, s2).unwrap()),
            Gamma::new(a1, s1).unwrap().kl_divergence(&Gamma::new(a2, s2).unwrap()),
            Beta::new(a1, s1).unwrap().kl_divergence(&Beta::new(a2, s2).unwrap()),
            Laplace::new(m1, s1).unwrap().kl_divergence(&Laplace::new(m2, s2).unwrap()),
            VonMises::new(m1, a1).unwrap().kl_divergence(&VonMises::new(m2, a2).unwrap()),
            Exponential::new(s1).unwrap().kl_divergence(&Exponential::new(s2).unwrap()),
            Poisson::new(s1).unwrap().kl_divergence(&Poisson::new(s2).unwrap()),
            Bernoulli::new(p1).unwrap().kl_divergence(&Bernoulli::new(p2).unwrap()),
            Geometric::new(p1).unwrap().kl_divergence(&Geometric::new(p2).unwrap()),
            Dirichlet::new(&[a1, s1, a2]).unwrap()
                .kl_divergence(&Dirichlet::new(&[s2, a2, a1]).unwrap()).unwrap(),
            cross::kl_uniform_normal(&Uniform::new(m1, m1 + s1).unwrap(), &Normal::new(m2, s2).unwrap()),
            cross::kl_exponential_gamma(&Exponential::new(s1).unwrap(), &Gamma::new(a2, s2).unwrap()),
        ];
        for v in vals {
            prop_assert!(v >= -1e-15, "negative KL {v}");
        }
        let selfs = [
            Normal::new(m1, s1).unwrap().kl_divergence(&Normal::new(m1, s1).unwrap()),
            Gamma::new(a1, s1).unwrap().kl_divergence(&Gamma::new(a1, s1).unwrap()),
            Beta::new(a1, s1).unwrap().kl_divergence(&Beta::new(a1, s1).unwrap()),
            Laplace::new(m1, s1).unwrap().kl_divergence(&Laplace::new(m1, s1).unwrap()),
            VonMises::new(m1, a1).unwrap().kl_divergence(&VonMises::new(m1, a1).unwrap()),
            Poisson::new(s1).unwrap().kl_divergence(&Poisson::new(s1).unwrap()),
            Geometric::new(p1).unwrap().kl_divergence(&Geometric::new(p1).unwrap()),
            Bernoulli::new(p1).unwrap().kl_divergence(&Bernoulli::new(p1).unwrap()),
        ];
        for v in selfs {
            prop_assert!(v.abs() <= 1e-14, "KL(p, p) = {v}");
        }
    }

    #[test]
    fn kl_is_bregman_divergence(
        m1 in -3.0f64..3.0, m2 in -3.0f64..3.0, s1 in pos(), s2 in pos(),
        a1 in pos(), a2 in pos(), p1 in prob(), p2 in prob(), p3 in prob(),
    ) {
        let check = |closed: f64, breg: f64| {
            (closed - breg).abs() <= TOL_BREGMAN * (1.0 + closed.abs() + breg.abs()) * 1e2
        };
        let (n1, n2) = (Normal::new(m1, s1).unwrap(), Normal::new(m2, s2).unwrap());
        prop_assert!(check(n1.kl_divergence(&n2), bregman(&n1, &n2)));
        let (g1, g2) = (Gamma::new(a1, s1).unwrap(), Gamma::new(a2, s2).unwrap());
        prop_assert!(check(g1.kl_divergence(&g2), bregman(&g1, &g2)));
        let (b1, b2) = (Beta::new(a1, s1).unwrap(), Beta::new(a2, s2).unwrap());
        prop_assert!(check(b1.kl_divergence(&b2), bregman(&b1, &b2)));
        let (e1, e2) = (Exponential::new(s1).unwrap(), Exponential::new(s2).unwrap());
        prop_assert!(check(e1.kl_divergence(&e2), bregman(&e1, &e2)));
        let (q1, q2) = (Poisson::new(s1).unwrap(), Poisson::new(s2).unwrap());
        prop_assert!(check(q1.kl_divergence(&q2), bregman(&q1, &q2)));
        let (r1, r2) = (Bernoulli::new(p1).unwrap(), Bernoulli::new(p2).unwrap());
        prop_assert!(check(r1.kl_divergence(&r2), bregman(&r1, &r2)));
        let (t1, t2) = (Geometric::new(p1).unwrap(), Geometric::new(p2).unwrap());
        prop_assert!(check(t1.kl_divergence(&t2), bregman(&t1, &t2)));
        let c1 = Categorical::new(&[p1 / 2.0, p2 / 2.0, 1.0 - p1 / 2.0 - p2 / 2.0]).unwrap();
        let c2 = Categorical::new(&[p3 / 2.0, p1 / 2.0, 1.0 - p3 / 2.0 - p1 / 2.0]).unwrap();
        prop_assert!(check(c1.kl_divergence(&c2).unwrap(), bregman(&c1, &c2)));
    }
}

// ---------------------------------------------------------------------------------------------
// ExponentialFamily for mvn, Dirichlet, Laplace (fixed loc) and von Mises.

/// `∇A(η) = μ`, by central differences of `A` along each natural coordinate, for a family
/// whose members can be rebuilt from `η` (`from_eta`).
fn gradient_check<F: ExponentialFamily>(p: &F, from_eta: impl Fn(&[f64]) -> F) {
    let eta = p.natural_parameters();
    let mu = p.mean_parameters();
    for i in 0..eta.len() {
        let h = 1e-5 * (1.0 + eta[i].abs());
        let (mut a, mut b) = (eta.clone(), eta.clone());
        a[i] += h;
        b[i] -= h;
        let g = (from_eta(&a).log_partition() - from_eta(&b).log_partition()) / (2.0 * h);
        // Central differences: error O(h²) ≈ 1e-10, rounding 1e-16/1e-5.
        assert!(
            (g - mu[i]).abs() <= 1e-8 * (1.0 + mu[i].abs()),
            "coordinate {i}: {g} vs {}",
            mu[i]
        );
    }
}

#[test]
fn new_exponential_families_satisfy_bregman_and_gradient_identities() {
    let check = |kl: f64, br: f64| (kl - br).abs() <= TOL_BREGMAN * (1.0 + kl.abs());
    // Dirichlet.
    let (d1, d2) = (
        Dirichlet::new(&[0.7, 2.0, 3.5]).unwrap(),
        Dirichlet::new(&[1.5, 0.4, 2.0]).unwrap(),
    );
    assert!(check(d1.kl_divergence(&d2).unwrap(), bregman(&d1, &d2)));
    gradient_check(&d1, |e| Dirichlet::new(e).unwrap());
    // von Mises, η = (κ cos μ, κ sin μ).
    let (v1, v2) = (
        VonMises::new(0.4, 2.0).unwrap(),
        VonMises::new(-1.0, 7.5).unwrap(),
    );
    assert!(check(v1.kl_divergence(&v2), bregman(&v1, &v2)));
    assert!(check(v2.kl_divergence(&v1), bregman(&v2, &v1)));
    gradient_check(&v1, |e| {
        VonMises::new(e[1].atan2(e[0]), e[0].hypot(e[1])).unwrap()
    });
    // Laplace with a common location.
    let (l1, l2) = (
        Laplace::new(1.0, 0.5).unwrap(),
        Laplace::new(1.0, 3.0).unwrap(),
    );
    assert!(check(l1.kl_divergence(&l2), bregman(&l1, &l2)));
    gradient_check(&l1, |e| Laplace::new(1.0, -1.0 / e[0]).unwrap());
    // Multivariate normal.
    let m = |mean: [f64; 2], cov: [f64; 4]| {
        MultivariateNormal::new(
            Array1::from(mean.to_vec()).view(),
            Array2::from_shape_vec((2, 2), cov.to_vec()).unwrap().view(),
        )
        .unwrap()
    };
    let (m1, m2) = (
        m([0.5, -1.0], [2.0, 0.3, 0.3, 1.0]),
        m([0.0, 1.0], [1.0, -0.2, -0.2, 0.5]),
    );
    assert!(check(m1.kl_divergence(&m2).unwrap(), bregman(&m1, &m2)));
    assert!(check(m2.kl_divergence(&m1).unwrap(), bregman(&m2, &m1)));
    // Rebuilding from η needs a symmetric −½Σ⁻¹: differentiate along the symmetric directions
    // instead, A(η + h(e_ij + e_ji)) against μ_ij + μ_ji.
    let eta = m1.natural_parameters();
    let mu = m1.mean_parameters();
    let rebuild = |e: &[f64]| {
        let prec =
            Array2::from_shape_vec((2, 2), e[2..].iter().map(|v| -2.0 * v).collect()).unwrap();
        let det = prec[[0, 0]] * prec[[1, 1]] - prec[[0, 1]] * prec[[1, 0]];
        let cov = [
            prec[[1, 1]] / det,
            -prec[[0, 1]] / det,
            -prec[[1, 0]] / det,
            prec[[0, 0]] / det,
        ];
        let mean = [cov[0] * e[0] + cov[1] * e[1], cov[2] * e[0] + cov[3] * e[1]];
        m(mean, cov).log_partition()
    };
    for (dirs, want) in [
        (vec![0usize], mu[0]),
        (vec![1], mu[1]),
        (vec![2], mu[2]),
        (vec![3, 4], mu[3] + mu[4]),
        (vec![5], mu[5]),
    ] {
        let h = 1e-6;
        let (mut a, mut b) = (eta.clone(), eta.clone());
        for &i in &dirs {
            a[i] += h;
            b[i] -= h;
        }
        let g = (rebuild(&a) - rebuild(&b)) / (2.0 * h);
        assert!(
            (g - want).abs() <= 1e-7 * (1.0 + want.abs()),
            "{dirs:?}: {g} vs {want}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The batched VAE KL term.

mod vae {
    use ndarray::{Array2, ShapeBuilder};
    use sanov::losses::vae::{vae_kl, vae_kl_with_grad, vae_kl_with_grad_into};
    use sanov::losses::Reduction;
    use sanov::{Error, Par};

    /// The kernel's error bound: a few ulps of ½ Σ (μ² + e^{lv} + 1 + |lv|) per row (terms
    /// accumulated in f64, e^{lv} within 1 ulp).
    const TOL_VAE: f64 = 1e-14;

    /// The `f32` path on AVX-512 (`vae_kl` docs): `e^{lv}` within 1.2e-7 relative, so each row
    /// within `1.2e-7 · ½ Σ e^{lv}` (≤ 1.2e-7 of the scale above) of the `f64` computation.
    const TOL_VAE_F32: f64 = 1.2e-7;

    /// splitmix64 in [−a, a).
    fn data(seed: u64, n: usize, a: f64) -> Vec<f64> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = s;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                ((z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) * a
            })
            .collect()
    }

    /// Scalar reference: `½ Σ (μ² + expm1(lv) − lv)` (expm1: no cancellation near lv = 0) and
    /// the scale `½ Σ (μ² + e^{lv} + 1 + |lv|)` of the rounding errors.
    fn reference(mu: &[f64], lv: &[f64], d: usize) -> Vec<(f64, f64)> {
        mu.chunks(d)
            .zip(lv.chunks(d))
            .map(|(m, l)| {
                let mut v = 0.0;
                let mut s = 0.0;
                for (&a, &b) in m.iter().zip(l) {
                    v += a * a + (b.exp_m1() - b);
                    s += a * a + b.exp() + 1.0 + b.abs();
                }
                (0.5 * v, 0.5 * s)
            })
            .collect()
    }

    #[test]
    fn matches_the_scalar_reference_f64_and_f32() {
        for (b, d) in [(1usize, 1usize), (3, 7), (5, 8), (4, 33), (64, 512)] {
            let mu = data(1 + d as u64, b * d, 3.0);
            let lv = data(100 + b as u64, b * d, 4.0);
            let want = reference(&mu, &lv, d);
            let (m, l) = (
                Array2::from_shape_vec((b, d), mu.clone()).unwrap(),
                Array2::from_shape_vec((b, d), lv.clone()).unwrap(),
            );
            for par in [Par::Seq, Par::rayon(3)] {
                let got = vae_kl(m.view(), l.view(), par).unwrap();
                for (g, (w, s)) in got.per_row.iter().zip(&want) {
                    assert!((g - w).abs() <= TOL_VAE * s, "b={b} d={d}: {g} vs {w}");
                }
                let total: f64 = want.iter().map(|r| r.0).sum();
                assert!((got.sum - total).abs() <= TOL_VAE * want.iter().map(|r| r.1).sum::<f64>());
                assert_eq!(got.mean, got.sum / b as f64);
            }
            // f32: the same numbers rounded to f32; e^{lv} in f32 on AVX-512, the rest in f64.
            let (m32, l32) = (m.mapv(|v| v as f32), l.mapv(|v| v as f32));
            let want32 = reference(
                &m32.iter().map(|&v| f64::from(v)).collect::<Vec<_>>(),
                &l32.iter().map(|&v| f64::from(v)).collect::<Vec<_>>(),
                d,
            );
            let got = vae_kl(m32.view(), l32.view(), Par::Seq).unwrap();
            for (g, (w, s)) in got.per_row.iter().zip(&want32) {
                let tol = (TOL_VAE_F32 + TOL_VAE) * s;
                assert!((g - w).abs() <= tol, "f32 b={b} d={d}: {g} vs {w}");
            }
        }
    }

    #[test]
    fn gradients_and_reductions() {
        let (b, d) = (6usize, 13usize);
        let mu = data(7, b * d, 2.0);
        let lv = data(8, b * d, 3.0);
        let (m, l) = (
            Array2::from_shape_vec((b, d), mu.clone()).unwrap(),
            Array2::from_shape_vec((b, d), lv.clone()).unwrap(),
        );
        let plain = vae_kl(m.view(), l.view(), Par::Seq).unwrap();
        for (red, s) in [(Reduction::Sum, 1.0), (Reduction::Mean, 1.0 / b as f64)] {
            let g = vae_kl_with_grad(m.view(), l.view(), red, Par::Seq).unwrap();
            assert_eq!(g.kl, plain);
            for i in 0..b * d {
                let (r, c) = (i / d, i % d);
                assert_eq!(g.grad_mu[[r, c]], s * mu[i]);
                let want = s * 0.5 * lv[i].exp_m1();
                assert!((g.grad_log_var[[r, c]] - want).abs() <= 1e-15 * s * (1.0 + lv[i].exp()));
            }
            // Against central differences of the reduced value.
            let f = |mm: &Array2<f64>, ll: &Array2<f64>| {
                let k = vae_kl(mm.view(), ll.view(), Par::Seq).unwrap();
                if red == Reduction::Sum {
                    k.sum
                } else {
                    k.mean
                }
            };
            let h = 1e-6;
            for (r, c) in [(0usize, 0usize), (3, 7), (5, 12)] {
                let (mut a, mut bb) = (l.clone(), l.clone());
                a[[r, c]] += h;
                bb[[r, c]] -= h;
                let fd = (f(&m, &a) - f(&m, &bb)) / (2.0 * h);
                assert!((fd - g.grad_log_var[[r, c]]).abs() <= 1e-7 * (1.0 + fd.abs()));
            }
        }
        // f32 gradients: ½(e^{lv} − 1) with e^{lv} within TOL_VAE_F32, rounded once to f32.
        let (m32, l32) = (m.mapv(|v| v as f32), l.mapv(|v| v as f32));
        let g = vae_kl_with_grad(m32.view(), l32.view(), Reduction::Sum, Par::Seq).unwrap();
        for ((&gl, &gm), (&x, &a)) in g
            .grad_log_var
            .iter()
            .zip(&g.grad_mu)
            .zip(l32.iter().zip(&m32))
        {
            assert_eq!(gm, a);
            let lv = f64::from(x);
            let want = 0.5 * lv.exp_m1();
            let tol = TOL_VAE_F32 * 0.5 * lv.exp() + f64::from(f32::EPSILON) / 2.0 * want.abs();
            assert!(
                (f64::from(gl) - want).abs() <= tol,
                "lv={lv}: {gl} vs {want}"
            );
        }
    }

    #[test]
    fn into_caller_buffers_is_the_same() {
        let (b, d) = (5usize, 37usize);
        let m = Array2::from_shape_vec((b, d), data(3, b * d, 2.0)).unwrap();
        let l = Array2::from_shape_vec((b, d), data(4, b * d, 3.0)).unwrap();
        let (m32, l32) = (m.mapv(|v| v as f32), l.mapv(|v| v as f32));
        for red in [Reduction::Sum, Reduction::Mean] {
            let want = vae_kl_with_grad(m32.view(), l32.view(), red, Par::Seq).unwrap();
            // Row-major buffers (written directly) and column-major ones (copied).
            for fortran in [false, true] {
                let (mut gm, mut gl) = if fortran {
                    (Array2::zeros((b, d).f()), Array2::zeros((b, d).f()))
                } else {
                    (Array2::zeros((b, d)), Array2::zeros((b, d)))
                };
                let kl = vae_kl_with_grad_into(
                    m32.view(),
                    l32.view(),
                    gm.view_mut(),
                    gl.view_mut(),
                    red,
                    Par::rayon(2),
                )
                .unwrap();
                assert_eq!(kl, want.kl);
                assert_eq!(gm, want.grad_mu);
                assert_eq!(gl, want.grad_log_var);
            }
        }
        let mut small = Array2::<f32>::zeros((b, d - 1));
        let mut ok = Array2::<f32>::zeros((b, d));
        assert!(matches!(
            vae_kl_with_grad_into(
                m32.view(),
                l32.view(),
                ok.view_mut(),
                small.view_mut(),
                Reduction::Sum,
                Par::Seq
            ),
            Err(Error::ShapeMismatch {
                arg: "grad_log_var",
                ..
            })
        ));
    }

    #[test]
    fn strided_input_is_the_same() {
        let (b, d) = (4usize, 9usize);
        let mu = data(1, b * d, 1.0);
        let lv = data(2, b * d, 1.0);
        let m = Array2::from_shape_vec((b, d), mu.clone()).unwrap();
        let l = Array2::from_shape_vec((b, d), lv.clone()).unwrap();
        let mf = Array2::from_shape_vec((b, d).f(), m.t().iter().copied().collect()).unwrap();
        assert_eq!(mf, m);
        let a = vae_kl(m.view(), l.view(), Par::Seq).unwrap();
        let c = vae_kl(mf.view(), l.view(), Par::Seq).unwrap();
        assert_eq!(a, c);
    }

    #[test]
    fn errors_and_edge_cases() {
        let m = Array2::<f64>::zeros((2, 3));
        let l = Array2::<f64>::zeros((2, 4));
        assert!(matches!(
            vae_kl(m.view(), l.view(), Par::Seq),
            Err(Error::ShapeMismatch { arg: "log_var", .. })
        ));
        let e = Array2::<f64>::zeros((0, 3));
        assert!(matches!(
            vae_kl(e.view(), e.view(), Par::Seq),
            Err(Error::Empty { .. })
        ));
        let mut bad = Array2::<f64>::zeros((2, 3));
        bad[[1, 2]] = f64::NAN;
        let z = Array2::<f64>::zeros((2, 3));
        assert!(matches!(
            vae_kl(bad.view(), z.view(), Par::Seq),
            Err(Error::NonFinite {
                arg: "mu",
                index: 5,
                ..
            })
        ));
        let mut lv = Array2::<f64>::zeros((2, 3));
        lv[[0, 1]] = f64::NEG_INFINITY;
        assert!(matches!(
            vae_kl_with_grad(z.view(), lv.view(), Reduction::Mean, Par::Seq),
            Err(Error::NonFinite {
                arg: "log_var",
                index: 1,
                ..
            })
        ));
        // The standard normal itself: exactly 0.
        assert_eq!(vae_kl(z.view(), z.view(), Par::Seq).unwrap().sum, 0.0);
        // log_var beyond ln(f64::MAX): +∞, not an error.
        let mut big = Array2::<f64>::zeros((1, 1));
        big[[0, 0]] = 800.0;
        let z1 = Array2::<f64>::zeros((1, 1));
        assert_eq!(
            vae_kl(z1.view(), big.view(), Par::Seq).unwrap().sum,
            f64::INFINITY
        );
    }
}
