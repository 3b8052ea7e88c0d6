//! A uniform grid for the k-th neighbour distances of planar points under the max-norm: the
//! KSG joint space of a one-dimensional `x` and a one-dimensional `y`.
//!
//! The points are bucketed into `g × g` cells (a counting sort, `O(n)`); each query scans the
//! rings of cells around its own, nearest first, and stops once every point outside the
//! scanned block is farther than the current k-th distance. The bound is exact in floating
//! point: a cell column to the right of the query's holds only larger `x` (the cell index is
//! a monotone function of the coordinate), so any point there is at least
//! `fl(min x of those columns − x_q)` away, by the monotonicity of rounding — the same
//! argument as the bounding boxes of the k-d tree. Distances are `max(|x_q − x_j|, |y_q − y_j|)`
//! computed as the tree computes them, and ties are broken by the smaller row index, so the
//! k nearest neighbours and their distances equal the tree's bit for bit.

use super::for_chunks;
use super::kdtree::Neighbor;
use crate::Par;

/// Cells above this occupancy mean a very uneven density (heavy tails, clusters): the grid
/// declines and the caller uses the tree.
const MAX_OCCUPANCY: usize = 256;

/// The planar grid.
pub(crate) struct Grid {
    g: usize,
    /// Cell of `(cx, cy)` is `cy·g + cx`; its points are `start[c]..start[c + 1]`.
    start: Vec<u32>,
    xs: Vec<f64>,
    ys: Vec<f64>,
    rows: Vec<u32>,
    /// `lo_x[c]`: the smallest `x` in the columns `≥ c` (`+∞` past the last);
    /// `hi_x[c + 1]`: the largest `x` in the columns `≤ c` (`hi_x[0] = −∞`). Likewise `y`.
    lo_x: Vec<f64>,
    hi_x: Vec<f64>,
    lo_y: Vec<f64>,
    hi_y: Vec<f64>,
}

/// Cell of `v`: `⌊(v − lo)·scale⌋` clamped to `0..g` (monotone in `v`).
#[inline]
fn cell(v: f64, lo: f64, scale: f64, g: usize) -> usize {
    // `as` saturates (NaN from 0·∞ gives 0, which keeps the map monotone).
    (((v - lo) * scale) as usize).min(g - 1)
}

