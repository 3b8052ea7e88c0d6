//! Nearest neighbours in a runtime dimension: a k-d tree with the max-norm (Chebyshev) and
//! Euclidean metrics, the k-th neighbour distance of every point, and counts of points
//! strictly within a radius — the primitives of the k-NN estimators in
//! [`crate::estimators`] (KSG mutual information, Kozachenko–Leonenko entropy).
//!
//! - [`KdTree`]: built once from an `n × d` array (rows are points), `O(n log n)` time and
//!   `O(n·d)` memory (points copied once in tree order, one bounding box per node of up to
//!   [`LEAF_SIZE`] points).
//! - [`kth_neighbor_distances`] and [`count_within`]: the batched queries, in parallel under
//!   an explicit [`Par`].
//! - Internally, a uniform planar grid (crate-private) answers the k-th neighbour distances of
//!   two-dimensional points under the max-norm — the KSG joint space of a one-dimensional `x`
//!   and `y` — with an exact floating-point stopping rule, so its distances equal the tree's.
//!
//! ## Conventions
//! - Distances are computed coordinate by coordinate exactly as written: Chebyshev
//!   `max_c |a_c − b_c|`, Euclidean `√(Σ_c (a_c − b_c)²)` summed in column order. Pruning
//!   with bounding boxes is exact for these floating-point values (rounding is monotone), so
//!   every count and k-th distance equals the brute-force `O(n²)` evaluation bit for bit.
//! - Counts are *strict*: `#{j : dist(q, p_j) < r}`. For the Euclidean metric the comparison is
//!   made on squares, `Σ (a_c − b_c)² < r²`.
//! - The k nearest neighbours of a point of the set exclude the point itself (by index, not
//!   by distance: an exact duplicate is a neighbour at distance 0). Ties in distance are broken
//!   by the smaller original row index, so the neighbour *set* is deterministic.
//!
//! ## Why not a crate
//! kiddo, the best-kept Rust k-d tree, takes the dimension as a const generic `K`, which would
//! have to be monomorphised for a fixed list of dimensions behind sanov's runtime `ArrayView2`
//! API; its radius queries collect the matching points into a `Vec` rather than counting them
//! (counting whole subtrees whose box lies inside the radius is what makes the KSG marginal
//! counts cheap); and the estimators need a documented tie rule (by row index). The tree here
//! is a few hundred lines, specialised internally (not in the API) for dimensions 1–4; the
//! per-point queries allocate nothing. The k-NN search runs bottom-up from the query's own
//! leaf and stops as soon as the ball of the current k-th distance lies strictly inside the
//! box of the subtree searched so far.

mod grid;
mod kdtree;

pub(crate) use grid::Grid;

pub(crate) use kdtree::{check_finite, Neighbor, GROUP};
pub use kdtree::{KdTree, LEAF_SIZE};

use crate::error::{Error, Result};
use crate::Par;
use ndarray::ArrayView2;

/// A distance on `ℝ^d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Metric {
    /// The max-norm `max_c |a_c − b_c|` (L∞), as in the KSG estimators.
    #[default]
    Chebyshev,
    /// The Euclidean norm `√(Σ_c (a_c − b_c)²)` (L2), as in Kozachenko–Leonenko.
    Euclidean,
}

/// The distance from every point of `points` (rows) to its `k`-th nearest other point.
///
/// `out[i] = dist(p_i, p_{(k)})`, the `k`-th smallest of `dist(p_i, p_j)` over `j ≠ i`.
///
/// # Errors
/// [`Error::Empty`] for no rows or no columns; [`Error::NonFinite`] for a NaN or infinite
/// coordinate (row-major index); [`Error::InvalidParameter`] unless `1 ≤ k < n`.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::neighbors::{kth_neighbor_distances, Metric};
/// use sanov::Par;
/// let p = array![[0.0, 0.0], [1.0, 0.5], [3.0, 0.0]];
/// let d = kth_neighbor_distances(p.view(), 1, Metric::Chebyshev, Par::Seq)?;
/// assert_eq!(d, vec![1.0, 1.0, 2.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kth_neighbor_distances(
    points: ArrayView2<'_, f64>,
    k: usize,
    metric: Metric,
    par: Par,
) -> Result<Vec<f64>> {
    let tree = KdTree::with_par(points, par)?;
    check_k(k, tree.len())?;
    let mut out = vec![0.0; tree.len()];
    for_chunks(&mut out, par, |start, slots| {
        let mut buf = vec![Neighbor::default(); k];
        for (t, slot) in slots.iter_mut().enumerate() {
            tree.knn_at(tree.position_of(start + t), metric, &mut buf);
            *slot = kdtree::to_distance(buf[k - 1].dist, metric);
        }
    });
    Ok(out)
}

