"""Small helpers shared by the reference scripts (tour_*.py, generate_codes.py): mpmath
shorthands, the binary logarithm and binary entropy in bits at the caller's precision
(`mp.mp.dps`), and the compositions of n into k parts. Import them with
`from refmath import ...` (the scripts' own folder is on `sys.path` when they are run)."""

from __future__ import annotations

import mpmath as mp

F = mp.mpf
ln = mp.log


def log2(x):
    return ln(x) / ln(2)


def h2(p):
    """Binary entropy in bits (0 at p = 0 and p = 1)."""
    p = F(p)
    if p in (0, 1):
        return F(0)
    return -(p * log2(p) + (1 - p) * log2(1 - p))


def compositions(n, k):
    """Every tuple of k non-negative integers summing to n, in lexicographic order."""
    if k == 1:
        yield (n,)
        return
    for h in range(n + 1):
        for rest in compositions(n - h, k - 1):
            yield (h,) + rest
