//! Parallelism as a value, in the manner of faer's `Par`.

use core::num::NonZeroUsize;

/// How much parallelism a kernel may use.
///
/// `Par::Rayon(n)` splits the work into at most `n` tasks on rayon's global thread pool; the
/// result does not depend on `n` beyond the last bits of a sum (the summation order changes).
///
/// # Examples
/// ```
/// use sanov::Par;
/// assert_eq!(Par::Seq.degree(), 1);
/// assert_eq!(Par::rayon(4).degree(), 4);
/// assert!(Par::rayon(0).degree() >= 1); // 0 = every thread of the pool
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Par {
    /// Run on the calling thread.
    #[default]
    Seq,
    /// Split into at most this many tasks on rayon's global pool.
    Rayon(NonZeroUsize),
}

impl Par {
    /// `Par::Rayon(n)`; `n = 0` means as many tasks as rayon's global pool has threads.
    pub fn rayon(n: usize) -> Self {
        let n = if n == 0 {
            rayon::current_num_threads()
        } else {
            n
        };
        NonZeroUsize::new(n).map_or(Self::Seq, Self::Rayon)
    }

    /// The number of tasks the work is split into (1 for [`Par::Seq`]).
    pub fn degree(self) -> usize {
        match self {
            Self::Seq => 1,
            Self::Rayon(n) => n.get(),
        }
    }
}
