//! KL divergences between members of different families, where a closed form exists.
//!
//! Each function is `KL(p ‖ q)` in nats with `p` the first argument; `+∞` where the support of
//! `p` is not contained in that of `q`.
//!
//! The pairs are those of PyTorch's KL registry (`torch.distributions.kl`) among sanov's
//! families; the ones that are `+∞` for every pair of members (a support that is not contained
//! in the other's) are functions too, so that every pair of the registry has an answer.

use super::{
    Bernoulli, Beta, Binomial, Exponential, Gamma, Laplace, Normal, Poisson, Uniform, HALF_LN_2PI,
};
use crate::special::{digamma, ln_beta, ln_gamma};

/// `KL(Exponential(λ) ‖ Gamma(a, b))`, as `KL(Gamma(1, λ) ‖ Gamma(a, b))`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Gamma};
/// let d = cross::kl_exponential_gamma(&Exponential::new(2.0)?, &Gamma::new(1.0, 2.0)?);
/// assert_eq!(d, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_exponential_gamma(p: &Exponential, q: &Gamma) -> f64 {
    as_gamma(*p).kl_divergence(q)
}

/// `KL(Gamma(a, b) ‖ Exponential(λ))`, as `KL(Gamma(a, b) ‖ Gamma(1, λ))`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Gamma};
/// let d = cross::kl_gamma_exponential(&Gamma::new(1.0, 2.0)?, &Exponential::new(2.0)?);
/// assert_eq!(d, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_gamma_exponential(p: &Gamma, q: &Exponential) -> f64 {
    p.kl_divergence(&as_gamma(*q))
}

fn as_gamma(e: Exponential) -> Gamma {
    // Valid by construction: the rate of an `Exponential` is finite and positive.
    Gamma::new(1.0, e.rate()).unwrap_or_else(|_| unreachable!())
}

/// `KL(Uniform(a, b) ‖ Normal(μ, σ))`.
///
/// $$ D_{\mathrm{KL}} = -\ln(b-a) + \tfrac12\ln(2\pi\sigma^2)
///    + \frac{(b-a)^2/12 + ((a+b)/2 - \mu)^2}{2\sigma^2} $$
///
/// # Examples
/// ```
/// use sanov::families::{cross, Normal, Uniform};
/// let d = cross::kl_uniform_normal(&Uniform::new(-1.0, 1.0)?, &Normal::new(0.0, 1.0)?);
/// let want = -2f64.ln() + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / 6.0;
/// assert!((d - want).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_uniform_normal(p: &Uniform, q: &Normal) -> f64 {
    let w = p.high() - p.low();
    let m = 0.5 * (p.low() + p.high()) - q.loc();
    let s = q.scale();
    -w.ln() + HALF_LN_2PI + s.ln() + (w * w / 12.0 + m * m) / (2.0 * s * s)
}

/// `KL(Normal ‖ Uniform) = +∞` (the normal's support is the whole line).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Normal, Uniform};
/// let d = cross::kl_normal_uniform(&Normal::new(0.0, 1.0)?, &Uniform::new(-1.0, 1.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_normal_uniform(_p: &Normal, _q: &Uniform) -> f64 {
    f64::INFINITY
}

/// `KL(Beta(α, β) ‖ Uniform(a, b))`: `ln(b − a) − h(Beta)` if `[0, 1] ⊆ [a, b]`, else `+∞`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Beta, Uniform};
/// let p = Beta::new(2.0, 1.0)?;
/// let d = cross::kl_beta_uniform(&p, &Uniform::new(0.0, 1.0)?);
/// assert!((d - (2f64.ln() - 0.5)).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_beta_uniform(p: &Beta, q: &Uniform) -> f64 {
    if q.low() <= 0.0 && q.high() >= 1.0 {
        (q.high() - q.low()).ln() - p.differential_entropy()
    } else {
        f64::INFINITY
    }
}

/// `KL(Uniform(a, b) ‖ Exponential(λ))`: `−ln(b − a) − ln λ + λ(a + b)/2` if `a ≥ 0`, else `+∞`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Uniform};
/// let d = cross::kl_uniform_exponential(&Uniform::new(0.0, 2.0)?, &Exponential::new(1.0)?);
/// assert!((d - (1.0 - 2f64.ln())).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_uniform_exponential(p: &Uniform, q: &Exponential) -> f64 {
    if p.low() < 0.0 {
        return f64::INFINITY;
    }
    let lam = q.rate();
    -(p.high() - p.low()).ln() - lam.ln() + lam * 0.5 * (p.low() + p.high())
}

// ---------------------------------------------------------------------------------------------
// Pairs with the Gumbel, Pareto and Laplace families (PyTorch's `torch.distributions.kl`
// registry), and the pairs that the supports make infinite.
// ---------------------------------------------------------------------------------------------

