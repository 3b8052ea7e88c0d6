//! The chain rule of relative entropy on two joint tables:
//! `D(p(x,y) ‖ q(x,y)) = D(p(x) ‖ q(x)) + D(p(y|x) ‖ q(y|x) | p(x))`.

use ndarray::ArrayView2;

use crate::error::{Error, Result};
use crate::sum::Neumaier;
use crate::units::Base;
use crate::validate::{check_probability_vector, contiguous};

/// The three terms of the KL chain rule, in the requested base.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KlChainRule {
    /// `D(p(x,y) ‖ q(x,y))`, computed directly from the joint tables.
    pub joint: f64,
    /// `D(p(x) ‖ q(x))` of the row marginals.
    pub marginal: f64,
    /// `D(p(y|x) ‖ q(y|x) | p(x)) = Σ_x p(x) D(p(·|x) ‖ q(·|x))`.
    pub conditional: f64,
    /// `marginal + conditional` (equal to `joint` up to rounding).
    pub total: f64,
}

/// `p·ln(p/q)` with the conventions `0·ln(0/q) = 0` and `p·ln(p/0) = +∞` for `p > 0`.
fn term(p: f64, q: f64) -> f64 {
    if p == 0.0 {
        0.0
    } else if q == 0.0 {
        f64::INFINITY
    } else {
        p * (p / q).ln()
    }
}

