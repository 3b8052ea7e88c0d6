#!/usr/bin/env python3
"""Reference values for sanov's discrete foundation (measures, divergences, losses, AWGN capacity,
Gaussian mutual information), computed with mpmath at ``mp.dps = 50`` (400 for the committed small vectors, see
``DPS_SMALL``).

How to run (from anywhere; needs only ``pip install mpmath numpy scipy``)::

    python scripts/reference/generate_discrete.py

(about 10 minutes, mostly the 1e6-element vectors; ``SANOV_REF_MAX_N=1e4`` skips the larger
generated sizes for a quick trial run, but the committed tables are the full run's). It
(re)writes, under ``crates/sanov/tests/data/``:

``vectors.txt``
    The committed input vectors, one per line: ``id dtype n v_1 ... v_n``. Values are Python
    ``repr`` (shortest round-trip) of the float64 value; ``dtype`` is ``f64`` or ``f32`` (an
    ``f32`` vector holds float32 numbers, written as their exact float64 value).
``reference.csv``
    One reference value per row: ``case,func,p,q,param,base,expected``.

    * ``p``/``q``: ``v:<id>`` (a vector of ``vectors.txt``), ``g:<kind>:<seed>:<n>:<dtype>`` (a
      generated vector, see below) or empty.
    * ``param``: per function -- ``alpha`` (Rényi), ``q`` (Tsallis), the scalar argument
      (binary_entropy, surprisal, awgn_capacity, gaussian_mutual_information), ``target`` or
      ``target;epsilon`` (losses), ``mean``/``sum``/``none`` (binary cross-entropies),
      ``n;x;y`` with space-separated indices (gaussian_mutual_information_cov, ``p`` is the
      row-major covariance).
    * ``base``: ``e``, ``2``, ``10``, another base as a float, or ``-`` for unitless quantities.
      For ``perplexity`` it is the base of the given log-probabilities.
    * ``expected``: ``repr`` of the float64 nearest the mpmath value, ``inf``, or ``v:<id>`` (a
      vector of per-element values, for the ``none`` reduction / ``*_into`` forms).
``generated.csv``
    ``spec,naive_sum,fnv`` for every generated vector used: the left-to-right float64 sum of its
    elements and an FNV-1a-style hash of their bits, so that the Rust side can check it built
    bit-identical floats.

Generated vectors (sizes 1e4 .. 1e6 are not committed, only their seed):
``g:<kind>:<seed>:<n>:<dtype>`` is built by the same float64 operations in
``crates/sanov/tests/common/mod.rs``:

1. splitmix64 with state ``seed``; each step gives a u64 ``x`` and ``u = (x >> 11) * 2**-53``.
2. weight ``w_i`` from ``u`` by ``kind``: ``u1``: ``u``; ``u3``: ``u*u*u``; ``z``: ``0`` if
   ``u < 0.25`` else ``u`` (about 25% zeros); ``s``: ``u * 1e-310`` if ``u < 0.1`` else ``u``
   (subnormal entries).
3. ``s = Neumaier(w)`` (compensated, left to right), ``p_i = w_i / s``; for ``dtype = f32``
   each ``p_i`` is then rounded to float32 (round to nearest even).

Conventions of the references:

* Every input float is converted to mpmath exactly (``mpf(float)``), parameters included
  (``alpha = 0.999`` means the float64 nearest 0.999).
* Rényi entropy, Tsallis entropy and the Hellinger distance are evaluated on the exactly
  normalised vector ``p / Σp`` (Σ in mpmath), as sanov documents. Every other function is
  evaluated on the given numbers themselves, which is what sanov documents for them (in
  particular for ``f32`` input: "the f64 value of the quantity of the f32 numbers it holds"). For
  the float64 vectors used here ``|Σp - 1|`` is a few ulps, so the two conventions agree to
  ~1e-16 relative; for float32 vectors (``|Σp - 1| ~ 1e-8``) they would not, hence the rule.
* ``0 log 0 = 0``; ``p_i > 0 = q_i`` gives ``inf`` for KL, cross-entropy and chi^2.
"""

from __future__ import annotations

import math
import os
import sys

import mpmath
import numpy as np
from mpmath import mp, mpf

