//! Issue 17 items 2 and 3: solvers that must return promptly (maxent honours its iteration
//! budget at any feature scale), cancellation through [`sanov::cancel::CancelToken`], and the
//! exact scale behaviour of the k-NN estimators (`Ĥ(s·x) = Ĥ(x) + d ln s`; KSG with
//! standardisation is scale-invariant) at scales 1e±200.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ndarray::{array, Array2};
use sanov::cancel::{with_cancel, CancelToken};
use sanov::channels::{channel_capacity, rate_distortion, CapacityOptions, RateDistortionOptions};
use sanov::estimators::{
    kozachenko_leonenko_entropy, ksg_mutual_information, ksg_mutual_information_discrete,
    KsgOptions,
};
use sanov::iterate::StoppingRule;
use sanov::maxent::{maxent, MaxEntOptions};
use sanov::{Base, Error, Par};

/// `Ĥ(s·x)` and `Ĥ(x) + d ln s` are sums of the same `ln r_i` up to the rounding of `s·x`
/// (one ulp per entry): agreement to 1e-12 relative to the magnitude (~ d·460 nats).
const TOL_SCALE: f64 = 1e-12;

/// A call that must not hang: run it on a thread and fail (instead of hanging the suite)
/// if it takes longer than this. Generous: debug build, shared machine.
const NO_HANG: Duration = Duration::from_secs(60);

fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(NO_HANG)
        .expect("the call did not return within the no-hang budget")
}

/// splitmix64 uniforms in [0, 1), then a Box–Muller normal.
fn normals(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    let mut u = move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / 9_007_199_254_740_992.0
    };
    (0..n)
        .map(|_| {
            let (a, b) = (1.0 - u(), u());
            (-2.0 * a.ln()).sqrt() * (core::f64::consts::TAU * b).cos()
        })
        .collect()
}

fn matrix(n: usize, d: usize, seed: u64) -> Array2<f64> {
    Array2::from_shape_vec((n, d), normals(n * d, seed)).unwrap()
}

#[test]
fn maxent_honours_max_iter_at_extreme_feature_scales() {
    for scale in [1e200, 1e-200, 1.0] {
        let r = within(move || {
            let x: Vec<f64> = (1..=6).map(f64::from).collect();
            let f = Array2::from_shape_fn((1, 6), |(_, j)| x[j] * scale);
            let params = MaxEntOptions {
                stopping: StoppingRule {
                    max_iterations: 5,
                    ..StoppingRule::default()
                },
                ..MaxEntOptions::default()
            };
            maxent(&x, f.view(), &[4.8 * scale], None, &params)
        });
        match r {
            // Converged within 5 iterations, or ran out of them: both are prompt answers.
            Ok(res) => assert!(res.diagnostics.iterations <= 5, "scale {scale}"),
            Err(Error::NotConverged { iterations, .. }) => assert!(iterations <= 5),
            Err(e) => panic!("scale {scale}: {e}"),
        }
    }
    // The scaled problems are the unscaled one: same distribution as at scale 1.
    let x: Vec<f64> = (1..=6).map(f64::from).collect();
    let solve = |scale: f64| {
        let f = Array2::from_shape_fn((1, 6), |(_, j)| x[j] * scale);
        maxent(
            &x,
            f.view(),
            &[4.8 * scale],
            None,
            &MaxEntOptions::default(),
        )
        .unwrap()
    };
    let base = solve(1.0);
    for scale in [1e200, 1e-200] {
        let r = solve(scale);
        for (a, b) in r.distribution.iter().zip(&base.distribution) {
            assert!((a - b).abs() <= 1e-12, "scale {scale}: {a} vs {b}");
        }
        assert!((r.value - base.value).abs() <= 1e-12);
    }
}

#[test]
fn kozachenko_leonenko_shifts_by_d_ln_s_at_any_scale() {
    let x = matrix(400, 2, 7);
    let h = kozachenko_leonenko_entropy(x.view(), 3, Base::Nats, Par::Seq).unwrap();
    for s in [1e200, 1e-200, 1e300, 1e-300, 3.7e-150] {
        let xs = &x * s;
        let hs = kozachenko_leonenko_entropy(xs.view(), 3, Base::Nats, Par::Seq).unwrap();
        let want = h + 2.0 * s.ln();
        assert!(
            (hs - want).abs() <= TOL_SCALE * want.abs().max(1.0),
            "s = {s}: {hs} vs {want}"
        );
    }
}

