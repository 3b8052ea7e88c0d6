//! Eight `f64` lanes as one value, for each instruction-set level: [`Portable`] (an array,
//! plain Rust), [`Avx2`] (two `ymm` registers) and [`Avx512`] (one `zmm` register).
//!
//! The pass bodies in `simd`, the logarithm in `ln` and the exponential in
//! `exp` are written once, generic over [`Vector`], and monomorphised for each type.
//!
//! # Safety
//! The methods of [`Avx2`] and [`Avx512`] execute AVX2/FMA and AVX-512 instructions. Values
//! of these types are created only inside the `#[target_feature]` functions of
//! `simd`, which are called only after runtime detection of those features; every
//! method is `#[inline(always)]`, so the intrinsics are compiled into those functions.

#![allow(unsafe_code)] // std::arch intrinsics behind runtime feature detection

use super::dispatch::LANES;
use crate::real::{Real, Typed};
use core::ops::{Add, Div, Mul, Sub};

/// `1.5 · 2^52`: adding and subtracting it rounds an `f64` of magnitude below `2^51` to the
/// nearest integer (ties to even).
pub(crate) const SHIFT: f64 = 6_755_399_441_055_744.0;
/// 2^54, the scale applied to subnormal inputs.
pub(crate) const TWO54: f64 = 18014398509481984.0;
/// The double whose bits are `0x4330_0000_0000_0000`: 2^52. `2^52 + e` for an integer
/// `0 ≤ e < 2^52` has the bits `0x4330_0000_0000_0000 | e`.
pub(crate) const MAGIC: f64 = 4503599627370496.0;

/// All ones if `c`, else all zeros.
#[inline(always)]
fn mask(c: bool) -> u64 {
    u64::from(c).wrapping_neg()
}

/// fdlibm's argument reduction on one lane, branch-free: `(k, m)` with `x = 2^k · m` and `m`
/// in `[√2/2, √2)`, for positive finite `x` (subnormals included); garbage elsewhere. The
/// vector forms below do the same with intrinsics.
#[inline(always)]
pub(crate) fn reduce_lane(x: f64) -> (f64, f64) {
    // Subnormals (and zeros): scale into the normal range. Selects are bit masks.
    let sub = mask(x < f64::MIN_POSITIVE);
    let xs = x * f64::from_bits((TWO54.to_bits() & sub) | (1f64.to_bits() & !sub));
    let bits = xs.to_bits();
    // High word, offset so that the exponent field rolls over at √2/2 rather than at 1.
    let hx = (bits >> 32) + (0x3ff0_0000 - 0x3fe6_a09e);
    // Biased exponent k + 1023, in 0..=2047, converted exactly via 2^52 + e.
    let e = hx >> 20;
    let k = (f64::from_bits(MAGIC.to_bits() | e) - (MAGIC + 1023.0))
        - f64::from_bits(54f64.to_bits() & sub);
    // Mantissa m = 1 + f in [√2/2, √2).
    let mhi = (hx & 0x000f_ffff) + 0x3fe6_a09e;
    let m = f64::from_bits((mhi << 32) | (bits & 0xffff_ffff));
    (k, m)
}

/// The bits added to a positive normal `x` by `Ln::ln_split_normal` on AVX-512:
/// `t = bits(x) + SPLIT_SHIFT` has the exponent field `k + 1023` for `x = 2^k · m`,
/// `m` in `[0.765625, 1.53125)` (it moves 0.765625's pattern to 1.0's), the mantissa field
/// `bits(m) − bits(0.765625)`, and in bits 48..51 the subinterval of `m` counted from
/// 0.765625, that is Tang's index plus 7 (mod 16): see `ln::by_shifted_index`.
pub(crate) const SPLIT_SHIFT: u64 = 0x3ff0_0000_0000_0000 - 0x3fe8_8000_0000_0000;
/// The bits of 0.765625, the lower end of Tang's range of `m`.
pub(crate) const SPLIT_BASE: u64 = 0x3fe8_8000_0000_0000;

