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
