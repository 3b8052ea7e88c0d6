//! Rules of differential entropy: the affine change of variables `h(AX + b) = h(X) + ln|det A|`
//! and the entropic central limit theorem on sums of uniforms (Irwin–Hall).

use ndarray::ArrayView2;

use crate::error::{Error, Result};
use crate::sum::Neumaier;

/// The largest `n` accepted by [`entropic_clt`].
pub const ENTROPIC_CLT_MAX_N: usize = 200;

/// `h(AX + b) = h(X) + ln|det A|` (nats) for a random vector `X` of dimension `d` with
/// differential entropy `h_x` and a square `d × d` matrix `A` (Cover & Thomas, *Elements of
/// Information Theory*, 2nd ed., Corollary to Theorem 8.6.4). The shift `b` does not change
/// the entropy. `|det A|` is computed by LU factorisation with partial pivoting, as a sum of
/// `ln|u_ii|` (no overflow for large or small determinants).
///
/// Python: `sanov.entropy_affine(h_x, a, base=None)`.
///
/// # Errors
/// [`Error::NonFinite`] (arg `"h_x"`, or `"a"` with row-major index) for a non-finite input;
/// [`Error::Empty`] for a `0 × 0` matrix; [`Error::ShapeMismatch`] if `A` is not square;
/// [`Error::InvalidParameter`] (`name = "det_a"`) if `A` is singular (`h(AX)` is then `−∞`:
/// `AX` has no density).
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::families::{entropy_affine, Normal};
/// // h(2X) for X ~ N(0, 1) is h(N(0, 4)) = h(X) + ln 2.
/// let h = entropy_affine(Normal::new(0.0, 1.0)?.differential_entropy(), array![[2.0]].view())?;
/// assert!((h - Normal::new(0.0, 2.0)?.differential_entropy()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn entropy_affine(h_x: f64, a: ArrayView2<'_, f64>) -> Result<f64> {
    if !h_x.is_finite() {
        return Err(Error::NonFinite {
            arg: "h_x",
            index: 0,
            value: h_x,
        });
    }
    Ok(h_x + ln_abs_det(a)?)
}

/// `ln|det A|` by LU with partial pivoting.
fn ln_abs_det(a: ArrayView2<'_, f64>) -> Result<f64> {
    let (r, c) = a.dim();
    if r == 0 || c == 0 {
        return Err(Error::Empty { arg: "a" });
    }
    if r != c {
        return Err(Error::ShapeMismatch {
            arg: "a",
            expected: vec![r, r],
            found: vec![r, c],
        });
    }
    for (index, &value) in a.iter().enumerate() {
        if !value.is_finite() {
            return Err(Error::NonFinite {
                arg: "a",
                index,
                value,
            });
        }
    }
    let n = r;
    let mut m: Vec<f64> = a.iter().copied().collect();
    let mut s = Neumaier::default();
    for k in 0..n {
        let p = (k..n)
            .max_by(|&i, &j| m[i * n + k].abs().total_cmp(&m[j * n + k].abs()))
            .unwrap_or(k);
        let piv = m[p * n + k];
        if piv == 0.0 {
            return Err(Error::InvalidParameter {
                name: "det_a",
                value: 0.0,
                expected: "A must be non-singular",
            });
        }
        if p != k {
            for j in 0..n {
                m.swap(k * n + j, p * n + j);
            }
        }
        s.add(piv.abs().ln());
        for i in k + 1..n {
            let f = m[i * n + k] / piv;
            for j in k..n {
                m[i * n + j] -= f * m[k * n + j];
            }
        }
    }
    Ok(s.total())
}

/// The Irwin–Hall density `f_n(x)` of `U_1 + … + U_n` by the positive recurrence
/// `f_k(y) = [y f_{k−1}(y) + (k − y) f_{k−1}(y − 1)] / (k − 1)` (no cancellation; O(n²)).
fn irwin_hall_pdf(n: usize, x: f64, g: &mut [f64]) -> f64 {
    for (j, v) in g.iter_mut().enumerate().take(n) {
        let y = x - j as f64;
        *v = if (0.0..=1.0).contains(&y) { 1.0 } else { 0.0 };
    }
    for k in 2..=n {
        let kf = k as f64;
        for j in 0..=n - k {
            let y = x - j as f64;
            let a = if y > 0.0 { y * g[j] } else { 0.0 };
            let b = if kf - y > 0.0 {
                (kf - y) * g[j + 1]
            } else {
                0.0
            };
            g[j] = (a + b) / (kf - 1.0);
        }
    }
    g[0]
}

