#!/usr/bin/env python3
"""Time sanov's multivariate measures against dit, NumPy and scikit-learn, in the same run.

Needs the Python package (``pip install .`` or ``maturin develop --release``) and, for the
peers, ``pip install dit scikit-learn``. Peers that are not installed are skipped.

* a 16x16x16 joint (Dirichlet(1) cells): total correlation and co-information with
  ``sanov``, ``dit.multivariate`` and a hand-written NumPy version;
* plug-in mutual information from two int64 label arrays of 1e7 values, K = 100 categories:
  ``sanov.mutual_information_from_labels``, ``sklearn.metrics.mutual_info_score`` and a NumPy
  ``bincount`` version; and K = 10 000 (sanov and sklearn only: NumPy's K x K table is 800 MB).

Each time is the median of several timeit repeats; the table lists the targets of the
multivariate issue. Usage: python bench/python/bench_multivariate.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import statistics
import subprocess
import timeit
from itertools import combinations

import numpy as np

import sanov

SEED = 20261123


def time_call(fn, repeats, min_sample=0.05):
    fn()
    t0 = timeit.default_timer()
    fn()
    one = max(timeit.default_timer() - t0, 1e-9)
    number = max(1, math.ceil(min_sample / one))
    return statistics.median(timeit.Timer(fn).repeat(repeat=repeats, number=number)) / number


def np_entropy(p):
    p = p[p > 0]
    return -np.dot(p, np.log(p))


def np_total_correlation(j):
    n = j.ndim
    singles = sum(np_entropy(j.sum(axis=tuple(a for a in range(n) if a != i))) for i in range(n))
    return singles - np_entropy(j.ravel())


def np_co_information(j):
    n = j.ndim
    total = 0.0
    for r in range(1, n + 1):
        for s in combinations(range(n), r):
            m = j.sum(axis=tuple(a for a in range(n) if a not in s)) if r < n else j
            total += (-1) ** (r + 1) * np_entropy(np.ravel(m))
    return total


def np_mi_bincount(x, y, k):
    c = np.bincount(x * k + y, minlength=k * k).astype(np.float64)
    n = c.sum()
    cx = c.reshape(k, k).sum(axis=1)
    cy = c.reshape(k, k).sum(axis=0)
    nz = np.nonzero(c)[0]
    cc = c[nz]
    return float(np.sum(cc / n * np.log(n * cc / (cx[nz // k] * cy[nz % k]))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    rng = np.random.default_rng(SEED)
    rows = []

    def row(op, peer, t_peer, t_sanov, target=None, agree=None):
        rows.append((op, peer, t_peer, t_sanov, target, agree))

    j = rng.dirichlet(np.ones(16**3)).reshape(16, 16, 16)
    for op, f_sanov, f_np, dit_name in [
        ("total correlation 16^3", sanov.total_correlation, np_total_correlation, "total_correlation"),
        ("co-information 16^3", sanov.co_information, np_co_information, "coinformation"),
    ]:
        ts = time_call(lambda: f_sanov(j), args.repeats)
        target = "sanov <= 30 us"
        row(op, "NumPy hand-written", time_call(lambda: f_np(j), args.repeats), ts, target,
            abs(f_sanov(j) - f_np(j)))
        try:
            import dit

            outcomes = [tuple(int(i) for i in idx) for idx in np.ndindex(*j.shape)]
            d = dit.Distribution(outcomes, j.ravel().tolist())
            d.set_base("e")
            f_dit = getattr(dit.multivariate, dit_name)
            row(op, "dit", time_call(lambda: f_dit(d), 3, 0.0), ts, target, abs(f_sanov(j) - f_dit(d)))
        except ImportError:
            pass

    n = 10_000_000
    for k in (100, 10_000):
        x = rng.integers(0, k, n)
        y = np.where(rng.random(n) < 0.5, x, rng.integers(0, k, n))
        ts = time_call(lambda: sanov.mutual_information_from_labels(x, y), args.repeats)
        mi = sanov.mutual_information_from_labels(x, y)
        target = "sanov <= 40 ms" if k == 100 else "no K^2 table"
        if k == 100:
            row(f"MI from labels, n=1e7, K={k}", "NumPy bincount",
                time_call(lambda: np_mi_bincount(x, y, k), 3), ts, target,
                abs(mi - np_mi_bincount(x, y, k)))
        try:
            from sklearn.metrics import mutual_info_score

            row(f"MI from labels, n=1e7, K={k}", "sklearn mutual_info_score",
                time_call(lambda: mutual_info_score(x, y), 1, 0.0), ts, target,
                abs(mi - mutual_info_score(x, y)))
        except ImportError:
            pass

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = "?"
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {cpu}, {os.cpu_count()} cores; date {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit}")
    print("| operation | peer | peer time | sanov time | ratio | target | |difference| |")
    print("|---|---|---|---|---|---|---|")
    fmt = lambda t: f"{t * 1e6:.1f} µs" if t < 1e-3 else f"{t * 1e3:.1f} ms"  # noqa: E731
    for op, peer, tp, ts, target, agree in rows:
        print(f"| {op} | {peer} | {fmt(tp)} | {fmt(ts)} | {tp / ts:.1f}x faster | {target} | {agree:.1e} |")


if __name__ == "__main__":
    main()
