#!/usr/bin/env python3
"""Reference values of the tour section "Binomial-type families"
(crates/sanov-cli/src/tour/families_discrete.rs), independent of sanov.

Writes crates/sanov-cli/tests/data/tour/families_discrete.csv (quantity,value,tolerance).

Each value is computed from its definition with exact fractions for the probabilities and
mpmath logarithms at 50 digits, and checked against its closed form:
- H(Binomial(2, 1/2)): probabilities 1/4, 1/2, 1/4, so 3/2 bits.
- KL(Binomial(10, 1/2) || Binomial(10, 1/4)) = 10 kl(1/2 || 1/4) = 10 - 5 log2 3 bits.
- H(NegativeBinomial(1, 1/2)): P(k) = 2^-(k+1), k >= 0, so sum (k+1) 2^-(k+1) = 2 bits
  (summed to k = 400, the rest below 1e-100).
- KL(Bernoulli(1/2) || Poisson(1)) = sum_k P(k) ln(P(k)/Q(k)) over k in {0, 1}, Q(k) = e^-1/k!:
  1/2 ln(e/2) + 1/2 ln(e/2) = 1 - ln 2 nats.

Run from the repository root:  python scripts/reference/tour_families_discrete.py
"""
import csv
import pathlib
from fractions import Fraction
from math import comb

import mpmath as mp

mp.mp.dps = 50
TOL = "1e-12"


def log2(x):
    return mp.log(mp.mpf(x.numerator) / x.denominator, 2)


def main():
    rows = []
    half, quarter = Fraction(1, 2), Fraction(1, 4)
    h = -sum(P * log2(P) for P in [comb(2, k) * half**2 for k in range(3)])
    assert abs(h - mp.mpf(3) / 2) < mp.mpf(10) ** -45
    rows.append(("H(Binomial(2, 1/2)) = 3/2, outcomes 1/4, 1/2, 1/4", h))

    kl = mp.mpf(0)
    for k in range(11):
        P = comb(10, k) * half**10
        Q = comb(10, k) * quarter**k * (1 - quarter) ** (10 - k)
        kl += mp.mpf(P.numerator) / P.denominator * log2(P / Q)
    assert abs(kl - (10 - 5 * mp.log(3, 2))) < mp.mpf(10) ** -45
    rows.append(("KL(Binomial(10, 1/2) ‖ Binomial(10, 1/4)) = 10 − 5 log2 3", kl))

    h = mp.mpf(0)
    for k in range(400):
        P = half ** (k + 1)
        h -= mp.mpf(P.numerator) / P.denominator * log2(P)
    assert abs(h - 2) < mp.mpf(10) ** -45
    rows.append(("H(NegativeBinomial(1, 1/2)) = 2, failures before a fair coin's first head", h))

    kl = mp.mpf(0)
    for k in (0, 1):
        q = mp.e ** -1 / mp.factorial(k)
        kl += mp.mpf(1) / 2 * mp.log(mp.mpf(1) / 2 / q)
    assert abs(kl - (1 - mp.log(2))) < mp.mpf(10) ** -45
    rows.append(("KL(Bernoulli(1/2) ‖ Poisson(1)) = 1 − ln 2", kl))

    path = pathlib.Path("crates/sanov-cli/tests/data/tour/families_discrete.csv")
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["quantity", "value", "tolerance"])
        for q, v in rows:
            w.writerow([q, mp.nstr(v, 20, strip_zeros=False), TOL])
    print(f"wrote {len(rows)} rows to {path}")


if __name__ == "__main__":
    main()
