//! The exponential and the logit kernels against high-precision references
//! (`scripts/reference/generate_logits.py`, mpmath at 200 bits).

use sanov::{kernels, Par};

const EXP_TABLE: &str = include_str!("data/logits_exp.txt");

/// The vector exponential is within one ulp of the correctly rounded value (the mpmath value,
/// parsed from 30 digits by Rust's correctly rounding parser), in `f64` and in `f32`.
const EXP_MAX_ULPS: u64 = 1;

/// Distance in ulps between two doubles (sign-magnitude ordering); equal infinities are 0.
fn ulps64(a: f64, b: f64) -> u64 {
    fn key(x: f64) -> i64 {
        let i = x.to_bits() as i64;
        if i < 0 {
            i64::MIN - i
        } else {
            i
        }
    }
    key(a).abs_diff(key(b))
}

fn ulps32(a: f32, b: f32) -> u64 {
    fn key(x: f32) -> i64 {
        let i = i64::from(x.to_bits() as i32);
        if i < 0 {
            i64::from(i32::MIN) - i
        } else {
            i
        }
    }
    key(a).abs_diff(key(b))
}

#[test]
fn exp_matches_mpmath_table() {
    let (mut x64, mut want64, mut x32, mut want32) = (vec![], vec![], vec![], vec![]);
    for line in EXP_TABLE.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f[0] {
            "exp64" => {
                x64.push(f[1].parse::<f64>().unwrap());
                want64.push(f[2].parse::<f64>().unwrap());
            }
            "exp32" => {
                x32.push(f[1].parse::<f32>().unwrap());
                want32.push(f[2].parse::<f32>().unwrap());
            }
            k => panic!("unknown row kind {k}"),
        }
    }
    assert!(x64.len() > 4000 && x32.len() > 2000);
    for par in [Par::Seq, Par::rayon(2)] {
        let mut out = vec![0.0; x64.len()];
        kernels::exp_into(&x64, &mut out, par).unwrap();
        for ((&x, &w), &g) in x64.iter().zip(&want64).zip(&out) {
            assert!(
                ulps64(g, w) <= EXP_MAX_ULPS,
                "exp({x:e}) = {g:e}, mpmath {w:e}"
            );
        }
        let mut out = vec![0.0f32; x32.len()];
        kernels::exp_into(&x32, &mut out, par).unwrap();
        for ((&x, &w), &g) in x32.iter().zip(&want32).zip(&out) {
            assert!(
                ulps32(g, w) <= EXP_MAX_ULPS,
                "exp({x:e}) = {g:e}, mpmath {w:e}"
            );
        }
        // In place gives the same bits.
        let mut inplace = x32.clone();
        kernels::exp_in_place(&mut inplace, par);
        assert_eq!(
            inplace.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            out.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
    }
    let mut nan = [0.0];
    kernels::exp_into(&[f64::NAN], &mut nan, Par::Seq).unwrap();
    assert!(nan[0].is_nan());
}

// ---------------------------------------------------------------------------------------------
// Softmax cross-entropy and row quantities against the mpmath table.

use ndarray::{Array2, ArrayView2};
use sanov::losses::{
    kl_divergence_logits_into, log_softmax_into, logsumexp_into, softmax_cross_entropy,
    softmax_cross_entropy_grad, softmax_cross_entropy_grad_in_place, softmax_cross_entropy_into,
    softmax_entropy_into, softmax_into, CrossEntropyOptions, Reduction, Targets,
};
use sanov::{Base, Error, Real};

const SOFTMAX_TABLE: &str = include_str!("data/logits_softmax.txt");

/// `f64` logits: values from mpmath at 200 bits, rounded once; sanov forms every quantity from
/// `m − x_t` and `ln Σ e^{x−m}` with compensated sums, so a few ulps of the largest term.
const TOL_F64: f64 = 1e-12;
/// `f32` logits (the same numbers): the bound, 1e-6 relative, for V up to 256k (the
/// AVX-512 path exponentiates in `f32` with an exact argument, < 1.2e-7 per term).
const TOL_F32: f64 = 1e-6;
/// Absolute floor for quantities that are 0 (or nearly) by cancellation of O(1) terms
/// (KL of equal rows, entropy of a one-hot softmax).
const TOL_ABS: f64 = 1e-13;
/// Absolute floor for `f32` logits (the same, scaled as [`TOL_F32`]).
const TOL_ABS_F32: f64 = 1e-7;

