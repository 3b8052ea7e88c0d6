//! The KL term of a variational autoencoder, batched: `KL(N(μ, diag σ²) ‖ N(0, I))` from the
//! encoder's `mu` and `log_var = ln σ²`, with its gradients.

use ndarray::{Array2, ArrayView2, ArrayViewMut2};

use crate::error::{Error, Result};
use crate::kernels::vae::{vae_kl_rows, vae_kl_rows_grad, Grads};
use crate::losses::Reduction;
use crate::par::Par;
use crate::real::Real;
use crate::sum::Neumaier;
use crate::validate::contiguous;

/// The KL divergences of a batch, per row and reduced.
#[derive(Debug, Clone, PartialEq)]
pub struct VaeKl {
    /// `KL_r` of each row (sample) `r`, in nats.
    pub per_row: Vec<f64>,
    /// `Σ_r KL_r` (compensated sum).
    pub sum: f64,
    /// `Σ_r KL_r / B`, the batch mean.
    pub mean: f64,
}

/// [`VaeKl`] and the gradients of the reduced value.
#[derive(Debug, Clone, PartialEq)]
pub struct VaeKlGrad<T> {
    /// The values.
    pub kl: VaeKl,
    /// `∂L/∂μ = s μ`, same shape as `mu`.
    pub grad_mu: Array2<T>,
    /// `∂L/∂lv = s ½(e^{lv} − 1)`, same shape as `log_var`.
    pub grad_log_var: Array2<T>,
}

fn check<'a, T: Real>(
    mu: &'a ArrayView2<'_, T>,
    log_var: &'a ArrayView2<'_, T>,
) -> Result<(usize, usize)> {
    if mu.dim() != log_var.dim() {
        return Err(Error::ShapeMismatch {
            arg: "log_var",
            expected: mu.shape().to_vec(),
            found: log_var.shape().to_vec(),
        });
    }
    let (b, d) = mu.dim();
    if b == 0 || d == 0 {
        return Err(Error::Empty { arg: "mu" });
    }
    Ok((b, d))
}

/// The first non-finite element of `mu` then `log_var` in a row whose KL is not finite; `None`
/// if the inputs are finite there (the KL overflowed).
fn non_finite<T: Real>(mu: &[T], lv: &[T], d: usize, rows: &[f64]) -> Option<Error> {
    for (r, v) in rows.iter().enumerate() {
        if v.is_finite() {
            continue;
        }
        for (arg, x) in [("mu", mu), ("log_var", lv)] {
            for (j, &e) in x[r * d..(r + 1) * d].iter().enumerate() {
                if !e.to_f64().is_finite() {
                    return Some(Error::NonFinite {
                        arg,
                        index: r * d + j,
                        value: e.to_f64(),
                    });
                }
            }
        }
    }
    None
}

fn reduce(per_row: Vec<f64>) -> VaeKl {
    let mut s = Neumaier::default();
    for &v in &per_row {
        s.add(v);
    }
    let sum = s.total();
    VaeKl {
        mean: sum / per_row.len() as f64,
        sum,
        per_row,
    }
}