/// Eight `f64` lanes and the operations the passes need.
pub(crate) trait Vector:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    /// Every lane `x`.
    fn splat(x: f64) -> Self;
    /// The lanes of `a`.
    fn from_array(a: &[f64; LANES]) -> Self;
    /// The lanes of `a`, widened.
    fn from_f32(a: &[f32; LANES]) -> Self;
    /// The lanes as an array.
    fn to_array(self) -> [f64; LANES];
    /// `self · b + c`, fused where the level has FMA.
    fn mul_add(self, b: Self, c: Self) -> Self;
    /// `self · b − c`, fused where the level has FMA.
    fn mul_sub(self, b: Self, c: Self) -> Self;
    /// Per lane `self < o ? self : o` (so a NaN in `self` keeps `o`).
    fn min(self, o: Self) -> Self;
    /// Per lane `self > o ? self : o` (so a NaN in `self` keeps `o`).
    fn max(self, o: Self) -> Self;
    /// Per lane `t` where `self > 0`, else `+0`.
    fn where_pos(self, t: Self) -> Self;
    /// Per lane `self` where `self` is NaN, else `y`.
    fn nan_or(self, y: Self) -> Self;
    /// Per lane `2^k` for integer-valued lanes `k = self` in `[−1022, 1023]`, built from the
    /// exponent bits (exact); unspecified elsewhere.
    fn pow2i(self) -> Self;
    /// Per lane `self · 2^k` for `self` in `[0.5, 2]` and integer-valued `k` in
    /// `[−2044, 2044]`, with a single rounding: `+∞` on overflow, correctly rounded subnormals
    /// or `0` on underflow. (Two exact power-of-two factors, the first product exact; AVX-512
    /// overrides it with VSCALEFPD.)
    #[inline(always)]
    fn scale2(self, k: Self) -> Self {
        let shift = Self::splat(SHIFT);
        let k1 = k.mul_add(Self::splat(0.5), shift) - shift;
        let k2 = k - k1;
        self * k1.pow2i() * k2.pow2i()
    }
    /// fdlibm's argument reduction for ln: `(k, m)` with `self = 2^k · m`, `m` in
    /// `[√2/2, √2)`, for positive finite lanes (subnormals included); garbage elsewhere.
    fn ln_reduce(self) -> (Self, Self);
    /// Per lane `−∞` where `self = ±0`, else `y`.
    fn neg_inf_where_zero(self, y: Self) -> Self;
    /// Whether some lane has `self > 0` and `r` not a normal number (0, subnormal, ∞, NaN).
    fn any_pos_with_abnormal(self, r: Self) -> bool;
    /// Per lane `min(self, m)` where `self ≠ 0`, else `m` (NaN lanes: unspecified). Where
    /// `Ln::SPLIT_NORMAL_ONLY` is false, nothing needs the minimum over the nonzero lanes
    /// alone, and it is the plain [`Self::min`] (zeros included), which is cheaper there.
    #[inline(always)]
    fn min_nonzero(self, m: Self) -> Self {
        self.min(m)
    }
    /// Per lane `acc + self · t` where `self > 0`, and `acc` where `self = ±0`; unspecified
    /// (possibly NaN, possibly finite) where `self` is negative or NaN, lanes which the
    /// callers detect separately.
    #[inline(always)]
    fn mul_add_where_pos(self, t: Self, acc: Self) -> Self {
        self.mul_add(self.where_pos(t), acc)
    }
    /// A full chunk of `c` (its first [`LANES`] elements) as a vector, widened to `f64`.
    #[inline(always)]
    fn load<T: Real>(c: &[T]) -> Self {
        match T::as_typed(&c[..LANES]) {
            Typed::F64(a) => Self::from_array(a.try_into().expect("a full chunk")),
            Typed::F32(a) => Self::from_f32(a.try_into().expect("a full chunk")),
        }
    }
    /// `c` (shorter than a chunk) widened to `f64` and padded with zeros.
    #[inline(always)]
    fn load_tail<T: Real>(c: &[T]) -> Self {
        let mut x = [0.0; LANES];
        for (d, &v) in x.iter_mut().zip(c) {
            *d = v.to_f64();
        }
        Self::from_array(&x)
    }
    /// Sum of the lanes, pairwise: `((x0 + x4) + (x1 + x5)) + ((x2 + x6) + (x3 + x7))`.
    #[inline(always)]
    fn hsum(self) -> f64 {
        let x = self.to_array();
        ((x[0] + x[4]) + (x[1] + x[5])) + ((x[2] + x[6]) + (x[3] + x[7]))
    }
}

