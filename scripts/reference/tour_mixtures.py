"""Reference values of the `mixtures` tour section, written to
`crates/sanov-cli/tests/data/tour/mixtures.csv` (mpmath at 50 digits).

KL(N((1,0), diag(1,2)) || N((0,1), diag(4,1))) from the definition
½ Σ_j (σ1²/σ2² − 1 − ln(σ1²/σ2²) + (μ1 − μ2)²/σ2²); closed form 3/4 + ½ ln 2.
The entropy of N(-50,1)/2 + N(50,1)/2 by mpmath.quad of −f ln f (ln f summed in mpmath, no
underflow at 50 digits), which equals ln 2 + ½ ln(2πe) to far beyond f64; the Kolchinsky–Tracey
bounds of one N(0,1), its entropy ½ ln(2πe); the Hershey–Olsen approximation with one
component each, the Gaussian KL ln(σ2/σ1) + σ1²/(2σ2²) − ½ = ln 2 − 3/8.

Run: `python scripts/reference/tour_mixtures.py` (needs mpmath).
"""

from __future__ import annotations

import csv
import os

import mpmath

mpmath.mp.dps = 50
OUT = os.path.join(
    os.path.dirname(__file__), "..", "..", "crates", "sanov-cli", "tests", "data", "tour", "mixtures.csv"
)


def kl(m1, v1, m2, v2):
    return sum(
        (mpmath.mpf(a) / c - 1 - mpmath.log(mpmath.mpf(a) / c) + mpmath.mpf(x - y) ** 2 / c) / 2
        for x, a, y, c in zip(m1, v1, m2, v2)
    )


def far_apart_entropy():
    def f(x):
        return sum(mpmath.npdf(x, m, 1) for m in (-50, 50)) / 2

    def g(x):
        v = f(x)
        return -v * mpmath.log(v) if v > 0 else mpmath.mpf(0)

    return mpmath.quad(g, [-mpmath.inf, -58, -50, -42, 0, 42, 50, 58, mpmath.inf])


def main() -> None:
    v = kl([1, 0], [1, 2], [0, 1], [4, 1])
    assert abs(v - (mpmath.mpf(3) / 4 + mpmath.log(2) / 2)) < mpmath.mpf(10) ** -45
    h_far = far_apart_entropy()
    h_normal = mpmath.log(2 * mpmath.pi * mpmath.e) / 2
    assert abs(h_far - (mpmath.log(2) + h_normal)) < mpmath.mpf(10) ** -30
    rows = [
        ("KL(N((1,0), diag(1,2)) || N((0,1), diag(4,1))) = 3/4 + ln(2)/2", v, "1e-14"),
        ("h(N(-50,1)/2 + N(50,1)/2) by quadrature = ln 2 + ln(2 pi e)/2", h_far, "1e-12"),
        ("Kolchinsky-Tracey lower bound of one N(0,1) = ln(2 pi e)/2", h_normal, "1e-14"),
        ("Kolchinsky-Tracey upper bound of one N(0,1) = ln(2 pi e)/2", h_normal, "1e-14"),
        ("Hershey-Olsen KL(N(0,1) || N(0,4)) = ln 2 - 3/8", mpmath.log(2) - mpmath.mpf(3) / 8, "1e-14"),
    ]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "value", "tolerance"])
        for q, val, tol in rows:
            w.writerow([q, mpmath.nstr(val, 20), tol])


if __name__ == "__main__":
    main()
