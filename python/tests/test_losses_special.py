"""Losses, channels, multivariate, special functions and validation against NumPy/SciPy."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov
from conftest import random_dist

scipy_special = pytest.importorskip("scipy.special")


def test_cross_entropy_loss():
    assert sanov.cross_entropy_loss([0.7, 0.2, 0.1], 0, base=2) == pytest.approx(
        0.5145731728297583, rel=1e-15
    )
    assert sanov.cross_entropy_loss([0.7, 0.2, 0.1], 2, base=2) == pytest.approx(
        3.321928094887362, rel=1e-15
    )
    assert sanov.cross_entropy_loss([1.0, 0.0], 1) == math.inf
    assert sanov.cross_entropy_loss([0.7, 0.2, 0.1], np.int64(1)) == pytest.approx(-math.log(0.2))


def test_cross_entropy_loss_batched(rng):
    probs = np.stack([random_dist(rng, 5) for _ in range(7)])
    target = rng.integers(0, 5, size=7)
    got = sanov.cross_entropy_loss(probs, target, axis=1)
    np.testing.assert_allclose(got, -np.log(probs[np.arange(7), target]), rtol=1e-15)
    got0 = sanov.cross_entropy_loss(probs.T, target, axis=0)
    np.testing.assert_array_equal(got, got0)
    with pytest.raises(sanov.ShapeError):
        sanov.cross_entropy_loss(probs, target[:3], axis=1)


def test_label_smoothing(rng):
    q = random_dist(rng, 6)
    for eps in [0.0, 0.1, 0.5, 1.0]:
        t = np.full(6, eps / 6)
        t[2] += 1 - eps
        want = -np.sum(t * np.log(q))
        assert sanov.label_smoothed_cross_entropy(q, 2, eps) == pytest.approx(want, rel=1e-13)
        assert sanov.label_smoothed_cross_entropy(q, 2, label_smoothing=eps) == pytest.approx(
            want, rel=1e-13
        )
    assert sanov.label_smoothed_cross_entropy(q, 2, 0.0) == sanov.cross_entropy_loss(q, 2)
    with pytest.raises(TypeError):
        sanov.label_smoothed_cross_entropy(q, 2)
    with pytest.raises(TypeError):
        sanov.label_smoothed_cross_entropy(q, 2, 0.1, label_smoothing=0.1)
    with pytest.raises(sanov.DomainError):
        sanov.label_smoothed_cross_entropy(q, 2, 1.5)


@pytest.mark.parametrize("shape", [(1,), (10,), (4, 5), (100_000,)])
def test_binary_cross_entropy(rng, shape):
    y = rng.random(shape)
    y[..., 0] = 1.0
    pi = rng.random(shape) * 0.98 + 0.01
    terms = -(y * np.log(pi) + (1 - y) * np.log1p(-pi))
    assert sanov.binary_cross_entropy(y, pi) == pytest.approx(terms.mean(), rel=1e-12)
    assert sanov.binary_cross_entropy(y, pi, reduction="sum") == pytest.approx(
        terms.sum(), rel=1e-12
    )
    none = sanov.binary_cross_entropy(y, pi, reduction="none", base=2)
    assert none.shape == y.shape
    np.testing.assert_allclose(none, terms / math.log(2), rtol=1e-12)
    z = scipy_special.logit(pi)
    assert sanov.binary_cross_entropy_with_logits(y, z) == pytest.approx(terms.mean(), rel=1e-9)
    np.testing.assert_allclose(
        sanov.binary_cross_entropy_with_logits(y, z, reduction="none"), terms, rtol=1e-9
    )


def test_binary_cross_entropy_edges():
    assert sanov.binary_cross_entropy([1.0, 0.0], [0.5, 0.5], base=2) == 1.0
    assert sanov.binary_cross_entropy([0.0], [0.0]) == 0.0
    assert sanov.binary_cross_entropy([1.0], [0.0]) == math.inf
    assert sanov.binary_cross_entropy_with_logits([0.0], [1000.0], reduction="sum") == 1000.0
    assert sanov.binary_cross_entropy_with_logits([1.0], [math.inf]) == 0.0
    with pytest.raises(sanov.ShapeError):
        sanov.binary_cross_entropy([[1.0, 0.0]], [1.0, 0.0])
    with pytest.raises(sanov.DomainError):
        sanov.binary_cross_entropy([1.0], [0.5], reduction="avg")
    with pytest.raises(sanov.DomainError):
        sanov.binary_cross_entropy([1.5], [0.5])


def test_perplexity(rng):
    lp = np.log(rng.random(1000))
    assert sanov.perplexity(lp) == pytest.approx(math.exp(-lp.mean()), rel=1e-12)
    assert sanov.perplexity(lp / math.log(2), log_base=2) == pytest.approx(
        math.exp(-lp.mean()), rel=1e-12
    )
    assert sanov.perplexity([-2.0, -2.0], log_base="bits") == 4.0
    assert sanov.perplexity([0.0, -math.inf]) == math.inf
    with pytest.raises(sanov.DomainError):
        sanov.perplexity([0.5])


def test_awgn_and_gaussian_mi():
    assert sanov.awgn_capacity(3.0, base=2) == pytest.approx(1.0, rel=1e-15)
    snr = np.array([0.0, 1.0, 10.0, 1e6])
    np.testing.assert_allclose(sanov.awgn_capacity(snr), 0.5 * np.log1p(snr), rtol=1e-15)
    rho = np.linspace(-0.99, 0.99, 11)
    np.testing.assert_allclose(
        sanov.gaussian_mutual_information(rho), -0.5 * np.log1p(-(rho**2)), rtol=1e-12
    )
    assert sanov.gaussian_mutual_information(1.0) == math.inf
    with pytest.raises(sanov.DomainError):
        sanov.awgn_capacity(-1.0)
    with pytest.raises(sanov.DomainError):
        sanov.gaussian_mutual_information(1.5)


def test_gaussian_mi_cov(rng):
    a = rng.standard_normal((5, 5))
    cov = a @ a.T + 5 * np.eye(5)
    x, y = [0, 2], [1, 3, 4]
    sub = lambda idx: np.linalg.slogdet(cov[np.ix_(idx, idx)])[1]  # noqa: E731
    want = 0.5 * (sub(x) + sub(y) - sub(x + y))
    assert sanov.gaussian_mutual_information_cov(cov, x, y) == pytest.approx(want, rel=1e-10)
    assert sanov.gaussian_mutual_information_cov(cov, np.array(x), y, base=2) == pytest.approx(
        want / math.log(2), rel=1e-10
    )
    r = 0.6
    assert sanov.gaussian_mutual_information_cov(
        [[1, r], [r, 1]], [0], [1]
    ) == pytest.approx(sanov.gaussian_mutual_information(r), rel=1e-14)
    with pytest.raises(sanov.DomainError):
        sanov.gaussian_mutual_information_cov(cov, [0], [0])
    with pytest.raises(sanov.DomainError):
        sanov.gaussian_mutual_information_cov(cov, [-1], [0])
    with pytest.raises(sanov.DomainError):
        sanov.gaussian_mutual_information_cov([[1, 2], [2, 1]], [0], [1])
    with pytest.raises(sanov.ShapeError):
        sanov.gaussian_mutual_information_cov(np.ones((2, 3)), [0], [1])


def test_xlogy_matches_scipy(rng):
    x = np.array([0.0, 0.0, 1.0, 2.5, 3.0])
    y = np.array([0.0, 2.0, 0.0, 0.5, 7.0])
    np.testing.assert_array_equal(sanov.xlogy(x, y), scipy_special.xlogy(x, y))
    a, b = rng.random((3, 1)), rng.random(4)
    np.testing.assert_allclose(sanov.xlogy(a, b), scipy_special.xlogy(a, b), rtol=1e-15)
    assert sanov.xlogy(0, 0) == 0.0
    assert math.isnan(sanov.xlogy(math.nan, 1.0))
    np.testing.assert_array_equal(sanov.xlogx(x), scipy_special.xlogy(x, x))
    with pytest.raises(sanov.ShapeError):
        sanov.xlogy(np.ones(3), np.ones(4))


@pytest.mark.parametrize("n", [1, 2, 10, 100_000])
def test_logsumexp_matches_scipy(rng, n):
    x = rng.standard_normal(n) * 100
    assert sanov.logsumexp(x) == pytest.approx(scipy_special.logsumexp(x), rel=1e-14)
    assert sanov.logsumexp([1000.0, 1000.0]) == 1000.0 + math.log(2)
    assert sanov.logsumexp([-math.inf, -math.inf]) == -math.inf
    m = rng.standard_normal((6, 9))
    np.testing.assert_allclose(
        sanov.logsumexp(m, axis=1), scipy_special.logsumexp(m, axis=1), rtol=1e-14
    )
    np.testing.assert_allclose(
        sanov.logsumexp(m, axis=0), scipy_special.logsumexp(m, axis=0), rtol=1e-14
    )
    with pytest.raises(sanov.ShapeError):
        sanov.logsumexp(m)


def test_validate_and_normalize():
    assert sanov.check_probability_vector([0.25, 0.75]) is None
    with pytest.raises(sanov.DomainError, match="sums to"):
        sanov.check_probability_vector([0.25, 0.5])
    np.testing.assert_array_equal(sanov.normalize([1, 3]), [0.25, 0.75])
    np.testing.assert_array_equal(sanov.normalize([[1, 3], [2, 2]], axis=1), [[0.25, 0.75], [0.5, 0.5]])
    np.testing.assert_array_equal(sanov.normalize([[1, 2], [3, 2]], axis=0), [[0.25, 0.5], [0.75, 0.5]])
    with pytest.raises(sanov.DomainError):
        sanov.normalize([0, 0])
    with pytest.raises(sanov.ShapeError):
        sanov.normalize([[1, 2]])
    assert sanov.DEFAULT_TOLERANCE == 1e-9
    assert sanov.entropy([2, 2], normalize=True) == pytest.approx(math.log(2))
    assert sanov.kl_divergence([1, 1], [1, 3], normalize=True) == pytest.approx(
        sanov.kl_divergence([0.5, 0.5], [0.25, 0.75])
    )