# Working precision. 50 digits suffice for the generated vectors (whose results are O(1)); the
# committed hand and Dirichlet vectors mix entries like 5e-324 or 1e-300 with entries near 1, and
# their results can be as small as 1e-300, so they are computed with 400 digits (the sum
# 1 + 1e-300 must not round to 1).
DPS_LARGE = 50
DPS_SMALL = 400
mp.dps = DPS_SMALL

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "crates", "sanov", "tests", "data")

MASK64 = (1 << 64) - 1
INF = float("inf")

# ---------------------------------------------------------------------------------------------
# The deterministic generator (mirrored bit for bit in tests/common/mod.rs).


class SplitMix64:
    def __init__(self, seed: int) -> None:
        self.state = seed & MASK64

    def next_u64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def next_f64(self) -> float:
        # (x >> 11) < 2**53 converts to float exactly; the product by 2**-53 is exact.
        return float(self.next_u64() >> 11) * (2.0**-53)


def neumaier(xs) -> float:
    s = 0.0
    c = 0.0
    for x in xs:
        t = s + x
        if abs(s) >= abs(x):
            c += (s - t) + x
        else:
            c += (x - t) + s
        s = t
    return s + c


def generate(kind: str, seed: int, n: int, dtype: str) -> list[float]:
    rng = SplitMix64(seed)
    w = []
    for _ in range(n):
        u = rng.next_f64()
        if kind == "u1":
            v = u
        elif kind == "u3":
            v = u * u * u
        elif kind == "z":
            v = 0.0 if u < 0.25 else u
        elif kind == "s":
            v = u * 1e-310 if u < 0.1 else u
        else:
            raise ValueError(kind)
        w.append(v)
    s = neumaier(w)
    p = [v / s for v in w]
    if dtype == "f32":
        p = [float(x) for x in np.asarray(p, dtype=np.float64).astype(np.float32)]
    return p


def fnv(xs) -> int:
    h = 0xCBF29CE484222325
    for x in xs:
        bits = int(np.float64(x).view(np.uint64))
        h ^= bits
        h = (h * 0x100000001B3) & MASK64
    return h


def naive_sum(xs) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s


# ---------------------------------------------------------------------------------------------
# Vectors with cached mpmath values.


class Vec:
    """A float vector with its exact mpmath values, logs and sum."""

    def __init__(self, floats):
        self.f = list(floats)
        self.x = [mpf(v) for v in self.f]
        self.lx = [mpmath.log(v) if v > 0 else None for v in self.x]
        self.S = mp.fsum(self.x)
        self.lS = mpmath.log(self.S)
        self._pos = None

    def pos(self):
        """``(y, ln y)`` for the positive entries of the normalised vector ``y = x / S``."""
        if self._pos is None:
            self._pos = [(x / self.S, lx - self.lS) for x, lx in zip(self.x, self.lx) if x > 0]
        return self._pos

    def __len__(self) -> int:
        return len(self.f)


def ln_base(base: str):
    if base in ("e", "-"):
        return mpf(1)
    return mpmath.log(mpf(float(base)))


# Discrete measures. Raw convention unless stated.


def entropy(p: Vec):
    return -mp.fsum(x * l for x, l in zip(p.x, p.lx) if x > 0)


def cross_entropy(p: Vec, q: Vec):
    terms = []
    for x, y, ly in zip(p.x, q.x, q.lx):
        if x > 0:
            if y == 0:
                return mpmath.inf
            terms.append(x * ly)
    return -mp.fsum(terms)


def kl(p: Vec, q: Vec):
    terms = []
    for x, lx, y, ly in zip(p.x, p.lx, q.x, q.lx):
        if x > 0:
            if y == 0:
                return mpmath.inf
            terms.append(x * (lx - ly))
    return mp.fsum(terms)


def js(p: Vec, q: Vec):
    terms = []
    for x, lx, y, ly in zip(p.x, p.lx, q.x, q.lx):
        if x == 0 and y == 0:
            continue
        lm = mpmath.log((x + y) / 2)
        if x > 0:
            terms.append(x * (lx - lm))
        if y > 0:
            terms.append(y * (ly - lm))
    return mp.fsum(terms) / 2