use super::{Gumbel, Pareto};

/// `1 − ½ ln(2π)`.
const ONE_MINUS_HALF_LN_2PI: f64 = 0.081_061_466_795_327_258_219_670_263_594_4;
/// `½ ln(π²/6) − γ − ½ + ½ ln(2π)`.
const GUMBEL_NORMAL_CONST: f64 = 0.090_573_019_538_512_554_911_006_318_485_9;
/// `½ ln π − ½`.
const LAPLACE_NORMAL_CONST: f64 = 0.072_364_942_924_700_087_071_713_675_676_5;
/// `½ − ln(π/2)`.
const NORMAL_LAPLACE_CONST: f64 = 0.048_417_294_710_545_135_273_804_770_105_1;
/// `√(π/2)`.
const SQRT_HALF_PI: f64 = 1.253_314_137_315_500_251_207_882_642_41;
/// `π²/6`, the variance of the standard Gumbel.
const PI2_OVER_6: f64 = 1.644_934_066_848_226_436_472_415_166_646;

/// `KL(Normal(μ, σ) ‖ Gumbel(m, β))`.
///
/// $$ D_{\mathrm{KL}} = -\ln\frac{\sigma}{\beta} - \frac12\ln(2\pi e) + \frac{\mu - m}{\beta}
///    + \exp\Big(\frac{m - \mu}{\beta} + \frac{\sigma^2}{2\beta^2}\Big) $$
///
/// from `E[e^{−(X−m)/β}]`, the normal's moment generating function. Evaluated as the sum of
/// the non-negative terms `(e^w − 1 − w) + ½(v² − 1 − ln v²) + 1 − ½ ln 2π` with `v = σ/β`,
/// `w = (m − μ)/β + v²/2`; `+∞` when `w > 709` (beyond the largest `f64`).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Gumbel, Normal};
/// // μ = m, σ = β = 1: KL = e^{1/2} − ½ ln(2πe).
/// let d = cross::kl_normal_gumbel(&Normal::new(0.0, 1.0)?, &Gumbel::new(0.0, 1.0)?);
/// let want = 0.5f64.exp() - 0.5 * (2.0 * std::f64::consts::PI).ln() - 0.5;
/// assert!((d - want).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_normal_gumbel(p: &Normal, q: &Gumbel) -> f64 {
    let v = p.scale() / q.scale();
    let t = (p.scale() - q.scale()) * (p.scale() + q.scale()) / (q.scale() * q.scale());
    let w = (q.loc() - p.loc()) / q.scale() + 0.5 * v * v;
    super::gumbel::exp_m1_minus(w) + 0.5 * super::t_minus_ln1p(t) + ONE_MINUS_HALF_LN_2PI
}

/// `KL(Gumbel(m, β) ‖ Normal(μ, σ))`.
///
/// $$ D_{\mathrm{KL}} = \ln\frac{\sigma}{\beta} + \frac12\ln(2\pi) - \gamma - 1
///    + \frac{\pi^2\beta^2/6 + (m + \gamma\beta - \mu)^2}{2\sigma^2} $$
///
/// (the Gumbel's mean is `m + γβ`, its variance `π²β²/6`); evaluated as
/// `½(c − 1 − ln c) + ½((m + γβ − μ)/σ)² + 0.0905…` with `c = π²β²/(6σ²)`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Gumbel, Normal};
/// let (p, q) = (Gumbel::new(0.0, 1.0)?, Normal::new(0.5772156649015329, 1.2825498301618641)?);
/// // q has the mean and variance of p: KL = h(q) − h(p) ≈ 0.0905730.
/// assert!((cross::kl_gumbel_normal(&p, &q) - 0.0905730195385125549).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_gumbel_normal(p: &Gumbel, q: &Normal) -> f64 {
    let v = p.scale() / q.scale();
    let c = PI2_OVER_6 * v * v;
    let delta = ((p.loc() - q.loc()) + super::gumbel::EULER_GAMMA * p.scale()) / q.scale();
    0.5 * super::t_minus_ln1p(c - 1.0) + 0.5 * delta * delta + GUMBEL_NORMAL_CONST
}

