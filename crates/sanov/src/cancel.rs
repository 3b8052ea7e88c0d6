//! Cooperative cancellation of long computations.
//!
//! A [`CancelToken`] is a shared flag. A host (the Python binding on Ctrl-C, a GUI's "stop"
//! button, a server's request timeout) keeps one clone and calls [`CancelToken::cancel`]; the
//! computation runs inside [`with_cancel`] with another clone and stops at its next check
//! with [`Error::Cancelled`].
//!
//! The long loops check the token every few milliseconds of work at most: every k-NN query of
//! the KSG, Kozachenko–Leonenko and Ross estimators (on every worker thread), every iteration
//! of the Blahut–Arimoto solvers ([`channel_capacity`](crate::channels::channel_capacity),
//! [`rate_distortion`](crate::channels::rate_distortion)) and every Newton / line-search pass
//! of [`maxent`](crate::maxent::maxent). The check is one relaxed atomic load.
//!
//! The token is passed by scope rather than as an argument, so that no public signature
//! changes: a function captures the token of the calling thread when it starts (see
//! [`with_cancel`]) and hands it to its worker threads itself. A function called outside any
//! [`with_cancel`] scope is never cancelled and pays nothing.
//!
//! # Examples
//! ```
//! use sanov::cancel::{with_cancel, CancelToken};
//! use sanov::channels::{channel_capacity, CapacityOptions};
//! use sanov::Error;
//! use ndarray::array;
//!
//! let token = CancelToken::new();
//! token.cancel(); // e.g. from another thread, while the solver runs
//! let w = array![[0.9, 0.1], [0.2, 0.8]];
//! let r = with_cancel(&token, || channel_capacity(w.view(), &CapacityOptions::default()));
//! assert!(matches!(r, Err(Error::Cancelled)));
//! ```

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};

/// A shared cancellation flag; clones share it.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Requests cancellation: every computation running under this token (or a clone) stops
    /// at its next check with [`Error::Cancelled`]. Idempotent; cannot be undone.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<CancelToken>> = const { RefCell::new(None) };
}

/// Runs `f` on the current thread with `token` as its cancellation token, then restores the
/// previous one (scopes nest; a panic in `f` restores it too). Functions of sanov called
/// inside `f` return [`Error::Cancelled`] at their next check once the token is cancelled.
pub fn with_cancel<R>(token: &CancelToken, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<CancelToken>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = prev);
        }
    }
    let prev = CURRENT.with(|c| c.borrow_mut().replace(token.clone()));
    let _restore = Restore(prev);
    f()
}

/// The token of the calling thread's innermost [`with_cancel`] scope, captured once by a long
/// computation and shared (by reference) with its worker threads.
#[derive(Debug, Clone, Default)]
pub(crate) struct Checker(Option<CancelToken>);

impl Checker {
    /// Captures the current thread's token (none outside a [`with_cancel`] scope).
    pub(crate) fn current() -> Self {
        Self(CURRENT.with(|c| c.borrow().clone()))
    }

    /// [`Error::Cancelled`] once the token is cancelled.
    #[inline]
    pub(crate) fn check(&self) -> Result<()> {
        match &self.0 {
            Some(t) if t.is_cancelled() => Err(Error::Cancelled),
            _ => Ok(()),
        }
    }

    /// Whether the token is cancelled (for loops that cannot return a `Result` directly).
    #[inline]
    pub(crate) fn is_cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(CancelToken::is_cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_nest_and_restore() {
        assert!(Checker::current().check().is_ok());
        let outer = CancelToken::new();
        let inner = CancelToken::new();
        inner.cancel();
        with_cancel(&outer, || {
            assert!(Checker::current().check().is_ok());
            with_cancel(&inner, || {
                assert_eq!(Checker::current().check(), Err(Error::Cancelled));
            });
            assert!(Checker::current().check().is_ok());
            outer.cancel();
            assert!(Checker::current().is_cancelled());
        });
        assert!(Checker::current().check().is_ok());
    }
}
