//! Globally adaptive Gauss–Kronrod quadrature (G7–K15) on finite, half-infinite and infinite
//! intervals.
//!
//! The method is QUADPACK's `qags`/`qagi` without the ε-extrapolation (Piessens, de Doncker-Kapenga,
//! Überhuber & Kahaner 1983, *QUADPACK*, §2.2): the interval whose error estimate is largest is
//! bisected until the summed estimate `Σ |K15 − G7|` meets `max(abs_tol, rel_tol·|I|)`. The error
//! estimate is the plain `|K15 − G7|` of each piece (QUADPACK's `(200·|K15 − G7|/…)^{1.5}` scaling
//! is sharper but not an upper bound either; the plain difference is pessimistic for smooth
//! integrands, whose K15 is far more accurate than G7, so the achieved error is usually orders of
//! magnitude below the tolerance).
//!
//! Infinite ranges are mapped to finite ones: `[a, ∞)` by `x = a + t/(1 − t)`, `t ∈ [0, 1)`,
//! `(−∞, b]` by `x = b − t/(1 − t)`, and `(−∞, ∞)` by `x = t/(1 − t²)`, `t ∈ (−1, 1)`. The
//! Kronrod nodes are interior, so the transformed integrand is never evaluated at `t = ±1`; an
//! integrand whose transformed form is not finite at a node is an [`Error::NonFinite`] (with
//! `arg = "integrand"`), never a silently dropped term.

use std::collections::BinaryHeap;

use crate::error::{Error, Result};

/// Kronrod nodes of the 15-point rule on `[−1, 1]` (non-negative half, descending; QUADPACK `qk15`).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_639_206_854_697_526_329,
    0.949_107_912_342_758_524_526_189_684_047_851,
    0.864_864_423_359_769_072_789_712_788_640_926,
    0.741_531_185_599_394_439_863_864_773_280_788,
    0.586_087_235_467_691_130_294_144_845_693_013,
    0.405_845_151_377_397_166_906_606_412_076_961,
    0.207_784_955_007_898_467_600_689_403_773_245,
    0.0,
];

/// Kronrod weights matching [`XGK`].
const WGK: [f64; 8] = [
    0.022_935_322_010_529_224_963_732_008_058_970,
    0.063_092_092_629_978_553_290_700_663_189_204,
    0.104_790_010_322_250_183_839_876_322_541_518,
    0.140_653_259_715_525_918_745_189_590_510_238,
    0.169_004_726_639_267_902_826_583_426_598_550,
    0.190_350_578_064_785_409_913_256_402_421_014,
    0.204_432_940_075_298_892_414_161_999_234_649,
    0.209_482_141_084_727_828_012_999_174_891_714,
];

/// Weights of the embedded 7-point Gauss rule, at `XGK[1], XGK[3], XGK[5], XGK[7]`.
const WG: [f64; 4] = [
    0.129_484_966_168_869_693_270_611_432_679_082,
    0.279_705_391_489_276_667_901_467_771_423_780,
    0.381_830_050_505_118_944_950_369_775_488_975,
    0.417_959_183_673_469_387_755_102_040_816_327,
];

/// Default number of bisections before [`Error::NotConverged`].
pub(crate) const QUAD_MAX_SUBDIVISIONS: usize = 2000;

/// The value of an integral and its error estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Quadrature {
    /// The integral.
    pub value: f64,
    /// The summed `|K15 − G7|` estimate over the final partition.
    pub error: f64,
    /// Integrand evaluations.
    pub evaluations: usize,
}

/// One piece of the partition, ordered by its error estimate (largest first in the heap).
#[derive(Debug, Clone, Copy)]
struct Piece {
    lo: f64,
    hi: f64,
    value: f64,
    error: f64,
}

impl PartialEq for Piece {
    fn eq(&self, other: &Self) -> bool {
        self.error.total_cmp(&other.error).is_eq()
    }
}
impl Eq for Piece {}
impl PartialOrd for Piece {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Piece {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.error.total_cmp(&other.error)
    }
}

/// K15 and G7 on `[lo, hi]`.
fn kronrod<F: FnMut(f64) -> f64>(f: &mut F, lo: f64, hi: f64) -> Result<Piece> {
    let c = 0.5 * (lo + hi);
    let h = 0.5 * (hi - lo);
    let mut k = 0.0;
    let mut g = 0.0;
    for (i, (&x, &w)) in XGK.iter().zip(WGK.iter()).enumerate() {
        let pair = if x == 0.0 {
            value_at(f, c)?
        } else {
            value_at(f, c - h * x)? + value_at(f, c + h * x)?
        };
        k += w * pair;
        if i % 2 == 1 {
            g += WG[i / 2] * pair;
        }
    }
    Ok(Piece {
        lo,
        hi,
        value: k * h,
        error: ((k - g) * h).abs(),
    })
}

