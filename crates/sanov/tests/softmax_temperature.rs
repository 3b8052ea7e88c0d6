//! The softmax at a temperature and the Gibbs state (issue #22 item 7) against mpmath (50
//! digits): `crates/sanov/tests/data/softmax_temperature.txt` from
//! `scripts/reference/generate_softmax_temperature.py`.

use ndarray::{Array2, ArrayView2};
use sanov::losses::{log_softmax_into, softmax_into};
use sanov::maxent::gibbs;
use sanov::{Error, Par};

const TABLE: &str = include_str!("data/softmax_temperature.txt");

/// Relative tolerance of a softmax value `w`, per unit of `1 + |ln w|` (the exponent's
/// rounding, `|x/T − lse| · ε`, becomes a relative error of the exponential).
const SOFTMAX_REL: f64 = 2e-15;
/// Absolute tolerance of a log-softmax value, per unit of `1 + |value|`.
const LOG_SOFTMAX_REL: f64 = 2e-15;
/// The same two for float32 logits (unit roundoff 6e-8 on the row `(x − max x)/T`).
const SOFTMAX_REL_F32: f64 = 4e-7;
/// Relative tolerance of the Gibbs state's free energy, internal energy, entropy and
/// probabilities (per unit of `1 + |ln p|` for the probabilities).
const GIBBS_REL: f64 = 1e-13;

fn list(s: &str) -> Vec<f64> {
    s.split(',')
        .map(|v| match v.trim() {
            "-inf" => f64::NEG_INFINITY,
            v => v.parse().unwrap(),
        })
        .collect()
}

fn softmax_close(g: f64, w: f64, rel: f64) -> bool {
    if w == 0.0 {
        return g <= f64::MIN_POSITIVE;
    }
    (g - w).abs() <= rel * (1.0 + w.ln().abs()) * w + 1e-300
}

fn log_softmax_close(g: f64, w: f64, rel: f64) -> bool {
    if w.is_infinite() {
        return g == w;
    }
    (g - w).abs() <= rel * (1.0 + w.abs())
}

#[test]
fn softmax_at_temperature_matches_mpmath() {
    let mut n = 0;
    for l in TABLE.lines().filter(|l| l.starts_with("softmax |")) {
        let f: Vec<&str> = l.split(" | ").collect();
        let t: f64 = f[1].parse().unwrap();
        let (x, sm, ls) = (list(f[2]), list(f[3]), list(f[4]));
        let xv = ArrayView2::from_shape((1, x.len()), &x).unwrap();
        let mut o = Array2::zeros((1, x.len()));
        softmax_into(o.view_mut(), xv, t, Par::Seq).unwrap();
        for (j, (&g, &w)) in o.iter().zip(&sm).enumerate() {
            assert!(
                softmax_close(g, w, SOFTMAX_REL),
                "{l}: softmax[{j}] {g} vs {w}"
            );
        }
        log_softmax_into(o.view_mut(), xv, t, Par::Seq).unwrap();
        for (j, (&g, &w)) in o.iter().zip(&ls).enumerate() {
            assert!(
                log_softmax_close(g, w, LOG_SOFTMAX_REL),
                "{l}: log_softmax[{j}] {g} vs {w}"
            );
        }
        // float32 logits, where they are representable
        if x.iter().all(|v| v.abs() < 1e30 || *v == f64::NEG_INFINITY) {
            #[allow(clippy::cast_possible_truncation)]
            let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
            let xv = ArrayView2::from_shape((1, x.len()), &x32).unwrap();
            let mut o = Array2::<f32>::zeros((1, x.len()));
            softmax_into(o.view_mut(), xv, t, Par::Seq).unwrap();
            for (j, (&g, &w)) in o.iter().zip(&sm).enumerate() {
                let g = f64::from(g);
                // below f32's range the value is 0 or subnormal
                assert!(
                    w < 1e-37 && g < 1e-37 || softmax_close(g, w, SOFTMAX_REL_F32),
                    "{l}: f32 softmax[{j}] {g} vs {w}"
                );
            }
        }
        n += 1;
    }
    assert_eq!(n, 40);
}

