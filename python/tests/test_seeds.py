"""The Python doors of the seeds of issue #22 (items 2-4) and the temperature of item 7.

Each quantity is checked against an independent computation: torch (float64) for the VAE
loss, mpmath (50 digits) direct sums for the ELBO and the KL chain rule, mpmath numerical
differentiation of closed-form KL divergences for the KL Hessian, exact (Fraction / mpmath)
inverses of closed-form Fisher matrices for the Cramer-Rao bound, SciPy / NumPy for the
affine entropy rule, mpmath quadrature of the Irwin-Hall density for the entropic CLT, and
SciPy / mpmath for the softmax at a temperature and the Gibbs state.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sanov

mp = pytest.importorskip("mpmath")
special = pytest.importorskip("scipy.special")
stats = pytest.importorskip("scipy.stats")

mp.mp.dps = 50

# Relative tolerance against 50-digit references for sums of a few terms (a few ulps).
REL_SUM = 1e-13
# Relative tolerance of the Cramer-Rao bound (a Cholesky inverse of a small matrix).
REL_CRB = 1e-13
# Relative tolerance of the KL Hessian (Richardson-extrapolated central differences; the
# rustdoc states about 1e-9, the Rust tests use 1e-7).
REL_HESSIAN = 1e-7
# Relative tolerance of the entropic CLT against mpmath (the Rust tests: 1e-13 for n <= 10).
REL_CLT = 1e-13
# Softmax against mpmath / SciPy, per unit of (1 + |log p|): the exponent's rounding.
REL_SOFTMAX = 2e-15


def rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def simplex(g: np.random.Generator, *shape: int) -> np.ndarray:
    a = g.random(shape) + 0.05
    return a / a.sum(axis=-1, keepdims=True)


# --- ELBO --------------------------------------------------------------------------------


def elbo_mpmath(prior, lik, x, q):
    prior = [mp.mpf(float(v)) for v in prior]
    q = [mp.mpf(float(v)) for v in q]
    joint = [prior[z] * mp.mpf(float(lik[z][x])) for z in range(len(prior))]
    px = mp.fsum(joint)
    post = [j / px for j in joint]
    elbo = mp.fsum(q[z] * mp.log(joint[z] / q[z]) for z in range(len(q)) if q[z] > 0)
    kl = mp.fsum(q[z] * mp.log(q[z] / post[z]) for z in range(len(q)) if q[z] > 0)
    return float(elbo), float(mp.log(px)), float(kl)


@pytest.mark.parametrize("seed", range(6))
def test_elbo_against_mpmath(seed: int) -> None:
    g = rng(seed)
    k, m = 2 + seed, 3 + seed % 3
    prior, lik, q = simplex(g, k), simplex(g, k, m), simplex(g, k)
    x = int(g.integers(m))
    r = sanov.elbo(prior, lik, x, q)
    assert isinstance(r, sanov.Elbo)
    want = elbo_mpmath(prior, lik, x, q)
    for got, w in zip((r.elbo, r.log_px, r.kl), want):
        assert got == pytest.approx(w, rel=REL_SUM, abs=1e-15)
    assert r.identity_holds
    assert abs(r.residual) <= 1e-12 * (1 + abs(r.log_px))
    assert r.kl >= 0 and r.elbo <= r.log_px


def test_elbo_exact_posterior_and_infinite_case() -> None:
    # p(x=1) = 9/16; q = (1/2, 1/2, 0): ELBO = -2 ln 2, KL = ln(9/4) (hand-derived).
    r = sanov.elbo([0.5, 0.25, 0.25], [[0.5, 0.5], [0.75, 0.25], [0.0, 1.0]], 1, [0.5, 0.5, 0.0])
    assert r.log_px == pytest.approx(math.log(9 / 16), rel=1e-15)
    assert r.elbo == pytest.approx(-2 * math.log(2), rel=1e-15)
    assert r.kl == pytest.approx(math.log(9 / 4), rel=1e-15)
    # q outside the posterior's support: ELBO = -inf, KL = inf, no finite residual
    r = sanov.elbo([0.5, 0.5], [[1.0, 0.0], [0.0, 1.0]], 0, [0.5, 0.5])
    assert r.elbo == -math.inf and r.kl == math.inf and r.residual is None and r.identity_holds


@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(2, 8), st.integers(1, 6))
@settings(max_examples=60, deadline=None)
def test_elbo_identity_property(seed: int, k: int, m: int) -> None:
    g = rng(seed)
    prior, lik, q = simplex(g, k), simplex(g, k, m), simplex(g, k)
    r = sanov.elbo(prior, lik, int(g.integers(m)), q)
    assert r.identity_holds and r.kl >= -1e-15


def test_elbo_errors() -> None:
    lik = [[0.5, 0.5], [0.5, 0.5]]
    with pytest.raises(sanov.ShapeError):
        sanov.elbo([], lik, 0, [0.5, 0.5])
    with pytest.raises(sanov.ShapeError):
        sanov.elbo([0.5, 0.5], lik, 0, [1.0])
    with pytest.raises(sanov.ShapeError):
        sanov.elbo([0.5, 0.5], [0.5, 0.5], 0, [0.5, 0.5])
    with pytest.raises(sanov.DomainError):
        sanov.elbo([0.5, 0.5], lik, 2, [0.5, 0.5])
    with pytest.raises(sanov.DomainError):
        sanov.elbo([0.5, 0.5], lik, -1, [0.5, 0.5])
    with pytest.raises(sanov.DomainError):
        sanov.elbo([0.5, 0.6], lik, 0, [0.5, 0.5])
    with pytest.raises(sanov.DomainError):
        sanov.elbo([0.5, 0.5], [[0.5, 0.5], [math.nan, 0.5]], 0, [0.5, 0.5])
    with pytest.raises(sanov.DomainError):
        sanov.elbo([0.5, 0.5], [[1.0, 0.0], [1.0, 0.0]], 1, [0.5, 0.5])  # p(x) = 0
    with pytest.raises(TypeError):
        sanov.elbo([0.5, 0.5], lik, 0.5, [0.5, 0.5])
    with pytest.raises(TypeError):
        sanov.elbo([0.5, 0.5], lik, 0, "ab")


# --- VAE loss ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("beta", [0.0, 1.0, 4.0])
def test_vae_loss_against_torch(seed: int, beta: float) -> None:
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    g = rng(seed)
    recon = g.uniform(0.01, 0.99, size=(3, 5))
    target = g.uniform(0.0, 1.0, size=(3, 5))
    mu, lv = g.normal(size=(3, 2)), g.normal(scale=0.5, size=(3, 2))
    t = lambda a: torch.tensor(a, dtype=torch.float64)  # noqa: E731
    kl = (-0.5 * torch.sum(1 + t(lv) - t(mu) ** 2 - t(lv).exp())).item()
    bce = F.binary_cross_entropy(t(recon), t(target), reduction="sum").item()
    gau = F.gaussian_nll_loss(
        t(recon), t(target), torch.ones(3, 5, dtype=torch.float64), reduction="sum"
    ).item()
    r = sanov.vae_loss(recon, target, mu, lv, beta=beta)
    assert isinstance(r, sanov.VaeLoss)
    assert r.reconstruction == pytest.approx(bce, rel=1e-14)
    assert r.kl == pytest.approx(kl, rel=1e-14)
    assert r.total == pytest.approx(bce + beta * kl, rel=1e-14)
    r = sanov.vae_loss(recon, target, mu, lv, beta, likelihood="gaussian")
    assert r.reconstruction == pytest.approx(gau, rel=1e-14)
    assert r.total == pytest.approx(gau + beta * kl, rel=1e-14)


def test_vae_loss_no_clamp() -> None:
    # PyTorch clamps ln 0 at -100; sanov returns the true value.
    r = sanov.vae_loss([0.0], [1.0], [[0.0]], [[0.0]])
    assert r.reconstruction == math.inf and r.total == math.inf


def test_vae_loss_errors() -> None:
    mu = [[0.0]]
    with pytest.raises(sanov.DomainError, match="beta"):
        sanov.vae_loss([0.5], [1.0], mu, mu, beta=-1.0)
    with pytest.raises(sanov.DomainError, match="beta"):
        sanov.vae_loss([0.5], [1.0], mu, mu, beta=math.nan)
    with pytest.raises(sanov.DomainError):
        sanov.vae_loss([1.5], [1.0], mu, mu)
    with pytest.raises(sanov.DomainError, match="likelihood"):
        sanov.vae_loss([0.5], [1.0], mu, mu, likelihood="poisson")
    with pytest.raises(sanov.ShapeError):
        sanov.vae_loss([0.5, 0.5], [1.0], mu, mu)
    with pytest.raises(sanov.ShapeError):
        sanov.vae_loss([[0.5, 0.5]], [[0.5], [0.5]], mu, mu)
    with pytest.raises(sanov.ShapeError):
        sanov.vae_loss([0.5], [1.0], [0.0], [0.0])
    with pytest.raises(sanov.ShapeError):
        sanov.vae_loss([0.5], [1.0], mu, [[0.0, 0.0]])
    with pytest.raises(sanov.ShapeError):
        sanov.vae_loss([], [], mu, mu, likelihood="gaussian")
    with pytest.raises(sanov.DomainError):
        sanov.vae_loss([math.nan], [1.0], mu, mu, likelihood="gaussian")
    with pytest.raises(TypeError):
        sanov.vae_loss([0.5], [1.0], mu, mu, beta="x")
    with pytest.raises(TypeError):
        sanov.vae_loss(["a"], [1.0], mu, mu)


# --- KL chain rule ---------------------------------------------------------------------------


def chain_mpmath(p, q):
    def term(a, b):
        if a == 0:
            return mp.mpf(0)
        return mp.inf if b == 0 else a * mp.log(a / b)

    p = [[mp.mpf(float(v)) for v in row] for row in p]
    q = [[mp.mpf(float(v)) for v in row] for row in q]
    joint = mp.fsum(term(a, b) for pr, qr in zip(p, q) for a, b in zip(pr, qr))
    px, qx = [mp.fsum(r) for r in p], [mp.fsum(r) for r in q]
    marginal = mp.fsum(term(a, b) for a, b in zip(px, qx))
    cond = mp.fsum(
        px[i] * mp.fsum(term(a / px[i], b / qx[i]) for a, b in zip(p[i], q[i]))
        for i in range(len(p))
        if px[i] > 0
    )
    return float(joint), float(marginal), float(cond)


@pytest.mark.parametrize("seed", range(6))
def test_kl_chain_rule_against_direct_sums(seed: int) -> None:
    g = rng(seed)
    nx, ny = 2 + seed % 3, 2 + seed
    p = simplex(g, nx * ny).reshape(nx, ny)
    q = simplex(g, nx * ny).reshape(nx, ny)
    r = sanov.kl_chain_rule(p, q)
    assert isinstance(r, sanov.KlChainRule)
    joint, marginal, cond = chain_mpmath(p, q)
    assert r.joint == pytest.approx(joint, rel=REL_SUM)
    assert r.marginal == pytest.approx(marginal, rel=REL_SUM, abs=1e-16)
    assert r.conditional == pytest.approx(cond, rel=REL_SUM)
    assert r.total == pytest.approx(r.joint, rel=REL_SUM)
    # scipy's rel_entr for the joint term, and the unit conversion
    assert r.joint == pytest.approx(special.rel_entr(p, q).sum(), rel=1e-13)
    b = sanov.kl_chain_rule(p, q, base=2)
    assert b.joint == pytest.approx(joint / math.log(2), rel=REL_SUM)


def test_kl_chain_rule_conventions() -> None:
    r = sanov.kl_chain_rule([[0.25, 0.25], [0.5, 0.0]], [[0.25, 0.25], [0.25, 0.25]], base=2)
    assert (r.marginal, r.conditional, r.joint) == pytest.approx((0.0, 0.5, 0.5), abs=1e-15)
    r = sanov.kl_chain_rule([[0.5, 0.0], [0.0, 0.5]], [[0.0, 0.5], [0.0, 0.5]])
    assert r.joint == math.inf and r.marginal == 0.0 and r.conditional == math.inf


@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(1, 5), st.integers(1, 5))
@settings(max_examples=60, deadline=None)
def test_kl_chain_rule_property(seed: int, nx: int, ny: int) -> None:
    g = rng(seed)
    p = simplex(g, nx * ny).reshape(nx, ny)
    q = simplex(g, nx * ny).reshape(nx, ny)
    r = sanov.kl_chain_rule(p, q)
    assert r.total == pytest.approx(r.joint, rel=1e-12, abs=1e-15)
    assert r.marginal >= -1e-15 and r.conditional >= -1e-15


def test_kl_chain_rule_errors() -> None:
    ok = [[0.5, 0.5]]
    with pytest.raises(sanov.ShapeError):
        sanov.kl_chain_rule(np.zeros((0, 2)), ok)
    with pytest.raises(sanov.ShapeError):
        sanov.kl_chain_rule(ok, [[0.5], [0.5]])
    with pytest.raises(sanov.ShapeError):
        sanov.kl_chain_rule([0.5, 0.5], [0.5, 0.5])
    with pytest.raises(sanov.DomainError):
        sanov.kl_chain_rule([[0.5, math.nan]], ok)
    with pytest.raises(sanov.DomainError):
        sanov.kl_chain_rule(ok, [[1.5, -0.5]])
    with pytest.raises(sanov.DomainError):
        sanov.kl_chain_rule(ok, [[0.5, 0.4]])
    with pytest.raises(TypeError):
        sanov.kl_chain_rule([["a", "b"]], ok)
    with pytest.raises(TypeError):
        sanov.kl_chain_rule(ok, ok, base=[2])


# --- Cramer-Rao bound ------------------------------------------------------------------------


def inverse_mp(m) -> list[list[float]]:
    inv = mp.matrix([[mp.mpf(v) for v in row] for row in m]) ** -1
    return [[float(inv[i, j]) for j in range(inv.cols)] for i in range(inv.rows)]


def trigamma(x) -> mp.mpf:
    return mp.psi(1, mp.mpf(x))


def test_cramer_rao_exact_closed_forms() -> None:
    # categorical first_k_minus_1: (diag p - p p^T) / n, exactly in fractions
    p = [Fraction(1, 5), Fraction(3, 10), Fraction(1, 2)]
    b = sanov.cramer_rao_bound("categorical", {"probs": [float(v) for v in p]}, n=5)
    for i in range(2):
        for j in range(2):
            want = ((p[i] if i == j else 0) - p[i] * p[j]) / 5
            assert b[i, j] == pytest.approx(float(want), rel=REL_CRB, abs=1e-17)
    assert sanov.cramer_rao_bound("bernoulli", p=0.3, n=10)[0, 0] == pytest.approx(0.021, rel=1e-15)
    b = sanov.cramer_rao_bound("normal", {"loc": 1.0, "scale": 2.0}, n=4)
    np.testing.assert_allclose(b, [[1.0, 0.0], [0.0, 0.5]], rtol=1e-15)
    assert sanov.cramer_rao_bound("poisson", rate=3.0, n=6)[0, 0] == pytest.approx(0.5, rel=1e-15)
    assert sanov.cramer_rao_bound("exponential", rate=2.0)[0, 0] == pytest.approx(4.0, rel=1e-15)
    assert sanov.cramer_rao_bound("geometric", p=0.25)[0, 0] == pytest.approx(
        0.25**2 * 0.75, rel=1e-15
    )
    assert sanov.cramer_rao_bound("laplace", loc=0.0, scale=3.0, n=3)[1, 1] == pytest.approx(
        3.0, rel=1e-15
    )


@pytest.mark.parametrize(
    ("family", "params", "fisher"),
    [
        (
            "gamma",
            {"shape": 2.5, "rate": 1.5},
            lambda: [[trigamma(2.5), -1 / mp.mpf(1.5)], [-1 / mp.mpf(1.5), 2.5 / mp.mpf(1.5) ** 2]],
        ),
        (
            "beta",
            {"alpha": 2.0, "beta": 3.0},
            lambda: [
                [trigamma(2) - trigamma(5), -trigamma(5)],
                [-trigamma(5), trigamma(3) - trigamma(5)],
            ],
        ),
        (
            "dirichlet",
            {"alpha": [1.5, 2.0, 3.0]},
            lambda: [
                [(trigamma(a) if i == j else 0) - trigamma(6.5) for j in range(3)]
                for i, a in enumerate([1.5, 2.0, 3.0])
            ],
        ),
    ],
)
@pytest.mark.parametrize("n", [1, 7])
def test_cramer_rao_against_mpmath_inverse(family, params, fisher, n) -> None:
    want = np.array(inverse_mp(fisher())) / n
    got = sanov.cramer_rao_bound(family, params, n=n)
    np.testing.assert_allclose(got, want, rtol=REL_CRB, atol=1e-15 * np.abs(want).max())
    np.testing.assert_array_equal(got, got.T)


def test_cramer_rao_mvn_is_the_inverse_fisher() -> None:
    cov = [[2.0, 0.3], [0.3, 1.0]]
    f = sanov.fisher_information("mvn", mean=[0.0, 1.0], cov=cov)
    want = np.array(inverse_mp(f.tolist())) / 3
    got = sanov.cramer_rao_bound("mvn", {"mean": [0.0, 1.0], "cov": cov}, n=3)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    # the mean block is cov / n
    np.testing.assert_allclose(got[:2, :2], np.array(cov) / 3, rtol=1e-14)


def test_cramer_rao_errors() -> None:
    with pytest.raises(sanov.DomainError, match="n"):
        sanov.cramer_rao_bound("bernoulli", p=0.5, n=0)
    with pytest.raises(sanov.DomainError):
        sanov.cramer_rao_bound("bernoulli", p=0.5, n=-1)
    with pytest.raises(sanov.DomainError):
        sanov.cramer_rao_bound("bernoulli", p=0.0)
    with pytest.raises(sanov.DomainError):
        sanov.cramer_rao_bound("uniform", low=0.0, high=1.0)
    with pytest.raises(sanov.DomainError):
        sanov.cramer_rao_bound("normal", loc=0.0, scale=-1.0)
    with pytest.raises(sanov.DomainError):
        sanov.cramer_rao_bound("nope", loc=0.0)
    with pytest.raises(sanov.ShapeError):
        sanov.cramer_rao_bound("categorical", probs=[1.0])
    with pytest.raises(TypeError):
        sanov.cramer_rao_bound("normal", loc=0.0, scale=1.0, n=2.5)
    with pytest.raises(TypeError):
        sanov.cramer_rao_bound("normal", loc=0.0)


# --- KL Hessian ------------------------------------------------------------------------------


def kl_normal(m1, s1):
    return lambda m2, s2: mp.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - mp.mpf(1) / 2


def kl_gamma(a1, b1):
    return lambda a2, b2: (
        (a1 - a2) * mp.psi(0, a1) - mp.loggamma(a1) + mp.loggamma(a2)
        + a2 * (mp.log(b1) - mp.log(b2)) + a1 * (b2 - b1) / b1
    )


def kl_beta(a1, b1):
    return lambda a2, b2: (
        mp.log(mp.beta(a2, b2) / mp.beta(a1, b1)) + (a1 - a2) * mp.psi(0, a1)
        + (b1 - b2) * mp.psi(0, b1) + (a2 - a1 + b2 - b1) * mp.psi(0, a1 + b1)
    )


def kl_categorical(p):
    p = [mp.mpf(v) for v in p]
    return lambda *t: mp.fsum(
        a * mp.log(a / b) for a, b in zip(p, list(t) + [1 - mp.fsum(t)])
    )


def hessian_mp(f, theta) -> np.ndarray:
    d = len(theta)
    h = np.zeros((d, d))
    x = [mp.mpf(v) for v in theta]
    for i in range(d):
        for j in range(d):
            order = [0] * d
            order[i] += 1
            order[j] += 1
            h[i, j] = float(mp.diff(f, x, tuple(order)))
    return h


@pytest.mark.parametrize(
    ("family", "params", "kl", "theta"),
    [
        ("normal", {"loc": -1.0, "scale": 0.7}, kl_normal(mp.mpf(-1), mp.mpf("0.7")), [-1.0, 0.7]),
        ("gamma", {"shape": 2.5, "rate": 1.5}, kl_gamma(mp.mpf("2.5"), mp.mpf("1.5")), [2.5, 1.5]),
        ("beta", {"alpha": 2.0, "beta": 3.0}, kl_beta(mp.mpf(2), mp.mpf(3)), [2.0, 3.0]),
        ("categorical", {"probs": [0.2, 0.3, 0.5]}, kl_categorical(["0.2", "0.3", "0.5"]), [0.2, 0.3]),
        (
            "poisson",
            {"rate": 4.0},
            lambda r: 4 * mp.log(4 / r) - 4 + r,
            [4.0],
        ),
        (
            "bernoulli",
            {"p": 0.3},
            lambda q: mp.mpf("0.3") * mp.log(mp.mpf("0.3") / q)
            + mp.mpf("0.7") * mp.log(mp.mpf("0.7") / (1 - q)),
            [0.3],
        ),
    ],
)
def test_kl_hessian_against_mpmath_differentiation(family, params, kl, theta) -> None:
    want = hessian_mp(kl, theta)
    got = sanov.kl_hessian(family, params)
    scale = np.abs(want).max()
    np.testing.assert_allclose(got, want, rtol=0, atol=REL_HESSIAN * scale)
    # and it is the Fisher matrix
    np.testing.assert_allclose(
        got, sanov.fisher_information(family, params), rtol=0, atol=REL_HESSIAN * scale
    )


@pytest.mark.parametrize(
    ("family", "params"),
    [
        ("exponential", {"rate": 0.5}),
        ("dirichlet", {"alpha": [1.5, 2.0, 3.0]}),
        ("von_mises", {"loc": 0.5, "concentration": 2.0}),
        ("geometric", {"p": 0.3}),
        ("mvn", {"mean": [0.5, -1.0], "cov": [[2.0, 0.3], [0.3, 1.0]]}),
    ],
)
def test_kl_hessian_equals_fisher(family, params) -> None:
    f = sanov.fisher_information(family, params)
    h = sanov.kl_hessian(family, **params)
    np.testing.assert_allclose(h, f, rtol=0, atol=REL_HESSIAN * np.abs(f).max())


def test_kl_hessian_errors() -> None:
    with pytest.raises(sanov.DomainError):
        sanov.kl_hessian("uniform", low=0.0, high=1.0)
    with pytest.raises(sanov.DomainError):
        sanov.kl_hessian("categorical", probs=[0.0, 1.0])  # a step leaves the simplex
    with pytest.raises(sanov.DomainError):
        sanov.kl_hessian("normal", loc=0.0, scale=0.0)
    with pytest.raises(TypeError):
        sanov.kl_hessian("normal", loc=0.0, zz=1.0)
    with pytest.raises(TypeError):
        sanov.kl_hessian(3, loc=0.0, scale=1.0)


# --- differential-entropy rules ----------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_entropy_affine_against_scipy(seed: int) -> None:
    g = rng(seed)
    d = 1 + seed
    r = g.normal(size=(d, d))
    cov = r @ r.T + d * np.eye(d)
    a = g.normal(size=(d, d))
    hx = stats.multivariate_normal(np.zeros(d), cov).entropy()
    hy = stats.multivariate_normal(np.zeros(d), a @ cov @ a.T).entropy()
    assert sanov.entropy_affine(hx, a) == pytest.approx(hy, rel=1e-12, abs=1e-12)
    _, logdet = np.linalg.slogdet(a)
    assert sanov.entropy_affine(0.0, a) == pytest.approx(logdet, rel=1e-12, abs=1e-13)
    assert sanov.entropy_affine(hx / math.log(2), a, base=2) == pytest.approx(
        hy / math.log(2), rel=1e-12, abs=1e-12
    )


def test_entropy_affine_no_overflow() -> None:
    # det = 1e400: beyond float64, its log is not
    a = np.diag([1e200, 1e200])
    assert sanov.entropy_affine(1.0, a) == pytest.approx(1.0 + 400 * math.log(10), rel=1e-15)


def test_entropy_affine_errors() -> None:
    with pytest.raises(sanov.DomainError, match="det_a"):
        sanov.entropy_affine(0.0, [[1.0, 2.0], [2.0, 4.0]])
    with pytest.raises(sanov.ShapeError):
        sanov.entropy_affine(0.0, [[1.0, 2.0]])
    with pytest.raises(sanov.ShapeError):
        sanov.entropy_affine(0.0, np.zeros((0, 0)))
    with pytest.raises(sanov.ShapeError):
        sanov.entropy_affine(0.0, [1.0])
    with pytest.raises(sanov.DomainError):
        sanov.entropy_affine(math.nan, [[1.0]])
    with pytest.raises(sanov.DomainError):
        sanov.entropy_affine(0.0, [[math.inf]])
    with pytest.raises(TypeError):
        sanov.entropy_affine("x", [[1.0]])


def h_zn_mpmath(n: int) -> float:
    """h(Z_n) from the exact piecewise-polynomial Irwin-Hall density (mpmath quadrature)."""
    mp.mp.dps = 30
    try:

        def f(x, j):
            return mp.fsum(
                (-1) ** k * math.comb(n, k) * (x - k) ** (n - 1) for k in range(j + 1)
            ) / math.factorial(n - 1)

        total = mp.mpf(0)
        for j in range(n):
            total += mp.quad(
                lambda x, j=j: (lambda v: v * mp.log(v) if v > 0 else mp.mpf(0))(f(x, j)),
                [j, j + 1],
            )
        return float(-total - mp.log(mp.mpf(n) / 12) / 2)
    finally:
        mp.mp.dps = 50


@pytest.mark.parametrize("n", [2, 3, 4, 6])
def test_entropic_clt_against_mpmath(n: int) -> None:
    assert sanov.entropic_clt(n) == pytest.approx(h_zn_mpmath(n), rel=REL_CLT)


def test_entropic_clt_increases_to_the_normal() -> None:
    assert sanov.entropic_clt(1) == pytest.approx(math.log(math.sqrt(12)), rel=1e-15)
    h = [sanov.entropic_clt(n) for n in (1, 2, 5, 20, 200)]
    normal = sanov.differential_entropy("normal", loc=0.0, scale=1.0)
    assert all(a < b for a, b in zip(h, h[1:])) and h[-1] < normal
    assert normal - h[-1] < 1e-4
    assert sanov.entropic_clt(3, base="bits") == pytest.approx(
        sanov.entropic_clt(3) / math.log(2), rel=1e-15
    )


def test_entropic_clt_errors() -> None:
    for n in (0, 201, -1, 2**70):
        with pytest.raises(sanov.DomainError):
            sanov.entropic_clt(n)
    with pytest.raises(TypeError):
        sanov.entropic_clt(2.0)
    with pytest.raises(TypeError):
        sanov.entropic_clt("3")


# --- temperature: softmax, log_softmax, gibbs ----------------------------------------------------


def softmax_mp(x, t):
    y = [mp.mpf(float(v)) / mp.mpf(t) for v in x]
    m = max(y)
    ln_s = mp.log(mp.fsum(mp.e ** (v - m) for v in y))
    ls = [(v - m) - ln_s for v in y]
    return [float(mp.e**v) for v in ls], [float(v) for v in ls]


@pytest.mark.parametrize("t", [1.0, 0.5, 2.0, 0.01, 100.0, 1e-200])
def test_softmax_temperature_against_mpmath_and_scipy(t: float) -> None:
    x = np.array([[1.5, -0.25, 3.0, 0.0], [1000.0, 999.0, -1000.0, 998.5]])
    s = sanov.softmax(x, temperature=t)
    ls = sanov.log_softmax(x, temperature=t)
    for i, row in enumerate(x):
        sm, lsm = softmax_mp(row, t)
        for j in range(len(row)):
            w = sm[j]
            tol = REL_SOFTMAX * (1 + abs(lsm[j])) * w + 1e-300
            assert abs(s[i, j] - w) <= tol, (i, j, s[i, j], w)
            assert ls[i, j] == pytest.approx(lsm[j], rel=REL_SOFTMAX, abs=REL_SOFTMAX)
    if t >= 0.01:  # x / t is representable: SciPy's softmax of the divided logits
        np.testing.assert_allclose(s, special.softmax(x / t, axis=1), rtol=1e-13, atol=1e-300)
        np.testing.assert_allclose(
            ls, special.log_softmax(x / t, axis=1), rtol=1e-13, atol=1e-13
        )


def test_softmax_temperature_defaults_and_float32() -> None:
    x = np.array([[0.3, -1.0, 2.0]])
    np.testing.assert_array_equal(sanov.softmax(x), sanov.softmax(x, temperature=1.0))
    np.testing.assert_array_equal(sanov.softmax(2 * x, temperature=2.0), sanov.softmax(x))
    x32 = x.astype(np.float32)
    s = sanov.softmax(x32, temperature=0.5)
    assert s.dtype == np.float32
    np.testing.assert_allclose(s, special.softmax(x / 0.5, axis=1), rtol=1e-6)
    assert sanov.log_softmax(x32, temperature=3.0).dtype == np.float32


@pytest.mark.parametrize("t", [0.0, -1.0, math.nan, math.inf, -math.inf])
def test_softmax_temperature_errors(t: float) -> None:
    for f in (sanov.softmax, sanov.log_softmax):
        with pytest.raises(sanov.DomainError, match="temperature"):
            f([[0.0, 1.0]], temperature=t)


def test_softmax_temperature_type_errors() -> None:
    for f in (sanov.softmax, sanov.log_softmax):
        with pytest.raises(TypeError):
            f([[0.0, 1.0]], temperature="hot")
        with pytest.raises(TypeError):
            f([[0.0, 1.0]], 2.0)  # keyword-only


def gibbs_mp(e, t):
    t = mp.mpf(t)
    w = [mp.e ** (-mp.mpf(v) / t) for v in e]
    z = mp.fsum(w)
    p = [v / z for v in w]
    u = mp.fsum(a * mp.mpf(v) for a, v in zip(p, e))
    s = -mp.fsum(a * mp.log(a) for a in p)
    return [float(v) for v in p], float(-t * mp.log(z)), float(u), float(s)


@pytest.mark.parametrize("t", [1.0, 0.05, 0.5, 3.0, 1e3])
def test_gibbs_against_mpmath(t: float) -> None:
    e = [10.0, 10.5, 11.0, 12.25]
    g = sanov.gibbs(e, t)
    p, f, u, s = gibbs_mp(e, t)
    assert g.free_energy == pytest.approx(f, rel=1e-13)
    assert g.internal_energy == pytest.approx(u, rel=1e-13)
    assert g.entropy == pytest.approx(s, rel=1e-13)
    assert g.free_energy == pytest.approx(g.internal_energy - t * g.entropy, rel=1e-13)
    np.testing.assert_allclose(g.probabilities, p, rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(
        g.probabilities, sanov.softmax([[-v for v in e]], temperature=t)[0], rtol=1e-13
    )


@given(
    st.lists(st.floats(-50, 50), min_size=1, max_size=8),
    st.floats(min_value=1e-3, max_value=1e3),
)
@settings(max_examples=100, deadline=None)
def test_gibbs_free_energy_identity(e: list[float], t: float) -> None:
    g = sanov.gibbs(e, temperature=t)
    scale = max(abs(g.free_energy), abs(g.internal_energy), t * abs(g.entropy), 1e-300)
    assert abs(g.free_energy - (g.internal_energy - t * g.entropy)) <= 1e-12 * scale
    assert -1e-15 <= g.entropy <= math.log(len(e)) + 1e-12


def test_gibbs_default_temperature() -> None:
    a, b = sanov.gibbs([0.0, 1.0]), sanov.gibbs([0.0, 1.0], 1.0)
    np.testing.assert_array_equal(a.probabilities, b.probabilities)
    assert a[1:] == b[1:]
    with pytest.raises(sanov.DomainError):
        sanov.gibbs([0.0, 1.0], temperature=0.0)
    with pytest.raises(TypeError):
        sanov.gibbs([0.0, 1.0], temperature="cold")
