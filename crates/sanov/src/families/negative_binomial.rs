//! The negative binomial distribution.

use super::bernoulli::bernoulli_kl;
use super::lattice::{check_work, entropy_tail, linear_tail, nbinom_ln_pmf, outward_sum};
use super::{positive, ExponentialFamily};
use crate::error::{Error, Result};

/// The negative binomial distribution: the number of failures before the `n`-th success in
/// Bernoulli(`p`) trials, `n > 0` real (SciPy's `nbinom(n, p)`).
///
/// $$ P(X = k) = \frac{\Gamma(k+n)}{\Gamma(n)\,k!}\, p^n (1-p)^k, \quad k = 0, 1, \dots $$
///
/// `n = 1` is the geometric distribution on `{0, 1, …}` (SciPy's `geom(p, loc=-1)`).
///
/// # Examples
/// ```
/// use sanov::families::{Geometric, NegativeBinomial};
/// // n = 1 is a geometric distribution shifted to start at 0: the same entropy.
/// let h = NegativeBinomial::new(1.0, 0.3)?.entropy()?;
/// assert!((h - Geometric::new(0.3)?.entropy()).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NegativeBinomial {
    n: f64,
    p: f64,
}

/// The mode, `⌊(n − 1)(1 − p)/p⌋` for `n > 1`, else 0.
fn mode(n: f64, p: f64) -> f64 {
    if n > 1.0 {
        ((n - 1.0) * (1.0 - p) / p).floor()
    } else {
        0.0
    }
}

/// A generous estimate of the number of terms the series over `NB(n, p)` needs: the mean
/// plus 40 times the larger of the standard deviation `√(n(1−p))/p` and the decay length
/// `(1−p)/p` of the geometric tail.
fn work(n: f64, p: f64) -> f64 {
    let q = 1.0 - p;
    n * q / p + 40.0 * (n * q).sqrt().max(q) / p
}

/// A bound on every ratio `P(j+1)/P(j)` for `j ≥ k`: `(j + n)(1 − p)/(j + 1)` falls with `j`
/// for `n ≥ 1` and rises towards `1 − p` for `n < 1`.
fn ratio_up(k: f64, n: f64, p: f64) -> f64 {
    let q = 1.0 - p;
    if n >= 1.0 {
        (k + n) * q / (k + 1.0)
    } else {
        q
    }
}

/// A bound on every ratio `P(j−1)/P(j)` for `1 ≤ j ≤ k` (`n > 1`): `j/((j − 1 + n)(1 − p))`
/// falls as `j` falls.
fn ratio_down(k: f64, n: f64, p: f64) -> f64 {
    k / ((k - 1.0 + n) * (1.0 - p))
}

impl NegativeBinomial {
    /// A negative binomial distribution with `n` successes and success probability `p`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] with `name = "n"` unless `n` is finite and `> 0`, with
    /// `name = "p"` unless `0 < p ≤ 1` (NaN included).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::NegativeBinomial;
    /// assert!(NegativeBinomial::new(0.0, 0.5).is_err());
    /// assert!(NegativeBinomial::new(2.0, 0.0).is_err());
    /// ```
    pub fn new(n: f64, p: f64) -> Result<Self> {
        let n = positive("n", n)?;
        if !(p > 0.0 && p <= 1.0) {
            return Err(Error::InvalidParameter {
                name: "p",
                value: p,
                expected: "must be in (0, 1]",
            });
        }
        Ok(Self { n, p })
    }

    /// The number of successes `n`.
    pub fn n(&self) -> f64 {
        self.n
    }

    /// The success probability `p`.
    pub fn p(&self) -> f64 {
        self.p
    }

