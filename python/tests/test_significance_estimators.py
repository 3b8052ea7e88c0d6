"""Permutation tests and bootstrap intervals of conditional mutual information, active
information storage, transfer entropy (bootstrap) and entropy (bootstrap): observed values
equal to the estimators', tiny p under strong dependence, p not small under the null,
reproducibility with a seed, independence of ``workers``, typed errors."""

import numpy as np
import pytest

import sanov


def _cond_null(n, seed):
    """X and Y copy Z with independent noise: dependent, but independent given Z."""
    rng = np.random.default_rng(seed)
    z = rng.integers(0, 3, n)
    x = np.where(rng.random(n) < 0.8, z, (z + 1) % 3)
    y = np.where(rng.random(n) < 0.8, z, (z + 2) % 3)
    return x, y, z


def _markov(n, stay, seed):
    u = np.random.default_rng(seed).random(n)
    x = np.zeros(n, dtype=np.int64)
    for t in range(1, n):
        x[t] = x[t - 1] if u[t] < stay else 1 - x[t - 1]
    return x


def _same(a, b):
    assert a.keys() == b.keys()
    for k in a:
        if isinstance(a[k], np.ndarray):
            np.testing.assert_array_equal(a[k], b[k])
        else:
            assert a[k] == b[k], k


def test_cmi_test_discrete():
    x, y, z = _cond_null(600, 1)
    r = sanov.conditional_mutual_information_test(x, y, z, n_permutations=199, seed=3)
    joint = np.zeros((3, 3, 3))
    np.add.at(joint, (x, y, z), 1.0)
    expect = sanov.conditional_mutual_information(joint / joint.sum(), [0], [1], [2])
    assert r["observed"] == pytest.approx(expect, abs=1e-12)
    assert r["p_value"] > 0.01
    assert r["null"].shape == (199,)
    assert r["bias_corrected"] == r["observed"] - r["null_mean"]
    d = sanov.conditional_mutual_information_test(x, x, z, n_permutations=199, seed=3)
    assert d["p_value"] == 0.005
    _same(r, sanov.conditional_mutual_information_test(x, y, z, n_permutations=199, seed=3, workers=2))
    # Only within-stratum shuffles see conditional independence: one stratum rejects.
    one = sanov.conditional_mutual_information_test(x, y, np.zeros_like(z), n_permutations=99, seed=3)
    assert one["p_value"] == 0.01
    mm = sanov.conditional_mutual_information_test(x, y, z, estimator="miller-madow", n_permutations=49, base=2)
    assert mm["p_value"] > 0.01


def test_cmi_ksg_and_bootstrap():
    rng = np.random.default_rng(2)
    z = rng.random(300)
    x = z + 0.3 * rng.random(300)
    y = x + 0.05 * rng.random(300)
    r = sanov.conditional_mutual_information_test(x, y, z, estimator="ksg", n_permutations=49, seed=1)
    assert r["observed"] == sanov.ksg_conditional_mutual_information(x, y, z)
    assert r["p_value"] == 0.02
    _same(r, sanov.conditional_mutual_information_test(x, y, z, estimator="ksg", n_permutations=49, seed=1, workers=2))
    ci = sanov.conditional_mutual_information_bootstrap(x, y, z, estimator="ksg", jitter=1e-10, n_resamples=30, seed=2)
    assert 0.5 < ci["lower"] <= ci["upper"]
    with pytest.raises(sanov.SanovError):
        sanov.conditional_mutual_information_bootstrap(x, y, z, estimator="ksg", n_resamples=5)
    xd, yd, zd = _cond_null(400, 5)
    b = sanov.conditional_mutual_information_bootstrap(xd, yd, zd, n_resamples=200, seed=9, base=2)
    _same(b, sanov.conditional_mutual_information_bootstrap(xd, yd, zd, n_resamples=200, seed=9, base=2, workers=2))
    assert b["lower"] <= b["estimate"] <= b["upper"] < 0.1


def test_ais_test_and_bootstrap():
    x = _markov(500, 0.9, 3)
    r = sanov.active_information_storage_test(x, 2, n_permutations=99, seed=1, base=2)
    assert r["observed"] == sanov.active_information_storage(x, 2, base=2)
    assert r["p_value"] == 0.01
    _same(r, sanov.active_information_storage_test(x, 2, n_permutations=99, seed=1, base=2, workers=2))
    for s, bl in (("circular", None), ("block", 20)):
        c = sanov.active_information_storage_test(x, 2, n_permutations=99, surrogate=s, block_length=bl)
        assert c["p_value"] == 0.01
    iid = np.random.default_rng(8).integers(0, 2, 500)
    assert sanov.active_information_storage_test(iid, 2, n_permutations=99)["p_value"] > 0.01
    ci = sanov.active_information_storage_bootstrap(x, 1, n_resamples=100, seed=2, base=2)
    assert ci["estimate"] == sanov.active_information_storage(x, 1, base=2)
    assert ci["lower"] < ci["estimate"] < ci["upper"]
    sm = np.sin(0.1 * np.arange(300)) + 1e-3 * np.random.default_rng(4).random(300)
    k = sanov.active_information_storage_test(sm, 1, estimator="ksg", n_permutations=19)
    assert k["observed"] == sanov.active_information_storage(sm, 1, estimator="ksg")
    assert k["p_value"] == 0.05
    kb = sanov.active_information_storage_bootstrap(sm, 1, estimator="ksg", jitter=1e-10, n_resamples=20)
    assert kb["lower"] > 1.0


