//! Row kernels on logits: the sweeps behind softmax cross-entropy (forward and fused backward),
//! log-softmax, softmax, log-sum-exp, the entropy of a softmax and the KL divergence between
//! the softmaxes of two logit rows. The public functions, with validation, are in
//! [`crate::losses`] (`losses/logits.rs`).
//!
//! # Structure of a row
//! Each row `x` (length `V`) is processed in at most three sweeps, compiled for every level
//! through `dispatched!` (AVX-512, AVX2 + FMA, portable), with `f32` data widened to `f64`
//! (except the maximum and plain `Σ e^{x−m}` sweeps of `f32` rows on AVX-512, which take the
//! sixteen-lane path of [`super::softmax_f32`]):
//! 1. the row maximum `m` (one compare per element: this is the sweep that reads the row from
//!    memory, and leaves it in the L2 cache for rows up to ~1 MiB);
//! 2. the sums, relative to `m`, from cache: `s = Σ e^{x−m}` with the vector [`super::exp`],
//!    and, as needed, `Σ w (x − m)` (label smoothing), `Σ w p (x − m)` and `Σ w p` (soft
//!    targets), `Σ e^{x−m} (x − m)` (entropy), `Σ e^{x−m}((x − m) − (y − m_y))` (KL); the
//!    gradient sweep also writes `e^{x−m}` into the output;
//! 3. for outputs, a multiply sweep over the (cached) output row.
//!
//! Every sum is accumulated in `f64` lanes within blocks of [`BLOCK`] elements, and the block
//! totals are merged with Neumaier summation. Since `m` is subtracted exactly (in `f64`, the
//! difference of two `f32` or of two close `f64`), logits of any magnitude (±1e30) and `−∞`
//! entries are handled without overflow or cancellation: `e^{x−m} ∈ [0, 1]`, the maximum
//! contributes exactly 1 (so `s ≥ 1`), and products with a zero weight or a zero `e^{x−m}` are
//! masked to 0 (the `0 · ∞ = 0` convention of `0 log 0`). Quantities are then formed as
//! `(m − x_t) + ln s`, never as `ln Σ e^x − x_t`.
//!
//! NaN and `+∞` logits are detected by the maximum sweep (which is NaN-sticky) and located by
//! a scalar rescan.

use super::dispatch::{dispatched, Level, LANES};
use super::exp::{exp, store};
use super::softmax_f32 as f32_path;
use super::vector::{self, Vector};
use crate::error::{Error, Result};
use crate::real::{Real, TypedMut};
use crate::sum::Neumaier;

/// Elements per block of lane sums.
pub(crate) const BLOCK: usize = 1024;

// ---------------------------------------------------------------------------------------------
// Loading with explicit padding.

/// The tail `c` (shorter than a chunk) widened to `f64`, padded with `fill`.
#[inline(always)]
fn load_fill<V: Vector, T: Real>(c: &[T], fill: f64) -> V {
    let mut a = [fill; LANES];
    for (d, &v) in a.iter_mut().zip(c) {
        *d = v.to_f64();
    }
    V::from_array(&a)
}

/// Chunk `i` of a row as lanes: a full chunk or the padded tail.
#[inline(always)]
fn chunk<V: Vector, T: Real>(x: &[T], i: usize, fill: f64) -> V {
    let lo = i * LANES;
    if lo + LANES <= x.len() {
        V::load(&x[lo..lo + LANES])
    } else {
        load_fill(&x[lo..], fill)
    }
}

/// The weights of chunk `i` of a block of `n` elements: `w` if given, else 1 on the elements
/// and 0 on the padding of the tail.
#[inline(always)]
fn weights<V: Vector>(w: Option<&[f64]>, n: usize, i: usize) -> V {
    match w {
        Some(w) => chunk::<V, f64>(w, i, 0.0),
        None if (i + 1) * LANES <= n => V::splat(1.0),
        None => V::from_array(&core::array::from_fn(|j| {
            if i * LANES + j < n {
                1.0
            } else {
                0.0
            }
        })),
    }
}

