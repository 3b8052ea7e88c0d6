#!/usr/bin/env python3
"""Independent values of the tour's own sections (crates/sanov-cli/src/tour.rs): entropy and
surprisal, binary entropy, the cross-entropy table, KL/JSD (the corrected values), the 4x4
joint table, the chain rule, Gaussian MI, the biased die, channel capacities, the Huffman code,
Fisher information and Fisher-Rao distances, and the method-of-types lines of Figure 1.

Closed forms, exact rationals and root-finding by mpmath at 50 digits; a Huffman code built
here with heapq; sanov is not imported. The Figure-1 lines are read from
crates/sanov/tests/data/types.txt, the mpmath table written by generate_types.py (which
repeats sanov's Dirichlet generator operation for operation).
Writes crates/sanov-cli/tests/data/tour/core.csv (quantity,value,tolerance; tolerance absolute).

Usage: python3 scripts/reference/tour_core.py
"""

from __future__ import annotations

import heapq
from fractions import Fraction as Fr
from pathlib import Path

import mpmath as mp

from refmath import F, h2, ln, log2
from tour_csv import fr, write

mp.mp.dps = 50
ROOT = Path(__file__).resolve().parents[2]
TYPES = ROOT / "crates" / "sanov" / "tests" / "data" / "types.txt"


def entropy_bits(ps):
    return -sum(fr(p) * log2(fr(p)) for p in ps if p)


def dec(s):
    """A decimal literal as an exact mpf ratio (0.1 -> 1/10)."""
    return fr(Fr(s))


def kl(p, q):
    return sum(a * ln(a / b) for a, b in zip(p, q) if a)


def marginal(table, axis):
    if axis == 0:
        return [sum(r) for r in table]
    return [sum(c) for c in zip(*table)]


def huffman_expected_length(probs):
    heap = [(Fr(p), i, (i,)) for i, p in enumerate(probs)]
    heapq.heapify(heap)
    depth = [0] * len(probs)
    k = len(probs)
    while len(heap) > 1:
        a, _, sa = heapq.heappop(heap)
        b, _, sb = heapq.heappop(heap)
        for s in sa + sb:
            depth[s] += 1
        heapq.heappush(heap, (a + b, k, sa + sb))
        k += 1
    return sum(Fr(p) * d for p, d in zip(probs, depth))


