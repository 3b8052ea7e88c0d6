//! Binary Huffman codes with deterministic tie-breaking.

use rayon::prelude::*;

use crate::error::Result;
use crate::sum::Neumaier;
use crate::validate::check_probability_vector;
use crate::Par;

/// Below this many symbols the `_par` forms run on the calling thread (starting the pool's
/// tasks would cost more than the work).
const PAR_MIN: usize = 1 << 15;

/// The number of pieces the work on `m` symbols is split into under `par`.
fn pieces(m: usize, par: Par) -> usize {
    if m >= PAR_MIN {
        par.degree()
    } else {
        1
    }
}

/// A binary Huffman code.
#[derive(Debug, Clone, PartialEq)]
pub struct HuffmanCode {
    /// The codeword of each symbol, as a string of `'0'` and `'1'`.
    pub codewords: Vec<String>,
    /// The codeword lengths (bits).
    pub lengths: Vec<u32>,
    /// `Σ p_i l_i`, bits per symbol.
    pub expected_length: f64,
}

/// The Huffman tree as parent links: nodes `0..m` are the symbols, `m..2m−1` the merges in the
/// order they were made; `first[j]` says whether node `j` was the first (`'0'`) child.
struct Tree {
    parent: Vec<u32>,
    first: Vec<bool>,
}

/// The output runs of one piece of a radix pass, one per byte value: keys and symbol indices.
type Runs<'a> = (Vec<&'a mut [u64]>, Vec<&'a mut [u32]>);

/// The symbols ordered by `(p_i, i)`, with their weights: an LSD radix sort (8 passes of 8
/// bits, skipping passes whose byte is constant) on the bit patterns, which order like the
/// values for finite `p ≥ 0`; being stable, it keeps equal weights in index order.
///
/// With `tasks > 1` pieces, each pass counts the bytes of every piece in parallel, cuts the
/// output into one run per (byte, piece), byte-major, and each piece scatters into its own
/// runs in parallel: the same order as one piece, so the same tree.
fn sorted_leaves(p: &[f64], par: Par, tasks: usize) -> (Vec<u32>, Vec<f64>) {
    let m = p.len();
    let mut keys: Vec<u64> = p.iter().map(|v| v.to_bits()).collect();
    let mut idx: Vec<u32> = (0..m as u32).collect();
    let mut keys2 = vec![0u64; m];
    let mut idx2 = vec![0u32; m];
    let chunk = m.div_ceil(tasks).max(1);
    for pass in 0..8 {
        let shift = 8 * pass;
        let byte = move |k: u64| ((k >> shift) & 0xff) as usize;
        let histogram = |piece: &[u64]| {
            let mut h = [0usize; 256];
            for &k in piece {
                h[byte(k)] += 1;
            }
            h
        };
        let counts: Vec<[usize; 256]> = if tasks > 1 {
            par.install(|| keys.par_chunks(chunk).map(histogram).collect())
        } else {
            keys.chunks(chunk).map(histogram).collect()
        };
        if (0..256).any(|b| counts.iter().map(|h| h[b]).sum::<usize>() == m) {
            continue;
        }
        // The output runs, byte-major then piece-minor (stable).
        let mut runs: Vec<Runs<'_>> = counts
            .iter()
            .map(|_| (Vec::with_capacity(256), Vec::with_capacity(256)))
            .collect();
        let (mut krest, mut irest) = (keys2.as_mut_slice(), idx2.as_mut_slice());
        for b in 0..256 {
            for (run, h) in runs.iter_mut().zip(&counts) {
                let (kh, kt) = core::mem::take(&mut krest).split_at_mut(h[b]);
                let (ih, it) = core::mem::take(&mut irest).split_at_mut(h[b]);
                run.0.push(kh);
                run.1.push(ih);
                (krest, irest) = (kt, it);
            }
        }
        let scatter = |((kc, ic), (mut kd, mut id)): ((&[u64], &[u32]), Runs<'_>)| {
            let mut at = [0usize; 256];
            for (&k, &i) in kc.iter().zip(ic) {
                let b = byte(k);
                kd[b][at[b]] = k;
                id[b][at[b]] = i;
                at[b] += 1;
            }
        };
        let pieces = keys.chunks(chunk).zip(idx.chunks(chunk));
        if tasks > 1 {
            let pieces: Vec<_> = pieces.zip(runs).collect();
            par.install(|| pieces.into_par_iter().for_each(scatter));
        } else {
            pieces.zip(runs).for_each(scatter);
        }
        core::mem::swap(&mut keys, &mut keys2);
        core::mem::swap(&mut idx, &mut idx2);
    }
    (idx, keys.into_iter().map(f64::from_bits).collect())
}