/// Gauss–Legendre nodes and weights on [−1, 1] by Newton's method on `P_m`.
fn gauss_legendre(m: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(m);
    for i in 0..m {
        let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (m as f64 + 0.5)).cos();
        let mut dp = 1.0;
        for _ in 0..100 {
            let (mut p0, mut p1) = (1.0, x);
            for k in 2..=m {
                let kf = k as f64;
                let p2 = ((2.0 * kf - 1.0) * x * p1 - (kf - 1.0) * p0) / kf;
                p0 = p1;
                p1 = p2;
            }
            dp = m as f64 * (x * p1 - p0) / (x * x - 1.0);
            let dx = p1 / dp;
            x -= dx;
            if dx.abs() < 1e-16 {
                break;
            }
        }
        out.push((x, 2.0 / ((1.0 - x * x) * dp * dp)));
    }
    out
}

/// The exact differential entropy `h(Z_n)` (nats) of the standardised sum
/// `Z_n = (U_1 + … + U_n − n/2) / √(n/12)` of `n` i.i.d. `U(0, 1)`, which increases to the
/// normal's `½ ln(2πe) ≈ 1.418939` (the entropic CLT: Barron 1986, "Entropy and the central
/// limit theorem", Ann. Probab. 14; monotonicity: Artstein, Ball, Barthe & Naor 2004).
///
/// # Method
/// `h(Z_n) = h(S_n) − ½ ln(n/12)` with `h(S_n) = −∫₀ⁿ f_n ln f_n` and `f_n` the Irwin–Hall
/// density. By symmetry only `[0, n/2]` is integrated. On `[0, 1]`, `f_n = x^{n−1}/(n−1)!` and
/// the integral is in closed form: `c ln c / n − c (n−1)/n²`, `c = 1/(n−1)!`. On each further
/// unit interval `f_n` is a positive polynomial and `f ln f` is analytic; it is integrated by
/// 30-point Gauss–Legendre on four sub-intervals (a private routine: the crate has no general
/// quadrature yet). `f_n` is evaluated by the positive recurrence
/// `f_k(y) = [y f_{k−1}(y) + (k − y) f_{k−1}(y − 1)]/(k − 1)`, which has no cancellation (the
/// alternating Irwin–Hall sum loses about `n·log₁₀ 2` digits and is unusable past `n ≈ 30`).
/// Relative accuracy: ≤ 1e-13 against mpmath for n ≤ 10 (tests); the recurrence's rounding grows
/// like `n ε` and the cost like `n³`, hence [`ENTROPIC_CLT_MAX_N`] = 200.
///
/// Python: `sanov.entropic_clt(n, base=None)`.
///
/// # Errors
/// [`Error::InvalidParameter`] (`name = "n"`) if `n = 0` or `n > ENTROPIC_CLT_MAX_N`.
///
/// # Examples
/// ```
/// use sanov::families::entropic_clt;
/// // n = 1: U(0,1) scaled by √12: ln √12.
/// assert!((entropic_clt(1)? - 12f64.sqrt().ln()).abs() < 1e-15);
/// let h10 = entropic_clt(10)?;
/// assert!(h10 > entropic_clt(5)? && h10 < 0.5 * (2.0 * std::f64::consts::PI).ln() + 0.5);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn entropic_clt(n: usize) -> Result<f64> {
    if n == 0 || n > ENTROPIC_CLT_MAX_N {
        return Err(Error::InvalidParameter {
            name: "n",
            value: n as f64,
            expected: "must be in 1..=200",
        });
    }
    let nf = n as f64;
    let scale = 0.5 * (nf / 12.0).ln();
    if n == 1 {
        return Ok(-scale);
    }
    // c = 1/(n−1)!, ln c by a sum of logs
    let ln_c: f64 = -(1..n).map(|k| (k as f64).ln()).sum::<f64>();
    let c = ln_c.exp();
    // ∫₀¹ f ln f = c ln c / n − c (n−1)/n²
    let mut s = Neumaier::default();
    let edge = c * ln_c / nf - c * (nf - 1.0) / (nf * nf);
    let mut integral = Neumaier::default();
    integral.add(edge);
    let nodes = gauss_legendre(30);
    let mut g = vec![0.0; n];
    let half = nf / 2.0;
    let mut lo = 1.0;
    while lo < half {
        let hi = (lo + 1.0).min(half);
        let sub = 4;
        let w = (hi - lo) / sub as f64;
        for q in 0..sub {
            let (a, b) = (lo + q as f64 * w, lo + (q + 1) as f64 * w);
            let (mid, rad) = (0.5 * (a + b), 0.5 * (b - a));
            for &(t, wt) in &nodes {
                let f = irwin_hall_pdf(n, mid + rad * t, &mut g);
                if f > 0.0 {
                    s.add(wt * rad * f * f.ln());
                }
            }
        }
        lo = hi;
    }
    integral.add(s.total());
    // n ≥ 2: [0, n/2] holds [0, 1] only when n ≥ 2; for n = 2 the edge is the whole half.
    let h_s = -2.0 * integral.total();
    Ok(h_s - scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// `h(Z_n)` from `scripts/reference/generate_seeds.py` (mpmath, 50 digits, exact
    /// piecewise polynomials), n = 1, 2, 3, 5, 10.
    const REFERENCE: [(usize, f64); 5] = include!("../../tests/data/seeds_entropic_clt.in");
    /// Relative tolerance against the mpmath table.
    const CLT_TOL: f64 = 1e-13;

    #[test]
    fn entropic_clt_matches_mpmath() {
        for (n, want) in REFERENCE {
            let got = entropic_clt(n).unwrap();
            assert!(
                (got - want).abs() <= CLT_TOL * want.abs(),
                "n={n}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn entropic_clt_increases_to_the_normal() {
        let limit = 0.5 * (2.0 * std::f64::consts::PI * std::f64::consts::E).ln();
        let mut prev = f64::NEG_INFINITY;
        for n in [1, 2, 3, 4, 5, 8, 10, 20, 50, 100, 200] {
            let h = entropic_clt(n).unwrap();
            assert!(h > prev && h < limit, "n={n}: {h}");
            prev = h;
        }
        assert!(limit - prev < 1e-4);
    }

    #[test]
    fn affine_rule_and_mvn() {
        use crate::families::MultivariateNormal;
        let cov = array![[2.0, 0.3], [0.3, 1.0]];
        let x = MultivariateNormal::new(array![0.0, 1.0].view(), cov.view()).unwrap();
        let a = array![[1.0, 2.0], [-0.5, 3.0]];
        let y_cov = a.dot(&cov).dot(&a.t());
        let y = MultivariateNormal::new(array![5.0, -1.0].view(), y_cov.view()).unwrap();
        let h = entropy_affine(x.differential_entropy(), a.view()).unwrap();
        assert!((h - y.differential_entropy()).abs() < 1e-14);
        // det = 3 + 1 = 4
        let h0 = entropy_affine(0.0, a.view()).unwrap();
        assert!((h0 - 4f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn errors() {
        assert!(matches!(
            entropic_clt(0),
            Err(Error::InvalidParameter { name: "n", .. })
        ));
        assert!(matches!(
            entropic_clt(ENTROPIC_CLT_MAX_N + 1),
            Err(Error::InvalidParameter { name: "n", .. })
        ));
        let sing = array![[1.0, 2.0], [2.0, 4.0]];
        assert!(matches!(
            entropy_affine(0.0, sing.view()),
            Err(Error::InvalidParameter { name: "det_a", .. })
        ));
        let e = ndarray::Array2::<f64>::zeros((0, 0));
        assert!(matches!(
            entropy_affine(0.0, e.view()),
            Err(Error::Empty { arg: "a" })
        ));
        let r = array![[1.0, 2.0]];
        assert!(matches!(
            entropy_affine(0.0, r.view()),
            Err(Error::ShapeMismatch { arg: "a", .. })
        ));
        assert!(matches!(
            entropy_affine(f64::NAN, array![[1.0]].view()),
            Err(Error::NonFinite { arg: "h_x", .. })
        ));
        assert!(matches!(
            entropy_affine(0.0, array![[f64::INFINITY]].view()),
            Err(Error::NonFinite { arg: "a", .. })
        ));
    }
}
