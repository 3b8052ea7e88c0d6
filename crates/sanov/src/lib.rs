//! # sanov — information theory for machine learning
//!
//! Entropies, divergences and losses on discrete distributions, correct to the last few ulps and
//! fast: SIMD kernels, compensated sums, explicit parallelism.
//!
//! ```
//! use sanov::{measures::entropy, divergences::kl_divergence, Base};
//! let p = [0.4, 0.4, 0.2];
//! let q = [0.33, 0.33, 0.34];
//! let h = entropy(&p, Base::Bits)?;          // 1.5219 bits
//! let d = kl_divergence(&p, &q, Base::Nats)?; // 0.0477719 nats
//! assert!((h - 1.5219280948873621).abs() < 1e-15);
//! assert!((d - 0.0477719).abs() < 1e-7);
//! # Ok::<(), sanov::Error>(())
//! ```
//!
//! ## Conventions (see `docs/definitions.md`)
//! - Results in nats unless a [`Base`] says otherwise; unitless quantities take no base.
//! - `0 · log 0 = 0`, `0 · log(0/q) = 0`; `p_i > 0 = q_i` makes KL, cross-entropy and χ² `+∞`.
//! - Probability vectors are validated: finite, non-negative, `|Σp − 1| ≤ 1e-9` (f64). Counts are
//!   normalised only on request ([`validate::normalize`]).
//! - Every failure is a typed [`Error`]; no function panics on user data.
//!
//! ## Modules
//! - [`measures`]: entropy, binary entropy, surprisal, cross-entropy, Rényi, Tsallis.
//! - [`divergences`]: KL, Jensen–Shannon, Hellinger, total variation, χ².
//! - [`losses`]: cross-entropy loss, label smoothing, binary cross-entropy, perplexity.
//! - [`families`]: parametric families (normal, gamma, von Mises, Poisson, ...) with closed-form
//!   entropy and KL.
//! - [`geometry`]: information geometry — Fisher information, Fisher–Rao distances (closed
//!   form or by a numeric geodesic solver), geodesics, natural gradient, Fisher–Rao regulariser.
//! - [`channels`]: channel capacity (Blahut–Arimoto with a certified gap), named channels,
//!   binary rate–distortion, AWGN capacity.
//! - [`multivariate`]: joint distributions and their measures (conditional entropy, MI, CMI,
//!   total correlation, co-information, O-information, chain rules, DPI), Gaussian MI.
//! - [`estimators`]: entropy estimators from integer-label samples (plug-in, Miller–Madow,
//!   Grassberger, Chao–Shen, NSB) on mergeable [`estimators::LabelCounts`]; NMI, AMI.
//! - [`neighbors`]: a k-d tree in a runtime dimension (max-norm and Euclidean k-th neighbour
//!   distances, strict radius counts), the engine of the k-NN estimators.
//! - [`method_of_types`]: the method of types — log multinomial coefficients and type-class
//!   probabilities, Sanov's bounds, Stirling approximations, Figure 1 of the primer.
//! - [`coding`]: Huffman and Shannon codes, Kraft sums, ideal code lengths, arithmetic coding.
//! - [`kernels`]: the SIMD kernels with explicit [`Par`].
//! - [`batch`]: row-wise batched `*_into` forms over 2-D arrays.
//! - [`special`]: `xlogy`, `logsumexp`, `ln_gamma`, `digamma`, `trigamma`, `ln_beta`, Bessel
//!   `ln I0` and `I1/I0`. [`validate`]: validation and normalisation.
//! - [`maxent`]: maximum entropy and I-projection under expectation constraints (damped Newton
//!   on the dual), power moments, the biased die, the Gibbs distribution.
//! - [`sum`]: compensated (Neumaier) summation, the ground floor of every reduction.
//! - [`bounds`]: variational MI bounds from a critic's scores (InfoNCE, NWJ, DV, JS), value
//!   and gradient.
//! - [`pid`]: partial information decomposition of two sources (Williams–Beer, BROJA with a
//!   certified gap, I_ccs).
//! - [`bottleneck`]: the information bottleneck (evaluation, iterative IB with restarts,
//!   deterministic IB with an exact solver, the IB curve by annealing).
//! - [`iterate`]: stopping rules and diagnostics shared by the iterative solvers.
//! - [`guide`]: conventions, a SciPy/PyTorch equivalence table, references.
#![deny(missing_docs)]
#![warn(rustdoc::broken_intra_doc_links)]

pub mod alloc;
pub mod batch;
pub mod bottleneck;
pub mod bounds;
pub mod cancel;
pub mod channels;
pub mod coding;
pub mod divergences;
pub mod error;
pub mod estimators;
pub mod families;
pub mod geometry;
pub mod guide;
pub mod iterate;
pub mod kernels;
mod linalg;
pub mod losses;
pub mod maxent;
pub mod measures;
pub mod method_of_types;
pub mod multivariate;
pub mod neighbors;
mod par;
pub mod pid;
mod real;
mod rng;
pub mod rows;
pub mod significance;
pub mod special;
pub mod sum;
pub mod summaries;
pub mod timeseries;
/// The method of types, now at [`crate::method_of_types`] (`types` read as "type definitions").
#[deprecated(
    since = "0.2.0",
    note = "renamed to `sanov::method_of_types`; this path goes in 0.3"
)]
pub mod types {
    pub use crate::method_of_types::*;
}
pub mod units;
pub mod validate;

pub use error::{Error, Result};
pub use par::{default_threads, Par};
pub use real::Real;
pub use units::Base;
