//! Dense label-count tables built in one fused pass, split across threads.
//!
//! Each task reads its share of the samples in cache-sized blocks: the block's label range is
//! found first (the block is then in cache), the task's table grows to cover it if needed,
//! and the block is counted. The samples are read from memory once, whatever the number of
//! threads; the task tables are added into one table over the exact observed label range at
//! the end. Counts are exact integers, so the table (and every estimate built on it) is the
//! same for any split.

use crate::par::Par;
use rayon::prelude::*;

/// Samples per block of the fused range-and-count pass (two `i64` columns: 64 KiB, so that the
/// block is still in cache when it is counted).
const BLOCK: usize = 1 << 12;

/// Samples per task below which splitting is not worth it.
const MIN_TASK: usize = 1 << 17;

/// Largest table (cells) a task keeps for itself; a larger exact table is counted on one
/// thread.
const MAX_TASK_CELLS: usize = 1 << 22;

/// Slack factor applied when a task's table has to grow (amortises re-layouts).
const GROWTH: usize = 2;

/// A dense table of counts over the label ranges `lo_x ..= lo_x + kx − 1` (rows) and
/// `lo_y ..= lo_y + ky − 1` (columns), row-major.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PairTable {
    /// Smallest row label.
    pub lo_x: i64,
    /// Number of rows (`max_x − min_x + 1`).
    pub kx: usize,
    /// Smallest column label.
    pub lo_y: i64,
    /// Number of columns (1 for a single column of labels).
    pub ky: usize,
    /// `cells[(x − lo_x) · ky + (y − lo_y)]`.
    pub cells: Vec<u64>,
}

/// An inclusive label range.
#[derive(Debug, Clone, Copy)]
struct Span {
    lo: i64,
    hi: i64,
}

impl Span {
    const EMPTY: Span = Span {
        lo: i64::MAX,
        hi: i64::MIN,
    };

    fn of(v: &[i64]) -> Span {
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        for &a in v {
            lo = lo.min(a);
            hi = hi.max(a);
        }
        Span { lo, hi }
    }

    fn union(self, o: Span) -> Span {
        Span {
            lo: self.lo.min(o.lo),
            hi: self.hi.max(o.hi),
        }
    }

    fn is_empty(self) -> bool {
        self.lo > self.hi
    }

    fn contains(self, o: Span) -> bool {
        self.lo <= o.lo && o.hi <= self.hi
    }

    /// Number of labels in the range (saturating at `u64::MAX`).
    fn len(self) -> u64 {
        if self.is_empty() {
            0
        } else {
            self.hi.abs_diff(self.lo).saturating_add(1)
        }
    }

    /// `self` widened to cover `need`, by at least `GROWTH` times its length on the side(s)
    /// that grew (clamped to the `i64` range).
    fn grown(self, need: Span) -> Span {
        if self.is_empty() {
            return need;
        }
        let u = self.union(need);
        let slack = i64::try_from(self.len().saturating_mul(GROWTH as u64 - 1)).unwrap_or(i64::MAX);
        Span {
            lo: if u.lo < self.lo {
                u.lo.saturating_sub(slack)
            } else {
                u.lo
            },
            hi: if u.hi > self.hi {
                u.hi.saturating_add(slack)
            } else {
                u.hi
            },
        }
    }
}

/// The counts of one task.
struct Acc {
    /// Observed ranges.
    seen_x: Span,
    seen_y: Span,
    /// The table's ranges (contain the observed ones) and cells.
    tab_x: Span,
    tab_y: Span,
    cells: Vec<u64>,
    /// The observed ranges no longer fit `MAX_TASK_CELLS`: this task gave up counting.
    gave_up: bool,
}

impl Acc {
    fn new() -> Self {
        Acc {
            seen_x: Span::EMPTY,
            seen_y: Span::EMPTY,
            tab_x: Span::EMPTY,
            tab_y: Span::EMPTY,
            cells: Vec::new(),
            gave_up: false,
        }
    }

    /// Re-lays the table out over `(x, y)`, which contain the observed ranges (cells of the
    /// old table outside them are zero).
    fn relayout(&mut self, x: Span, y: Span) {
        let ky = y.len() as usize;
        let mut cells = vec![0u64; x.len() as usize * ky];
        if !self.tab_x.is_empty() {
            let oky = self.tab_y.len() as usize;
            for (r, row) in self.cells.chunks_exact(oky).enumerate() {
                let label = self.tab_x.lo.wrapping_add(r as i64);
                if label >= x.lo && label <= x.hi {
                    let nr = label.abs_diff(x.lo) as usize;
                    add_row(&mut cells[nr * ky..(nr + 1) * ky], y, row, self.tab_y);
                }
            }
        }
        self.cells = cells;
        self.tab_x = x;
        self.tab_y = y;
    }

