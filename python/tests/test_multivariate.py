"""Multivariate measures on joint distributions against NumPy formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov


def _h(p):
    p = np.asarray(p).ravel()
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))


@pytest.fixture
def joint3(rng):
    j = rng.random((2, 3, 4))
    return j / j.sum()


def test_entropies_and_information(joint3):
    j = joint3
    h = _h(j)
    hx, hy, hz = _h(j.sum((1, 2))), _h(j.sum((0, 2))), _h(j.sum((0, 1)))
    hxy, hxz, hyz = _h(j.sum(2)), _h(j.sum(1)), _h(j.sum(0))
    assert sanov.joint_entropy(j) == pytest.approx(h, rel=1e-12)
    assert sanov.joint_entropy(j, base=2) == pytest.approx(h / math.log(2), rel=1e-12)
    assert sanov.marginal_entropy(j, [0, 1]) == pytest.approx(hxy, rel=1e-12)
    assert sanov.conditional_entropy(j, [0], [1]) == pytest.approx(hxy - hy, rel=1e-10)
    assert sanov.mutual_information(j, [0], [1]) == pytest.approx(hx + hy - hxy, rel=1e-9, abs=1e-14)
    cmi = hxz + hyz - hz - h
    assert sanov.conditional_mutual_information(j, [0], [1], [2]) == pytest.approx(cmi, rel=1e-9, abs=1e-14)
    tc = hx + hy + hz - h
    assert sanov.total_correlation(j) == pytest.approx(tc, rel=1e-9)
    dtc = h - ((h - hyz) + (h - hxz) + (h - hxy))
    assert sanov.dual_total_correlation(j) == pytest.approx(dtc, rel=1e-9, abs=1e-14)
    assert sanov.o_information(j) == pytest.approx(tc - dtc, rel=1e-8, abs=1e-13)
    coi = (hx + hy - hxy) - cmi
    assert sanov.co_information(j) == pytest.approx(coi, rel=1e-8, abs=1e-13)
    assert sanov.interaction_information(j) == pytest.approx(-coi, rel=1e-8, abs=1e-13)
    chain = sanov.chain_rule_entropy(j, [2, 0, 1])
    assert isinstance(chain, np.ndarray) and chain.sum() == pytest.approx(h, rel=1e-12)
    cmi_chain = sanov.chain_rule_mutual_information(j, [0], [1, 2])
    assert cmi_chain.sum() == pytest.approx(hx + hyz - h, rel=1e-9)


def test_xor_and_counts():
    xor = np.zeros((2, 2, 2))
    for a in (0, 1):
        for b in (0, 1):
            xor[a, b, a ^ b] = 0.25
    assert sanov.mutual_information(xor, [0], [1], base=2) == 0.0
    assert sanov.conditional_mutual_information(xor, [0], [1], [2], base=2) == pytest.approx(1.0)
    assert sanov.joint_entropy(xor * 8, normalize=True, base=2) == pytest.approx(2.0)
    with pytest.raises(sanov.DomainError):
        sanov.joint_entropy(xor * 8)
    # I(X; X) = H(X).
    assert sanov.mutual_information(xor, [0], [0]) == pytest.approx(math.log(2))
    with pytest.raises(sanov.DomainError):
        sanov.marginal_entropy(xor, [5])
    with pytest.raises(sanov.DomainError):
        sanov.marginal_entropy(xor, [-1])


def test_mi_from_labels(rng):
    x = rng.integers(0, 3, 500)
    y = (x + rng.integers(0, 2, 500)) % 3
    c = np.zeros((3, 3))
    np.add.at(c, (x, y), 1)
    j = c / c.sum()
    want = _h(j.sum(1)) + _h(j.sum(0)) - _h(j)
    assert sanov.mutual_information_from_labels(x, y) == pytest.approx(want, rel=1e-10)
    assert sanov.mutual_information_from_labels(list(x), list(y), base=2) == pytest.approx(
        want / math.log(2), rel=1e-10
    )
    with pytest.raises(sanov.ShapeError):
        sanov.mutual_information_from_labels([1, 2], [1])
    with pytest.raises(TypeError):
        sanov.mutual_information_from_labels([0.5], [1])


# --- Against dit and scikit-learn (skipped when they are not installed) -----------------------


def _random_joint(rng, shape, zeros=False):
    p = rng.dirichlet(np.ones(int(np.prod(shape)))).reshape(shape)
    if zeros:
        p[rng.random(shape) < 0.3] = 0.0
        p = p / p.sum()
    return p


def _dit(p):
    dit = pytest.importorskip("dit")
    outcomes, pmf = [], []
    for idx in np.ndindex(*p.shape):
        if p[idx] > 0:
            outcomes.append(tuple(int(i) for i in idx))
            pmf.append(float(p[idx]))
    return dit, dit.Distribution(outcomes, pmf)


@pytest.mark.parametrize("shape", [(2, 3), (3, 2, 4), (2, 2, 3, 2), (5, 4, 3)])
@pytest.mark.parametrize("zeros", [False, True])
def test_against_dit(shape, zeros):
    rng = np.random.default_rng(hash((shape, zeros)) % 2**32)
    p = _random_joint(rng, shape, zeros)
    dit, d = _dit(p)
    m = dit.multivariate
    n = p.ndim
    tol = dict(rel=1e-10, abs=1e-12)
    assert sanov.joint_entropy(p, base=2) == pytest.approx(dit.shannon.entropy(d), **tol)
    assert sanov.mutual_information(p, [0], [1], base=2) == pytest.approx(
        m.coinformation(d, [[0], [1]]), **tol
    )
    assert sanov.conditional_entropy(p, [0], [1], base=2) == pytest.approx(
        m.entropy(d, [[0]], [1]), **tol
    )
    assert sanov.total_correlation(p, base=2) == pytest.approx(m.total_correlation(d), **tol)
    assert sanov.dual_total_correlation(p, base=2) == pytest.approx(
        m.dual_total_correlation(d), **tol
    )
    assert sanov.co_information(p, base=2) == pytest.approx(m.coinformation(d), **tol)
    assert sanov.interaction_information(p, base=2) == pytest.approx(
        m.interaction_information(d), **tol
    )
    assert sanov.o_information(p, base=2) == pytest.approx(m.o_information(d), **tol)
    if n >= 3:
        assert sanov.conditional_mutual_information(p, [0], [1], [2], base=2) == pytest.approx(
            m.coinformation(d, [[0], [1]], [2]), **tol
        )


def test_mutual_information_from_labels_matches_sklearn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(7)
    for k, n in [(3, 100), (100, 100_000), (5000, 50_000)]:
        x = rng.integers(0, k, n)
        y = np.where(rng.random(n) < 0.5, x, rng.integers(0, k, n))
        got = sanov.mutual_information_from_labels(x, y)
        assert got == pytest.approx(metrics.mutual_info_score(x, y), rel=1e-10, abs=1e-13)


def test_mutual_information_from_labels_dtypes_and_errors():
    x = np.array([0, 0, 1, 1], dtype=np.int8)
    assert sanov.mutual_information_from_labels(x, [5, 5, 7, 7], base=2) == 1.0
    strided = np.array([0, 9, 1, 9, 0, 9, 1, 9])[::2]  # [0, 1, 0, 1], a non-contiguous view
    assert sanov.mutual_information_from_labels(strided, [0, 1, 0, 1]) == pytest.approx(np.log(2), rel=1e-15)
    with pytest.raises(TypeError):
        sanov.mutual_information_from_labels([0.5, 1.0], [0, 1])
    with pytest.raises(sanov.ShapeError):
        sanov.mutual_information_from_labels([0, 1, 2], [0, 1])
    with pytest.raises(sanov.ShapeError):
        sanov.mutual_information_from_labels([[0, 1]], [[0, 1]])


def test_data_processing_check():
    bsc = lambda e: [[1 - e, e], [e, 1 - e]]  # noqa: E731
    r = sanov.data_processing_check([0.5, 0.5], bsc(0.1), bsc(0.2), base=2)
    assert isinstance(r, sanov.DataProcessing)
    assert r.holds and r.i_xz < r.i_xy
    # I(X;Y) of a BSC(0.1) with a uniform input is 1 - h(0.1) bits.
    assert r.i_xy == pytest.approx(1 - sanov.binary_entropy(0.1, base=2), rel=1e-14)
    with pytest.raises(sanov.DomainError):
        sanov.data_processing_check([0.5, 0.5], [[0.9, 0.2], [0.1, 0.9]], bsc(0.2))
    with pytest.raises(sanov.ShapeError):
        sanov.data_processing_check([0.5, 0.5], [[0.9, 0.1]], bsc(0.2))


def test_joint_from_samples_and_sparse():
    joint, labels = sanov.joint_from_samples([0, 0, 1, 1], np.array([5, 7, 7, 7]))
    np.testing.assert_array_equal(joint, [[0.25, 0.25], [0.0, 0.5]])
    assert [l.tolist() for l in labels] == [[0, 1], [5, 7]]
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 4, 1000), rng.integers(-2, 3, 1000)
    joint, _ = sanov.joint_from_samples(x, y)
    assert sanov.mutual_information(joint, [0], [1]) == pytest.approx(
        sanov.mutual_information_from_labels(x, y), rel=1e-12, abs=1e-15
    )
    xor = sanov.joint_from_sparse([2, 2, 2], [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)], [0.25] * 4)
    assert xor.shape == (2, 2, 2)
    assert sanov.co_information(xor, base=2) == -1.0
    with pytest.raises(sanov.ShapeError):
        sanov.joint_from_samples([0, 1], [0])
    with pytest.raises(sanov.ShapeError):
        sanov.joint_from_samples()
    with pytest.raises(sanov.DomainError):
        sanov.joint_from_sparse([2, 2], [(0, 2)], [1.0])
    with pytest.raises(sanov.ShapeError):
        sanov.joint_from_sparse([2, 2], [(0, 1)], [0.5, 0.5])
    with pytest.raises(TypeError):
        sanov.joint_from_samples([0.5, 1.5])
