#!/usr/bin/env python3
"""Independent values of the tour's seeds section (crates/sanov-cli/src/tour/seeds.rs).

Exact rationals/logs by mpmath at 50 digits; the entropic CLT by the Irwin-Hall density as an
exact piecewise polynomial integrated with mpmath's tanh-sinh quadrature (as in
generate_seeds.py). Writes crates/sanov-cli/tests/data/tour/seeds.csv
(quantity,value,tolerance; tolerance absolute).

Usage: python3 scripts/reference/tour_seeds.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import mpmath as mp

from generate_seeds import h_zn

mp.mp.dps = 50
OUT = Path(__file__).resolve().parents[2] / "crates" / "sanov-cli" / "tests" / "data" / "tour"
ln = mp.log
F = mp.mpf


def main() -> None:
    rows = [
        ("ELBO = −2 ln 2 (discrete seed example)", -2 * ln(2), 1e-14),
        ("KL(q(z|x) ‖ p(z|x)) = ln(9/4)", ln(F(9) / 4), 1e-14),
        ("ELBO + KL = ln p(x) = ln(9/16)", ln(F(9) / 16), 1e-14),
        ("CRB Bernoulli(0.3), n = 10: p(1−p)/n", F(3) / 10 * F(7) / 10 / 10, 1e-16),
        ("CRB N(1, 2²), n = 4: σ²/n for μ", F(1), 1e-15),
        ("CRB N(1, 2²), n = 4: σ²/(2n) for σ", F(1) / 2, 1e-15),
        # finite differences: 1e-7 relative (docs/definitions.md, kl_hessian)
        ("KL Hessian N(0, 2²) μμ = I_μμ = 1/σ²", F(1) / 4, 1e-8),
        ("KL Hessian N(0, 2²) σσ = I_σσ = 2/σ²", F(1) / 2, 1e-8),
        ("KL chain rule: D(p(x) ‖ q(x)) = ½ ln(4/3)", ln(F(4) / 3) / 2, 1e-15),
        (
            "KL chain rule: D(p(y|x) ‖ q(y|x) | p(x))",
            ln(F(9) / 8) / 4 + ln(2) / 2,
            1e-15,
        ),
        (
            "KL chain rule: D(p(x,y) ‖ q(x,y))",
            ln(F(4) / 3) / 2 + ln(F(9) / 8) / 4 + ln(2) / 2,
            1e-15,
        ),
        ("h(AX + b) = ln(2πe) + ln 4, X ~ N(0, I₂)", ln(2 * mp.pi * mp.e) + ln(4), 1e-14),
    ]
    for n in (1, 2, 3, 5, 10):
        rows.append(
            (f"entropic CLT: h(Z_{n}), sum of {n} U(0,1) standardised", h_zn(n), 1e-13)
        )
    rows.append(("entropic CLT limit ½ ln(2πe)", ln(2 * mp.pi * mp.e) / 2, 1e-15))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "seeds.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["quantity", "value", "tolerance"])
        for q, v, t in rows:
            w.writerow([q, mp.nstr(v, 20), repr(t)])


if __name__ == "__main__":
    main()
