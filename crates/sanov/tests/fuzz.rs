//! Robustness: at least 100 000 random slices (lengths 0..64; normal numbers, ±0, negatives, NaN,
//! ±inf, subnormals, huge values; normalised or not) thrown at every public slice function, and
//! random scalars at every scalar function. No call may panic (`catch_unwind`), and no `Ok`
//! result may be NaN (except where `NanPolicy::Propagate` asks for it, for rows holding NaN).
//!
//! Seeded (splitmix64), so a failure names a reproducible input. Run with `-- --nocapture` to see
//! the number of inputs and calls.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::SplitMix64;
use ndarray::{Array2, ArrayView2};
use sanov::batch::{self, NanPolicy};
use sanov::divergences::{
    chi2_divergence, hellinger_distance, js_distance, js_divergence, kl_divergence,
    total_variation_distance,
};
use sanov::kernels;
use sanov::losses::{
    binary_cross_entropy, binary_cross_entropy_into, binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_into, cross_entropy_loss, label_smoothed_cross_entropy,
    perplexity, Reduction,
};
use sanov::measures::{
    binary_entropy, cross_entropy, entropy, renyi_entropy, surprisal, tsallis_entropy,
};
use sanov::multivariate::{gaussian_mutual_information, gaussian_mutual_information_cov};
use sanov::special::{logsumexp, xlogx, xlogy};
use sanov::validate::{check_probability_vector, normalize};
use sanov::{channels, Base, Par, Real};

/// Number of random inputs (each a slice, or a pair of slices).
const INPUTS: usize = 100_000;

/// A value from the mix.
fn value(rng: &mut SplitMix64) -> f64 {
    match rng.below(20) {
        0 => 0.0,
        1 => -0.0,
        2 => f64::NAN,
        3 => f64::INFINITY,
        4 => f64::NEG_INFINITY,
        5 => -rng.next_f64(),
        6 => 5e-324 * (1 + rng.below(1000)) as f64,
        7 => f64::MIN_POSITIVE * rng.next_f64(),
        8 => [1e300, f64::MAX, 1e30, 1e154][rng.below(4)],
        9 => -[1e300, f64::MAX, 1e-300][rng.below(3)],
        10 => 1.0,
        11 => rng.next_f64() * 1e-300,
        12 => (rng.next_f64() - 0.5) * 2000.0,
        _ => rng.next_f64(),
    }
}

/// A random slice: sometimes a clean probability vector (so that functions get past validation),
/// sometimes one with a single defect, sometimes anything.
fn slice(rng: &mut SplitMix64, n: usize) -> Vec<f64> {
    match rng.below(4) {
        0 | 1 => {
            // Probability vector with zeros / subnormals, normalised in f64.
            let mut v: Vec<f64> = (0..n)
                .map(|_| match rng.below(6) {
                    0 => 0.0,
                    1 => 5e-324 * (1 + rng.below(100)) as f64,
                    2 => rng.next_f64() * 1e-200,
                    _ => rng.next_f64(),
                })
                .collect();
            let s: f64 = v.iter().sum();
            if s > 0.0 {
                for x in &mut v {
                    *x /= s;
                }
            }
            if n > 0 && rng.below(4) == 0 {
                let i = rng.below(n);
                v[i] = value(rng);
            }
            v
        }
        _ => (0..n).map(|_| value(rng)).collect(),
    }
}

struct Fuzzer {
    /// Which functions to check.
    only: fn(&str) -> bool,
    calls: usize,
    failures: Vec<String>,
    by_function: std::collections::BTreeMap<String, usize>,
}

impl Fuzzer {
    /// Runs `f`, recording a panic or a NaN `Ok` as a failure.
    fn call(
        &mut self,
        name: &str,
        input: &dyn Fn() -> String,
        f: impl FnOnce() -> sanov::Result<f64>,
    ) {
        if !(self.only)(name) {
            return;
        }
        self.calls += 1;
        match catch_unwind(AssertUnwindSafe(f)) {
            Err(_) => self.fail(name, &format!("{name} panicked on {}", input())),
            Ok(Ok(v)) if v.is_nan() => {
                self.fail(name, &format!("{name} returned Ok(NaN) on {}", input()));
            }
            Ok(_) => {}
        }
    }