fn parse_list(s: &str) -> Vec<f64> {
    s.split(',')
        .map(|v| match v.trim() {
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("bad number {v}")),
        })
        .collect()
}

fn close(got: f64, want: f64, rel: f64, abs: f64) -> bool {
    got == want || (got - want).abs() <= rel * want.abs() + abs
}

#[derive(Debug)]
struct CeRow {
    name: String,
    b: usize,
    v: usize,
    logits: Vec<f64>,
    classes: Option<Vec<i64>>,
    probs: Option<Vec<f64>>,
    eps: f64,
    weight: Option<Vec<f64>>,
    ignore: Option<i64>,
    mean: Option<f64>,
    sum: f64,
    none: Vec<f64>,
}

fn ce_rows() -> Vec<CeRow> {
    SOFTMAX_TABLE
        .lines()
        .filter(|l| l.starts_with("ce |"))
        .map(|l| {
            let f: Vec<&str> = l.split(" | ").collect();
            let (classes, probs) = match f[5].split_once(':').unwrap() {
                ("c", c) => (
                    Some(c.split(',').map(|v| v.parse().unwrap()).collect()),
                    None,
                ),
                ("p", p) => (None, Some(parse_list(p))),
                _ => panic!("targets"),
            };
            CeRow {
                name: f[1].to_string(),
                b: f[2].parse().unwrap(),
                v: f[3].parse().unwrap(),
                logits: parse_list(f[4]),
                classes,
                probs,
                eps: f[6].parse().unwrap(),
                weight: (f[7] != "-").then(|| parse_list(f[7])),
                ignore: (f[8] != "-").then(|| f[8].parse().unwrap()),
                mean: (f[9] != "zeromass").then(|| parse_list(f[9])[0]),
                sum: parse_list(f[10])[0],
                none: parse_list(f[11]),
            }
        })
        .collect()
}

fn to_t<T: Real>(x: &[f64]) -> Vec<T> {
    x.iter().map(|&v| from_f64::<T>(v)).collect()
}

fn from_f64<T: Real>(v: f64) -> T {
    let any: Box<dyn std::any::Any> =
        if std::any::TypeId::of::<T>() == std::any::TypeId::of::<f32>() {
            Box::new(v as f32)
        } else {
            Box::new(v)
        };
    *any.downcast::<T>().unwrap()
}