/// The largest lane; NaN if some lane is NaN.
#[inline(always)]
fn hmax<V: Vector>(v: V) -> f64 {
    v.to_array().into_iter().fold(f64::NEG_INFINITY, |a, b| {
        if a.is_nan() || b.is_nan() {
            f64::NAN
        } else if b > a {
            b
        } else {
            a
        }
    })
}

#[inline(always)]
fn hmin<V: Vector>(v: V) -> f64 {
    v.to_array()
        .into_iter()
        .fold(f64::INFINITY, |a, b| if b < a { b } else { a })
}

// ---------------------------------------------------------------------------------------------
// Sweep 1: the maximum.

/// `max(x, a)` per lane, NaN-sticky: a NaN in `x` or in `a` gives NaN.
#[inline(always)]
fn max_nan<V: Vector>(x: V, a: V) -> V {
    // `x.max(a)` keeps `a` when `x` is NaN and returns `a` when `a` is NaN.
    x.nan_or(x.max(a))
}

/// The maximum of `x`; NaN if some element is NaN.
#[inline(always)]
fn max_body<T: Real, V: Vector>(x: &[T]) -> f64 {
    let ninf = V::splat(f64::NEG_INFINITY);
    // Four accumulators: the compare latency is not the limit.
    let (mut a, mut b, mut c, mut d) = (ninf, ninf, ninf, ninf);
    let mut chunks = x.chunks_exact(4 * LANES);
    for q in &mut chunks {
        a = max_nan(V::load(&q[..LANES]), a);
        b = max_nan(V::load(&q[LANES..2 * LANES]), b);
        c = max_nan(V::load(&q[2 * LANES..3 * LANES]), c);
        d = max_nan(V::load(&q[3 * LANES..]), d);
    }
    let rest = chunks.remainder();
    for i in 0..rest.len().div_ceil(LANES) {
        a = max_nan(chunk::<V, T>(rest, i, f64::NEG_INFINITY), a);
    }
    hmax(max_nan(max_nan(a, b), max_nan(c, d)))
}

// ---------------------------------------------------------------------------------------------
// Sweep 2: sums relative to the maximum.

/// The sums of one row (those not asked for are 0).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sums {
    /// `Σ e^{x−m}`.
    pub s: f64,
    /// `Σ w (x − m)` over `w > 0` (`w = 1` without weights).
    pub a: f64,
    /// `Σ w p (x − m)` over `w p > 0`.
    pub b: f64,
    /// `Σ w p`.
    pub c: f64,
    /// `Σ p`.
    pub sum_p: f64,
    /// `min p` (`+∞` for no soft targets).
    pub min_p: f64,
    /// `Σ e^{x−m} (x − m)` over `e^{x−m} > 0`.
    pub e: f64,
}

/// Which sums a sweep computes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Want {
    /// `a` (label smoothing).
    pub smooth: bool,
    /// `b`, `c`, `sum_p`, `min_p` (soft targets).
    pub soft: bool,
    /// `e` (entropy).
    pub entropy: bool,
}

/// Lane accumulators of one block.
struct Acc<V> {
    s: V,
    a: V,
    b: V,
    c: V,
    sp: V,
    minp: V,
    e: V,
}

