//! Kraskov–Stögbauer–Grassberger mutual information, its conditional (Frenzel–Pompe) and
//! mixed continuous–discrete (Ross) variants.

use ndarray::ArrayView2;

use rayon::prelude::*;

use super::knn::{
    duplicate_error, kth_distance_sorted, sum_over, Noise, Partial, PsiTable, Samples, Space,
};
use crate::cancel::Checker;
use crate::error::{Error, Result};
use crate::neighbors::{check_k, for_chunks, Grid, KdTree, Metric, Neighbor};
use crate::units::Base;
use crate::Par;

/// Which of the two KSG estimators (Kraskov, Stögbauer & Grassberger 2004, eqs. 8 and 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KsgAlgorithm {
    /// Algorithm 1: `ψ(k) + ψ(N) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩`, counts strictly within the
    /// joint k-th neighbour distance `ε_i`.
    #[default]
    One,
    /// Algorithm 2: `ψ(k) − 1/k + ψ(N) − ⟨ψ(n_x) + ψ(n_y)⟩`, counts within (`≤`) the
    /// marginal extents `ε_{x,i}`, `ε_{y,i}` of the k nearest joint neighbours.
    Two,
}

/// Settings of the k-NN mutual-information estimators.
///
/// `KsgOptions::default()` is `k = 3`, [`KsgAlgorithm::One`], no standardisation, no
/// clipping, no noise ([`Noise::None`]), nats, and [`Par::Seq`] (pass `Par::rayon(0)` for
/// every thread of rayon's pool; the result then differs only in the last bits of the sum).
///
/// # Examples
/// ```
/// use sanov::estimators::{KsgAlgorithm, KsgOptions};
/// use sanov::{Base, Par};
/// let o = KsgOptions { k: 5, algorithm: KsgAlgorithm::Two, base: Base::Bits, par: Par::rayon(0), ..Default::default() };
/// assert_eq!(o.k, 5);
/// assert!(!o.standardize);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KsgOptions {
    /// The number of neighbours `k ≥ 1` (scikit-learn's `n_neighbors`; 3 by default).
    pub k: usize,
    /// Algorithm 1 or 2.
    pub algorithm: KsgAlgorithm,
    /// Standardise every column first, `(v − mean)/std` (population std; a constant column is
    /// only centred). scikit-learn scales its columns to unit variance.
    pub standardize: bool,
    /// Return `max(0, I)` (scikit-learn's behaviour) instead of the raw estimate, which can be
    /// slightly negative for independent variables.
    pub clip_negative: bool,
    /// Jitter to break exact duplicates ([`Noise::None`] by default).
    pub noise: Noise,
    /// The unit of the result.
    pub base: Base,
    /// Parallelism of the neighbour queries.
    pub par: Par,
}

impl Default for KsgOptions {
    fn default() -> Self {
        Self {
            k: 3,
            algorithm: KsgAlgorithm::One,
            standardize: false,
            clip_negative: false,
            noise: Noise::None,
            base: Base::Nats,
            par: Par::Seq,
        }
    }
}

impl KsgOptions {
    fn finish(&self, nats: f64) -> f64 {
        let v = if self.clip_negative {
            nats.max(0.0)
        } else {
            nats
        };
        self.base.from_nats(v)
    }
}

/// One marginal space of a KSG-type estimator: its columns, counting structure and sign.
struct Margin {
    cols: Vec<usize>,
    space: Space,
    sign: f64,
}