/// `KL(Normal(μ, σ) ‖ Laplace(m, b))`.
///
/// $$ D_{\mathrm{KL}} = \ln\frac{b}{\sigma} - \frac12\Big(1 + \ln\frac{\pi}{2}\Big)
///    + \frac{\sigma\sqrt{2/\pi}\,e^{-\delta^2/(2\sigma^2)} + \delta\,\mathrm{erf}\big(\delta/(\sqrt2\sigma)\big)}{b} $$
///
/// with `δ = μ − m` (the numerator is `E|X − m|` of the normal); evaluated as
/// `(vg − 1 − ln(vg)) + ln(g/g₀) + ½ − ln(π/2)`, three non-negative terms, with `v = σ/b`,
/// `g = E|X − m|/σ` and `g₀ = √(2/π)` its value at `δ = 0`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Laplace, Normal};
/// // δ = 0, b = σ√(2/π)... at b = σ: KL = √(2/π) − ½ − ½ ln(π/2).
/// let d = cross::kl_normal_laplace(&Normal::new(0.0, 1.0)?, &Laplace::new(0.0, 1.0)?);
/// let pi = std::f64::consts::PI;
/// assert!((d - ((2.0 / pi).sqrt() - 0.5 - 0.5 * (pi / 2.0).ln())).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_normal_laplace(p: &Normal, q: &super::Laplace) -> f64 {
    let v = p.scale() / q.scale();
    let u = (p.loc() - q.loc()).abs() / p.scale();
    // g/g₀ = e^{−u²/2} + u √(π/2) erf(u/√2).
    let g_ratio = (-0.5 * u * u).exp()
        + u * SQRT_HALF_PI * crate::special::erf(u * core::f64::consts::FRAC_1_SQRT_2);
    let vg = v * g_ratio / SQRT_HALF_PI;
    super::t_minus_ln1p(vg - 1.0) + g_ratio.ln() + NORMAL_LAPLACE_CONST
}

/// `KL(Laplace(m, b) ‖ Normal(μ, σ))`.
///
/// $$ D_{\mathrm{KL}} = \ln\frac{\sigma}{b} + \frac12\ln\frac{\pi}{2} - 1
///    + \frac{2b^2 + (m - \mu)^2}{2\sigma^2} $$
///
/// (the Laplace variance is `2b²`); evaluated as `½(2v² − 1 − ln 2v²) + ½((m − μ)/σ)² + ½ ln π − ½`
/// with `v = b/σ`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Laplace, Normal};
/// // 2b² = σ², same centre: KL = ½ ln π − ½.
/// let d = cross::kl_laplace_normal(&Laplace::new(0.0, 0.5f64.sqrt())?, &Normal::new(0.0, 1.0)?);
/// assert!((d - (0.5 * std::f64::consts::PI.ln() - 0.5)).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_laplace_normal(p: &super::Laplace, q: &Normal) -> f64 {
    let v = p.scale() / q.scale();
    let delta = (p.loc() - q.loc()) / q.scale();
    0.5 * super::t_minus_ln1p(2.0 * v * v - 1.0) + 0.5 * delta * delta + LAPLACE_NORMAL_CONST
}

/// `KL(Uniform(a, b) ‖ Gumbel(m, β))`.
///
/// $$ D_{\mathrm{KL}} = \ln\frac{\beta}{b-a} + \frac{(a+b)/2 - m}{\beta}
///    + \frac{\beta}{b-a}\Big(e^{-(a-m)/\beta} - e^{-(b-m)/\beta}\Big) $$
///
/// (the last term is `E[e^{−(X−m)/β}]`), evaluated with `e^{−(a−m)/β}(1 − e^{−w})`,
/// `w = (b − a)/β`, through `expm1`; `+∞` when it exceeds the largest `f64`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Gumbel, Uniform};
/// let d = cross::kl_uniform_gumbel(&Uniform::new(0.0, 1.0)?, &Gumbel::new(0.0, 1.0)?);
/// assert!((d - (0.5 + (1.0 - (-1f64).exp()))).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_uniform_gumbel(p: &Uniform, q: &Gumbel) -> f64 {
    let beta = q.scale();
    let w = (p.high() - p.low()) / beta;
    let za = (p.low() - q.loc()) / beta;
    let tail = (-za + (-(-w).exp_m1()).ln() - w.ln()).exp();
    -w.ln() + za + 0.5 * w + tail
}

/// `KL(Exponential(λ) ‖ Gumbel(m, β))`, as [`kl_gamma_gumbel`] with shape 1:
///
/// $$ D_{\mathrm{KL}} = \ln(\lambda\beta) - 1 + \frac{1}{\lambda\beta} - \frac{m}{\beta}
///    + e^{m/\beta}\,\frac{\lambda\beta}{\lambda\beta + 1} $$
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Gumbel};
/// let d = cross::kl_exponential_gumbel(&Exponential::new(1.0)?, &Gumbel::new(0.0, 1.0)?);
/// assert!((d - 0.5).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_exponential_gumbel(p: &Exponential, q: &Gumbel) -> f64 {
    kl_gamma_gumbel(&as_gamma(*p), q)
}