/// The sums sweep, specialised on what is wanted (the flags are constants after inlining).
#[inline(always)]
fn sums_inner<T: Real, V: Vector, const SMOOTH: bool, const SOFT: bool, const ENT: bool>(
    x: &[T],
    m: f64,
    w: Option<&[f64]>,
    p: Option<&[T]>,
    out: Option<&mut [T]>,
) -> Sums {
    let z = V::splat(0.0);
    let mv = V::splat(m);
    let (mut s, mut a, mut b, mut c, mut sp, mut e) = (
        Neumaier::default(),
        Neumaier::default(),
        Neumaier::default(),
        Neumaier::default(),
        Neumaier::default(),
        Neumaier::default(),
    );
    let mut min_p = f64::INFINITY;
    let mut out = out;
    let n = x.len();
    let mut lo = 0;
    while lo < n {
        let hi = (lo + BLOCK).min(n);
        let xb = &x[lo..hi];
        let mut acc = Acc {
            s: z,
            a: z,
            b: z,
            c: z,
            sp: z,
            minp: V::splat(f64::INFINITY),
            e: z,
        };
        for i in 0..xb.len().div_ceil(LANES) {
            let d = chunk::<V, T>(xb, i, f64::NEG_INFINITY) - mv;
            let ex = exp(d);
            acc.s = acc.s + ex;
            if let Some(o) = out.as_deref_mut() {
                let o = &mut o[lo + i * LANES..(lo + (i + 1) * LANES).min(hi)];
                store(o, &ex.to_array());
            }
            if SMOOTH || SOFT {
                let wv: V = weights(w.map(|w| &w[lo..hi]), hi - lo, i);
                if SMOOTH {
                    acc.a = acc.a + wv.where_pos(wv * d);
                }
                if SOFT {
                    let pb = &p.expect("soft targets")[lo..hi];
                    let pv = chunk::<V, T>(pb, i, 0.0);
                    let wp = wv * pv;
                    acc.b = acc.b + wp.where_pos(wp * d);
                    acc.c = acc.c + wp;
                    acc.sp = acc.sp + pv;
                    acc.minp = pv.min(acc.minp);
                }
            }
            if ENT {
                acc.e = acc.e + ex.where_pos(ex * d);
            }
        }
        s.add(acc.s.hsum());
        if SMOOTH {
            a.add(acc.a.hsum());
        }
        if SOFT {
            b.add(acc.b.hsum());
            c.add(acc.c.hsum());
            sp.add(acc.sp.hsum());
            min_p = min_p.min(hmin(acc.minp));
        }
        if ENT {
            e.add(acc.e.hsum());
        }
        lo = hi;
    }
    Sums {
        s: s.total(),
        a: a.total(),
        b: b.total(),
        c: c.total(),
        sum_p: sp.total(),
        min_p,
        e: e.total(),
    }
}

/// Arguments of the sums sweep, in one value (the dispatch macro takes plain arguments).
pub(crate) struct SumsArgs<'a, T> {
    pub x: &'a [T],
    pub m: f64,
    pub w: Option<&'a [f64]>,
    pub p: Option<&'a [T]>,
    pub want: Want,
}

#[inline(always)]
fn sums_body<T: Real, V: Vector>(args: &SumsArgs<'_, T>, out: Option<&mut [T]>) -> Sums {
    let SumsArgs { x, m, w, p, want } = *args;
    match (want.smooth, want.soft, want.entropy) {
        (false, false, false) => sums_inner::<T, V, false, false, false>(x, m, w, p, out),
        (true, false, false) => sums_inner::<T, V, true, false, false>(x, m, w, p, out),
        (false, true, false) => sums_inner::<T, V, false, true, false>(x, m, w, p, out),
        (true, true, false) => sums_inner::<T, V, true, true, false>(x, m, w, p, out),
        (false, false, true) => sums_inner::<T, V, false, false, true>(x, m, w, p, out),
        _ => unreachable!("entropy is computed alone"),
    }
}

impl<T> Clone for SumsArgs<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for SumsArgs<'_, T> {}

/// The in-place sums sweep: `x ← e^{x−m}`, with the sums of [`sums_body`] taken before the
/// overwrite (soft targets and entropy are not offered in place).
#[inline(always)]
fn sums_in_place_body<T: Real, V: Vector>(
    x: &mut [T],
    m: f64,
    w: Option<&[f64]>,
    smooth: bool,
) -> Sums {
    let z = V::splat(0.0);
    let mv = V::splat(m);
    let (mut s, mut a) = (Neumaier::default(), Neumaier::default());
    let n = x.len();
    let mut lo = 0;
    while lo < n {
        let hi = (lo + BLOCK).min(n);
        let (mut acc_s, mut acc_a) = (z, z);
        for i in 0..(hi - lo).div_ceil(LANES) {
            let xb = &mut x[lo..hi];
            let d = chunk::<V, T>(xb, i, f64::NEG_INFINITY) - mv;
            if smooth {
                let wv: V = weights(w.map(|w| &w[lo..hi]), hi - lo, i);
                acc_a = acc_a + wv.where_pos(wv * d);
            }
            let ex = exp(d);
            acc_s = acc_s + ex;
            let end = ((i + 1) * LANES).min(xb.len());
            store(&mut xb[i * LANES..end], &ex.to_array());
        }
        s.add(acc_s.hsum());
        a.add(acc_a.hsum());
        lo = hi;
    }
    Sums {
        s: s.total(),
        a: a.total(),
        min_p: f64::INFINITY,
        ..Sums::default()
    }
}

