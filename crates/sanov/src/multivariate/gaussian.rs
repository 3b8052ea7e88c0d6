use crate::error::{Error, Result};
use crate::linalg::cholesky_logdet;
use crate::units::Base;
use ndarray::{Array2, ArrayView2};

/// Mutual information of a bivariate Gaussian with correlation `rho`.
///
/// $$ I(X; Y) = -\tfrac12 \log(1 - \rho^2) $$
///
/// Computed as `−½ ln1p(−ρ²)` for `|ρ| < ½` and as `−½[ln1p(−ρ) + ln1p(ρ)]` otherwise, accurate
/// as `ρ → 0` and as `|ρ| → 1`. `|ρ| = 1` gives
/// `+∞`.
///
/// # Errors
/// [`Error::InvalidParameter`] unless `−1 ≤ ρ ≤ 1`.
///
/// # Examples
/// ```
/// use sanov::{multivariate::gaussian_mutual_information, Base};
/// let i = gaussian_mutual_information(0.6, Base::Nats)?;
/// assert!((i - (-0.5 * (1.0f64 - 0.36).ln())).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., Example 8.5.1.
pub fn gaussian_mutual_information(rho: f64, base: Base) -> Result<f64> {
    if !(-1.0..=1.0).contains(&rho) {
        return Err(Error::InvalidParameter {
            name: "rho",
            value: rho,
            expected: "a correlation in [-1, 1]",
        });
    }
    // Near 0, ln1p(−ρ²) keeps every digit; near |ρ| = 1, 1 − ρ² = (1 − ρ)(1 + ρ) does.
    let nats = if rho.abs() < 0.5 {
        -0.5 * (-rho * rho).ln_1p()
    } else {
        -0.5 * ((-rho).ln_1p() + rho.ln_1p())
    };
    Ok(base.from_nats(nats))
}

fn check_indices(arg: &'static str, idx: &[usize], n: usize) -> Result<()> {
    if idx.is_empty() {
        return Err(Error::Empty { arg });
    }
    for (k, &i) in idx.iter().enumerate() {
        if i >= n {
            return Err(Error::IndexOutOfRange {
                arg,
                index: i,
                len: n,
            });
        }
        if idx[..k].contains(&i) {
            return Err(Error::InvalidIndexSet {
                arg,
                reason: "repeats an index",
            });
        }
    }
    Ok(())
}

fn submatrix(cov: &ArrayView2<'_, f64>, idx: &[usize]) -> Array2<f64> {
    Array2::from_shape_fn((idx.len(), idx.len()), |(i, j)| cov[[idx[i], idx[j]]])
}

/// Relative tolerance of the symmetry check on `cov`.
const SYMMETRY_TOLERANCE: f64 = 1e-12;

/// Mutual information between two groups of jointly Gaussian variables, from a covariance
/// matrix.
///
/// $$ I(X; Y) = \tfrac12 \log \frac{\det \Sigma_{XX} \, \det \Sigma_{YY}}{\det \Sigma_{(X,Y)}} $$
///
/// `x` and `y` are disjoint, non-empty lists of indices into `cov`; `Σ_{(X,Y)}` is the
/// covariance of the variables in `x ∪ y` (other variables are marginalised out). Log-
/// determinants come from Cholesky factorisations (`ln det = 2 Σ ln L_ii`).
///
/// # Errors
/// [`Error::ShapeMismatch`] if `cov` is not square; [`Error::NonFinite`] for a non-finite entry;
/// [`Error::InvalidParameter`] if `cov` is not symmetric (relative 1e-12);
/// [`Error::Empty`], [`Error::IndexOutOfRange`] or [`Error::InvalidIndexSet`] (repeated or
/// shared indices) for `x`, `y`; [`Error::NotPositiveDefinite`] if `Σ_{(X,Y)}` is not
/// positive definite.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{multivariate::{gaussian_mutual_information, gaussian_mutual_information_cov}, Base};
/// let cov = array![[1.0, 0.6], [0.6, 1.0]];
/// let i = gaussian_mutual_information_cov(cov.view(), &[0], &[1], Base::Nats)?;
/// assert!((i - gaussian_mutual_information(0.6, Base::Nats)?).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn gaussian_mutual_information_cov(
    cov: ArrayView2<'_, f64>,
    x: &[usize],
    y: &[usize],
    base: Base,
) -> Result<f64> {
    let (n, m) = cov.dim();
    if n != m {
        return Err(Error::ShapeMismatch {
            arg: "cov",
            expected: vec![n, n],
            found: vec![n, m],
        });
    }
    if n == 0 {
        return Err(Error::Empty { arg: "cov" });
    }
    for (k, &v) in cov.iter().enumerate() {
        if !v.is_finite() {
            return Err(Error::NonFinite {
                arg: "cov",
                index: k,
                value: v,
            });
        }
    }
    for i in 0..n {
        for j in 0..i {
            let (a, b) = (cov[[i, j]], cov[[j, i]]);
            if (a - b).abs() > SYMMETRY_TOLERANCE * a.abs().max(b.abs()) {
                return Err(Error::InvalidParameter {
                    name: "cov",
                    value: a - b,
                    expected: "a symmetric matrix (cov[i,j] == cov[j,i])",
                });
            }
        }
    }
    check_indices("x", x, n)?;
    check_indices("y", y, n)?;
    if x.iter().any(|i| y.contains(i)) {
        return Err(Error::InvalidIndexSet {
            arg: "y",
            reason: "shares an index with x; the sets must be disjoint",
        });
    }
    let xy: Vec<usize> = x.iter().chain(y).copied().collect();
    let joint = cholesky_logdet(submatrix(&cov, &xy).view())
        .ok_or(Error::NotPositiveDefinite { arg: "cov" })?;
    // Principal submatrices of a positive definite matrix are positive definite.
    let lx = cholesky_logdet(submatrix(&cov, x).view())
        .ok_or(Error::NotPositiveDefinite { arg: "cov" })?;
    let ly = cholesky_logdet(submatrix(&cov, y).view())
        .ok_or(Error::NotPositiveDefinite { arg: "cov" })?;
    Ok(base.from_nats(0.5 * (lx + ly - joint)))
}
