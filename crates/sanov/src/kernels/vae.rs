//! The VAE KL pass: `KL(N(μ, diag e^{lv}) ‖ N(0, I))` row by row, with its gradients, in one
//! read of `mu` and `log_var` (the vector exponential of [`super::exp`]).
//!
//! Per row `r` of `d` latent dimensions,
//! `KL_r = ½ Σ_j (μ_rj² + e^{lv_rj} − 1 − lv_rj)`, every term `≥ 0`, accumulated in `f64`
//! (eight lanes, then a pairwise sum of the lanes); the gradients are `∂/∂μ = s μ` and
//! `∂/∂lv = s ½(e^{lv} − 1)` for a caller's scale `s`.
//!
//! # The `f32` path on AVX-512
//! `f32` rows on AVX-512 take sixteen `f32` lanes per register: `e^{lv}` is the `f32`
//! exponential of [`super::exp_f32`] (relative error below 1.2e-7 = [`F32_EXP_REL`]), widened
//! to `f64`, where the terms `μ² + (e^{lv} − 1) − lv` and the gradients are formed and summed
//! as on the other paths. Each term thus differs from the `f64` path's by at most
//! `1.2e-7 · e^{lv}` (plus `f64` roundings), so `KL_r` by at most `1.2e-7 · ½ Σ_j e^{lv_rj}`,
//! and `∂/∂lv` by `1.2e-7 · s ½ e^{lv}` before its rounding to `f32`. A row with a
//! log-variance above 88 (where the `f32` exponential overflows) or a non-finite result is
//! recomputed by the `f64` path, so overflow, `±∞` and NaN behave exactly as there.

#![allow(unsafe_code)] // std::arch intrinsics behind runtime feature detection

use rayon::prelude::*;

