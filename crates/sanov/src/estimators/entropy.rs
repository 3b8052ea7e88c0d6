//! Entropy estimators from label counts: plug-in, Miller–Madow, Grassberger, Chao–Shen.

use super::counts::LabelCounts;
use super::nsb::{nsb, NsbOptions};
use super::special::digamma;
use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::units::Base;

/// A discrete entropy estimator, evaluated on a [`LabelCounts`] table by
/// [`LabelCounts::entropy`].
///
/// Estimators without settings are unit variants; NSB carries its [`NsbOptions`].
///
/// # Examples
/// ```
/// use sanov::estimators::{DiscreteEstimator, LabelCounts, NsbOptions};
/// use sanov::Base;
/// let t = LabelCounts::from_labels(&[0, 0, 1, 2]);
/// let plug_in = t.entropy(&DiscreteEstimator::PlugIn, Base::Bits)?;
/// assert_eq!(plug_in, 1.5);
/// let nsb = DiscreteEstimator::Nsb(NsbOptions { alphabet_size: 3, ..Default::default() });
/// assert!(t.entropy(&nsb, Base::Bits)? > 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub enum DiscreteEstimator {
    /// [`LabelCounts::plugin_entropy`].
    #[default]
    PlugIn,
    /// [`LabelCounts::miller_madow_entropy`].
    MillerMadow,
    /// [`LabelCounts::grassberger_entropy`].
    Grassberger,
    /// [`LabelCounts::chao_shen_entropy`].
    ChaoShen,
    /// [`LabelCounts::nsb_entropy`] (its posterior mean).
    Nsb(NsbOptions),
}

/// `Error::Empty` for an empty table.
fn nonempty(t: &LabelCounts) -> Result<f64> {
    if t.is_empty() {
        Err(Error::Empty { arg: "samples" })
    } else {
        Ok(t.total() as f64)
    }
}

impl LabelCounts {
    /// The entropy estimate of `estimator`, in `base`.
    ///
    /// # Errors
    /// Those of the chosen estimator.
    pub fn entropy(&self, estimator: &DiscreteEstimator, base: Base) -> Result<f64> {
        match estimator {
            DiscreteEstimator::PlugIn => self.plugin_entropy(base),
            DiscreteEstimator::MillerMadow => self.miller_madow_entropy(base),
            DiscreteEstimator::Grassberger => self.grassberger_entropy(base),
            DiscreteEstimator::ChaoShen => self.chao_shen_entropy(base),
            DiscreteEstimator::Nsb(p) => Ok(self.nsb_entropy(p, base)?.mean),
        }
    }