def rows():
    out = []
    # Entropy and surprisal (bits).
    out += [
        ("H(fair coin)", F(1), 1e-15),
        ("H(biased coin, P(heads) = 0.9)", h2(dec("0.9")), 1e-15),
        ("surprisal of heads, P = 0.9", -log2(dec("0.9")), 1e-15),
        ("surprisal of tails, P = 0.1", -log2(dec("0.1")), 1e-15),
        ("surprisal of one word of 50 000 (P = 1/50 000)", log2(50000), 1e-14),
        # a sum of 50 000 terms: a few hundred ulps of rounding
        ("H(uniform over a 50 000-word vocabulary)", log2(50000), 1e-12),
    ]
    for p in ("0.0", "0.1", "0.2", "0.3", "0.4", "0.5"):
        q = f"{1 - float(p):.1f}"
        out.append((f"h({p}) = h({q})", h2(dec(p)), 1e-15))
    # The source's cross-entropy table, class 1 true (bits), and the halving misprint.
    for q, what in (
        (("0.7", "0.2", "0.1"), "confident, right"),
        (("0.4", "0.4", "0.2"), "unsure"),
        (("0.1", "0.1", "0.8"), "confident, wrong"),
        (("0.05", "0.05", "0.9"), "very confident, wrong"),
        (("1", "0", "0"), "certain, right"),
    ):
        out.append((f"q = ({', '.join(q)}), true class 1 ({what})", -log2(dec(q[0])), 1e-14))
    out.append(("q = (0.35, 0.55, 0.1), true class 1 (q₁ = 0.7 halved)", -log2(dec("0.35")), 1e-14))
    out.append(("halving q₁ adds −log₂(p/2) − (−log₂ p) = 1 bit", log2(dec("0.7") / dec("0.35")), 1e-14))
    # KL asymmetry: the corrected values (nats).
    p = [dec("0.4"), dec("0.4"), dec("0.2")]
    q = [dec("0.33"), dec("0.33"), dec("0.34")]
    a, b = [dec("0.5"), dec("0.5")], [dec("0.9"), dec("0.1")]
    m = [(x + y) / 2 for x, y in zip(a, b)]
    out += [
        ("KL(P‖Q), P = [.4,.4,.2], Q = [.33,.33,.34]", kl(p, q), 1e-15),
        ("KL(Q‖P)", kl(q, p), 1e-15),
        ("JSD([.5,.5], [.9,.1])", (kl(a, m) + kl(b, m)) / 2, 1e-15),
        # KL(N(0,1) || N(0,s)) = ln s + 1/(2 s^2) - 1/2
        ("KL(N(0,1) ‖ N(0,σ=2))", ln(2) + F(1) / 8 - F(1) / 2, 1e-15),
        ("KL(N(0,σ=2) ‖ N(0,1))", -ln(2) + F(4) / 2 - F(1) / 2, 1e-15),
    ]
    # The 4x4 joint table (rows X, columns Y), exact.
    t = [
        [Fr(1, 8), Fr(1, 16), Fr(1, 32), Fr(1, 32)],
        [Fr(1, 16), Fr(1, 8), Fr(1, 32), Fr(1, 32)],
        [Fr(1, 16), Fr(1, 16), Fr(1, 16), Fr(1, 16)],
        [Fr(1, 4), Fr(0), Fr(0), Fr(0)],
    ]
    hx, hy = entropy_bits(marginal(t, 0)), entropy_bits(marginal(t, 1))
    hxy = entropy_bits([v for r in t for v in r])
    out += [
        ("H(X)", hx, 1e-15),
        ("H(Y)", hy, 1e-15),
        ("H(X,Y) = 27/8", hxy, 1e-14),
        ("H(X|Y) = 13/8", hxy - hy, 1e-14),
        ("H(Y|X) = 11/8", hxy - hx, 1e-14),
        ("I(X;Y) = 3/8", hx + hy - hxy, 1e-14),
    ]
    # Chain rule: XOR (exact), and a fair bit through BSC(0.1).
    h01 = h2(dec("0.1"))
    out += [
        ("XOR: I(X;Y)", F(0), 1e-15),
        ("XOR: I(X;Y|Z), conditioning creates dependence", F(1), 1e-15),
        ("XOR: co-information I(X;Y;Z)", F(-1), 1e-15),
        ("XOR: H(X,Y,Z) = H(X) + H(Y|X) + H(Z|X,Y)", F(2), 1e-15),
        ("channel (crossover 0.1): H(Y|X) = h(0.1)", h01, 1e-15),
        ("channel: H(X,Y) = H(X) + H(Y|X)", 1 + h01, 1e-15),
        ("channel: I(X;Y) = 1 − h(0.1)", 1 - h01, 1e-15),
    ]
    # Gaussian MI (bits).
    out += [
        ("ρ = 0.9", -log2(1 - dec("0.81")) / 2, 1e-15),
        ("ρ = 0.9, from the covariance [[1, .9], [.9, 1]]", -log2(1 - dec("0.81")) / 2, 1e-14),
        ("ρ = 0.5", -log2(F(3) / 4) / 2, 1e-15),
    ]
    # MaxEnt die with mean 4.8: p_x ∝ e^(λx); the solver certifies 1e-12 relative.

    def die_mean(lam):
        w = [mp.exp(lam * x) for x in range(1, 7)]
        return sum(wi * x for wi, x in zip(w, range(1, 7))) / sum(w)

    lam = mp.findroot(lambda x: die_mean(x) - dec("4.8"), F("0.5"))
    out += [("λ", lam, 1e-12), ("E[X] of the solution", dec("4.8"), 1e-12)]
    # Capacities (bits); Blahut-Arimoto stops at a certified gap of 1e-12 nats.
    out += [
        ("BSC, crossover 0.1: 1 − h(0.1)", 1 - h01, 1e-11),
        ("BSC, crossover 0.11: 1 − h(0.11)", 1 - h2(dec("0.11")), 1e-11),
        ("BEC, erasure 0.25: 1 − 0.25", F(3) / 4, 1e-11),
        ("AWGN, SNR = 3: ½ log(1 + 3)", log2(4) / 2, 1e-15),
        ("AWGN, SNR = 15", log2(16) / 2, 1e-15),
    ]
    # Huffman (Cover & Thomas, Example 5.6.1).
    probs = [Fr(1, 4), Fr(1, 4), Fr(1, 5), Fr(3, 20), Fr(3, 20)]
    out += [
        ("expected length L", fr(huffman_expected_length(probs)), 1e-14),
        ("entropy H(P) ≤ L < H(P) + 1", entropy_bits(probs), 1e-14),
    ]
    # Fisher information and Fisher-Rao distances (closed forms).
    out += [
        ("Bernoulli(0.3): I(p) = 1/(p(1−p))", 1 / (dec("0.3") * dec("0.7")), 1e-14),
        ("Normal(0, σ=2): I_μμ = 1/σ²", F(1) / 4, 1e-15),
        ("Normal(0, σ=2): I_σσ = 2/σ²", F(1) / 2, 1e-15),
        (
            "d_FR(Bernoulli(0.5), Bernoulli(0.9))",
            2 * (mp.asin(mp.sqrt(dec("0.9"))) - mp.asin(mp.sqrt(dec("0.5")))),
            1e-14,
        ),
        # sqrt(2) arccosh(1 + (Δμ²/2 + Δσ²)/(2 σ1 σ2)) = sqrt(2) arccosh(5/4) = sqrt(2) ln 2
        ("d_FR(N(0,1), N(1,1)) = √2 ln 2", mp.sqrt(2) * mp.acosh(F(5) / 4), 1e-14),
        ("d_FR(Poisson(1), Poisson(4)) = 2|√1 − √4|", F(2), 1e-14),
    ]
    # Method of types (Figure 1, D = 50 000, seed 0): the mpmath table of generate_types.py.
    fig = {}
    for line in TYPES.read_text(encoding="utf-8").splitlines():
        f = line.split()
        if f and f[0] == "fig1" and f[2] == "50000" and f[3] == "0":
            fig[(f[1], int(f[4]))] = (F(f[6]), F(f[7]))
    for panel, name in (("uniform", "uniform"), ("dirichlet", "Dirichlet(1)")):
        for n, label in ((50000, "n = D"), (1000000, "n = 20D")):
            nh, st = fig[(panel, n)]
            out.append((f"{name} P, {label}: relative error of nH", nh, 1e-14))
            out.append((f"{name} P, {label}: relative error of Stirling", st, 1e-14))
    return out


def main() -> None:
    write("core", rows())


if __name__ == "__main__":
    main()
