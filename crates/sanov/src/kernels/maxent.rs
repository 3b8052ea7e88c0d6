//! The per-point pass of the maximum-entropy dual (`maxent::dual`): exponents `λ·g_i`, weights
//! `e^{λ·g_i + ln q_i − m}` and their moment sums over one chunk of the support, compiled for
//! each instruction-set level and chosen at run time like the other kernels.
//!
//! The exponentials ([`super::exp::exp`]) and the moment sums are written on the level's
//! vectors; the exponent loops are plain code that the compiler vectorises. Compiled inside the
//! `#[target_feature]` functions of [`dispatched!`] the body runs on 4 (AVX2) or 8 (AVX-512)
//! lanes with FMA, where the baseline x86-64 build has 2 lanes and no FMA.

use super::dispatch::{dispatched, Level, LANES};
use super::exp::exp;
use super::vector::{self, Vector};

/// Points per chunk: the chunk's exponents and weights stay in L1.
pub(crate) const CHUNK: usize = 2048;

/// Moment sums of one chunk, relative to the chunk's own largest exponent `m`.
pub(crate) struct MomentSums {
    /// `max_i (ln q_i + λ·g_i)` over the chunk.
    pub m: f64,
    /// `max_i λ·g_i` over the chunk (the separation test).
    pub max_lg: f64,
    /// `Σ_i w_i` with `w_i = e^{ln q_i + λ·g_i − m}`.
    pub s0: f64,
    /// `Σ_i w_i g_k(x_i)` per constraint.
    pub s1: Vec<f64>,
    /// `Σ_i w_i g_a(x_i) g_b(x_i)`, row-major `K×K` (symmetric); empty unless asked for.
    pub s2: Vec<f64>,
}

/// `Σ_i a_i (b_i − t)` over equal-length slices (`b = None`: `Σ_i a_i`), on vectors of
/// [`LANES`] with four accumulators (so the adds of consecutive groups overlap).
#[inline(always)]
fn dot_centred<V: Vector>(a: &[f64], b: Option<(&[f64], f64)>) -> f64 {
    const STEP: usize = 4 * LANES;
    let n = a.len();
    let mut acc = [V::splat(0.0); 4];
    let full = n - n % STEP;
    let term = |i: usize| -> V {
        let x: V = V::load(&a[i..i + LANES]);
        match b {
            Some((b, t)) => x * (V::load(&b[i..i + LANES]) - V::splat(t)),
            None => x,
        }
    };
    let mut i = 0;
    while i < full {
        for (j, s) in acc.iter_mut().enumerate() {
            *s = *s + term(i + j * LANES);
        }
        i += STEP;
    }
    while i + LANES <= n {
        acc[0] = acc[0] + term(i);
        i += LANES;
    }
    if i < n {
        let x: V = V::load_tail(&a[i..]);
        acc[1] = acc[1]
            + match b {
                Some((b, t)) => {
                    // Padding lanes of `x` are 0, so their (0 − t) products vanish.
                    x * (V::load_tail(&b[i..]) - V::splat(t))
                }
                None => x,
            };
    }
    let v = ((acc[0] + acc[1]) + (acc[2] + acc[3])).to_array();
    ((v[0] + v[4]) + (v[1] + v[5])) + ((v[2] + v[6]) + (v[3] + v[7]))
}

/// The largest element (`−∞` for none), eight lanes at a time.
#[inline(always)]
fn max8(x: &[f64]) -> f64 {
    let mut acc = [f64::NEG_INFINITY; 8];
    let mut it = x.chunks_exact(8);
    for c in &mut it {
        for (a, &v) in acc.iter_mut().zip(c) {
            *a = if v > *a { v } else { *a };
        }
    }
    let m = it
        .remainder()
        .iter()
        .fold(f64::NEG_INFINITY, |a, &v| if v > a { v } else { a });
    acc.iter().fold(m, |a, &v| if v > a { v } else { a })
}