/// `Σ_m sign_m Σ_i ψ(c_{m,i} + shift)` over the points, with `c_{m,i}` the number of other
/// points within the radius of point `i` in margin `m`: strictly within the joint k-th
/// neighbour distance (`shift = 1`, algorithm 1 and Frenzel–Pompe), or within (`≤`) the
/// margin's own extent of the k nearest joint neighbours (`shift = 0`, algorithm 2).
///
/// Two passes: the k-NN queries in joint-tree order store each point's radii; then each
/// margin counts in its own order (sorted order for one column), where consecutive points
/// are neighbours and the searches stay in cache.
fn margin_sum(
    samples: Samples,
    margins: &[Margin],
    k: usize,
    algorithm: KsgAlgorithm,
    par: Par,
) -> Result<f64> {
    let n = samples.n;
    let cancel = Checker::current();
    if samples.dim == 2 && algorithm == KsgAlgorithm::One {
        // A one-dimensional x and y: the planar grid, when the data are not too uneven.
        let (xs, ys): (Vec<f64>, Vec<f64>) =
            samples.data.chunks_exact(2).map(|p| (p[0], p[1])).unzip();
        if let Some(grid) = Grid::new(&xs, &ys) {
            drop((xs, ys));
            let by_row = grid.kth_distances(k, par, &cancel);
            cancel.check()?;
            if let Some(row) = by_row.iter().position(|&d| d == 0.0) {
                return Err(duplicate_error("samples", row));
            }
            return margin_counts(margins, &by_row, 1, algorithm, n, par, &cancel);
        }
    }
    let joint = KdTree::from_rows_checked(samples.data, samples.dim, par, &cancel);
    cancel.check()?;
    // Per joint-tree position: the joint k-th neighbour distance, then (algorithm 2) the
    // extent of the k neighbours in each margin.
    let stride = match algorithm {
        KsgAlgorithm::One => 1,
        KsgAlgorithm::Two => 1 + margins.len(),
    };
    let mut radii = vec![0.0; n * stride];
    // A few pieces per thread, so that a thread held up by other load is relieved by the others
    // (each slot is computed on its own: the split does not change the values).
    let per = n.div_ceil(4 * par.degree()).max(1);
    let fill = |(c, slab): (usize, &mut [f64])| {
        let mut buf = vec![Neighbor::default(); k];
        for (t, slot) in slab.chunks_exact_mut(stride).enumerate() {
            if cancel.is_cancelled() {
                return;
            }
            let pos = c * per + t;
            joint.knn_at(pos, Metric::Chebyshev, &mut buf);
            slot[0] = buf[k - 1].dist;
            if algorithm == KsgAlgorithm::Two {
                let p = joint.row(pos);
                for (m, e) in margins.iter().zip(&mut slot[1..]) {
                    let mut ext = 0.0f64;
                    for nb in &buf {
                        let o = joint.row(nb.pos);
                        for &col in &m.cols {
                            ext = ext.max((p[col] - o[col]).abs());
                        }
                    }
                    *e = ext;
                }
            }
        }
    };
    match par {
        Par::Seq => radii.chunks_mut(per * stride).enumerate().for_each(fill),
        Par::Rayon(_) => par.install(|| {
            radii
                .par_chunks_mut(per * stride)
                .enumerate()
                .for_each(fill);
        }),
    }
    cancel.check()?;
    if let Some(row) = (0..n)
        .filter(|&pos| radii[pos * stride] == 0.0)
        .map(|pos| joint.index_of(pos))
        .min()
    {
        return Err(duplicate_error("samples", row));
    }
    // Re-key by original row (one scatter), so that the margins read one radius per point.
    let mut by_row = vec![0.0; n * stride];
    for (pos, slot) in radii.chunks_exact(stride).enumerate() {
        let row = joint.index_of(pos);
        by_row[row * stride..(row + 1) * stride].copy_from_slice(slot);
    }
    drop(radii);
    margin_counts(margins, &by_row, stride, algorithm, n, par, &cancel)
}

/// The second pass of [`margin_sum`]: `by_row` holds `stride` radii per original row.
fn margin_counts(
    margins: &[Margin],
    by_row: &[f64],
    stride: usize,
    algorithm: KsgAlgorithm,
    n: usize,
    par: Par,
    cancel: &Checker,
) -> Result<f64> {
    let psi = PsiTable::new(n);
    let mut total = 0.0;
    for (mi, m) in margins.iter().enumerate() {
        let (off, inclusive, shift) = match algorithm {
            KsgAlgorithm::One => (0, false, 0),
            KsgAlgorithm::Two => (1 + mi, true, 1),
        };
        // For a sorted margin, the radii gathered into its order first (the searches then
        // read them in sequence instead of waiting on scattered loads).
        let gathered: Vec<f64> = match &m.space {
            Space::Sorted { order, .. } => order
                .iter()
                .map(|&row| by_row[row * stride + off])
                .collect(),
            Space::Tree(_) => Vec::new(),
        };
        let radius = |at: usize, row: usize| {
            if gathered.is_empty() {
                by_row[row * stride + off]
            } else {
                gathered[at]
            }
        };
        let s = sum_over(m.space.len(), par, "samples", cancel, |range| {
            let mut part = Partial::default();
            m.space.for_counts(
                range,
                inclusive,
                radius,
                |_, c| {
                    part.sum.add(psi.get(c - shift));
                },
                cancel,
            );
            part
        })?;
        total += m.sign * s;
    }
    Ok(total)
}

