#!/usr/bin/env python3
"""Reference values of the tour section "Transfer entropy and information storage"
(crates/sanov-cli/src/tour/timeseries.rs), independent of sanov.

Writes crates/sanov-cli/tests/data/tour/timeseries.csv (quantity,value,tolerance).

The tour computes plug-in estimates on periodic series whose periods hold each transition with
exactly its Markov-chain probability, so the plug-in value over whole periods equals the chain's
closed form:

- Transfer entropy. y has period 4 (0,0,1,1); x_t = y_{t-1} XOR e_t with e of period 16 holding
  four 1s (E below), chosen so that over one period of 16 steps the triples
  (x_t, y_{t-1}, x_{t-1}) have exactly the frequencies of the chain in which y_{t-1} and x_{t-1}
  are fair and independent and x_t copies y_{t-1} except for a flip with probability 1/4. Then
  TE_{Y->X}(k = l = 1) = H(X_t | X_{t-1}) - H(X_t | Y_{t-1}, X_{t-1}) = 1 - h(1/4) bits.
  The tour's series have n = 16*64 + 1 steps (t = 1 .. n-1: 64 whole periods).
- Active information storage. The binary chain of period 12, (0)*6 (1)*6: one flip in every 6
  steps, fair marginals, so A_X(1) = I(X_{t-1}; X_t) = 1 - h(1/6) bits. n = 12*64 + 1.

Here both values are also recomputed from their definitions on the very series (exact
fractions for the empirical probabilities, mpmath logarithms at 50 digits) and checked against
the closed forms.

Run from the repository root:  python scripts/reference/tour_timeseries.py
"""
import pathlib
from collections import Counter
from fractions import Fraction

import mpmath as mp

mp.mp.dps = 50

E = [1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
PERIODS = 64


def h2(p):
    p = mp.mpf(p)
    return -(p * mp.log(p, 2) + (1 - p) * mp.log(1 - p, 2))


def cmi_bits(triples):
    """Plug-in I(A; B | C) in bits of the empirical distribution of (a, b, c) triples."""
    n = len(triples)
    abc = Counter(triples)
    ac = Counter((a, c) for a, _, c in triples)
    bc = Counter((b, c) for _, b, c in triples)
    cc = Counter(c for _, _, c in triples)
    total = mp.mpf(0)
    for (a, b, c), m in abc.items():
        ratio = Fraction(m * cc[c], ac[(a, c)] * bc[(b, c)])
        total += mp.mpf(m) / n * mp.log(mp.mpf(ratio.numerator) / ratio.denominator, 2)
    return total


def te_series():
    n = 16 * PERIODS + 1
    y = [(0, 0, 1, 1)[t % 4] for t in range(n)]
    x = [(0, 0, 1, 1)[(t - 1) % 4] ^ E[t % 16] for t in range(n)]
    return x, y


def main():
    x, y = te_series()
    te = cmi_bits([(x[t], y[t - 1], x[t - 1]) for t in range(1, len(x))])
    te_closed = 1 - h2(mp.mpf(1) / 4)
    assert abs(te - te_closed) < mp.mpf(10) ** -40, (te, te_closed)
    m = (0,) * 6 + (1,) * 6
    s = [m[t % 12] for t in range(12 * PERIODS + 1)]
    ais = cmi_bits([(s[t - 1], s[t], 0) for t in range(1, len(s))])
    ais_closed = 1 - h2(mp.mpf(1) / 6)
    assert abs(ais - ais_closed) < mp.mpf(10) ** -40, (ais, ais_closed)
    rows = [
        ("TE(Y→X) = 1 − h(1/4), x copies y with flips w.p. 1/4", te_closed),
        ("AIS A_X(1) = 1 − h(1/6), binary chain flipping w.p. 1/6", ais_closed),
    ]
    out = pathlib.Path("crates/sanov-cli/tests/data/tour/timeseries.csv")
    with out.open("w", encoding="utf-8") as f:
        f.write("quantity,value,tolerance\n")
        for q, v in rows:
            f.write(f'"{q}",{mp.nstr(v, 20)},1e-12\n')
    print(out.read_text())


if __name__ == "__main__":
    main()
