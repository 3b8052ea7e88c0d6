//! Times `sanov::losses::vae::vae_kl` on `[4096, 512]` (f32 and f64, one thread), without
//! Python: the median over 21 repeats of the mean of enough calls to last ≥ 20 ms.
//!
//! `cargo run --release -p sanov-bench --bin vae_timer`

use std::time::Instant;

use ndarray::Array2;
use sanov::losses::vae::{vae_kl, vae_kl_with_grad};
use sanov::losses::Reduction;
use sanov::Par;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut n = 1;
    loop {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        if t.elapsed().as_secs_f64() >= 0.02 {
            break;
        }
        n *= 2;
    }
    let mut v: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            t.elapsed().as_secs_f64() * 1e3 / f64::from(n)
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let (b, d) = (4096, 512);
    let mut s = 1u64;
    let mut next = move || {
        s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        ((s >> 11) as f64 / (1u64 << 53) as f64) * 4.0 - 2.0
    };
    let mu = Array2::from_shape_simple_fn((b, d), &mut next);
    let lv = Array2::from_shape_simple_fn((b, d), &mut next);
    let (mu32, lv32) = (mu.mapv(|v| v as f32), lv.mapv(|v| v as f32));
    let t64 = median_ms(|| {
        std::hint::black_box(vae_kl(mu.view(), lv.view(), Par::Seq).unwrap());
    });
    let t32 = median_ms(|| {
        std::hint::black_box(vae_kl(mu32.view(), lv32.view(), Par::Seq).unwrap());
    });
    let g32 = median_ms(|| {
        std::hint::black_box(
            vae_kl_with_grad(mu32.view(), lv32.view(), Reduction::Sum, Par::Seq).unwrap(),
        );
    });
    let alloc = median_ms(|| {
        let mut a = vec![0f32; b * d];
        let mut c = vec![0f32; b * d];
        for (x, y) in a.iter_mut().zip(c.iter_mut()) {
            *x = 1.0;
            *y = 2.0;
        }
        std::hint::black_box((a, c));
    });
    println!("allocating and filling the two gradient buffers alone: {alloc:.3} ms");
    println!(
        "vae_kl [{b}, {d}] one thread: f64 {t64:.3} ms, f32 {t32:.3} ms, f32 with grad {g32:.3} ms"
    );
}
