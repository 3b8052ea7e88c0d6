//! The `f32` fast path of the softmax sweeps on AVX-512: sixteen `f32` lanes per register
//! instead of eight widened `f64` lanes, for the two sweeps that dominate a cross-entropy
//! forward and backward pass on LM-sized vocabularies: the row maximum and
//! `Σ e^{x−m}` (optionally writing `e^{x−m}`).
//!
//! # Accuracy
//! The exponential is that of [`super::exp_f32`] (`e^{x−m}` with the exact difference `x − m`,
//! each term within 1.2e-7 relative), summed in `f64`. The `f64` sum adds no error that
//! matters (< 2e-12 for 256k terms). Since the maximum contributes exactly 1, the error of
//! `ln s` is at most 1.2e-7 · (s − 1)/s ≤ 1.2e-7 · ln s, so a cross-entropy
//! `(m − x_t) + ln s` is accurate to 1.2e-7 relative (tested in `softmax.rs` against the `f64`
//! path).

#![allow(unsafe_code)] // std::arch intrinsics behind runtime feature detection

#[cfg(target_arch = "x86_64")]
pub(crate) use x86::{max_f32, scale_f32, sum_exp_f32, sum_exp_in_place_f32, sum_exp_write_f32};

#[cfg(target_arch = "x86_64")]
mod x86 {
    // The intrinsics used here are a few dozen names; listing them adds nothing.
    #[allow(clippy::wildcard_imports)]
    use core::arch::x86_64::*;

    use super::super::exp_f32::{exp_shifted, supported, L};

    /// Adds the sixteen lanes of `e`, widened, to two `f64` accumulators.
    #[inline(always)]
    unsafe fn accumulate(a: &mut __m512d, b: &mut __m512d, e: __m512) {
        // SAFETY: called only from the `#[target_feature]` functions below.
        unsafe {
            *a = _mm512_add_pd(*a, _mm512_cvtps_pd(_mm512_castps512_ps256(e)));
            *b = _mm512_add_pd(*b, _mm512_cvtps_pd(_mm512_extractf32x8_ps::<1>(e)));
        }
    }

    /// `Σ e^{x_i − m}` over `n` elements at `x`, writing each term to `out` unless null
    /// (`out` may equal `x`), and prefetching into L2 the `n` elements at `next` unless null
    /// (the next row, whose maximum sweep then reads from cache while this sweep computes).
    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
    unsafe fn sum_exp_raw(x: *const f32, out: *mut f32, n: usize, m: f32, next: *const f32) -> f64 {
        // SAFETY: the caller guarantees `n` readable elements at `x` and, unless null, `n`
        // writable ones at `out`; masked loads and stores touch only those.
        unsafe {
            let negm = _mm512_set1_ps(-m);
            let z = _mm512_setzero_pd();
            let (mut a0, mut b0, mut a1, mut b1) = (z, z, z, z);
            let mut i = 0;
            while i + 2 * L <= n {
                if !next.is_null() {
                    // Prefetches never fault; `next + i` is within the next row.
                    _mm_prefetch::<_MM_HINT_T1>(next.add(i).cast::<i8>());
                    _mm_prefetch::<_MM_HINT_T1>(next.add(i + L).cast::<i8>());
                }
                let e0 = exp_shifted(_mm512_loadu_ps(x.add(i)), negm);
                let e1 = exp_shifted(_mm512_loadu_ps(x.add(i + L)), negm);
                if !out.is_null() {
                    _mm512_storeu_ps(out.add(i), e0);
                    _mm512_storeu_ps(out.add(i + L), e1);
                }
                accumulate(&mut a0, &mut b0, e0);
                accumulate(&mut a1, &mut b1, e1);
                i += 2 * L;
            }
            while i < n {
                let k = (n - i).min(L);
                let mask: __mmask16 = if k == L { 0xffff } else { (1u16 << k) - 1 };
                let xv = _mm512_mask_loadu_ps(_mm512_set1_ps(f32::NEG_INFINITY), mask, x.add(i));
                let e = exp_shifted(xv, negm);
                if !out.is_null() {
                    _mm512_mask_storeu_ps(out.add(i), mask, e);
                }
                accumulate(&mut a0, &mut b0, e);
                i += k;
            }
            _mm512_reduce_add_pd(_mm512_add_pd(_mm512_add_pd(a0, b0), _mm512_add_pd(a1, b1)))
        }
    }

