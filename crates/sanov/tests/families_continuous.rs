//! The Student-t, log-normal, Gumbel, Cauchy, half-normal, Pareto, Weibull and chi-squared
//! families and the cross-family pairs with the Gumbel, Pareto and Laplace families, against the
//! committed table `tests/data/families_continuous.txt`, written by
//! `scripts/reference/generate_families_continuous.py` (mpmath at 50 digits: quadrature of the
//! definitions, agreeing with the closed forms to 1e-25); plus the identities (KL ≥ 0,
//! KL(p‖p) = 0, χ²(k) = Gamma(k/2, ½), t → normal as df → ∞, the Cauchy KL is symmetric,
//! Weibull(1, λ) = Exponential(1/λ)) and the constructors' errors.

use proptest::prelude::*;
use sanov::families::{
    cross, Beta, Cauchy, ChiSquared, Exponential, Gamma, Gumbel, HalfNormal, Laplace, LogNormal,
    Normal, Pareto, StudentT, Uniform, Weibull,
};
use sanov::Error;

mod common;

use common::pipe_table::pipe_rows;
use common::{check_close_abs, Failures};

/// Closed forms: a handful of correctly rounded operations (and `ln Γ`, `ψ`, `erf` to a few
/// ulps) on values of order 1; 1e-12 relative catches any formula error.
const TOL_CLOSED: f64 = 1e-12;

/// The Student-t KL divergence by adaptive quadrature: its documented accuracy.
const TOL_QUADRATURE: f64 = 1e-12;

/// Absolute floor for table values that are themselves ~0 (entropies near 0): the terms are of
/// order 1 and their rounding is absolute.
const TOL_ABS: f64 = 1e-14;

/// Identities between separately computed quantities (`|a − b| ≤ TOL_IDENTITY·max(1, |a|)`).
const TOL_IDENTITY: f64 = 1e-12;

/// `h(t(df)) − h(normal) ≈ 1/df` for large df: the gap is held below `2/df`.
const T_NORMAL_GAP_PER_INVERSE_DF: f64 = 2.0;

const TABLE: &str = include_str!("data/families_continuous.txt");

/// A member of one of the families by its table name.
enum M {
    T(StudentT),
    LogNormal(LogNormal),
    Gumbel(Gumbel),
    Cauchy(Cauchy),
    HalfNormal(HalfNormal),
    Pareto(Pareto),
    Weibull(Weibull),
    Chi2(ChiSquared),
    Normal(Normal),
    Laplace(Laplace),
    Uniform(Uniform),
    Exponential(Exponential),
    Gamma(Gamma),
    Beta(Beta),
}

fn member(family: &str, a: &[f64]) -> M {
    let ok = "valid table parameters";
    match family {
        "t" => M::T(StudentT::new(a[0], a[1], a[2]).expect(ok)),
        "lognorm" => M::LogNormal(LogNormal::new(a[0], a[1]).expect(ok)),
        "gumbel_r" => M::Gumbel(Gumbel::new(a[0], a[1]).expect(ok)),
        "cauchy" => M::Cauchy(Cauchy::new(a[0], a[1]).expect(ok)),
        "halfnorm" => M::HalfNormal(HalfNormal::new(a[0], a[1]).expect(ok)),
        "pareto" => M::Pareto(Pareto::new(a[0], a[1]).expect(ok)),
        "weibull_min" => M::Weibull(Weibull::new(a[0], a[1]).expect(ok)),
        "chi2" => M::Chi2(ChiSquared::new(a[0]).expect(ok)),
        "normal" => M::Normal(Normal::new(a[0], a[1]).expect(ok)),
        "laplace" => M::Laplace(Laplace::new(a[0], a[1]).expect(ok)),
        "uniform" => M::Uniform(Uniform::new(a[0], a[1]).expect(ok)),
        "expon" => M::Exponential(Exponential::new(a[0]).expect(ok)),
        // SciPy's gamma(a, scale = 1/rate) in the table as (a, rate).
        "gamma" => M::Gamma(Gamma::new(a[0], a[1]).expect(ok)),
        "beta" => M::Beta(Beta::new(a[0], a[1]).expect(ok)),
        _ => panic!("unknown family {family}"),
    }
}