impl Grid {
    /// The grid over the points `(xs[i], ys[i])` (finite), or `None` when it would be
    /// unbalanced (a cell with more than [`MAX_OCCUPANCY`] points) or `n ≥ 2³²`.
    pub(crate) fn new(xs: &[f64], ys: &[f64]) -> Option<Self> {
        let n = xs.len();
        if n == 0 || u32::try_from(n).is_err() {
            return None;
        }
        let g = ((4.0 * n as f64).sqrt().ceil() as usize).clamp(1, 2048);
        let span = |v: &[f64]| {
            v.iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &t| {
                    (a.min(t), b.max(t))
                })
        };
        let ((x0, x1), (y0, y1)) = (span(xs), span(ys));
        let scale = |lo: f64, hi: f64| {
            if hi > lo {
                g as f64 / (hi - lo)
            } else {
                0.0
            }
        };
        let (sx, sy) = (scale(x0, x1), scale(y0, y1));
        let cells: Vec<u32> = xs
            .iter()
            .zip(ys)
            .map(|(&x, &y)| (cell(y, y0, sy, g) * g + cell(x, x0, sx, g)) as u32)
            .collect();
        let mut start = vec![0u32; g * g + 1];
        for &c in &cells {
            start[c as usize + 1] += 1;
        }
        if start.iter().any(|&c| c as usize > MAX_OCCUPANCY) {
            return None;
        }
        for c in 1..start.len() {
            start[c] += start[c - 1];
        }
        let mut next = start.clone();
        let (mut px, mut py, mut rows) = (vec![0.0; n], vec![0.0; n], vec![0u32; n]);
        for (i, &c) in cells.iter().enumerate() {
            let at = next[c as usize] as usize;
            next[c as usize] += 1;
            px[at] = xs[i];
            py[at] = ys[i];
            rows[at] = i as u32;
        }
        // Per column / row: the extreme coordinates, then suffix minima and prefix maxima.
        let (mut cmin_x, mut cmax_x) = (vec![f64::INFINITY; g], vec![f64::NEG_INFINITY; g]);
        let (mut cmin_y, mut cmax_y) = (vec![f64::INFINITY; g], vec![f64::NEG_INFINITY; g]);
        for (i, &c) in cells.iter().enumerate() {
            let (cx, cy) = (c as usize % g, c as usize / g);
            cmin_x[cx] = cmin_x[cx].min(xs[i]);
            cmax_x[cx] = cmax_x[cx].max(xs[i]);
            cmin_y[cy] = cmin_y[cy].min(ys[i]);
            cmax_y[cy] = cmax_y[cy].max(ys[i]);
        }
        let suffix_min = |m: &[f64]| {
            let mut out = vec![f64::INFINITY; g + 1];
            for c in (0..g).rev() {
                out[c] = out[c + 1].min(m[c]);
            }
            out
        };
        let prefix_max = |m: &[f64]| {
            let mut out = vec![f64::NEG_INFINITY; g + 1];
            for c in 0..g {
                out[c + 1] = out[c].max(m[c]);
            }
            out
        };
        Some(Self {
            g,
            start,
            xs: px,
            ys: py,
            rows,
            lo_x: suffix_min(&cmin_x),
            hi_x: prefix_max(&cmax_x),
            lo_y: suffix_min(&cmin_y),
            hi_y: prefix_max(&cmax_y),
        })
    }

    /// The number of points.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The max-norm distance from the point at grid position `pos` to its `k`-th nearest
    /// other point, for every point, indexed by original row (`1 ≤ k < n`).
    /// Stops early (the remaining distances left at 0) once `cancel` is cancelled: the caller
    /// checks it.
    pub(crate) fn kth_distances(
        &self,
        k: usize,
        par: Par,
        cancel: &crate::cancel::Checker,
    ) -> Vec<f64> {
        let n = self.len();
        let mut by_pos = vec![0.0f64; n];
        for_chunks(&mut by_pos, par, |first, slots| {
            let mut buf = vec![Neighbor::default(); k];
            let g = self.g;
            // Walk the cells so that each chunk's positions are visited in order.
            let mut c = self.start.partition_point(|&s| s as usize <= first) - 1;
            for (t, slot) in slots.iter_mut().enumerate() {
                if cancel.is_cancelled() {
                    return;
                }
                let pos = first + t;
                while self.start[c + 1] as usize <= pos {
                    c += 1;
                }
                buf.fill(Neighbor::default());
                self.search(pos, c % g, c / g, &mut buf);
                *slot = buf[k - 1].dist;
            }
        });
        let mut out = vec![0.0f64; n];
        for (pos, &d) in by_pos.iter().enumerate() {
            out[self.rows[pos] as usize] = d;
        }
        out
    }

    /// Fills `buf` with the `buf.len()` nearest other points of the point at `pos` (in cell
    /// `(cx, cy)`), by `(dist, row)`.
    #[inline]
    fn search(&self, pos: usize, cx: usize, cy: usize, buf: &mut [Neighbor]) {
        let g = self.g;
        let (x, y) = (self.xs[pos], self.ys[pos]);
        self.scan(cy * g + cx, pos, x, y, buf);
        let k = buf.len();
        for r in 1..g {
            // Every point outside the block of radius r − 1 lies in a column ≥ cx + r or
            // ≤ cx − r, or a row ≥ cy + r or ≤ cy − r.
            let mut lb = f64::INFINITY;
            if cx + r < g {
                lb = lb.min(self.lo_x[cx + r] - x);
            }
            if cx >= r {
                lb = lb.min(x - self.hi_x[cx - r + 1]);
            }
            if cy + r < g {
                lb = lb.min(self.lo_y[cy + r] - y);
            }
            if cy >= r {
                lb = lb.min(y - self.hi_y[cy - r + 1]);
            }
            if lb > buf[k - 1].dist {
                return;
            }
            // The ring of radius r, clipped to the grid: the rows cy ± r in full, then the
            // columns cx ± r between them.
            let (x_lo, x_hi) = (cx.saturating_sub(r), (cx + r).min(g - 1));
            let (y_lo, y_hi) = (cy.saturating_sub(r), (cy + r).min(g - 1));
            for ry in [cy.wrapping_sub(r), cy + r] {
                if ry < g {
                    let c0 = ry * g;
                    let (s, e) = (self.start[c0 + x_lo], self.start[c0 + x_hi + 1]);
                    self.scan_range(s as usize..e as usize, pos, x, y, buf);
                }
            }
            let (ry_lo, ry_hi) = (
                if cy >= r { cy - r + 1 } else { y_lo },
                if cy + r < g { cy + r - 1 } else { y_hi },
            );
            for rx in [cx.wrapping_sub(r), cx + r] {
                if rx < g {
                    for ry in ry_lo..=ry_hi {
                        self.scan(ry * g + rx, pos, x, y, buf);
                    }
                }
            }
        }
    }

    #[inline(always)]
    fn scan(&self, c: usize, pos: usize, x: f64, y: f64, buf: &mut [Neighbor]) {
        let (s, e) = (self.start[c] as usize, self.start[c + 1] as usize);
        self.scan_range(s..e, pos, x, y, buf);
    }

    #[inline(always)]
    fn scan_range(
        &self,
        range: core::ops::Range<usize>,
        pos: usize,
        x: f64,
        y: f64,
        buf: &mut [Neighbor],
    ) {
        for p in range {
            if p == pos {
                continue;
            }
            // As the tree: max(max(0, |x − x_p|), |y − y_p|).
            let dist = 0.0f64
                .max((x - self.xs[p]).abs())
                .max((y - self.ys[p]).abs());
            Neighbor::offer(buf, dist, p, || self.rows[p] as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neighbors::{KdTree, Metric};

    fn uniform(s: &mut u64) -> f64 {
        *s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The grid's k-th distances equal the k-d tree's bit for bit: spread data, gridded
    /// data with many ties and exact duplicates, a constant coordinate, skewed data.
    #[test]
    fn grid_equals_tree() {
        let mut s = 11u64;
        for case in 0..6 {
            let n = [2, 50, 400, 3000, 1000, 2000][case];
            let (mut xs, mut ys) = (Vec::new(), Vec::new());
            for _ in 0..n {
                let (u, v) = (uniform(&mut s), uniform(&mut s));
                let (x, y) = match case {
                    3 => ((u * 9.0).floor() * 0.25, (v * 7.0).floor() * 0.5),
                    4 => (1.5, v),
                    5 => ((u * 3.0).exp(), v * v * v),
                    _ => (u * 4.0 - 2.0, v + 0.3 * u),
                };
                xs.push(x);
                ys.push(y);
            }
            let grid = Grid::new(&xs, &ys).expect("balanced");
            let mut data = Vec::new();
            for i in 0..n {
                data.extend([xs[i], ys[i]]);
            }
            let tree = KdTree::from_rows(data, 2, Par::Seq);
            for k in [1, 3, 10] {
                if k >= n {
                    continue;
                }
                for par in [Par::Seq, Par::rayon(3)] {
                    let d = grid.kth_distances(k, par, &crate::cancel::Checker::default());
                    let mut buf = vec![Neighbor::default(); k];
                    for (i, &di) in d.iter().enumerate() {
                        tree.knn_at(tree.position_of(i), Metric::Chebyshev, &mut buf);
                        assert_eq!(
                            buf[k - 1].dist.to_bits(),
                            di.to_bits(),
                            "case {case} k {k} i {i}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn declines_when_unbalanced() {
        let xs: Vec<f64> = (0..5000)
            .map(|i| if i < 4000 { 0.0 } else { f64::from(i) })
            .collect();
        let ys = vec![0.0; 5000];
        assert!(Grid::new(&xs, &ys).is_none());
    }
}