    /// The maximum of `n` elements at `x`; NaN if one is NaN.
    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
    unsafe fn max_raw(x: *const f32, n: usize) -> f32 {
        // SAFETY: the caller guarantees `n` readable elements at `x`.
        unsafe {
            let ninf = _mm512_set1_ps(f32::NEG_INFINITY);
            let (mut a, mut b, mut c, mut d) = (ninf, ninf, ninf, ninf);
            let mut nan: __mmask16 = 0;
            let mut i = 0;
            while i + 4 * L <= n {
                let v0 = _mm512_loadu_ps(x.add(i));
                let v1 = _mm512_loadu_ps(x.add(i + L));
                let v2 = _mm512_loadu_ps(x.add(i + 2 * L));
                let v3 = _mm512_loadu_ps(x.add(i + 3 * L));
                nan |= _mm512_cmp_ps_mask::<_CMP_UNORD_Q>(v0, v1)
                    | _mm512_cmp_ps_mask::<_CMP_UNORD_Q>(v2, v3);
                a = _mm512_max_ps(a, v0);
                b = _mm512_max_ps(b, v1);
                c = _mm512_max_ps(c, v2);
                d = _mm512_max_ps(d, v3);
                i += 4 * L;
            }
            while i < n {
                let k = (n - i).min(L);
                let mask: __mmask16 = if k == L { 0xffff } else { (1u16 << k) - 1 };
                let v = _mm512_mask_loadu_ps(ninf, mask, x.add(i));
                nan |= _mm512_cmp_ps_mask::<_CMP_UNORD_Q>(v, v);
                a = _mm512_max_ps(a, v);
                i += k;
            }
            if nan != 0 {
                return f32::NAN;
            }
            _mm512_reduce_max_ps(_mm512_max_ps(_mm512_max_ps(a, b), _mm512_max_ps(c, d)))
        }
    }

    /// The maximum of `x` (NaN if some element is NaN), or `None` without AVX-512.
    pub(crate) fn max_f32(x: &[f32]) -> Option<f32> {
        // SAFETY: AVX-512 was detected; `x` is a valid slice.
        supported().then(|| unsafe { max_raw(x.as_ptr(), x.len()) })
    }

    /// The start of `next` if it is at least as long as `n` (for prefetching), else null.
    fn prefetch_ptr(next: Option<&[f32]>, n: usize) -> *const f32 {
        match next {
            Some(s) if s.len() >= n => s.as_ptr(),
            _ => core::ptr::null(),
        }
    }

    /// `Σ e^{x_i − m}` for `m ≥ max x` (finite), or `None` without AVX-512; prefetches `next`.
    pub(crate) fn sum_exp_f32(x: &[f32], m: f32, next: Option<&[f32]>) -> Option<f64> {
        let pf = prefetch_ptr(next, x.len());
        // SAFETY: AVX-512 was detected; `x` is a valid slice; no output; `pf` null or valid.
        supported()
            .then(|| unsafe { sum_exp_raw(x.as_ptr(), core::ptr::null_mut(), x.len(), m, pf) })
    }

    /// [`sum_exp_f32`], writing `out[i] = e^{x_i − m}`.
    pub(crate) fn sum_exp_write_f32(
        x: &[f32],
        m: f32,
        out: &mut [f32],
        next: Option<&[f32]>,
    ) -> Option<f64> {
        assert_eq!(x.len(), out.len(), "output of another length");
        let pf = prefetch_ptr(next, x.len());
        // SAFETY: AVX-512 was detected; both slices are valid for `x.len()` elements.
        supported().then(|| unsafe { sum_exp_raw(x.as_ptr(), out.as_mut_ptr(), x.len(), m, pf) })
    }

    /// [`sum_exp_f32`], overwriting `x[i]` with `e^{x_i − m}`.
    pub(crate) fn sum_exp_in_place_f32(x: &mut [f32], m: f32, next: Option<&[f32]>) -> Option<f64> {
        let pf = prefetch_ptr(next, x.len());
        let p = x.as_mut_ptr();
        // SAFETY: AVX-512 was detected; `x` is valid for reads and writes of `x.len()`
        // elements, and each element is read before it is written.
        supported().then(|| unsafe { sum_exp_raw(p, p, x.len(), m, pf) })
    }

