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
