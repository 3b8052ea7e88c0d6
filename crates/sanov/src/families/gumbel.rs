//! The Gumbel (type-I extreme-value, maximum) distribution, SciPy's `gumbel_r`.

use super::{finite, positive};
use crate::error::Result;
use crate::special::ln_gamma;

/// The Euler–Mascheroni constant `γ`.
pub(super) const EULER_GAMMA: f64 = 0.577_215_664_901_532_860_606_512_090_082;

/// The Gumbel distribution for maxima with location `μ` and scale `β` (SciPy's
/// `gumbel_r(loc, scale)`).
///
/// $$ f(x) = \frac{1}{\beta} \exp\big(-(z + e^{-z})\big), \quad z = \frac{x-\mu}{\beta} $$
///
/// # Examples
/// ```
/// use sanov::families::Gumbel;
/// // h = ln β + γ + 1.
/// let h = Gumbel::new(0.0, 1.0)?.differential_entropy();
/// assert!((h - 1.5772156649015329).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gumbel {
    loc: f64,
    scale: f64,
}

impl Gumbel {
    /// A Gumbel distribution with location `loc` and scale `scale`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) if `loc` is not finite
    /// (`name = "loc"`) or `scale` is not finite and positive (`name = "scale"`).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Gumbel;
    /// assert!(Gumbel::new(0.0, 0.0).is_err());
    /// assert!(Gumbel::new(f64::NAN, 1.0).is_err());
    /// ```
    pub fn new(loc: f64, scale: f64) -> Result<Self> {
        Ok(Self {
            loc: finite("loc", loc)?,
            scale: positive("scale", scale)?,
        })
    }

    /// The location `μ` (the mode).
    pub fn loc(&self) -> f64 {
        self.loc
    }

    /// The scale `β`.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \ln\beta + \gamma + 1 $$
    ///
    /// with `γ` the Euler–Mascheroni constant.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Gumbel;
    /// let h = Gumbel::new(3.0, 2.0)?.differential_entropy();
    /// assert!((h - (2f64.ln() + 1.5772156649015329)).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        self.scale.ln() + EULER_GAMMA + 1.0
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats, in closed form.
    ///
    /// With `r = β_p/β_q` and `d = (μ_p − μ_q)/β_q`,
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = -\ln r + \gamma(r - 1) + d - 1 + e^{-d}\,\Gamma(1 + r), $$
    ///
    /// from `E_p[z_p] = γ`, `E_p[e^{−z_p}] = 1` and `E_p[e^{−t z_p}] = Γ(1 + t)`. It is evaluated
    /// as the sum of two non-negative terms, `(e^w − 1 − w) + (ln Γ(r) + γ(r − 1))` with
    /// `w = ln Γ(1 + r) − d`, the second by its series `Σ_{k≥2} (−1)^k ζ(k) (r−1)^k / k` near
    /// `r = 1`, so that near-equal members keep their relative accuracy. A result beyond the
    /// largest `f64` (`d < −700`) is `+∞`.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Gumbel;
    /// // Equal scales, shift d: KL = d − 1 + e^{−d}.
    /// let d = Gumbel::new(1.0, 1.0)?.kl_divergence(&Gumbel::new(0.0, 1.0)?);
    /// assert!((d - (-1f64).exp()).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// The same closed form is in PyTorch's `torch.distributions.kl` (`Gumbel`, `Gumbel`).
    pub fn kl_divergence(&self, other: &Self) -> f64 {
        let t = (self.scale - other.scale) / other.scale;
        let d = (self.loc - other.loc) / other.scale;
        standard_kl(d, t)
    }
}

/// `KL(Gumbel(d, r) ‖ Gumbel(0, 1))` with `r = 1 + t` (every Gumbel pair reduces to it by an
/// affine change of variable): `(e^w − 1 − w) + (ln Γ(r) + γ(r − 1))`, `w = ln Γ(1 + r) − d`.
/// `t` is passed rather than `r` so that near-equal scales keep the digits of `r − 1`.
///
/// Also the Weibull KL divergence (`−ln X` of a Weibull is a Gumbel).
pub(super) fn standard_kl(d: f64, t: f64) -> f64 {
    let r = 1.0 + t;
    let b = ln_gamma_1p_plus_euler(t);
    // ln Γ(1 + r) = ln r + ln Γ(r) = ln(1 + t) + b − γt.
    let ln_gamma_1p_r = if t.abs() <= SERIES_RADIUS {
        t.ln_1p() + b - EULER_GAMMA * t
    } else {
        ln_gamma(1.0 + r)
    };
    exp_m1_minus(ln_gamma_1p_r - d) + b
}

