//! Counting integer labels: factorisation and sparse pair counts.

use super::labels::Labels;
use super::table::pair_table;
use crate::error::Result;
use crate::par::Par;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::check_label_pair;

/// Labels mapped to dense codes `0..K` in increasing label order.
pub(crate) struct Factorized {
    /// `codes[s]` is the code of sample `s`.
    pub codes: Vec<u32>,
    /// `labels[c]` is the label with code `c` (increasing).
    pub labels: Vec<i64>,
}

/// Largest label range handled with a direct lookup table (beyond it: sort and search).
pub(crate) const MAX_DIRECT_RANGE: u64 = 1 << 24;

/// Factorises labels into codes. Uses a direct table when the label range is small
/// (`O(n + range)`), otherwise sorting (`O(n log K)`).
pub(crate) fn factorize(x: &[i64]) -> Factorized {
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for &v in x {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if x.is_empty() {
        return Factorized {
            codes: Vec::new(),
            labels: Vec::new(),
        };
    }
    let range = hi.abs_diff(lo);
    if range < MAX_DIRECT_RANGE && range <= 4 * x.len() as u64 + 1024 {
        let mut map = vec![u32::MAX; range as usize + 1];
        for &v in x {
            map[v.abs_diff(lo) as usize] = 0;
        }
        let mut labels = Vec::new();
        for (off, slot) in map.iter_mut().enumerate() {
            if *slot == 0 {
                *slot = labels.len() as u32;
                labels.push(lo.wrapping_add(off as i64));
            }
        }
        let codes = x.iter().map(|&v| map[v.abs_diff(lo) as usize]).collect();
        return Factorized { codes, labels };
    }
    let mut labels = x.to_vec();
    labels.sort_unstable();
    labels.dedup();
    let codes = x
        .iter()
        .map(|v| labels.binary_search(v).unwrap_or(0) as u32)
        .collect();
    Factorized { codes, labels }
}

/// Counts of each code.
fn code_counts(codes: &[u32], k: usize) -> Vec<u64> {
    let mut c = vec![0u64; k];
    for &v in codes {
        c[v as usize] += 1;
    }
    c
}

/// Visits the non-zero cells of a dense `kx × ky` count table with their marginal counts.
fn dense_terms(table: &[u64], kx: usize, ky: usize, term: &mut impl FnMut(u64, u64, u64)) {
    let mut ny = vec![0u64; ky];
    for row in table.chunks_exact(ky) {
        for (t, &c) in ny.iter_mut().zip(row) {
            *t += c;
        }
    }
    for row in table.chunks_exact(ky).take(kx) {
        let nx: u64 = row.iter().sum();
        for (&c, &b) in row.iter().zip(&ny) {
            if c > 0 {
                term(c, nx, b);
            }
        }
    }
}

/// Largest `K_x · K_y` for a dense pair-count table (else: sort the pair keys).
const MAX_DENSE_PAIRS: usize = 1 << 22;

/// Plug-in mutual information of two integer-label arrays (the empirical joint distribution
/// of the pairs `(x_s, y_s)`).
///
/// $$ \hat I(X; Y) = \sum_{x,y} \frac{n_{xy}}{N} \log \frac{N\, n_{xy}}{n_x\, n_y} $$
///
/// Only observed pairs are visited: labels are factorised (direct table for small label ranges,
/// sorting otherwise) and pairs counted in a dense `K_x × K_y` table only when it has at most
/// 2^22 cells, otherwise by sorting the `N` pair keys — so `K = 10⁴` categories cost
/// `O(N log N)` time and `O(N)` memory, never a `K²` table. Equals scikit-learn's
/// `mutual_info_score(x, y)` (in nats). Each term is computed from the ratio `N·n_xy/(n_x n_y)`
/// (one rounding), summed with compensation; rounding can leave a result of order `−1e−17` for
/// independent samples, returned as computed.
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty); [`Error::LengthMismatch`](crate::Error::LengthMismatch).
///
/// # Examples
/// ```
/// use sanov::{multivariate::mutual_information_from_labels, Base};
/// let x = [0, 0, 1, 1];
/// assert_eq!(mutual_information_from_labels(&x, &x, Base::Bits)?, 1.0);
/// assert_eq!(mutual_information_from_labels(&x, &[0, 1, 0, 1], Base::Bits)?, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn mutual_information_from_labels(x: &[i64], y: &[i64], base: Base) -> Result<f64> {
    mutual_information_from_labels_par(x, y, base, Par::Seq)
}

