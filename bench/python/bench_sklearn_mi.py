"""sanov.sklearn.mutual_info_classif against scikit-learn's on an N x 20 table, same run.

The table (numpy default_rng(0)): 20 features, the first C continuous (N(0, 1) + 0.5 y for the
even-numbered ones), the others integers with 2-1000 levels (even-numbered ones copy y in 20 %
of rows); binary target y. Both functions get the same discrete_features mask and
random_state=0 (so the same jitter), sanov with n_jobs=2 (2 threads) and scikit-learn with
n_jobs=1 and n_jobs=2 (joblib processes/threads over columns). Each repeat times each
function once; prints per-repeat times, medians, ranges, the per-repeat ratios, and the largest
difference of the values.

Run: python bench/python/bench_sklearn_mi.py [--rows 1000000] [--continuous 4] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from sklearn.feature_selection import mutual_info_classif as sk

import sanov.sklearn as ss


def table(rows: int, continuous: int):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, rows)
    x = np.empty((rows, 20))
    for j in range(20):
        if j < continuous:
            x[:, j] = rng.normal(size=rows) + (0.5 * y if j % 2 == 0 else 0)
        else:
            levels = int(2 + (998 * (j - continuous)) // max(1, 19 - continuous))
            v = rng.integers(0, levels, rows)
            if j % 2 == 0:
                copy = rng.random(rows) < 0.2
                v[copy] = y[copy]
            x[:, j] = v
    mask = np.arange(20) >= continuous
    return x, y, mask


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--continuous", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sk-jobs", type=int, default=2)
    a = ap.parse_args()
    x, y, mask = table(a.rows, a.continuous)
    print(f"{a.rows} rows x 20 features ({a.continuous} continuous), {a.repeats} repeats")
    ts, tk, diff = [], [], 0.0
    for r in range(a.repeats):
        t0 = time.perf_counter()
        v = ss.mutual_info_classif(x, y, discrete_features=mask, random_state=0, n_jobs=2)
        t1 = time.perf_counter()
        w = sk(x, y, discrete_features=mask, random_state=0, n_jobs=a.sk_jobs)
        t2 = time.perf_counter()
        ts.append(t1 - t0)
        tk.append(t2 - t1)
        diff = max(diff, float(np.max(np.abs(v - w))))
        print(f"  repeat {r}: sanov {ts[-1]:.3f} s, scikit-learn (n_jobs={a.sk_jobs}) "
              f"{tk[-1]:.3f} s, ratio {tk[-1] / ts[-1]:.1f}x", flush=True)
    ratios = [k / s for k, s in zip(tk, ts)]
    print(f"sanov (2 threads): median {statistics.median(ts):.3f} s "
          f"(range {min(ts):.3f}-{max(ts):.3f})")
    print(f"scikit-learn:      median {statistics.median(tk):.3f} s "
          f"(range {min(tk):.3f}-{max(tk):.3f})")
    print(f"ratio: median {statistics.median(ratios):.1f}x (range {min(ratios):.1f}-"
          f"{max(ratios):.1f}); max |difference| {diff:.2e} nats")


if __name__ == "__main__":
    main()