fn entropy(m: &M) -> f64 {
    match m {
        M::T(d) => d.differential_entropy(),
        M::LogNormal(d) => d.differential_entropy(),
        M::Gumbel(d) => d.differential_entropy(),
        M::Cauchy(d) => d.differential_entropy(),
        M::HalfNormal(d) => d.differential_entropy(),
        M::Pareto(d) => d.differential_entropy(),
        M::Weibull(d) => d.differential_entropy(),
        M::Chi2(d) => d.differential_entropy(),
        _ => panic!("not a family of this table"),
    }
}

/// KL and the tolerance it is held to.
fn kl(p: &M, q: &M) -> (f64, f64) {
    let c = TOL_CLOSED;
    match (p, q) {
        (M::T(a), M::T(b)) => (a.kl_divergence(b).expect("converges"), TOL_QUADRATURE),
        (M::LogNormal(a), M::LogNormal(b)) => (a.kl_divergence(b), c),
        (M::Gumbel(a), M::Gumbel(b)) => (a.kl_divergence(b), c),
        (M::Cauchy(a), M::Cauchy(b)) => (a.kl_divergence(b), c),
        (M::HalfNormal(a), M::HalfNormal(b)) => (a.kl_divergence(b), c),
        (M::Pareto(a), M::Pareto(b)) => (a.kl_divergence(b), c),
        (M::Weibull(a), M::Weibull(b)) => (a.kl_divergence(b), c),
        (M::Chi2(a), M::Chi2(b)) => (a.kl_divergence(b), c),
        (M::Normal(a), M::Gumbel(b)) => (cross::kl_normal_gumbel(a, b), c),
        (M::Gumbel(a), M::Normal(b)) => (cross::kl_gumbel_normal(a, b), c),
        (M::Normal(a), M::Laplace(b)) => (cross::kl_normal_laplace(a, b), c),
        (M::Laplace(a), M::Normal(b)) => (cross::kl_laplace_normal(a, b), c),
        (M::Uniform(a), M::Gumbel(b)) => (cross::kl_uniform_gumbel(a, b), c),
        (M::Exponential(a), M::Gumbel(b)) => (cross::kl_exponential_gumbel(a, b), c),
        (M::Gamma(a), M::Gumbel(b)) => (cross::kl_gamma_gumbel(a, b), c),
        (M::Pareto(a), M::Exponential(b)) => (cross::kl_pareto_exponential(a, b), c),
        (M::Pareto(a), M::Gamma(b)) => (cross::kl_pareto_gamma(a, b), c),
        (M::Pareto(a), M::Normal(b)) => (cross::kl_pareto_normal(a, b), c),
        (M::Uniform(a), M::Pareto(b)) => (cross::kl_uniform_pareto(a, b), c),
        (M::Gumbel(a), M::Exponential(b)) => (cross::kl_gumbel_exponential(a, b), c),
        (M::Gumbel(a), M::Gamma(b)) => (cross::kl_gumbel_gamma(a, b), c),
        (M::Gumbel(a), M::Beta(b)) => (cross::kl_gumbel_beta(a, b), c),
        (M::Gumbel(a), M::Uniform(b)) => (cross::kl_gumbel_uniform(a, b), c),
        (M::Gumbel(a), M::Pareto(b)) => (cross::kl_gumbel_pareto(a, b), c),
        (M::Normal(a), M::Pareto(b)) => (cross::kl_normal_pareto(a, b), c),
        (M::Laplace(a), M::Pareto(b)) => (cross::kl_laplace_pareto(a, b), c),
        (M::Exponential(a), M::Pareto(b)) => (cross::kl_exponential_pareto(a, b), c),
        (M::Gamma(a), M::Pareto(b)) => (cross::kl_gamma_pareto(a, b), c),
        (M::Beta(a), M::Pareto(b)) => (cross::kl_beta_pareto(a, b), c),
        (M::Pareto(a), M::Beta(b)) => (cross::kl_pareto_beta(a, b), c),
        (M::Pareto(a), M::Uniform(b)) => (cross::kl_pareto_uniform(a, b), c),
        _ => panic!("no pair in this table"),
    }
}

