//! `knn_timer`: times sanov's k-NN estimators on generated Gaussian data and reports the peak
//! resident memory of the process.
//!
//! ```text
//! knn_timer ksg N [--dx D] [--dy D] [--k K] [--tasks T] [--samples S] [--alg 1|2]
//! knn_timer kl  N [--d D] [--k K] [--tasks T] [--samples S]
//! ```
//!
//! Data: `x ~ N(0, I_dx)`, `y = 0.6·x₁ + 0.8·ε` in every column (KSG), or `N(0, I_d)` (KL),
//! from splitmix64 + Box–Muller (seed 1). `--tasks 1` runs `Par::Seq`, `T > 1` `Par::rayon(T)`.
//! Prints one JSON object: the operation, sizes, median and minimum seconds over `S` calls
//! (default 5), the value, and `peak_rss_kib` (`VmHWM` of `/proc/self/status`, Linux), which
//! includes the input data.

use std::time::Instant;

use ndarray::Array2;
use sanov::estimators::{
    kozachenko_leonenko_entropy, ksg_mutual_information, KsgAlgorithm, KsgOptions,
};
use sanov::{Base, Par};

struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / 9_007_199_254_740_992.0
    }

    fn normal(&mut self) -> f64 {
        let r = (-2.0 * (1.0 - self.uniform()).ln()).sqrt();
        r * (core::f64::consts::TAU * self.uniform()).cos()
    }
}

fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: knn_timer ksg|kl N [--dx D] [--dy D] [--d D] [--k K] [--tasks T] [--samples S] [--alg 1|2]";
    if args.len() < 3 {
        eprintln!("{usage}");
        std::process::exit(2);
    }
    let op = args[1].clone();
    let n: usize = args[2].parse().expect("N");
    let (mut dx, mut dy, mut d, mut k, mut tasks, mut samples, mut alg) = (1, 1, 3, 3, 2, 5, 1);
    let mut i = 3;
    while i + 1 < args.len() {
        let v: usize = args[i + 1].parse().expect(usage);
        match args[i].as_str() {
            "--dx" => dx = v,
            "--dy" => dy = v,
            "--d" => d = v,
            "--k" => k = v,
            "--tasks" => tasks = v,
            "--samples" => samples = v,
            "--alg" => alg = v,
            _ => panic!("{usage}"),
        }
        i += 2;
    }
    let par = if tasks <= 1 {
        Par::Seq
    } else {
        Par::rayon(tasks)
    };
    let mut rng = Rng(1);
    let mut times = Vec::new();
    let mut value = f64::NAN;
    match op.as_str() {
        "ksg" => {
            let x = Array2::from_shape_fn((n, dx), |_| rng.normal());
            let y = Array2::from_shape_fn((n, dy), |(r, _)| 0.6 * x[[r, 0]] + 0.8 * rng.normal());
            let o = KsgOptions {
                k,
                algorithm: if alg == 2 {
                    KsgAlgorithm::Two
                } else {
                    KsgAlgorithm::One
                },
                par,
                ..Default::default()
            };
            for _ in 0..samples {
                let t = Instant::now();
                value = ksg_mutual_information(x.view(), y.view(), &o).expect("ksg");
                times.push(t.elapsed().as_secs_f64());
            }
        }
        "kl" => {
            let x = Array2::from_shape_fn((n, d), |_| rng.normal());
            dx = d;
            dy = 0;
            for _ in 0..samples {
                let t = Instant::now();
                value = kozachenko_leonenko_entropy(x.view(), k, Base::Nats, par).expect("kl");
                times.push(t.elapsed().as_secs_f64());
            }
        }
        _ => panic!("{usage}"),
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"op\": \"{op}\", \"n\": {n}, \"dx\": {dx}, \"dy\": {dy}, \"k\": {k}, \"alg\": {alg}, \"tasks\": {tasks}, \"median_s\": {}, \"min_s\": {}, \"value\": {value}, \"peak_rss_kib\": {}}}",
        times[times.len() / 2],
        times[0],
        peak_rss_kib().map_or("null".to_string(), |v| v.to_string())
    );
}
