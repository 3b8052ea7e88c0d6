//! Symbol series as dense integer seq: validation of integer series, the id of each row's
//! tuple, lagged embeddings, and the plug-in (or bias-corrected) conditional mutual information
//! of three id series — the machinery shared by the discrete time-series measures.

use ndarray::ArrayView2;

use crate::error::{Error, Result};
use crate::estimators::{DiscreteEstimator, LabelCounts, NsbOptions};
use crate::sum::Neumaier;
use crate::units::Base;

/// A series of dense ids `0..card`, one per time step.
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    pub seq: Vec<u64>,
    pub card: u64,
    /// The number of scalar symbols in each tuple (for the NSB alphabet size).
    pub width: u32,
}

/// Renumbers `keys` densely (`0..card`, in increasing key order).
fn densify(keys: &[u64], width: u32) -> Ids {
    let n = keys.len();
    let max = keys.iter().copied().max().unwrap_or(0);
    if max < 4 * n as u64 + 1024 {
        let mut table = vec![u64::MAX; usize::try_from(max).unwrap_or(usize::MAX) + 1];
        for &k in keys {
            table[k as usize] = 0;
        }
        let mut card = 0;
        for slot in &mut table {
            if *slot == 0 {
                *slot = card;
                card += 1;
            }
        }
        Ids {
            seq: keys.iter().map(|&k| table[k as usize]).collect(),
            card,
            width,
        }
    } else {
        let mut sorted = keys.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        Ids {
            seq: keys
                .iter()
                .map(|k| sorted.binary_search(k).map_or(0, |i| i as u64))
                .collect(),
            card: sorted.len() as u64,
            width,
        }
    }
}

/// The ids of the pairs `(a_t, b_t)` (equal lengths).
pub(crate) fn combine(a: &Ids, b: &Ids) -> Ids {
    let keys: Vec<u64> = a
        .seq
        .iter()
        .zip(&b.seq)
        .map(|(&x, &y)| x * b.card + y)
        .collect();
    densify(&keys, a.width + b.width)
}

/// Validates an integer series (rows are time steps, columns variables; symbols `≥ 0`) and
/// returns the id of each row's tuple.
pub(crate) fn row_ids(x: ArrayView2<'_, i64>, arg: &'static str) -> Result<Ids> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(Error::Empty { arg });
    }
    let cols = x.ncols();
    for (i, &v) in x.iter().enumerate() {
        if v < 0 {
            return Err(Error::OutOfRange {
                arg,
                index: i,
                value: v as f64,
                expected: "symbols must be integers >= 0",
            });
        }
    }
    let mut acc: Option<Ids> = None;
    for c in 0..cols {
        let keys: Vec<u64> = x.column(c).iter().map(|&v| v.unsigned_abs()).collect();
        let col = densify(&keys, 1);
        acc = Some(match acc {
            None => col,
            Some(a) => combine(&a, &col),
        });
    }
    acc.ok_or(Error::Empty { arg })
}

/// `s[t0 + i]` for `i < len`.
fn window(s: &Ids, t0: usize, len: usize) -> Ids {
    Ids {
        seq: s.seq[t0..t0 + len].to_vec(),
        card: s.card,
        width: s.width,
    }
}

/// The ids of the embedded tuples `(s_{t−lo}, …, s_{t−lo−len+1})` for `t = t0 … n−1`
/// (`len ≥ 1`, `t0 ≥ lo + len − 1`): most recent first.
pub(crate) fn lagged(s: &Ids, t0: usize, lo: usize, len: usize) -> Ids {
    let n = s.seq.len();
    let m = n - t0;
    let mut acc = window(s, t0 - lo, m);
    for j in 1..len {
        acc = combine(&acc, &window(s, t0 - lo - j, m));
    }
    acc
}

/// The present values `s_t`, `t = t0 … n−1`.
pub(crate) fn present(s: &Ids, t0: usize) -> Ids {
    window(s, t0, s.seq.len() - t0)
}

/// Counts of each id.
fn counts(s: &Ids) -> Vec<u64> {
    let mut c = vec![0u64; usize::try_from(s.card).unwrap_or(usize::MAX)];
    for &i in &s.seq {
        c[i as usize] += 1;
    }
    c
}

