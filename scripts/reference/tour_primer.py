#!/usr/bin/env python3
"""Independent values of the tour's primer section (crates/sanov-cli/src/tour/primer.rs).

Closed forms, exact rationals and root-finding by mpmath at 50 digits; sanov is not imported.
Writes crates/sanov-cli/tests/data/tour/primer.csv (quantity,value,tolerance; tolerance absolute).

Usage: python3 scripts/reference/tour_primer.py
"""

from __future__ import annotations

from fractions import Fraction as Fr

import mpmath as mp

from refmath import F, h2, ln, log2
from tour_csv import fr, write

mp.mp.dps = 50


def mi_bits(joint):
    """I(X;Y) in bits of a joint table (list of rows of Fractions)."""
    px = [sum(r) for r in joint]
    py = [sum(c) for c in zip(*joint)]
    s = F(0)
    for i, r in enumerate(joint):
        for j, v in enumerate(r):
            if v:
                s += fr(v) * log2(fr(v) / (fr(px[i]) * fr(py[j])))
    return s


def bsc(e):
    return [[1 - e, e], [e, 1 - e]]


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def rows():
    out = []
    # Data processing inequality: X uniform, X -> Y by BSC(1/10), Y -> Z by BSC(1/5).
    px = [Fr(1, 2), Fr(1, 2)]
    w1, w2 = bsc(Fr(1, 10)), bsc(Fr(1, 5))
    pxy = [[px[i] * w1[i][j] for j in range(2)] for i in range(2)]
    pxz = matmul(pxy, w2)
    ixy, ixz = mi_bits(pxy), mi_bits(pxz)
    assert abs(ixy - (1 - h2(F(1) / 10))) < F(10) ** -40
    assert abs(ixz - (1 - h2(F(26) / 100))) < F(10) ** -40
    out += [
        ("DPI, X → Y → Z through BSC(0.1) then BSC(0.2): I(X;Y) = 1 − h(0.1)", ixy, 1e-14),
        ("DPI: I(X;Z) = 1 − h(0.26), Z sees X through BSC(0.26)", ixz, 1e-14),
        ("DPI: I(X;Y) − I(X;Z) ≥ 0", ixy - ixz, 1e-14),
    ]
    # Label smoothing (PyTorch convention), q = (0.7, 0.2, 0.1), class 1, eps = 0.1, bits.
    q = [F(7) / 10, F(2) / 10, F(1) / 10]
    eps = F(1) / 10
    t = [(1 - eps) + eps / 3, eps / 3, eps / 3]
    out.append(
        (
            "label-smoothed CE, q = (0.7, 0.2, 0.1), class 1, ε = 0.1",
            -sum(ti * log2(qi) for ti, qi in zip(t, q)),
            1e-14,
        )
    )
    # Binary cross-entropy, mean over four elements, bits.
    y = [1, 0, 1, 0]
    pi = [F(9) / 10, F(2) / 10, F(6) / 10, F(4) / 10]
    bce = sum(-(yi * log2(p) + (1 - yi) * log2(1 - p)) for yi, p in zip(y, pi)) / 4
    out.append(("BCE, y = (1, 0, 1, 0), π = (0.9, 0.2, 0.6, 0.4), mean", bce, 1e-14))
    # Perplexity.
    out.append(("perplexity of a uniform model over V = 50 000 words = V", F(50000), 1e-8))
    out.append(("perplexity of log₂ q(x_t) = (−1, −1, −2, −2) = 2^1.5", F(2) ** F(1.5), 1e-14))
    # VAE KL: mu = (1/2, -1), log var = (ln 1/2, ln 2): 1/2 * sum(mu^2 + s2 - 1 - ln s2) = 7/8.
    mu = [F(1) / 2, F(-1)]
    s2 = [F(1) / 2, F(2)]
    vae = sum(m * m + s - 1 - ln(s) for m, s in zip(mu, s2)) / 2
    out.append(("VAE KL(N(μ, σ²) ‖ N(0, I)), μ = (0.5, −1), σ² = (0.5, 2)", vae, 1e-15))
    # Gibbs distribution of E = (0, 1, 2) at several temperatures: the ground-state probability.
    for temp in ("0.5", "1", "2", "10"):
        tt = F(temp)
        z = sum(mp.exp(-e / tt) for e in (0, 1, 2))
        out.append((f"Gibbs, E = (0, 1, 2), T = {temp}: p(ground state)", 1 / z, 1e-15))
    # Natural gradient of N(0, sigma = 2) in (mu, sigma), g = (1, 1): I = diag(1/4, 1/2).
    out.append(("natural gradient I⁻¹g, N(0, σ=2), g = (1, 1): μ component σ²", F(4), 1e-14))
    out.append(("natural gradient I⁻¹g, N(0, σ=2), g = (1, 1): σ component σ²/2", F(2), 1e-14))
    # Sanov: the type class of (30, 10) under a fair coin, n = 40 (nats).
    n, k = 40, (30, 10)
    exact = ln(mp.binomial(40, 10)) - 40 * ln(2)
    d = sum(F(ki) / n * ln((F(ki) / n) / (F(1) / 2)) for ki in k)
    out += [
        ("type class of P = (3/4, 1/4), n = 40, fair coin: ln Qⁿ(T(P))", exact, 1e-12),
        ("Sanov upper bound −nD(P‖Q)", -n * d, 1e-12),
        ("Sanov lower bound −nD(P‖Q) − |X| ln(n + 1)", -n * d - 2 * ln(41), 1e-12),
    ]
    # I-projection of q = (1/2, 1/4, 1/4) on {0, 1, 2} onto E[X] = 6/5.
    qp = [F(1) / 2, F(1) / 4, F(1) / 4]
    xs = [0, 1, 2]

    def mean(lam):
        w = [qi * mp.exp(lam * x) for qi, x in zip(qp, xs)]
        return sum(wi * x for wi, x in zip(w, xs)) / sum(w)

    lam = mp.findroot(lambda L: mean(L) - F(6) / 5, 0.5)
    w = [qi * mp.exp(lam * x) for qi, x in zip(qp, xs)]
    p = [wi / sum(w) for wi in w]
    dpq = sum(pi_ * ln(pi_ / qi) for pi_, qi in zip(p, qp))
    out += [
        ("I-projection of q = (1/2, 1/4, 1/4) on {0, 1, 2} onto E[X] = 1.2: λ", lam, 1e-11),
        ("I-projection: D(p*‖q) = min over E[X] = 1.2 of D(p‖q)", dpq, 1e-12),
    ]
    # Multivariate Gaussian KL: N(0, I2) || N((1, 0), [[2, 1/2], [1/2, 1]]).
    s = mp.matrix([[2, F(1) / 2], [F(1) / 2, 1]])
    si = s**-1
    dm = mp.matrix([1, 0])
    kl = (sum(si[i, i] for i in range(2)) + (dm.T * si * dm)[0] - 2 + ln(mp.det(s))) / 2
    out.append(("KL(N(0, I₂) ‖ N((1, 0), [[2, .5], [.5, 1]]))", kl, 1e-14))
    # Differential entropies (nats).
    out += [
        ("h(U(0, 1)) = ln 1", F(0), 1e-15),
        ("h(U(0, 1/2)) = ln(1/2) < 0", ln(F(1) / 2), 1e-15),
        ("h(N(0, 1)) = ½ ln(2πe)", ln(2 * mp.pi * mp.e) / 2, 1e-15),
        ("h(Exp(1)) = 1 − ln λ", F(1), 1e-15),
    ]
    # MaxEnt on the grid x = -10, -9.99, ..., 10 with E[X] = 0, E[X^2] = 1: p ∝ exp(lam2 x^2)
    # (lam1 = 0 by symmetry); lam2 solves the grid's second moment, H(p) + ln(step) follows.
    grid = [F(i) / 100 for i in range(-1000, 1001)]

    def second(l2):
        w = [mp.exp(l2 * x * x) for x in grid]
        return sum(wi * x * x for wi, x in zip(w, grid)) / sum(w)

    l2 = mp.findroot(lambda L: second(L) - 1, F(-0.5))
    w = [mp.exp(l2 * x * x) for x in grid]
    z = sum(w)
    hp = sum(-(wi / z) * ln(wi / z) for wi in w)
    out += [
        ("MaxEnt on a grid of step 0.01, E[X] = 0, E[X²] = 1: λ₂ = −1/(2σ²)", l2, 1e-10),
        ("MaxEnt on the grid: H(p) + ln 0.01 = h(N(0, 1))", hp + ln(F(1) / 100), 1e-10),
    ]
    return out


def main() -> None:
    write("primer", rows())


if __name__ == "__main__":
    main()
