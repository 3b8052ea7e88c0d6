//! Small dense linear algebra used internally (no BLAS).

use ndarray::{Array2, ArrayView2};

/// Lower Cholesky factor `L` of the symmetric matrix `a` (`a = L Lᵀ`; only the lower triangle is
/// read); `None` unless every pivot is finite and positive (`a` not positive definite, or not
/// finite).
pub(crate) fn cholesky(a: ArrayView2<'_, f64>) -> Option<Array2<f64>> {
    let n = a.nrows();
    let mut l = Array2::<f64>::zeros((n, n));
    for j in 0..n {
        let mut d = a[[j, j]];
        for p in 0..j {
            d -= l[[j, p]] * l[[j, p]];
        }
        if !(d > 0.0 && d.is_finite()) {
            return None;
        }
        let djj = d.sqrt();
        l[[j, j]] = djj;
        for i in j + 1..n {
            let mut s = a[[i, j]];
            for p in 0..j {
                s -= l[[i, p]] * l[[j, p]];
            }
            if !s.is_finite() {
                return None;
            }
            l[[i, j]] = s / djj;
        }
    }
    Some(l)
}

/// `ln det A` of a symmetric positive definite `A` from its Cholesky factor
/// (`ln det A = 2 Σ ln L_ii`); `None` if [`cholesky`] fails.
pub(crate) fn cholesky_logdet(a: ArrayView2<'_, f64>) -> Option<f64> {
    let l = cholesky(a)?;
    let mut logdet = 0.0;
    for j in 0..l.nrows() {
        logdet += 2.0 * l[[j, j]].ln();
    }
    Some(logdet)
}

/// Solves `L y = b` for a lower-triangular `L`.
pub(crate) fn forward_substitute(l: &Array2<f64>, b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for p in 0..i {
            s -= l[[i, p]] * y[p];
        }
        y[i] = s / l[[i, i]];
    }
    y
}

/// Solves `L Lᵀ x = b` given the lower Cholesky factor `L`.
pub(crate) fn cholesky_solve(l: &Array2<f64>, b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut y = forward_substitute(l, b);
    for i in (0..n).rev() {
        let mut s = y[i];
        for p in i + 1..n {
            s -= l[[p, i]] * y[p];
        }
        y[i] = s / l[[i, i]];
    }
    y
}

/// Dot product with four accumulators (vectorises).
#[inline]
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for i in 0..4 {
            acc[i] += x[i] * y[i];
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// Solves `H x = b` for a symmetric positive semi-definite `H` (row-major `k×k`) by Cholesky
/// factorisation, adding a ridge `μ I` (growing from `1e-12 · max H_jj`) when a pivot falls to
/// rounding level, so that singular Hessians (affinely dependent features) still give a step.
pub(crate) fn solve_psd(h: &[f64], b: &[f64]) -> Vec<f64> {
    let k = b.len();
    let scale = (0..k).map(|j| h[j * k + j]).fold(0.0, f64::max);
    let mut mu = 0.0;
    loop {
        if let Some(x) = ridge_cholesky_solve(h, b, mu, scale) {
            return x;
        }
        mu = if mu == 0.0 {
            (1e-12 * scale).max(f64::MIN_POSITIVE)
        } else {
            mu * 100.0
        };
    }
}

/// [`solve_psd`]'s factorisation of `H + μ I` (row-major `k×k`) and solve; `None` when a pivot
/// falls below `1e-14 · max(scale, μ)`.
fn ridge_cholesky_solve(h: &[f64], b: &[f64], mu: f64, scale: f64) -> Option<Vec<f64>> {
    let k = b.len();
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        let mut d = h[j * k + j] + mu;
        for p in 0..j {
            d -= l[j * k + p] * l[j * k + p];
        }
        if !(d > 1e-14 * scale.max(mu)) {
            return None;
        }
        let ljj = d.sqrt();
        l[j * k + j] = ljj;
        for i in j + 1..k {
            let mut s = h[i * k + j];
            for p in 0..j {
                s -= l[i * k + p] * l[j * k + p];
            }
            l[i * k + j] = s / ljj;
        }
    }
    let mut y = vec![0.0; k];
    for i in 0..k {
        let mut s = b[i];
        for p in 0..i {
            s -= l[i * k + p] * y[p];
        }
        y[i] = s / l[i * k + i];
    }
    for i in (0..k).rev() {
        let mut s = y[i];
        for p in i + 1..k {
            s -= l[p * k + i] * y[p];
        }
        y[i] = s / l[i * k + i];
    }
    Some(y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn logdet_of_known_matrices() {
        let a = array![[4.0, 2.0], [2.0, 3.0]];
        assert!((cholesky_logdet(a.view()).unwrap() - 8f64.ln()).abs() < 1e-15);
        let b = array![[1.0, 2.0], [2.0, 1.0]];
        assert!(cholesky_logdet(b.view()).is_none());
    }
}
