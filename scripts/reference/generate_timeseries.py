#!/usr/bin/env python3
"""Exact reference values for sanov's discrete time-series measures (crates/sanov/src/timeseries).

Writes crates/sanov/tests/data/timeseries.txt, read by crates/sanov/tests/timeseries.rs.

Every measure is evaluated here from its definition (issue 21, docs/definitions.md), with no
code shared with the Rust implementation: the embedded tuples are listed as Python tuples, the
empirical probabilities are exact `fractions.Fraction`s (weight 1/N_obs per time step), and each
information quantity is the exact rational expression sum p ln(ratio of probabilities) with the
logarithms evaluated by mpmath at 40 digits.

- te k l delay: TE_{Y->X} = I(X_t ; Y_{t-delay-l+1..t-delay} | X_{t-k..t-1}), t = t0..n-1,
  t0 = max(k, delay + l - 1) (0-based time).
- cte k l delay m: the same conditioned also on Z_{t-m..t-1}, t0 = max(k, delay + l - 1, m).
- ais k: I(X_{t-k..t-1} ; X_t), t = k..n-1.
- te_mm: Miller-Madow form of TE: sum of the four joint entropies, each plug-in + (m - 1)/(2N).
- block L: H_L of the n - L + 1 overlapping blocks; rate L: H_L - H_{L-1} (H_0 = 0).
- lz: the LZ76 phrase count by the definition (each phrase the shortest substring starting at
  the current position that does not occur starting at an earlier position of the text before
  the phrase's last symbol; the last phrase counted even if incomplete) and c log_b(n) / n,
  b = max(2, distinct symbols).
- pe m tau: permutation entropy (Bandt & Pompe), ties ranked by position; pe_norm divides by
  ln m!.
Peer column of te / te_mm (delay 1 only; "nan" elsewhere): infomeasure's
transfer_entropy(approach="discrete" / "mm", src_hist_len=l, dest_hist_len=k), whose prop_time = 0
is sanov's delay 1.
Series come from Python's `random.Random(seed)` and are written into the table.

Run from the repository root:
    pip install mpmath numpy infomeasure
    python scripts/reference/generate_timeseries.py
"""
import math
import pathlib
import random
from collections import Counter
from fractions import Fraction

import mpmath as mp

try:
    import numpy as np
    import infomeasure as im
except ImportError:  # the peer column is optional
    im = None

mp.mp.dps = 40
OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/sanov/tests/data/timeseries.txt"


def mpln(fr):
    return mp.log(mp.mpf(fr.numerator)) - mp.log(mp.mpf(fr.denominator))


def entropy(samples):
    n = len(samples)
    c = Counter(samples)
    return -mp.fsum(Fraction(v, n) * mpln(Fraction(v, n)) for v in c.values())


def cmi(a, b, c):
    """I(A;B|C) of the empirical distribution of the triples (exact probabilities)."""
    n = len(a)
    abc = Counter(zip(a, b, c))
    ac = Counter(zip(a, c))
    bc = Counter(zip(b, c))
    cc = Counter(c)
    total = mp.mpf(0)
    for (x, y, z), m in abc.items():
        p = Fraction(m, n)
        total += p * mpln(Fraction(m * cc[z], ac[(x, z)] * bc[(y, z)]))
    return total


def mm_entropy(samples):
    return entropy(samples) + mp.mpf(len(set(samples)) - 1) / (2 * len(samples))


def hist(s, t, lo, length):
    """(s[t-lo], s[t-lo-1], ..., s[t-lo-length+1])"""
    return tuple(s[t - lo - j] for j in range(length))


def te_parts(x, y, k, l, delay, z=None, m=0):
    n = len(x)
    t0 = max(k, delay + l - 1, m)
    a = [x[t] for t in range(t0, n)]
    b = [hist(y, t, delay, l) for t in range(t0, n)]
    c = [hist(x, t, 1, k) + ((hist(z, t, 1, m)) if z is not None else ()) for t in range(t0, n)]
    return a, b, c


def te(x, y, k, l, delay, z=None, m=0):
    return cmi(*te_parts(x, y, k, l, delay, z, m))


def te_mm(x, y, k, l, delay):
    a, b, c = te_parts(x, y, k, l, delay)
    return (mm_entropy(list(zip(a, c))) + mm_entropy(list(zip(b, c))) - mm_entropy(c)
            - mm_entropy(list(zip(a, b, c))))


def ais(x, k):
    n = len(x)
    a = [hist(x, t, 1, k) for t in range(k, n)]
    b = [x[t] for t in range(k, n)]
    return cmi(a, b, [()] * len(a))


def block(x, L):
    n = len(x)
    return entropy([tuple(x[t:t + L]) for t in range(n - L + 1)])


def lz76(s):
    """Phrase count by the definition: a phrase starting at i is extended while
    s[i:i+len] occurs as a substring starting at some j < i (overlap allowed, i.e. within
    s[0 : i+len-1])."""
    n = len(s)
    i, c = 0, 0
    while i < n:
        length = 1
        while i + length <= n:
            piece = s[i:i + length]
            found = any(s[j:j + length] == piece for j in range(0, i))
            if not found:
                break
            length += 1
        c += 1
        i += length
    return c


def pe(v, m, tau):
    n = len(v)
    pats = []
    for t in range(n - (m - 1) * tau):
        w = [v[t + j * tau] for j in range(m)]
        pats.append(tuple(sorted(range(m), key=lambda j: (w[j], j))))
    return entropy(pats)