fn margin(samples: &Samples, blocks: &[usize], sign: f64, par: Par) -> Margin {
    let cols: Vec<usize> = blocks
        .iter()
        .flat_map(|&b| samples.blocks[b].clone())
        .collect();
    let space = Space::new(samples, &cols, par);
    Margin { cols, space, sign }
}

/// KSG (Kraskov–Stögbauer–Grassberger) estimate of the mutual information `I(X; Y)` from
/// paired samples: rows of `x` (`N × d_x`) and `y` (`N × d_y`) are the samples.
///
/// With `ε_i` the max-norm distance from `z_i = (x_i, y_i)` to its k-th nearest neighbour
/// in the joint space (`‖(x, y)‖ = max(‖x‖_∞, ‖y‖_∞)`), algorithm 1 is
///
/// $$ \hat I_1 = \psi(k) + \psi(N) - \frac1N \sum_i \big[\psi(n_{x,i} + 1) + \psi(n_{y,i} + 1)\big],
///    \quad n_{x,i} = \#\{j \ne i : \|x_j - x_i\|_\infty < \varepsilon_i\} $$
///
/// (strict counts, likewise `n_{y,i}`), and algorithm 2, with `ε_{x,i}` the largest
/// `‖x_j − x_i‖_∞` over the k nearest joint neighbours `j` of `i` and
/// `n_{x,i} = #{j ≠ i : ‖x_j − x_i‖_∞ ≤ ε_{x,i}}`,
///
/// $$ \hat I_2 = \psi(k) - \frac1k + \psi(N) - \frac1N \sum_i \big[\psi(n_{x,i}) + \psi(n_{y,i})\big]. $$
///
/// Ties among neighbours at equal distance are broken by the smaller row index (this only
/// matters to algorithm 2). Counts are exact: every distance is the floating-point max-norm of
/// coordinate differences, as a brute-force `O(N²)` evaluation computes it. With
/// `options.standardize` the columns are first scaled to zero mean and unit variance; with
/// `options.clip_negative` the result is `max(0, Î)`; `options.noise` adds reproducible jitter.
/// The sum over points is compensated (Neumaier).
///
/// Cost: `O(N log N)` to build a k-d tree over the joint samples (and a sorted copy, or
/// a tree, per marginal), then one k-NN query and two radius counts per point — for a
/// one-dimensional marginal, two galloping binary searches from the point's rank. For
/// algorithm 1 with one-dimensional `x` and `y`, the joint k-NN queries use a uniform planar
/// grid instead of the tree (`O(N)` to build, a few cells per query; the tree is kept for
/// very uneven data), with the same distances bit for bit. Memory is `O(N·(d_x + d_y))`.
///
/// # Duplicate points
/// A sample whose joint k-th neighbour distance is 0 (it has at least `k` exact duplicates)
/// makes the estimator meaningless; it is an error, never a silent `−∞` or NaN. Use
/// [`Noise::Jitter`] (scikit-learn always adds such noise) or remove the duplicates.
///
/// # Errors
/// [`Error::Empty`] for no rows or no columns; [`Error::LengthMismatch`] for different numbers
/// of rows; [`Error::NonFinite`] for a NaN or infinite entry; [`Error::InvalidParameter`]
/// unless `1 ≤ k < N`, or for a negative or non-finite jitter scale; [`Error::OutOfRange`]
/// naming the first row whose k-th neighbour distance is 0.
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::{ksg_mutual_information, KsgOptions};
/// // y = x² on a grid: strongly dependent.
/// let x = Array2::from_shape_fn((200, 1), |(i, _)| i as f64 / 100.0 - 1.0);
/// let y = x.mapv(|v| v * v + 0.01 * v);
/// let i = ksg_mutual_information(x.view(), y.view(), &KsgOptions::default())?;
/// assert!(i > 1.5);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// A. Kraskov, H. Stögbauer & P. Grassberger, "Estimating mutual information",
/// *Phys. Rev. E* 69, 066138 (2004).
pub fn ksg_mutual_information(
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    options: &KsgOptions,
) -> Result<f64> {
    let samples = Samples::new(&[(x, "x"), (y, "y")], options.standardize, options.noise)?;
    let (n, k) = (samples.n, options.k);
    check_k(k, n)?;
    let margins = [
        margin(&samples, &[0], 1.0, options.par),
        margin(&samples, &[1], 1.0, options.par),
    ];
    let s = margin_sum(samples, &margins, k, options.algorithm, options.par)?;
    let psi = PsiTable::new(n);
    let nats = match options.algorithm {
        KsgAlgorithm::One => psi.get(k) + psi.get(n) - s / n as f64,
        KsgAlgorithm::Two => psi.get(k) - 1.0 / k as f64 + psi.get(n) - s / n as f64,
    };
    Ok(options.finish(nats))
}