/// The KL sweep: `(Σ e^{x−mx}, Σ e^{y−my}, Σ e^{x−mx}((x−mx) − (y−my)))`, the last over
/// `e^{x−mx} > 0`.
#[inline(always)]
fn kl_body<T: Real, V: Vector>(x: &[T], mx: f64, y: &[T], my: f64) -> (f64, f64, f64) {
    let z = V::splat(0.0);
    let (mxv, myv) = (V::splat(mx), V::splat(my));
    let (mut sx, mut sy, mut f) = (
        Neumaier::default(),
        Neumaier::default(),
        Neumaier::default(),
    );
    let n = x.len();
    let mut lo = 0;
    while lo < n {
        let hi = (lo + BLOCK).min(n);
        let (xb, yb) = (&x[lo..hi], &y[lo..hi]);
        let (mut ax, mut ay, mut af) = (z, z, z);
        for i in 0..xb.len().div_ceil(LANES) {
            let dx = chunk::<V, T>(xb, i, f64::NEG_INFINITY) - mxv;
            let dy = chunk::<V, T>(yb, i, f64::NEG_INFINITY) - myv;
            let ex = exp(dx);
            ax = ax + ex;
            ay = ay + exp(dy);
            af = af + ex.where_pos(ex * (dx - dy));
        }
        sx.add(ax.hsum());
        sy.add(ay.hsum());
        f.add(af.hsum());
        lo = hi;
    }
    (sx.total(), sy.total(), f.total())
}

// ---------------------------------------------------------------------------------------------
// Sweep 3: outputs.

/// `o ← α·o − β·w·p − γ·w` (`w = 1` without weights; `p` term only with soft targets).
#[inline(always)]
fn scale_body<T: Real, V: Vector>(o: &mut [T], coef: [f64; 3], w: Option<&[f64]>, p: Option<&[T]>) {
    let [alpha, beta, gamma] = coef;
    let (av, bv, gv) = (V::splat(alpha), V::splat(beta), V::splat(gamma));
    let one = V::splat(1.0);
    for i in 0..o.len().div_ceil(LANES) {
        let end = ((i + 1) * LANES).min(o.len());
        let mut r = chunk::<V, T>(o, i, 0.0) * av;
        if beta != 0.0 || gamma != 0.0 {
            let wv = match w {
                Some(w) => chunk::<V, f64>(w, i, 0.0),
                None => one,
            };
            if let Some(p) = p {
                r = r - bv * (wv * chunk::<V, T>(p, i, 0.0));
            }
            r = r - gv * wv;
        }
        store(&mut o[i * LANES..end], &r.to_array());
    }
}

/// `o ← (x − m) − c`.
#[inline(always)]
fn shift_body<T: Real, V: Vector>(x: &[T], m: f64, c: f64, o: &mut [T]) {
    let (mv, cv) = (V::splat(m), V::splat(c));
    for i in 0..x.len().div_ceil(LANES) {
        let end = ((i + 1) * LANES).min(x.len());
        let r = (chunk::<V, T>(x, i, 0.0) - mv) - cv;
        store(&mut o[i * LANES..end], &r.to_array());
    }
}

