#!/usr/bin/env python3
"""References for the softmax temperature and the Gibbs state (issue #22 item 7), by mpmath
at 50 digits, independent of sanov.

softmax(x / T)_j = exp(x_j/T) / sum_k exp(x_k/T) and log_softmax(x / T) on a few rows at a
few temperatures (including small T, where x/T would overflow a float64, and large T);
Gibbs states of energy levels E at T: Z = sum exp(-E_i/T), F = -T ln Z, U = sum p_i E_i,
S = -sum p_i ln p_i (so that F = U - T S).

Writes crates/sanov/tests/data/softmax_temperature.txt, one record per line, fields
separated by " | ":
  softmax | T | x (comma-separated) | softmax | log_softmax
  gibbs | T | E | p | F | U | S
("-inf" is a logit of minus infinity, whose softmax is 0 and log-softmax -inf).

Usage: python3 scripts/reference/generate_softmax_temperature.py
"""

from __future__ import annotations

from pathlib import Path

import mpmath as mp

mp.mp.dps = 50
OUT = Path(__file__).resolve().parents[2] / "crates" / "sanov" / "tests" / "data"

ROWS = [
    [0.0, 1.0],
    [1.5, -0.25, 3.0, 0.0],
    [1000.0, 999.0, -1000.0],
    [-2.0, "-inf", 0.5, 0.5],
    [1e300, 1e300, 0.0],
]
TEMPERATURES = [1.0, 0.5, 2.0, 0.1, 10.0, 1e-3, 1e-300, 1e6]
GIBBS = [
    ([0.0, 1.0], [1.0, 0.25, 4.0, 1e-3]),
    ([0.0, 1.0, 1.0, 2.5, -0.75], [1.0, 0.3, 7.0, 1e3]),
    ([10.0, 10.5, 11.0], [0.05, 2.0]),
]


def fmt(v) -> str:
    if v == mp.ninf:
        return "-inf"
    return mp.nstr(v, 25, min_fixed=-5, max_fixed=5) if v != 0 else "0"


def softmax_row(x, t):
    y = [mp.ninf if v == "-inf" else mp.mpf(v) / t for v in x]
    m = max(v for v in y if v != mp.ninf)
    # shifted first: m + ln(sum) would lose ln(sum) against |m| = 1e600 at 50 digits
    ln_s = mp.log(mp.fsum(mp.e ** (v - m) for v in y if v != mp.ninf))
    ls = [mp.ninf if v == mp.ninf else (v - m) - ln_s for v in y]
    sm = [mp.mpf(0) if v == mp.ninf else mp.e**v for v in ls]
    return sm, ls


def main() -> None:
    lines = []
    for x in ROWS:
        for t in TEMPERATURES:
            sm, ls = softmax_row(x, mp.mpf(t))
            xs = ",".join(str(v) for v in x)
            lines.append(
                f"softmax | {t!r} | {xs} | {','.join(map(fmt, sm))} | {','.join(map(fmt, ls))}"
            )
    for e, ts in GIBBS:
        for t in ts:
            t_ = mp.mpf(t)
            w = [mp.e ** (-mp.mpf(v) / t_) for v in e]
            z = mp.fsum(w)
            p = [v / z for v in w]
            f = -t_ * mp.log(z)
            u = mp.fsum(pi * v for pi, v in zip(p, e))
            s = -mp.fsum(pi * mp.log(pi) for pi in p if pi > 0)
            es = ",".join(repr(v) for v in e)
            lines.append(
                f"gibbs | {t!r} | {es} | {','.join(map(fmt, p))} | {fmt(f)} | {fmt(u)} | {fmt(s)}"
            )
    (OUT / "softmax_temperature.txt").write_text("\n".join(lines) + "\n")
    print(len(lines), "records")


if __name__ == "__main__":
    main()
