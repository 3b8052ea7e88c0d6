//! The softmax cross-entropy loss on logits (unnormalised log-probabilities), row by row, with
//! its fused gradient. The logit transforms (log-softmax, softmax, log-sum-exp, the entropy of a
//! softmax and the KL divergence between softmaxes) are in `logit_transforms`, on the same row
//! kernels.
//!
//! Rows of a `[B, V]` matrix are examples, columns classes. The work is done by the row
//! kernels of `sanov::kernels` (SIMD exponential, `f64` accumulation, explicit [`Par`] over
//! rows); this module validates and reduces. Results do not depend on the [`Par`] value
//! beyond the last bits of a reduction over rows.
//!
//! # Numerical conventions
//! Each row is shifted by its maximum `m` before exponentiation, so logits of any magnitude
//! (±1e30) are fine, and every quantity is formed from `m − x_t` and `ln Σ e^{x−m}` (no
//! cancellation between large numbers). `−∞` logits are allowed (a class with probability 0);
//! NaN and `+∞` are errors, and so is a row whose logits are all `−∞` (its softmax is 0/0).
//! Products of a zero weight (class weight, target probability, softmax probability) with an
//! infinite log are 0, as in `0 · log 0 = 0`. `f32` input is accumulated in `f64` and outputs
//! are rounded once; on AVX-512 the exponentials of `f32` rows are evaluated in `f32` (relative
//! error < 1.2e-7 per term, see `kernels::softmax_f32`), elsewhere in `f64`.

use super::Reduction;
use crate::error::{Error, Result};
use crate::kernels::softmax::{self as k, RowStats, Want};
use crate::par::Par;
use crate::real::Real;
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::{contiguous, first_invalid};
use ndarray::{Array2, ArrayView2, ArrayViewMut2};
use rayon::prelude::*;
use std::borrow::Cow;

/// The targets of a softmax cross-entropy.
#[derive(Debug, Clone, Copy)]
pub enum Targets<'a, T> {
    /// One class index per row, in `0..V` or equal to the `ignore_index` of the options.
    /// `i64`, as PyTorch's class targets, so that `ignore_index = -100` can be expressed.
    Classes(&'a [i64]),
    /// A `[B, V]` matrix of target probabilities ("soft targets"), finite and non-negative.
    /// Rows need not sum to 1: the loss is `−Σ_k w_k t̃_k log softmax(x)_k` for the given
    /// numbers, as in PyTorch.
    Probs(ArrayView2<'a, T>),
}

/// The options of [`softmax_cross_entropy`] and its variants, PyTorch's
/// `torch.nn.functional.cross_entropy` arguments.
///
/// # Examples
/// ```
/// use sanov::{losses::{CrossEntropyOptions, Reduction}, Par};
/// let opts = CrossEntropyOptions::default()
///     .reduction(Reduction::Sum)
///     .ignore_index(-100)
///     .label_smoothing(0.1)
///     .par(Par::rayon(2));
/// assert_eq!(opts.ignore_index, Some(-100));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrossEntropyOptions<'a> {
    /// Mean (default) or sum over rows. (Per-row losses: the `_into` form.)
    pub reduction: Reduction,
    /// Rows whose class target equals this value contribute nothing (loss 0, gradient 0) and
    /// are not read. Class targets only.
    pub ignore_index: Option<i64>,
    /// `ε ∈ [0, 1]`: the target distribution becomes `(1 − ε)·t + ε/V` (PyTorch's convention,
    /// [`crate::losses::label_smoothed_cross_entropy`]).
    pub label_smoothing: f64,
    /// Class weights `w` (length `V`, finite, non-negative), PyTorch's `weight`.
    pub weight: Option<&'a [f64]>,
    /// The unit of the loss (and of its gradient); nats by default, as PyTorch.
    pub base: Base,
    /// Parallelism over rows.
    pub par: Par,
}