    /// Plug-in (maximum-likelihood) entropy of the empirical distribution `n_i / N`.
    ///
    /// $$ \hat H_{\mathrm{ML}} = \sum_i \frac{n_i}{N} \ln \frac{N}{n_i} $$
    ///
    /// Each term is computed from the ratio `N / n_i` (one rounding) and summed with Neumaier
    /// compensation. Biased low by about `(m − 1)/(2N)` nats (see
    /// [`LabelCounts::miller_madow_entropy`]).
    ///
    /// # Errors
    /// [`Error::Empty`] if the table holds no samples.
    ///
    /// # Examples
    /// ```
    /// use sanov::{estimators::LabelCounts, Base};
    /// assert_eq!(LabelCounts::from_labels(&[4, 4, 9, 9]).plugin_entropy(Base::Bits)?, 1.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn plugin_entropy(&self, base: Base) -> Result<f64> {
        let n = nonempty(self)?;
        let mut acc = Neumaier::default();
        for &c in self.counts() {
            let c = c as f64;
            acc.add(c * (n / c).ln());
        }
        Ok(base.from_nats(acc.total() / n))
    }

    /// Miller–Madow entropy: the plug-in estimate plus the first-order bias correction.
    ///
    /// $$ \hat H_{\mathrm{MM}} = \hat H_{\mathrm{ML}} + \frac{m - 1}{2N} \quad \text{(nats)} $$
    ///
    /// with `m` the number of distinct observed labels and `N` the number of samples[^miller].
    ///
    /// # Errors
    /// [`Error::Empty`] if the table holds no samples.
    ///
    /// # Examples
    /// ```
    /// use sanov::{estimators::LabelCounts, Base};
    /// let h = LabelCounts::from_labels(&[0, 0, 1, 1]).miller_madow_entropy(Base::Nats)?;
    /// assert_eq!(h, std::f64::consts::LN_2 + 0.125);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// [^miller]: G. A. Miller, "Note on the bias of information estimates", in *Information
    ///     Theory in Psychology*, H. Quastler (ed.), Free Press, 1955, pp. 95–100.
    pub fn miller_madow_entropy(&self, base: Base) -> Result<f64> {
        let n = nonempty(self)?;
        let h = self.plugin_entropy(Base::Nats)?;
        Ok(base.from_nats(h + (self.distinct() as f64 - 1.0) / (2.0 * n)))
    }

    /// Grassberger's (2003) bias-corrected entropy estimate.
    ///
    /// $$ \hat H_{\mathrm{G}} = \ln N - \frac{1}{N} \sum_i n_i\, G(n_i), \qquad
    ///    G(n) = \psi(n) + \tfrac12 (-1)^n \left[\psi\!\left(\tfrac{n+1}{2}\right)
    ///    - \psi\!\left(\tfrac{n}{2}\right)\right] $$
    ///
    /// (eq. 35 of the reference[^grassberger]; ψ is the digamma function). Evaluated once per
    /// distinct count value as `Σ n (ln N − G(n)) / N`.
    ///
    /// # Errors
    /// [`Error::Empty`] if the table holds no samples.
    ///
    /// # Examples
    /// ```
    /// use sanov::{estimators::LabelCounts, Base};
    /// // One sample per label: G(1) = −γ − ln 2, so H = ln N + γ + ln 2.
    /// let h = LabelCounts::from_labels(&[1, 2]).grassberger_entropy(Base::Nats)?;
    /// assert!((h - (2f64.ln() + 0.5772156649015329 + 2f64.ln())).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// [^grassberger]: P. Grassberger, "Entropy estimates from insufficient samplings",
    ///     arXiv:physics/0307138 (2003).
    pub fn grassberger_entropy(&self, base: Base) -> Result<f64> {
        let n = nonempty(self)?;
        let ln_n = n.ln();
        let mut acc = Neumaier::default();
        for (c, f) in self.profile() {
            let cf = c as f64;
            let sign = if c % 2 == 0 { 0.5 } else { -0.5 };
            let g = digamma(cf) + sign * (digamma(f64::midpoint(cf, 1.0)) - digamma(cf / 2.0));
            acc.add(f as f64 * cf * (ln_n - g));
        }
        Ok(base.from_nats(acc.total() / n))
    }

    /// Chao–Shen coverage-adjusted entropy estimate (Horvitz–Thompson over the observed
    /// labels).
    ///
    /// $$ \hat C = 1 - \frac{f_1}{N}, \quad \hat p_i = \hat C \frac{n_i}{N}, \quad
    ///    \hat H_{\mathrm{CS}} = -\sum_i \frac{\hat p_i \ln \hat p_i}{1 - (1 - \hat p_i)^N} $$
    ///
    /// with `f₁` the number of labels seen exactly once[^chaoshen]. If every sample is a
    /// singleton (`f₁ = N`), `f₁ = N − 1` is used so that the coverage is not zero (the
    /// correction of the R package `entropy`, Hausser & Strimmer). `1 − (1 − p)^N` is computed
    /// as `−expm1(N ln1p(−p))`.
    ///
    /// # Errors
    /// [`Error::Empty`] if the table holds no samples.
    ///
    /// # Examples
    /// ```
    /// use sanov::{estimators::LabelCounts, Base};
    /// // No singletons: coverage 1, p = (1/2, 1/2), weights 1/(1 − 2^-4).
    /// let h = LabelCounts::from_labels(&[0, 0, 1, 1]).chao_shen_entropy(Base::Bits)?;
    /// assert!((h - 16.0 / 15.0).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// [^chaoshen]: A. Chao and T.-J. Shen, "Nonparametric estimation of Shannon's index of
    ///     diversity when there are unseen species in sample", *Environmental and Ecological
    ///     Statistics* 10 (2003) 429–443.
    pub fn chao_shen_entropy(&self, base: Base) -> Result<f64> {
        let n = nonempty(self)?;
        let profile = self.profile();
        let mut f1 = profile
            .first()
            .filter(|&&(c, _)| c == 1)
            .map_or(0, |&(_, f)| f);
        if f1 == self.total() {
            f1 -= 1;
        }
        let coverage = 1.0 - f1 as f64 / n;
        let mut acc = Neumaier::default();
        for (c, f) in profile {
            let p = coverage * c as f64 / n;
            let inclusion = -(n * (-p).ln_1p()).exp_m1();
            acc.add(-(f as f64) * p * p.ln() / inclusion);
        }
        Ok(base.from_nats(acc.total()))
    }
}

