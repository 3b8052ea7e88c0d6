//! Shannon code lengths, the Kraft inequality and ideal code lengths.

use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::validate::check_probability_vector;

/// `⌈−log₂ p⌉` for `p > 0`, exactly: with `p = 1.f × 2^e` (`f` the mantissa bits),
/// `−log₂ p ∈ (−e − 1, −e]`, so the ceiling is `−e` — read off the exponent, no `log2` rounding.
fn ceil_neg_log2(p: f64) -> u32 {
    const TWO_64: f64 = 18_446_744_073_709_551_616.0;
    if p < f64::MIN_POSITIVE {
        // Subnormal: scale by 2^64 (exact) into the normal range.
        return ceil_neg_log2(p * TWO_64) + 64;
    }
    let biased = ((p.to_bits() >> 52) & 0x7ff) as i64;
    (1023 - biased) as u32
}

/// Shannon code lengths `⌈−log₂ p_i⌉` (bits); `None` for `p_i = 0` (no codeword needed).
///
/// $$ l_i = \lceil -\log_2 p_i \rceil $$
///
/// Computed exactly from the binary exponent of `p_i` (no rounding of `log2`). The lengths
/// satisfy the Kraft inequality, so a prefix code with them exists (Cover & Thomas §5.4).
///
/// # Errors
/// [`Error::Empty`], [`Error::NonFinite`], [`Error::NegativeProbability`] or
/// [`Error::NotNormalized`] for `p`.
///
/// # Examples
/// ```
/// use sanov::coding::shannon_code_lengths;
/// assert_eq!(shannon_code_lengths(&[0.5, 0.3, 0.2, 0.0])?, [Some(1), Some(2), Some(3), None]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// C. E. Shannon (1948); Cover & Thomas, *Elements of Information Theory*, 2nd ed., §5.4.
pub fn shannon_code_lengths(p: &[f64]) -> Result<Vec<Option<u32>>> {
    check_probability_vector("p", p)?;
    Ok(p.iter()
        .map(|&v| (v > 0.0).then(|| ceil_neg_log2(v)))
        .collect())
}

/// Expected length of the Shannon code, bits per symbol.
///
/// $$ L = \sum_i p_i \lceil -\log_2 p_i \rceil, \qquad H_2(p) \le L < H_2(p) + 1 $$
///
/// Terms with `p_i = 0` are 0; the sum is compensated.
///
/// # Errors
/// As [`shannon_code_lengths`].
///
/// # Examples
/// ```
/// use sanov::coding::shannon_code_expected_length;
/// let l = shannon_code_expected_length(&[0.5, 0.3, 0.2])?;
/// assert!((l - 1.7).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §5.4 (eq. 5.32).
pub fn shannon_code_expected_length(p: &[f64]) -> Result<f64> {
    let lengths = shannon_code_lengths(p)?;
    let mut s = Neumaier::default();
    for (&pi, l) in p.iter().zip(lengths) {
        if let Some(l) = l {
            s.add(pi * f64::from(l));
        }
    }
    Ok(s.total())
}

/// The Kraft sum of binary codeword lengths.
///
/// $$ K = \sum_i 2^{-l_i} $$
///
/// A prefix (or uniquely decodable) binary code with these lengths exists iff `K ≤ 1`; use
/// [`kraft_inequality_holds`] for an exact test (this sum is rounded once lengths differ by
/// more than 52, or there are more than 2⁵³ codewords).
///
/// # Errors
/// [`Error::Empty`] for no lengths.
///
/// # Examples
/// ```
/// use sanov::coding::kraft_sum;
/// assert_eq!(kraft_sum(&[1, 2, 3, 3])?, 1.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// L. G. Kraft, MS thesis, MIT (1949); B. McMillan, IRE Trans. Inf. Theory 2 (1956);
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §5.2 and §5.5.
pub fn kraft_sum(lengths: &[u32]) -> Result<f64> {
    if lengths.is_empty() {
        return Err(Error::Empty { arg: "lengths" });
    }
    let mut s = Neumaier::default();
    for &l in lengths {
        s.add(0.5f64.powi(l.min(1100) as i32));
    }
    Ok(s.total())
}