/// The chain rule for the Kullback–Leibler divergence on two joint tables `p_xy`, `q_xy` of
/// shape `[|X|, |Y|]` (rows are `x`):
///
/// $$ D(p(x,y)\,\|\,q(x,y)) = D(p(x)\,\|\,q(x)) + \sum_x p(x)\, D(p(y|x)\,\|\,q(y|x)) $$
///
/// (Cover & Thomas, *Elements of Information Theory*, 2nd ed., Theorem 2.5.3). All three terms
/// are returned, with the sum of the last two as `total`.
///
/// Conventions (as for [`kl_divergence`](crate::divergences::kl_divergence)): terms with
/// `p = 0` are 0; `p > 0 = q` gives `+∞`. Rows with `p(x) = 0` contribute 0 to the
/// conditional term. A row with `p(x) > 0 = q(x)` has no conditional `q(·|x)`; the chain rule
/// is then `+∞ = +∞ + (·)`, and sanov reports that row's conditional term as `+∞` (the
/// marginal and joint terms are `+∞` in that case anyway).
///
/// Python: `sanov.kl_chain_rule(p_xy, q_xy, base=None)` (the named tuple `sanov.KlChainRule`).
///
/// # Errors
/// [`Error::Empty`] for an empty table; [`Error::ShapeMismatch`] if the shapes differ; for
/// `p_xy` then `q_xy` (flattened, row-major): [`Error::NonFinite`],
/// [`Error::NegativeProbability`], [`Error::NotNormalized`].
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{divergences::kl_chain_rule, Base};
/// let p = array![[0.25, 0.25], [0.5, 0.0]];
/// let q = array![[0.25, 0.25], [0.25, 0.25]];
/// let r = kl_chain_rule(p.view(), q.view(), Base::Bits)?;
/// // p(x) = q(x) = (½, ½): D(p(x)‖q(x)) = 0; D(p(y|x=1) ‖ U) = 1 bit, weighted by ½.
/// assert!(r.marginal.abs() < 1e-15);
/// assert!((r.conditional - 0.5).abs() < 1e-15);
/// assert!((r.joint - 0.5).abs() < 1e-15);
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn kl_chain_rule(
    p_xy: ArrayView2<'_, f64>,
    q_xy: ArrayView2<'_, f64>,
    base: Base,
) -> Result<KlChainRule> {
    if p_xy.is_empty() {
        return Err(Error::Empty { arg: "p_xy" });
    }
    if q_xy.is_empty() {
        return Err(Error::Empty { arg: "q_xy" });
    }
    if p_xy.dim() != q_xy.dim() {
        return Err(Error::ShapeMismatch {
            arg: "q_xy",
            expected: p_xy.shape().to_vec(),
            found: q_xy.shape().to_vec(),
        });
    }
    let (nx, ny) = p_xy.dim();
    let (p, q) = (contiguous(&p_xy), contiguous(&q_xy));
    check_probability_vector("p_xy", &p)?;
    check_probability_vector("q_xy", &q)?;

    let mut joint = Neumaier::default();
    let mut marginal = Neumaier::default();
    let mut conditional = Neumaier::default();
    for x in 0..nx {
        let (pr, qr) = (&p[x * ny..(x + 1) * ny], &q[x * ny..(x + 1) * ny]);
        let mut spx = Neumaier::default();
        let mut sqx = Neumaier::default();
        for y in 0..ny {
            joint.add(term(pr[y], qr[y]));
            spx.add(pr[y]);
            sqx.add(qr[y]);
        }
        let (px, qx) = (spx.total(), sqx.total());
        marginal.add(term(px, qx));
        if px == 0.0 {
            continue;
        }
        if qx == 0.0 {
            conditional.add(f64::INFINITY);
            continue;
        }
        // p(x) Σ_y p(y|x) ln(p(y|x)/q(y|x)) = Σ_y p(x,y) ln((p(x,y)/p(x)) / (q(x,y)/q(x))).
        for y in 0..ny {
            conditional.add(px * term(pr[y] / px, qr[y] / qx));
        }
    }
    let to = |s: Neumaier| base.from_nats(s.total());
    let (marginal, conditional) = (to(marginal), to(conditional));
    Ok(KlChainRule {
        joint: to(joint),
        marginal,
        conditional,
        total: marginal + conditional,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Absolute tolerance of the chain-rule identity on tables of a few cells.
    const CHAIN_TOL: f64 = 1e-15;

    #[test]
    fn exact_values_and_identity() {
        // p(x) = (1/2, 1/2), q(x) = (3/4, 1/4);
        // D(p(x)‖q(x)) = ½ ln(2/3) + ½ ln 2 = ½ ln(4/3).
        // q(y|x=0) = (1/3, 2/3), p(y|x=0) = (1/2, 1/2): D = ½ ln(3/2) + ½ ln(3/4) = ½ ln(9/8);
        // q(y|x=1) = (1/2, 1/2), p(y|x=1) = (1, 0): D = ln 2.
        let p = array![[0.25, 0.25], [0.5, 0.0]];
        let q = array![[0.25, 0.5], [0.125, 0.125]];
        let r = kl_chain_rule(p.view(), q.view(), Base::Nats).unwrap();
        let marginal = 0.5 * (4.0f64 / 3.0).ln();
        let conditional = 0.5 * (0.5 * (9.0f64 / 8.0).ln()) + 0.5 * 2f64.ln();
        assert!((r.marginal - marginal).abs() < CHAIN_TOL);
        assert!((r.conditional - conditional).abs() < CHAIN_TOL);
        assert!((r.joint - r.total).abs() < CHAIN_TOL);
        assert!((r.joint - (marginal + conditional)).abs() < CHAIN_TOL);
    }

    #[test]
    fn infinite_when_support_is_missing() {
        let p = array![[0.5, 0.0], [0.0, 0.5]];
        // same marginals, q(y|x=0) misses y = 0: only the conditional term is infinite
        let q = array![[0.0, 0.5], [0.0, 0.5]];
        let r = kl_chain_rule(p.view(), q.view(), Base::Nats).unwrap();
        assert_eq!(r.joint, f64::INFINITY);
        assert_eq!(r.marginal, 0.0);
        assert_eq!(r.conditional, f64::INFINITY);
        assert_eq!(r.total, f64::INFINITY);
        // q(x=0) = 0 < p(x=0): marginal infinite, and the row's conditional reported infinite
        let q = array![[0.0, 0.0], [0.5, 0.5]];
        let r = kl_chain_rule(p.view(), q.view(), Base::Nats).unwrap();
        assert_eq!(r.joint, f64::INFINITY);
        assert_eq!(r.marginal, f64::INFINITY);
        assert_eq!(r.conditional, f64::INFINITY);
        assert_eq!(r.total, f64::INFINITY);
        // equal tables: all zero
        let r = kl_chain_rule(p.view(), p.view(), Base::Nats).unwrap();
        assert_eq!((r.joint, r.marginal, r.conditional), (0.0, 0.0, 0.0));
    }

    #[test]
    fn errors() {
        let p = array![[0.5, 0.5]];
        let e = ndarray::Array2::<f64>::zeros((0, 2));
        assert!(matches!(
            kl_chain_rule(e.view(), p.view(), Base::Nats),
            Err(Error::Empty { arg: "p_xy" })
        ));
        assert!(matches!(
            kl_chain_rule(p.view(), e.view(), Base::Nats),
            Err(Error::Empty { arg: "q_xy" })
        ));
        let q = array![[0.5], [0.5]];
        assert!(matches!(
            kl_chain_rule(p.view(), q.view(), Base::Nats),
            Err(Error::ShapeMismatch { .. })
        ));
        let bad = array![[0.5, f64::NAN]];
        assert!(matches!(
            kl_chain_rule(bad.view(), p.view(), Base::Nats),
            Err(Error::NonFinite { arg: "p_xy", .. })
        ));
        let neg = array![[1.5, -0.5]];
        assert!(matches!(
            kl_chain_rule(p.view(), neg.view(), Base::Nats),
            Err(Error::NegativeProbability { arg: "q_xy", .. })
        ));
        let un = array![[0.5, 0.4]];
        assert!(matches!(
            kl_chain_rule(p.view(), un.view(), Base::Nats),
            Err(Error::NotNormalized { arg: "q_xy", .. })
        ));
    }
}
