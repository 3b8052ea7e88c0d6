"""Maximum entropy, the biased die and the Gibbs distribution against SciPy and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.optimize
import scipy.special

import sanov


def scipy_maxent(f, t, q=None):
    """The dual minimised by SciPy (BFGS on ln Z - lambda.t, analytic gradient)."""
    f = np.asarray(f, float)
    lq = np.log(q) if q is not None else np.zeros(f.shape[1])
    g = f - np.asarray(t)[:, None]

    def fun(lam):
        e = lq + lam @ g
        a = scipy.special.logsumexp(e)
        p = np.exp(e - a)
        return a, g @ p

    r = scipy.optimize.minimize(fun, np.zeros(len(t)), jac=True, method="BFGS", options={"gtol": 1e-12})
    e = lq + r.x @ g
    return r.x, np.exp(e - scipy.special.logsumexp(e))


@pytest.mark.parametrize("seed", range(6))
def test_random_problems_match_scipy(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(4, 30)), int(rng.integers(1, 4))
    f = rng.uniform(-1, 1, (k, n))
    q = rng.dirichlet(np.ones(n)) if seed % 2 else None
    t = f @ rng.dirichlet(np.ones(n))
    r = sanov.maxent(np.arange(n), f, t, q)
    lam, p = scipy_maxent(f, t, q)
    np.testing.assert_allclose(r.distribution, p, rtol=1e-6)
    np.testing.assert_allclose(r.multipliers, lam, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(f @ r.distribution, t, atol=1e-12)
    if q is None:
        assert r.value == pytest.approx(-np.sum(p * np.log(p)), rel=1e-9)
    else:
        assert r.value == pytest.approx(np.sum(p * np.log(p / q)), rel=1e-7, abs=1e-12)
    assert r.certificate <= 1e-12 and r.termination == "converged" and r.iterations >= 1


def test_biased_die_and_1d_features():
    r = sanov.biased_die(4.8)
    assert r.multipliers[0] == pytest.approx(0.514180063692712, rel=1e-12)
    x = np.arange(1, 7)
    r2 = sanov.maxent(x, x, 4.8)
    np.testing.assert_array_equal(r.distribution, r2.distribution)
    assert isinstance(r.distribution, np.ndarray) and "MaxEntResult" in repr(r)
    edge = sanov.biased_die(6)
    assert edge.multipliers[0] == np.inf and edge.termination == "exact"
    np.testing.assert_array_equal(edge.distribution, [0, 0, 0, 0, 0, 1])


def test_errors():
    x = np.arange(1.0, 7.0)
    with pytest.raises(sanov.InfeasibleError):
        sanov.biased_die(6.5)
    with pytest.raises(sanov.InfeasibleError):
        sanov.maxent([0, 1, 2], [[0, 1, 0], [0, 0, 1]], [0.6, 0.6])
    with pytest.raises(sanov.ConvergenceError):
        sanov.maxent(x, x, 5.9, tol=1e-15, max_iter=1)
    with pytest.raises(sanov.ShapeError):
        sanov.maxent(x, x[:5], 3.0)
    with pytest.raises(sanov.ShapeError):
        sanov.maxent(x, np.ones((2, 3, 6)), [1.0, 1.0])
    with pytest.raises(sanov.DomainError):
        sanov.maxent(x, x, np.nan)
    with pytest.raises(sanov.DomainError):
        sanov.maxent(x, x, 3.0, prior=np.full(6, 0.2))
    with pytest.raises(sanov.DomainError):
        sanov.maxent(x, x, 3.0, tol=0.0)
    with pytest.raises(sanov.DomainError):
        sanov.gibbs([0.0, 1.0], 0.0)
    with pytest.raises(sanov.ShapeError):
        sanov.gibbs([], 1.0)


def test_gibbs():
    e = np.array([0.0, 0.3, 1.7, -2.5, 4.2])
    for temp in (0.1, 1.0, 7.0):
        g = sanov.gibbs(e, temp)
        np.testing.assert_allclose(g.probabilities, scipy.special.softmax(-e / temp), rtol=1e-13)
        assert g.free_energy == pytest.approx(-temp * scipy.special.logsumexp(-e / temp), rel=1e-14)
        assert g.internal_energy == pytest.approx(g.probabilities @ e, rel=1e-13)
        assert g.free_energy == pytest.approx(g.internal_energy - temp * g.entropy, rel=1e-13)
