//! Closed-form geodesic paths: the normal family (a hyperbolic half-plane) and the categorical
//! family (a great circle on the sphere of `√p`).

use ndarray::Array2;

use super::FisherRao;
use crate::error::{Error, Result};
use crate::families::{Categorical, Normal};

fn check_points(n_points: usize) -> Result<()> {
    if n_points < 2 {
        return Err(Error::InvalidParameter {
            name: "n_points",
            value: n_points as f64,
            expected: "must be >= 2",
        });
    }
    Ok(())
}

/// The weights `(sinh((1−t)d)/sinh d, sinh(td)/sinh d)` (`sin` for `trig`), `(1−t, t)` as
/// `d → 0`.
fn slerp_weights(t: f64, d: f64, trig: bool) -> (f64, f64) {
    if d < 1e-8 {
        return (1.0 - t, t);
    }
    let f = |x: f64| if trig { x.sin() } else { x.sinh() };
    let s = f(d);
    (f((1.0 - t) * d) / s, f(t * d) / s)
}

/// The Fisher–Rao geodesic from `p` to `q` in the normal family, at `n_points` points equally
/// spaced in arc length (`t = j/(n_points − 1)`), as rows `(loc, scale)`.
///
/// In `(x, y) = (μ/√2, σ)` the metric is `2(dx² + dy²)/y²`, twice the Poincaré half-plane,
/// whose geodesics are vertical lines and half-circles centred on `y = 0`. They are computed in
/// the hyperboloid model, where a geodesic is `P(t) = [sinh((1−t)d) P + sinh(td) Q]/sinh d`
/// (`d` the hyperbolic distance): the coordinates `1/y` and `x/y` of the half-plane are linear
/// in `P`, so `y(t) = 1/(a/y₁ + b/y₂)` and `x(t) = (a x₁/y₁ + b x₂/y₂) y(t)` with the two
/// weights `a, b` — no circle centre, no cancellation for nearly vertical geodesics.
///
/// # Errors
/// [`Error::InvalidParameter`] (`name = "n_points"`) if `n_points < 2`; [`Error::TooLarge`]
/// if the path cannot be allocated.
///
/// # Examples
/// ```
/// use sanov::families::Normal;
/// use sanov::geometry::normal_geodesic;
/// let path = normal_geodesic(&Normal::new(0.0, 1.0)?, &Normal::new(0.0, 4.0)?, 3)?;
/// // Equal means: the geodesic keeps μ = 0 and σ moves geometrically, through σ = 2.
/// assert!((path[[1, 1]] - 2.0).abs() < 1e-14 && path[[1, 0]] == 0.0);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn normal_geodesic(p: &Normal, q: &Normal, n_points: usize) -> Result<Array2<f64>> {
    check_points(n_points)?;
    let d = p.fisher_rao_distance(q)? / core::f64::consts::SQRT_2;
    let s = core::f64::consts::SQRT_2;
    let (u1, u2) = (1.0 / p.scale(), 1.0 / q.scale());
    let (w1, w2) = (p.loc() / s * u1, q.loc() / s * u2);
    let mut out = crate::alloc::zeros2("n_points", n_points, 2)?;
    for j in 0..n_points {
        let t = j as f64 / (n_points - 1) as f64;
        let (a, b) = slerp_weights(t, d, false);
        let u = a * u1 + b * u2;
        let w = a * w1 + b * w2;
        out[[j, 0]] = s * w / u;
        out[[j, 1]] = 1.0 / u;
    }
    // The end points exactly.
    out[[0, 0]] = p.loc();
    out[[0, 1]] = p.scale();
    out[[n_points - 1, 0]] = q.loc();
    out[[n_points - 1, 1]] = q.scale();
    Ok(out)
}

/// The Fisher–Rao geodesic from `p` to `q` in the categorical family, at `n_points` points
/// equally spaced in arc length, as rows of probabilities.
///
/// `p ↦ √p` maps the simplex onto the positive orthant of the unit sphere, where the metric is
/// 4 times the round one; the geodesic is the great circle
/// `√p(t) = [sin((1−t)θ) √p + sin(tθ) √q]/sin θ`, `cos θ = Σ√(p_i q_i)`, squared back.
///
/// # Errors
/// [`Error::LengthMismatch`] if `p` and `q` have different numbers of categories;
/// [`Error::InvalidParameter`] (`name = "n_points"`) if `n_points < 2`; [`Error::TooLarge`]
/// if the path cannot be allocated.
///
/// # Examples
/// ```
/// use sanov::families::Categorical;
/// use sanov::geometry::categorical_geodesic;
/// let p = Categorical::new(&[1.0, 0.0])?;
/// let q = Categorical::new(&[0.0, 1.0])?;
/// let path = categorical_geodesic(&p, &q, 3)?;
/// // Half-way along the quarter circle: √p = (1/√2, 1/√2).
/// assert!((path[[1, 0]] - 0.5).abs() < 1e-15 && (path[[1, 1]] - 0.5).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn categorical_geodesic(
    p: &Categorical,
    q: &Categorical,
    n_points: usize,
) -> Result<Array2<f64>> {
    let theta = 0.5 * p.fisher_rao_distance(q)?;
    check_points(n_points)?;
    let (sp, sq): (Vec<f64>, Vec<f64>) = p
        .probs()
        .iter()
        .zip(q.probs())
        .map(|(a, b)| (a.sqrt(), b.sqrt()))
        .unzip();
    let k = sp.len();
    let mut out = crate::alloc::zeros2("n_points", n_points, k)?;
    for j in 0..n_points {
        let t = j as f64 / (n_points - 1) as f64;
        let (a, b) = slerp_weights(t, theta, true);
        for i in 0..k {
            let r = a * sp[i] + b * sq[i];
            out[[j, i]] = r * r;
        }
    }
    for i in 0..k {
        out[[0, i]] = p.probs()[i];
        out[[n_points - 1, i]] = q.probs()[i];
    }
    Ok(out)
}