def tv(p: Vec, q: Vec):
    return mp.fsum(abs(x - y) for x, y in zip(p.x, q.x)) / 2


def chi2(p: Vec, q: Vec):
    terms = []
    for x, y in zip(p.x, q.x):
        if y == 0:
            if x > 0:
                return mpmath.inf
            continue
        terms.append((x - y) ** 2 / y)
    return mp.fsum(terms)


def hellinger(p: Vec, q: Vec):  # normalised convention
    sp, sq = p.S, q.S
    t = mp.fsum((mpmath.sqrt(x / sp) - mpmath.sqrt(y / sq)) ** 2 for x, y in zip(p.x, q.x))
    return mpmath.sqrt(t / 2)


def power_sum(pos, a: float):
    """``Σ y^a`` over the positive entries."""
    if a == 2:
        return mp.fsum(y * y for y, _ in pos)
    if a == 0.5:
        return mp.fsum(mpmath.sqrt(y) for y, _ in pos)
    aa = mpf(a)
    return mp.fsum(mpmath.exp(aa * ly) for _, ly in pos)


def renyi(p: Vec, alpha: float):  # normalised convention, nats
    a = mpf(alpha)
    pos = p.pos()
    if alpha == 0:
        return mpmath.log(len(pos))
    if alpha == 1:
        return -mp.fsum(y * ly for y, ly in pos)
    if alpha == INF:
        return -max(ly for _, ly in pos)
    return mpmath.log(power_sum(pos, alpha)) / (1 - a)


def tsallis(p: Vec, q: float):  # normalised convention, no unit
    qq = mpf(q)
    pos = p.pos()
    if q == 1:
        return -mp.fsum(y * ly for y, ly in pos)
    return (1 - power_sum(pos, q)) / (qq - 1)


# Scalars.


def binary_entropy(x: float):
    v = mpf(x)
    if v == 0 or v == 1:
        return mpf(0)
    return -v * mpmath.log(v) - (1 - v) * mpmath.log(1 - v)


def surprisal(x: float):
    if x == 0:
        return mpmath.inf
    return -mpmath.log(mpf(x))


def awgn(snr: float):
    if snr == INF:
        return mpmath.inf
    return mpmath.log1p(mpf(snr)) / 2


def gmi(rho: float):
    r = mpf(rho)
    if abs(r) == 1:
        return mpmath.inf
    return -mpmath.log(1 - r * r) / 2


def gmi_cov(cov: list[float], n: int, xs: list[int], ys: list[int]):
    m = mpmath.matrix(n, n)
    for i in range(n):
        for j in range(n):
            m[i, j] = mpf(cov[i * n + j])

    def logdet(idx):
        s = mpmath.matrix(len(idx), len(idx))
        for a, i in enumerate(idx):
            for b, j in enumerate(idx):
                s[a, b] = m[i, j]
        return mpmath.log(mpmath.det(s))

    return (logdet(xs) + logdet(ys) - logdet(xs + ys)) / 2


# Losses (raw convention).


def ce_loss(probs: Vec, t: int):
    x = probs.x[t]
    return mpmath.inf if x == 0 else -probs.lx[t]


def ls_ce(probs: Vec, t: int, eps: float):
    e = mpf(eps)
    k = len(probs)
    terms = []
    for i, (x, lx) in enumerate(zip(probs.x, probs.lx)):
        w = (1 - e) + e / k if i == t else e / k
        if w == 0:
            continue
        if x == 0:
            return mpmath.inf
        terms.append(w * lx)
    return -mp.fsum(terms)


def bce_terms(y: list[float], pi: list[float]):
    out = []
    for a, b in zip(y, pi):
        a, b = mpf(a), mpf(b)
        if (a > 0 and b == 0) or (a < 1 and b == 1):
            out.append(mpmath.inf)
            continue
        t = mpf(0)
        if a > 0:
            t -= a * mpmath.log(b)
        if a < 1:
            t -= (1 - a) * mpmath.log1p(-b)
        out.append(t)
    return out


