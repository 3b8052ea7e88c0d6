//! The multivariate normal distribution.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

use super::ExponentialFamily;
use crate::error::{Error, Result};
use crate::linalg::{cholesky, forward_substitute};

/// `½ ln(2π) + ½`, the per-dimension constant of the entropy.
const HALF_LN_2PI_E: f64 = super::HALF_LN_2PI + 0.5;

/// The multivariate normal distribution `N(μ, Σ)` in `k ≥ 1` dimensions, stored with the
/// Cholesky factor `Σ = L Lᵀ`.
///
/// $$ f(x) = (2\pi)^{-k/2} \det(\Sigma)^{-1/2}
///    \exp\big(-\tfrac12 (x-\mu)^\top \Sigma^{-1} (x-\mu)\big) $$
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::families::MultivariateNormal;
/// let p = MultivariateNormal::new(array![0.0, 0.0].view(), array![[1.0, 0.0], [0.0, 1.0]].view())?;
/// // Two independent standard normals: h = ln(2πe).
/// let want = (2.0 * std::f64::consts::PI * std::f64::consts::E).ln();
/// assert!((p.differential_entropy() - want).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MultivariateNormal {
    mean: Array1<f64>,
    cov: Array2<f64>,
    /// Lower Cholesky factor of `cov`.
    chol: Array2<f64>,
    /// `ln det Σ = 2 Σ ln L_ii`.
    logdet: f64,
}

/// Relative tolerance of the symmetry check `|Σ_ij − Σ_ji| ≤ tol · max(|Σ_ij|, |Σ_ji|)`.
const SYMMETRY_TOL: f64 = 1e-12;

impl MultivariateNormal {
    /// A multivariate normal with mean `mean` (length `k`) and covariance `cov` (`k × k`,
    /// symmetric positive definite).
    ///
    /// # Errors
    /// [`Error::Empty`] if `mean` is empty; [`Error::ShapeMismatch`] if `cov` is not `k × k`;
    /// [`Error::NonFinite`] for a NaN or infinite entry of `mean` or `cov`;
    /// [`Error::NotPositiveDefinite`] if `cov` is not symmetric (to a relative `1e-12`) or its
    /// Cholesky factorisation meets a non-positive pivot.
    ///
    /// # Examples
    /// ```
    /// use ndarray::array;
    /// use sanov::{families::MultivariateNormal, Error};
    /// let r = MultivariateNormal::new(array![0.0, 0.0].view(), array![[1.0, 2.0], [2.0, 1.0]].view());
    /// assert!(matches!(r, Err(Error::NotPositiveDefinite { arg: "cov" })));
    /// ```
    pub fn new(mean: ArrayView1<'_, f64>, cov: ArrayView2<'_, f64>) -> Result<Self> {
        let k = mean.len();
        if k == 0 {
            return Err(Error::Empty { arg: "mean" });
        }
        if cov.dim() != (k, k) {
            return Err(Error::ShapeMismatch {
                arg: "cov",
                expected: vec![k, k],
                found: cov.shape().to_vec(),
            });
        }
        for (index, &value) in mean.iter().enumerate() {
            if !value.is_finite() {
                return Err(Error::NonFinite {
                    arg: "mean",
                    index,
                    value,
                });
            }
        }
        for (index, &value) in cov.iter().enumerate() {
            if !value.is_finite() {
                return Err(Error::NonFinite {
                    arg: "cov",
                    index,
                    value,
                });
            }
        }
        for i in 0..k {
            for j in 0..i {
                let (a, b) = (cov[[i, j]], cov[[j, i]]);
                if (a - b).abs() > SYMMETRY_TOL * a.abs().max(b.abs()) {
                    return Err(Error::NotPositiveDefinite { arg: "cov" });
                }
            }
        }
        let chol = cholesky(cov).ok_or(Error::NotPositiveDefinite { arg: "cov" })?;
        let logdet = 2.0 * chol.diag().iter().map(|d| d.ln()).sum::<f64>();
        Ok(Self {
            mean: mean.to_owned(),
            cov: cov.to_owned(),
            chol,
            logdet,
        })
    }

    /// The dimension `k`.
    pub fn dim(&self) -> usize {
        self.mean.len()
    }

