"""Writes the Parquet fixtures of tests/stream.rs into tests/data/stream/.

Run from anywhere: python crates/sanov-cli/tests/generate_stream_fixtures.py (needs numpy and
pyarrow). A dataset of three Parquet files (row groups of 40 rows) and the same rows in one
file; two pairs of files whose schemas differ (a column's type; a column's name).
"""
import os
import shutil

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "stream")
shutil.rmtree(HERE, ignore_errors=True)
os.makedirs(os.path.join(HERE, "dataset"))
os.makedirs(os.path.join(HERE, "mismatch_type"))
os.makedirs(os.path.join(HERE, "mismatch_name"))

rng = np.random.default_rng(20261205)
n = 300
y = rng.integers(0, 4, n)
table = pa.table(
    {
        "y": pa.array(y, pa.int64()),
        "a": pa.array([f"w{v}" for v in (y + rng.integers(0, 3, n)) % 7], pa.string()),
        "b": pa.array(rng.integers(-5, 25, n), pa.int32()),
        "c": pa.array(rng.integers(0, 2, n).astype(bool)),
        "x": pa.array(y + rng.normal(size=n), pa.float64()),
    }
)
pq.write_table(table, os.path.join(HERE, "whole.parquet"), row_group_size=64)
for i, (lo, hi) in enumerate([(0, 90), (90, 200), (200, 300)]):
    pq.write_table(
        table.slice(lo, hi - lo),
        os.path.join(HERE, "dataset", f"part-{i}.parquet"),
        row_group_size=40,
    )

small = pa.table({"y": pa.array([0, 1, 1], pa.int64()), "b": pa.array([1, 2, 3], pa.int64())})
pq.write_table(small, os.path.join(HERE, "mismatch_type", "part-0.parquet"))
pq.write_table(
    pa.table({"y": pa.array([0.5, 1.0], pa.float64()), "b": pa.array([1, 2], pa.int64())}),
    os.path.join(HERE, "mismatch_type", "part-1.parquet"),
)
pq.write_table(small, os.path.join(HERE, "mismatch_name", "part-0.parquet"))
pq.write_table(
    pa.table({"y": pa.array([0, 1], pa.int64()), "bb": pa.array([1, 2], pa.int64())}),
    os.path.join(HERE, "mismatch_name", "part-1.parquet"),
)
