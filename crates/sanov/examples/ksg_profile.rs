//! Times the parts of KSG with 4-D x and 4-D y (n = 1e5, k = 3) on one thread.
use ndarray::{concatenate, Array2, Axis};
use sanov::estimators::{ksg_mutual_information, KsgOptions};
use sanov::neighbors::{count_within, kth_neighbor_distances, Metric};
use sanov::Par;

/// CPU time of this thread (s), from /proc/thread-self/schedstat (robust to machine load).
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    s.split_whitespace().next().unwrap().parse::<f64>().unwrap() * 1e-9
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(100_000, |s| s.parse().unwrap());
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut u = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut g = || {
        let (a, b) = (u().max(1e-300), u());
        (-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()
    };
    let x = Array2::from_shape_fn((n, 4), |_| g());
    let e = Array2::from_shape_fn((n, 4), |_| g());
    let y = &x * 0.6 + &e * 0.8;
    let xy = concatenate(Axis(1), &[x.view(), y.view()]).unwrap();
    for _ in 0..3 {
        let t = cpu();
        let v = ksg_mutual_information(x.view(), y.view(), &KsgOptions::default()).unwrap();
        let total = cpu() - t;
        let t = cpu();
        let eps = kth_neighbor_distances(xy.view(), 3, Metric::Chebyshev, Par::Seq).unwrap();
        let knn = cpu() - t;
        let t = cpu();
        let cx = count_within(x.view(), x.view(), &eps, Metric::Chebyshev, Par::Seq).unwrap();
        let cnt = cpu() - t;
        let mean_c = cx.iter().sum::<usize>() as f64 / n as f64;
        println!("ksg {v:.12} total {total:.3}s  joint knn {knn:.3}s  one margin count {cnt:.3}s (mean count {mean_c:.1})");
    }
}
