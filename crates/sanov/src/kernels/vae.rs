//! The VAE KL pass: `KL(N(μ, diag e^{lv}) ‖ N(0, I))` row by row, with its gradients, in one
//! read of `mu` and `log_var` (the vector exponential of [`super::exp`]).
//!
//! Per row `r` of `d` latent dimensions,
//! `KL_r = ½ Σ_j (μ_rj² + e^{lv_rj} − 1 − lv_rj)`, every term `≥ 0`, accumulated in `f64`
//! (eight lanes, then a pairwise sum of the lanes); the gradients are `∂/∂μ = s μ` and
//! `∂/∂lv = s ½(e^{lv} − 1)` for a caller's scale `s`.

use rayon::prelude::*;

use super::exp::{exp, store};
use super::ln::LANES;
use super::simd::{dispatched, load, load_tail, Level};
use super::vector::{self, Vector};
use crate::par::Par;
use crate::real::Real;

/// Rows per task below which splitting is not worth it (in elements: 2¹⁵).
const MIN_TASK_ELEMENTS: usize = 1 << 15;

#[inline(always)]
fn lane_sum<V: Vector>(v: V) -> f64 {
    let x = v.to_array();
    ((x[0] + x[4]) + (x[1] + x[5])) + ((x[2] + x[6]) + (x[3] + x[7]))
}

/// One term vector `μ² + (e^{lv} − 1) − lv`, and `e^{lv} − 1`.
#[inline(always)]
fn terms<V: Vector>(m: V, l: V) -> (V, V) {
    let em1 = exp::<V>(l) - V::splat(1.0);
    (m.mul_add(m, em1 - l), em1)
}

#[inline(always)]
fn rows_body<T: Real, V: Vector>(mu: &[T], lv: &[T], d: usize, out: &mut [f64]) {
    for (r, o) in out.iter_mut().enumerate() {
        let (m, l) = (&mu[r * d..(r + 1) * d], &lv[r * d..(r + 1) * d]);
        // Two independent chains: the exponentials of two vectors overlap in the pipeline.
        let (mut acc, mut acc2) = (V::splat(0.0), V::splat(0.0));
        let (mut cm, mut cl) = (m.chunks_exact(2 * LANES), l.chunks_exact(2 * LANES));
        for (a, b) in (&mut cm).zip(&mut cl) {
            acc = acc + terms::<V>(load(a), load(b)).0;
            acc2 = acc2 + terms::<V>(load(&a[LANES..]), load(&b[LANES..])).0;
        }
        acc = acc + acc2;
        let (mut cm, mut cl) = (
            cm.remainder().chunks_exact(LANES),
            cl.remainder().chunks_exact(LANES),
        );
        for (a, b) in (&mut cm).zip(&mut cl) {
            acc = acc + terms::<V>(load(a), load(b)).0;
        }
        if !cm.remainder().is_empty() {
            // Padding lanes are μ = lv = 0, whose term is exactly 0.
            acc = acc + terms::<V>(load_tail(cm.remainder()), load_tail(cl.remainder())).0;
        }
        *o = 0.5 * lane_sum(acc);
    }
}

/// The gradient outputs of [`vae_kl_rows_grad`] and their scale.
pub(crate) struct Grads<'a, T> {
    /// `scale · μ`.
    pub gmu: &'a mut [T],
    /// `scale · ½(e^{lv} − 1)`.
    pub glv: &'a mut [T],
    /// The scale `s`.
    pub scale: f64,
}

/// The term vector at offset `j`, storing the two gradient chunks.
#[inline(always)]
fn grad_chunk<T: Real, V: Vector>(
    m: &[T],
    l: &[T],
    gm: &mut [T],
    gl: &mut [T],
    j: usize,
    s: V,
    hs: V,
) -> V {
    let (a, b): (V, V) = (load(&m[j..]), load(&l[j..]));
    let (t, em1) = terms::<V>(a, b);
    store(&mut gm[j..j + LANES], &(a * s).to_array());
    store(&mut gl[j..j + LANES], &(em1 * hs).to_array());
    t
}

#[inline(always)]
fn grad_body<T: Real, V: Vector>(mu: &[T], lv: &[T], d: usize, out: &mut [f64], g: Grads<'_, T>) {
    let Grads { gmu, glv, scale } = g;
    let (s, hs) = (V::splat(scale), V::splat(0.5 * scale));
    for (r, o) in out.iter_mut().enumerate() {
        let rng = r * d..(r + 1) * d;
        let (m, l) = (&mu[rng.clone()], &lv[rng.clone()]);
        let (gm, gl) = (&mut gmu[rng.clone()], &mut glv[rng]);
        // The same order of additions as `rows_body`, so the values agree to the bit.
        // (`grad_chunk` is an inlined function, not a closure: closures do not inherit the
        // target features.)
        let (mut acc, mut acc2) = (V::splat(0.0), V::splat(0.0));
        let mut j = 0;
        while j + 2 * LANES <= d {
            acc = acc + grad_chunk::<T, V>(m, l, gm, gl, j, s, hs);
            acc2 = acc2 + grad_chunk::<T, V>(m, l, gm, gl, j + LANES, s, hs);
            j += 2 * LANES;
        }
        acc = acc + acc2;
        while j + LANES <= d {
            acc = acc + grad_chunk::<T, V>(m, l, gm, gl, j, s, hs);
            j += LANES;
        }
        if j < d {
            let (a, b): (V, V) = (load_tail(&m[j..]), load_tail(&l[j..]));
            let (t, em1) = terms::<V>(a, b);
            acc = acc + t;
            store(&mut gm[j..], &(a * s).to_array());
            store(&mut gl[j..], &(em1 * hs).to_array());
        }
        *o = 0.5 * lane_sum(acc);
    }
}