impl Default for CrossEntropyOptions<'_> {
    fn default() -> Self {
        Self {
            reduction: Reduction::Mean,
            ignore_index: None,
            label_smoothing: 0.0,
            weight: None,
            base: Base::Nats,
            par: Par::Seq,
        }
    }
}

impl<'a> CrossEntropyOptions<'a> {
    /// Sets [`Self::reduction`].
    #[must_use]
    pub fn reduction(mut self, reduction: Reduction) -> Self {
        self.reduction = reduction;
        self
    }
    /// Sets [`Self::ignore_index`].
    #[must_use]
    pub fn ignore_index(mut self, index: i64) -> Self {
        self.ignore_index = Some(index);
        self
    }
    /// Sets [`Self::label_smoothing`].
    #[must_use]
    pub fn label_smoothing(mut self, epsilon: f64) -> Self {
        self.label_smoothing = epsilon;
        self
    }
    /// Sets [`Self::weight`].
    #[must_use]
    pub fn weight(mut self, weight: &'a [f64]) -> Self {
        self.weight = Some(weight);
        self
    }
    /// Sets [`Self::base`].
    #[must_use]
    pub fn base(mut self, base: Base) -> Self {
        self.base = base;
        self
    }
    /// Sets [`Self::par`].
    #[must_use]
    pub fn par(mut self, par: Par) -> Self {
        self.par = par;
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Validation.

/// The validated targets: one class index per row, or one probability row per row.
enum Target<'a, T: Real> {
    /// Class indices (a row equal to the ignore index is ignored).
    Classes(&'a [i64]),
    /// Probability rows, row-major and contiguous.
    Probs(Cow<'a, [T]>),
}

/// The validated problem: contiguous logits, targets, and the constants of the loss.
struct Problem<'a, T: Real> {
    /// The logits; `None` for the in-place gradient, which reads them from the output.
    x: Option<Cow<'a, [T]>>,
    rows: usize,
    cols: usize,
    target: Target<'a, T>,
    ignore: Option<i64>,
    eps: f64,
    w: Option<&'a [f64]>,
    /// `Σ w` (`V` without weights).
    w_total: f64,
    /// The denominator of the mean: `Σ w_t` over non-ignored rows (class targets) or `B`.
    denominator: f64,
}

impl<T: Real> Problem<'_, T> {
    fn x(&self) -> &[T] {
        self.x.as_deref().expect("logits")
    }
    fn p(&self) -> Option<&[T]> {
        match &self.target {
            Target::Probs(p) => Some(p),
            Target::Classes(_) => None,
        }
    }
    /// Whether the targets are class indices.
    fn has_classes(&self) -> bool {
        matches!(self.target, Target::Classes(_))
    }
    fn weight_of(&self, class: usize) -> f64 {
        self.w.map_or(1.0, |w| w[class])
    }
    /// The class of row `r`; `None` for an ignored row or probability targets.
    fn class(&self, r: usize) -> Option<usize> {
        let Target::Classes(classes) = &self.target else {
            return None;
        };
        let t = classes[r];
        if Some(t) == self.ignore {
            None
        } else {
            Some(t as usize)
        }
    }
    /// Whether row `r` is ignored (a class target equal to the ignore index).
    fn ignored(&self, r: usize) -> bool {
        self.has_classes() && self.class(r).is_none()
    }
}

pub(super) fn check_logits<T: Real>(arg: &'static str, x: &ArrayView2<'_, T>) -> Result<()> {
    if x.ncols() == 0 {
        return Err(Error::Empty { arg });
    }
    Ok(())
}

fn validate<'a, 'x: 'a, 't: 'a, T: Real>(
    logits: ArrayView2<'x, T>,
    targets: Targets<'t, T>,
    o: &CrossEntropyOptions<'a>,
) -> Result<Problem<'a, T>> {
    check_logits("logits", &logits)?;
    let pb = validate_targets(logits.dim(), targets, o)?;
    Ok(Problem {
        x: Some(contiguous(&logits)),
        ..pb
    })
}