/// The fixed 15-point Kronrod rule on `[lo, hi]`, for integrands known to be finite and analytic
/// on a neighbourhood of the interval (no error estimate, no subdivision): exact for polynomials of
/// degree 22, and for an integrand whose nearest singularity lies outside the Bernstein ellipse
/// `E_ρ` of the interval the error falls like `ρ^{-23}`.
pub(crate) fn kronrod15<F: FnMut(f64) -> f64>(mut f: F, lo: f64, hi: f64) -> f64 {
    let c = 0.5 * (lo + hi);
    let h = 0.5 * (hi - lo);
    let mut k = 0.0;
    for (&x, &w) in XGK.iter().zip(WGK.iter()) {
        let pair = if x == 0.0 {
            f(c)
        } else {
            f(c - h * x) + f(c + h * x)
        };
        k += w * pair;
    }
    k * h
}

fn value_at<F: FnMut(f64) -> f64>(f: &mut F, x: f64) -> Result<f64> {
    let v = f(x);
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Error::NonFinite {
            arg: "integrand",
            index: 0,
            value: v,
        })
    }
}

/// Adaptive integration of a finite-valued `f` on `[lo, hi]` (`lo`/`hi` may be `∓∞`) until the
/// error estimate is at most `max(abs_tol, rel_tol·|I|)`.
///
/// # Errors
/// [`Error::InvalidParameter`] for a NaN bound, `lo > hi`, or tolerances that are negative, NaN,
/// or both zero; [`Error::NonFinite`] (`arg = "integrand"`) if the integrand is NaN or infinite at
/// a node; [`Error::NotConverged`] (with the estimate reached as `residual`) after
/// `max_subdivisions` bisections.
pub(crate) fn integrate<F: FnMut(f64) -> f64>(
    mut f: F,
    lo: f64,
    hi: f64,
    rel_tol: f64,
    abs_tol: f64,
    max_subdivisions: usize,
) -> Result<Quadrature> {
    if lo.is_nan() || hi.is_nan() || lo > hi {
        return Err(Error::InvalidParameter {
            name: "lo",
            value: lo,
            expected: "must be <= hi and neither bound NaN",
        });
    }
    let bad_tol = |t: f64| t.is_nan() || t < 0.0;
    if bad_tol(rel_tol) || bad_tol(abs_tol) || (rel_tol == 0.0 && abs_tol == 0.0) {
        return Err(Error::InvalidParameter {
            name: "rel_tol",
            value: rel_tol,
            expected: "tolerances must be >= 0 and not both zero",
        });
    }
    if lo == hi {
        return Ok(Quadrature {
            value: 0.0,
            error: 0.0,
            evaluations: 0,
        });
    }
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) => adapt(&mut f, lo, hi, rel_tol, abs_tol, max_subdivisions),
        (true, false) => adapt(
            &mut |t: f64| {
                let s = 1.0 - t;
                f(lo + t / s) / (s * s)
            },
            0.0,
            1.0,
            rel_tol,
            abs_tol,
            max_subdivisions,
        ),
        (false, true) => adapt(
            &mut |t: f64| {
                let s = 1.0 - t;
                f(hi - t / s) / (s * s)
            },
            0.0,
            1.0,
            rel_tol,
            abs_tol,
            max_subdivisions,
        ),
        (false, false) => adapt(
            &mut |t: f64| {
                let s = 1.0 - t * t;
                f(t / s) * (1.0 + t * t) / (s * s)
            },
            -1.0,
            1.0,
            rel_tol,
            abs_tol,
            max_subdivisions,
        ),
    }
}

