//! One-pass reductions with fused validation, dispatched to the fastest implementation the CPU
//! supports, and split across tasks by [`Par`].

use super::scalar;
use super::sum::Neumaier;
use crate::par::Par;
use crate::real::Real;
use rayon::prelude::*;

/// The result of one pass over `p` (and `q`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    /// Σ p (compensated).
    pub sum_p: f64,
    /// Σ q (compensated); NaN for single-input passes.
    pub sum_q: f64,
    /// The accumulated quantity (in nats).
    pub acc: f64,
    /// Some element was NaN, ±inf or negative: locate it with a scalar rescan.
    pub bad: bool,
    /// Some term was +inf (p > 0 where q = 0).
    pub inf: bool,
}

impl Pass {
    fn merge(parts: &[Pass]) -> Pass {
        let (mut sp, mut sq, mut acc) = (
            Neumaier::default(),
            Neumaier::default(),
            Neumaier::default(),
        );
        let (mut bad, mut inf) = (false, false);
        for x in parts {
            sp.add(x.sum_p);
            sq.add(x.sum_q);
            acc.add(x.acc);
            bad |= x.bad;
            inf |= x.inf;
        }
        Pass {
            sum_p: sp.total(),
            sum_q: sq.total(),
            acc: acc.total(),
            bad,
            inf,
        }
    }
}

/// Below this many elements per task, splitting costs more than it saves.
const MIN_CHUNK: usize = 1 << 15;

fn chunk_len(n: usize, par: Par) -> Option<usize> {
    let tasks = par.degree().min(n / MIN_CHUNK);
    (tasks > 1).then(|| n.div_ceil(tasks).next_multiple_of(64))
}

pub(crate) fn entropy<T: Real>(p: &[T], par: Par) -> Pass {
    match chunk_len(p.len(), par) {
        None => scalar::entropy_pass(p),
        Some(c) => {
            let parts: Vec<Pass> = p.par_chunks(c).map(scalar::entropy_pass).collect();
            Pass::merge(&parts)
        }
    }
}

pub(crate) fn cross_entropy<T: Real>(p: &[T], q: &[T], par: Par) -> Pass {
    match chunk_len(p.len(), par) {
        None => scalar::cross_entropy_pass(p, q),
        Some(c) => {
            let parts: Vec<Pass> = p
                .par_chunks(c)
                .zip(q.par_chunks(c))
                .map(|(p, q)| scalar::cross_entropy_pass(p, q))
                .collect();
            Pass::merge(&parts)
        }
    }
}

pub(crate) fn kl<T: Real>(p: &[T], q: &[T], par: Par) -> Pass {
    match chunk_len(p.len(), par) {
        None => scalar::kl_pass(p, q),
        Some(c) => {
            let parts: Vec<Pass> = p
                .par_chunks(c)
                .zip(q.par_chunks(c))
                .map(|(p, q)| scalar::kl_pass(p, q))
                .collect();
            Pass::merge(&parts)
        }
    }
}
