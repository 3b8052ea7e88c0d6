//! Named discrete memoryless channels as transition matrices `W[x][y] = P(Y = y | X = x)`.

use ndarray::Array2;

use crate::error::{Error, Result};
use crate::validate::check_probability;

/// The binary symmetric channel with crossover probability `p`.
///
/// $$ W = \begin{pmatrix} 1-p & p \\ p & 1-p \end{pmatrix}, \qquad C = \ln 2 - h(p) $$
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 ≤ p ≤ 1`.
///
/// # Examples
/// ```
/// use sanov::channels::binary_symmetric;
/// let w = binary_symmetric(0.25)?;
/// assert_eq!(w.row(0).to_vec(), vec![0.75, 0.25]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §7.1.4.
pub fn binary_symmetric(p: f64) -> Result<Array2<f64>> {
    check_probability("p", p)?;
    Ok(ndarray::array![[1.0 - p, p], [p, 1.0 - p]])
}

/// The binary erasure channel with erasure probability `e`; outputs in the order
/// (0, erasure, 1).
///
/// $$ W = \begin{pmatrix} 1-e & e & 0 \\ 0 & e & 1-e \end{pmatrix}, \qquad C = (1 - e)\ln 2 $$
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 ≤ e ≤ 1`.
///
/// # Examples
/// ```
/// use sanov::channels::binary_erasure;
/// let w = binary_erasure(0.5)?;
/// assert_eq!(w.row(1).to_vec(), vec![0.0, 0.5, 0.5]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §7.1.5.
pub fn binary_erasure(e: f64) -> Result<Array2<f64>> {
    check_probability("e", e)?;
    Ok(ndarray::array![[1.0 - e, e, 0.0], [0.0, e, 1.0 - e]])
}

/// The Z-channel: input 0 is received intact, input 1 flips to 0 with probability `p`.
///
/// $$ W = \begin{pmatrix} 1 & 0 \\ p & 1-p \end{pmatrix}, \qquad
///    C = \ln\!\left(1 + (1-p)\,p^{p/(1-p)}\right) $$
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 ≤ p ≤ 1`.
///
/// # Examples
/// ```
/// use sanov::channels::z_channel;
/// let w = z_channel(0.5)?;
/// assert_eq!(w.row(1).to_vec(), vec![0.5, 0.5]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., Problem 7.8.
pub fn z_channel(p: f64) -> Result<Array2<f64>> {
    check_probability("p", p)?;
    Ok(ndarray::array![[1.0, 0.0], [p, 1.0 - p]])
}

/// The `k`-ary symmetric channel: the input is received intact with probability `1 − p` and
/// otherwise replaced by one of the other `k − 1` symbols uniformly.
///
/// $$ W_{xy} = \begin{cases} 1-p & y = x \\ p/(k-1) & y \ne x \end{cases}, \qquad
///    C = \ln k - h(p) - p \ln(k-1) $$
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 ≤ p ≤ 1` and `k ≥ 2`; [`Error::TooLarge`] if the
/// `k × k` matrix cannot be allocated.
///
/// # Examples
/// ```
/// use sanov::channels::symmetric;
/// let w = symmetric(3, 0.5)?;
/// assert_eq!(w.row(0).to_vec(), vec![0.5, 0.25, 0.25]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §7.2.
pub fn symmetric(k: usize, p: f64) -> Result<Array2<f64>> {
    check_probability("p", p)?;
    if k < 2 {
        return Err(Error::InvalidParameter {
            name: "k",
            value: k as f64,
            expected: "an alphabet size k >= 2",
        });
    }
    let off = p / (k - 1) as f64;
    let mut w = crate::alloc::zeros2("k", k, k)?;
    w.fill(off);
    w.diag_mut().fill(1.0 - p);
    Ok(w)
}

/// The noisy typewriter with `k` letters: each input is received as itself or as the next
/// letter (cyclically), with probability ½ each.
///
/// $$ W_{xy} = \tfrac12\,[y = x] + \tfrac12\,[y = x + 1 \bmod k], \qquad C = \ln(k/2) $$
///
/// For `k = 2` both rows are (½, ½) and `C = 0`.
///
/// # Errors
/// [`Error::InvalidParameter`] if `k < 2`; [`Error::TooLarge`] if the `k × k` matrix cannot
/// be allocated.
///
/// # Examples
/// ```
/// use sanov::channels::typewriter;
/// let w = typewriter(4)?;
/// assert_eq!(w.row(3).to_vec(), vec![0.5, 0.0, 0.0, 0.5]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §7.1.3.
pub fn typewriter(k: usize) -> Result<Array2<f64>> {
    if k < 2 {
        return Err(Error::InvalidParameter {
            name: "k",
            value: k as f64,
            expected: "an alphabet size k >= 2",
        });
    }
    let mut w = crate::alloc::zeros2("k", k, k)?;
    for x in 0..k {
        w[[x, x]] += 0.5;
        w[[x, (x + 1) % k]] += 0.5;
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_stochastic() {
        for w in [
            binary_symmetric(0.3).unwrap(),
            binary_erasure(0.3).unwrap(),
            z_channel(0.3).unwrap(),
            symmetric(5, 0.3).unwrap(),
            typewriter(5).unwrap(),
            typewriter(2).unwrap(),
        ] {
            for r in w.rows() {
                assert!((r.sum() - 1.0).abs() < 1e-15);
            }
        }
    }

    #[test]
    fn bad_parameters() {
        assert!(binary_symmetric(f64::NAN).is_err());
        assert!(binary_erasure(1.5).is_err());
        assert!(z_channel(-0.1).is_err());
        assert!(matches!(
            symmetric(1, 0.1),
            Err(Error::InvalidParameter { name: "k", .. })
        ));
        assert!(typewriter(1).is_err());
    }
}
