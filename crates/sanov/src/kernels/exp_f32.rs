//! A sixteen-lane `f32` exponential for AVX-512, shared by the `f32` fast paths of
//! [`super::softmax_f32`] (`e^{x−m}`) and [`super::vae`] (`e^{lv}`).
//!
//! # Accuracy
//! The exponential is evaluated in `f32` on an argument made exact first:
//! - for `e^{x−m}`, `d = x − m` is formed with its rounding error `δ` (Knuth's TwoSum, exact),
//!   so the argument is `d + δ` exactly; for `e^x`, `d = x` and `δ = 0`;
//! - Cody–Waite reduction `r = ((d − k·LN2_HI) − k·LN2_LO) + δ`, `k = round(d / ln 2)`, with
//!   `LN2_HI` having 12 trailing zero bits (so `k·LN2_HI` and the first difference are exact
//!   for the `|k| ≤ 217` that occur);
//! - `e^r = 1 + (r + r² Q(r))`, `Q` of degree 4 (near-minimax on `|r| ≤ ln 2/2 + 2^−12`,
//!   relative error 1.1e-8 with the `f32` coefficients below), scaled by `2^k` with VSCALEFPS;
//! - arguments below −150 (including `−∞`) give 0 (their true value, < 1e-65, is below `f32`
//!   range).
//!
//! Each result thus has a relative error below 1.2e-7 (three `f32` roundings of quantities
//! below 1 plus the polynomial), for every argument from −150 up to `ln(f32::MAX) ≈ 88.72`
//! (above, the result is `+∞`; callers that must not overflow check the argument). NaN
//! arguments give NaN.
//!
//! Coefficients (mpmath, `chebyfit` of `(expm1(r) − r)/r²` on `±(ln 2/2 + 2^−12)`, degree 4,
//! rounded to `f32`).

#![allow(unsafe_code)] // std::arch intrinsics behind runtime feature detection

#[cfg(target_arch = "x86_64")]
pub(super) use x86::{exp_ps, exp_shifted, supported, L};

#[cfg(target_arch = "x86_64")]
mod x86 {
    // The intrinsics used here are a few dozen names; listing them adds nothing.
    #[allow(clippy::wildcard_imports)]
    use core::arch::x86_64::*;

    /// `1.5 · 2^23`: adding and subtracting it rounds an `f32` below `2^22` to an integer.
    const SHIFT: f32 = 12_582_912.0;
    /// ln 2 with its low 12 bits zero (0x3f317000).
    const LN2_HI: f32 = 0.693_115_234_375;
    /// ln 2 − LN2_HI, rounded.
    const LN2_LO: f32 = 3.194_618_3e-5;
    /// Arguments below this give 0.
    const D_MIN: f32 = -150.0;
    /// `Q(r) ≈ (e^r − 1 − r)/r²`, constant term first.
    const Q: [f32; 5] = [
        0.5,
        0.166_665_76,
        0.041_666_556,
        0.008_363_215,
        0.001_392_622_8,
    ];

    /// Lanes per register.
    pub(in crate::kernels) const L: usize = 16;

    /// `e^{d + err}` on sixteen lanes, `err` the exact rounding error of `d` (module docs).
    #[inline(always)]
    unsafe fn exp_parts(d: __m512, err: __m512) -> __m512 {
        // SAFETY (whole body): called only from `#[target_feature]` AVX-512 functions.
        unsafe {
            let c = _mm512_set1_ps;
            // Far below (and −∞, where err is NaN): the result is 0.
            let small = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(d, c(D_MIN));
            let d = _mm512_mask_blend_ps(small, d, c(D_MIN));
            let err = _mm512_maskz_mov_ps(!small, err);
            let k = _mm512_sub_ps(
                _mm512_fmadd_ps(d, c(core::f32::consts::LOG2_E), c(SHIFT)),
                c(SHIFT),
            );
            let r = _mm512_fnmadd_ps(k, c(LN2_HI), d);
            let r = _mm512_add_ps(_mm512_fnmadd_ps(k, c(LN2_LO), r), err);
            let mut q = c(Q[4]);
            q = _mm512_fmadd_ps(q, r, c(Q[3]));
            q = _mm512_fmadd_ps(q, r, c(Q[2]));
            q = _mm512_fmadd_ps(q, r, c(Q[1]));
            q = _mm512_fmadd_ps(q, r, c(Q[0]));
            let p = _mm512_add_ps(_mm512_fmadd_ps(_mm512_mul_ps(r, r), q, r), c(1.0));
            _mm512_scalef_ps(p, k)
        }
    }

    /// `e^{x−m}` on sixteen lanes, `x ≤ m`, `negm = −m` (module docs).
    ///
    /// # Safety
    /// Only from a `#[target_feature]` function enabling AVX-512 F (checked by [`supported`]).
    #[inline(always)]
    pub(in crate::kernels) unsafe fn exp_shifted(x: __m512, negm: __m512) -> __m512 {
        // SAFETY (whole body): the caller runs with AVX-512 enabled.
        unsafe {
            // TwoSum: d + err = x − m exactly.
            let d = _mm512_add_ps(x, negm);
            let bb = _mm512_sub_ps(d, x);
            let err = _mm512_add_ps(
                _mm512_sub_ps(x, _mm512_sub_ps(d, bb)),
                _mm512_sub_ps(negm, bb),
            );
            exp_parts(d, err)
        }
    }

    /// `e^x` on sixteen lanes (module docs): 1.2e-7 relative for `x ≤ 88.72`, `+∞` above.
    ///
    /// # Safety
    /// Only from a `#[target_feature]` function enabling AVX-512 F (checked by [`supported`]).
    #[inline(always)]
    pub(in crate::kernels) unsafe fn exp_ps(x: __m512) -> __m512 {
        // SAFETY: the caller runs with AVX-512 enabled.
        unsafe { exp_parts(x, _mm512_setzero_ps()) }
    }

    /// Whether this CPU runs the functions of this module.
    pub(in crate::kernels) fn supported() -> bool {
        super::super::dispatch::Level::Avx512.supported()
    }
}
