//! A branch-free exponential for `f64` lanes, written on eight-lane [`Vector`]s like the
//! logarithm of [`super::ln`], so that it compiles to straight-line vector code inside the
//! `#[target_feature]` bodies of every level (Portable, AVX2 + FMA, AVX-512), and the slice
//! function [`exp_into`] built on it.
//!
//! # Algorithm
//! Cody–Waite reduction (W. J. Cody and W. Waite, *Software Manual for the Elementary
//! Functions*, 1980; as in fdlibm's `e_exp.c`): clamp `x` to `[−746, 710]` (outside, the result
//! is `0` or `+∞` anyway), let `k = round(x / ln 2)` (an FMA with the `1.5 · 2^52` shifter) and
//! `r = (x − k · LN2_HI) − k · LN2_LO` with `ln 2` split so that `k · LN2_HI` is exact
//! (`|r| ≤ ln 2 / 2`). Then
//!
//!   exp x = 2^k · (1 + (r + r² Q(r))),
//!
//! with `Q` a degree-9 polynomial close to the minimax one for `(eʳ − 1 − r)/r²` on
//! `|r| ≤ ln 2 / 2 + 2^−40` (error 0.14 ulp of the result, coefficients below), and the
//! scaling `2^k` applied by [`Vector::scale2`] with a single rounding, so that results in the
//! subnormal range are correctly rounded from the `f64` value of `1 + …` and overflow gives
//! `+∞`. NaN lanes are passed through (`nan_or`); `−∞ → 0`, `+∞ → +∞`.
//!
//! Accuracy: ≤ 1 ulp from the correctly rounded result (checked here against `f64::exp` over
//! every binade of the input and the whole output range, subnormals included, and in
//! `tests/logits.rs` against an mpmath table). `f32` data is widened, exponentiated in `f64`
//! and rounded once to `f32`: ≤ 1 ulp in `f32` as well (the `f64` error is 2^−29 of an `f32`
//! ulp, so only rounding-boundary cases can differ from the correctly rounded `f32`).
//!
//! # Use from other kernels
//! Inside a `#[target_feature]` body generic over `V: Vector`, call [`exp`] on the lanes
//! (`exp::<V>(x)`); on slices, call [`exp_into`] (or [`exp_in_place`]), which dispatch to the
//! best level for the CPU and split across `Par` tasks.
//!
//! Coefficients of `Q` (mpmath 1.3, `mp.prec = 200`):
//!
//! ```text
//! from mpmath import mp, mpf, log, expm1, chebyfit
//! mp.prec = 200
//! h = log(2)/2 + mpf(2)**-40
//! q = lambda r: (expm1(r) - r)/r**2 if r != 0 else mpf(1)/2
//! poly, err = chebyfit(q, [-h, h], 10, error=True)
//! print([float(c) for c in poly[::-1]])
//! ```

use super::dispatch::{dispatched, Level, LANES};
use super::vector::{self, Vector, SHIFT};
use crate::error::{Error, Result};
use crate::par::Par;
use crate::real::{Real, TypedMut};
use rayon::prelude::*;

/// log2 e.
const LOG2E: f64 = core::f64::consts::LOG2_E;
/// ln 2, high part (fdlibm `ln2HI[0]`, 0x3fe62e42_fee00000: the low 32 bits are zero, so
/// `k · LN2_HI` is exact for `|k| < 2^20`).
const LN2_HI: f64 = 6.931_471_803_691_238_164_9e-1;
/// ln 2, low part (fdlibm `ln2LO[0]`, 0x3dea39ef_35793c76).
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
/// Below this, `exp x` rounds to 0 (`exp(−746) ≈ 1.1e−324 < 2^−1075`).
const X_MIN: f64 = -746.0;
/// Above this, `exp x` overflows (`ln(f64::MAX) ≈ 709.78`).
const X_MAX: f64 = 710.0;
/// `Q(r) = Σ Q[j] r^j ≈ (eʳ − 1 − r)/r²` (module docs).
const Q: [f64; 10] = [
    0.500_000_000_000_000_1,
    0.166_666_666_666_666_69,
    0.041_666_666_666_624_164,
    0.008_333_333_333_330_065,
    0.001_388_888_891_719_671_9,
    0.000_198_412_698_630_405_45,
    2.480_152_132_236_869_2e-5,
    2.755_726_848_031_002_4e-6,
    2.762_007_587_998_369_5e-7,
    2.510_037_583_256_149e-8,
];