/// `KL(Gamma(a, r) ‖ Gumbel(m, β))` (shape `a`, rate `r`).
///
/// $$ D_{\mathrm{KL}} = -h(p) + \ln\beta + \frac{a/r - m}{\beta}
///    + e^{m/\beta}\Big(1 + \frac{1}{r\beta}\Big)^{-a} $$
///
/// (the last term is the gamma's moment generating function at `−1/β`); evaluated as
/// `(e^y − 1 − y) + 1 + a(u − ln(1 + u)) − h(p) + ln β` with `u = 1/(rβ)` and
/// `y = m/β − a ln(1 + u)`; `+∞` when it exceeds the largest `f64`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Gamma, Gumbel};
/// let d = cross::kl_gamma_gumbel(&Gamma::new(1.0, 1.0)?, &Gumbel::new(0.0, 1.0)?);
/// assert!((d - 0.5).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_gamma_gumbel(p: &Gamma, q: &Gumbel) -> f64 {
    let (a, beta) = (p.shape(), q.scale());
    let u = (1.0 / p.rate()) / beta;
    if !u.is_finite() {
        return f64::INFINITY;
    }
    let y = q.loc() / beta - a * u.ln_1p();
    super::gumbel::exp_m1_minus(y) + 1.0 + a * super::t_minus_ln1p(u) - p.differential_entropy()
        + beta.ln()
}

/// `KL(Pareto(b, m) ‖ Exponential(λ))`: `+∞` for `b ≤ 1` (infinite mean), else
///
/// $$ D_{\mathrm{KL}} = \ln\frac{b}{m\lambda} - \frac1b - 1 + \frac{b\,m\lambda}{b - 1} $$
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Pareto};
/// let d = cross::kl_pareto_exponential(&Pareto::new(2.0, 1.0)?, &Exponential::new(1.0)?);
/// assert!((d - (2f64.ln() + 0.5)).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_pareto_exponential(p: &Pareto, q: &Exponential) -> f64 {
    let (b, m) = (p.b(), p.scale());
    if b <= 1.0 {
        return f64::INFINITY;
    }
    let k = m * q.rate();
    let mean_ratio = k * b / (b - 1.0);
    if !mean_ratio.is_finite() {
        return f64::INFINITY;
    }
    // (K − 1 − ln K) + 2 ln b − ln(b − 1) − 1/b, K = b mλ/(b − 1).
    super::t_minus_ln1p(mean_ratio - 1.0) + 2.0 * b.ln() - (b - 1.0).ln() - 1.0 / b
}

/// `KL(Pareto(b, m) ‖ Gamma(a, r))` (gamma shape `a`, rate `r`): `+∞` for `b ≤ 1`, else
///
/// $$ D_{\mathrm{KL}} = \ln b - \frac ab - 1 - a\ln(rm) + \ln\Gamma(a) + \frac{b\,rm}{b - 1} $$
///
/// from `E[ln X] = ln m + 1/b` and `E[X] = bm/(b − 1)`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Gamma, Pareto};
/// // Gamma(1, r) is Exponential(r).
/// let d = cross::kl_pareto_gamma(&Pareto::new(2.0, 1.0)?, &Gamma::new(1.0, 1.0)?);
/// assert!((d - (2f64.ln() + 0.5)).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_pareto_gamma(p: &Pareto, q: &Gamma) -> f64 {
    let (b, m, a, r) = (p.b(), p.scale(), q.shape(), q.rate());
    if b <= 1.0 {
        return f64::INFINITY;
    }
    let ln_k = r.ln() + m.ln();
    let mean_rate = (r * m) * b / (b - 1.0);
    b.ln() - a / b - 1.0 - a * ln_k + crate::special::ln_gamma(a) + mean_rate
}

/// `KL(Pareto(b, m) ‖ Normal(μ, σ))`: `+∞` for `b ≤ 2` (infinite variance), else
///
/// $$ D_{\mathrm{KL}} = \ln\frac{b\sigma}{m} - \frac1b - 1 + \frac12\ln(2\pi)
///    + \frac{\mathrm{Var} + (E - \mu)^2}{2\sigma^2} $$
///
/// with the Pareto mean `E = bm/(b − 1)` and variance `Var = b m²/((b − 1)²(b − 2))`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Normal, Pareto};
/// // b = 3, m = 2: E = 3, Var = 3.
/// let d = cross::kl_pareto_normal(&Pareto::new(3.0, 2.0)?, &Normal::new(3.0, 1.0)?);
/// let want = 1.5f64.ln() - 1.0 / 3.0 - 1.0 + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.5;
/// assert!((d - want).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_pareto_normal(p: &Pareto, q: &Normal) -> f64 {
    let (b, m, sigma) = (p.b(), p.scale(), q.scale());
    if b <= 2.0 {
        return f64::INFINITY;
    }
    let ms = m / sigma;
    let var = ms * ms * b / ((b - 1.0) * (b - 1.0) * (b - 2.0));
    let d = (m * b / (b - 1.0) - q.loc()) / sigma;
    b.ln() - ms.ln() - 1.0 / b - 1.0 + HALF_LN_2PI + 0.5 * (var + d * d)
}