def bce_logit_terms(y: list[float], z: list[float]):
    out = []
    for a, zz in zip(y, z):
        a = mpf(a)
        if zz == INF:
            out.append(mpf(0) if a == 1 else mpmath.inf)
            continue
        if zz == -INF:
            out.append(mpf(0) if a == 0 else mpmath.inf)
            continue
        v = mpf(zz)
        # -[y ln σ(z) + (1-y) ln(1-σ(z))] = softplus(z) - y z, softplus(z) = ln(1 + e^z).
        softplus = v + mpmath.log1p(mpmath.exp(-v)) if v > 0 else mpmath.log1p(mpmath.exp(v))
        out.append(softplus - a * v)
    return out


def reduce_terms(terms, how: str):
    if any(t == mpmath.inf for t in terms):
        return mpmath.inf
    s = mp.fsum(terms)
    return s / len(terms) if how == "mean" else s


def perplexity(lp: list[float], base: str):
    if any(v == -INF for v in lp):
        return mpmath.inf
    mean = mp.fsum(mpf(v) for v in lp) / len(lp)
    return mpmath.exp(-mean * ln_base(base))


# ---------------------------------------------------------------------------------------------
# Output.


def fmt(v) -> str:
    if v == mpmath.inf:
        return "inf"
    if v == -mpmath.inf:
        return "-inf"
    f = float(v)  # mpmath rounds to nearest
    assert math.isfinite(f), v
    return repr(f)


class Tables:
    def __init__(self) -> None:
        self.vectors: dict[str, tuple[str, list[float]]] = {}
        self.rows: list[tuple[str, ...]] = []
        self.generated: dict[str, list[float]] = {}
        self.cache: dict[str, Vec] = {}

    def vec(self, vid: str, values, dtype: str = "f64") -> str:
        values = [float(v) for v in values]
        if dtype == "f32":
            values = [float(v) for v in np.asarray(values, dtype=np.float64).astype(np.float32)]
        if vid in self.vectors:
            assert self.vectors[vid] == (dtype, values), vid
        self.vectors[vid] = (dtype, values)
        return "v:" + vid

    def gen(self, kind: str, seed: int, n: int, dtype: str = "f64") -> str:
        spec = f"g:{kind}:{seed}:{n}:{dtype}"
        if spec not in self.generated:
            self.generated[spec] = generate(kind, seed, n, dtype)
        return spec

    def floats(self, spec: str) -> list[float]:
        if spec.startswith("v:"):
            return self.vectors[spec[2:]][1]
        return self.generated[spec]

    def mp(self, spec: str) -> Vec:
        if spec not in self.cache:
            self.cache[spec] = Vec(self.floats(spec))
        return self.cache[spec]

    def drop(self, *specs: str) -> None:
        for s in specs:
            self.cache.pop(s, None)

    def row(self, case, func, p="", q="", param="", base="-", expected=None) -> None:
        self.rows.append((case, func, p, q, str(param), base, expected))

    def write(self) -> None:
        os.makedirs(OUT, exist_ok=True)
        with open(os.path.join(OUT, "vectors.txt"), "w") as f:
            f.write("# Generated by scripts/reference/generate_discrete.py -- do not edit.\n")
            f.write("# id dtype n values...\n")
            for vid, (dtype, values) in self.vectors.items():
                f.write(f"{vid} {dtype} {len(values)} " + " ".join(map(repr, values)) + "\n")
        with open(os.path.join(OUT, "reference.csv"), "w") as f:
            f.write("# Generated by scripts/reference/generate_discrete.py (mpmath, dps=50).\n")
            f.write("case,func,p,q,param,base,expected\n")
            for r in self.rows:
                assert all("," not in c for c in r), r
                f.write(",".join(r) + "\n")
        with open(os.path.join(OUT, "generated.csv"), "w") as f:
            f.write("# Generated by scripts/reference/generate_discrete.py.\n")
            f.write("spec,naive_sum,fnv\n")
            for spec, values in self.generated.items():
                f.write(f"{spec},{naive_sum(values)!r},{fnv(values)}\n")


BASES = ["e", "2", "10", "3.0", "0.5"]
RENYI_ALPHAS = [0.0, 1e-300, 0.25, 0.5, 0.999, 0.9999999, 1.0, 1.0000001, 1.001, 1.5, 2.0, 3.0,
                10.0, 100.0, 1e300, INF]
