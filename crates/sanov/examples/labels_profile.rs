//! Times pair-label counting strategies (n = 1e8 by default, K labels) against a read floor.
use rayon::prelude::*;
use sanov::multivariate::mutual_information_from_labels_par;
use sanov::{Base, Par};
use std::time::Instant;

fn floor(x: &[i64], y: &[i64], t: usize) -> i64 {
    let per = x.len().div_ceil(t);
    (0..t)
        .into_par_iter()
        .map(|i| {
            let r = i * per..((i + 1) * per).min(x.len());
            x[r.clone()]
                .iter()
                .fold(0i64, |a, &b| a.wrapping_add(b))
                .wrapping_add(y[r].iter().fold(0i64, |a, &b| a.wrapping_add(b)))
        })
        .reduce(|| 0, i64::wrapping_add)
}

fn u32_table(x: &[i64], y: &[i64], k: usize, t: usize) -> Vec<u64> {
    let per = x.len().div_ceil(t);
    let tabs: Vec<Vec<u32>> = (0..t)
        .into_par_iter()
        .map(|i| {
            let r = i * per..((i + 1) * per).min(x.len());
            let mut c = vec![0u32; k * k];
            for (&a, &b) in x[r.clone()].iter().zip(&y[r]) {
                c[a as usize * k + b as usize] += 1;
            }
            c
        })
        .collect();
    let mut out = vec![0u64; k * k];
    for tb in &tabs {
        for (o, &c) in out.iter_mut().zip(tb) {
            *o += u64::from(c);
        }
    }
    out
}

trait Cell: Copy + Send + Sync + Default + Into<u64> {
    fn inc(&mut self);
}
impl Cell for u32 {
    fn inc(&mut self) {
        *self += 1;
    }
}
impl Cell for u64 {
    fn inc(&mut self) {
        *self += 1;
    }
}

fn checked<C: Cell>(x: &[i64], y: &[i64], k: usize, t: usize) -> Vec<u64> {
    let per = x.len().div_ceil(t);
    let (lx, ly) = (0i64, 0i64);
    let tabs: Vec<Vec<C>> = (0..t)
        .into_par_iter()
        .map(|i| {
            let r = i * per..((i + 1) * per).min(x.len());
            let mut c = vec![C::default(); k * k];
            let (kx, ky) = (k as u64, k as u64);
            for (&a, &b) in x[r.clone()].iter().zip(&y[r]) {
                let ox = a.wrapping_sub(lx) as u64;
                let oy = b.wrapping_sub(ly) as u64;
                assert!(ox < kx && oy < ky);
                c[(ox * ky + oy) as usize].inc();
            }
            c
        })
        .collect();
    let mut out = vec![0u64; k * k];
    for tb in &tabs {
        for (o, &c) in out.iter_mut().zip(tb) {
            *o += c.into();
        }
    }
    out
}

/// Per thread: chunks of CH samples; keys computed, partitioned by high bits into buckets
/// whose table slice fits L2, then counted bucket by bucket.
fn radix(x: &[i64], y: &[i64], k: usize, t: usize, slice_cells: usize, ch: usize) -> Vec<u64> {
    let cells = k * k;
    let shift = (slice_cells.next_power_of_two()).trailing_zeros();
    let nb = (cells >> shift) + 1;
    let per = x.len().div_ceil(t);
    let tabs: Vec<Vec<u32>> = (0..t)
        .into_par_iter()
        .map(|i| {
            let r = i * per..((i + 1) * per).min(x.len());
            let (xs, ys) = (&x[r.clone()], &y[r]);
            let mut c = vec![0u32; cells];
            let mut keys = vec![0u32; ch];
            let mut part = vec![0u32; ch];
            let mut start = vec![0usize; nb + 1];
            for (bx, by) in xs.chunks(ch).zip(ys.chunks(ch)) {
                let m = bx.len();
                let mut hist = vec![0usize; nb];
                for ((kk, &a), &b) in keys.iter_mut().zip(bx).zip(by) {
                    let key = (a as usize * k + b as usize) as u32;
                    *kk = key;
                    hist[(key >> shift) as usize] += 1;
                }
                start[0] = 0;
                for j in 0..nb {
                    start[j + 1] = start[j] + hist[j];
                }
                let mut pos = start.clone();
                for &key in &keys[..m] {
                    let b = (key >> shift) as usize;
                    part[pos[b]] = key;
                    pos[b] += 1;
                }
                for &key in &part[..m] {
                    c[key as usize] += 1;
                }
            }
            c
        })
        .collect();
    let mut out = vec![0u64; cells];
    for tb in &tabs {
        for (o, &c) in out.iter_mut().zip(tb) {
            *o += u64::from(c);
        }
    }
    out
}

fn time<R>(name: &str, reps: usize, mut f: impl FnMut() -> R) -> f64 {
    f();
    let mut ts: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    ts.sort_by(f64::total_cmp);
    let m = ts[reps / 2];
    println!(
        "{name:<40} {:8.1} ms  ({:.1}-{:.1})",
        m * 1e3,
        ts[0] * 1e3,
        ts[reps - 1] * 1e3
    );
    m
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let n: usize = a.get(1).map_or(100_000_000, |s| s.parse().unwrap());
    let k: usize = a.get(2).map_or(1000, |s| s.parse().unwrap());
    let reps: usize = a.get(3).map_or(3, |s| s.parse().unwrap());
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut u = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s >> 11
    };
    let x: Vec<i64> = (0..n).map(|_| (u() % k as u64) as i64).collect();
    let d = (k / 10).max(2) as u64;
    let y: Vec<i64> = x
        .iter()
        .map(|&v| ((v as u64 + u() % d) % k as u64) as i64)
        .collect();
    let want = u32_table(&x, &y, k, 1);
    for t in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .unwrap();
        pool.install(|| {
            let fl = time(&format!("floor t={t}"), reps, || floor(&x, &y, t));
            let m = time(&format!("sanov mi t={t}"), reps, || {
                mutual_information_from_labels_par(&x, &y, Base::Nats, Par::rayon(t)).unwrap()
            });
            let u = time(&format!("u32 table t={t}"), reps, || {
                u32_table(&x, &y, k, t)
            });
            println!("   x floor: sanov {:.2}  u32 {:.2}", m / fl, u / fl);
            assert_eq!(checked::<u32>(&x, &y, k, t), want);
            let c32 = time(&format!("checked u32 t={t}"), reps, || {
                checked::<u32>(&x, &y, k, t)
            });
            let c64 = time(&format!("checked u64 t={t}"), reps, || {
                checked::<u64>(&x, &y, k, t)
            });
            println!("   x floor: c32 {:.2}  c64 {:.2}", c32 / fl, c64 / fl);
            if std::env::var("RADIX").is_err() {
                return;
            }
            for (sc, ch) in [
                (1 << 16, 1 << 20),
                (1 << 17, 1 << 20),
                (1 << 17, 1 << 22),
                (1 << 18, 1 << 21),
            ] {
                assert_eq!(radix(&x, &y, k, t, sc, ch), want);
                let r = time(&format!("radix slice={sc} ch={ch} t={t}"), reps, || {
                    radix(&x, &y, k, t, sc, ch)
                });
                println!("   x floor: {:.2}", r / fl);
            }
        });
    }
}