/// `KL(Uniform(a, b) ‖ Pareto(β, m))`: `+∞` if `a < m`, else
///
/// $$ D_{\mathrm{KL}} = -\ln\frac{b - a}{m} - \ln\beta + (\beta + 1)\,E\Big[\ln\frac Xm\Big],
///    \quad E[\ln X] = \frac{b\ln b - a\ln a}{b - a} - 1 $$
///
/// with `E[ln(X/m)]` taken as `ln(b/m) − 1 − (1 − δ) ln(1 − δ)/δ`, `δ = (b − a)/b`, which keeps
/// its digits for a narrow uniform.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Pareto, Uniform};
/// // U(1, 2) against Pareto(1, 1): KL = 2 E[ln X] = 2 (2 ln 2 − 1).
/// let d = cross::kl_uniform_pareto(&Uniform::new(1.0, 2.0)?, &Pareto::new(1.0, 1.0)?);
/// assert!((d - 2.0 * (2.0 * 2f64.ln() - 1.0)).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_uniform_pareto(p: &Uniform, q: &Pareto) -> f64 {
    let (lo, hi, beta, m) = (p.low(), p.high(), q.b(), q.scale());
    if lo < m {
        return f64::INFINITY;
    }
    let delta = (hi - lo) / hi;
    let mean_ln =
        super::lognormal::ln_ratio(hi, m) - 1.0 - (1.0 - delta) * (-delta).ln_1p() / delta;
    -super::lognormal::ln_ratio(hi - lo, m) - beta.ln() + (beta + 1.0) * mean_ln
}

/// Declares a cross-family KL that the supports make `+∞` (the support of `p` is not contained
/// in that of `q`).
macro_rules! infinite_kl {
    ($name:ident, $p:ty, $q:ty, $why:literal, $example:literal) => {
        #[doc = concat!(
                    "`KL(", stringify!($p), " ‖ ", stringify!($q), ") = +∞`: ", $why, "\n\n",
                    "# Examples\n```\nuse sanov::families::*;\n",
                    "let d = cross::", stringify!($name), "(", $example, ");\n",
                    "assert_eq!(d, f64::INFINITY);\n# Ok::<(), sanov::Error>(())\n```"
                )]
        pub fn $name(_p: &$p, _q: &$q) -> f64 {
            f64::INFINITY
        }
    };
}

infinite_kl!(
    kl_gumbel_exponential,
    Gumbel,
    Exponential,
    "a Gumbel has mass on `x < 0`.",
    "&Gumbel::new(5.0, 1.0)?, &Exponential::new(1.0)?"
);
infinite_kl!(
    kl_gumbel_gamma,
    Gumbel,
    Gamma,
    "a Gumbel has mass on `x ≤ 0`.",
    "&Gumbel::new(5.0, 1.0)?, &Gamma::new(2.0, 1.0)?"
);
infinite_kl!(
    kl_gumbel_beta,
    Gumbel,
    Beta,
    "a Gumbel has mass outside `(0, 1)`.",
    "&Gumbel::new(0.5, 0.1)?, &Beta::new(2.0, 2.0)?"
);
infinite_kl!(
    kl_gumbel_uniform,
    Gumbel,
    Uniform,
    "a Gumbel's support is the whole line.",
    "&Gumbel::new(0.0, 1.0)?, &Uniform::new(-1e6, 1e6)?"
);
infinite_kl!(
    kl_gumbel_pareto,
    Gumbel,
    Pareto,
    "a Gumbel has mass below any Pareto scale.",
    "&Gumbel::new(10.0, 1.0)?, &Pareto::new(2.0, 1.0)?"
);
infinite_kl!(
    kl_normal_pareto,
    Normal,
    Pareto,
    "a normal has mass below any Pareto scale.",
    "&Normal::new(10.0, 1.0)?, &Pareto::new(2.0, 1.0)?"
);
infinite_kl!(
    kl_laplace_pareto,
    super::Laplace,
    Pareto,
    "a Laplace has mass below any Pareto scale.",
    "&Laplace::new(10.0, 1.0)?, &Pareto::new(2.0, 1.0)?"
);
infinite_kl!(
    kl_exponential_pareto,
    Exponential,
    Pareto,
    "an exponential has mass on `(0, m)`.",
    "&Exponential::new(0.01)?, &Pareto::new(2.0, 1e-9)?"
);
infinite_kl!(
    kl_gamma_pareto,
    Gamma,
    Pareto,
    "a gamma has mass on `(0, m)`.",
    "&Gamma::new(50.0, 1.0)?, &Pareto::new(2.0, 1e-9)?"
);
infinite_kl!(
    kl_beta_pareto,
    Beta,
    Pareto,
    "a beta has mass on `(0, m)`.",
    "&Beta::new(2.0, 2.0)?, &Pareto::new(2.0, 1e-9)?"
);
infinite_kl!(
    kl_pareto_beta,
    Pareto,
    Beta,
    "a Pareto has mass above 1.",
    "&Pareto::new(2.0, 0.5)?, &Beta::new(2.0, 2.0)?"
);
infinite_kl!(
    kl_pareto_uniform,
    Pareto,
    Uniform,
    "a Pareto's support is unbounded above.",
    "&Pareto::new(50.0, 1.0)?, &Uniform::new(0.0, 1e6)?"
);
/// `E[ln X]` for `X ~ Uniform(lo, hi)`, `0 ≤ lo < hi`:
/// `(hi ln hi − lo ln lo)/(hi − lo) − 1 = ln hi − 1 + (lo/w) ln(1 + w/lo)` with `w = hi − lo`
/// (no cancellation for a narrow interval).
fn mean_ln_uniform(lo: f64, hi: f64) -> f64 {
    let w = hi - lo;
    let shift = if lo == 0.0 {
        0.0
    } else {
        lo / w * (w / lo).ln_1p()
    };
    hi.ln() - 1.0 + shift
}

