//! The multinomial distribution.

use super::bernoulli::kl_term;
use super::binomial::Binomial;
use super::lattice::{binomial_ln_pmf, linear_tail, outward_sum};
use super::poisson::{bd0, stirlerr};
use super::HALF_LN_2PI;
use crate::error::{Error, Result};
use crate::validate::check_probability_vector;

/// Binomial variances at or above this use the moment expansion of
/// [`binomial_poisson_cross_entropy`]; its omitted terms are below `1/μ² ≤ 1e-16` there.
const ASYMPTOTIC_FROM: f64 = 1e8;

/// The multinomial distribution: the counts of `n` independent draws from the categorical
/// distribution `p` on `K` categories (SciPy's `multinomial(n, p)`).
///
/// $$ P(X = x) = \frac{n!}{x_1!\cdots x_K!}\, p_1^{x_1}\cdots p_K^{x_K},
///    \quad x_i \ge 0,\ \textstyle\sum_i x_i = n $$
///
/// # Examples
/// ```
/// use sanov::families::{Binomial, Multinomial};
/// // Two categories: the binomial.
/// let h = Multinomial::new(10, &[0.3, 0.7])?.entropy();
/// assert!((h - Binomial::new(10, 0.3)?.entropy()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Multinomial {
    n: u64,
    p: Vec<f64>,
}

/// `E[−ln Pois(X; np)]` for `X ~ Binomial(n, p)`, `0 < p < 1`: the cross-entropy of the
/// binomial against the Poisson law of the same mean `μ = np`, from which the multinomial
/// entropy is assembled without cancellation of `ln n!` against `Σ E[ln Xᵢ!]`.
///
/// Every term `P(x)·(−ln Pois(x; μ))` is non-negative, with `−ln Pois(x; μ) = μ` at `x = 0`
/// and `stirlerr(x) + bd0(x, μ) + ½ ln(2πx)` otherwise (Loader). For a variance
/// `σ² = np(1−p) ≥ 1e8` the expansion `½ ln(2πμ) + stirlerr(μ) + Σ_{r=2}^{4} ψ^{(r−1)}(μ+1)
/// m_r / r!` in the central moments `m_r` of the binomial, whose omitted terms are below
/// `1/μ²`.
fn binomial_poisson_cross_entropy(n: f64, p: f64) -> f64 {
    let q = 1.0 - p;
    let mu = n * p;
    let var = mu * q;
    if var >= ASYMPTOTIC_FROM {
        let x = mu + 1.0;
        let (r, r2) = (1.0 / x, 1.0 / (x * x));
        // ψ′, ψ″, ψ‴ at x ≥ 1e8 by their asymptotic series (omitted terms below 1e-40).
        let psi1 = r + r2 * (0.5 + r / 6.0);
        let psi2 = -r2 * (1.0 + r * (1.0 + 0.5 * r));
        let psi3 = r2 * r * (2.0 + r * (3.0 + 2.0 * r));
        let (m2, m3) = (var, var * (q - p));
        let m4 = 3.0 * var * var + var * (1.0 - 6.0 * p * q);
        return HALF_LN_2PI
            + 0.5 * mu.ln()
            + stirlerr(mu)
            + psi1 * m2 / 2.0
            + psi2 * m3 / 6.0
            + psi3 * m4 / 24.0;
    }
    let neg_ln_pois = |x: f64| {
        if x == 0.0 {
            mu
        } else {
            stirlerr(x) + bd0(x, mu) + HALF_LN_2PI + 0.5 * x.ln()
        }
    };
    // The increments of −ln Pois(x; μ) are ln(x/μ): at most −ln p upwards (x ≤ n) and at
    // most max(0, ln μ) downwards (x ≥ 1).
    let (slope_up, slope_down) = (-p.ln(), mu.ln().max(0.0));
    let mode = ((n + 1.0) * p).floor().min(n);
    outward_sum(mode, 0.0, n, |k, up| {
        let pk = binomial_ln_pmf(k, n, p).exp();
        let l = neg_ln_pois(k);
        let t = if pk == 0.0 { 0.0 } else { pk * l };
        let (rho, slope) = if up {
            ((n - k) * p / ((k + 1.0) * q), slope_up)
        } else {
            (k * q / ((n - k + 1.0) * p), slope_down)
        };
        (t, linear_tail(pk, rho, l, slope))
    })
    // σ < 1e4: a few times 1e5 terms, far below the limit.
    .unwrap_or_else(|_| unreachable!("σ² < 1e8 needs fewer terms than the limit"))
}