/// `eˣ` on every lane (≤ 1 ulp; module docs): `0` for `x < −745.2` and `−∞`, `+∞` for
/// `x > 709.78` and `+∞`, NaN for NaN.
#[inline(always)]
pub(crate) fn exp<V: Vector>(x: V) -> V {
    let c = V::splat;
    let xc = x.max(c(X_MIN)).min(c(X_MAX));
    let k = xc.mul_add(c(LOG2E), c(SHIFT)) - c(SHIFT);
    let r = k.mul_add(c(-LN2_HI), xc);
    let r = k.mul_add(c(-LN2_LO), r);
    let mut q = c(Q[9]);
    for &a in Q[..9].iter().rev() {
        q = q.mul_add(r, c(a));
    }
    let p = c(1.0) + (r * r).mul_add(q, r);
    x.nan_or(p.scale2(k))
}

/// Writes the lanes of `v` to `o` (`o.len() ≤ LANES`), rounded to `T`.
#[inline(always)]
pub(super) fn store<T: Real>(o: &mut [T], v: &[f64; LANES]) {
    match T::as_typed_mut(o) {
        TypedMut::F64(o) => {
            if let Ok(a) = <&mut [f64; LANES]>::try_from(&mut *o) {
                *a = *v;
            } else {
                o.copy_from_slice(&v[..o.len()]);
            }
        }
        TypedMut::F32(o) => {
            // Round to nearest: the one rounding of an f32 result.
            if let Ok(a) = <&mut [f32; LANES]>::try_from(&mut *o) {
                *a = v.map(|x| x as f32);
            } else {
                for (d, &x) in o.iter_mut().zip(v) {
                    *d = x as f32;
                }
            }
        }
    }
}

#[inline(always)]
fn exp_body<T: Real, V: Vector>(x: &[T], out: &mut [T]) {
    assert_eq!(x.len(), out.len(), "exp over slices of different lengths");
    let mut cx = x.chunks_exact(LANES);
    let mut co = out.chunks_exact_mut(LANES);
    for (a, o) in (&mut cx).zip(&mut co) {
        store(o, &exp::<V>(V::load(a)).to_array());
    }
    let (a, o) = (cx.remainder(), co.into_remainder());
    if !a.is_empty() {
        store(o, &exp::<V>(V::load_tail(a)).to_array());
    }
}

#[inline(always)]
fn exp_in_place_body<T: Real, V: Vector>(x: &mut [T]) {
    let mut cx = x.chunks_exact_mut(LANES);
    for a in &mut cx {
        let y = exp::<V>(V::load(a)).to_array();
        store(a, &y);
    }
    let a = cx.into_remainder();
    if !a.is_empty() {
        let y = exp::<V>(V::load_tail(a)).to_array();
        store(a, &y);
    }
}

dispatched! {
    /// `out[i] = exp x[i]` at `level`.
    fn exp_slice_at<T: Real>(x: &[T], out: &mut [T]) = exp_body
}
dispatched! {
    /// `x[i] = exp x[i]` at `level`.
    fn exp_in_place_at<T: Real>(x: &mut [T]) = exp_in_place_body
}

/// Elements per task below which splitting is not worth it.
const MIN_TASK: usize = 1 << 15;

/// The length of each task's chunk, or `None` to run on the calling thread.
fn task_len(n: usize, par: Par) -> Option<usize> {
    let tasks = par.degree().min(n / MIN_TASK);
    (tasks > 1).then(|| n.div_ceil(tasks).next_multiple_of(LANES))
}