    /// Runs an `*_into` form; every element written must be non-NaN unless `nan_ok(i)`.
    fn call_into(
        &mut self,
        name: &str,
        input: &dyn Fn() -> String,
        out: &mut [f64],
        nan_ok: &dyn Fn(usize) -> bool,
        f: impl FnOnce(&mut [f64]) -> sanov::Result<()>,
    ) {
        if !(self.only)(name) {
            return;
        }
        self.calls += 1;
        out.fill(0.0);
        match catch_unwind(AssertUnwindSafe(|| f(out))) {
            Err(_) => self.fail(name, &format!("{name} panicked on {}", input())),
            Ok(Ok(())) => {
                if let Some(i) = (0..out.len()).find(|&i| out[i].is_nan() && !nan_ok(i)) {
                    self.fail(name, &format!("{name} wrote NaN at [{i}] on {}", input()));
                }
            }
            Ok(Err(_)) => {}
        }
    }

    fn fail(&mut self, name: &str, m: &str) {
        let n = self.by_function.entry(name.to_string()).or_default();
        *n += 1;
        // Keep the first two failures of each function.
        if *n <= 2 {
            self.failures.push(m.to_string());
        }
    }
}

/// Every slice function on `p` (and `q`, same length or not), for element type `T`.
fn slice_functions<T: Real>(
    fz: &mut Fuzzer,
    rng: &mut SplitMix64,
    p: &[T],
    q: &[T],
    input: &dyn Fn() -> String,
) {
    let bases = [
        Base::Nats,
        Base::Bits,
        Base::Hartleys,
        Base::new(0.5).unwrap(),
        Base::new(7.0).unwrap(),
    ];
    let base = bases[rng.below(bases.len())];
    let pars = [Par::Seq, Par::rayon(2)];
    let par = pars[rng.below(2)];
    let alpha = [
        0.0,
        0.5,
        1.0,
        1.0 + 1e-9,
        2.0,
        1e300,
        f64::INFINITY,
        -1.0,
        f64::NAN,
        5e-324,
    ][rng.below(10)];
    let tq = [
        0.0,
        -2.0,
        0.5,
        1.0,
        2.0,
        1e300,
        -1e300,
        f64::INFINITY,
        f64::NAN,
    ][rng.below(9)];
    let eps = [0.0, 0.1, 1.0, -0.1, 2.0, f64::NAN][rng.below(6)];
    let target = if rng.below(8) == 0 {
        p.len() + rng.below(3)
    } else {
        rng.below(p.len().max(1))
    };
    let red = [Reduction::Mean, Reduction::Sum][rng.below(2)];

    fz.call("entropy", input, || entropy(p, base));
    fz.call("kernels::entropy", input, || kernels::entropy(p, base, par));
    fz.call("renyi_entropy", input, || renyi_entropy(p, alpha, base));
    fz.call("tsallis_entropy", input, || tsallis_entropy(p, tq));
    fz.call("check_probability_vector", input, || {
        check_probability_vector("p", p).map(|()| 0.0)
    });
    fz.call("normalize", input, || {
        normalize(p).map(|v| {
            if v.iter().any(|x| x.is_nan()) {
                f64::NAN
            } else {
                0.0
            }
        })
    });
    fz.call("cross_entropy", input, || cross_entropy(p, q, base));
    fz.call("kernels::cross_entropy", input, || {
        kernels::cross_entropy(p, q, base, par)
    });
    fz.call("kl_divergence", input, || kl_divergence(p, q, base));
    fz.call("kernels::kl_divergence", input, || {
        kernels::kl_divergence(p, q, base, par)
    });
    fz.call("js_divergence", input, || js_divergence(p, q, base));
    let js_name = if base.value() < 1.0 {
        "js_distance(base < 1)"
    } else {
        "js_distance"
    };
    fz.call(js_name, input, || js_distance(p, q, base));
    fz.call("hellinger_distance", input, || hellinger_distance(p, q));
    fz.call("total_variation_distance", input, || {
        total_variation_distance(p, q)
    });
    fz.call("chi2_divergence", input, || chi2_divergence(p, q));
    fz.call("cross_entropy_loss", input, || {
        cross_entropy_loss(p, target, base)
    });
    fz.call("label_smoothed_cross_entropy", input, || {
        label_smoothed_cross_entropy(p, target, eps, base)
    });
    fz.call("binary_cross_entropy", input, || {
        binary_cross_entropy(p, q, red, base)
    });
    fz.call("binary_cross_entropy_with_logits", input, || {
        binary_cross_entropy_with_logits(p, q, red, base)
    });
    fz.call("perplexity", input, || perplexity(p, base));
    let mut out = vec![0.0; p.len() + usize::from(rng.below(8) == 0)];
    fz.call_into(
        "binary_cross_entropy_into",
        input,
        &mut out,
        &|_| false,
        |o| binary_cross_entropy_into(o, p, q, base),
    );
    fz.call_into(
        "binary_cross_entropy_with_logits_into",
        input,
        &mut out,
        &|_| false,
        |o| binary_cross_entropy_with_logits_into(o, p, q, base),
    );
}

