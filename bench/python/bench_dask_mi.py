"""sanov.dask.mutual_info_table on a 2-worker LocalCluster against pandas + scikit-learn.

The issue's bench is 1e8 rows x 10 integer columns; this script takes the size as arguments
(scaled down on a small machine; say what was run). Data: a Dask DataFrame generated in the
workers (dask.dataframe.from_map, one numpy default_rng(seed=partition) per partition, no
collection on the client): 9 features with 2-200 levels, even-numbered ones copying the binary
target y in 20 % of the rows. Times sanov.dask.mutual_info_table(ddf, "y") (per partition a
count table per (feature, y) pair, tree-merged), reports rows/s and the peak memory of the
workers (distributed's MemorySampler, summed over workers); then the peer on the largest part
that fits in memory here (``--peer-rows``): the same partitions collected into one pandas
DataFrame, scikit-learn's mutual_info_score per column, and sanov.mutual_info_table on it,
with rows/s. Checks that the rankings agree.

Run: python bench/python/bench_dask_mi.py [--rows 20000000] [--partitions 40]
     [--peer-rows 5000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd


def part(seed: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, rows)
    cols = {}
    for j in range(9):
        levels = 2 + j * 24
        v = rng.integers(0, levels, rows)
        if j % 2 == 0:
            c = rng.random(rows) < 0.2
            v[c] = y[c]
        cols[f"f{j}"] = v
    cols["y"] = y
    return pd.DataFrame(cols)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000_000)
    ap.add_argument("--partitions", type=int, default=40)
    ap.add_argument("--peer-rows", type=int, default=5_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()

    import dask.dataframe as dd
    from distributed import Client, LocalCluster
    from distributed.diagnostics import MemorySampler
    from sklearn.metrics import mutual_info_score

    import sanov
    import sanov.dask as sd

    per = a.rows // a.partitions
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    try:
        ddf = dd.from_map(part, list(range(a.partitions)), rows=per,
                          meta=part(0, 0), divisions=[None] * (a.partitions + 1))
        n = per * a.partitions
        times, peaks = [], []
        for r in range(a.repeats):
            ms = MemorySampler()
            with ms.sample("run", interval=0.1):
                t0 = time.perf_counter()
                table = sd.mutual_info_table(ddf, "y")
                times.append(time.perf_counter() - t0)
            df = ms.to_pandas()
            peaks.append(float(df["run"].max()) / 2**20 if len(df) else float("nan"))
            print(f"  repeat {r}: {times[-1]:.2f} s, {n / times[-1] / 1e6:.2f} M rows/s, "
                  f"peak cluster memory {peaks[-1]:.0f} MiB", flush=True)
        med = statistics.median(times)
        print(f"sanov.dask, {n:.2e} rows x 10 columns, {a.partitions} partitions, 2 worker "
              f"processes x 1 thread: median {med:.2f} s (range {min(times):.2f}-"
              f"{max(times):.2f}), {n / med / 1e6:.2f} M rows/s; peak memory (both workers) "
              f"{max(peaks):.0f} MiB")
        print(table.to_string(index=False))

        k = max(1, a.peer_rows // per)
        t0 = time.perf_counter()
        local = pd.concat([part(i, per) for i in range(k)], ignore_index=True)
        tgen = time.perf_counter() - t0
        m = len(local)
        tp, tsk = [], []
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            sk = {c: mutual_info_score(local[c], local["y"]) for c in local.columns if c != "y"}
            tsk.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            mine = sanov.mutual_info_table(local, "y", workers=2)
            tp.append(time.perf_counter() - t0)
        order_sk = sorted(sk, key=lambda c: -sk[c])
        print(f"peer on {m:.2e} rows in one pandas DataFrame (generated in {tgen:.2f} s): "
              f"scikit-learn mutual_info_score per column median {statistics.median(tsk):.2f} s "
              f"({m / statistics.median(tsk) / 1e6:.2f} M rows/s); sanov.mutual_info_table "
              f"median {statistics.median(tp):.2f} s ({m / statistics.median(tp) / 1e6:.2f} M "
              f"rows/s); same ranking as sklearn: {list(mine['column']) == order_sk}")
    finally:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