/// The entropy of one term under `estimator` (NSB: the alphabet of the term is
/// `alphabet^width`).
fn term_entropy(s: &Ids, estimator: &DiscreteEstimator, alphabet: u64) -> Result<f64> {
    let labels: Vec<i64> = s.seq.iter().map(|&i| i as i64).collect();
    let t = LabelCounts::from_labels(&labels);
    match estimator {
        DiscreteEstimator::Nsb(p) => {
            let k = alphabet
                .checked_pow(s.width)
                .filter(|&k| k <= 1 << 40)
                .ok_or(Error::InvalidParameter {
                    name: "alphabet_size",
                    value: alphabet as f64,
                    expected: "alphabet_size^(number of symbols in a joint term) must be <= 2^40 \
                               for the NSB estimator",
                })?;
            let params = NsbOptions {
                alphabet_size: usize::try_from(k).unwrap_or(usize::MAX),
                ..*p
            };
            Ok(t.nsb_entropy(&params, Base::Nats)?.mean)
        }
        e => t.entropy(e, Base::Nats),
    }
}

/// The conditional mutual information `I(A; B | C)` (the mutual information when `c` is
/// `None`) of the empirical distribution of the id triples, in nats.
///
/// Plug-in: `(1/N) Σ_cells n_abc ln(n_abc n_c / (n_ac n_bc))`, one logarithm per occupied
/// cell of an exact integer ratio, Neumaier-summed. Other estimators: the entropy
/// decomposition `Ĥ(A,C) + Ĥ(B,C) − Ĥ(C) − Ĥ(A,B,C)` (`Ĥ(A) + Ĥ(B) − Ĥ(A,B)` without C),
/// each term estimated from its counts.
pub(crate) fn cmi(
    a: &Ids,
    b: &Ids,
    c: Option<&Ids>,
    estimator: &DiscreteEstimator,
    alphabet: u64,
) -> Result<f64> {
    let n = a.seq.len();
    if n == 0 {
        return Err(Error::Empty { arg: "samples" });
    }
    let (ac, bc) = match c {
        Some(c) => (combine(a, c), combine(b, c)),
        None => (a.clone(), b.clone()),
    };
    let abc = combine(&ac, b);
    if !matches!(estimator, DiscreteEstimator::PlugIn) {
        let h = |s: &Ids| term_entropy(s, estimator, alphabet);
        let hc = match c {
            Some(c) => h(c)?,
            None => 0.0,
        };
        return Ok(h(&ac)? + h(&bc)? - hc - h(&abc)?);
    }
    let (n_ac, n_bc, n_abc) = (counts(&ac), counts(&bc), counts(&abc));
    let n_c = c.map(counts);
    let mut seen = vec![false; n_abc.len()];
    let mut acc = Neumaier::default();
    for t in 0..n {
        let cell = abc.seq[t] as usize;
        if seen[cell] {
            continue;
        }
        seen[cell] = true;
        let m = n_abc[cell];
        let nc = match (&n_c, c) {
            (Some(v), Some(c)) => v[c.seq[t] as usize],
            _ => n as u64,
        };
        let num = u128::from(m) * u128::from(nc);
        let den = u128::from(n_ac[ac.seq[t] as usize]) * u128::from(n_bc[bc.seq[t] as usize]);
        acc.add(m as f64 * (num as f64 / den as f64).ln());
    }
    Ok(acc.total() / n as f64)
}

/// The entropy of the ids under `estimator`, in nats.
pub(crate) fn entropy(s: &Ids, estimator: &DiscreteEstimator, alphabet: u64) -> Result<f64> {
    term_entropy(s, estimator, alphabet)
}

/// The per-symbol alphabet size used by NSB: `params.alphabet_size` when set, else one more
/// than the largest symbol of the inputs (at least 2).
pub(crate) fn alphabet(estimator: &DiscreteEstimator, inputs: &[ArrayView2<'_, i64>]) -> u64 {
    if let DiscreteEstimator::Nsb(p) = estimator {
        if p.alphabet_size > 0 {
            return p.alphabet_size as u64;
        }
    }
    let max = inputs
        .iter()
        .flat_map(|a| a.iter().copied())
        .max()
        .unwrap_or(0);
    (max.unsigned_abs() + 1).max(2)
}

/// `Err(LengthMismatch)` unless both series have `n` rows.
pub(crate) fn same_length(
    left_arg: &'static str,
    left: usize,
    right_arg: &'static str,
    right: usize,
) -> Result<()> {
    if left == right {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            left_arg,
            left,
            right_arg,
            right,
        })
    }
}

/// `Err(InvalidParameter)` for a zero history length or delay.
pub(crate) fn positive(name: &'static str, v: usize) -> Result<()> {
    if v == 0 {
        Err(Error::InvalidParameter {
            name,
            value: 0.0,
            expected: "must be >= 1",
        })
    } else {
        Ok(())
    }
}

/// `Err(InvalidParameter)` unless the series of length `n` has at least one time step past
/// its history `t0`.
pub(crate) fn long_enough(n: usize, t0: usize) -> Result<()> {
    if n > t0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "series length",
            value: n as f64,
            expected: "the series is too short for its history: it needs more than \
                       t0 = max(k, delay + l - 1, m) time steps",
        })
    }
}