/// Frenzel–Pompe estimate of the conditional mutual information `I(X; Y | Z)` (the KSG
/// algorithm 1 construction): with `ε_i` the max-norm k-th neighbour distance of
/// `(x_i, y_i, z_i)` in the joint space,
///
/// $$ \hat I = \psi(k) - \frac1N \sum_i \big[\psi(n_{xz,i} + 1) + \psi(n_{yz,i} + 1)
///    - \psi(n_{z,i} + 1)\big], $$
///
/// `n_{xz,i} = #{j ≠ i : ‖(x_j, z_j) − (x_i, z_i)‖_∞ < ε_i}` and likewise `n_{yz,i}`,
/// `n_{z,i}`. Options, duplicate rule and cost as [`ksg_mutual_information`]; the algorithm
/// must be [`KsgAlgorithm::One`].
///
/// # Errors
/// As [`ksg_mutual_information`] (with `z` among the arguments), and
/// [`Error::InvalidParameter`] for [`KsgAlgorithm::Two`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::{ksg_conditional_mutual_information, KsgOptions};
/// // x and y are both functions of z (plus independent wiggles): I(X;Y|Z) ≈ 0.
/// let z = Array2::from_shape_fn((300, 1), |(i, _)| (i as f64 * 0.618).fract());
/// let x = Array2::from_shape_fn((300, 1), |(i, _)| z[[i, 0]] + 0.1 * (i as f64 * 0.377).fract());
/// let y = Array2::from_shape_fn((300, 1), |(i, _)| z[[i, 0]] + 0.1 * (i as f64 * 0.233).fract());
/// let i = ksg_conditional_mutual_information(x.view(), y.view(), z.view(), &KsgOptions::default())?;
/// assert!(i.abs() < 0.3);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// S. Frenzel & B. Pompe, "Partial mutual information for coupling analysis of multivariate
/// time series", *Phys. Rev. Lett.* 99, 204101 (2007).
pub fn ksg_conditional_mutual_information(
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    z: ArrayView2<'_, f64>,
    options: &KsgOptions,
) -> Result<f64> {
    if options.algorithm != KsgAlgorithm::One {
        return Err(Error::InvalidParameter {
            name: "algorithm",
            value: 2.0,
            expected: "the Frenzel-Pompe estimator is defined for KSG algorithm 1 only",
        });
    }
    let samples = Samples::new(
        &[(x, "x"), (y, "y"), (z, "z")],
        options.standardize,
        options.noise,
    )?;
    let (n, k) = (samples.n, options.k);
    check_k(k, n)?;
    let margins = [
        margin(&samples, &[0, 2], 1.0, options.par),
        margin(&samples, &[1, 2], 1.0, options.par),
        margin(&samples, &[2], -1.0, options.par),
    ];
    let s = margin_sum(samples, &margins, k, KsgAlgorithm::One, options.par)?;
    let nats = PsiTable::new(k).get(k) - s / n as f64;
    Ok(options.finish(nats))
}

