//! KL divergences between members of different families, where a closed form exists.
//!
//! Each function is `KL(p ‖ q)` in nats with `p` the first argument; `+∞` where the support of
//! `p` is not contained in that of `q`.

use super::{Beta, Exponential, Gamma, Normal, Uniform, HALF_LN_2PI};

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
