#!/usr/bin/env python3
"""References for the seeds module (issue #22 items 2-4), independent of sanov.

Entropic CLT: h(Z_n) of the standardised sum of n i.i.d. U(0,1) from the Irwin-Hall density as
an exact piecewise polynomial (alternating sum with rational coefficients, evaluated at 50
digits), integrated by mpmath's tanh-sinh quadrature on each unit interval; h(Z_n) = h(S_n) -
1/2 ln(n/12).

Writes crates/sanov/tests/data/seeds_entropic_clt.in (a Rust array literal read by include!).

Usage: python3 scripts/reference/generate_seeds.py
"""

from __future__ import annotations

from math import comb, factorial
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50
OUT = Path(__file__).resolve().parents[2] / "crates" / "sanov" / "tests" / "data"


def h_zn(n: int) -> mp.mpf:
    if n == 1:
        return -mp.mpf(1) / 2 * mp.log(mp.mpf(1) / 12)

    def f(x, j):
        s = mp.mpf(0)
        for k in range(j + 1):
            s += (-1) ** k * comb(n, k) * (x - k) ** (n - 1)
        return s / factorial(n - 1)

    total = mp.mpf(0)
    for j in range(n):
        g = lambda x, j=j: (lambda v: v * mp.log(v) if v > 0 else mp.mpf(0))(f(x, j))
        total += mp.quad(g, [j, j + 1])
    return -total - mp.log(mp.mpf(n) / 12) / 2


def main() -> None:
    rows = [(n, h_zn(n)) for n in (1, 2, 3, 5, 10)]
    body = ",\n".join(f"    ({n}, {mp.nstr(v, 20, min_fixed=-5, max_fixed=5)})" for n, v in rows)
    (OUT / "seeds_entropic_clt.in").write_text("[\n" + body + ",\n]\n")
    for n, v in rows:
        print(n, mp.nstr(v, 25))


if __name__ == "__main__":
    main()
