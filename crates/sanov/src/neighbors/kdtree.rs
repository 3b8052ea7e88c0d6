//! The k-d tree: median splits on the widest coordinate of each node's bounding box, leaves of
//! at most [`LEAF_SIZE`] points, nodes in preorder with tight bounding boxes.

use ndarray::ArrayView2;

use super::Metric;
use crate::cancel::Checker;
use crate::error::{Error, Result};
use crate::Par;

/// The largest number of points in a leaf (of a tree of fewer than 4 dimensions; 32 from 4 on).
pub const LEAF_SIZE: usize = 16;

/// Subtrees at least this large are built in parallel (when a [`Par`] allows).
const PAR_BUILD_MIN: usize = 1 << 15;

/// One neighbour found by a query: distance in metric units (squared for Euclidean),
/// original row index, position in the tree.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Neighbor {
    pub dist: f64,
    pub index: usize,
    pub pos: usize,
}

impl Neighbor {
    /// Inserts the point at tree position `pos`, at distance `dist`, into `buf` (ascending by
    /// `(dist, index)`, `k = buf.len()` entries) if it comes before the current k-th; its row
    /// index is read (`index()`) only when the distance alone does not decide.
    #[inline(always)]
    pub(crate) fn offer(
        buf: &mut [Neighbor],
        dist: f64,
        pos: usize,
        index: impl FnOnce() -> usize,
    ) {
        let k = buf.len();
        let worst = buf[k - 1];
        if dist > worst.dist {
            return;
        }
        let index = index();
        if dist == worst.dist && index > worst.index {
            return;
        }
        let mut j = k - 1;
        while j > 0 {
            let prev = buf[j - 1];
            if prev.dist < dist || (prev.dist == dist && prev.index < index) {
                break;
            }
            buf[j] = prev;
            j -= 1;
        }
        buf[j] = Neighbor { dist, index, pos };
    }
}

