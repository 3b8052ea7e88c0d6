//! `Par::Rayon(n)` runs on at most `n` threads, nested use neither deadlocks nor
//! oversubscribes, and the parallel label counts equal the sequential ones exactly.

use ndarray::Array2;
use rayon::prelude::*;
use sanov::estimators::{
    adjusted_mutual_information, adjusted_mutual_information_par, conditional_entropy_from_labels,
    conditional_entropy_from_labels_par, ksg_mutual_information, normalized_mutual_information,
    normalized_mutual_information_par, AverageMethod, KsgOptions, LabelCounts,
};
use sanov::multivariate::{
    mutual_information_from_labels, mutual_information_from_labels_par, Joint,
};
use sanov::{kernels, Base, Par};
use std::collections::HashMap;
use std::sync::Mutex;

/// A named computation run repeatedly by the CPU-time test.
type Family<'a> = (&'static str, Box<dyn Fn() + Sync + 'a>);

/// The CPU-time test reads per-thread counters of the whole process: the tests run one at a
/// time.
static SERIAL: Mutex<()> = Mutex::new(());

fn pool(n: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .unwrap()
}

#[test]
fn install_sees_at_most_n_threads() {
    let _guard = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for n in 1..=5 {
        let par = Par::rayon(n);
        assert!(
            par.install(rayon::current_num_threads) <= n,
            "outside, n = {n}"
        );
        // From inside a bigger pool: a pool of n threads.
        let inner = pool(6).install(|| par.install(rayon::current_num_threads));
        assert!(inner <= n, "inside 6, n = {n}: {inner}");
        // From inside a smaller pool: inline, in that pool.
        let small = pool(1).install(|| par.install(rayon::current_num_threads));
        assert_eq!(small, 1);
    }
    assert_eq!(Par::Seq.install(|| 7), 7);
}

/// Per-thread CPU ticks (utime + stime) of this process, by thread id.
#[cfg(target_os = "linux")]
fn thread_ticks() -> HashMap<u64, u64> {
    let mut out = HashMap::new();
    for e in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let Ok(tid) = e.file_name().to_string_lossy().parse::<u64>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // Fields after the command name (which may hold spaces): state is field 3.
        let rest = &stat[stat.rfind(')').unwrap() + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
        out.insert(tid, ticks);
    }
    out
}

