"""Shared by scripts/reference/tour_*.py: exact rationals as mpf, and the CSV writer of
crates/sanov-cli/tests/data/tour/<name>.csv (quantity,value,tolerance; value to 20 significant
digits, tolerance absolute), the format tests/tour_reference.rs reads."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import mpmath as mp

OUT = Path(__file__).resolve().parents[2] / "crates" / "sanov-cli" / "tests" / "data" / "tour"


def fr(v: Fraction) -> mp.mpf:
    """An exact Fraction as an mpf at the current precision."""
    return mp.mpf(v.numerator) / v.denominator


def write(name: str, rows) -> None:
    """Writes `rows` of (quantity, value, tolerance) to tests/data/tour/<name>.csv."""
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["quantity", "value", "tolerance"])
        for q, v, t in rows:
            w.writerow([q, mp.nstr(mp.mpf(v), 20), repr(t)])