#[test]
fn table_matches_mpmath() {
    let rows = pipe_rows(TABLE);
    assert!(rows.len() > 100, "the table has {} rows", rows.len());
    let mut failures = Failures::default();
    for r in &rows {
        let (pf, qf) = r
            .family()
            .split_once('>')
            .unwrap_or((r.family(), r.family()));
        let (p, q) = (r.p.concat(), r.q.concat());
        let (got, tol) = match r.kind() {
            "entropy" => (entropy(&member(pf, &p)), TOL_CLOSED),
            "kl" => kl(&member(pf, &p), &member(qf, &q)),
            k => panic!("unknown kind {k}"),
        };
        failures.record(check_close_abs(&r.label(), got, r.value(), tol, TOL_ABS));
    }
    failures.finish("families_continuous.txt");
}

#[test]
fn chi2_is_gamma_half_rate() {
    for df in [0.3, 1.0, 2.0, 7.5, 100.0, 1e6] {
        let c = ChiSquared::new(df).unwrap();
        let g = Gamma::new(df / 2.0, 0.5).unwrap();
        assert_eq!(c.as_gamma(), g);
        assert_eq!(c.differential_entropy(), g.differential_entropy());
        let c2 = ChiSquared::new(df + 1.0).unwrap();
        let g2 = Gamma::new(0.5 * (df + 1.0), 0.5).unwrap();
        assert_eq!(c.kl_divergence(&c2), g.kl_divergence(&g2));
    }
}

#[test]
fn student_t_approaches_normal() {
    let n = Normal::new(1.0, 2.0).unwrap();
    for df in [1e6, 1e9, 1e15] {
        let t = StudentT::new(df, 1.0, 2.0).unwrap();
        let gap = (t.differential_entropy() - n.differential_entropy()).abs();
        assert!(
            gap < T_NORMAL_GAP_PER_INVERSE_DF / df,
            "df = {df}: gap {gap:e}"
        );
    }
    // The entropy gap is positive and shrinks monotonically.
    let gaps: Vec<f64> = [10.0, 100.0, 1000.0]
        .iter()
        .map(|&df| {
            StudentT::new(df, 0.0, 1.0).unwrap().differential_entropy()
                - Normal::new(0.0, 1.0).unwrap().differential_entropy()
        })
        .collect();
    assert!(
        gaps[0] > gaps[1] && gaps[1] > gaps[2] && gaps[2] > 0.0,
        "{gaps:?}"
    );
    // KL between two t's with a large common df approaches the normals' KL.
    let (p, q) = (
        StudentT::new(1e6, 0.0, 1.0).unwrap(),
        StudentT::new(1e6, 0.5, 1.5).unwrap(),
    );
    let normal = Normal::new(0.0, 1.0)
        .unwrap()
        .kl_divergence(&Normal::new(0.5, 1.5).unwrap());
    let t = p.kl_divergence(&q).unwrap();
    assert!((t - normal).abs() < 1e-5, "{t} vs {normal}");
}

#[test]
fn student_t_df_one_is_cauchy() {
    let (p, q) = (
        StudentT::new(1.0, 0.3, 1.2).unwrap(),
        StudentT::new(1.0, -2.0, 0.4).unwrap(),
    );
    let (cp, cq) = (
        Cauchy::new(0.3, 1.2).unwrap(),
        Cauchy::new(-2.0, 0.4).unwrap(),
    );
    let want = cp.kl_divergence(&cq);
    let got = p.kl_divergence(&q).unwrap();
    assert!(
        (got - want).abs() <= TOL_QUADRATURE * want,
        "{got} vs {want}"
    );
    assert!((p.differential_entropy() - cp.differential_entropy()).abs() < TOL_IDENTITY);
}