/// `KL(Bernoulli(p) ‖ Poisson(λ)) = λ − H(p) − p ln λ`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Bernoulli, Poisson};
/// // p = 0: the point mass at 0, against P(0) = e^{−λ}: KL = λ.
/// let d = cross::kl_bernoulli_poisson(&Bernoulli::new(0.0)?, &Poisson::new(0.5)?);
/// assert!((d - 0.5).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_bernoulli_poisson(p: &Bernoulli, q: &Poisson) -> f64 {
    let lam = q.rate();
    let cross = if p.p() == 0.0 { 0.0 } else { p.p() * lam.ln() };
    lam - p.entropy() - cross
}

/// `KL(Exponential(λ) ‖ Normal(μ, σ))`: with `E X = 1/λ`, `Var X = 1/λ²`,
///
/// $$ D_{\mathrm{KL}} = \ln\lambda - 1 + \tfrac12\ln(2\pi\sigma^2)
///    + \frac{1/\lambda^2 + (1/\lambda - \mu)^2}{2\sigma^2} $$
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Normal};
/// let d = cross::kl_exponential_normal(&Exponential::new(1.0)?, &Normal::new(1.0, 1.0)?);
/// let want = -1.0 + 0.5 * (2.0 * std::f64::consts::PI).ln() + 0.5;
/// assert!((d - want).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_exponential_normal(p: &Exponential, q: &Normal) -> f64 {
    let m = 1.0 / p.rate();
    normal_cross_entropy(m, m * m, q) - p.differential_entropy()
}

/// `KL(Gamma(a, b) ‖ Normal(μ, σ))`: with `E X = a/b`, `Var X = a/b²`,
/// `−h(Gamma) + ½ ln(2πσ²) + (a/b² + (a/b − μ)²)/(2σ²)`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Gamma, Normal};
/// let q = Normal::new(0.5, 2.0)?;
/// let d = cross::kl_gamma_normal(&Gamma::new(1.0, 3.0)?, &q);
/// assert!((d - cross::kl_exponential_normal(&Exponential::new(3.0)?, &q)).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_gamma_normal(p: &Gamma, q: &Normal) -> f64 {
    let (a, b) = (p.shape(), p.rate());
    normal_cross_entropy(a / b, a / (b * b), q) - p.differential_entropy()
}

/// `KL(Beta(α, β) ‖ Normal(μ, σ))`: with `m = α/(α+β)` and
/// `v = αβ/((α+β)²(α+β+1))`, `−h(Beta) + ½ ln(2πσ²) + (v + (m − μ)²)/(2σ²)`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Beta, Normal};
/// // Beta(1, 1) is uniform on (0, 1): h = 0, m = 1/2, v = 1/12.
/// let d = cross::kl_beta_normal(&Beta::new(1.0, 1.0)?, &Normal::new(0.5, 1.0)?);
/// let want = 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / 24.0;
/// assert!((d - want).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_beta_normal(p: &Beta, q: &Normal) -> f64 {
    let (a, b) = (p.alpha(), p.beta());
    let s = a + b;
    let m = a / s;
    let v = m * (b / s) / (s + 1.0);
    normal_cross_entropy(m, v, q) - p.differential_entropy()
}

/// `−E[ln f_N(X)]` for a law of mean `m` and variance `v` against `N(μ, σ)`.
fn normal_cross_entropy(m: f64, v: f64, q: &Normal) -> f64 {
    let (mu, s) = (q.loc(), q.scale());
    let d = m - mu;
    HALF_LN_2PI + s.ln() + (v + d * d) / (2.0 * s * s)
}