#[test]
fn temperature_one_is_the_plain_softmax_and_bad_temperatures_are_errors() {
    let x = ndarray::array![[0.3, -1.0, 2.0], [5.0, 5.0, f64::NEG_INFINITY]];
    let mut a = Array2::zeros((2, 3));
    let mut b = Array2::zeros((2, 3));
    softmax_into(a.view_mut(), x.view(), 1.0, Par::Seq).unwrap();
    // T = 2 on 2x is the plain softmax of x (exactly: the row is scaled by a power of two).
    let x2 = x.mapv(|v| 2.0 * v);
    softmax_into(b.view_mut(), x2.view(), 2.0, Par::Seq).unwrap();
    assert_eq!(a, b);
    for t in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        for r in [
            softmax_into(a.view_mut(), x.view(), t, Par::Seq),
            log_softmax_into(a.view_mut(), x.view(), t, Par::Seq),
        ] {
            assert!(
                matches!(
                    r,
                    Err(Error::InvalidParameter {
                        name: "temperature",
                        ..
                    })
                ),
                "T = {t}: {r:?}"
            );
        }
    }
    // the row checks still apply at T != 1
    let bad = ndarray::array![[0.0, f64::NAN]];
    let mut o = Array2::zeros((1, 2));
    assert!(matches!(
        softmax_into(o.view_mut(), bad.view(), 0.5, Par::Seq),
        Err(Error::NonFinite { .. })
    ));
    let all_neg_inf = ndarray::array![[f64::NEG_INFINITY, f64::NEG_INFINITY]];
    assert!(matches!(
        softmax_into(o.view_mut(), all_neg_inf.view(), 0.5, Par::Seq),
        Err(Error::OutOfRange { .. })
    ));
}

#[test]
fn gibbs_matches_mpmath_and_is_the_tempered_softmax() {
    let rel = |g: f64, w: f64| (g - w).abs() <= GIBBS_REL * w.abs().max(1e-300);
    let mut n = 0;
    for l in TABLE.lines().filter(|l| l.starts_with("gibbs |")) {
        let f: Vec<&str> = l.split(" | ").collect();
        let t: f64 = f[1].parse().unwrap();
        let (e, p) = (list(f[2]), list(f[3]));
        let (fe, u, s) = (list(f[4])[0], list(f[5])[0], list(f[6])[0]);
        let g = gibbs(&e, t).unwrap();
        assert!(rel(g.free_energy, fe), "{l}: F {}", g.free_energy);
        assert!(rel(g.internal_energy, u), "{l}: U {}", g.internal_energy);
        assert!(rel(g.entropy, s), "{l}: S {}", g.entropy);
        // F = U − T S, within the rounding of the three terms
        let scale = fe.abs().max(u.abs()).max(t * s.abs());
        assert!(
            (g.free_energy - (g.internal_energy - t * g.entropy)).abs() <= GIBBS_REL * scale,
            "{l}: F = U - TS"
        );
        // p = softmax(−E / T)
        let neg: Vec<f64> = e.iter().map(|v| -v).collect();
        let xv = ArrayView2::from_shape((1, e.len()), &neg).unwrap();
        let mut o = Array2::zeros((1, e.len()));
        softmax_into(o.view_mut(), xv, t, Par::Seq).unwrap();
        for (j, ((&gp, &w), &sp)) in g.probabilities.iter().zip(&p).zip(o.iter()).enumerate() {
            assert!(softmax_close(gp, w, GIBBS_REL), "{l}: p[{j}] {gp} vs {w}");
            assert!(
                softmax_close(sp, w, GIBBS_REL),
                "{l}: softmax[{j}] {sp} vs {w}"
            );
        }
        n += 1;
    }
    assert_eq!(n, 10);
}
