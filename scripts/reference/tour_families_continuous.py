"""Reference values of the `families_continuous` tour section, written to
`crates/sanov-cli/tests/data/tour/families_continuous.csv` (mpmath at 50 digits).

- h(cauchy(0, 1)) = ln 4π and KL(cauchy(0, 1) || cauchy(2, 1)) = ln 2 (Chyzak & Nielsen 2019);
- h(gumbel_r(0, 1)) = γ + 1;
- KL(N(0, 1) || Laplace(0, 1)) = √(2/π) − ½ − ½ ln(π/2), checked against mpmath.quad of
  φ ln(φ/laplace);
- KL(t(3, 0, 1) || t(3, 1, 1)) by mpmath.quad of p ln(p/q) (no closed form).

Run: `python scripts/reference/tour_families_continuous.py` (needs mpmath).
"""

from __future__ import annotations

import csv
import os

import mpmath as mp

mp.mp.dps = 50
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "sanov-cli", "tests", "data",
                   "tour", "families_continuous.csv")


def ln_t(nu, loc):
    nu = mp.mpf(nu)
    k = mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
    return lambda x: k - (nu + 1) / 2 * mp.log(1 + (x - loc) ** 2 / nu)


def main() -> None:
    pi = mp.pi
    lp, lq = ln_t(3, 0), ln_t(3, 1)
    t_kl = mp.quad(lambda x: mp.exp(lp(x)) * (lp(x) - lq(x)), [-mp.inf, -10, 0, 1, 10, mp.inf])
    ln_phi = lambda x: -x * x / 2 - mp.log(2 * pi) / 2  # noqa: E731
    nl = mp.quad(lambda x: mp.exp(ln_phi(x)) * (ln_phi(x) + abs(x) + mp.log(2)), [-mp.inf, 0, mp.inf])
    nl_closed = mp.sqrt(2 / pi) - mp.mpf(1) / 2 - mp.log(pi / 2) / 2
    assert abs(nl - nl_closed) < mp.mpf(10) ** -40
    rows = [
        ("h(cauchy(0, 1)) = ln(4 pi)", mp.log(4 * pi)),
        ("KL(cauchy(0, 1) || cauchy(2, 1)) = ln 2", mp.log(2)),
        ("h(gumbel_r(0, 1)) = Euler gamma + 1", mp.euler + 1),
        ("KL(N(0, 1) || Laplace(0, 1)) = sqrt(2/pi) - 1/2 - ln(pi/2)/2", nl_closed),
        ("KL(t(3, 0, 1) || t(3, 1, 1)) (quadrature)", t_kl),
    ]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quantity", "value", "tolerance"])
        for q, val in rows:
            w.writerow([q, mp.nstr(val, 20), "1e-13"])


if __name__ == "__main__":
    main()
