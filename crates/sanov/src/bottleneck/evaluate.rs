//! Evaluation of a given encoder.

use super::{check_beta, Joint};
use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::units::Base;
use ndarray::ArrayView2;

/// The information-plane coordinates and both Lagrangians of an encoder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IbPoint {
    /// `I(X;T)`.
    pub i_xt: f64,
    /// `I(T;Y)`.
    pub i_ty: f64,
    /// `H(T)`.
    pub h_t: f64,
    /// `L_IB = I(X;T) − β I(T;Y)`.
    pub lagrangian_ib: f64,
    /// `L_DIB = H(T) − β I(T;Y)`.
    pub lagrangian_dib: f64,
}

/// The point of encoder `q` (flat `[nx][nt]`) on joint `j`, in nats.
pub(crate) fn point(j: &Joint, q: &[f64], nt: usize, beta: f64) -> IbPoint {
    let (nx, ny) = (j.nx, j.ny);
    let mut qt = vec![0.0; nt];
    let mut qty = vec![0.0; nt * ny];
    for x in 0..nx {
        for t in 0..nt {
            let w = q[x * nt + t];
            if w == 0.0 {
                continue;
            }
            qt[t] += j.px[x] * w;
            for y in 0..ny {
                qty[t * ny + y] += w * j.pxy[x * ny + y];
            }
        }
    }
    let (mut ixt, mut ity, mut ht) = (
        Neumaier::default(),
        Neumaier::default(),
        Neumaier::default(),
    );
    for x in 0..nx {
        for t in 0..nt {
            let w = q[x * nt + t];
            if w > 0.0 && j.px[x] > 0.0 {
                ixt.add(j.px[x] * w * (w / qt[t]).ln());
            }
        }
    }
    for t in 0..nt {
        if qt[t] > 0.0 {
            ht.add(-qt[t] * qt[t].ln());
            for y in 0..ny {
                let v = qty[t * ny + y];
                if v > 0.0 {
                    ity.add(v * (v / (qt[t] * j.py[y])).ln());
                }
            }
        }
    }
    let (i_xt, i_ty, h_t) = (ixt.total(), ity.total(), ht.total());
    IbPoint {
        i_xt,
        i_ty,
        h_t,
        lagrangian_ib: i_xt - beta * i_ty,
        lagrangian_dib: h_t - beta * i_ty,
    }
}

impl IbPoint {
    pub(crate) fn in_base(self, base: Base) -> Self {
        let b = |v: f64| base.from_nats(v);
        Self {
            i_xt: b(self.i_xt),
            i_ty: b(self.i_ty),
            h_t: b(self.h_t),
            lagrangian_ib: b(self.lagrangian_ib),
            lagrangian_dib: b(self.lagrangian_dib),
        }
    }
}

/// Validates an encoder `[nx][nt]` (finite, non-negative rows summing to 1 within 1e-9).
pub(crate) fn check_encoder(encoder: ArrayView2<'_, f64>, nx: usize) -> Result<Vec<f64>> {
    if encoder.nrows() != nx || encoder.ncols() == 0 {
        return Err(Error::ShapeMismatch {
            arg: "encoder",
            expected: vec![nx, encoder.ncols().max(1)],
            found: encoder.shape().to_vec(),
        });
    }
    let nt = encoder.ncols();
    let q: Vec<f64> = encoder.iter().copied().collect();
    for x in 0..nx {
        crate::validate::check_probability_vector("encoder", &q[x * nt..(x + 1) * nt])
            .map_err(|e| e.in_row(x, nt))?;
    }
    Ok(q)
}

/// Evaluates an encoder `q(t|x)` on `joint`: `I(X;T)`, `I(T;Y)`, `H(T)` and both
/// Lagrangians at `beta` (see the [module docs](super)).
///
/// # Errors
/// [`Error::Empty`] / [`Error::NonFinite`] / [`Error::NegativeProbability`] /
/// [`Error::NotNormalized`] for a joint that is not a probability matrix or an encoder row
/// that is not a probability vector (index row-major, `row` set); [`Error::ShapeMismatch`] for
/// an encoder without `|X|` rows; [`Error::InvalidParameter`] for `beta < 0` or not finite.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{bottleneck::evaluate_encoder, Base};
/// let p = array![[0.5, 0.0], [0.0, 0.5]];
/// // The identity encoder keeps everything: I(X;T) = I(T;Y) = H(T) = 1 bit.
/// let pt = evaluate_encoder(p.view(), array![[1.0, 0.0], [0.0, 1.0]].view(), 2.0, Base::Bits)?;
/// assert_eq!((pt.i_xt, pt.i_ty, pt.h_t, pt.lagrangian_ib), (1.0, 1.0, 1.0, -1.0));
/// # Ok::<(), sanov::Error>(())
/// ```
///
/// Python: `sanov.ib_evaluate`.
pub fn evaluate_encoder(
    joint: ArrayView2<'_, f64>,
    encoder: ArrayView2<'_, f64>,
    beta: f64,
    base: Base,
) -> Result<IbPoint> {
    check_beta(beta)?;
    let j = Joint::new(joint)?;
    let q = check_encoder(encoder, j.nx)?;
    Ok(point(&j, &q, encoder.ncols(), beta).in_base(base))
}