#[test]
fn student_t_extremes_converge() {
    // Heavy tails, far-apart centres, very different scales, huge df.
    let cases = [
        ((0.05, 0.0, 1.0), (0.1, 0.0, 1.0)),
        ((0.2, 0.0, 1.0), (3.0, 1e6, 1e-6)),
        ((3.0, 0.0, 1e-8), (3.0, 0.0, 1e8)),
        ((1e12, 0.0, 1.0), (2.0, 0.0, 1.0)),
        ((2.0, 0.0, 1.0), (1e12, 0.0, 1.0)),
    ];
    for (a, b) in cases {
        let p = StudentT::new(a.0, a.1, a.2).unwrap();
        let q = StudentT::new(b.0, b.1, b.2).unwrap();
        let d = p.kl_divergence(&q);
        assert!(
            matches!(d, Ok(v) if v.is_finite() && v > 0.0),
            "{a:?} {b:?}: {d:?}"
        );
    }
}

#[test]
fn weibull_shape_one_is_exponential() {
    for (l1, l2) in [(1.0, 2.0), (0.3, 5.0), (7.0, 7.0)] {
        let (p, q) = (
            Weibull::new(1.0, l1).unwrap(),
            Weibull::new(1.0, l2).unwrap(),
        );
        let (ep, eq) = (
            Exponential::new(1.0 / l1).unwrap(),
            Exponential::new(1.0 / l2).unwrap(),
        );
        let tol = TOL_IDENTITY * ep.kl_divergence(&eq).max(1e-300);
        assert!((p.kl_divergence(&q) - ep.kl_divergence(&eq)).abs() <= tol);
        assert!((p.differential_entropy() - ep.differential_entropy()).abs() < TOL_IDENTITY);
    }
}

#[test]
fn near_equal_members_keep_relative_accuracy() {
    // KL ≈ ε² for parameters ε apart; the references come from the second-order expansion
    // KL ≈ ½ δᵀ F δ with the Fisher information F (exact to O(ε³) relative ε).
    let eps = 1e-7;
    // Gumbel, scale perturbed: F_ββ = (π²/6 + (1 − γ)²)/β².
    let g = 0.577_215_664_901_532_9_f64;
    let fisher = std::f64::consts::PI.powi(2) / 6.0 + (1.0 - g) * (1.0 - g);
    let d = Gumbel::new(0.0, 1.0 + eps)
        .unwrap()
        .kl_divergence(&Gumbel::new(0.0, 1.0).unwrap());
    assert!((d / (0.5 * fisher * eps * eps) - 1.0).abs() < 1e-6, "{d:e}");
    // Cauchy, location perturbed: F = 1/(2γ²).
    let d = Cauchy::new(eps, 1.0)
        .unwrap()
        .kl_divergence(&Cauchy::new(0.0, 1.0).unwrap());
    assert!((d / (0.25 * eps * eps) - 1.0).abs() < 1e-6, "{d:e}");
    // Student t (df 3), location perturbed: F = (ν+1)/((ν+3)σ²).
    let d = StudentT::new(3.0, 0.0, 1.0)
        .unwrap()
        .kl_divergence(&StudentT::new(3.0, 1e-3, 1.0).unwrap())
        .unwrap();
    let want = 0.5 * (4.0 / 6.0) * 1e-6;
    assert!((d / want - 1.0).abs() < 1e-2, "{d:e} vs {want:e}");
}