/// `KL(Beta(α, β) ‖ Exponential(λ)) = −h(Beta) − ln λ + λ α/(α+β)`.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Beta, Exponential};
/// // Beta(1, 1) against Exponential(1): 0 − 0 + 1/2.
/// let d = cross::kl_beta_exponential(&Beta::new(1.0, 1.0)?, &Exponential::new(1.0)?);
/// assert!((d - 0.5).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_beta_exponential(p: &Beta, q: &Exponential) -> f64 {
    let lam = q.rate();
    -p.differential_entropy() - lam.ln() + lam * p.alpha() / (p.alpha() + p.beta())
}

/// `KL(Beta(α, β) ‖ Gamma(a, b))`:
///
/// $$ D_{\mathrm{KL}} = -h(\mathrm{Beta}) + \ln\Gamma(a) - a\ln b
///    - (a-1)\big(\psi(\alpha) - \psi(\alpha+\beta)\big) + b\,\frac{\alpha}{\alpha+\beta} $$
///
/// # Examples
/// ```
/// use sanov::families::{cross, Beta, Exponential, Gamma};
/// let p = Beta::new(2.0, 3.0)?;
/// let d = cross::kl_beta_gamma(&p, &Gamma::new(1.0, 2.0)?);
/// assert!((d - cross::kl_beta_exponential(&p, &Exponential::new(2.0)?)).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_beta_gamma(p: &Beta, q: &Gamma) -> f64 {
    let (al, be) = (p.alpha(), p.beta());
    let (a, b) = (q.shape(), q.rate());
    let mean_ln = digamma(al) - digamma(al + be);
    let cross = ln_gamma(a) - a * b.ln() - (a - 1.0) * mean_ln + b * al / (al + be);
    cross - p.differential_entropy()
}

/// `KL(Uniform(lo, hi) ‖ Beta(α, β))`: `+∞` unless `[lo, hi] ⊆ [0, 1]`, else
///
/// $$ D_{\mathrm{KL}} = -\ln(hi - lo) + \ln B(\alpha, \beta)
///    - (\alpha-1)\,E[\ln X] - (\beta-1)\,E[\ln(1-X)] $$
///
/// with `E[ln X] = (hi ln hi − lo ln lo)/(hi − lo) − 1` (`0 ln 0 = 0`), and likewise for
/// `1 − X`, evaluated without cancellation for narrow intervals.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Beta, Uniform};
/// let d = cross::kl_uniform_beta(&Uniform::new(0.0, 1.0)?, &Beta::new(1.0, 1.0)?);
/// assert!(d.abs() < 1e-15);
/// assert_eq!(cross::kl_uniform_beta(&Uniform::new(0.5, 1.5)?, &Beta::new(1.0, 1.0)?), f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_uniform_beta(p: &Uniform, q: &Beta) -> f64 {
    let (lo, hi) = (p.low(), p.high());
    if lo < 0.0 || hi > 1.0 {
        return f64::INFINITY;
    }
    let (a, b) = (q.alpha(), q.beta());
    let ln_x = if a == 1.0 {
        0.0
    } else {
        (a - 1.0) * mean_ln_uniform(lo, hi)
    };
    let ln_1mx = if b == 1.0 {
        0.0
    } else {
        (b - 1.0) * mean_ln_uniform(1.0 - hi, 1.0 - lo)
    };
    -(hi - lo).ln() + ln_beta(a, b) - ln_x - ln_1mx
}

/// `KL(Uniform(lo, hi) ‖ Gamma(a, b))`: `+∞` if `lo < 0`, else
///
/// $$ D_{\mathrm{KL}} = -\ln(hi - lo) + \ln\Gamma(a) - a\ln b - (a-1)\,E[\ln X]
///    + b\,\frac{lo + hi}{2} $$
///
/// with `E[ln X]` as in [`kl_uniform_beta`].
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Gamma, Uniform};
/// let p = Uniform::new(0.5, 2.0)?;
/// let d = cross::kl_uniform_gamma(&p, &Gamma::new(1.0, 1.5)?);
/// assert!((d - cross::kl_uniform_exponential(&p, &Exponential::new(1.5)?)).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_uniform_gamma(p: &Uniform, q: &Gamma) -> f64 {
    let (lo, hi) = (p.low(), p.high());
    if lo < 0.0 {
        return f64::INFINITY;
    }
    let (a, b) = (q.shape(), q.rate());
    let ln_x = if a == 1.0 {
        0.0
    } else {
        (a - 1.0) * mean_ln_uniform(lo, hi)
    };
    -(hi - lo).ln() + ln_gamma(a) - a * b.ln() - ln_x + b * 0.5 * (lo + hi)
}

/// `KL(Exponential ‖ Beta) = +∞` for all members: the support [0, ∞) is not inside (0, 1).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Beta};
/// let d = cross::kl_exponential_beta(&Exponential::new(1.0)?, &Beta::new(2.0, 2.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_exponential_beta(_p: &Exponential, _q: &Beta) -> f64 {
    f64::INFINITY
}

