#!/usr/bin/env python3
"""Independent check of a BROJA unique information where sanov and dit disagree.

BROJA's UI(Y; X1 \\ X2) is min I_Q(Y; X1 | X2) over the distributions Q with p's (x1, y) and
(x2, y) marginals. This script parametrises that polytope by the null space of its marginal
constraints (around the feasible point p(x1,y) p(x2,y) / p(y)), minimises with SciPy's SLSQP
under Q >= 0, and prints the minimum next to sanov's value and the dit value stored in
crates/sanov/tests/data/pid.txt.

Run with the sanov wheel installed:  python scripts/reference/check_broja_scipy.py [case]
On 2026-12-04 for zeros333_0: SLSQP 0.22539250004669753 bits, sanov 0.2253925000466991
(certified gap 2e-11 nats), dit 0.2252075977610091: dit's value lies below the minimum.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import minimize

import sanov

TABLE = Path(__file__).resolve().parents[2] / "crates/sanov/tests/data/pid.txt"


def load(case: str) -> tuple[np.ndarray, float]:
    for line in TABLE.read_text().splitlines():
        f = [x.strip() for x in line.split("|")]
        if len(f) > 6 and f[0] == "broja" and f[1] == case:
            shape = tuple(int(v) for v in f[2:5])
            p = np.array([float(v) for v in f[5].split(",")]).reshape(shape)
            return p / p.sum(), float(f[7])
    raise SystemExit(f"no broja row {case!r} in {TABLE}")


def cmi_bits(q: np.ndarray) -> float:
    """I_Q(Y; X1 | X2) in bits (axes: x1, x2, y)."""
    q2y, q12, q2 = q.sum(0), q.sum(2), q.sum((0, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = q * np.log2(q * q2[None, :, None] / (q12[:, :, None] * q2y[None, :, :]))
    return float(np.where(q > 0, t, 0.0).sum())


def main() -> None:
    case = sys.argv[1] if len(sys.argv) > 1 else "zeros333_0"
    p, dit_ui = load(case)
    a, b, py = p.sum(1), p.sum(0), p.sum((0, 1))
    mask = (a[:, None, :] > 0) & (b[None, :, :] > 0)
    rows = []
    for i in range(p.shape[0]):
        for y in range(p.shape[2]):
            r = np.zeros_like(p)
            r[i, :, y] = 1
            rows.append(r[mask])
    for j in range(p.shape[1]):
        for y in range(p.shape[2]):
            r = np.zeros_like(p)
            r[:, j, y] = 1
            rows.append(r[mask])
    n = null_space(np.array(rows))
    safe_py = np.where(py > 0, py, 1.0)
    q0 = (a[:, None, :] * b[None, :, :] / safe_py[None, None, :])[mask]

    def unpack(z: np.ndarray) -> np.ndarray:
        q = np.zeros_like(p)
        q[mask] = np.clip(z, 0.0, None)
        return q

    def grad(c: np.ndarray) -> np.ndarray:
        q = unpack(np.clip(q0 + n @ c, 1e-300, None))
        return n.T @ np.log2(q / q.sum(2)[:, :, None])[mask]

    res = minimize(
        lambda c: cmi_bits(unpack(q0 + n @ c)),
        np.zeros(n.shape[1]),
        jac=grad,
        method="SLSQP",
        constraints=[{"type": "ineq", "fun": lambda c: q0 + n @ c, "jac": lambda c: n}],
        options={"ftol": 1e-16, "maxiter": 10000},
    )
    s = sanov.partial_information(p, "broja", base=2)
    print(f"{case}: SLSQP min {res.fun!r} bits ({res.message}); sanov {s['unique_1']!r} "
          f"(gap {s['gap']:.1e} nats); dit {dit_ui!r}")


if __name__ == "__main__":
    main()
