#!/usr/bin/env python3
"""Do two Python threads calling sanov run in parallel? (The GIL is released during calls.)

Times, on p = 1/N (N = 2e7 float64, 160 MB),

* two ``sanov.entropy(p, workers=1)`` calls one after the other on the main thread,
* the same two calls on two Python threads started together,

``--repeats`` times each (alternating), and prints the medians and the ratio
parallel / sequential: about 0.5 when the two threads run at once on two free cores, about 1.0
if the GIL were held. Whether the GIL is released is tested deterministically by
``python/tests/test_threads.py``; this is the speed-up a user sees, which depends on what else
the machine runs (the load is printed).

Needs ``import sanov``. Usage: python bench/python/bench_threads.py [--repeats 15] [--n 2e7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import threading
import time

import numpy as np

import sanov


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--n", type=float, default=2e7)
    args = ap.parse_args()
    n = int(args.n)
    p = np.full(n, 1.0 / n)
    sanov.entropy(p, workers=1)  # page the array in

    def one() -> None:
        sanov.entropy(p, workers=1)

    def sequential() -> None:
        one()
        one()

    def parallel() -> None:
        ts = [threading.Thread(target=one) for _ in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()

    def timed(fn) -> float:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    seq, par = [], []
    for _ in range(args.repeats):
        seq.append(timed(sequential))
        par.append(timed(parallel))
    s, q = statistics.median(seq), statistics.median(par)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load {load:.2f}; {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"- n = {n:.0e}, {args.repeats} repeats, medians")
    print()
    print("| two entropy calls, workers=1 | time | ratio to sequential |")
    print("|---|---|---|")
    print(f"| one after the other | {s * 1e3:.2f} ms | 1.00 |")
    print(f"| on two Python threads | {q * 1e3:.2f} ms | {q / s:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