use super::dispatch::{dispatched, Level, LANES};
use super::exp::{exp, store};
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
            acc = acc + terms::<V>(V::load(a), V::load(b)).0;
            acc2 = acc2 + terms::<V>(V::load(&a[LANES..]), V::load(&b[LANES..])).0;
        }
        acc = acc + acc2;
        let (mut cm, mut cl) = (
            cm.remainder().chunks_exact(LANES),
            cl.remainder().chunks_exact(LANES),
        );
        for (a, b) in (&mut cm).zip(&mut cl) {
            acc = acc + terms::<V>(V::load(a), V::load(b)).0;
        }
        if !cm.remainder().is_empty() {
            // Padding lanes are μ = lv = 0, whose term is exactly 0.
            acc = acc + terms::<V>(V::load_tail(cm.remainder()), V::load_tail(cl.remainder())).0;
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
    let (a, b): (V, V) = (V::load(&m[j..]), V::load(&l[j..]));
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
            let (a, b): (V, V) = (V::load_tail(&m[j..]), V::load_tail(&l[j..]));
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

/// Relative error bound of the `f32` exponential of the AVX-512 `f32` path (module docs).
#[cfg(test)]
const F32_EXP_REL: f64 = 1.2e-7;

/// `x` as `f32` data, if `T` is `f32`.
fn as_f32<T: Real>(x: &[T]) -> Option<&[f32]> {
    T::as_typed(x).f32()
}

/// `x` as mutable `f32` data, if `T` is `f32`.
fn as_f32_mut<T: Real>(x: &mut [T]) -> Option<&mut [f32]> {
    T::as_typed_mut(x).f32()
}

/// Whether `level` takes the sixteen-lane `f32` path.
fn fast_f32(level: Level) -> bool {
    cfg!(target_arch = "x86_64") && level == Level::Avx512 && level.supported()
}

/// [`rows_at`], with `f32` rows on AVX-512 on the `f32` path (module docs).
fn rows_level<T: Real>(level: Level, mu: &[T], lv: &[T], d: usize, out: &mut [f64]) {
    if fast_f32(level) {
        if let (Some(m), Some(l)) = (as_f32(mu), as_f32(lv)) {
            for (r, o) in out.iter_mut().enumerate() {
                let rng = r * d..(r + 1) * d;
                *o = f32_path::row(&m[rng.clone()], &l[rng.clone()], None).unwrap_or_else(|| {
                    let mut one = [0.0];
                    rows_at(level, &mu[rng.clone()], &lv[rng], d, &mut one);
                    one[0]
                });
            }
            return;
        }
    }
    rows_at(level, mu, lv, d, out);
}

/// [`grad_at`], with `f32` rows on AVX-512 on the `f32` path (module docs).
fn grad_level<T: Real>(
    level: Level,
    mu: &[T],
    lv: &[T],
    d: usize,
    out: &mut [f64],
    g: Grads<'_, T>,
) {
    let Grads { gmu, glv, scale } = g;
    if fast_f32(level) {
        if let (Some(m), Some(l)) = (as_f32(mu), as_f32(lv)) {
            let gm32 = as_f32_mut(gmu).expect("f32 like mu");
            let gl32 = as_f32_mut(glv).expect("f32 like mu");
            for (r, o) in out.iter_mut().enumerate() {
                let rng = r * d..(r + 1) * d;
                let g = (&mut gm32[rng.clone()], &mut gl32[rng.clone()], scale);
                *o =
                    f32_path::row(&m[rng.clone()], &l[rng.clone()], Some(g)).unwrap_or_else(|| {
                        let mut one = [0.0];
                        let g = Grads {
                            gmu: &mut gm32[rng.clone()],
                            glv: &mut gl32[rng.clone()],
                            scale,
                        };
                        grad_at(level, &m[rng.clone()], &l[rng], d, &mut one, g);
                        one[0]
                    });
            }
            return;
        }
    }
    grad_at(level, mu, lv, d, out, Grads { gmu, glv, scale });
}

#[cfg(target_arch = "x86_64")]
mod f32_path {
    // The intrinsics used here are a few dozen names; listing them adds nothing.
    #[allow(clippy::wildcard_imports)]
    use core::arch::x86_64::*;

    use super::super::exp_f32::{exp_ps, supported, L};

    /// Above this log-variance the `f32` exponential may overflow (`ln(f32::MAX) ≈ 88.72`):
    /// the row goes to the `f64` path.
    const LV_MAX: f32 = 88.0;

    /// The terms `μ² + (e − 1) − lv` of eight lanes in `f64`, and `e − 1`.
    #[inline(always)]
    unsafe fn half(m: __m256, l: __m256, e: __m256) -> (__m512d, __m512d, __m512d) {
        // SAFETY: called only from the `#[target_feature]` function below.
        unsafe {
            let (m, l, e) = (_mm512_cvtps_pd(m), _mm512_cvtps_pd(l), _mm512_cvtps_pd(e));
            let em1 = _mm512_sub_pd(e, _mm512_set1_pd(1.0));
            (_mm512_fmadd_pd(m, m, _mm512_sub_pd(em1, l)), em1, m)
        }
    }

    /// The two halves of a sixteen-lane `f32` vector.
    #[inline(always)]
    unsafe fn halves(v: __m512) -> (__m256, __m256) {
        // SAFETY: called only from the `#[target_feature]` function below.
        unsafe { (_mm512_castps512_ps256(v), _mm512_extractf32x8_ps::<1>(v)) }
    }

    /// Two `f64` vectors rounded to one sixteen-lane `f32` vector.
    #[inline(always)]
    unsafe fn narrow(lo: __m512d, hi: __m512d) -> __m512 {
        // SAFETY: called only from the `#[target_feature]` function below.
        unsafe {
            _mm512_insertf32x8::<1>(
                _mm512_castps256_ps512(_mm512_cvtpd_ps(lo)),
                _mm512_cvtpd_ps(hi),
            )
        }
    }

    /// Adds the terms of sixteen lanes (`mask` of them loaded) to `acc`, writing their
    /// gradients unless `gm` is null; the running maximum of `lv` in `lmax`.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    unsafe fn step(
        m: *const f32,
        l: *const f32,
        gm: *mut f32,
        gl: *mut f32,
        mask: __mmask16,
        sh: (__m512d, __m512d),
        acc: &mut (__m512d, __m512d),
        lmax: &mut __m512,
    ) {
        // SAFETY: called only from the `#[target_feature]` function below, with `mask`'s
        // lanes readable at `m`, `l` and writable at `gm`, `gl` (unless null).
        unsafe {
            let mv = _mm512_maskz_loadu_ps(mask, m);
            let lvv = _mm512_maskz_loadu_ps(mask, l);
            *lmax = _mm512_max_ps(*lmax, lvv);
            let e = exp_ps(lvv);
            let ((m0, m1), (l0, l1), (e0, e1)) = (halves(mv), halves(lvv), halves(e));
            let (t0, em0, md0) = half(m0, l0, e0);
            let (t1, em1, md1) = half(m1, l1, e1);
            acc.0 = _mm512_add_pd(acc.0, t0);
            acc.1 = _mm512_add_pd(acc.1, t1);
            if !gm.is_null() {
                let (s, hs) = sh;
                let g = narrow(_mm512_mul_pd(md0, s), _mm512_mul_pd(md1, s));
                _mm512_mask_storeu_ps(gm, mask, g);
                let g = narrow(_mm512_mul_pd(em0, hs), _mm512_mul_pd(em1, hs));
                _mm512_mask_storeu_ps(gl, mask, g);
            }
        }
    }

    /// `½ Σ` of the terms of `n` elements at `m`, `l`, writing the gradients unless `gm` is
    /// null; `None` if the result is not finite or some `lv > LV_MAX`.
    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
    unsafe fn row_raw(
        m: *const f32,
        l: *const f32,
        n: usize,
        gm: *mut f32,
        gl: *mut f32,
        scale: f64,
    ) -> Option<f64> {
        // SAFETY: the caller guarantees `n` readable elements at `m`, `l` and, unless `gm` is
        // null, `n` writable ones at `gm`, `gl`; masked loads and stores touch only those.
        unsafe {
            let sh = (_mm512_set1_pd(scale), _mm512_set1_pd(0.5 * scale));
            let z = _mm512_setzero_pd();
            let (mut a, mut b) = ((z, z), (z, z));
            let mut lmax = _mm512_set1_ps(f32::NEG_INFINITY);
            let off = |p: *mut f32, i: usize| if p.is_null() { p } else { p.add(i) };
            let mut i = 0;
            // Two independent chains: the exponentials of two vectors overlap.
            while i + 2 * L <= n {
                let full = 0xffff;
                step(
                    m.add(i),
                    l.add(i),
                    off(gm, i),
                    off(gl, i),
                    full,
                    sh,
                    &mut a,
                    &mut lmax,
                );
                let j = i + L;
                step(
                    m.add(j),
                    l.add(j),
                    off(gm, j),
                    off(gl, j),
                    full,
                    sh,
                    &mut b,
                    &mut lmax,
                );
                i += 2 * L;
            }
            while i < n {
                let k = (n - i).min(L);
                let mask: __mmask16 = if k == L { 0xffff } else { (1u16 << k) - 1 };
                step(
                    m.add(i),
                    l.add(i),
                    off(gm, i),
                    off(gl, i),
                    mask,
                    sh,
                    &mut a,
                    &mut lmax,
                );
                i += k;
            }
            let total = _mm512_add_pd(_mm512_add_pd(a.0, a.1), _mm512_add_pd(b.0, b.1));
            let v = 0.5 * _mm512_reduce_add_pd(total);
            (v.is_finite() && _mm512_reduce_max_ps(lmax) <= LV_MAX).then_some(v)
        }
    }

    /// The row's KL on the `f32` path, writing the gradients `(gmu, glv, scale)` if given;
    /// `None` if the row must be recomputed by the `f64` path (or without AVX-512).
    pub(super) fn row(
        m: &[f32],
        l: &[f32],
        g: Option<(&mut [f32], &mut [f32], f64)>,
    ) -> Option<f64> {
        assert_eq!(m.len(), l.len(), "rows of different lengths");
        if !supported() {
            return None;
        }
        let (gm, gl, scale) = match g {
            Some((gm, gl, s)) => {
                assert!(gm.len() == m.len() && gl.len() == m.len(), "gradient rows");
                (gm.as_mut_ptr(), gl.as_mut_ptr(), s)
            }
            None => (core::ptr::null_mut(), core::ptr::null_mut(), 0.0),
        };
        // SAFETY: AVX-512 was detected; the slices are valid for `m.len()` elements.
        unsafe { row_raw(m.as_ptr(), l.as_ptr(), m.len(), gm, gl, scale) }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod f32_path {
    /// No `f32` path off x86_64.
    pub(super) fn row(
        _: &[f32],
        _: &[f32],
        _: Option<(&mut [f32], &mut [f32], f64)>,
    ) -> Option<f64> {
        None
    }
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
        None => rows_level(level, mu, lv, d, out),
        Some(c) => par.install(|| {
            out.par_chunks_mut(c)
                .zip(mu.par_chunks(c * d).zip(lv.par_chunks(c * d)))
                .for_each(|(o, (m, l))| rows_level(level, m, l, d, o));
        }),
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
        None => grad_level(level, mu, lv, d, out, Grads { gmu, glv, scale }),
        Some(c) => par.install(|| {
            out.par_chunks_mut(c)
                .zip(mu.par_chunks(c * d).zip(lv.par_chunks(c * d)))
                .zip(gmu.par_chunks_mut(c * d).zip(glv.par_chunks_mut(c * d)))
                .for_each(|((o, (m, l)), (gmu, glv))| {
                    grad_level(level, m, l, d, o, Grads { gmu, glv, scale });
                });
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::Rng;
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

    /// Room for the `f64` roundings of the terms and their sum, relative to the row's scale.
    const F64_REL: f64 = 1e-14;

    #[test]
    fn f32_path_within_its_bound_of_f64_incl_extreme_log_variances() {
        if !fast_f32(Level::best()) {
            return; // no AVX-512: the f32 path is never taken
        }
        let mut st = Rng(5);
        for (spread, d) in [
            (1.0, 512),
            (8.0, 37),
            (80.0, 1),
            (80.0, 16),
            (80.0, 100),
            (200.0, 33),
        ] {
            let rows = 40;
            let mu: Vec<f32> = (0..rows * d)
                .map(|_| ((st.unit() - 0.5) * 6.0) as f32)
                .collect();
            let lv: Vec<f32> = (0..rows * d)
                .map(|_| ((2.0 * st.unit() - 1.0) * spread) as f32)
                .collect();
            // The f64 path on the same data (and the scalar reference for it).
            let (mu64, lv64): (Vec<f64>, Vec<f64>) = (
                mu.iter().map(|&v| f64::from(v)).collect(),
                lv.iter().map(|&v| f64::from(v)).collect(),
            );
            let want = reference(&mu64, &lv64, d);
            let mut got = vec![0.0; rows];
            rows_level(Level::Avx512, &mu, &lv, d, &mut got);
            let (mut gm, mut gl) = (vec![0f32; rows * d], vec![0f32; rows * d]);
            let mut got2 = vec![0.0; rows];
            let g = Grads {
                gmu: &mut gm,
                glv: &mut gl,
                scale: 0.25,
            };
            grad_level(Level::Avx512, &mu, &lv, d, &mut got2, g);
            let mut f64_rows = vec![0.0; rows];
            rows_at(Level::Avx512, &mu, &lv, d, &mut f64_rows);
            for r in 0..rows {
                let rng = r * d..(r + 1) * d;
                let e: f64 = lv64[rng.clone()].iter().map(|v| v.exp()).sum();
                let scale: f64 = mu64[rng.clone()]
                    .iter()
                    .zip(&lv64[rng.clone()])
                    .map(|(m, l)| m * m + l.exp() + 1.0 + l.abs())
                    .sum();
                let tol = F32_EXP_REL * 0.5 * e + F64_REL * scale;
                assert!(
                    (got[r] - want[r]).abs() <= tol,
                    "d={d} r={r}: {} vs {}",
                    got[r],
                    want[r]
                );
                assert_eq!(got[r], got2[r]);
                if lv[rng.clone()].iter().any(|&v| v > 88.0) {
                    // Recomputed by the f64 path: its value to the bit.
                    assert_eq!(got[r], f64_rows[r]);
                }
            }
            for i in 0..rows * d {
                assert_eq!(gm[i], (0.25 * mu64[i]) as f32);
                let w = 0.125 * lv64[i].exp_m1();
                let err = (f64::from(gl[i]) - w).abs();
                // The exponential's error, then one rounding to f32 (or overflow to inf).
                if w.abs() < f64::from(f32::MAX) {
                    let bound = F32_EXP_REL * 0.125 * lv64[i].exp() + 6e-8 * w.abs() + 1e-45;
                    assert!(err <= bound, "lv={} {} vs {w}", lv[i], gl[i]);
                } else {
                    assert_eq!(gl[i], f32::INFINITY);
                }
            }
        }
    }

    #[test]
    fn f32_path_non_finite_inputs_behave_as_f64() {
        if !fast_f32(Level::best()) {
            return;
        }
        let d = 40;
        for bad in [
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            1e30,
            89.0,
            -1e30,
        ] {
            for pos in [0usize, 17, 39] {
                for in_mu in [true, false] {
                    let mut mu = vec![0.5f32; 2 * d];
                    let mut lv = vec![-0.25f32; 2 * d];
                    if in_mu {
                        mu[d + pos] = bad;
                    } else {
                        lv[d + pos] = bad;
                    }
                    let (mut fast, mut slow) = (vec![0.0; 2], vec![0.0; 2]);
                    rows_level(Level::Avx512, &mu, &lv, d, &mut fast);
                    rows_at(Level::Avx512, &mu, &lv, d, &mut slow);
                    assert!((fast[0] - slow[0]).abs() <= 1e-6 * slow[0]);
                    if in_mu && bad.is_finite() {
                        // A finite mean stays on the f32 path.
                        assert!((fast[1] - slow[1]).abs() <= 1e-6 * slow[1]);
                    } else {
                        // Recomputed by the f64 path: the same bits (or NaN).
                        assert!(
                            fast[1].to_bits() == slow[1].to_bits()
                                || (fast[1].is_nan() && slow[1].is_nan()),
                            "{bad} at {pos}: {} vs {}",
                            fast[1],
                            slow[1]
                        );
                    }
                }
            }
        }
    }
}
