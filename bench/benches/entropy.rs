//! Criterion benches of Shannon entropy and KL divergence against the memory-read floor.
//!
//! For each `n` in {1e3, 1e6, 1e7} and each element type (`f64`, `f32`), on Dirichlet(1) vectors
//! with fixed seeds, one group `n=<n>` holds:
//! - `entropy_<T>_seq`: `sanov::measures::entropy` (sequential);
//! - `entropy_<T>_rayon2`: `sanov::kernels::entropy` with `Par::rayon(2)`;
//! - `kl_<T>_seq`, `kl_<T>_rayon2`: the same for `kl_divergence`;
//! - at `n = 1e7` only, the memory-read floor (`sanov_bench::read_floor`): `read_p_<T>_seq`,
//!   `read_p_<T>_rayon2` (the bytes entropy reads) and `read_pq_<T>_rayon2` (the bytes KL
//!   reads), the sums split into 2 rayon tasks.
//!
//! Throughput is reported in bytes read, so every line compares directly with the floor's GB/s.
//! Run with `cargo bench -p sanov-bench`; filter with e.g. `cargo bench -p sanov-bench -- n=1e7`.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use sanov::{divergences, kernels, measures, Base, Par, Real};
use sanov_bench::{dirichlet_ones, read_floor, read_floor_pair, to_f32};
use std::hint::black_box;
use std::time::Duration;

/// Seeds of `p` and `q` (the Python script uses its own NumPy seeds).
const SEED_P: u64 = 0x5A_0001;
const SEED_Q: u64 = 0x5A_0002;

/// Vector lengths and their labels.
const SIZES: [(usize, &str); 3] = [(1_000, "1e3"), (1_000_000, "1e6"), (10_000_000, "1e7")];

/// Benches of one element type `T` at one size, in group `g`.
fn bench_type<T: Real>(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    ty: &str,
    p: &[T],
    q: &[T],
    with_floor: bool,
) {
    let bytes = std::mem::size_of_val(p) as u64;
    let par = Par::rayon(2);

    g.throughput(Throughput::Bytes(bytes));
    g.bench_function(format!("entropy_{ty}_seq"), |b| {
        b.iter(|| measures::entropy(black_box(p), Base::Nats).unwrap());
    });
    g.bench_function(format!("entropy_{ty}_rayon2"), |b| {
        b.iter(|| kernels::entropy(black_box(p), Base::Nats, par).unwrap());
    });
    if with_floor {
        g.bench_function(format!("read_p_{ty}_seq"), |b| {
            b.iter(|| read_floor(black_box(p), 1));
        });
        g.bench_function(format!("read_p_{ty}_rayon2"), |b| {
            b.iter(|| read_floor(black_box(p), 2));
        });
    }

    g.throughput(Throughput::Bytes(2 * bytes));
    g.bench_function(format!("kl_{ty}_seq"), |b| {
        b.iter(|| divergences::kl_divergence(black_box(p), black_box(q), Base::Nats).unwrap());
    });
    g.bench_function(format!("kl_{ty}_rayon2"), |b| {
        b.iter(|| kernels::kl_divergence(black_box(p), black_box(q), Base::Nats, par).unwrap());
    });
    if with_floor {
        g.bench_function(format!("read_pq_{ty}_rayon2"), |b| {
            b.iter(|| read_floor_pair(black_box(p), black_box(q), 2));
        });
    }
}

/// All benches, one group per size.
fn entropy_kl(c: &mut Criterion) {
    for (n, label) in SIZES {
        let p = dirichlet_ones(n, SEED_P);
        let q = dirichlet_ones(n, SEED_Q);
        let (p32, q32) = (to_f32(&p), to_f32(&q));
        let large = n >= 10_000_000;

        let mut g = c.benchmark_group(format!("n={label}"));
        if n >= 1_000_000 {
            // One call takes milliseconds: the same number of calls per sample (and, at 1e7,
            // fewer samples over a longer time) keep each bench to a few seconds.
            g.sampling_mode(SamplingMode::Flat);
        }
        if large {
            g.sample_size(10).measurement_time(Duration::from_secs(3));
        }
        bench_type(&mut g, "f64", &p, &q, large);
        bench_type(&mut g, "f32", &p32, &q32, large);
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = entropy_kl
}
criterion_main!(benches);
