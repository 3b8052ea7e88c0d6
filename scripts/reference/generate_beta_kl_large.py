#!/usr/bin/env python3
"""Reference values of KL(Beta(a_p, b_p) || Beta(a_q, b_q)) at large parameters (issue 17: the
hostile-input probe found wrong values near 1e300), by mpmath at 700 digits from the definition

    KL = ln B(a_q, b_q) - ln B(a_p, b_p) + (a_p - a_q) psi(a_p) + (b_p - b_q) psi(b_p)
         + (a_q - a_p + b_q - b_p) psi(a_p + b_p)

(700 digits: the terms reach 1e303 and cancel down to 1e-1). The parameters are the doubles
written in the table, taken exactly. Writes crates/sanov/tests/data/beta_kl_large.txt
(a_p b_p a_q b_q kl, one case a line), read by crates/sanov/tests/beta_kl_large.rs.

Run from the repository root:  python scripts/reference/generate_beta_kl_large.py
"""
import pathlib

import mpmath as mp

mp.mp.dps = 700

CASES = [
    (1e300, 1e300, 2.0, 3.0),
    (2.0, 3.0, 1e300, 1e300),
    (1e300, 1e300, 1e300, 2e300),
    (1e300, 2e300, 1e300, 1e300),
    (1e300, 1e300, 5e299, 5e299),
    (1e300, 1e300, 1e300, 1.0000000001e300),
    (1e300, 2.0, 1e300, 3.0),
    (1e300, 0.5, 3e299, 0.25),
    (1e15, 1e15, 2e15, 2e15),
    (1e15, 3.0, 1e15 + 4.0, 3.5),
    (123.5, 4567.25, 130.0, 4000.0),
    (1e8, 1e8, 1e8 + 1.0, 1e8),
    (0.5, 1e200, 0.75, 2e200),
    (1e300, 1e-3, 1e300, 1e-3),
]


def kl(ap, bp, aq, bq):
    ap, bp, aq, bq = (mp.mpf(v) for v in (ap, bp, aq, bq))

    def lb(a, b):
        return mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)

    return (
        lb(aq, bq) - lb(ap, bp) + (ap - aq) * mp.digamma(ap) + (bp - bq) * mp.digamma(bp)
        + (aq - ap + bq - bp) * mp.digamma(ap + bp)
    )


def main():
    out = pathlib.Path("crates/sanov/tests/data/beta_kl_large.txt")
    lines = ["# a_p b_p a_q b_q KL(Beta(a_p,b_p) || Beta(a_q,b_q)) (nats; mpmath, 700 digits)"]
    for c in CASES:
        lines.append(" ".join(repr(v) for v in c) + " " + mp.nstr(kl(*c), 20, min_fixed=-4, max_fixed=4))
    out.write_text("\n".join(lines) + "\n")
    print(out.read_text())


if __name__ == "__main__":
    main()
