//! Transforms and per-row quantities of logit matrices `[B, V]`: log-softmax, softmax,
//! log-sum-exp, the entropy of a softmax, and the KL divergence between the softmaxes of two
//! logit matrices. The numerical conventions are those of the softmax cross-entropy
//! (`losses::logits`): rows shifted by their maximum, `−∞` logits allowed, NaN and `+∞` errors.

use super::logits::{check_logits, check_out_shape, over_rows, with_slice};
use crate::error::{Error, Result};
use crate::kernels::softmax::{self as k, Want};
use crate::par::Par;
use crate::real::Real;
use crate::units::Base;
use crate::validate::{check_temperature, contiguous};
use ndarray::{ArrayView2, ArrayViewMut2};

/// Validates a logit matrix and a per-row output of `out_len` slots.
fn check_rows_out<T: Real>(
    arg: &'static str,
    logits: &ArrayView2<'_, T>,
    out_len: usize,
) -> Result<()> {
    check_logits(arg, logits)?;
    if out_len == logits.nrows() {
        Ok(())
    } else {
        Err(Error::ShapeMismatch {
            arg: "out",
            expected: vec![logits.nrows()],
            found: vec![out_len],
        })
    }
}

/// Runs `f(row, x_row, out_row)` over every row of `x` in parallel, `out` split `width` per
/// row.
fn per_row<T: Real, O: Send>(
    x: &[T],
    rows: usize,
    cols: usize,
    par: Par,
    out: &mut [O],
    width: usize,
    f: impl Fn(usize, &[T], &mut [O]) -> Result<()> + Sync,
) -> Result<()> {
    over_rows(rows, cols, par, out, width, |r0, o| {
        for (i, or) in o.chunks_mut(width).enumerate() {
            let r = r0 + i;
            f(r, &x[r * cols..(r + 1) * cols], or)?;
        }
        Ok(0.0)
    })
    .map(|_| ())
}

/// The row `x / T` for the softmax, as `(x − m) / T` with `m = max x` (the same softmax, and
/// no overflow for a small `T`); `−∞` stays `−∞`. `None` for `T = 1`: the row is used as is.
fn tempered<T: Real>(xr: &[T], temperature: f64) -> Option<Vec<T>> {
    if temperature == 1.0 {
        return None;
    }
    let m = xr
        .iter()
        .map(|v| v.to_f64())
        .fold(f64::NEG_INFINITY, f64::max);
    Some(
        xr.iter()
            .map(|v| {
                let v = v.to_f64();
                T::from_f64(if v == f64::NEG_INFINITY {
                    v
                } else {
                    (v - m) / temperature
                })
            })
            .collect(),
    )
}

/// Row-wise log-softmax at temperature `T`: `out[i, j] = x_ij/T − log Σ_k e^{x_ik/T}`
/// (PyTorch's `torch.log_softmax(x / T, dim=1)`), computed as `(y_ij − m_i) − ln Σ_k e^{y_ik −
/// m_i}` on `y = x/T`. `T = 1` is the plain log-softmax; for `T ≠ 1` the row is first formed as
/// `(x − max x)/T` (the same log-softmax, with no overflow for small `T`), rounded to the type
/// of the logits.
///
/// `−∞` logits give `−∞`.
///
/// # Errors
/// [`Error::InvalidParameter`] (`name = "temperature"`) unless `temperature` is finite and
/// `> 0`; [`Error::Empty`] for zero columns; [`Error::ShapeMismatch`] if `out` is not the shape
/// of `logits`; [`Error::NonFinite`] for a NaN or `+∞` logit; [`Error::OutOfRange`] for a row of
/// `−∞` only.
///
/// # Examples
/// ```
/// use ndarray::{array, Array2};
/// use sanov::{losses::log_softmax_into, Par};
/// let x = array![[0.0f64, 0.0], [1000.0, f64::NEG_INFINITY]];
/// let mut out = Array2::zeros((2, 2));
/// log_softmax_into(out.view_mut(), x.view(), 1.0, Par::Seq)?;
/// assert_eq!(out, array![[-std::f64::consts::LN_2, -std::f64::consts::LN_2], [0.0, f64::NEG_INFINITY]]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.log_softmax`.
pub fn log_softmax_into<T: Real>(
    out: ArrayViewMut2<'_, T>,
    logits: ArrayView2<'_, T>,
    temperature: f64,
    par: Par,
) -> Result<()> {
    check_temperature(temperature)?;
    check_logits("logits", &logits)?;
    let (rows, cols) = logits.dim();
    check_out_shape("out", &out, rows, cols)?;
    let x = contiguous(&logits);
    let level = k::level();
    with_slice(out, |o| {
        per_row(&x, rows, cols, par, o, cols, |r, xr, or| {
            let y = tempered(xr, temperature);
            let yr = y.as_deref().unwrap_or(xr);
            let st = k::row_stats(level, yr, r, None, None, Want::default(), None, None)?;
            k::row_shift(level, yr, st.m, st.ln_s(), or);
            Ok(())
        })
    })
}