    /// The mean `μ`.
    pub fn mean(&self) -> ArrayView1<'_, f64> {
        self.mean.view()
    }

    /// The covariance `Σ`.
    pub fn cov(&self) -> ArrayView2<'_, f64> {
        self.cov.view()
    }

    /// The lower Cholesky factor `L` of `Σ = L Lᵀ`.
    pub(crate) fn chol(&self) -> &Array2<f64> {
        &self.chol
    }

    /// Differential entropy in nats.
    ///
    /// $$ h(X) = \tfrac{k}{2}\big(1 + \ln 2\pi\big) + \tfrac12 \ln\det\Sigma $$
    ///
    /// # Examples
    /// ```
    /// use ndarray::array;
    /// use sanov::families::MultivariateNormal;
    /// let p = MultivariateNormal::new(array![0.0].view(), array![[4.0]].view())?;
    /// let want = 0.5 * (2.0 * std::f64::consts::PI * std::f64::consts::E * 4.0).ln();
    /// assert!((p.differential_entropy() - want).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    ///
    /// # References
    /// Cover & Thomas, *Elements of Information Theory*, 2nd ed., Theorem 8.4.1.
    pub fn differential_entropy(&self) -> f64 {
        self.dim() as f64 * HALF_LN_2PI_E + 0.5 * self.logdet
    }

    /// Kullback–Leibler divergence `KL(self ‖ other)` in nats.
    ///
    /// $$ D_{\mathrm{KL}}(p\,\|\,q) = \tfrac12\Big(\operatorname{tr}(\Sigma_q^{-1}\Sigma_p)
    ///    + (\mu_q-\mu_p)^\top\Sigma_q^{-1}(\mu_q-\mu_p) - k
    ///    + \ln\frac{\det\Sigma_q}{\det\Sigma_p}\Big) $$
    ///
    /// Evaluated with the Cholesky factors: `tr(Σ_q⁻¹Σ_p) = ‖L_q⁻¹ L_p‖_F²` and the Mahalanobis
    /// term `‖L_q⁻¹(μ_q − μ_p)‖²`, by forward substitution (no inverse is formed).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] if the dimensions differ.
    ///
    /// # Examples
    /// ```
    /// use ndarray::array;
    /// use sanov::families::MultivariateNormal;
    /// let p = MultivariateNormal::new(array![0.0].view(), array![[1.0]].view())?;
    /// let q = MultivariateNormal::new(array![0.0].view(), array![[4.0]].view())?;
    /// assert!((p.kl_divergence(&q)? - 0.3181471805599453).abs() < 1e-15);
    /// # Ok::<(), sanov::Error>(())
    /// ```
    pub fn kl_divergence(&self, other: &Self) -> Result<f64> {
        let k = self.dim();
        if other.dim() != k {
            return Err(Error::LengthMismatch {
                left_arg: "p.mean",
                left: k,
                right_arg: "q.mean",
                right: other.dim(),
            });
        }
        // Mahalanobis term: solve L_q z = μ_q − μ_p.
        let diff: Vec<f64> = (0..k).map(|i| other.mean[i] - self.mean[i]).collect();
        let z = forward_substitute(&other.chol, &diff);
        let maha: f64 = z.iter().map(|v| v * v).sum();
        // Trace term: column by column of L_q⁻¹ L_p (lower triangular, so column j starts at j).
        let mut trace = 0.0;
        for j in 0..k {
            let col: Vec<f64> = (0..k).map(|i| self.chol[[i, j]]).collect();
            let y = forward_substitute(&other.chol, &col);
            trace += y.iter().map(|v| v * v).sum::<f64>();
        }
        Ok(0.5 * (trace + maha - k as f64 + other.logdet - self.logdet))
    }
}

/// `T(x) = (x, vec(x xᵀ))` (the `k × k` matrix row-major), `h(x) = (2π)^{−k/2}`,
/// `η = (Σ⁻¹μ, vec(−½Σ⁻¹))`, `A(η) = ½ μᵀΣ⁻¹μ + ½ ln det Σ`, `μ_T = (μ, vec(Σ + μμᵀ))`.
impl ExponentialFamily for MultivariateNormal {
    fn natural_parameters(&self) -> Vec<f64> {
        let k = self.dim();
        let mut inv = Array2::<f64>::zeros((k, k));
        for c in 0..k {
            let mut e = vec![0.0; k];
            e[c] = 1.0;
            let y = forward_substitute(&self.chol, &e);
            let x = backward_substitute(&self.chol, &y);
            for r in 0..k {
                inv[[r, c]] = x[r];
            }
        }
        let mut eta = inv.dot(&self.mean).to_vec();
        eta.extend(inv.iter().map(|v| -0.5 * v));
        eta
    }

    fn log_partition(&self) -> f64 {
        let z = forward_substitute(&self.chol, &self.mean.to_vec());
        0.5 * z.iter().map(|v| v * v).sum::<f64>() + 0.5 * self.logdet
    }

    fn mean_parameters(&self) -> Vec<f64> {
        let k = self.dim();
        let mut m = self.mean.to_vec();
        for i in 0..k {
            for j in 0..k {
                m.push(self.cov[[i, j]] + self.mean[i] * self.mean[j]);
            }
        }
        m
    }
}

/// Solves `Lᵀ x = y` for lower-triangular `L`.
fn backward_substitute(l: &Array2<f64>, y: &[f64]) -> Vec<f64> {
    let n = y.len();
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for p in i + 1..n {
            s -= l[[p, i]] * x[p];
        }
        x[i] = s / l[[i, i]];
    }
    x
}
