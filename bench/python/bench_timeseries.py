#!/usr/bin/env python3
"""Time sanov's time-series and spacing estimators against infomeasure, a SciPy cKDTree script
and SciPy, in the same run.

* KSG transfer entropy TE_{Y->X}, k = 4 neighbours, k = l = 1, delay 1, at n = 1e4 and 1e5
  (x_t = 0.6 y_{t-1} + noise, Gaussian):
  - ``sanov.transfer_entropy(y, x, estimator="ksg", n_neighbors=4)`` with every thread and with
    ``workers=1``;
  - ``infomeasure.transfer_entropy(y, x, approach="ksg", k=4, noise_level=False)`` (SciPy
    KDTree inside, one thread);
  - a cKDTree script of the same estimator (joint k-NN with p=inf, then strict counts by
    ``query_ball_point(nextafter(eps, 0), return_length=True)`` in the three marginals), with
    ``workers=W`` = the number of threads sanov uses.
  The three values agree to ~1e-12 (same estimator, same data).
* Plug-in transfer entropy of binary series at n = 1e6 (k = 2, l = 1): sanov vs
  infomeasure's ``approach="discrete"``.
* Spacing entropy at n = 1e6 (standard normal): ``sanov.spacing_entropy`` vs
  ``scipy.stats.differential_entropy`` for "vasicek", "ebrahimi", "van es".

Each time is the median (and range) of ``--repeats`` calls (infomeasure: ``--slow-repeats``).
Usage: python bench/python/bench_timeseries.py [--repeats 5] [--slow-repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
import scipy.special
import scipy.stats
from scipy.spatial import cKDTree

import sanov

psi = scipy.special.digamma


def timed(f, repeats):
    times, value = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times), value


def te_ckdtree(y, x, k, workers):
    """KSG / Frenzel-Pompe TE with k = l = 1, delay 1 (t = 1 .. n-1)."""
    now, xp, yp = x[1:, None], x[:-1, None], y[:-1, None]
    joint = np.hstack([now, yp, xp])
    eps = cKDTree(joint).query(joint, k=k + 1, p=np.inf, workers=workers)[0][:, -1]
    r = np.nextafter(eps, 0)

    def count(a):
        return cKDTree(a).query_ball_point(a, r, p=np.inf, return_length=True,
                                           workers=workers) - 1

    n_xz = count(np.hstack([now, xp]))
    n_yz = count(np.hstack([yp, xp]))
    n_z = count(xp)
    return psi(k) - np.mean(psi(n_xz + 1) + psi(n_yz + 1) - psi(n_z + 1))


def row(name, t, lo, hi, v, ref=None):
    ratio = f"{ref / t:8.1f}x" if ref is not None else ""
    print(f"  {name:<40} {t * 1e3:10.1f} ms [{lo * 1e3:.1f}, {hi * 1e3:.1f}] {ratio:>9}  "
          f"value {v:.12f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--slow-repeats", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--skip-infomeasure", action="store_true")
    args = ap.parse_args()
    threads = os.cpu_count() or 1
    rng = np.random.default_rng(0)
    im = None
    if not args.skip_infomeasure:
        import infomeasure as im  # noqa: PLC0415

        print(f"infomeasure {im.__version__}, SciPy {scipy.__version__}, {threads} threads")
    k = 4
    for n in args.sizes:
        y = rng.standard_normal(n)
        x = np.r_[0.0, 0.6 * y[:-1]] + 0.8 * rng.standard_normal(n)
        print(f"KSG transfer entropy, n = {n}, k = {k}, k = l = 1")
        res = {}
        res["sanov"] = timed(lambda: sanov.transfer_entropy(y, x, estimator="ksg",
                                                            n_neighbors=k), args.repeats)
        res["sanov1"] = timed(lambda: sanov.transfer_entropy(y, x, estimator="ksg",
                                                             n_neighbors=k, workers=1),
                              args.repeats)
        res["ckd"] = timed(lambda: te_ckdtree(y, x, k, threads), args.repeats)
        if im is not None:
            res["im"] = timed(lambda: im.transfer_entropy(y, x, approach="ksg", k=k,
                                                          noise_level=False, base="e"),
                              args.slow_repeats)
        ref = res["im"][0] if "im" in res else None
        row(f"sanov (workers={threads})", *res["sanov"], ref)
        row("sanov (workers=1)", *res["sanov1"], ref)
        row(f"cKDTree script (workers={threads})", *res["ckd"], ref)
        if "im" in res:
            row("infomeasure ksg", *res["im"], ref)
        print(f"  sanov / cKDTree script: {res['ckd'][0] / res['sanov'][0]:.1f}x")
    n = 1_000_000
    yb = rng.integers(0, 2, n)
    xb = np.r_[0, yb[:-1]] ^ (rng.random(n) < 0.1)
    print(f"plug-in transfer entropy, binary, n = {n}, k = 2, l = 1")
    s = timed(lambda: sanov.transfer_entropy(yb, xb, 2, 1), args.repeats)
    ref = None
    if im is not None:
        r = timed(lambda: im.transfer_entropy(yb, xb, approach="discrete", src_hist_len=1,
                                              dest_hist_len=2, base="e"), args.slow_repeats)
        ref = r[0]
    row("sanov", *s, ref)
    if im is not None:
        row("infomeasure discrete", *r, ref)
    v = rng.standard_normal(n)
    print(f"spacing entropy, n = {n}")
    for method in ["vasicek", "ebrahimi", "van es"]:
        sp = timed(lambda: scipy.stats.differential_entropy(v, method=method), args.repeats)
        ss = timed(lambda: sanov.spacing_entropy(v, method=method), args.repeats)
        s1 = timed(lambda: sanov.spacing_entropy(v, method=method, workers=1), args.repeats)
        row(f"scipy {method}", *sp)
        row(f"sanov {method} (workers={threads})", *ss, sp[0])
        row(f"sanov {method} (workers=1)", *s1, sp[0])


if __name__ == "__main__":
    main()