impl Default for Neighbor {
    fn default() -> Self {
        Self {
            dist: f64::INFINITY,
            index: usize::MAX,
            pos: usize::MAX,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Node {
    start: usize,
    end: usize,
    /// Preorder index of the right child; 0 for a leaf (the left child is the next node).
    right: usize,
}

/// A k-d tree over the rows of an `n × d` array, `d` chosen at run time.
///
/// The points are copied once, in tree order; each node stores its tight bounding box. See the
/// [module documentation](super) for the metrics, the strict counts and the tie rule.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::neighbors::{KdTree, Metric};
/// let t = KdTree::new(array![[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [5.0, 5.0]].view())?;
/// assert_eq!(t.len(), 4);
/// // The two nearest other points of row 0 (original indices, distances), Euclidean.
/// assert_eq!(t.k_nearest(0, 2, Metric::Euclidean)?, vec![(1, 1.0), (2, 2.0)]);
/// // Points strictly within max-norm distance 2 of the origin: rows 0 and 1.
/// assert_eq!(t.count_strictly_within(&[0.0, 0.0], 2.0, Metric::Chebyshev)?, 2);
/// # Ok::<(), sanov::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct KdTree {
    dim: usize,
    /// Points in tree order, row-major.
    data: Vec<f64>,
    /// Tree position → original row.
    index: Vec<usize>,
    /// Original row → tree position.
    position: Vec<usize>,
    nodes: Vec<Node>,
    /// Per node: `lo[0..dim]` then `hi[0..dim]`.
    bounds: Vec<f64>,
}

/// `Error::NonFinite` for the first non-finite entry of `a` (row-major index).
pub(crate) fn check_finite(a: ArrayView2<'_, f64>, arg: &'static str) -> Result<()> {
    for (i, &v) in a.iter().enumerate() {
        if !v.is_finite() {
            return Err(Error::NonFinite {
                arg,
                index: i,
                value: v,
            });
        }
    }
    Ok(())
}

/// The largest number of points in a leaf of a `dim`-dimensional tree: [`LEAF_SIZE`] below 4
/// dimensions, `HIGH_DIM_LEAF` from 4 on (a high-dimensional search visits many leaves; fewer,
/// larger ones cost fewer box tests per point compared).
fn leaf_size(dim: usize) -> usize {
    if dim >= 4 {
        HIGH_DIM_LEAF
    } else {
        LEAF_SIZE
    }
}

/// The largest group of queries of [`KdTree::count_group`] (the bits of a `u64`).
pub(crate) const GROUP: usize = 64;

/// Leaf size from 4 dimensions on (KSG with 4-D x and y, n = 1e5: 16 → 32 cut the CPU time
/// of the joint search by ~20% and of the margin counts by ~20%; 64 was no better).
const HIGH_DIM_LEAF: usize = 32;

/// Number of nodes of the tree over `size` points with leaves of at most `leaf` points.
fn node_count(size: usize, leaf: usize) -> usize {
    if size <= leaf {
        1
    } else {
        let l = size / 2;
        1 + node_count(l, leaf) + node_count(size - l, leaf)
    }
}

/// `$go!(M, D)` for the metric `$metric` (`Cheb` or `Eucl`) and the dimension `$dim`, compiled
/// for `D` = 1–6 and 8, `D = 0` (read at run time) otherwise.
macro_rules! by_metric_and_dim {
    ($metric:expr, $dim:expr, $go:ident) => {
        match ($metric, $dim) {
            (Metric::Chebyshev, 1) => $go!(Cheb, 1),
            (Metric::Chebyshev, 2) => $go!(Cheb, 2),
            (Metric::Chebyshev, 3) => $go!(Cheb, 3),
            (Metric::Chebyshev, 4) => $go!(Cheb, 4),
            (Metric::Chebyshev, 5) => $go!(Cheb, 5),
            (Metric::Chebyshev, 6) => $go!(Cheb, 6),
            (Metric::Chebyshev, 8) => $go!(Cheb, 8),
            (Metric::Chebyshev, _) => $go!(Cheb, 0),
            (Metric::Euclidean, 1) => $go!(Eucl, 1),
            (Metric::Euclidean, 2) => $go!(Eucl, 2),
            (Metric::Euclidean, 3) => $go!(Eucl, 3),
            (Metric::Euclidean, 4) => $go!(Eucl, 4),
            (Metric::Euclidean, 5) => $go!(Eucl, 5),
            (Metric::Euclidean, 6) => $go!(Eucl, 6),
            (Metric::Euclidean, 8) => $go!(Eucl, 8),
            (Metric::Euclidean, _) => $go!(Eucl, 0),
        }
    };
}

impl KdTree {
    /// Builds the tree over the rows of `points` on the calling thread.
    ///
    /// # Errors
    /// [`Error::Empty`] for no rows or no columns; [`Error::NonFinite`] for a NaN or infinite
    /// coordinate (row-major index).
    pub fn new(points: ArrayView2<'_, f64>) -> Result<Self> {
        Self::with_par(points, Par::Seq)
    }

    /// Builds the tree, the two halves of large subtrees in parallel under `par`.
    ///
    /// # Errors
    /// As [`KdTree::new`].
    pub fn with_par(points: ArrayView2<'_, f64>, par: Par) -> Result<Self> {
        if points.nrows() == 0 || points.ncols() == 0 {
            return Err(Error::Empty { arg: "points" });
        }
        check_finite(points, "points")?;
        let mut data = Vec::with_capacity(points.len());
        for row in points.rows() {
            data.extend(row.iter().copied());
        }
        Ok(Self::from_rows(data, points.ncols(), par))
    }

    /// Builds the tree from row-major finite data (taken over), `dim ≥ 1` columns.
    pub(crate) fn from_rows(data: Vec<f64>, dim: usize, par: Par) -> Self {
        Self::from_rows_checked(data, dim, par, &Checker::default())
    }

    /// [`KdTree::from_rows`] that stops building subtrees once `cancel` is cancelled: the
    /// tree is then incomplete, and the caller must check `cancel` before any query (the
    /// estimators check it before every query).
    pub(crate) fn from_rows_checked(
        mut data: Vec<f64>,
        dim: usize,
        par: Par,
        cancel: &Checker,
    ) -> Self {
        let n = data.len() / dim;
        let mut index: Vec<usize> = (0..n).collect();
        let count = node_count(n, leaf_size(dim));
        let mut nodes = vec![Node::default(); count];
        let mut bounds = vec![0.0; count * 2 * dim];
        let parallel = par.degree() > 1;
        let (d, i, nd, b) = (&mut data, &mut index, &mut nodes, &mut bounds);
        par.install(|| match dim {
            1 => build::<1>(d, i, nd, b, dim, 0, 0, parallel, cancel),
            2 => build::<2>(d, i, nd, b, dim, 0, 0, parallel, cancel),
            3 => build::<3>(d, i, nd, b, dim, 0, 0, parallel, cancel),
            4 => build::<4>(d, i, nd, b, dim, 0, 0, parallel, cancel),
            6 => build::<6>(d, i, nd, b, dim, 0, 0, parallel, cancel),
            8 => build::<8>(d, i, nd, b, dim, 0, 0, parallel, cancel),
            _ => build::<0>(d, i, nd, b, dim, 0, 0, parallel, cancel),
        });
        let mut position = vec![0; n];
        // A cancelled build is incomplete and never queried: skip the scatter.
        if !cancel.is_cancelled() {
            for (p, &i) in index.iter().enumerate() {
                position[i] = p;
            }
        }
        Self {
            dim,
            data,
            index,
            position,
            nodes,
            bounds,
        }
    }

    /// The number of points.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the tree holds no points (never: construction rejects empty input).
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The dimension `d`.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The `k` nearest other points of row `row` (itself excluded by index), nearest first, as
    /// `(original row, distance)`; ties in distance by the smaller row index.
    ///
    /// # Errors
    /// [`Error::IndexOutOfRange`] for a row `≥ n`; [`Error::InvalidParameter`] unless
    /// `1 ≤ k < n`.
    pub fn k_nearest(&self, row: usize, k: usize, metric: Metric) -> Result<Vec<(usize, f64)>> {
        if row >= self.len() {
            return Err(Error::IndexOutOfRange {
                arg: "row",
                index: row,
                len: self.len(),
            });
        }
        super::check_k(k, self.len())?;
        let mut buf = vec![Neighbor::default(); k];
        self.knn_at(self.position[row], metric, &mut buf);
        Ok(buf
            .iter()
            .map(|nb| (nb.index, to_distance(nb.dist, metric)))
            .collect())
    }

    /// The number of points `p` with `dist(query, p) < radius` (for the Euclidean metric:
    /// `Σ (q_c − p_c)² < radius²`).
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] if `query` does not have `d` coordinates; [`Error::NonFinite`]
    /// for a non-finite coordinate or a NaN radius.
    pub fn count_strictly_within(
        &self,
        query: &[f64],
        radius: f64,
        metric: Metric,
    ) -> Result<usize> {
        if query.len() != self.dim {
            return Err(Error::ShapeMismatch {
                arg: "query",
                expected: vec![self.dim],
                found: vec![query.len()],
            });
        }
        if let Some(i) = query.iter().position(|v| !v.is_finite()) {
            return Err(Error::NonFinite {
                arg: "query",
                index: i,
                value: query[i],
            });
        }
        if radius.is_nan() {
            return Err(Error::NonFinite {
                arg: "radius",
                index: 0,
                value: radius,
            });
        }
        let r = match metric {
            Metric::Chebyshev => radius,
            Metric::Euclidean => {
                if radius <= 0.0 {
                    return Ok(0);
                }
                radius * radius
            }
        };
        Ok(self.count(query, r, metric, false))
    }

    /// Row `pos` of the tree-ordered data.
    #[inline]
    pub(crate) fn row(&self, pos: usize) -> &[f64] {
        &self.data[pos * self.dim..(pos + 1) * self.dim]
    }

    /// Original row of tree position `pos`.
    #[inline]
    pub(crate) fn index_of(&self, pos: usize) -> usize {
        self.index[pos]
    }

    /// Tree position of original row `row`.
    #[inline]
    pub(crate) fn position_of(&self, row: usize) -> usize {
        self.position[row]
    }

    /// The `buf.len()` nearest other points of the point at tree position `pos`, sorted by
    /// `(dist, index)`; distances in metric units (squared for Euclidean).
    pub(crate) fn knn_at(&self, pos: usize, metric: Metric, buf: &mut [Neighbor]) {
        buf.fill(Neighbor::default());
        let q = self.row(pos);
        macro_rules! go {
            ($m:ty, $d:literal) => {
                self.knn_search::<$m, $d>(q, pos, buf)
            };
        }
        by_metric_and_dim!(metric, self.dim, go);
    }

    /// The `buf.len()` nearest points of the tree to a query `q` from outside the tree
    /// (top-down search, nothing skipped), sorted by `(dist, index)`; distances in metric units
    /// (squared for Euclidean).
    pub(crate) fn knn_query(&self, q: &[f64], metric: Metric, buf: &mut [Neighbor]) {
        buf.fill(Neighbor::default());
        match metric {
            Metric::Chebyshev => self.knn::<Cheb, 0>(0, q, 0..0, buf),
            Metric::Euclidean => self.knn::<Eucl, 0>(0, q, 0..0, buf),
        }
    }

    /// `#{p : dist(q, p) < r}` (or `≤ r` when `inclusive`), `r` in metric units.
    pub(crate) fn count(&self, q: &[f64], r: f64, metric: Metric, inclusive: bool) -> usize {
        macro_rules! go {
            ($m:ty, $d:literal) => {
                if inclusive {
                    self.count_rec::<$m, $d, true>(0, q, r)
                } else {
                    self.count_rec::<$m, $d, false>(0, q, r)
                }
            };
        }
        by_metric_and_dim!(metric, self.dim, go)
    }

    /// For the tree's own points at the positions `group` (at most [`GROUP`] of them), the
    /// counts `out[j] = #{p : dist(q_j, p) < radii[j]}` (`≤` when `inclusive`), `q_j` the point
    /// at position `group.start + j`, radii in metric units; the point itself is counted.
    ///
    /// The same counts as [`KdTree::count`] for each point, from one walk of the tree for the
    /// whole group: at every node, each query still undecided is tested against the node's box
    /// (without a branch: its count grows by the node's size if the box is inside its radius,
    /// and it stays undecided if the box is partly inside), and the walk goes down only while
    /// some query is undecided. Consecutive tree positions are close together, so they mostly
    /// visit the same nodes, and a node costs one call and one set of branches for the group
    /// instead of one per query (KSG 4+4-D, n = 1e5, one thread: 2.28 s → 2.12 s in all; the
    /// two margins visit about 320 nodes and compare about 1970 points per query for a mean
    /// count of 486).
    pub(crate) fn count_group(
        &self,
        group: core::ops::Range<usize>,
        radii: &[f64],
        metric: Metric,
        inclusive: bool,
        out: &mut [usize],
    ) {
        let g = group.len();
        debug_assert!(g <= GROUP && radii.len() == g && out.len() == g);
        out.fill(0);
        if g == 0 {
            return;
        }
        let queries = &self.data[group.start * self.dim..group.end * self.dim];
        let active = if g == GROUP {
            u64::MAX
        } else {
            (1u64 << g) - 1
        };
        macro_rules! go {
            ($m:ty, $d:literal) => {
                if inclusive {
                    self.group_rec::<$m, $d, true>(0, queries, radii, active, out)
                } else {
                    self.group_rec::<$m, $d, false>(0, queries, radii, active, out)
                }
            };
        }
        by_metric_and_dim!(metric, self.dim, go);
    }

    #[inline(always)]
    fn dims<const D: usize>(&self) -> usize {
        if D == 0 {
            self.dim
        } else {
            D
        }
    }

    /// Lower and upper bounds of `dist(q, p)` over the box of `node`.
    #[inline(always)]
    fn box_min<M: MetricOps, const D: usize>(&self, node: usize, q: &[f64]) -> f64 {
        let d = self.dims::<D>();
        let b = &self.bounds[node * 2 * d..(node + 1) * 2 * d];
        let (lo, hi) = b.split_at(d);
        let mut acc = 0.0;
        for c in 0..d {
            // Branch-free: `lo − q > 0` below the box, `q − hi > 0` above it, both `≤ 0` inside.
            let off = fmax(fmax(lo[c] - q[c], q[c] - hi[c]), 0.0);
            acc = M::acc(acc, off);
        }
        acc
    }

    #[inline(always)]
    fn box_max<M: MetricOps, const D: usize>(&self, node: usize, q: &[f64]) -> f64 {
        let d = self.dims::<D>();
        let b = &self.bounds[node * 2 * d..(node + 1) * 2 * d];
        let (lo, hi) = b.split_at(d);
        let mut acc = 0.0;
        for c in 0..d {
            acc = M::acc(acc, fmax(q[c] - lo[c], hi[c] - q[c]));
        }
        acc
    }

    #[inline(always)]
    fn dist<M: MetricOps, const D: usize>(&self, q: &[f64], pos: usize) -> f64 {
        let d = self.dims::<D>();
        let p = &self.data[pos * d..(pos + 1) * d];
        let mut acc = 0.0;
        for c in 0..d {
            acc = M::acc(acc, q[c] - p[c]);
        }
        acc
    }

    /// The k-NN search for the point at `pos`, bottom-up: scan its own leaf, then walk up the
    /// path to the root, searching each sibling subtree that may hold a nearer point, and stop
    /// as soon as the ball of the current k-th distance lies strictly inside the box of the
    /// subtree searched so far (every point outside that subtree is then farther: it lies
    /// beyond one face of the box, on the far side of an ancestor's split).
    #[inline(always)]
    fn knn_search<M: MetricOps, const D: usize>(
        &self,
        q: &[f64],
        pos: usize,
        buf: &mut [Neighbor],
    ) {
        let k = buf.len();
        let mut path = [0usize; 64];
        let mut depth = 0;
        let mut node = 0;
        loop {
            path[depth] = node;
            depth += 1;
            let nd = self.nodes[node];
            if nd.right == 0 {
                for p in nd.start..nd.end {
                    if p != pos {
                        self.offer::<M, D>(q, p, buf);
                    }
                }
                break;
            }
            node = if pos < self.nodes[nd.right].start {
                node + 1
            } else {
                nd.right
            };
        }
        for level in (0..depth - 1).rev() {
            let (parent, child) = (path[level], path[level + 1]);
            if self.ball_inside::<M, D>(child, q, buf[k - 1].dist) {
                return;
            }
            let sibling = if child == parent + 1 {
                self.nodes[parent].right
            } else {
                parent + 1
            };
            if self.box_min::<M, D>(sibling, q) <= buf[k - 1].dist {
                self.knn::<M, D>(sibling, q, pos..pos + 1, buf);
            }
        }
    }

    /// Whether every point outside the box of `node` is farther than `r` from `q` (`q` inside
    /// the box): `acc(0, min(q_c − lo_c, hi_c − q_c)) > r` for every coordinate.
    #[inline(always)]
    fn ball_inside<M: MetricOps, const D: usize>(&self, node: usize, q: &[f64], r: f64) -> bool {
        let d = self.dims::<D>();
        let b = &self.bounds[node * 2 * d..(node + 1) * 2 * d];
        let (lo, hi) = b.split_at(d);
        let mut inside = true;
        for c in 0..d {
            inside &= M::acc(0.0, fmin(q[c] - lo[c], hi[c] - q[c])) > r;
        }
        inside
    }

    /// Inserts the point at `pos` into `buf` if it is nearer than the current k-th, keeping
    /// `(dist, index)` ascending.
    #[inline(always)]
    fn offer<M: MetricOps, const D: usize>(&self, q: &[f64], pos: usize, buf: &mut [Neighbor]) {
        let worst = buf[buf.len() - 1].dist;
        // For the compiled dimensions 4–8 the distance is computed in full, without branches,
        // and compared once: most candidates fail within a few coordinates, but at a point
        // that the branch predictor cannot guess, and the full max/sum over ≤ 8 coordinates is
        // cheaper than those mispredictions (KSG 4+4-D, n = 1e5: about −25% CPU time of the
        // joint search). Otherwise the distance is given up as soon as it exceeds the current
        // k-th (the accumulation is monotone). The value, when complete, is the same as `dist`.
        let d = self.dims::<D>();
        let p = &self.data[pos * d..(pos + 1) * d];
        let mut dist = 0.0;
        if D >= 4 {
            for c in 0..d {
                dist = M::acc(dist, q[c] - p[c]);
            }
            if dist > worst {
                return;
            }
        } else {
            for c in 0..d {
                dist = M::acc(dist, q[c] - p[c]);
                if dist > worst {
                    return;
                }
            }
        }
        Neighbor::offer(buf, dist, pos, || self.index[pos]);
    }

    fn knn<M: MetricOps, const D: usize>(
        &self,
        node: usize,
        q: &[f64],
        skip: core::ops::Range<usize>,
        buf: &mut [Neighbor],
    ) {
        let nd = self.nodes[node];
        let k = buf.len();
        if nd.right == 0 {
            for pos in nd.start..nd.end {
                if !skip.contains(&pos) {
                    self.offer::<M, D>(q, pos, buf);
                }
            }
            return;
        }
        let (l, r) = (node + 1, nd.right);
        let dl = self.box_min::<M, D>(l, q);
        let dr = self.box_min::<M, D>(r, q);
        let (first, df, second, ds) = if dl <= dr {
            (l, dl, r, dr)
        } else {
            (r, dr, l, dl)
        };
        if df <= buf[k - 1].dist {
            self.knn::<M, D>(first, q, skip.clone(), buf);
        }
        if ds <= buf[k - 1].dist {
            self.knn::<M, D>(second, q, skip, buf);
        }
    }

    /// [`KdTree::count_group`] below `node` for the queries of the bit set `active`.
    fn group_rec<M: MetricOps, const D: usize, const INCL: bool>(
        &self,
        node: usize,
        queries: &[f64],
        radii: &[f64],
        active: u64,
        out: &mut [usize],
    ) {
        let d = self.dims::<D>();
        let nd = self.nodes[node];
        let size = nd.end - nd.start;
        let within = |v: f64, r: f64| if INCL { v <= r } else { v < r };
        // Undecided: the box is partly within the radius (`box_max` within implies `box_min`
        // within, so `inside` queries are never undecided).
        let mut undecided = 0u64;
        let mut bits = active;
        while bits != 0 {
            let j = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let q = &queries[j * d..(j + 1) * d];
            let r = radii[j];
            let near = within(self.box_min::<M, D>(node, q), r);
            let inside = within(self.box_max::<M, D>(node, q), r);
            out[j] += usize::from(inside) * size;
            undecided |= (u64::from(near) & !u64::from(inside)) << j;
        }
        if undecided == 0 {
            return;
        }
        if nd.right == 0 {
            let mut bits = undecided;
            while bits != 0 {
                let j = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let q = &queries[j * d..(j + 1) * d];
                let r = radii[j];
                let mut c = 0;
                for pos in nd.start..nd.end {
                    c += usize::from(within(self.dist::<M, D>(q, pos), r));
                }
                out[j] += c;
            }
            return;
        }
        self.group_rec::<M, D, INCL>(node + 1, queries, radii, undecided, out);
        self.group_rec::<M, D, INCL>(nd.right, queries, radii, undecided, out);
    }

    fn count_rec<M: MetricOps, const D: usize, const INCL: bool>(
        &self,
        node: usize,
        q: &[f64],
        r: f64,
    ) -> usize {
        let within = |d: f64| if INCL { d <= r } else { d < r };
        if !within(self.box_min::<M, D>(node, q)) {
            return 0;
        }
        let nd = self.nodes[node];
        if within(self.box_max::<M, D>(node, q)) {
            return nd.end - nd.start;
        }
        if nd.right == 0 {
            let mut c = 0;
            for pos in nd.start..nd.end {
                c += usize::from(within(self.dist::<M, D>(q, pos)));
            }
            return c;
        }
        self.count_rec::<M, D, INCL>(node + 1, q, r) + self.count_rec::<M, D, INCL>(nd.right, q, r)
    }
}

/// A metric in its accumulated units.
trait MetricOps {
    /// Folds one coordinate difference into the accumulated distance.
    fn acc(acc: f64, diff: f64) -> f64;
}

struct Cheb;
struct Eucl;

impl MetricOps for Cheb {
    #[inline(always)]
    fn acc(acc: f64, diff: f64) -> f64 {
        fmax(acc, diff.abs())
    }
}

/// `max(a, b)` for numbers that are not NaN (the tree's coordinates are finite, radii are
/// checked): one `maxsd`, where `f64::max` also pays for its NaN rule (KSG 4+4-D, n = 1e5,
/// one thread: about −15% CPU time). The same value as `f64::max` on such input.
#[inline(always)]
fn fmax(a: f64, b: f64) -> f64 {
    if a > b {
        a
    } else {
        b
    }
}

/// `min(a, b)` for numbers that are not NaN; see [`fmax`].
#[inline(always)]
fn fmin(a: f64, b: f64) -> f64 {
    if a < b {
        a
    } else {
        b
    }
}

impl MetricOps for Eucl {
    #[inline(always)]
    fn acc(acc: f64, diff: f64) -> f64 {
        acc + diff * diff
    }
}

/// A distance from metric units.
pub(crate) fn to_distance(d: f64, metric: Metric) -> f64 {
    match metric {
        Metric::Chebyshev => d,
        Metric::Euclidean => d.sqrt(),
    }
}

/// Builds the subtree over the rows `data` (row-major, `dim` columns) into `nodes[0..]` and
/// `bounds[0..]` (preorder); `offset` is the tree position of the first row and `first` the
/// preorder index of the subtree's root.
#[allow(clippy::too_many_arguments)]
fn build<const D: usize>(
    data: &mut [f64],
    index: &mut [usize],
    nodes: &mut [Node],
    bounds: &mut [f64],
    dim: usize,
    offset: usize,
    first: usize,
    parallel: bool,
    cancel: &Checker,
) {
    if cancel.is_cancelled() {
        return;
    }
    // `D > 0` fixes the dimension at compile time (dispatch in `from_rows`).
    let dim = if D == 0 { dim } else { D };
    let size = index.len();
    // Tight bounding box.
    let (lo, hi) = bounds[..2 * dim].split_at_mut(dim);
    lo.copy_from_slice(&data[..dim]);
    hi.copy_from_slice(&data[..dim]);
    for row in data.chunks_exact(dim).skip(1) {
        for c in 0..dim {
            lo[c] = lo[c].min(row[c]);
            hi[c] = hi[c].max(row[c]);
        }
    }
    if size <= leaf_size(dim) {
        nodes[0] = Node {
            start: offset,
            end: offset + size,
            right: 0,
        };
        return;
    }
    let mut split = 0;
    let mut widest = f64::NEG_INFINITY;
    for c in 0..dim {
        if hi[c] - lo[c] > widest {
            widest = hi[c] - lo[c];
            split = c;
        }
    }
    let half = size / 2;
    select_rows::<D>(data, index, dim, split, half, cancel);
    if cancel.is_cancelled() {
        return;
    }
    let left_nodes = node_count(half, leaf_size(dim));
    nodes[0] = Node {
        start: offset,
        end: offset + size,
        right: first + 1 + left_nodes,
    };
    let (dl, dr) = data.split_at_mut(half * dim);
    let (il, ir) = index.split_at_mut(half);
    let (nl, nr) = nodes[1..].split_at_mut(left_nodes);
    let (bl, br) = bounds[2 * dim..].split_at_mut(left_nodes * 2 * dim);
    let mut left = move || build::<D>(dl, il, nl, bl, dim, offset, first + 1, parallel, cancel);
    let mut right = move || {
        build::<D>(
            dr,
            ir,
            nr,
            br,
            dim,
            offset + half,
            first + 1 + left_nodes,
            parallel,
            cancel,
        );
    };
    if parallel && size >= PAR_BUILD_MIN {
        rayon::join(left, right);
    } else {
        left();
        right();
    }
}

/// Swaps rows `a` and `b`.
#[inline]
fn swap_rows<const D: usize>(
    data: &mut [f64],
    index: &mut [usize],
    dim: usize,
    a: usize,
    b: usize,
) {
    let dim = if D == 0 { dim } else { D };
    if a != b {
        for c in 0..dim {
            data.swap(a * dim + c, b * dim + c);
        }
        index.swap(a, b);
    }
}

/// Reorders the rows so that row `kth` holds the value of column `col` it would hold after
/// sorting, with no larger value before it and no smaller one after (quickselect: the sample
/// quantile at kth's rank, or a median of three, as pivot value, and Hoare's partition, which
/// stops on keys equal to the pivot so that runs of equal keys split evenly).
fn select_rows<const D: usize>(
    data: &mut [f64],
    index: &mut [usize],
    dim: usize,
    col: usize,
    kth: usize,
    cancel: &Checker,
) {
    let dim = if D == 0 { dim } else { D };
    let key = |data: &[f64], i: usize| data[i * dim + col];
    let (mut lo, mut hi) = (0, index.len());
    loop {
        // One partition pass over a large range takes milliseconds: stop between passes
        // (the rows are then only partly ordered, and the caller abandons the tree).
        if hi - lo > 1 << 16 && cancel.is_cancelled() {
            return;
        }
        if hi - lo <= 16 {
            // Insertion sort of the remaining range.
            for i in lo + 1..hi {
                let mut j = i;
                while j > lo && key(data, j - 1) > key(data, j) {
                    swap_rows::<D>(data, index, dim, j - 1, j);
                    j -= 1;
                }
            }
            return;
        }
        let pivot = if hi - lo > 1024 {
            // Floyd–Rivest-style: the sample quantile at kth's relative rank, so that the
            // partition lands next to kth and the next round is short.
            let mut sample = [0.0f64; 31];
            let step = (hi - lo) / 31;
            for (t, v) in sample.iter_mut().enumerate() {
                *v = key(data, lo + t * step + step / 2);
            }
            sample.sort_unstable_by(f64::total_cmp);
            sample[((kth - lo) * 31 / (hi - lo)).min(30)]
        } else {
            let (a, b, c) = (
                key(data, lo),
                key(data, lo + (hi - lo) / 2),
                key(data, hi - 1),
            );
            a.max(b).min(a.min(b).max(c))
        };
        // Invariant: keys in [lo, i) are <= pivot, keys in (j, hi) are >= pivot. The pivot is
        // a key of the range, so both scans stop inside it.
        let (mut i, mut j) = (lo, hi - 1);
        loop {
            while key(data, i) < pivot {
                i += 1;
            }
            while key(data, j) > pivot {
                j -= 1;
            }
            if i >= j {
                break;
            }
            swap_rows::<D>(data, index, dim, i, j);
            i += 1;
            j -= 1;
        }
        if i == j {
            // Row i holds the pivot: [lo, i) <= pivot <= (i, hi).
            match kth.cmp(&i) {
                core::cmp::Ordering::Less => hi = i,
                core::cmp::Ordering::Greater => lo = i + 1,
                core::cmp::Ordering::Equal => return,
            }
        } else if kth < i {
            // j = i - 1: [lo, i) <= pivot <= [i, hi).
            hi = i;
        } else {
            lo = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// A deterministic pseudo-random matrix (splitmix64), some coordinates rounded to create
    /// ties.
    fn points(n: usize, d: usize, seed: u64, grid: bool) -> Array2<f64> {
        let mut s = seed;
        Array2::from_shape_fn((n, d), |_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let u = ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64;
            if grid {
                (u * 6.0).floor()
            } else {
                u * 4.0 - 2.0
            }
        })
    }

    fn brute_dist(a: &[f64], b: &[f64], m: Metric) -> f64 {
        let mut acc = 0.0;
        for (x, y) in a.iter().zip(b) {
            acc = match m {
                Metric::Chebyshev => Cheb::acc(acc, x - y),
                Metric::Euclidean => Eucl::acc(acc, x - y),
            };
        }
        acc
    }

    #[test]
    fn matches_brute_force() {
        for &(n, d, grid) in &[
            (1, 1, false),
            (9, 1, false),
            (300, 1, true),
            (257, 2, false),
            (400, 2, true),
            (200, 3, false),
            (150, 5, false),
            (150, 5, true),
        ] {
            let p = points(n, d, (n * 31 + d) as u64, grid);
            let t = KdTree::new(p.view()).unwrap();
            for m in [Metric::Chebyshev, Metric::Euclidean] {
                for i in 0..n {
                    let qi = p.row(i).to_vec();
                    let mut all: Vec<(f64, usize)> = (0..n)
                        .filter(|&j| j != i)
                        .map(|j| (brute_dist(&qi, p.row(j).as_slice().unwrap(), m), j))
                        .collect();
                    all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                    for k in [1, 3, 7, 20] {
                        if k >= n {
                            continue;
                        }
                        let mut buf = vec![Neighbor::default(); k];
                        t.knn_at(t.position_of(i), m, &mut buf);
                        for (nb, want) in buf.iter().zip(&all) {
                            assert_eq!((nb.dist, nb.index), *want, "n={n} d={d} i={i} k={k}");
                        }
                    }
                    for r in [0.0, 0.3, 1.0, 2.0, 3.5] {
                        let strict = all.iter().filter(|a| a.0 < r).count() + usize::from(r > 0.0);
                        let incl = all.iter().filter(|a| a.0 <= r).count() + 1;
                        assert_eq!(t.count(&qi, r, m, false), strict, "n={n} d={d} r={r}");
                        assert_eq!(t.count(&qi, r, m, true), incl, "n={n} d={d} r={r}");
                    }
                }
            }
        }
    }

    #[test]
    fn grouped_counts_equal_single_counts() {
        for &(n, d, grid) in &[
            (700, 1, true),
            (900, 2, false),
            (2000, 4, false),
            (2000, 4, true),
            (600, 7, false),
        ] {
            let p = points(n, d, (n * 17 + d) as u64, grid);
            let t = KdTree::new(p.view()).unwrap();
            for m in [Metric::Chebyshev, Metric::Euclidean] {
                // Radii in metric units: the distance to another point (ties on the boundary),
                // zero, or half of it, by position.
                let radii: Vec<f64> = (0..n)
                    .map(|pos| {
                        let other = t.row((pos * 7 + 3) % n);
                        let r = brute_dist(t.row(pos), other, m);
                        match pos % 3 {
                            0 => r,
                            1 => 0.5 * r,
                            _ => 0.0,
                        }
                    })
                    .collect();
                for size in [1, 5, 23, GROUP] {
                    let mut counts = vec![0; size];
                    let mut start = 0;
                    while start < n {
                        let end = n.min(start + size);
                        for inclusive in [false, true] {
                            let g = end - start;
                            t.count_group(
                                start..end,
                                &radii[start..end],
                                m,
                                inclusive,
                                &mut counts[..g],
                            );
                            for (pos, &c) in (start..end).zip(&counts[..g]) {
                                let want = t.count(t.row(pos), radii[pos], m, inclusive);
                                assert_eq!(
                                    c, want,
                                    "n={n} d={d} pos={pos} size={size} {m:?} {inclusive}"
                                );
                            }
                        }
                        start = end;
                    }
                }
            }
        }
    }

    #[test]
    fn parallel_build_is_identical() {
        let p = points(100_000, 2, 7, false);
        let a = KdTree::with_par(p.view(), Par::Seq).unwrap();
        let b = KdTree::with_par(p.view(), Par::rayon(4)).unwrap();
        assert_eq!(a.index, b.index);
        assert_eq!(a.bounds, b.bounds);
    }

    #[test]
    fn errors() {
        let e = Array2::<f64>::zeros((0, 2));
        assert_eq!(
            KdTree::new(e.view()).unwrap_err(),
            Error::Empty { arg: "points" }
        );
        let mut p = points(5, 2, 1, false);
        p[[2, 1]] = f64::NAN;
        assert!(matches!(
            KdTree::new(p.view()),
            Err(Error::NonFinite { index: 5, .. })
        ));
    }
}
