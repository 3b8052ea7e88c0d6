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

struct Row {
    kind: String,
    family: String,
    p: Vec<Vec<f64>>,
    q: Vec<Vec<f64>>,
    value: f64,
}

fn groups(s: &str) -> Vec<Vec<f64>> {
    let s = s.trim();
    if s.is_empty() {
        return Vec::new();
    }
    s.split(';')
        .map(|g| {
            g.split(',')
                .map(|v| v.trim().parse().expect("a float"))
                .collect()
        })
        .collect()
}

fn rows() -> Vec<Row> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            let mut head = f[0].split_whitespace();
            Row {
                kind: head.next().expect("kind").to_string(),
                family: head.next().expect("family").to_string(),
                p: groups(f[1]),
                q: groups(f[2]),
                value: f[3].trim().parse().expect("value"),
            }
        })
        .collect()
}

fn close(got: f64, want: f64, rel: f64, abs: f64) -> bool {
    if want.is_infinite() || got.is_infinite() {
        return got == want;
    }
    (got - want).abs() <= rel * want.abs() || (got - want).abs() <= abs
}

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
    let mut failures = Vec::new();
    let mut n = 0;
    for r in rows().iter().filter(|r| r.kind != "special") {
        let got = if r.kind == "entropy" {
            entropy_of(&r.family, &r.p)
        } else {
            kl_of(&r.family, &r.p, &r.q)
        };
        n += 1;
        if !close(got, r.value, TOL_FAMILY, TOL_FAMILY_ABS) {
            failures.push(format!(
                "{} {} {:?} {:?}: got {got:e}, want {:e} (rel {:e})",
                r.kind,
                r.family,
                r.p,
                r.q,
                r.value,
                ((got - r.value) / r.value).abs()
            ));
        }
    }
    assert!(n > 200, "only {n} rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn special_functions_match_mpmath_table() {
    let mut failures = Vec::new();
    let mut worst = 0.0f64;
    for r in rows().iter().filter(|r| r.kind == "special") {
        let got = special_of(&r.family, &r.p[0]);
        let rel = ((got - r.value) / r.value).abs();
        if (got - r.value).abs() > TOL_SPECIAL_ABS {
            worst = worst.max(rel);
        }
        if !close(got, r.value, TOL_SPECIAL, TOL_SPECIAL_ABS) {
            failures.push(format!(
                "{}({:?}): got {got:e}, want {:e} (rel {rel:e})",
                r.family, r.p[0], r.value
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