/// Validates everything but the logits' values, for logits of shape `(rows, cols)`.
fn validate_targets<'a, 't: 'a, T: Real>(
    (rows, cols): (usize, usize),
    targets: Targets<'t, T>,
    o: &CrossEntropyOptions<'a>,
) -> Result<Problem<'a, T>> {
    if cols == 0 {
        return Err(Error::Empty { arg: "logits" });
    }
    if !(0.0..=1.0).contains(&o.label_smoothing) {
        return Err(Error::InvalidParameter {
            name: "label_smoothing",
            value: o.label_smoothing,
            expected: "a smoothing mass in [0, 1]",
        });
    }
    let w_total = match o.weight {
        Some(w) => {
            if w.len() != cols {
                return Err(Error::LengthMismatch {
                    left_arg: "weight",
                    left: w.len(),
                    right_arg: "logits columns",
                    right: cols,
                });
            }
            if let Some(e) = first_invalid("weight", w) {
                return Err(e);
            }
            crate::sum::sum(w.iter().copied())
        }
        None => cols as f64,
    };
    let weight_of = |c: usize| o.weight.map_or(1.0, |w| w[c]);
    let (target, denominator) = match targets {
        Targets::Classes(t) => {
            if t.len() != rows {
                return Err(Error::LengthMismatch {
                    left_arg: "targets",
                    left: t.len(),
                    right_arg: "logits rows",
                    right: rows,
                });
            }
            let mut den = Neumaier::default();
            for (i, &c) in t.iter().enumerate() {
                if Some(c) == o.ignore_index {
                    continue;
                }
                if c < 0 {
                    return Err(Error::OutOfRange {
                        arg: "targets",
                        index: i,
                        value: c as f64,
                        expected: "a class index in [0, V) or the ignore_index",
                    });
                }
                if c as u64 >= cols as u64 {
                    return Err(Error::IndexOutOfRange {
                        arg: "targets",
                        index: c as usize,
                        len: cols,
                    });
                }
                den.add(weight_of(c as usize));
            }
            (Target::Classes(t), den.total())
        }
        Targets::Probs(p) => {
            if let Some(ii) = o.ignore_index {
                return Err(Error::InvalidParameter {
                    name: "ignore_index",
                    value: ii as f64,
                    expected: "only with class-index targets (None with probabilities)",
                });
            }
            if p.dim() != (rows, cols) {
                return Err(Error::ShapeMismatch {
                    arg: "targets",
                    expected: vec![rows, cols],
                    found: p.shape().to_vec(),
                });
            }
            (Target::Probs(contiguous(&p)), rows as f64)
        }
    };
    Ok(Problem {
        x: None,
        rows,
        cols,
        target,
        ignore: o.ignore_index,
        eps: o.label_smoothing,
        w: o.weight,
        w_total,
        denominator,
    })
}

