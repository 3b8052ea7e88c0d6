//! Streaming summaries for the data commands: exact label counts of one column or of a pair
//! of columns, built batch by batch and handed to [`sanov::summaries::CountTable`], the
//! labelling of a column across batches, and a seeded reservoir sample of rows for the k-NN
//! estimators.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use anyhow::{anyhow, Result};
use sanov::summaries::CountTable;

use crate::table::Values;

/// A fast, non-cryptographic hasher for integer keys (the multiply-rotate step of rustc's
/// `FxHasher`); the keys are the user's labels, never attacker-chosen across a network.
#[derive(Default, Clone, Copy)]
pub struct MixHasher(u64);

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_i64(&mut self, x: i64) {
        self.write_u64(x as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Map = HashMap<(i64, i64), u64, BuildHasherDefault<MixHasher>>;

/// Largest dense table of one counter, in cells (2 MiB of counts).
const DENSE_MAX: i128 = 1 << 18;

/// A dense table over the label box `[lo_a, lo_a + span_a) × [lo_b, lo_b + span_b)`.
struct Dense {
    lo_a: i64,
    span_a: usize,
    lo_b: i64,
    span_b: usize,
    cells: Vec<u64>,
}

/// Exact counts of labels `a` (one column) or of label pairs `(a, b)`, kept in a dense table
/// while the labels span a small box and in a hash map otherwise; memory grows with the
/// number of distinct labels (pairs), never with the rows.
pub struct Counter {
    pair: bool,
    dense: Option<Dense>,
    sparse: Map,
    total: u64,
    distinct: usize,
}

fn range(v: &[i64]) -> (i64, i64) {
    v.iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)))
}

impl Counter {
    /// An empty counter of single labels (`pair = false`) or of label pairs.
    pub fn new(pair: bool) -> Self {
        Self {
            pair,
            dense: None,
            sparse: Map::default(),
            total: 0,
            distinct: 0,
        }
    }

    /// The number of distinct labels (pairs) counted.
    pub fn distinct(&self) -> usize {
        self.distinct
    }

    /// Counts the labels `a` (and `b`, of the same length, for a pair counter).
    pub fn add(&mut self, a: &[i64], b: &[i64]) {
        if a.is_empty() {
            return;
        }
        let b = if self.pair { b } else { &[] };
        let (lo_a, hi_a) = range(a);
        let (lo_b, hi_b) = if self.pair { range(b) } else { (0, 0) };
        self.total += a.len() as u64;
        if self.sparse.is_empty() {
            self.fit(lo_a, hi_a, lo_b, hi_b);
        }
        if let Some(d) = &mut self.dense {
            let mut new = 0usize;
            if self.pair {
                for (&x, &y) in a.iter().zip(b) {
                    let i = (x.wrapping_sub(d.lo_a) as usize) * d.span_b
                        + y.wrapping_sub(d.lo_b) as usize;
                    let c = &mut d.cells[i];
                    new += usize::from(*c == 0);
                    *c += 1;
                }
            } else {
                for &x in a {
                    let c = &mut d.cells[x.wrapping_sub(d.lo_a) as usize];
                    new += usize::from(*c == 0);
                    *c += 1;
                }
            }
            self.distinct += new;
            return;
        }
        for (i, &x) in a.iter().enumerate() {
            let y = if self.pair { b[i] } else { 0 };
            let c = self.sparse.entry((x, y)).or_insert(0);
            self.distinct += usize::from(*c == 0);
            *c += 1;
        }
    }

    /// Makes the dense table cover the batch's label box, growing it, or moves the counts to
    /// the hash map when the box would be too large.
    fn fit(&mut self, lo_a: i64, hi_a: i64, lo_b: i64, hi_b: i64) {
        if let Some(d) = &self.dense {
            let (ha, hb) = (
                d.lo_a as i128 + d.span_a as i128 - 1,
                d.lo_b as i128 + d.span_b as i128 - 1,
            );
            if lo_a >= d.lo_a && (hi_a as i128) <= ha && lo_b >= d.lo_b && (hi_b as i128) <= hb {
                return;
            }
        }
        let (mut la, mut ha, mut lb, mut hb) =
            (lo_a as i128, hi_a as i128, lo_b as i128, hi_b as i128);
        if let Some(d) = &self.dense {
            la = la.min(d.lo_a as i128);
            ha = ha.max(d.lo_a as i128 + d.span_a as i128 - 1);
            lb = lb.min(d.lo_b as i128);
            hb = hb.max(d.lo_b as i128 + d.span_b as i128 - 1);
        }
        let (sa, sb) = (ha - la + 1, hb - lb + 1);
        if sa.saturating_mul(sb) <= DENSE_MAX {
            let mut cells = vec![0u64; (sa * sb) as usize];
            if let Some(d) = &self.dense {
                for ia in 0..d.span_a {
                    for ib in 0..d.span_b {
                        let c = d.cells[ia * d.span_b + ib];
                        if c > 0 {
                            let na = (d.lo_a as i128 + ia as i128 - la) as usize;
                            let nb = (d.lo_b as i128 + ib as i128 - lb) as usize;
                            cells[na * sb as usize + nb] = c;
                        }
                    }
                }
            }
            self.dense = Some(Dense {
                lo_a: la as i64,
                span_a: sa as usize,
                lo_b: lb as i64,
                span_b: sb as usize,
                cells,
            });
            return;
        }
        if let Some(d) = self.dense.take() {
            for ia in 0..d.span_a {
                for ib in 0..d.span_b {
                    let c = d.cells[ia * d.span_b + ib];
                    if c > 0 {
                        let key = (
                            d.lo_a.wrapping_add(ia as i64),
                            d.lo_b.wrapping_add(ib as i64),
                        );
                        self.sparse.insert(key, c);
                    }
                }
            }
        }
    }