/// Ross's estimate of the mutual information between continuous samples `x` (rows) and
/// discrete `labels`, as scikit-learn's `mutual_info_classif`:
///
/// $$ \hat I = \psi(N) + \langle \psi(k_i) \rangle - \langle \psi(N_{c_i}) \rangle
///    - \langle \psi(m_i) \rangle, $$
///
/// where `N_c` is the number of samples with label `c`, `k_i = min(k, N_{c_i} − 1)`, `d_i` the
/// max-norm distance from `x_i` to its `k_i`-th nearest neighbour among the samples of its own
/// label, and `m_i = #{j : ‖x_j − x_i‖_∞ < d_i}` over all samples, `i` itself included.
/// Samples whose label occurs once are left out (and `N` counts the rest), as in
/// scikit-learn. For one-dimensional `x` the max-norm is scikit-learn's Euclidean distance,
/// and no tree is built: the samples are sorted once, `d_i` is found by merging the two sides
/// of `x_i` within its label (`O(k)`), `m_i` by galloping binary searches — `O(N log N)` in
/// all, the same values bit for bit.
/// Options and duplicate rule as [`ksg_mutual_information`] (a duplicate here is a `d_i = 0`);
/// the algorithm must be [`KsgAlgorithm::One`].
///
/// # Errors
/// [`Error::Empty`] for no rows or columns, or when no label occurs twice;
/// [`Error::LengthMismatch`] if `labels` does not have one entry per row;
/// [`Error::NonFinite`], [`Error::InvalidParameter`] (`k = 0`, [`KsgAlgorithm::Two`], jitter
/// scale), [`Error::OutOfRange`] (a `d_i = 0`) as [`ksg_mutual_information`].
///
/// # Examples
/// ```
/// use ndarray::Array2;
/// use sanov::estimators::{ksg_mutual_information_discrete, KsgOptions};
/// // Two well-separated classes: I ≈ ln 2.
/// let x = Array2::from_shape_fn((400, 1), |(i, _)| (i % 2) as f64 * 10.0 + (i as f64 * 0.618).fract());
/// let labels: Vec<i64> = (0..400).map(|i| i % 2).collect();
/// let i = ksg_mutual_information_discrete(x.view(), &labels, &KsgOptions::default())?;
/// assert!((i - std::f64::consts::LN_2).abs() < 0.05);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// # References
/// B. C. Ross, "Mutual information between discrete and continuous data sets",
/// *PLoS ONE* 9(2), e87357 (2014).
pub fn ksg_mutual_information_discrete(
    x: ArrayView2<'_, f64>,
    labels: &[i64],
    options: &KsgOptions,
) -> Result<f64> {
    if options.algorithm != KsgAlgorithm::One {
        return Err(Error::InvalidParameter {
            name: "algorithm",
            value: 2.0,
            expected: "Ross's estimator has a single form; use KsgAlgorithm::One",
        });
    }
    let samples = Samples::new(&[(x, "x")], options.standardize, options.noise)?;
    let n = samples.n;
    if labels.len() != n {
        return Err(Error::LengthMismatch {
            left_arg: "x",
            left: n,
            right_arg: "labels",
            right: labels.len(),
        });
    }
    let k = options.k;
    if k == 0 {
        return Err(Error::InvalidParameter {
            name: "k",
            value: 0.0,
            expected: "must be >= 1",
        });
    }
    let dim = samples.dim;
    // Rows grouped by label (stable: rows ascending within a group).
    // A counting sort: the distinct labels, ascending, then each row placed in its label's slot.
    let mut distinct = labels.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let slot: Vec<usize> = labels
        .iter()
        .map(|l| {
            let (Ok(i) | Err(i)) = distinct.binary_search(l);
            i
        })
        .collect();
    let mut next = vec![0usize; distinct.len() + 1];
    for &c in &slot {
        next[c + 1] += 1;
    }
    for c in 1..next.len() {
        next[c] += next[c - 1];
    }
    let mut order = vec![0usize; n];
    for (i, &c) in slot.iter().enumerate() {
        order[next[c]] = i;
        next[c] += 1;
    }
    let mut groups: Vec<&[usize]> = Vec::new();
    let mut s = 0;
    while s < n {
        let mut e = s + 1;
        while e < n && labels[order[e]] == labels[order[s]] {
            e += 1;
        }
        if e - s >= 2 {
            groups.push(&order[s..e]);
        }
        s = e;
    }
    let kept: usize = groups.iter().map(|g| g.len()).sum();
    if kept == 0 {
        return Err(Error::Empty {
            arg: "the set of samples whose label occurs at least twice (Ross's estimator drops \
                  every sample whose label occurs only once, and here every label occurs once: \
                  the labels look continuous or unique identifiers)",
        });
    }
    let mut kept_rows = Vec::with_capacity(kept);
    for rows in &groups {
        kept_rows.extend_from_slice(rows);
    }
    let group_len: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let cancel = Checker::current();
    let (d, m) = if dim == 1 {
        ross_radii_sorted(&samples, &group_len, &kept_rows, k, options.par, &cancel)
    } else {
        ross_radii_tree(&samples, &group_len, &kept_rows, k, options.par, &cancel)
    };
    // Per kept sample t (in group order): ψ(k_i) − ψ(N_c) of its group (evaluated once per
    // group).
    let psi = PsiTable::new(kept);
    let mut base = Vec::with_capacity(kept);
    for &len in &group_len {
        let kg = k.min(len - 1);
        base.extend(core::iter::repeat_n(psi.get(kg) - psi.get(len), len));
    }
    let s = sum_over(kept, options.par, "x", &cancel, |range| {
        let mut part = Partial::default();
        for t in range {
            if d[t] == 0.0 {
                part.flag(kept_rows[t]);
                continue;
            }
            part.sum.add(base[t] - psi.get(m[t]));
        }
        part
    })?;
    Ok(options.finish(psi.get(kept) + s / kept as f64))
}