def row(x, d):
    """Multivariate series: a list of tuples, as written in the table."""
    return x


def fmt(v):
    return mp.nstr(v, 25, min_fixed=-5, max_fixed=5) if isinstance(v, mp.mpf) else str(v)


def main():
    lines = ["# generated by scripts/reference/generate_timeseries.py (exact fractions, mpmath 40 "
             "digits); nats; do not edit"]
    rng = random.Random(20261204)
    cases = []
    # (name, n, alphabet of x, y, z, coupling)
    for name, n, ax, ay, az, coupled in [
        ("binary_coupled_n60", 60, 2, 2, 2, True),
        ("ternary_n90", 90, 3, 3, 2, True),
        ("binary_indep_n40", 40, 2, 2, 2, False),
        ("wide_symbols_n50", 50, 4, 5, 3, True),
        ("short_n12", 12, 2, 3, 2, True),
    ]:
        y = [rng.randrange(ay) for _ in range(n)]
        z = [rng.randrange(az) for _ in range(n)]
        x = [0] * n
        for t in range(n):
            if coupled and t >= 2 and rng.random() < 0.7:
                x[t] = (y[t - 1] + z[t - 2]) % ax
            else:
                x[t] = rng.randrange(ax)
        # a case with large symbol values: shift by a big constant in y
        if name == "wide_symbols_n50":
            y = [v * 1000003 + 7 for v in y]
        cases.append((name, x, y, z))
    for name, x, y, z in cases:
        n = len(x)
        lines.append(f"case {name}")
        lines.append("x " + ",".join(map(str, x)))
        lines.append("y " + ",".join(map(str, y)))
        lines.append("z " + ",".join(map(str, z)))
        for k, l, delay in [(1, 1, 1), (2, 1, 1), (1, 2, 1), (2, 2, 3), (3, 1, 2), (1, 1, 4)]:
            if max(k, delay + l - 1) < n:
                peer = peer_mm = "nan"
                if im is not None and delay == 1:
                    kw = dict(src_hist_len=l, dest_hist_len=k, base="e")
                    peer = repr(float(im.transfer_entropy(np.array(y), np.array(x),
                                                          approach="discrete", **kw)))
                    peer_mm = repr(float(im.transfer_entropy(np.array(y), np.array(x),
                                                             approach="mm", **kw)))
                lines.append(f"te {k} {l} {delay} {fmt(te(x, y, k, l, delay))} {peer}")
                lines.append(f"te_mm {k} {l} {delay} {fmt(te_mm(x, y, k, l, delay))} {peer_mm}")
        for k, l, delay, m in [(1, 1, 1, 1), (1, 1, 1, 2), (2, 1, 2, 3)]:
            lines.append(f"cte {k} {l} {delay} {m} {fmt(te(x, y, k, l, delay, z, m))}")
        for k in [1, 2, 3]:
            lines.append(f"ais {k} {fmt(ais(x, k))}")
        for L in [1, 2, 3, 5]:
            lines.append(f"block {L} {fmt(block(x, L))}")
            prev = block(x, L - 1) if L > 1 else mp.mpf(0)
            lines.append(f"rate {L} {fmt(block(x, L) - prev)}")
        c = lz76(x)
        b = max(2, len(set(x)))
        norm = mp.mpf(c) * (mp.log(n) / mp.log(b)) / n
        lines.append(f"lz {c} {fmt(norm)}")
        # multivariate: (x, z) as the target tuple, y as the source
        xz = [(a, b2) for a, b2 in zip(x, z)]
        lines.append(f"te_xz_target 1 1 1 {fmt(te(xz, y, 1, 1, 1))}")
        lines.append(f"te_xz_target 2 1 1 {fmt(te(xz, y, 2, 1, 1))}")
        lines.append(f"block_yz 2 {fmt(block(list(zip(y, z)), 2))}")
    # Lempel-Ziv and permutation entropy on extra sequences
    lines.append("case lz_examples")
    for s in ["0001101001000101", "0", "01", "0000000000", "0101010101010101", "012012012210",
              "1101001110100101010010101011101010101001010101"]:
        seq = [int(ch) for ch in s]
        c = lz76(seq)
        b = max(2, len(set(seq)))
        n = len(seq)
        norm = mp.mpf(c) * (mp.log(n) / mp.log(b)) / n if n > 1 else mp.mpf(0)
        lines.append(f"lzseq {s} {c} {fmt(norm)}")
    rng2 = random.Random(7)
    for n in [7, 40, 200]:
        # values on a coarse grid to create ties
        v = [float(rng2.randrange(6)) * 0.5 - 1.0 for _ in range(n)] if n != 7 else \
            [4.0, 7.0, 9.0, 10.0, 6.0, 11.0, 3.0]
        lines.append(f"case pe_n{n}")
        lines.append("v " + ",".join(repr(a) for a in v))
        for m, tau in [(2, 1), (3, 1), (3, 2), (4, 1), (5, 3)]:
            if (m - 1) * tau < n:
                h = pe(v, m, tau)
                lines.append(f"pe {m} {tau} {fmt(h)}")
                lines.append(f"pe_norm {m} {tau} {fmt(h / mp.log(math.factorial(m)))}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT} ({len(lines)} lines)")


if __name__ == "__main__":
    main()
