//! Small dense linear algebra used internally (no BLAS).

use ndarray::ArrayView2;

/// `ln det A` of a symmetric positive definite `A` by Cholesky factorisation
/// (`A = L Lᵀ`, `ln det A = 2 Σ ln L_ii`); `None` if `A` is not positive definite.
///
/// Only the lower triangle of `A` is read.
pub(crate) fn cholesky_logdet(a: ArrayView2<'_, f64>) -> Option<f64> {
    let n = a.nrows();
    let mut l = vec![0.0; n * n];
    let mut logdet = 0.0;
    for j in 0..n {
        let mut d = a[[j, j]];
        for k in 0..j {
            d -= l[j * n + k] * l[j * n + k];
        }
        if !(d > 0.0) {
            return None;
        }
        let djj = d.sqrt();
        l[j * n + j] = djj;
        logdet += 2.0 * djj.ln();
        for i in j + 1..n {
            let mut s = a[[i, j]];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            l[i * n + j] = s / djj;
        }
    }
    Some(logdet)
}

/// Solves `H x = b` for a symmetric positive semi-definite `H` (row-major `k×k`) by Cholesky
/// factorisation, adding a ridge `μ I` (growing from `1e-12 · max H_jj`) when a pivot falls to
/// rounding level, so that singular Hessians (affinely dependent features) still give a step.
pub(crate) fn solve_psd(h: &[f64], b: &[f64]) -> Vec<f64> {
    let k = b.len();
    let scale = (0..k).map(|j| h[j * k + j]).fold(0.0, f64::max);
    let mut mu = 0.0;
    loop {
        if let Some(x) = cholesky_solve(h, b, mu, scale) {
            return x;
        }
        mu = if mu == 0.0 {
            (1e-12 * scale).max(f64::MIN_POSITIVE)
        } else {
            mu * 100.0
        };
    }
}

fn cholesky_solve(h: &[f64], b: &[f64], mu: f64, scale: f64) -> Option<Vec<f64>> {
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