// ---------------------------------------------------------------------------------------------
// Portable.

/// Eight lanes in an array; plain Rust, no `unsafe`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Portable([f64; LANES]);

impl Portable {
    #[inline(always)]
    fn zip(self, o: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        Portable(core::array::from_fn(|i| f(self.0[i], o.0[i])))
    }
}

macro_rules! portable_op {
    ($tr:ident, $m:ident, $op:tt) => {
        impl $tr for Portable {
            type Output = Self;
            #[inline(always)]
            fn $m(self, o: Self) -> Self {
                self.zip(o, |a, b| a $op b)
            }
        }
    };
}
portable_op!(Add, add, +);
portable_op!(Sub, sub, -);
portable_op!(Mul, mul, *);
portable_op!(Div, div, /);

impl Vector for Portable {
    #[inline(always)]
    fn splat(x: f64) -> Self {
        Portable([x; LANES])
    }
    #[inline(always)]
    fn from_array(a: &[f64; LANES]) -> Self {
        Portable(*a)
    }
    #[inline(always)]
    fn from_f32(a: &[f32; LANES]) -> Self {
        Portable(core::array::from_fn(|i| f64::from(a[i])))
    }
    #[inline(always)]
    fn to_array(self) -> [f64; LANES] {
        self.0
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        // Unfused: `f64::mul_add` is a libm call without hardware FMA.
        self * b + c
    }
    #[inline(always)]
    fn mul_sub(self, b: Self, c: Self) -> Self {
        self * b - c
    }
    #[inline(always)]
    fn min(self, o: Self) -> Self {
        self.zip(o, |a, b| if a < b { a } else { b })
    }
    #[inline(always)]
    fn max(self, o: Self) -> Self {
        self.zip(o, |a, b| if a > b { a } else { b })
    }
    #[inline(always)]
    fn where_pos(self, t: Self) -> Self {
        self.zip(t, |x, t| if x > 0.0 { t } else { 0.0 })
    }
    #[inline(always)]
    fn nan_or(self, y: Self) -> Self {
        self.zip(y, |x, y| if x.is_nan() { x } else { y })
    }
    #[inline(always)]
    fn pow2i(self) -> Self {
        Portable(core::array::from_fn(|i| {
            f64::from_bits((self.0[i] + (MAGIC + 1023.0)).to_bits() << 52)
        }))
    }
    #[inline(always)]
    fn ln_reduce(self) -> (Self, Self) {
        let r: [(f64, f64); LANES] = core::array::from_fn(|i| reduce_lane(self.0[i]));
        (
            Portable(core::array::from_fn(|i| r[i].0)),
            Portable(core::array::from_fn(|i| r[i].1)),
        )
    }
    #[inline(always)]
    fn neg_inf_where_zero(self, y: Self) -> Self {
        self.zip(y, |x, y| if x == 0.0 { f64::NEG_INFINITY } else { y })
    }
    #[inline(always)]
    fn any_pos_with_abnormal(self, r: Self) -> bool {
        (0..LANES).any(|i| self.0[i] > 0.0 && !r.0[i].is_normal())
    }
}

// ---------------------------------------------------------------------------------------------
// x86_64.

