//! KL divergences between members of one family a relative `10⁻¹⁶ … 10⁻²` apart, where the
//! closed forms subtract nearly equal terms (the CI once drew χ²(0.01) against χ²(0.01 + 2e-18)
//! and got −1.7e-16 from a `ln Γ` difference).
//!
//! Two checks: KL is never negative (property test over every family with a closed form or a
//! same-size lattice form), and it keeps its relative accuracy there: against the second-order
//! expansion `½ δᵀ I(θ) δ` with the Fisher information `I` (itself checked against mpmath in
//! `tests/geometry.rs`), exact to `O(|δ|/θ)` relative.

use proptest::prelude::*;
use sanov::families::{
    Bernoulli, Beta, Binomial, Cauchy, ChiSquared, Dirichlet, Exponential, Gamma, Geometric,
    Gumbel, HalfNormal, Laplace, LogNormal, NegativeBinomial, Normal, Pareto, Poisson, StudentT,
    VonMises, Weibull,
};
use sanov::geometry::fisher_information;
use sanov::special::trigamma;

/// `KL / (½ δᵀ I δ) − 1` at relative steps `ρ`: the expansion's own error is `O(ρ)` (below
/// 1e-6 for `ρ ≤ 1e-7`), and the closed forms used to lose everything there.
const TOL_QUADRATIC: f64 = 1e-5;

/// The absolute floor of the Student-t quadrature (`1e-20` per piece, four pieces; see
/// `StudentT::kl_divergence`).
const T_FLOOR: f64 = 1e-19;

fn pos() -> impl Strategy<Value = f64> {
    (-3.0f64..3.0).prop_map(|e| 10f64.powf(e))
}

/// A relative perturbation `±10^e`, `e ∈ [−16, −2]` (down to one ulp of the parameter).
fn near() -> impl Strategy<Value = f64> {
    (-16.0f64..-2.0, any::<bool>()).prop_map(|(e, neg)| {
        let m = 10f64.powf(e);
        if neg {
            -m
        } else {
            m
        }
    })
}

