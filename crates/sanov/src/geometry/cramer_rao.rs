//! The Cramér–Rao bound `I(θ)⁻¹ / n` from a family's Fisher information.

use ndarray::Array2;

use super::FisherMetric;
use crate::error::{Error, Result};
use crate::linalg::{cholesky, cholesky_solve};

/// The Cramér–Rao lower bound on the covariance of an unbiased estimator of `θ` from `n`
/// i.i.d. observations of `dist`, in the coordinates of
/// [`FisherMetric::parameterization`]:
///
/// $$ \operatorname{Cov}(\hat\theta) \succeq \frac{I(\theta)^{-1}}{n} $$
///
/// (Cover & Thomas, *Elements of Information Theory*, 2nd ed., Theorem 11.10.1; Rao 1945,
/// Cramér 1946). Every family with a [`FisherMetric`] implementation is accepted (Bernoulli,
/// categorical, normal, Poisson, exponential, gamma, beta, Dirichlet, Laplace, von Mises,
/// geometric, multivariate normal). `I(θ)` is inverted through its Cholesky factor
/// (`crate::linalg`), one column at a time; the result is symmetrised.
///
/// Python: `sanov.cramer_rao_bound(family, params, n)`.
///
/// # Errors
/// [`Error::InvalidParameter`] (`name = "n"`) if `n = 0`; [`Error::Empty`] (arg
/// `"fisher_information"`) for a `0 × 0` information (a one-category categorical);
/// [`Error::NonFinite`] (arg `"fisher_information"`) where the information is unbounded (on
/// the boundary of the parameter space, e.g. a Bernoulli with `p ∈ {0, 1}`);
/// [`Error::NotPositiveDefinite`] if it is singular.
///
/// # Examples
/// ```
/// use sanov::families::{Bernoulli, Normal};
/// use sanov::geometry::cramer_rao_bound;
/// // Bernoulli: p(1−p)/n
/// let b = cramer_rao_bound(&Bernoulli::new(0.3)?, 10)?;
/// assert!((b[[0, 0]] - 0.021).abs() < 1e-15);
/// // Normal (loc, scale): diag(σ², σ²/2)/n
/// let b = cramer_rao_bound(&Normal::new(1.0, 2.0)?, 4)?;
/// assert!((b[[0, 0]] - 1.0).abs() < 1e-15 && (b[[1, 1]] - 0.5).abs() < 1e-15);
/// assert_eq!(b[[0, 1]], 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn cramer_rao_bound<F: FisherMetric + ?Sized>(dist: &F, n: usize) -> Result<Array2<f64>> {
    if n == 0 {
        return Err(Error::InvalidParameter {
            name: "n",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    let info = dist.fisher_information();
    let d = info.nrows();
    if d == 0 {
        return Err(Error::Empty {
            arg: "fisher_information",
        });
    }
    for (index, &value) in info.iter().enumerate() {
        if !value.is_finite() {
            return Err(Error::NonFinite {
                arg: "fisher_information",
                index,
                value,
            });
        }
    }
    let chol = cholesky(info.view()).ok_or(Error::NotPositiveDefinite {
        arg: "fisher_information",
    })?;
    let mut inv = Array2::zeros((d, d));
    for j in 0..d {
        let mut e = vec![0.0; d];
        e[j] = 1.0;
        let col = cholesky_solve(&chol, &e);
        for i in 0..d {
            inv[[i, j]] = col[i];
        }
    }
    let nf = n as f64;
    let mut out = Array2::zeros((d, d));
    for i in 0..d {
        for j in 0..d {
            out[[i, j]] = 0.5 * (inv[[i, j]] + inv[[j, i]]) / nf;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::families::{Bernoulli, Categorical, Exponential, Gamma, Normal, Poisson};
    use crate::special::trigamma;

    /// Relative tolerance of the inverse against closed forms.
    const CRB_TOL: f64 = 1e-14;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= CRB_TOL * b.abs().max(1e-300)
    }

    #[test]
    fn closed_forms() {
        let b = cramer_rao_bound(&Poisson::new(3.0).unwrap(), 6).unwrap();
        assert!(close(b[[0, 0]], 0.5));
        let e = Exponential::new(2.0).unwrap();
        let b = cramer_rao_bound(&e, 1).unwrap();
        let i = e.fisher_information();
        assert!(close(b[[0, 0]], 1.0 / i[[0, 0]]));
        // categorical in first_k_minus_1 coordinates: (diag(p) − p pᵀ)/n, the multinomial
        // covariance.
        let p = [0.2, 0.3, 0.5];
        let b = cramer_rao_bound(&Categorical::new(&p).unwrap(), 5).unwrap();
        for i in 0..2 {
            for j in 0..2 {
                let want = (if i == j { p[i] } else { 0.0 } - p[i] * p[j]) / 5.0;
                assert!((b[[i, j]] - want).abs() < 1e-16, "{i}{j}");
            }
        }
        // gamma (shape a, rate r): I = [[ψ'(a), −1/r], [−1/r, a/r²]], det = (aψ'(a) − 1)/r².
        let (a, r) = (2.5, 1.5);
        let b = cramer_rao_bound(&Gamma::new(a, r).unwrap(), 1).unwrap();
        let det = (a * trigamma(a) - 1.0) / (r * r);
        assert!(close(b[[0, 0]], (a / (r * r)) / det));
        assert!(close(b[[0, 1]], (1.0 / r) / det));
        assert!(close(b[[1, 1]], trigamma(a) / det));
        // normal: σ²/n and σ²/(2n)
        let b = cramer_rao_bound(&Normal::new(0.0, 3.0).unwrap(), 3).unwrap();
        assert!(close(b[[0, 0]], 3.0) && close(b[[1, 1]], 1.5));
    }

    #[test]
    fn errors() {
        let b = Bernoulli::new(0.5).unwrap();
        assert!(matches!(
            cramer_rao_bound(&b, 0),
            Err(Error::InvalidParameter { name: "n", .. })
        ));
        assert!(matches!(
            cramer_rao_bound(&Bernoulli::new(0.0).unwrap(), 1),
            Err(Error::NonFinite {
                arg: "fisher_information",
                ..
            })
        ));
        assert!(matches!(
            cramer_rao_bound(&Categorical::new(&[1.0]).unwrap(), 1),
            Err(Error::Empty {
                arg: "fisher_information"
            })
        ));
    }
}
