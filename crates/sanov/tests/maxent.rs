//! sanov's maximum-entropy solver against the committed table `tests/data/maxent.txt`, written
//! by `scripts/reference/generate_maxent.py` (mpmath at 40 digits, dual solved to a residual
//! below 1e-35); plus infeasible, boundary and malformed inputs, and the Gibbs identities.

use ndarray::{arr2, Array2};
use sanov::iterate::{StoppingRule, Termination};
use sanov::maxent::{biased_die, gibbs, maxent, maxent_moments, MaxEntOptions, MaxEntResult};
use sanov::{Error, Par};

/// Reference comparisons (relative). The solver stops at a relative constraint residual
/// `ρ ≤ 1e-12`, and its last Newton step is quadratic, so the final residual is at rounding
/// level (~1e-16). The multipliers then carry that error amplified by the condition number of
/// the scaled feature covariance (≤ ~1e4 on these cases), and each `p_i` the resulting error of
/// its exponent `λ·f(x_i) − ln Z` — a relative error, whatever the size of `p_i`. 1e-10 leaves
/// two orders of margin over what is observed while catching any real error (a wrong sign,
/// scale or prior convention shows up at 1e-3 or worse).
const TOL_REF: f64 = 1e-10;
/// The lecture value of the die multiplier, given to 15 digits.
const TOL_DIE: f64 = 1e-12;
/// Identities between separately computed quantities (`F = U − TS`, `Σ p = 1`).
const TOL_IDENTITY: f64 = 1e-13;

const TABLE: &str = include_str!("data/maxent.txt");

fn floats(s: &str) -> Vec<f64> {
    s.split(',').map(|v| v.parse().expect("a float")).collect()
}

fn close(case: &str, what: &str, got: f64, want: f64, tol: f64) {
    let t = tol * want.abs();
    assert!(
        (got - want).abs() <= t,
        "{case}: {what}: got {got}, want {want} (diff {:e}, tol {t:e})",
        got - want
    );
}

struct Case {
    name: String,
    x: Vec<f64>,
    f: Vec<Vec<f64>>,
    t: Vec<f64>,
    q: Option<Vec<f64>>,
    lam: Vec<f64>,
    p: Vec<f64>,
    value: f64,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (key, rest) = line.split_once(' ').expect("key and value");
        if key == "case" {
            out.push(Case {
                name: rest.to_string(),
                x: vec![],
                f: vec![],
                t: vec![],
                q: None,
                lam: vec![],
                p: vec![],
                value: f64::NAN,
            });
            continue;
        }
        let c = out.last_mut().expect("a case first");
        match key {
            "x" => c.x = floats(rest),
            "f" => c.f.push(floats(rest)),
            "t" => c.t = floats(rest),
            "q" => c.q = Some(floats(rest)),
            "lam" => c.lam = floats(rest),
            "p" => c.p = floats(rest),
            "value" => c.value = rest.parse().expect("a float"),
            _ => panic!("unknown key {key}"),
        }
    }
    out
}

fn features(f: &[Vec<f64>]) -> Array2<f64> {
    let n = f[0].len();
    Array2::from_shape_vec((f.len(), n), f.concat()).expect("rectangular")
}

fn solve(c: &Case, params: &MaxEntOptions) -> MaxEntResult {
    let f = features(&c.f);
    maxent(&c.x, f.view(), &c.t, c.q.as_deref(), params)
        .unwrap_or_else(|e| panic!("{}: {e}", c.name))
}

#[test]
fn maxent_matches_reference_table() {
    let mut checked = 0;
    let all = cases();
    assert_eq!(all.len(), 43);
    for c in &all {
        let r = solve(c, &MaxEntOptions::default());
        assert_eq!(
            r.diagnostics.termination,
            Termination::Converged,
            "{}",
            c.name
        );
        assert!(r.diagnostics.certificate <= 1e-12, "{}", c.name);
        for (k, (&got, &want)) in r.multipliers.iter().zip(&c.lam).enumerate() {
            close(&c.name, &format!("lambda[{k}]"), got, want, TOL_REF);
            checked += 1;
        }
        for (i, (&got, &want)) in r.distribution.iter().zip(&c.p).enumerate() {
            if want == 0.0 {
                assert_eq!(got, 0.0, "{}: p[{i}] (zero prior)", c.name);
            } else {
                close(&c.name, &format!("p[{i}]"), got, want, TOL_REF);
            }
            checked += 1;
        }
        close(&c.name, "value", r.value, c.value, TOL_REF);
        checked += 1;
    }
    assert_eq!(checked, 1212);
}

