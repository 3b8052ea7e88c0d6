//! A branch-free natural logarithm for `f64`, written on eight-lane [`Vector`]s so that
//! it compiles to straight-line vector code inside the `#[target_feature]` pass bodies of
//! [`super::simd`], for every [`Vector`] type.
//!
//! # Algorithms
//! Two, with the same semantics (≤ 2 ulp from [`f64::ln`]; 1 ulp measured): on AVX-512, a
//! table-driven reduction without division (Tang 1990, [`ln_from_table`], tables in registers,
//! read with VPERMT2PD); on the other levels, fdlibm's [`ln_fdlibm`], described here.
//!
//! fdlibm's `__ieee754_log` (e_log.c), as kept in FreeBSD msun and musl: write
//! `x = 2^k · (1 + f)` with `1 + f` in `[√2/2, √2)`, let `s = f / (2 + f)`, so that
//! `ln(1 + f) = 2 atanh s = f − f²/2 + s (f²/2 + R(s²))` where `R` is a degree-7 minimax
//! polynomial in `s²` (coefficients `Lg1..Lg7`, |error| < 2^−58.45), and add
//! `k · ln 2` split into a high part with trailing zeros (so `k · ln2_hi` is exact for every `k`)
//! and a low part. The original is accurate to < 1 ulp; the tests here check ≤ 2 ulp against
//! [`f64::ln`] over every binade, subnormals included.
//!
//! Differences from the original, all to stay branch-free across lanes:
//! - subnormal inputs are scaled by `2^54` (and `k` lowered by 54) with a select, not a branch;
//! - the exponent `k` is turned into an `f64` with the `2^52` magic-number trick (the bits
//!   `0x4330_0000_0000_0000 | e` are the double `2^52 + e`), since AVX2 has no i64 → f64
//!   conversion;
//! - `±0` gives `−∞` through a select. Negative, NaN and infinite inputs give an unspecified
//!   value: callers mask those lanes (the passes detect such elements separately).

#[cfg(target_arch = "x86_64")]
use super::vector::{Avx2, Avx512};
use super::vector::{Portable, Vector};
#[cfg(test)]
use super::vector::{SPLIT_BASE, SPLIT_SHIFT};

// Constants from fdlibm e_log.c (Sun Microsystems, 1993; "Developed at SunPro, a Sun
// Microsystems, Inc. business"), also in FreeBSD msun and musl src/math/log.c; the hex words
// are the IEEE-754 bit patterns given there.
/// ln 2, high part: 0x3fe62e42_fee00000 (the low 32 bits are zero, so `k · LN2_HI` is exact).
const LN2_HI: f64 = 6.93147180369123816490e-01;
/// ln 2, low part: 0x3dea39ef_35793c76.
const LN2_LO: f64 = 1.90821492927058770002e-10;
/// 0x3fe55555_55555593.
const LG1: f64 = 6.666666666666735130e-01;
/// 0x3fd99999_9997fa04.
const LG2: f64 = 3.999999999940941908e-01;
/// 0x3fd24924_94229359.
const LG3: f64 = 2.857142874366239149e-01;
/// 0x3fcc71c5_1d8e78af.
const LG4: f64 = 2.222219843214978396e-01;
/// 0x3fc74664_96cb03de.
const LG5: f64 = 1.818357216161805012e-01;
/// 0x3fc39a09_d078c69f.
const LG6: f64 = 1.531383769920937332e-01;
/// 0x3fc2f112_df3e5244.
const LG7: f64 = 1.479819860511658591e-01;

/// ln x on every lane: accurate (≤ 1 ulp in practice) for every positive finite `x`,
/// subnormals included; `−∞` for `±0`; unspecified for negative, NaN or infinite `x`.
///
/// [`Ln::ln_nonzero`]: the table-driven form ([`ln_from_table`]) where the level has an in-register
/// table lookup (AVX-512), else fdlibm's ([`ln_fdlibm`]).
/// (The passes no longer call it: entropy and cross-entropy split the logarithm, see
/// [`ln_split_fdlibm`]; the tests check it against `f64::ln`.)
#[cfg(test)]
#[inline(always)]
pub(crate) fn ln<V: Ln>(x: V) -> V {
    x.neg_inf_where_zero(x.ln_nonzero())
}

/// [`ln`], except that `±0` lanes give an unspecified value (for callers that mask them).
#[inline(always)]
pub(crate) fn ln_nonzero<V: Ln>(x: V) -> V {
    x.ln_nonzero()
}

