//! The Dirichlet distribution.

use super::gamma::{near_diagonal, shape_part_near};
use super::{positive, ExponentialFamily};
use crate::error::{Error, Result};
use crate::special::{digamma, digamma_tail, ln_gamma, stirling_correction};

/// `½ ln(2π)`.
const HALF_LN_2PI: f64 = 0.918_938_533_204_672_741_780_329_736_406;

/// The Dirichlet distribution with concentration `α ∈ (0, ∞)ᴷ`, `K ≥ 2`, on the simplex.
///
/// $$ f(x) = \frac{1}{B(\alpha)} \prod_{i=1}^K x_i^{\alpha_i - 1}, \quad
///    B(\alpha) = \frac{\prod_i \Gamma(\alpha_i)}{\Gamma(\alpha_0)}, \ \alpha_0 = \sum_i \alpha_i $$
///
/// The entropy is the differential entropy of the first `K − 1` coordinates (as in SciPy and
/// PyTorch). `Dirichlet([a, b])` is `Beta(a, b)`.
///
/// # Examples
/// ```
/// use sanov::families::Dirichlet;
/// // Dirichlet(1, 1, 1) is uniform on the 2-simplex of area 1/2: h = −ln 2.
/// let h = Dirichlet::new(&[1.0, 1.0, 1.0])?.differential_entropy();
/// assert!((h + 2f64.ln()).abs() < 1e-14);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Dirichlet {
    alpha: Vec<f64>,
}

impl Dirichlet {
    /// A Dirichlet distribution with concentration `alpha`.
    ///
    /// # Errors
    /// [`Error::Empty`] if `alpha` is empty; [`Error::InvalidParameter`] with
    /// `name = "alpha.len()"` if it has one component (a point mass, no density), and with
    /// `name = "alpha"` for the first component that is not finite and positive.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Dirichlet;
    /// assert!(Dirichlet::new(&[1.0, 0.0]).is_err());
    /// ```
    pub fn new(alpha: &[f64]) -> Result<Self> {
        if alpha.is_empty() {
            return Err(Error::Empty { arg: "alpha" });
        }
        if alpha.len() < 2 {
            return Err(Error::InvalidParameter {
                name: "alpha.len()",
                value: alpha.len() as f64,
                expected: "must be >= 2",
            });
        }
        for &a in alpha {
            positive("alpha", a)?;
        }
        Ok(Self {
            alpha: alpha.to_vec(),
        })
    }

    /// The concentration `α`.
    pub fn alpha(&self) -> &[f64] {
        &self.alpha
    }

