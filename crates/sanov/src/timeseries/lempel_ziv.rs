//! Lempel–Ziv (1976) complexity of a symbol sequence.

use super::symbols::row_ids;
use crate::error::Result;
use ndarray::ArrayView2;

/// The Lempel–Ziv (1976) complexity of a symbol sequence: the phrase count and its
/// normalisation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LempelZiv {
    /// `c(n)`, the number of phrases of the LZ76 parsing (the last, possibly incomplete,
    /// phrase counted).
    pub phrases: usize,
    /// `c(n) · log_b(n) / n`, `b = max(2, number of distinct symbols)`.
    pub normalized: f64,
}

/// Lempel–Ziv complexity LZ76 of the integer sequence `x` by the Kaspar–Schuster (1987)
/// algorithm: the sequence is parsed left to right into phrases, each the shortest substring
/// starting at the current position that does not occur in the sequence before its own last
/// symbol (overlaps allowed); `c(n)` counts the phrases, the last one counted even if the
/// sequence ends before it is complete.
///
/// $$ c_{\text{norm}} = \frac{c(n) \log_b n}{n}, \qquad b = \max(2, |\text{alphabet}|) $$
///
/// (`log_b n / n` is the asymptotic phrase count of a random sequence, so `c_norm ≈ 1` for
/// white noise). Rows are time steps; several columns make tuple symbols. `O(n²)` in the
/// worst case (a periodic sequence), `O(n log n)`-like on random data.
///
/// # Errors
/// [`crate::Error::Empty`] for an empty sequence; [`crate::Error::OutOfRange`] for a negative
/// symbol.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::timeseries::lempel_ziv_complexity;
/// // Kaspar & Schuster's example 0·001·10·100·1000·101: 6 phrases.
/// let s = [0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1];
/// let x = Array2::from_shape_vec((16, 1), s.to_vec())?;
/// let lz = lempel_ziv_complexity(x.view())?;
/// assert_eq!(lz.phrases, 6);
/// assert!((lz.normalized - 1.5).abs() < 1e-15);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # References
/// A. Lempel & J. Ziv, "On the complexity of finite sequences", *IEEE Trans. Inf. Theory*
/// 22, 75–81 (1976); F. Kaspar & H. G. Schuster, "Easily calculable measure for the
/// complexity of spatiotemporal patterns", *Phys. Rev. A* 36, 842 (1987).
pub fn lempel_ziv_complexity(x: ArrayView2<'_, i64>) -> Result<LempelZiv> {
    let s = row_ids(x, "x")?;
    let phrases = kaspar_schuster(&s.seq);
    let n = s.seq.len();
    let b = s.card.max(2) as f64;
    let normalized = if n == 1 {
        0.0
    } else {
        phrases as f64 * ((n as f64).ln() / b.ln()) / n as f64
    };
    Ok(LempelZiv {
        phrases,
        normalized,
    })
}

/// The Kaspar–Schuster phrase count (their Fig. 1, 0-based).
fn kaspar_schuster(s: &[u64]) -> usize {
    let n = s.len();
    if n == 1 {
        return 1;
    }
    let (mut c, mut l, mut i, mut k, mut k_max) = (1usize, 1usize, 0usize, 1usize, 1usize);
    loop {
        if s[i + k - 1] == s[l + k - 1] {
            k += 1;
            if l + k > n {
                c += 1;
                break;
            }
        } else {
            k_max = k_max.max(k);
            i += 1;
            if i == l {
                c += 1;
                l += k_max;
                if l + 1 > n {
                    break;
                }
                i = 0;
                k = 1;
                k_max = 1;
            } else {
                k = 1;
            }
        }
    }
    c
}
