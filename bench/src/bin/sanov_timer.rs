//! `sanov_timer`: times sanov's entropy and KL divergence, and the memory-read floor, on data
//! read from files, so a Python script can time SciPy/NumPy and sanov on exactly the same data.
//!
//! ```text
//! sanov_timer [--samples N] [--min-sample-s S] [--tasks T] P_FILE [Q_FILE]
//! ```
//!
//! `P_FILE`/`Q_FILE`: `.npy` (`<f8` or `<f4`, C order) or raw little-endian `float64`. Prints one
//! JSON object per line: first `{"machine": …}`, then for each operation
//! `{"op", "par", "dtype", "n", "median_s", "min_s", "calls", "samples", "value"}` with seconds
//! per call. Operations: `entropy` (of p) and, with `Q_FILE`, `kl` (of p from q), each `seq`
//! (`sanov::measures::entropy`, `sanov::divergences::kl_divergence`) and `rayon<T>`
//! (`sanov::kernels::*` with `Par::rayon(T)`); and the floors `read_p` (the bytes entropy reads)
//! and `read_pq` (the bytes KL reads), `seq` and `rayon<T>` (split into `T` rayon tasks). A failed
//! call prints `"error"` instead of the timings.

use sanov::{divergences, kernels, measures, Base, Par, Real};
use sanov_bench::{parse_npy, read_floor, read_floor_pair, time_median, Array, Timing};
use std::hint::black_box as bb;
use std::process::ExitCode;

/// Command-line options.
struct Opts {
    samples: usize,
    min_sample_s: f64,
    tasks: usize,
    p: String,
    q: Option<String>,
}

const USAGE: &str =
    "usage: sanov_timer [--samples N] [--min-sample-s S] [--tasks T] P_FILE [Q_FILE]";

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts {
        samples: 11,
        min_sample_s: 0.02,
        tasks: 2,
        p: String::new(),
        q: None,
    };
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--samples" => o.samples = val(&a)?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--min-sample-s" => {
                o.min_sample_s = val(&a)?.parse().map_err(|e| format!("{a}: {e}"))?;
            }
            "--tasks" => o.tasks = val(&a)?.parse().map_err(|e| format!("{a}: {e}"))?,
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n{USAGE}")),
            _ => files.push(a),
        }
    }
    match files.len() {
        1 | 2 => {
            o.p = files.remove(0);
            o.q = files.pop();
            Ok(o)
        }
        _ => Err(USAGE.into()),
    }
}

/// A float as JSON (Python's `json` also reads `Infinity` and `NaN`).
fn js(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{x:e}")
    }
}

/// Times `f` and prints one line; `f` returns the computed value or an error message.
fn report(
    op: &str,
    par: &str,
    dtype: &str,
    n: usize,
    o: &Opts,
    f: impl Fn() -> Result<f64, String>,
) {
    let head = format!("\"op\": \"{op}\", \"par\": \"{par}\", \"dtype\": \"{dtype}\", \"n\": {n}");
    match f() {
        Err(e) => println!("{{{head}, \"error\": {e:?}}}"),
        Ok(value) => {
            let t: Timing = time_median(&f, o.samples, o.min_sample_s);
            println!(
                "{{{head}, \"median_s\": {}, \"min_s\": {}, \"calls\": {}, \"samples\": {}, \
                 \"value\": {}}}",
                js(t.median),
                js(t.min),
                t.calls,
                t.samples,
                js(value)
            );
        }
    }
}

fn run<T: Real>(p: &[T], q: Option<&[T]>, dtype: &str, o: &Opts) {
    let n = p.len();
    let par = Par::rayon(o.tasks);
    let pl = format!("rayon{}", o.tasks);
    let e = |r: sanov::Result<f64>| r.map_err(|e| e.to_string());
    report("entropy", "seq", dtype, n, o, || {
        e(measures::entropy(bb(p), Base::Nats))
    });
    report("entropy", &pl, dtype, n, o, || {
        e(kernels::entropy(bb(p), Base::Nats, par))
    });
    report("read_p", "seq", dtype, n, o, || Ok(read_floor(bb(p), 1)));
    report("read_p", &pl, dtype, n, o, || {
        Ok(read_floor(bb(p), o.tasks))
    });
    if let Some(q) = q {
        report("kl", "seq", dtype, n, o, || {
            e(divergences::kl_divergence(bb(p), bb(q), Base::Nats))
        });
        report("kl", &pl, dtype, n, o, || {
            e(kernels::kl_divergence(bb(p), bb(q), Base::Nats, par))
        });
        report("read_pq", "seq", dtype, n, o, || {
            Ok(read_floor_pair(bb(p), bb(q), 1))
        });
        report("read_pq", &pl, dtype, n, o, || {
            Ok(read_floor_pair(bb(p), bb(q), o.tasks))
        });
    }
}

fn load(path: &str) -> Result<Array, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    parse_npy(&bytes).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let result = (|| -> Result<(), String> {
        let o = parse_args()?;
        let p = load(&o.p)?;
        let q = o.q.as_deref().map(load).transpose()?;
        println!(
            "{{\"machine\": {{\"cpus\": {}, \"rayon_threads\": {}, \"tasks\": {}, \"samples\": {}, \
             \"min_sample_s\": {}}}}}",
            std::thread::available_parallelism().map_or(1, usize::from),
            rayon::current_num_threads(),
            o.tasks,
            o.samples,
            o.min_sample_s
        );
        match (&p, &q) {
            (Array::F64(p), None) => run(p, None, "float64", &o),
            (Array::F32(p), None) => run(p, None, "float32", &o),
            (Array::F64(p), Some(Array::F64(q))) => run(p, Some(q), "float64", &o),
            (Array::F32(p), Some(Array::F32(q))) => run(p, Some(q), "float32", &o),
            (p, Some(q)) => {
                return Err(format!(
                    "p is {} but q is {}: give both the same dtype",
                    p.dtype(),
                    q.dtype()
                ))
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sanov_timer: {e}");
            ExitCode::FAILURE
        }
    }
}