/// For each row `q_i` of `queries` and radius `r_i`, the number of rows of `points` strictly
/// within `r_i`: `#{j : dist(q_i, p_j) < r_i}`.
///
/// # Errors
/// [`Error::Empty`] for no points or no columns; [`Error::ShapeMismatch`] if `queries` has a
/// different number of columns than `points`; [`Error::LengthMismatch`] if `radii` does not have
/// one entry per query; [`Error::NonFinite`] for a non-finite coordinate or a NaN radius.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::neighbors::{count_within, Metric};
/// use sanov::Par;
/// let p = array![[0.0], [1.0], [2.0], [3.0]];
/// let q = array![[1.0]];
/// // Strict: the points at distance exactly 1 are not counted.
/// assert_eq!(count_within(p.view(), q.view(), &[1.0], Metric::Chebyshev, Par::Seq)?, vec![1]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn count_within(
    points: ArrayView2<'_, f64>,
    queries: ArrayView2<'_, f64>,
    radii: &[f64],
    metric: Metric,
    par: Par,
) -> Result<Vec<usize>> {
    let tree = KdTree::new(points)?;
    if queries.ncols() != tree.dim() {
        return Err(Error::ShapeMismatch {
            arg: "queries",
            expected: vec![queries.nrows(), tree.dim()],
            found: queries.shape().to_vec(),
        });
    }
    if radii.len() != queries.nrows() {
        return Err(Error::LengthMismatch {
            left_arg: "queries",
            left: queries.nrows(),
            right_arg: "radii",
            right: radii.len(),
        });
    }
    kdtree::check_finite(queries, "queries")?;
    if let Some(i) = radii.iter().position(|r| r.is_nan()) {
        return Err(Error::NonFinite {
            arg: "radii",
            index: i,
            value: radii[i],
        });
    }
    let r2: Vec<f64> = match metric {
        Metric::Chebyshev => radii.to_vec(),
        // Strict Euclidean counts compare squares; no point lies strictly within r <= 0.
        Metric::Euclidean => radii
            .iter()
            .map(|&r| if r > 0.0 { r * r } else { f64::NEG_INFINITY })
            .collect(),
    };
    let mut out = vec![0usize; queries.nrows()];
    for_chunks(&mut out, par, |start, slots| {
        let mut q = vec![0.0; tree.dim()];
        for (t, slot) in slots.iter_mut().enumerate() {
            let i = start + t;
            for (dst, &src) in q.iter_mut().zip(queries.row(i).iter()) {
                *dst = src;
            }
            *slot = tree.count(&q, r2[i], metric, false);
        }
    });
    Ok(out)
}

/// Runs `f(start, slots)` over contiguous chunks of `out`, `start` being the index of the
/// chunk's first slot: the whole of `out` under [`Par::Seq`]; `4 · par.degree()` chunks under
/// [`Par::Rayon`], in parallel (more chunks than threads, so that a thread slowed by other
/// work on the machine does not hold up the rest; each slot is computed on its own, so the
/// results do not depend on the split).
pub(crate) fn for_chunks<T: Send>(out: &mut [T], par: Par, f: impl Fn(usize, &mut [T]) + Sync) {
    let chunk = out.len().div_ceil(4 * par.degree()).max(1);
    match par {
        Par::Seq => f(0, out),
        Par::Rayon(_) => {
            use rayon::prelude::*;
            par.install(|| {
                out.par_chunks_mut(chunk)
                    .enumerate()
                    .for_each(|(c, slots)| f(c * chunk, slots));
            });
        }
    }
}

/// `Error::InvalidParameter` unless `1 ≤ k < n`.
pub(crate) fn check_k(k: usize, n: usize) -> Result<()> {
    if k == 0 || k >= n {
        return Err(Error::InvalidParameter {
            name: "k",
            value: k as f64,
            expected: "must satisfy 1 <= k < number of samples",
        });
    }
    Ok(())
}
