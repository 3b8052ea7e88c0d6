//! Vectorised one-pass reductions with runtime CPU-feature dispatch.
//!
//! The pass bodies are generic `#[inline(always)]` code over eight-lane [`Vector`]s of `f64`
//! (inputs of either [`Real`] type are widened to `f64` on load). They are compiled three
//! times: into `#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw")]` and
//! `#[target_feature(enable = "avx2,fma")]` functions on x86_64, chosen at run time from
//! `is_x86_feature_detected!` (cached), and into a portable build, which is the fallback and
//! the only path elsewhere.
//!
//! # Semantics
//! Each pass returns exactly what the matching pass of [`super::scalar`] returns, up to the
//! rounding of sums. The input is cut into blocks of [`BLOCK`] elements; within a block, each
//! lane keeps its own sums, and the block totals are merged with [`Neumaier`] summation, so the
//! error does not grow with `n`. Validation is fused into the same read: each lane tracks the
//! minimum of `p` (and `q`), and NaN or `+∞` elements show up as non-finite lane sums. A block
//! whose lane minimum is negative or whose totals are not finite (an invalid element, a term
//! `p > 0 = q`, or an overflow) is recomputed by the scalar pass while still in cache, which
//! then sets `bad` and `inf` exactly as the reference does.
//!
//! # The entropy pass
//! It never forms `ln p`: with `p = 2^k · m` it accumulates `Σ p k` and `Σ p ln m` separately
//! (one masked FMA each; `Σ p ln p = ln 2 · Σ p k + Σ p ln m`, which loses at most a factor
//! three to cancellation, see `ln::ln_split_fdlibm`). On AVX-512 the reduction of normal `p`
//! is four integer operations ([`super::ln::SPLIT_SHIFT`]); a block with a subnormal `p` is
//! redone in cache with the general reduction. The loop is bound by the two multiply pipes
//! (twelve multiply–adds per eight elements), about 0.55 ns per element on one Zen 4 core.

use super::dispatch::{dispatched, Level, LANES};
#[cfg(test)]
use super::ln::ln;
use super::ln::{ln_nonzero, Ln};
use super::scalar::{self, Pass};
use super::vector;
use crate::real::Real;
use crate::sum::Neumaier;

/// Elements per block: per-lane partial sums hold at most `BLOCK / LANES` terms.
pub(crate) const BLOCK: usize = 1024;

// ---------------------------------------------------------------------------------------------
// Building blocks.

/// Whether every lane is ≥ 0 (false if any is negative).
#[inline(always)]
fn all_nonneg<V: Ln>(v: V) -> bool {
    v.to_array().iter().all(|&x| x >= 0.0)
}

/// Per-lane state of a block: Σ p, Σ q, Σ term, min p, min q, and Σ p k for the passes that
/// split their terms (`acc + ln 2 · acck` is then the block's Σ term).
#[derive(Clone, Copy)]
struct Lanes<V> {
    sp: V,
    sq: V,
    acc: V,
    acck: V,
    minp: V,
    minq: V,
}

impl<V: Ln> Lanes<V> {
    #[inline(always)]
    fn new() -> Self {
        let z = V::splat(0.0);
        let inf = V::splat(f64::INFINITY);
        Lanes {
            sp: z,
            sq: z,
            acc: z,
            acck: z,
            minp: inf,
            minq: inf,
        }
    }

    /// Accumulates Σ p, the minimum of the nonzero `p` ([`Vector::min_nonzero`]), and `p ln y`
    /// split as `(k, l)` by [`Vector::ln_split`] where `p > 0`.
    #[inline(always)]
    fn add_p_split(&mut self, x: V, (k, l): (V, V)) {
        self.sp = self.sp + x;
        self.minp = x.min_nonzero(self.minp);
        self.acc = x.mul_add_where_pos(l, self.acc);
        self.acck = x.mul_add_where_pos(k, self.acck);
    }

    /// Whether the smallest nonzero `p` seen is a positive subnormal (only meaningful after
    /// [`Self::add_p_split`] on a level with [`Vector::SPLIT_NORMAL_ONLY`]).
    #[inline(always)]
    fn saw_subnormal(&self) -> bool {
        let m = self
            .minp
            .to_array()
            .into_iter()
            .fold(f64::INFINITY, f64::min);
        (0.0..f64::MIN_POSITIVE).contains(&m)
    }

