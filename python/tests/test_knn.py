"""k-NN estimators (KSG MI, Frenzel-Pompe CMI, Ross MI, Kozachenko-Leonenko) against
scikit-learn (mutual_info_regression / mutual_info_classif, n_neighbors=3) and independent
scipy.spatial.cKDTree evaluations of the same formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special
from scipy.spatial import cKDTree
from sklearn.feature_selection import mutual_info_classif, mutual_info_regression

import sanov

# sklearn adds 1e-10-relative noise from its own generator; sanov's jitter of the same size
# uses another, so a neighbour count can differ only when a point lies within ~1e-10 of a
# radius: rare, and then the estimate moves by about 1/(n_x N) << 1e-5.
TOL_SKLEARN = 1e-5
# The cKDTree references evaluate the same counts; only the digamma sums' rounding differs.
TOL_SAME = 1e-12
psi = scipy.special.digamma


def gaussian_pair(rng, n, rho):
    a = rng.standard_normal(n)
    return a, rho * a + math.sqrt(1 - rho * rho) * rng.standard_normal(n)


def ksg1_ckdtree(x, y, k):
    """KSG algorithm 1 by cKDTree (max-norm; strict counts via nextafter)."""
    x = x.reshape(len(x), -1)
    y = y.reshape(len(y), -1)
    n = len(x)
    xy = np.hstack([x, y])
    eps = cKDTree(xy).query(xy, k=k + 1, p=np.inf)[0][:, -1]
    r = np.nextafter(eps, 0)
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True) - 1
    return psi(k) + psi(n) - np.mean(psi(nx + 1) + psi(ny + 1))


@pytest.mark.parametrize("n,rho,seed", [(300, 0.0, 1), (1000, 0.6, 2), (2500, 0.9, 3)])
def test_ksg_matches_sklearn_regression(n, rho, seed):
    rng = np.random.default_rng(seed)
    x, y = gaussian_pair(rng, n, rho)
    want = mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=0)[0]
    got = sanov.ksg_mutual_information(
        x, y, standardize=True, clip_negative=True, jitter=1e-10
    )
    assert got == pytest.approx(want, abs=TOL_SKLEARN)
    # Without jitter (no duplicates here) the same up to the jitter's effect.
    raw = sanov.ksg_mutual_information(x, y, standardize=True, clip_negative=True)
    assert raw == pytest.approx(want, abs=TOL_SKLEARN)


def test_ksg_nonlinear_matches_sklearn(rng):
    x = rng.uniform(-2, 2, 1500)
    y = np.sin(2 * x) + 0.2 * rng.standard_normal(1500)
    want = mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=0)[0]
    got = sanov.ksg_mutual_information(x, y, standardize=True, clip_negative=True, jitter=1e-10)
    assert got == pytest.approx(want, abs=TOL_SKLEARN)
    for k in (1, 5, 10):
        want = mutual_info_regression(x[:, None], y, n_neighbors=k, random_state=0)[0]
        got = sanov.ksg_mutual_information(x, y, k, standardize=True, clip_negative=True)
        assert got == pytest.approx(want, abs=TOL_SKLEARN)


@pytest.mark.parametrize("dx,dy", [(1, 1), (2, 1), (2, 3)])
def test_ksg_multivariate_matches_ckdtree(rng, dx, dy):
    n = 800
    x = rng.standard_normal((n, dx))
    y = x[:, :1] @ np.ones((1, dy)) * 0.7 + rng.standard_normal((n, dy))
    for k in (1, 3, 7):
        got = sanov.ksg_mutual_information(x, y, k)
        assert got == pytest.approx(ksg1_ckdtree(x, y, k), abs=TOL_SAME)


def test_ksg_algorithm_2_brute_force(rng):
    n, k = 300, 3
    x, y = gaussian_pair(rng, n, 0.5)
    dx = np.abs(x[:, None] - x[None, :])
    dy = np.abs(y[:, None] - y[None, :])
    d = np.maximum(dx, dy)
    np.fill_diagonal(d, np.inf)
    nb = np.argsort(d, axis=1, kind="stable")[:, :k]
    ex = np.take_along_axis(dx, nb, 1).max(1)
    ey = np.take_along_axis(dy, nb, 1).max(1)
    nx = (dx <= ex[:, None]).sum(1) - 1
    ny = (dy <= ey[:, None]).sum(1) - 1
    want = psi(k) - 1 / k + psi(n) - np.mean(psi(nx) + psi(ny))
    assert sanov.ksg_mutual_information(x, y, k, algorithm=2) == pytest.approx(want, abs=TOL_SAME)


def test_ross_matches_sklearn_classif(rng):
    n = 1200
    labels = rng.integers(0, 3, n)
    x = rng.standard_normal(n) + 0.8 * labels
    for k in (1, 3, 6):
        want = mutual_info_classif(x[:, None], labels, n_neighbors=k, random_state=0)[0]
        got = sanov.ksg_mutual_information_discrete(
            x, labels, k, standardize=True, clip_negative=True, jitter=1e-10
        )
        assert got == pytest.approx(want, abs=TOL_SKLEARN)


def test_cmi_matches_ckdtree(rng):
    n, k = 700, 3
    z = rng.standard_normal((n, 1))
    x = z + 0.5 * rng.standard_normal((n, 1))
    y = z + 0.5 * rng.standard_normal((n, 1)) + 0.3 * x
    xyz = np.hstack([x, y, z])
    eps = np.nextafter(cKDTree(xyz).query(xyz, k=k + 1, p=np.inf)[0][:, -1], 0)

    def counts(a):
        return cKDTree(a).query_ball_point(a, eps, p=np.inf, return_length=True) - 1

    want = psi(k) - np.mean(
        psi(counts(np.hstack([x, z])) + 1) + psi(counts(np.hstack([y, z])) + 1) - psi(counts(z) + 1)
    )
    got = sanov.ksg_conditional_mutual_information(x, y, z, k)
    assert got == pytest.approx(want, abs=TOL_SAME)


@pytest.mark.parametrize("d", [1, 2, 3, 6])
def test_kozachenko_leonenko_matches_ckdtree(rng, d):
    n, k = 2000, 4
    x = rng.standard_normal((n, d)) * np.linspace(0.5, 3, d)
    r = cKDTree(x).query(x, k=k + 1)[0][:, -1]
    ln_vd = d / 2 * math.log(math.pi) - math.lgamma(1 + d / 2)
    want = psi(n) - psi(k) + ln_vd + d * np.mean(np.log(r))
    got = sanov.kozachenko_leonenko_entropy(x if d > 1 else x[:, 0], k)
    assert got == pytest.approx(want, rel=TOL_SAME)
    # Against the Gaussian's differential entropy, loosely (estimator error ~ 0.05 at n = 2000).
    h = 0.5 * d * math.log(2 * math.pi * math.e) + np.sum(np.log(np.linspace(0.5, 3, d)))
    assert abs(got - h) < 0.15
    assert sanov.kozachenko_leonenko_entropy(x, k, base=2) == pytest.approx(
        got / math.log(2), rel=1e-14
    )


def test_workers_and_layouts(rng):
    x, y = gaussian_pair(rng, 5000, 0.6)
    a = sanov.ksg_mutual_information(x, y, workers=1)
    b = sanov.ksg_mutual_information(x, y, workers=4)
    assert a == pytest.approx(b, abs=1e-13)
    # 1-D and (n, 1) inputs, strided views and float32/int inputs are accepted alike.
    c = sanov.ksg_mutual_information(x[:, None], y.reshape(-1, 1))
    assert c == a
    xx = np.repeat(x, 2)[::2]
    assert sanov.ksg_mutual_information(xx, y) == a
    assert sanov.ksg_mutual_information(list(x), list(y)) == a


def test_duplicates_raise_or_are_jittered():
    x = np.array([0.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0])
    y = np.array([0.0, 2.0, 2.0, 2.0, 2.0, 1.0, 4.0, 3.0, 7.0, 6.0])
    with pytest.raises(sanov.DomainError, match="duplicates"):
        sanov.ksg_mutual_information(x, y)
    with pytest.raises(sanov.DomainError, match="duplicates"):
        sanov.kozachenko_leonenko_entropy(x, 3)
    v = sanov.ksg_mutual_information(x, y, jitter=1e-10)
    assert math.isfinite(v)
    assert sanov.ksg_mutual_information(x, y, jitter=1e-10) == v
    assert math.isfinite(sanov.ksg_mutual_information(x, y, jitter=1e-10, seed=1))


def test_errors(rng):
    x, y = gaussian_pair(rng, 50, 0.3)
    with pytest.raises(sanov.ShapeError):
        sanov.ksg_mutual_information(x, y[:40])
    with pytest.raises(sanov.ShapeError):
        sanov.ksg_mutual_information(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(sanov.ShapeError):
        sanov.ksg_mutual_information([], [])
    with pytest.raises(sanov.DomainError):
        sanov.ksg_mutual_information(x, y, 0)
    with pytest.raises(sanov.DomainError):
        sanov.ksg_mutual_information(x, y, 50)
    with pytest.raises(sanov.DomainError):
        sanov.ksg_mutual_information(x, y, -1)
    with pytest.raises(sanov.DomainError):
        sanov.ksg_mutual_information(x, y, algorithm=3)
    with pytest.raises(sanov.DomainError):
        sanov.ksg_mutual_information(x, y, jitter=-1.0)
    bad = x.copy()
    bad[3] = np.nan
    with pytest.raises(sanov.DomainError):
        sanov.ksg_mutual_information(bad, y)
    with pytest.raises(sanov.ShapeError):
        sanov.ksg_mutual_information_discrete(x, np.arange(50))
    with pytest.raises(sanov.ShapeError):
        sanov.ksg_mutual_information_discrete(x, np.zeros(10, dtype=int))
    with pytest.raises(TypeError):
        sanov.ksg_mutual_information_discrete(x, np.zeros(50))
    with pytest.raises(sanov.DomainError):
        sanov.kozachenko_leonenko_entropy(x, 0)
