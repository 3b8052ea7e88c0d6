#!/usr/bin/env python3
"""Thread scaling of sanov's heavy paths, beside their peers and a memory-read floor, in one run.

For each case, ``workers = 1, 2, 4, ..., cores`` (and ``cores`` itself), it times sanov
(median and range of ``--repeats`` calls), the read floor with the same number of threads
(Python threads each reducing a slice of the input with ``np.max``, which releases the GIL:
the time just to read the bytes sanov reads), and the peer (once per case, with its own
threading where it has any), and prints one table with the speed-up over ``workers=1`` and
the efficiency (speed-up / workers).

Cases (sizes of the full run; ``--quick`` divides the big ones by 10 and takes 3 repeats):

* ``entropy``: ``sanov.entropy(p)``, p float64 of n = 1e8 (800 MB); peer
  ``scipy.stats.entropy``; floor: reading p.
* ``kl``: ``sanov.kl_divergence(p, q)``, n = 1e8; peer ``scipy.special.rel_entr(p, q).sum()``.
* ``softmax_ce``: ``sanov.softmax_cross_entropy`` on [2048, 50257] float32 logits (412 MB);
  peer ``torch.nn.functional.cross_entropy`` (with ``torch.set_num_threads(w)``) if torch is
  installed, else a NumPy log-sum-exp formula; floor: reading the logits.
* ``ksg_1d``: KSG (algorithm 1, k = 3) of 1-D x, y at n = 1e5 (``--quick``: same);
  peer: the scipy cKDTree implementation NPEET and ennemi use (max-norm ``query`` on the joint
  sample, then ``query_ball_point(return_length=True)`` on each margin), ``workers=w``.
* ``ksg_4d``: the same with 4-D x and 4-D y, n = 1e5.
* ``mi_labels``: ``sanov.mutual_information_from_labels`` of two int64 label arrays,
  n = 1e8, K = 100 (1.6 GB); floor: reading both; peer: scikit-learn's ``mutual_info_score``
  at n = 1e7 (``--peer-n``), its time scaled by n / peer-n to be comparable (marked ``~``).
* ``huffman``: ``sanov.huffman_code_lengths`` of n = 1e7 random weights (``--huffman-n``;
  ``--quick``: 1e6); floor: reading the weights; peer: NumPy's stable ``argsort`` of the weights,
  the sort alone that a NumPy Huffman construction starts with.

Needs: numpy, scipy, scikit-learn, sanov; torch optional. Peak memory about 3 GB (full run).
Usage:  python bench/python/bench_scaling.py [--quick] [--cases entropy kl ...]
        [--repeats 5] [--workers 1 2 4] [--n 1e8] [--label-n 1e8] [--k-labels 100]
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.special
import scipy.stats
from scipy.spatial import cKDTree

import sanov

psi = scipy.special.digamma
CASES = ["entropy", "kl", "softmax_ce", "ksg_1d", "ksg_4d", "mi_labels", "huffman"]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def worker_counts(c: int) -> list[int]:
    ws, w = [], 1
    while w < c:
        ws.append(w)
        w *= 2
    ws.append(c)
    return ws


def timed(f, repeats):
    f()  # warm-up: page-ins, pools
    ts = []
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return ts


def med(ts):
    return statistics.median(ts)


_pools: dict[int, ThreadPoolExecutor] = {}


def read_floor(arrays, w, repeats):
    """Time to read every byte of `arrays` with `w` threads (np.max over int64/int32 views,
    vectorised, GIL released)."""
    views = []
    for a in arrays:
        flat = a.reshape(-1)
        views.append(flat.view(np.int64) if flat.dtype.itemsize == 8 else flat.view(np.int32))
    pieces = []
    for v in views:
        step = -(-len(v) // w)
        pieces += [v[i : i + step] for i in range(0, len(v), step)]
    pool = _pools.setdefault(w, ThreadPoolExecutor(max_workers=w))

    def run():
        list(pool.map(np.max, pieces))

    return timed(run, repeats)


def ksg_ckdtree(x, y, k, workers):
    n = len(x)
    xy = np.hstack([x, y])
    eps = cKDTree(xy).query(xy, k=k + 1, p=np.inf, workers=workers)[0][:, -1]
    r = np.nextafter(eps, 0)
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True, workers=workers) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True, workers=workers) - 1
    return psi(k) + psi(n) - np.mean(psi(nx + 1) + psi(ny + 1))


def softmax_ce_numpy(logits, target):
    z = logits.astype(np.float64)
    m = z.max(axis=1, keepdims=True)
    lse = np.log(np.exp(z - m).sum(axis=1)) + m[:, 0]
    return float(np.mean(lse - z[np.arange(len(z)), target]))


def build_cases(args, rng):
    """name -> (sanov_fn(w), floor arrays or None, peer_fn(w) or None, peer label, peer scale,
    peer threads? (bool), size label)."""
    n = int(args.n)
    out = {}
    if "entropy" in args.cases or "kl" in args.cases:
        p = rng.random(n)
        p /= p.sum()
        if "entropy" in args.cases:
            out["entropy"] = (
                lambda w: sanov.entropy(p, workers=w),
                [p],
                lambda w: scipy.stats.entropy(p),
                "scipy.stats.entropy",
                1.0,
                False,
                f"n={n:.0e} f64",
            )
        if "kl" in args.cases:
            q = rng.random(n)
            q /= q.sum()
            out["kl"] = (
                lambda w: sanov.kl_divergence(p, q, workers=w),
                [p, q],
                lambda w: float(scipy.special.rel_entr(p, q).sum()),
                "scipy rel_entr().sum()",
                1.0,
                False,
                f"n={n:.0e} f64",
            )
    if "softmax_ce" in args.cases:
        b, v = (2048, 50257) if not args.quick else (256, 50257)
        logits = rng.standard_normal((b, v), dtype=np.float32)
        target = rng.integers(0, v, b)
        try:
            import torch

            tl, tt = torch.from_numpy(logits), torch.from_numpy(target)

            def peer(w):
                torch.set_num_threads(w)
                return float(torch.nn.functional.cross_entropy(tl, tt))

            label, threaded = "torch cross_entropy", True
        except ImportError:
            peer = lambda w: softmax_ce_numpy(logits, target)  # noqa: E731
            label, threaded = "numpy log-sum-exp", False
        out["softmax_ce"] = (
            lambda w: sanov.softmax_cross_entropy(logits, target, workers=w),
            [logits],
            peer,
            label,
            1.0,
            threaded,
            f"[{b}, {v}] f32",
        )
    kn = int(args.knn_n)
    for name, d in (("ksg_1d", 1), ("ksg_4d", 4)):
        if name not in args.cases:
            continue
        a = rng.standard_normal((kn, d))
        x = a
        y = 0.6 * a + 0.8 * rng.standard_normal((kn, d))
        out[name] = (
            lambda w, x=x, y=y: sanov.ksg_mutual_information(x, y, 3, workers=w),
            None,
            lambda w, x=x, y=y: ksg_ckdtree(x, y, 3, w),
            "cKDTree (NPEET/ennemi)",
            1.0,
            True,
            f"n={kn:.0e} d={d}+{d} k=3",
        )
    if "mi_labels" in args.cases:
        ln, k = int(args.label_n), args.k_labels
        lx = rng.integers(0, k, ln)
        ly = (lx + rng.integers(0, max(2, k // 10), ln)) % k
        pn = min(int(args.peer_n), ln)
        from sklearn.metrics import mutual_info_score

        out["mi_labels"] = (
            lambda w: sanov.mutual_information_from_labels(lx, ly, workers=w),
            [lx, ly],
            lambda w: mutual_info_score(lx[:pn], ly[:pn]),
            f"sklearn mutual_info_score (n={pn:.0e}, x{ln / pn:g})",
            ln / pn,
            False,
            f"n={ln:.0e} K={k} int64",
        )
    if "huffman" in args.cases:
        hn = int(args.huffman_n) if not args.quick else int(args.huffman_n) // 10
        hp = rng.random(hn)
        hp /= hp.sum()
        out["huffman"] = (
            lambda w: sanov.huffman_code_lengths(hp, workers=w),
            [hp],
            lambda w: np.argsort(hp, kind="stable"),
            "numpy argsort(kind='stable') (the sort alone)",
            1.0,
            False,
            f"n={hn:.0e} f64",
        )
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="sizes / 10, 3 repeats")
    ap.add_argument("--cases", nargs="+", default=CASES, choices=CASES)
    ap.add_argument("--repeats", type=int, default=None)
    ap.add_argument("--workers", type=int, nargs="+", default=None)
    ap.add_argument("--n", type=float, default=None, help="entropy/KL length (1e8)")
    ap.add_argument("--label-n", type=float, default=None, help="labels length (1e8)")
    ap.add_argument("--peer-n", type=float, default=1e7, help="sklearn's labels length")
    ap.add_argument("--k-labels", type=int, default=100)
    ap.add_argument("--knn-n", type=float, default=1e5)
    ap.add_argument("--huffman-n", type=float, default=1e7, help="Huffman symbols (1e7)")
    ap.add_argument("--peer-repeats", type=int, default=1)
    args = ap.parse_args()
    big = 1e7 if args.quick else 1e8
    args.n = args.n or big
    args.label_n = args.label_n or big
    args.repeats = args.repeats or (3 if args.quick else 5)
    c = cores()
    ws = args.workers or worker_counts(c)
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(
        f"sanov {sanov.__version__}; python {platform.python_version()}; numpy {np.__version__}; "
        f"{c} cores ({platform.processor() or platform.machine()}); load {load:.1f}; "
        f"SANOV_NUM_THREADS={os.environ.get('SANOV_NUM_THREADS')}; repeats {args.repeats}"
    )
    rng = np.random.default_rng(16)
    cases = build_cases(args, rng)
    rows = []
    for name in args.cases:
        fn, floor_arrays, peer, peer_label, scale, threaded, size = cases[name]
        base = None
        peer_single = None
        for w in ws:
            ts = timed(lambda: fn(w), args.repeats)
            m = med(ts)
            base = base or m
            fl = med(read_floor(floor_arrays, w, args.repeats)) if floor_arrays else None
            if threaded or peer_single is None:
                pt = med(timed(lambda: peer(w), args.peer_repeats)) * scale
                if not threaded:
                    peer_single = pt
            else:
                pt = peer_single
            rows.append((name, size, w, m, min(ts), max(ts), base / m, base / m / w, fl, pt,
                         peer_label + ("" if threaded else " (1 thread)")))
            print(f"  .. {name} w={w}: {m * 1e3:.1f} ms", file=sys.stderr, flush=True)
    hdr = (f"{'case':<11} {'size':<20} {'w':>3} {'sanov ms (min-max)':>24} {'speed-up':>8} "
           f"{'eff':>5} {'floor ms':>9} {'x floor':>7} {'peer ms':>10} {'peer/sanov':>10}  peer")
    print()
    print(hdr)
    print("-" * len(hdr))
    for name, size, w, m, lo, hi, su, eff, fl, pt, pl in rows:
        rng_s = f"{m * 1e3:.1f} ({lo * 1e3:.1f}-{hi * 1e3:.1f})"
        fls = f"{fl * 1e3:9.1f}" if fl else f"{'-':>9}"
        xf = f"{m / fl:7.2f}" if fl else f"{'-':>7}"
        approx = "~" if "x" in pl.split("(")[-1] and "n=" in pl else " "
        print(f"{name:<11} {size:<20} {w:>3} {rng_s:>24} {su:8.2f} {eff:5.2f} {fls} {xf} "
              f"{approx}{pt * 1e3:9.1f} {pt / m:10.1f}  {pl}")


if __name__ == "__main__":
    main()
