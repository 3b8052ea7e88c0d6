//! Student's t distribution, SciPy's `t`.

use super::gumbel::exp_m1_minus;
use super::{finite, positive, HALF_LN_2PI};
use crate::error::{Error, Result};
use crate::special::{
    digamma, digamma_tail, integrate, ln_beta, ln_gamma_ratio, stirling_correction,
    QUAD_MAX_SUBDIVISIONS,
};

/// `½ ln π`.
const HALF_LN_PI: f64 = 0.572_364_942_924_700_087_071_713_675_676_529;

/// Relative tolerance asked of the quadrature of [`StudentT::kl_divergence`]. Its error
/// estimate (`Σ |K15 − G7|`) is pessimistic for these smooth integrands, so the achieved error
/// is far smaller (the reference table holds it to 1e-12).
const KL_REL_TOL: f64 = 1e-13;

/// Absolute tolerance of that quadrature: the floor set by the rounding of `ln(q/p)` in the
/// integrand, reached only when `KL < 1e-7` (near-equal members).
const KL_ABS_TOL: f64 = 1e-20;

/// Relative tolerance of the second try when the first stalls at the rounding floor of the
/// integrand (members a relative 1e-6 … 1e-16 apart, where `ln(q/p)` is itself a difference
/// of nearly equal logarithms: the K15−G7 estimate stalls at a few 1e-12 of the value).
const KL_RETRY_REL_TOL: f64 = 1e-10;

/// Student's t distribution with `df` degrees of freedom, location `loc` and scale `σ` (SciPy's
/// `t(df, loc, scale)`).
///
/// $$ f(x) = \frac{1}{\sigma\sqrt{\nu}\,B(\nu/2, 1/2)}
///    \Big(1 + \frac{z^2}{\nu}\Big)^{-(\nu+1)/2}, \quad z = \frac{x - \mathrm{loc}}{\sigma},
///    \ \nu = \mathrm{df} $$
///
/// # Examples
/// ```
/// use sanov::families::{Cauchy, StudentT};
/// // t with one degree of freedom is the Cauchy distribution.
/// let t = StudentT::new(1.0, 0.0, 2.0)?.differential_entropy();
/// let c = Cauchy::new(0.0, 2.0)?.differential_entropy();
/// assert!((t - c).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudentT {
    df: f64,
    loc: f64,
    scale: f64,
}