/// `KL(Exponential ‖ Uniform) = +∞` for all members: the support [0, ∞) is not inside a bounded interval.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Exponential, Uniform};
/// let d = cross::kl_exponential_uniform(&Exponential::new(1.0)?, &Uniform::new(0.0, 1e6)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_exponential_uniform(_p: &Exponential, _q: &Uniform) -> f64 {
    f64::INFINITY
}

/// `KL(Gamma ‖ Beta) = +∞` for all members: the support (0, ∞) is not inside (0, 1).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Gamma, Beta};
/// let d = cross::kl_gamma_beta(&Gamma::new(2.0, 1.0)?, &Beta::new(2.0, 2.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_gamma_beta(_p: &Gamma, _q: &Beta) -> f64 {
    f64::INFINITY
}

/// `KL(Gamma ‖ Uniform) = +∞` for all members: the support (0, ∞) is not inside a bounded interval.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Gamma, Uniform};
/// let d = cross::kl_gamma_uniform(&Gamma::new(2.0, 1.0)?, &Uniform::new(0.0, 1e6)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_gamma_uniform(_p: &Gamma, _q: &Uniform) -> f64 {
    f64::INFINITY
}

/// `KL(Laplace ‖ Beta) = +∞` for all members: the support ℝ is not inside (0, 1).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Laplace, Beta};
/// let d = cross::kl_laplace_beta(&Laplace::new(0.5, 1.0)?, &Beta::new(2.0, 2.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_laplace_beta(_p: &Laplace, _q: &Beta) -> f64 {
    f64::INFINITY
}

/// `KL(Laplace ‖ Exponential) = +∞` for all members: the support ℝ is not inside [0, ∞).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Laplace, Exponential};
/// let d = cross::kl_laplace_exponential(&Laplace::new(0.0, 1.0)?, &Exponential::new(1.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_laplace_exponential(_p: &Laplace, _q: &Exponential) -> f64 {
    f64::INFINITY
}

/// `KL(Laplace ‖ Gamma) = +∞` for all members: the support ℝ is not inside (0, ∞).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Laplace, Gamma};
/// let d = cross::kl_laplace_gamma(&Laplace::new(0.0, 1.0)?, &Gamma::new(2.0, 1.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_laplace_gamma(_p: &Laplace, _q: &Gamma) -> f64 {
    f64::INFINITY
}

/// `KL(Laplace ‖ Uniform) = +∞` for all members: the support ℝ is not inside a bounded interval.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Laplace, Uniform};
/// let d = cross::kl_laplace_uniform(&Laplace::new(0.0, 1.0)?, &Uniform::new(-1e6, 1e6)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_laplace_uniform(_p: &Laplace, _q: &Uniform) -> f64 {
    f64::INFINITY
}

/// `KL(Normal ‖ Beta) = +∞` for all members: the support ℝ is not inside (0, 1).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Normal, Beta};
/// let d = cross::kl_normal_beta(&Normal::new(0.5, 1.0)?, &Beta::new(2.0, 2.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_normal_beta(_p: &Normal, _q: &Beta) -> f64 {
    f64::INFINITY
}

/// `KL(Normal ‖ Exponential) = +∞` for all members: the support ℝ is not inside [0, ∞).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Normal, Exponential};
/// let d = cross::kl_normal_exponential(&Normal::new(0.0, 1.0)?, &Exponential::new(1.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_normal_exponential(_p: &Normal, _q: &Exponential) -> f64 {
    f64::INFINITY
}

/// `KL(Normal ‖ Gamma) = +∞` for all members: the support ℝ is not inside (0, ∞).
///
/// # Examples
/// ```
/// use sanov::families::{cross, Normal, Gamma};
/// let d = cross::kl_normal_gamma(&Normal::new(0.0, 1.0)?, &Gamma::new(2.0, 1.0)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_normal_gamma(_p: &Normal, _q: &Gamma) -> f64 {
    f64::INFINITY
}

/// `KL(Poisson ‖ Bernoulli) = +∞` for all members: the support {0, 1, …} is not inside {0, 1}.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Poisson, Bernoulli};
/// let d = cross::kl_poisson_bernoulli(&Poisson::new(0.1)?, &Bernoulli::new(0.5)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_poisson_bernoulli(_p: &Poisson, _q: &Bernoulli) -> f64 {
    f64::INFINITY
}

/// `KL(Poisson ‖ Binomial) = +∞` for all members: the support {0, 1, …} is not inside {0, …, n}.
///
/// # Examples
/// ```
/// use sanov::families::{cross, Poisson, Binomial};
/// let d = cross::kl_poisson_binomial(&Poisson::new(0.1)?, &Binomial::new(100, 0.5)?);
/// assert_eq!(d, f64::INFINITY);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_poisson_binomial(_p: &Poisson, _q: &Binomial) -> f64 {
    f64::INFINITY
}
