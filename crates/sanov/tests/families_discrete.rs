//! Binomial, multinomial and negative binomial families and the cross-family KL pairs of
//! PyTorch's registry, against `tests/data/families_discrete.txt`, written by
//! `scripts/reference/generate_families_discrete.py` (mpmath at 50 digits: the defining sums,
//! enumeration of the multinomial outcomes, quadrature for the continuous pairs); plus the
//! constructors' errors and the identities KL ≥ 0, KL(p, p) = 0, Binomial(1, p) = Bernoulli(p),
//! Multinomial with K = 2 = Binomial, NegativeBinomial(1, p) = shifted Geometric(p), and
//! KL = Bregman divergence of the log-partition for a fixed `n`.

use proptest::prelude::*;
use sanov::families::{
    cross, Bernoulli, Beta, Binomial, Exponential, ExponentialFamily, Gamma, Geometric, Laplace,
    Multinomial, NegativeBinomial, Normal, Poisson, Uniform,
};
use sanov::Error;

mod common;

use common::pipe_table::{pipe_rows, PipeRow};

/// Series (entropy and KL of the lattice families): each term carries a relative rounding of a
/// few ulps (Loader's log-pmf), so the sums are good to ~1e-15; 1e-13 catches any truncation
/// or formula error.
const TOL_SERIES: f64 = 1e-13;

/// The multinomial entropy is `Σ_i E[−ln Pois(X_i; μ_i)] − ½ ln(2πn) − stirlerr(n)`: its
/// error is absolute, a few ulps of `½ ln(2πn)` per category.
const TOL_MULTINOMIAL_ABS: f64 = 1e-14;

/// Closed-form cross pairs: a handful of correctly rounded operations and special functions
/// (≤ 1e-14 relative) on values of order 1.
const TOL_CROSS: f64 = 1e-13;

/// Absolute floor for values that are themselves ~0.
const TOL_ABS: f64 = 1e-14;

const TABLE: &str = include_str!("data/families_discrete.txt");

fn binom(g: &[Vec<f64>]) -> Binomial {
    Binomial::new(g[0][0] as u64, g[0][1]).expect("valid binomial")
}

fn nbinom(g: &[Vec<f64>]) -> NegativeBinomial {
    NegativeBinomial::new(g[0][0], g[0][1]).expect("valid negative binomial")
}

fn pair(g: &[Vec<f64>]) -> (f64, f64) {
    (g[0][0], g[0][1])
}

/// The value of one table row, and its tolerance (relative, absolute).
fn compute(r: &PipeRow) -> (f64, f64, f64) {
    let (p, q) = (&r.p, &r.q);
    match (r.kind(), r.family(), r.word(2)) {
        ("entropy", "binomial", _) => (binom(p).entropy(), TOL_SERIES, TOL_ABS),
        ("entropy", "negative_binomial", _) => {
            (nbinom(p).entropy().expect("converges"), TOL_SERIES, TOL_ABS)
        }
        ("entropy", "multinomial", _) => {
            let m = Multinomial::new(p[0][0] as u64, &p[1]).expect("valid multinomial");
            (m.entropy(), TOL_SERIES, TOL_MULTINOMIAL_ABS)
        }
        ("kl", "binomial", "binomial") => (
            binom(p).kl_divergence(&binom(q)).expect("converges"),
            TOL_SERIES,
            TOL_ABS,
        ),
        ("kl", "negative_binomial", "negative_binomial") => (
            nbinom(p).kl_divergence(&nbinom(q)).expect("converges"),
            TOL_SERIES,
            TOL_ABS,
        ),
        ("kl", "bernoulli", "poisson") => (
            cross::kl_bernoulli_poisson(
                &Bernoulli::new(p[0][0]).expect("valid"),
                &Poisson::new(q[0][0]).expect("valid"),
            ),
            TOL_CROSS,
            TOL_ABS,
        ),
        ("kl", fp, fq) => {
            let d = match (fp, fq) {
                ("exponential", "normal") => cross::kl_exponential_normal(
                    &Exponential::new(p[0][0]).expect("valid"),
                    &normal(q),
                ),
                ("gamma", "normal") => cross::kl_gamma_normal(&gamma(p), &normal(q)),
                ("beta", "normal") => cross::kl_beta_normal(&beta(p), &normal(q)),
                ("beta", "exponential") => {
                    cross::kl_beta_exponential(&beta(p), &Exponential::new(q[0][0]).expect("valid"))
                }
                ("beta", "gamma") => cross::kl_beta_gamma(&beta(p), &gamma(q)),
                ("uniform", "beta") => cross::kl_uniform_beta(&uniform(p), &beta(q)),
                ("uniform", "gamma") => cross::kl_uniform_gamma(&uniform(p), &gamma(q)),
                other => panic!("unknown pair {other:?}"),
            };
            (d, TOL_CROSS, TOL_ABS)
        }
        other => panic!("unknown row {other:?}"),
    }
}

