"""Divergences against SciPy/NumPy references."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov
from conftest import SIZES, random_dist

scipy_stats = pytest.importorskip("scipy.stats")
scipy_special = pytest.importorskip("scipy.special")
distance = pytest.importorskip("scipy.spatial.distance")


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("zeros", [False, True])
def test_kl_matches_scipy(rng, n, zeros):
    p, q = random_dist(rng, n, zeros), random_dist(rng, n)
    want = scipy_stats.entropy(p, q)
    assert sanov.kl_divergence(p, q) == pytest.approx(want, rel=1e-10, abs=1e-15)
    assert sanov.kl_divergence(p, q, base=2) == pytest.approx(
        scipy_stats.entropy(p, q, base=2), rel=1e-10, abs=1e-15
    )
    assert sanov.kl_divergence(p, q) == pytest.approx(
        scipy_special.rel_entr(p, q).sum(), rel=1e-10, abs=1e-15
    )
    assert sanov.kl_divergence(p, q) == pytest.approx(
        scipy_special.kl_div(p, q).sum(), rel=1e-10, abs=1e-15
    )


def test_kl_known_values_and_inf():
    assert sanov.kl_divergence([0.4, 0.4, 0.2], [0.33, 0.33, 0.34]) == pytest.approx(
        0.0477719, abs=1e-7
    )
    assert sanov.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert sanov.kl_divergence([1.0, 0.0], [0.5, 0.5], base=2) == 1.0
    assert sanov.kl_divergence([0.3, 0.7], [0.3, 0.7]) == 0.0


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("base", [None, 2, "bits", 10])
def test_js_distance_matches_scipy(rng, n, base):
    p, q = random_dist(rng, n, True), random_dist(rng, n, True)
    b = {"bits": 2}.get(base, base)
    want = distance.jensenshannon(p, q, base=b)
    assert sanov.js_distance(p, q, base=base) == pytest.approx(want, rel=1e-9, abs=1e-12)
    assert sanov.js_divergence(p, q, base=base) == pytest.approx(want**2, rel=1e-9, abs=1e-14)


def test_js_known_values():
    assert sanov.js_divergence([0.5, 0.5], [0.9, 0.1]) == pytest.approx(0.101749, abs=1e-6)
    assert sanov.js_divergence([1.0, 0.0], [0.0, 1.0]) == pytest.approx(math.log(2), rel=1e-15)
    assert sanov.js_distance([1.0, 0.0], [0.0, 1.0], base=2) == pytest.approx(1.0, rel=1e-15)


@pytest.mark.parametrize("n", SIZES)
def test_unitless_divergences_match_numpy(rng, n):
    p, q = random_dist(rng, n, True), random_dist(rng, n)
    hell = math.sqrt(max(0.0, 1 - np.sum(np.sqrt(p * q))))
    assert sanov.hellinger_distance(p, q) == pytest.approx(hell, rel=1e-7, abs=1e-9)
    assert sanov.total_variation_distance(p, q) == pytest.approx(
        0.5 * np.abs(p - q).sum(), rel=1e-11
    )
    assert sanov.chi2_divergence(p, q) == pytest.approx(np.sum((p - q) ** 2 / q), rel=1e-10)


def test_unitless_known_values():
    assert sanov.hellinger_distance([1.0, 0.0], [0.0, 1.0]) == 1.0
    assert sanov.hellinger_distance([0.5, 0.5], [0.5, 0.5]) == 0.0
    assert sanov.total_variation_distance([0.5, 0.5], [0.25, 0.75]) == 0.25
    assert sanov.chi2_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    with pytest.raises(TypeError):
        sanov.hellinger_distance([0.5, 0.5], [0.5, 0.5], base=2)
