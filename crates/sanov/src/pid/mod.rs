//! Partial information decomposition (PID) for two sources and one target: Williams–Beer
//! `I_min`, BROJA (certified convex solver) and Ince's `I_ccs`.
//!
//! # Conventions
//! The joint is a 3-d array `joint[x1][x2][y] = P(X1 = x1, X2 = x2, Y = y)`: axes 0 and 1 are
//! the sources, axis 2 the target; it must be a probability array (finite, non-negative,
//! summing to 1 within 1e-9). Each measure returns the four atoms of the two-source lattice,
//!
//! $$ I(X_1;Y) = R + U_1, \qquad I(X_2;Y) = R + U_2, \qquad I(X_1,X_2;Y) = R + U_1 + U_2 + S, $$
//!
//! in nats unless a [`Base`] says otherwise, as dit's `PID_WB`, `PID_BROJA` and `PID_CCS`
//! (whose `pid[((0,), (1,))]`, `pid[((0,),)]`, `pid[((1,),)]`, `pid[((0, 1),)]` are
//! [`Pid::redundancy`], [`Pid::unique_1`], [`Pid::unique_2`], [`Pid::synergy`], in bits).
//! Atoms are returned as computed: `I_ccs` atoms may be negative (a property of the measure),
//! BROJA's and `I_min`'s are non-negative up to rounding.
//!
//! # References
//! Williams & Beer (2010), arXiv:1004.2515. Bertschinger, Rauh, Olbrich, Jost & Ay (2014),
//! *Quantifying unique information*, Entropy 16. Ince (2017), *Measuring multivariate
//! redundant information with pointwise common change in surprisal*, Entropy 19. James,
//! Ellison & Crutchfield (2018), *dit*, JOSS.

mod broja;
mod ccs;
mod williams_beer;

pub use broja::{pid_broja, BrojaPid};
pub use ccs::pid_ccs;
pub use williams_beer::pid_williams_beer;

use crate::error::{Error, Result};
use crate::units::Base;
use crate::validate::check_probability_vector;
use ndarray::ArrayView3;

/// The four atoms of a two-source PID and the three mutual-information values they add up to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pid {
    /// Redundant information `R` (shared by both sources).
    pub redundancy: f64,
    /// Information unique to source 1, `U_1 = I(X1;Y) − R`.
    pub unique_1: f64,
    /// Information unique to source 2, `U_2 = I(X2;Y) − R`.
    pub unique_2: f64,
    /// Synergistic information, `S = I(X1,X2;Y) − R − U_1 − U_2`.
    pub synergy: f64,
    /// `I(X1;Y)`.
    pub mi_1: f64,
    /// `I(X2;Y)`.
    pub mi_2: f64,
    /// `I(X1,X2;Y)`.
    pub mi_12: f64,
}

impl Pid {
    /// The atoms from the redundancy and the mutual-information values (all nats), in `base`.
    pub(crate) fn from_redundancy(r: f64, mi: [f64; 3], base: Base) -> Self {
        Self::from_unique(r, mi[0] - r, mi, base)
    }

    /// The atoms from the redundancy and `U_1` (nats), in `base`.
    pub(crate) fn from_unique(r: f64, u1: f64, mi: [f64; 3], base: Base) -> Self {
        let [i1, i2, i12] = mi;
        let u2 = i2 - r;
        let s = i12 - r - u1 - u2;
        let b = |x: f64| base.from_nats(x);
        Self {
            redundancy: b(r),
            unique_1: b(u1),
            unique_2: b(u2),
            synergy: b(s),
            mi_1: b(i1),
            mi_2: b(i2),
            mi_12: b(i12),
        }
    }
}

/// A validated joint with its marginals (all `f64`, row-major `[x1][x2][y]`).
pub(crate) struct Joint {
    pub p: Vec<f64>,
    pub n1: usize,
    pub n2: usize,
    pub ny: usize,
    /// `P(x1, y)`, `[n1][ny]`.
    pub p1y: Vec<f64>,
    /// `P(x2, y)`, `[n2][ny]`.
    pub p2y: Vec<f64>,
    /// `P(x1, x2)`, `[n1][n2]`.
    pub p12: Vec<f64>,
    pub p1: Vec<f64>,
    pub p2: Vec<f64>,
    pub py: Vec<f64>,
}

impl Joint {
    /// Validates `joint` and forms its marginals.
    pub fn new(joint: ArrayView3<'_, f64>) -> Result<Self> {
        let (n1, n2, ny) = joint.dim();
        if n1 == 0 || n2 == 0 || ny == 0 {
            return Err(Error::Empty { arg: "joint" });
        }
        let p: Vec<f64> = joint.iter().copied().collect();
        check_probability_vector("joint", &p)?;
        Ok(Self::from_flat(p, n1, n2, ny))
    }

    /// Marginals of a flat `[n1][n2][ny]` array (not validated).
    pub fn from_flat(p: Vec<f64>, n1: usize, n2: usize, ny: usize) -> Self {
        let (mut p1y, mut p2y, mut p12) =
            (vec![0.0; n1 * ny], vec![0.0; n2 * ny], vec![0.0; n1 * n2]);
        for a in 0..n1 {
            for b in 0..n2 {
                for y in 0..ny {
                    let v = p[(a * n2 + b) * ny + y];
                    p1y[a * ny + y] += v;
                    p2y[b * ny + y] += v;
                    p12[a * n2 + b] += v;
                }
            }
        }
        let p1 = (0..n1)
            .map(|a| p1y[a * ny..(a + 1) * ny].iter().sum())
            .collect();
        let p2 = (0..n2)
            .map(|b| p2y[b * ny..(b + 1) * ny].iter().sum())
            .collect();
        let py = (0..ny)
            .map(|y| (0..n1).map(|a| p1y[a * ny + y]).sum())
            .collect();
        Self {
            p,
            n1,
            n2,
            ny,
            p1y,
            p2y,
            p12,
            p1,
            p2,
            py,
        }
    }

    /// `[I(X1;Y), I(X2;Y), I(X1,X2;Y)]` in nats (terms with zero probability are 0).
    pub fn mutual_information_terms(&self) -> [f64; 3] {
        let ny = self.ny;
        let mi = |pxy: &[f64], px: &[f64]| {
            let mut s = crate::sum::Neumaier::default();
            for (x, &pxv) in px.iter().enumerate() {
                for y in 0..ny {
                    let v = pxy[x * ny + y];
                    if v > 0.0 {
                        s.add(v * (v / (pxv * self.py[y])).ln());
                    }
                }
            }
            s.total()
        };
        [
            mi(&self.p1y, &self.p1),
            mi(&self.p2y, &self.p2),
            mi(&self.p, &self.p12),
        ]
    }
}