fn tree(p: &[f64], par: Par) -> Tree {
    let m = p.len();
    let nodes = 2 * m - 1;
    let mut parent = vec![u32::MAX; nodes];
    let mut first = vec![false; nodes];
    // Leaves by (p, index): p ≥ 0 is finite, so its bit pattern orders like its value.
    let (leaves, leaf_weight) = sorted_leaves(p, par, pieces(m, par));
    let mut weight = vec![0.0f64; m - 1];
    let (mut li, mut qi, mut qn) = (0usize, 0usize, 0usize);
    // Two-queue construction: both queues are sorted by (weight, id) and every leaf id is
    // below every merge id, so popping the smaller front (leaf on equal weight) is popping the
    // minimum of (weight, id), the tie-break of the reference heap implementation.
    let mut pop = |weight: &[f64], qn: usize| -> (usize, f64) {
        let take_leaf = li < m && (qi == qn || leaf_weight[li] <= weight[qi]);
        if take_leaf {
            li += 1;
            (leaves[li - 1] as usize, leaf_weight[li - 1])
        } else {
            qi += 1;
            (m + qi - 1, weight[qi - 1])
        }
    };
    while qn < m - 1 {
        let (a, wa) = pop(&weight, qn);
        let (b, wb) = pop(&weight, qn);
        weight[qn] = wa + wb;
        let id = (m + qn) as u32;
        parent[a] = id;
        parent[b] = id;
        first[a] = true;
        qn += 1;
    }
    Tree { parent, first }
}

/// Codeword lengths from parent links (a parent's id exceeds its children's).
fn depths(t: &Tree, m: usize) -> Vec<u32> {
    let nodes = t.parent.len();
    let mut depth = vec![0u32; nodes];
    for j in (0..nodes - 1).rev() {
        depth[j] = depth[t.parent[j] as usize] + 1;
    }
    depth.truncate(m);
    depth
}

fn expected(p: &[f64], lengths: &[u32]) -> f64 {
    let mut s = Neumaier::default();
    for (&pi, &l) in p.iter().zip(lengths) {
        s.add(pi * f64::from(l));
    }
    s.total()
}

/// Codeword lengths of the binary Huffman code of `p` (see [`huffman_code`]).
///
/// # Errors
/// As [`huffman_code`].
///
/// # Examples
/// ```
/// use sanov::coding::huffman_code_lengths;
/// assert_eq!(huffman_code_lengths(&[0.5, 0.25, 0.125, 0.125])?, vec![1, 2, 3, 3]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn huffman_code_lengths(p: &[f64]) -> Result<Vec<u32>> {
    huffman_code_lengths_par(p, Par::Seq)
}

/// [`huffman_code_lengths`] on at most `par.degree()` threads (the radix sort of the weights;
/// from 32 768 symbols on): the same lengths.
///
/// Python: `sanov.huffman_code_lengths(p, workers=n)`.
///
/// # Errors
/// As [`huffman_code`].
///
/// # Examples
/// ```
/// use sanov::coding::huffman_code_lengths_par;
/// use sanov::Par;
/// assert_eq!(huffman_code_lengths_par(&[0.5, 0.25, 0.125, 0.125], Par::rayon(2))?, vec![1, 2, 3, 3]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn huffman_code_lengths_par(p: &[f64], par: Par) -> Result<Vec<u32>> {
    check_probability_vector("p", p)?;
    if p.len() == 1 {
        return Ok(vec![0]);
    }
    Ok(depths(&tree(p, par), p.len()))
}

/// The binary Huffman code of `p`: a prefix code of least expected length.
///
/// $$ L^* = \sum_i p_i\, l_i, \qquad H_2(p) \le L^* < H_2(p) + 1 $$
///
/// Construction (Huffman 1952): repeatedly merge the two nodes of least weight. Ties are broken
/// deterministically by node id: symbols have ids `0..m` (their index) and merged nodes
/// `m, m+1, …` in order of creation; the node with the smaller `(weight, id)` is taken first and
/// becomes the `'0'` child, the second the `'1'` child. This is exactly what a binary heap of
/// `(weight, id)` pairs (Python's `heapq`) produces; merged weights are `f64` sums, as there.
/// `O(m log m)` for the sort, then `O(m)` (two-queue method).
///
/// Zero-probability symbols take part like any other (they get the longest codewords and add
/// nothing to the expected length), so the code is complete: the Kraft sum is exactly 1. A
/// single symbol gets the empty codeword (length 0, expected length 0).
///
/// # Errors
/// [`crate::Error::Empty`], [`crate::Error::NonFinite`],
/// [`crate::Error::NegativeProbability`] or [`crate::Error::NotNormalized`] for `p`.
///
/// # Examples
/// ```
/// use sanov::coding::huffman_code;
/// let c = huffman_code(&[0.4, 0.3, 0.2, 0.1])?;
/// assert_eq!(c.codewords, ["0", "10", "111", "110"]);
/// assert!((c.expected_length - 1.9).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// D. A. Huffman, "A method for the construction of minimum-redundancy codes", Proc. IRE 40
/// (1952) 1098–1101; Cover & Thomas, *Elements of Information Theory*, 2nd ed., §5.6;
/// J. van Leeuwen, "On the construction of Huffman trees", ICALP (1976) (two queues).
pub fn huffman_code(p: &[f64]) -> Result<HuffmanCode> {
    huffman_code_par(p, Par::Seq)
}

