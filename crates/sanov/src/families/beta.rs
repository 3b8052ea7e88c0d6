//! The beta distribution.

use super::gamma::{near_diagonal, shape_part_near};
use super::{positive, ExponentialFamily};
use crate::error::Result;
use crate::special::{digamma, digamma_tail, ln_beta, ln_gamma, stirling_correction};

/// The beta distribution with shape parameters `α` and `β`, on `(0, 1)`.
///
/// $$ f(x) = \frac{x^{\alpha-1}(1-x)^{\beta-1}}{B(\alpha, \beta)} $$
///
/// # Examples
/// ```
/// use sanov::families::Beta;
/// // Beta(1, 1) is uniform on (0, 1): h = 0.
/// assert!(Beta::new(1.0, 1.0)?.differential_entropy().abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beta {
    alpha: f64,
    beta: f64,
}

impl Beta {
    /// A beta distribution with parameters `alpha`, `beta`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) (`name = "alpha"` or
    /// `"beta"`) unless both are finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Beta;
    /// assert!(Beta::new(1.0, f64::NAN).is_err());
    /// ```
    pub fn new(alpha: f64, beta: f64) -> Result<Self> {
        Ok(Self {
            alpha: positive("alpha", alpha)?,
            beta: positive("beta", beta)?,
        })
    }

    /// The parameter `α`.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The parameter `β`.
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// Differential entropy in nats (≤ 0, with equality for `Beta(1, 1)`).
    ///
    /// $$ h(X) = \ln B(\alpha,\beta) - (\alpha-1)\psi(\alpha) - (\beta-1)\psi(\beta)
    ///    + (\alpha+\beta-2)\psi(\alpha+\beta) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Beta;
    /// // Beta(2, 1) has density 2x: h = 1/2 − ln 2.
    /// let h = Beta::new(2.0, 1.0)?.differential_entropy();
    /// assert!((h - (0.5 - 2f64.ln())).abs() < 1e-14);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        let (a, b) = (self.alpha, self.beta);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if lo >= 10.0 {
            return super::dirichlet::entropy_large_concentrations(&[a, b]);
        }
        if hi >= 10.0 {
            // (hi − 1)[ψ(s) − ψ(hi)] with ψ(s) − ψ(hi) = ln(1 + lo/hi) + lo/(2 hi s) − R(s) + R(hi),
            // so that the two (hi − 1)ψ terms of size hi·ln hi never meet.
            let s = lo + hi;
            let tail_s = if s.is_finite() { digamma_tail(s) } else { 0.0 };
            let dpsi = (lo / hi).ln_1p() + lo / (2.0 * hi * s) - tail_s + digamma_tail(hi);
            return ln_beta(a, b) + (lo - 1.0) * (digamma(s) - digamma(lo)) + (hi - 1.0) * dpsi;
        }
        ln_beta(a, b) - (a - 1.0) * digamma(a) - (b - 1.0) * digamma(b)
            + (a + b - 2.0) * digamma(a + b)
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{B(\alpha_q,\beta_q)}{B(\alpha_p,\beta_p)}
    ///    + (\alpha_p-\alpha_q)\psi(\alpha_p) + (\beta_p-\beta_q)\psi(\beta_p)
    ///    + (\alpha_q-\alpha_p+\beta_q-\beta_p)\psi(\alpha_p+\beta_p) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Beta;
    /// // KL(Beta(2,1) ‖ Beta(1,1)) = −h(Beta(2,1)) = ln 2 − 1/2.
    /// let d = Beta::new(2.0, 1.0)?.kl_divergence(&Beta::new(1.0, 1.0)?);
    /// assert!((d - (2f64.ln() - 0.5)).abs() < 1e-14);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// From a largest parameter of `KL_LARGE_FROM` (100) on, the large terms are cancelled
    /// analytically (see `kl_large` in the source), so that parameters up to about `1e300` keep their
    /// accuracy.
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        let (ap, bp, aq, bq) = (self.alpha, self.beta, other.alpha, other.beta);
        let (sp, sq) = (ap + bp, aq + bq);
        if near_diagonal(ap, aq) && near_diagonal(bp, bq) && near_diagonal(sp, sq) {
            // ln B = ln Γ(α) + ln Γ(β) − ln Γ(α + β), so the KL is D(α) + D(β) − D(α + β) with
            // D(a → a′) = ln Γ(a′) − ln Γ(a) − (a′ − a)ψ(a) ≥ 0 each computed without
            // cancellation; near the diagonal the closed form below subtracts terms of size
            // |Δ|·|ψ| to a result of size Δ² and can round to a negative value.
            // The step of α + β is (α_q − α_p) + (β_q − β_p), not s_q − s_p: each sum is rounded
            // to its own ulp, which can exceed the step.
            let (ca, cb) = (aq - ap, bq - bp);
            return shape_part_near(ap, ca) + shape_part_near(bp, cb)
                - shape_part_near(sp, ca + cb);
        }
        if ap.max(bp).max(aq).max(bq) >= KL_LARGE_FROM {
            return kl_large(ap, bp, aq, bq);
        }
        ln_beta(aq, bq) - ln_beta(ap, bp)
            + (ap - aq) * digamma(ap)
            + (bp - bq) * digamma(bp)
            + (aq - ap + bq - bp) * digamma(ap + bp)
    }
}