/// Every batched kernel on `p` viewed as a matrix.
fn batched_functions(
    fz: &mut Fuzzer,
    rng: &mut SplitMix64,
    p: &[f64],
    q: &[f64],
    input: &dyn Fn() -> String,
) {
    if p.is_empty() {
        return;
    }
    let divisors: Vec<usize> = (1..=p.len())
        .filter(|&d| (p.len() / d) * d == p.len())
        .collect();
    let cols = divisors[rng.below(divisors.len())];
    let rows = p.len() / cols;
    let pm = ArrayView2::from_shape((rows, cols), p).unwrap();
    let qm = if q.len() == p.len() {
        ArrayView2::from_shape((rows, cols), q).unwrap()
    } else {
        ArrayView2::from_shape((1, q.len()), q).unwrap()
    };
    let nan = [NanPolicy::Raise, NanPolicy::Propagate][rng.below(2)];
    let par = [Par::Seq, Par::rayon(2)][rng.below(2)];
    let base = [Base::Nats, Base::Bits][rng.below(2)];
    let row_has_nan = |r: usize| {
        nan == NanPolicy::Propagate
            && (pm.row(r).iter().any(|x| x.is_nan())
                || (qm.nrows() > r && qm.row(r).iter().any(|x| x.is_nan())))
    };
    let mut out = vec![0.0; rows + usize::from(rng.below(10) == 0)];
    let alpha = [0.0, 0.5, 1.0, 2.0, f64::INFINITY, -1.0][rng.below(6)];
    fz.call_into("entropy_into", input, &mut out, &row_has_nan, |o| {
        batch::entropy_into(o, pm, base, par, nan)
    });
    fz.call_into("renyi_entropy_into", input, &mut out, &row_has_nan, |o| {
        batch::renyi_entropy_into(o, pm, alpha, base, par, nan)
    });
    fz.call_into("tsallis_entropy_into", input, &mut out, &row_has_nan, |o| {
        batch::tsallis_entropy_into(o, pm, 2.0, par, nan)
    });
    fz.call_into("cross_entropy_into", input, &mut out, &row_has_nan, |o| {
        batch::cross_entropy_into(o, pm, qm, base, par, nan)
    });
    fz.call_into("kl_divergence_into", input, &mut out, &row_has_nan, |o| {
        batch::kl_divergence_into(o, pm, qm, base, par, nan)
    });
    fz.call_into("js_divergence_into", input, &mut out, &row_has_nan, |o| {
        batch::js_divergence_into(o, pm, qm, base, par, nan)
    });
    fz.call_into(
        "hellinger_distance_into",
        input,
        &mut out,
        &row_has_nan,
        |o| batch::hellinger_distance_into(o, pm, qm, par, nan),
    );
    fz.call_into(
        "total_variation_distance_into",
        input,
        &mut out,
        &row_has_nan,
        |o| batch::total_variation_distance_into(o, pm, qm, par, nan),
    );
    fz.call_into("chi2_divergence_into", input, &mut out, &row_has_nan, |o| {
        batch::chi2_divergence_into(o, pm, qm, par, nan)
    });
}

