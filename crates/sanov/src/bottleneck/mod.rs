//! The information bottleneck (Tishby, Pereira & Bialek 1999) and the deterministic
//! information bottleneck (Strouse & Schwab 2017) on a discrete joint `p(x, y)`.
//!
//! # Conventions
//! `joint[x][y] = P(X = x, Y = y)`, a probability matrix; an encoder `q(t|x)` is an
//! `|X| × |T|` row-stochastic matrix (`encoder[x][t]`), and `T − X − Y` is a Markov chain.
//! The Lagrangians, minimised, put β on the relevance term:
//!
//! $$ L_{\mathrm{IB}} = I(X;T) - \beta\, I(T;Y), \qquad L_{\mathrm{DIB}} = H(T) - \beta\, I(T;Y). $$
//!
//! Information-plane coordinates and Lagrangians are in nats unless a [`Base`](crate::Base) says
//! otherwise. Every point satisfies `I(T;Y) ≤ I(X;Y)` and `I(T;Y) ≤ I(X;T) ≤ H(T)` (data
//! processing). For `β ≤ 1` the optimum has `I(X;T) = 0` (`L ≥ (1 − β) I(X;T) ≥ 0`); as
//! `β → ∞` with `|T| ≥ |X|`, `I(T;Y) → I(X;Y)`. The optimal *value* is unique, the optimal
//! encoder need not be (relabelling `t`, ties).
//!
//! # References
//! Tishby, Pereira & Bialek (1999), *The information bottleneck method*; Strouse & Schwab
//! (2017), *The deterministic information bottleneck*, Neural Computation 29(6); Slonim &
//! Tishby (2000) (agglomerative and annealing IB); Rose (1998) (deterministic annealing).

mod curve;
mod deterministic;
mod evaluate;
mod iterative;

pub use curve::{ib_curve, IbCurve, IbCurvePoint};
pub use deterministic::{deterministic_bottleneck, deterministic_bottleneck_exact};
pub use evaluate::{evaluate_encoder, IbPoint};
pub use iterative::{information_bottleneck, IbOptions, IbReport, IbSolution};

use crate::error::{Error, Result};
pub(crate) use crate::rng::SplitMix64;
use crate::validate::check_probability_vector;
use ndarray::ArrayView2;

/// A validated joint `p(x, y)` with `p(x)` and `p(y|x)`.
pub(crate) struct Joint {
    pub nx: usize,
    pub ny: usize,
    /// `p(x, y)`, row-major.
    pub pxy: Vec<f64>,
    pub px: Vec<f64>,
    pub py: Vec<f64>,
}

impl Joint {
    pub fn new(joint: ArrayView2<'_, f64>) -> Result<Self> {
        let (nx, ny) = joint.dim();
        if nx == 0 || ny == 0 {
            return Err(Error::Empty { arg: "joint" });
        }
        let pxy: Vec<f64> = joint.iter().copied().collect();
        check_probability_vector("joint", &pxy)?;
        let px = (0..nx)
            .map(|x| pxy[x * ny..(x + 1) * ny].iter().sum())
            .collect();
        let py = (0..ny)
            .map(|y| (0..nx).map(|x| pxy[x * ny + y]).sum())
            .collect();
        Ok(Self {
            nx,
            ny,
            pxy,
            px,
            py,
        })
    }

    /// `I(X;Y)` in nats.
    pub fn mutual_information(&self) -> f64 {
        let mut s = crate::sum::Neumaier::default();
        for x in 0..self.nx {
            for y in 0..self.ny {
                let v = self.pxy[x * self.ny + y];
                if v > 0.0 {
                    s.add(v * (v / (self.px[x] * self.py[y])).ln());
                }
            }
        }
        s.total()
    }
}

/// Checks `beta ≥ 0` (finite) and `n_t ≥ 1`.
pub(crate) fn check_beta(beta: f64) -> Result<()> {
    if beta >= 0.0 && beta.is_finite() {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "beta",
            value: beta,
            expected: "a finite beta >= 0",
        })
    }
}

pub(crate) fn check_clusters(n_t: usize) -> Result<()> {
    if n_t == 0 {
        Err(Error::InvalidParameter {
            name: "n_clusters",
            value: 0.0,
            expected: "at least 1 cluster",
        })
    } else {
        Ok(())
    }
}