/// The elementwise exponential `out[i] = e^{x[i]}`, vectorised (AVX-512, AVX2 + FMA or
/// portable code, chosen at run time) and split across `par` tasks.
///
/// Accuracy ≤ 1 ulp of the correctly rounded result for `f64` and for `f32` (`f32` data is
/// exponentiated in `f64` and rounded once). Edge cases follow IEEE 754 `exp`: `e^{−∞} = 0`,
/// `e^{+∞} = +∞`, NaN gives NaN, overflow gives `+∞` (`x > 709.78` in `f64`, `x > 88.72` in
/// `f32`), and results below the normal range are subnormal or `0`, correctly rounded from
/// the `f64` value.
///
/// This is the exponential of every sanov kernel; inside `sanov::kernels`, vector code calls
/// the eight-lane form (`exp::exp::<V: Vector>`) directly.
///
/// # Errors
/// [`Error::LengthMismatch`] if `out.len() != x.len()`.
///
/// # Examples
/// ```
/// use sanov::{kernels, Par};
/// let x = [0.0f64, 1.0, f64::NEG_INFINITY, -1000.0, 1000.0];
/// let mut out = [0.0; 5];
/// kernels::exp_into(&x, &mut out, Par::Seq)?;
/// assert_eq!(out[0], 1.0);
/// assert!((out[1] - std::f64::consts::E).abs() <= f64::EPSILON * 2.0);
/// assert_eq!(&out[2..], &[0.0, 0.0, f64::INFINITY]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn exp_into<T: Real>(x: &[T], out: &mut [T], par: Par) -> Result<()> {
    if x.len() != out.len() {
        return Err(Error::LengthMismatch {
            left_arg: "x",
            left: x.len(),
            right_arg: "out",
            right: out.len(),
        });
    }
    exp_into_at(Level::best(), x, out, par);
    Ok(())
}

/// [`exp_into`] at a given level (the portable one if unsupported); lengths already checked.
pub(crate) fn exp_into_at<T: Real>(level: Level, x: &[T], out: &mut [T], par: Par) {
    match task_len(x.len(), par) {
        None => exp_slice_at(level, x, out),
        Some(c) => par.install(|| {
            out.par_chunks_mut(c)
                .zip(x.par_chunks(c))
                .for_each(|(o, x)| exp_slice_at(level, x, o));
        }),
    }
}