/// The body of [`moment_sums`], generic over the level it is compiled for.
#[inline(always)]
fn moment_sums_body<V: Vector>(
    rows: &[&[f64]],
    targets: &[f64],
    lam: &[f64],
    ln_q: Option<&[f64]>,
    second: bool,
) -> MomentSums {
    let k = targets.len();
    let len = rows.first().map_or(0, |r| r.len());
    debug_assert!(len <= CHUNK && rows.iter().all(|r| r.len() == len));
    let mut lg = [0.0; CHUNK];
    let mut e = [0.0; CHUNK];
    let (lg, e) = (&mut lg[..len], &mut e[..len]);
    for (row, (&l, &t)) in rows.iter().zip(lam.iter().zip(targets)) {
        for (o, &f) in lg.iter_mut().zip(row.iter()) {
            *o += l * (f - t);
        }
    }
    match ln_q {
        Some(q) => {
            for ((o, &x), &lq) in e.iter_mut().zip(lg.iter()).zip(q) {
                *o = x + lq;
            }
        }
        None => e.copy_from_slice(lg),
    }
    let max_lg = max8(lg);
    let m = max8(e);
    // Weights, in place of the exponents, by the vector exp.
    let mv = V::splat(m);
    let mut groups = e.chunks_exact_mut(LANES);
    for g in &mut groups {
        let x: V = V::load(g);
        g.copy_from_slice(&exp(x - mv).to_array());
    }
    let rest = groups.into_remainder();
    if !rest.is_empty() {
        let x: V = V::load_tail(rest);
        let w = exp(x - mv).to_array();
        rest.copy_from_slice(&w[..rest.len()]);
    }
    let w = &*e;
    let s0 = dot_centred::<V>(w, None);
    let mut s1 = vec![0.0; k];
    let mut s2 = vec![0.0; if second { k * k } else { 0 }];
    // Centred features weighted once, reused for every product.
    let mut wg = [0.0; CHUNK];
    let wg = &mut wg[..len];
    for a in 0..k {
        let (ra, ta) = (rows[a], targets[a]);
        for ((o, &wi), &f) in wg.iter_mut().zip(w).zip(ra.iter()) {
            *o = wi * (f - ta);
        }
        s1[a] = dot_centred::<V>(wg, None);
        if !second {
            continue;
        }
        for b in 0..=a {
            let v = dot_centred::<V>(wg, Some((rows[b], targets[b])));
            s2[a * k + b] = v;
            s2[b * k + a] = v;
        }
    }
    MomentSums {
        m,
        max_lg,
        s0,
        s1,
        s2,
    }
}

dispatched! {
    /// [`moment_sums`] at `level`.
    fn moment_sums_at(rows: &[&[f64]], targets: &[f64], lam: &[f64], ln_q: Option<&[f64]>, second: bool) -> MomentSums = moment_sums_body
}

/// The moment sums of one chunk (at most [`CHUNK`] points): `rows[k]` holds feature `k` on the
/// chunk, `ln_q` the prior's logarithm there (`None`: uniform); the second moments only if
/// `second`. Runs at the best instruction set of the CPU.
pub(crate) fn moment_sums(
    rows: &[&[f64]],
    targets: &[f64],
    lam: &[f64],
    ln_q: Option<&[f64]>,
    second: bool,
) -> MomentSums {
    moment_sums_at(Level::best(), rows, targets, lam, ln_q, second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_gives_the_same_sums() {
        let n = 1500;
        let f1: Vec<f64> = (0..n).map(|i| (i as f64 / n as f64) * 2.0 - 1.0).collect();
        let f2: Vec<f64> = f1.iter().map(|x| x * x).collect();
        let lq: Vec<f64> = (0..n).map(|i| -((i % 7) as f64) * 0.1).collect();
        let rows = [&f1[..], &f2[..]];
        let base = moment_sums_at(
            Level::Portable,
            &rows,
            &[0.1, 0.4],
            &[0.7, -1.2],
            Some(&lq),
            true,
        );
        for level in [Level::Avx2, Level::Avx512] {
            if !level.supported() {
                continue;
            }
            let s = moment_sums_at(level, &rows, &[0.1, 0.4], &[0.7, -1.2], Some(&lq), true);
            assert_eq!(s.m, base.m);
            assert_eq!(s.max_lg, base.max_lg);
            assert!((s.s0 - base.s0).abs() <= 1e-13 * base.s0);
            for (a, b) in s.s1.iter().chain(&s.s2).zip(base.s1.iter().chain(&base.s2)) {
                assert!((a - b).abs() <= 1e-12 * base.s0, "{a} {b}");
            }
        }
    }
}