/// The scale of the reduced loss: `1/denominator` for the mean, 1 for the sum.
fn reduction_scale<T: Real>(pb: &Problem<'_, T>, reduction: Reduction) -> Result<f64> {
    match reduction {
        Reduction::Sum => Ok(1.0),
        Reduction::Mean => {
            if pb.rows == 0 {
                return Err(Error::Empty { arg: "logits" });
            }
            if pb.denominator > 0.0 {
                Ok(1.0 / pb.denominator)
            } else {
                Err(Error::ZeroMass { arg: "targets" })
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rows in parallel.

/// Elements per task below which splitting rows is not worth it.
const MIN_TASK_ELEMENTS: usize = 1 << 15;

/// Rows per task for `rows × cols` elements under `par`.
fn rows_per_task(rows: usize, cols: usize, par: Par) -> usize {
    let tasks = par
        .degree()
        .min(rows.saturating_mul(cols) / MIN_TASK_ELEMENTS)
        .clamp(1, rows.max(1));
    rows.div_ceil(tasks).max(1)
}

/// Runs `f(first_row, out_rows)` over consecutive row blocks, `out` split `width` elements
/// per row (`width = 0`: no output, an empty slice is passed), and sums the returned values
/// (compensated, in row order). The first error (lowest row) wins.
pub(super) fn over_rows<O: Send>(
    rows: usize,
    cols: usize,
    par: Par,
    out: &mut [O],
    width: usize,
    f: impl Fn(usize, &mut [O]) -> Result<f64> + Sync,
) -> Result<f64> {
    let per = rows_per_task(rows, cols, par);
    let results: Vec<Result<f64>> = par.install(|| {
        if width == 0 {
            let starts: Vec<usize> = (0..rows).step_by(per).collect();
            starts.into_par_iter().map(|r0| f(r0, &mut [])).collect()
        } else {
            out.par_chunks_mut(per * width)
                .enumerate()
                .map(|(i, o)| f(i * per, o))
                .collect()
        }
    });
    let mut acc = Neumaier::default();
    for r in results {
        acc.add(r?);
    }
    Ok(acc.total())
}

// ---------------------------------------------------------------------------------------------
// Softmax cross-entropy.

/// The loss of one (not ignored) row in nats, as PyTorch's `reduction='none'` (class weight
/// included), from its statistics and, for class targets, the target logit `xt`.
fn row_loss<T: Real>(pb: &Problem<'_, T>, r: usize, st: &RowStats, xt: f64) -> f64 {
    let ln_s = st.ln_s();
    let eps = pb.eps;
    let smooth = if eps > 0.0 {
        eps / pb.cols as f64 * (pb.w_total * ln_s - st.sums.a)
    } else {
        0.0
    };
    let main = match (&pb.target, pb.class(r)) {
        (Target::Classes(_), Some(c)) => {
            let nll = (st.m - xt) + ln_s;
            let wt = pb.weight_of(c);
            if wt == 0.0 {
                0.0
            } else {
                wt * nll
            }
        }
        // An ignored row contributes nothing (the callers skip it).
        (Target::Classes(_), None) => 0.0,
        (Target::Probs(_), _) => st.sums.c * ln_s - st.sums.b,
    };
    let main = if eps == 1.0 { 0.0 } else { (1.0 - eps) * main };
    main + smooth
}

fn want<T: Real>(pb: &Problem<'_, T>) -> Want {
    Want {
        smooth: pb.eps > 0.0,
        soft: !pb.has_classes() && pb.eps < 1.0,
        entropy: false,
    }
}

/// Per-row losses (nats) of rows `r0..r0 + out.len()` into `out`, and their sum.
fn losses_rows<T: Real>(pb: &Problem<'_, T>, r0: usize, out: &mut [f64]) -> Result<f64> {
    let level = k::level();
    let (x, cols) = (pb.x(), pb.cols);
    let want = want(pb);
    let mut acc = Neumaier::default();
    for (i, o) in out.iter_mut().enumerate() {
        let r = r0 + i;
        if pb.ignored(r) {
            *o = 0.0;
            continue;
        }
        let xr = &x[r * cols..(r + 1) * cols];
        let pr = pb.p().map(|p| &p[r * cols..(r + 1) * cols]);
        let next = x.get((r + 1) * cols..(r + 2) * cols);
        let st = k::row_stats(level, xr, r, pb.w, pr, want, None, next)?;
        let xt = pb.class(r).map_or(0.0, |c| xr[c].to_f64());
        *o = row_loss(pb, r, &st, xt);
        acc.add(*o);
    }
    Ok(acc.total())
}

/// Softmax cross-entropy from logits (PyTorch's `torch.nn.functional.cross_entropy`), reduced
/// over rows.
///
/// For row `i` with logits `x`, target distribution `t` (one-hot of the class, or the given
/// probabilities), label smoothing `ε` and class weights `w` (all 1 by default):
///
/// $$ \ell_i = -\sum_k w_k\, \tilde t_k \log \operatorname{softmax}(x)_k,
///    \qquad \tilde t = (1-\varepsilon)\, t + \varepsilon / V, $$
///
/// computed as `(1−ε) w_c ((m − x_c) + ln s) + (ε/V)(W ln s − Σ_k w_k (x_k − m))` for class
/// `c` (`m = max x`, `s = Σ e^{x−m}`, `W = Σ w`). Reductions follow PyTorch exactly:
/// - class targets, [`Reduction::Mean`]: `Σ ℓ_i / Σ_{i not ignored} w_{c_i}`;
/// - probability targets, [`Reduction::Mean`]: `Σ ℓ_i / B`;
/// - [`Reduction::Sum`]: `Σ ℓ_i`. Ignored rows contribute 0.
///
/// **Difference from PyTorch:** a mean over zero weight (every row ignored, or all target
/// classes of weight 0) is PyTorch's NaN (0/0); here it is [`Error::ZeroMass`], so that an
/// all-padding batch cannot silently poison a training run. Use [`Reduction::Sum`] (which is 0
/// then, with a zero gradient) and divide by your own count to get 0 instead.
///
/// A target class whose logit is `−∞` gives `+∞` (as PyTorch). Each row is read once from
/// memory (see `kernels::softmax`). Accuracy: `f64` logits to a few ulps (1e-12 relative in
/// the tests); `f32` logits to 1.2e-7 relative for any `V` (checked to 1e-6 against mpmath and
/// at `V = 256k`): on AVX-512 the terms `e^{x−m}` are evaluated in `f32` on an argument made
/// exact by TwoSum and summed in `f64`; elsewhere everything is computed in `f64`.
///
/// # Errors
/// [`Error::Empty`] for zero columns (or zero rows with a mean); [`Error::LengthMismatch`] if
/// `targets` (classes) or `weight` do not match; [`Error::ShapeMismatch`] for a probability
/// matrix of another shape; [`Error::IndexOutOfRange`] / [`Error::OutOfRange`] for a class
/// outside `0..V` that is not the `ignore_index`; [`Error::InvalidParameter`] for
/// `label_smoothing` outside `[0, 1]` or an `ignore_index` with probability targets;
/// [`Error::NonFinite`] for a NaN or `+∞` logit (index row-major) and NaN/±∞ target
/// probabilities or weights; [`Error::NegativeProbability`] for negative target probabilities
/// or weights; [`Error::OutOfRange`] for a row whose logits are all `−∞`;
/// [`Error::ZeroMass`] as above.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::losses::{softmax_cross_entropy, CrossEntropyOptions, Targets};
/// let logits = array![[2.0f32, 1.0, 0.1], [0.5, 2.5, -1.0]];
/// let l = softmax_cross_entropy(logits.view(), Targets::Classes(&[0, 1]), &CrossEntropyOptions::default())?;
/// // −log softmax([2, 1, 0.1])[0] = 0.4170…, −log softmax([0.5, 2.5, −1])[1] = 0.1532…
/// assert!((l - (0.41703002 + 0.15317821) / 2.0).abs() < 1e-6);
/// // Huge logits are fine.
/// let big = array![[1e30f32, -1e30, 0.0]];
/// let l = softmax_cross_entropy(big.view(), Targets::Classes(&[0]), &CrossEntropyOptions::default())?;
/// assert_eq!(l, 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn softmax_cross_entropy<T: Real>(
    logits: ArrayView2<'_, T>,
    targets: Targets<'_, T>,
    options: &CrossEntropyOptions<'_>,
) -> Result<f64> {
    let pb = validate(logits, targets, options)?;
    let scale = reduction_scale(&pb, options.reduction)?;
    let (rows, cols) = (pb.rows, pb.cols);
    let total = over_rows(
        rows,
        cols,
        options.par,
        &mut [] as &mut [f64],
        0,
        |r0, _| {
            let per = rows_per_task(rows, cols, options.par);
            let n = per.min(rows - r0);
            let mut buf = vec![0.0; n];
            losses_rows(&pb, r0, &mut buf)
        },
    )?;
    Ok(options.base.from_nats(total * scale))
}

/// Per-row softmax cross-entropy (PyTorch's `reduction='none'`): `out[i] = ℓ_i` of
/// [`softmax_cross_entropy`], 0 for ignored rows. `options.reduction` is not used.
///
/// # Errors
/// As [`softmax_cross_entropy`] (no [`Error::ZeroMass`]), and [`Error::ShapeMismatch`] if
/// `out.len()` is not the number of rows.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::losses::{softmax_cross_entropy_into, CrossEntropyOptions, Targets};
/// let logits = array![[0.0f64, 0.0], [0.0, 0.0]];
/// let mut out = [1.0; 2];
/// let opts = CrossEntropyOptions::default().ignore_index(-100);
/// softmax_cross_entropy_into(&mut out, logits.view(), Targets::Classes(&[1, -100]), &opts)?;
/// assert_eq!(out, [std::f64::consts::LN_2, 0.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn softmax_cross_entropy_into<T: Real>(
    out: &mut [f64],
    logits: ArrayView2<'_, T>,
    targets: Targets<'_, T>,
    options: &CrossEntropyOptions<'_>,
) -> Result<()> {
    let pb = validate(logits, targets, options)?;
    if out.len() != pb.rows {
        return Err(Error::ShapeMismatch {
            arg: "out",
            expected: vec![pb.rows],
            found: vec![out.len()],
        });
    }
    over_rows(pb.rows, pb.cols, options.par, out, 1, |r0, o| {
        losses_rows(&pb, r0, o)
    })?;
    if options.base != Base::Nats {
        for o in out.iter_mut() {
            *o = options.base.from_nats(*o);
        }
    }
    Ok(())
}

/// The gradient coefficients of row `r`: `g = α·e − β·w·p − γ·w`, then `g_c −= δ` at the
/// class `c` (class targets), where `e = e^{x−m}` is in the output row.
fn grad_row<T: Real>(
    pb: &Problem<'_, T>,
    r: usize,
    st: &RowStats,
    scale: f64,
    g: &mut [T],
    p: Option<&[T]>,
) {
    let level = k::level();
    let (eps, v) = (pb.eps, pb.cols as f64);
    let smooth_mass = eps * pb.w_total / v;
    let (alpha, beta, gamma, delta) = match (&pb.target, pb.class(r)) {
        (Target::Classes(_), Some(c)) => {
            let wt = (1.0 - eps) * pb.weight_of(c);
            (
                scale * (wt + smooth_mass) / st.sums.s,
                0.0,
                scale * eps / v,
                scale * wt,
            )
        }
        // An ignored row has a zero gradient (the callers skip it).
        (Target::Classes(_), None) => (0.0, 0.0, 0.0, 0.0),
        (Target::Probs(_), _) => (
            scale * ((1.0 - eps) * st.sums.c + smooth_mass) / st.sums.s,
            scale * (1.0 - eps),
            scale * eps / v,
            0.0,
        ),
    };
    k::row_scale(level, g, [alpha, beta, gamma], pb.w, p);
    if let Some(c) = pb.class(r) {
        if delta != 0.0 {
            let gc = g[c].to_f64() - delta;
            set(&mut g[c], gc);
        }
    }
}

/// Writes `v` (rounded) into `d`.
fn set<T: Real>(d: &mut T, v: f64) {
    k::store_one(d, v);
}

/// Writes the gradient rows `r0..` into `g` (and returns the loss sum of those rows, nats).
fn grad_rows<T: Real>(
    pb: &Problem<'_, T>,
    r0: usize,
    g: &mut [T],
    scale: f64,
    in_place: bool,
) -> Result<f64> {
    let level = k::level();
    let cols = pb.cols;
    let want = want(pb);
    let mut acc = Neumaier::default();
    let n_rows = g.len() / cols;
    for i in 0..n_rows {
        let r = r0 + i;
        let (gr, rest) = g[i * cols..].split_at_mut(cols);
        let next_in_place = rest.get(..cols);
        if pb.ignored(r) {
            for v in gr.iter_mut() {
                set(v, 0.0);
            }
            continue;
        }
        let pr = pb.p().map(|p| &p[r * cols..(r + 1) * cols]);
        let st = if in_place {
            // `gr` holds the logits of row r.
            let xt = pb.class(r).map(|c| gr[c].to_f64());
            let st = if want.soft {
                // Soft targets need x and p together: sums first, then exponentiate in place.
                let st = k::row_stats(level, gr, r, pb.w, pr, want, None, None)?;
                let st2 = k::row_stats_in_place(level, gr, r, None, false, next_in_place)?;
                RowStats {
                    m: st.m,
                    sums: k::Sums {
                        s: st2.sums.s,
                        ..st.sums
                    },
                }
            } else {
                k::row_stats_in_place(level, gr, r, pb.w, want.smooth, next_in_place)?
            };
            acc.add(row_loss(pb, r, &st, xt.unwrap_or(0.0)));
            st
        } else {
            let x = pb.x();
            let xr = &x[r * cols..(r + 1) * cols];
            let next = x.get((r + 1) * cols..(r + 2) * cols);
            let st = k::row_stats(level, xr, r, pb.w, pr, want, Some(gr), next)?;
            let xt = pb.class(r).map(|c| xr[c].to_f64());
            acc.add(row_loss(pb, r, &st, xt.unwrap_or(0.0)));
            st
        };
        grad_row(pb, r, &st, scale, gr, pr);
    }
    Ok(acc.total())
}

/// For `crate::bounds`: the summed class cross-entropy (nats) of the rows of `x` (row-major,
/// `cols` columns, one class per row, no weights or smoothing), writing
/// `scale · (softmax − onehot)` into `g` when given. Sequential; the caller validates finiteness
/// and splits rows over threads. Errors name rows relative to `x`.
pub(crate) fn class_cross_entropy_rows<T: Real>(
    x: &[T],
    cols: usize,
    classes: &[i64],
    scale: f64,
    g: Option<&mut [T]>,
) -> Result<f64> {
    let rows = classes.len();
    let pb = Problem {
        x: Some(Cow::Borrowed(x)),
        rows,
        cols,
        target: Target::Classes(classes),
        ignore: None,
        eps: 0.0,
        w: None,
        w_total: cols as f64,
        denominator: rows as f64,
    };
    match g {
        Some(g) => grad_rows(&pb, 0, g, scale, false),
        None => losses_rows(&pb, 0, &mut vec![0.0; rows]),
    }
}

/// The gradient sweep of [`softmax_cross_entropy_grad`] and its in-place form.
fn grad_impl<T: Real>(
    pb: &Problem<'_, T>,
    options: &CrossEntropyOptions<'_>,
    g: &mut [T],
    in_place: bool,
) -> Result<f64> {
    let scale = reduction_scale(pb, options.reduction)?;
    // d/dx of the loss in base b is that in nats divided by ln b.
    let grad_scale = options.base.from_nats(scale);
    let total = over_rows(pb.rows, pb.cols, options.par, g, pb.cols, |r0, gr| {
        grad_rows(pb, r0, gr, grad_scale, in_place)
    })?;
    Ok(options.base.from_nats(total * scale))
}

/// Runs `f` on a contiguous row-major slice of `out`, through a temporary copy when `out` is
/// not in standard layout.
pub(super) fn with_slice<T: Real, R>(
    mut out: ArrayViewMut2<'_, T>,
    f: impl FnOnce(&mut [T]) -> Result<R>,
) -> Result<R> {
    if let Some(s) = out.as_slice_mut() {
        return f(s);
    }
    let mut tmp: Array2<T> = out.as_standard_layout().into_owned();
    let r = f(tmp.as_slice_mut().expect("standard layout"))?;
    out.assign(&tmp);
    Ok(r)
}

pub(super) fn check_out_shape<T>(
    arg: &'static str,
    out: &ArrayViewMut2<'_, T>,
    rows: usize,
    cols: usize,
) -> Result<()> {
    if out.dim() == (rows, cols) {
        Ok(())
    } else {
        Err(Error::ShapeMismatch {
            arg,
            expected: vec![rows, cols],
            found: out.shape().to_vec(),
        })
    }
}

/// Fused forward and backward of [`softmax_cross_entropy`]: returns the reduced loss and
/// writes its gradient with respect to the logits into `grad`.
///
/// $$ \frac{\partial L}{\partial x_{ij}} = c \left[ \Big(\sum_k w_k \tilde t_{ik}\Big)
///    \operatorname{softmax}(x_i)_j - w_j \tilde t_{ij} \right] $$
///
/// (`softmax − target` for unit weights and normalised targets), with `c = 1/denominator` for
/// the mean and `1` for the sum (divided by `ln b` in base `b`); ignored rows get a zero
/// gradient. Each row is read from memory once and its gradient written once: a maximum
/// sweep, an exponential sweep that writes `e^{x−m}` into `grad`, and a scaling sweep over the
/// cached output row.
///
/// # Errors
/// As [`softmax_cross_entropy`]; [`Error::ShapeMismatch`] if `grad` is not `[B, V]`. On error,
/// `grad` holds unspecified values.
///
/// # Examples
/// ```
/// use ndarray::{array, Array2};
/// use sanov::losses::{softmax_cross_entropy_grad, CrossEntropyOptions, Targets};
/// let logits = array![[0.0f64, 0.0]];
/// let mut grad = Array2::zeros((1, 2));
/// let l = softmax_cross_entropy_grad(logits.view(), Targets::Classes(&[0]), &CrossEntropyOptions::default(), grad.view_mut())?;
/// assert_eq!(l, std::f64::consts::LN_2);
/// assert_eq!(grad, array![[-0.5, 0.5]]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn softmax_cross_entropy_grad<T: Real>(
    logits: ArrayView2<'_, T>,
    targets: Targets<'_, T>,
    options: &CrossEntropyOptions<'_>,
    grad: ArrayViewMut2<'_, T>,
) -> Result<f64> {
    let pb = validate(logits, targets, options)?;
    check_out_shape("grad", &grad, pb.rows, pb.cols)?;
    if pb.rows == 0 {
        return reduction_scale(&pb, options.reduction).map(|_| 0.0);
    }
    with_slice(grad, |g| grad_impl(&pb, options, g, false))
}

/// [`softmax_cross_entropy_grad`] with the gradient written over the logits (no second
/// `[B, V]` buffer: for an LM-sized vocabulary this halves the memory of the loss).
///
/// # Errors
/// As [`softmax_cross_entropy`]. Validation of the targets and options happens before any
/// write; a NaN or `+∞` logit in row `i` is found before row `i` is overwritten, but rows
/// before it already hold their gradient.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::losses::{softmax_cross_entropy_grad_in_place, CrossEntropyOptions, Targets};
/// let mut x = array![[0.0f32, 0.0], [5.0, 5.0]];
/// let opts = CrossEntropyOptions::default().ignore_index(-1);
/// let l = softmax_cross_entropy_grad_in_place(x.view_mut(), Targets::Classes(&[1, -1]), &opts)?;
/// assert!((l - std::f64::consts::LN_2).abs() < 1e-15);
/// assert_eq!(x, array![[0.5, -0.5], [0.0, 0.0]]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn softmax_cross_entropy_grad_in_place<T: Real>(
    mut logits: ArrayViewMut2<'_, T>,
    targets: Targets<'_, T>,
    options: &CrossEntropyOptions<'_>,
) -> Result<f64> {
    let pb = validate_targets(logits.dim(), targets, options)?;
    if pb.rows == 0 {
        return reduction_scale(&pb, options.reduction).map(|_| 0.0);
    }
    with_slice(logits.view_mut(), |g| grad_impl(&pb, options, g, true))
}
