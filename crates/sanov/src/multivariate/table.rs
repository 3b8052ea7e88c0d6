//! Dense label-count tables built in one pass, split across threads.
//!
//! Each task reads its share of the samples in cache-sized blocks (labels narrower than
//! `i64` are widened a block at a time, in cache) and counts every sample that falls inside
//! its table straight away: one compare per label, no separate range pass. A sample outside
//! the table grows it (with slack, so growth is rare) to cover the rest of the block. Task
//! tables hold `u32` cells (half the cache footprint of `u64`) while no task counts more than
//! `u32::MAX` samples. The samples are read from memory once, whatever the number of
//! threads; the task tables are added into one `u64` table over the exact observed label
//! range at the end. Counts are exact integers, so the table (and every estimate built on
//! it) is the same for any split.

use super::labels::Labels;
use crate::par::Par;
use core::ops::Range;
use rayon::prelude::*;

/// Samples per block of the fused range-and-count pass (two `i64` columns: 64 KiB, so that the
/// block is still in cache when it is counted).
pub(crate) const BLOCK: usize = 1 << 12;

/// Samples per task below which splitting is not worth it.
pub(crate) const MIN_TASK: usize = 1 << 17;

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

/// A table cell: `u32` while no task counts more than `u32::MAX` samples (half the cache
/// footprint), else `u64`.
pub(crate) trait Cell: Copy + Default + Send + Sync {
    fn inc(&mut self);
    fn get(self) -> u64;
}

impl Cell for u32 {
    #[inline]
    fn inc(&mut self) {
        *self += 1;
    }
    #[inline]
    fn get(self) -> u64 {
        u64::from(self)
    }
}

impl Cell for u64 {
    #[inline]
    fn inc(&mut self) {
        *self += 1;
    }
    #[inline]
    fn get(self) -> u64 {
        self
    }
}

/// The counts of one task.
struct Acc<C> {
    /// The table's ranges (they contain every label counted) and cells.
    tab_x: Span,
    tab_y: Span,
    cells: Vec<C>,
    /// The observed ranges no longer fit `MAX_TASK_CELLS`: this task gave up counting and
    /// only keeps the observed ranges.
    gave_up: bool,
    seen_x: Span,
    seen_y: Span,
}

impl<C: Cell> Acc<C> {
    fn new() -> Self {
        Acc {
            tab_x: Span::EMPTY,
            tab_y: Span::EMPTY,
            cells: Vec::new(),
            gave_up: false,
            seen_x: Span::EMPTY,
            seen_y: Span::EMPTY,
        }
    }

    /// The exact ranges of the labels counted (the rows and columns with a non-zero cell).
    fn extent(&self) -> (Span, Span) {
        if self.gave_up {
            return (self.seen_x, self.seen_y);
        }
        let (mut sx, mut sy) = (Span::EMPTY, Span::EMPTY);
        if self.tab_x.is_empty() {
            return (sx, sy);
        }
        let ky = self.tab_y.len() as usize;
        for (r, row) in self.cells.chunks_exact(ky).enumerate() {
            let first = row.iter().position(|c| c.get() > 0);
            if let Some(f) = first {
                let l = row.iter().rposition(|c| c.get() > 0).unwrap_or(f);
                let label = self.tab_x.lo.wrapping_add(r as i64);
                sx = sx.union(Span {
                    lo: label,
                    hi: label,
                });
                sy = sy.union(Span {
                    lo: self.tab_y.lo.wrapping_add(f as i64),
                    hi: self.tab_y.lo.wrapping_add(l as i64),
                });
            }
        }
        (sx, sy)
    }

    /// Re-lays the table out over `(x, y)`, which contain the labels counted so far.
    fn relayout(&mut self, x: Span, y: Span) {
        let ky = y.len() as usize;
        let mut cells = vec![C::default(); x.len() as usize * ky];
        if !self.tab_x.is_empty() {
            let oky = self.tab_y.len() as usize;
            for (r, row) in self.cells.chunks_exact(oky).enumerate() {
                let label = self.tab_x.lo.wrapping_add(r as i64);
                if label >= x.lo && label <= x.hi {
                    let nr = label.abs_diff(x.lo) as usize;
                    add_row(
                        &mut cells[nr * ky..(nr + 1) * ky],
                        y,
                        row,
                        self.tab_y,
                        |o, c| {
                            *o = c;
                        },
                    );
                }
            }
        }
        self.cells = cells;
        self.tab_x = x;
        self.tab_y = y;
    }

    /// Counts the leading samples that fall inside the table; returns how many were counted
    /// (fewer than `xs.len()` when a sample outside the table stops it). `ys` empty: a single
    /// column.
    #[inline]
    fn count(&mut self, xs: &[i64], ys: &[i64]) -> usize {
        if self.tab_x.is_empty() {
            return 0;
        }
        let (lx, kx) = (self.tab_x.lo, self.tab_x.len());
        let cells = &mut self.cells;
        if ys.is_empty() {
            for (i, &a) in xs.iter().enumerate() {
                let ox = a.wrapping_sub(lx) as u64;
                if ox >= kx {
                    return i;
                }
                cells[ox as usize].inc();
            }
        } else {
            let (ly, ky) = (self.tab_y.lo, self.tab_y.len());
            for (i, (&a, &b)) in xs.iter().zip(ys).enumerate() {
                let (ox, oy) = (a.wrapping_sub(lx) as u64, b.wrapping_sub(ly) as u64);
                if ox >= kx || oy >= ky {
                    return i;
                }
                cells[(ox * ky + oy) as usize].inc();
            }
        }
        xs.len()
    }