    /// The counts as a [`CountTable`] (one column, or two for a pair counter).
    ///
    /// # Errors
    /// None in practice: the table is built through [`CountTable::from_bytes`], which checks
    /// every invariant (sorted distinct rows, positive counts summing to the total).
    pub fn table(&self) -> Result<CountTable> {
        let mut rows: Vec<((i64, i64), u64)> = Vec::with_capacity(self.distinct);
        if let Some(d) = &self.dense {
            for ia in 0..d.span_a {
                for ib in 0..d.span_b {
                    let c = d.cells[ia * d.span_b + ib];
                    if c > 0 {
                        rows.push((
                            (
                                d.lo_a.wrapping_add(ia as i64),
                                d.lo_b.wrapping_add(ib as i64),
                            ),
                            c,
                        ));
                    }
                }
            }
        }
        rows.extend(self.sparse.iter().map(|(&k, &c)| (k, c)));
        rows.sort_unstable();
        let arity: u32 = if self.pair { 2 } else { 1 };
        let mut bytes = Vec::with_capacity(25 + rows.len() * 24);
        bytes.extend_from_slice(b"SNCT");
        bytes.push(1);
        bytes.extend_from_slice(&arity.to_le_bytes());
        bytes.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&self.total.to_le_bytes());
        for ((a, b), _) in &rows {
            bytes.extend_from_slice(&a.to_le_bytes());
            if self.pair {
                bytes.extend_from_slice(&b.to_le_bytes());
            }
        }
        for (_, c) in &rows {
            bytes.extend_from_slice(&c.to_le_bytes());
        }
        CountTable::from_bytes(&bytes).map_err(|e| anyhow!("internal count table: {e}"))
    }
}

/// What a column has held so far, across batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// No rows yet.
    Nothing,
    /// Integers, or floats that are all integers of magnitude below 2^53.
    Integral,
    /// A float that is not an integer: no labels.
    Fractional,
    /// Text (labels are codes in order of first appearance over the whole input).
    Text,
}

/// The labels of one column over a stream of batches: integers as they are, integral floats
/// as integers, text by a code in order of first appearance over all batches — the labels
/// [`Values::labels`] gives for the whole column.
pub struct Labeler {
    /// What the column has held.
    pub seen: Seen,
    codes: HashMap<String, i64>,
}

/// The labels of a column in one batch.
pub enum Step<'a> {
    /// Labels.
    Labels(Cow<'a, [i64]>),
    /// The column holds non-integer numbers (from this batch on, or before).
    NotLabels,
    /// A column read as numbers so far turned out to hold text: the input must be read
    /// again with the column read as text from its first row.
    Restart,
}

impl Labeler {
    /// A labeller that has seen nothing.
    pub fn new() -> Self {
        Self {
            seen: Seen::Nothing,
            codes: HashMap::new(),
        }
    }

    /// The labels of this batch of the column.
    pub fn labels<'a>(&mut self, v: &'a Values) -> Step<'a> {
        if let Values::Str { codes, levels } = v {
            if matches!(self.seen, Seen::Integral | Seen::Fractional) {
                return Step::Restart;
            }
            self.seen = Seen::Text;
            let remap: Vec<i64> = levels
                .iter()
                .map(|l| {
                    let next = self.codes.len() as i64;
                    *self.codes.entry(l.clone()).or_insert(next)
                })
                .collect();
            return Step::Labels(Cow::Owned(
                codes.iter().map(|&c| remap[c as usize]).collect(),
            ));
        }
        if self.seen == Seen::Fractional {
            return Step::NotLabels;
        }
        if self.seen == Seen::Text {
            return Step::Restart;
        }
        if let Some(l) = v.labels() {
            if !l.is_empty() {
                self.seen = Seen::Integral;
            }
            Step::Labels(l)
        } else {
            self.seen = Seen::Fractional;
            Step::NotLabels
        }
    }
}