/// In-place form of [`exp_into`]: `x[i] ← e^{x[i]}`, same accuracy and edge cases.
///
/// # Examples
/// ```
/// use sanov::{kernels, Par};
/// let mut x = vec![0.0f32, f32::NEG_INFINITY, 100.0];
/// kernels::exp_in_place(&mut x, Par::Seq);
/// assert_eq!(x, [1.0, 0.0, f32::INFINITY]);
/// ```
pub fn exp_in_place<T: Real>(x: &mut [T], par: Par) {
    let level = Level::best();
    match task_len(x.len(), par) {
        None => exp_in_place_at(level, x),
        Some(c) => par.install(|| x.par_chunks_mut(c).for_each(|x| exp_in_place_at(level, x))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{ulps, Rng};
    use super::*;

    fn ulps32(a: f32, b: f32) -> u64 {
        fn key(x: f32) -> i64 {
            let i = i64::from(x.to_bits() as i32);
            if i < 0 {
                i64::from(i32::MIN) - i
            } else {
                i
            }
        }
        key(a).abs_diff(key(b))
    }

    /// Inputs over the whole domain: uniform on [−750, 720] (every output binade, subnormal
    /// results included), small magnitudes of every binade, and the edges.
    fn inputs() -> Vec<f64> {
        let mut rng = Rng(0xe4b);
        let mut xs = Vec::new();
        for _ in 0..1_000_000 {
            xs.push(-750.0 + 1470.0 * rng.unit());
        }
        for _ in 0..200_000 {
            let x = f64::from_bits(rng.next() >> 2); // |x| from subnormal to ~1e77
            let x = if x.is_finite() { x % 800.0 } else { 1.0 };
            xs.push(if rng.next() & 1 == 0 { x } else { -x });
        }
        // Around the ends of the range and at the reduction boundaries (k ln 2 ± ln 2 / 2).
        for c in [709.78, -708.39, -745.13, -744.44, 0.0] {
            for d in 0..5_000 {
                xs.push(c + f64::from(d) * 1e-6);
                xs.push(c - f64::from(d) * 1e-6);
            }
        }
        for k in -1100..1030 {
            let b = (f64::from(k) + 0.5) * core::f64::consts::LN_2;
            for d in -20..=20 {
                xs.push(f64::from_bits(b.to_bits().wrapping_add_signed(d)));
            }
        }
        xs.extend([
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::from_bits(1),
            f64::EPSILON,
            1.0,
            -1.0,
            709.782_712_893_384,
            709.782_712_893_385,
            -745.133_219_101_941_1,
            -745.133_219_101_941_2,
        ]);
        xs
    }

    #[test]
    fn within_one_ulp_of_std_at_every_level() {
        let xs = inputs();
        let mut out = vec![0.0; xs.len()];
        for level in Level::all_supported() {
            exp_slice_at(level, &xs, &mut out);
            let (mut worst, mut at) = (0, 0.0);
            for (&x, &y) in xs.iter().zip(&out) {
                let u = ulps(y, x.exp());
                if u > worst {
                    (worst, at) = (u, x);
                }
            }
            println!("{level:?}: max error {worst} ulp (at x = {at:e})");
            assert!(worst <= 1, "{level:?}: {worst} ulp at x = {at:e}");
        }
    }

    #[test]
    fn f32_within_one_ulp_on_a_sweep_of_all_f32() {
        // Every 997th bit pattern: all exponents, both signs, NaNs and infinities.
        let xs: Vec<f32> = (0..=u32::MAX)
            .step_by(997)
            .map(f32::from_bits)
            .filter(|x| !x.is_nan())
            .collect();
        let mut out = vec![0.0f32; xs.len()];
        for level in Level::all_supported() {
            exp_slice_at(level, &xs, &mut out);
            let mut worst = 0;
            for (&x, &y) in xs.iter().zip(&out) {
                let want = f64::from(x).exp() as f32;
                let u = ulps32(y, want);
                assert!(u <= 1, "{level:?}: exp({x:e}) = {y:e}, want {want:e}");
                worst = worst.max(u);
            }
            println!("{level:?} f32: max {worst} ulp");
        }
    }

    #[test]
    fn special_values_every_level_and_tail_position() {
        let specials = [
            (f64::NAN, f64::NAN),
            (f64::NEG_INFINITY, 0.0),
            (f64::INFINITY, f64::INFINITY),
            (0.0, 1.0),
            (-0.0, 1.0),
            (-1e300, 0.0),
            (1e300, f64::INFINITY),
            (710.0, f64::INFINITY),
            (-746.0, 0.0),
            (-745.0, 5e-324),
        ];
        for level in Level::all_supported() {
            for n in 1..=17 {
                for pos in 0..n {
                    for &(x, want) in &specials {
                        let mut xs = vec![0.5; n];
                        xs[pos] = x;
                        let mut out = vec![0.0; n];
                        exp_slice_at(level, &xs, &mut out);
                        let got = out[pos];
                        assert!(
                            got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                            "{level:?} n={n} pos={pos}: exp({x}) = {got}"
                        );
                        let mut inplace = xs.clone();
                        exp_in_place_at(level, &mut inplace);
                        assert_eq!(inplace[pos].to_bits(), got.to_bits());
                        for (i, &o) in out.iter().enumerate() {
                            if i != pos {
                                assert_eq!(o, 0.5f64.exp());
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn parallel_matches_sequential_and_checks_lengths() {
        let mut rng = Rng(3);
        let xs: Vec<f64> = (0..200_003).map(|_| 40.0 * rng.unit() - 20.0).collect();
        let mut a = vec![0.0; xs.len()];
        let mut b = vec![0.0; xs.len()];
        exp_into(&xs, &mut a, Par::Seq).unwrap();
        exp_into(&xs, &mut b, Par::rayon(3)).unwrap();
        assert_eq!(a, b);
        let mut c = xs.clone();
        exp_in_place(&mut c, Par::rayon(2));
        assert_eq!(a, c);
        assert!(matches!(
            exp_into(&xs, &mut a[1..], Par::Seq),
            Err(Error::LengthMismatch { .. })
        ));
    }
}

#[cfg(test)]
mod speed {
    use super::*;

    /// Throughput, not a pass/fail test:
    /// `cargo test -p sanov --release --lib kernels::exp::speed -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing printout"]
    fn speed() {
        use std::time::Instant;
        let n = 1 << 24;
        let x: Vec<f64> = (0..n)
            .map(|i| -20.0 + 40.0 * (i as f64 / n as f64))
            .collect();
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let mut out = vec![0.0; n];
        let mut out32 = vec![0.0f32; n];
        for level in Level::all_supported() {
            for par in [Par::Seq, Par::rayon(2)] {
                let mut best = (f64::INFINITY, f64::INFINITY);
                for _ in 0..5 {
                    let t = Instant::now();
                    exp_into_at(level, &x, &mut out, par);
                    best.0 = best.0.min(t.elapsed().as_secs_f64());
                    let t = Instant::now();
                    exp_into_at(level, &x32, &mut out32, par);
                    best.1 = best.1.min(t.elapsed().as_secs_f64());
                }
                println!(
                    "{level:?} {par:?}: f64 {:.3} ns/el, f32 {:.3} ns/el",
                    best.0 * 1e9 / n as f64,
                    best.1 * 1e9 / n as f64
                );
            }
        }
    }
}
