//! Parallelism as a value, in the manner of faer's `Par`, and the thread pools behind it.

use core::num::NonZeroUsize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// How much parallelism a kernel may use.
///
/// `Par::Rayon(n)` runs on at most `n` threads: the work (split into a few pieces per thread,
/// so that a thread held up by other load is relieved by the others) runs inside a rayon pool
/// of `n` threads, cached per thread count and shared by every sanov call ([`Par::install`]).
/// When `n` is at least the size of rayon's global pool, the global pool is used directly.
/// A call made from inside a rayon pool of at most `n` threads (a sanov call nested in
/// another parallel computation) runs in that pool, so nested use neither oversubscribes nor
/// deadlocks. The result does not depend on `n` beyond the last bits of a sum (the summation
/// order changes).
///
/// `Par::rayon(0)` means the default thread count ([`default_threads`]): every thread of
/// rayon's global pool, capped by the environment variable `SANOV_NUM_THREADS` (then
/// `RAYON_NUM_THREADS`), in the way `OMP_NUM_THREADS` caps NumPy's BLAS.
///
/// # Examples
/// ```
/// use sanov::Par;
/// assert_eq!(Par::Seq.degree(), 1);
/// assert_eq!(Par::rayon(4).degree(), 4);
/// assert!(Par::rayon(0).degree() >= 1); // 0 = the default thread count
/// // Work run by `install` sees a pool of at most 2 threads.
/// assert!(Par::rayon(2).install(rayon::current_num_threads) <= 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Par {
    /// Run on the calling thread.
    #[default]
    Seq,
    /// Run on at most this many threads.
    Rayon(NonZeroUsize),
}

impl Par {
    /// `Par::Rayon(n)`; `n = 0` means the default thread count ([`default_threads`]).
    pub fn rayon(n: usize) -> Self {
        let n = if n == 0 { default_threads() } else { n };
        NonZeroUsize::new(n).map_or(Self::Seq, Self::Rayon)
    }

    /// The number of threads the work may use (1 for [`Par::Seq`]).
    pub fn degree(self) -> usize {
        match self {
            Self::Seq => 1,
            Self::Rayon(n) => n.get(),
        }
    }

    /// Runs `f` where rayon's parallel iterators use at most [`Par::degree`] threads.
    ///
    /// - [`Par::Seq`] and `Par::Rayon(1)`: `f` runs on the calling thread (it may still call
    ///   parallel iterators; sanov's kernels do not under `Par::Seq`).
    /// - Called from inside a rayon pool of at most `n` threads: `f` runs inline, in that
    ///   pool (no nested pool, no oversubscription, no deadlock).
    /// - Called from outside any pool with `n` at least the global pool's size: `f` runs
    ///   inline and its parallel iterators use the global pool.
    /// - Otherwise `f` runs inside a pool of exactly `n` threads, built on first use and kept
    ///   for the life of the process; the calling thread blocks until it is done (a rayon
    ///   worker of another pool keeps serving its own pool meanwhile).
    ///
    /// # Examples
    /// ```
    /// use sanov::Par;
    /// use rayon::prelude::*;
    /// let s: u64 = Par::rayon(1).install(|| (0..1000u64).into_par_iter().sum());
    /// assert_eq!(s, 499_500);
    /// ```
    pub fn install<R: Send>(self, f: impl FnOnce() -> R + Send) -> R {
        let n = match self {
            Self::Seq => return f(),
            Self::Rayon(n) => n.get(),
        };
        // Inside a pool, `current_num_threads` is that pool's size; outside, the global pool's.
        if rayon::current_num_threads() <= n {
            return f();
        }
        match pool(n) {
            Some(p) => p.install(f),
            None => f(),
        }
    }
}

/// The default number of threads of [`Par::rayon(0)`](Par::rayon) (Python `workers=None`):
/// the environment variable `SANOV_NUM_THREADS` if set to a positive integer, else
/// `RAYON_NUM_THREADS` if so set (rayon's global pool already has that size), else every
/// thread of the current rayon pool (the global pool outside any pool). The environment is
/// read once per process.
///
/// # Examples
/// ```
/// assert!(sanov::default_threads() >= 1);
/// ```
///
/// Rust-only: Python reads the same rule through `workers=None` (documented with `workers=`).
pub fn default_threads() -> usize {
    static FROM_ENV: OnceLock<Option<usize>> = OnceLock::new();
    FROM_ENV
        .get_or_init(|| {
            ["SANOV_NUM_THREADS", "RAYON_NUM_THREADS"]
                .iter()
                .find_map(|v| {
                    std::env::var(v)
                        .ok()
                        .and_then(|s| s.trim().parse::<usize>().ok())
                        .filter(|&n| n > 0)
                })
        })
        .unwrap_or_else(rayon::current_num_threads)
}

/// The pool of `n` threads, built on first use and kept; `None` if the threads cannot be
/// spawned (the work then runs where it was called).
fn pool(n: usize) -> Option<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(p) = pools.get(&n) {
        return Some(Arc::clone(p));
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(move |i| format!("sanov-{n}-{i}"))
            .build()
            .ok()?,
    );
    pools.insert(n, Arc::clone(&p));
    Some(p)
}
