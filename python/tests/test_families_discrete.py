"""Binomial, multinomial, negative binomial and the cross-family KL pairs of torch's registry,
against SciPy (entropies, sums of pmfs) and torch (KL, float64) where installed."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov

stats = pytest.importorskip("scipy.stats")

# SciPy sums its entropies in float64 (expect() or closed sums): agreement to ~1e-12.
TOL_SCIPY = 1e-11
# torch's closed forms in float64.
TOL_TORCH = 1e-11

ENTROPY = [
    ("binomial", {"n": 10, "p": 0.3}, lambda: stats.binom(10, 0.3)),
    ("binomial", {"n": 1000, "p": 0.01}, lambda: stats.binom(1000, 0.01)),
    ("binomial", {"n": 5.0, "p": 0.5}, lambda: stats.binom(5, 0.5)),
    ("negative_binomial", {"n": 2.5, "p": 0.4}, lambda: stats.nbinom(2.5, 0.4)),
    ("negative_binomial", {"n": 1, "p": 0.3}, lambda: stats.nbinom(1, 0.3)),
    ("multinomial", {"n": 6, "p": [0.2, 0.3, 0.5]}, lambda: stats.multinomial(6, [0.2, 0.3, 0.5])),
    ("multinomial", {"n": 40, "p": [0.1, 0.1, 0.3, 0.5]}, lambda: stats.multinomial(40, [0.1, 0.1, 0.3, 0.5])),
]


@pytest.mark.parametrize("family,params,scipy_dist", ENTROPY)
def test_entropy_matches_scipy(family, params, scipy_dist):
    got = sanov.entropy_parametric(family, params)
    assert got == pytest.approx(scipy_dist().entropy(), rel=TOL_SCIPY)
    assert sanov.entropy_parametric(family, params, base=2) == pytest.approx(got / math.log(2), rel=1e-15)


def _kl_by_pmf(p, q, ks):
    lp, lq = p.logpmf(ks), q.logpmf(ks)
    w = np.exp(lp)
    return float(np.sum(np.where(w > 0, w * (lp - lq), 0.0)))


def test_kl_same_and_different_n_against_pmf_sums():
    d = sanov.kl_divergence_parametric("binomial", {"n": 10, "p": 0.3}, {"n": 10, "p": 0.6})
    assert d == pytest.approx(10 * (0.3 * math.log(0.3 / 0.6) + 0.7 * math.log(0.7 / 0.4)), rel=1e-14)
    ks = np.arange(0, 11)
    d = sanov.kl_divergence_parametric("binomial", {"n": 10, "p": 0.3}, {"n": 17, "p": 0.2})
    assert d == pytest.approx(_kl_by_pmf(stats.binom(10, 0.3), stats.binom(17, 0.2), ks), rel=TOL_SCIPY)
    assert sanov.kl_divergence_parametric("binomial", {"n": 11, "p": 0.3}, {"n": 10, "p": 0.3}) == math.inf
    ks = np.arange(0, 2000)
    d = sanov.kl_divergence_parametric("negative_binomial", {"n": 2.5, "p": 0.4}, {"n": 4, "p": 0.5})
    assert d == pytest.approx(_kl_by_pmf(stats.nbinom(2.5, 0.4), stats.nbinom(4, 0.5), ks), rel=TOL_SCIPY)
    d = sanov.kl_divergence_parametric("negative_binomial", {"n": 3, "p": 0.4}, {"n": 3, "p": 0.5})
    assert d == pytest.approx(_kl_by_pmf(stats.nbinom(3, 0.4), stats.nbinom(3, 0.5), ks), rel=TOL_SCIPY)
    p, q = [0.2, 0.3, 0.5], [0.4, 0.4, 0.2]
    d = sanov.kl_divergence_parametric("multinomial", {"n": 7, "p": p}, {"n": 7, "p": q})
    assert d == pytest.approx(7 * sum(a * math.log(a / b) for a, b in zip(p, q)), rel=1e-14)
    assert sanov.kl_divergence_parametric("multinomial", {"n": 7, "p": p}, {"n": 8, "p": p}) == math.inf
    assert sanov.kl_divergence_parametric("multinomial", {"n": 7, "p": p}, {"n": 7, "p": [0.5, 0.5, 0.0]}) == math.inf


def test_identities():
    for p in [0.0, 0.01, 0.5, 0.93, 1.0]:
        b = sanov.entropy_parametric("binomial", n=1, p=p)
        assert b == pytest.approx(sanov.entropy_parametric("bernoulli", p=p), abs=1e-15)
        m = sanov.entropy_parametric("multinomial", n=25, p=[p, 1 - p])
        assert m == sanov.entropy_parametric("binomial", n=25, p=p)
    g = sanov.entropy_parametric("geometric", p=0.3)
    assert sanov.entropy_parametric("negative_binomial", n=1, p=0.3) == pytest.approx(g, rel=1e-13)
    for fam, par in [("binomial", {"n": 9, "p": 0.4}), ("negative_binomial", {"n": 0.7, "p": 0.2}),
                     ("multinomial", {"n": 9, "p": [0.1, 0.9]})]:
        assert sanov.kl_divergence_parametric(fam, par, par) == 0.0


# (p family, p, q family, q): the pairs of torch's KL registry among sanov's families.
CROSS = [
    ("bernoulli", {"p": 0.3}, "poisson", {"rate": 2.0}),
    ("exponential", {"rate": 2.5}, "normal", {"loc": 1.0, "scale": 0.5}),
    ("gamma", {"shape": 3.0, "rate": 2.0}, "normal", {"loc": 0.0, "scale": 2.0}),
    ("beta", {"alpha": 2.0, "beta": 3.0}, "normal", {"loc": 0.5, "scale": 0.1}),
    ("beta", {"alpha": 2.0, "beta": 3.0}, "exponential", {"rate": 3.5}),
    ("beta", {"alpha": 0.5, "beta": 0.5}, "gamma", {"shape": 2.0, "rate": 1.0}),
    ("uniform", {"low": 0.2, "high": 0.7}, "beta", {"alpha": 2.0, "beta": 3.0}),
    ("uniform", {"low": 0.5, "high": 3.0}, "gamma", {"shape": 0.5, "rate": 0.3}),
    ("exponential", {"rate": 1.0}, "beta", {"alpha": 2.0, "beta": 3.0}),
    ("exponential", {"rate": 1.0}, "uniform", {"low": 0.0, "high": 5.0}),
    ("gamma", {"shape": 3.0, "rate": 2.0}, "beta", {"alpha": 2.0, "beta": 3.0}),
    ("gamma", {"shape": 3.0, "rate": 2.0}, "uniform", {"low": 0.0, "high": 5.0}),
    ("laplace", {"loc": 0.0, "scale": 1.0}, "beta", {"alpha": 2.0, "beta": 3.0}),
    ("laplace", {"loc": 0.0, "scale": 1.0}, "exponential", {"rate": 1.0}),
    ("laplace", {"loc": 0.0, "scale": 1.0}, "gamma", {"shape": 3.0, "rate": 2.0}),
    ("laplace", {"loc": 0.0, "scale": 1.0}, "uniform", {"low": 0.0, "high": 5.0}),
    ("normal", {"loc": 0.0, "scale": 1.0}, "beta", {"alpha": 2.0, "beta": 3.0}),
    ("normal", {"loc": 0.0, "scale": 1.0}, "exponential", {"rate": 1.0}),
    ("normal", {"loc": 0.0, "scale": 1.0}, "gamma", {"shape": 3.0, "rate": 2.0}),
    ("poisson", {"rate": 2.0}, "bernoulli", {"p": 0.3}),
    ("poisson", {"rate": 2.0}, "binomial", {"n": 10, "p": 0.3}),
    ("binomial", {"n": 10, "p": 0.3}, "binomial", {"n": 10, "p": 0.6}),
    ("binomial", {"n": 12, "p": 0.3}, "binomial", {"n": 10, "p": 0.6}),
]


def _torch(family, par):
    torch = pytest.importorskip("torch")
    D = torch.distributions
    t = lambda v: torch.tensor(float(v), dtype=torch.float64)  # noqa: E731
    return {
        "bernoulli": lambda: D.Bernoulli(probs=t(par.get("p", 0))),
        "poisson": lambda: D.Poisson(t(par.get("rate", 0))),
        "exponential": lambda: D.Exponential(t(par.get("rate", 0))),
        "normal": lambda: D.Normal(t(par.get("loc", 0)), t(par.get("scale", 0))),
        "gamma": lambda: D.Gamma(t(par.get("shape", 0)), t(par.get("rate", 0))),
        "beta": lambda: D.Beta(t(par.get("alpha", 0)), t(par.get("beta", 0))),
        "uniform": lambda: D.Uniform(t(par.get("low", 0)), t(par.get("high", 0))),
        "laplace": lambda: D.Laplace(t(par.get("loc", 0)), t(par.get("scale", 0))),
        "binomial": lambda: D.Binomial(int(par.get("n", 0)), probs=t(par.get("p", 0))),
    }[family]()


@pytest.mark.parametrize("fp,p,fq,q", CROSS)
def test_cross_pairs_match_torch(fp, p, fq, q):
    torch = pytest.importorskip("torch")
    got = sanov.kl_divergence_parametric(fp, p, q, q_family=fq)
    want = float(torch.distributions.kl_divergence(_torch(fp, p), _torch(fq, q)))
    if math.isinf(want):
        assert got == math.inf
    else:
        assert got == pytest.approx(want, rel=TOL_TORCH, abs=1e-14)
    assert sanov.kl_divergence_parametric(fp, p, q, base="bits", q_family=fq) == pytest.approx(
        got / math.log(2), rel=1e-15
    )


def test_unknown_pair_is_a_domain_error():
    with pytest.raises(sanov.DomainError, match="no closed-form"):
        sanov.kl_divergence_parametric("binomial", {"n": 3, "p": 0.5}, {"rate": 1.0}, q_family="poisson")


@pytest.mark.parametrize(
    "family,params,exc",
    [
        ("binomial", {"n": 2.5, "p": 0.5}, sanov.DomainError),
        ("binomial", {"n": -1, "p": 0.5}, sanov.DomainError),
        ("binomial", {"n": float("nan"), "p": 0.5}, sanov.DomainError),
        ("binomial", {"n": 2**64, "p": 0.5}, sanov.DomainError),
        ("binomial", {"n": 3, "p": 1.5}, sanov.DomainError),
        ("binomial", {"n": 3, "p": float("nan")}, sanov.DomainError),
        ("binomial", {"n": "3", "p": 0.5}, TypeError),
        ("binomial", {"p": 0.5}, TypeError),
        ("binomial", {"n": 3, "p": 0.5, "k": 1}, TypeError),
        ("multinomial", {"n": 3, "p": [0.5, 0.6]}, sanov.DomainError),
        ("multinomial", {"n": 3, "p": [float("nan"), 1.0]}, sanov.DomainError),
        ("multinomial", {"n": 3, "p": [-0.5, 1.5]}, sanov.DomainError),
        ("multinomial", {"n": 3, "p": []}, sanov.ShapeError),
        ("multinomial", {"n": 3, "p": [[0.5, 0.5]]}, sanov.ShapeError),
        ("multinomial", {"n": -2, "p": [0.5, 0.5]}, sanov.DomainError),
        ("negative_binomial", {"n": 0.0, "p": 0.5}, sanov.DomainError),
        ("negative_binomial", {"n": float("nan"), "p": 0.5}, sanov.DomainError),
        ("negative_binomial", {"n": 2.0, "p": 0.0}, sanov.DomainError),
        ("negative_binomial", {"n": 2.0, "p": 1.2}, sanov.DomainError),
    ],
)
def test_errors(family, params, exc):
    with pytest.raises(exc):
        sanov.entropy_parametric(family, params)


def test_more_errors():
    with pytest.raises(sanov.ShapeError):
        sanov.kl_divergence_parametric("multinomial", {"n": 3, "p": [0.5, 0.5]}, {"n": 3, "p": [0.2, 0.3, 0.5]})
    with pytest.raises(sanov.ConvergenceError):
        sanov.entropy_parametric("negative_binomial", n=1, p=1e-9)
    with pytest.raises(sanov.DomainError, match="discrete"):
        sanov.differential_entropy("binomial", n=3, p=0.5)
    with pytest.raises(sanov.DomainError, match="Fisher"):
        sanov.fisher_information("binomial", n=3, p=0.5)
    # numpy integers are ints.
    assert sanov.entropy_parametric("binomial", n=np.int64(4), p=0.5) == pytest.approx(
        stats.binom(4, 0.5).entropy(), rel=TOL_SCIPY
    )