TSALLIS_QS = [-0.5, 0.0, 0.5, 0.999, 1.0, 1.001, 2.0, 3.0, 1e300]
PAIR_FUNCS = ["cross_entropy", "kl_divergence", "js_divergence", "js_distance",
              "hellinger_distance", "total_variation_distance", "chi2_divergence"]


def nats_of(func: str, p: Vec, q: Vec):
    return {
        "cross_entropy": cross_entropy,
        "kl_divergence": kl,
        "js_divergence": js,
        "js_distance": js,
        "hellinger_distance": hellinger,
        "total_variation_distance": tv,
        "chi2_divergence": chi2,
    }[func](p, q)


def pair_value(func: str, nats_value, base: str):
    if func in ("hellinger_distance", "total_variation_distance", "chi2_divergence"):
        return nats_value
    v = nats_value / ln_base(base)
    if func == "js_distance":
        return mpmath.sqrt(v)
    return v


def add_single(t: Tables, case: str, p: str, bases=BASES, alphas=RENYI_ALPHAS,
               qs=TSALLIS_QS) -> None:
    pv = t.mp(p)
    h = entropy(pv)
    for b in bases:
        t.row(case, "entropy", p, base=b, expected=fmt(h / ln_base(b)))
    for a in alphas:
        r = renyi(pv, a)
        for b in bases[:2]:
            t.row(case, "renyi_entropy", p, param=repr(a), base=b, expected=fmt(r / ln_base(b)))
    for qq in qs:
        t.row(case, "tsallis_entropy", p, param=repr(qq), expected=fmt(tsallis(pv, qq)))


def add_pair(t: Tables, case: str, p: str, q: str, bases=("e", "2"), funcs=PAIR_FUNCS) -> None:
    pv, qv = t.mp(p), t.mp(q)
    for func in funcs:
        nv = nats_of(func, pv, qv)
        fb = bases if func not in ("hellinger_distance", "total_variation_distance",
                                   "chi2_divergence") else ["-"]
        for b in fb:
            t.row(case, func, p, q, base=b, expected=fmt(pair_value(func, nv, b)))


def hand_cases(t: Tables) -> None:
    vs = {
        "uniform4": [0.25] * 4,
        "onehot3": [0.0, 1.0, 0.0],
        "zeros4": [0.5, 0.0, 0.5, 0.0],
        "single": [1.0],
        "subnormal2": [5e-324, 1.0],
        "subnormal4": [0.5, 0.5, 5e-324, 1e-310],
        "tiny2": [1e-300, 1.0],
        "skewed2": [0.999999, 1e-06],
        "worked_p": [0.4, 0.4, 0.2],
        "worked_q": [0.33, 0.33, 0.34],
        "half": [0.5, 0.5],
        "ninety": [0.9, 0.1],
        "onehot2": [1.0, 0.0],
        "within_tol": [0.5, 0.5 + 4e-10],
        "dyadic_p": [0.5, 0.25, 0.25],
        "dyadic_q": [0.5 + 2.0**-30, 0.25 - 2.0**-30, 0.25],
        "decimal10": [0.1] * 10,
        "tiny20": [1e-20, 1.0],
    }
    for k, v in vs.items():
        t.vec(k, v)
    for k in vs:
        if k in ("dyadic_q",):
            continue
        add_single(t, "hand_" + k, "v:" + k, bases=["e", "2"] if k != "uniform4" else BASES)
    pairs = [
        ("worked", "worked_p", "worked_q"),
        ("worked_rev", "worked_q", "worked_p"),
        ("coin", "half", "ninety"),
        ("p_pos_q_zero", "half", "onehot2"),
        ("p_zero_q_pos", "onehot2", "half"),
        ("same", "worked_p", "worked_p"),
        ("zeros_vs_uniform", "zeros4", "uniform4"),
        ("uniform_vs_zeros", "uniform4", "zeros4"),
        ("near_equal_dyadic", "dyadic_p", "dyadic_q"),
        ("within_tol_vs_half", "within_tol", "half"),
        ("subnormal_vs_tiny", "subnormal2", "tiny2"),
        ("tiny_vs_subnormal", "tiny2", "subnormal2"),
        ("onehot_vs_onehot", "onehot2", "onehot2"),
        ("half_vs_tiny20", "half", "tiny20"),
    ]
    for name, a, b in pairs:
        add_pair(t, "hand_" + name, "v:" + a, "v:" + b)
    # The f32 worked example (computed on the f32 numbers).
    t.vec("worked_p_f32", vs["worked_p"], "f32")
    t.vec("worked_q_f32", vs["worked_q"], "f32")
    add_pair(t, "hand_worked_f32", "v:worked_p_f32", "v:worked_q_f32",
             funcs=["cross_entropy", "kl_divergence"])
    add_single(t, "hand_worked_f32", "v:worked_p_f32", alphas=[], qs=[])


