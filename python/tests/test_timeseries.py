"""Time-series measures, significance, k-NN divergences and spacing entropy from Python:
against the committed exact / SciPy tables (the Rust tests' tables), infomeasure and SciPy
live where installed, and the typed errors."""

import math
import pathlib

import numpy as np
import pytest

import sanov

DATA = pathlib.Path(__file__).resolve().parents[2] / "crates/sanov/tests/data"
# The tables' own tolerances (see crates/sanov/tests/timeseries.rs, spacing.rs).
TOL_TS = 1e-13
TOL_SCIPY = 1e-12


def _cases(name):
    case, out = None, []
    for line in (DATA / name).read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        f = line.split()
        if f[0] == "case":
            case = {"name": f[1]}
            out.append(case)
        elif f[0] in ("x", "y", "z", "v"):
            case[f[0]] = f[1]
        else:
            case.setdefault("rows", []).append(f)
    return out


def test_discrete_table():
    checked = 0
    for c in _cases("timeseries.txt"):
        if "x" not in c or "," not in c["x"]:
            continue
        if c["name"].startswith("pe"):
            continue
        x = np.array([int(v) for v in c["x"].split(",")])
        y = np.array([int(v) for v in c["y"].split(",")])
        z = np.array([int(v) for v in c["z"].split(",")])
        for f in c.get("rows", []):
            tag = f[0]
            if tag == "te":
                k, l, d = map(int, f[1:4])
                assert abs(sanov.transfer_entropy(y, x, k, l, d) - float(f[4])) < TOL_TS
                checked += 1
            elif tag == "te_mm":
                k, l, d = map(int, f[1:4])
                got = sanov.transfer_entropy(y, x, k, l, d, estimator="miller-madow")
                assert abs(got - float(f[4])) < TOL_TS
                checked += 1
            elif tag == "cte":
                k, l, d, m = map(int, f[1:5])
                got = sanov.transfer_entropy(y, x, k, l, d, condition=z, m=m)
                assert abs(got - float(f[5])) < TOL_TS
                checked += 1
            elif tag == "ais":
                got = sanov.active_information_storage(x, int(f[1]))
                assert abs(got - float(f[2])) < TOL_TS
                checked += 1
            elif tag == "block":
                assert abs(sanov.block_entropy(x, int(f[1])) - float(f[2])) < TOL_TS
                checked += 1
            elif tag == "rate":
                assert abs(sanov.entropy_rate(x, int(f[1])) - float(f[2])) < TOL_TS
                checked += 1
            elif tag == "lz":
                c_, norm = sanov.lempel_ziv_complexity(x)
                assert c_ == int(f[1]) and abs(norm - float(f[2])) < TOL_TS
                checked += 1
            elif tag == "te_xz_target":
                xz = np.stack([x, z], axis=1)
                got = sanov.transfer_entropy(y, xz, int(f[1]), int(f[2]), int(f[3]))
                assert abs(got - float(f[4])) < TOL_TS
                checked += 1
    assert checked == 5 * 29


def test_permutation_entropy_and_lz_examples():
    x = [4.0, 7.0, 9.0, 10.0, 6.0, 11.0, 3.0]
    assert abs(sanov.permutation_entropy(x, 2, base="bits") - 0.9182958340544896) < 1e-15
    h3 = sanov.permutation_entropy(x, 3, normalize=True)
    assert 0 < h3 <= 1
    c, norm = sanov.lempel_ziv_complexity([0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1])
    assert c == 6 and abs(norm - 1.5) < 1e-15


def test_ksg_table_and_infomeasure():
    checked = 0
    for c in _cases("timeseries_knn.txt"):
        x, y, z = (np.array([float(v) for v in c[t].split(",")]) for t in "xyz")
        for f in c["rows"]:
            if f[0] == "te":
                K, k, l, d = map(int, f[1:5])
                got = sanov.transfer_entropy(y, x, k, l, d, estimator="ksg", n_neighbors=K)
                assert abs(got - float(f[5])) < TOL_TS
                checked += 1
            elif f[0] == "cte":
                K, k, l, d, m = map(int, f[1:6])
                got = sanov.transfer_entropy(y, x, k, l, d, condition=z, m=m, estimator="ksg",
                                             n_neighbors=K)
                assert abs(got - float(f[6])) < TOL_TS
                checked += 1
            elif f[0] == "ais":
                K, k = int(f[1]), int(f[2])
                got = sanov.active_information_storage(x, k, estimator="ksg", n_neighbors=K)
                assert abs(got - float(f[3])) < TOL_TS
                checked += 1
    assert checked == 32