    /// `ln B(α)`.
    fn ln_b(&self) -> (f64, f64) {
        let a0: f64 = self.alpha.iter().sum();
        let lb = self.alpha.iter().map(|&a| ln_gamma(a)).sum::<f64>() - ln_gamma(a0);
        (lb, a0)
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \ln B(\alpha) + (\alpha_0 - K)\psi(\alpha_0) - \sum_i (\alpha_i - 1)\psi(\alpha_i) $$
    ///
    /// # Examples
    /// ```
    /// use sanov::families::{Beta, Dirichlet};
    /// let d = Dirichlet::new(&[2.0, 3.0])?.differential_entropy();
    /// let b = Beta::new(2.0, 3.0)?.differential_entropy();
    /// assert!((d - b).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn differential_entropy(&self) -> f64 {
        if self.alpha.iter().all(|&a| a >= 10.0) {
            return entropy_large_concentrations(&self.alpha);
        }
        let (lb, a0) = self.ln_b();
        let k = self.alpha.len() as f64;
        lb + (a0 - k) * digamma(a0)
            - self
                .alpha
                .iter()
                .map(|&a| (a - 1.0) * digamma(a))
                .sum::<f64>()
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \ln\frac{B(\beta)}{B(\alpha)}
    ///    + \sum_i (\alpha_i - \beta_i)\big(\psi(\alpha_i) - \psi(\alpha_0)\big) $$
    ///
    /// for `p = Dir(α)`, `q = Dir(β)`.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] if the two have different numbers of components.
    ///
    /// # Examples
    /// ```
    /// use sanov::families::Dirichlet;
    /// let p = Dirichlet::new(&[1.0, 2.0, 3.0])?;
    /// assert_eq!(p.kl_divergence(&p)?, 0.0);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// W. D. Penny, "KL-divergences of Normal, Gamma, Dirichlet and Wishart densities" (2001).
    pub fn kl_divergence(&self, other: &Self) -> Result<f64> {
        if self.alpha.len() != other.alpha.len() {
            return Err(Error::LengthMismatch {
                left_arg: "p.alpha",
                left: self.alpha.len(),
                right_arg: "q.alpha",
                right: other.alpha.len(),
            });
        }
        let (a0p, a0q): (f64, f64) = (self.alpha.iter().sum(), other.alpha.iter().sum());
        if near_diagonal(a0p, a0q)
            && self
                .alpha
                .iter()
                .zip(&other.alpha)
                .all(|(&a, &b)| near_diagonal(a, b))
        {
            // As for the beta: Σ D(αᵢ) − D(α₀) with D(a → a′) = ln Γ(a′) − ln Γ(a) − (a′ − a)ψ(a),
            // each part ≥ 0 and free of the closed form's cancellation near the diagonal.
            // The step of α₀ is Σ (βᵢ − αᵢ), not a0q − a0p (each sum rounded to its own ulp).
            let (mut parts, mut c0) = (0.0, 0.0);
            for (&a, &b) in self.alpha.iter().zip(&other.alpha) {
                parts += shape_part_near(a, b - a);
                c0 += b - a;
            }
            return Ok(parts - shape_part_near(a0p, c0));
        }
        let (lbp, a0) = self.ln_b();
        let (lbq, _) = other.ln_b();
        let psi0 = digamma(a0);
        let s: f64 = self
            .alpha
            .iter()
            .zip(&other.alpha)
            .map(|(&a, &b)| (a - b) * (digamma(a) - psi0))
            .sum();
        Ok(lbq - lbp + s)
    }
}

/// Dirichlet entropy when every `αᵢ ≥ 10`, with the large terms cancelled analytically.
///
/// With the Stirling series `ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + c(x)` and
/// `ψ(x) = ln x − 1/(2x) − R(x)` (A&S 6.1.40, 6.3.18), the `x ln x` and `x` parts of
/// `ln B(α) + (α₀ − K)ψ(α₀) − Σ(αᵢ − 1)ψ(αᵢ)` cancel exactly, leaving
///
/// `h = (K−1)(½ ln 2π + ½) + ½ Σ ln(αᵢ/α₀) − ½(K−1) ln α₀ − Σ 1/(2αᵢ) + K/(2α₀)
///      + Σ (αᵢ − 1) R(αᵢ) − (α₀ − K) R(α₀) + Σ c(αᵢ) − c(α₀)`,
///
/// every term of the size of the result (no 1e300-sized cancellation). `α₀` is handled in
/// logs (`ln α₀ = ln m + ln Σ αᵢ/m`, `m = max αᵢ`) so that nothing overflows.
pub(super) fn entropy_large_concentrations(alpha: &[f64]) -> f64 {
    let k = alpha.len() as f64;
    let m = alpha.iter().copied().fold(0.0, f64::max);
    let ln_rel_sum = alpha.iter().map(|&a| a / m).sum::<f64>().ln();
    let ln_a0 = m.ln() + ln_rel_sum;
    let a0: f64 = alpha.iter().sum();
    let tail = |x: f64, shift: f64| {
        if x.is_finite() {
            (x - shift) * digamma_tail(x)
        } else {
            0.0
        }
    };
    let mut h = (k - 1.0) * (HALF_LN_2PI + 0.5) - 0.5 * (k - 1.0) * ln_a0 + 0.5 * k / a0
        - tail(a0, k)
        - stirling_correction(a0);
    for &a in alpha {
        h += 0.5 * ((a / m).ln() - ln_rel_sum) - 0.5 / a + tail(a, 1.0) + stirling_correction(a);
    }
    h
}

/// `T(x) = (ln x_1, …, ln x_K)`, `h(x) = 1/∏ x_i` on the simplex, `η = α`,
/// `A(η) = ln B(α) = Σ ln Γ(α_i) − ln Γ(α₀)`, `μ = (ψ(α_i) − ψ(α₀))_i` (as for [`Beta`](super::Beta),
/// which is the case `K = 2`).
impl ExponentialFamily for Dirichlet {
    fn natural_parameters(&self) -> Vec<f64> {
        self.alpha.clone()
    }

    fn log_partition(&self) -> f64 {
        self.ln_b().0
    }

    fn mean_parameters(&self) -> Vec<f64> {
        let psi0 = digamma(self.ln_b().1);
        self.alpha.iter().map(|&a| digamma(a) - psi0).collect()
    }
}