dispatched! {
    /// Per-row KL at `level`.
    fn rows_at<T: Real>(mu: &[T], lv: &[T], d: usize, out: &mut [f64]) = rows_body
}
dispatched! {
    /// Per-row KL and scaled gradients at `level`.
    fn grad_at<T: Real>(mu: &[T], lv: &[T], d: usize, out: &mut [f64], g: Grads<'_, T>) = grad_body
}

/// Rows per task, or `None` to run on the calling thread.
fn rows_per_task(rows: usize, d: usize, par: Par) -> Option<usize> {
    let tasks = par.degree().min(rows * d / MIN_TASK_ELEMENTS).min(rows);
    (tasks > 1).then(|| rows.div_ceil(tasks))
}

/// `out[r] = ½ Σ_j (μ_rj² + e^{lv_rj} − 1 − lv_rj)` for the `out.len()` rows of length `d` of
/// the row-major `mu` and `lv` (lengths already checked: `out.len() · d`). Non-finite inputs
/// give non-finite rows, which the caller turns into errors.
pub(crate) fn vae_kl_rows<T: Real>(mu: &[T], lv: &[T], d: usize, out: &mut [f64], par: Par) {
    let level = Level::best();
    match rows_per_task(out.len(), d, par) {
        None => rows_at(level, mu, lv, d, out),
        Some(c) => out
            .par_chunks_mut(c)
            .zip(mu.par_chunks(c * d).zip(lv.par_chunks(c * d)))
            .for_each(|(o, (m, l))| rows_at(level, m, l, d, o)),
    }
}

/// [`vae_kl_rows`] and, in the same pass, `gmu = scale · μ`, `glv = scale · ½(e^{lv} − 1)`
/// (same shapes as the inputs, rounded once to `T`).
pub(crate) fn vae_kl_rows_grad<T: Real>(
    mu: &[T],
    lv: &[T],
    d: usize,
    out: &mut [f64],
    g: Grads<'_, T>,
    par: Par,
) {
    let level = Level::best();
    let Grads { gmu, glv, scale } = g;
    match rows_per_task(out.len(), d, par) {
        None => grad_at(level, mu, lv, d, out, Grads { gmu, glv, scale }),
        Some(c) => out
            .par_chunks_mut(c)
            .zip(mu.par_chunks(c * d).zip(lv.par_chunks(c * d)))
            .zip(gmu.par_chunks_mut(c * d).zip(glv.par_chunks_mut(c * d)))
            .for_each(|((o, (m, l)), (gmu, glv))| {
                grad_at(level, m, l, d, o, Grads { gmu, glv, scale });
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(mu: &[f64], lv: &[f64], d: usize) -> Vec<f64> {
        mu.chunks(d)
            .zip(lv.chunks(d))
            .map(|(m, l)| {
                0.5 * m
                    .iter()
                    .zip(l)
                    .map(|(&a, &b)| a * a + b.exp_m1() - b)
                    .sum::<f64>()
            })
            .collect()
    }

    #[test]
    fn every_level_matches_scalar_code() {
        for d in [1usize, 7, 8, 9, 33] {
            let rows = 5;
            let mu: Vec<f64> = (0..rows * d)
                .map(|i| ((i * 37 % 11) as f64 - 5.0) / 3.0)
                .collect();
            let lv: Vec<f64> = (0..rows * d)
                .map(|i| ((i * 13 % 7) as f64 - 3.0) / 2.0)
                .collect();
            let want = reference(&mu, &lv, d);
            for level in [Level::Portable, Level::Avx2, Level::Avx512] {
                let mut out = vec![0.0; rows];
                rows_at(level, &mu, &lv, d, &mut out);
                let (mut gm, mut gl) = (vec![0.0; rows * d], vec![0.0; rows * d]);
                let mut out2 = vec![0.0; rows];
                grad_at(
                    level,
                    &mu,
                    &lv,
                    d,
                    &mut out2,
                    Grads {
                        gmu: &mut gm,
                        glv: &mut gl,
                        scale: 0.5,
                    },
                );
                for r in 0..rows {
                    assert!(
                        (out[r] - want[r]).abs() <= 1e-14 * want[r],
                        "{level:?} d={d}"
                    );
                    assert_eq!(out[r], out2[r]);
                }
                for i in 0..rows * d {
                    assert_eq!(gm[i], 0.5 * mu[i]);
                    assert!((gl[i] - 0.25 * lv[i].exp_m1()).abs() <= 1e-15 * (1.0 + lv[i].exp()));
                }
            }
        }
    }
}