    /// Counts one block (`ys` empty: a single column).
    fn add(&mut self, xs: &[i64], ys: &[i64]) {
        let bx = Span::of(xs);
        let by = if ys.is_empty() {
            Span { lo: 0, hi: 0 }
        } else {
            Span::of(ys)
        };
        // The observed ranges are kept even after giving up: they decide the exact table.
        self.seen_x = self.seen_x.union(bx);
        self.seen_y = self.seen_y.union(by);
        if self.gave_up {
            return;
        }
        if !(self.tab_x.contains(bx) && self.tab_y.contains(by)) {
            let fits = |x: Span, y: Span| {
                x.len()
                    .checked_mul(y.len())
                    .is_some_and(|c| c <= MAX_TASK_CELLS as u64)
            };
            let (gx, gy) = (self.tab_x.grown(self.seen_x), self.tab_y.grown(self.seen_y));
            if fits(gx, gy) {
                self.relayout(gx, gy);
            } else if fits(self.seen_x, self.seen_y) {
                self.relayout(self.seen_x, self.seen_y);
            } else {
                self.gave_up = true;
                self.cells = Vec::new();
                return;
            }
        }
        let (lx, ly, ky) = (self.tab_x.lo, self.tab_y.lo, self.tab_y.len() as usize);
        let cells = &mut self.cells;
        if ys.is_empty() {
            for &a in xs {
                cells[a.abs_diff(lx) as usize] += 1;
            }
        } else {
            for (&a, &b) in xs.iter().zip(ys) {
                cells[a.abs_diff(lx) as usize * ky + b.abs_diff(ly) as usize] += 1;
            }
        }
    }

    /// Counts a whole range of samples, block by block.
    fn run(xs: &[i64], ys: &[i64]) -> Acc {
        let mut acc = Acc::new();
        if ys.is_empty() {
            for b in xs.chunks(BLOCK) {
                acc.add(b, &[]);
            }
        } else {
            for (a, b) in xs.chunks(BLOCK).zip(ys.chunks(BLOCK)) {
                acc.add(a, b);
            }
        }
        acc
    }
}

/// Adds the row `src` over the column range `sy` into the row `dst` over `dy`, where they
/// overlap.
fn add_row(dst: &mut [u64], dy: Span, src: &[u64], sy: Span) {
    let (lo, hi) = (dy.lo.max(sy.lo), dy.hi.min(sy.hi));
    if lo > hi {
        return;
    }
    let len = hi.abs_diff(lo) as usize + 1;
    let (d0, s0) = (lo.abs_diff(dy.lo) as usize, lo.abs_diff(sy.lo) as usize);
    for (o, &c) in dst[d0..d0 + len].iter_mut().zip(&src[s0..s0 + len]) {
        *o += c;
    }
}

/// The exact dense count table of the pairs `(x_s, y_s)` (`y` empty: of the labels `x_s`,
/// one column), or `None` when the exact ranges give more than `max_cells` cells or a range
/// of `max_range` labels or more (the caller then counts otherwise). `x` is non-empty and
/// `y` is empty or as long as `x`.
pub(crate) fn pair_table(
    x: &[i64],
    y: &[i64],
    max_range: u64,
    max_cells: usize,
    par: Par,
) -> Option<PairTable> {
    let n = x.len();
    let tasks = par.degree().min(n / MIN_TASK);
    let accs: Vec<Acc> = if tasks <= 1 {
        vec![Acc::run(x, y)]
    } else {
        let per = n.div_ceil(tasks);
        par.install(|| {
            (0..tasks)
                .into_par_iter()
                .map(|t| {
                    let r = t * per..((t + 1) * per).min(n);
                    Acc::run(&x[r.clone()], if y.is_empty() { y } else { &y[r] })
                })
                .collect()
        })
    };
    let (sx, sy) = accs.iter().fold((Span::EMPTY, Span::EMPTY), |(a, b), t| {
        (a.union(t.seen_x), b.union(t.seen_y))
    });
    let (rx, ry) = (sx.len() - 1, sy.len() - 1);
    if rx >= max_range || ry >= max_range {
        return None;
    }
    let (kx, ky) = (sx.len() as usize, sy.len() as usize);
    if kx.checked_mul(ky)? > max_cells {
        return None;
    }
    let mut cells = vec![0u64; kx * ky];
    if accs.iter().any(|a| a.gave_up) {
        // One thread, straight into the exact table (the ranges are known now).
        if y.is_empty() {
            for &a in x {
                cells[a.abs_diff(sx.lo) as usize] += 1;
            }
        } else {
            for (&a, &b) in x.iter().zip(y) {
                cells[a.abs_diff(sx.lo) as usize * ky + b.abs_diff(sy.lo) as usize] += 1;
            }
        }
    } else {
        // Add the task tables into the exact one (rows in parallel for several tasks).
        let merge = |(r, row): (usize, &mut [u64])| {
            let label = sx.lo.wrapping_add(r as i64);
            for a in &accs {
                if a.tab_x.is_empty() || label < a.tab_x.lo || label > a.tab_x.hi {
                    continue;
                }
                let aky = a.tab_y.len() as usize;
                let ar = label.abs_diff(a.tab_x.lo) as usize;
                add_row(row, sy, &a.cells[ar * aky..(ar + 1) * aky], a.tab_y);
            }
        };
        if accs.len() > 1 {
            par.install(|| cells.par_chunks_mut(ky).enumerate().for_each(merge));
        } else {
            cells.chunks_mut(ky).enumerate().for_each(merge);
        }
    }
    Some(PairTable {
        lo_x: sx.lo,
        kx,
        lo_y: sy.lo,
        ky,
        cells,
    })
}