/// splitmix64 (Steele, Lea & Flood, OOPSLA 2014): the documented stream of the reservoir.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on `0..n` (`n ≥ 1`), exactly: Lemire's multiply-and-reject.
    fn below(&mut self, n: u64) -> u64 {
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            let low = m as u64;
            if low >= n || low >= n.wrapping_neg() % n {
                return (m >> 64) as u64;
            }
        }
    }
}

/// A uniform sample of at most `capacity` rows of several columns (numbers and labels),
/// by Algorithm R (Vitter 1985) on splitmix64 seeded with `seed`: row `t` (0-based) enters
/// while fewer than `capacity` rows are held, else replaces slot `j` when a uniform draw
/// `j ∈ {0, …, t}` falls below `capacity`. Every row is kept with probability
/// `capacity / N`; with `N ≤ capacity` the sample is every row, in order.
pub struct Reservoir {
    capacity: usize,
    seen: u64,
    rng: SplitMix64,
    /// The sampled numbers, one vector per numeric column.
    pub floats: Vec<Vec<f64>>,
    /// The sampled labels, one vector per label column.
    pub labels: Vec<Vec<i64>>,
}

impl Reservoir {
    /// An empty reservoir of `nf` numeric and `nl` label columns.
    pub fn new(capacity: usize, seed: u64, nf: usize, nl: usize) -> Self {
        Self {
            capacity,
            seen: 0,
            rng: SplitMix64(seed),
            floats: vec![Vec::new(); nf],
            labels: vec![Vec::new(); nl],
        }
    }

    /// The number of rows offered.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// Offers the rows of one batch (columns of equal length).
    pub fn offer(&mut self, floats: &[&[f64]], labels: &[&[i64]]) {
        let n = floats
            .first()
            .map(|v| v.len())
            .or_else(|| labels.first().map(|v| v.len()))
            .unwrap_or(0);
        for i in 0..n {
            let held = self
                .floats
                .first()
                .map_or_else(|| self.labels.first().map_or(0, Vec::len), Vec::len);
            if held < self.capacity {
                for (dst, src) in self.floats.iter_mut().zip(floats) {
                    dst.push(src[i]);
                }
                for (dst, src) in self.labels.iter_mut().zip(labels) {
                    dst.push(src[i]);
                }
            } else {
                let j = self.rng.below(self.seen + 1) as usize;
                if j < self.capacity {
                    for (dst, src) in self.floats.iter_mut().zip(floats) {
                        dst[j] = src[i];
                    }
                    for (dst, src) in self.labels.iter_mut().zip(labels) {
                        dst[j] = src[i];
                    }
                }
            }
            self.seen += 1;
        }
    }

    /// Whether rows were left out (more rows offered than held).
    pub fn sampled(&self) -> bool {
        self.seen > self.capacity as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_equals_count_table_in_every_mode() {
        let a: Vec<i64> = (0..5000).map(|i| (i * 7919) % 13 - 6).collect();
        let b: Vec<i64> = (0..5000).map(|i| (i * 104_729) % 5).collect();
        let wide: Vec<i64> = (0..5000).map(|i| ((i * 31) % 17) << 40).collect();
        for (x, y) in [(&a, &b), (&wide, &b), (&a, &wide)] {
            let want = CountTable::from_columns(&[x, y]).unwrap();
            let mut c = Counter::new(true);
            for k in (0..x.len()).step_by(333) {
                let e = (k + 333).min(x.len());
                c.add(&x[k..e], &y[k..e]);
            }
            assert_eq!(c.table().unwrap(), want);
            let mut one = Counter::new(false);
            for k in (0..x.len()).step_by(700) {
                let e = (k + 700).min(x.len());
                one.add(&x[k..e], &[]);
            }
            let t = one.table().unwrap();
            assert_eq!(t, CountTable::from_columns(&[x]).unwrap());
            assert_eq!(one.distinct(), t.rows());
        }
    }

    #[test]
    fn reservoir_keeps_all_rows_in_order_until_full_and_is_seeded() {
        let x: Vec<f64> = (0..100).map(f64::from).collect();
        let mut r = Reservoir::new(100, 3, 1, 0);
        r.offer(&[&x[..40]], &[]);
        r.offer(&[&x[40..]], &[]);
        assert_eq!(r.floats[0], x);
        assert!(!r.sampled());
        let draw = |seed| {
            let mut r = Reservoir::new(10, seed, 1, 0);
            r.offer(&[&x], &[]);
            r.floats[0].clone()
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
        assert_eq!(draw(1).len(), 10);
    }
}