/// [`mutual_information_from_labels`] on at most `par.degree()` threads, for labels of any
/// integer type ([`Labels`]: `i8` … `u64` slices, read in place): for label ranges that
/// fit a dense table, each thread counts its share of the pairs into its own table in one
/// pass over memory and the tables are added; the counts are exact, so the result is the
/// same bit for bit for every `par` and every label type holding the same values.
///
/// # Errors
/// As [`mutual_information_from_labels`].
///
/// # Examples
/// ```
/// use sanov::{multivariate::mutual_information_from_labels_par, Base, Par};
/// let x: Vec<i64> = (0..1_000_000).map(|i| i % 7).collect();
/// let y: Vec<i64> = (0..1_000_000).map(|i| i % 5).collect();
/// let mi = mutual_information_from_labels_par(&x, &y, Base::Nats, Par::rayon(2))?;
/// assert_eq!(mi, mutual_information_from_labels_par(&x, &y, Base::Nats, Par::Seq)?);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.mutual_information_from_labels(x, y, workers=n)`.
pub fn mutual_information_from_labels_par<'a>(
    x: impl Into<Labels<'a>>,
    y: impl Into<Labels<'a>>,
    base: Base,
    par: Par,
) -> Result<f64> {
    let (x, y) = (x.into(), y.into());
    check_label_pair(x.len(), y.len())?;
    let n = x.len() as f64;
    let mut acc = Neumaier::default();
    // Adds the term of one observed pair with count c, marginal counts a and b.
    let mut term = |c: u64, a: u64, b: u64| {
        let c = c as f64;
        acc.add(c * ((n * c) / (a as f64 * b as f64)).ln());
    };
    if let Some(t) = pair_table(
        x,
        Some(y),
        MAX_DIRECT_RANGE,
        MAX_DENSE_PAIRS.max(x.len()),
        par,
    ) {
        // Small label ranges: counted straight into a (range_x × range_y) table, no factorising.
        dense_terms(&t.cells, t.kx, t.ky, &mut term);
    } else {
        let fx = factorize(&x.to_i64());
        let fy = factorize(&y.to_i64());
        let (kx, ky) = (fx.labels.len(), fy.labels.len());
        if kx.saturating_mul(ky) <= MAX_DENSE_PAIRS.max(x.len()) {
            let mut table = vec![0u64; kx * ky];
            for (&a, &b) in fx.codes.iter().zip(&fy.codes) {
                table[a as usize * ky + b as usize] += 1;
            }
            dense_terms(&table, kx, ky, &mut term);
        } else {
            let nx = code_counts(&fx.codes, kx);
            let ny = code_counts(&fy.codes, ky);
            let mut keys: Vec<u64> = fx
                .codes
                .iter()
                .zip(&fy.codes)
                .map(|(&a, &b)| (u64::from(a) << 32) | u64::from(b))
                .collect();
            keys.sort_unstable();
            let mut i = 0;
            while i < keys.len() {
                let k = keys[i];
                let mut j = i + 1;
                while j < keys.len() && keys[j] == k {
                    j += 1;
                }
                term(
                    (j - i) as u64,
                    nx[(k >> 32) as usize],
                    ny[(k & 0xffff_ffff) as usize],
                );
                i = j;
            }
        }
    }
    Ok(base.from_nats(acc.total() / n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factorize_both_paths_agree() {
        let x = [5, -3, 5, 1_000_000_000_000, -3, 7];
        let f = factorize(&x);
        assert_eq!(f.labels, vec![-3, 5, 7, 1_000_000_000_000]);
        assert_eq!(f.codes, vec![1, 0, 1, 3, 0, 2]);
        let small = [3, 1, 3, 2];
        let f = factorize(&small);
        assert_eq!(f.labels, vec![1, 2, 3]);
        assert_eq!(f.codes, vec![2, 0, 2, 1]);
        let extreme = [i64::MIN, i64::MAX, i64::MIN];
        let f = factorize(&extreme);
        assert_eq!(f.labels, vec![i64::MIN, i64::MAX]);
        assert_eq!(f.codes, vec![0, 1, 0]);
    }

    #[test]
    fn dense_and_sorted_pair_counts_agree() {
        // Many categories: forces the sorted path when K² exceeds the dense limit.
        let n: i64 = 50_000;
        let x: Vec<i64> = (0..n).map(|i| i * 7919 % 4099).collect();
        let y: Vec<i64> = (0..n).map(|i| (i * 104_729 + i / 3) % 3001).collect();
        let sparse = mutual_information_from_labels(&x, &y, Base::Nats).unwrap();
        // Same data with few categories (x mod 10): dense path; compare with a direct formula.
        let xs: Vec<i64> = x.iter().map(|v| v % 10).collect();
        let ys: Vec<i64> = y.iter().map(|v| v % 7).collect();
        let dense = mutual_information_from_labels(&xs, &ys, Base::Nats).unwrap();
        for (xx, yy, got) in [(&x, &y, sparse), (&xs, &ys, dense)] {
            let mut pairs = std::collections::HashMap::new();
            let mut cx = std::collections::HashMap::new();
            let mut cy = std::collections::HashMap::new();
            for (a, b) in xx.iter().zip(yy.iter()) {
                *pairs.entry((*a, *b)).or_insert(0u64) += 1;
                *cx.entry(*a).or_insert(0u64) += 1;
                *cy.entry(*b).or_insert(0u64) += 1;
            }
            let nf = n as f64;
            let want: f64 = pairs
                .iter()
                .map(|((a, b), &c)| {
                    let c = c as f64;
                    c / nf * (nf * c / (cx[a] as f64 * cy[b] as f64)).ln()
                })
                .sum();
            assert!(
                (got - want).abs() <= 1e-12 * want.abs().max(1.0),
                "{got} vs {want}"
            );
        }
    }
}
