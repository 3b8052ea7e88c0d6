//! Enumeration of all type classes for small `n` and alphabets.

use super::multinomial::log_multinomial_coefficient;
use crate::error::{Error, Result};

/// The most type classes [`type_classes`] lists.
pub const MAX_TYPE_CLASSES: u64 = 1_000_000;

/// One type class: a count vector and the log of its size.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeClass {
    /// The counts `k`, `Σ k_i = n`.
    pub counts: Vec<u64>,
    /// `ln |T(P)| = ln(n!/∏k_i!)`.
    pub log_size: f64,
}

/// `C(n + m − 1, m − 1)`, the number of types, or `None` above [`MAX_TYPE_CLASSES`].
fn number_of_types(n: u64, m: usize) -> Option<u64> {
    let r = (m - 1) as u128;
    let mut c: u128 = 1;
    for j in 1..=r {
        // C(n + j, j) = C(n + j − 1, j − 1) · (n + j) / j.
        c = c * (u128::from(n) + j) / j;
        if c > u128::from(MAX_TYPE_CLASSES) {
            return None;
        }
    }
    Some(c as u64)
}

/// Every type of sequences of length `n` over `alphabet_size` symbols, with the size of its
/// class.
///
/// There are `C(n + |X| − 1, |X| − 1) ≤ (n + 1)^|X|` types (Cover & Thomas Theorem 11.1.1), and
/// their class sizes sum to `|X|^n`. The types come in lexicographic order of the counts,
/// `(0, …, 0, n)` first and `(n, 0, …, 0)` last.
///
/// # Errors
/// [`Error::InvalidParameter`] if `alphabet_size` is 0, `n` is 0, or there are more than
/// [`MAX_TYPE_CLASSES`] types.
///
/// # Examples
/// ```
/// use sanov::method_of_types::type_classes;
/// let t = type_classes(2, 2)?;
/// assert_eq!(t.iter().map(|c| c.counts.clone()).collect::<Vec<_>>(),
///            vec![vec![0, 2], vec![1, 1], vec![2, 0]]);
/// assert!((t[1].log_size - 2f64.ln()).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Cover & Thomas, *Elements of Information Theory*, 2nd ed., §11.1.
pub fn type_classes(n: u64, alphabet_size: usize) -> Result<Vec<TypeClass>> {
    if alphabet_size == 0 {
        return Err(Error::InvalidParameter {
            name: "alphabet_size",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    if n == 0 {
        return Err(Error::InvalidParameter {
            name: "n",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    let Some(count) = number_of_types(n, alphabet_size) else {
        return Err(Error::InvalidParameter {
            name: "n",
            value: n as f64,
            expected: "too many type classes (more than 1e6) for this n and alphabet size",
        });
    };
    let mut out = Vec::with_capacity(count as usize);
    let mut k = vec![0u64; alphabet_size];
    k[alphabet_size - 1] = n;
    loop {
        out.push(TypeClass {
            log_size: log_multinomial_coefficient(&k)?,
            counts: k.clone(),
        });
        // Next composition in lexicographic order: find the rightmost position i < m−1 that
        // can grow (some mass lies to its right), move one unit there and put the rest last.
        let m = alphabet_size;
        let Some(i) = (0..m - 1)
            .rev()
            .find(|&i| k[i + 1..].iter().any(|&v| v > 0))
        else {
            break;
        };
        let rest: u64 = k[i + 1..].iter().sum::<u64>() - 1;
        k[i] += 1;
        for v in &mut k[i + 1..] {
            *v = 0;
        }
        k[m - 1] = rest;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_and_total_mass() {
        let t = type_classes(5, 3).unwrap();
        assert_eq!(t.len(), 21);
        let total: f64 = t.iter().map(|c| c.log_size.exp()).sum();
        assert!((total - 243.0).abs() < 1e-9);
        assert!(type_classes(1000, 10).is_err());
    }
}