    /// Accumulates Σ p, min p and the terms `t`.
    #[inline(always)]
    fn add_p(&mut self, x: V, t: V) {
        self.sp = self.sp + x;
        self.minp = x.min(self.minp);
        self.acc = self.acc + t;
    }

    /// Accumulates Σ q and min q.
    #[inline(always)]
    fn add_q(&mut self, y: V) {
        self.sq = self.sq + y;
        self.minq = y.min(self.minq);
    }

    /// The block totals (Σ p, Σ q, Σ term), or `None` if the block needs the scalar pass: a
    /// negative minimum, or a non-finite total (NaN, ±∞, an infinite term, or an overflow).
    #[inline(always)]
    fn finish(&self) -> Option<(f64, f64, f64)> {
        let (sp, sq) = (self.sp.hsum(), self.sq.hsum());
        let acc = self.acck.hsum() * core::f64::consts::LN_2 + self.acc.hsum();
        let ok = all_nonneg(self.minp)
            && all_nonneg(self.minq)
            && sp.is_finite()
            && sq.is_finite()
            && acc.is_finite();
        ok.then_some((sp, sq, acc))
    }
}

/// Block totals merged across blocks.
#[derive(Default)]
struct Totals {
    sp: Neumaier,
    sq: Neumaier,
    acc: Neumaier,
    bad: bool,
    inf: bool,
}

impl Totals {
    #[inline(always)]
    fn add(&mut self, fast: Option<(f64, f64, f64)>, slow: impl FnOnce() -> Pass) {
        if let Some((sp, sq, acc)) = fast {
            self.sp.add(sp);
            self.sq.add(sq);
            self.acc.add(acc);
        } else {
            let r = slow();
            self.sp.add(r.sum_p);
            self.sq.add(r.sum_q);
            self.acc.add(r.acc);
            self.bad |= r.bad;
            self.inf |= r.inf;
        }
    }