#[cfg(target_arch = "x86_64")]
pub(crate) use x86::{Avx2, Avx512};

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::super::dispatch::LANES;
    use super::{Vector, MAGIC, SPLIT_BASE, SPLIT_SHIFT, TWO54};
    // The intrinsics used here are some sixty names; listing them adds nothing.
    #[allow(clippy::wildcard_imports)]
    use core::arch::x86_64::*;
    use core::ops::{Add, Div, Mul, Sub};

    /// Offset added to the high word so that the exponent field rolls over at √2/2.
    const HX_OFFSET: i64 = 0x3ff0_0000 - 0x3fe6_a09e;
    /// High word of √2/2's bit pattern.
    const HX_BASE: i64 = 0x3fe6_a09e;

    /// Eight lanes in two AVX `ymm` registers (two independent dependency chains).
    #[derive(Clone, Copy, Debug)]
    pub(crate) struct Avx2(__m256d, __m256d);

    /// Eight lanes in one AVX-512 `zmm` register.
    #[derive(Clone, Copy, Debug)]
    pub(crate) struct Avx512(__m512d);

    macro_rules! avx2_op {
        ($tr:ident, $m:ident, $f:ident) => {
            impl $tr for Avx2 {
                type Output = Self;
                #[inline(always)]
                fn $m(self, o: Self) -> Self {
                    // SAFETY: `Avx2` values exist only where AVX2 is available (module docs).
                    unsafe { Avx2($f(self.0, o.0), $f(self.1, o.1)) }
                }
            }
        };
    }
    avx2_op!(Add, add, _mm256_add_pd);
    avx2_op!(Sub, sub, _mm256_sub_pd);
    avx2_op!(Mul, mul, _mm256_mul_pd);
    avx2_op!(Div, div, _mm256_div_pd);

    impl Avx2 {
        /// [`Vector::ln_reduce`] on four lanes.
        #[inline(always)]
        fn reduce4(x: __m256d) -> (__m256d, __m256d) {
            // SAFETY: `Avx2` values exist only where AVX2 is available (module docs).
            unsafe {
                let sub = _mm256_cmp_pd::<_CMP_LT_OQ>(x, _mm256_set1_pd(f64::MIN_POSITIVE));
                let scale = _mm256_blendv_pd(_mm256_set1_pd(1.0), _mm256_set1_pd(TWO54), sub);
                let bits = _mm256_castpd_si256(_mm256_mul_pd(x, scale));
                let hx =
                    _mm256_add_epi64(_mm256_srli_epi64::<32>(bits), _mm256_set1_epi64x(HX_OFFSET));
                // 2^52 + (k + 1023), exactly, then k.
                let e = _mm256_or_si256(
                    _mm256_srli_epi64::<20>(hx),
                    _mm256_set1_epi64x(MAGIC.to_bits() as i64),
                );
                let k = _mm256_sub_pd(
                    _mm256_sub_pd(_mm256_castsi256_pd(e), _mm256_set1_pd(MAGIC + 1023.0)),
                    _mm256_and_pd(sub, _mm256_set1_pd(54.0)),
                );
                let mhi = _mm256_add_epi64(
                    _mm256_and_si256(hx, _mm256_set1_epi64x(0x000f_ffff)),
                    _mm256_set1_epi64x(HX_BASE),
                );
                let m = _mm256_or_si256(
                    _mm256_slli_epi64::<32>(mhi),
                    _mm256_and_si256(bits, _mm256_set1_epi64x(0xffff_ffff)),
                );
                (k, _mm256_castsi256_pd(m))
            }
        }
    }

    impl Vector for Avx2 {
        #[inline(always)]
        fn splat(x: f64) -> Self {
            // SAFETY: `Avx2` values exist only where AVX2 is available (module docs).
            unsafe { Avx2(_mm256_set1_pd(x), _mm256_set1_pd(x)) }
        }
        #[inline(always)]
        fn from_array(a: &[f64; LANES]) -> Self {
            // SAFETY: AVX2 is available (module docs); `a` holds 8 f64, read unaligned.
            unsafe {
                Avx2(
                    _mm256_loadu_pd(a.as_ptr()),
                    _mm256_loadu_pd(a.as_ptr().add(4)),
                )
            }
        }
        #[inline(always)]
        fn from_f32(a: &[f32; LANES]) -> Self {
            // SAFETY: AVX2 is available (module docs); `a` holds 8 f32, read unaligned.
            unsafe {
                Avx2(
                    _mm256_cvtps_pd(_mm_loadu_ps(a.as_ptr())),
                    _mm256_cvtps_pd(_mm_loadu_ps(a.as_ptr().add(4))),
                )
            }
        }
        #[inline(always)]
        fn to_array(self) -> [f64; LANES] {
            let mut a = [0.0; LANES];
            // SAFETY: AVX2 is available (module docs); `a` has room for 8 f64.
            unsafe {
                _mm256_storeu_pd(a.as_mut_ptr(), self.0);
                _mm256_storeu_pd(a.as_mut_ptr().add(4), self.1);
            }
            a
        }
        #[inline(always)]
        fn mul_add(self, b: Self, c: Self) -> Self {
            // SAFETY: `Avx2` values exist only where AVX2 and FMA are available.
            unsafe {
                Avx2(
                    _mm256_fmadd_pd(self.0, b.0, c.0),
                    _mm256_fmadd_pd(self.1, b.1, c.1),
                )
            }
        }
        #[inline(always)]
        fn mul_sub(self, b: Self, c: Self) -> Self {
            // SAFETY: `Avx2` values exist only where AVX2 and FMA are available.
            unsafe {
                Avx2(
                    _mm256_fmsub_pd(self.0, b.0, c.0),
                    _mm256_fmsub_pd(self.1, b.1, c.1),
                )
            }
        }
        #[inline(always)]
        fn min(self, o: Self) -> Self {
            // SAFETY: AVX2 is available (module docs). MINPD returns the second operand
            // unless the first is less, as documented on the trait.
            unsafe { Avx2(_mm256_min_pd(self.0, o.0), _mm256_min_pd(self.1, o.1)) }
        }
        #[inline(always)]
        fn max(self, o: Self) -> Self {
            // SAFETY: AVX2 is available (module docs). MAXPD returns the second operand
            // unless the first is greater, as documented on the trait.
            unsafe { Avx2(_mm256_max_pd(self.0, o.0), _mm256_max_pd(self.1, o.1)) }
        }
        #[inline(always)]
        fn where_pos(self, t: Self) -> Self {
            // SAFETY: AVX2 is available (module docs).
            unsafe {
                let z = _mm256_setzero_pd();
                Avx2(
                    _mm256_and_pd(_mm256_cmp_pd::<_CMP_GT_OQ>(self.0, z), t.0),
                    _mm256_and_pd(_mm256_cmp_pd::<_CMP_GT_OQ>(self.1, z), t.1),
                )
            }
        }
        #[inline(always)]
        fn nan_or(self, y: Self) -> Self {
            // SAFETY: AVX2 is available (module docs).
            unsafe {
                Avx2(
                    _mm256_blendv_pd(y.0, self.0, _mm256_cmp_pd::<_CMP_UNORD_Q>(self.0, self.0)),
                    _mm256_blendv_pd(y.1, self.1, _mm256_cmp_pd::<_CMP_UNORD_Q>(self.1, self.1)),
                )
            }
        }
        #[inline(always)]
        fn pow2i(self) -> Self {
            // SAFETY: AVX2 is available (module docs).
            unsafe {
                let m = _mm256_set1_pd(MAGIC + 1023.0);
                let f = |k: __m256d| {
                    _mm256_castsi256_pd(_mm256_slli_epi64::<52>(_mm256_castpd_si256(
                        _mm256_add_pd(k, m),
                    )))
                };
                Avx2(f(self.0), f(self.1))
            }
        }
        #[inline(always)]
        fn ln_reduce(self) -> (Self, Self) {
            let (k0, m0) = Avx2::reduce4(self.0);
            let (k1, m1) = Avx2::reduce4(self.1);
            (Avx2(k0, k1), Avx2(m0, m1))
        }
        #[inline(always)]
        fn neg_inf_where_zero(self, y: Self) -> Self {
            // SAFETY: AVX2 is available (module docs).
            unsafe {
                let z = _mm256_setzero_pd();
                let ni = _mm256_set1_pd(f64::NEG_INFINITY);
                Avx2(
                    _mm256_blendv_pd(y.0, ni, _mm256_cmp_pd::<_CMP_EQ_OQ>(self.0, z)),
                    _mm256_blendv_pd(y.1, ni, _mm256_cmp_pd::<_CMP_EQ_OQ>(self.1, z)),
                )
            }
        }
        #[inline(always)]
        fn any_pos_with_abnormal(self, r: Self) -> bool {
            // SAFETY: AVX2 is available (module docs).
            unsafe {
                let z = _mm256_setzero_pd();
                let lo = _mm256_set1_pd(f64::MIN_POSITIVE);
                let hi = _mm256_set1_pd(f64::INFINITY);
                let odd = |p: __m256d, r: __m256d| {
                    let normal = _mm256_and_pd(
                        _mm256_cmp_pd::<_CMP_GE_OQ>(r, lo),
                        _mm256_cmp_pd::<_CMP_LT_OQ>(r, hi),
                    );
                    _mm256_andnot_pd(normal, _mm256_cmp_pd::<_CMP_GT_OQ>(p, z))
                };
                _mm256_movemask_pd(_mm256_or_pd(odd(self.0, r.0), odd(self.1, r.1))) != 0
            }
        }
    }

    macro_rules! avx512_op {
        ($tr:ident, $m:ident, $f:ident) => {
            impl $tr for Avx512 {
                type Output = Self;
                #[inline(always)]
                fn $m(self, o: Self) -> Self {
                    // SAFETY: `Avx512` values exist only where AVX-512F is available.
                    unsafe { Avx512($f(self.0, o.0)) }
                }
            }
        };
    }
    avx512_op!(Add, add, _mm512_add_pd);
    avx512_op!(Sub, sub, _mm512_sub_pd);
    avx512_op!(Mul, mul, _mm512_mul_pd);
    avx512_op!(Div, div, _mm512_div_pd);

    impl Avx512 {
        /// Tang's table-driven reduction (see `super::super::ln`) on every lane, subnormals
        /// included (VGETEXPPD/VGETMANTPD normalise them; MXCSR.DAZ is clear in Rust
        /// programs): `(k, m, look)` with `self = 2^k · m`, `m` in `[0.765625, 1.53125)`, and
        /// `look(table)` the entries of a 16-entry table at each lane's subinterval
        /// ([`Self::look16`]).
        #[inline(always)]
        pub(crate) fn tang_reduce(self) -> (Self, Self, impl Fn(&[f64; 16]) -> Self) {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let x = self.0;
                // x = 2^e · m, m in [1, 2); then m in [0.765625, 1.53125).
                let m = _mm512_getmant_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_ZERO>(x);
                let e = _mm512_getexp_pd(x);
                let big = _mm512_cmp_pd_mask::<_CMP_GE_OQ>(m, _mm512_set1_pd(1.53125));
                // m / 2 where big, by decrementing the exponent field (an integer op, which
                // leaves the multiply pipes to the polynomial).
                let mb = _mm512_castpd_si512(m);
                let m = _mm512_castsi512_pd(_mm512_mask_sub_epi64(
                    mb,
                    big,
                    mb,
                    _mm512_set1_epi64(1 << 52),
                ));
                let k = _mm512_mask_add_pd(e, big, e, _mm512_set1_pd(1.0));
                // The subinterval, in the low 4 bits (all VPERMT2PD reads).
                let idx = _mm512_srli_epi64::<48>(_mm512_add_epi64(
                    _mm512_castpd_si512(m),
                    _mm512_set1_epi64(1 << 47),
                ));
                (Avx512(k), Avx512(m), move |t: &[f64; 16]| {
                    Avx512::look16(t, idx)
                })
            }
        }

        /// The reduction of `Ln::ln_split_normal` for positive *normal* lanes:
        /// `t = bits(x) + SPLIT_SHIFT` has the exponent field `k + 1023`, the mantissa field
        /// `bits(m) − bits(0.765625)`, and the subinterval in bits 48..51 (see [`SPLIT_SHIFT`]).
        /// Returns `(k, m, look)` as [`Self::tang_reduce`] does, `look` reading a table
        /// re-indexed by `ln::by_shifted_index`.
        #[inline(always)]
        pub(crate) fn split_reduce_normal(self) -> (Self, Self, impl Fn(&[f64; 16]) -> Self) {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let t = _mm512_add_epi64(
                    _mm512_castpd_si512(self.0),
                    _mm512_set1_epi64(SPLIT_SHIFT as i64),
                );
                let k = _mm512_getexp_pd(_mm512_castsi512_pd(t));
                let m = _mm512_add_epi64(
                    _mm512_and_si512(t, _mm512_set1_epi64((1 << 52) - 1)),
                    _mm512_set1_epi64(SPLIT_BASE as i64),
                );
                // VPERMT2PD reads the low 4 bits of each index.
                let idx = _mm512_srli_epi64::<48>(t);
                (
                    Avx512(k),
                    Avx512(_mm512_castsi512_pd(m)),
                    move |t: &[f64; 16]| Avx512::look16(t, idx),
                )
            }
        }

        /// `t[idx & 15]` on every lane: one VPERMT2PD, the table held in two registers.
        #[inline(always)]
        fn look16(t: &[f64; 16], idx: __m512i) -> Self {
            // SAFETY: AVX-512F is available (module docs); `t` holds 16 f64, read unaligned
            // as two halves.
            unsafe {
                Avx512(_mm512_permutex2var_pd(
                    _mm512_loadu_pd(t.as_ptr()),
                    idx,
                    _mm512_loadu_pd(t.as_ptr().add(8)),
                ))
            }
        }
    }

    impl Vector for Avx512 {
        #[inline(always)]
        fn splat(x: f64) -> Self {
            // SAFETY: AVX-512F is available (module docs).
            unsafe { Avx512(_mm512_set1_pd(x)) }
        }
        #[inline(always)]
        fn from_array(a: &[f64; LANES]) -> Self {
            // SAFETY: AVX-512F is available (module docs); `a` holds 8 f64, read unaligned.
            unsafe { Avx512(_mm512_loadu_pd(a.as_ptr())) }
        }
        #[inline(always)]
        fn from_f32(a: &[f32; LANES]) -> Self {
            // SAFETY: AVX-512F is available (module docs); `a` holds 8 f32, read unaligned.
            unsafe { Avx512(_mm512_cvtps_pd(_mm256_loadu_ps(a.as_ptr()))) }
        }
        #[inline(always)]
        fn to_array(self) -> [f64; LANES] {
            let mut a = [0.0; LANES];
            // SAFETY: AVX-512F is available (module docs); `a` has room for 8 f64.
            unsafe { _mm512_storeu_pd(a.as_mut_ptr(), self.0) };
            a
        }
        #[inline(always)]
        fn mul_add(self, b: Self, c: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs).
            unsafe { Avx512(_mm512_fmadd_pd(self.0, b.0, c.0)) }
        }
        #[inline(always)]
        fn mul_sub(self, b: Self, c: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs).
            unsafe { Avx512(_mm512_fmsub_pd(self.0, b.0, c.0)) }
        }
        #[inline(always)]
        fn min(self, o: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs). VMINPD returns the second operand
            // unless the first is less, as documented on the trait.
            unsafe { Avx512(_mm512_min_pd(self.0, o.0)) }
        }
        #[inline(always)]
        fn max(self, o: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs). VMAXPD returns the second operand
            // unless the first is greater, as documented on the trait.
            unsafe { Avx512(_mm512_max_pd(self.0, o.0)) }
        }
        #[inline(always)]
        fn where_pos(self, t: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let pos = _mm512_cmp_pd_mask::<_CMP_GT_OQ>(self.0, _mm512_setzero_pd());
                Avx512(_mm512_maskz_mov_pd(pos, t.0))
            }
        }
        #[inline(always)]
        fn nan_or(self, y: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let nan = _mm512_cmp_pd_mask::<_CMP_UNORD_Q>(self.0, self.0);
                Avx512(_mm512_mask_blend_pd(nan, y.0, self.0))
            }
        }
        #[inline(always)]
        fn pow2i(self) -> Self {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let e = _mm512_castpd_si512(_mm512_add_pd(self.0, _mm512_set1_pd(MAGIC + 1023.0)));
                Avx512(_mm512_castsi512_pd(_mm512_slli_epi64::<52>(e)))
            }
        }
        #[inline(always)]
        fn scale2(self, k: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs). VSCALEFPD computes
            // `self · 2^floor(k)` with one rounding, subnormal results included (MXCSR.FTZ is
            // clear in Rust programs).
            unsafe { Avx512(_mm512_scalef_pd(self.0, k.0)) }
        }
        #[inline(always)]
        fn ln_reduce(self) -> (Self, Self) {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let x = self.0;
                let sub = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(x, _mm512_set1_pd(f64::MIN_POSITIVE));
                let xs = _mm512_mask_mul_pd(x, sub, x, _mm512_set1_pd(TWO54));
                let bits = _mm512_castpd_si512(xs);
                let hx =
                    _mm512_add_epi64(_mm512_srli_epi64::<32>(bits), _mm512_set1_epi64(HX_OFFSET));
                // 2^52 + (k + 1023), exactly, then k.
                let e = _mm512_or_si512(
                    _mm512_srli_epi64::<20>(hx),
                    _mm512_set1_epi64(MAGIC.to_bits() as i64),
                );
                let k = _mm512_sub_pd(_mm512_castsi512_pd(e), _mm512_set1_pd(MAGIC + 1023.0));
                let k = _mm512_mask_sub_pd(k, sub, k, _mm512_set1_pd(54.0));
                let mhi = _mm512_add_epi64(
                    _mm512_and_si512(hx, _mm512_set1_epi64(0x000f_ffff)),
                    _mm512_set1_epi64(HX_BASE),
                );
                let m = _mm512_or_si512(
                    _mm512_slli_epi64::<32>(mhi),
                    _mm512_and_si512(bits, _mm512_set1_epi64(0xffff_ffff)),
                );
                (Avx512(k), Avx512(_mm512_castsi512_pd(m)))
            }
        }
        #[inline(always)]
        fn neg_inf_where_zero(self, y: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let zero = _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(self.0, _mm512_setzero_pd());
                Avx512(_mm512_mask_blend_pd(
                    zero,
                    y.0,
                    _mm512_set1_pd(f64::NEG_INFINITY),
                ))
            }
        }
        #[inline(always)]
        fn any_pos_with_abnormal(self, r: Self) -> bool {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let pos = _mm512_cmp_pd_mask::<_CMP_GT_OQ>(self.0, _mm512_setzero_pd());
                let ge = _mm512_cmp_pd_mask::<_CMP_GE_OQ>(r.0, _mm512_set1_pd(f64::MIN_POSITIVE));
                let lt = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(r.0, _mm512_set1_pd(f64::INFINITY));
                pos & !(ge & lt) != 0
            }
        }
        #[inline(always)]
        fn min_nonzero(self, m: Self) -> Self {
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let nz = _mm512_cmp_pd_mask::<_CMP_NEQ_OQ>(self.0, _mm512_setzero_pd());
                Avx512(_mm512_mask_min_pd(m.0, nz, self.0, m.0))
            }
        }
        #[inline(always)]
        fn mul_add_where_pos(self, t: Self, acc: Self) -> Self {
            // The same mask as `min_nonzero` (one compare for both): negative lanes are
            // accumulated too, which the contract allows.
            // SAFETY: AVX-512F is available (module docs).
            unsafe {
                let nz = _mm512_cmp_pd_mask::<_CMP_NEQ_OQ>(self.0, _mm512_setzero_pd());
                Avx512(_mm512_mask3_fmadd_pd(self.0, t.0, acc.0, nz))
            }
        }
    }
}