/// Row-wise softmax at temperature `T`: `out[i, j] = e^{x_ij/T} / Σ_k e^{x_ik/T}` (PyTorch's
/// `torch.softmax(x / T, dim=1)`), computed from `e^{y_ij − m_i}` on `y = x/T` (formed as in
/// [`log_softmax_into`]); each row sums to 1 within rounding. `T → 0` tends to the arg-max,
/// `T → ∞` to the uniform distribution over the finite logits.
///
/// # Errors
/// As [`log_softmax_into`].
///
/// # Examples
/// ```
/// use ndarray::{array, Array2};
/// use sanov::{losses::softmax_into, Par};
/// let x = array![[1e30f32, 1e30, f32::NEG_INFINITY]];
/// let mut out = Array2::zeros((1, 3));
/// softmax_into(out.view_mut(), x.view(), 1.0, Par::Seq)?;
/// assert_eq!(out, array![[0.5f32, 0.5, 0.0]]);
/// // T = 1 / ln 3: softmax([0, 1] / T) = softmax([0, ln 3]) = (1, 3) / 4.
/// let x = array![[0.0f64, 1.0]];
/// let mut out = Array2::zeros((1, 2));
/// softmax_into(out.view_mut(), x.view(), 1.0 / 3f64.ln(), Par::Seq)?;
/// assert!((out[[0, 0]] - 0.25).abs() < 1e-15 && (out[[0, 1]] - 0.75).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.softmax(logits, temperature=T)`.
pub fn softmax_into<T: Real>(
    out: ArrayViewMut2<'_, T>,
    logits: ArrayView2<'_, T>,
    temperature: f64,
    par: Par,
) -> Result<()> {
    check_temperature(temperature)?;
    check_logits("logits", &logits)?;
    let (rows, cols) = logits.dim();
    check_out_shape("out", &out, rows, cols)?;
    let x = contiguous(&logits);
    let level = k::level();
    with_slice(out, |o| {
        per_row(&x, rows, cols, par, o, cols, |r, xr, or| {
            let y = tempered(xr, temperature);
            let yr = y.as_deref().unwrap_or(xr);
            let st = k::row_stats(level, yr, r, None, None, Want::default(), Some(or), None)?;
            k::row_scale(level, or, [1.0 / st.sums.s, 0.0, 0.0], None, None);
            Ok(())
        })
    })
}

/// Row-wise log-sum-exp in nats: `out[i] = log Σ_j e^{x_ij} = m_i + ln Σ_j e^{x_ij − m_i}`
/// (`torch.logsumexp(x, dim=1)`).
///
/// # Errors
/// [`Error::Empty`] for zero columns; [`Error::ShapeMismatch`] if `out.len()` is not the
/// number of rows; [`Error::NonFinite`] for a NaN or `+∞` logit; [`Error::OutOfRange`] for a
/// row of `−∞` only (whose log-sum-exp, `−∞`, would make every derived quantity undefined).
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{losses::logsumexp_into, Par};
/// let x = array![[1000.0f64, 1000.0], [-1000.0, f64::NEG_INFINITY]];
/// let mut out = [0.0; 2];
/// logsumexp_into(&mut out, x.view(), Par::Seq)?;
/// assert_eq!(out, [1000.0 + std::f64::consts::LN_2, -1000.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.logsumexp(x, axis=1)`.
pub fn logsumexp_into<T: Real>(out: &mut [f64], logits: ArrayView2<'_, T>, par: Par) -> Result<()> {
    check_rows_out("logits", &logits, out.len())?;
    let (rows, cols) = logits.dim();
    let x = contiguous(&logits);
    let level = k::level();
    per_row(&x, rows, cols, par, out, 1, |r, xr, o| {
        let st = k::row_stats(level, xr, r, None, None, Want::default(), None, None)?;
        o[0] = st.m + st.ln_s();
        Ok(())
    })
}