fn check_ce_table<T: Real>(rel: f64, abs: f64) {
    let rows = ce_rows();
    assert!(rows.len() >= 80, "{} ce rows", rows.len());
    for c in &rows {
        let x = to_t::<T>(&c.logits);
        let xv = ArrayView2::from_shape((c.b, c.v), &x).unwrap();
        let p = c.probs.as_ref().map(|p| to_t::<T>(p));
        let pv = p
            .as_ref()
            .map(|p| ArrayView2::from_shape((c.b, c.v), &p[..]).unwrap());
        let targets = match (&c.classes, pv) {
            (Some(cl), _) => Targets::Classes(cl),
            (None, Some(pv)) => Targets::Probs(pv),
            _ => unreachable!(),
        };
        for par in [Par::Seq, Par::rayon(2)] {
            let mut o = CrossEntropyOptions::default()
                .label_smoothing(c.eps)
                .par(par);
            if let Some(w) = &c.weight {
                o = o.weight(w);
            }
            if let Some(i) = c.ignore {
                o = o.ignore_index(i);
            }
            // Reductions.
            let mean = softmax_cross_entropy(xv, targets, &o);
            match c.mean {
                Some(want) => {
                    let got = mean.unwrap();
                    assert!(
                        close(got, want, rel, abs),
                        "{} mean: {got} vs {want}",
                        c.name
                    );
                }
                None => assert_eq!(mean, Err(Error::ZeroMass { arg: "targets" }), "{}", c.name),
            }
            let o_sum = o.reduction(Reduction::Sum);
            let got = softmax_cross_entropy(xv, targets, &o_sum).unwrap();
            assert!(
                close(got, c.sum, rel, abs),
                "{} sum: {got} vs {}",
                c.name,
                c.sum
            );
            // Per row.
            let mut none = vec![f64::NAN; c.b];
            softmax_cross_entropy_into(&mut none, xv, targets, &o).unwrap();
            for (i, (&g, &w)) in none.iter().zip(&c.none).enumerate() {
                assert!(close(g, w, rel, abs), "{} row {i}: {g} vs {w}", c.name);
            }
            // The fused forward returns the same loss as the forward alone.
            let mut grad = Array2::from_elem((c.b, c.v), from_f64::<T>(f64::NAN));
            let got = softmax_cross_entropy_grad(xv, targets, &o_sum, grad.view_mut()).unwrap();
            assert!(
                close(got, c.sum, rel, abs),
                "{} fused sum: {got} vs {}",
                c.name,
                c.sum
            );
            let mut inplace = Array2::from_shape_vec((c.b, c.v), x.clone()).unwrap();
            let got =
                softmax_cross_entropy_grad_in_place(inplace.view_mut(), targets, &o_sum).unwrap();
            assert!(close(got, c.sum, rel, abs), "{} in-place sum", c.name);
            // The gradient `α e − β w p − γ w` may cancel: compare on the scale of its terms
            // (the in-place soft path and the out-of-place one differ in the f32 exponential).
            for (a, b) in grad.iter().zip(inplace.iter()) {
                let (a, b) = (a.to_f64(), b.to_f64());
                assert!(
                    close(a, b, rel, 10.0 * abs),
                    "{}: grad {a} in place {b}",
                    c.name
                );
            }
            // Bits.
            let bits = softmax_cross_entropy(xv, targets, &o_sum.base(Base::Bits)).unwrap();
            assert!(
                close(bits, c.sum / std::f64::consts::LN_2, rel, abs),
                "{} bits",
                c.name
            );
        }
    }
}

#[test]
fn cross_entropy_matches_mpmath_f64() {
    check_ce_table::<f64>(TOL_F64, TOL_ABS);
}

#[test]
fn cross_entropy_matches_mpmath_f32() {
    check_ce_table::<f32>(TOL_F32, TOL_ABS_F32);
}

fn check_rows_table<T: Real>(rel: f64, abs: f64) {
    let mut n = 0;
    for l in SOFTMAX_TABLE.lines().filter(|l| l.starts_with("row |")) {
        let f: Vec<&str> = l.split(" | ").collect();
        let (name, v) = (f[1], f[2].parse::<usize>().unwrap());
        let x = to_t::<T>(&parse_list(f[3]));
        let (lse, ent, ls) = (parse_list(f[4])[0], parse_list(f[5])[0], parse_list(f[6]));
        let xv = ArrayView2::from_shape((1, v), &x).unwrap();
        let mut out = [0.0];
        logsumexp_into(&mut out, xv, Par::Seq).unwrap();
        assert!(
            close(out[0], lse, rel, abs),
            "{name} lse {} vs {lse}",
            out[0]
        );
        softmax_entropy_into(&mut out, xv, Base::Nats, Par::Seq).unwrap();
        assert!(
            close(out[0], ent, rel, abs),
            "{name} entropy {} vs {ent}",
            out[0]
        );
        let mut o = Array2::from_elem((1, v), from_f64::<T>(0.0));
        log_softmax_into(o.view_mut(), xv, 1.0, Par::Seq).unwrap();
        for (j, (g, &w)) in o.iter().zip(&ls).enumerate() {
            // Output rounded to T: relative to the value, plus the scale of the row's lse.
            let g = g.to_f64();
            assert!(
                close(g, w, rel, abs + rel * lse.abs().min(1e3)),
                "{name} log_softmax[{j}] {g} vs {w}"
            );
        }
        softmax_into(o.view_mut(), xv, 1.0, Par::Seq).unwrap();
        for (j, (g, &w)) in o.iter().zip(&ls).enumerate() {
            let g = g.to_f64();
            assert!(
                close(g, w.exp(), rel.max(1e-15), 1e-300) || close(g, w.exp(), rel, abs),
                "{name} softmax[{j}] {g} vs {}",
                w.exp()
            );
        }
        n += 1;
    }
    assert!(n >= 20);
    for l in SOFTMAX_TABLE.lines().filter(|l| l.starts_with("kl |")) {
        let f: Vec<&str> = l.split(" | ").collect();
        let (name, v) = (f[1], f[2].parse::<usize>().unwrap());
        let p = to_t::<T>(&parse_list(f[3]));
        let q = to_t::<T>(&parse_list(f[4]));
        let want = parse_list(f[5])[0];
        let mut out = [0.0];
        kl_divergence_logits_into(
            &mut out,
            ArrayView2::from_shape((1, v), &p).unwrap(),
            ArrayView2::from_shape((1, v), &q).unwrap(),
            Base::Nats,
            Par::Seq,
        )
        .unwrap();
        // KL mixes terms of both signs: absolute error relative to the row's log-sum-exp
        // scale is the honest measure.
        assert!(
            close(out[0], want, rel, abs * 10.0),
            "{name} kl {} vs {want}",
            out[0]
        );
    }
}

