"""`sanov mi` on a 1e6-row x 20-column CSV: the CLI against pyarrow/numpy + scikit-learn, same run.

Writes (once) a CSV of 19 integer feature columns with 2 to 1000 levels and a binary target y
(numpy default_rng(0); even-numbered features copy y in 20 % of the rows), then times
`sanov mi FILE --target y --timings` (the release binary, built first with
`cargo build --release -p sanov-cli`) and the peer: pyarrow's CSV reader (numpy.loadtxt when
pyarrow is missing) plus scikit-learn's `mutual_info_score` per column. Prints the median
of the repeats, sanov's parse share (from `--timings`) and checks that the rankings agree.
Target: sanov <= 3 s.

Run: python bench/python/bench_cli_mi.py [--rows 1000000] [--repeats 5] [--csv /tmp/mi.csv]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SANOV = os.path.join(ROOT, "target", "release", "sanov")


def write_csv(path, rows):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, rows)
    cols, names = [], []
    for j in range(19):
        k = [2, 3, 5, 10, 20, 50, 100, 200, 500, 1000][j % 10]
        x = rng.integers(0, k, rows)
        if j % 2 == 0:
            x = np.where(rng.random(rows) < 0.2, y, x)
        cols.append(x)
        names.append(f"f{j}")
    cols.append(y)
    names.append("y")
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        np.savetxt(f, np.column_stack(cols), fmt="%d", delimiter=",")


def run_sanov(path):
    t0 = time.perf_counter()
    r = subprocess.run([SANOV, "mi", path, "--target", "y", "--format", "csv", "--timings"],
                       capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    m = re.search(r"read\+parse ([0-9.]+) s", r.stderr)
    ranking = [line.split(",")[1] for line in r.stdout.strip().splitlines()[1:]]
    return wall, float(m.group(1)), ranking


def run_peer(path):
    from sklearn.metrics import mutual_info_score

    t0 = time.perf_counter()
    try:
        import pyarrow.csv as pc

        tab = pc.read_csv(path)
        names = tab.column_names
        data = {n: tab.column(n).to_numpy() for n in names}
        reader = "pyarrow.csv"
    except ImportError:
        arr = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64)
        with open(path) as f:
            names = f.readline().strip().split(",")
        data = {n: arr[:, i] for i, n in enumerate(names)}
        reader = "numpy.loadtxt"
    t1 = time.perf_counter()
    mi = {n: mutual_info_score(data[n], data["y"]) for n in names if n != "y"}
    t2 = time.perf_counter()
    ranking = sorted(mi, key=lambda n: (-mi[n], names.index(n)))
    return t2 - t0, t1 - t0, ranking, reader


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--csv", default="/tmp/sanov_bench_mi.csv")
    a = ap.parse_args()
    if not os.path.exists(a.csv):
        write_csv(a.csv, a.rows)
    size = os.path.getsize(a.csv) / 1e6
    s = [run_sanov(a.csv) for _ in range(a.repeats)]
    p = [run_peer(a.csv) for _ in range(max(1, a.repeats // 2))]
    sw = statistics.median(x[0] for x in s)
    sp = statistics.median(x[1] for x in s)
    pw = statistics.median(x[0] for x in p)
    pr = statistics.median(x[1] for x in p)
    print(f"{a.csv}: {size:.0f} MB, {a.rows} rows x 20 columns")
    print(f"sanov mi      : {sw:.3f} s wall (median of {a.repeats}), read+parse {sp:.3f} s "
          f"({100 * sp / sw:.0f} %)")
    print(f"{p[0][3]} + sklearn mutual_info_score: {pw:.3f} s (read {pr:.3f} s)  "
          f"ratio {pw / sw:.1f}x")
    top = 5
    print("same top-5 ranking:", s[0][2][:top] == p[0][2][:top], s[0][2][:top])


if __name__ == "__main__":
    main()
