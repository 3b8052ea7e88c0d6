"""Batched (axis=) forms against row loops; nan_policy; workers."""

from __future__ import annotations

import math

import numpy as np
import pytest

import sanov
from conftest import random_dist

UNARY = [
    (sanov.entropy, {}),
    (sanov.entropy, {"base": 2}),
    (sanov.renyi_entropy, {"alpha": 2.0}),
    (sanov.tsallis_entropy, {"q": 0.5}),
]
BINARY = [
    (sanov.cross_entropy, {}),
    (sanov.kl_divergence, {"base": "bits"}),
    (sanov.js_divergence, {}),
    (sanov.js_distance, {}),
    (sanov.hellinger_distance, {}),
    (sanov.total_variation_distance, {}),
    (sanov.chi2_divergence, {}),
]


@pytest.fixture
def mats(rng):
    p = np.stack([random_dist(rng, 33, zeros=True) for _ in range(20)])
    q = np.stack([random_dist(rng, 33) for _ in range(20)])
    return p, q


@pytest.mark.parametrize(("f", "kw"), UNARY)
def test_unary_rows_and_columns(mats, f, kw):
    p, _ = mats
    rows = np.array([f(r, **kw) for r in p])
    np.testing.assert_allclose(f(p, axis=1, **kw), rows, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(f(p, axis=-1, **kw), rows, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(f(p.T, axis=0, **kw), rows, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(f(p, axis=1, workers=2, **kw), rows, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(f(p.astype(np.float32), axis=1, **kw), rows, rtol=1e-5, atol=1e-6)
    with pytest.raises(sanov.ShapeError, match="axis"):
        f(p, **kw)
    with pytest.raises(sanov.ShapeError):
        f(p, axis=2, **kw)
    # N-d input (issue #17 item 5): the lanes along axis, the other axes kept.
    np.testing.assert_allclose(f(p[None], axis=2, **kw), rows[None], rtol=1e-14, atol=1e-16)
    with pytest.raises(sanov.ShapeError):
        f(p[None], axis=3, **kw)
    # axis on a 1-D input is the 1-D computation.
    assert f(p[0], axis=0, **kw) == f(p[0], **kw)


@pytest.mark.parametrize(("f", "kw"), BINARY)
def test_binary_rows_and_broadcast(mats, f, kw):
    p, q = mats
    rows = np.array([f(a, b, **kw) for a, b in zip(p, q)])
    np.testing.assert_allclose(f(p, q, axis=1, **kw), rows, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(f(p.T, q.T, axis=0, **kw), rows, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(f(p, q, axis=1, workers=0, **kw), rows, rtol=1e-13, atol=1e-16)
    one = np.array([f(a, q[0], **kw) for a in p])
    np.testing.assert_allclose(f(p, q[0], axis=1, **kw), one, rtol=1e-13, atol=1e-16)
    other = np.array([f(p[0], b, **kw) for b in q])
    np.testing.assert_allclose(f(p[0], q, axis=1, **kw), other, rtol=1e-13, atol=1e-16)
    with pytest.raises(sanov.ShapeError):
        f(p, q[:5], axis=1, **kw)
    with pytest.raises(sanov.ShapeError):
        f(p, q[0][:5], axis=1, **kw)
    with pytest.raises(sanov.ShapeError):
        f(p, q, **kw)


def test_batch_errors_name_the_row(mats):
    p, _ = mats
    p = p.copy()
    p[3, 4] = -0.1
    with pytest.raises(sanov.DomainError, match=r"p\[103\]"):
        sanov.entropy(p, axis=1)
    p[3, 4] = 0.5
    with pytest.raises(sanov.DomainError, match="sums to"):
        sanov.entropy(p, axis=1)


@pytest.mark.parametrize(("f", "kw"), UNARY)
def test_nan_policy_unary(mats, f, kw):
    p, _ = mats
    p = p.copy()
    p[2, 0] = math.nan
    with pytest.raises(sanov.DomainError):
        f(p, axis=1, **kw)
    out = f(p, axis=1, nan_policy="propagate", **kw)
    assert math.isnan(out[2])
    ok = np.delete(np.arange(len(p)), 2)
    np.testing.assert_allclose(out[ok], [f(p[i], **kw) for i in ok], rtol=1e-14)
    assert math.isnan(f(p[2], nan_policy="propagate", **kw))
    # "omit" (issue #17 item 5) drops the NaN entry: the row no longer sums to 1.
    with pytest.raises(sanov.DomainError, match="sums to"):
        f(p, axis=1, nan_policy="omit", **kw)


@pytest.mark.parametrize(("f", "kw"), BINARY)
def test_nan_policy_binary(mats, f, kw):
    p, q = mats
    q = q.copy()
    q[5, 1] = math.nan
    with pytest.raises(sanov.DomainError):
        f(p, q, axis=1, **kw)
    out = f(p, q, axis=1, nan_policy="propagate", **kw)
    assert math.isnan(out[5]) and not np.isnan(np.delete(out, 5)).any()
    assert math.isnan(f(p[5], q[5], nan_policy="propagate", **kw))


def test_normalize_batched(rng):
    counts = rng.integers(1, 10, size=(6, 4))
    want = np.array([sanov.entropy(r / r.sum()) for r in counts])
    np.testing.assert_allclose(sanov.entropy(counts, axis=1, normalize=True), want, rtol=1e-14)
    np.testing.assert_allclose(
        sanov.entropy(counts.T, axis=0, normalize=True), want, rtol=1e-14
    )


def test_large_parallel_matches_sequential(rng):
    p = random_dist(rng, 1_000_000)
    assert sanov.entropy(p, workers=2) == pytest.approx(sanov.entropy(p), rel=1e-13)
    q = random_dist(rng, 1_000_000)
    assert sanov.kl_divergence(p, q, workers=0) == pytest.approx(
        sanov.kl_divergence(p, q), rel=1e-12
    )
