"""Data larger than memory: peak RSS and throughput of `sanov mi` on a Parquet dataset.

Writes (pyarrow, numpy default_rng(0)) a dataset of ``--rows`` rows x 20 integer (int64)
columns into ``--files`` Parquet files of row groups of ``--row-group`` rows, in a temporary
directory (or ``--dir``): a target ``y`` uniform on 0..9 and 19 features ``f0..f18`` with 2 to
100 levels, the even-numbered ones copying ``y`` in 20 % of the rows. Then, in one run:

1. `sanov mi DIR --target y` on the whole dataset (the release binary; build it first with
   `cargo build --release -p sanov-cli`): wall time, rows/s and the peak RSS of the child
   (``os.wait4``'s ``ru_maxrss``);
2. the same on the part that fits in memory for the peer (the first ``--peer-rows`` rows: the
   first files, linked into a second directory);
3. the peer on that part, in a child process: ``pyarrow.parquet.read_table`` and
   ``sklearn.metrics.mutual_info_score(y, f)`` for each of the 19 features; its wall time and
   peak RSS; and checks that its 19 values agree with sanov's (absolute 1e-12 nats or
   relative 1e-9).

4. `sanov kl p.parquet q.parquet --normalize` on two generated single-column Parquet files of
   ``--rows`` float64 weights (exponential, numpy default_rng(1)): wall time, rows/s and peak
   RSS, and the value against a chunked NumPy reference (A/P - ln(P/Q), chunk sums added with
   ``math.fsum``) to 1e-9 relative. ``--kl-only`` runs this step alone.

Target (issue 16, item 4): sanov's peak RSS <= 512 MiB at 5e7 rows.

Run: python bench/python/bench_stream.py [--rows 50000000] [--files 10] [--row-group 1000000]
     [--peer-rows 10000000] [--dir /tmp/ds] [--keep] [--kl-only]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SANOV = os.path.join(ROOT, "target", "release", "sanov")
LEVELS = [2, 3, 5, 10, 20, 50, 100]


def generate(path, rows, files, row_group):
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(0)
    per_file = -(-rows // files)
    names = ["y"] + [f"f{j}" for j in range(19)]
    schema = pa.schema([(n, pa.int64()) for n in names])
    done = 0
    paths = []
    for i in range(files):
        n_file = min(per_file, rows - done)
        if n_file <= 0:
            break
        p = os.path.join(path, f"part-{i:05d}.parquet")
        with pq.ParquetWriter(p, schema) as w:
            left = n_file
            while left > 0:
                n = min(row_group, left)
                y = rng.integers(0, 10, n)
                cols = [y]
                for j in range(19):
                    x = rng.integers(0, LEVELS[j % len(LEVELS)], n)
                    if j % 2 == 0:
                        x = np.where(rng.random(n) < 0.2, y % LEVELS[j % len(LEVELS)], x)
                    cols.append(x)
                w.write_table(pa.table(cols, schema=schema), row_group_size=row_group)
                left -= n
        done += n_file
        paths.append(p)
    return paths, per_file


# Starts a command from a small, fresh Python (no NumPy, no pyarrow) and reports its wall time
# and peak RSS on the last line of stderr. The child's ``ru_maxrss`` counts the memory of the
# process it was forked from (Linux keeps the pre-exec high-water mark across exec): forked
# from this script, after NumPy and pyarrow have generated data, it would read 200 MiB or more
# for any command (and so does the launcher's own ``RUSAGE_SELF``, forked from here; its
# children start from its small post-exec image, about 8 MiB, the floor of the figures).
LAUNCH = r"""
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
sys.stderr.write(f"\n@@launch {wall} {ru.ru_maxrss}\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(cmd):
    """Runs `cmd`; returns (stdout, stderr, wall seconds, peak RSS in MiB)."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    p = subprocess.Popen([sys.executable, "-S", "-c", LAUNCH, *cmd], stdout=out, stderr=err)
    p.wait()
    out.seek(0)
    err.seek(0)
    o, e = out.read().decode(), err.read().decode()
    e, _, tail = e.rpartition("@@launch ")
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({p.returncode}): {e}")
    wall, rss = tail.split()
    # ru_maxrss is in KiB on Linux.
    return o, e.rstrip("\n"), float(wall), int(rss) / 1024


def sanov_mi(path):
    o, e, wall, rss = run_child([SANOV, "mi", path, "--target", "y", "--format", "json", "--timings"])
    v = json.loads(o)
    mi = {r["column"]: r["mutual_information"] for r in v["ranking"]}
    return v["rows"], mi, wall, rss, e.strip()


PEER = r"""
import json, sys, time
import pyarrow.parquet as pq
from sklearn.metrics import mutual_info_score
t0 = time.perf_counter()
tab = pq.read_table(sys.argv[1])
t_read = time.perf_counter() - t0
y = tab.column("y").to_numpy()
mi = {n: mutual_info_score(y, tab.column(n).to_numpy()) for n in tab.column_names if n != "y"}
print(json.dumps({"rows": tab.num_rows, "read": t_read, "mi": mi}))
"""


def kl_bench(base, rows, row_group):
    """Step 4: `sanov kl --normalize` on two single-column Parquet files of `rows` weights."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(1)
    paths = [os.path.join(base, "kl_p.parquet"), os.path.join(base, "kl_q.parquet")]
    writers = [pq.ParquetWriter(p, pa.schema([("w", pa.float64())])) for p in paths]
    a_parts, p_parts, q_parts = [], [], []
    t0 = time.perf_counter()
    left = rows
    while left > 0:
        n = min(row_group, left)
        p, q = rng.exponential(size=n), rng.exponential(size=n)
        for w, x in zip(writers, (p, q)):
            w.write_table(pa.table({"w": x}), row_group_size=row_group)
        a_parts.append(float(np.sum(p * np.log(p / q))))
        p_parts.append(float(np.sum(p)))
        q_parts.append(float(np.sum(q)))
        left -= n
    for w in writers:
        w.close()
    a, tp, tq = math.fsum(a_parts), math.fsum(p_parts), math.fsum(q_parts)
    want = a / tp - math.log(tp / tq)
    size = sum(os.path.getsize(p) for p in paths)
    print(f"kl: two Parquet columns of {rows} float64 weights, {size / 2**20:.0f} MiB on disk, "
          f"written in {time.perf_counter() - t0:.1f} s")
    o, _, wall, rss = run_child([SANOV, "kl", *paths, "--normalize", "--format", "json"])
    got = json.loads(o)["kl_divergence"]
    rel = abs(got - want) / abs(want)
    print(f"sanov kl --normalize ({rows} rows): {wall:.2f} s, {rows / wall:,.0f} rows/s, "
          f"peak RSS {rss:.0f} MiB; D = {got!r} nats, NumPy {want!r} (relative {rel:.1e}, "
          f"{'OK' if rel <= 1e-9 else 'DIFFER'})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=float, default=5e7)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--row-group", type=int, default=1_000_000)
    ap.add_argument("--peer-rows", type=float, default=1e7)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--keep", action="store_true", help="keep the dataset")
    ap.add_argument("--kl-only", action="store_true", help="only step 4 (sanov kl)")
    a = ap.parse_args()
    rows, peer_rows = int(a.rows), int(a.peer_rows)
    if not os.path.exists(SANOV):
        raise SystemExit(f"build first: cargo build --release -p sanov-cli ({SANOV})")
    base = a.dir or tempfile.mkdtemp(prefix="sanov-stream-")
    full = os.path.join(base, "full")
    part = os.path.join(base, "part")
    os.makedirs(full, exist_ok=True)
    try:
        if a.kl_only:
            kl_bench(base, rows, a.row_group)
            return
        t0 = time.perf_counter()
        paths, per_file = generate(full, rows, a.files, a.row_group)
        t_gen = time.perf_counter() - t0
        size = sum(os.path.getsize(p) for p in paths)
        print(f"dataset: {rows} rows x 20 int64 columns, {len(paths)} files, row groups of "
              f"{a.row_group}, {size / 2**20:.0f} MiB on disk, written in {t_gen:.1f} s")
        n, mi, wall, rss, timings = sanov_mi(full)
        assert n == rows, (n, rows)
        print(f"sanov mi (all {rows} rows, 19 pairs): {wall:.2f} s, {rows / wall:,.0f} rows/s, "
              f"peak RSS {rss:.0f} MiB  [{timings}]")
        print(f"  memory bound 512 MiB: {'OK' if rss <= 512 else 'EXCEEDED'}")
        k = max(1, min(len(paths), peer_rows // per_file))
        os.makedirs(part, exist_ok=True)
        for p in paths[:k]:
            os.symlink(p, os.path.join(part, os.path.basename(p)))
        sub = min(rows, k * per_file)
        n2, mi2, wall2, rss2, _ = sanov_mi(part)
        assert n2 == sub, (n2, sub)
        print(f"sanov mi (first {sub} rows): {wall2:.2f} s, {sub / wall2:,.0f} rows/s, "
              f"peak RSS {rss2:.0f} MiB")
        o, _, wall3, rss3 = run_child([sys.executable, "-c", PEER, part])
        peer = json.loads(o)
        print(f"pyarrow + sklearn mutual_info_score (first {sub} rows): {wall3:.2f} s "
              f"(read {peer['read']:.2f} s), {sub / wall3:,.0f} rows/s, peak RSS {rss3:.0f} MiB")
        # Near-independent features have MI ~ 1e-7 nats, where scikit-learn's summation error
        # is large relative to the value: agreement is absolute 1e-12 or relative 1e-9.
        absd = {c: abs(mi2[c] - v) for c, v in peer["mi"].items()}
        reld = {c: absd[c] / max(abs(v), 1e-300) for c, v in peer["mi"].items()}
        ok = all(absd[c] <= 1e-12 or reld[c] <= 1e-9 for c in absd)
        print(f"  19 values agree with scikit-learn: max absolute difference "
              f"{max(absd.values()):.1e} nats, max relative {max(reld.values()):.1e}"
              f" ({'OK' if ok else 'DIFFER'})")
        kl_bench(base, rows, a.row_group)
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