    /// Counts one block (`ys` empty: a single column): samples inside the table are counted
    /// straight away; a sample outside it grows the table (with slack) to cover the rest of
    /// the block, or makes the task give up when the exact ranges would not fit.
    fn add(&mut self, xs: &[i64], ys: &[i64]) {
        let of_y = |ys: &[i64]| {
            if ys.is_empty() {
                Span { lo: 0, hi: 0 }
            } else {
                Span::of(ys)
            }
        };
        if self.gave_up {
            self.seen_x = self.seen_x.union(Span::of(xs));
            self.seen_y = self.seen_y.union(of_y(ys));
            return;
        }
        let mut i = 0;
        loop {
            let rest_y = if ys.is_empty() { ys } else { &ys[i..] };
            i += self.count(&xs[i..], rest_y);
            if i == xs.len() {
                return;
            }
            let rest_y = if ys.is_empty() { ys } else { &ys[i..] };
            let (bx, by) = (Span::of(&xs[i..]), of_y(rest_y));
            let fits = |x: Span, y: Span| {
                x.len()
                    .checked_mul(y.len())
                    .is_some_and(|c| c <= MAX_TASK_CELLS as u64)
            };
            let (gx, gy) = (
                self.tab_x.grown(self.tab_x.union(bx)),
                self.tab_y.grown(self.tab_y.union(by)),
            );
            if fits(gx, gy) {
                self.relayout(gx, gy);
                continue;
            }
            let (ex, ey) = self.extent();
            let (ex, ey) = (ex.union(bx), ey.union(by));
            if fits(ex, ey) {
                self.relayout(ex, ey);
                continue;
            }
            // The observed ranges are kept after giving up: they decide the exact table.
            self.seen_x = ex;
            self.seen_y = ey;
            self.gave_up = true;
            self.cells = Vec::new();
            return;
        }
    }

    /// Counts the samples `r` of `x` (and `y`), block by block.
    fn run(x: Labels<'_>, y: Option<Labels<'_>>, r: Range<usize>) -> Self {
        let mut acc = Acc::new();
        let (mut bx, mut by) = (vec![0i64; BLOCK], vec![0i64; BLOCK]);
        let mut s = r.start;
        while s < r.end {
            let m = BLOCK.min(r.end - s);
            let xs = x.block(s, &mut bx[..m]);
            let ys = match y {
                Some(y) => y.block(s, &mut by[..m]),
                None => &[],
            };
            acc.add(xs, ys);
            s += m;
        }
        acc
    }
}

/// Applies `op(dst_cell, src_count)` to the row `dst` over `dy` and the row `src` over
/// `sy`, where they overlap.
fn add_row<C: Cell, D>(dst: &mut [D], dy: Span, src: &[C], sy: Span, op: impl Fn(&mut D, C)) {
    let (lo, hi) = (dy.lo.max(sy.lo), dy.hi.min(sy.hi));
    if lo > hi {
        return;
    }
    let len = hi.abs_diff(lo) as usize + 1;
    let (d0, s0) = (lo.abs_diff(dy.lo) as usize, lo.abs_diff(sy.lo) as usize);
    for (o, &c) in dst[d0..d0 + len].iter_mut().zip(&src[s0..s0 + len]) {
        op(o, c);
    }
}

/// The exact dense count table of the pairs `(x_s, y_s)` (`y` `None`: of the labels `x_s`,
/// one column), or `None` when the exact ranges give more than `max_cells` cells or a range
/// of `max_range` labels or more (the caller then counts otherwise). `x` is non-empty and
/// `y` is as long as `x`.
pub(crate) fn pair_table(
    x: Labels<'_>,
    y: Option<Labels<'_>>,
    max_range: u64,
    max_cells: usize,
    par: Par,
) -> Option<PairTable> {
    let n = x.len();
    let tasks = par.degree().min(n / MIN_TASK).max(1);
    if u32::try_from(n.div_ceil(tasks)).is_ok() {
        pair_table_in::<u32>(x, y, max_range, max_cells, par, tasks)
    } else {
        pair_table_in::<u64>(x, y, max_range, max_cells, par, tasks)
    }
}

/// [`pair_table`] with task tables of cell type `C`, on `tasks` tasks.
fn pair_table_in<C: Cell>(
    x: Labels<'_>,
    y: Option<Labels<'_>>,
    max_range: u64,
    max_cells: usize,
    par: Par,
    tasks: usize,
) -> Option<PairTable> {
    let n = x.len();
    let accs: Vec<Acc<C>> = if tasks <= 1 {
        vec![Acc::run(x, y, 0..n)]
    } else {
        let per = n.div_ceil(tasks);
        par.install(|| {
            (0..tasks)
                .into_par_iter()
                .map(|t| Acc::run(x, y, t * per..((t + 1) * per).min(n)))
                .collect()
        })
    };
    let (sx, sy) = accs.iter().fold((Span::EMPTY, Span::EMPTY), |(a, b), t| {
        let (ex, ey) = t.extent();
        (a.union(ex), b.union(ey))
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
        let mut acc = Acc::<u64> {
            tab_x: sx,
            tab_y: sy,
            cells,
            ..Acc::new()
        };
        let (mut bx, mut by) = (vec![0i64; BLOCK], vec![0i64; BLOCK]);
        let mut s = 0;
        while s < n {
            let m = BLOCK.min(n - s);
            let xs = x.block(s, &mut bx[..m]);
            let ys = match y {
                Some(y) => y.block(s, &mut by[..m]),
                None => &[],
            };
            let done = acc.count(xs, ys);
            debug_assert_eq!(done, m);
            s += m;
        }
        cells = acc.cells;
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
                add_row(
                    row,
                    sy,
                    &a.cells[ar * aky..(ar + 1) * aky],
                    a.tab_y,
                    |o, c| {
                        *o += c.get();
                    },
                );
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
