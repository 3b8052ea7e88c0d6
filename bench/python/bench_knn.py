#!/usr/bin/env python3
"""Time sanov's k-NN estimators against scikit-learn and SciPy cKDTree scripts, in the same run.

* KSG mutual information (algorithm 1, k = 3) of 1-D x and y, a bivariate Gaussian with
  rho = 0.6, at n = 1e5 and 1e6:
  - ``sanov.ksg_mutual_information(x, y)`` with every thread (``workers=None``) and with
    ``workers=1``;
  - ``sklearn.feature_selection.mutual_info_regression(x[:, None], y, n_neighbors=3)``
    (standardises, jitters, KD-trees / ball trees inside);
  - a cKDTree script: ``cKDTree(xy).query(k=4, p=inf, workers=W)`` for eps, then
    ``query_ball_point(..., return_length=True, workers=W)`` on the two marginals (the usual
    NumPy/SciPy implementation), with W = the number of threads sanov uses.
* Kozachenko-Leonenko entropy at n = 1e6, d = 3, k = 3: sanov against
  ``cKDTree(x).query(x, k=4, workers=W)``.

Each time is the median of ``--repeats`` calls (sklearn at 1e6: ``--slow-repeats``). The values
are printed too (sanov and the cKDTree script agree to ~1e-12; sklearn differs by its jitter).
Usage: python bench/python/bench_knn.py [--repeats 5] [--slow-repeats 1] [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time

import numpy as np
import scipy.special
from scipy.spatial import cKDTree
from sklearn.feature_selection import mutual_info_regression

import sanov

psi = scipy.special.digamma


def timed(f, repeats):
    times = []
    value = None
    for _ in range(repeats):
        t = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), value


def ksg_ckdtree(x, y, k, workers):
    x = x[:, None]
    y = y[:, None]
    n = len(x)
    xy = np.hstack([x, y])
    eps = cKDTree(xy).query(xy, k=k + 1, p=np.inf, workers=workers)[0][:, -1]
    r = np.nextafter(eps, 0)
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True, workers=workers) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True, workers=workers) - 1
    return psi(k) + psi(n) - np.mean(psi(nx + 1) + psi(ny + 1))


def kl_ckdtree(x, k, workers):
    n, d = x.shape
    r = cKDTree(x).query(x, k=k + 1, workers=workers)[0][:, -1]
    ln_vd = d / 2 * math.log(math.pi) - math.lgamma(1 + d / 2)
    return psi(n) - psi(k) + ln_vd + d * np.mean(np.log(r))


def row(name, t, v, ref=None):
    ratio = f"{ref / t:8.1f}x" if ref is not None else ""
    print(f"  {name:<38} {t * 1e3:10.1f} ms  {ratio:>9}  value {v:.12f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--slow-repeats", type=int, default=1)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--k", type=int, default=3)
    args = ap.parse_args()
    threads = os.cpu_count() or 1
    print(f"cores: {threads}; sanov {sanov.__version__}; k = {args.k}; medians of {args.repeats}")
    rng = np.random.default_rng(7)
    for n in args.sizes:
        a = rng.standard_normal(n)
        x = a
        y = 0.6 * a + 0.8 * rng.standard_normal(n)
        print(f"\nKSG mutual information, 1-D x and y, n = {n} (true 0.2231 nats)")
        t_s, v_s = timed(lambda: sanov.ksg_mutual_information(x, y, args.k), args.repeats)
        t_s1, v_s1 = timed(
            lambda: sanov.ksg_mutual_information(x, y, args.k, workers=1), args.repeats
        )
        reps = args.repeats if n <= 100_000 else args.slow_repeats
        t_sk, v_sk = timed(
            lambda: mutual_info_regression(x[:, None], y, n_neighbors=args.k, random_state=0)[0],
            reps,
        )
        t_ck, v_ck = timed(lambda: ksg_ckdtree(x, y, args.k, threads), max(1, reps))
        row(f"sanov (workers=None, {threads} threads)", t_s, v_s)
        row("sanov (workers=1)", t_s1, v_s1)
        row("sklearn mutual_info_regression", t_sk, v_sk)
        row(f"cKDTree script (workers={threads})", t_ck, v_ck)
        print(
            f"  speed-up of sanov (all threads): {t_sk / t_s:.1f}x vs sklearn, "
            f"{t_ck / t_s:.1f}x vs cKDTree"
        )
    n, d = 1_000_000, 3
    xk = rng.standard_normal((n, d))
    print(f"\nKozachenko-Leonenko entropy, n = {n}, d = {d} (true {1.5 * math.log(2 * math.pi * math.e):.4f})")
    t_s, v_s = timed(lambda: sanov.kozachenko_leonenko_entropy(xk, args.k), args.repeats)
    t_s1, v_s1 = timed(
        lambda: sanov.kozachenko_leonenko_entropy(xk, args.k, workers=1), args.repeats
    )
    t_ck, v_ck = timed(lambda: kl_ckdtree(xk, args.k, threads), args.slow_repeats)
    row(f"sanov (workers=None, {threads} threads)", t_s, v_s)
    row("sanov (workers=1)", t_s1, v_s1)
    row(f"cKDTree script (workers={threads})", t_ck, v_ck)
    print(f"  speed-up of sanov (all threads): {t_ck / t_s:.1f}x vs cKDTree")


if __name__ == "__main__":
    main()
