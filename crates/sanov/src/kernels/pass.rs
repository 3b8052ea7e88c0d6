//! One-pass reductions with fused validation, dispatched to the fastest implementation the CPU
//! supports, and split across tasks by [`Par`].

use super::dispatch::Level;
use super::scalar::Pass;
use super::simd;
use crate::par::Par;
use crate::real::Real;
use rayon::prelude::*;

/// Below this many elements per task, splitting costs more than it saves (a task of this
/// size takes some 10 µs with the vectorised passes).
const MIN_CHUNK: usize = 1 << 15;

/// Tasks per thread: a few, so that when one thread is held up (a shared machine), the others
/// take over its remaining pieces instead of waiting for it.
const PIECES_PER_THREAD: usize = 4;

/// The length of each task's chunk, or `None` to run on the calling thread.
fn chunk_len(n: usize, par: Par) -> Option<usize> {
    let threads = par.degree().min(n / MIN_CHUNK);
    let tasks = (threads * PIECES_PER_THREAD).min(n / MIN_CHUNK);
    (threads > 1).then(|| n.div_ceil(tasks).next_multiple_of(simd::BLOCK))
}

/// Σ p ln p over p > 0 and Σ p, with the best vectorised pass for this CPU.
pub(crate) fn entropy<T: Real>(p: &[T], par: Par) -> Pass {
    entropy_at(Level::best(), p, par)
}

/// Σ p ln q over p > 0, Σ p and Σ q, with the best vectorised pass for this CPU.
pub(crate) fn cross_entropy<T: Real>(p: &[T], q: &[T], par: Par) -> Pass {
    cross_entropy_at(Level::best(), p, q, par)
}

/// Σ p ln(p/q) over p > 0, Σ p and Σ q, with the best vectorised pass for this CPU.
pub(crate) fn kl<T: Real>(p: &[T], q: &[T], par: Par) -> Pass {
    kl_at(Level::best(), p, q, par)
}

/// [`entropy`] at a given instruction-set level (the portable one if unsupported).
pub(crate) fn entropy_at<T: Real>(level: Level, p: &[T], par: Par) -> Pass {
    match chunk_len(p.len(), par) {
        None => simd::entropy_pass_at(level, p),
        Some(c) => {
            let parts: Vec<Pass> = par.install(|| {
                p.par_chunks(c)
                    .map(|p| simd::entropy_pass_at(level, p))
                    .collect()
            });
            Pass::merge(&parts)
        }
    }
}

/// Splits a two-input pass across tasks.
fn pair<T: Real>(p: &[T], q: &[T], par: Par, f: impl Fn(&[T], &[T]) -> Pass + Sync) -> Pass {
    match chunk_len(p.len(), par) {
        None => f(p, q),
        Some(c) => {
            let parts: Vec<Pass> = par.install(|| {
                p.par_chunks(c)
                    .zip(q.par_chunks(c))
                    .map(|(p, q)| f(p, q))
                    .collect()
            });
            Pass::merge(&parts)
        }
    }
}

/// [`cross_entropy`] at a given instruction-set level (the portable one if unsupported).
pub(crate) fn cross_entropy_at<T: Real>(level: Level, p: &[T], q: &[T], par: Par) -> Pass {
    pair(p, q, par, |p, q| simd::cross_entropy_pass_at(level, p, q))
}

/// [`kl`] at a given instruction-set level (the portable one if unsupported).
pub(crate) fn kl_at<T: Real>(level: Level, p: &[T], q: &[T], par: Par) -> Pass {
    pair(p, q, par, |p, q| simd::kl_pass_at(level, p, q))
}
