//! Ctrl-C for long calls: the computation runs without the GIL on a scoped worker thread
//! under a [`CancelToken`]; this (the calling, usually main) thread waits for it in slices of
//! [`POLL`], and between slices takes the GIL and runs `check_signals`. When that reports an
//! exception (a `KeyboardInterrupt` from SIGINT, or whatever a Python signal handler raised),
//! the token is cancelled, the worker stops at its next check (every k-NN query or solver
//! iteration, a few milliseconds at most) and the exception is raised.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use pyo3::prelude::*;
use sanov::cancel::{with_cancel, CancelToken};

/// How often pending signals are checked while a call runs.
const POLL: Duration = Duration::from_millis(50);

/// Inputs with fewer elements run directly (no thread, no polling): they finish in far less
/// than [`POLL`].
const INTERRUPTIBLE_MIN: usize = 1 << 12;

/// Runs `f` (an `n`-element computation) without the GIL, interruptible by Ctrl-C: returns
/// `Err(KeyboardInterrupt)` (or the exception a signal handler raised) within about
/// [`POLL`] plus one check interval of the computation after the signal.
pub(crate) fn interruptible<T: Send, F: FnOnce() -> T + Send>(
    py: Python<'_>,
    n: usize,
    f: F,
) -> PyResult<T> {
    if n < INTERRUPTIBLE_MIN {
        return Ok(f());
    }
    let token = CancelToken::new();
    let done = Arc::new((Mutex::new(false), Condvar::new()));
    std::thread::scope(|scope| {
        let worker_token = token.clone();
        let worker_done = Arc::clone(&done);
        let handle = scope.spawn(move || {
            let out = with_cancel(&worker_token, f);
            let (lock, cv) = &*worker_done;
            *lock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = true;
            cv.notify_all();
            out
        });
        let wait = |timeout: Option<Duration>| {
            let (lock, cv) = &*done;
            let mut finished = lock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match timeout {
                Some(t) => {
                    if !*finished {
                        finished = cv
                            .wait_timeout(finished, t)
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .0;
                    }
                }
                None => {
                    while !*finished {
                        finished = cv
                            .wait(finished)
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                    }
                }
            }
            *finished
        };
        let interrupted = loop {
            if py.detach(|| wait(Some(POLL))) {
                break None;
            }
            if let Err(e) = py.check_signals() {
                token.cancel();
                py.detach(|| wait(None));
                break Some(e);
            }
        };
        let out = match handle.join() {
            Ok(out) => out,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        match interrupted {
            Some(e) => Err(e),
            None => Ok(out),
        }
    })
}
