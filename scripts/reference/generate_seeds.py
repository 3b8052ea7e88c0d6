#!/usr/bin/env python3
"""References for the seeds module (issue #22 items 2-4), independent of sanov.

Entropic CLT: h(Z_n) of the standardised sum of n i.i.d. U(0,1) from the Irwin-Hall density as
an exact piecewise polynomial (alternating sum with rational coefficients, evaluated at 50
digits), integrated by mpmath's tanh-sinh quadrature on each unit interval; h(Z_n) = h(S_n) -
1/2 ln(n/12).

VAE loss: torch (float64) F.binary_cross_entropy(recon, target, reduction="sum"),
F.gaussian_nll_loss(recon, target, var=ones, full=False, reduction="sum") and the seed's KL
expression -0.5*sum(1 + log_var - mu**2 - exp(log_var)) on a fixed small batch.

Writes crates/sanov/tests/data/seeds_entropic_clt.in and seeds_vae_loss.in (Rust array
literals read by include!).

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

    import torch
    import torch.nn.functional as F

    d = torch.float64
    recon = torch.tensor([0.2, 0.7, 0.9, 0.4], dtype=d)
    target = torch.tensor([0.0, 1.0, 1.0, 0.5], dtype=d)
    mu = torch.tensor([[0.1, -0.3], [0.5, 0.0]], dtype=d)
    lv = torch.tensor([[0.0, -1.0], [0.2, 0.3]], dtype=d)
    bce = F.binary_cross_entropy(recon, target, reduction="sum").item()
    gau = F.gaussian_nll_loss(recon, target, torch.ones_like(recon), reduction="sum").item()
    kl = (-0.5 * torch.sum(1 + lv - mu.pow(2) - lv.exp())).item()
    (OUT / "seeds_vae_loss.in").write_text(f"[{bce!r}, {gau!r}, {kl!r}]\n")
    print("bce", bce, "gaussian", gau, "kl", kl)


if __name__ == "__main__":
    main()