impl Multinomial {
    /// A multinomial distribution with `n` draws from the probabilities `p`.
    ///
    /// # Errors
    /// As [`check_probability_vector`] for `p` (`name = "p"`): [`Error::Empty`],
    /// [`Error::NonFinite`], [`Error::NegativeProbability`], [`Error::NotNormalized`]
    /// (`|Σp − 1| > 1e-9`).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Multinomial;
    /// assert!(Multinomial::new(3, &[0.5, 0.6]).is_err());
    /// ```
    pub fn new(n: u64, p: &[f64]) -> Result<Self> {
        check_probability_vector("p", p)?;
        Ok(Self { n, p: p.to_vec() })
    }

    /// The number of draws `n`.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// The category probabilities `p`.
    pub fn p(&self) -> &[f64] {
        &self.p
    }

    /// Shannon entropy in nats. It has no closed form.
    ///
    /// $$ H(X) = -\ln n! - n\sum_i p_i\ln p_i + \sum_i \sum_{x=0}^{n}
    ///    \binom{n}{x} p_i^x (1-p_i)^{n-x} \ln x! $$
    ///
    /// (each count `X_i` is binomial). The large terms `ln n!` and `E[ln X_i!]` are not
    /// formed: with `μ_i = n p_i`,
    /// `H = Σ_i E[−ln Pois(X_i; μ_i)] − ½ ln(2πn) − stirlerr(n)`, each expectation a finite sum
    /// of non-negative terms (Loader's `stirlerr` and `bd0`), summed outward from the mode with
    /// a certified tail bound below `1e-17` of the sum, or for a variance `n p_i(1−p_i) ≥ 1e8`
    /// a moment expansion with error below `1e-16`. Categories with `p_i = 0` contribute
    /// nothing; with two categories left this is [`Binomial::entropy`]. The error is absolute,
    /// a few ulps of `½ ln(2πn)` per category (relative when `H` is not much smaller than that).
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Multinomial;
    /// // n = 2 draws from three equally likely categories: 3 outcomes of
    /// // probability 1/9 and 3 of probability 2/9.
    /// let h = Multinomial::new(2, &[1.0 / 3.0; 3])?.entropy();
    /// let want = (1.0 / 3.0) * 9f64.ln() + (2.0 / 3.0) * 4.5f64.ln();
    /// assert!((h - want).abs() < 1e-14);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
    pub fn entropy(&self) -> f64 {
        let support: Vec<f64> = self.p.iter().copied().filter(|&v| v > 0.0).collect();
        if self.n == 0 || support.len() < 2 {
            return 0.0;
        }
        if support.len() == 2 {
            // Valid by construction: a positive entry of a probability vector.
            return Binomial::new(self.n, support[0])
                .unwrap_or_else(|_| unreachable!())
                .entropy();
        }
        let n = self.n as f64;
        let cross: f64 = support
            .iter()
            .map(|&pi| binomial_poisson_cross_entropy(n, pi))
            .sum();
        cross - HALF_LN_2PI - 0.5 * n.ln() - stirlerr(n)
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// With the same `n`, `n` times the divergence of the categorical distributions,
    ///
    /// $$ D_{\mathrm{KL}} = n\sum_i p_i\ln\frac{p_i}{q_i}, $$
    ///
    /// `+∞` if `q_i = 0 < p_i` for some `i` (and `n > 0`). With different `n` the supports
    /// (`Σx = n_p` and `Σx = n_q`) are disjoint: `+∞`.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] if the numbers of categories differ.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Multinomial;
    /// let p = Multinomial::new(4, &[0.5, 0.5])?;
    /// let q = Multinomial::new(4, &[0.25, 0.75])?;
    /// let want = 4.0 * 0.5 * (2f64.ln() + (2.0f64 / 3.0).ln());
    /// assert!((p.kl_divergence(&q)? - want).abs() < 1e-14);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> Result<f64> {
        if self.p.len() != other.p.len() {
            return Err(Error::LengthMismatch {
                left_arg: "p.p",
                left: self.p.len(),
                right_arg: "q.p",
                right: other.p.len(),
            });
        }
        if self.n != other.n {
            return Ok(f64::INFINITY);
        }
        if self.n == 0 {
            return Ok(0.0);
        }
        let kl: f64 = self
            .p
            .iter()
            .zip(&other.p)
            .map(|(&a, &b)| kl_term(a, b))
            .sum();
        Ok(self.n as f64 * kl)
    }
}