fn kls(a: f64, b: f64, x: f64, t: f64, u: f64) -> Vec<(&'static str, f64)> {
    let s = |v: f64, r: f64| v * (1.0 + r);
    let pr = a / (1.0 + a);
    let pr2 = pr * (1.0 - t.abs());
    vec![
        (
            "lognorm",
            LogNormal::new(a, b)
                .unwrap()
                .kl_divergence(&LogNormal::new(s(a, t), s(b, u)).unwrap()),
        ),
        (
            "gumbel",
            Gumbel::new(x, a)
                .unwrap()
                .kl_divergence(&Gumbel::new(x + t, s(a, u)).unwrap()),
        ),
        (
            "cauchy",
            Cauchy::new(x, a)
                .unwrap()
                .kl_divergence(&Cauchy::new(x + t, s(a, u)).unwrap()),
        ),
        (
            "halfnorm",
            HalfNormal::new(x, a)
                .unwrap()
                .kl_divergence(&HalfNormal::new(x - t.abs(), s(a, u)).unwrap()),
        ),
        (
            "pareto",
            Pareto::new(a, b)
                .unwrap()
                .kl_divergence(&Pareto::new(s(a, t), b * (1.0 - u.abs())).unwrap()),
        ),
        (
            "weibull",
            Weibull::new(a, b)
                .unwrap()
                .kl_divergence(&Weibull::new(s(a, t), s(b, u)).unwrap()),
        ),
        (
            "chi2",
            ChiSquared::new(a)
                .unwrap()
                .kl_divergence(&ChiSquared::new(s(a, t)).unwrap()),
        ),
        (
            "gamma",
            Gamma::new(a, b)
                .unwrap()
                .kl_divergence(&Gamma::new(s(a, t), s(b, u)).unwrap()),
        ),
        (
            "beta",
            Beta::new(a, b)
                .unwrap()
                .kl_divergence(&Beta::new(s(a, t), s(b, u)).unwrap()),
        ),
        (
            "normal",
            Normal::new(x, a)
                .unwrap()
                .kl_divergence(&Normal::new(x + t, s(a, u)).unwrap()),
        ),
        (
            "laplace",
            Laplace::new(x, a)
                .unwrap()
                .kl_divergence(&Laplace::new(x + t, s(a, u)).unwrap()),
        ),
        (
            "expon",
            Exponential::new(a)
                .unwrap()
                .kl_divergence(&Exponential::new(s(a, t)).unwrap()),
        ),
        (
            "poisson",
            Poisson::new(a)
                .unwrap()
                .kl_divergence(&Poisson::new(s(a, t)).unwrap()),
        ),
        (
            "geometric",
            Geometric::new(pr)
                .unwrap()
                .kl_divergence(&Geometric::new(pr2).unwrap()),
        ),
        (
            "bernoulli",
            Bernoulli::new(pr)
                .unwrap()
                .kl_divergence(&Bernoulli::new(pr2).unwrap()),
        ),
        (
            "binomial",
            Binomial::new(7, pr)
                .unwrap()
                .kl_divergence(&Binomial::new(7, pr2).unwrap())
                .unwrap(),
        ),
        (
            "nbinom",
            NegativeBinomial::new(b, pr)
                .unwrap()
                .kl_divergence(&NegativeBinomial::new(b, pr2).unwrap())
                .unwrap(),
        ),
        (
            "dirichlet",
            Dirichlet::new(&[a, b, 1.0])
                .unwrap()
                .kl_divergence(&Dirichlet::new(&[s(a, t), s(b, u), 1.0 + t * u]).unwrap())
                .unwrap(),
        ),
        (
            "vonmises",
            VonMises::new(x / 20.0, a)
                .unwrap()
                .kl_divergence(&VonMises::new(x / 20.0 + t, s(a, u)).unwrap()),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn near_diagonal_kl_is_nonnegative(
        a in pos(), b in pos(), x in -50.0f64..50.0, t in near(), u in near()
    ) {
        for (family, kl) in kls(a, b, x, t, u) {
            prop_assert!(kl >= 0.0, "{family}: {kl:e} (a = {a}, b = {b}, x = {x}, t = {t:e}, u = {u:e})");
        }
    }
}

/// `½ δᵀ I δ` for the Fisher matrix `i` and step `d`.
fn quadratic(i: &ndarray::Array2<f64>, d: &[f64]) -> f64 {
    let mut s = 0.0;
    for (r, dr) in d.iter().enumerate() {
        for (c, dc) in d.iter().enumerate() {
            s += dr * i[[r, c]] * dc;
        }
    }
    0.5 * s
}

fn check(label: &str, kl: f64, want: f64) {
    assert!(
        (kl / want - 1.0).abs() < TOL_QUADRATIC,
        "{label}: KL {kl:e}, ½δᵀIδ {want:e}"
    );
}

#[test]
fn near_diagonal_kl_is_half_the_fisher_form() {
    for rho in [1e-7, 1e-10, 1e-13] {
        // Gamma and χ² shapes across the closed form's regimes (< 10, ≥ 10, huge).
        for (a, r) in [
            (0.005, 1.0),
            (0.7, 3.0),
            (9.99, 0.5),
            (25.0, 2.0),
            (1e6, 1e3),
            (1e200, 1e100),
        ] {
            let (a2, r2) = (a * (1.0 + rho), r * (1.0 - 0.5 * rho));
            let p = Gamma::new(a, r).unwrap();
            let kl = p.kl_divergence(&Gamma::new(a2, r2).unwrap());
            check(
                &format!("gamma({a}, {r}) ρ={rho:e}"),
                kl,
                quadratic(&fisher_information(&p), &[a2 - a, r2 - r]),
            );
        }
        for (a, b) in [
            (0.01, 0.02),
            (2.0, 3.0),
            (39.0, 78.0),
            (264.0, 0.0055),
            (1e5, 3e5),
        ] {
            let (a2, b2) = (a * (1.0 + rho), b * (1.0 - 0.3 * rho));
            let p = Beta::new(a, b).unwrap();
            let kl = p.kl_divergence(&Beta::new(a2, b2).unwrap());
            check(
                &format!("beta({a}, {b}) ρ={rho:e}"),
                kl,
                quadratic(&fisher_information(&p), &[a2 - a, b2 - b]),
            );
            let alpha = [a, b, 1.5];
            let alpha2 = [a2, b2, 1.5 * (1.0 + 0.7 * rho)];
            let p = Dirichlet::new(&alpha).unwrap();
            let kl = p.kl_divergence(&Dirichlet::new(&alpha2).unwrap()).unwrap();
            let d: Vec<f64> = alpha2.iter().zip(&alpha).map(|(x, y)| x - y).collect();
            check(
                &format!("dirichlet({a}, {b}, 1.5) ρ={rho:e}"),
                kl,
                quadratic(&fisher_information(&p), &d),
            );
        }
        for pr in [1e-6_f64, 0.3, 0.5, 0.999] {
            let pr2 = pr - rho * pr.min(1.0 - pr);
            let p = Bernoulli::new(pr).unwrap();
            let kl = p.kl_divergence(&Bernoulli::new(pr2).unwrap());
            check(
                &format!("bernoulli({pr}) ρ={rho:e}"),
                kl,
                quadratic(&fisher_information(&p), &[pr2 - pr]),
            );
            let p = Geometric::new(pr).unwrap();
            let kl = p.kl_divergence(&Geometric::new(pr2).unwrap());
            check(
                &format!("geometric({pr}) ρ={rho:e}"),
                kl,
                quadratic(&fisher_information(&p), &[pr2 - pr]),
            );
        }
        // Concentrations on both sides of the A′ series threshold (1e3), and near 0.
        for k in [1e-3, 0.8, 30.0, 999.0, 1001.0, 1e7] {
            let k2 = k * (1.0 + rho);
            let p = VonMises::new(0.3, k).unwrap();
            let mu2 = 0.3 + rho;
            let kl = p.kl_divergence(&VonMises::new(mu2, k2).unwrap());
            let want = quadratic(&fisher_information(&p), &[mu2 - 0.3, k2 - k]);
            check(&format!("vonmises(0.3, {k}) ρ={rho:e}"), kl, want);
        }
        // Student t in (ν, μ, σ) (Lange, Little & Taylor 1989, JASA 84, eq. A.1): I_μμ =
        // (ν+1)/((ν+3)σ²), I_σσ = 2ν/((ν+3)σ²), I_νσ = −2/(σ(ν+1)(ν+3)), I_νν = ¼(ψ′(ν/2) −
        // ψ′((ν+1)/2)) − (ν+5)/(2ν(ν+1)(ν+3)), I_μν = I_μσ = 0. Its KL is a quadrature.
        for (nu, sd) in [(0.01_f64, 1.3), (0.4, 30.0), (3.0, 1.0), (40.0, 0.2)] {
            let (nu2, mu2, sd2) = (nu * (1.0 + rho), 0.7 + rho, sd * (1.0 - 0.5 * rho));
            let (dn, dm, ds) = (nu2 - nu, mu2 - 0.7, sd2 - sd);
            let i_nn = 0.25 * (trigamma(0.5 * nu) - trigamma(0.5 * (nu + 1.0)))
                - (nu + 5.0) / (2.0 * nu * (nu + 1.0) * (nu + 3.0));
            let i_ns = -2.0 / (sd * (nu + 1.0) * (nu + 3.0));
            let i_mm = (nu + 1.0) / ((nu + 3.0) * sd * sd);
            let i_ss = 2.0 * nu / ((nu + 3.0) * sd * sd);
            let want =
                0.5 * (i_nn * dn * dn + 2.0 * i_ns * dn * ds + i_mm * dm * dm + i_ss * ds * ds);
            let kl = StudentT::new(nu, 0.7, sd)
                .unwrap()
                .kl_divergence(&StudentT::new(nu2, mu2, sd2).unwrap())
                .unwrap();
            let label = format!("t({nu}, 0.7, {sd}) ρ={rho:e}");
            if want > T_FLOOR / TOL_QUADRATIC {
                check(&label, kl, want);
            } else {
                assert!(
                    (kl - want).abs() <= T_FLOOR,
                    "{label}: KL {kl:e}, ½δᵀIδ {want:e}"
                );
            }
        }
        for b in [1e-3, 1.0, 50.0] {
            let b2 = b * (1.0 + rho);
            let p = Laplace::new(0.0, b).unwrap();
            // The Laplace KL is not twice differentiable in the location (|x − μ|): scale only.
            let kl = p.kl_divergence(&Laplace::new(0.0, b2).unwrap());
            check(
                &format!("laplace(0, {b}) ρ={rho:e}"),
                kl,
                quadratic(&fisher_information(&p), &[0.0, b2 - b]),
            );
        }
    }
}