fn normal(g: &[Vec<f64>]) -> Normal {
    let (a, b) = pair(g);
    Normal::new(a, b).expect("valid")
}
fn gamma(g: &[Vec<f64>]) -> Gamma {
    let (a, b) = pair(g);
    Gamma::new(a, b).expect("valid")
}
fn beta(g: &[Vec<f64>]) -> Beta {
    let (a, b) = pair(g);
    Beta::new(a, b).expect("valid")
}
fn uniform(g: &[Vec<f64>]) -> Uniform {
    let (a, b) = pair(g);
    Uniform::new(a, b).expect("valid")
}

#[test]
fn reference_table() {
    let rows = pipe_rows(TABLE);
    assert!(rows.len() > 90, "table has {} rows", rows.len());
    let mut failures = Vec::new();
    let mut worst = std::collections::BTreeMap::<String, f64>::new();
    for r in &rows {
        let (got, rel, abs) = compute(r);
        let want = r.value();
        if want.is_finite() {
            let e = (got - want).abs() / want.abs().max(1e-300);
            let w = worst.entry(r.words.join(" ")).or_insert(0.0);
            *w = w.max(e);
        }
        let ok = if want.is_infinite() {
            got == want
        } else {
            (got - want).abs() <= rel * want.abs() + abs
        };
        if !ok {
            failures.push(format!(
                "{}: got {got:e}, want {want:e} (rel err {:.1e})",
                r.label(),
                (got - want).abs() / want.abs()
            ));
        }
    }
    for (k, e) in &worst {
        eprintln!("{k}: worst relative error {e:.1e}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn infinite_pairs() {
    let ex = Exponential::new(1.0).unwrap();
    let ga = Gamma::new(2.0, 1.0).unwrap();
    let be = Beta::new(2.0, 2.0).unwrap();
    let un = Uniform::new(-1e300, 1e300).unwrap();
    let la = Laplace::new(0.5, 1.0).unwrap();
    let no = Normal::new(0.5, 1.0).unwrap();
    let po = Poisson::new(1e-9).unwrap();
    let inf = f64::INFINITY;
    for d in [
        cross::kl_exponential_beta(&ex, &be),
        cross::kl_exponential_uniform(&ex, &un),
        cross::kl_gamma_beta(&ga, &be),
        cross::kl_gamma_uniform(&ga, &un),
        cross::kl_laplace_beta(&la, &be),
        cross::kl_laplace_exponential(&la, &ex),
        cross::kl_laplace_gamma(&la, &ga),
        cross::kl_laplace_uniform(&la, &un),
        cross::kl_normal_beta(&no, &be),
        cross::kl_normal_exponential(&no, &ex),
        cross::kl_normal_gamma(&no, &ga),
        cross::kl_poisson_bernoulli(&po, &Bernoulli::new(0.5).unwrap()),
        cross::kl_poisson_binomial(&po, &Binomial::new(1000, 0.5).unwrap()),
        // Support rules of the finite pairs.
        cross::kl_uniform_beta(&Uniform::new(-0.1, 0.5).unwrap(), &be),
        cross::kl_uniform_beta(&Uniform::new(0.5, 1.1).unwrap(), &be),
        cross::kl_uniform_gamma(&Uniform::new(-0.1, 0.5).unwrap(), &ga),
        Binomial::new(5, 0.5)
            .unwrap()
            .kl_divergence(&Binomial::new(4, 0.5).unwrap())
            .unwrap(),
        Binomial::new(5, 0.5)
            .unwrap()
            .kl_divergence(&Binomial::new(5, 1.0).unwrap())
            .unwrap(),
        Binomial::new(3, 0.5)
            .unwrap()
            .kl_divergence(&Binomial::new(5, 0.0).unwrap())
            .unwrap(),
        Multinomial::new(3, &[0.5, 0.5])
            .unwrap()
            .kl_divergence(&Multinomial::new(4, &[0.5, 0.5]).unwrap())
            .unwrap(),
        Multinomial::new(3, &[0.5, 0.5])
            .unwrap()
            .kl_divergence(&Multinomial::new(3, &[1.0, 0.0]).unwrap())
            .unwrap(),
        NegativeBinomial::new(2.0, 0.5)
            .unwrap()
            .kl_divergence(&NegativeBinomial::new(3.0, 1.0).unwrap())
            .unwrap(),
    ] {
        assert_eq!(d, inf);
    }
}

#[test]
fn degenerate_members() {
    // Point masses: entropy 0, and KL against them by the support rules.
    assert_eq!(Binomial::new(0, 0.3).unwrap().entropy(), 0.0);
    assert_eq!(Binomial::new(7, 0.0).unwrap().entropy(), 0.0);
    assert_eq!(Binomial::new(7, 1.0).unwrap().entropy(), 0.0);
    assert_eq!(Multinomial::new(0, &[0.5, 0.5]).unwrap().entropy(), 0.0);
    assert_eq!(
        Multinomial::new(9, &[0.0, 1.0, 0.0]).unwrap().entropy(),
        0.0
    );
    assert_eq!(
        NegativeBinomial::new(2.5, 1.0).unwrap().entropy().unwrap(),
        0.0
    );
    let same = Multinomial::new(0, &[0.5, 0.5])
        .unwrap()
        .kl_divergence(&Multinomial::new(0, &[1.0, 0.0]).unwrap())
        .unwrap();
    assert_eq!(same, 0.0);
    // δ₀ against Binomial(4, 0.25): −4 ln(3/4).
    let d = Binomial::new(0, 0.5)
        .unwrap()
        .kl_divergence(&Binomial::new(4, 0.25).unwrap())
        .unwrap();
    assert!((d + 4.0 * 0.75f64.ln()).abs() < 1e-15);
}

#[test]
fn constructor_errors() {
    for p in [-0.1, 1.5, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            Binomial::new(3, p),
            Err(Error::InvalidParameter { name: "p", .. })
        ));
        assert!(matches!(
            NegativeBinomial::new(3.0, p),
            Err(Error::InvalidParameter { name: "p", .. })
        ));
    }
    assert!(matches!(
        NegativeBinomial::new(3.0, 0.0),
        Err(Error::InvalidParameter { name: "p", .. })
    ));
    for n in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            NegativeBinomial::new(n, 0.5),
            Err(Error::InvalidParameter { name: "n", .. })
        ));
    }
    assert!(matches!(
        Multinomial::new(3, &[0.5, 0.6]),
        Err(Error::NotNormalized { .. })
    ));
    assert!(matches!(
        Multinomial::new(3, &[f64::NAN, 0.5]),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(
        Multinomial::new(3, &[-0.5, 1.5]),
        Err(Error::NegativeProbability { .. })
    ));
    assert!(matches!(Multinomial::new(3, &[]), Err(Error::Empty { .. })));
    let m2 = Multinomial::new(3, &[0.5, 0.5]).unwrap();
    let m3 = Multinomial::new(3, &[0.25, 0.25, 0.5]).unwrap();
    assert!(matches!(
        m2.kl_divergence(&m3),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn too_long_series_is_an_error() {
    let nb = NegativeBinomial::new(1.0, 1e-9).unwrap();
    assert!(matches!(
        nb.entropy(),
        Err(Error::NotConverged { iterations: 0, .. })
    ));
    let other = NegativeBinomial::new(2.0, 1e-9).unwrap();
    assert!(matches!(
        nb.kl_divergence(&other),
        Err(Error::NotConverged { .. })
    ));
    let b = Binomial::new(1 << 50, 0.5).unwrap();
    assert!(matches!(
        b.kl_divergence(&Binomial::new(1 << 51, 0.5).unwrap()),
        Err(Error::NotConverged { .. })
    ));
    // The entropy of a huge binomial is the asymptotic expansion, not a series.
    let h = b.entropy();
    let want = 0.5 * (2.0 * std::f64::consts::PI * std::f64::consts::E * 2f64.powi(48)).ln();
    assert!((h - want).abs() < 1e-14);
}

fn bregman<F: ExponentialFamily>(p: &F, q: &F) -> f64 {
    let (ep, eq, mp) = (
        p.natural_parameters(),
        q.natural_parameters(),
        p.mean_parameters(),
    );
    q.log_partition() - p.log_partition() - (eq[0] - ep[0]) * mp[0]
}

proptest! {
    #[test]
    fn binomial_identities(n in 0u64..200, p in 0.0f64..=1.0, q in 0.01f64..0.99, extra in 1u64..50) {
        let bp = Binomial::new(n, p).unwrap();
        let bq = Binomial::new(n, q).unwrap();
        prop_assert_eq!(bp.kl_divergence(&bp).unwrap(), 0.0);
        let d = bp.kl_divergence(&bq).unwrap();
        prop_assert!(d >= 0.0);
        let wider = Binomial::new(n + extra, q).unwrap();
        prop_assert!(bp.kl_divergence(&wider).unwrap() >= -1e-13);
        let h = bp.entropy();
        prop_assert!(h >= 0.0 && h <= ((n + 1) as f64).ln() + 1e-13);
        if p > 0.0 && p < 1.0 {
            let b = bregman(&bp, &bq);
            prop_assert!((d - b).abs() <= 1e-10 * (1.0 + d), "{} vs {}", d, b);
        }
    }

    #[test]
    fn binomial_of_one_trial_is_bernoulli(p in 0.0f64..=1.0, q in 0.0f64..=1.0) {
        let b = Binomial::new(1, p).unwrap();
        let e = Bernoulli::new(p).unwrap();
        prop_assert!((b.entropy() - e.entropy()).abs() <= 1e-15);
        let d = b.kl_divergence(&Binomial::new(1, q).unwrap()).unwrap();
        let want = e.kl_divergence(&Bernoulli::new(q).unwrap());
        prop_assert!(d == want || (d - want).abs() <= 1e-14 * (1.0 + want));
    }

    #[test]
    fn multinomial_of_two_categories_is_binomial(n in 0u64..2000, p in 0.0f64..=1.0, q in 0.0f64..=1.0) {
        let m = Multinomial::new(n, &[p, 1.0 - p]).unwrap();
        let b = Binomial::new(n, p).unwrap();
        prop_assert_eq!(m.entropy(), b.entropy());
        let d = m.kl_divergence(&Multinomial::new(n, &[q, 1.0 - q]).unwrap()).unwrap();
        let want = b.kl_divergence(&Binomial::new(n, q).unwrap()).unwrap();
        // The binomial's KL is accurate to a few ulps of itself (a sum of non-negative
        // `kl_div` terms); the multinomial's `n Σ p ln(p/q)` has its rounding, `n ε` per unit of
        // `|ln(p/q)| + 1`, and holds `fl(1 − p)` where the binomial has `1 − p`.
        let ln_abs = |r: f64| if r.ln().is_finite() { r.ln().abs() } else { 0.0 };
        let own = 2.0 * n as f64 * f64::EPSILON * (1.0 + ln_abs(p / q) + ln_abs((1.0 - p) / (1.0 - q)));
        prop_assert!(d == want || (d - want).abs() <= 1e-13 * (1.0 + want) + own, "{} vs {}", d, want);
    }

    #[test]
    fn multinomial_merging_two_categories_loses_entropy(n in 1u64..500, a in 0.01f64..1.0, b in 0.01f64..1.0, c in 0.01f64..1.0) {
        // H(X1, X2, X3) ≥ H(X1 + X2, X3): a function of the counts.
        let s = a + b + c;
        let (a, b, c) = (a / s, b / s, c / s);
        let three = Multinomial::new(n, &[a, b, c]).unwrap().entropy();
        let two = Multinomial::new(n, &[a + b, c]).unwrap().entropy();
        prop_assert!(three >= two - 1e-12);
        let q = Multinomial::new(n, &[c, a, b]).unwrap();
        let m = Multinomial::new(n, &[a, b, c]).unwrap();
        prop_assert!(m.kl_divergence(&q).unwrap() >= 0.0);
        prop_assert_eq!(m.kl_divergence(&m).unwrap(), 0.0);
    }

    #[test]
    fn negative_binomial_identities(n in 0.05f64..30.0, p in 0.05f64..=1.0, q in 0.05f64..0.99, m in 0.05f64..30.0) {
        let a = NegativeBinomial::new(n, p).unwrap();
        let b = NegativeBinomial::new(n, q).unwrap();
        prop_assert_eq!(a.kl_divergence(&a).unwrap(), 0.0);
        let d = a.kl_divergence(&b).unwrap();
        prop_assert!(d >= 0.0);
        let other = NegativeBinomial::new(m, q).unwrap();
        prop_assert!(a.kl_divergence(&other).unwrap() >= -1e-13);
        prop_assert!(a.entropy().unwrap() >= 0.0);
        if p < 1.0 {
            let br = bregman(&a, &b);
            prop_assert!((d - br).abs() <= 1e-10 * (1.0 + d), "{} vs {}", d, br);
        }
    }

    #[test]
    fn negative_binomial_of_one_success_is_geometric(p in 0.01f64..=1.0, q in 0.01f64..=1.0) {
        // NB(1, p) is Geometric(p) shifted by one: same entropy and KL.
        let a = NegativeBinomial::new(1.0, p).unwrap();
        let g = Geometric::new(p).unwrap();
        let (h, hg) = (a.entropy().unwrap(), g.entropy());
        prop_assert!((h - hg).abs() <= 1e-13 * (1.0 + hg), "{} vs {}", h, hg);
        let d = a.kl_divergence(&NegativeBinomial::new(1.0, q).unwrap()).unwrap();
        let dg = g.kl_divergence(&Geometric::new(q).unwrap());
        prop_assert!(d == dg || (d - dg).abs() <= 1e-13 * (1.0 + dg), "{} vs {}", d, dg);
    }

    #[test]
    fn cross_pairs_are_nonnegative(a in 0.1f64..20.0, b in 0.1f64..20.0, mu in -5.0f64..5.0, s in 0.1f64..10.0, lo in 0.0f64..0.9, w in 0.01f64..0.1) {
        let be = Beta::new(a, b).unwrap();
        let ga = Gamma::new(a, b).unwrap();
        let no = Normal::new(mu, s).unwrap();
        let ex = Exponential::new(b).unwrap();
        let un = Uniform::new(lo, lo + w).unwrap();
        for d in [
            cross::kl_beta_normal(&be, &no),
            cross::kl_beta_exponential(&be, &ex),
            cross::kl_beta_gamma(&be, &ga),
            cross::kl_gamma_normal(&ga, &no),
            cross::kl_exponential_normal(&ex, &no),
            cross::kl_uniform_beta(&un, &be),
            cross::kl_uniform_gamma(&un, &ga),
        ] {
            prop_assert!(d >= -1e-12, "{}", d);
        }
        let bp = Bernoulli::new(lo).unwrap();
        prop_assert!(cross::kl_bernoulli_poisson(&bp, &Poisson::new(s).unwrap()) >= -1e-14);
    }
}