    /// `o[i] ← (α·o[i] − γ)` in `f64`, rounded once, or `None` without AVX-512.
    pub(crate) fn scale_f32(o: &mut [f32], alpha: f64, gamma: f64) -> Option<()> {
        // SAFETY: AVX-512 was detected; `o` is valid for reads and writes.
        supported().then(|| unsafe { scale_raw(o.as_mut_ptr(), o.len(), alpha, gamma) })
    }

    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
    unsafe fn scale_raw(o: *mut f32, n: usize, alpha: f64, gamma: f64) {
        // SAFETY: the caller guarantees `n` elements at `o`; masked accesses stay within.
        unsafe {
            let (a, g) = (_mm512_set1_pd(alpha), _mm512_set1_pd(gamma));
            let mut i = 0;
            while i < n {
                let k = (n - i).min(L);
                let mask: __mmask16 = if k == L { 0xffff } else { (1u16 << k) - 1 };
                let v = _mm512_maskz_loadu_ps(mask, o.add(i));
                let lo = _mm512_fmsub_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(v)), a, g);
                let hi = _mm512_fmsub_pd(_mm512_cvtps_pd(_mm512_extractf32x8_ps::<1>(v)), a, g);
                let r = _mm512_insertf32x8::<1>(
                    _mm512_castps256_ps512(_mm512_cvtpd_ps(lo)),
                    _mm512_cvtpd_ps(hi),
                );
                _mm512_mask_storeu_ps(o.add(i), mask, r);
                i += k;
            }
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod other {
    /// No fast path off x86_64.
    pub(crate) fn max_f32(_: &[f32]) -> Option<f32> {
        None
    }
    /// No fast path off x86_64.
    pub(crate) fn sum_exp_f32(_: &[f32], _: f32, _: Option<&[f32]>) -> Option<f64> {
        None
    }
    /// No fast path off x86_64.
    pub(crate) fn sum_exp_write_f32(
        _: &[f32],
        _: f32,
        _: &mut [f32],
        _: Option<&[f32]>,
    ) -> Option<f64> {
        None
    }
    /// No fast path off x86_64.
    pub(crate) fn sum_exp_in_place_f32(_: &mut [f32], _: f32, _: Option<&[f32]>) -> Option<f64> {
        None
    }
    /// No fast path off x86_64.
    pub(crate) fn scale_f32(_: &mut [f32], _: f64, _: f64) -> Option<()> {
        None
    }
}
#[cfg(not(target_arch = "x86_64"))]
pub(crate) use other::{max_f32, scale_f32, sum_exp_f32, sum_exp_in_place_f32, sum_exp_write_f32};

#[cfg(test)]
mod tests {
    use super::super::testutil::Rng;
    use super::*;

    /// Σ e^{x−m} in f64 from `f64::exp`.
    fn reference(x: &[f32], m: f32) -> f64 {
        x.iter().map(|&v| (f64::from(v) - f64::from(m)).exp()).sum()
    }

    /// Per-term bound of the module docs (1.2e-7), with room for the sum's rounding.
    const REL: f64 = 1.3e-7;

    #[test]
    fn sums_and_terms_match_f64_at_every_length_and_scale() {
        if max_f32(&[0.0]).is_none() {
            return; // no AVX-512 on this CPU: the fast path is never taken
        }
        let mut st = Rng(9);
        for scale in [1.0, 30.0, 1e4, 1e30] {
            for n in 0..=70 {
                let mut x: Vec<f32> = (0..n).map(|_| ((st.unit() - 0.5) * scale) as f32).collect();
                if n > 3 {
                    x[2] = f32::NEG_INFINITY;
                }
                let m = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                if n == 0 {
                    assert_eq!(max_f32(&x), Some(f32::NEG_INFINITY));
                    continue;
                }
                assert_eq!(max_f32(&x), Some(m), "n={n}");
                let want = reference(&x, m);
                let got = sum_exp_f32(&x, m, None).unwrap();
                assert!(
                    (got - want).abs() <= REL * want,
                    "n={n} scale={scale}: {got} vs {want}"
                );
                let mut out = vec![f32::NAN; n];
                let got2 = sum_exp_write_f32(&x, m, &mut out, Some(&x)).unwrap();
                assert_eq!(got, got2);
                for (&o, &v) in out.iter().zip(&x) {
                    let w = (f64::from(v) - f64::from(m)).exp();
                    assert!((f64::from(o) - w).abs() <= REL * w + 1e-45, "{o} vs {w}");
                }
                let mut y = x.clone();
                let got3 = sum_exp_in_place_f32(&mut y, m, None).unwrap();
                assert_eq!(got, got3);
                assert_eq!(y, out);
                scale_f32(&mut y, 0.5, 0.25).unwrap();
                for (&a, &e) in y.iter().zip(&out) {
                    assert_eq!(a, (f64::from(e) * 0.5 - 0.25) as f32);
                }
            }
        }
    }