#[test]
fn ksg_standardized_is_scale_invariant() {
    let x = matrix(500, 1, 11);
    let noise = matrix(500, 1, 12);
    let y = &x + &(&noise * 0.5);
    let o = KsgOptions {
        standardize: true,
        ..KsgOptions::default()
    };
    let mi = ksg_mutual_information(x.view(), y.view(), &o).unwrap();
    assert!(mi > 0.5, "MI of correlated data: {mi}");
    for s in [1e200, 1e-200, 1e300, 1e-300] {
        let xs = &x * s;
        let got = ksg_mutual_information(xs.view(), y.view(), &o).unwrap();
        assert!((got - mi).abs() <= TOL_SCALE, "s = {s}: {got} vs {mi}");
    }
}

/// With the token already cancelled every long computation stops with `Error::Cancelled`.
#[test]
fn cancelled_token_stops_every_long_computation() {
    let token = CancelToken::new();
    token.cancel();
    let x = matrix(2000, 2, 1);
    let y = matrix(2000, 1, 2);
    let labels: Vec<i64> = (0..2000).map(|i| i % 3).collect();
    let o = KsgOptions::default();
    let par = KsgOptions {
        par: Par::rayon(2),
        ..KsgOptions::default()
    };
    let w = array![[0.9, 0.1], [0.2, 0.8]];
    let dist = array![[0.0, 1.0], [1.0, 0.0]];
    let support: Vec<f64> = (1..=6).map(f64::from).collect();
    let f = Array2::from_shape_fn((1, 6), |(_, j)| support[j]);
    let x1 = x.column(0).to_owned().insert_axis(ndarray::Axis(1));
    let results = with_cancel(&token, || {
        vec![
            ("ksg", ksg_mutual_information(x.view(), y.view(), &o).err()),
            (
                "ksg 1-d",
                ksg_mutual_information(x1.view(), y.view(), &o).err(),
            ),
            (
                "ksg par",
                ksg_mutual_information(x.view(), y.view(), &par).err(),
            ),
            (
                "ross",
                ksg_mutual_information_discrete(x.view(), &labels, &o).err(),
            ),
            (
                "kl",
                kozachenko_leonenko_entropy(x.view(), 3, Base::Nats, Par::rayon(2)).err(),
            ),
            (
                "capacity",
                channel_capacity(w.view(), &CapacityOptions::default()).err(),
            ),
            (
                "rate_distortion",
                rate_distortion(
                    &[0.5, 0.5],
                    dist.view(),
                    0.1,
                    &RateDistortionOptions::default(),
                )
                .err(),
            ),
            (
                "maxent",
                maxent(&support, f.view(), &[4.5], None, &MaxEntOptions::default()).err(),
            ),
        ]
    });
    for (name, e) in results {
        assert_eq!(e, Some(Error::Cancelled), "{name}");
    }
    // Outside the scope the same calls run normally.
    assert!(ksg_mutual_information(x.view(), y.view(), &o).is_ok());
}

/// Cancelling from another thread while a long KSG runs stops it (it would take far longer
/// than the delay).
#[test]
fn cancel_from_another_thread_interrupts_a_running_estimate() {
    let n = 400_000;
    let x = matrix(n, 3, 3);
    let y = matrix(n, 3, 4);
    let token = CancelToken::new();
    let t2 = token.clone();
    let canceller = thread::spawn(move || {
        thread::sleep(Duration::from_millis(100));
        t2.cancel();
    });
    let r = within(move || {
        with_cancel(&token, || {
            ksg_mutual_information(x.view(), y.view(), &KsgOptions::default())
        })
    });
    canceller.join().unwrap();
    assert_eq!(r, Err(Error::Cancelled));
}

/// `sanov maxent --support 1..1e8 --mean 5` took > 10 min: the Newton step cap made the
/// iteration count grow linearly with the distance `|λ| s` to the optimum (17 → 35 → 235
/// from 1e5 to 1e7 points). With the growing cap it grows only logarithmically.
#[test]
fn maxent_iterations_do_not_grow_with_support_size() {
    let mut its = Vec::new();
    for n in [1_000u32, 10_000, 100_000, 1_000_000] {
        let x: Vec<f64> = (1..=n).map(f64::from).collect();
        let r = sanov::maxent::maxent_moments(&x, &[5.0], None, &MaxEntOptions::default()).unwrap();
        // The answer is (nearly) the geometric distribution of mean 5: p_1 = 1/5.
        assert!((r.distribution[0] - 0.2).abs() < 1e-6, "n = {n}");
        its.push(r.diagnostics.iterations);
    }
    println!("Newton iterations for 1e3..1e6 support points: {its:?}");
    let (lo, hi) = (its.iter().min().unwrap(), its.iter().max().unwrap());
    assert!(hi - lo <= 12, "Newton iterations per support size: {its:?}");
}