def dirichlet_cases(t: Tables) -> None:
    rng = np.random.default_rng(20240611)
    for n in (2, 3, 10, 100, 1000):
        for alpha in (1.0, 0.1):
            tag = f"dir_a{alpha:g}_n{n}"
            p = t.vec(tag + "_p", rng.dirichlet([alpha] * n))
            q = t.vec(tag + "_q", rng.dirichlet([alpha] * n))
            if n <= 100 or alpha == 1.0:
                add_single(t, tag, p, bases=["e", "2", "3.0"])
            else:
                add_single(t, tag, p, bases=["e"], alphas=[0.0, 0.5, 1.0, 2.0, INF],
                           qs=[0.5, 2.0])
            add_pair(t, tag, p, q)
            add_pair(t, tag + "_rev", q, p, bases=("e",))
            # f32 copies: reference on the f32-rounded numbers.
            p32 = t.vec(tag + "_p_f32", t.floats(p), "f32")
            q32 = t.vec(tag + "_q_f32", t.floats(q), "f32")
            add_single(t, tag + "_f32", p32, bases=["e", "2"], alphas=[0.5, 1.0, 2.0, INF],
                       qs=[2.0])
            add_pair(t, tag + "_f32", p32, q32)


def generated_cases(t: Tables) -> None:
    mp.dps = DPS_LARGE
    max_n = int(float(os.environ.get("SANOV_REF_MAX_N", "1e6")))
    for n in (10_000, 100_000, 1_000_000):
        if n > max_n:
            continue
        big = n == 1_000_000
        seed = n
        p = t.gen("u3", seed + 1, n)
        q = t.gen("u1", seed + 2, n)
        z = t.gen("z", seed + 3, n)
        s = t.gen("s", seed + 4, n)
        tag = f"gen_n{n}"
        add_single(t, tag + "_u3", p, bases=["e", "2"],
                   alphas=[0.0, 0.5, 2.0, INF] + ([] if big else [0.999, 1.001, 10.0]),
                   qs=[2.0] + ([] if big else [0.5]))
        add_pair(t, tag + "_u3_u1", p, q)
        add_single(t, tag + "_z", z, bases=["e"], alphas=[0.0, 2.0], qs=[2.0])
        add_pair(t, tag + "_z_u1", z, q, bases=("e",),
                 funcs=["cross_entropy", "kl_divergence", "js_divergence", "chi2_divergence",
                        "hellinger_distance"])
        add_pair(t, tag + "_u1_z", q, z, bases=("e",),
                 funcs=["cross_entropy", "kl_divergence", "chi2_divergence",
                        "total_variation_distance"])
        add_single(t, tag + "_s", s, bases=["e"], alphas=[0.0], qs=[])
        add_pair(t, tag + "_s_u1", s, q, bases=("e",), funcs=["kl_divergence"])
        t.drop(p, z, s)
        # f32.
        p32 = t.gen("u3", seed + 1, n, "f32")
        q32 = t.gen("u1", seed + 2, n, "f32")
        add_single(t, tag + "_u3_f32", p32, bases=["e"], alphas=[], qs=[])
        add_pair(t, tag + "_f32", p32, q32, bases=("e",),
                 funcs=["cross_entropy", "kl_divergence"])
        t.drop(q, p32, q32)
        print(f"  generated n={n}", file=sys.stderr)


