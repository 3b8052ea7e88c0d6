"""`sanov mi` on a 1e6-row x 20-column CSV: the CLI against pyarrow/numpy + scikit-learn, same run.

Writes (once) a CSV of 19 integer feature columns with 2 to 1000 levels and a binary target y
(numpy default_rng(0); even-numbered features copy y in 20 % of the rows); with
``--continuous C`` the first C features are instead continuous, ``N(0, 1) + 0.5·y`` for the
even-numbered ones and ``N(0, 1)`` for the odd ones, written with 7 significant digits (sanov
ranks them with Ross's k-NN estimator, k = 3). Then times
`sanov mi FILE --target y --timings` (the release binary, built first with
`cargo build --release -p sanov-cli`) and the peer: pyarrow's CSV reader (numpy.loadtxt when
pyarrow is missing) plus scikit-learn's `mutual_info_score` per discrete column (and, with ``--peer-knn``,
`mutual_info_classif(n_neighbors=3)` per continuous column; otherwise the continuous columns
are left out of the peer and of the ranking check). Prints the median
of the repeats, sanov's parse share (from `--timings`) and checks that the rankings agree.
Target: sanov <= 3 s.

Run: python bench/python/bench_cli_mi.py [--rows 1000000] [--repeats 5] [--continuous 9]
     [--peer-knn] [--csv /tmp/mi.csv]
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


def write_csv(path, rows, continuous):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, rows)
    cols, names, fmts = [], [], []
    for j in range(19):
        if j < continuous:
            x = rng.standard_normal(rows) + (0.5 * y if j % 2 == 0 else 0.0)
            fmts.append("%.7g")
        else:
            k = [2, 3, 5, 10, 20, 50, 100, 200, 500, 1000][j % 10]
            x = rng.integers(0, k, rows)
            if j % 2 == 0:
                x = np.where(rng.random(rows) < 0.2, y, x)
            fmts.append("%d")
        cols.append(x)
        names.append(f"f{j}")
    cols.append(y)
    names.append("y")
    fmts.append("%d")
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        np.savetxt(f, np.column_stack(cols), fmt=fmts, delimiter=",")


def run_sanov(path):
    t0 = time.perf_counter()
    r = subprocess.run([SANOV, "mi", path, "--target", "y", "--format", "csv", "--timings"],
                       capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    m = re.search(r"read\+parse ([0-9.]+) s", r.stderr)
    ranking = [line.split(",")[1] for line in r.stdout.strip().splitlines()[1:]]
    return wall, float(m.group(1)), ranking


def run_peer(path, continuous, knn):
    from sklearn.feature_selection import mutual_info_classif
    from sklearn.metrics import mutual_info_score

    t0 = time.perf_counter()
    try:
        import pyarrow.csv as pc

        tab = pc.read_csv(path)
        names = tab.column_names
        data = {n: tab.column(n).to_numpy() for n in names}
        reader = "pyarrow.csv"
    except ImportError:
        arr = np.loadtxt(path, delimiter=",", skiprows=1,
                         dtype=np.float64 if continuous else np.int64)
        with open(path) as f:
            names = f.readline().strip().split(",")
        data = {n: arr[:, i] for i, n in enumerate(names)}
        reader = "numpy.loadtxt"
    t1 = time.perf_counter()
    mi = {}
    for j, n in enumerate(names[:-1]):
        if j >= continuous:
            mi[n] = mutual_info_score(data[n], data["y"])
        elif knn:
            x = np.asarray(data[n], dtype=float)[:, None]
            mi[n] = mutual_info_classif(x, data["y"], n_neighbors=3, random_state=0)[0]
    t2 = time.perf_counter()
    ranking = sorted(mi, key=lambda n: (-mi[n], names.index(n)))
    return t2 - t0, t1 - t0, ranking, reader


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--continuous", type=int, default=0)
    ap.add_argument("--peer-knn", action="store_true")
    ap.add_argument("--csv", default=None)
    a = ap.parse_args()
    if a.csv is None:
        a.csv = f"/tmp/sanov_bench_mi_{a.rows}_c{a.continuous}.csv"
    if not os.path.exists(a.csv):
        write_csv(a.csv, a.rows, a.continuous)
    size = os.path.getsize(a.csv) / 1e6
    s = [run_sanov(a.csv) for _ in range(a.repeats)]
    p = [run_peer(a.csv, a.continuous, a.peer_knn) for _ in range(max(1, a.repeats // 2))]
    sw = statistics.median(x[0] for x in s)
    sp = statistics.median(x[1] for x in s)
    pw = statistics.median(x[0] for x in p)
    pr = statistics.median(x[1] for x in p)
    print(f"{a.csv}: {size:.0f} MB, {a.rows} rows x 20 columns, {a.continuous} continuous")
    print(f"sanov mi      : {sw:.3f} s wall (median of {a.repeats}), read+parse {sp:.3f} s "
          f"({100 * sp / sw:.0f} %)")
    peer = "mutual_info_score" + (" + mutual_info_classif" if a.continuous and a.peer_knn else "")
    print(f"{p[0][3]} + sklearn {peer}: {pw:.3f} s (read {pr:.3f} s)  ratio {pw / sw:.1f}x"
          + ("" if a.peer_knn or not a.continuous else "  (peer: discrete columns only)"))
    top = 5
    ours = [n for n in s[0][2] if n in p[0][2]]
    print("same top-5 ranking:", ours[:top] == p[0][2][:top], ours[:top])


if __name__ == "__main__":
    main()