    #[test]
    fn max_finds_nan_at_every_position() {
        if max_f32(&[0.0]).is_none() {
            return;
        }
        for n in 1..=70 {
            for pos in 0..n {
                let mut x = vec![1.0f32; n];
                x[pos] = f32::NAN;
                assert!(max_f32(&x).unwrap().is_nan(), "n={n} pos={pos}");
                x[pos] = 7.0;
                assert_eq!(max_f32(&x), Some(7.0));
            }
        }
    }

    #[test]
    fn arguments_across_the_reduction_boundaries() {
        if max_f32(&[0.0]).is_none() {
            return;
        }
        // Every d = x − m from −160 to 0 in steps that cross each k·ln 2 ± ln 2/2.
        let x: Vec<f32> = (0..=160_000).map(|i| -(i as f32) * 1e-3).collect();
        let mut out = vec![0.0f32; x.len()];
        sum_exp_write_f32(&x, 0.0, &mut out, None).unwrap();
        for (&o, &v) in out.iter().zip(&x) {
            let w = f64::from(v).exp();
            if v < -150.0 {
                assert_eq!(o, 0.0);
            } else {
                // f32 subnormals carry an absolute error of half their spacing.
                assert!(
                    (f64::from(o) - w).abs() <= REL * w + 1e-45,
                    "exp({v}) = {o}, {w}"
                );
            }
        }
    }
}

#[cfg(test)]
mod speed {
    use super::*;
    use std::time::Instant;

    /// Throughput of the sweeps, not a pass/fail test:
    /// `cargo test -p sanov --release --lib kernels::softmax_f32::speed -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing printout"]
    fn speed() {
        if max_f32(&[0.0]).is_none() {
            return;
        }
        let v = 50257;
        let row: Vec<f32> = (0..v)
            .map(|i| ((i * 7919) % 1000) as f32 * 0.01 - 5.0)
            .collect();
        let big: Vec<f32> = (0..v * 1024)
            .map(|i| ((i * 7919) % 1000) as f32 * 0.01 - 5.0)
            .collect();
        let best = |f: &mut dyn FnMut() -> f64, n: usize| {
            let mut b = f64::INFINITY;
            let mut sink = 0.0;
            for _ in 0..5 {
                let t = Instant::now();
                sink += f();
                b = b.min(t.elapsed().as_secs_f64());
            }
            assert!(sink.is_finite());
            b * 1e9 / n as f64
        };
        let cached_sum = best(
            &mut || {
                (0..200)
                    .map(|_| sum_exp_f32(&row, 5.0, None).unwrap())
                    .sum()
            },
            200 * v,
        );
        let cached_max = best(
            &mut || (0..200).map(|_| f64::from(max_f32(&row).unwrap())).sum(),
            200 * v,
        );
        let mem_max = best(
            &mut || big.chunks(v).map(|r| f64::from(max_f32(r).unwrap())).sum(),
            big.len(),
        );
        let mem_both = best(
            &mut || {
                big.chunks(v)
                    .map(|r| {
                        let m = max_f32(r).unwrap();
                        sum_exp_f32(r, m, None).unwrap()
                    })
                    .sum()
            },
            big.len(),
        );
        let rows: Vec<&[f32]> = big.chunks(v).collect();
        let mem_pf = best(
            &mut || {
                (0..rows.len())
                    .map(|i| {
                        let m = max_f32(rows[i]).unwrap();
                        sum_exp_f32(rows[i], m, rows.get(i + 1).copied()).unwrap()
                    })
                    .sum()
            },
            big.len(),
        );
        println!(
            "ns/element, one thread: exp-sum from L2 {cached_sum:.3}, max from L2 {cached_max:.3}, \
             max from memory {mem_max:.3}, max + exp-sum per row from memory {mem_both:.3}, \
             the same prefetching the next row {mem_pf:.3}"
        );
    }
}