/// Repeats `f` until this process has used at least 0.5 s of CPU, and returns the number of
/// threads other than the calling one that did at least 5% of that work (the caller runs the
/// sequential parts while the pool waits, and waits while the pool works).
#[cfg(target_os = "linux")]
fn busy_threads(f: &(dyn Fn() + Sync)) -> usize {
    let me: u64 = std::fs::read_link("/proc/thread-self")
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .parse()
        .unwrap();
    let before = thread_ticks();
    let start = std::time::Instant::now();
    loop {
        f();
        let now = thread_ticks();
        let total: u64 = now
            .iter()
            .map(|(t, v)| v - before.get(t).copied().unwrap_or(0))
            .sum();
        if total >= 50 || start.elapsed().as_secs() > 60 {
            return now
                .iter()
                .filter(|(t, v)| {
                    **t != me && (**v - before.get(t).copied().unwrap_or(0)) * 20 >= total
                })
                .count();
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn rayon_n_uses_at_most_n_threads_inside_a_bigger_pool() {
    let _guard = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let n = 2_000_000;
    let p: Vec<f64> = vec![1.0 / n as f64; n];
    let x: Vec<i64> = (0..n as i64).map(|i| i * 7 % 101).collect();
    let y: Vec<i64> = (0..n as i64).map(|i| i * 13 % 97).collect();
    let pts = Array2::from_shape_fn((20_000, 2), |(i, j)| {
        ((i * 7919 + j * 104_729) % 10_007) as f64
    });
    let outer = pool(6);
    for threads in [1, 2] {
        let par = Par::rayon(threads);
        let families: [Family<'_>; 5] = [
            (
                "entropy",
                Box::new(|| {
                    kernels::entropy(&p, Base::Nats, par).unwrap();
                }),
            ),
            (
                "mi_from_labels",
                Box::new(|| {
                    mutual_information_from_labels_par(&x, &y, Base::Nats, par).unwrap();
                }),
            ),
            (
                "joint_from_samples",
                Box::new(|| {
                    Joint::from_samples_par(&[&x, &y], par).unwrap();
                }),
            ),
            (
                "joint_from_samples_3",
                Box::new(|| {
                    Joint::from_samples_par(&[&x, &y, &x], par).unwrap();
                }),
            ),
            (
                "ksg",
                Box::new(|| {
                    let o = KsgOptions {
                        par,
                        ..KsgOptions::default()
                    };
                    ksg_mutual_information(
                        pts.slice(ndarray::s![.., 0..1]),
                        pts.slice(ndarray::s![.., 1..2]),
                        &o,
                    )
                    .unwrap();
                }),
            ),
        ];
        for (name, f) in &families {
            // Called from a worker of a 6-thread pool, which blocks while the work runs.
            let busy = outer.install(|| busy_threads(f.as_ref()));
            assert!(
                busy <= threads,
                "{name}, Par::rayon({threads}): {busy} busy threads"
            );
        }
    }
}

#[test]
fn nested_calls_do_not_deadlock() {
    let _guard = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let n = 300_000;
    let p: Vec<f64> = vec![1.0 / n as f64; n];
    let want = kernels::entropy(&p, Base::Nats, Par::Seq).unwrap();
    // From every worker of the global pool, of a bigger pool and of a smaller one, with every
    // kind of `Par`; and from plain threads at the same time.
    let run = || {
        (0..16usize)
            .into_par_iter()
            .map(|i| {
                kernels::entropy(
                    &p,
                    Base::Nats,
                    [
                        Par::Seq,
                        Par::rayon(1),
                        Par::rayon(2),
                        Par::rayon(0),
                        Par::rayon(3),
                    ][i % 5],
                )
                .unwrap()
            })
            .collect::<Vec<f64>>()
    };
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..3)
            .map(|t| {
                s.spawn(move || match t {
                    0 => run(),
                    1 => pool(4).install(run),
                    _ => pool(1).install(run),
                })
            })
            .collect();
        for h in hs {
            for v in h.join().unwrap() {
                assert!((v - want).abs() <= 1e-12 * want, "{v} vs {want}");
            }
        }
    });
}

/// Labels with a range that moves between blocks and tasks (so task tables grow), negative
/// labels, and ranges beyond the dense limits (so the sorted paths run).
fn label_cases() -> Vec<(Vec<i64>, Vec<i64>)> {
    let n: i64 = 400_000;
    let drift_x: Vec<i64> = (0..n)
        .map(|i| (i / 1000) % 300 - 150 + (i * 7) % 5)
        .collect();
    let drift_y: Vec<i64> = (0..n).map(|i| -(i / 5000) + (i * 11) % 17).collect();
    let wide_x: Vec<i64> = (0..n).map(|i| (i * 2_654_435_761) % 40_000_003).collect();
    let small_y: Vec<i64> = (0..n).map(|i| i % 3).collect();
    let extreme: Vec<i64> = (0..n)
        .map(|i| {
            if i % 3 == 0 {
                i64::MIN
            } else {
                i64::MAX - i % 2
            }
        })
        .collect();
    let k1000: Vec<i64> = (0..n).map(|i| (i * 7919) % 1000).collect();
    let k1000b: Vec<i64> = (0..n).map(|i| (i * 104_729 + i / 7) % 1000).collect();
    // A joint range too big for a task's table (3000 × 3000 > 2^22 cells) that only shows
    // after the first blocks, yet within the dense limit (N = 1e7 > 9e6 cells).
    let late_x: Vec<i64> = (0..10_000_000)
        .map(|i| {
            if i < 5_000_000 {
                i % 7
            } else {
                (i * 7919) % 3000
            }
        })
        .collect();
    let late_y: Vec<i64> = (0..10_000_000)
        .map(|i| {
            if i < 5_000_000 {
                i % 5
            } else {
                (i * 104_729 + i / 3) % 3000
            }
        })
        .collect();
    vec![
        (late_x, late_y),
        (drift_x.clone(), drift_y.clone()),
        (drift_y, drift_x),
        (wide_x.clone(), small_y.clone()),
        (small_y, wide_x),
        (extreme.clone(), k1000.clone()),
        (k1000, k1000b),
    ]
}