/// fdlibm's ln (module docs) on every lane, but unspecified at `±0`: [`ln_nonzero`].
#[inline(always)]
pub(crate) fn ln_fdlibm<V: Vector>(x: V) -> V {
    let c = V::splat;
    let (k, m) = x.ln_reduce();
    let (f, hfsq, s, r) = fdlibm_core(m);
    s * (hfsq + r) + k * c(LN2_LO) - hfsq + f + k * c(LN2_HI)
}

/// fdlibm's pieces of `ln m` for `m` in `[√2/2, √2)`: `(f, f²/2, s, R(s²))` with `f = m − 1`,
/// `s = f/(2 + f)`, so that `ln m = f − f²/2 + s (f²/2 + R)`.
#[inline(always)]
fn fdlibm_core<V: Vector>(m: V) -> (V, V, V, V) {
    let c = V::splat;
    let f = m - c(1.0);
    let hfsq = c(0.5) * f * f;
    let s = f / (c(2.0) + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * w.mul_add(w.mul_add(c(LG6), c(LG4)), c(LG2));
    let t2 = z * w.mul_add(w.mul_add(w.mul_add(c(LG7), c(LG5)), c(LG3)), c(LG1));
    (f, hfsq, s, t2 + t1)
}

/// `(k, l)` with `ln x = k · ln 2 + l` on every lane, for positive finite `x` (subnormals
/// included); unspecified elsewhere. `k` is an integer and `l = ln m` for fdlibm's reduction
/// `x = 2^k · m`, `m` in `[√2/2, √2)`, accurate to about 1 ulp of `l` (relative, however small
/// `l` is). [`Ln::ln_split`] on the levels without a table lookup.
///
/// This is for sums `Σ wᵢ ln xᵢ`, which can be formed as `ln 2 · Σ wᵢ kᵢ + Σ wᵢ lᵢ`, one
/// fused multiply–add per sum and element instead of assembling each `ln xᵢ`. The split loses
/// little: `|k ln 2| ≤ 2 |ln x|` whenever `k ≠ 0` (as `|l| ≤ ln √2` and `|ln x| ≥ ln √2` then),
/// so for weights of one sign (entropy: `wᵢ = xᵢ`) neither sum exceeds three times
/// `|Σ wᵢ ln xᵢ|`.
#[inline(always)]
pub(crate) fn ln_split_fdlibm<V: Vector>(x: V) -> (V, V) {
    let (k, m) = x.ln_reduce();
    let (f, hfsq, s, r) = fdlibm_core(m);
    (k, s * (hfsq + r) - hfsq + f)
}

// ---------------------------------------------------------------------------------------------
// Table-driven ln, without division.
//
// Tang's method (P. T. P. Tang, "Table-driven implementation of the logarithm function in IEEE
// floating-point arithmetic", ACM TOMS 16(4), 1990; also ARM optimized-routines `log`): write
// `x = 2^k · m` with `m` in `[0.765625, 1.53125)`, a range of exactly 2^52 bit patterns, cut
// into 16 subintervals of 2^48 patterns each, numbered by `idx = ((bits(m) + 2^47) >> 48) mod
// 16`, so that 1.0 is at the centre of subinterval 0. With `invc = INVC[idx]` (`c = 1/invc`
// exactly, near the centre of the subinterval; `invc = 1` on subinterval 0) and
// `r = m · invc − 1`, `|r| ≤ 2^−5`:
//
//   ln x = k · ln 2 + ln c + log1p(r),   log1p(r) = r + r² · P(r),
//
// with `ln c = LOGC_HI + LOGC_LO` (`LOGC_HI` a multiple of 2^−42, so that
// `w = k · LN2_HI + LOGC_HI` is exact for every `k`), `r` from one FMA (rounding error
// ≤ 2^−59, no division), and `P` a degree-8 polynomial
// (near-minimax for (log1p(r) − r)/r² on the range of `r`, error < 2^−56 there). `hi = w + r`
// is formed with its rounding error recovered (Fast2Sum: `|w| ≥ |r|` or `w = 0`), so the only
// large rounding is the final `hi + (lo + r² P(r))`. On subinterval 0 (x near 1), `w = 0`,
// the result is `r + r² P(r)` and the error stays relative to `r`.
//
// Generated with mpmath 1.3 (`python3` on this block, without the `// ` prefixes):
//
// from mpmath import mp, mpf, log, log1p, chebyfit
// import struct
// mp.prec = 200
// def bits(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
// def dbl(b): return struct.unpack('<d', struct.pack('<Q', b))[0]
// rmin = rmax = mpf(0)
// invc, lhi, llo = [0.0] * 16, [0.0] * 16, [0.0] * 16
// for j in range(16):
//     s = bits(0.765625) + j * 2**48  # first pattern of the subinterval
//     lo, hi = mpf(dbl(s)), mpf(dbl(s + 2**48))
//     idx = ((s + 2**47) >> 48) & 15
//     ic = 1.0 if lo <= 1 < hi else float(2 / (lo + hi))  # r symmetric about 0
//     c_ln = -log(mpf(ic))  # ln c, c = 1/invc exactly
//     h = float(mp.floor(c_ln * 2**42 + mpf(1) / 2) / 2**42)  # a multiple of 2^-42
//     invc[idx], lhi[idx], llo[idx] = ic, h, float(c_ln - mpf(h))
//     rmin, rmax = min(rmin, lo * mpf(ic) - 1), max(rmax, hi * mpf(ic) - 1)
// g = lambda r: (log1p(r) - r) / r**2
// poly, err = chebyfit(g, [rmin, rmax], 9, error=True)  # degree 8, err < 2^-56
// for name, t in (("INVC", invc), ("LOGC_HI", lhi), ("LOGC_LO", llo), ("P", poly[::-1])):
//     print(name, [float(x) for x in t])

/// `1/c` for each subinterval, by index.
pub(crate) const INVC: [f64; 16] = [
    1.0,
    0.9411764705882353,
    0.8888888888888888,
    0.8421052631578947,
    0.8,
    0.7619047619047619,
    0.7272727272727273,
    0.6956521739130435,
    0.6666666666666666,
    1.28,
    1.2307692307692308,
    1.1851851851851851,
    1.1428571428571428,
    1.103448275862069,
    1.0666666666666667,
    1.032258064516129,
];
/// `ln c` rounded to a multiple of 2^−42, by index.
pub(crate) const LOGC_HI: [f64; 16] = [
    0.0,
    0.06062462181648698,
    0.11778303565643,
    0.17185025692674571,
    0.22314355131425145,
    0.2719337154835557,
    0.31845373111855224,
    0.3629054936893681,
    0.40546510810827385,
    -0.2468600779316148,
    -0.20763936477828793,
    -0.16989903679541385,
    -0.13353139262449076,
    -0.09844007281321865,
    -0.0645385211375924,
    -0.03174869831468641,
];
/// `ln c − LOGC_HI`, by index.
pub(crate) const LOGC_LO: [f64; 16] = [
    0.0,
    -5.2122328603557226e-14,
    -4.649178632475319e-14,
    -8.643688492088945e-14,
    -4.175347699650321e-14,
    8.609857887931859e-14,
    -1.765318688778829e-14,
    3.9484127277912274e-16,
    -1.0941536021483514e-13,
    8.897769688389272e-14,
    4.3369911444011306e-14,
    1.643178756532876e-14,
    -3.1804225197847076e-14,
    -3.38573632414336e-14,
    2.1239485832617812e-14,
    1.061342829278565e-13,
];
/// `P(r) = Σ P[j] r^j ≈ (log1p(r) − r)/r²`.
const P: [f64; 9] = [
    -0.5,
    0.33333333333333115,
    -0.25000000000008793,
    0.2000000000319806,
    -0.16666666610785963,
    0.142857016575786,
    -0.12500108198858742,
    0.11129643369313116,
    -0.09942224607031519,
];

/// ln x on every lane from Tang's reduction (see above), given by the level: `x = 2^k · m`
/// with `m` in `[0.765625, 1.53125)`, and the table entries of the subinterval of `m`;
/// unspecified at `±0`, like [`ln_nonzero`].
#[inline(always)]
pub(crate) fn ln_from_table<V: Vector>(k: V, m: V, invc: V, logc_hi: V, logc_lo: V) -> V {
    let c = V::splat;
    let r = m.mul_sub(invc, c(1.0));
    let w = k.mul_add(c(LN2_HI), logc_hi);
    let hi = w + r;
    let lo = (w - hi) + r;
    let low = k.mul_add(c(LN2_LO), logc_lo) + lo;
    let mut p = c(P[8]);
    for &a in P[..8].iter().rev() {
        p = p.mul_add(r, c(a));
    }
    hi + (r * r).mul_add(p, low)
}

// ---------------------------------------------------------------------------------------------
// Table-driven split ln (for sums; see `ln_split_fdlibm`).
//
// Tang's reduction as above (same subintervals and index), but `ln c` is one double: `invc`
// was searched near each subinterval's centre for a value whose `ln c` is within 2^−65
// (relative) of a double, as ARM optimized-routines does for its log tables, so that no low
// part is needed. Then `l = ln c + (r + r² P1(r))`, `P1` of degree 7 (fit error 5.7e−16 on
// `(log1p(r) − r)/r²`, that is < 2^−61 relative on `log1p(r)`): one addition on top of the
// polynomial, accurate to about 1 ulp of `l`; on subinterval 0 (`invc = 1`, `ln c = 0`), `l`
// keeps its relative accuracy however close `x` is to 1. Generated by
// `scripts/kernels/ln_split_table.py` (mpmath 1.3; its output is pasted here); the range of `r`
// is [−2.941172e−02, 3.125000e−02].

/// `1/c` for each subinterval of the split ln, by index.
pub(crate) const INVC1: [f64; 16] = [
    1.0,
    0.9411765098852236,
    0.8888889893371099,
    0.842105342139502,
    0.8000000563342884,
    0.7619047716906624,
    0.7272727559571199,
    0.6956522690992271,
    0.6666666233353359,
    1.2799997732158168,
    1.2307692540295072,
    1.1851851374422544,
    1.1428569485244404,
    1.1034482521195095,
    1.0666667066146551,
    1.0322581199011578,
];
/// `ln c` of the split ln, by index (relative rounding error ≤ 1.5e−20).
pub(crate) const LOGC1: [f64; 16] = [
    0.0,
    0.06062458006338563,
    0.11778292265214119,
    0.17185016313600493,
    0.22314348089635175,
    0.27193370263964745,
    0.3184536916774955,
    0.3629053568592389,
    0.40546517310516267,
    -0.246859900756367,
    -0.20763938367721893,
    -0.1698989965122988,
    -0.13353122258339353,
    -0.09844005129655775,
    -0.06453855858880965,
    -0.03174875196882547,
];
/// `P1(r) = Σ P1[j] r^j ≈ (log1p(r) − r)/r²`, degree 7.
const P1: [f64; 8] = [
    -0.49999999999999944,
    0.3333333333333681,
    -0.2500000000188648,
    0.1999999996330404,
    -0.16666656340026484,
    0.14285805412572675,
    -0.12518152135523325,
    0.11054459819880551,
];

/// A 16-entry table by Tang's index, re-indexed by `(t >> 48) mod 16` of [`SPLIT_SHIFT`]:
/// entry `j` of the result is entry `(j + 9) mod 16` of `t`.
pub(crate) const fn by_shifted_index(t: [f64; 16]) -> [f64; 16] {
    let mut o = [0.0; 16];
    let mut j = 0;
    while j < 16 {
        o[j] = t[(j + 9) % 16];
        j += 1;
    }
    o
}

/// `(k, l)` of [`ln_split_fdlibm`] from Tang's reduction `x = 2^k · m` (`m` in
/// `[0.765625, 1.53125)`) and the subinterval's entries `invc = INVC1[idx]`,
/// `logc = LOGC1[idx]`, given by the level.
#[inline(always)]
pub(crate) fn ln_split_from_table<V: Vector>(k: V, m: V, invc: V, logc: V) -> (V, V) {
    let c = V::splat;
    let r = m.mul_sub(invc, c(1.0));
    let mut p = c(P1[7]);
    for &a in P1[..7].iter().rev() {
        p = p.mul_add(r, c(a));
    }
    (k, logc + (r * r).mul_add(p, r))
}

/// The logarithm on a [`Vector`] type: fdlibm's algorithm ([`ln_fdlibm`]) unless the level
/// overrides it with the table-driven one (AVX-512, [`ln_from_table`]).
pub(crate) trait Ln: Vector {
    /// [`ln`] on every lane, except that `±0` lanes give an unspecified value.
    #[inline(always)]
    fn ln_nonzero(self) -> Self {
        ln_fdlibm(self)
    }
    /// [`ln_split_fdlibm`] on every lane: `(k, l)` with `ln self = k · ln 2 + l` for positive
    /// finite lanes, unless the level overrides it with [`ln_split_from_table`].
    #[inline(always)]
    fn ln_split(self) -> (Self, Self) {
        ln_split_fdlibm(self)
    }
    /// [`Self::ln_split`] for positive *normal* lanes only (unspecified for subnormal, zero,
    /// negative or non-finite lanes, which the caller must detect, with
    /// [`Vector::min_nonzero`]), where that is cheaper: on AVX-512, an integer reduction instead
    /// of VGETMANTPD and a compare. Where [`Self::SPLIT_NORMAL_ONLY`] is false, it is
    /// [`Self::ln_split`] itself.
    #[inline(always)]
    fn ln_split_normal(self) -> (Self, Self) {
        self.ln_split()
    }
    /// Whether [`Self::ln_split_normal`] is wrong on subnormal lanes (so that blocks with
    /// subnormals must be redone with [`Self::ln_split`]).
    const SPLIT_NORMAL_ONLY: bool = false;
}

impl Ln for Portable {}

#[cfg(target_arch = "x86_64")]
impl Ln for Avx2 {}

#[cfg(target_arch = "x86_64")]
impl Ln for Avx512 {
    #[inline(always)]
    fn ln_nonzero(self) -> Self {
        let (k, m, look) = self.tang_reduce();
        ln_from_table(k, m, look(&INVC), look(&LOGC_HI), look(&LOGC_LO))
    }
    #[inline(always)]
    fn ln_split(self) -> (Self, Self) {
        let (k, m, look) = self.tang_reduce();
        ln_split_from_table(k, m, look(&INVC1), look(&LOGC1))
    }
    #[inline(always)]
    fn ln_split_normal(self) -> (Self, Self) {
        // Four integer operations and VGETEXPPD instead of VGETMANTPD, VGETEXPPD, a compare
        // and two masked fix-ups; the multiply pipes, which bound this loop, are left to the
        // polynomial. The tables are re-indexed for the shifted index ([`by_shifted_index`]).
        const INVC_T: [f64; 16] = by_shifted_index(INVC1);
        const LOGC_T: [f64; 16] = by_shifted_index(LOGC1);
        let (k, m, look) = self.split_reduce_normal();
        ln_split_from_table(k, m, look(&INVC_T), look(&LOGC_T))
    }
    const SPLIT_NORMAL_ONLY: bool = true;
}

#[cfg(test)]
mod tests {
    use super::super::dispatch::Level;
    use super::super::simd::{ln_slice_at, ln_split_slice_at};
    use super::super::testutil::{ulps, Rng};

    fn inputs() -> Vec<f64> {
        let mut rng = Rng(0x5eed);
        let mut xs = Vec::new();
        // Uniform bit patterns over every positive finite double: all exponents, subnormals.
        while xs.len() < 1_000_000 {
            let x = f64::from_bits(rng.next() >> 1);
            if x.is_finite() && x > 0.0 {
                xs.push(x);
            }
        }
        // Subnormals of every magnitude.
        for _ in 0..100_000 {
            xs.push(f64::from_bits(rng.next() >> (12 + rng.next() % 52)).max(f64::from_bits(1)));
        }
        // Around 1, where ln x ≈ x − 1 is tiny, and around the √2/2 reduction boundary.
        for c in [
            1.0,
            core::f64::consts::FRAC_1_SQRT_2,
            core::f64::consts::SQRT_2,
        ] {
            let b = f64::to_bits(c);
            for d in 0..20_000u64 {
                xs.push(f64::from_bits(b + d));
                xs.push(f64::from_bits(b - d));
            }
        }
        for _ in 0..100_000 {
            let t = (rng.next() >> 11) as f64 / (1u64 << 53) as f64; // [0, 1)
            let tiny = t * 2f64.powi(-((rng.next() % 60) as i32));
            xs.push(1.0 + tiny);
            xs.push(1.0 - tiny);
        }
        // Powers of two, and their neighbours.
        for k in -1074..=1023 {
            let x = 2f64.powi(k);
            xs.extend([x, f64::from_bits(x.to_bits() + 1)]);
            if x > f64::from_bits(1) {
                xs.push(f64::from_bits(x.to_bits() - 1));
            }
        }
        xs.extend([
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::from_bits(1),
            f64::EPSILON,
            0.5,
            2.0,
        ]);
        xs
    }

    #[test]
    fn within_two_ulp_of_std_at_every_level() {
        let xs = inputs();
        assert!(xs.len() > 1_000_000);
        let mut out = vec![0.0; xs.len()];
        for level in Level::all_supported() {
            ln_slice_at(level, &xs, &mut out);
            let (mut worst, mut at) = (0, 0.0);
            for (&x, &y) in xs.iter().zip(&out) {
                let u = ulps(y, x.ln());
                if u > worst {
                    (worst, at) = (u, x);
                }
            }
            println!("{level:?}: max error {worst} ulp (at x = {at:e})");
            assert!(worst <= 2, "{level:?}: {worst} ulp at x = {at:e}");
        }
    }

    /// `x · 2^−k` for integer `k` in the range of exponents, exactly (two exact scalings, so
    /// that `2^−k` itself never overflows).
    fn scale(x: f64, k: f64) -> f64 {
        let h = (k / 2.0).trunc();
        x * 2f64.powi(-(h as i32)) * 2f64.powi(-((k - h) as i32))
    }

    #[test]
    fn split_is_exact_in_k_and_within_one_ulp_in_l_at_every_level() {
        let xs = inputs();
        let (mut k, mut l) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
        for level in Level::all_supported() {
            ln_split_slice_at(level, &xs, &mut k, &mut l);
            let (mut worst, mut at) = (0, 0.0);
            for i in 0..xs.len() {
                let (x, k, l) = (xs[i], k[i], l[i]);
                if x == 0.0 {
                    continue; // (2f64.powi(−1074) in `inputs` is 0: the split is unspecified)
                }
                assert!(
                    k == k.trunc() && k.abs() <= 1075.0,
                    "{level:?}: k = {k} at x = {x:e}"
                );
                // ln x − k ln 2 = ln m exactly, for the m of the reduction.
                let m = scale(x, k);
                assert!((0.7..1.6).contains(&m), "{level:?}: m = {m} at x = {x:e}");
                let u = ulps(l, m.ln());
                if u > worst {
                    (worst, at) = (u, x);
                }
            }
            println!("{level:?}: l within {worst} ulp of ln m (worst at x = {at:e})");
            assert!(worst <= 1, "{level:?}: {worst} ulp at x = {at:e}");
        }
    }

    #[test]
    fn shifted_index_is_tangs_plus_seven() {
        use super::{by_shifted_index, INVC1, SPLIT_BASE, SPLIT_SHIFT};
        let shifted = by_shifted_index(INVC1);
        let mut rng = Rng(11);
        for _ in 0..100_000 {
            // m over Tang's range [0.765625, 1.53125): 2^52 consecutive patterns.
            let bm = SPLIT_BASE + (rng.next() >> 12);
            let m = f64::from_bits(bm);
            assert!((0.765625..1.53125).contains(&m));
            let tang = ((bm + (1 << 47)) >> 48) & 15;
            let t = bm + SPLIT_SHIFT;
            assert_eq!(t >> 52, 0x3ff, "the exponent field of m's t is 1.0's");
            assert_eq!(f64::from_bits((t & ((1 << 52) - 1)) + SPLIT_BASE), m);
            let j = (t >> 48) & 15;
            assert_eq!((tang + 7) % 16, j);
            assert_eq!(
                shifted[j as usize].to_bits(),
                INVC1[tang as usize].to_bits()
            );
        }
    }

    #[test]
    fn special_values() {
        for level in Level::all_supported() {
            let xs = [
                1.0,
                0.0,
                -0.0,
                2.0,
                core::f64::consts::E,
                f64::MIN_POSITIVE / 4.0,
            ];
            let mut out = [0.0; 6];
            ln_slice_at(level, &xs, &mut out);
            assert_eq!(out[0], 0.0);
            assert_eq!(out[1], f64::NEG_INFINITY);
            assert_eq!(out[2], f64::NEG_INFINITY);
            assert_eq!(out[3], core::f64::consts::LN_2);
            assert!(ulps(out[4], 1.0) <= 1);
            assert!(ulps(out[5], (f64::MIN_POSITIVE / 4.0).ln()) <= 1);
            let mut out = [0.0; 9];
            ln_slice_at(level, &[0.5; 9], &mut out);
            assert_eq!(out, [-core::f64::consts::LN_2; 9]);
        }
    }
}
