//! Portable scalar passes: the reference semantics of every pass in [`super::pass`].
//!
//! Each pass reads its inputs once, accumulating the sums needed for validation (Σp, Σq), the
//! quantity itself, and flags, so validation never costs a second read of memory.

use crate::real::Real;
use crate::sum::Neumaier;

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
    /// The passes of consecutive pieces of the input as one (compensated sums, flags or-ed).
    pub(crate) fn merge(parts: &[Pass]) -> Pass {
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

#[inline(always)]
fn invalid(x: f64) -> bool {
    // NaN, ±inf, or negative.
    !(x.is_finite() && x >= 0.0)
}

/// Σ p ln p over p > 0; Σ p.
pub(crate) fn entropy_pass<T: Real>(p: &[T]) -> Pass {
    let (mut sp, mut acc) = (Neumaier::default(), Neumaier::default());
    let mut bad = false;
    for &x in p {
        let x = x.to_f64();
        bad |= invalid(x);
        sp.add(x);
        if x > 0.0 {
            acc.add(x * x.ln());
        }
    }
    Pass {
        sum_p: sp.total(),
        sum_q: f64::NAN,
        acc: acc.total(),
        bad,
        inf: false,
    }
}

/// Σ term(p, q) over p > 0 (`inf` set where p > 0 = q); Σ p; Σ q.
#[inline(always)]
fn pair_pass<T: Real>(p: &[T], q: &[T], term: impl Fn(f64, f64) -> f64) -> Pass {
    let (mut sp, mut sq, mut acc) = (
        Neumaier::default(),
        Neumaier::default(),
        Neumaier::default(),
    );
    let (mut bad, mut inf) = (false, false);
    for (&x, &y) in p.iter().zip(q) {
        let (x, y) = (x.to_f64(), y.to_f64());
        bad |= invalid(x) | invalid(y);
        sp.add(x);
        sq.add(y);
        if x > 0.0 {
            if y > 0.0 {
                acc.add(term(x, y));
            } else {
                inf = true;
            }
        }
    }
    Pass {
        sum_p: sp.total(),
        sum_q: sq.total(),
        acc: acc.total(),
        bad,
        inf,
    }
}

/// Σ p ln q over p > 0 (`inf` set where p > 0 = q); Σ p; Σ q.
pub(crate) fn cross_entropy_pass<T: Real>(p: &[T], q: &[T]) -> Pass {
    pair_pass(p, q, |x, y| x * y.ln())
}

/// ln(x/y) for x, y > 0, exact in range: falls back to ln x − ln y when x/y over- or underflows.
#[inline(always)]
pub(crate) fn ln_ratio(x: f64, y: f64) -> f64 {
    let r = x / y;
    if r.is_normal() {
        r.ln()
    } else {
        x.ln() - y.ln()
    }
}

/// Σ p ln(p/q) over p > 0 (`inf` set where p > 0 = q); Σ p; Σ q.
pub(crate) fn kl_pass<T: Real>(p: &[T], q: &[T]) -> Pass {
    pair_pass(p, q, |x, y| x * ln_ratio(x, y))
}