#[test]
fn parallel_passes_give_identical_results() {
    let par = MaxEntOptions {
        par: Par::rayon(2),
        ..MaxEntOptions::default()
    };
    for c in cases().iter().take(10) {
        assert_eq!(
            solve(c, &MaxEntOptions::default()),
            solve(c, &par),
            "{}",
            c.name
        );
    }
}

#[test]
fn moments_helper_is_maxent_with_power_features() {
    let x = [-1.5, -0.25, 0.5, 1.0, 2.0];
    let m = [0.3, 1.1];
    let f = arr2(&[x, x.map(|v| v * v)]);
    let a = maxent_moments(&x, &m, None, &MaxEntOptions::default()).unwrap();
    let b = maxent(&x, f.view(), &m, None, &MaxEntOptions::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn biased_die_lecture_value() {
    let r = biased_die(4.8).unwrap();
    close(
        "die",
        "lambda",
        r.multipliers[0],
        0.514180063692712,
        TOL_DIE,
    );
    let s: f64 = r.distribution.iter().sum();
    close("die", "sum p", s, 1.0, TOL_IDENTITY);
    // Mirror image: mean 7 − 4.8 has the opposite multiplier.
    let m = biased_die(7.0 - 4.8).unwrap();
    close(
        "die",
        "mirror",
        m.multipliers[0],
        -0.514180063692712,
        TOL_DIE,
    );
}

#[test]
fn infeasible_targets_are_the_infeasible_variant() {
    for mean in [0.999, 6.001, -100.0, 1e300] {
        assert!(
            matches!(biased_die(mean), Err(Error::Infeasible { .. })),
            "mean {mean}"
        );
    }
    // Inside the box, outside the hull (triangle): certified by a separating hyperplane.
    let f = arr2(&[[0.0, 1.0, 0.0, 0.2], [0.0, 0.0, 1.0, 0.2]]);
    let x = [0.0, 1.0, 2.0, 3.0];
    for t in [[0.6, 0.6], [0.9, 0.3], [0.51, 0.5]] {
        let e = maxent(&x, f.view(), &t, None, &MaxEntOptions::default());
        assert!(matches!(e, Err(Error::Infeasible { .. })), "{t:?}: {e:?}");
    }
    // Affinely dependent features with inconsistent targets: f2 = 2 f1, t2 ≠ 2 t1.
    let f = arr2(&[[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]);
    let e = maxent(
        &x[..3],
        f.view(),
        &[2.0, 4.5],
        None,
        &MaxEntOptions::default(),
    );
    assert!(matches!(e, Err(Error::Infeasible { .. })), "{e:?}");
    // A target only reachable through a point of zero prior.
    let e = maxent(
        &x[..3],
        arr2(&[[1.0, 2.0, 3.0]]).view(),
        &[2.5],
        Some(&[0.5, 0.5, 0.0]),
        &MaxEntOptions::default(),
    );
    assert!(matches!(e, Err(Error::Infeasible { .. })), "{e:?}");
}

#[test]
fn consistent_dependent_features_are_solved() {
    let x = [0.0, 1.0, 2.0];
    let f = arr2(&[[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]);
    let r = maxent(&x, f.view(), &[2.5, 5.0], None, &MaxEntOptions::default()).unwrap();
    let one = maxent(
        &x,
        f.slice(ndarray::s![..1, ..]),
        &[2.5],
        None,
        &MaxEntOptions::default(),
    )
    .unwrap();
    for (a, b) in r.distribution.iter().zip(&one.distribution) {
        close("dependent", "p", *a, *b, 1e-9);
    }
    // The multipliers are not unique; their combination λ1 + 2λ2 is.
    close(
        "dependent",
        "lambda",
        r.multipliers[0] + 2.0 * r.multipliers[1],
        one.multipliers[0],
        1e-9,
    );
}

#[test]
fn boundary_targets_restrict_to_the_face() {
    // E[X] = max on a support where the maximum is attained twice, with a prior.
    let x = [0.0, 1.0, 3.0, 3.0];
    let q = [0.1, 0.2, 0.3, 0.4];
    let f = arr2(&[x]);
    let r = maxent(&x, f.view(), &[3.0], Some(&q), &MaxEntOptions::default()).unwrap();
    assert_eq!(r.multipliers, vec![f64::INFINITY]);
    assert_eq!(r.diagnostics.termination, Termination::Exact);
    close("face", "p2", r.distribution[2], 3.0 / 7.0, 1e-15);
    close("face", "p3", r.distribution[3], 4.0 / 7.0, 1e-15);
    assert_eq!(&r.distribution[..2], &[0.0, 0.0]);
    close("face", "KL", r.value, -(0.7f64.ln()), 1e-15);
    // A second constraint solved on the face: features (x, y) with x at its minimum.
    let f = arr2(&[[0.0, 0.0, 0.0, 1.0], [1.0, 2.0, 4.0, 0.0]]);
    let r = maxent(
        &[0.0; 4],
        f.view(),
        &[0.0, 2.0],
        None,
        &MaxEntOptions::default(),
    )
    .unwrap();
    assert_eq!(r.multipliers[0], f64::NEG_INFINITY);
    assert_eq!(r.distribution[3], 0.0);
    let mean: f64 = r.distribution[..3]
        .iter()
        .zip([1.0, 2.0, 4.0])
        .map(|(p, y)| p * y)
        .sum();
    close("face", "E[y]", mean, 2.0, 1e-13);
    // A constant feature equal to its target is ignored (multiplier 0).
    let f = arr2(&[[5.0, 5.0, 5.0], [1.0, 2.0, 3.0]]);
    let r = maxent(
        &[0.0; 3],
        f.view(),
        &[5.0, 2.0],
        None,
        &MaxEntOptions::default(),
    )
    .unwrap();
    assert_eq!(r.multipliers, vec![0.0, 0.0]);
    close("constant", "H", r.value, 3f64.ln(), 1e-15);
}

#[test]
fn no_constraints_give_the_prior() {
    let q = [0.25, 0.75];
    let r = maxent(
        &[0.0, 1.0],
        Array2::zeros((0, 2)).view(),
        &[],
        Some(&q),
        &MaxEntOptions::default(),
    )
    .unwrap();
    for (a, b) in r.distribution.iter().zip(q) {
        close("none", "p", *a, b, 1e-15);
    }
    assert_eq!(r.diagnostics.termination, Termination::Exact);
    assert!(r.value.abs() < 1e-16);
}

#[test]
fn bad_inputs_are_rejected() {
    let x = [1.0, 2.0, 3.0];
    let f = arr2(&[[1.0, 2.0, 3.0]]);
    let p = MaxEntOptions::default();
    assert!(matches!(
        maxent(&[], Array2::zeros((1, 0)).view(), &[1.0], None, &p),
        Err(Error::Empty { arg: "support" })
    ));
    assert!(matches!(
        maxent(&x, f.view(), &[1.0, 2.0], None, &p),
        Err(Error::ShapeMismatch {
            arg: "features",
            ..
        })
    ));
    assert!(matches!(
        maxent(&x[..2], f.view(), &[1.5], None, &p),
        Err(Error::ShapeMismatch {
            arg: "features",
            ..
        })
    ));
    assert!(matches!(
        maxent(&[1.0, f64::NAN, 3.0], f.view(), &[2.0], None, &p),
        Err(Error::NonFinite {
            arg: "support",
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        maxent(&x, f.view(), &[f64::INFINITY], None, &p),
        Err(Error::NonFinite { arg: "targets", .. })
    ));
    let g = arr2(&[[1.0, f64::NAN, 3.0]]);
    assert!(matches!(
        maxent(&x, g.view(), &[2.0], None, &p),
        Err(Error::NonFinite {
            arg: "features",
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        maxent(&x, f.view(), &[2.0], Some(&[0.5, 0.5]), &p),
        Err(Error::LengthMismatch {
            left_arg: "prior",
            ..
        })
    ));
    assert!(matches!(
        maxent(&x, f.view(), &[2.0], Some(&[0.5, 0.6, -0.1]), &p),
        Err(Error::NegativeProbability { arg: "prior", .. })
    ));
    assert!(matches!(
        maxent(&x, f.view(), &[2.0], Some(&[0.5, 0.6, 0.1]), &p),
        Err(Error::NotNormalized { arg: "prior", .. })
    ));
    let bad = MaxEntOptions {
        stopping: StoppingRule {
            tolerance: -1.0,
            ..StoppingRule::default()
        },
        ..MaxEntOptions::default()
    };
    assert!(matches!(
        maxent(&x, f.view(), &[2.0], None, &bad),
        Err(Error::InvalidParameter {
            name: "tolerance",
            ..
        })
    ));
    assert!(matches!(
        biased_die(f64::NAN),
        Err(Error::InvalidParameter { name: "mean", .. })
    ));
}

#[test]
fn iteration_limit_is_not_converged() {
    let one = MaxEntOptions {
        stopping: StoppingRule {
            max_iterations: 1,
            tolerance: 1e-15,
        },
        ..MaxEntOptions::default()
    };
    let f = arr2(&[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]);
    let e = maxent(&[0.0; 6], f.view(), &[5.9], None, &one);
    assert!(
        matches!(e, Err(Error::NotConverged { iterations: 1, .. })),
        "{e:?}"
    );
}

#[test]
fn gibbs_identities() {
    let e = [0.0, 0.3, 1.7, -2.5, 10.0, 4.2];
    for t in [0.01, 0.5, 1.0, 3.0, 1e3] {
        let g = gibbs(&e, t).unwrap();
        let s: f64 = g.probabilities.iter().sum();
        close("gibbs", "sum p", s, 1.0, TOL_IDENTITY);
        close(
            "gibbs",
            "F = U - TS",
            g.free_energy,
            g.internal_energy - t * g.entropy,
            TOL_IDENTITY,
        );
        // p = softmax(−E/T), computed independently.
        let m = e.iter().map(|v| -v / t).fold(f64::NEG_INFINITY, f64::max);
        let z: f64 = e.iter().map(|v| (-v / t - m).exp()).sum();
        for (p, v) in g.probabilities.iter().zip(&e) {
            close("gibbs", "softmax", *p, (-v / t - m).exp() / z, 1e-13);
        }
        let h: f64 = -g
            .probabilities
            .iter()
            .filter(|p| **p > 0.0)
            .map(|p| p * p.ln())
            .sum::<f64>();
        assert!(
            (g.entropy - h).abs() <= 1e-13 * h.max(1e-3),
            "T={t}: S={} H={h}",
            g.entropy
        );
        // The Gibbs state is the MaxEnt law with mean energy U, multiplier −1/T.
        if t >= 0.5 {
            let f = arr2(&[e]);
            let r = maxent(
                &e,
                f.view(),
                &[g.internal_energy],
                None,
                &MaxEntOptions::default(),
            )
            .unwrap();
            close("gibbs", "lambda", r.multipliers[0], -1.0 / t, 1e-9);
            close("gibbs", "entropy", r.value, g.entropy, 1e-11);
        }
    }
    // T → 0: the ground state; T → ∞: uniform.
    let g = gibbs(&e, 1e-6).unwrap();
    assert_eq!(g.probabilities[3], 1.0);
    let g = gibbs(&e, 1e12).unwrap();
    close("gibbs", "S(T=inf)", g.entropy, 6f64.ln(), 1e-10);
    assert!(matches!(
        gibbs(&e, 0.0),
        Err(Error::InvalidParameter {
            name: "temperature",
            ..
        })
    ));
    assert!(matches!(
        gibbs(&[], 1.0),
        Err(Error::Empty { arg: "energies" })
    ));
    assert!(matches!(
        gibbs(&[1.0, f64::NAN], 1.0),
        Err(Error::NonFinite {
            arg: "energies",
            index: 1,
            ..
        })
    ));
}

/// Many constraints (L-BFGS steps): targets made from a known exponential-family member
/// `p ∝ exp(λ*·f)`, so the I-projection is that member and its multipliers are `λ*` (the
/// features are affinely independent). The targets carry rounding of ~1e-16, which moves `λ`
/// by at most the conditioning times that.
#[test]
fn many_constraints_recover_a_known_exponential_family() {
    let n = 400;
    let k = 24;
    let x: Vec<f64> = (0..n).map(|i| i as f64 / n as f64).collect();
    let f = Array2::from_shape_fn((k, n), |(j, i)| {
        let w = std::f64::consts::TAU * ((j / 2) + 1) as f64 * x[i];
        if j % 2 == 0 {
            w.cos()
        } else {
            w.sin()
        }
    });
    let lam_true: Vec<f64> = (0..k)
        .map(|j| 0.8 / (1.0 + j as f64) * if j % 3 == 0 { -1.0 } else { 1.0 })
        .collect();
    let e: Vec<f64> = (0..n)
        .map(|i| (0..k).map(|j| lam_true[j] * f[[j, i]]).sum::<f64>())
        .collect();
    let mx = e.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let w: Vec<f64> = e.iter().map(|v| (v - mx).exp()).collect();
    let z: f64 = w.iter().sum();
    let p: Vec<f64> = w.iter().map(|v| v / z).collect();
    let targets: Vec<f64> = (0..k)
        .map(|j| (0..n).map(|i| p[i] * f[[j, i]]).sum::<f64>())
        .collect();
    for par in [Par::Seq, Par::rayon(2)] {
        let r = maxent(
            &x,
            f.view(),
            &targets,
            None,
            &MaxEntOptions {
                par,
                ..MaxEntOptions::default()
            },
        )
        .unwrap();
        assert!(r.diagnostics.certificate <= 1e-12);
        for (got, want) in r.multipliers.iter().zip(&lam_true) {
            assert!((got - want).abs() < 1e-9, "{got} vs {want}");
        }
        for (a, b) in r.distribution.iter().zip(&p) {
            assert!((a - b).abs() < 1e-10 * b, "{a} vs {b}");
        }
    }
}
