//! `workers=` and the GIL: rayon's pool, the fork guard, and running large inputs with the
//! GIL released.

use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::prelude::*;
use sanov::Par;

/// Inputs with at least this many elements are processed with the GIL released; below it the
/// release/reacquire round trip would cost more than the computation.
const DETACH_MIN: usize = 1 << 12;

/// Runs `f` with the GIL released when the input (`n` elements) is large enough for that to
/// pay, so that other Python threads run meanwhile.
pub(crate) fn detach<T: Send, F: FnOnce() -> T + Send>(py: Python<'_>, n: usize, f: F) -> T {
    if n >= DETACH_MIN {
        py.detach(f)
    } else {
        f()
    }
}

/// Whether rayon's pool was used in this process (for the fork guard).
static POOL_USED: AtomicBool = AtomicBool::new(false);
/// Whether this process is a fork of one that used the pool: rayon's threads did not survive
/// the fork, so every call runs sequentially.
static FORKED_AFTER_POOL: AtomicBool = AtomicBool::new(false);

/// Parses `workers=`: `None` or `0` → every thread of the pool (the kernels themselves keep
/// small inputs on the calling thread), `1` → sequential, `n` → at most `n` tasks.
pub(crate) fn par(workers: Option<usize>) -> Par {
    match workers {
        Some(1) => Par::Seq,
        _ if FORKED_AFTER_POOL.load(Ordering::Relaxed) => Par::Seq,
        n => {
            POOL_USED.store(true, Ordering::Relaxed);
            Par::rayon(n.unwrap_or(0))
        }
    }
}

/// Fork guard (as in tokenizers): registered with `os.register_at_fork(after_in_child=...)`.
#[pyfunction]
fn _after_fork_in_child() {
    if POOL_USED.load(Ordering::Relaxed) {
        FORKED_AFTER_POOL.store(true, Ordering::Relaxed);
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_after_fork_in_child, m)?)?;
    Ok(())
}
