"""Information geometry and the VAE KL term against SciPy / NumPy (and torch where installed)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov

special = pytest.importorskip("scipy.special")
integrate = pytest.importorskip("scipy.integrate")
stats = pytest.importorskip("scipy.stats")


# --- Fisher information ----------------------------------------------------------------------


def _expect(pdf, score, lo, hi, n=2):
    """E[s s^T] by scipy.integrate.quad (float64; ~1e-10)."""
    m = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            m[i, j] = integrate.quad(lambda x: pdf(x) * score(x)[i] * score(x)[j], lo, hi, limit=200)[0]
    return m


def test_fisher_information_matches_quadrature():
    mu, s = 0.4, 1.7
    got = sanov.fisher_information("normal", loc=mu, scale=s)
    want = _expect(stats.norm(mu, s).pdf, lambda x: [(x - mu) / s**2, -1 / s + (x - mu) ** 2 / s**3], -np.inf, np.inf)
    np.testing.assert_allclose(got, want, rtol=1e-8, atol=1e-10)
    a, b = 2.5, 0.8
    got = sanov.fisher_information("gamma", {"shape": a, "rate": b})
    want = _expect(
        stats.gamma(a, scale=1 / b).pdf,
        lambda x: [math.log(b) + math.log(x) - special.digamma(a), a / b - x],
        0,
        np.inf,
    )
    np.testing.assert_allclose(got, want, rtol=1e-8)
    k = 3.0
    got = sanov.fisher_information("von_mises", loc=0.2, concentration=k)
    A = special.i1(k) / special.i0(k)
    np.testing.assert_allclose(got, np.diag([k * A, 1 - A / k - A * A]), rtol=1e-12)


def test_fisher_information_spec_table():
    p = 0.3
    assert sanov.fisher_information("bernoulli", p=p)[0, 0] == pytest.approx(1 / (p * (1 - p)), rel=1e-15)
    probs = np.array([0.2, 0.5, 0.3])
    want = np.diag(1 / probs[:2]) + 1 / probs[2]
    np.testing.assert_allclose(sanov.fisher_information("categorical", probs=probs), want, rtol=1e-15)
    np.testing.assert_allclose(
        sanov.fisher_information("normal", loc=0, scale=2.0, parameterization="loc_variance"),
        np.diag([0.25, 1 / 32]),
        rtol=1e-15,
    )
    assert sanov.fisher_information("poisson", rate=4.0)[0, 0] == 0.25
    assert sanov.fisher_information("exponential", rate=2.0)[0, 0] == 0.25
    g = sanov.fisher_information("gamma", shape=2.0, rate=4.0)
    np.testing.assert_allclose(g, [[special.polygamma(1, 2.0), -0.25], [-0.25, 0.125]], rtol=1e-14)
    d = sanov.fisher_information("dirichlet", alpha=[1.0, 2.0, 3.0])
    want = np.diag(special.polygamma(1, [1.0, 2.0, 3.0])) - special.polygamma(1, 6.0)
    np.testing.assert_allclose(d, want, rtol=1e-13)
    m = sanov.fisher_information("mvn", mean=[0.0, 1.0], cov=[[2.0, 0.3], [0.3, 1.0]])
    assert m.shape == (5, 5)
    np.testing.assert_allclose(m[:2, :2], np.linalg.inv([[2.0, 0.3], [0.3, 1.0]]), rtol=1e-14)


def test_fisher_information_errors():
    with pytest.raises(sanov.DomainError, match="parameterization"):
        sanov.fisher_information("normal", loc=0, scale=1, parameterization="natural")
    with pytest.raises(sanov.DomainError, match="not a regular family"):
        sanov.fisher_information("uniform", low=0, high=1)
    with pytest.raises(sanov.DomainError):
        sanov.fisher_information("normal", loc=0, scale=-1)
    with pytest.raises(sanov.DomainError):
        sanov.fisher_information("von_mises", loc=0, concentration=-1)
    with pytest.raises(sanov.DomainError):
        sanov.fisher_information("beta", alpha=0, beta=1)
    with pytest.raises(sanov.DomainError):
        sanov.fisher_information("bernoulli", p=1.5)
    with pytest.raises(sanov.DomainError):
        sanov.fisher_information("mvn", mean=[0, 0], cov=[[1, 2], [2, 1]])
    with pytest.raises(TypeError):
        sanov.fisher_information("normal", loc=0)


# --- distances -------------------------------------------------------------------------------


def test_closed_form_distances():
    p, q = np.array([0.2, 0.5, 0.3]), np.array([0.3, 0.3, 0.4])
    want = 2 * math.acos(np.sum(np.sqrt(p * q)))
    assert sanov.fisher_rao_distance("categorical", {"probs": p}, {"probs": q}) == pytest.approx(want, rel=1e-13)
    n = sanov.fisher_rao_distance("normal", {"loc": 0, "scale": 1}, {"loc": 3, "scale": 0.5})
    assert n == pytest.approx(math.sqrt(2) * math.acosh(1 + (9 / 2 + 0.25) / (2 * 0.5)), rel=1e-13)
    assert sanov.fisher_rao_distance("poisson", {"rate": 1.0}, {"rate": 4.0}) == 2.0
    assert sanov.fisher_rao_distance("exponential", {"rate": 1.0}, {"rate": math.e}) == pytest.approx(1.0, rel=1e-15)
    g = sanov.fisher_rao_distance("geometric", {"p": 0.2}, {"p": 0.7})
    quad = integrate.quad(lambda t: 1 / (t * math.sqrt(1 - t)), 0.2, 0.7, epsabs=0, epsrel=1e-13)[0]
    assert g == pytest.approx(quad, rel=1e-11)
    # Near p = q the arcsine form keeps relative accuracy: d ~ |dp| / sqrt(p(1-p)).
    d = sanov.fisher_rao_distance("bernoulli", {"p": 0.5}, {"p": 0.5 + 1e-12})
    assert d == pytest.approx(2e-12, rel=1e-6)


def test_numeric_distances():
    # mvn with equal means: sqrt(1/2 sum ln^2 eig).
    s2 = np.array([[2.0, 0.5], [0.5, 1.0]])
    want = math.sqrt(0.5 * np.sum(np.log(np.linalg.eigvalsh(s2)) ** 2))
    got = sanov.fisher_rao_distance("mvn", {"mean": [0.0, 0.0], "cov": np.eye(2)}, {"mean": [0.0, 0.0], "cov": s2})
    assert got == pytest.approx(want, rel=1e-8)
    a = sanov.fisher_rao_distance("gamma", {"shape": 2.0, "rate": 1.0}, {"shape": 5.0, "rate": 3.0})
    b = sanov.fisher_rao_distance("gamma", {"shape": 5.0, "rate": 3.0}, {"shape": 2.0, "rate": 1.0})
    assert a == pytest.approx(b, rel=1e-9) and a > 0
    # Local check: d^2 ~ 2 KL for nearby members.
    p, q = {"loc": 0.3, "concentration": 2.0}, {"loc": 0.3001, "concentration": 2.0002}
    d = sanov.fisher_rao_distance("von_mises", p, q)
    kl = sanov.kl_divergence_parametric("von_mises", p, q)
    assert d * d == pytest.approx(2 * kl, rel=1e-3)


def test_distance_errors():
    with pytest.raises(sanov.ShapeError):
        sanov.fisher_rao_distance("categorical", {"probs": [0.5, 0.5]}, {"probs": [0.2, 0.3, 0.5]})
    with pytest.raises(sanov.ShapeError):
        sanov.fisher_rao_distance("dirichlet", {"alpha": [1.0, 2.0]}, {"alpha": [1.0, 2.0, 3.0]})
    with pytest.raises(sanov.DomainError):
        sanov.fisher_rao_distance("uniform", {"low": 0, "high": 1}, {"low": 0, "high": 2})
    with pytest.raises(sanov.DomainError):
        sanov.fisher_rao_distance("gamma", {"shape": 0.0, "rate": 1.0}, {"shape": 1.0, "rate": 1.0})


# --- geodesics, natural gradient, regulariser --------------------------------------------------


def test_geodesic_paths():
    path = sanov.fisher_rao_geodesic("normal", {"loc": 0, "scale": 1}, {"loc": 3, "scale": 0.5}, n_points=5)
    assert path.shape == (5, 2)
    d = sanov.fisher_rao_distance("normal", {"loc": 0, "scale": 1}, {"loc": 3, "scale": 0.5})
    steps = [
        sanov.fisher_rao_distance("normal", {"loc": a[0], "scale": a[1]}, {"loc": b[0], "scale": b[1]})
        for a, b in zip(path[:-1], path[1:])
    ]
    np.testing.assert_allclose(steps, d / 4, rtol=1e-12)
    c = sanov.fisher_rao_geodesic("categorical", {"probs": [1.0, 0.0]}, {"probs": [0.0, 1.0]}, n_points=3)
    np.testing.assert_allclose(c[1], [0.5, 0.5], rtol=1e-15)
    with pytest.raises(sanov.DomainError):
        sanov.fisher_rao_geodesic("gamma", {"shape": 1, "rate": 1}, {"shape": 2, "rate": 1})
    with pytest.raises(sanov.DomainError):
        sanov.fisher_rao_geodesic("normal", {"loc": 0, "scale": 1}, {"loc": 0, "scale": 2}, n_points=1)


def test_natural_gradient():
    ng = sanov.natural_gradient("gamma", {"shape": 2.0, "rate": 3.0}, [0.3, -1.2])
    i = sanov.fisher_information("gamma", shape=2.0, rate=3.0)
    np.testing.assert_allclose(i @ ng, [0.3, -1.2], rtol=1e-13)
    with pytest.raises(sanov.ShapeError):
        sanov.natural_gradient("normal", {"loc": 0, "scale": 1}, [1.0])
    with pytest.raises(sanov.DomainError):
        sanov.natural_gradient("normal", {"loc": 0, "scale": 1}, [1.0, np.nan])
    with pytest.raises(sanov.DomainError):
        sanov.natural_gradient("categorical", {"probs": [0.0, 0.5, 0.5]}, [1.0, 1.0])


def test_regularizer_gradient_by_finite_differences():
    ref = {"loc": -1.0, "scale": 0.7}
    value, grad = sanov.fisher_rao_regularizer("normal", {"loc": 0.3, "scale": 1.5}, ref)
    f = lambda m, s: sanov.fisher_rao_distance("normal", {"loc": m, "scale": s}, ref) ** 2
    h = 1e-6
    assert value == pytest.approx(f(0.3, 1.5), rel=1e-14)
    assert grad[0] == pytest.approx((f(0.3 + h, 1.5) - f(0.3 - h, 1.5)) / (2 * h), rel=1e-6)
    assert grad[1] == pytest.approx((f(0.3, 1.5 + h) - f(0.3, 1.5 - h)) / (2 * h), rel=1e-6)
    v, g = sanov.fisher_rao_regularizer("categorical", {"probs": [0.2, 0.8]}, {"probs": [0.2, 0.8]})
    assert v == 0.0 and np.all(g == 0.0)


# --- the VAE KL term -------------------------------------------------------------------------


def _numpy_vae(mu, lv):
    return -0.5 * np.sum(1 + lv - mu**2 - np.exp(lv), axis=1)


# float32 on AVX-512: e^lv in float32 (relative error < 1.2e-7), the rest in float64, so each
# row is within 1.2e-7 * 0.5 * sum(e^lv) of the float64 value (vae_kl docs).
F32_EXP_REL = 1.2e-7


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_vae_kl_matches_numpy(dtype):
    rng = np.random.default_rng(0)
    mu = rng.normal(size=(64, 37)).astype(dtype)
    lv = rng.normal(scale=2.0, size=(64, 37)).astype(dtype)
    mu64, lv64 = mu.astype(np.float64), lv.astype(np.float64)
    want = _numpy_vae(mu64, lv64)
    exp_rel = F32_EXP_REL if dtype == np.float32 else 0.0
    row_tol = 1e-12 * want + exp_rel * 0.5 * np.exp(lv64).sum(axis=1)
    assert np.all(np.abs(sanov.vae_kl(mu, lv, reduction="none") - want) <= row_tol)
    assert sanov.vae_kl(mu, lv, reduction="sum") == pytest.approx(want.sum(), abs=row_tol.sum())
    assert sanov.vae_kl(mu, lv) == pytest.approx(want.mean(), abs=row_tol.mean())
    loss, gmu, glv = sanov.vae_kl_with_grad(mu, lv)
    assert gmu.dtype == dtype and glv.dtype == dtype
    assert loss == pytest.approx(want.mean(), abs=row_tol.mean())
    tol = 1e-6 if dtype == np.float32 else 1e-14
    np.testing.assert_allclose(gmu, mu / 64, rtol=tol)
    # e^lv - 1 is formed in f64 (absolute error ~1e-16 (1 + e^lv), plus exp_rel e^lv from a
    # float32 exponential), then scaled and rounded to the dtype once.
    want_glv = 0.5 * np.expm1(lv64) / 64
    err = np.abs(glv.astype(np.float64) - want_glv)
    assert np.all(err <= tol * np.abs(want_glv) + (1e-15 * (1 + np.exp(lv64)) + exp_rel * 0.5 * np.exp(lv64)) / 64)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_vae_kl_with_grad_out(dtype):
    rng = np.random.default_rng(3)
    mu = rng.normal(size=(9, 40)).astype(dtype)
    lv = rng.normal(scale=2.0, size=(9, 40)).astype(dtype)
    want = sanov.vae_kl_with_grad(mu, lv, reduction="sum")
    gmu, glv = np.full_like(mu, np.nan), np.full_like(lv, np.nan)
    got = sanov.vae_kl_with_grad(mu, lv, reduction="sum", out=(gmu, glv))
    assert got[0] == want[0] and got[1] is gmu and got[2] is glv
    np.testing.assert_array_equal(gmu, want[1])
    np.testing.assert_array_equal(glv, want[2])
    # Non-contiguous buffers (views with a stride) are filled too.
    big = np.zeros((9, 80), dtype=dtype)
    g2 = np.zeros_like(mu)
    sanov.vae_kl_with_grad(mu, lv, reduction="sum", out=(big[:, ::2], g2))
    np.testing.assert_array_equal(big[:, ::2], want[1])
    np.testing.assert_array_equal(big[:, 1::2], 0)
    other = np.float64 if dtype == np.float32 else np.float32
    with pytest.raises(TypeError):
        sanov.vae_kl_with_grad(mu, lv, out=(np.zeros(mu.shape, other), np.zeros(mu.shape, other)))
    with pytest.raises(TypeError):
        sanov.vae_kl_with_grad(mu, lv, out=gmu)
    with pytest.raises(sanov.ShapeError):
        sanov.vae_kl_with_grad(mu, lv, out=(gmu, np.zeros((9, 41), dtype)))
    with pytest.raises(sanov.DomainError):
        sanov.vae_kl_with_grad(mu, lv, out=(gmu, gmu))


def test_vae_kl_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    mu = rng.normal(size=(16, 8))
    lv = rng.normal(size=(16, 8))
    q = torch.distributions.Normal(torch.tensor(mu), torch.exp(0.5 * torch.tensor(lv)))
    p = torch.distributions.Normal(torch.zeros(16, 8, dtype=torch.float64), torch.ones(16, 8, dtype=torch.float64))
    want = torch.distributions.kl_divergence(q, p).sum(dim=1).numpy()
    np.testing.assert_allclose(sanov.vae_kl(mu, lv, reduction="none"), want, rtol=1e-12)
    # Autograd gradients of the batch mean.
    tm = torch.tensor(mu, requires_grad=True)
    tl = torch.tensor(lv, requires_grad=True)
    (-0.5 * torch.sum(1 + tl - tm**2 - tl.exp(), dim=1)).mean().backward()
    _, gmu, glv = sanov.vae_kl_with_grad(mu, lv)
    np.testing.assert_allclose(gmu, tm.grad.numpy(), rtol=1e-14)
    np.testing.assert_allclose(glv, tl.grad.numpy(), rtol=1e-12)


def test_gaussian_kl_matches_torch():
    torch = pytest.importorskip("torch")
    kl = sanov.kl_divergence_parametric("normal", {"loc": 0.3, "scale": 1.2}, {"loc": -1.0, "scale": 0.4})
    want = torch.distributions.kl_divergence(
        torch.distributions.Normal(torch.tensor(0.3, dtype=torch.float64), torch.tensor(1.2, dtype=torch.float64)),
        torch.distributions.Normal(torch.tensor(-1.0, dtype=torch.float64), torch.tensor(0.4, dtype=torch.float64)),
    ).item()
    assert kl == pytest.approx(want, rel=1e-13)


def test_vae_kl_errors():
    z = np.zeros((2, 3))
    with pytest.raises(sanov.ShapeError):
        sanov.vae_kl(z, np.zeros((2, 4)))
    with pytest.raises(sanov.ShapeError):
        sanov.vae_kl(np.zeros(3), np.zeros(3))
    with pytest.raises(sanov.ShapeError):
        sanov.vae_kl(np.zeros((0, 3)), np.zeros((0, 3)))
    bad = z.copy()
    bad[1, 2] = np.nan
    with pytest.raises(sanov.DomainError, match=r"mu\[5\]"):
        sanov.vae_kl(bad, z)
    with pytest.raises(sanov.DomainError):
        sanov.vae_kl(z, z, reduction="max")
    with pytest.raises(sanov.DomainError):
        sanov.vae_kl_with_grad(z, z, reduction="none")
    # Mixed dtypes are promoted to float64.
    assert sanov.vae_kl(z.astype(np.float32), z) == 0.0