#[test]
fn invalid_parameters_are_errors() {
    let bad = [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
    for x in bad {
        assert!(matches!(
            StudentT::new(x, 0.0, 1.0),
            Err(Error::InvalidParameter { name: "df", .. })
        ));
        assert!(matches!(
            StudentT::new(1.0, 0.0, x),
            Err(Error::InvalidParameter { name: "scale", .. })
        ));
        assert!(matches!(
            LogNormal::new(x, 1.0),
            Err(Error::InvalidParameter { name: "s", .. })
        ));
        assert!(matches!(
            LogNormal::new(1.0, x),
            Err(Error::InvalidParameter { name: "scale", .. })
        ));
        assert!(matches!(
            Gumbel::new(0.0, x),
            Err(Error::InvalidParameter { name: "scale", .. })
        ));
        assert!(matches!(
            Cauchy::new(0.0, x),
            Err(Error::InvalidParameter { name: "scale", .. })
        ));
        assert!(matches!(
            HalfNormal::new(0.0, x),
            Err(Error::InvalidParameter { name: "scale", .. })
        ));
        assert!(matches!(
            Pareto::new(x, 1.0),
            Err(Error::InvalidParameter { name: "b", .. })
        ));
        assert!(matches!(
            Pareto::new(1.0, x),
            Err(Error::InvalidParameter { name: "scale", .. })
        ));
        assert!(matches!(
            Weibull::new(x, 1.0),
            Err(Error::InvalidParameter { name: "c", .. })
        ));
        assert!(matches!(
            Weibull::new(1.0, x),
            Err(Error::InvalidParameter { name: "scale", .. })
        ));
        assert!(matches!(
            ChiSquared::new(x),
            Err(Error::InvalidParameter { name: "df", .. })
        ));
    }
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(matches!(
            StudentT::new(1.0, x, 1.0),
            Err(Error::InvalidParameter { name: "loc", .. })
        ));
        assert!(matches!(
            Gumbel::new(x, 1.0),
            Err(Error::InvalidParameter { name: "loc", .. })
        ));
        assert!(matches!(
            Cauchy::new(x, 1.0),
            Err(Error::InvalidParameter { name: "loc", .. })
        ));
        assert!(matches!(
            HalfNormal::new(x, 1.0),
            Err(Error::InvalidParameter { name: "loc", .. })
        ));
    }
    // The smallest subnormal df: df/2 rounds to 0, not a valid gamma shape.
    assert!(ChiSquared::new(f64::from_bits(1)).is_err());
}

#[test]
fn extreme_but_valid_parameters_stay_finite() {
    // Cauchy: the location gap overflows f64 if taken naively.
    let d = Cauchy::new(-1e308, 1e-300)
        .unwrap()
        .kl_divergence(&Cauchy::new(1e308, 1e-300).unwrap());
    assert!(d.is_finite() && d > 1000.0, "{d}");
    // Log-normal with scales whose ratio overflows.
    let d = LogNormal::new(1.0, 1e300)
        .unwrap()
        .kl_divergence(&LogNormal::new(1.0, 1e-300).unwrap());
    assert!(d.is_finite() && d > 0.0, "{d}");
    // Student t whose standardised centre gap overflows: a typed error, not a wrong number.
    let r = StudentT::new(3.0, -1e308, 1e-300)
        .unwrap()
        .kl_divergence(&StudentT::new(3.0, 1e308, 1.0).unwrap());
    assert!(matches!(r, Err(Error::NotConverged { .. })), "{r:?}");
}

fn pos() -> impl Strategy<Value = f64> {
    (-3.0f64..3.0).prop_map(|e| 10f64.powf(e))
}

