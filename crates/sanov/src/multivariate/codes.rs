//! Label columns as codes: each column's alphabet (its distinct labels, found in parallel) and
//! the dense count table of the code tuples of several columns, split across threads.

use super::counts::MAX_DIRECT_RANGE;
use super::labels::Labels;
use super::table::{Cell, BLOCK, MIN_TASK};
use crate::estimators::LabelCounts;
use crate::par::Par;
use core::ops::Range;
use rayon::prelude::*;

/// The alphabet of one label column: its distinct labels in increasing order, and the code
/// (`0..K`) of each label, found without writing a code per sample.
pub(crate) struct Alphabet {
    /// `labels[c]` is the label with code `c` (increasing).
    pub labels: Vec<i64>,
    /// How a label is turned into its code.
    pub map: CodeMap,
}

/// Label → code lookup of an [`Alphabet`].
pub(crate) enum CodeMap {
    /// `codes[label − lo]` (labels in a range of at most [`MAX_DIRECT_RANGE`]).
    Direct { lo: i64, codes: Vec<u32> },
    /// Binary search in the sorted labels.
    Sorted,
}

impl Alphabet {
    /// The alphabet of the non-empty column `x`, from its label counts
    /// ([`LabelCounts::from_labels_par`]: per-thread tables over the label range, or sorting,
    /// on at most `par.degree()` threads); codes by a direct table when the label range is
    /// small (as in [`factorize`](super::counts::factorize)), else by binary search.
    pub(crate) fn of(x: Labels<'_>, par: Par) -> Alphabet {
        let labels = LabelCounts::from_labels_par(x, par).labels().to_vec();
        let lo = labels.first().copied().unwrap_or(0);
        let range = labels.last().map_or(0, |&hi| hi.abs_diff(lo));
        let map = if range < MAX_DIRECT_RANGE && range <= 4 * x.len() as u64 + 1024 {
            let mut codes = vec![u32::MAX; range as usize + 1];
            for (c, &l) in labels.iter().enumerate() {
                codes[l.abs_diff(lo) as usize] = c as u32;
            }
            CodeMap::Direct { lo, codes }
        } else {
            CodeMap::Sorted
        };
        Alphabet { labels, map }
    }

    /// Replaces each `flat[s]` by `flat[s] · K + code(xs[s])` (`K` the alphabet size): one
    /// more axis of a row-major cell index. Every label of `xs` is in the alphabet.
    pub(crate) fn push_axis(&self, xs: &[i64], flat: &mut [usize]) {
        let k = self.labels.len();
        match &self.map {
            CodeMap::Direct { lo, codes } => {
                for (f, &v) in flat.iter_mut().zip(xs) {
                    *f = *f * k + codes[v.abs_diff(*lo) as usize] as usize;
                }
            }
            CodeMap::Sorted => {
                for (f, v) in flat.iter_mut().zip(xs) {
                    *f = *f * k + self.labels.binary_search(v).unwrap_or(0);
                }
            }
        }
    }
}

/// Cells of the merged table added per parallel merge task.
const MERGE_CHUNK: usize = 1 << 14;

/// The dense row-major count table (`cells` cells) of the code tuples
/// `(code_0(c_0[s]), …, code_k(c_k[s]))` over the samples `s`, on at most `par.degree()`
/// threads: each task counts its share of the samples, a block at a time (labels widened in
/// cache, each column turned into one more axis of the cell index), into its own table, and
/// the tables are added. A task's table has no more cells than the task has samples, so the
/// task tables together take no more memory than the input; the counts are exact, so the table
/// is the same for every split. The columns are non-empty, of equal length, and every label is
/// in its column's alphabet.
pub(crate) fn code_table(
    columns: &[Labels<'_>],
    alphabets: &[Alphabet],
    cells: usize,
    par: Par,
) -> Vec<u64> {
    let n = columns.first().map_or(0, Labels::len);
    let tasks = par.degree().min(n / MIN_TASK).min(n / cells.max(1)).max(1);
    if tasks <= 1 {
        return count_codes::<u64>(columns, alphabets, cells, 0..n);
    }
    let per = n.div_ceil(tasks);
    if u32::try_from(per).is_ok() {
        merge_codes(par, cells, tasks, |t| {
            count_codes::<u32>(columns, alphabets, cells, t * per..((t + 1) * per).min(n))
        })
    } else {
        merge_codes(par, cells, tasks, |t| {
            count_codes::<u64>(columns, alphabets, cells, t * per..((t + 1) * per).min(n))
        })
    }
}

/// Runs `count(t)` for the tasks `t < tasks` in parallel and adds their tables.
fn merge_codes<C: Cell>(
    par: Par,
    cells: usize,
    tasks: usize,
    count: impl Fn(usize) -> Vec<C> + Sync + Send,
) -> Vec<u64> {
    par.install(|| {
        let tables: Vec<Vec<C>> = (0..tasks).into_par_iter().map(count).collect();
        let mut out = vec![0u64; cells];
        out.par_chunks_mut(MERGE_CHUNK)
            .enumerate()
            .for_each(|(i, chunk)| {
                let (start, len) = (i * MERGE_CHUNK, chunk.len());
                for t in &tables {
                    for (o, c) in chunk.iter_mut().zip(&t[start..start + len]) {
                        *o += c.get();
                    }
                }
            });
        out
    })
}

/// The code-tuple counts of the samples `r` (see [`code_table`]).
fn count_codes<C: Cell>(
    columns: &[Labels<'_>],
    alphabets: &[Alphabet],
    cells: usize,
    r: Range<usize>,
) -> Vec<C> {
    let mut table = vec![C::default(); cells];
    let (mut buf, mut flat) = (vec![0i64; BLOCK], vec![0usize; BLOCK]);
    let mut s = r.start;
    while s < r.end {
        let m = BLOCK.min(r.end - s);
        let flat = &mut flat[..m];
        flat.fill(0);
        for (c, a) in columns.iter().zip(alphabets) {
            a.push_axis(c.block(s, &mut buf[..m]), flat);
        }
        for &f in &*flat {
            table[f].inc();
        }
        s += m;
    }
    table
}