    fn pass(self, two_inputs: bool) -> Pass {
        Pass {
            sum_p: self.sp.total(),
            sum_q: if two_inputs {
                self.sq.total()
            } else {
                f64::NAN
            },
            acc: self.acc.total(),
            bad: self.bad,
            inf: self.inf,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pass bodies, generic over the input type and the vector type.

/// KL terms `p ln(p/q)` (0 where `p ≤ 0`), from the ratio, with the lanes where the ratio is
/// not a normal number (over/underflow, `q = 0`) patched with `ln p − ln q`.
#[inline(always)]
fn kl_terms<V: Ln>(x: V, y: V) -> V {
    let r = x / y;
    // Lanes with r = 0 (or not normal) and p > 0 are patched below; p ≤ 0 lanes are masked.
    let t = x.where_pos(x * ln_nonzero(r));
    if x.any_pos_with_abnormal(r) {
        kl_patch(x, y, t)
    } else {
        t
    }
}

/// The rare lanes of [`kl_terms`]: `p ln(p/q)` through [`scalar::ln_ratio`].
#[cold]
#[inline(never)]
fn kl_patch<V: Ln>(x: V, y: V, t: V) -> V {
    let (x, y, mut t) = (x.to_array(), y.to_array(), t.to_array());
    for i in 0..LANES {
        if x[i] > 0.0 && !(x[i] / y[i]).is_normal() {
            t[i] = x[i] * scalar::ln_ratio(x[i], y[i]);
        }
    }
    V::from_array(&t)
}

/// The lanes of one block of the entropy pass: `Σ p ln p = ln 2 · Σ p k + Σ p l` (see
/// `ln_split_fdlibm` for why the split is safe), with [`Vector::ln_split_normal`] if `normal`,
/// else [`Vector::ln_split`].
#[inline(always)]
fn entropy_block<T: Real, V: Ln>(b: &[T], normal: bool) -> Lanes<V> {
    let split = |x: V| {
        if normal {
            x.ln_split_normal()
        } else {
            x.ln_split()
        }
    };
    let mut s = Lanes::<V>::new();
    let mut chunks = b.chunks_exact(LANES);
    for c in &mut chunks {
        let x = V::load(c);
        s.add_p_split(x, split(x));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let x = V::load_tail(rest);
        s.add_p_split(x, split(x));
    }
    s
}

#[inline(always)]
fn entropy_body<T: Real, V: Ln>(p: &[T]) -> Pass {
    let mut tot = Totals::default();
    for b in p.chunks(BLOCK) {
        let mut s = entropy_block::<T, V>(b, true);
        if V::SPLIT_NORMAL_ONLY && s.saw_subnormal() {
            // Rare: subnormal probabilities. Redo the block (in cache) with the general split.
            s = entropy_block::<T, V>(b, false);
        }
        tot.add(s.finish(), || scalar::entropy_pass(b));
    }
    tot.pass(false)
}

/// The quantity of a two-input pass. (A trait rather than function arguments, so that
/// everything inlines into the `#[target_feature]` instance: a function item passed as a value
/// goes through a call shim compiled without those features.)
trait PairTerms {
    /// Accumulates one chunk: Σ p, min p and the terms into `s` (Σ q and min q are the body's).
    fn add<V: Ln>(s: &mut Lanes<V>, x: V, y: V);
    /// The reference pass, for blocks that need it.
    fn slow<T: Real>(p: &[T], q: &[T]) -> Pass;
}

/// Σ p ln q, split like the entropy pass: `ln 2 · Σ p k + Σ p l` for `q = 2^k · m`,
/// `l = ln m` ([`Vector::ln_split`]); `k = −∞` where `q = 0`, so that a term with
/// `p > 0 = q` makes the block's total `−∞` and the scalar pass flags it.
struct CrossEntropy;
impl PairTerms for CrossEntropy {
    #[inline(always)]
    fn add<V: Ln>(s: &mut Lanes<V>, x: V, y: V) {
        let (k, l) = y.ln_split();
        s.add_p_split(x, (y.neg_inf_where_zero(k), l));
    }
    fn slow<T: Real>(p: &[T], q: &[T]) -> Pass {
        scalar::cross_entropy_pass(p, q)
    }
}

/// Σ p ln(p/q).
struct Kl;
impl PairTerms for Kl {
    #[inline(always)]
    fn add<V: Ln>(s: &mut Lanes<V>, x: V, y: V) {
        s.add_p(x, kl_terms(x, y));
    }
    fn slow<T: Real>(p: &[T], q: &[T]) -> Pass {
        scalar::kl_pass(p, q)
    }
}

/// Shared body of the two-input passes.
#[inline(always)]
fn pair_body<T: Real, V: Ln, K: PairTerms>(p: &[T], q: &[T]) -> Pass {
    assert_eq!(p.len(), q.len(), "pass over slices of different lengths");
    let mut tot = Totals::default();
    for (bp, bq) in p.chunks(BLOCK).zip(q.chunks(BLOCK)) {
        let mut s = Lanes::<V>::new();
        let mut cp = bp.chunks_exact(LANES);
        let mut cq = bq.chunks_exact(LANES);
        for (a, b) in (&mut cp).zip(&mut cq) {
            let (x, y) = (V::load(a), V::load(b));
            K::add(&mut s, x, y);
            s.add_q(y);
        }
        let (rp, rq) = (cp.remainder(), cq.remainder());
        if !rp.is_empty() {
            let (x, y) = (V::load_tail(rp), V::load_tail(rq));
            K::add(&mut s, x, y);
            s.add_q(y);
        }
        tot.add(s.finish(), || K::slow(bp, bq));
    }
    tot.pass(true)
}

#[inline(always)]
fn cross_entropy_body<T: Real, V: Ln>(p: &[T], q: &[T]) -> Pass {
    pair_body::<T, V, CrossEntropy>(p, q)
}

#[inline(always)]
fn kl_body<T: Real, V: Ln>(p: &[T], q: &[T]) -> Pass {
    pair_body::<T, V, Kl>(p, q)
}

#[cfg(test)]
#[inline(always)]
fn ln_slice_body<V: Ln>(x: &[f64], out: &mut [f64]) {
    assert_eq!(x.len(), out.len(), "ln over slices of different lengths");
    for (a, o) in x.chunks(LANES).zip(out.chunks_mut(LANES)) {
        let v: V = load_tail_or_full(a);
        o.copy_from_slice(&ln(v).to_array()[..a.len()]);
    }
}

#[cfg(test)]
#[inline(always)]
fn ln_split_slice_body<V: Ln>(x: &[f64], k: &mut [f64], l: &mut [f64]) {
    assert!(
        x.len() == k.len() && x.len() == l.len(),
        "slices of different lengths"
    );
    for ((a, ok), ol) in x
        .chunks(LANES)
        .zip(k.chunks_mut(LANES))
        .zip(l.chunks_mut(LANES))
    {
        let (vk, vl) = load_tail_or_full::<V>(a).ln_split();
        ok.copy_from_slice(&vk.to_array()[..a.len()]);
        ol.copy_from_slice(&vl.to_array()[..a.len()]);
    }
}

#[cfg(test)]
#[inline(always)]
fn load_tail_or_full<V: Ln>(a: &[f64]) -> V {
    if a.len() == LANES {
        V::load(a)
    } else {
        V::load_tail(a)
    }
}

// ---------------------------------------------------------------------------------------------
// One compiled instance per level.

dispatched! {
    /// [`scalar::entropy_pass`], vectorised, at `level`.
    fn entropy_pass_at<T: Real>(p: &[T]) -> Pass = entropy_body
}
dispatched! {
    /// [`scalar::cross_entropy_pass`], vectorised, at `level`.
    fn cross_entropy_pass_at<T: Real>(p: &[T], q: &[T]) -> Pass = cross_entropy_body
}
dispatched! {
    /// [`scalar::kl_pass`], vectorised, at `level`.
    fn kl_pass_at<T: Real>(p: &[T], q: &[T]) -> Pass = kl_body
}
dispatched! {
    #[cfg(test)]
    /// `out[i] = ln x[i]` with the vector logarithm of [`super::ln`], at `level`.
    fn ln_slice_at(x: &[f64], out: &mut [f64]) = ln_slice_body
}
dispatched! {
    #[cfg(test)]
    /// `(k[i], l[i])` of [`Vector::ln_split`] for each `x[i]`, at `level`.
    fn ln_split_slice_at(x: &[f64], k: &mut [f64], l: &mut [f64]) = ln_split_slice_body
}

#[cfg(test)]
mod tests {
    use super::super::testutil::Rng;
    use super::*;

    /// A probability-like vector of length `n` with zeros, tiny and subnormal entries.
    fn vector(rng: &mut Rng, n: usize) -> Vec<f64> {
        (0..n)
            .map(|_| match rng.next() % 16 {
                0 => 0.0,
                1 => f64::MIN_POSITIVE * rng.unit(), // subnormal (or 0)
                2 => 1e-300 * rng.unit(),
                3 => 1e-30 * rng.unit(),
                _ => rng.unit(),
            })
            .collect()
    }

    fn close(a: f64, b: f64, rel: f64) -> bool {
        a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
    }

    /// `fast` agrees with `slow`: same flags, sums and quantity within `rel` (relative).
    fn assert_agree(fast: &Pass, slow: &Pass, rel: f64, what: &str) {
        assert_eq!(fast.bad, slow.bad, "{what}: bad");
        assert_eq!(fast.inf, slow.inf, "{what}: inf");
        if slow.bad {
            return;
        }
        assert!(
            close(fast.sum_p, slow.sum_p, 1e-15),
            "{what}: Σp {fast:?} {slow:?}"
        );
        assert!(
            close(fast.sum_q, slow.sum_q, 1e-15) || (fast.sum_q.is_nan() && slow.sum_q.is_nan()),
            "{what}: Σq {fast:?} {slow:?}"
        );
        if !slow.inf {
            assert!(
                close(fast.acc, slow.acc, rel),
                "{what}: acc {fast:?} {slow:?}"
            );
        }
    }

    fn check_all<T: Real>(level: Level, p: &[T], q: &[T], what: &str) {
        let rel = 1e-13;
        assert_agree(
            &entropy_pass_at(level, p),
            &scalar::entropy_pass(p),
            rel,
            &format!("{what} entropy"),
        );
        assert_agree(
            &cross_entropy_pass_at(level, p, q),
            &scalar::cross_entropy_pass(p, q),
            rel,
            &format!("{what} cross-entropy"),
        );
        // KL terms have mixed signs: compare relative to Σ |p ln(p/q)|.
        let fast = kl_pass_at(level, p, q);
        let slow = scalar::kl_pass(p, q);
        let scale: f64 = p
            .iter()
            .zip(q)
            .map(|(&x, &y)| {
                let (x, y) = (x.to_f64(), y.to_f64());
                if x > 0.0 && y > 0.0 {
                    (x * scalar::ln_ratio(x, y)).abs()
                } else {
                    0.0
                }
            })
            .sum();
        assert_agree(&fast, &slow, f64::INFINITY, &format!("{what} kl"));
        if !slow.bad && !slow.inf {
            assert!(
                (fast.acc - slow.acc).abs() <= rel * scale,
                "{what} kl: {fast:?} {slow:?}"
            );
        }
    }

    #[test]
    fn matches_scalar_on_many_sizes_offsets_and_types() {
        let mut rng = Rng(7);
        let mut sizes: Vec<usize> = (0..=70).collect();
        sizes.extend([1000, 100_013]);
        for level in Level::all_supported() {
            for &n in &sizes {
                // Extra elements so that subslices at every offset mod 8 still have length n.
                let p = vector(&mut rng, n + 7);
                let q = vector(&mut rng, n + 7);
                let offsets: &[usize] = if n > 1000 {
                    &[0, 3]
                } else {
                    &[0, 1, 2, 3, 4, 5, 6, 7]
                };
                for &o in offsets {
                    let (p, q) = (&p[o..o + n], &q[o..o + n]);
                    check_all(level, p, q, &format!("{level:?} f64 n={n} o={o}"));
                    let p32: Vec<f32> = p.iter().map(|&x| x as f32).collect();
                    let q32: Vec<f32> = q.iter().map(|&x| x as f32).collect();
                    check_all(level, &p32, &q32, &format!("{level:?} f32 n={n} o={o}"));
                }
            }
        }
    }

    #[test]
    fn ratio_overflow_and_underflow_lanes() {
        // p/q overflows (q subnormal) or underflows (p subnormal): ln p − ln q is used.
        let p = [0.5, 1e-310, 0.25, 5e-324, 0.1, 0.9, 0.3, 1e-300, 0.7, 0.2];
        let q = [1e-310, 0.5, 5e-324, 0.9, 0.2, 0.1, 1e-300, 0.3, 0.7, 0.2];
        for level in Level::all_supported() {
            for o in 0..p.len() {
                let fast = kl_pass_at(level, &p[o..], &q[o..]);
                let slow = scalar::kl_pass(&p[o..], &q[o..]);
                assert!(
                    close(fast.acc, slow.acc, 1e-14),
                    "{level:?} {o}: {fast:?} {slow:?}"
                );
                assert!(!fast.bad && !fast.inf);
            }
        }
    }

    #[test]
    fn flags_at_every_position() {
        let specials = [f64::NAN, -0.1, f64::INFINITY, f64::NEG_INFINITY, -0.0];
        for level in Level::all_supported() {
            for n in [1, 5, 8, 9, 17, 23, 1030] {
                let positions: Vec<usize> = if n < 100 {
                    (0..n).collect()
                } else {
                    vec![0, 1, 7, 8, 500, 1015, 1016, 1023, 1024, 1025, 1029]
                };
                for i in positions {
                    let base: Vec<f64> = (0..n).map(|k| 1.0 / (k + 2) as f64).collect();
                    for &v in &specials {
                        // The special value in p, then in q.
                        for in_q in [false, true] {
                            let mut p = base.clone();
                            let mut q = base.clone();
                            if in_q {
                                q[i] = v;
                            } else {
                                p[i] = v;
                            }
                            let what = format!("{level:?} n={n} i={i} v={v} in_q={in_q}");
                            check_all(level, &p, &q, &what);
                            let bad = !(v >= 0.0 && v.is_finite());
                            assert_eq!(kl_pass_at(level, &p, &q).bad, bad, "{what}");
                        }
                    }
                    // p > 0 = q: inf, not bad.
                    let mut q = base.clone();
                    q[i] = 0.0;
                    let what = format!("{level:?} n={n} i={i} q=0");
                    check_all(level, &base, &q, &what);
                    let r = kl_pass_at(level, &base, &q);
                    assert!(r.inf && !r.bad, "{what}");
                    assert!(cross_entropy_pass_at(level, &base, &q).inf, "{what}");
                    // p = 0 = q: neither.
                    let mut p = base.clone();
                    p[i] = 0.0;
                    let r = kl_pass_at(level, &p, &q);
                    assert!(!r.inf && !r.bad, "{what} p=0");
                    check_all(level, &p, &q, &what);
                }
            }
        }
    }

    #[test]
    fn split_entropy_keeps_relative_accuracy_near_determinism() {
        // Σ p ln p = ln 2 · Σ p k + Σ p l: near 1 (k = 0) and just below the reduction
        // boundaries, where k ln 2 and l have opposite signs, the sum must stay accurate
        // relative to the (tiny) entropy.
        let mut cases: Vec<Vec<f64>> = Vec::new();
        for e in [1e-3, 1e-7, 1e-10, 1e-13, 1e-16] {
            cases.push(vec![1.0 - e, e]);
            cases.push(vec![e / 4.0, 1.0 - e, 3.0 * e / 4.0]);
        }
        for w in [0.766, 0.7656, 0.77, 0.9, 0.98, 0.999] {
            let mut v = vec![w];
            v.extend([(1.0 - w) / 9.0; 9]);
            cases.push(v);
        }
        for level in Level::all_supported() {
            for p in &cases {
                let fast = entropy_pass_at(level, p.as_slice());
                let slow = scalar::entropy_pass(p.as_slice());
                assert!(
                    close(fast.acc, slow.acc, 2e-15),
                    "{level:?} {p:?}: {} vs {}",
                    fast.acc,
                    slow.acc
                );
                // The cross-entropy pass splits ln q the same way: H(p, p) = H(p).
                let fast = cross_entropy_pass_at(level, p.as_slice(), p.as_slice());
                assert!(
                    close(fast.acc, slow.acc, 2e-15),
                    "{level:?} cross-entropy {p:?}: {} vs {}",
                    fast.acc,
                    slow.acc
                );
            }
        }
    }

    #[test]
    fn exact_on_small_cases() {
        for level in Level::all_supported() {
            let r = entropy_pass_at(level, &[0.25f64; 4]);
            assert_eq!(r.sum_p, 1.0);
            assert!(close(r.acc, -core::f64::consts::LN_2 * 2.0, 1e-16));
            let r = entropy_pass_at::<f32>(level, &[]);
            assert_eq!((r.sum_p, r.acc, r.bad, r.inf), (0.0, 0.0, false, false));
            assert!(r.sum_q.is_nan());
            let r = kl_pass_at(level, &[0.5, 0.5], &[0.5, 0.5]);
            assert_eq!(r.acc, 0.0);
        }
    }

    /// Throughput, not a pass/fail test:
    /// `cargo test -p sanov --release --lib kernels::simd::tests::speed -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing printout"]
    fn speed() {
        use crate::par::Par;
        use std::time::Instant;
        fn time(mut f: impl FnMut() -> f64, n: usize) -> f64 {
            let mut best = f64::INFINITY;
            let mut sink = 0.0;
            for _ in 0..7 {
                let t = Instant::now();
                sink += f();
                best = best.min(t.elapsed().as_secs_f64());
            }
            assert!(sink.is_finite());
            best * 1e9 / n as f64
        }
        let mut rng = Rng(1);
        for n in [1_000_000, 10_000_000] {
            let p: Vec<f64> = (0..n).map(|_| rng.unit() + 1e-3).collect();
            let q: Vec<f64> = (0..n).map(|_| rng.unit() + 1e-3).collect();
            let p32: Vec<f32> = p.iter().map(|&x| x as f32).collect();
            let q32: Vec<f32> = q.iter().map(|&x| x as f32).collect();
            let pars = vec![Par::Seq, Par::rayon(2)];
            for par in pars {
                for level in Level::all_supported() {
                    let with = |f: &dyn Fn() -> Pass| f().acc;
                    let e = time(
                        || with(&|| super::super::pass::entropy_at(level, &p, par)),
                        n,
                    );
                    let k = time(
                        || with(&|| super::super::pass::kl_at(level, &p, &q, par)),
                        n,
                    );
                    let e32 = time(
                        || with(&|| super::super::pass::entropy_at(level, &p32, par)),
                        n,
                    );
                    let k32 = time(
                        || with(&|| super::super::pass::kl_at(level, &p32, &q32, par)),
                        n,
                    );
                    let c = time(
                        || with(&|| super::super::pass::cross_entropy_at(level, &p, &q, par)),
                        n,
                    );
                    println!(
                        "n={n:>8} {par:?} {level:?}: entropy {e:.3} ns/el (f32 {e32:.3}), \
                         kl {k:.3} (f32 {k32:.3}), cross-entropy {c:.3}"
                    );
                }
                let s = time(|| crate::kernels::scalar::entropy_pass(&p).acc, n);
                let sk = time(|| crate::kernels::scalar::kl_pass(&p, &q).acc, n);
                println!("n={n:>8} scalar reference, Seq: entropy {s:.3} ns/el, kl {sk:.3}");
            }
        }
    }
}