#[test]
fn parallel_label_measures_equal_sequential_bit_for_bit() {
    let _guard = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (case, (x, y)) in label_cases().iter().enumerate() {
        let mi = mutual_information_from_labels(x, y, Base::Nats).unwrap();
        let ce = conditional_entropy_from_labels(x, y, Base::Nats).unwrap();
        let nmi = normalized_mutual_information(x, y, AverageMethod::Arithmetic).unwrap();
        let tx = LabelCounts::from_labels(x);
        for par in [Par::rayon(2), Par::rayon(3)] {
            let got = mutual_information_from_labels_par(x, y, Base::Nats, par).unwrap();
            assert_eq!(got.to_bits(), mi.to_bits(), "mi case {case} {par:?}");
            let got = conditional_entropy_from_labels_par(x, y, Base::Nats, par).unwrap();
            assert_eq!(got.to_bits(), ce.to_bits(), "ce case {case} {par:?}");
            let got =
                normalized_mutual_information_par(x, y, AverageMethod::Arithmetic, par).unwrap();
            assert_eq!(got.to_bits(), nmi.to_bits(), "nmi case {case} {par:?}");
            assert_eq!(
                LabelCounts::from_labels_par(x, par),
                tx,
                "counts case {case} {par:?}"
            );
        }
    }
    // AMI is costly for many labels: the small-K cases only.
    let x: Vec<i64> = (0..400_000).map(|i| (i * 7) % 13).collect();
    let y: Vec<i64> = (0..400_000).map(|i| (i * 5 + i / 3) % 11).collect();
    let ami = adjusted_mutual_information(&x, &y, AverageMethod::Max).unwrap();
    let got = adjusted_mutual_information_par(&x, &y, AverageMethod::Max, Par::rayon(3)).unwrap();
    assert_eq!(got.to_bits(), ami.to_bits());
}

/// The conditional entropy's dense path equals a direct formula from a hash map of pairs.
#[test]
fn conditional_entropy_dense_path_matches_pair_counts() {
    let _guard = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let x: Vec<i64> = (0..200_000).map(|i| (i * 7919) % 37 - 5).collect();
    let y: Vec<i64> = (0..200_000).map(|i| (i * 31 + i / 11) % 23).collect();
    let mut pairs: HashMap<(i64, i64), u64> = HashMap::new();
    let mut ny: HashMap<i64, u64> = HashMap::new();
    for (&a, &b) in x.iter().zip(&y) {
        *pairs.entry((a, b)).or_default() += 1;
        *ny.entry(b).or_default() += 1;
    }
    let n = x.len() as f64;
    let want: f64 = pairs
        .iter()
        .map(|(&(_, b), &c)| c as f64 / n * (ny[&b] as f64 / c as f64).ln())
        .sum();
    for par in [Par::Seq, Par::rayon(2)] {
        let got = conditional_entropy_from_labels_par(&x, &y, Base::Nats, par).unwrap();
        assert!((got - want).abs() <= 1e-13 * want, "{got} vs {want}");
    }
}

