//! The row driver of the batched forms: one distribution (or pair) per row of a matrix, one
//! result per row, sequential or split over rayon's pool.

use crate::error::{Error, Result};
use crate::par::Par;
use crate::real::Real;
use crate::validate::contiguous;
use ndarray::{ArrayView2, Axis};
use rayon::prelude::*;

/// What a batched kernel does with a row that holds NaN (SciPy's `nan_policy`, faer's
/// `NanHandling`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NanPolicy {
    /// A NaN anywhere is an [`Error::NonFinite`] (the default, as for single vectors).
    #[default]
    Raise,
    /// A row holding NaN gets NaN as its result; other rows are computed as usual, and every
    /// other violation (negative, ±inf, wrong sum) is still an error.
    Propagate,
    /// Positions holding NaN are dropped from the row (from both rows of a pair, as SciPy's
    /// `nan_policy="omit"` does) and the rest is computed as usual; it must still be a valid
    /// distribution. A row that is all NaN gets NaN.
    Omit,
}

/// Rows per task below which splitting is not worth it, in elements.
const MIN_TASK_ELEMENTS: usize = 1 << 14;

/// Drives `f` over the rows of `p` (and `q`), writing `out[r] = f(p[r], q[r])`: the one row
/// driver behind every batched form (the `*_into` kernels and the bindings' `axis=` forms).
///
/// Rows are passed to `f` as contiguous slices (strided rows are copied to a buffer). Under
/// [`NanPolicy::Propagate`] a row holding NaN (in `p` or `q`) gets NaN without calling `f`;
/// under [`NanPolicy::Omit`] `f` sees the row without its NaN positions.
/// With [`Par::Rayon`] and enough work the rows are split into tasks; the result does not
/// depend on the split, and the error reported is the one of the lowest failing row.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `q` or `out` do not match `p`; [`Error::Empty`] (`p`) for zero
/// columns; otherwise the first error of `f`, re-expressed for the whole matrix
/// (`index` counted row-major, `row` set in [`Error::NotNormalized`]).
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{rows::{rows_into, NanPolicy}, Par};
/// let p = array![[1.0, 2.0], [3.0, f64::NAN]];
/// let mut out = [0.0; 2];
/// rows_into(&mut out, p.view(), None, Par::Seq, NanPolicy::Propagate, |r, _| Ok(r[0] + r[1]))?;
/// assert_eq!(out[0], 3.0);
/// assert!(out[1].is_nan());
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn rows_into<T, F>(
    out: &mut [f64],
    p: ArrayView2<'_, T>,
    q: Option<ArrayView2<'_, T>>,
    par: Par,
    nan: NanPolicy,
    f: F,
) -> Result<()>
where
    T: Real,
    F: Fn(&[T], Option<&[T]>) -> Result<f64> + Sync,
{
    let (rows, cols) = p.dim();
    if let Some(q) = &q {
        if q.dim() != p.dim() {
            return Err(Error::ShapeMismatch {
                arg: "q",
                expected: p.shape().to_vec(),
                found: q.shape().to_vec(),
            });
        }
    }
    if out.len() != rows {
        return Err(Error::ShapeMismatch {
            arg: "out",
            expected: vec![rows],
            found: vec![out.len()],
        });
    }
    if cols == 0 {
        return Err(Error::Empty { arg: "p" });
    }
    let one = |r: usize, o: &mut f64| -> Result<()> {
        let pr = contiguous(&p.index_axis(Axis(0), r));
        let qr = q.as_ref().map(|q| contiguous(&q.index_axis(Axis(0), r)));
        let nan_at = |i: usize| {
            pr[i].to_f64().is_nan() || qr.as_ref().is_some_and(|q| q[i].to_f64().is_nan())
        };
        if nan != NanPolicy::Raise && (0..cols).any(nan_at) {
            if nan == NanPolicy::Propagate {
                *o = f64::NAN;
                return Ok(());
            }
            // Omit: drop the positions holding NaN (in either row), as SciPy's paired
            // `nan_policy="omit"` does; a row left empty gives NaN.
            let keep: Vec<usize> = (0..cols).filter(|&i| !nan_at(i)).collect();
            if keep.is_empty() {
                *o = f64::NAN;
                return Ok(());
            }
            let pk: Vec<T> = keep.iter().map(|&i| pr[i]).collect();
            let qk: Option<Vec<T>> = qr.as_ref().map(|q| keep.iter().map(|&i| q[i]).collect());
            *o = f(&pk, qk.as_deref()).map_err(|e| e.in_row(r, cols))?;
            return Ok(());
        }
        *o = f(&pr, qr.as_deref()).map_err(|e| e.in_row(r, cols))?;
        Ok(())
    };
    let tasks = par
        .degree()
        .min((rows * cols) / MIN_TASK_ELEMENTS)
        .min(rows);
    if tasks <= 1 {
        for (r, o) in out.iter_mut().enumerate() {
            one(r, o)?;
        }
        return Ok(());
    }
    let chunk = rows.div_ceil(tasks);
    // Each task stops at its first error; the error of the lowest row wins, as in a
    // sequential run.
    let errors: Vec<Error> = par.install(|| {
        out.par_chunks_mut(chunk)
            .enumerate()
            .filter_map(|(t, block)| {
                block
                    .iter_mut()
                    .enumerate()
                    .try_for_each(|(i, o)| one(t * chunk + i, o))
                    .err()
            })
            .collect()
    });
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn omit_drops_nan_positions_of_either_row() {
        let p = array![
            [0.5, f64::NAN, 0.5],
            [f64::NAN, f64::NAN, f64::NAN],
            [0.2, 0.3, 0.5]
        ];
        let q = array![[0.5, 0.1, 0.5], [0.1, 0.2, 0.7], [0.2, f64::NAN, 0.8]];
        let mut out = [0.0; 3];
        let seen = |x: &[f64], y: Option<&[f64]>| {
            Ok(x.len() as f64 * 10.0 + y.map_or(0, <[f64]>::len) as f64)
        };
        rows_into(
            &mut out,
            p.view(),
            Some(q.view()),
            Par::Seq,
            NanPolicy::Omit,
            seen,
        )
        .unwrap();
        assert_eq!(out[0], 22.0);
        assert!(out[1].is_nan());
        assert_eq!(out[2], 22.0);
        // Propagate and Raise are unchanged.
        rows_into(
            &mut out,
            p.view(),
            Some(q.view()),
            Par::Seq,
            NanPolicy::Propagate,
            seen,
        )
        .unwrap();
        assert!(out[0].is_nan() && out[1].is_nan() && out[2].is_nan());
        let sum = |x: &[f64], _: Option<&[f64]>| Ok(x.iter().sum());
        rows_into(
            &mut out,
            q.view(),
            None,
            Par::rayon(2),
            NanPolicy::Omit,
            sum,
        )
        .unwrap();
        assert_eq!(out, [1.1, 1.0, 1.0]);
    }
}