/// Ross's radii and counts with k-d trees (any dimension): per kept sample `t` (the kept rows
/// `kept_rows`, grouped by label, groups of sizes `group_len` in order), `d[t]`, the distance
/// to its `min(k, N_c − 1)`-th nearest neighbour within its group, and `m[t]`, the number of
/// kept samples strictly within `d[t]` (itself included; not computed when `d[t] = 0`).
fn ross_radii_tree(
    samples: &Samples,
    group_len: &[usize],
    kept_rows: &[usize],
    k: usize,
    par: Par,
    cancel: &Checker,
) -> (Vec<f64>, Vec<usize>) {
    let dim = samples.dim;
    let kept = kept_rows.len();
    let rows_of = |r: &[usize]| {
        let mut d = Vec::with_capacity(r.len() * dim);
        for &i in r {
            d.extend_from_slice(&samples.data[i * dim..(i + 1) * dim]);
        }
        d
    };
    let mut trees = Vec::with_capacity(group_len.len());
    let mut member = Vec::with_capacity(kept);
    let mut off = 0;
    for (g, &len) in group_len.iter().enumerate() {
        trees.push(KdTree::from_rows_checked(
            rows_of(&kept_rows[off..off + len]),
            dim,
            par,
            cancel,
        ));
        member.extend((0..len).map(|local| (g, local)));
        off += len;
    }
    let everyone = KdTree::from_rows_checked(rows_of(kept_rows), dim, par, cancel);
    let mut out = vec![(0.0f64, 0usize); kept];
    for_chunks(&mut out, par, |start, slots| {
        let mut buf = vec![Neighbor::default(); k];
        for (i, slot) in slots.iter_mut().enumerate() {
            if cancel.is_cancelled() {
                return;
            }
            let t = start + i;
            let (g, local) = member[t];
            let tree = &trees[g];
            let kg = k.min(tree.len() - 1);
            let nb = &mut buf[..kg];
            tree.knn_at(tree.position_of(local), Metric::Chebyshev, nb);
            let d = nb[kg - 1].dist;
            let m = if d == 0.0 {
                0
            } else {
                let q = everyone.row(everyone.position_of(t));
                everyone.count(q, d, Metric::Chebyshev, false)
            };
            *slot = (d, m);
        }
    });
    out.into_iter().unzip()
}