/// Row-wise entropy of the softmax: `out[i] = H(softmax(x_i)) = −Σ_j π_ij log π_ij`, computed
/// as `ln s − Σ_j e^{d_j} d_j / s` with `d = x − m`, `s = Σ e^{d}` (`0 · log 0 = 0` for `−∞`
/// logits).
///
/// # Errors
/// As [`logsumexp_into`].
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{losses::softmax_entropy_into, Base, Par};
/// let x = array![[3.0f32, 3.0, 3.0, 3.0], [0.0, f32::NEG_INFINITY, 0.0, f32::NEG_INFINITY]];
/// let mut out = [0.0; 2];
/// softmax_entropy_into(&mut out, x.view(), Base::Bits, Par::Seq)?;
/// assert_eq!(out, [2.0, 1.0]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn softmax_entropy_into<T: Real>(
    out: &mut [f64],
    logits: ArrayView2<'_, T>,
    base: Base,
    par: Par,
) -> Result<()> {
    check_rows_out("logits", &logits, out.len())?;
    let (rows, cols) = logits.dim();
    let x = contiguous(&logits);
    let level = k::level();
    let want = Want {
        entropy: true,
        ..Want::default()
    };
    per_row(&x, rows, cols, par, out, 1, |r, xr, o| {
        let st = k::row_stats(level, xr, r, None, None, want, None, None)?;
        // Both terms are ≥ 0 (−E/s ≥ 0), so there is no cancellation.
        o[0] = base.from_nats(st.ln_s() + (0.0 - st.sums.e) / st.sums.s);
        Ok(())
    })
}

/// Row-wise KL divergence between the softmaxes of two logit matrices (distillation):
/// `out[i] = D(softmax(p_i) ‖ softmax(q_i)) = Σ_j π_ij (log π_ij − log ρ_ij)`, with
/// `π = softmax(p_logits)`, `ρ = softmax(q_logits)`.
///
/// PyTorch's `F.kl_div(log_softmax(q), log_softmax(p), log_target=True, reduction='none').sum(1)`.
/// Forward KL (teacher `p`, student `q`) or reverse KL: swap the arguments. Computed as
/// `F/s_p − ln s_p + ln s_q` with `F = Σ_j e^{p_j − m_p}((p_j − m_p) − (q_j − m_q))` over
/// `π_j > 0`; `+∞` where some `q_ij = −∞` has `π_ij > 0`.
///
/// # Errors
/// [`Error::Empty`] for zero columns; [`Error::ShapeMismatch`] if the matrices or `out` do not
/// match; for each matrix (named `p_logits` / `q_logits`), the logit errors of
/// [`logsumexp_into`].
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{losses::kl_divergence_logits_into, Base, Par};
/// let p = array![[0.0f64, 0.0], [5.0, 5.0]];
/// let q = array![[100.0f64, 100.0], [0.0, f64::NEG_INFINITY]];
/// let mut out = [0.0; 2];
/// kl_divergence_logits_into(&mut out, p.view(), q.view(), Base::Nats, Par::Seq)?;
/// assert_eq!(out, [0.0, f64::INFINITY]);
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.kl_divergence_logits`.
pub fn kl_divergence_logits_into<T: Real>(
    out: &mut [f64],
    p_logits: ArrayView2<'_, T>,
    q_logits: ArrayView2<'_, T>,
    base: Base,
    par: Par,
) -> Result<()> {
    check_rows_out("p_logits", &p_logits, out.len())?;
    if q_logits.dim() != p_logits.dim() {
        return Err(Error::ShapeMismatch {
            arg: "q_logits",
            expected: p_logits.shape().to_vec(),
            found: q_logits.shape().to_vec(),
        });
    }
    let (rows, cols) = p_logits.dim();
    let (x, y) = (contiguous(&p_logits), contiguous(&q_logits));
    let level = k::level();
    per_row(&x, rows, cols, par, out, 1, |r, xr, o| {
        let yr = &y[r * cols..(r + 1) * cols];
        o[0] = base.from_nats(k::row_kl(level, xr, yr, r)?);
        Ok(())
    })
}
