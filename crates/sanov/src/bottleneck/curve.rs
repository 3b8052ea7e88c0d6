//! The IB curve by annealing in β.

use super::evaluate::{point, IbPoint};
use super::iterative::{iterate_ib, random_encoder};
use super::IbOptions;
use super::{check_beta, check_clusters, Joint, SplitMix64};
use crate::error::{Error, Result};
use crate::units::Base;
use ndarray::ArrayView2;

/// Clusters whose `q(y|t)` differ by less than this (max-norm) are one effective cluster;
/// clusters with `q(t)` below [`MASS_FLOOR`] are not counted.
const MERGE_TOLERANCE: f64 = 1e-6;
const MASS_FLOOR: f64 = 1e-9;
/// The relative perturbation applied to the warm-started encoder at each β, so that
/// clusters can split at a critical β (deterministic annealing, Rose 1998).
const PERTURBATION: f64 = 1e-3;

/// One point of the IB curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IbCurvePoint {
    /// The trade-off parameter.
    pub beta: f64,
    /// The information-plane point of the annealed encoder.
    pub point: IbPoint,
    /// The number of effective clusters (distinct `q(y|t)` with non-negligible `q(t)`).
    pub clusters: usize,
}

/// The IB curve traced by annealing.
#[derive(Debug, Clone, PartialEq)]
pub struct IbCurve {
    /// One point per β, in the order given.
    pub points: Vec<IbCurvePoint>,
    /// The β values at which the number of effective clusters changed from the previous
    /// point (the phase transitions of the curve, located to the grid's resolution).
    pub critical_betas: Vec<f64>,
    /// `I(X;Y)`, the curve's ceiling.
    pub i_xy: f64,
}

fn effective_clusters(j: &Joint, q: &[f64], nt: usize) -> usize {
    let ny = j.ny;
    let mut reps: Vec<Vec<f64>> = vec![];
    for t in 0..nt {
        let qt: f64 = (0..j.nx).map(|x| j.px[x] * q[x * nt + t]).sum();
        if qt < MASS_FLOOR {
            continue;
        }
        let cond: Vec<f64> = (0..ny)
            .map(|y| {
                (0..j.nx)
                    .map(|x| j.pxy[x * ny + y] * q[x * nt + t])
                    .sum::<f64>()
                    / qt
            })
            .collect();
        if !reps.iter().any(|r| {
            r.iter()
                .zip(&cond)
                .all(|(a, b)| (a - b).abs() < MERGE_TOLERANCE)
        }) {
            reps.push(cond);
        }
    }
    reps.len()
}

/// Traces the IB curve (`I(T;Y)` against `I(X;T)`) by deterministic annealing: for each β of
/// the increasing grid `betas`, the IB equations are iterated from the previous β's encoder,
/// slightly perturbed (relative 1e-3, seeded by `options.seed`) so that clusters can split; the
/// first β starts from a random encoder. Each point reports its number of effective clusters
/// (distinct `q(y|t)`, 1e-6 max-norm, with `q(t) ≥ 1e-9`); `critical_betas` lists the grid β at
/// which that number changes — the transitions of the curve, to the grid's resolution.
/// `options.restarts` is not used (annealing is one path); `options.rule` stops each β.
///
/// # Errors
/// As [`super::information_bottleneck`]; [`Error::Empty`] for an empty grid;
/// [`Error::InvalidParameter`] (`betas`) for a grid that is not increasing.
///
/// # Examples
/// ```
/// use ndarray::array;
/// use sanov::{bottleneck::{ib_curve, IbOptions}, Base};
/// let p = array![[0.3, 0.05], [0.05, 0.3], [0.15, 0.15]];
/// let betas: Vec<f64> = (0..40).map(|k| 0.5 * 1.15f64.powi(k)).collect();
/// let c = ib_curve(p.view(), 3, &betas, Base::Bits, &IbOptions::default())?;
/// assert_eq!(c.points[0].clusters, 1); // β < 1: everything in one cluster
/// assert!(!c.critical_betas.is_empty());
/// # Ok::<(), sanov::Error>(())
/// ```
pub fn ib_curve(
    joint: ArrayView2<'_, f64>,
    n_clusters: usize,
    betas: &[f64],
    base: Base,
    options: &IbOptions,
) -> Result<IbCurve> {
    check_clusters(n_clusters)?;
    options.validate()?;
    if betas.is_empty() {
        return Err(Error::Empty { arg: "betas" });
    }
    for (k, &b) in betas.iter().enumerate() {
        check_beta(b)?;
        if k > 0 && b <= betas[k - 1] {
            return Err(Error::InvalidParameter {
                name: "betas",
                value: b,
                expected: "a strictly increasing grid",
            });
        }
    }
    let j = Joint::new(joint)?;
    let nt = n_clusters;
    let mut rng = SplitMix64(options.seed);
    let mut q = random_encoder(&mut rng, j.nx, nt);
    let mut points = Vec::with_capacity(betas.len());
    let mut critical = vec![];
    for &beta in betas {
        for v in &mut q {
            *v *= 1.0 + PERTURBATION * (rng.next_f64() - 0.5);
        }
        for x in 0..j.nx {
            let s: f64 = q[x * nt..(x + 1) * nt].iter().sum();
            for v in &mut q[x * nt..(x + 1) * nt] {
                *v /= s;
            }
        }
        iterate_ib(&j, &mut q, nt, beta, &options.rule);
        let clusters = effective_clusters(&j, &q, nt);
        if points
            .last()
            .is_some_and(|p: &IbCurvePoint| p.clusters != clusters)
        {
            critical.push(beta);
        }
        points.push(IbCurvePoint {
            beta,
            point: point(&j, &q, nt, beta).in_base(base),
            clusters,
        });
    }
    Ok(IbCurve {
        points,
        critical_betas: critical,
        i_xy: base.from_nats(j.mutual_information()),
    })
}