dispatched! {
    /// The maximum of a row; NaN if some element is NaN.
    fn row_max_at<T: Real>(x: &[T]) -> f64 = max_body
}
dispatched! {
    /// The sums of a row relative to its maximum, writing `e^{x−m}` to `out` if given.
    fn row_sums_at<T: Real>(args: &SumsArgs<'_, T>, out: Option<&mut [T]>) -> Sums = sums_body
}
dispatched! {
    /// `x ← e^{x−m}` with the sums taken before.
    fn row_sums_in_place_at<T: Real>(x: &mut [T], m: f64, w: Option<&[f64]>, smooth: bool) -> Sums = sums_in_place_body
}
dispatched! {
    /// The sums of the KL sweep.
    fn row_kl_at<T: Real>(x: &[T], mx: f64, y: &[T], my: f64) -> (f64, f64, f64) = kl_body
}
dispatched! {
    /// `o ← α·o − β·w·p − γ·w`.
    fn row_scale_at<T: Real>(o: &mut [T], coef: [f64; 3], w: Option<&[f64]>, p: Option<&[T]>) = scale_body
}
dispatched! {
    /// `o ← (x − m) − c`.
    fn row_shift_at<T: Real>(x: &[T], m: f64, c: f64, o: &mut [T]) = shift_body
}

// ---------------------------------------------------------------------------------------------
// Row-level operations with validation of the logits.

/// The error for the first NaN or `+∞` in row `r` of `x` (`index` row-major), or for a row
/// without a finite logit.
fn locate_bad_logit<T: Real>(arg: &'static str, x: &[T], row: usize) -> Error {
    let cols = x.len();
    for (j, v) in x.iter().enumerate() {
        let value = v.to_f64();
        if value.is_nan() || value == f64::INFINITY {
            return Error::NonFinite {
                arg,
                index: row * cols + j,
                value,
            };
        }
    }
    Error::OutOfRange {
        arg,
        index: row * cols,
        value: f64::NEG_INFINITY,
        expected: "a row needs a finite logit (the softmax of an all −∞ row is undefined)",
    }
}

/// `x` as `f32` data, if `T` is `f32`.
fn as_f32<T: Real>(x: &[T]) -> Option<&[f32]> {
    T::as_typed(x).f32()
}

/// `x` as mutable `f32` data, if `T` is `f32`.
fn as_f32_mut<T: Real>(x: &mut [T]) -> Option<&mut [f32]> {
    T::as_typed_mut(x).f32()
}

/// Whether the `f32` fast path ([`super::softmax_f32`]) serves this level.
fn fast_f32(level: Level) -> bool {
    level == Level::Avx512
}

/// The maximum of row `row`, or the error for a NaN, a `+∞` or an all `−∞` row.
#[inline]
fn checked_max<T: Real>(level: Level, arg: &'static str, x: &[T], row: usize) -> Result<f64> {
    let fast = if fast_f32(level) {
        as_f32(x).and_then(f32_path::max_f32).map(f64::from)
    } else {
        None
    };
    let m = fast.unwrap_or_else(|| row_max_at(level, x));
    if m.is_finite() {
        Ok(m)
    } else {
        Err(locate_bad_logit(arg, x, row))
    }
}

/// Statistics of one row: its maximum and sums.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowStats {
    /// The maximum.
    pub m: f64,
    /// The sums relative to it.
    pub sums: Sums,
}

impl RowStats {
    /// `ln s`.
    pub fn ln_s(&self) -> f64 {
        self.sums.s.ln()
    }
}

