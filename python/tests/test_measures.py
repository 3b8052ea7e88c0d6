"""Measures against SciPy/NumPy references."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov
from conftest import SIZES, random_dist

scipy_stats = pytest.importorskip("scipy.stats")
scipy_special = pytest.importorskip("scipy.special")

BASES = [None, 2, 10, math.e, 3.5, "bits", "nats", "hartleys"]


def _ln_base(base):
    return {None: 1.0, "nats": 1.0, "bits": math.log(2), "hartleys": math.log(10)}.get(
        base, math.log(base) if not isinstance(base, str) else None
    )


def _scipy_base(base):
    return {None: None, "nats": None, "bits": 2, "hartleys": 10}.get(base, base)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("zeros", [False, True])
def test_entropy_matches_scipy(rng, n, zeros):
    p = random_dist(rng, n, zeros)
    for base in BASES:
        want = scipy_stats.entropy(p, base=_scipy_base(base))
        assert sanov.entropy(p, base=base) == pytest.approx(want, rel=1e-12, abs=1e-14)


def test_entropy_known_values():
    assert sanov.entropy([0.5, 0.5], base=2) == 1.0
    assert sanov.entropy([1.0, 0.0]) == 0.0
    assert sanov.entropy([0.25] * 4, base="bits") == 2.0
    assert isinstance(sanov.entropy([0.5, 0.5]), float)


@pytest.mark.parametrize("n", SIZES)
def test_cross_entropy_matches_numpy(rng, n):
    p, q = random_dist(rng, n, True), random_dist(rng, n)
    want = -np.sum(scipy_special.xlogy(p, q))
    assert sanov.cross_entropy(p, q) == pytest.approx(want, rel=1e-11)
    assert sanov.cross_entropy(p, q, base=2) == pytest.approx(want / math.log(2), rel=1e-11)
    # Identity H(p, q) = H(p) + KL(p||q).
    assert sanov.cross_entropy(p, q) == pytest.approx(
        sanov.entropy(p) + sanov.kl_divergence(p, q), rel=1e-11
    )


def test_cross_entropy_infinite():
    assert sanov.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert sanov.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0


@pytest.mark.parametrize("n", [2, 10, 1000])
@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0, 2.0, 3.7, math.inf])
def test_renyi_matches_numpy(rng, n, alpha):
    p = random_dist(rng, n, True)
    if alpha == 0:
        want = math.log(np.count_nonzero(p))
    elif alpha == 1:
        want = scipy_stats.entropy(p)
    elif alpha == math.inf:
        want = -math.log(p.max())
    else:
        want = math.log(np.sum(p[p > 0] ** alpha)) / (1 - alpha)
    assert sanov.renyi_entropy(p, alpha) == pytest.approx(want, rel=1e-11, abs=1e-14)
    assert sanov.renyi_entropy(p, alpha, base=2) == pytest.approx(
        want / math.log(2), rel=1e-11, abs=1e-14
    )


@pytest.mark.parametrize("n", [2, 10, 1000])
@pytest.mark.parametrize("q", [0.0, 0.5, 1.0, 2.0, 3.0])
def test_tsallis_matches_numpy(rng, n, q):
    p = random_dist(rng, n, True)
    if q == 1:
        want = scipy_stats.entropy(p)
    else:
        want = (1 - np.sum(p[p > 0] ** q)) / (q - 1)
    assert sanov.tsallis_entropy(p, q) == pytest.approx(want, rel=1e-11, abs=1e-14)


def test_binary_entropy_and_surprisal():
    xs = np.array([0.0, 1e-300, 0.2, 0.5, 0.9, 1.0])
    want = scipy_stats.entropy(np.stack([xs, 1 - xs]), axis=0)
    got = sanov.binary_entropy(xs)
    assert isinstance(got, np.ndarray) and got.shape == xs.shape
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-300)
    assert sanov.binary_entropy(0.5, base=2) == 1.0
    assert isinstance(sanov.binary_entropy(0.2), float)
    np.testing.assert_allclose(sanov.surprisal(xs[1:], base=2), -np.log2(xs[1:]), rtol=1e-14)
    assert sanov.surprisal(0.0) == math.inf
    assert sanov.surprisal(0.25, base="bits") == 2.0
    assert sanov.surprisal(np.array([[0.5, 0.25]]), base=2).tolist() == [[1.0, 2.0]]
