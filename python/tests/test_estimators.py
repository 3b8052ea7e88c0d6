"""Discrete entropy estimators, NMI and AMI against scipy, scikit-learn and closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special
import scipy.stats
from sklearn.metrics import (
    adjusted_mutual_info_score,
    mutual_info_score,
    normalized_mutual_info_score,
)

import sanov

METHODS = ["min", "geometric", "arithmetic", "max"]


@pytest.fixture
def labels(rng):
    p = rng.dirichlet(np.full(30, 0.5))
    return rng.choice(30, 700, p=p) * 1009 - 50


def test_plugin_matches_scipy(labels):
    counts = np.unique(labels, return_counts=True)[1]
    assert sanov.plugin_entropy(labels) == pytest.approx(scipy.stats.entropy(counts), rel=1e-13)
    assert sanov.plugin_entropy(labels, base=2) == pytest.approx(
        scipy.stats.entropy(counts, base=2), rel=1e-13
    )
    # Other integer dtypes and lists are accepted.
    assert sanov.plugin_entropy(labels.astype(np.int32)) == sanov.plugin_entropy(labels)
    assert sanov.plugin_entropy(list(labels)) == sanov.plugin_entropy(labels)
    assert sanov.plugin_entropy(labels[::2]) == pytest.approx(
        scipy.stats.entropy(np.unique(labels[::2], return_counts=True)[1]), rel=1e-13
    )


def test_closed_forms(labels):
    counts = np.unique(labels, return_counts=True)[1].astype(float)
    n, m = counts.sum(), len(counts)
    h = scipy.stats.entropy(counts)
    assert sanov.miller_madow_entropy(labels) == pytest.approx(h + (m - 1) / (2 * n), rel=1e-13)
    k = counts
    g = scipy.special.digamma(k) + 0.5 * (-1.0) ** k * (
        scipy.special.digamma((k + 1) / 2) - scipy.special.digamma(k / 2)
    )
    assert sanov.grassberger_entropy(labels) == pytest.approx(
        math.log(n) - np.sum(k * g) / n, rel=1e-12
    )
    f1 = np.sum(k == 1)
    c = 1 - (min(f1, n - 1)) / n
    pa = c * k / n
    cs = -np.sum(pa * np.log(pa) / (1 - (1 - pa) ** n))
    assert sanov.chao_shen_entropy(labels) == pytest.approx(cs, rel=1e-12)


def test_nsb(labels):
    mean, std = sanov.nsb_entropy(labels, 40)
    h = sanov.plugin_entropy(labels)
    assert h < mean < math.log(40)
    assert 0 < std < 0.2
    mean_bits, std_bits = sanov.nsb_entropy(labels, 40, base=2)
    assert mean_bits == pytest.approx(mean / math.log(2), rel=1e-14)
    assert std_bits == pytest.approx(std / math.log(2), rel=1e-14)


@pytest.mark.parametrize("method", METHODS)
def test_nmi_ami_match_sklearn(rng, method):
    for n, kx, ky in [(300, 4, 6), (1000, 25, 10), (80, 40, 30)]:
        x = rng.integers(0, kx, n)
        y = np.where(rng.random(n) < 0.5, x % ky, rng.integers(0, ky, n))
        assert sanov.normalized_mutual_information(x, y, method) == pytest.approx(
            normalized_mutual_info_score(x, y, average_method=method), abs=1e-12
        )
        assert sanov.adjusted_mutual_information(x, y, average_method=method) == pytest.approx(
            adjusted_mutual_info_score(x, y, average_method=method), abs=1e-10
        )


def test_defaults_and_special_cases(rng):
    x = rng.integers(0, 5, 200)
    y = rng.integers(0, 3, 200)
    assert sanov.normalized_mutual_information(x, y) == pytest.approx(
        normalized_mutual_info_score(x, y), abs=1e-12
    )
    assert sanov.adjusted_mutual_information(x, y) == pytest.approx(
        adjusted_mutual_info_score(x, y), abs=1e-10
    )
    one = np.zeros(10, dtype=np.int64)
    assert sanov.normalized_mutual_information(one, one + 3) == 1.0
    assert sanov.adjusted_mutual_information(one, one + 3) == 1.0
    assert sanov.adjusted_mutual_information(one, np.arange(10)) == 0.0


def test_conditional_entropy(rng):
    x = rng.integers(0, 6, 500)
    y = (x + rng.integers(0, 2, 500)) % 4
    hy = scipy.stats.entropy(np.unique(y, return_counts=True)[1])
    hx = scipy.stats.entropy(np.unique(x, return_counts=True)[1])
    mi = mutual_info_score(x, y)
    assert sanov.conditional_entropy_from_labels(x, y) == pytest.approx(hx - mi, rel=1e-12)
    assert sanov.conditional_entropy_from_labels(y, x, base=2) == pytest.approx(
        (hy - mi) / math.log(2), rel=1e-12
    )


def test_errors():
    for f in [
        sanov.plugin_entropy,
        sanov.miller_madow_entropy,
        sanov.grassberger_entropy,
        sanov.chao_shen_entropy,
    ]:
        with pytest.raises(sanov.ShapeError):
            f(np.array([], dtype=np.int64))
        with pytest.raises(TypeError):
            f(np.array([0.5, 1.0]))
    with pytest.raises(sanov.ShapeError):
        sanov.nsb_entropy(np.array([], dtype=np.int64), 3)
    with pytest.raises(sanov.DomainError):
        sanov.nsb_entropy([1, 2, 3], 2)
    with pytest.raises(sanov.DomainError):
        sanov.nsb_entropy([1, 2, 3], -5)
    for f in [
        sanov.normalized_mutual_information,
        sanov.adjusted_mutual_information,
        sanov.conditional_entropy_from_labels,
    ]:
        with pytest.raises(sanov.ShapeError):
            f([1, 2], [1, 2, 3])
        with pytest.raises(sanov.ShapeError):
            f(np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    with pytest.raises(sanov.DomainError):
        sanov.normalized_mutual_information([1, 2], [1, 2], "median")