/// Sweeps 1 and 2 on row `row` of `x`: the maximum and the sums (writing `e^{x−m}` to `out`
/// when given). `p` is validated (finite, non-negative) when soft targets are wanted. `next`
/// (the next row) is prefetched by the `f32` fast path.
#[allow(clippy::too_many_arguments)] // one row's inputs and outputs; a struct adds nothing
pub(crate) fn row_stats<T: Real>(
    level: Level,
    x: &[T],
    row: usize,
    w: Option<&[f64]>,
    p: Option<&[T]>,
    want: Want,
    out: Option<&mut [T]>,
    next: Option<&[T]>,
) -> Result<RowStats> {
    let m = checked_max(level, "logits", x, row)?;
    if want == Want::default() && fast_f32(level) {
        if let Some(x32) = as_f32(x) {
            // `m` is an element of `x`, so exactly an `f32`.
            let s = match out {
                None => f32_path::sum_exp_f32(x32, m as f32, next.and_then(as_f32)),
                Some(o) => f32_path::sum_exp_write_f32(
                    x32,
                    m as f32,
                    as_f32_mut(o).expect("f32"),
                    next.and_then(as_f32),
                ),
            };
            if let Some(s) = s {
                return Ok(RowStats {
                    m,
                    sums: Sums {
                        s,
                        min_p: f64::INFINITY,
                        ..Sums::default()
                    },
                });
            }
            unreachable!("fast path on a level this CPU supports");
        }
    }
    let args = SumsArgs { x, m, w, p, want };
    let sums = row_sums_at(level, &args, out);
    if !sums.s.is_finite() {
        return Err(locate_bad_logit("logits", x, row));
    }
    if want.soft && !(sums.min_p >= 0.0 && sums.sum_p.is_finite()) {
        let p = p.expect("soft targets");
        let cols = p.len();
        if let Some(e) = crate::validate::first_invalid("targets", p) {
            return Err(match e {
                Error::NonFinite { arg, index, value } => Error::NonFinite {
                    arg,
                    index: row * cols + index,
                    value,
                },
                Error::NegativeProbability { arg, index, value } => Error::NegativeProbability {
                    arg,
                    index: row * cols + index,
                    value,
                },
                e => e,
            });
        }
    }
    Ok(RowStats { m, sums })
}

/// Sweeps 1 and 2 in place: `x ← e^{x−m}`.
pub(crate) fn row_stats_in_place<T: Real>(
    level: Level,
    x: &mut [T],
    row: usize,
    w: Option<&[f64]>,
    smooth: bool,
    next: Option<&[T]>,
) -> Result<RowStats> {
    // The maximum is NaN for a NaN anywhere in the row, so the row is valid before it is
    // overwritten.
    let m = checked_max(level, "logits", x, row)?;
    if !smooth && fast_f32(level) {
        if let Some(s) = as_f32_mut(x)
            .and_then(|x32| f32_path::sum_exp_in_place_f32(x32, m as f32, next.and_then(as_f32)))
        {
            return Ok(RowStats {
                m,
                sums: Sums {
                    s,
                    min_p: f64::INFINITY,
                    ..Sums::default()
                },
            });
        }
    }
    let sums = row_sums_in_place_at(level, x, m, w, smooth);
    Ok(RowStats { m, sums })
}

/// `o ← α·o − β·w·p − γ·w` on a row.
pub(crate) fn row_scale<T: Real>(
    level: Level,
    o: &mut [T],
    coef: [f64; 3],
    w: Option<&[f64]>,
    p: Option<&[T]>,
) {
    if fast_f32(level) && w.is_none() && p.is_none() && coef[1] == 0.0 {
        if let Some(o32) = as_f32_mut(o) {
            if f32_path::scale_f32(o32, coef[0], coef[2]).is_some() {
                return;
            }
        }
    }
    row_scale_at(level, o, coef, w, p);
}

/// `o ← (x − m) − c` on a row.
pub(crate) fn row_shift<T: Real>(level: Level, x: &[T], m: f64, c: f64, o: &mut [T]) {
    row_shift_at(level, x, m, c, o);
}

/// KL(softmax(x) ‖ softmax(y)) of one row pair, in nats.
pub(crate) fn row_kl<T: Real>(level: Level, x: &[T], y: &[T], row: usize) -> Result<f64> {
    let mx = checked_max(level, "p_logits", x, row)?;
    let my = checked_max(level, "q_logits", y, row)?;
    let (sx, sy, f) = row_kl_at(level, x, mx, y, my);
    if !sx.is_finite() {
        return Err(locate_bad_logit("p_logits", x, row));
    }
    if !sy.is_finite() {
        return Err(locate_bad_logit("q_logits", y, row));
    }
    // Σ p ln(p/q) = F/sx − ln sx + ln sy; +∞ where some y = −∞ under p > 0.
    if f == f64::INFINITY {
        return Ok(f64::INFINITY);
    }
    Ok(f / sx - sx.ln() + sy.ln())
}