def test_infomeasure_live():
    im = pytest.importorskip("infomeasure")
    rng = np.random.default_rng(3)
    y = rng.standard_normal(400)
    x = np.r_[0.0, 0.7 * y[:-1]] + 0.5 * rng.standard_normal(400)
    ours = sanov.transfer_entropy(y, x, estimator="ksg", n_neighbors=4)
    theirs = im.transfer_entropy(y, x, approach="ksg", k=4, noise_level=False, base="e")
    assert abs(ours - theirs) < 1e-12
    yi = rng.integers(0, 3, 300)
    xi = np.r_[0, yi[:-1]]
    ours = sanov.transfer_entropy(yi, xi, 2, 1)
    theirs = im.transfer_entropy(yi, xi, approach="discrete", src_hist_len=1, dest_hist_len=2,
                                 base="e")
    assert abs(ours - theirs) < 1e-12


def test_spacing_entropy_table_and_scipy():
    stats = pytest.importorskip("scipy.stats")
    checked = 0
    for c in _cases("spacing.txt"):
        x = np.array([float(v) for v in c["x"].split(",")])
        for f in c["rows"]:
            method = f[0].replace("_", " ")
            m = int(f[1]) or None
            got = sanov.spacing_entropy(x, method=method, window_length=m)
            want = float(f[2])
            assert abs(got - want) <= TOL_SCIPY * max(1.0, abs(want))
            checked += 1
    assert checked == 110
    x = np.random.default_rng(5).standard_normal(5000)
    for method in ["vasicek", "van es", "ebrahimi", "auto"]:
        want = stats.differential_entropy(x, method=method)
        assert abs(sanov.spacing_entropy(x, method=method) - want) <= TOL_SCIPY * abs(want)


def test_significance():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300)
    x = np.r_[0, y[:-1]]
    r = sanov.transfer_entropy_test(y, x, n_permutations=99, seed=1, surrogate="circular")
    assert r["p_value"] == 0.01 and r["null"].shape == (99,)
    assert r["bias_corrected"] == r["observed"] - r["null_mean"]
    w = rng.integers(0, 2, 300)
    r2 = sanov.transfer_entropy_test(y, w, n_permutations=99, seed=1, surrogate="block",
                                     block_length=10, workers=2)
    assert r2["p_value"] > 0.01
    xs = rng.standard_normal(300)
    ys = xs + 0.3 * rng.standard_normal(300)
    r3 = sanov.mutual_information_test(xs, ys, estimator="ksg", n_permutations=49)
    assert r3["p_value"] == 0.02
    a = rng.integers(0, 3, 500)
    ci = sanov.mutual_information_bootstrap(a, (a + rng.integers(0, 2, 500)) % 3, n_resamples=200,
                                            seed=4)
    assert ci["lower"] < ci["estimate"] < ci["upper"]
    seq = sanov.mutual_information_test(a, a[::-1], n_permutations=9, seed=3, workers=1)
    par = sanov.mutual_information_test(a, a[::-1], n_permutations=9, seed=3, workers=3)
    assert seq["p_value"] == par["p_value"] and np.array_equal(seq["null"], par["null"])


def test_knn_divergences():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((5000, 1))
    y = rng.standard_normal((5000, 1)) * 2.0 + 1.0
    want = math.log(2.0) + (1 + 1) / 8 - 0.5
    assert abs(sanov.knn_kl_divergence(x, y, k=5) - want) < 0.05
    assert abs(sanov.knn_renyi_divergence(x, y, 0.999, k=5) - want) < 0.06


def test_errors():
    x = np.array([0, 1, 0, 1, 1])
    with pytest.raises(sanov.DomainError):
        sanov.transfer_entropy(x, x, k=0)
    with pytest.raises(sanov.ShapeError):
        sanov.transfer_entropy(x, x[:3])
    with pytest.raises(sanov.DomainError):
        sanov.transfer_entropy(x, x, k=5)
    with pytest.raises(sanov.DomainError):
        sanov.transfer_entropy(np.array([0, -1, 0, 1, 1]), x)
    with pytest.raises(TypeError):
        sanov.transfer_entropy(x.astype(float), x)
    with pytest.raises(sanov.DomainError):
        sanov.transfer_entropy([0.0, np.nan, 1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 3.0, 4.0],
                               estimator="ksg", n_neighbors=1)
    with pytest.raises(sanov.DomainError):
        sanov.transfer_entropy(x, x, estimator="bogus")
    with pytest.raises(sanov.DomainError):
        sanov.transfer_entropy_test(x, x, n_permutations=0)
    with pytest.raises(sanov.DomainError):
        sanov.transfer_entropy_test(x, x, surrogate="block")
    with pytest.raises(sanov.DomainError):
        sanov.permutation_entropy([1.0, 2.0, np.nan, 3.0], 2)
    with pytest.raises(sanov.DomainError):
        sanov.spacing_entropy([1.0, 2.0, 3.0], window_length=2)
    with pytest.raises(sanov.DomainError):
        sanov.knn_renyi_divergence([[0.0], [1.0], [2.0]], [[0.5], [1.5]], 1.0)
    with pytest.raises(sanov.ShapeError):
        sanov.knn_kl_divergence(np.zeros((5, 2)), np.zeros((5, 3)))