/// Scalar functions and the covariance form of the Gaussian mutual information.
fn scalar_functions(fz: &mut Fuzzer, rng: &mut SplitMix64, p: &[f64], input: &dyn Fn() -> String) {
    let x = value(rng);
    let y = value(rng);
    let base = [Base::Nats, Base::Bits, Base::new(1.5).unwrap()][rng.below(3)];
    let sx = || format!("x = {x:e}, y = {y:e}");
    fz.call("binary_entropy", &sx, || binary_entropy(x, base));
    fz.call("surprisal", &sx, || surprisal(x, base));
    fz.call("awgn_capacity", &sx, || channels::awgn_capacity(x, base));
    fz.call("gaussian_mutual_information", &sx, || {
        gaussian_mutual_information(x, base)
    });
    fz.call("Base::new", &sx, || Base::new(x).map(Base::ln));
    fz.call("logsumexp", input, || logsumexp(p));
    // xlogy/xlogx are total functions; NaN only from NaN input or from ∞·0-type inputs.
    if (fz.only)("xlogy") {
        fz.calls += 2;
        if catch_unwind(|| (xlogy(x, y), xlogx(x))).is_err() {
            fz.fail("xlogy", &format!("xlogy panicked on {}", sx()));
        }
    }
    // A covariance from the slice, when it has a square length.
    let n = (p.len() as f64).sqrt() as usize;
    if n >= 2 && n * n == p.len() {
        let cov = Array2::from_shape_vec((n, n), p.to_vec()).unwrap();
        let k = 1 + rng.below(n - 1);
        let xs: Vec<usize> = (0..k).collect();
        let ys: Vec<usize> = (k..n).collect();
        fz.call("gaussian_mutual_information_cov", input, || {
            gaussian_mutual_information_cov(cov.view(), &xs, &ys, base)
        });
        // And a symmetrised version, more often positive definite.
        let sym = Array2::from_shape_fn((n, n), |(i, j)| {
            if i == j {
                p[i * n + i].abs() + n as f64
            } else {
                0.5 * (p[i * n + j] + p[j * n + i])
            }
        });
        fz.call("gaussian_mutual_information_cov(sym)", input, || {
            gaussian_mutual_information_cov(sym.view(), &xs, &ys, base)
        });
    }
}

/// Throws `INPUTS` random inputs at every function accepted by `only`; returns the report.
fn fuzz(only: fn(&str) -> bool) -> Fuzzer {
    let start = std::time::Instant::now();
    // Silence the default hook: a panic is reported by `Fuzzer::call`, with its input.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut fz = Fuzzer {
        only,
        calls: 0,
        failures: Vec::new(),
        by_function: std::collections::BTreeMap::new(),
    };
    let mut rng = SplitMix64::new(0x0005_A400_F00D_5EED);
    for i in 0..INPUTS {
        let n = rng.below(64);
        let p = slice(&mut rng, n);
        let m = if rng.below(10) == 0 { rng.below(64) } else { n };
        let q = slice(&mut rng, m);
        let input = || format!("input #{i}: p = {p:?}, q = {q:?}");
        if i % 8 == 0 {
            let p32: Vec<f32> = p.iter().map(|&x| x as f32).collect();
            let q32: Vec<f32> = q.iter().map(|&x| x as f32).collect();
            slice_functions(&mut fz, &mut rng, &p32, &q32, &input);
        } else {
            slice_functions(&mut fz, &mut rng, &p, &q, &input);
        }
        if i % 8 == 0 {
            batched_functions(&mut fz, &mut rng, &p, &q, &input);
        }
        scalar_functions(&mut fz, &mut rng, &p, &input);
    }
    std::panic::set_hook(hook);
    eprintln!(
        "fuzz: {INPUTS} random inputs, {} calls, failures by function {:?}, {:.1} s",
        fz.calls,
        fz.by_function,
        start.elapsed().as_secs_f64()
    );
    fz
}

#[test]
fn no_panics_and_no_nan_on_random_input() {
    let fz = fuzz(|_| true);
    assert!(
        fz.failures.is_empty(),
        "failures by function {:?}; first ones:\n{}",
        fz.by_function,
        fz.failures.join("\n")
    );
}