/// Writes `v`, rounded to `T`, into `d`.
pub(crate) fn store_one<T: Real>(d: &mut T, v: f64) {
    match T::as_typed_mut(core::slice::from_mut(d)) {
        TypedMut::F64([d]) => *d = v,
        TypedMut::F32([d]) => *d = v as f32,
        _ => unreachable!("a one-element slice"),
    }
}

/// The level used by the public functions.
pub(crate) fn level() -> Level {
    Level::best()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_lse(x: &[f64]) -> f64 {
        let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        m + x.iter().map(|v| (v - m).exp()).sum::<f64>().ln()
    }

    #[test]
    fn sums_agree_across_levels_and_lengths() {
        for level in Level::all_supported() {
            for n in [1usize, 2, 7, 8, 9, 31, 1023, 1024, 1025, 3000] {
                let x: Vec<f64> = (0..n)
                    .map(|i| ((i * 37) % 101) as f64 * 0.173 - 5.0)
                    .collect();
                let w: Vec<f64> = (0..n).map(|i| (i % 3) as f64 * 0.5).collect();
                let st = row_stats(
                    level,
                    &x,
                    0,
                    Some(&w),
                    None,
                    Want {
                        smooth: true,
                        ..Want::default()
                    },
                    None,
                    None,
                )
                .unwrap();
                let lse = st.m + st.ln_s();
                assert!(
                    (lse - naive_lse(&x)).abs() < 1e-13 * lse.abs().max(1.0),
                    "{level:?} {n}"
                );
                let a: f64 = x.iter().zip(&w).map(|(x, w)| w * (x - st.m)).sum();
                assert!(
                    (st.sums.a - a).abs() < 1e-12 * a.abs().max(1.0),
                    "{level:?} {n}"
                );
                // The max is in every row.
                assert_eq!(st.m, x.iter().copied().fold(f64::NEG_INFINITY, f64::max));
                let mut out = vec![0.0; n];
                let st2 = row_stats(
                    level,
                    &x,
                    0,
                    None,
                    None,
                    Want::default(),
                    Some(&mut out),
                    None,
                )
                .unwrap();
                assert_eq!(st2.sums.s, st.sums.s);
                for (o, v) in out.iter().zip(&x) {
                    assert!((o - (v - st.m).exp()).abs() <= 2e-16);
                }
                let mut y = x.clone();
                let st3 = row_stats_in_place(level, &mut y, 0, None, false, None).unwrap();
                assert_eq!(st3.sums.s, st.sums.s);
                assert_eq!(y, out);
            }
        }
    }

    #[test]
    fn bad_logits_are_located() {
        for level in Level::all_supported() {
            for n in [1usize, 9, 1030] {
                for pos in [0, n / 2, n - 1] {
                    for v in [f64::NAN, f64::INFINITY] {
                        let mut x = vec![0.5; n];
                        x[pos] = v;
                        let e = row_stats(level, &x, 2, None, None, Want::default(), None, None)
                            .unwrap_err();
                        assert!(
                            matches!(e, Error::NonFinite { index, .. } if index == 2 * n + pos),
                            "{level:?} {n} {pos} {v}: {e:?}"
                        );
                        let e = row_stats_in_place(level, &mut x.clone(), 2, None, false, None)
                            .unwrap_err();
                        assert!(
                            matches!(e, Error::NonFinite { index, .. } if index == 2 * n + pos)
                        );
                    }
                }
                let x = vec![f64::NEG_INFINITY; n];
                let e =
                    row_stats(level, &x, 0, None, None, Want::default(), None, None).unwrap_err();
                assert!(matches!(e, Error::OutOfRange { .. }), "{e:?}");
            }
        }
    }
}
