"""sanov.dask on a real distributed.LocalCluster (two worker processes): results equal the
single-machine results (discrete: bit for bit; Gaussian: 1e-12 relative), with an empty
partition, a category seen in only one partition, and a restart between two runs."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")

import sanov  # noqa: E402
import sanov.dask as sd  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, memory_limit="1GiB")
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def _frame(n: int = 4000, seed: int = 3):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    a = (y + rng.integers(0, 2, n)) % 4
    b = rng.integers(-2, 3, n)
    z = rng.integers(0, 2, n)
    w = np.array(["red", "green", "blue"], dtype=object)[(y + z) % 3]
    g = rng.normal(size=(n, 3)) @ np.array([[1, 0.5, 0.2], [0, 1, 0.3], [0, 0, 1]])
    df = pd.DataFrame({"a": a, "b": b, "z": z, "w": w, "y": y,
                       "g0": g[:, 0], "g1": g[:, 1] + 100.0, "g2": g[:, 2]})
    # A category seen only in the last partition.
    df.loc[n - 5:, "a"] = 99
    df.loc[n - 3:, "w"] = "violet"
    ddf = dd.from_pandas(df, npartitions=5)

    def empty_second(p, partition_info=None):
        return p.iloc[:0] if partition_info and partition_info["number"] == 1 else p

    ddf = ddf.map_partitions(empty_second, meta=ddf._meta)
    return ddf


def test_discrete_measures_equal_single_machine_bit_for_bit(client) -> None:
    ddf = _frame()
    local = ddf.compute()
    lens = ddf.map_partitions(len).compute().tolist()
    assert 0 in lens and len(lens) == 5
    a, b, y, z = (local[c].to_numpy() for c in "abyz")
    for est in ("plugin", "miller_madow", "grassberger", "chao_shen"):
        f = getattr(sanov, f"{est}_entropy")
        assert sd.entropy(ddf, "a", estimator=est) == f(a)
        assert getattr(sd, f"{est}_entropy")(ddf, "a", base=2) == f(a, 2)
    assert sd.nsb_entropy(ddf, "b", alphabet_size=10) == sanov.nsb_entropy(b, 10)[0]
    assert sd.mutual_information(ddf, "a", "y") == sanov.mutual_information_from_labels(a, y)
    assert sd.conditional_entropy(ddf, "a", "y", base=2) == \
        sanov.conditional_entropy_from_labels(a, y, 2)
    for m in ("arithmetic", "max"):
        assert sd.normalized_mutual_information(ddf, "a", "y", average_method=m) == \
            sanov.normalized_mutual_information(a, y, m)
        assert sd.adjusted_mutual_information(ddf, "a", "y", average_method=m) == \
            sanov.adjusted_mutual_information(a, y, m)
    whole = sanov.CountTable([a, b, z])
    cmi = sd.conditional_mutual_information(ddf, "a", "b", "z")
    assert cmi == whole.conditional_mutual_information(0, 1, 2)
    joint, _ = sanov.joint_from_samples(a, b, z)
    assert cmi == pytest.approx(sanov.conditional_mutual_information(joint, [0], [1], [2]),
                                rel=1e-12, abs=1e-15)
    assert sd.count_table(ddf, ["a", "b", "z"]) == whole
    # Strings: categorised once (global codes); the value is the single-machine one.
    w = local["w"].to_numpy()
    assert sd.mutual_information(ddf, "w", "y") == pytest.approx(
        sanov.mutual_information_from_labels(w, y), rel=1e-13)
    # dask.array of labels.
    arr = da.from_array(np.column_stack([a, y]), chunks=(700, 1))
    assert sd.mutual_information(arr, 0, 1) == sanov.mutual_information_from_labels(a, y)
    assert sd.plugin_entropy(da.from_array(a, chunks=900)) == sanov.plugin_entropy(a)


def test_mutual_info_table_and_restart(client) -> None:
    ddf = _frame()
    cols = ["a", "b", "z", "w", "y"]
    first = sd.mutual_info_table(ddf[cols], "y")
    local = sanov.mutual_info_table(ddf[cols].compute(), "y")
    assert list(first["column"]) == list(local["column"])
    for c in ("a", "b", "z"):  # integer labels: bit for bit
        assert first.set_index("column").loc[c, "mi"] == local.set_index("column").loc[c, "mi"]
        assert first.set_index("column").loc[c, "nmi"] == local.set_index("column").loc[c, "nmi"]
    np.testing.assert_allclose(first["mi"], local["mi"], rtol=1e-13)
    client.restart()
    again = sd.mutual_info_table(ddf[cols], "y")
    pd.testing.assert_frame_equal(first, again)
    with pytest.raises(sd.NotMergeableError, match=r"sample"):
        sd.mutual_info_table(ddf, "y")
    sampled = sd.mutual_info_table(ddf, "y", sample=0.5, random_state=1)
    assert set(sampled["column"]) == {"a", "b", "z", "w", "g0", "g1", "g2"}


def test_gaussian_measures_match_covariance(client) -> None:
    ddf = _frame()
    g = ddf[["g0", "g1", "g2"]].compute().to_numpy()
    cov = np.cov(g, rowvar=False)
    want = sanov.gaussian_mutual_information_cov(cov, [0], [1, 2])
    got = sd.gaussian_mutual_information(ddf, "g0", ["g1", "g2"])
    assert got == pytest.approx(want, rel=1e-12)
    sign, logdet = np.linalg.slogdet(cov)
    tc = 0.5 * (np.log(np.diag(cov)).sum() - logdet)
    assert sd.gaussian_total_correlation(ddf, ["g0", "g1", "g2"]) == pytest.approx(tc, rel=1e-12)
    m = sd.comoments(ddf, ["g0", "g1", "g2"])
    np.testing.assert_allclose(m.covariance(), cov, rtol=1e-12)
    assert m.count == g.shape[0]


def test_knn_estimators_are_refused_unless_sampled(client) -> None:
    ddf = _frame()
    with pytest.raises(sd.NotMergeableError, match=r"df.sample\(frac=0.01, random_state=0\)"):
        sd.ksg_mutual_information(ddf, "g0", "g1")
    with pytest.raises(sd.NotMergeableError, match="no mergeable"):
        sd.kozachenko_leonenko_entropy(ddf, "g0")
    v = sd.ksg_mutual_information(ddf, "g0", "g1", sample=0.5, random_state=2)
    local = ddf[["g0", "g1"]].sample(frac=0.5, random_state=2).compute()
    assert v == sanov.ksg_mutual_information(local["g0"], local["g1"])


def test_missing_values_and_serialisation(client) -> None:
    df = pd.DataFrame({"a": [1.0, 2.0, np.nan, 1.0, 2.0, 2.0], "y": [0, 1, 0, 1, 0, 1]})
    ddf = dd.from_pandas(df, npartitions=2)
    with pytest.raises(sanov.DomainError, match=r"column 'a'.*partition 0, row 2"):
        sd.mutual_information(ddf, "a", "y")
    got = sd.mutual_information(ddf, "a", "y", nan_policy="omit")
    assert got == sanov.mutual_information_from_labels([1, 2, 1, 2, 2], [0, 1, 1, 0, 1])
    t = sanov.CountTable([[1, 2, 2], [0, 0, 1]])
    b = t.to_bytes()
    assert b[:5] == b"SNCT\x01" and len(b) == 25 + 8 * 3 * 3
    assert pickle.loads(pickle.dumps(t)) == t == sanov.CountTable.from_bytes(b)
    with pytest.raises(sanov.DomainError, match="malformed count table"):
        sanov.CountTable.from_bytes(b[:-1])
    m = sanov.CoMoments(np.arange(12.0).reshape(4, 3))
    assert pickle.loads(pickle.dumps(m)) == m
    assert len(m.to_bytes()) == 17 + 8 * 3 + 4 * 3 * 4