impl StudentT {
    /// A t distribution with `df` degrees of freedom, location `loc` and scale `scale`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) if `df` is not finite and
    /// positive (`name = "df"`; the normal limit `df = ∞` is [`Normal`](super::Normal)), `loc`
    /// is not finite (`"loc"`), or `scale` is not finite and positive (`"scale"`).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::StudentT;
    /// assert!(StudentT::new(0.0, 0.0, 1.0).is_err());
    /// assert!(StudentT::new(f64::INFINITY, 0.0, 1.0).is_err());
    /// assert!(StudentT::new(3.0, 0.0, -1.0).is_err());
    /// ```
    pub fn new(df: f64, loc: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            df: positive("df", df)?,
            loc: finite("loc", loc)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The degrees of freedom `ν`.
    pub fn df(&self) -> f64 {
        self.df
    }

    /// The location.
    pub fn loc(&self) -> f64 {
        self.loc
    }

    /// The scale `σ`.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats, in closed form.
    ///
    /// $$ h(X) = \frac{\nu+1}{2}\Big[\psi\Big(\frac{\nu+1}{2}\Big) - \psi\Big(\frac{\nu}{2}\Big)\Big]
    ///    + \ln\Big(\sqrt{\nu}\,B\Big(\frac{\nu}{2}, \frac12\Big)\Big) + \ln\sigma $$
    ///
    /// For `ν ≥ 20` the large terms (`ln ν` in both parts) cancel analytically: with the
    /// asymptotic series `ψ(x) = ln x − 1/(2x) − R(x)` and the Stirling corrections `c(x)`,
    /// `h = ½ ln(2πe) + ½ ln(1 + 1/ν) + 1/(2ν) + (ν+1)/2 · [R(ν/2) − R((ν+1)/2)]
    /// − [c((ν+1)/2) − c(ν/2)] + ln σ`, so `h → ½ ln(2πeσ²)` (the normal) keeps all its digits
    /// as `ν → ∞`.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::{Normal, StudentT};
    /// let t = StudentT::new(1e15, 0.0, 1.0)?.differential_entropy();
    /// let n = Normal::new(0.0, 1.0)?.differential_entropy();
    /// assert!((t - n).abs() < 1e-12);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        let nu = self.df;
        let x = 0.5 * nu;
        let x_half = 0.5 * (nu + 1.0);
        let standard = if nu < 20.0 {
            x_half * (digamma(x_half) - digamma(x)) + 0.5 * nu.ln() + ln_beta(x, 0.5)
        } else {
            HALF_LN_2PI
                + 0.5
                + 0.5 * (1.0 / nu).ln_1p()
                + 0.5 / nu
                + x_half * (digamma_tail(x) - digamma_tail(x_half))
                - (stirling_correction(x_half) - stirling_correction(x))
        };
        standard + self.scale.ln()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats, by adaptive quadrature (there is
    /// no closed form for two t distributions).
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \int_{-\infty}^{\infty}
    ///    \Big(p \ln\frac{p}{q} - p + q\Big)\,dx , $$
    ///
    /// the usual integral with `∫(q − p) = 0` added, so that the integrand
    /// `p·(e^L − 1 − L)`, `L = ln q − ln p`, is non-negative everywhere and the result keeps its
    /// relative accuracy when `p ≈ q`. Both densities are evaluated in log space (no underflow
    /// in the tails). After standardising `p` (KL is invariant under `x ↦ (x − loc_p)/σ_p`), the
    /// line is cut at the two centres and their midpoint, and each piece is integrated in a
    /// logarithmic variable `x = c ± w·(e^v − 1)` (`w` the scale of the nearer centre), which
    /// turns the algebraic tails `|x|^{−ν−1}` into exponential ones; the Gauss–Kronrod
    /// quadrature of [`crate::special`] runs to a relative error estimate of `1e-13` (absolute
    /// `1e-20` per piece). Where that estimate stalls at the integrand's rounding floor (members
    /// a relative `1e-6 … 1e-16` apart, mostly at small `df`: it stops at a few `1e-12` of the
    /// value), the piece is integrated again to `1e-10` relative.
    ///
    /// Accuracy: relative error `≤ 1e-12` against mpmath at 50 digits (the reference table of
    /// `tests/families_continuous.rs`) when `KL ≥ 1e-7`; below that the rounding of `L` sets an
    /// absolute floor of about `1e-20`; next to the diagonal, within `1e-5` of `½ δᵀ I(θ) δ`
    /// with the t family's Fisher information (`tests/near_diagonal.rs`). `KL(p‖p)` is exactly 0. Equal `df` and scale with
    /// different locations, equal locations with different scales, and different `df` are all
    /// covered by the table.
    ///
    /// # Errors
    /// [`Error::NotConverged`](crate::Error::NotConverged) if the quadrature does not reach its
    /// tolerance within its subdivision budget, or if `|loc_p − loc_q| / min(σ_p, σ_q)` or the
    /// scale ratio overflows `f64` (no member of the reference table or of the property tests
    /// does).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::StudentT;
    /// let p = StudentT::new(3.0, 0.0, 1.0)?;
    /// assert_eq!(p.kl_divergence(&p)?, 0.0);
    /// // mpmath at 50 digits: 0.31393156919322672…
    /// let q = StudentT::new(3.0, 1.0, 1.0)?;
    /// assert!((p.kl_divergence(&q)? - 0.313_931_569_193_226_7).abs() < 1e-12);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> Result<f64> {
        if self == other {
            return Ok(0.0);
        }
        let m = (other.loc - self.loc) / self.scale;
        let s = other.scale / self.scale;
        if !(m.is_finite() && s.is_finite() && s > 0.0 && (1.0 / s).is_finite()) {
            return Err(crate::Error::NotConverged {
                iterations: 0,
                residual: f64::INFINITY,
            });
        }
        let pair = StandardPair::new(self.df, other.df, m, s);
        pair.kl()
    }
}

/// `ln(1 + z²/ν)` without overflow for large `|z|`.
fn ln1p_sq_over(z: f64, nu: f64) -> f64 {
    let r = z * z / nu;
    if r.is_finite() {
        r.ln_1p()
    } else {
        2.0 * z.abs().ln() - nu.ln() + ((nu / z) / z).ln_1p()
    }
}

/// `ln(1 + e^{2ℓ}/ν)` from `ℓ = ln|z|` (for `|z|` beyond the `f64` range).
fn ln1p_sq_over_from_ln(ln_abs_z: f64, nu: f64) -> f64 {
    let y = 2.0 * ln_abs_z - nu.ln();
    if y > 40.0 {
        y + (-y).exp()
    } else {
        y.exp().ln_1p()
    }
}

/// `KL(t(ν_p, 0, 1) ‖ t(ν_q, m, s))`.
struct StandardPair {
    nu_p: f64,
    nu_q: f64,
    m: f64,
    s: f64,
    ln_s: f64,
    /// `ln` of the normalising constants: `ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(νπ)`.
    k_p: f64,
    k_q: f64,
}

fn ln_norm(nu: f64) -> f64 {
    ln_gamma_ratio(0.5 * nu, 0.5) - 0.5 * nu.ln() - HALF_LN_PI
}

impl StandardPair {
    fn new(nu_p: f64, nu_q: f64, m: f64, s: f64) -> Self {
        let k_p = ln_norm(nu_p);
        let k_q = if nu_q == nu_p { k_p } else { ln_norm(nu_q) };
        Self {
            nu_p,
            nu_q,
            m,
            s,
            ln_s: s.ln(),
            k_p,
            k_q,
        }
    }

