"""Reference values of the `mixtures` tour section, written to
`crates/sanov-cli/tests/data/tour/mixtures.csv` (mpmath at 50 digits).

KL(N((1,0), diag(1,2)) || N((0,1), diag(4,1))) from the definition
½ Σ_j (σ1²/σ2² − 1 − ln(σ1²/σ2²) + (μ1 − μ2)²/σ2²); closed form 3/4 + ½ ln 2.

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


def main() -> None:
    v = kl([1, 0], [1, 2], [0, 1], [4, 1])
    assert abs(v - (mpmath.mpf(3) / 4 + mpmath.log(2) / 2)) < mpmath.mpf(10) ** -45
    rows = [("KL(N((1,0), diag(1,2)) || N((0,1), diag(4,1))) = 3/4 + ln(2)/2", v)]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "value", "tolerance"])
        for q, val in rows:
            w.writerow([q, mpmath.nstr(val, 20), "1e-14"])


if __name__ == "__main__":
    main()
