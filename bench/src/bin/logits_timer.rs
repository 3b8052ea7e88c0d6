//! `logits_timer`: times sanov's softmax cross-entropy kernels and the memory-read floor on a
//! logit matrix read from a file, so that `bench/python/bench_logits.py` can time PyTorch,
//! NumPy and sanov on the same bytes.
//!
//! ```text
//! logits_timer [--samples N] [--tasks T] LOGITS_NPY TARGETS_RAW_I64
//! ```
//!
//! `LOGITS_NPY`: a C-order `<f4` `.npy` of shape `[B, V]`; `TARGETS_RAW_I64`: `B` little-endian
//! `i64` class indices. Prints one JSON object per line: `{"op", "tasks", "median_s", "min_s",
//! "samples", "value"}` for `forward` (mean loss), `forward_backward` (loss and gradient into a
//! second buffer), `forward_backward_in_place` (gradient over a copy of the logits, the copy
//! restored outside the timed region is not possible, so the in-place op runs on a buffer that
//! is re-filled from the logits before each call and the re-fill is timed separately as
//! `refill`), and `read_floor` (a plain `tasks`-way sum of the logits).

use ndarray::{ArrayView2, ArrayViewMut2};
use sanov::losses::{
    softmax_cross_entropy, softmax_cross_entropy_grad, softmax_cross_entropy_grad_in_place,
    CrossEntropyOptions, Targets,
};
use sanov::Par;
use sanov_bench::{parse_npy, read_floor, time_median, Array};
use std::hint::black_box as bb;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut samples = 7;
    let mut tasks = 2;
    let mut files = vec![];
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--samples" => {
                samples = args[i + 1].parse().expect("--samples N");
                i += 1;
            }
            "--tasks" => {
                tasks = args[i + 1].parse().expect("--tasks T");
                i += 1;
            }
            f => files.push(f.to_string()),
        }
        i += 1;
    }
    assert_eq!(
        files.len(),
        2,
        "usage: logits_timer [--samples N] [--tasks T] LOGITS_NPY TARGETS_RAW_I64"
    );
    let bytes = std::fs::read(&files[0]).expect("read logits");
    let Array::F32(x) = parse_npy(&bytes).expect("parse npy") else {
        panic!("logits must be float32")
    };
    let t: Vec<i64> = std::fs::read(&files[1])
        .expect("read targets")
        .chunks_exact(8)
        .map(|c| i64::from_le_bytes(c.try_into().unwrap()))
        .collect();
    // One target per row: the shape is [targets, len / targets].
    let rows = t.len();
    let cols = x.len() / rows;
    assert_eq!(
        rows * cols,
        x.len(),
        "logits length is not a multiple of the targets"
    );
    let view = ArrayView2::from_shape((rows, cols), &x).unwrap();
    let par = if tasks <= 1 {
        Par::Seq
    } else {
        Par::rayon(tasks)
    };
    let opts = CrossEntropyOptions::default().par(par);
    let mut grad = vec![0.0f32; x.len()];
    let mut work = x.clone();
    let report = |op: &str, tm: sanov_bench::Timing, value: f64| {
        println!(
            "{{\"op\": \"{op}\", \"tasks\": {tasks}, \"median_s\": {}, \"min_s\": {}, \"samples\": {}, \"value\": {value}}}",
            tm.median, tm.min, tm.samples
        );
    };
    let mut v = 0.0;
    let tm = time_median(
        || {
            v = softmax_cross_entropy(bb(view), Targets::Classes(&t), &opts).unwrap();
            v
        },
        samples,
        0.0,
    );
    report("forward", tm, v);
    let tm = time_median(
        || {
            let g = ArrayViewMut2::from_shape((rows, cols), &mut grad[..]).unwrap();
            v = softmax_cross_entropy_grad(bb(view), Targets::Classes(&t), &opts, g).unwrap();
            v
        },
        samples,
        0.0,
    );
    report("forward_backward", tm, v);
    let tm = time_median(
        || {
            work.copy_from_slice(&x);
            let g = ArrayViewMut2::from_shape((rows, cols), &mut work[..]).unwrap();
            v = softmax_cross_entropy_grad_in_place(g, Targets::Classes(&t), &opts).unwrap();
            v
        },
        samples,
        0.0,
    );
    report("forward_backward_in_place_plus_refill", tm, v);
    let tm = time_median(
        || {
            work.copy_from_slice(bb(&x));
            work[0]
        },
        samples,
        0.0,
    );
    report("refill", tm, 0.0);
    let tm = time_median(|| read_floor(bb(&x), tasks), samples, 0.0);
    report("read_floor", tm, 0.0);
}