/// Labels of every integer width give the same tables and estimates, bit for bit, as the same
/// values in `i64`, sequential and parallel (negative labels included, where the type has them).
#[test]
fn every_integer_width_equals_i64() {
    let n = 600_000usize;
    let x64: Vec<i64> = (0..n).map(|i| ((i * 7919) % 97) as i64 - 40).collect();
    let y64: Vec<i64> = (0..n)
        .map(|i| ((i * 104_729 + i / 3) % 61) as i64)
        .collect();
    let xu: Vec<i64> = x64.iter().map(|v| v + 40).collect();
    let want_mi = mutual_information_from_labels(&x64, &y64, Base::Nats).unwrap();
    let want_mu = mutual_information_from_labels(&xu, &y64, Base::Nats).unwrap();
    let want_ce = conditional_entropy_from_labels(&x64, &y64, Base::Nats).unwrap();
    let want_t = LabelCounts::from_labels(&x64);
    macro_rules! check {
        ($t:ty, $src:expr, $mi:expr) => {
            let x: Vec<$t> = $src.iter().map(|&v| <$t>::try_from(v).unwrap()).collect();
            let y: Vec<u8> = y64.iter().map(|&v| u8::try_from(v).unwrap()).collect();
            for par in [Par::Seq, Par::rayon(2), Par::rayon(3)] {
                let mi = mutual_information_from_labels_par(&x, &y, Base::Nats, par).unwrap();
                assert_eq!(mi.to_bits(), $mi.to_bits(), "{} {par:?}", stringify!($t));
                let t = LabelCounts::from_labels_par(&x, par);
                assert_eq!(t.counts(), LabelCounts::from_labels(&$src).counts());
            }
        };
    }
    check!(i8, x64, want_mi);
    check!(i16, x64, want_mi);
    check!(i32, x64, want_mi);
    check!(i64, x64, want_mi);
    check!(u8, xu, want_mu);
    check!(u16, xu, want_mu);
    check!(u32, xu, want_mu);
    check!(u64, xu, want_mu);
    let x8: Vec<i8> = x64.iter().map(|&v| i8::try_from(v).unwrap()).collect();
    let y32: Vec<u32> = y64.iter().map(|&v| u32::try_from(v).unwrap()).collect();
    let ce = conditional_entropy_from_labels_par(&x8, &y32, Base::Nats, Par::rayon(2)).unwrap();
    assert_eq!(ce.to_bits(), want_ce.to_bits());
    assert_eq!(LabelCounts::from_labels_par(&x8, Par::rayon(2)), want_t);
    // u64 above i64::MAX: a one-to-one relabelling, the estimate is unchanged.
    let big: Vec<u64> = xu.iter().map(|&v| u64::MAX - v as u64).collect();
    let mi = mutual_information_from_labels_par(&big, &y64, Base::Nats, Par::rayon(2)).unwrap();
    assert_eq!(mi.to_bits(), want_mu.to_bits());
}

/// A late label far outside a task's table (growth, then the exact-range relayout) and a
/// task that gives up (range beyond the per-task table) still give the exact counts.
#[test]
fn growth_and_give_up_paths_are_exact() {
    let n = 1_000_000usize;
    let mut x: Vec<i64> = (0..n).map(|i| (i % 13) as i64).collect();
    let y: Vec<i64> = (0..n).map(|i| (i % 7) as i64).collect();
    x[n - 1] = 3_000; // late growth
    x[n / 2] = -2_000;
    let want = mutual_information_from_labels(&x, &y, Base::Nats).unwrap();
    for par in [Par::rayon(2), Par::rayon(4)] {
        let got = mutual_information_from_labels_par(&x, &y, Base::Nats, par).unwrap();
        assert_eq!(got.to_bits(), want.to_bits());
    }
    let mut wide: Vec<i64> = (0..n).map(|i| (i % 5) as i64).collect();
    wide[n - 2] = 1 << 23; // 1-D range 2^23 > per-task cells: give up, count on one thread
    let t = LabelCounts::from_labels_par(&wide, Par::rayon(2));
    assert_eq!(t.get(1 << 23), 1);
    assert_eq!(t, LabelCounts::from_labels(&wide));
    assert_eq!(t.total(), n as u64);
}