def test_te_bootstrap():
    rng = np.random.default_rng(31)
    y = rng.integers(0, 2, 400)
    x = np.r_[0, np.where(rng.random(399) < 0.9, y[:-1], 1 - y[:-1])]
    ci = sanov.transfer_entropy_bootstrap(y, x, n_resamples=100, seed=1, base=2)
    assert ci["estimate"] == sanov.transfer_entropy(y, x, base=2)
    assert 0.3 < ci["lower"] < ci["estimate"] < ci["upper"]
    _same(ci, sanov.transfer_entropy_bootstrap(y, x, n_resamples=100, seed=1, base=2, workers=2))
    z = rng.integers(0, 2, 400)
    cc = sanov.transfer_entropy_bootstrap(y, x, condition=z, n_resamples=20)
    assert cc["estimate"] == sanov.transfer_entropy(y, x, condition=z)
    yr = rng.random(300)
    xr = np.r_[0.5, yr[:-1] + 0.05 * rng.random(299)]
    kb = sanov.transfer_entropy_bootstrap(yr, xr, estimator="ksg", jitter=1e-10, n_resamples=20)
    assert kb["estimate"] == sanov.transfer_entropy(yr, xr, estimator="ksg", jitter=1e-10)
    assert kb["lower"] > 1.0


def test_entropy_bootstrap():
    x = np.random.default_rng(5).integers(0, 4, 2000)
    ci = sanov.entropy_bootstrap(x, estimator="miller-madow", n_resamples=200, seed=1, base=2)
    assert ci["estimate"] == sanov.miller_madow_entropy(x, base=2)
    assert ci["lower"] < 2.0 < ci["upper"] + 0.01
    assert ci["resamples"].shape == (200,)
    _same(ci, sanov.entropy_bootstrap(x, estimator="miller-madow", n_resamples=200, seed=1, base=2, workers=2))
    nsb = sanov.entropy_bootstrap(x, estimator="nsb", alphabet_size=4, n_resamples=10)
    assert nsb["estimate"] == sanov.nsb_entropy(x, 4)[0]
    assert nsb["lower"] <= nsb["upper"]
    with pytest.raises(sanov.DomainError):
        sanov.entropy_bootstrap(x, estimator="nsb")


def test_bad_input():
    x = np.random.default_rng(1).integers(0, 2, 50)
    with pytest.raises(sanov.DomainError):
        sanov.conditional_mutual_information_test(x, x, x, n_permutations=0)
    with pytest.raises(sanov.SanovError):
        sanov.conditional_mutual_information_test(x, x[:-1], x)
    with pytest.raises(TypeError):
        sanov.conditional_mutual_information_test(x.astype(float) + 0.5, x, x)
    with pytest.raises(sanov.DomainError):
        sanov.conditional_mutual_information_test(x, x, x, estimator="nope")
    with pytest.raises(sanov.DomainError):
        sanov.active_information_storage_test(x, 0)
    with pytest.raises(sanov.DomainError):
        sanov.active_information_storage_test(x, 1, n_permutations=0)
    with pytest.raises(sanov.DomainError):
        sanov.active_information_storage_test(x, 1, surrogate="block")
    with pytest.raises(sanov.DomainError):
        sanov.active_information_storage_bootstrap(x, 1, n_resamples=0)
    with pytest.raises(sanov.DomainError):
        sanov.transfer_entropy_bootstrap(x, x, confidence=1.0)
    with pytest.raises(sanov.DomainError):
        sanov.entropy_bootstrap(x, estimator="ksg")
    with pytest.raises(sanov.SanovError):
        sanov.entropy_bootstrap([])
    with pytest.raises(sanov.SanovError):
        sanov.active_information_storage_test(np.array([0, 1, -1, 0]), 1)
    r = np.random.default_rng(2).random(50)
    r[3] = np.nan
    with pytest.raises(sanov.SanovError):
        sanov.conditional_mutual_information_test(r, r, r, estimator="ksg")
