"""Writes the small data files of the CLI tests into tests/cmd/data.in/.

Run from anywhere: python crates/sanov-cli/tests/generate_fixtures.py (needs numpy; pyarrow
for the Parquet files). The expected values in the tests are derived by hand from these
contents (see the comments in tests/cmd/data.trycmd and tests/cli.rs).
"""
import os

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cmd", "data.in")
os.makedirs(HERE, exist_ok=True)


def write(name, text):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        f.write(text)


# y is determined by b (x -> 0, y/z -> 1) and by a (all distinct): I(a;y) = I(b;y) = H(y) = ln 2.
# c is independent of y: I(c;y) = 0.
write("ok.csv", "a,b,c,y\n1,x,0,0\n2,y,0,1\n3,x,1,0\n4,z,1,1\n")
write("badrow.csv", "a,b,y\n1,x,0\n2,y\n3,x,0\n")
write("nan.csv", "a,b,y\n1,x,0\nNaN,y,1\n3,x,0\n")
write("inf.csv", "a,b,y\n1,x,0\n2,y,1\n3,x,-inf\n")
write("empty_field.csv", "a,b,y\n1,x,0\n,y,1\n")
write("empty.csv", "")
write("quoted.csv", 'a,"b, with comma",y\n1,"x",0\n2,"y\nsplit",1\n')
# The KL example of docs/definitions.md: KL(P||Q) = 0.0477719 nats.
write("p.csv", "p\n0.4\n0.4\n0.2\n")
write("q.csv", "0.33,0.33,0.34\n")
write("counts.csv", "4\n4\n2\n")
write("unnormalised.csv", "0.5\n0.6\n")
write("negative.csv", "0.5\n0.6\n-0.1\n")
write("q_zero.csv", "0.5\n0.5\n0\n")
# BSC with crossover 0.1: C = 1 - h(0.1) = 0.531004406410719 bits.
write("bsc.csv", "0.9,0.1\n0.1,0.9\n")
write("bad_channel.csv", "0.9,0.1\n0.2,0.7\n")

np.save(os.path.join(HERE, "labels.npy"), np.array([0, 0, 1, 2], dtype=np.int64))
np.save(os.path.join(HERE, "floats.npy"), np.array([[0.5, 1.0], [np.nan, 2.0]], dtype=np.float64))
np.save(os.path.join(HERE, "dist.npy"), np.array([0.4, 0.4, 0.2], dtype=np.float32))

try:
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = pa.table({"a": [1, 2, 3, 4], "b": ["x", "y", "x", "z"], "c": [0.0, 0.0, 1.0, 1.0],
                  "y": [0, 1, 0, 1]})
    pq.write_table(t, os.path.join(HERE, "ok.parquet"), compression="snappy")
    t = pa.table({"a": [1, None, 3], "y": [0, 1, 0]})
    pq.write_table(t, os.path.join(HERE, "null.parquet"), compression="snappy")
    # A struct column whose leaf `y` must not shadow the real target `y` (issue 17): the
    # leaves are named nested.x, nested.y; a = y gives I(a; y) = ln 2, the leaves give 0.
    t = pa.table({"nested": pa.array([{"x": 0, "y": 5}, {"x": 0, "y": 5}, {"x": 1, "y": 5},
                                      {"x": 1, "y": 5}]),
                  "a": [0, 1, 0, 1], "y": [0, 1, 0, 1]})
    pq.write_table(t, os.path.join(HERE, "nested.parquet"), compression="snappy")
except ImportError:
    print("pyarrow missing: the Parquet fixtures were not written")

# --- k-NN columns of `sanov mi`, checked against scikit-learn (written to knn_expected.csv):
# continuous features with a discrete target (mutual_info_classif: Ross's estimator) and with
# a continuous target (mutual_info_regression: KSG), plus a discrete feature; full-precision
# values so that no two distances tie.
rng = np.random.default_rng(7)
n = 300
y = rng.integers(0, 3, n)
c1 = rng.normal(size=n) + y
c2 = rng.normal(size=n)
d1 = (y + (rng.random(n) < 0.3)) % 3
t = c1 + 0.5 * rng.normal(size=n)
with open(os.path.join(HERE, "knn.csv"), "w") as f:
    f.write("c1,c2,d1,y,t\n")
    for row in zip(c1, c2, d1, y, t):
        f.write(f"{float(row[0])!r},{float(row[1])!r},{int(row[2])},{int(row[3])},{float(row[4])!r}\n")
try:
    from sklearn.feature_selection import mutual_info_classif, mutual_info_regression

    X = np.column_stack([c1, c2, d1]).astype(float)
    mask = [False, False, True]
    mi_y = mutual_info_classif(X, y, discrete_features=mask, n_neighbors=3, random_state=0)
    X2 = np.column_stack([c1, c2, d1, y]).astype(float)
    mi_t = mutual_info_regression(X2, t, discrete_features=[False, False, True, True],
                                  n_neighbors=3, random_state=0)
    with open(os.path.join(os.path.dirname(HERE), "..", "knn_expected.csv"), "w") as f:
        f.write("target,column,mi_nats\n")
        for name, v in zip(["c1", "c2", "d1"], mi_y):
            f.write(f"y,{name},{float(v)!r}\n")
        for name, v in zip(["c1", "c2", "d1", "y"], mi_t):
            f.write(f"t,{name},{float(v)!r}\n")
    # Kozachenko-Leonenko differential entropy of c1 by brute force (docs/definitions.md):
    # psi(N) - psi(k) + ln V_1 + (1/N) sum ln r_i, V_1 = 2, r_i = distance to the k-th neighbour.
    from scipy.special import digamma

    k = 3
    d = np.abs(c1[:, None] - c1[None, :])
    r = np.sort(d, axis=1)[:, k]  # column 0 is the point itself
    h = digamma(n) - digamma(k) + np.log(2.0) + np.mean(np.log(r))
    with open(os.path.join(os.path.dirname(HERE), "..", "knn_expected.csv"), "a") as f:
        f.write(f"entropy,c1,{float(h)!r}\n")
except ImportError:
    print("scikit-learn or scipy missing: knn_expected.csv was not written")