/// Plug-in entropy of integer-label samples: [`LabelCounts::plugin_entropy`] of their counts.
///
/// $$ \hat H_{\mathrm{ML}} = \sum_i \frac{n_i}{N} \ln \frac{N}{n_i} $$
///
/// Equals `scipy.stats.entropy(np.unique(samples, return_counts=True)[1])`. Counting is
/// `O(N)` for label ranges below `min(2^24, 4N + 1024)`, else `O(N log N)`.
///
/// # Errors
/// [`Error::Empty`] if `samples` is empty.
///
/// # Examples
/// ```
/// use sanov::{estimators::plugin_entropy, Base};
/// assert_eq!(plugin_entropy(&[7, 7, -1, 3], Base::Bits)?, 1.5);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn plugin_entropy(samples: &[i64], base: Base) -> Result<f64> {
    LabelCounts::from_labels(samples).plugin_entropy(base)
}

/// Miller–Madow entropy of integer-label samples: [`LabelCounts::miller_madow_entropy`].
///
/// $$ \hat H_{\mathrm{MM}} = \hat H_{\mathrm{ML}} + \frac{m - 1}{2N} \quad \text{(nats)} $$
///
/// (Miller 1955).
///
/// # Errors
/// [`Error::Empty`] if `samples` is empty.
///
/// # Examples
/// ```
/// use sanov::{estimators::miller_madow_entropy, Base};
/// assert_eq!(miller_madow_entropy(&[5, 5, 5, 5], Base::Nats)?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn miller_madow_entropy(samples: &[i64], base: Base) -> Result<f64> {
    LabelCounts::from_labels(samples).miller_madow_entropy(base)
}

/// Grassberger (2003) entropy of integer-label samples: [`LabelCounts::grassberger_entropy`].
///
/// $$ \hat H_{\mathrm{G}} = \ln N - \frac{1}{N} \sum_i n_i\, G(n_i) $$
///
/// (Grassberger, arXiv:physics/0307138).
///
/// # Errors
/// [`Error::Empty`] if `samples` is empty.
///
/// # Examples
/// ```
/// use sanov::{estimators::grassberger_entropy, Base};
/// let h = grassberger_entropy(&[0, 0, 1, 1, 2], Base::Nats)?;
/// assert!(h > sanov::estimators::plugin_entropy(&[0, 0, 1, 1, 2], Base::Nats)?);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn grassberger_entropy(samples: &[i64], base: Base) -> Result<f64> {
    LabelCounts::from_labels(samples).grassberger_entropy(base)
}

/// Chao–Shen (2003) coverage-adjusted entropy of integer-label samples:
/// [`LabelCounts::chao_shen_entropy`].
///
/// $$ \hat H_{\mathrm{CS}} = -\sum_i \frac{\hat p_i \ln \hat p_i}{1 - (1 - \hat p_i)^N},
///    \quad \hat p_i = \Big(1 - \frac{f_1}{N}\Big) \frac{n_i}{N} $$
///
/// # Errors
/// [`Error::Empty`] if `samples` is empty.
///
/// # Examples
/// ```
/// use sanov::{estimators::chao_shen_entropy, Base};
/// let h = chao_shen_entropy(&[0, 0, 1, 1], Base::Bits)?;
/// assert!((h - 16.0 / 15.0).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn chao_shen_entropy(samples: &[i64], base: Base) -> Result<f64> {
    LabelCounts::from_labels(samples).chao_shen_entropy(base)
}

/// NSB posterior of the entropy of integer-label samples from an alphabet of
/// `params.alphabet_size` symbols: [`LabelCounts::nsb_entropy`].
///
/// # Errors
/// [`Error::Empty`]; [`Error::InvalidParameter`]; [`Error::NotConverged`] (see
/// [`LabelCounts::nsb_entropy`]).
///
/// # Examples
/// ```
/// use sanov::{estimators::{nsb_entropy, NsbOptions}, Base};
/// let est = nsb_entropy(&[0, 0, 1, 2], &NsbOptions { alphabet_size: 4, ..Default::default() },
///     Base::Nats)?;
/// assert!(est.mean > 0.0 && est.mean < 4f64.ln() && est.std > 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn nsb_entropy(samples: &[i64], params: &NsbOptions, base: Base) -> Result<super::NsbEstimate> {
    nsb(&LabelCounts::from_labels(samples), params, base)
}