def scalar_cases(t: Tables) -> None:
    xs = [0.0, 5e-324, 1e-300, 1e-10, 0.1, 0.3, 0.5, 0.7, 0.9, 1 - 1e-10, 1 - 2.0**-53, 1.0]
    for x in xs:
        for b in ("e", "2", "10"):
            t.row("binary_entropy", "binary_entropy", param=repr(x), base=b,
                  expected=fmt(binary_entropy(x) / ln_base(b)))
            t.row("surprisal", "surprisal", param=repr(x), base=b,
                  expected=fmt(surprisal(x) / ln_base(b)))
    for snr in (0.0, 1e-20, 1e-05, 0.5, 1.0, 3.0, 10.0, 1000.0, 1e10, 1e300, INF):
        for b in ("e", "2", "10"):
            t.row("awgn_capacity", "awgn_capacity", param=repr(snr), base=b,
                  expected=fmt(awgn(snr) / ln_base(b)))
    for rho in (0.0, 1e-10, -1e-10, 0.1, 0.5, -0.6, 0.9, 0.999999, 1 - 2.0**-53, -1.0, 1.0):
        for b in ("e", "2"):
            t.row("gaussian_mutual_information", "gaussian_mutual_information", param=repr(rho),
                  base=b, expected=fmt(gmi(rho) / ln_base(b)))
    covs = [
        ("rho06", 2, [1.0, 0.6, 0.6, 1.0], [0], [1]),
        ("scaled", 2, [4.0, 1.2, 1.2, 9.0], [0], [1]),
        ("near_singular", 2, [1.0, 0.999999, 0.999999, 1.0], [1], [0]),
        ("three", 3, [2.0, 0.5, 0.3, 0.5, 1.5, -0.4, 0.3, -0.4, 1.0], [0], [1, 2]),
        ("four_marginal", 4, [3.0, 0.2, 0.9, -0.5,
                              0.2, 2.0, 0.1, 0.3,
                              0.9, 0.1, 1.0, 0.25,
                              -0.5, 0.3, 0.25, 1.2], [0, 2], [3]),
        ("independent", 3, [1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 3.0], [0, 1], [2]),
    ]
    for name, n, cov, xi, yi in covs:
        vid = t.vec("cov_" + name, cov)
        param = f"{n};{' '.join(map(str, xi))};{' '.join(map(str, yi))}"
        v = gmi_cov(cov, n, xi, yi)
        for b in ("e", "2"):
            t.row("gmi_cov_" + name, "gaussian_mutual_information_cov", vid, param=param,
                  base=b, expected=fmt(v / ln_base(b)))


