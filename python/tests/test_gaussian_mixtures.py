"""sanov.gmm_* (Gaussian mixtures) against scipy and independent numpy formulas; errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, special, stats

import sanov

# scipy.integrate.quad reaches about 1e-11 relative on these smooth, split integrands.
QUAD_REL = 1e-10
# Closed forms evaluated twice in float64 (numpy inverse/det here, Cholesky in sanov).
FORMULA_REL = 1e-11
# Monte Carlo: within this many standard errors.
MC_SIGMAS = 4.0

CASES_1D = [
    ([1.0], [0.0], [1.0]),
    ([0.5, 0.5], [-1.0, 1.0], [1.0, 1.0]),
    ([0.3, 0.7], [0.0, 0.0], [1.0, 3.0]),
    ([0.2, 0.5, 0.3], [-3.0, 0.5, 4.0], [0.5, 1.0, 2.0]),
    ([0.5, 0.5], [0.0, 1.0], [0.05, 0.1]),
    ([0.6, 0.4], [100.0, -200.0], [30.0, 50.0]),
]


def _logpdf_1d(x, w, locs, scales):
    w, locs, scales = map(np.asarray, (w, locs, scales))
    return special.logsumexp(stats.norm.logpdf(x, locs, scales), b=w)


def _cuts(*mixtures):
    pts = sorted({m + k * s for _, locs, scales in mixtures for m, s in zip(locs, scales) for k in (-8, 0, 8)})
    return [-np.inf, *pts, np.inf]


def _quad(fun, pts):
    return sum(integrate.quad(fun, a, b, epsabs=1e-14, epsrel=1e-12, limit=500)[0] for a, b in zip(pts[:-1], pts[1:]))


def _scipy_entropy(w, locs, scales):
    def g(x):
        lf = _logpdf_1d(x, w, locs, scales)
        return -math.exp(lf) * lf

    return _quad(g, _cuts((w, locs, scales)))


def _scipy_kl(f, g):
    def h(x):
        lf, lg = _logpdf_1d(x, *f), _logpdf_1d(x, *g)
        return math.exp(lf) * (lf - lg)

    return _quad(h, _cuts(f, g))


def _as_gmm(w, locs, scales):
    """(weights, means, covs) of a 1-D mixture."""
    s = np.asarray(scales, dtype=float)
    return (np.asarray(w), np.asarray(locs, dtype=float)[:, None], (s * s)[:, None, None])


def _gauss_kl(m0, s0, m1, s1):
    d = len(m0)
    i1 = np.linalg.inv(s1)
    delta = m1 - m0
    return 0.5 * (np.trace(i1 @ s0) + delta @ i1 @ delta - d + np.linalg.slogdet(s1)[1] - np.linalg.slogdet(s0)[1])


def _bhattacharyya(m0, s0, m1, s1):
    s = (s0 + s1) / 2
    delta = m1 - m0
    return delta @ np.linalg.inv(s) @ delta / 8 + 0.5 * (
        np.linalg.slogdet(s)[1] - 0.5 * np.linalg.slogdet(s0)[1] - 0.5 * np.linalg.slogdet(s1)[1]
    )


def _pairwise(w, means, covs, dist):
    cond = sum(wi * stats.multivariate_normal(m, c).entropy() for wi, m, c in zip(w, means, covs))
    k = len(w)
    d = np.array([[dist(means[i], covs[i], means[j], covs[j]) for j in range(k)] for i in range(k)])
    return cond - sum(w[i] * special.logsumexp(-d[i], b=w) for i in range(k) if w[i] > 0)


def _hershey_olsen(f, g):
    (wf, mf, cf), (wg, mg, cg) = f, g
    total = 0.0
    for a in range(len(wf)):
        own = [_gauss_kl(mf[a], cf[a], mf[b], cf[b]) for b in range(len(wf))]
        cross = [_gauss_kl(mf[a], cf[a], mg[b], cg[b]) for b in range(len(wg))]
        total += wf[a] * (special.logsumexp(-np.array(own), b=wf) - special.logsumexp(-np.array(cross), b=wg))
    return total


def _random_gmm(rng, k, d):
    w = rng.uniform(0.2, 1.0, k)
    a = rng.uniform(-1, 1, (k, d, d))
    covs = a @ a.transpose(0, 2, 1) + 0.5 * np.eye(d)
    return (w / w.sum(), rng.uniform(-2, 2, (k, d)), covs)


@pytest.mark.parametrize("case", CASES_1D)
def test_entropy_matches_scipy_quad(case):
    want = _scipy_entropy(*case)
    assert sanov.gmm_entropy(*case) == pytest.approx(want, rel=QUAD_REL)
    assert sanov.gmm_entropy(*case, base=2) == pytest.approx(want / math.log(2), rel=QUAD_REL)


def test_single_component_is_the_normal():
    h = sanov.gmm_entropy([1.0], [3.0], [2.5])
    assert h == pytest.approx(stats.norm(3.0, 2.5).entropy(), rel=1e-14)
    mean, cov = np.array([0.5, -1.0, 2.0]), np.array([[2.0, 0.3, 0.1], [0.3, 1.0, -0.2], [0.1, -0.2, 0.5]])
    lo, hi = sanov.gmm_entropy_bounds([1.0], mean[None], cov[None])
    want = stats.multivariate_normal(mean, cov).entropy()
    assert lo == hi
    assert lo == pytest.approx(want, rel=1e-14)


@pytest.mark.parametrize("case", CASES_1D)
def test_bounds_bracket_the_1d_entropy(case):
    b = sanov.gmm_entropy_bounds(*_as_gmm(*case))
    assert isinstance(b, sanov.MixtureEntropyBounds)
    h = _scipy_entropy(*case)
    slack = QUAD_REL * abs(h)
    assert b.lower <= h + slack
    assert h <= b.upper + slack


@pytest.mark.parametrize(("seed", "k", "d"), [(0, 1, 2), (1, 2, 2), (2, 3, 3), (3, 4, 5)])
def test_bounds_match_the_formulas(seed, k, d):
    w, means, covs = _random_gmm(np.random.default_rng(seed), k, d)
    lo, hi = sanov.gmm_entropy_bounds(w, means, covs)
    assert lo == pytest.approx(_pairwise(w, means, covs, _bhattacharyya), rel=FORMULA_REL)
    assert hi == pytest.approx(_pairwise(w, means, covs, _gauss_kl), rel=FORMULA_REL)
    cond = sum(wi * stats.multivariate_normal(m, c).entropy() for wi, m, c in zip(w, means, covs))
    assert cond - 1e-12 <= lo <= hi <= cond + stats.entropy(w) + 1e-12
    lo2, hi2 = sanov.gmm_entropy_bounds(w, means, covs, base="bits")
    assert (lo2, hi2) == pytest.approx((lo / math.log(2), hi / math.log(2)), rel=1e-15)


@pytest.mark.parametrize(("seed", "kf", "kg", "d"), [(0, 1, 1, 2), (1, 2, 3, 2), (2, 3, 2, 4)])
def test_variational_matches_the_formula(seed, kf, kg, d):
    rng = np.random.default_rng(seed)
    f, g = _random_gmm(rng, kf, d), _random_gmm(rng, kg, d)
    assert sanov.gmm_kl_variational(f, g) == pytest.approx(_hershey_olsen(f, g), rel=FORMULA_REL, abs=1e-14)
    assert sanov.gmm_kl_variational(f, f) == 0.0
    assert sanov.gmm_kl_variational(list(f), list(g), base=2) == pytest.approx(
        _hershey_olsen(f, g) / math.log(2), rel=FORMULA_REL, abs=1e-14
    )


KL_CASES = [
    (([0.5, 0.5], [-1.0, 1.0], [1.0, 1.0]), ([1.0], [0.0], [2.0])),
    (([0.3, 0.7], [0.0, 2.0], [1.0, 0.5]), ([0.6, 0.4], [0.5, 1.5], [1.5, 1.0])),
    (([0.2, 0.5, 0.3], [-3.0, 0.5, 4.0], [0.5, 1.0, 2.0]), ([0.5, 0.5], [-1.0, 2.0], [2.0, 2.5])),
]


@pytest.mark.parametrize(("f", "g"), KL_CASES)
def test_monte_carlo_within_four_standard_errors_of_quad(f, g):
    want = _scipy_kl(f, g)
    r = sanov.gmm_kl_monte_carlo(_as_gmm(*f), _as_gmm(*g), n_samples=200_000, seed=11)
    assert isinstance(r, sanov.MonteCarloKl)
    est, se = r
    assert 0 < se < 0.01
    assert abs(est - want) <= MC_SIGMAS * se


def test_monte_carlo_is_reproducible_and_independent_of_workers():
    f, g = (_as_gmm(*c) for c in KL_CASES[1])
    a = sanov.gmm_kl_monte_carlo(f, g, n_samples=20_001, seed=3, workers=1)
    for workers in (None, 2, 4):
        assert sanov.gmm_kl_monte_carlo(f, g, n_samples=20_001, seed=3, workers=workers) == a
    assert sanov.gmm_kl_monte_carlo(f, g, n_samples=20_001, seed=4) != a
    bits = sanov.gmm_kl_monte_carlo(f, g, n_samples=20_001, seed=3, base=2)
    assert bits == pytest.approx((a.estimate / math.log(2), a.std_error / math.log(2)), rel=1e-15)


def test_errors():
    w, m, c = _as_gmm([0.5, 0.5], [0.0, 1.0], [1.0, 1.0])
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy([-0.5, 1.5], [0.0, 1.0], [1.0, 1.0])
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy([0.5, 0.6], [0.0, 1.0], [1.0, 1.0])
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy([np.nan, 1.0], [0.0, 1.0], [1.0, 1.0])
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy([0.5, 0.5], [0.0, 1.0], [1.0, 0.0])
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy([0.5, 0.5], [0.0, np.inf], [1.0, 1.0])
    with pytest.raises(sanov.ShapeError):
        sanov.gmm_entropy([], [], [])
    with pytest.raises(sanov.ShapeError):
        sanov.gmm_entropy([0.5, 0.5], [0.0], [1.0, 1.0])
    with pytest.raises(sanov.ShapeError):
        sanov.gmm_entropy([[0.5, 0.5]], [0.0, 1.0], [1.0, 1.0])
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy([0.5, 0.5], [0.0, 1.0], [1.0, 1.0], base=1)

    with pytest.raises(sanov.ShapeError):
        sanov.gmm_entropy_bounds(np.zeros(0), np.zeros((0, 1)), np.zeros((0, 1, 1)))
    with pytest.raises(sanov.ShapeError):
        sanov.gmm_entropy_bounds(w, m[:1], c)
    with pytest.raises(sanov.ShapeError):
        sanov.gmm_entropy_bounds(w, m, c[:, :, 0])
    with pytest.raises(sanov.ShapeError):
        sanov.gmm_entropy_bounds(w, m, np.ones((2, 2, 2)))
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy_bounds(w, m, -c)
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy_bounds(w, np.zeros((2, 2)), np.array([[[1.0, 2.0], [2.0, 1.0]]] * 2))
    with pytest.raises(sanov.DomainError):
        sanov.gmm_entropy_bounds(w, np.full((2, 1), np.nan), c)

    p, q2 = (w, m, c), _random_gmm(np.random.default_rng(0), 2, 2)
    with pytest.raises(sanov.ShapeError):
        sanov.gmm_kl_variational(p, q2)
    with pytest.raises(sanov.ShapeError):
        sanov.gmm_kl_monte_carlo(p, q2)
    with pytest.raises(TypeError):
        sanov.gmm_kl_variational(p, w)
    with pytest.raises(TypeError):
        sanov.gmm_kl_variational((w, m), p)
    with pytest.raises(sanov.DomainError, match="^q: "):
        sanov.gmm_kl_variational(p, ([0.5, 0.6], m, c))
    for n in (0, 1):
        with pytest.raises(sanov.DomainError):
            sanov.gmm_kl_monte_carlo(p, p, n_samples=n)
    with pytest.raises(sanov.DomainError):
        sanov.gmm_kl_monte_carlo(p, p, n_samples=-1)
    with pytest.raises(sanov.DomainError):
        sanov.gmm_kl_monte_carlo(p, p, seed=-1)
    with pytest.raises(TypeError):
        sanov.gmm_kl_monte_carlo(p, p, n_samples=10.5)