#[test]
fn row_quantities_match_mpmath_f64() {
    check_rows_table::<f64>(TOL_F64, TOL_ABS);
}

#[test]
fn row_quantities_match_mpmath_f32() {
    check_rows_table::<f32>(TOL_F32, TOL_ABS_F32);
}

// ---------------------------------------------------------------------------------------------
// Gradient by finite differences.

/// Central differences with step 1e-5 on losses of order 1: truncation ~1e-10, rounding
/// ~1e-16/1e-5 = 1e-11; 1e-7 leaves room and still catches a wrong coefficient.
const TOL_FD: f64 = 1e-7;

/// splitmix64 → [0, 1).
fn unit(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

#[test]
fn gradient_matches_finite_differences() {
    let (b, v) = (4, 7);
    let mut st = 11u64;
    let x: Vec<f64> = (0..b * v).map(|_| 6.0 * unit(&mut st) - 3.0).collect();
    let w: Vec<f64> = (0..v)
        .map(|i| if i == 2 { 0.0 } else { 0.5 + unit(&mut st) })
        .collect();
    let mut p: Vec<f64> = (0..b * v).map(|_| unit(&mut st)).collect();
    for r in p.chunks_mut(v) {
        let s: f64 = r.iter().sum();
        for x in r.iter_mut() {
            *x /= s;
        }
    }
    let classes = [3i64, -100, 0, 6];
    let pv = ArrayView2::from_shape((b, v), &p[..]).unwrap();
    for soft in [false, true] {
        for eps in [0.0, 0.3, 1.0] {
            for weighted in [false, true] {
                for reduction in [Reduction::Mean, Reduction::Sum] {
                    for base in [Base::Nats, Base::Bits] {
                        let mut o = CrossEntropyOptions::default()
                            .label_smoothing(eps)
                            .reduction(reduction)
                            .base(base);
                        if weighted {
                            o = o.weight(&w);
                        }
                        let t = if soft {
                            Targets::Probs(pv)
                        } else {
                            o = o.ignore_index(-100);
                            Targets::Classes(&classes)
                        };
                        let loss = |x: &[f64]| {
                            softmax_cross_entropy(ArrayView2::from_shape((b, v), x).unwrap(), t, &o)
                                .unwrap()
                        };
                        let mut g = Array2::zeros((b, v));
                        let xv = ArrayView2::from_shape((b, v), &x[..]).unwrap();
                        let l = softmax_cross_entropy_grad(xv, t, &o, g.view_mut()).unwrap();
                        assert!(close(l, loss(&x), 1e-15, 0.0));
                        let h = 1e-5;
                        for (i, &gi) in g.iter().enumerate() {
                            let (mut xp, mut xm) = (x.clone(), x.clone());
                            xp[i] += h;
                            xm[i] -= h;
                            let fd = (loss(&xp) - loss(&xm)) / (2.0 * h);
                            assert!(
                                (gi - fd).abs() <= TOL_FD,
                                "soft={soft} eps={eps} w={weighted} {reduction:?} {base:?} [{i}]: {gi} vs {fd}"
                            );
                        }
                        // Ignored row 1: zero gradient exactly.
                        if !soft {
                            assert!(g.row(1).iter().all(|&v| v == 0.0));
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn gradient_is_softmax_minus_onehot_over_batch() {
    let x = ndarray::array![[1.0f64, 2.0, 3.0], [0.0, 0.0, 0.0]];
    let mut g = Array2::zeros((2, 3));
    softmax_cross_entropy_grad(
        x.view(),
        Targets::Classes(&[2, 0]),
        &CrossEntropyOptions::default(),
        g.view_mut(),
    )
    .unwrap();
    let mut sm = Array2::zeros((2, 3));
    softmax_into(sm.view_mut(), x.view(), 1.0, Par::Seq).unwrap();
    let mut want = sm.clone();
    want[[0, 2]] -= 1.0;
    want[[1, 0]] -= 1.0;
    want /= 2.0;
    for (a, b) in g.iter().zip(want.iter()) {
        assert!((a - b).abs() <= 4.0 * f64::EPSILON, "{a} vs {b}");
    }
}

// ---------------------------------------------------------------------------------------------
// Edge cases and errors.

#[test]
fn extreme_logits_and_neg_inf() {
    let o = CrossEntropyOptions::default().reduction(Reduction::Sum);
    // ±1e30 in f32 and f64: the loss is the gap between the max and the target.
    let x = ndarray::array![
        [1e30f32, -1e30, 0.0],
        [f32::NEG_INFINITY, 5.0, f32::NEG_INFINITY]
    ];
    let l = softmax_cross_entropy(x.view(), Targets::Classes(&[1, 1]), &o).unwrap();
    // Row 0: m − x_t = 1e30 − (−1e30) = 2e30 (in f64 from the f32 values), ln s = 0 + ...
    assert_eq!(l, f64::from(1e30f32) - f64::from(-1e30f32));
    // A target at −∞ costs +∞ (a value, as in PyTorch).
    let l = softmax_cross_entropy(x.view(), Targets::Classes(&[1, 0]), &o).unwrap();
    assert_eq!(l, f64::INFINITY);
    // V = 1: every loss is 0, the gradient is 0.
    let x1 = ndarray::array![[3.0f64], [-1e300]];
    let mut g = Array2::from_elem((2, 1), 1.0);
    let l = softmax_cross_entropy_grad(
        x1.view(),
        Targets::Classes(&[0, 0]),
        &CrossEntropyOptions::default().label_smoothing(0.5),
        g.view_mut(),
    )
    .unwrap();
    assert_eq!(l, 0.0);
    assert_eq!(g, ndarray::array![[0.0], [0.0]]);
}

#[test]
fn ignore_everywhere_is_zero_mass_for_the_mean_and_zero_for_the_sum() {
    let x = ndarray::array![[0.0f32, 1.0], [2.0, 3.0]];
    let t = Targets::Classes(&[-100, -100]);
    let o = CrossEntropyOptions::default().ignore_index(-100);
    assert_eq!(
        softmax_cross_entropy(x.view(), t, &o),
        Err(Error::ZeroMass { arg: "targets" })
    );
    let mut g = Array2::from_elem((2, 2), 9.0f32);
    assert_eq!(
        softmax_cross_entropy_grad(x.view(), t, &o, g.view_mut()),
        Err(Error::ZeroMass { arg: "targets" })
    );
    let s = o.reduction(Reduction::Sum);
    assert_eq!(softmax_cross_entropy(x.view(), t, &s), Ok(0.0));
    assert_eq!(
        softmax_cross_entropy_grad(x.view(), t, &s, g.view_mut()),
        Ok(0.0)
    );
    assert!(g.iter().all(|&v| v == 0.0));
}

#[test]
fn invalid_inputs_are_typed_errors() {
    let x = ndarray::array![[0.0f64, 1.0, 2.0], [1.0, f64::NAN, 0.0]];
    let o = CrossEntropyOptions::default();
    let e = softmax_cross_entropy(x.view(), Targets::Classes(&[0, 1]), &o).unwrap_err();
    assert!(
        matches!(
            e,
            Error::NonFinite {
                arg: "logits",
                index: 4,
                ..
            }
        ),
        "{e:?}"
    );
    let xi = ndarray::array![[0.0f64, f64::INFINITY]];
    let e = softmax_cross_entropy(xi.view(), Targets::Classes(&[0]), &o).unwrap_err();
    assert!(matches!(e, Error::NonFinite { index: 1, .. }), "{e:?}");
    let xn = ndarray::array![[f64::NEG_INFINITY, f64::NEG_INFINITY]];
    let e = softmax_cross_entropy(xn.view(), Targets::Classes(&[0]), &o).unwrap_err();
    assert!(
        matches!(e, Error::OutOfRange { arg: "logits", .. }),
        "{e:?}"
    );
    let ok = ndarray::array![[0.0f64, 1.0, 2.0]];
    let e = softmax_cross_entropy(ok.view(), Targets::Classes(&[3]), &o).unwrap_err();
    assert_eq!(
        e,
        Error::IndexOutOfRange {
            arg: "targets",
            index: 3,
            len: 3
        }
    );
    let e = softmax_cross_entropy(ok.view(), Targets::Classes(&[-1]), &o).unwrap_err();
    assert!(matches!(
        e,
        Error::OutOfRange {
            arg: "targets",
            index: 0,
            ..
        }
    ));
    let e = softmax_cross_entropy(ok.view(), Targets::Classes(&[0, 1]), &o).unwrap_err();
    assert!(matches!(e, Error::LengthMismatch { .. }));
    let e = softmax_cross_entropy(ok.view(), Targets::Classes(&[0]), &o.label_smoothing(1.5))
        .unwrap_err();
    assert!(matches!(
        e,
        Error::InvalidParameter {
            name: "label_smoothing",
            ..
        }
    ));
    let e = softmax_cross_entropy(
        ok.view(),
        Targets::Classes(&[0]),
        &o.weight(&[1.0, -1.0, 1.0]),
    )
    .unwrap_err();
    assert!(matches!(
        e,
        Error::NegativeProbability {
            arg: "weight",
            index: 1,
            ..
        }
    ));
    let e =
        softmax_cross_entropy(ok.view(), Targets::Classes(&[0]), &o.weight(&[1.0])).unwrap_err();
    assert!(matches!(
        e,
        Error::LengthMismatch {
            left_arg: "weight",
            ..
        }
    ));
    let p = ndarray::array![[0.5f64, -0.5, 1.0]];
    let e = softmax_cross_entropy(ok.view(), Targets::Probs(p.view()), &o).unwrap_err();
    assert!(
        matches!(
            e,
            Error::NegativeProbability {
                arg: "targets",
                index: 1,
                ..
            }
        ),
        "{e:?}"
    );
    let p = ndarray::array![[0.5f64, 0.5, 0.0]];
    let e = softmax_cross_entropy(ok.view(), Targets::Probs(p.view()), &o.ignore_index(-100))
        .unwrap_err();
    assert!(matches!(
        e,
        Error::InvalidParameter {
            name: "ignore_index",
            ..
        }
    ));
    let p2 = ndarray::array![[0.5f64, 0.5]];
    let e = softmax_cross_entropy(ok.view(), Targets::Probs(p2.view()), &o).unwrap_err();
    assert!(matches!(e, Error::ShapeMismatch { arg: "targets", .. }));
    let empty = Array2::<f64>::zeros((2, 0));
    let e = softmax_cross_entropy(empty.view(), Targets::Classes(&[0, 0]), &o).unwrap_err();
    assert_eq!(e, Error::Empty { arg: "logits" });
    let mut g = Array2::zeros((1, 2));
    let e = softmax_cross_entropy_grad(ok.view(), Targets::Classes(&[0]), &o, g.view_mut())
        .unwrap_err();
    assert!(matches!(e, Error::ShapeMismatch { arg: "grad", .. }));
    let mut out = [0.0; 2];
    let e = logsumexp_into(&mut out, ok.view(), Par::Seq).unwrap_err();
    assert!(matches!(e, Error::ShapeMismatch { arg: "out", .. }));
}

// ---------------------------------------------------------------------------------------------
// Large V, parallel runs, strided views.

#[test]
fn f32_accuracy_at_256k_classes() {
    // f32 logits with a wide spread: the f32 path (AVX-512) against the same numbers in f64.
    let (b, v) = (3, 256 * 1024);
    let mut st = 5u64;
    let x32: Vec<f32> = (0..b * v)
        .map(|i| {
            if i % 1000 == 7 {
                30.0
            } else {
                (16.0 * unit(&mut st) - 8.0) as f32
            }
        })
        .collect();
    let x64: Vec<f64> = x32.iter().map(|&v| f64::from(v)).collect();
    let t = [0i64, 7, 12345];
    let o = CrossEntropyOptions::default().reduction(Reduction::Sum);
    let mut l32 = [0.0; 3];
    let mut l64 = [0.0; 3];
    softmax_cross_entropy_into(
        &mut l32,
        ArrayView2::from_shape((b, v), &x32).unwrap(),
        Targets::Classes(&t),
        &o,
    )
    .unwrap();
    softmax_cross_entropy_into(
        &mut l64,
        ArrayView2::from_shape((b, v), &x64).unwrap(),
        Targets::Classes(&t),
        &o,
    )
    .unwrap();
    for (a, b) in l32.iter().zip(&l64) {
        assert!(close(*a, *b, TOL_F32 / 4.0, 0.0), "{a} vs {b}");
    }
    // The row with the target at a maximum: a small loss, still accurate relative to itself.
    let x: Vec<f32> = (0..v)
        .map(|i| {
            if i == 7 {
                25.0
            } else {
                (2.0 * unit(&mut st)) as f32
            }
        })
        .collect();
    let xd: Vec<f64> = x.iter().map(|&v| f64::from(v)).collect();
    let a = softmax_cross_entropy(
        ArrayView2::from_shape((1, v), &x).unwrap(),
        Targets::Classes(&[7]),
        &o,
    )
    .unwrap();
    let b = softmax_cross_entropy(
        ArrayView2::from_shape((1, v), &xd).unwrap(),
        Targets::Classes(&[7]),
        &o,
    )
    .unwrap();
    assert!(b < 1e-3 && close(a, b, TOL_F32, 0.0), "{a} vs {b}");
}

#[test]
fn parallel_and_strided_agree_with_sequential() {
    let (b, v) = (37, 1500);
    let mut st = 3u64;
    let x: Vec<f32> = (0..b * v)
        .map(|_| (10.0 * unit(&mut st) - 5.0) as f32)
        .collect();
    let xv = ArrayView2::from_shape((b, v), &x).unwrap();
    let t: Vec<i64> = (0..b as i64).map(|i| (i * 31) % v as i64).collect();
    let o = CrossEntropyOptions::default().label_smoothing(0.1);
    let seq = softmax_cross_entropy(xv, Targets::Classes(&t), &o).unwrap();
    let par = softmax_cross_entropy(xv, Targets::Classes(&t), &o.par(Par::rayon(3))).unwrap();
    assert!(close(seq, par, 1e-14, 0.0));
    let mut g1 = Array2::zeros((b, v));
    let mut g2 = Array2::zeros((b, v));
    softmax_cross_entropy_grad(xv, Targets::Classes(&t), &o, g1.view_mut()).unwrap();
    softmax_cross_entropy_grad(
        xv,
        Targets::Classes(&t),
        &o.par(Par::rayon(4)),
        g2.view_mut(),
    )
    .unwrap();
    assert_eq!(g1, g2);
    // A transposed (column-major) copy of the logits and a transposed gradient buffer.
    let xt = xv.t().to_owned();
    let strided = xt.t();
    let s2 = softmax_cross_entropy(strided, Targets::Classes(&t), &o).unwrap();
    assert!(close(seq, s2, 1e-14, 0.0));
    let mut gt = Array2::<f32>::zeros((v, b));
    softmax_cross_entropy_grad(
        strided,
        Targets::Classes(&t),
        &o,
        gt.view_mut().reversed_axes(),
    )
    .unwrap();
    assert_eq!(gt.t(), g1);
}

// ---------------------------------------------------------------------------------------------
// Properties.

use proptest::prelude::*;

/// Identities between separately computed quantities of order 1–100: a few ulps of their
/// magnitude.
const TOL_IDENTITY: f64 = 1e-12;

fn logit_matrix() -> impl Strategy<Value = (usize, usize, Vec<f64>)> {
    (1usize..5, 1usize..40).prop_flat_map(|(b, v)| {
        (
            Just(b),
            Just(v),
            proptest::collection::vec(-30.0f64..30.0, b * v),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn cross_entropy_is_shift_invariant_and_equals_lse_minus_target(
        (b, v, x) in logit_matrix(), shift in -1e3f64..1e3, seed in 0u64..1000,
    ) {
        let t: Vec<i64> = (0..b as u64).map(|i| ((i * 7 + seed) % v as u64) as i64).collect();
        let xv = ArrayView2::from_shape((b, v), &x).unwrap();
        let o = CrossEntropyOptions::default().reduction(Reduction::Sum);
        let l = softmax_cross_entropy(xv, Targets::Classes(&t), &o).unwrap();
        let xs: Vec<f64> = x.iter().map(|&a| a + shift).collect();
        let ls = softmax_cross_entropy(ArrayView2::from_shape((b, v), &xs).unwrap(), Targets::Classes(&t), &o).unwrap();
        // The shifted logits carry rounding of order |shift|·ε each.
        prop_assert!((l - ls).abs() <= 1e-11 * (1.0 + shift.abs()) * b as f64);
        let mut lse = vec![0.0; b];
        logsumexp_into(&mut lse, xv, Par::Seq).unwrap();
        let want: f64 = (0..b).map(|i| lse[i] - x[i * v + t[i] as usize]).sum();
        prop_assert!((l - want).abs() <= TOL_IDENTITY * want.abs().max(1.0));
        // One-hot probabilities give the class loss.
        let mut p = vec![0.0; b * v];
        for i in 0..b { p[i * v + t[i] as usize] = 1.0; }
        let lp = softmax_cross_entropy(xv, Targets::Probs(ArrayView2::from_shape((b, v), &p).unwrap()), &o).unwrap();
        prop_assert!((l - lp).abs() <= TOL_IDENTITY * l.abs().max(1.0));
    }

    #[test]
    fn softmax_rows_are_distributions_and_entropy_and_kl_are_bounded((b, v, x) in logit_matrix(), (_, _, y) in logit_matrix()) {
        let xv = ArrayView2::from_shape((b, v), &x).unwrap();
        let mut sm = Array2::zeros((b, v));
        softmax_into(sm.view_mut(), xv, 1.0, Par::Seq).unwrap();
        let mut ls = Array2::zeros((b, v));
        log_softmax_into(ls.view_mut(), xv, 1.0, Par::Seq).unwrap();
        let mut h = vec![0.0; b];
        softmax_entropy_into(&mut h, xv, Base::Nats, Par::Seq).unwrap();
        for i in 0..b {
            let s: f64 = sm.row(i).sum();
            prop_assert!((s - 1.0).abs() <= 1e-14 * v as f64);
            for j in 0..v {
                prop_assert!((ls[[i, j]].exp() - sm[[i, j]]).abs() <= 1e-14);
            }
            prop_assert!(h[i] >= -1e-15 && h[i] <= (v as f64).ln() + 1e-12);
            let direct: f64 = -(0..v).map(|j| if sm[[i, j]] > 0.0 { sm[[i, j]] * ls[[i, j]] } else { 0.0 }).sum::<f64>();
            prop_assert!((h[i] - direct).abs() <= TOL_IDENTITY * direct.max(1.0));
        }
        let mut kl = vec![0.0; b];
        kl_divergence_logits_into(&mut kl, xv, xv, Base::Nats, Par::Seq).unwrap();
        prop_assert!(kl.iter().all(|&k| k.abs() <= 1e-12));
        if y.len() == x.len() {
            let yv = ArrayView2::from_shape((b, v), &y).unwrap();
            kl_divergence_logits_into(&mut kl, xv, yv, Base::Nats, Par::Seq).unwrap();
            let mut ly = Array2::zeros((b, v));
            log_softmax_into(ly.view_mut(), yv, 1.0, Par::Seq).unwrap();
            for i in 0..b {
                prop_assert!(kl[i] >= -1e-12);
                let direct: f64 = (0..v).map(|j| sm[[i, j]] * (ls[[i, j]] - ly[[i, j]])).sum();
                prop_assert!((kl[i] - direct).abs() <= 1e-11 * direct.abs().max(1.0));
            }
        }
    }
}