def loss_cases(t: Tables) -> None:
    probs = {
        "three": [0.7, 0.2, 0.1],
        "zero_entry": [0.6, 0.0, 0.4],
        "tiny": [1 - 1e-12, 1e-12],
    }
    rng = np.random.default_rng(7)
    probs["dir10"] = list(rng.dirichlet([1.0] * 10))
    probs["dir1000"] = list(rng.dirichlet([0.5] * 1000))
    for name, v in probs.items():
        p = t.vec("probs_" + name, v)
        pv = t.mp(p)
        targets = sorted({0, 1, len(v) - 1, len(v) // 2})
        for tt in targets:
            for b in ("e", "2", "10", "3.0"):
                t.row("ce_loss_" + name, "cross_entropy_loss", p, param=str(tt), base=b,
                      expected=fmt(ce_loss(pv, tt) / ln_base(b)))
            for eps in (0.0, 0.1, 0.5, 1.0):
                for b in ("e", "2"):
                    t.row("ls_ce_" + name, "label_smoothed_cross_entropy", p,
                          param=f"{tt};{eps!r}", base=b,
                          expected=fmt(ls_ce(pv, tt, eps) / ln_base(b)))
    # Binary cross-entropy.
    rng = np.random.default_rng(11)
    bce_sets = {
        "soft": (list(rng.random(50)), list(rng.random(50))),
        "hard": ([float(x) for x in rng.integers(0, 2, 20)], list(rng.random(20))),
        "edges": ([0.0, 1.0, 0.0, 1.0, 0.5, 1e-300], [0.0, 1.0, 1e-300, 1 - 2.0**-53, 0.5, 0.5]),
        "wrong_confident": ([1.0, 0.0], [0.0, 0.5]),
        "wrong_confident2": ([0.0, 0.3], [1.0, 0.5]),
    }
    for name, (y, pi) in bce_sets.items():
        vy = t.vec(f"bce_{name}_y", y)
        vp = t.vec(f"bce_{name}_pi", pi)
        terms = bce_terms(t.floats(vy), t.floats(vp))
        for b in ("e", "2"):
            for how in ("mean", "sum"):
                t.row("bce_" + name, "binary_cross_entropy", vy, vp, param=how, base=b,
                      expected=fmt(reduce_terms(terms, how) / ln_base(b)))
            eid = t.vec(f"bce_{name}_none_{b}", [
                math.inf if x == mpmath.inf else float(x / ln_base(b)) for x in terms])
            t.row("bce_" + name, "binary_cross_entropy", vy, vp, param="none", base=b,
                  expected=eid)
    logit_sets = {
        "soft": (list(rng.random(50)), list(rng.normal(0.0, 5.0, 50))),
        "large": ([0.0, 1.0, 0.0, 1.0, 0.5, 0.25], [1000.0, -1000.0, -1000.0, 1000.0, 800.0,
                                                    -1e300]),
        "tiny": ([1.0, 0.0, 0.5], [1e-20, -1e-20, 5e-324]),
        "infinite_ok": ([1.0, 0.0], [INF, -INF]),
        "infinite_wrong": ([0.0, 0.5], [INF, 0.0]),
    }
    for name, (y, z) in logit_sets.items():
        vy = t.vec(f"bcel_{name}_y", y)
        vz = t.vec(f"bcel_{name}_z", z)
        terms = bce_logit_terms(t.floats(vy), t.floats(vz))
        for b in ("e", "2"):
            for how in ("mean", "sum"):
                t.row("bcel_" + name, "binary_cross_entropy_with_logits", vy, vz, param=how,
                      base=b, expected=fmt(reduce_terms(terms, how) / ln_base(b)))
            eid = t.vec(f"bcel_{name}_none_{b}", [
                math.inf if x == mpmath.inf else float(x / ln_base(b)) for x in terms])
            t.row("bcel_" + name, "binary_cross_entropy_with_logits", vy, vz, param="none",
                  base=b, expected=eid)
    # Perplexity: log-probabilities in each base.
    rng = np.random.default_rng(13)
    probs = list(rng.dirichlet([1.0] * 200))
    for b in ("e", "2", "10", "3.0"):
        lb = mpmath.log(mpf(float(b))) if b != "e" else mpf(1)
        lp = [float(mpmath.log(mpf(x)) / lb) for x in probs]
        v = t.vec(f"logprobs_{b}", lp)
        t.row("perplexity_dir200", "perplexity", v, base=b, expected=fmt(perplexity(lp, b)))
    t.vec("logprobs_uniform4", [math.log(0.25)] * 10)
    t.row("perplexity_uniform4", "perplexity", "v:logprobs_uniform4", base="e",
          expected=fmt(perplexity([math.log(0.25)] * 10, "e")))
    t.vec("logprobs_neginf", [-1.0, -INF, -2.0])
    t.row("perplexity_neginf", "perplexity", "v:logprobs_neginf", base="e", expected="inf")
    t.vec("logprobs_zero", [0.0, -0.0, 0.0])
    t.row("perplexity_zero", "perplexity", "v:logprobs_zero", base="2",
          expected=fmt(perplexity([0.0, 0.0, 0.0], "2")))


def main() -> None:
    t = Tables()
    print("hand cases", file=sys.stderr)
    hand_cases(t)
    print("dirichlet cases", file=sys.stderr)
    dirichlet_cases(t)
    print("scalar cases", file=sys.stderr)
    scalar_cases(t)
    print("loss cases", file=sys.stderr)
    loss_cases(t)
    print("generated cases", file=sys.stderr)
    generated_cases(t)
    t.write()
    print(f"wrote {len(t.rows)} rows, {len(t.vectors)} vectors, {len(t.generated)} generated "
          f"specs to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