fn loc() -> impl Strategy<Value = f64> {
    -50.0f64..50.0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn kl_is_nonnegative_and_zero_on_the_diagonal(
        a in pos(), b in pos(), c in pos(), d in pos(), x in loc(), y in loc()
    ) {
        let pairs: Vec<(f64, f64, f64)> = vec![
            (LogNormal::new(a, b).unwrap().kl_divergence(&LogNormal::new(c, d).unwrap()),
             LogNormal::new(a, b).unwrap().kl_divergence(&LogNormal::new(a, b).unwrap()), 0.0),
            (Gumbel::new(x, a).unwrap().kl_divergence(&Gumbel::new(y, b).unwrap()),
             Gumbel::new(x, a).unwrap().kl_divergence(&Gumbel::new(x, a).unwrap()), 0.0),
            (Cauchy::new(x, a).unwrap().kl_divergence(&Cauchy::new(y, b).unwrap()),
             Cauchy::new(x, a).unwrap().kl_divergence(&Cauchy::new(x, a).unwrap()), 0.0),
            (HalfNormal::new(x, a).unwrap().kl_divergence(&HalfNormal::new(y, b).unwrap()),
             HalfNormal::new(x, a).unwrap().kl_divergence(&HalfNormal::new(x, a).unwrap()), 0.0),
            (Pareto::new(a, b).unwrap().kl_divergence(&Pareto::new(c, d).unwrap()),
             Pareto::new(a, b).unwrap().kl_divergence(&Pareto::new(a, b).unwrap()), 0.0),
            (Weibull::new(a, b).unwrap().kl_divergence(&Weibull::new(c, d).unwrap()),
             Weibull::new(a, b).unwrap().kl_divergence(&Weibull::new(a, b).unwrap()), 0.0),
            (ChiSquared::new(a).unwrap().kl_divergence(&ChiSquared::new(c).unwrap()),
             ChiSquared::new(a).unwrap().kl_divergence(&ChiSquared::new(a).unwrap()), 0.0),
        ];
        for (kl, diag, zero) in pairs {
            prop_assert!(kl >= 0.0, "{kl}");
            prop_assert_eq!(diag, zero);
        }
    }

    #[test]
    fn cross_pairs_are_nonnegative(
        a in pos(), b in pos(), c in pos(), x in loc(), y in -5.0f64..5.0
    ) {
        let (n, g, l) = (
            Normal::new(x, a).unwrap(), Gumbel::new(x + y, b).unwrap(), Laplace::new(x + y, b).unwrap()
        );
        let vals = [
            cross::kl_normal_gumbel(&n, &g),
            cross::kl_gumbel_normal(&g, &n),
            cross::kl_normal_laplace(&n, &l),
            cross::kl_laplace_normal(&l, &n),
            cross::kl_uniform_gumbel(&Uniform::new(x, x + a).unwrap(), &g),
            cross::kl_gamma_gumbel(&Gamma::new(a, c).unwrap(), &Gumbel::new(y, b).unwrap()),
            cross::kl_pareto_exponential(&Pareto::new(a, b).unwrap(), &Exponential::new(c).unwrap()),
            cross::kl_pareto_gamma(&Pareto::new(a, b).unwrap(), &Gamma::new(c, c).unwrap()),
            cross::kl_pareto_normal(&Pareto::new(a, b).unwrap(), &n),
            cross::kl_uniform_pareto(&Uniform::new(b, b + a).unwrap(), &Pareto::new(c, b).unwrap()),
        ];
        for (i, v) in vals.iter().enumerate() {
            // Tiny negative rounding is allowed in the pairs evaluated as plain sums.
            prop_assert!(*v >= -1e-12 * (1.0 + x.abs() + 1.0 / a), "pair {i}: {v}");
        }
    }

    #[test]
    fn cauchy_kl_is_symmetric(a in pos(), b in pos(), x in loc(), y in loc()) {
        let (p, q) = (Cauchy::new(x, a).unwrap(), Cauchy::new(y, b).unwrap());
        prop_assert_eq!(p.kl_divergence(&q), q.kl_divergence(&p));
    }

    #[test]
    fn student_t_kl_is_nonnegative_and_converges(
        n1 in 0.5f64..50.0, n2 in 0.5f64..50.0, s in (-2.0f64..2.0).prop_map(|e| 10f64.powf(e)),
        m in -20.0f64..20.0
    ) {
        let p = StudentT::new(n1, 0.0, 1.0).unwrap();
        let q = StudentT::new(n2, m, s).unwrap();
        let d = p.kl_divergence(&q).unwrap();
        prop_assert!(d >= 0.0 && d.is_finite(), "{d}");
        // Location-scale invariance: shifting and scaling both members changes nothing.
        let (p2, q2) = (
            StudentT::new(n1, 3.0, 2.0).unwrap(),
            StudentT::new(n2, 3.0 + 2.0 * m, 2.0 * s).unwrap(),
        );
        let d2 = p2.kl_divergence(&q2).unwrap();
        prop_assert!((d - d2).abs() <= 1e-11 * d.max(1e-9), "{d} vs {d2}");
    }
}