/// [`ross_radii_tree`] for one column, without trees: the kept samples sorted once; each
/// group's members, read off in that order, are sorted too, and `d[t]` is found by merging
/// the two sides of the sample in its group (`O(k)`); then the counts, in sorted order, by
/// galloping searches ([`Space::Sorted`]). The same floating-point differences as the trees,
/// so the same values bit for bit.
fn ross_radii_sorted(
    samples: &Samples,
    group_len: &[usize],
    kept_rows: &[usize],
    k: usize,
    par: Par,
    cancel: &Checker,
) -> (Vec<f64>, Vec<usize>) {
    let kept = kept_rows.len();
    let values: Vec<f64> = kept_rows.iter().map(|&i| samples.data[i]).collect();
    // The first kept sample of each group after the first: the group of `t` is the number of
    // these `≤ t` (a search in a small table, not a per-sample lookup in sorted order).
    let mut starts = Vec::with_capacity(group_len.len());
    let mut off = 0;
    for &len in group_len {
        off += len;
        starts.push(off);
    }
    starts.pop();
    let group = |t: usize| starts.partition_point(|&o| o <= t);
    let space = Space::sorted(values, par);
    let Space::Sorted { sorted, order } = &space else {
        unreachable!("Space::sorted builds a sorted space")
    };
    // Per group: the sorted positions of its members, ascending (so their values ascend).
    let mut at_of: Vec<Vec<usize>> = group_len
        .iter()
        .map(|&len| Vec::with_capacity(len))
        .collect();
    for (at, &t) in order.iter().enumerate() {
        at_of[group(t)].push(at);
    }
    // The k-th neighbour distance within the group, by sorted position.
    let mut d_at = vec![0.0f64; kept];
    for (ats, &len) in at_of.iter().zip(group_len) {
        let kg = k.min(len - 1);
        let vals: Vec<f64> = ats.iter().map(|&at| sorted[at]).collect();
        let mut dg = vec![0.0f64; len];
        for_chunks(&mut dg, par, |start, slots| {
            for (i, slot) in slots.iter_mut().enumerate() {
                *slot = kth_distance_sorted(&vals, start + i, kg);
            }
        });
        for (&at, &v) in ats.iter().zip(&dg) {
            d_at[at] = v;
        }
    }
    drop(at_of);
    // Counts among all kept samples, in sorted order.
    let mut m_at = vec![0usize; kept];
    for_chunks(&mut m_at, par, |start, slots| {
        let mut it = slots.iter_mut();
        space.for_counts(
            start..start + it.len(),
            false,
            |at, _| d_at[at],
            |_, c| {
                if let Some(slot) = it.next() {
                    *slot = c;
                }
            },
            cancel,
        );
    });
    let (mut d, mut m) = (vec![0.0f64; kept], vec![0usize; kept]);
    for (at, &t) in order.iter().enumerate() {
        d[t] = d_at[at];
        m[t] = m_at[at];
    }
    (d, m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// Values on a coarse grid (many ties, exact duplicates) or spread, splitmix64.
    fn column(n: usize, seed: u64, levels: f64) -> Array2<f64> {
        let mut s = seed;
        Array2::from_shape_fn((n, 1), |_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let u = ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64;
            (u * levels).floor() * 0.37 - 1.1
        })
    }

    /// The sorted one-column path gives the k-d tree path's radii and counts bit for bit,
    /// ties and duplicates included, for groups smaller than `k + 1` too.
    #[test]
    fn ross_sorted_equals_tree() {
        for &(n, levels, classes) in &[
            (2usize, 5.0, 1usize),
            (40, 6.0, 3),
            (300, 25.0, 4),
            (500, 1e6, 2),
            (257, 3.0, 7),
        ] {
            let x = column(n, n as u64 + classes as u64, levels);
            let samples = Samples::new(&[(x.view(), "x")], false, Noise::None).unwrap();
            // Groups of unequal sizes, one of size 2 when possible.
            let mut group_len = Vec::new();
            let mut left = n;
            for c in 0..classes {
                let len = if c + 1 == classes {
                    left
                } else {
                    (2 + c * n / (classes * classes)).min(left)
                };
                if len >= 2 {
                    group_len.push(len);
                }
                left -= len;
            }
            let kept: usize = group_len.iter().sum();
            // Kept rows: a permutation of a subset of the rows.
            let kept_rows: Vec<usize> = (0..n).rev().take(kept).collect();
            for k in [1, 2, 3, 5, 50] {
                for par in [Par::Seq, Par::rayon(3)] {
                    let (dt, mt) = ross_radii_tree(
                        &samples,
                        &group_len,
                        &kept_rows,
                        k,
                        par,
                        &Checker::default(),
                    );
                    let (ds, ms) = ross_radii_sorted(
                        &samples,
                        &group_len,
                        &kept_rows,
                        k,
                        par,
                        &Checker::default(),
                    );
                    assert_eq!(dt.len(), ds.len());
                    for t in 0..kept {
                        assert_eq!(dt[t].to_bits(), ds[t].to_bits(), "n={n} k={k} t={t}");
                        if dt[t] > 0.0 {
                            assert_eq!(mt[t], ms[t], "n={n} k={k} t={t}");
                        }
                    }
                }
            }
        }
    }
}