/// [`huffman_code`] on at most `par.degree()` threads (the radix sort of the weights and the
/// codewords; from 32 768 symbols on): the same code, lengths and expected length bit for bit
/// (the tree is built by the same sequential merge, the expected length summed in order).
///
/// Python: `sanov.huffman_code(p, workers=n)`.
///
/// # Errors
/// As [`huffman_code`].
///
/// # Examples
/// ```
/// use sanov::coding::huffman_code_par;
/// use sanov::Par;
/// let c = huffman_code_par(&[0.4, 0.3, 0.2, 0.1], Par::rayon(2))?;
/// assert_eq!(c.codewords, ["0", "10", "111", "110"]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn huffman_code_par(p: &[f64], par: Par) -> Result<HuffmanCode> {
    check_probability_vector("p", p)?;
    let m = p.len();
    if m == 1 {
        return Ok(HuffmanCode {
            codewords: vec![String::new()],
            lengths: vec![0],
            expected_length: 0.0,
        });
    }
    let t = tree(p, par);
    let lengths = depths(&t, m);
    let root = 2 * m - 2;
    let word = |i: usize| {
        let mut bits = vec![0u8; lengths[i] as usize];
        let mut j = i;
        for b in bits.iter_mut().rev() {
            *b = if t.first[j] { b'0' } else { b'1' };
            j = t.parent[j] as usize;
        }
        debug_assert_eq!(j, root);
        // Only b'0' and b'1' were written.
        String::from_utf8(bits).unwrap_or_default()
    };
    let codewords = if pieces(m, par) > 1 {
        par.install(|| (0..m).into_par_iter().map(word).collect())
    } else {
        (0..m).map(word).collect()
    };
    let expected_length = expected(p, &lengths);
    Ok(HuffmanCode {
        codewords,
        lengths,
        expected_length,
    })
}

/// Expected length of the binary Huffman code of `p`, bits per symbol (see [`huffman_code`]).
///
/// # Errors
/// As [`huffman_code`].
///
/// # Examples
/// ```
/// use sanov::coding::huffman_expected_length;
/// assert_eq!(huffman_expected_length(&[0.5, 0.25, 0.25])?, 1.5);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// Huffman (1952); Cover & Thomas, *Elements of Information Theory*, 2nd ed., §5.6.
pub fn huffman_expected_length(p: &[f64]) -> Result<f64> {
    let lengths = huffman_code_lengths(p)?;
    Ok(expected(p, &lengths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_forms_equal_the_sequential_code() {
        // 50 000 weights with many ties (a few hundred distinct values, zeros among them) and
        // a spread of exponents, normalised.
        let mut s = 7u64;
        let mut p: Vec<f64> = (0..50_000)
            .map(|i| {
                s = s
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let u = (s >> 40) % 400;
                if i % 97 == 0 {
                    0.0
                } else {
                    (u as f64 + 1.0) * 2f64.powi(-(((s >> 20) % 30) as i32))
                }
            })
            .collect();
        let total: f64 = p.iter().sum();
        for v in &mut p {
            *v /= total;
        }
        let seq = huffman_code(&p).unwrap();
        for n in [2, 3, 4] {
            assert_eq!(
                huffman_code_par(&p, Par::rayon(n)).unwrap(),
                seq,
                "{n} threads"
            );
            assert_eq!(
                huffman_code_lengths_par(&p, Par::rayon(n)).unwrap(),
                seq.lengths,
                "{n} threads"
            );
        }
        // The radix sort itself, in 1 and 5 pieces: (p, index) ascending.
        let (a, wa) = sorted_leaves(&p, Par::Seq, 1);
        let (b, wb) = sorted_leaves(&p, Par::rayon(2), 5);
        assert_eq!((&a, &wa), (&b, &wb));
        assert!(a
            .windows(2)
            .all(|w| (p[w[0] as usize], w[0]) < (p[w[1] as usize], w[1])));
    }

    #[test]
    fn prefix_free_and_lengths_match() {
        let p = [0.1, 0.0, 0.25, 0.25, 0.2, 0.2];
        let c = huffman_code(&p).unwrap();
        for (i, a) in c.codewords.iter().enumerate() {
            assert_eq!(a.len() as u32, c.lengths[i]);
            for (j, b) in c.codewords.iter().enumerate() {
                assert!(i == j || !b.starts_with(a.as_str()), "{a} prefixes {b}");
            }
        }
    }
}
