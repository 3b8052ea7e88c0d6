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