/// `KL(N(μ_r, diag e^{lv_r}) ‖ N(0, I))` for each row `r` of the `B × d` arrays `mu` and
/// `log_var`, in nats, in one vectorised pass:
///
/// $$ \mathrm{KL}_r = -\tfrac12 \sum_{j=1}^d \big(1 + lv_{rj} - \mu_{rj}^2 - e^{lv_{rj}}\big)
///    = \tfrac12 \sum_j \big(\mu_{rj}^2 + e^{lv_{rj}} - 1 - lv_{rj}\big) $$
///
/// (Kingma & Welling 2014, "Auto-Encoding Variational Bayes", Appendix B). Every term is
/// `≥ 0`; they are accumulated in `f64` for `f32` input too.
///
/// # Accuracy
/// - `f64` input (and `f32` input without AVX-512): `e^{lv}` within 1 ulp of `f64`, so the
///   absolute error of `KL_r` is a few ulps of `½ Σ_j (μ² + e^{lv} + 1 + |lv|)`.
/// - `f32` input on a CPU with AVX-512: `e^{lv}` is evaluated in `f32` on sixteen lanes
///   (relative error below 1.2e-7, i.e. about 1e-7 relative per term `e^{lv}`), then widened;
///   the terms and their sum are formed in `f64`. Each row differs from the `f64` computation
///   on the same inputs by at most `1.2e-7 · ½ Σ_j e^{lv_rj}` plus the rounding above: far
///   below the `f32` precision of the inputs, and of NumPy's `float32` expression. Rows with
///   a `log_var` above 88 (where the `f32` exponential overflows) or a non-finite value are
///   recomputed in `f64`, so overflow and invalid input behave exactly as for `f64`.
///
/// A `log_var` above `ln(f64::MAX) ≈ 709.78` makes the row `+∞`.
///
/// # Errors
/// [`Error::ShapeMismatch`] if the shapes differ; [`Error::Empty`] if `B` or `d` is 0;
/// [`Error::NonFinite`] (`arg = "mu"` or `"log_var"`, row-major index) for a NaN or infinite
/// input.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::losses::vae::vae_kl;
/// use sanov::Par;
/// let mu = array![[0.0f64, 1.0], [0.0, 0.0]];
/// let lv = array![[0.0f64, 0.0], [2f64.ln(), 0.0]];
/// let kl = vae_kl(mu.view(), lv.view(), Par::Seq)?;
/// // Row 0: ½μ² = 0.5; row 1: ½(2 − 1 − ln 2).
/// assert!((kl.per_row[0] - 0.5).abs() < 1e-16);
/// assert!((kl.per_row[1] - 0.5 * (1.0 - 2f64.ln())).abs() < 1e-16);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn vae_kl<T: Real>(
    mu: ArrayView2<'_, T>,
    log_var: ArrayView2<'_, T>,
    par: Par,
) -> Result<VaeKl> {
    let (b, d) = check(&mu, &log_var)?;
    let (m, l) = (contiguous(&mu), contiguous(&log_var));
    let mut rows = vec![0.0; b];
    vae_kl_rows(&m, &l, d, &mut rows, par);
    if let Some(e) = non_finite(&m, &l, d, &rows) {
        return Err(e);
    }
    Ok(reduce(rows))
}

/// [`vae_kl`] and, in the same pass, the gradients of the reduced loss `L` (`Σ_r KL_r` for
/// [`Reduction::Sum`], `(1/B) Σ_r KL_r` for [`Reduction::Mean`]):
///
/// $$ \frac{\partial L}{\partial \mu_{rj}} = s\,\mu_{rj}, \qquad
///    \frac{\partial L}{\partial lv_{rj}} = \tfrac{s}{2}\big(e^{lv_{rj}} - 1\big), \qquad
///    s = 1 \text{ or } 1/B. $$
///
/// Both are computed in `f64` and rounded once to `T` (for `f32` on AVX-512, with the `f32`
/// `e^{lv}` of [`vae_kl`]: `∂L/∂lv` within `1.2e-7 · s ½ e^{lv}` before that rounding).
///
/// # Errors
/// As [`vae_kl`].
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::losses::vae::vae_kl_with_grad;
/// use sanov::{losses::Reduction, Par};
/// let mu = array![[1.0f32, -2.0], [0.5, 0.0]];
/// let lv = array![[0.0f32, 0.0], [0.0, 0.0]];
/// let g = vae_kl_with_grad(mu.view(), lv.view(), Reduction::Mean, Par::Seq)?;
/// assert_eq!(g.grad_mu, array![[0.5f32, -1.0], [0.25, 0.0]]);
/// assert_eq!(g.grad_log_var, array![[0.0f32, 0.0], [0.0, 0.0]]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn vae_kl_with_grad<T: Real>(
    mu: ArrayView2<'_, T>,
    log_var: ArrayView2<'_, T>,
    reduction: Reduction,
    par: Par,
) -> Result<VaeKlGrad<T>> {
    let (b, d) = check(&mu, &log_var)?;
    let zero = mu[[0, 0]];
    let (mut gm, mut gl) = (vec![zero; b * d], vec![zero; b * d]);
    let kl = grad_slices(mu, log_var, &mut gm, &mut gl, reduction, par)?;
    let shape = (b, d);
    Ok(VaeKlGrad {
        kl,
        grad_mu: Array2::from_shape_vec(shape, gm).unwrap_or_else(|_| unreachable!()),
        grad_log_var: Array2::from_shape_vec(shape, gl).unwrap_or_else(|_| unreachable!()),
    })
}