/// Whether `Σ 2^{−l_i} ≤ 1`, decided exactly in integer arithmetic.
///
/// With `c_l` codewords of length `l` and `L` the longest, `K ≤ 1 ⟺ Σ c_l 2^{L−l} ≤ 2^L`;
/// halving both sides with the ceiling from `l = L` down to `l = 1` keeps the equivalence and
/// the numbers small.
///
/// # Errors
/// [`Error::Empty`] for no lengths.
///
/// # Examples
/// ```
/// use sanov::coding::kraft_inequality_holds;
/// assert!(kraft_inequality_holds(&[1, 2, 3, 3])?);
/// assert!(!kraft_inequality_holds(&[1, 1, 2])?);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., Theorem 5.2.1.
pub fn kraft_inequality_holds(lengths: &[u32]) -> Result<bool> {
    let Some(&longest) = lengths.iter().max() else {
        return Err(Error::Empty { arg: "lengths" });
    };
    let mut count = vec![0u64; longest as usize + 1];
    for &l in lengths {
        count[l as usize] += 1;
    }
    let mut carry: u64 = 0;
    for l in (1..=longest as usize).rev() {
        carry = (count[l] + carry).div_ceil(2);
    }
    Ok(count[0] + carry <= 1)
}

/// Checks that every symbol of `sequence` indexes `p`.
pub(super) fn check_sequence(sequence: &[usize], m: usize) -> Result<()> {
    if sequence.is_empty() {
        return Err(Error::Empty { arg: "sequence" });
    }
    match sequence.iter().find(|&&x| x >= m) {
        Some(&x) => Err(Error::IndexOutOfRange {
            arg: "sequence",
            index: x,
            len: m,
        }),
        None => Ok(()),
    }
}

/// The ideal (Shannon) code length of a sequence under `p`, in bits.
///
/// $$ \ell(x_1, \dots, x_n) = -\sum_{t=1}^n \log_2 p(x_t) $$
///
/// `+∞` if some `p(x_t) = 0`. The sum is compensated. No prefix code does better on average;
/// an arithmetic coder ([`super::arithmetic_code_length`]) comes within 2 bits for the whole
/// sequence.
///
/// # Errors
/// [`Error::Empty`] for an empty `sequence` or `p`; [`Error::NonFinite`],
/// [`Error::NegativeProbability`] or [`Error::NotNormalized`] for `p`;
/// [`Error::IndexOutOfRange`] for a symbol `≥ p.len()`.
///
/// # Examples
/// ```
/// use sanov::coding::ideal_code_length;
/// assert_eq!(ideal_code_length(&[0, 1, 1], &[0.5, 0.25, 0.25])?, 5.0);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §5.4 and §13.3.
pub fn ideal_code_length(sequence: &[usize], p: &[f64]) -> Result<f64> {
    check_probability_vector("p", p)?;
    check_sequence(sequence, p.len())?;
    // ln p per symbol once, then a compensated sum over the sequence.
    let log2p: Vec<f64> = p.iter().map(|&v| v.log2()).collect();
    let mut s = Neumaier::default();
    for &x in sequence {
        s.add(-log2p[x]);
    }
    Ok(s.total())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceil_log2_matches_definition() {
        for &(p, l) in &[
            (1.0, 0),
            (0.5, 1),
            (0.5000000000000001, 1),
            (0.49999999999999994, 2),
            (0.3, 2),
            (0.25, 2),
            (5e-324, 1074),
            (f64::MIN_POSITIVE, 1022),
        ] {
            assert_eq!(ceil_neg_log2(p), l, "p = {p:e}");
        }
    }

    #[test]
    fn kraft_exact_at_the_boundary() {
        let mut lengths = vec![60u32; 1 << 10];
        lengths.push(1);
        assert!(kraft_inequality_holds(&lengths).unwrap());
        lengths.push(2);
        assert!(!kraft_inequality_holds(&[1, 2, 2, 60]).unwrap());
    }
}