fn adapt<F: FnMut(f64) -> f64>(
    f: &mut F,
    lo: f64,
    hi: f64,
    rel_tol: f64,
    abs_tol: f64,
    max_subdivisions: usize,
) -> Result<Quadrature> {
    let first = kronrod(f, lo, hi)?;
    let mut evaluations = 15;
    let (mut value, mut error) = (first.value, first.error);
    let mut heap = BinaryHeap::new();
    heap.push(first);
    let mut splits = 0;
    while error > abs_tol.max(rel_tol * value.abs()) {
        if splits == max_subdivisions {
            return Err(Error::NotConverged {
                iterations: splits,
                residual: error,
            });
        }
        let Some(worst) = heap.pop() else { break };
        let mid = 0.5 * (worst.lo + worst.hi);
        if mid <= worst.lo || mid >= worst.hi {
            // The piece cannot be split in f64: its estimate is as good as it gets.
            return Err(Error::NotConverged {
                iterations: splits,
                residual: error,
            });
        }
        let left = kronrod(f, worst.lo, mid)?;
        let right = kronrod(f, mid, worst.hi)?;
        evaluations += 30;
        splits += 1;
        heap.push(left);
        heap.push(right);
        // Re-sum rather than update incrementally, so that cancellation in the running sums
        // cannot make the stopping test lie.
        value = heap.iter().map(|p| p.value).sum();
        error = heap.iter().map(|p| p.error).sum();
    }
    Ok(Quadrature {
        value,
        error,
        evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIGHT: f64 = 1e-14;

    #[test]
    fn kronrod_weights_sum_to_two_and_gauss_too() {
        let k: f64 = WGK[7] + 2.0 * WGK[..7].iter().sum::<f64>();
        let g: f64 = WG[3] + 2.0 * WG[..3].iter().sum::<f64>();
        assert!((k - 2.0).abs() < TIGHT, "{k}");
        assert!((g - 2.0).abs() < TIGHT, "{g}");
    }

    #[test]
    fn k15_exact_to_degree_22_and_g7_to_13() {
        for deg in 0..=22u32 {
            let exact = if deg % 2 == 1 {
                0.0
            } else {
                2.0 / f64::from(deg + 1)
            };
            let p = kronrod(&mut |x: f64| x.powi(deg as i32), -1.0, 1.0).unwrap();
            assert!((p.value - exact).abs() < TIGHT, "K15 degree {deg}");
            if deg <= 13 {
                assert!(p.error < TIGHT, "G7 degree {deg}: {}", p.error);
            }
        }
        // Degree 14 is the first that G7 misses: the estimate must see it.
        let p = kronrod(&mut |x: f64| x.powi(14), -1.0, 1.0).unwrap();
        assert!(p.error > 1e-6);
    }

    #[test]
    fn finite_and_infinite_ranges() {
        let q = integrate(f64::exp, 0.0, 1.0, 1e-14, 0.0, QUAD_MAX_SUBDIVISIONS).unwrap();
        assert!((q.value - (std::f64::consts::E - 1.0)).abs() < 1e-15);
        // ∫ e^{−x²} over ℝ = √π.
        let q = integrate(
            |x: f64| (-x * x).exp(),
            f64::NEG_INFINITY,
            f64::INFINITY,
            1e-13,
            0.0,
            QUAD_MAX_SUBDIVISIONS,
        )
        .unwrap();
        assert!((q.value / std::f64::consts::PI.sqrt() - 1.0).abs() < 1e-13);
        // ∫₁^∞ x⁻² = 1 and ∫_{−∞}^0 eˣ = 1.
        let q = integrate(|x: f64| x.powi(-2), 1.0, f64::INFINITY, 1e-13, 0.0, 2000).unwrap();
        assert!((q.value - 1.0).abs() < 1e-13);
        let q = integrate(f64::exp, f64::NEG_INFINITY, 0.0, 1e-13, 0.0, 2000).unwrap();
        assert!((q.value - 1.0).abs() < 1e-13);
        // A peaked, non-polynomial integrand: ∫₀¹ √x ln x = −4/9 (endpoint singularity of ln).
        let q = integrate(|x: f64| x.sqrt() * x.ln(), 0.0, 1.0, 1e-12, 0.0, 2000).unwrap();
        assert!((q.value + 4.0 / 9.0).abs() < 1e-12);
        // Cauchy density over ℝ: slow tails.
        let q = integrate(
            |x: f64| 1.0 / (std::f64::consts::PI * (1.0 + x * x)),
            f64::NEG_INFINITY,
            f64::INFINITY,
            1e-13,
            0.0,
            2000,
        )
        .unwrap();
        assert!((q.value - 1.0).abs() < 1e-13);
    }

    #[test]
    fn errors() {
        let f = |x: f64| x;
        assert!(matches!(
            integrate(f, 1.0, 0.0, 1e-12, 0.0, 10),
            Err(Error::InvalidParameter { .. })
        ));
        assert!(matches!(
            integrate(f, f64::NAN, 0.0, 1e-12, 0.0, 10),
            Err(Error::InvalidParameter { .. })
        ));
        assert!(matches!(
            integrate(f, 0.0, 1.0, 0.0, 0.0, 10),
            Err(Error::InvalidParameter { .. })
        ));
        assert!(matches!(
            integrate(|_| f64::NAN, 0.0, 1.0, 1e-12, 0.0, 10),
            Err(Error::NonFinite { .. })
        ));
        // 1/√x is integrable but too singular for 3 bisections at 1e-15.
        assert!(matches!(
            integrate(|x: f64| 1.0 / x.sqrt(), 0.0, 1.0, 1e-15, 0.0, 3),
            Err(Error::NotConverged { .. })
        ));
        let q = integrate(f, 2.0, 2.0, 1e-12, 0.0, 10).unwrap();
        assert_eq!(q.value, 0.0);
    }
}