/// `T(x) = (ln x, ln(1 − x))`, `h(x) = 1/(x(1−x))`, `η = (α, β)`, `A(η) = ln B(α, β)`,
/// `μ = (ψ(α) − ψ(α+β), ψ(β) − ψ(α+β))`.
impl ExponentialFamily for Beta {
    fn natural_parameters(&self) -> Vec<f64> {
        vec![self.alpha, self.beta]
    }

    fn log_partition(&self) -> f64 {
        ln_beta(self.alpha, self.beta)
    }

    fn mean_parameters(&self) -> Vec<f64> {
        let s = digamma(self.alpha + self.beta);
        vec![digamma(self.alpha) - s, digamma(self.beta) - s]
    }
}

/// The largest parameter from which [`Beta::kl_divergence`] takes [`kl_large`].
const KL_LARGE_FROM: f64 = 100.0;

/// `ρ(z) = ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π]` for any `z > 0` (the Stirling series from
/// 10 on; below, the difference itself, of moderate terms).
fn rho(z: f64) -> f64 {
    if z >= 10.0 {
        stirling_correction(z)
    } else {
        ln_gamma(z) - ((z - 0.5) * z.ln() - z + 0.5 * (2.0 * core::f64::consts::PI).ln())
    }
}

/// `σ(z) = ln z − 1/(2z) − ψ(z)` for any `z > 0`.
fn sigma(z: f64) -> f64 {
    if z >= 10.0 {
        digamma_tail(z)
    } else {
        z.ln() - 0.5 / z - digamma(z)
    }
}

/// `φ(t) = (1 + t) ln(1 + t) − t ≥ 0` for `t > −1`, by its series near 0.
fn phi(t: f64) -> f64 {
    if t.abs() < 0.1 {
        // Σ_{n≥2} (−1)ⁿ tⁿ / (n(n − 1)); 16 terms reach 1e-17 relative at |t| = 0.1.
        let mut s = 0.0;
        let mut tn = t * t;
        for n in 2..18 {
            let sign = if n % 2 == 0 { 1.0 } else { -1.0 };
            s += sign * tn / (n * (n - 1)) as f64;
            tn *= t;
        }
        s
    } else {
        (1.0 + t) * t.ln_1p() - t
    }
}

/// `2^e` for `−1074 ≤ e ≤ 1023` (exact).
fn pow2(e: i32) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

/// The binary exponent of a positive finite `x` (`x = m·2^e`, `1 ≤ m < 2`, normal `x`).
fn exponent(x: f64) -> i32 {
    (((x.to_bits() >> 52) & 0x7ff) as i32 - 1023).max(-1022)
}

/// `½ (t − ln r)` with `r = y/x`, `t = r − 1`.
fn half_gap(y: f64, x: f64) -> f64 {
    let t = (y - x) / x;
    let ln_r = if t.abs() < 0.5 {
        t.ln_1p()
    } else {
        y.ln() - x.ln()
    };
    0.5 * (t - ln_r)
}

/// `D(y, x) − x φ(y/x)` with `D(y, x) = ln Γ(y) − ln Γ(x) − (y − x) ψ(x)` (the Bregman divergence
/// of `ln Γ`): `½(t − ln r) + ρ(y) − ρ(x) + (y − x) σ(x)`, exactly (from the definitions of ρ
/// and σ).
fn rest(y: f64, x: f64) -> f64 {
    half_gap(y, x) + rho(y) - rho(x) + (y - x) * sigma(x)
}

/// `KL(Beta(a_p, b_p) ‖ Beta(a_q, b_q))` without cancellation of large terms. With
/// `D(y, x) = ln Γ(y) − ln Γ(x) − (y − x) ψ(x)` and `s = a + b`,
/// `KL = D(a_q, a_p) + D(b_q, b_p) − D(s_q, s_p)`. Writing `ln Γ` and `ψ` by their Stirling
/// forms with the exact remainders `ρ`, `σ` gives `D(y, x) = x φ(y/x) + rest(y, x)`,
/// `φ(r) = r ln r − r + 1`; the three `x φ(y/x)` terms, each of size `s`, add up to
/// `M = s_q [v φ(δ/v) + w φ(−δ/w)]` with `v = a_p/s_p`, `w = b_p/s_p`,
/// `δ = a_q/s_q − v = (a_q b_p − a_p b_q)/(s_q s_p)` (the linear terms cancel exactly), and the
/// cross difference `a_q b_p − a_p b_q` is computed exactly enough by fused multiply-adds on
/// power-of-two-scaled parameters. The remaining terms are of logarithmic size.
fn kl_large(ap: f64, bp: f64, aq: f64, bq: f64) -> f64 {
    let (sp, sq) = (ap + bp, aq + bq);
    let ea = -exponent(aq.max(ap));
    let eb = -exponent(bq.max(bp));
    let (a1, a0) = (aq * pow2(ea), ap * pow2(ea));
    let (b1, b0) = (bq * pow2(eb), bp * pow2(eb));
    let (p, q) = (a1 * b0, a0 * b1);
    let cross = (p - q) + (a1.mul_add(b0, -p) - a0.mul_add(b1, -q));
    let den = (a1 + bq * pow2(ea)) * (ap * pow2(eb) + b0);
    let delta = if den.is_finite() && den > 0.0 {
        cross / den
    } else {
        aq / sq - ap / sp
    };
    let (v, w) = (ap / sp, bp / sp);
    let m = sq * (v * phi(delta / v) + w * phi(-delta / w));
    m + rest(aq, ap) + rest(bq, bp) - rest(sq, sp)
}