    /// Shannon entropy in nats. It has no closed form.
    ///
    /// $$ H(X) = -\sum_{k=0}^\infty P(k)\ln P(k) $$
    ///
    /// The series, with `ln P(k)` in Loader's saddle-point form, summed outward from the mode.
    /// Truncation rule: after the term `k` (`P(k) < 1/e`), every later ratio
    /// `P(j+1)/P(j)` is at most `ρ` (the current ratio for `n ≥ 1`, `1 − p` for `n < 1`), so
    /// the rest of the series is at most `P(k) ρ/(1−ρ) · (−ln P(k) − ln ρ/(1−ρ))`; the sum
    /// stops once this bound is below `1e-17` of the partial sum (likewise below the mode,
    /// where the ratios `P(j−1)/P(j)` fall as `j` falls). The remaining tail is thus provably
    /// below `1e-17` relative. Measured relative error ≤ 2e-15 against mpmath.
    ///
    /// # Errors
    /// [`Error::NotConverged`] if the series would need more than 2·10⁷ terms: refused up
    /// front (0 iterations) when the mean `n(1−p)/p` plus 40 times the larger of the standard
    /// deviation `√(n(1−p))/p` and `(1−p)/p` exceeds that (e.g. `p < 2·10⁻⁶` for `n = 1`).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::NegativeBinomial;
    /// assert_eq!(NegativeBinomial::new(3.0, 1.0)?.entropy()?, 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
    pub fn entropy(&self) -> Result<f64> {
        let (n, p) = (self.n, self.p);
        if p == 1.0 {
            return Ok(0.0);
        }
        check_work(work(n, p))?;
        outward_sum(mode(n, p), 0.0, f64::INFINITY, |k, up| {
            let lp = nbinom_ln_pmf(k, n, p);
            let pk = lp.exp();
            let t = if pk == 0.0 { 0.0 } else { -pk * lp };
            let rho = if up {
                ratio_up(k, n, p)
            } else {
                ratio_down(k, n, p)
            };
            (t, entropy_tail(pk, rho))
        })
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// With the same `n` the closed form (`n` times the divergence of the geometric
    /// distributions),
    ///
    /// $$ D_{\mathrm{KL}} = \frac{n}{p}\Big(p\ln\frac{p}{q} + (1-p)\ln\frac{1-p}{1-q}\Big); $$
    ///
    /// with different `n` there is no closed form: the series `Σ_k P(k) ln(P(k)/Q(k))`,
    /// log-probabilities in Loader's form, summed outward from the mode of `P` until a
    /// certified bound on the rest (probabilities falling geometrically as in
    /// [`entropy`](Self::entropy), `|ln P(k)/Q(k)|` growing at most linearly with slope
    /// `|ln((k+n_p)/(k+n_q))| + |ln((1−p)/(1−q))|`) is below `1e-17` of the sum. `+∞` if
    /// `q = 1 > p` (`Q` is the point mass at 0).
    ///
    /// # Errors
    /// [`Error::NotConverged`] for different `n` where [`entropy`](Self::entropy) gives it for
    /// `self` (the series would need more than 2·10⁷ terms).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::NegativeBinomial;
    /// let d = NegativeBinomial::new(2.0, 0.5)?.kl_divergence(&NegativeBinomial::new(2.0, 0.5)?)?;
    /// assert_eq!(d, 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> Result<f64> {
        let (np, p) = (self.n, self.p);
        let (nq, q) = (other.n, other.p);
        if p == 1.0 {
            // P is the point mass at 0; Q(0) = qⁿ.
            return Ok(-nq * q.ln());
        }
        if q == 1.0 {
            return Ok(f64::INFINITY);
        }
        if np == nq {
            return Ok(np / p * bernoulli_kl(p, q));
        }
        check_work(work(np, p))?;
        let c = ((-p).ln_1p() - (-q).ln_1p()).abs();
        let slope_down = (np / nq).ln().abs() + c;
        outward_sum(mode(np, p), 0.0, f64::INFINITY, |k, up| {
            let lp = nbinom_ln_pmf(k, np, p);
            let l = lp - nbinom_ln_pmf(k, nq, q);
            let pk = lp.exp();
            let t = if pk == 0.0 { 0.0 } else { pk * l };
            let (rho, slope) = if up {
                (ratio_up(k, np, p), ((k + np) / (k + nq)).ln().abs() + c)
            } else {
                (ratio_down(k, np, p), slope_down)
            };
            (t, linear_tail(pk, rho, l.abs(), slope))
        })
    }
}

/// For a fixed `n`: `T(k) = k`, `h(k) = Γ(k+n)/(Γ(n) k!)`, `η = ln(1 − p)`,
/// `A(η) = −n ln(1 − e^η) = −n ln p`, `μ = n(1 − p)/p` (`η = −∞` at `p = 1`).
impl ExponentialFamily for NegativeBinomial {
    fn natural_parameters(&self) -> Vec<f64> {
        vec![(-self.p).ln_1p()]
    }

    fn log_partition(&self) -> f64 {
        -self.n * self.p.ln()
    }

    fn mean_parameters(&self) -> Vec<f64> {
        vec![self.n * (1.0 - self.p) / self.p]
    }
}