/// The pass of [`vae_kl_with_grad`] into row-major gradient buffers of `B · d` elements.
fn grad_slices<T: Real>(
    mu: ArrayView2<'_, T>,
    log_var: ArrayView2<'_, T>,
    gm: &mut [T],
    gl: &mut [T],
    reduction: Reduction,
    par: Par,
) -> Result<VaeKl> {
    let (b, d) = check(&mu, &log_var)?;
    let (m, l) = (contiguous(&mu), contiguous(&log_var));
    let mut rows = vec![0.0; b];
    let scale = match reduction {
        Reduction::Sum => 1.0,
        Reduction::Mean => 1.0 / b as f64,
    };
    vae_kl_rows_grad(
        &m,
        &l,
        d,
        &mut rows,
        Grads {
            gmu: gm,
            glv: gl,
            scale,
        },
        par,
    );
    if let Some(e) = non_finite(&m, &l, d, &rows) {
        return Err(e);
    }
    Ok(reduce(rows))
}

/// [`vae_kl_with_grad`] writing the gradients into caller buffers `grad_mu` and
/// `grad_log_var` (the shape of `mu`; any layout, written directly when row-major
/// contiguous) instead of allocating them; returns the values.
///
/// # Errors
/// As [`vae_kl`], and [`Error::ShapeMismatch`] (`arg = "grad_mu"` or `"grad_log_var"`) if a
/// buffer's shape differs from `mu`'s. On an error the buffers' contents are unspecified.
///
/// # Examples
/// ```
/// use ndarray::{array, Array2};
/// use sanov::losses::vae::vae_kl_with_grad_into;
/// use sanov::{losses::Reduction, Par};
/// let mu = array![[1.0f32, -2.0], [0.5, 0.0]];
/// let lv = array![[0.0f32, 0.0], [0.0, 0.0]];
/// let (mut gm, mut gl) = (Array2::zeros((2, 2)), Array2::zeros((2, 2)));
/// let kl = vae_kl_with_grad_into(
///     mu.view(), lv.view(), gm.view_mut(), gl.view_mut(), Reduction::Mean, Par::Seq,
/// )?;
/// assert_eq!(kl.sum, 0.5 * (1.0 + 4.0 + 0.25));
/// assert_eq!(gm, array![[0.5f32, -1.0], [0.25, 0.0]]);
/// assert_eq!(gl, array![[0.0f32, 0.0], [0.0, 0.0]]);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn vae_kl_with_grad_into<T: Real>(
    mu: ArrayView2<'_, T>,
    log_var: ArrayView2<'_, T>,
    mut grad_mu: ArrayViewMut2<'_, T>,
    mut grad_log_var: ArrayViewMut2<'_, T>,
    reduction: Reduction,
    par: Par,
) -> Result<VaeKl> {
    check(&mu, &log_var)?;
    for (arg, g) in [
        ("grad_mu", grad_mu.shape()),
        ("grad_log_var", grad_log_var.shape()),
    ] {
        if g != mu.shape() {
            return Err(Error::ShapeMismatch {
                arg,
                expected: mu.shape().to_vec(),
                found: g.to_vec(),
            });
        }
    }
    if let (Some(gm), Some(gl)) = (grad_mu.as_slice_mut(), grad_log_var.as_slice_mut()) {
        return grad_slices(mu, log_var, gm, gl, reduction, par);
    }
    let g = vae_kl_with_grad(mu, log_var, reduction, par)?;
    grad_mu.assign(&g.grad_mu);
    grad_log_var.assign(&g.grad_log_var);
    Ok(g.kl)
}
