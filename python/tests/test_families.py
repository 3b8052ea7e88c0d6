"""Parametric families and special functions against SciPy (and torch where installed)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov

stats = pytest.importorskip("scipy.stats")
special = pytest.importorskip("scipy.special")

# (family, params, the same distribution in SciPy)
CONTINUOUS = [
    ("normal", {"loc": 0.3, "scale": 2.0}, lambda: stats.norm(0.3, 2.0)),
    ("normal", {"loc": 0.0, "scale": 0.01}, lambda: stats.norm(0.0, 0.01)),
    ("exponential", {"rate": 2.5}, lambda: stats.expon(scale=1 / 2.5)),
    ("gamma", {"shape": 3.2, "rate": 0.7}, lambda: stats.gamma(3.2, scale=1 / 0.7)),
    ("gamma", {"shape": 0.4, "rate": 5.0}, lambda: stats.gamma(0.4, scale=1 / 5.0)),
    ("beta", {"alpha": 2.0, "beta": 5.0}, lambda: stats.beta(2.0, 5.0)),
    ("beta", {"alpha": 0.5, "beta": 0.5}, lambda: stats.beta(0.5, 0.5)),
    ("laplace", {"loc": 1.0, "scale": 0.3}, lambda: stats.laplace(1.0, 0.3)),
    ("uniform", {"low": -1.0, "high": 3.0}, lambda: stats.uniform(-1.0, 4.0)),
    ("von_mises", {"loc": 0.5, "concentration": 2.0}, lambda: stats.vonmises(2.0, loc=0.5)),
    ("von_mises", {"loc": 0.0, "concentration": 300.0}, lambda: stats.vonmises(300.0)),
]

DISCRETE = [
    ("bernoulli", {"p": 0.3}, lambda: stats.bernoulli(0.3)),
    ("poisson", {"rate": 4.5}, lambda: stats.poisson(4.5)),
    ("poisson", {"rate": 0.01}, lambda: stats.poisson(0.01)),
    ("geometric", {"p": 0.2}, lambda: stats.geom(0.2)),
]


@pytest.mark.parametrize("family,params,scipy_dist", CONTINUOUS)
def test_differential_entropy_matches_scipy(family, params, scipy_dist):
    got = sanov.differential_entropy(family, params)
    assert got == pytest.approx(float(scipy_dist().entropy()), rel=1e-9, abs=1e-12)
    assert sanov.differential_entropy(family, **params) == got
    assert sanov.differential_entropy(family, params, base=2) == pytest.approx(got / math.log(2))


@pytest.mark.parametrize("family,params,scipy_dist", DISCRETE)
def test_discrete_entropy_matches_scipy(family, params, scipy_dist):
    got = sanov.entropy_parametric(family, params)
    assert got == pytest.approx(float(scipy_dist().entropy()), rel=1e-9, abs=1e-12)


def test_multivariate_families_match_scipy():
    mean = np.array([0.5, -1.0, 2.0])
    a = np.array([[2.0, 0.3, 0.1], [0.3, 1.0, -0.2], [0.1, -0.2, 0.5]])
    got = sanov.differential_entropy("mvn", mean=mean, cov=a)
    assert got == pytest.approx(stats.multivariate_normal(mean, a).entropy(), rel=1e-12)
    alpha = np.array([0.7, 2.0, 3.5])
    got = sanov.differential_entropy("dirichlet", alpha=alpha)
    assert got == pytest.approx(stats.dirichlet(alpha).entropy(), rel=1e-10)
    probs = np.array([0.2, 0.5, 0.3])
    assert sanov.entropy_parametric("categorical", probs=probs) == pytest.approx(
        stats.entropy(probs), rel=1e-14
    )


def test_kl_worked_examples_and_identities():
    n1, n2 = {"loc": 0.0, "scale": 1.0}, {"loc": 0.0, "scale": 2.0}
    assert sanov.kl_divergence_parametric("normal", n1, n2) == pytest.approx(0.318147, abs=5e-7)
    assert sanov.kl_divergence_parametric("normal", n2, n1) == pytest.approx(0.806853, abs=5e-7)
    # KL(Exp(rate) || Gamma(1, rate)) = 0: the exponential is a gamma of shape 1.
    kl = sanov.kl_divergence_parametric(
        "exponential", {"rate": 1.7}, {"shape": 1.0, "rate": 1.7}, q_family="gamma"
    )
    assert kl == pytest.approx(0.0, abs=1e-15)
    # Non-nested uniform supports: +inf, a value.
    u = sanov.kl_divergence_parametric("uniform", {"low": 0, "high": 2}, {"low": 0, "high": 1})
    assert u == math.inf
    # Bernoulli KL against the discrete KL of the same two-point distributions.
    b = sanov.kl_divergence_parametric("bernoulli", {"p": 0.3}, {"p": 0.6})
    assert b == pytest.approx(sanov.kl_divergence([0.7, 0.3], [0.4, 0.6]), rel=1e-14)


def test_kl_against_numerical_integration():
    integrate = pytest.importorskip("scipy.integrate")
    p, q = stats.gamma(2.5, scale=1 / 1.5), stats.gamma(1.2, scale=1 / 0.8)
    want = integrate.quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)), 0, np.inf)[0]
    got = sanov.kl_divergence_parametric(
        "gamma", {"shape": 2.5, "rate": 1.5}, {"shape": 1.2, "rate": 0.8}
    )
    assert got == pytest.approx(want, rel=1e-8)


def test_against_torch_where_installed():
    torch = pytest.importorskip("torch")
    D = torch.distributions
    got = sanov.kl_divergence_parametric(
        "beta", {"alpha": 2.0, "beta": 3.0}, {"alpha": 0.5, "beta": 1.5}
    )
    want = D.kl_divergence(
        D.Beta(torch.tensor(2.0, dtype=torch.float64), torch.tensor(3.0, dtype=torch.float64)),
        D.Beta(torch.tensor(0.5, dtype=torch.float64), torch.tensor(1.5, dtype=torch.float64)),
    ).item()
    assert got == pytest.approx(want, rel=1e-10)


def test_errors():
    with pytest.raises(sanov.DomainError):
        sanov.differential_entropy("normal", loc=0.0, scale=0.0)
    with pytest.raises(sanov.DomainError):
        sanov.differential_entropy("nosuchfamily", x=1.0)
    with pytest.raises(sanov.DomainError):
        sanov.differential_entropy("poisson", rate=1.0)  # discrete: entropy_parametric
    with pytest.raises(sanov.DomainError):
        sanov.entropy_parametric("bernoulli", p=1.5)
    with pytest.raises(TypeError):
        sanov.differential_entropy("normal", loc=0.0)  # missing scale
    with pytest.raises(TypeError):
        sanov.differential_entropy("normal", loc=0.0, scale=1.0, sigma=2.0)
    with pytest.raises(sanov.DomainError):
        sanov.differential_entropy("mvn", mean=[0.0, 0.0], cov=[[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(sanov.SanovError):
        sanov.kl_divergence_parametric("mvn", {"mean": [0.0], "cov": [[1.0]]},
                                       {"mean": [0.0, 0.0], "cov": np.eye(2)})
    with pytest.raises(sanov.DomainError):
        sanov.kl_divergence_parametric("normal", {"loc": 0, "scale": 1}, {"rate": 1.0},
                                       q_family="poisson")


@pytest.mark.parametrize(
    "ours,theirs",
    [
        (sanov.ln_gamma, special.gammaln),
        (sanov.digamma, special.digamma),
        (lambda x: sanov.trigamma(x), lambda x: special.polygamma(1, x)),
        (sanov.ln_bessel_i0, lambda x: np.log(special.ive(0, x)) + x),
        (sanov.bessel_i1_i0_ratio, lambda x: special.ive(1, x) / special.ive(0, x)),
    ],
)
def test_special_functions_match_scipy(ours, theirs):
    x = np.array([1e-3, 0.1, 0.5, 1.0, 1.4616321449683623, 2.5, 10.0, 123.4, 1e4])
    np.testing.assert_allclose(ours(x), theirs(x), rtol=1e-13, atol=1e-15)
    assert ours(2.5) == pytest.approx(float(theirs(np.array([2.5]))[0]), rel=1e-13)


def test_ln_beta_matches_scipy():
    a = np.array([0.5, 1.0, 3.0, 50.0])
    np.testing.assert_allclose(sanov.ln_beta(a, 2.5), special.betaln(a, 2.5), rtol=1e-13)