/// `|t|` up to which [`ln_gamma_1p_plus_euler`] sums its series.
const SERIES_RADIUS: f64 = 0.25;

/// `ζ(k)` for `k = 2, …, 30` (mpmath, 21 digits).
const ZETA: [f64; 29] = [
    1.644_934_066_848_226_436_47,
    1.202_056_903_159_594_285_4,
    1.082_323_233_711_138_191_52,
    1.036_927_755_143_369_926_33,
    1.017_343_061_984_449_139_71,
    1.008_349_277_381_922_826_84,
    1.004_077_356_197_944_339_38,
    1.002_008_392_826_082_214_42,
    1.000_994_575_127_818_085_34,
    1.000_494_188_604_119_464_56,
    1.000_246_086_553_308_048_3,
    1.000_122_713_347_578_489_15,
    1.000_061_248_135_058_704_83,
    1.000_030_588_236_307_020_49,
    1.000_015_282_259_408_651_87,
    1.000_007_637_197_637_899_76,
    1.000_003_817_293_264_999_84,
    1.000_001_908_212_716_553_94,
    1.000_000_953_962_033_872_8,
    1.000_000_476_932_986_787_81,
    1.000_000_238_450_502_727_73,
    1.000_000_119_219_925_965_31,
    1.000_000_059_608_189_051_26,
    1.000_000_029_803_503_514_65,
    1.000_000_014_901_554_828_37,
    1.000_000_007_450_711_789_84,
    1.000_000_003_725_334_024_79,
    1.000_000_001_862_659_723_51,
    1.000_000_000_931_327_432_42,
];

/// `ln Γ(1 + t) + γt ≥ 0` for `t > −1`, by `Σ_{k≥2} (−1)^k ζ(k) t^k / k` (A&S 6.1.33) for
/// `|t| ≤ ¼` (truncation below `¼^{28}` relative), else from [`ln_gamma`].
pub(super) fn ln_gamma_1p_plus_euler(t: f64) -> f64 {
    if t.abs() > SERIES_RADIUS {
        return ln_gamma(1.0 + t) + EULER_GAMMA * t;
    }
    let mut s = 0.0;
    for (i, &z) in ZETA.iter().enumerate().rev() {
        let k = (i + 2) as f64;
        s = s * (-t) + z / k;
    }
    s * t * t
}

/// `e^w − 1 − w ≥ 0`, by its Taylor series for `|w| < ½` (no cancellation near 0).
pub(super) fn exp_m1_minus(w: f64) -> f64 {
    if w.abs() >= 0.5 {
        return w.exp_m1() - w;
    }
    // Σ_{k≥2} w^k/k! = w²/2 · (1 + w/3 (1 + w/4 (1 + …))), 21 terms: the first omitted is
    // below 2^-21 · 2/23! < 1e-28 relative.
    let mut s = 0.0;
    for k in (3..=22).rev() {
        s = s * w / f64::from(k) + 1.0;
    }
    0.5 * w * w * s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_helpers_match_direct_forms_away_from_zero() {
        for t in [-0.25_f64, -0.1, 0.1, 0.2, 0.25] {
            let direct = ln_gamma(1.0 + t) + EULER_GAMMA * t;
            assert!((ln_gamma_1p_plus_euler(t) - direct).abs() < 1e-15);
        }
        for w in [-0.49_f64, -0.2, 0.3, 0.49] {
            let direct = w.exp_m1() - w;
            assert!((exp_m1_minus(w) - direct).abs() < 1e-16);
        }
        // Leading terms: ζ(2)/2 t², w²/2.
        let t = 1e-9;
        assert!((ln_gamma_1p_plus_euler(t) / (t * t) - ZETA[0] / 2.0).abs() < 1e-8);
        assert!((exp_m1_minus(1e-9) / 1e-18 - 0.5).abs() < 1e-8);
    }
}
