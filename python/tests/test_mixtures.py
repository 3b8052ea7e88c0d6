"""sanov.diag_gaussian_kl against torch and its closed form; errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sanov

torch = pytest.importorskip("torch")

# torch forms var_ratio − 1 − log(var_ratio) without expm1, losing a few digits near ratio 1.
REL = 1e-10


def _torch_kl(m1, l1, m2, l2):
    t = torch.distributions
    p = t.Normal(torch.tensor(m1), torch.tensor(np.exp(0.5 * l1)))
    q = t.Normal(torch.tensor(m2), torch.tensor(np.exp(0.5 * l2)))
    return t.kl_divergence(p, q).sum(-1).numpy()


def _inputs(seed, b=7, d=5):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(b, d)),
        rng.uniform(-3, 3, size=(b, d)),
        rng.normal(size=(b, d)),
        rng.uniform(-3, 3, size=(b, d)),
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_torch(seed):
    a = _inputs(seed)
    want = _torch_kl(*a)
    got = sanov.diag_gaussian_kl(*a, reduction="none")
    np.testing.assert_allclose(got, want, rtol=REL, atol=0)
    assert sanov.diag_gaussian_kl(*a, reduction="sum") == pytest.approx(want.sum(), rel=REL)
    assert sanov.diag_gaussian_kl(*a) == pytest.approx(want.mean(), rel=REL)
    par = sanov.diag_gaussian_kl(*a, reduction="none", workers=2)
    np.testing.assert_array_equal(par, got)


def test_float32_and_vae_case():
    a = [x.astype(np.float32) for x in _inputs(3)]
    want = _torch_kl(*[x.astype(np.float64) for x in a])
    np.testing.assert_allclose(sanov.diag_gaussian_kl(*a, reduction="none"), want, rtol=REL)
    z = np.zeros_like(a[0])
    np.testing.assert_allclose(
        sanov.diag_gaussian_kl(a[0], a[1], z, z, reduction="none"),
        sanov.vae_kl(a[0], a[1], reduction="none"),
        rtol=1e-6,
    )


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(-5, 5), min_size=4, max_size=4),
)
def test_nonnegative_and_zero_on_equal(v):
    m1, l1, m2, l2 = (np.array([[x]]) for x in v)
    assert sanov.diag_gaussian_kl(m1, l1, m2, l2) >= 0.0
    assert sanov.diag_gaussian_kl(m1, l1, m1, l1) == 0.0


def test_errors():
    a = _inputs(0)
    with pytest.raises(sanov.ShapeError):
        sanov.diag_gaussian_kl(a[0], a[1], a[2][:, :3], a[3])
    with pytest.raises(sanov.ShapeError):
        sanov.diag_gaussian_kl(a[0][0], a[1], a[2], a[3])
    with pytest.raises(sanov.ShapeError):
        e = np.zeros((0, 3))
        sanov.diag_gaussian_kl(e, e, e, e)
    bad = a[3].copy()
    bad[1, 1] = np.nan
    with pytest.raises(sanov.DomainError):
        sanov.diag_gaussian_kl(a[0], a[1], a[2], bad)
    with pytest.raises(sanov.DomainError):
        sanov.diag_gaussian_kl(*a, reduction="max")
    with pytest.raises(TypeError):
        sanov.diag_gaussian_kl("x", a[1], a[2], a[3])
