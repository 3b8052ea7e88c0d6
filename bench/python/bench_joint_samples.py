#!/usr/bin/env python3
"""``sanov.joint_from_samples`` of two label columns against the memory-read floor and NumPy.

Times (median and range of ``--repeats`` calls, after one warm-up) for two columns of ``--n``
labels with ``--k`` categories each (uniform), for each dtype of ``--dtypes``:

* sanov: ``sanov.joint_from_samples(x, y, workers=w)`` for each ``w`` of ``--workers``;
* floor: reading both columns with ``w`` Python threads (``np.max`` over slices of the columns
  viewed as int64/int32/int16/int8, which releases the GIL), as in ``bench_scaling.py``: the
  time just to read the bytes sanov reads;
* numpy: the same joint by ``np.unique(x, return_inverse=True)`` per column, the cell code
  ``ix * K_y + iy`` and ``np.bincount(code, minlength=K_x * K_y) / n`` (one thread; checked equal
  to sanov's table bit for bit).

Needs numpy and sanov. Peak memory about 5 × the two columns' int64 size (NumPy's inverses and
codes). Usage: python bench/python/bench_joint_samples.py [--n 1e8] [--k 100] [--repeats 5]
[--workers 1 2] [--dtypes int64 uint8] [--no-numpy]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import sanov
from bench_scaling import timed  # same warm-up and timing as the scaling bench


def fmt(ts):
    return f"{statistics.median(ts) * 1e3:9.1f} [{min(ts) * 1e3:.1f}, {max(ts) * 1e3:.1f}]"


def read_floor(arrays, w, repeats):
    views = []
    for a in arrays:
        size = a.dtype.itemsize
        views.append(a.view({8: np.int64, 4: np.int32, 2: np.int16, 1: np.int8}[size]))
    pieces = []
    for v in views:
        step = -(-len(v) // w)
        pieces += [v[i : i + step] for i in range(0, len(v), step)]
    pool = ThreadPoolExecutor(max_workers=w)
    try:
        return timed(lambda: list(pool.map(np.max, pieces)), repeats)
    finally:
        pool.shutdown()


def numpy_joint(x, y):
    ux, ix = np.unique(x, return_inverse=True)
    uy, iy = np.unique(y, return_inverse=True)
    code = ix.ravel().astype(np.int64) * len(uy) + iy.ravel()
    counts = np.bincount(code, minlength=len(ux) * len(uy)).reshape(len(ux), len(uy))
    return counts / len(x), [ux, uy]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=float, default=1e8)
    ap.add_argument("--k", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--dtypes", nargs="+", default=["int64", "uint8"])
    ap.add_argument("--no-numpy", action="store_true")
    args = ap.parse_args()
    n = int(args.n)
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = "?"
    print(f"# {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}; n = {n:.0e}, K = {args.k}, {args.repeats} repeats")
    print("# times in ms: median [min, max]")
    rng = np.random.default_rng(0)
    x64 = rng.integers(0, args.k, n)
    y64 = rng.integers(0, args.k, n)
    for dt in args.dtypes:
        x, y = x64.astype(dt, copy=False), y64.astype(dt, copy=False)
        ref = None
        for w in args.workers:
            got = sanov.joint_from_samples(x, y, workers=w)
            ref = got if ref is None else ref
            assert np.array_equal(got[0], ref[0])
            ts = timed(lambda: sanov.joint_from_samples(x, y, workers=w), args.repeats)
            fl = read_floor([x, y], w, args.repeats)
            ratio = statistics.median(ts) / statistics.median(fl)
            print(f"{dt:>6} sanov workers={w}: {fmt(ts)}   floor {w} threads: {fmt(fl)}   "
                  f"sanov/floor {ratio:.2f}")
        if not args.no_numpy:
            want = numpy_joint(x, y)
            assert np.array_equal(want[0], ref[0]), "numpy and sanov differ"
            ts = timed(lambda: numpy_joint(x, y), max(1, min(args.repeats, 3)))
            print(f"{dt:>6} numpy unique+bincount: {fmt(ts)}")
        del x, y


if __name__ == "__main__":
    main()