    /// The integrand `J·p·(e^L − 1 − L)` from `ln p`, `ln q` and the log-Jacobian `ln J`.
    fn integrand(ln_p: f64, ln_q: f64, ln_jac: f64) -> f64 {
        let l = ln_q - ln_p;
        if l <= 1.0 {
            (ln_p + ln_jac).exp() * exp_m1_minus(l)
        } else {
            // p(e^L − 1 − L) = q − p(1 + L): no cancellation for L > 1, no overflow of e^L.
            (ln_q + ln_jac).exp() - (ln_p + ln_jac).exp() * (1.0 + l)
        }
    }

    /// The integrand at `u = c + δ`, `δ = dir·w·(e^v − 1)`, with `c` the centre of `q` (`m`)
    /// if `at_q`, else of `p` (0). The standardised distance to the piece's own centre is taken
    /// from `δ` directly (not from `u − c`, which would lose the digits of a narrow density far
    /// from 0), and everything is in log space when `δ` overflows.
    fn at(&self, at_q: bool, dir: f64, w: f64, ln_w: f64, v: f64) -> f64 {
        let ln_jac = ln_w + v;
        let delta = dir * w * v.exp_m1();
        let (ln_p, ln_q) = if delta.is_finite() {
            let (zp, zq) = if at_q {
                (self.m + delta, delta / self.s)
            } else {
                (delta, (delta - self.m) / self.s)
            };
            (
                self.k_p - 0.5 * (self.nu_p + 1.0) * ln1p_sq_over(zp, self.nu_p),
                self.k_q - self.ln_s - 0.5 * (self.nu_q + 1.0) * ln1p_sq_over(zq, self.nu_q),
            )
        } else {
            // |u − c'| ≈ w e^v for both centres c' (their distance is finite, |δ| is not).
            let ln_abs = ln_w + v + (-(-v).exp()).ln_1p();
            (
                self.k_p - 0.5 * (self.nu_p + 1.0) * ln1p_sq_over_from_ln(ln_abs, self.nu_p),
                self.k_q
                    - self.ln_s
                    - 0.5 * (self.nu_q + 1.0) * ln1p_sq_over_from_ln(ln_abs - self.ln_s, self.nu_q),
            )
        };
        Self::integrand(ln_p, ln_q, ln_jac)
    }

    /// `∫` over `v ∈ [0, v_max]` of the piece from the centre of `q` (`at_q`) or `p`, in
    /// direction `dir`, with width `w`.
    fn piece(&self, at_q: bool, dir: f64, w: f64, v_max: f64) -> Result<f64> {
        let ln_w = w.ln();
        let f = |v| self.at(at_q, dir, w, ln_w, v);
        match integrate(f, 0.0, v_max, KL_REL_TOL, KL_ABS_TOL, QUAD_MAX_SUBDIVISIONS) {
            Ok(q) => Ok(q.value),
            Err(Error::NotConverged { .. }) => Ok(integrate(
                f,
                0.0,
                v_max,
                KL_RETRY_REL_TOL,
                KL_ABS_TOL,
                QUAD_MAX_SUBDIVISIONS,
            )?
            .value),
            Err(e) => Err(e),
        }
    }

    fn kl(&self) -> Result<f64> {
        if self.m == 0.0 {
            let w = self.s.min(1.0);
            return Ok(self.piece(false, -1.0, w, f64::INFINITY)?
                + self.piece(false, 1.0, w, f64::INFINITY)?);
        }
        // The centres 0 (p, width 1) and m (q, width s); `dir` points from p's centre to q's.
        let dir = self.m.signum();
        let half = 0.5 * self.m.abs();
        let outer_p = self.piece(false, -dir, 1.0, f64::INFINITY)?;
        let inner_p = self.piece(false, dir, 1.0, half.ln_1p())?;
        let inner_q = self.piece(true, -dir, self.s, (half / self.s).ln_1p())?;
        let outer_q = self.piece(true, dir, self.s, f64::INFINITY)?;
        Ok(outer_p + inner_p + inner_q + outer_q)
    }
}
