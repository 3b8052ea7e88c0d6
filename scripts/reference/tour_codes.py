#!/usr/bin/env python3
"""Independent values of the tour's codes section (crates/sanov-cli/src/tour/codes.rs): MDL,
Fano, kl-inverse and PAC-Bayes-kl, Kelly, the GAN value and the Gibbs free energy.

The NML complexities are direct sums over every count vector (exact rationals, not the
Kontkanen-Myllymaki recurrence that sanov uses); roots by mpmath's findroot; everything at 50
digits, sanov not imported. Writes crates/sanov-cli/tests/data/tour/codes.csv
(quantity,value,tolerance; tolerance absolute).

Usage: python3 scripts/reference/tour_codes.py
"""

from __future__ import annotations

import math
from fractions import Fraction as Fr

import mpmath as mp

from refmath import F, compositions, ln, log2
from tour_csv import fr, write

mp.mp.dps = 50


def nml_complexity(k, n):
    """C(k, n) = sum over count vectors of n!/prod h! * prod (h/n)^h, exactly (0^0 = 1)."""
    total = Fr(0)
    for hs in compositions(n, k):
        coef = math.factorial(n)
        for h in hs:
            coef //= math.factorial(h)
        term = Fr(coef)
        for h in hs:
            term *= Fr(h, n) ** h
        total += term
    return total


def kl_bern(p, q):
    p, q = F(p), F(q)
    a = p * ln(p / q) if p > 0 else F(0)
    return a + (1 - p) * ln((1 - p) / (1 - q))


def kl_inv(p, c):
    return mp.findroot(lambda q: kl_bern(p, q) - c, (F(p) + F(10) ** -30, 1 - F(10) ** -30), solver="anderson")


def rows():
    out = []
    c2_10 = nml_complexity(2, 10)
    c3_20 = nml_complexity(3, 20)
    counts, n = (7, 3), 10
    nll_nats = -sum(h * ln(F(h) / n) for h in counts)
    out += [
        ("NML complexity log₂ C(2, 10) of the Bernoulli model, n = 10", log2(fr(c2_10)), 1e-13),
        ("NML complexity log₂ C(3, 20)", log2(fr(c3_20)), 1e-13),
        ("NML code length of counts (7, 3)", nll_nats / ln(2) + log2(fr(c2_10)), 1e-13),
        ("two-part code length of counts (7, 3): −log₂ P + ½ log₂ 10", (nll_nats + ln(10) / 2) / ln(2), 1e-13),
        ("bits per byte, 700 nats over 4 000 bytes", F(700) / (ln(2) * 4000), 1e-15),
        ("bits per character, 700 nats over 3 500 characters", F(700) / (ln(2) * 3500), 1e-15),
    ]
    # Fano, |X| = 4, H(X|Y) = 1 bit: h(Pe) + Pe log2 3 = 1.
    fano = mp.findroot(lambda e: -(e * log2(e) + (1 - e) * log2(1 - e)) + e * log2(3) - 1, F("0.19"))
    out.append(("Fano: least Pe with h(Pe) + Pe log₂ 3 ≥ H(X|Y) = 1 bit, |X| = 4", fano, 1e-13))
    # kl-inverse and PAC-Bayes-kl (nats).
    out.append(("kl⁻¹(0.1, 0.05): largest q with kl(0.1‖q) ≤ 0.05", kl_inv(F(1) / 10, F(5) / 100), 1e-13))
    c = (5 + ln(2 * mp.sqrt(1000) / F("0.05"))) / 1000
    out.append(
        ("PAC-Bayes-kl bound, R̂ = 0.1, KL(Q‖P) = 5, n = 1000, δ = 0.05", kl_inv(F(1) / 10, c), 1e-13)
    )
    # Kelly, 3 horses p = (1/2, 1/4, 1/4), uniform odds 3-for-1 (bits).
    p = [F(1) / 2, F(1) / 4, F(1) / 4]
    b = [F(1) / 4, F(1) / 2, F(1) / 4]
    h = -sum(x * log2(x) for x in p)
    out += [
        ("Kelly W* = log₂ 3 − H(p), p = (1/2, 1/4, 1/4), odds 3-for-1", log2(3) - h, 1e-14),
        ("Kelly W(b, p), b = (1/4, 1/2, 1/4): W* − D(p‖b)", sum(pi * log2(bi * 3) for pi, bi in zip(p, b)), 1e-14),
    ]
    # GAN value at the optimal discriminator (nats).
    pg, qg = [F(1) / 2, F(1) / 2], [F(9) / 10, F(1) / 10]
    v = sum(a * ln(a / (a + b_)) + b_ * ln(b_ / (a + b_)) for a, b_ in zip(pg, qg))
    out += [
        ("GAN value at D*: 2·JSD([.5,.5], [.9,.1]) − ln 4", v, 1e-14),
        ("GAN value at D*, p = q: −ln 4", -ln(4), 1e-14),
    ]
    # Gibbs, E = (0, 1, 2), T = 1: F = -T ln Z, U, S.
    es = [0, 1, 2]
    z = sum(mp.exp(-F(e)) for e in es)
    pr = [mp.exp(-F(e)) / z for e in es]
    free = -ln(z)
    u = sum(pi * e for pi, e in zip(pr, es))
    s = -sum(pi * ln(pi) for pi in pr)
    out += [
        ("Gibbs, E = (0, 1, 2), T = 1: free energy F = −T ln Z", free, 1e-15),
        ("Gibbs, E = (0, 1, 2), T = 1: internal energy U = Σ p E", u, 1e-15),
        ("Gibbs, E = (0, 1, 2), T = 1: entropy S = (U − F)/T", s, 1e-15),
        ("Gibbs, E = (0, 1, 2), T = 1: U − T·S = F", u - s, 1e-15),
    ]
    return out


def main() -> None:
    write("codes", rows())


if __name__ == "__main__":
    main()
